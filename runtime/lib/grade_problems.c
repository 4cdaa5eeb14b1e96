/*
 * grade_problems.c — a problem the grader found in an audit, in words
 * (rubric_problem_describe): what the criterion may be graded, the code a
 * near miss was probably meant to be ("did you mean 'G'?"). Apart from
 * grade.c, which finds the problems, since putting them in words reads
 * only the model.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "rubric.h"

/* What a criterion may be graded, into BUFFER (truncated if long): the
 * scale's codes "O, G, R, I", a score scale's range "0 to 10", or a
 * checklist criterion's answer codes "Y, N". CRITERION -1: the scale. */
static void list_scale(const rubric_model *model, int criterion, char *buffer, size_t size)
{
    const rubric_answer_set *set = criterion >= 0 ? rubric_criterion_answer_set(model, (unsigned)criterion) : NULL;
    unsigned count = set ? set->answer_count : model->level_count;
    size_t used = 0;
    buffer[0] = '\0';
    if (!set && model->scores) {
        snprintf(buffer, size, "%s to %s", model->levels[model->level_count - 1].code, model->levels[0].code);
        return;
    }
    for (unsigned index = 0; index < count && used < size; index++) {
        int written = snprintf(buffer + used, size - used, "%s%s", index ? ", " : "",
                               set ? set->answers[index].code : model->levels[index].code);
        if (written < 0)
            break;
        used += (size_t)written;
    }
}

/* COUNT names, "CIN, CP, LAC", into BUFFER (truncated if long): the case
 * types an audit may name, or a criterion's "applies to". */
static void list_names(const char *const *names, unsigned count, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (unsigned index = 0; index < count && used < size; index++) {
        int written = snprintf(buffer + used, size - used, "%s%s", index ? ", " : "", names[index]);
        if (written < 0)
            break;
        used += (size_t)written;
    }
}

/* Whether A and B are the same text but for the case of ASCII letters and
 * spaces, hyphens or underscores between words ("requires improvement",
 * "Requires-Improvement"): how a code typed by hand or a level's name
 * differs from what the rubric wants, and spaces around it (' G'). Only a
 * separator after a letter is passed over inside the text, so that '-1' is
 * not taken for the score '1'. */
static int is_word_separator(char c)
{
    return c == ' ' || c == '-' || c == '_';
}

static int same_but_case(const char *a, const char *b)
{
    const char *a_start = a, *b_start = b;
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    for (;; a++, b++) {
        while (a > a_start && is_word_separator(*a) && isalpha((unsigned char)a[-1]))
            a++;
        while (b > b_start && is_word_separator(*b) && isalpha((unsigned char)b[-1]))
            b++;
        while (*a == ' ' && a[strspn(a, " ")] == '\0')
            a++;
        while (*b == ' ' && b[strspn(b, " ")] == '\0')
            b++;
        char left = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char right = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (left != right)
            return 0;
        if (left == '\0')
            return 1;
    }
}

/* The code a grade not on the scale was most likely meant to be: the
 * scale's (or the criterion's answer set's) code or name written in other
 * letters ('g', "Good", "requires improvement"), or NA as 'na' or 'N/A'
 * where NA may be given; NULL when none is near. CRITERION -1: the scale. */
static const char *suggested_code(const rubric_model *model, int criterion, const char *text, int allows_na)
{
    const rubric_answer_set *set = criterion >= 0 ? rubric_criterion_answer_set(model, (unsigned)criterion) : NULL;
    unsigned count = set ? set->answer_count : model->level_count;
    for (unsigned index = 0; index < count; index++) {
        const char *code = set ? set->answers[index].code : model->levels[index].code;
        const char *label = set ? set->answers[index].label : model->levels[index].label;
        if (same_but_case(text, code) || (label && same_but_case(text, label)))
            return code;
    }
    if (allows_na && (same_but_case(text, "NA") || same_but_case(text, "N/A") ||
                      same_but_case(text, "not applicable")))
        return "NA";
    return NULL;
}

/* "; did you mean 'G'?" into BUFFER when a code is near TEXT, else "". */
static void describe_suggestion(const rubric_model *model, int criterion, const char *text, int allows_na,
                                char *buffer, size_t size)
{
    const char *code = text ? suggested_code(model, criterion, text, allows_na) : NULL;
    if (code && strcmp(code, text) != 0)
        snprintf(buffer, size, "; did you mean '%s'?", code);
    else
        buffer[0] = '\0';
}

