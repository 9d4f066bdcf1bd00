/* paging.h — lists of the API in pages (NL API Design Rules): ?pagina (from
 * 1) and ?paginaGrootte choose the page; the answer stays a JSON array, with
 * the headers Link (first, prev, next, last; RFC 8288) and X-Total-Count.
 * The page itself is chosen in SQL (store/page.h). */
#ifndef SAMEN_HTTP_PAGING_H
#define SAMEN_HTTP_PAGING_H
#include "http/request.h"
#include "store/page.h"

#define PAGING_DEFAULT_SIZE 1000 /* big enough that a client that never asked for pages sees whole lists */
#define PAGING_MAX_SIZE 5000

/* Reads the page asked for into pg. A bad value is a field error in p
 * (400); returns -1 then. */
int paging_read(struct request *rq, struct store_page *pg, struct problem *p);
/* The same with another page size when none is asked, for a list whose
 * rows are large (an opdracht with its inzet). */
int paging_read_size(struct request *rq, struct store_page *pg, long long size, struct problem *p);
/* The headers of page pg (Link, X-Total-Count), for an answer that is not
 * a JSON list (a page of the journal). */
void paging_headers(struct request *rq, struct response *rs, const struct store_page *pg);
/* Answers 200 with list (stolen), one page of pg->total, and its headers. */
int paging_respond(struct request *rq, struct response *rs, const struct store_page *pg, json_t *list);
/* The answer to a store call that returned r for a page: the problem when r
 * < 0 (an unknown object in a filter is 422, as api_query_result), else
 * the page. */
int paging_result(struct request *rq, struct response *rs, const struct store_page *pg, int r, json_t *list, struct problem *p);

/* Whether route answers a collection: a GET whose result is a JSON list
 * ("[Traject]"). Every collection is paged: by its handler in SQL
 * (ROUTE_PAGED), or else by the router (paging_slice). */
int paging_is_collection(const struct route *route);
/* The page pg of the JSON array a handler answered in rs (200, JSON), with
 * the same headers as paging_respond; any other answer stays as it is.
 * For the short lists of one object (a history, the agreements of a
 * verband) that its handler reads whole. */
void paging_slice(struct request *rq, struct response *rs, const struct store_page *pg);

#endif
