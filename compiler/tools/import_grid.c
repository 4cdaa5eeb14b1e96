/*
 * import_grid.c — `rubricc import GRID.csv [-o FILE.rubric]`: the on-ramp
 * for guidance kept as a spreadsheet grid (see import_grid.h).
 *
 * The grid (grid_read.c) has a header row, then one row per criterion.
 * Header cells name the columns: "Section", "ID" (or "Criterion ID") and
 * "Criterion" (or "Title", "Criteria", "Criterion title", "Criteria name")
 * are recognised, in any order and any case, all optional but for a title
 * or an id; every other column is a grade, best first, headed "CODE: Label"
 * ("O: Outstanding") or just the label ("Outstanding"), whose code is then
 * guessed. Section cells read "Section 3: Review", "3: Review", "3" or
 * just a title; an empty one continues the section above, as merged cells
 * do. What is not in the grid is guessed and reported: ids made from
 * titles, section numbers and ids, level codes, the rubric's id, title,
 * authority and edition. The report goes to stderr as "GRID:LINE: note:"
 * lines and, as comments, to the top of the rubric written.
 *
 * Every error names its line and the fix (ragged rows, a missing grade
 * column, an empty title with no id, a repeated row or id, an empty
 * descriptor, a section split in two, text the rubric language cannot
 * hold); a grid with errors writes nothing. A mistake repeated column
 * after column or row after row is shown a few times and then counted
 * ("and 19,998 more columns headed 'x'": import_kind). The grid's file
 * name is shown, and made the rubric's title, with its control characters
 * escaped (diagnostics_escaped), so it forges no line of either.
 *
 * The work is linear in the grid: every "was this name seen before?"
 * (a header, a grade code, a section's label or id, a criterion's id or
 * title within its section) is a look-up in a name_index, and a name made
 * unique by a number resumes from the last number tried for it
 * (import_free_name); a grid of 20,000 grade columns or 100,000 rows
 * imports in a second or so (tests/interop/run-import-scale.sh). The rubric is written
 * atomically (output.c) as the rubric language's canonical layout:
 * entries indented by two per level, prose wrapped at 79 columns, a
 * descriptor that every criterion of a section shares written once under
 * "every criterion:".
 */
#include "import_grid.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "command_line.h"
#include "compile.h"
#include "diagnostics.h"
#include "grid_read.h"
#include "keywords.h"
#include "name_index.h"
#include "output.h"
#include "source.h"

enum { IMPORT_WRAP_COLUMN = 79, IMPORT_ID_MAX = 48, NO_COLUMN = -1 };

typedef struct import_level {
    const char *code;
    const char *label;
    int column;
} import_level;

typedef struct import_criterion {
    const char *id;
    const char *title;           /* NULL when untitled */
    const char **descriptors;    /* per level; NULL where the section writes it */
    unsigned long line;
} import_criterion;

typedef struct import_section {
    const char *label;           /* the Section cell as written, or NULL */
    const char *number;
    const char *title;           /* NULL when untitled */
    const char *id;              /* NULL: the default section-N */
    bool out_of_sequence;
    const char **section_wide;   /* per level, or NULL */
    size_t first_criterion;
    size_t criterion_count;
    unsigned long line;
} import_section;

/* The kinds of error a grid can repeat row after row or column after
 * column. Of each, IMPORT_SHOWN_PER_KIND are shown, one per subject (the
 * header, id or title repeated); the rest are counted and summed up in one
 * line at the end ("and 19,998 more columns headed 'x'"), so that a grid of
 * twenty thousand copies of one mistake says so in a few lines. */
typedef enum import_kind {
    IMPORT_ONCE,                 /* errors a grid can make only once: not capped */
    IMPORT_HEADER_CONTROL,
    IMPORT_REPEATED_ROLE,
    IMPORT_NO_HEADER,
    IMPORT_REPEATED_HEADER,
    IMPORT_REPEATED_CODE,
    IMPORT_RAGGED_ROW,
    IMPORT_CONTROL,
    IMPORT_SPLIT_SECTION,
    IMPORT_BAD_ID,
    IMPORT_REPEATED_ID,
    IMPORT_NO_TITLE,
    IMPORT_REPEATED_TITLE,
    IMPORT_COMMENT_LINE,
    IMPORT_EMPTY_DESCRIPTOR,
    IMPORT_KIND_COUNT
} import_kind;

enum { IMPORT_SHOWN_PER_KIND = 10 };

/* What the summary line of a kind says of what it did not show: in
 * general, or (where they all had one subject, and the kind names it)
 * before and after the subject ("columns headed '" x "'"). */
static const struct {
    const char *in_general;
    const char *before_subject;
    const char *after_subject;
} import_kind_phrases[IMPORT_KIND_COUNT] = {
    [IMPORT_HEADER_CONTROL] = {"header cells holding a control character", NULL, NULL},
    [IMPORT_REPEATED_ROLE] = {"columns of a kind the grid already has", "", " columns"},
    [IMPORT_NO_HEADER] = {"columns with no header", NULL, NULL},
    [IMPORT_REPEATED_HEADER] = {"columns headed like an earlier column", "columns headed '", "'"},
    [IMPORT_REPEATED_CODE] = {"columns of a grade an earlier column has", "columns of grade ", ""},
    [IMPORT_RAGGED_ROW] = {"rows with a different number of cells from the header row", NULL, NULL},
    [IMPORT_CONTROL] = {"rows holding a control character", NULL, NULL},
    [IMPORT_SPLIT_SECTION] = {"rows of sections that other sections came between", "rows of section '",
                              "' after other sections"},
    [IMPORT_BAD_ID] = {"ids that are not ids", NULL, NULL},
    [IMPORT_REPEATED_ID] = {"rows repeating a criterion id", "rows repeating the criterion id '", "'"},
    [IMPORT_NO_TITLE] = {"criteria with no title", NULL, NULL},
    [IMPORT_REPEATED_TITLE] = {"rows repeating a criterion's title", "rows repeating the criterion '", "'"},
    [IMPORT_COMMENT_LINE] = {"descriptor lines starting with '#'", NULL, NULL},
    [IMPORT_EMPTY_DESCRIPTOR] = {"empty descriptors", NULL, NULL},
};

