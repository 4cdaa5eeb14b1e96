/*
 * fuzz_compile.c — a libFuzzer harness for the compiler core: each input
 * is a rubric and the files it includes, compiled through the same pipeline
 * as rubricc (compile_file: lexer, parser, includes, checker), with every
 * diagnostic printed (source line and caret included) and, when the rubric
 * checks, its JSON written to a memory stream. Crashes, sanitizer findings,
 * leaks and timeouts are what libFuzzer reports.
 *
 * An input is the main rubric, optionally followed by more files, each
 * starting on a line "%% NAME" (NAME: letters, digits, '_', '-', '.', and
 * '/' between folders). The files are written into a fresh folder, the
 * main one as main.rubric, so that 'include: NAME' reaches them as it
 * would beside a real rubric; the folder is emptied after each input.
 * Inputs whose includes could leave that folder ('..', or a name starting
 * with '/', as in 'include: /dev/zero') are passed over: they would learn
 * about the disk, not the compiler. FUZZ_SHOW_DIAGNOSTICS set in the
 * environment sends the diagnostics to stderr, to see what a replayed
 * input does. Built by tests/fuzz.mk with clang
 * -fsanitize=fuzzer,address,undefined.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "compile.h"
#include "diagnostics.h"
#include "emit.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FILES = 8, MAX_NAME = 64 };

/* The folder the files of one input are written to, made once per process. */
static char folder[64];

/* Every path written for the current input, to be removed afterwards. */
static char written[MAX_FILES * 2][sizeof folder + MAX_NAME + 2];
static int written_count;

/* Whether an include in TEXT could name a file outside the folder: any
 * "..", or "include", optional blanks, ':', optional blanks, then '/'. */
static int could_leave_folder(const char *text, size_t size)
{
    for (size_t i = 0; i + 1 < size; i++)
        if (text[i] == '.' && text[i + 1] == '.')
            return 1;
    static const char word[] = "include";
    for (size_t i = 0; i + sizeof word - 1 <= size; i++) {
        if (memcmp(text + i, word, sizeof word - 1) != 0)
            continue;
        size_t at = i + sizeof word - 1;
        while (at < size && (text[at] == ' ' || text[at] == '\t'))
            at++;
        if (at < size && text[at] == ':') {
            at++;
            while (at < size && (text[at] == ' ' || text[at] == '\t'))
                at++;
            if (at < size && text[at] == '/')
                return 1;
        }
    }
    return 0;
}

/* A file name after "%% ": the allowed characters, no empty folder names. */
static int is_file_name(const char *name, size_t length)
{
    if (length == 0 || length >= MAX_NAME || name[0] == '/' || name[length - 1] == '/')
        return 0;
    for (size_t i = 0; i < length; i++) {
        char c = name[i];
        int allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.' || c == '/';
        if (!allowed || (c == '/' && name[i + 1] == '/'))
            return 0;
    }
    return 1;
}

/* Note PATH to be removed after the input. */
static void remember(const char *path)
{
    if (written_count < (int)(sizeof written / sizeof written[0]))
        snprintf(written[written_count++], sizeof written[0], "%s", path);
}

/* Write TEXT[0..LENGTH) as folder/NAME, making its folders; 0 when not possible. */
static int write_file(const char *name, size_t name_length, const char *text, size_t length)
{
    char path[sizeof written[0]];
    snprintf(path, sizeof path, "%s/%.*s", folder, (int)name_length, name);
    for (char *slash = strchr(path + strlen(folder) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(path, 0700) == 0)
            remember(path);
        else if (errno != EEXIST)
            return 0;
        *slash = '/';
    }
    FILE *file = fopen(path, "wb");
    if (file == NULL)
        return 0;   /* a folder of that name, say */
    remember(path);
    int complete = fwrite(text, 1, length, file) == length;
    return fclose(file) == 0 && complete;
}

/* Remove what the input wrote, files before the folders holding them. */
static void clean_folder(void)
{
    while (written_count > 0) {
        const char *path = written[--written_count];
        if (remove(path) != 0 && errno != ENOENT)
            abort();
    }
}

/* At exit: the (empty) folder goes too. */
static void remove_folder(void)
{
    clean_folder();
    rmdir(folder);
}

/* Split the input at its "%% NAME" lines and write each part; 0 when the
 * input is not a usable set of files. */
static int write_files(const char *text, size_t size)
{
    const char *end = text + size, *part = text;
    const char *name = "main.rubric";
    size_t name_length = strlen(name);
    int files = 0;
    for (const char *line = text; line < end;) {
        const char *newline = memchr(line, '\n', (size_t)(end - line));
        const char *line_end = newline ? newline : end;
        if (line_end - line >= 3 && memcmp(line, "%% ", 3) == 0) {
            if (++files >= MAX_FILES || !write_file(name, name_length, part, (size_t)(line - part)))
                return 0;
            name = line + 3;
            name_length = (size_t)(line_end - name);
            if (!is_file_name(name, name_length) ||
                (name_length == strlen("main.rubric") && memcmp(name, "main.rubric", name_length) == 0))
                return 0;
            part = newline ? newline + 1 : end;
        }
        line = newline ? newline + 1 : end;
    }
    return write_file(name, name_length, part, (size_t)(end - part));
}

/* One input: write its files, compile the main one, print its diagnostics,
 * emit its JSON. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL && (sink = getenv("FUZZ_SHOW_DIAGNOSTICS") ? stderr : fopen("/dev/null", "w")) == NULL)
        abort();
    if (folder[0] == '\0') {
        snprintf(folder, sizeof folder, "/tmp/fuzz_compile_XXXXXX");
        if (mkdtemp(folder) == NULL || atexit(remove_folder) != 0)
            abort();
    }
    const char *text = (const char *)data;
    if (could_leave_folder(text, size) || !write_files(text, size)) {
        clean_folder();
        return -1;   /* not added to the corpus */
    }
    char main_path[sizeof written[0]];
    snprintf(main_path, sizeof main_path, "%s/main.rubric", folder);
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    diagnostics_init(&report, &sources, sink);
    report.warnings_are_errors = size > 0 && (data[size - 1] & 1);
    const ir_rubric *rubric = compile_file(region, &sources, &report, main_path);
    if (rubric != NULL) {
        char *json = NULL;
        size_t json_length = 0;
        FILE *out = open_memstream(&json, &json_length);
        if (out == NULL)
            abort();
        if (emit_json(rubric, out) != 0)
            abort();   /* writing to memory cannot fail: the emitter did */
        fclose(out);
        free(json);
    }
    arena_free(region);
    clean_folder();
    return 0;
}
