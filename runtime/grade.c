/*
 * grade.c — validating one audit against a rubric model and applying the
 * rubric's aggregation rules (docs/language.md, "Grading rules").
 *
 * A grader holds everything grading needs, allocated once in
 * rubric_grader_new: a hash table from criterion id to index, the per
 * criterion grades, the section outcomes, the problem list and a count per
 * level. rubric_grade reuses them for every audit, so grading allocates
 * nothing and graders on different threads never share a byte they write.
 *
 * Order of work: check the rubric id; read every criterion grade (unknown,
 * duplicate, off-scale and disallowed NA grades are problems); report
 * criteria left ungraded; read the auditor's own grades. Only a valid audit
 * is aggregated: each section by its method, then the section limits, then
 * the overall grade by its method over sections or criteria, then the
 * overall limits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rubric.h"

/* A criterion that was given a grade the scale does not have: it counts as
 * graded (no "missing" report on top), and becomes NONE in the result. */
#define GRADE_REJECTED (-3)

struct rubric_grader {
    const rubric_model *model;
    unsigned *criterion_slots;   /* open addressing: criterion index + 1, 0 when empty */
    unsigned slot_mask;
    unsigned expected_criterion; /* the one after the last found: audits list them in order */
    int *criterion_grades;
    rubric_outcome *sections;
    rubric_problem *problems;
    unsigned problem_capacity;
    unsigned *level_counts;      /* scratch: how many inputs hold each level */
    int one_byte_grades[256];    /* the grade of each one-byte code, else RUBRIC_GRADE_NONE */
    int not_applicable_grade;    /* what "NA" reads as (a level could take that code) */
    rubric_result result;
};

/* FNV-1a: a short, well-spread hash for ids of a few dozen bytes. */
static uint32_t hash_id(const char *id)
{
    uint32_t hash = 2166136261u;
    for (const unsigned char *byte = (const unsigned char *)id; *byte; byte++)
        hash = (hash ^ *byte) * 16777619u;
    return hash;
}

/* The criterion index for ID through the grader's table, or -1. */
static int lookup_criterion_by_hash(const rubric_grader *grader, const char *id)
{
    for (uint32_t slot = hash_id(id) & grader->slot_mask;; slot = (slot + 1) & grader->slot_mask) {
        unsigned entry = grader->criterion_slots[slot];
        if (entry == 0)
            return -1;
        if (strcmp(grader->model->criteria[entry - 1].id, id) == 0)
            return (int)(entry - 1);
    }
}

/* The criterion index for ID, or -1: the criterion after the last one
 * found is tried first, as audits mostly list criteria in the rubric's
 * order; else the hash table. */
static int lookup_criterion(rubric_grader *grader, const char *id)
{
    unsigned expected = grader->expected_criterion;
    int criterion = expected < grader->model->criterion_count && strcmp(grader->model->criteria[expected].id, id) == 0
                        ? (int)expected
                        : lookup_criterion_by_hash(grader, id);
    if (criterion >= 0)
        grader->expected_criterion = (unsigned)criterion + 1;
    return criterion;
}

/* Fill the id table: at least twice as many slots as criteria. */
static int build_criterion_table(rubric_grader *grader)
{
    unsigned slot_count = 16;
    while (slot_count < 2 * grader->model->criterion_count)
        slot_count *= 2;
    grader->criterion_slots = calloc(slot_count, sizeof *grader->criterion_slots);
    if (grader->criterion_slots == NULL)
        return 0;
    grader->slot_mask = slot_count - 1;
    for (unsigned index = 0; index < grader->model->criterion_count; index++) {
        uint32_t slot = hash_id(grader->model->criteria[index].id) & grader->slot_mask;
        while (grader->criterion_slots[slot])
            slot = (slot + 1) & grader->slot_mask;
        grader->criterion_slots[slot] = index + 1;
    }
    return 1;
}

/* Note the level of every one-byte code, the common case ("G"), and what
 * "NA" reads as, so that reading a grade needs one look-up. */
static void build_one_byte_grades(rubric_grader *grader)
{
    for (unsigned byte = 0; byte < 256; byte++)
        grader->one_byte_grades[byte] = RUBRIC_GRADE_NONE;
    for (unsigned level = grader->model->level_count; level-- > 0;) {
        const char *code = grader->model->levels[level].code;
        if (code[0] != '\0' && code[1] == '\0')
            grader->one_byte_grades[(unsigned char)code[0]] = (int)level;
    }
    grader->not_applicable_grade = rubric_grade_from_code(grader->model, RUBRIC_NOT_APPLICABLE_CODE);
}

