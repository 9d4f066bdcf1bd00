/* The matching of a proeftuin (docs/api.md "Skills map"; docs/matching.md):
 *   POST /api/v1/proeftuinen/{p}/matching             → a proposal (nothing is written)
 *   POST /api/v1/proeftuinen/{p}/matching/accepteren  → the chosen toewijzingen become inzet
 * Both are the proeftuin's process manager's (policy: matchen); accepting
 * also needs inzetten for the organisation of every medewerker in it.
 * Accepting honours an Idempotency-Key as the hours exchange does (the
 * response is stored with the inzet in one transaction and replayed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "http/idempotency.h"
#include "store/urenbank.h"
#include "store/matching.h"

/* Whether the actor may do action in proeftuin code (or its verband). */
static int allowed(struct request *rq, enum action action, const char *org, const char *code, const char *verband)
{
	const struct policy_target t = { org, verband, code };
	return policy_allows_in(&rq->actor, action, &t);
}

/* 401/403 (audited) before anything is looked up, for a role that may
 * never match: so that a 404 does not tell what exists. */
static int precheck(struct request *rq, struct response *rs)
{
	const struct actor *a = &rq->actor;
	if (a->role != ROLE_NONE && policy_allows(a, ACT_MATCHING, NULL, a->verband[0] ? a->verband : NULL))
		return 0;
	if (authz_require(rq, rs, ACT_MATCHING, NULL) == 0) {
		api_error(rs, 403, "Uw rol (%s) mag niet matchen.", policy_role_names[a->role]);
		authz_audit(rq, ACT_MATCHING, 403, NULL);
	}
	return -1;
}

/* The proeftuin of the path and its verband; 404 answered when unknown;
 * 403 (audited) when the actor may not match there. */
static int scope(struct request *rq, struct response *rs, char *verband, size_t len)
{
	struct problem p;
	problem_init(&p);
	const char *code = req_param(rq, "p");
	if (urenbank_proeftuin_verband(rq->store, code, verband, len, &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	if (allowed(rq, ACT_MATCHING, NULL, code, verband))
		return 0;
	api_error(rs, 403, "Uw rol (%s) mag niet matchen in proeftuin '%s'.", policy_role_names[rq->actor.role], code);
	authz_audit(rq, ACT_MATCHING, 403, code);
	return -1;
}

static int post_matching(struct request *rq, struct response *rs)
{
	if (precheck(rq, rs) < 0)
		return 0;
	json_t *in = NULL;
	if (rq->body_len == 0)
		in = json_object();
	else if (api_body_object(rq, rs, &in) < 0)
		return 0;
	char verband[48];
	if (scope(rq, rs, verband, sizeof(verband)) == 0) {
		struct problem p;
		problem_init(&p);
		json_t *out = NULL;
		if (matching_propose(rq->store, req_param(rq, "p"), in, &out, &p) < 0)
			api_problem(rs, &p);
		else
			api_json(rs, 200, out);
		authz_audit(rq, ACT_MATCHING, rs->status, req_param(rq, "p"));
	}
	json_decref(in);
	return 0;
}

/* ---- accepting ------------------------------------------------------- */

static void accept_op(struct request *rq, struct response *rs, json_t *in)
{
	char verband[48];
	const char *code = req_param(rq, "p");
	if (scope(rq, rs, verband, sizeof(verband)) < 0)
		return;
	/* Committing staff: inzetten for every staff member's organisation. */
	json_t *orgs = matching_staff_orgs(rq->store, in);
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		if (allowed(rq, ACT_STAFFING, json_string_value(o), code, verband))
			continue;
		api_error(rs, 403, "Uw rol (%s) mag geen medewerkers van %s inzetten in proeftuin '%s'.",
			  policy_role_names[rq->actor.role], json_string_value(o), code);
		authz_audit(rq, ACT_STAFFING, 403, code);
		json_decref(orgs);
		return;
	}
	json_decref(orgs);
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (matching_accept(rq->store, &rq->actor, code, in, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 201, out);
	authz_audit(rq, ACT_STAFFING, rs->status, code);
}

static int post_accept(struct request *rq, struct response *rs)
{
	if (precheck(rq, rs) < 0)
		return 0;
	json_t *in = NULL;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	return idempotent_run(rq, rs, in, accept_op);
}

const struct route api_matching_routes[] = {
	{ "POST", "/api/v1/proeftuinen/{p}/matching", post_matching, "kwaliteitskaart",
	  "Voorstel: wie werkt aan wat (minimum-kosten-maximum-stroom); legt niets vast", "Matchingverzoek", "Matchingvoorstel",
	  NULL, 0, "maakMatchingvoorstel", NULL, 0 },
	{ "POST", "/api/v1/proeftuinen/{p}/matching/accepteren", post_accept, "kwaliteitskaart",
	  "Gekozen toewijzingen uit een voorstel als inzet vastleggen, alles of niets", "Acceptatie", "Acceptatieresultaat", NULL,
	  1, "accepteerMatching", NULL, 0 },
	{ 0 },
};
