/* The kwaliteitskaart API (docs/api.md "Skills map", docs/kwaliteitskaart.md):
 * competences, levels, absences, substitutions, vulnerability per
 * organisation and for a network, export and import of the map, and the
 * link from an account to its medewerker.
 *
 * Who may: the competence list is public; levels, substitutions and the
 * vulnerability counts need a signed-in user (ACT_STAFF_READ). Who holds
 * what in a projection or on a date (houderIds), absences and pensioenjaar
 * are personal data: only for ACT_STAFF_READ_PRIVATE on that organisation,
 * or for the medewerker themself through the account link. Levels and
 * absences are changed under ACT_SKILLS_WRITE (a medewerker-role user only
 * for the medewerker the account is linked to), the list under
 * ACT_CODELIST_WRITE, substitutions under ACT_SUBSTITUTE for the
 * substitute's organisation. A role that may never do an action is
 * refused before anything about the target is looked up, so a refusal
 * reveals nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/date.h"
#include "http/api.h"
#include "http/paging.h"
#include "http/authz.h"
#include "http/multipart.h"
#include "report/kwaliteitskaart_export.h"
#include "store/gedeeld.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"

/* Anonymous requests get 401, and a role that may do action for no
 * organisation at all (not even its own) 403, before anything is looked up. */
static int may_at_all(struct request *rq, struct response *rs, enum action action)
{
	if (rq->actor.role == ROLE_NONE)
		return authz_require(rq, rs, action, NULL);
	if (policy_allows(&rq->actor, action, rq->actor.org[0] ? rq->actor.org : NULL,
			  rq->actor.verband[0] ? rq->actor.verband : NULL))
		return 0;
	return authz_require(rq, rs, action, rq->actor.org[0] ? rq->actor.org : NULL);
}

/* ACT_SKILLS_WRITE on medewerker id of org: a medewerker-role user only
 * for their own record (the policy decides). 0, or -1 with rs filled and
 * audited. */
static int may_write_skills(struct request *rq, struct response *rs, long long id, const char *org, const char *obj)
{
	if (authz_require(rq, rs, ACT_SKILLS_WRITE, org) < 0)
		return -1;
	if (!policy_allows_record(&rq->actor, ACT_SKILLS_WRITE, org, id)) {
		api_error(rs, 403,
			  "Een medewerker werkt alleen de eigen kwaliteitskaart bij; dit account is niet gekoppeld aan "
			  "medewerker %lld.",
			  id);
		authz_audit(rq, ACT_SKILLS_WRITE, 403, obj);
		return -1;
	}
	return 0;
}

/* Personal data of medewerker id (0: of nobody in particular) of org. */
static int may_see_private(struct request *rq, const char *org, long long id)
{
	return policy_allows_record(&rq->actor, ACT_STAFF_READ_PRIVATE, org, id);
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
	return 1;
}

static const char *query_text(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static int query_date(struct request *rq, const char *name, int32_t *out, struct problem *p)
{
	const char *s = req_query(rq, name);
	if (!s)
		return 0;
	if (date_parse(s, out) < 0)
		return problem_param(p, name, "'%.40s' is geen geldige datum (JJJJ-MM-DD)", s);
	return 1;
}

/* ?datum=D or ?jaar=Y (not both); today when neither. */
static int query_moment(struct request *rq, struct kwaliteitskaart_moment *m, struct problem *p)
{
	int32_t d;
	long long y = 0;
	int has_d = query_date(rq, "datum", &d, p);
	int has_y = query_int(rq, "jaar", 1950, 2100, &y, p);
	if (has_d > 0 && has_y > 0)
		problem_param(p, "jaar", "geef een datum of een jaar, niet allebei");
	if (p->status)
		return -1;
	*m = has_y > 0 ? kwaliteitskaart_moment_year((int)y) : kwaliteitskaart_moment_date(has_d > 0 ? d : date_today());
	return 0;
}

/* ---- competences ---------------------------------------------------------- */

static int post_competentie(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (may_at_all(rq, rs, ACT_CODELIST_WRITE) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	const char *verband = json_string_value(json_object_get(in, "verband"));
	if (verband && !verband[0])
		verband = NULL;
	if (authz_require_verband(rq, rs, ACT_CODELIST_WRITE, verband) == 0) {
		struct problem p;
		problem_init(&p);
		const char *code = json_string_value(json_object_get(in, "code"));
		char obj[80];
		snprintf(obj, sizeof(obj), "competentie %.60s", code ? code : "");
		if (kwaliteitskaart_competence_create(rq->store, in, &out, &p) < 0) {
			api_problem(rs, &p);
		} else {
			char loc[128];
			snprintf(loc, sizeof(loc), "/api/v1/competenties/%s", json_string_value(json_object_get(out, "code")));
			resp_header(rs, "Location", loc);
			api_json(rs, 201, out);
		}
		authz_audit(rq, ACT_CODELIST_WRITE, rs->status, obj);
	}
	json_decref(in);
	return 0;
}

static int list_competenties(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0 ||
	    kwaliteitskaart_competence_page(rq->store, query_text(rq, "verband"), &pg, &out, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, out);
}

static int get_competentie(struct request *rq, struct response *rs)
{
	struct problem p;
	problem_init(&p);
	json_t *all = NULL;
	if (kwaliteitskaart_competence_list(rq->store, NULL, &all, &p) < 0)
		return api_problem(rs, &p);
	size_t i;
	json_t *c;
	json_array_foreach(all, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "code")), req_param(rq, "code"))) {
			json_incref(c);
			json_decref(all);
			return api_json(rs, 200, c);
		}
	json_decref(all);
	return api_error(rs, 404, "Competentie '%s' bestaat niet.", req_param(rq, "code"));
}

