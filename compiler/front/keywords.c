/*
 * keywords.c — the table of entry names (see keywords.h). Keep it in the
 * order of docs/language.md.
 */
#include "keywords.h"

#include <string.h>
#include <strings.h>

#include "suggest.h"

const language_keyword language_keywords[] = {
    {"rubric", "rubric: ", KEYWORD_TOP, "the rubric id"},
    {"title", "title: ", KEYWORD_TOP, "the rubric's title"},
    {"authority", "authority: ", KEYWORD_TOP, "the authority whose guidance it is"},
    {"version", "version: ", KEYWORD_TOP, "an edition name or number"},
    {"effective", "effective: ", KEYWORD_TOP, "the date it takes effect, YYYY-MM-DD"},
    {"include", "include: ", KEYWORD_TOP, "read another rubric file here"},
    {"scale", "scale:", KEYWORD_TOP, "the levels, best first: O: Outstanding"},
    {"bands", "bands:", KEYWORD_TOP, "reporting bands: 8 to 10: Outstanding"},
    {"case types", "case types: ", KEYWORD_TOP, "the case types an audit may name: CIN, CP"},
    {"answers", "answers ", KEYWORD_TOP, "answers ID: Title, an answer set for checklists"},
    {"facts", "facts:", KEYWORD_TOP, "what an audit records about the case: referral date: date"},
    {"key factors", "key factors:", KEYWORD_TOP, "prose: the key factors"},
    {"glossary", "glossary:", KEYWORD_TOP, "abbreviations: CIN: Child in need"},
    {"themes", "themes: ", KEYWORD_TOP | KEYWORD_SECTION | KEYWORD_CRITERION,
     "the theme vocabulary, or the themes of a section or criterion"},
    {"groups", "groups: ", KEYWORD_TOP | KEYWORD_CRITERION,
     "the groups of criteria (safety: Safety and risk), or the groups a criterion is in"},
    {"grading", "grading:", KEYWORD_TOP, "the grading rules"},
    {"section", "section ", KEYWORD_TOP | KEYWORD_SECTION | KEYWORD_CRITERION,
     "section N: Title"},
    {"id", "id: ", KEYWORD_SECTION, "the section id"},
    {"title supplied", "title supplied: ", KEYWORD_SECTION,
     "why the title is the rubric's, not the authority's"},
    {"out of sequence", "out of sequence: ", KEYWORD_SECTION,
     "why the number does not follow the previous one"},
    {"applies to", "applies to: ", KEYWORD_SECTION | KEYWORD_CRITERION,
     "case types (glossary abbreviations), or where appropriate"},
    {"scope", "scope: ", KEYWORD_SECTION, "the section's scope note"},
    {"answers", "answers: ", KEYWORD_SECTION, "the answer set that makes the section a checklist"},
    {"weight", "weight: ", KEYWORD_SECTION | KEYWORD_CRITERION,
     "the weight in a mean or median: 2, 1.5"},
    {"in overall", "in overall: ", KEYWORD_SECTION, "no: the section takes no part in the overall"},
    {"applies when", "applies when: ", KEYWORD_SECTION | KEYWORD_CRITERION,
     "a condition on a fact: team is Children in Care"},
    {"only when", "only when: ", KEYWORD_SECTION | KEYWORD_CRITERION,
     "the same as applies when: referral date is within 12 months of the audit date"},
    {"target", "target: ", KEYWORD_TOP | KEYWORD_SECTION,
     "a share of audits at a level or better: 80% good or better (the overall's at the start of a line)"},
    {"timescale", "timescale: ", KEYWORD_CRITERION,
     "DATE FACT within 45 working days of DATE FACT, or DATES FACT at least every 10 working days from DATE FACT"},
    {"every criterion", "every criterion:", KEYWORD_SECTION, "section-wide descriptors"},
    {"criterion", "criterion ", KEYWORD_SECTION | KEYWORD_CRITERION, "criterion id: Title"},
    {"same as", "same as: ", KEYWORD_CRITERION, "reuse another criterion"},
    {"key", "key: ", KEYWORD_CRITERION, "yes: a key criterion, for conditions on 'any key criterion'"},
    {"section grade", "section grade: ", KEYWORD_GRADING,
     "worst | best | median | most frequent"},
    {"section N grade", "section ", KEYWORD_GRADING, "the method of one section"},
    {"overall grade", "overall grade: ", KEYWORD_GRADING,
     "METHOD of sections | METHOD of criteria"},
    {"overall no better than", "overall no better than: ", KEYWORD_GRADING,
     "limits: section N, criterion id"},
    {"section N no better than", "section ", KEYWORD_GRADING, "limits of one section"},
    {"overall no better than N when", "overall no better than ", KEYWORD_GRADING,
     "a cap on a condition: ... when: criterion id is I"},
    {"overall is N when", "overall is ", KEYWORD_GRADING,
     "the overall grade on a condition: ... when: criterion id is I"},
    {"section N no better than N when", "section ", KEYWORD_GRADING,
     "a cap on one section on a condition"},
    {"section N is N when", "section ", KEYWORD_GRADING,
     "one section's grade on a condition"},
    {"overall not graded when", "overall not graded when: ", KEYWORD_GRADING,
     "no overall grade, and why, on a condition: ... when: more than 3 criteria are NA"},
    {"section not graded when", "section not graded when: ", KEYWORD_GRADING,
     "no grade for a section, for every section: ... when: fewer than 2 criteria in it are graded"},
    {"section N not graded when", "section ", KEYWORD_GRADING, "no grade for one section on a condition"},
    {"rounding", "rounding: ", KEYWORD_GRADING,
     "how a mean becomes a level: nearest, half down | nearest, half up | down"},
    {"not applicable", "not applicable: ", KEYWORD_GRADING, "leave out | count as CODE"},
    {"ties", "ties: ", KEYWORD_GRADING, "lower | higher"},
    {"good or better", "good or better: ", KEYWORD_GRADING,
     "the level at and above which a grade is good or better"},
};

