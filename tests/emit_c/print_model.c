/*
 * print_model.c — prints a rubric linked in as C tables, field for field.
 *
 * The C emitter's test (tests/emit_c/run.sh) builds this once per rubric,
 * with the rubric's generated header and its exported symbol named on the
 * command line:
 *
 *   cc -DRUBRIC_HEADER='"ID.h"' -DRUBRIC_SYMBOL=rubric_table_ID print_model.c ID.c
 *
 * and compares what it prints with the same lines derived from the
 * rubric's JSON by json_to_lines.py. One line per field: a path of names
 * and indexes, then the value. Strings are printed in double quotes with
 * backslash, quote, newline, tab and other control bytes escaped (\xNN),
 * other bytes as they are; a NULL string prints as null. Enumerations
 * print as the names the JSON uses, indexes as numbers.
 */
#include <stdio.h>

#include RUBRIC_HEADER

static const char *method_name(rubric_method method)
{
    switch (method) {
    case RUBRIC_METHOD_WORST: return "worst";
    case RUBRIC_METHOD_BEST: return "best";
    case RUBRIC_METHOD_MEDIAN: return "median";
    case RUBRIC_METHOD_MOST_FREQUENT: return "most frequent";
    case RUBRIC_METHOD_MEAN: return "mean";
    }
    return "(bad method)";
}

static const char *rounding_name(rubric_rounding rounding)
{
    switch (rounding) {
    case RUBRIC_ROUND_NEAREST_HALF_DOWN: return "nearest, half down";
    case RUBRIC_ROUND_NEAREST_HALF_UP: return "nearest, half up";
    case RUBRIC_ROUND_DOWN: return "down";
    }
    return "(bad rounding)";
}

static const char *subject_name(rubric_subject subject)
{
    switch (subject) {
    case RUBRIC_SUBJECT_CRITERION: return "criterion";
    case RUBRIC_SUBJECT_SECTION: return "section";
    case RUBRIC_SUBJECT_ANY_CRITERION: return "any criterion";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION: return "any criterion in section";
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION: return "any key criterion";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP: return "any criterion of group";
    case RUBRIC_SUBJECT_TIMESCALE: return "timescale";
    }
    return "(bad subject)";
}

static const char *test_name(rubric_test test)
{
    switch (test) {
    case RUBRIC_TEST_IS: return "is";
    case RUBRIC_TEST_OR_WORSE: return "or worse";
    case RUBRIC_TEST_OR_BETTER: return "or better";
    case RUBRIC_TEST_IN_BAND: return "band";
    case RUBRIC_TEST_GRADED: return "graded";
    case RUBRIC_TEST_NOT_APPLICABLE: return "NA";
    case RUBRIC_TEST_MET: return "met";
    case RUBRIC_TEST_NOT_MET: return "not met";
    }
    return "(bad test)";
}

static const char *count_rule_name(rubric_count_rule rule)
{
    switch (rule) {
    case RUBRIC_COUNT_NONE: return "none";
    case RUBRIC_COUNT_AT_LEAST: return "at least";
    case RUBRIC_COUNT_MORE_THAN: return "more than";
    case RUBRIC_COUNT_FEWER_THAN: return "fewer than";
    case RUBRIC_COUNT_AT_MOST: return "at most";
    }
    return "(bad count rule)";
}

