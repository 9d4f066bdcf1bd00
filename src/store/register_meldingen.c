/* "Schaken op meerdere borden": meldingen to the members of a verband
 * when one of them works on its task field with a party from outside. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/date.h"
#include "core/idset.h"
#include "store/register.h"
#include "store/page.h"
#include "store/register_sql.h"

static const char *str_of(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- meldingen ---------------------------------------------------------------- */

static void ids_of(struct store *s, struct idset *out, const char *sql, const char *fmt, long long a, const char *d)
{
	struct db_stmt *st = db_query(s->db, sql, fmt, a, d, d);
	while (db_step(st) == DB_ROW)
		idset_add(out, db_col_int(st, 0));
	db_finalize(st);
}

static int detect(struct store *s, long long tid, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT t.verband_id, t.taakveld_id, t.start, v.geen_cherry_picking FROM trajecten t"
				      " JOIN verbanden v ON v.id = t.verband_id WHERE t.id = ?",
				      "l", tid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", tid);
	}
	long long v2 = db_col_int(st, 0), tv = db_col_int(st, 1);
	int gcp = (int)db_col_int(st, 3);
	char start[DATE_TEXT_LEN];
	snprintf(start, sizeof(start), "%s", db_col_text(st, 2));
	db_finalize(st);

	struct idset part = { 0 }, cand = { 0 };
	if (gcp)
		ids_of(s, &part,
		       "SELECT l.organisatie_id FROM lidmaatschappen l WHERE l.verband_id = ? AND " REGISTER_SQL_ACTIVE_MEMBER(
			       "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?"),
		       "ltt", v2, start);
	else
		ids_of(s, &part, "SELECT organisatie_id FROM traject_deelnemers WHERE traject_id = ?", "l", tid, NULL);
	/* Verbanden that already cover the task field when this one starts. */
	st = db_query(s->db,
		      "SELECT DISTINCT verband_id FROM trajecten WHERE taakveld_id = ? AND verband_id <> ? AND id < ?"
		      " AND (eind IS NULL OR eind > ?)",
		      "lllt", tv, v2, tid, start);
	while (db_step(st) == DB_ROW)
		idset_add(&cand, db_col_int(st, 0));
	db_finalize(st);

	int r = 0;
	char now[32];
	date_format(date_today(), now);
	for (size_t c = 0; c < cand.n && r == 0; c++) {
		/* Its members on the start date (any), and those that take part (active), in one read. */
		struct idset active = { 0 }, any = { 0 };
		st = db_query(s->db,
			      "SELECT l.organisatie_id, CASE WHEN " REGISTER_SQL_ACTIVE_MEMBER("l") " THEN 1 ELSE 0 END"
			      " FROM lidmaatschappen l WHERE l.verband_id = ? AND " REGISTER_SQL_MEMBER_ON("l", "?"),
			      "ltt", cand.v[c], start, start);
		while (db_step(st) == DB_ROW) {
			idset_add(&any, db_col_int(st, 0));
			if (db_col_int(st, 1))
				idset_add(&active, db_col_int(st, 0));
		}
		db_finalize(st);
		struct idset melders = { 0 }, buiten = { 0 }, ontvangers = { 0 };
		for (size_t i = 0; i < part.n; i++) {
			if (idset_has(&active, part.v[i]))
				idset_add(&melders, part.v[i]);
			if (!idset_has(&any, part.v[i]))
				idset_add(&buiten, part.v[i]);
		}
		for (size_t i = 0; i < active.n; i++)
			if (!idset_has(&part, active.v[i]))
				idset_add(&ontvangers, active.v[i]);
		if (melders.n && buiten.n && ontvangers.n) {
			long long mid;
			r = db_insert(s->db, &mid,
				      "INSERT INTO meldingen(verband_id, traject_id, datum, aangemaakt) VALUES(?, ?, ?, ?)"
				      " ON CONFLICT(verband_id, traject_id) DO NOTHING RETURNING id",
				      "lltt", cand.v[c], tid, start, now);
			if (r == 0 && mid) {
				static const char *const roles[] = { "melder", "buiten", "ontvanger" };
				struct idset *sets[] = { &melders, &buiten, &ontvangers };
				for (int k = 0; k < 3 && r == 0; k++)
					for (size_t i = 0; i < sets[k]->n && r == 0; i++)
						r = db_run(s->db,
							   "INSERT INTO melding_organisaties(melding_id, organisatie_id, rol) "
							   "VALUES(?, ?, ?)",
							   "llt", mid, sets[k]->v[i], roles[k]);
			}
		}
		idset_release(&active), idset_release(&any);
		idset_release(&melders), idset_release(&buiten), idset_release(&ontvangers);
	}
	idset_release(&part), idset_release(&cand);
	return r < 0 ? store_db_problem(s, r, p, "melding") : 0;
}

