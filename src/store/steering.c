/* Choosing and running cooperation in the store; see steering.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/businesscase.h"
#include "core/date.h"
#include "core/planning.h"
#include "core/register.h"
#include "core/scoring.h"
#include "store/fields.h"
#include "store/registry.h"
#include "store/steering.h"

/* ---- small helpers ---------------------------------------------------- */

static long long lookup(struct store *s, const char *sql, const char *code)
{
	if (!code)
		return 0;
	struct db_stmt *st = db_query(s->db, sql, "t", code);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return id;
}
static long long org_id(struct store *s, const char *code)
{
	return lookup(s, "SELECT id FROM organisaties WHERE code = ?", code);
}
static long long taakveld_id(struct store *s, const char *code)
{
	return lookup(s, "SELECT id FROM taakvelden WHERE code = ?", code);
}
static long long verband_id(struct store *s, const char *code)
{
	return lookup(s, "SELECT id FROM verbanden WHERE code = ?", code);
}

static json_t *text_or_null(struct db_stmt *st, int col)
{
	const char *t = db_col_text(st, col);
	return t ? json_string(t) : json_null();
}

static void today(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

static void now_text(char out[32])
{
	char d[DATE_TEXT_LEN];
	today(d);
	snprintf(out, 32, "%s", d);
}

static int32_t day_of(const char *s)
{
	int32_t d;
	return s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

/* A 422 for an unknown or refused reference in the body: the detail and
 * the invalid param say the same. */
__attribute__((format(printf, 3, 4))) static int refuse(struct problem *p, const char *param, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	problem_set(p, 422, "%s", msg);
	if (param)
		problem_param(p, param, "%s", msg);
	p->status = 422;
	return -422;
}

/* Runs fn inside one write transaction (a savepoint when nested). */
static int in_transaction(struct store *s, struct problem *p, int (*fn)(struct store *, void *, struct problem *),
			  void *arg)
{
	if (db_begin(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "transactie");
	int r = fn(s, arg, p);
	if (r < 0) {
		db_rollback(s->db);
		return r;
	}
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kon de wijziging niet vastleggen.");
	}
	return 0;
}

/* Prefixes the names of p's invalid params with prefix ("scoringen[1]."). */
static void prefix_params(struct problem *p, const char *prefix)
{
	for (int i = 0; i < p->nparams; i++) {
		char n[sizeof(p->params[i].name)];
		snprintf(n, sizeof(n), "%s%s", prefix, p->params[i].name);
		memcpy(p->params[i].name, n, sizeof(n));
	}
}

static int slug_field(json_t *in, const char *name, const char **out, struct problem *p)
{
	int r = field_text(in, name, FIELD_REQUIRED, 40, out, p);
	if (r > 0 && !reg_slug_valid(*out)) {
		problem_param(p, name, "1 tot 40 tekens: kleine letters, cijfers en '-'");
		return -1;
	}
	return r;
}

/* An optional date that defaults to today; into buf. */
static int date_or_today(json_t *in, const char *name, char buf[DATE_TEXT_LEN], struct problem *p)
{
	const char *d = NULL;
	int r = field_date(in, name, FIELD_OPTIONAL, &d, p);
	if (r > 0)
		snprintf(buf, DATE_TEXT_LEN, "%s", d);
	else
		today(buf);
	return r;
}

/* A query-string date: NULL stays NULL; a bad one is a 400. */
static int query_date(const char *v, const char *name, struct problem *p)
{
	int32_t d;
	if (v && date_parse(v, &d) < 0)
		return problem_param(p, name, "'%.40s' is geen geldige datum (JJJJ-MM-DD)", v);
	return 0;
}

/* The active (non-toehoorder) members of verband vid on date, by code. */
static json_t *members_on(struct store *s, long long vid, const char *date)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT DISTINCT o.code FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
				      " WHERE l.verband_id = ? AND l.rol <> 'toehoorder' AND l.van <= ? AND (l.tot IS NULL OR l.tot > ?)"
				      " ORDER BY o.code",
				      "ltt", vid, date, date);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	return a;
}

static int json_has_string(json_t *arr, const char *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) if (json_is_string(x) && !strcmp(json_string_value(x), v)) return 1;
	return 0;
}

static int is_member_ever(struct store *s, long long vid, long long oid)
{
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ?",
				      "ll", vid, oid);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

static const char *org_name(struct store *s, const char *code, char *buf, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT naam FROM organisaties WHERE code = ?", "t", code);
	snprintf(buf, len, "%s", db_step(st) == DB_ROW ? db_col_text(st, 0) : code);
	db_finalize(st);
	return buf;
}

/* Checks a list of task field codes: strings, known, no repeats. Names
 * errors "<name>[i]"; unknown codes are 422. */
static int check_taakvelden(struct store *s, json_t *arr, const char *name, int min, struct problem *p)
{
	size_t i, k;
	json_t *x;
	if (json_array_size(arr) < (size_t)min)
		return problem_param(p, name, "ten minste %d taakveld(en)", min);
	if (json_array_size(arr) > 200)
		return problem_param(p, name, "hoogstens 200 taakvelden");
	json_array_foreach(arr, i, x)
	{
		char n[64];
		snprintf(n, sizeof(n), "%s[%zu]", name, i);
		if (!json_is_string(x))
			return problem_param(p, n, "moet een taakveldcode zijn");
		for (k = 0; k < i; k++)
			if (json_equal(json_array_get(arr, k), x))
				return problem_param(p, n, "'%s' staat er al in", json_string_value(x));
	}
	json_array_foreach(arr, i, x)
	{
		char n[64];
		snprintf(n, sizeof(n), "%s[%zu]", name, i);
		if (!taakveld_id(s, json_string_value(x)))
			return refuse(p, n, "Taakveld '%s' bestaat niet.", json_string_value(x));
	}
	return 0;
}

/* ---- verkenningen ------------------------------------------------------ */

#define SURVEY_COLS "k.id, k.code, v.code, k.naam, k.datum, k.omschrijving, k.keuze_datum, k.keuze_toelichting, v.id"
#define SURVEY_FROM " FROM verkenningen k JOIN verbanden v ON v.id = k.verband_id"

static json_t *survey_json(struct store *s, struct db_stmt *st)
{
	long long kid = db_col_int(st, 0);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "code", db_col_text(st, 1), "verband", db_col_text(st, 2), "naam",
			      db_col_text(st, 3), "datum", db_col_text(st, 4));
	json_object_set_new(o, "omschrijving", text_or_null(st, 5));
	json_t *tv = json_array(), *gekozen = json_array();
	struct db_stmt *q = db_query(s->db,
				     "SELECT tv.code, kt.gekozen FROM verkenning_taakvelden kt JOIN taakvelden tv ON tv.id = kt.taakveld_id"
				     " WHERE kt.verkenning_id = ? ORDER BY kt.volgorde",
				     "l", kid);
	while (db_step(q) == DB_ROW) {
		json_array_append_new(tv, json_string(db_col_text(q, 0)));
		if (db_col_int(q, 1))
			json_array_append_new(gekozen, json_string(db_col_text(q, 0)));
	}
	db_finalize(q);
	json_object_set_new(o, "taakvelden", tv);
	json_object_set_new(o, "partners", members_on(s, db_col_int(st, 8), db_col_text(st, 4)));
	q = db_query(s->db, "SELECT count(*) FROM verkenning_antwoorden WHERE verkenning_id = ?", "l", kid);
	json_object_set_new(o, "antwoorden", json_integer(db_step(q) == DB_ROW ? db_col_int(q, 0) : 0));
	db_finalize(q);
	json_object_set_new(o, "gekozen", gekozen);
	if (db_col_null(st, 6))
		json_object_set_new(o, "keuze", json_null());
	else
		json_object_set_new(o, "keuze", json_pack("{s:s,s:o}", "datum", db_col_text(st, 6), "toelichting",
							  text_or_null(st, 7)));
	return o;
}

struct survey_row {
	long long id, verband;
	char datum[DATE_TEXT_LEN];
};

static int survey_find(struct store *s, const char *code, struct survey_row *row, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT id, verband_id, datum FROM verkenningen WHERE code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Verkenning '%s' bestaat niet.", code);
	}
	row->id = db_col_int(st, 0);
	row->verband = db_col_int(st, 1);
	snprintf(row->datum, sizeof(row->datum), "%s", db_col_text(st, 2));
	db_finalize(st);
	return 0;
}

int steering_survey_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " SURVEY_COLS SURVEY_FROM " WHERE k.code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Verkenning '%s' bestaat niet.", code);
	}
	*out = survey_json(s, st);
	db_finalize(st);
	return 0;
}

int steering_survey_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	if (verband && !verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st = db_query(s->db, "SELECT " SURVEY_COLS SURVEY_FROM " WHERE (?1 IS NULL OR v.code = ?1)"
					     " ORDER BY k.datum, k.code", "t", verband);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, survey_json(s, st));
	db_finalize(st);
	*out = a;
	return 0;
}

int steering_survey_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT v.code" SURVEY_FROM " WHERE k.code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Verkenning '%s' bestaat niet.", code);
	}
	snprintf(out, outlen, "%s", db_col_text(st, 0));
	db_finalize(st);
	return 0;
}

struct create_args {
	json_t *in, **out;
	const char *code;    /* path key */
	const char *extra;   /* second path key */
	long long id, id2;
};

static int do_survey_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *tv = NULL;
	const char *code = NULL, *verband = NULL, *naam = NULL, *omschrijving = NULL;
	char datum[DATE_TEXT_LEN];
	slug_field(in, "code", &code, p);
	field_text(in, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	date_or_today(in, "datum", datum, p);
	if (field_array(in, "taakvelden", FIELD_REQUIRED, &tv, p) > 0 && !p->status)
		check_taakvelden(s, tv, "taakvelden", 1, p);
	if (p->status)
		return -p->status;
	long long vid = verband_id(s, verband);
	if (!vid)
		return refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	int r = db_run(s->db, "INSERT INTO verkenningen(code, verband_id, naam, datum, omschrijving) VALUES(?, ?, ?, ?, ?)",
		       "tlttt", code, vid, naam && naam[0] ? naam : code, datum, omschrijving);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Verkenning '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "verkenning");
	long long kid = db_last_id(s->db);
	size_t i;
	json_t *x;
	json_array_foreach(tv, i, x)
	{
		r = db_run(s->db, "INSERT INTO verkenning_taakvelden(verkenning_id, taakveld_id, volgorde) VALUES(?, ?, ?)", "lli",
			   kid, taakveld_id(s, json_string_value(x)), (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "taakveld van de verkenning");
	}
	return a->out ? steering_survey_get(s, code, a->out, p) : 0;
}

int steering_survey_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out };
	return in_transaction(s, p, do_survey_create, &a);
}

/* Whether oid is a partner (active member) of verband vid on date. */
static int is_partner(struct store *s, long long vid, long long oid, const char *date)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ? AND rol <> 'toehoorder'"
				      " AND van <= ? AND (tot IS NULL OR tot > ?)",
				      "lltt", vid, oid, date, date);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

static json_t *answer_json(struct db_stmt *st)
{
	/* columns: org code, taakveld code, knelpunt, meerwaarde, snel, toelichting */
	json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:b}", "organisatie", db_col_text(st, 0), "taakveld", db_col_text(st, 1),
			      "knelpunt", (json_int_t)db_col_int(st, 2), "meerwaarde", (json_int_t)db_col_int(st, 3),
			      "snelResultaat", (int)db_col_int(st, 4));
	json_object_set_new(o, "toelichting", text_or_null(st, 5));
	return o;
}

#define ANSWER_SQL                                                                                          \
	"SELECT o.code, tv.code, a.knelpunt, a.meerwaarde, a.snel_resultaat, a.toelichting"                    \
	" FROM verkenning_antwoorden a JOIN organisaties o ON o.id = a.organisatie_id"                          \
	" JOIN taakvelden tv ON tv.id = a.taakveld_id"

static int do_survey_answer(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in;
	struct survey_row k;
	int r = survey_find(s, a->code, &k, p);
	if (r < 0)
		return r;
	const char *org = NULL, *tv = NULL, *toelichting = NULL;
	long long knel = 0, meer = 0;
	int snel = 0;
	field_text(in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_text(in, "taakveld", FIELD_REQUIRED, 40, &tv, p);
	field_int(in, "knelpunt", FIELD_REQUIRED, 1, 5, &knel, p);
	field_int(in, "meerwaarde", FIELD_REQUIRED, 1, 5, &meer, p);
	field_bool(in, "snelResultaat", FIELD_OPTIONAL, &snel, p);
	field_text(in, "toelichting", FIELD_OPTIONAL, 4000, &toelichting, p);
	if (p->status)
		return -p->status;
	long long oid = org_id(s, org), tid = taakveld_id(s, tv);
	if (!oid)
		return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!is_partner(s, k.verband, oid, k.datum))
		return refuse(p, "organisatie", "%s was op %s geen lid van het verband van verkenning '%s' en kan dus niet antwoorden.",
			      org, k.datum, a->code);
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM verkenning_taakvelden WHERE verkenning_id = ? AND taakveld_id = ?",
				      "ll", k.id, tid);
	int in_survey = tid && db_step(st) == DB_ROW;
	db_finalize(st);
	if (!in_survey)
		return refuse(p, "taakveld", "Taakveld '%s' hoort niet bij verkenning '%s'.", tv, a->code);
	r = db_run(s->db,
		   "INSERT INTO verkenning_antwoorden(verkenning_id, organisatie_id, taakveld_id, knelpunt, meerwaarde, snel_resultaat,"
		   " toelichting) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(verkenning_id, organisatie_id, taakveld_id) DO UPDATE SET"
		   " knelpunt = excluded.knelpunt, meerwaarde = excluded.meerwaarde, snel_resultaat = excluded.snel_resultaat,"
		   " toelichting = excluded.toelichting",
		   "llllllt", k.id, oid, tid, knel, meer, (long long)snel, toelichting);
	if (r < 0)
		return store_db_problem(s, r, p, "antwoord");
	if (a->out) {
		st = db_query(s->db, ANSWER_SQL " WHERE a.verkenning_id = ? AND a.organisatie_id = ? AND a.taakveld_id = ?", "lll",
			      k.id, oid, tid);
		if (db_step(st) == DB_ROW)
			*a->out = answer_json(st);
		db_finalize(st);
	}
	return 0;
}

