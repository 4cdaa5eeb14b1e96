/*
 * main.c — rubricc, the rubric compiler's command line.
 *
 *   rubricc [OPTION]... FILE...      compile (the options: rubricc_options)
 *   rubricc fmt|test|diff|import|lsp [OPTION]... [ARGUMENT]...
 *                                    a subcommand, which parses the rest
 *   rubricc help [COMMAND]           rubricc's help, or COMMAND's
 *
 * The options are one table (common/command_line.h), from which both the
 * parser and the --help text come; each subcommand has its own.
 *
 * Each FILE is one rubric (with whatever it includes), compiled on its
 * own: its diagnostics go to stderr (or the --diagnostics-output file), in
 * the format chosen, and when it has no errors its outputs are written to
 * DIR (atomically, see output.c) as <rubric-id>.<ext>. A rubric with
 * errors writes nothing; the others are still compiled. The diagnostics of
 * all files make one run: one json or sarif document, one cap on errors.
 * The index and the crosswalk are about all the rubrics written in the run
 * together, so they are written once, after the last.
 *
 * No output may be an input: the option table marks --output and
 * --diagnostics-output, the parser refuses one that names a rubric
 * (common/file_roles.h), and each file about to be written into DIR is
 * checked against the rubrics, the files they include and the diagnostics
 * file; an overlap is refused with exit status 2.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "command_line.h"
#include "compile.h"
#include "diagnostics.h"
#include "emit.h"
#include "file_roles.h"
#include "format.h"
#include "import_grid.h"
#include "includes.h"
#include "lsp.h"
#include "output.h"
#include "output_file.h"
#include "rubric_diff.h"
#include "rubric_test.h"
#include "suggest.h"

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
    EMIT_GRID_CSV = 1 << 9,
    EMIT_XLSX_TEMPLATE = 1 << 10
};

/* The --emit names, and what each asks for. */
static const struct {
    const char *name;
    unsigned format;
} format_names[] = {
    {"json", EMIT_JSON}, {"c", EMIT_C}, {"html", EMIT_HTML}, {"form", EMIT_FORM},
    {"csv-template", EMIT_CSV_TEMPLATE}, {"index", EMIT_INDEX}, {"crosswalk", EMIT_CROSSWALK},
    {"canvas-csv", EMIT_CANVAS_CSV}, {"case", EMIT_CASE}, {"grid-csv", EMIT_GRID_CSV},
    {"xlsx-template", EMIT_XLSX_TEMPLATE},
};

/* The WebAssembly build has no spreadsheet library (wasm/README.md):
 * its help says so, and --emit xlsx-template is refused there. */
#if defined(RUBRIC_NO_XLSX_WRITE)
#define XLSX_TEMPLATE_HELP "xlsx-template: not available in this build\n"
#else
#define XLSX_TEMPLATE_HELP "xlsx-template: DIR/<rubric-id>-template.xlsx,\n" \
                           "the data-entry workbook\n"
#endif

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
    const char *grader_module_path;   /* --grader-module, or NULL: the installed one if there */
    unsigned char *grader_module;     /* its bytes (the form's live grade), or NULL */
    size_t grader_module_size;
} options;

/* What rubricc's options are, for the switch in parse_options. */
enum rubricc_option {
    OPTION_EMIT, OPTION_OUTPUT, OPTION_CHECK, OPTION_WARNINGS, OPTION_DIAGNOSTICS_FORMAT,
    OPTION_DIAGNOSTICS_OUTPUT, OPTION_MAX_ERRORS, OPTION_INCLUDE_DIRECTORY,
    OPTION_ALLOW_INCLUDE_ANYWHERE, OPTION_MAX_FILE_SIZE, OPTION_MAX_TOTAL_SIZE,
    OPTION_MAX_INCLUDE_FILES, OPTION_GRADER_MODULE, OPTION_HELP, OPTION_VERSION
};

/* Where `make install` puts the grader's WebAssembly module, which the
 * audit form carries for its live grade when --grader-module is not given. */
