/* The SQLite backend of db.h: WAL, foreign keys, a busy timeout, and a
 * small cache of prepared statements per connection (parsing the SQL was
 * most of the cost of a booking; a statement is reset and kept by
 * db_finalize, found again by its text, and used by one caller at a time). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/db.h"

#define STMT_CACHE 96

struct cached_stmt {
	sqlite3_stmt *st; /* NULL = free slot */
	unsigned hash;
	int in_use;
	unsigned long long used; /* for evicting the least recently used */
};

struct db {
	sqlite3 *h;
	int depth; /* transaction nesting */
	struct cached_stmt cache[STMT_CACHE];
	unsigned long long clock;
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *st;
	int slot; /* index in db->cache, or -1 */
};

int db_open(const char *path, struct db **out, char *err, int errlen)
{
	struct db *db = calloc(1, sizeof(*db));
	if (!db) {
		snprintf(err, (size_t)errlen, "geen geheugen");
		return -1;
	}
	int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet openen: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return -1;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			/* Erased personal data (pseudonymisation) is overwritten on its page. */
			" PRAGMA secure_delete=FAST;") < 0) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet gebruiken: %s", path, sqlite3_errmsg(db->h));
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close_v2(db->h);
	free(db);
}

const char *db_errmsg(struct db *db) { return sqlite3_errmsg(db->h); }

static int map_rc(int rc)
{
	switch (rc) {
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE:
	case SQLITE_OK: return DB_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return DB_ERR_UNIQUE;
	case SQLITE_CONSTRAINT_FOREIGNKEY: return DB_ERR_FOREIGN;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_DATATYPE: return DB_ERR_CHECK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_ERR_BUSY;
	default: return DB_ERR;
	}
}

int db_exec(struct db *db, const char *sql) { return map_rc(sqlite3_exec(db->h, sql, NULL, NULL, NULL)); }

static int begin(struct db *db, const char *outer)
{
	char sql[48];
	if (db->depth == 0)
		snprintf(sql, sizeof(sql), "%s", outer);
	else
		snprintf(sql, sizeof(sql), "SAVEPOINT sp%d", db->depth);
	int r = db_exec(db, sql);
	if (r == DB_DONE)
		db->depth++;
	return r;
}

int db_begin(struct db *db) { return begin(db, "BEGIN IMMEDIATE"); }
int db_begin_read(struct db *db) { return begin(db, "BEGIN"); }
int db_in_transaction(struct db *db) { return db->depth > 0; }

int db_commit(struct db *db)
{
	char sql[48];
	if (db->depth <= 0)
		return DB_ERR;
	if (db->depth == 1)
		snprintf(sql, sizeof(sql), "COMMIT");
	else
		snprintf(sql, sizeof(sql), "RELEASE sp%d", db->depth - 1);
	int r = db_exec(db, sql);
	if (r == DB_DONE)
		db->depth--;
	return r;
}

int db_rollback(struct db *db)
{
	char sql[64];
	if (db->depth <= 0)
		return DB_ERR;
	if (db->depth == 1)
		snprintf(sql, sizeof(sql), "ROLLBACK");
	else
		snprintf(sql, sizeof(sql), "ROLLBACK TO sp%d; RELEASE sp%d", db->depth - 1, db->depth - 1);
	int r = db_exec(db, sql);
	db->depth--;
	return r;
}

static unsigned sql_hash(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* A prepared statement for sql: a free cached one with the same text, or a
 * new one (which db_finalize may keep). */
static int prepare(struct db *db, const char *sql, struct db_stmt *st)
{
	unsigned h = sql_hash(sql);
	st->slot = -1;
	for (int i = 0; i < STMT_CACHE; i++) {
		struct cached_stmt *c = &db->cache[i];
		if (c->st && !c->in_use && c->hash == h && !strcmp(sqlite3_sql(c->st), sql)) {
			c->in_use = 1;
			c->used = ++db->clock;
			st->st = c->st;
			st->slot = i;
			return SQLITE_OK;
		}
	}
	return sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL);
}