/* How many errors of a kind were shown and hidden, and of what. */
typedef struct import_kind_count {
    const char *shown[IMPORT_SHOWN_PER_KIND];   /* the subjects shown */
    size_t shown_count;
    size_t hidden_count;
    const char *hidden_subject;  /* the subject of every one hidden, or NULL */
    bool hidden_subjects_differ;
} import_kind_count;

typedef struct importer {
    arena *region;
    const char *path;            /* as given */
    const char *shown_path;      /* as shown: control characters escaped */
    FILE *errors;
    int error_count;
    import_kind_count kinds[IMPORT_KIND_COUNT];
    char **guesses;              /* "PATH:LINE: note: …" */
    size_t guess_count, guess_capacity;
    size_t column_count;
    int section_column, id_column, title_column;
    import_level *levels;
    size_t level_count;
    name_index level_names;      /* a grade column's label and header -> level */
    name_index level_codes;      /* code -> level */
    name_index code_suffixes;    /* per namespace: "base" -> the number to try next */
    name_index section_id_suffixes;
    name_index criterion_id_suffixes;
    bool *column_written;        /* per column: a cell below the header is not empty */
    import_section *sections;
    size_t section_count, section_capacity;
    name_index section_labels;   /* Section cell -> section */
    name_index section_ids;      /* id (or the default section-N) -> section */
    import_criterion *criteria;
    size_t criterion_count, criterion_capacity;
    name_index criterion_ids;    /* id -> criterion */
    name_index section_titles;   /* the titles of the section being read -> criterion */
    const char *rubric_id;
    const char *rubric_title;
} importer;

/* ------------------------------------------------------------ messages */

/* Whether an error of kind about subject (NULL: none) is shown; counts
 * it either way. Past IMPORT_SHOWN_PER_KIND of a kind, or a subject shown
 * once already, it is counted only. */
static bool import_shows(importer *import, import_kind kind, const char *subject)
{
    import->error_count++;
    if (kind == IMPORT_ONCE)
        return true;
    import_kind_count *count = &import->kinds[kind];
    bool seen = false;
    for (size_t i = 0; subject != NULL && i < count->shown_count && !seen; i++)
        seen = strcmp(count->shown[i], subject) == 0;
    if (!seen && count->shown_count < IMPORT_SHOWN_PER_KIND) {
        count->shown[count->shown_count++] = subject != NULL ? subject : "";
        return true;
    }
    if (count->hidden_count++ == 0)
        count->hidden_subject = subject;
    else if (subject == NULL || count->hidden_subject == NULL || strcmp(subject, count->hidden_subject) != 0)
        count->hidden_subjects_differ = true;
    return false;
}

/* "PATH:LINE: error: …" (LINE 0: "PATH: error: …"), counted; of kind
 * about subject (see import_shows). */
static void import_error_of(importer *import, import_kind kind, const char *subject, unsigned long line,
                            const char *format, ...) __attribute__((format(printf, 5, 6)));

static void import_error_of(importer *import, import_kind kind, const char *subject, unsigned long line,
                            const char *format, ...)
{
    if (!import_shows(import, kind, subject))
        return;
    if (line > 0)
        fprintf(import->errors, "%s:%lu: error: ", import->shown_path, line);
    else
        fprintf(import->errors, "%s: error: ", import->shown_path);
    va_list arguments;
    va_start(arguments, format);
    vfprintf(import->errors, format, arguments);
    va_end(arguments);
    fputc('\n', import->errors);
}

#define import_error(import, line, ...) import_error_of(import, IMPORT_ONCE, NULL, line, __VA_ARGS__)

/* number with a comma between thousands ("19,998"), in region. */
static const char *import_count_text(arena *region, size_t number)
{
    char digits[32];
    int length = snprintf(digits, sizeof digits, "%zu", number);
    char *text = arena_alloc(region, (size_t)length + (size_t)length / 3 + 1);
    size_t at = 0;
    for (int i = 0; i < length; i++) {
        if (i > 0 && (length - i) % 3 == 0)
            text[at++] = ',';
        text[at++] = digits[i];
    }
    text[at] = '\0';
    return text;
}

/* One line per kind with errors not shown: how many, and of what. */
static void import_report_hidden(importer *import)
{
    for (int kind = 0; kind < IMPORT_KIND_COUNT; kind++) {
        const import_kind_count *count = &import->kinds[kind];
        if (count->hidden_count == 0)
            continue;
        fprintf(import->errors, "%s: error: and %s more ", import->shown_path,
                import_count_text(import->region, count->hidden_count));
        if (import_kind_phrases[kind].before_subject != NULL && count->hidden_subject != NULL
            && !count->hidden_subjects_differ)
            fprintf(import->errors, "%s%s%s\n", import_kind_phrases[kind].before_subject,
                    diagnostics_escaped(import->region, count->hidden_subject),
                    import_kind_phrases[kind].after_subject);
        else
            fprintf(import->errors, "%s\n", import_kind_phrases[kind].in_general);
    }
}

/* Something the importer guessed (message, in the importer's region),
 * kept for the report. */
static void import_guess(importer *import, unsigned long line, const char *message)
{
    import->guesses = grid_reserve(import->region, import->guesses, import->guess_count,
                                   &import->guess_capacity, sizeof *import->guesses);
    import->guesses[import->guess_count++] = arena_printf(import->region, "%s:%lu: note: %s",
                                                          import->shown_path, line, message);
}

/* ---------------------------------------------------------------- text */

/* text with spaces, tabs and line breaks folded to single spaces and
 * trimmed: a title, a header, a section label. */
static char *import_folded(arena *region, const char *text)
{
    char *folded = arena_alloc_unzeroed(region, strlen(text) + 1);
    size_t length = 0;
    bool space = false;
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (*cursor == ' ' || *cursor == '\t' || *cursor == '\n') {
            space = length > 0;
            continue;
        }
        if (space)
            folded[length++] = ' ';
        space = false;
        folded[length++] = *cursor;
    }
    folded[length] = '\0';
    return folded;
}

