// form_random.mjs — random audits through the audit form, graded by
// rubric-grade. In headless Chromium (through playwright-core), for each
// form, in one page load: COUNT audits filled by script through the page
// (a random case type where the rubric has them, random case facts, a
// random box of every criterion that applies (by case type, and by its
// condition on a fact, as the form shows it), NA included where allowed, random evidence and
// own grades), each record taken from the form ("Copy the record" writes
// it into the record box); then all of them graded by rubric-grade, which
// must grade every one without error, with each criterion's grade the
// one ticked (and NA for a criterion of another case type, left
// unticked). A form with case facts also refuses a required fact left
// empty and an impossible date (2026-02-30), each with its own message,
// and shows a criterion governed by a condition on a fact only while it
// holds. A form written with the grader (rubricc --grader-module) shows
// the rubric's grade live: after each audit is filled the grade of every
// section and of the overall that the PAGE SHOWS must equal rubric-grade's
// of the saved record, field for field (grade, the auditor's grade marked
// as differing, or, for one audit in five left part-filled, "incomplete"
// and the criteria missing, against rubric-grade --partial). Run by
// tests/html.mk:
//
//   node tests/html/form_random.mjs RUBRIC-GRADE WORK-DIR COUNT RUBRIC.json:FORM.html...
//
// Prints one line per form and a closing "html-form-random: N passed, M failed".
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const [grader, workDirectory, countText, ...forms] = process.argv.slice(2);
const count = Number(countText);
if (!forms.length || !(count > 0)) {
  console.error('usage: node tests/html/form_random.mjs RUBRIC-GRADE WORK-DIR COUNT RUBRIC.json:FORM.html...');
  process.exit(2);
}
mkdirSync(workDirectory, { recursive: true });

// In the page: fills and takes count random records; returns
// [{ line, ticked }] (ticked: criterion id -> the box ticked).
function fillAtRandom(total) {
  let seed = 20261205;
  const random = (size) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * size);
  };
  const form = document.getElementById('form_audit');
  const boxes = {};
  for (const box of form.querySelectorAll('input[type=radio]')) (boxes[box.name] = boxes[box.name] || []).push(box);
  const criteria = [...form.querySelectorAll('fieldset[data-criterion]')].map((fieldset) => ({
    id: fieldset.getAttribute('data-criterion'),
    cohorts: fieldset.getAttribute('data-applies-to') ? fieldset.getAttribute('data-applies-to').split(' ') : null,
  }));
  const ownGrades = Object.keys(boxes).filter((name) => name.startsWith('section:') || name === 'overall');
  const live = document.getElementById('form_rubric_json') !== null;
  let announced = null;
  form.addEventListener('recordchange', (event) => { announced = event.detail; });
  // The grade of every section and the overall as the page shows it.
  const shownGrades = () => [...document.querySelectorAll('[data-rules-for]')].map((box) => ({
    id: box.getAttribute('data-rules-for'), grade: box.getAttribute('data-rules-grade'),
    missing: box.getAttribute('data-rules-missing'), differs: box.classList.contains('rules-grade--differs'),
    words: box.textContent }));
  const made = [];
  for (let audit = 0; audit < total; audit++) {
    const partial = live && audit % 5 === 4;
    for (const list of Object.values(boxes)) for (const box of list) box.checked = false;
    for (const area of form.querySelectorAll('textarea[name^="evidence:"]')) area.value = '';
    form.elements.namedItem('case').value = `RANDOM-${audit + 1}`;
    form.elements.namedItem('auditor').value = `Auditor ${random(5) + 1}`;
    form.elements.namedItem('date').value =
      `2026-${String(random(12) + 1).padStart(2, '0')}-${String(random(28) + 1).padStart(2, '0')}`;
    let caseType = null;
    if (boxes.case_type) {
      const box = boxes.case_type[random(boxes.case_type.length)];
      box.checked = true;
      caseType = box.value;
    }
    // The case facts: a random value of each (an optional one left empty
    // at times); the form then shows the criteria that apply.
    for (const group of form.querySelectorAll('[data-fact]')) {
      const key = group.getAttribute('data-fact');
      const type = group.getAttribute('data-fact-type');
      const empty = !group.hasAttribute('data-required') && random(3) === 0;
      if (type === 'yes/no') {
        for (const box of boxes[`fact:${key}`]) box.checked = false;
        if (!empty) boxes[`fact:${key}`][random(2)].checked = true;
        continue;
      }
      const field = form.elements.namedItem(`fact:${key}`);
      if (empty) field.value = '';
      else if (type === 'choice') field.value = field.options[1 + random(field.options.length - 1)].value;
      else if (type === 'date') field.value = `2025-${String(random(12) + 1).padStart(2, '0')}-${String(random(28) + 1).padStart(2, '0')}`;
      else if (type === 'number') field.value = String(random(10));
      else field.value = `Fact ${random(100)}`;
    }
    const factField = form.querySelector('[name^="fact:"], [name="case_type"]');
    if (factField) factField.dispatchEvent(new Event('change', { bubbles: true }));
    const ticked = {};
    for (const criterion of criteria) {
      if (caseType && criterion.cohorts && !criterion.cohorts.includes(caseType)) continue;
      if (document.getElementById(`form_criterion_${criterion.id}`).hidden) continue;
      const list = boxes[`grade:${criterion.id}`];
      if (partial && random(3) === 0) continue;
      const box = list[random(list.length)];
      box.checked = true;
      ticked[criterion.id] = box.value;
      if (random(4) === 0) form.elements.namedItem(`evidence:${criterion.id}`).value = `Seen "${audit}" \\ ok\nyes`;
    }
    for (const name of ownGrades)
      if (random(2) === 0) boxes[name][random(boxes[name].length)].checked = true;
    if (live) {
      // one click's worth: the form announces the record, the page grades it
      const ticking = form.querySelector('input[name^="grade:"]:checked') || form.querySelector('input[name^="grade:"]');
      ticking.dispatchEvent(new Event('change', { bubbles: true }));
    }
    if (partial) {
      made.push({ line: JSON.stringify(announced), ticked, partial, grades: shownGrades() });
      continue;
    }
    document.getElementById('form_copy').click();
    made.push({ line: document.getElementById('form_record_text').value, ticked,
                shown: !document.getElementById('form_errors').hidden, grades: live ? shownGrades() : null });
  }
  return made;
}

