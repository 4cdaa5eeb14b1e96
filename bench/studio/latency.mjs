// latency.mjs — the rubric studio (web/studio.html) timed as an author
// uses it, in Debian's headless Chromium (playwright-core), opened from
// file:// offline with the Waltham Forest rubric in its editor. A word is
// typed into a descriptor and taken out again, one key at a time; for each
// key, in milliseconds from the key's input event:
//
//   diagnostics  to the frame that shows rubricc's problems for the new
//                text (the page takes the keys already typed, runs
//                `rubricc --check --diagnostics-format=json` and draws the
//                list, the underlines and the highlighting); target at
//                most 100 ms (median);
//   preview      to the guidance page drawn in the preview frame (rubricc
//                --emit html, then the frame's load); target at most
//                300 ms (median).
//
// Each key waits for the last one's preview, so each figure is one key's.
// Also the page's size, its time from opening to the first check, the
// medians of the parts: the two rubricc runs and the highlighting; and the
// processor time the browser spent per key (../browser-cpu.mjs: all keys'
// time divided by their number), which a busy machine does not inflate
// as it does the wall-clock figures.
//
// Usage: node bench/studio/latency.mjs STUDIO.html RUBRIC.rubric [KEYS]
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from '../../tests/html/chromium.mjs';
import { browserCpu, cpuText } from '../browser-cpu.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../../tests/node_modules/playwright-core');
const [pagePath, rubricPath] = process.argv.slice(2, 4).map((path) => resolve(path));
const KEYS = Number(process.argv[4] ?? 40);
const WORD = 'carefully ';

const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, share) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1,
                                                                                  Math.floor(values.length * share))];

const browser = await chromium.launch(CHROMIUM);
const cpu = browserCpu();
try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(pagePath).href;
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    const opened = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const ready = performance.now() - opened;
    let checks = await page.evaluate(() => Number(document.body.dataset.checks));
    await page.setInputFiles('#open_rubric', rubricPath);
    await page.waitForFunction((count) => Number(document.body.dataset.previewed) > count, checks);
    // The caret after the first word of a descriptor in the middle of the rubric.
    const at = await page.evaluate(() => {
        const text = document.getElementById('source').value;
        const found = text.indexOf('\n    G: ', Math.floor(text.length / 2));
        return found + '\n    G: '.length;
    });
    await page.evaluate((offset) => {
        const editor = document.getElementById('source');
        editor.focus();
        editor.setSelectionRange(offset, offset);
    }, at);
    const diagnostics = [];
    const previews = [];
    const parts = { wait: [], check: [], emit: [], highlight: [] };
    const cpuBefore = cpu();
    for (let key = 0; key < KEYS; key++) {
        checks = await page.evaluate(() => Number(document.body.dataset.checks));
        const typing = key % (2 * WORD.length) < WORD.length;
        await page.keyboard.press(typing ? WORD[key % WORD.length] === ' ' ? 'Space' : WORD[key % WORD.length]
                                         : 'Backspace');
        await page.waitForFunction((count) => Number(document.body.dataset.previewed) > count
                                              && document.body.dataset.diagnosticsMs !== undefined, checks);
        const timing = await page.evaluate(() => ({ diagnostics: Number(document.body.dataset.diagnosticsMs),
                                                    preview: Number(document.body.dataset.previewMs),
                                                    check: Number(document.body.dataset.checkRunMs),
                                                    emit: Number(document.body.dataset.emitRunMs),
                                                    highlight: Number(document.body.dataset.highlightMs),
                                                    wait: Number(document.body.dataset.checkWaitMs),
                                                    status: document.getElementById('diagnostics_status').textContent }));
        if (timing.status !== 'No problems.') throw new Error(`the text typed has problems: ${timing.status}`);
        diagnostics.push(timing.diagnostics);
        for (const part of ['wait', 'check', 'emit', 'highlight']) parts[part].push(timing[part]);
        previews.push(timing.preview);
    }
    const cpuPerKey = (cpu() - cpuBefore) / KEYS;
    const size = statSync(pagePath).size;
    console.log(`studio: load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    console.log(`studio: page ${(size / 1000).toFixed(0)} KB; opened and first check in ${ready.toFixed(0)} ms`);
    console.log(`studio: diagnostics after a key, ${KEYS} keys: median ${median(diagnostics).toFixed(1)} ms, `
                + `90th percentile ${percentile(diagnostics, 0.9).toFixed(1)} ms (target <= 100 ms)`);
    console.log(`studio: preview after a key, ${KEYS} keys: median ${median(previews).toFixed(1)} ms, `
                + `90th percentile ${percentile(previews, 0.9).toFixed(1)} ms (target <= 300 ms)`);
    console.log(`studio: of which, medians: from the key to the check's start ${median(parts.wait).toFixed(1)} ms, `
                + `rubricc --check ${median(parts.check).toFixed(1)} ms, `
                + `rubricc --emit html ${median(parts.emit).toFixed(1)} ms, highlighting ${median(parts.highlight).toFixed(1)} ms`);
    console.log(`studio: processor time of the browser per key (check, preview and drawing, every process): `
                + `${cpuText(cpuPerKey)}`);
    await context.close();
} finally {
    await browser.close();
}
