/*
 * emit_form.c — the audit form: checked IR in, one HTML page out.
 *
 * One self-contained page per rubric (<id>-form.html) that is two things.
 * Printed (A4 portrait), or opened without JavaScript, it is the blank
 * paper form: case details, every criterion with a tick box per level (and
 * NA where the rubric allows it) and space for evidence, then the
 * auditor's own section and overall grades. Under each criterion its level
 * descriptors, the guidance page's own text (html_page.c), fold away in a
 * <details> element, closed at first; paper shows only those opened, so
 * the blank form keeps its length and whoever wants the descriptors in
 * print opens them ("Open all level descriptors") first. Opened in a
 * browser with JavaScript, the script (form.js, a file of its own made
 * into form_script.h at build time) turns it into the interactive form:
 * it checks the record, saves it in the grader's JSON Lines form (see
 * docs/grader.md, "Input"), keeps every change as a draft in the browser,
 * and opens a saved record to amend it (see form.js). Written with the
 * grader's WebAssembly module (emit_form_with_grade, rubricc
 * --grader-module), the page also carries the module and the rubric's JSON
 * as data blocks and a second script (form_grade.mjs, bundled at build
 * time into form_grade_script.h) that shows the grade the rubric's rules
 * give each section and the overall as boxes are ticked, from
 * rubric-grade --partial itself; its CSP adds that script's hash and
 * 'wasm-unsafe-eval'. Nothing is fetched:
 * the Content-Security-Policy forbids every request and allows the one
 * script by its hash. The script is fixed text that holds no author string
 * (it reads ids, codes and names from the page), so escaping is all in the
 * HTML, through html_text.c and html_page.c.
 *
 * Input names: "case", "auditor", "date", "case_type" (when the rubric
 * declares case types), "fact:<key>" (each case fact, by its type: a
 * choice list, yes or no, or a text field the script checks as a date or
 * a number); "grade:<criterion id>" (a level, or an answer in a
 * checklist section), "evidence:<criterion id>" (saved as the record's
 * "comments"), "section:<section id>" (graded sections), "overall",
 * "amended_by" (amending a saved record). Element ids: "<criterion
 * id>__<n>" for the n-th choice of a criterion (an IR id never holds an
 * underscore), "form_…" for the rest. A criterion governed by an
 * "applies when:" condition on a fact carries it as data-when-* attributes
 * (the script hides it while the condition does not hold). Each
 * criterion's fieldset carries data-digest, a digest of its wording (title and descriptors), by which a
 * draft made under another edition names the criteria that changed.
 */
#include "emit.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <nettle/base64.h>

#include "form_grade_script.h"
#include "form_script.h"
#include "html_page.h"
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

/* Writes a condition on a case fact ("applies when:") as data attributes
 * the script reads to show or hide what it governs: data-when-fact (the
 * fact's key), data-when-test ("is", "is not"), data-when-values (the
 * values, separated by "|"). A condition on dates ("within") is left to
 * the grader: what it governs is always shown. */
static void write_condition_attributes(FILE *out, const ir_rubric *rubric, const ir_condition *condition)
{
    if (condition == NULL || condition->test == RUBRIC_FACT_TEST_WITHIN)
        return;
    fprintf(out, " data-when-fact=\"%s\" data-when-test=\"%s\" data-when-values=\"", rubric->facts[condition->fact].key,
            ir_fact_test_name(condition->test));
    for (size_t i = 0; i < condition->value_count; i++) {
        fputs(i == 0 ? "" : "|", out);
        html_text_attribute(out, condition->values[i]);
    }
    fputc('"', out);
}

/* Adds bytes to a 32-bit FNV-1a digest. */
static uint32_t digest_text(uint32_t digest, const char *text)
{
    for (const unsigned char *byte = (const unsigned char *)(text != NULL ? text : ""); *byte != '\0'; byte++)
        digest = (digest ^ *byte) * 16777619u;
    return (digest ^ 0xffu) * 16777619u;   /* ends the text: "ab","c" differs from "a","bc" */
}

/* A digest of a criterion's wording: its title and, per level, what its
 * descriptor says (its own prose, the section-wide statement it takes, or
 * where it has none). A draft keeps the digests of the edition it was
 * made under, to name the criteria whose wording changed since. */
