// inline-wasm.mjs — the page's side of web/bundle.mjs: the WebAssembly
// modules a bundled page carries as base64 data blocks
// (<script type="application/octet-stream" data-wasm="NAME">), decoded to
// bytes, and wasm/rubric.mjs loaded over them. Nothing is fetched.
//
//   import { loadInlineRubric } from '../web/inline-wasm.mjs';
//   const rubric = await loadInlineRubric();   // rubric.compile, gradeBatch, run …
import { loadRubric } from '../wasm/rubric.mjs';

// The bytes of the module NAME ('rubricc', 'rubric-grade'), or undefined
// when the page does not carry it.
export function inlineWasm(name) {
    const block = document.querySelector(`script[type="application/octet-stream"][data-wasm="${name}"]`);
    if (!block) return undefined;
    const text = atob(block.textContent.replace(/\s+/g, ''));
    const bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
    return bytes;
}

// wasm/rubric.mjs over the modules the page carries (either may be absent:
// a page that only grades carries only rubric-grade).
export function loadInlineRubric() {
    return loadRubric({ compiler: inlineWasm('rubricc'), grader: inlineWasm('rubric-grade') });
}
