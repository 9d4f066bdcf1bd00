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
#define HTTP_MAX_HEADERS 16
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
	int attempt;         /* how often the server ran this request before (struct response retry_ms) */
	long long waited_ms; /* since its first run */
	int token_known;     /* actor was found from its API token a moment ago (router_who) */
};

struct response {
	int status;
	char content_type[80];
	struct buf body;
	int nheaders;
	char *header_names[HTTP_MAX_HEADERS];
	char *header_values[HTTP_MAX_HEADERS];
	long long delay_ms; /* send the answer this much later, without holding a worker (a failed sign-in) */
	long long retry_ms; /* not now: discard this answer and run the request again this much later */
	int retry_on_hash;  /* … or as soon as a hashing slot comes free (store/gebruikers.h), if sooner */
	int body_in_file;   /* the body is the file body_fd (from its start), not body: a large export */
	int body_fd;        /* the server sends and closes it (resp_release closes it when unsent) */
};

typedef int (*handler_fn)(struct request *rq, struct response *rs);

struct route {
	const char *method;
	const char *pattern;
	handler_fn fn;
	const char *tag;     /* OpenAPI tag; NULL for pages */
	const char *summary; /* OpenAPI summary */
	/* The request body and the result: alternatives separated by '|', each a
	 * schema name sent as JSON ("Traject", "[Traject]" for a list), a media
	 * type ("text/calendar"), or a media type with a schema
	 * ("application/json=Kwaliteitskaart"). NULL: none. */
	const char *body;
	const char *result;
	const char *query; /* comma-separated query parameters, or NULL */
	int created;       /* answers 201 */
	/* The rest of the OpenAPI description (src/http/api_system.c); last, so
	 * that a table written without them still compiles. */
	const char *id;          /* operationId, lowerCamelCase; derived from method and path when NULL */
	const char *description; /* Dutch; what the summary leaves out */
	unsigned flags;          /* ROUTE_* */
};
/* An operation anyone may call without signing in (security: []). */
#define ROUTE_PUBLIC 1u
/* A collection: pages with pagina and paginaGrootte, Link and X-Total-Count (http/paging.h). */
#define ROUTE_PAGED 2u
/* Refuses with 429 and Retry-After after too many attempts (sign-in). */
#define ROUTE_LIMITED 4u
/* Refuses a body of another media type than declared with 415. */
#define ROUTE_MEDIA 8u
/* A collection paged by a cursor of its own (limiet, voor: the audit log),
 * not by pagina and paginaGrootte. */
#define ROUTE_CURSOR 16u

/* The version of the API contract (semantic; CHANGELOG.md): info.version of
 * the OpenAPI document and the API-Version header of every response. */
#define HTTP_API_VERSION "1.5.0"

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

/* path followed by the query string of rq, re-encoded ("…?a=1&b=2"), in out,
 * without the parameters named in skip (NULL-terminated, or NULL). 0, or -1
 * when it does not fit. */
int req_query_string(struct request *rq, char *out, size_t outlen, const char *path, const char *const *skip);
/* URL-decodes s in place (the path and each query name and value, as
 * libmicrohttpd hands them over) and returns its new length. "%00" is
 * left as it is: decoded it would end the C string, and
 * /organisaties/GM0148%00x would be answered as /organisaties/GM0148, so
 * such a path or value simply names nothing. '+' stays '+'. */
size_t http_unescape(char *s);

/* Whether the request is for the JSON API (/api/…) rather than a page. */
int req_is_api(const struct request *rq);

void resp_header(struct response *rs, const char *name, const char *value);
void resp_text(struct response *rs, int status, const char *content_type, const char *text);
/* Makes the body a file that is written piece by piece (resp_file_add)
 * and sent from disk: memory stays small however large the export. 0, or
 * -1 when no temporary file could be made. */
int resp_file_begin(struct response *rs);
/* The emit callback of an export: appends len bytes; -1 on a write error. */
int resp_file_add(void *rs, const char *text, size_t len);
/* Appends len bytes of the open file fd from offset to that body. */
int resp_file_copy(void *rs, int fd, long long offset, long long len);
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
