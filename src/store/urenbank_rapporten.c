/* The proeftuin's reports to the colleges (urenbank_rapporten.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "core/urenbank_evaluatie.h"
#include "store/fields.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_rapporten.h"

static const char *const soorten[] = { "tussentijds", "eind", NULL };
static const char *const adviezen[] = { "doorgaan", "bijstellen", "stoppen", NULL };

struct rapport_args {
	const struct actor *by;
	const char *pt;
	json_t *in;
	json_t **out;
};

static json_t *rapport_json(struct store *s, long long id)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT r.id, p.code, r.soort, r.van, r.tot, r.datum, r.advies, r.toelichting, r.aangemaakt,"
			 " r.door FROM proeftuinrapporten r JOIN proeftuinen p ON p.id = r.proeftuin_id WHERE r.id = ?",
			 "l", id);
	json_t *o = NULL;
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "proeftuin",
			      db_col_text(st, 1), "soort", db_col_text(st, 2), "van", db_col_text(st, 3), "tot",
			      db_col_text(st, 4), "datum", db_col_text(st, 5), "advies", db_col_text(st, 6), "toelichting",
			      db_col_text(st, 7), "aangemaakt", db_col_text(st, 8), "door", db_col_text(st, 9));
	db_finalize(st);
	return o;
}

static int do_create(struct store *s, void *arg, struct problem *p)
{
	struct rapport_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	const char *soort = NULL, *advies = NULL, *toelichting = NULL, *van = pt.van, *tot = pt.tot, *datum = NULL;
	field_enum(a->in, "soort", FIELD_REQUIRED, soorten, &soort, p);
	field_enum(a->in, "advies", FIELD_REQUIRED, adviezen, &advies, p);
	field_text(a->in, "toelichting", FIELD_REQUIRED, 8000, &toelichting, p);
	field_date(a->in, "van", FIELD_OPTIONAL, &van, p);
	field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	field_date(a->in, "datum", FIELD_OPTIONAL, &datum, p);
	if (p->nparams)
		return -p->status;
	if (!toelichting[0])
		return problem_param(p, "toelichting", "mag niet leeg zijn: zeg waarom u dit adviseert");
	if (strcmp(tot, van) < 0)
		return problem_param(p, "tot", "de einddatum %s ligt voor de begindatum %s", tot, van);
	if (strcmp(van, pt.van) < 0 || strcmp(tot, pt.tot) > 0)
		return problem_set(p, 422,
				   "De periode %s tot en met %s valt buiten de looptijd van proeftuin '%s' (%s tot en met %s).",
				   van, tot, pt.code, pt.van, pt.tot);
	char today[DATE_TEXT_LEN], now[32], local[32];
	store_now_text(now);
	/* Today as the Netherlands counts it. */
	snprintf(today, sizeof(today), "%.10s", date_local_text(now, local, sizeof(local)) == 0 ? local : now);
	if (!datum)
		datum = today;
	if (strcmp(datum, van) < 0)
		return problem_param(p, "datum", "een rapport over %s tot en met %s kan niet op %s zijn vastgesteld", van, tot,
				     datum);
	long long id = 0;
	int r = db_insert(
		s->db, &id,
		"INSERT INTO proeftuinrapporten(proeftuin_id, soort, van, tot, datum, advies, toelichting, aangemaakt, door)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ltttttttt", pt.id, soort, van, tot, datum, advies, toelichting, now, a->by->name);
	if (r < 0)
		return store_db_problem(s, r, p, "rapport");
	if (a->out && !(*a->out = rapport_json(s, id)))
		return problem_set(p, 500, "Rapport %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_rapporten_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
			      struct problem *p)
{
	struct rapport_args a = { by, pt, in, out };
	return store_transaction(s, p, do_create, &a);
}

int urenbank_rapporten_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!urenbank_one_int(s, "SELECT id FROM proeftuinrapporten WHERE id = ? AND proeftuin_id = ?", "ll", id, pt.id))
		return problem_set(p, 404, "Rapport %lld bestaat niet in proeftuin '%s'.", id, pt.code);
	*out = rapport_json(s, id);
	return *out ? 0 : problem_set(p, 500, "Rapport %lld is niet te lezen.", id);
}

