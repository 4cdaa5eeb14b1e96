/*
 * moderation.c — agreement between auditor and moderator (see
 * moderation.h). Each grading keeps its grade indexes (criteria, sections,
 * overall) in one growing pool; cases are found by a hash table on their
 * reference. moderation_finish walks the cases with both gradings in the
 * order they were first seen, fills a K x K table per criterion, section
 * and the overall grade (plus one pooling every criterion), and turns each
 * table into agreement counts and kappas; then, for each auditor and each
 * pair of auditor and moderator (named by the records' "auditor" field,
 * interned like the inputs), one more table pooling every criterion
 * judgement of their cases.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_support.h"
#include "moderation.h"
#include "output_buffer.h"
#include "report_words.h"

/* The two gradings of a case. */
enum { AUDITOR_SLOT, MODERATOR_SLOT, SLOT_COUNT };

static const char *const role_names[SLOT_COUNT] = {"auditor", "moderator"};

/* A section's or the overall's place in a grading when a "not graded
 * when:" rule decided it: kept apart from NA and from the levels. */
#define NOT_GRADED_MARK INT_MIN

/* The normal quantile of a two-sided 95% interval. */
static const double z_95 = 1.959963984540054;

/* One grading: where it was read and its grades. */
typedef struct grading {
    unsigned input;              /* index into the batch's input names */
    unsigned person;             /* index into the batch's people: who graded it */
    unsigned long line;
    size_t grades;               /* offset of its grades in the pool */
} grading;

/* One case: its reference and its gradings (-1: none yet). */
typedef struct moderated_case {
    char *reference;
    long slots[SLOT_COUNT];
} moderated_case;

struct moderation_batch {
    const rubric_model *model;
    unsigned width;              /* grades per grading: criteria, sections, overall */
    moderated_case *cases;
    unsigned case_count, case_capacity;
    long *table;                 /* hash slots: case index, or -1 */
    unsigned long table_capacity;
    grading *gradings;
    unsigned grading_count, grading_capacity;
    char **inputs;               /* the input names, each kept once */
    unsigned input_count, input_capacity;
    char **people;               /* the graders' names ("" for none given), each kept once */
    unsigned person_count, person_capacity;
    int *pool;
    unsigned pool_used, pool_capacity;
    /* results */
    unsigned long pairs;
    moderation_agreement overall, all_criteria;
    moderation_agreement *sections;
    moderation_agreement *criteria;
    moderation_difference *differences;
    unsigned difference_count, difference_capacity;
    moderation_people *by_auditor;         /* in name order, none given last */
    unsigned by_auditor_count;
    moderation_people *by_pair;            /* in auditor's, then moderator's name order */
    unsigned by_pair_count;
};

moderation_batch *moderation_new(const rubric_model *model)
{
    moderation_batch *batch = calloc(1, sizeof *batch);
    if (batch == NULL)
        return NULL;
    batch->model = model;
    batch->width = model->criterion_count + model->section_count + 1;
    batch->sections = calloc(model->section_count, sizeof *batch->sections);
    batch->criteria = calloc(model->criterion_count, sizeof *batch->criteria);
    if (!batch->sections || !batch->criteria) {
        moderation_free(batch);
        return NULL;
    }
    return batch;
}

void moderation_free(moderation_batch *batch)
{
    if (batch == NULL)
        return;
    for (unsigned long index = 0; index < batch->case_count; index++)
        free(batch->cases[index].reference);
    for (unsigned index = 0; index < batch->input_count; index++)
        free(batch->inputs[index]);
    free(batch->inputs);
    for (unsigned index = 0; index < batch->person_count; index++)
        free(batch->people[index]);
    free(batch->people);
    free(batch->by_auditor);
    free(batch->by_pair);
    free(batch->cases);
    free(batch->table);
    free(batch->gradings);
    free(batch->pool);
    free(batch->sections);
    free(batch->criteria);
    free(batch->differences);
    free(batch);
}

/* FNV-1a of a case reference. */
static uint64_t hash_of(const char *text)
{
    uint64_t hash = 1469598103934665603u;
    for (; *text; text++)
        hash = (hash ^ (unsigned char)*text) * 1099511628211u;
    return hash;
}

/* The hash slot of REFERENCE: its case, or the empty slot it would take. */
static unsigned long slot_of(const moderation_batch *batch, const char *reference)
{
    unsigned long mask = batch->table_capacity - 1;
    unsigned long slot = (unsigned long)(hash_of(reference) & mask);
    while (batch->table[slot] >= 0 &&
           strcmp(batch->cases[batch->table[slot]].reference, reference) != 0)
        slot = (slot + 1) & mask;
    return slot;
}

