/* Choosing what to cooperate on, part two: scoringen (weighted criteria
 * per candidate task field, thresholds and owners); the arithmetic is
 * core/scoring.h, verkenningen are besturing_verkenningen.c. See
 * besturing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/register.h"
#include "core/scoring.h"
#include "store/page.h"
#include "store/fields.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"

/* ---- scoringen --------------------------------------------------------- */

struct scoring_row {
	long long id, verband;
	char datum[DATE_TEXT_LEN];
	struct scoring_thresholds t;
};

static int scoring_find(struct store *s, const char *code, struct scoring_row *row, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
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
	json_object_foreach(d, key, v) {
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
		json_object_foreach(v, sub, sv)
			if (strcmp(sub, "gemiddelde") && strcmp(sub, "laagste")) {
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

#define SCORING_COLS                                                                                            \
	"c.id, c.code, v.code, c.naam, c.datum, c.omschrijving, c.zk_gemiddelde, c.zk_laagste, c.k_gemiddelde," \
	" c.k_laagste, c.kt_gemiddelde, c.kt_laagste, v.id"
#define SCORING_FROM " FROM scoringen c JOIN verbanden v ON v.id = c.verband_id"

static json_t *criteria_json(struct store *s, long long cid)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(
		s->db, "SELECT code, naam, gewicht FROM scoring_criteria WHERE scoring_id = ? ORDER BY volgorde", "l", cid);
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
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 5));
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
	json_object_set_new(o, "partners", besturing_members_on(s, db_col_int(st, 12), db_col_text(st, 4)));
	struct scoring_thresholds t;
	for (int i = 0; i < 3; i++) {
		t.mean[i] = (int)db_col_int(st, 6 + 2 * i);
		t.lowest[i] = (int)db_col_int(st, 7 + 2 * i);
	}
	json_object_set_new(o, "drempels", thresholds_json(&t));
	return o;
}

int besturing_scoring_get(struct store *s, const char *code, json_t **out, struct problem *p)
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

int besturing_scoring_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	return besturing_scoring_page(s, verband, NULL, out, p);
}

int besturing_scoring_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
#define SQL                                                                      \
	"SELECT " SCORING_COLS SCORING_FROM " WHERE (?1 IS NULL OR v.code = ?1)" \
	" ORDER BY c.datum, c.code"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?2 OFFSET ?3", "t" STORE_PAGE_BINDS, verband, STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, scoring_json(s, st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "t", verband) : NULL);
	*out = a;
	return 0;
#undef SQL
}

int besturing_scoring_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p)
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
	besturing_slug_field(in, "code", &code, p);
	field_text(in, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	besturing_date_or_today(in, "datum", datum, p);
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
		json_array_foreach(criteria, i, x) {
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
			besturing_slug_field(x, "code", &cc, &q);
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
		besturing_check_taakvelden(s, tv, "taakvelden", 1, p);
	if (p->status)
		return -p->status;
	long long vid = store_verband_id(s, verband);
	if (!vid)
		return problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	int r = db_run(
		s->db,
		"INSERT INTO scoringen(code, verband_id, naam, datum, omschrijving, zk_gemiddelde, zk_laagste, k_gemiddelde,"
		" k_laagste, kt_gemiddelde, kt_laagste) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"tltttiiiiii", code, vid, naam && naam[0] ? naam : code, datum, omschrijving, t.mean[0], t.lowest[0], t.mean[1],
		t.lowest[1], t.mean[2], t.lowest[2]);
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Scoring '%s' bestaat al.", code);
	if (r < 0)
		return store_db_problem(s, r, p, "scoring");
	long long cid = db_last_id(s->db);
	json_array_foreach(criteria, i, x) {
		json_t *w = json_object_get(x, "gewicht");
		r = db_run(s->db, "INSERT INTO scoring_criteria(scoring_id, code, naam, gewicht, volgorde) VALUES(?, ?, ?, ?, ?)",
			   "lttli", cid, json_string_value(json_object_get(x, "code")),
			   json_string_value(json_object_get(x, "naam")),
			   json_is_integer(w) ? (long long)json_integer_value(w) : 1LL, (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "criterium");
	}
	json_array_foreach(tv, i, x) {
		r = db_run(s->db, "INSERT INTO scoring_taakvelden(scoring_id, taakveld_id, volgorde) VALUES(?, ?, ?)", "lli", cid,
			   store_taakveld_id(s, json_string_value(x)), (int)i);
		if (r < 0)
			return store_db_problem(s, r, p, "taakveld van de scoring");
	}
	return a->out ? besturing_scoring_get(s, code, a->out, p) : 0;
}

int besturing_scoring_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out };
	return store_transaction(s, p, do_scoring_create, &a);
}

