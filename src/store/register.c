#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/register.h"
#include "core/register_codes.h"
#include "store/fields.h"
#include "store/page.h"
#include "store/register.h"
#include "store/register_sql.h"

/* ---- small helpers ---------------------------------------------------- */

static void today(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

/* ---- organisaties ----------------------------------------------------- */

#define ORG_COLS                                                                                                      \
	"o.code, o.naam, o.soort, o.inwoners, o.id, o.geldig_van, o.geldig_tot, (SELECT op.code FROM organisaties op" \
	" WHERE op.id = o.opvolger_id)"

static json_t *org_json(struct db_stmt *st)
{
	/* columns: ORG_COLS */
	json_t *o =
		json_pack("{s:s,s:s,s:s}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1), "soort", db_col_text(st, 2));
	json_object_set_new(o, "inwoners", db_col_null(st, 3) ? json_null() : json_integer(db_col_int(st, 3)));
	char tooi[160];
	if (register_tooi(db_col_text(st, 0), db_col_text(st, 2), tooi, sizeof(tooi)) == 0)
		json_object_set_new(o, "tooi", json_string(tooi));
	json_object_set_new(o, "geldigVan", store_text_or_null(st, 5));
	json_object_set_new(o, "geldigTot", store_text_or_null(st, 6));
	json_object_set_new(o, "opvolger", store_text_or_null(st, 7));
	return o;
}

int register_org_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	const char *code = NULL, *naam = NULL, *soort = NULL, *van = NULL;
	long long inwoners = -1;
	field_text(in, "code", FIELD_REQUIRED, 32, &code, p);
	field_text(in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_enum(in, "soort", FIELD_REQUIRED, register_org_soorten, &soort, p);
	field_int(in, "inwoners", FIELD_OPTIONAL, 0, 100000000, &inwoners, p);
	field_date(in, "geldigVan", FIELD_OPTIONAL, &van, p);
	if (code && soort && !register_org_code_valid(code, soort)) {
		if (!strcmp(soort, "gemeente"))
			problem_param(p, "code", "een gemeente heeft als code GM en vier cijfers (CBS-code), bijv. GM0148");
		else if (!strcmp(soort, "provincie"))
			problem_param(p, "code", "een provincie heeft als code PV en twee cijfers, bijv. PV23");
		else if (!strcmp(soort, "waterschap"))
			problem_param(p, "code", "een waterschap heeft als code WS en vier cijfers");
		else
			problem_param(p, "code", "2 tot 32 tekens: hoofdletters, cijfers en '-'");
	}
	if (p->status)
		return -p->status;
	/* An official code must exist on the date the organisation starts
	 * (today when not given); the list gives a municipality's end. */
	char tot[DATE_TEXT_LEN] = "";
	if (register_org_code_check(code, soort, van, tot, p) < 0)
		return -p->status;
	int r = inwoners >= 0
			? db_run(s->db,
				 "INSERT INTO organisaties(code, naam, soort, inwoners, geldig_van, geldig_tot)"
				 " VALUES(?, ?, ?, ?, ?, ?)",
				 "tttltt", code, naam, soort, inwoners, van, tot[0] ? tot : NULL)
			: db_run(s->db,
				 "INSERT INTO organisaties(code, naam, soort, geldig_van, geldig_tot) VALUES(?, ?, ?, ?, ?)",
				 "ttttt", code, naam, soort, van, tot[0] ? tot : NULL);
	if (r < 0) {
		if (r == DB_ERR_UNIQUE)
			return problem_set(p, 409, "Organisatie '%s' bestaat al.", code);
		return store_db_problem(s, r, p, "organisatie");
	}
	return out ? register_org_get(s, code, out, p) : 0;
}

int register_org_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	return register_org_get_on(s, code, NULL, out, p);
}

int register_org_get_on(struct store *s, const char *code, const char *date, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " ORG_COLS " FROM organisaties o WHERE o.code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", code);
	}
	json_t *o = org_json(st);
	long long id = db_col_int(st, 4);
	db_finalize(st);
	register_org_overlay(s, id, date, o);
	json_t *vb = json_array();
	st = db_query(s->db,
		      "SELECT v.code, v.naam, l.rol, l.van, l.tot FROM lidmaatschappen l JOIN verbanden v ON v.id = l.verband_id"
		      " WHERE l.organisatie_id = ? ORDER BY v.naam, l.van",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(vb, json_pack("{s:s,s:s,s:s,s:s,s:o}", "verband", db_col_text(st, 0), "naam",
						    db_col_text(st, 1), "rol", db_col_text(st, 2), "van", db_col_text(st, 3),
						    "tot", store_text_or_null(st, 4)));
	db_finalize(st);
	json_object_set_new(o, "verbanden", vb);
	*out = o;
	return 0;
}

json_t *register_org_list(struct store *s) { return register_org_page_on(s, NULL, NULL); }

json_t *register_org_list_on(struct store *s, const char *date) { return register_org_page_on(s, NULL, date); }

json_t *register_org_page(struct store *s, struct store_page *pg) { return register_org_page_on(s, pg, NULL); }

json_t *register_org_page_on(struct store *s, struct store_page *pg, const char *date)
{
#define SQL "SELECT " ORG_COLS " FROM organisaties o ORDER BY o.naam, o.code"
	json_t *a = json_array();
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, STORE_PAGE_BINDS, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW) {
		json_t *o = org_json(st);
		json_object_set_new(o, "id", json_integer(db_col_int(st, 4)));
		json_array_append_new(a, o);
	}
	db_finalize(st);
	/* Naam and inwoners as on date, from the organisation's history: only
	 * for the organisations that have one (one query finds them), not a
	 * lookup for each of the 342. */
	json_t *changed = json_object();
	st = db_query(s->db, "SELECT DISTINCT organisatie_id FROM organisatie_mutaties", NULL);
	while (db_step(st) == DB_ROW) {
		char k[24];
		snprintf(k, sizeof(k), "%lld", db_col_int(st, 0));
		json_object_set_new(changed, k, json_true());
	}
	db_finalize(st);
	size_t i;
	json_t *o;
	json_array_foreach(a, i, o) {
		char k[24];
		snprintf(k, sizeof(k), "%lld", (long long)json_integer_value(json_object_get(o, "id")));
		if (json_object_get(changed, k))
			register_org_overlay(s, json_integer_value(json_object_get(o, "id")), date, o);
		json_object_del(o, "id");
	}
	json_decref(changed);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), NULL) : NULL);
	return a;
