/*
 * diagnostic_rules.c — the kind of every diagnostic, as a stable rule id
 * ("unknown-level", "missing-colon"): the SARIF ruleId a code-scanning
 * service tracks a result by, documented in docs/diagnostics.md with an
 * example and the fix.
 *
 * A diagnostic's kind is read from its message template (the format given
 * to diagnostic_error), or, for the parser's ready-made messages (template
 * "%s"), from the message: the first rule whose pattern the text holds.
 * The table lists the specific kinds before the general ones. A message
 * template may be reworded freely so long as it keeps its pattern; a new
 * kind of message gets a row here (and in the docs), else it falls into
 * "other-error" or "other-warning".
 */
#include "diagnostic_rules.h"

#include <stddef.h>
#include <string.h>

/* id, its one-line description, then the patterns (NULL-terminated). */
typedef struct diagnostic_rule {
    const char *id;
    const char *description;
    const char *patterns[10];
} diagnostic_rule;

static const diagnostic_rule diagnostic_rule_table[] = {
    {"missing-colon", "a name, code, id or number is not followed by its colon",
     {"expected ':'", "before the colon", "needs 'when:'", NULL}},
    {"continuation-indent", "a line of a value is not indented further than its entry's name, or a title wraps",
     {"this line continues", "continue the title", "but it is indented further than", NULL}},
    {"tab-indent", "a tab in the indentation", {"a tab in the indentation", NULL}},
    {"lookalike-character", "a character that looks like a plain one but is not (curly quote, no-break space, dash)",
     {"looks like a plain character", NULL}},
    {"out-of-place-block", "a block written inside another ('scale:' in a section, a section in 'grading:')",
     {"cannot stand inside", NULL}},
    {"not-an-entry", "a line the language cannot read as an entry, or an entry where it cannot stand",
     {"is not an entry", "is not expected here", "ends too soon", "is not a keyword",
      "not an entry the language has", NULL}},
    {"file-unreadable", "the file is not a rubric's text: unreadable, binary, not UTF-8, CR line ends, too large",
     {"cannot read '", "NUL bytes", "not valid UTF-8", "carriage return", "larger than the limit", NULL}},
    {"include", "an 'include:' that cannot be followed", {"includ", "climbs out", "absolute path",
                                                            "leads outside", NULL}},
    {"meaning-scale-order", "the scale, bands or points run worst first, while a scale lists its levels best first",
     {"best first", "best levels", NULL}},
    {"meaning-weights", "weights written as percentages that do not add up to 100", {"weights are relative", NULL}},
    {"meaning-never-graded", "a criterion that can never apply, or a setting that makes every grade count",
     {"never graded", "every graded case", NULL}},
    {"two-conditions", "two conditions on one limit line", {"tests one condition", NULL}},
    {"unknown-level", "a level code the scale does not have", {"is not a level of the scale", NULL}},
    {"unknown-name", "a name not declared: criterion, section, band, theme, answer set, glossary entry",
     {"there is no ", "names no criterion", "unknown theme", "is not in the glossary", "is not an answer of",
      "is not one of the rubric's case types", NULL}},
    {"bad-value", "a value the entry does not take: method, rounding, ties, weight, date, kind of scale",
     {"is not a grading method", "is not a rounding rule", "is not a tie rule", "is not a rule for not applicable",
      "is not an overall grading rule", "is not a weight", "is not a date", "is not a kind of scale", NULL}},
    {"bad-id", "an id, code, number or label in the wrong form",
     {"is not a valid", "is not a section number", "section label", "cannot be a level code",
      "is not a fact name", "is not a type of fact", NULL}},
    {"duplicate", "something given twice", {"twice", "two descriptors", "the same text for", "two criteria have", "two sections have",
                                             "two answer sets have", "two bands are", "several sections", NULL}},
    {"missing-descriptor", "a criterion without a descriptor for a level, or an empty one",
     {"has no descriptor", "descriptor for level", "'every criterion:' has no", NULL}},
    {"missing-header", "the rubric lacks a header entry or content", {"the rubric has no", "neither 'version:'",
                                                                       "holds no rubric entries", "belongs in the main file",
                                                                       "is empty", NULL}},
    {"targets", "a target ('target: 80% good or better') not written as one, or where none can be",
     {"target", NULL}},
    {"scale", "the scale, its levels, scores and points", {"scale", "level '", "score ", "'points:'", NULL}},
    {"bands", "the bands", {"band", NULL}},
    {"checklist", "answer sets and checklist sections", {"answer", "checklist", "'met:'", NULL}},
    {"same-as", "'same as:' reuse", {"same as", "reused in a circle", NULL}},
    {"limits", "grading limits and their conditions", {"limit", "condition", "circle", "count", "'is %s' sets",
                                                        "criteria in it", NULL}},
    {"sections", "sections: criteria, numbering, titles, 'in overall:'", {"section", "criteria belong", "'in overall:'",
                                                                          "title", NULL}},
    {"weights", "weights", {"weight", NULL}},
    {"facts", "case facts", {"fact", "choice", NULL}},
    {"glossary", "the glossary, abbreviations and case types", {"glossary", "abbreviation", "case type", NULL}},
    {"themes", "themes", {"theme", NULL}},
    {"output", "writing an output file", {"cannot write", "output directory", "out of memory", "guidance page at",
                                          "another file of this run", NULL}},
    {"other-error", "an error of no kind above", {NULL}},
    {"other-warning", "a warning of no kind above", {NULL}},
};

enum { DIAGNOSTIC_RULE_COUNT = sizeof diagnostic_rule_table / sizeof diagnostic_rule_table[0] };

const char *diagnostic_rule_of(const char *format, const char *message, bool warning)
{
    const char *text = format != NULL && strcmp(format, "%s") != 0 ? format : message;
    for (size_t i = 0; text != NULL && i < DIAGNOSTIC_RULE_COUNT; i++)
        for (size_t p = 0; diagnostic_rule_table[i].patterns[p] != NULL; p++)
            if (strstr(text, diagnostic_rule_table[i].patterns[p]) != NULL)
                return diagnostic_rule_table[i].id;
    return warning ? "other-warning" : "other-error";
}

size_t diagnostic_rule_count(void)
{
    return DIAGNOSTIC_RULE_COUNT;
}

const char *diagnostic_rule_id(size_t index)
{
    return diagnostic_rule_table[index].id;
}

const char *diagnostic_rule_description(size_t index)
{
    return diagnostic_rule_table[index].description;
}
