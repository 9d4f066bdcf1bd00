/* The PostgreSQL backend of db.h (libpq): one connection per struct db
 * (the server opens one per worker thread), prepared statements cached per
 * connection like the SQLite backend's, the '?' and '?N' placeholders of
 * the shared dialect turned into $N once per statement, and PostgreSQL's
 * SQLSTATEs mapped to db_step_result.
 *
 * Write transactions take one advisory lock for the whole database at
 * BEGIN, so that, as with SQLite's BEGIN IMMEDIATE, one write transaction
 * runs at a time over every samen server on this database, and each sees
 * everything committed before it (READ COMMITTED after the lock). Every rule
 * the store checks before it writes (drawing rights, approving once, a
 * person's day) holds without being proven again for PostgreSQL; reads run
 * on snapshots (REPEATABLE READ READ ONLY) beside the writer and never wait.
 * docs/architectuur.md "een backend" says why this and not SERIALIZABLE.
 *
 * A statement runs on its first db_step() and its rows are then read from
 * the result, so that another statement may run while its rows are read
 * (as the store does with SQLite). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "store/db_backend.h"

#define STMT_CACHE 96
/* The advisory lock of the writer: "samen" in ASCII. */
#define WRITER_LOCK "495623349614"

/* Type OIDs (catalog/pg_type_d.h, which is not in libpq-dev). */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25

struct pcached {
	char *sql;    /* the statement as the store wrote it; NULL = free slot */
	char *pg_sql; /* as PostgreSQL reads it */
	char *sig;    /* the parameter types it was prepared with (signature) */
	unsigned hash;
	int nparams, in_use, prepared;
	int as_text; /* only a marker: with these types it does not prepare, declare the text ones text */
	unsigned long long used;
	char name[16];
};

struct pdb {
	struct db base;
	PGconn *c;
	struct pcached cache[STMT_CACHE];
	unsigned long long clock;
	unsigned next_name;
	long long changes;
	char err[1024];
	char state[6]; /* the SQLSTATE of the last failure */
};

struct pstmt {
	struct db_stmt base;
	int slot;     /* in cache, or -1: run unprepared */
	char *pg_sql; /* the translated text, for an unprepared run */
	char *sig;    /* and its parameter types */
	int nparams;
	char **values;
	PGresult *res;
	int executed, failed, row, nrows;
	char cursor[16]; /* db_query_all: the cursor's name, else "" */
};

#define CURSOR_BATCH 1000

#define PDB(d) ((struct pdb *)(d))
#define PST(s) ((struct pstmt *)(s))

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* ---- errors ----------------------------------------------------------- */

static int map_result(struct pdb *d, PGresult *r)
{
	ExecStatusType s = PQresultStatus(r);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY)
		return DB_DONE;
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	snprintf(d->err, sizeof(d->err), "%s", msg ? msg : PQerrorMessage(d->c));
	snprintf(d->state, sizeof(d->state), "%s", state ? state : "");
	size_t l = strlen(d->err);
	while (l && (d->err[l - 1] == '\n' || d->err[l - 1] == ' '))
		d->err[--l] = '\0';
	if (!state)
		return DB_ERR;
	if (!strcmp(state, "23505"))
		return DB_ERR_UNIQUE;
	if (!strcmp(state, "23503"))
		return DB_ERR_FOREIGN;
	if (!strcmp(state, "23514") || !strcmp(state, "23502"))
		return DB_ERR_CHECK;
	/* serialization_failure and deadlock_detected succeed when tried
	 * again; lock_not_available waited lock_timeout already. */
	if (!strcmp(state, "40001") || !strcmp(state, "40P01")) {
		d->base.retryable = 1;
		return DB_ERR_BUSY;
	}
	if (!strcmp(state, "55P03"))
		return DB_ERR_BUSY;
	return DB_ERR;
}

