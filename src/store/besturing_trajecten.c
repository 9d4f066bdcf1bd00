/* Running cooperation: business cases (core/businesscase.h), milestones
 * with postponements (core/planning.h), decisions and roles. See besturing.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/businesscase.h"
#include "core/nl.h"
#include "core/register.h"
#include "store/page.h"
#include "store/fields.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"
#include "store/register_sql.h"

/* ---- business cases --------------------------------------------------------- */

static int do_bc_put(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in;
	struct traject_row t;
	int r = besturing_traject_find(s, a->id, &t, p);
	if (r < 0)
		return r;
	long long years = 0, permille = 0;
	const char *toelichting = NULL;
	json_t *posten = NULL, *gebruik = NULL;
	int yr_ok = field_int(in, "periodeJaren", FIELD_REQUIRED, 1, BC_MAX_YEARS, &years, p) > 0;
	field_int(in, "discontoPromille", FIELD_OPTIONAL, 0, BC_MAX_PERMILLE, &permille, p);
	field_text(in, "toelichting", FIELD_OPTIONAL, 4000, &toelichting, p);
	field_array(in, "posten", FIELD_REQUIRED, &posten, p);
	field_array(in, "gebruik", FIELD_OPTIONAL, &gebruik, p);
	size_t i, k;
	json_t *x;
	if (posten && json_array_size(posten) > BC_MAX_POSTS)
		problem_param(p, "posten", "hoogstens %d posten", BC_MAX_POSTS);
	else if (posten)
		json_array_foreach(posten, i, x) {
			char n[48];
			snprintf(n, sizeof(n), "posten[%zu].", i);
			if (!json_is_object(x)) {
				n[strlen(n) - 1] = '\0';
				problem_param(p, n, "moet een object zijn met soort, jaar en centen");
				continue;
			}
			struct problem q;
			problem_init(&q);
			const char *org = NULL, *soort = NULL, *key = NULL, *oms = NULL;
			long long jaar = 0, centen = 0;
			field_text(x, "organisatie", FIELD_OPTIONAL, 32, &org, &q);
			field_enum(x, "soort", FIELD_REQUIRED, bc_kind_names, &soort, &q);
			field_int(x, "jaar", FIELD_REQUIRED, 1, yr_ok ? years : BC_MAX_YEARS, &jaar, &q);
			field_int(x, "centen", FIELD_REQUIRED, 0, BC_MAX_CENTS, &centen, &q);
			field_enum(x, "verdeelsleutel", FIELD_OPTIONAL, bc_key_names, &key, &q);
			field_text(x, "omschrijving", FIELD_OPTIONAL, 500, &oms, &q);
			if (org && org[0] && key)
				problem_param(&q, "verdeelsleutel", "alleen bij een gedeelde post (zonder organisatie)");
			for (int j = 0; j < q.nparams; j++) {
				char pn[200];
				snprintf(pn, sizeof(pn), "%s%s", n, q.params[j].name);
				problem_param(p, pn, "%s",
					      !strcmp(q.params[j].name, "jaar") && yr_ok
						      ? "moet een jaar binnen de periode zijn (1 tot en met periodeJaren)"
						      : q.params[j].reason);
			}
		}
	if (gebruik)
		json_array_foreach(gebruik, i, x) {
			char n[48];
			snprintf(n, sizeof(n), "gebruik[%zu].", i);
			if (!json_is_object(x)) {
				n[strlen(n) - 1] = '\0';
				problem_param(p, n, "moet een object zijn met organisatie en aandeel");
				continue;
			}
			struct problem q;
			problem_init(&q);
			const char *org = NULL;
			long long aandeel = 0;
			field_text(x, "organisatie", FIELD_REQUIRED, 32, &org, &q);
			field_int(x, "aandeel", FIELD_REQUIRED, 0, 1000000000LL, &aandeel, &q);
			for (int j = 0; j < q.nparams; j++) {
				char pn[200];
				snprintf(pn, sizeof(pn), "%s%s", n, q.params[j].name);
				problem_param(p, pn, "%s", q.params[j].reason);
			}
			for (k = 0; org && k < i; k++)
				if (json_equal(json_object_get(json_array_get(gebruik, k), "organisatie"),
					       json_object_get(x, "organisatie"))) {
					char pn[64];
					snprintf(pn, sizeof(pn), "%sorganisatie", n);
					problem_param(p, pn, "'%s' staat er al in", org);
				}
		}
	if (p->status)
		return -p->status;

	json_t *deelnemers = besturing_traject_deelnemers(s, t.id);
	if (json_array_size(deelnemers) > BC_MAX_ORGS) {
		json_decref(deelnemers);
		return problem_refuse(p, NULL, "Een businesscase kan hoogstens %d deelnemers hebben.", BC_MAX_ORGS);
	}
	int need_inwoners = 0, need_gebruik = 0;
	json_array_foreach(posten, i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		char n[64];
		snprintf(n, sizeof(n), "posten[%zu].organisatie", i);
		if (org && org[0]) {
			if (!store_org_id(s, org)) {
				json_decref(deelnemers);
				return problem_refuse(p, n, "Organisatie '%s' bestaat niet.", org);
			}
			if (!besturing_json_has_string(deelnemers, org)) {
				json_decref(deelnemers);
				return problem_refuse(p, n, "%s neemt niet deel aan traject %lld en kan dus geen post hebben.",
						      org, t.id);
			}
		} else {
			const char *key = json_string_value(json_object_get(x, "verdeelsleutel"));
			need_inwoners |= key && !strcmp(key, "inwoners");
			need_gebruik |= key && !strcmp(key, "gebruik");
		}
	}
	long long usage = 0;
	if (gebruik)
		json_array_foreach(gebruik, i, x) {
			const char *org = json_string_value(json_object_get(x, "organisatie"));
			char n[64];
			snprintf(n, sizeof(n), "gebruik[%zu].organisatie", i);
			if (!store_org_id(s, org) || !besturing_json_has_string(deelnemers, org)) {
				json_decref(deelnemers);
				return problem_refuse(p, n, "%s is geen deelnemer van traject %lld.", org, t.id);
			}
			usage += json_integer_value(json_object_get(x, "aandeel"));
		}
	if (need_gebruik && usage <= 0) {
		json_decref(deelnemers);
		return problem_refuse(p, "gebruik",
				      "Een gedeelde post met verdeelsleutel 'gebruik' vraagt een gebruiksaandeel per deelnemer "
				      "(gebruik: [{organisatie, aandeel}]) met een totaal groter dan 0.");
	}
	if (need_inwoners)
		json_array_foreach(deelnemers, i, x) {
			struct db_stmt *st =
				db_query(s->db, "SELECT inwoners FROM organisaties WHERE code = ?", "t", json_string_value(x));
			int known = db_step(st) == DB_ROW && !db_col_null(st, 0);
			db_finalize(st);
			if (!known) {
				char code[40];
				snprintf(code, sizeof(code), "%s", json_string_value(x));
				json_decref(deelnemers);
				return problem_refuse(p, "posten",
						      "Het aantal inwoners van %s is onbekend; verdeel niet naar inwoners of "
						      "vul het aantal inwoners in.",
						      code);
			}
		}
	json_decref(deelnemers);

	char now[32];
	besturing_today(now);
	if ((r = db_run(s->db, "DELETE FROM businesscase_posten WHERE traject_id = ?", "l", t.id)) < 0 ||
	    (r = db_run(s->db, "DELETE FROM businesscase_gebruik WHERE traject_id = ?", "l", t.id)) < 0 ||
	    (r = db_run(s->db, "DELETE FROM businesscases WHERE traject_id = ?", "l", t.id)) < 0)
		return store_db_problem(s, r, p, "businesscase");
	r = db_run(s->db,
		   "INSERT INTO businesscases(traject_id, periode_jaren, disconto_promille, toelichting, bijgewerkt) VALUES(?, "
		   "?, ?, ?, ?)",
		   "llltt", t.id, years, permille, toelichting, now);
	if (r < 0)
		return store_db_problem(s, r, p, "businesscase");
	json_array_foreach(posten, i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		const char *key = json_string_value(json_object_get(x, "verdeelsleutel"));
		long long oid = org && org[0] ? store_org_id(s, org) : 0;
		r = db_run(s->db,
			   "INSERT INTO businesscase_posten(traject_id, organisatie_id, soort, jaar, centen, verdeelsleutel, "
			   "omschrijving)"
			   " VALUES(?, nullif(?, 0), ?, ?, ?, ?, ?)",
			   "lltlltt", t.id, oid, json_string_value(json_object_get(x, "soort")),
			   (long long)json_integer_value(json_object_get(x, "jaar")),
			   (long long)json_integer_value(json_object_get(x, "centen")), oid ? NULL : (key ? key : "gelijk"),
			   json_string_value(json_object_get(x, "omschrijving")));
		if (r < 0)
			return store_db_problem(s, r, p, "post");
	}
	if (gebruik)
		json_array_foreach(gebruik, i, x) {
			r = db_run(s->db, "INSERT INTO businesscase_gebruik(traject_id, organisatie_id, aandeel) VALUES(?, ?, ?)",
				   "lll", t.id, store_org_id(s, json_string_value(json_object_get(x, "organisatie"))),
				   (long long)json_integer_value(json_object_get(x, "aandeel")));
			if (r < 0)
				return store_db_problem(s, r, p, "gebruik");
		}
	return a->out ? besturing_bc_get(s, t.id, a->out, p) : 0;
}

