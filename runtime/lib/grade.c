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
 * Order of work: check the rubric id and the case type; read every
 * criterion grade (unknown, duplicate, off-scale and disallowed NA grades
 * are problems; a checklist criterion's answer is read against its answer
 * set); report criteria left ungraded, or graded for a case type they do
 * not apply to; read the auditor's own grades; check the comments' keys.
 * Only a valid audit is aggregated: each section by its method (a
 * checklist section is counted, met of applicable, instead), then the
 * section limits, then the overall grade by its method over the sections
 * or criteria in the overall, then the overall limits, then the bands.
 *
 * Weights, means and limits are in integers (weights in hundredths), so a
 * grade never depends on floating point. A rubric that uses none of format
 * 2's features takes the plain path of format 1 (note_features).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "grade_outcome.h"
#include "grade_partial.h"
#include "rubric.h"

/* A criterion that was given a grade the scale does not have: it counts as
 * graded (no "missing" report on top), and becomes NONE in the result. */
#define GRADE_REJECTED (-3)

/* A criterion's grade is at least GRADE_REJECTED: grade + TALLY_OFFSET
 * indexes a tally of grades from 0. */
enum { TALLY_OFFSET = 3 };

/* The slots of a tally kept on the stack (a scale of up to 5 levels, with
 * NA, no grade and rejected), and of level counts cleared as a block. */
enum { SMALL_TALLY = 8 };

struct rubric_grader {
    const rubric_model *model;
    unsigned *criterion_slots;   /* open addressing: criterion index + 1, 0 when empty */
    unsigned slot_mask;
    unsigned expected_criterion; /* the one after the last found: audits list them in order */
    unsigned graded;             /* criteria given a grade by this audit (rejected ones too) */
    int *criterion_grades;
    rubric_outcome *sections;
    rubric_problem *problems;
    unsigned problem_capacity;
    unsigned *level_counts;      /* scratch: how many inputs hold each level */
    unsigned *grade_tally;       /* scratch: how many criteria hold each grade, by grade + TALLY_OFFSET */
    unsigned long *level_weights;/* scratch: their weight in hundredths (weighted rubrics, mean) */
    int weighted;                /* some weight is not 1: median and most frequent weigh */
    int has_mean;                /* some section or the overall grades by the mean: it reads the weights */
    int not_applicable_counted;  /* what NA counts as under the rules (rubric_grade_as_counted) */
    int has_checklists;          /* some section is answered with an answer set */
    int all_in_overall;          /* every section counts in the overall */
    unsigned char *section_limited;  /* per section: some limit caps it */
    rubric_checklist_count *checklists;
    const char *case_type;       /* the audit's case type, when the rubric knows it; else NULL */
    int cohort_unknown;          /* the audit's case type is missing or unknown where the rubric needs one */
    int one_byte_grades[256];    /* the grade of each one-byte code, else RUBRIC_GRADE_NONE */
    const char **criterion_ids;  /* the criteria's ids side by side, for the in-order prefix */
    int *na_grades;              /* per criterion: what "NA" reads as, RUBRIC_GRADE_NONE where not allowed */
    int not_applicable_grade;    /* what "NA" reads as (a level could take that code) */
    int partial;                 /* rubric_grader_set_partial: ungraded criteria leave outcomes incomplete */
    unsigned missing;            /* criteria this audit left ungraded (MISSING_CRITERION problems) */
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
    const rubric_criterion *criteria = grader->model->criteria;
    /* the JSON Lines reader hands over the model's own id string when it
     * knows the rubric (json_record_reader_set_rubric): the same address */
    int criterion = expected < grader->model->criterion_count &&
                            (criteria[expected].id == id || strcmp(criteria[expected].id, id) == 0)
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
    for (unsigned criterion = 0; criterion < grader->model->criterion_count; criterion++) {
        grader->criterion_ids[criterion] = grader->model->criteria[criterion].id;
        grader->na_grades[criterion] =
            grader->model->criteria[criterion].not_applicable_allowed ? grader->not_applicable_grade : RUBRIC_GRADE_NONE;
    }
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

/* Whether any section or criterion weighs other than 1: only then do the
 * median and most frequent methods read the weights (the plain path stays). */
static int has_weights(const rubric_model *model)
{
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_weight(model, section) != 100)
            return 1;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (rubric_criterion_weight(model, criterion) != 100)
            return 1;
    return 0;
}

/* What of format 2 the rubric uses, so that grading a rubric that uses
 * none of it takes the plain path: weights, checklists, sections out of
 * the overall, and which sections a limit caps. */
