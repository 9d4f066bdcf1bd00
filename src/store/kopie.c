/* kopie_run (kopie.h): a whole instance into an empty database, checked
 * row by row before it is committed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "store/kopie.h"

#define MAX_COLUMNS 64

struct columns {
	int n;
	char name[MAX_COLUMNS][DB_NAME_MAX];
};

/* The columns of table, in the order the schema has them. */
static int table_columns(struct db *db, const char *table, struct columns *c)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE 1 = 0", table);
	struct db_stmt *st = db_query(db, sql, NULL);
	int r = db_step(st);
	c->n = 0;
	if (r == DB_DONE)
		for (int i = 0; i < db_col_count(st) && c->n < MAX_COLUMNS; i++)
			snprintf(c->name[c->n++], DB_NAME_MAX, "%s", db_col_name(st, i));
	db_finalize(st);
	return r == DB_DONE && c->n > 0 ? 0 : -1;
}

/* "SELECT a, b FROM t ORDER BY 1 NULLS FIRST, 2 NULLS FIRST": every row in
 * one order that both engines agree on (integers by value, text by bytes). */
static char *select_all(const char *table, const struct columns *c)
{
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_adds(&b, "SELECT ");
	for (int i = 0; i < c->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", c->name[i]);
	buf_printf(&b, " FROM %s ORDER BY ", table);
	for (int i = 0; i < c->n; i++)
		buf_printf(&b, "%s%d NULLS FIRST", i ? ", " : "", i + 1);
	return buf_failed(&b) ? (buf_release(&b), NULL) : buf_detach(&b);
}

/* "INSERT INTO t(a, b) VALUES(?, ?), (?, ?), …" for rows rows. */
static char *insert_sql(const char *table, const struct columns *c, int rows)
{
	struct buf b;
	buf_init(&b, 1024 * 1024);
	buf_printf(&b, "INSERT INTO %s(", table);
	for (int i = 0; i < c->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", c->name[i]);
	buf_adds(&b, ") VALUES");
	for (int r = 0; r < rows; r++) {
		buf_adds(&b, r ? ", (" : "(");
		for (int i = 0; i < c->n; i++)
			buf_adds(&b, i ? ", ?" : "?");
		buf_adds(&b, ")");
	}
	return buf_failed(&b) ? (buf_release(&b), NULL) : buf_detach(&b);
}

static int same_columns(const struct columns *a, const struct columns *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->name[i], b->name[i]))
			return 0;
	return 1;
}

/* Rows go over in batches: one statement (one round trip to PostgreSQL)
 * per BATCH rows. Every value as text: each engine turns it into the
 * column's type (an integer column gets "42" as 42, losslessly). */
#define BATCH 200

struct batch {
	int rows;
	const char *fmt;
	const char **texts; /* BATCH × columns, owned */
};

static int flush(struct store *to, const char *table, const struct columns *c, struct batch *b, struct problem *p)
{
	if (!b->rows)
		return 0;
	char *ins = insert_sql(table, c, b->rows);
	int w = ins ? db_run_values(to->db, ins, b->fmt + (size_t)(BATCH - b->rows) * (size_t)c->n, NULL, b->texts) : DB_ERR;
	free(ins);
	for (int i = 0; i < b->rows * c->n; i++)
		free((char *)b->texts[i]);
	b->rows = 0;
	if (w < 0)
		return problem_set(p, 500, "Kan rijen van tabel %s niet schrijven: %s", table, db_errmsg(to->db));
	return 0;
}

