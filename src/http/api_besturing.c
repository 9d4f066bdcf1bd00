/* Choosing and running cooperation (docs/api.md "Choosing and running"):
 * verkenningen, scoringen, business cases, mijlpalen, besluiten, rollen,
 * meldingen and the progress data per organisation (voortgang).
 *
 * Authorisation: who may comes before what is wrong. Each change is first
 * checked against the most favourable target the actor could have (its own
 * organisation and verband), then, once the body or path names the real
 * organisation and verband, against those (policy.c: besturen,
 * verkenning-beantwoorden, scoren, mijlpaal-bijwerken). Reading is open,
 * like the register. */
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/paging.h"
#include "http/authz.h"
#include "store/besturing.h"
#include "store/register.h"

/* The 401/403 answer, as authz.c gives it, for an action on org in verband. */
static int allowed(struct request *rq, struct response *rs, enum action act, const char *org, const char *verband,
		   const char *object)
{
	const struct actor *a = &rq->actor;
	if (a->role != ROLE_NONE && policy_allows(a, act, org, verband))
		return 1;
	if (a->role == ROLE_NONE)
		api_error(rs, 401, "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
	else {
		char msg[600];
		authz_refusal(rq, org && org[0] ? org : verband && strcmp(verband, "*") ? verband : NULL, msg, sizeof(msg));
		api_error(rs, 403, "%s", msg);
	}
	authz_audit(rq, act, rs->status, object);
	return 0;
}

/* Before anything is read: could the actor do act at all? */
static int could(struct request *rq, struct response *rs, enum action act)
{
	const struct actor *a = &rq->actor;
	return allowed(rq, rs, act, a->org[0] ? a->org : NULL, a->verband[0] ? a->verband : "*", NULL);
}

static const char *body_text(json_t *in, const char *name) { return json_string_value(json_object_get(in, name)); }

/* The traject id in the path; answers 404 when it is not a number. */
static int path_traject(struct request *rq, struct response *rs, long long *id)
{
	if (http_parse_id(req_param(rq, "id"), id) == 0)
		return 0;
	api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id"));
	return -1;
}

/* ---- changes ------------------------------------------------------------ */

enum target { T_BODY_VERBAND, T_SURVEY, T_SCORING, T_TRAJECT, T_VERBAND, T_MILESTONE };

struct change {
	enum action act;
	enum target target;
	const char *org_field; /* body field naming the organisation acted for, or NULL */
	int status;            /* 200 or 201 */
	int (*run)(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
		   json_t **out, struct problem *p);
};

/* A decision of an organisation's own body (OR, college, raad) is recorded
 * by someone of that organisation; one of the verband's stuurgroep or of
 * the burgemeesters by whoever steers the verband. */
static int org_body(json_t *in)
{
	const char *o = body_text(in, "orgaan");
	return o && (!strcmp(o, "or") || !strcmp(o, "college") || !strcmp(o, "raad"));
}

static int change(struct request *rq, struct response *rs, const struct change *c)
{
	const struct actor *a = &rq->actor;
	if (c->act == ACT_DECISION_RECORD) {
		/* Either kind of step will do before the body is read. */
		if (a->role != ROLE_NONE && policy_allows(a, ACT_STEER, NULL, a->verband[0] ? a->verband : "*"))
			;
		else if (!could(rq, rs, ACT_DECISION_RECORD))
			return 0;
	} else if (!could(rq, rs, c->act))
		return 0;
	char verband[64] = "", morg[48] = "", object[200] = "";
	long long id = 0, mid = 0;
	struct problem p;
	problem_init(&p);
	int r = 0;
	switch (c->target) {
	case T_BODY_VERBAND: break;
	case T_SURVEY: r = besturing_survey_verband(rq->store, req_param(rq, "code"), verband, sizeof(verband), &p); break;
	case T_SCORING: r = besturing_scoring_verband(rq->store, req_param(rq, "code"), verband, sizeof(verband), &p); break;
	case T_VERBAND: snprintf(verband, sizeof(verband), "%s", req_param(rq, "code")); break;
	case T_TRAJECT:
	case T_MILESTONE:
		if (path_traject(rq, rs, &id) < 0) {
			authz_audit(rq, c->act, rs->status, NULL);
			return 0;
		}
		r = besturing_traject_verband(rq->store, id, verband, sizeof(verband), &p);
		if (r == 0 && c->target == T_MILESTONE) {
			if (http_parse_id(req_param(rq, "mid"), &mid) < 0)
				r = problem_set(&p, 404, "Mijlpaal '%s' bestaat niet: een mijlpaal heeft een getal als id.",
						req_param(rq, "mid"));
			else
				r = besturing_milestone_org(rq->store, id, mid, morg, sizeof(morg), &p);
		}
		break;
	}
	if (r < 0) {
		api_problem(rs, &p);
		authz_audit(rq, c->act, rs->status, NULL);
		return 0;
	}
	json_t *in = NULL, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, c->act, rs->status, NULL);
		return 0;
	}
	if (c->target == T_BODY_VERBAND && body_text(in, "verband"))
		snprintf(verband, sizeof(verband), "%s", body_text(in, "verband"));
	const char *org = c->target == T_MILESTONE ? (morg[0] ? morg : NULL) : c->org_field ? body_text(in, c->org_field) : NULL;
	enum action act = c->act;
	if (act == ACT_DECISION_RECORD && !org_body(in)) {
		act = ACT_STEER;
		org = NULL;
	}
	snprintf(object, sizeof(object), "%s%s%s", verband, org ? " " : "", org ? org : "");
	/* A missing verband or organisation is a field error the store names. */
	int check = !(c->target == T_BODY_VERBAND && !verband[0]) && !(c->org_field && act != ACT_STEER && !org);
	if (check && !allowed(rq, rs, act, org, verband[0] ? verband : NULL, object)) {
		json_decref(in);
		return 0;
	}
	r = c->run(rq, c, in, req_param(rq, "code"), id, mid, &out, &p);
	api_result(rs, r, c->status, out, &p);
	authz_audit(rq, act, rs->status, object);
	json_decref(in);
	return 0;
}

