// results-page.test.mjs — the results page (web/results.html as `make`
// bundles it) end to end in Debian's headless Chromium, opened from file://
// with the network cut (an offline context; every request aborted and
// counted: there must be none), used with the keyboard only:
//
//   1. "Grade the audits" with nothing chosen: the error summary, focused,
//      names both missing files;
//   2. a round of two files (the Waltham Forest samples, JSON Lines and
//      CSV) and the rubric, each picked through its file input opened with
//      the keyboard: the report, the graded records and the summary
//      downloaded from the page equal what `rubric-grade` writes for the
//      command line the page shows, byte for byte, and the errors listed
//      are rubric-grade's stderr, line for line;
//   3. a moderated round (the London borough's samples and the
//      moderators' gradings) dropped on the page with the rubric: the same,
//      with the moderation figures and the report with its moderation
//      section;
//   4. a round of Excel workbooks (the filled data-entry workbook and one
//      of every kind of cell, both written by tests/xlsx/check_reading.py
//      with openpyxl and by hand) dropped with their rubric: the same
//      downloads byte for byte, and the errors by sheet and row as
//      rubric-grade lists them;
//   5. axe-core finds no WCAG 2.2 A/AA violation before and after grading,
//      and nothing scrolls sideways at 390 px.
//
// Screenshots of the graded Waltham Forest round (results-page.png on a
// 1280 px screen, results-page-phone.png at 390 px) are left in
// SCREENSHOT_DIR when one is given (docs/screenshots/ takes them).
//
// Usage: node tests/web/results-page.test.mjs NATIVE_BUILD RESULTS.html WORKDIR [SCREENSHOT_DIR]
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CHROMIUM } from '../html/chromium.mjs';
import { chooserByKeyboard, finishRun, openOffline } from './offline-browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');
const axeSource = readFileSync(require.resolve('../node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE_WIDTH = 390;

const [nativeBuild, pagePath, work, screenshots] = process.argv.slice(2).map((path) => resolve(path));
if (!work) {
    console.error('usage: node tests/web/results-page.test.mjs NATIVE_BUILD RESULTS.html WORKDIR');
    process.exit(2);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const failures = [];
let checks = 0;
const check = (label, made, expected) => {
    checks++;
    if (made !== expected) failures.push(`${label}: the page's differs from the command line's`
                                          + ` (${String(made).length} against ${String(expected).length} characters)`);
};

// The rubrics' JSON, compiled natively, and the samples, in one folder
// where rubric-grade runs with the names the page is given.
execFileSync(join(nativeBuild, 'rubricc'), ['--emit', 'json', '-o', work, 'rubrics/waltham-forest-case-audit-grading-criteria.rubric',
                                             'rubrics/london-borough-case-audit-gradings.rubric']);
for (const sample of ['waltham-forest-audits.jsonl', 'waltham-forest-audits.csv', 'london-borough-audits.jsonl',
                      'london-borough-moderation.jsonl'])
    copyFileSync(join('examples', sample), join(work, sample));
// The workbooks and their rubric, as the xlsx suite writes them.
const XLSX_PYTHON = process.env.XLSX_PYTHON ?? '/usr/bin/python3';
execFileSync(XLSX_PYTHON, ['tests/xlsx/check_reading.py', '--rubricc', join(nativeBuild, 'rubricc'),
                           '--grader', join(nativeBuild, 'rubric-grade'), '--out', join(work, 'workbooks')]);
const WORKBOOKS = ['filled.xlsx', 'kinds.xlsx'];
const SMALL = 'html-small-example.json';
for (const name of [...WORKBOOKS, SMALL]) copyFileSync(join(work, 'workbooks', name), join(work, name));
const WF = 'waltham-forest-case-audit-grading-criteria.json';
const LB = 'london-borough-case-audit-gradings.json';

// Runs rubric-grade natively with ARGS in WORKDIR; its stderr and the
// texts of OUTPUTS.
function native(args, outputs) {
    let stderr = '';
    try {
        execFileSync(join(nativeBuild, 'rubric-grade'), args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
        if (error.status === null || error.status >= 2) throw error;
        stderr = error.stderr.toString();
    }
    return { stderr, files: Object.fromEntries(outputs.map((name) => [name, readFileSync(join(work, name), 'utf8')])) };
}

// Presses Tab until the element ID has focus (keyboard only).
async function tabTo(page, id) {
    for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
    }
    throw new Error(`#${id} cannot be reached with the Tab key`);
}

// Opens the file input ID with the keyboard and picks FILES from WORKDIR.
async function pickWithKeyboard(page, id, files) {
    await tabTo(page, id);
    const chooser = await chooserByKeyboard(page, id, () => tabTo(page, id));
    await chooser.setFiles(files.map((name) => join(work, name)));
    await page.waitForFunction(({ list, count }) => document.getElementById(list).children.length === count,
                               { list: id === 'rubric_file' ? 'rubric_chosen' : 'audits_chosen', count: files.length });
}

// Drops FILES (names in WORKDIR) on the page, as from a file manager.
async function drop(page, files) {
    const contents = files.map((name) => ({ name, base64: readFileSync(join(work, name)).toString('base64') }));
    await page.evaluate((dropped) => {
        const transfer = new DataTransfer();
        for (const { name, base64 } of dropped)
            transfer.items.add(new File([Uint8Array.from(atob(base64), (letter) => letter.charCodeAt(0))], name));
        document.getElementById('drop_zone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true,
                                                                                   dataTransfer: transfer }));
    }, contents);
}

// axe-core on the page as it stands (focus taken off any link first: a
// focused link is drawn without its underline, as on the other pages).
async function axe(page, when) {
    await page.evaluate(() => document.activeElement?.blur());
    const results = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false }), WCAG_TAGS);
    checks++;
    for (const violation of results.violations)
        for (const node of violation.nodes)
            failures.push(`axe ${when}: ${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${violation.help}`);
}

