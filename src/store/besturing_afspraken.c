/* How a network runs itself (besturing.h "afspraken"): the verband's
 * documents (spelregels, intentieverklaring, convenant) with their dates,
 * the lead municipality (trekker) per theme, evaluation moments with their
 * outcome and follow-up, recurring meetings with agenda and minutes, the
 * next stand van zaken planned for a raad, and a role that changes hands
 * on a date. Dates a source gives only roughly carry a precisie (maand,
 * kwartaal, jaar) and are the first day of that period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/nl.h"
#include "core/register.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"
#include "store/fields.h"
#include "store/register_sql.h"

static const char *const precisies[] = { "dag", "maand", "kwartaal", "jaar", NULL };
static const char *const document_soorten[] = {
	"spelregels", "intentieverklaring", "convenant", "startdocument", "overig", NULL
};
static const char *const document_statussen[] = { "gepland", "vastgesteld", NULL };
static const char *const vervolgen[] = { "voortzetten", "opschalen", "bijstellen", "beeindigen", NULL };
static const char *const overleg_soorten[] = {
	"stuurgroep", "mt-sessie", "raadsbijeenkomst", "werkconferentie", "bestuurlijk-overleg", "overig", NULL
};
static const char *const interval_eenheden[] = { "week", "maand", NULL };

static const char *who(const char *by) { return by && by[0] ? by : "systeem"; }

/* A date with its precisie; the date must be the first day of the period
 * the precisie names (so that "december 2012" is 2012-12-01). */
static int dated(json_t *in, const char *name, int required, const char **date, const char **precisie, struct problem *p)
{
	int r = field_date(in, name, required, date, p);
	field_enum(in, "precisie", FIELD_OPTIONAL, precisies, precisie, p);
	if (r <= 0 || !*precisie)
		return r;
	int32_t d;
	int y, m, day;
	date_parse(*date, &d);
	date_to_ymd(d, &y, &m, &day);
	int first = !strcmp(*precisie, "dag") ||
		    (day == 1 && (!strcmp(*precisie, "maand") || (!strcmp(*precisie, "kwartaal") && (m - 1) % 3 == 0) ||
				  (!strcmp(*precisie, "jaar") && m == 1)));
	if (!first)
		problem_param(p, name, "bij precisie %s de eerste dag van die periode", *precisie);
	return r;
}

static json_t *when_json(const char *date, const char *precisie)
{
	char text[NL_TEXT_LEN];
	nl_date_precision(date, precisie, text, sizeof(text));
	return json_string(text);
}

struct verband_args {
	const char *by, *verband;
	long long id;
	json_t *in, **out;
};

/* ---- documents ------------------------------------------------------------------------------ */

static int do_document(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	const char *soort = NULL, *titel = NULL, *datum = NULL, *precisie = NULL, *status = NULL, *oms = NULL;
	field_enum(a->in, "soort", FIELD_REQUIRED, document_soorten, &soort, p);
	field_text(a->in, "titel", FIELD_REQUIRED, 300, &titel, p);
	dated(a->in, "datum", FIELD_REQUIRED, &datum, &precisie, p);
	field_enum(a->in, "status", FIELD_OPTIONAL, document_statussen, &status, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 4000, &oms, p);
	if (p->status)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO verband_documenten(verband_id, soort, titel, datum, precisie, status, omschrijving, "
		       "aangemaakt, door)"
		       " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "lttttttt"
		       "t",
		       vid, soort, titel, datum, precisie ? precisie : "dag", status ? status : "vastgesteld", oms, now,
		       who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "document");
	return a->out ? besturing_document_list(s, a->verband, a->out, p) : 0;
}

int besturing_document_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, verband, 0, in, out };
	return store_transaction(s, p, do_document, &a);
}

int besturing_document_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT d.id, v.code, d.soort, d.titel, d.datum, d.precisie, d.status, d.omschrijving"
			 " FROM verband_documenten d JOIN verbanden v ON v.id = d.verband_id WHERE (?1 IS NULL OR v.code = ?1)"
			 " ORDER BY d.datum, d.id",
			 "t", verband);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *d = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband",
				      db_col_text(st, 1), "soort", db_col_text(st, 2), "titel", db_col_text(st, 3), "datum",
				      db_col_text(st, 4), "precisie", db_col_text(st, 5), "status", db_col_text(st, 6));
		json_object_set_new(d, "wanneer", when_json(db_col_text(st, 4), db_col_text(st, 5)));
		json_object_set_new(d, "omschrijving", store_text_or_null(st, 7));
		json_array_append_new(a, d);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- trekkers ------------------------------------------------------------------------------- */

