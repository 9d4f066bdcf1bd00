/* The dienstverlening proeftuin: membership, expertise pools and the
 * training programme (store/dienstverlening.h). Who holds a competence is
 * read from the kwaliteitskaart each time, never copied. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/kwaliteitskaart.h"
#include "store/db.h"
#include "store/dienstverlening.h"
#include "store/fields.h"
#include "store/register_sql.h"

/* The verband's id, or 0 with a 404. */
static long long verband_id(struct store *s, const char *code, struct problem *p)
{
	long long id = code ? store_verband_id(s, code) : 0;
	if (!id)
		problem_set(p, 404, "Verband '%s' bestaat niet.", code ? code : "");
	return id;
}

static void today(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

int dienstverlening_member(struct store *s, const char *verband, const char *org, struct problem *p)
{
	long long vid = verband_id(s, verband, p);
	if (!vid)
		return -p->status;
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
				      " WHERE l.verband_id = ?1 AND o.code = ?2 AND " REGISTER_SQL_ACTIVE_MEMBER(
					      "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?3"),
				      "ltt", vid, org ? org : "", d);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

/* The members of verband vid today, by code: [{"organisatie","naam"}]. */
static json_t *members(struct store *s, long long vid)
{
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *st = db_query(s->db,
				      "SELECT DISTINCT o.id, o.code, o.naam FROM lidmaatschappen l JOIN organisaties o ON o.id ="
				      " l.organisatie_id WHERE l.verband_id = ?1 AND " REGISTER_SQL_ACTIVE_MEMBER(
					      "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?2") " ORDER BY o.code",
				      "lt", vid, d);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "organisatie",
						   db_col_text(st, 1), "naam", db_col_text(st, 2)));
	db_finalize(st);
	return a;
}

/* Everyone in the members of vid with a level in competence cid:
 * [{"medewerker","naam","organisatie","niveau","niveauNaam"}], by level (high first). */
static json_t *levels(struct store *s, long long vid, long long cid)
{
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT m.id, m.naam, o.code, mc.niveau FROM medewerker_competenties mc JOIN medewerkers m ON m.id = "
			 "mc.medewerker_id"
			 " JOIN organisaties o ON o.id = m.organisatie_id WHERE mc.competentie_id = ?1 AND EXISTS (SELECT 1 FROM"
			 " lidmaatschappen l WHERE l.verband_id = ?2 AND l.organisatie_id = o.id AND " REGISTER_SQL_ACTIVE_MEMBER(
				 "l") " AND " REGISTER_SQL_MEMBER_ON("l", "?3") ") ORDER BY mc.niveau DESC, o.code, m.naam, m.id",
			 "llt", cid, vid, d);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		int niveau = (int)db_col_int(st, 3);
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:i,s:s}", "medewerker", (json_int_t)db_col_int(st, 0), "naam",
						   db_col_text(st, 1), "organisatie", db_col_text(st, 2), "niveau", niveau,
						   "niveauNaam", kwaliteitskaart_level_name(niveau)));
	}
	db_finalize(st);
	return a;
}

int dienstverlening_verbanden(struct store *s, const char *org, json_t **out, struct problem *p)
{
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *st = db_query(
		s->db,
		"SELECT v.code, v.naam,"
		" (SELECT count(*) FROM dienstverlening_antwoorden a JOIN organisaties ao ON ao.id = a.eigenaar_id"
		"  WHERE a.verband_id = v.id AND a.herzien < ?2 AND (?1 IS NULL OR ao.code = ?1)),"
		" (SELECT count(*) FROM dienstverlening_opleidingen t WHERE t.verband_id = v.id AND t.afgerond IS NULL"
		"  AND t.gepland < ?2)"
		" FROM verbanden v WHERE (EXISTS (SELECT 1 FROM dienstverlening_pools pl WHERE pl.verband_id = v.id)"
		"  OR EXISTS (SELECT 1 FROM dienstverlening_antwoorden a WHERE a.verband_id = v.id))"
		" AND (?1 IS NULL OR EXISTS (SELECT 1 FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
		"  WHERE l.verband_id = v.id AND o.code = ?1 AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON(
			"l", "?2") "))"
				   " ORDER BY v.code",
		"tt", org, d);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I}", "verband", db_col_text(st, 0), "naam", db_col_text(st, 1),
						   "antwoordenAchterstallig", (json_int_t)db_col_int(st, 2),
						   "opleidingenAchterstallig", (json_int_t)db_col_int(st, 3)));
	db_finalize(st);
	(void)p;
	*out = a;
	return 0;
}

