/*
 * sample_read.c — the inputs of `rubric-grade sample` (sample.h): the
 * case list, the auditors, and the audit records that say which cases
 * were audited when.
 *
 * The lists are CSV, as a spreadsheet saves them (UTF-8, a byte order
 * mark allowed), split by libcsv (Debian's, as the audit reader uses),
 * fed one line at a time so that every message names the line. The
 * first row that is not empty and whose first cell does not start with
 * '#' is the header; its names are compared without case, spaces at
 * either end, and with spaces and hyphens read as '_' ("Case Type" is
 * case_type); columns not named below are ignored. Cells lose spaces and
 * tabs at either end, as the audit reader's do; a row of empty cells is
 * skipped. Audit records in JSON Lines are read with jansson.
 *
 * A list may also be an Excel workbook (.xlsx, or a file that starts as
 * a zip archive does): its rows come from xlsx_rows.c (the sheet whose
 * header names the list's first column, else the first sheet) to the
 * same row path, the gaps between cells as empty cells, and messages
 * name the input FILE:SHEET and the row by its number.
 *
 * Teams are compared exactly: an auditor's team written otherwise than
 * the case list writes it ("child protection" for "Child Protection")
 * is an error, never a silent "other team" that would let an auditor
 * audit their own team's cases.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <jansson.h>

#include "calendar.h"
#include "output_buffer.h"
#include "safe_text.h"
#include "sample.h"
#include "xlsx_rows.h"

/* The longest text of a cell quoted in a message. */
enum { SHOWN_BYTES = 80 };

int sample_fail(sample_error *error, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error->message, sizeof error->message, format, arguments);
    va_end(arguments);
    safe_text_cut(error->message);
    return 0;
}

/* TEXT for a message: control characters escaped, cut to SHOWN_BYTES. */
static const char *shown(char out[SHOWN_BYTES + 4], const char *text)
{
    output_buffer escaped = {0};
    safe_text_escaped(&escaped, text);
    const char *from = escaped.text ? escaped.text : "";
    size_t length = strlen(from);
    if (length > SHOWN_BYTES) {
        length = safe_text_boundary(from, SHOWN_BYTES);
        memcpy(out, from, length);
        memcpy(out + length, "...", 4);
    } else {
        memcpy(out, from, length + 1);
    }
    output_buffer_free(&escaped);
    return out;
}

/* ------------------------------------------------------------- the names */

/* FNV-1a: a hash of TEXT. */
static size_t name_hash(const char *text)
{
    uint64_t hash = 14695981039346656037u;
    for (const unsigned char *at = (const unsigned char *)text; *at; at++)
        hash = (hash ^ *at) * 1099511628211u;
    return (size_t)(hash ^ (hash >> 32));
}