static int do_trekker(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	const char *thema = NULL, *tv = NULL, *org = NULL, *van = NULL, *tot = NULL, *tl = NULL;
	field_text(a->in, "thema", FIELD_REQUIRED, 200, &thema, p);
	field_text(a->in, "taakveld", FIELD_OPTIONAL, 40, &tv, p);
	field_text(a->in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_date(a->in, "van", FIELD_REQUIRED, &van, p);
	field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 1000, &tl, p);
	if (van && tot && strcmp(tot, van) <= 0)
		problem_param(p, "tot", "moet na 'van' liggen");
	if (p->status)
		return -p->status;
	long long oid = store_org_id(s, org), tvid = tv ? store_taakveld_id(s, tv) : 0;
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (tv && !tvid)
		return problem_refuse(p, "taakveld", "Taakveld '%s' bestaat niet.", tv);
	if (!besturing_is_partner(s, vid, oid, van))
		return problem_refuse(p, "organisatie",
				      "%s is op %s geen deelnemend lid van verband '%s' en kan dus geen trekker zijn.", org, van,
				      a->verband);
	/* One trekker per theme at a time: the new one takes over. */
	int r = db_run(s->db,
		       "UPDATE verband_trekkers SET tot = ?1 WHERE verband_id = ?2 AND thema = ?3 AND van < ?1 AND (tot IS NULL "
		       "OR tot > ?1)",
		       "tlt", van, vid, thema);
	char now[32];
	store_now_text(now);
	if (r == 0)
		r = db_run(s->db,
			   "INSERT INTO verband_trekkers(verband_id, thema, taakveld_id, organisatie_id, van, tot, toelichting,"
			   " aangemaakt, door) VALUES(?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
			   "ltllttt"
			   "tt",
			   vid, thema, tvid, oid, van, tot, tl, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "trekker");
	return a->out ? besturing_trekker_list(s, a->verband, a->out, p) : 0;
}

int besturing_trekker_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, verband, 0, in, out };
	return store_transaction(s, p, do_trekker, &a);
}

int besturing_trekker_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT v.code, t.thema, tv.code, o.code, o.naam, t.van, t.tot, t.toelichting FROM verband_trekkers t"
			 " JOIN verbanden v ON v.id = t.verband_id JOIN organisaties o ON o.id = t.organisatie_id"
			 " LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id WHERE (?1 IS NULL OR v.code = ?1)"
			 " ORDER BY t.thema, t.van",
			 "t", verband);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:s,s:s,s:s,s:s,s:s}", "verband", db_col_text(st, 0), "thema", db_col_text(st, 1),
				      "organisatie", db_col_text(st, 3), "organisatieNaam", db_col_text(st, 4), "van",
				      db_col_text(st, 5));
		json_object_set_new(x, "taakveld", store_text_or_null(st, 2));
		json_object_set_new(x, "tot", store_text_or_null(st, 6));
		json_object_set_new(x, "toelichting", store_text_or_null(st, 7));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- evaluations ---------------------------------------------------------------------------- */

static json_t *evaluation_json(struct db_stmt *st)
{
	/* id, verband, traject, taakveld, titel, datum, precisie, omschrijving, gehouden, uitkomst, vervolg, vervolg_tl, besluit */
	json_t *e = json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1),
			      "titel", db_col_text(st, 4), "datum", db_col_text(st, 5), "precisie", db_col_text(st, 6));
	json_object_set_new(e, "traject", db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	json_object_set_new(e, "taakveld", store_text_or_null(st, 3));
	json_object_set_new(e, "wanneer", when_json(db_col_text(st, 5), db_col_text(st, 6)));
	json_object_set_new(e, "omschrijving", store_text_or_null(st, 7));
	json_object_set_new(e, "gehouden", store_text_or_null(st, 8));
	json_object_set_new(e, "uitkomst", store_text_or_null(st, 9));
	json_object_set_new(e, "vervolg", store_text_or_null(st, 10));
	json_object_set_new(e, "vervolgToelichting", store_text_or_null(st, 11));
	json_object_set_new(e, "besluit", db_col_null(st, 12) ? json_null() : json_integer(db_col_int(st, 12)));
	return e;
}

