/*
 * sample.c — `rubric-grade sample`, the start of an audit round: which
 * cases to audit, and who audits each (sample.h).
 *
 *   rubric-grade sample (--cases N | --percent P) --auditors FILE
 *                       [--audited FILE --not-audited-since-months K]
 *                       [--seed N] [-o FILE] [--format csv|xlsx]
 *                       [--drafts DIR --rubric FILE.json] CASES.csv|CASES.xlsx
 *
 * The run: read the case list, leave out the cases audited within the
 * months given, choose the cases (stratified by team and case type), read
 * the auditors and allocate the cases (never to an auditor of the case's
 * team, the loads even), then write the allocation as CSV (csv_cell.c:
 * formula injection neutralised) or as an Excel workbook (sample_xlsx.c:
 * with -o FILE.xlsx or --format xlsx) and, with --drafts, one JSON Lines file
 * of prefilled records per auditor that the audit form opens. Every
 * output goes through common/output_file.c: replaced whole or left as it
 * was. Nothing is written when anything goes wrong, and every mistake in
 * the inputs is one message naming the file and line, with exit status 2.
 *
 * Without --seed the seed is drawn from the clock and said on stderr, so
 * a round can always be chosen again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "calendar.h"
#include "command_line.h"
#include "csv_cell.h"
#include "output_buffer.h"
#include "output_file.h"
#include "rubric.h"
#include "safe_text.h"
#include "sample.h"

/* The exit statuses, as rubric-grade's. */
enum { SAMPLE_EXIT_DONE = 0, SAMPLE_EXIT_TROUBLE = 2 };

/* The most --audited files, and the most cases or months asked for. */
enum { MOST_AUDITED_FILES = 64 };
#define MOST_CASES 100000000UL
#define MOST_MONTHS 1200UL

/* The command line, as parsed. */
typedef struct sample_options {
    const char *cases_path;
    const char *auditors_path;
    const char *output_path;     /* "-" for stdout */
    const char *drafts_path;
    const char *rubric_path;
    const char *audited[MOST_AUDITED_FILES];
    int audited_count;
    unsigned long wanted;        /* --cases */
    unsigned long percent;       /* --percent, in millionths of one per cent */
    int by_percent;
    int by_count;
    long months;                 /* --not-audited-since-months, or -1 */
    long today;                  /* --today as a day number */
    int have_today;
    uint64_t seed;
    int have_seed;
    int quiet;
    int workbook;                /* the allocation as an Excel workbook */
    int format_given;            /* --format was given */
} sample_options;

enum sample_option {
    OPTION_CASES, OPTION_PERCENT, OPTION_AUDITORS, OPTION_AUDITED, OPTION_MONTHS, OPTION_TODAY, OPTION_SEED,
    OPTION_OUTPUT, OPTION_FORMAT, OPTION_DRAFTS, OPTION_RUBRIC, OPTION_QUIET, OPTION_HELP
};

