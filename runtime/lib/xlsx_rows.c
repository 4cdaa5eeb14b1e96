/*
 * xlsx_rows.c — the rows of a sheet of an Excel workbook (.xlsx), cell
 * texts in column order (see xlsx_rows.h).
 *
 * An .xlsx file is a zip archive of XML parts. minizip (Debian's
 * libminizip) opens the archive and inflates a part; expat (libexpat)
 * parses it as a stream of events: no zip or XML is parsed by hand. The
 * parts read, in order:
 *
 *   xl/workbook.xml            the sheets in order, their relationship ids,
 *                              and whether dates count from 1904
 *   xl/_rels/workbook.xml.rels each sheet's part name
 *   xl/sharedStrings.xml       the strings cells refer to by index
 *   xl/styles.xml              which cell styles show a date (or a time)
 *   xl/worksheets/sheetN.xml   the sheet read, row by row
 *
 * The sheet read is the first whose header row (the first row that is
 * not empty and whose first cell does not start with '#') has a cell the
 * caller's names_sheet accepts (for audits, 'case'); with none, the first
 * sheet. Each row's cells go to the caller in column order, a column
 * given twice keeping its last cell; empty rows and empty cells are left
 * out.
 *
 * A cell's text: a shared or inline string as written (the phonetic runs
 * of East Asian text left out), less spaces and tabs at either end as CSV
 * trims them; a number as the workbook stores it (7, 0.5), unless its
 * style shows a date: then the date, YYYY-MM-DD (with THH:MM:SS when the
 * style shows a time), counted from 1899-12-31 (Excel's 1900 system, with
 * its 29 February 1900 kept as the day Excel has there) or from 1904-01-01
 * (the 1904 system); TRUE or FALSE; an error as Excel shows it (#N/A).
 *
 * Speed: a worksheet is some fifteen times the bytes of the same rows as
 * CSV, and expat's tokenising of it is most of the time; what is ours is
 * kept off the per-byte path: the inflated bytes go straight into expat's
 * own buffer, an element's name is classed by its first letters, a
 * cell's attributes are taken in one pass, and shared strings are found
 * by index with their lengths known.
 */
#include "xlsx_rows.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <expat.h>
#include <minizip/unzip.h>

#include "audit_support.h"

/* The most sheets looked at, and the longest part name kept. */
enum { MOST_SHEETS = 256, PART_NAME_BYTES = 512 };
/* The bytes inflated at a time: expat's buffer, re-used (and XML_Parse's
 * copy saved), holds one block and the token it ends in. */
enum { PART_BLOCK_BYTES = 256 * 1024 };
/* The largest shared strings part read, inflated. */
#define MOST_SHARED_STRING_BYTES ((size_t)1 << 30)

/* A growing byte buffer. */
typedef struct text_buffer {
    char *text;
    size_t length;
    size_t capacity;
} text_buffer;

/* One sheet of the workbook. */
typedef struct sheet_entry {
    char name[128];
    char relation[64];
    char part[PART_NAME_BYTES];
} sheet_entry;

/* A cell's t attribute, as far as its text depends on it. */
typedef enum cell_type {
    CELL_NUMBER,                 /* n, or none: a number, perhaps a date by its style */
    CELL_SHARED,                 /* s: an index into the shared strings */
    CELL_BOOLEAN,                /* b: 1 or 0 */
    CELL_AS_WRITTEN              /* inlineStr, str, e, d: the text as it is */
} cell_type;

/* One cell being read. */
typedef struct cell_state {
    unsigned column;             /* 0-based */
    cell_type type;
    unsigned style;
    int in_value;                /* inside <v>, or a <t> of an inline string */
    int phonetic;                /* inside <rPh>: not part of the text */
} cell_state;

/* A cell kept for the row: its column, and its text in row_text. */
typedef struct row_cell {
    unsigned column;
    size_t offset;
    size_t length;
} row_cell;

