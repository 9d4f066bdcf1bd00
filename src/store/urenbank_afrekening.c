/* Money and the period of the hours exchange (urenbank.h): deposits,
 * balances and settlement (the journal: urenbank_journaal.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/page.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"
#include "store/fields.h"

/* ---- stortingen ------------------------------------------------------------- */

static json_t *deposit_json(struct db_stmt *st)
{
	/* id, code, datum, bedrag, tarief, minuten, omgerekend, rest, omschrijving */
	json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "id", (json_int_t)db_col_int(st, 0), "organisatie",
			      db_col_text(st, 1), "datum", db_col_text(st, 2), "bedragCenten", (json_int_t)db_col_int(st, 3),
			      "tariefCenten", (json_int_t)db_col_int(st, 4), "minuten", (json_int_t)db_col_int(st, 5),
			      "omgerekendCenten", (json_int_t)db_col_int(st, 6), "restCenten", (json_int_t)db_col_int(st, 7));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 8));
	return o;
}

#define DEPOSIT_SELECT                                                                                      \
	"SELECT d.id, org.code, d.datum, d.bedrag_centen, d.tarief_centen, d.minuten, d.omgerekend_centen," \
	" d.rest_centen, d.omschrijving FROM stortingen d JOIN organisaties org ON org.id = d.organisatie_id"

static int do_deposit(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	const char *org = NULL, *datum = NULL, *omschrijving = NULL;
	long long cents = 0;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	field_text(a->in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_int(a->in, "bedragCenten", FIELD_REQUIRED, 1, LEDGER_MAX_CENTS, &cents, p);
	field_date(a->in, "datum", FIELD_OPTIONAL, &datum, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 1000, &omschrijving, p);
	if (p->status)
		return -p->status;
	if (urenbank_pt_check_open(&pt, p) < 0)
		return -p->status;
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!urenbank_is_member(s, pt.id, oid))
		return problem_refuse(p, "organisatie", "%s is geen lid van proeftuin '%s'.", org, pt.code);
	char day[DATE_TEXT_LEN];
	if (datum) {
		snprintf(day, sizeof(day), "%s", datum);
	} else {
		/* Today, kept within the open part of the period. */
		int32_t d = date_today(), lo, hi;
		date_parse(pt.van, &lo);
		date_parse(pt.tot, &hi);
		int32_t closed;
		if (pt.closed[0] && date_parse(pt.closed, &closed) == 0 && closed + 1 > lo)
			lo = closed + 1;
		d = d < lo ? lo : d > hi ? hi : d;
		date_format(d, day);
	}
	if (urenbank_pt_check_date(&pt, day, "datum", p) < 0)
		return -p->status;
	struct ledger_deposit dep;
	if (ledger_deposit(cents, pt.rate, &dep) < 0)
		return problem_set(p, 500, "Interne fout: storting niet om te rekenen.");
	char now[32];
	store_now_text(now);
	long long id;
	int r = db_insert(
		s->db, &id,
		"INSERT INTO stortingen(proeftuin_id, organisatie_id, datum, bedrag_centen, tarief_centen, minuten,"
		" omgerekend_centen, rest_centen, omschrijving, aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" RETURNING id",
		"lltllllltt"
		"t",
		pt.id, oid, day, cents, pt.rate, (long long)dep.minutes, (long long)dep.converted_cents,
		(long long)dep.rest_cents, omschrijving && omschrijving[0] ? omschrijving : NULL, now, urenbank_who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "storting");
	struct ledger_posting ps[2];
	size_t n = ledger_deposit_postings(0, &dep, ps);
	if (n) {
		char text[300];
		long long orgs[1] = { oid };
		long long txn;
		snprintf(text, sizeof(text), "Storting %lld door %s: %lld centen tegen %lld centen per uur", id, org, cents,
			 pt.rate);
		struct txn t = { day, "storting", text, 0, id, 0, 0 };
		if (urenbank_post(s, pt.id, &t, ps, n, orgs, &txn, p) < 0)
			return -p->status;
	}
	if (a->out) {
		struct db_stmt *st = db_query(s->db, DEPOSIT_SELECT " WHERE d.id = ?", "l", id);
		*a->out = db_step(st) == DB_ROW ? deposit_json(st) : NULL;
		db_finalize(st);
		if (!*a->out)
			return problem_set(p, 500, "Storting %lld is niet terug te lezen.", id);
	}
	return 0;
}

int urenbank_deposit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_deposit, &a);
}

int urenbank_deposit_list(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	return urenbank_deposit_page(s, ptc, NULL, out, p);
}

