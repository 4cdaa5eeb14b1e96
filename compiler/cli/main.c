/*
 * main.c — rubricc, the rubric compiler's command line.
 *
 *   rubricc [--emit json[,c,html,form,csv-template,index,crosswalk]] [-o DIR]
 *           [--check] [-Werror]
 *           [--diagnostics-format text|json|sarif|github] [--diagnostics-output FILE]
 *           [--max-errors N] [-I DIR] [--allow-include-anywhere]
 *           [--max-file-size BYTES] [--max-total-size BYTES] [--max-include-files N]
 *           FILE...
 *   rubricc lsp     (a language server for editors: lsp.h)
 *   rubricc import GRID.csv [-o FILE.rubric]     (import_grid.c)
 *
 * Each FILE is one rubric (with whatever it includes), compiled on its
 * own: its diagnostics go to stderr (or the --diagnostics-output file), in
 * the format chosen, and when it has no errors its outputs are written to
 * DIR (atomically, see output.c) as <rubric-id>.<ext>. A rubric with
 * errors writes nothing; the others are still compiled. The diagnostics of
 * all files make one run: one json or sarif document, one cap on errors.
 * The index and the crosswalk are about all the rubrics written in the run
 * together, so they are written once, after the last.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "compile.h"
#include "diagnostics.h"
#include "emit.h"
#include "format.h"
#include "import_grid.h"
#include "includes.h"
#include "lsp.h"
#include "output.h"
#include "rubric_diff.h"
#include "rubric_test.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0"
#endif

/* rubricc's exit statuses. */
enum exit_status {
    EXIT_CLEAN = 0,              /* compiled (warnings allowed) */
    EXIT_INPUT_ERRORS = 1,       /* a rubric has errors, or cannot be read or written */
    EXIT_USAGE = 2,              /* bad command line */
    EXIT_OUT_OF_MEMORY = 3       /* see arena.c */
};

enum emit_format {
    EMIT_JSON = 1 << 0,
    EMIT_C = 1 << 1,
    EMIT_HTML = 1 << 2,
    EMIT_FORM = 1 << 3,
    EMIT_CSV_TEMPLATE = 1 << 4,
    EMIT_INDEX = 1 << 5,
    EMIT_CROSSWALK = 1 << 6,
    EMIT_CANVAS_CSV = 1 << 7,
    EMIT_CASE = 1 << 8,
    EMIT_GRID_CSV = 1 << 9
};

/* The --emit names, and what each asks for. */
static const struct {
    const char *name;
    unsigned format;
} format_names[] = {
    {"json", EMIT_JSON}, {"c", EMIT_C}, {"html", EMIT_HTML}, {"form", EMIT_FORM},
    {"csv-template", EMIT_CSV_TEMPLATE}, {"index", EMIT_INDEX}, {"crosswalk", EMIT_CROSSWALK},
    {"canvas-csv", EMIT_CANVAS_CSV}, {"case", EMIT_CASE}, {"grid-csv", EMIT_GRID_CSV},
};

typedef struct options {
    unsigned formats;
    bool formats_given;
    bool check_only;
    bool warnings_are_errors;
    const char *output_directory;
    const char **files;
    int file_count;
    diagnostics_format diagnostics_format;
    const char *diagnostics_output;   /* NULL: stderr */
    int max_errors;
    source_limits limits;
    include_policy includes;
    const char **include_directories;
} options;