#undef SQL
}

/* ---- taakvelden ------------------------------------------------------- */

static json_t *taakveld_json(struct db_stmt *st)
{
	json_t *o =
		json_pack("{s:s,s:s,s:s}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1), "soort", db_col_text(st, 2));
	json_object_set_new(o, "iv3", store_text_or_null(st, 3));
	return o;
}

int register_taakveld_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	const char *code = NULL, *naam = NULL, *soort = NULL, *iv3 = NULL;
	if (field_text(in, "code", FIELD_REQUIRED, 40, &code, p) > 0 && !register_slug_valid(code))
		problem_param(p, "code", "1 tot 40 tekens: kleine letters, cijfers en '-'");
	field_text(in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_enum(in, "soort", FIELD_REQUIRED, register_taakveld_soorten, &soort, p);
	field_text(in, "iv3", FIELD_OPTIONAL, 20, &iv3, p);
	if (p->status)
		return -p->status;
	if (iv3 && iv3[0] && register_codes_iv3(iv3, NULL, 0) < 0)
		return problem_refuse(p, "iv3",
				      "'%s' is geen Iv3-taakveld. Kies een code uit de lijst van de BBV, bijvoorbeeld 0.4 "
				      "(Overhead) of 6.3 (Inkomensregelingen); een eigen taakveld hangt onder zo'n code.",
				      iv3);
	int r = db_run(s->db, "INSERT INTO taakvelden(code, naam, soort, iv3) VALUES(?, ?, ?, ?)", "tttt", code, naam, soort,
		       iv3 && iv3[0] ? iv3 : NULL);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Taakveld '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "taakveld");
	return out ? register_taakveld_get(s, code, out, p) : 0;
}

int register_taakveld_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT code, naam, soort, iv3 FROM taakvelden WHERE code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Taakveld '%s' bestaat niet.", code);
	}
	*out = taakveld_json(st);
	db_finalize(st);
	return 0;
}

json_t *register_taakveld_list(struct store *s) { return register_taakveld_page(s, NULL); }

json_t *register_taakveld_page(struct store *s, struct store_page *pg)
{
#define SQL "SELECT code, naam, soort, iv3 FROM taakvelden ORDER BY naam, code"
	json_t *a = json_array();
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, STORE_PAGE_BINDS, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, taakveld_json(st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), NULL) : NULL);
	return a;
#undef SQL
}

/* ---- leden ------------------------------------------------------------ */

