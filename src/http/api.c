#include <stdarg.h>
#include <stdio.h>
#include "http/api.h"
#include "http/router.h"

int api_json(struct response *rs, int status, json_t *j)
{
	rs->status = status;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/json");
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	buf_adds(&rs->body, s ? s : "null");
	free(s);
	return 0;
}

int api_problem(struct response *rs, const struct problem *p)
{
	router_problem(rs, p);
	return 0;
}

int api_error(struct response *rs, int status, const char *fmt, ...)
{
	struct problem p;
	problem_init(&p);
	p.status = status;
	snprintf(p.title, sizeof(p.title), "%s", problem_title(status));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p.detail, sizeof(p.detail), fmt, ap);
	va_end(ap);
	return api_problem(rs, &p);
}

int api_body_object(struct request *rq, struct response *rs, json_t **out)
{
	json_error_t e;
	if (rq->body_len == 0) {
		api_error(rs, 400, "Het verzoek heeft geen inhoud; verwacht een JSON-object.");
		return -1;
	}
	json_t *j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		api_error(rs, 400, "Ongeldige JSON op regel %d, kolom %d: %s", e.line, e.column, e.text);
		return -1;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		api_error(rs, 400, "Verwacht een JSON-object.");
		return -1;
	}
	*out = j;
	return 0;
}