/* Double the hash table and put every case back; 0 when out of memory. */
static int grow_table(moderation_batch *batch)
{
    unsigned long capacity = batch->table_capacity ? batch->table_capacity * 2 : 256;
    long *table = malloc(capacity * sizeof *table);
    if (table == NULL)
        return 0;
    for (unsigned long slot = 0; slot < capacity; slot++)
        table[slot] = -1;
    free(batch->table);
    batch->table = table;
    batch->table_capacity = capacity;
    for (unsigned long index = 0; index < batch->case_count; index++)
        table[slot_of(batch, batch->cases[index].reference)] = (long)index;
    return 1;
}

/* The case REFERENCE, made when new; NULL when out of memory. */
static moderated_case *find_or_add_case(moderation_batch *batch, const char *reference)
{
    if ((batch->case_count + 1) * 2 > batch->table_capacity && !grow_table(batch))
        return NULL;
    unsigned long slot = slot_of(batch, reference);
    if (batch->table[slot] >= 0)
        return &batch->cases[batch->table[slot]];
    if (!audit_reserve((void **)&batch->cases, &batch->case_capacity, batch->case_count + 1, sizeof *batch->cases))
        return NULL;
    moderated_case *added = &batch->cases[batch->case_count];
    if ((added->reference = strdup(reference)) == NULL)
        return NULL;
    added->slots[AUDITOR_SLOT] = added->slots[MODERATOR_SLOT] = -1;
    batch->table[slot] = (long)batch->case_count++;
    return added;
}

/* Which slot an audit's role asks for: a slot, -1 for "whichever is free",
 * or -2 for a role that is neither. */
static int slot_of_role(const char *role)
{
    if (role == NULL)
        return -1;
    for (int slot = 0; slot < SLOT_COUNT; slot++)
        if (strcmp(role, role_names[slot]) == 0)
            return slot;
    return -2;
}

/* The index of NAME among the *COUNT names of *NAMES, kept when new
 * (inputs and graders are few, and records come in runs of one input and
 * one grader: the search starts from the last kept); -1 when out of memory. */
static long name_index(char ***names, unsigned *count, unsigned *capacity, const char *name)
{
    for (unsigned index = *count; index-- > 0;)
        if (strcmp((*names)[index], name) == 0)
            return index;
    if (!audit_reserve((void **)names, capacity, *count + 1, sizeof **names) ||
        ((*names)[*count] = strdup(name)) == NULL)
        return -1;
    return (*count)++;
}

/* Keep RESULT's grades as a grading in SLOT of CASE; 0 when out of memory. */
static int keep_grading(moderation_batch *batch, moderated_case *graded_case, int slot, const rubric_result *result,
                        const char *input, unsigned long line, const char *person)
{
    const rubric_model *model = batch->model;
    if (!audit_reserve((void **)&batch->gradings, &batch->grading_capacity, batch->grading_count + 1,
                       sizeof *batch->gradings) ||
        !audit_reserve((void **)&batch->pool, &batch->pool_capacity, batch->pool_used + batch->width,
                       sizeof *batch->pool))
        return 0;
    long input_at = name_index(&batch->inputs, &batch->input_count, &batch->input_capacity, input);
    long person_at = name_index(&batch->people, &batch->person_count, &batch->person_capacity, person ? person : "");
    if (input_at < 0 || person_at < 0)
        return 0;
    grading *kept = &batch->gradings[batch->grading_count];
    kept->input = (unsigned)input_at;
    kept->person = (unsigned)person_at;
    kept->line = line;
    kept->grades = batch->pool_used;
    int *grades = batch->pool + batch->pool_used;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        grades[criterion] = result->criterion_grades[criterion];
    for (unsigned section = 0; section < model->section_count; section++)
        grades[model->criterion_count + section] =
            result->sections[section].not_graded ? NOT_GRADED_MARK : result->sections[section].grade;
    grades[model->criterion_count + model->section_count] =
        result->overall.not_graded ? NOT_GRADED_MARK : result->overall.grade;
    batch->pool_used += batch->width;
    graded_case->slots[slot] = (long)batch->grading_count++;
    return 1;
}

