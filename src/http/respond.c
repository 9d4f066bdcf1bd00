#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/utf8.h"
#include "http/respond.h"

/* A JSON string of s. Problem texts quote user input (paths, query values)
 * and are cut to fixed buffers, possibly inside a character; jansson
 * refuses such text, which would silently drop the detail. Invalid bytes
 * become U+FFFD. */
static json_t *problem_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t cap = strlen(s) * 3 + 1;
	char *clean = malloc(cap);
	if (!clean)
		return json_string("");
	utf8_clean(s, "\xef\xbf\xbd", clean, cap);
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
