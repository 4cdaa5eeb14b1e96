/*
 * report_layout.c — the report's --group-by, --suppress-below, --round and
 * --rounds values, checked as they are parsed (see report_layout.h), so a
 * mistake is told before any audit is read.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_layout.h"

/* A record's own members that say nothing to group by: each audit's is its
 * own (case, comments) or one for the whole batch (rubric). */
static const char *const not_groupable[] = {"case", "rubric", "date", "role", "comments", "grades",
                                            "auditor_grades", "amended_by", "amended_at"};

void report_layout_start(report_layout *layout)
{
    memset(layout, 0, sizeof *layout);
    layout->suppress_below = REPORT_SUPPRESS_DEFAULT;
}

void report_layout_free(report_layout *layout)
{
    for (unsigned round = 0; round < layout->round_count; round++)
        free(layout->round_labels[round]);
    for (unsigned copy = 0; copy < layout->field_copy_count; copy++)
        free(layout->field_copies[copy]);
    layout->round_count = layout->field_copy_count = 0;
}

/* Refuse with a message; 0. */
__attribute__((format(printf, 2, 3)))
static int refuse(report_layout *layout, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(layout->message, sizeof layout->message, format, arguments);
    va_end(arguments);
    return 0;
}

/* One field of --group-by: a key as facts and fields are named. */
static int take_field(report_layout *layout, const char *field)
{
    if (*field == '\0')
        return refuse(layout, "%s", "--group-by needs a field name such as team, social_worker or auditor");
    for (size_t index = 0; index < sizeof not_groupable / sizeof not_groupable[0]; index++)
        if (strcmp(field, not_groupable[index]) == 0)
            return refuse(layout, "--group-by '%s': that is not something to group by; give a case fact "
                                  "(team), a field the audits carry (social_worker) or auditor", field);
    for (unsigned index = 0; index < layout->group_by_count; index++)
        if (strcmp(layout->group_by[index], field) == 0)
            return refuse(layout, "--group-by '%s' is given twice", field);
    if (layout->group_by_count == REPORT_GROUP_BY_MAX)
        return refuse(layout, "--group-by: at most %d fields", REPORT_GROUP_BY_MAX);
    layout->group_by[layout->group_by_count++] = field;
    return 1;
}

/* --group-by FIELD or FIELD,FIELD: a list is cut at its commas in a copy
 * the layout owns (a single field is used as the command line gives it). */
static int take_fields(report_layout *layout, const char *word)
{
    if (strchr(word, ',') == NULL)
        return take_field(layout, word);
    if (layout->field_copy_count == REPORT_GROUP_BY_MAX)
        return refuse(layout, "--group-by: at most %d fields (at '%s')", REPORT_GROUP_BY_MAX, word);
    char *copy = strdup(word);
    if (copy == NULL)
        return refuse(layout, "out of memory reading --group-by '%s'", word);
    layout->field_copies[layout->field_copy_count++] = copy;
    for (char *field = copy;;) {
        char *comma = strchr(field, ',');
        if (comma)
            *comma = '\0';
        if (!take_field(layout, field))
            return 0;
        if (comma == NULL)
            return 1;
        field = comma + 1;
    }
}

int report_layout_option(report_layout *layout, int option, const char *word, const char **input)
{
    *input = NULL;
    layout->message[0] = '\0';
    switch (option) {
    case REPORT_OPTION_GROUP_BY:
        return take_fields(layout, word);
    case REPORT_OPTION_SUPPRESS_BELOW: {
        char *end;
        errno = 0;
        unsigned long below = strtoul(word, &end, 10);
        if (word[0] < '0' || word[0] > '9' || *end != '\0' || errno || below > 1000000)
            return refuse(layout, "--suppress-below must be a number of audits such as 5 (0 shows every "
                                  "group), not '%s'", word);
        layout->suppress_below = (unsigned)below;
        layout->suppress_given = 1;
        return 1;
    }
    case REPORT_OPTION_ROUNDS:
        if (layout->rounds == REPORT_ROUNDS_BY_INPUT)
            return refuse(layout, "--rounds %s and --round both say what the rounds are; give one", word);
        if (strcmp(word, "month") == 0)
            layout->rounds = REPORT_ROUNDS_MONTH;
        else if (strcmp(word, "quarter") == 0)
            layout->rounds = REPORT_ROUNDS_QUARTER;
        else
            return refuse(layout, "--rounds must be month or quarter, not '%s'", word);
        return 1;
    default: { /* REPORT_OPTION_ROUND */
        const char *equals = strchr(word, '=');
        if (equals == NULL || equals == word || equals[1] == '\0')
            return refuse(layout, "--round must be LABEL=FILE, such as \"2026 Q1\"=q1.jsonl, not '%s'", word);
        if (layout->rounds == REPORT_ROUNDS_MONTH || layout->rounds == REPORT_ROUNDS_QUARTER)
            return refuse(layout, "--round %s and --rounds both say what the rounds are; give one", word);
        if (layout->round_count == REPORT_ROUND_MAX)
            return refuse(layout, "--round: at most %d rounds (at '%s')", REPORT_ROUND_MAX, word);
        char *label = strndup(word, (size_t)(equals - word));
        if (label == NULL)
            return refuse(layout, "out of memory reading --round '%s'", word);
        for (unsigned round = 0; round < layout->round_count; round++)
            if (strcmp(layout->round_labels[round], label) == 0 ||
                strcmp(layout->round_inputs[round], equals + 1) == 0) {
                free(label);
                return refuse(layout, "--round '%s': each round needs its own label and its own file", word);
            }
        layout->round_labels[layout->round_count] = label;
        layout->round_inputs[layout->round_count++] = equals + 1;
        layout->rounds = REPORT_ROUNDS_BY_INPUT;
        *input = equals + 1;
        return 1;
    }
    }
}

int report_layout_used(const report_layout *layout)
{
    return layout->group_by_count > 0 || layout->rounds != REPORT_ROUNDS_NONE || layout->suppress_given;
}

int report_layout_round_of_input(const report_layout *layout, const char *input)
{
    for (unsigned round = 0; round < layout->round_count; round++) {
        const char *file = layout->round_inputs[round];
        if (file == input || strcmp(file, input) == 0 || (strcmp(file, "-") == 0 && strcmp(input, "<stdin>") == 0))
            return (int)round;
    }
    return -1;
}