/* Whether text is name, in any ASCII case. */
static bool import_names(const char *text, const char *name)
{
    size_t i = 0;
    for (; text[i] != '\0' && name[i] != '\0'; i++)
        if (tolower((unsigned char)text[i]) != name[i])
            return false;
    return text[i] == name[i];
}

/* An id made from text: ASCII letters and digits lower-cased, anything
 * else a single hyphen, apostrophes dropped, at most IMPORT_ID_MAX
 * characters (cut at a hyphen), starting with a letter (else prefixed
 * with prefix). NULL when text has no letter or digit. */
static char *import_slug(arena *region, const char *text, const char *prefix)
{
    size_t size = strlen(text) + 1;
    char *slug = arena_alloc_unzeroed(region, size + 1);
    size_t length = 0;
    for (const unsigned char *cursor = (const unsigned char *)text; *cursor != '\0'; cursor++) {
        if (*cursor == '\'' || (cursor[0] == 0xe2 && cursor[1] == 0x80 && cursor[2] == 0x99)) {
            cursor += *cursor == '\'' ? 0 : 2;   /* ' and ’ join the word */
            continue;
        }
        if (isalnum(*cursor) && *cursor < 0x80)
            slug[length++] = (char)tolower(*cursor);
        else if (length > 0 && slug[length - 1] != '-')
            slug[length++] = '-';
    }
    while (length > 0 && slug[length - 1] == '-')
        length--;
    if (length > IMPORT_ID_MAX) {
        length = IMPORT_ID_MAX;
        while (length > 1 && slug[length] != '-')
            length--;
        while (length > 0 && slug[length - 1] == '-')
            length--;
    }
    slug[length] = '\0';
    if (length == 0)
        return NULL;
    if (!isalpha((unsigned char)slug[0]))
        return arena_printf(region, "%s-%s", prefix, slug);
    return slug;
}

/* Whether id is a rubric id: [a-z][a-z0-9-]*. */
static bool import_is_id(const char *id)
{
    if (!islower((unsigned char)id[0]))
        return false;
    for (const char *cursor = id; *cursor != '\0'; cursor++)
        if (!(islower((unsigned char)*cursor) || isdigit((unsigned char)*cursor) || *cursor == '-'))
            return false;
    return true;
}

/* Whether code is a level code: letters and digits. */
static bool import_is_code(const char *code, size_t length)
{
    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!isalnum((unsigned char)code[i]) || (unsigned char)code[i] >= 0x80)
            return false;
    return true;
}

/* Whether code cannot be a level's, whatever its case: NA (not applicable,
 * in audits), points (the scale's points), or any other word the language
 * reads as an entry or a heading when it starts a line ('ID: Inadequate'
 * would be a section's id). "met", an answer set's entry, is a level code
 * like any other. */
static bool import_is_reserved_code(const char *code)
{
    if (strcasecmp(code, "NA") == 0 || strcasecmp(code, "points") == 0)
        return true;
    for (size_t i = 0; i < language_keyword_count; i++)
        if (strcasecmp(code, language_keywords[i].name) == 0)
            return true;
    return false;
}

/* Whether cell holds a control character other than a line break or a
 * tab (a spreadsheet's stray vertical tab, say), which no rubric holds. */
static bool import_has_control(const char *cell)
{
    for (const unsigned char *cursor = (const unsigned char *)cell; *cursor != '\0'; cursor++)
        if ((*cursor < 0x20 && *cursor != '\n' && *cursor != '\t') || *cursor == 0x7f)
            return true;
    return false;
}

/* ----------------------------------------------------------- names */

/* base, or when taken (in taken) the first of "base<joiner>2",
 * "base<joiner>3"… that is not. Names are never given back, so the number
 * to try next is remembered per base (in suffixes, one per kind of name):
 * twenty thousand columns of one label cost twenty thousand tries, not two
 * hundred million. */
static const char *import_free_name(importer *import, const name_index *taken, name_index *suffixes,
                                    const char *base, const char *joiner)
{
    if (name_index_find(taken, base) == SIZE_MAX)
        return base;
    size_t suffix = name_index_find(suffixes, base);
    if (suffix == SIZE_MAX)
        suffix = 2;
    const char *name;
    do
        name = arena_printf(import->region, "%s%s%zu", base, joiner, suffix++);
    while (name_index_find(taken, name) != SIZE_MAX);
    name_index_set(suffixes, base, suffix);
    return name;
}

/* --------------------------------------------------------------- header */

/* The grade column headed header: "CODE: Label", or a label whose code is
 * guessed (the initials of its words, upper-cased; a short single word or
 * a number is its own code). */
static void import_level_column(importer *import, import_level *level, const char *header,
                                 unsigned long line)
{
    const char *colon = strchr(header, ':');
    if (colon != NULL && import_is_code(header, (size_t)(colon - header)) && colon[1] == ' '
        && colon[2] != '\0') {
        level->code = arena_strndup(import->region, header, (size_t)(colon - header));
        level->label = arena_strdup(import->region, colon + 2);
        if (import_is_reserved_code(level->code))
            import_error(import, line,
                         "column %d is headed '%s': '%s' cannot be a grade's code (%s); choose another code",
                         level->column + 1, header, level->code,
                         strcasecmp(level->code, "NA") == 0 ? "audits use NA for \"not applicable\""
                                                             : "the rubric language reads it as an entry name");
        return;
    }
    level->label = header;
    size_t length = strlen(header);
    if (import_is_code(header, length) && (length <= 3 || strspn(header, "0123456789") == length)) {
        level->code = header;
    } else {
        char *initials = arena_alloc(import->region, length + 1);
        size_t count = 0;
        bool word_start = true;
        for (const char *cursor = header; *cursor != '\0'; cursor++) {
            bool letter = isalnum((unsigned char)*cursor) && (unsigned char)*cursor < 0x80;
            if (letter && word_start)
                initials[count++] = (char)toupper((unsigned char)*cursor);
            word_start = !letter && (unsigned char)*cursor < 0x80;
        }
        level->code = count > 0 ? initials : arena_printf(import->region, "L%zu", import->level_count + 1);
    }
    /* A code that cannot be a level's ('Not applicable' gives NA, 'Item
     * Descriptor' ID): numbered, as a taken one. */
    if (import_is_reserved_code(level->code))
        level->code = arena_printf(import->region, "%s2", level->code);
    /* Two labels with the same initials: number the later ones. */
    level->code = import_free_name(import, &import->level_codes, &import->code_suffixes, level->code, "");
    import_guess(import, line,
                 arena_printf(import->region, "grade '%s' (column %d) given the code %s, from its header",
                              header, level->column + 1, level->code));
}

