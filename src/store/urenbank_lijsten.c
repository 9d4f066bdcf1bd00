/* The urenbank's lists that a national proeftuin makes long (urenbank.h):
 * the inzet of one organisation for the booking form, and the open inzet a
 * page at a time. */
#include <stdio.h>
#include "store/urenbank_intern.h"

int urenbank_inzet_of(struct store *s, const char *ptc, const char *org, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st = db_query(
		s->db,
		"SELECT o.id, o.titel, m.naam, sum(i.minuten) FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id"
		" JOIN medewerkers m ON m.id = i.medewerker_id WHERE i.organisatie_id = (SELECT id FROM organisaties WHERE code = ?2)"
		" AND o.proeftuin_id = ?1 AND o.status = 'open'"
		" GROUP BY o.id, o.titel, i.medewerker_id, m.naam ORDER BY o.id, min(i.id)",
		"lt", pt.id, org ? org : "");
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:I}", "opdracht", (json_int_t)db_col_int(st, 0), "titel",
						   db_col_text(st, 1), "naam", db_col_text(st, 2), "minuten",
						   (json_int_t)db_col_int(st, 3)));
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_open_inzet(struct store *s, const char *ptc, const char *org, int ended_too, long long offset, long long limit,
			json_t **out, long long *total, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	long long oid = org ? store_org_id(s, org) : 0;
	if (org && !oid)
		return problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", org);
#define OPEN_INZET                                                                                                 \
	" FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id WHERE o.proeftuin_id = ?1 AND o.status = 'open'"  \
	" AND (?3 = 1 OR i.status = 'open') AND (?2 = 0 OR i.organisatie_id = ?2 OR o.id IN (SELECT g.opdracht_id" \
	"  FROM opdrachtgevers g WHERE g.organisatie_id = ?2))"
	/* Every inzet of the open opdrachten (the matching page): the index of
	 * the inzet by opdracht answers alone, no inzet row is read to count
	 * them (60 000 nationally). */
#define ALL_INZET " FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id WHERE o.proeftuin_id = ?1 AND o.status = 'open'"
#define PAGE_OF(where)                                                                                                \
	"SELECT i.id, i.medewerker_id, m.naam, org.code, i.minuten, i.status, i.beeindigd,"                           \
	" i.beeindigd_reden, o.id, o.titel FROM (SELECT i.id" where " ORDER BY o.id, i.id LIMIT ?4 OFFSET ?5) AS k"   \
	" JOIN inzet i ON i.id = k.id JOIN opdrachten o ON o.id = i.opdracht_id JOIN medewerkers m ON m.id = i.medewerker_id" \
	" JOIN organisaties org ON org.id = i.organisatie_id ORDER BY o.id, i.id"
	int all = !oid && ended_too;
	struct db_stmt *st = db_query(s->db, all ? PAGE_OF(ALL_INZET) : PAGE_OF(OPEN_INZET), "lllll", pt.id, oid,
				      (long long)(ended_too != 0), limit, offset);
	json_t *a = json_array(), *byid = json_object();
	long long ids[OPDRACHT_CHUNK];
	size_t n = 0;
	while (db_step(st) == DB_ROW) {
		json_t *x = urenbank_inzet_row_json(st, 0);
		char k[32];
		snprintf(k, sizeof(k), "%lld", db_col_int(st, 8));
		json_t *o = json_object_get(byid, k);
		if (!o) {
			o = json_pack("{s:I,s:s,s:[]}", "id", (json_int_t)db_col_int(st, 8), "titel", db_col_text(st, 9),
				      "opdrachtgevers");
			json_object_set_new(byid, k, o);
			if (n < OPDRACHT_CHUNK)
				ids[n++] = db_col_int(st, 8);
		}
		json_object_set(x, "opdracht", o);
		json_array_append_new(a, x);
	}
	db_finalize(st);
	urenbank_opdracht_lists(s, byid, ids, n, OPDRACHT_GEVERS);
	json_decref(byid);
	st = all ? db_query(s->db, "SELECT count(*)" ALL_INZET, "l", pt.id)
		 : db_query(s->db, "SELECT count(*)" OPEN_INZET, "lll", pt.id, oid, (long long)(ended_too != 0));
	*total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
#undef PAGE_OF
#undef ALL_INZET
#undef OPEN_INZET
	*out = a;
	return 0;
}
