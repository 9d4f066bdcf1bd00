/* The hours exchange (docs/api.md "Hours exchange (proeftuin)"): proeftuinen,
 * opdrachten, inzet, uren, stortingen, saldi, the journal and settlement.
 *
 * Every POST honours an Idempotency-Key header: the key, a fingerprint of
 * the request and the response are stored per user in the same transaction
 * as the operation, so a repeat gets the first response (with
 * Idempotent-Replayed: true) and nothing is posted twice; the same key with
 * another request is refused (422). Outcomes of the operation itself are
 * stored (2xx, 404, 409, 422); refusals before it (400, 401, 403) and
 * server trouble are not, so a corrected retry can still succeed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "http/api.h"
#include "http/paging.h"
#include "http/authz.h"
#include "http/api_urenbank_scope.h"
#include "http/idempotency.h"
#include "store/urenbank.h"
#include "store/urenbank_evaluatie.h"
#include "store/urenbank_leren.h"
#include "store/medewerkers.h"

static json_t *empty_body(void) { return json_object(); }

/* The proeftuin of the path and the verband it belongs to, for scoping. */
static int allowed(struct request *rq, enum action action, const char *org, const struct urenbank_scope *sc)
{
	const struct policy_target t = { org, sc ? sc->verband : NULL, sc ? sc->code : NULL };
	return policy_allows_in(&rq->actor, action, &t);
}

/* Refuses (401/403, audited) unless the actor may do action for org in sc. */
static int require(struct request *rq, struct response *rs, enum action action, const char *org, const struct urenbank_scope *sc)
{
	if (allowed(rq, action, org, sc))
		return 0;
	if (org ? authz_require(rq, rs, action, org) < 0 : authz_require_verband(rq, rs, action, sc ? sc->code : NULL) < 0)
		return -1;
	char msg[600];
	authz_refusal(rq, sc ? sc->code : org, msg, sizeof(msg));
	api_error(rs, 403, "%s", msg);
	authz_audit(rq, action, 403, sc ? sc->code : org);
	return -1;
}

/* Allowed when the actor may do action for at least one of orgs (an array
 * of codes), or as process manager. */
static int require_any(struct request *rq, struct response *rs, enum action action, json_t *orgs, const struct urenbank_scope *sc)
{
	size_t i;
	json_t *x;
	json_array_foreach(orgs, i, x)
		if (allowed(rq, action, json_string_value(x), sc))
			return 0;
	return require(rq, rs, action, json_array_size(orgs) ? json_string_value(json_array_get(orgs, 0)) : NULL, sc);
}

/* Allowed when the actor may do action for every one of orgs. */
static int require_all(struct request *rq, struct response *rs, enum action action, json_t *orgs, const struct urenbank_scope *sc)
{
	size_t i;
	json_t *x;
	json_array_foreach(orgs, i, x)
		if (!allowed(rq, action, json_string_value(x), sc))
			return require(rq, rs, action, json_string_value(x), sc);
	return json_array_size(orgs) ? 0 : require(rq, rs, action, NULL, sc);
}

static int require_read(struct request *rq, struct response *rs) { return authz_require(rq, rs, ACT_STAFF_READ, NULL); }

/* ---- Idempotency-Key ------------------------------------------------- */

typedef idempotent_op op_fn;

/* Whether the actor's role could do action anywhere: for its own
 * organisation and verband. Checked before anything is looked up, so that
 * a role that may never do it gets 401/403, not a 404 that tells what
 * exists. */
static int could(struct request *rq, enum action action)
{
	const struct actor *a = &rq->actor;
	return a->role != ROLE_NONE && policy_allows(a, action, a->org[0] ? a->org : NULL, a->verband[0] ? a->verband : NULL);
}

static int precheck(struct request *rq, struct response *rs, enum action action, enum action alt)
{
	if (could(rq, action) || could(rq, alt))
		return 0;
	if (authz_require(rq, rs, action, rq->actor.org[0] ? rq->actor.org : NULL) == 0) {
		char msg[600];
		authz_refusal(rq, NULL, msg, sizeof(msg));
		api_error(rs, 403, "%s", msg);
		authz_audit(rq, action, 403, NULL);
	}
	return -1;
}

/* Checks the role, parses the body (optional when body_optional: none is
 * {}), then runs op, under the request's Idempotency-Key when it has one. */