static int run_simple(struct pdb *d, const char *sql)
{
	PGresult *r = PQexec(d->c, sql);
	int rc = map_result(d, r);
	PQclear(r);
	return rc;
}

/* ---- the connection ----------------------------------------------------- */

/* The session's settings: a writer waits as long as SQLite's busy timeout. */
static int setup(struct pdb *d)
{
	PQsetNoticeProcessor(d->c, quiet, NULL);
	if (PQsetClientEncoding(d->c, "UTF8") != 0)
		return -1;
	return run_simple(d, "SET lock_timeout = '10s'; SET client_min_messages = warning") == DB_DONE ? 0 : -1;
}

/* After the server went away: a new connection, and every cached statement
 * to be prepared again. Only between transactions. */
static int reconnect(struct pdb *d)
{
	if (PQstatus(d->c) == CONNECTION_OK)
		return 0;
	if (d->base.depth > 0)
		return -1;
	PQreset(d->c);
	if (PQstatus(d->c) != CONNECTION_OK || setup(d) < 0)
		return -1;
	for (int i = 0; i < STMT_CACHE; i++)
		d->cache[i].prepared = 0;
	return 0;
}

static const char *p_errmsg(struct db *db) { return PDB(db)->err; }

/* Whether a failure was the connection's, outside a transaction, and a
 * new connection is made: then the statement is worth one more try. */
static int lost_and_found(struct pdb *d) { return PQstatus(d->c) != CONNECTION_OK && d->base.depth == 0 && reconnect(d) == 0; }

static int p_exec(struct db *db, const char *sql)
{
	struct pdb *d = PDB(db);
	if (reconnect(d) < 0) {
		snprintf(d->err, sizeof(d->err), "geen verbinding met de database");
		return DB_ERR;
	}
	int r = run_simple(d, sql);
	if (r == DB_ERR && lost_and_found(d))
		r = run_simple(d, sql);
	return r;
}

static int p_begin(struct db *db, int write)
{
	struct pdb *d = PDB(db);
	int r = p_exec(db, write ? "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK ")"
				 : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
	if (r != DB_DONE && PQtransactionStatus(d->c) != PQTRANS_IDLE)
		run_simple(d, "ROLLBACK");
	return r;
}

static int p_commit(struct db *db)
{
	struct pdb *d = PDB(db);
	PGresult *res = PQexec(d->c, "COMMIT");
	int r = map_result(d, res);
	/* COMMIT of a failed transaction answers ROLLBACK, not an error. */
	if (r == DB_DONE && strcmp(PQcmdStatus(res), "COMMIT")) {
		snprintf(d->err, sizeof(d->err), "de transactie was al mislukt en is teruggedraaid");
		r = DB_ERR;
	}
	PQclear(res);
	return r;
}

static void p_close(struct db *db)
{
	struct pdb *d = PDB(db);
	for (int i = 0; i < STMT_CACHE; i++) {
		free(d->cache[i].sql);
		free(d->cache[i].pg_sql);
		free(d->cache[i].sig);
	}
	PQfinish(d->c);
	free(d);
}

/* ---- statements -------------------------------------------------------- */

/* The shared dialect's placeholders as PostgreSQL's: '?' is one more than
 * the largest number so far (SQLite's rule), '?N' is $N. Quoted text,
 * quoted names and comments are copied as they are. */
static char *translate(const char *sql, int *nparams)
{
	size_t len = strlen(sql), cap = len * 4 + 1;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t o = 0;
	int max = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			out[o++] = *p++;
			while (*p) {
				if (*p == q && p[1] == q) {
					out[o++] = *p++;
					out[o++] = *p++;
				} else if (*p == q) {
					out[o++] = *p++;
					break;
				} else {
					out[o++] = *p++;
				}
			}
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				out[o++] = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			out[o++] = *p++;
			out[o++] = *p++;
			while (*p && !(p[0] == '*' && p[1] == '/'))
				out[o++] = *p++;
			if (*p) {
				out[o++] = *p++;
				out[o++] = *p++;
			}
		} else if (*p == '?') {
			p++;
			long n = 0;
			if (isdigit((unsigned char)*p)) {
				while (isdigit((unsigned char)*p) && n < 100000)
					n = n * 10 + (*p++ - '0');
			} else {
				n = max + 1;
			}
			if (n < 1 || n > 65535) {
				free(out);
				return NULL;
			}
			if (n > max)
				max = (int)n;
			o += (size_t)snprintf(out + o, cap - o, "$%ld", n);
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	*nparams = max;
	return out;
}