/* The --help text. */
static void usage(FILE *out)
{
    fputs("usage: rubricc [--emit FORMATS] [-o DIR] [--check] [-Werror] FILE...\n"
          "       rubricc fmt [--check | --diff | --write] FILE...\n"
          "       rubricc test [--junit FILE] RUBRIC [TESTS...]\n"
          "       rubricc diff [--breaking] [--html FILE] OLD NEW\n"
          "       rubricc import GRID.csv [-o FILE.rubric]\n"
          "       rubricc lsp\n"
          "\n"
          "Compile rubric files (the rubric language) and write their outputs.\n"
          "\n"
          "  --emit FORMATS  what to write, comma-separated (default json):\n"
          "                  json, c, html: DIR/<rubric-id>.json, .h and .c, .html\n"
          "                  form: DIR/<rubric-id>-form.html, the audit form\n"
          "                  csv-template: DIR/<rubric-id>-template.csv\n"
          "                  index, crosswalk: DIR/index.html, DIR/crosswalk.html,\n"
          "                  about all the rubrics of the run together\n"
          "                  canvas-csv: DIR/<rubric-id>-canvas.csv, Canvas's rubric import\n"
          "                  case: DIR/<rubric-id>-case.json, a CASE 1.1 CFRubric\n"
          "                  grid-csv: DIR/<rubric-id>-grid.csv, the spreadsheet grid\n"
          "                  that 'rubricc import' reads\n"
          "  -o, --output DIR  where to write (default: the current directory;\n"
          "                  created when missing)\n"
          "  --check         check only; write nothing\n"
          "  -Werror         treat warnings as errors\n"
          "  --diagnostics-format FORMAT  text (default), json, sarif (SARIF 2.1.0)\n"
          "                  or github (GitHub Actions annotations)\n"
          "  --diagnostics-output FILE  write diagnostics to FILE, not stderr\n"
          "  --max-errors N  show at most N errors (default 50; 0: all)\n"
          "  -I DIR          look for included files in DIR too (repeatable)\n"
          "  --allow-include-anywhere  allow absolute and '..' include paths and\n"
          "                  files outside the rubric's folder and the -I folders\n"
          "  --max-file-size BYTES     largest file read (default 67108864)\n"
          "  --max-total-size BYTES    most bytes read for one rubric with its\n"
          "                  includes (default 134217728)\n"
          "  --max-include-files N     most files read for one rubric (default 256)\n"
          "  -h, --help      show this help\n"
          "  -V, --version   show the version\n"
          "\n"
          "A FILE of '-' is read from standard input.\n"
          "'rubricc fmt' lays rubrics out canonically, 'rubricc test' runs a rubric's\n"
          "tests, 'rubricc diff' compares two editions, 'rubricc import' reads a\n"
          "spreadsheet grid, 'rubricc lsp' serves the Language Server Protocol to\n"
          "an editor; each takes --help.\n"
          "\n"
          "Exit status: 0 compiled (warnings allowed), 1 errors in a rubric or a file\n"
          "that cannot be read or written, 2 bad usage.\n",
          out);
}

/* A bad command line: the message, the hint, and EXIT_USAGE. */
static int usage_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fputs("rubricc: ", stderr);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
    fputs("\nTry 'rubricc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* --emit json,c,html: each comma-separated name must be a known format
 * (so an empty list, or an empty name as in "json,", is refused). */
static int parse_formats(const char *list, unsigned *formats)
{
    const char *cursor = list;
    for (;;) {
        size_t length = strcspn(cursor, ",");
        unsigned found = 0;
        for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
            if (strlen(format_names[i].name) == length && strncmp(cursor, format_names[i].name, length) == 0)
                found = format_names[i].format;
        *formats |= found;
        if (found == 0) {
            fprintf(stderr, "rubricc: unknown output format '%.*s'; choose json, c, html, form, "
                            "csv-template, index, crosswalk, canvas-csv, case or grid-csv\n",
                    (int)length, cursor);
            fputs("Try 'rubricc --help' for more information.\n", stderr);
            return -1;
        }
        cursor += length;
        if (*cursor == '\0')
            return 0;
        cursor++;
    }
}

/* --diagnostics-format: the format named value; -1 when there is none. */
static int parse_diagnostics_format(const char *value, diagnostics_format *format)
{
    static const struct {
        const char *name;
        diagnostics_format format;
    } formats[] = {
        {"text", DIAGNOSTICS_TEXT},
        {"json", DIAGNOSTICS_JSON},
        {"sarif", DIAGNOSTICS_SARIF},
        {"github", DIAGNOSTICS_GITHUB},
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(value, formats[i].name) == 0) {
            *format = formats[i].format;
            return 0;
        }
    }
    return -1;
}

