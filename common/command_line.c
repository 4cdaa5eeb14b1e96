/*
 * command_line.c — a command's option table turned into getopt_long's
 * arguments and into its --help text (command_line.h).
 *
 * getopt_long is run with opterr 0 and a leading ':' (so it prints nothing
 * and tells a missing value from an unknown option) and a leading '-' (so
 * operands come back in order, one by one, and argv is never permuted:
 * the commands see their files in the order given, whatever
 * POSIXLY_CORRECT says). Each long option's val is its row in the table
 * plus COMMAND_LINE_LONG_BASE, above any letter, so that getopt_long's
 * optopt names the row after a missing or unwanted value.
 */
#include "command_line.h"

#include <string.h>

#include "file_roles.h"

/* The val of the long option in row r is r + COMMAND_LINE_LONG_BASE. */
enum { COMMAND_LINE_LONG_BASE = 256 };

/* The widest option label before its help goes on a line of its own. */
enum { COMMAND_LINE_HELP_COLUMN_MAX = 32 };

size_t command_line_option_label(const command_line_option *option, char *label, size_t size)
{
    char letter[8] = "    ";
    if (option->short_name != 0)
        snprintf(letter, sizeof letter, "-%c, ", option->short_name);
    int length = snprintf(label, size, "%s--%s%s%s", letter, option->long_name,
                          option->argument != NULL ? "=" : "",
                          option->argument != NULL ? option->argument : "");
    return length < 0 ? 0 : (size_t)length;
}

void command_line_start(command_line_parser *parser, const command_line_command *command,
                        int argc, char **argv)
{
    memset(parser, 0, sizeof *parser);
    parser->command = command;
    file_roles_reset();
    parser->argc = argc;
    parser->argv = argv;
    if (command->option_count > COMMAND_LINE_MAX_OPTIONS)
        return;
    char *letters = parser->short_options;
    *letters++ = '-';
    *letters++ = ':';
    for (size_t row = 0; row < command->option_count; row++) {
        const command_line_option *option = &command->options[row];
        parser->long_options[row] = (struct option){
            option->long_name, option->argument != NULL ? required_argument : no_argument, NULL,
            (int)row + COMMAND_LINE_LONG_BASE};
        if (option->short_name != 0) {
            *letters++ = option->short_name;
            if (option->argument != NULL)
                *letters++ = ':';
        }
    }
    *letters = '\0';
    /* 0, not 1: glibc then starts afresh, forgetting a previous parse's
     * place inside a group of letters. */
    optind = 0;
    opterr = 0;
}

/* The row of the table with the letter, or NULL. */
static const command_line_option *command_line_find_letter(const command_line_command *command, int letter)
{
    for (size_t row = 0; row < command->option_count; row++)
        if (letter != 0 && command->options[row].short_name == letter)
            return &command->options[row];
    return NULL;
}

/* A long option written with a name that is only the start of a long
 * name, or of several: refused, naming them. */
static int command_line_abbreviation(command_line_parser *parser, const char *name, size_t length)
{
    const command_line_command *command = parser->command;
    size_t matches = 0;
    for (size_t row = 0; row < command->option_count; row++)
        if (strncmp(command->options[row].long_name, name, length) == 0)
            matches++;
    size_t used = (size_t)snprintf(parser->message, sizeof parser->message,
                                   "unknown option '--%.*s'", (int)(length > 100 ? 100 : length), name);
    if (matches == 0)
        return COMMAND_LINE_ERROR;
    used += (size_t)snprintf(parser->message + used, sizeof parser->message - used,
                             " (long options are written in full: ");
    size_t shown = 0;
    for (size_t row = 0; row < command->option_count && used < sizeof parser->message; row++) {
        const char *long_name = command->options[row].long_name;
        if (strncmp(long_name, name, length) != 0)
            continue;
        shown++;
        used += (size_t)snprintf(parser->message + used, sizeof parser->message - used, "%s--%s",
                                 shown == 1 ? "" : shown == matches ? " or " : ", ", long_name);
    }
    if (used < sizeof parser->message)
        snprintf(parser->message + used, sizeof parser->message - used, ")");
    return COMMAND_LINE_ERROR;
}

/* What is wrong when getopt_long answers '?' or ':' for the argument
 * argv[element] (letter: optopt). */
