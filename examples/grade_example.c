/*
 * grade_example.c — grade one case audit with the rubric library.
 *
 * A starting point to copy: it loads a compiled rubric (the JSON that
 * `rubricc --emit json` writes), builds one audit in code, grades it and
 * prints every section grade and the overall grade with the rule that
 * decided each. Only the installed header, rubric.h, is used.
 *
 * Build and run (after `make install`):
 *
 *     cc -std=c11 grade_example.c $(pkg-config --cflags --libs rubric) -o grade_example
 *     ./grade_example /usr/local/share/.../waltham-forest-case-audit-grading-criteria.json
 *
 * The audit below is for Waltham Forest's rubric
 * (rubrics/waltham-forest-case-audit-grading-criteria.rubric); the test in
 * tests/example.mk runs it on that rubric and compares what it prints with
 * examples/grade_example.expected.
 */
#include <stdio.h>
#include <string.h>

#include <rubric.h>

/* The grades the auditor gave. In a real program they come from a form or
 * a spreadsheet; here a few are written out and every other criterion is
 * graded Good (see grade_every_criterion). */
static const rubric_entry auditor_judgements[] = {
    {"strategy-meetings-discussions", "R"},
    {"s47-timeliness-and-quality", "R"},     /* the S47 enquiry was late */
    {"s47-engagement-with-the-child", "R"},
    {"s47-impact-on-the-child", "R"},
    {"consideration-of-case-history", "R"},
    {"family-and-support-network", "I"},
    {"audit-findings", "NA"},                /* no audit in the past 6 months */
    {"the-childs-voice-wishes-and-feelings", "O"},
    {"placement-finding", "NA"},             /* not a looked after child */
};

/* A grade's code ("G"), or "-" when there is none. */
static const char *code(const rubric_model *model, int grade)
{
    const char *text = rubric_grade_code(model, grade);
    return text ? text : "-";
}

/* One outcome in a line: its grade, then the rule that decided it. */
static void print_outcome(const rubric_model *model, const char *name, const rubric_outcome *outcome)
{
    printf("%-44s %-2s  ", name, code(model, outcome->grade));
    if (outcome->counted == 0) {
        printf("every grade was NA\n");
        return;
    }
    printf("%s of %u grades", rubric_method_name(outcome->method), outcome->counted);
    if (outcome->not_applicable)
        printf(", %u NA", outcome->not_applicable);
    if (outcome->decided_by_tie)
        printf(", tie broken to the %s grade", rubric_ties_name(model->rules.ties));
    if (outcome->limited) {
        /* A limit ("no better than ...") lowered what the method gave. */
        const char *cap = outcome->limit_kind == RUBRIC_LIMIT_BY_CRITERION
                              ? model->criteria[outcome->limit_index].id
                              : model->sections[outcome->limit_index].id;
        printf("; %s gave %s, capped by %s", rubric_method_name(outcome->method), code(model, outcome->method_grade),
               cap);
    }
    if (outcome->auditor_grade != RUBRIC_GRADE_NONE)
        printf("; auditor said %s", code(model, outcome->auditor_grade));
    printf("\n");
}

/* Fill ENTRIES with one grade per criterion of MODEL: the auditor's
 * judgement where there is one, else "G". Returns how many were filled. */
static unsigned grade_every_criterion(const rubric_model *model, rubric_entry *entries, unsigned capacity)
{
    unsigned count = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count && count < capacity; criterion++) {
        const char *id = model->criteria[criterion].id;
        const char *grade = "G";
        for (size_t index = 0; index < sizeof auditor_judgements / sizeof auditor_judgements[0]; index++)
            if (strcmp(auditor_judgements[index].key, id) == 0)
                grade = auditor_judgements[index].value;
        entries[count++] = (rubric_entry){id, grade};
    }
    return count;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: grade_example RUBRIC.json\n");
        return 2;
    }

    /* 1. Load the rubric. Errors come back in a rubric_error, never on stderr. */
    rubric_error error;
    rubric_document *document = rubric_document_load_file(argv[1], &error);
    if (document == NULL) {
        fprintf(stderr, "grade_example: %s\n", error.message);
        return 2;
    }
    const rubric_model *model = rubric_document_model(document);

    /* 2. A grader holds the buffers grading needs: make one, grade many. */
    rubric_grader *grader = rubric_grader_new(model, &error);
    if (grader == NULL) {
        fprintf(stderr, "grade_example: %s\n", error.message);
        rubric_document_free(document);
        return 2;
    }

    /* 3. The audit: who, when, and a grade per criterion id. The auditor's
     *    own overall grade is optional; the grader says if it agrees. */
    static rubric_entry grades[256];
    rubric_audit audit = {
        .case_reference = "EXAMPLE-001",
        .rubric_id = model->id,
        .auditor = "Example Auditor",
        .date = "2026-04-01",
        .grades = grades,
        .grade_count = grade_every_criterion(model, grades, sizeof grades / sizeof grades[0]),
        .auditor_overall = "G",
    };

    /* 4. Grade it. The result belongs to the grader until the next call. */
    const rubric_result *result = rubric_grade(grader, &audit);
    int status = 0;
    if (!result->valid) {
        /* Unknown or missing criteria, grades off the scale, NA where not allowed. */
        char problem[256];
        for (unsigned index = 0; index < result->problem_count; index++) {
            rubric_problem_describe(model, &result->problems[index], problem, sizeof problem);
            printf("problem: %s\n", problem);
        }
        status = 1;
    } else {
        /* 5. Walk the result: arrays indexed like the model's sections. */
        printf("%s: %s\n", audit.case_reference, model->title);
        for (unsigned section = 0; section < model->section_count; section++) {
            char name[64];
            snprintf(name, sizeof name, "section %s %s", model->sections[section].number,
                     model->sections[section].id);
            print_outcome(model, name, &result->sections[section]);
        }
        print_outcome(model, "overall", &result->overall);
    }

    /* 6. Free the grader, then the document that owns the model. */
    rubric_grader_free(grader);
    rubric_document_free(document);
    return status;
}
