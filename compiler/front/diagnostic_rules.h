/*
 * diagnostic_rules.h — the stable kind ("rule id") of each diagnostic,
 * for SARIF's ruleId and the JSON form; the table and how a message finds
 * its kind are in diagnostic_rules.c, the kinds in docs/diagnostics.md.
 */
#ifndef DIAGNOSTIC_RULES_H
#define DIAGNOSTIC_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* The rule id of a diagnostic made from this message template (or, when
 * the template is "%s", from the message itself). Never NULL. */
const char *diagnostic_rule_of(const char *format, const char *message, bool warning);

/* Every rule, in the table's order (for SARIF's tool.driver.rules). */
size_t diagnostic_rule_count(void);
const char *diagnostic_rule_id(size_t index);
const char *diagnostic_rule_description(size_t index);

#endif /* DIAGNOSTIC_RULES_H */