/* Whether column is empty in every row below the header (a spreadsheet
 * often saves trailing columns nobody wrote in). Every cell is looked at
 * once, on the first call. */
static bool import_column_empty(importer *import, const grid *rows, size_t column)
{
    if (import->column_written == NULL) {
        import->column_written = arena_array(import->region, import->column_count + 1,
                                             sizeof *import->column_written);
        for (size_t i = 1; i < rows->row_count; i++)
            for (size_t cell = 0; cell < rows->rows[i].cell_count && cell < import->column_count; cell++)
                if (rows->rows[i].cells[cell][0] != '\0')
                    import->column_written[cell] = true;
    }
    return !import->column_written[column];
}

/* A grade column (name: its header, folded): its code and label, checked
 * against the grade columns before it by their names and codes. */
static void import_grade_column(importer *import, const grid_row *header, size_t column, const char *name)
{
    size_t same_name = name_index_find(&import->level_names, name);
    if (same_name != SIZE_MAX)
        import_error_of(import, IMPORT_REPEATED_HEADER, name, header->line,
                        "columns %d and %zu are both headed '%s'; give each grade one column",
                        import->levels[same_name].column + 1, column + 1, name);
    import_level *level = &import->levels[import->level_count];
    level->column = (int)column;
    import_level_column(import, level, name, header->line);
    size_t same_code = name_index_add(&import->level_codes, level->code, import->level_count);
    if (same_code != SIZE_MAX)
        import_error_of(import, IMPORT_REPEATED_CODE, level->code, header->line,
                        "columns %d and %zu are both grade %s; give each grade its own code",
                        import->levels[same_code].column + 1, column + 1, level->code);
    name_index_add(&import->level_names, name, import->level_count);
    name_index_add(&import->level_names, level->label, import->level_count);
    import->level_count++;
}

/* Reads the header row: which column is what (a column empty from the
 * header down is left out). -1 after an error. */
static int import_header(importer *import, const grid *rows)
{
    const grid_row *header = &rows->rows[0];
    import->column_count = header->cell_count;
    import->section_column = import->id_column = import->title_column = NO_COLUMN;
    import->levels = arena_array(import->region, header->cell_count + 1, sizeof *import->levels);
    name_index_init(import->region, &import->level_names, 16);
    name_index_init(import->region, &import->level_codes, 16);
    name_index_init(import->region, &import->code_suffixes, 16);
    name_index_init(import->region, &import->section_id_suffixes, 16);
    name_index_init(import->region, &import->criterion_id_suffixes, 16);
    name_index_init(import->region, &import->section_labels, 16);
    name_index_init(import->region, &import->section_ids, 16);
    name_index_init(import->region, &import->criterion_ids, 16);
    name_index_init(import->region, &import->section_titles, 16);
    static const char *const title_names[] = {"criterion", "title", "criteria", "criterion title",
                                              "criteria name", "criterion name"};
    for (size_t column = 0; column < header->cell_count; column++) {
        if (import_has_control(header->cells[column])) {
            import_error_of(import, IMPORT_HEADER_CONTROL, NULL, header->line,
                            "the header of column %zu holds a control character; delete it", column + 1);
            continue;
        }
        const char *name = import_folded(import->region, header->cells[column]);
        int *role = NULL;
        if (import_names(name, "section"))
            role = &import->section_column;
        else if (import_names(name, "id") || import_names(name, "criterion id"))
            role = &import->id_column;
        for (size_t i = 0; i < sizeof title_names / sizeof title_names[0] && role == NULL; i++)
            if (import_names(name, title_names[i]))
                role = &import->title_column;
        if (role != NULL && *role != NO_COLUMN) {
            const char *kind = role == &import->section_column ? "Section"
                               : role == &import->id_column    ? "ID"
                                                                : "Criterion";
            import_error_of(import, IMPORT_REPEATED_ROLE, kind, header->line,
                            "columns %d ('%s') and %zu ('%s') are both the %s column; keep one", *role + 1,
                            import_folded(import->region, header->cells[*role]), column + 1, name, kind);
        } else if (role != NULL) {
            *role = (int)column;
        } else if (name[0] == '\0' && import_column_empty(import, rows, column)) {
            continue;            /* an empty column: not part of the grid */
        } else if (name[0] == '\0') {
            import_error_of(import, IMPORT_NO_HEADER, NULL, header->line,
                            "column %zu has no header; head each grade column with the grade "
                            "('O: Outstanding') and delete empty columns", column + 1);
        } else {
            import_grade_column(import, header, column, name);
        }
    }
    if (import->level_count < 2)
        import_error(import, header->line,
                     "the grid has %zu grade column%s; a rubric needs a column for each of at least "
                     "two grades, best first, headed like 'O: Outstanding' (the other columns are "
                     "Section, ID and Criterion)",
                     import->level_count, import->level_count == 1 ? "" : "s");
    if (import->title_column == NO_COLUMN && import->id_column == NO_COLUMN)
        import_error(import, header->line,
                     "no Criterion column: head the column of criterion titles 'Criterion' (or "
                     "the column of ids 'ID')");
    return import->error_count > 0 ? -1 : 0;
}

/* ------------------------------------------------------------- sections */

/* The numeric part of a section number, as the checker reads it. */
static long import_numeral(const char *number)
{
    return strtol(number, NULL, 10);
}