int moderation_add(moderation_batch *batch, const rubric_audit *audit, const rubric_result *result,
                   const char *input, unsigned long line, int *is_moderator, char *error, size_t error_size)
{
    int slot = slot_of_role(audit->role);
    if (slot == -2) {
        snprintf(error, error_size, "field 'role' must be \"auditor\" or \"moderator\", not \"%s\"", audit->role);
        return 0;
    }
    moderated_case *graded_case = find_or_add_case(batch, audit->case_reference);
    if (graded_case == NULL)
        return -1;
    if (slot == -1)
        slot = graded_case->slots[AUDITOR_SLOT] < 0 ? AUDITOR_SLOT : MODERATOR_SLOT;
    if (graded_case->slots[slot] >= 0) {
        const grading *taken = &batch->gradings[graded_case->slots[slot]];
        if (graded_case->slots[!slot] >= 0) {
            const grading *auditor = &batch->gradings[graded_case->slots[AUDITOR_SLOT]];
            const grading *moderator = &batch->gradings[graded_case->slots[MODERATOR_SLOT]];
            snprintf(error, error_size,
                     "the case is already graded by its auditor (%s line %lu) and its moderator (%s line %lu); "
                     "a case is graded at most twice",
                     batch->inputs[auditor->input], auditor->line, batch->inputs[moderator->input], moderator->line);
        } else {
            snprintf(error, error_size, "the case already has its %s's grading (%s line %lu); give the other's "
                     "\"role\": \"%s\"", role_names[slot], batch->inputs[taken->input], taken->line, role_names[!slot]);
        }
        return 0;
    }
    if (!keep_grading(batch, graded_case, slot, result, input, line, audit->auditor))
        return -1;
    *is_moderator = slot == MODERATOR_SLOT;
    return 1;
}

/* Kappa's value from agreement PO and chance agreement PE, or undefined. */
moderation_kappa moderation_kappa_of_table(const unsigned long *table, unsigned k, int quadratic)
{
    moderation_kappa kappa = {0};
    double n = 0;
    for (unsigned cell = 0; cell < k * k; cell++)
        n += (double)table[cell];
    if (n == 0) {
        kappa.reason = "no pairs";
        return kappa;
    }
    double rows[64], columns[64];  /* margins; scales are far shorter */
    if (k > 64 || k < 2) {
        kappa.reason = "the scale has too many levels";
        return kappa;
    }
    double weights[64 * 64];
    for (unsigned i = 0; i < k; i++) {
        rows[i] = columns[i] = 0;
        for (unsigned j = 0; j < k; j++) {
            double distance = (double)i - (double)j;
            weights[i * k + j] = quadratic ? 1.0 - distance * distance / ((double)(k - 1) * (double)(k - 1))
                                           : (i == j);
        }
    }
    for (unsigned i = 0; i < k; i++)
        for (unsigned j = 0; j < k; j++) {
            rows[i] += (double)table[i * k + j] / n;
            columns[j] += (double)table[i * k + j] / n;
        }
    double observed = 0, chance = 0;
    for (unsigned i = 0; i < k; i++)
        for (unsigned j = 0; j < k; j++) {
            observed += weights[i * k + j] * (double)table[i * k + j] / n;
            chance += weights[i * k + j] * rows[i] * columns[j];
        }
    if (1.0 - chance < 1e-12) {
        kappa.reason = "one grade throughout: agreement by chance is certain";
        return kappa;
    }
    double value = (observed - chance) / (1.0 - chance);
    /* Fleiss, Cohen and Everitt (1969): see moderation.h */
    double sum = 0;
    for (unsigned i = 0; i < k; i++) {
        double row_weight = 0;
        for (unsigned j = 0; j < k; j++)
            row_weight += columns[j] * weights[i * k + j];
        for (unsigned j = 0; j < k; j++) {
            double column_weight = 0;
            for (unsigned r = 0; r < k; r++)
                column_weight += rows[r] * weights[r * k + j];
            double term = weights[i * k + j] - (row_weight + column_weight) * (1.0 - value);
            sum += (double)table[i * k + j] / n * term * term;
        }
    }
    double bias = value - chance * (1.0 - value);
    double variance = (sum - bias * bias) / (n * (1.0 - chance) * (1.0 - chance));
    kappa.defined = 1;
    kappa.value = value;
    if (variance < -1e-12)
        return kappa;            /* too few pairs for the large-sample formula */
    kappa.has_interval = 1;
    kappa.standard_error = variance > 0 ? sqrt(variance) : 0;
    kappa.low = fmax(-1.0, value - z_95 * kappa.standard_error);
    kappa.high = fmin(1.0, value + z_95 * kappa.standard_error);
    return kappa;
}