/* A string value: the quoting rule in the opening comment. */
static void print_string(const char *text)
{
    if (text == NULL) {
        fputs("null\n", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *cursor = (const unsigned char *)text; *cursor != '\0'; cursor++) {
        if (*cursor == '\\' || *cursor == '"')
            printf("\\%c", *cursor);
        else if (*cursor == '\n')
            fputs("\\n", stdout);
        else if (*cursor == '\t')
            fputs("\\t", stdout);
        else if (*cursor < 0x20 || *cursor == 0x7f)
            printf("\\x%02x", *cursor);
        else
            putchar(*cursor);
    }
    fputs("\"\n", stdout);
}

static void print_strings(const char *path, unsigned index, const char *field,
                          const char *const *strings, unsigned count)
{
    printf("%s %u %s_count %u\n", path, index, field, count);
    for (unsigned i = 0; i < count; i++) {
        printf("%s %u %s %u ", path, index, field, i);
        print_string(strings[i]);
    }
}

static void print_rules(const rubric_model *model)
{
    const rubric_rules *rules = &model->rules;
    printf("rules overall_method %s\n", method_name(rules->overall_method));
    printf("rules overall_basis %s\n",
           rules->overall_basis == RUBRIC_BASIS_CRITERIA ? "criteria" : "sections");
    printf("rules ties %s\n", rules->ties == RUBRIC_TIES_HIGHER ? "higher" : "lower");
    if (rules->overall_ties)
        printf("rules overall_ties %s\n", rules->overall_ties - 1 == RUBRIC_TIES_HIGHER ? "higher" : "lower");
    if (rules->unrounded_sections)
        printf("rules sections_averaged unrounded means\n");
    printf("rules rounding %s\n", rounding_name(rules->rounding));
    if (rules->not_applicable == RUBRIC_NA_COUNT_AS)
        printf("rules not_applicable count as %u\n", rules->not_applicable_level);
    else
        printf("rules not_applicable leave out\n");
    printf("rules good_or_better %u\n", rules->good_or_better);
    printf("rules limit_count %u\n", rules->limit_count);
    for (unsigned i = 0; i < rules->limit_count; i++) {
        const rubric_limit *limit = &rules->limits[i];
        if (limit->scope == RUBRIC_SCOPE_SECTION)
            printf("limit %u capped section %u\n", i, limit->section);
        else
            printf("limit %u capped overall\n", i);
        printf("limit %u effect %s level %d\n", i,
               limit->effect == RUBRIC_LIMIT_IS           ? "is"
               : limit->effect == RUBRIC_LIMIT_NOT_GRADED ? "not graded"
                                                          : "no better than",
               limit->level);
        if (limit->kind == RUBRIC_LIMIT_BY_CONDITION) {
            printf("limit %u by condition %s %d %s %d\n", i, subject_name(limit->subject),
                   limit->subject_index, test_name(limit->test), limit->value);
            if (limit->count_rule != RUBRIC_COUNT_NONE)
                printf("limit %u count %s %u\n", i, count_rule_name(limit->count_rule), limit->count);
            continue;
        }
        printf("limit %u by %s %u\n", i,
               limit->kind == RUBRIC_LIMIT_BY_CRITERION ? "criterion" : "section", limit->index);
    }
}

int main(void)
{
    const rubric_model *model = &RUBRIC_SYMBOL;
    printf("format_version %d\n", model->format_version);
    fputs("id ", stdout);
    print_string(model->id);
    fputs("title ", stdout);
    print_string(model->title);
    fputs("authority ", stdout);
    print_string(model->authority);
    fputs("version ", stdout);
    print_string(model->version);
    fputs("effective ", stdout);
    print_string(model->effective);

    printf("level_count %u\n", model->level_count);
    for (unsigned i = 0; i < model->level_count; i++) {
        printf("level %u code ", i);
        print_string(model->levels[i].code);
        printf("level %u label ", i);
        print_string(model->levels[i].label);
        printf("level %u score %d anchor %d\n", i, model->levels[i].score, model->levels[i].anchor);
    }
    printf("scores %d\n", model->scores);
    printf("band_count %u\n", model->band_count);
    for (unsigned i = 0; i < model->band_count; i++) {
        printf("band %u label ", i);
        print_string(model->bands[i].label);
        printf("band %u levels %u %u\n", i, model->bands[i].best_level, model->bands[i].worst_level);
    }
    printf("answer_set_count %u\n", model->answer_set_count);
    for (unsigned i = 0; i < model->answer_set_count; i++) {
        const rubric_answer_set *set = &model->answer_sets[i];
        printf("answer_set %u id ", i);
        print_string(set->id);
        printf("answer_set %u title ", i);
        print_string(set->title);
        printf("answer_set %u answer_count %u\n", i, set->answer_count);
        for (unsigned a = 0; a < set->answer_count; a++) {
            printf("answer_set %u answer %u code ", i, a);
            print_string(set->answers[a].code);
            printf("answer_set %u answer %u label ", i, a);
            print_string(set->answers[a].label);
            printf("answer_set %u answer %u met %d\n", i, a, set->answers[a].met);
        }
    }
    print_strings("rubric", 0, "case_types", model->case_types, model->case_type_count);
    printf("glossary_count %u\n", model->glossary_count);
    for (unsigned i = 0; i < model->glossary_count; i++) {
        printf("glossary %u abbreviation ", i);
        print_string(model->glossary[i].abbreviation);
        printf("glossary %u meaning ", i);
        print_string(model->glossary[i].meaning);
    }
    printf("theme_count %u\n", model->theme_count);
    for (unsigned i = 0; i < model->theme_count; i++) {
        printf("theme %u id ", i);
        print_string(model->themes[i].id);
        printf("theme %u label ", i);
        print_string(model->themes[i].label);
    }
    printf("section_count %u\n", model->section_count);
    for (unsigned i = 0; i < model->section_count; i++) {
        const rubric_section *section = &model->sections[i];
        printf("section %u id ", i);
        print_string(section->id);
        printf("section %u number ", i);
        print_string(section->number);
        printf("section %u title ", i);
        print_string(section->title);
        if (section->answer_set < 0)
            printf("section %u method %s\n", i, method_name(section->method));
        if (section->ties)
            printf("section %u ties %s\n", i, section->ties - 1 == RUBRIC_TIES_HIGHER ? "higher" : "lower");
        printf("section %u weight %u answer_set %d in_overall %d\n", i, section->weight_hundredths,
               section->answer_set, section->in_overall);
        if (section->target.declared)
            printf("section %u target %u %u\n", i, section->target.percent, section->target.level);
        printf("section %u first_criterion %u\n", i, section->first_criterion);
        printf("section %u criterion_count %u\n", i, section->criterion_count);
    }
    printf("criterion_count %u\n", model->criterion_count);
    for (unsigned i = 0; i < model->criterion_count; i++) {
        const rubric_criterion *criterion = &model->criteria[i];
        printf("criterion %u id ", i);
        print_string(criterion->id);
        printf("criterion %u title ", i);
        print_string(criterion->title);
        printf("criterion %u section %u\n", i, criterion->section);
        print_strings("criterion", i, "applies_to", criterion->applies_to,
                      criterion->applies_to_count);
        print_strings("criterion", i, "themes", criterion->themes, criterion->theme_count);
        printf("criterion %u not_applicable_allowed %s\n", i,
               criterion->not_applicable_allowed ? "true" : "false");
        printf("criterion %u weight %u\n", i, criterion->weight_hundredths);
        if (criterion->key)
            printf("criterion %u key\n", i);
        for (unsigned k = 0; k < criterion->group_count; k++)
            printf("criterion %u group %u %s\n", i, k, model->groups[criterion->groups[k]].id);
        int answer_set = model->sections[criterion->section].answer_set;
        unsigned slots = answer_set >= 0 ? model->answer_sets[answer_set].answer_count : model->level_count;
        for (unsigned level = 0; level < slots; level++) {
            printf("criterion %u descriptor %u ", i, level);
            print_string(criterion->descriptors[level]);
        }
    }
    print_rules(model);
    if (model->target.declared)
        printf("target %u %u\n", model->target.percent, model->target.level);
    return ferror(stdout) ? 1 : 0;
}
