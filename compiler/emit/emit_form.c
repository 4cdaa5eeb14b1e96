/*
 * emit_form.c — the audit form: checked IR in, one HTML page out.
 *
 * One self-contained page per rubric (<id>-form.html) that is two things.
 * Printed (A4 portrait), or opened without JavaScript, it is the blank
 * paper form: case details, every criterion with a tick box per level (and
 * NA where the rubric allows it) and space for evidence, then the
 * auditor's own section and overall grades. Opened in a browser with
 * JavaScript, the inline script turns it into the interactive form: it
 * checks that the record is complete (one message per missing item, in a
 * GOV.UK error summary linking to it) and saves the record in the grader's
 * JSON Lines form (see docs/grader.md, "Input") as a download and to the
 * clipboard. Nothing is fetched: a Content-Security-Policy forbids every
 * request, and the script is fixed text that holds no author string (it
 * reads ids, codes and names from the page), so escaping is all in the
 * HTML, through html_text.c.
 *
 * Input names: "case", "auditor", "date", "case_type" (when the rubric
 * declares case types); "grade:<criterion id>" (a level, or an answer in a
 * checklist section), "evidence:<criterion id>" (saved as the record's
 * "comments"), "section:<section id>" (graded sections), "overall". Element
 * ids: "<criterion id>__<n>" for the n-th choice of a criterion (an IR id
 * never holds an underscore), "form_…" for the rest.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

#include "html_style.h"
#include "html_text.h"

/* Writes one tick box with its label: the code (on the level's colour,
 * for a grade) and the name; a score between the anchors has its number
 * only. */
static void write_choice(FILE *out, const char *name, const char *id_prefix, size_t index, const char *code,
                         const char *label, const char *tag_class)
{
    fprintf(out, "<div class=\"choice\"><input type=\"radio\" id=\"%s__%zu\" name=\"%s\" value=\"", id_prefix, index,
            name);
    html_text_attribute(out, code);
    fprintf(out, "\"><label for=\"%s__%zu\"><span class=\"grade-tag%s\">", id_prefix, index, tag_class);
    html_text_attribute(out, code);
    fputs("</span>", out);
    if (label != NULL) {
        fputs(" ", out);
        html_text_attribute(out, label);
    }
    fputs("</label></div>\n", out);
}

/* Writes a row of tick boxes: one per level, or per answer of a
 * checklist's answer set (answer_set >= 0), and NA when allowed. */
static void write_choices(FILE *out, const ir_rubric *rubric, const char *name, const char *id_prefix,
                          bool not_applicable_allowed, int answer_set)
{
    char tag_class[48];
    size_t count = rubric->level_count;
    fputs("<div class=\"choices\">\n", out);
    if (answer_set >= 0) {
        const ir_answer_set *set = &rubric->answer_sets[answer_set];
        count = set->answer_count;
        for (size_t answer = 0; answer < count; answer++)
            write_choice(out, name, id_prefix, answer, set->answers[answer].code, set->answers[answer].label, "");
    } else {
        for (size_t level = 0; level < count; level++) {
            const ir_level *entry = &rubric->levels[level];
            snprintf(tag_class, sizeof tag_class, " grade-colour-%zu", html_style_level_colour(level, count));
            write_choice(out, name, id_prefix, level, entry->code, entry->anchor ? entry->label : NULL, tag_class);
        }
    }
    if (not_applicable_allowed)
        write_choice(out, name, id_prefix, count, "NA", "Not applicable", " grade-tag--na");
    fputs("</div>\n", out);
}

