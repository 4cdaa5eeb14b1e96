/*
 * rubric_grade_main.c — rubric-grade, the command-line grader for scripts.
 *
 *   rubric-grade --rubric FILE.json [OPTION ...] [INPUT ...]
 *   rubric-grade sample [OPTION ...] CASES.csv
 *
 * The whole program is rubric_grade_command (grade_cli.c) with the rubric
 * loaded from --rubric; its one subcommand, sample (sample.c), chooses the
 * cases of an audit round before any grading.
 */
#include <string.h>

#include "grade_cli.h"
#include "sample.h"

/* Grade as the command line says, or choose the cases. */
int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "sample") == 0)
        return rubric_grade_sample(argc - 1, argv + 1);
    return rubric_grade_command(argc, argv, NULL);
}