int steering_survey_answer(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return in_transaction(s, p, do_survey_answer, &a);
}

int steering_survey_answers(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct survey_row k;
	int r = survey_find(s, code, &k, p);
	if (r < 0)
		return r;
	json_t *arr = json_array();
	struct db_stmt *st = db_query(s->db, ANSWER_SQL " WHERE a.verkenning_id = ? ORDER BY tv.code, o.code", "l", k.id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(arr, answer_json(st));
	db_finalize(st);
	*out = arr;
	return 0;
}

struct ranked {
	json_t *row;
	struct survey_result res;
	const char *code;
};

static int ranked_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	int c = survey_compare(&a->res, &b->res);
	return c ? c : strcmp(a->code, b->code);
}

static json_t *hundredths_or_null(struct score_frac f)
{
	return f.den > 0 ? json_integer(score_frac_hundredths(f)) : json_null();
}

int steering_survey_result(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct survey_row k;
	int r = survey_find(s, code, &k, p);
	if (r < 0)
		return r;
	json_t *partners = members_on(s, k.verband, k.datum);
	int n_partners = (int)json_array_size(partners);
	struct db_stmt *st = db_query(s->db,
				      "SELECT kt.taakveld_id, tv.code, tv.naam, kt.gekozen FROM verkenning_taakvelden kt"
				      " JOIN taakvelden tv ON tv.id = kt.taakveld_id WHERE kt.verkenning_id = ? ORDER BY kt.volgorde",
				      "l", k.id);
	size_t cap = 16, n = 0;
	struct ranked *rows = calloc(cap, sizeof(*rows));
	struct survey_answer *ans = calloc((size_t)n_partners + 1, sizeof(*ans));
	while (rows && ans && db_step(st) == DB_ROW) {
		if (n == cap) {
			struct ranked *nr = realloc(rows, 2 * cap * sizeof(*rows));
			if (!nr)
				break;
			rows = nr, cap *= 2;
		}
		long long tid = db_col_int(st, 0);
		json_t *row = json_pack("{s:s,s:s,s:b}", "taakveld", db_col_text(st, 1), "naam", db_col_text(st, 2), "gekozen",
					(int)db_col_int(st, 3));
		/* Answers of the partners; answers of former members do not count. */
		int na = 0;
		json_t *missing = json_array();
		struct db_stmt *q = db_query(s->db,
					     "SELECT o.code, a.knelpunt, a.meerwaarde, a.snel_resultaat FROM verkenning_antwoorden a"
					     " JOIN organisaties o ON o.id = a.organisatie_id WHERE a.verkenning_id = ? AND a.taakveld_id = ?",
					     "ll", k.id, tid);
		json_t *answered = json_array();
		while (db_step(q) == DB_ROW && na < n_partners) {
			if (!json_has_string(partners, db_col_text(q, 0)))
				continue;
			ans[na].knelpunt = (int)db_col_int(q, 1);
			ans[na].meerwaarde = (int)db_col_int(q, 2);
			ans[na].quick = (int)db_col_int(q, 3);
			na++;
			json_array_append_new(answered, json_string(db_col_text(q, 0)));
		}
		db_finalize(q);
		size_t i;
		json_t *x;
		json_array_foreach(partners, i, x) if (!json_has_string(answered, json_string_value(x)))
			json_array_append(missing, x);
		json_decref(answered);
		struct survey_result res;
		memset(&res, 0, sizeof(res));
		if (survey_evaluate(ans, na, n_partners > 0 ? n_partners : 1, &res) < 0)
			memset(&res, 0, sizeof(res));
		json_object_set_new(row, "prioriteit", json_integer(score_frac_hundredths(res.priority)));
		json_object_set_new(row, "gemiddeldeKnelpunt", hundredths_or_null(res.knelpunt));
		json_object_set_new(row, "gemiddeldeMeerwaarde", hundredths_or_null(res.meerwaarde));
		json_object_set_new(row, "antwoorden", json_integer(res.answers));
		json_object_set_new(row, "partners", json_integer(n_partners));
		json_object_set_new(row, "snelResultaat", json_integer(res.quick));
		json_object_set_new(row, "snelleWinst", json_boolean(res.quick_win));
		json_object_set_new(row, "ontbrekend", missing);
		rows[n].row = row;
		rows[n].res = res;
		rows[n].code = json_string_value(json_object_get(row, "taakveld"));
		n++;
	}
	db_finalize(st);
	int oom = !rows || !ans;
	free(ans);
	if (oom) {
		for (size_t i = 0; i < n; i++)
			json_decref(rows[i].row);
		free(rows);
		json_decref(partners);
		return problem_set(p, 500, "Geen geheugen voor de uitslag.");
	}
	qsort(rows, n, sizeof(*rows), ranked_cmp);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_object_set_new(rows[i].row, "rang", json_integer((json_int_t)i + 1));
		json_array_append_new(list, rows[i].row);
	}
	free(rows);
	*out = json_pack("{s:s,s:s,s:o,s:s,s:o}", "verkenning", code, "datum", k.datum, "partners", partners, "formule",
			 "prioriteit = som over de partners van knelpunt × meerwaarde, gedeeld door het aantal "
			 "gevraagde partners (wie niet antwoordde telt als 0), in honderdsten (0–2500), half naar boven "
			 "afgerond; snelleWinst = meer dan de helft van de partners verwacht snel resultaat; rangorde: "
			 "prioriteit, dan aantal stemmen voor snel resultaat, dan taakveldcode.",
			 "taakvelden", list);
	return 0;
}

static int do_survey_choose(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct survey_row k;
	int r = survey_find(s, a->code, &k, p);
	if (r < 0)
		return r;
	json_t *tv = NULL;
	const char *toelichting = NULL;
	char datum[DATE_TEXT_LEN];
	if (field_array(a->in, "taakvelden", FIELD_REQUIRED, &tv, p) > 0)
		check_taakvelden(s, tv, "taakvelden", 0, p);
	date_or_today(a->in, "datum", datum, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &toelichting, p);
	if (p->status)
		return -p->status;
	size_t i;
	json_t *x;
	json_array_foreach(tv, i, x)
	{
		struct db_stmt *st = db_query(s->db,
					      "SELECT 1 FROM verkenning_taakvelden WHERE verkenning_id = ? AND taakveld_id = ?", "ll",
					      k.id, taakveld_id(s, json_string_value(x)));
		int ok = db_step(st) == DB_ROW;
		db_finalize(st);
		if (!ok) {
			char n[64];
			snprintf(n, sizeof(n), "taakvelden[%zu]", i);
			return refuse(p, n, "Taakveld '%s' hoort niet bij verkenning '%s'.", json_string_value(x), a->code);
		}
	}
	if ((r = db_run(s->db, "UPDATE verkenning_taakvelden SET gekozen = 0 WHERE verkenning_id = ?", "l", k.id)) < 0)
		return store_db_problem(s, r, p, "keuze");
	json_array_foreach(tv, i, x)
	{
		r = db_run(s->db, "UPDATE verkenning_taakvelden SET gekozen = 1 WHERE verkenning_id = ? AND taakveld_id = ?", "ll",
			   k.id, taakveld_id(s, json_string_value(x)));
		if (r < 0)
			return store_db_problem(s, r, p, "keuze");
	}
	r = db_run(s->db, "UPDATE verkenningen SET keuze_datum = ?, keuze_toelichting = ? WHERE id = ?", "ttl", datum,
		   toelichting, k.id);
	if (r < 0)
		return store_db_problem(s, r, p, "keuze");
	return a->out ? steering_survey_get(s, a->code, a->out, p) : 0;
}

int steering_survey_choose(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return in_transaction(s, p, do_survey_choose, &a);
}

/* ---- scoringen --------------------------------------------------------- */

struct scoring_row {
	long long id, verband;
	char datum[DATE_TEXT_LEN];
	struct scoring_thresholds t;
};

static int scoring_find(struct store *s, const char *code, struct scoring_row *row, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT id, verband_id, datum, zk_gemiddelde, zk_laagste, k_gemiddelde, k_laagste, kt_gemiddelde,"
				      " kt_laagste FROM scoringen WHERE code = ?",
				      "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Scoring '%s' bestaat niet.", code);
	}
	row->id = db_col_int(st, 0);
	row->verband = db_col_int(st, 1);
	snprintf(row->datum, sizeof(row->datum), "%s", db_col_text(st, 2));
	for (int i = 0; i < 3; i++) {
		row->t.mean[i] = (int)db_col_int(st, 3 + 2 * i);
		row->t.lowest[i] = (int)db_col_int(st, 4 + 2 * i);
	}
	db_finalize(st);
	return 0;
}

static json_t *thresholds_json(const struct scoring_thresholds *t)
{
	json_t *o = json_object();
	for (int i = 0; i < 3; i++)
		json_object_set_new(o, scoring_tier_names[i],
				    json_pack("{s:i,s:i}", "gemiddelde", t->mean[i], "laagste", t->lowest[i]));
	return o;
}

/* Reads a "drempels" object over t (missing parts keep their value). */
static int parse_thresholds(json_t *d, const char *name, struct scoring_thresholds *t, struct problem *p)
{
	if (!json_is_object(d))
		return problem_param(p, name, "moet een object zijn met zeer-kansrijk, kansrijk en kansrijk-op-termijn");
	const char *key;
	json_t *v;
	json_object_foreach(d, key, v)
	{
		int i = enum_index(scoring_tier_names, key);
		char n[96];
		snprintf(n, sizeof(n), "%s.%s", name, key);
		if (i < 0 || i > 2) {
			problem_param(p, n, "onbekende klasse; wel: zeer-kansrijk, kansrijk, kansrijk-op-termijn");
			continue;
		}
		if (!json_is_object(v)) {
			problem_param(p, n, "moet een object zijn met gemiddelde en laagste (honderdsten, 100–500)");
			continue;
		}
		long long g = t->mean[i], l = t->lowest[i];
		char gn[128], ln[128];
		snprintf(gn, sizeof(gn), "%s.gemiddelde", n);
		snprintf(ln, sizeof(ln), "%s.laagste", n);
		/* field_int names the param after the member; prefix it here. */
		struct problem q;
		problem_init(&q);
		field_int(v, "gemiddelde", FIELD_OPTIONAL, 100, 500, &g, &q);
		field_int(v, "laagste", FIELD_OPTIONAL, 100, 500, &l, &q);
		for (int k = 0; k < q.nparams; k++)
			problem_param(p, !strcmp(q.params[k].name, "gemiddelde") ? gn : ln, "%s", q.params[k].reason);
		const char *sub;
		json_t *sv;
		json_object_foreach(v, sub, sv) if (strcmp(sub, "gemiddelde") && strcmp(sub, "laagste"))
		{
			char un[160];
			snprintf(un, sizeof(un), "%s.%s", n, sub);
			problem_param(p, un, "onbekend veld; wel: gemiddelde, laagste");
		}
		t->mean[i] = (int)g;
		t->lowest[i] = (int)l;
	}
	if (p->status)
		return -p->status;
	char why[200];
	if (scoring_thresholds_check(t, why, sizeof(why)) < 0)
		return problem_param(p, name, "%s", why);
	return 0;
}

#define SCORING_COLS                                                                                          \
	"c.id, c.code, v.code, c.naam, c.datum, c.omschrijving, c.zk_gemiddelde, c.zk_laagste, c.k_gemiddelde,"    \
	" c.k_laagste, c.kt_gemiddelde, c.kt_laagste, v.id"
#define SCORING_FROM " FROM scoringen c JOIN verbanden v ON v.id = c.verband_id"

static json_t *criteria_json(struct store *s, long long cid)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db, "SELECT code, naam, gewicht FROM scoring_criteria WHERE scoring_id = ? ORDER BY volgorde",
				      "l", cid);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1),
						   "gewicht", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	return a;
}