/* A count or size: decimal digits only, at most maximum. -1 otherwise. */
static int parse_count(const char *value, unsigned long long maximum, unsigned long long *count)
{
    if (value == NULL || value[0] < '0' || value[0] > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long parsed = strtoull(value, &end, 10);
    if (errno != 0 || *end != '\0' || parsed > maximum)
        return -1;
    *count = parsed;
    return 0;
}

/* Whether argument is the option long_name ("--emit", "--emit=…") or its
 * short form ("-o"; NULL when it has none). */
static bool option_matches(const char *argument, const char *long_name, const char *short_name)
{
    size_t length = strlen(long_name);
    if (short_name != NULL && strcmp(argument, short_name) == 0)
        return true;
    return strncmp(argument, long_name, length) == 0
           && (argument[length] == '\0' || argument[length] == '=');
}

/* The value of the option at argv[*index]: after its '=' ("--emit=json"),
 * else the next argument (consumed); NULL when there is none. */
static const char *option_value(int argc, char **argv, int *index, const char *long_name)
{
    const char *argument = argv[*index];
    size_t length = strlen(long_name);
    if (strncmp(argument, long_name, length) == 0 && argument[length] == '=')
        return argument + length + 1;
    if (*index + 1 < argc)
        return argv[++*index];
    return NULL;
}

/* --max-errors N, --max-file-size BYTES, --max-total-size BYTES,
 * --max-include-files N: a number (0 only for --max-errors: no limit). */
static int parse_limit_option(int argc, char **argv, int *index, options *parsed)
{
    static const char *const names[] = {"--max-errors", "--max-file-size", "--max-total-size",
                                        "--max-include-files"};
    const char *argument = argv[*index];
    size_t which = 0;
    while (!option_matches(argument, names[which], NULL))
        which++;
    const char *value = option_value(argc, argv, index, names[which]);
    unsigned long long number;
    bool zero_allowed = which == 0;
    if (parse_count(value, which == 0 ? 1000000000ull : 0xffffffffull, &number) != 0
        || (number == 0 && !zero_allowed)) {
        usage_error("'%s' needs a whole number%s, like %s 100", names[which],
                    zero_allowed ? " (0 for no limit)" : " above 0", names[which]);
        return -1;
    }
    if (which == 0)
        parsed->max_errors = (int)number;
    else if (which == 1)
        parsed->limits.max_file_bytes = (size_t)number;
    else if (which == 2)
        parsed->limits.max_total_bytes = (size_t)number;
    else
        parsed->limits.max_files = (size_t)number;
    return 0;
}

/* Returns -1 to exit with the status in *status. */
static int parse_options(int argc, char **argv, options *parsed, int *status)
{
    memset(parsed, 0, sizeof *parsed);
    parsed->output_directory = ".";
    parsed->max_errors = DIAGNOSTICS_DEFAULT_MAX_ERRORS;
    parsed->limits.max_file_bytes = SOURCE_DEFAULT_MAX_FILE_BYTES;
    parsed->limits.max_total_bytes = SOURCE_DEFAULT_MAX_TOTAL_BYTES;
    parsed->limits.max_files = SOURCE_DEFAULT_MAX_FILES;
    parsed->files = calloc((size_t)argc + 1, sizeof *parsed->files);
    parsed->include_directories = calloc((size_t)argc + 1, sizeof *parsed->include_directories);
    parsed->includes.directories = parsed->include_directories;
    if (parsed->files == NULL || parsed->include_directories == NULL) {
        *status = EXIT_OUT_OF_MEMORY;
        return -1;
    }
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        const char *argument = argv[i];
        if (only_files || argument[0] != '-' || strcmp(argument, "-") == 0) {
            parsed->files[parsed->file_count++] = argument;
        } else if (strcmp(argument, "--") == 0) {
            only_files = true;
        } else if (strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0) {
            usage(stdout);
            *status = EXIT_CLEAN;
            return -1;
        } else if (strcmp(argument, "--version") == 0 || strcmp(argument, "-V") == 0) {
            printf("rubricc %s (rubric JSON format %d)\n", RUBRIC_VERSION, IR_FORMAT_VERSION);
            *status = EXIT_CLEAN;
            return -1;
        } else if (strcmp(argument, "--check") == 0) {
            parsed->check_only = true;
        } else if (strcmp(argument, "-Werror") == 0) {
            parsed->warnings_are_errors = true;
        } else if (option_matches(argument, "--emit", NULL)) {
            const char *value = option_value(argc, argv, &i, "--emit");
            if (value == NULL) {
                *status = usage_error("'%s' needs a list of formats, like --emit json,html", argument);
                return -1;
            }
            if (parse_formats(value, &parsed->formats) != 0) {
                *status = EXIT_USAGE;
                return -1;
            }
            parsed->formats_given = true;
        } else if (option_matches(argument, "--output", "-o")) {
            const char *value = option_value(argc, argv, &i, "--output");
            if (value == NULL || value[0] == '\0') {
                *status = usage_error("'%s' needs a directory", argument);
                return -1;
            }
            parsed->output_directory = value;
        } else if (option_matches(argument, "--diagnostics-format", NULL)) {
            const char *value = option_value(argc, argv, &i, "--diagnostics-format");
            if (value == NULL || parse_diagnostics_format(value, &parsed->diagnostics_format) != 0) {
                *status = usage_error("'%s' needs a format: text, json, sarif or github",
                                      value == NULL ? argument : value);
                return -1;
            }
        } else if (option_matches(argument, "--diagnostics-output", NULL)) {
            const char *value = option_value(argc, argv, &i, "--diagnostics-output");
            if (value == NULL || value[0] == '\0') {
                *status = usage_error("'%s' needs a file name", argument);
                return -1;
            }
            parsed->diagnostics_output = value;
        } else if (strcmp(argument, "--allow-include-anywhere") == 0) {
            parsed->includes.allow_anywhere = true;
        } else if (strncmp(argument, "-I", 2) == 0) {
            const char *value = argument[2] != '\0' ? argument + 2 : i + 1 < argc ? argv[++i] : NULL;
            if (value == NULL || value[0] == '\0') {
                *status = usage_error("'%s' needs a folder to look for included files in", argument);
                return -1;
            }
            parsed->include_directories[parsed->includes.directory_count++] = value;
        } else if (option_matches(argument, "--max-errors", NULL)
                   || option_matches(argument, "--max-file-size", NULL)
                   || option_matches(argument, "--max-total-size", NULL)
                   || option_matches(argument, "--max-include-files", NULL)) {
            if (parse_limit_option(argc, argv, &i, parsed) != 0) {
                *status = EXIT_USAGE;
                return -1;
            }
        } else {
            *status = usage_error("unknown option '%s'", argument);
            return -1;
        }
    }
    if (parsed->file_count == 0) {
        *status = usage_error("%s", "no rubric file given");
        return -1;
    }
    if (parsed->check_only && parsed->formats_given) {
        *status = usage_error("%s", "--check writes nothing; use it without --emit");
        return -1;
    }
    if (!parsed->formats_given)
        parsed->formats = EMIT_JSON;
    return 0;
}