// In the page, for a form with case facts: a required fact left empty and
// an impossible date are refused with their own messages, and a criterion
// whose condition is on a choice or yes/no fact shows only while it holds.
// Returns the problems found and what was checked.
function checkFacts() {
  const problems = [];
  const form = document.getElementById('form_audit');
  const groups = [...form.querySelectorAll('[data-fact]')];
  if (!groups.length) return { problems, checked: '' };
  let conditions = 0;
  const change = (field) => field.dispatchEvent(new Event('change', { bubbles: true }));
  for (const group of groups) {
    const type = group.getAttribute('data-fact-type');
    const key = group.getAttribute('data-fact');
    if (type === 'yes/no') for (const box of group.querySelectorAll('input')) box.checked = false;
    else form.elements.namedItem(`fact:${key}`).value = type === 'date' ? '2026-02-30' : '';
  }
  change(form.querySelector('[name^="fact:"]'));
  form.requestSubmit(document.querySelector('#form_actions [type=submit]'));
  const messages = [...document.querySelectorAll('#form_errors li')].map((item) => item.textContent);
  for (const group of groups) {
    const type = group.getAttribute('data-fact-type');
    const name = group.querySelector('.form-label').firstChild.textContent.trim();
    if (type === 'date' && !messages.some((message) => message.includes(name) && message.includes('real date')))
      problems.push(`no message that the ${name} 2026-02-30 is not a real date`);
    if (group.hasAttribute('data-required') && type !== 'date' && !messages.some((message) => message.includes(name)))
      problems.push(`no message that the ${name} is missing`);
  }
  for (const fieldset of form.querySelectorAll('fieldset[data-when-fact]')) {
    const key = fieldset.getAttribute('data-when-fact');
    const wanted = fieldset.getAttribute('data-when-values').split('|')[0];
    const field = form.elements.namedItem(`fact:${key}`);
    const boxes = [...form.querySelectorAll('input[type=radio]')].filter((box) => box.name === `fact:${key}`);
    if (!fieldset.hidden) problems.push(`${fieldset.id} shown while ${key} is not given`);
    if (boxes.length) {
      const box = boxes.find((candidate) => candidate.value === wanted);
      if (box) { box.checked = true; change(box); }
    } else if (field && field.tagName === 'SELECT') {
      field.value = wanted;
      change(field);
    } else continue;
    if (fieldset.hidden && fieldset.getAttribute('data-when-test') === 'is')
      problems.push(`${fieldset.id} hidden while ${key} is ${wanted}`);
    conditions++;
  }
  return { problems, checked: `${groups.length} case facts checked, ${conditions} conditions shown and hidden` };
}