int besturing_bc_put(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .id = traject };
	return store_transaction(s, p, do_bc_put, &a);
}

static json_t *bc_result_json(const struct bc_result *r, int years, int with_years)
{
	json_t *o = json_object();
	json_object_set_new(o, "investeringCenten", json_integer(r->investering));
	json_object_set_new(o, "kostenCenten", json_integer(r->kosten));
	json_object_set_new(o, "besparingCenten", json_integer(r->besparing));
	json_object_set_new(o, "nettoCenten", json_integer(r->net));
	json_object_set_new(o, "ncwCenten", json_integer(r->npv));
	json_object_set_new(o, "terugverdienjaar", r->payback_year ? json_integer(r->payback_year) : json_null());
	json_object_set_new(o, "verdientZichTerug", json_boolean(r->pays_back));
	if (with_years) {
		json_t *a = json_array();
		for (int y = 0; y < years; y++) {
			const struct bc_year *yr = &r->years[y];
			json_t *e = json_pack("{s:i}", "jaar", y + 1);
			json_object_set_new(e, "investeringCenten", json_integer(yr->investering));
			json_object_set_new(e, "kostenCenten", json_integer(yr->kosten));
			json_object_set_new(e, "besparingCenten", json_integer(yr->besparing));
			json_object_set_new(e, "nettoCenten", json_integer(yr->net));
			json_object_set_new(e, "cumulatiefCenten", json_integer(yr->cumulative));
			json_object_set_new(e, "contanteWaardeCenten", json_integer(yr->present));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "perJaar", a);
	}
	return o;
}

