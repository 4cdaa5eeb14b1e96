// form_drafts.mjs — the audit form keeps the auditor's work, in headless
// Chromium (through playwright-core). Run by tests/html.mk:
//
//   node tests/html/form_drafts.mjs RUBRIC-GRADE RUBRIC.json FORM.html AUDITS.jsonl WORK-DIR
//
// Takes the first record of AUDITS.jsonl that rubric-grade grades without
// error (a sample audit) and, in the form:
//   1. the level descriptors: one closed <details> per criterion, the
//      guidance page's text; "Open all" opens every one and becomes "Close
//      all"; a summary opens from the keyboard (Enter);
//   2. keyboard only: the case details typed and a criterion's box chosen
//      with the arrow keys, nothing clicked;
//   3. an impossible date (2026-02-30) is refused with its own message;
//   4. kill and reopen: Chromium is started with a profile folder of its
//      own, the sample entered, then the browser and its helper processes
//      killed (SIGKILL to its process group) while the page is open; started again on the same folder, the form
//      lists the draft (case, how complete) and, continued, holds every
//      answer and comment as entered;
//   5. a draft of another edition (its edition and one criterion's digest
//      changed in the browser's store) is tagged in the list and, opened,
//      names the criterion that changed;
//   6. "Save all finished drafts" writes one JSON Lines file of the
//      complete drafts, named <rubric>-finished-drafts-<date>.jsonl;
//   7. deleting a draft asks first: "No, keep it" keeps it, "Yes, delete
//      it" deletes it;
//   8. the record saved as <rubric>-<case>-<date>.jsonl, opened again with
//      "Open a saved record" and amended (a grade changed, the amender's
//      name given): the case, auditor and date are kept, amended_by and
//      amended_at added, and rubric-grade grades it (with the changed
//      grade); a batch file of two records asks which one to open.
// Prints one line per step and a closing "html-form-drafts: N passed, M failed".
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const [grader, rubricJson, formFile, auditsFile, workDirectory] = process.argv.slice(2);
if (!workDirectory) {
  console.error('usage: node tests/html/form_drafts.mjs RUBRIC-GRADE RUBRIC.json FORM.html AUDITS.jsonl WORK-DIR');
  process.exit(2);
}
mkdirSync(workDirectory, { recursive: true });

function gradeFile(file) {
  const run = spawnSync(grader, ['--rubric', rubricJson, '-q', file], { encoding: 'utf8' });
  return run.stdout.trim().split('\n').filter(Boolean).map((line) => {
    const { input, line: number, ...result } = JSON.parse(line);
    return result;
  });
}

const rubric = JSON.parse(readFileSync(rubricJson, 'utf8'));
const samples = readFileSync(auditsFile, 'utf8').split('\n').filter(Boolean);
const sampleResults = gradeFile(auditsFile);
const index = sampleResults.findIndex((result) => !('error' in result) && result.rubric === rubric.id);
if (index < 0) {
  console.error(`html-form-drafts: no sample in ${auditsFile} grades cleanly`);
  process.exit(1);
}
const sample = JSON.parse(samples[index]);
const criteria = Object.keys(sample.grades);
const url = pathToFileURL(resolve(formFile)).href;

const results = [];
function step(name, problems) {
  results.push(problems.length === 0);
  console.log(`${problems.length === 0 ? 'ok' : 'FAIL'}: ${name}`);
  for (const problem of problems)
    console.log(`  ${problem}`);
}

// The values the sample gives the form's fields, by name.
const wanted = { case: sample.case, auditor: sample.auditor, date: sample.date };
if (sample.case_type) wanted.case_type = sample.case_type;
for (const id of criteria) {
  wanted[`grade:${id}`] = sample.grades[id];
  wanted[`evidence:${id}`] = `Evidence for ${id}: "quoted", \\ and a line\nbreak.`;
}
for (const [section, grade] of Object.entries((sample.auditor_grades || {}).sections || {}))
  wanted[`section:${section}`] = grade;
if ((sample.auditor_grades || {}).overall) wanted.overall = sample.auditor_grades.overall;