static int run_survey_create(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			     json_t **out, struct problem *p)
{
	return besturing_survey_create(rq->store, in, out, p);
}
static int run_survey_answer(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			     json_t **out, struct problem *p)
{
	return besturing_survey_answer(rq->store, key, in, out, p);
}
static int run_survey_choose(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			     json_t **out, struct problem *p)
{
	return besturing_survey_choose(rq->store, key, in, out, p);
}
static int run_scoring_create(struct request *rq, const struct change *c, json_t *in, const char *key, long long id,
			      long long mid, json_t **out, struct problem *p)
{
	return besturing_scoring_create(rq->store, in, out, p);
}
static int run_scoring_score(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			     json_t **out, struct problem *p)
{
	return besturing_scoring_score(rq->store, key, in, out, p);
}
static int run_scoring_thresholds(struct request *rq, const struct change *c, json_t *in, const char *key, long long id,
				  long long mid, json_t **out, struct problem *p)
{
	return besturing_scoring_thresholds(rq->store, key, in, out, p);
}
static int run_scoring_owners(struct request *rq, const struct change *c, json_t *in, const char *key, long long id,
			      long long mid, json_t **out, struct problem *p)
{
	return besturing_scoring_owners(rq->store, req_param(rq, "code"), req_param(rq, "taakveld"), in, out, p);
}
static int run_bc_put(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
		      json_t **out, struct problem *p)
{
	return besturing_bc_put(rq->store, id, in, out, p);
}
static int run_ms_create(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			 json_t **out, struct problem *p)
{
	return besturing_milestone_create(rq->store, id, in, out, p);
}
static int run_ms_done(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
		       json_t **out, struct problem *p)
{
	return besturing_milestone_done(rq->store, id, mid, in, out, p);
}
static int run_ms_postpone(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			   json_t **out, struct problem *p)
{
	return besturing_milestone_postpone(rq->store, id, mid, in, out, p);
}
static int run_decision_traject(struct request *rq, const struct change *c, json_t *in, const char *key, long long id,
				long long mid, json_t **out, struct problem *p)
{
	return besturing_decision_create(rq->store, NULL, id, in, out, p);
}
static int run_decision_verband(struct request *rq, const struct change *c, json_t *in, const char *key, long long id,
				long long mid, json_t **out, struct problem *p)
{
	return besturing_decision_create(rq->store, req_param(rq, "code"), 0, in, out, p);
}
static int run_role_traject(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			    json_t **out, struct problem *p)
{
	return besturing_role_create(rq->store, NULL, id, in, out, p);
}
static int run_role_verband(struct request *rq, const struct change *c, json_t *in, const char *key, long long id, long long mid,
			    json_t **out, struct problem *p)
{
	return besturing_role_create(rq->store, req_param(rq, "code"), 0, in, out, p);
}

