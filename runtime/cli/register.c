/*
 * register.c — the register in SQLite (see register.h; the schema is
 * documented in docs/register.md). Debian's libsqlite3: the embedded
 * database that needs no server, whose one file a data team opens with the
 * sqlite3 shell, Python's sqlite3 module or an ODBC driver.
 *
 * Why it is written this way:
 * - One import is one transaction, begun IMMEDIATE so that it takes the
 *   write lock at once: a second import waits for it (the busy timeout)
 *   instead of failing halfway. WAL lets readers go on meanwhile, and a
 *   killed import leaves only an uncommitted WAL tail, which SQLite drops.
 * - The schema is created and migrated inside such a transaction too, after
 *   reading user_version under the lock, so two first imports at once do
 *   not both create it.
 * - A record is found by its key (audits: rubric, case, auditor, date,
 *   role) and its content hash (revisions.h), both indexed: importing the
 *   same file again is two index look-ups a record and adds nothing; an
 *   audit new to the register needs only the first. The hashes come with
 *   the record (revisions_hash, made once a record for the counting too).
 * - The statements a record runs can each fail only as a whole (no
 *   RETURNING, which SQLite runs as a trigger; no INSERT ... SELECT), so
 *   SQLite keeps no statement journal for them: on 16 KB pages that
 *   journal went to a temporary file, 16 KB written for every page each
 *   insert touched, more than the register itself.
 * - Each revision keeps the audit as it was given, as a JSON Lines record
 *   of the audit format, so the summary and the report can be made again
 *   from the register by the same reader and grader as from files; and its
 *   grades (overall, sections, criteria) as columns and JSON objects, for
 *   queries.
 */
#include "register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output_buffer.h"
#include "report_words.h"

#ifndef RUBRIC_NO_SQLITE

#include <sqlite3.h>

/* How long an import waits for another to finish, in milliseconds. */
enum { REGISTER_BUSY_MS = 120000 };

/* Each step brings the schema from version N to N + 1 (index N). */
static const char *const migrations[REGISTER_SCHEMA_VERSION] = {
    /* 0 -> 1: imports, audits, their revisions, and the views of the current revisions */
    "CREATE TABLE imports ("
    " id INTEGER PRIMARY KEY,"
    " imported_at TEXT NOT NULL,"
    " rubric_id TEXT NOT NULL,"
    " rubric_version TEXT,"
    " inputs TEXT NOT NULL,"
    " records_added INTEGER NOT NULL DEFAULT 0,"
    " revisions_added INTEGER NOT NULL DEFAULT 0,"
    " records_unchanged INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE audits ("
    " id INTEGER PRIMARY KEY,"
    " rubric_id TEXT NOT NULL,"
    " case_ref TEXT NOT NULL,"
    " auditor TEXT NOT NULL,"
    " audit_date TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " key_hash INTEGER NOT NULL);"
    "CREATE INDEX audits_by_key ON audits (key_hash);"
    "CREATE TABLE rubric_sections ("
    " rubric_id TEXT NOT NULL,"
    " position INTEGER NOT NULL,"
    " section_id TEXT NOT NULL,"
    " title TEXT,"
    " PRIMARY KEY (rubric_id, position));"
    "CREATE INDEX audits_by_date ON audits (rubric_id, audit_date);"
    "CREATE TABLE revisions ("
    " id INTEGER PRIMARY KEY,"
    " audit_id INTEGER NOT NULL REFERENCES audits(id),"
    " revision INTEGER NOT NULL,"
    " content_hash INTEGER NOT NULL,"
    " amended_by TEXT,"
    " amended_at TEXT,"
    " amended_seconds INTEGER,"
    " import_id INTEGER NOT NULL REFERENCES imports(id),"
    " source TEXT NOT NULL,"
    " source_line INTEGER NOT NULL,"
    " case_type TEXT,"
    " overall TEXT,"
    " sections TEXT NOT NULL,"   /* a JSON array of the section grades, in rubric_sections' order */
    " record TEXT NOT NULL,"
    " UNIQUE (audit_id, content_hash),"
    " UNIQUE (audit_id, revision));"
    "CREATE VIEW current_revisions AS"
    " SELECT r.* FROM revisions r"
    " WHERE r.id = (SELECT r2.id FROM revisions r2 WHERE r2.audit_id = r.audit_id"
    "  ORDER BY r2.amended_seconds IS NOT NULL DESC, r2.amended_seconds DESC, r2.revision DESC LIMIT 1);"
    "CREATE VIEW current_audits AS"
    " SELECT a.rubric_id, a.case_ref, a.auditor, a.audit_date, a.role, r.revision, r.amended_by,"
    "  r.amended_at, r.case_type, r.overall,"
    "  (SELECT json_group_object(s.section_id, j.value) FROM json_each(r.sections) j JOIN rubric_sections s"
    "   ON s.rubric_id = a.rubric_id AND s.position = j.key) AS sections,"
    "  json_extract(r.record, '$.grades') AS criteria, r.record, i.imported_at, r.source, r.source_line"
    " FROM audits a JOIN current_revisions r ON r.audit_id = a.id JOIN imports i ON i.id = r.import_id;"
    "CREATE VIEW current_grades AS"
    " SELECT c.rubric_id, c.case_ref, c.auditor, c.audit_date, c.role, 'overall' AS kind, NULL AS item,"
    "  c.overall AS grade FROM current_audits c"
    " UNION ALL SELECT a.rubric_id, a.case_ref, a.auditor, a.audit_date, a.role, 'section', s.section_id, j.value"
    "  FROM audits a JOIN current_revisions r ON r.audit_id = a.id, json_each(r.sections) j"
    "  JOIN rubric_sections s ON s.rubric_id = a.rubric_id AND s.position = j.key"
    " UNION ALL SELECT c.rubric_id, c.case_ref, c.auditor, c.audit_date, c.role, 'criterion', j.key, j.value"
    "  FROM current_audits c, json_each(c.criteria) j;",
};

