// module-page.mjs — the script of tests/web/module-page.html: loads the
// modules the page carries (web/inline-wasm.mjs) and hands wasm/rubric.mjs
// to the test as window.rubricPage; the state paragraph says when it is
// ready, or why it failed.
import { loadInlineRubric } from '../../web/inline-wasm.mjs';

const state = document.getElementById('state');
loadInlineRubric().then((rubric) => {
    window.rubricPage = rubric;
    state.textContent = 'Ready.';
    state.dataset.state = 'ready';
}, (error) => {
    state.textContent = `The modules did not load: ${error.message}`;
    state.dataset.state = 'failed';
});