int urenbank_rapporten_list(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	struct db_stmt *st =
		db_query(s->db, "SELECT id FROM proeftuinrapporten WHERE proeftuin_id = ? ORDER BY datum, id", "l", pt.id);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = rapport_json(s, db_col_int(st, 0));
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* The calendar day of a moment "JJJJ-MM-DD…", or -1. */
static int32_t day_of(const char *ts)
{
	char d[DATE_TEXT_LEN];
	int32_t v;
	if (!ts || strlen(ts) < 10)
		return -1;
	snprintf(d, sizeof(d), "%.10s", ts);
	return date_parse(d, &v) < 0 ? -1 : v;
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

int urenbank_rapporten_werkvoorraad(struct store *s, const char *ptc, const char *peil, json_t **out, struct problem *p)
{
	static const char *const klassen[URENBANK_EVALUATIE_KLASSEN] = { "tot een maand", "een tot drie maanden",
									 "drie tot zes maanden", "langer dan zes maanden" };
	int32_t day;
	if (!peil || date_parse(peil, &day) < 0)
		return problem_param(p, "peildatum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", peil ? peil : "");
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	/* Every moment of day peil sorts before the next day's date. */
	char next[DATE_TEXT_LEN];
	date_format(day + 1, next);
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "werkvoorraad");
	long long n_open = 0, n_af = 0, n_sv = 0, klasse[URENBANK_EVALUATIE_KLASSEN] = { 0 };
	json_t *wacht = json_array(), *over = json_array();
	/* From what each opdracht keeps (migrations 098, 108), not from its
	 * hours: inzet before the day is a first inzet before it (inzet is never
	 * removed); hours before it are first hours not rejected before it, or
	 * a rejected entry submitted before it (the few rejected ones, read
	 * first); and the minutes approved before it can only exceed the
	 * estimate when all approved minutes do, so only then are they summed. */
	long long *rejected = NULL;
	size_t nrej = 0, caprej = 0;
	struct db_stmt *st = db_query(s->db,
				      "SELECT DISTINCT opdracht_id FROM uren WHERE proeftuin_id = ?1 AND status = 'afgekeurd'"
				      " AND ingediend < ?2 ORDER BY opdracht_id",
				      "lt", pt.id, next);
	int oom = 0;
	while (db_step(st) == DB_ROW) {
		long long *more = grow(rejected, &caprej, nrej, sizeof(*rejected));
		if (!more) {
			oom = 1;
			break;
		}
		rejected = more;
		rejected[nrej++] = db_col_int(st, 0);
	}
	db_finalize(st);
	if (oom) {
		free(rejected);
		db_commit(s->db);
		json_decref(wacht);
		json_decref(over);
		return problem_set(p, 500, "Onvoldoende geheugen.");
	}
	st = db_query(s->db,
		      "SELECT o.id, o.titel, o.geraamde_minuten, o.aangemaakt, o.afgerond,"
		      " (SELECT m.aangemaakt FROM opdrachten m WHERE m.id = o.samengevoegd_in),"
		      " CASE WHEN o.eerste_inzet < ?2 THEN 1 ELSE 0 END,"
		      " CASE WHEN o.eerste_uren < ?2 THEN 1 ELSE 0 END,"
		      " CASE WHEN o.geraamde_minuten IS NULL OR o.goedgekeurd_minuten <= o.geraamde_minuten THEN 0 ELSE"
		      " (SELECT coalesce(sum(u.minuten), 0) FROM uren u WHERE u.opdracht_id = o.id"
		      "  AND u.status = 'goedgekeurd' AND u.beoordeeld < ?2) END"
		      " FROM opdrachten o WHERE o.proeftuin_id = ?1 AND o.aangemaakt < ?2 ORDER BY o.aangemaakt, o.id",
		      "lt", pt.id, next);
	while (db_step(st) == DB_ROW) {
		const char *afgerond = db_col_null(st, 4) ? NULL : db_col_text(st, 4);
		const char *merged = db_col_null(st, 5) ? NULL : db_col_text(st, 5);
		if (afgerond && strcmp(afgerond, next) < 0) {
			n_af++;
			continue;
		}
		if (merged && strcmp(merged, next) < 0) {
			n_sv++;
			continue;
		}
		n_open++;
		int32_t since = day_of(db_col_text(st, 3));
		long long age = since >= 0 && day >= since ? day - since : 0;
		klasse[urenbank_evaluatie_leeftijdsklasse(age)]++;
		char dag[DATE_TEXT_LEN];
		date_format(since >= 0 ? since : day, dag);
		long long oid = db_col_int(st, 0);
		if (!db_col_int(st, 6) && !db_col_int(st, 7) &&
		    !(nrej && bsearch(&oid, rejected, nrej, sizeof(*rejected), cmp_id)))
			json_array_append_new(wacht,
					      json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(st, 0), "titel",
							db_col_text(st, 1), "ingediend", dag, "wachtDagen", (json_int_t)age));
		long long geraamd = db_col_null(st, 2) ? -1 : db_col_int(st, 2), besteed = db_col_int(st, 8);
		if (geraamd >= 0 && besteed > geraamd)
			json_array_append_new(over, json_pack("{s:I,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_col_int(st, 0),
							      "titel", db_col_text(st, 1), "geraamdMinuten", (json_int_t)geraamd,
							      "besteedMinuten", (json_int_t)besteed, "overMinuten",
							      (json_int_t)(besteed - geraamd)));
	}
	db_finalize(st);
	free(rejected);
	/* Awaiting review at the end of the day: submitted up to then minus
	 * reviewed up to then, from the counts per day (migration 110). */
	long long n = 0, m = 0;
	st = db_query(s->db,
		      "SELECT coalesce(sum(CASE WHEN soort = 'ingediend' THEN aantal ELSE -aantal END), 0),"
		      " coalesce(sum(CASE WHEN soort = 'ingediend' THEN minuten ELSE -minuten END), 0)"
		      " FROM urenbank_dag_stand WHERE proeftuin_id = ?1 AND dag < ?2",
		      "lt", pt.id, next);
	if (db_step(st) == DB_ROW) {
		n = db_col_int(st, 0);
		m = db_col_int(st, 1);
	}
	db_finalize(st);
	db_commit(s->db);
	json_t *lk = json_array();
	for (int k = 0; k < URENBANK_EVALUATIE_KLASSEN; k++)
		json_array_append_new(lk, json_pack("{s:s,s:I}", "klasse", klassen[k], "aantal", (json_int_t)klasse[k]));
	*out = json_pack("{s:s,s:I,s:I,s:I,s:o,s:o,s:o,s:{s:I,s:I}}", "peildatum", peil, "open", (json_int_t)n_open, "afgerond",
			 (json_int_t)n_af, "samengevoegd", (json_int_t)n_sv, "leeftijd", lk, "wachtOpInzet", wacht, "overRaming",
			 over, "teBeoordelen", "aantal", (json_int_t)n, "minuten", (json_int_t)m);
	return *out ? 0 : problem_set(p, 500, "De werkvoorraad van proeftuin '%s' kon niet worden berekend.", pt.code);
}