static void note_features(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    grader->weighted = has_weights(model);
    grader->all_in_overall = 1;
    grader->has_mean = model->rules.overall_method == RUBRIC_METHOD_MEAN;
    grader->not_applicable_counted = rubric_grade_as_counted(model, RUBRIC_GRADE_NOT_APPLICABLE);
    for (unsigned section = 0; section < model->section_count; section++) {
        grader->has_mean |= model->sections[section].method == RUBRIC_METHOD_MEAN;
        grader->has_checklists |= rubric_section_answer_set(model, section) >= 0;
        grader->all_in_overall &= rubric_section_in_overall(model, section);
    }
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++)
        if (model->rules.limits[limit].scope == RUBRIC_SCOPE_SECTION)
            grader->section_limited[model->rules.limits[limit].section] = 1;
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
        grader->level_counts = calloc(model->level_count > SMALL_TALLY ? model->level_count : SMALL_TALLY,
                                      sizeof *grader->level_counts);
        grader->grade_tally = calloc(model->level_count + TALLY_OFFSET, sizeof *grader->grade_tally);
        grader->level_weights = calloc(model->level_count, sizeof *grader->level_weights);
        grader->checklists = calloc(model->section_count, sizeof *grader->checklists);
        grader->section_limited = calloc(model->section_count, sizeof *grader->section_limited);
        grader->criterion_ids = calloc(model->criterion_count + 1, sizeof *grader->criterion_ids);
        grader->na_grades = calloc(model->criterion_count + 1, sizeof *grader->na_grades);
    }
    if (!grader || !grader->criterion_grades || !grader->sections || !grader->problems ||
        !grader->level_counts || !grader->grade_tally || !grader->level_weights || !grader->checklists || !grader->section_limited ||
        !grader->criterion_ids || !grader->na_grades || !build_criterion_table(grader)) {
        rubric_grader_free(grader);
        if (error)
            snprintf(error->message, sizeof error->message, "out of memory");
        return NULL;
    }
    build_one_byte_grades(grader);
    note_features(grader);
    grader->result.model = model;
    grader->result.checklists = grader->checklists;
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
    free(grader->grade_tally);
    free(grader->level_weights);
    free(grader->checklists);
    free(grader->section_limited);
    free(grader->criterion_ids);
    free(grader->na_grades);
    free(grader);
}

/* Record a problem; past the capacity only the total grows. */
static void add_problem(rubric_grader *grader, rubric_problem_kind kind, int criterion, int section,
                        const char *text)
{
    rubric_result *result = &grader->result;
    if (result->problem_count < grader->problem_capacity)
        grader->problems[result->problem_count++] = (rubric_problem){kind, criterion, section, text, -1};
    result->problem_total++;
}

/* The answer of CODE in SET, or RUBRIC_GRADE_NONE; "NA" is not applicable. */
static int answer_from_code(const rubric_answer_set *set, const char *code)
{
    for (unsigned answer = 0; answer < set->answer_count; answer++)
        if (strcmp(set->answers[answer].code, code) == 0)
            return (int)answer;
    return strcmp(code, RUBRIC_NOT_APPLICABLE_CODE) == 0 ? RUBRIC_GRADE_NOT_APPLICABLE : RUBRIC_GRADE_NONE;
}

/* A criterion grade: a level code (an answer code in a checklist section),
 * or NA where the criterion allows it. An empty code is no grade. */
static void read_criterion_grade(rubric_grader *grader, const rubric_entry *entry)
{
    if (entry->value[0] == '\0')
        return;
    int criterion = lookup_criterion(grader, entry->key);
    if (criterion < 0) {
        add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_CRITERION, -1, -1, entry->key);
        return;
    }
    if (grader->criterion_grades[criterion] != RUBRIC_GRADE_NONE) {
        add_problem(grader, RUBRIC_PROBLEM_DUPLICATE_CRITERION, criterion, -1, NULL);
        return;
    }
    const rubric_answer_set *set =
        grader->has_checklists ? rubric_criterion_answer_set(grader->model, (unsigned)criterion) : NULL;
    int grade = set ? answer_from_code(set, entry->value) : grade_from_code(grader, entry->value);
    if (grade == RUBRIC_GRADE_NONE) {
        add_problem(grader, RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE, criterion, -1, entry->value);
        grade = GRADE_REJECTED;
    } else if (grade == RUBRIC_GRADE_NOT_APPLICABLE && !grader->model->criteria[criterion].not_applicable_allowed &&
               rubric_criterion_applies(grader->model, (unsigned)criterion, grader->case_type) &&
               rubric_criterion_condition_holds(grader->model, (unsigned)criterion, grader->result.audit) &&
               !(grader->cohort_unknown && grader->model->criteria[criterion].applies_to_count)) {
        /* with the case type unknown, an NA on a criterion of some cohorts
         * may well be right: the case type is the one problem reported */
        add_problem(grader, RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED, criterion, -1, NULL);
        grade = GRADE_REJECTED;
    }
    grader->criterion_grades[criterion] = grade;
    grader->graded++;
}

/* The grade of CODE for CRITERION when it is the common case: a one-byte
 * code of a level, or NA where the criterion allows it; else
 * RUBRIC_GRADE_NONE, and read_criterion_grade has the last word. One
 * look-up first; a second byte is read only after a first that is not the
 * NUL, a third only after "NA". */
static inline int common_grade(const rubric_grader *grader, unsigned criterion, const char *code)
{
    int grade = grader->one_byte_grades[(unsigned char)code[0]];
    if (grade != RUBRIC_GRADE_NONE && code[1] == '\0')
        return grade;
    if (code[0] == 'N' && code[1] == 'A' && code[2] == '\0')
        return grader->na_grades[criterion];
    return RUBRIC_GRADE_NONE;
}