int urenbank_deposit_page(struct store *s, const char *ptc, struct store_page *pg, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
#define SQL DEPOSIT_SELECT " WHERE d.proeftuin_id = ? ORDER BY d.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, "l" STORE_PAGE_BINDS, pt.id, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, deposit_json(st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "l", pt.id) : NULL);
	*out = a;
	return 0;
#undef SQL
}

/* ---- saldi -------------------------------------------------------------------- */

int urenbank_saldi(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.code, o.naam, l.gebracht_minuten, l.gehaald_minuten, l.gestort_minuten, l.vastgelegd_minuten,"
			 " (SELECT coalesce(sum(d.rest_centen), 0) FROM stortingen d WHERE d.proeftuin_id = l.proeftuin_id"
			 "  AND d.organisatie_id = l.organisatie_id AND d.datum > ?)"
			 " FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id WHERE l.proeftuin_id = ? ORDER "
			 "BY l.volgorde",
			 "tl", pt.closed, pt.id);
	while (db_step(st) == DB_ROW) {
		struct ledger_balance b = { db_col_int(st, 2), db_col_int(st, 3), db_col_int(st, 4), db_col_int(st, 5) };
		json_t *o = json_pack("{s:s,s:s}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1));
		json_object_set_new(o, "gebrachtMinuten", json_integer(b.brought));
		json_object_set_new(o, "gehaaldMinuten", json_integer(b.taken));
		json_object_set_new(o, "gestortMinuten", json_integer(b.deposited));
		json_object_set_new(o, "saldoMinuten", json_integer(ledger_saldo(&b)));
		json_object_set_new(o, "vastgelegdMinuten", json_integer(b.committed));
		json_object_set_new(o, "beschikbaarMinuten", json_integer(ledger_available(&b, pt.limit)));
		json_object_set_new(o, "kredietlimietMinuten", json_integer(pt.limit));
		json_object_set_new(o, "restCenten", json_integer(db_col_int(st, 6)));
		json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- afrekening ------------------------------------------------------------------ */

struct settle_line {
	long long org;
	char code[40], naam[160];
	struct ledger_balance asof;
	long long saldo, bedrag, rest;
};

/* Every member's balance as of tot (the postings dated up to tot since the
 * last settlement, which zeroed the ones before) and its money. */
static int settlement_compute(struct store *s, const struct pt *pt, const char *tot, struct settle_line **out, size_t *nout,
			      struct problem *p)
{
	size_t n = (size_t)urenbank_one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", pt->id);
	struct settle_line *l = calloc(n + 1, sizeof(*l));
	if (!l)
		return problem_set(p, 500, "geen geheugen");
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.id, o.code, o.naam FROM proeftuin_leden m JOIN organisaties o ON o.id = m.organisatie_id"
			 " WHERE m.proeftuin_id = ? ORDER BY m.volgorde",
			 "l", pt->id);
	size_t k = 0;
	while (db_step(st) == DB_ROW && k < n) {
		l[k].org = db_col_int(st, 0);
		snprintf(l[k].code, sizeof(l[k].code), "%s", db_col_text(st, 1));
		snprintf(l[k].naam, sizeof(l[k].naam), "%s", db_col_text(st, 2));
		k++;
	}
	db_finalize(st);
	/* The postings dated up to tot: whole months from the monthly sums
	 * (all months when tot is after the last posting), the days of tot's
	 * month from the journal (urenbank_maandcijfers.h). */
	struct urenbank_periode per;
	urenbank_periode_asof(s, pt->id, tot, &per);
	st = db_query(s->db,
		      "SELECT org, soort, sum(m) FROM ("
		      " SELECT organisatie_id AS org, soort, minuten AS m FROM urenbank_maand_leden"
		      "  WHERE proeftuin_id = ?1 AND maand >= ?2 AND maand <= ?3"
		      " UNION ALL SELECT jp.organisatie_id, j.soort || ':' || jp.soort, jp.minuten FROM journaal j"
		      "  JOIN journaal_posten jp ON jp.proeftuin_id = j.proeftuin_id AND jp.transactie_id = j.id"
		      "  WHERE j.proeftuin_id = ?1 AND j.datum >= ?4 AND j.datum <= ?5 AND jp.organisatie_id IS NOT NULL"
		      ") x GROUP BY org, soort",
		      "ltttt", pt->id, per.m1, per.m2, per.d1, per.e1);
	while (db_step(st) == DB_ROW) {
		/* "uren:gebracht": the kind of posting after the kind of transaction;
		 * the entries per status (no ':') are not postings. */
		const char *colon = db_col_text(st, 1) ? strchr(db_col_text(st, 1), ':') : NULL;
		int kind = colon ? ledger_kind_parse(colon + 1) : -1;
		for (size_t i = 0; i < n && kind >= 0; i++) {
			if (l[i].org != db_col_int(st, 0))
				continue;
			struct ledger_posting one = { 0, (enum ledger_kind)kind, db_col_int(st, 2) };
			ledger_apply(&l[i].asof, 1, &one, 1);
		}
	}
	db_finalize(st);
	st = db_query(
		s->db,
		"SELECT organisatie_id, sum(rest_centen) FROM stortingen WHERE proeftuin_id = ? AND datum > ? AND datum <= ?"
		" GROUP BY organisatie_id",
		"ltt", pt->id, pt->closed, tot);
	while (db_step(st) == DB_ROW)
		for (size_t i = 0; i < n; i++)
			if (l[i].org == db_col_int(st, 0))
				l[i].rest = db_col_int(st, 1);
	db_finalize(st);
	for (size_t i = 0; i < n; i++) {
		l[i].saldo = ledger_saldo(&l[i].asof);
		l[i].bedrag = ledger_money(l[i].saldo, pt->rate);
	}
	*out = l;
	*nout = n;
	return 0;
}

static json_t *settlement_json(const struct pt *pt, const char *tot, const struct settle_line *l, size_t n)
{
	json_t *regels = json_array();
	long long total = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(regels, json_pack("{s:s,s:s,s:I,s:I,s:I}", "organisatie", l[i].code, "naam", l[i].naam,
							"saldoMinuten", (json_int_t)l[i].saldo, "bedragCenten",
							(json_int_t)l[i].bedrag, "restCenten", (json_int_t)l[i].rest));
		total += l[i].bedrag;
	}
	return json_pack("{s:s,s:s,s:I,s:o,s:I}", "proeftuin", pt->code, "tot", tot, "tariefCenten", (json_int_t)pt->rate,
			 "regels", regels, "totaalCenten", (json_int_t)total);
}