/* A table's counts and kappas into AGREEMENT (its not_compared is kept).
 * Checklist answers (ANSWERS) have no order: only exact agreement and the
 * unweighted kappa mean anything, so "adjacent" is exact and the weighted
 * kappa is undefined. */
static void agreement_of_table(moderation_agreement *agreement, const unsigned long *table, unsigned k,
                               int answers)
{
    agreement->pairs = agreement->exact = agreement->adjacent = 0;
    for (unsigned i = 0; i < k; i++)
        for (unsigned j = 0; j < k; j++) {
            unsigned long count = table[i * k + j];
            agreement->pairs += count;
            agreement->exact += i == j ? count : 0;
            agreement->adjacent += (answers ? i == j : (i > j ? i - j : j - i) <= 1) ? count : 0;
        }
    agreement->answers = answers;
    agreement->kappa = moderation_kappa_of_table(table, k, 0);
    if (answers)
        agreement->kappa_weighted = (moderation_kappa){.reason = "checklist answers have no order: no weighted kappa"};
    else
        agreement->kappa_weighted = moderation_kappa_of_table(table, k, 1);
}

/* The answer set of the criterion at POSITION of a grading's grades, or
 * NULL: a criterion graded on the scale, a section or the overall grade. */
static const rubric_answer_set *answers_at(const moderation_batch *batch, unsigned position)
{
    return position < batch->model->criterion_count ? rubric_criterion_answer_set(batch->model, position) : NULL;
}

/* Note a difference of two levels or more; 0 when out of memory. */
static int note_difference(moderation_batch *batch, const char *reference, moderation_subject subject,
                           unsigned index, int auditor, int moderator)
{
    if (abs(auditor - moderator) < 2)
        return 1;
    if (!audit_reserve((void **)&batch->differences, &batch->difference_capacity, batch->difference_count + 1,
                       sizeof *batch->differences))
        return 0;
    batch->differences[batch->difference_count++] =
        (moderation_difference){reference, subject, index, auditor, moderator};
    return 1;
}

/* Every pair's grade (or answer) at POSITION of a grading's grades into
 * the K x K TABLE; not graded on either side counts apart (NOT_GRADED),
 * else NA or ungraded on either side counts as not compared. */
static void fill_table(const moderation_batch *batch, unsigned position, unsigned k, unsigned long *table,
                       unsigned long *not_compared, unsigned long *not_graded)
{
    for (unsigned long index = 0; index < batch->case_count; index++) {
        const moderated_case *graded_case = &batch->cases[index];
        if (graded_case->slots[AUDITOR_SLOT] < 0 || graded_case->slots[MODERATOR_SLOT] < 0)
            continue;
        int auditor = batch->pool[batch->gradings[graded_case->slots[AUDITOR_SLOT]].grades + position];
        int moderator =
            batch->pool[batch->gradings[graded_case->slots[MODERATOR_SLOT]].grades + position];
        if (auditor == NOT_GRADED_MARK || moderator == NOT_GRADED_MARK)
            (*not_graded)++;
        else if (auditor < 0 || moderator < 0)
            (*not_compared)++;
        else
            table[(unsigned)auditor * k + (unsigned)moderator]++;
    }
}

/* The differences, case by case: overall, sections, criteria. */
static int list_differences(moderation_batch *batch)
{
    const rubric_model *model = batch->model;
    unsigned sections_at = model->criterion_count, overall_at = sections_at + model->section_count;
    for (unsigned long index = 0; index < batch->case_count; index++) {
        const moderated_case *graded_case = &batch->cases[index];
        if (graded_case->slots[AUDITOR_SLOT] < 0 || graded_case->slots[MODERATOR_SLOT] < 0)
            continue;
        const int *auditor = batch->pool + batch->gradings[graded_case->slots[AUDITOR_SLOT]].grades;
        const int *moderator = batch->pool + batch->gradings[graded_case->slots[MODERATOR_SLOT]].grades;
        int kept = 1;
        if (auditor[overall_at] >= 0 && moderator[overall_at] >= 0)
            kept &= note_difference(batch, graded_case->reference, MODERATION_OVERALL, 0, auditor[overall_at],
                                    moderator[overall_at]);
        for (unsigned section = 0; section < model->section_count; section++)
            if (auditor[sections_at + section] >= 0 && moderator[sections_at + section] >= 0)
                kept &= note_difference(batch, graded_case->reference, MODERATION_SECTION, section,
                                        auditor[sections_at + section], moderator[sections_at + section]);
        for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
            if (auditor[criterion] >= 0 && moderator[criterion] >= 0 && answers_at(batch, criterion) == NULL)
                kept &= note_difference(batch, graded_case->reference, MODERATION_CRITERION, criterion,
                                        auditor[criterion], moderator[criterion]);
        if (!kept)
            return 0;
    }
    return 1;
}

