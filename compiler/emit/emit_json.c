/*
 * emit_json.c — the IR as JSON (format described in docs/json-format.md,
 * schema in docs/rubric.schema.json).
 *
 * The JSON is streamed straight to the output as the IR is walked, with
 * keys in the order written here, two-space indentation and one member per
 * line, so the output is the same on every run (json_writer.c does the
 * writing and the escaping). Streaming, rather than
 * building a tree of the whole document first, keeps the emitter's time
 * and memory small next to the compiler's (see bench/compile/). Keys are
 * written even when their value is null or empty, so consumers never test
 * for absence.
 */
#include "emit.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "json_writer.h"

/* "key": {"file": …, "line": …, "column": …} */
static void json_position(json_writer *writer, const char *key, const ir_position *where)
{
    json_key(writer, key);
    json_open(writer, '{');
    json_string_member(writer, "file", where->file);
    json_integer_member(writer, "line", where->line);
    json_integer_member(writer, "column", where->column);
    json_close(writer, '}');
}

/* "key": PROSE or null: the text, its blocks and its position. */
static void json_prose(json_writer *writer, const char *key, const ir_prose *prose)
{
    if (prose == NULL) {
        json_null_member(writer, key);
        return;
    }
    json_key(writer, key);
    json_open(writer, '{');
    json_string_member(writer, "text", prose->text);
    json_key(writer, "blocks");
    json_open(writer, '[');
    for (size_t i = 0; i < prose->block_count; i++) {
        const ir_block *block = &prose->blocks[i];
        json_next_member(writer);
        json_open(writer, '{');
        if (block->kind == IR_BLOCK_PARAGRAPH) {
            json_string_member(writer, "paragraph", block->text);
        } else {
            json_key(writer, "list");
            json_open(writer, '[');
            for (size_t k = 0; k < block->item_count; k++) {
                json_next_member(writer);
                json_write_string(writer, block->items[k]);
            }
            json_close(writer, ']');
        }
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_position(writer, "source", &prose->where);
    json_close(writer, '}');
}

/* "key": ["…", …] */
static void json_strings(json_writer *writer, const char *key, const char *const *strings,
                         size_t count)
{
    json_key(writer, key);
    json_open(writer, '[');
    for (size_t i = 0; i < count; i++) {
        json_next_member(writer);
        json_write_string(writer, strings[i]);
    }
    json_close(writer, ']');
}

/* "themes": [theme ids] */
static void json_theme_ids(json_writer *writer, const ir_rubric *rubric, const size_t *themes,
                           size_t count)
{
    json_key(writer, "themes");
    json_open(writer, '[');
    for (size_t i = 0; i < count; i++) {
        json_next_member(writer);
        json_write_string(writer, rubric->themes[themes[i]].id);
    }
    json_close(writer, ']');
}

/* The code of descriptor slot SLOT of a criterion of SECTION: a level
 * code, or an answer code in a checklist section. */
static const char *slot_code(const ir_rubric *rubric, const ir_section *section, size_t slot)
{
    if (section->answer_set >= 0)
        return rubric->answer_sets[section->answer_set].answers[slot].code;
    return rubric->levels[slot].code;
}

/* "key": {"O": PROSE, …} for the levels (or answers) written, in order. */
static void json_levels_written(json_writer *writer, const char *key, const ir_rubric *rubric,
                                const ir_section *section, const ir_prose *const *per_level)
{
    json_key(writer, key);
    json_open(writer, '{');
    for (size_t level = 0; level < ir_descriptor_count(rubric, section); level++)
        if (per_level[level] != NULL)
            json_prose(writer, slot_code(rubric, section, level), per_level[level]);
    json_close(writer, '}');
}

/* "weight": 2 (or 1.5): a number, integers without a decimal point. */
static void json_weight(json_writer *writer, unsigned weight_hundredths)
{
    char text[32];
    json_key(writer, "weight");
    json_put_text(writer, ir_weight_text(weight_hundredths, text, sizeof text));
}

/* "applies_when": a condition on a fact, only when there is one (so the
 * JSON of a rubric without conditions is as it was): the fact's key, the
 * test, and the values or the span and the date it is counted from
 * ("date": the audit's own). */
static void json_condition(json_writer *writer, const ir_rubric *rubric, const ir_condition *condition)
{
    if (condition == NULL)
        return;
    json_key(writer, "applies_when");
    json_open(writer, '{');
    json_string_member(writer, "fact", rubric->facts[condition->fact].key);
    json_string_member(writer, "test", ir_fact_test_name(condition->test));
    if (condition->test == RUBRIC_FACT_TEST_WITHIN) {
        json_integer_member(writer, "amount", (long)condition->amount);
        json_string_member(writer, "unit", ir_time_unit_name(condition->unit));
        json_string_member(writer, "of", condition->of_fact < 0 ? "date" : rubric->facts[condition->of_fact].key);
    } else {
        json_strings(writer, "values", condition->values, condition->value_count);
    }
    json_close(writer, '}');
}

/* "target": {"percent", "level" (a level code), "source"}, only when one
 * is declared (so the JSON of a rubric without targets is as it was). */
static void json_target(json_writer *writer, const ir_rubric *rubric, const ir_target *target)
{
    if (target == NULL)
        return;
    json_key(writer, "target");
    json_open(writer, '{');
    json_integer_member(writer, "percent", (long)target->percent);
    json_string_member(writer, "level", rubric->levels[target->level].code);
    json_position(writer, "source", &target->where);
    json_close(writer, '}');
}

/* A key criterion's "key": true and a criterion's "groups": [group ids],
 * only where the criterion has them (so older rubrics' JSON is as it was). */
static void json_criterion_groups(json_writer *writer, const ir_rubric *rubric, const ir_criterion *criterion)
{
    if (criterion->key)
        json_boolean_member(writer, "key", true);
    if (criterion->group_count == 0)
        return;
    json_key(writer, "groups");
    json_open(writer, '[');
    for (size_t i = 0; i < criterion->group_count; i++) {
        json_next_member(writer);
        json_write_string(writer, rubric->groups[criterion->groups[i]].id);
    }
    json_close(writer, ']');
}

static void json_labelled_entry(json_writer *writer, const char *name_key, const char *name,
                                const char *label, const ir_position *where);

/* "groups": [{"id", "label", "source"}], the groups of criteria, only
 * when the rubric declares any. */
static void json_groups(json_writer *writer, const ir_rubric *rubric)
{
    if (rubric->group_count == 0)
        return;
    json_key(writer, "groups");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->group_count; i++)
        json_labelled_entry(writer, "id", rubric->groups[i].id, rubric->groups[i].title, &rubric->groups[i].where);
    json_close(writer, ']');
}

