/* Shared staff and hosted tasks (gedeeld.h). */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "store/db.h"
#include "store/fields.h"
#include "store/gedeeld.h"

#define OPEN_END "'9999-12-31'"

json_t *gedeeld_werkt_voor(struct store *s, long long mw, const char *date)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.code, o.naam, tv.code, tv.naam, w.van, w.tot FROM werkt_voor w"
			 " JOIN organisaties o ON o.id = w.organisatie_id JOIN taakvelden tv ON tv.id = w.taakveld_id"
			 " WHERE w.medewerker_id = ?1 AND (?2 IS NULL OR (w.van <= ?2 AND (w.tot IS NULL OR w.tot > ?2)))"
			 " ORDER BY tv.code, o.code, w.van",
			 "lt", mw, date);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x =
			json_pack("{s:s,s:s,s:s,s:s,s:s}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1),
				  "taakveld", db_col_text(st, 2), "taakveldNaam", db_col_text(st, 3), "van", db_col_text(st, 4));
		json_object_set_new(x, "tot", store_text_or_null(st, 5));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	return a;
}

struct zetten_args {
	long long mw;
	json_t *in, **out;
};

static int do_zetten(struct store *s, void *arg, struct problem *p)
{
	struct zetten_args *a = arg;
	struct db_stmt *st = db_query(s->db, "SELECT 1 FROM medewerkers WHERE id = ?", "l", a->mw);
	int found = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!found)
		return problem_set(p, 404, "Medewerker %lld bestaat niet.", a->mw);
	json_t *list = NULL;
	field_array(a->in, "werktVoor", FIELD_REQUIRED, &list, p);
	if (p->status)
		return -p->status;
	if (json_array_size(list) > 100)
		return problem_param(p, "werktVoor", "hoogstens 100 regels");
	int r = db_run(s->db, "DELETE FROM werkt_voor WHERE medewerker_id = ?", "l", a->mw);
	if (r < 0)
		return store_db_problem(s, r, p, "werkt voor");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		char name[64];
		snprintf(name, sizeof(name), "werktVoor[%zu]", i);
		if (!json_is_object(x))
			return problem_param(p, name, "moet een object zijn: organisatie, taakveld, van en tot");
		const char *org = NULL, *tv = NULL, *van = NULL, *tot = NULL;
		struct problem q;
		problem_init(&q);
		field_text(x, "organisatie", FIELD_REQUIRED, 32, &org, &q);
		field_text(x, "taakveld", FIELD_REQUIRED, 40, &tv, &q);
		field_date(x, "van", FIELD_REQUIRED, &van, &q);
		field_date(x, "tot", FIELD_OPTIONAL, &tot, &q);
		if (van && tot && strcmp(tot, van) <= 0)
			problem_param(&q, "tot", "moet na 'van' liggen");
		if (q.status) {
			snprintf(name + strlen(name), sizeof(name) - strlen(name), ".");
			problem_prefix_params(&q, name);
			*p = q;
			return -p->status;
		}
		long long oid = store_org_id(s, org), tvid = store_taakveld_id(s, tv);
		if (!oid)
			return problem_refuse(p, name, "Organisatie '%s' bestaat niet.", org);
		if (!tvid)
			return problem_refuse(p, name, "Taakveld '%s' bestaat niet.", tv);
		if ((r = db_run(
			     s->db,
			     "INSERT INTO werkt_voor(medewerker_id, organisatie_id, taakveld_id, van, tot) VALUES(?, ?, ?, ?, ?)",
			     "lllt"
			     "t",
			     a->mw, oid, tvid, van, tot)) < 0) {
			if (r == DB_ERR_UNIQUE)
				return problem_refuse(p, name,
						      "%s staat al met dezelfde 'van' (%s) op taakveld '%s' in de lijst.", org,
						      van, tv);
			return store_db_problem(s, r, p, "werkt voor");
		}
	}
	/* Two periods for the same organisation and task field may not overlap. */
	st = db_query(
		s->db,
		"SELECT o.code, tv.code, a.van, b.van FROM werkt_voor a JOIN werkt_voor b ON b.medewerker_id = a.medewerker_id"
		" AND b.organisatie_id = a.organisatie_id AND b.taakveld_id = a.taakveld_id AND b.id > a.id"
		" AND a.van < coalesce(b.tot, " OPEN_END ") AND b.van < coalesce(a.tot, " OPEN_END ")"
		" JOIN organisaties o ON o.id = a.organisatie_id JOIN taakvelden tv ON tv.id = a.taakveld_id"
		" WHERE a.medewerker_id = ? ORDER BY a.id LIMIT 1",
		"l", a->mw);
	if (db_step(st) == DB_ROW) {
		problem_refuse(p, "werktVoor", "De periodes voor %s op taakveld '%s' (vanaf %s en vanaf %s) overlappen.",
			       db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		db_finalize(st);
		return -p->status;
	}
	db_finalize(st);
	if (a->out)
		*a->out = gedeeld_werkt_voor(s, a->mw, NULL);
	return 0;
}

int gedeeld_werkt_voor_zetten(struct store *s, long long mw, json_t *in, json_t **out, struct problem *p)
{
	if (!json_is_object(in))
		return problem_set(p, 400, "Geef een object: {\"werktVoor\": [...]}.");
	struct zetten_args a = { mw, in, out };
	return store_transaction(s, p, do_zetten, &a);
}

int gedeeld_werkt_voor_opdracht(struct store *s, long long mw, long long opdracht, const char *date)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM werkt_voor w JOIN opdrachtgevers g ON g.organisatie_id = w.organisatie_id"
				      " WHERE w.medewerker_id = ?1 AND g.opdracht_id = ?2 AND w.van <= ?3"
				      " AND (w.tot IS NULL OR w.tot > ?3)",
				      "llt", mw, opdracht, date);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

json_t *gedeeld_voor_organisatie(struct store *s, const char *org, const char *date)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT m.id, m.naam, m.functie, wg.code, wg.naam, tv.code, tv.naam, w.van, w.tot FROM werkt_voor w"
			 " JOIN medewerkers m ON m.id = w.medewerker_id JOIN organisaties wg ON wg.id = m.organisatie_id"
			 " JOIN organisaties o ON o.id = w.organisatie_id JOIN taakvelden tv ON tv.id = w.taakveld_id"
			 " WHERE o.code = ?1 AND wg.id <> o.id AND w.van <= ?2 AND (w.tot IS NULL OR w.tot > ?2)"
			 " ORDER BY m.naam, m.id, tv.code",
			 "tt", org, date);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:I,s:s,s:o,s:s,s:s,s:s,s:s,s:s}", "medewerker", (json_int_t)db_col_int(st, 0), "naam",
				      db_col_text(st, 1), "functie", store_text_or_null(st, 2), "werkgever", db_col_text(st, 3),
				      "werkgeverNaam", db_col_text(st, 4), "taakveld", db_col_text(st, 5), "taakveldNaam",
				      db_col_text(st, 6), "van", db_col_text(st, 7));
		json_object_set_new(x, "tot", store_text_or_null(st, 8));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	return a;
}