static int copy_rows(struct store *from, struct store *to, const char *table, const struct columns *c, long long *rows,
		     struct problem *p)
{
	char *sel = select_all(table, c), *fmt = malloc((size_t)BATCH * (size_t)c->n + 1);
	struct batch b = { 0, fmt, calloc((size_t)BATCH * (size_t)c->n, sizeof(char *)) };
	int r = sel && fmt && b.texts ? 0 : problem_set(p, 500, "geen geheugen");
	if (fmt) {
		memset(fmt, 't', (size_t)BATCH * (size_t)c->n);
		fmt[(size_t)BATCH * (size_t)c->n] = '\0';
	}
	struct db_stmt *st = r == 0 ? db_query_all(from->db, sel) : NULL;
	int step = DB_DONE;
	*rows = 0;
	while (r == 0 && (step = db_step(st)) == DB_ROW) {
		for (int i = 0; i < c->n && r == 0; i++) {
			const char *v = db_col_text(st, i);
			const char **slot = &b.texts[b.rows * c->n + i];
			*slot = v ? strdup(v) : NULL;
			if (v && !*slot)
				r = problem_set(p, 500, "geen geheugen");
		}
		b.rows++;
		(*rows)++;
		if (r == 0 && b.rows == BATCH)
			r = flush(to, table, c, &b, p);
	}
	if (r == 0 && step != DB_DONE)
		r = problem_set(p, 500, "Kan tabel %s niet lezen: %s", table, db_errmsg(from->db));
	if (r == 0)
		r = flush(to, table, c, &b, p);
	for (int i = 0; i < b.rows * c->n && b.texts; i++)
		free((char *)b.texts[i]);
	db_finalize(st);
	free(sel);
	free(fmt);
	free(b.texts);
	return r;
}

/* Both tables, read in the same order, hold the same rows. */
static int compare_rows(struct store *from, struct store *to, const char *table, const struct columns *c, long long rows,
			struct problem *p)
{
	char *sel = select_all(table, c);
	if (!sel)
		return problem_set(p, 500, "geen geheugen");
	struct db_stmt *a = db_query_all(from->db, sel), *b = db_query_all(to->db, sel);
	long long n = 0;
	int r = 0;
	for (;;) {
		int sa = db_step(a), sb = db_step(b);
		if (sa != sb) {
			r = problem_set(p, 500, "Tabel %s telt na het kopiëren %s rijen dan de bron.", table,
					sa == DB_ROW ? "minder" : "meer");
			break;
		}
		if (sa != DB_ROW) {
			if (sa != DB_DONE)
				r = problem_set(p, 500, "Kan tabel %s niet nalezen.", table);
			break;
		}
		n++;
		for (int i = 0; i < c->n && r == 0; i++) {
			const char *x = db_col_text(a, i), *y = db_col_text(b, i);
			if ((!x) != (!y) || (x && strcmp(x, y)))
				r = problem_set(p, 500, "Tabel %s, rij %lld, kolom %s verschilt na het kopiëren.", table, n,
						c->name[i]);
		}
		if (r)
			break;
	}
	if (r == 0 && n != rows)
		r = problem_set(p, 500, "Tabel %s: %lld rijen geschreven, %lld nagelezen.", table, rows, n);
	db_finalize(a);
	db_finalize(b);
	free(sel);
	return r;
}

static int versions_equal(struct store *from, struct store *to)
{
	const char *sql = "SELECT versie FROM schema_migraties ORDER BY versie";
	struct db_stmt *a = db_query(from->db, sql, NULL), *b = db_query(to->db, sql, NULL);
	int same = 1, sa, sb;
	do {
		sa = db_step(a);
		sb = db_step(b);
		same = sa == sb && (sa != DB_ROW || db_col_int(a, 0) == db_col_int(b, 0));
	} while (same && sa == DB_ROW);
	db_finalize(a);
	db_finalize(b);
	return same && sa == DB_DONE;
}

static int has_rows(struct db *db, const char *table)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT 1 FROM %s LIMIT 1", table);
	struct db_stmt *st = db_query(db, sql, NULL);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

/* The target's tables, in an order to fill them; each must exist, empty,
 * with the same columns in the source. */