/* Is org a member (not a mere toehoorder when active_only) of verband on date? */
static int is_member_on(struct store *s, long long vid, long long oid, const char *date, int active_only)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ? AND l.organisatie_id = ?"
			 " AND " REGISTER_SQL_MEMBER_ON("l", "?") " AND (? = 0 OR " REGISTER_SQL_ACTIVE_MEMBER("l") ")",
			 "llttb", vid, oid, date, date, active_only);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

/* Adds one membership; name prefixes param names ("" or "leden[2]."). */
static int add_member(struct store *s, long long vid, const char *vcode, json_t *in, const char *prefix, struct problem *p)
{
	const char *org = NULL, *rol = "lid", *van = NULL, *tot = NULL;
	field_text(in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_enum(in, "rol", FIELD_OPTIONAL, register_lid_rollen, &rol, p);
	field_date(in, "van", FIELD_REQUIRED, &van, p);
	field_date(in, "tot", FIELD_OPTIONAL, &tot, p);
	if (van && tot && strcmp(tot, van) <= 0)
		problem_param(p, "tot", "moet na 'van' liggen");
	if (p->status)
		return problem_prefix_params(p, prefix), -p->status;
	long long oid = store_org_id(s, org);
	if (!oid) {
		problem_set(p, 422, "Organisatie '%s' bestaat niet.", org);
		problem_param(p, "organisatie", "organisatie '%s' bestaat niet", org);
		p->status = 422;
		return problem_prefix_params(p, prefix), -422;
	}
	/* Periods of one organisation in one verband may not overlap. */
	struct db_stmt *st;
	st = db_query(s->db,
		      "SELECT van, coalesce(tot, '') FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ?"
		      " AND (tot IS NULL OR tot > ?) AND van < coalesce(?, '9999-12-31')",
		      "lltt", vid, oid, van, tot);
	if (db_step(st) == DB_ROW) {
		problem_set(p, 422, "%s is al lid van verband '%s' in die periode (sinds %s%s%s).", org, vcode,
			    db_col_text(st, 0), db_col_text(st, 1)[0] ? " tot " : "", db_col_text(st, 1));
		problem_param(p, "van", "overlapt een bestaand lidmaatschap");
		p->status = 422;
		db_finalize(st);
		return problem_prefix_params(p, prefix), -422;
	}
	db_finalize(st);
	/* The network's rules: the organisation exists then, one gastheer. */
	if (register_netwerk_member_check(s, vid, vcode, oid, org, rol, van, tot, p) < 0)
		return problem_prefix_params(p, prefix), -p->status;
	long long lid;
	int r = db_insert(
		s->db, &lid,
		"INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van, tot) VALUES(?, ?, ?, ?, ?) RETURNING id",
		"llttt", vid, oid, rol, van, tot);
	if (r < 0)
		return store_db_problem(s, r, p, "lidmaatschap");
	/* Partners hear of a member that joins a verband without cherry-picking. */
	return register_netwerk_member_joined(s, vid, lid, p);
}

/* ---- verbanden -------------------------------------------------------- */

static json_t *lid_json(struct db_stmt *st, int c)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:o}", "organisatie", db_col_text(st, c), "naam", db_col_text(st, c + 1), "rol",
			 db_col_text(st, c + 2), "van", db_col_text(st, c + 3), "tot", store_text_or_null(st, c + 4));
}

static json_t *leden_json(struct store *s, long long vid)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.code, o.naam, l.rol, l.van, l.tot FROM lidmaatschappen l"
			 " JOIN organisaties o ON o.id = l.organisatie_id WHERE l.verband_id = ? ORDER BY l.van, o.naam",
			 "l", vid);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, lid_json(st, 0));
	db_finalize(st);
	return a;
}

/* The doelen in their canonical order (register_doelen). Steals doelen. */
static json_t *doelen_sorted(json_t *doelen)
{
	json_t *sorted = json_array();
	for (int i = 0; register_doelen[i]; i++) {
		size_t k;
		json_t *x;
		json_array_foreach(doelen, k, x)
			if (!strcmp(json_string_value(x), register_doelen[i]))
				json_array_append_new(sorted, json_string(register_doelen[i]));
	}
	json_decref(doelen);
	return sorted;
}

/* A verband from a row of id, code, naam, omschrijving,
 * geen_cherry_picking, with its doelen and leden (stolen; NULL: read them). */
