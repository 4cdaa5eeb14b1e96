/*
 * diagnostics_format.h — the formats diagnostics are written in, and the
 * run that writes them.
 *
 * Shared by diagnostics.c (which makes each diagnostic) and
 * diagnostics_document.c (which writes the machine-readable documents), so
 * that neither needs the other's header: the run's state is defined in
 * diagnostics_document.h, the collecting side in diagnostics.h.
 */
#ifndef DIAGNOSTICS_FORMAT_H
#define DIAGNOSTICS_FORMAT_H

typedef enum diagnostics_format {
    DIAGNOSTICS_TEXT,            /* for people, as above */
    DIAGNOSTICS_JSON,            /* one JSON document (docs/diagnostics.md) */
    DIAGNOSTICS_SARIF,           /* one SARIF 2.1.0 log */
    DIAGNOSTICS_GITHUB           /* GitHub Actions workflow commands */
} diagnostics_format;

/* One run's diagnostics in a machine-readable format (json, sarif,
 * github); defined in diagnostics_document.h. */
typedef struct diagnostics_run diagnostics_run;

#endif /* DIAGNOSTICS_FORMAT_H */
