/*
 * file_roles.h — every file a command reads or writes, with its role, so
 * that no output can be an input or another output.
 *
 * A command registers each path it was given: an input (a rubric, an
 * audit file, a grid), an output (-o FILE, --report FILE) or an output
 * folder (rubricc -o DIR), each with what gave it ("--junit", "the
 * rubric"), for the message. The option tables mark the options that name
 * files (command_line.h), and the parser registers them and the operands
 * as it meets them and checks them all when the command line ends, before
 * the command reads or writes anything; so a new option marked in its
 * table cannot forget the check.
 *
 * Files are compared as the system sees them: an existing file by device
 * and inode (so a hard link, a symbolic link, "./x" and "x" are one file),
 * a file not made yet by its resolved folder and name. Only regular files
 * (and names not yet taken) can overlap: two streams to one terminal,
 * pipe or device are fine. "-" is standard input as an input and standard
 * output as an output; standard output is also checked against every
 * input whatever the command writes there (a run appending to its own
 * input would never end).
 *
 * The outputs a command cannot name before it works (rubricc writes
 * DIR/<rubric id>.json, the id known only once the rubric is parsed) are
 * checked as they are about to be written (file_roles_check_write), by
 * the shared output writer (output_file.h).
 *
 * One registry per process: commands run one at a time.
 */
#ifndef FILE_ROLES_H
#define FILE_ROLES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum file_role {
    FILE_ROLE_INPUT,             /* read */
    FILE_ROLE_OUTPUT,            /* written (replaced whole) */
    FILE_ROLE_OUTPUT_FOLDER      /* files are written into it */
} file_role;

/* Forget every registered file (command_line_start does, for each
 * command line parsed). */
void file_roles_reset(void);

/* Register PATH in ROLE; WHAT says what gave it: an option ("--junit")
 * or a description ("the rubric"). Both are copied, and the file is
 * resolved now. 0, or -1 out of memory. */
int file_roles_add(file_role role, const char *path, const char *what);

/* Register PATH in ROLE in place of what was registered before with the
 * same WHAT (an option given twice: the last one counts). */
int file_roles_replace(file_role role, const char *path, const char *what);

/* Forget what was registered with the path PATH (the same pointer): an
 * operand that turned out not to name a file (rubricc diff git:REV). */
void file_roles_remove(const char *path);

/* Whether any output is an input or another output. 0 when none; -1 with
 * MESSAGE set (no program name, no newline), such as
 *   the output 'x.rubric' (--diagnostics-output) is also an input
 *   (the rubric); choose another file */
int file_roles_check(char *message, size_t size);

/* Before writing PATH: -1 with MESSAGE when it is a registered input, or,
 * for a file no option named (PLANNED: DIR/<id>.json), a registered
 * output; else 0. */
int file_roles_check_write(const char *path, bool planned, char *message, size_t size);

#endif /* FILE_ROLES_H */
