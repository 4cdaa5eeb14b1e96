/*
 * rubric_grade_main.c — rubric-grade, the command-line grader for scripts.
 *
 *   rubric-grade --rubric FILE.json [OPTION ...] [INPUT ...]
 *
 * The whole program is rubric_grade_command (grade_cli.c) with the rubric
 * loaded from --rubric.
 */
#include "grade_cli.h"

/* Grade as the command line says. */
int main(int argc, char **argv)
{
    return rubric_grade_command(argc, argv, NULL);
}