#define CHANGE(name, act, target, org_field, status, run)                               \
	static int name(struct request *rq, struct response *rs)                        \
	{                                                                               \
		static const struct change c = { act, target, org_field, status, run }; \
		return change(rq, rs, &c);                                              \
	}
CHANGE(post_survey, ACT_STEER, T_BODY_VERBAND, NULL, 201, run_survey_create)
CHANGE(put_answer, ACT_SURVEY_ANSWER, T_SURVEY, "organisatie", 200, run_survey_answer)
CHANGE(put_choice, ACT_STEER, T_SURVEY, NULL, 200, run_survey_choose)
CHANGE(post_scoring, ACT_STEER, T_BODY_VERBAND, NULL, 201, run_scoring_create)
CHANGE(put_score, ACT_SCORE, T_SCORING, "organisatie", 200, run_scoring_score)
CHANGE(put_thresholds, ACT_STEER, T_SCORING, NULL, 200, run_scoring_thresholds)
CHANGE(put_owners, ACT_STEER, T_SCORING, NULL, 200, run_scoring_owners)
CHANGE(put_bc, ACT_STEER, T_TRAJECT, NULL, 200, run_bc_put)
CHANGE(post_milestone, ACT_STEER, T_TRAJECT, NULL, 201, run_ms_create)
CHANGE(post_done, ACT_MILESTONE_UPDATE, T_MILESTONE, NULL, 200, run_ms_done)
CHANGE(post_postpone, ACT_MILESTONE_UPDATE, T_MILESTONE, NULL, 200, run_ms_postpone)
CHANGE(post_decision_traject, ACT_DECISION_RECORD, T_TRAJECT, "organisatie", 201, run_decision_traject)
CHANGE(post_decision_verband, ACT_DECISION_RECORD, T_VERBAND, "organisatie", 201, run_decision_verband)
CHANGE(post_role_traject, ACT_STEER, T_TRAJECT, NULL, 201, run_role_traject)
CHANGE(post_role_verband, ACT_STEER, T_VERBAND, NULL, 201, run_role_verband)

/* ---- reading ---------------------------------------------------------------- */