#define EVAL_COLS                                                                                                               \
	"e.id, v.code, e.traject_id, tv.code, e.titel, e.datum, e.precisie, e.omschrijving, e.gehouden, e.uitkomst, e.vervolg," \
	" e.vervolg_toelichting, e.besluit_id"
#define EVAL_FROM                                                                                                 \
	" FROM evaluaties e JOIN verbanden v ON v.id = e.verband_id LEFT JOIN trajecten t ON t.id = e.traject_id" \
	" LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id"

static int evaluation_get(struct store *s, long long id, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " EVAL_COLS EVAL_FROM " WHERE e.id = ?", "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Evaluatie %lld bestaat niet.", id);
	}
	*out = evaluation_json(st);
	db_finalize(st);
	return 0;
}

static int do_evaluation(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	long long vid, tid = 0;
	if (a->id) {
		struct traject_row t;
		int r = besturing_traject_find(s, a->id, &t, p);
		if (r < 0)
			return r;
		vid = t.verband, tid = t.id;
	} else if (!(vid = store_verband_id(s, a->verband))) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband ? a->verband : "");
	}
	const char *titel = NULL, *datum = NULL, *precisie = NULL, *oms = NULL;
	field_text(a->in, "titel", FIELD_REQUIRED, 300, &titel, p);
	dated(a->in, "datum", FIELD_REQUIRED, &datum, &precisie, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 4000, &oms, p);
	if (p->status)
		return -p->status;
	char now[32];
	store_now_text(now);
	long long eid;
	int r = db_insert(s->db, &eid,
			  "INSERT INTO evaluaties(verband_id, traject_id, titel, datum, precisie, omschrijving, aangemaakt, door)"
			  " VALUES(?, nullif(?, 0), ?, ?, ?, ?, ?, ?) RETURNING id",
			  "llttt"
			  "ttt",
			  vid, tid, titel, datum, precisie ? precisie : "dag", oms, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "evaluatie");
	return a->out ? evaluation_get(s, eid, a->out, p) : 0;
}

int besturing_evaluation_create(struct store *s, const char *by, const char *verband, long long traject, json_t *in, json_t **out,
				struct problem *p)
{
	struct verband_args a = { by, verband, traject, in, out };
	return store_transaction(s, p, do_evaluation, &a);
}

static int do_evaluation_held(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	struct db_stmt *st = db_query(s->db,
				      "SELECT e.verband_id, coalesce(e.traject_id, 0), e.gehouden, v.code FROM evaluaties e"
				      " JOIN verbanden v ON v.id = e.verband_id WHERE e.id = ?",
				      "l", a->id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Evaluatie %lld bestaat niet.", a->id);
	}
	long long vid = db_col_int(st, 0), tid = db_col_int(st, 1);
	int held = !db_col_null(st, 2);
	db_finalize(st);
	const char *gehouden = NULL, *uitkomst = NULL, *vervolg = NULL, *vtl = NULL;
	long long besluit = 0;
	field_date(a->in, "gehouden", FIELD_REQUIRED, &gehouden, p);
	field_text(a->in, "uitkomst", FIELD_REQUIRED, 4000, &uitkomst, p);
	field_enum(a->in, "vervolg", FIELD_OPTIONAL, vervolgen, &vervolg, p);
	field_text(a->in, "vervolgToelichting", FIELD_OPTIONAL, 4000, &vtl, p);
	field_int(a->in, "besluit", FIELD_OPTIONAL, 1, INT64_MAX, &besluit, p);
	if (p->status)
		return -p->status;
	if (held)
		return problem_refuse(p, NULL, "Evaluatie %lld is al gehouden; de uitkomst blijft zoals vastgelegd.", a->id);
	if (besluit) {
		/* The follow-up decision belongs to the same verband (and traject). */
		st = db_query(s->db, "SELECT 1 FROM besluiten WHERE id = ? AND verband_id = ? AND (? = 0 OR traject_id = ?)",
			      "llll", besluit, vid, tid, tid);
		int okb = db_step(st) == DB_ROW;
		db_finalize(st);
		if (!okb)
			return problem_refuse(p, "besluit", "Besluit %lld hoort niet bij dit verband of traject.", besluit);
	}
	int r = db_run(s->db,
		       "UPDATE evaluaties SET gehouden = ?, uitkomst = ?, vervolg = ?, vervolg_toelichting = ?, besluit_id = "
		       "nullif(?, 0)"
		       " WHERE id = ?",
		       "ttttll", gehouden, uitkomst, vervolg, vtl, besluit, a->id);
	if (r < 0)
		return store_db_problem(s, r, p, "evaluatie");
	return a->out ? evaluation_get(s, a->id, a->out, p) : 0;
}

