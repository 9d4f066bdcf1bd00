/* Absences and substitution arrangements of the kwaliteitskaart. See
 * kwaliteitskaart.h. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "store/page.h"
#include "store/fields.h"
#include "store/kwaliteitskaart.h"
#include "store/kwaliteitskaart_intern.h"

static const char *const reden_values[] = { "ziekte", "vakantie", "verlof", "opleiding", "overig", NULL };

/* ---- absences --------------------------------------------------------------- */

#define ABSENCE_SELECT                                                                            \
	"SELECT a.id, a.medewerker_id, o.code, a.van, a.tot, a.reden, m.naam FROM afwezigheden a" \
	" JOIN medewerkers m ON m.id = a.medewerker_id JOIN organisaties o ON o.id = m.organisatie_id"

static json_t *absence_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "medewerker",
			      (json_int_t)db_col_int(st, 1), "medewerkerNaam", db_col_text(st, 6), "organisatie",
			      db_col_text(st, 2), "van", db_col_text(st, 3), "tot", db_col_text(st, 4));
	json_object_set_new(o, "reden", store_text_or_null(st, 5));
	return o;
}

int kwaliteitskaart_absence_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	long long id = 0;
	const char *van = NULL, *tot = NULL, *reden = NULL;
	field_int(in, "medewerker", FIELD_REQUIRED, 1, 999999999999999LL, &id, p);
	field_date(in, "van", FIELD_REQUIRED, &van, p);
	field_date(in, "tot", FIELD_REQUIRED, &tot, p);
	field_enum(in, "reden", FIELD_OPTIONAL, reden_values, &reden, p);
	if (van && tot && strcmp(tot, van) < 0)
		problem_param(p, "tot", "ligt voor 'van' (%s); een afwezigheid van één dag heeft tot = van", van);
	if (p->status)
		return -p->status;
	if (store_begin(s, p) < 0)
		return -p->status;
	int r;
	if (!kwaliteitskaart_staff_org_id(s, id)) {
		char what[32];
		snprintf(what, sizeof(what), "%lld", id);
		r = kwaliteitskaart_unknown_ref(p, "medewerker", "medewerker %s bestaat niet", what);
		goto out;
	}
	char now[32];
	store_now_text(now);
	r = db_run(s->db, "INSERT INTO afwezigheden(medewerker_id, van, tot, reden, aangemaakt) VALUES(?, ?, ?, ?, ?)", "ltttt",
		   id, van, tot, reden, now);
	if (r < 0) {
		r = store_db_problem(s, r, p, "afwezigheid");
		goto out;
	}
	struct db_stmt *st = db_query(s->db, ABSENCE_SELECT " WHERE a.id = ?", "l", db_last_id(s->db));
	if (db_step(st) == DB_ROW)
		*out = absence_json(st);
	else
		r = store_db_problem(s, DB_ERR, p, "afwezigheid");
	db_finalize(st);
out:
	return store_finish(s, r, p);
}

