/*
 * test_output_file.c — cmocka tests of common/output_file.c and
 * common/file_roles.c: a file replaced whole or left as it was, by the
 * unnamed temporary file and by the named one; a writer killed with
 * SIGKILL leaves nothing the next writer does not remove, while a live
 * writer's temporary file is left alone; rewriting in place keeps mode,
 * owner, group and symbolic links and refuses read-only and hard-linked
 * files; and the registry tells one file however it is spelled.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file_roles.h"
#include "output_file.h"

static char folder[64];

/* A fresh folder for each test. */
static int make_folder(void **state)
{
    (void)state;
    snprintf(folder, sizeof folder, "/tmp/test_output_file_XXXXXX");
    if (mkdtemp(folder) == NULL)
        return -1;
    file_roles_reset();
    output_file_allow_unnamed(true);
    return 0;
}

static int remove_folder(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    file_roles_reset();
    return system(command) == 0 ? 0 : -1;
}

/* FOLDER/NAME, in a static buffer (one of four, for a call with several). */
static const char *in_folder(const char *name)
{
    static char paths[4][256];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, sizeof paths[0], "%s/%s", folder, name);
    return path;
}

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
}

static void expect_text(const char *path, const char *text)
{
    char buffer[256] = {0};
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    size_t length = fread(buffer, 1, sizeof buffer - 1, file);
    fclose(file);
    buffer[length] = '\0';
    assert_string_equal(buffer, text);
}

