/* Everything the stand-van-zaken report of an organisation over a period
 * needs, gathered from the other steering modules. See besturing.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/register.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"

/* ---- report data ------------------------------------------------------------- */

static int in_period(const char *d, const char *van, const char *tot) { return d && strcmp(d, van) >= 0 && strcmp(d, tot) <= 0; }

static json_t *report_roles(struct store *s, long long vid, long long tid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " ROLE_COLS ROLE_FROM " WHERE r.verband_id = ?1 AND ((?2 = 0 AND r.traject_id IS NULL)"
			 " OR r.traject_id = ?2) AND (r.van IS NULL OR r.van <= ?4) AND (r.tot IS NULL OR r.tot > ?3)"
			 " ORDER BY r.rol, r.van NULLS FIRST, r.id",
			 "lltt", vid, tid, van, tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, besturing_role_json(st));
	db_finalize(st);
	return a;
}

/* The changes of a traject (fase, vorm, …, its end) that took effect in the period. */
static json_t *report_changes(struct store *s, long long tid, const char *van, const char *tot)
{
	json_t *all = NULL, *a = json_array();
	struct problem q;
	problem_init(&q);
	if (register_traject_history(s, tid, &all, &q) < 0)
		return a;
	size_t i;
	json_t *m;
	json_array_foreach(all, i, m)
		if (in_period(json_string_value(json_object_get(m, "ingangsdatum")), van, tot))
			json_array_append(a, m);
	json_decref(all);
	return a;
}

static json_t *report_decisions(struct store *s, long long vid, long long tid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " DECISION_COLS DECISION_FROM " WHERE b.verband_id = ?1 AND ((?2 = 0 AND b.traject_id IS NULL)"
			 " OR b.traject_id = ?2) AND b.datum >= ?3 AND b.datum <= ?4 ORDER BY b.datum, b.id",
			 "lltt", vid, tid, van, tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, besturing_decision_json(st));
	db_finalize(st);
	return a;
}

struct report_counts {
	long long besluiten, gehaald, gereed_te_laat, te_laat, uitgesteld, komend;
};

static json_t *report_milestones(struct store *s, long long tid, const char *van, const char *tot, struct report_counts *c)
{
	json_t *gehaald = json_array(), *laat_gereed = json_array(), *te_laat = json_array(), *uitgesteld = json_array(),
	       *komend = json_array();
	int32_t on = besturing_day_of(tot);
	struct db_stmt *st =
		db_query(s->db, "SELECT " MS_COLS MS_FROM " WHERE m.traject_id = ? ORDER BY " MS_DEADLINE ", m.id", "l", tid);
	while (db_step(st) == DB_ROW) {
		enum ms_status status;
		int postponed;
		json_t *m = besturing_milestone_json(s, st, on, &status, &postponed);
		const char *done = db_col_text(st, 11);
		if ((status == MS_DONE || status == MS_DONE_LATE) && in_period(done, van, tot))
			json_array_append(status == MS_DONE ? gehaald : laat_gereed, m);
		else if (status == MS_LATE)
			json_array_append(te_laat, m);
		else if (status == MS_OPEN)
			json_array_append(komend, m);
		size_t i;
		json_t *u;
		int in = 0;
		json_array_foreach(json_object_get(m, "uitstel"), i, u)
			in |= in_period(json_string_value(json_object_get(u, "datum")), van, tot);
		if (in)
			json_array_append(uitgesteld, m);
		json_decref(m);
	}
	db_finalize(st);
	c->gehaald += (long long)json_array_size(gehaald);
	c->gereed_te_laat += (long long)json_array_size(laat_gereed);
	c->te_laat += (long long)json_array_size(te_laat);
	c->uitgesteld += (long long)json_array_size(uitgesteld);
	c->komend += (long long)json_array_size(komend);
	return json_pack("{s:o,s:o,s:o,s:o,s:o}", "gehaald", gehaald, "gereedTeLaat", laat_gereed, "teLaat", te_laat,
			 "uitgesteld", uitgesteld, "komend", komend);
}