/* A grader's name as the output gives it: NULL for none. */
static const char *person_name(const moderation_batch *batch, unsigned person)
{
    return batch->people[person][0] ? batch->people[person] : NULL;
}

/* Names in byte order, none given last. */
static int compare_names(const char *left, const char *right)
{
    if (left == NULL || right == NULL)
        return (left == NULL) - (right == NULL);
    return strcmp(left, right);
}

static int compare_people(const void *left, const void *right)
{
    const moderation_people *a = left, *b = right;
    int order = compare_names(a->auditor, b->auditor);
    return order ? order : compare_names(a->moderator, b->moderator);
}

/* The pairs being counted: who (auditor, moderator) and a K x K table each. */
typedef struct pair_tally {
    unsigned *persons;
    unsigned long *tables;
    unsigned pairs_capacity, persons_capacity, tables_capacity;
} pair_tally;

/* The pair of auditor AUDITOR and moderator MODERATOR, made when new with
 * an empty table in TALLY; -1 when out of memory. */
static long pair_of(moderation_batch *batch, pair_tally *tally, unsigned auditor, unsigned moderator, unsigned k)
{
    for (unsigned index = batch->by_pair_count; index-- > 0;)
        if (tally->persons[2 * index] == auditor && tally->persons[2 * index + 1] == moderator)
            return index;
    unsigned count = batch->by_pair_count;
    if (!audit_reserve((void **)&batch->by_pair, &tally->pairs_capacity, count + 1, sizeof *batch->by_pair) ||
        !audit_reserve((void **)&tally->persons, &tally->persons_capacity, 2 * (count + 1), sizeof *tally->persons) ||
        !audit_reserve((void **)&tally->tables, &tally->tables_capacity, (count + 1) * k * k, sizeof *tally->tables))
        return -1;
    tally->persons[2 * count] = auditor;
    tally->persons[2 * count + 1] = moderator;
    memset(tally->tables + (size_t)count * k * k, 0, (size_t)k * k * sizeof *tally->tables);
    batch->by_pair[count] = (moderation_people){person_name(batch, auditor), person_name(batch, moderator), 0, {0}};
    return batch->by_pair_count++;
}

/* Agreement per auditor and per pair of auditor and moderator, over every
 * criterion judgement (graded on the scale) of the cases they share; 0
 * when out of memory. */