int besturing_bc_get(struct store *s, long long traject, json_t **out, struct problem *p)
{
	struct traject_row t;
	int r = besturing_traject_find(s, traject, &t, p);
	if (r < 0)
		return r;
	struct db_stmt *st = db_query(
		s->db, "SELECT periode_jaren, disconto_promille, toelichting, bijgewerkt FROM businesscases WHERE traject_id = ?",
		"l", t.id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld heeft (nog) geen businesscase.", t.id);
	}
	int years = (int)db_col_int(st, 0), permille = (int)db_col_int(st, 1);
	json_t *o = json_pack("{s:I,s:s,s:s,s:i,s:i}", "traject", (json_int_t)t.id, "verband", t.verband_code, "taakveld",
			      t.taakveld, "periodeJaren", years, "discontoPromille", permille);
	json_object_set_new(o, "toelichting", store_text_or_null(st, 2));
	json_object_set_new(o, "bijgewerkt", store_text_or_null(st, 3));
	db_finalize(st);

	/* The partners: the participants, and anyone a post or usage names. */
	json_t *partners = besturing_traject_deelnemers(s, t.id);
	json_t *posten = json_array(), *gebruik = json_array();
	st = db_query(s->db,
		      "SELECT o.code, b.soort, b.jaar, b.centen, b.verdeelsleutel, b.omschrijving FROM businesscase_posten b"
		      " LEFT JOIN organisaties o ON o.id = b.organisatie_id WHERE b.traject_id = ? ORDER BY b.id",
		      "l", t.id);
	while (db_step(st) == DB_ROW) {
		json_t *e = json_object();
		json_object_set_new(e, "organisatie", store_text_or_null(st, 0));
		json_object_set_new(e, "soort", json_string(db_col_text(st, 1)));
		json_object_set_new(e, "jaar", json_integer(db_col_int(st, 2)));
		json_object_set_new(e, "centen", json_integer(db_col_int(st, 3)));
		json_object_set_new(e, "verdeelsleutel", store_text_or_null(st, 4));
		json_object_set_new(e, "omschrijving", store_text_or_null(st, 5));
		json_array_append_new(posten, e);
		if (db_col_text(st, 0) && !besturing_json_has_string(partners, db_col_text(st, 0)))
			json_array_append_new(partners, json_string(db_col_text(st, 0)));
	}
	db_finalize(st);
	st = db_query(s->db,
		      "SELECT o.code, g.aandeel FROM businesscase_gebruik g JOIN organisaties o ON o.id = g.organisatie_id"
		      " WHERE g.traject_id = ? ORDER BY o.code",
		      "l", t.id);
	while (db_step(st) == DB_ROW) {
		json_array_append_new(gebruik, json_pack("{s:s,s:I}", "organisatie", db_col_text(st, 0), "aandeel",
							 (json_int_t)db_col_int(st, 1)));
		if (!besturing_json_has_string(partners, db_col_text(st, 0)))
			json_array_append_new(partners, json_string(db_col_text(st, 0)));
	}
	db_finalize(st);
	json_object_set_new(o, "posten", posten);
	json_object_set_new(o, "gebruik", gebruik);
	json_object_set_new(o, "deelnemers", json_incref(partners));

	int np = (int)json_array_size(partners);
	size_t npost = json_array_size(posten);
	struct bc_partner bp[BC_MAX_ORGS];
	struct bc_post *bposts = calloc(npost ? npost : 1, sizeof(*bposts));
	struct bc_result *res = calloc((size_t)(np > 0 ? np : 1), sizeof(*res));
	struct bc_result *total = calloc(1, sizeof(*total));
	char why[256] = "";
	int verdict = -1;
	if (bposts && res && total && np >= 1 && np <= BC_MAX_ORGS) {
		for (int k = 0; k < np; k++) {
			const char *code = json_string_value(json_array_get(partners, (size_t)k));
			st = db_query(s->db, "SELECT inwoners FROM organisaties WHERE code = ?", "t", code);
			bp[k].inwoners = db_step(st) == DB_ROW && !db_col_null(st, 0) ? db_col_int(st, 0) : -1;
			db_finalize(st);
			bp[k].gebruik = 0;
			size_t i;
			json_t *g;
			json_array_foreach(gebruik, i, g)
				if (!strcmp(json_string_value(json_object_get(g, "organisatie")), code))
					bp[k].gebruik = json_integer_value(json_object_get(g, "aandeel"));
		}
		size_t i;
		json_t *e;
		json_array_foreach(posten, i, e) {
			json_t *org = json_object_get(e, "organisatie");
			bposts[i].org = -1;
			for (int k = 0; json_is_string(org) && k < np; k++)
				if (!strcmp(json_string_value(json_array_get(partners, (size_t)k)), json_string_value(org)))
					bposts[i].org = k;
			bposts[i].kind = (enum bc_kind)enum_index(bc_kind_names, json_string_value(json_object_get(e, "soort")));
			bposts[i].year = (int)json_integer_value(json_object_get(e, "jaar"));
			bposts[i].cents = json_integer_value(json_object_get(e, "centen"));
			json_t *key = json_object_get(e, "verdeelsleutel");
			bposts[i].key = json_is_string(key) ? (enum bc_key)enum_index(bc_key_names, json_string_value(key))
							    : BC_KEY_GELIJK;
		}
		struct bc_input bin = { years, permille, np, bp, (int)npost, bposts };
		verdict = bc_evaluate(&bin, res, total, why, sizeof(why));
	} else if (np < 1) {
		snprintf(why, sizeof(why), "het traject heeft geen deelnemers");
	} else if (np > BC_MAX_ORGS) {
		snprintf(why, sizeof(why), "meer dan %d deelnemers", BC_MAX_ORGS);
	}
	if (verdict < 0) {
		free(bposts), free(res), free(total);
		json_decref(partners);
		json_decref(o);
		if (!why[0])
			return problem_set(p, 500, "Geen geheugen voor de businesscase.");
		return problem_set(p, 422, "De businesscase van traject %lld is niet door te rekenen: %s.", traject, why);
	}
	json_t *per = json_array();
	struct buf losers;
	buf_init(&losers, 4096);
	for (int k = 0; k < np; k++) {
		const char *code = json_string_value(json_array_get(partners, (size_t)k));
		char naam[200];
		besturing_org_name(s, code, naam, sizeof(naam));
		json_t *e = bc_result_json(&res[k], years, 1);
		json_object_set_new(e, "organisatie", json_string(code));
		json_object_set_new(e, "naam", json_string(naam));
		json_array_append_new(per, e);
		if (!res[k].pays_back) {
			char net[64], npv[64];
			nl_euro_cents(res[k].net, net, sizeof(net));
			nl_euro_cents(res[k].npv, npv, sizeof(npv));
			buf_printf(&losers, "%s%s: netto %s over %d jaar", losers.len ? "; " : "", naam, net, years);
			if (permille)
				buf_printf(&losers, " (netto contante waarde %s)", npv);
		}
	}
	json_object_set_new(o, "perOrganisatie", per);
	json_object_set_new(o, "totaal", bc_result_json(total, years, 1));
	json_object_set_new(o, "oordeel", json_string(verdict ? "verdient-zich-terug" : "verdient-zich-niet-terug"));
	char text[1200];
	if (verdict)
		snprintf(text, sizeof(text),
			 "Verdient zich terug binnen %d jaar: elke deelnemer heeft binnen de periode een terugverdienjaar en een "
			 "netto contante waarde van ten minste nul.",
			 years);
	else
		snprintf(text, sizeof(text), "Verdient zich niet terug binnen %d jaar: %s.", years, buf_str(&losers));
	json_object_set_new(o, "toelichtingOordeel", json_string(text));
	json_object_set_new(
		o, "regels",
		json_string("netto = besparing − kosten − investering; gedeelde posten (zonder organisatie) "
			    "worden verdeeld naar de verdeelsleutel (gelijk, inwoners of gebruik) met de methode van de "
			    "grootste resten; ncw: jaar 1 telt volledig, jaar j wordt j−1 keer verdisconteerd met "
			    "1000/(1000 + discontoPromille), na elke stap afgerond op hele centen (half van nul af); "
			    "terugverdienjaar = het eerste jaar waarin het cumulatieve netto ≥ 0 is (null als dat binnen "
			    "de periode niet gebeurt); de businesscase verdient zich terug als elke deelnemer een "
			    "terugverdienjaar heeft en een ncw ≥ 0."));
	buf_release(&losers);
	free(bposts), free(res), free(total);
	json_decref(partners);
	*out = o;
	return 0;
}