int besturing_evaluation_held(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, NULL, id, in, out };
	return store_transaction(s, p, do_evaluation_held, &a);
}

int besturing_evaluation_verband(struct store *s, long long id, char *out, size_t len, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT v.code FROM evaluaties e JOIN verbanden v ON v.id = e.verband_id WHERE e.id = ?", "l", id);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(out, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Evaluatie %lld bestaat niet.", id);
}

int besturing_evaluation_list(struct store *s, const char *verband, long long traject, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " EVAL_COLS EVAL_FROM " WHERE (?1 IS NULL OR v.code = ?1) AND (?2 = 0 OR e.traject_id = ?2)"
			 " ORDER BY e.datum, e.id",
			 "tl", verband, traject);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, evaluation_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- meetings ------------------------------------------------------------------------------- */

static json_t *meeting_json(struct store *s, struct db_stmt *st)
{
	/* id, verband, soort, titel, eerste, precisie, eenheid, aantal, tot, toelichting */
	long long id = db_col_int(st, 0);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)id, "verband", db_col_text(st, 1), "soort",
			      db_col_text(st, 2), "titel", db_col_text(st, 3), "eerste", db_col_text(st, 4), "precisie",
			      db_col_text(st, 5));
	json_object_set_new(o, "wanneer", when_json(db_col_text(st, 4), db_col_text(st, 5)));
	if (!db_col_null(st, 6))
		json_object_set_new(
			o, "interval",
			json_pack("{s:s,s:I}", "eenheid", db_col_text(st, 6), "aantal", (json_int_t)db_col_int(st, 7)));
	else
		json_object_set_new(o, "interval", json_null());
	json_object_set_new(o, "tot", store_text_or_null(st, 8));
	json_object_set_new(o, "toelichting", store_text_or_null(st, 9));
	json_t *v = json_array();
	struct db_stmt *q =
		db_query(s->db, "SELECT datum, agenda, verslag FROM vergaderingen WHERE overleg_id = ? ORDER BY datum", "l", id);
	while (db_step(q) == DB_ROW) {
		json_t *m = json_pack("{s:s}", "datum", db_col_text(q, 0));
		json_object_set_new(m, "agenda", store_text_or_null(q, 1));
		json_object_set_new(m, "verslag", store_text_or_null(q, 2));
		json_array_append_new(v, m);
	}
	db_finalize(q);
	json_object_set_new(o, "vergaderingen", v);
	return o;
}

#define MEETING_COLS \
	"o.id, v.code, o.soort, o.titel, o.eerste, o.precisie, o.interval_eenheid, o.interval_aantal, o.tot, o.toelichting"

static int meeting_get(struct store *s, long long id, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT " MEETING_COLS " FROM overleggen o JOIN verbanden v ON v.id = o.verband_id WHERE o.id = ?", "l",
		id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Overleg %lld bestaat niet.", id);
	}
	*out = meeting_json(s, st);
	db_finalize(st);
	return 0;
}

static int do_meeting(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	const char *soort = NULL, *titel = NULL, *eerste = NULL, *precisie = NULL, *tot = NULL, *tl = NULL, *eenheid = NULL;
	long long aantal = 0;
	json_t *interval = NULL;
	field_enum(a->in, "soort", FIELD_REQUIRED, overleg_soorten, &soort, p);
	field_text(a->in, "titel", FIELD_REQUIRED, 300, &titel, p);
	dated(a->in, "eerste", FIELD_REQUIRED, &eerste, &precisie, p);
	field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	interval = json_object_get(a->in, "interval");
	if (interval && !json_is_null(interval)) {
		if (!json_is_object(interval))
			problem_param(p, "interval", "moet een object zijn: {\"eenheid\": \"week\" of \"maand\", \"aantal\": 6}");
		else {
			struct problem q;
			problem_init(&q);
			field_enum(interval, "eenheid", FIELD_REQUIRED, interval_eenheden, &eenheid, &q);
			field_int(interval, "aantal", FIELD_REQUIRED, 1, 60, &aantal, &q);
			for (int i = 0; i < q.nparams; i++)
				problem_param(p, "interval", "%s: %s", q.params[i].name, q.params[i].reason);
		}
	}
	if (eerste && tot && strcmp(tot, eerste) <= 0)
		problem_param(p, "tot", "moet na 'eerste' liggen");
	if (p->status)
		return -p->status;
	char now[32];
	store_now_text(now);
	long long oid;
	int r = db_insert(
		s->db, &oid,
		"INSERT INTO overleggen(verband_id, soort, titel, eerste, precisie, interval_eenheid, interval_aantal, tot,"
		" toelichting, aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?) RETURNING id",
		"lttttt"
		"ltttt",
		vid, soort, titel, eerste, precisie ? precisie : "dag", eenheid, aantal, tot, tl, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "overleg");
	return a->out ? meeting_get(s, oid, a->out, p) : 0;
}