// Fills the form through the page (one page load, every field's events).
async function fill(page, values) {
  await page.evaluate((entries) => {
    const form = document.getElementById('form_audit');
    for (const [name, value] of entries) {
      if (name.startsWith('grade:') || name.startsWith('section:') || name === 'overall' || name === 'case_type') {
        const box = [...form.querySelectorAll('input[type=radio]')]
          .find((input) => input.name === name && input.value === value);
        box.checked = true;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        const field = form.elements.namedItem(name);
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  }, Object.entries(values));
}

// The form's fields' values, as the script keeps them.
async function fieldValues(page) {
  return page.evaluate(() => {
    const values = {};
    for (const field of document.getElementById('form_audit').elements) {
      if (!field.name || field.type === 'file') continue;
      if (field.type === 'radio') { if (field.checked) values[field.name] = field.value; }
      else if (field.value !== '') values[field.name] = field.value;
    }
    return values;
  });
}

function differences(found, expected) {
  const problems = [];
  for (const name of new Set([...Object.keys(found), ...Object.keys(expected)]))
    if (found[name] !== expected[name])
      problems.push(`${name}: ${JSON.stringify(found[name])}, expected ${JSON.stringify(expected[name])}`);
  return problems.slice(0, 8);
}

// Waits until at least COUNT drafts have been kept since the page opened
// and nothing the form holds is still waiting to be kept (no write in
// flight, no change waiting for the database to open).
async function draftsKept(page, count) {
  await page.waitForFunction((wantedCount) => {
    const status = document.getElementById('form_draft_status');
    return Number(status.getAttribute('data-saved') || 0) >= wantedCount &&
      status.getAttribute('data-pending') === '0';
  }, count, { timeout: 60000 });
}

// Starts Debian's Chromium on a profile folder, as a process of our own
// (so that it can be killed), and connects to it.
async function startChromium(profile) {
  // A process group of its own: killing it kills the browser and all its
  // helper processes at once, as a crash or a power cut would.
  const child = spawn(CHROMIUM.executablePath, [...CHROMIUM.args, `--user-data-dir=${profile}`,
                                                '--remote-debugging-port=0', 'about:blank'],
                      { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.killGroup = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  const endpoint = await new Promise((found, failed) => {
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match) found(match[1]);
    });
    child.on('exit', () => failed(new Error(`chromium exited: ${text}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return { child, browser };
}

async function draftItems(page) {
  await page.waitForFunction(() => document.querySelectorAll('#form_draft_list li').length > 0, null,
                             { timeout: 60000 }).catch(() => {});
  return page.locator('#form_draft_list li').allTextContents();
}

const profile = mkdtempSync(`${resolve(workDirectory)}/profile-`);
let browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(url);

  // 1. Level descriptors.
  let problems = [];
  const detailsCount = await page.locator('fieldset[data-criterion] details.descriptors').count();
  const criterionCount = await page.locator('fieldset[data-criterion]').count();
  if (detailsCount !== criterionCount) problems.push(`${detailsCount} descriptor folds for ${criterionCount} criteria`);
  if (await page.locator('details.descriptors[open]').count() !== 0) problems.push('descriptors open at first');
  const toggle = page.locator('#form_descriptors_toggle');
  await toggle.click();
  if (await page.locator('details.descriptors:not([open])').count() !== 0) problems.push('"Open all" left some closed');
  if ((await toggle.textContent()) !== 'Close all level descriptors' || (await toggle.getAttribute('aria-expanded')) !== 'true')
    problems.push(`after opening all, the button says ${JSON.stringify(await toggle.textContent())}`);
  const firstLevel = rubric.levels ? rubric.levels.find((level) => level.label) : null;
  const shownText = await page.locator('details.descriptors').first().textContent();
  if (firstLevel && !shownText.includes(firstLevel.code)) problems.push('the first criterion\'s descriptors name no grade');
  await toggle.click();
  if (await page.locator('details.descriptors[open]').count() !== 0) problems.push('"Close all" left some open');
  await page.locator('details.descriptors summary').first().focus();
  await page.keyboard.press('Enter');
  if (!(await page.locator('details.descriptors').first().evaluate((element) => element.open)))
    problems.push('Enter on a summary does not open it');
  await page.keyboard.press('Enter');
  step(`level descriptors under each of the ${criterionCount} criteria, closed, opened all at once and by keyboard`,
       problems);

  // 2. Keyboard only.
  problems = [];
  await page.locator('#form_case').focus();
  await page.keyboard.type('KEY-1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard Auditor');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-03-02');
  const firstRadio = page.locator(`input[type=radio][name="grade:${criteria[0]}"]`).first();
  await firstRadio.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  let values = await fieldValues(page);
  const secondValue = await page.locator(`input[type=radio][name="grade:${criteria[0]}"]`).nth(1).getAttribute('value');
  if (values.case !== 'KEY-1' || values.auditor !== 'Keyboard Auditor' || values.date !== '2026-03-02')
    problems.push(`case details typed: ${JSON.stringify([values.case, values.auditor, values.date])}`);
  if (values[`grade:${criteria[0]}`] !== secondValue)
    problems.push(`arrow keys chose ${values[`grade:${criteria[0]}`]}, expected ${secondValue}`);
  step('the case details and a grade entered with the keyboard alone', problems);

  // 3. An impossible date.
  problems = [];
  await page.fill('#form_date', '2026-02-30');
  await page.getByRole('button', { name: 'Save the record' }).click();
  const messages = await page.locator('#form_errors li').allTextContents();
  if (!messages.some((message) => message.includes('2026-02-30') && message.includes('real date')))
    problems.push(`messages ${JSON.stringify(messages.slice(0, 4))} say nothing of the date`);
  step('an impossible date (2026-02-30) is refused', problems);

  // 6 (first half). A finished draft and an unfinished one in this browser.
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await fill(page, wanted);
  await draftsKept(page, 1);
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await fill(page, { case: 'UNFINISHED-1' });
  const listed = await draftItems(page);
  const [batch] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save all finished drafts' }).click(),
  ]);
  const batchFile = `${workDirectory}/${batch.suggestedFilename()}`;
  await batch.saveAs(batchFile);
  const batchLines = readFileSync(batchFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  problems = [];
  if (!/^.+-finished-drafts-\d{4}-\d{2}-\d{2}\.jsonl$/.test(batch.suggestedFilename()))
    problems.push(`named ${batch.suggestedFilename()}`);
  if (batchLines.length !== 1 || batchLines[0].case !== sample.case)
    problems.push(`${batchLines.length} records: ${batchLines.map((record) => record.case).join(', ')} (of drafts ${JSON.stringify(listed)})`);
  const batchGrades = gradeFile(batchFile);
  if (batchGrades.length !== 1 || 'error' in batchGrades[0] ||
      JSON.stringify(batchGrades[0].overall) !== JSON.stringify(sampleResults[index].overall))
    problems.push(`graded ${JSON.stringify(batchGrades).slice(0, 300)}`);
  const said = await page.locator('#form_drafts_status').textContent();
  if (!said.includes('downloads folder') || !said.includes(batch.suggestedFilename())) problems.push(`says ${JSON.stringify(said)}`);
  step(`"Save all finished drafts" saves the one finished draft of two (${batch.suggestedFilename()})`, problems);

  // 7. Deleting asks first.
  problems = [];
  const deleteButton = page.getByRole('button', { name: 'Delete the draft of case UNFINISHED-1' });
  await deleteButton.waitFor({ timeout: 60000 });
  const before = (await draftItems(page)).length;
  await deleteButton.click();
  if (!(await page.locator('.draft__question').isVisible())) problems.push('no question asked');
  if (!(await page.locator('.draft__question').evaluate((element) => element === document.activeElement)))
    problems.push('the question does not have the focus');
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await deleteButton.waitFor({ timeout: 60000 }).catch(() => {});
  if ((await draftItems(page)).length !== before) problems.push('"No, keep it" did not keep it');
  await page.getByRole('button', { name: 'Delete the draft of case UNFINISHED-1' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.waitForFunction((count) => document.querySelectorAll('#form_draft_list li').length === count - 1, before,
                             { timeout: 60000 }).catch(() => problems.push('"Yes, delete it" did not delete it'));
  step('deleting a draft asks first, and "No" keeps it', problems);

  // 8. Save, open again, amend.
  problems = [];
  const continued = page.locator('#form_draft_list li', { hasText: `Case ${sample.case}` }).getByRole('button', { name: 'Continue' });
  if (await continued.count()) await continued.click();
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save the record' }).click(),
  ]);
  const savedName = saved.suggestedFilename();
  const savedFile = `${workDirectory}/${savedName}`;
  await saved.saveAs(savedFile);
  const safeCase = sample.case.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (savedName !== `${rubric.id}-${safeCase}-${sample.date}.jsonl`) problems.push(`saved as ${savedName}`);
  const original = JSON.parse(readFileSync(savedFile, 'utf8'));
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await page.setInputFiles('#form_open_file', savedFile);
  await page.waitForSelector('#form_amending:not([hidden])', { timeout: 60000 }).catch(() => problems.push('not opened to amend'));
  values = await fieldValues(page);
  const expectedValues = { ...wanted };
  problems.push(...differences(values, expectedValues));
  if (!(await page.locator('#form_case').evaluate((input) => input.readOnly))) problems.push('the case reference can be changed');
  const changedId = criteria[0];
  const otherGrade = await page.locator(`input[type=radio][name="grade:${changedId}"]`)
    .evaluateAll((boxes, current) => boxes.map((box) => box.value).find((value) => value !== current), sample.grades[changedId]);
  await page.locator(`input[type=radio][name="grade:${changedId}"][value="${otherGrade}"]`).check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  const refused = await page.locator('#form_errors li').allTextContents();
  if (!refused.some((message) => message.includes('amending'))) problems.push(`no name asked for: ${JSON.stringify(refused)}`);
  await page.fill('#form_amended_by', 'Moderating Manager');
  const [amended] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save the record' }).click(),
  ]);
  const amendedFile = `${workDirectory}/amended-${amended.suggestedFilename()}`;
  await amended.saveAs(amendedFile);
  const record = JSON.parse(readFileSync(amendedFile, 'utf8'));
  for (const member of ['case', 'auditor', 'date'])
    if (record[member] !== original[member]) problems.push(`${member} ${record[member]}, was ${original[member]}`);
  if (record.amended_by !== 'Moderating Manager') problems.push(`amended_by ${record.amended_by}`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(record.amended_at || '')) problems.push(`amended_at ${record.amended_at}`);
  if (record.grades[changedId] !== otherGrade) problems.push(`grade of ${changedId} ${record.grades[changedId]}`);
  const amendedGrades = gradeFile(amendedFile);
  if (amendedGrades.length !== 1 || 'error' in amendedGrades[0]) problems.push(`rubric-grade: ${JSON.stringify(amendedGrades).slice(0, 300)}`);
  else {
    const criterion = amendedGrades[0].criteria ? JSON.stringify(amendedGrades[0]).includes(changedId) : true;
    if (!criterion) problems.push('the graded result does not name the amended criterion');
    if ('amended_by' in amendedGrades[0] && amendedGrades[0].amended_by !== 'Moderating Manager')
      problems.push(`rubric-grade carries amended_by ${amendedGrades[0].amended_by}`);
  }
  // A batch of two: the form asks which one.
  const two = `${workDirectory}/two.jsonl`;
  writeFileSync(two, `${JSON.stringify(original)}\n${JSON.stringify({ ...original, case: 'SECOND-1' })}\n`);
  await page.setInputFiles('#form_open_file', two);
  await page.waitForSelector('#form_open_choices:not([hidden])', { timeout: 60000 }).catch(() => {});
  const choices = await page.locator('#form_open_choices button').allTextContents();
  if (choices.length !== 2) problems.push(`a batch of two offers ${JSON.stringify(choices)}`);
  else {
    await page.locator('#form_open_choices button').nth(1).click();
    if ((await page.inputValue('#form_case')) !== 'SECOND-1') problems.push('the chosen record was not opened');
  }
  step(`saved as ${savedName}, opened again and amended: case, auditor and date kept, amended_by and amended_at ` +
       `added (${record.amended_at}), graded by rubric-grade`, problems);

  // A prefilled draft (what `rubric-grade sample --drafts` writes: no date,
  // no grades) opens as a new audit of its case, not as an amendment.
  const prefilledProblems = [];
  const prefilled = `${workDirectory}/prefilled.jsonl`;
  const prefilledRecord = { rubric: rubric.id, case: 'PREFILLED-7', auditor: 'Gail Gum' };
  if (sample.case_type) prefilledRecord.case_type = sample.case_type;
  writeFileSync(prefilled, `${JSON.stringify(prefilledRecord)}\n`);
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await page.setInputFiles('#form_open_file', prefilled);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'form_date',
                             null, { timeout: 60000 }).catch(() => prefilledProblems.push('the date field is not focused'));
  if (!(await page.locator('#form_amending').isHidden())) prefilledProblems.push('opened as an amendment');
  if ((await page.inputValue('#form_case')) !== 'PREFILLED-7') prefilledProblems.push('the case was not filled in');
  if ((await page.inputValue('#form_auditor')) !== 'Gail Gum') prefilledProblems.push('the auditor was not filled in');
  if (await page.locator('#form_date').evaluate((input) => input.readOnly)) prefilledProblems.push('the date cannot be entered');
  step('a prefilled draft with no date or grades opens as a new audit of its case, the date to enter', prefilledProblems);
  await context.close();
} finally {
  await browser.close();
}

// 4. Kill and reopen; 5. another edition.
let first = null;
let second = null;
try {
  first = await startChromium(profile);
  let context = first.browser.contexts()[0];
  let page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('form_draft_list') !== null);
  await fill(page, wanted);
  await draftsKept(page, 1);
  const killed = new Promise((done) => first.child.on('exit', done));
  first.child.killGroup();
  await killed;
  second = await startChromium(profile);
  context = second.browser.contexts()[0];
  page = await context.newPage();
  await page.goto(url);
  let items = await draftItems(page);
  let problems = [];
  const item = page.locator('#form_draft_list li', { hasText: `Case ${sample.case}` }).first();
  if (!(await item.count())) problems.push(`no draft of case ${sample.case} listed: ${JSON.stringify(items)}`);
  else {
    const about = await item.textContent();
    if (!/(\d+) of \1 items answered/.test(about)) problems.push(`listed as ${JSON.stringify(about)}`);
    await item.getByRole('button', { name: 'Continue' }).click();
    problems.push(...differences(await fieldValues(page), wanted));
  }
  step(`kill Chromium (SIGKILL) mid-audit and start it again: the draft is listed, newest first, and holds ` +
       `every one of its ${Object.keys(wanted).length} answers and comments`, problems);

  // 5. The draft made under another edition.
  problems = [];
  await page.evaluate((id) => new Promise((done) => {
    const request = indexedDB.open('rubric-audit-forms', 1);
    request.onsuccess = () => {
      const store = request.result.transaction('drafts', 'readwrite').objectStore('drafts');
      store.getAll().onsuccess = (event) => {
        for (const draft of event.target.result) {
          draft.edition = 'an older edition';
          draft.digests[id] = '00000000';
          store.put(draft);
        }
        store.transaction.oncomplete = done;
      };
    };
  }), criteria[0]);
  await page.reload();
  items = await draftItems(page);
  if (!items.some((text) => text.includes('Another edition: an older edition'))) problems.push(`listed as ${JSON.stringify(items)}`);
  await page.locator('#form_draft_list li', { hasText: `Case ${sample.case}` }).first().getByRole('button', { name: 'Continue' }).click();
  const notice = await page.locator('#form_edition_notice').textContent();
  if (!(await page.locator('#form_edition_notice').isVisible()) || !notice.includes(`(${criteria[0]})`))
    problems.push(`the notice says ${JSON.stringify(notice)}`);
  step('a draft of another edition is tagged, and opened names the criterion that changed', problems);
} finally {
  // A browser connected to is only disconnected by close(): end the
  // processes we started (the group of each), and wait for them before
  // removing the profile.
  for (const started of [first, second])
    if (started) {
      await started.browser.close().catch(() => {});
      const ended = started.child.exitCode === null && started.child.signalCode === null
        ? new Promise((done) => started.child.on('exit', done)) : null;
      started.child.killGroup();
      if (ended) await ended;
    }
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  } catch (error) {
    console.log(`note: the profile folder ${profile} was left: ${error.message}`);
  }
}

const failed = results.filter((passed) => !passed).length;
console.log(`html-form-drafts: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