/* Every output asked for, written atomically into the output directory. */
static int write_outputs(const options *parsed, const ir_rubric *rubric, diagnostics *report)
{
    static const struct {
        unsigned format;
        const char *suffix;
        output_writer writer;
    } outputs[] = {
        {EMIT_JSON, ".json", emit_json},
        {EMIT_C, ".h", emit_c_header},
        {EMIT_C, ".c", emit_c_source},
        {EMIT_HTML, ".html", emit_html},
        {EMIT_FORM, "-form.html", emit_form},
        {EMIT_CSV_TEMPLATE, "-template.csv", emit_csv_template},
        {EMIT_CANVAS_CSV, "-canvas.csv", emit_canvas_csv},
        {EMIT_CASE, "-case.json", emit_case},
        {EMIT_GRID_CSV, "-grid.csv", emit_grid_csv},
    };
    if (output_make_directory(parsed->output_directory) != 0) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "cannot create output directory '%s': %s",
                         parsed->output_directory, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        if (!(parsed->formats & outputs[i].format))
            continue;
        char name[512];
        snprintf(name, sizeof name, "%s%s", rubric->id, outputs[i].suffix);
        if (output_write_atomically(report, parsed->output_directory, name, outputs[i].writer,
                                    rubric) != 0)
            return -1;
    }
    return 0;
}