/* Writes one criterion: its name and id, tick boxes, evidence box. */
static void write_criterion(FILE *out, const ir_rubric *rubric, const ir_criterion *criterion)
{
    size_t index = (size_t)(criterion - rubric->criteria);
    char name[300];
    fprintf(out, "<fieldset class=\"criterion\" id=\"form_criterion_%s\" data-criterion=\"%s\"",
            criterion->id, criterion->id);
    if (criterion->applies_to_count > 0 && rubric->case_type_count > 0) {
        fputs(" data-applies-to=\"", out);
        for (size_t i = 0; i < criterion->applies_to_count; i++) {
            fputs(i == 0 ? "" : " ", out);
            html_text_attribute(out, criterion->applies_to[i]);
        }
        fputs("\"", out);
    }
    fputs(">\n<legend class=\"criterion-legend\"><span class=\"criterion-legend__name\">", out);
    html_text_criterion_name(out, rubric, criterion);
    fprintf(out, "</span> <code>%s</code>", criterion->id);
    if (ir_limits_a_grade(rubric, RUBRIC_LIMIT_BY_CRITERION, index))
        fputs(" <strong class=\"tag tag--small tag--caps\">Caps a grade</strong>", out);
    if (criterion->applies_to_count > 0 && rubric->case_type_count > 0) {
        fputs(" <span class=\"tag tag--small\">Only for ", out);
        for (size_t i = 0; i < criterion->applies_to_count; i++)
            fprintf(out, "%s%s", i == 0 ? "" : ", ", criterion->applies_to[i]);
        fputs(" cases</span>", out);
    }
    fputs("</legend>\n", out);
    snprintf(name, sizeof name, "grade:%s", criterion->id);
    write_choices(out, rubric, name, criterion->id, criterion->not_applicable_allowed,
                  rubric->sections[criterion->section].answer_set);
    fprintf(out, "<label class=\"evidence-label\" for=\"%s__evidence\">Evidence</label>\n"
                 "<textarea class=\"evidence\" id=\"%s__evidence\" name=\"evidence:%s\" rows=\"3\"></textarea>\n"
                 "</fieldset>\n",
            criterion->id, criterion->id, criterion->id);
}

/* Whether any criterion of a section may be graded NA (then so may the
 * section, when all its criteria are). */
static bool section_allows_not_applicable(const ir_rubric *rubric, const ir_section *section)
{
    for (size_t row = 0; row < section->criterion_count; row++)
        if (rubric->criteria[section->first_criterion + row].not_applicable_allowed)
            return true;
    return false;
}

/* Writes a section's name as plain text: "Section 7: Title". */
static void write_section_name(FILE *out, const ir_section *section)
{
    fputs("Section ", out);
    html_text_attribute(out, section->number);
    if (section->title != NULL) {
        fputs(": ", out);
        html_text_attribute(out, section->title);
    }
}

/* Writes one section: its criteria, then the auditor's section grade. */
static void write_section(FILE *out, const ir_rubric *rubric, const ir_section *section)
{
    char name[300], id_prefix[300];
    fprintf(out, "<section class=\"form-section\" aria-labelledby=\"form_section_%s\">\n"
                 "<h2 class=\"heading-m\" id=\"form_section_%s\">", section->id, section->id);
    write_section_name(out, section);
    fputs("</h2>\n", out);
    for (size_t row = 0; row < section->criterion_count; row++)
        write_criterion(out, rubric, &rubric->criteria[section->first_criterion + row]);
    if (section->answer_set >= 0) {
        fputs("</section>\n", out);   /* a checklist has no grade of its own */
        return;
    }
    snprintf(name, sizeof name, "section:%s", section->id);
    snprintf(id_prefix, sizeof id_prefix, "form_section_%s_grade", section->id);
    fprintf(out, "<fieldset class=\"auditor-grade\" data-section=\"%s\">\n<legend>Your grade for section ",
            section->id);
    html_text_attribute(out, section->number);
    fputs(" <span class=\"optional\">(optional: the grader compares it with its own)</span></legend>\n", out);
    write_choices(out, rubric, name, id_prefix, section_allows_not_applicable(rubric, section), -1);
    fputs("</fieldset>\n</section>\n", out);
}

/* Writes the case type choice, when the rubric declares its case types:
 * the criteria for other case types are then left ungraded (or NA). */