static json_t *scoring_json(struct store *s, struct db_stmt *st)
{
	long long cid = db_col_int(st, 0);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "code", db_col_text(st, 1), "verband", db_col_text(st, 2), "naam",
			      db_col_text(st, 3), "datum", db_col_text(st, 4));
	json_object_set_new(o, "omschrijving", text_or_null(st, 5));
	json_object_set_new(o, "criteria", criteria_json(s, cid));
	json_t *tv = json_array();
	struct db_stmt *q = db_query(s->db,
				     "SELECT tv.code FROM scoring_taakvelden st JOIN taakvelden tv ON tv.id = st.taakveld_id"
				     " WHERE st.scoring_id = ? ORDER BY st.volgorde",
				     "l", cid);
	while (db_step(q) == DB_ROW)
		json_array_append_new(tv, json_string(db_col_text(q, 0)));
	db_finalize(q);
	json_object_set_new(o, "taakvelden", tv);
	json_object_set_new(o, "partners", members_on(s, db_col_int(st, 12), db_col_text(st, 4)));
	struct scoring_thresholds t;
	for (int i = 0; i < 3; i++) {
		t.mean[i] = (int)db_col_int(st, 6 + 2 * i);
		t.lowest[i] = (int)db_col_int(st, 7 + 2 * i);
	}
	json_object_set_new(o, "drempels", thresholds_json(&t));
	return o;
}

int steering_scoring_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " SCORING_COLS SCORING_FROM " WHERE c.code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Scoring '%s' bestaat niet.", code);
	}
	*out = scoring_json(s, st);
	db_finalize(st);
	return 0;
}

int steering_scoring_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	if (verband && !verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st = db_query(s->db, "SELECT " SCORING_COLS SCORING_FROM " WHERE (?1 IS NULL OR v.code = ?1)"
					     " ORDER BY c.datum, c.code", "t", verband);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, scoring_json(s, st));
	db_finalize(st);
	*out = a;
	return 0;
}

int steering_scoring_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT v.code" SCORING_FROM " WHERE c.code = ?", "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Scoring '%s' bestaat niet.", code);
	}
	snprintf(out, outlen, "%s", db_col_text(st, 0));
	db_finalize(st);
	return 0;
}

static int do_scoring_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *tv = NULL, *criteria = NULL, *drempels = NULL;
	const char *code = NULL, *verband = NULL, *naam = NULL, *omschrijving = NULL;
	char datum[DATE_TEXT_LEN];
	struct scoring_thresholds t;
	scoring_thresholds_default(&t);
	slug_field(in, "code", &code, p);
	field_text(in, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	date_or_today(in, "datum", datum, p);
	field_array(in, "criteria", FIELD_REQUIRED, &criteria, p);
	field_array(in, "taakvelden", FIELD_REQUIRED, &tv, p);
	drempels = json_object_get(in, "drempels");
	if (drempels && !json_is_null(drempels))
		parse_thresholds(drempels, "drempels", &t, p);
	size_t i, k;
	json_t *x;
	if (criteria) {
		if (json_array_size(criteria) < 1 || json_array_size(criteria) > SCORING_MAX_CRITERIA)
			problem_param(p, "criteria", "1 tot %d criteria", SCORING_MAX_CRITERIA);
		json_array_foreach(criteria, i, x)
		{
			char n[48];
			snprintf(n, sizeof(n), "criteria[%zu].", i);
			if (!json_is_object(x)) {
				n[strlen(n) - 1] = '\0';
				problem_param(p, n, "moet een object zijn met code, naam en gewicht");
				continue;
			}
			struct problem q;
			problem_init(&q);
			const char *cc = NULL, *cn = NULL;
			long long w = 1;
			slug_field(x, "code", &cc, &q);
			field_text(x, "naam", FIELD_REQUIRED, 200, &cn, &q);
			field_int(x, "gewicht", FIELD_OPTIONAL, 1, SCORING_MAX_WEIGHT, &w, &q);
			for (int j = 0; j < q.nparams; j++) {
				char pn[200];
				snprintf(pn, sizeof(pn), "%s%s", n, q.params[j].name);
				problem_param(p, pn, "%s", q.params[j].reason);
			}
			if (cc)
				for (k = 0; k < i; k++) {
					json_t *prev = json_object_get(json_array_get(criteria, k), "code");
					if (json_is_string(prev) && !strcmp(json_string_value(prev), cc)) {
						char pn[64];
						snprintf(pn, sizeof(pn), "%scode", n);
						problem_param(p, pn, "criterium '%s' staat er al in", cc);
					}
				}
		}
	}
	if (!p->status && tv)
		check_taakvelden(s, tv, "taakvelden", 1, p);
	if (p->status)
		return -p->status;
	long long vid = verband_id(s, verband);
	if (!vid)
		return refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	int r = db_run(s->db,
		       "INSERT INTO scoringen(code, verband_id, naam, datum, omschrijving, zk_gemiddelde, zk_laagste, k_gemiddelde,"
		       " k_laagste, kt_gemiddelde, kt_laagste) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "tltttiiiiii", code, vid, naam && naam[0] ? naam : code, datum, omschrijving, t.mean[0], t.lowest[0],
		       t.mean[1], t.lowest[1], t.mean[2], t.lowest[2]);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Scoring '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "scoring");
	long long cid = db_last_id(s->db);
	json_array_foreach(criteria, i, x)
	{
		json_t *w = json_object_get(x, "gewicht");
		r = db_run(s->db, "INSERT INTO scoring_criteria(scoring_id, code, naam, gewicht, volgorde) VALUES(?, ?, ?, ?, ?)",
			   "lttli", cid, json_string_value(json_object_get(x, "code")),
			   json_string_value(json_object_get(x, "naam")), json_is_integer(w) ? (long long)json_integer_value(w) : 1LL,
			   (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "criterium");
	}
	json_array_foreach(tv, i, x)
	{
		r = db_run(s->db, "INSERT INTO scoring_taakvelden(scoring_id, taakveld_id, volgorde) VALUES(?, ?, ?)", "lli", cid,
			   taakveld_id(s, json_string_value(x)), (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "taakveld van de scoring");
	}
	return a->out ? steering_scoring_get(s, code, a->out, p) : 0;
}

int steering_scoring_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out };
	return in_transaction(s, p, do_scoring_create, &a);
}

static int scoring_has_taakveld(struct store *s, long long cid, long long tid)
{
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM scoring_taakvelden WHERE scoring_id = ? AND taakveld_id = ?", "ll",
				      cid, tid);
	int yes = tid && db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

static int scoring_has_criterium(struct store *s, long long cid, const char *crit)
{
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM scoring_criteria WHERE scoring_id = ? AND code = ?", "lt", cid,
				      crit);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

/* {"organisatie","taakveld","scores":{crit:score},"score":weighted|null} of one partner. */
static json_t *partner_scores_json(struct store *s, long long cid, long long oid, long long tid, const char *org,
				   const char *tv)
{
	json_t *scores = json_object();
	long long num = 0, den = 0;
	struct db_stmt *st = db_query(s->db,
				      "SELECT c.code, x.score, c.gewicht FROM scoring_criteria c JOIN scoring_scores x ON"
				      " x.scoring_id = c.scoring_id AND x.criterium = c.code WHERE c.scoring_id = ? AND x.organisatie_id = ?"
				      " AND x.taakveld_id = ? ORDER BY c.volgorde",
				      "lll", cid, oid, tid);
	while (db_step(st) == DB_ROW) {
		json_object_set_new(scores, db_col_text(st, 0), json_integer(db_col_int(st, 1)));
		num += db_col_int(st, 1) * db_col_int(st, 2);
		den += db_col_int(st, 2);
	}
	db_finalize(st);
	struct score_frac f = { num, den };
	return json_pack("{s:s,s:s,s:o,s:o}", "organisatie", org, "taakveld", tv, "scores", scores, "score",
			 hundredths_or_null(f));
}

static int do_scoring_score(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in;
	struct scoring_row c;
	int r = scoring_find(s, a->code, &c, p);
	if (r < 0)
		return r;
	const char *org = NULL, *tv = NULL, *crit = NULL;
	long long score = 0;
	json_t *many = json_object_get(in, "scores");
	field_text(in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_text(in, "taakveld", FIELD_REQUIRED, 40, &tv, p);
	if (many && !json_is_null(many)) {
		if (json_object_get(in, "criterium") || json_object_get(in, "score"))
			problem_param(p, "scores", "geef óf criterium en score, óf scores, niet beide");
		else if (!json_is_object(many) || !json_object_size(many))
			problem_param(p, "scores", "moet een object zijn: {\"criterium\": score 1–5, …}");
		else {
			const char *key;
			json_t *v;
			json_object_foreach(many, key, v)
			{
				char n[96];
				snprintf(n, sizeof(n), "scores.%s", key);
				if (!json_is_integer(v) || json_integer_value(v) < SCORE_MIN || json_integer_value(v) > SCORE_MAX)
					problem_param(p, n, "moet een geheel getal van 1 tot en met 5 zijn");
			}
		}
	} else {
		field_text(in, "criterium", FIELD_REQUIRED, 40, &crit, p);
		field_int(in, "score", FIELD_REQUIRED, SCORE_MIN, SCORE_MAX, &score, p);
	}
	if (p->status)
		return -p->status;
	long long oid = org_id(s, org), tid = taakveld_id(s, tv);
	if (!oid)
		return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!is_partner(s, c.verband, oid, c.datum))
		return refuse(p, "organisatie", "%s was op %s geen lid van het verband van scoring '%s' en kan dus niet scoren.",
			      org, c.datum, a->code);
	if (!scoring_has_taakveld(s, c.id, tid))
		return refuse(p, "taakveld", "Taakveld '%s' hoort niet bij scoring '%s'.", tv, a->code);
	json_t *pairs = json_object();
	if (crit)
		json_object_set_new(pairs, crit, json_integer(score));
	else
		json_object_update(pairs, many);
	const char *key;
	json_t *v;
	json_object_foreach(pairs, key, v)
	{
		if (!scoring_has_criterium(s, c.id, key)) {
			r = refuse(p, crit ? "criterium" : "scores", "Criterium '%s' hoort niet bij scoring '%s'.", key, a->code);
			json_decref(pairs);
			return r;
		}
		r = db_run(s->db,
			   "INSERT INTO scoring_scores(scoring_id, organisatie_id, taakveld_id, criterium, score) VALUES(?, ?, ?, ?, ?)"
			   " ON CONFLICT(scoring_id, organisatie_id, taakveld_id, criterium) DO UPDATE SET score = excluded.score",
			   "lllti", c.id, oid, tid, key, (int)json_integer_value(v));
		if (r < 0) {
			json_decref(pairs);
			return store_db_problem(s, r, p, "score");
		}
	}
	json_decref(pairs);
	if (a->out)
		*a->out = partner_scores_json(s, c.id, oid, tid, org, tv);
	return 0;
}

int steering_scoring_score(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return in_transaction(s, p, do_scoring_score, &a);
}

int steering_scoring_scores(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct scoring_row c;
	int r = scoring_find(s, code, &c, p);
	if (r < 0)
		return r;
	json_t *arr = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT DISTINCT x.organisatie_id, x.taakveld_id, o.code, tv.code FROM scoring_scores x"
				      " JOIN organisaties o ON o.id = x.organisatie_id JOIN taakvelden tv ON tv.id = x.taakveld_id"
				      " WHERE x.scoring_id = ? ORDER BY tv.code, o.code",
				      "l", c.id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(arr, partner_scores_json(s, c.id, db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2),
							       db_col_text(st, 3)));
	db_finalize(st);
	*out = arr;
	return 0;
}

static json_t *owners_json(struct store *s, long long cid, long long tid)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT e.naam, o.code, o.naam, e.toelichting FROM scoring_eigenaren e"
				      " LEFT JOIN organisaties o ON o.id = e.organisatie_id WHERE e.scoring_id = ? AND e.taakveld_id = ?"
				      " ORDER BY e.volgorde",
				      "ll", cid, tid);
	while (db_step(st) == DB_ROW) {
		json_t *e = json_pack("{s:s}", "naam", db_col_text(st, 0));
		json_object_set_new(e, "organisatie", text_or_null(st, 1));
		json_object_set_new(e, "organisatieNaam", text_or_null(st, 2));
		json_object_set_new(e, "toelichting", text_or_null(st, 3));
		json_array_append_new(a, e);
	}
	db_finalize(st);
	return a;
}

/* "Tonnie Vos (Tynaarlo); …" or null. */
static json_t *owners_text(json_t *owners)
{
	if (!json_array_size(owners))
		return json_null();
	struct buf b;
	buf_init(&b, 4096);
	size_t i;
	json_t *e;
	json_array_foreach(owners, i, e)
	{
		json_t *on = json_object_get(e, "organisatieNaam");
		buf_printf(&b, "%s%s", i ? "; " : "", json_string_value(json_object_get(e, "naam")));
		if (json_is_string(on))
			buf_printf(&b, " (%s)", json_string_value(on));
	}
	json_t *r = json_string(buf_str(&b));
	buf_release(&b);
	return r ? r : json_null();
}

struct tier_row {
	json_t *row;
	int tier; /* TIER_NONE sorts last */
	struct score_frac mean;
	const char *code;
};

static int tier_cmp(const void *x, const void *y)
{
	const struct tier_row *a = x, *b = y;
	int ta = a->tier < 0 ? 99 : a->tier, tb = b->tier < 0 ? 99 : b->tier;
	if (ta != tb)
		return ta - tb;
	if (a->mean.den > 0 && b->mean.den > 0) {
		int c = score_frac_cmp(b->mean, a->mean);
		if (c)
			return c;
	}
	return strcmp(a->code, b->code);
}

