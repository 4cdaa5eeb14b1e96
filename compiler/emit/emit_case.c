/*
 * emit_case.c — the rubric as 1EdTech CASE 1.1 JSON (--emit case,
 * <id>-case.json): one CFRubric, its CFRubricCriteria (one per criterion,
 * in rubric order) and each criterion's CFRubricCriterionLevels (one per
 * grade, best first), valid against the published CFRubric JSON Schema
 * (tests/interop/ holds it and validates every export against it).
 *
 * Identifiers are name-based UUIDs (uuid5.c), so that exporting the same
 * rubric again, or a later edition that keeps its ids, gives the same
 * identifiers:
 *   rubric     UUIDv5(URL namespace, "urn:rubricc:rubric:" + rubric id)
 *   criterion  UUIDv5(rubric's UUID, "criterion:" + criterion id)
 *   level      UUIDv5(criterion's UUID, "level:" + level code)
 * Each uri is "urn:uuid:" + the identifier: a URI that names the object
 * wherever it is published. lastChangeDateTime, which the schema requires,
 * is the rubric's effective date at midnight UTC, or 1970-01-01T00:00:00Z
 * when the rubric has none (a version name is not a date): never the time
 * of the run, so the output depends on the rubric alone.
 *
 * Mapping: the rubric's title and its authority and edition (description);
 * a criterion's section label (category) and title (description); a
 * level's label (quality), its effective descriptor (description) and its
 * points (score, level_points.h); positions count from 1. The rubric's own
 * ids travel in the extensions CASE allows, so that a reader can map back:
 * levelCode, and the level's band where the rubric has bands. A criterion
 * of a checklist section has its answers as levels (answerCode, 1 point
 * when met, else 0; the level's UUID from "level:" + answer code). A score
 * between the anchors has an empty description.
 */
#include "emit.h"

#include <stdint.h>

#include "export_text.h"
#include "json_writer.h"
#include "level_points.h"
#include "uuid5.h"

enum { NAME_SIZE = 512 };

/* "identifier" and "uri" of the object id. */
static void case_identity(json_writer *writer, const uuid *id)
{
    char text[UUID_TEXT_SIZE];
    char uri[UUID_TEXT_SIZE + 16];
    uuid_format(id, text);
    snprintf(uri, sizeof uri, "urn:uuid:%s", text);
    json_string_member(writer, "identifier", text);
    json_string_member(writer, "uri", uri);
}

/* A UUID as a member's value: "key": "xxxxxxxx-…". */
static void case_uuid_member(json_writer *writer, const char *key, const uuid *id)
{
    char text[UUID_TEXT_SIZE];
    uuid_format(id, text);
    json_string_member(writer, key, text);
}

/* The UUID of name (prefix + id) under parent. */
static uuid case_child_id(const uuid *parent, const char *prefix, const char *id)
{
    char name[NAME_SIZE];
    snprintf(name, sizeof name, "%s%s", prefix, id);
    return uuid5_make(parent, name);
}

/* One CFRubricCriterionLevel. */
static void case_level(json_writer *writer, const ir_rubric *rubric, const ir_criterion *criterion,
                       const uuid *criterion_id, size_t level, const char *changed)
{
    export_rating rating = export_rating_at(rubric, criterion, level);
    uuid level_id = case_child_id(criterion_id, "level:", rating.code);
    char points[LEVEL_POINTS_TEXT_SIZE];
    level_points_format(rating.points, points);
    json_next_member(writer);
    json_open(writer, '{');
    case_identity(writer, &level_id);
    json_string_member(writer, "description", rating.description);
    json_string_member(writer, "quality", rating.label);
    json_key(writer, "score");
    json_put_text(writer, points);
    json_integer_member(writer, "position", (long)level + 1);
    case_uuid_member(writer, "rubricCriterionId", criterion_id);
    json_string_member(writer, "lastChangeDateTime", changed);
    json_key(writer, "extensions");
    json_open(writer, '[');
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, rubric->sections[criterion->section].answer_set >= 0 ? "answerCode"
                                                                                  : "levelCode",
                       rating.code);
    size_t band = ir_band_of_level(rubric, level);
    if (rubric->sections[criterion->section].answer_set < 0 && band != SIZE_MAX)
        json_string_member(writer, "band", rubric->bands[band].label);
    json_close(writer, '}');
    json_close(writer, ']');
    json_close(writer, '}');
}

/* One CFRubricCriterion with its levels. */
static void case_criterion(json_writer *writer, arena *region, const ir_rubric *rubric, size_t index,
                           const uuid *rubric_id, const char *changed)
{
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    uuid criterion_id = case_child_id(rubric_id, "criterion:", criterion->id);
    json_next_member(writer);
    json_open(writer, '{');
    case_identity(writer, &criterion_id);
    json_string_member(writer, "category", export_section_label(region, section));
    json_string_member(writer, "description", export_criterion_name(region, rubric, criterion));
    json_integer_member(writer, "position", (long)index + 1);
    case_uuid_member(writer, "rubricId", rubric_id);
    json_string_member(writer, "lastChangeDateTime", changed);
    json_key(writer, "CFRubricCriterionLevels");
    json_open(writer, '[');
    size_t count = export_rating_count(rubric, criterion);
    for (size_t level = 0; level < count; level++)
        case_level(writer, rubric, criterion, &criterion_id, level, changed);
    json_close(writer, ']');
    json_key(writer, "extensions");
    json_open(writer, '{');
    json_string_member(writer, "criterionId", criterion->id);
    json_string_member(writer, "sectionId", section->id);
    json_string_member(writer, "sectionNumber", section->number);
    json_close(writer, '}');
    json_close(writer, '}');
}

int emit_case(const ir_rubric *rubric, FILE *out)
{
    arena *region = arena_new();
    const char *changed = rubric->effective != NULL
                              ? arena_printf(region, "%.10sT00:00:00Z", rubric->effective)
                              : "1970-01-01T00:00:00Z";
    const char *edition = rubric->version != NULL ? rubric->version : rubric->effective;
    uuid rubric_id = case_child_id(&uuid_namespace_url, "urn:rubricc:rubric:", rubric->id);
    json_writer *writer = arena_alloc_unzeroed(region, sizeof *writer);
    json_writer_init(writer, out);
    json_open(writer, '{');
    case_identity(writer, &rubric_id);
    json_string_member(writer, "title", rubric->title);
    json_string_member(writer, "description",
                       arena_printf(region, "%s. Edition: %s.", rubric->authority, edition));
    json_string_member(writer, "lastChangeDateTime", changed);
    json_key(writer, "CFRubricCriteria");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->criterion_count; i++)
        case_criterion(writer, region, rubric, i, &rubric_id, changed);
    json_close(writer, ']');
    json_key(writer, "extensions");
    json_open(writer, '{');
    json_string_member(writer, "rubricId", rubric->id);
    json_string_member(writer, "authority", rubric->authority);
    json_string_member(writer, "edition", edition);
    json_close(writer, '}');
    json_close(writer, '}');
    json_put_char(writer, '\n');
    json_flush(writer);
    arena_free(region);
    return ferror(out) ? -1 : 0;
}