/* Every criterion grade of AUDIT, into criterion_grades (which the first
 * step also clears). Audits mostly give every criterion in the rubric's
 * order, with the model's own id strings (the readers hand them over) and
 * common codes: that prefix is taken first, where entry K is criterion K,
 * so none of it can repeat a criterion and nothing needs clearing before
 * it is written. Then the rest: the criterion after the last one found
 * (by address or by name), not graded yet, with a common code, in a loop
 * with the grader's state in locals; anything else (a checklist answer, a
 * longer code, a problem) by read_criterion_grade. */
static void read_criterion_grades(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    int *grades = grader->criterion_grades;
    const rubric_entry *given = audit->grades, *end = given ? given + audit->grade_count : given;
    unsigned criterion_count = grader->has_checklists ? 0 : model->criterion_count;
    unsigned prefix_limit = audit->grade_count < criterion_count ? (unsigned)audit->grade_count : criterion_count;
    const char *const *ids = grader->criterion_ids;
    unsigned expected = 0;
    for (; expected < prefix_limit && given[expected].key == ids[expected]; expected++) {
        int grade = common_grade(grader, expected, given[expected].value);
        if (grade == RUBRIC_GRADE_NONE)
            break;
        grades[expected] = grade;
    }
    for (unsigned criterion = expected; criterion < model->criterion_count; criterion++)
        grades[criterion] = RUBRIC_GRADE_NONE;
    if (given != NULL)
        given += expected;
    /* the grader's state in locals (the stores into grades would make the
     * compiler load it again), written back around the general steps */
    unsigned graded = expected;
    for (; given < end; given++) {
        if (expected < criterion_count && grades[expected] == RUBRIC_GRADE_NONE &&
            (ids[expected] == given->key || strcmp(ids[expected], given->key) == 0)) {
            int grade = common_grade(grader, expected, given->value);
            if (grade != RUBRIC_GRADE_NONE) {
                grades[expected++] = grade;
                graded++;
                continue;
            }
        }
        grader->expected_criterion = expected;
        grader->graded = graded;
        read_criterion_grade(grader, given);
        expected = grader->expected_criterion;
        graded = grader->graded;
    }
    grader->expected_criterion = expected;
    grader->graded = graded;
}

/* An auditor's own grade: any level code or NA; SECTION is -1 for overall. */
static int read_auditor_grade(rubric_grader *grader, const char *code, int section)
{
    int grade = grade_from_code(grader, code);
    if (grade == RUBRIC_GRADE_NONE)
        add_problem(grader, RUBRIC_PROBLEM_AUDITOR_GRADE_NOT_ON_SCALE, -1, section, code);
    return grade;
}

/* The audit's case type when the rubric knows it, else NULL: a rubric with
 * "case types:" needs one; any named case type must be one the rubric knows. */
static const char *read_case_type(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    if (audit->case_type == NULL) {
        if (model->case_type_count)
            add_problem(grader, RUBRIC_PROBLEM_CASE_TYPE_MISSING, -1, -1, NULL);
        return NULL;
    }
    if (!rubric_case_type_known(model, audit->case_type)) {
        add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_CASE_TYPE, -1, -1, audit->case_type);
        return NULL;
    }
    return audit->case_type;
}

/* Every declared fact: given when required, and a value of its type. */
static void check_facts(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    for (unsigned fact = 0; fact < model->fact_count; fact++) {
        const char *value = rubric_audit_field(audit, model->facts[fact].key);
        if (value == NULL ? !model->facts[fact].required : rubric_fact_value_valid(&model->facts[fact], value))
            continue;
        unsigned stored = grader->result.problem_count;
        add_problem(grader, value == NULL ? RUBRIC_PROBLEM_FACT_MISSING : RUBRIC_PROBLEM_FACT_NOT_VALID, -1, -1,
                    value);
        if (grader->result.problem_count > stored)
            grader->problems[stored].fact = (int)fact;
    }
}

/* Every comment is on a criterion, a section or the overall grade. */
static void check_comments(rubric_grader *grader, const rubric_audit *audit)
{
    for (unsigned entry = 0; entry < audit->comment_count; entry++) {
        const char *key = audit->comments[entry].key;
        if (strcmp(key, RUBRIC_OVERALL_COMMENT_KEY) != 0 && lookup_criterion_by_hash(grader, key) < 0 &&
            rubric_find_section(grader->model, key) < 0)
            add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_COMMENT, -1, -1, key);
    }
}

/* Validation: rubric id, case type, every grade, every criterion graded
 * (or, for another case type, left out or NA), auditor grades, comments.
 * A criterion left out counts as NA when it applies to other case types. */