int steering_scoring_result(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct scoring_row c;
	int r = scoring_find(s, code, &c, p);
	if (r < 0)
		return r;
	json_t *criteria = criteria_json(s, c.id);
	json_t *partners = members_on(s, c.verband, c.datum);
	int nc = (int)json_array_size(criteria), no = (int)json_array_size(partners);
	if (no > SCORING_MAX_ORGS)
		no = SCORING_MAX_ORGS;
	int weights[SCORING_MAX_CRITERIA];
	for (int i = 0; i < nc && i < SCORING_MAX_CRITERIA; i++)
		weights[i] = (int)json_integer_value(json_object_get(json_array_get(criteria, (size_t)i), "gewicht"));
	int *scores = calloc((size_t)(no > 0 ? no : 1) * (size_t)(nc > 0 ? nc : 1), sizeof(int));
	struct score_frac *per_org = calloc((size_t)(no > 0 ? no : 1), sizeof(*per_org));
	size_t cap = 16, n = 0;
	struct tier_row *rows = calloc(cap, sizeof(*rows));
	struct db_stmt *st = db_query(s->db,
				      "SELECT st.taakveld_id, tv.code, tv.naam FROM scoring_taakvelden st JOIN taakvelden tv"
				      " ON tv.id = st.taakveld_id WHERE st.scoring_id = ? ORDER BY st.volgorde",
				      "l", c.id);
	while (scores && per_org && rows && db_step(st) == DB_ROW) {
		if (n == cap) {
			struct tier_row *nr = realloc(rows, 2 * cap * sizeof(*rows));
			if (!nr)
				break;
			rows = nr, cap *= 2;
		}
		long long tid = db_col_int(st, 0);
		memset(scores, 0, (size_t)no * (size_t)nc * sizeof(int));
		struct db_stmt *q = db_query(s->db,
					     "SELECT o.code, x.criterium, x.score FROM scoring_scores x JOIN organisaties o"
					     " ON o.id = x.organisatie_id WHERE x.scoring_id = ? AND x.taakveld_id = ?",
					     "ll", c.id, tid);
		while (db_step(q) == DB_ROW) {
			int oi = -1, ci = -1;
			for (int i = 0; i < no; i++)
				if (!strcmp(json_string_value(json_array_get(partners, (size_t)i)), db_col_text(q, 0)))
					oi = i;
			for (int i = 0; i < nc; i++)
				if (!strcmp(json_string_value(json_object_get(json_array_get(criteria, (size_t)i), "code")),
					    db_col_text(q, 1)))
					ci = i;
			if (oi >= 0 && ci >= 0)
				scores[oi * nc + ci] = (int)db_col_int(q, 2);
		}
		db_finalize(q);
		struct scoring_result res;
		if (nc < 1 || scoring_evaluate(weights, nc, scores, no, &c.t, &res, per_org) < 0) {
			memset(&res, 0, sizeof(res));
			res.tier = TIER_NONE;
			res.lowest_org = res.highest_org = -1;
		}
		json_t *row = json_pack("{s:s,s:s}", "taakveld", db_col_text(st, 1), "naam", db_col_text(st, 2));
		json_object_set_new(row, "gemiddelde", hundredths_or_null(res.mean));
		if (res.lowest_org >= 0) {
			json_object_set_new(row, "laagste", json_pack("{s:O,s:I}", "organisatie",
								      json_array_get(partners, (size_t)res.lowest_org), "score",
								      (json_int_t)score_frac_hundredths(res.lowest)));
			json_object_set_new(row, "hoogste", json_pack("{s:O,s:I}", "organisatie",
								      json_array_get(partners, (size_t)res.highest_org), "score",
								      (json_int_t)score_frac_hundredths(res.highest)));
		} else {
			json_object_set_new(row, "laagste", json_null());
			json_object_set_new(row, "hoogste", json_null());
		}
		json_object_set_new(row, "spreiding", hundredths_or_null(res.spread));
		json_object_set_new(row, "klasse", res.tier >= 0 ? json_string(scoring_tier_names[res.tier]) : json_null());
		json_t *missing = json_array(), *per = json_array(), *percrit = json_array();
		for (int o = 0; o < no; o++) {
			json_t *oc = json_array_get(partners, (size_t)o);
			for (int k = 0; k < nc; k++)
				if (!scores[o * nc + k])
					json_array_append_new(missing, json_pack("{s:O,s:O}", "organisatie", oc, "criterium",
										 json_object_get(json_array_get(criteria, (size_t)k), "code")));
			json_array_append_new(per, json_pack("{s:O,s:o}", "organisatie", oc, "score", hundredths_or_null(per_org[o])));
		}
		for (int k = 0; k < nc; k++) {
			long long sum = 0, cnt = 0;
			for (int o = 0; o < no; o++)
				if (scores[o * nc + k])
					sum += scores[o * nc + k], cnt++;
			struct score_frac f = { sum, cnt };
			json_array_append_new(percrit, json_pack("{s:O,s:o}", "criterium",
								 json_object_get(json_array_get(criteria, (size_t)k), "code"),
								 "gemiddelde", hundredths_or_null(f)));
		}
		json_object_set_new(row, "ontbrekend", missing);
		json_object_set_new(row, "volledig", json_boolean(res.missing == 0 && no > 0));
		json_object_set_new(row, "partnersGescoord", json_integer(res.partners_scored));
		json_object_set_new(row, "perOrganisatie", per);
		json_object_set_new(row, "perCriterium", percrit);
		json_t *owners = owners_json(s, c.id, tid);
		json_object_set_new(row, "eigenaar", owners_text(owners));
		json_object_set_new(row, "eigenaren", owners);
		rows[n].row = row;
		rows[n].tier = res.tier;
		rows[n].mean = res.mean;
		rows[n].code = json_string_value(json_object_get(row, "taakveld"));
		n++;
	}
	db_finalize(st);
	int oom = !scores || !per_org || !rows;
	free(scores);
	free(per_org);
	if (oom) {
		for (size_t i = 0; rows && i < n; i++)
			json_decref(rows[i].row);
		free(rows);
		json_decref(criteria);
		json_decref(partners);
		return problem_set(p, 500, "Geen geheugen voor de uitslag.");
	}
	qsort(rows, n, sizeof(*rows), tier_cmp);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, rows[i].row);
	free(rows);
	*out = json_pack("{s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:o}", "scoring", code, "datum", c.datum, "partners", partners,
			 "criteria", criteria, "drempels", thresholds_json(&c.t), "eenheid",
			 "honderdsten van een scorepunt (367 = 3,67)", "formule",
			 "score van een partner = som(gewicht × score) / som(gewicht) over de criteria die zij scoorde; "
			 "gemiddelde = som(gewicht × score) / som(gewicht) over alle gegeven scores (bij volledige scores "
			 "het gemiddelde van de partnerscores); laagste en hoogste = de laagste en hoogste partnerscore; "
			 "spreiding = hoogste − laagste; ontbrekende scores tellen niet mee en staan in ontbrekend; "
			 "klasse = de eerste klasse waarvan gemiddelde en laagste beide de drempel halen (exact "
			 "vergeleken), anders niet-kansrijk; getallen in honderdsten, half naar boven afgerond.",
			 "taakvelden", list);
	return 0;
}

static int do_scoring_thresholds(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct scoring_row c;
	int r = scoring_find(s, a->code, &c, p);
	if (r < 0)
		return r;
	if (parse_thresholds(a->in, "drempels", &c.t, p) < 0)
		return -p->status;
	r = db_run(s->db,
		   "UPDATE scoringen SET zk_gemiddelde = ?, zk_laagste = ?, k_gemiddelde = ?, k_laagste = ?, kt_gemiddelde = ?,"
		   " kt_laagste = ? WHERE id = ?",
		   "iiiiiil", c.t.mean[0], c.t.lowest[0], c.t.mean[1], c.t.lowest[1], c.t.mean[2], c.t.lowest[2], c.id);
	if (r < 0)
		return store_db_problem(s, r, p, "drempels");
	return a->out ? steering_scoring_get(s, a->code, a->out, p) : 0;
}

int steering_scoring_thresholds(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return in_transaction(s, p, do_scoring_thresholds, &a);
}

static int do_scoring_owners(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct scoring_row c;
	int r = scoring_find(s, a->code, &c, p);
	if (r < 0)
		return r;
	long long tid = taakveld_id(s, a->extra);
	if (!scoring_has_taakveld(s, c.id, tid))
		return problem_set(p, 404, "Taakveld '%s' hoort niet bij scoring '%s'.", a->extra, a->code);
	json_t *owners = NULL;
	if (field_array(a->in, "eigenaren", FIELD_REQUIRED, &owners, p) < 0)
		return -p->status;
	if (json_array_size(owners) > 20)
		return problem_param(p, "eigenaren", "hoogstens 20 eigenaren");
	size_t i;
	json_t *x;
	json_array_foreach(owners, i, x)
	{
		char n[48];
		snprintf(n, sizeof(n), "eigenaren[%zu].", i);
		if (!json_is_object(x)) {
			n[strlen(n) - 1] = '\0';
			problem_param(p, n, "moet een object zijn met naam en organisatie");
			continue;
		}
		struct problem q;
		problem_init(&q);
		const char *nm = NULL, *org = NULL, *tl = NULL;
		field_text(x, "naam", FIELD_REQUIRED, 200, &nm, &q);
		field_text(x, "organisatie", FIELD_OPTIONAL, 32, &org, &q);
		field_text(x, "toelichting", FIELD_OPTIONAL, 1000, &tl, &q);
		for (int j = 0; j < q.nparams; j++) {
			char pn[200];
			snprintf(pn, sizeof(pn), "%s%s", n, q.params[j].name);
			problem_param(p, pn, "%s", q.params[j].reason);
		}
	}
	if (p->status)
		return -p->status;
	if ((r = db_run(s->db, "DELETE FROM scoring_eigenaren WHERE scoring_id = ? AND taakveld_id = ?", "ll", c.id, tid)) < 0)
		return store_db_problem(s, r, p, "eigenaren");
	json_array_foreach(owners, i, x)
	{
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		long long oid = 0;
		if (org && org[0] && !(oid = org_id(s, org))) {
			char n[64];
			snprintf(n, sizeof(n), "eigenaren[%zu].organisatie", i);
			return refuse(p, n, "Organisatie '%s' bestaat niet.", org);
		}
		r = db_run(s->db,
			   "INSERT INTO scoring_eigenaren(scoring_id, taakveld_id, naam, organisatie_id, toelichting, volgorde)"
			   " VALUES(?, ?, ?, nullif(?, 0), ?, ?)",
			   "lltlti", c.id, tid, json_string_value(json_object_get(x, "naam")), oid,
			   json_string_value(json_object_get(x, "toelichting")), (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "eigenaar");
	}
	if (a->out) {
		json_t *ow = owners_json(s, c.id, tid);
		*a->out = json_pack("{s:s,s:s,s:o,s:o}", "scoring", a->code, "taakveld", a->extra, "eigenaar", owners_text(ow),
				    "eigenaren", ow);
	}
	return 0;
}

int steering_scoring_owners(struct store *s, const char *code, const char *taakveld, json_t *in, json_t **out,
			    struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code, .extra = taakveld };
	return in_transaction(s, p, do_scoring_owners, &a);
}

/* ---- trajecten ----------------------------------------------------------- */

struct traject_row {
	long long id, verband;
	char verband_code[48], taakveld[48], taakveld_naam[200], start[DATE_TEXT_LEN], eind[DATE_TEXT_LEN];
};

static int traject_find(struct store *s, long long tid, struct traject_row *t, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT t.id, v.id, v.code, tv.code, tv.naam, t.start, coalesce(t.eind, '') FROM trajecten t"
				      " JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id WHERE t.id = ?",
				      "l", tid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", tid);
	}
	t->id = db_col_int(st, 0);
	t->verband = db_col_int(st, 1);
	snprintf(t->verband_code, sizeof(t->verband_code), "%s", db_col_text(st, 2));
	snprintf(t->taakveld, sizeof(t->taakveld), "%s", db_col_text(st, 3));
	snprintf(t->taakveld_naam, sizeof(t->taakveld_naam), "%s", db_col_text(st, 4));
	snprintf(t->start, sizeof(t->start), "%s", db_col_text(st, 5));
	snprintf(t->eind, sizeof(t->eind), "%s", db_col_text(st, 6));
	db_finalize(st);
	return 0;
}

int steering_traject_verband(struct store *s, long long traject, char *out, size_t outlen, struct problem *p)
{
	struct traject_row t;
	int r = traject_find(s, traject, &t, p);
	if (r < 0)
		return r;
	snprintf(out, outlen, "%s", t.verband_code);
	return 0;
}

/* The traject's participants (codes), as the register reports them. */
static json_t *traject_deelnemers(struct store *s, long long tid)
{
	json_t *t = NULL, *d = NULL;
	struct problem q;
	problem_init(&q);
	if (registry_traject_get(s, tid, &t, &q) == 0)
		d = json_incref(json_object_get(t, "deelnemers"));
	json_decref(t);
	return d ? d : json_array();
}

/* ---- business cases --------------------------------------------------------- */

