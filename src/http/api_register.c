/* The register: organisaties, taakvelden, verbanden (leden, uittreding),
 * trajecten and the matrix (docs/api.md "General" and "Register"). */
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "core/date.h"
#include "http/paging.h"
#include "http/authz.h"
#include "store/register.h"

typedef int (*create_fn)(struct store *, json_t *, json_t **, struct problem *);

/* Reads the body, checks the actor may do `action` for `org`, runs the
 * store function and answers 201 or the problem. */
static int create(struct request *rq, struct response *rs, enum action action, create_fn fn)
{
	json_t *in, *out = NULL;
	/* Who may comes before what is wrong: a stranger learns nothing from
	 * our validation. */
	if (authz_require(rq, rs, action, NULL) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, action, rs->status, NULL);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	if (fn(rq->store, in, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 201, out);
	authz_audit(rq, action, rs->status, json_string_value(json_object_get(in, "code")));
	json_decref(in);
	return 0;
}

static int post_org(struct request *rq, struct response *rs) { return create(rq, rs, ACT_REGISTER_WRITE, register_org_create); }
static int post_taakveld(struct request *rq, struct response *rs)
{
	return create(rq, rs, ACT_REGISTER_WRITE, register_taakveld_create);
}
static int post_verband(struct request *rq, struct response *rs)
{
	return create(rq, rs, ACT_REGISTER_WRITE, register_verband_create);
}

/* A ?datum= that must be a date: 0, or answers 400 and returns -1. */
static int query_date(struct request *rq, struct response *rs, const char **out)
{
	const char *v = req_query(rq, "datum");
	int32_t d;
	*out = v && v[0] ? v : NULL;
	if (*out && date_parse(*out, &d) < 0) {
		struct problem p;
		problem_init(&p);
		problem_param(&p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", *out);
		api_problem(rs, &p);
		return -1;
	}
	return 0;
}

/* A whole collection, in pages. */
static int list_page(struct request *rq, struct response *rs, json_t *(*page)(struct store *, struct store_page *))
{
	struct store_page pg;
	struct problem p;
	problem_init(&p);
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, page(rq->store, &pg));
}
/* Organisations in pages, their naam and inwoners as on ?datum=. */
static int list_orgs(struct request *rq, struct response *rs)
{
	const char *d;
	if (query_date(rq, rs, &d) < 0)
		return 0;
	struct store_page pg;
	struct problem p;
	problem_init(&p);
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, register_org_page_on(rq->store, &pg, d));
}
static int list_taakvelden(struct request *rq, struct response *rs) { return list_page(rq, rs, register_taakveld_page); }
static int list_verbanden(struct request *rq, struct response *rs) { return list_page(rq, rs, register_verband_page); }