static int do_settle(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	const char *tot = NULL;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (a->in)
		field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	if (p->status)
		return -p->status;
	if (urenbank_pt_check_open(&pt, p) < 0)
		return -p->status;
	if (!tot)
		tot = pt.tot;
	if (urenbank_pt_check_date(&pt, tot, "tot", p) < 0)
		return -p->status;
	long long pending = urenbank_one_int(
		s, "SELECT count(*) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend' AND datum <= ?", "lt", pt.id, tot);
	if (pending)
		return problem_refuse(p, NULL,
				      "Er %s nog %lld urenregel%s tot en met %s ter goedkeuring; keur ze goed of af vóór de "
				      "afrekening.",
				      pending == 1 ? "staat" : "staan", pending, pending == 1 ? "" : "s", tot);
	struct settle_line *l;
	size_t n;
	if (settlement_compute(s, &pt, tot, &l, &n, p) < 0)
		return -p->status;
	int final = !strcmp(tot, pt.tot);
	int r = 0;
	if (!final) {
		/* What stays after tot must still cover the open commitments. */
		char msg[480] = "";
		size_t nshort = 0;
		for (size_t i = 0; i < n; i++) {
			struct ledger_balance b;
			urenbank_member_balance(s, pt.id, l[i].org, &b);
			b.brought -= l[i].asof.brought;
			b.taken -= l[i].asof.taken;
			b.deposited -= l[i].asof.deposited;
			long long after = ledger_available(&b, pt.limit);
			if (after >= 0)
				continue;
			size_t len = strlen(msg);
			snprintf(msg + len, sizeof(msg) - len, "%s%s (%s) komt op %lld minuten beschikbaar", nshort ? "; " : "",
				 l[i].naam, l[i].code, after);
			nshort++;
		}
		if (nshort)
			r = problem_refuse(p, "tot",
					   "Een tussentijdse afrekening tot en met %s laat vastgelegde inzet onbedekt: %s. "
					   "Reken af aan het eind van de proeftuin, of laat eerst geld storten.",
					   tot, msg);
	}
	char now[32];
	store_now_text(now);
	long long id = 0;
	if (r == 0) {
		r = db_insert(s->db, &id,
			      "INSERT INTO afrekeningen(proeftuin_id, tot, tarief_centen, aangemaakt, door) VALUES(?, ?, ?, ?, ?)"
			      " RETURNING id",
			      "ltltt", pt.id, tot, pt.rate, now, urenbank_who(a->by));
		r = r < 0 ? store_db_problem(s, r, p, "afrekening") : 0;
	}
	for (size_t i = 0; r == 0 && i < n; i++) {
		r = db_run(s->db,
			   "INSERT INTO afrekening_regels(afrekening_id, volgorde, organisatie_id, saldo_minuten, bedrag_centen,"
			   " rest_centen) VALUES(?, ?, ?, ?, ?, ?)",
			   "llllll", id, (long long)i + 1, l[i].org, l[i].saldo, l[i].bedrag, l[i].rest);
		r = r < 0 ? store_db_problem(s, r, p, "afrekeningregel") : 0;
	}
	struct ledger_balance *asof = calloc(n + 1, sizeof(*asof));
	struct ledger_posting *ps = calloc(3 * n + 1, sizeof(*ps));
	long long *orgs = calloc(n + 1, sizeof(*orgs));
	if (r == 0 && (!asof || !ps || !orgs))
		r = problem_set(p, 500, "geen geheugen");
	if (r == 0) {
		for (size_t i = 0; i < n; i++) {
			asof[i] = l[i].asof;
			orgs[i] = l[i].org;
		}
		size_t np = ledger_settle(asof, n, ps);
		if (np) {
			char text[300];
			long long txn;
			snprintf(text, sizeof(text), "Afrekening %lld van proeftuin %s tot en met %s tegen %lld centen per uur",
				 id, pt.code, tot, pt.rate);
			struct txn t = { tot, "afrekening", text, 0, 0, id, 0 };
			r = urenbank_post(s, pt.id, &t, ps, np, orgs, &txn, p);
		}
	}
	free(asof);
	free(ps);
	free(orgs);
	if (r == 0 && final && urenbank_release_inzet(s, pt.id, "o.proeftuin_id = ?", pt.id, p) < 0)
		r = -p->status;
	if (r == 0 && a->out) {
		*a->out = settlement_json(&pt, tot, l, n);
		json_object_set_new(*a->out, "id", json_integer(id));
		json_object_set_new(*a->out, "aangemaakt", json_string(now));
	}
	free(l);
	return r;
}