/* ---- mijlpalen ------------------------------------------------------------- */

/* A milestone judged on day `on`; *status_out gets its status and
 * *postponed whether it has been postponed. */
json_t *besturing_milestone_json(struct store *s, struct db_stmt *st, int32_t on, enum ms_status *status_out, int *postponed)
{
	long long mid = db_col_int(st, 0);
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)mid, "traject", (json_int_t)db_col_int(st, 1),
			      "verband", db_col_text(st, 2), "taakveld", db_col_text(st, 3), "taakveldNaam", db_col_text(st, 4),
			      "titel", db_col_text(st, 5));
	json_object_set_new(o, "verantwoordelijke", store_text_or_null(st, 7));
	json_object_set_new(o, "organisatie", store_text_or_null(st, 8));
	json_object_set_new(o, "organisatieNaam", store_text_or_null(st, 9));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 10));
	json_object_set_new(o, "oorspronkelijkeDeadline", json_string(db_col_text(st, 6)));
	json_object_set_new(o, "deadline", json_string(db_col_text(st, 13)));
	if (db_col_null(st, 11))
		json_object_set_new(o, "gereed", json_null());
	else
		json_object_set_new(
			o, "gereed",
			json_pack("{s:s,s:o}", "datum", db_col_text(st, 11), "toelichting", store_text_or_null(st, 12)));
	json_t *hist = json_array();
	/* Its postponements: read only for one that has any (column 14), not
	 * once per milestone of a list (1 086 queries for the national list). */
	struct db_stmt *q =
		db_col_int(st, 14)
			? db_query(s->db,
				   "SELECT datum, oude_deadline, nieuwe_deadline, reden FROM mijlpaal_uitstel WHERE mijlpaal_id = ?"
				   " ORDER BY id",
				   "l", mid)
			: NULL;
	while (q && db_step(q) == DB_ROW)
		json_array_append_new(hist, json_pack("{s:s,s:s,s:s,s:s}", "datum", db_col_text(q, 0), "oudeDeadline",
						      db_col_text(q, 1), "nieuweDeadline", db_col_text(q, 2), "reden",
						      db_col_text(q, 3)));
	if (q)
		db_finalize(q);
	int n_uitstel = (int)json_array_size(hist);
	json_object_set_new(o, "uitstel", hist);
	struct milestone m = { besturing_day_of(db_col_text(st, 13)), besturing_day_of(db_col_text(st, 11)) };
	int32_t late = 0;
	enum ms_status status = planning_status(&m, on, &late);
	char ond[DATE_TEXT_LEN];
	date_format(on, ond);
	json_object_set_new(o, "peildatum", json_string(ond));
	json_object_set_new(o, "status", json_string(planning_status_names[status]));
	json_object_set_new(o, "dagenTeLaat", json_integer(late));
	json_object_set_new(o, "uitgesteld", json_boolean(n_uitstel > 0));
	if (status_out)
		*status_out = status;
	if (postponed)
		*postponed = n_uitstel > 0;
	return o;
}