static void validate_audit(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    if (audit->rubric_id && strcmp(audit->rubric_id, model->id) != 0)
        add_problem(grader, RUBRIC_PROBLEM_WRONG_RUBRIC, -1, -1, audit->rubric_id);
    const char *case_type = grader->case_type = read_case_type(grader, audit);
    if (model->fact_count)
        check_facts(grader, audit);
    /* a rubric with case types and no known case type, or a case type
     * named that no criterion knows: which cohort's criteria are due cannot
     * be told, so only the case type is reported (no criterion left out,
     * no NA refused, on a criterion of some cohorts) */
    int cohort_unknown = case_type == NULL && (model->case_type_count || audit->case_type != NULL);
    grader->cohort_unknown = cohort_unknown;
    read_criterion_grades(grader, audit);
    /* every criterion graded on the scale, no case type: nothing below can change or be reported */
    int every_criterion_graded = case_type == NULL && grader->graded == model->criterion_count &&
                                 grader->result.problem_total == 0 && model->fact_count == 0;
    for (unsigned criterion = 0; criterion < model->criterion_count && !every_criterion_graded; criterion++) {
        int grade = grader->criterion_grades[criterion];
        int other_cohort = case_type && !rubric_criterion_applies(model, criterion, case_type);
        if (other_cohort || !rubric_criterion_condition_holds(model, criterion, audit)) {
            if (grade >= 0)
                add_problem(grader, other_cohort ? RUBRIC_PROBLEM_NOT_FOR_CASE_TYPE : RUBRIC_PROBLEM_NOT_FOR_CONDITION,
                            (int)criterion, -1, other_cohort ? case_type : NULL);
            grader->criterion_grades[criterion] = grade == GRADE_REJECTED ? RUBRIC_GRADE_NONE
                                                                          : RUBRIC_GRADE_NOT_APPLICABLE;
        } else if (grade == RUBRIC_GRADE_NONE && !(cohort_unknown && model->criteria[criterion].applies_to_count)) {
            add_problem(grader, RUBRIC_PROBLEM_MISSING_CRITERION, (int)criterion, -1, NULL);
            grader->missing++;
        } else if (grade == GRADE_REJECTED) {
            grader->criterion_grades[criterion] = RUBRIC_GRADE_NONE;
        }
    }
    if (audit->auditor_overall && audit->auditor_overall[0])
        grader->result.overall.auditor_grade = read_auditor_grade(grader, audit->auditor_overall, -1);
    unsigned next_section = 0;   /* auditors' grades mostly follow the sections' order: tried first */
    for (unsigned entry = 0; entry < audit->auditor_section_count; entry++) {
        const rubric_entry *given = &audit->auditor_sections[entry];
        if (given->value[0] == '\0')
            continue;
        int section = next_section < model->section_count && strcmp(model->sections[next_section].id, given->key) == 0
                          ? (int)next_section
                          : rubric_find_section(model, given->key);
        next_section = (unsigned)(section + 1);
        if (section < 0)
            add_problem(grader, RUBRIC_PROBLEM_UNKNOWN_SECTION, -1, -1, given->key);
        else
            grader->sections[section].auditor_grade = read_auditor_grade(grader, given->value, section);
    }
    check_comments(grader, audit);
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

/* The weighted median: walking from the worst level, the level where the
 * cumulative weight first passes half the total; exactly half there: the
 * tie rule between it and the next better level held. With every weight
 * the same this is the plain median. */
static int weighted_median(const rubric_model *model, const unsigned long *weights, rubric_outcome *outcome)
{
    unsigned long total = 0, cumulative = 0;
    for (unsigned level = 0; level < model->level_count; level++)
        total += weights[level];
    for (unsigned level = model->level_count; level-- > 0;) {
        cumulative += weights[level];
        if (2 * cumulative > total)
            return (int)level;
        if (2 * cumulative == total && weights[level]) {
            unsigned better = level;
            while (better-- > 0)
                if (weights[better]) {
                    outcome->decided_by_tie = 1;
                    return break_tie(outcome->ties, (int)better, (int)level);
                }
            return (int)level;
        }
    }
    return (int)model->level_count - 1;
}

/* A level's value in a mean: its score on a score scale, else its
 * position counted from the worst (worst = 1). */
static unsigned long level_value(const rubric_model *model, unsigned level)
{
    return model->scores ? (unsigned long)model->levels[level].score : model->level_count - level;
}

/* The weighted mean in exact integer arithmetic, then rounded to a level
 * by rules.rounding. Positions from the worst are linear in the scores of
 * a score scale (either direction), so rounding works on positions: the
 * mean position is SUM / TOTAL, with SUM and TOTAL in weight hundredths. */
static int mean_level(const rubric_model *model, const unsigned long *weights, rubric_outcome *outcome)
{
    unsigned long long total = 0, value_sum = 0, position_sum = 0;
    for (unsigned level = 0; level < model->level_count; level++) {
        total += weights[level];
        value_sum += (unsigned long long)weights[level] * level_value(model, level);
        position_sum += (unsigned long long)weights[level] * (model->level_count - level);
    }
    outcome->has_mean = 1;
    outcome->mean_hundredths = (unsigned long)((value_sum * 200 + total) / (2 * total));
    unsigned long long position = position_sum / total, remainder = position_sum % total;
    int up = 0;
    switch (model->rules.rounding) {
    case RUBRIC_ROUND_DOWN:
        break;
    case RUBRIC_ROUND_NEAREST_HALF_DOWN:
        up = 2 * remainder > total;
        break;
    case RUBRIC_ROUND_NEAREST_HALF_UP:
        up = 2 * remainder >= total && remainder != 0;
        break;
    }
    outcome->decided_by_tie = 0;
    return (int)(model->level_count - (unsigned)(position + (unsigned long long)up));
}

/* "worst", "best", "median" (even count: tie rule between the two middle
 * grades), "most frequent" (several modes: tie rule between the extremes),
 * "mean"; COUNTS holds COUNTED grades, at least one, and WEIGHTS their
 * weights when WEIGHED (always for mean). */
static int apply_method(const rubric_model *model, rubric_method method, const unsigned *counts,
                        const unsigned long *weights, int weighed, unsigned counted, rubric_outcome *outcome)
{
    unsigned level_count = model->level_count;
    int *decided_by_tie = &outcome->decided_by_tie;
    *decided_by_tie = 0;
    switch (method) {
    case RUBRIC_METHOD_WORST:
        return level_at_position(counts, level_count, counted - 1);
    case RUBRIC_METHOD_BEST:
        return level_at_position(counts, level_count, 0);
    case RUBRIC_METHOD_MEDIAN:
        if (weighed)
            return weighted_median(model, weights, outcome);
        if (counted % 2 == 1)
            return level_at_position(counts, level_count, counted / 2);
        {
            int better = level_at_position(counts, level_count, counted / 2 - 1);
            int worse = level_at_position(counts, level_count, counted / 2);
            *decided_by_tie = better != worse;
            return break_tie(outcome->ties, better, worse);
        }
    case RUBRIC_METHOD_MOST_FREQUENT: {
        unsigned long highest = 0;
        int best_mode = -1, worst_mode = -1;
        for (unsigned level = 0; level < level_count; level++) {
            unsigned long amount = weighed ? weights[level] : counts[level];
            if (amount > highest) {
                highest = amount;
                best_mode = worst_mode = (int)level;
            } else if (amount == highest && highest > 0) {
                worst_mode = (int)level;
            }
        }
        *decided_by_tie = best_mode != worst_mode;
        return break_tie(outcome->ties, best_mode, worst_mode);
    }
    case RUBRIC_METHOD_MEAN:
        return mean_level(model, weights, outcome);
    }
    return level_at_position(counts, level_count, counted / 2);
}

/* A criterion's weight in hundredths: 100 unless the rubric weighs. */
static inline unsigned criterion_weight(const rubric_grader *grader, unsigned criterion)
{
    return grader->weighted ? rubric_criterion_weight(grader->model, criterion) : 100;
}

/* Count GRADE of weight WEIGHT (hundredths) into the scratch counts, under
 * the not-applicable rule. */
static inline void count_grade(rubric_grader *grader, rubric_outcome *outcome, int grade, unsigned weight)
{
    if (grade == RUBRIC_GRADE_NOT_APPLICABLE) {
        outcome->not_applicable++;
        grade = rubric_grade_as_counted(grader->model, grade);
    }
    if (grade >= 0) {
        grader->level_counts[grade]++;
        grader->level_weights[grade] += weight;
        outcome->counted++;
    }
}

/* Count the grades of COUNT criteria from FIRST into the scratch counts,
 * as count_grade does one at a time; without weights (an unweighted
 * rubric, a method other than the mean) the weights are not added up, as
 * nothing reads them then. */
static void count_criteria(rubric_grader *grader, rubric_outcome *outcome, unsigned first, unsigned count,
                           rubric_method method)
{
    if (grader->weighted || method == RUBRIC_METHOD_MEAN) {
        for (unsigned criterion = first; criterion < first + count; criterion++)
            count_grade(grader, outcome, grader->criterion_grades[criterion], criterion_weight(grader, criterion));
        return;
    }
    /* Each grade tallied with no branch on it (grades follow no pattern a
     * processor could predict), then the tally read off once: NA as the
     * rules count it, no grade not at all. */
    const rubric_model *model = grader->model;
    const int *grades = grader->criterion_grades;
    unsigned *counts = grader->level_counts;
    /* a scale of a few levels (the common case) is tallied on the stack,
     * cleared in a few stores of known size */
    unsigned small_tally[SMALL_TALLY] = {0};
    unsigned *tally = small_tally;
    if (model->level_count + TALLY_OFFSET > SMALL_TALLY) {
        tally = grader->grade_tally;
        for (unsigned slot = 0; slot < model->level_count + TALLY_OFFSET; slot++)
            tally[slot] = 0;
    }
    for (unsigned criterion = first; criterion < first + count; criterion++)
        tally[grades[criterion] + TALLY_OFFSET]++;
    unsigned counted = 0;
    for (unsigned level = 0; level < model->level_count; level++) {
        counts[level] += tally[level + TALLY_OFFSET];
        counted += tally[level + TALLY_OFFSET];
    }
    unsigned not_applicable = tally[RUBRIC_GRADE_NOT_APPLICABLE + TALLY_OFFSET];
    int as_counted = grader->not_applicable_counted;
    if (not_applicable && as_counted >= 0) {
        counts[as_counted] += not_applicable;
        counted += not_applicable;
    }
    outcome->counted += counted;
    outcome->not_applicable += not_applicable;
}

/* Combine the counted grades by METHOD; no grades at all gives NA. */
static void decide_outcome(rubric_grader *grader, rubric_outcome *outcome, rubric_method method)
{
    outcome->method = method;
    if (outcome->counted == 0)
        outcome->method_grade = RUBRIC_GRADE_NOT_APPLICABLE;
    else
        outcome->method_grade = apply_method(grader->model, method, grader->level_counts, grader->level_weights,
                                             grader->weighted, outcome->counted, outcome);
    outcome->grade = outcome->method_grade;
}

/* Start an outcome's counts afresh. */
static void begin_outcome(rubric_grader *grader, rubric_outcome *outcome)
{
    /* a few levels: a loop, not a call to memset; the weights only where
     * something reads them (count_criteria) */
    unsigned level_count = grader->model->level_count;
    if (level_count <= SMALL_TALLY)
        memset(grader->level_counts, 0, SMALL_TALLY * sizeof *grader->level_counts);   /* a few stores */
    else
        for (unsigned level = 0; level < level_count; level++)
            grader->level_counts[level] = 0;
    if (grader->weighted || grader->has_mean)
        for (unsigned level = 0; level < level_count; level++)
            grader->level_weights[level] = 0;
    outcome->counted = 0;
    outcome->not_applicable = 0;
    outcome->limited = 0;
    outcome->decided_by_tie = 0;
    outcome->has_mean = 0;
    outcome->mean_hundredths = 0;
}

/* Whether GRADE passes a condition's TEST against VALUE: a level (index 0
 * the best), an answer of a checklist criterion (IS only) or a band. NA and
 * no grade pass nothing but the tests made for them: "NA" passes a grade
 * of NA (also a criterion for another case type, which validation made
 * NA), "graded" a level or an answer. */
static int grade_passes(const rubric_model *model, int grade, rubric_test test, int value)
{
    if (test == RUBRIC_TEST_NOT_APPLICABLE)
        return grade == RUBRIC_GRADE_NOT_APPLICABLE;
    if (grade < 0)
        return 0;
    switch (test) {
    case RUBRIC_TEST_IS:
        return grade == value;
    case RUBRIC_TEST_OR_WORSE:
        return grade >= value;
    case RUBRIC_TEST_OR_BETTER:
        return grade <= value;
    case RUBRIC_TEST_IN_BAND:
        return rubric_band_of(model, grade) == value;
    case RUBRIC_TEST_GRADED:
        return 1;
    case RUBRIC_TEST_NOT_APPLICABLE:
    case RUBRIC_TEST_MET:
    case RUBRIC_TEST_NOT_MET:
        break;                   /* for a timescale (timescale_passes) */
    }
    return 0;
}

/* Whether criterion CRITERION's timescale, judged from the audit's date
 * facts, is met (TEST MET) or not met (NOT_MET); one that cannot be
 * judged (a date not given) is neither. */
static int timescale_passes(const rubric_result *result, unsigned criterion, rubric_test test)
{
    const rubric_timescale *timescale = result->model->criteria[criterion].timescale;
    if (timescale == NULL || result->audit == NULL)
        return 0;
    rubric_timescale_status status = rubric_timescale_judge(result->model, timescale, result->audit).status;
    return test == RUBRIC_TEST_MET ? status == RUBRIC_TIMESCALE_MET : status == RUBRIC_TIMESCALE_NOT_MET;
}

/* How many criteria from FIRST, COUNT of them, pass the test; a plain
 * "any" stops at the first. */
static unsigned criteria_passing(const rubric_result *result, unsigned first, unsigned count,
                                 const rubric_limit *limit)
{
    unsigned passing = 0;
    for (unsigned criterion = first; criterion < first + count; criterion++)
        if (grade_passes(result->model, result->criterion_grades[criterion], limit->test, limit->value)) {
            passing++;
            if (limit->count_rule == RUBRIC_COUNT_NONE)
                break;
        }
    return passing;
}

/* Whether CRITERION is a member of a condition's key criteria or group. */
static int in_subject_group(const rubric_model *model, unsigned criterion, const rubric_limit *limit)
{
    const rubric_criterion *entry = &model->criteria[criterion];
    if (limit->subject == RUBRIC_SUBJECT_ANY_KEY_CRITERION)
        return entry->key;
    for (unsigned group = 0; group < entry->group_count; group++)
        if (entry->groups[group] == (unsigned)limit->subject_index)
            return 1;
    return 0;
}

/* How many of the key criteria, or of a group's, pass the test. */
static unsigned group_passing(const rubric_result *result, const rubric_limit *limit)
{
    const rubric_model *model = result->model;
    unsigned passing = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (in_subject_group(model, criterion, limit) &&
            grade_passes(model, result->criterion_grades[criterion], limit->test, limit->value)) {
            passing++;
            if (limit->count_rule == RUBRIC_COUNT_NONE)
                break;
        }
    return passing;
}

/* Whether PASSING criteria meet the condition: any for a plain "any
 * criterion", else the count compared by the count rule. */
static int count_holds(const rubric_limit *limit, unsigned passing)
{
    switch (limit->count_rule) {
    case RUBRIC_COUNT_NONE:
        return passing > 0;
    case RUBRIC_COUNT_AT_LEAST:
        return passing >= limit->count;
    case RUBRIC_COUNT_MORE_THAN:
        return passing > limit->count;
    case RUBRIC_COUNT_FEWER_THAN:
        return passing < limit->count;
    case RUBRIC_COUNT_AT_MOST:
        return passing <= limit->count;
    }
    return 0;
}

/* Whether a conditional limit's condition holds for the graded audit.
 * "any criterion" looks at the criteria graded on the scale. The grader
 * asks it of its own result while the limits are applied. */
int rubric_limit_condition_holds(const rubric_result *result, const rubric_limit *limit)
{
    const rubric_model *model = result->model;
    switch (limit->subject) {
    case RUBRIC_SUBJECT_CRITERION:
        return grade_passes(model, result->criterion_grades[limit->subject_index], limit->test, limit->value);
    case RUBRIC_SUBJECT_SECTION:
        return grade_passes(model, result->sections[limit->subject_index].grade, limit->test, limit->value);
    case RUBRIC_SUBJECT_ANY_CRITERION: {
        unsigned passing = 0;
        for (unsigned section = 0; section < model->section_count; section++)
            if (rubric_section_answer_set(model, section) < 0)
                passing += criteria_passing(result, model->sections[section].first_criterion,
                                            model->sections[section].criterion_count, limit);
        return count_holds(limit, passing);
    }
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION: {
        const rubric_section *section = &model->sections[limit->subject_index];
        return count_holds(limit, criteria_passing(result, section->first_criterion, section->criterion_count, limit));
    }
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION:
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP:
        return count_holds(limit, group_passing(result, limit));
    case RUBRIC_SUBJECT_TIMESCALE:
        return timescale_passes(result, (unsigned)limit->subject_index, limit->test);
    }
    return 0;
}

/* The grade a limit that fires would give (or -1: it does not fire):
 * "no better than" the worse of the grade and the cap (the v1 forms read
 * the cap from a criterion's or section's grade, as counted); "is" its
 * level. An NA cap, or an NA grade under "no better than", does not fire. */
static int limit_cap(const rubric_grader *grader, const rubric_outcome *outcome, const rubric_limit *limit,
                     int *is_rule)
{
    int cap;
    *is_rule = 0;
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION) {
        if (!rubric_limit_condition_holds(&grader->result, limit))
            return -1;
        cap = limit->level;
        *is_rule = limit->effect == RUBRIC_LIMIT_IS;
    } else {
        int grade = limit->kind == RUBRIC_LIMIT_BY_CRITERION ? grader->criterion_grades[limit->index]
                                                             : grader->sections[limit->index].grade;
        cap = rubric_grade_as_counted(grader->model, grade);
    }
    if (cap < 0 || (!*is_rule && outcome->method_grade < 0))
        return -1;
    return cap;
}

