/* request.c — the accessors of request.h, on top of libmicrohttpd's
 * connection values, and the installed site. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/request.h"

static const struct site *g_site;

void http_site_install(const struct site *s) { g_site = s; }
const struct site *http_site(void) { return g_site; }

const char *req_param(struct request *rq, const char *name)
{
	for (int i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->param_names[i], name))
			return rq->param_values[i];
	return "";
}

int http_parse_id(const char *s, long long *id)
{
	char *end;
	if (!s || !*s || strlen(s) > 18 || *s < '0' || *s > '9')
		return -1;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

const char *req_query(struct request *rq, const char *name)
{
	if (!rq->conn)
		return NULL;
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct request *rq, const char *name)
{
	if (!rq->conn)
		return NULL;
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *rq, const char *name)
{
	if (!rq->conn)
		return NULL;
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

struct target_ctx {
	struct buf *out;
	int n;
};

static void url_encode(struct buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_addc(b, (char)*p);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct target_ctx *c = cls;
	(void)kind;
	buf_addc(c->out, c->n++ ? '&' : '?');
	url_encode(c->out, key);
	if (value) {
		buf_addc(c->out, '=');
		url_encode(c->out, value);
	}
	return MHD_YES;
}

void req_target(struct request *rq, struct buf *out)
{
	for (const char *p = rq->path; *p; p++) {
		char one[2] = { *p, 0 };
		if (*p == '/')
			buf_addc(out, '/');
		else
			url_encode(out, one);
	}
	if (!rq->conn)
		return;
	struct target_ctx c = { out, 0 };
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_arg, &c);
}

int req_is_api(const struct request *rq) { return !strncmp(rq->path, "/api/", 5); }

void resp_header(struct response *rs, const char *name, const char *value)
{
	if (rs->nheaders >= HTTP_MAX_HEADERS)
		return;
	rs->header_names[rs->nheaders] = strdup(name);
	rs->header_values[rs->nheaders] = strdup(value);
	rs->nheaders++;
}

void resp_text(struct response *rs, int status, const char *content_type, const char *text)
{
	rs->status = status;
	snprintf(rs->content_type, sizeof(rs->content_type), "%s", content_type);
	buf_adds(&rs->body, text);
}

void resp_release(struct response *rs)
{
	buf_release(&rs->body);
	for (int i = 0; i < rs->nheaders; i++) {
		free(rs->header_names[i]);
		free(rs->header_values[i]);
	}
}
