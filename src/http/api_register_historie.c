/* The register over time (docs/api.md "Register: history"): dated changes
 * of organisations (a herindeling too), of trajecten and their
 * participants and of a member's role, each history as a resource; phased
 * entry into a verband without cherry-picking and the notices partners get
 * when a member joins one. Authorisation as for the register: organisations
 * by the beheerder (register-wijzigen), the rest by whoever manages the
 * verband (verband-wijzigen). */
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/besturing.h"
#include "store/register.h"

/* The traject id in the path, and its verband; answers 404 otherwise. */
static int traject_path(struct request *rq, struct response *rs, long long *id, char *verband, size_t len)
{
	struct problem p;
	problem_init(&p);
	if (http_parse_id(req_param(rq, "id"), id) < 0)
		return api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id")),
		       -1;
	if (besturing_traject_verband(rq->store, *id, verband, len, &p) < 0)
		return api_problem(rs, &p), -1;
	return 0;
}

static int patch_org(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (authz_require(rq, rs, ACT_REGISTER_WRITE, NULL) < 0)
		return 0;
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_REGISTER_WRITE, rs->status, code);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	int r = register_org_patch(rq->store, rq->actor.name, code, in, &out, &p);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_REGISTER_WRITE, rs->status, code);
	json_decref(in);
	return 0;
}

static int get_org_history(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_org_history(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

enum traject_change { TC_PATCH, TC_JOIN, TC_LEAVE };

static int traject_change(struct request *rq, struct response *rs, enum traject_change kind)
{
	long long id;
	char verband[64], object[160];
	if (rq->actor.role == ROLE_NONE) /* who may comes first: a stranger learns nothing */
		return authz_require_verband(rq, rs, ACT_VERBAND_WRITE, "*"), 0;
	if (traject_path(rq, rs, &id, verband, sizeof(verband)) < 0) {
		authz_audit(rq, ACT_VERBAND_WRITE, rs->status, NULL);
		return 0;
	}
	snprintf(object, sizeof(object), "%s traject %lld", verband, id);
	if (authz_require_verband(rq, rs, ACT_VERBAND_WRITE, verband) < 0)
		return 0;
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_VERBAND_WRITE, rs->status, object);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	int r = kind == TC_PATCH ? register_traject_patch(rq->store, rq->actor.name, id, in, &out, &p)
		: kind == TC_JOIN
			? register_deelnemer_add(rq->store, rq->actor.name, id, in, &out, &p)
			: register_deelnemer_leave(rq->store, rq->actor.name, id, req_param(rq, "organisatie"), in, &out, &p);
	api_result(rs, r, kind == TC_JOIN ? 201 : 200, out, &p);
	authz_audit(rq, ACT_VERBAND_WRITE, rs->status, object);
	json_decref(in);
	return 0;
}
static int patch_traject(struct request *rq, struct response *rs) { return traject_change(rq, rs, TC_PATCH); }
static int post_deelnemer(struct request *rq, struct response *rs) { return traject_change(rq, rs, TC_JOIN); }
static int post_deelnemer_uittreding(struct request *rq, struct response *rs) { return traject_change(rq, rs, TC_LEAVE); }

static int get_traject_history(struct request *rq, struct response *rs)
{
	long long id;
	if (http_parse_id(req_param(rq, "id"), &id) < 0)
		return api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id"));
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_traject_history(rq->store, id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* Changes on a verband's members: a member's role, a phased entry. */
static int verband_change(struct request *rq, struct response *rs, int instap)
{
	const char *v = req_param(rq, "code");
	if (authz_require_verband(rq, rs, ACT_VERBAND_WRITE, v) < 0)
		return 0;
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_VERBAND_WRITE, rs->status, v);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	int r = instap ? register_instap_add(rq->store, rq->actor.name, v, in, &out, &p)
		       : register_lid_patch(rq->store, v, req_param(rq, "organisatie"), in, &out, &p);
	api_result(rs, r, instap ? 201 : 200, out, &p);
	authz_audit(rq, ACT_VERBAND_WRITE, rs->status, v);
	json_decref(in);
	return 0;
}
static int patch_lid(struct request *rq, struct response *rs) { return verband_change(rq, rs, 0); }
static int post_instap(struct request *rq, struct response *rs) { return verband_change(rq, rs, 1); }

static const char *filter(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static int get_instap(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_instap_list(rq->store, req_param(rq, "code"), NULL, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_toetredingen(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_toetredingen_list(rq->store, filter(rq, "organisatie"), filter(rq, "verband"), &out, &p);
	return api_query_result(rs, r, out, &p);
}

const struct route api_register_historie_routes[] = {
	{ "PATCH", "/api/v1/organisaties/{code}", patch_org, "register",
	  "Organisatie wijzigen per ingangsdatum (naam, inwoners) of opheffen na een herindeling", "Organisatiewijziging",
	  "Organisatie", NULL, 0, "wijzigOrganisatie", NULL, 0 },
	{ "GET", "/api/v1/organisaties/{code}/historie", get_org_history, "register", "De wijzigingen van een organisatie", NULL,
	  "[Mutatie]", NULL, 0, "haalOrganisatieHistorie", NULL, ROUTE_PUBLIC },
	{ "PATCH", "/api/v1/trajecten/{id}", patch_traject, "register",
	  "Traject wijzigen per ingangsdatum (fase, vorm, intensiteit, eigenaar) of beëindigen", "Trajectwijziging", "Traject",
	  NULL, 0, "wijzigTraject", NULL, 0 },
	{ "GET", "/api/v1/trajecten/{id}/historie", get_traject_history, "register", "De wijzigingen van een traject", NULL,
	  "[Mutatie]", NULL, 0, "haalTrajectHistorie", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/trajecten/{id}/deelnemers", post_deelnemer, "register", "Een lid gaat deelnemen aan een traject",
	  "Deelname", "Traject", NULL, 1, "voegDeelnemerToe", NULL, 0 },
	{ "POST", "/api/v1/trajecten/{id}/deelnemers/{organisatie}/uittreding", post_deelnemer_uittreding, "register",
	  "Een deelnemer stopt met een traject (de geschiedenis blijft)", "Uittreding", "Traject", NULL, 0,
	  "laatDeelnemerUittreden", NULL, 0 },
	{ "PATCH", "/api/v1/verbanden/{code}/leden/{organisatie}", patch_lid, "register",
	  "De rol van een lid wijzigen per ingangsdatum (een nieuwe gastheer neemt over)", "Lidwijziging", "Verband", NULL, 0,
	  "wijzigLid", NULL, 0 },
	{ "POST", "/api/v1/verbanden/{code}/instap", post_instap, "register",
	  "Gefaseerde instap: een lid doet op een taakveld pas mee vanaf een datum", "NieuweInstap", "[Instap]", NULL, 1,
	  "maakInstap", NULL, 0 },
	{ "GET", "/api/v1/verbanden/{code}/instap", get_instap, "register", "De gefaseerde instappen van een verband", NULL,
	  "[Instap]", NULL, 0, "lijstInstappen", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/toetredingsmeldingen", get_toetredingen, "register",
	  "Meldingen aan de partners dat een lid toetreedt tot een verband zonder cherry-picking", NULL, "[Toetredingsmelding]",
	  "organisatie,verband", 0, "lijstToetredingsmeldingen", NULL, ROUTE_PUBLIC },
	{ 0 },
};