static int write_index(const void *set, FILE *out)
{
    return emit_index(set, out);
}

static int write_crosswalk(const void *set, FILE *out)
{
    return emit_crosswalk(set, out);
}

/* Writes the page about the whole set named name (index.html,
 * crosswalk.html), unless a rubric's own guidance page has that name: then
 * it says so and writes neither over the other. */
static int write_set_page(const options *parsed, const emit_rubric_set *set, const char *name,
                          output_context_writer writer, diagnostics *report)
{
    for (size_t i = 0; i < set->count && (parsed->formats & EMIT_HTML); i++) {
        size_t length = strlen(set->rubrics[i]->id);
        if (strncmp(name, set->rubrics[i]->id, length) == 0 && strcmp(name + length, ".html") == 0) {
            source_span none = {-1, 0, 0};
            diagnostic_error(report, none,
                             "rubric '%s' has its guidance page at '%s/%s', where the page about "
                             "all the rubrics goes; %s is not written (give the rubric another id)",
                             set->rubrics[i]->id, parsed->output_directory, name, name);
            return -1;
        }
    }
    return output_write_context_atomically(report, parsed->output_directory, name, writer, set);
}

/* The index and the crosswalk of the rubrics written, when asked for. */
static int write_set_outputs(const options *parsed, const ir_rubric *const *rubrics, size_t count,
                             diagnostics *report)
{
    static const struct {
        unsigned format, link;
    } links[] = {
        {EMIT_HTML, EMIT_LINK_PAGE}, {EMIT_JSON, EMIT_LINK_JSON}, {EMIT_FORM, EMIT_LINK_FORM},
        {EMIT_CSV_TEMPLATE, EMIT_LINK_CSV_TEMPLATE}, {EMIT_INDEX, EMIT_LINK_INDEX},
        {EMIT_CROSSWALK, EMIT_LINK_CROSSWALK},
    };
    emit_rubric_set set = {rubrics, count, 0};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
        if (parsed->formats & links[i].format)
            set.links |= links[i].link;
    if (count == 0 || !(parsed->formats & (EMIT_INDEX | EMIT_CROSSWALK)))
        return 0;
    if (output_make_directory(parsed->output_directory) != 0) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "cannot create output directory '%s': %s",
                         parsed->output_directory, strerror(errno));
        return -1;
    }
    int result = 0;
    if ((parsed->formats & EMIT_INDEX) && write_set_page(parsed, &set, "index.html", write_index, report) != 0)
        result = -1;
    if ((parsed->formats & EMIT_CROSSWALK) && write_set_page(parsed, &set, "crosswalk.html", write_crosswalk, report) != 0)
        result = -1;
    return result;
}