static json_t *report_businesscase(struct store *s, long long tid, const char *org)
{
	json_t *bc = NULL;
	struct problem q;
	problem_init(&q);
	if (besturing_bc_get(s, tid, &bc, &q) < 0)
		return json_null();
	json_t *o =
		json_pack("{s:O,s:O,s:O,s:O,s:O}", "oordeel", json_object_get(bc, "oordeel"), "toelichtingOordeel",
			  json_object_get(bc, "toelichtingOordeel"), "periodeJaren", json_object_get(bc, "periodeJaren"),
			  "discontoPromille", json_object_get(bc, "discontoPromille"), "totaal", json_object_get(bc, "totaal"));
	json_t *own = json_null();
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(bc, "perOrganisatie"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "organisatie")), org))
			own = json_incref(e);
	json_object_set_new(o, "organisatie", own);
	json_decref(bc);
	return o;
}

static json_t *report_surveys(struct store *s, long long vid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT code, naam, datum FROM verkenningen WHERE verband_id = ?1 AND ((datum >= ?2 AND datum <= ?3)"
			 " OR (keuze_datum >= ?2 AND keuze_datum <= ?3)) ORDER BY datum, code",
			 "ltt", vid, van, tot);
	while (db_step(st) == DB_ROW) {
		json_t *res = NULL, *k = NULL;
		struct problem q;
		problem_init(&q);
		if (besturing_survey_result(s, db_col_text(st, 0), &res, &q) < 0 ||
		    besturing_survey_get(s, db_col_text(st, 0), &k, &q) < 0) {
			json_decref(res);
			continue;
		}
		json_t *rows = json_array();
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(res, "taakvelden"), i, r)
			json_array_append_new(
				rows, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "rang", json_object_get(r, "rang"), "taakveld",
						json_object_get(r, "taakveld"), "naam", json_object_get(r, "naam"), "prioriteit",
						json_object_get(r, "prioriteit"), "snelleWinst",
						json_object_get(r, "snelleWinst"), "gekozen", json_object_get(r, "gekozen")));
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:O,s:O,s:o}", "code", db_col_text(st, 0), "naam",
						   db_col_text(st, 1), "datum", db_col_text(st, 2), "gekozen",
						   json_object_get(k, "gekozen"), "keuze", json_object_get(k, "keuze"), "uitslag",
						   rows));
		json_decref(res);
		json_decref(k);
	}
	db_finalize(st);
	return a;
}

static json_t *report_scorings(struct store *s, long long vid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT code, naam, datum FROM scoringen WHERE verband_id = ? AND datum >= ? AND datum <= ?"
				      " ORDER BY datum, code",
				      "ltt", vid, van, tot);
	while (db_step(st) == DB_ROW) {
		json_t *res = NULL;
		struct problem q;
		problem_init(&q);
		if (besturing_scoring_result(s, db_col_text(st, 0), &res, &q) < 0)
			continue;
		json_t *rows = json_array();
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(res, "taakvelden"), i, r)
			json_array_append_new(
				rows,
				json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "taakveld", json_object_get(r, "taakveld"), "naam",
					  json_object_get(r, "naam"), "klasse", json_object_get(r, "klasse"), "gemiddelde",
					  json_object_get(r, "gemiddelde"), "laagste", json_object_get(r, "laagste"), "spreiding",
					  json_object_get(r, "spreiding"), "eigenaar", json_object_get(r, "eigenaar"), "volledig",
					  json_object_get(r, "volledig")));
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:o}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1),
						   "datum", db_col_text(st, 2), "uitslag", rows));
		json_decref(res);
	}
	db_finalize(st);
	return a;
}

static json_t *filter_notices(json_t *all, const char *van, const char *tot)
{
	json_t *a = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(all, i, m)
		if (in_period(json_string_value(json_object_get(m, "datum")), van, tot))
			json_array_append(a, m);
	json_decref(all);
	return a;
}

