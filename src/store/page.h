/* page.h — one page of a list, chosen in SQL (LIMIT and OFFSET over an
 * ORDER BY that ends in a unique key, so pages neither overlap nor skip),
 * and the size of the whole list (a count over the same query), both read
 * from one snapshot. A list function takes a struct store_page *, NULL for
 * the whole list:
 *
 *   #define SQL "SELECT code, naam FROM organisaties WHERE soort = ? ORDER BY naam, code"
 *   store_page_begin(s, pg);
 *   struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, "t" STORE_PAGE_BINDS, soort, STORE_PAGE_ARGS(pg));
 *   … the rows …
 *   db_finalize(st);
 *   store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "t", soort) : NULL);
 *
 * The filters' binds come first, the page's last. */
#ifndef SAMEN_STORE_PAGE_H
#define SAMEN_STORE_PAGE_H
#include "store/store.h"

struct store_page {
	long long offset; /* rows skipped */
	long long limit;  /* rows at most */
	long long total;  /* set by store_page_end: rows in the whole list */
	int snapshot;     /* store_page_begin opened one */
};

#define STORE_PAGE_SQL " LIMIT ? OFFSET ?"
#define STORE_PAGE_BINDS "ll"
#define STORE_PAGE_ARGS(pg) store_page_limit(pg), store_page_offset(pg)
#define STORE_PAGE_COUNT(sql) "SELECT count(*) FROM (" sql ") AS alles"

long long store_page_limit(const struct store_page *pg);  /* the limit; all rows when pg is NULL */
long long store_page_offset(const struct store_page *pg); /* 0 when pg is NULL */
/* Opens the read snapshot of the page and its count (nothing when pg is NULL). */
void store_page_begin(struct store *s, struct store_page *pg);
/* Sets pg->total from the count statement (finalized here) and closes the
 * snapshot. 0, or a negative db_step_result. */
int store_page_end(struct store *s, struct store_page *pg, struct db_stmt *count);

#endif