/* "timescale": the date judged, the span and the date it is counted
 * from, only when the criterion has one; a recurring one has "every" in
 * place of "within" and the date it is judged up to ("to": "date" for
 * the audit's date, else a date fact's key). */
static void json_timescale(json_writer *writer, const ir_rubric *rubric, const ir_timescale *timescale)
{
    if (timescale == NULL)
        return;
    json_key(writer, "timescale");
    json_open(writer, '{');
    json_string_member(writer, "fact", rubric->facts[timescale->fact].key);
    json_integer_member(writer, timescale->every ? "every" : "within", (long)timescale->amount);
    json_string_member(writer, "unit", ir_time_unit_name(timescale->unit));
    json_string_member(writer, "from", rubric->facts[timescale->from_fact].key);
    if (timescale->every)
        json_string_member(writer, "to", timescale->to_fact < 0 ? "date" : rubric->facts[timescale->to_fact].key);
    json_close(writer, '}');
}

/* One criterion, with its effective descriptor for every level. */
static void json_criterion(json_writer *writer, const ir_rubric *rubric,
                           const ir_criterion *criterion)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "id", criterion->id);
    json_string_member(writer, "title", criterion->title);
    json_strings(writer, "applies_to", criterion->applies_to, criterion->applies_to_count);
    json_theme_ids(writer, rubric, criterion->themes, criterion->theme_count);
    json_boolean_member(writer, "not_applicable_allowed", criterion->not_applicable_allowed);
    json_string_member(writer, "same_as", criterion->same_as);
    json_weight(writer, criterion->weight_hundredths);
    json_criterion_groups(writer, rubric, criterion);
    json_condition(writer, rubric, criterion->applies_when);
    json_timescale(writer, rubric, criterion->timescale);
    const ir_section *section = &rubric->sections[criterion->section];
    json_levels_written(writer, "descriptors", rubric, section, criterion->own);
    json_key(writer, "effective");
    json_open(writer, '{');
    for (size_t level = 0; level < ir_descriptor_count(rubric, section); level++) {
        const ir_descriptor *descriptor = &criterion->effective[level];
        json_key(writer, slot_code(rubric, section, level));
        json_open(writer, '{');
        json_string_member(writer, "text", descriptor->prose != NULL ? descriptor->prose->text : NULL);
        json_string_member(writer, "from", ir_origin_name(descriptor->origin));
        json_string_member(writer, "origin", descriptor->origin_id);
        json_close(writer, '}');
    }
    json_close(writer, '}');
    json_position(writer, "source", &criterion->where);
    json_close(writer, '}');
}