#ifndef RUBRIC_DATA_DIR
#define RUBRIC_DATA_DIR "/usr/local/share/rubric"
#endif
#define INSTALLED_GRADER_MODULE RUBRIC_DATA_DIR "/rubric-grade.wasm"

/* rubricc's options: the parser and the --help text both come from here. */
static const command_line_option rubricc_options[] = {
    {"emit", 0, "FORMATS",
     "what to write, comma-separated (default json):\n"
     "json, c, html: DIR/<rubric-id>.json, .h and .c,\n"
     ".html\n"
     "form: DIR/<rubric-id>-form.html, the audit form\n"
     "csv-template: DIR/<rubric-id>-template.csv\n"
     XLSX_TEMPLATE_HELP
     "index, crosswalk: DIR/index.html and\n"
     "DIR/crosswalk.html, about all the rubrics of\n"
     "the run together\n"
     "canvas-csv: DIR/<rubric-id>-canvas.csv, for\n"
     "Canvas's rubric import\n"
     "case: DIR/<rubric-id>-case.json, a CASE 1.1\n"
     "CFRubric\n"
     "grid-csv: DIR/<rubric-id>-grid.csv, the\n"
     "spreadsheet grid that 'rubricc import' reads",
     OPTION_EMIT, COMMAND_LINE_NO_FILE},
    {"output", 'o', "DIR",
     "where to write (default: the current directory;\n"
     "created when missing)",
     OPTION_OUTPUT, COMMAND_LINE_OUTPUT_FOLDER},
    {"check", 0, NULL, "check only; write nothing", OPTION_CHECK, COMMAND_LINE_NO_FILE},
    {"warnings", 'W', "error", "treat warnings as errors (written -Werror)",
     OPTION_WARNINGS, COMMAND_LINE_NO_FILE},
    {"diagnostics-format", 0, "FORMAT",
     "text (default), json, sarif (SARIF 2.1.0) or\n"
     "github (GitHub Actions annotations)",
     OPTION_DIAGNOSTICS_FORMAT, COMMAND_LINE_NO_FILE},
    {"diagnostics-output", 0, "FILE", "write diagnostics to FILE, not stderr",
     OPTION_DIAGNOSTICS_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"max-errors", 0, "N", "show at most N errors (default 50; 0: all)",
     OPTION_MAX_ERRORS, COMMAND_LINE_NO_FILE},
    {"include-directory", 'I', "DIR", "look for included files in DIR too (repeatable)",
     OPTION_INCLUDE_DIRECTORY, COMMAND_LINE_NO_FILE},
    {"allow-include-anywhere", 0, NULL,
     "allow absolute and '..' include paths and files\n"
     "outside the rubric's folder and the -I folders",
     OPTION_ALLOW_INCLUDE_ANYWHERE, COMMAND_LINE_NO_FILE},
    {"max-file-size", 0, "BYTES", "largest file read (default 67108864)",
     OPTION_MAX_FILE_SIZE, COMMAND_LINE_NO_FILE},
    {"max-total-size", 0, "BYTES",
     "most bytes read for one rubric with its includes\n"
     "(default 134217728)",
     OPTION_MAX_TOTAL_SIZE, COMMAND_LINE_NO_FILE},
    {"max-include-files", 0, "N", "most files read for one rubric (default 256)",
     OPTION_MAX_INCLUDE_FILES, COMMAND_LINE_NO_FILE},
    {"grader-module", 0, "FILE",
     "the grader's module (rubric-grade.wasm) for the\n"
     "audit form to show the rubric's grade as boxes\n"
     "are ticked (default: the one installed in\n"
     "share/rubric, if there; else no live grade)",
     OPTION_GRADER_MODULE, COMMAND_LINE_INPUT_FILE},
    {"help", 'h', NULL, "show this help and exit", OPTION_HELP, COMMAND_LINE_NO_FILE},
    {"version", 'V', NULL, "show the version and exit", OPTION_VERSION, COMMAND_LINE_NO_FILE},
};

