#include <stdint.h>
#include "store/page.h"

long long store_page_limit(const struct store_page *pg) { return pg ? pg->limit : INT64_MAX; }
long long store_page_offset(const struct store_page *pg) { return pg ? pg->offset : 0; }

void store_page_begin(struct store *s, struct store_page *pg)
{
	if (pg)
		pg->snapshot = db_begin_read(s->db) >= 0;
}

int store_page_end(struct store *s, struct store_page *pg, struct db_stmt *count)
{
	if (!pg)
		return 0;
	int r = db_step(count);
	if (r == DB_ROW)
		pg->total = db_col_int(count, 0);
	db_finalize(count);
	if (pg->snapshot)
		db_commit(s->db);
	pg->snapshot = 0;
	return r == DB_ROW ? 0 : r < 0 ? r : DB_ERR;
}