/* One section and its criteria. */
static void json_section(json_writer *writer, const ir_rubric *rubric, const ir_section *section)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "id", section->id);
    json_string_member(writer, "number", section->number);
    json_string_member(writer, "title", section->title);
    json_prose(writer, "title_supplied", section->title_supplied);
    json_prose(writer, "scope", section->scope);
    json_prose(writer, "sequence_note", section->sequence_note);
    json_strings(writer, "applies_to", section->applies_to, section->applies_to_count);
    json_theme_ids(writer, rubric, section->themes, section->theme_count);
    json_boolean_member(writer, "not_applicable_allowed", section->not_applicable_allowed);
    json_string_member(writer, "method", section->answer_set >= 0 ? NULL : ir_method_name(section->method));
    if (section->ties && section->answer_set < 0)   /* its method's own tie rule (format 3) */
        json_string_member(writer, "ties", ir_ties_name((rubric_ties)(section->ties - 1)));
    json_weight(writer, section->weight_hundredths);
    json_string_member(writer, "answers",
                       section->answer_set >= 0 ? rubric->answer_sets[section->answer_set].id : NULL);
    json_boolean_member(writer, "in_overall", section->in_overall);
    json_condition(writer, rubric, section->applies_when);
    json_target(writer, rubric, section->target);
    json_levels_written(writer, "section_wide", rubric, section, section->section_wide);
    json_key(writer, "criteria");
    json_open(writer, '[');
    for (size_t i = 0; i < section->criterion_count; i++)
        json_criterion(writer, rubric, &rubric->criteria[section->first_criterion + i]);
    json_close(writer, ']');
    json_position(writer, "source", &section->where);
    json_close(writer, '}');
}

/* A limit's condition, "when": {"subject", "id", "test", "value"}, and
 * "count" for a counting condition ({"compare": "at least", "number":
 * 2}; absent otherwise, so that older rubrics' JSON is as it was);
 * "value" is null for the tests "graded" and "NA"; "id" names the group
 * of "any criterion of group". */
static void json_limit_condition(json_writer *writer, const ir_rubric *rubric, const ir_limit *limit)
{
    json_key(writer, "when");
    json_open(writer, '{');
    json_string_member(writer, "subject", ir_subject_name(limit->subject));
    const char *id = NULL;
    int answer_set = -1;
    if (limit->subject == RUBRIC_SUBJECT_CRITERION) {
        id = rubric->criteria[limit->subject_index].id;
        answer_set = rubric->sections[rubric->criteria[limit->subject_index].section].answer_set;
    } else if (limit->subject == RUBRIC_SUBJECT_TIMESCALE) {
        id = rubric->criteria[limit->subject_index].id;
    } else if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP) {
        id = rubric->groups[limit->subject_index].id;
    } else if (limit->subject != RUBRIC_SUBJECT_ANY_CRITERION && limit->subject != RUBRIC_SUBJECT_ANY_KEY_CRITERION) {
        id = rubric->sections[limit->subject_index].id;
        if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION)
            answer_set = rubric->sections[limit->subject_index].answer_set;
    }
    json_string_member(writer, "id", id);
    json_string_member(writer, "test", ir_test_name(limit->test));
    bool presence = limit->test == RUBRIC_TEST_GRADED || limit->test == RUBRIC_TEST_NOT_APPLICABLE ||
                    limit->subject == RUBRIC_SUBJECT_TIMESCALE;
    const char *value = presence ? NULL
                        : limit->test == RUBRIC_TEST_IN_BAND ? rubric->bands[limit->value].label
                        : answer_set >= 0 ? rubric->answer_sets[answer_set].answers[limit->value].code
                                          : rubric->levels[limit->value].code;
    json_string_member(writer, "value", value);
    if (limit->count_rule != RUBRIC_COUNT_NONE) {
        json_key(writer, "count");
        json_open(writer, '{');
        json_string_member(writer, "compare", ir_count_rule_name(limit->count_rule));
        json_integer_member(writer, "number", (long)limit->count);
        json_close(writer, '}');
    }
    json_close(writer, '}');
}

