/*
 * parser.y — the rubric language's grammar.
 *
 * The scanner (lexer.l) turns each line into an entry: a name token, its
 * value (PROSE, or ITEMs separated by commas) and EOL. This grammar gives
 * the entries their structure:
 *
 *   a rubric   is header entries, blocks (scale, glossary, themes,
 *              grading) and sections, in any order;
 *   a section  is its heading, its own entries (id, scope, title
 *              supplied, applies to …),
 *              then "every criterion:" blocks and criteria;
 *   a criterion is its heading and its entries (level descriptors,
 *              applies to, applies when, timescale, themes, same as);
 *   a facts block is "facts:" and one entry per fact, NAME: TYPE.
 *
 * Actions are one line each and call the tree constructors in ast.c.
 * Error recovery resynchronises at the end of the line (EOL), inside the
 * block, section or criterion the line is in (so the lines after it keep
 * their place), and a heading that cannot be read becomes a stand-in
 * (ast_section_broken, ast_criterion_broken) that keeps its entries from
 * raising further errors; so one run reports every independent mistake.
 * A line whose mistake the scanner has already reported (a misspelt
 * keyword, a look-alike character) is not reported again. No %destructor is needed: every
 * semantic value lives in the compilation's arena (arena.h), freed as a
 * whole, also when parsing fails.
 */

/* A reentrant parser: no globals, the context is passed in. */
%define api.pure full
/* Tokens carry source spans (byte offsets; see source.h). */
%locations
%define api.location.type {source_span}
/* Messages written by hand, in the author's words (yyreport_syntax_error). */
%define parse.error custom
/* Token names prefixed, so they cannot clash with our C names. */
%define api.token.prefix {TOK_}
/* Semantic values as a union named after the symbols. */
%define api.value.type union
/* LAC: the default reductions would hide the expected tokens from messages. */
%define parse.lac full
/* One context for the lexer and the parser (frontend.h). */
%param {parse_context *context}
/* The grammar has no conflicts; bison fails the build if one appears. */
%expect 0

%code requires {
#include "ast_build.h"
#include "frontend.h"

/* Spans: a rule covers its first to its last symbol (same file). */
#define YYLLOC_DEFAULT(Current, Rhs, N)                                   \
    do {                                                                  \
        if (N) {                                                          \
            (Current).file = YYRHSLOC(Rhs, 1).file;                       \
            (Current).begin = YYRHSLOC(Rhs, 1).begin;                     \
            (Current).end = YYRHSLOC(Rhs, N).file == YYRHSLOC(Rhs, 1).file \
                ? YYRHSLOC(Rhs, N).end : YYRHSLOC(Rhs, 1).end;            \
        } else {                                                          \
            (Current).file = YYRHSLOC(Rhs, 0).file;                       \
            (Current).begin = (Current).end = YYRHSLOC(Rhs, 0).end;       \
        }                                                                 \
    } while (0)
}

%code provides {
int lexer_scan(YYSTYPE *value, YYLTYPE *location, void *scanner);
int lexer_open(parse_context *context, int main_file);
void lexer_close(parse_context *context);
}

%code {
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keywords.h"
#include "suggest.h"

static int yylex(YYSTYPE *value, YYLTYPE *location, parse_context *context)
{
    return lexer_scan(value, location, context->scanner);
}

static void yyerror(const YYLTYPE *location, parse_context *context, const char *message)
{
    diagnostic_error(context->report, *location, "%s", message);
}
}

