#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/embedded.h"
#include "store/store.h"

/* Migrations are the embedded files "migrations/NNN_name.sql": one schema
 * history that both engines apply. Where the dialects differ, a number has
 * a file per engine beside (or instead of) the shared one,
 * "NNN_name.pg.sql" and "NNN_name.sqlite.sql"; an engine applies its own
 * file when there is one, else the shared file (docs/ontwikkelen.md
 * "Migraties"). Each version not yet recorded in schema_migraties is
 * applied, in number order, in its own write transaction. Recording each
 * version (not only the highest) lets migrations written side by side land
 * in any order. */
#define MAX_MIGRATION 999

static int migration_number(const char *name)
{
	const char *p = name + strlen("migrations/");
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9' || p[3] != '_')
		return -1;
	return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

/* The file engine applies for version want, or NULL. */
static const struct embedded_file *migration_for(enum db_engine engine, int want)
{
	const char *own = engine == DB_POSTGRES ? ".pg.sql" : ".sqlite.sql";
	const char *other = engine == DB_POSTGRES ? ".sqlite.sql" : ".pg.sql";
	const struct embedded_file *shared = NULL;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strncmp(f->name, "migrations/", 11) || !has_suffix(f->name, ".sql") || migration_number(f->name) != want)
			continue;
		if (has_suffix(f->name, own))
			return f;
		if (!has_suffix(f->name, other))
			shared = f;
	}
	return shared;
}

