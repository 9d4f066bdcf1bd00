/* Medewerkers (docs/api.md "Hours exchange") and their privacy operations
 * (docs/privacy.md): who may read, change, export and pseudonymise staff.
 *
 * Every signed-in user reads naam, organisatie and functie; the personal
 * data (medewerkers_private_fields) only who policy_allows ACT_STAFF_READ_PRIVATE
 * for that record's organisation — decided per record, so one list can
 * show one organisation's details and not another's. The audit log names a
 * medewerker only by id ("medewerker 7"), never by a value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "http/api.h"
#include "http/paging.h"
#include "http/authz.h"
#include "store/gedeeld.h"
#include "store/inzage.h"
#include "store/medewerkers.h"

/* Anonymous requests get 401 before anything else is revealed. */
static int signed_in(struct request *rq, struct response *rs, enum action action)
{
	if (rq->actor.role != ROLE_NONE)
		return 0;
	return authz_require(rq, rs, action, NULL);
}

int api_path_medewerker(struct request *rq, struct response *rs, long long *id, char *org, size_t orglen)
{
	struct problem p;
	problem_init(&p);
	if (http_parse_id(req_param(rq, "id"), id) < 0) {
		api_error(rs, 404, "Medewerker '%s' bestaat niet: een medewerker heeft een getal als id.", req_param(rq, "id"));
		return -1;
	}
	if (medewerkers_org(rq->store, *id, org, orglen, &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	return 0;
}

static void object_name(char *out, size_t outlen, long long id) { snprintf(out, outlen, "medewerker %lld", id); }

/* Hides the personal data of each record the actor may not see. */
static void filter(struct request *rq, json_t *recs)
{
	size_t i;
	json_t *x;
	if (!json_is_array(recs)) {
		if (!policy_allows(&rq->actor, ACT_STAFF_READ_PRIVATE, json_string_value(json_object_get(recs, "organisatie")),
				   NULL))
			medewerkers_strip_private(recs);
		return;
	}
	const char *last = NULL;
	int allowed = 0;
	json_array_foreach(recs, i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		if (!last || strcmp(last, org))
			allowed = policy_allows(&rq->actor, ACT_STAFF_READ_PRIVATE, org, NULL);
		last = org;
		if (!allowed)
			medewerkers_strip_private(x);
	}
}

static int post_medewerker(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (signed_in(rq, rs, ACT_STAFF_WRITE) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	/* Without a usable organisation the actor's own stands in for the
	 * check; the store then reports the missing field. */
	const char *org = json_string_value(json_object_get(in, "organisatie"));
	if (org && !org[0])
		org = NULL;
	if (authz_require(rq, rs, ACT_STAFF_WRITE, org ? org : rq->actor.org) == 0) {
		struct problem p;
		problem_init(&p);
		char obj[64];
		if (medewerkers_create(rq->store, &rq->actor, in, &out, &p) < 0) {
			api_problem(rs, &p);
			snprintf(obj, sizeof(obj), "%s", org ? org : "");
		} else {
			long long id = (long long)json_integer_value(json_object_get(out, "id"));
			char loc[64];
			object_name(obj, sizeof(obj), id);
			snprintf(loc, sizeof(loc), "/api/v1/medewerkers/%lld", id);
			resp_header(rs, "Location", loc);
			filter(rq, out);
			api_json(rs, 201, out);
		}
		authz_audit(rq, ACT_STAFF_WRITE, rs->status, obj[0] ? obj : NULL);
	}
	json_decref(in);
	return 0;
}

static int query_int(struct request *rq, const char *name, long long min, long long max, long long *out, struct problem *p)
{
	const char *s = req_query(rq, name);
	char *end;
	if (!s)
		return 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || strlen(s) > 18 || v < min || v > max)
		return problem_param(p, name, "moet een geheel getal van %lld tot en met %lld zijn", min, max);
	*out = v;
	return 0;
}

static int list_medewerkers(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	long long after = 0, limit = 0;
	struct store_page pg;
	query_int(rq, "na", 0, 999999999999999999LL, &after, &p);
	query_int(rq, "limiet", 1, 10000, &limit, &p);
	paging_read(rq, &pg, &p);
	/* limiet, from before paging, is the size of the page. */
	if (limit > 0 && !req_query(rq, "paginaGrootte"))
		pg.limit = limit;
	json_t *out = NULL;
	if (p.status || medewerkers_page(rq->store, req_query(rq, "organisatie"), after, &pg, &out, &p) < 0)
		return api_problem(rs, &p);
	filter(rq, out);
	return paging_respond(rq, rs, &pg, out);
}

static int get_medewerker(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	long long id;
	char org[40];
	if (api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (medewerkers_get(rq->store, id, &out, &p) < 0)
		return api_problem(rs, &p);
	filter(rq, out);
	return api_json(rs, 200, out);
}

static int patch_medewerker(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64];
	json_t *in, *out = NULL;
	if (signed_in(rq, rs, ACT_STAFF_WRITE) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	object_name(obj, sizeof(obj), id);
	/* Moving someone to another organisation needs rights in both. */
	const char *to = json_string_value(json_object_get(in, "organisatie"));
	if (authz_require(rq, rs, ACT_STAFF_WRITE, org) == 0 &&
	    (!to || !strcmp(to, org) || authz_require(rq, rs, ACT_STAFF_WRITE, to) == 0)) {
		struct problem p;
		problem_init(&p);
		if (medewerkers_update(rq->store, id, org, &rq->actor, in, &out, &p) < 0) {
			api_problem(rs, &p);
		} else {
			filter(rq, out);
			api_json(rs, 200, out);
		}
		authz_audit(rq, ACT_STAFF_WRITE, rs->status, obj);
	}
	json_decref(in);
	return 0;
}

static int get_wijzigingen(struct request *rq, struct response *rs)
{
	long long id;
	char org[40];
	if (signed_in(rq, rs, ACT_STAFF_READ_PRIVATE) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0 ||
	    authz_require(rq, rs, ACT_STAFF_READ_PRIVATE, org) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (medewerkers_history(rq->store, id, &out, &p) < 0)
		return api_problem(rs, &p);
	return api_json(rs, 200, out);
}

static int get_inzage(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64];
	if (signed_in(rq, rs, ACT_STAFF_PRIVACY) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0 ||
	    authz_require(rq, rs, ACT_STAFF_PRIVACY, org) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (inzage_medewerker(rq->store, id, &out, &p) < 0) {
		api_problem(rs, &p);
	} else {
		char disp[96];
		snprintf(disp, sizeof(disp), "attachment; filename=\"inzage-medewerker-%lld.json\"", id);
		resp_header(rs, "Content-Disposition", disp);
		api_json(rs, 200, out);
	}
	/* An export of personal data is itself a processing worth recording. */
	object_name(obj, sizeof(obj), id);
	authz_audit(rq, ACT_STAFF_PRIVACY, rs->status, obj);
	return 0;
}

static int post_pseudonimiseren(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64];
	if (signed_in(rq, rs, ACT_STAFF_PRIVACY) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0 ||
	    authz_require(rq, rs, ACT_STAFF_PRIVACY, org) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (medewerkers_pseudonymise(rq->store, id, org, &rq->actor, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 200, out);
	object_name(obj, sizeof(obj), id);
	authz_audit(rq, ACT_STAFF_PRIVACY, rs->status, obj);
	return 0;
}

/* For whom the medewerker works besides the werkgever (gedeeld.h): work
 * data like organisatie and functie, so every signed-in user reads it. */
static int get_werkt_voor(struct request *rq, struct response *rs)
{
	long long id;
	char org[40];
	if (signed_in(rq, rs, ACT_STAFF_READ) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	const char *datum = req_query(rq, "datum");
	int32_t d;
	if (datum && date_parse(datum, &d) < 0) {
		struct problem p;
		problem_init(&p);
		problem_param(&p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", datum);
		return api_problem(rs, &p);
	}
	return api_json(rs, 200, json_pack("{s:o}", "werktVoor", gedeeld_werkt_voor(rq->store, id, datum)));
}

/* The werkgever decides where its employee works: who may change the
 * medewerker (its manager, the beheerder) sets the list. */
static int put_werkt_voor(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64];
	json_t *in, *out = NULL;
	if (signed_in(rq, rs, ACT_STAFF_WRITE) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0 ||
	    authz_require(rq, rs, ACT_STAFF_WRITE, org) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	if (gedeeld_werkt_voor_zetten(rq->store, id, in, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 200, json_pack("{s:o}", "werktVoor", out));
	object_name(obj, sizeof(obj), id);
	authz_audit(rq, ACT_STAFF_WRITE, rs->status, obj);
	json_decref(in);
	return 0;
}

const struct route api_medewerkers_routes[] = {
	{ "POST", "/api/v1/medewerkers", post_medewerker, "medewerkers", "Medewerker toevoegen (manager van die organisatie)",
	  "Medewerker", "Medewerker", NULL, 1, "maakMedewerker", NULL, 0 },
	{ "GET", "/api/v1/medewerkers", list_medewerkers, "medewerkers",
	  "Medewerkers, te filteren; persoonsgegevens alleen voor wie ze mag zien", NULL, "[Medewerker]", "organisatie,na,limiet",
	  0, "lijstMedewerkers",
	  "De medewerkers, op id. Persoonsgegevens (functie, uurPerWeek, beschikbaarUurPerWeek, pensioenjaar) staan er alleen in "
	  "voor wie ze mag zien: de beheerder, een procesmanager, de manager van de eigen organisatie en de medewerker zelf; "
	  "voor anderen ontbreken die velden.",
	  ROUTE_PAGED },
	{ "GET", "/api/v1/medewerkers/{id}", get_medewerker, "medewerkers", "Eén medewerker", NULL, "Medewerker", NULL, 0,
	  "haalMedewerker",
	  "Eén medewerker. Persoonsgegevens (functie, uurPerWeek, beschikbaarUurPerWeek, pensioenjaar) staan er alleen in voor "
	  "wie ze mag zien: de beheerder, een procesmanager, de manager van de eigen organisatie en de medewerker zelf.",
	  0 },
	{ "PATCH", "/api/v1/medewerkers/{id}", patch_medewerker, "medewerkers",
	  "Medewerker wijzigen (alleen de meegegeven velden; null wist een optioneel veld)", "MedewerkerWijziging", "Medewerker",
	  NULL, 0, "wijzigMedewerker", NULL, 0 },
	{ "GET", "/api/v1/medewerkers/{id}/wijzigingen", get_wijzigingen, "medewerkers",
	  "De wijzigingshistorie: wie, wanneer, welke velden", NULL, "[MedewerkerWijzigingRegel]", NULL, 0,
	  "lijstMedewerkerWijzigingen", NULL, 0 },
	{ "GET", "/api/v1/medewerkers/{id}/werkt-voor", get_werkt_voor, "medewerkers",
	  "Voor welke organisaties de medewerker op welk taakveld werkt (gedeelde medewerker)", NULL, "WerktVoor", "datum", 0,
	  "haalWerktVoor",
	  "Een gedeelde medewerker blijft in dienst van één organisatie (de werkgever, organisatie in Medewerker) en werkt op "
	  "een taakveld voor meerdere, zoals de gezamenlijke inkoopadviseur van DSZ. Met datum alleen de periodes die dan "
	  "lopen; zonder datum alle, ook beëindigde.",
	  0 },
	{ "PUT", "/api/v1/medewerkers/{id}/werkt-voor", put_werkt_voor, "medewerkers",
	  "De hele werkt-voor-lijst vervangen (manager van de werkgever)", "WerktVoor", "WerktVoor", NULL, 0, "zetWerktVoor",
	  "Vervangt de lijst in één transactie; beëindigde periodes blijven staan door ze met hun tot mee te sturen. Twee "
	  "periodes voor dezelfde organisatie en hetzelfde taakveld mogen niet overlappen (422).",
	  0 },
	{ "GET", "/api/v1/medewerkers/{id}/inzage", get_inzage, "privacy",
	  "Inzage (AVG art. 15): alles wat samen over deze persoon vastlegt", NULL, "Inzage", NULL, 0, "haalInzage",
	  "Alles wat samen over deze persoon weet (AVG artikel 15), als één document.", 0 },
	{ "POST", "/api/v1/medewerkers/{id}/pseudonimiseren", post_pseudonimiseren, "privacy",
	  "Persoonsgegevens onomkeerbaar vervangen door een pseudoniem; het id en de urenhistorie blijven", NULL, "Medewerker",
	  NULL, 0, "pseudonimiseerMedewerker", NULL, 0 },
	{ 0 },
};