static json_t *verband_of(struct store *s, struct db_stmt *st, json_t *doelen, json_t *leden, int with_details)
{
	long long vid = db_col_int(st, 0);
	json_t *v = json_pack("{s:s,s:s}", "code", db_col_text(st, 1), "naam", db_col_text(st, 2));
	json_object_set_new(v, "omschrijving", store_text_or_null(st, 3));
	if (!doelen) {
		doelen = json_array();
		struct db_stmt *d = db_query(s->db, "SELECT doel FROM verband_doelen WHERE verband_id = ?", "l", vid);
		while (db_step(d) == DB_ROW)
			json_array_append_new(doelen, json_string(db_col_text(d, 0)));
		db_finalize(d);
	}
	json_object_set_new(v, "doelen", doelen_sorted(doelen));
	json_object_set_new(v, "geenCherryPicking", json_boolean(db_col_int(st, 4)));
	json_object_set_new(v, "leden", leden ? leden : leden_json(s, vid));
	if (with_details) {
		json_t *tr = NULL;
		struct problem p;
		problem_init(&p);
		if (register_traject_list(s, NULL, db_col_text(st, 1), NULL, &tr, &p) == 0)
			json_object_set_new(v, "trajecten", tr);
	}
	return v;
}

static json_t *verband_row_json(struct store *s, struct db_stmt *st, int with_details)
{
	return verband_of(s, st, NULL, NULL, with_details);
}

struct verband_create_args {
	json_t *in;
	json_t **out;
};

static int traject_insert(struct store *s, long long vid, const char *vcode, json_t *in, long long *id_out, struct problem *p);

static int do_verband_create(struct store *s, void *arg, struct problem *p)
{
	struct verband_create_args *a = arg;
	json_t *in = a->in;
	const char *code = NULL, *naam = NULL, *omschrijving = NULL;
	int gcp = 0;
	json_t *doelen = NULL, *leden = NULL, *trajecten = NULL;
	if (field_text(in, "code", FIELD_REQUIRED, 40, &code, p) > 0 && !register_slug_valid(code))
		problem_param(p, "code", "1 tot 40 tekens: kleine letters, cijfers en '-'");
	field_text(in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	field_bool(in, "geenCherryPicking", FIELD_OPTIONAL, &gcp, p);
	field_array(in, "doelen", FIELD_OPTIONAL, &doelen, p);
	field_array(in, "leden", FIELD_OPTIONAL, &leden, p);
	field_array(in, "trajecten", FIELD_OPTIONAL, &trajecten, p);
	size_t i;
	json_t *x;
	if (doelen)
		json_array_foreach(doelen, i, x) {
			char name[48];
			snprintf(name, sizeof(name), "doelen[%zu]", i);
			if (!json_is_string(x) || enum_index(register_doelen, json_string_value(x)) < 0)
				problem_param(
					p, name,
					"moet een van de K's zijn: klant, kosten, kwetsbaarheid, kwaliteit, kennisdeling of "
					"toekomstkansen-medewerkers");
		}
	if (leden)
		json_array_foreach(leden, i, x)
			if (!json_is_object(x)) {
				char name[48];
				snprintf(name, sizeof(name), "leden[%zu]", i);
				problem_param(p, name, "moet een object zijn met organisatie, rol en van");
			}
	if (p->status)
		return -p->status;
	long long vid;
	int r = db_insert(s->db, &vid,
			  "INSERT INTO verbanden(code, naam, omschrijving, geen_cherry_picking) VALUES(?, ?, ?, ?) RETURNING id",
			  "tttb", code, naam, omschrijving, gcp);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Verband '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "verband");
	if (doelen)
		json_array_foreach(doelen, i, x) {
			r = db_run(s->db, "INSERT INTO verband_doelen(verband_id, doel) VALUES(?, ?) ON CONFLICT DO NOTHING",
				   "lt", vid, json_string_value(x));
			if (r < 0)
				return store_db_problem(s, r, p, "doel");
		}
	if (leden)
		json_array_foreach(leden, i, x) {
			char prefix[48];
			snprintf(prefix, sizeof(prefix), "leden[%zu].", i);
			if ((r = add_member(s, vid, code, x, prefix, p)) < 0)
				return r;
		}
	if (trajecten)
		json_array_foreach(trajecten, i, x) {
			char prefix[48];
			snprintf(prefix, sizeof(prefix), "trajecten[%zu].", i);
			long long tid;
			if (!json_is_object(x)) {
				prefix[strlen(prefix) - 1] = '\0';
				return problem_param(p, prefix, "moet een object zijn");
			}
			if ((r = traject_insert(s, vid, code, x, &tid, p)) < 0)
				return problem_prefix_params(p, prefix), r;
			if ((r = register_traject_created(s, tid, p)) < 0) /* meldingen, as for one traject */
				return r;
		}
	if (a->out)
		return register_verband_get(s, code, a->out, p);
	return 0;
}

int register_verband_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	struct verband_create_args a = { in, out };
	return store_transaction(s, p, do_verband_create, &a);
}

