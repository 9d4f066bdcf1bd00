#include "web/pages.h"
#include "web/web.h"

void web_not_found(struct request *rq, struct response *rs)
{
	page_error(rq, rs, 404,
		   "Deze pagina bestaat niet (meer). Controleer het adres, of kies een verband of organisatie in het overzicht.");
}

const struct route web_routes[] = {
	{ "GET", "/", page_home, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/organisaties/{code}", page_organisatie, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/verbanden/{code}", page_verband, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/netwerk", page_netwerk, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/static/{name}", static_serve, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
