/* The interests of the members of a verband (docs/api.md "Belangen", store
 * register_belangen.h): each member's visie en kernwaarden,
 * organisatiebelang and position on the end goal, tempo, inhoud and schaal,
 * in dated versions. Reading is open, like the register; a member records
 * its own (belangen-vastleggen: its manager, or its member of the verband's
 * stuurgroep; the beheerder). */
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/register_belangen.h"

static const char *filter(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static int get_belangen(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_belangen_list(rq->store, req_param(rq, "code"), filter(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_history(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_belangen_history(rq->store, req_param(rq, "code"), filter(rq, "organisatie"), &out, &p);
	return api_query_result(rs, r, out, &p);
}

static int post_belangen(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (rq->actor.role == ROLE_NONE) {
		api_error(rs, 401, "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
		authz_audit(rq, ACT_INTERESTS_WRITE, 401, code);
		return 0;
	}
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_INTERESTS_WRITE, rs->status, code);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	/* A member speaks for itself: whose interests they are decides who may. */
	const char *org = json_string_value(json_object_get(in, "organisatie"));
	if (!org || !org[0]) {
		problem_param(&p, "organisatie", "is verplicht: de code van het lid wiens belangen het zijn");
		api_problem(rs, &p);
	} else if (!policy_allows(&rq->actor, ACT_INTERESTS_WRITE, org, code)) {
		char msg[600];
		authz_refusal(rq, org, msg, sizeof(msg));
		api_error(rs, 403,
			  "%s Belangen legt het lid zelf vast: zijn manager of zijn lid van de stuurgroep van het verband.", msg);
	} else {
		int r = register_belangen_create(rq->store, rq->actor.name, code, in, &out, &p);
		api_result(rs, r, 201, out, &p);
	}
	authz_audit(rq, ACT_INTERESTS_WRITE, rs->status, code);
	json_decref(in);
	return 0;
}

#define TAG "register"
const struct route api_register_belangen_routes[] = {
	{ "GET", "/api/v1/verbanden/{code}/belangen", get_belangen, TAG,
	  "De belangen van de leden: visie en kernwaarden, organisatiebelang en positie, zoals op een datum", NULL, "[Belang]",
	  "datum", 0, "lijstBelangen",
	  "Per lid van het verband op de datum (leeg: vandaag) de laatste versie op of voor die datum; een lid zonder "
	  "vastgelegde belangen ontbreekt.",
	  ROUTE_PUBLIC },
	{ "POST", "/api/v1/verbanden/{code}/belangen", post_belangen, TAG,
	  "Belangen van een lid vastleggen, als nieuwe versie vanaf een datum", "NieuwBelang", "Belang", NULL, 1, "maakBelang",
	  "Een lid legt zijn eigen belangen vast: zijn manager, of zijn lid van de stuurgroep van dit verband (of de "
	  "beheerder). Eerdere versies blijven bewaard.",
	  0 },
	{ "GET", "/api/v1/verbanden/{code}/belangen/historie", get_history, TAG,
	  "Alle versies van de belangen van de leden, per lid op datum", NULL, "[Belang]", "organisatie", 0,
	  "lijstBelangenHistorie", NULL, ROUTE_PUBLIC },
	{ 0 },
};