static int post_op(struct request *rq, struct response *rs, op_fn op, int body_optional, enum action action, enum action alt)
{
	json_t *in = NULL;
	if (precheck(rq, rs, action, alt) < 0)
		return 0;
	if (body_optional && rq->body_len == 0)
		in = empty_body();
	else if (api_body_object(rq, rs, &in) < 0)
		return 0;
	return idempotent_run(rq, rs, in, op);
}

/* ---- proeftuinen ------------------------------------------------------ */

static void op_proeftuin(struct request *rq, struct response *rs, json_t *in)
{
	const char *code = json_string_value(json_object_get(in, "code"));
	const char *verband = json_string_value(json_object_get(in, "verband"));
	struct urenbank_scope sc = { code ? code : "", "" };
	snprintf(sc.verband, sizeof(sc.verband), "%s", verband ? verband : "");
	if (require(rq, rs, ACT_EXCHANGE_MANAGE, NULL, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_proeftuin_create(rq->store, &rq->actor, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, rs->status, code);
}
static int post_proeftuin(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_proeftuin, 0, ACT_EXCHANGE_MANAGE, ACT_EXCHANGE_MANAGE);
}

static int list_proeftuinen(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct store_page pg;
	struct problem p;
	problem_init(&p);
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, urenbank_proeftuin_page(rq->store, &pg));
}

