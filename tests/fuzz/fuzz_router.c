/* The router's path and query handling (http/router.h, http/request.h):
 * a request target "path?query" is decoded as libmicrohttpd hands it over
 * (http_unescape on the path and on each name and value) and matched
 * against every route of the API; ids in the path and in the query are
 * read as the handlers read them. */
#include "http/api.h"
#include "http/router.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	char *q = strchr(s, '?');
	if (q)
		*q++ = '\0';
	http_unescape(s);
	for (const struct route *const *t = api_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++) {
			struct request rq = { .method = r->method, .path = s };
			if (!router_match(r->pattern, s, &rq))
				continue;
			for (int i = 0; i < rq.nparams; i++) {
				long long id;
				http_parse_id(rq.param_values[i], &id);
				free(rq.param_values[i]);
			}
		}
	for (char *part = q, *next; part && *part; part = next) {
		next = strchr(part, '&');
		if (next)
			*next++ = '\0';
		char *eq = strchr(part, '=');
		if (eq)
			*eq++ = '\0';
		http_unescape(part);
		if (eq) {
			long long id;
			http_unescape(eq);
			http_parse_id(eq, &id);
		}
	}
	free(s);
	return 0;
}
