/* The register import (store/register.h, docs/registerformaat.md): a
 * whole document into a real SQLite database, rolled back after each
 * input; a refusal must leave nothing behind. */
#include <jansson.h>
#include "store/register.h"
#include "store/store.h"
#include "fuzz.h"

static struct store *g_store;

static long long count_orgs(void)
{
	struct db_stmt *st = db_query(g_store->db, "SELECT count(*) FROM organisaties", NULL);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_finalize(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!g_store) {
		struct problem p;
		problem_init(&p);
		/* In memory: the same SQL and rules, without the disk. */
		if (store_open(":memory:", &g_store, &p) < 0)
			abort();
	}
	json_error_t e;
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		return 0;
	long long before = count_orgs();
	struct problem p;
	problem_init(&p);
	if (db_begin(g_store->db) == 0) {
		register_import(g_store, doc, &p);
		db_rollback(g_store->db);
	}
	if (count_orgs() != before)
		abort(); /* rolled back means nothing written */
	json_decref(doc);
	return 0;
}