static void write_case_type_field(FILE *out, const ir_rubric *rubric)
{
    if (rubric->case_type_count == 0)
        return;
    fputs("<fieldset class=\"form-group case-type\" id=\"form_case_type\">\n<legend class=\"form-label\">Case "
          "type <span class=\"form-hint\">(leave the criteria for other case types ungraded)</span>"
          "</legend>\n<div class=\"choices\">\n", out);
    for (size_t i = 0; i < rubric->case_type_count; i++) {
        const char *meaning = NULL;
        for (size_t g = 0; g < rubric->glossary_count; g++)
            if (strcmp(rubric->glossary[g].abbreviation, rubric->case_types[i]) == 0)
                meaning = rubric->glossary[g].meaning->text;
        write_choice(out, "case_type", "form_case_type", i, rubric->case_types[i], meaning, "");
    }
    fputs("</div>\n</fieldset>\n", out);
}

/* Writes one labelled text field of the case details. */
static void write_case_field(FILE *out, const char *name, const char *label, const char *type, const char *hint)
{
    fprintf(out, "<div class=\"form-group\"><label class=\"form-label\" for=\"form_%s\">%s</label>", name, label);
    if (hint != NULL)
        fprintf(out, "<span class=\"form-hint\" id=\"form_%s_hint\">%s</span>", name, hint);
    fprintf(out, "<input class=\"form-input\" id=\"form_%s\" name=\"%s\" type=\"%s\" autocomplete=\"off\"%s%s%s>"
                 "</div>\n",
            name, name, type, hint != NULL ? " aria-describedby=\"form_" : "", hint != NULL ? name : "",
            hint != NULL ? "_hint\"" : "");
}