/* The statements an import runs for every record, prepared once. */
enum statement_index {
    STATEMENT_FIND_AUDIT, STATEMENT_ADD_AUDIT, STATEMENT_HELD, STATEMENT_REVISION, STATEMENT_COUNT
};

/* An audit is found by its key's hash (a small integer index) and then
 * its key itself; the import's write lock keeps two from adding it. */
static const char *const statement_texts[STATEMENT_COUNT] = {
    "SELECT id FROM audits INDEXED BY audits_by_key WHERE key_hash = ?6 AND rubric_id = ?1 AND case_ref = ?2 AND auditor = ?3"
    " AND audit_date = ?4 AND role = ?5",
    "INSERT INTO audits (rubric_id, case_ref, auditor, audit_date, role, key_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT 1 FROM revisions WHERE audit_id = ?1 AND content_hash = ?2",
    "INSERT INTO revisions (audit_id, revision, content_hash, amended_by, amended_at, amended_seconds, import_id,"
    " source, source_line, case_type, overall, sections, record)"
    " VALUES (?1, (SELECT coalesce(max(revision), 0) + 1 FROM revisions WHERE audit_id = ?1), ?2, ?3, ?4, ?5, ?6,"
    " ?7, ?8, ?9, ?10, ?11, ?12)",
};

struct grade_register {
    sqlite3 *db;
    const rubric_model *model;
    char *path;
    sqlite3_stmt *statements[STATEMENT_COUNT];
    sqlite3_int64 import_id;
    int in_import;
    register_counts counts;
    output_buffer record;        /* the audit as a JSON Lines record */
    output_buffer sections;      /* {"section id": grade, ...} */
};

static int record_sections(grade_register *reg, char *error, size_t error_size);

/* ERROR: "register PATH: WHAT: SQLite's words". */
static int fail(grade_register *reg, const char *what, char *error, size_t error_size)
{
    const char *words = reg->db ? sqlite3_errmsg(reg->db) : "out of memory";
    if (reg->db && sqlite3_errcode(reg->db) == SQLITE_NOTADB)
        snprintf(error, error_size, "register %s: it is not a register (not an SQLite database); give a new "
                 "file name, or the register made by rubric-grade --register", reg->path);
    else
        snprintf(error, error_size, "register %s: %s: %s", reg->path, what, words);
    return 0;
}

