// form_states.mjs — the interactive audit form in each state an auditor
// sees it, checked as tests/html/review.mjs checks pages on opening: in
// headless Chromium (through playwright-core), axe-core finds no WCAG 2.2
// A/AA violation in the parts the script changes (the notices, drafts,
// the record, the case details and the first criteria; review.mjs checks
// the whole page), nothing scrolls sideways at 390 px, and the page as
// it then stands is written out (STATES-DIR/<state>.html) for the Nu HTML
// Checker (tests/html.mk runs tests/html/validate.sh on them). Run by
// tests/html.mk:
//
//   node tests/html/form_states.mjs FORM.html AUDITS.jsonl STATES-DIR
//
// The states: empty; half filled (the first half of a sample audit
// entered); errors shown (saved half filled: the error summary and the
// criteria marked); complete and saved (the record shown); every level
// descriptor open; drafts listed with a deletion asked about; a saved
// record opened to amend; on a form written with the grader, the rubric's
// grade shown live, with the auditor's overall grade differing from the
// rules' (the difference and its comment box shown). No request leaves the
// page (every one but the page itself is counted and refused). Also saves the docs' screenshots of the form
// (<rubric>-drafts.png, -descriptors.png, -descriptors-phone.png; make
// update-html-screenshots copies them). Prints one line per state and a
// closing "html-form-states: N passed, M failed".
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');
const axeSource = readFileSync(require.resolve('../node_modules/axe-core/axe.min.js'), 'utf8');

const PHONE_WIDTH = 390;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const [formFile, auditsFile, statesDirectory] = process.argv.slice(2);
if (!statesDirectory) {
  console.error('usage: node tests/html/form_states.mjs FORM.html AUDITS.jsonl STATES-DIR');
  process.exit(2);
}
mkdirSync(statesDirectory, { recursive: true });
const url = pathToFileURL(resolve(formFile)).href;
const rubricId = /data-rubric="([^"]+)"/.exec(readFileSync(formFile, 'utf8'))[1];
// The first well-formed sample of this rubric (the samples hold deliberate mistakes too).
const parse = (line) => { try { return JSON.parse(line); } catch { return null; } };
const sample = readFileSync(auditsFile, 'utf8').split('\n').map(parse)
  .find((record) => record && record.rubric === rubricId && record.grades);

// The sample's values by field name, in the form's order.
const values = [['case', sample.case], ['auditor', sample.auditor], ['date', sample.date]];
if (sample.case_type) values.push(['case_type', sample.case_type]);
for (const [id, grade] of Object.entries(sample.grades)) {
  values.push([`grade:${id}`, grade]);
  values.push([`evidence:${id}`, `Evidence for ${id}.`]);
}

async function fill(page, entries) {
  await page.evaluate((list) => {
    const form = document.getElementById('form_audit');
    for (const [name, value] of list) {
      const box = [...form.querySelectorAll('input[type=radio]')].find((input) => input.name === name && input.value === value);
      const field = box || form.elements.namedItem(name);
      if (box) box.checked = true;
      else field.value = value;
      field.dispatchEvent(new Event(box ? 'change' : 'input', { bubbles: true }));
    }
  }, entries);
}

let passed = 0;
let failed = 0;
// Checks the page as it stands, and writes it out for the Nu checker.
async function check(page, state) {
  const problems = [];
  // The whole page is checked on opening by review.mjs (check-html-axe);
  // here the parts the script changes: the notices, drafts, the record,
  // the case details and the first criteria (descriptors open or not).
  const results = await page.evaluate((tags) => {
    const parts = ['#form_errors', '#form_drafts', '#form_open', '#form_edition_notice', '#form_amending',
                   '#form_descriptors_toggle', '.case-details', '#form_actions', '#form_record', '.rules-grade',
                   '#form_rules_note', '#form_rules_announce', '.auditor-grade']
      .filter((selector) => document.querySelector(selector) !== null).map((selector) => [selector]);
    const criteria = document.querySelectorAll('fieldset[data-criterion]');
    for (let index = 0; index < Math.min(4, criteria.length); index++) parts.push([`#${criteria[index].id}`]);
    return window.axe.run({ include: parts }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_TAGS);
  for (const violation of results.violations)
    for (const node of violation.nodes)
      problems.push(`axe ${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${violation.help}`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE_WIDTH) problems.push(`at ${PHONE_WIDTH} px the page is ${width} px wide (scrolls sideways)`);
  await page.setViewportSize(size);
  // The page as it now stands, without axe's script, for the Nu checker.
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    for (const script of copy.querySelectorAll('script')) if (!script.textContent.includes("'use strict'")) script.remove();
    return '<!DOCTYPE html>\n' + copy.outerHTML;
  });
  writeFileSync(`${statesDirectory}/${rubricId}-${state}.html`, html);
  if (problems.length === 0) {
    passed++;
    console.log(`ok: ${state}: no axe violation, no sideways scrolling at ${PHONE_WIDTH} px`);
  } else {
    failed++;
    console.log(`FAIL: ${state}`);
    for (const problem of problems) console.log(`  ${problem}`);
  }
}

const browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  let requests = 0;
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests++;
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(url);
  const live = await page.evaluate(() => document.getElementById('form_rubric_json') !== null);
  if (live) await page.waitForSelector('#form_audit[data-rules-ready]', { timeout: 30000 });
  await page.evaluate(axeSource);
  await check(page, 'empty');
  await fill(page, values.slice(0, Math.ceil(values.length / 2)));
  await check(page, 'half-filled');
  await page.getByRole('button', { name: 'Save the record' }).click();
  await check(page, 'errors-shown');
  await fill(page, values);
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.getByRole('button', { name: 'Save the record' }).click()]);
  const saved = `${statesDirectory}/${download.suggestedFilename()}`;
  await download.saveAs(saved);
  await check(page, 'complete');
  if (live) {
    // the auditor's overall grade other than the rules': the difference is
    // marked and its comment box opens
    const rules = await page.locator('[data-rules-for="overall"]').getAttribute('data-rules-grade');
    const other = await page.evaluate((grade) => [...document.querySelectorAll('input[name="overall"]')]
      .map((box) => box.value).find((value) => value !== grade && value !== 'NA'), rules);
    await fill(page, [['overall', other]]);
    const differs = await page.locator('[data-rules-for="overall"]').evaluate((box) =>
      box.classList.contains('rules-grade--differs') && !document.getElementById('form_comment_overall').parentNode.hidden);
    if (!differs) { failed++; console.log(`FAIL: live-grade: the overall graded ${other} against the rules' ${rules} is not marked`); }
    await check(page, 'live-grade-differs');
    await page.locator('[data-rules-for="overall"]').evaluate((element) =>
      window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 200));
    await page.screenshot({ path: `${statesDirectory}/${rubricId}-live-grade.png` });
    await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
    await page.locator('[data-rules-for="overall"]').evaluate((element) =>
      window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 100));
    await page.screenshot({ path: `${statesDirectory}/${rubricId}-live-grade-phone.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  await page.locator('#form_descriptors_toggle').click();
  await check(page, 'descriptors-open');
  await page.locator('#form_descriptors_toggle').click();
  // The docs' screenshots: the drafts above the form; a criterion with its
  // descriptors open, on a screen and on a phone.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${statesDirectory}/${rubricId}-drafts.png` });
  const criterion = page.locator('fieldset[data-criterion]').nth(1);
  await criterion.locator('summary').click();
  await criterion.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 8));
  await page.screenshot({ path: `${statesDirectory}/${rubricId}-descriptors.png` });
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  await criterion.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 8));
  await page.screenshot({ path: `${statesDirectory}/${rubricId}-descriptors-phone.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
  await criterion.locator('summary').click();
  await page.waitForFunction(() => document.querySelectorAll('#form_draft_list li').length > 0);
  await page.locator('#form_draft_list li').first().getByRole('button', { name: /^Delete/ }).click();
  await check(page, 'deletion-asked');
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await page.setInputFiles('#form_open_file', saved);
  await page.waitForSelector('#form_amending:not([hidden])');
  await check(page, 'amending');
  await context.close();
  if (requests) { failed++; console.log(`FAIL: offline: the page asked for ${requests} resources`); }
  else console.log(`ok: offline: no request left the page${live ? ' (live grade shown)' : ''}`);
} finally {
  await browser.close();
}
console.log(`html-form-states: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
