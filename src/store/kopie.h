/* kopie.h — a whole samen instance from one database into another (samen
 * kopieer): SQLite → PostgreSQL, PostgreSQL → SQLite, or the same engine.
 *
 * All or nothing: the target must be empty (its schema is made by
 * store_open), every row is written in one transaction on the target, and
 * before that transaction commits the copy is checked: every table holds
 * the same rows as the source (compared row by row, in the same order, and
 * counted), and the ledger of every proeftuin recomputes on the target
 * (urenbank_verify). Anything wrong rolls it all back. The source is read
 * from one snapshot, so a server may keep writing to it meanwhile. */
#ifndef SAMEN_STORE_KOPIE_H
#define SAMEN_STORE_KOPIE_H
#include "store/store.h"
#include "store/urenbank.h"

struct kopie_table {
	char name[DB_NAME_MAX];
	long long rows;
};

struct kopie_result {
	size_t ntables;
	struct kopie_table tables[DB_MAX_TABLES];
	long long rows;
	struct urenbank_verify_stats ledger;
};

/* Copies from into to. progress (may be NULL) hears of each table when it
 * is done. 0, or -status with p set (409: the target is not empty; 422:
 * the schemas differ; 500: a copy that does not check out). */
int kopie_run(struct store *from, struct store *to, void (*progress)(void *ctx, const struct kopie_table *t), void *ctx,
	      struct kopie_result *out, struct problem *p);

#endif
