/* router.h — finds the route for a request and runs it.
 *
 * The route tables are listed in router.c: the API's (api_*.c) and the
 * pages' (src/web). A path that matches no pattern gets 404; one that
 * matches a pattern but not its method gets 405 with Allow. Before the
 * handler runs, the request's actor is identified (auth.c). */
#ifndef SAMEN_HTTP_ROUTER_H
#define SAMEN_HTTP_ROUTER_H
#include "http/http.h"

void router_dispatch(struct request *rq, struct response *rs);
/* Renders p as problem+json (API) into rs. */
void router_problem(struct response *rs, const struct problem *p);
/* Once per database at server start (e.g. the SAMEN_ADMIN_TOKEN bootstrap). */
int router_bootstrap(struct store *s, struct problem *p);
/* All route tables, NULL-terminated; for the OpenAPI document. */
extern const struct route *const *router_tables;

#endif