int register_verband_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT id, code, naam, omschrijving, geen_cherry_picking FROM verbanden WHERE code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Verband '%s' bestaat niet.", code);
	}
	*out = verband_row_json(s, st, 1);
	db_finalize(st);
	return 0;
}

json_t *register_verband_list(struct store *s) { return register_verband_page(s, NULL); }

json_t *register_verband_names(struct store *s)
{
	json_t *names = json_object();
	struct db_stmt *st = db_query(s->db, "SELECT code, naam FROM verbanden", NULL);
	while (db_step(st) == DB_ROW)
		json_object_set_new(names, db_col_text(st, 0), json_string(db_col_text(st, 1)));
	db_finalize(st);
	return names;
}

json_t *register_verband_page(struct store *s, struct store_page *pg)
{
#define SQL "SELECT id, code, naam, omschrijving, geen_cherry_picking FROM verbanden ORDER BY naam, code"
	json_t *a = json_array();
	store_page_begin(s, pg);
	/* Every verband's doelen and leden in two queries, by verband id. */
	json_t *doelen = json_object(), *leden = json_object();
	char k[24];
	struct db_stmt *st = db_query(s->db, "SELECT verband_id, doel FROM verband_doelen", NULL);
	while (db_step(st) == DB_ROW) {
		snprintf(k, sizeof(k), "%lld", db_col_int(st, 0));
		json_t *x = json_object_get(doelen, k);
		if (!x)
			json_object_set_new(doelen, k, x = json_array());
		json_array_append_new(x, json_string(db_col_text(st, 1)));
	}
	db_finalize(st);
	st = db_query(s->db,
		      "SELECT l.verband_id, o.code, o.naam, l.rol, l.van, l.tot FROM lidmaatschappen l"
		      " JOIN organisaties o ON o.id = l.organisatie_id ORDER BY l.verband_id, l.van, o.naam",
		      NULL);
	while (db_step(st) == DB_ROW) {
		snprintf(k, sizeof(k), "%lld", db_col_int(st, 0));
		json_t *x = json_object_get(leden, k);
		if (!x)
			json_object_set_new(leden, k, x = json_array());
		json_array_append_new(x, lid_json(st, 1));
	}
	db_finalize(st);
	st = db_query(s->db, SQL STORE_PAGE_SQL, STORE_PAGE_BINDS, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW) {
		snprintf(k, sizeof(k), "%lld", db_col_int(st, 0));
		json_t *d = json_object_get(doelen, k), *l = json_object_get(leden, k);
		json_array_append_new(a,
				      verband_of(s, st, d ? json_incref(d) : json_array(), l ? json_incref(l) : json_array(), 0));
	}
	db_finalize(st);
	json_decref(doelen);
	json_decref(leden);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), NULL) : NULL);
	return a;
#undef SQL
}

struct lid_args {
	const char *verband, *org;
	json_t *in, **out;
};

static int do_lid_add(struct store *s, void *arg, struct problem *p)
{
	struct lid_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	if (json_object_get(a->in, "tot") && !json_is_null(json_object_get(a->in, "tot")))
		return problem_param(p, "tot", "een nieuw lid treedt uit via /uittreding");
	int r = add_member(s, vid, a->verband, a->in, "", p);
	if (r < 0)
		return r;
	if (a->out)
		return register_verband_get(s, a->verband, a->out, p);
	return 0;
}

int register_lid_add(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct lid_args a = { verband, NULL, in, out };
	return store_transaction(s, p, do_lid_add, &a);
}

static int do_lid_leave(struct store *s, void *arg, struct problem *p)
{
	struct lid_args *a = arg;
	const char *datum = NULL;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	long long oid = store_org_id(s, a->org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", a->org);
	if (field_date(a->in, "datum", FIELD_REQUIRED, &datum, p) < 0)
		return -p->status;
	struct db_stmt *st =
		db_query(s->db, "SELECT id, van FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ? AND tot IS NULL",
			 "ll", vid, oid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "%s is geen lid van verband '%s'.", a->org, a->verband);
	}
	long long lid = db_col_int(st, 0);
	char van[DATE_TEXT_LEN];
	snprintf(van, sizeof(van), "%s", db_col_text(st, 1));
	db_finalize(st);
	if (strcmp(datum, van) <= 0) {
		problem_set(p, 422, "De uittreding (%s) moet na de toetreding (%s) liggen.", datum, van);
		problem_param(p, "datum", "moet na %s liggen", van);
		p->status = 422;
		return -422;
	}
	/* A gastheer hands over to a successor first (register_netwerk.c). */
	if (register_netwerk_member_leaving(s, vid, a->verband, oid, a->org, lid, datum, a->in, p) < 0)
		return -p->status;
	int r = db_run(s->db, "UPDATE lidmaatschappen SET tot = ? WHERE id = ?", "tl", datum, lid);
	if (r < 0)
		return store_db_problem(s, r, p, "uittreding");
	if (a->out)
		return register_verband_get(s, a->verband, a->out, p);
	return 0;
}

