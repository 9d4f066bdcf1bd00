/* How a network runs itself (docs/api.md "Afspraken"): a verband's
 * documents, trekkers per theme, evaluation moments, recurring meetings
 * with agenda and minutes, roles that change hands, and the next stand van
 * zaken planned for a raad. Writes are the verband's stuurgroep's and
 * procesmanager's (besturen); a planned report is the organisation's own
 * (besluit-vastleggen). Reading is open, like the register. */
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/besturing.h"

static const char *filter(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

enum what { W_DOCUMENT, W_TREKKER, W_EVAL_VERBAND, W_EVAL_TRAJECT, W_EVAL_HELD, W_MEETING, W_VERGADERING, W_ROLE };

/* The verband an object in the path belongs to; answers 404 otherwise. */
static int verband_of(struct request *rq, struct response *rs, enum what w, long long *id, char *verband, size_t len)
{
	struct problem p;
	problem_init(&p);
	int r = 0;
	*id = 0;
	if (w == W_DOCUMENT || w == W_TREKKER || w == W_EVAL_VERBAND || w == W_MEETING) {
		snprintf(verband, len, "%s", req_param(rq, "code"));
		return 0;
	}
	if (http_parse_id(req_param(rq, "id"), id) < 0)
		r = problem_set(&p, 404, "'%s' is geen nummer.", req_param(rq, "id"));
	else if (w == W_EVAL_TRAJECT)
		r = besturing_traject_verband(rq->store, *id, verband, len, &p);
	else if (w == W_EVAL_HELD)
		r = besturing_evaluation_verband(rq->store, *id, verband, len, &p);
	else if (w == W_VERGADERING)
		r = besturing_meeting_verband(rq->store, *id, verband, len, &p);
	else
		r = besturing_role_verband(rq->store, *id, verband, len, &p);
	if (r < 0) {
		api_problem(rs, &p);
		return -1;
	}
	return 0;
}

static int write(struct request *rq, struct response *rs, enum what w)
{
	long long id;
	char verband[64];
	if (rq->actor.role == ROLE_NONE) /* who may comes first */
		return authz_require_verband(rq, rs, ACT_STEER, "*"), 0;
	if (verband_of(rq, rs, w, &id, verband, sizeof(verband)) < 0) {
		authz_audit(rq, ACT_STEER, rs->status, NULL);
		return 0;
	}
	if (authz_require_verband(rq, rs, ACT_STEER, verband) < 0)
		return 0;
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_STEER, rs->status, verband);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	const char *by = rq->actor.name;
	int r, status = 201;
	switch (w) {
	case W_DOCUMENT: r = besturing_document_create(rq->store, by, verband, in, &out, &p); break;
	case W_TREKKER: r = besturing_trekker_create(rq->store, by, verband, in, &out, &p); break;
	case W_EVAL_VERBAND: r = besturing_evaluation_create(rq->store, by, verband, 0, in, &out, &p); break;
	case W_EVAL_TRAJECT: r = besturing_evaluation_create(rq->store, by, NULL, id, in, &out, &p); break;
	case W_EVAL_HELD:
		r = besturing_evaluation_held(rq->store, by, id, in, &out, &p);
		status = 200;
		break;
	case W_MEETING: r = besturing_meeting_create(rq->store, by, verband, in, &out, &p); break;
	case W_VERGADERING:
		r = besturing_vergadering_put(rq->store, by, id, req_param(rq, "datum"), in, &out, &p);
		status = 200;
		break;
	default:
		r = besturing_role_change(rq->store, by, id, in, &out, &p);
		status = 200;
		break;
	}
	api_result(rs, r, status, out, &p);
	authz_audit(rq, ACT_STEER, rs->status, verband);
	json_decref(in);
	return 0;
}
static int post_document(struct request *rq, struct response *rs) { return write(rq, rs, W_DOCUMENT); }
static int post_trekker(struct request *rq, struct response *rs) { return write(rq, rs, W_TREKKER); }
static int post_eval_verband(struct request *rq, struct response *rs) { return write(rq, rs, W_EVAL_VERBAND); }
static int post_eval_traject(struct request *rq, struct response *rs) { return write(rq, rs, W_EVAL_TRAJECT); }
static int post_eval_held(struct request *rq, struct response *rs) { return write(rq, rs, W_EVAL_HELD); }
static int post_meeting(struct request *rq, struct response *rs) { return write(rq, rs, W_MEETING); }
static int put_vergadering(struct request *rq, struct response *rs) { return write(rq, rs, W_VERGADERING); }
static int patch_role(struct request *rq, struct response *rs) { return write(rq, rs, W_ROLE); }