/* The id a section is known by: its own, or the default section-N. */
static const char *import_section_key(importer *import, const import_section *section)
{
    if (section->id != NULL)
        return section->id;
    return arena_printf(import->region, "section-%s", section->number);
}

/* The longest section label the language takes (the checker's limit). */
enum { IMPORT_SECTION_LABEL_MAX = 8 };

/* A new section from its Section cell (label; NULL without one). */
static import_section *import_new_section(importer *import, const char *label, unsigned long line)
{
    import->sections = grid_reserve(import->region, import->sections, import->section_count,
                                    &import->section_capacity, sizeof *import->sections);
    import_section *previous = import->section_count > 0 ? &import->sections[import->section_count - 1] : NULL;
    import_section *section = &import->sections[import->section_count];
    section->label = label;
    section->line = line;
    section->first_criterion = import->criterion_count;
    const char *rest = label != NULL ? label : "";
    if (strncasecmp(rest, "section", 7) == 0 && (rest[7] == ' ' || isdigit((unsigned char)rest[7])))
        rest += rest[7] == ' ' ? 8 : 7;
    /* The number is the digits and the letters right after them ("4a"),
     * as long as a section label may be; letters that would make it longer
     * start the title ("1Planning"), and a longer run of digits is no
     * number at all. */
    size_t digits = strspn(rest, "0123456789");
    if (digits > 0 && digits <= IMPORT_SECTION_LABEL_MAX) {
        size_t length = digits;
        while (isalpha((unsigned char)rest[length]))
            length++;
        if (length > IMPORT_SECTION_LABEL_MAX)
            length = digits;
        section->number = arena_strndup(import->region, rest, length);
        rest += length;
        rest += strspn(rest, " ");
        if (*rest == ':' || *rest == '.' || *rest == '-')
            rest++;
        rest += strspn(rest, " ");
        section->title = rest[0] != '\0' ? rest : NULL;
    } else {
        long next = previous != NULL ? import_numeral(previous->number) + 1 : 1;
        section->number = arena_printf(import->region, "%ld", next);
        section->title = rest[0] != '\0' ? rest : NULL;
        if (label != NULL)
            import_guess(import, line,
                         arena_printf(import->region, "section '%s' numbered %s (the grid gives no number)",
                                      label, section->number));
        else
            import_guess(import, line, "no Section column: every criterion put in section 1");
    }
    const char *id = section->title != NULL ? import_slug(import->region, section->title, "section") : NULL;
    const char *default_id = arena_printf(import->region, "section-%s", section->number);
    if (id == NULL && name_index_find(&import->section_ids, default_id) != SIZE_MAX)
        id = default_id;
    if (id != NULL) {
        id = import_free_name(import, &import->section_ids, &import->section_id_suffixes, id, "-");
        import_guess(import, line,
                     arena_printf(import->region, "section %s given the id '%s'%s", section->number, id,
                                  section->title != NULL ? ", made from its title" : ""));
    }
    section->id = id;
    section->out_of_sequence = previous != NULL
                               && import_numeral(section->number) - 1 != import_numeral(previous->number);
    name_index_add(&import->section_ids, import_section_key(import, section), import->section_count);
    if (label != NULL)
        name_index_add(&import->section_labels, label, import->section_count);
    name_index_init(import->region, &import->section_titles, 16);
    import->section_count++;
    return section;
}

/* The section of a row whose Section cell is cell (NULL without the
 * column); NULL after an error. */
static import_section *import_row_section(importer *import, const char *cell, unsigned long line)
{
    import_section *current = import->section_count > 0 ? &import->sections[import->section_count - 1] : NULL;
    const char *label = cell != NULL ? import_folded(import->region, cell) : NULL;
    if (label != NULL && label[0] == '\0')
        label = NULL;
    if (current != NULL && (label == NULL || (current->label != NULL && strcmp(label, current->label) == 0)))
        return current;
    size_t earlier = label != NULL ? name_index_find(&import->section_labels, label) : SIZE_MAX;
    if (earlier != SIZE_MAX) {
        import_error_of(import, IMPORT_SPLIT_SECTION, label, line,
                        "section '%s' started on line %lu and other sections came between; keep "
                        "each section's rows together",
                        label, import->sections[earlier].line);
        return NULL;
    }
    return import_new_section(import, label, line);
}

/* ------------------------------------------------------------- criteria */

/* The criterion that already has id, or NULL. */
static const import_criterion *import_criterion_with_id(const importer *import, const char *id)
{
    size_t index = name_index_find(&import->criterion_ids, id);
    return index != SIZE_MAX ? &import->criteria[index] : NULL;
}

/* The criterion's id: the ID cell, or made from its title. NULL after an
 * error. */
static const char *import_criterion_id(importer *import, const import_section *section,
                                       const char *id_cell, const char *title, unsigned long line)
{
    if (id_cell != NULL && id_cell[0] != '\0') {
        if (!import_is_id(id_cell)) {
            import_error_of(import, IMPORT_BAD_ID, NULL, line,
                            "'%s' is not an id: write lower-case letters, digits and hyphens, starting "
                            "with a letter (like 'referral-threshold')", id_cell);
            return NULL;
        }
        const import_criterion *other = import_criterion_with_id(import, id_cell);
        if (other != NULL) {
            import_error_of(import, IMPORT_REPEATED_ID, id_cell, line,
                            "this row repeats the criterion id '%s' of line %lu; delete the repeated "
                            "row, or give each criterion its own id", id_cell, other->line);
            return NULL;
        }
        return id_cell;
    }
    if (title == NULL) {
        import_error_of(import, IMPORT_NO_TITLE, NULL, line,
                     "the criterion has no title%s; write its title in the %s column so that an id "
                     "can be made from it",
                     import->id_column != NO_COLUMN ? " and no id" : "",
                     import->title_column != NO_COLUMN ? "Criterion" : "ID");
        return NULL;
    }
    size_t same_title = name_index_find(&import->section_titles, title);
    if (same_title != SIZE_MAX) {
        import_error_of(import, IMPORT_REPEATED_TITLE, title, line,
                        "this row repeats the criterion '%s' of line %lu in the same section; delete "
                        "one of them, or give them different titles",
                        title, import->criteria[same_title].line);
        return NULL;
    }
    const char *id = import_slug(import->region, title, "criterion");
    if (id == NULL)
        id = arena_printf(import->region, "criterion-%zu", import->criterion_count + 1);
    if (import_criterion_with_id(import, id) != NULL && section->id != NULL)
        id = arena_printf(import->region, "%s-%s", section->id, id);
    id = import_free_name(import, &import->criterion_ids, &import->criterion_id_suffixes, id, "-");
    import_guess(import, line,
                 arena_printf(import->region, "criterion id '%s' made from the title '%s'", id, title));
    return id;
}

