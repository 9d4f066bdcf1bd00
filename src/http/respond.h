/* respond.h — the one place where errors become answers: a struct problem
 * as application/problem+json (RFC 9457, with invalid-params), and an
 * error for either kind of request — problem+json for the API, the site's
 * HTML error page for a page (request.h, struct site). */
#ifndef SAMEN_HTTP_RESPOND_H
#define SAMEN_HTTP_RESPOND_H
#include "http/request.h"

/* Renders p as problem+json into rs (replacing any body). */
void respond_problem(struct response *rs, const struct problem *p);
/* A problem+json answer with status and a detail built from fmt. */
void respond_errorf(struct response *rs, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* status with message: problem+json for /api/…, else the site's error page. */
void respond_error(struct request *rq, struct response *rs, int status, const char *message);

#endif
