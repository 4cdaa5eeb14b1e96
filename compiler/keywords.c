/*
 * keywords.c — the table of entry names (see keywords.h). Keep it in the
 * order of docs/language.md.
 */
#include "keywords.h"

const keyword language_keywords[] = {
    {"rubric", "rubric: ", KEYWORD_TOP, "the rubric id"},
    {"title", "title: ", KEYWORD_TOP, "the rubric's title"},
    {"authority", "authority: ", KEYWORD_TOP, "the authority whose guidance it is"},
    {"version", "version: ", KEYWORD_TOP, "an edition name or number"},
    {"effective", "effective: ", KEYWORD_TOP, "the date it takes effect, YYYY-MM-DD"},
    {"include", "include: ", KEYWORD_TOP, "read another rubric file here"},
    {"scale", "scale:", KEYWORD_TOP, "the levels, best first: O: Outstanding"},
    {"key factors", "key factors:", KEYWORD_TOP, "prose: the key factors"},
    {"glossary", "glossary:", KEYWORD_TOP, "abbreviations: CIN: Child in need"},
    {"themes", "themes: ", KEYWORD_TOP | KEYWORD_SECTION | KEYWORD_CRITERION,
     "the theme vocabulary, or the themes of a section or criterion"},
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
    {"every criterion", "every criterion:", KEYWORD_SECTION, "section-wide descriptors"},
    {"criterion", "criterion ", KEYWORD_SECTION | KEYWORD_CRITERION, "criterion id: Title"},
    {"same as", "same as: ", KEYWORD_CRITERION, "reuse another criterion"},
    {"section grade", "section grade: ", KEYWORD_GRADING,
     "worst | best | median | most frequent"},
    {"section N grade", "section ", KEYWORD_GRADING, "the method of one section"},
    {"overall grade", "overall grade: ", KEYWORD_GRADING,
     "METHOD of sections | METHOD of criteria"},
    {"overall no better than", "overall no better than: ", KEYWORD_GRADING,
     "limits: section N, criterion id"},
    {"section N no better than", "section ", KEYWORD_GRADING, "limits of one section"},
    {"not applicable", "not applicable: ", KEYWORD_GRADING, "leave out | count as CODE"},
    {"ties", "ties: ", KEYWORD_GRADING, "lower | higher"},
    {"good or better", "good or better: ", KEYWORD_GRADING,
     "the level at and above which a grade is good or better"},
};

const size_t language_keyword_count = sizeof language_keywords / sizeof language_keywords[0];