int register_traject_created(struct store *s, long long traject, struct problem *p) { return detect(s, traject, p); }

int register_meldingen_scan_all(struct store *s, void *arg, struct problem *p)
{
	(void)arg;
	struct idset all = { 0 };
	struct db_stmt *st = db_query(s->db, "SELECT id FROM trajecten ORDER BY id", NULL);
	while (db_step(st) == DB_ROW)
		idset_add(&all, db_col_int(st, 0));
	db_finalize(st);
	int r = 0;
	for (size_t i = 0; i < all.n && r == 0; i++)
		r = detect(s, all.v[i], p);
	idset_release(&all);
	return r;
}

int register_meldingen_scan(struct store *s, struct problem *p)
{
	return store_transaction(s, p, register_meldingen_scan_all, NULL);
}

/* The organisations of the meldingen a query gave, by role, as codes, and
 * their names as Dutch prose ("Kampen", "Staphorst en Zwartewaterland",
 * "Deventer, Hardenberg, Kampen, Ommen en 3 andere"): one query for all of
 * them, never one per melding. */
struct notice_orgs {
	json_t *codes, *names; /* {"<id>/<rol>": [...]} */
};

static void notice_orgs_load(struct store *s, json_t *list, struct notice_orgs *no)
{
	no->codes = json_object(), no->names = json_object();
	if (!json_array_size(list))
		return;
	long long lo = 0, hi = 0;
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		long long id = json_integer_value(json_object_get(m, "id"));
		if (!i || id < lo)
			lo = id;
		if (!i || id > hi)
			hi = id;
	}
	/* The ids of a page lie between its lowest and highest; what else lies
	 * there is skipped below. */
	struct db_stmt *st = db_query(s->db,
				      "SELECT mo.melding_id, mo.rol, o.code, o.naam FROM melding_organisaties mo"
				      " JOIN organisaties o ON o.id = mo.organisatie_id WHERE mo.melding_id BETWEEN ? AND ?"
				      " ORDER BY mo.melding_id, mo.rol, o.naam",
				      "ll", lo, hi);
	while (db_step(st) == DB_ROW) {
		char k[64];
		snprintf(k, sizeof(k), "%lld/%s", db_col_int(st, 0), db_col_text(st, 1));
		json_t *c = json_object_get(no->codes, k), *n = json_object_get(no->names, k);
		if (!c) {
			json_object_set_new(no->codes, k, c = json_array());
			json_object_set_new(no->names, k, n = json_array());
		}
		json_array_append_new(c, json_string(db_col_text(st, 2)));
		json_array_append_new(n, json_string(db_col_text(st, 3)));
	}
	db_finalize(st);
}

static json_t *notice_orgs(struct notice_orgs *no, long long mid, const char *role, struct buf *names)
{
	char k[64];
	snprintf(k, sizeof(k), "%lld/%s", mid, role);
	json_t *a = json_object_get(no->codes, k), *n = json_object_get(no->names, k);
	size_t total = json_array_size(n), shown = total > 5 ? 4 : total;
	for (size_t i = 0; i < shown; i++)
		buf_printf(names, "%s%s",
			   i == 0                               ? ""
			   : (i + 1 == shown && shown == total) ? " en "
								: ", ",
			   json_string_value(json_array_get(n, i)));
	if (shown < total)
		buf_printf(names, " en %zu andere", total - shown);
	return a ? json_incref(a) : json_array();
}