%token RUBRIC "'rubric:'"
%token TITLE "'title:'"
%token AUTHORITY "'authority:'"
%token VERSION "'version:'"
%token EFFECTIVE "'effective:'"
%token KEY_FACTORS "'key factors:'"
%token SCALE "'scale:'"
%token GLOSSARY "'glossary:'"
%token THEMES_BLOCK "'themes:' (a list of themes)"
%token THEMES "'themes:'"
%token GROUPS_BLOCK "'groups:' (a list of groups)"
%token GROUPS "'groups:'"
%token KEY "'key:'"
%token GRADING "'grading:'"
%token SECTION "'section'"
%token CRITERION "'criterion'"
%token ID "'id:'"
%token OUT_OF_SEQUENCE "'out of sequence:'"
%token APPLIES_TO "'applies to:'"
%token SCOPE "'scope:'"
%token TITLE_SUPPLIED "'title supplied:'"
%token EVERY_CRITERION "'every criterion:'"
%token SAME_AS "'same as:'"
%token BANDS "'bands:'"
%token CASE_TYPES "'case types:'"
%token ANSWERS "'answers:'"
%token ANSWER_SET "'answers' (an answer set)"
%token WEIGHT "'weight:'"
%token IN_OVERALL "'in overall:'"
%token FACTS "'facts:'"
%token <char *> FACT_NAME "a fact (like 'team: choice of …')"
%token APPLIES_WHEN "'applies when:'"
%token TIMESCALE "'timescale:'"
%token RUBRIC_TARGET "'target:' (the overall target)"
%token TARGET "'target:'"
%token <char *> RULE "a grading rule (like 'ties:')"
%token <char *> LABEL "a labelled entry (like 'O:')"
%token <ast_prose *> PROSE "text"
%token <char *> ITEM "a value"
%token COMMA "','"
%token COLON "':'"
%token EOL "the end of the line"
%token INVALID "a line that is not an entry"

/* A section, a criterion or a block (scale, glossary, themes, grading)
 * stays open as long as what follows can belong to it: after an error
 * inside it, recovery happens there (the error token is shifted), and a
 * 'criterion' line joins the open section rather than standing alone.
 * These precedences say so, instead of %expect. */
%precedence CLOSE_SECTION
%precedence error CRITERION

%nterm <ast_items *> items
%nterm <ast_entry_list> entries
%nterm <ast_prose *> heading_title
%nterm <ast_section *> section section_head section_with_blocks
%nterm <ast_criterion *> criterion criterion_head

%%

rubric_file:
    %empty
  | rubric_file top_entry
  ;

top_entry:
    RUBRIC items EOL                 { ast_set_rubric_id(context, $2, @1); }
  | RUBRIC error EOL                 { yyerrok; ast_set_rubric_id(context, ast_items_new(context, "unnamed", @1), @1); }
  | TITLE PROSE EOL                  { ast_set_header(context, AST_HEADER_TITLE, $2, @1); }
  | AUTHORITY PROSE EOL              { ast_set_header(context, AST_HEADER_AUTHORITY, $2, @1); }
  | VERSION PROSE EOL                { ast_set_header(context, AST_HEADER_VERSION, $2, @1); }
  | EFFECTIVE PROSE EOL              { ast_set_header(context, AST_HEADER_EFFECTIVE, $2, @1); }
  | KEY_FACTORS PROSE EOL            { ast_set_header(context, AST_HEADER_KEY_FACTORS, $2, @1); }
  | SCALE EOL entries %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_SCALE, @1, $3); }
  | SCALE items EOL entries %prec CLOSE_SECTION { ast_set_scale_kind(context, $2); ast_open_block(context, AST_BLOCK_SCALE, @1, $4); }
  | BANDS EOL entries %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_BANDS, @1, $3); }
  | CASE_TYPES items EOL             { ast_set_case_types(context, $2, @1); }
  | RUBRIC_TARGET items EOL          { ast_set_target(context, $2, @1); }
  | ANSWER_SET ITEM heading_title EOL entries %prec CLOSE_SECTION { ast_add_answer_set(context, $2, @2, $3, @1, $5); }
  | GLOSSARY EOL entries %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_GLOSSARY, @1, $3); }
  | THEMES_BLOCK EOL entries %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_THEMES, @1, $3); }
  | GROUPS_BLOCK EOL entries %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_GROUPS, @1, $3); }
  | GRADING EOL rules %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_GRADING, @1, (ast_entry_list){0}); }
  | FACTS EOL facts %prec CLOSE_SECTION { ast_open_block(context, AST_BLOCK_FACTS, @1, (ast_entry_list){0}); }
  | section_with_blocks %prec CLOSE_SECTION { ast_add_section(context, $1); }
  | criterion %prec CLOSE_SECTION    { ast_orphan_criterion(context, $1); }
  | error EOL                        { yyerrok; }
  ;

