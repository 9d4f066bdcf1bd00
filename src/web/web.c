#include <string.h>
#include "core/embedded.h"
#include "web/web.h"

static int home(struct request *rq, struct response *rs)
{
	resp_text(rs, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"nl\"><title>samen</title><h1>samen</h1></html>");
	return 0;
}

void web_not_found(struct request *rq, struct response *rs)
{
	resp_text(rs, 404, "text/html; charset=utf-8", "<!doctype html><html lang=\"nl\"><title>Niet gevonden</title><h1>Niet gevonden</h1></html>");
}

const struct route web_routes[] = {
	{ "GET", "/", home, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
