/* The decision trail (docs/api.md "Besluitvorming"): where each
 * organisation stands per traject or verband, what waits for an
 * organisation, and the raad's kaders. Recording a step is POST …/besluiten
 * (api_besturing.c); reading is open, like the decisions themselves. The
 * kaders are recorded by someone of that organisation (besluit-vastleggen). */
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/besturing.h"

static const char *filter(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static int get_traject_trail(struct request *rq, struct response *rs)
{
	long long id;
	if (http_parse_id(req_param(rq, "id"), &id) < 0)
		return api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id"));
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_trail(rq->store, NULL, id, filter(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_verband_trail(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_trail(rq->store, req_param(rq, "code"), 0, filter(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_pending(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_trail_pending(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

int api_besturing_org_post(struct request *rq, struct response *rs, const char *what, const char *verb, const char *tail,
			   int (*create)(struct store *, const char *, const char *, json_t *, json_t **, struct problem *))
{
	const char *org = req_param(rq, "code");
	const struct actor *a = &rq->actor;
	/* Someone of that organisation; a stuurgroep member in its own verband. */
	if (a->role == ROLE_NONE || !policy_allows(a, ACT_DECISION_RECORD, org, a->verband[0] ? a->verband : NULL)) {
		if (a->role == ROLE_NONE)
			api_error(rs, 401, "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
		else
			api_error(rs, 403, "%s van %s %s iemand van %s%s.", what, org, verb, org,
				  strcmp(verb, "legt") ? "" : " vast");
		authz_audit(rq, ACT_DECISION_RECORD, rs->status, org);
		return 0;
	}
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_DECISION_RECORD, rs->status, org);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	int r = create(rq->store, a->name, org, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_DECISION_RECORD, rs->status, org);
	json_decref(in);
	return 0;
}

static int post_kaders(struct request *rq, struct response *rs)
{
	return api_besturing_org_post(rq, rs, "De kaders van de raad", "legt", " vast", besturing_kader_create);
}

static int get_kaders(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_kader_list(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

#define TAG "besturing"
const struct route api_besturing_besluitvorming_routes[] = {
	{ "GET", "/api/v1/trajecten/{id}/besluitvorming", get_traject_trail, TAG,
	  "Waar elke organisatie staat in de besluitvorming over een traject (stuurgroep, OR, college, raad)", NULL,
	  "Besluitvorming", "datum", 0, "haalTrajectBesluitvorming", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/verbanden/{code}/besluitvorming", get_verband_trail, TAG,
	  "Waar elke organisatie staat in de besluitvorming over het verband als geheel", NULL, "Besluitvorming", "datum", 0,
	  "haalVerbandBesluitvorming", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/organisaties/{code}/besluitvorming", get_pending, TAG,
	  "Wat in de besluitvorming op deze organisatie wacht (voor 'Mijn samen')", NULL, "[OpenStap]", NULL, 0,
	  "lijstOpenStappen", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/organisaties/{code}/kaders", post_kaders, TAG,
	  "De kaders van de raad: taakvelden en partners waarop de organisatie mag samenwerken", "NieuweKaders", "[Kaders]", NULL,
	  1, "maakKaders", NULL, 0 },
	{ "GET", "/api/v1/organisaties/{code}/kaders", get_kaders, TAG, "De kaders van de raad door de tijd", NULL, "[Kaders]",
	  NULL, 0, "lijstKaders", NULL, ROUTE_PUBLIC },
	{ 0 },
};
