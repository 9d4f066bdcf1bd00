#include "web/page_besturing.h"
#include "web/page_dienstverlening.h"
#include "web/page_kwaliteitskaart.h"
#include "web/page_matching.h"
#include "web/page_mijn.h"
#include "web/page_register_belangen.h"
#include "web/page_register_verloop.h"
#include "web/page_urenbank.h"
#include "web/pages.h"
#include "web/web.h"

void web_error_page(struct request *rq, struct response *rs, int status, const char *message)
{
	page_error(rq, rs, status, message);
}

void web_not_found(struct request *rq, struct response *rs)
{
	page_error(rq, rs, 404,
		   "Deze pagina bestaat niet (meer). Controleer het adres, of kies een verband of organisatie in het overzicht.");
}

static const struct route register_routes[] = {
	{ "GET", "/", page_home, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/organisaties/{code}", page_organisatie, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/verbanden/{code}", page_verband, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/netwerk", page_netwerk, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/organisaties/{code}/wijziging", page_register_org_wijziging, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/organisaties/{code}/kaders", page_register_org_kaders, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verbanden/{code}/afspraken", page_register_verband_afspraak, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verbanden/{code}/belangen", page_register_belangen_post, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verbanden/{code}/vergadering", page_register_verband_vergadering, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verbanden/{code}/evaluatie-uitkomst", page_register_verband_evaluatie, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/organisaties/{code}/rapportageplanning", page_register_org_plan, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/static/{name}", static_serve, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};

const struct route *const web_tables[] = { page_mijn_routes,
					   page_matching_routes,
					   page_kwaliteitskaart_routes,
					   page_gebruikers_routes,
					   page_gebruikers_beheer_routes,
					   page_audit_routes,
					   page_besturing_routes,
					   page_urenbank_opdracht_routes,
					   page_urenbank_routes,
					   register_routes,
					   page_urenbank_rapport_routes,
					   page_dienstverlening_routes,
					   NULL };