static int command_line_trouble(command_line_parser *parser, int answer, int element, int letter)
{
    const command_line_command *command = parser->command;
    const char *written = parser->argv[element];
    const command_line_option *option = NULL;
    bool as_long = letter >= COMMAND_LINE_LONG_BASE;
    if (as_long)
        option = &command->options[letter - COMMAND_LINE_LONG_BASE];
    else
        option = command_line_find_letter(command, letter);
    if (answer == ':' && option != NULL) {
        if (as_long)
            snprintf(parser->message, sizeof parser->message, "option '--%s' needs a value: --%s=%s",
                     option->long_name, option->long_name, option->argument);
        else
            snprintf(parser->message, sizeof parser->message, "option '-%c' needs a value: -%c %s",
                     option->short_name, option->short_name, option->argument);
        return COMMAND_LINE_ERROR;
    }
    if (as_long) {
        snprintf(parser->message, sizeof parser->message, "option '--%s' takes no value",
                 option->long_name);
        return COMMAND_LINE_ERROR;
    }
    if (letter == 0 && strncmp(written, "--", 2) == 0) {
        const char *name = written + 2;
        return command_line_abbreviation(parser, name, strcspn(name, "="));
    }
    /* An unknown letter: a word that starts with it ("-frobnicate") is
     * shown whole; a letter inside a group ("-qz") alone. */
    if (written[0] == '-' && written[1] == letter)
        snprintf(parser->message, sizeof parser->message, "unknown option '%.100s'", written);
    else
        snprintf(parser->message, sizeof parser->message, "unknown option '-%c'", letter);
    return COMMAND_LINE_ERROR;
}

/* The file role of an option's or operand's file, or -1 for none. */
static int command_line_role(command_line_file file)
{
    switch (file) {
    case COMMAND_LINE_INPUT_FILE:
        return FILE_ROLE_INPUT;
    case COMMAND_LINE_OUTPUT_FILE:
        return FILE_ROLE_OUTPUT;
    case COMMAND_LINE_OUTPUT_FOLDER:
        return FILE_ROLE_OUTPUT_FOLDER;
    default:
        return -1;
    }
}

/* An operand: registered when the command's operands are files. */
static int command_line_operand(command_line_parser *parser, const char *value)
{
    const command_line_command *command = parser->command;
    parser->value = value;
    parser->operand_count++;
    int role = command_line_role(command->operands);
    if (role >= 0 && file_roles_add((file_role)role, value,
                                    command->operand_name ? command->operand_name : "an operand") != 0) {
        snprintf(parser->message, sizeof parser->message, "out of memory");
        return COMMAND_LINE_ERROR;
    }
    return COMMAND_LINE_OPERAND;
}

/* The end of the command line: every file it named checked, once. */
static int command_line_end(command_line_parser *parser)
{
    const command_line_command *command = parser->command;
    if (parser->files_checked)
        return COMMAND_LINE_END;
    parser->files_checked = true;
    if (command->reads_standard_input && parser->operand_count == 0 &&
        file_roles_add(FILE_ROLE_INPUT, "-", "standard input") != 0) {
        snprintf(parser->message, sizeof parser->message, "out of memory");
        return COMMAND_LINE_ERROR;
    }
    if (file_roles_check(parser->message, sizeof parser->message) != 0)
        return COMMAND_LINE_ERROR;
    return COMMAND_LINE_END;
}

