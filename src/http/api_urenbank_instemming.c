/* Consent in the hours exchange (docs/api.md "Instemming"): the requests
 * that wait for an opdrachtgever's answer — a proposal to merge opdrachten,
 * an inzet on its opdracht — and the answers, akkoord or weigeren (with a
 * reason); ending an inzet. An answer is given for one's own organisation
 * (policy: instemmen, the principal's manager; the beheerder names the
 * organisation in "organisatie"). Ending an inzet: who may staff it
 * (inzetten, for the staff's organisation) or any of its opdrachtgevers.
 * Every POST honours Idempotency-Key and is in the audit log. */
#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/paging.h"
#include "http/authz.h"
#include "http/api_urenbank_scope.h"
#include "http/idempotency.h"
#include "store/urenbank.h"

static int path_id(struct request *rq, struct response *rs, long long *id)
{
	if (http_parse_id(req_param(rq, "id"), id) == 0)
		return 0;
	api_error(rs, 404, "'%s' is geen nummer van een verzoek.", req_param(rq, "id"));
	return -1;
}

static void answer(struct request *rq, struct response *rs, json_t *in, const char *soort, int yes)
{
	struct urenbank_scope sc;
	long long id;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || path_id(rq, rs, &id) < 0)
		return;
	json_t *asked = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_consent_parties(rq->store, sc.code, soort, id, &asked, &p) < 0) {
		api_problem(rs, &p);
		return;
	}
	/* For whom: the body's organisatie, or the actor's own. */
	const char *org = json_string_value(json_object_get(in, "organisatie"));
	if (!org)
		org = rq->actor.org;
	char object[160];
	snprintf(object, sizeof(object), "%s %s %lld %s", sc.code, soort, id, org);
	if (!urenbank_scope_allows(rq, ACT_CONSENT, org, &sc)) {
		json_decref(asked);
		urenbank_scope_refuse(rq, rs, ACT_CONSENT, object,
		       "Alleen de manager van een opdrachtgever stemt in, voor de eigen organisatie.");
		return;
	}
	json_decref(asked);
	json_t *out = NULL;
	int r = urenbank_consent_answer(rq->store, &rq->actor, sc.code, soort, id, org, yes, in, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_CONSENT, rs->status, object);
}
static void op_merge_yes(struct request *rq, struct response *rs, json_t *in) { answer(rq, rs, in, "samenvoeging", 1); }
static void op_merge_no(struct request *rq, struct response *rs, json_t *in) { answer(rq, rs, in, "samenvoeging", 0); }
static void op_inzet_yes(struct request *rq, struct response *rs, json_t *in) { answer(rq, rs, in, "inzet", 1); }
static void op_inzet_no(struct request *rq, struct response *rs, json_t *in) { answer(rq, rs, in, "inzet", 0); }

static void op_inzet_end(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	long long id;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || path_id(rq, rs, &id) < 0)
		return;
	char provider[40] = "", object[120];
	json_t *principals = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_inzet_parties(rq->store, sc.code, id, provider, sizeof(provider), &principals, &p) < 0) {
		api_problem(rs, &p);
		return;
	}
	snprintf(object, sizeof(object), "%s inzet %lld", sc.code, id);
	int ok = urenbank_scope_allows(rq, ACT_STAFFING, provider, &sc);
	size_t i;
	json_t *x;
	json_array_foreach(principals, i, x)
		ok |= urenbank_scope_allows(rq, ACT_CONSENT, json_string_value(x), &sc);
	json_decref(principals);
	if (!ok) {
		urenbank_scope_refuse(rq, rs, ACT_STAFFING, object,
		       "Een inzet beëindigt wie hem mag doen (de manager van de medewerker, de procesmanager) of een "
		       "opdrachtgever.");
		return;
	}
	json_t *out = NULL;
	int r = urenbank_inzet_end(rq->store, &rq->actor, sc.code, id, in, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_STAFFING, rs->status, object);
}

