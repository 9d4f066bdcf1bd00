#include <stdint.h>
#include "store/page.h"

long long store_page_limit(const struct store_page *pg) { return pg ? pg->limit : INT64_MAX; }
long long store_page_offset(const struct store_page *pg) { return pg ? pg->offset : 0; }

int store_page_count(struct store_page *pg, struct db_stmt *st)
{
	int r = db_step(st);
	if (r == DB_ROW)
		pg->total = db_col_int(st, 0);
	db_finalize(st);
	return r == DB_ROW ? 0 : r < 0 ? r : DB_ERR;
}