/* The limits on one outcome (scope SCOPE, and SECTION for a section):
 * among those that fire, the worst cap wins ("no better than" a cap no
 * worse than the method's grade changes nothing unless an "is" fired);
 * the limit named is the first declared giving the final grade, and only
 * when the grade changed. Returns whether the grade changed from before. */
static int apply_limits(const rubric_grader *grader, rubric_outcome *outcome, rubric_scope scope,
                        unsigned section)
{
    const rubric_rules *rules = &grader->model->rules;
    int previous = outcome->grade, final = outcome->method_grade, any_is = 0, worst_cap = -1;
    for (unsigned index = 0; index < rules->limit_count; index++) {
        const rubric_limit *limit = &rules->limits[index];
        if (limit->scope != scope || (scope == RUBRIC_SCOPE_SECTION && limit->section != section))
            continue;
        int is_rule;
        int cap = limit_cap(grader, outcome, limit, &is_rule);
        if (cap < 0)
            continue;
        any_is |= is_rule;
        if (cap > worst_cap)
            worst_cap = cap;
    }
    if (worst_cap >= 0 && (any_is || worst_cap > final))
        final = worst_cap;
    outcome->grade = final;
    outcome->limited = 0;
    if (final != outcome->method_grade)
        for (unsigned index = 0; index < rules->limit_count; index++) {
            const rubric_limit *limit = &rules->limits[index];
            int is_rule;
            if (limit->scope != scope || (scope == RUBRIC_SCOPE_SECTION && limit->section != section) ||
                limit_cap(grader, outcome, limit, &is_rule) != final)
                continue;
            outcome->limited = 1;
            outcome->limit_kind = limit->kind;
            outcome->limit_index = limit->kind == RUBRIC_LIMIT_BY_CONDITION ? index : limit->index;
            outcome->limit_rule = index;
            break;
        }
    return outcome->grade != previous;
}

