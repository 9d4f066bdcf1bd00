/* The engine-independent half of db.h: choosing the backend, nesting
 * transactions as savepoints, collecting the bound values of a call, and
 * walking the schema. The backends (db_sqlite.c, db_pg.c) do the rest
 * through struct db_ops (db_backend.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db_backend.h"

#define MAX_PARAMS 128

int db_target_is_postgres(const char *target)
{
	if (!target)
		return 0;
	if (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11))
		return 1;
	/* libpq's "keyword=value ...": a word of letters and '_', then '='. */
	const char *p = target;
	while (*p == ' ')
		p++;
	const char *w = p;
	while (islower((unsigned char)*p) || *p == '_')
		p++;
	if (p == w)
		return 0;
	while (*p == ' ')
		p++;
	return *p == '=';
}

int db_worker_threads(const char *target, long ncpu)
{
	int pg = db_target_is_postgres(target);
	long n = (ncpu > 0 ? ncpu : 1) * (pg ? 4 : 16), least = pg ? 8 : 16;
	return (int)(n < least ? least : n > 64 ? 64 : n);
}

int db_open(const char *target, struct db **out, char *err, int errlen)
{
	return db_target_is_postgres(target) ? db_pg_open(target, out, err, errlen) : db_sqlite_open(target, out, err, errlen);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_engine db_engine(struct db *db) { return db->ops->engine; }
const char *db_errmsg(struct db *db) { return db->ops->errmsg(db); }
int db_exec(struct db *db, const char *sql) { return db->ops->exec(db, sql); }
int db_in_transaction(struct db *db) { return db->depth > 0; }
int db_retryable(struct db *db) { return db->retryable; }

static int begin(struct db *db, int write)
{
	int r;
	if (db->depth == 0) {
		db->retryable = 0;
		r = db->ops->begin(db, write);
	} else {
		char sql[48];
		snprintf(sql, sizeof(sql), "SAVEPOINT sp%d", db->depth);
		r = db->ops->exec(db, sql);
	}
	if (r == DB_DONE)
		db->depth++;
	return r;
}

int db_begin(struct db *db) { return begin(db, 1); }
int db_begin_read(struct db *db) { return begin(db, 0); }

int db_commit(struct db *db)
{
	if (db->depth <= 0)
		return DB_ERR;
	int r;
	if (db->depth == 1) {
		r = db->ops->commit(db);
	} else {
		char sql[48];
		snprintf(sql, sizeof(sql), "RELEASE sp%d", db->depth - 1);
		r = db->ops->exec(db, sql);
	}
	if (r == DB_DONE)
		db->depth--;
	return r;
}

int db_durable(struct db *db) { return db && db->ops->durable ? db->ops->durable(db) : 0; }

int db_rollback(struct db *db)
{
	char sql[64];
	if (db->depth <= 0)
		return DB_ERR;
	if (db->depth == 1)
		snprintf(sql, sizeof(sql), "ROLLBACK");
	else
		snprintf(sql, sizeof(sql), "ROLLBACK TO sp%d; RELEASE sp%d", db->depth - 1, db->depth - 1);
	int keep = db->retryable; /* why it failed matters more than how the rollback went */
	int r = db->depth == 1 && db->ops->rollback ? db->ops->rollback(db) : db->ops->exec(db, sql);
	db->retryable = keep;
	db->depth--;
	return r;
}

static struct db_stmt *vquery(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_param params[MAX_PARAMS];
	int n = 0;
	for (const char *f = fmt ? fmt : ""; *f; f++, n++) {
		if (n == MAX_PARAMS) {
			fprintf(stderr, "samen: meer dan %d parameters in: %s\n", MAX_PARAMS, sql);
			return NULL;
		}
		struct db_param *x = &params[n];
		*x = (struct db_param){ *f, 0, NULL };
		switch (*f) {
		case 't': x->t = va_arg(ap, const char *); break;
		case 'i':
		case 'b': x->i = va_arg(ap, int); break;
		case 'l': x->i = va_arg(ap, long long); break;
		case 'n': break;
		default: fprintf(stderr, "samen: onbekend bindtype '%c'\n", *f); return NULL;
		}
	}
	return db->ops->query(db, sql, fmt ? fmt : "", params, n);
}

struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = vquery(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_step(struct db_stmt *st) { return st ? st->db->ops->step(st) : DB_ERR; }

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->db->ops->finalize(st);
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

int db_insert(struct db *db, long long *id, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = vquery(db, sql, fmt, ap);
	va_end(ap);
	*id = 0;
	if (!st)
		return DB_ERR;
	int r = db_step(st);
	if (r == DB_ROW) {
		*id = db_col_int(st, 0);
		/* Step to the end: SQLite finishes the statement there. */
		while ((r = db_step(st)) == DB_ROW)
			;
	}
	db_finalize(st);
	return r;
}

int db_insert_row(struct db *db, long long *id, const char *sql, const char *fmt, ...)
{
	static const char tail[] = " RETURNING id";
	size_t n = strlen(sql), t = sizeof(tail) - 1;
	char *plain = db->ops->last_id && n > t && !strcmp(sql + n - t, tail) ? strndup(sql, n - t) : NULL;
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = vquery(db, plain ? plain : sql, fmt, ap);
	va_end(ap);
	*id = 0;
	int r = st ? db_step(st) : DB_ERR;
	if (r == DB_ROW) {
		*id = db_col_int(st, 0);
		while ((r = db_step(st)) == DB_ROW)
			;
	} else if (r == DB_DONE && plain && db->ops->changes(db) > 0) {
		*id = db->ops->last_id(db);
	}
	db_finalize(st);
	free(plain);
	return r;
}

struct db_stmt *db_query_values(struct db *db, const char *sql, const char *fmt, const long long *ints, const char *const *texts)
{
	int n = (int)strlen(fmt);
	struct db_param *params = calloc((size_t)n + 1, sizeof(*params));
	if (!params)
		return NULL;
	for (int k = 0; k < n; k++)
		params[k] = (struct db_param){ fmt[k], fmt[k] == 'l' ? ints[k] : 0, fmt[k] == 't' ? texts[k] : NULL };
	struct db_stmt *st = db->ops->query(db, sql, fmt, params, n);
	free(params);
	return st;
}

int db_run_values(struct db *db, const char *sql, const char *fmt, const long long *ints, const char *const *texts)
{
	struct db_stmt *st = db_query_values(db, sql, fmt, ints, texts);
	if (!st)
		return DB_ERR;
	int r = db_step(st);
	db_finalize(st);
	return r == DB_ROW ? DB_DONE : r;
}

long long db_col_int(struct db_stmt *st, int col) { return st->db->ops->col_int(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->db->ops->col_text(st, col); }
int db_col_null(struct db_stmt *st, int col) { return st->db->ops->col_null(st, col); }
int db_col_count(struct db_stmt *st) { return st->db->ops->col_count(st); }
const char *db_col_name(struct db_stmt *st, int col) { return st->db->ops->col_name(st, col); }
int db_col_is_int(struct db_stmt *st, int col) { return st->db->ops->col_is_int(st, col); }
long long db_changes(struct db *db) { return db->ops->changes(db); }

static int find(const struct db_tables *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->name[i], name))
			return (int)i;
	return -1;
}

int db_table_exists(struct db *db, const char *table)
{
	struct db_tables *t = malloc(sizeof(*t));
	int yes = t && db->ops->tables(db, t) == 0 && find(t, table) >= 0;
	free(t);
	return yes;
}

/* Only names made of [a-z0-9_] are put into SQL text. */
static int plain_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

int db_tables(struct db *db, struct db_tables *out)
{
	struct db_tables *all = malloc(sizeof(*all)), *refs = malloc(sizeof(*refs));
	unsigned char *placed = calloc(DB_MAX_TABLES, 1), *dep = calloc(DB_MAX_TABLES * DB_MAX_TABLES, 1);
	int r = all && refs && placed && dep ? db->ops->tables(db, all) : -1;
	out->n = 0;
	/* dep[i * DB_MAX_TABLES + j]: table i refers to table j. */
	for (size_t i = 0; r == 0 && i < all->n; i++) {
		r = db->ops->references(db, all->name[i], refs);
		for (size_t j = 0; r == 0 && j < refs->n; j++) {
			int x = find(all, refs->name[j]);
			if (x >= 0 && x != (int)i)
				dep[i * DB_MAX_TABLES + (size_t)x] = 1;
		}
	}
	int k = r == 0 ? find(all, "schema_migraties") : -1;
	if (k >= 0) {
		snprintf(out->name[out->n++], DB_NAME_MAX, "%s", all->name[k]);
		placed[k] = 1;
	}
	/* Repeatedly place every table whose references are all placed; a
	 * circle (none today) is broken in name order. */
	while (r == 0 && out->n < all->n) {
		size_t before = out->n;
		for (size_t i = 0; i < all->n; i++) {
			if (placed[i])
				continue;
			int ready = 1;
			for (size_t j = 0; j < all->n && ready; j++)
				ready = !dep[i * DB_MAX_TABLES + j] || placed[j];
			if (ready) {
				snprintf(out->name[out->n++], DB_NAME_MAX, "%s", all->name[i]);
				placed[i] = 1;
			}
		}
		for (size_t i = 0; out->n == before && i < all->n; i++)
			if (!placed[i]) {
				snprintf(out->name[out->n++], DB_NAME_MAX, "%s", all->name[i]);
				placed[i] = 1;
			}
	}
	for (size_t i = 0; r == 0 && i < out->n; i++)
		if (!plain_name(out->name[i]))
			r = -1;
	free(all);
	free(refs);
	free(placed);
	free(dep);
	return r < 0 ? -1 : 0;
}

struct db_stmt *db_query_all(struct db *db, const char *sql) { return db->ops->query_all(db, sql); }
int db_defer_foreign_keys(struct db *db) { return db->ops->exec(db, db->ops->defer_foreign_keys); }

int db_bulk(struct db *db, int on)
{
	const char *sql = on ? db->ops->bulk_on : db->ops->bulk_off;
	if (!sql)
		return DB_DONE;
	if (db->depth > 0) /* SQLite decides where savepoint journals go when a transaction begins */
		return DB_ERR;
	return db->ops->exec(db, sql);
}

int db_sync_ids(struct db *db, const char *table) { return plain_name(table) ? db->ops->sync_ids(db, table) : DB_ERR; }

int db_drop_all(struct db *db)
{
	struct db_tables *t = malloc(sizeof(*t));
	int r = t ? db_tables(db, t) : -1;
	if (r == 0)
		r = db_begin(db);
	if (r == 0) {
		/* The ones referred to last. */
		for (size_t i = t->n; r == 0 && i > 0; i--) {
			char sql[160];
			snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS %s%s", t->name[i - 1], db->ops->drop_suffix);
			r = db_exec(db, sql);
		}
		if (r == 0)
			r = db_commit(db);
		if (r < 0)
			db_rollback(db);
	}
	free(t);
	return r < 0 ? -1 : 0;
}