/* The grade of CODE, as rubric_grade_from_code gives it: one-byte codes
 * and "NA" by what build_one_byte_grades noted. */
static int grade_from_code(const rubric_grader *grader, const char *code)
{
    if (code[0] != '\0' && code[1] == '\0')
        return grader->one_byte_grades[(unsigned char)code[0]];
    if (strcmp(code, RUBRIC_NOT_APPLICABLE_CODE) == 0)
        return grader->not_applicable_grade;
    return rubric_grade_from_code(grader->model, code);
}

/* Check the model, then allocate every buffer grading will reuse. */
rubric_grader *rubric_grader_new(const rubric_model *model, rubric_error *error)
{
    if (!rubric_model_check(model, error))
        return NULL;
    rubric_grader *grader = calloc(1, sizeof *grader);
    if (grader) {
        grader->model = model;
        grader->problem_capacity = model->criterion_count + model->section_count + 16;
        grader->criterion_grades = calloc(model->criterion_count, sizeof *grader->criterion_grades);
        grader->sections = calloc(model->section_count, sizeof *grader->sections);
        grader->problems = calloc(grader->problem_capacity, sizeof *grader->problems);
        grader->level_counts = calloc(model->level_count, sizeof *grader->level_counts);
    }
    if (!grader || !grader->criterion_grades || !grader->sections || !grader->problems ||
        !grader->level_counts || !build_criterion_table(grader)) {
        rubric_grader_free(grader);
        if (error)
            snprintf(error->message, sizeof error->message, "out of memory");
        return NULL;
    }
    build_one_byte_grades(grader);
    grader->result.model = model;
    grader->result.criterion_grades = grader->criterion_grades;
    grader->result.sections = grader->sections;
    grader->result.problems = grader->problems;
    return grader;
}

/* Free the grader's buffers. */
void rubric_grader_free(rubric_grader *grader)
{
    if (grader == NULL)
        return;
    free(grader->criterion_slots);
    free(grader->criterion_grades);
    free(grader->sections);
    free(grader->problems);
    free(grader->level_counts);
    free(grader);
}

/* Record a problem; past the capacity only the total grows. */
static void add_problem(rubric_grader *grader, rubric_problem_kind kind, int criterion, int section,
                        const char *text)
{
    rubric_result *result = &grader->result;
    if (result->problem_count < grader->problem_capacity)
        grader->problems[result->problem_count++] = (rubric_problem){kind, criterion, section, text};
    result->problem_total++;
}

/* A criterion grade: a level code, or NA where the criterion allows it. */
static void read_criterion_grade(rubric_grader *grader, const rubric_entry *entry)
{
    int criterion = lookup_criterion(grader, entry->key);
    if (criterion < 0) {
        add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_CRITERION, -1, -1, entry->key);
        return;
    }
    if (grader->criterion_grades[criterion] != RUBRIC_GRADE_NONE) {
        add_problem(grader, RUBRIC_PROBLEM_DUPLICATE_CRITERION, criterion, -1, NULL);
        return;
    }
    int grade = grade_from_code(grader, entry->value);
    if (grade == RUBRIC_GRADE_NONE) {
        add_problem(grader, RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE, criterion, -1, entry->value);
        grade = GRADE_REJECTED;
    } else if (grade == RUBRIC_GRADE_NOT_APPLICABLE &&
               !grader->model->criteria[criterion].not_applicable_allowed) {
        add_problem(grader, RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED, criterion, -1, NULL);
        grade = GRADE_REJECTED;
    }
    grader->criterion_grades[criterion] = grade;
}

/* An auditor's own grade: any level code or NA; SECTION is -1 for overall. */
static int read_auditor_grade(rubric_grader *grader, const char *code, int section)
{
    int grade = grade_from_code(grader, code);
    if (grade == RUBRIC_GRADE_NONE)
        add_problem(grader, RUBRIC_PROBLEM_AUDITOR_GRADE_NOT_ON_SCALE, -1, section, code);
    return grade;
}

/* Validation: rubric id, every grade, every criterion graded, auditor grades. */
static void validate_audit(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    if (audit->rubric_id && strcmp(audit->rubric_id, model->id) != 0)
        add_problem(grader, RUBRIC_PROBLEM_WRONG_RUBRIC, -1, -1, audit->rubric_id);
    for (unsigned entry = 0; entry < audit->grade_count; entry++)
        read_criterion_grade(grader, &audit->grades[entry]);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (grader->criterion_grades[criterion] == RUBRIC_GRADE_NONE)
            add_problem(grader, RUBRIC_PROBLEM_MISSING_CRITERION, (int)criterion, -1, NULL);
        else if (grader->criterion_grades[criterion] == GRADE_REJECTED)
            grader->criterion_grades[criterion] = RUBRIC_GRADE_NONE;
    }
    if (audit->auditor_overall)
        grader->result.overall.auditor_grade = read_auditor_grade(grader, audit->auditor_overall, -1);
    for (unsigned entry = 0; entry < audit->auditor_section_count; entry++) {
        const rubric_entry *given = &audit->auditor_sections[entry];
        int section = rubric_find_section(model, given->key);
        if (section < 0)
            add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_SECTION, -1, -1, given->key);
        else
            grader->sections[section].auditor_grade = read_auditor_grade(grader, given->value, section);
    }
}