/* A checklist section's count: answers that are met, of the criteria
 * answered (NA and other case types' criteria are not applicable). */
static void count_checklist(rubric_grader *grader, unsigned section)
{
    const rubric_model *model = grader->model;
    const rubric_section *entry = &model->sections[section];
    const rubric_answer_set *set = &model->answer_sets[rubric_section_answer_set(model, section)];
    rubric_checklist_count *count = &grader->checklists[section];
    *count = (rubric_checklist_count){0, 0};
    for (unsigned member = 0; member < entry->criterion_count; member++) {
        int answer = grader->criterion_grades[entry->first_criterion + member];
        if (answer >= 0) {
            count->applicable++;
            count->met += set->answers[answer].met != 0;
        }
    }
}

/* Section grades by each section's method (checklist sections are
 * counted instead), then the section limits until nothing changes (a
 * section may be capped by a section that is capped). */
static void grade_sections(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        rubric_outcome *outcome = &grader->sections[section];
        if (grader->has_checklists && rubric_section_answer_set(model, section) >= 0) {
            count_checklist(grader, section);
            continue;
        }
        begin_outcome(grader, outcome);
        count_criteria(grader, outcome, entry->first_criterion, entry->criterion_count, entry->method);
        decide_outcome(grader, outcome, entry->method);
        grade_outcome_not_graded(&grader->result, outcome, RUBRIC_SCOPE_SECTION, section, rubric_limit_condition_holds);
    }
    if (model->rules.limit_count == 0)
        return;
    int changed = 1;
    for (unsigned pass = 0; changed && pass <= model->section_count; pass++) {
        changed = 0;
        for (unsigned section = 0; section < model->section_count; section++)
            if (grader->section_limited[section] && !grader->sections[section].not_graded)
                changed |= apply_limits(grader, &grader->sections[section], RUBRIC_SCOPE_SECTION, section);
    }
}