/* ---- pools ---------------------------------------------------------------------------------- */

struct pool_args {
	const struct actor *by;
	const char *verband;
	json_t *in;
	json_t **out;
};

static json_t *pool_json(struct store *s, long long vid, const char *verband, struct db_stmt *row)
{
	long long id = db_col_int(row, 0), cid = db_col_int(row, 1);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)id, "verband", verband, "competentie",
			      db_col_text(row, 2), "competentieNaam", db_col_text(row, 3), "naam", db_col_text(row, 4));
	if (!db_col_null(row, 5))
		json_object_set_new(o, "omschrijving", json_string(db_col_text(row, 5)));
	json_t *people = levels(s, vid, cid);
	json_t *orgs = json_array(), *mem = members(s, vid), *een = json_array(), *gap = json_array();
	long long total = 0;
	size_t i, j;
	json_t *m, *x;
	json_array_foreach(mem, i, m) {
		const char *code = json_string_value(json_object_get(m, "organisatie"));
		long long holders = 0;
		json_array_foreach(people, j, x)
			if (!strcmp(json_string_value(json_object_get(x, "organisatie")), code) &&
			    json_integer_value(json_object_get(x, "niveau")) >= KWALITEITSKAART_HOLDER_LEVEL)
				holders++;
		/* The hours the holders of this member can give a week: the sum of
		 * their beschikbaar uur, never one person's (that is personal data). */
		struct db_stmt *h = db_query(
			s->db,
			"SELECT coalesce(sum(m.beschikbaar_uur_per_week), 0) FROM medewerker_competenties mc JOIN medewerkers m"
			" ON m.id = mc.medewerker_id WHERE mc.competentie_id = ? AND m.organisatie_id = ? AND mc.niveau >= ?",
			"lli", cid, (long long)json_integer_value(json_object_get(m, "id")), KWALITEITSKAART_HOLDER_LEVEL);
		long long hours = db_step(h) == DB_ROW ? db_col_int(h, 0) : 0;
		db_finalize(h);
		total += hours;
		enum kwaliteitskaart_status st = kwaliteitskaart_status_of(holders);
		json_array_append_new(orgs,
				      json_pack("{s:s,s:s,s:I,s:I,s:s}", "organisatie", code, "naam",
						json_string_value(json_object_get(m, "naam")), "houders", (json_int_t)holders,
						"urenPerWeek", (json_int_t)hours, "status", kwaliteitskaart_status_name(st)));
		if (st == KWALITEITSKAART_EEN_PITTER)
			json_array_append_new(een, json_string(code));
		else if (st == KWALITEITSKAART_ONTBREEKT)
			json_array_append_new(gap, json_string(code));
	}
	json_decref(mem);
	json_object_set_new(o, "mensen", people);
	json_object_set_new(o, "organisaties", orgs);
	json_object_set_new(o, "urenPerWeek", json_integer(total));
	json_object_set_new(o, "eenPitters", een);
	json_object_set_new(o, "ontbreekt", gap);
	return o;
}

#define POOL_SELECT                                                                                                      \
	"SELECT pl.id, c.id, c.code, c.naam, pl.naam, pl.omschrijving FROM dienstverlening_pools pl JOIN competenties c" \
	" ON c.id = pl.competentie_id"

static int do_pool_create(struct store *s, void *arg, struct problem *p)
{
	struct pool_args *a = arg;
	long long vid = verband_id(s, a->verband, p);
	if (!vid)
		return -p->status;
	const char *comp = NULL, *naam = NULL, *oms = NULL;
	field_text(a->in, "competentie", FIELD_REQUIRED, 40, &comp, p);
	field_text(a->in, "naam", FIELD_REQUIRED, 120, &naam, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 2000, &oms, p);
	if (!p->nparams && !naam[0])
		problem_param(p, "naam", "mag niet leeg zijn");
	if (p->nparams)
		return -p->status;
	long long cid = store_lookup_id(s, "SELECT id FROM competenties WHERE code = ?", comp);
	if (!cid)
		return problem_set(p, 422, "Competentie '%s' staat niet in de kwaliteitskaart.", comp);
	char now[32];
	store_now_text(now);
	long long id;
	int r = db_insert(s->db, &id,
			  "INSERT INTO dienstverlening_pools(verband_id, competentie_id, naam, omschrijving, aangemaakt, door)"
			  " VALUES(?, ?, ?, ?, ?, ?) RETURNING id",
			  "lltttt", vid, cid, naam, oms && oms[0] ? oms : NULL, now, a->by->name);
	if (r < 0)
		return store_db_problem(s, r, p, "expertisepool voor deze competentie");
	if (a->out) {
		struct db_stmt *st = db_query(s->db, POOL_SELECT " WHERE pl.id = ?", "l", id);
		*a->out = db_step(st) == DB_ROW ? pool_json(s, vid, a->verband, st) : NULL;
		db_finalize(st);
	}
	return 0;
}

