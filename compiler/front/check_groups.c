/*
 * check_groups.c — groups of criteria named once ("groups:" then
 * "safety: Safety and risk"), the "groups:" and "key:" entries of a
 * criterion that put it in them, and the subjects of a condition that
 * name them ("any key criterion", "criteria of group safety").
 *
 * A condition over a group reads the group's members when the audit is
 * graded, so adding a criterion to a group (or marking it key) is one line
 * at the criterion and never a new limit. check_groups runs before the
 * sections (it fills group_index), check_group_tags after them (it writes
 * into the criteria check_sections made), and check_rules.c calls
 * check_group_subject for the conditions.
 */
#include "check_internal.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* The "groups:" block(s): an id and a title per group, each id once. */
void check_groups(checker *check)
{
    size_t count = 0;
    for (const ast_entry *entry = check->tree->groups.first; entry != NULL; entry = entry->next)
        count++;
    ir_group *groups = arena_array(check->region, count + 1, sizeof *groups);
    name_index_init(check->region, &check->group_index, count + 1);
    size_t kept = 0;
    for (const ast_entry *entry = check->tree->groups.first; entry != NULL; entry = entry->next) {
        ast_item id = {entry->where, entry->label};
        if (!check_id(check, "group", &id))
            continue;
        /* a group without a name is reported and kept, so that the
         * criteria and conditions naming it raise nothing more */
        if (ast_prose_is_empty(entry->value))
            diagnostic_error(check->report, entry->where,
                             "group '%s' has no name; write what it gathers after the colon, like "
                             "'safety: Safety and risk'", entry->label);
        if (name_index_add(&check->group_index, entry->label, kept) != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "group '%s' is declared twice; keep one",
                             entry->label);
            continue;
        }
        groups[kept].id = entry->label;
        groups[kept].title = entry->value->built.text != NULL ? entry->value->built.text : "";
        groups[kept].where = check_position(check, entry->where);
        kept++;
    }
    check->rubric->groups = groups;
    check->rubric->group_count = kept;
}

/* "key: yes" or "key: no"; false (reported) for anything else. */
static bool check_key_value(checker *check, const ast_items *items, bool *key)
{
    const ast_item *value = check_single(check, items, "key:");
    if (check_words_equal(value->text, "yes") || check_words_equal(value->text, "no")) {
        *key = check_words_equal(value->text, "yes");
        return true;
    }
    diagnostic_error(check->report, value->where,
                     "'key:' is 'yes' or 'no', not '%s' (a key criterion is one that conditions can "
                     "name as 'any key criterion')", value->text);
    return false;
}

/* A criterion's "groups:" and "key:": declared groups, each once; a
 * checklist item is answered, not graded, so it is in no group. */
void check_group_tags(checker *check)
{
    for (size_t i = 0; i < check->rubric->criterion_count; i++) {
        const ast_criterion *tree = check->criterion_trees[i];
        ir_criterion *criterion = &check->criteria[i];
        if (tree == NULL || (tree->groups == NULL && tree->key == NULL))
            continue;
        if (check->sections[criterion->section].answer_set >= 0) {
            const ast_items *entry = tree->groups != NULL ? tree->groups : tree->key;
            diagnostic_error(check->report, entry->where,
                             "criterion '%s' is a checklist item: it is answered, not graded, so it can be "
                             "neither key nor in a group; test its answer in a condition instead, like "
                             "'criterion %s is N'", criterion->id, criterion->id);
            continue;
        }
        bool key = false;
        if (tree->key != NULL && check_key_value(check, tree->key, &key))
            criterion->key = key;
        if (tree->groups == NULL)
            continue;
        size_t *groups = arena_array(check->region, tree->groups->count, sizeof *groups);
        size_t count = 0;
        for (size_t k = 0; k < tree->groups->count; k++) {
            const ast_item *item = &tree->groups->items[k];
            size_t group = name_index_find(&check->group_index, item->text);
            if (group == SIZE_MAX) {
                diagnostic_error(check->report, item->where,
                                 "unknown group '%s'; groups are declared in a 'groups:' block, like "
                                 "'groups:' then '  safety: Safety and risk'%s%s", item->text,
                                 check->tree->groups.first == NULL ? " (this rubric declares none)" : "",
                                 check_hint(check, item, &check->group_index, NULL));
                continue;
            }
            bool repeated = false;
            for (size_t seen = 0; seen < count; seen++)
                repeated = repeated || groups[seen] == group;
            if (repeated) {
                diagnostic_error(check->report, item->where, "group '%s' is named twice; keep one", item->text);
                continue;
            }
            groups[count++] = group;
        }
        criterion->groups = groups;
        criterion->group_count = count;
    }
}

/* Whether any criterion is in GROUP (SIZE_MAX: any key criterion). */
static size_t check_group_size(const checker *check, size_t group)
{
    size_t size = 0;
    for (size_t i = 0; i < check->rubric->criterion_count; i++) {
        const ir_criterion *criterion = &check->criteria[i];
        if (group == SIZE_MAX) {
            size += criterion->key;
            continue;
        }
        for (size_t k = 0; k < criterion->group_count; k++)
            size += criterion->groups[k] == group;
    }
    return size;
}

/* The subject of a condition over a group, after "any " or a count:
 * "key criterion"/"key criteria" or "criterion of group ID"/"criteria of
 * group ID". Returns 1 and fills the limit's subject when TEXT is one
 * (*MEMBERS: how many criteria are in it), 0 when TEXT names no group (the
 * caller reads it otherwise), -1 when it names one wrongly (reported). */
int check_group_subject(checker *check, const ast_item *item, const char *text, ir_limit *limit, size_t *members)
{
    if (check_words_equal(text, "key criterion") || check_words_equal(text, "key criteria")) {
        limit->subject = RUBRIC_SUBJECT_ANY_KEY_CRITERION;
        limit->subject_index = SIZE_MAX;
        *members = check_group_size(check, SIZE_MAX);
        /* after an error (a "key:" misspelt, say) the warning would only echo it */
        if (*members == 0 && check->report->error_count == 0)
            diagnostic_warning(check->report, item->where,
                               "no criterion is marked 'key: yes', so '%s' never holds; mark the key "
                               "criteria with 'key: yes'", item->text);
        return 1;
    }
    const char *name = NULL;
    if (strncasecmp(text, "criterion of group ", 19) == 0)
        name = text + 19;
    else if (strncasecmp(text, "criteria of group ", 18) == 0)
        name = text + 18;
    if (name == NULL)
        return 0;
    while (*name == ' ')
        name++;
    size_t group = name_index_find(&check->group_index, name);
    if (group == SIZE_MAX) {
        ast_item written = {item->where, name};
        diagnostic_error(check->report, item->where,
                         "there is no group '%s'; groups are declared in a 'groups:' block%s%s", name,
                         check->tree->groups.first == NULL ? " (this rubric declares none)" : "",
                         check_hint(check, &written, &check->group_index, NULL));
        return -1;
    }
    limit->subject = RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP;
    limit->subject_index = group;
    *members = check_group_size(check, group);
    if (*members == 0 && check->report->error_count == 0)
        diagnostic_warning(check->report, item->where,
                           "no criterion is in group '%s', so '%s' never holds; put criteria in it with "
                           "'groups: %s'", name, item->text, name);
    return 1;
}