/* The subcommands, each with its own --help (rubricc help COMMAND). */
static const command_line_subcommand rubricc_subcommands[] = {
    {"fmt", "lay rubric files out canonically"},
    {"test", "grade a rubric's test audits and check the grades"},
    {"diff", "what changed between two editions of a rubric"},
    {"import", "turn a spreadsheet grid (CSV) into a rubric"},
    {"lsp", "serve the Language Server Protocol to an editor"},
    {"help", "show this help, or a COMMAND's"},
};

static const command_line_exit rubricc_exits[] = {
    {EXIT_CLEAN, "compiled (warnings allowed)"},
    {EXIT_INPUT_ERRORS, "errors in a rubric, or a file that cannot be read or written"},
    {EXIT_USAGE, "bad usage"},
    {EXIT_OUT_OF_MEMORY, "out of memory"},
};

static const command_line_command rubricc_command = {
    "rubricc",
    "[OPTION]... FILE...\n"
    "COMMAND [OPTION]... [ARGUMENT]...",
    "Compile rubric files (the rubric language) and write their outputs.\n"
    "A FILE of '-' is read from standard input. Each COMMAND takes --help;\n"
    "'rubricc help COMMAND' shows it too. Long options are written in full.\n"
    "See rubricc(1).",
    rubricc_options, sizeof rubricc_options / sizeof rubricc_options[0],
    rubricc_subcommands, sizeof rubricc_subcommands / sizeof rubricc_subcommands[0],
    rubricc_exits, sizeof rubricc_exits / sizeof rubricc_exits[0],
    COMMAND_LINE_INPUT_FILE, "the rubric", false,
};

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
#if defined(RUBRIC_NO_XLSX_WRITE)
        if (found == EMIT_XLSX_TEMPLATE) {
            fputs("rubricc: --emit xlsx-template is not available in this build (the WebAssembly build has "
                  "no spreadsheet library); use the native rubricc, or csv-template\n", stderr);
            return -1;
        }
