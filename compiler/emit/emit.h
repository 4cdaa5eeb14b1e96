/*
 * emit.h — the emitters: checked IR in, one output file's bytes out.
 *
 * Each emitter writes the whole of one output file to a stdio stream and
 * reads nothing but the IR (ir.h). It never opens, renames or removes files:
 * output.c gives it a temporary file in the output directory and renames it
 * into place only when the emitter and the write both succeeded, so a failed
 * run never leaves a half-written file. Output depends on the IR alone (no
 * dates, no addresses, no locale), so the same rubric gives the same bytes.
 *
 * Every function returns 0 on success and -1 when writing failed.
 */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

#include "ir.h"

int emit_json(const ir_rubric *rubric, FILE *out);       /* <id>.json */
int emit_c_header(const ir_rubric *rubric, FILE *out);   /* <id>.h */
int emit_c_source(const ir_rubric *rubric, FILE *out);   /* <id>.c */
int emit_html(const ir_rubric *rubric, FILE *out);       /* <id>.html */
int emit_form(const ir_rubric *rubric, FILE *out);       /* <id>-form.html */

/* The audit form with the rubric's grade shown live (emit_form.c): the page
 * carries the grader's WebAssembly module (rubric-grade.wasm, as bytes) and
 * the rubric's JSON. With no module (NULL) it is emit_form's page. */
typedef struct emit_form_request {
    const ir_rubric *rubric;
    const unsigned char *grader_module;
    size_t grader_module_size;
} emit_form_request;
int emit_form_with_grade(const void *request, FILE *out);   /* request: an emit_form_request */
/* Whether this rubricc can write the live grade (its script was built in). */
int emit_form_grade_available(void);
int emit_csv_template(const ir_rubric *rubric, FILE *out);   /* <id>-template.csv */
int emit_xlsx_template(const ir_rubric *rubric, FILE *out);  /* <id>-template.xlsx (emit_xlsx_template.c) */
int emit_canvas_csv(const ir_rubric *rubric, FILE *out);     /* <id>-canvas.csv (emit_canvas.c) */
int emit_case(const ir_rubric *rubric, FILE *out);           /* <id>-case.json (emit_case.c) */
int emit_grid_csv(const ir_rubric *rubric, FILE *out);       /* <id>-grid.csv (emit_grid.c) */

/* The pages about all the rubrics of one run together. links says which
 * per-rubric outputs were written beside them, so that only those are
 * linked to. */
enum emit_link {
    EMIT_LINK_PAGE = 1 << 0,     /* <id>.html */
    EMIT_LINK_JSON = 1 << 1,     /* <id>.json */
    EMIT_LINK_FORM = 1 << 2,     /* <id>-form.html */
    EMIT_LINK_CSV_TEMPLATE = 1 << 3, /* <id>-template.csv */
    EMIT_LINK_INDEX = 1 << 4,    /* index.html */
    EMIT_LINK_CROSSWALK = 1 << 5, /* crosswalk.html */
    /* The offline pages (web/), when they are already in the output
     * directory: the index links to them only then. */
    EMIT_LINK_STUDIO = 1 << 6,   /* studio.html */
    EMIT_LINK_RESULTS = 1 << 7   /* results.html */
};

typedef struct emit_rubric_set {
    const ir_rubric *const *rubrics;
    size_t count;
    unsigned links;              /* enum emit_link bits */
} emit_rubric_set;

int emit_index(const emit_rubric_set *set, FILE *out);      /* index.html */
int emit_crosswalk(const emit_rubric_set *set, FILE *out);  /* crosswalk.html */

/* The C identifier of a rubric's exported table: "rubric_table_" followed by the
 * id with '-' turned into '_' ("lbx-case-audit" -> "rubric_table_lbx_case_audit"). The
 * prefix keeps it clear of every name of the runtime library (an id "model"
 * would otherwise give "rubric_model").
 * Writes at most size bytes including the NUL; returns the full length. */
size_t emit_c_symbol(const char *rubric_id, char *buffer, size_t size);

#endif /* EMIT_H */