/* ---- levels ---------------------------------------------------------------- */

static int put_niveau(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[96];
	json_t *in, *out = NULL;
	if (may_at_all(rq, rs, ACT_SKILLS_WRITE) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	snprintf(obj, sizeof(obj), "medewerker %lld", id);
	if (may_write_skills(rq, rs, id, org, obj) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	if (kwaliteitskaart_level_set(rq->store, id, req_param(rq, "code"), in, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 200, out);
	authz_audit(rq, ACT_SKILLS_WRITE, rs->status, obj);
	json_decref(in);
	return 0;
}

static int delete_niveau(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[96];
	if (may_at_all(rq, rs, ACT_SKILLS_WRITE) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	snprintf(obj, sizeof(obj), "medewerker %lld", id);
	if (may_write_skills(rq, rs, id, org, obj) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	if (kwaliteitskaart_level_delete(rq->store, id, req_param(rq, "code"), &p) < 0)
		api_problem(rs, &p);
	else
		rs->status = 204;
	authz_audit(rq, ACT_SKILLS_WRITE, rs->status, obj);
	return 0;
}

static int list_niveaus(struct request *rq, struct response *rs)
{
	long long id;
	char org[40];
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0 || api_path_medewerker(rq, rs, &id, org, sizeof(org)) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (kwaliteitskaart_levels(rq->store, id, &out, &p) < 0)
		return api_problem(rs, &p);
	return api_json(rs, 200, out);
}

/* ---- absences ----------------------------------------------------------------- */

static int post_afwezigheid(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (may_at_all(rq, rs, ACT_SKILLS_WRITE) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	json_t *m = json_object_get(in, "medewerker");
	long long id = json_is_integer(m) ? (long long)json_integer_value(m) : 0;
	char org[40] = "", obj[96];
	struct problem p;
	problem_init(&p);
	/* An unknown or malformed medewerker: the store names the field; the
	 * actor's own organisation stands in for the check. */
	if (id <= 0 || medewerkers_org(rq->store, id, org, sizeof(org), &p) < 0)
		snprintf(org, sizeof(org), "%s", rq->actor.org);
	problem_init(&p);
	snprintf(obj, sizeof(obj), "medewerker %lld", id);
	if (may_write_skills(rq, rs, id, org[0] ? org : NULL, obj) == 0) {
		if (kwaliteitskaart_absence_create(rq->store, in, &out, &p) < 0) {
			api_problem(rs, &p);
		} else {
			char loc[64];
			snprintf(loc, sizeof(loc), "/api/v1/afwezigheden/%lld",
				 (long long)json_integer_value(json_object_get(out, "id")));
			resp_header(rs, "Location", loc);
			api_json(rs, 201, out);
		}
		authz_audit(rq, ACT_SKILLS_WRITE, rs->status, obj);
	}
	json_decref(in);
	return 0;
}

static int list_afwezigheden(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	long long id = 0;
	int32_t d;
	query_int(rq, "medewerker", 1, 999999999999999LL, &id, &p);
	query_date(rq, "van", &d, &p);
	query_date(rq, "tot", &d, &p);
	json_t *all = NULL;
	if (p.status || kwaliteitskaart_absence_list(rq->store, query_text(rq, "organisatie"), id, query_text(rq, "van"),
						     query_text(rq, "tot"), &all, &p) < 0)
		return api_problem(rs, &p);
	/* Only the absences of people whose personal data the actor may see. */
	json_t *out = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(all, i, a) {
		if (may_see_private(rq, json_string_value(json_object_get(a, "organisatie")),
				    (long long)json_integer_value(json_object_get(a, "medewerker"))))
			json_array_append(out, a);
	}
	json_decref(all);
	return api_json(rs, 200, out);
}

static int delete_afwezigheid(struct request *rq, struct response *rs)
{
	long long aid, staff;
	char org[40], obj[96];
	struct problem p;
	problem_init(&p);
	if (may_at_all(rq, rs, ACT_SKILLS_WRITE) < 0)
		return 0;
	if (http_parse_id(req_param(rq, "id"), &aid) < 0)
		return api_error(rs, 404, "Afwezigheid '%s' bestaat niet.", req_param(rq, "id"));
	if (kwaliteitskaart_absence_owner(rq->store, aid, &staff, org, sizeof(org), &p) < 0)
		return api_problem(rs, &p);
	snprintf(obj, sizeof(obj), "medewerker %lld", staff);
	if (may_write_skills(rq, rs, staff, org, obj) < 0)
		return 0;
	if (kwaliteitskaart_absence_delete(rq->store, aid, &p) < 0)
		api_problem(rs, &p);
	else
		rs->status = 204;
	authz_audit(rq, ACT_SKILLS_WRITE, rs->status, obj);
	return 0;
}

/* ---- substitutions -------------------------------------------------------------- */

static int post_vervanging(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (may_at_all(rq, rs, ACT_SUBSTITUTE) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	json_t *v = json_object_get(in, "vervanger");
	long long vid = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	char org[40] = "", obj[96];
	struct problem p;
	problem_init(&p);
	/* The substitute's organisation lends them; when unknown, the actor's own stands in. */
	if (vid <= 0 || medewerkers_org(rq->store, vid, org, sizeof(org), &p) < 0)
		snprintf(org, sizeof(org), "%s", rq->actor.org);
	problem_init(&p);
	snprintf(obj, sizeof(obj), "vervanger: medewerker %lld", vid);
	if (authz_require(rq, rs, ACT_SUBSTITUTE, org[0] ? org : NULL) == 0) {
		if (kwaliteitskaart_substitution_create(rq->store, in, &out, &p) < 0) {
			api_problem(rs, &p);
		} else {
			char loc[64];
			snprintf(loc, sizeof(loc), "/api/v1/vervangingen/%lld",
				 (long long)json_integer_value(json_object_get(out, "id")));
			resp_header(rs, "Location", loc);
			api_json(rs, 201, out);
		}
		authz_audit(rq, ACT_SUBSTITUTE, rs->status, obj);
	}
	json_decref(in);
	return 0;
}

static int list_vervangingen(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	long long id = 0, alle = 0;
	query_int(rq, "medewerker", 1, 999999999999999LL, &id, &p);
	query_int(rq, "alle", 0, 1, &alle, &p);
	json_t *out = NULL;
	struct store_page pg;
	if (p.status || paging_read(rq, &pg, &p) < 0 ||
	    kwaliteitskaart_substitution_page(rq->store, query_text(rq, "organisatie"), id, query_text(rq, "competentie"),
					      (int)alle, &pg, &out, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, out);
}

static int delete_vervanging(struct request *rq, struct response *rs)
{
	long long sid;
	char org[40], vorg[40], obj[64];
	struct problem p;
	problem_init(&p);
	if (may_at_all(rq, rs, ACT_SUBSTITUTE) < 0)
		return 0;
	if (http_parse_id(req_param(rq, "id"), &sid) < 0)
		return api_error(rs, 404, "Vervanging '%s' bestaat niet.", req_param(rq, "id"));
	if (kwaliteitskaart_substitution_orgs(rq->store, sid, org, vorg, sizeof(org), &p) < 0)
		return api_problem(rs, &p);
	snprintf(obj, sizeof(obj), "vervanging %lld", sid);
	/* Either side may end the arrangement. */
	if (!policy_allows(&rq->actor, ACT_SUBSTITUTE, org, NULL) && authz_require(rq, rs, ACT_SUBSTITUTE, vorg) < 0)
		return 0;
	json_t *out = NULL;
	if (kwaliteitskaart_substitution_end(rq->store, sid, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 200, out);
	authz_audit(rq, ACT_SUBSTITUTE, rs->status, obj);
	return 0;
}

/* ---- vulnerability ------------------------------------------------------------------ */

static int get_kwetsbaarheid(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct kwaliteitskaart_moment m;
	const char *org = query_text(rq, "organisatie");
	if (!org)
		problem_param(&p, "organisatie", "is verplicht (bijv. ?organisatie=GM0148)");
	if (query_moment(rq, &m, &p) < 0 || p.status)
		return api_problem(rs, &p);
	json_t *out = NULL;
	if (kwaliteitskaart_vulnerability(rq->store, org, m, may_see_private(rq, org, 0), &out, &p) < 0)
		return api_problem(rs, &p);
	return api_json(rs, 200, out);
}

/* Organisations per page of the network view: each brings its cell in
 * every competence (a national view of 342 is 3.7 MB whole). */
#define NETWERK_PAGE_SIZE 25

static int get_netwerk(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct kwaliteitskaart_moment m;
	if (query_moment(rq, &m, &p) < 0)
		return api_problem(rs, &p);
	struct store_page pg;
	if (paging_read_size(rq, &pg, NETWERK_PAGE_SIZE, &p) < 0)
		return api_problem(rs, &p);
	json_t *out = NULL;
	if (kwaliteitskaart_network_page(rq->store, query_text(rq, "verband"), NULL, pg.offset, pg.limit, m,
					 m.year + KWALITEITSKAART_PROJECTION_YEARS, &out, &p) < 0)
		return api_problem(rs, &p);
	/* A page of the organisations (docs/api.md): their cells and status
	 * lists are in the competences; the network's counts stay the whole
	 * selection's. */
	json_t *all = json_object_get(out, "organisaties"), *part = json_array();
	pg.total = (long long)json_array_size(all);
	for (long long i = pg.offset; i < pg.total && i < pg.offset + pg.limit; i++)
		json_array_append(part, json_array_get(all, (size_t)i));
	json_object_set_new(out, "organisaties", part);
	paging_headers(rq, rs, &pg);
	return api_json(rs, 200, out);
}

/* ---- export and import -------------------------------------------------------------------- */

static int get_kaart(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	const char *org = query_text(rq, "organisatie"), *fmt = query_text(rq, "formaat");
	if (!org)
		problem_param(&p, "organisatie", "is verplicht (bijv. ?organisatie=GM0148)");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "csv") && strcmp(fmt, "xlsx"))
		problem_param(&p, "formaat", "moet json, csv of xlsx zijn");
	if (p.status)
		return api_problem(rs, &p);
	json_t *map = NULL;
	if (kwaliteitskaart_map(rq->store, org, &map, &p) < 0)
		return api_problem(rs, &p);
	int priv = may_see_private(rq, org, 0);
	if (!priv)
		medewerkers_strip_private(json_object_get(map, "medewerkers"));
	if (!fmt || !strcmp(fmt, "json")) {
		/* Shared staff of other organisations that work for this one today (gedeeld.h). */
		char now[DATE_TEXT_LEN];
		date_format(date_today(), now);
		json_object_set_new(map, "gedeeldeMedewerkers", gedeeld_voor_organisatie(rq->store, org, now));
		return api_json(rs, 200, map);
	}
	char disp[128];
	snprintf(disp, sizeof(disp), "attachment; filename=\"kwaliteitskaart-%s.%s\"", org, fmt);
	if (!strcmp(fmt, "csv")) {
		kwaliteitskaart_export_csv(&rs->body, map);
		json_decref(map);
		rs->status = 200;
		snprintf(rs->content_type, sizeof(rs->content_type), "text/csv; charset=utf-8");
		resp_header(rs, "Content-Disposition", disp);
		return 0;
	}
	json_t *vul = NULL;
	char today[DATE_TEXT_LEN], err[300];
	date_format(date_today(), today);
	if (kwaliteitskaart_vulnerability(rq->store, org, kwaliteitskaart_moment_date(date_today()), 0, &vul, &p) < 0) {
		json_decref(map);
		return api_problem(rs, &p);
	}
	int r = kwaliteitskaart_export_xlsx(&rs->body, map, vul, today, err, sizeof(err));
	json_decref(map);
	json_decref(vul);
	if (r < 0) {
		buf_release(&rs->body);
		return api_error(rs, 500, "De XLSX-export is mislukt: %s.", err);
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	resp_header(rs, "Content-Disposition", disp);
	return 0;
}

/* The sheet's errors as problem+json: invalid-params for the first ones
 * (names like "regel 7: gba") and all of them in "fouten". */
static int sheet_problem(struct response *rs, const struct problem *p, const struct kwaliteitskaart_sheet *sh)
{
	json_t *params = json_array(), *errors = json_array();
	for (size_t i = 0; i < sh->nerrors; i++) {
		const struct kwaliteitskaart_sheet_error *e = &sh->errors[i];
		char name[128], text[400];
		if (e->line && e->column[0])
			snprintf(name, sizeof(name), "regel %d: %s", e->line, e->column);
		else if (e->line)
			snprintf(name, sizeof(name), "regel %d", e->line);
		else
			snprintf(name, sizeof(name), "bestand");
		kwaliteitskaart_sheet_error_text(e, text, sizeof(text));
		if (i < PROBLEM_MAX_PARAMS)
			json_array_append_new(params, json_pack("{s:s,s:s}", "name", name, "reason", e->message));
		json_t *f = json_pack("{s:i,s:s,s:s}", "regel", e->line, "melding", text, "reden", e->message);
		json_object_set_new(f, "kolom", e->column[0] ? json_string(e->column) : json_null());
		json_array_append_new(errors, f);
	}
	json_t *j = json_pack("{s:s,s:s,s:i,s:s,s:o,s:o,s:b}", "type", "about:blank", "title", problem_title(422), "status", 422,
			      "detail", p->detail, "invalid-params", params, "fouten", errors, "meerFouten", sh->more_errors);
	api_json(rs, 422, j);
	snprintf(rs->content_type, sizeof(rs->content_type), "application/problem+json");
	return 0;
}

/* The CSV of an import request: the body (text/csv and the like) or the
 * part "bestand" of a multipart upload. */
static int import_body(struct request *rq, struct response *rs, const char **text, size_t *len)
{
	const char *ct = req_header(rq, "Content-Type");
	if (ct && multipart_is(rq)) {
		struct multipart_part parts[MULTIPART_MAX_PARTS];
		int n = multipart_parse(rq, parts);
		const struct multipart_part *f = n > 0 ? multipart_get(parts, n, "bestand") : NULL;
		if (!f) {
			api_error(rs, 400, "Het formulier heeft geen bestand (veld 'bestand').");
			return -1;
		}
		*text = f->data;
		*len = f->len;
		return 0;
	}
	static const char *const ok[] = { "text/csv",
					  "text/plain",
					  "application/csv",
					  "application/octet-stream",
					  "application/vnd.ms-excel",
					  "text/tab-separated-values",
					  NULL };
	for (int i = 0; ct && ok[i]; i++) {
		size_t n = strlen(ok[i]);
		if (!strncasecmp(ct, ok[i], n) && (ct[n] == '\0' || ct[n] == ';')) {
			*text = rq->body;
			*len = rq->body_len;
			return 0;
		}
	}
	api_error(rs, 415,
		  "Stuur de kwaliteitskaart als CSV (Content-Type: text/csv) of als bestand in een formulier "
		  "(multipart/form-data, veld 'bestand'), niet als %s.",
		  ct ? ct : "inhoud zonder Content-Type");
	return -1;
}

static int post_import(struct request *rq, struct response *rs)
{
	if (may_at_all(rq, rs, ACT_STAFF_WRITE) < 0)
		return 0;
	const char *org = query_text(rq, "organisatie");
	char obj[96];
	snprintf(obj, sizeof(obj), "kwaliteitskaart %.40s", org ? org : "");
	if (authz_require(rq, rs, ACT_STAFF_WRITE, org ? org : rq->actor.org) < 0)
		return 0;
	const char *text;
	size_t len;
	if (!org) {
		api_error(rs, 400, "Geef de organisatie op: ?organisatie=GM0148.");
	} else if (import_body(rq, rs, &text, &len) == 0) {
		struct problem p;
		struct kwaliteitskaart_sheet sh;
		json_t *out = NULL;
		problem_init(&p);
		int r = kwaliteitskaart_import(rq->store, org, &rq->actor, text, len, &sh, &out, &p);
		if (r == 0)
			api_json(rs, 200, out);
		else if (sh.nerrors || sh.more_errors)
			sheet_problem(rs, &p, &sh);
		else
			api_problem(rs, &p);
		kwaliteitskaart_sheet_release(&sh);
	}
	authz_audit(rq, ACT_STAFF_WRITE, rs->status, obj);
	return 0;
}

/* ---- accounts ------------------------------------------------------------------------------ */

static int put_gebruiker_medewerker(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (may_at_all(rq, rs, ACT_USER_WRITE) < 0)
		return 0;
	const char *naam = req_param(rq, "naam");
	char org[40], obj[160];
	struct problem p;
	problem_init(&p);
	if (kwaliteitskaart_account_org(rq->store, naam, org, sizeof(org), &p) < 0)
		return api_problem(rs, &p);
	snprintf(obj, sizeof(obj), "gebruiker %.100s", naam);
	if (authz_require(rq, rs, ACT_USER_WRITE, org[0] ? org : NULL) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	json_t *m = json_object_get(in, "medewerker");
	if (!m || (!json_is_null(m) && (!json_is_integer(m) || json_integer_value(m) < 1))) {
		problem_param(&p, "medewerker", "moet het id van een medewerker zijn, of null om de koppeling op te heffen");
		api_problem(rs, &p);
	} else if (kwaliteitskaart_account_link(rq->store, naam, json_is_null(m) ? 0 : (long long)json_integer_value(m), &out,
						&p) < 0) {
		api_problem(rs, &p);
	} else {
		api_json(rs, 200, out);
	}
	authz_audit(rq, ACT_USER_WRITE, rs->status, obj);
	json_decref(in);
	return 0;
}

const struct route api_kwaliteitskaart_routes[] = {
	{ "POST", "/api/v1/competenties", post_competentie, "kwaliteitskaart",
	  "Competentie toevoegen aan de lijst van een verband, of aan de gedeelde lijst (procesmanager)", "Competentie",
	  "Competentie", NULL, 1, "maakCompetentie", NULL, 0 },
	{ "GET", "/api/v1/competenties", list_competenties, "kwaliteitskaart",
	  "De competentielijst; met verband: die van het verband en de gedeelde", NULL, "[Competentie]", "verband", 0,
	  "lijstCompetenties", NULL, ROUTE_PUBLIC | ROUTE_PAGED },
	{ "GET", "/api/v1/competenties/{code}", get_competentie, "kwaliteitskaart", "Eén competentie", NULL, "Competentie", NULL,
	  0, "haalCompetentie", NULL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/medewerkers/{id}/competenties", list_niveaus, "kwaliteitskaart", "De competenties van een medewerker",
	  NULL, "[Niveau]", NULL, 0, "lijstMedewerkerCompetenties", NULL, 0 },
	{ "PUT", "/api/v1/medewerkers/{id}/competenties/{code}", put_niveau, "kwaliteitskaart",
	  "Niveau vastleggen: 1 basis, 2 ervaren, 3 expert (manager van de organisatie, of de medewerker zelf)",
	  "NiveauWijziging", "Niveau", NULL, 0, "zetNiveau", NULL, 0 },
	{ "DELETE", "/api/v1/medewerkers/{id}/competenties/{code}", delete_niveau, "kwaliteitskaart",
	  "Competentie van een medewerker verwijderen", NULL, NULL, NULL, 0, "verwijderNiveau", NULL, 0 },
	{ "POST", "/api/v1/afwezigheden", post_afwezigheid, "kwaliteitskaart",
	  "Afwezigheid vastleggen (van en tot en met; reden grof: ziekte, vakantie, verlof, opleiding, overig)", "Afwezigheid",
	  "Afwezigheid", NULL, 1, "maakAfwezigheid", NULL, 0 },
	{ "GET", "/api/v1/afwezigheden", list_afwezigheden, "kwaliteitskaart",
	  "Afwezigheden; alleen van wie u de persoonsgegevens mag zien", NULL, "[Afwezigheid]", "organisatie,medewerker,van,tot",
	  0, "lijstAfwezigheden", NULL, 0 },
	{ "DELETE", "/api/v1/afwezigheden/{id}", delete_afwezigheid, "kwaliteitskaart", "Afwezigheid verwijderen", NULL, NULL,
	  NULL, 0, "verwijderAfwezigheid", NULL, 0 },
	{ "POST", "/api/v1/vervangingen", post_vervanging, "kwaliteitskaart",
	  "Vervanging afspreken, ook over gemeentegrenzen (manager van de vervanger); de vervanger moet de competentie op "
	  "niveau 2 of 3 beheersen",
	  "Vervanging", "Vervanging", NULL, 1, "maakVervanging", NULL, 0 },
	{ "GET", "/api/v1/vervangingen", list_vervangingen, "kwaliteitskaart",
	  "Lopende vervangingsafspraken (alle=1: ook beëindigde)", NULL, "[Vervanging]",
	  "organisatie,medewerker,competentie,alle", 0, "lijstVervangingen", NULL, ROUTE_PAGED },
	{ "DELETE", "/api/v1/vervangingen/{id}", delete_vervanging, "kwaliteitskaart",
	  "Vervangingsafspraak beëindigen (manager van een van beide kanten)", NULL, "Vervanging", NULL, 0, "beeindigVervanging",
	  NULL, 0 },
	{ "GET", "/api/v1/kwetsbaarheid", get_kwetsbaarheid, "kwaliteitskaart",
	  "Kwetsbaarheid van een organisatie per competentie, op een datum of in een jaar (pensioenprojectie)", NULL,
	  "[Kwetsbaarheid]", "organisatie:verplicht,datum,jaar", 0, "haalKwetsbaarheid",
	  "Per competentie hoeveel houders (niveau 2 of 3, niet met pensioen) de organisatie heeft: ontbreekt, een-pitter of "
	  "gedekt, met wie kan vervangen.",
	  0 },
	{ "GET", "/api/v1/kwetsbaarheid/netwerk", get_netwerk, "kwaliteitskaart",
	  "Het netwerkbeeld: per competentie welke organisaties gedekt zijn, van één persoon afhangen of haar missen, nu en "
	  "over vijf jaar",
	  NULL, "Netwerkbeeld", "verband,datum,jaar", 0, "haalNetwerkKwetsbaarheid",
	  "Het netwerkbeeld in bladzijden van organisaties (standaard 25): organisaties, perOrganisatie, de statuslijsten "
	  "en verslechtert gaan over de organisaties van de bladzijde; de tellingen van het netwerk (netwerkHouders, "
	  "netwerkStatus, samenvatting) over de hele selectie. X-Total-Count telt de organisaties.",
	  ROUTE_PAGED },
	{ "GET", "/api/v1/kwaliteitskaart", get_kaart, "kwaliteitskaart",
	  "De kwaliteitskaart van een organisatie als JSON, CSV (puntkomma, zoals Excel) of XLSX", NULL,
	  "Kwaliteitskaart|text/csv|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	  "organisatie:verplicht,formaat:kwaliteitskaart", 0, "haalKwaliteitskaart",
	  "De kwaliteitskaart van een organisatie: wie welke competentie op welk niveau heeft. formaat=json (standaard) geeft "
	  "JSON, formaat=csv een CSV met puntkomma's (UTF-8 met BOM, zoals Excel hem opent), formaat=xlsx een werkmap.",
	  0 },
	{ "POST", "/api/v1/kwaliteitskaart/import", post_import, "kwaliteitskaart",
	  "Kwaliteitskaart inlezen (text/csv of multipart-bestand): alles of niets, fouten per regel",
	  "text/csv|multipart/form-data=Importbestand", "Importresultaat", "organisatie:verplicht", 0, "leesKwaliteitskaartIn",
	  "Leest een kwaliteitskaart in als CSV (text/csv) of als bestand in een formulier (multipart/form-data, veld bestand): "
	  "alles of niets. Fouten staan per regel in invalid-params en in fouten.",
	  0 },
	{ "PUT", "/api/v1/gebruikers/{naam}/medewerker", put_gebruiker_medewerker, "kwaliteitskaart",
	  "Account koppelen aan de medewerker die het is (null: ontkoppelen)", "Accountkoppeling", "Accountkoppeling", NULL, 0,
	  "koppelAccountAanMedewerker", NULL, 0 },
	{ 0 },
};
