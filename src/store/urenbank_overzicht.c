/* Read-only summaries of the hours exchange for the pages (urenbank_overzicht.h). */
#include <string.h>
#include "store/urenbank_maandcijfers.h"
#include "store/urenbank_overzicht.h"

static long long proeftuin_id(struct store *s, const char *pt, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT id FROM proeftuinen WHERE code = ?", "t", pt ? pt : "");
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (!id)
		problem_set(p, 404, "Proeftuin '%s' bestaat niet.", pt ? pt : "");
	return id;
}

int urenbank_flows(struct store *s, const char *pt, json_t **out, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	/* Kept as it is booked (urenbank_stromen, urenbank_post): a taken
	 * posting of an hour entry (or of its correction) is what that
	 * principal took from the organisation of the staff who worked. */
	struct db_stmt *st = db_query(
		s->db,
		"SELECT so.code, po.code, f.minuten FROM urenbank_stromen f"
		" JOIN organisaties so ON so.id = f.organisatie_id"
		" JOIN organisaties po ON po.id = f.opdrachtgever_id"
		" LEFT JOIN proeftuin_leden ls ON ls.proeftuin_id = f.proeftuin_id AND ls.organisatie_id = f.organisatie_id"
		" LEFT JOIN proeftuin_leden lp ON lp.proeftuin_id = f.proeftuin_id AND lp.organisatie_id = f.opdrachtgever_id"
		" WHERE f.proeftuin_id = ? AND f.minuten <> 0"
		" ORDER BY ls.volgorde, lp.volgorde",
		"l", id);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(st, 0), "opdrachtgever",
						   db_col_text(st, 1), "minuten", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_pending_count(struct store *s, const char *pt, const char *org, long long *count, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	/* Whose approval they wait for: as urenbank_uren_list's goedkeurder
	 * (policy_entry_approver). */
	long long oid = org ? store_org_id(s, org) : 0;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT count(*) FROM uren u WHERE u.proeftuin_id = ?1 AND u.status = 'ingediend'"
			 " AND (?2 = 0 OR (EXISTS (SELECT 1 FROM opdrachtgevers g WHERE g.opdracht_id = u.opdracht_id"
			 "  AND g.organisatie_id = ?2) AND (u.organisatie_id <> ?2 OR NOT EXISTS (SELECT 1 FROM"
			 "  opdrachtgevers h WHERE h.opdracht_id = u.opdracht_id AND h.organisatie_id <> u.organisatie_id))))",
			 "ll", id, oid);
	*count = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return 0;
}

int urenbank_open_count(struct store *s, const char *pt, const char *org, long long *open, long long *unstaffed,
			struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	long long oid = org ? store_org_id(s, org) : 0;
	struct db_stmt *st = db_query(
		s->db,
		"SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM inzet i WHERE i.opdracht_id = o.id) THEN 0 ELSE 1 END), 0)"
		" FROM opdrachten o WHERE o.proeftuin_id = ?1 AND o.status = 'open'"
		" AND (?2 = 0 OR EXISTS (SELECT 1 FROM opdrachtgevers g WHERE g.opdracht_id = o.id AND g.organisatie_id = ?2))",
		"ll", id, oid);
	int found = db_step(st) == DB_ROW;
	*open = found ? db_col_int(st, 0) : 0;
	*unstaffed = found ? db_col_int(st, 1) : 0;
	db_finalize(st);
	return 0;
}

