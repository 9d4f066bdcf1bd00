#include <stdlib.h>
#include <string.h>
#include "http/cors.h"

/* Whether origin may read this path: the document always, the rest when
 * SAMEN_CORS_ORIGINS names it (or is "*"). */
static int allowed(const struct request *rq, const char *origin, int *any)
{
	*any = !strcmp(rq->path, "/api/v1/openapi.json");
	if (*any)
		return 1;
	const char *list = getenv("SAMEN_CORS_ORIGINS");
	size_t n = strlen(origin);
	for (const char *s = list; s && *s;) {
		while (*s == ' ' || *s == ',')
			s++;
		size_t l = strcspn(s, ", ");
		if (l == 1 && *s == '*')
			return *any = 1;
		if (l && l == n && !strncmp(s, origin, n))
			return 1;
		s += l;
	}
	return 0;
}

static const char *origin_of(struct request *rq)
{
	const char *o = req_header(rq, "Origin");
	return o && *o && strlen(o) < 256 && !strpbrk(o, "\r\n") ? o : NULL;
}

static void allow_origin(struct response *rs, const char *origin, int any)
{
	resp_header(rs, "Access-Control-Allow-Origin", any ? "*" : origin);
	if (!any)
		resp_header(rs, "Vary", "Origin");
}

void cors_preflight(struct request *rq, struct response *rs, const char *allow)
{
	char methods[160];
	snprintf(methods, sizeof(methods), "%s, OPTIONS", allow);
	rs->status = 204;
	resp_header(rs, "Allow", methods);
	const char *origin = origin_of(rq);
	int any;
	if (!origin || !allowed(rq, origin, &any))
		return;
	allow_origin(rs, origin, any);
	resp_header(rs, "Access-Control-Allow-Methods", methods);
	resp_header(rs, "Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Accept");
	resp_header(rs, "Access-Control-Max-Age", "600");
}

void cors_apply(struct request *rq, struct response *rs)
{
	const char *origin = origin_of(rq);
	int any;
	if (!origin || !req_is_api(rq) || !strcmp(rq->method, "OPTIONS") || !allowed(rq, origin, &any))
		return;
	allow_origin(rs, origin, any);
	resp_header(rs, "Access-Control-Expose-Headers",
		    "API-Version, Link, X-Total-Count, Location, Retry-After, WWW-Authenticate");
}