static uint32_t criterion_digest(const ir_rubric *rubric, const ir_criterion *criterion)
{
    const ir_section *section = &rubric->sections[criterion->section];
    uint32_t digest = digest_text(2166136261u, criterion->title);
    for (size_t level = 0; level < ir_descriptor_count(rubric, section); level++) {
        const ir_descriptor *descriptor = &criterion->effective[level];
        const ir_prose *prose = descriptor->origin == IR_ORIGIN_SECTION ? section->section_wide[level]
                                                                        : descriptor->prose;
        char origin[16];
        snprintf(origin, sizeof origin, "%d", (int)descriptor->origin);
        digest = digest_text(digest_text(digest, origin), prose != NULL ? prose->text : NULL);
    }
    return digest;
}

/* Writes a criterion's level descriptors, the guidance page's text, in a
 * <details> element (closed at first; left off paper). */
static void write_descriptors(html_page *page, const ir_criterion *criterion)
{
    const ir_section *section = &page->rubric->sections[criterion->section];
    fputs("<details class=\"descriptors\">\n<summary class=\"descriptors__summary\">"
          "<span class=\"descriptors__summary-text\">Level descriptors<span class=\"visually-hidden\"> for ",
          page->out);
    html_text_criterion_name(page->out, page->rubric, criterion);
    fputs("</span></span></summary>\n<dl class=\"descriptors__list\">\n", page->out);
    for (size_t level = 0; level < ir_descriptor_count(page->rubric, section); level++) {
        fputs("<div class=\"descriptors__level\"><dt>", page->out);
        html_page_unit_begin(page);
        html_page_slot(page, section, level);
        fputs("</dt>\n<dd class=\"prose\">\n", page->out);
        html_page_descriptor(page, section, &criterion->effective[level], level, HTML_SECTION_WIDE_INLINE);
        fputs("</dd></div>\n", page->out);
    }
    fputs("</dl>\n</details>\n", page->out);
}

/* Writes one criterion: its name and id, its level descriptors, tick
 * boxes, evidence box. */