/* Everything one workbook's reading holds. */
typedef struct xlsx_book {
    const xlsx_row_sink *sink;
    const char *name;            /* the input's name */
    unzFile zip;
    int date1904;
    sheet_entry sheets[MOST_SHEETS];
    unsigned sheet_count;
    /* shared strings: text back to back, by offset */
    text_buffer strings;
    size_t *string_offsets;
    unsigned string_count;
    unsigned string_capacity;
    /* styles: per cell format (cellXfs), 0 plain, 1 a date, 2 a date and time */
    unsigned char *style_kinds;
    unsigned style_count;
    unsigned style_capacity;
    unsigned custom_ids[512];    /* custom number formats: id, and kind */
    unsigned char custom_kinds[512];
    unsigned custom_count;
    int in_cell_formats;
    /* the part being parsed */
    XML_Parser parser;
    int depth;
    int stop;                    /* a sheet's header was found (the first look) */
    int failed;                  /* lack of memory */
    /* the row being read */
    unsigned long row_number;
    unsigned long last_row;
    unsigned next_column;        /* a cell without a reference is the one after the last */
    cell_state cell;
    text_buffer value;           /* the cell's text as read */
    text_buffer row_text;        /* the row's cells' texts */
    row_cell *cells;
    unsigned cell_count;
    unsigned cell_capacity;
    int first_look;              /* only looking for the header's cell that names the sheet */
    int names_wanted;            /* the header looked at has that cell: the sheet to read */
    int halted;                  /* the sink stopped the reading */
    xlsx_cell *delivered;        /* the row as handed to the sink */
    unsigned delivered_capacity;
    char input_name[PART_NAME_BYTES + 160];
    char message[PART_NAME_BYTES + 256];
} xlsx_book;

/* ------------------------------------------------------------ small steps */

static int text_add(text_buffer *buffer, const char *text, size_t length)
{
    if (!audit_reserve_bytes(&buffer->text, &buffer->capacity, buffer->length + length + 1, 256))
        return 0;
    memcpy(buffer->text + buffer->length, text, length);
    buffer->length += length;
    buffer->text[buffer->length] = '\0';
    return 1;
}

/* Add to a buffer that has room (the common case, kept inline); else
 * text_add. */
static inline int text_append(text_buffer *buffer, const char *text, size_t length)
{
    if (buffer->length + length < buffer->capacity) {
        memcpy(buffer->text + buffer->length, text, length);
        buffer->length += length;
        buffer->text[buffer->length] = '\0';
        return 1;
    }
    return text_add(buffer, text, length);
}

/* The local part of an element or attribute name "prefix:local" (or the
 * name): the parts are read without namespace processing, which costs
 * expat a string per element, and a writer that prefixes SpreadsheetML
 * ("x:row") is read as one that does not. */
static const char *local_name(const XML_Char *name)
{
    for (const char *cursor = name; *cursor; cursor++)
        if (*cursor == ':')
            return cursor + 1;
    return name;
}

/* An attribute's value by local name, or NULL. */
static const char *attribute(const XML_Char **attributes, const char *name)
{
    for (size_t i = 0; attributes[i]; i += 2)
        if (strcmp(local_name(attributes[i]), name) == 0)
            return attributes[i + 1];
    return NULL;
}

/* A cell reference's column ("B12" -> 1); -1 when it has none. */
static long reference_column(const char *reference)
{
    long column = 0;
    int letters = 0;
    for (; *reference >= 'A' && *reference <= 'Z' && letters < 4; reference++, letters++)
        column = column * 26 + (*reference - 'A' + 1);
    return letters ? column - 1 : -1;
}

/* ------------------------------------------------------------ the archive */

/* minizip reads the input through its own stream: a seekable FILE. */
static voidpf zip_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    (void)mode;
    return opaque;
}

static uLong zip_read(voidpf opaque, voidpf stream, void *buffer, uLong size)
{
    (void)opaque;
    return (uLong)fread(buffer, 1, size, stream);
}

static ZPOS64_T zip_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    off_t at = ftello(stream);
    return at < 0 ? (ZPOS64_T)-1 : (ZPOS64_T)at;
}

static long zip_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
    (void)opaque;
    int whence = origin == ZLIB_FILEFUNC_SEEK_SET ? SEEK_SET : origin == ZLIB_FILEFUNC_SEEK_END ? SEEK_END : SEEK_CUR;
    return fseeko(stream, (off_t)offset, whence) == 0 ? 0 : -1;
}

static int zip_close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;                    /* the input is the caller's */
}

static int zip_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ferror((FILE *)stream);
}

/* Parse the part NAME with the handlers set on a fresh parser; 1 when
 * read (or stopped on purpose), 0 when missing, -1 when broken (the
 * reason in *WHY). */