static int agreement_by_people(moderation_batch *batch)
{
    const rubric_model *model = batch->model;
    unsigned k = model->level_count;
    unsigned long *auditor_tables = calloc((size_t)(batch->person_count ? batch->person_count : 1) * k * k,
                                           sizeof *auditor_tables);
    unsigned long *auditor_missing = calloc(batch->person_count ? batch->person_count : 1, sizeof *auditor_missing);
    unsigned long *auditor_cases = calloc(batch->person_count ? batch->person_count : 1, sizeof *auditor_cases);
    pair_tally tally = {0};
    int made = auditor_tables && auditor_missing && auditor_cases;
    for (unsigned long index = 0; made && index < batch->case_count; index++) {
        const moderated_case *graded_case = &batch->cases[index];
        if (graded_case->slots[AUDITOR_SLOT] < 0 || graded_case->slots[MODERATOR_SLOT] < 0)
            continue;
        const grading *first = &batch->gradings[graded_case->slots[AUDITOR_SLOT]];
        const grading *second = &batch->gradings[graded_case->slots[MODERATOR_SLOT]];
        long pair = pair_of(batch, &tally, first->person, second->person, k);
        if (pair < 0) {
            made = 0;
            break;
        }
        batch->by_pair[pair].cases++;
        auditor_cases[first->person]++;
        unsigned long *table = auditor_tables + (size_t)first->person * k * k;
        unsigned long *pair_table = tally.tables + (size_t)pair * k * k;
        for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
            if (answers_at(batch, criterion) != NULL)
                continue;
            int auditor = batch->pool[first->grades + criterion], moderator = batch->pool[second->grades + criterion];
            if (auditor < 0 || moderator < 0) {
                auditor_missing[first->person]++;
                batch->by_pair[pair].criteria.not_compared++;
                continue;
            }
            table[(unsigned)auditor * k + (unsigned)moderator]++;
            pair_table[(unsigned)auditor * k + (unsigned)moderator]++;
        }
    }
    if (made)
        made = (batch->by_auditor = calloc(batch->person_count ? batch->person_count : 1,
                                           sizeof *batch->by_auditor)) != NULL;
    for (unsigned person = 0; made && person < batch->person_count; person++) {
        if (auditor_cases[person] == 0)
            continue;   /* a moderator only */
        moderation_people *kept = &batch->by_auditor[batch->by_auditor_count++];
        *kept = (moderation_people){person_name(batch, person), NULL, auditor_cases[person], {0}};
        kept->criteria.not_compared = auditor_missing[person];
        agreement_of_table(&kept->criteria, auditor_tables + (size_t)person * k * k, k, 0);
    }
    for (unsigned pair = 0; made && pair < batch->by_pair_count; pair++)
        agreement_of_table(&batch->by_pair[pair].criteria, tally.tables + (size_t)pair * k * k, k, 0);
    if (made) {
        qsort(batch->by_auditor, batch->by_auditor_count, sizeof *batch->by_auditor, compare_people);
        if (batch->by_pair_count)
            qsort(batch->by_pair, batch->by_pair_count, sizeof *batch->by_pair, compare_people);
    }
    free(auditor_tables);
    free(auditor_missing);
    free(auditor_cases);
    free(tally.persons);
    free(tally.tables);
    return made;
}

int moderation_finish(moderation_batch *batch)
{
    const rubric_model *model = batch->model;
    unsigned k = model->level_count, widest = k;
    for (unsigned set = 0; set < model->answer_set_count; set++)
        if (model->answer_sets[set].answer_count > widest)
            widest = model->answer_sets[set].answer_count;
    unsigned long *table = calloc((size_t)widest * widest, sizeof *table);
    unsigned long *pooled = calloc((size_t)k * k, sizeof *pooled);
    if (table == NULL || pooled == NULL) {
        free(table);
        free(pooled);
        return 0;
    }
    batch->pairs = 0;
    for (unsigned long index = 0; index < batch->case_count; index++)
        batch->pairs += batch->cases[index].slots[AUDITOR_SLOT] >= 0 &&
                             batch->cases[index].slots[MODERATOR_SLOT] >= 0;
    for (unsigned position = 0; position < batch->width; position++) {
        moderation_agreement *agreement =
            position < model->criterion_count ? &batch->criteria[position]
            : position < model->criterion_count + model->section_count
                ? &batch->sections[position - model->criterion_count]
                : &batch->overall;
        const rubric_answer_set *answers = answers_at(batch, position);
        unsigned categories = answers ? answers->answer_count : k;
        memset(table, 0, (size_t)widest * widest * sizeof *table);
        agreement->not_compared = 0;
        agreement->not_graded = 0;
        fill_table(batch, position, categories, table, &agreement->not_compared, &agreement->not_graded);
        agreement_of_table(agreement, table, categories, answers != NULL);
        agreement->counts_not_graded = position >= model->criterion_count && report_has_not_graded_rules(model);
        if (position < model->criterion_count && answers == NULL) {
            for (unsigned cell = 0; cell < k * k; cell++)
                pooled[cell] += table[cell];
            batch->all_criteria.not_compared += agreement->not_compared;
        }
    }
    agreement_of_table(&batch->all_criteria, pooled, k, 0);
    free(table);
    free(pooled);
    return list_differences(batch) && agreement_by_people(batch);
}