#endif
        if (found == 0) {
            fprintf(stderr, "rubricc: unknown output format '%.*s'; choose json, c, html, form, "
                            "csv-template, xlsx-template, index, crosswalk, canvas-csv, case or grid-csv\n",
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

/* --max-errors N, --max-file-size BYTES, --max-total-size BYTES,
 * --max-include-files N: a number (0 only for --max-errors: no limit). */
static int parse_limit_option(int code, const char *value, options *parsed)
{
    const char *name = code == OPTION_MAX_ERRORS        ? "--max-errors"
                       : code == OPTION_MAX_FILE_SIZE   ? "--max-file-size"
                       : code == OPTION_MAX_TOTAL_SIZE  ? "--max-total-size"
                                                        : "--max-include-files";
    unsigned long long number;
    bool zero_allowed = code == OPTION_MAX_ERRORS;
    if (parse_count(value, zero_allowed ? 1000000000ull : 0xffffffffull, &number) != 0
        || (number == 0 && !zero_allowed)) {
        usage_error("'%s' needs a whole number%s, like %s 100", name,
                    zero_allowed ? " (0 for no limit)" : " above 0", name);
        return -1;
    }
    if (code == OPTION_MAX_ERRORS)
        parsed->max_errors = (int)number;
    else if (code == OPTION_MAX_FILE_SIZE)
        parsed->limits.max_file_bytes = (size_t)number;
    else if (code == OPTION_MAX_TOTAL_SIZE)
        parsed->limits.max_total_bytes = (size_t)number;
    else
        parsed->limits.max_files = (size_t)number;
    return 0;
}

/* One option of rubricc's command line (its value in line->value).
 * Returns -1 to exit with the status in *status. */
static int parse_option(int code, const command_line_parser *line, options *parsed, int *status)
{
    const char *value = line->value;
    switch (code) {
    case OPTION_HELP:
        command_line_print_help(&rubricc_command, stdout);
        *status = EXIT_CLEAN;
        return -1;
    case OPTION_VERSION:
        printf("rubricc %s (rubric JSON format %d)\n", RUBRIC_VERSION, IR_FORMAT_VERSION);
        *status = EXIT_CLEAN;
        return -1;
    case OPTION_CHECK:
        parsed->check_only = true;
        return 0;
    case OPTION_WARNINGS:
        if (strcmp(value, "error") != 0) {
            *status = usage_error("unknown warning option '-W%s'; the only one is -Werror (treat "
                                  "warnings as errors)",
                                  value);
            return -1;
        }
        parsed->warnings_are_errors = true;
        return 0;
    case OPTION_EMIT:
        if (parse_formats(value, &parsed->formats) != 0) {
            *status = EXIT_USAGE;
            return -1;
        }
        parsed->formats_given = true;
        return 0;
    case OPTION_OUTPUT:
        if (value[0] == '\0') {
            *status = usage_error("'%s' needs a directory", line->written);
            return -1;
        }
        parsed->output_directory = value;
        return 0;
    case OPTION_DIAGNOSTICS_FORMAT:
        if (parse_diagnostics_format(value, &parsed->diagnostics_format) != 0) {
            *status = usage_error("'%s' needs a format: text, json, sarif or github", value);
            return -1;
        }
        return 0;
    case OPTION_DIAGNOSTICS_OUTPUT:
        if (value[0] == '\0') {
            *status = usage_error("'%s' needs a file name", line->written);
            return -1;
        }
        parsed->diagnostics_output = value;
        return 0;
    case OPTION_ALLOW_INCLUDE_ANYWHERE:
        parsed->includes.allow_anywhere = true;
        return 0;
    case OPTION_GRADER_MODULE:
        if (value[0] == '\0') {
            *status = usage_error("'%s' needs a file: the grader's module, rubric-grade.wasm", line->written);
            return -1;
        }
        parsed->grader_module_path = value;
        return 0;
    case OPTION_INCLUDE_DIRECTORY:
        if (value[0] == '\0') {
            *status = usage_error("'%s' needs a folder to look for included files in", line->written);
            return -1;
        }
        parsed->include_directories[parsed->includes.directory_count++] = value;
        return 0;
    default:   /* the limits */
        if (parse_limit_option(code, value, parsed) != 0) {
            *status = EXIT_USAGE;
            return -1;
        }
        return 0;
    }
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
    command_line_parser line;
    command_line_start(&line, &rubricc_command, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        if (code == COMMAND_LINE_OPERAND) {
            parsed->files[parsed->file_count++] = line.value;
        } else if (code == COMMAND_LINE_ERROR) {
            *status = usage_error("%s", line.message);
            return -1;
        } else if (parse_option(code, &line, parsed, status) != 0) {
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

/* The grader's module for the audit form's live grade, when a form is
 * asked for: --grader-module's file (an error when it cannot be read or is
 * no WebAssembly module), else the installed one if it is there. Returns
 * -1 after saying why. */
static int load_grader_module(options *parsed)
{
    if (!(parsed->formats & EMIT_FORM))
        return 0;
    const char *path = parsed->grader_module_path != NULL ? parsed->grader_module_path : INSTALLED_GRADER_MODULE;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        if (parsed->grader_module_path == NULL)
            return 0;
        fprintf(stderr, "rubricc: error: cannot read the grader's module '%s': %s (it is rubric-grade.wasm, "
                "which 'make wasm' builds; leave --grader-module out to write the form without the live grade)\n",
                path, strerror(errno));
        return -1;
    }
    size_t capacity = 1 << 20, size = 0;
    unsigned char *bytes = malloc(capacity);
    for (size_t got; bytes != NULL && (got = fread(bytes + size, 1, capacity - size, file)) > 0;) {
        size += got;
        if (size == capacity) {
            unsigned char *grown = realloc(bytes, capacity *= 2);
            if (grown == NULL)
                free(bytes);
            bytes = grown;
        }
    }
    int failed = bytes == NULL || ferror(file);
    fclose(file);
    if (failed || size < 8 || memcmp(bytes, "\0asm", 4) != 0) {
        fprintf(stderr, "rubricc: error: '%s' %s\n", path,
                bytes == NULL ? "is too large to read (out of memory)"
                : failed      ? "could not be read"
                              : "is not a WebAssembly module: give rubric-grade.wasm, as 'make wasm' builds it");
        free(bytes);
        return -1;
    }
    if (!emit_form_grade_available())
        fprintf(stderr, "rubricc: warning: this rubricc was built without esbuild, so the form cannot carry "
                "the live grade; it is written without it\n");
    parsed->grader_module = bytes;
    parsed->grader_module_size = size;
    return 0;
}

/* Every output asked for, written atomically into the output directory.
 * 0, or an output_result (OUTPUT_OVERLAP: one would have overwritten an
 * input or another output). */
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
        {EMIT_XLSX_TEMPLATE, "-template.xlsx", emit_xlsx_template},
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
        emit_form_request form = {rubric, parsed->grader_module, parsed->grader_module_size};
        int result = outputs[i].format == EMIT_FORM && parsed->grader_module != NULL
                         ? output_write_context_atomically(report, parsed->output_directory, name,
                                                           emit_form_with_grade, &form)
                         : output_write_atomically(report, parsed->output_directory, name, outputs[i].writer, rubric);
        if (result != 0)
            return result;
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

/* Whether the offline page PAGE (studio, results) is in the output
 * directory as PAGE.html: not when this run wrote a rubric's guidance page
 * of that name there. */
static int offline_page_present(const options *parsed, const emit_rubric_set *set, const char *page)
{
    for (size_t i = 0; i < set->count && (parsed->formats & EMIT_HTML); i++)
        if (strcmp(set->rubrics[i]->id, page) == 0)
            return 0;
    char name[32];
    snprintf(name, sizeof name, "%s.html", page);
    return output_file_present(parsed->output_directory, name);
}

/* The index and the crosswalk of the rubrics written, when asked for;
 * 0 or an output_result. */
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
    /* The offline pages are made apart (web/); the index links to them when
     * they were put in the output directory before it was written. */
    if (parsed->formats & EMIT_INDEX) {
        if (offline_page_present(parsed, &set, "studio"))
            set.links |= EMIT_LINK_STUDIO;
        if (offline_page_present(parsed, &set, "results"))
            set.links |= EMIT_LINK_RESULTS;
    }
    if (count == 0 || !(parsed->formats & (EMIT_INDEX | EMIT_CROSSWALK)))
        return 0;
    if (output_make_directory(parsed->output_directory) != 0) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "cannot create output directory '%s': %s",
                         parsed->output_directory, strerror(errno));
        return -1;
    }
    int result = 0;
    if (parsed->formats & EMIT_INDEX)
        result = write_set_page(parsed, &set, "index.html", write_index, report);
    if (parsed->formats & EMIT_CROSSWALK) {
        int crosswalk = write_set_page(parsed, &set, "crosswalk.html", write_crosswalk, report);
        if (crosswalk != 0 && result != OUTPUT_OVERLAP)
            result = crosswalk;
    }
    return result;
}

/* rubricc's subcommands: each parses its own command line (argv[0] is
 * the subcommand's name). */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} subcommand_runs[] = {
    {"fmt", format_command}, {"test", rubric_test_command}, {"diff", rubric_diff_command},
    {"import", import_grid_main}, {"lsp", lsp_main},
};