/* One limit: "no better than" a criterion's or section's grade, or a
 * stated level when a condition holds. */
static void json_limit(json_writer *writer, const ir_rubric *rubric, const ir_limit *limit)
{
    bool section = limit->scope == RUBRIC_SCOPE_SECTION;
    bool condition = limit->kind == RUBRIC_LIMIT_BY_CONDITION;
    bool by_criterion = limit->kind == RUBRIC_LIMIT_BY_CRITERION;
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "capped", section ? "section" : "overall");
    json_string_member(writer, "capped_section", section ? rubric->sections[limit->section].id : NULL);
    json_string_member(writer, "kind", ir_effect_name(limit->effect));
    json_string_member(writer, "level", condition && limit->effect != RUBRIC_LIMIT_NOT_GRADED
                                            ? rubric->levels[limit->level].code : NULL);
    json_string_member(writer, "by", condition ? "condition" : by_criterion ? "criterion" : "section");
    json_string_member(writer, "id", condition ? NULL
                                     : by_criterion ? rubric->criteria[limit->index].id
                                                    : rubric->sections[limit->index].id);
    if (condition)
        json_limit_condition(writer, rubric, limit);
    else
        json_null_member(writer, "when");
    json_position(writer, "source", &limit->where);
    json_close(writer, '}');
}

/* The grading rules. */
static void json_grading(json_writer *writer, const ir_rubric *rubric)
{
    const ir_grading *grading = &rubric->grading;
    json_key(writer, "grading");
    json_open(writer, '{');
    json_string_member(writer, "section_method", ir_method_name(grading->section_method));
    json_string_member(writer, "overall_method", ir_method_name(grading->overall_method));
    json_string_member(writer, "overall_of", ir_basis_name(grading->overall_basis));
    json_string_member(writer, "ties", ir_ties_name(grading->ties));
    if (grading->overall_ties)   /* the overall method's own tie rule (format 3) */
        json_string_member(writer, "overall_ties", ir_ties_name((rubric_ties)(grading->overall_ties - 1)));
    if (grading->unrounded_sections)   /* "mean of sections, unrounded" (format 3); absent: "grades" */
        json_string_member(writer, "sections_averaged", "unrounded means");
    json_string_member(writer, "rounding", ir_rounding_name(grading->rounding));
    bool count_as = grading->not_applicable == RUBRIC_NA_COUNT_AS;
    json_key(writer, "not_applicable");
    json_open(writer, '{');
    json_string_member(writer, "rule", count_as ? "count as" : "leave out");
    json_string_member(writer, "level",
                       count_as ? rubric->levels[grading->not_applicable_level].code : NULL);
    json_close(writer, '}');
    json_string_member(writer, "good_or_better", rubric->levels[grading->good_or_better].code);
    json_key(writer, "limits");
    json_open(writer, '[');
    for (size_t i = 0; i < grading->limit_count; i++)
        json_limit(writer, rubric, &grading->limits[i]);
    json_close(writer, ']');
    if (grading->written)
        json_position(writer, "source", &grading->where);
    else
        json_null_member(writer, "source");
    json_close(writer, '}');
}

/* One level of the scale or one theme: {"code"|"id": …, "label": …, "source": …}. */
static void json_labelled_entry(json_writer *writer, const char *name_key, const char *name,
                                const char *label, const ir_position *where)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, name_key, name);
    json_string_member(writer, "label", label);
    json_position(writer, "source", where);
    json_close(writer, '}');
}

/* "bands": [{"label", "levels" (codes, best first), "source"}] */
static void json_bands(json_writer *writer, const ir_rubric *rubric)
{
    json_key(writer, "bands");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->band_count; i++) {
        const ir_band *band = &rubric->bands[i];
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "label", band->label);
        json_key(writer, "levels");
        json_open(writer, '[');
        for (size_t level = band->best_level; level <= band->worst_level; level++) {
            json_next_member(writer);
            json_write_string(writer, rubric->levels[level].code);
        }
        json_close(writer, ']');
        json_position(writer, "source", &band->where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
}

