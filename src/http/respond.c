#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/respond.h"

/* Length of the valid UTF-8 sequence at s (as jansson accepts it: no
 * overlong forms, no surrogates, at most U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
	    (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* A JSON string of s. Problem texts quote user input (paths, query values)
 * and are cut to fixed buffers, possibly inside a character; jansson
 * refuses such text, which would silently drop the detail. Invalid bytes
 * become U+FFFD. */
static json_t *problem_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t len = strlen(s);
	char *clean = malloc(len * 3 + 1);
	if (!clean)
		return json_string("");
	size_t o = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u;) {
		size_t n = utf8_seq(u);
		if (n) {
			memcpy(clean + o, u, n);
			o += n, u += n;
		} else {
			memcpy(clean + o, "\xef\xbf\xbd", 3);
			o += 3, u++;
		}
	}
	clean[o] = '\0';
	j = json_string(clean);
	free(clean);
	return j ? j : json_string("");
}

void respond_problem(struct response *rs, const struct problem *p)
{
	json_t *j = json_object();
	int status = p->status ? p->status : 500;
	json_object_set_new(j, "type", json_string("about:blank"));
	json_object_set_new(j, "title", problem_text(p->title[0] ? p->title : problem_title(status)));
	json_object_set_new(j, "status", json_integer(status));
	json_object_set_new(j, "detail", problem_text(p->detail));
	if (p->nparams) {
		json_t *a = json_array();
		for (int i = 0; i < p->nparams; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "name", problem_text(p->params[i].name));
			json_object_set_new(e, "reason", problem_text(p->params[i].reason));
			json_array_append_new(a, e);
		}
		json_object_set_new(j, "invalid-params", a);
	}
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	buf_release(&rs->body);
	buf_adds(&rs->body, s ? s : "{}");
	free(s);
	rs->status = status;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/problem+json");
}

void respond_errorf(struct response *rs, int status, const char *fmt, ...)
{
	struct problem p;
	problem_init(&p);
	p.status = status;
	snprintf(p.title, sizeof(p.title), "%s", problem_title(status));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p.detail, sizeof(p.detail), fmt, ap);
	va_end(ap);
	respond_problem(rs, &p);
}

void respond_error(struct request *rq, struct response *rs, int status, const char *message)
{
	const struct site *site = http_site();
	if (req_is_api(rq) || !site || !site->error_page)
		respond_errorf(rs, status, "%s", message);
	else
		site->error_page(rq, rs, status, message);
}
