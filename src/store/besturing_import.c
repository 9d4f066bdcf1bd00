/* The samen-besturing document (docs/besturingsformaat.md): all or
 * nothing, trajecten named by verband and taakveld. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/fields.h"
#include "store/register.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"

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
	struct db_stmt *st = db_query(
		s->db,
		"SELECT t.id FROM trajecten t JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv"
		" ON tv.id = t.taakveld_id WHERE v.code = ? AND tv.code = ? AND (?3 IS NULL OR t.start = ?3) ORDER BY t.id",
		"ttt", verband, taakveld, start);
	int n = 0;
	while (db_step(st) == DB_ROW)
		*tid = db_col_int(st, 0), n++;
	db_finalize(st);
	if (n == 0)
		return problem_refuse(p, "taakveld", "Verband '%s' heeft geen traject op taakveld '%s'%s%s.", verband, taakveld,
				      start ? " dat begint op " : "", start ? start : "");
	if (n > 1)
		return problem_refuse(p, "taakveld", "Verband '%s' heeft %d trajecten op taakveld '%s'; geef ook 'start'.",
				      verband, n, taakveld);
	return 0;
}

/* Names a failure "<section>[i]." + its params, or the section element
 * itself with the detail when there are none. */
static int import_failed(struct problem *p, const char *prefix, int r)
{
	char dotted[176];
	snprintf(dotted, sizeof(dotted), "%s.", prefix);
	if (p->nparams)
		problem_prefix_params(p, dotted);
	else {
		int status = p->status;
		problem_param(p, prefix, "%s", p->detail);
		p->status = status;
	}
	return r;
}

typedef int (*import_fn)(struct store *s, json_t *x, struct problem *p);

static int import_verband(struct store *s, json_t *x, struct problem *p) { return register_verband_create(s, x, NULL, p); }

static int import_traject(struct store *s, json_t *x, struct problem *p)
{
	const char *verband = NULL;
	if (field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p) < 0)
		return -p->status;
	json_t *copy = json_deep_copy(x);
	json_object_del(copy, "verband");
	int r = register_traject_create(s, verband, copy, NULL, p);
	json_decref(copy);
	if (r == -404) /* an unknown verband in a document is a bad reference */
		r = problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
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
	} else if (!store_verband_id(s, verband)) {
		return problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	}
	return fn(s, verband, tid, x, NULL, p);
}
static int import_role(struct store *s, json_t *x, struct problem *p) { return import_part(s, x, p, besturing_role_create); }
static int import_decision(struct store *s, json_t *x, struct problem *p)
{
	return import_part(s, x, p, besturing_decision_create);
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
	json_array_foreach(arr, i, e) {
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
	return besturing_survey_answer(s, code, e, NULL, p);
}
static int score_one(struct store *s, const void *code, json_t *e, struct problem *p)
{
	return besturing_scoring_score(s, code, e, NULL, p);
}
static int owners_one(struct store *s, const void *ctx, json_t *e, struct problem *p)
{
	const char *code = ctx;
	const char *tv = NULL;
	if (field_text(e, "taakveld", FIELD_REQUIRED, 40, &tv, p) < 0)
		return -p->status;
	int r = besturing_scoring_owners(s, code, tv, e, NULL, p);
	if (r == -404)
		r = problem_refuse(p, "taakveld", "Taakveld '%s' hoort niet bij scoring '%s'.", tv, code);
	return r;
}
static int postpone_one(struct store *s, const void *ctx, json_t *e, struct problem *p)
{
	const struct ms_args *a = ctx;
	return besturing_milestone_postpone(s, a->traject, a->mid, e, NULL, p);
}

static int import_survey(struct store *s, json_t *x, struct problem *p)
{
	int r = besturing_survey_create(s, x, NULL, p);
	if (r < 0)
		return r;
	const char *code = json_string_value(json_object_get(x, "code"));
	if ((r = import_list(s, x, "antwoorden", "", p, answer_one, code)) < 0)
		return r;
	json_t *keuze = json_object_get(x, "keuze");
	if (keuze && !json_is_null(keuze)) {
		if (!json_is_object(keuze))
			return problem_param(p, "keuze", "moet een object zijn met taakvelden, datum en toelichting");
		if ((r = besturing_survey_choose(s, code, keuze, NULL, p)) < 0) {
			problem_prefix_params(p, "keuze.");
			return r;
		}
	}
	return 0;
}

static int import_scoring(struct store *s, json_t *x, struct problem *p)
{
	int r = besturing_scoring_create(s, x, NULL, p);
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
	return r < 0 ? r : besturing_bc_put(s, tid, x, NULL, p);
}

static int import_milestone(struct store *s, json_t *x, struct problem *p)
{
	long long tid;
	int r = find_traject(s, x, &tid, p);
	if (r < 0)
		return r;
	struct ms_args a = { tid, 0, x, NULL };
	if ((r = store_transaction(s, p, besturing_ms_create, &a)) < 0)
		return r;
	if ((r = import_list(s, x, "uitstel", "", p, postpone_one, &a)) < 0)
		return r;
	json_t *gereed = json_object_get(x, "gereed");
	if (gereed && !json_is_null(gereed)) {
		if (!json_is_object(gereed))
			return problem_param(p, "gereed", "moet een object zijn met datum en toelichting");
		if ((r = besturing_milestone_done(s, tid, a.mid, gereed, NULL, p)) < 0) {
			problem_prefix_params(p, "gereed.");
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
	} parts[] = { { "verbanden", import_verband },   { "trajecten", import_traject }, { "rollen", import_role },
		      { "verkenningen", import_survey }, { "scoringen", import_scoring }, { "businesscases", import_bc },
		      { "mijlpalen", import_milestone }, { "besluiten", import_decision } };
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		json_t *arr = json_object_get(doc, parts[k].key);
		if (!arr)
			continue;
		if (!json_is_array(arr))
			return problem_param(p, parts[k].key, "moet een lijst zijn");
		size_t i;
		json_t *x;
		json_array_foreach(arr, i, x) {
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
	return register_meldingen_scan_all(s, NULL, p);
}

int besturing_import(struct store *s, json_t *doc, struct problem *p)
{
	if (!json_is_object(doc))
		return problem_set(p, 400, "Het document moet een JSON-object zijn.");
	return store_transaction(s, p, do_steering_import, doc);
}