/* rubricc help [COMMAND]: rubricc's own help, or COMMAND's (as COMMAND
 * --help shows it: the same call). */
static int help_command(int argc, char **argv)
{
    if (argc > 2)
        return usage_error("'rubricc help' takes one COMMAND, not '%s'", argv[2]);
    const char *wanted = argc > 1 ? argv[1] : "help";
    if (strcmp(wanted, "help") == 0 || strcmp(wanted, "--help") == 0 || strcmp(wanted, "-h") == 0) {
        command_line_print_help(&rubricc_command, stdout);
        return EXIT_CLEAN;
    }
    const char *names[sizeof subcommand_runs / sizeof subcommand_runs[0] + 1] = {NULL};
    for (size_t i = 0; i < sizeof subcommand_runs / sizeof subcommand_runs[0]; i++) {
        static char help_option[] = "--help";
        names[i] = subcommand_runs[i].name;
        if (strcmp(wanted, subcommand_runs[i].name) == 0) {
            char *arguments[] = {argv[1], help_option, NULL};
            return subcommand_runs[i].run(2, arguments);
        }
    }
    const char *near = suggest_from_list(wanted, names);
    if (near != NULL)
        return usage_error("no command '%s'; did you mean '%s'?", wanted, near);
    return usage_error("no command '%s'; the commands are fmt, test, diff, import, lsp and help",
                       wanted);
}

