/*
 * command_line.h — a command's options as one table, from which both the
 * parser (getopt_long) and the --help text are made, so that what a
 * command accepts and what its help says cannot disagree. rubricc, each
 * of its subcommands, and rubric-grade each hold one table.
 *
 * The rules every command follows, because they all parse here:
 *
 *   - every option has a long name (--output); some also a letter (-o);
 *   - a value is written --output=DIR or --output DIR, -o DIR or -oDIR;
 *   - long names are written in full: an abbreviation (--out) is refused,
 *     and the message names the options it could have meant, so that a
 *     script keeps working when an option is added later;
 *   - letters without a value may be grouped (-qV);
 *   - options and operands may be mixed; "--" ends the options, and every
 *     argument after it is an operand (a file named "-x" is "-- -x");
 *     "-" alone is an operand (standard input, by the commands' custom).
 *
 * Usage:
 *
 *   command_line_parser parser;
 *   command_line_start(&parser, &fmt_command, argc, argv);
 *   for (int code; (code = command_line_next(&parser)) != COMMAND_LINE_END;)
 *       switch (code) {
 *       case COMMAND_LINE_OPERAND: ... parser.value is the operand ...
 *       case COMMAND_LINE_ERROR:   ... parser.message says what is wrong;
 *                                  the command prints it in its own style
 *                                  and exits 2 ...
 *       case FMT_WRITE: ...        the table's code for --write / -w
 *       }
 *
 * The parser uses getopt_long's global state (optind and the rest): one
 * command line is parsed at a time, and each command_line_start begins
 * afresh, so one process may parse several (rubricc's subcommands do).
 * It depends on nothing of the project but file_roles.h, the registry
 * of the files the options name.
 */
#ifndef COMMAND_LINE_H
#define COMMAND_LINE_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The most options one table may hold. */
enum { COMMAND_LINE_MAX_OPTIONS = 40 };

/* What command_line_next returns besides a table's codes (which are 0 or
 * more). */
enum {
    COMMAND_LINE_END = -1,       /* no more arguments */
    COMMAND_LINE_OPERAND = -2,   /* parser.value is an operand (a file, ...) */
    COMMAND_LINE_ERROR = -3      /* parser.message says what is wrong */
};

/* Whether an option's value, or an operand, names a file, and which way
 * the command uses it. The parser registers every such file
 * (file_roles.h) and, when the command line ends, refuses an output that
 * is an input or another output (COMMAND_LINE_ERROR) before the command
 * reads or writes anything: so every option that names a file says so
 * here. */
typedef enum command_line_file {
    COMMAND_LINE_NO_FILE,        /* not a file (a format, a number, a search folder) */
    COMMAND_LINE_INPUT_FILE,     /* a file the command reads */
    COMMAND_LINE_OUTPUT_FILE,    /* a file the command writes ("-": standard output) */
    COMMAND_LINE_OUTPUT_FOLDER   /* a folder the command writes files into */
} command_line_file;

/* One option of a command. */
typedef struct command_line_option {
    const char *long_name;       /* "output", written --output */
    char short_name;             /* 'o', written -o; 0 when it has none */
    const char *argument;        /* the value's name in the help ("DIR");
                                    NULL when the option takes no value */
    const char *help;            /* what it does; '\n' starts another line */
    int code;                    /* what command_line_next returns for it (0 or more) */
    command_line_file file;      /* whether its value names a file, and which way */
} command_line_option;

/* One exit status and what it means. */
typedef struct command_line_exit {
    int status;
    const char *meaning;         /* '\n' starts another line */
} command_line_exit;

/* A subcommand, for the list in a program's own help. */
typedef struct command_line_subcommand {
    const char *name;
    const char *summary;
} command_line_subcommand;

/* A command: its name, what it takes, its options and its exit statuses.
 * The help is made from it, in this shape (every command alike):
 *
 *   usage: NAME SYNOPSIS             (one line per line of SYNOPSIS)
 *   DESCRIPTION
 *
 *   Options:
 *     -o, --output=DIR  HELP         (or "      --check  HELP" without a letter)
 *
 *   Commands:                        (only when it has subcommands)
 *     NAME  SUMMARY
 *
 *   Exit status:
 *     0  MEANING
 */
typedef struct command_line_command {
    const char *name;            /* "rubricc fmt": the usage and the messages */
    const char *synopsis;        /* "[OPTION]... FILE..."; '\n' separates forms */
    const char *description;     /* one paragraph; '\n' starts another line */
    const command_line_option *options;
    size_t option_count;
    const command_line_subcommand *subcommands;   /* NULL when none */
    size_t subcommand_count;
    const command_line_exit *exits;
    size_t exit_count;
    command_line_file operands;  /* what the operands name: COMMAND_LINE_INPUT_FILE
                                    ("-": standard input), or COMMAND_LINE_NO_FILE */
    const char *operand_name;    /* an operand in messages: "the rubric" */
    bool reads_standard_input;   /* without operands, standard input is read */
} command_line_command;

/* One command line being parsed. */
typedef struct command_line_parser {
    const command_line_command *command;
    int argc;
    char **argv;
    bool options_ended;          /* "--" was seen, or getopt_long is done */
    int next_operand;            /* after "--": the next argument to return */
    const command_line_option *option;  /* the option just returned, or NULL */
    const char *value;           /* its value, or the operand; NULL for none */
    const char *written;         /* the option as written: "--output=x", "-o" */
    char written_letter[3];      /* "-o", for written */
    int operand_count;           /* operands returned so far */
    bool files_checked;          /* the files were checked: the end was returned */
    char message[512];           /* after COMMAND_LINE_ERROR */
    struct option long_options[COMMAND_LINE_MAX_OPTIONS + 1];
    char short_options[3 * COMMAND_LINE_MAX_OPTIONS + 3];
} command_line_parser;

/* Begin parsing argv[1..argc-1] (argv[0] is the command's name) by
 * command's table. A table too big for the parser makes every
 * command_line_next an error. */
void command_line_start(command_line_parser *parser, const command_line_command *command,
                        int argc, char **argv);

/* The next option's code (its value in parser->value), or
 * COMMAND_LINE_OPERAND, COMMAND_LINE_END or COMMAND_LINE_ERROR. Each file
 * an option or operand names is registered (file_roles.h) as it is
 * returned; before COMMAND_LINE_END, they are all checked, and an output
 * that is an input or another output is a COMMAND_LINE_ERROR saying
 * which. A command that learns more files than its command line names
 * registers them itself and calls file_roles_check. */
int command_line_next(command_line_parser *parser);

/* The help, as described above. */
void command_line_print_help(const command_line_command *command, FILE *out);

/* The usage lines alone ("usage: NAME SYNOPSIS"), for a hint after an error. */
void command_line_print_usage(const command_line_command *command, FILE *out);

/* A usage mistake as every subcommand reports it: "NAME: MESSAGE" (and
 * " ARGUMENT" when ARGUMENT is not NULL) and the usage, on stderr.
 * Returns 2, the exit status of bad usage. */
int command_line_usage_error(const command_line_command *command, const char *message,
                             const char *argument);

/* How an option is shown in the help: "-o, --output=DIR" or "    --check".
 * Writes at most size bytes (with the NUL); returns the full length. */
size_t command_line_option_label(const command_line_option *option, char *label, size_t size);

#endif /* COMMAND_LINE_H */