static void write_criterion(html_page *page, const ir_criterion *criterion)
{
    FILE *out = page->out;
    const ir_rubric *rubric = page->rubric;
    size_t index = (size_t)(criterion - rubric->criteria);
    char name[300];
    fprintf(out, "<fieldset class=\"criterion\" id=\"form_criterion_%s\" data-criterion=\"%s\" "
                 "data-digest=\"%08lx\"",
            criterion->id, criterion->id, (unsigned long)criterion_digest(rubric, criterion));
    write_condition_attributes(out, rubric, criterion->applies_when != NULL
                                                ? criterion->applies_when
                                                : rubric->sections[criterion->section].applies_when);
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
    if (criterion->timescale != NULL) {
        char words[768];
        ir_timescale_describe(rubric, criterion->timescale, words, sizeof words);
        fputs("<p class=\"form-hint\">Timescale: ", out);
        html_text_attribute(out, words);
        fputs(" (the grader works it out from the dates above).</p>\n", out);
    }
    write_descriptors(page, criterion);
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

/* With the live grade: where the rules' grade of a section (or "overall")
 * is shown, filled by the grade script (form_grade.mjs). */
static void write_rules_box(FILE *out, const char *id, const char *name)
{
    fprintf(out, "<div class=\"rules-grade\" data-rules-for=\"%s\" data-rules-name=\"", id);
    html_text_attribute(out, name);
    fputs("\" hidden></div>\n", out);
}

/* With the live grade: a comment box for why the auditor's own grade of a
 * section (or "overall") differs from the rules', shown when it does; the
 * record carries it under "comments" by the section's id (or "overall"). */
static void write_rules_comment(FILE *out, const char *id)
{
    fprintf(out, "<div class=\"rules-comment\" hidden><label class=\"form-label\" for=\"form_comment_%s\">"
                 "Why your grade differs from the rules\xE2\x80\x99 grade</label>"
                 "<textarea class=\"evidence\" id=\"form_comment_%s\" name=\"comment:%s\" rows=\"2\"></textarea>"
                 "</div>\n", id, id, id);
}

/* Writes one section: its criteria, then the auditor's section grade
 * (with the live grade: the rules' grade above it). */
static void write_section(html_page *page, const ir_section *section, bool live)
{
    FILE *out = page->out;
    const ir_rubric *rubric = page->rubric;
    char name[300], id_prefix[300];
    fprintf(out, "<section class=\"form-section\" aria-labelledby=\"form_section_%s\">\n"
                 "<h2 class=\"heading-m\" id=\"form_section_%s\">", section->id, section->id);
    write_section_name(out, section);
    fputs("</h2>\n", out);
    for (size_t row = 0; row < section->criterion_count; row++)
        write_criterion(page, &rubric->criteria[section->first_criterion + row]);
    if (section->answer_set >= 0) {
        fputs("</section>\n", out);   /* a checklist has no grade of its own */
        return;
    }
    snprintf(name, sizeof name, "Section %s", section->number);
    if (live)
        write_rules_box(out, section->id, name);
    snprintf(name, sizeof name, "section:%s", section->id);
    snprintf(id_prefix, sizeof id_prefix, "form_section_%s_grade", section->id);
    fprintf(out, "<fieldset class=\"auditor-grade\" data-section=\"%s\">\n<legend>Your grade for section ",
            section->id);
    html_text_attribute(out, section->number);
    fputs(" <span class=\"optional\">(optional: the grader compares it with its own)</span></legend>\n", out);
    write_choices(out, rubric, name, id_prefix, section_allows_not_applicable(rubric, section), -1);
    if (live)
        write_rules_comment(out, section->id);
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

/* Writes one case fact's field, by its type: a date field (stored as
 * year-month-day), a choice list, a number, yes or no, or text. Names
 * "fact:<key>"; the record carries the value under the key. */
static void write_fact_field(FILE *out, const ir_fact *fact)
{
    const char *optional = fact->required ? "" : " <span class=\"optional\">(optional)</span>";
    if (fact->type == RUBRIC_FACT_YES_NO) {
        fprintf(out, "<fieldset class=\"form-group\" id=\"form_fact_%s\" data-fact=\"%s\" data-fact-type=\"yes/no\"%s>"
                     "<legend class=\"form-label\">", fact->key, fact->key, fact->required ? " data-required" : "");
        html_text_attribute(out, fact->name);
        fprintf(out, "%s</legend>\n<div class=\"choices\">\n", optional);
        const char *answers[2] = {"yes", "no"}, *labels[2] = {"Yes", "No"};
        for (size_t i = 0; i < 2; i++)
            fprintf(out, "<div class=\"choice\"><input type=\"radio\" id=\"form_fact_%s__%zu\" name=\"fact:%s\" "
                         "value=\"%s\"><label for=\"form_fact_%s__%zu\">%s</label></div>\n",
                    fact->key, i, fact->key, answers[i], fact->key, i, labels[i]);
        fputs("</div>\n</fieldset>\n", out);
        return;
    }
    fprintf(out, "<div class=\"form-group\" data-fact=\"%s\" data-fact-type=\"%s\"%s><label class=\"form-label\" "
                 "for=\"form_fact_%s\">", fact->key, ir_fact_type_name(fact->type), fact->required ? " data-required" : "",
            fact->key);
    html_text_attribute(out, fact->name);
    fprintf(out, "%s</label>", optional);
    if (fact->type == RUBRIC_FACT_CHOICE) {
        fprintf(out, "<select class=\"form-select\" id=\"form_fact_%s\" name=\"fact:%s\">\n"
                     "<option value=\"\">Choose</option>\n", fact->key, fact->key);
        for (size_t i = 0; i < fact->choice_count; i++) {
            fputs("<option value=\"", out);
            html_text_attribute(out, fact->choices[i]);
            fputs("\">", out);
            html_text_attribute(out, fact->choices[i]);
            fputs("</option>\n", out);
        }
        fputs("</select></div>\n", out);
        return;
    }
    if (fact->type == RUBRIC_FACT_DATE)
        fprintf(out, "<span class=\"form-hint\" id=\"form_fact_%s_hint\">Year-month-day, like 2026-03-02</span>",
                fact->key);
    if (fact->type == RUBRIC_FACT_DATES)
        fprintf(out, "<span class=\"form-hint\" id=\"form_fact_%s_hint\">Year-month-day, separated by commas, like "
                     "2026-03-02, 2026-03-16</span>", fact->key);
    fprintf(out, "<input class=\"form-input%s\" id=\"form_fact_%s\" name=\"fact:%s\" type=\"text\"%s autocomplete=\"off\"",
            fact->type == RUBRIC_FACT_TEXT || fact->type == RUBRIC_FACT_DATES ? "" : " form-input--short", fact->key,
            fact->key, fact->type == RUBRIC_FACT_NUMBER ? " inputmode=\"decimal\"" : "");
    if (fact->type == RUBRIC_FACT_DATE || fact->type == RUBRIC_FACT_DATES)
        fprintf(out, " aria-describedby=\"form_fact_%s_hint\"", fact->key);
    fputs("></div>\n", out);
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

/* Writes the parts only the script shows: the drafts kept in this browser,
 * opening a saved record, the notices about an opened draft or record. */
static void write_interactive_parts(FILE *out)
{
    fputs("<section class=\"drafts\" id=\"form_drafts\" aria-labelledby=\"form_drafts_heading\" hidden>\n"
          "<h2 class=\"heading-m\" id=\"form_drafts_heading\">Your drafts</h2>\n"
          "<p class=\"readable\">What you enter is kept as you go, as a draft in this browser on this computer "
          "(its own storage for pages, IndexedDB), under the rubric, its edition and the case reference. "
          "Drafts stay on this computer: nothing is sent anywhere. They survive closing the page or the "
          "browser; clearing the browser\xE2\x80\x99s site data deletes them, so save each record when it is "
          "finished.</p>\n"
          "<p id=\"form_drafts_none\">No drafts yet.</p>\n<ul class=\"draft-list\" id=\"form_draft_list\"></ul>\n"
          "<div class=\"form-actions\">\n"
          "<button type=\"button\" class=\"button button--secondary\" id=\"form_new\">Start a new audit</button>\n"
          "<button type=\"button\" class=\"button button--secondary\" id=\"form_save_finished\">Save all finished "
          "drafts</button>\n</div>\n<p id=\"form_drafts_status\" role=\"status\"></p>\n</section>\n"
          "<section class=\"open-record\" id=\"form_open\" aria-labelledby=\"form_open_heading\" hidden>\n"
          "<h2 class=\"heading-m\" id=\"form_open_heading\">Open a saved record</h2>\n"
          "<div class=\"form-group\"><label class=\"form-label\" for=\"form_open_file\">A record this form saved "
          "(a .jsonl file), to finish, correct or moderate it</label>"
          "<span class=\"form-hint\" id=\"form_open_file_hint\">A file of several records: you choose one. The "
          "record keeps its case, auditor and date, and says who amended it and when.</span>"
          "<input class=\"file-input\" id=\"form_open_file\" type=\"file\" accept=\".jsonl,.json,.txt\" "
          "aria-describedby=\"form_open_file_hint\"></div>\n"
          "<div class=\"open-choices\" id=\"form_open_choices\" hidden><ul class=\"draft-list\"></ul></div>\n"
          "<p id=\"form_open_status\" role=\"status\"></p>\n</section>\n"
          "<div class=\"notice\" id=\"form_edition_notice\" role=\"alert\" hidden><p></p></div>\n", out);
}

/* With the live grade: the rubric's JSON as --emit json writes it, in a
 * data block (<script type="application/json">). Each '<' is written
 * \u003c (it can only be inside a JSON string), so no text of the rubric
 * can end the block. */
static int write_rubric_json(const ir_rubric *rubric, FILE *out)
{
    FILE *json = tmpfile();
    if (json == NULL)
        return -1;
    int status = emit_json(rubric, json);
    fputs("<script type=\"application/json\" id=\"form_rubric_json\">", out);
    rewind(json);
    for (int byte; status == 0 && (byte = getc(json)) != EOF;)
        if (byte == '<')
            fputs("\\u003c", out);
        else
            putc(byte, out);
    fputs("</script>\n", out);
    if (ferror(json))
        status = -1;
    fclose(json);
    return status;
}

/* With the live grade: the grader's module in a data block, base64 in
 * lines of 76 characters (web/inline-wasm.mjs reads it; Nettle encodes). */
static void write_grader_module(const emit_form_request *live, FILE *out)
{
    enum { CHUNK = 57 };   /* bytes that make one line of 76 characters */
    char line[BASE64_ENCODE_RAW_LENGTH(CHUNK) + 1];
    fputs("<script type=\"application/octet-stream\" data-wasm=\"rubric-grade\">\n", out);
    for (size_t at = 0; at < live->grader_module_size; at += CHUNK) {
        size_t length = live->grader_module_size - at < CHUNK ? live->grader_module_size - at : CHUNK;
        base64_encode_raw(line, length, live->grader_module + at);
        line[BASE64_ENCODE_RAW_LENGTH(length)] = '\0';
        fputs(line, out);
        fputc('\n', out);
    }
    fputs("</script>\n", out);
}

int emit_form_grade_available(void)
{
#ifdef FORM_GRADE_SCRIPT_MISSING
    return 0;
#else
    return 1;
#endif
}

/* The form; LIVE: with the rubric's grade shown as boxes are ticked. */
static int write_form(const ir_rubric *rubric, const emit_form_request *live, FILE *out)
{
    html_page page;
    if (live != NULL && (live->grader_module == NULL || !emit_form_grade_available()))
        live = NULL;
    if (html_page_begin(&page, rubric, out) != 0)
        return -1;
    html_text_head_begin_scripts(out, "Audit form: ", rubric,
                                 live != NULL ? FORM_SCRIPT_SHA256 " " FORM_GRADE_SCRIPT_SHA256 " 'wasm-unsafe-eval'"
                                              : FORM_SCRIPT_SHA256);
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
    if (live != NULL)
        fputs("<p class=\"readable rules-note\" id=\"form_rules_note\" hidden>As you grade, each section and the "
              "overall show the grade the rubric\xE2\x80\x99s rules give, worked out in this page by the grader "
              "itself (nothing is sent anywhere), with what decided it or what it still waits for. Where your own "
              "grade differs, say why in the comment box that opens.</p>\n"
              "<p class=\"visually-hidden\" id=\"form_rules_announce\" role=\"status\"></p>\n", out);
    write_interactive_parts(out);
    fprintf(out, "<form id=\"form_audit\" data-rubric=\"%s\" data-edition=\"", rubric->id);
    html_text_edition(out, rubric, 0);
    fputs("\" novalidate>\n<div class=\"amending\" id=\"form_amending\" hidden>\n<p></p>\n", out);
    write_case_field(out, "amended_by", "Your name, as the one amending the record", "text", NULL);
    fputs("</div>\n<p id=\"form_draft_status\" class=\"draft-status\"></p>\n"
          "<button type=\"button\" class=\"button button--secondary descriptors-toggle\" "
          "id=\"form_descriptors_toggle\" aria-expanded=\"false\" hidden>Open all level descriptors</button>\n"
          "<fieldset class=\"case-details\">\n<legend class=\"heading-m\">Case details</legend>\n", out);
    write_case_field(out, "case", "Case reference", "text", NULL);
    write_case_field(out, "auditor", "Auditor", "text", NULL);
    write_case_field(out, "date", "Date of the audit", "text", "Year-month-day, like 2026-03-02");
    write_case_type_field(out, rubric);
    for (size_t i = 0; i < rubric->fact_count; i++)
        write_fact_field(out, &rubric->facts[i]);
    fputs("</fieldset>\n", out);
    for (size_t i = 0; i < rubric->section_count; i++)
        write_section(&page, &rubric->sections[i], live != NULL);
    if (live != NULL)
        write_rules_box(out, "overall", "Overall");
    fputs("<fieldset class=\"auditor-grade auditor-grade--overall\">\n<legend class=\"heading-m\">"
          "Your overall grade <span class=\"optional\">(optional)</span></legend>\n", out);
    write_choices(out, rubric, "overall", "form_overall", rubric->grading.not_applicable == RUBRIC_NA_LEAVE_OUT,
                  -1);
    if (live != NULL)
        write_rules_comment(out, "overall");
    fputs("</fieldset>\n"
          "<div class=\"form-actions\" id=\"form_actions\" hidden>\n"
          "<button type=\"submit\" class=\"button\">Save the record</button>\n"
          "<button type=\"button\" class=\"button button--secondary\" id=\"form_copy\">Copy the record</button>\n"
          "</div>\n<div class=\"record\" id=\"form_record\" hidden>\n"
          "<label class=\"form-label\" for=\"form_record_text\">The record, one line of JSON Lines for "
          "rubric-grade</label>\n<textarea class=\"record__text\" id=\"form_record_text\" rows=\"4\" readonly>"
          "</textarea>\n<p id=\"form_record_status\" role=\"status\"></p>\n</div>\n</form>\n"
          "</main>\n</div>\n", out);
    /* the grade script first: it listens for the record form.js announces */
    if (live != NULL) {
        if (write_rubric_json(rubric, out) != 0) {
            html_page_end(&page);
            return -1;
        }
        write_grader_module(live, out);
        fputs("<script>", out);
        for (size_t line = 0; line < sizeof form_grade_script_lines / sizeof form_grade_script_lines[0]; line++)
            fputs(form_grade_script_lines[line], out);
        fputs("</script>\n", out);
    }
    fputs("<script>", out);
    for (size_t line = 0; line < sizeof form_script_lines / sizeof form_script_lines[0]; line++)
        fputs(form_script_lines[line], out);
    fputs("</script>\n</body>\n</html>\n", out);
    html_page_end(&page);
    return ferror(out) ? -1 : 0;
}

int emit_form(const ir_rubric *rubric, FILE *out)
{
    return write_form(rubric, NULL, out);
}

int emit_form_with_grade(const void *request, FILE *out)
{
    const emit_form_request *live = request;
    return write_form(live->rubric, live, out);
}