/* "€ 1.234.567,89" with a minus sign (U+2212) for negatives. */
static void euro(long long cents, char *out, size_t len)
{
	unsigned long long a = cents < 0 ? (unsigned long long)(-(cents + 1)) + 1 : (unsigned long long)cents;
	char digits[32], grouped[48];
	snprintf(digits, sizeof(digits), "%llu", a / 100);
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[o++] = '.';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(out, len, "%s€ %s,%02llu", cents < 0 ? "\xe2\x88\x92" : "", grouped, a % 100);
}

static int do_bc_put(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in;
	struct traject_row t;
	int r = traject_find(s, a->id, &t, p);
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
		json_array_foreach(posten, i, x)
		{
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
				problem_param(p, pn, "%s", !strcmp(q.params[j].name, "jaar") && yr_ok
							       ? "moet een jaar binnen de periode zijn (1 tot en met periodeJaren)"
							       : q.params[j].reason);
			}
		}
	if (gebruik)
		json_array_foreach(gebruik, i, x)
		{
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
				if (json_equal(json_object_get(json_array_get(gebruik, k), "organisatie"), json_object_get(x, "organisatie"))) {
					char pn[64];
					snprintf(pn, sizeof(pn), "%sorganisatie", n);
					problem_param(p, pn, "'%s' staat er al in", org);
				}
		}
	if (p->status)
		return -p->status;

	json_t *deelnemers = traject_deelnemers(s, t.id);
	if (json_array_size(deelnemers) > BC_MAX_ORGS) {
		json_decref(deelnemers);
		return refuse(p, NULL, "Een businesscase kan hoogstens %d deelnemers hebben.", BC_MAX_ORGS);
	}
	int need_inwoners = 0, need_gebruik = 0;
	json_array_foreach(posten, i, x)
	{
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		char n[64];
		snprintf(n, sizeof(n), "posten[%zu].organisatie", i);
		if (org && org[0]) {
			if (!org_id(s, org)) {
				json_decref(deelnemers);
				return refuse(p, n, "Organisatie '%s' bestaat niet.", org);
			}
			if (!json_has_string(deelnemers, org)) {
				json_decref(deelnemers);
				return refuse(p, n, "%s neemt niet deel aan traject %lld en kan dus geen post hebben.", org, t.id);
			}
		} else {
			const char *key = json_string_value(json_object_get(x, "verdeelsleutel"));
			need_inwoners |= key && !strcmp(key, "inwoners");
			need_gebruik |= key && !strcmp(key, "gebruik");
		}
	}
	long long usage = 0;
	if (gebruik)
		json_array_foreach(gebruik, i, x)
		{
			const char *org = json_string_value(json_object_get(x, "organisatie"));
			char n[64];
			snprintf(n, sizeof(n), "gebruik[%zu].organisatie", i);
			if (!org_id(s, org) || !json_has_string(deelnemers, org)) {
				json_decref(deelnemers);
				return refuse(p, n, "%s is geen deelnemer van traject %lld.", org, t.id);
			}
			usage += json_integer_value(json_object_get(x, "aandeel"));
		}
	if (need_gebruik && usage <= 0) {
		json_decref(deelnemers);
		return refuse(p, "gebruik", "Een gedeelde post met verdeelsleutel 'gebruik' vraagt een gebruiksaandeel per deelnemer "
					   "(gebruik: [{organisatie, aandeel}]) met een totaal groter dan 0.");
	}
	if (need_inwoners)
		json_array_foreach(deelnemers, i, x)
		{
			struct db_stmt *st = db_query(s->db, "SELECT inwoners FROM organisaties WHERE code = ?", "t",
						      json_string_value(x));
			int known = db_step(st) == DB_ROW && !db_col_null(st, 0);
			db_finalize(st);
			if (!known) {
				char code[40];
				snprintf(code, sizeof(code), "%s", json_string_value(x));
				json_decref(deelnemers);
				return refuse(p, "posten", "Het aantal inwoners van %s is onbekend; verdeel niet naar inwoners of "
							   "vul het aantal inwoners in.", code);
			}
		}
	json_decref(deelnemers);

	char now[32];
	now_text(now);
	if ((r = db_run(s->db, "DELETE FROM businesscase_posten WHERE traject_id = ?", "l", t.id)) < 0 ||
	    (r = db_run(s->db, "DELETE FROM businesscase_gebruik WHERE traject_id = ?", "l", t.id)) < 0 ||
	    (r = db_run(s->db, "DELETE FROM businesscases WHERE traject_id = ?", "l", t.id)) < 0)
		return store_db_problem(s, r, p, "businesscase");
	r = db_run(s->db,
		   "INSERT INTO businesscases(traject_id, periode_jaren, disconto_promille, toelichting, bijgewerkt) VALUES(?, ?, ?, ?, ?)",
		   "llltt", t.id, years, permille, toelichting, now);
	if (r < 0)
		return store_db_problem(s, r, p, "businesscase");
	json_array_foreach(posten, i, x)
	{
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		const char *key = json_string_value(json_object_get(x, "verdeelsleutel"));
		long long oid = org && org[0] ? org_id(s, org) : 0;
		r = db_run(s->db,
			   "INSERT INTO businesscase_posten(traject_id, organisatie_id, soort, jaar, centen, verdeelsleutel, omschrijving)"
			   " VALUES(?, nullif(?, 0), ?, ?, ?, ?, ?)",
			   "lltlltt", t.id, oid, json_string_value(json_object_get(x, "soort")),
			   (long long)json_integer_value(json_object_get(x, "jaar")),
			   (long long)json_integer_value(json_object_get(x, "centen")), oid ? NULL : (key ? key : "gelijk"),
			   json_string_value(json_object_get(x, "omschrijving")));
		if (r < 0)
			return store_db_problem(s, r, p, "post");
	}
	if (gebruik)
		json_array_foreach(gebruik, i, x)
		{
			r = db_run(s->db, "INSERT INTO businesscase_gebruik(traject_id, organisatie_id, aandeel) VALUES(?, ?, ?)", "lll",
				   t.id, org_id(s, json_string_value(json_object_get(x, "organisatie"))),
				   (long long)json_integer_value(json_object_get(x, "aandeel")));
			if (r < 0)
				return store_db_problem(s, r, p, "gebruik");
		}
	return a->out ? steering_bc_get(s, t.id, a->out, p) : 0;
}

int steering_bc_put(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .id = traject };
	return in_transaction(s, p, do_bc_put, &a);
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

int steering_bc_get(struct store *s, long long traject, json_t **out, struct problem *p)
{
	struct traject_row t;
	int r = traject_find(s, traject, &t, p);
	if (r < 0)
		return r;
	struct db_stmt *st = db_query(s->db,
				      "SELECT periode_jaren, disconto_promille, toelichting, bijgewerkt FROM businesscases WHERE traject_id = ?",
				      "l", t.id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld heeft (nog) geen businesscase.", t.id);
	}
	int years = (int)db_col_int(st, 0), permille = (int)db_col_int(st, 1);
	json_t *o = json_pack("{s:I,s:s,s:s,s:i,s:i}", "traject", (json_int_t)t.id, "verband", t.verband_code, "taakveld",
			      t.taakveld, "periodeJaren", years, "discontoPromille", permille);
	json_object_set_new(o, "toelichting", text_or_null(st, 2));
	json_object_set_new(o, "bijgewerkt", text_or_null(st, 3));
	db_finalize(st);

	/* The partners: the participants, and anyone a post or usage names. */
	json_t *partners = traject_deelnemers(s, t.id);
	json_t *posten = json_array(), *gebruik = json_array();
	st = db_query(s->db,
		      "SELECT o.code, b.soort, b.jaar, b.centen, b.verdeelsleutel, b.omschrijving FROM businesscase_posten b"
		      " LEFT JOIN organisaties o ON o.id = b.organisatie_id WHERE b.traject_id = ? ORDER BY b.id",
		      "l", t.id);
	while (db_step(st) == DB_ROW) {
		json_t *e = json_object();
		json_object_set_new(e, "organisatie", text_or_null(st, 0));
		json_object_set_new(e, "soort", json_string(db_col_text(st, 1)));
		json_object_set_new(e, "jaar", json_integer(db_col_int(st, 2)));
		json_object_set_new(e, "centen", json_integer(db_col_int(st, 3)));
		json_object_set_new(e, "verdeelsleutel", text_or_null(st, 4));
		json_object_set_new(e, "omschrijving", text_or_null(st, 5));
		json_array_append_new(posten, e);
		if (db_col_text(st, 0) && !json_has_string(partners, db_col_text(st, 0)))
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
		if (!json_has_string(partners, db_col_text(st, 0)))
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
			json_array_foreach(gebruik, i, g) if (!strcmp(json_string_value(json_object_get(g, "organisatie")), code))
				bp[k].gebruik = json_integer_value(json_object_get(g, "aandeel"));
		}
		size_t i;
		json_t *e;
		json_array_foreach(posten, i, e)
		{
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
		org_name(s, code, naam, sizeof(naam));
		json_t *e = bc_result_json(&res[k], years, 1);
		json_object_set_new(e, "organisatie", json_string(code));
		json_object_set_new(e, "naam", json_string(naam));
		json_array_append_new(per, e);
		if (!res[k].pays_back) {
			char net[64], npv[64];
			euro(res[k].net, net, sizeof(net));
			euro(res[k].npv, npv, sizeof(npv));
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
			 "netto contante waarde van ten minste nul.", years);
	else
		snprintf(text, sizeof(text), "Verdient zich niet terug binnen %d jaar: %s.", years, buf_str(&losers));
	json_object_set_new(o, "toelichtingOordeel", json_string(text));
	json_object_set_new(o, "regels",
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

/* Whether organisation <o> (an id parameter) takes part in traject t of
 * verband v: as in registry_traject_list. */
#define TAKES_PART(o)                                                                                          \
	"((v.geen_cherry_picking = 0 AND EXISTS (SELECT 1 FROM traject_deelnemers d WHERE d.traject_id = t.id"    \
	"   AND d.organisatie_id = " o ")) OR (v.geen_cherry_picking = 1 AND EXISTS (SELECT 1 FROM lidmaatschappen l" \
	"   WHERE l.verband_id = v.id AND l.organisatie_id = " o " AND l.rol <> 'toehoorder'"                        \
	"   AND (t.eind IS NULL OR l.van < t.eind) AND (l.tot IS NULL OR l.tot > t.start))))"

#define MS_DEADLINE "coalesce((SELECT u.nieuwe_deadline FROM mijlpaal_uitstel u WHERE u.mijlpaal_id = m.id ORDER BY u.id DESC LIMIT 1), m.deadline)"
#define MS_COLS                                                                                                 \
	"m.id, t.id, v.code, tv.code, tv.naam, m.titel, m.deadline, m.verantwoordelijke, o.code, o.naam, m.omschrijving," \
	" m.gereed, m.gereed_toelichting, " MS_DEADLINE
#define MS_FROM                                                                                                 \
	" FROM mijlpalen m JOIN trajecten t ON t.id = m.traject_id JOIN verbanden v ON v.id = t.verband_id"          \
	" JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = m.organisatie_id"

/* A milestone judged on day `on`; *status_out gets its status and
 * *postponed whether it has been postponed. */
static json_t *milestone_json(struct store *s, struct db_stmt *st, int32_t on, enum ms_status *status_out,
			      int *postponed)
{
	long long mid = db_col_int(st, 0);
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)mid, "traject", (json_int_t)db_col_int(st, 1),
			      "verband", db_col_text(st, 2), "taakveld", db_col_text(st, 3), "taakveldNaam", db_col_text(st, 4),
			      "titel", db_col_text(st, 5));
	json_object_set_new(o, "verantwoordelijke", text_or_null(st, 7));
	json_object_set_new(o, "organisatie", text_or_null(st, 8));
	json_object_set_new(o, "organisatieNaam", text_or_null(st, 9));
	json_object_set_new(o, "omschrijving", text_or_null(st, 10));
	json_object_set_new(o, "oorspronkelijkeDeadline", json_string(db_col_text(st, 6)));
	json_object_set_new(o, "deadline", json_string(db_col_text(st, 13)));
	if (db_col_null(st, 11))
		json_object_set_new(o, "gereed", json_null());
	else
		json_object_set_new(o, "gereed", json_pack("{s:s,s:o}", "datum", db_col_text(st, 11), "toelichting",
							   text_or_null(st, 12)));
	json_t *hist = json_array();
	struct db_stmt *q = db_query(s->db,
				     "SELECT datum, oude_deadline, nieuwe_deadline, reden FROM mijlpaal_uitstel WHERE mijlpaal_id = ?"
				     " ORDER BY id",
				     "l", mid);
	while (db_step(q) == DB_ROW)
		json_array_append_new(hist, json_pack("{s:s,s:s,s:s,s:s}", "datum", db_col_text(q, 0), "oudeDeadline",
						      db_col_text(q, 1), "nieuweDeadline", db_col_text(q, 2), "reden",
						      db_col_text(q, 3)));
	db_finalize(q);
	int n_uitstel = (int)json_array_size(hist);
	json_object_set_new(o, "uitstel", hist);
	struct milestone m = { day_of(db_col_text(st, 13)), day_of(db_col_text(st, 11)) };
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

struct ms_args {
	long long traject, mid;
	json_t *in, **out;
};

static int ms_find(struct store *s, long long traject, long long mid, struct milestone *m, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " MS_DEADLINE ", m.gereed FROM mijlpalen m WHERE m.id = ? AND m.traject_id = ?",
				      "ll", mid, traject);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Mijlpaal %lld van traject %lld bestaat niet.", mid, traject);
	}
	m->deadline = day_of(db_col_text(st, 0));
	m->done = day_of(db_col_text(st, 1));
	db_finalize(st);
	return 0;
}

