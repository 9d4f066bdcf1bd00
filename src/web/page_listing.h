/* page_listing.h — the one toolkit for long tables on the pages: search,
 * filters, sortable columns, paging and a CSV download, all as query
 * parameters of a GET, so every step works without JavaScript and every
 * state has its own address.
 *
 * Query parameters (the same names as the API's paging):
 *   zoek=…            text to find (the page says in what)
 *   sorteer=key       a column's sort key; sorteer=-key sorts descending
 *   pagina=N          1-based page; paginaGrootte=N rows a page (10–500, default 50)
 *   formaat=csv       the whole selection as CSV (Dutch Excel: report/csv_export.h)
 *   plus the page's own filters (listed in keep), carried in every link.
 *
 * How a page uses it:
 *   static const struct page_listing_col cols[] = { { "Naam", "naam" }, { "#Uren", "uren" }, { "Stand", NULL }, { 0 } };
 *   static const char *const keep[] = { "status", NULL };
 *   struct page_listing t = { .base = "/x", .keep = keep, .cols = cols, .default_sort = "naam" };
 *   page_listing_read(&t, rq);
 *   struct listing l; page_listing_to(&t, &l);      → the store function pages in SQL, gives the total
 *   if (t.csv) { …csv_export…; page_listing_send_csv(rs, "x.csv", &csv); }
 *   in the filter <form method="get">: page_listing_search(b, &t, "Zoek op naam"), the page's own
 *     filters, page_listing_form_keep(b, &t), a submit button;
 *   page_listing_open(b, &t, caption, NULL, total); the rows; page_listing_close(b, &t, total).
 * Texts are escaped here; base, keep and the column keys are constants of
 * the page. The struct borrows its strings for the length of a request. */
#ifndef SAMEN_WEB_PAGE_LISTING_H
#define SAMEN_WEB_PAGE_LISTING_H
#include "store/listing.h"
#include "web/html.h"

#define PAGE_LISTING_SIZE 50

struct page_listing_col {
	const char *label; /* header text; a leading '#' marks a numeric column */
	const char *key;   /* the sort key, or NULL: not sortable */
};

struct page_listing {
	/* set by the page */
	const char *base;                    /* the page's path ("/beheer/audit") */
	const char *const *keep;             /* the page's own filter parameters, NULL-terminated, or NULL */
	const struct page_listing_col *cols; /* ends with { NULL, NULL } */
	const char *default_sort;            /* a key of cols */
	int default_desc;
	/* read from the request by page_listing_read() */
	struct request *rq;
	const char *zoek; /* NULL when empty */
	const char *sort; /* a known key (default_sort when none was asked) */
	int desc;
	long long pagina;  /* ≥ 1 */
	long long grootte; /* rows a page */
	int csv;           /* formaat=csv */
};

void page_listing_read(struct page_listing *t, struct request *rq);
/* The store's side of it (store/listing.h): for CSV every row. */
void page_listing_to(const struct page_listing *t, struct listing *l);
/* A search box named zoek, for inside the page's GET form. */
void page_listing_search(struct buf *b, const struct page_listing *t, const char *label);
/* Hidden fields that keep the sort and page size when the form is sent. */
void page_listing_form_keep(struct buf *b, const struct page_listing *t);
/* A line "Rij 1 tot en met 50 van 123", the CSV link, the table with a
 * caption and a header row whose sortable headers are links (aria-sort on
 * the sorted one); the <tbody> is open. */
void page_listing_open(struct buf *b, const struct page_listing *t, const char *caption, const char *modifier, long long total);
/* Closes the table and writes the pager when there is more than one page. */
void page_listing_close(struct buf *b, const struct page_listing *t, long long total);
/* The pager of a table paged by a query parameter of its own: previous
 * (prev_label), the first, the last and two either side of page, next, in
 * a <nav> named label; nothing when there is one page. href writes the
 * address of page `to` (escaped, as an attribute value). */
void page_listing_pager(struct buf *b, const char *label, const char *prev_label, const char *next_label, long long page,
			long long last, void (*href)(struct buf *b, long long to, const void *ctx), const void *ctx);
/* The short pager of a table paged by a query parameter of its own: links
 * to the first, previous, next and last page, those that lead elsewhere, in
 * a <nav> named label; nothing when last <= 1. href writes the address of
 * page `to` (escaped, as an attribute value). */
void page_listing_pager_ends(struct buf *b, const char *label, long long page, long long last,
			     void (*href)(struct buf *b, long long to, const void *ctx), const void *ctx);
/* The address of this selection with another sort, page or format, as an
 * attribute value (escaped). sort NULL: the current one; pagina 0: the
 * current one. */
void page_listing_href(struct buf *b, const struct page_listing *t, const char *sort, int desc, long long pagina, int csv);
/* For a table that is not long but has figures: whether ?formaat=csv was
 * asked, and the download link to href (a path with its query, escaped
 * here) that the table carries. */
int page_listing_wants_csv(struct request *rq);
void page_listing_csv_link(struct buf *b, const char *href);
/* Sends csv as a download (text/csv, Content-Disposition: attachment). */
void page_listing_send_csv(struct response *rs, const char *filename, struct buf *csv);

#endif