int dienstverlening_pool_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				struct problem *p)
{
	struct pool_args a = { by, verband, in, out };
	return store_transaction(s, p, do_pool_create, &a);
}

int dienstverlening_pools(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	long long vid = verband_id(s, verband, p);
	if (!vid)
		return -p->status;
	struct db_stmt *st = db_query(s->db, POOL_SELECT " WHERE pl.verband_id = ? ORDER BY pl.naam, pl.id", "l", vid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, pool_json(s, vid, verband, st));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- the training programme ----------------------------------------------------------------- */

struct training_args {
	const struct actor *by;
	const char *verband;
	long long id;
	json_t *in;
	json_t **out;
};

static json_t *person(struct db_stmt *st, int col)
{
	return json_pack("{s:I,s:s,s:s}", "medewerker", (json_int_t)db_col_int(st, col), "naam", db_col_text(st, col + 1),
			 "organisatie", db_col_text(st, col + 2));
}

#define TRAINING_SELECT                                                                                    \
	"SELECT t.id, c.code, c.naam, t.gepland, t.afgerond, d.id, d.naam, od.code, k.id, k.naam, ok.code" \
	" FROM dienstverlening_opleidingen t JOIN competenties c ON c.id = t.competentie_id"               \
	" JOIN medewerkers d ON d.id = t.deelnemer_id JOIN organisaties od ON od.id = d.organisatie_id"    \
	" LEFT JOIN medewerkers k ON k.id = t.docent_id LEFT JOIN organisaties ok ON ok.id = k.organisatie_id"

static json_t *training_json(struct db_stmt *st, const char *verband, const char *on)
{
	const char *gepland = db_col_text(st, 3);
	int done = !db_col_null(st, 4);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)db_col_int(st, 0), "verband", verband, "competentie",
			      db_col_text(st, 1), "competentieNaam", db_col_text(st, 2), "gepland", gepland, "deelnemer",
			      person(st, 5));
	if (!db_col_null(st, 8))
		json_object_set_new(o, "docent", person(st, 8));
	if (done)
		json_object_set_new(o, "afgerond", json_string(db_col_text(st, 4)));
	json_object_set_new(o, "status", json_string(done ? "afgerond" : strcmp(gepland, on) < 0 ? "achterstallig" : "gepland"));
	return o;
}

/* The id of competence comp when verband vid pools it, else 0. */
static long long pooled(struct store *s, long long vid, const char *comp)
{
	struct db_stmt *q = db_query(s->db,
				     "SELECT c.id FROM dienstverlening_pools pl JOIN competenties c ON c.id = pl.competentie_id"
				     " WHERE pl.verband_id = ? AND c.code = ?",
				     "lt", vid, comp);
	long long v = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
	db_finalize(q);
	return v;
}

/* The organisation id of medewerker id when it is a member of vid, else 0. */
static long long member_staff(struct store *s, long long vid, long long id)
{
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *q = db_query(s->db,
				     "SELECT m.organisatie_id FROM medewerkers m WHERE m.id = ?1 AND EXISTS (SELECT 1 FROM"
				     " lidmaatschappen l WHERE l.verband_id = ?2 AND l.organisatie_id = m.organisatie_id "
				     "AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON("l", "?3") ")",
				     "llt", id, vid, d);
	long long v = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
	db_finalize(q);
	return v;
}

static json_t *training_read(struct store *s, long long id, const char *verband)
{
	char d[DATE_TEXT_LEN];
	today(d);
	struct db_stmt *st = db_query(s->db, TRAINING_SELECT " WHERE t.id = ?", "l", id);
	json_t *o = db_step(st) == DB_ROW ? training_json(st, verband, d) : NULL;
	db_finalize(st);
	return o;
}