/* The level at POSITION (0 = best) when the counted grades are sorted best first. */
static int level_at_position(const unsigned *counts, unsigned level_count, unsigned position)
{
    unsigned seen = 0;
    for (unsigned level = 0; level < level_count; level++) {
        seen += counts[level];
        if (position < seen)
            return (int)level;
    }
    return (int)level_count - 1;
}

/* Of two candidate levels, the one the tie rule picks: lower is the worse. */
static int break_tie(rubric_ties ties, int better, int worse)
{
    return ties == RUBRIC_TIES_LOWER ? worse : better;
}

/* "worst", "best", "median" (even count: tie rule between the two middle
 * grades), "most frequent" (several modes: tie rule between the extremes);
 * COUNTS holds COUNTED grades, at least one. */
static int apply_method(const rubric_model *model, rubric_method method, const unsigned *counts,
                        unsigned counted, int *decided_by_tie)
{
    unsigned level_count = model->level_count;
    *decided_by_tie = 0;
    switch (method) {
    case RUBRIC_METHOD_WORST:
        return level_at_position(counts, level_count, counted - 1);
    case RUBRIC_METHOD_BEST:
        return level_at_position(counts, level_count, 0);
    case RUBRIC_METHOD_MEAN:     /* graded as the median until the grader implements the mean */
    case RUBRIC_METHOD_MEDIAN:
        if (counted % 2 == 1)
            return level_at_position(counts, level_count, counted / 2);
        {
            int better = level_at_position(counts, level_count, counted / 2 - 1);
            int worse = level_at_position(counts, level_count, counted / 2);
            *decided_by_tie = better != worse;
            return break_tie(model->rules.ties, better, worse);
        }
    case RUBRIC_METHOD_MOST_FREQUENT: {
        unsigned highest = 0;
        int best_mode = -1, worst_mode = -1;
        for (unsigned level = 0; level < level_count; level++) {
            if (counts[level] > highest) {
                highest = counts[level];
                best_mode = worst_mode = (int)level;
            } else if (counts[level] == highest && highest > 0) {
                worst_mode = (int)level;
            }
        }
        *decided_by_tie = best_mode != worst_mode;
        return break_tie(model->rules.ties, best_mode, worst_mode);
    }
    }
    return level_at_position(counts, level_count, counted / 2);
}

/* Count GRADE into the scratch counts, under the not-applicable rule. */
static void count_grade(rubric_grader *grader, rubric_outcome *outcome, int grade)
{
    if (grade == RUBRIC_GRADE_NOT_APPLICABLE)
        outcome->not_applicable++;
    grade = rubric_grade_as_counted(grader->model, grade);
    if (grade >= 0) {
        grader->level_counts[grade]++;
        outcome->counted++;
    }
}

/* Combine the counted grades by METHOD; no grades at all gives NA. */
static void decide_outcome(rubric_grader *grader, rubric_outcome *outcome, rubric_method method)
{
    outcome->method = method;
    if (outcome->counted == 0)
        outcome->method_grade = RUBRIC_GRADE_NOT_APPLICABLE;
    else
        outcome->method_grade = apply_method(grader->model, method, grader->level_counts, outcome->counted,
                                             &outcome->decided_by_tie);
    outcome->grade = outcome->method_grade;
}

/* Start an outcome's counts afresh. */
static void begin_outcome(rubric_grader *grader, rubric_outcome *outcome)
{
    memset(grader->level_counts, 0, grader->model->level_count * sizeof *grader->level_counts);
    outcome->counted = 0;
    outcome->not_applicable = 0;
    outcome->limited = 0;
    outcome->decided_by_tie = 0;
}

/* The grade a limit reads: the criterion's or the section's, as counted. */
static int limit_grade(const rubric_grader *grader, const rubric_limit *limit)
{
    int grade = limit->kind == RUBRIC_LIMIT_BY_CRITERION ? grader->criterion_grades[limit->index]
                                                        : grader->sections[limit->index].grade;
    return rubric_grade_as_counted(grader->model, grade);
}