static int parse_part(xlsx_book *book, const char *name, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text, const char **why)
{
    if (unzLocateFile(book->zip, name, 1) != UNZ_OK)
        return 0;
    if (unzOpenCurrentFile(book->zip) != UNZ_OK) {
        *why = "the part cannot be opened (a damaged or encrypted archive)";
        return -1;
    }
    book->parser = XML_ParserCreate(NULL);
    if (book->parser == NULL) {
        unzCloseCurrentFile(book->zip);
        book->failed = 1;
        return -1;
    }
    XML_SetUserData(book->parser, book);
    XML_SetElementHandler(book->parser, start, end);
    XML_SetCharacterDataHandler(book->parser, text);
    book->depth = 0;
    book->stop = 0;
    int result = 1;
    for (;;) {
        /* inflated straight into expat's buffer: no copy between the two */
        void *block = XML_GetBuffer(book->parser, PART_BLOCK_BYTES);
        if (block == NULL) {
            book->failed = 1;
            result = -1;
            break;
        }
        int got = unzReadCurrentFile(book->zip, block, PART_BLOCK_BYTES);
        if (got < 0) {
            *why = "the part cannot be inflated (a damaged archive)";
            result = -1;
            break;
        }
        if (XML_ParseBuffer(book->parser, got, got == 0) == XML_STATUS_ERROR) {
            if (book->stop || book->failed || book->halted)
                break;
            *why = XML_ErrorString(XML_GetErrorCode(book->parser));
            result = -1;
            break;
        }
        if (got == 0 || book->halted)
            break;
    }
    XML_ParserFree(book->parser);
    book->parser = NULL;
    unzCloseCurrentFile(book->zip);
    return book->failed ? -1 : result;
}

/* Stop the parse: lack of memory. */
static void out_of_memory(xlsx_book *book)
{
    book->failed = 1;
    XML_StopParser(book->parser, XML_FALSE);
}

/* ------------------------------------------------------------ workbook.xml */

static void workbook_start(void *context, const XML_Char *name, const XML_Char **attributes)
{
    xlsx_book *book = context;
    const char *local = local_name(name);
    if (strcmp(local, "workbookPr") == 0) {
        const char *date1904 = attribute(attributes, "date1904");
        book->date1904 = date1904 && (strcmp(date1904, "1") == 0 || strcmp(date1904, "true") == 0);
    } else if (strcmp(local, "sheet") == 0 && book->sheet_count < MOST_SHEETS) {
        sheet_entry *sheet = &book->sheets[book->sheet_count++];
        const char *sheet_name = attribute(attributes, "name"), *relation = attribute(attributes, "id");
        snprintf(sheet->name, sizeof sheet->name, "%s", sheet_name ? sheet_name : "");
        snprintf(sheet->relation, sizeof sheet->relation, "%s", relation ? relation : "");
    }
}

static void no_end(void *context, const XML_Char *name)
{
    (void)context;
    (void)name;
}

static void no_text(void *context, const XML_Char *text, int length)
{
    (void)context;
    (void)text;
    (void)length;
}

/* ------------------------------------------------------------ workbook.xml.rels */

static void relations_start(void *context, const XML_Char *name, const XML_Char **attributes)
{
    xlsx_book *book = context;
    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    const char *id = attribute(attributes, "Id"), *target = attribute(attributes, "Target");
    if (id == NULL || target == NULL)
        return;
    for (unsigned i = 0; i < book->sheet_count; i++) {
        if (strcmp(book->sheets[i].relation, id) != 0)
            continue;
        if (target[0] == '/')
            snprintf(book->sheets[i].part, PART_NAME_BYTES, "%s", target + 1);
        else
            snprintf(book->sheets[i].part, PART_NAME_BYTES, "xl/%s", target);
    }
}

/* ------------------------------------------------------------ sharedStrings.xml */

static void strings_start(void *context, const XML_Char *name, const XML_Char **attributes)
{
    xlsx_book *book = context;
    const char *local = local_name(name);
    (void)attributes;
    if (strcmp(local, "si") == 0) {
        if (!audit_reserve((void **)&book->string_offsets, &book->string_capacity, book->string_count + 1,
                           sizeof *book->string_offsets)) {
            out_of_memory(book);
            return;
        }
        book->string_offsets[book->string_count++] = book->strings.length;
    } else if (strcmp(local, "t") == 0 && !book->cell.phonetic) {
        book->cell.in_value = 1;
    } else if (strcmp(local, "rPh") == 0) {
        book->cell.phonetic = 1;
    }
}

