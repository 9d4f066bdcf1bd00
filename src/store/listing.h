/* listing.h — a long list read one page at a time, by the database: a
 * search, a sort chosen from the columns the list allows, and LIMIT/OFFSET
 * after an ORDER BY that ends in the list's unique key, so that the same
 * request gives the same page. The SQL is portable (lower(), LIKE with an
 * ESCAPE, LIMIT/OFFSET, count(*) OVER () for the total).
 *
 * A store function that supports it takes a const struct listing * (NULL:
 * its old behaviour), binds listing_pattern() as one of its parameters in
 * "(? IS NULL OR lower(col) LIKE ? ESCAPE '\')", appends listing_order()
 * to its SELECT and reports the total rows before paging. The strings are
 * borrowed. */
#ifndef SAMEN_STORE_LISTING_H
#define SAMEN_STORE_LISTING_H
#include <stddef.h>

struct listing {
	const char *search; /* text to find (a part of a word, any case); NULL or "": everything */
	const char *sort;   /* a column key the list allows; NULL or unknown: the list's default */
	int desc;           /* 1: descending */
	long long limit;    /* rows per page; 0: all rows (a CSV download) */
	long long offset;   /* rows to skip */
};

/* A sortable column: the key a page uses and the SQL expression behind it
 * (a constant in the store, never text from a request). */
struct listing_column {
	const char *key, *expr;
};

/* The LIKE pattern for l->search into out ("%text%", lower-cased ASCII,
 * with % _ and \ escaped by \), or NULL when there is nothing to find. */
const char *listing_pattern(const struct listing *l, char *out, size_t outlen);

/* Writes " ORDER BY <expr> ASC|DESC, <tiebreak> LIMIT n OFFSET m" into out
 * (LIMIT left out when l->limit is 0). cols ends with {NULL, NULL}; the
 * first is the default. tiebreak is the unique key ("m.id"). Returns out. */
const char *listing_order(const struct listing *l, const struct listing_column cols[], int default_desc, const char *tiebreak,
			  char *out, size_t outlen);

#endif