/* The overall grade by the overall method over section or criterion
 * grades (sections out of the overall take no part), then the overall
 * limits. */
static void grade_overall(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    rubric_outcome *outcome = &grader->result.overall;
    begin_outcome(grader, outcome);
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if ((!grader->all_in_overall && !rubric_section_in_overall(model, section)) || grader->sections[section].not_graded)
            continue;
        if (model->rules.overall_basis == RUBRIC_BASIS_SECTIONS) {
            count_grade(grader, outcome, grader->sections[section].grade,
                        grader->weighted ? rubric_section_weight(model, section) : 100);
            continue;
        }
        count_criteria(grader, outcome, entry->first_criterion, entry->criterion_count, model->rules.overall_method);
    }
    decide_outcome(grader, outcome, model->rules.overall_method);
    if (model->rules.unrounded_sections)
        grade_outcome_unrounded_mean(&grader->result, outcome);
    if (model->rules.limit_count &&
        !grade_outcome_not_graded(&grader->result, outcome, RUBRIC_SCOPE_OVERALL, 0, rubric_limit_condition_holds))
        apply_limits(grader, outcome, RUBRIC_SCOPE_OVERALL, 0);
}

/* Every outcome's reporting band, when the rubric has bands. */
static void set_bands(rubric_grader *grader)
{
    const rubric_model *model = grader->model;
    grader->result.overall.band = rubric_band_of(model, grader->result.overall.grade);
    for (unsigned section = 0; section < model->section_count; section++)
        grader->sections[section].band = rubric_band_of(model, grader->sections[section].grade);
}

