/* web.h — the server-rendered pages (Dutch) and static assets. */
#ifndef SAMEN_WEB_WEB_H
#define SAMEN_WEB_WEB_H
#include "http/http.h"

extern const struct route web_routes[];
void web_not_found(struct request *rq, struct response *rs);

#endif