/* One sentence per problem kind, in the words of the rubric. */
size_t rubric_problem_describe(const rubric_model *model, const rubric_problem *problem,
                               char *buffer, size_t size)
{
    char scale[160], types[160], suggestion[64] = "";
    const char *criterion = problem->criterion >= 0 ? model->criteria[problem->criterion].id : "";
    int written = 0;
    list_scale(model, problem->kind == RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE ? problem->criterion : -1, scale,
               sizeof scale);
    if (problem->kind == RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE)
        describe_suggestion(model, problem->criterion, problem->text,
                            model->criteria[problem->criterion].not_applicable_allowed, suggestion,
                            sizeof suggestion);
    else if (problem->kind == RUBRIC_PROBLEM_AUDITOR_GRADE_NOT_ON_SCALE)
        describe_suggestion(model, -1, problem->text, 1, suggestion, sizeof suggestion);
    switch (problem->kind) {
    case RUBRIC_PROBLEM_WRONG_RUBRIC:
        written = snprintf(buffer, size, "the audit is for rubric '%s', not '%s'", problem->text, model->id);
        break;
    case RUBRIC_PROBLEM_UNKNOWN_CRITERION:
        written = snprintf(buffer, size, "unknown criterion '%s'", problem->text);
        break;
    case RUBRIC_PROBLEM_DUPLICATE_CRITERION:
        written = snprintf(buffer, size, "criterion '%s' is graded twice", criterion);
        break;
    case RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE:
        written = snprintf(buffer, size, "criterion '%s': %s '%s' is not %s (%s%s)%s", criterion,
                           rubric_criterion_answer_set(model, (unsigned)problem->criterion) ? "answer" : "grade",
                           problem->text,
                           rubric_criterion_answer_set(model, (unsigned)problem->criterion) ? "in its answer set"
                                                                                            : "on the scale",
                           scale,
                           model->criteria[problem->criterion].not_applicable_allowed ? ", or NA" : "",
                           suggestion);
        break;
    case RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED:
        written = snprintf(buffer, size, "criterion '%s' may not be graded NA (not applicable)", criterion);
        break;
    case RUBRIC_PROBLEM_MISSING_CRITERION:
        written = snprintf(buffer, size, "criterion '%s' is not graded", criterion);
        break;
    case RUBRIC_PROBLEM_UNKNOWN_SECTION:
        written = snprintf(buffer, size, "the auditor's grades name an unknown section '%s'", problem->text);
        break;
    case RUBRIC_PROBLEM_AUDITOR_GRADE_NOT_ON_SCALE:
        if (problem->section >= 0)
            written = snprintf(buffer, size, "the auditor's grade '%s' for section '%s' is not on the scale (%s, or NA)%s",
                               problem->text, model->sections[problem->section].id, scale, suggestion);
        else
            written = snprintf(buffer, size, "the auditor's overall grade '%s' is not on the scale (%s, or NA)%s",
                               problem->text, scale, suggestion);
        break;
    case RUBRIC_PROBLEM_CASE_TYPE_MISSING:
        list_names(model->case_types, model->case_type_count, types, sizeof types);
        written = snprintf(buffer, size, "the audit does not name its case type (case_type): this rubric needs one of %s",
                           types);
        break;
    case RUBRIC_PROBLEM_UNKNOWN_CASE_TYPE:
        if (model->case_type_count) {
            list_names(model->case_types, model->case_type_count, types, sizeof types);
            written = snprintf(buffer, size, "case type '%s' is not one of this rubric's case types (%s)",
                               problem->text, types);
        } else {
            written = snprintf(buffer, size, "case type '%s' is named by no criterion's 'applies to' in this rubric",
                               problem->text);
        }
        break;
    case RUBRIC_PROBLEM_NOT_FOR_CASE_TYPE:
        list_names(model->criteria[problem->criterion].applies_to, model->criteria[problem->criterion].applies_to_count,
                   types, sizeof types);
        written = snprintf(buffer, size, "criterion '%s' applies to %s, not to %s cases: leave it out or grade it NA",
                           criterion, types, problem->text);
        break;
    case RUBRIC_PROBLEM_UNKNOWN_COMMENT:
        written = snprintf(buffer, size,
                           "a comment names '%s', which is no criterion or section of this rubric (nor 'overall')",
                           problem->text);
        break;
    case RUBRIC_PROBLEM_FACT_MISSING:
    case RUBRIC_PROBLEM_FACT_NOT_VALID:
    case RUBRIC_PROBLEM_NOT_FOR_CONDITION:
        return facts_describe_problem(model, problem, buffer, size);
    }
    return written < 0 ? 0 : (size_t)written;
}
