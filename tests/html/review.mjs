// review.mjs — the pages as a person sees them (guidance pages, audit
// forms, the index and the crosswalk): each page is opened in Debian's
// headless Chromium (through playwright-core), checked with axe-core
// against the WCAG 2.0, 2.1 and 2.2 A and AA rules, checked for requests to
// anything outside the page, checked that a long criteria table's head
// stays in view when scrolled past, checked at a phone's width (390 px: nothing
// may make the page scroll sideways, so document.scrollWidth must stay
// 390), and saved as screenshots (PNG: NAME.png, the top of the page on a
// 1280 px screen, and NAME-detail.png its first section there; NAME-phone.png
// the first criterion at 390 px) and as a PDF printed by
// Chromium on the page's own paper size (NAME.pdf; tests/html/check_print.py
// reads them). Run by tests/html.mk:
//
//   node tests/html/review.mjs OUTPUT-DIR PAGE.html...
//
// Prints one line per page and a closing "html-review: N passed, M failed";
// exits 1 when any page fails.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');
const axeSource = readFileSync(require.resolve('../node_modules/axe-core/axe.min.js'), 'utf8');

const PHONE_WIDTH = 390;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const [outputDirectory, ...pages] = process.argv.slice(2);
if (!outputDirectory || pages.length === 0) {
  console.error('usage: node tests/html/review.mjs OUTPUT-DIR PAGE.html...');
  process.exit(2);
}
mkdirSync(outputDirectory, { recursive: true });

// In the page: scrolls to the first element matching selector; whether
// there was one.
function scrollToFirstPart(selector) {
  const first = document.querySelector(selector);
  if (first) window.scrollTo(0, first.getBoundingClientRect().top + window.scrollY - 8);
  return first !== null;
}

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

  // A long criteria table scrolled past: its head stays at the top.
  const stuck = await page.evaluate(() => {
    const table = [...document.querySelectorAll('table.criteria')]
      .find((candidate) => candidate.getBoundingClientRect().height > 2 * window.innerHeight);
    if (!table) return null;
    window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY + window.innerHeight);
    const head = table.querySelector('thead tr:last-child th').getBoundingClientRect();
    window.scrollTo(0, 0);
    return Math.round(head.top);
  });
  if (stuck !== null && stuck !== 0)
    problems.push(`a criteria table's head is ${stuck} px from the top of the screen when scrolled past, not 0`);

  const name = basename(file, '.html');
  await page.screenshot({ path: `${outputDirectory}/${name}.png` });
  if (await page.evaluate(scrollToFirstPart, '.rubric-section, .form-section'))
    await page.screenshot({ path: `${outputDirectory}/${name}-detail.png` });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${outputDirectory}/${name}.pdf`, format: 'A4', printBackground: true,
                   preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });

  // A phone: the page may not be wider than the screen.
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE_WIDTH) {
    const wide = await page.evaluate((limit) => [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 5).map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`), PHONE_WIDTH);
    problems.push(`at ${PHONE_WIDTH} px the page is ${width} px wide (scrolls sideways): ${wide.join(', ')}`);
  }
  await page.evaluate(scrollToFirstPart, 'table.criteria tbody tr, fieldset[data-criterion], .theme, .rubric-card');
  await page.screenshot({ path: `${outputDirectory}/${name}-phone.png` });
  await context.close();
  return { problems, rulesPassed: results.passes.length };
}

const browser = await chromium.launch(CHROMIUM);
let passed = 0;
let failed = 0;
try {
  for (const file of pages) {
    const { problems, rulesPassed } = await reviewPage(browser, file);
    if (problems.length === 0) {
      passed++;
      console.log(`ok: ${file}: no axe violation (${rulesPassed} rules passed), no external request, ` +
                  `no sideways scrolling at ${PHONE_WIDTH} px`);
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
