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
    }
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
        printf("section %u method %s\n", i, method_name(section->method));
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
        for (unsigned level = 0; level < model->level_count; level++) {
            printf("criterion %u descriptor %u ", i, level);
            print_string(criterion->descriptors[level]);
        }
    }
    print_rules(model);
    return ferror(stdout) ? 1 : 0;
}