static void strings_end(void *context, const XML_Char *name)
{
    xlsx_book *book = context;
    const char *local = local_name(name);
    if (strcmp(local, "t") == 0) {
        book->cell.in_value = 0;
    } else if (strcmp(local, "rPh") == 0) {
        book->cell.phonetic = 0;
    } else if (strcmp(local, "si") == 0) {
        if (!text_add(&book->strings, "", 1))    /* each string's NUL */
            out_of_memory(book);
    }
}

static void strings_text(void *context, const XML_Char *text, int length)
{
    xlsx_book *book = context;
    if (!book->cell.in_value || book->string_count == 0)
        return;
    if (book->strings.length + (size_t)length > MOST_SHARED_STRING_BYTES || !text_add(&book->strings, text, (size_t)length))
        out_of_memory(book);
}

/* ------------------------------------------------------------ styles.xml */

/* Whether a number format shows a date (1), a date and time (2), or
 * neither (0): the built-in ids, or a code with d, m, y (a date) or h, s
 * (a time) outside quotes, brackets and escapes. */
static unsigned char builtin_format_kind(unsigned id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return 1;
    if (id == 22)
        return 2;
    return 0;
}

static unsigned char format_code_kind(const char *code)
{
    int date = 0, time = 0;
    for (const char *cursor = code; *cursor; cursor++) {
        if (*cursor == '"') {
            const char *close = strchr(cursor + 1, '"');
            if (close == NULL)
                break;
            cursor = close;
        } else if (*cursor == '[') {
            const char *close = strchr(cursor + 1, ']');
            if (close == NULL)
                break;
            cursor = close;
        } else if (*cursor == '\\' || *cursor == '_' || *cursor == '*') {
            if (cursor[1] == '\0')
                break;
            cursor++;
        } else if (strchr("dDyY", *cursor)) {
            date = 1;
        } else if (strchr("mM", *cursor)) {
            date = 1;            /* months; minutes only beside hours, which mark a time anyway */
        } else if (strchr("hHsS", *cursor)) {
            time = 1;
        }
    }
    return date && time ? 2 : date ? 1 : 0;
}

static void styles_start(void *context, const XML_Char *name, const XML_Char **attributes)
{
    xlsx_book *book = context;
    const char *local = local_name(name);
    if (strcmp(local, "numFmt") == 0 && book->custom_count < sizeof book->custom_ids / sizeof book->custom_ids[0]) {
        const char *id = attribute(attributes, "numFmtId"), *code = attribute(attributes, "formatCode");
        if (id && code) {
            book->custom_ids[book->custom_count] = (unsigned)strtoul(id, NULL, 10);
            book->custom_kinds[book->custom_count++] = format_code_kind(code);
        }
    } else if (strcmp(local, "cellXfs") == 0) {
        book->in_cell_formats = 1;
    } else if (strcmp(local, "xf") == 0 && book->in_cell_formats) {
        const char *id_text = attribute(attributes, "numFmtId");
        unsigned id = id_text ? (unsigned)strtoul(id_text, NULL, 10) : 0;
        unsigned char kind = builtin_format_kind(id);
        for (unsigned i = 0; i < book->custom_count; i++)
            if (book->custom_ids[i] == id)
                kind = book->custom_kinds[i];
        if (!audit_reserve((void **)&book->style_kinds, &book->style_capacity, book->style_count + 1, 1)) {
            out_of_memory(book);
            return;
        }
        book->style_kinds[book->style_count++] = kind;
    }
}

static void styles_end(void *context, const XML_Char *name)
{
    xlsx_book *book = context;
    if (strcmp(local_name(name), "cellXfs") == 0)
        book->in_cell_formats = 0;
}

/* ------------------------------------------------------------ a worksheet */

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil_from_days(long long days, long long *year, unsigned *month, unsigned *day)
{
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned long long day_of_era = (unsigned long long)(days - era * 146097);
    unsigned long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    unsigned long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    unsigned long long month_part = (5 * day_of_year + 2) / 153;
    *day = (unsigned)(day_of_year - (153 * month_part + 2) / 5 + 1);
    *month = (unsigned)(month_part < 10 ? month_part + 3 : month_part - 9);
    *year = (long long)year_of_era + era * 400 + (*month <= 2);
}

/* An Excel date serial as text, into OUT; 0 when it is no date Excel
 * shows (negative, or past 9999-12-31). */