static unsigned hash_text(unsigned h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u; /* FNV-1a */
	return h;
}

static int is_int_type(char t) { return t == 'i' || t == 'l' || t == 'b'; }

/* The parameter types a statement is prepared with: integers as int8,
 * text and NULL left for PostgreSQL to infer from where they stand, or
 * (as_text) declared text where it cannot. */
static char *signature(const char *fmt, int as_text)
{
	size_t n = strlen(fmt);
	char *sig = malloc(n + 1);
	for (size_t k = 0; sig && k < n; k++)
		sig[k] = is_int_type(fmt[k]) ? 'l' : as_text ? 'T' : 't';
	if (sig)
		sig[n] = '\0';
	return sig;
}

static Oid *param_types(const char *sig, int nparams)
{
	Oid *types = calloc((size_t)nparams + 1, sizeof(Oid));
	for (int k = 0; types && k < nparams && sig[k]; k++)
		types[k] = sig[k] == 'l' ? OID_INT8 : sig[k] == 'T' ? OID_TEXT : 0;
	return types;
}

static int prepare_named(struct pdb *d, struct pcached *c)
{
	Oid *types = param_types(c->sig, c->nparams);
	if (!types)
		return DB_ERR;
	PGresult *r = PQprepare(d->c, c->name, c->pg_sql, c->nparams, types);
	free(types);
	int rc = map_result(d, r);
	PQclear(r);
	if (rc == DB_DONE)
		c->prepared = 1;
	return rc;
}

static void cache_free(struct pdb *d, struct pcached *c)
{
	if (c->prepared && PQstatus(d->c) == CONNECTION_OK && PQtransactionStatus(d->c) != PQTRANS_INERROR) {
		char sql[40];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", c->name);
		PQclear(PQexec(d->c, sql));
	}
	free(c->sql);
	free(c->pg_sql);
	free(c->sig);
	memset(c, 0, sizeof(*c));
}

/* A cache slot for sql with these types: the same statement when it is
 * cached and free, else a new slot (the least recently used one given up).
 * -1 when every slot is in use. */
static int cache_slot(struct pdb *d, const char *sql, const char *sig, unsigned h, int *found)
{
	int victim = -1;
	*found = 0;
	for (int i = 0; i < STMT_CACHE; i++) {
		struct pcached *c = &d->cache[i];
		if (c->sql && !c->in_use && c->hash == h && !strcmp(c->sig, sig) && !strcmp(c->sql, sql)) {
			*found = 1;
			return i;
		}
	}
	for (int i = 0; i < STMT_CACHE; i++) {
		struct pcached *c = &d->cache[i];
		if (!c->sql)
			return i;
		if (!c->in_use && (victim < 0 || c->used < d->cache[victim].used))
			victim = i;
	}
	if (victim >= 0)
		cache_free(d, &d->cache[victim]);
	return victim;
}

/* Prepares sql (cached) and puts its slot in st: DB_DONE, or an error.
 * The text is translated when it is first prepared on this connection. */