/* The script of the interactive form: fixed text, no author string. */
static const char *const script_lines[] = {
    "(function () {",
    "  'use strict';",
    "  var form = document.getElementById('form_audit');",
    "  var summary = document.getElementById('form_errors');",
    "  var output = document.getElementById('form_record');",
    "  var recordText = document.getElementById('form_record_text');",
    "  var status = document.getElementById('form_record_status');",
    "  document.getElementById('form_actions').hidden = false;",
    "  document.getElementById('form_paper_note').hidden = true;",
    "  function value(name) {",
    "    var field = form.elements.namedItem(name);",
    "    return field ? field.value.trim() : '';",
    "  }",
    "  function chosen(name) {",
    "    var boxes = form.querySelectorAll('input[type=radio]');",
    "    for (var i = 0; i < boxes.length; i++)",
    "      if (boxes[i].name === name && boxes[i].checked) return boxes[i].value;",
    "    return '';",
    "  }",
    "  function legendText(fieldset) {",
    "    return fieldset.querySelector('.criterion-legend__name').textContent;",
    "  }",
    "  // The record in the grader's JSON Lines form, and what is missing.",
    "  function build() {",
    "    var missing = [];",
    "    var record = { 'case': value('case'), rubric: form.getAttribute('data-rubric'),",
    "                   auditor: value('auditor'), date: value('date'), grades: {} };",
    "    if (!record['case']) missing.push(['form_case', 'Enter the case reference']);",
    "    if (!record.auditor) missing.push(['form_auditor', 'Enter the auditor\\u2019s name']);",
    "    if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(record.date))",
    "      missing.push(['form_date', 'Enter the date of the audit as year-month-day, like 2026-03-02']);",
    "    var comments = {};",
    "    var caseTypes = form.querySelector('#form_case_type');",
    "    var caseType = chosen('case_type');",
    "    if (caseType) record.case_type = caseType;",
    "    else if (caseTypes) missing.push(['form_case_type__0', 'Choose the case type']);",
    "    var criteria = form.querySelectorAll('fieldset[data-criterion]');",
    "    for (var i = 0; i < criteria.length; i++) {",
    "      var id = criteria[i].getAttribute('data-criterion');",
    "      var grade = chosen('grade:' + id);",
    "      var cohorts = criteria[i].getAttribute('data-applies-to');",
    "      var other = caseType && cohorts && cohorts.split(' ').indexOf(caseType) < 0;",
    "      criteria[i].classList.toggle('form-group--error', !grade && !other);",
    "      if (grade) record.grades[id] = grade;",
    "      else if (!other)",
    "        missing.push([id + '__0', 'Grade criterion \\u201c' + legendText(criteria[i]) + '\\u201d (' + id + ')']);",
    "      var text = value('evidence:' + id);",
    "      if (text) comments[id] = text;",
    "    }",
    "    var sections = {};",
    "    var any = false;",
    "    var fieldsets = form.querySelectorAll('fieldset[data-section]');",
    "    for (var k = 0; k < fieldsets.length; k++) {",
    "      var section = fieldsets[k].getAttribute('data-section');",
    "      var sectionGrade = chosen('section:' + section);",
    "      if (sectionGrade) { sections[section] = sectionGrade; any = true; }",
    "    }",
    "    var overall = chosen('overall');",
    "    if (overall || any) {",
    "      record.auditor_grades = {};",
    "      if (overall) record.auditor_grades.overall = overall;",
    "      if (any) record.auditor_grades.sections = sections;",
    "    }",
    "    if (Object.keys(comments).length) record.comments = comments;",
    "    return { record: record, missing: missing };",
    "  }",
    "  function showProblems(missing) {",
    "    var list = summary.querySelector('ul');",
    "    list.textContent = '';",
    "    for (var i = 0; i < missing.length; i++) {",
    "      var item = document.createElement('li');",
    "      var link = document.createElement('a');",
    "      link.href = '#' + missing[i][0];",
    "      link.textContent = missing[i][1];",
    "      item.appendChild(link);",
    "      list.appendChild(item);",
    "    }",
    "    summary.hidden = false;",
    "    output.hidden = true;",
    "    summary.focus();",
    "  }",
    "  // The line to save, or null after showing what is missing.",
    "  function recordLine() {",
    "    var built = build();",
    "    if (built.missing.length) { showProblems(built.missing); return null; }",
    "    summary.hidden = true;",
    "    var line = JSON.stringify(built.record);",
    "    recordText.value = line;",
    "    output.hidden = false;",
    "    return line;",
    "  }",
    "  form.addEventListener('submit', function (event) {",
    "    event.preventDefault();",
    "    var line = recordLine();",
    "    if (line === null) return;",
    "    var blob = new Blob([line + '\\n'], { type: 'application/x-ndjson' });",
    "    var link = document.createElement('a');",
    "    link.href = URL.createObjectURL(blob);",
    "    link.download = form.getAttribute('data-rubric') + '-' +",
    "      value('case').replace(/[^A-Za-z0-9._-]+/g, '-') + '.jsonl';",
    "    document.body.appendChild(link);",
    "    link.click();",
    "    link.remove();",
    "    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);",
    "    status.textContent = 'Saved as ' + link.download + '. Grade it with: rubric-grade --rubric ' +",
    "      form.getAttribute('data-rubric') + '.json ' + link.download;",
    "  });",
    "  document.getElementById('form_copy').addEventListener('click', function () {",
    "    var line = recordLine();",
    "    if (line === null) return;",
    "    function copied() { status.textContent = 'Copied the record: paste it as one line of a .jsonl file.'; }",
    "    function byHand() {",
    "      recordText.focus();",
    "      recordText.select();",
    "      var done = false;",
    "      try { done = document.execCommand('copy'); } catch (error) { done = false; }",
    "      status.textContent = done ? 'Copied the record: paste it as one line of a .jsonl file.'",
    "                                : 'Select the record below and copy it.';",
    "    }",
    "    if (navigator.clipboard && navigator.clipboard.writeText)",
    "      navigator.clipboard.writeText(line).then(copied, byHand);",
    "    else byHand();",
    "  });",
    "}());",
};

