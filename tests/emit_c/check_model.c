/*
 * check_model.c — the grading library accepts a rubric linked in as C tables.
 *
 * The C emitter's test (tests/emit_c/run.sh) builds this once per rubric,
 * with the rubric's generated header and symbol named on the command line
 * (-DRUBRIC_HEADER='"ID.h"' -DRUBRIC_SYMBOL=rubric_table_ID), and links it with
 * the tables and librubric.a. It exits 0 when the library's integrity check
 * (rubric_model_check) passes and a grader can be made from the tables,
 * else prints the library's reason and exits 1.
 */
#include <stdio.h>

#include RUBRIC_HEADER

int main(void)
{
    rubric_error error;
    if (!rubric_model_check(&RUBRIC_SYMBOL, &error)) {
        printf("rubric_model_check: %s\n", error.message);
        return 1;
    }
    rubric_grader *grader = rubric_grader_new(&RUBRIC_SYMBOL, &error);
    if (grader == NULL) {
        printf("rubric_grader_new: %s\n", error.message);
        return 1;
    }
    rubric_grader_free(grader);
    return 0;
}
