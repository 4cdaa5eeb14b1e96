/*
 * format_command.c — rubricc fmt, the command line of the formatter
 * (format.h):
 *
 *   rubricc fmt FILE...           the formatted files, to stdout
 *   rubricc fmt --check FILE...   names the files that are not formatted
 *   rubricc fmt --diff FILE...    a unified diff of what formatting changes
 *   rubricc fmt --write FILE...   formats the files in place, atomically
 *
 * --write rewrites each file that is not formatted through the shared
 * output writer's in-place mode (common/output_file.h): the file keeps its
 * mode, owner and group; a symbolic link stays a link and the file it
 * names is formatted; a read-only file, or one with other hard links
 * (which would keep the old text), is refused and left as it is.
 *
 * Exit status: 0 when every file is formatted (or was written), 1 when a
 * file is not formatted (--check, --diff) or has errors or cannot be read
 * or written, 2 for a bad command line. A file with syntax errors is never
 * written: its diagnostics say why. The options are one table
 * (format_options), from which the parser and --help both come.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_line.h"
#include "format.h"
#include "includes.h"
#include "output.h"
#include "text_diff.h"

enum format_exit { FORMAT_CLEAN = 0, FORMAT_CHANGES = 1, FORMAT_USAGE = 2 };

typedef enum format_mode { MODE_PRINT, MODE_CHECK, MODE_DIFF, MODE_WRITE } format_mode;

enum format_option { FMT_CHECK, FMT_DIFF, FMT_WRITE, FMT_INCLUDE_DIRECTORY, FMT_HELP };

static const command_line_option format_options[] = {
    {"check", 0, NULL, "name the files not formatted; exit 1 if any", FMT_CHECK, COMMAND_LINE_NO_FILE},
    {"diff", 0, NULL, "show the changes as a unified diff; exit 1 if any",
     FMT_DIFF, COMMAND_LINE_NO_FILE},
    {"write", 'w', NULL,
     "format the files in place (atomically), keeping\n"
     "mode, owner and symbolic links; a read-only file\n"
     "or one with other hard links is left as it is",
     FMT_WRITE, COMMAND_LINE_NO_FILE},
    {"include-directory", 'I', "DIR", "look for included files in DIR too",
     FMT_INCLUDE_DIRECTORY, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", FMT_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit format_exits[] = {
    {FORMAT_CLEAN, "every file is formatted (or was written)"},
    {FORMAT_CHANGES, "a file is not formatted (--check, --diff), has errors,\n"
                     "or cannot be read or written"},
    {FORMAT_USAGE, "bad usage"},
    {3, "out of memory"},
};

static const command_line_command format_command_line = {
    "rubricc fmt",
    "[OPTION]... FILE...",
    "Lay rubric files out in the one canonical layout (see rubricc(1)).\n"
    "With no option, write the formatted files to standard output; a FILE of\n"
    "'-' is read from standard input.",
    format_options, sizeof format_options / sizeof format_options[0],
    NULL, 0,
    format_exits, sizeof format_exits / sizeof format_exits[0],
    COMMAND_LINE_INPUT_FILE, "a rubric", false,
};

static int format_write_text(const void *context, FILE *out)
{
    const format_text *text = context;
    return fwrite(text->data, 1, text->length, out) == text->length ? 0 : -1;
}

/* Format one file as mode says. 0: formatted already (or written);
 * 1: not formatted, or an error (reported). */