static int ms_find(struct store *s, long long traject, long long mid, struct milestone *m, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT " MS_DEADLINE ", m.gereed FROM mijlpalen m WHERE m.id = ? AND m.traject_id = ?", "ll",
			 mid, traject);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Mijlpaal %lld van traject %lld bestaat niet.", mid, traject);
	}
	m->deadline = besturing_day_of(db_col_text(st, 0));
	m->done = besturing_day_of(db_col_text(st, 1));
	db_finalize(st);
	return 0;
}

int besturing_milestone_org(struct store *s, long long traject, long long mid, char *out, size_t outlen, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT coalesce(o.code, '') FROM mijlpalen m LEFT JOIN organisaties o ON o.id = m.organisatie_id"
			 " WHERE m.id = ? AND m.traject_id = ?",
			 "ll", mid, traject);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Mijlpaal %lld van traject %lld bestaat niet.", mid, traject);
	}
	snprintf(out, outlen, "%s", db_col_text(st, 0));
	db_finalize(st);
	return 0;
}

int besturing_milestone_get(struct store *s, long long traject, long long mid, const char *datum, json_t **out, struct problem *p)
{
	int32_t on = date_today();
	if (datum && date_parse(datum, &on) < 0)
		return problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", datum);
	struct db_stmt *st =
		db_query(s->db, "SELECT " MS_COLS MS_FROM " WHERE m.id = ? AND m.traject_id = ?", "ll", mid, traject);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Mijlpaal %lld van traject %lld bestaat niet.", mid, traject);
	}
	*out = besturing_milestone_json(s, st, on, NULL, NULL);
	db_finalize(st);
	return 0;
}

int besturing_ms_create(struct store *s, void *arg, struct problem *p)
{
	struct ms_args *a = arg;
	struct traject_row t;
	int r = besturing_traject_find(s, a->traject, &t, p);
	if (r < 0)
		return r;
	const char *titel = NULL, *deadline = NULL, *verantw = NULL, *org = NULL, *oms = NULL;
	field_text(a->in, "titel", FIELD_REQUIRED, 300, &titel, p);
	field_date(a->in, "deadline", FIELD_REQUIRED, &deadline, p);
	field_text(a->in, "verantwoordelijke", FIELD_OPTIONAL, 200, &verantw, p);
	field_text(a->in, "organisatie", FIELD_OPTIONAL, 32, &org, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 4000, &oms, p);
	if (p->status)
		return -p->status;
	if (strcmp(deadline, t.start) < 0)
		return problem_refuse(p, "deadline", "Het traject begon op %s; een mijlpaal ligt niet daarvoor.", t.start);
	long long oid = 0;
	if (org && org[0]) {
		if (!(oid = store_org_id(s, org)))
			return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
		json_t *d = besturing_traject_deelnemers(s, t.id);
		int ok = besturing_json_has_string(d, org);
		json_decref(d);
		if (!ok)
			return problem_refuse(p, "organisatie", "%s neemt niet deel aan traject %lld.", org, t.id);
	}
	char now[32];
	besturing_today(now);
	r = db_insert(
		s->db, &a->mid,
		"INSERT INTO mijlpalen(traject_id, titel, deadline, verantwoordelijke, organisatie_id, omschrijving, aangemaakt)"
		" VALUES(?, ?, ?, ?, nullif(?, 0), ?, ?) RETURNING id",
		"ltttltt", t.id, titel, deadline, verantw && verantw[0] ? verantw : NULL, oid, oms, now);
	if (r < 0)
		return store_db_problem(s, r, p, "mijlpaal");
	return a->out ? besturing_milestone_get(s, t.id, a->mid, NULL, a->out, p) : 0;
}

int besturing_milestone_create(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p)
{
	struct ms_args a = { traject, 0, in, out };
	return store_transaction(s, p, besturing_ms_create, &a);
}

static int do_ms_done(struct store *s, void *arg, struct problem *p)
{
	struct ms_args *a = arg;
	struct milestone m;
	int r = ms_find(s, a->traject, a->mid, &m, p);
	if (r < 0)
		return r;
	const char *datum = NULL, *tl = NULL;
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	if (p->status)
		return -p->status;
	if (m.done != DATE_NONE) {
		char d[NL_TEXT_LEN];
		nl_day(m.done, d, sizeof(d));
		return problem_refuse(p, NULL, "Mijlpaal %lld is al gereed gemeld op %s.", a->mid, d);
	}
	struct traject_row t;
	if (besturing_traject_find(s, a->traject, &t, p) < 0)
		return -p->status;
	if (strcmp(datum, t.start) < 0)
		return problem_refuse(p, "datum", "Het traject begon op %s; de mijlpaal kan niet eerder gereed zijn.", t.start);
	r = db_run(s->db, "UPDATE mijlpalen SET gereed = ?, gereed_toelichting = ? WHERE id = ?", "ttl", datum, tl, a->mid);
	if (r < 0)
		return store_db_problem(s, r, p, "mijlpaal");
	return a->out ? besturing_milestone_get(s, a->traject, a->mid, NULL, a->out, p) : 0;
}