void rubric_grader_set_partial(rubric_grader *grader, int partial)
{
    grader->partial = partial != 0;
}

/* Reset the workspace, validate, and aggregate a valid audit. */
const rubric_result *rubric_grade(rubric_grader *grader, const rubric_audit *audit)
{
    const rubric_model *model = grader->model;
    rubric_result *result = &grader->result;
    result->problem_count = 0;
    result->problem_total = 0;
    grader->expected_criterion = 0;
    grader->graded = 0;
    grader->missing = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        grader->sections[section] = (rubric_outcome){.grade = RUBRIC_GRADE_NONE,
                                                     .method_grade = RUBRIC_GRADE_NONE,
                                                     .method = model->sections[section].method,
                                                     .auditor_grade = RUBRIC_GRADE_NONE, .band = -1,
                                                     .ties = rubric_outcome_ties(model, (int)section)};
    result->overall = (rubric_outcome){.grade = RUBRIC_GRADE_NONE, .method_grade = RUBRIC_GRADE_NONE,
                                       .method = model->rules.overall_method, .ties = rubric_outcome_ties(model, -1),
                                       .auditor_grade = RUBRIC_GRADE_NONE, .band = -1};
    result->audit = audit;
    validate_audit(grader, audit);
    result->valid = result->problem_total == (grader->partial ? grader->missing : 0);
    if (result->valid) {
        grade_sections(grader);
        grade_overall(grader);
        if (grader->missing)
            grade_partial_leave_incomplete(result, grader->sections, &result->overall);
        if (model->band_count)
            set_bands(grader);
    }
    return result;
}