int kwaliteitskaart_absence_list(struct store *s, const char *org, long long id, const char *van, const char *tot, json_t **out,
				 struct problem *p)
{
	long long oid = 0;
	if (org && !(oid = store_org_id(s, org))) {
		problem_set(p, 422, "Organisatie '%s' bestaat niet.", org);
		problem_param(p, "organisatie", "organisatie '%s' bestaat niet", org);
		p->status = 422;
		return -422;
	}
	struct db_stmt *st = db_query(s->db,
				      ABSENCE_SELECT " WHERE (? = 0 OR m.organisatie_id = ?) AND (? = 0 OR a.medewerker_id = ?)"
						     " AND (? IS NULL OR a.tot >= ?) AND (? IS NULL OR a.van <= ?)"
						     " ORDER BY a.van, a.id",
				      "llll"
				      "tttt",
				      oid, oid, id, id, van, van, tot, tot);
	if (!st)
		return store_db_problem(s, DB_ERR, p, "afwezigheden");
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, absence_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

int kwaliteitskaart_absence_owner(struct store *s, long long absence_id, long long *staff, char *org, size_t orglen,
				  struct problem *p)
{
	struct db_stmt *st = db_query(s->db, ABSENCE_SELECT " WHERE a.id = ?", "l", absence_id);
	int found = db_step(st) == DB_ROW;
	if (found) {
		*staff = db_col_int(st, 1);
		snprintf(org, orglen, "%s", db_col_text(st, 2));
	}
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Afwezigheid %lld bestaat niet.", absence_id);
}

int kwaliteitskaart_absence_delete(struct store *s, long long absence_id, struct problem *p)
{
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = db_run(s->db, "DELETE FROM afwezigheden WHERE id = ?", "l", absence_id);
	if (r < 0)
		r = store_db_problem(s, r, p, "afwezigheid");
	else if (!db_changes(s->db))
		r = problem_set(p, 404, "Afwezigheid %lld bestaat niet.", absence_id);
	return store_finish(s, r, p);
}

/* ---- substitutions ------------------------------------------------------------ */

#define SUBSTITUTION_SELECT                                                                                                  \
	"SELECT v.id, h.id, h.naam, ho.code, s.id, s.naam, so.code, c.code, v.aangemaakt, v.beeindigd, c.naam"               \
	" FROM vervangingen v JOIN medewerkers h ON h.id = v.medewerker_id JOIN organisaties ho ON ho.id = h.organisatie_id" \
	" JOIN medewerkers s ON s.id = v.vervanger_id JOIN organisaties so ON so.id = s.organisatie_id"                      \
	" JOIN competenties c ON c.id = v.competentie_id"

static json_t *substitution_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "medewerker",
			      (json_int_t)db_col_int(st, 1), "medewerkerNaam", db_col_text(st, 2), "organisatie",
			      db_col_text(st, 3), "vervanger", (json_int_t)db_col_int(st, 4), "vervangerNaam", db_col_text(st, 5),
			      "vervangerOrganisatie", db_col_text(st, 6), "competentie", db_col_text(st, 7), "competentieNaam",
			      db_col_text(st, 10), "aangemaakt", db_col_text(st, 8));
	json_object_set_new(o, "beeindigd", store_text_or_null(st, 9));
	return o;
}

static int level_of(struct store *s, long long id, long long cid)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT niveau FROM medewerker_competenties WHERE medewerker_id = ? AND competentie_id = ?", "ll",
			 id, cid);
	int n = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : 0;
	db_finalize(st);
	return n;
}

int kwaliteitskaart_substitution_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	long long mid = 0, vid = 0;
	const char *code = NULL;
	field_int(in, "medewerker", FIELD_REQUIRED, 1, 999999999999999LL, &mid, p);
	field_int(in, "vervanger", FIELD_REQUIRED, 1, 999999999999999LL, &vid, p);
	field_text(in, "competentie", FIELD_REQUIRED, 40, &code, p);
	if (p->status)
		return -p->status;
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = 0;
	long long cid = kwaliteitskaart_competence_id(s, code);
	char what[32];
	if (!kwaliteitskaart_staff_org_id(s, mid)) {
		snprintf(what, sizeof(what), "%lld", mid);
		r = kwaliteitskaart_unknown_ref(p, "medewerker", "medewerker %s bestaat niet", what);
	} else if (!kwaliteitskaart_staff_org_id(s, vid)) {
		snprintf(what, sizeof(what), "%lld", vid);
		r = kwaliteitskaart_unknown_ref(p, "vervanger", "medewerker %s bestaat niet", what);
	} else if (!cid) {
		r = kwaliteitskaart_unknown_ref(p, "competentie", "competentie '%s' bestaat niet", code);
	} else if (mid == vid) {
		r = kwaliteitskaart_unknown_ref(
			p, "vervanger", "%s",
			"iemand kan zichzelf niet vervangen; kies een collega, ook uit een andere gemeente");
	} else if (!level_of(s, mid, cid)) {
		r = kwaliteitskaart_unknown_ref(p, "competentie",
						"de medewerker heeft competentie '%s' niet; leg eerst het niveau vast", code);
	} else {
		int lv = level_of(s, vid, cid);
		if (lv < KWALITEITSKAART_HOLDER_LEVEL) {
			char reason[200];
			snprintf(reason, sizeof(reason),
				 "heeft competentie '%s' %s; een vervanger moet haar op niveau 2 (ervaren) of 3 "
				 "(expert) beheersen",
				 code, lv ? "alleen op niveau 1 (basis)" : "niet");
			r = kwaliteitskaart_unknown_ref(p, "vervanger", "%s", reason);
		}
	}
	if (r < 0)
		goto out;
	char now[32];
	store_now_text(now);
	r = db_run(s->db, "INSERT INTO vervangingen(medewerker_id, vervanger_id, competentie_id, aangemaakt) VALUES(?, ?, ?, ?)",
		   "lllt", mid, vid, cid, now);
	if (r == DB_ERR_UNIQUE) {
		r = problem_set(p, 409, "Medewerker %lld wordt al door %lld vervangen voor '%s'.", mid, vid, code);
		goto out;
	}
	if (r < 0) {
		r = store_db_problem(s, r, p, "vervanging");
		goto out;
	}
	struct db_stmt *st = db_query(s->db, SUBSTITUTION_SELECT " WHERE v.id = ?", "l", db_last_id(s->db));
	if (db_step(st) == DB_ROW)
		*out = substitution_json(st);
	else
		r = store_db_problem(s, DB_ERR, p, "vervanging");
	db_finalize(st);