const moderation_agreement *moderation_overall(const moderation_batch *batch) { return &batch->overall; }
const moderation_agreement *moderation_all_criteria(const moderation_batch *batch)
{
    return &batch->all_criteria;
}
const moderation_agreement *moderation_section(const moderation_batch *batch, unsigned section)
{
    return &batch->sections[section];
}
const moderation_agreement *moderation_criterion(const moderation_batch *batch, unsigned criterion)
{
    return &batch->criteria[criterion];
}
unsigned long moderation_pair_count(const moderation_batch *batch) { return batch->pairs; }
unsigned long moderation_unpaired_count(const moderation_batch *batch)
{
    return batch->case_count - batch->pairs;
}
unsigned moderation_auditor_count(const moderation_batch *batch) { return batch->by_auditor_count; }
const moderation_people *moderation_auditor_at(const moderation_batch *batch, unsigned index)
{
    return &batch->by_auditor[index];
}
unsigned moderation_auditor_pair_count(const moderation_batch *batch) { return batch->by_pair_count; }
const moderation_people *moderation_auditor_pair_at(const moderation_batch *batch, unsigned index)
{
    return &batch->by_pair[index];
}
unsigned long moderation_difference_count(const moderation_batch *batch) { return batch->difference_count; }
const moderation_difference *moderation_difference_at(const moderation_batch *batch, unsigned long index)
{
    return &batch->differences[index];
}

/* A share of a count, or null when there is nothing to share. */
static void json_share(output_buffer *buffer, unsigned long count, unsigned long of)
{
    output_format(buffer, "{\"count\":%lu,\"share\":", count);
    if (of)
        output_format(buffer, "%.4f}", (double)count / (double)of);
    else
        output_text(buffer, "null}");
}

/* A number to four decimals, never "-0.0000". */
static void json_number(output_buffer *buffer, double value)
{
    output_format(buffer, "%.4f", fabs(value) < 0.00005 ? 0.0 : value);
}

/* A kappa: value, standard error and interval, or null and the reason. */
static void json_kappa(output_buffer *buffer, const moderation_kappa *kappa)
{
    if (!kappa->defined) {
        output_text(buffer, "{\"value\":null,\"reason\":");
        output_json_string(buffer, kappa->reason);
        output_text(buffer, "}");
        return;
    }
    output_text(buffer, "{\"value\":");
    json_number(buffer, kappa->value);
    if (!kappa->has_interval) {
        output_text(buffer, ",\"standard_error\":null,\"ci95\":null}");
        return;
    }
    output_text(buffer, ",\"standard_error\":");
    json_number(buffer, kappa->standard_error);
    output_text(buffer, ",\"ci95\":[");
    json_number(buffer, kappa->low);
    output_text(buffer, ",");
    json_number(buffer, kappa->high);
    output_text(buffer, "]}");
}

/* One agreement's keys, without braces. */
static void json_agreement(output_buffer *buffer, const moderation_agreement *agreement)
{
    if (agreement->answers)
        output_text(buffer, "\"compared\":\"answers\",");
    output_format(buffer, "\"pairs\":%lu,\"not_compared\":%lu,", agreement->pairs, agreement->not_compared);
    if (agreement->counts_not_graded)
        output_format(buffer, "\"not_graded\":%lu,", agreement->not_graded);
    output_text(buffer, "\"exact\":");
    json_share(buffer, agreement->exact, agreement->pairs);
    output_text(buffer, ",\"adjacent\":");
    json_share(buffer, agreement->adjacent, agreement->pairs);
    output_text(buffer, ",\"kappa\":");
    json_kappa(buffer, &agreement->kappa);
    output_text(buffer, ",\"kappa_weighted\":");
    json_kappa(buffer, &agreement->kappa_weighted);
}

/* One section's or criterion's agreement in a JSON array: {"id": …, figures}. */
static void json_named_agreement(output_buffer *buffer, int after_another, const char *id,
                                 const moderation_agreement *agreement)
{
    output_text(buffer, after_another ? ",{\"id\":" : "{\"id\":");
    output_json_string(buffer, id);
    output_text(buffer, ",");
    json_agreement(buffer, agreement);
    output_text(buffer, "}");
}

/* A name, or null when none is given. */
static void json_name(output_buffer *buffer, const char *name)
{
    if (name)
        output_json_string(buffer, name);
    else
        output_text(buffer, "null");
}

/* Agreement per auditor, then per pair: "auditors":[…],"auditor_pairs":[…]. */
static void json_people(output_buffer *buffer, const moderation_batch *batch)
{
    output_text(buffer, "\"auditors\":[");
    for (unsigned index = 0; index < batch->by_auditor_count; index++) {
        const moderation_people *people = &batch->by_auditor[index];
        output_text(buffer, index ? ",{\"auditor\":" : "{\"auditor\":");
        json_name(buffer, people->auditor);
        output_format(buffer, ",\"cases\":%lu,", people->cases);
        json_agreement(buffer, &people->criteria);
        output_text(buffer, "}");
    }
    output_text(buffer, "],\"auditor_pairs\":[");
    for (unsigned index = 0; index < batch->by_pair_count; index++) {
        const moderation_people *people = &batch->by_pair[index];
        output_text(buffer, index ? ",{\"auditor\":" : "{\"auditor\":");
        json_name(buffer, people->auditor);
        output_text(buffer, ",\"moderator\":");
        json_name(buffer, people->moderator);
        output_format(buffer, ",\"cases\":%lu,", people->cases);
        json_agreement(buffer, &people->criteria);
        output_text(buffer, "}");
    }
    output_text(buffer, "],");
}

