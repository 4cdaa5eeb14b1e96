/*
 * ast_build.h — building the syntax tree: the constructors the parser's
 * and the lexer's actions call, one line each.
 *
 * They take the parse's state (parse_context, frontend.h) to allocate from
 * its arena, report duplicates to its diagnostics and attach entries to
 * the block being read. The tree's types are in ast.h, which knows nothing
 * of the parse, so the checker and the tools can read a tree without it.
 */
#ifndef AST_BUILD_H
#define AST_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "frontend.h"

/* Prose values, built by the lexer line by line. */
ast_prose *ast_prose_new(parse_context *context, source_span where);
void ast_prose_add_line(parse_context *context, ast_prose *prose, unsigned offset,
                        const char *text, size_t length, bool break_before);
void ast_prose_finish(parse_context *context, ast_prose *prose);

/* Comma-separated values. */
ast_items *ast_items_new(parse_context *context, const char *text, source_span where);
ast_items *ast_items_append(parse_context *context, ast_items *items, const char *text,
                            source_span where);

/* Header and blocks of the rubric being parsed. */
void ast_set_rubric_id(parse_context *context, ast_items *id, source_span where);
void ast_set_header(parse_context *context, ast_header_field field, ast_prose *value,
                    source_span where);
void ast_open_block(parse_context *context, ast_block_kind kind, source_span where,
                    ast_entry_list entries);
/* "scale: scores 0 to 10" (before the scale block is opened), "case
 * types:" and "answers ID: Title". */
void ast_set_scale_kind(parse_context *context, ast_items *kind);
void ast_set_case_types(parse_context *context, ast_items *types, source_span where);
/* "target: 80% of audits good or better overall", the rubric's own. */
void ast_set_target(parse_context *context, ast_items *target, source_span where);
void ast_add_answer_set(parse_context *context, const char *id, source_span id_where,
                        ast_prose *title, source_span where, ast_entry_list entries);
ast_entry_list ast_entries_append(parse_context *context, ast_entry_list list,
                                  const char *label, ast_prose *value, source_span where);
void ast_add_rule(parse_context *context, const char *name, ast_items *value, source_span where);
/* One entry of "facts:" (TYPE NULL when nothing follows the colon). */
void ast_add_fact(parse_context *context, const char *name, ast_items *type, source_span where);

/* Sections and criteria, in the order written. */
ast_section *ast_section_new(parse_context *context, const char *number, source_span number_where,
                             ast_prose *title, source_span where);
void ast_section_set_items(parse_context *context, ast_section *section, const char *field,
                           ast_items **slot, ast_items *value, source_span where);
void ast_section_set_prose(parse_context *context, ast_section *section, const char *field,
                           ast_prose **slot, ast_prose *value, source_span where);
/* "title supplied:", once per section; its keyword's place is kept. */
void ast_section_set_title_supplied(parse_context *context, ast_section *section,
                                    ast_prose *value, source_span where);
void ast_section_every_criterion(parse_context *context, ast_section *section,
                                 ast_entry_list levels, source_span where);
ast_criterion *ast_criterion_new(parse_context *context, const char *id, source_span id_where,
                                 ast_prose *title, source_span where);
void ast_criterion_set_items(parse_context *context, ast_criterion *criterion, const char *field,
                             ast_items **slot, ast_items *value, source_span where);
void ast_section_add_criterion(parse_context *context, ast_section *section,
                               ast_criterion *criterion);
void ast_add_section(parse_context *context, ast_section *section);
/* Stand-ins for a heading with a syntax error (already reported): the
 * entries under it stay in their place, so that they cause no further
 * errors; the checker leaves them out. */
ast_section *ast_section_broken(parse_context *context, source_span where);
ast_criterion *ast_criterion_broken(parse_context *context, source_span where);
/* A line in the criterion could not be read (reported): what it lacks may
 * be on that line, so the checker does not report it missing. */
ast_criterion *ast_criterion_damaged(parse_context *context, ast_criterion *criterion);
/* A criterion written before any section: an error, reported here. */
void ast_orphan_criterion(parse_context *context, ast_criterion *criterion);

#endif /* AST_BUILD_H */
