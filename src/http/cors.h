/* cors.h — Cross-Origin Resource Sharing for the API (NL API Design Rules
 * /core/transport/cors). The OpenAPI document is readable from any origin;
 * the rest of the API only from the origins in SAMEN_CORS_ORIGINS (comma-
 * separated, e.g. "https://portaal.gemeente.nl"; "*" for any), and never
 * with cookies: a page elsewhere uses a Bearer token. */
#ifndef SAMEN_HTTP_CORS_H
#define SAMEN_HTTP_CORS_H
#include "http/request.h"

/* The answer to a preflight (OPTIONS on an API path): 204 with Allow and,
 * for an allowed origin, the Access-Control-Allow-* headers. allow lists
 * the methods of the path. */
void cors_preflight(struct request *rq, struct response *rs, const char *allow);
/* Adds Access-Control-Allow-Origin (and what a script may read) to an API
 * answer for an allowed origin. */
void cors_apply(struct request *rq, struct response *rs);

#endif
