/*
 * report_html_moderation.h — the moderation part of the managers' HTML
 * page: how far auditors and moderators agree, overall, by section and by
 * criterion (share agreeing, kappa), and the cases they differ on.
 *
 * Internal to rubric-grade (not installed); written by report_html.c
 * when the batch was moderated (rubric-grade --moderate --report).
 */
#ifndef REPORT_HTML_MODERATION_H
#define REPORT_HTML_MODERATION_H

#include "moderation.h"
#include "output_buffer.h"
#include "rubric.h"

/* The moderation section of the page, from a finished MODERATION, with
 * the section's ID and HEADING as the page's contents name it. */
void report_html_moderation(output_buffer *buffer, const rubric_model *model, const moderation_batch *moderation,
                            const char *id, const char *heading);

#endif /* REPORT_HTML_MODERATION_H */