/* A descriptor cell: lines with their ends trimmed, tabs as spaces. NULL
 * after an error. */
static const char *import_descriptor(importer *import, const char *cell, const import_level *level,
                                     unsigned long line)
{
    char *text = arena_alloc_unzeroed(import->region, strlen(cell) + 1);
    size_t length = 0;
    const char *cursor = cell;
    bool first_of_block = true;
    bool first_line = true;
    while (*cursor != '\0') {
        size_t line_length = strcspn(cursor, "\n");
        size_t start = 0;
        while (start < line_length && (cursor[start] == ' ' || cursor[start] == '\t'))
            start++;
        size_t end = line_length;
        while (end > start && (cursor[end - 1] == ' ' || cursor[end - 1] == '\t'))
            end--;
        if (end == start) {
            first_of_block = true;
        } else {
            if (cursor[start] == '#' && !first_line) {
                import_error_of(import, IMPORT_COMMENT_LINE, NULL, line,
                                "a line of the %s descriptor starts with '#', which the rubric "
                                "language reads as a comment; reword it or join it to the line above",
                                level->label);
                return NULL;
            }
            if (length > 0)
                text[length++] = '\n';
            if (first_of_block && length > 0)
                text[length++] = '\n';
            for (size_t i = start; i < end; i++)
                text[length++] = cursor[i] == '\t' ? ' ' : cursor[i];
            first_of_block = false;
            first_line = false;
        }
        cursor += line_length;
        if (*cursor == '\n')
            cursor++;
    }
    text[length] = '\0';
    if (length == 0) {
        import_error_of(import, IMPORT_EMPTY_DESCRIPTOR, NULL, line,
                        "the %s descriptor (column %d) is empty; every criterion needs one for "
                        "every grade", level->label, level->column + 1);
        return NULL;
    }
    return text;
}

/* One data row: a criterion. */
static void import_row(importer *import, const grid_row *row)
{
    if (row->cell_count != import->column_count) {
        import_error_of(import, IMPORT_RAGGED_ROW, NULL, row->line,
                        "this row has %zu cells but the header row has %zu; every row needs one "
                        "cell per column (look for a stray comma, or a cell missing at the end)",
                        row->cell_count, import->column_count);
        return;
    }
    for (size_t column = 0; column < row->cell_count; column++) {
        if (import_has_control(row->cells[column])) {
            import_error_of(import, IMPORT_CONTROL, NULL, row->line,
                            "column %zu holds a control character; delete it", column + 1);
            return;
        }
    }
    import_section *section = import_row_section(
        import, import->section_column != NO_COLUMN ? row->cells[import->section_column] : NULL,
        row->line);
    if (section == NULL)
        return;
    const char *title = import->title_column != NO_COLUMN
                            ? import_folded(import->region, row->cells[import->title_column])
                            : NULL;
    if (title != NULL && title[0] == '\0')
        title = NULL;
    const char *id_cell = import->id_column != NO_COLUMN
                              ? import_folded(import->region, row->cells[import->id_column])
                              : NULL;
    const char *id = import_criterion_id(import, section, id_cell, title, row->line);
    const char **descriptors = arena_array(import->region, import->level_count + 1, sizeof *descriptors);
    bool complete = id != NULL;
    for (size_t level = 0; level < import->level_count; level++) {
        descriptors[level] = import_descriptor(import, row->cells[import->levels[level].column],
                                               &import->levels[level], row->line);
        complete = complete && descriptors[level] != NULL;
    }
    if (!complete)
        return;
    import->criteria = grid_reserve(import->region, import->criteria, import->criterion_count,
                                    &import->criterion_capacity, sizeof *import->criteria);
    import_criterion *criterion = &import->criteria[import->criterion_count++];
    criterion->id = id;
    criterion->title = title;
    criterion->descriptors = descriptors;
    criterion->line = row->line;
    name_index_add(&import->criterion_ids, id, import->criterion_count - 1);
    if (title != NULL)
        name_index_add(&import->section_titles, title, import->criterion_count - 1);
    section->criterion_count++;
}

/* A descriptor that every criterion of a section (two or more) shares is
 * written once for the section. */
static void import_fold_section_wide(importer *import)
{
    for (size_t s = 0; s < import->section_count; s++) {
        import_section *section = &import->sections[s];
        if (section->criterion_count < 2)
            continue;
        import_criterion *criteria = &import->criteria[section->first_criterion];
        for (size_t level = 0; level < import->level_count; level++) {
            bool shared = true;
            for (size_t i = 1; i < section->criterion_count && shared; i++)
                shared = strcmp(criteria[i].descriptors[level], criteria[0].descriptors[level]) == 0;
            if (!shared)
                continue;
            if (section->section_wide == NULL)
                section->section_wide = arena_array(import->region, import->level_count + 1,
                                                    sizeof *section->section_wide);
            section->section_wide[level] = criteria[0].descriptors[level];
            for (size_t i = 0; i < section->criterion_count; i++)
                criteria[i].descriptors[level] = NULL;
        }
    }
}