int register_lid_leave(struct store *s, const char *verband, const char *org, json_t *in, json_t **out, struct problem *p)
{
	struct lid_args a = { verband, org, in, out };
	return store_transaction(s, p, do_lid_leave, &a);
}

/* ---- trajecten -------------------------------------------------------- */

static int traject_insert(struct store *s, long long vid, const char *vcode, json_t *in, long long *id_out, struct problem *p)
{
	const char *taakveld = NULL, *fase = NULL, *vorm = NULL, *intensiteit = NULL, *eigenaar = NULL, *omschrijving = NULL,
		   *start = NULL, *eind = NULL, *deadline = NULL;
	json_t *deelnemers = NULL;
	field_text(in, "taakveld", FIELD_REQUIRED, 40, &taakveld, p);
	field_enum(in, "fase", FIELD_REQUIRED, register_fasen, &fase, p);
	field_enum(in, "vorm", FIELD_REQUIRED, register_vormen, &vorm, p);
	field_enum(in, "intensiteit", FIELD_REQUIRED, register_intensiteiten, &intensiteit, p);
	field_text(in, "eigenaar", FIELD_OPTIONAL, 200, &eigenaar, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	field_date(in, "start", FIELD_REQUIRED, &start, p);
	field_date(in, "eind", FIELD_OPTIONAL, &eind, p);
	field_date(in, "wettelijkeDeadline", FIELD_OPTIONAL, &deadline, p);
	field_array(in, "deelnemers", FIELD_OPTIONAL, &deelnemers, p);
	if (start && eind && strcmp(eind, start) <= 0)
		problem_param(p, "eind", "moet na 'start' liggen");
	size_t i;
	json_t *x;
	if (deelnemers)
		json_array_foreach(deelnemers, i, x)
			if (!json_is_string(x)) {
				char name[48];
				snprintf(name, sizeof(name), "deelnemers[%zu]", i);
				problem_param(p, name, "moet een organisatiecode zijn");
			}
	if (p->status)
		return -p->status;

	long long tvid = store_taakveld_id(s, taakveld);
	if (!tvid) {
		problem_set(p, 422, "Taakveld '%s' bestaat niet.", taakveld);
		problem_param(p, "taakveld", "taakveld '%s' bestaat niet", taakveld);
		p->status = 422;
		return -422;
	}
	struct db_stmt *st = db_query(s->db, "SELECT geen_cherry_picking FROM verbanden WHERE id = ?", "l", vid);
	int gcp = db_step(st) == DB_ROW && db_col_int(st, 0);
	db_finalize(st);

	/* Each deelnemer must exist and be a (non-toehoorder) member on start. */
	long long ids[256];
	size_t n = 0;
	if (deelnemers) {
		if (json_array_size(deelnemers) > 256)
			return problem_param(p, "deelnemers", "hoogstens 256 deelnemers");
		json_array_foreach(deelnemers, i, x) {
			char name[48];
			snprintf(name, sizeof(name), "deelnemers[%zu]", i);
			const char *code = json_string_value(x);
			long long oid = store_org_id(s, code);
			if (!oid) {
				problem_set(p, 422, "Organisatie '%s' bestaat niet.", code);
				problem_param(p, name, "organisatie '%s' bestaat niet", code);
				p->status = 422;
				return -422;
			}
			if (!is_member_on(s, vid, oid, start, 1)) {
				if (is_member_on(s, vid, oid, start, 0)) {
					problem_set(p, 422,
						    "%s is op %s toehoorder in verband '%s': een toehoorder kijkt mee "
						    "maar doet niet mee. Laat %s weg uit de deelnemers.",
						    code, start, vcode, code);
					problem_param(p, name, "%s is toehoorder, geen deelnemend lid", code);
				} else {
					problem_set(p, 422,
						    "%s is op %s geen lid van verband '%s' en kan dus geen deelnemer "
						    "zijn. Laat %s eerst toetreden of laat het weg.",
						    code, start, vcode, code);
					problem_param(p, name, "%s is op %s geen lid van verband '%s'", code, start, vcode);
				}
				return -422;
			}
			int dup = 0;
			for (size_t k = 0; k < n; k++)
				dup |= ids[k] == oid;
			if (!dup)
				ids[n++] = oid;
		}
	}
	if (gcp && deelnemers) {
		/* No cherry-picking: the list, when given, must be every member. */
		st = db_query(s->db,
			      "SELECT count(*) FROM lidmaatschappen l WHERE l.verband_id = ? AND " REGISTER_SQL_ACTIVE_MEMBER(
				      "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?"),
			      "ltt", vid, start, start);
		long long members = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
		db_finalize(st);
		if ((long long)n != members) {
			problem_set(p, 422,
				    "In verband '%s' geldt geen cherry-picking: elk lid doet mee aan elk traject "
				    "(%lld leden, %zu deelnemers opgegeven).",
				    vcode, members, n);
			problem_param(p, "deelnemers", "moet alle %lld leden bevatten, of weggelaten worden", members);
			p->status = 422;
			return -422;
		}
	}
	if (!gcp && n == 0)
		return problem_param(p, "deelnemers", "ten minste één deelnemer (een lid van het verband)");

	long long tid;
	int r = db_insert(
		s->db, &tid,
		"INSERT INTO trajecten(verband_id, taakveld_id, fase, vorm, intensiteit, eigenaar, omschrijving, start, eind,"
		" wettelijke_deadline) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"lltttttttt", vid, tvid, fase, vorm, intensiteit, eigenaar, omschrijving, start, eind, deadline);
	if (r < 0)
		return store_db_problem(s, r, p, "traject");
	if (!gcp)
		for (size_t k = 0; k < n; k++)
			if ((r = db_run(s->db, "INSERT INTO traject_deelnemers(traject_id, organisatie_id) VALUES(?, ?)", "ll",
					tid, ids[k])) < 0)
				return store_db_problem(s, r, p, "deelnemer");
	if ((r = register_uitvoerder_zetten(s, tid, in, p)) < 0)
		return r;
	*id_out = tid;
	return 0;
}

struct traject_args {
	const char *verband;
	json_t *in, **out;
};

static int do_traject_create(struct store *s, void *arg, struct problem *p)
{
	struct traject_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	long long tid;
	int r = traject_insert(s, vid, a->verband, a->in, &tid, p);
	if (r < 0)
		return r;
	/* Partners elsewhere on this task field hear of it (besturing.h). */
	if ((r = register_traject_created(s, tid, p)) < 0)
		return r;
	return a->out ? register_traject_get(s, tid, a->out, p) : 0;
}

int register_traject_create(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct traject_args a = { verband, in, out };
	return store_transaction(s, p, do_traject_create, &a);
}

#define TRAJECT_COLS                                                                                                  \
	"t.id, v.code, tv.code, tv.naam, t.fase, t.vorm, t.intensiteit, t.eigenaar, t.omschrijving, t.start, t.eind," \
	" t.wettelijke_deadline, v.geen_cherry_picking, v.id, t.eind_reden,"                                          \
	" (SELECT u.code FROM organisaties u WHERE u.id = t.uitvoerder_id)"
#define TRAJECT_FROM " FROM trajecten t JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id"

/* The participants of a traject on the reference date: the given date or
 * today, clamped to the traject's period. Explicit participants whose
 * participation runs then, or (no cherry-picking) every active member on
 * that date that is not waiting for a phased entry on this task field. */
static json_t *deelnemers_json(struct store *s, long long tid, long long vid, int gcp, const char *start, const char *eind,
			       const char *date)
{
	json_t *a = json_array();
	char ref[DATE_TEXT_LEN];
	if (date)
		snprintf(ref, sizeof(ref), "%s", date);
	else
		today(ref);
	if (strcmp(ref, start) < 0)
		snprintf(ref, sizeof(ref), "%s", start);
	if (eind && strcmp(ref, eind) >= 0) {
		int32_t d;
		date_parse(eind, &d);
		date_format(d - 1, ref);
	}
	struct db_stmt *st;
	if (!gcp) {
		st = db_query(s->db,
			      "SELECT DISTINCT o.code FROM traject_deelnemers d JOIN organisaties o ON o.id = d.organisatie_id"
			      " WHERE d.traject_id = ?1 AND (d.van IS NULL OR d.van <= ?2) AND (d.tot IS NULL OR d.tot > ?2)"
			      " ORDER BY o.code",
			      "lt", tid, ref);
	} else {
		st = db_query(
			s->db,
			"SELECT DISTINCT o.code FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
			" JOIN trajecten t ON t.id = ?3"
			" WHERE l.verband_id = ?1 AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON(
				"l",
				"?2") " AND NOT EXISTS (SELECT 1 FROM gefaseerde_instap gi WHERE gi.verband_id = l.verband_id"
				      " AND gi.organisatie_id = l.organisatie_id AND gi.taakveld_id = t.taakveld_id"
				      " AND gi.vanaf > ?2) ORDER BY o.code",
			"ltl", vid, ref, tid);
	}
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	return a;
}

static json_t *traject_json(struct store *s, struct db_stmt *st, const char *date)
{
	json_t *t = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1),
			      "taakveld", db_col_text(st, 2), "taakveldNaam", db_col_text(st, 3), "fase", db_col_text(st, 4),
			      "vorm", db_col_text(st, 5), "intensiteit", db_col_text(st, 6));
	json_object_set_new(t, "deelnemers",
			    deelnemers_json(s, db_col_int(st, 0), db_col_int(st, 13), (int)db_col_int(st, 12), db_col_text(st, 9),
					    db_col_text(st, 10), date));
	json_object_set_new(t, "eigenaar", store_text_or_null(st, 7));
	json_object_set_new(t, "omschrijving", store_text_or_null(st, 8));
	json_object_set_new(t, "start", json_string(db_col_text(st, 9)));
	json_object_set_new(t, "eind", store_text_or_null(st, 10));
	json_object_set_new(t, "wettelijkeDeadline", store_text_or_null(st, 11));
	if (!db_col_null(st, 14))
		json_object_set_new(t, "eindReden", json_string(db_col_text(st, 14)));
	json_object_set_new(t, "uitvoerder", store_text_or_null(st, 15)); /* a gastgemeente (register_gedeeld.c) */
	/* Fase, vorm, intensiteit, eigenaar and omschrijving as on the date
	 * (register_historie.c); without a date, the state of today. */
	register_traject_overlay(s, db_col_int(st, 0), date, t);
	return t;
}

