/*
 * grade_cli.c — the whole of rubric-grade, the command-line grader for
 * scripts, as one library call: rubric_grade_command (grade_cli.h).
 *
 *   rubric-grade --rubric=FILE [OPTION]... [INPUT]...
 *
 * Parses the command line (one table of options, grade_options, from
 * which the parser and --help both come: common/command_line.h), takes the rubric (loaded from --rubric, or the
 * linked C tables the caller passes), then streams every input (stdin when
 * none, or "-") through the audit reader, the grader and the report
 * writer: one output record per input record, a result or an error, so
 * records in = results + errors out. Errors also go to stderr as
 * "INPUT:LINE: error: ...". With --summary the batch's totals are written
 * at the end. rubric-grade's main and the one-truth test's program over
 * linked tables both call it, so both run exactly this code.
 *
 * Nothing is lost or overwritten by mistake: -o FILE, --summary-output
 * FILE and --report FILE are written whole or not at all
 * (common/output_file.c), and kept as they were when the run hits
 * trouble; an output that is an input, the rubric or another output is
 * refused by the parser, before anything is read (the option table marks
 * which options name files: common/file_roles.h). Text
 * from audits reaches stderr with its control characters escaped
 * (safe_text.c), so no case id can forge a "file:line: error:" line.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit_read.h"
#include "batch_inputs.h"
#include "command_line.h"
#include "grade_cli.h"
#include "output_buffer.h"
#include "output_file.h"
#include "moderation.h"
#include "moderation_text.h"
#include "report.h"
#include "register.h"
#include "report_html.h"
#include "report_layout.h"
#include "results_xlsx.h"
#include "revisions.h"
#include "rubric.h"
#include "safe_text.h"
#include "summary.h"

/* A progress line is shown on a terminal once this many records are in. */
enum { PROGRESS_AFTER_RECORDS = 100000, PROGRESS_EVERY_RECORDS = 65536 };

/* The command line, as parsed. */
typedef struct options {
    const char *program;         /* the name messages start with */
    const rubric_model *linked_model;  /* the caller's tables, or NULL: --rubric */
    const char *rubric_path;
    const char *output_path;
    const char *summary_path;
    report_format format;
    audit_format input_format;
    audit_date_format date_format;  /* --date-format: dates' form besides ISO 8601 */
    const char *holidays_path;   /* --holidays FILE: the holidays working days leave out, or NULL */
    int summary;
    const char *report_path;     /* --report FILE.html, or NULL */
    report_layout layout;        /* the report by group and by round (report_layout.h) */
    const char *register_path;   /* --register FILE: the SQLite register, or NULL */
    int moderate;
    int strict;
    int quiet;
    int partial;                 /* --partial: records still being filled in (rubric_grader_set_partial) */
    int excel;                   /* CSV for Excel: a byte order mark and CRLF */
    int comments;                /* CSV: evidence comment columns */
    int xlsx;                    /* --format xlsx: the results as a workbook (results_xlsx.c) */
    size_t max_record_bytes;     /* 0: the reader's default */
    size_t max_rubric_bytes;     /* the largest rubric file read */
    const char **inputs;
    int input_count;
} options;

/* The run's state, shared with the per-record handler. */
typedef struct run {
    const options *options;
    const rubric_model *model;
    rubric_grader *grader;
    report_writer *writer;       /* NULL when only the summary is written */
    batch_summary *summary;      /* NULL without --summary or --report */
    html_report *html;           /* NULL without --report */
    output_file *html_file;      /* --report's file, opened before grading */
    moderation_batch *moderation;  /* NULL without --moderate */
    results_book *book;          /* --format xlsx's workbook, or NULL */
    revision_table *revisions;   /* which records count: NULL when nothing is counted */
    grade_register *grade_register;  /* --register's database, or NULL */
    int importing;               /* the inputs go into the register (else it is read) */
    int register_failed;         /* storing a record failed: the import is rolled back */
    unsigned input_index;        /* the input being read, by its place on the command line */
    int input_surveyed;          /* it was surveyed before grading */
    batch_inputs inputs;         /* the inputs, surveyed then graded (batch_inputs.h) */
    unsigned long duplicates;    /* records not counted: the same as an earlier one */
    unsigned long superseded;    /* records not counted: replaced by an amendment */
    unsigned long records;
    unsigned long failed;
    int write_failed;
    int show_progress;
    int progress_shown;
    unsigned long other_rubric_records; /* records of another rubric, after the first */
    char other_rubric[256];      /* the first other rubric's id, as the audits give it */
    output_buffer clean;         /* a message made valid UTF-8 */
    output_buffer clean_case;    /* the case reference of a failed record, likewise */
    output_buffer line;          /* a stderr line, escaped */
    char message[4096];
} run;

/* What rubric-grade's options are, for the switch in parse_options. */
enum grade_option {
    OPTION_RUBRIC, OPTION_INPUT_FORMAT, OPTION_FORMAT, OPTION_SUMMARY, OPTION_SUMMARY_OUTPUT,
    OPTION_OUTPUT, OPTION_EXCEL, OPTION_COMMENTS, OPTION_MAX_RECORD_SIZE,
    OPTION_MAX_RUBRIC_SIZE, OPTION_REPORT,
    OPTION_MODERATE, OPTION_STRICT, OPTION_QUIET, OPTION_HELP, OPTION_VERSION, OPTION_DATE_FORMAT, OPTION_HOLIDAYS,
    OPTION_REGISTER, OPTION_PARTIAL, OPTION_REPORT_LAYOUT /* and the REPORT_OPTION_COUNT - 1 codes after it */
};

/* The WebAssembly build reads workbooks but writes none (results_xlsx.c):
 * its help says so. */
#if defined(RUBRIC_NO_XLSX_WRITE)
#define XLSX_OUTPUT_HELP "\n(xlsx: not available in this build)"
#else
#define XLSX_OUTPUT_HELP ""
#endif

/* rubric-grade's options: the parser and the --help text both come from
 * here. --rubric comes first: a program grading with linked tables shows
 * the rest (it refuses --rubric, with its own message). */