static int check_schemas(struct store *from, struct store *to, struct db_tables *tt, struct problem *p)
{
	struct db_tables *ft = malloc(sizeof(*ft));
	struct columns *ca = malloc(sizeof(*ca)), *cb = malloc(sizeof(*cb));
	int r = ft && ca && cb ? 0 : problem_set(p, 500, "geen geheugen");
	if (r == 0 && (db_tables(from->db, ft) < 0 || db_tables(to->db, tt) < 0))
		r = problem_set(p, 500, "Kan de tabellen niet opsommen.");
	if (r == 0 && (ft->n != tt->n || !versions_equal(from, to)))
		r = problem_set(p, 422,
				"De bron en het doel hebben niet hetzelfde schema; werk eerst beide bij met deze versie "
				"van samen.");
	for (size_t i = 0; r == 0 && i < tt->n; i++) {
		if (table_columns(to->db, tt->name[i], cb) < 0 || table_columns(from->db, tt->name[i], ca) < 0 ||
		    !same_columns(ca, cb))
			r = problem_set(p, 422, "Tabel %s verschilt tussen de bron en het doel.", tt->name[i]);
		else if (strcmp(tt->name[i], "schema_migraties") && has_rows(to->db, tt->name[i]))
			r = problem_set(p, 409,
					"Het doel is niet leeg (tabel %s heeft rijen); samen kopieer schrijft alleen in een "
					"lege database.",
					tt->name[i]);
	}
	free(ft);
	free(ca);
	free(cb);
	return r;
}

int kopie_run(struct store *from, struct store *to, void (*progress)(void *ctx, const struct kopie_table *t), void *ctx,
	      struct kopie_result *out, struct problem *p)
{
	memset(out, 0, sizeof(*out));
	struct db_tables *tt = malloc(sizeof(*tt));
	struct columns *c = malloc(sizeof(*c));
	if (!tt || !c) {
		free(tt);
		free(c);
		return problem_set(p, 500, "geen geheugen");
	}
	/* One snapshot of the source; one transaction on the target. */
	int r = db_begin_read(from->db) < 0 ? store_db_problem(from, DB_ERR_BUSY, p, "bron") : 0;
	if (r == 0 && db_begin(to->db) < 0) {
		db_commit(from->db);
		r = store_db_problem(to, DB_ERR_BUSY, p, "doel");
	}
	if (r < 0) {
		free(tt);
		free(c);
		return r;
	}
	r = check_schemas(from, to, tt, p);
	if (r == 0 && db_defer_foreign_keys(to->db) < 0)
		r = problem_set(p, 500, "Kan de vreemde sleutels niet uitstellen: %s", db_errmsg(to->db));
	for (size_t i = 0; r == 0 && i < tt->n; i++) {
		const char *t = tt->name[i];
		if (!strcmp(t, "schema_migraties"))
			continue;
		struct kopie_table *k = &out->tables[out->ntables++];
		snprintf(k->name, sizeof(k->name), "%s", t);
		r = table_columns(from->db, t, c) < 0 ? problem_set(p, 500, "Kan tabel %s niet lezen.", t) : 0;
		if (r == 0)
			r = copy_rows(from, to, t, c, &k->rows, p);
		if (r == 0 && db_sync_ids(to->db, t) < 0)
			r = problem_set(p, 500, "Kan de nummering van tabel %s niet bijwerken: %s", t, db_errmsg(to->db));
		if (r == 0) {
			out->rows += k->rows;
			if (progress)
				progress(ctx, k);
		}
	}
	/* Checked before anything is committed: the rows, then the ledger. */
	for (size_t i = 0; r == 0 && i < out->ntables; i++)
		if (table_columns(from->db, out->tables[i].name, c) < 0 ||
		    compare_rows(from, to, out->tables[i].name, c, out->tables[i].rows, p) < 0)
			r = p->status ? -p->status : problem_set(p, 500, "Kan tabel %s niet nalezen.", out->tables[i].name);
	if (r == 0) {
		long long diff = urenbank_verify(to, NULL, NULL, NULL, &out->ledger, p);
		if (diff > 0)
			r = problem_set(p, 500,
					"Het journaal klopt na het kopiëren niet: %lld verschillen; er is niets gekopieerd.",
					diff);
		else if (diff < 0)
			r = (int)diff;
	}
	if (r == 0 && db_commit(to->db) < 0)
		r = problem_set(p, 500, "Kan de kopie niet vastleggen: %s", db_errmsg(to->db));
	if (r < 0)
		db_rollback(to->db);
	db_commit(from->db);
	free(tt);
	free(c);
	return r;
}