static int applied(struct store *s, int version)
{
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM schema_migraties WHERE versie = ?", "i", version);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

static int migrate(struct store *s, struct problem *p)
{
	enum db_engine engine = db_engine(s->db);
	/* In a write transaction: two servers starting together on one
	 * PostgreSQL database must not both create it. (Every worker thread
	 * opens the database: when there is nothing to do, no lock is taken.) */
	if (!db_table_exists(s->db, "schema_migraties")) {
		const char *create = engine == DB_POSTGRES
					     ? "CREATE TABLE IF NOT EXISTS schema_migraties ("
					       " versie BIGINT PRIMARY KEY, naam TEXT NOT NULL, toegepast TEXT NOT NULL)"
					     : "CREATE TABLE IF NOT EXISTS schema_migraties ("
					       " versie INTEGER PRIMARY KEY, naam TEXT NOT NULL, toegepast TEXT NOT NULL) STRICT";
		if (db_begin(s->db) < 0)
			return problem_set(p, 500, "database bezet: %s", db_errmsg(s->db));
		if (db_exec(s->db, create) < 0 || db_commit(s->db) < 0) {
			problem_set(p, 500, "kan het schema niet bijhouden: %s", db_errmsg(s->db));
			db_rollback(s->db);
			return -500;
		}
	}
	unsigned char done[MAX_MIGRATION + 1] = { 0 };
	struct db_stmt *st = db_query(s->db, "SELECT versie FROM schema_migraties", NULL);
	while (db_step(st) == DB_ROW)
		if (db_col_int(st, 0) >= 0 && db_col_int(st, 0) <= MAX_MIGRATION)
			done[db_col_int(st, 0)] = 1;
	db_finalize(st);
	for (int want = 1; want <= MAX_MIGRATION; want++) {
		const struct embedded_file *mig = done[want] ? NULL : migration_for(engine, want);
		if (!mig)
			continue;
		if (db_begin(s->db) < 0)
			return problem_set(p, 500, "database bezet: %s", db_errmsg(s->db));
		/* Another process may have migrated meanwhile. */
		if (applied(s, want)) {
			db_commit(s->db);
			continue;
		}
		char now[32];
		store_now_text(now);
		if (db_exec(s->db, (const char *)mig->data) < 0 ||
		    db_run(s->db, "INSERT INTO schema_migraties(versie, naam, toegepast) VALUES(?, ?, ?)", "itt", want, mig->name,
			   now) < 0) {
			problem_set(p, 500, "migratie %s mislukt: %s", mig->name, db_errmsg(s->db));
			db_rollback(s->db);
			return -500;
		}
		if (db_commit(s->db) < 0) {
			problem_set(p, 500, "migratie %s niet vastgelegd: %s", mig->name, db_errmsg(s->db));
			db_rollback(s->db);
			return -500;
		}
	}
	return 0;
}

int store_schema_version(struct store *s)
{
	struct db_stmt *st = db_query(s->db, "SELECT coalesce(max(versie), 0) FROM schema_migraties", NULL);
	int v = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : 0;
	db_finalize(st);
	return v;
}

int store_open(const char *path, struct store **out, struct problem *p)
{
	char err[512];
	struct store *s = calloc(1, sizeof(*s));
	if (!s)
		return problem_set(p, 500, "geen geheugen");
	snprintf(s->path, sizeof(s->path), "%s", path);
	if (db_open(path, &s->db, err, sizeof(err)) < 0) {
		free(s);
		return problem_set(p, 500, "%s", err);
	}
	if (migrate(s, p) < 0) {
		store_close(s);
		return -p->status;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	db_close(s->db);
	free(s);
}

int store_db_problem(struct store *s, int dbr, struct problem *p, const char *what)
{
	switch (dbr) {
	case DB_ERR_UNIQUE: return problem_set(p, 409, "%s bestaat al.", what);
	case DB_ERR_FOREIGN: return problem_set(p, 422, "%s verwijst naar iets dat niet bestaat.", what);
	case DB_ERR_BUSY: return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	default:
		fprintf(stderr, "samen: databasefout bij %s: %s\n", what, db_errmsg(s->db));
		return problem_set(p, 500, "Databasefout bij %s.", what);
	}
}

int store_begin(struct store *s, struct problem *p)
{
	if (db_begin(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "transactie");
	return 0;
}

int store_finish(struct store *s, int r, struct problem *p)
{
	if (r < 0) {
		db_rollback(s->db);
		return r;
	}
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kon de wijziging niet vastleggen.");
	}
	return 0;
}

int store_transaction(struct store *s, struct problem *p, int (*fn)(struct store *, void *, struct problem *), void *arg)
{
	/* An outermost transaction that lost to another writer (a lock
	 * timeout, a deadlock) is tried again from the start: it left nothing. */
	int outermost = !db_in_transaction(s->db);
	for (int attempt = 1;; attempt++) {
		int r = store_begin(s, p);
		if (r < 0 && !(outermost && db_retryable(s->db) && attempt < 3))
			return r;
		if (r == 0) {
			r = store_finish(s, fn(s, arg, p), p);
			if (r == 0 || !outermost || !db_retryable(s->db) || attempt >= 3)
				return r;
		}
		problem_init(p);
	}
}

long long store_lookup_id(struct store *s, const char *sql, const char *code)
{
	if (!code)
		return 0;
	struct db_stmt *st = db_query(s->db, sql, "t", code);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return id;
}

long long store_org_id(struct store *s, const char *code)
{
	return store_lookup_id(s, "SELECT id FROM organisaties WHERE code = ?", code);
}

long long store_taakveld_id(struct store *s, const char *code)
{
	return store_lookup_id(s, "SELECT id FROM taakvelden WHERE code = ?", code);
}

long long store_verband_id(struct store *s, const char *code)
{
	return store_lookup_id(s, "SELECT id FROM verbanden WHERE code = ?", code);
}

int store_name(struct store *s, const char *code, char *out, size_t len)
{
	/* Codes of the three kinds do not collide in practice (GM0505,
	 * drechtsteden, dt2012); the organisation wins when they do. */
	static const char *const sql[] = { "SELECT naam FROM organisaties WHERE code = ?",
					   "SELECT naam FROM verbanden WHERE code = ?",
					   "SELECT naam FROM proeftuinen WHERE code = ?" };
	if (len)
		out[0] = 0;
	if (!code || !code[0] || !len)
		return -1;
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct db_stmt *st = db_query(s->db, sql[i], "t", code);
		int found = db_step(st) == DB_ROW && db_col_text(st, 0);
		if (found)
			snprintf(out, len, "%s", db_col_text(st, 0));
		db_finalize(st);
		if (found)
			return 0;
	}
	return -1;
}

json_t *store_text_or_null(struct db_stmt *st, int col)
{
	const char *t = db_col_text(st, col);
	return t ? json_string(t) : json_null();
}

/* The demo's clock (store_clock_set): per thread, so that loading a demo
 * never dates what another thread writes. */
static _Thread_local char clock_text[32];

void store_clock_set(const char *moment) { snprintf(clock_text, sizeof(clock_text), "%s", moment ? moment : ""); }

void store_now_text(char out[32])
{
	if (clock_text[0]) {
		memcpy(out, clock_text, sizeof(clock_text));
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
