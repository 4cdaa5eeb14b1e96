/*
 * grade_with_tables.c — rubric-grade with the rubric taken from linked C
 * tables instead of the JSON loader.
 *
 *   grade-ID [OPTION ...] [INPUT ...]     (rubric-grade's options, no --rubric)
 *
 * The one-truth test (tests/one_truth/run.sh) builds this once per shipped
 * rubric, linked with the tables `rubricc --emit c` wrote for it (the
 * header and symbol are named on the command line: -DRUBRIC_TABLES_HEADER
 * and -DRUBRIC_TABLES_SYMBOL) and with librubric.a, and compares what it
 * writes with rubric-grade's output for the same audits, byte for byte.
 * Both programs are the same call, rubric_grade_command; only the model's
 * origin differs.
 */
#include "grade_cli.h"

#include RUBRIC_TABLES_HEADER

/* Grade as the command line says, with the linked rubric. */
int main(int argc, char **argv)
{
    return rubric_grade_command(argc, argv, &RUBRIC_TABLES_SYMBOL);
}