int urenbank_uren_recent(struct store *s, const char *pt, const char *org, int n, json_t **out, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	if (n < 1 || n > 100)
		n = 100;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT u.id, u.opdracht_id, u.medewerker_id, m.naam, o.code, u.datum, u.minuten, u.omschrijving,"
			 " u.status, u.reden, u.ingediend_door, u.beoordeeld_door FROM uren u"
			 " JOIN medewerkers m ON m.id = u.medewerker_id JOIN organisaties o ON o.id = u.organisatie_id"
			 " WHERE u.proeftuin_id = ?1 AND (?2 IS NULL OR o.code = ?2) ORDER BY u.id DESC LIMIT ?3",
			 "ltl", id, org, (long long)n);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_pack("{s:I,s:s,s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(st, 0), "proeftuin", pt,
				      "opdracht", (json_int_t)db_col_int(st, 1), "medewerker", (json_int_t)db_col_int(st, 2),
				      "medewerkerNaam", db_col_text(st, 3), "organisatie", db_col_text(st, 4), "datum",
				      db_col_text(st, 5), "minuten", (json_int_t)db_col_int(st, 6));
		const int cols[] = { 7, 8, 9, 10, 11 };
		const char *names[] = { "omschrijving", "status", "reden", "ingediendDoor", "beoordeeldDoor" };
		for (int k = 0; k < 5; k++) {
			const char *t = db_col_text(st, cols[k]);
			json_object_set_new(o, names[k], t ? json_string(t) : json_null());
		}
		json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_uren_summary(struct store *s, const char *pt, json_t **out, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	static const char *const statuses[] = { "ingediend", "goedgekeurd", "afgekeurd", "gecorrigeerd" };
	long long count[4] = { 0 }, minutes[4] = { 0 };
	/* Kept per status as entries are booked and judged (migration 104). */
	struct db_stmt *st =
		db_query(s->db, "SELECT status, aantal, minuten FROM urenbank_uren_stand WHERE proeftuin_id = ?", "l", id);
	while (db_step(st) == DB_ROW)
		for (int k = 0; k < 4; k++)
			if (!strcmp(db_col_text(st, 0), statuses[k])) {
				count[k] = db_col_int(st, 1);
				minutes[k] = db_col_int(st, 2);
			}
	db_finalize(st);
	json_t *a = json_array();
	for (int k = 0; k < 4; k++)
		json_array_append_new(a, json_pack("{s:s,s:I,s:I}", "status", statuses[k], "aantal", (json_int_t)count[k],
						   "minuten", (json_int_t)minutes[k]));
	*out = a;
	return 0;
}

