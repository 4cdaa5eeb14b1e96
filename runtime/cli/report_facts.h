/*
 * report_facts.h — what a graded record's outputs say about the case
 * beside its grades (report_facts.c): its facts and pass-through fields,
 * and each timescale judged from its date facts, in JSON Lines, CSV and
 * text. report.c writes the rest of each record.
 */
#ifndef REPORT_FACTS_H
#define REPORT_FACTS_H

#include <stddef.h>

#include "output_buffer.h"
#include "rubric.h"

/* The room report_facts_put_json needs for AUDIT. */
size_t report_facts_json_room(const rubric_model *model, const rubric_audit *audit);

/* At TO: ,"KEY":"VALUE" for each fact and pass-through field, as read (an
 * object or array as that JSON value, field_json),
 * then ,"timescales":{…} when the rubric has timescales. Returns the end. */
char *report_facts_put_json(char *to, const rubric_model *model, const rubric_audit *audit);

/* The CSV cells (each after a comma) of the columns report.c's header
 * names: a declared fact's value, the pass-through field of each of
 * FIELD_KEYS (field:KEY), a timescale in words. Returns 0 when the audit
 * carries a pass-through field that is not one of FIELD_KEYS. */
int report_facts_csv_cells(output_buffer *buffer, const rubric_model *model, const rubric_audit *audit,
                           const char *const *field_keys, unsigned field_key_count);

/* The keys of AUDIT's pass-through fields (not declared facts), copied,
 * into *KEYS (*COUNT of them; free with report_facts_free_keys): the CSV
 * output's field:KEY columns. 0 when out of memory (what was copied is
 * still in *KEYS and *COUNT). */
int report_facts_field_keys(const rubric_model *model, const rubric_audit *audit, char ***keys, unsigned *count);
void report_facts_free_keys(char **keys, unsigned count);

/* Whether every pass-through field of AUDIT (not a declared fact) is one
 * of KEYS. */
int report_facts_fields_have_columns(const rubric_model *model, const rubric_audit *audit,
                                     const char *const *keys, unsigned key_count);

/* The text lines: "  Timescale ID: …", "  Fact NAME: VALUE", "  Field KEY: VALUE". */
void report_facts_text(output_buffer *buffer, const rubric_model *model, const rubric_audit *audit);

#endif /* REPORT_FACTS_H */