int besturing_meeting_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, verband, 0, in, out };
	return store_transaction(s, p, do_meeting, &a);
}

int besturing_meeting_verband(struct store *s, long long id, char *out, size_t len, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT v.code FROM overleggen o JOIN verbanden v ON v.id = o.verband_id WHERE o.id = ?", "l", id);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(out, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Overleg %lld bestaat niet.", id);
}

/* Calls fn for each date of the series of meeting row (eerste, eenheid,
 * aantal, tot) within [van, tot_window], at most max times. */
static void occurrences(const char *eerste, const char *eenheid, long long aantal, const char *end, const char *van,
			const char *till, int max, void (*fn)(const char *date, void *ctx), void *ctx)
{
	int32_t d0, from, to, stop = DATE_NONE;
	if (date_parse(eerste, &d0) < 0 || date_parse(van, &from) < 0 || date_parse(till, &to) < 0)
		return;
	if (end && end[0])
		date_parse(end, &stop);
	int y, m, d;
	date_to_ymd(d0, &y, &m, &d);
	for (int k = 0, n = 0; n < max && k < 10000; k++) {
		int32_t day;
		if (!eenheid)
			day = k ? DATE_NONE : d0;
		else if (!strcmp(eenheid, "week"))
			day = d0 + (int32_t)(7 * aantal * k);
		else {
			int mm = m - 1 + (int)(aantal * k), yy = y + mm / 12;
			mm = mm % 12 + 1;
			/* The same day of the month, or its last day (31 → 30). */
			int dd = d, yy2, mm2, d2;
			while (dd > 28) {
				date_to_ymd(date_from_ymd(yy, mm, dd), &yy2, &mm2, &d2);
				if (mm2 == mm)
					break;
				dd--;
			}
			day = date_from_ymd(yy, mm, dd);
		}
		if (day == DATE_NONE || day > to || day >= stop)
			break;
		if (day >= from) {
			char t[DATE_TEXT_LEN];
			date_format(day, t);
			fn(t, ctx);
			n++;
		}
	}
}

struct occ_ctx {
	json_t *a, *base;
	struct store *s;
	long long id;
};

static void add_occurrence(const char *date, void *ctx)
{
	struct occ_ctx *c = ctx;
	json_t *m = json_deep_copy(c->base);
	json_object_set_new(m, "datum", json_string(date));
	struct db_stmt *q = db_query(c->s->db, "SELECT agenda, verslag FROM vergaderingen WHERE overleg_id = ? AND datum = ?",
				     "lt", c->id, date);
	int rec = db_step(q) == DB_ROW;
	json_object_set_new(m, "agenda", rec ? store_text_or_null(q, 0) : json_null());
	json_object_set_new(m, "verslag", rec ? store_text_or_null(q, 1) : json_null());
	db_finalize(q);
	json_array_append_new(c->a, m);
}