static int get_org(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	const char *d;
	if (query_date(rq, rs, &d) < 0)
		return 0;
	int r = register_org_get_on(rq->store, req_param(rq, "code"), d, &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_taakveld(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_taakveld_get(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}
static int get_verband(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	const char *datum = req_query(rq, "datum");
	int32_t d;
	if (datum && !datum[0])
		datum = NULL;
	if (datum && date_parse(datum, &d) < 0) {
		problem_param(&p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", datum);
		return api_problem(rs, &p);
	}
	int r = register_verband_get(rq->store, req_param(rq, "code"), &out, &p);
	if (r == 0) /* the scale of the verband on the date: members and their inhabitants */
		json_object_set_new(out, "schaal", register_verband_schaal(rq->store, req_param(rq, "code"), datum));
	return api_result(rs, r, 200, out, &p);
}

/* POSTs on a verband: the actor must be allowed to manage that verband. */
static int post_verband_part(struct request *rq, struct response *rs, int which)
{
	json_t *in, *out = NULL;
	const char *v = req_param(rq, "code");
	if (authz_require_verband(rq, rs, ACT_VERBAND_WRITE, v) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0) {
		authz_audit(rq, ACT_VERBAND_WRITE, rs->status, v);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	int r;
	if (which == 0)
		r = register_lid_add(rq->store, v, in, &out, &p);
	else if (which == 1)
		r = register_lid_leave(rq->store, v, req_param(rq, "organisatie"), in, &out, &p);
	else
		r = register_traject_create(rq->store, v, in, &out, &p);
	if (r < 0)
		api_problem(rs, &p);
	else
		api_json(rs, which == 1 ? 200 : 201, out);
	authz_audit(rq, ACT_VERBAND_WRITE, rs->status, v);
	json_decref(in);
	return 0;
}
static int post_lid(struct request *rq, struct response *rs) { return post_verband_part(rq, rs, 0); }
static int post_uittreding(struct request *rq, struct response *rs) { return post_verband_part(rq, rs, 1); }
static int post_traject(struct request *rq, struct response *rs) { return post_verband_part(rq, rs, 2); }

static int get_traject(struct request *rq, struct response *rs)
{
	long long id;
	if (http_parse_id(req_param(rq, "id"), &id) < 0)
		return api_error(rs, 404, "Traject '%s' bestaat niet: een traject heeft een getal als id.", req_param(rq, "id"));
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	const char *d;
	if (query_date(rq, rs, &d) < 0)
		return 0;
	int r = register_traject_get_on(rq->store, id, d, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* A query filter; an empty value (?organisatie=) means no filter, as a form
 * with "alle" selected sends it. */
static const char *filter(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static int list_trajecten(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	const char *d;
	if (query_date(rq, rs, &d) < 0)
		return 0;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = register_traject_page_on(rq->store, filter(rq, "organisatie"), filter(rq, "verband"), filter(rq, "taakveld"), d,
					 &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}

static int get_matrix(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = register_matrix(rq->store, req_query(rq, "organisatie"), filter(rq, "datum"), &out, &p);
	return api_query_result(rs, r, out, &p);
}

static int get_netwerk(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	int r = register_links_paged(rq->store, filter(rq, "datum"), filter(rq, "taakveld"), &pg, &out, &p);
	return paging_result(rq, rs, &pg, r, out, &p);
}

const struct route api_register_routes[] = {
	{ "POST", "/api/v1/organisaties", post_org, "register", "Organisatie toevoegen", "Organisatie", "Organisatie", NULL, 1,
	  "maakOrganisatie", NULL, 0 },
	{ "GET", "/api/v1/organisaties", list_orgs, "register", "Alle organisaties (naam en inwoners zoals op datum)", NULL,
	  "[Organisatie]", "datum", 0, "lijstOrganisaties", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/organisaties/{code}", get_org, "register", "Eén organisatie, met haar verbanden (zoals op datum)", NULL,
	  "Organisatie", "datum", 0, "haalOrganisatie", NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/taakvelden", post_taakveld, "register", "Taakveld toevoegen", "Taakveld", "Taakveld", NULL, 1,
	  "maakTaakveld", NULL, 0 },
	{ "GET", "/api/v1/taakvelden", list_taakvelden, "register", "Alle taakvelden", NULL, "[Taakveld]", NULL, 0,
	  "lijstTaakvelden", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/taakvelden/{code}", get_taakveld, "register", "Eén taakveld", NULL, "Taakveld", NULL, 0, "haalTaakveld",
	  NULL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/verbanden", post_verband, "register", "Samenwerkingsverband toevoegen, met leden", "Verband",
	  "Verband", NULL, 1, "maakVerband", NULL, 0 },
	{ "GET", "/api/v1/verbanden", list_verbanden, "register", "Alle samenwerkingsverbanden", NULL, "[Verband]", NULL, 0,
	  "lijstVerbanden", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/verbanden/{code}", get_verband, "register", "Eén verband, met leden en trajecten", NULL, "Verband",
	  "datum", 0, "haalVerband",
	  "Het verband met leden en trajecten, en zijn schaal op de datum (zonder datum: vandaag): de leden op die datum en "
	  "hun inwoners samen, zoals de Drechtsteden redeneren vanuit 'de schaal van 260.000+ inwoners'.",
	  ROUTE_PUBLIC },
	{ "POST", "/api/v1/verbanden/{code}/leden", post_lid, "register", "Lid laten toetreden", "Lid", "Verband", NULL, 1,
	  "voegLidToe", NULL, 0 },
	{ "POST", "/api/v1/verbanden/{code}/leden/{organisatie}/uittreding", post_uittreding, "register",
	  "Lid laat uittreden (de geschiedenis blijft)", "Uittreding", "Verband", NULL, 0, "laatLidUittreden", NULL, 0 },
	{ "POST", "/api/v1/verbanden/{code}/trajecten", post_traject, "register", "Traject toevoegen", "Traject", "Traject", NULL,
	  1, "maakTraject", NULL, 0 },
	{ "GET", "/api/v1/trajecten", list_trajecten, "register", "Trajecten, te filteren, zoals op datum", NULL, "[Traject]",
	  "organisatie,verband,taakveld,datum", 0, "lijstTrajecten", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/trajecten/{id}", get_traject, "register", "Eén traject, zoals op datum", NULL, "Traject", "datum", 0,
	  "haalTraject", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/matrix", get_matrix, "register", "Per taakveld de partners van een organisatie op een datum", NULL,
	  "[MatrixRegel]", "organisatie:verplicht,datum", 0, "haalMatrix",
	  "Per taakveld met wie de organisatie op de peildatum samenwerkt: alleen lidmaatschappen en trajecten die op die datum "
	  "gelden tellen, de organisatie zelf staat niet bij de partners.",
	  ROUTE_PUBLIC },
	{ "GET", "/api/v1/netwerk", get_netwerk, "register", "Wie werkt met wie samen op een datum (per taakveld of alles)", NULL,
	  "[Verbinding]", "datum,taakveld", 0, "haalNetwerk", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ 0 },
};