int steering_milestone_org(struct store *s, long long traject, long long mid, char *out, size_t outlen,
			   struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
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

int steering_milestone_get(struct store *s, long long traject, long long mid, const char *datum, json_t **out,
			   struct problem *p)
{
	int32_t on = date_today();
	if (datum && date_parse(datum, &on) < 0)
		return problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", datum);
	struct db_stmt *st = db_query(s->db, "SELECT " MS_COLS MS_FROM " WHERE m.id = ? AND m.traject_id = ?", "ll", mid,
				      traject);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Mijlpaal %lld van traject %lld bestaat niet.", mid, traject);
	}
	*out = milestone_json(s, st, on, NULL, NULL);
	db_finalize(st);
	return 0;
}

static int do_ms_create(struct store *s, void *arg, struct problem *p)
{
	struct ms_args *a = arg;
	struct traject_row t;
	int r = traject_find(s, a->traject, &t, p);
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
	long long oid = 0;
	if (org && org[0]) {
		if (!(oid = org_id(s, org)))
			return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
		json_t *d = traject_deelnemers(s, t.id);
		int ok = json_has_string(d, org);
		json_decref(d);
		if (!ok)
			return refuse(p, "organisatie", "%s neemt niet deel aan traject %lld.", org, t.id);
	}
	char now[32];
	now_text(now);
	r = db_run(s->db,
		   "INSERT INTO mijlpalen(traject_id, titel, deadline, verantwoordelijke, organisatie_id, omschrijving, aangemaakt)"
		   " VALUES(?, ?, ?, ?, nullif(?, 0), ?, ?)",
		   "ltttltt", t.id, titel, deadline, verantw && verantw[0] ? verantw : NULL, oid, oms, now);
	if (r < 0)
		return store_db_problem(s, r, p, "mijlpaal");
	a->mid = db_last_id(s->db);
	return a->out ? steering_milestone_get(s, t.id, a->mid, NULL, a->out, p) : 0;
}

int steering_milestone_create(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p)
{
	struct ms_args a = { traject, 0, in, out };
	return in_transaction(s, p, do_ms_create, &a);
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
		char d[DATE_TEXT_LEN];
		date_format(m.done, d);
		return refuse(p, NULL, "Mijlpaal %lld is al gereed gemeld op %s.", a->mid, d);
	}
	r = db_run(s->db, "UPDATE mijlpalen SET gereed = ?, gereed_toelichting = ? WHERE id = ?", "ttl", datum, tl, a->mid);
	if (r < 0)
		return store_db_problem(s, r, p, "mijlpaal");
	return a->out ? steering_milestone_get(s, a->traject, a->mid, NULL, a->out, p) : 0;
}

int steering_milestone_done(struct store *s, long long traject, long long mid, json_t *in, json_t **out,
			    struct problem *p)
{
	struct ms_args a = { traject, mid, in, out };
	return in_transaction(s, p, do_ms_done, &a);
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
	date_or_today(a->in, "datum", datum, p);
	if (p->status)
		return -p->status;
	char old[DATE_TEXT_LEN];
	date_format(m.deadline, old);
	switch (planning_can_postpone(&m, day_of(nieuw))) {
	case POSTPONE_DONE:
		return refuse(p, NULL, "Mijlpaal %lld is al gereed en kan niet meer worden uitgesteld.", a->mid);
	case POSTPONE_NOT_LATER:
		return refuse(p, "nieuweDeadline", "Uitstel moet de deadline later leggen dan %s (de huidige deadline).", old);
	case POSTPONE_OK:
		break;
	}
	r = db_run(s->db,
		   "INSERT INTO mijlpaal_uitstel(mijlpaal_id, datum, oude_deadline, nieuwe_deadline, reden) VALUES(?, ?, ?, ?, ?)",
		   "lttt" "t", a->mid, datum, old, nieuw, reden);
	if (r < 0)
		return store_db_problem(s, r, p, "uitstel");
	return a->out ? steering_milestone_get(s, a->traject, a->mid, NULL, a->out, p) : 0;
}

int steering_milestone_postpone(struct store *s, long long traject, long long mid, json_t *in, json_t **out,
				struct problem *p)
{
	struct ms_args a = { traject, mid, in, out };
	return in_transaction(s, p, do_ms_postpone, &a);
}