static struct db_stmt *vquery(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_stmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->db = db;
	if (prepare(db, sql, st) != SQLITE_OK) {
		fprintf(stderr, "samen: SQL-fout: %s\n  in: %s\n", sqlite3_errmsg(db->h), sql);
		free(st);
		return NULL;
	}
	int idx = 1;
	for (const char *f = fmt ? fmt : ""; *f; f++, idx++) {
		switch (*f) {
		case 't': {
			const char *s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st->st, idx);
			break;
		}
		case 'i':
		case 'b': sqlite3_bind_int64(st->st, idx, va_arg(ap, int)); break;
		case 'l': sqlite3_bind_int64(st->st, idx, va_arg(ap, long long)); break;
		case 'n': sqlite3_bind_null(st->st, idx); break;
		default:
			fprintf(stderr, "samen: onbekend bindtype '%c'\n", *f);
			db_finalize(st);
			return NULL;
		}
	}
	return st;
}

struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = vquery(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_step(struct db_stmt *st)
{
	if (!st)
		return DB_ERR;
	return map_rc(sqlite3_step(st->st));
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	struct db *db = st->db;
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	if (st->slot >= 0) {
		db->cache[st->slot].in_use = 0;
	} else {
		/* Keep it in a free slot, or in place of the least recently used. */
		int victim = -1;
		for (int i = 0; i < STMT_CACHE; i++) {
			struct cached_stmt *c = &db->cache[i];
			if (!c->st) {
				victim = i;
				break;
			}
			if (!c->in_use && (victim < 0 || c->used < db->cache[victim].used))
				victim = i;
		}
		if (victim < 0) {
			sqlite3_finalize(st->st);
		} else {
			struct cached_stmt *c = &db->cache[victim];
			sqlite3_finalize(c->st);
			*c = (struct cached_stmt){ st->st, sql_hash(sqlite3_sql(st->st)), 0, ++db->clock };
		}
	}
	free(st);
}

int db_run(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = vquery(db, sql, fmt, ap);
	va_end(ap);
	if (!st)
		return DB_ERR;
	int r = db_step(st);
	db_finalize(st);
	return r == DB_ROW ? DB_DONE : r;
}

long long db_col_int(struct db_stmt *st, int col) { return sqlite3_column_int64(st->st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return (const char *)sqlite3_column_text(st->st, col); }
int db_col_null(struct db_stmt *st, int col) { return sqlite3_column_type(st->st, col) == SQLITE_NULL; }
int db_table_exists(struct db *db, const char *table)
{
	struct db_stmt *st = db_query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", "t", table);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

long long db_last_id(struct db *db) { return sqlite3_last_insert_rowid(db->h); }
long long db_changes(struct db *db) { return sqlite3_changes64(db->h); }

int db_copy(const char *from, const char *to, char *err, int errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	/* Read-write, not create: a WAL database needs its -shm file, and a
	 * missing source must not be made empty. */
	int rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan '%s' niet openen: %s", from, src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
		sqlite3_close(src);
		return -1;
	}
	rc = sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan '%s' niet openen: %s", to, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(src);
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_busy_timeout(src, 10000);
	sqlite3_busy_timeout(dst, 10000);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		snprintf(err, (size_t)errlen, "kan niet kopiëren naar '%s': %s", to, sqlite3_errmsg(dst));
		sqlite3_close(src);
		sqlite3_close(dst);
		return -1;
	}
	/* All pages in one step: one read transaction on from, so the copy is
	 * one moment of it. Stepping in parts would start over whenever another
	 * connection writes, and under load never finish. */
	for (int tries = 0; tries < 100; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(b);
	int ok = rc == SQLITE_DONE;
	if (!ok)
		snprintf(err, (size_t)errlen, "kopiëren van '%s' naar '%s' mislukt: %s", from, to,
			 sqlite3_errcode(dst) != SQLITE_OK ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(src);
	sqlite3_close(dst);
	return ok ? 0 : -1;
}
