/*
 * format_command.c — rubricc fmt, the command line of the formatter
 * (format.h):
 *
 *   rubricc fmt FILE...           the formatted files, to stdout
 *   rubricc fmt --check FILE...   names the files that are not formatted
 *   rubricc fmt --diff FILE...    a unified diff of what formatting changes
 *   rubricc fmt --write FILE...   formats the files in place, atomically
 *
 * Exit status: 0 when every file is formatted (or was written), 1 when a
 * file is not formatted (--check, --diff) or has errors or cannot be read
 * or written, 2 for a bad command line. A file with syntax errors is never
 * written: its diagnostics say why.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "includes.h"
#include "output.h"
#include "text_diff.h"

enum format_exit { FORMAT_CLEAN = 0, FORMAT_CHANGES = 1, FORMAT_USAGE = 2 };

typedef enum format_mode { MODE_PRINT, MODE_CHECK, MODE_DIFF, MODE_WRITE } format_mode;

static int format_usage_error(const char *message, const char *argument)
{
    fprintf(stderr, "rubricc fmt: %s%s%s\n", message, argument ? " " : "", argument ? argument : "");
    fputs("usage: rubricc fmt [--check | --diff | --write] [-I DIR] FILE...\n", stderr);
    return FORMAT_USAGE;
}

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
        fprintf(stderr, "rubricc fmt: cannot read '%s': %s\n", path, strerror(errno));
        status = FORMAT_CHANGES;
    } else if (format_loaded(region, &sources, &report, file, &formatted) != 0) {
        fprintf(stderr, "rubricc fmt: %s has errors; it is left as it is\n", path);
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
            if (!same && output_write_path_atomically(&report, path, format_write_text, &formatted) != 0)
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
    bool only_files = false;
    for (int i = 1; i < argc && status == FORMAT_CLEAN; i++) {
        const char *argument = argv[i];
        format_mode chosen = mode;
        if (only_files || argument[0] != '-' || strcmp(argument, "-") == 0)
            files[file_count++] = argument;
        else if (strcmp(argument, "--") == 0)
            only_files = true;
        else if (strcmp(argument, "--check") == 0)
            chosen = MODE_CHECK;
        else if (strcmp(argument, "--diff") == 0)
            chosen = MODE_DIFF;
        else if (strcmp(argument, "--write") == 0 || strcmp(argument, "-w") == 0)
            chosen = MODE_WRITE;
        else if (strncmp(argument, "-I", 2) == 0 && (argument[2] != '\0' || i + 1 < argc))
            directories[includes.directory_count++] = argument[2] != '\0' ? argument + 2 : argv[++i];
        else if (strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0) {
            fputs("usage: rubricc fmt [--check | --diff | --write] [-I DIR] FILE...\n"
                  "\n"
                  "Lay rubric files out in the one canonical layout (README: rubricc fmt).\n"
                  "\n"
                  "  (no option)  write the formatted files to standard output\n"
                  "  --check      name the files that are not formatted; exit 1 if any\n"
                  "  --diff       print a unified diff of the changes; exit 1 if any\n"
                  "  --write, -w  format the files in place (atomically)\n"
                  "  -I DIR       look for included files in DIR too\n",
                  stdout);
            free(files);
            free(directories);
            return FORMAT_CLEAN;
        } else
            status = format_usage_error("unknown option", argument);
        if (chosen != mode && mode != MODE_PRINT)
            status = format_usage_error("choose one of --check, --diff and --write", NULL);
        mode = chosen;
    }
    if (status == FORMAT_CLEAN && file_count == 0)
        status = format_usage_error("no rubric file given", NULL);
    if (status == FORMAT_CLEAN && mode == MODE_WRITE)
        for (int i = 0; i < file_count && status == FORMAT_CLEAN; i++)
            if (strcmp(files[i], "-") == 0)
                status = format_usage_error("--write needs files, not standard input", NULL);
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