static int prepare(struct pdb *d, const char *sql, const char *fmt, struct pstmt *st)
{
	int r = DB_ERR;
	for (int as_text = 0; as_text < 2; as_text++) {
		char *sig = signature(fmt, as_text);
		if (!sig)
			return DB_ERR;
		unsigned h = hash_text(hash_text(2166136261u, sql), sig);
		int found, i = cache_slot(d, sql, sig, h, &found);
		struct pcached *c = i >= 0 ? &d->cache[i] : NULL;
		if (c && found && c->as_text) { /* known to need the text types */
			c->used = ++d->clock;
			free(sig);
			continue;
		}
		if (!c || !found) {
			int nparams;
			char *pg_sql = translate(sql, &nparams);
			if (!pg_sql) {
				snprintf(d->err, sizeof(d->err), "ongeldige parameter in SQL");
				free(sig);
				return DB_ERR;
			}
			st->nparams = nparams;
			if (!c) { /* every slot in use: run it unprepared */
				st->slot = -1;
				st->pg_sql = pg_sql;
				st->sig = sig;
				return DB_DONE;
			}
			c->sql = strdup(sql);
			c->pg_sql = pg_sql;
			c->sig = sig;
			sig = NULL;
			c->hash = h;
			c->nparams = nparams;
			snprintf(c->name, sizeof(c->name), "s%u", ++d->next_name);
			if (!c->sql) {
				cache_free(d, c);
				return DB_ERR;
			}
		}
		free(sig); /* NULL when the cache took it */
		st->nparams = c->nparams;
		/* A statement that fails to prepare spoils the transaction
		 * around it; the first preparation in one gets a savepoint. */
		int guard = !c->prepared && PQtransactionStatus(d->c) == PQTRANS_INTRANS &&
			    run_simple(d, "SAVEPOINT samen_prepare") == DB_DONE;
		r = c->prepared ? DB_DONE : prepare_named(d, c);
		if (guard) {
			char state[6];
			memcpy(state, d->state, sizeof(state));
			run_simple(d,
				   r == DB_DONE ? "RELEASE samen_prepare" : "ROLLBACK TO samen_prepare; RELEASE samen_prepare");
			memcpy(d->state, state, sizeof(state));
		}
		if (r == DB_DONE) {
			c->in_use = 1;
			c->used = ++d->clock;
			st->slot = i;
			return DB_DONE;
		}
		/* A text parameter whose type PostgreSQL cannot infer ("? IS
		 * NULL": 42P18, 42P08): declare the text ones text and try again,
		 * and remember that for the next time. */
		if (as_text || (strcmp(d->state, "42P18") && strcmp(d->state, "42P08"))) {
			cache_free(d, c);
			break;
		}
		c->as_text = 1;
		c->used = ++d->clock;
	}
	return r;
}

static struct db_stmt *p_query(struct db *db, const char *sql, const char *fmt, const struct db_param *params, int n)
{
	struct pdb *d = PDB(db);
	if (reconnect(d) < 0) {
		snprintf(d->err, sizeof(d->err), "geen verbinding met de database");
		return NULL;
	}
	struct pstmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->base.db = db;
	int r = prepare(d, sql, fmt, st);
	if (r != DB_DONE && lost_and_found(d))
		r = prepare(d, sql, fmt, st);
	if (r != DB_DONE) {
		if (PQstatus(d->c) != CONNECTION_OK)
			fprintf(stderr, "samen: geen verbinding met de database: %s\n", d->err);
		else if (PQtransactionStatus(d->c) != PQTRANS_INERROR)
			fprintf(stderr, "samen: SQL-fout: %s\n  in: %s\n", d->err, sql);
		free(st);
		return NULL;
	}
	st->values = calloc((size_t)st->nparams + 1, sizeof(char *));
	if (!st->values) {
		db_finalize(&st->base);
		return NULL;
	}
	for (int k = 0; k < st->nparams && k < n; k++) {
		const struct db_param *x = &params[k];
		char num[24];
		const char *v = NULL;
		if (x->type == 't')
			v = x->t;
		else if (x->type != 'n') {
			snprintf(num, sizeof(num), "%lld", x->i);
			v = num;
		}
		if (v && !(st->values[k] = strdup(v))) {
			db_finalize(&st->base);
			return NULL;
		}
	}
	return &st->base;
}