/* "answer_sets": [{"id", "title", "answers": [{"code", "label"}], "met", "source"}] */
/* "facts": the facts a record carries, only when the rubric declares
 * any (so the JSON of a rubric without facts is as it was). */
static void json_facts(json_writer *writer, const ir_rubric *rubric)
{
    if (rubric->fact_count == 0)
        return;
    json_key(writer, "facts");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->fact_count; i++) {
        const ir_fact *fact = &rubric->facts[i];
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "key", fact->key);
        json_string_member(writer, "name", fact->name);
        json_string_member(writer, "type", ir_fact_type_name(fact->type));
        json_boolean_member(writer, "required", fact->required);
        if (fact->type == RUBRIC_FACT_CHOICE)
            json_strings(writer, "choices", fact->choices, fact->choice_count);
        json_position(writer, "source", &fact->where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
}

static void json_answer_sets(json_writer *writer, const ir_rubric *rubric)
{
    json_key(writer, "answer_sets");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->answer_set_count; i++) {
        const ir_answer_set *set = &rubric->answer_sets[i];
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "id", set->id);
        json_string_member(writer, "title", set->title);
        json_key(writer, "answers");
        json_open(writer, '[');
        for (size_t a = 0; a < set->answer_count; a++) {
            json_next_member(writer);
            json_open(writer, '{');
            json_string_member(writer, "code", set->answers[a].code);
            json_string_member(writer, "label", set->answers[a].label);
            json_close(writer, '}');
        }
        json_close(writer, ']');
        json_key(writer, "met");
        json_open(writer, '[');
        for (size_t a = 0; a < set->answer_count; a++) {
            if (set->answers[a].met) {
                json_next_member(writer);
                json_write_string(writer, set->answers[a].code);
            }
        }
        json_close(writer, ']');
        json_position(writer, "source", &set->where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
}

/* The header, scale, key factors, glossary and themes. */
static void json_header(json_writer *writer, const ir_rubric *rubric)
{
    json_integer_member(writer, "format_version", IR_FORMAT_VERSION);
    json_string_member(writer, "id", rubric->id);
    json_string_member(writer, "title", rubric->title);
    json_string_member(writer, "authority", rubric->authority);
    json_string_member(writer, "version", rubric->version);
    json_string_member(writer, "effective", rubric->effective);
    json_strings(writer, "files", rubric->files, rubric->file_count);
    json_position(writer, "source", &rubric->where);
    json_string_member(writer, "scale_kind", rubric->scores ? "scores" : "levels");
    json_key(writer, "scale");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->level_count; i++) {
        const ir_level *level = &rubric->levels[i];
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "code", level->code);
        json_string_member(writer, "label", level->label);
        if (level->has_score)
            json_integer_member(writer, "score", level->score);
        else
            json_null_member(writer, "score");
        json_boolean_member(writer, "anchor", level->anchor);
        json_position(writer, "source", &level->where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_bands(writer, rubric);
    json_answer_sets(writer, rubric);
    json_strings(writer, "case_types", rubric->case_types, rubric->case_type_count);
    json_facts(writer, rubric);
    json_prose(writer, "key_factors", rubric->key_factors);
    json_key(writer, "glossary");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->glossary_count; i++) {
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "abbreviation", rubric->glossary[i].abbreviation);
        json_prose(writer, "meaning", rubric->glossary[i].meaning);
        json_position(writer, "source", &rubric->glossary[i].where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_key(writer, "themes");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->theme_count; i++)
        json_labelled_entry(writer, "id", rubric->themes[i].id, rubric->themes[i].label,
                            &rubric->themes[i].where);
    json_close(writer, ']');
    json_groups(writer, rubric);
}

int emit_json(const ir_rubric *rubric, FILE *out)
{
    json_writer writer;
    json_writer_init(&writer, out);
    json_open(&writer, '{');
    json_header(&writer, rubric);
    json_key(&writer, "sections");
    json_open(&writer, '[');
    for (size_t i = 0; i < rubric->section_count; i++)
        json_section(&writer, rubric, &rubric->sections[i]);
    json_close(&writer, ']');
    json_grading(&writer, rubric);
    json_target(&writer, rubric, rubric->target);
    json_close(&writer, '}');
    json_put_char(&writer, '\n');
    json_flush(&writer);
    return ferror(out) ? -1 : 0;
}
