/*
 * emit_c.c — the IR as C tables: <id>.h and <id>.c (see emit.h).
 *
 * The tables are the whole rubric as the grading library sees it, typed
 * with the library's own structs (runtime/rubric_model.h): a program linked
 * with them grades without reading JSON. The header declares one symbol,
 * rubric_<id>; everything in the source file but that symbol is static
 * const. The generated files are C99 and compile cleanly with gcc and clang
 * at -Wall -Wextra -Wpedantic -Werror, also from C++ (extern "C").
 *
 * Author text only ever appears inside string literals or character
 * constants, never in comments; comments hold ids, level codes and numbers,
 * which the checker restricts to ASCII letters, digits and hyphens (ir.h),
 * so no comment can be closed early. Strings are
 * written so that no compiler can read them another way: '?' is always
 * "\?" (no trigraph can form), bytes outside printable ASCII are three-digit
 * octal escapes (no escape swallows a following digit, and the bytes do not
 * depend on the compiler's source character set). C99 promises only 4095
 * characters per string literal (after concatenation), so a longer text is
 * written as a character array, once, and referred to by name.
 *
 * The source file is built in memory (open_memstream) so that those arrays,
 * found while the tables are written, can be put before them.
 */
#include "emit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The runtime header the generated files include. */
#define RUNTIME_HEADER "rubric.h"

/* The longest string literal C99 guarantees (5.2.4.1), in characters. */
#define C99_STRING_LITERAL_LIMIT 4095

/* The exported symbol is this followed by the rubric id (see emit.h). */
#define SYMBOL_PREFIX "rubric_table_"

/* How many columns of escaped text one line of a literal holds at most. */
#define LITERAL_WIDTH 68

/* Writing state of one source file. */
typedef struct c_writer {
    FILE *out;                   /* the tables being written */
    const char **long_texts;     /* texts written as arrays, by first use */
    size_t long_count;
    size_t long_capacity;
    bool failed;                 /* out of memory */
} c_writer;