entries:
    %empty                           { $$ = (ast_entry_list){0}; }
  | entries LABEL PROSE EOL          { $$ = ast_entries_append(context, $1, $2, $3, @2); }
  | entries error EOL                { yyerrok; $$ = $1; }
  ;

rules:
    %empty
  | rules RULE items EOL             { ast_add_rule(context, $2, $3, @2); }
  | rules error EOL                  { yyerrok; }
  ;

facts:
    %empty
  | facts FACT_NAME items EOL        { ast_add_fact(context, $2, $3, @2); }
  | facts FACT_NAME EOL              { ast_add_fact(context, $2, NULL, @2); }
  | facts error EOL                  { yyerrok; }
  ;

items:
    ITEM                             { $$ = ast_items_new(context, $1, @1); }
  | items COMMA ITEM                 { $$ = ast_items_append(context, $1, $3, @3); }
  ;

heading_title:
    %empty                           { $$ = NULL; }
  | COLON PROSE                      { $$ = $2; }
  ;

section_head:
    SECTION ITEM heading_title EOL   { $$ = ast_section_new(context, $2, @2, $3, @1); }
  | SECTION error EOL                { yyerrok; $$ = ast_section_broken(context, @1); }
  ;

section:
    section_head
  | section ID items EOL             { ast_section_set_items(context, $1, "id:", &$1->id, $3, @2); $$ = $1; }
  | section APPLIES_TO items EOL     { ast_section_set_items(context, $1, "applies to:", &$1->applies_to, $3, @2); $$ = $1; }
  | section THEMES items EOL         { ast_section_set_items(context, $1, "themes:", &$1->themes, $3, @2); $$ = $1; }
  | section SCOPE PROSE EOL          { ast_section_set_prose(context, $1, "scope:", &$1->scope, $3, @2); $$ = $1; }
  | section OUT_OF_SEQUENCE PROSE EOL { ast_section_set_prose(context, $1, "out of sequence:", &$1->out_of_sequence, $3, @2); $$ = $1; }
  | section TITLE_SUPPLIED PROSE EOL  { ast_section_set_title_supplied(context, $1, $3, @2); $$ = $1; }
  | section ANSWERS items EOL        { ast_section_set_items(context, $1, "answers:", &$1->answers, $3, @2); $$ = $1; }
  | section WEIGHT items EOL         { ast_section_set_items(context, $1, "weight:", &$1->weight, $3, @2); $$ = $1; }
  | section IN_OVERALL items EOL     { ast_section_set_items(context, $1, "in overall:", &$1->in_overall, $3, @2); $$ = $1; }
  | section APPLIES_WHEN items EOL   { ast_section_set_items(context, $1, "applies when:", &$1->applies_when, $3, @2); $$ = $1; }
  | section TARGET items EOL         { ast_section_set_items(context, $1, "target:", &$1->target, $3, @2); $$ = $1; }
  | section error EOL                { yyerrok; $$ = $1; }
  ;

section_with_blocks:
    section %prec CLOSE_SECTION
  | section_with_blocks EVERY_CRITERION EOL entries %prec CLOSE_SECTION { ast_section_every_criterion(context, $1, $4, @2); $$ = $1; }
  | section_with_blocks criterion %prec CLOSE_SECTION { ast_section_add_criterion(context, $1, $2); $$ = $1; }
  ;

criterion_head:
    CRITERION ITEM heading_title EOL { $$ = ast_criterion_new(context, $2, @2, $3, @1); }
  | CRITERION error EOL              { yyerrok; $$ = ast_criterion_broken(context, @1); }
  ;