int urenbank_saldi_on(struct store *s, const char *ptc, const char *datum, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT id, kredietlimiet_minuten FROM proeftuinen WHERE code = ?", "t", ptc);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Proeftuin '%s' bestaat niet.", ptc ? ptc : "");
	}
	long long ptid = db_col_int(st, 0), limit = db_col_int(st, 1);
	db_finalize(st);
	/* The members in their order, then every posting dated up to and
	 * including datum summed per organisation, put together here. */
	json_t *a = json_array(), *by = json_object();
	st = db_query(s->db,
		      "SELECT o.code, o.naam, l.organisatie_id FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
		      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1),
				      "gebrachtMinuten", (json_int_t)0, "gehaaldMinuten", (json_int_t)0, "gestortMinuten",
				      (json_int_t)0, "saldoMinuten", (json_int_t)0, "kredietlimietMinuten", (json_int_t)limit);
		char id[32];
		snprintf(id, sizeof(id), "%lld", db_col_int(st, 2));
		json_object_set(by, id, o);
		json_array_append_new(a, o);
	}
	db_finalize(st);
	/* Whole months from the monthly sums (urenbank_maandcijfers.h), the
	 * days of datum's month from the journal. */
	struct urenbank_periode per;
	urenbank_periode_asof(s, ptid, datum, &per);
	st = db_query(s->db,
		      "SELECT org, coalesce(sum(CASE WHEN k LIKE '%:gebracht' THEN m END), 0),"
		      " coalesce(-sum(CASE WHEN k LIKE '%:gehaald' THEN m END), 0),"
		      " coalesce(sum(CASE WHEN k LIKE '%:gestort' THEN m END), 0), coalesce(sum(m), 0) FROM ("
		      " SELECT organisatie_id AS org, soort AS k, minuten AS m FROM urenbank_maand_leden"
		      "  WHERE proeftuin_id = ?1 AND maand >= ?2 AND maand <= ?3 AND soort LIKE '%:%'"
		      " UNION ALL SELECT jp.organisatie_id, j.soort || ':' || jp.soort, jp.minuten FROM journaal j"
		      "  JOIN journaal_posten jp ON jp.proeftuin_id = j.proeftuin_id AND jp.transactie_id = j.id"
		      "  WHERE j.proeftuin_id = ?1 AND j.datum >= ?4 AND j.datum <= ?5 AND jp.organisatie_id IS NOT NULL"
		      ") x GROUP BY org",
		      "ltttt", ptid, per.m1, per.m2, per.d1, per.e1);
	while (db_step(st) == DB_ROW) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", db_col_int(st, 0));
		json_t *o = json_object_get(by, id);
		if (!o)
			continue; /* postings of a former member are not in the list of members */
		json_object_set_new(o, "gebrachtMinuten", json_integer(db_col_int(st, 1)));
		json_object_set_new(o, "gehaaldMinuten", json_integer(db_col_int(st, 2)));
		json_object_set_new(o, "gestortMinuten", json_integer(db_col_int(st, 3)));
		json_object_set_new(o, "saldoMinuten", json_integer(db_col_int(st, 4)));
	}
	json_decref(by);
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_opdracht_stand(struct store *s, const char *pt, json_t **out, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
	/* The approved minutes are kept with each opdracht (migration 098). */
	struct db_stmt *st = db_query(s->db,
				      "SELECT soort, status, count(*), coalesce(sum(goedgekeurd_minuten), 0) FROM opdrachten"
				      " WHERE proeftuin_id = ? GROUP BY soort, status ORDER BY soort, status",
				      "l", id);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I}", "soort", db_col_text(st, 0), "status", db_col_text(st, 1),
						   "aantal", (json_int_t)db_col_int(st, 2), "goedgekeurdMinuten",
						   (json_int_t)db_col_int(st, 3)));
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_flows_largest(struct store *s, const char *pt, long long limit, json_t **out, long long *total, struct problem *p)
{
	long long id = proeftuin_id(s, pt, p);
	if (!id)
		return -p->status;
#define LARGEST                                                                                              \
	" FROM urenbank_stromen f"                                                                           \
	" JOIN proeftuin_leden ls ON ls.proeftuin_id = f.proeftuin_id AND ls.organisatie_id = f.organisatie_id" \
	" JOIN proeftuin_leden lp ON lp.proeftuin_id = f.proeftuin_id AND lp.organisatie_id = f.opdrachtgever_id" \
	" WHERE f.proeftuin_id = ? AND f.minuten <> 0 AND f.organisatie_id <> f.opdrachtgever_id"
	struct db_stmt *st = db_query(s->db,
				      "SELECT so.code, po.code, x.minuten FROM (SELECT f.organisatie_id, f.opdrachtgever_id,"
				      " f.minuten, ls.volgorde AS vs, lp.volgorde AS vp" LARGEST
				      " ORDER BY f.minuten DESC, ls.volgorde, lp.volgorde LIMIT ?) AS x"
				      " JOIN organisaties so ON so.id = x.organisatie_id JOIN organisaties po ON po.id = x.opdrachtgever_id"
				      " ORDER BY x.minuten DESC, x.vs, x.vp",
				      "ll", id, limit);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(st, 0), "opdrachtgever",
						   db_col_text(st, 1), "minuten", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	/* Every flow is between members (urenbank_post): counted from the index alone. */
	st = db_query(s->db,
		      "SELECT count(*) FROM urenbank_stromen WHERE proeftuin_id = ? AND minuten <> 0"
		      " AND organisatie_id <> opdrachtgever_id",
		      "l", id);
	*total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
#undef LARGEST
	*out = a;
	return 0;
}