int command_line_next(command_line_parser *parser)
{
    const command_line_command *command = parser->command;
    parser->option = NULL;
    parser->value = NULL;
    parser->written = NULL;
    if (command->option_count > COMMAND_LINE_MAX_OPTIONS) {
        snprintf(parser->message, sizeof parser->message, "%s has more options than %d",
                 command->name, COMMAND_LINE_MAX_OPTIONS);
        return COMMAND_LINE_ERROR;
    }
    if (parser->options_ended) {
        if (parser->next_operand >= parser->argc)
            return command_line_end(parser);
        return command_line_operand(parser, parser->argv[parser->next_operand++]);
    }
    /* The argument getopt_long is about to read (or is inside, for a
     * group of letters): operands come back in order, so it is this one. */
    int element = optind == 0 ? 1 : optind;
    int row = -1;
    optopt = 0;
    int answer = getopt_long(parser->argc, parser->argv, parser->short_options,
                             parser->long_options, &row);
    if (answer == -1) {
        /* The end, or "--": what is left is operands. */
        parser->options_ended = true;
        parser->next_operand = optind;
        return command_line_next(parser);
    }
    if (answer == 1)
        return command_line_operand(parser, optarg);
    if (answer == '?' || answer == ':')
        return command_line_trouble(parser, answer, element, optopt);
    const command_line_option *option;
    if (answer >= COMMAND_LINE_LONG_BASE) {
        option = &command->options[answer - COMMAND_LINE_LONG_BASE];
        /* getopt_long takes the start of a name for the name; it must be
         * written in full. */
        const char *name = parser->argv[element] + 2;
        size_t length = strcspn(name, "=");
        if (strlen(option->long_name) != length)
            return command_line_abbreviation(parser, name, length);
        parser->written = parser->argv[element];
    } else {
        option = command_line_find_letter(command, answer);
        snprintf(parser->written_letter, sizeof parser->written_letter, "-%c", answer);
        parser->written = parser->written_letter;
    }
    parser->option = option;
    parser->value = option->argument != NULL ? optarg : NULL;
    int role = command_line_role(option->file);
    if (role >= 0 && parser->value != NULL) {
        /* given twice, the last one counts */
        char what[128];
        snprintf(what, sizeof what, "--%s", option->long_name);
        if (file_roles_replace((file_role)role, parser->value, what) != 0) {
            snprintf(parser->message, sizeof parser->message, "out of memory");
            return COMMAND_LINE_ERROR;
        }
    }
    return option->code;
}

/* Text with '\n's, each line after the first indented to column. */
static void command_line_print_lines(FILE *out, const char *text, int column)
{
    for (;;) {
        size_t length = strcspn(text, "\n");
        fprintf(out, "%.*s\n", (int)length, text);
        if (text[length] == '\0')
            return;
        text += length + 1;
        fprintf(out, "%*s", column, "");
    }
}

void command_line_print_usage(const command_line_command *command, FILE *out)
{
    const char *synopsis = command->synopsis;
    for (const char *lead = "usage: ";; lead = "       ") {
        size_t length = strcspn(synopsis, "\n");
        fprintf(out, "%s%s %.*s\n", lead, command->name, (int)length, synopsis);
        if (synopsis[length] == '\0')
            return;
        synopsis += length + 1;
    }
}

int command_line_usage_error(const command_line_command *command, const char *message,
                             const char *argument)
{
    fprintf(stderr, "%s: %s%s%s\n", command->name, message, argument ? " " : "", argument ? argument : "");
    command_line_print_usage(command, stderr);
    return 2;
}

void command_line_print_help(const command_line_command *command, FILE *out)
{
    command_line_print_usage(command, out);
    command_line_print_lines(out, command->description, 0);
    /* The help column: two spaces after the widest label, up to a limit;
     * a wider label has its help on the next line. */
    char label[128];
    int column = 0;
    for (size_t row = 0; row < command->option_count; row++) {
        int width = 2 + (int)command_line_option_label(&command->options[row], label, sizeof label) + 2;
        if (width > column && width <= COMMAND_LINE_HELP_COLUMN_MAX)
            column = width;
    }
    fputs("\nOptions:\n", out);
    for (size_t row = 0; row < command->option_count; row++) {
        const command_line_option *option = &command->options[row];
        int width = 2 + (int)command_line_option_label(option, label, sizeof label);
        fprintf(out, "  %s", label);
        if (width + 2 > column)
            fprintf(out, "\n%*s", column, "");
        else
            fprintf(out, "%*s", column - width, "");
        command_line_print_lines(out, option->help, column);
    }
    if (command->subcommand_count > 0) {
        int name_column = 0;
        for (size_t i = 0; i < command->subcommand_count; i++)
            if ((int)strlen(command->subcommands[i].name) + 4 > name_column)
                name_column = (int)strlen(command->subcommands[i].name) + 4;
        fputs("\nCommands:\n", out);
        for (size_t i = 0; i < command->subcommand_count; i++) {
            const command_line_subcommand *subcommand = &command->subcommands[i];
            fprintf(out, "  %-*s", name_column - 2, subcommand->name);
            command_line_print_lines(out, subcommand->summary, name_column);
        }
    }
    fputs("\nExit status:\n", out);
    for (size_t i = 0; i < command->exit_count; i++) {
        fprintf(out, "  %d  ", command->exits[i].status);
        command_line_print_lines(out, command->exits[i].meaning, 5);
    }
}
