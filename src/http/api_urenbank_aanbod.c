/* Offers of capacity in a proeftuin (docs/api.md "Aanbod", store
 * urenbank_aanbod.h): a member announces a medewerker or a competence it
 * can spare; the network reads the offers; an offer becomes inzet with the
 * consent of the opdrachtgevers. Who may (policy.c): offering and
 * withdrawing is inzetten for the offering organisation (its manager, the
 * process manager); converting is inzetten for it, or instemmen for an
 * opdrachtgever of the opdracht (who takes up the offer for its own work).
 * Every POST honours Idempotency-Key and is in the audit log. */
#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "http/api_urenbank_scope.h"
#include "http/idempotency.h"
#include "store/urenbank.h"
#include "store/urenbank_aanbod.h"

static int path_id(struct request *rq, struct response *rs, long long *id)
{
	if (http_parse_id(req_param(rq, "id"), id) == 0)
		return 0;
	api_error(rs, 404, "'%s' is geen nummer van een aanbod.", req_param(rq, "id"));
	return -1;
}

static const char *const why_offer =
	"Aanbod doet de manager van de organisatie zelf (voor haar eigen mensen), of de procesmanager van de proeftuin.";
static const char *const why_convert = "Aanbod zet in wie de medewerker mag inzetten (de manager van de aanbieder, de "
				       "procesmanager) of de manager van een opdrachtgever van de opdracht.";

static void op_create(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (urenbank_scope_load(rq, rs, &sc) < 0)
		return;
	/* For whom: the body's organisatie, or the actor's own. */
	const char *org = json_string_value(json_object_get(in, "organisatie"));
	if (!org || !org[0])
		org = rq->actor.org[0] ? rq->actor.org : NULL;
	char object[120];
	snprintf(object, sizeof(object), "%s aanbod %s", sc.code, org ? org : "");
	if (!urenbank_scope_allows(rq, ACT_STAFFING, org, &sc)) {
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, object, why_offer);
		return;
	}
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_aanbod_create(rq->store, &rq->actor, sc.code, org, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_STAFFING, rs->status, object);
}

static void op_withdraw(struct request *rq, struct response *rs, json_t *in)
{
	(void)in;
	struct urenbank_scope sc;
	long long id;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || path_id(rq, rs, &id) < 0)
		return;
	char org[40], object[120];
	struct problem p;
	problem_init(&p);
	if (urenbank_aanbod_org(rq->store, sc.code, id, org, sizeof(org), &p) < 0) {
		api_problem(rs, &p);
		return;
	}
	snprintf(object, sizeof(object), "%s aanbod %lld", sc.code, id);
	if (!urenbank_scope_allows(rq, ACT_STAFFING, org, &sc)) {
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, object, why_offer);
		return;
	}
	json_t *out = NULL;
	int r = urenbank_aanbod_withdraw(rq->store, &rq->actor, sc.code, id, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_STAFFING, rs->status, object);
}

static void op_convert(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	long long id;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || path_id(rq, rs, &id) < 0)
		return;
	char org[40], object[120];
	struct problem p;
	problem_init(&p);
	if (urenbank_aanbod_org(rq->store, sc.code, id, org, sizeof(org), &p) < 0) {
		api_problem(rs, &p);
		return;
	}
	snprintf(object, sizeof(object), "%s aanbod %lld", sc.code, id);
	/* The opdrachtgevers the actor consents for: asked of nobody else. */
	json_t *yes = json_array(), *principals = NULL;
	json_t *o = json_object_get(in, "opdracht");
	if (json_is_integer(o) && json_integer_value(o) > 0 &&
	    urenbank_opdracht_principals(rq->store, sc.code, json_integer_value(o), &principals, &p) == 0) {
		size_t i;
		json_t *x;
		json_array_foreach(principals, i, x)
			if (urenbank_scope_allows(rq, ACT_CONSENT, json_string_value(x), &sc))
				json_array_append(yes, x);
	}
	json_decref(principals);
	problem_init(&p);
	if (!urenbank_scope_allows(rq, ACT_STAFFING, org, &sc) && json_array_size(yes) == 0) {
		json_decref(yes);
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, object, why_convert);
		return;
	}
	json_t *out = NULL;
	int done = 0;
	int r = urenbank_aanbod_convert(rq->store, &rq->actor, sc.code, id, in, yes, &out, &done, &p);
	json_decref(yes);
	api_result(rs, r, done ? 201 : 202, out, &p);
	authz_audit(rq, ACT_STAFFING, rs->status, object);
}