/* Compile each file on its own; the worst outcome sets the exit status. */
int main(int argc, char **argv)
{
    /* The language server and the authors' tools are commands of their own
     * (README: Editor support, Authoring, Importing); a rubric file named like one is
     * given as ./NAME. */
    if (argc > 1 && strcmp(argv[1], "lsp") == 0)
        return lsp_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "fmt") == 0)
        return format_command(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "test") == 0)
        return rubric_test_command(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "diff") == 0)
        return rubric_diff_command(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "import") == 0)
        return import_grid_main(argc - 1, argv + 1);
    options parsed;
    int status = EXIT_CLEAN;
    if (parse_options(argc, argv, &parsed, &status) != 0) {
        free(parsed.files);
        free(parsed.include_directories);
        return status;
    }
    FILE *diagnostics_out = stderr;
    if (parsed.diagnostics_output != NULL) {
        diagnostics_out = fopen(parsed.diagnostics_output, "w");
        if (diagnostics_out == NULL) {
            fprintf(stderr, "rubricc: cannot write diagnostics to '%s': %s\n",
                    parsed.diagnostics_output, strerror(errno));
            free(parsed.files);
            free(parsed.include_directories);
            return EXIT_INPUT_ERRORS;
        }
    }
    diagnostics_run *run = diagnostics_run_new(parsed.diagnostics_format, diagnostics_out,
                                               parsed.max_errors, RUBRIC_VERSION);
    /* The rubrics written in this run: two files must not overwrite each
     * other's outputs, and the index and the crosswalk list them. */
    const ir_rubric **written = calloc((size_t)parsed.file_count + 1, sizeof *written);
    arena **regions = calloc((size_t)parsed.file_count + 1, sizeof *regions);
    if (written == NULL || regions == NULL || run == NULL)
        return EXIT_OUT_OF_MEMORY;
    int written_count = 0;
    for (int i = 0; i < parsed.file_count; i++) {
        arena *region = arena_new();
        regions[i] = region;
        source_set sources;
        source_set_init(&sources, region);
        sources.limits = parsed.limits;
        sources.includes = &parsed.includes;
        diagnostics report;
        diagnostics_init(&report, &sources, diagnostics_out);
        report.warnings_are_errors = parsed.warnings_are_errors;
        report.run = run;
        const ir_rubric *rubric = strcmp(parsed.files[i], "-") == 0
                                      ? compile_standard_input(region, &sources, &report)
                                      : compile_file(region, &sources, &report, parsed.files[i]);
        if (rubric == NULL || report.error_count > 0) {
            status = EXIT_INPUT_ERRORS;
            continue;
        }
        if (parsed.check_only)
            continue;
        bool clash = false;
        for (int k = 0; k < written_count; k++)
            clash = clash || strcmp(written[k]->id, rubric->id) == 0;
        if (clash) {
            source_span none = {-1, 0, 0};
            diagnostic_error(&report, none,
                             "%s: another file of this run is also rubric '%s'; its outputs would "
                             "overwrite each other, so this one is not written",
                             parsed.files[i], rubric->id);
            status = EXIT_INPUT_ERRORS;
            continue;
        }
        written[written_count++] = rubric;
        if (write_outputs(&parsed, rubric, &report) != 0)
            status = EXIT_INPUT_ERRORS;
    }
    /* The set pages belong to no one source file: their errors carry no
     * position. */
    arena *set_region = arena_new();
    source_set no_sources;
    source_set_init(&no_sources, set_region);
    diagnostics set_report;
    diagnostics_init(&set_report, &no_sources, diagnostics_out);
    set_report.run = run;
    if (write_set_outputs(&parsed, written, (size_t)written_count, &set_report) != 0)
        status = EXIT_INPUT_ERRORS;
    if (diagnostics_run_finish(run) != 0 && status == EXIT_CLEAN)
        status = EXIT_INPUT_ERRORS;
    if (diagnostics_out != stderr && fclose(diagnostics_out) != 0) {
        fprintf(stderr, "rubricc: cannot write diagnostics to '%s': %s\n",
                parsed.diagnostics_output, strerror(errno));
        status = EXIT_INPUT_ERRORS;
    }
    arena_free(set_region);
    for (int i = 0; i < parsed.file_count; i++)
        arena_free(regions[i]);
    free(regions);
    free(written);
    free(parsed.files);
    free(parsed.include_directories);
    return status;
}
