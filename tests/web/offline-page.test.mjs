// offline-page.test.mjs — a page bundled by web/bundle.mjs works opened
// from file:// with the network cut, and its answers are the native
// programs' byte for byte. In Debian's headless Chromium (playwright-core):
// the browser context is offline and every request is aborted and
// counted (there must be none); any console error (a refused script, a
// policy violation) fails the test. In the page, through wasm/rubric.mjs
// over the modules it carries:
//
//   1. every shipped rubric (rubrics/*.rubric, with shared/themes.rubric
//      as its include) compiled to JSON, guidance page, audit form and CSV
//      template, and its diagnostics as JSON;
//   2. each sample file (examples/*-audits.jsonl and .csv) graded, with
//      the JSON compiled in the page, as the main job grades it: records,
//      summary, report page and the errors on stderr; with moderation
//      where the sample has moderators' gradings.
//
// The same command lines run natively in a scratch folder holding the same
// files; exit status, stdout, stderr and every file written must be equal.
// A fetch from the page must be refused by its policy.
//
// Usage: node tests/web/offline-page.test.mjs NATIVE_BUILD PAGE.html WORKDIR
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { CHROMIUM } from '../html/chromium.mjs';
import { finishRun, openOffline } from './offline-browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const [nativeBuild, pagePath, work] = process.argv.slice(2).map((path) => resolve(path));
if (!work) {
    console.error('usage: node tests/web/offline-page.test.mjs NATIVE_BUILD PAGE.html WORKDIR');
    process.exit(2);
}
rmSync(work, { recursive: true, force: true });
const failures = [];
let checks = 0;
const check = (label, made, expected) => {
    checks++;
    if (made !== expected) failures.push(`${label}: the page's differs from the native program's`
                                          + ` (${String(made).length} against ${String(expected).length} characters)`);
};

// Runs PROGRAM natively with ARGS in a fresh folder holding FILES; returns
// what the page's run returns: status, stdout, stderr and the texts written.
let runs = 0;
function native(program, args, files, outputs) {
    const folder = join(work, `native-${++runs}`);
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, name)), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    let result;
    try {
        const stdout = execFileSync(join(nativeBuild, program), args, { cwd: folder, encoding: 'utf8',
                                                                       stdio: ['ignore', 'pipe', 'pipe'] });
        result = { status: 0, stdout, stderr: '' };
    } catch (error) {
        if (error.status === null) throw error;
        result = { status: error.status, stdout: error.stdout, stderr: error.stderr };
    }
    result.files = {};
    for (const name of outputs) {
        try {
            result.files[name] = readFileSync(join(folder, name), 'utf8');
        } catch {
            result.files[name] = undefined;
        }
    }
    return result;
}

// Runs PROGRAM in the page with the same ARGS and FILES.
function inPage(page, program, args, files, outputs) {
    return page.evaluate(({ program, args, files, outputs }) => {
        const run = window.rubricPage.run(program, args, files);
        return { status: run.status, stdout: run.stdout, stderr: run.stderr,
                 files: Object.fromEntries(outputs.map((name) => [name, run.text(name)])) };
    }, { program, args, files, outputs });
}

async function compareRun(page, label, program, args, files, outputs) {
    const made = await inPage(page, program, args, files, outputs);
    const expected = native(program, args, files, outputs);
    check(`${label}: exit status`, made.status, expected.status);
    check(`${label}: stdout`, made.stdout, expected.stdout);
    check(`${label}: stderr`, made.stderr, expected.stderr);
    for (const name of outputs) check(`${label}: ${name}`, made.files[name], expected.files[name]);
    return made;
}

const started = performance.now();
const browser = await chromium.launch(CHROMIUM);
try {
    // The refusal of the test's own fetch (below) is the one error expected.
    const { context, page, requests } = await openOffline(browser, pagePath, failures,
                                                               { expectedError: 'data:text/plain,x' });
    await page.waitForFunction(() => document.getElementById('state').dataset.state !== 'loading');
    const state = await page.textContent('#state');
    if (state !== 'Ready.') throw new Error(`the page did not load its modules: ${state}`);

    // 1. The shipped rubrics, compiled in the page.
    const themes = readFileSync('rubrics/shared/themes.rubric', 'utf8');
    const compiled = {};
    for (const file of readdirSync('rubrics').filter((name) => name.endsWith('.rubric')).sort()) {
        const source = readFileSync(join('rubrics', file), 'utf8');
        const id = /^rubric: *(.*)$/m.exec(source)[1];
        const outputs = [`out/${id}.json`, `out/${id}.html`, `out/${id}-form.html`, `out/${id}-template.csv`,
                         'diagnostics.json'];
        const made = await compareRun(page, file, 'rubricc',
                                      ['--emit', 'json,html,form,csv-template', '-o', 'out',
                                       '--diagnostics-format=json', '--diagnostics-output=diagnostics.json', file],
                                      { [file]: source, 'shared/themes.rubric': themes }, outputs);
        if (made.files[`out/${id}.json`] === undefined) failures.push(`${file}: the page compiled no JSON`);
        compiled[id] = made.files[`out/${id}.json`];
    }
    if (!compiled['waltham-forest-case-audit-grading-criteria']) failures.push('no Waltham Forest rubric compiled');

    // 2. The sample audits, graded in the page with the JSON it compiled.
    const samples = readdirSync('examples').filter((name) => /-audits\.(jsonl|csv)$/.test(name)).sort();
    for (const sample of samples) {
        const audits = readFileSync(join('examples', sample), 'utf8');
        const id = Object.keys(compiled).find((candidate) => audits.includes(candidate));
        if (!id) {
            failures.push(`${sample}: names none of the shipped rubrics`);
            continue;
        }
        const files = { [`${id}.json`]: compiled[id], [sample]: audits };
        await compareRun(page, sample, 'rubric-grade',
                         ['--rubric', `${id}.json`, '--summary', '--summary-output', 'summary.txt',
                          '--report', 'report.html', '-o', 'grades.jsonl', sample],
                         files, ['summary.txt', 'report.html', 'grades.jsonl']);
        const moderation = sample.replace(/-audits\.jsonl$/, '-moderation.jsonl');
        if (moderation === sample) continue;
        let second;
        try {
            second = readFileSync(join('examples', moderation), 'utf8');
        } catch {
            continue;
        }
        await compareRun(page, `${sample} with ${moderation}`, 'rubric-grade',
                         ['--rubric', `${id}.json`, '--quiet', '--moderate', '--report', 'report.html',
                          '-o', 'moderation.json', sample, moderation],
                         { ...files, [moderation]: second }, ['report.html', 'moderation.json']);
    }

    // Nothing may leave the page: a fetch is refused by its policy.
    const fetched = await page.evaluate(() => fetch('data:text/plain,x').then(() => 'fetched', () => 'refused'));
    check('a fetch from the page', fetched, 'refused');
    if (requests.length > 0) failures.push(`${requests.length} request(s) left the page: ${requests.join(', ')}`);
    await context.close();
} finally {
    await browser.close();
}

finishRun('web-offline', pagePath, checks, failures, started, work, '0 requests allowed');