const size_t language_keyword_count = sizeof language_keywords / sizeof language_keywords[0];

/* Entries of the scale and answer-set blocks, which the scanner reads as
 * labels: not in the table above, which lists the scanner's entry names. */
static const char *const block_entry_names[] = {"points", "met", NULL};

/* Whether the table's entry I is written "name: value" (not a heading such
 * as "section N:" or a rule with a number in its name). */
static int keyword_is_entry(size_t i)
{
    return strchr(language_keywords[i].insert, ':') != NULL;
}

const char *keyword_entry_suggest(const char *written)
{
    suggestion search;
    suggest_begin(&search, written);
    for (size_t i = 0; i < language_keyword_count; i++)
        if (keyword_is_entry(i))
            suggest_consider(&search, language_keywords[i].name);
    for (size_t i = 0; block_entry_names[i] != NULL; i++)
        suggest_consider(&search, block_entry_names[i]);
    return suggest_result(&search);
}

const char *keyword_entry_named(const char *name)
{
    for (size_t i = 0; i < language_keyword_count; i++)
        if (keyword_is_entry(i) && strcasecmp(name, language_keywords[i].name) == 0)
            return language_keywords[i].name;
    for (size_t i = 0; block_entry_names[i] != NULL; i++)
        if (strcasecmp(name, block_entry_names[i]) == 0)
            return block_entry_names[i];
    return NULL;
}

/* Words authors write for a construct the language spells otherwise:
 * older editions' names, other tools' names, plain guesses. */
static const struct {
    const char *written;
    const char *advice;
} keyword_guesses[] = {
    {"cohort", "the language calls cohorts case types: write 'case types: CIN, CP, LAC' before the first section, and 'applies to: CIN' on a section or criterion"},
    {"cohorts", "the language calls cohorts case types: write 'case types: CIN, CP, LAC' before the first section, and 'applies to: CIN' on a section or criterion"},
    {"case type", "write 'case types:' (plural) with the list, like 'case types: CIN, CP'"},
    {"levels", "the levels are listed under 'scale:', best first, like 'O: Outstanding'"},
    {"grades", "the grades are listed under 'scale:', best first, like 'O: Outstanding'"},
    {"band", "write 'bands:' alone on its line, then one band a line, like '8 to 10: Outstanding'"},
    {"weighting", "write 'weight:' with a number, like 'weight: 2'"},
    {"checklist", "a checklist is a section with 'answers: ID', naming an answer set declared like 'answers compliance: Compliance checklist'"},
    {"limit", "a limit is a grading rule, like 'overall no better than R when: any criterion is I' under 'grading:'"},
    {"cap", "a limit is a grading rule, like 'overall no better than R when: any criterion is I' under 'grading:'"},
    {"note", "a section's note for the auditor is its 'scope:'"},
    {"notes", "a section's note for the auditor is its 'scope:'"},
    {"guidance", "a section's note for the auditor is its 'scope:'"},
};

const char *keyword_guess(const char *written)
{
    for (size_t i = 0; i < sizeof keyword_guesses / sizeof keyword_guesses[0]; i++)
        if (strcasecmp(written, keyword_guesses[i].written) == 0)
            return keyword_guesses[i].advice;
    return NULL;
}