criterion:
    criterion_head
  | criterion LABEL PROSE EOL        { $1->levels = ast_entries_append(context, $1->levels, $2, $3, @2); $$ = $1; }
  | criterion APPLIES_TO items EOL   { ast_criterion_set_items(context, $1, "applies to:", &$1->applies_to, $3, @2); $$ = $1; }
  | criterion THEMES items EOL       { ast_criterion_set_items(context, $1, "themes:", &$1->themes, $3, @2); $$ = $1; }
  | criterion SAME_AS items EOL      { ast_criterion_set_items(context, $1, "same as:", &$1->same_as, $3, @2); $$ = $1; }
  | criterion WEIGHT items EOL       { ast_criterion_set_items(context, $1, "weight:", &$1->weight, $3, @2); $$ = $1; }
  | criterion APPLIES_WHEN items EOL { ast_criterion_set_items(context, $1, "applies when:", &$1->applies_when, $3, @2); $$ = $1; }
  | criterion TIMESCALE items EOL    { ast_criterion_set_items(context, $1, "timescale:", &$1->timescale, $3, @2); $$ = $1; }
  | criterion GROUPS items EOL       { ast_criterion_set_items(context, $1, "groups:", &$1->groups, $3, @2); $$ = $1; }
  | criterion KEY items EOL          { ast_criterion_set_items(context, $1, "key:", &$1->key, $3, @2); $$ = $1; }
  | criterion error EOL              { yyerrok; $$ = ast_criterion_damaged(context, $1); }
  ;

%%

/* What a person would call each token, for "expected …" lists. */
static const char *parser_token_description(yysymbol_kind_t symbol)
{
    return yysymbol_name(symbol);
}

/* A hint for the mistakes authors make most, by the token that surprised
 * the parser. */
static const char *parser_hint(yysymbol_kind_t unexpected)
{
    switch (unexpected) {
    case YYSYMBOL_INVALID:
        return "every line is an entry ('name: value') or the continuation of a value, "
               "indented further than the name it belongs to";
    case YYSYMBOL_LABEL:
        return "a level descriptor belongs under a 'criterion' or an 'every criterion:' line; "
               "other labelled entries under 'scale:', 'glossary:' or 'themes:'";
    case YYSYMBOL_ID:
    case YYSYMBOL_ANSWERS:
    case YYSYMBOL_IN_OVERALL:
    case YYSYMBOL_SCOPE:
    case YYSYMBOL_OUT_OF_SEQUENCE:
    case YYSYMBOL_TITLE_SUPPLIED:
        return "a section's own entries come straight after its 'section' line, before "
               "'every criterion:' and its criteria";
    case YYSYMBOL_SAME_AS:
        return "'same as:' belongs to a criterion";
    case YYSYMBOL_GROUPS:
    case YYSYMBOL_KEY:
        return "'groups:' and 'key:' belong to a criterion, straight after its heading; the groups "
               "themselves are declared in a 'groups:' block of their own";
    case YYSYMBOL_WEIGHT:
        return "'weight:' belongs to a section or a criterion, straight after its heading";
    case YYSYMBOL_TIMESCALE:
        return "'timescale:' belongs to a criterion, straight after its heading";
    case YYSYMBOL_TARGET:
        return "'target:' belongs to a section, straight after its heading, or to the rubric, "
               "written at the start of a line";
    case YYSYMBOL_APPLIES_WHEN:
        return "'applies when:' belongs to a section or a criterion, straight after its heading";
    case YYSYMBOL_FACT_NAME:
        return "a fact belongs under 'facts:', indented further than it";
    case YYSYMBOL_FACTS:
    case YYSYMBOL_CASE_TYPES:
    case YYSYMBOL_BANDS:
    case YYSYMBOL_ANSWER_SET:
        return "'case types:', 'bands:' and answer sets belong to the rubric, not to a section: "
               "write them before the first section";
    case YYSYMBOL_RULE:
        return "grading rules belong under 'grading:'";
    case YYSYMBOL_CRITERION:
    case YYSYMBOL_EVERY_CRITERION:
        return "criteria belong to a section: start one with a line like 'section 1: Title'";
    case YYSYMBOL_EOL:
        return "this entry needs a value after its name";
    default:
        return NULL;
    }
}

/* The source text of a token (its first line, at most 40 bytes), for
 * "'…' is not expected here". */
static void parser_token_text(parse_context *context, const source_span *where, char *text,
                              size_t size)
{
    text[0] = '\0';
    if (where->file < 0 || (size_t)where->file >= context->sources->count)
        return;
    const source_file *file = &context->sources->files[where->file];
    size_t length = where->end > where->begin ? where->end - where->begin : 0;
    const char *start = file->text + where->begin;
    const char *newline = memchr(start, '\n', length);
    if (newline != NULL)
        length = (size_t)(newline - start);
    if (length > 40) {
        length = 40;
        while (length > 0 && ((unsigned char)start[length] & 0xC0) == 0x80)
            length--;   /* not in the middle of a character */
        snprintf(text, size, "%.*s…", (int)length, start);
        return;
    }
    snprintf(text, size, "%.*s", (int)length, start);
}

