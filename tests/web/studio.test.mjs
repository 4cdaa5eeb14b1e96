// studio.test.mjs — the rubric studio (web/studio.html as `make` bundles
// it) end to end in Debian's headless Chromium, opened from file:// with
// the network cut (an offline context; every request aborted and counted:
// there must be none), driven with the keyboard:
//
//   1. the Waltham Forest rubric opened with the file picker: no problem,
//      the problems' JSON equal to `rubricc --check --diagnostics-format=json`
//      on the same files; the guidance page and the audit form previewed
//      equal, byte for byte, to what `rubricc --emit html,form` writes;
//   2. a mistake typed (a theme misspelt): the same diagnostic as rubricc's
//      (the JSON byte for byte, with its did-you-mean), underlined in the
//      editor and listed; its place pressed: the caret moves there; the
//      mistake put right: the problem and the underline go;
//   2b. a word typed into a descriptor and taken out, a key at a time: the
//      preview, brought up to date in place, is rubricc's page for the
//      text each time (its text byte for byte, the frame's document that
//      page parsed);
//   3. "Format the rubric" on a badly laid out line: the text becomes
//      `rubricc fmt`'s;
//   4. the tests file added with the picker and run: every expectation
//      passed and the summary rubricc test's; a tests file with a wrong
//      expectation dropped in its place: that one failed, with rubricc's
//      message;
//   5. the downloads (the source, the pages, the JSON, the CSV template)
//      equal to rubricc's outputs; the work back after a reload;
//   6. another rubric dropped with its include (the author's own themes
//      file, put at the path its include: line gives) and its tests: the
//      problems rubricc finds with that include;
//   7. axe-core finds no WCAG 2.2 A/AA violation with a problem listed
//      and with the tests' results, and nothing scrolls sideways at 390 px.
//
// Screenshots of the studio with a problem listed, wide and at 390 px, go
// to SCREENSHOT_DIR when one is given (docs/screenshots/ takes them).
//
// Usage: node tests/web/studio.test.mjs NATIVE_BUILD STUDIO.html WORKDIR [SCREENSHOT_DIR]
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CHROMIUM } from '../html/chromium.mjs';
import { chooserByKeyboard, finishRun, openOffline } from './offline-browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');
const axeSource = readFileSync(require.resolve('../node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE_WIDTH = 390;
const RUBRIC = 'waltham-forest-case-audit-grading-criteria';
const SOURCE = `${RUBRIC}.rubric`;
const TESTS = `${RUBRIC}.tests`;
const MISTAKE_LINE = 91;          // "    themes: safety-and-risk, decision-making"

const [nativeBuild, pagePath, work, screenshots] = process.argv.slice(2).map((path) => resolve(path));
if (!work) {
    console.error('usage: node tests/web/studio.test.mjs NATIVE_BUILD STUDIO.html WORKDIR [SCREENSHOT_DIR]');
    process.exit(2);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'shared'), { recursive: true });
copyFileSync(join('rubrics', SOURCE), join(work, SOURCE));
copyFileSync(join('rubrics', TESTS), join(work, TESTS));
copyFileSync('rubrics/shared/themes.rubric', join(work, 'shared/themes.rubric'));
const original = readFileSync(join(work, SOURCE), 'utf8');
const failures = [];
let checks = 0;
const check = (label, made, expected) => {
    checks++;
    if (made !== expected) {
        const [a, b] = [String(made), String(expected)];
        failures.push(`${label}: the page's differs from rubricc's`
                      + (a.length + b.length < 400 ? ` ('${a}' against '${b}')` : ` (${a.length} against ${b.length} characters)`));
    }
};
const ok = (label, condition) => {
    checks++;
    if (!condition) failures.push(label);
};

// rubricc natively in WORKDIR on TEXT as SOURCE (the file written first).
function native(args, text = undefined) {
    if (text !== undefined) writeFileSync(join(work, SOURCE), text);
    const run = spawnSync(join(nativeBuild, 'rubricc'), args, { cwd: work, encoding: 'utf8' });
    if (run.status === null || run.status > 1) throw new Error(`rubricc ${args.join(' ')}: ${run.stderr}`);
    return run;
}
const nativeDiagnostics = (text) => native(['--check', '--diagnostics-format=json', SOURCE], text).stderr;

// Presses Tab until the element ID has focus, or Shift+Tab when it is
// behind (first, when BACK): the keyboard only.
async function tabTo(page, id, back = false) {
    const focused = () => page.evaluate((wanted) => document.activeElement?.id === wanted, id);
    if (await focused()) return;
    for (const key of back ? ['Shift+Tab', 'Tab'] : ['Tab', 'Shift+Tab']) {
        for (let presses = 0; presses < 45; presses++) {
            await page.keyboard.press(key);
            if (await focused()) return;
        }
    }
    throw new Error(`#${id} cannot be reached with the Tab key`);
}

async function pickWithKeyboard(page, id, files, back = false) {
    await tabTo(page, id, back);
    const chooser = await chooserByKeyboard(page, id, () => tabTo(page, id, back));
    await chooser.setFiles(files.map((name) => join(work, name)));
}

// Waits for the check after the change the page counts as done so far.
async function nextCheck(page, before) {
    await page.waitForFunction((count) => Number(document.body.dataset.checks) > count, before);
    await page.waitForFunction(() => document.body.dataset.previewed === document.body.dataset.checks);
}
const checksSoFar = (page) => page.evaluate(() => Number(document.body.dataset.checks));

// The page previewed: the text the studio put in the frame is rubricc's
// page byte for byte, and the frame's document is that page (its markup
// equal to the page's parsed apart), whether it was loaded whole or, after
// a change, brought up to date in place.
async function checkPreview(page, label, expected) {
    await page.waitForFunction((wanted) => {
        const { text, loaded } = window.rubricStudio.previewed();
        return loaded && text === wanted;
    }, expected, { timeout: 60000 }).catch(() => {});
    const shown = await page.evaluate((wanted) => {
        const frame = document.getElementById('preview');
        const parsed = new DOMParser().parseFromString(wanted, 'text/html');
        return { text: window.rubricStudio.previewed().text,
                 same: frame.contentDocument.documentElement.outerHTML === parsed.documentElement.outerHTML };
    }, expected);
    check(`${label}: the page's text`, shown.text, expected);
    ok(`${label}: the frame's document is that page`, shown.same);
}

async function axe(page, when) {
    await page.evaluate(() => document.activeElement?.blur());
    const results = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false }), WCAG_TAGS);
    checks++;
    for (const violation of results.violations)
        for (const node of violation.nodes)
            failures.push(`axe ${when}: ${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${violation.help}`);
}

