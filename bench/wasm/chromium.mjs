// chromium.mjs — the WebAssembly modules timed where people use them: in
// Debian's headless Chromium (playwright-core), in pages bundled by
// web/bundle.mjs opened from file:// offline. bench/wasm/run.sh prints
// its lines beside the command timings. Medians, in milliseconds:
//
//   load      each module from the page's base64 to a ready instance
//             (decode, WebAssembly.compile, instantiate), each sample in a
//             fresh browser context, so that no compiled code is reused
//             (11 samples); target at most 50 ms;
//   grade     one Waltham Forest audit through wasm/rubric.mjs's
//             gradeRecord: a fresh instance, the rubric's JSON loaded, the
//             audit graded (median of 50, after 5); target at most 2 ms;
//   compile   the Waltham Forest rubric (with its include) to JSON through
//             compile(), the module already compiled (median of 20, after
//             3), to set against the native rubricc;
//   results   the results page (web/results.html) grading a file of
//             10,000 audits: from pressing "Grade the audits" to the
//             results drawn (median of 3), and of that the grading itself
//             (the page's own clock); target at most 5 s.
//
// Usage: node chromium.mjs MODULE-PAGE.html RESULTS.html RUBRIC.rubric THEMES.rubric
//                          RUBRIC.json AUDITS-10K.jsonl
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from '../../tests/html/chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../../tests/node_modules/playwright-core');
const [modulePage, resultsPage, source, themes, rubricJson, audits] = process.argv.slice(2).map((path) => resolve(path));

const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// A fresh offline context with every request refused, and a page in it.
async function openPage(browser, path) {
    const context = await browser.newContext({ offline: true });
    const url = pathToFileURL(path).href;
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return { context, page };
}

// In the page: module NAME from its data block to an instance, timed.
function loadModule(name) {
    const started = performance.now();
    const block = document.querySelector(`script[data-wasm="${name}"]`);
    const text = atob(block.textContent.replace(/\s+/g, ''));
    const bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
    return WebAssembly.compile(bytes).then((module) => {
        const imports = { wasi_snapshot_preview1: Object.fromEntries(WebAssembly.Module.imports(module)
            .map(({ name: imported }) => [imported, () => 0])) };
        new WebAssembly.Instance(module, imports);
        return performance.now() - started;
    });
}

const browser = await chromium.launch(CHROMIUM);
const figures = {};
try {
    for (const name of ['rubric-grade', 'rubricc']) {
        const samples = [];
        for (let sample = 0; sample < 11; sample++) {
            const { context, page } = await openPage(browser, modulePage);
            samples.push(await page.evaluate(loadModule, name));
            await context.close();
        }
        figures[name] = median(samples);
    }

    const { context, page } = await openPage(browser, modulePage);
    await page.waitForFunction(() => document.getElementById('state').dataset.state === 'ready');
    const timed = await page.evaluate(({ text, included, json, audit }) => {
        const rubric = window.rubricPage;
        const times = (count, warm, run) => {
            for (let index = 0; index < warm; index++) run();
            const list = [];
            for (let index = 0; index < count; index++) {
                const started = performance.now();
                run();
                list.push(performance.now() - started);
            }
            return list;
        };
        const graded = rubric.gradeRecord(json, audit);
        if (graded.status !== 0 || !graded.result) throw new Error(`the audit was not graded: ${graded.stderr}`);
        return {
            grade: times(50, 5, () => rubric.gradeRecord(json, audit)),
            compile: times(20, 3, () => rubric.compile(text, { includes: { 'shared/themes.rubric': included } })),
        };
    }, { text: readFileSync(source, 'utf8'), included: readFileSync(themes, 'utf8'),
         json: readFileSync(rubricJson, 'utf8'), audit: readFileSync(audits, 'utf8').split('\n')[0] });
    figures.grade = median(timed.grade);
    figures.compile = median(timed.compile);
    await context.close();

    const rounds = [];
    const gradings = [];
    for (let round = 0; round < 3; round++) {
        const opened = await openPage(browser, resultsPage);
        await opened.page.setInputFiles('#rubric_file', rubricJson);
        await opened.page.setInputFiles('#audit_files', audits);
        await opened.page.waitForFunction(() => document.getElementById('audits_chosen').children.length === 1);
        const started = performance.now();
        await opened.page.click('#grade');
        await opened.page.waitForFunction(() => !document.getElementById('results').hidden, null, { timeout: 120000 });
        rounds.push(performance.now() - started);
        gradings.push(Number(await opened.page.evaluate(() => document.body.dataset.gradingMs)));
        await opened.context.close();
    }
    figures.results = median(rounds);
    figures.resultsGrading = median(gradings);
} finally {
    await browser.close();
}
const ms = (value) => value.toFixed(1);
console.log(`load rubric-grade.wasm ${ms(figures['rubric-grade'])} ms, rubricc.wasm ${ms(figures.rubricc)} ms; `
            + `grade one audit ${ms(figures.grade)} ms; compile the rubric ${ms(figures.compile)} ms; `
            + `results page, 10,000 audits ${(figures.results / 1000).toFixed(2)} s `
            + `(the grading itself ${(figures.resultsGrading / 1000).toFixed(2)} s)`);