static int get_proeftuin(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_proeftuin_get(rq->store, req_param(rq, "p"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* ---- opdrachten ------------------------------------------------------- */

/* The principals an opdracht in the body will have, for authorisation:
 * those listed, or (regionaal) every member. */
static json_t *body_principals(struct request *rq, json_t *in)
{
	json_t *list = json_object_get(in, "opdrachtgevers"), *out = json_array();
	size_t i;
	json_t *x;
	if (json_is_array(list)) {
		json_array_foreach(list, i, x) {
			json_t *o = json_is_object(x) ? json_object_get(x, "organisatie") : x;
			if (json_is_string(o))
				json_array_append(out, o);
		}
		return out;
	}
	json_t *all = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_members(rq->store, req_param(rq, "p"), &all, &p) == 0) {
		json_decref(out);
		return all;
	}
	return out;
}

static void op_opdracht(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (urenbank_scope_load(rq, rs, &sc) < 0)
		return;
	json_t *orgs = body_principals(rq, in);
	int ok = require_all(rq, rs, ACT_ASSIGNMENT_WRITE, orgs, &sc) == 0;
	json_decref(orgs);
	if (!ok)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_opdracht_create(rq->store, &rq->actor, sc.code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_ASSIGNMENT_WRITE, rs->status, sc.code);
}
static int post_opdracht(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_opdracht, 0, ACT_ASSIGNMENT_WRITE, ACT_ASSIGNMENT_WRITE);
}

static int list_opdrachten(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	/* An opdracht carries its inzet and competences: 100 a page unless asked. */
	if (paging_read_size(rq, &pg, 100, &p) < 0)
		return api_problem(rs, &p);
	int r = urenbank_opdracht_page(rq->store, req_param(rq, "p"), req_query(rq, "status"), req_query(rq, "soort"),
				       req_query(rq, "organisatie"), &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}

static int path_id(struct request *rq, struct response *rs, const char *what, long long *id)
{
	if (http_parse_id(req_param(rq, "id"), id) == 0)
		return 0;
	api_error(rs, 404, "%s '%s' bestaat niet: een %s heeft een getal als id.", what, req_param(rq, "id"), what);
	return -1;
}

static int get_opdracht(struct request *rq, struct response *rs)
{
	long long id;
	if (require_read(rq, rs) < 0 || path_id(rq, rs, "opdracht", &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_opdracht_get(rq->store, req_param(rq, "p"), id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* Loads scope, the opdracht id of the path and its principals. */
static int opdracht_context(struct request *rq, struct response *rs, struct urenbank_scope *sc, long long *id, json_t **principals)
{
	if (urenbank_scope_load(rq, rs, sc) < 0 || path_id(rq, rs, "opdracht", id) < 0)
		return -1;
	struct problem p;
	problem_init(&p);
	if (urenbank_opdracht_principals(rq->store, sc->code, *id, principals, &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	return 0;
}

/* Whether the actor may change opdracht id on behalf of every one of its
 * principals (opdracht-wijzigen for each). */
static int may_write_all(struct request *rq, const struct urenbank_scope *sc, long long id)
{
	json_t *orgs = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_opdracht_principals(rq->store, sc->code, id, &orgs, &p) < 0)
		return 0;
	int ok = json_array_size(orgs) > 0;
	size_t i;
	json_t *x;
	json_array_foreach(orgs, i, x)
		ok &= allowed(rq, ACT_ASSIGNMENT_WRITE, json_string_value(x), sc);
	json_decref(orgs);
	return ok;
}

/* The principals (of opdracht id, and of the one in the body's "met") the
 * actor consents for itself ('instemmen'): the rest is asked. */
static json_t *consenting(struct request *rq, const struct urenbank_scope *sc, long long id, json_t *in)
{
	json_t *yes = json_array();
	long long ids[2] = { id, json_integer_value(json_object_get(in, "met")) };
	for (int k = 0; k < 2; k++) {
		json_t *orgs = NULL;
		struct problem p;
		problem_init(&p);
		if (ids[k] <= 0 || urenbank_opdracht_principals(rq->store, sc->code, ids[k], &orgs, &p) < 0)
			continue;
		size_t i;
		json_t *x;
		json_array_foreach(orgs, i, x)
			if (allowed(rq, ACT_CONSENT, json_string_value(x), sc))
				json_array_append(yes, x);
		json_decref(orgs);
	}
	return yes;
}

static void op_merge(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	long long id;
	json_t *orgs = NULL;
	if (opdracht_context(rq, rs, &sc, &id, &orgs) < 0)
		return;
	json_decref(orgs);
	/* The process manager; or a manager who is the principal of both. */
	json_t *met = json_object_get(in, "met");
	int own_both = json_is_integer(met) && may_write_all(rq, &sc, id) && may_write_all(rq, &sc, json_integer_value(met));
	if (!own_both && require(rq, rs, ACT_EXCHANGE_MANAGE, NULL, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL, *yes = consenting(rq, &sc, id, in);
	int done = 0;
	/* A proposal unless the actor consents for every opdrachtgever. */
	int r = urenbank_merge_request(rq->store, &rq->actor, sc.code, id, in, yes, &out, &done, &p);
	json_decref(yes);
	api_result(rs, r, done ? 201 : 202, out, &p);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, rs->status, sc.code);
}
static int post_merge(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_merge, 0, ACT_EXCHANGE_MANAGE, ACT_ASSIGNMENT_WRITE);
}

static int patch_opdracht(struct request *rq, struct response *rs)
{
	json_t *in = NULL, *orgs = NULL;
	if (precheck(rq, rs, ACT_ASSIGNMENT_WRITE, ACT_ASSIGNMENT_WRITE) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	struct urenbank_scope sc;
	long long id;
	if (opdracht_context(rq, rs, &sc, &id, &orgs) == 0) {
		int ok = require_all(rq, rs, ACT_ASSIGNMENT_WRITE, orgs, &sc) == 0;
		if (ok) {
			struct problem p;
			problem_init(&p);
			json_t *out = NULL;
			int r = urenbank_opdracht_update(rq->store, &rq->actor, sc.code, id, in, &out, &p);
			api_result(rs, r, 200, out, &p);
			authz_audit(rq, ACT_ASSIGNMENT_WRITE, rs->status, sc.code);
		}
	}
	json_decref(orgs);
	json_decref(in);
	return 0;
}

static void op_close(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	long long id;
	json_t *orgs = NULL;
	if (opdracht_context(rq, rs, &sc, &id, &orgs) < 0)
		return;
	int ok = require_all(rq, rs, ACT_ASSIGNMENT_WRITE, orgs, &sc) == 0;
	json_decref(orgs);
	if (!ok)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_opdracht_close(rq->store, &rq->actor, sc.code, id, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_ASSIGNMENT_WRITE, rs->status, sc.code);
}
static int post_close(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_close, 1, ACT_ASSIGNMENT_WRITE, ACT_ASSIGNMENT_WRITE);
}

/* The organisation code of the medewerker in the body; the actor's own
 * when it is missing or unknown, so that whoever may act at all gets the
 * store's 400 or 422 rather than a 403. */
static void body_staff_org(struct request *rq, json_t *in, char *org, size_t len)
{
	json_t *m = json_object_get(in, "medewerker");
	struct problem p;
	problem_init(&p);
	snprintf(org, len, "%s", rq->actor.org);
	if (json_is_integer(m) && json_integer_value(m) > 0 &&
	    medewerkers_org(rq->store, json_integer_value(m), org, len, &p) < 0)
		snprintf(org, len, "%s", rq->actor.org);
}

static void op_inzet(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	long long id;
	json_t *orgs = NULL;
	if (opdracht_context(rq, rs, &sc, &id, &orgs) < 0)
		return;
	json_decref(orgs);
	char org[40];
	body_staff_org(rq, in, org, sizeof(org));
	if (require(rq, rs, ACT_STAFFING, org[0] ? org : NULL, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL, *yes = consenting(rq, &sc, id, NULL);
	int done = 0;
	/* Another organisation's opdracht: asked of its opdrachtgevers first. */
	int r = urenbank_inzet_request(rq->store, &rq->actor, sc.code, id, in, yes, &out, &done, &p);
	json_decref(yes);
	api_result(rs, r, done ? 201 : 202, out, &p);
	authz_audit(rq, ACT_STAFFING, rs->status, sc.code);
}
static int post_inzet(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_inzet, 0, ACT_STAFFING, ACT_STAFFING);
}

/* ---- uren ------------------------------------------------------------- */

static void op_uren(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (urenbank_scope_load(rq, rs, &sc) < 0)
		return;
	char org[40];
	body_staff_org(rq, in, org, sizeof(org));
	if (require(rq, rs, ACT_HOURS_BOOK, org[0] ? org : NULL, &sc) < 0)
		return;
	/* A medewerker books as the person the account is linked to, never as a
	 * colleague (a bad or missing id is the store's 400). */
	json_t *mw = json_object_get(in, "medewerker");
	if (json_is_integer(mw) &&
	    authz_require_record(rq, rs, ACT_HOURS_BOOK, org[0] ? org : NULL, json_integer_value(mw), 0) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_uren_submit(rq->store, &rq->actor, sc.code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_HOURS_BOOK, rs->status, sc.code);
}
static int post_uren(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_uren, 0, ACT_HOURS_BOOK, ACT_HOURS_BOOK);
}

/* Filtering on one person lists that person's hours: only for who may
 * read them (the person, the managers of their organisation, the process
 * manager). 1 when refused (rs filled, audited). */
static int medewerker_hidden(struct request *rq, struct response *rs, const char *pt, long long medewerker)
{
	struct urenbank_scope sc = { pt, "" };
	struct problem p;
	problem_init(&p);
	if (urenbank_proeftuin_verband(rq->store, pt, sc.verband, sizeof(sc.verband), &p) < 0) {
		api_problem(rs, &p);
		return 1;
	}
	char org[40] = "";
	medewerkers_org(rq->store, medewerker, org, sizeof(org), &p);
	const struct policy_entry person = { org, medewerker, NULL, 0, sc.verband, pt };
	if (policy_allows_entry(&rq->actor, ACT_HOURS_READ, &person))
		return 0;
	api_error(rs, 403,
		  "Uw rol (%s) mag de uren van medewerker %lld niet per persoon inzien; de totalen per organisatie en "
		  "opdracht staan bij de opdrachten en de saldi.",
		  policy_role_names[rq->actor.role], medewerker);
	authz_audit(rq, ACT_HOURS_READ, 403, pt);
	return 1;
}

static int list_uren(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct urenbank_uren_filter f = { .status = req_query(rq, "status"),
					  .opdrachtgever = req_query(rq, "opdrachtgever"),
					  .organisatie = req_query(rq, "organisatie"),
					  .goedkeurder = req_query(rq, "goedkeurder"),
					  .viewer = &rq->actor };
	struct problem p;
	problem_init(&p);
	const char *names[] = { "medewerker", "opdracht", "na", "limiet" };
	long long *vals[] = { &f.medewerker, &f.opdracht, &f.after, &f.limit };
	for (int i = 0; i < 4; i++) {
		const char *v = req_query(rq, names[i]);
		if (v && http_parse_id(v, vals[i]) < 0)
			problem_param(&p, names[i], "moet een positief geheel getal zijn");
	}
	struct store_page pg;
	paging_read(rq, &pg, &p);
	if (p.status)
		return api_problem(rs, &p);
	/* limiet, from before paging, is the size of the page. */
	if (f.limit > 0 && !req_query(rq, "paginaGrootte"))
		pg.limit = f.limit;
	if (f.medewerker && medewerker_hidden(rq, rs, req_param(rq, "p"), f.medewerker))
		return 0;
	json_t *out = NULL;
	int r = urenbank_uren_page(rq->store, req_param(rq, "p"), &f, &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}

static int get_uren(struct request *rq, struct response *rs)
{
	long long id;
	if (require_read(rq, rs) < 0 || path_id(rq, rs, "urenregel", &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_uren_get(rq->store, &rq->actor, req_param(rq, "p"), id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

enum review { APPROVE, REJECT, CORRECT };

static void review(struct request *rq, struct response *rs, json_t *in, enum review what)
{
	struct urenbank_scope sc;
	long long id;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || path_id(rq, rs, "urenregel", &id) < 0)
		return;
	struct problem p;
	problem_init(&p);
	char staff[40];
	json_t *orgs = NULL;
	if (urenbank_uren_parties(rq->store, sc.code, id, staff, sizeof(staff), &orgs, &p) < 0) {
		api_problem(rs, &p);
		return;
	}
	/* The principal's manager; a correction also by the process manager. */
	int ok = (what == CORRECT && allowed(rq, ACT_EXCHANGE_MANAGE, NULL, &sc)) ||
		 require_any(rq, rs, ACT_HOURS_APPROVE, orgs, &sc) == 0;
	json_decref(orgs);
	if (!ok)
		return;
	if (what == APPROVE) {
		/* Four eyes: not a manager of the organisation the approval credits. */
		char who[400] = "";
		int may = urenbank_uren_may(rq->store, &rq->actor, ACT_HOURS_APPROVE, sc.code, id, who, sizeof(who), &p);
		if (may < 0) {
			api_problem(rs, &p);
			return;
		}
		if (!may) {
			api_error(
				rs, 403,
				"U mag urenregel %lld niet goedkeuren: goedkeuren boekt de uren als gebracht door de organisatie "
				"van de medewerker (%s), en dat is uw eigen organisatie. Dat keurt de manager van een andere "
				"opdrachtgever goed: %s.",
				id, staff, who);
			authz_audit(rq, ACT_HOURS_APPROVE, 403, sc.code);
			return;
		}
	}
	json_t *out = NULL;
	int r = what == APPROVE  ? urenbank_uren_approve(rq->store, &rq->actor, sc.code, id, &out, &p)
		: what == REJECT ? urenbank_uren_reject(rq->store, &rq->actor, sc.code, id, in, &out, &p)
				 : urenbank_uren_correct(rq->store, &rq->actor, sc.code, id, in, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_HOURS_APPROVE, rs->status, sc.code);
}
static void op_approve(struct request *rq, struct response *rs, json_t *in) { review(rq, rs, in, APPROVE); }
static void op_reject(struct request *rq, struct response *rs, json_t *in) { review(rq, rs, in, REJECT); }
static void op_correct(struct request *rq, struct response *rs, json_t *in) { review(rq, rs, in, CORRECT); }
static int post_approve(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_approve, 1, ACT_HOURS_APPROVE, ACT_HOURS_APPROVE);
}
static int post_reject(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_reject, 0, ACT_HOURS_APPROVE, ACT_HOURS_APPROVE);
}
static int post_correct(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_correct, 1, ACT_HOURS_APPROVE, ACT_EXCHANGE_MANAGE);
}

/* ---- stortingen, saldi, journaal, afrekening -------------------------- */

static void op_deposit(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (urenbank_scope_load(rq, rs, &sc) < 0)
		return;
	const char *org = json_string_value(json_object_get(in, "organisatie"));
	if (require(rq, rs, ACT_DEPOSIT, org, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_deposit(rq->store, &rq->actor, sc.code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_DEPOSIT, rs->status, sc.code);
}
static int post_deposit(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_deposit, 0, ACT_DEPOSIT, ACT_DEPOSIT);
}

static int list_deposits(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = urenbank_deposit_page(rq->store, req_param(rq, "p"), &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}

static int get_saldi(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_saldi(rq->store, req_param(rq, "p"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* The journal in pages of transactions (pagina, paginaGrootte), each page
 * a journal of its own that hledger and ledger read; a page of a large
 * proeftuin can still be large, so it is written to a temporary file and
 * sent from there. The whole journal is the download of the page
 * /proeftuinen/{p}/journaal and `samen proeftuin journaal`. */
static int get_journaal(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct store_page pg;
	if (paging_read_size(rq, &pg, 100, &p) < 0) /* docs/api.md: 100 transactions a page unless asked */
		return api_problem(rs, &p);
	if (resp_file_begin(rs) < 0)
		return api_error(rs, 503,
				 "Het journaal kan nu niet worden klaargezet (geen tijdelijk bestand); probeer het zo opnieuw.");
	if (urenbank_journal_page(rq->store, &rq->actor, req_param(rq, "p"), &pg, resp_file_add, rs, &p) < 0) {
		close(rs->body_fd);
		rs->body_in_file = 0;
		return api_problem(rs, &p);
	}
	paging_headers(rq, rs, &pg);
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/plain; charset=utf-8");
	char disp[128];
	snprintf(disp, sizeof(disp), "inline; filename=\"%.60s.journal\"", req_param(rq, "p"));
	resp_header(rs, "Content-Disposition", disp);
	return 0;
}

static void op_settle(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (urenbank_scope_load(rq, rs, &sc) < 0 || require(rq, rs, ACT_EXCHANGE_MANAGE, NULL, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_settle(rq->store, &rq->actor, sc.code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, rs->status, sc.code);
}
static int post_settle(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_settle, 1, ACT_EXCHANGE_MANAGE, ACT_EXCHANGE_MANAGE);
}

static int get_settle_preview(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_settle_preview(rq->store, req_param(rq, "p"), req_query(rq, "tot"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_evaluatie(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_evaluatie(rq->store, req_param(rq, "p"), req_query(rq, "van"), req_query(rq, "tot"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* ---- leerervaringen en bijsturing -------------------------------------- */

/* The proeftuin-MT may write: a manager of one of its members, or its
 * process manager (policy.c, leerervaring-vastleggen). */
static int lesson_allowed(struct request *rq, struct response *rs, struct urenbank_scope *sc)
{
	if (urenbank_scope_load(rq, rs, sc) < 0)
		return -1;
	struct problem p;
	problem_init(&p);
	json_t *pt = NULL;
	if (urenbank_proeftuin_get(rq->store, sc->code, &pt, &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	int r = require_any(rq, rs, ACT_LESSON_WRITE, json_object_get(pt, "leden"), sc);
	json_decref(pt);
	return r;
}

static void op_lesson(struct request *rq, struct response *rs, json_t *in)
{
	struct urenbank_scope sc;
	if (lesson_allowed(rq, rs, &sc) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_les_create(rq->store, &rq->actor, sc.code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_LESSON_WRITE, rs->status, sc.code);
}
static int post_lesson(struct request *rq, struct response *rs)
{
	return post_op(rq, rs, op_lesson, 0, ACT_LESSON_WRITE, ACT_LESSON_WRITE);
}

static int put_lesson(struct request *rq, struct response *rs)
{
	long long id;
	json_t *in = NULL;
	struct urenbank_scope sc;
	if (precheck(rq, rs, ACT_LESSON_WRITE, ACT_LESSON_WRITE) < 0 || lesson_allowed(rq, rs, &sc) < 0 ||
	    path_id(rq, rs, "Leerervaring", &id) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_les_update(rq->store, &rq->actor, sc.code, id, in, &out, &p);
	json_decref(in);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_LESSON_WRITE, rs->status, sc.code);
	return 0;
}

static int delete_lesson(struct request *rq, struct response *rs)
{
	long long id;
	struct urenbank_scope sc;
	if (precheck(rq, rs, ACT_LESSON_WRITE, ACT_LESSON_WRITE) < 0 || lesson_allowed(rq, rs, &sc) < 0 ||
	    path_id(rq, rs, "Leerervaring", &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	if (urenbank_les_delete(rq->store, sc.code, id, &p) < 0)
		api_problem(rs, &p);
	else
		rs->status = 204;
	authz_audit(rq, ACT_LESSON_WRITE, rs->status, sc.code);
	return 0;
}

static int list_lessons(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_les_list(rq->store, req_param(rq, "p"), req_query(rq, "soort"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_lesson(struct request *rq, struct response *rs)
{
	long long id;
	if (require_read(rq, rs) < 0 || path_id(rq, rs, "Leerervaring", &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_les_get(rq->store, req_param(rq, "p"), id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int list_settlements(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = urenbank_settlement_page(rq->store, req_param(rq, "p"), &pg, &out, &p);
	return r < 0 ? api_problem(rs, &p) : paging_respond(rq, rs, &pg, out);
}

#define PT "/api/v1/proeftuinen/{p}"
const struct route api_urenbank_routes[] = {
	{ "POST", "/api/v1/proeftuinen", post_proeftuin, "urenbank",
	  "Proeftuin (urenbank) openen met leden, tarief en kredietlimiet", "Proeftuin", "Proeftuin", NULL, 1, "maakProeftuin",
	  NULL, 0 },
	{ "GET", "/api/v1/proeftuinen", list_proeftuinen, "urenbank", "Alle proeftuinen", NULL, "[Proeftuin]", NULL, 0,
	  "lijstProeftuinen", NULL, ROUTE_PAGED },
	{ "GET", PT, get_proeftuin, "urenbank", "Eén proeftuin", NULL, "Proeftuin", NULL, 0, "haalProeftuin", NULL, 0 },
	{ "POST", PT "/opdrachten", post_opdracht, "urenbank", "Beleidsopdracht aanmelden (lokaal, meervoudig-lokaal, regionaal)",
	  "Opdracht", "Opdracht", NULL, 1, "maakOpdracht", NULL, 0 },
	{ "GET", PT "/opdrachten", list_opdrachten, "urenbank", "Opdrachten, te filteren", NULL, "[Opdracht]",
	  "status:opdracht,soort:opdracht,organisatie", 0, "lijstOpdrachten",
	  "Op nummer. Elke opdracht met haar opdrachtgevers, competenties en inzet; zonder paginaGrootte 100 per bladzijde.",
	  ROUTE_PAGED },
	{ "GET", PT "/opdrachten/{id}", get_opdracht, "urenbank", "Eén opdracht met inzet en geboekte uren", NULL, "Opdracht",
	  NULL, 0, "haalOpdracht", NULL, 0 },
	{ "PATCH", PT "/opdrachten/{id}", patch_opdracht, "urenbank",
	  "Opdracht wijzigen: titel, omschrijving, contactpersoon, raming en competenties (opdrachtgevers en soort blijven)",
	  "OpdrachtWijziging", "Opdracht", NULL, 0, "wijzigOpdracht", NULL, 0 },
	{ "POST", PT "/opdrachten/{id}/samenvoegen", post_merge, "urenbank",
	  "Twee opdrachten samenvoegen tot een nieuwe met beide opdrachtgevers (202: een voorstel waarmee zij eerst instemmen)",
	  "Samenvoeging", "Opdracht", NULL, 1, "voegOpdrachtenSamen", NULL, 0 },
	{ "POST", PT "/opdrachten/{id}/afronden", post_close, "urenbank", "Opdracht afronden; open inzet komt vrij", NULL,
	  "Opdracht", NULL, 0, "rondOpdrachtAf", NULL, 0 },
	{ "POST", PT "/opdrachten/{id}/inzet", post_inzet, "urenbank",
	  "Medewerker inzetten; legt de trekkingsrechten van de opdrachtgevers vast (202: eerst hun instemming gevraagd)",
	  "Inzet", "Inzet", NULL, 1, "maakInzet", NULL, 0 },
	{ "POST", PT "/uren", post_uren, "urenbank", "Uren boeken (ingediend)", "Urenregel", "Urenregel", NULL, 1, "boekUren",
	  NULL, 0 },
	{ "GET", PT "/uren", list_uren, "urenbank",
	  "Urenregels, te filteren (bijv. de goedkeuringswachtrij van een opdrachtgever)", NULL, "[Urenregel]",
	  "status:uren,opdrachtgever,goedkeurder,organisatie,medewerker,opdracht,na,limiet", 0, "lijstUren", NULL, ROUTE_PAGED },
	{ "GET", PT "/uren/{id}", get_uren, "urenbank", "Eén urenregel met zijn boeking", NULL, "Urenregel", NULL, 0, "haalUren",
	  NULL, 0 },
	{ "POST", PT "/uren/{id}/goedkeuren", post_approve, "urenbank", "Uren goedkeuren en boeken", NULL, "Urenregel", NULL, 0,
	  "keurUrenGoed", NULL, 0 },
	{ "POST", PT "/uren/{id}/afkeuren", post_reject, "urenbank", "Uren afkeuren met een reden", "Afkeuring", "Urenregel",
	  NULL, 0, "keurUrenAf", NULL, 0 },
	{ "POST", PT "/uren/{id}/corrigeren", post_correct, "urenbank", "Goedgekeurde uren corrigeren met een tegenboeking",
	  "Correctie", "Urenregel", NULL, 0, "corrigeerUren", NULL, 0 },
	{ "POST", PT "/stortingen", post_deposit, "urenbank", "Geld storten; wordt omgerekend naar een urentegoed", "Storting",
	  "Storting", NULL, 1, "maakStorting", NULL, 0 },
	{ "GET", PT "/stortingen", list_deposits, "urenbank", "Alle stortingen", NULL, "[Storting]", NULL, 0, "lijstStortingen",
	  NULL, ROUTE_PAGED },
	{ "GET", PT "/saldi", get_saldi, "urenbank", "Saldo en trekkingsrechten per lid", NULL, "[Saldo]", NULL, 0, "lijstSaldi",
	  "Per lid gebracht, gehaald en gestort, met saldo = gebracht - gehaald + gestort en beschikbaar = saldo + kredietlimiet "
	  "- vastgelegd (alles in minuten).",
	  0 },
	{ "GET", PT "/journaal", get_journaal, "urenbank", "Het journaal in hledger-/ledger-formaat", NULL, "text/plain", NULL, 0,
	  "haalJournaal",
	  "Het journaal als platte tekst in het formaat van hledger en ledger: de rekeningen en de eenheid (min, minuten) zijn "
	  "vooraf verklaard, de boekingen staan op datum, en hledger check --strict en ledger --pedantic aanvaarden het. De "
	  "totalen per organisatie zijn de saldi. In bladzijden van transacties (elke bladzijde een journaal op zich, "
	  "X-Total-Count telt de transacties); het hele journaal in één bestand is de download op de pagina van de proeftuin.",
	  ROUTE_PAGED },
	{ "POST", PT "/afrekening", post_settle, "urenbank", "Afrekenen: saldi worden geld en de periode sluit", "Afrekenverzoek",
	  "Afrekening", NULL, 1, "rekenAf", NULL, 0 },
	{ "GET", PT "/afrekening", get_settle_preview, "urenbank", "Voorbeeld van de afrekening, zonder iets vast te leggen",
	  NULL, "Afrekening", "tot", 0, "haalAfrekeningVoorbeeld", NULL, 0 },
	{ "GET", PT "/afrekeningen", list_settlements, "urenbank", "De afrekeningen die zijn gedaan", NULL, "[Afrekening]", NULL,
	  0, "lijstAfrekeningen", NULL, ROUTE_PAGED },
	{ "GET", PT "/evaluatie", get_evaluatie, "urenbank", "De evaluatiecijfers van de proeftuin over een periode", NULL,
	  "ProeftuinEvaluatie", "van,tot", 0, "haalEvaluatie",
	  "Per lid en voor de proeftuin: gebracht, gehaald, gewerkt en het deel dat de grens overging, uren per soort en per "
	  "competentie, raming tegen besteding per opdracht, de winst van samenvoegen, doorlooptijden, afgekeurde en "
	  "gecorrigeerde uren, expertise van elders bij een één-pitter of een gat, en het efficiencypotentieel als "
	  "bandbreedte met aannames. Elk cijfer heeft in berekening één regel die zegt hoe het is berekend. Zonder van en tot: "
	  "de looptijd van de proeftuin.",
	  0 },
	{ "GET", PT "/leerervaringen", list_lessons, "urenbank", "Leerervaringen en bijsturing van het proeftuin-MT", NULL,
	  "[Leerervaring]", "soort:leerervaring", 0, "lijstLeerervaringen", "Op datum, oudste eerst.", 0 },
	{ "POST", PT "/leerervaringen", post_lesson, "urenbank", "Een leerervaring of bijsturingsbesluit vastleggen",
	  "NieuweLeerervaring", "Leerervaring", NULL, 1, "maakLeerervaring",
	  "Voor het proeftuin-MT: de procesmanager van de proeftuin en de managers van haar leden.", 0 },
	{ "GET", PT "/leerervaringen/{id}", get_lesson, "urenbank", "Eén leerervaring", NULL, "Leerervaring", NULL, 0,
	  "haalLeerervaring", NULL, 0 },
	{ "PUT", PT "/leerervaringen/{id}", put_lesson, "urenbank", "Een leerervaring bijwerken", "NieuweLeerervaring",
	  "Leerervaring", NULL, 0, "werkLeerervaringBij", "Vervangt alle velden; wie mag vastleggen, mag bijwerken.", 0 },
	{ "DELETE", PT "/leerervaringen/{id}", delete_lesson, "urenbank", "Een leerervaring verwijderen", NULL, NULL, NULL, 0,
	  "verwijderLeerervaring", NULL, 0 },
	{ 0 },
};