static int serial_to_date(const xlsx_book *book, double serial, int with_time, char *out, size_t size)
{
    if (!(serial >= 0 && serial < 2958466))
        return 0;
    long long whole = (long long)serial;
    double fraction = serial - (double)whole;
    long long seconds = (long long)(fraction * 86400.0 + 0.5);
    if (seconds >= 86400) {
        whole++;
        seconds -= 86400;
    }
    long long year;
    unsigned month, day;
    if (book->date1904) {
        civil_from_days(whole - 24107, &year, &month, &day);     /* 1904-01-01 is day 0 */
    } else if (whole == 60) {
        year = 1900, month = 2, day = 29;   /* the day Excel's 1900 system has, and no calendar does */
    } else {
        civil_from_days(whole - 25568 - (whole > 60), &year, &month, &day);   /* 1900-01-01 is day 1 */
    }
    if (with_time)
        snprintf(out, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", year, month, day, seconds / 3600,
                 seconds / 60 % 60, seconds % 60);
    else
        snprintf(out, size, "%04lld-%02u-%02u", year, month, day);
    return 1;
}

/* The cell's text, done: typed by its t attribute and style, trimmed,
 * kept in the row. */
static void finish_cell(xlsx_book *book)
{
    const char *text = book->value.text ? book->value.text : "";
    size_t length = book->value.length;
    char made[64];
    cell_type type = book->cell.type;
    if (type == CELL_SHARED) {
        /* the index: its leading digits (an index past the strings stays past them) */
        unsigned long index = 0;
        size_t digits = 0;
        for (; digits < length && text[digits] >= '0' && text[digits] <= '9'; digits++)
            index = index <= book->string_count ? index * 10 + (unsigned long)(text[digits] - '0') : index;
        if (digits == 0 || index >= book->string_count) {
            text = "";
            length = 0;
        } else {
            /* each string ends in its NUL, the next one's offset after it */
            size_t next = index + 1 < book->string_count ? book->string_offsets[index + 1] : book->strings.length;
            text = book->strings.text + book->string_offsets[index];
            length = next - book->string_offsets[index] - 1;
        }
    } else if (type == CELL_BOOLEAN) {
        text = length == 1 && text[0] == '1' ? "TRUE" : "FALSE";
        length = strlen(text);
    } else if (type == CELL_NUMBER && length > 0 && book->cell.style < book->style_count &&
               book->style_kinds[book->cell.style]) {
        char *end;
        double serial = strtod(text, &end);
        if (*end == '\0' &&
            serial_to_date(book, serial, book->style_kinds[book->cell.style] == 2, made, sizeof made)) {
            text = made;
            length = strlen(made);
        }
    }
    while (length > 0 && (text[0] == ' ' || text[0] == '\t')) {
        text++;
        length--;
    }
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    if (length == 0)
        return;
    if (book->cell_count == book->cell_capacity &&
        !audit_reserve((void **)&book->cells, &book->cell_capacity, book->cell_count + 1, sizeof *book->cells)) {
        out_of_memory(book);
        return;
    }
    book->cells[book->cell_count++] = (row_cell){book->cell.column, book->row_text.length, length};
    if (!text_append(&book->row_text, text, length))
        out_of_memory(book);
}

/* The row, done: on the first look, whether it is the header and names
 * the sheet wanted; else handed to the sink, its cells in column order. */
static void finish_row(xlsx_book *book)
{
    if (book->cell_count == 0)
        return;
    /* cells may come out of order in a hand-made sheet: in column order */
    for (unsigned i = 1; i < book->cell_count; i++)
        for (unsigned j = i; j > 0 && book->cells[j - 1].column > book->cells[j].column; j--) {
            row_cell swap = book->cells[j];
            book->cells[j] = book->cells[j - 1];
            book->cells[j - 1] = swap;
        }
    const char *first = book->cells[0].column == 0 ? book->row_text.text + book->cells[0].offset : "";
    if (book->first_look) {
        if (first[0] == '#')
            return;
        for (unsigned i = 0; i < book->cell_count; i++)
            if (book->sink->names_sheet(book->sink->context, book->row_text.text + book->cells[i].offset,
                                        book->cells[i].length))
                book->names_wanted = 1;
        book->stop = 1;
        XML_StopParser(book->parser, XML_FALSE);
        return;
    }
    if (book->cell_count > book->delivered_capacity &&
        !audit_reserve((void **)&book->delivered, &book->delivered_capacity, book->cell_count,
                       sizeof *book->delivered)) {
        out_of_memory(book);
        return;
    }
    unsigned count = 0;
    for (unsigned i = 0; i < book->cell_count; i++) {
        const row_cell *cell = &book->cells[i];
        xlsx_cell taken = {cell->column, book->row_text.text + cell->offset, cell->length};
        if (count && book->delivered[count - 1].column == cell->column)
            book->delivered[count - 1] = taken;      /* a column given twice keeps its last cell */
        else
            book->delivered[count++] = taken;
    }
    if (!book->sink->row(book->sink->context, book->row_number, book->delivered, count, book->row_text.length)) {
        book->halted = 1;
        XML_StopParser(book->parser, XML_FALSE);
    }
}

