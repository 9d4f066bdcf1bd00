/* Choosing what to cooperate on, part one: verkenningen (survey rounds)
 * and their result; the arithmetic is core/scoring.h, scoringen are
 * besturing_scoringen.c. See besturing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/scoring.h"
#include "store/page.h"
#include "store/fields.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"

/* ---- verkenningen ------------------------------------------------------ */

#define SURVEY_COLS "k.id, k.code, v.code, k.naam, k.datum, k.omschrijving, k.keuze_datum, k.keuze_toelichting, v.id"
#define SURVEY_FROM " FROM verkenningen k JOIN verbanden v ON v.id = k.verband_id"

static json_t *survey_json(struct store *s, struct db_stmt *st)
{
	long long kid = db_col_int(st, 0);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "code", db_col_text(st, 1), "verband", db_col_text(st, 2), "naam",
			      db_col_text(st, 3), "datum", db_col_text(st, 4));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 5));
	json_t *tv = json_array(), *gekozen = json_array();
	struct db_stmt *q =
		db_query(s->db,
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
	json_object_set_new(o, "partners", besturing_members_on(s, db_col_int(st, 8), db_col_text(st, 4)));
	q = db_query(s->db, "SELECT count(*) FROM verkenning_antwoorden WHERE verkenning_id = ?", "l", kid);
	json_object_set_new(o, "antwoorden", json_integer(db_step(q) == DB_ROW ? db_col_int(q, 0) : 0));
	db_finalize(q);
	json_object_set_new(o, "gekozen", gekozen);
	if (db_col_null(st, 6))
		json_object_set_new(o, "keuze", json_null());
	else
		json_object_set_new(
			o, "keuze",
			json_pack("{s:s,s:o}", "datum", db_col_text(st, 6), "toelichting", store_text_or_null(st, 7)));
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

int besturing_survey_get(struct store *s, const char *code, json_t **out, struct problem *p)
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

int besturing_survey_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	return besturing_survey_page(s, verband, NULL, out, p);
}

int besturing_survey_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
#define SQL                                                                    \
	"SELECT " SURVEY_COLS SURVEY_FROM " WHERE (?1 IS NULL OR v.code = ?1)" \
	" ORDER BY k.datum, k.code"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?2 OFFSET ?3", "t" STORE_PAGE_BINDS, verband, STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, survey_json(s, st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "t", verband) : NULL);
	*out = a;
	return 0;
#undef SQL
}

int besturing_survey_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p)
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

static int do_survey_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *tv = NULL;
	const char *code = NULL, *verband = NULL, *naam = NULL, *omschrijving = NULL;
	char datum[DATE_TEXT_LEN];
	besturing_slug_field(in, "code", &code, p);
	field_text(in, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	besturing_date_or_today(in, "datum", datum, p);
	if (field_array(in, "taakvelden", FIELD_REQUIRED, &tv, p) > 0 && !p->status)
		besturing_check_taakvelden(s, tv, "taakvelden", 1, p);
	if (p->status)
		return -p->status;
	long long vid = store_verband_id(s, verband);
	if (!vid)
		return problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	int r = db_run(s->db, "INSERT INTO verkenningen(code, verband_id, naam, datum, omschrijving) VALUES(?, ?, ?, ?, ?)",
		       "tlttt", code, vid, naam && naam[0] ? naam : code, datum, omschrijving);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Verkenning '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "verkenning");
	long long kid = db_last_id(s->db);
	size_t i;
	json_t *x;
	json_array_foreach(tv, i, x) {
		r = db_run(s->db, "INSERT INTO verkenning_taakvelden(verkenning_id, taakveld_id, volgorde) VALUES(?, ?, ?)",
			   "lli", kid, store_taakveld_id(s, json_string_value(x)), (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "taakveld van de verkenning");
	}
	return a->out ? besturing_survey_get(s, code, a->out, p) : 0;
}

int besturing_survey_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out };
	return store_transaction(s, p, do_survey_create, &a);
}

static json_t *answer_json(struct db_stmt *st)
{
	/* columns: org code, taakveld code, knelpunt, meerwaarde, snel, toelichting */
	json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:b}", "organisatie", db_col_text(st, 0), "taakveld", db_col_text(st, 1),
			      "knelpunt", (json_int_t)db_col_int(st, 2), "meerwaarde", (json_int_t)db_col_int(st, 3),
			      "snelResultaat", (int)db_col_int(st, 4));
	json_object_set_new(o, "toelichting", store_text_or_null(st, 5));
	return o;
}