/* Signed in first: who may comes before what exists. */
static int post(struct request *rq, struct response *rs, idempotent_op op, enum action action)
{
	if (rq->actor.role == ROLE_NONE) {
		urenbank_scope_refuse(rq, rs, action, NULL, "");
		return 0;
	}
	/* Who could not even for the own organisation, in the own verband (a
	 * raadslid, a medewerker) is refused before anything is looked up. */
	const struct policy_target own = { rq->actor.org[0] ? rq->actor.org : NULL,
					   rq->actor.verband[0] ? rq->actor.verband : NULL, NULL };
	if (!policy_allows_in(&rq->actor, action, &own) &&
	    !(action == ACT_STAFFING && policy_allows_in(&rq->actor, ACT_CONSENT, &own))) {
		urenbank_scope_refuse(rq, rs, action, NULL,
		       action == ACT_CONSENT ? "Alleen de manager van een opdrachtgever stemt in, voor de eigen organisatie."
					     : "Een inzet beëindigt wie hem mag doen (de manager van de medewerker, de "
					       "procesmanager) of een opdrachtgever.");
		return 0;
	}
	json_t *in = NULL;
	if (rq->body_len == 0)
		in = json_object();
	else if (api_body_object(rq, rs, &in) < 0)
		return 0;
	return idempotent_run(rq, rs, in, op);
}
static int post_merge_yes(struct request *rq, struct response *rs) { return post(rq, rs, op_merge_yes, ACT_CONSENT); }
static int post_merge_no(struct request *rq, struct response *rs) { return post(rq, rs, op_merge_no, ACT_CONSENT); }
static int post_inzet_yes(struct request *rq, struct response *rs) { return post(rq, rs, op_inzet_yes, ACT_CONSENT); }
static int post_inzet_no(struct request *rq, struct response *rs) { return post(rq, rs, op_inzet_no, ACT_CONSENT); }
static int post_inzet_end(struct request *rq, struct response *rs) { return post(rq, rs, op_inzet_end, ACT_STAFFING); }

static int get_list(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	const char *org = req_query(rq, "organisatie");
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = urenbank_consent_page(rq->store, req_param(rq, "p"), org && org[0] ? org : NULL, &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}

static int get_pending(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_consents_pending(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

#define PT "/api/v1/proeftuinen/{p}"
const struct route api_urenbank_instemming_routes[] = {
	{ "GET", PT "/instemmingen", get_list, "urenbank",
	  "Voorstellen tot samenvoegen en inzetverzoeken (met organisatie: die op haar antwoord wachten)", NULL,
	  "[Instemmingsverzoek]", "organisatie", 0, "lijstInstemmingsverzoeken", NULL, ROUTE_PAGED },
	{ "POST", PT "/samenvoegvoorstellen/{id}/akkoord", post_merge_yes, "urenbank",
	  "Een opdrachtgever stemt in met het samenvoegen", "Instemming", "Instemmingsverzoek", NULL, 0, "stemInMetSamenvoeging",
	  NULL, 0 },
	{ "POST", PT "/samenvoegvoorstellen/{id}/weigeren", post_merge_no, "urenbank",
	  "Een opdrachtgever weigert het samenvoegen (met reden)", "Instemming", "Instemmingsverzoek", NULL, 0,
	  "weigerSamenvoeging", NULL, 0 },
	{ "POST", PT "/inzetverzoeken/{id}/akkoord", post_inzet_yes, "urenbank",
	  "Een opdrachtgever stemt in met de inzet op zijn opdracht", "Instemming", "Instemmingsverzoek", NULL, 0,
	  "stemInMetInzet", NULL, 0 },
	{ "POST", PT "/inzetverzoeken/{id}/weigeren", post_inzet_no, "urenbank", "Een opdrachtgever weigert de inzet (met reden)",
	  "Instemming", "Instemmingsverzoek", NULL, 0, "weigerInzet", NULL, 0 },
	{ "POST", PT "/inzet/{id}/beeindigen", post_inzet_end, "urenbank",
	  "Een inzet beëindigen; wat hij nog vastlegt, komt vrij", "Inzetbeeindiging", "Opdracht", NULL, 0, "beeindigInzet", NULL,
	  0 },
	{ "GET", "/api/v1/organisaties/{code}/instemmingen", get_pending, "urenbank",
	  "Wat in de urenbanken op het antwoord van deze organisatie wacht (voor 'Mijn samen')", NULL, "[Instemmingsverzoek]",
	  NULL, 0, "lijstWachtendeInstemmingen", NULL, 0 },
	{ 0 },
};