/* How many names in the folder start with '.' (temporary files). */
static int hidden_files(void)
{
    DIR *directory = opendir(folder);
    assert_non_null(directory);
    int count = 0;
    for (struct dirent *entry; (entry = readdir(directory)) != NULL;)
        if (entry->d_name[0] == '.' && strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            count++;
    closedir(directory);
    return count;
}

/* Write TEXT to PATH through output_file with FLAGS; 1 when committed. */
static int write_output(const char *path, unsigned flags, const char *text, char *error, size_t size)
{
    output_file *file = output_file_open_as(path, NULL, flags, NULL, error, size);
    if (file == NULL)
        return 0;
    fputs(text, output_file_stream(file));
    return output_file_commit(file, error, size);
}

static void test_replace(bool unnamed)
{
    output_file_allow_unnamed(unnamed);
    char error[512];
    const char *path = in_folder("out");
    assert_int_equal(write_output(path, 0, "first\n", error, sizeof error), 1);
    expect_text(path, "first\n");
    mode_t mask = umask(0);
    umask(mask);
    struct stat status;
    assert_int_equal(stat(path, &status), 0);
    assert_int_equal(status.st_mode & 07777, 0666 & ~mask);
    /* an existing file keeps its mode */
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(write_output(path, 0, "second\n", error, sizeof error), 1);
    expect_text(path, "second\n");
    assert_int_equal(stat(path, &status), 0);
    assert_int_equal(status.st_mode & 07777, 0600);
    /* abandoned: the old file stays */
    output_file *file = output_file_open(path, error, sizeof error);
    assert_non_null(file);
    fputs("third\n", output_file_stream(file));
    output_file_abandon(file);
    expect_text(path, "second\n");
    assert_int_equal(hidden_files(), 0);
}

static void test_replace_unnamed(void **state)
{
    (void)state;
    test_replace(true);
}

static void test_replace_named(void **state)
{
    (void)state;
    test_replace(false);
}

/* A child writes PATH by the named temporary file and is killed with
 * SIGKILL before committing; when LIVE, it stays alive (holding its
 * lock) until the returned pid is killed. */
static pid_t killed_writer(const char *path, bool live)
{
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        char error[512];
        output_file_allow_unnamed(false);
        output_file *file = output_file_open(path, error, sizeof error);
        if (file == NULL)
            _exit(1);
        fputs("half of a file", output_file_stream(file));
        fflush(output_file_stream(file));
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char byte;
    assert_int_equal(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    close(ready[1]);
    if (!live) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    return child;
}

/* The name of the one temporary file in the folder, in a static buffer. */
static const char *the_temporary(void)
{
    static char path[512];
    DIR *directory = opendir(folder);
    assert_non_null(directory);
    path[0] = '\0';
    for (struct dirent *entry; (entry = readdir(directory)) != NULL;)
        if (strncmp(entry->d_name, ".out.rubric-tmp.", 16) == 0)
            snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
    closedir(directory);
    assert_true(path[0] != '\0');
    return path;
}

/* Set PATH's modification time an hour back: left by an earlier run. */
static void make_old(const char *path)
{
    struct timespec times[2] = {{0, UTIME_OMIT}, {0, 0}};
    clock_gettime(CLOCK_REALTIME, &times[1]);
    times[1].tv_sec -= 3600;
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_killed_writer_swept(void **state)
{
    (void)state;
    const char *path = in_folder("out");
    write_text(path, "old\n");
    killed_writer(path, false);
    expect_text(path, "old\n");
    make_old(the_temporary());
    assert_int_equal(hidden_files(), 1);
    char error[512];
    assert_int_equal(write_output(path, 0, "new\n", error, sizeof error), 1);
    expect_text(path, "new\n");
    assert_int_equal(hidden_files(), 0);
}

static void test_live_writer_kept(void **state)
{
    (void)state;
    const char *path = in_folder("out");
    write_text(path, "old\n");
    pid_t writer = killed_writer(path, true);
    char temporary[512];
    snprintf(temporary, sizeof temporary, "%s", the_temporary());
    make_old(temporary);
    char error[512];
    assert_int_equal(write_output(path, 0, "new\n", error, sizeof error), 1);
    assert_int_equal(access(temporary, F_OK), 0);     /* locked: a live writer's */
    kill(writer, SIGKILL);
    waitpid(writer, NULL, 0);
    assert_int_equal(write_output(path, 0, "newer\n", error, sizeof error), 1);
    assert_int_equal(access(temporary, F_OK), -1);    /* its writer is dead now */
    expect_text(path, "newer\n");
    assert_int_equal(hidden_files(), 0);
}

static void test_in_place(void **state)
{
    (void)state;
    char error[512];
    const char *path = in_folder("a.rubric");
    write_text(path, "old\n");
    assert_int_equal(chmod(path, 0640), 0);
    if (geteuid() == 0)
        assert_int_equal(chown(path, 65534, 65534), 0);
    assert_int_equal(write_output(path, OUTPUT_FILE_IN_PLACE, "new\n", error, sizeof error), 1);
    expect_text(path, "new\n");
    struct stat status;
    assert_int_equal(stat(path, &status), 0);
    assert_int_equal(status.st_mode & 07777, 0640);
    if (geteuid() == 0) {
        assert_int_equal(status.st_uid, 65534);
        assert_int_equal(status.st_gid, 65534);
    }
    /* through a symbolic link: the link stays, the file it names changes */
    const char *symbolic = in_folder("link.rubric");
    assert_int_equal(symlink("a.rubric", symbolic), 0);
    assert_int_equal(write_output(symbolic, OUTPUT_FILE_IN_PLACE, "linked\n", error, sizeof error), 1);
    assert_int_equal(lstat(symbolic, &status), 0);
    assert_true(S_ISLNK(status.st_mode));
    expect_text(path, "linked\n");
    /* read-only: refused, untouched */
    assert_int_equal(chmod(path, 0444), 0);
    assert_int_equal(write_output(path, OUTPUT_FILE_IN_PLACE, "no\n", error, sizeof error), 0);
    assert_non_null(strstr(error, "read-only"));
    expect_text(path, "linked\n");
    assert_int_equal(chmod(path, 0644), 0);
    /* hard links: refused, both names untouched */
    const char *other = in_folder("b.rubric");
    assert_int_equal(link(path, other), 0);
    assert_int_equal(write_output(other, OUTPUT_FILE_IN_PLACE, "no\n", error, sizeof error), 0);
    assert_non_null(strstr(error, "hard link"));
    expect_text(path, "linked\n");
    assert_int_equal(hidden_files(), 0);
}

/* The registry: one file however it is spelled; a name not made yet. */
static void test_roles(void **state)
{
    (void)state;
    char message[512], input[256];
    snprintf(input, sizeof input, "%s", in_folder("in.rubric"));
    write_text(input, "x\n");
    char dotted[256], linked[256], hard[256];
    snprintf(dotted, sizeof dotted, "%s/./in.rubric", folder);
    snprintf(linked, sizeof linked, "%s/link", folder);
    snprintf(hard, sizeof hard, "%s/hard", folder);
    assert_int_equal(symlink("in.rubric", linked), 0);
    assert_int_equal(link(input, hard), 0);
    const char *spellings[] = {input, dotted, linked, hard};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        file_roles_reset();
        assert_int_equal(file_roles_add(FILE_ROLE_INPUT, input, "the rubric"), 0);
        assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, spellings[i], "--junit"), 0);
        assert_int_equal(file_roles_check(message, sizeof message), -1);
        assert_non_null(strstr(message, "(--junit) is also an input (the rubric"));
        assert_int_equal(file_roles_check_write(spellings[i], false, message, sizeof message), -1);
    }
    /* two outputs not made yet, by a folder's ".." and by a dangling link */
    char up[256], dangling[256];
    snprintf(up, sizeof up, "%s/sub/../new", folder);
    snprintf(dangling, sizeof dangling, "%s/dangling", folder);
    assert_int_equal(mkdir(in_folder("sub"), 0700), 0);
    assert_int_equal(symlink("new", dangling), 0);
    file_roles_reset();
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, in_folder("new"), "-o"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, up, "--report"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), -1);
    assert_non_null(strstr(message, "is also an output (-o"));
    file_roles_reset();
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, in_folder("new"), "-o"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, dangling, "--report"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), -1);
    /* a planned file of an output folder is checked against the outputs too */
    assert_int_equal(file_roles_check_write(in_folder("new"), true, message, sizeof message), -1);
    assert_int_equal(file_roles_check_write(in_folder("new"), false, message, sizeof message), 0);
    /* different files, and devices, never overlap */
    file_roles_reset();
    assert_int_equal(file_roles_add(FILE_ROLE_INPUT, input, "the rubric"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, in_folder("other"), "-o"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_INPUT, "/dev/null", "an input"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, "/dev/null", "--report"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), 0);
    /* an option given twice: the last one counts */
    assert_int_equal(file_roles_replace(FILE_ROLE_OUTPUT, hard, "-o"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), -1);
    assert_int_equal(file_roles_replace(FILE_ROLE_OUTPUT, in_folder("other"), "-o"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), 0);
    /* a name with a newline is shown escaped */
    file_roles_reset();
    const char *forged = in_folder("a\nb");
    write_text(forged, "x\n");
    assert_int_equal(file_roles_add(FILE_ROLE_INPUT, forged, "the rubric"), 0);
    assert_int_equal(file_roles_add(FILE_ROLE_OUTPUT, forged, "-o"), 0);
    assert_int_equal(file_roles_check(message, sizeof message), -1);
    assert_null(strchr(message, '\n'));
    assert_non_null(strstr(message, "a\\nb"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_replace_unnamed, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_replace_named, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_killed_writer_swept, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_live_writer_kept, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_in_place, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_roles, make_folder, remove_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