const browser = await chromium.launch(CHROMIUM);
let passed = 0;
let failed = 0;
try {
  for (const pair of forms) {
    const [rubricJson, formFile] = pair.split(':');
    const url = pathToFileURL(resolve(formFile)).href;
    const context = await browser.newContext();
    // "Copy the record" then copies without selecting the record box.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(url);
    const live = await page.evaluate(() => document.getElementById('form_rubric_json') !== null);
    if (live) await page.waitForSelector('#form_audit[data-rules-ready]', { timeout: 30000 });
    const started = Date.now();
    const made = await page.evaluate(fillAtRandom, count);
    const filled = Date.now() - started;
    const { problems, checked: factsChecked } = await page.evaluate(checkFacts);
    await context.close();
    const refused = made.filter((audit) => !audit.partial && (audit.shown || !audit.line));
    if (refused.length) problems.push(`${refused.length} complete audits refused by the form`);
    const file = `${workDirectory}/${basename(formFile, '.html')}-random.jsonl`;
    const complete = made.filter((audit) => !audit.partial);
    const partial = made.filter((audit) => audit.partial);
    writeFileSync(file, complete.map((audit) => audit.line).join('\n') + '\n');
    const gradeFile = (name, extra) => spawnSync(grader, ['--rubric', rubricJson, '-q', ...extra, name],
                                                 { encoding: 'utf8', maxBuffer: 1 << 28 })
      .stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const results = gradeFile(file, []);
    let compared = 0;
    // The page's grades against rubric-grade's, field for field.
    const compare = (audit, result, index) => {
      if ('error' in result) { problems.push(`${audit.partial ? 'part-filled ' : ''}record ${index + 1}: ${result.error}`); return; }
      const outcomes = [...result.sections, { ...result.overall, id: 'overall' }];
      for (const shown of audit.grades) {
        const outcome = outcomes.find((found) => found.id === shown.id);
        if (!outcome) { problems.push(`record ${index + 1}: the page shows a grade for ${shown.id}, rubric-grade has none`); continue; }
        const grade = outcome.incomplete ? 'incomplete' : outcome.grade ?? 'none';
        const differs = !outcome.incomplete && outcome.grade !== null && outcome.agrees === false;
        if (shown.grade !== grade) problems.push(`record ${index + 1}: ${shown.id} shown ${shown.grade}, rubric-grade says ${grade}`);
        if (shown.missing !== (outcome.missing || []).join(' '))
          problems.push(`record ${index + 1}: ${shown.id} shown missing "${shown.missing}", rubric-grade "${(outcome.missing || []).join(' ')}"`);
        if (shown.differs !== differs) problems.push(`record ${index + 1}: ${shown.id} difference from the auditor shown ${shown.differs}, rubric-grade ${differs}`);
        if (outcome.limited_by && grade !== 'incomplete' && !shown.words.includes(`limited to ${outcome.grade}`))
          problems.push(`record ${index + 1}: ${shown.id} does not say it is limited to ${outcome.grade}`);
        compared++;
      }
      if (audit.grades.length !== result.sections.length + 1)
        problems.push(`record ${index + 1}: the page shows ${audit.grades.length} grades, rubric-grade has ${result.sections.length + 1}`);
    };
    if (live) {
      results.forEach((result, index) => compare(complete[index], result, index));
      const partialFile = `${workDirectory}/${basename(formFile, '.html')}-partial.jsonl`;
      writeFileSync(partialFile, partial.map((audit) => audit.line).join('\n') + '\n');
      gradeFile(partialFile, ['--partial']).forEach((result, index) => compare(partial[index], result, index));
    }
    if (results.length !== complete.length) problems.push(`rubric-grade gave ${results.length} results for ${complete.length} records`);
    results.forEach((result, index) => {
      if (problems.length > 8) return;
      if ('error' in result) { problems.push(`record ${index + 1}: ${result.error}`); return; }
      const expected = complete[index].ticked;
      for (const [id, grade] of Object.entries(expected))
        if (result.criteria[id] !== grade) problems.push(`record ${index + 1}: ${id} graded ${result.criteria[id]}, ticked ${grade}`);
      // A criterion for another case type is left out: the grader says NA.
      for (const [id, grade] of Object.entries(result.criteria))
        if (!(id in expected) && grade !== 'NA') problems.push(`record ${index + 1}: ${id} graded ${grade} though not ticked`);
    });
    const name = basename(formFile);
    if (problems.length === 0) {
      passed++;
      console.log(`ok: ${name}: ${made.length} random audits filled in ${filled} ms, every one graded as ticked` +
                  (live ? `; ${compared} live grades shown as rubric-grade gives them (${partial.length} part-filled)`
                        : '; no live grade (written without the grader)') +
                  (factsChecked ? `; ${factsChecked}` : ''));
    } else {
      failed++;
      console.log(`FAIL: ${name}`);
      for (const problem of problems.slice(0, 10)) console.log(`  ${problem}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`html-form-random: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