// Grades with the keyboard, then downloads each output and compares it
// with the command line's: ARGS the first command, MODERATED_ARGS the
// second (with --moderate: its report replaces the first's) or null.
async function gradeAndCompare(page, label, args, moderatedArgs) {
    await tabTo(page, 'grade');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.getElementById('results').hidden
                                     && document.activeElement?.id === 'results');
    const expected = native(args, ['report.html', 'records.jsonl', 'summary.json']);
    const commands = [['rubric-grade', ...args].join(' ')];
    if (moderatedArgs) {
        const second = native(moderatedArgs, ['report.html', 'moderation.json']);
        Object.assign(expected.files, second.files);
        commands.push(['rubric-grade', ...moderatedArgs].join(' '));
    }
    check(`${label}: the commands shown`, await page.textContent('#command'), commands.join('\n'));
    for (const name of Object.keys(expected.files)) {
        const link = page.locator('#downloads a', { hasText: name });
        await link.focus();
        const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
        check(`${label}: ${name}, downloaded`, download.suggestedFilename(), name);
        check(`${label}: ${name}`, readFileSync(await download.path(), 'utf8'), expected.files[name]);
    }
    const listed = await page.$$eval('#record_errors li', (items) => items.map((item) => item.textContent));
    check(`${label}: the errors listed`, listed.join('\n'), expected.stderr.replace(/\n$/, ''));
    const shown = await page.evaluate(() => document.getElementById('report_frame').srcdoc);
    check(`${label}: the report shown`, shown, expected.files['report.html']);
}

const started = performance.now();
const browser = await chromium.launch(CHROMIUM);
try {
    const { context, page, requests } = await openOffline(browser, pagePath, failures,
                                                               { viewport: { width: 1280, height: 900 } });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.evaluate(axeSource);
    await axe(page, 'before grading');

    // 1. Nothing chosen.
    await tabTo(page, 'grade');
    await page.keyboard.press('Enter');
    const problems = await page.$$eval('#form_errors_list a', (links) => links.map((link) => link.getAttribute('href')));
    check('nothing chosen: the problems named', problems.join(' '), '#rubric_file #audit_files');
    check('nothing chosen: the error summary has focus', await page.evaluate(() => document.activeElement.id),
          'form_errors');
    await axe(page, 'with the error summary');

    // 2. Two files of audits and the rubric, picked with the keyboard.
    await page.evaluate(() => document.activeElement.blur());
    await pickWithKeyboard(page, 'rubric_file', [WF]);
    await pickWithKeyboard(page, 'audit_files', ['waltham-forest-audits.jsonl', 'waltham-forest-audits.csv']);
    await gradeAndCompare(page, 'Waltham Forest, JSON Lines and CSV',
                          ['--rubric', WF, '--summary', '--summary-output', 'summary.json', '--report', 'report.html',
                           '-o', 'records.jsonl', 'waltham-forest-audits.jsonl', 'waltham-forest-audits.csv'], null);
    await axe(page, 'after grading');
    if (screenshots) {
        mkdirSync(screenshots, { recursive: true });
        // The top of the page on a tall screen (a full-page capture
        // leaves the report's sandboxed frame blank).
        await page.setViewportSize({ width: 1280, height: 1700 });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(screenshots, 'results-page.png') });
    }
    await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`the page's width at ${PHONE_WIDTH} px`, width, PHONE_WIDTH);
    if (screenshots) {
        await page.evaluate(() => document.getElementById('results').scrollIntoView());
        await page.screenshot({ path: join(screenshots, 'results-page-phone.png') });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // 3. A moderated round, dropped on the page.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await drop(page, [LB, 'london-borough-audits.jsonl', 'london-borough-moderation.jsonl']);
    await page.waitForFunction(() => document.getElementById('audits_chosen').children.length === 2
                                     && document.getElementById('rubric_chosen').children.length === 1);
    await tabTo(page, 'moderate');
    await page.keyboard.press('Space');
    const round = ['london-borough-audits.jsonl', 'london-borough-moderation.jsonl'];
    await gradeAndCompare(page, 'London borough, moderated',
                          ['--rubric', LB, '--summary', '--summary-output', 'summary.json', '--report', 'report.html',
                           '-o', 'records.jsonl', ...round],
                          ['--rubric', LB, '--quiet', '--moderate', '--report', 'report.html', '-o', 'moderation.json',
                           ...round]);

    // 4. Workbooks, dropped with their rubric.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await drop(page, [SMALL, ...WORKBOOKS]);
    await page.waitForFunction((count) => document.getElementById('audits_chosen').children.length === count
                                          && document.getElementById('rubric_chosen').children.length === 1,
                               WORKBOOKS.length);
    await gradeAndCompare(page, 'Excel workbooks',
                          ['--rubric', SMALL, '--summary', '--summary-output', 'summary.json', '--report', 'report.html',
                           '-o', 'records.jsonl', ...WORKBOOKS], null);
    const sheetRows = await page.$$eval('#record_errors li', (items) => items.filter((item) =>
        item.textContent.startsWith('kinds.xlsx:Audits:')).length);
    check('Excel workbooks: errors named by sheet and row', sheetRows, 4);
    checks++;
    if (requests.length > 0) failures.push(`${requests.length} request(s) left the page: ${requests.join(', ')}`);
    await context.close();
} catch (error) {
    failures.push(`stopped: ${error.message.split('\n')[0]}`);
} finally {
    await browser.close();
}

finishRun('web-results', pagePath, checks, failures, started, work, 'keyboard only');