int emit_form(const ir_rubric *rubric, FILE *out)
{
    html_text_head_begin(out, "Audit form: ", rubric);
    html_style_write_form(out);
    fputs("@page { @top-left { content: \"Audit form \xC2\xB7 ", out);
    html_text_css_string(out, rubric->title);
    fputs(" \xC2\xB7 ", out);
    if (!html_text_edition(out, rubric, 1))
        fputs("no edition given", out);
    fputs("\"; } }\n", out);
    html_text_head_end(out);
    html_text_masthead(out, rubric->authority, "Case audit form");
    fprintf(out, "<div class=\"width-container\">\n<main class=\"main\" id=\"page_main\">\n"
                 "<span class=\"caption\">Audit form</span>\n<h1 class=\"heading-xl\">");
    html_text_attribute(out, rubric->title);
    fputs("</h1>\n<p class=\"form-particulars\">", out);
    html_text_attribute(out, rubric->authority);
    if (rubric->version != NULL || rubric->effective != NULL) {
        fputs(" \xC2\xB7 ", out);
        html_text_edition(out, rubric, 0);
    }
    fprintf(out, " \xC2\xB7 rubric <code>%s</code> \xC2\xB7 guidance: <a href=\"%s.html\">%s.html</a></p>\n",
            rubric->id, rubric->id, rubric->id);
    fputs("<p class=\"readable\" id=\"form_paper_note\">Tick one box per criterion and write the evidence "
          "beside it; where the guidance allows, tick NA (not applicable). Your own section and overall "
          "grades are optional: the grader works them out and compares them with yours. Opened in a browser "
          "with JavaScript, this form checks the record and saves it for the grader.</p>\n"
          "<div class=\"error-summary\" id=\"form_errors\" tabindex=\"-1\" role=\"alert\" hidden>\n"
          "<h2 class=\"heading-m\">The record is not complete</h2>\n<ul class=\"list-bullet\"></ul>\n</div>\n",
          out);
    fprintf(out, "<form id=\"form_audit\" data-rubric=\"%s\" novalidate>\n"
                 "<fieldset class=\"case-details\">\n<legend class=\"heading-m\">Case details</legend>\n",
            rubric->id);
    write_case_field(out, "case", "Case reference", "text", NULL);
    write_case_field(out, "auditor", "Auditor", "text", NULL);
    write_case_field(out, "date", "Date of the audit", "text", "Year-month-day, like 2026-03-02");
    write_case_type_field(out, rubric);
    fputs("</fieldset>\n", out);
    for (size_t i = 0; i < rubric->section_count; i++)
        write_section(out, rubric, &rubric->sections[i]);
    fputs("<fieldset class=\"auditor-grade auditor-grade--overall\">\n<legend class=\"heading-m\">"
          "Your overall grade <span class=\"optional\">(optional)</span></legend>\n", out);
    write_choices(out, rubric, "overall", "form_overall", rubric->grading.not_applicable == RUBRIC_NA_LEAVE_OUT,
                  -1);
    fputs("</fieldset>\n"
          "<div class=\"form-actions\" id=\"form_actions\" hidden>\n"
          "<button type=\"submit\" class=\"button\">Save the record</button>\n"
          "<button type=\"button\" class=\"button button--secondary\" id=\"form_copy\">Copy the record</button>\n"
          "</div>\n<div class=\"record\" id=\"form_record\" hidden>\n"
          "<label class=\"form-label\" for=\"form_record_text\">The record, one line of JSON Lines for "
          "rubric-grade</label>\n<textarea class=\"record__text\" id=\"form_record_text\" rows=\"4\" readonly>"
          "</textarea>\n<p id=\"form_record_status\" role=\"status\"></p>\n</div>\n</form>\n"
          "</main>\n</div>\n<script>\n", out);
    for (size_t line = 0; line < sizeof script_lines / sizeof script_lines[0]; line++) {
        fputs(script_lines[line], out);
        fputc('\n', out);
    }
    fputs("</script>\n</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
