/* request.c — the accessors of request.h, on top of libmicrohttpd's
 * connection values, and the installed site. */
#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "http/request.h"
#include "store/fdio.h"

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

struct query_copy {
	struct buf *b;
	int n;
	const char *const *skip;
};

static void url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr("-._~", *c)) {
			buf_add(b, (const char *)c, 1);
		} else {
			char e[3] = { '%', hex[*c >> 4], hex[*c & 15] };
			buf_add(b, e, 3);
		}
	}
}

static enum MHD_Result copy_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct query_copy *q = cls;
	for (const char *const *k = q->skip; k && *k; k++)
		if (!strcmp(*k, key))
			return MHD_YES;
	buf_adds(q->b, q->n++ ? "&" : "?");
	url_encode(q->b, key);
	if (value) {
		buf_adds(q->b, "=");
		url_encode(q->b, value);
	}
	return MHD_YES;
}

int req_query_string(struct request *rq, char *out, size_t outlen, const char *path, const char *const *skip)
{
	struct buf b;
	buf_init(&b, outlen);
	buf_adds(&b, path);
	struct query_copy q = { &b, 0, skip };
	if (rq->conn)
		MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, copy_param, &q);
	int r = buf_failed(&b) || b.len >= outlen ? -1 : 0;
	if (r == 0)
		snprintf(out, outlen, "%s", buf_str(&b));
	buf_release(&b);
	return r;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t http_unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		int hi, lo;
		if (r[0] == '%' && (hi = hex_value(r[1])) >= 0 && (lo = hex_value(r[2])) >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
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
	struct query_copy q = { out, 0, NULL };
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, copy_param, &q);
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

int resp_file_begin(struct response *rs)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/samen-uitvoer-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	unlink(path); /* gone with the last descriptor */
	rs->body_fd = fd;
	rs->body_in_file = 1;
	return 0;
}

int resp_file_add(void *ctx, const char *text, size_t len)
{
	struct response *rs = ctx;
	return fdio_write_all(rs->body_fd, text, len);
}

int resp_file_copy(void *ctx, int fd, long long offset, long long len)
{
	struct response *rs = ctx;
	off_t at = (off_t)offset;
	/* In the kernel, from page cache to page cache; read and written
	 * where that cannot be done (another file system, an older kernel). */
	while (len > 0) {
		ssize_t n = copy_file_range(fd, &at, rs->body_fd, NULL, (size_t)len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len -= n;
	}
	char chunk[65536];
	while (len > 0) {
		ssize_t n = pread(fd, chunk, len < (long long)sizeof(chunk) ? (size_t)len : sizeof(chunk), at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || resp_file_add(rs, chunk, (size_t)n) < 0)
			return -1;
		at += n;
		len -= n;
	}
	return 0;
}

void resp_release(struct response *rs)
{
	if (rs->body_in_file) {
		close(rs->body_fd);
		rs->body_in_file = 0;
	}
	buf_release(&rs->body);
	for (int i = 0; i < rs->nheaders; i++) {
		free(rs->header_names[i]);
		free(rs->header_values[i]);
	}
}