/* The diagnostics file (--diagnostics-output). Its diagnostics are
 * gathered in memory and written when the run ends, like every output
 * (output_file.h), once every input is known, the files the rubrics
 * include among them: the file may be none of them. A regular file (or a
 * name not yet taken) is opened at the start, so that a folder that
 * cannot be written stops the run before anything is compiled; anything
 * else (a device, a symbolic link such as /dev/stderr) is opened at the
 * end, as opening it writes it. */
typedef struct diagnostics_file {
    const char *path;            /* NULL: the diagnostics go to stderr */
    char shown[600];             /* "diagnostics to 'PATH'", for messages */
    output_file *file;           /* opened at the start, or NULL */
    FILE *memory;                /* what the run writes to */
    char *text;
    size_t length;
} diagnostics_file;

/* 0, or -1 after saying why the file cannot be written. */
static int diagnostics_file_open(diagnostics_file *to, const char *path)
{
    if (path == NULL)
        return 0;
    to->path = path;
    snprintf(to->shown, sizeof to->shown, "diagnostics to '%.500s'", path);
    char error[1536];
    if (output_file_is_replaceable(path) &&
        (to->file = output_file_open_as(path, to->shown, 0, NULL, error, sizeof error)) == NULL) {
        fprintf(stderr, "rubricc: %s\n", error);
        return -1;
    }
    if ((to->memory = open_memstream(&to->text, &to->length)) == NULL) {
        output_file_abandon(to->file);
        fprintf(stderr, "rubricc: out of memory\n");
        return -1;
    }
    return 0;
}

/* Write the gathered diagnostics; 0, or an output_result after saying
 * why. When OVERLAP_SAID, an overlap was reported already. */
static int diagnostics_file_finish(diagnostics_file *to, bool overlap_said)
{
    if (to->path == NULL)
        return 0;
    char error[1536];
    int result = 0;
    bool written = fclose(to->memory) == 0;
    if (file_roles_check_write(to->path, false, error, sizeof error) != 0) {
        if (!overlap_said)
            fprintf(stderr, "rubricc: error: %s\n", error);
        output_file_abandon(to->file);
        result = OUTPUT_OVERLAP;
    } else if (to->file == NULL &&
               (to->file = output_file_open_as(to->path, to->shown, 0, NULL, error, sizeof error)) == NULL) {
        fprintf(stderr, "rubricc: %s\n", error);
        result = OUTPUT_FAILED;
    } else if (!written || fwrite(to->text, 1, to->length, output_file_stream(to->file)) != to->length) {
        fprintf(stderr, "rubricc: cannot write %s: %s\n", to->shown, strerror(written ? errno : ENOMEM));
        output_file_abandon(to->file);
        result = OUTPUT_FAILED;
    } else if (!output_file_commit(to->file, error, sizeof error)) {
        fprintf(stderr, "rubricc: %s\n", error);
        result = OUTPUT_FAILED;
    }
    free(to->text);
    return result;
}

