/*
 * grade_cli.h — rubric-grade's command line as one library call.
 *
 * Internal to the library and its programs (not installed). rubric-grade's
 * main is one call to rubric_grade_command; a program that links a
 * rubric's C tables (`rubricc --emit c`) passes them and gets the same
 * options, output, stderr lines and exit statuses, with no --rubric.
 */
#ifndef GRADE_CLI_H
#define GRADE_CLI_H

#include "rubric.h"

/* The exit statuses, as the help text and scripts know them. */
typedef enum grade_exit_status {
    GRADE_EXIT_ALL_GRADED = 0,   /* every record graded */
    GRADE_EXIT_RECORD_FAILED = 1, /* at least one record was unreadable or invalid */
    GRADE_EXIT_TROUBLE = 2       /* bad usage, an unusable rubric, unreadable input or unwritable output */
} grade_exit_status;

/* Run rubric-grade with ARGC and ARGV as main has them; the exit status.
 * LINKED_MODEL NULL: the rubric is loaded from --rubric, which is then
 * required; otherwise that model is graded with and --rubric is refused.
 * Writes to stdout (or -o FILE) and stderr; keeps no state between calls. */
int rubric_grade_command(int argc, char **argv, const rubric_model *linked_model);

#endif /* GRADE_CLI_H */
