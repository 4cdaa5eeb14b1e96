/*
 * report_pieces.h — the text of a report's records that depends only on
 * the rubric, made once when the report is made.
 *
 * Internal to rubric-grade's reporting (not installed). A JSON Lines
 * record of a 55-criterion rubric is some 4 KB, nearly all of it ids,
 * grade codes and the fixed words between them, joined the same way for
 * every audit. Each such run is made here once, quoted, escaped and
 * joined with the punctuation around it (`"id":"R",` for a criterion
 * graded R), so report.c writes a record mostly by copying whole pieces,
 * one per criterion, a few per outcome, instead of escaping and joining
 * every part again for every audit.
 *
 * Tables are indexed by grade as report_grade_index gives it (no grade,
 * NA, then each level) and hold, for the chosen format:
 *
 *   JSON Lines                                CSV
 *   grades     "R", "NA", null                ,R  ,NA  ,   (a cell and the comma before it)
 *   criteria   "id":"R",   (criterion, value)
 *   pairs      "id1":"R","id2":"G",   (two criteria and their values, when few enough)
 *   members    "id",       (decided_by lists)
 *   section heads  {"id":"id","grade":"R","rule":"median","counted":  (section, grade; its own method)
 *   opens      {"id":"id",   (a section object)
 *   heads      "grade":"R","rule":"median","counted":  (any method; of the
 *              overall: ,"overall":{"grade":"R","rule":"median of sections",...)
 *   limits     ,"limited_by":"criterion x","before_limit":   ,criterion x  (per limit rule)
 *   auditors   ,"auditor":"G","agrees":false,"difference":1   ,G,1 level better  (auditor, grade)
 *   rubric     ,"rubric":"id","auditor":      ,id,
 *   tie        ,"tie":"lower"
 *
 * The text ends with OUTPUT_BLOCK bytes of padding, so every piece can be
 * copied by output_put_blocks.
 */
#ifndef REPORT_PIECES_H
#define REPORT_PIECES_H

#include <stddef.h>
#include <stdint.h>

#include "output_buffer.h"
#include "report_format.h"
#include "rubric.h"

/* A piece: where it starts in report_pieces.text, and its length. */
typedef struct report_piece {
    uint32_t offset;
    uint32_t length;
} report_piece;

/* The most pieces the pairs of criteria may take: a pair is one copy for
 * two criteria, but there are value_span squared of them per pair, so rubrics
 * with many criteria or long scales go one criterion at a time. */
enum { REPORT_PAIR_LIMIT = 1 << 14 };

/* The methods a head is made for. */
enum { REPORT_METHOD_COUNT = RUBRIC_METHOD_MEAN + 1 };

typedef struct report_pieces {
    output_buffer text;              /* every piece, then the padding */
    size_t grade_span;               /* grades a grade table holds: none, NA, each level */
    size_t value_span;               /* values a criterion's row holds: grade_span, or a
                                        checklist's answers when there are more */
    report_piece *tables;            /* the tables below, in one allocation */
    report_piece *grades;            /* by grade */
    report_piece *criteria;          /* JSON: by criterion * value_span + grade index */
    report_piece *criterion_pairs;   /* JSON: criteria 2P and 2P + 1 joined, by P * value_span squared
                                        + their grade indexes; NULL beyond REPORT_PAIR_LIMIT */
    report_piece *criterion_members; /* JSON: by criterion */
    report_piece *section_members;   /* JSON: by section */
    report_piece *section_heads;     /* JSON: by section * grade_span + grade index */
    report_piece *section_opens;     /* JSON: by section */
    report_piece *heads;             /* JSON: by report_head_index */
    report_piece *limits;            /* by limit rule (rules.limits) */
    report_piece *auditors;          /* by report_pair_index */
    report_piece rubric;
    report_piece tie;                /* JSON */
} report_pieces;

/* Make MODEL's pieces for FORMAT (none for the text table); 0 when out of
 * memory. report_pieces_free frees them either way. */
int report_pieces_make(report_pieces *pieces, const rubric_model *model, report_format format);
void report_pieces_free(report_pieces *pieces);

/* Where GRADE (a level index, NA or none) is in a table by grade. */
static inline size_t report_grade_index(int grade)
{
    return (size_t)(grade + 2);
}

/* Where an outcome's head is: of the overall or of a section, its grade,
 * its method. */
static inline size_t report_head_index(const report_pieces *pieces, int of_overall, int grade, rubric_method method)
{
    return ((size_t)of_overall * pieces->grade_span + report_grade_index(grade)) * REPORT_METHOD_COUNT +
           (size_t)method;
}

/* Where the pair of the auditor's grade and the outcome's grade is. */
static inline size_t report_pair_index(const report_pieces *pieces, int auditor_grade, int grade)
{
    return report_grade_index(auditor_grade) * pieces->grade_span + report_grade_index(grade);
}

/* Write PIECE at TO where room for its length and OUTPUT_BLOCK more was
 * reserved; returns its end. TEXT is the pieces' text (pieces->text.text,
 * kept by a caller in a local, as a store through TO could change what
 * it points to as far as the compiler knows). */
static inline char *report_piece_put(char *to, const char *text, report_piece piece)
{
    return output_put_blocks(to, text + piece.offset, piece.length);
}

/* The longest of COUNT pieces from FIRST. */
size_t report_pieces_longest(const report_piece *first, size_t count);

#endif /* REPORT_PIECES_H */