static int get_surveys(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_survey_page(rq->store, req_query(rq, "verband"), &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}
static int get_survey(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_survey_get(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_answers(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_survey_answers(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_survey_result(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_survey_result(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_scorings(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_scoring_page(rq->store, req_query(rq, "verband"), &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}
static int get_scoring(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_scoring_get(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_scores(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_scoring_scores(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_scoring_result(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_scoring_result(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_bc(struct request *rq, struct response *rs)
{
	long long id;
	if (path_traject(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_bc_get(rq->store, id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* A query-string id: NULL is 0; anything but a positive number is a 400. */
static int query_id(struct request *rq, const char *name, long long *id, struct problem *p)
{
	const char *v = req_query(rq, name);
	*id = 0;
	if (v && http_parse_id(v, id) < 0)
		return problem_param(p, name, "moet een getal (een id) zijn");
	return 0;
}

static int get_milestones(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct besturing_ms_filter f = { 0,
					 req_query(rq, "verband"),
					 req_query(rq, "organisatie"),
					 req_query(rq, "status"),
					 req_query(rq, "datum"),
					 req_query(rq, "van"),
					 req_query(rq, "tot") };
	if (query_id(rq, "traject", &f.traject, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_milestone_list(rq->store, &f, &out, &p);
	if (r == -404 && f.traject) /* an unknown traject in a filter */
		p.status = 422;
	return api_query_result(rs, r, out, &p);
}
static int get_traject_milestones(struct request *rq, struct response *rs)
{
	long long id;
	if (path_traject(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct besturing_ms_filter f = { id, NULL, NULL, req_query(rq, "status"), req_query(rq, "datum"), NULL, NULL };
	int r = besturing_milestone_list(rq->store, &f, &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_milestone(struct request *rq, struct response *rs)
{
	long long id, mid;
	if (path_traject(rq, rs, &id) < 0)
		return 0;
	if (http_parse_id(req_param(rq, "mid"), &mid) < 0)
		return api_error(rs, 404, "Mijlpaal '%s' bestaat niet: een mijlpaal heeft een getal als id.",
				 req_param(rq, "mid"));
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_milestone_get(rq->store, id, mid, req_query(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_decisions(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct besturing_decision_filter f = { 0,
					       req_query(rq, "verband"),
					       req_query(rq, "organisatie"),
					       req_query(rq, "orgaan"),
					       req_query(rq, "van"),
					       req_query(rq, "tot") };
	if (query_id(rq, "traject", &f.traject, &p) < 0)
		return api_problem(rs, &p);
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_decision_page(rq->store, &f, &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}
static int get_traject_decisions(struct request *rq, struct response *rs)
{
	long long id;
	if (path_traject(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct besturing_decision_filter f = { id, NULL, NULL, NULL, NULL, NULL };
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_decision_page(rq->store, &f, &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}
static int get_verband_decisions(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct besturing_decision_filter f = { 0, req_param(rq, "code"), NULL, NULL, NULL, NULL };
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_decision_page(rq->store, &f, &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}
static int get_traject_roles(struct request *rq, struct response *rs)
{
	long long id;
	if (path_traject(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_role_page(rq->store, NULL, id, &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}
static int get_verband_roles(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = besturing_role_page(rq->store, req_param(rq, "code"), 0, &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}
static int get_notices(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read_size(rq, &pg, 100, &p) < 0) /* docs/api.md: 100 a page unless asked */
		return api_problem(rs, &p);
	int r = register_meldingen_page(rq->store, req_query(rq, "organisatie"), req_query(rq, "verband"), &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}
static int get_progress(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = besturing_report_data(rq->store, req_query(rq, "organisatie"), req_query(rq, "van"), req_query(rq, "tot"), &out,
				      &p);
	return api_query_result(rs, r, out, &p);
}

#define TAG "besturing"
const struct route api_besturing_routes[] = {
	{ "POST", "/api/v1/verkenningen", post_survey, TAG, "Verkenningsronde starten", "Verkenning", "Verkenning", NULL, 1,
	  "startVerkenning", NULL, 0 },
	{ "GET", "/api/v1/verkenningen", get_surveys, TAG, "Verkenningsrondes", NULL, "[Verkenning]", "verband", 0,
	  "lijstVerkenningen", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/verkenningen/{code}", get_survey, TAG, "Eén verkenningsronde", NULL, "Verkenning", NULL, 0,
	  "haalVerkenning", NULL, ROUTE_PUBLIC },
	{ "PUT", "/api/v1/verkenningen/{code}/antwoorden", put_answer, TAG,
	  "Antwoord van een partner op één taakveld (vervangt een eerder antwoord)", "Antwoord", "Antwoord", NULL, 0,
	  "zetVerkenningAntwoord", NULL, 0 },
	{ "GET", "/api/v1/verkenningen/{code}/antwoorden", get_answers, TAG, "Alle antwoorden", NULL, "[Antwoord]", NULL, 0,
	  "lijstVerkenningAntwoorden", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/verkenningen/{code}/uitslag", get_survey_result, TAG, "Taakvelden in rangorde", NULL,
	  "VerkenningUitslag", NULL, 0, "haalVerkenningUitslag",
	  "De taakvelden van de ronde in rangorde van de antwoorden (knelpunt, meerwaarde, snel resultaat).", ROUTE_PUBLIC },
	{ "PUT", "/api/v1/verkenningen/{code}/keuze", put_choice, TAG, "De gekozen taakvelden vastleggen", "Keuze", "Verkenning",
	  NULL, 0, "zetVerkenningKeuze", NULL, 0 },
	{ "POST", "/api/v1/scoringen", post_scoring, TAG, "Scoring van kandidaat-taakvelden starten", "Scoring", "Scoring", NULL,
	  1, "startScoring", NULL, 0 },
	{ "GET", "/api/v1/scoringen", get_scorings, TAG, "Scoringen", NULL, "[Scoring]", "verband", 0, "lijstScoringen", NULL,
	  ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/scoringen/{code}", get_scoring, TAG, "Eén scoring", NULL, "Scoring", NULL, 0, "haalScoring", NULL,
	  ROUTE_PUBLIC },
	{ "PUT", "/api/v1/scoringen/{code}/scores", put_score, TAG, "Score(s) van een partner op een taakveld", "Score",
	  "PartnerScores", NULL, 0, "zetScores", NULL, 0 },
	{ "GET", "/api/v1/scoringen/{code}/scores", get_scores, TAG, "Alle scores per partner en taakveld", NULL,
	  "[PartnerScores]", NULL, 0, "lijstScores", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/scoringen/{code}/uitslag", get_scoring_result, TAG,
	  "Per taakveld gemiddelde, laagste partner, spreiding, klasse en ontbrekende scores", NULL, "ScoringUitslag", NULL, 0,
	  "haalScoringUitslag",
	  "Per taakveld het gewogen gemiddelde, de laagste score, de spreiding en de klasse (zeer-kansrijk, kansrijk, "
	  "kansrijk-op-termijn, niet-kansrijk), en welke scores nog ontbreken.",
	  ROUTE_PUBLIC },
	{ "PUT", "/api/v1/scoringen/{code}/drempels", put_thresholds, TAG, "Drempels van de klassen instellen", "Drempels",
	  "Scoring", NULL, 0, "zetScoringDrempels", NULL, 0 },
	{ "PUT", "/api/v1/scoringen/{code}/eigenaren/{taakveld}", put_owners, TAG, "Eigenaren van een taakveld", "Eigenaren",
	  "Eigenaren", NULL, 0, "zetTaakveldEigenaren", NULL, 0 },
	{ "PUT", "/api/v1/trajecten/{id}/businesscase", put_bc, TAG, "Businesscase vastleggen (vervangt de vorige)",
	  "Businesscase", "Businesscase", NULL, 0, "zetBusinesscase", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/businesscase", get_bc, TAG, "Businesscase, doorgerekend", NULL, "Businesscase", NULL, 0,
	  "haalBusinesscase",
	  "De businesscase met per organisatie het netto resultaat, de netto contante waarde en het terugverdienjaar, en het "
	  "oordeel over de hele periode.",
	  ROUTE_PUBLIC },
	{ "POST", "/api/v1/trajecten/{id}/mijlpalen", post_milestone, TAG, "Mijlpaal toevoegen", "NieuweMijlpaal", "Mijlpaal",
	  NULL, 1, "maakMijlpaal", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/mijlpalen", get_traject_milestones, TAG, "Mijlpalen van een traject", NULL, "[Mijlpaal]",
	  "status:mijlpaal,datum", 0, "lijstTrajectMijlpalen", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/trajecten/{id}/mijlpalen/{mid}", get_milestone, TAG, "Eén mijlpaal, beoordeeld op een datum", NULL,
	  "Mijlpaal", "datum", 0, "haalMijlpaal", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/trajecten/{id}/mijlpalen/{mid}/gereed", post_done, TAG, "Mijlpaal gereed melden", "Gereed", "Mijlpaal",
	  NULL, 0, "meldMijlpaalGereed", NULL, 0 },
	{ "POST", "/api/v1/trajecten/{id}/mijlpalen/{mid}/uitstel", post_postpone, TAG,
	  "Mijlpaal uitstellen (de oude deadline en reden blijven bewaard)", "Uitstel", "Mijlpaal", NULL, 0, "stelMijlpaalUit",
	  NULL, 0 },
	{ "GET", "/api/v1/mijlpalen", get_milestones, TAG, "Mijlpalen, te filteren op status op een datum", NULL, "[Mijlpaal]",
	  "status:mijlpaal,datum,organisatie,verband,traject,van,tot", 0, "lijstMijlpalen", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/trajecten/{id}/besluiten", post_decision_traject, TAG, "Besluit over een traject", "NieuwBesluit",
	  "Besluit", NULL, 1, "maakTrajectBesluit", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/besluiten", get_traject_decisions, TAG, "Besluiten over een traject", NULL, "[Besluit]",
	  NULL, 0, "lijstTrajectBesluiten", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "POST", "/api/v1/verbanden/{code}/besluiten", post_decision_verband, TAG, "Besluit over het verband als geheel",
	  "NieuwBesluit", "Besluit", NULL, 1, "maakVerbandBesluit", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/besluiten", get_verband_decisions, TAG, "Besluiten van een verband en zijn trajecten",
	  NULL, "[Besluit]", NULL, 0, "lijstVerbandBesluiten", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/besluiten", get_decisions, TAG, "Besluiten, te filteren", NULL, "[Besluit]",
	  "organisatie,verband,traject,orgaan,van,tot", 0, "lijstBesluiten", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "POST", "/api/v1/verbanden/{code}/rollen", post_role_verband, TAG, "Rol in een verband", "NieuweRol", "Rol", NULL, 1,
	  "maakVerbandRol", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/rollen", get_verband_roles, TAG, "Rollen in een verband en zijn trajecten", NULL,
	  "[Rol]", NULL, 0, "lijstVerbandRollen", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "POST", "/api/v1/trajecten/{id}/rollen", post_role_traject, TAG, "Rol in een traject", "NieuweRol", "Rol", NULL, 1,
	  "maakTrajectRol", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/rollen", get_traject_roles, TAG, "Rollen in een traject", NULL, "[Rol]", NULL, 0,
	  "lijstTrajectRollen", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/meldingen", get_notices, TAG,
	  "Meldingen van samenwerking van partners buiten het verband (schaken op meerdere borden)", NULL, "[Melding]",
	  "organisatie,verband", 0, "lijstMeldingen",
	  "Waar een organisatie op meerdere borden schaakt: hetzelfde taakveld in meer dan één verband.",
	  ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/voortgang", get_progress, TAG,
	  "Alles over besluiten, mijlpalen en businesscases van een organisatie in een periode (voor de stand van zaken)", NULL,
	  "Voortgang", "organisatie:verplicht,van:verplicht,tot:verplicht", 0, "haalVoortgang", NULL, ROUTE_PUBLIC },
	{ 0 },
};