/* Compile each file on its own; the worst outcome sets the exit status. */
int main(int argc, char **argv)
{
    /* The language server, the authors' tools and help are commands of
     * their own (rubricc(1)); a rubric file named like one is given as
     * ./NAME. */
    for (size_t i = 0; argc > 1 && i < sizeof subcommand_runs / sizeof subcommand_runs[0]; i++)
        if (strcmp(argv[1], subcommand_runs[i].name) == 0)
            return subcommand_runs[i].run(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "help") == 0)
        return help_command(argc - 1, argv + 1);
    options parsed;
    int status = EXIT_CLEAN;
    if (parse_options(argc, argv, &parsed, &status) != 0) {
        free(parsed.files);
        free(parsed.include_directories);
        return status;
    }
    if (load_grader_module(&parsed) != 0) {
        free(parsed.files);
        free(parsed.include_directories);
        return EXIT_INPUT_ERRORS;
    }
    diagnostics_file diagnostics_to = {0};
    if (diagnostics_file_open(&diagnostics_to, parsed.diagnostics_output) != 0) {
        free(parsed.grader_module);
        free(parsed.files);
        free(parsed.include_directories);
        return EXIT_INPUT_ERRORS;
    }
    FILE *diagnostics_out = diagnostics_to.memory ? diagnostics_to.memory : stderr;
    diagnostics_run *run = diagnostics_run_new(parsed.diagnostics_format, diagnostics_out,
                                               parsed.max_errors, RUBRIC_VERSION);
    /* The rubrics written in this run: two files must not overwrite each
     * other's outputs, and the index and the crosswalk list them. */
    const ir_rubric **written = calloc((size_t)parsed.file_count + 1, sizeof *written);
    arena **regions = calloc((size_t)parsed.file_count + 1, sizeof *regions);
    if (written == NULL || regions == NULL || run == NULL)
        return EXIT_OUT_OF_MEMORY;
    int written_count = 0;
    bool overlap = false;        /* an output refused as an input or another output */
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
        /* the files it includes are inputs too, which no output may
         * overwrite: checked before anything of it is written */
        if (output_register_includes(&sources) != 0)
            return EXIT_OUT_OF_MEMORY;
        char message[1024];
        if (file_roles_check(message, sizeof message) != 0) {
            fprintf(stderr, "rubricc: error: %s\n", message);
            overlap = true;
            break;
        }
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
        int result = write_outputs(&parsed, rubric, &report);
        if (result != 0)
            status = EXIT_INPUT_ERRORS;
        overlap = overlap || result == OUTPUT_OVERLAP;
    }
    /* The set pages belong to no one source file: their errors carry no
     * position. */
    arena *set_region = arena_new();
    source_set no_sources;
    source_set_init(&no_sources, set_region);
    diagnostics set_report;
    diagnostics_init(&set_report, &no_sources, diagnostics_out);
    set_report.run = run;
    int set_result = overlap ? 0 : write_set_outputs(&parsed, written, (size_t)written_count, &set_report);
    if (set_result != 0)
        status = EXIT_INPUT_ERRORS;
    overlap = overlap || set_result == OUTPUT_OVERLAP;
    if (diagnostics_run_finish(run) != 0 && status == EXIT_CLEAN)
        status = EXIT_INPUT_ERRORS;
    int finished = diagnostics_file_finish(&diagnostics_to, overlap);
    if (finished == OUTPUT_OVERLAP)
        overlap = true;
    else if (finished != 0)
        status = EXIT_INPUT_ERRORS;
    if (overlap && status != EXIT_OUT_OF_MEMORY)
        status = EXIT_USAGE;
    arena_free(set_region);
    for (int i = 0; i < parsed.file_count; i++)
        arena_free(regions[i]);
    free(regions);
    free(written);
    free(parsed.grader_module);
    free(parsed.files);
    free(parsed.include_directories);
    return status;
}
