/* web.h — the server-rendered pages (Dutch) and static assets, as the
 * serve command needs them for the site (http/request.h, struct site):
 * the page route tables, the error page and the page for an unknown path. */
#ifndef SAMEN_WEB_WEB_H
#define SAMEN_WEB_WEB_H
#include "http/request.h"

/* Every page route table, NULL-terminated, in the order they are tried. */
extern const struct route *const web_tables[];
/* A whole error page (html.h's page_error). */
void web_error_page(struct request *rq, struct response *rs, int status, const char *message);
void web_not_found(struct request *rq, struct response *rs);

#endif