out:
	return store_finish(s, r, p);
}

int kwaliteitskaart_substitution_list(struct store *s, const char *org, long long id, const char *code, int ended, json_t **out,
				      struct problem *p)
{
	return kwaliteitskaart_substitution_page(s, org, id, code, ended, NULL, out, p);
}

int kwaliteitskaart_substitution_page(struct store *s, const char *org, long long id, const char *code, int ended,
				      struct store_page *pg, json_t **out, struct problem *p)
{
	long long oid = 0, cid = 0;
	if (org && !(oid = store_org_id(s, org))) {
		problem_set(p, 422, "Organisatie '%s' bestaat niet.", org);
		problem_param(p, "organisatie", "organisatie '%s' bestaat niet", org);
		p->status = 422;
		return -422;
	}
	if (code && !(cid = kwaliteitskaart_competence_id(s, code))) {
		problem_set(p, 422, "Competentie '%s' bestaat niet.", code);
		problem_param(p, "competentie", "competentie '%s' bestaat niet", code);
		p->status = 422;
		return -422;
	}
#define SQL                                                                                            \
	SUBSTITUTION_SELECT " WHERE (? = 0 OR h.organisatie_id = ? OR s.organisatie_id = ?)"           \
			    " AND (? = 0 OR h.id = ? OR s.id = ?) AND (? = 0 OR v.competentie_id = ?)" \
			    " AND (? = 1 OR v.beeindigd IS NULL) ORDER BY c.code, v.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL,
				      "lll"
				      "lll"
				      "ll"
				      "i" STORE_PAGE_BINDS,
				      oid, oid, oid, id, id, id, cid, cid, ended ? 1 : 0, STORE_PAGE_ARGS(pg));
	if (!st) {
		store_page_end(s, pg, NULL);
		return store_db_problem(s, DB_ERR, p, "vervangingen");
	}
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, substitution_json(st));
	db_finalize(st);
	store_page_end(s, pg,
		       pg ? db_query(s->db, STORE_PAGE_COUNT(SQL),
				     "lll"
				     "lll"
				     "ll"
				     "i",
				     oid, oid, oid, id, id, id, cid, cid, ended ? 1 : 0)
			  : NULL);
	*out = a;
	return 0;
#undef SQL
}

int kwaliteitskaart_substitution_orgs(struct store *s, long long sid, char *org, char *vorg, size_t len, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, SUBSTITUTION_SELECT " WHERE v.id = ?", "l", sid);
	int found = db_step(st) == DB_ROW;
	if (found) {
		snprintf(org, len, "%s", db_col_text(st, 3));
		snprintf(vorg, len, "%s", db_col_text(st, 6));
	}
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Vervanging %lld bestaat niet.", sid);
}

int kwaliteitskaart_substitution_end(struct store *s, long long sid, json_t **out, struct problem *p)
{
	if (store_begin(s, p) < 0)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db, "UPDATE vervangingen SET beeindigd = ? WHERE id = ? AND beeindigd IS NULL", "tl", now, sid);
	if (r < 0) {
		r = store_db_problem(s, r, p, "vervanging");
		goto out;
	}
	int changed = db_changes(s->db) > 0;
	struct db_stmt *st = db_query(s->db, SUBSTITUTION_SELECT " WHERE v.id = ?", "l", sid);
	if (db_step(st) != DB_ROW)
		r = problem_set(p, 404, "Vervanging %lld bestaat niet.", sid);
	else if (!changed)
		r = problem_set(p, 409, "Vervanging %lld is al beëindigd op %s.", sid, db_col_text(st, 9));
	else
		*out = substitution_json(st);
	db_finalize(st);
out:
	return store_finish(s, r, p);
}
