// offline-browser.mjs — a page of build/web opened as a user opens it from
// a shared drive: from file://, in a browser context with the network cut,
// every request but the page itself aborted and recorded (the tests then
// allow none), and every console error and uncaught exception added to the
// test's FAILURES. Shared by the offline page tests of tests/web/.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

// Opens PAGE_PATH in BROWSER (playwright). OPTIONS: viewport (default the
// browser's), expectedError (text of the one console error the test causes
// on purpose). Returns {context, page, url, requests}; the page is loaded.
export async function openOffline(browser, pagePath, failures, options = {}) {
    const context = await browser.newContext({ offline: true, acceptDownloads: true,
                                               ...(options.viewport ? { viewport: options.viewport } : {}) });
    const url = pathToFileURL(pagePath).href;
    const requests = [];
    await context.route('**/*', (route) => {
        if (route.request().url() === url) return route.continue();
        requests.push(route.request().url());
        return route.abort();
    });
    const page = await context.newPage();
    // blob: and about: addresses are the page's own (downloads, framed pages).
    page.on('request', (request) => {
        const address = request.url();
        if (address !== url && !address.startsWith('blob:') && !address.startsWith('about:')
            && !requests.includes(address)) requests.push(address);
    });
    page.on('console', (message) => {
        if (message.type() === 'error' && !(options.expectedError && message.text().includes(options.expectedError)))
            failures.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    return { context, page, url, requests };
}

// Ends an offline page test: each of FAILURES on a line of its own, the
// suite's closing "SUITE: N passed, M failed (PAGE from file:// offline,
// HOW; S s)" line, the scratch folder WORK removed when nothing failed,
// and the exit status.
export function finishRun(suite, pagePath, checks, failures, started, work, how) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const failure of failures) console.log(`FAIL: ${basename(pagePath)}: ${failure}`);
    console.log(`${suite}: ${checks - failures.length} passed, ${failures.length} failed `
                + `(${basename(pagePath)} from file:// offline, ${how}; ${seconds} s)`);
    if (failures.length === 0) rmSync(work, { recursive: true, force: true });
    process.exit(failures.length === 0 ? 0 : 1);
}

// Opens the file chooser of the input ID with the keyboard: FOCUS (the
// test's own way of reaching it with Tab) brings the focus there, then
// Space. On a loaded machine a press can land before the page listens, so
// it is pressed again (on the same input, still by keyboard) before
// giving up. Returns playwright's FileChooser.
export async function chooserByKeyboard(page, id, focus) {
    for (let attempt = 0; attempt < 3; attempt++) {
        if (!(await page.evaluate((wanted) => document.activeElement?.id === wanted, id))) await focus();
        const waiting = page.waitForEvent('filechooser', { timeout: 20000 }).catch(() => null);
        await page.keyboard.press('Space');
        const chooser = await waiting;
        if (chooser) return chooser;
    }
    throw new Error(`#${id}: Space on it opened no file chooser, three times`);
}