#define ANSWER_SQL                                                                          \
	"SELECT o.code, tv.code, a.knelpunt, a.meerwaarde, a.snel_resultaat, a.toelichting" \
	" FROM verkenning_antwoorden a JOIN organisaties o ON o.id = a.organisatie_id"      \
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
	long long oid = store_org_id(s, org), tid = store_taakveld_id(s, tv);
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!besturing_is_partner(s, k.verband, oid, k.datum))
		return problem_refuse(p, "organisatie",
				      "%s was op %s geen lid van het verband van verkenning '%s' en kan dus niet antwoorden.",
				      org, k.datum, a->code);
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM verkenning_taakvelden WHERE verkenning_id = ? AND taakveld_id = ?",
				      "ll", k.id, tid);
	int in_survey = tid && db_step(st) == DB_ROW;
	db_finalize(st);
	if (!in_survey)
		return problem_refuse(p, "taakveld", "Taakveld '%s' hoort niet bij verkenning '%s'.", tv, a->code);
	r = db_run(
		s->db,
		"INSERT INTO verkenning_antwoorden(verkenning_id, organisatie_id, taakveld_id, knelpunt, meerwaarde, "
		"snel_resultaat,"
		" toelichting) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(verkenning_id, organisatie_id, taakveld_id) DO UPDATE SET"
		" knelpunt = excluded.knelpunt, meerwaarde = excluded.meerwaarde, snel_resultaat = excluded.snel_resultaat,"
		" toelichting = excluded.toelichting",
		"llllllt", k.id, oid, tid, knel, meer, (long long)snel, toelichting);
	if (r < 0)
		return store_db_problem(s, r, p, "antwoord");
	if (a->out) {
		st = db_query(s->db, ANSWER_SQL " WHERE a.verkenning_id = ? AND a.organisatie_id = ? AND a.taakveld_id = ?",
			      "lll", k.id, oid, tid);
		if (db_step(st) == DB_ROW)
			*a->out = answer_json(st);
		db_finalize(st);
	}
	return 0;
}

int besturing_survey_answer(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return store_transaction(s, p, do_survey_answer, &a);
}

int besturing_survey_answers(struct store *s, const char *code, json_t **out, struct problem *p)
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

int besturing_survey_result(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct survey_row k;
	int r = survey_find(s, code, &k, p);
	if (r < 0)
		return r;
	json_t *partners = besturing_members_on(s, k.verband, k.datum);
	int n_partners = (int)json_array_size(partners);
	struct db_stmt *st =
		db_query(s->db,
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
		struct db_stmt *q = db_query(
			s->db,
			"SELECT o.code, a.knelpunt, a.meerwaarde, a.snel_resultaat FROM verkenning_antwoorden a"
			" JOIN organisaties o ON o.id = a.organisatie_id WHERE a.verkenning_id = ? AND a.taakveld_id = ?",
			"ll", k.id, tid);
		json_t *answered = json_array();
		while (db_step(q) == DB_ROW && na < n_partners) {
			if (!besturing_json_has_string(partners, db_col_text(q, 0)))
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
		json_array_foreach(partners, i, x)
			if (!besturing_json_has_string(answered, json_string_value(x)))
				json_array_append(missing, x);
		json_decref(answered);
		struct survey_result res;
		memset(&res, 0, sizeof(res));
		if (survey_evaluate(ans, na, n_partners > 0 ? n_partners : 1, &res) < 0)
			memset(&res, 0, sizeof(res));
		json_object_set_new(row, "prioriteit", json_integer(score_frac_hundredths(res.priority)));
		json_object_set_new(row, "gemiddeldeKnelpunt", besturing_hundredths_or_null(res.knelpunt));
		json_object_set_new(row, "gemiddeldeMeerwaarde", besturing_hundredths_or_null(res.meerwaarde));
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
		besturing_check_taakvelden(s, tv, "taakvelden", 0, p);
	besturing_date_or_today(a->in, "datum", datum, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &toelichting, p);
	if (p->status)
		return -p->status;
	size_t i;
	json_t *x;
	json_array_foreach(tv, i, x) {
		struct db_stmt *st =
			db_query(s->db, "SELECT 1 FROM verkenning_taakvelden WHERE verkenning_id = ? AND taakveld_id = ?", "ll",
				 k.id, store_taakveld_id(s, json_string_value(x)));
		int ok = db_step(st) == DB_ROW;
		db_finalize(st);
		if (!ok) {
			char n[64];
			snprintf(n, sizeof(n), "taakvelden[%zu]", i);
			return problem_refuse(p, n, "Taakveld '%s' hoort niet bij verkenning '%s'.", json_string_value(x),
					      a->code);
		}
	}
	if ((r = db_run(s->db, "UPDATE verkenning_taakvelden SET gekozen = 0 WHERE verkenning_id = ?", "l", k.id)) < 0)
		return store_db_problem(s, r, p, "keuze");
	json_array_foreach(tv, i, x) {
		r = db_run(s->db, "UPDATE verkenning_taakvelden SET gekozen = 1 WHERE verkenning_id = ? AND taakveld_id = ?",
			   "ll", k.id, store_taakveld_id(s, json_string_value(x)));
		if (r < 0)
			return store_db_problem(s, r, p, "keuze");
	}
	r = db_run(s->db, "UPDATE verkenningen SET keuze_datum = ?, keuze_toelichting = ? WHERE id = ?", "ttl", datum,
		   toelichting, k.id);
	if (r < 0)
		return store_db_problem(s, r, p, "keuze");
	return a->out ? besturing_survey_get(s, a->code, a->out, p) : 0;
}

int besturing_survey_choose(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return store_transaction(s, p, do_survey_choose, &a);
}
