#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/paging.h"

static int read_positive(struct request *rq, const char *name, long long max, long long *out, struct problem *p)
{
	const char *v = req_query(rq, name);
	long long n;
	if (!v)
		return 0;
	if (http_parse_id(v, &n) < 0 || n > max)
		return problem_param(p, name, "moet een geheel getal van 1 tot en met %lld zijn", max);
	*out = n;
	return 0;
}

int paging_read(struct request *rq, struct store_page *pg, struct problem *p)
{
	return paging_read_size(rq, pg, PAGING_DEFAULT_SIZE, p);
}

int paging_read_size(struct request *rq, struct store_page *pg, long long size, struct problem *p)
{
	long long page = 1;
	read_positive(rq, "pagina", 1000000000LL, &page, p);
	read_positive(rq, "paginaGrootte", PAGING_MAX_SIZE, &size, p);
	if (p->status)
		return -1;
	pg->limit = size;
	pg->offset = (page - 1) * size;
	pg->total = 0;
	return 0;
}

static void add_link(struct buf *b, const char *base, long long page, long long size, const char *rel)
{
	char tail[128];
	snprintf(tail, sizeof(tail), "%spagina=%lld&paginaGrootte=%lld>; rel=\"%s\"", strchr(base, '?') ? "&" : "?", page, size,
		 rel);
	if (b->len)
		buf_adds(b, ", ");
	buf_adds(b, "<");
	buf_adds(b, base);
	buf_adds(b, tail);
}

void paging_headers(struct request *rq, struct response *rs, const struct store_page *pg)
{
	static const char *const own[] = { "pagina", "paginaGrootte", NULL };
	long long size = pg->limit > 0 ? pg->limit : 1, page = pg->offset / size + 1;
	long long last = pg->total > 0 ? (pg->total + size - 1) / size : 1;
	char base[4096];
	if (req_query_string(rq, base, sizeof(base), rq->path, own) == 0) {
		struct buf links;
		buf_init(&links, 5 * sizeof(base));
		add_link(&links, base, 1, size, "first");
		if (page > 1)
			add_link(&links, base, page - 1 <= last ? page - 1 : last, size, "prev");
		if (page < last)
			add_link(&links, base, page + 1, size, "next");
		add_link(&links, base, last, size, "last");
		if (!buf_failed(&links))
			resp_header(rs, "Link", buf_str(&links));
		buf_release(&links);
	}
	char total[32];
	snprintf(total, sizeof(total), "%lld", pg->total);
	resp_header(rs, "X-Total-Count", total);
}

int paging_respond(struct request *rq, struct response *rs, const struct store_page *pg, json_t *list)
{
	paging_headers(rq, rs, pg);
	return api_json(rs, 200, list);
}

int paging_result(struct request *rq, struct response *rs, const struct store_page *pg, int r, json_t *list, struct problem *p)
{
	if (r >= 0)
		return paging_respond(rq, rs, pg, list);
	json_decref(list);
	return api_query_result(rs, r, NULL, p);
}

int paging_is_collection(const struct route *route)
{
	return route->result && route->result[0] == '[' && !strcmp(route->method, "GET") && !(route->flags & ROUTE_CURSOR);
}

void paging_slice(struct request *rq, struct response *rs, const struct store_page *pg)
{
	if (rs->status != 200 || rs->body_in_file || strncmp(rs->content_type, "application/json", 16))
		return;
	for (int i = 0; i < rs->nheaders; i++)
		if (!strcmp(rs->header_names[i], "X-Total-Count"))
			return; /* paged by the handler */
	json_t *all = json_loadb(buf_str(&rs->body), rs->body.len, 0, NULL);
	if (!json_is_array(all)) {
		json_decref(all);
		return;
	}
	struct store_page page = *pg;
	page.total = (long long)json_array_size(all);
	json_t *part = json_array();
	for (long long i = page.offset; i < page.total && i < page.offset + page.limit; i++)
		json_array_append(part, json_array_get(all, (size_t)i));
	json_decref(all);
	buf_release(&rs->body);
	buf_init(&rs->body, 0);
	paging_respond(rq, rs, &page, part);
}
