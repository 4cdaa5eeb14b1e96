// live.mjs — the audit form's live grade timed as an auditor uses it, in
// Debian's headless Chromium (playwright-core), the form opened from
// file:// offline. Criteria are graded one click at a time, in the form's
// order, a random box each (a fixed seed; one not ticked already, so each
// click changes a grade); for each click, in
// milliseconds: from the click to the rules' grade of every section and
// the overall redrawn (the form's script builds the record, the page runs
// rubric-grade --partial in WebAssembly over it, and the boxes are filled).
// The page does it all in the click's own event handlers, so the click's
// dispatch returns only when the grades are shown. Target: at most 16 ms
// (median), one frame at 60 Hz. Also the page's size (target: at most
// 1.5 MB) and its time from opening until the grader is ready.
//
// Usage: node bench/form/live.mjs FORM.html [CLICKS]
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from '../../tests/html/chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../../tests/node_modules/playwright-core');
const pagePath = resolve(process.argv[2]);
const CLICKS = Number(process.argv[3] ?? 200);
const SIZE_TARGET = 1.5 * 1000 * 1000;
const TIME_TARGET = 16;

const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, share) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1,
                                                                                  Math.floor(values.length * share))];

const browser = await chromium.launch(CHROMIUM);
let status = 0;
try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(pagePath).href;
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    const opened = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    if (!(await page.evaluate(() => document.getElementById('form_rubric_json') !== null))) {
        console.log(`bench-form: ${pagePath} has no live grade (written without --grader-module)`);
        process.exit(1);
    }
    await page.waitForSelector('#form_audit[data-rules-ready]');
    const ready = performance.now() - opened;
    const times = await page.evaluate((clicks) => {
        let seed = 20261205;
        const random = (size) => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return Math.floor((seed / 2147483648) * size);
        };
        const form = document.getElementById('form_audit');
        const rows = [...form.querySelectorAll('fieldset[data-criterion]')]
            .map((fieldset) => [...fieldset.querySelectorAll('input[type=radio]')]);
        const measured = [];
        for (let click = 0; click < clicks; click++) {
            const boxes = rows[click % rows.length].filter((candidate) => !candidate.checked);
            const box = boxes[random(boxes.length)];
            const before = Number(form.getAttribute('data-rules-graded'));
            const start = performance.now();
            box.click();
            const took = performance.now() - start;
            if (Number(form.getAttribute('data-rules-graded')) !== before + 1) throw new Error('a click was not graded');
            measured.push(took);
        }
        return measured;
    }, CLICKS);
    const size = statSync(pagePath).size;
    const middle = median(times);
    console.log(`bench-form: ${pagePath}`);
    console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
    console.log(`  page size: ${(size / 1e6).toFixed(2)} MB (target at most 1.5 MB)${size > SIZE_TARGET ? '  OVER' : ''}`);
    console.log(`  opened to grader ready: ${ready.toFixed(0)} ms`);
    console.log(`  live grade per click (${CLICKS} clicks): median ${middle.toFixed(2)} ms, 90th percentile ` +
                `${percentile(times, 0.9).toFixed(2)} ms (target median at most ${TIME_TARGET} ms)` +
                `${middle > TIME_TARGET ? '  OVER' : ''}`);
    if (size > SIZE_TARGET || middle > TIME_TARGET) status = 1;
} finally {
    await browser.close();
}
process.exit(status);