/* The worksheet elements read; each element's local name is classed
 * once, by its first letters, not compared in turn with each of them. */
typedef enum sheet_element {
    ELEMENT_OTHER,
    ELEMENT_ROW,                 /* row */
    ELEMENT_CELL,                /* c */
    ELEMENT_VALUE,               /* v, or t: a number's text or a string's */
    ELEMENT_PHONETIC             /* rPh: East Asian reading, not part of the text */
} sheet_element;

static sheet_element sheet_element_of(const XML_Char *name)
{
    const char *local = local_name(name);
    switch (local[0]) {
    case 'c':
        return local[1] == '\0' ? ELEMENT_CELL : ELEMENT_OTHER;
    case 'v':
    case 't':
        return local[1] == '\0' ? ELEMENT_VALUE : ELEMENT_OTHER;
    case 'r':
        return strcmp(local, "row") == 0 ? ELEMENT_ROW : strcmp(local, "rPh") == 0 ? ELEMENT_PHONETIC : ELEMENT_OTHER;
    default:
        return ELEMENT_OTHER;
    }
}

static cell_type cell_type_of(const char *type)
{
    if (type == NULL || type[0] == '\0' || strcmp(type, "n") == 0)
        return CELL_NUMBER;
    if (strcmp(type, "s") == 0)
        return CELL_SHARED;
    if (strcmp(type, "b") == 0)
        return CELL_BOOLEAN;
    return CELL_AS_WRITTEN;
}

/* A cell's r, t and s attributes, in one pass over its attributes. */
static void start_cell(xlsx_book *book, const XML_Char **attributes)
{
    const char *reference = NULL, *type = NULL, *style = NULL;
    for (size_t i = 0; attributes[i]; i += 2) {
        const char *local = local_name(attributes[i]);
        if (local[1] != '\0')
            continue;
        if (local[0] == 'r')
            reference = attributes[i + 1];
        else if (local[0] == 't')
            type = attributes[i + 1];
        else if (local[0] == 's')
            style = attributes[i + 1];
    }
    long column = reference ? reference_column(reference) : -1;
    book->cell.column = column >= 0 ? (unsigned)column : book->next_column;
    book->next_column = book->cell.column + 1;
    book->cell.type = cell_type_of(type);
    book->cell.style = style ? (unsigned)strtoul(style, NULL, 10) : 0;
    book->value.length = 0;
    if (book->value.text)
        book->value.text[0] = '\0';
    book->cell.phonetic = 0;
}

static void sheet_start(void *context, const XML_Char *name, const XML_Char **attributes)
{
    xlsx_book *book = context;
    switch (sheet_element_of(name)) {
    case ELEMENT_ROW: {
        const char *number = attribute(attributes, "r");
        book->row_number = number ? strtoul(number, NULL, 10) : book->last_row + 1;
        book->last_row = book->row_number;
        book->cell_count = 0;
        book->row_text.length = 0;
        book->next_column = 0;
        break;
    }
    case ELEMENT_CELL:
        start_cell(book, attributes);
        break;
    case ELEMENT_VALUE:
        if (!book->cell.phonetic)
            book->cell.in_value = 1;
        break;
    case ELEMENT_PHONETIC:
        book->cell.phonetic = 1;
        break;
    case ELEMENT_OTHER:
        break;
    }
}

static void sheet_end(void *context, const XML_Char *name)
{
    xlsx_book *book = context;
    switch (sheet_element_of(name)) {
    case ELEMENT_VALUE:
        book->cell.in_value = 0;
        break;
    case ELEMENT_PHONETIC:
        book->cell.phonetic = 0;
        break;
    case ELEMENT_CELL:
        finish_cell(book);
        break;
    case ELEMENT_ROW:
        finish_row(book);
        break;
    case ELEMENT_OTHER:
        break;
    }
}