int besturing_meeting_list(struct store *s, const char *verband, const char *org, const char *van, const char *tot, json_t **out,
			   struct problem *p)
{
	besturing_query_date(van, "van", p);
	besturing_query_date(tot, "tot", p);
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	if (org && !(oid = store_org_id(s, org)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org);
	/* An organisation sees the meetings of the verbanden it is (or was) a member of. */
	struct db_stmt *st = db_query(s->db,
				      "SELECT " MEETING_COLS " FROM overleggen o JOIN verbanden v ON v.id = o.verband_id"
				      " WHERE (?1 IS NULL OR v.code = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM lidmaatschappen l"
				      " WHERE l.verband_id = v.id AND l.organisatie_id = ?2)) ORDER BY o.eerste, o.id",
				      "tl", verband, oid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *m = meeting_json(s, st);
		if (van || tot) {
			/* The dates in [van, tot]: each a meeting of its own. */
			struct occ_ctx c = { json_array(), m, s, db_col_int(st, 0) };
			json_object_del(m, "vergaderingen");
			occurrences(db_col_text(st, 4), db_col_null(st, 6) ? NULL : db_col_text(st, 6), db_col_int(st, 7),
				    db_col_null(st, 8) ? NULL : db_col_text(st, 8), van ? van : "1900-01-01",
				    tot ? tot : "2999-12-31", 500, add_occurrence, &c);
			size_t i;
			json_t *x;
			json_array_foreach(c.a, i, x)
				json_array_append(a, x);
			json_decref(c.a);
			json_decref(m);
		} else {
			json_array_append_new(a, m);
		}
	}
	db_finalize(st);
	*out = a;
	return 0;
}

static int do_vergadering(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	const char *datum = a->verband; /* the path's date */
	struct db_stmt *st =
		db_query(s->db, "SELECT eerste, interval_eenheid, interval_aantal, tot FROM overleggen WHERE id = ?", "l", a->id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Overleg %lld bestaat niet.", a->id);
	}
	char eerste[DATE_TEXT_LEN], eenheid[16] = "", tot[DATE_TEXT_LEN] = "";
	snprintf(eerste, sizeof(eerste), "%s", db_col_text(st, 0));
	if (!db_col_null(st, 1))
		snprintf(eenheid, sizeof(eenheid), "%s", db_col_text(st, 1));
	long long aantal = db_col_int(st, 2);
	if (!db_col_null(st, 3))
		snprintf(tot, sizeof(tot), "%s", db_col_text(st, 3));
	db_finalize(st);
	int32_t d;
	if (date_parse(datum, &d) < 0)
		return problem_set(p, 404, "'%.40s' is geen datum van dit overleg (JJJJ-MM-DD).", datum);
	/* The date must be one of the series: a meeting that falls elsewhere
	 * is moved in the series, not added beside it. */
	json_t *dates = json_array();
	struct occ_ctx c = { dates, json_object(), s, a->id };
	occurrences(eerste, eenheid[0] ? eenheid : NULL, aantal, tot, datum, datum, 1, add_occurrence, &c);
	json_decref(c.base);
	int in_series = json_array_size(dates) > 0;
	json_decref(dates);
	if (!in_series)
		return problem_set(p, 404, "Overleg %lld heeft geen vergadering op %s.", a->id, datum);
	const char *agenda = NULL, *verslag = NULL;
	field_text(a->in, "agenda", FIELD_OPTIONAL, 20000, &agenda, p);
	field_text(a->in, "verslag", FIELD_OPTIONAL, 20000, &verslag, p);
	if (!p->status && !agenda && !verslag)
		problem_param(p, "agenda", "geef een agenda of een verslag");
	if (p->status)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO vergaderingen(overleg_id, datum, agenda, verslag, aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT (overleg_id, datum) DO UPDATE SET agenda = coalesce(excluded.agenda, vergaderingen.agenda),"
		       " verslag = coalesce(excluded.verslag, vergaderingen.verslag)",
		       "ltttt"
		       "t",
		       a->id, datum, agenda, verslag, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "vergadering");
	return a->out ? meeting_get(s, a->id, a->out, p) : 0;
}

int besturing_vergadering_put(struct store *s, const char *by, long long overleg, const char *datum, json_t *in, json_t **out,
			      struct problem *p)
{
	struct verband_args a = { by, datum, overleg, in, out };
	return store_transaction(s, p, do_vergadering, &a);
}

/* ---- the next report to the raad ------------------------------------------------------------ */

static int do_planning(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	long long oid = store_org_id(s, a->verband);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", a->verband);
	const char *titel = NULL, *datum = NULL, *precisie = NULL, *tl = NULL;
	field_text(a->in, "titel", FIELD_OPTIONAL, 300, &titel, p);
	dated(a->in, "datum", FIELD_REQUIRED, &datum, &precisie, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	if (p->status)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO rapportage_planning(organisatie_id, titel, datum, precisie, toelichting, aangemaakt, door)"
		       " VALUES(?, ?, ?, ?, ?, ?, ?)",
		       "ltttttt", oid, titel ? titel : "Stand van zaken bestuurlijke samenwerking", datum,
		       precisie ? precisie : "dag", tl, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "planning");
	return a->out ? besturing_report_plan_list(s, a->verband, NULL, a->out, p) : 0;
}

int besturing_report_plan_create(struct store *s, const char *by, const char *org, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, org, 0, in, out };
	return store_transaction(s, p, do_planning, &a);
}

