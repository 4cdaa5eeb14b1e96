// form_grade.mjs - the audit form's live grade: as boxes are ticked, each
// section and the overall show the grade the rubric's rules give, worked
// out by the grader itself (rubric-grade compiled to WebAssembly, carried
// in the page as a data block) over the record the form would save, in
// partial mode (rubric-grade --partial): what is decided shows its grade
// and the rule that decided it, what is not says which criteria it waits
// for, and where the auditor's own grade differs from the rules' the
// difference is marked for them to explain in a comment. No grading is
// done here: this file only shows what the grader wrote.
//
// Built at build time by esbuild (compiler/compiler.mk) with the page
// module (wasm/rubric.mjs, memory-wasi.mjs) and web/inline-wasm.mjs into one
// classic script, which scripts/embed-script.sh makes a C header for
// emit_form.c. form.js announces every change of the record with a
// "recordchange" event on the form (detail: the record it would save).

import { loadRubric } from '../../wasm/rubric.mjs';
import { inlineWasm } from '../../web/inline-wasm.mjs';

const form = document.getElementById('form_audit');
// The rubric's JSON as rubricc wrote it, loaded once by the grader kept for
// the page (wasm/rubric.mjs's openGrader): each click grades the record only.
const rubricModel = JSON.parse(document.getElementById('form_rubric_json').textContent);
const levelNames = Object.fromEntries(rubricModel.scale.map((level) => [level.code, level.label || level.code]));
levelNames.NA = 'Not applicable';
const announcer = document.getElementById('form_rules_announce');

// The words of a grade: "G (Good)".
const gradeWords = (code) => (levelNames[code] && levelNames[code] !== code ? `${code} (${levelNames[code]})` : code);

// A criterion's name as the page gives it.
function criterionName(id) {
    const legend = document.querySelector(`#form_criterion_${CSS.escape(id)} .criterion-legend__name`);
    return legend ? legend.textContent : id;
}

// The boxes the grade is shown in: one per graded section, and the overall.
const boxes = new Map();
for (const box of document.querySelectorAll('[data-rules-for]')) boxes.set(box.getAttribute('data-rules-for'), box);

// What decided an outcome, in words: the rule ("median of 8 criteria",
// "median of 6 sections"), then the limit if one capped it.
function decidedWords(outcome, record, isOverall) {
    const [method, over = 'criteria'] = outcome.rule.split(' of ');
    const noun = (count) => (over === 'sections' ? (count === 1 ? 'section' : 'sections')
                                                 : (count === 1 ? 'criterion' : 'criteria'));
    let words = outcome.counted ? `${method} of ${outcome.counted} ${noun(outcome.counted)}`
                                : `all ${outcome.not_applicable} ${noun(outcome.not_applicable)} NA`;
    if (isOverall && over === 'sections' && outcome.counted) words = `${method} of the ${outcome.counted} section grades`;
    if (outcome.limited_by) {
        const capped = /^criterion (\S+)$/.exec(outcome.limited_by);
        const why = capped ? `criterion \u201c${criterionName(capped[1])}\u201d is ${gradeWords(record.criteria[capped[1]])}`
                           : outcome.limited_by;
        words += `; limited to ${outcome.grade} (from ${outcome.before_limit}): ${why}`;
    }
    return words;
}

function paragraph(className, text) {
    const element = document.createElement('p');
    element.className = className;
    element.textContent = text;
    return element;
}

// One box: the grade and why, what it waits for, or the difference.
function show(box, outcome, record, note) {
    box.textContent = '';
    box.hidden = false;
    const field = document.getElementById(`form_comment_${box.getAttribute('data-rules-for')}`);
    const comment = field ? field.parentNode : null;
    let differs = false;
    if (note) {
        box.appendChild(paragraph('rules-grade__line', `The rules\u2019 grade: not yet. ${note}`));
    } else if (outcome.incomplete) {
        const names = outcome.missing.slice(0, 5).map((id) => `\u201c${criterionName(id)}\u201d`);
        const more = outcome.missing.length > 5 ? ` and ${outcome.missing.length - 5} more` : '';
        box.appendChild(paragraph('rules-grade__line', 'The rules\u2019 grade: not yet decided.'));
        box.appendChild(paragraph('rules-grade__why', `Still to grade: ${names.join(', ')}${more}.`));
    } else if (outcome.grade === null) {
        box.appendChild(paragraph('rules-grade__line', 'The rules\u2019 grade: not graded.'));
        if (outcome.limited_by) box.appendChild(paragraph('rules-grade__why', `Decided by: ${outcome.limited_by}.`));
    } else {
        box.appendChild(paragraph('rules-grade__line', `The rules\u2019 grade: ${gradeWords(outcome.grade)}`));
        box.appendChild(paragraph('rules-grade__why',
                                  `Decided by: ${decidedWords(outcome, record, box.getAttribute('data-rules-for') === 'overall')}.`));
        if (outcome.auditor !== undefined && outcome.agrees === false) {
            differs = true;
            box.appendChild(paragraph('rules-grade__differs',
                `Your grade, ${gradeWords(outcome.auditor)}, differs from the rules\u2019 ${gradeWords(outcome.grade)}: ` +
                'say why in the comment below.'));
        }
    }
    box.classList.toggle('rules-grade--differs', differs);
    // what is shown, for tests: the grade code, "incomplete" or "none"
    box.setAttribute('data-rules-grade', note ? 'none' : outcome.incomplete ? 'incomplete' : outcome.grade ?? 'none');
    box.setAttribute('data-rules-missing', !note && outcome.incomplete ? outcome.missing.join(' ') : '');
    if (comment) comment.hidden = !differs && !field.value;
}

let grader = null;
let latest = null;
let graded = null;   // the line last graded: the same record is not graded again
let shown = {};

// Grades the record and shows the result; announces (politely) only the
// outcomes whose grade changed.
function update(record) {
    const line = JSON.stringify({ ...record, 'case': record['case'] || 'draft',
                                  date: /^\d{4}-\d{2}-\d{2}$/.test(record.date) ? record.date : '2000-01-01' });
    if (line === graded) return;
    graded = line;
    const run = grader.grade(line, { partial: true });
    const result = run.result ?? { error: run.stderr };
    const changes = [];
    const outcomes = result.error ? [] : [...result.sections, { ...result.overall, id: 'overall' }];
    for (const [id, box] of boxes) {
        const outcome = outcomes.find((found) => found.id === id);
        show(box, outcome, result, result.error ? `The grader says: ${result.error}.` : null);
        const now = outcome && !outcome.incomplete ? outcome.grade : null;
        if (shown[id] !== undefined && shown[id] !== now && now !== null)
            changes.push(`${box.getAttribute('data-rules-name')}: ${gradeWords(now)}`);
        shown[id] = now;
    }
    if (changes.length) announcer.textContent = `By the rules, ${changes.join('; ')}.`;
    form.setAttribute('data-rules-graded', String((Number(form.getAttribute('data-rules-graded')) || 0) + 1));
}

form.addEventListener('recordchange', (event) => {
    latest = event.detail;
    if (grader) update(latest);
});

loadRubric({ grader: inlineWasm('rubric-grade') }).then((loaded) => {
    grader = loaded.openGrader(document.getElementById('form_rubric_json').textContent);
    if (latest) update(latest);
    document.getElementById('form_rules_note').hidden = false;
    form.setAttribute('data-rules-ready', '');
});
