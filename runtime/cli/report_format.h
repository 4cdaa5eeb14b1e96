/*
 * report_format.h — the formats rubric-grade writes records and summaries
 * in: JSON Lines, CSV or a readable text table.
 *
 * Internal to rubric-grade (not installed). A type of its own, below the
 * report (report.h), its pieces (report_pieces.h) and the summary
 * (summary.h), which all choose by it, so that none of them includes
 * another for it.
 */
#ifndef REPORT_FORMAT_H
#define REPORT_FORMAT_H

typedef enum report_format {
    REPORT_FORMAT_JSONL,
    REPORT_FORMAT_CSV,
    REPORT_FORMAT_TEXT
} report_format;

#endif /* REPORT_FORMAT_H */
