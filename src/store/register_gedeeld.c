/* What the members of a verband share without a legal entity (issue 17):
 * the gastgemeente that performs a traject for the other participants
 * (trajecten.uitvoerder_id), and in the matrix the shared staff of
 * gedeeld.h (werkt_voor). register.h "gastgemeenten and shared staff". */
#include <stdio.h>
#include <string.h>
#include "store/db.h"
#include "store/fields.h"
#include "store/register.h"
#include "store/register_sql.h"

int register_uitvoerder_zetten(struct store *s, long long tid, json_t *in, struct problem *p)
{
	const char *code = NULL;
	if (field_text(in, "uitvoerder", FIELD_OPTIONAL, 32, &code, p) < 0)
		return -p->status;
	if (!code || !code[0])
		return 0;
	long long oid = store_org_id(s, code);
	if (!oid)
		return problem_refuse(p, "uitvoerder", "Organisatie '%s' bestaat niet.", code);
	/* A gastgemeente performs the task for the others: it takes part itself. */
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM trajecten t JOIN verbanden v ON v.id = t.verband_id"
				      " WHERE t.id = ?1 AND " REGISTER_SQL_TAKES_PART("?2"),
				      "ll", tid, oid);
	int takes_part = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!takes_part)
		return problem_refuse(p, "uitvoerder",
				      "%s doet niet mee aan dit traject en kan het dus niet voor de deelnemers uitvoeren: "
				      "de uitvoerder (gastgemeente) is een van de deelnemers.",
				      code);
	int r = db_run(s->db, "UPDATE trajecten SET uitvoerder_id = ? WHERE id = ?", "ll", oid, tid);
	return r < 0 ? store_db_problem(s, r, p, "traject") : 0;
}

/* The row of taakveld code in rows, made (in order of naam, as the matrix
 * is ordered) when it is not there. */
static json_t *matrix_row(json_t *rows, const char *code, const char *naam)
{
	size_t i, at = json_array_size(rows);
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (!strcmp(json_string_value(json_object_get(r, "taakveld")), code))
			return r;
		const char *n = json_string_value(json_object_get(r, "naam"));
		if (at == json_array_size(rows) && n && strcmp(n, naam) > 0)
			at = i;
	}
	r = json_pack("{s:s,s:s,s:[],s:[]}", "taakveld", code, "naam", naam, "partners", "verbanden");
	json_array_insert_new(rows, at, r);
	return r;
}

static json_t *list_in(json_t *row, const char *key)
{
	json_t *a = json_object_get(row, key);
	if (!a) {
		a = json_array();
		json_object_set_new(row, key, a);
	}
	return a;
}

void register_gedeeld_matrix(struct store *s, const char *org, const char *date, json_t *rows)
{
	/* Trajecten org takes part in on date that one participant performs. */
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT tv.code, tv.naam, v.code, u.code FROM trajecten t JOIN verbanden v ON v.id = t.verband_id"
			 " JOIN taakvelden tv ON tv.id = t.taakveld_id JOIN organisaties u ON u.id = t.uitvoerder_id"
			 " JOIN lidmaatschappen l ON l.verband_id = v.id AND " REGISTER_SQL_ACTIVE_MEMBER(
				 "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?1") " JOIN organisaties a ON a.id = l.organisatie_id"
										" WHERE a.code = ?2 AND t.start <= ?1 AND "
										"(t.eind IS NULL OR t.eind > ?1)"
										" AND " REGISTER_SQL_TAKES_PART_ON(
											"l.organisatie_id",
											"?1") " ORDER BY tv.code, v.code",
			 "tt", date, org);
	while (db_step(st) == DB_ROW) {
		json_t *row = matrix_row(rows, db_col_text(st, 0), db_col_text(st, 1));
		json_array_append_new(list_in(row, "uitgevoerdDoor"),
				      json_pack("{s:s,s:s}", "verband", db_col_text(st, 2), "organisatie", db_col_text(st, 3)));
	}
	db_finalize(st);

	/* Medewerkers employed by org, or working for org, with everyone they
	 * work for on that task field on date. */
	st = db_query(
		s->db,
		"SELECT w.medewerker_id, tv.code, tv.naam, m.functie, wg.code, o.code FROM werkt_voor w"
		" JOIN medewerkers m ON m.id = w.medewerker_id JOIN organisaties wg ON wg.id = m.organisatie_id"
		" JOIN organisaties o ON o.id = w.organisatie_id JOIN taakvelden tv ON tv.id = w.taakveld_id"
		" WHERE w.van <= ?1 AND (w.tot IS NULL OR w.tot > ?1) AND (wg.code = ?2 OR EXISTS (SELECT 1 FROM"
		" werkt_voor w2 JOIN organisaties o2 ON o2.id = w2.organisatie_id WHERE w2.medewerker_id = w.medewerker_id"
		" AND w2.taakveld_id = w.taakveld_id AND o2.code = ?2 AND w2.van <= ?1 AND (w2.tot IS NULL OR w2.tot > ?1)))"
		" ORDER BY tv.code, w.medewerker_id, o.code",
		"tt", date, org);
	json_t *cur = NULL;
	long long cur_mw = 0;
	const char *cur_tv = NULL;
	char tvbuf[48] = "";
	while (db_step(st) == DB_ROW) {
		long long mw = db_col_int(st, 0);
		const char *tv = db_col_text(st, 1);
		if (!cur || mw != cur_mw || !cur_tv || strcmp(tvbuf, tv)) {
			json_t *row = matrix_row(rows, tv, db_col_text(st, 2));
			cur = json_pack("{s:I,s:o,s:s,s:[]}", "medewerker", (json_int_t)mw, "functie", store_text_or_null(st, 3),
					"werkgever", db_col_text(st, 4), "werktVoor");
			json_array_append_new(list_in(row, "gedeeldeMedewerkers"), cur);
			cur_mw = mw;
			snprintf(tvbuf, sizeof(tvbuf), "%s", tv);
			cur_tv = tvbuf;
		}
		json_array_append_new(json_object_get(cur, "werktVoor"), json_string(db_col_text(st, 5)));
	}
	db_finalize(st);
}
