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
 * hold); a grid with errors writes nothing. The rubric is written
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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "diagnostics.h"
#include "grid_read.h"
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

typedef struct importer {
    arena *region;
    const char *path;
    FILE *errors;
    int error_count;
    char **guesses;              /* "PATH:LINE: note: …" */
    size_t guess_count, guess_capacity;
    size_t column_count;
    int section_column, id_column, title_column;
    import_level *levels;
    size_t level_count;
    import_section *sections;
    size_t section_count, section_capacity;
    import_criterion *criteria;
    size_t criterion_count, criterion_capacity;
    const char *rubric_id;
    const char *rubric_title;
} importer;

/* ------------------------------------------------------------ messages */

/* "PATH:LINE: error: …" (LINE 0: "PATH: error: …"), counted. */
static void import_error(importer *import, unsigned long line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void import_error(importer *import, unsigned long line, const char *format, ...)
{
    if (line > 0)
        fprintf(import->errors, "%s:%lu: error: ", import->path, line);
    else
        fprintf(import->errors, "%s: error: ", import->path);
    va_list arguments;
    va_start(arguments, format);
    vfprintf(import->errors, format, arguments);
    va_end(arguments);
    fputc('\n', import->errors);
    import->error_count++;
}

/* Something the importer guessed (message, in the importer's region),
 * kept for the report. */
static void import_guess(importer *import, unsigned long line, const char *message)
{
    import->guesses = grid_reserve(import->region, import->guesses, import->guess_count,
                                   &import->guess_capacity, sizeof *import->guesses);
    import->guesses[import->guess_count++] = arena_printf(import->region, "%s:%lu: note: %s",
                                                          import->path, line, message);
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

/* Whether cell holds a control character other than a line break or a
 * tab (a spreadsheet's stray vertical tab, say), which no rubric holds. */
static bool import_has_control(const char *cell)
{
    for (const unsigned char *cursor = (const unsigned char *)cell; *cursor != '\0'; cursor++)
        if ((*cursor < 0x20 && *cursor != '\n' && *cursor != '\t') || *cursor == 0x7f)
            return true;
    return false;
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
    /* Two labels with the same initials: number the later ones. */
    const char *base = level->code;
    for (unsigned suffix = 2;; suffix++) {
        bool taken = false;
        for (size_t i = 0; i < import->level_count && !taken; i++)
            taken = strcmp(import->levels[i].code, level->code) == 0;
        if (!taken)
            break;
        level->code = arena_printf(import->region, "%s%u", base, suffix);
    }
    import_guess(import, line,
                 arena_printf(import->region, "grade '%s' (column %d) given the code %s, from its header",
                              header, level->column + 1, level->code));
}

/* Whether column is empty in every row below the header (a spreadsheet
 * often saves trailing columns nobody wrote in). */
static bool import_column_empty(const grid *rows, size_t column)
{
    for (size_t i = 1; i < rows->row_count; i++)
        if (column < rows->rows[i].cell_count && rows->rows[i].cells[column][0] != '\0')
            return false;
    return true;
}

/* Reads the header row: which column is what (a column empty from the
 * header down is left out). -1 after an error. */
static int import_header(importer *import, const grid *rows)
{
    const grid_row *header = &rows->rows[0];
    import->column_count = header->cell_count;
    import->section_column = import->id_column = import->title_column = NO_COLUMN;
    import->levels = arena_array(import->region, header->cell_count + 1, sizeof *import->levels);
    static const char *const title_names[] = {"criterion", "title", "criteria", "criterion title",
                                              "criteria name", "criterion name"};
    for (size_t column = 0; column < header->cell_count; column++) {
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
            import_error(import, header->line, "columns %d ('%s') and %zu ('%s') are both the %s "
                         "column; keep one", *role + 1,
                         import_folded(import->region, header->cells[*role]), column + 1, name, kind);
        } else if (role != NULL) {
            *role = (int)column;
        } else if (name[0] == '\0' && import_column_empty(rows, column)) {
            continue;            /* an empty column: not part of the grid */
        } else if (name[0] == '\0') {
            import_error(import, header->line,
                         "column %zu has no header; head each grade column with the grade "
                         "('O: Outstanding') and delete empty columns", column + 1);
        } else {
            for (size_t i = 0; i < import->level_count; i++)
                if (strcmp(import->levels[i].label, name) == 0
                    || strcmp(import_folded(import->region, header->cells[import->levels[i].column]), name) == 0)
                    import_error(import, header->line, "columns %d and %zu are both headed '%s'; "
                                 "give each grade one column", import->levels[i].column + 1,
                                 column + 1, name);
            import_level *level = &import->levels[import->level_count];
            level->column = (int)column;
            import_level_column(import, level, name, header->line);
            for (size_t i = 0; i < import->level_count; i++)
                if (strcmp(import->levels[i].code, level->code) == 0)
                    import_error(import, header->line, "columns %d and %zu are both grade %s; give "
                                 "each grade its own code", import->levels[i].column + 1, column + 1,
                                 level->code);
            import->level_count++;
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

/* Whether id is taken by another section (its own, or a default). */
static bool import_section_id_taken(const importer *import, const char *id)
{
    for (size_t i = 0; i < import->section_count; i++) {
        const import_section *section = &import->sections[i];
        const char *other = section->id;
        char fallback[64];
        if (other == NULL) {
            snprintf(fallback, sizeof fallback, "section-%s", section->number);
            other = fallback;
        }
        if (strcmp(other, id) == 0)
            return true;
    }
    return false;
}

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
    if (isdigit((unsigned char)rest[0])) {
        size_t length = strspn(rest, "0123456789");
        while (isalpha((unsigned char)rest[length]))
            length++;
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
    char *id = section->title != NULL ? import_slug(import->region, section->title, "section") : NULL;
    if (id == NULL && import_section_id_taken(import, arena_printf(import->region, "section-%s",
                                                                   section->number)))
        id = arena_printf(import->region, "section-%s", section->number);
    if (id != NULL) {
        const char *base = id;
        for (unsigned suffix = 2; import_section_id_taken(import, id); suffix++)
            id = arena_printf(import->region, "%s-%u", base, suffix);
        import_guess(import, line,
                     arena_printf(import->region, "section %s given the id '%s'%s", section->number, id,
                                  section->title != NULL ? ", made from its title" : ""));
    }
    section->id = id;
    section->out_of_sequence = previous != NULL
                               && import_numeral(section->number) - 1 != import_numeral(previous->number);
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
    for (size_t i = 0; label != NULL && i < import->section_count; i++) {
        if (import->sections[i].label != NULL && strcmp(import->sections[i].label, label) == 0) {
            import_error(import, line,
                         "section '%s' started on line %lu and other sections came between; keep "
                         "each section's rows together",
                         label, import->sections[i].line);
            return NULL;
        }
    }
    return import_new_section(import, label, line);
}

/* ------------------------------------------------------------- criteria */

/* The criterion that already has id, or NULL. */
static const import_criterion *import_criterion_with_id(const importer *import, const char *id)
{
    for (size_t i = 0; i < import->criterion_count; i++)
        if (strcmp(import->criteria[i].id, id) == 0)
            return &import->criteria[i];
    return NULL;
}

/* The criterion's id: the ID cell, or made from its title. NULL after an
 * error. */
static const char *import_criterion_id(importer *import, const import_section *section,
                                       const char *id_cell, const char *title, unsigned long line)
{
    if (id_cell != NULL && id_cell[0] != '\0') {
        if (!import_is_id(id_cell)) {
            import_error(import, line, "'%s' is not an id: write lower-case letters, digits and "
                         "hyphens, starting with a letter (like 'referral-threshold')", id_cell);
            return NULL;
        }
        const import_criterion *other = import_criterion_with_id(import, id_cell);
        if (other != NULL) {
            import_error(import, line, "this row repeats the criterion id '%s' of line %lu; delete "
                         "the repeated row, or give each criterion its own id", id_cell, other->line);
            return NULL;
        }
        return id_cell;
    }
    if (title == NULL) {
        import_error(import, line,
                     "the criterion has no title%s; write its title in the %s column so that an id "
                     "can be made from it",
                     import->id_column != NO_COLUMN ? " and no id" : "",
                     import->title_column != NO_COLUMN ? "Criterion" : "ID");
        return NULL;
    }
    for (size_t i = section->first_criterion; i < import->criterion_count; i++) {
        if (import->criteria[i].title != NULL && strcmp(import->criteria[i].title, title) == 0) {
            import_error(import, line, "this row repeats the criterion '%s' of line %lu in the same "
                         "section; delete one of them, or give them different titles",
                         title, import->criteria[i].line);
            return NULL;
        }
    }
    char *id = import_slug(import->region, title, "criterion");
    if (id == NULL)
        id = arena_printf(import->region, "criterion-%zu", import->criterion_count + 1);
    const char *base = id;
    if (import_criterion_with_id(import, id) != NULL && section->id != NULL)
        base = id = arena_printf(import->region, "%s-%s", section->id, id);
    for (unsigned suffix = 2; import_criterion_with_id(import, id) != NULL; suffix++)
        id = arena_printf(import->region, "%s-%u", base, suffix);
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
                import_error(import, line,
                             "a line of the %s descriptor starts with '#', which the rubric language "
                             "reads as a comment; reword it or join it to the line above",
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
        import_error(import, line, "the %s descriptor (column %d) is empty; every criterion needs "
                     "one for every grade", level->label, level->column + 1);
        return NULL;
    }
    return text;
}

/* One data row: a criterion. */
static void import_row(importer *import, const grid_row *row)
{
    if (row->cell_count != import->column_count) {
        import_error(import, row->line,
                     "this row has %zu cells but the header row has %zu; every row needs one cell "
                     "per column (look for a stray comma, or a cell missing at the end)",
                     row->cell_count, import->column_count);
        return;
    }
    for (size_t column = 0; column < row->cell_count; column++) {
        if (import_has_control(row->cells[column])) {
            import_error(import, row->line, "column %zu holds a control character; delete it",
                         column + 1);
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
    char *title = arena_strndup(import->region, base, length);
    char *id = import_slug(import->region, title, "rubric");
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

/* Writes to output (a file, atomically; "-": standard output). */
static int import_write(importer *import, const char *output)
{
    if (strcmp(output, "-") == 0)
        return import_write_rubric(import, stdout) == 0 && fflush(stdout) == 0 ? 0 : -1;
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    diagnostics_init(&report, &sources, stderr);
    char *directory = arena_strdup(region, output);
    char *slash = strrchr(directory, '/');
    const char *name = output;
    if (slash == NULL) {
        directory = arena_strdup(region, ".");
    } else {
        name = output + (slash - directory) + 1;
        *slash = '\0';
        if (directory[0] == '\0')
            directory = arena_strdup(region, "/");
    }
    int result = output_write_context_atomically(&report, directory, name, import_write_rubric, import);
    arena_free(region);
    return result;
}

/* ------------------------------------------------------------------ main */

static int import_usage(FILE *out, int status)
{
    fputs("usage: rubricc import GRID.csv [-o FILE.rubric]\n"
          "\n"
          "Turn a spreadsheet grid saved as CSV (UTF-8) into a rubric: a header row,\n"
          "then one row per criterion. Columns: Section, ID and Criterion (any order,\n"
          "all optional but a Criterion or an ID column), then one column per grade,\n"
          "best first, headed like 'O: Outstanding'. Writes the rubric to FILE (default:\n"
          "standard output) and reports on stderr what it guessed.\n",
          out);
    return status;
}

int import_grid_main(int argc, char **argv)
{
    const char *grid_path = NULL;
    const char *output = "-";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return import_usage(stdout, 0);
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                fprintf(stderr, "rubricc import: '%s' needs a file name\n", argv[i]);
                return import_usage(stderr, 2);
            }
            output = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "rubricc import: unknown option '%s'\n", argv[i]);
            return import_usage(stderr, 2);
        } else if (grid_path != NULL) {
            fprintf(stderr, "rubricc import: one grid at a time ('%s' and '%s')\n", grid_path, argv[i]);
            return import_usage(stderr, 2);
        } else {
            grid_path = argv[i];
        }
    }
    if (grid_path == NULL) {
        fputs("rubricc import: no grid given\n", stderr);
        return import_usage(stderr, 2);
    }
    importer import = {.region = arena_new(), .path = grid_path, .errors = stderr};
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
        fprintf(stderr, "%s: %d error%s; nothing written\n", grid_path, import.error_count,
                import.error_count == 1 ? "" : "s");
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