int steering_milestone_list(struct store *s, const struct steering_ms_filter *f, json_t **out, struct problem *p)
{
	int32_t on = date_today();
	int want = -1, want_postponed = 0;
	if (f->datum && date_parse(f->datum, &on) < 0)
		problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", f->datum);
	query_date(f->van, "van", p);
	query_date(f->tot, "tot", p);
	if (f->status) {
		if (!strcmp(f->status, "uitgesteld"))
			want_postponed = 1;
		else if ((want = enum_index(planning_status_names, f->status)) < 0)
			problem_param(p, "status", "moet open, te-laat, gereed, gereed-te-laat of uitgesteld zijn");
	}
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (f->organisatie && !(oid = org_id(s, f->organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", f->organisatie);
	if (f->verband && !verband_id(s, f->verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", f->verband);
	if (f->traject) {
		struct traject_row t;
		int r = traject_find(s, f->traject, &t, p);
		if (r < 0)
			return r;
	}
	struct db_stmt *st = db_query(s->db,
				      "SELECT " MS_COLS MS_FROM " WHERE (?1 = 0 OR t.id = ?1) AND (?2 IS NULL OR v.code = ?2)"
				      " AND (?3 = 0 OR " TAKES_PART("?3") ") AND (?4 IS NULL OR " MS_DEADLINE " >= ?4)"
				      " AND (?5 IS NULL OR " MS_DEADLINE " <= ?5) ORDER BY " MS_DEADLINE ", m.id",
				      "ltltt", f->traject, f->verband, oid, f->van, f->tot);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		enum ms_status status;
		int postponed;
		json_t *m = milestone_json(s, st, on, &status, &postponed);
		int keep = want_postponed ? postponed && (status == MS_OPEN || status == MS_LATE)
					  : want < 0 || (int)status == want;
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

static const char *const steering_organen[] = { "stuurgroep", "burgemeesters", "college", "or", "raad", NULL };
static const char *const steering_uitkomsten[] = { "go", "no-go", "uitstel", "advies", "kennisname", NULL };
static const char *const role_names[] = { "stuurgroep", "eigenaar", "projectleider", "procesmanager", NULL };

#define DECISION_COLS                                                                                        \
	"b.id, v.code, t.id, tv.code, tv.naam, b.orgaan, o.code, o.naam, b.datum, b.uitkomst, b.onderwerp, b.toelichting"
#define DECISION_FROM                                                                                        \
	" FROM besluiten b JOIN verbanden v ON v.id = b.verband_id LEFT JOIN trajecten t ON t.id = b.traject_id"    \
	" LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = b.organisatie_id"

static json_t *decision_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1));
	json_object_set_new(o, "traject", db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	json_object_set_new(o, "taakveld", text_or_null(st, 3));
	json_object_set_new(o, "taakveldNaam", text_or_null(st, 4));
	json_object_set_new(o, "orgaan", json_string(db_col_text(st, 5)));
	json_object_set_new(o, "organisatie", text_or_null(st, 6));
	json_object_set_new(o, "organisatieNaam", text_or_null(st, 7));
	json_object_set_new(o, "datum", json_string(db_col_text(st, 8)));
	json_object_set_new(o, "uitkomst", json_string(db_col_text(st, 9)));
	json_object_set_new(o, "onderwerp", text_or_null(st, 10));
	json_object_set_new(o, "toelichting", text_or_null(st, 11));
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
		int r = traject_find(s, a->traject, &t, p);
		if (r < 0)
			return r;
		vid = t.verband, tid = t.id;
	} else if (!(vid = verband_id(s, a->verband))) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband ? a->verband : "");
	}
	const char *orgaan = NULL, *org = NULL, *datum = NULL, *uitkomst = NULL, *onderwerp = NULL, *tl = NULL;
	field_enum(a->in, "orgaan", FIELD_REQUIRED, steering_organen, &orgaan, p);
	field_text(a->in, "organisatie", FIELD_OPTIONAL, 32, &org, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_enum(a->in, "uitkomst", FIELD_REQUIRED, steering_uitkomsten, &uitkomst, p);
	field_text(a->in, "onderwerp", FIELD_OPTIONAL, 300, &onderwerp, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	if (orgaan && (!strcmp(orgaan, "college") || !strcmp(orgaan, "or") || !strcmp(orgaan, "raad")) && !(org && org[0]))
		problem_param(p, "organisatie", "is verplicht bij orgaan %s: van welke gemeente?", orgaan);
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (org && org[0]) {
		if (!(oid = org_id(s, org)))
			return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
		if (!is_member_ever(s, vid, oid))
			return refuse(p, "organisatie", "%s is geen lid van dit verband.", org);
	}
	char now[32];
	now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO besluiten(verband_id, traject_id, orgaan, organisatie_id, datum, uitkomst, onderwerp, toelichting,"
		       " aangemaakt) VALUES(?, nullif(?, 0), ?, nullif(?, 0), ?, ?, ?, ?, ?)",
		       "lltltttt" "t", vid, tid, orgaan, oid, datum, uitkomst, onderwerp, tl, now);
	if (r < 0)
		return store_db_problem(s, r, p, "besluit");
	long long bid = db_last_id(s->db);
	if (a->out) {
		struct db_stmt *st = db_query(s->db, "SELECT " DECISION_COLS DECISION_FROM " WHERE b.id = ?", "l", bid);
		if (db_step(st) == DB_ROW)
			*a->out = decision_json(st);
		db_finalize(st);
	}
	return 0;
}

int steering_decision_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out,
			     struct problem *p)
{
	struct part_args a = { verband, traject, in, out };
	return in_transaction(s, p, do_decision_create, &a);
}

int steering_decision_list(struct store *s, const struct steering_decision_filter *f, json_t **out,
			   struct problem *p)
{
	query_date(f->van, "van", p);
	query_date(f->tot, "tot", p);
	if (f->orgaan && enum_index(steering_organen, f->orgaan) < 0)
		problem_param(p, "orgaan", "moet stuurgroep, burgemeesters, college, or of raad zijn");
	if (p->status)
		return -p->status;
	long long oid = 0;
	if (f->organisatie && !(oid = org_id(s, f->organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", f->organisatie);
	if (f->verband && !verband_id(s, f->verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", f->verband);
	if (f->traject) {
		struct traject_row t;
		int r = traject_find(s, f->traject, &t, p);
		if (r < 0)
			return r;
	}
	/* For an organisation: decisions on trajecten it takes part in, on
	 * verbanden it is a member of, and of its own bodies. */
	struct db_stmt *st = db_query(
		s->db,
		"SELECT " DECISION_COLS DECISION_FROM " WHERE (?1 = 0 OR b.traject_id = ?1) AND (?2 IS NULL OR v.code = ?2)"
		" AND (?3 IS NULL OR b.orgaan = ?3) AND (?4 IS NULL OR b.datum >= ?4) AND (?5 IS NULL OR b.datum <= ?5)"
		" AND (?6 = 0 OR b.organisatie_id = ?6 OR (b.traject_id IS NULL AND EXISTS (SELECT 1 FROM lidmaatschappen lm"
		"   WHERE lm.verband_id = b.verband_id AND lm.organisatie_id = ?6)) OR (b.traject_id IS NOT NULL AND " TAKES_PART("?6") "))"
		" ORDER BY b.datum, b.id",
		"lttttl", f->traject, f->verband, f->orgaan, f->van, f->tot, oid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, decision_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- rollen ------------------------------------------------------------------ */

#define ROLE_COLS "r.id, v.code, t.id, tv.code, r.rol, r.naam, o.code, o.naam, r.van, r.tot, r.toelichting"
#define ROLE_FROM                                                                                             \
	" FROM bestuursrollen r JOIN verbanden v ON v.id = r.verband_id LEFT JOIN trajecten t ON t.id = r.traject_id" \
	" LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = r.organisatie_id"

static json_t *role_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1));
	json_object_set_new(o, "traject", db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	json_object_set_new(o, "taakveld", text_or_null(st, 3));
	json_object_set_new(o, "rol", json_string(db_col_text(st, 4)));
	json_object_set_new(o, "naam", json_string(db_col_text(st, 5)));
	json_object_set_new(o, "organisatie", text_or_null(st, 6));
	json_object_set_new(o, "organisatieNaam", text_or_null(st, 7));
	json_object_set_new(o, "van", text_or_null(st, 8));
	json_object_set_new(o, "tot", text_or_null(st, 9));
	json_object_set_new(o, "toelichting", text_or_null(st, 10));
	return o;
}

static int do_role_create(struct store *s, void *arg, struct problem *p)
{
	struct part_args *a = arg;
	long long vid, tid = 0;
	if (a->traject) {
		struct traject_row t;
		int r = traject_find(s, a->traject, &t, p);
		if (r < 0)
			return r;
		vid = t.verband, tid = t.id;
	} else if (!(vid = verband_id(s, a->verband))) {
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
	if (org && org[0] && !(oid = org_id(s, org)))
		return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	int r = db_run(s->db,
		       "INSERT INTO bestuursrollen(verband_id, traject_id, rol, naam, organisatie_id, van, tot, toelichting)"
		       " VALUES(?, nullif(?, 0), ?, ?, nullif(?, 0), ?, ?, ?)",
		       "llttlttt", vid, tid, rol, naam, oid, van, tot, tl);
	if (r < 0)
		return store_db_problem(s, r, p, "rol");
	long long rid = db_last_id(s->db);
	if (a->out) {
		struct db_stmt *st = db_query(s->db, "SELECT " ROLE_COLS ROLE_FROM " WHERE r.id = ?", "l", rid);
		if (db_step(st) == DB_ROW)
			*a->out = role_json(st);
		db_finalize(st);
	}
	return 0;
}

int steering_role_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out,
			 struct problem *p)
{
	struct part_args a = { verband, traject, in, out };
	return in_transaction(s, p, do_role_create, &a);
}

int steering_role_list(struct store *s, const char *verband, long long traject, json_t **out, struct problem *p)
{
	if (traject) {
		struct traject_row t;
		int r = traject_find(s, traject, &t, p);
		if (r < 0)
			return r;
	} else if (!verband_id(s, verband)) {
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband ? verband : "");
	}
	struct db_stmt *st = db_query(s->db,
				      "SELECT " ROLE_COLS ROLE_FROM " WHERE (?1 = 0 OR r.traject_id = ?1) AND (?2 IS NULL OR v.code = ?2)"
				      " ORDER BY r.traject_id IS NOT NULL, tv.code, r.rol, r.van, r.id",
				      "lt", traject, traject ? NULL : verband);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, role_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- meldingen ---------------------------------------------------------------- */

struct idset {
	long long *v;
	size_t n, cap;
};
static void idset_add(struct idset *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		long long *nv = realloc(s->v, cap * sizeof(*nv));
		if (!nv)
			return;
		s->v = nv, s->cap = cap;
	}
	s->v[s->n++] = id;
}
static int idset_has(const struct idset *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	return 0;
}
static void idset_release(struct idset *s) { free(s->v); }

static void ids_of(struct store *s, struct idset *out, const char *sql, const char *fmt, long long a, const char *d)
{
	struct db_stmt *st = db_query(s->db, sql, fmt, a, d, d);
	while (db_step(st) == DB_ROW)
		idset_add(out, db_col_int(st, 0));
	db_finalize(st);
}

static int detect(struct store *s, long long tid, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT t.verband_id, t.taakveld_id, t.start, v.geen_cherry_picking FROM trajecten t"
				      " JOIN verbanden v ON v.id = t.verband_id WHERE t.id = ?",
				      "l", tid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", tid);
	}
	long long v2 = db_col_int(st, 0), tv = db_col_int(st, 1);
	int gcp = (int)db_col_int(st, 3);
	char start[DATE_TEXT_LEN];
	snprintf(start, sizeof(start), "%s", db_col_text(st, 2));
	db_finalize(st);

	struct idset part = { 0 }, cand = { 0 };
	if (gcp)
		ids_of(s, &part,
		       "SELECT organisatie_id FROM lidmaatschappen WHERE verband_id = ? AND rol <> 'toehoorder' AND van <= ?"
		       " AND (tot IS NULL OR tot > ?)",
		       "ltt", v2, start);
	else
		ids_of(s, &part, "SELECT organisatie_id FROM traject_deelnemers WHERE traject_id = ?", "l", tid, NULL);
	/* Verbanden that already cover the task field when this one starts. */
	st = db_query(s->db,
		      "SELECT DISTINCT verband_id FROM trajecten WHERE taakveld_id = ? AND verband_id <> ? AND id < ?"
		      " AND (eind IS NULL OR eind > ?)",
		      "lllt", tv, v2, tid, start);
	while (db_step(st) == DB_ROW)
		idset_add(&cand, db_col_int(st, 0));
	db_finalize(st);

	int r = 0;
	char now[32];
	now_text(now);
	for (size_t c = 0; c < cand.n && r == 0; c++) {
		struct idset active = { 0 }, any = { 0 };
		ids_of(s, &active,
		       "SELECT organisatie_id FROM lidmaatschappen WHERE verband_id = ? AND rol <> 'toehoorder' AND van <= ?"
		       " AND (tot IS NULL OR tot > ?)",
		       "ltt", cand.v[c], start);
		ids_of(s, &any, "SELECT organisatie_id FROM lidmaatschappen WHERE verband_id = ? AND van <= ? AND (tot IS NULL OR tot > ?)",
		       "ltt", cand.v[c], start);
		struct idset melders = { 0 }, buiten = { 0 }, ontvangers = { 0 };
		for (size_t i = 0; i < part.n; i++) {
			if (idset_has(&active, part.v[i]))
				idset_add(&melders, part.v[i]);
			if (!idset_has(&any, part.v[i]))
				idset_add(&buiten, part.v[i]);
		}
		for (size_t i = 0; i < active.n; i++)
			if (!idset_has(&part, active.v[i]))
				idset_add(&ontvangers, active.v[i]);
		if (melders.n && buiten.n && ontvangers.n) {
			r = db_run(s->db,
				   "INSERT INTO meldingen(verband_id, traject_id, datum, aangemaakt) VALUES(?, ?, ?, ?)"
				   " ON CONFLICT(verband_id, traject_id) DO NOTHING",
				   "lltt", cand.v[c], tid, start, now);
			if (r == 0 && db_changes(s->db) == 1) {
				long long mid = db_last_id(s->db);
				static const char *const roles[] = { "melder", "buiten", "ontvanger" };
				struct idset *sets[] = { &melders, &buiten, &ontvangers };
				for (int k = 0; k < 3 && r == 0; k++)
					for (size_t i = 0; i < sets[k]->n && r == 0; i++)
						r = db_run(s->db,
							   "INSERT INTO melding_organisaties(melding_id, organisatie_id, rol) VALUES(?, ?, ?)",
							   "llt", mid, sets[k]->v[i], roles[k]);
			}
		}
		idset_release(&active), idset_release(&any);
		idset_release(&melders), idset_release(&buiten), idset_release(&ontvangers);
	}
	idset_release(&part), idset_release(&cand);
	return r < 0 ? store_db_problem(s, r, p, "melding") : 0;
}

int steering_traject_created(struct store *s, long long traject, struct problem *p)
{
	return detect(s, traject, p);
}

static int do_scan(struct store *s, void *arg, struct problem *p)
{
	(void)arg;
	struct idset all = { 0 };
	struct db_stmt *st = db_query(s->db, "SELECT id FROM trajecten ORDER BY id", NULL);
	while (db_step(st) == DB_ROW)
		idset_add(&all, db_col_int(st, 0));
	db_finalize(st);
	int r = 0;
	for (size_t i = 0; i < all.n && r == 0; i++)
		r = detect(s, all.v[i], p);
	idset_release(&all);
	return r;
}

int steering_notices_scan(struct store *s, struct problem *p) { return in_transaction(s, p, do_scan, NULL); }

/* The organisations of a melding in one role, as codes, and their names
 * as Dutch prose in names ("Kampen", "Staphorst en Zwartewaterland",
 * "Deventer, Hardenberg, Kampen, Ommen en 3 andere"). */
static json_t *notice_orgs(struct store *s, long long mid, const char *role, struct buf *names)
{
	json_t *a = json_array(), *n = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.code, o.naam FROM melding_organisaties mo JOIN organisaties o ON o.id = mo.organisatie_id"
				      " WHERE mo.melding_id = ? AND mo.rol = ? ORDER BY o.naam",
				      "lt", mid, role);
	while (db_step(st) == DB_ROW) {
		json_array_append_new(a, json_string(db_col_text(st, 0)));
		json_array_append_new(n, json_string(db_col_text(st, 1)));
	}
	db_finalize(st);
	size_t total = json_array_size(n), shown = total > 5 ? 4 : total;
	for (size_t i = 0; i < shown; i++)
		buf_printf(names, "%s%s", i == 0 ? "" : (i + 1 == shown && shown == total) ? " en " : ", ",
			   json_string_value(json_array_get(n, i)));
	if (shown < total)
		buf_printf(names, " en %zu andere", total - shown);
	json_decref(n);
	return a;
}

/* Meldingen in which organisation oid (0: any) has role (ontvanger or
 * melder), of verband (NULL: any). */
static json_t *notices_query(struct store *s, long long oid, const char *role, const char *verband)
{
	struct db_stmt *st = db_query(
		s->db,
		"SELECT m.id, v.code, v.naam, t.id, v2.code, v2.naam, tv.code, tv.naam, m.datum FROM meldingen m"
		" JOIN verbanden v ON v.id = m.verband_id JOIN trajecten t ON t.id = m.traject_id"
		" JOIN verbanden v2 ON v2.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id"
		" WHERE (?1 IS NULL OR v.code = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM melding_organisaties mo"
		"   WHERE mo.melding_id = m.id AND mo.organisatie_id = ?2 AND mo.rol = ?3))"
		" ORDER BY m.datum, m.id",
		"tlt", verband, oid, role);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		long long mid = db_col_int(st, 0);
		struct buf mel, bui, ont;
		buf_init(&mel, 2048), buf_init(&bui, 2048), buf_init(&ont, 2048);
		json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)mid, "verband", db_col_text(st, 1),
				      "verbandNaam", db_col_text(st, 2), "traject", (json_int_t)db_col_int(st, 3), "trajectVerband",
				      db_col_text(st, 4), "trajectVerbandNaam", db_col_text(st, 5), "taakveld", db_col_text(st, 6),
				      "taakveldNaam", db_col_text(st, 7), "datum", db_col_text(st, 8));
		json_object_set_new(o, "melders", notice_orgs(s, mid, "melder", &mel));
		json_object_set_new(o, "buitenPartners", notice_orgs(s, mid, "buiten", &bui));
		json_object_set_new(o, "ontvangers", notice_orgs(s, mid, "ontvanger", &ont));
		char text[1024];
		snprintf(text, sizeof(text),
			 "%s %s vanaf %s op het taakveld %s ook samen met %s, in '%s'. In %s is dat taakveld al een "
			 "samenwerkingsterrein; ter informatie voor %s.",
			 buf_str(&mel), json_array_size(json_object_get(o, "melders")) > 1 ? "werken" : "werkt",
			 db_col_text(st, 8), db_col_text(st, 7), buf_str(&bui), db_col_text(st, 5), db_col_text(st, 2),
			 buf_str(&ont));
		json_object_set_new(o, "tekst", json_string(text));
		buf_release(&mel), buf_release(&bui), buf_release(&ont);
		json_array_append_new(a, o);
	}
	db_finalize(st);
	return a;
}

int steering_notices_list(struct store *s, const char *organisatie, const char *verband, json_t **out,
			  struct problem *p)
{
	long long oid = 0;
	if (organisatie && !(oid = org_id(s, organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", organisatie);
	if (verband && !verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	*out = notices_query(s, oid, "ontvanger", verband);
	return 0;
}

/* ---- report data ------------------------------------------------------------- */

static int in_period(const char *d, const char *van, const char *tot)
{
	return d && strcmp(d, van) >= 0 && strcmp(d, tot) <= 0;
}

static json_t *report_roles(struct store *s, long long vid, long long tid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT " ROLE_COLS ROLE_FROM " WHERE r.verband_id = ?1 AND ((?2 = 0 AND r.traject_id IS NULL)"
				      " OR r.traject_id = ?2) AND (r.van IS NULL OR r.van <= ?4) AND (r.tot IS NULL OR r.tot > ?3)"
				      " ORDER BY r.rol, r.van, r.id",
				      "lltt", vid, tid, van, tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, role_json(st));
	db_finalize(st);
	return a;
}

static json_t *report_decisions(struct store *s, long long vid, long long tid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT " DECISION_COLS DECISION_FROM " WHERE b.verband_id = ?1 AND ((?2 = 0 AND b.traject_id IS NULL)"
				      " OR b.traject_id = ?2) AND b.datum >= ?3 AND b.datum <= ?4 ORDER BY b.datum, b.id",
				      "lltt", vid, tid, van, tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, decision_json(st));
	db_finalize(st);
	return a;
}

struct report_counts {
	long long besluiten, gehaald, gereed_te_laat, te_laat, uitgesteld, komend;
};

static json_t *report_milestones(struct store *s, long long tid, const char *van, const char *tot,
				 struct report_counts *c)
{
	json_t *gehaald = json_array(), *laat_gereed = json_array(), *te_laat = json_array(), *uitgesteld = json_array(),
	       *komend = json_array();
	int32_t on = day_of(tot);
	struct db_stmt *st = db_query(s->db, "SELECT " MS_COLS MS_FROM " WHERE m.traject_id = ? ORDER BY " MS_DEADLINE ", m.id",
				      "l", tid);
	while (db_step(st) == DB_ROW) {
		enum ms_status status;
		int postponed;
		json_t *m = milestone_json(s, st, on, &status, &postponed);
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
		json_array_foreach(json_object_get(m, "uitstel"), i, u) in |=
			in_period(json_string_value(json_object_get(u, "datum")), van, tot);
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
	if (steering_bc_get(s, tid, &bc, &q) < 0)
		return json_null();
	json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:O}", "oordeel", json_object_get(bc, "oordeel"), "toelichtingOordeel",
			      json_object_get(bc, "toelichtingOordeel"), "periodeJaren", json_object_get(bc, "periodeJaren"),
			      "discontoPromille", json_object_get(bc, "discontoPromille"), "totaal",
			      json_object_get(bc, "totaal"));
	json_t *own = json_null();
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(bc, "perOrganisatie"), i, e) if (!strcmp(
		json_string_value(json_object_get(e, "organisatie")), org)) own = json_incref(e);
	json_object_set_new(o, "organisatie", own);
	json_decref(bc);
	return o;
}

static json_t *report_surveys(struct store *s, long long vid, const char *van, const char *tot)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT code, naam, datum FROM verkenningen WHERE verband_id = ?1 AND ((datum >= ?2 AND datum <= ?3)"
				      " OR (keuze_datum >= ?2 AND keuze_datum <= ?3)) ORDER BY datum, code",
				      "ltt", vid, van, tot);
	while (db_step(st) == DB_ROW) {
		json_t *res = NULL, *k = NULL;
		struct problem q;
		problem_init(&q);
		if (steering_survey_result(s, db_col_text(st, 0), &res, &q) < 0 ||
		    steering_survey_get(s, db_col_text(st, 0), &k, &q) < 0) {
			json_decref(res);
			continue;
		}
		json_t *rows = json_array();
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(res, "taakvelden"), i, r)
			json_array_append_new(rows, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "rang", json_object_get(r, "rang"),
							      "taakveld", json_object_get(r, "taakveld"), "naam",
							      json_object_get(r, "naam"), "prioriteit", json_object_get(r, "prioriteit"),
							      "snelleWinst", json_object_get(r, "snelleWinst"), "gekozen",
							      json_object_get(r, "gekozen")));
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
		if (steering_scoring_result(s, db_col_text(st, 0), &res, &q) < 0)
			continue;
		json_t *rows = json_array();
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(res, "taakvelden"), i, r)
			json_array_append_new(rows, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "taakveld",
							      json_object_get(r, "taakveld"), "naam", json_object_get(r, "naam"),
							      "klasse", json_object_get(r, "klasse"), "gemiddelde",
							      json_object_get(r, "gemiddelde"), "laagste", json_object_get(r, "laagste"),
							      "spreiding", json_object_get(r, "spreiding"), "eigenaar",
							      json_object_get(r, "eigenaar")));
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
	json_array_foreach(all, i, m) if (in_period(json_string_value(json_object_get(m, "datum")), van, tot))
		json_array_append(a, m);
	json_decref(all);
	return a;
}

