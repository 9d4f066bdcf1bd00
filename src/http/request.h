/* request.h — requests, responses and routes, shared by the API (src/http)
 * and the pages (src/web), and the site: which route tables are served.
 *
 * A handler gets a parsed struct request and fills a struct response; it
 * always returns 0. The server owns both and frees them after sending.
 * rq->store is the calling thread's database connection.
 *
 * Routes are tables of struct route ending in {0}; a pattern segment
 * "{name}" captures that segment (already URL-decoded) as a path param. */
#ifndef SAMEN_HTTP_HTTP_H
#define SAMEN_HTTP_HTTP_H
#include <stddef.h>
#include <jansson.h>
#include "core/buf.h"
#include "core/problem.h"
#include "store/store.h"
#include "core/policy.h"

#define HTTP_MAX_PARAMS 6
#define HTTP_MAX_HEADERS 12
#define HTTP_MAX_BODY (1024u * 1024u) /* request bodies beyond this get 413 */

struct MHD_Connection;

struct request {
	const char *method;
	const char *path;
	const char *body; /* NUL-terminated; "" when none */
	size_t body_len;
	int nparams;
	const char *param_names[HTTP_MAX_PARAMS];
	char *param_values[HTTP_MAX_PARAMS];
	const char *client_ip;
	int tls;
	struct store *store;
	struct actor actor; /* who is asking; actor.role == ROLE_NONE when anonymous */
	struct MHD_Connection *conn;
};

struct response {
	int status;
	char content_type[80];
	struct buf body;
	int nheaders;
	char *header_names[HTTP_MAX_HEADERS];
	char *header_values[HTTP_MAX_HEADERS];
};

typedef int (*handler_fn)(struct request *rq, struct response *rs);

struct route {
	const char *method;
	const char *pattern;
	handler_fn fn;
	const char *tag;     /* OpenAPI tag; NULL for pages */
	const char *summary; /* OpenAPI summary */
	const char *body;    /* schema name of the request body, or NULL */
	const char *result;  /* schema name of the response, or NULL */
	const char *query;   /* comma-separated query parameters, or NULL */
	int created;         /* answers 201 */
};

/* Path param by name ("" when absent) and query parameter (NULL when absent). */
const char *req_param(struct request *rq, const char *name);
const char *req_query(struct request *rq, const char *name);
const char *req_header(struct request *rq, const char *name);
const char *req_cookie(struct request *rq, const char *name);
/* A positive integer id as it stands in a path: digits only (no sign,
 * no spaces), at most 18 of them. 0, or -1 when it is no id. */
int http_parse_id(const char *s, long long *id);

/* The path and query of the request, percent-encoded again, as a link
 * back to it ("/proeftuinen/dt2012/goedkeuren?x=1"). */
void req_target(struct request *rq, struct buf *out);

/* Whether the request is for the JSON API (/api/…) rather than a page. */
int req_is_api(const struct request *rq);

void resp_header(struct response *rs, const char *name, const char *value);
void resp_text(struct response *rs, int status, const char *content_type, const char *text);
/* Frees what the response holds (body, headers); the server calls it. */
void resp_release(struct response *rs);

/* What the server serves: the route tables, the API's and the pages',
 * NULL-terminated and tried in order, and how a page shows an error. The
 * serve command assembles it (src/cli/cmd_serve.c), so that nothing in
 * src/http needs to know the pages of src/web. */
struct site {
	const struct route *const *tables;
	/* A whole HTML error page with status and a Dutch message. */
	void (*error_page)(struct request *rq, struct response *rs, int status, const char *message);
	/* The page for a path that names no page. */
	void (*not_found)(struct request *rq, struct response *rs);
};
/* Installs the site before the server starts; http_site() returns it. */
void http_site_install(const struct site *s);
const struct site *http_site(void);

#endif