static int scoring_has_taakveld(struct store *s, long long cid, long long tid)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT 1 FROM scoring_taakvelden WHERE scoring_id = ? AND taakveld_id = ?", "ll", cid, tid);
	int yes = tid && db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

static int scoring_has_criterium(struct store *s, long long cid, const char *crit)
{
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM scoring_criteria WHERE scoring_id = ? AND code = ?", "lt", cid, crit);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

/* {"organisatie","taakveld","scores":{crit:score},"score":weighted|null} of one partner. */
static json_t *partner_scores_json(struct store *s, long long cid, long long oid, long long tid, const char *org, const char *tv)
{
	json_t *scores = json_object();
	long long num = 0, den = 0;
	struct db_stmt *st =
		db_query(s->db,
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
			 besturing_hundredths_or_null(f));
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
			json_object_foreach(many, key, v) {
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
	long long oid = store_org_id(s, org), tid = store_taakveld_id(s, tv);
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!besturing_is_partner(s, c.verband, oid, c.datum))
		return problem_refuse(p, "organisatie",
				      "%s was op %s geen lid van het verband van scoring '%s' en kan dus niet scoren.", org,
				      c.datum, a->code);
	if (!scoring_has_taakveld(s, c.id, tid))
		return problem_refuse(p, "taakveld", "Taakveld '%s' hoort niet bij scoring '%s'.", tv, a->code);
	json_t *pairs = json_object();
	if (crit)
		json_object_set_new(pairs, crit, json_integer(score));
	else
		json_object_update(pairs, many);
	const char *key;
	json_t *v;
	json_object_foreach(pairs, key, v) {
		if (!scoring_has_criterium(s, c.id, key)) {
			r = problem_refuse(p, crit ? "criterium" : "scores", "Criterium '%s' hoort niet bij scoring '%s'.", key,
					   a->code);
			json_decref(pairs);
			return r;
		}
		r = db_run(
			s->db,
			"INSERT INTO scoring_scores(scoring_id, organisatie_id, taakveld_id, criterium, score) VALUES(?, ?, ?, "
			"?, ?)"
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

int besturing_scoring_score(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return store_transaction(s, p, do_scoring_score, &a);
}

int besturing_scoring_scores(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct scoring_row c;
	int r = scoring_find(s, code, &c, p);
	if (r < 0)
		return r;
	json_t *arr = json_array();
	struct db_stmt *st =
		db_query(s->db,
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
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT e.naam, o.code, o.naam, e.toelichting FROM scoring_eigenaren e"
			 " LEFT JOIN organisaties o ON o.id = e.organisatie_id WHERE e.scoring_id = ? AND e.taakveld_id = ?"
			 " ORDER BY e.volgorde",
			 "ll", cid, tid);
	while (db_step(st) == DB_ROW) {
		json_t *e = json_pack("{s:s}", "naam", db_col_text(st, 0));
		json_object_set_new(e, "organisatie", store_text_or_null(st, 1));
		json_object_set_new(e, "organisatieNaam", store_text_or_null(st, 2));
		json_object_set_new(e, "toelichting", store_text_or_null(st, 3));
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
	json_array_foreach(owners, i, e) {
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

int besturing_scoring_result(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct scoring_row c;
	int r = scoring_find(s, code, &c, p);
	if (r < 0)
		return r;
	json_t *criteria = criteria_json(s, c.id);
	json_t *partners = besturing_members_on(s, c.verband, c.datum);
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
		json_object_set_new(row, "gemiddelde", besturing_hundredths_or_null(res.mean));
		if (res.lowest_org >= 0) {
			json_object_set_new(row, "laagste",
					    json_pack("{s:O,s:I}", "organisatie",
						      json_array_get(partners, (size_t)res.lowest_org), "score",
						      (json_int_t)score_frac_hundredths(res.lowest)));
			json_object_set_new(row, "hoogste",
					    json_pack("{s:O,s:I}", "organisatie",
						      json_array_get(partners, (size_t)res.highest_org), "score",
						      (json_int_t)score_frac_hundredths(res.highest)));
		} else {
			json_object_set_new(row, "laagste", json_null());
			json_object_set_new(row, "hoogste", json_null());
		}
		json_object_set_new(row, "spreiding", besturing_hundredths_or_null(res.spread));
		json_object_set_new(row, "klasse", res.tier >= 0 ? json_string(scoring_tier_names[res.tier]) : json_null());
		json_t *missing = json_array(), *per = json_array(), *percrit = json_array();
		for (int o = 0; o < no; o++) {
			json_t *oc = json_array_get(partners, (size_t)o);
			for (int k = 0; k < nc; k++)
				if (!scores[o * nc + k])
					json_array_append_new(
						missing, json_pack("{s:O,s:O}", "organisatie", oc, "criterium",
								   json_object_get(json_array_get(criteria, (size_t)k), "code")));
			json_array_append_new(per, json_pack("{s:O,s:o}", "organisatie", oc, "score",
							     besturing_hundredths_or_null(per_org[o])));
		}
		for (int k = 0; k < nc; k++) {
			long long sum = 0, cnt = 0;
			for (int o = 0; o < no; o++)
				if (scores[o * nc + k])
					sum += scores[o * nc + k], cnt++;
			struct score_frac f = { sum, cnt };
			json_array_append_new(percrit, json_pack("{s:O,s:o}", "criterium",
								 json_object_get(json_array_get(criteria, (size_t)k), "code"),
								 "gemiddelde", besturing_hundredths_or_null(f)));
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
	*out = json_pack("{s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:o}", "scoring", code, "datum", c.datum, "partners", partners, "criteria",
			 criteria, "drempels", thresholds_json(&c.t), "eenheid", "honderdsten van een scorepunt (367 = 3,67)",
			 "formule",
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
	return a->out ? besturing_scoring_get(s, a->code, a->out, p) : 0;
}

int besturing_scoring_thresholds(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code };
	return store_transaction(s, p, do_scoring_thresholds, &a);
}

static int do_scoring_owners(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct scoring_row c;
	int r = scoring_find(s, a->code, &c, p);
	if (r < 0)
		return r;
	long long tid = store_taakveld_id(s, a->extra);
	if (!scoring_has_taakveld(s, c.id, tid))
		return problem_set(p, 404, "Taakveld '%s' hoort niet bij scoring '%s'.", a->extra, a->code);
	json_t *owners = NULL;
	if (field_array(a->in, "eigenaren", FIELD_REQUIRED, &owners, p) < 0)
		return -p->status;
	if (json_array_size(owners) > 20)
		return problem_param(p, "eigenaren", "hoogstens 20 eigenaren");
	size_t i;
	json_t *x;
	json_array_foreach(owners, i, x) {
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
	json_array_foreach(owners, i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		long long oid = 0;
		if (org && org[0] && !(oid = store_org_id(s, org))) {
			char n[64];
			snprintf(n, sizeof(n), "eigenaren[%zu].organisatie", i);
			return problem_refuse(p, n, "Organisatie '%s' bestaat niet.", org);
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

int besturing_scoring_owners(struct store *s, const char *code, const char *taakveld, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { .in = in, .out = out, .code = code, .extra = taakveld };
	return store_transaction(s, p, do_scoring_owners, &a);
}
