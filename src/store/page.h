/* page.h — one page of a list, chosen in SQL (LIMIT and OFFSET over a stable
 * ORDER BY), and the size of the whole list (a count over the same query).
 * A list function takes a struct store_page *, NULL for the whole list:
 *
 *   #define SQL "SELECT code, naam FROM organisaties ORDER BY naam, code"
 *   struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, STORE_PAGE_BINDS, STORE_PAGE_ARGS(pg));
 *   if (pg)
 *           store_page_count(pg, db_query(s->db, STORE_PAGE_COUNT(SQL), NULL));
 *
 * With filters, their binds come first: fmt "t" STORE_PAGE_BINDS, org, STORE_PAGE_ARGS(pg). */
#ifndef SAMEN_STORE_PAGE_H
#define SAMEN_STORE_PAGE_H
#include "store/store.h"

struct store_page {
	long long offset; /* rows skipped */
	long long limit;  /* rows at most */
	long long total;  /* set by store_page_count: rows in the whole list */
};

#define STORE_PAGE_SQL " LIMIT ? OFFSET ?"
#define STORE_PAGE_BINDS "ll"
#define STORE_PAGE_ARGS(pg) store_page_limit(pg), store_page_offset(pg)
#define STORE_PAGE_COUNT(sql) "SELECT count(*) FROM (" sql ") AS alles"

long long store_page_limit(const struct store_page *pg);  /* the limit; all rows when pg is NULL */
long long store_page_offset(const struct store_page *pg); /* 0 when pg is NULL */
/* Sets pg->total from the count statement st, and finalizes it. 0, or a
 * negative db_step_result. */
int store_page_count(struct store_page *pg, struct db_stmt *st);

#endif
