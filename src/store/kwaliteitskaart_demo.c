/* The demo kwaliteitskaart (demo/kwaliteitskaart.json, format in
 * docs/kwaliteitskaart.md): competences, the staff of each organisation
 * with their levels, substitution arrangements, absences, and the link of
 * a demo account to its medewerker. Loaded all or nothing through the
 * same store functions the API uses, so the demo obeys every rule. */
#include <stdio.h>
#include <string.h>
#include "store/gedeeld.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"

/* The id of the (not pseudonymised) medewerker {"organisatie","naam"}, or 0. */
static long long person(struct store *s, json_t *ref)
{
	const char *org = json_string_value(json_object_get(ref, "organisatie"));
	const char *naam = json_string_value(json_object_get(ref, "naam"));
	if (!org || !naam)
		return 0;
	struct db_stmt *st = db_query(s->db,
				      "SELECT m.id FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id"
				      " WHERE o.code = ? AND m.naam = ? AND m.pseudoniem = 0 ORDER BY m.id LIMIT 1",
				      "tt", org, naam);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return id;
}

static int fail(const char *where, const struct problem *p)
{
	fprintf(stderr, "samen: demo/kwaliteitskaart.json, %s: %s", where, p->detail);
	for (int i = 0; i < p->nparams; i++)
		fprintf(stderr, "%s %s: %s", i ? ";" : "", p->params[i].name, p->params[i].reason);
	fputc('\n', stderr);
	return -1;
}

static int load(struct store *s, json_t *doc, const struct actor *by)
{
	struct problem p;
	char where[300];
	size_t i, j;
	json_t *x, *y, *out;

	json_array_foreach(json_object_get(doc, "competenties"), i, x) {
		problem_init(&p);
		out = NULL;
		if (kwaliteitskaart_competence_create(s, x, &out, &p) < 0) {
			snprintf(where, sizeof(where), "competenties[%zu]", i);
			return fail(where, &p);
		}
		json_decref(out);
	}
	json_array_foreach(json_object_get(doc, "kaarten"), i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		json_array_foreach(json_object_get(x, "medewerkers"), j, y) {
			snprintf(where, sizeof(where), "kaarten[%zu].medewerkers[%zu]", i, j);
			json_t *in = json_deep_copy(y);
			json_object_del(in, "niveaus");
			json_object_del(in, "werktVoor");
			json_object_set_new(in, "organisatie", json_string(org ? org : ""));
			problem_init(&p);
			out = NULL;
			int r = medewerkers_create(s, by, in, &out, &p);
			json_decref(in);
			if (r < 0)
				return fail(where, &p);
			long long id = json_integer_value(json_object_get(out, "id"));
			json_decref(out);
			/* A shared medewerker: for whom it works besides its werkgever. */
			json_t *wv = json_object_get(y, "werktVoor");
			if (wv) {
				json_t *body = json_pack("{s:O}", "werktVoor", wv);
				problem_init(&p);
				r = gedeeld_werkt_voor_zetten(s, id, body, NULL, &p);
				json_decref(body);
				if (r < 0)
					return fail(where, &p);
			}
			const char *code;
			json_t *lv;
			json_object_foreach(json_object_get(y, "niveaus"), code, lv) {
				json_t *body = json_pack("{s:O}", "niveau", lv);
				problem_init(&p);
				out = NULL;
				r = kwaliteitskaart_level_set(s, id, code, body, &out, &p);
				json_decref(body);
				json_decref(out);
				if (r < 0)
					return fail(where, &p);
			}
		}
	}
	json_array_foreach(json_object_get(doc, "vervangingen"), i, x) {
		snprintf(where, sizeof(where), "vervangingen[%zu]", i);
		long long m = person(s, json_object_get(x, "medewerker")), v = person(s, json_object_get(x, "vervanger"));
		json_t *in = json_pack("{s:I,s:I,s:O}", "medewerker", (json_int_t)m, "vervanger", (json_int_t)v, "competentie",
				       json_object_get(x, "competentie"));
		problem_init(&p);
		out = NULL;
		int r = in ? kwaliteitskaart_substitution_create(s, in, &out, &p) : problem_set(&p, 400, "onvolledig");
		json_decref(in);
		json_decref(out);
		if (r < 0)
			return fail(where, &p);
	}
	json_array_foreach(json_object_get(doc, "afwezigheden"), i, x) {
		snprintf(where, sizeof(where), "afwezigheden[%zu]", i);
		json_t *in = json_deep_copy(x);
		json_object_set_new(in, "medewerker", json_integer(person(s, json_object_get(x, "medewerker"))));
		problem_init(&p);
		out = NULL;
		int r = kwaliteitskaart_absence_create(s, in, &out, &p);
		json_decref(in);
		json_decref(out);
		if (r < 0)
			return fail(where, &p);
	}
	json_array_foreach(json_object_get(doc, "gebruikers"), i, x) {
		snprintf(where, sizeof(where), "gebruikers[%zu]", i);
		const char *naam = json_string_value(json_object_get(x, "gebruiker"));
		problem_init(&p);
		out = NULL;
		int r = naam ? kwaliteitskaart_account_link(s, naam, person(s, json_object_get(x, "medewerker")), &out, &p)
			     : problem_set(&p, 400, "gebruiker ontbreekt");
		json_decref(out);
		if (r < 0)
			return fail(where, &p);
	}
	return 0;
}

int kwaliteitskaart_demo_load(struct store *s, const char *text, size_t len)
{
	json_error_t e;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc) {
		fprintf(stderr, "samen: demo/kwaliteitskaart.json:%d:%d: %s\n", e.line, e.column, e.text);
		return -1;
	}
	struct actor by;
	memset(&by, 0, sizeof(by));
	by.role = ROLE_BEHEERDER;
	snprintf(by.name, sizeof(by.name), "demo");
	if (db_begin(s->db) < 0) {
		json_decref(doc);
		fprintf(stderr, "samen: database bezet\n");
		return -1;
	}
	int r = load(s, doc, &by);
	json_decref(doc);
	if (r < 0 || db_commit(s->db) < 0) {
		db_rollback(s->db);
		return -1;
	}
	return 0;
}