/* Make the hash table twice as big (or its first size). */
static int names_rehash(sample_names *names)
{
    size_t slot_count = names->slot_count ? names->slot_count * 2 : 64;
    size_t *slots = calloc(slot_count, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (size_t index = 0; index < names->count; index++) {
        size_t slot = name_hash(names->names[index]) & (slot_count - 1);
        while (slots[slot])
            slot = (slot + 1) & (slot_count - 1);
        slots[slot] = index + 1;
    }
    free(names->slots);
    names->slots = slots;
    names->slot_count = slot_count;
    return 1;
}

long sample_names_find(sample_names *names, const char *name, int add)
{
    if (names->slot_count) {
        size_t slot = name_hash(name) & (names->slot_count - 1);
        for (; names->slots[slot]; slot = (slot + 1) & (names->slot_count - 1))
            if (strcmp(names->names[names->slots[slot] - 1], name) == 0)
                return (long)(names->slots[slot] - 1);
    }
    if (!add)
        return -1;
    if ((names->count + 1) * 2 > names->slot_count && !names_rehash(names))
        return -2;
    if (names->count == names->capacity) {
        size_t capacity = names->capacity ? names->capacity * 2 : 16;
        char **grown = realloc(names->names, capacity * sizeof *grown);
        if (grown == NULL)
            return -2;
        names->names = grown;
        names->capacity = capacity;
    }
    char *copy = strdup(name);
    if (copy == NULL)
        return -2;
    size_t slot = name_hash(name) & (names->slot_count - 1);
    while (names->slots[slot])
        slot = (slot + 1) & (names->slot_count - 1);
    names->names[names->count] = copy;
    names->slots[slot] = ++names->count;
    return (long)(names->count - 1);
}

void sample_names_free(sample_names *names)
{
    for (size_t index = 0; index < names->count; index++)
        free(names->names[index]);
    free(names->names);
    free(names->slots);
    memset(names, 0, sizeof *names);
}

/* ------------------------------------------------------------ CSV tables */

/* A column a table knows: its field, the header names it is known by. */
typedef struct table_column {
    const char *const *names;    /* the first is the one messages use */
    int required;
} table_column;

enum { MOST_COLUMNS = 8 };

/* A CSV file being read, row by row. */
typedef struct list_table {
    const char *path;
    const table_column *columns;
    size_t column_count;
    int (*take_row)(struct list_table *table, void *context);
    void *context;
    sample_error *error;
    struct csv_parser parser;
    unsigned long line;          /* the line being fed */
    char **cells;                /* the row's cells, trimmed, NUL-terminated */
    size_t cell_count;
    size_t cell_capacity;
    int have_header;
    int failed;
    int out_of_memory;
    long found[MOST_COLUMNS];    /* each column's place in the row, or -1 */
    char sheet_name[1024];       /* a workbook's FILE:SHEET, as messages name it */
} list_table;

/* The cell of COLUMN in the row being taken: "" when the row is short. */
static const char *table_cell(const list_table *table, size_t column)
{
    long place = table->found[column];
    return place >= 0 && (size_t)place < table->cell_count ? table->cells[place] : "";
}

/* A header cell as compared: lower case, ends trimmed, spaces and hyphens as '_'. */
static void header_key(const char *cell, char *key, size_t size)
{
    size_t length = 0;
    for (; *cell && length + 1 < size; cell++)
        key[length++] = *cell == ' ' || *cell == '-' ? '_' : (char)tolower((unsigned char)*cell);
    key[length] = '\0';
}

/* Map the header row onto the table's columns. */
static int table_take_header(list_table *table)
{
    for (size_t column = 0; column < table->column_count; column++)
        table->found[column] = -1;
    char cell_text[SHOWN_BYTES + 4];
    for (size_t cell = 0; cell < table->cell_count; cell++) {
        char key[64];
        header_key(table->cells[cell], key, sizeof key);
        for (size_t column = 0; column < table->column_count; column++)
            for (const char *const *name = table->columns[column].names; *name; name++) {
                if (strcmp(key, *name) != 0)
                    continue;
                if (table->found[column] >= 0)
                    return sample_fail(table->error, "%s:%lu: the header names the %s column twice "
                                       "('%s' and '%s'): keep one", table->path, table->line,
                                       table->columns[column].names[0], table->cells[table->found[column]],
                                       shown(cell_text, table->cells[cell]));
                table->found[column] = (long)cell;
            }
    }
    for (size_t column = 0; column < table->column_count; column++) {
        if (!table->columns[column].required || table->found[column] >= 0)
            continue;
        char also[256] = "";
        for (const char *const *name = table->columns[column].names + 1; *name; name++)
            snprintf(also + strlen(also), sizeof also - strlen(also), "%s%s", also[0] ? ", " : "", *name);
        return sample_fail(table->error, "%s:%lu: the header has no '%s' column%s%s%s: its first row must name "
                           "the columns (docs/grader.md, \"Choosing the cases\")", table->path, table->line,
                           table->columns[column].names[0], also[0] ? " (also accepted: " : "", also,
                           also[0] ? ")" : "");
    }
    table->have_header = 1;
    return 1;
}

/* libcsv: one field of the row, kept trimmed. */
static void table_field(void *data, size_t length, void *context)
{
    list_table *table = context;
    if (table->failed || table->out_of_memory)
        return;
    const char *text = data ? data : "";
    if (table->line == 1 && table->cell_count == 0 && !table->have_header && length >= 3 &&
        memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;               /* the byte order mark Excel's "CSV UTF-8" writes */
        length -= 3;
    }
    while (length && (*text == ' ' || *text == '\t'))
        text++, length--;
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    if (table->cell_count == table->cell_capacity) {
        size_t capacity = table->cell_capacity ? table->cell_capacity * 2 : 16;
        char **grown = realloc(table->cells, capacity * sizeof *grown);
        if (grown == NULL) {
            table->out_of_memory = 1;
            return;
        }
        table->cells = grown;
        table->cell_capacity = capacity;
    }
    char *cell = malloc(length + 1);
    if (cell == NULL) {
        table->out_of_memory = 1;
        return;
    }
    if (length)
        memcpy(cell, text, length);
    cell[length] = '\0';
    table->cells[table->cell_count++] = cell;
}

/* Whether TEXT is valid UTF-8. */
static int is_utf8(const char *text)
{
    size_t length = strlen(text);
    while (length) {
        unsigned long code;
        size_t size = safe_text_decode((const unsigned char *)text, length, &code);
        if (size == 0)
            return 0;
        text += size;
        length -= size;
    }
    return 1;
}

/* Drop the row's cells. */
static void table_clear_row(list_table *table)
{
    for (size_t cell = 0; cell < table->cell_count; cell++)
        free(table->cells[cell]);
    table->cell_count = 0;
}

/* libcsv: the row is complete. */
static void table_row(int terminator, void *context)
{
    (void)terminator;
    list_table *table = context;
    if (table->failed || table->out_of_memory) {
        table_clear_row(table);
        return;
    }
    int empty = 1;
    for (size_t cell = 0; cell < table->cell_count; cell++) {
        if (!is_utf8(table->cells[cell])) {
            table->failed = 1;
            sample_fail(table->error, "%s:%lu: cell %zu is not UTF-8 text: save the sheet as \"CSV UTF-8\"",
                        table->path, table->line, cell + 1);
            table_clear_row(table);
            return;
        }
        empty = empty && table->cells[cell][0] == '\0';
    }
    if (!empty && !(table->cell_count && table->cells[0][0] == '#' && !table->have_header)) {
        if (!table->have_header)
            table->failed = !table_take_header(table);
        else
            table->failed = !table->take_row(table, table->context);
    }
    table_clear_row(table);
}

/* Read the whole of PATH ("-": standard input) into *TEXT. */
static int read_whole(const char *path, char **text, size_t *length, sample_error *error)
{
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (file == NULL)
        return sample_fail(error, "cannot open %s: %s", path, strerror(errno));
    size_t capacity = 1 << 16, used = 0;
    char *buffer = malloc(capacity);
    for (size_t got = 1; buffer && got;) {
        if (used == capacity) {
            char *grown = realloc(buffer, capacity * 2);
            if (grown == NULL) {
                free(buffer);
                buffer = NULL;
                break;
            }
            buffer = grown;
            capacity *= 2;
        }
        got = fread(buffer + used, 1, capacity - used, file);
        used += got;
    }
    int failed = ferror(file);
    if (file != stdin)
        fclose(file);
    if (buffer == NULL)
        return sample_fail(error, "%s: out of memory", path);
    if (failed) {
        free(buffer);
        return sample_fail(error, "cannot read %s", path);
    }
    *text = buffer;
    *length = used;
    return 1;
}

/* Whether PATH is a workbook: named .xlsx, or a zip archive's first bytes. */
static int is_workbook(const char *path)
{
    size_t length = strlen(path);
    if (length >= 5 && strcasecmp(path + length - 5, ".xlsx") == 0)
        return 1;
    if (strcmp(path, "-") == 0)
        return 0;
    FILE *file = fopen(path, "rb");
    unsigned char start[4] = {0};
    size_t got = file ? fread(start, 1, sizeof start, file) : 0;
    if (file)
        fclose(file);
    return got == sizeof start && memcmp(start, "PK\3\4", 4) == 0;
}

/* xlsx_rows: whether a header cell names the table's first column (the sheet wanted). */
static int sheet_names_table(void *context, const char *text, size_t length)
{
    const list_table *table = context;
    char cell[64], key[64];
    if (length >= sizeof cell)
        return 0;
    memcpy(cell, text, length);
    cell[length] = '\0';
    header_key(cell, key, sizeof key);
    for (const char *const *name = table->columns[0].names; *name; name++)
        if (strcmp(key, *name) == 0)
            return 1;
    return 0;
}

/* xlsx_rows: the sheet read, named FILE:SHEET in messages from here on. */
static void sheet_begun(void *context, const char *input_name)
{
    list_table *table = context;
    snprintf(table->sheet_name, sizeof table->sheet_name, "%s", input_name);
    table->path = table->sheet_name;
}

/* xlsx_rows: a row, its gaps as empty cells, through the CSV rows' path. */
static int sheet_row(void *context, unsigned long number, const xlsx_cell *cells, unsigned count, size_t bytes)
{
    (void)bytes;
    list_table *table = context;
    table->line = number;
    unsigned next = 0;
    for (unsigned column = 0; next < count && !table->out_of_memory; column++) {
        if (cells[next].column == column) {
            /* libcsv's callback takes a void *; table_field only reads it */
            table_field((void *)(uintptr_t)cells[next].text, cells[next].length, table);
            next++;
        } else {
            table_field(NULL, 0, table);
        }
    }
    table_row(0, table);
    return !table->failed && !table->out_of_memory;
}

static void sheet_trouble(void *context, unsigned long row, const char *message)
{
    list_table *table = context;
    table->failed = 1;
    sample_fail(table->error, "%s:%lu: %s", table->path, row, message);
}

/* Read the workbook at PATH as a table. */
static int workbook_read(list_table *table)
{
    FILE *file = fopen(table->path, "rb");
    if (file == NULL)
        return sample_fail(table->error, "cannot open %s: %s", table->path, strerror(errno));
    const char *path = table->path;
    xlsx_row_sink sink = {table, "a list", sheet_names_table, sheet_begun, sheet_row, sheet_trouble};
    int result = xlsx_read_rows(file, path, &sink);
    fclose(file);
    table_clear_row(table);
    free(table->cells);
    if (result < 0 || table->out_of_memory)
        return sample_fail(table->error, "%s: out of memory", path);
    if (result == 0 || table->failed)
        return 0;
    if (!table->have_header)
        return sample_fail(table->error, "%s: the sheet is empty: it has no header row", table->path);
    return 1;
}

/* Read PATH as a table: each row after the header to TAKE_ROW. */
static int table_read(list_table *table)
{
    if (is_workbook(table->path))
        return workbook_read(table);
    char *text;
    size_t length;
    if (!read_whole(table->path, &text, &length, table->error))
        return 0;
    if (csv_init(&table->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(text);
        return sample_fail(table->error, "%s: out of memory", table->path);
    }
    table->line = 0;
    for (size_t at = 0; at < length && !table->failed && !table->out_of_memory;) {
        const char *end = memchr(text + at, '\n', length - at);
        size_t size = end ? (size_t)(end - (text + at)) + 1 : length - at;
        table->line++;
        if (csv_parse(&table->parser, text + at, size, table_field, table_row, table) != size) {
            table->failed = 1;
            sample_fail(table->error, "%s:%lu: not CSV: %s (a quote inside a cell must be doubled, and the "
                        "cell quoted)", table->path, table->line, csv_strerror(csv_error(&table->parser)));
        }
        at += size;
    }
    if (!table->failed && !table->out_of_memory && csv_fini(&table->parser, table_field, table_row, table) != 0) {
        table->failed = 1;
        sample_fail(table->error, "%s:%lu: not CSV: a quoted cell is never closed (a quote is missing)",
                    table->path, table->line);
    }
    csv_free(&table->parser);
    table_clear_row(table);
    free(table->cells);
    free(text);
    if (table->out_of_memory)
        return sample_fail(table->error, "%s: out of memory", table->path);
    if (table->failed)
        return 0;
    if (!table->have_header)
        return sample_fail(table->error, "%s: the file is empty: it has no header row", table->path);
    return 1;
}

/* ------------------------------------------------------------- the cases */

static const char *const CASE_NAMES[] = {"case", "case_reference", "case_ref", "case_id", "reference", NULL};
static const char *const TEAM_NAMES[] = {"team", NULL};
static const char *const CASE_TYPE_NAMES[] = {"case_type", "type", NULL};
static const char *const WORKER_NAMES[] = {"worker", "social_worker", "allocated_worker", NULL};
static const char *const OPENED_NAMES[] = {"opened", "date_opened", "open_date", "opened_date", NULL};
static const char *const CLOSED_NAMES[] = {"closed", "date_closed", "close_date", "closed_date", NULL};

enum { CASE_COLUMN, TEAM_COLUMN, CASE_TYPE_COLUMN, WORKER_COLUMN, OPENED_COLUMN, CLOSED_COLUMN };
static const table_column CASE_COLUMNS[] = {
    {CASE_NAMES, 1}, {TEAM_NAMES, 1}, {CASE_TYPE_NAMES, 0}, {WORKER_NAMES, 0}, {OPENED_NAMES, 0}, {CLOSED_NAMES, 0},
};

/* A copy of TEXT, or NULL (out of memory recorded). */
static char *copy_of(list_table *table, const char *text)
{
    char *copy = strdup(text);
    if (copy == NULL)
        table->out_of_memory = 1;
    return copy;
}

/* A date cell: empty, or YYYY-MM-DD. */
static int check_date(list_table *table, size_t column, const char *what)
{
    const char *text = table_cell(table, column);
    long day;
    char cell_text[SHOWN_BYTES + 4];
    if (text[0] == '\0' || calendar_parse_date(text, &day))
        return 1;
    return sample_fail(table->error, "%s:%lu: the %s date '%s' is not a date written YYYY-MM-DD, like 2026-03-02 "
                       "(format the column as yyyy-mm-dd before saving the sheet)", table->path, table->line, what,
                       shown(cell_text, text));
}

/* One row of the case list. */
static int take_case(list_table *table, void *context)
{
    sample_list *list = context;
    const char *reference = table_cell(table, CASE_COLUMN), *team = table_cell(table, TEAM_COLUMN);
    char cell_text[SHOWN_BYTES + 4];
    if (reference[0] == '\0')
        return sample_fail(table->error, "%s:%lu: no case reference: the '%s' cell is empty", table->path,
                           table->line, CASE_NAMES[0]);
    if (team[0] == '\0')
        return sample_fail(table->error, "%s:%lu: case '%s' has no team: the team cell is empty (every case "
                           "is chosen within its team)", table->path, table->line, shown(cell_text, reference));
    if (!check_date(table, OPENED_COLUMN, "opened") || !check_date(table, CLOSED_COLUMN, "closed"))
        return 0;
    long known = sample_names_find(&list->references, reference, 0);
    if (known >= 0)
        return sample_fail(table->error, "%s:%lu: case '%s' is listed twice (first on line %lu): list each "
                           "case once", table->path, table->line, shown(cell_text, reference),
                           list->cases[known].row);
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 256;
        sample_case *grown = realloc(list->cases, capacity * sizeof *grown);
        if (grown == NULL) {
            table->out_of_memory = 1;
            return 1;
        }
        list->cases = grown;
        list->capacity = capacity;
    }
    const char *case_type = table_cell(table, CASE_TYPE_COLUMN);
    size_t team_length = strlen(team), type_length = strlen(case_type);
    char *stratum_key = malloc(team_length + type_length + 2);
    long team_index = sample_names_find(&list->teams, team, 1);
    long reference_index = sample_names_find(&list->references, reference, 1);
    if (stratum_key == NULL || team_index < 0 || reference_index < 0) {
        free(stratum_key);
        table->out_of_memory = 1;
        return 1;
    }
    memcpy(stratum_key, team, team_length);
    stratum_key[team_length] = '\x1f';
    memcpy(stratum_key + team_length + 1, case_type, type_length + 1);
    long stratum = sample_names_find(&list->strata, stratum_key, 1);
    free(stratum_key);
    sample_case *one = &list->cases[list->count];
    *one = (sample_case){.row = table->line, .team_index = (unsigned)team_index, .auditor = -1};
    one->reference = list->references.names[reference_index];
    one->team = list->teams.names[team_index];
    one->case_type = copy_of(table, case_type);
    one->worker = copy_of(table, table_cell(table, WORKER_COLUMN));
    one->opened = copy_of(table, table_cell(table, OPENED_COLUMN));
    one->closed = copy_of(table, table_cell(table, CLOSED_COLUMN));
    one->stratum = (unsigned)stratum;
    list->count++;
    if (stratum < 0)
        table->out_of_memory = 1;
    return 1;
}

int sample_read_cases(const char *path, sample_list *list, sample_error *error)
{
    list_table cases = {.path = path, .columns = CASE_COLUMNS, .column_count = sizeof CASE_COLUMNS / sizeof CASE_COLUMNS[0],
                   .take_row = take_case, .context = list, .error = error};
    if (!table_read(&cases))
        return 0;
    list->has_case_type = cases.found[CASE_TYPE_COLUMN] >= 0;
    if (list->count == 0)
        return sample_fail(error, "%s: no case: the list has a header and no case under it", path);
    return 1;
}

void sample_list_free(sample_list *list)
{
    for (size_t index = 0; index < list->count; index++) {
        free(list->cases[index].case_type);
        free(list->cases[index].worker);
        free(list->cases[index].opened);
        free(list->cases[index].closed);
    }
    free(list->cases);
    sample_names_free(&list->teams);
    sample_names_free(&list->strata);
    sample_names_free(&list->references);
    memset(list, 0, sizeof *list);
}

/* ---------------------------------------------------------- the auditors */

static const char *const AUDITOR_NAMES[] = {"auditor", "name", NULL};
static const char *const CAPACITY_NAMES[] = {"capacity", "most_cases", NULL};
enum { AUDITOR_COLUMN, AUDITOR_TEAM_COLUMN, CAPACITY_COLUMN };
static const table_column AUDITOR_COLUMNS[] = {{AUDITOR_NAMES, 1}, {TEAM_NAMES, 1}, {CAPACITY_NAMES, 0}};

/* What reading the auditors needs. */
typedef struct auditors_read {
    sample_list *list;            /* not changed: its teams are looked up */
    sample_auditors *auditors;
    size_t capacity;
    sample_names folded;         /* the names in lower case: no two alike */
} auditors_read;

/* The team of the case list that TEAM matches but for case, or NULL. */
static const char *team_written_otherwise(const sample_list *list, const char *team)
{
    for (size_t index = 0; index < list->teams.count; index++)
        if (strcasecmp(list->teams.names[index], team) == 0)
            return list->teams.names[index];
    return NULL;
}

/* One row of the auditors. */
static int take_auditor(list_table *table, void *context)
{
    auditors_read *read = context;
    const char *name = table_cell(table, AUDITOR_COLUMN), *team = table_cell(table, AUDITOR_TEAM_COLUMN);
    const char *capacity_text = table_cell(table, CAPACITY_COLUMN);
    char cell_text[SHOWN_BYTES + 4], other_text[SHOWN_BYTES + 4];
    if (name[0] == '\0')
        return sample_fail(table->error, "%s:%lu: no auditor's name: the '%s' cell is empty", table->path,
                           table->line, AUDITOR_NAMES[0]);
    if (team[0] == '\0')
        return sample_fail(table->error, "%s:%lu: auditor '%s' has no team: give their team (as the case list "
                           "writes it, or their own, such as Quality Assurance), so that they are never given "
                           "their own team's cases", table->path, table->line, shown(cell_text, name));
    long capacity = -1;
    if (capacity_text[0]) {
        char *end;
        errno = 0;
        long number = capacity_text[0] >= '0' && capacity_text[0] <= '9' ? strtol(capacity_text, &end, 10) : -1;
        if (number < 0 || errno || *end || number > 1000000000)
            return sample_fail(table->error, "%s:%lu: auditor '%s' has capacity '%s': write the most cases they "
                               "may take as a whole number (0 or more), or leave it empty for no limit",
                               table->path, table->line, shown(cell_text, name), shown(other_text, capacity_text));
        capacity = number;
    }
    long team_index = sample_names_find(&read->list->teams, team, 0);
    const char *otherwise = team_index < 0 ? team_written_otherwise(read->list, team) : NULL;
    if (otherwise)
        return sample_fail(table->error, "%s:%lu: auditor '%s' is in team '%s', which the case list writes '%s': "
                           "write it the same way, so that they are never given their own team's cases",
                           table->path, table->line, shown(cell_text, name), shown(other_text, team), otherwise);
    output_buffer folded = {0};
    for (const char *at = name; *at; at++)
        output_bytes(&folded, &(char){(char)tolower((unsigned char)*at)}, 1);
    size_t before = read->folded.count;
    long place = folded.out_of_memory ? -2 : sample_names_find(&read->folded, folded.text, 1);
    output_buffer_free(&folded);
    if (place == -2) {
        table->out_of_memory = 1;
        return 1;
    }
    if (read->folded.count == before)
        return sample_fail(table->error, "%s:%lu: auditor '%s' is listed twice (first on line %lu): list each "
                           "auditor once", table->path, table->line, shown(cell_text, name),
                           read->auditors->auditors[place].row);
    sample_auditors *auditors = read->auditors;
    if (auditors->count == read->capacity) {
        size_t grown_capacity = read->capacity ? read->capacity * 2 : 16;
        sample_auditor *grown = realloc(auditors->auditors, grown_capacity * sizeof *grown);
        if (grown == NULL) {
            table->out_of_memory = 1;
            return 1;
        }
        auditors->auditors = grown;
        read->capacity = grown_capacity;
    }
    sample_auditor *one = &auditors->auditors[auditors->count++];
    *one = (sample_auditor){.name = copy_of(table, name), .team = copy_of(table, team), .row = table->line,
                            .capacity = capacity, .team_index = (int)team_index};
    return 1;
}

int sample_read_auditors(const char *path, sample_list *list, sample_auditors *auditors,
                         sample_error *error)
{
    auditors_read read = {.list = list, .auditors = auditors};
    list_table table = {.path = path, .columns = AUDITOR_COLUMNS,
                   .column_count = sizeof AUDITOR_COLUMNS / sizeof AUDITOR_COLUMNS[0], .take_row = take_auditor,
                   .context = &read, .error = error};
    int read_well = table_read(&table);
    sample_names_free(&read.folded);
    if (read_well && auditors->count == 0)
        return sample_fail(error, "%s: no auditor: the list has a header and no auditor under it", path);
    return read_well;
}

void sample_auditors_free(sample_auditors *auditors)
{
    for (size_t index = 0; index < auditors->count; index++) {
        free(auditors->auditors[index].name);
        free(auditors->auditors[index].team);
    }
    free(auditors->auditors);
    memset(auditors, 0, sizeof *auditors);
}

/* ------------------------------------------------------ the audited cases */

static const char *const DATE_NAMES[] = {"date", "audit_date", NULL};
enum { AUDITED_CASE_COLUMN, AUDITED_DATE_COLUMN };
static const table_column AUDITED_COLUMNS[] = {{CASE_NAMES, 1}, {DATE_NAMES, 1}};

/* Reading the audit records. */
typedef struct audited_read {
    sample_list *list;
    long since;
    size_t excluded;
} audited_read;

/* One audit of case REFERENCE on DATE (YYYY-MM-DD, a time may follow):
 * the case is excluded when the date is SINCE or later. */
static int take_audit(audited_read *read, const char *path, unsigned long line, const char *reference,
                      const char *date, sample_error *error)
{
    char day_text[11];
    long day;
    char cell_text[SHOWN_BYTES + 4];
    size_t length = strlen(date);
    snprintf(day_text, sizeof day_text, "%s", date);
    if ((length != 10 && (length < 11 || date[10] != 'T')) || !calendar_parse_date(day_text, &day))
        return sample_fail(error, "%s:%lu: the audit's date '%s' is not written YYYY-MM-DD, like 2026-03-02",
                           path, line, shown(cell_text, date));
    long found = sample_names_find(&read->list->references, reference, 0);
    if (found >= 0 && day >= read->since && !read->list->cases[found].excluded) {
        read->list->cases[found].excluded = 1;
        read->excluded++;
    }
    return 1;
}

/* One row of a CSV of audits. */
static int take_audited_row(list_table *table, void *context)
{
    const char *reference = table_cell(table, AUDITED_CASE_COLUMN), *date = table_cell(table, AUDITED_DATE_COLUMN);
    if (reference[0] == '\0')
        return sample_fail(table->error, "%s:%lu: an audit with no case reference: the '%s' cell is empty",
                           table->path, table->line, CASE_NAMES[0]);
    return take_audit(context, table->path, table->line, reference, date, table->error);
}

/* Whether PATH ends in .csv, in any case. */
static int is_csv_name(const char *path)
{
    size_t length = strlen(path);
    return length >= 4 && strcasecmp(path + length - 4, ".csv") == 0;
}

/* A member of a JSON record that must be a string. */
static const char *record_string(json_t *record, const char *member, const char *path, unsigned long line,
                                 sample_error *error)
{
    json_t *value = json_object_get(record, member);
    if (json_is_string(value) && json_string_length(value) > 0)
        return json_string_value(value);
    sample_fail(error, "%s:%lu: the audit record has no \"%s\" (a string): every record names its case and its "
                "date", path, line, member);
    return NULL;
}

int sample_read_audited(const char *path, long since, sample_list *list, size_t *excluded, sample_error *error)
{
    audited_read read = {.list = list, .since = since};
    if (is_csv_name(path) || is_workbook(path)) {
        list_table table = {.path = path, .columns = AUDITED_COLUMNS,
                       .column_count = sizeof AUDITED_COLUMNS / sizeof AUDITED_COLUMNS[0],
                       .take_row = take_audited_row, .context = &read, .error = error};
        if (!table_read(&table))
            return 0;
        *excluded = read.excluded;
        return 1;
    }
    char *text;
    size_t length;
    if (!read_whole(path, &text, &length, error))
        return 0;
    unsigned long line = 0;
    int good = 1;
    for (size_t at = 0; at < length && good;) {
        const char *end = memchr(text + at, '\n', length - at);
        size_t size = end ? (size_t)(end - (text + at)) : length - at;
        const char *start = text + at;
        at += size + (end != NULL);
        line++;
        size_t blank = 0;
        while (blank < size && (start[blank] == ' ' || start[blank] == '\t' || start[blank] == '\r'))
            blank++;
        if (blank == size)
            continue;
        json_error_t problem;
        json_t *record = json_loadb(start, size, JSON_REJECT_DUPLICATES, &problem);
        if (!json_is_object(record)) {
            good = sample_fail(error, "%s:%lu: not an audit record (a JSON object on one line): %s; give audit "
                               "records in JSON Lines, or a CSV file named .csv", path, line,
                               record ? "not an object" : problem.text);
        } else {
            const char *reference = record_string(record, "case", path, line, error);
            const char *date = reference ? record_string(record, "date", path, line, error) : NULL;
            good = date && take_audit(&read, path, line, reference, date, error);
        }
        json_decref(record);
    }
    free(text);
    *excluded = read.excluded;
    return good;
}
