/* store.h — samen's persistence: one open database and its schema.
 *
 * store_open() opens (creating when new) and migrates the database. A store
 * is one connection: use it from one thread at a time; the HTTP server opens
 * one per worker thread. The domain modules beside this file (register.h,
 * and later the ledger, skills and planning stores) take a struct store and
 * do each write in one transaction.
 *
 * Read models are returned as jansson objects in the shape of the API
 * (docs/api.md): the caller owns the returned reference and json_decref()s it.
 * Inputs are jansson objects too; each store function validates every field
 * and reports what is wrong in a struct problem, without writing anything. */
#ifndef SAMEN_STORE_STORE_H
#define SAMEN_STORE_STORE_H
#include <jansson.h>
#include "core/problem.h"
#include "store/db.h"

struct store {
	struct db *db;
	char path[1024];
};

/* Opens path, creating and migrating it when needed. 0 or -1 with p set. */
int store_open(const char *path, struct store **out, struct problem *p);
void store_close(struct store *s);
/* The newest schema version applied. */
int store_schema_version(struct store *s);

/* Maps a db_step_result to a problem (409 for duplicates, 422 for unknown
 * references, 500 otherwise) and returns -status. what names the object. */
int store_db_problem(struct store *s, int dbr, struct problem *p, const char *what);

/* ---- what every store module uses ---- */

/* An open-coded write transaction: store_begin(), the writes, then
 * store_finish(s, r, p) commits when r is 0 and rolls back otherwise; it
 * returns r, or the failure to commit. */
int store_begin(struct store *s, struct problem *p);
int store_finish(struct store *s, int r, struct problem *p);
/* Runs fn(s, arg, p) in one write transaction (a savepoint when nested):
 * committed when it returns 0, rolled back when it fails. */
int store_transaction(struct store *s, struct problem *p, int (*fn)(struct store *, void *, struct problem *), void *arg);
/* The integer in the first column of the first row of sql bound to code;
 * 0 when there is none or code is NULL. */
long long store_lookup_id(struct store *s, const char *sql, const char *code);
long long store_org_id(struct store *s, const char *code);
long long store_taakveld_id(struct store *s, const char *code);
long long store_verband_id(struct store *s, const char *code);
/* The name people use for code: of an organisation, a verband or a
 * proeftuin, into out. 0, or -1 (out "") when code names none of them. */
int store_name(struct store *s, const char *code, char *out, size_t len);
/* A text column as a JSON string, or JSON null for SQL NULL. */
json_t *store_text_or_null(struct db_stmt *st, int col);
/* Now, UTC, as "YYYY-MM-DDTHH:MM:SSZ"; or the moment store_clock_set() gave. */
void store_now_text(char out[32]);
/* Sets the clock of store_now_text() for this thread to moment
 * ("YYYY-MM-DDTHH:MM:SSZ"); NULL or "" gives the real clock back. Only the
 * demo uses it, to replay a year with the moments it happened on. */
void store_clock_set(const char *moment);

#endif