static int get_documents(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_document_list(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_trekkers(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_trekker_list(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_evals_verband(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_evaluation_list(rq->store, req_param(rq, "code"), 0, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_evals_traject(struct request *rq, struct response *rs)
{
	long long id;
	if (http_parse_id(req_param(rq, "id"), &id) < 0)
		return api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id"));
	char verband[64];
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_traject_verband(rq->store, id, verband, sizeof(verband), &p);
	if (r == 0)
		r = besturing_evaluation_list(rq->store, NULL, id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_meetings(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_meeting_list(rq->store, filter(rq, "verband"), filter(rq, "organisatie"), filter(rq, "van"),
				       filter(rq, "tot"), &out, &p);
	return api_query_result(rs, r, out, &p);
}

static int post_plan(struct request *rq, struct response *rs)
{
	return api_besturing_org_post(rq, rs, "De rapportage aan de raad", "plant", "", besturing_report_plan_create);
}

static int get_plans(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_report_plan_list(rq->store, req_param(rq, "code"), NULL, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

#define TAG "besturing"
const struct route api_besturing_afspraken_routes[] = {
	{ "POST", "/api/v1/verbanden/{code}/documenten", post_document, TAG,
	  "Document van een verband vastleggen (spelregels, intentieverklaring, convenant)", "NieuwDocument", "[Document]", NULL,
	  1, "maakDocument", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/documenten", get_documents, TAG, "De documenten van een verband", NULL, "[Document]",
	  NULL, 0, "lijstDocumenten", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/verbanden/{code}/trekkers", post_trekker, TAG, "De trekkende gemeente (lead) van een thema",
	  "NieuweTrekker", "[Trekker]", NULL, 1, "maakTrekker", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/trekkers", get_trekkers, TAG, "De trekkers per thema door de tijd", NULL, "[Trekker]",
	  NULL, 0, "lijstTrekkers", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/verbanden/{code}/evaluaties", post_eval_verband, TAG, "Evaluatiemoment van de samenwerking",
	  "NieuweEvaluatie", "Evaluatie", NULL, 1, "maakVerbandEvaluatie", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/evaluaties", get_evals_verband, TAG,
	  "Evaluatiemomenten van een verband en zijn trajecten", NULL, "[Evaluatie]", NULL, 0, "lijstVerbandEvaluaties", NULL,
	  ROUTE_PUBLIC },
	{ "POST", "/api/v1/trajecten/{id}/evaluaties", post_eval_traject, TAG, "Evaluatiemoment van een traject",
	  "NieuweEvaluatie", "Evaluatie", NULL, 1, "maakTrajectEvaluatie", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/evaluaties", get_evals_traject, TAG, "Evaluatiemomenten van een traject", NULL,
	  "[Evaluatie]", NULL, 0, "lijstTrajectEvaluaties", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/evaluaties/{id}/uitkomst", post_eval_held, TAG, "Uitkomst en vervolg van een gehouden evaluatie",
	  "Evaluatieuitkomst", "Evaluatie", NULL, 0, "legEvaluatieuitkomstVast", NULL, 0 },
	{ "POST", "/api/v1/verbanden/{code}/overleggen", post_meeting, TAG,
	  "Terugkerend overleg van een verband (MT-sessies, stuurgroep, gezamenlijke raadsbijeenkomst)", "NieuwOverleg",
	  "Overleg", NULL, 1, "maakOverleg", NULL, 0 },
	{ "GET", "/api/v1/overleggen", get_meetings, TAG,
	  "Overleggen van een verband of van de verbanden van een organisatie; met van/tot elke vergadering in die periode", NULL,
	  "[Overleg]", "verband,organisatie,van,tot", 0, "lijstOverleggen", NULL, ROUTE_PUBLIC },
	{ "PUT", "/api/v1/overleggen/{id}/vergaderingen/{datum}", put_vergadering, TAG, "Agenda en verslag van één vergadering",
	  "Vergadering", "Overleg", NULL, 0, "zetVergadering", NULL, 0 },
	{ "PATCH", "/api/v1/rollen/{id}", patch_role, TAG, "Een rol draagt over of eindigt per ingangsdatum", "Rolwissel", "Rol",
	  NULL, 0, "wijzigRol", NULL, 0 },
	{ "POST", "/api/v1/organisaties/{code}/rapportageplanning", post_plan, TAG,
	  "De volgende stand van zaken aan de raad plannen", "NieuweRapportageplanning", "[Rapportageplanning]", NULL, 1,
	  "maakRapportageplanning", NULL, 0 },
	{ "GET", "/api/v1/organisaties/{code}/rapportageplanning", get_plans, TAG, "De geplande rapportages aan de raad", NULL,
	  "[Rapportageplanning]", NULL, 0, "lijstRapportageplanning", NULL, ROUTE_PUBLIC },
	{ 0 },
};