/* Run SQL that returns no rows. */
static int run_sql(grade_register *reg, const char *sql, const char *what, char *error, size_t error_size)
{
    if (sqlite3_exec(reg->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(reg, what, error, error_size);
    return 1;
}

/* The schema's version (PRAGMA user_version), or -1. */
static int schema_version(grade_register *reg)
{
    sqlite3_stmt *statement;
    int version = -1;
    if (sqlite3_prepare_v2(reg->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(statement) == SQLITE_ROW)
        version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return version;
}

/* Create or migrate the schema, under the write lock. */
static int migrate(grade_register *reg, char *error, size_t error_size)
{
    if (!run_sql(reg, "BEGIN IMMEDIATE", "cannot lock it", error, error_size))
        return 0;
    int version = schema_version(reg);
    if (version < 0) {
        fail(reg, "cannot read its schema version", error, error_size);
    } else if (version > REGISTER_SCHEMA_VERSION) {
        snprintf(error, error_size, "register %s: its schema is version %d, made by a newer rubric-grade (this "
                 "one knows versions up to %d); use that version", reg->path, version, REGISTER_SCHEMA_VERSION);
    } else {
        for (; version < REGISTER_SCHEMA_VERSION; version++)
            if (!run_sql(reg, migrations[version], "cannot create or migrate its schema", error, error_size))
                break;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", REGISTER_SCHEMA_VERSION);
        if (version == REGISTER_SCHEMA_VERSION &&
            run_sql(reg, pragma, "cannot record its schema version", error, error_size) &&
            run_sql(reg, "COMMIT", "cannot commit its schema", error, error_size))
            return 1;
    }
    sqlite3_exec(reg->db, "ROLLBACK", NULL, NULL, NULL);
    return 0;
}

grade_register *register_open(const char *path, const rubric_model *model, char *error, size_t error_size)
{
    grade_register *reg = calloc(1, sizeof *reg);
    if (reg == NULL || (reg->path = malloc(strlen(path) + 1)) == NULL) {
        free(reg);
        snprintf(error, error_size, "register %s: out of memory", path);
        return NULL;
    }
    strcpy(reg->path, path);
    reg->model = model;
    int opened = sqlite3_open_v2(path, &reg->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    int ready = opened == SQLITE_OK && sqlite3_busy_timeout(reg->db, REGISTER_BUSY_MS) == SQLITE_OK &&
                /* a record is about 2 KB: on 4 KB pages, one a page; on 16 KB, seven (set
                 * before WAL, which fixes a new database's page size) */
                run_sql(reg, "PRAGMA page_size = 16384", "cannot use it", error, error_size) &&
                run_sql(reg, "PRAGMA journal_mode = WAL", "cannot use it", error, error_size) &&
                /* NORMAL: in WAL a commit is still all or nothing, whatever kills the
                 * process; only a power cut may lose the last import (never OFF) */
                run_sql(reg, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536",
                        "cannot use it", error, error_size) &&
                migrate(reg, error, error_size);
    if (opened != SQLITE_OK)
        fail(reg, "cannot open it", error, error_size);
    for (int index = 0; ready && index < STATEMENT_COUNT; index++)
        if (sqlite3_prepare_v3(reg->db, statement_texts[index], -1, SQLITE_PREPARE_PERSISTENT,
                               &reg->statements[index], NULL) != SQLITE_OK)
            ready = fail(reg, "cannot prepare its statements", error, error_size);
    if (!ready) {
        register_close(reg);
        return NULL;
    }
    return reg;
}

void register_close(grade_register *reg)
{
    if (reg == NULL)
        return;
    for (int index = 0; index < STATEMENT_COUNT; index++)
        sqlite3_finalize(reg->statements[index]);
    if (reg->in_import)
        sqlite3_exec(reg->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(reg->db);
    output_buffer_free(&reg->record);
    output_buffer_free(&reg->sections);
    free(reg->path);
    free(reg);
}

int register_begin(grade_register *reg, const char *inputs, char *error, size_t error_size)
{
    if (!run_sql(reg, "BEGIN IMMEDIATE", "cannot start the import", error, error_size))
        return 0;
    reg->in_import = 1;
    reg->counts = (register_counts){0, 0, 0};
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(reg->db,
                           "INSERT INTO imports (imported_at, rubric_id, rubric_version, inputs)"
                           " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3)",
                           -1, &statement, NULL) != SQLITE_OK)
        return fail(reg, "cannot record the import", error, error_size);
    sqlite3_bind_text(statement, 1, reg->model->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 2, reg->model->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 3, inputs, -1, SQLITE_TRANSIENT);
    int done = sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    if (!done)
        return fail(reg, "cannot record the import", error, error_size);
    reg->import_id = sqlite3_last_insert_rowid(reg->db);
    return record_sections(reg, error, error_size);
}

/* A JSON member "KEY": VALUE (a string, or nothing when VALUE is NULL). */
static void json_member(output_buffer *buffer, const char *key, const char *value, int *first)
{
    if (value == NULL)
        return;
    output_text(buffer, *first ? "{" : ",");
    *first = 0;
    output_json_string(buffer, key);
    output_text(buffer, ":");
    output_json_string(buffer, value);
}

/* An object of COUNT entries, as "KEY": {...}, after the members before it. */
static void json_entries(output_buffer *buffer, const char *key, const rubric_entry *entries, unsigned count,
                         int *first)
{
    if (count == 0)
        return;
    output_text(buffer, *first ? "{" : ",");
    *first = 0;
    output_json_string(buffer, key);
    output_text(buffer, ": {");
    for (unsigned index = 0; index < count; index++) {
        if (index)
            output_text(buffer, ",");
        output_json_string(buffer, entries[index].key);
        output_text(buffer, ":");
        output_json_string(buffer, entries[index].value);
    }
    output_text(buffer, "}");
}

/* The audit as it was given, as one JSON Lines record of the audit format. */
static void audit_record_json(output_buffer *buffer, const register_record *record)
{
    const rubric_audit *audit = record->audit;
    int first = 1;
    output_clear(buffer);
    json_member(buffer, "case", audit->case_reference, &first);
    json_member(buffer, "rubric", audit->rubric_id, &first);
    json_member(buffer, "auditor", audit->auditor, &first);
    json_member(buffer, "date", audit->date, &first);
    json_member(buffer, "role", audit->role, &first);
    json_member(buffer, "case_type", audit->case_type, &first);
    json_member(buffer, "amended_by", record->amended_by, &first);
    json_member(buffer, "amended_at", record->amended_at, &first);
    json_entries(buffer, "grades", audit->grades, audit->grade_count, &first);
    if (audit->auditor_overall || audit->auditor_section_count) {
        output_text(buffer, ",\"auditor_grades\":");
        int inner = 1;
        json_member(buffer, "overall", audit->auditor_overall, &inner);
        json_entries(buffer, "sections", audit->auditor_sections, audit->auditor_section_count, &inner);
        output_text(buffer, "}");
    }
    json_entries(buffer, "comments", audit->comments, audit->comment_count, &first);
    output_text(buffer, first ? "{}" : "}");
}

/* An outcome as the register stores it: its grade's code, "not graded"
 * (an outcome of its own, neither NA nor a missing grade), or NULL. */
static const char *outcome_code(const rubric_model *model, const rubric_outcome *outcome)
{
    return outcome->not_graded ? REPORT_NOT_GRADED : rubric_grade_code(model, outcome->grade);
}

/* The result's section grades, a JSON array in the rubric's order (the
 * ids are in rubric_sections, once: a record's grades stay small). */
static void section_grades_json(grade_register *reg, const rubric_result *result)
{
    const rubric_model *model = reg->model;
    output_clear(&reg->sections);
    output_text(&reg->sections, "[");
    for (unsigned section = 0; section < model->section_count; section++) {
        if (section)
            output_text(&reg->sections, ",");
        output_json_string(&reg->sections, outcome_code(model, &result->sections[section]));
    }
    output_text(&reg->sections, "]");
}

/* The rubric's sections by position, for reading the section grades. */
static int record_sections(grade_register *reg, char *error, size_t error_size)
{
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(reg->db, "INSERT OR REPLACE INTO rubric_sections (rubric_id, position, section_id, title)"
                           " VALUES (?1, ?2, ?3, ?4)", -1, &statement, NULL) != SQLITE_OK)
        return fail(reg, "cannot record the rubric's sections", error, error_size);
    int done = 1;
    for (unsigned section = 0; done && section < reg->model->section_count; section++) {
        sqlite3_bind_text(statement, 1, reg->model->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(statement, 2, section);
        sqlite3_bind_text(statement, 3, reg->model->sections[section].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(statement, 4, reg->model->sections[section].title, -1, SQLITE_STATIC);
        done = sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
    return done || fail(reg, "cannot record the rubric's sections", error, error_size);
}

/* Bind TEXT, or NULL, to a statement's parameter. */
static void bind_text(sqlite3_stmt *statement, int parameter, const char *text, size_t length)
{
    if (text == NULL)
        sqlite3_bind_null(statement, parameter);
    else
        sqlite3_bind_text64(statement, parameter, text, length, SQLITE_STATIC, SQLITE_UTF8);
}

/* Bind a NUL-terminated text or NULL. */
static void bind_string(sqlite3_stmt *statement, int parameter, const char *text)
{
    bind_text(statement, parameter, text, text ? strlen(text) : 0);
}

int register_add(grade_register *reg, const register_record *record, char *error, size_t error_size)
{
    const rubric_audit *audit = record->audit;
    sqlite3_int64 audit_id = 0;
    int new_audit = 0;
    for (int statement = STATEMENT_FIND_AUDIT; statement <= STATEMENT_ADD_AUDIT && !audit_id; statement++) {
        sqlite3_stmt *step_audit = reg->statements[statement];
        sqlite3_bind_text(step_audit, 1, reg->model->id, -1, SQLITE_STATIC);
        bind_string(step_audit, 2, audit->case_reference);
        bind_string(step_audit, 3, audit->auditor ? audit->auditor : "");
        bind_string(step_audit, 4, audit->date ? audit->date : "");
        bind_string(step_audit, 5, audit->role ? audit->role : "");
        sqlite3_bind_int64(step_audit, 6, (sqlite3_int64)record->key_hash);
        int step = sqlite3_step(step_audit);
        if (step == SQLITE_ROW)
            audit_id = sqlite3_column_int64(step_audit, 0);
        else if (step == SQLITE_DONE && statement == STATEMENT_ADD_AUDIT)
            audit_id = sqlite3_last_insert_rowid(reg->db), new_audit = 1;
        sqlite3_reset(step_audit);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return fail(reg, "cannot store an audit", error, error_size);
    }
    sqlite3_int64 hash = (sqlite3_int64)record->content_hash;
    int step;
    if (!new_audit) {            /* an audit just added holds no revision yet */
        sqlite3_stmt *held = reg->statements[STATEMENT_HELD];
        sqlite3_bind_int64(held, 1, audit_id);
        sqlite3_bind_int64(held, 2, hash);
        step = sqlite3_step(held);
        sqlite3_reset(held);
        if (step == SQLITE_ROW) {
            reg->counts.unchanged++;
            return 1;
        }
        if (step != SQLITE_DONE)
            return fail(reg, "cannot look for a record", error, error_size);
    }
    audit_record_json(&reg->record, record);
    section_grades_json(reg, record->result);
    if (reg->record.out_of_memory || reg->sections.out_of_memory) {
        snprintf(error, error_size, "register %s: out of memory", reg->path);
        return 0;
    }
    sqlite3_stmt *insert = reg->statements[STATEMENT_REVISION];
    sqlite3_bind_int64(insert, 1, audit_id);
    sqlite3_bind_int64(insert, 2, hash);
    bind_string(insert, 3, record->amended_by);
    bind_string(insert, 4, record->amended_at);
    if (record->amended_at)
        sqlite3_bind_int64(insert, 5, record->amended_seconds);
    else
        sqlite3_bind_null(insert, 5);
    sqlite3_bind_int64(insert, 6, reg->import_id);
    bind_string(insert, 7, record->input);
    sqlite3_bind_int64(insert, 8, (sqlite3_int64)record->line);
    bind_string(insert, 9, audit->case_type);
    bind_string(insert, 10, outcome_code(reg->model, &record->result->overall));
    bind_text(insert, 11, reg->sections.text, reg->sections.length);
    bind_text(insert, 12, reg->record.text, reg->record.length);
    step = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (step != SQLITE_DONE)
        return fail(reg, "cannot store a record", error, error_size);
    if (new_audit)               /* its first revision */
        reg->counts.added++;
    else
        reg->counts.revised++;
    return 1;
}

int register_commit(grade_register *reg, register_counts *counts, char *error, size_t error_size)
{
    sqlite3_stmt *statement;
    int done = sqlite3_prepare_v2(reg->db,
                                  "UPDATE imports SET records_added = ?1, revisions_added = ?2, records_unchanged = ?3"
                                  " WHERE id = ?4",
                                  -1, &statement, NULL) == SQLITE_OK;
    if (done) {
        sqlite3_bind_int64(statement, 1, (sqlite3_int64)reg->counts.added);
        sqlite3_bind_int64(statement, 2, (sqlite3_int64)reg->counts.revised);
        sqlite3_bind_int64(statement, 3, (sqlite3_int64)reg->counts.unchanged);
        sqlite3_bind_int64(statement, 4, reg->import_id);
        done = sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_finalize(statement);
    }
    if (!done || !run_sql(reg, "COMMIT", "cannot commit the import", error, error_size)) {
        if (!done)
            fail(reg, "cannot record the import", error, error_size);
        sqlite3_exec(reg->db, "ROLLBACK", NULL, NULL, NULL);
        reg->in_import = 0;
        return 0;
    }
    reg->in_import = 0;
    *counts = reg->counts;
    return 1;
}

long register_export(grade_register *reg, const char *from, const char *to, FILE *output, char *error,
                     size_t error_size)
{
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(reg->db,
                           "SELECT record FROM current_audits WHERE rubric_id = ?1"
                           " AND (?2 IS NULL OR audit_date >= ?2) AND (?3 IS NULL OR audit_date <= ?3)"
                           " ORDER BY audit_date, case_ref, auditor, role",
                           -1, &statement, NULL) != SQLITE_OK)
        return fail(reg, "cannot read it", error, error_size) - 1;
    sqlite3_bind_text(statement, 1, reg->model->id, -1, SQLITE_STATIC);
    bind_string(statement, 2, from);
    bind_string(statement, 3, to);
    long written = 0;
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        const void *text = sqlite3_column_blob(statement, 0);
        size_t length = (size_t)sqlite3_column_bytes(statement, 0);
        if ((length && fwrite(text, 1, length, output) != length) || fputc('\n', output) == EOF) {
            sqlite3_finalize(statement);
            snprintf(error, error_size, "register %s: cannot copy its records", reg->path);
            return -1;
        }
        written++;
    }
    sqlite3_finalize(statement);
    if (step != SQLITE_DONE)
        return fail(reg, "cannot read it", error, error_size) - 1;
    return written;
}

#else /* RUBRIC_NO_SQLITE: the WebAssembly build */

/* Why every call fails here. */
static void no_register(char *error, size_t error_size)
{
    snprintf(error, error_size, "this build of rubric-grade has no register (it is built without SQLite, as "
             "the WebAssembly build is); use the native rubric-grade for --register");
}

grade_register *register_open(const char *path, const rubric_model *model, char *error, size_t error_size)
{
    (void)path;
    (void)model;
    no_register(error, error_size);
    return NULL;
}

void register_close(grade_register *reg)
{
    (void)reg;
}

int register_begin(grade_register *reg, const char *inputs, char *error, size_t error_size)
{
    (void)reg;
    (void)inputs;
    no_register(error, error_size);
    return 0;
}

int register_add(grade_register *reg, const register_record *record, char *error, size_t error_size)
{
    (void)reg;
    (void)record;
    no_register(error, error_size);
    return 0;
}

int register_commit(grade_register *reg, register_counts *counts, char *error, size_t error_size)
{
    (void)reg;
    (void)counts;
    no_register(error, error_size);
    return 0;
}

long register_export(grade_register *reg, const char *from, const char *to, FILE *output, char *error,
                     size_t error_size)
{
    (void)reg;
    (void)from;
    (void)to;
    (void)output;
    no_register(error, error_size);
    return -1;
}

#endif
