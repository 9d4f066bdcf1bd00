/* router.h — finds the route for a request and runs it.
 *
 * The route tables are the installed site's (request.h): the API's
 * (api_tables, api.h) and the pages' (src/web), put together by the serve
 * command. A path that matches no pattern gets 404; one that
 * matches a pattern but not its method gets 405 with Allow. Before the
 * handler runs, the request's actor is identified (auth.c). */
#ifndef SAMEN_HTTP_ROUTER_H
#define SAMEN_HTTP_ROUTER_H
#include "http/request.h"

void router_dispatch(struct request *rq, struct response *rs);
/* Who asks, without answering or recording anything: the account id of a
 * valid token or session, 0 for anonymous. It may set rq->client_ip to
 * the client behind a trusted proxy (auth_begin). The server uses it to
 * count requests in progress per account. A request whose turn came at
 * once keeps the actor found from its API token (rq->token_known), so that
 * router_dispatch does not look the token up again. */
long long router_who(struct request *rq);
/* Whether path matches pattern ("/api/v1/organisaties/{code}"); on a match
 * rq's path params are filled (the values malloc'd: the caller frees
 * rq->param_values[0 .. nparams-1]). */
int router_match(const char *pattern, const char *path, struct request *rq);

#endif
