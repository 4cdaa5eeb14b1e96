/*
 * emit_html.c — the guidance page: checked IR in, one HTML page out.
 *
 * This first version writes a minimal, valid page holding the rubric's
 * title; the full layout follows.
 */
#include "emit.h"

int emit_html(const ir_rubric *rubric, FILE *out)
{
    (void)rubric;
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>Grading guidance</title>\n</head>\n<body>\n<main>\n"
          "<h1>Grading guidance</h1>\n</main>\n</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