int register_traject_get(struct store *s, long long id, json_t **out, struct problem *p)
{
	return register_traject_get_on(s, id, NULL, out, p);
}

int register_traject_get_on(struct store *s, long long id, const char *date, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " TRAJECT_COLS TRAJECT_FROM " WHERE t.id = ?", "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", id);
	}
	*out = traject_json(s, st, date);
	db_finalize(st);
	return 0;
}

int register_traject_list(struct store *s, const char *org, const char *verband, const char *taakveld, json_t **out,
			  struct problem *p)
{
	return register_traject_page_on(s, org, verband, taakveld, NULL, NULL, out, p);
}

int register_traject_list_on(struct store *s, const char *org, const char *verband, const char *taakveld, const char *date,
			     json_t **out, struct problem *p)
{
	return register_traject_page_on(s, org, verband, taakveld, date, NULL, out, p);
}

int register_traject_page(struct store *s, const char *org, const char *verband, const char *taakveld, struct store_page *pg,
			  json_t **out, struct problem *p)
{
	return register_traject_page_on(s, org, verband, taakveld, NULL, pg, out, p);
}

int register_traject_page_on(struct store *s, const char *org, const char *verband, const char *taakveld, const char *date,
			     struct store_page *pg, json_t **out, struct problem *p)
{
	long long oid = org ? store_org_id(s, org) : 0;
	if (org && !oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org);
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	if (taakveld && !store_taakveld_id(s, taakveld))
		return problem_set(p, 404, "Taakveld '%s' bestaat niet.", taakveld);
#define SQL                                                                                                            \
	"SELECT " TRAJECT_COLS TRAJECT_FROM                                                                            \
	" WHERE (?1 IS NULL OR v.code = ?1) AND (?2 IS NULL OR tv.code = ?2) AND (?3 = 0 OR " REGISTER_SQL_TAKES_PART( \
		"?3") ") ORDER BY v.naam, tv.naam, t.start, t.id"
	store_page_begin(s, pg);
	struct db_stmt *st =
		db_query(s->db, SQL " LIMIT ?4 OFFSET ?5", "ttl" STORE_PAGE_BINDS, verband, taakveld, oid, STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, traject_json(s, st, date));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "ttl", verband, taakveld, oid) : NULL);
	*out = a;
	return 0;
#undef SQL
}
