// review.mjs — the guidance pages as a person sees them: each page is
// opened in Debian's headless Chromium (through playwright-core), checked
// with axe-core against the WCAG 2.0, 2.1 and 2.2 A and AA rules, checked
// for requests to anything outside the page, and saved as a screenshot
// (PNG) and as a PDF printed by Chromium (A4 landscape) for people to look
// at. Run by tests/html.mk:
//
//   node tests/html/review.mjs OUTPUT-DIR PAGE.html...
//
// Prints one line per page and a closing "html-review: N passed, M failed";
// exits 1 when any page fails.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');
const axeSource = readFileSync(require.resolve('../node_modules/axe-core/axe.min.js'), 'utf8');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const [outputDirectory, ...pages] = process.argv.slice(2);
if (!outputDirectory || pages.length === 0) {
  console.error('usage: node tests/html/review.mjs OUTPUT-DIR PAGE.html...');
  process.exit(2);
}
mkdirSync(outputDirectory, { recursive: true });

// Checks one page; returns a list of problems (empty when it passes).
async function reviewPage(browser, file) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const url = pathToFileURL(resolve(file)).href;
  // Nothing may leave the machine: any request beyond the page is refused.
  await context.route('**/*', (route) =>
    route.request().url() === url ? route.continue() : route.abort());
  page.on('request', (request) => {
    if (request.url() !== url && !request.url().startsWith('data:'))
      problems.push(`external request: ${request.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS);
  for (const violation of results.violations)
    for (const node of violation.nodes)
      problems.push(`axe ${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${violation.help}`);

  const name = basename(file, '.html');
  await page.screenshot({ path: `${outputDirectory}/${name}.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${outputDirectory}/${name}.pdf`, format: 'A4', landscape: true,
                   printBackground: true, preferCSSPageSize: true });
  await context.close();
  return { problems, rulesPassed: results.passes.length };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
let passed = 0;
let failed = 0;
try {
  for (const file of pages) {
    const { problems, rulesPassed } = await reviewPage(browser, file);
    if (problems.length === 0) {
      passed++;
      console.log(`ok: ${file}: no axe violation (${rulesPassed} rules passed), no external request`);
    } else {
      failed++;
      console.log(`FAIL: ${file}: ${problems.length} problem(s)`);
      for (const problem of problems)
        console.log(`  ${problem}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`saved screenshots and PDFs under ${outputDirectory}/`);
console.log(`html-review: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