/* The C identifier character for one id character: '-' becomes '_'. */
static char identifier_char(char c, bool upper)
{
    if (c == '-')
        return '_';
    return upper && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* An id as part of a C identifier (lower case) or macro name (upper case). */
static void put_identifier(FILE *out, const char *id, bool upper)
{
    for (const char *c = id; *c != '\0'; c++)
        fputc(identifier_char(*c, upper), out);
}

size_t emit_c_symbol(const char *rubric_id, char *buffer, size_t size)
{
    size_t length = 0;
    for (const char *c = SYMBOL_PREFIX; *c != '\0'; c++, length++)
        if (length + 1 < size)
            buffer[length] = *c;
    for (const char *c = rubric_id; *c != '\0'; c++, length++)
        if (length + 1 < size)
            buffer[length] = identifier_char(*c, false);
    if (size > 0)
        buffer[length < size ? length : size - 1] = '\0';
    return length;
}

static void put_symbol(FILE *out, const char *rubric_id)
{
    fputs(SYMBOL_PREFIX, out);
    put_identifier(out, rubric_id, false);
}

/* One byte of text as C source inside quotes: the escape rules above.
 * quote is the delimiter ('"' or '\''), which gets a backslash. Returns the
 * number of characters written to escaped (at most 4). */
static size_t escape_byte(unsigned char byte, char quote, char *escaped)
{
    switch (byte) {
    case '\n': memcpy(escaped, "\\n", 2); return 2;
    case '\t': memcpy(escaped, "\\t", 2); return 2;
    case '\\': memcpy(escaped, "\\\\", 2); return 2;
    case '?': memcpy(escaped, "\\?", 2); return 2;
    default: break;
    }
    if (byte == (unsigned char)quote) {
        escaped[0] = '\\';
        escaped[1] = quote;
        return 2;
    }
    if (byte >= 0x20 && byte < 0x7f) {
        escaped[0] = (char)byte;
        return 1;
    }
    escaped[0] = '\\';
    escaped[1] = (char)('0' + (byte >> 6));
    escaped[2] = (char)('0' + ((byte >> 3) & 7));
    escaped[3] = (char)('0' + (byte & 7));
    return 4;
}

static void put_indent(FILE *out, int indent)
{
    fprintf(out, "\n%*s", indent, "");
}

/* One piece of a string literal: on a new line but for the first. */
static void put_piece(FILE *out, const char *escaped, size_t length, bool first, int indent)
{
    if (out == NULL)
        return;
    if (!first)
        put_indent(out, indent);
    fprintf(out, "\"%.*s\"", (int)length, escaped);
}

/* A text of at most C99_STRING_LITERAL_LIMIT bytes as adjacent string
 * literals of at most LITERAL_WIDTH columns each, continued on new lines
 * indented by indent: a line ends after an escaped newline, else at the
 * last space that fits, never inside a UTF-8 character unless a word is
 * longer than a line. With out NULL, writes nothing. Returns the number of
 * pieces. */
static size_t put_string_literal(FILE *out, const char *text, int indent)
{
    /* Room for a full line and the rest of a UTF-8 character after it:
     * three continuation bytes of four columns each. */
    char line[LITERAL_WIDTH + 12];
    size_t used = 0;
    size_t after_space = 0;      /* where the line may break, 0: nowhere yet */
    size_t pieces = 0;
    const unsigned char *cursor = (const unsigned char *)text;
    while (*cursor != '\0') {
        char escaped[4];
        size_t width = escape_byte(*cursor, '"', escaped);
        bool continuation = (*cursor & 0xc0) == 0x80;
        if (used + width > LITERAL_WIDTH && (!continuation || used + width > sizeof line)) {
            /* Break at the last space when what follows it still fits. */
            bool at_space = after_space > 0 && used - after_space + width <= LITERAL_WIDTH;
            size_t cut = at_space ? after_space : used;
            put_piece(out, line, cut, pieces++ == 0, indent);
            memmove(line, line + cut, used - cut);
            used -= cut;
            after_space = 0;
        }
        memcpy(line + used, escaped, width);
        used += width;
        if (*cursor == ' ')
            after_space = used;
        cursor++;
        if (cursor[-1] == '\n' && *cursor != '\0') {
            put_piece(out, line, used, pieces++ == 0, indent);
            used = 0;
            after_space = 0;
        }
    }
    put_piece(out, line, used, pieces++ == 0, indent);
    return pieces;
}

/* A text too long for a string literal, as the initializer of a char
 * array: character constants, a line ending after a newline or when the
 * next constant would pass LITERAL_WIDTH columns, then the terminating 0. */
static void put_char_array_initializer(FILE *out, const char *text)
{
    static const char line_start[] = "\n   ";
    fprintf(out, "{%s", line_start);
    size_t column = 0;
    for (const unsigned char *cursor = (const unsigned char *)text; *cursor != '\0'; cursor++) {
        char escaped[4];
        size_t width = escape_byte(*cursor, '\'', escaped) + 4;  /* " 'x'," */
        if (column + width > LITERAL_WIDTH) {
            fputs(line_start, out);
            column = 0;
        }
        fprintf(out, " '%.*s',", (int)(width - 4), escaped);
        column += width;
        if (*cursor == '\n') {
            fputs(line_start, out);
            column = 0;
        }
    }
    fputs(" 0\n}", out);
}

/* The name of a long text's array: the index of its first use. */
static bool long_text_index(c_writer *writer, const char *text, size_t *index)
{
    for (size_t i = 0; i < writer->long_count; i++) {
        if (writer->long_texts[i] == text) {
            *index = i;
            return true;
        }
    }
    if (writer->long_count == writer->long_capacity) {
        size_t capacity = writer->long_capacity ? writer->long_capacity * 2 : 16;
        const char **bigger = realloc(writer->long_texts, capacity * sizeof *bigger);
        if (bigger == NULL)
            return false;
        writer->long_texts = bigger;
        writer->long_capacity = capacity;
    }
    *index = writer->long_count;
    writer->long_texts[writer->long_count++] = text;
    return true;
}

/* A string-valued expression: NULL, a string literal, or the name of the
 * array that holds a text longer than a literal may be. A literal of
 * several pieces is put in parentheses when it is a member of an array of
 * strings, where clang otherwise suspects a missing comma. */
static void put_text(c_writer *writer, const char *text, int indent, bool array_member)
{
    size_t index;
    if (text == NULL) {
        fputs("NULL", writer->out);
    } else if (strlen(text) <= C99_STRING_LITERAL_LIMIT) {
        bool parenthesize = array_member && put_string_literal(NULL, text, indent) > 1;
        if (parenthesize)
            fputc('(', writer->out);
        put_string_literal(writer->out, text, indent + parenthesize);
        if (parenthesize)
            fputc(')', writer->out);
    } else if (long_text_index(writer, text, &index)) {
        fprintf(writer->out, "long_text_%zu", index);
    } else {
        writer->failed = true;
    }
}

/* The enumeration constant of a method, as rubric_model.h names it. */
static const char *method_constant(rubric_method method)
{
    switch (method) {
    case RUBRIC_METHOD_WORST: return "RUBRIC_METHOD_WORST";
    case RUBRIC_METHOD_BEST: return "RUBRIC_METHOD_BEST";
    case RUBRIC_METHOD_MEDIAN: return "RUBRIC_METHOD_MEDIAN";
    case RUBRIC_METHOD_MOST_FREQUENT: return "RUBRIC_METHOD_MOST_FREQUENT";
    case RUBRIC_METHOD_MEAN: return "RUBRIC_METHOD_MEAN";
    }
    return "RUBRIC_METHOD_MEDIAN";
}

/* A struct member ".field = TEXT," on a line of its own. */
static void put_text_field(c_writer *writer, const char *field, const char *text)
{
    fprintf(writer->out, "        .%s = ", field);
    put_text(writer, text, 12, false);
    fputs(",\n", writer->out);
}

/* The opening of a table of strings (case types, theme ids) named
 * criterion_N_SUFFIX; written only when it has members, since C has no
 * empty arrays. */
static void open_string_table(c_writer *writer, size_t criterion, const char *suffix)
{
    fprintf(writer->out, "static const char *const criterion_%zu_%s[] = {\n", criterion, suffix);
}

/* One member of an array of strings, on a line of its own. */
static void put_string_member(c_writer *writer, const char *text)
{
    fputs("    ", writer->out);
    put_text(writer, text, 4, true);
    fputs(",\n", writer->out);
}

/* A criterion's member that points to its table criterion_N_FIELD, or NULL
 * when the table is empty (and so was not written). */
static void put_table_field(FILE *out, const char *field, size_t count, size_t criterion)
{
    if (count == 0)
        fprintf(out, "        .%s = NULL,\n", field);
    else
        fprintf(out, "        .%s = criterion_%zu_%s,\n", field, criterion, field);
}

static void put_levels(c_writer *writer, const ir_rubric *rubric)
{
    fputs("/* The grading scale, best first: a grade is an index into it. */\n"
          "static const rubric_level levels[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->level_count; i++) {
        fprintf(writer->out, "    { /* %zu */\n", i);
        put_text_field(writer, "code", rubric->levels[i].code);
        put_text_field(writer, "label", rubric->levels[i].label);
        fprintf(writer->out, "        .score = %d,\n", rubric->levels[i].has_score ? rubric->levels[i].score : 0);
        fprintf(writer->out, "        .anchor = %d,\n", rubric->levels[i].anchor ? 1 : 0);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* Reporting bands, answer sets and case types (format 2). */
static void put_bands(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->band_count == 0)
        return;
    fputs("/* Reporting bands: runs of levels, by index. */\n"
          "static const rubric_band bands[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->band_count; i++) {
        fputs("    {\n", writer->out);
        put_text_field(writer, "label", rubric->bands[i].label);
        fprintf(writer->out, "        .best_level = %zu,\n", rubric->bands[i].best_level);
        fprintf(writer->out, "        .worst_level = %zu,\n", rubric->bands[i].worst_level);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

static void put_answer_sets(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->answer_set_count == 0)
        return;
    for (size_t i = 0; i < rubric->answer_set_count; i++) {
        const ir_answer_set *set = &rubric->answer_sets[i];
        fprintf(writer->out, "/* answer set %zu: %s */\nstatic const rubric_answer answer_set_%zu[] = {\n",
                i, set->id, i);
        for (size_t a = 0; a < set->answer_count; a++) {
            fputs("    {\n", writer->out);
            put_text_field(writer, "code", set->answers[a].code);
            put_text_field(writer, "label", set->answers[a].label);
            fprintf(writer->out, "        .met = %d,\n", set->answers[a].met ? 1 : 0);
            fputs("    },\n", writer->out);
        }
        fputs("};\n\n", writer->out);
    }
    fputs("/* Answer sets of checklist sections. */\n"
          "static const rubric_answer_set answer_sets[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->answer_set_count; i++) {
        fputs("    {\n", writer->out);
        put_text_field(writer, "id", rubric->answer_sets[i].id);
        put_text_field(writer, "title", rubric->answer_sets[i].title);
        fprintf(writer->out, "        .answers = answer_set_%zu,\n", i);
        fprintf(writer->out, "        .answer_count = %zu,\n", rubric->answer_sets[i].answer_count);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

static void put_case_types(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->case_type_count == 0)
        return;
    fputs("/* The case types an audit names (\"case types:\"). */\n"
          "static const char *const case_types[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->case_type_count; i++)
        put_string_member(writer, rubric->case_types[i]);
    fputs("};\n\n", writer->out);
}

/* "facts:": a table of choices per choice fact, then the facts. */
static void put_facts(c_writer *writer, const ir_rubric *rubric)
{
    static const char *const type_constants[] = {"RUBRIC_FACT_TEXT", "RUBRIC_FACT_CHOICE", "RUBRIC_FACT_DATE",
                                                 "RUBRIC_FACT_NUMBER", "RUBRIC_FACT_YES_NO", "RUBRIC_FACT_DATES"};
    if (rubric->fact_count == 0)
        return;
    for (size_t i = 0; i < rubric->fact_count; i++) {
        const ir_fact *fact = &rubric->facts[i];
        if (fact->type != RUBRIC_FACT_CHOICE)
            continue;
        fprintf(writer->out, "static const char *const fact_%zu_choices[] = {\n", i);
        for (size_t choice = 0; choice < fact->choice_count; choice++)
            put_string_member(writer, fact->choices[choice]);
        fputs("};\n\n", writer->out);
    }
    fputs("/* The facts an audit carries about the case (\"facts:\"). */\n"
          "static const rubric_fact facts[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->fact_count; i++) {
        const ir_fact *fact = &rubric->facts[i];
        fputs("    {\n", writer->out);
        put_text_field(writer, "key", fact->key);
        put_text_field(writer, "name", fact->name);
        fprintf(writer->out, "        .type = %s,\n", type_constants[fact->type]);
        fprintf(writer->out, "        .required = %d,\n", fact->required ? 1 : 0);
        if (fact->type == RUBRIC_FACT_CHOICE)
            fprintf(writer->out, "        .choices = fact_%zu_choices,\n        .choice_count = %zu,\n", i,
                    fact->choice_count);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

static void put_glossary(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->glossary_count == 0)
        return;
    fputs("/* The glossary of abbreviations; meanings as flattened text. */\n"
          "static const rubric_glossary_entry glossary[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->glossary_count; i++) {
        fputs("    {\n", writer->out);
        put_text_field(writer, "abbreviation", rubric->glossary[i].abbreviation);
        put_text_field(writer, "meaning", rubric->glossary[i].meaning->text);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

static void put_themes(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->theme_count == 0)
        return;
    fputs("/* The themes criteria are tagged with. */\n"
          "static const rubric_theme themes[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->theme_count; i++) {
        fputs("    {\n", writer->out);
        put_text_field(writer, "id", rubric->themes[i].id);
        put_text_field(writer, "label", rubric->themes[i].label);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* The groups of criteria ("groups:"), when the rubric declares any. */
static void put_groups(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->group_count == 0)
        return;
    fputs("/* The groups of criteria, for conditions over them. */\n"
          "static const rubric_group groups[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->group_count; i++) {
        fputs("    {\n", writer->out);
        put_text_field(writer, "id", rubric->groups[i].id);
        put_text_field(writer, "title", rubric->groups[i].title);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* One "applies when:" as a static rubric_condition named NAME (with
 * NAME_values for its values); nothing when CONDITION is NULL. */
static void put_condition(c_writer *writer, const char *name, size_t index, const ir_condition *condition)
{
    static const char *const tests[] = {"RUBRIC_FACT_TEST_IS", "RUBRIC_FACT_TEST_IS_NOT", "RUBRIC_FACT_TEST_WITHIN"};
    static const char *const units[] = {"RUBRIC_UNIT_DAYS", "RUBRIC_UNIT_WORKING_DAYS", "RUBRIC_UNIT_MONTHS",
                                        "RUBRIC_UNIT_HOURS"};
    if (condition == NULL)
        return;
    if (condition->value_count > 0) {
        fprintf(writer->out, "static const char *const %s_%zu_when_values[] = {\n", name, index);
        for (size_t value = 0; value < condition->value_count; value++)
            put_string_member(writer, condition->values[value]);
        fputs("};\n", writer->out);
    }
    fprintf(writer->out, "static const rubric_condition %s_%zu_when = {\n", name, index);
    fprintf(writer->out, "    .fact = %zu,\n    .test = %s,\n", condition->fact, tests[condition->test]);
    if (condition->value_count > 0)
        fprintf(writer->out, "    .values = %s_%zu_when_values,\n    .value_count = %zu,\n", name, index,
                condition->value_count);
    if (condition->test == RUBRIC_FACT_TEST_WITHIN)
        fprintf(writer->out, "    .amount = %u,\n    .unit = %s,\n    .of_fact = %d,\n", condition->amount,
                units[condition->unit], condition->of_fact);
    fputs("};\n\n", writer->out);
}

/* The timescale of criterion INDEX as a static rubric_timescale. */
static void put_timescale(c_writer *writer, size_t index, const ir_timescale *timescale)
{
    static const char *const units[] = {"RUBRIC_UNIT_DAYS", "RUBRIC_UNIT_WORKING_DAYS", "RUBRIC_UNIT_MONTHS",
                                        "RUBRIC_UNIT_HOURS"};
    if (timescale == NULL)
        return;
    fprintf(writer->out, "static const rubric_timescale criterion_%zu_timescale = {\n"
                         "    .fact = %zu,\n    .from_fact = %zu,\n    .amount = %u,\n    .unit = %s,\n",
            index, timescale->fact, timescale->from_fact, timescale->amount, units[timescale->unit]);
    if (timescale->every)
        fprintf(writer->out, "    .every = 1,\n    .to_fact = %d,\n", timescale->to_fact);
    fputs("};\n\n", writer->out);
}

/* The conditions of the sections and criteria that have one, and the
 * criteria's timescales. */
static void put_conditions(c_writer *writer, const ir_rubric *rubric)
{
    for (size_t i = 0; i < rubric->criterion_count; i++)
        put_timescale(writer, i, rubric->criteria[i].timescale);
    for (size_t i = 0; i < rubric->section_count; i++)
        put_condition(writer, "section", i, rubric->sections[i].applies_when);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        put_condition(writer, "criterion", i, rubric->criteria[i].applies_when);
}

/* A target's initializer, when there is one: ".target = {...},". */
static void put_target(c_writer *writer, const ir_rubric *rubric, const ir_target *target, const char *indent)
{
    if (target != NULL)
        fprintf(writer->out, "%s.target = {.declared = 1, .percent = %u, .level = %zu}, /* %u%% %s or better */\n",
                indent, target->percent, target->level, target->percent, rubric->levels[target->level].code);
}

static void put_sections(c_writer *writer, const ir_rubric *rubric)
{
    fputs("/* The sections, in order; each one's criteria are\n"
          " * criteria[first_criterion .. first_criterion + criterion_count - 1]. */\n"
          "static const rubric_section sections[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->section_count; i++) {
        const ir_section *section = &rubric->sections[i];
        fprintf(writer->out, "    { /* %zu */\n", i);
        put_text_field(writer, "id", section->id);
        put_text_field(writer, "number", section->number);
        put_text_field(writer, "title", section->title);
        fprintf(writer->out, "        .method = %s,\n",
                method_constant(section->answer_set >= 0 ? RUBRIC_METHOD_WORST : section->method));
        fprintf(writer->out, "        .first_criterion = %zu,\n", section->first_criterion);
        fprintf(writer->out, "        .criterion_count = %zu,\n", section->criterion_count);
        fprintf(writer->out, "        .weight_hundredths = %u,\n", section->weight_hundredths);
        fprintf(writer->out, "        .answer_set = %d,\n", section->answer_set);
        fprintf(writer->out, "        .in_overall = %d,\n", section->in_overall ? 1 : 0);
        if (section->ties && section->answer_set < 0)
            fprintf(writer->out, "        .ties = %d, /* ties %s */\n", section->ties,
                    ir_ties_name((rubric_ties)(section->ties - 1)));
        if (section->applies_when != NULL)
            fprintf(writer->out, "        .applies_when = &section_%zu_when,\n", i);
        put_target(writer, rubric, section->target, "        ");
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* A criterion's tables: its case types, its theme ids and its effective
 * descriptor for every level, in scale order. */
static void put_criterion_tables(c_writer *writer, const ir_rubric *rubric, size_t index)
{
    const ir_criterion *criterion = &rubric->criteria[index];
    fprintf(writer->out, "/* criterion %zu: %s */\n", index, criterion->id);
    if (criterion->applies_to_count > 0) {
        open_string_table(writer, index, "applies_to");
        for (size_t i = 0; i < criterion->applies_to_count; i++)
            put_string_member(writer, criterion->applies_to[i]);
        fputs("};\n", writer->out);
    }
    if (criterion->theme_count > 0) {
        open_string_table(writer, index, "themes");
        for (size_t i = 0; i < criterion->theme_count; i++)
            put_string_member(writer, rubric->themes[criterion->themes[i]].id);
        fputs("};\n", writer->out);
    }
    if (criterion->group_count > 0) {
        fprintf(writer->out, "static const unsigned criterion_%zu_groups[] = {", index);
        for (size_t i = 0; i < criterion->group_count; i++)
            fprintf(writer->out, "%s%zu", i == 0 ? "" : ", ", criterion->groups[i]);
        fputs("};\n", writer->out);
    }
    open_string_table(writer, index, "descriptors");
    const ir_section *section = &rubric->sections[criterion->section];
    for (size_t level = 0; level < ir_descriptor_count(rubric, section); level++) {
        fprintf(writer->out, "    /* %s */\n", section->answer_set >= 0
                                                   ? rubric->answer_sets[section->answer_set].answers[level].code
                                                   : rubric->levels[level].code);
        const ir_prose *prose = criterion->effective[level].prose;
        put_string_member(writer, prose != NULL ? prose->text : NULL);
    }
    fputs("};\n\n", writer->out);
}

static void put_criteria(c_writer *writer, const ir_rubric *rubric)
{
    if (rubric->criterion_count == 0)
        return;
    for (size_t i = 0; i < rubric->criterion_count; i++)
        put_criterion_tables(writer, rubric, i);
    fputs("/* The criteria, section by section. */\n"
          "static const rubric_criterion criteria[] = {\n", writer->out);
    for (size_t i = 0; i < rubric->criterion_count; i++) {
        const ir_criterion *criterion = &rubric->criteria[i];
        fprintf(writer->out, "    { /* %zu */\n", i);
        put_text_field(writer, "id", criterion->id);
        put_text_field(writer, "title", criterion->title);
        fprintf(writer->out, "        .section = %zu,\n", criterion->section);
        put_table_field(writer->out, "applies_to", criterion->applies_to_count, i);
        fprintf(writer->out, "        .applies_to_count = %zu,\n", criterion->applies_to_count);
        put_table_field(writer->out, "themes", criterion->theme_count, i);
        fprintf(writer->out, "        .theme_count = %zu,\n", criterion->theme_count);
        fprintf(writer->out, "        .not_applicable_allowed = %d,\n",
                criterion->not_applicable_allowed ? 1 : 0);
        fprintf(writer->out, "        .descriptors = criterion_%zu_descriptors,\n", i);
        fprintf(writer->out, "        .weight_hundredths = %u,\n", criterion->weight_hundredths);
        if (criterion->applies_when != NULL)
            fprintf(writer->out, "        .applies_when = &criterion_%zu_when,\n", i);
        if (criterion->timescale != NULL)
            fprintf(writer->out, "        .timescale = &criterion_%zu_timescale,\n", i);
        if (criterion->key)
            fputs("        .key = 1,\n", writer->out);
        if (criterion->group_count > 0)
            fprintf(writer->out, "        .groups = criterion_%zu_groups,\n        .group_count = %zu,\n", i,
                    criterion->group_count);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* The enumeration constants of a condition's parts, as rubric_model.h
 * names them. */
static const char *subject_constant(rubric_subject subject)
{
    switch (subject) {
    case RUBRIC_SUBJECT_CRITERION: return "RUBRIC_SUBJECT_CRITERION";
    case RUBRIC_SUBJECT_SECTION: return "RUBRIC_SUBJECT_SECTION";
    case RUBRIC_SUBJECT_ANY_CRITERION: return "RUBRIC_SUBJECT_ANY_CRITERION";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION: return "RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION";
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION: return "RUBRIC_SUBJECT_ANY_KEY_CRITERION";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP: return "RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP";
    case RUBRIC_SUBJECT_TIMESCALE: return "RUBRIC_SUBJECT_TIMESCALE";
    }
    return "RUBRIC_SUBJECT_CRITERION";
}

static const char *test_constant(rubric_test test)
{
    switch (test) {
    case RUBRIC_TEST_IS: return "RUBRIC_TEST_IS";
    case RUBRIC_TEST_OR_WORSE: return "RUBRIC_TEST_OR_WORSE";
    case RUBRIC_TEST_OR_BETTER: return "RUBRIC_TEST_OR_BETTER";
    case RUBRIC_TEST_IN_BAND: return "RUBRIC_TEST_IN_BAND";
    case RUBRIC_TEST_GRADED: return "RUBRIC_TEST_GRADED";
    case RUBRIC_TEST_NOT_APPLICABLE: return "RUBRIC_TEST_NOT_APPLICABLE";
    case RUBRIC_TEST_MET: return "RUBRIC_TEST_MET";
    case RUBRIC_TEST_NOT_MET: return "RUBRIC_TEST_NOT_MET";
    }
    return "RUBRIC_TEST_IS";
}

static const char *count_rule_constant(rubric_count_rule rule)
{
    switch (rule) {
    case RUBRIC_COUNT_NONE: return "RUBRIC_COUNT_NONE";
    case RUBRIC_COUNT_AT_LEAST: return "RUBRIC_COUNT_AT_LEAST";
    case RUBRIC_COUNT_MORE_THAN: return "RUBRIC_COUNT_MORE_THAN";
    case RUBRIC_COUNT_FEWER_THAN: return "RUBRIC_COUNT_FEWER_THAN";
    case RUBRIC_COUNT_AT_MOST: return "RUBRIC_COUNT_AT_MOST";
    }
    return "RUBRIC_COUNT_NONE";
}

static const char *rounding_constant(rubric_rounding rounding)
{
    switch (rounding) {
    case RUBRIC_ROUND_NEAREST_HALF_DOWN: return "RUBRIC_ROUND_NEAREST_HALF_DOWN";
    case RUBRIC_ROUND_NEAREST_HALF_UP: return "RUBRIC_ROUND_NEAREST_HALF_UP";
    case RUBRIC_ROUND_DOWN: return "RUBRIC_ROUND_DOWN";
    }
    return "RUBRIC_ROUND_NEAREST_HALF_DOWN";
}

/* The comment over a limit: what it caps and by what. */
static void put_limit_comment(FILE *out, const ir_rubric *rubric, const ir_limit *limit)
{
    const char *capped = limit->scope == RUBRIC_SCOPE_SECTION ? rubric->sections[limit->section].id : "overall";
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION) {
        const char *subject = "";
        if (limit->subject == RUBRIC_SUBJECT_CRITERION || limit->subject == RUBRIC_SUBJECT_TIMESCALE)
            subject = rubric->criteria[limit->subject_index].id;
        else if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP)
            subject = rubric->groups[limit->subject_index].id;
        else if (limit->subject != RUBRIC_SUBJECT_ANY_CRITERION && limit->subject != RUBRIC_SUBJECT_ANY_KEY_CRITERION)
            subject = rubric->sections[limit->subject_index].id;
        char count[48] = "";
        if (limit->count_rule != RUBRIC_COUNT_NONE)
            snprintf(count, sizeof count, "%s %zu of ", ir_count_rule_name(limit->count_rule), limit->count);
        bool not_graded = limit->effect == RUBRIC_LIMIT_NOT_GRADED;
        fprintf(out, "    { /* %s %s%s%s when %s%s %s %s */\n", capped, ir_effect_name(limit->effect),
                not_graded ? "" : " ", not_graded ? "" : rubric->levels[limit->level].code,
                count, ir_subject_name(limit->subject), subject, ir_test_name(limit->test));
        return;
    }
    bool by_criterion = limit->kind == RUBRIC_LIMIT_BY_CRITERION;
    fprintf(out, "    { /* %s no better than %s %s */\n", capped, by_criterion ? "criterion" : "section",
            by_criterion ? rubric->criteria[limit->index].id : rubric->sections[limit->index].id);
}

static void put_limits(c_writer *writer, const ir_rubric *rubric)
{
    const ir_grading *grading = &rubric->grading;
    if (grading->limit_count == 0)
        return;
    fputs("/* Limits: a grade no better than a criterion's or a section's, or\n"
          " * a stated level when a condition holds. */\n"
          "static const rubric_limit limits[] = {\n", writer->out);
    for (size_t i = 0; i < grading->limit_count; i++) {
        const ir_limit *limit = &grading->limits[i];
        bool section_scope = limit->scope == RUBRIC_SCOPE_SECTION;
        bool condition = limit->kind == RUBRIC_LIMIT_BY_CONDITION;
        put_limit_comment(writer->out, rubric, limit);
        fprintf(writer->out, "        .scope = %s,\n",
                section_scope ? "RUBRIC_SCOPE_SECTION" : "RUBRIC_SCOPE_OVERALL");
        fprintf(writer->out, "        .section = %zu,\n", section_scope ? limit->section : 0);
        fprintf(writer->out, "        .kind = %s,\n",
                condition ? "RUBRIC_LIMIT_BY_CONDITION"
                : limit->kind == RUBRIC_LIMIT_BY_CRITERION ? "RUBRIC_LIMIT_BY_CRITERION" : "RUBRIC_LIMIT_BY_SECTION");
        fprintf(writer->out, "        .index = %zu,\n", condition ? 0 : limit->index);
        fprintf(writer->out, "        .effect = %s,\n",
                limit->effect == RUBRIC_LIMIT_IS           ? "RUBRIC_LIMIT_IS"
                : limit->effect == RUBRIC_LIMIT_NOT_GRADED ? "RUBRIC_LIMIT_NOT_GRADED"
                                                           : "RUBRIC_LIMIT_NO_BETTER_THAN");
        fprintf(writer->out, "        .level = %d,\n",
                condition && limit->effect != RUBRIC_LIMIT_NOT_GRADED ? (int)limit->level : -1);
        fprintf(writer->out, "        .subject = %s,\n", subject_constant(limit->subject));
        bool indexed = limit->subject != RUBRIC_SUBJECT_ANY_CRITERION && limit->subject != RUBRIC_SUBJECT_ANY_KEY_CRITERION;
        fprintf(writer->out, "        .subject_index = %d,\n", condition && indexed ? (int)limit->subject_index : -1);
        fprintf(writer->out, "        .test = %s,\n", test_constant(limit->test));
        fprintf(writer->out, "        .value = %d,\n", condition ? (int)limit->value : 0);
        if (condition && limit->count_rule != RUBRIC_COUNT_NONE)
            fprintf(writer->out, "        .count_rule = %s,\n        .count = %zu,\n",
                    count_rule_constant(limit->count_rule), limit->count);
        fputs("    },\n", writer->out);
    }
    fputs("};\n\n", writer->out);
}

/* The exported model: the rubric's header, its tables and its rules. */
static void put_model(c_writer *writer, const ir_rubric *rubric)
{
    FILE *out = writer->out;
    const ir_grading *grading = &rubric->grading;
    bool count_as = grading->not_applicable == RUBRIC_NA_COUNT_AS;
    fputs("/* The rubric. */\nconst rubric_model ", out);
    put_symbol(out, rubric->id);
    fputs(" = {\n", out);
    fprintf(out, "    .format_version = %d,\n", IR_FORMAT_VERSION);
    fputs("    .id = ", out);
    put_text(writer, rubric->id, 8, false);
    fputs(",\n    .title = ", out);
    put_text(writer, rubric->title, 8, false);
    fputs(",\n    .authority = ", out);
    put_text(writer, rubric->authority, 8, false);
    fputs(",\n    .version = ", out);
    put_text(writer, rubric->version, 8, false);
    fputs(",\n    .effective = ", out);
    put_text(writer, rubric->effective, 8, false);
    fprintf(out, ",\n    .levels = levels,\n    .level_count = %zu,\n", rubric->level_count);
    fprintf(out, "    .sections = sections,\n    .section_count = %zu,\n", rubric->section_count);
    fprintf(out, "    .criteria = %s,\n    .criterion_count = %zu,\n",
            rubric->criterion_count ? "criteria" : "NULL", rubric->criterion_count);
    fprintf(out, "    .glossary = %s,\n    .glossary_count = %zu,\n",
            rubric->glossary_count ? "glossary" : "NULL", rubric->glossary_count);
    fprintf(out, "    .themes = %s,\n    .theme_count = %zu,\n",
            rubric->theme_count ? "themes" : "NULL", rubric->theme_count);
    fputs("    .rules = {\n", out);
    fprintf(out, "        .overall_method = %s,\n", method_constant(grading->overall_method));
    fprintf(out, "        .overall_basis = %s,\n", grading->overall_basis == RUBRIC_BASIS_CRITERIA
                                                       ? "RUBRIC_BASIS_CRITERIA"
                                                       : "RUBRIC_BASIS_SECTIONS");
    fprintf(out, "        .ties = %s,\n",
            grading->ties == RUBRIC_TIES_HIGHER ? "RUBRIC_TIES_HIGHER" : "RUBRIC_TIES_LOWER");
    fprintf(out, "        .not_applicable = %s,\n",
            count_as ? "RUBRIC_NA_COUNT_AS" : "RUBRIC_NA_LEAVE_OUT");
    fprintf(out, "        .not_applicable_level = %zu, /* %s */\n",
            count_as ? grading->not_applicable_level : 0,
            count_as ? rubric->levels[grading->not_applicable_level].code : "unused");
    fprintf(out, "        .good_or_better = %zu, /* %s */\n", grading->good_or_better,
            rubric->levels[grading->good_or_better].code);
    fprintf(out, "        .limits = %s,\n        .limit_count = %zu,\n",
            grading->limit_count ? "limits" : "NULL", grading->limit_count);
    fprintf(out, "        .rounding = %s,\n", rounding_constant(grading->rounding));
    if (grading->overall_ties)
        fprintf(out, "        .overall_ties = %d, /* ties %s */\n", grading->overall_ties,
                ir_ties_name((rubric_ties)(grading->overall_ties - 1)));
    if (grading->unrounded_sections)
        fputs("        .unrounded_sections = 1, /* mean of sections, unrounded */\n", out);
    fputs("    },\n", out);
    fprintf(out, "    .scores = %d,\n", rubric->scores ? 1 : 0);
    fprintf(out, "    .bands = %s,\n    .band_count = %zu,\n",
            rubric->band_count ? "bands" : "NULL", rubric->band_count);
    fprintf(out, "    .answer_sets = %s,\n    .answer_set_count = %zu,\n",
            rubric->answer_set_count ? "answer_sets" : "NULL", rubric->answer_set_count);
    fprintf(out, "    .case_types = %s,\n    .case_type_count = %zu,\n",
            rubric->case_type_count ? "case_types" : "NULL", rubric->case_type_count);
    if (rubric->fact_count)
        fprintf(out, "    .facts = facts,\n    .fact_count = %zu,\n", rubric->fact_count);
    if (rubric->group_count)
        fprintf(out, "    .groups = groups,\n    .group_count = %zu,\n", rubric->group_count);
    put_target(writer, rubric, rubric->target, "    ");
    fputs("};\n", out);
}

/* The opening comment of a generated file: what it is, which rubric, and
 * that it is generated. */
static void put_banner(FILE *out, const ir_rubric *rubric, const char *extension,
                       const char *what)
{
    fprintf(out, "/*\n * %s.%s\n * %s\n *\n * Rubric: %s\n", rubric->id, extension, what,
            rubric->id);
    fputs(" * Generated by rubricc --emit c from the rubric's source: do not edit;\n"
          " * change the rubric and compile it again. The tables hold the whole\n"
          " * rubric (scale, sections, criteria with their effective descriptors,\n"
          " * tags, grading rules) in the grading library's own types\n"
          " * (" RUNTIME_HEADER "), so a program linked with them grades without\n"
          " * reading the rubric's JSON.\n"
          " */\n", out);
}

int emit_c_header(const ir_rubric *rubric, FILE *out)
{
    put_banner(out, rubric, "h", "Declares the rubric's C tables.");
    fputs("#ifndef RUBRIC_TABLES_", out);
    put_identifier(out, rubric->id, true);
    fputs("_H\n#define RUBRIC_TABLES_", out);
    put_identifier(out, rubric->id, true);
    fputs("_H\n\n#include \"" RUNTIME_HEADER "\"\n\n"
          "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n", out);
    fprintf(out, "/* The rubric, defined in %s.c. */\nextern const rubric_model ", rubric->id);
    put_symbol(out, rubric->id);
    fputs(";\n\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n", out);
    return ferror(out) ? -1 : 0;
}

/* The arrays that hold texts longer than a string literal may be. */
static void put_long_texts(const c_writer *writer, FILE *out)
{
    if (writer->long_count == 0)
        return;
    fprintf(out, "/* Texts longer than the %d characters C99 promises for a string\n"
                 " * literal, as character arrays. */\n", C99_STRING_LITERAL_LIMIT);
    for (size_t i = 0; i < writer->long_count; i++) {
        fprintf(out, "static const char long_text_%zu[] = ", i);
        put_char_array_initializer(out, writer->long_texts[i]);
        fputs(";\n\n", out);
    }
}

int emit_c_source(const ir_rubric *rubric, FILE *out)
{
    char *tables = NULL;
    size_t tables_size = 0;
    c_writer writer = {0};
    writer.out = open_memstream(&tables, &tables_size);
    if (writer.out == NULL)
        return -1;
    put_levels(&writer, rubric);
    put_bands(&writer, rubric);
    put_answer_sets(&writer, rubric);
    put_case_types(&writer, rubric);
    put_facts(&writer, rubric);
    put_conditions(&writer, rubric);
    put_glossary(&writer, rubric);
    put_themes(&writer, rubric);
    put_groups(&writer, rubric);
    put_sections(&writer, rubric);
    put_criteria(&writer, rubric);
    put_limits(&writer, rubric);
    put_model(&writer, rubric);
    bool failed = ferror(writer.out) != 0;
    if (fclose(writer.out) != 0)
        failed = true;
    if (!failed && !writer.failed) {
        put_banner(out, rubric, "c", "The rubric's C tables.");
        fprintf(out, "#include <stddef.h>\n\n#include \"%s.h\"\n\n", rubric->id);
        put_long_texts(&writer, out);
        fwrite(tables, 1, tables_size, out);
    }
    free(tables);
    free(writer.long_texts);
    return failed || writer.failed || ferror(out) ? -1 : 0;
}
