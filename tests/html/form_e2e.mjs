// form_e2e.mjs — the interactive audit form end to end, in headless
// Chromium (through playwright-core). Run by tests/html.mk:
//
//   node tests/html/form_e2e.mjs RUBRIC-GRADE RUBRIC.json FORM.html AUDITS.jsonl WORK-DIR
//
// Takes the first record of AUDITS.jsonl that rubric-grade grades without
// error (a sample audit) and, in the form:
//   1. saves with nothing filled in: the record is refused, with one message
//      per missing criterion (and per case detail), and nothing is saved;
//   2. fills everything in but one criterion: refused, with exactly the one
//      message naming that criterion;
//   3. fills that one in too and saves: the downloaded file, the record shown
//      on the page and the clipboard hold the same single JSON Lines record,
//      which rubric-grade grades exactly as it grades the sample record
//      itself (same criterion, section and overall grades and rules);
//   4. opens the form without JavaScript: it is the paper form (no save
//      buttons, the note on filling it in by hand, every tick box there).
// Prints one line per step and a closing "html-form: N passed, M failed".
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const [grader, rubricJson, formFile, auditsFile, workDirectory] = process.argv.slice(2);
if (!workDirectory) {
  console.error('usage: node tests/html/form_e2e.mjs RUBRIC-GRADE RUBRIC.json FORM.html AUDITS.jsonl WORK-DIR');
  process.exit(2);
}
mkdirSync(workDirectory, { recursive: true });

// rubric-grade's results for a JSON Lines file, without where each came from.
function gradeFile(file) {
  const run = spawnSync(grader, ['--rubric', rubricJson, '-q', file], { encoding: 'utf8' });
  return run.stdout.trim().split('\n').filter(Boolean).map((line) => {
    const { input, line: number, ...result } = JSON.parse(line);
    return result;
  });
}

// The sample record to enter, and what rubric-grade makes of it.
const rubricId = JSON.parse(readFileSync(rubricJson, 'utf8')).id;
const samples = readFileSync(auditsFile, 'utf8').split('\n').filter(Boolean);
const sampleResults = gradeFile(auditsFile);
const index = sampleResults.findIndex((result) => !('error' in result) && result.rubric === rubricId);
if (index < 0) {
  console.error(`html-form: no sample in ${auditsFile} grades cleanly`);
  process.exit(1);
}
const sample = JSON.parse(samples[index]);
const expected = sampleResults[index];

const results = [];
function step(name, problems) {
  results.push(problems.length === 0);
  console.log(`${problems.length === 0 ? 'ok' : 'FAIL'}: ${name}`);
  for (const problem of problems)
    console.log(`  ${problem}`);
}

// Ticks the box of a grade (a criterion's, a section's or the overall).
async function tick(page, name, value) {
  await page.locator(`input[type=radio][name="${name}"][value="${value}"]`).check();
}

async function errorMessages(page) {
  return page.locator('#form_errors li').allTextContents();
}