async function download(page, name) {
    const link = page.locator('#downloads a', { hasText: name }).first();
    await link.focus();
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    check(`${name}: the name downloaded`, file.suggestedFilename(), name);
    return readFileSync(await file.path(), 'utf8');
}

const started = performance.now();
const browser = await chromium.launch(CHROMIUM);
try {
    const { context, page, requests } = await openOffline(browser, pagePath, failures,
                                                               { viewport: { width: 1280, height: 900 } });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.evaluate(axeSource);

    // 1. The rubric opened: no problem, the pages previewed as written.
    let before = await checksSoFar(page);
    await pickWithKeyboard(page, 'open_rubric', [SOURCE]);
    await nextCheck(page, before);
    check('opened: the rubric in the editor', await page.inputValue('#source'), original);
    check('opened: the problems (JSON)', await page.textContent('#diagnostics_json'), nativeDiagnostics(original));
    check('opened: the status', await page.textContent('#diagnostics_status'), 'No problems.');
    native(['--emit', 'html,form,json,csv-template', '-o', 'out', SOURCE], original);
    const written = (suffix) => readFileSync(join(work, 'out', `${RUBRIC}${suffix}`), 'utf8');
    await checkPreview(page, 'the guidance page previewed', written('.html'));
    await tabTo(page, 'preview_guidance');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => window.rubricStudio.previewed().kind === 'form'
                               && document.body.dataset.previewed === document.body.dataset.checks);
    await checkPreview(page, 'the audit form previewed', written('-form.html'));
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => window.rubricStudio.previewed().kind === 'html');

    // 2. A mistake typed, listed, followed, and put right.
    await tabTo(page, 'source', true);
    await page.keyboard.press('Control+Home');
    for (let line = 1; line < MISTAKE_LINE; line++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    before = await checksSoFar(page);
    await page.keyboard.press('Backspace');
    await nextCheck(page, before);
    const lines = original.split('\n');
    lines[MISTAKE_LINE - 1] = lines[MISTAKE_LINE - 1].slice(0, -1);
    const mistaken = lines.join('\n');
    check('mistake: the text', await page.inputValue('#source'), mistaken);
    const expected = nativeDiagnostics(mistaken);
    check('mistake: the problems (JSON)', await page.textContent('#diagnostics_json'), expected);
    const first = JSON.parse(expected).diagnostics[0];
    ok(`mistake: rubricc's message has a did-you-mean ('${first.message}')`, /did you mean/.test(first.message));
    const listed = await page.$$eval('#diagnostics > li', (items) => items.map((item) => item.textContent));
    check('mistake: the problem listed', listed[0],
          `${first.severity}Line ${first.line}, column ${first.column}: ${first.message}`);
    ok('mistake: underlined in the editor',
       await page.$$eval('#highlight .squiggle-error', (marks) => marks.some((mark) => mark.textContent === 'decision-makin')));
    await axe(page, 'with a problem listed');
    if (screenshots) {
        mkdirSync(screenshots, { recursive: true });
        await page.setViewportSize({ width: 1280, height: 1250 });
        await page.evaluate(() => window.scrollTo(0, document.getElementById('source_title').offsetTop - 10));
        await page.screenshot({ path: join(screenshots, 'studio.png') });
        await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
        await page.evaluate(() => window.scrollTo(0, document.getElementById('source_title').offsetTop - 10));
        await page.screenshot({ path: join(screenshots, 'studio-phone.png') });
        await page.setViewportSize({ width: 1280, height: 900 });
    }
    const place = page.locator('#diagnostics > li button').first();
    await place.focus();
    await page.keyboard.press('Control+Home');           // the caret elsewhere first
    await place.focus();
    await page.keyboard.press('Enter');
    const caret = await page.evaluate(() => ({ id: document.activeElement.id, at: document.getElementById('source').selectionStart }));
    const expectedAt = lines.slice(0, first.line - 1).join('\n').length + 1 + (first.column - 1);
    check('the place pressed: the caret', `${caret.id} ${caret.at}`, `source ${expectedAt}`);
    await page.keyboard.press('End');
    before = await checksSoFar(page);
    await page.keyboard.type('g');
    await nextCheck(page, before);
    check('put right: the status', await page.textContent('#diagnostics_status'), 'No problems.');
    check('put right: nothing listed', await page.$$eval('#diagnostics > li', (items) => items.length), 0);
    check('put right: no underline', await page.$$eval('#highlight [class*="squiggle"]', (marks) => marks.length), 0);

    // 2b. A word typed into a descriptor and taken out again, one key at a
    // time: the preview brought up to date in place after each key is the
    // page rubricc writes for the text typed.
    const WORD = 'carefully ';
    const caretBefore = await page.evaluate(() => document.getElementById('source').selectionStart);
    const descriptorAt = original.indexOf('\n    G: ', Math.floor(original.length / 2)) + '\n    G: '.length;
    await page.evaluate((offset) => {
        const editor = document.getElementById('source');
        editor.focus();
        editor.setSelectionRange(offset, offset);
    }, descriptorAt);
    const typed = original.slice(0, descriptorAt) + WORD + original.slice(descriptorAt);
    native(['--emit', 'html', '-o', 'out-typed', SOURCE], typed);
    const typedPage = readFileSync(join(work, 'out-typed', `${RUBRIC}.html`), 'utf8');
    const previewShows = (text) => page.waitForFunction((wanted) => window.rubricStudio.previewed().text === wanted,
                                                        text, { timeout: 60000 });
    await page.keyboard.type(WORD);
    check('a word typed: the text', await page.inputValue('#source'), typed);
    await previewShows(typedPage);
    await checkPreview(page, 'a word typed: the guidance page previewed in place', typedPage);
    for (let key = 0; key < WORD.length; key++) await page.keyboard.press('Backspace');
    check('the word taken out: the text', await page.inputValue('#source'), original);
    await previewShows(written('.html'));
    await checkPreview(page, 'the word taken out: the guidance page previewed in place', written('.html'));
    await page.evaluate((offset) => document.getElementById('source').setSelectionRange(offset, offset), caretBefore);

    // 3. fmt on a badly laid out line.
    await page.keyboard.press('Home');
    for (let step = 0; step < 11; step++) await page.keyboard.press('ArrowRight');
    before = await checksSoFar(page);
    await page.keyboard.type('   ');
    await nextCheck(page, before);
    const messy = await page.inputValue('#source');
    const formatted = native(['fmt', SOURCE], messy).stdout;
    before = await checksSoFar(page);
    await tabTo(page, 'format');
    await page.keyboard.press('Enter');
    await nextCheck(page, before);
    check('formatted: the text', await page.inputValue('#source'), formatted);
    check('formatted: as the shipped file', formatted, original);

    // 4. The tests, picked and run; then one made to fail, dropped in.
    await pickWithKeyboard(page, 'open_more', [TESTS], true);
    await page.waitForFunction((name) => document.getElementById('file_list').textContent.includes(name), TESTS);
    await tabTo(page, 'run_tests');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.testsRun === '1');
    const tested = native(['test', SOURCE, TESTS], original);
    check('tests: the summary', await page.textContent('#tests_status'), tested.stdout.trim());
    const expectations = readFileSync(join(work, TESTS), 'utf8').split('\n').filter((line) => /^\s+expect\b/.test(line));
    check('tests: expectations passed', await page.$$eval('#test_results .test--passed', (items) => items.length),
          expectations.length);
    const broken = readFileSync(join(work, TESTS), 'utf8').replace('  expect overall: G\n', '  expect overall: O\n');
    writeFileSync(join(work, TESTS), broken);
    const failing = native(['test', SOURCE, TESTS], original);
    await page.evaluate(({ name, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name));
        document.getElementById('drop_zone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true,
                                                                                   dataTransfer: transfer }));
    }, { name: TESTS, text: broken });
    await page.waitForTimeout(100);
    await tabTo(page, 'run_tests');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.testsRun === '2');
    check('a failing test: the summary', await page.textContent('#tests_status'), failing.stdout.trim());
    const failed = await page.$$eval('#test_results .test--failed', (items) => items.map((item) => item.textContent));
    const message = failing.stderr.split('\n')[0];
    check('a failing test: one failed', failed.length, 1);
    ok(`a failing test: rubricc's message shown ('${failed[0]}' for '${message}')`,
       failed.length === 1 && failed[0].endsWith(message.replace(/^[^:]+:\d+: /, '')));
    writeFileSync(join(work, TESTS), readFileSync(join('rubrics', TESTS), 'utf8'));
    await axe(page, 'with the tests run');

    // 5. Downloads; the work kept over a reload.
    await page.waitForFunction(() => document.body.dataset.downloads === document.body.dataset.checks);
    check('download: the source', await download(page, SOURCE), original);
    for (const suffix of ['.html', '-form.html', '.json', '-template.csv'])
        check(`download: ${RUBRIC}${suffix}`, await download(page, `${RUBRIC}${suffix}`), written(suffix));
    await tabTo(page, 'save', true);
    const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    check('save to file: the name', saved.suggestedFilename(), SOURCE);
    check('save to file: the text', readFileSync(await saved.path(), 'utf8'), original);
    await page.waitForTimeout(600);                     // the work is kept half a second after a change
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    check('kept: the rubric after a reload', await page.inputValue('#source'), original);
    ok('kept: the tests file after a reload',
       (await page.textContent('#file_list')).includes(`${TESTS}: tests`));

    // 6. A rubric dropped with its include (a themes file of the author's,
    // one theme short, put where the include: line says) and its tests.
    const LB = 'london-borough-case-audit-gradings';
    const own = join(work, 'own');
    mkdirSync(join(own, 'shared'), { recursive: true });
    const lbSource = readFileSync(join('rubrics', `${LB}.rubric`), 'utf8');
    const ownThemes = readFileSync('rubrics/shared/themes.rubric', 'utf8').replace(/^ {2}decision-making:.*\n/m, '');
    writeFileSync(join(own, `${LB}.rubric`), lbSource);
    writeFileSync(join(own, 'shared/themes.rubric'), ownThemes);
    const lbExpected = spawnSync(join(nativeBuild, 'rubricc'), ['--check', '--diagnostics-format=json', `${LB}.rubric`],
                                 { cwd: own, encoding: 'utf8' }).stderr;
    before = await checksSoFar(page);
    await page.evaluate((dropped) => {
        const transfer = new DataTransfer();
        for (const { name, text } of dropped) transfer.items.add(new File([text], name));
        document.getElementById('drop_zone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true,
                                                                                   dataTransfer: transfer }));
    }, [{ name: 'themes.rubric', text: ownThemes }, { name: `${LB}.rubric`, text: lbSource },
        { name: `${LB}.tests`, text: readFileSync(join('rubrics', `${LB}.tests`), 'utf8') }]);
    await nextCheck(page, before);
    check('dropped: the rubric in the editor', await page.inputValue('#source'), lbSource);
    ok(`dropped: rubricc finds the theme missing from the author's file (${lbExpected.length} characters)`,
       /decision-making/.test(lbExpected));
    check('dropped: the problems (JSON), with the author\'s include', await page.textContent('#diagnostics_json'),
          lbExpected);

    await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
    check(`the page's width at ${PHONE_WIDTH} px`, await page.evaluate(() => document.documentElement.scrollWidth),
          PHONE_WIDTH);
    checks++;
    if (requests.length > 0) failures.push(`${requests.length} request(s) left the page: ${requests.join(', ')}`);
    await context.close();
} catch (error) {
    failures.push(`stopped: ${error.message.split('\n')[0]}`);
} finally {
    await browser.close();
}

finishRun('web-studio', pagePath, checks, failures, started, work, 'keyboard only');