static const command_line_option grade_options[] = {
    {"rubric", 0, "FILE", "the compiled rubric, FILE.json (required)",
     OPTION_RUBRIC, COMMAND_LINE_INPUT_FILE},
    {"input-format", 0, "FORMAT",
     "jsonl, csv or xlsx (default: by the file's\n"
     "extension .jsonl/.json/.csv/.xlsx, else by its\n"
     "first bytes)",
     OPTION_INPUT_FORMAT, COMMAND_LINE_NO_FILE},
    {"format", 0, "FORMAT", "output as jsonl (default), csv, text or xlsx\n"
     "(an Excel workbook, with -o FILE)" XLSX_OUTPUT_HELP,
     OPTION_FORMAT, COMMAND_LINE_NO_FILE},
    {"date-format", 0, "FORM",
     "the form the audits' dates are written in besides\n"
     "yyyy-mm-dd: dd/mm/yyyy (as UK spreadsheets export\n"
     "them), dd-mm-yyyy, dd.mm.yyyy or mm/dd/yyyy; a\n"
     "date in neither form is an error",
     OPTION_DATE_FORMAT, COMMAND_LINE_NO_FILE},
    {"holidays", 0, "FILE",
     "the holidays working days leave out in timescales,\n"
     "one date a line (YYYY-MM-DD, then its name), in\n"
     "place of England and Wales' bank holidays 2015-2030",
     OPTION_HOLIDAYS, COMMAND_LINE_INPUT_FILE},
    {"summary", 0, NULL,
     "write totals for the whole batch: grade\n"
     "distribution per criterion, section and overall,\n"
     "share good or better (JSON, or CSV or text\n"
     "with --format), instead of the per-audit records",
     OPTION_SUMMARY, COMMAND_LINE_NO_FILE},
    {"summary-output", 0, "FILE",
     "with --summary: the per-audit records still go\n"
     "to the output and the totals to FILE (as text\n"
     "when FILE ends in .txt, CSV when it ends in .csv)",
     OPTION_SUMMARY_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"output", 'o', "FILE",
     "write to FILE instead of stdout (replaced whole\n"
     "when the run ends without trouble, else left as\n"
     "it was)",
     OPTION_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"excel", 0, NULL,
     "with --format csv: a byte order mark and CRLF\n"
     "line ends, so Excel reads names in any alphabet",
     OPTION_EXCEL, COMMAND_LINE_NO_FILE},
    {"comments", 0, NULL,
     "with --format csv: the audits' evidence comments\n"
     "in comment:... columns after the grade columns",
     OPTION_COMMENTS, COMMAND_LINE_NO_FILE},
    {"max-record-size", 0, "SIZE",
     "the longest record read, in bytes (K, M or G may\n"
     "follow; default 16M); a longer one is an error",
     OPTION_MAX_RECORD_SIZE, COMMAND_LINE_NO_FILE},
    {"max-rubric-size", 0, "SIZE",
     "the largest rubric file read, in bytes (K, M or G\n"
     "may follow; default 64M); a larger one is an error",
     OPTION_MAX_RUBRIC_SIZE, COMMAND_LINE_NO_FILE},
    {"report", 0, "FILE",
     "also write the batch's results as one HTML page,\n"
     "FILE.html, for managers (distributions, weakest\n"
     "criteria, themes, months, agreement, cases to\n"
     "escalate)",
     OPTION_REPORT, COMMAND_LINE_OUTPUT_FILE},
    REPORT_LAYOUT_OPTIONS(OPTION_REPORT_LAYOUT),
#ifndef RUBRIC_NO_SQLITE
    {"register", 0, "FILE",
     "keep every graded record in the register FILE, an\n"
     "SQLite database (made when missing): a record\n"
     "already there is not added again, an amended one\n"
     "is a new revision; with no INPUT, read the\n"
     "register's current records instead",
     OPTION_REGISTER, COMMAND_LINE_OUTPUT_FILE},
#else
    {"register", 0, "FILE",
     "the SQLite register: not in this build (the\n"
     "WebAssembly build has no SQLite); use the native\n"
     "rubric-grade",
     OPTION_REGISTER, COMMAND_LINE_OUTPUT_FILE},
#endif
    {"moderate", 0, NULL,
     "the inputs hold cases graded twice (auditor,\n"
     "then moderator, or told apart by a \"role\"\n"
     "field): write their agreement (JSON, or text\n"
     "with kappa read in words with --format text)\n"
     "instead of the per-audit records",
     OPTION_MODERATE, COMMAND_LINE_NO_FILE},
    {"strict", 0, NULL, "stop at the first record that fails", OPTION_STRICT, COMMAND_LINE_NO_FILE},
    {"partial", 0, NULL,
     "grade records still being filled in: criteria\n"
     "left ungraded are no error; a section or the\n"
     "overall that waits for one is incomplete (JSON:\n"
     "\"incomplete\": true and the \"missing\" criteria)",
     OPTION_PARTIAL, COMMAND_LINE_NO_FILE},
    {"quiet", 'q', NULL, "no record errors or progress on stderr", OPTION_QUIET, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", OPTION_HELP, COMMAND_LINE_NO_FILE},
    {"version", 'V', NULL, "show the version and exit", OPTION_VERSION, COMMAND_LINE_NO_FILE},
};

static const command_line_exit grade_exits[] = {
    {GRADE_EXIT_ALL_GRADED, "every record graded"},
    {GRADE_EXIT_RECORD_FAILED, "a record failed (reported on stderr and in the output)"},
    {GRADE_EXIT_TROUBLE, "bad usage, an unusable rubric, an unreadable input or an\n"
                         "unwritable output"},
};

/* rubric-grade's command line; the help's name and head are the
 * program's (grade_command_for). */
static const command_line_subcommand grade_subcommands[] = {
    {"sample", "choose the cases of an audit round and allocate them to\n"
               "auditors (rubric-grade sample --help)"},
};

static const command_line_command grade_command = {
    "rubric-grade",
    "--rubric=FILE [OPTION]... [INPUT]...\n"
    "sample (--cases=N | --percent=P) --auditors=FILE [OPTION]... CASES.csv",
    "Grade case audits against a rubric compiled by `rubricc --emit json`.\n"
    "INPUT is a JSON Lines, CSV or Excel (.xlsx) file of audits; stdin when\n"
    "none or '-'.\n"
    "Long options are written in full. See rubric-grade(1).",
    grade_options, sizeof grade_options / sizeof grade_options[0],
    grade_subcommands, sizeof grade_subcommands / sizeof grade_subcommands[0],
    grade_exits, sizeof grade_exits / sizeof grade_exits[0],
    COMMAND_LINE_INPUT_FILE, "an input", true,
};

/* Whether a complaint ends by pointing at --help (it is about the command line). */
typedef enum complaint_kind { TROUBLE, USAGE_TROUBLE } complaint_kind;

/* Say what went wrong on stderr, after the program's name; for a usage
 * problem, say where help is. Returns the exit status for trouble. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static grade_exit_status complain(const options *parsed, complaint_kind kind, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "%s: ", parsed->program);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    if (kind == USAGE_TROUBLE)
        fprintf(stderr, "Try '%s --help'.\n", parsed->program);
    return GRADE_EXIT_TROUBLE;
}

/* Print the help: how the rubric is given, then the options (less
 * --rubric for a program with linked tables). */
static void print_usage(const options *parsed)
{
    command_line_command shown = grade_command;
    shown.name = parsed->program;
    char description[512];
    if (parsed->linked_model) {
        snprintf(description, sizeof description,
                 "Grade case audits against the rubric linked in as C tables:\n"
                 "  %s\n"
                 "INPUT is a JSON Lines, CSV or Excel (.xlsx) file of audits; stdin when\n"
                 "none or '-'.\n"
                 "Long options are written in full. See rubric-grade(1).",
                 parsed->linked_model->id);
        shown.synopsis = "[OPTION]... [INPUT]...";
        shown.description = description;
        shown.options = grade_options + 1;
        shown.option_count = grade_command.option_count - 1;
        shown.subcommands = NULL;    /* sample is rubric-grade's own */
        shown.subcommand_count = 0;
    }
    command_line_print_help(&shown, stdout);
}

/* The program's name for messages: ARGV0 without its directory. */
static const char *program_name(const char *argv0)
{
    if (argv0 == NULL || argv0[0] == '\0')
        return "rubric-grade";
    const char *slash = strrchr(argv0, '/');
    return slash && slash[1] ? slash + 1 : argv0;
}

/* Parse an --input-format or --format word. */
static int parse_format(const char *word, int for_output, options *parsed)
{
    if (word == NULL)
        return 0;
    if (strcmp(word, "jsonl") == 0) {
        if (for_output)
            parsed->format = REPORT_FORMAT_JSONL;
        else
            parsed->input_format = AUDIT_FORMAT_JSONL;
    } else if (strcmp(word, "csv") == 0) {
        if (for_output)
            parsed->format = REPORT_FORMAT_CSV;
        else
            parsed->input_format = AUDIT_FORMAT_CSV;
    } else if (strcmp(word, "xlsx") == 0) {
        if (for_output)
            parsed->xlsx = 1;
        else
            parsed->input_format = AUDIT_FORMAT_XLSX;
    } else if (for_output && strcmp(word, "text") == 0) {
        parsed->format = REPORT_FORMAT_TEXT;
    } else {
        return 0;
    }
    return 1;
}

/* A size in bytes: digits, then K, M or G (times 1024 each); 0 when not one. */
static size_t parse_size(const char *word)
{
    if (word == NULL || word[0] < '0' || word[0] > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long long number = strtoull(word, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end != '\0' || number == 0 || number > (ULLONG_MAX >> shift))
        return 0;
    number <<= shift;
#if SIZE_MAX < ULLONG_MAX
    /* Beyond a 32-bit address space (the WebAssembly build), as natively, a
     * limit no record or rubric can reach: the largest size there is. */
    if (number > SIZE_MAX)
        return SIZE_MAX;
#endif
    return (size_t)number;
}

/* SIZE bytes for a message, in MiB: "64 MiB", "190.7 MiB". */
static void describe_size(char *text, size_t space, uintmax_t size)
{
    if (size % (1024 * 1024) == 0)
        snprintf(text, space, "%ju MiB", size >> 20);
    else
        snprintf(text, space, "%.1f MiB", (double)size / (1024.0 * 1024.0));
}

/* One option (its value in line->value); returns -1 to go on, else the
 * exit status. */
static int parse_option(int code, const command_line_parser *line, options *parsed)
{
    const char *word = line->value;
    if (code >= OPTION_REPORT_LAYOUT) {
        const char *round_input;
        if (!report_layout_option(&parsed->layout, code - OPTION_REPORT_LAYOUT, word, &round_input))
            return complain(parsed, USAGE_TROUBLE, "%s", parsed->layout.message);
        if (round_input)
            parsed->inputs[parsed->input_count++] = round_input;
        return -1;
    }
    switch (code) {
    case OPTION_HELP:
        print_usage(parsed);
        return GRADE_EXIT_ALL_GRADED;
    case OPTION_VERSION:
        printf("%s %s (rubric JSON format %d)\n", parsed->program, rubric_library_version(),
               RUBRIC_FORMAT_VERSION);
        return GRADE_EXIT_ALL_GRADED;
    case OPTION_RUBRIC:
        if (parsed->linked_model)
            return complain(parsed, USAGE_TROUBLE,
                            "this program grades with its linked rubric '%s'; --rubric is not taken",
                            parsed->linked_model->id);
        parsed->rubric_path = word;
        return -1;
    case OPTION_SUMMARY_OUTPUT:
        parsed->summary_path = word;
        return -1;
    case OPTION_OUTPUT:
        parsed->output_path = word;
        return -1;
    case OPTION_FORMAT:
        if (!parse_format(word, 1, parsed))
            return complain(parsed, USAGE_TROUBLE, "--format must be jsonl, csv, text or xlsx, not '%s'", word);
        return -1;
    case OPTION_HOLIDAYS:
        parsed->holidays_path = word;
        return -1;
    case OPTION_DATE_FORMAT:
        if (!audit_date_format_parse(word, &parsed->date_format))
            return complain(parsed, USAGE_TROUBLE, "--date-format must be one of " AUDIT_DATE_FORMS ", not '%s'",
                            word);
        return -1;
    case OPTION_INPUT_FORMAT:
        if (!parse_format(word, 0, parsed))
            return complain(parsed, USAGE_TROUBLE, "--input-format must be jsonl, csv or xlsx, not '%s'", word);
        return -1;
    case OPTION_MAX_RECORD_SIZE:
        if (!(parsed->max_record_bytes = parse_size(word)))
            return complain(parsed, USAGE_TROUBLE,
                            "--max-record-size must be a number of bytes such as 65536 or 64M, not '%s'",
                            word);
        return -1;
    case OPTION_MAX_RUBRIC_SIZE:
        if (!(parsed->max_rubric_bytes = parse_size(word)))
            return complain(parsed, USAGE_TROUBLE,
                            "--max-rubric-size must be a number of bytes such as 65536 or 64M, not '%s'",
                            word);
        return -1;
    case OPTION_EXCEL:
        parsed->excel = 1;
        return -1;
    case OPTION_COMMENTS:
        parsed->comments = 1;
        return -1;
    case OPTION_SUMMARY:
        parsed->summary = 1;
        return -1;
    case OPTION_REPORT:
        parsed->report_path = word;
        return -1;
    case OPTION_MODERATE:
        parsed->moderate = 1;
        return -1;
    case OPTION_REGISTER:
        if (strcmp(word, "-") == 0)
            return complain(parsed, USAGE_TROUBLE, "%s", "--register needs a file name: the register is a database"
                            " file, not standard input or output");
        parsed->register_path = word;
        return -1;
    case OPTION_STRICT:
        parsed->strict = 1;
        return -1;
    case OPTION_PARTIAL:
        parsed->partial = 1;
        return -1;
    default:   /* OPTION_QUIET */
        parsed->quiet = 1;
        return -1;
    }
}

/* The whole command line; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *parsed)
{
    parsed->inputs = calloc((size_t)argc, sizeof *parsed->inputs);
    report_layout_start(&parsed->layout);
    if (parsed->inputs == NULL)
        return complain(parsed, USAGE_TROUBLE, "%s", "out of memory");
    command_line_parser line;
    command_line_start(&line, &grade_command, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        int status = -1;
        if (code == COMMAND_LINE_OPERAND)
            parsed->inputs[parsed->input_count++] = line.value;
        else if (code == COMMAND_LINE_ERROR)
            status = complain(parsed, USAGE_TROUBLE, "%s", line.message);
        else
            status = parse_option(code, &line, parsed);
        if (status >= 0)
            return status;
    }
    if (parsed->rubric_path == NULL && parsed->linked_model == NULL)
        return complain(parsed, USAGE_TROUBLE, "%s", "no rubric: give --rubric FILE.json");
    if (parsed->summary_path && !parsed->summary)
        return complain(parsed, USAGE_TROUBLE, "%s", "--summary-output needs --summary");
    if (parsed->excel && parsed->format != REPORT_FORMAT_CSV)
        return complain(parsed, USAGE_TROUBLE, "%s", "--excel is for CSV output: give --format csv");
    if (parsed->comments && parsed->format != REPORT_FORMAT_CSV)
        return complain(parsed, USAGE_TROUBLE, "%s",
                        "--comments is for CSV output: give --format csv (JSON Lines and text carry comments always)");
    if (parsed->moderate && parsed->format != REPORT_FORMAT_JSONL && parsed->format != REPORT_FORMAT_TEXT)
        return complain(parsed, USAGE_TROUBLE, "%s", "--moderate writes JSON, or text with --format text; not CSV");
    if (report_layout_used(&parsed->layout) && parsed->report_path == NULL && !parsed->xlsx)
        return complain(parsed, USAGE_TROUBLE, "%s", "--group-by, --suppress-below, --round and --rounds shape "
                        "the report or the workbook: give --report FILE.html or --format xlsx");
    if (parsed->layout.round_count && (unsigned)parsed->input_count != parsed->layout.round_count)
        return complain(parsed, USAGE_TROUBLE, "%s", "with --round, give every input as --round LABEL=FILE, "
                        "so that each audit is in a round");
    return -1;
}

/* Whether PATH ends in SUFFIX. */
static int path_ends_with(const char *path, const char *suffix)
{
    size_t length = strlen(path), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(path + length - suffix_length, suffix) == 0;
}

/* With -o naming a file, every input must open before the file is made:
 * a missing input ends the run and leaves FILE as it was. */
static int check_inputs_open(const options *parsed)
{
    if (parsed->output_path == NULL || !output_file_is_replaceable(parsed->output_path))
        return -1;
    for (int index = 0; index < parsed->input_count; index++) {
        if (strcmp(parsed->inputs[index], "-") == 0)
            continue;
        FILE *input = fopen(parsed->inputs[index], "rb");
        if (input == NULL)
            return complain(parsed, TROUBLE, "cannot open %s: %s; %s is left as it was", parsed->inputs[index],
                            strerror(errno), parsed->output_path);
        fclose(input);
    }
    return -1;
}

/* Show or refresh the progress line on a terminal. */
static void show_progress(run *state)
{
    if (!state->show_progress || state->records < PROGRESS_AFTER_RECORDS ||
        state->records % PROGRESS_EVERY_RECORDS != 0)
        return;
    fprintf(stderr, "\r%s: %lu records, %lu failed", state->options->program, state->records, state->failed);
    state->progress_shown = 1;
}

/* Clear the progress line before anything else goes to stderr. */
static void clear_progress(run *state)
{
    if (state->progress_shown) {
        fputs("\r\033[K", stderr);
        state->progress_shown = 0;
    }
}

/* Whether stderr should show this failure: records of the first other
 * rubric met are shown once; the rest of them are counted and summed up
 * at the end (each still has its error in the output). */
static int show_on_stderr(run *state, const rubric_audit *audit, const rubric_result *result)
{
    if (state->options->quiet)
        return 0;
    if (result == NULL || result->problem_count == 0 || result->problems[0].kind != RUBRIC_PROBLEM_WRONG_RUBRIC)
        return 1;
    if (state->other_rubric[0] == '\0') {
        snprintf(state->other_rubric, sizeof state->other_rubric, "%s", audit->rubric_id);
        safe_text_cut(state->other_rubric);
        return 1;
    }
    if (strcmp(state->other_rubric, audit->rubric_id) != 0)
        return 1;
    state->other_rubric_records++;
    return 0;
}

/* A record failed: say so on stderr and in the output; go on unless strict.
 * The message is made valid UTF-8 (it may have been cut to a length), and
 * on stderr every part from the audit has its control characters escaped. */
static int record_failed(run *state, const report_source *source, const char *message, int to_stderr)
{
    state->failed++;
    output_clear(&state->clean);
    safe_text_valid(&state->clean, message);
    const char *clean = state->clean.length ? state->clean.text : "";
    report_source cleaned = *source;
    if (source->case_reference) {
        /* a broken CSV row's case cell has not been checked */
        output_clear(&state->clean_case);
        safe_text_valid(&state->clean_case, source->case_reference);
        cleaned.case_reference = state->clean_case.length ? state->clean_case.text : "";
        source = &cleaned;
    }
    if (to_stderr) {
        clear_progress(state);
        output_buffer *line = &state->line;
        output_clear(line);
        safe_text_escaped(line, source->input);
        output_format(line, ":%lu: error: ", source->line);
        if (source->case_reference) {
            output_text(line, "case ");
            safe_text_escaped(line, source->case_reference);
            output_text(line, ": ");
        }
        safe_text_escaped(line, clean);
        output_bytes(line, "\n", 1);
        batch_inputs_say(&state->inputs, line->text, line->length);
    }
    if (state->book && !results_book_error(state->book, source->input, source->line, source->case_reference, clean))
        state->write_failed = 1;
    if (state->writer && !state->inputs.recounting && !report_error(state->writer, source, clean))
        state->write_failed = 1;
    if (state->summary)
        summary_add_error(state->summary);
    return state->options->strict || state->write_failed;
}

/* Memory ran out while keeping the batch's totals: stop. */
static int out_of_memory(run *state)
{
    clear_progress(state);
    complain(state->options, TROUBLE, "%s", "out of memory");
    state->write_failed = 1;
    return 1;
}

/* The reader's note about an input as a whole (the CSV columns it passes
 * through as fields): "INPUT:LINE: note: …" on stderr, unless --quiet. */
static void note_input(const char *input, unsigned long line, const char *note, void *context)
{
    run *state = context;
    if (state->options->quiet)
        return;
    clear_progress(state);
    output_buffer *text = &state->line;
    output_clear(text);
    safe_text_escaped(text, input);
    output_format(text, ":%lu: note: ", line);
    safe_text_escaped(text, note);
    output_bytes(text, "\n", 1);
    batch_inputs_say(&state->inputs, text->text, text->length);
}

/* Whether a graded record counts in the totals (revisions.h); when not,
 * a note says which record counts instead. An input not surveyed ahead
 * (the one read, batch_inputs.h) is surveyed as it is read, so its records
 * are matched against those before them; after a late amendment the
 * second read counts. */
static int counts_once(run *state, const audit_record *record, const revision_record *entry)
{
    if (!state->input_surveyed && !batch_inputs_survey_one(&state->inputs, state->revisions, entry))
        return !out_of_memory(state);
    if (state->inputs.late_amendment)
        return 1;
    revision_place earlier;
    revision_verdict verdict = revisions_verdict(state->revisions, entry, &earlier);
    if (verdict == REVISION_COUNTS)
        return 1;
    if (verdict == REVISION_DUPLICATE)
        state->duplicates++;
    else
        state->superseded++;
    if (!state->options->quiet) {
        clear_progress(state);
        batch_inputs_say_not_counted(&state->inputs, &state->line, record, verdict, earlier);
    }
    return 0;
}

/* With --register: begin the import of the inputs, or (with no input)
 * copy the register's current records into a temporary file that is read
 * as the one input. 0 on trouble, said. */
static int start_register(run *state, const char *const *inputs, int input_count)
{
    const options *parsed = state->options;
    char error[1024];
    if (parsed->input_count == 0) {
        if (batch_inputs_from_register(&state->inputs, state->grade_register, parsed->register_path, error,
                                       sizeof error))
            return 1;
        complain(parsed, TROUBLE, "%s", error);
        return 0;
    }
    output_buffer names = {0};
    for (int index = 0; index < input_count; index++) {
        if (index)
            output_text(&names, "\n");
        output_text(&names, strcmp(inputs[index], "-") == 0 ? "<stdin>" : inputs[index]);
    }
    int no_memory = names.out_of_memory;
    int begun = !no_memory && register_begin(state->grade_register, names.text, error, sizeof error);
    output_buffer_free(&names);
    if (!begun) {
        complain(parsed, TROUBLE, "%s", no_memory ? "out of memory" : error);
        return 0;
    }
    state->importing = 1;
    return 1;
}

/* Commit the import when the run went well (else the register is left as
 * it was), and say what it added. 0 on trouble. */
static int finish_register(run *state, int trouble)
{
    const options *parsed = state->options;
    char error[1024];
    register_counts counts;
    if (trouble || state->register_failed || state->write_failed) {
        complain(parsed, TROUBLE, "register %s is left as it was", parsed->register_path);
        return 0;
    }
    if (!register_commit(state->grade_register, &counts, error, sizeof error)) {
        complain(parsed, TROUBLE, "%s; it is left as it was", error);
        return 0;
    }
    if (!parsed->quiet)
        complain(parsed, TROUBLE, "register %s: %lu record%s added, %lu new revision%s, %lu already there",
                 parsed->register_path, counts.added, counts.added == 1 ? "" : "s", counts.revised,
                 counts.revised == 1 ? "" : "s", counts.unchanged);
    return 1;
}

/* The audit reader's callback: grade one record and report it. */
static int handle_record(const audit_record *record, void *context)
{
    run *state = context;
    report_source source = {record->input, record->line, record->case_reference,
                            record->audit ? record->audit : record->as_read, record->amended_by, record->amended_at};
    state->records++;
    show_progress(state);
    if (record->audit == NULL)
        return record_failed(state, &source, record->error, show_on_stderr(state, NULL, NULL));
    const rubric_result *result = rubric_grade(state->grader, record->audit);
    revision_record entry = {record->audit, record->amended_by, record->amended_at, record->amended_seconds,
                             {state->input_index, record->line}, 0, 0};
    if (state->revisions || state->importing)   /* hashed once, for the register and the counting */
        revisions_hash(&entry);
    if (!result->valid) {        /* surveyed still: a failed amendment replaces what it amends */
        if (state->revisions && !state->input_surveyed &&
            !batch_inputs_survey_one(&state->inputs, state->revisions, &entry))
            return out_of_memory(state);
        rubric_result_describe(result, state->message, sizeof state->message);
        return record_failed(state, &source, state->message, show_on_stderr(state, record->audit, result));
    }
    if (state->importing && !state->register_failed && !state->inputs.recounting) {
        register_record stored = {record->audit, result, record->amended_by, record->amended_at,
                                  record->amended_seconds, record->input, record->line, entry.key_hash,
                                  entry.content_hash};
        if (!register_add(state->grade_register, &stored, state->message, sizeof state->message)) {
            clear_progress(state);
            output_clear(&state->line);
            output_format(&state->line, "%s: %s\n", state->options->program, state->message);
            batch_inputs_say(&state->inputs, state->line.text, state->line.length);
            state->register_failed = 1;
            return 1;
        }
    }
    int writes = state->writer && !state->inputs.recounting;  /* the second read writes no records */
    if (state->revisions && (!counts_once(state, record, &entry) || state->inputs.late_amendment)) {
        if (writes && !report_result(state->writer, &source, record->audit, result))
            state->write_failed = 1;
        return state->write_failed;
    }
    if (state->moderation) {
        int is_moderator = 0;
        int taken = moderation_add(state->moderation, record->audit, result, record->input, record->line,
                                   &is_moderator, state->message, sizeof state->message);
        if (taken == 0)
            return record_failed(state, &source, state->message, 1);
        if (taken < 0)
            return out_of_memory(state);
        if (is_moderator)
            return 0;            /* the batch's totals count each case once, as its auditor graded it */
    }
    if (writes && !report_result(state->writer, &source, record->audit, result))
        state->write_failed = 1;
    if (state->book && !results_book_result(state->book, record->input, record->line, record->audit, result))
        state->write_failed = 1;
    if (state->summary)
        summary_add_result(state->summary, result);
    if (state->html && !html_report_add(state->html, record->audit, result, record->input, record->line))
        return out_of_memory(state);
    return state->write_failed;
}

/* Read one input, by name ("-" is stdin); returns 0 if it could not be read. */
static int grade_input(run *state, audit_reader *reader, const char *name)
{
    int is_stdin = strcmp(name, "-") == 0;
    FILE *spool = batch_inputs_copy(&state->inputs, state->input_index);
    FILE *input = spool ? spool : is_stdin ? stdin : fopen(name, "rb");
    char error[512];
    output_buffer *line = &state->line;  /* its trouble, said in its place (batch_inputs_say) */
    if (input == NULL) {
        clear_progress(state);
        output_clear(line);
        output_format(line, "%s: cannot open %s: %s\n", state->options->program, name, strerror(errno));
        batch_inputs_say(&state->inputs, line->text, line->length);
        return 0;
    }
    audit_format format = state->options->input_format;
    if (state->inputs.shown_as)
        format = AUDIT_FORMAT_JSONL;  /* the register's records */
    else if (format == AUDIT_FORMAT_DETECT && !is_stdin)
        format = audit_format_from_name(name);
    int read = audit_reader_read(reader, input, batch_inputs_shown(&state->inputs, state->input_index), format,
                                 handle_record, state, error,
                                 sizeof error);
    if (!read) {
        clear_progress(state);
        output_clear(line);
        output_format(line, "%s: ", state->options->program);
        safe_text_escaped(line, error);
        output_bytes(line, "\n", 1);
        batch_inputs_say(&state->inputs, line->text, line->length);
    }
    if (!is_stdin && !spool)
        fclose(input);
    return read;
}

/* The summary's form: CSV or text by the summary file's extension (JSON
 * otherwise); in the output, as --format says. */
static report_format summary_format(const options *parsed)
{
    if (parsed->summary_path == NULL)
        return parsed->format;
    if (path_ends_with(parsed->summary_path, ".txt"))
        return REPORT_FORMAT_TEXT;
    if (path_ends_with(parsed->summary_path, ".csv"))
        return REPORT_FORMAT_CSV;
    return REPORT_FORMAT_JSONL;
}

/* Write the batch summary where the options say; the file is replaced
 * only when the whole run went well. */
static int write_summary(const run *state, FILE *output, int run_went_well)
{
    const options *parsed = state->options;
    char error[1024];
    if (parsed->summary_path == NULL)
        return summary_write(state->summary, summary_format(parsed), parsed->excel, output);
    output_file *file = output_file_open(parsed->summary_path, error, sizeof error);
    if (file == NULL) {
        complain(parsed, TROUBLE, "%s", error);
        return 0;
    }
    int written = summary_write(state->summary, summary_format(parsed), parsed->excel, output_file_stream(file));
    if (!written || !run_went_well) {
        output_file_abandon(file);
        if (!written)
            complain(parsed, TROUBLE, "cannot write %s", parsed->summary_path);
        if (output_file_is_replaceable(parsed->summary_path))
            complain(parsed, TROUBLE, "%s is left as it was", parsed->summary_path);
        return written;
    }
    if (!output_file_commit(file, error, sizeof error)) {
        complain(parsed, TROUBLE, "%s", error);
        return 0;
    }
    return 1;
}

/* The name of where the records go, for messages. */
static const char *output_name(const options *parsed)
{
    return parsed->output_path ? parsed->output_path : "standard output";
}

/* Finish the moderation statistics and write them to OUTPUT (as text,
 * a blank line after the batch's totals when they went there first). */
static int write_moderation(run *state, FILE *output)
{
    if (!moderation_finish(state->moderation)) {
        complain(state->options, TROUBLE, "%s", "out of memory");
        return 0;
    }
    const options *parsed = state->options;
    if (parsed->format == REPORT_FORMAT_TEXT && parsed->summary && !parsed->summary_path && fputc('\n', output) == EOF)
        return 0;
    if (parsed->format == REPORT_FORMAT_TEXT)
        return moderation_write_text(state->moderation, state->model, state->records, state->failed, output);
    return moderation_write_json(state->moderation, state->records, state->failed, output);
}

/* Write the HTML report to its file, opened before grading, which is
 * replaced whole like every output (output_file.c) or left as it was. */
static int write_html_report(run *state)
{
    const char *path = state->options->report_path;
    char error[1024];
    int written = html_report_write(state->html, state->summary, state->moderation,
                                    output_file_stream(state->html_file));
    output_file *file = state->html_file;
    state->html_file = NULL;
    if (!written) {
        complain(state->options, TROUBLE, "cannot write %s: %s", path, strerror(errno));
        output_file_abandon(file);
        return 0;
    }
    if (!output_file_commit(file, error, sizeof error)) {
        complain(state->options, TROUBLE, "%s", error);
        return 0;
    }
    return 1;
}

/* Read every input, graded; 1 when one could not be read. */
static int read_inputs(run *state, audit_reader *reader, const char *const *inputs, int input_count)
{
    int trouble = 0;
    for (int index = 0; index < input_count; index++) {
        state->input_index = (unsigned)index;
        state->input_surveyed = !state->inputs.read_once && batch_inputs_surveyed(&state->inputs, (unsigned)index);
        if (!grade_input(state, reader, inputs[index]))
            trouble = 1;
        if (state->write_failed || (state->options->strict && state->failed))
            break;
    }
    return trouble;
}

/* Before the second read (batch_inputs.h): the totals from nothing; 0 when out of memory. */
static int restart_totals(run *state)
{
    const rubric_model *model = state->model;
    int made = 1;
    state->records = state->failed = state->duplicates = state->superseded = state->other_rubric_records = 0;
    state->other_rubric[0] = '\0';
    if (state->summary) {
        summary_free(state->summary);
        made = (state->summary = summary_new(model)) != NULL;
    }
    if (state->html) {
        html_report_free(state->html);
        made = (state->html = html_report_new(model, &state->options->layout)) != NULL && made;
    }
    if (state->moderation) {
        moderation_free(state->moderation);
        made = (state->moderation = moderation_new(model)) != NULL && made;
    }
    if (state->book) {
        results_book_free(state->book);
        made = (state->book = results_book_new(model, &state->options->layout)) != NULL && made;
    }
    return made;
}

/* Grade every input into OUTPUT; the exit status. */
static grade_exit_status grade_all(run *state, FILE *output)
{
    const options *parsed = state->options;
    static const char *const standard_input[] = {"-"};
    const char *const *inputs = parsed->input_count ? parsed->inputs : standard_input;
    int input_count = parsed->input_count ? parsed->input_count : 1;
    int trouble = 0;
    if (state->grade_register && !parsed->input_count)
        inputs = &parsed->register_path;
    if (!batch_inputs_start(&state->inputs, inputs, input_count))
        return out_of_memory(state), GRADE_EXIT_TROUBLE;
    audit_reader *reader = (state->grade_register && !start_register(state, inputs, input_count)) ? NULL
                           : audit_reader_new();
    if (reader == NULL) {
        batch_inputs_close(&state->inputs);
        return GRADE_EXIT_TROUBLE;
    }
    audit_reader_set_max_record(reader, parsed->max_record_bytes);
    audit_reader_set_rubric(reader, state->model);
    audit_reader_set_date_format(reader, parsed->date_format);
    if (state->revisions)        /* read once, unless --strict may stop before a late amendment is seen */
        batch_inputs_prepare(&state->inputs, !parsed->strict);
    if (state->revisions && !state->inputs.read_once &&
        !batch_inputs_survey(&state->inputs, reader, parsed->input_format, state->revisions)) {
        audit_reader_free(reader);
        batch_inputs_close(&state->inputs);
        out_of_memory(state);
        return GRADE_EXIT_TROUBLE;
    }
    audit_reader_set_notes(reader, note_input, state);
    trouble = read_inputs(state, reader, inputs, input_count);
    int again = batch_inputs_read_again(&state->inputs, !state->write_failed && !state->register_failed);
    if (again > 0 && restart_totals(state))
        trouble = read_inputs(state, reader, inputs, input_count) || trouble;
    else if (again)
        out_of_memory(state);
    audit_reader_free(reader);
    batch_inputs_close(&state->inputs);
    clear_progress(state);
    if (state->book && !state->write_failed && !results_book_write(state->book, output))
        state->write_failed = 1;
    if (state->writer && !report_flush(state->writer))
        state->write_failed = 1;
    if (state->summary && parsed->summary && !write_summary(state, output, !trouble && !state->write_failed))
        trouble = 1;
    if (state->moderation && !write_moderation(state, output))
        trouble = 1;
    if (state->html && !write_html_report(state))
        trouble = 1;
    if (fflush(output) != 0 || ferror(output) || state->write_failed) {
        complain(parsed, TROUBLE, "cannot write %s: %s", output_name(parsed), strerror(errno));
        state->write_failed = 1;
        trouble = 1;
    }
    if (state->importing && !finish_register(state, trouble))
        trouble = 1;
    if (state->other_rubric_records && !parsed->quiet) {
        output_clear(&state->line);
        safe_text_escaped(&state->line, state->other_rubric);
        complain(parsed, TROUBLE, "%lu more record%s of rubric '%s' (not shown above; each is an error in the output)",
                 state->other_rubric_records, state->other_rubric_records == 1 ? "" : "s", state->line.text);
    }
    if (state->writer && report_dropped_comments(state->writer) && !parsed->quiet)
        complain(parsed, TROUBLE, "%s", "the audits carry evidence comments that this CSV output leaves out:"
                 " give --comments to keep them in comment:... columns");
    if (state->writer && report_dropped_fields(state->writer) && !parsed->quiet)
        complain(parsed, TROUBLE, "%s", "some audits carry fields that this CSV output has no field:... column for"
                 " (its columns are the fields of the first record): they are kept in --format jsonl or text");
    if ((state->duplicates || state->superseded) && !parsed->quiet)
        complain(parsed, TROUBLE, "%lu record%s not counted: %lu the same as an earlier record, %lu replaced by "
                 "an amendment", state->duplicates + state->superseded,
                 state->duplicates + state->superseded == 1 ? "" : "s", state->duplicates, state->superseded);
    if (state->failed && !parsed->quiet)
        complain(parsed, TROUBLE, "%lu of %lu records failed", state->failed, state->records);
    if (trouble)
        return GRADE_EXIT_TROUBLE;
    return state->failed ? GRADE_EXIT_RECORD_FAILED : GRADE_EXIT_ALL_GRADED;
}

/* With the model in hand: open the output, make the writer and summary,
 * grade, put the output in place (or leave the old one), clean up; the
 * exit status. */
static grade_exit_status grade_with_model(const options *parsed, rubric_grader *grader, const rubric_model *model)
{
    /* the page's file is opened first, so that a path that cannot be written stops the run at once */
    char error[1024];
    output_file *html_file = NULL;
    if (parsed->report_path && (html_file = output_file_open(parsed->report_path, error, sizeof error)) == NULL) {
        complain(parsed, TROUBLE, "%s", error);
        return GRADE_EXIT_TROUBLE;
    }
    output_file *file = NULL;
    if (parsed->output_path && (file = output_file_open(parsed->output_path, error, sizeof error)) == NULL) {
        complain(parsed, TROUBLE, "%s", error);
        output_file_abandon(html_file);
        return GRADE_EXIT_TROUBLE;
    }
    FILE *output = file ? output_file_stream(file) : stdout;
    run state = {.options = parsed, .model = model, .grader = grader, .html_file = html_file};
    state.show_progress = !parsed->quiet && isatty(STDERR_FILENO);
    int wants_records = (!parsed->summary || parsed->summary_path) && !parsed->moderate && !parsed->xlsx;
    if (parsed->xlsx)
        state.book = results_book_new(model, &parsed->layout);
    int wants_summary = parsed->summary || parsed->report_path;
    if (wants_records && (state.writer = report_new(model, parsed->format, output)) != NULL) {
        report_set_excel(state.writer, parsed->excel);
        report_set_comments(state.writer, parsed->comments);
        report_set_partial(state.writer, parsed->partial);
    }
    if (wants_summary)
        state.summary = summary_new(model);
    if (parsed->report_path)
        state.html = html_report_new(model, &parsed->layout);
    if (parsed->moderate)
        state.moderation = moderation_new(model);
    int counts = wants_summary || parsed->moderate || parsed->register_path;
    if (counts)
        state.revisions = revisions_new();
    if (parsed->register_path &&
        (state.grade_register = register_open(parsed->register_path, model, error, sizeof error)) == NULL) {
        complain(parsed, TROUBLE, "%s", error);
        state.write_failed = 1;
    }
    grade_exit_status result = GRADE_EXIT_TROUBLE;
    if ((state.writer || !wants_records) && (state.summary || !wants_summary) &&
        (state.html || !parsed->report_path) && (state.moderation || !parsed->moderate) &&
        (state.revisions || !counts) && (state.grade_register || !parsed->register_path) &&
        (state.book || !parsed->xlsx))
        result = grade_all(&state, output);
    else if (!state.write_failed)
        complain(parsed, TROUBLE, "out of memory");
    report_free(state.writer);
    results_book_free(state.book);
    summary_free(state.summary);
    html_report_free(state.html);
    moderation_free(state.moderation);
    revisions_free(state.revisions);
    register_close(state.grade_register);
    if (state.html_file)         /* grading stopped before the page was written */
        output_file_abandon(state.html_file);
    output_buffer_free(&state.clean);
    output_buffer_free(&state.clean_case);
    output_buffer_free(&state.line);
    if (file && result == GRADE_EXIT_TROUBLE) {
        output_file_abandon(file);
        if (output_file_is_replaceable(parsed->output_path))
            complain(parsed, TROUBLE, "%s is left as it was", parsed->output_path);
    } else if (file && !output_file_commit(file, error, sizeof error)) {
        complain(parsed, TROUBLE, "%s", error);
        result = GRADE_EXIT_TROUBLE;
    }
    return result;
}

/* A rubric's source given where its compiled JSON is wanted: named
 * .rubric, or (whatever its name) its first line that is not blank or a
 * comment starts "rubric:". */
static int is_rubric_source(const char *path)
{
    if (path_ends_with(path, ".rubric"))
        return 1;
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return 0;
    char line[256];
    int source = 0;
    while (fgets(line, sizeof line, file)) {
        size_t start = strspn(line, " \t\r\n");
        if (line[start] == '\0' || line[start] == '#')
            continue;
        source = strncmp(line + start, "rubric:", 7) == 0;
        break;
    }
    fclose(file);
    return source;
}

/* rubric-grade's whole run: parse, check the paths, take or load the
 * rubric, grade. */
int rubric_grade_command(int argc, char **argv, const rubric_model *linked_model)
{
    options parsed = {.program = program_name(argc > 0 ? argv[0] : NULL), .linked_model = linked_model,
                      .max_rubric_bytes = RUBRIC_MAX_FILE_BYTES, .date_format = AUDIT_DATE_FORMAT_ISO};
    int status = parse_options(argc, argv, &parsed);
    if (status < 0 && parsed.rubric_path && is_rubric_source(parsed.rubric_path))
        status = complain(&parsed, TROUBLE,
                          "%s is a rubric's source, not its compiled JSON: compile it first: "
                          "rubricc --emit json -o DIR %s, then give --rubric DIR/<rubric id>.json",
                          parsed.rubric_path, parsed.rubric_path);
    if (status < 0)
        status = check_inputs_open(&parsed);
#if defined(RUBRIC_NO_XLSX_WRITE)
    if (status < 0 && parsed.xlsx)
        status = complain(&parsed, USAGE_TROUBLE, "writing an Excel workbook (--format xlsx) is not available in "
                          "this build: use --format csv, or the native rubric-grade");
#endif
    if (status < 0 && parsed.xlsx && (parsed.output_path == NULL || strcmp(parsed.output_path, "-") == 0 ||
                                      parsed.summary || parsed.moderate))
        status = complain(&parsed, USAGE_TROUBLE, "--format xlsx writes the results as a workbook: give -o FILE.xlsx "
                          "(and neither --summary nor --moderate, whose totals the workbook's Summary sheet holds)");
    if (status >= 0) {
        free(parsed.inputs);
        report_layout_free(&parsed.layout);
        return status;
    }
    rubric_error error;
    if (parsed.holidays_path != NULL && !rubric_use_holidays(parsed.holidays_path, &error)) {
        complain(&parsed, TROUBLE, "--holidays: %s", error.message);
        free(parsed.inputs);
        report_layout_free(&parsed.layout);
        return GRADE_EXIT_TROUBLE;
    }
    rubric_document *document = NULL;
    const rubric_model *model = linked_model;
    struct stat rubric_file;
    if (model == NULL && stat(parsed.rubric_path, &rubric_file) == 0 && S_ISREG(rubric_file.st_mode) &&
        (uintmax_t)rubric_file.st_size > parsed.max_rubric_bytes) {
        /* the library would refuse it too, without naming the option */
        char actual[32], limit[32];
        describe_size(actual, sizeof actual, (uintmax_t)rubric_file.st_size);
        describe_size(limit, sizeof limit, parsed.max_rubric_bytes);
        complain(&parsed, TROUBLE, "cannot load rubric '%s': it is %s, more than the %s limit "
                 "(--max-rubric-size raises it)", parsed.rubric_path, actual, limit);
        free(parsed.inputs);
        report_layout_free(&parsed.layout);
        return GRADE_EXIT_TROUBLE;
    }
    if (model == NULL) {
        document = rubric_document_load_file_limited(parsed.rubric_path, parsed.max_rubric_bytes, &error);
        model = document ? rubric_document_model(document) : NULL;
    }
    rubric_grader *grader = model ? rubric_grader_new(model, &error) : NULL;
    if (grader == NULL) {
        complain(&parsed, TROUBLE, "unusable rubric: %s", error.message);
        status = GRADE_EXIT_TROUBLE;
    } else {
        rubric_grader_set_partial(grader, parsed.partial);
        status = grade_with_model(&parsed, grader, model);
    }
    rubric_grader_free(grader);
    rubric_document_free(document);
    free(parsed.inputs);
    report_layout_free(&parsed.layout);
    return status;
}