static int do_training_create(struct store *s, void *arg, struct problem *p)
{
	struct training_args *a = arg;
	long long vid = verband_id(s, a->verband, p);
	if (!vid)
		return -p->status;
	const char *comp = NULL, *gepland = NULL;
	long long deelnemer = 0, docent = 0;
	field_text(a->in, "competentie", FIELD_REQUIRED, 40, &comp, p);
	field_int(a->in, "deelnemer", FIELD_REQUIRED, 1, 9007199254740991LL, &deelnemer, p);
	field_int(a->in, "docent", FIELD_OPTIONAL, 1, 9007199254740991LL, &docent, p);
	field_date(a->in, "gepland", FIELD_REQUIRED, &gepland, p);
	if (!p->nparams && docent == deelnemer)
		problem_param(p, "docent", "moet iemand anders zijn dan de deelnemer");
	if (p->nparams)
		return -p->status;
	long long cid = pooled(s, vid, comp);
	if (!cid)
		return problem_set(p, 422, "Competentie '%s' is geen expertisepool van verband '%s'; maak eerst de pool.", comp,
				   a->verband);
	if (!member_staff(s, vid, deelnemer))
		return problem_set(p, 422, "Medewerker %lld werkt niet bij een lid van verband '%s'.", deelnemer, a->verband);
	if (docent) {
		if (!member_staff(s, vid, docent))
			return problem_set(p, 422, "Docent %lld werkt niet bij een lid van verband '%s'.", docent, a->verband);
		struct db_stmt *q = db_query(
			s->db, "SELECT niveau FROM medewerker_competenties WHERE medewerker_id = ? AND competentie_id = ?", "ll",
			docent, cid);
		int lvl = db_step(q) == DB_ROW ? (int)db_col_int(q, 0) : 0;
		db_finalize(q);
		if (lvl < 3)
			return problem_set(p, 422, "Docent %lld is geen expert in '%s' op de kwaliteitskaart (niveau 3).", docent,
					   comp);
	}
	char now[32];
	store_now_text(now);
	long long id;
	int r = db_insert(s->db, &id,
			  "INSERT INTO dienstverlening_opleidingen(verband_id, competentie_id, deelnemer_id, docent_id, gepland,"
			  " aangemaakt, door) VALUES(?, ?, ?, NULLIF(?, 0), ?, ?, ?) RETURNING id",
			  "llllttt", vid, cid, deelnemer, docent, gepland, now, a->by->name);
	if (r < 0)
		return store_db_problem(s, r, p, "opleiding");
	if (a->out && !(*a->out = training_read(s, id, a->verband)))
		return problem_set(p, 500, "Opleiding %lld is niet terug te lezen.", id);
	return 0;
}

int dienstverlening_training_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				    struct problem *p)
{
	struct training_args a = { by, verband, 0, in, out };
	return store_transaction(s, p, do_training_create, &a);
}

static int do_training_done(struct store *s, void *arg, struct problem *p)
{
	struct training_args *a = arg;
	long long vid = verband_id(s, a->verband, p);
	if (!vid)
		return -p->status;
	const char *afgerond = NULL;
	if (field_date(a->in, "afgerond", FIELD_REQUIRED, &afgerond, p) < 0)
		return -p->status;
	struct db_stmt *q = db_query(s->db, "SELECT afgerond FROM dienstverlening_opleidingen WHERE id = ? AND verband_id = ?",
				     "ll", a->id, vid);
	int found = db_step(q) == DB_ROW, done = found && !db_col_null(q, 0);
	db_finalize(q);
	if (!found)
		return problem_set(p, 404, "Opleiding %lld bestaat niet in verband '%s'.", a->id, a->verband);
	if (done)
		return problem_set(p, 409, "Opleiding %lld is al afgerond.", a->id);
	int r = db_run(s->db, "UPDATE dienstverlening_opleidingen SET afgerond = ? WHERE id = ?", "tl", afgerond, a->id);
	if (r < 0)
		return store_db_problem(s, r, p, "opleiding");
	if (a->out && !(*a->out = training_read(s, a->id, a->verband)))
		return problem_set(p, 500, "Opleiding %lld is niet terug te lezen.", a->id);
	return 0;
}

int dienstverlening_training_done(struct store *s, const char *verband, long long id, json_t *in, json_t **out, struct problem *p)
{
	struct training_args a = { NULL, verband, id, in, out };
	return store_transaction(s, p, do_training_done, &a);
}

/* What the gaps ask for, per pooled competence: everyone at basis level in
 * a member (train to ervaren), and a member with a gap or an één-pitter and
 * nobody at basis level (name someone, or recruit); with the experts who
 * can teach and whether a training is planned. */