/* The rubric's id and title, from the grid's file name. */
static void import_name_rubric(importer *import)
{
    const char *base = strrchr(import->path, '/');
    base = base != NULL ? base + 1 : import->path;
    size_t length = strlen(base);
    if (length > 4 && import_names(base + length - 4, ".csv"))
        length -= 4;
    /* A file name may hold any byte but '/' and NUL: its control
     * characters are escaped, so it cannot start a line of the rubric. */
    const char *name = arena_strndup(import->region, base, length);
    const char *title = diagnostics_escaped(import->region, name);
    char *id = import_slug(import->region, name, "rubric");
    import->rubric_id = id != NULL ? id : "imported-rubric";
    import->rubric_title = title[0] != '\0' ? title : "Imported rubric";
    import_guess(import, 1,
                 arena_printf(import->region, "rubric id '%s' and title '%s' made from the file name; "
                              "authority and version are not in a grid: edit them",
                              import->rubric_id, import->rubric_title));
}

/* --------------------------------------------------------------- writing */

/* Whether a line may start with word (it would be a comment or a bullet). */
static bool import_may_start_line(const char *word, size_t length)
{
    if (word[0] == '#')
        return false;
    static const char *const markers[] = {"-", "*", "\xc2\xb7", "\xe2\x80\xa2"};
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (strlen(markers[i]) == length && strncmp(word, markers[i], length) == 0)
            return false;
    return true;
}

/* The display width of length bytes of UTF-8 (one column a character). */
static size_t import_width(const char *text, size_t length)
{
    size_t width = 0;
    for (size_t i = 0; i < length; i++)
        width += ((unsigned char)text[i] & 0xc0) != 0x80;
    return width;
}

/* Writes the words of text (one line of a block) wrapped: continuation
 * lines at indent. *column is where the cursor is; it is updated. */
static void import_write_words(FILE *out, const char *text, size_t indent, size_t *column, bool at_start)
{
    const char *cursor = text;
    bool first = at_start;
    while (*cursor != '\0') {
        cursor += strspn(cursor, " ");
        size_t length = strcspn(cursor, " ");
        if (length == 0)
            break;
        size_t width = import_width(cursor, length);
        if (!first && *column + 1 + width > IMPORT_WRAP_COLUMN && *column > indent
            && import_may_start_line(cursor, length)) {
            fprintf(out, "\n%*s", (int)indent, "");
            *column = indent;
        } else if (!first) {
            fputc(' ', out);
            (*column)++;
        }
        fwrite(cursor, 1, length, out);
        *column += width;
        first = false;
        cursor += length;
    }
}

/* Whether a line of a descriptor is a bullet item. */
static bool import_is_bullet(const char *line)
{
    return strncmp(line, "- ", 2) == 0 || strncmp(line, "* ", 2) == 0
           || strncmp(line, "\xc2\xb7 ", 3) == 0 || strncmp(line, "\xe2\x80\xa2 ", 4) == 0;
}

/* "NAME: prose" at indent, the prose wrapped under it: paragraphs joined
 * into lines, bullet items one per line, a blank line between blocks. */
static void import_write_prose(FILE *out, size_t indent, const char *name, const char *text)
{
    fprintf(out, "%*s%s:", (int)indent, "", name);
    size_t column = indent + strlen(name) + 1;
    size_t inner = indent + 2;
    bool at_value_start = true;
    bool new_block = true;
    const char *cursor = text;
    while (*cursor != '\0') {
        size_t length = strcspn(cursor, "\n");
        char *line = strndup(cursor, length);
        if (line == NULL)
            return;
        if (length == 0) {
            new_block = true;
        } else if (import_is_bullet(line) || new_block) {
            bool bullet = import_is_bullet(line);
            if (at_value_start && !bullet) {
                fputc(' ', out);
                column++;
            } else {
                if (!at_value_start && new_block)
                    fputc('\n', out);
                fprintf(out, "\n%*s", (int)inner, "");
                column = inner;
            }
            import_write_words(out, line, inner, &column, true);
            at_value_start = false;
            new_block = false;
        } else {
            import_write_words(out, line, inner, &column, false);
        }
        free(line);
        cursor += length;
        if (*cursor == '\n')
            cursor++;
    }
    fputc('\n', out);
}

/* Writes the rubric (the context of output_write_context_atomically). */
static int import_write_rubric(const void *context, FILE *out)
{
    const importer *import = context;
    fputs("# Imported from a spreadsheet grid by 'rubricc import'. What it guessed:\n", out);
    for (size_t i = 0; i < import->guess_count; i++)
        fprintf(out, "#   %s\n", import->guesses[i]);
    fputs("# Check these, then delete this comment.\n\n", out);
    fprintf(out, "rubric: %s\n", import->rubric_id);
    fprintf(out, "title: %s\n", import->rubric_title);
    fputs("authority: Not stated in the grid\n", out);
    fprintf(out, "version: Imported from %s\n\nscale:\n", import->rubric_title);
    for (size_t level = 0; level < import->level_count; level++)
        fprintf(out, "  %s: %s\n", import->levels[level].code, import->levels[level].label);
    for (size_t s = 0; s < import->section_count; s++) {
        const import_section *section = &import->sections[s];
        fprintf(out, "\nsection %s%s%s\n", section->number, section->title != NULL ? ": " : "",
                section->title != NULL ? section->title : "");
        if (section->id != NULL)
            fprintf(out, "  id: %s\n", section->id);
        if (section->out_of_sequence)
            fputs("  out of sequence: The grid numbers the sections this way.\n", out);
        if (section->section_wide != NULL) {
            fputs("  every criterion:\n", out);
            for (size_t level = 0; level < import->level_count; level++)
                if (section->section_wide[level] != NULL)
                    import_write_prose(out, 4, import->levels[level].code, section->section_wide[level]);
        }
        for (size_t i = 0; i < section->criterion_count; i++) {
            const import_criterion *criterion = &import->criteria[section->first_criterion + i];
            fprintf(out, "\n  criterion %s%s%s\n", criterion->id, criterion->title != NULL ? ": " : "",
                    criterion->title != NULL ? criterion->title : "");
            for (size_t level = 0; level < import->level_count; level++)
                if (criterion->descriptors[level] != NULL)
                    import_write_prose(out, 4, import->levels[level].code, criterion->descriptors[level]);
        }
    }
    return ferror(out) ? -1 : 0;
}

/* The rendered rubric, held in memory (the context of import_copy_text). */
typedef struct import_text {
    char *text;
    size_t length;
} import_text;

