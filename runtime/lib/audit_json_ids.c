/*
 * audit_json_ids.c — the rubric's criterion ids as the JSON Lines reader
 * knows them, and the patterns it learns from the lines (see
 * audit_json.c's opening comment for how the plain path uses them).
 *
 * json_record_reader_set_rubric builds, once per rubric, a table of the
 * ids by hash and room for each id's key pattern: the id, its closing
 * quote, the colon as the lines write it and the grade's opening quote.
 * The patterns are made again only when a line writes its colon or comma
 * another way than the line before (json_record_learn_colon and
 * json_record_learn_comma), which a file of audits does once at most.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_json.h"
#include "audit_json_reader.h"

/* The field names and their lengths, for the fields' key patterns. */
static const char *const field_names[FIELD_COUNT] = {FIELD_NAMES(FIELD_NAME)};
static const size_t field_name_lengths[FIELD_COUNT] = {FIELD_NAMES(FIELD_NAME_LENGTH)};

/* Whether ID is written in JSON as itself: printable ASCII without '"' or
 * '\\', so that its bytes in a line are the id and nothing else. */
static int is_plain_id(const char *id)
{
    for (const unsigned char *byte = (const unsigned char *)id; *byte; byte++)
        if (*byte < 0x20 || *byte >= 0x7F || *byte == '"' || *byte == '\\')
            return 0;
    return 1;
}

int json_record_reader_set_rubric(json_record_reader *reader, const rubric_model *model)
{
    if (model != NULL && model == reader->known_model)
        return 1;   /* the next input of the same run: tables and patterns kept */
    reader->known_model = NULL;
    free(reader->known);
    free(reader->known_slots);
    free(reader->key_patterns);
    reader->known = NULL;
    reader->known_slots = NULL;
    reader->key_patterns = NULL;
    reader->known_count = 0;
    reader->known_expected = 0;
    reader->colon_length = 0;
    reader->comma_length = 0;
    reader->close_length = 0;
    if (model == NULL || model->criterion_count == 0)
        return 1;
    unsigned slot_count = 16;
    while (slot_count < 2 * model->criterion_count)
        slot_count *= 2;
    reader->known = calloc(model->criterion_count, sizeof *reader->known);
    reader->known_slots = calloc(slot_count, sizeof *reader->known_slots);
    if (reader->known == NULL || reader->known_slots == NULL) {
        json_record_reader_set_rubric(reader, NULL);
        return 0;
    }
    reader->known_mask = slot_count - 1;
    size_t pattern_bytes = 0;
    for (unsigned index = 0; index < model->criterion_count; index++) {
        const char *id = model->criteria[index].id;
        size_t length = strlen(id);
        reader->known[index] = (known_id){id, length, NULL, 0, 0, is_plain_id(id)};
        pattern_bytes += length + 2 + SEPARATOR_MAX;
        size_t slot = (size_t)(hash_key(id, length) & reader->known_mask);
        while (reader->known_slots[slot])
            slot = (slot + 1) & reader->known_mask;
        reader->known_slots[slot] = index + 1;
    }
    reader->key_patterns = malloc(pattern_bytes);
    if (reader->key_patterns == NULL) {
        json_record_reader_set_rubric(reader, NULL);
        return 0;
    }
    char *pattern = reader->key_patterns;
    for (unsigned index = 0; index < model->criterion_count; index++) {
        reader->known[index].pattern = pattern;
        pattern += reader->known[index].length + 2 + SEPARATOR_MAX;
    }
    reader->known_count = model->criterion_count;
    reader->known_model = model;
    return 1;
}

/* The colon of a pair as written, COLON[0..LENGTH) (spaces and ':'): when
 * it is not the one the key patterns were made with, make them again. */
void json_record_learn_colon(json_record_reader *reader, const char *colon, size_t length)
{
    if (length > SEPARATOR_MAX || (length == reader->colon_length && memcmp(colon, reader->colon, length) == 0))
        return;
    for (unsigned index = 0; index < reader->known_count; index++) {
        known_id *known = &reader->known[index];
        char *pattern = known->pattern;
        memcpy(pattern, known->id, known->length);
        pattern[known->length] = '"';
        memcpy(pattern + known->length + 1, colon, length);
        pattern[known->length + 1 + length] = '"';
        known->pattern_length = known->is_plain ? known->length + 2 + length : 0;
    }
    for (unsigned field = 0; field < FIELD_COUNT; field++) {
        char *pattern = reader->field_patterns[field];
        memcpy(pattern, field_names[field], field_name_lengths[field]);
        pattern[field_name_lengths[field]] = '"';
        memcpy(pattern + field_name_lengths[field] + 1, colon, length);
        reader->field_pattern_lengths[field] = field_name_lengths[field] + 1 + length;
    }
    memcpy(reader->colon, colon, length);
    reader->colon_length = length;
}

/* The comma between two pairs as written, with the next key's opening
 * quote: COMMA[0..LENGTH). */
void json_record_learn_comma(json_record_reader *reader, const char *comma, size_t length)
{
    if (length > SEPARATOR_MAX + 1)
        return;
    memcpy(reader->comma, comma, length);
    reader->comma_length = length;
    unsigned char word[4] = {0}, mask[4] = {0};
    for (size_t index = 0; index < length && index < 4; index++) {
        word[index] = (unsigned char)comma[index];
        mask[index] = 0xFF;
    }
    memcpy(&reader->comma_word, word, 4);
    memcpy(&reader->comma_mask, mask, 4);
    /* the same after a grade's closing quote, when the four bytes hold it */
    reader->close_length = length <= 3 ? length + 1 : 0;
    unsigned char close[4] = {'"'}, close_mask[4] = {0xFF};
    for (size_t index = 0; index < length && index < 3; index++) {
        close[index + 1] = (unsigned char)comma[index];
        close_mask[index + 1] = 0xFF;
    }
    memcpy(&reader->close_word, close, 4);
    memcpy(&reader->close_mask, close_mask, 4);
}
