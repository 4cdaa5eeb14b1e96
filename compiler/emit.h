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

/* The C identifier of a rubric's exported table: "rubric_table_" followed by the
 * id with '-' turned into '_' ("lbx-case-audit" -> "rubric_table_lbx_case_audit"). The
 * prefix keeps it clear of every name of the runtime library (an id "model"
 * would otherwise give "rubric_model").
 * Writes at most size bytes including the NUL; returns the full length. */
size_t emit_c_symbol(const char *rubric_id, char *buffer, size_t size);

#endif /* EMIT_H */