int besturing_report_plan_list(struct store *s, const char *org, const char *after, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org ? org : "");
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT id, titel, datum, precisie, toelichting FROM rapportage_planning WHERE organisatie_id = ?1"
			 " AND (?2 IS NULL OR datum > ?2) ORDER BY datum, id",
			 "lt", oid, after);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "organisatie", org, "titel",
				      db_col_text(st, 1), "datum", db_col_text(st, 2), "precisie", db_col_text(st, 3));
		json_object_set_new(x, "wanneer", when_json(db_col_text(st, 2), db_col_text(st, 3)));
		json_object_set_new(x, "toelichting", store_text_or_null(st, 4));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- a role that changes hands --------------------------------------------------------------- */

static int do_role_change(struct store *s, void *arg, struct problem *p)
{
	struct verband_args *a = arg;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT verband_id, coalesce(traject_id, 0), rol, naam, coalesce(organisatie_id, 0), van, tot"
			 " FROM bestuursrollen WHERE id = ?",
			 "l", a->id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Rol %lld bestaat niet.", a->id);
	}
	long long vid = db_col_int(st, 0), tid = db_col_int(st, 1), oid_old = db_col_int(st, 4);
	char rol[32], van[DATE_TEXT_LEN] = "", tot[DATE_TEXT_LEN] = "";
	snprintf(rol, sizeof(rol), "%s", db_col_text(st, 2));
	if (!db_col_null(st, 5))
		snprintf(van, sizeof(van), "%s", db_col_text(st, 5));
	if (!db_col_null(st, 6))
		snprintf(tot, sizeof(tot), "%s", db_col_text(st, 6));
	db_finalize(st);
	const char *ingang = NULL, *naam = NULL, *org = NULL, *reden = NULL, *tl = NULL;
	field_date(a->in, "ingangsdatum", FIELD_REQUIRED, &ingang, p);
	field_text(a->in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	field_text(a->in, "organisatie", FIELD_OPTIONAL, 32, &org, p);
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 1000, &tl, p);
	if (p->status)
		return -p->status;
	if (van[0] && strcmp(ingang, van) <= 0)
		return problem_refuse(p, "ingangsdatum", "De rol begint op %s; een wijziging gaat later in.", van);
	if (tot[0] && strcmp(ingang, tot) >= 0)
		return problem_refuse(p, "ingangsdatum", "De rol eindigde al op %s.", tot);
	long long oid = oid_old;
	if (org && !(oid = store_org_id(s, org)))
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	/* The holder ends on ingangsdatum; a new name starts a new row then. */
	int r = db_run(s->db, "UPDATE bestuursrollen SET tot = ?, einde_reden = ? WHERE id = ?", "ttl", ingang, reden, a->id);
	long long nid = 0;
	if (r == 0 && naam) {
		r = db_insert(
			s->db, &nid,
			"INSERT INTO bestuursrollen(verband_id, traject_id, rol, naam, organisatie_id, van, tot, toelichting)"
			" VALUES(?, nullif(?, 0), ?, ?, nullif(?, 0), ?, ?, ?) RETURNING id",
			"llttlttt", vid, tid, rol, naam, oid, ingang, tot[0] ? tot : NULL, tl);
	}
	if (r < 0)
		return store_db_problem(s, r, p, "rol");
	if (a->out) {
		st = db_query(s->db, "SELECT " ROLE_COLS ROLE_FROM " WHERE r.id = ?", "l", nid ? nid : a->id);
		if (db_step(st) == DB_ROW)
			*a->out = besturing_role_json(st);
		db_finalize(st);
	}
	return 0;
}

int besturing_role_change(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p)
{
	struct verband_args a = { by, NULL, id, in, out };
	return store_transaction(s, p, do_role_change, &a);
}

int besturing_role_verband(struct store *s, long long id, char *out, size_t len, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT v.code FROM bestuursrollen r JOIN verbanden v ON v.id = r.verband_id WHERE r.id = ?", "l", id);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(out, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Rol %lld bestaat niet.", id);
}