int besturing_report_data(struct store *s, const char *org, const char *van, const char *tot, json_t **out, struct problem *p)
{
	int32_t dv, dt;
	if (!org || !org[0])
		problem_param(p, "organisatie", "is verplicht");
	if (!van || date_parse(van, &dv) < 0)
		problem_param(p, "van", "is verplicht, een datum (JJJJ-MM-DD)");
	if (!tot || date_parse(tot, &dt) < 0)
		problem_param(p, "tot", "is verplicht, een datum (JJJJ-MM-DD)");
	if (!p->status && dt < dv)
		problem_param(p, "tot", "moet op of na 'van' liggen");
	if (p->status)
		return -p->status;
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org);
	char naam[200];
	besturing_org_name(s, org, naam, sizeof(naam));
	struct report_counts c = { 0 };
	json_t *verbanden = json_array();
	struct idset seen = { 0 };
	struct db_stmt *st = db_query(
		s->db,
		"SELECT v.id, v.code, v.naam, l.rol FROM lidmaatschappen l JOIN verbanden v ON v.id = l.verband_id"
		" WHERE l.organisatie_id = ? AND l.van <= ? AND (l.tot IS NULL OR l.tot > ?) ORDER BY v.naam, l.van DESC",
		"ltt", oid, tot, van);
	while (db_step(st) == DB_ROW) {
		long long vid = db_col_int(st, 0);
		if (idset_has(&seen, vid))
			continue;
		idset_add(&seen, vid);
		const char *vcode = db_col_text(st, 1);
		json_t *v = json_pack("{s:s,s:s,s:s}", "code", vcode, "naam", db_col_text(st, 2), "rol", db_col_text(st, 3));
		json_object_set_new(v, "rollen", report_roles(s, vid, 0, van, tot));
		json_t *vb = report_decisions(s, vid, 0, van, tot);
		c.besluiten += (long long)json_array_size(vb);
		json_object_set_new(v, "besluiten", vb);
		json_t *trs = NULL, *list = json_array();
		struct problem q;
		problem_init(&q);
		/* Each traject as it stood at the end of the period. */
		if (register_traject_list_on(s, org, vcode, NULL, tot, &trs, &q) == 0) {
			size_t i;
			json_t *t;
			json_array_foreach(trs, i, t) {
				json_t *eind = json_object_get(t, "eind");
				if (json_is_string(eind) && strcmp(json_string_value(eind), van) <= 0)
					continue; /* ended before the period */
				long long tid = json_integer_value(json_object_get(t, "id"));
				json_t *r = json_pack("{s:I,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "id", (json_int_t)tid, "taakveld",
						      json_object_get(t, "taakveld"), "taakveldNaam",
						      json_object_get(t, "taakveldNaam"), "fase", json_object_get(t, "fase"),
						      "eigenaar", json_object_get(t, "eigenaar"), "start",
						      json_object_get(t, "start"), "eind", eind ? eind : json_null(),
						      "wettelijkeDeadline", json_object_get(t, "wettelijkeDeadline"));
				json_object_set_new(
					r, "gepland",
					json_boolean(strcmp(json_string_value(json_object_get(t, "start")), tot) > 0));
				json_object_set_new(r, "rollen", report_roles(s, vid, tid, van, tot));
				json_object_set_new(r, "wijzigingen", report_changes(s, tid, van, tot));
				json_t *tb = report_decisions(s, vid, tid, van, tot);
				c.besluiten += (long long)json_array_size(tb);
				json_object_set_new(r, "besluiten", tb);
				json_object_set_new(r, "mijlpalen", report_milestones(s, tid, van, tot, &c));
				json_object_set_new(r, "businesscase", report_businesscase(s, tid, org));
				json_array_append_new(list, r);
			}
		}
		json_decref(trs);
		json_object_set_new(v, "trajecten", list);
		json_object_set_new(v, "verkenningen", report_surveys(s, vid, van, tot));
		json_object_set_new(v, "scoringen", report_scorings(s, vid, van, tot));
		json_array_append_new(verbanden, v);
	}
	db_finalize(st);
	idset_release(&seen);
	json_t *received = filter_notices(register_meldingen_query(s, oid, "ontvanger", NULL), van, tot);
	json_t *sent = filter_notices(register_meldingen_query(s, oid, "melder", NULL), van, tot);
	json_t *sum = json_object();
	json_object_set_new(sum, "besluiten", json_integer(c.besluiten));
	json_object_set_new(sum, "mijlpalenGehaald", json_integer(c.gehaald));
	json_object_set_new(sum, "mijlpalenGereedTeLaat", json_integer(c.gereed_te_laat));
	json_object_set_new(sum, "mijlpalenTeLaat", json_integer(c.te_laat));
	json_object_set_new(sum, "mijlpalenUitgesteld", json_integer(c.uitgesteld));
	json_object_set_new(sum, "mijlpalenKomend", json_integer(c.komend));
	json_object_set_new(sum, "meldingen", json_integer((json_int_t)json_array_size(received)));
	*out = json_pack("{s:{s:s,s:s},s:s,s:s,s:o,s:o,s:o,s:o}", "organisatie", "code", org, "naam", naam, "van", van, "tot",
			 tot, "samenvatting", sum, "verbanden", verbanden, "meldingen", received, "gemeld", sent);
	return 0;
}