int steering_report_data(struct store *s, const char *org, const char *van, const char *tot, json_t **out,
			 struct problem *p)
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
	long long oid = org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org);
	char naam[200];
	org_name(s, org, naam, sizeof(naam));
	struct report_counts c = { 0 };
	json_t *verbanden = json_array();
	struct idset seen = { 0 };
	struct db_stmt *st = db_query(s->db,
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
		if (registry_traject_list(s, org, vcode, NULL, &trs, &q) == 0) {
			size_t i;
			json_t *t;
			json_array_foreach(trs, i, t)
			{
				json_t *eind = json_object_get(t, "eind");
				if (json_is_string(eind) && strcmp(json_string_value(eind), van) <= 0)
					continue; /* ended before the period */
				long long tid = json_integer_value(json_object_get(t, "id"));
				json_t *r = json_pack("{s:I,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "id", (json_int_t)tid, "taakveld",
						      json_object_get(t, "taakveld"), "taakveldNaam", json_object_get(t, "taakveldNaam"),
						      "fase", json_object_get(t, "fase"), "eigenaar", json_object_get(t, "eigenaar"),
						      "start", json_object_get(t, "start"), "eind", eind ? eind : json_null(),
						      "wettelijkeDeadline", json_object_get(t, "wettelijkeDeadline"));
				json_object_set_new(r, "gepland", json_boolean(strcmp(json_string_value(json_object_get(t, "start")),
										      tot) > 0));
				json_object_set_new(r, "rollen", report_roles(s, vid, tid, van, tot));
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
	json_t *received = filter_notices(notices_query(s, oid, "ontvanger", NULL), van, tot);
	json_t *sent = filter_notices(notices_query(s, oid, "melder", NULL), van, tot);
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

/* ---- import -------------------------------------------------------------------- */

/* The traject named by {"verband","taakveld","start"?} in x. */
static int find_traject(struct store *s, json_t *x, long long *tid, struct problem *p)
{
	const char *verband = NULL, *taakveld = NULL, *start = NULL;
	field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(x, "taakveld", FIELD_REQUIRED, 40, &taakveld, p);
	field_date(x, "start", FIELD_OPTIONAL, &start, p);
	if (p->status)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT t.id FROM trajecten t JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv"
				      " ON tv.id = t.taakveld_id WHERE v.code = ? AND tv.code = ? AND (?3 IS NULL OR t.start = ?3) ORDER BY t.id",
				      "ttt", verband, taakveld, start);
	int n = 0;
	while (db_step(st) == DB_ROW)
		*tid = db_col_int(st, 0), n++;
	db_finalize(st);
	if (n == 0)
		return refuse(p, "taakveld", "Verband '%s' heeft geen traject op taakveld '%s'%s%s.", verband, taakveld,
			      start ? " dat begint op " : "", start ? start : "");
	if (n > 1)
		return refuse(p, "taakveld", "Verband '%s' heeft %d trajecten op taakveld '%s'; geef ook 'start'.", verband, n,
			      taakveld);
	return 0;
}

/* Names a failure "<section>[i]." + its params, or the section element
 * itself with the detail when there are none. */
static int import_failed(struct problem *p, const char *prefix, int r)
{
	char dotted[176];
	snprintf(dotted, sizeof(dotted), "%s.", prefix);
	if (p->nparams)
		prefix_params(p, dotted);
	else {
		int status = p->status;
		problem_param(p, prefix, "%s", p->detail);
		p->status = status;
	}
	return r;
}

typedef int (*import_fn)(struct store *s, json_t *x, struct problem *p);

static int import_verband(struct store *s, json_t *x, struct problem *p) { return registry_verband_create(s, x, NULL, p); }

static int import_traject(struct store *s, json_t *x, struct problem *p)
{
	const char *verband = NULL;
	if (field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p) < 0)
		return -p->status;
	json_t *copy = json_deep_copy(x);
	json_object_del(copy, "verband");
	int r = registry_traject_create(s, verband, copy, NULL, p);
	json_decref(copy);
	if (r == -404) /* an unknown verband in a document is a bad reference */
		r = refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	return r;
}

/* A traject-or-verband element: roles and decisions. */
static int import_part(struct store *s, json_t *x, struct problem *p,
		       int (*fn)(struct store *, const char *, long long, json_t *, json_t **, struct problem *))
{
	long long tid = 0;
	const char *verband = NULL;
	if (json_object_get(x, "taakveld") && !json_is_null(json_object_get(x, "taakveld"))) {
		int r = find_traject(s, x, &tid, p);
		if (r < 0)
			return r;
	} else if (field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p) < 0) {
		return -p->status;
	} else if (!verband_id(s, verband)) {
		return refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	}
	return fn(s, verband, tid, x, NULL, p);
}
static int import_role(struct store *s, json_t *x, struct problem *p) { return import_part(s, x, p, steering_role_create); }
static int import_decision(struct store *s, json_t *x, struct problem *p)
{
	return import_part(s, x, p, steering_decision_create);
}

/* Runs fn over the elements of x[key], prefixing errors "<key>[i].". */
static int import_list(struct store *s, json_t *x, const char *key, const char *prefix, struct problem *p,
		       int (*fn)(struct store *, const void *, json_t *, struct problem *), const void *ctx)
{
	json_t *arr = json_object_get(x, key);
	if (!arr || json_is_null(arr))
		return 0;
	char name[160];
	snprintf(name, sizeof(name), "%s%s", prefix, key);
	if (!json_is_array(arr))
		return problem_param(p, name, "moet een lijst zijn");
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
	{
		snprintf(name, sizeof(name), "%s%s[%zu]", prefix, key, i);
		if (!json_is_object(e))
			return problem_param(p, name, "moet een object zijn");
		int r = fn(s, ctx, e, p);
		if (r < 0)
			return import_failed(p, name, r);
	}
	return 0;
}

static int answer_one(struct store *s, const void *code, json_t *e, struct problem *p)
{
	return steering_survey_answer(s, code, e, NULL, p);
}
static int score_one(struct store *s, const void *code, json_t *e, struct problem *p)
{
	return steering_scoring_score(s, code, e, NULL, p);
}
static int owners_one(struct store *s, const void *ctx, json_t *e, struct problem *p)
{
	const char *code = ctx;
	const char *tv = NULL;
	if (field_text(e, "taakveld", FIELD_REQUIRED, 40, &tv, p) < 0)
		return -p->status;
	int r = steering_scoring_owners(s, code, tv, e, NULL, p);
	if (r == -404)
		r = refuse(p, "taakveld", "Taakveld '%s' hoort niet bij scoring '%s'.", tv, code);
	return r;
}
static int postpone_one(struct store *s, const void *ctx, json_t *e, struct problem *p)
{
	const struct ms_args *a = ctx;
	return steering_milestone_postpone(s, a->traject, a->mid, e, NULL, p);
}

static int import_survey(struct store *s, json_t *x, struct problem *p)
{
	int r = steering_survey_create(s, x, NULL, p);
	if (r < 0)
		return r;
	const char *code = json_string_value(json_object_get(x, "code"));
	if ((r = import_list(s, x, "antwoorden", "", p, answer_one, code)) < 0)
		return r;
	json_t *keuze = json_object_get(x, "keuze");
	if (keuze && !json_is_null(keuze)) {
		if (!json_is_object(keuze))
			return problem_param(p, "keuze", "moet een object zijn met taakvelden, datum en toelichting");
		if ((r = steering_survey_choose(s, code, keuze, NULL, p)) < 0) {
			prefix_params(p, "keuze.");
			return r;
		}
	}
	return 0;
}

static int import_scoring(struct store *s, json_t *x, struct problem *p)
{
	int r = steering_scoring_create(s, x, NULL, p);
	if (r < 0)
		return r;
	const char *code = json_string_value(json_object_get(x, "code"));
	if ((r = import_list(s, x, "scores", "", p, score_one, code)) < 0)
		return r;
	return import_list(s, x, "eigenaren", "", p, owners_one, code);
}

static int import_bc(struct store *s, json_t *x, struct problem *p)
{
	long long tid;
	int r = find_traject(s, x, &tid, p);
	return r < 0 ? r : steering_bc_put(s, tid, x, NULL, p);
}

static int import_milestone(struct store *s, json_t *x, struct problem *p)
{
	long long tid;
	int r = find_traject(s, x, &tid, p);
	if (r < 0)
		return r;
	struct ms_args a = { tid, 0, x, NULL };
	if ((r = in_transaction(s, p, do_ms_create, &a)) < 0)
		return r;
	if ((r = import_list(s, x, "uitstel", "", p, postpone_one, &a)) < 0)
		return r;
	json_t *gereed = json_object_get(x, "gereed");
	if (gereed && !json_is_null(gereed)) {
		if (!json_is_object(gereed))
			return problem_param(p, "gereed", "moet een object zijn met datum en toelichting");
		if ((r = steering_milestone_done(s, tid, a.mid, gereed, NULL, p)) < 0) {
			prefix_params(p, "gereed.");
			return r;
		}
	}
	return 0;
}

static int do_steering_import(struct store *s, void *arg, struct problem *p)
{
	json_t *doc = arg;
	json_t *f = json_object_get(doc, "formaat");
	if (!json_is_string(f) || strcmp(json_string_value(f), "samen-besturing"))
		return problem_param(p, "formaat", "moet \"samen-besturing\" zijn");
	json_t *ver = json_object_get(doc, "versie");
	if (!json_is_integer(ver) || json_integer_value(ver) != 1)
		return problem_param(p, "versie", "alleen versie 1 wordt ondersteund");
	static const struct {
		const char *key;
		import_fn fn;
	} parts[] = { { "verbanden", import_verband },  { "trajecten", import_traject },
		      { "rollen", import_role },          { "verkenningen", import_survey },
		      { "scoringen", import_scoring },    { "businesscases", import_bc },
		      { "mijlpalen", import_milestone },  { "besluiten", import_decision } };
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		json_t *arr = json_object_get(doc, parts[k].key);
		if (!arr)
			continue;
		if (!json_is_array(arr))
			return problem_param(p, parts[k].key, "moet een lijst zijn");
		size_t i;
		json_t *x;
		json_array_foreach(arr, i, x)
		{
			char prefix[64];
			snprintf(prefix, sizeof(prefix), "%s[%zu]", parts[k].key, i);
			if (!json_is_object(x))
				return problem_param(p, prefix, "moet een object zijn");
			int r = parts[k].fn(s, x, p);
			if (r < 0)
				return import_failed(p, prefix, r);
		}
	}
	/* Trajecten that came in with their verband skipped the hook. */
	return do_scan(s, NULL, p);
}

int steering_import(struct store *s, json_t *doc, struct problem *p)
{
	if (!json_is_object(doc))
		return problem_set(p, 400, "Het document moet een JSON-object zijn.");
	return in_transaction(s, p, do_steering_import, doc);
}