static void sheet_text(void *context, const XML_Char *text, int length)
{
    xlsx_book *book = context;
    if (book->cell.in_value && !text_append(&book->value, text, (size_t)length))
        out_of_memory(book);
}

/* ------------------------------------------------------------ the run */

/* Tell the sink the workbook cannot be used: at ROW, the message. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void trouble(xlsx_book *book, unsigned long row, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(book->message, sizeof book->message, format, arguments);
    va_end(arguments);
    book->sink->trouble(book->sink->context, row, book->message);
}

/* The workbook's parts that are not sheets; 0 when the workbook cannot be
 * read (reported). */
static int read_book_parts(xlsx_book *book)
{
    const char *why = NULL;
    int found = parse_part(book, "xl/workbook.xml", workbook_start, no_end, no_text, &why);
    if (found <= 0) {
        if (!book->failed)
            trouble(book, 1, "not an Excel workbook of %s: %s", book->sink->contents, found == 0 ?
                    "it has no xl/workbook.xml (save it from Excel or LibreOffice as .xlsx)" : why);
        return 0;
    }
    if (book->sheet_count == 0) {
        trouble(book, 1, "the workbook has no sheet");
        return 0;
    }
    if (parse_part(book, "xl/_rels/workbook.xml.rels", relations_start, no_end, no_text, &why) < 0 ||
        parse_part(book, "xl/sharedStrings.xml", strings_start, strings_end, strings_text, &why) < 0 ||
        parse_part(book, "xl/styles.xml", styles_start, styles_end, no_text, &why) < 0) {
        if (!book->failed)
            trouble(book, 1, "the workbook cannot be read: %s", why);
        return 0;
    }
    return 1;
}

/* Read one sheet whole to the sink, named FILE:SHEET; 1 when read to its
 * end or halted by the sink, 0 when it cannot be read (reported). */
static int read_sheet(xlsx_book *book, const sheet_entry *sheet)
{
    const char *why = NULL;
    snprintf(book->input_name, sizeof book->input_name, "%s:%s", book->name, sheet->name);
    book->sink->begin_sheet(book->sink->context, book->input_name);
    book->first_look = 0;
    book->last_row = 0;
    int found = parse_part(book, sheet->part, sheet_start, sheet_end, sheet_text, &why);
    if (found == 0) {
        trouble(book, 1, "the sheet's part %s is missing from the workbook", sheet->part);
        return 0;
    }
    if (found < 0 && !book->failed && !book->halted) {
        trouble(book, book->last_row ? book->last_row : 1, "the sheet cannot be read: %s", why);
        return 0;
    }
    return found > 0 || book->halted;
}

int xlsx_read_rows(FILE *input, const char *name, const xlsx_row_sink *sink)
{
    xlsx_book *book = calloc(1, sizeof *book);
    if (book == NULL)
        return -1;
    book->sink = sink;
    book->name = name;
    zlib_filefunc64_def functions = {zip_open, zip_read, NULL, zip_tell, zip_seek, zip_close, zip_error, input};
    book->zip = unzOpen2_64(name, &functions);
    if (book->zip == NULL) {
        trouble(book, 1, "not an Excel workbook: it cannot be opened as a zip archive (an .xlsx "
                         "file is one; standard input cannot be read as one: name the file)");
        free(book);
        return 0;
    }
    int result = 0;
    if (read_book_parts(book)) {
        /* the first sheet whose header row names the sheet wanted; else the first */
        const sheet_entry *chosen = NULL;
        for (unsigned i = 0; i < book->sheet_count && chosen == NULL && !book->failed; i++) {
            const char *why = NULL;
            book->first_look = 1;
            book->names_wanted = 0;
            book->last_row = 0;
            if (parse_part(book, book->sheets[i].part, sheet_start, sheet_end, sheet_text, &why) > 0 &&
                book->names_wanted)
                chosen = &book->sheets[i];
        }
        if (!book->failed)
            result = read_sheet(book, chosen ? chosen : &book->sheets[0]);
    }
    if (book->failed)
        result = -1;
    unzClose(book->zip);
    free(book->strings.text);
    free(book->string_offsets);
    free(book->style_kinds);
    free(book->value.text);
    free(book->row_text.text);
    free(book->cells);
    free(book->delivered);
    free(book);
    return result;
}