int urenbank_settle(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_settle, &a);
}

int urenbank_settle_preview(struct store *s, const char *ptc, const char *tot, json_t **out, struct problem *p)
{
	struct pt pt;
	int32_t d;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (tot && date_parse(tot, &d) < 0)
		return problem_param(p, "tot", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", tot);
	if (!tot)
		tot = pt.tot;
	struct settle_line *l;
	size_t n;
	if (settlement_compute(s, &pt, tot, &l, &n, p) < 0)
		return -p->status;
	*out = settlement_json(&pt, tot, l, n);
	json_object_set_new(*out, "voorlopig", json_true());
	json_object_set_new(
		*out, "teBeoordelen",
		json_integer(urenbank_one_int(s,
					      "SELECT count(*) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend'"
					      " AND datum <= ?",
					      "lt", pt.id, tot)));
	free(l);
	return 0;
}

int urenbank_settlement_list(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	return urenbank_settlement_page(s, ptc, NULL, out, p);
}

int urenbank_settlement_page(struct store *s, const char *ptc, struct store_page *pg, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
#define SQL "SELECT id, tot, tarief_centen, aangemaakt, door FROM afrekeningen WHERE proeftuin_id = ? ORDER BY tot, id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, "l" STORE_PAGE_BINDS, pt.id, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW) {
		json_t *regels = json_array();
		long long total = 0;
		struct db_stmt *r =
			db_query(s->db,
				 "SELECT o.code, o.naam, r.saldo_minuten, r.bedrag_centen, r.rest_centen FROM afrekening_regels r"
				 " JOIN organisaties o ON o.id = r.organisatie_id WHERE r.afrekening_id = ? ORDER BY r.volgorde",
				 "l", db_col_int(st, 0));
		while (db_step(r) == DB_ROW) {
			json_array_append_new(regels, json_pack("{s:s,s:s,s:I,s:I,s:I}", "organisatie", db_col_text(r, 0), "naam",
								db_col_text(r, 1), "saldoMinuten", (json_int_t)db_col_int(r, 2),
								"bedragCenten", (json_int_t)db_col_int(r, 3), "restCenten",
								(json_int_t)db_col_int(r, 4)));
			total += db_col_int(r, 3);
		}
		db_finalize(r);
		json_array_append_new(a,
				      json_pack("{s:I,s:s,s:s,s:I,s:o,s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0),
						"proeftuin", pt.code, "tot", db_col_text(st, 1), "tariefCenten",
						(json_int_t)db_col_int(st, 2), "regels", regels, "totaalCenten",
						(json_int_t)total, "aangemaakt", db_col_text(st, 3), "door", db_col_text(st, 4)));
	}
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "l", pt.id) : NULL);
	*out = a;
	return 0;
#undef SQL
}