static int format_one(const char *path, format_mode mode, const include_policy *includes)
{
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    sources.includes = includes;
    diagnostics report;
    diagnostics_init(&report, &sources, stderr);
    source_span none = {-1, 0, 0};
    int status = FORMAT_CLEAN;
    int file = strcmp(path, "-") == 0 ? source_load_descriptor(&sources, 0, "<stdin>", -1, none)
                                      : source_load(&sources, path, -1, none);
    format_text formatted;
    if (file < 0) {
        int saved_errno = errno;
        fprintf(stderr, "rubricc fmt: cannot read '%s': %s\n", diagnostics_escaped(region, path),
                strerror(saved_errno));
        status = FORMAT_CHANGES;
    } else if (format_loaded(region, &sources, &report, file, &formatted) != 0) {
        fprintf(stderr, "rubricc fmt: %s has errors; it is left as it is\n",
                diagnostics_escaped(region, path));
        status = FORMAT_CHANGES;
    } else {
        const source_file *source = &sources.files[file];
        size_t original_length = source->length;
        bool same = formatted.length == original_length
                    && memcmp(formatted.data, source->text, original_length) == 0;
        switch (mode) {
        case MODE_PRINT:
            fwrite(formatted.data, 1, formatted.length, stdout);
            break;
        case MODE_CHECK:
            if (!same) {
                printf("%s\n", path);
                status = FORMAT_CHANGES;
            }
            break;
        case MODE_DIFF:
            if (!same) {
                char *old_name = arena_printf(region, "%s (as written)", path);
                char *new_name = arena_printf(region, "%s (formatted)", path);
                text_diff_write_unified(region, stdout, old_name, source->text, original_length,
                                        new_name, formatted.data, formatted.length);
                status = FORMAT_CHANGES;
            }
            break;
        case MODE_WRITE:
            if (!same && output_rewrite_in_place(&report, path, format_write_text, &formatted) != 0)
                status = FORMAT_CHANGES;
            break;
        }
    }
    arena_free(region);
    return status;
}

int format_command(int argc, char **argv)
{
    format_mode mode = MODE_PRINT;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    const char **directories = calloc((size_t)argc + 1, sizeof *directories);
    if (files == NULL || directories == NULL) {
        free(files);
        free(directories);
        return 3;
    }
    include_policy includes = {0};
    includes.directories = directories;
    int file_count = 0;
    int status = FORMAT_CLEAN;
    command_line_parser line;
    command_line_start(&line, &format_command_line, argc, argv);
    for (int code; status == FORMAT_CLEAN && (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        format_mode chosen = mode;
        switch (code) {
        case COMMAND_LINE_OPERAND:
            files[file_count++] = line.value;
            break;
        case COMMAND_LINE_ERROR:
            status = command_line_usage_error(&format_command_line, line.message, NULL);
            break;
        case FMT_CHECK:
            chosen = MODE_CHECK;
            break;
        case FMT_DIFF:
            chosen = MODE_DIFF;
            break;
        case FMT_WRITE:
            chosen = MODE_WRITE;
            break;
        case FMT_INCLUDE_DIRECTORY:
            directories[includes.directory_count++] = line.value;
            break;
        case FMT_HELP:
            command_line_print_help(&format_command_line, stdout);
            free(files);
            free(directories);
            return FORMAT_CLEAN;
        }
        if (chosen != mode && mode != MODE_PRINT)
            status = command_line_usage_error(&format_command_line, "choose one of --check, --diff and --write", NULL);
        mode = chosen;
    }
    if (status == FORMAT_CLEAN && file_count == 0)
        status = command_line_usage_error(&format_command_line, "no rubric file given", NULL);
    if (status == FORMAT_CLEAN && mode == MODE_WRITE)
        for (int i = 0; i < file_count && status == FORMAT_CLEAN; i++)
            if (strcmp(files[i], "-") == 0)
                status = command_line_usage_error(&format_command_line, "--write needs files, not standard input", NULL);
    int changes = 0;
    for (int i = 0; i < file_count && status == FORMAT_CLEAN; i++)
        changes += format_one(files[i], mode, &includes) != 0;
    if (status == FORMAT_CLEAN && changes > 0 && mode == MODE_CHECK)
        fprintf(stderr, "rubricc fmt: %d file%s not formatted; 'rubricc fmt --write FILE' formats %s\n",
                changes, changes == 1 ? " is" : "s are", changes == 1 ? "it" : "them");
    if (status == FORMAT_CLEAN && changes > 0)
        status = FORMAT_CHANGES;
    free(files);
    free(directories);
    return status;
}