static json_t *needs(struct store *s, long long vid, const char *verband)
{
	json_t *out = json_array(), *pools = NULL;
	struct problem p;
	problem_init(&p);
	if (dienstverlening_pools(s, verband, &pools, &p) < 0)
		return out;
	size_t i, j, k;
	json_t *pool, *x, *o;
	json_array_foreach(pools, i, pool) {
		const char *comp = json_string_value(json_object_get(pool, "competentie"));
		json_t *people = json_object_get(pool, "mensen"), *teachers = json_array();
		json_array_foreach(people, j, x)
			if (json_integer_value(json_object_get(x, "niveau")) == 3)
				json_array_append_new(teachers,
						      json_pack("{s:O,s:O,s:O}", "medewerker", json_object_get(x, "medewerker"),
								"naam", json_object_get(x, "naam"), "organisatie",
								json_object_get(x, "organisatie")));
		json_array_foreach(json_object_get(pool, "organisaties"), k, o) {
			const char *org = json_string_value(json_object_get(o, "organisatie"));
			const char *status = json_string_value(json_object_get(o, "status"));
			int basis = 0;
			json_array_foreach(people, j, x) {
				if (strcmp(json_string_value(json_object_get(x, "organisatie")), org) ||
				    json_integer_value(json_object_get(x, "niveau")) != 1)
					continue;
				basis++;
				long long mid = json_integer_value(json_object_get(x, "medewerker"));
				struct db_stmt *q = db_query(s->db,
							     "SELECT count(*) FROM dienstverlening_opleidingen t JOIN "
							     "competenties c ON c.id = t.competentie_id"
							     " WHERE t.verband_id = ? AND t.deelnemer_id = ? AND c.code = ?",
							     "llt", vid, mid, comp);
				long long planned = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
				db_finalize(q);
				json_array_append_new(
					out, json_pack("{s:s,s:O,s:s,s:s,s:{s:I,s:O},s:s,s:O,s:b}", "competentie", comp,
						       "competentieNaam", json_object_get(pool, "competentieNaam"), "organisatie",
						       org, "status", status, "medewerker", "medewerker", (json_int_t)mid, "naam",
						       json_object_get(x, "naam"), "reden",
						       strcmp(status, "gedekt")
							       ? "basisniveau in een organisatie die op één persoon of niemand "
								 "leunt: opleiden tot ervaren"
							       : "basisniveau: opleiden tot ervaren",
						       "docenten", teachers, "gepland", planned > 0));
			}
			if (!basis && strcmp(status, "gedekt"))
				json_array_append_new(
					out, json_pack("{s:s,s:O,s:s,s:s,s:s,s:O,s:b}", "competentie", comp, "competentieNaam",
						       json_object_get(pool, "competentieNaam"), "organisatie", org, "status",
						       status, "reden",
						       !strcmp(status, "een-pitter")
							       ? "één-pitter zonder tweede kracht in opleiding: iemand aanwijzen "
								 "of werven"
							       : "niemand heeft deze competentie: iemand aanwijzen of werven",
						       "docenten", teachers, "gepland", 0));
		}
		json_decref(teachers);
	}
	json_decref(pools);
	return out;
}

int dienstverlening_training(struct store *s, const char *verband, const char *datum, json_t **out, struct problem *p)
{
	char d[DATE_TEXT_LEN];
	int32_t day;
	if (datum && datum[0]) {
		if (date_parse(datum, &day) < 0)
			return problem_param(p, "datum", "moet een datum zijn (JJJJ-MM-DD)");
		date_format(day, d);
	} else {
		today(d);
	}
	long long vid = verband_id(s, verband, p);
	if (!vid)
		return -p->status;
	struct db_stmt *st = db_query(s->db, TRAINING_SELECT " WHERE t.verband_id = ? ORDER BY t.gepland, t.id", "l", vid);
	json_t *list = json_array();
	long long late = 0;
	while (db_step(st) == DB_ROW) {
		json_t *o = training_json(st, verband, d);
		late += !strcmp(json_string_value(json_object_get(o, "status")), "achterstallig");
		json_array_append_new(list, o);
	}
	db_finalize(st);
	*out = json_pack("{s:s,s:s,s:o,s:o,s:I}", "verband", verband, "datum", d, "opleidingen", list, "behoefte",
			 needs(s, vid, verband), "achterstallig", (json_int_t)late);
	return 0;
}