/* Signed in, and a role that could staff or consent at all, before anything is looked up. */
static int post(struct request *rq, struct response *rs, idempotent_op op, int body_optional)
{
	if (rq->actor.role == ROLE_NONE) {
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, NULL, "");
		return 0;
	}
	const struct policy_target own = { rq->actor.org[0] ? rq->actor.org : NULL,
					   rq->actor.verband[0] ? rq->actor.verband : NULL, NULL };
	if (!policy_allows_in(&rq->actor, ACT_STAFFING, &own) && !policy_allows_in(&rq->actor, ACT_CONSENT, &own)) {
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, NULL, op == op_convert ? why_convert : why_offer);
		return 0;
	}
	json_t *in = NULL;
	if (body_optional && rq->body_len == 0)
		in = json_object();
	else if (api_body_object(rq, rs, &in) < 0)
		return 0;
	return idempotent_run(rq, rs, in, op);
}
static int post_create(struct request *rq, struct response *rs) { return post(rq, rs, op_create, 0); }
static int post_withdraw(struct request *rq, struct response *rs) { return post(rq, rs, op_withdraw, 1); }
static int post_convert(struct request *rq, struct response *rs) { return post(rq, rs, op_convert, 0); }

static int get_list(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	/* An unknown proeftuin is the path's 404; an unknown organisatie in the filter is a 400. */
	int r = urenbank_aanbod_list(rq->store, req_param(rq, "p"), req_query(rq, "status"), req_query(rq, "organisatie"), &out,
				     &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_one(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	long long id;
	if (path_id(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_aanbod_get(rq->store, req_param(rq, "p"), id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

#define PT "/api/v1/proeftuinen/{p}"
const struct route api_urenbank_aanbod_routes[] = {
	{ "GET", PT "/aanbod", get_list, "urenbank", "Aanbod van capaciteit en expertise in de proeftuin", NULL, "[Aanbod]",
	  "status:aanbod,organisatie", 0, "lijstAanbod",
	  "Voor elk lid van het netwerk zichtbaar; nieuwste eerst, met wat er nog over is en wat ervan is ingezet.", 0 },
	{ "POST", PT "/aanbod", post_create, "urenbank", "Capaciteit of expertise aanbieden (een medewerker of een competentie)",
	  "NieuwAanbod", "Aanbod", NULL, 1, "maakAanbod",
	  "Voor de manager van de aanbiedende organisatie (organisatie: standaard de eigen) en de procesmanager.", 0 },
	{ "GET", PT "/aanbod/{id}", get_one, "urenbank", "Eén aanbod met zijn omzettingen in inzet", NULL, "Aanbod", NULL, 0,
	  "haalAanbod", NULL, 0 },
	{ "POST", PT "/aanbod/{id}/intrekken", post_withdraw, "urenbank", "Een aanbod intrekken", NULL, "Aanbod", NULL, 0,
	  "trekAanbodIn", "Wat al is ingezet, blijft staan.", 0 },
	{ "POST", PT "/aanbod/{id}/inzet", post_convert, "urenbank",
	  "Aanbod omzetten in inzet op een opdracht (202: eerst de instemming van de opdrachtgevers gevraagd)", "Aanbodinzet",
	  "Inzet", NULL, 1, "zetAanbodIn",
	  "De aanbieder stemde in door aan te bieden; de opdrachtgevers wier trekkingsrechten het gebruikt, worden gevraagd "
	  "(behalve voor wie de aanvrager zelf instemt). Hoogstens wat er van het aanbod over is.",
	  0 },
	{ 0 },
};
