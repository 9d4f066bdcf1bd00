/* `samen demo`: the Drechtsteden dienstverlening proeftuin from
 * demo/dienstverlening.json (store/dienstverlening.h), through the same
 * store functions the API uses, in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/dienstverlening.h"

/* The id of medewerker {"organisatie","naam"}, or 0. */
static long long staff(struct store *s, json_t *who)
{
	struct db_stmt *q = db_query(
		s->db,
		"SELECT m.id FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id WHERE o.code = ?"
		" AND m.naam = ? ORDER BY m.id",
		"tt", json_string_value(json_object_get(who, "organisatie")), json_string_value(json_object_get(who, "naam")));
	long long id = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
	db_finalize(q);
	return id;
}

static int load(struct store *s, void *arg, struct problem *p)
{
	json_t *doc = arg;
	const struct actor demo = { .role = ROLE_BEHEERDER, .name = "demo" };
	const char *v = json_string_value(json_object_get(doc, "verband"));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "pools"), i, x)
		if (dienstverlening_pool_create(s, &demo, v, x, NULL, p) < 0)
			return -p->status;
	json_array_foreach(json_object_get(doc, "opleidingen"), i, x) {
		long long d = staff(s, json_object_get(x, "deelnemer")), k = staff(s, json_object_get(x, "docent"));
		if (!d)
			return problem_set(p, 422, "Opleiding %zu: de deelnemer staat niet in de kwaliteitskaart.", i + 1);
		json_t *in = json_pack("{s:O,s:I,s:O}", "competentie", json_object_get(x, "competentie"), "deelnemer",
				       (json_int_t)d, "gepland", json_object_get(x, "gepland"));
		if (k)
			json_object_set_new(in, "docent", json_integer(k));
		json_t *out = NULL;
		int r = dienstverlening_training_create(s, &demo, v, in, &out, p);
		json_decref(in);
		if (r == 0 && json_object_get(x, "afgerond")) {
			json_t *done = json_pack("{s:O}", "afgerond", json_object_get(x, "afgerond"));
			r = dienstverlening_training_done(s, v, json_integer_value(json_object_get(out, "id")), done, NULL, p);
			json_decref(done);
		}
		json_decref(out);
		if (r < 0)
			return r;
	}
	json_array_foreach(json_object_get(doc, "antwoorden"), i, x) {
		json_t *out = NULL;
		if (dienstverlening_answer_create(s, &demo, v, x, &out, p) < 0)
			return -p->status;
		long long id = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		const char *org;
		json_t *t;
		json_object_foreach(json_object_get(x, "varianten"), org, t) {
			json_t *in = json_pack("{s:O}", "tekst", t);
			int r = dienstverlening_answer_variant(s, &demo, v, id, org, in, NULL, p);
			json_decref(in);
			if (r < 0)
				return r;
		}
	}
	const char *org;
	json_object_foreach(json_object_get(doc, "zaaktypen"), org, x) {
		char *text = json_dumps(x, 0);
		int r = text ? dienstverlening_zaaktypen_import(s, &demo, v, org, text, strlen(text), 1, NULL, p) : -500;
		free(text);
		if (r < 0)
			return p->status ? -p->status : problem_set(p, 500, "Geen geheugen.");
	}
	return 0;
}

int dienstverlening_demo_load(struct store *s, const char *text, size_t len, struct problem *p)
{
	json_error_t e;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		return problem_set(p, 400, "demo/dienstverlening.json: regel %d: %s", e.line, e.text);
	int r = store_transaction(s, p, load, doc);
	json_decref(doc);
	return r;
}
