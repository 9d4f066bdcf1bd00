/* The samen-besturing document (docs/besturingsformaat.md): all or
 * nothing, trajecten named by verband and taakveld. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/fields.h"
#include "store/register.h"
#include "store/register_belangen.h"
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

/* ---- the running of a network (besturing_afspraken.c, register_historie.c) ---- */

static int import_change(struct store *s, json_t *x, struct problem *p)
{
	long long tid;
	int r = find_traject(s, x, &tid, p);
	return r < 0 ? r : register_traject_patch(s, "import", tid, x, NULL, p);
}

/* {"verband","taakveld"?,"rol","naam","ingangsdatum","nieuweNaam"?,"nieuweOrganisatie"?,"reden"?}:
 * the role of that holder that is still running changes hands or ends. */
static int import_role_change(struct store *s, json_t *x, struct problem *p)
{
	long long tid = 0;
	const char *verband = NULL, *rol = NULL, *naam = NULL;
	if (json_object_get(x, "taakveld") && !json_is_null(json_object_get(x, "taakveld")) && find_traject(s, x, &tid, p) < 0)
		return -p->status;
	field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p);
	field_text(x, "rol", FIELD_REQUIRED, 40, &rol, p);
	field_text(x, "naam", FIELD_REQUIRED, 200, &naam, p);
	if (p->status)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT r.id FROM bestuursrollen r JOIN verbanden v ON v.id = r.verband_id WHERE v.code = ?"
				      " AND ((? = 0 AND r.traject_id IS NULL) OR r.traject_id = ?) AND r.rol = ? AND r.naam = ?"
				      " AND r.tot IS NULL ORDER BY r.id DESC LIMIT 1",
				      "tlltt", verband, tid, tid, rol, naam);
	long long rid = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (!rid)
		return problem_refuse(p, "naam", "Verband '%s' heeft geen lopende rol %s van %s.", verband, rol, naam);
	json_t *body = json_pack("{s:O}", "ingangsdatum", json_object_get(x, "ingangsdatum"));
	if (!body)
		return problem_param(p, "ingangsdatum", "is verplicht");
	static const char *const keys[][2] = { { "nieuweNaam", "naam" },
					       { "nieuweOrganisatie", "organisatie" },
					       { "reden", "reden" },
					       { "toelichting", "toelichting" } };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_object_get(x, keys[i][0]))
			json_object_set(body, keys[i][1], json_object_get(x, keys[i][0]));
	int r = besturing_role_change(s, "import", rid, body, NULL, p);
	json_decref(body);
	return r;
}

static int import_kaders(struct store *s, json_t *x, struct problem *p)
{
	const char *org = NULL;
	if (field_text(x, "organisatie", FIELD_REQUIRED, 32, &org, p) < 0)
		return -p->status;
	int r = besturing_kader_create(s, "import", org, x, NULL, p);
	return r == -404 ? problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org) : r;
}

/* A verband element: documents, trekkers, meetings. */
static int import_in_verband(struct store *s, json_t *x, struct problem *p,
			     int (*fn)(struct store *, const char *, const char *, json_t *, json_t **, struct problem *),
			     json_t **out)
{
	const char *verband = NULL;
	if (field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p) < 0)
		return -p->status;
	int r = fn(s, "import", verband, x, out, p);
	return r == -404 && !store_verband_id(s, verband) ? problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband)
							  : r;
}
static int import_document(struct store *s, json_t *x, struct problem *p)
{
	return import_in_verband(s, x, p, besturing_document_create, NULL);
}
static int import_trekker(struct store *s, json_t *x, struct problem *p)
{
	return import_in_verband(s, x, p, besturing_trekker_create, NULL);
}

static int vergadering_one(struct store *s, const void *ctx, json_t *e, struct problem *p)
{
	const char *datum = NULL;
	if (field_date(e, "datum", FIELD_REQUIRED, &datum, p) < 0)
		return -p->status;
	int r = besturing_vergadering_put(s, "import", *(const long long *)ctx, datum, e, NULL, p);
	return r == -404 ? problem_refuse(p, "datum", "%s is geen datum van dit overleg.", datum) : r;
}

static int import_meeting(struct store *s, json_t *x, struct problem *p)
{
	json_t *out = NULL;
	int r = import_in_verband(s, x, p, besturing_meeting_create, &out);
	if (r < 0)
		return r;
	long long id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	return import_list(s, x, "vergaderingen", "", p, vergadering_one, &id);
}

/* {"verband","taakveld"?,…,"uitkomst"?:{"gehouden","uitkomst","vervolg"?,…}} */
static int import_evaluation(struct store *s, json_t *x, struct problem *p)
{
	long long tid = 0;
	const char *verband = NULL;
	if (json_object_get(x, "taakveld") && !json_is_null(json_object_get(x, "taakveld"))) {
		if (find_traject(s, x, &tid, p) < 0)
			return -p->status;
	} else if (field_text(x, "verband", FIELD_REQUIRED, 40, &verband, p) < 0) {
		return -p->status;
	}
	json_t *held = json_object_get(x, "uitkomst");
	json_t *copy = json_deep_copy(x);
	json_object_del(copy, "uitkomst");
	json_t *out = NULL;
	int r = besturing_evaluation_create(s, "import", verband, tid, copy, &out, p);
	json_decref(copy);
	if (r == -404)
		return problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband ? verband : "");
	if (r == 0 && held && !json_is_null(held)) {
		if (!json_is_object(held))
			r = problem_param(p, "uitkomst", "moet een object zijn met gehouden, uitkomst en vervolg");
		else if ((r = besturing_evaluation_held(s, "import", json_integer_value(json_object_get(out, "id")), held, NULL,
							p)) < 0)
			problem_prefix_params(p, "uitkomst.");
	}
	json_decref(out);
	return r;
}

static int import_plan(struct store *s, json_t *x, struct problem *p)
{
	const char *org = NULL;
	if (field_text(x, "organisatie", FIELD_REQUIRED, 32, &org, p) < 0)
		return -p->status;
	int r = besturing_report_plan_create(s, "import", org, x, NULL, p);
	return r == -404 ? problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org) : r;
}

static int import_entry(struct store *s, json_t *x, struct problem *p)
{
	return import_in_verband(s, x, p, register_instap_add, NULL);
}

/* A member's interests in a verband (register_belangen.h), dated. */
static int import_interests(struct store *s, json_t *x, struct problem *p)
{
	return import_in_verband(s, x, p, register_belangen_create, NULL);
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
	} parts[] = {
		{ "verbanden", import_verband },      { "trajecten", import_traject },      { "wijzigingen", import_change },
		{ "instap", import_entry },           { "kaders", import_kaders },          { "rollen", import_role },
		{ "rolwissels", import_role_change }, { "verkenningen", import_survey },    { "scoringen", import_scoring },
		{ "businesscases", import_bc },       { "mijlpalen", import_milestone },    { "besluiten", import_decision },
		{ "evaluaties", import_evaluation },  { "documenten", import_document },    { "trekkers", import_trekker },
		{ "overleggen", import_meeting },     { "rapportageplanning", import_plan },
		{ "belangen", import_interests }
	};
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