const url = pathToFileURL(resolve(formFile)).href;
const criteria = Object.keys(sample.grades);
const browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => {
    if (request.url() !== url && !request.url().startsWith('blob:')) requests.push(request.url());
  });
  let downloads = 0;
  page.on('download', () => { downloads++; });
  await page.goto(url);

  // 1. Nothing filled in.
  await page.getByRole('button', { name: 'Save the record' }).click();
  let messages = await errorMessages(page);
  const formCriteria = await page.locator('fieldset[data-criterion]').count();
  let problems = [];
  if (!(await page.locator('#form_errors').isVisible())) problems.push('no error summary shown');
  if (messages.length !== formCriteria + 3)
    problems.push(`${messages.length} messages for ${formCriteria} criteria and 3 case details`);
  for (const id of criteria.slice(0, 3))
    if (!messages.some((message) => message.includes(`(${id})`))) problems.push(`no message names ${id}`);
  if (downloads !== 0) problems.push('a record was saved');
  step(`an empty form is refused, one message per missing item (${messages.length})`, problems);

  // 2. Everything but the last criterion.
  await page.fill('#form_case', sample.case);
  await page.fill('#form_auditor', sample.auditor);
  await page.fill('#form_date', sample.date);
  const left = criteria[criteria.length - 1];
  for (const id of criteria.slice(0, -1)) {
    await tick(page, `grade:${id}`, sample.grades[id]);
    await page.fill(`textarea[name="evidence:${id}"]`, `Evidence for ${id}: "quoted", \\ and a line\nbreak.`);
  }
  const auditor = sample.auditor_grades || {};
  for (const [section, grade] of Object.entries(auditor.sections || {}))
    await tick(page, `section:${section}`, grade);
  if (auditor.overall) await tick(page, 'overall', auditor.overall);
  await page.getByRole('button', { name: 'Save the record' }).click();
  messages = await errorMessages(page);
  problems = [];
  if (messages.length !== 1 || !messages[0].includes(`(${left})`))
    problems.push(`messages ${JSON.stringify(messages)}, expected one naming ${left}`);
  if (downloads !== 0) problems.push('a record was saved');
  step(`a form missing one criterion is refused with one message, naming it (${left})`, problems);

  // 3. Complete: save, copy, grade.
  await tick(page, `grade:${left}`, sample.grades[left]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save the record' }).click(),
  ]);
  const saved = `${workDirectory}/${download.suggestedFilename()}`;
  await download.saveAs(saved);
  const savedText = readFileSync(saved, 'utf8');
  const shown = await page.inputValue('#form_record_text');
  await page.getByRole('button', { name: 'Copy the record' }).click();
  await page.waitForFunction(() => document.getElementById('form_record_status').textContent.startsWith('Copied'),
                             null, { timeout: 60000 }).catch(() => {});
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  problems = [];
  if (!(await page.locator('#form_errors').isHidden())) problems.push('the error summary is still shown');
  if (savedText !== `${shown}\n` || savedText.split('\n').length !== 2)
    problems.push(`the download ${JSON.stringify(savedText)} is not the one record shown ${JSON.stringify(shown)}`);
  if (copied !== null && copied !== shown) problems.push(`the clipboard holds ${JSON.stringify(copied)}`);
  const record = JSON.parse(shown);
  if (record.comments[criteria[0]] !== `Evidence for ${criteria[0]}: "quoted", \\ and a line\nbreak.`)
    problems.push(`evidence not kept as written: ${JSON.stringify(record.comments[criteria[0]])}`);
  const graded = gradeFile(saved);
  if (graded.length !== 1 || 'error' in graded[0]) problems.push(`rubric-grade: ${JSON.stringify(graded)}`);
  else {
    // The grader carries the record's evidence comments through untouched;
    // the grades are the sample's own.
    const { comments, ...grades } = graded[0];
    if (JSON.stringify(comments) !== JSON.stringify(record.comments))
      problems.push(`comments not carried through: ${JSON.stringify(comments)}`);
    if (JSON.stringify(grades) !== JSON.stringify(expected))
      problems.push(`graded ${JSON.stringify(grades)}`, `expected ${JSON.stringify(expected)}`);
  }
  if (requests.length) problems.push(`requests: ${requests.join(', ')}`);
  step(`the saved record (${download.suggestedFilename()}) grades as the sample itself: overall ` +
       `${graded[0] && graded[0].overall && graded[0].overall.grade}; ` +
       `copied ${copied === null ? 'into the record box (clipboard not readable here)' : 'to the clipboard'}`, problems);
  await context.close();

  // 4. Without JavaScript.
  const paper = await browser.newContext({ javaScriptEnabled: false });
  const paperPage = await paper.newPage();
  await paperPage.goto(url);
  problems = [];
  if (await paperPage.getByRole('button').count() !== 0) problems.push('buttons shown without JavaScript');
  if (!(await paperPage.locator('#form_paper_note').isVisible())) problems.push('no note on filling it in by hand');
  const boxes = await paperPage.locator(`input[type=radio][name^="grade:"]`).count();
  if (boxes < criteria.length * 2) problems.push(`${boxes} tick boxes for ${criteria.length} criteria`);
  step('without JavaScript it is the paper form', problems);
  await paper.close();
} finally {
  await browser.close();
}
const failed = results.filter((passed) => !passed).length;
console.log(`html-form: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