/* Meldingen in which organisation oid (0: any) has role (ontvanger or
 * melder), of verband (NULL: any); one page of them (pg, NULL: all). */
static json_t *meldingen_page(struct store *s, long long oid, const char *role, const char *verband, struct store_page *pg)
{
#define SQL                                                                                               \
	"SELECT m.id, v.code, v.naam, t.id, v2.code, v2.naam, tv.code, tv.naam, m.datum FROM meldingen m" \
	" JOIN verbanden v ON v.id = m.verband_id JOIN trajecten t ON t.id = m.traject_id"                \
	" JOIN verbanden v2 ON v2.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id"          \
	" WHERE (?1 IS NULL OR v.code = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM melding_organisaties mo" \
	"   WHERE mo.melding_id = m.id AND mo.organisatie_id = ?2 AND mo.rol = ?3))"                      \
	" ORDER BY m.datum, m.id"
	store_page_begin(s, pg);
	struct db_stmt *st =
		db_query(s->db, SQL " LIMIT ?4 OFFSET ?5", "tlt" STORE_PAGE_BINDS, verband, oid, role, STORE_PAGE_ARGS(pg));
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o =
			json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband",
				  db_col_text(st, 1), "verbandNaam", db_col_text(st, 2), "traject", (json_int_t)db_col_int(st, 3),
				  "trajectVerband", db_col_text(st, 4), "trajectVerbandNaam", db_col_text(st, 5), "taakveld",
				  db_col_text(st, 6), "taakveldNaam", db_col_text(st, 7), "datum", db_col_text(st, 8));
		json_array_append_new(a, o);
	}
	db_finalize(st);
	struct notice_orgs no;
	notice_orgs_load(s, a, &no);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "tlt", verband, oid, role) : NULL);
#undef SQL
	size_t i;
	json_t *o;
	json_array_foreach(a, i, o) {
		long long mid = json_integer_value(json_object_get(o, "id"));
		struct buf mel, bui, ont;
		buf_init(&mel, 2048), buf_init(&bui, 2048), buf_init(&ont, 2048);
		json_object_set_new(o, "melders", notice_orgs(&no, mid, "melder", &mel));
		json_object_set_new(o, "buitenPartners", notice_orgs(&no, mid, "buiten", &bui));
		json_object_set_new(o, "ontvangers", notice_orgs(&no, mid, "ontvanger", &ont));
		char text[1024];
		snprintf(text, sizeof(text),
			 "%s %s vanaf %s op het taakveld %s ook samen met %s, in '%s'. In %s is dat taakveld al een "
			 "samenwerkingsterrein; ter informatie voor %s.",
			 buf_str(&mel), json_array_size(json_object_get(o, "melders")) > 1 ? "werken" : "werkt",
			 str_of(o, "datum"), str_of(o, "taakveldNaam"), buf_str(&bui), str_of(o, "trajectVerbandNaam"),
			 str_of(o, "verbandNaam"), buf_str(&ont));
		json_object_set_new(o, "tekst", json_string(text));
		buf_release(&mel), buf_release(&bui), buf_release(&ont);
	}
	json_decref(no.codes);
	json_decref(no.names);
	return a;
}

json_t *register_meldingen_query(struct store *s, long long oid, const char *role, const char *verband)
{
	return meldingen_page(s, oid, role, verband, NULL);
}

int register_meldingen_page(struct store *s, const char *organisatie, const char *verband, struct store_page *pg, json_t **out,
			    struct problem *p)
{
	long long oid = 0;
	if (organisatie && !(oid = store_org_id(s, organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", organisatie);
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	*out = meldingen_page(s, oid, "ontvanger", verband, pg);
	return 0;
}

int register_meldingen_list(struct store *s, const char *organisatie, const char *verband, json_t **out, struct problem *p)
{
	return register_meldingen_page(s, organisatie, verband, NULL, out, p);
}
