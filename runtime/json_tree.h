/*
 * json_tree.h — JSON text into jansson's tree, lexed by yajl where the two
 * agree.
 *
 * Internal to the library (not installed). The rubric loader reads the
 * whole rubric through json_tree_load_pruned, passing over what it never
 * reads; the JSON Lines reader asks
 * json_text_needs_jansson which lines it must leave to jansson. The tree
 * and the errors are jansson's, exactly as json_loadb with
 * JSON_REJECT_DUPLICATES gives them.
 */
#ifndef JSON_TREE_H
#define JSON_TREE_H

#include <stddef.h>

#include <jansson.h>

/* TEXT[0..LENGTH) as jansson's tree of one object or array, or NULL with
 * jansson's error in *ERROR, as json_loadb(TEXT, LENGTH,
 * JSON_REJECT_DUPLICATES, ERROR) gives them, only sooner: yajl lexes the
 * text, and jansson parses it itself whenever yajl refuses it or it holds
 * what the two read differently. */
json_t *json_tree_load(const char *text, size_t length, json_error_t *error);

/* A member to pass over: KEY in an object at DEPTH (1 for the top-level
 * object, 3 for an object in an array in it, and so on). */
typedef struct json_tree_skip {
    const char *key;
    unsigned depth;
} json_tree_skip;

/* As json_tree_load, with the same errors, but the value of a member named
 * in SKIPPED (ended by a NULL key; NULL for none) is read and judged but
 * not built: the member is kept with null in its place. When jansson
 * parses the text itself the tree is whole, so a caller must not read a
 * member it asked to pass over. */
json_t *json_tree_load_pruned(const char *text, size_t length, const json_tree_skip *skipped,
                              json_error_t *error);

/* Whether TEXT[0..LENGTH) holds bytes that jansson and yajl treat
 * differently, so that jansson must judge it: \v or \f (whitespace to
 * yajl, an error to jansson), invalid UTF-8, or a \u escape (yajl lets a
 * lone surrogate or \u0000 through). */
int json_text_needs_jansson(const char *text, size_t length);

/* Whether TEXT[0..LENGTH) is only JSON whitespace (space, tab, CR, LF). */
int json_text_is_whitespace(const char *text, size_t length);

#endif /* JSON_TREE_H */