static int import_copy_text(const void *context, FILE *out)
{
    const import_text *rendered = context;
    return fwrite(rendered->text, 1, rendered->length, out) == rendered->length ? 0 : -1;
}

/* Whether the rubric the grid became compiles. The import writes text
 * that the compiler then reads, and the two must agree on every line (a
 * cell's line that reads like an entry, a code that is a keyword): rather
 * than trust that they do, the text is compiled by the front end itself
 * before anything is written, and a grid whose rubric would not compile is
 * an error, with the compiler's own messages about the rubric's lines. */
static bool import_compiles(const importer *import, const import_text *rendered)
{
    arena *region = arena_new();
    if (region == NULL)
        return false;
    char *messages = NULL;
    size_t messages_length = 0;
    FILE *stream = open_memstream(&messages, &messages_length);
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    diagnostics_init(&report, &sources, stream != NULL ? stream : stderr);
    char *name = arena_printf(region, "%s (as imported)", import->shown_path);
    bool compiles = compile_text(region, &sources, &report, name, rendered->text, rendered->length) != NULL;
    if (stream != NULL)
        fclose(stream);
    if (!compiles) {
        fprintf(stderr, "%s: the grid reads as a rubric that does not compile; nothing written:\n",
                import->shown_path);
        if (messages != NULL)
            fputs(messages, stderr);
    }
    free(messages);
    arena_free(region);
    return compiles;
}

/* Writes to output (a file, atomically; "-": standard output), once the
 * rubric is known to compile. */
static int import_write(importer *import, const char *output)
{
    import_text rendered = {NULL, 0};
    FILE *stream = open_memstream(&rendered.text, &rendered.length);
    if (stream == NULL)
        return -1;
    int written = import_write_rubric(import, stream);
    if (fclose(stream) != 0 || written != 0) {
        free(rendered.text);
        return -1;
    }
    int result = -1;
    if (!import_compiles(import, &rendered)) {
        result = -1;
    } else if (strcmp(output, "-") == 0) {
        result = import_copy_text(&rendered, stdout) == 0 && fflush(stdout) == 0 ? 0 : -1;
    } else {
        arena *region = arena_new();
        source_set sources;
        source_set_init(&sources, region);
        diagnostics report;
        diagnostics_init(&report, &sources, stderr);
        result = output_write_path_atomically(&report, output, import_copy_text, &rendered);
        arena_free(region);
    }
    free(rendered.text);
    return result;
}

/* ------------------------------------------------------------------ main */

enum import_option { IMPORT_OUTPUT, IMPORT_HELP };

static const command_line_option import_options[] = {
    {"output", 'o', "FILE", "write the rubric to FILE (default: standard output)",
     IMPORT_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"help", 'h', NULL, "show this help and exit", IMPORT_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit import_exits[] = {
    {0, "imported"},
    {1, "the grid has errors (nothing is written), or a file cannot\n"
        "be read or written"},
    {2, "bad usage"},
};

static const command_line_command import_command_line = {
    "rubricc import",
    "[OPTION]... GRID.csv",
    "Turn a spreadsheet grid saved as CSV (UTF-8) into a rubric: a header row,\n"
    "then one row per criterion. Columns: Section, ID and Criterion (any order,\n"
    "all optional but a Criterion or an ID column), then one column per grade,\n"
    "best first, headed like 'O: Outstanding'. Writes the rubric to FILE (default:\n"
    "standard output) and reports on stderr what it guessed.",
    import_options, sizeof import_options / sizeof import_options[0],
    NULL, 0,
    import_exits, sizeof import_exits / sizeof import_exits[0],
    COMMAND_LINE_INPUT_FILE, "the grid", false,
};

/* A bad command line: the message, then the usage line, and 2. */
int import_grid_main(int argc, char **argv)
{
    const char *grid_path = NULL;
    const char *output = "-";
    char message[512];
    command_line_parser line;
    command_line_start(&line, &import_command_line, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        switch (code) {
        case COMMAND_LINE_ERROR:
            return command_line_usage_error(&import_command_line, line.message, NULL);
        case IMPORT_HELP:
            command_line_print_help(&import_command_line, stdout);
            return 0;
        case IMPORT_OUTPUT:
            if (line.value[0] == '\0') {
                snprintf(message, sizeof message, "'%s' needs a file name", line.written);
                return command_line_usage_error(&import_command_line, message, NULL);
            }
            output = line.value;
            break;
        case COMMAND_LINE_OPERAND:
            if (grid_path != NULL) {
                snprintf(message, sizeof message, "one grid at a time ('%s' and '%s')", grid_path,
                         line.value);
                return command_line_usage_error(&import_command_line, message, NULL);
            }
            grid_path = line.value;
            break;
        }
    }
    if (grid_path == NULL)
        return command_line_usage_error(&import_command_line, "no grid given", NULL);
    importer import = {.region = arena_new(), .path = grid_path, .errors = stderr};
    import.shown_path = diagnostics_escaped(import.region, grid_path);
    grid rows;
    int status = 1;
    if (grid_read(import.region, grid_path, &rows, stderr) != 0)
        goto done;
    if (rows.row_count == 0) {
        import_error(&import, 0, "the grid is empty; it needs a header row and a row per criterion");
        goto done;
    }
    import_name_rubric(&import);
    if (import_header(&import, &rows) == 0) {
        if (rows.row_count == 1)
            import_error(&import, rows.rows[0].line, "the grid has a header row but no criteria");
        for (size_t i = 1; i < rows.row_count; i++)
            import_row(&import, &rows.rows[i]);
    }
    if (import.error_count > 0) {
        import_report_hidden(&import);
        fprintf(stderr, "%s: %s error%s; nothing written\n", import.shown_path,
                import_count_text(import.region, (size_t)import.error_count), import.error_count == 1 ? "" : "s");
        goto done;
    }
    import_fold_section_wide(&import);
    for (size_t i = 0; i < import.guess_count; i++)
        fprintf(stderr, "%s\n", import.guesses[i]);
    status = import_write(&import, output) == 0 ? 0 : 1;
done:
    arena_free(import.region);
    return status;
}
