/*
 * report_escalations.c — the cases to escalate on a temporary file (see
 * report_escalations.h). Each case is one record: a fixed head (the line,
 * the overall grade, the length of each text or NONE for a text not
 * given), then the texts' bytes. Reading back reuses one buffer, so
 * writing the page holds one case at a time.
 */
#include "report_escalations.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The texts of a case, in the record's order. */
enum { TEXT_CASE, TEXT_TEAM, TEXT_WORKER, TEXT_AUDITOR, TEXT_DATE, TEXT_INPUT, TEXT_REASONS, TEXT_COUNT };

/* A text's length in the head when it is not given. */
static const uint32_t NONE = UINT32_MAX;

typedef struct record_head {
    unsigned long line;
    int overall;
    uint32_t lengths[TEXT_COUNT];
} record_head;

struct escalation_spool {
    FILE *file;                  /* NULL until the first case */
    unsigned long count;
    int has_team, has_worker;
    char *texts;                 /* reading back: the texts of the case read last */
    size_t texts_capacity;
};

escalation_spool *escalation_spool_new(void)
{
    return calloc(1, sizeof(escalation_spool));
}

void escalation_spool_free(escalation_spool *spool)
{
    if (spool == NULL)
        return;
    if (spool->file)
        fclose(spool->file);
    free(spool->texts);
    free(spool);
}

/* The texts of KEPT in the record's order. */
static void texts_of(const escalation *kept, const char *texts[TEXT_COUNT])
{
    texts[TEXT_CASE] = kept->case_reference;
    texts[TEXT_TEAM] = kept->team;
    texts[TEXT_WORKER] = kept->worker;
    texts[TEXT_AUDITOR] = kept->auditor;
    texts[TEXT_DATE] = kept->date;
    texts[TEXT_INPUT] = kept->input;
    texts[TEXT_REASONS] = kept->reasons;
}

int escalation_spool_add(escalation_spool *spool, const escalation *kept)
{
    if (spool->file == NULL && (spool->file = tmpfile()) == NULL)
        return 0;
    const char *texts[TEXT_COUNT];
    texts_of(kept, texts);
    record_head head = {kept->line, kept->overall, {0}};
    for (int text = 0; text < TEXT_COUNT; text++) {
        size_t length = texts[text] ? strlen(texts[text]) : 0;
        if (length >= NONE)
            return 0;
        head.lengths[text] = texts[text] ? (uint32_t)length : NONE;
    }
    if (fwrite(&head, sizeof head, 1, spool->file) != 1)
        return 0;
    for (int text = 0; text < TEXT_COUNT; text++)
        if (texts[text] && head.lengths[text] &&
            fwrite(texts[text], 1, head.lengths[text], spool->file) != head.lengths[text])
            return 0;
    spool->count++;
    spool->has_team |= kept->team != NULL;
    spool->has_worker |= kept->worker != NULL;
    return 1;
}

unsigned long escalation_spool_count(const escalation_spool *spool) { return spool->count; }
int escalation_spool_has_team(const escalation_spool *spool) { return spool->has_team; }
int escalation_spool_has_worker(const escalation_spool *spool) { return spool->has_worker; }

int escalation_spool_rewind(escalation_spool *spool)
{
    return spool->file == NULL || (fflush(spool->file) == 0 && fseek(spool->file, 0, SEEK_SET) == 0);
}

int escalation_spool_next(escalation_spool *spool, escalation *kept)
{
    record_head head;
    if (spool->file == NULL)
        return 0;
    if (fread(&head, sizeof head, 1, spool->file) != 1)
        return ferror(spool->file) ? -1 : 0;
    size_t needed = 0;
    for (int text = 0; text < TEXT_COUNT; text++)
        needed += head.lengths[text] == NONE ? 0 : (size_t)head.lengths[text] + 1;
    if (needed > spool->texts_capacity) {
        char *larger = realloc(spool->texts, needed);
        if (larger == NULL)
            return -1;
        spool->texts = larger;
        spool->texts_capacity = needed;
    }
    const char *texts[TEXT_COUNT];
    char *at = spool->texts;
    for (int text = 0; text < TEXT_COUNT; text++) {
        if (head.lengths[text] == NONE) {
            texts[text] = NULL;
            continue;
        }
        if (head.lengths[text] && fread(at, 1, head.lengths[text], spool->file) != head.lengths[text])
            return -1;
        at[head.lengths[text]] = '\0';
        texts[text] = at;
        at += head.lengths[text] + 1;
    }
    *kept = (escalation){texts[TEXT_CASE], texts[TEXT_TEAM], texts[TEXT_WORKER], texts[TEXT_AUDITOR],
                         texts[TEXT_DATE], texts[TEXT_INPUT], head.line, head.overall, texts[TEXT_REASONS]};
    return 1;
}