static PGresult *execute(struct pdb *d, struct pstmt *st)
{
	const char *const *v = (const char *const *)st->values;
	if (st->slot < 0) {
		Oid *types = param_types(st->sig, st->nparams);
		PGresult *r = types ? PQexecParams(d->c, st->pg_sql, st->nparams, types, v, NULL, NULL, 0) : NULL;
		free(types);
		return r;
	}
	return PQexecPrepared(d->c, d->cache[st->slot].name, st->nparams, v, NULL, NULL, 0);
}

/* db_query_all: DECLARE on the first step, then FETCH a batch whenever
 * the last one is used up (a short batch was the last). */
static int cursor_step(struct pdb *d, struct pstmt *st)
{
	char sql[64];
	if (!st->executed) {
		st->executed = 1;
		char *declare = malloc(strlen(st->pg_sql) + 64);
		if (!declare)
			return st->failed = DB_ERR;
		snprintf(declare, strlen(st->pg_sql) + 64, "DECLARE %s NO SCROLL CURSOR FOR %s", st->cursor, st->pg_sql);
		int r = run_simple(d, declare);
		free(declare);
		if (r < 0)
			return st->failed = r;
		st->row = -1;
	}
	if (st->row < st->nrows)
		st->row++;
	if (st->row < st->nrows)
		return DB_ROW;
	if (st->res && st->nrows < CURSOR_BATCH)
		return DB_DONE;
	PQclear(st->res);
	snprintf(sql, sizeof(sql), "FETCH %d FROM %s", CURSOR_BATCH, st->cursor);
	st->res = PQexec(d->c, sql);
	int r = map_result(d, st->res);
	if (r < 0)
		return st->failed = r;
	st->nrows = PQntuples(st->res);
	st->row = 0;
	return st->nrows > 0 ? DB_ROW : DB_DONE;
}

static int p_step(struct db_stmt *base)
{
	struct pstmt *st = PST(base);
	struct pdb *d = PDB(base->db);
	if (st->failed)
		return st->failed;
	if (st->cursor[0])
		return cursor_step(d, st);
	if (!st->executed) {
		st->executed = 1;
		st->res = execute(d, st);
		int r = map_result(d, st->res);
		/* The server went away between two transactions: once more on a new connection. */
		if (r == DB_ERR && lost_and_found(d)) {
			PQclear(st->res);
			st->res = NULL;
			r = st->slot < 0 ? DB_DONE : prepare_named(d, &d->cache[st->slot]);
			if (r == DB_DONE) {
				st->res = execute(d, st);
				r = map_result(d, st->res);
			}
		}
		if (r < 0) {
			st->failed = r;
			return r;
		}
		const char *cmd = PQcmdStatus(st->res);
		if (!strncmp(cmd, "INSERT", 6) || !strncmp(cmd, "UPDATE", 6) || !strncmp(cmd, "DELETE", 6))
			d->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
		st->nrows = PQntuples(st->res);
		st->row = -1;
	}
	if (st->row < st->nrows)
		st->row++;
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static void p_finalize(struct db_stmt *base)
{
	struct pstmt *st = PST(base);
	struct pdb *d = PDB(base->db);
	if (st->slot >= 0)
		d->cache[st->slot].in_use = 0;
	if (st->cursor[0] && st->executed && PQtransactionStatus(d->c) == PQTRANS_INTRANS) {
		char sql[40];
		snprintf(sql, sizeof(sql), "CLOSE %s", st->cursor);
		run_simple(d, sql);
	}
	for (int k = 0; st->values && k < st->nparams; k++)
		free(st->values[k]);
	free(st->values);
	free(st->pg_sql);
	free(st->sig);
	PQclear(st->res);
	free(st);
}

static int on_row(struct pstmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 && col < PQnfields(st->res);
}

static int p_col_null(struct db_stmt *base, int col)
{
	struct pstmt *st = PST(base);
	return !on_row(st, col) || PQgetisnull(st->res, st->row, col);
}

static const char *p_col_text(struct db_stmt *base, int col)
{
	struct pstmt *st = PST(base);
	if (p_col_null(base, col))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == OID_BOOL) /* as SQLite writes a truth value */
		return v[0] == 't' ? "1" : "0";
	return v;
}

