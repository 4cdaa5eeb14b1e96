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
//             openGrader, as the audit form's live grade does: the
//             rubric loaded once into an instance kept, then each call
//             grades the audit and writes its record (200 calls, after
//             20, timed in fives as a page's clock is coarse: the median
//             of the forty); target at most 2 ms. Beside it, the whole
//             command for one audit (run()): a fresh instance, the
//             rubric's JSON loaded, the audit graded (median of 20, after
//             3); and the browser's processor time per audit, over 2,000
//             calls more;
//   compile   the Waltham Forest rubric (with its include) to JSON through
//             compile(), the module already compiled (median of 20, after
//             3), to set against the native rubricc;
//   results   the results page (web/results.html) grading a file of
//             10,000 audits: from pressing "Grade the audits" to the
//             results drawn (median of 3), and of that the grading itself
//             (the page's own clock); target at most 5 s; and the
//             processor time the browser spent on it (../browser-cpu.mjs),
//             which a busy machine does not inflate as it does the wall
//             clock.
//
// Usage: node chromium.mjs MODULE-PAGE.html RESULTS.html RUBRIC.rubric THEMES.rubric
//                          RUBRIC.json AUDITS-10K.jsonl
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from '../../tests/html/chromium.mjs';
import { browserCpu, cpuText } from '../browser-cpu.mjs';
import { decodeBase64 } from '../../web/inline-wasm.mjs';

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

// In the page: module NAME from its data block to an instance, timed,
// decoded by DECODE (web/inline-wasm.mjs's decodeBase64, handed in by
// loadModuleIn).
function loadModule(name, decode) {
    const started = performance.now();
    const block = document.querySelector(`script[data-wasm="${name}"]`);
    const bytes = decode(block.textContent);
    return WebAssembly.compile(bytes).then((module) => {
        const imports = { wasi_snapshot_preview1: Object.fromEntries(WebAssembly.Module.imports(module)
            .map(({ name: imported }) => [imported, () => 0])) };
        new WebAssembly.Instance(module, imports);
        return performance.now() - started;
    });
}

// loadModule in PAGE, with the pages' own decoder: both functions go to
// the page as source, as page.evaluate sends any function.
function loadModuleIn(page, name) {
    return page.evaluate(`(${loadModule})(${JSON.stringify(name)}, ${decodeBase64})`);
}

const browser = await chromium.launch(CHROMIUM);
const figures = {};
try {
    for (const name of ['rubric-grade', 'rubricc']) {
        const samples = [];
        for (let sample = 0; sample < 11; sample++) {
            const { context, page } = await openPage(browser, modulePage);
            samples.push(await loadModuleIn(page, name));
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
        const grader = rubric.openGrader(json);
        window.keptGrader = grader;
        const graded = grader.grade(audit);
        if (graded.status !== 0 || !graded.result) throw new Error(`the audit was not graded: ${graded.stderr}`);
        const command = ['--quiet', '--rubric', 'rubric.json', 'audit.jsonl'];
        const given = { 'rubric.json': json, 'audit.jsonl': `${audit}\n` };
        if (rubric.run('rubric-grade', command, given).stdout !== graded.stdout)
            throw new Error('the kept grader and the command wrote different records');
        return {
            // in fives, as a page's clock is coarse (0.1 ms): 200 calls
            grade: times(40, 4, () => {
                for (let call = 0; call < 5; call++) grader.grade(audit);
            }).map((five) => five / 5),
            command: times(20, 3, () => rubric.run('rubric-grade', command, given)),
            compile: times(20, 3, () => rubric.compile(text, { includes: { 'shared/themes.rubric': included } })),
        };
    }, { text: readFileSync(source, 'utf8'), included: readFileSync(themes, 'utf8'),
         json: readFileSync(rubricJson, 'utf8'), audit: readFileSync(audits, 'utf8').split('\n')[0] });
    figures.grade = median(timed.grade);
    figures.command = median(timed.command);
    // the browser's processor time per audit, over 2,000 more (the
    // kernel counts in 10 ms ticks)
    const gradeCpu = browserCpu();
    const cpuBeforeGrading = gradeCpu();
    await page.evaluate((audit) => {
        for (let call = 0; call < 2000; call++) window.keptGrader.grade(audit);
    }, readFileSync(audits, 'utf8').split('\n')[0]);
    figures.gradeCpu = (gradeCpu() - cpuBeforeGrading) / 2000;
    figures.compile = median(timed.compile);
    await context.close();

    const rounds = [];
    const gradings = [];
    const processor = [];
    const cpu = browserCpu();
    for (let round = 0; round < 3; round++) {
        const opened = await openPage(browser, resultsPage);
        await opened.page.setInputFiles('#rubric_file', rubricJson);
        await opened.page.setInputFiles('#audit_files', audits);
        await opened.page.waitForFunction(() => document.getElementById('audits_chosen').children.length === 1);
        const started = performance.now();
        const cpuBefore = cpu();
        await opened.page.click('#grade');
        await opened.page.waitForFunction(() => !document.getElementById('results').hidden, null, { timeout: 120000 });
        rounds.push(performance.now() - started);
        processor.push(cpu() - cpuBefore);
        gradings.push(Number(await opened.page.evaluate(() => document.body.dataset.gradingMs)));
        await opened.context.close();
    }
    figures.results = median(rounds);
    figures.resultsGrading = median(gradings);
    figures.resultsCpu = median(processor);
} finally {
    await browser.close();
}
const ms = (value) => value.toFixed(1);
console.log(`load rubric-grade.wasm ${ms(figures['rubric-grade'])} ms, rubricc.wasm ${ms(figures.rubricc)} ms; `
            + `grade one audit ${figures.grade.toFixed(3)} ms (processor time `
            + `${Number.isNaN(figures.gradeCpu) ? 'n/a' : `${figures.gradeCpu.toFixed(3)} ms`}; `
            + `the whole command ${ms(figures.command)} ms); `
            + `compile the rubric ${ms(figures.compile)} ms; `
            + `results page, 10,000 audits ${(figures.results / 1000).toFixed(2)} s `
            + `(the grading itself ${(figures.resultsGrading / 1000).toFixed(2)} s; `
            + `processor time of the browser ${cpuText(figures.resultsCpu)})`);