/* "no better than": a cap worse than the grade lowers it; an NA cap or an
 * NA grade is left alone. Returns whether the grade changed. */
static int apply_limit(const rubric_grader *grader, rubric_outcome *outcome, const rubric_limit *limit)
{
    int cap = limit_grade(grader, limit);
    if (cap < 0 || outcome->grade < 0 || cap <= outcome->grade)
        return 0;
    outcome->grade = cap;
    outcome->limited = 1;
    outcome->limit_kind = limit->kind;
    outcome->limit_index = limit->index;
    return 1;
}

/* Section grades by each section's method, then the section limits until
 * nothing changes (a section may be capped by a section that is capped). */
static void grade_sections(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        rubric_outcome *outcome = &grader->sections[section];
        begin_outcome(grader, outcome);
        for (unsigned member = 0; member < entry->criterion_count; member++)
            count_grade(grader, outcome, grader->criterion_grades[entry->first_criterion + member]);
        decide_outcome(grader, outcome, entry->method);
    }
    int changed = 1;
    for (unsigned pass = 0; changed && pass <= model->section_count; pass++) {
        changed = 0;
        for (unsigned limit = 0; limit < model->rules.limit_count; limit++) {
            const rubric_limit *entry = &model->rules.limits[limit];
            if (entry->scope == RUBRIC_SCOPE_SECTION)
                changed |= apply_limit(grader, &grader->sections[entry->section], entry);
        }
    }
}

/* The overall grade by the overall method over section or criterion
 * grades, then the overall limits. */
static void grade_overall(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    rubric_outcome *outcome = &grader->result.overall;
    begin_outcome(grader, outcome);
    if (model->rules.overall_basis == RUBRIC_BASIS_SECTIONS)
        for (unsigned section = 0; section < model->section_count; section++)
            count_grade(grader, outcome, grader->sections[section].grade);
    else
        for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
            count_grade(grader, outcome, grader->criterion_grades[criterion]);
    decide_outcome(grader, outcome, model->rules.overall_method);
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++) {
        const rubric_limit *entry = &model->rules.limits[limit];
        if (entry->scope == RUBRIC_SCOPE_OVERALL)
            apply_limit(grader, outcome, entry);
    }
}

/* Reset the workspace, validate, and aggregate a valid audit. */
const rubric_result *rubric_grade(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    rubric_result *result = &grader->result;
    result->problem_count = 0;
    result->problem_total = 0;
    grader->expected_criterion = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        grader->criterion_grades[criterion] = RUBRIC_GRADE_NONE;
    for (unsigned section = 0; section < model->section_count; section++)
        grader->sections[section] = (rubric_outcome){.grade = RUBRIC_GRADE_NONE,
                                                     .method_grade = RUBRIC_GRADE_NONE,
                                                     .method = model->sections[section].method,
                                                     .auditor_grade = RUBRIC_GRADE_NONE};
    result->overall = (rubric_outcome){.grade = RUBRIC_GRADE_NONE, .method_grade = RUBRIC_GRADE_NONE,
                                       .method = model->rules.overall_method,
                                       .auditor_grade = RUBRIC_GRADE_NONE};
    validate_audit(grader, audit);
    result->valid = result->problem_total == 0;
    if (result->valid) {
        grade_sections(grader);
        grade_overall(grader);
    }
    return result;
}

/* The scale's codes, "O, G, R, I", into BUFFER (truncated if long). */
static void list_scale(const rubric_model *model, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (unsigned level = 0; level < model->level_count && used < size; level++) {
        int written = snprintf(buffer + used, size - used, "%s%s", level ? ", " : "", model->levels[level].code);
        if (written < 0)
            break;
        used += (size_t)written;
    }
}

/* One sentence per problem kind, in the words of the rubric. */
size_t rubric_problem_describe(const rubric_model *model, const rubric_problem *problem,
                               char *buffer, size_t size)
{
    char scale[160];
    const char *criterion = problem->criterion >= 0 ? model->criteria[problem->criterion].id : "";
    int written = 0;
    list_scale(model, scale, sizeof scale);
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
        written = snprintf(buffer, size, "criterion '%s': grade '%s' is not on the scale (%s%s)", criterion,
                           problem->text, scale,
                           model->criteria[problem->criterion].not_applicable_allowed ? ", or NA" : "");
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
            written = snprintf(buffer, size, "the auditor's grade '%s' for section '%s' is not on the scale (%s, or NA)",
                               problem->text, model->sections[problem->section].id, scale);
        else
            written = snprintf(buffer, size, "the auditor's overall grade '%s' is not on the scale (%s, or NA)",
                               problem->text, scale);
        break;
    }
    return written < 0 ? 0 : (size_t)written;
}