static long long p_col_int(struct db_stmt *base, int col)
{
	const char *v = p_col_text(base, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static int p_col_count(struct db_stmt *base) { return PST(base)->res ? PQnfields(PST(base)->res) : 0; }

static const char *p_col_name(struct db_stmt *base, int col)
{
	struct pstmt *st = PST(base);
	return st->res && col >= 0 && col < PQnfields(st->res) ? PQfname(st->res, col) : NULL;
}

static int p_col_is_int(struct db_stmt *base, int col)
{
	if (p_col_null(base, col))
		return 0;
	Oid t = PQftype(PST(base)->res, col);
	return t == OID_INT8 || t == OID_INT4 || t == OID_INT2 || t == OID_BOOL;
}

static long long p_changes(struct db *db) { return PDB(db)->changes; }

/* ---- the schema ---------------------------------------------------------- */

static int names(struct db *db, const char *sql, const char *arg, struct db_tables *out)
{
	struct db_stmt *st = db_query(db, sql, arg ? "t" : NULL, arg);
	int r;
	out->n = 0;
	while ((r = db_step(st)) == DB_ROW && out->n < DB_MAX_TABLES)
		snprintf(out->name[out->n++], DB_NAME_MAX, "%s", db_col_text(st, 0));
	db_finalize(st);
	return r == DB_DONE ? 0 : -1;
}

static int p_tables(struct db *db, struct db_tables *out)
{
	return names(db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", NULL, out);
}

static int p_references(struct db *db, const char *table, struct db_tables *out)
{
	return names(db,
		     "SELECT DISTINCT f.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
		     " JOIN pg_class f ON f.oid = c.confrelid"
		     " WHERE c.contype = 'f' AND t.relname = ? AND t.relnamespace = current_schema()::regnamespace ORDER BY 1",
		     table, out);
}

static int p_sync_ids(struct db *db, const char *table)
{
	struct db_stmt *st = db_query(db,
				      "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
				      " WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace"
				      " AND a.attidentity <> '' AND NOT a.attisdropped",
				      "t", table);
	char col[DB_NAME_MAX] = "";
	int r = db_step(st);
	if (r == DB_ROW)
		snprintf(col, sizeof(col), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (r < 0)
		return r;
	if (!col[0] || strspn(col, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(col))
		return DB_DONE; /* no identity column */
	/* setval(…, max + 1, false): the next id follows the largest; an empty table starts at 1. */
	char sql[400];
	snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s",
		 table, col, col, table);
	return run_simple(PDB(db), sql);
}

static struct db_stmt *p_query_all(struct db *db, const char *sql)
{
	struct pdb *d = PDB(db);
	struct pstmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->base.db = db;
	st->slot = -1;
	st->pg_sql = strdup(sql);
	if (!st->pg_sql) {
		free(st);
		return NULL;
	}
	snprintf(st->cursor, sizeof(st->cursor), "c%u", ++d->next_name);
	return &st->base;
}

static const struct db_ops pg_ops = {
	.engine = DB_POSTGRES,
	.close = p_close,
	.errmsg = p_errmsg,
	.exec = p_exec,
	.begin = p_begin,
	.commit = p_commit,
	.query = p_query,
	.step = p_step,
	.finalize = p_finalize,
	.col_int = p_col_int,
	.col_text = p_col_text,
	.col_null = p_col_null,
	.col_count = p_col_count,
	.col_name = p_col_name,
	.col_is_int = p_col_is_int,
	.changes = p_changes,
	.tables = p_tables,
	.references = p_references,
	.sync_ids = p_sync_ids,
	.query_all = p_query_all,
	.defer_foreign_keys = "SET CONSTRAINTS ALL DEFERRED",
	.drop_suffix = " CASCADE",
};

/* The connection string as it may be shown: a password replaced by ***. */
static void redact(const char *in, char *out, size_t len)
{
	size_t o = 0;
	const char *scheme = strstr(in, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL, *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (!at || (slash && slash < at) || !colon || colon > at)
		colon = at = NULL; /* no user:password@ */
	for (const char *p = in; *p && o + 4 < len;) {
		if (p == colon) { /* postgresql://user:secret@host */
			memcpy(out + o, ":***", 4);
			o += 4;
			p = at;
		} else if (!strncmp(p, "password=", 9) && (p == in || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&')) {
			if (o + 12 >= len)
				break;
			memcpy(out + o, "password=***", 12);
			o += 12;
			p += 9;
			while (*p && *p != ' ' && *p != '&')
				p++;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

static int check_database(struct pdb *d, char *err, int errlen, const char *shown)
{
	/* datlocprovider 'i' (ICU, PostgreSQL 15+) sorts by its own rules whatever datcollate says. */
	PGresult *r = PQexec(d->c, "SELECT pg_encoding_to_char(encoding),"
				   " CASE WHEN to_jsonb(d)->>'datlocprovider' = 'i' THEN 'ICU ' || (to_jsonb(d)->>'daticulocale')"
				   " ELSE datcollate END FROM pg_database d WHERE datname = current_database()");
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
	if (!ok) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet gebruiken: %s", shown, PQerrorMessage(d->c));
	} else if (strcmp(PQgetvalue(r, 0, 0), "UTF8")) {
		snprintf(err, (size_t)errlen, "database '%s' heeft codering %s; samen vraagt UTF8", shown, PQgetvalue(r, 0, 0));
		ok = 0;
	} else {
		/* Sorting by bytes, as SQLite does: the same lists in the same order on both engines. */
		const char *coll = PQgetvalue(r, 0, 1);
		if (strcmp(coll, "C") && strcmp(coll, "POSIX") && strcmp(coll, "C.UTF-8") && strcmp(coll, "C.utf8")) {
			snprintf(err, (size_t)errlen,
				 "database '%s' sorteert volgens '%s'; samen vraagt een database die op bytes sorteert, "
				 "zoals SQLite: CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc "
				 "LC_COLLATE 'C' "
				 "LC_CTYPE 'C.UTF-8' (docs/installatie.md)",
				 shown, coll);
			ok = 0;
		}
	}
	PQclear(r);
	return ok ? 0 : -1;
}

int db_pg_open(const char *conninfo, struct db **out, char *err, int errlen)
{
	char shown[512];
	redact(conninfo, shown, sizeof(shown));
	struct pdb *d = calloc(1, sizeof(*d));
	if (!d) {
		snprintf(err, (size_t)errlen, "geen geheugen");
		return -1;
	}
	d->base.ops = &pg_ops;
	d->c = PQconnectdb(conninfo);
	if (PQstatus(d->c) != CONNECTION_OK) {
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", d->c ? PQerrorMessage(d->c) : "geen geheugen");
		size_t l = strlen(msg);
		while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
			msg[--l] = '\0';
		snprintf(err, (size_t)errlen, "kan database '%s' niet openen: %s", shown, msg);
		p_close(&d->base);
		return -1;
	}
	if (setup(d) < 0) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet gebruiken: %s", shown, d->err);
		p_close(&d->base);
		return -1;
	}
	if (check_database(d, err, errlen, shown) < 0) {
		p_close(&d->base);
		return -1;
	}
	*out = &d->base;
	return 0;
}