static const command_line_option sample_option_table[] = {
    {"cases", 0, "N", "choose N cases", OPTION_CASES, COMMAND_LINE_NO_FILE},
    {"percent", 0, "P", "choose P per cent of the cases listed (2.5 for\n"
     "2.5%), rounded to the nearest case", OPTION_PERCENT, COMMAND_LINE_NO_FILE},
    {"auditors", 0, "FILE", "the auditors, CSV or an Excel workbook: auditor,\n"
     "team and an optional capacity (the most cases\n"
     "each may take) (required)", OPTION_AUDITORS, COMMAND_LINE_INPUT_FILE},
    {"audited", 0, "FILE", "audit records (JSON Lines; CSV when FILE ends in\n"
     ".csv, or an Excel workbook, with case and date):\n"
     "which cases were audited when; may be given more\n"
     "than once", OPTION_AUDITED, COMMAND_LINE_INPUT_FILE},
    {"not-audited-since-months", 0, "K", "leave out the cases --audited says were audited\n"
     "in the last K months", OPTION_MONTHS, COMMAND_LINE_NO_FILE},
    {"today", 0, "DATE", "count the months back from DATE, YYYY-MM-DD\n"
     "(default: today's date)", OPTION_TODAY, COMMAND_LINE_NO_FILE},
    {"seed", 0, "N", "the seed of the choice, a whole number from 0 to\n"
     "18446744073709551615: the same inputs and seed\n"
     "choose the same cases on every machine (default:\n"
     "drawn from the clock, and said on stderr)", OPTION_SEED, COMMAND_LINE_NO_FILE},
    {"output", 'o', "FILE", "write the allocation to FILE instead of stdout\n"
     "(an Excel workbook when FILE ends in .xlsx)", OPTION_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"format", 0, "FORMAT", "the allocation as csv (default) or xlsx (an\n"
     "Excel workbook, with -o FILE)", OPTION_FORMAT, COMMAND_LINE_NO_FILE},
    {"drafts", 0, "DIR", "also write, per auditor, a JSON Lines file of\n"
     "prefilled records (no grades) that the audit\n"
     "form opens, into DIR (made when missing); needs\n"
     "--rubric", OPTION_DRAFTS, COMMAND_LINE_OUTPUT_FOLDER},
    {"rubric", 0, "FILE", "the compiled rubric, FILE.json, the drafts are\n"
     "for", OPTION_RUBRIC, COMMAND_LINE_INPUT_FILE},
    {"quiet", 'q', NULL, "no note of what was chosen on stderr", OPTION_QUIET, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", OPTION_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit sample_exits[] = {
    {SAMPLE_EXIT_DONE, "the cases were chosen and allocated"},
    {SAMPLE_EXIT_TROUBLE, "bad usage, an input with a mistake, constraints that cannot\n"
                          "be met, or an unwritable output (nothing is written)"},
};

static const command_line_command sample_command = {
    "rubric-grade sample",
    "(--cases=N | --percent=P) --auditors=FILE [OPTION]... CASES.csv",
    "Choose the cases of an audit round from a case list (CSV or an Excel\n"
    "workbook: case, team, and optionally case_type, worker, opened, closed),\n"
    "stratified by team and case type in proportion, and allocate them to\n"
    "auditors: never to an auditor of the case's own team, the loads as even\n"
    "as the teams allow. Writes the allocation as CSV, or as an Excel\n"
    "workbook (-o FILE.xlsx). See rubric-grade(1), docs/grader.md.",
    sample_option_table, sizeof sample_option_table / sizeof sample_option_table[0],
    NULL, 0,
    sample_exits, sizeof sample_exits / sizeof sample_exits[0],
    COMMAND_LINE_INPUT_FILE, "the case list", false,
};

/* A usage mistake: the message, the usage; exit status 2. */
static int usage_error(const char *message, const char *argument)
{
    return command_line_usage_error(&sample_command, message, argument);
}

/* A mistake in an input or an output: "rubric-grade sample: MESSAGE". */
static int trouble(const char *message)
{
    fprintf(stderr, "%s: %s\n", sample_command.name, message);
    return SAMPLE_EXIT_TROUBLE;
}

/* A whole number of at most MOST; 0 when WORD is not one. */
static int parse_whole(const char *word, unsigned long long most, unsigned long long *value)
{
    if (word == NULL || word[0] < '0' || word[0] > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long long number = strtoull(word, &end, 10);
    if (errno || *end != '\0' || number > most)
        return 0;
    *value = number;
    return 1;
}

/* A percentage above 0 and at most 100, up to six decimals, in millionths. */
static int parse_percent(const char *word, unsigned long *millionths)
{
    unsigned long whole = 0, fraction = 0, scale = 1000000;
    const char *at = word;
    if (*at < '0' || *at > '9')
        return 0;
    for (; *at >= '0' && *at <= '9'; at++)
        if ((whole = whole * 10 + (unsigned long)(*at - '0')) > 100)
            return 0;
    if (*at == '.') {
        at++;
        if (*at < '0' || *at > '9')
            return 0;
        for (; *at >= '0' && *at <= '9'; at++) {
            if (scale == 1)
                return 0;        /* more than six decimals */
            scale /= 10;
            fraction += (unsigned long)(*at - '0') * scale;
        }
    }
    unsigned long value = whole * 1000000 + fraction;
    if (*at != '\0' || value == 0 || value > 100000000UL)
        return 0;
    *millionths = value;
    return 1;
}

/* One option; -1 to go on, else the exit status. */
static int parse_option(int code, const char *word, sample_options *parsed)
{
    unsigned long long number;
    switch (code) {
    case OPTION_HELP:
        command_line_print_help(&sample_command, stdout);
        return SAMPLE_EXIT_DONE;
    case OPTION_CASES:
        if (!parse_whole(word, MOST_CASES, &number) || number == 0)
            return usage_error("--cases must be a whole number of cases, 1 or more, not", word);
        parsed->wanted = (unsigned long)number;
        parsed->by_count = 1;
        return -1;
    case OPTION_PERCENT:
        if (!parse_percent(word, &parsed->percent))
            return usage_error("--percent must be a number above 0 and at most 100 (such as 5 or 2.5, no % "
                               "sign), not", word);
        parsed->by_percent = 1;
        return -1;
    case OPTION_AUDITORS:
        parsed->auditors_path = word;
        return -1;
    case OPTION_AUDITED:
        if (parsed->audited_count == MOST_AUDITED_FILES)
            return usage_error("too many --audited files (64 at most): join them into one; the next was", word);
        parsed->audited[parsed->audited_count++] = word;
        return -1;
    case OPTION_MONTHS:
        if (!parse_whole(word, MOST_MONTHS, &number) || number == 0)
            return usage_error("--not-audited-since-months must be a whole number of months from 1 to 1200, "
                               "not", word);
        parsed->months = (long)number;
        return -1;
    case OPTION_TODAY:
        if (!calendar_parse_date(word, &parsed->today))
            return usage_error("--today must be a date written YYYY-MM-DD, like 2026-12-05, not", word);
        parsed->have_today = 1;
        return -1;
    case OPTION_SEED:
        if (!parse_whole(word, UINT64_MAX, &number))
            return usage_error("--seed must be a whole number from 0 to 18446744073709551615, not", word);
        parsed->seed = (uint64_t)number;
        parsed->have_seed = 1;
        return -1;
    case OPTION_OUTPUT:
        parsed->output_path = word;
        return -1;
    case OPTION_FORMAT:
        if (strcmp(word, "csv") != 0 && strcmp(word, "xlsx") != 0)
            return usage_error("--format must be csv or xlsx, not", word);
        parsed->workbook = strcmp(word, "xlsx") == 0;
        parsed->format_given = 1;
        return -1;
    case OPTION_DRAFTS:
        if (strcmp(word, "-") == 0)
            return usage_error("--drafts needs a folder, not standard output:", word);
        parsed->drafts_path = word;
        return -1;
    case OPTION_RUBRIC:
        parsed->rubric_path = word;
        return -1;
    default:                     /* OPTION_QUIET */
        parsed->quiet = 1;
        return -1;
    }
}

/* The whole command line; -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, sample_options *parsed)
{
    command_line_parser line;
    command_line_start(&line, &sample_command, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        int status = -1;
        if (code == COMMAND_LINE_OPERAND) {
            if (parsed->cases_path)
                return usage_error("takes one case list; a second was", line.value);
            parsed->cases_path = line.value;
        } else if (code == COMMAND_LINE_ERROR) {
            return usage_error(line.message, NULL);
        } else {
            status = parse_option(code, line.value, parsed);
        }
        if (status >= 0)
            return status;
    }
    if (parsed->cases_path == NULL)
        return usage_error("no case list: give the cases as a CSV file or an Excel workbook (case, team, "
                           "case_type ...)", NULL);
    if (parsed->by_count == parsed->by_percent)
        return usage_error(parsed->by_count ? "--cases and --percent both say how many: give one"
                                            : "how many cases? give --cases N or --percent P", NULL);
    if (parsed->auditors_path == NULL)
        return usage_error("no auditors: give --auditors FILE (CSV: auditor, team, capacity)", NULL);
    if (parsed->months >= 0 && parsed->audited_count == 0)
        return usage_error("--not-audited-since-months needs the audit records: give --audited FILE", NULL);
    if (parsed->audited_count > 0 && parsed->months < 0)
        return usage_error("--audited needs --not-audited-since-months K: how recent an audit leaves a case "
                           "out", NULL);
    size_t output_length = parsed->output_path ? strlen(parsed->output_path) : 0;
    if (!parsed->format_given && output_length >= 5 &&
        strcasecmp(parsed->output_path + output_length - 5, ".xlsx") == 0)
        parsed->workbook = 1;
    if (parsed->workbook && (parsed->output_path == NULL || strcmp(parsed->output_path, "-") == 0))
        return usage_error("an Excel workbook is not written to standard output: give -o FILE.xlsx", NULL);
    if (parsed->drafts_path && parsed->rubric_path == NULL)
        return usage_error("--drafts needs --rubric FILE.json: the drafts name the rubric they are for", NULL);
    if (parsed->rubric_path && parsed->drafts_path == NULL)
        return usage_error("--rubric is for --drafts: give --drafts DIR too, or leave --rubric out", NULL);
    return -1;
}

/* Today's date as a day number (UTC). */
static long today_day(void)
{
    time_t now = time(NULL);
    return (long)(now / 86400);
}

/* A day number as YYYY-MM-DD. */
static void day_text(long day, char text[16])
{
    int year, month, day_of_month;
    calendar_date(day, &year, &month, &day_of_month);
    snprintf(text, 16, "%04d-%02d-%02d", year, month, day_of_month);
}

/* ----------------------------------------------------------------- output */

/* The allocation as CSV: one row per chosen case, in the list's order. */
static void write_allocation(output_buffer *out, const sample_list *list, const sample_auditors *auditors)
{
    output_text(out, "case,team,case_type,worker,opened,closed,auditor,auditor_team\n");
    for (size_t index = 0; index < list->count; index++) {
        const sample_case *one = &list->cases[index];
        if (!one->chosen)
            continue;
        const sample_auditor *auditor = &auditors->auditors[one->auditor];
        const char *cells[] = {one->reference, one->team, one->case_type, one->worker, one->opened, one->closed,
                               auditor->name, auditor->team};
        for (size_t cell = 0; cell < sizeof cells / sizeof cells[0]; cell++) {
            if (cell)
                output_bytes(out, ",", 1);
            csv_cell(out, cells[cell]);
        }
        output_bytes(out, "\n", 1);
    }
}

/* Write TEXT to PATH through output_file; 1, or 0 with the reason said. */
static int write_whole(const char *path, const char *shown, unsigned flags, const output_buffer *text)
{
    char error[1024];
    output_file *file = output_file_open_as(path, shown, flags, NULL, error, sizeof error);
    if (file == NULL)
        return trouble(error), 0;
    if (text->length && fwrite(text->text, 1, text->length, output_file_stream(file)) != text->length) {
        output_file_abandon(file);
        snprintf(error, sizeof error, "cannot write %s: %s", shown ? shown : path, strerror(errno));
        return trouble(error), 0;
    }
    if (!output_file_commit(file, error, sizeof error))
        return trouble(error), 0;
    return 1;
}

/* A file name's part for NAME: ASCII letters and digits in lower case,
 * every other run of characters one '-'. */
static void name_part(const char *name, char *part, size_t size)
{
    size_t length = 0;
    for (const unsigned char *at = (const unsigned char *)name; *at && length + 1 < size; at++) {
        int keep = (*at >= 'a' && *at <= 'z') || (*at >= '0' && *at <= '9') || (*at >= 'A' && *at <= 'Z');
        if (keep)
            part[length++] = (char)(*at >= 'A' && *at <= 'Z' ? *at - 'A' + 'a' : *at);
        else if (length && part[length - 1] != '-')
            part[length++] = '-';
    }
    while (length && part[length - 1] == '-')
        length--;
    part[length] = '\0';
}

/* One member of a draft record, when its text is not empty. */
static void draft_member(output_buffer *out, const char *key, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    output_bytes(out, ",", 1);
    output_json_string(out, key);
    output_bytes(out, ":", 1);
    output_json_string(out, text);
}

/* Check every chosen case's type is one of the rubric's, when it has case types. */
static int check_case_types(const sample_list *list, const char *cases_path, const rubric_model *model)
{
    int fact = rubric_find_fact(model, "case_type");
    if (fact < 0)
        return 1;
    rubric_fact types = rubric_fact_at(model, (unsigned)fact);
    if (types.type != RUBRIC_FACT_CHOICE)
        return 1;
    for (size_t index = 0; index < list->count; index++) {
        const sample_case *one = &list->cases[index];
        if (!one->chosen)
            continue;
        int known = 0;
        for (unsigned choice = 0; choice < types.choice_count && !known; choice++)
            known = strcmp(types.choices[choice], one->case_type) == 0;
        if (known)
            continue;
        output_buffer message = {0};
        output_format(&message, "%s:%lu: case '", cases_path, one->row);
        safe_text_escaped(&message, one->reference);
        output_text(&message, one->case_type[0] ? "' has case type '" : "' has no case type");
        safe_text_escaped(&message, one->case_type);
        output_format(&message, "%s, which rubric '%s' does not know (its case types: ",
                      one->case_type[0] ? "'" : "", model->id);
        for (unsigned choice = 0; choice < types.choice_count; choice++)
            output_format(&message, "%s%s", choice ? ", " : "", types.choices[choice]);
        output_text(&message, "): write the case type as the rubric does");
        trouble(message.out_of_memory ? "out of memory" : message.text);
        output_buffer_free(&message);
        return 0;
    }
    return 1;
}

/* The drafts: DIR/<rubric id>-drafts-<auditor>.jsonl for each auditor given cases. */
static int write_drafts(const sample_options *parsed, const sample_list *list, const sample_auditors *auditors)
{
    rubric_error error;
    rubric_document *document = rubric_document_load_file(parsed->rubric_path, &error);
    if (document == NULL) {
        output_buffer message = {0};
        output_format(&message, "cannot load rubric '%s': %s", parsed->rubric_path, error.message);
        trouble(message.out_of_memory ? "out of memory" : message.text);
        output_buffer_free(&message);
        return 0;
    }
    const rubric_model *model = rubric_document_model(document);
    int good = check_case_types(list, parsed->cases_path, model);
    if (good && mkdir(parsed->drafts_path, 0777) != 0 && errno != EEXIST) {
        char message[1024];
        snprintf(message, sizeof message, "cannot make the drafts folder %s: %s", parsed->drafts_path,
                 strerror(errno));
        good = (trouble(message), 0);
    }
    sample_names taken = {0};
    output_buffer records = {0}, path = {0};
    char rubric_part[128];
    name_part(model->id, rubric_part, sizeof rubric_part);
    for (size_t auditor = 0; good && auditor < auditors->count; auditor++) {
        if (auditors->auditors[auditor].load == 0)
            continue;
        char part[96], unique[128];
        name_part(auditors->auditors[auditor].name, part, sizeof part);
        if (part[0] == '\0')
            snprintf(part, sizeof part, "auditor-%zu", auditor + 1);
        snprintf(unique, sizeof unique, "%s", part);
        for (unsigned suffix = 2; sample_names_find(&taken, unique, 0) >= 0; suffix++)
            snprintf(unique, sizeof unique, "%s-%u", part, suffix);
        sample_names_find(&taken, unique, 1);
        output_clear(&records);
        for (size_t index = 0; index < list->count; index++) {
            const sample_case *one = &list->cases[index];
            if (!one->chosen || one->auditor != (int)auditor)
                continue;
            output_text(&records, "{\"rubric\":");
            output_json_string(&records, model->id);
            draft_member(&records, "case", one->reference);
            draft_member(&records, "auditor", auditors->auditors[auditor].name);
            draft_member(&records, "case_type", one->case_type);
            draft_member(&records, "team", one->team);
            draft_member(&records, "worker", one->worker);
            draft_member(&records, "opened", one->opened);
            draft_member(&records, "closed", one->closed);
            output_text(&records, "}\n");
        }
        output_clear(&path);
        output_format(&path, "%s/%s-drafts-%s.jsonl", parsed->drafts_path, rubric_part, unique);
        if (records.out_of_memory || path.out_of_memory)
            good = (trouble("out of memory"), 0);
        else
            good = write_whole(path.text, NULL, OUTPUT_FILE_PLANNED, &records);
    }
    sample_names_free(&taken);
    output_buffer_free(&records);
    output_buffer_free(&path);
    rubric_document_free(document);
    return good;
}

/* What was done, on stderr: the seed, the counts, the loads. */
static void say_what_was_done(const sample_options *parsed, const sample_list *list, const sample_auditors *auditors,
                              size_t wanted, size_t excluded, long since)
{
    unsigned long least = (unsigned long)-1, most = 0;
    size_t given = 0;
    for (size_t auditor = 0; auditor < auditors->count; auditor++) {
        unsigned long load = auditors->auditors[auditor].load;
        given += load > 0;
        least = load < least ? load : least;
        most = load > most ? load : most;
    }
    fprintf(stderr, "%s: chose %zu of the %zu cases listed", sample_command.name, wanted, list->count);
    if (parsed->months > 0) {
        char since_text[16];
        day_text(since, since_text);
        fprintf(stderr, " (%zu left out: audited since %s)", excluded, since_text);
    }
    if (least == most)
        fprintf(stderr, "; %zu of %zu auditors given %lu case%s each", given, auditors->count, most,
                most == 1 ? "" : "s");
    else
        fprintf(stderr, "; %zu of %zu auditors given %lu to %lu cases each", given, auditors->count, least, most);
    if (!parsed->have_seed)
        fprintf(stderr, "; seed %llu (give --seed %llu to choose the same again)", (unsigned long long)parsed->seed,
                (unsigned long long)parsed->seed);
    fputc('\n', stderr);
}

/* The cases wanted: --cases, or --percent of the list rounded to the nearest. */
static int cases_wanted(const sample_options *parsed, const sample_list *list, size_t eligible, size_t excluded,
                        size_t *wanted)
{
    char message[1024];
    unsigned long long count = parsed->wanted;
    if (parsed->by_percent) {
        count = ((unsigned long long)list->count * parsed->percent + 50000000ULL) / 100000000ULL;
        if (count == 0) {
            snprintf(message, sizeof message, "%lu.%06lu%% of the %zu cases listed is less than one case: give a "
                     "larger --percent, or --cases N", parsed->percent / 1000000, parsed->percent % 1000000,
                     list->count);
            return trouble(message), 0;
        }
    }
    if (count > eligible) {
        if (excluded)
            snprintf(message, sizeof message, "%llu cases wanted, but only %zu of the %zu cases listed may be "
                     "chosen (%zu were audited within %ld months): ask for at most %zu, or fewer months",
                     count, eligible, list->count, excluded, parsed->months, eligible);
        else
            snprintf(message, sizeof message, "%llu cases wanted, but the list has only %zu: ask for at most %zu",
                     count, eligible, eligible);
        return trouble(message), 0;
    }
    *wanted = (size_t)count;
    return 1;
}

/* The run after the command line. */
static int sample_run(sample_options *parsed)
{
    sample_list list = {0};
    sample_auditors auditors = {0};
    sample_error error = {{0}};
    output_buffer allocation = {0};
    int status = SAMPLE_EXIT_TROUBLE;
    long today = parsed->have_today ? parsed->today : today_day();
    long since = parsed->months > 0 ? calendar_add_months(today, -(int)parsed->months) : 0;
    size_t excluded = 0, wanted = 0;
    if (!sample_read_cases(parsed->cases_path, &list, &error))
        goto report_error;
    for (int file = 0; file < parsed->audited_count; file++) {
        size_t more = 0;
        if (!sample_read_audited(parsed->audited[file], since, &list, &more, &error))
            goto report_error;
        excluded += more;
    }
    if (!cases_wanted(parsed, &list, list.count - excluded, excluded, &wanted))
        goto finish;
    if (!sample_read_auditors(parsed->auditors_path, &list, &auditors, &error))
        goto report_error;
    sample_random random;
    sample_random_seed(&random, parsed->seed);
    if (!sample_choose(&list, wanted, &random)) {
        sample_fail(&error, "out of memory");
        goto report_error;
    }
    if (!sample_allocate(&list, &auditors, &random, parsed->auditors_path, &error))
        goto report_error;
    if (parsed->workbook) {
        if (!sample_allocation_xlsx(&allocation, &list, &auditors, &error))
            goto report_error;
    } else {
        write_allocation(&allocation, &list, &auditors);
    }
    if (allocation.out_of_memory) {
        sample_fail(&error, "out of memory");
        goto report_error;
    }
    if (parsed->drafts_path && !write_drafts(parsed, &list, &auditors))
        goto finish;
    if (parsed->output_path == NULL || strcmp(parsed->output_path, "-") == 0) {
        if (fwrite(allocation.text, 1, allocation.length, stdout) != allocation.length || fflush(stdout) != 0) {
            sample_fail(&error, "cannot write the allocation to standard output: %s", strerror(errno));
            goto report_error;
        }
    } else if (!write_whole(parsed->output_path, NULL, 0, &allocation)) {
        goto finish;
    }
    if (!parsed->quiet)
        say_what_was_done(parsed, &list, &auditors, wanted, excluded, since);
    status = SAMPLE_EXIT_DONE;
    goto finish;
report_error:
    trouble(error.message);
finish:
    output_buffer_free(&allocation);
    sample_auditors_free(&auditors);
    sample_list_free(&list);
    return status;
}

int rubric_grade_sample(int argc, char **argv)
{
    sample_options parsed = {.months = -1};
    int status = parse_options(argc, argv, &parsed);
    if (status >= 0)
        return status;
    if (!parsed.have_seed)
        parsed.seed = (uint64_t)time(NULL) * UINT64_C(1000003) ^ (uint64_t)getpid();
    return sample_run(&parsed);
}