/* For a labelled entry where none is expected: the keyword it is
 * probably meant to be ("scal:" for "scale:", "section:" without its
 * number), as advice written into advice[size], or NULL. */
static const char *parser_label_keyword(parse_context *context, const source_span *where,
                                        char *advice, size_t size)
{
    char text[64];
    parser_token_text(context, where, text, sizeof text);
    char *colon = strchr(text, ':');
    if (colon == NULL)
        return NULL;
    while (colon > text && colon[-1] == ' ')
        colon--;
    *colon = '\0';
    static const char *const headings[] = {"section", "criterion", NULL};
    for (size_t i = 0; headings[i] != NULL; i++) {
        if (strcasecmp(text, headings[i]) == 0) {
            snprintf(advice, size, "'%s' needs %s before the colon, like '%s'", headings[i],
                     i == 0 ? "its number" : "the criterion's id",
                     i == 0 ? "section 1: Referral and response" : "criterion referral-quality: Quality");
            return advice;
        }
    }
    const char *guess = keyword_guess(text);
    if (guess != NULL) {
        snprintf(advice, size, "%s", guess);
        return advice;
    }
    const char *keyword = keyword_entry_suggest(text);
    if (keyword == NULL)
        keyword = suggest_from_list(text, headings);
    if (keyword == NULL)
        return NULL;
    snprintf(advice, size, "did you mean '%s%s'?", keyword,
             strcmp(keyword, "section") == 0 || strcmp(keyword, "criterion") == 0 ? "" : ":");
    return advice;
}

/* Syntax errors in the author's words: what was found ("this line is not
 * an entry", "'scope:' is not expected here"), what could come instead,
 * and a hint for the common mistakes. */
static int yyreport_syntax_error(const yypcontext_t *parse, parse_context *context)
{
    enum { MAX_EXPECTED = 6 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int count = yypcontext_expected_tokens(parse, expected, MAX_EXPECTED);
    yysymbol_kind_t unexpected = yypcontext_token(parse);
    const source_span *where = yypcontext_location(parse);
    if (context->line_reported)
        return 0;   /* the scanner has said what is wrong with this line */
    char message[1024];
    size_t used;
    if (unexpected == YYSYMBOL_INVALID) {
        used = (size_t)snprintf(message, sizeof message, "this line is not an entry");
        count = 0;
    } else if (unexpected == YYSYMBOL_EOL) {
        used = (size_t)snprintf(message, sizeof message, "the line ends too soon");
    } else if (unexpected == YYSYMBOL_YYEOF) {
        used = (size_t)snprintf(message, sizeof message, "the file ends too soon");
    } else {
        char text[64];
        parser_token_text(context, where, text, sizeof text);
        used = (size_t)snprintf(message, sizeof message, "'%s' is not expected here", text);
    }
    if (count > 0 && used < sizeof message) {
        used += (size_t)snprintf(message + used, sizeof message - used, "; expected ");
        for (int i = 0; i < count && used < sizeof message; i++) {
            const char *separator = i == 0 ? "" : i == count - 1 ? " or " : ", ";
            used += (size_t)snprintf(message + used, sizeof message - used, "%s%s", separator,
                                     parser_token_description(expected[i]));
        }
    }
    const char *hint = parser_hint(unexpected);
    char advice[320];
    const char *keyword = unexpected == YYSYMBOL_LABEL
                              ? parser_label_keyword(context, where, advice, sizeof advice) : NULL;
    if (keyword != NULL && used < sizeof message) {
        used += (size_t)snprintf(message + used, sizeof message - used, "; %s", keyword);
        hint = NULL;
    }
    if (hint != NULL && used < sizeof message)
        snprintf(message + used, sizeof message - used, " (%s)", hint);
    diagnostic_error(context->report, *where, "%s", message);
    return 0;
}
