/*
 * audit_lines.h — an audit reader's state, and the steps its two formats
 * share: lines from the input, a record handed over, the input refused.
 *
 * Internal to the audit reader (audit_read.c, audit_csv.c; not installed).
 * The state is one struct for both formats, as a run reads one input after
 * another with the same buffers. The line source reads the input a block
 * at a time and hands out a line in place (a line that spans blocks is
 * copied), counting lines, so that every record knows the line it starts
 * on; a line over the maximum record size is reported at once and skipped.
 */
#ifndef AUDIT_LINES_H
#define AUDIT_LINES_H

#include <stdio.h>
#include <sys/types.h>

#include <csv.h>

#include "audit_date.h"
#include "audit_json.h"
#include "audit_record.h"

/* What a CSV header column holds. */
typedef enum column_kind {
    COLUMN_CASE,
    COLUMN_RUBRIC,
    COLUMN_AUDITOR,
    COLUMN_DATE,
    COLUMN_ROLE,                 /* who graded, in moderation input */
    COLUMN_OVERALL,              /* the auditor's own overall grade */
    COLUMN_SECTION,              /* "section:<id>": the auditor's section grade */
    COLUMN_CRITERION,            /* a criterion id (any other name when the rubric is not known) */
    COLUMN_CASE_TYPE,            /* the case type the audit is for ("LAC") */
    COLUMN_COMMENT,              /* "comment:<criterion id>", "comment:section:<section id>",
                                    "comment:overall": an evidence comment */
    COLUMN_AMENDED_BY,           /* who amended a saved record */
    COLUMN_AMENDED_AT,           /* when (an ISO 8601 date-time) */
    COLUMN_FACT,                 /* a fact the rubric declares, named by its key */
    COLUMN_PASSED                /* none of these: a field passed through to the outputs */
} column_kind;

/* A record's fields: text back to back, each NUL-terminated, by offset. */
typedef struct field_list {
    char *text;
    size_t length;
    size_t capacity;
    size_t *offsets;
    unsigned count;
    unsigned offset_capacity;
} field_list;

/* What next_line found besides a line: the end, or a line over the limit. */
enum { LINE_END = -1, LINE_TOO_LONG = -2 };

/* The input is read this much at a time. */
enum { INPUT_BLOCK_BYTES = 1 << 18 };

struct audit_reader {
    /* the line source */
    FILE *input;
    char *block;                 /* INPUT_BLOCK_BYTES read at a time */
    size_t block_start;
    size_t block_end;
    const char *line;            /* the current line: in the block, or in line_copy */
    size_t line_bytes;           /* its bytes held (of a line over the limit, its start) */
    ssize_t line_status;         /* its length, or LINE_TOO_LONG (for a pushed-back line) */
    char *line_copy;             /* a line that spans blocks */
    size_t line_copy_capacity;
    int line_unheld;             /* the line over the limit could not even be allocated */
    int skipping;                /* the rest of a line over the limit is still to be dropped */
    unsigned long line_number;
    int line_pushed_back;
    size_t max_record_bytes;
    const rubric_model *model;   /* for checking a CSV header, when known */
    audit_note_handler note_handler;  /* notes about an input as a whole, or NULL */
    void *note_context;
    int input_trouble;           /* the input as a whole is unusable: message says why */
    /* the record handed over */
    rubric_entry *grades;
    unsigned grade_capacity;
    rubric_entry *sections;
    unsigned section_capacity;
    rubric_entry *comments;
    unsigned comment_capacity;
    rubric_entry *facts;         /* the row's facts (audit.fields) */
    unsigned fact_capacity;
    rubric_audit audit;
    char message[512];           /* the input's trouble, or a row's error */
    char reason[512];            /* why a record broke, before it is reported */
    json_record_reader *json;    /* made on the first JSON Lines input */
    /* the date and the amendment, checked as the record is handed over */
    audit_date_format date_format;  /* the form dates are read in besides ISO */
    const char *date_kind;       /* "field" (JSON Lines) or "column" (CSV), for messages */
    const char *amended_by;      /* of the record about to be handed over */
    const char *amended_at;
    char date_text[AUDIT_DATE_LENGTH + 1];  /* a date rewritten YYYY-MM-DD */
    rubric_audit dated;          /* the audit with that date */
    /* the run */
    const char *name;
    audit_handler handler;
    void *context;
    int stopped;
    int out_of_memory;
    /* CSV */
    struct csv_parser parser;
    int parser_ready;
    field_list fields;
    field_list header;
    column_kind *column_kinds;
    unsigned column_capacity;
    const char **column_keys;    /* a criterion column's key: the model's own id when it follows the rubric's order */
    unsigned column_key_capacity;
    /* the columns by what a row's cells become: grade entries, taken in
     * one loop, and the rest, each by its kind (csv_take_cell) */
    unsigned *criterion_columns;
    unsigned criterion_column_count;
    unsigned *other_columns;
    unsigned other_column_count;
    int have_header;
    unsigned long data_rows;     /* rows after the header taken as audits (comment rows come before) */
    unsigned long record_line;
    size_t record_bytes;         /* of the record being read, over its lines */
    int quote_open;              /* the record's last line ended inside a quoted field */
    unsigned invalid_utf8_field; /* 1-based field with bad UTF-8, 0 when none */
    unsigned nul_field;          /* 1-based field holding a NUL byte, 0 when none */
    int record_has_nul;          /* a line of the record holds a NUL: look for it field by field */
    /* the probe: does a line read as a whole row on its own? */
    unsigned probe_fields;
    unsigned probe_records;
};

/* The next line (a pushed-back line first) as reader->line: its length,
 * LINE_END or LINE_TOO_LONG (then reader->line holds what was kept of its
 * start, and the rest is dropped on the next call). */
ssize_t audit_next_line(audit_reader *reader);

/* Give the current line back; the next audit_next_line returns it again. */
void audit_push_back_line(audit_reader *reader);

/* Why a line over the limit was skipped, WHAT ("the line", "the record")
 * named: in reader->reason. */
const char *audit_too_long_reason(audit_reader *reader, const char *what);

/* The input as a whole cannot be read as audits: say why, at LINE (in
 * reader->message), and stop the reading. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void audit_input_trouble(audit_reader *reader, unsigned long line, const char *format, ...);

/* The first byte of a line that is not a space or a tab, or -1. */
int audit_first_visible(const char *text, size_t length);

/* Hand a record to the handler; a nonzero answer stops the reading. An
 * audit's date is read in the declared form (rewritten YYYY-MM-DD) and
 * its amendment (reader->amended_by, amended_at, then cleared) checked
 * first: one that fails is handed over as an error instead. */
void audit_deliver(audit_reader *reader, unsigned long line, const rubric_audit *audit,
                   const char *case_reference, const char *error);

/* Hand over an unreadable record with its reason. */
void audit_deliver_error(audit_reader *reader, unsigned long line, const char *case_reference,
                         const char *reason);

#endif /* AUDIT_LINES_H */