int besturing_milestone_done(struct store *s, long long traject, long long mid, json_t *in, json_t **out, struct problem *p)
{
	struct ms_args a = { traject, mid, in, out };
	return store_transaction(s, p, do_ms_done, &a);
}

static int do_ms_postpone(struct store *s, void *arg, struct problem *p)
{
	struct ms_args *a = arg;
	struct milestone m;
	int r = ms_find(s, a->traject, a->mid, &m, p);
	if (r < 0)
		return r;
	const char *nieuw = NULL, *reden = NULL;
	char datum[DATE_TEXT_LEN];
	field_date(a->in, "nieuweDeadline", FIELD_REQUIRED, &nieuw, p);
	field_text(a->in, "reden", FIELD_REQUIRED, 4000, &reden, p);
	besturing_date_or_today(a->in, "datum", datum, p);
	if (p->status)
		return -p->status;
	char old[DATE_TEXT_LEN];
	date_format(m.deadline, old);
	switch (planning_can_postpone(&m, besturing_day_of(nieuw))) {
	case POSTPONE_DONE:
		return problem_refuse(p, NULL, "Mijlpaal %lld is al gereed en kan niet meer worden uitgesteld.", a->mid);
	case POSTPONE_NOT_LATER: {
		char nl[NL_TEXT_LEN];
		nl_day(m.deadline, nl, sizeof(nl));
		return problem_refuse(p, "nieuweDeadline", "Uitstel moet de deadline later leggen dan %s (de huidige deadline).",
				      nl);
	}
	case POSTPONE_OK: break;
	}
	r = db_run(
		s->db,
		"INSERT INTO mijlpaal_uitstel(mijlpaal_id, datum, oude_deadline, nieuwe_deadline, reden) VALUES(?, ?, ?, ?, ?)",
		"lttt"
		"t",
		a->mid, datum, old, nieuw, reden);
	if (r < 0)
		return store_db_problem(s, r, p, "uitstel");
	return a->out ? besturing_milestone_get(s, a->traject, a->mid, NULL, a->out, p) : 0;
}

int besturing_milestone_postpone(struct store *s, long long traject, long long mid, json_t *in, json_t **out, struct problem *p)
{
	struct ms_args a = { traject, mid, in, out };
	return store_transaction(s, p, do_ms_postpone, &a);
}