/* The cases graded once, with the grading they have. */
static void json_unpaired(output_buffer *buffer, const moderation_batch *batch)
{
    int after_another = 0;
    output_text(buffer, "\"unpaired\":[");
    for (unsigned long index = 0; index < batch->case_count; index++) {
        const moderated_case *graded_case = &batch->cases[index];
        int only = graded_case->slots[AUDITOR_SLOT] >= 0 ? AUDITOR_SLOT : MODERATOR_SLOT;
        if (graded_case->slots[!only] >= 0)
            continue;
        const grading *kept = &batch->gradings[graded_case->slots[only]];
        output_text(buffer, after_another ? ",{\"case\":" : "{\"case\":");
        output_json_string(buffer, graded_case->reference);
        output_text(buffer, ",\"graded_by\":");
        output_json_string(buffer, role_names[only]);
        output_text(buffer, ",\"input\":");
        output_json_string(buffer, batch->inputs[kept->input]);
        output_format(buffer, ",\"line\":%lu}", kept->line);
        after_another = 1;
    }
    output_text(buffer, "]");
}

/* The differences of two levels or more. */
static void json_differences(output_buffer *buffer, const moderation_batch *batch)
{
    const rubric_model *model = batch->model;
    static const char *const subjects[] = {"criterion", "section", "overall"};
    output_text(buffer, "\"differences\":[");
    for (unsigned long index = 0; index < batch->difference_count; index++) {
        const moderation_difference *difference = &batch->differences[index];
        output_text(buffer, index ? ",{\"case\":" : "{\"case\":");
        output_json_string(buffer, difference->case_reference);
        output_format(buffer, ",\"%s\":", subjects[difference->subject]);
        if (difference->subject == MODERATION_CRITERION)
            output_json_string(buffer, model->criteria[difference->index].id);
        else if (difference->subject == MODERATION_SECTION)
            output_json_string(buffer, model->sections[difference->index].id);
        else
            output_text(buffer, "true");
        output_text(buffer, ",\"auditor\":");
        output_json_string(buffer, rubric_grade_code(model, difference->auditor_grade));
        output_text(buffer, ",\"moderator\":");
        output_json_string(buffer, rubric_grade_code(model, difference->moderator_grade));
        output_format(buffer, ",\"levels\":%d}", difference->moderator_grade - difference->auditor_grade);
    }
    output_text(buffer, "]");
}

int moderation_write_json(const moderation_batch *batch, unsigned long records, unsigned long errors,
                          FILE *output)
{
    const rubric_model *model = batch->model;
    output_buffer buffer = {0};
    output_text(&buffer, "{\"moderation\":{\"rubric\":");
    output_json_string(&buffer, model->id);
    output_format(&buffer, ",\"records\":%lu,\"errors\":%lu,\"cases\":%lu,\"paired\":%lu,", records, errors,
                  (unsigned long)batch->case_count, batch->pairs);
    json_unpaired(&buffer, batch);
    output_text(&buffer, ",\"overall\":{");
    json_agreement(&buffer, &batch->overall);
    output_text(&buffer, "},\"all_criteria\":{");
    json_agreement(&buffer, &batch->all_criteria);
    output_text(&buffer, "},\"sections\":[");
    int after_another = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {  /* a checklist section has no grade */
            json_named_agreement(&buffer, after_another, model->sections[section].id, &batch->sections[section]);
            after_another = 1;
        }
    output_text(&buffer, "],\"criteria\":[");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        json_named_agreement(&buffer, criterion > 0, model->criteria[criterion].id, &batch->criteria[criterion]);
    output_text(&buffer, "],");
    json_people(&buffer, batch);
    json_differences(&buffer, batch);
    output_text(&buffer, "}}\n");
    int written = !buffer.out_of_memory && output_flush_to(&buffer, output);
    output_buffer_free(&buffer);
    return written;
}