int besturing_milestone_list(struct store *s, const struct besturing_ms_filter *f, json_t **out, struct problem *p)
{
	int32_t on = date_today();
	int want = -1, want_postponed = 0;
	if (f->datum && date_parse(f->datum, &on) < 0)
		problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", f->datum);
	besturing_query_date(f->van, "van", p);
	besturing_query_date(f->tot, "tot", p);
	if (f->status) {
		if (!strcmp(f->status, "uitgesteld"))
			want_postponed = 1;
		else if ((want = enum_index(planning_status_names, f->status)) < 0)
			problem_param(p, "status", "moet open, te-laat, gereed, gereed-te-laat of uitgesteld zijn");
	}
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (f->organisatie && !(oid = store_org_id(s, f->organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", f->organisatie);
	if (f->verband && !store_verband_id(s, f->verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", f->verband);
	if (f->traject) {
		struct traject_row t;
		int r = besturing_traject_find(s, f->traject, &t, p);
		if (r < 0)
			return r;
	}
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " MS_COLS MS_FROM " WHERE (?1 = 0 OR t.id = ?1) AND (?2 IS NULL OR v.code = ?2)"
			 " AND (?3 = 0 OR " REGISTER_SQL_TAKES_PART("?3") ") AND (?4 IS NULL OR " MS_DEADLINE " >= ?4)"
									  " AND (?5 IS NULL OR " MS_DEADLINE
									  " <= ?5) ORDER BY " MS_DEADLINE ", m.id",
			 "ltltt", f->traject, f->verband, oid, f->van, f->tot);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		enum ms_status status;
		int postponed;
		json_t *m = besturing_milestone_json(s, st, on, &status, &postponed);
		int keep =
			want_postponed ? postponed && (status == MS_OPEN || status == MS_LATE) : want < 0 || (int)status == want;
		if (keep)
			json_array_append_new(a, m);
		else
			json_decref(m);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- besluiten ------------------------------------------------------------- */

static const char *const besturing_organen[] = { "stuurgroep", "burgemeesters", "college", "or", "raad", NULL };
static const char *const besturing_uitkomsten[] = { "go",     "no-go",         "uitstel",
						    "advies", "kennisname",    "advies-gevraagd",
						    "kaders", "geconsulteerd", NULL };
static const char *const besturing_adviezen[] = { "positief", "negatief", "met-voorwaarden", NULL };
/* communicatieadviseur: the first contact for communication about the cooperation (seed 003). */
static const char *const role_names[] = {
	"stuurgroep", "eigenaar", "projectleider", "procesmanager", "communicatieadviseur", NULL
};

json_t *besturing_decision_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1));
	json_object_set_new(o, "traject", db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	json_object_set_new(o, "taakveld", store_text_or_null(st, 3));
	json_object_set_new(o, "taakveldNaam", store_text_or_null(st, 4));
	json_object_set_new(o, "orgaan", json_string(db_col_text(st, 5)));
	json_object_set_new(o, "organisatie", store_text_or_null(st, 6));
	json_object_set_new(o, "organisatieNaam", store_text_or_null(st, 7));
	json_object_set_new(o, "datum", json_string(db_col_text(st, 8)));
	json_object_set_new(o, "uitkomst", json_string(db_col_text(st, 9)));
	json_object_set_new(o, "onderwerp", store_text_or_null(st, 10));
	json_object_set_new(o, "toelichting", store_text_or_null(st, 11));
	if (!db_col_null(st, 12))
		json_object_set_new(o, "advies", json_string(db_col_text(st, 12)));
	if (!db_col_null(st, 13))
		json_object_set_new(o, "adviesDeadline", json_string(db_col_text(st, 13)));
	return o;
}

struct part_args {
	const char *verband;
	long long traject;
	json_t *in, **out;
};

static int do_decision_create(struct store *s, void *arg, struct problem *p)
{
	struct part_args *a = arg;
	long long vid, tid = 0;
	if (a->traject) {
		struct traject_row t;
		int r = besturing_traject_find(s, a->traject, &t, p);
		if (r < 0)
			return r;
		vid = t.verband, tid = t.id;
	} else if (!(vid = store_verband_id(s, a->verband))) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband ? a->verband : "");
	}
	const char *orgaan = NULL, *org = NULL, *datum = NULL, *uitkomst = NULL, *onderwerp = NULL, *tl = NULL, *advies = NULL,
		   *deadline = NULL;
	field_enum(a->in, "orgaan", FIELD_REQUIRED, besturing_organen, &orgaan, p);
	field_text(a->in, "organisatie", FIELD_OPTIONAL, 32, &org, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_enum(a->in, "uitkomst", FIELD_REQUIRED, besturing_uitkomsten, &uitkomst, p);
	field_enum(a->in, "advies", FIELD_OPTIONAL, besturing_adviezen, &advies, p);
	field_date(a->in, "adviesDeadline", FIELD_OPTIONAL, &deadline, p);
	field_text(a->in, "onderwerp", FIELD_OPTIONAL, 300, &onderwerp, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	if (orgaan && (!strcmp(orgaan, "college") || !strcmp(orgaan, "or") || !strcmp(orgaan, "raad")) && !(org && org[0]))
		problem_param(p, "organisatie", "is verplicht bij orgaan %s: van welke gemeente?", orgaan);
	if (p->status)
		return -p->status;
	/* A decision is kept for good and goes into the report: it says what
	 * it is about and what was decided. */
	int no_subject = !onderwerp || !onderwerp[strspn(onderwerp, " \t\r\n")];
	int no_text = !tl || !tl[strspn(tl, " \t\r\n")];
	if (no_subject || no_text) {
		problem_set(p, 422,
			    "Een besluit heeft een onderwerp en een toelichting: waarover is besloten en wat er is besloten.");
		if (no_subject)
			problem_param(p, "onderwerp", "vul in waarover is besloten");
		if (no_text)
			problem_param(p, "toelichting", "vul in wat er is besloten, en waarom");
		return -422;
	}
	long long oid = 0;
	if (org && org[0]) {
		if (!(oid = store_org_id(s, org)))
			return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
		if (!besturing_is_member_ever(s, vid, oid))
			return problem_refuse(p, "organisatie", "%s is geen lid van dit verband.", org);
	}
	/* The decision trail: each step after the one before (besturing_besluitvorming.c). */
	if (besturing_trail_check(s, vid, tid, orgaan, oid, org, datum, uitkomst, advies, deadline, p) < 0)
		return -p->status;
	char now[32];
	besturing_today(now);
	long long bid;
	int r = db_insert(
		s->db, &bid,
		"INSERT INTO besluiten(verband_id, traject_id, orgaan, organisatie_id, datum, uitkomst, advies, advies_deadline,"
		" onderwerp, toelichting, aangemaakt) VALUES(?, nullif(?, 0), ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"lltltttt"
		"ttt",
		vid, tid, orgaan, oid, datum, uitkomst, advies, deadline, onderwerp, tl, now);
	if (r < 0)
		return store_db_problem(s, r, p, "besluit");
	if (a->out) {
		struct db_stmt *st = db_query(s->db, "SELECT " DECISION_COLS DECISION_FROM " WHERE b.id = ?", "l", bid);
		if (db_step(st) == DB_ROW)
			*a->out = besturing_decision_json(st);
		db_finalize(st);
	}
	return 0;
}

int besturing_decision_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out,
			      struct problem *p)
{
	struct part_args a = { verband, traject, in, out };
	return store_transaction(s, p, do_decision_create, &a);
}

int besturing_decision_list(struct store *s, const struct besturing_decision_filter *f, json_t **out, struct problem *p)
{
	return besturing_decision_page(s, f, NULL, out, p);
}

int besturing_decision_page(struct store *s, const struct besturing_decision_filter *f, struct store_page *pg, json_t **out,
			    struct problem *p)
{
	besturing_query_date(f->van, "van", p);
	besturing_query_date(f->tot, "tot", p);
	if (f->orgaan && enum_index(besturing_organen, f->orgaan) < 0)
		problem_param(p, "orgaan", "moet stuurgroep, burgemeesters, college, or of raad zijn");
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (f->organisatie && !(oid = store_org_id(s, f->organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", f->organisatie);
	if (f->verband && !store_verband_id(s, f->verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", f->verband);
	if (f->traject) {
		struct traject_row t;
		int r = besturing_traject_find(s, f->traject, &t, p);
		if (r < 0)
			return r;
	}
	/* For an organisation: decisions on trajecten it takes part in, on
	 * verbanden it is a member of, and of its own bodies. */
#define SQL                                                                                                           \
	"SELECT " DECISION_COLS DECISION_FROM " WHERE (?1 = 0 OR b.traject_id = ?1) AND (?2 IS NULL OR v.code = ?2)"  \
	" AND (?3 IS NULL OR b.orgaan = ?3) AND (?4 IS NULL OR b.datum >= ?4) AND (?5 IS NULL OR b.datum <= ?5)"      \
	" AND (?6 = 0 OR b.organisatie_id = ?6 OR (b.traject_id IS NULL AND EXISTS (SELECT 1 FROM lidmaatschappen lm" \
	"   WHERE lm.verband_id = b.verband_id AND lm.organisatie_id = ?6)) OR (b.traject_id IS NOT NULL "            \
	"AND " REGISTER_SQL_TAKES_PART("?6") "))"                                                                     \
					     " ORDER BY b.datum, b.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?7 OFFSET ?8", "lttttl" STORE_PAGE_BINDS, f->traject, f->verband,
				      f->orgaan, f->van, f->tot, oid, STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, besturing_decision_json(st));
	db_finalize(st);
	store_page_end(
		s, pg,
		pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "lttttl", f->traject, f->verband, f->orgaan, f->van, f->tot, oid)
		   : NULL);
	*out = a;
	return 0;
#undef SQL
}

/* ---- rollen ------------------------------------------------------------------ */

json_t *besturing_role_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1));
	json_object_set_new(o, "traject", db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	json_object_set_new(o, "taakveld", store_text_or_null(st, 3));
	json_object_set_new(o, "rol", json_string(db_col_text(st, 4)));
	json_object_set_new(o, "naam", json_string(db_col_text(st, 5)));
	json_object_set_new(o, "organisatie", store_text_or_null(st, 6));
	json_object_set_new(o, "organisatieNaam", store_text_or_null(st, 7));
	json_object_set_new(o, "van", store_text_or_null(st, 8));
	json_object_set_new(o, "tot", store_text_or_null(st, 9));
	json_object_set_new(o, "toelichting", store_text_or_null(st, 10));
	if (!db_col_null(st, 11))
		json_object_set_new(o, "eindeReden", json_string(db_col_text(st, 11)));
	return o;
}

static int do_role_create(struct store *s, void *arg, struct problem *p)
{
	struct part_args *a = arg;
	long long vid, tid = 0;
	if (a->traject) {
		struct traject_row t;
		int r = besturing_traject_find(s, a->traject, &t, p);
		if (r < 0)
			return r;
		vid = t.verband, tid = t.id;
	} else if (!(vid = store_verband_id(s, a->verband))) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband ? a->verband : "");
	}
	const char *rol = NULL, *naam = NULL, *org = NULL, *van = NULL, *tot = NULL, *tl = NULL;
	field_enum(a->in, "rol", FIELD_REQUIRED, role_names, &rol, p);
	field_text(a->in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_text(a->in, "organisatie", FIELD_OPTIONAL, 32, &org, p);
	field_date(a->in, "van", FIELD_OPTIONAL, &van, p);
	field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 1000, &tl, p);
	if (van && tot && strcmp(tot, van) <= 0)
		problem_param(p, "tot", "moet na 'van' liggen");
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (org && org[0] && !(oid = store_org_id(s, org)))
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	long long rid;
	int r = db_insert(s->db, &rid,
			  "INSERT INTO bestuursrollen(verband_id, traject_id, rol, naam, organisatie_id, van, tot, toelichting)"
			  " VALUES(?, nullif(?, 0), ?, ?, nullif(?, 0), ?, ?, ?) RETURNING id",
			  "llttlttt", vid, tid, rol, naam, oid, van, tot, tl);
	if (r < 0)
		return store_db_problem(s, r, p, "rol");
	if (a->out) {
		struct db_stmt *st = db_query(s->db, "SELECT " ROLE_COLS ROLE_FROM " WHERE r.id = ?", "l", rid);
		if (db_step(st) == DB_ROW)
			*a->out = besturing_role_json(st);
		db_finalize(st);
	}
	return 0;
}

int besturing_role_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out, struct problem *p)
{
	struct part_args a = { verband, traject, in, out };
	return store_transaction(s, p, do_role_create, &a);
}

int besturing_role_list(struct store *s, const char *verband, long long traject, json_t **out, struct problem *p)
{
	return besturing_role_page(s, verband, traject, NULL, out, p);
}

int besturing_role_page(struct store *s, const char *verband, long long traject, struct store_page *pg, json_t **out,
			struct problem *p)
{
	if (traject) {
		struct traject_row t;
		int r = besturing_traject_find(s, traject, &t, p);
		if (r < 0)
			return r;
	} else if (!store_verband_id(s, verband)) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband ? verband : "");
	}
#define SQL                                                                                                  \
	"SELECT " ROLE_COLS ROLE_FROM " WHERE (?1 = 0 OR r.traject_id = ?1) AND (?2 IS NULL OR v.code = ?2)" \
	" ORDER BY r.traject_id IS NOT NULL, tv.code, r.rol, r.van NULLS FIRST, r.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?3 OFFSET ?4", "lt" STORE_PAGE_BINDS, traject, traject ? NULL : verband,
				      STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, besturing_role_json(st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "lt", traject, traject ? NULL : verband) : NULL);
	*out = a;
	return 0;
#undef SQL
}
