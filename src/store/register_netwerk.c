/* The rules of a network (register.h "the network's rules"): an
 * organisation is a member only while it exists; a verband in the
 * gastheermodel has exactly one gastheer, who hands over before leaving;
 * partners hear when a member joins a verband without cherry-picking (and
 * so takes part in all its trajecten); a phased entry is a recorded
 * exception to that, per task field. And who works with whom on a date:
 * the matrix of an organisation and the links of the network. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/date.h"
#include "core/grow.h"
#include "core/nl.h"
#include "core/register.h"
#include "store/fields.h"
#include "store/listing.h"
#include "store/page.h"
#include "store/register.h"
#include "store/register_sql.h"

static void today(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

static void nice(const char *iso, char *out, size_t len) { nl_date(iso, out, len); }

int register_netwerk_member_check(struct store *s, long long vid, const char *vcode, long long oid, const char *org,
				  const char *rol, const char *van, const char *tot, struct problem *p)
{
	char d1[NL_TEXT_LEN];
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT coalesce(geldig_van, ''), coalesce(geldig_tot, ''), (SELECT op.code FROM organisaties op"
			 " WHERE op.id = o.opvolger_id) FROM organisaties o WHERE o.id = ?",
			 "l", oid);
	if (db_step(st) == DB_ROW) {
		const char *gv = db_col_text(st, 0), *gt = db_col_text(st, 1), *opv = db_col_text(st, 2);
		int r = 0;
		if (gt[0] && strcmp(van, gt) >= 0) {
			nice(gt, d1, sizeof(d1));
			r = problem_refuse(p, "van", "%s bestaat sinds %s niet meer%s%s en kan dan geen lid worden.", org, d1,
					   opv ? "; de opvolger is " : "", opv ? opv : "");
		} else if (gv[0] && strcmp(van, gv) < 0) {
			nice(gv, d1, sizeof(d1));
			r = problem_refuse(p, "van", "%s bestaat pas vanaf %s.", org, d1);
		}
		if (r < 0) {
			db_finalize(st);
			return r;
		}
	}
	db_finalize(st);
	if (strcmp(rol, "gastheer"))
		return 0;
	/* The gastheermodel: one gastheer at any time. */
	st = db_query(
		s->db,
		"SELECT o.code, o.naam, l.van FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
		" WHERE l.verband_id = ?1 AND l.rol = 'gastheer' AND l.organisatie_id <> ?2 AND (l.tot IS NULL OR l.tot > ?3)"
		" AND (?4 IS NULL OR l.van < ?4) ORDER BY l.van LIMIT 1",
		"lltt", vid, oid, van, tot);
	if (db_step(st) == DB_ROW) {
		nice(db_col_text(st, 2), d1, sizeof(d1));
		problem_refuse(p, "rol",
			       "Verband '%s' heeft al een gastheer: %s (%s), sinds %s. In het gastheermodel is er precies één "
			       "gastheer; maak %s lid, of laat de gastheer overdragen.",
			       vcode, db_col_text(st, 1), db_col_text(st, 0), d1, org);
		db_finalize(st);
		return -422;
	}
	db_finalize(st);
	return 0;
}

int register_netwerk_member_joined(struct store *s, long long vid, long long lid, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT v.geen_cherry_picking, l.rol, l.van, l.organisatie_id FROM lidmaatschappen l"
				      " JOIN verbanden v ON v.id = l.verband_id WHERE l.id = ?",
				      "l", lid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return 0;
	}
	int gcp = (int)db_col_int(st, 0);
	char rol[16], van[DATE_TEXT_LEN];
	snprintf(rol, sizeof(rol), "%s", db_col_text(st, 1));
	snprintf(van, sizeof(van), "%s", db_col_text(st, 2));
	long long oid = db_col_int(st, 3);
	db_finalize(st);
	if (!gcp || !strcmp(rol, "toehoorder"))
		return 0;
	/* The partners before it, still members then: founders that start on
	 * the same day are no news to each other. */
	struct {
		long long v[512];
		size_t n;
	} to = { .n = 0 };
	st = db_query(s->db,
		      "SELECT DISTINCT l.organisatie_id FROM lidmaatschappen l WHERE l.verband_id = ?1 AND l.organisatie_id <> ?2"
		      " AND l.van < ?3 AND (l.tot IS NULL OR l.tot > ?3) ORDER BY l.organisatie_id",
		      "llt", vid, oid, van);
	while (db_step(st) == DB_ROW && to.n < sizeof(to.v) / sizeof(to.v[0]))
		to.v[to.n++] = db_col_int(st, 0);
	db_finalize(st);
	if (!to.n)
		return 0;
	char now[32];
	store_now_text(now);
	long long mid;
	int r = db_insert(s->db, &mid,
			  "INSERT INTO toetredingsmeldingen(verband_id, lidmaatschap_id, organisatie_id, datum, aangemaakt)"
			  " VALUES(?, ?, ?, ?, ?) RETURNING id",
			  "lllt"
			  "t",
			  vid, lid, oid, van, now);
	if (r < 0)
		return store_db_problem(s, r, p, "melding");
	for (size_t i = 0; i < to.n && r == 0; i++)
		r = db_run(s->db, "INSERT INTO toetredingsmelding_ontvangers(melding_id, organisatie_id) VALUES(?, ?)", "ll", mid,
			   to.v[i]);
	return r < 0 ? store_db_problem(s, r, p, "melding") : 0;
}

int register_netwerk_member_leaving(struct store *s, long long vid, const char *vcode, long long oid, const char *org,
				    long long lid, const char *datum, json_t *in, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT rol, coalesce(tot, '') FROM lidmaatschappen WHERE id = ?", "l", lid);
	char rol[16] = "";
	if (db_step(st) == DB_ROW)
		snprintf(rol, sizeof(rol), "%s", db_col_text(st, 0));
	db_finalize(st);
	const char *opvolger = NULL;
	field_text(in, "opvolger", FIELD_OPTIONAL, 32, &opvolger, p);
	if (p->status)
		return -p->status;
	if (strcmp(rol, "gastheer")) {
		if (opvolger)
			return problem_refuse(p, "opvolger",
					      "%s is geen gastheer; alleen een gastheer draagt over aan een opvolger.", org);
		return 0;
	}
	char d1[NL_TEXT_LEN];
	nice(datum, d1, sizeof(d1));
	if (!opvolger)
		return problem_refuse(p, "opvolger",
				      "%s is gastheer van verband '%s' en kan niet uittreden zonder opvolger: noem in 'opvolger' "
				      "het lid dat per %s gastheer wordt.",
				      org, vcode, d1);
	long long sid = store_org_id(s, opvolger);
	if (sid == oid)
		return problem_refuse(p, "opvolger", "De gastheer kan niet zijn eigen opvolger zijn.");
	st = db_query(
		s->db,
		"SELECT l.id, coalesce(l.tot, ''), l.van FROM lidmaatschappen l WHERE l.verband_id = ? AND l.organisatie_id = ?"
		" AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON("l", "?"),
		"lltt", vid, sid, datum, datum);
	if (!sid || db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_refuse(p, "opvolger",
				      "%s is op %s geen deelnemend lid van verband '%s' en kan dus geen gastheer worden.",
				      opvolger, d1, vcode);
	}
	long long slid = db_col_int(st, 0);
	char stot[DATE_TEXT_LEN], svan[DATE_TEXT_LEN];
	snprintf(stot, sizeof(stot), "%s", db_col_text(st, 1));
	snprintf(svan, sizeof(svan), "%s", db_col_text(st, 2));
	db_finalize(st);
	int r;
	if (!strcmp(svan, datum))
		r = db_run(s->db, "UPDATE lidmaatschappen SET rol = 'gastheer' WHERE id = ?", "l", slid);
	else {
		r = db_run(s->db, "UPDATE lidmaatschappen SET tot = ? WHERE id = ?", "tl", datum, slid);
		if (r == 0)
			r = db_run(s->db,
				   "INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van, tot) VALUES(?, ?, "
				   "'gastheer', ?, ?)",
				   "lltt", vid, sid, datum, stot[0] ? stot : NULL);
	}
	return r < 0 ? store_db_problem(s, r, p, "lidmaatschap") : 0;
}

/* ---- toetredingsmeldingen ---------------------------------------------------------------- */

int register_toetredingen_list(struct store *s, const char *organisatie, const char *verband, json_t **out, struct problem *p)
{
	long long oid = 0;
	if (organisatie && !(oid = store_org_id(s, organisatie)))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", organisatie);
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT m.id, v.code, v.naam, o.code, o.naam, m.datum, v.id FROM toetredingsmeldingen m"
			 " JOIN verbanden v ON v.id = m.verband_id JOIN organisaties o ON o.id = m.organisatie_id"
			 " WHERE (?1 IS NULL OR v.code = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM toetredingsmelding_ontvangers r"
			 "   WHERE r.melding_id = m.id AND r.organisatie_id = ?2)) ORDER BY m.datum, m.id",
			 "tl", verband, oid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		long long mid = db_col_int(st, 0);
		json_t *m = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)mid, "verband", db_col_text(st, 1),
				      "verbandNaam", db_col_text(st, 2), "organisatie", db_col_text(st, 3), "organisatieNaam",
				      db_col_text(st, 4), "datum", db_col_text(st, 5));
		json_t *to = json_array(), *tv = json_array();
		struct db_stmt *q = db_query(s->db,
					     "SELECT o.code FROM toetredingsmelding_ontvangers r JOIN organisaties o"
					     " ON o.id = r.organisatie_id WHERE r.melding_id = ? ORDER BY o.code",
					     "l", mid);
		while (db_step(q) == DB_ROW)
			json_array_append_new(to, json_string(db_col_text(q, 0)));
		db_finalize(q);
		/* What it takes part in from then: every traject running or to come. */
		q = db_query(s->db,
			     "SELECT DISTINCT tv.code, tv.naam FROM trajecten t JOIN taakvelden tv ON tv.id = t.taakveld_id"
			     " WHERE t.verband_id = ?1 AND (t.eind IS NULL OR t.eind > ?2) ORDER BY tv.naam",
			     "lt", db_col_int(st, 6), db_col_text(st, 5));
		struct buf b;
		buf_init(&b, 4096);
		while (db_step(q) == DB_ROW) {
			json_array_append_new(tv, json_string(db_col_text(q, 0)));
			buf_printf(&b, "%s%s", b.len ? ", " : "", db_col_text(q, 1));
		}
		db_finalize(q);
		json_object_set_new(m, "ontvangers", to);
		json_object_set_new(m, "taakvelden", tv);
		char d1[NL_TEXT_LEN];
		nice(db_col_text(st, 5), d1, sizeof(d1));
		struct buf t;
		buf_init(&t, 8192);
		buf_printf(&t,
			   "%s treedt per %s toe tot %s. Daar geldt geen cherry-picking: %s doet vanaf dan mee aan elk traject",
			   db_col_text(st, 4), d1, db_col_text(st, 2), db_col_text(st, 4));
		if (b.len)
			buf_printf(&t, " (%s)", buf_str(&b));
		buf_printf(&t, ".");
		buf_release(&b);
		json_object_set_new(m, "tekst", json_string(buf_str(&t)));
		buf_release(&t);
		json_array_append_new(a, m);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- phased entry ------------------------------------------------------------------------- */

struct instap_args {
	const char *by, *verband;
	json_t *in, **out;
};

static int do_instap_add(struct store *s, void *arg, struct problem *p)
{
	struct instap_args *a = arg;
	struct db_stmt *st = db_query(s->db, "SELECT id, geen_cherry_picking FROM verbanden WHERE code = ?", "t", a->verband);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	}
	long long vid = db_col_int(st, 0);
	int gcp = (int)db_col_int(st, 1);
	db_finalize(st);
	const char *org = NULL, *tv = NULL, *vanaf = NULL, *tl = NULL;
	field_text(a->in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_text(a->in, "taakveld", FIELD_REQUIRED, 40, &tv, p);
	field_date(a->in, "vanaf", FIELD_REQUIRED, &vanaf, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 1000, &tl, p);
	if (p->status)
		return -p->status;
	if (!gcp)
		return problem_refuse(p, NULL,
				      "Verband '%s' kent cherry-picking al: daar kiest elk lid zijn trajecten. Een gefaseerde "
				      "instap geldt alleen in een verband zonder cherry-picking.",
				      a->verband);
	long long oid = store_org_id(s, org), tvid = store_taakveld_id(s, tv);
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!tvid)
		return problem_refuse(p, "taakveld", "Taakveld '%s' bestaat niet.", tv);
	st = db_query(s->db,
		      "SELECT min(l.van) FROM lidmaatschappen l WHERE l.verband_id = ? AND l.organisatie_id = ? AND "
		      "l.rol <> 'toehoorder' AND (l.tot IS NULL OR l.tot > ?)",
		      "llt", vid, oid, vanaf);
	char van[DATE_TEXT_LEN] = "";
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		snprintf(van, sizeof(van), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (!van[0])
		return problem_refuse(p, "organisatie", "%s is geen deelnemend lid van verband '%s' op %s.", org, a->verband,
				      vanaf);
	if (strcmp(vanaf, van) <= 0)
		return problem_refuse(p, "vanaf", "%s is lid vanaf %s; een gefaseerde instap ligt daarna.", org, van);
	st = db_query(s->db, "SELECT 1 FROM trajecten WHERE verband_id = ? AND taakveld_id = ?", "ll", vid, tvid);
	int has = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!has)
		return problem_refuse(p, "taakveld", "Verband '%s' heeft geen traject op taakveld '%s'.", a->verband, tv);
	char now[32];
	store_now_text(now);
	int r = db_run(
		s->db,
		"INSERT INTO gefaseerde_instap(verband_id, organisatie_id, taakveld_id, vanaf, toelichting, aangemaakt, door)"
		" VALUES(?, ?, ?, ?, ?, ?, ?)",
		"llltttt", vid, oid, tvid, vanaf, tl, now, a->by && a->by[0] ? a->by : "systeem");
	if (r == DB_ERR_UNIQUE)
		return problem_set(p, 409, "Voor %s op taakveld '%s' in verband '%s' is al een gefaseerde instap vastgelegd.",
				   org, tv, a->verband);
	if (r < 0)
		return store_db_problem(s, r, p, "instap");
	return a->out ? register_instap_list(s, a->verband, NULL, a->out, p) : 0;
}

int register_instap_add(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct instap_args a = { by, verband, in, out };
	return store_transaction(s, p, do_instap_add, &a);
}

int register_instap_list(struct store *s, const char *verband, const char *organisatie, json_t **out, struct problem *p)
{
	if (verband && !store_verband_id(s, verband))
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband);
	if (organisatie && !store_org_id(s, organisatie))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", organisatie);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT v.code, o.code, o.naam, tv.code, tv.naam, i.vanaf, i.toelichting FROM gefaseerde_instap i"
			 " JOIN verbanden v ON v.id = i.verband_id JOIN organisaties o ON o.id = i.organisatie_id"
			 " JOIN taakvelden tv ON tv.id = i.taakveld_id WHERE (?1 IS NULL OR v.code = ?1)"
			 " AND (?2 IS NULL OR o.code = ?2) ORDER BY v.code, o.naam, i.vanaf, tv.naam",
			 "tt", verband, organisatie);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "verband", db_col_text(st, 0), "organisatie",
				      db_col_text(st, 1), "organisatieNaam", db_col_text(st, 2), "taakveld", db_col_text(st, 3),
				      "taakveldNaam", db_col_text(st, 4), "vanaf", db_col_text(st, 5));
		json_object_set_new(x, "toelichting", store_text_or_null(st, 6));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

void register_netwerk_matrix_instap(struct store *s, const char *org, const char *date, json_t *rows)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT DISTINCT tv.code, tv.naam, v.code, i.vanaf FROM gefaseerde_instap i JOIN verbanden v ON v.id = "
			 "i.verband_id"
			 " JOIN organisaties o ON o.id = i.organisatie_id JOIN taakvelden tv ON tv.id = i.taakveld_id"
			 " JOIN lidmaatschappen l ON l.verband_id = v.id AND l.organisatie_id = o.id "
			 "AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON(
				 "l", "?2") " WHERE o.code = ?1 AND i.vanaf > ?2 AND EXISTS (SELECT 1 FROM"
					    " trajecten t WHERE t.verband_id = v.id AND t.taakveld_id = i.taakveld_id"
					    " AND t.start <= ?2 AND (t.eind IS NULL OR t.eind > ?2))"
					    " ORDER BY tv.naam, v.code",
			 "tt", org, date);
	while (db_step(st) == DB_ROW) {
		const char *tv = db_col_text(st, 0), *naam = db_col_text(st, 1);
		json_t *row = NULL, *r;
		size_t i, at = json_array_size(rows);
		json_array_foreach(rows, i, r) {
			const char *rn = json_string_value(json_object_get(r, "naam"));
			if (!strcmp(json_string_value(json_object_get(r, "taakveld")), tv)) {
				row = r;
				break;
			}
			if (at == json_array_size(rows) && rn && strcmp(rn, naam) > 0)
				at = i;
		}
		if (!row) {
			row = json_pack("{s:s,s:s,s:[],s:[]}", "taakveld", tv, "naam", naam, "partners", "verbanden");
			json_array_insert_new(rows, at, row);
		}
		json_t *in = json_object_get(row, "instap");
		if (!in) {
			in = json_array();
			json_object_set_new(row, "instap", in);
		}
		json_array_append_new(in, json_pack("{s:s,s:s}", "verband", db_col_text(st, 2), "vanaf", db_col_text(st, 3)));
	}
	db_finalize(st);
}

json_t *register_verband_schaal(struct store *s, const char *code, const char *date)
{
	char when[DATE_TEXT_LEN];
	if (date)
		snprintf(when, sizeof(when), "%s", date);
	else
		date_format(date_today(), when);
	long long vid = store_verband_id(s, code);
	if (!vid)
		return NULL;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT DISTINCT o.code FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
			 " WHERE l.verband_id = ?1 AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON(
				 "l", "?2") " ORDER BY o.code",
			 "lt", vid, when);
	json_t *codes = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(codes, json_string(db_col_text(st, 0)));
	db_finalize(st);
	long long sum = 0;
	json_t *zonder = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c) {
		json_t *o = NULL;
		struct problem p;
		problem_init(&p);
		json_t *n = NULL;
		if (register_org_get_on(s, json_string_value(c), when, &o, &p) == 0)
			n = json_object_get(o, "inwoners");
		if (json_is_integer(n))
			sum += (long long)json_integer_value(n);
		else
			json_array_append_new(zonder, json_copy(c));
		json_decref(o);
	}
	json_t *out = json_pack("{s:s,s:I,s:I,s:o}", "datum", when, "leden", (json_int_t)json_array_size(codes), "inwoners",
				(json_int_t)sum, "zonderInwoners", zonder);
	json_decref(codes);
	return out;
}

/* ---- matrix and links ------------------------------------------------- */

/* Who takes part in which traject on a date: (traject, verband, taakveld,
 * organisation) for every member on that date that takes part in a traject
 * running then (such a membership overlaps the traject, so without
 * cherry-picking every member on the date takes part). */
#define PARTICIPATION_ON(d)                                                                                                     \
	"SELECT t.id AS traject, v.code AS verband, tv.code AS taakveld, tv.naam AS taakveld_naam, o.code AS org"               \
	" FROM trajecten t JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id"                 \
	" JOIN lidmaatschappen l ON l.verband_id = v.id AND " REGISTER_SQL_ACTIVE_MEMBER("l") "   AND " REGISTER_SQL_MEMBER_ON( \
		"l", d) " JOIN organisaties o ON o.id = l.organisatie_id"                                                       \
			" WHERE t.start <= " d " AND (t.eind IS NULL OR t.eind > " d                                            \
			") AND " REGISTER_SQL_TAKES_PART_ON("l.organisatie_id", d)

int register_matrix(struct store *s, const char *org, const char *date, json_t **out, struct problem *p)
{
	int32_t d;
	if (!org || !org[0])
		problem_param(p, "organisatie", "is verplicht");
	if (date && date_parse(date, &d) < 0)
		problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", date);
	if (p->status)
		return -p->status;
	char when[DATE_TEXT_LEN];
	if (date)
		snprintf(when, sizeof(when), "%s", date);
	else
		today(when);
	if (!store_org_id(s, org))
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org);
	struct db_stmt *st = db_query(
		s->db,
		"WITH p AS (" PARTICIPATION_ON(
			"?1") ")"
			      " SELECT a.taakveld, a.taakveld_naam, b.org, a.verband FROM p a JOIN p b ON b.traject = a.traject"
			      " AND b.org <> a.org WHERE a.org = ?2 ORDER BY a.taakveld_naam, a.taakveld, b.org, a.verband",
		"tt", when, org);
	json_t *rows = json_array();
	json_t *cur = NULL;
	while (db_step(st) == DB_ROW) {
		const char *tv = db_col_text(st, 0);
		if (!cur || strcmp(json_string_value(json_object_get(cur, "taakveld")), tv)) {
			cur = json_pack("{s:s,s:s,s:[],s:[]}", "taakveld", tv, "naam", db_col_text(st, 1), "partners",
					"verbanden");
			json_array_append_new(rows, cur);
		}
		json_t *partners = json_object_get(cur, "partners"), *verbanden = json_object_get(cur, "verbanden");
		const char *pc = db_col_text(st, 2), *vc = db_col_text(st, 3);
		size_t i;
		json_t *x;
		int seen = 0;
		json_array_foreach(partners, i, x)
			seen |= !strcmp(json_string_value(x), pc);
		if (!seen)
			json_array_append_new(partners, json_string(pc));
		seen = 0;
		json_array_foreach(verbanden, i, x)
			seen |= !strcmp(json_string_value(x), vc);
		if (!seen)
			json_array_append_new(verbanden, json_string(vc));
	}
	db_finalize(st);
	register_netwerk_matrix_instap(s, org, when, rows);
	register_gedeeld_matrix(s, org, when, rows); /* gastgemeenten and shared staff */
	*out = rows;
	return 0;
}

/* The day the links are asked for (date, or today when NULL) in when, and
 * that taakveld (NULL: every one) exists: 0, or the negative status with p set. */
static int links_args(struct store *s, const char *date, const char *taakveld, char when[DATE_TEXT_LEN], struct problem *p)
{
	int32_t d;
	if (date && date_parse(date, &d) < 0)
		return problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", date);
	if (date)
		snprintf(when, DATE_TEXT_LEN, "%s", date);
	else
		today(when);
	if (taakveld && !store_taakveld_id(s, taakveld))
		return problem_set(p, 404, "Taakveld '%s' bestaat niet.", taakveld);
	return 0;
}

int register_links(struct store *s, const char *date, const char *taakveld, json_t **out, struct problem *p)
{
	return register_links_paged(s, date, taakveld, NULL, out, p);
}

int register_links_paged(struct store *s, const char *date, const char *taakveld, struct store_page *pg, json_t **out,
			 struct problem *p)
{
	char when[DATE_TEXT_LEN];
	int bad = links_args(s, date, taakveld, when, p);
	if (bad < 0)
		return bad;
	/* One pass over the pairs in their order: those of the page become
	 * JSON, the rest are only counted (a pair's task fields are
	 * consecutive rows). Numbering the pairs in SQL (dense_rank) cost
	 * twice as much as this pass on the national network. */
	store_page_begin(s, pg);
	struct db_stmt *st =
		db_query(s->db,
			 "WITH p AS (" PARTICIPATION_ON(
				 "?1") ")"
				       " SELECT DISTINCT a.org, b.org, a.taakveld FROM p a JOIN p b ON b.traject = a.traject"
				       " AND b.org > a.org WHERE ?2 IS NULL OR a.taakveld = ?2 ORDER BY a.org, b.org, a.taakveld",
			 "tt", when, taakveld);
	long long first = store_page_offset(pg), end = first + store_page_limit(pg) - 1, n = -1;
	if (store_page_limit(pg) > INT64_MAX - first)
		end = INT64_MAX;
	json_t *rows = json_array();
	json_t *cur = NULL;
	char last_a[64] = "", last_b[64] = "";
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		const char *a = db_col_text(st, 0), *b = db_col_text(st, 1);
		if (n < 0 || strcmp(last_a, a) || strcmp(last_b, b)) {
			n++;
			snprintf(last_a, sizeof(last_a), "%s", a);
			snprintf(last_b, sizeof(last_b), "%s", b);
			cur = NULL;
			if (n >= first && n <= end) {
				cur = json_pack("{s:s,s:s,s:[]}", "a", a, "b", b, "taakvelden");
				json_array_append_new(rows, cur);
			}
		}
		if (cur)
			json_array_append_new(json_object_get(cur, "taakvelden"), json_string(db_col_text(st, 2)));
	}
	db_finalize(st);
	store_page_end(s, pg, NULL);
	if (pg)
		pg->total = n + 1;
	if (r < 0) {
		json_decref(rows);
		return store_db_problem(s, r, p, "netwerk");
	}
	*out = rows;
	return 0;
}

/* register_links_page reads who takes part in which traject on the day
 * (a few thousand rows nationally) once, and forms, counts, searches, sorts
 * and pages the pairs here: the same in SQL (a self-join grouped per pair,
 * numbered with a window and its task fields looked up again for the page)
 * cost 60-160 ms on the national network for a page of 50. */
struct link_name {
	char code[40], naam[200];
};
struct link_row { /* one pair on one task field (ia < ib by code) */
	int ia, ib, tv;
};
struct link_pair {
	int a, b;   /* a's name sorts first (on equal names: a's code) */
	int first;  /* its rows in the sorted link_row array */
	int n;      /* distinct task fields */
	int mode;   /* the sort: 0 organisatie, 1 partner, 2 aantal */
	int desc;
	const struct link_name *orgs;
};

/* The index of code in names (added when new), or -1 when out of memory. */
static int link_intern(struct link_name **names, size_t *n, size_t *cap, json_t *index, const char *code, const char *naam)
{
	json_t *x = json_object_get(index, code);
	if (x)
		return (int)json_integer_value(x);
	struct link_name *g = grow(*names, cap, *n, sizeof(*g));
	if (!g)
		return -1;
	*names = g;
	snprintf(g[*n].code, sizeof(g[*n].code), "%s", code);
	snprintf(g[*n].naam, sizeof(g[*n].naam), "%s", naam);
	json_object_set_new(index, code, json_integer((json_int_t)*n));
	return (int)(*n)++;
}

static int link_row_cmp(const void *x, const void *y)
{
	const struct link_row *a = x, *b = y;
	if (a->ia != b->ia)
		return a->ia < b->ia ? -1 : 1;
	if (a->ib != b->ib)
		return a->ib < b->ib ? -1 : 1;
	return (a->tv > b->tv) - (a->tv < b->tv);
}

/* The order of the SQL it replaces: the column asked for (ascending unless
 * asked otherwise), then the two codes, byte for byte as the database's C
 * collation. */
static int link_pair_cmp(const void *x, const void *y)
{
	const struct link_pair *p = x, *q = y;
	const struct link_name *o = p->orgs;
	int c = p->mode == 0 ? strcmp(o[p->a].naam, o[q->a].naam)
		: p->mode == 1 ? strcmp(o[p->b].naam, o[q->b].naam)
			       : (p->n > q->n) - (p->n < q->n);
	if (c)
		return p->desc ? -c : c;
	if ((c = strcmp(o[p->a].code, o[q->a].code)))
		return c;
	return strcmp(o[p->b].code, o[q->b].code);
}

/* Whether the lower-cased ASCII needle is in text, ASCII letters in any case
 * (as lower(x) LIKE '%needle%'). */
static int link_has(const char *text, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *t = text; *t; t++) {
		size_t i = 0;
		while (i < n && t[i] && ((t[i] >= 'A' && t[i] <= 'Z') ? t[i] - 'A' + 'a' : t[i]) == needle[i])
			i++;
		if (i == n)
			return 1;
	}
	return !n;
}

struct link_tv_sort {
	const struct link_name *tvs;
	int tv;
};

static int link_tv_cmp(const void *x, const void *y)
{
	const struct link_tv_sort *a = x, *b = y;
	int c = strcmp(a->tvs[a->tv].naam, b->tvs[b->tv].naam);
	return c ? c : strcmp(a->tvs[a->tv].code, b->tvs[b->tv].code);
}

int register_links_page(struct store *s, const char *date, const char *taakveld, const struct listing *l, json_t **out,
			long long *total, struct problem *p)
{
	char when[DATE_TEXT_LEN];
	int bad = links_args(s, date, taakveld, when, p);
	if (bad < 0)
		return bad;
	struct db_stmt *st = db_query(s->db,
				      "WITH p AS (" PARTICIPATION_ON("?1") ")"
				      " SELECT p.traject, p.org, o.naam, p.taakveld, p.taakveld_naam FROM p"
				      " JOIN organisaties o ON o.code = p.org WHERE ?2 IS NULL OR p.taakveld = ?2"
				      " ORDER BY p.traject, p.org",
				      "tt", when, taakveld);
	if (!st)
		return store_db_problem(s, DB_ERR, p, "netwerk");
	struct link_name *orgs = NULL, *tvs = NULL;
	size_t norgs = 0, ocap = 0, ntvs = 0, tcap = 0, nrows = 0, rcap = 0, nin = 0, icap = 0;
	struct link_row *rows = NULL;
	int *in = NULL; /* the organisations of the traject being read */
	json_t *oindex = json_object(), *tindex = json_object();
	long long traject = -1;
	int tv = -1, r, oom = 0;
	/* Each traject's organisations (ordered by code) pair up on its task field. */
	for (;;) {
		r = db_step(st);
		long long t = r == DB_ROW ? db_col_int(st, 0) : -2;
		if (t != traject) {
			for (size_t i = 0; i < nin && !oom; i++)
				for (size_t j = i + 1; j < nin && !oom; j++) {
					struct link_row *g = grow(rows, &rcap, nrows, sizeof(*g));
					if (!(oom = !g)) {
						rows = g;
						rows[nrows++] = (struct link_row){ in[i], in[j], tv };
					}
				}
			nin = 0, traject = t;
		}
		if (r != DB_ROW || oom)
			break;
		int o = link_intern(&orgs, &norgs, &ocap, oindex, db_col_text(st, 1), db_col_text(st, 2));
		tv = link_intern(&tvs, &ntvs, &tcap, tindex, db_col_text(st, 3), db_col_text(st, 4));
		if (o < 0 || tv < 0) {
			oom = 1;
			break;
		}
		if (nin && in[nin - 1] == o) /* twice a member of the verband on the day */
			continue;
		int *g = grow(in, &icap, nin, sizeof(*g));
		if ((oom = !g))
			break;
		in = g;
		in[nin++] = o;
	}
	db_finalize(st);
	free(in);
	json_decref(oindex);
	json_decref(tindex);
	if (oom || r < 0) {
		free(orgs), free(tvs), free(rows);
		return store_db_problem(s, oom ? DB_ERR : r, p, "netwerk");
	}
	if (nrows)
		qsort(rows, nrows, sizeof(*rows), link_row_cmp);
	/* The pairs, the search, the order. */
	char pat[256], needle[256];
	const char *like = listing_pattern(l, pat, sizeof(pat));
	size_t k = 0;
	for (const char *c = like ? like + 1 : ""; *c && k + 1 < sizeof(needle); c++) {
		if (*c == '\\' && c[1])
			c++;
		else if (*c == '%' && !c[1])
			break;
		needle[k++] = *c;
	}
	needle[k] = 0;
	int mode = 0, desc = 0;
	if (l && l->sort && (!strcmp(l->sort, "organisatie") || !strcmp(l->sort, "partner") || !strcmp(l->sort, "aantal"))) {
		mode = !strcmp(l->sort, "organisatie") ? 0 : !strcmp(l->sort, "partner") ? 1 : 2;
		desc = l->desc;
	}
	struct link_pair *pairs = NULL;
	size_t npairs = 0, pcap = 0;
	for (size_t i = 0; i < nrows && !oom;) {
		size_t j = i;
		int n = 0;
		for (; j < nrows && rows[j].ia == rows[i].ia && rows[j].ib == rows[i].ib; j++)
			n += j == i || rows[j].tv != rows[j - 1].tv;
		const struct link_name *x = &orgs[rows[i].ia], *y = &orgs[rows[i].ib];
		int swap = strcmp(x->naam, y->naam) > 0;
		if (!like || link_has(x->naam, needle) || link_has(y->naam, needle) || link_has(x->code, needle) ||
		    link_has(y->code, needle)) {
			struct link_pair *g = grow(pairs, &pcap, npairs, sizeof(*g));
			if (!(oom = !g)) {
				pairs = g;
				pairs[npairs++] = (struct link_pair){ swap ? rows[i].ib : rows[i].ia, swap ? rows[i].ia : rows[i].ib,
								      (int)i, n, mode, desc, NULL };
			}
		}
		i = j;
	}
	for (size_t i = 0; i < npairs; i++)
		pairs[i].orgs = orgs;
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), link_pair_cmp);
	/* The page, each pair with its task fields by name. */
	long long from = l && l->limit > 0 && l->offset > 0 ? l->offset : 0;
	long long to = l && l->limit > 0 ? from + l->limit : (long long)npairs;
	json_t *list = json_array();
	struct link_tv_sort *ts = calloc(ntvs ? ntvs : 1, sizeof(*ts));
	for (long long i = from; i < to && i < (long long)npairs && ts && !oom; i++) {
		const struct link_pair *q = &pairs[i];
		size_t nts = 0;
		for (size_t j = (size_t)q->first;
		     j < nrows && rows[j].ia == rows[q->first].ia && rows[j].ib == rows[q->first].ib; j++)
			if (!nts || ts[nts - 1].tv != rows[j].tv)
				ts[nts++] = (struct link_tv_sort){ tvs, rows[j].tv };
		qsort(ts, nts, sizeof(*ts), link_tv_cmp);
		json_t *codes = json_array();
		for (size_t j = 0; j < nts; j++)
			json_array_append_new(codes, json_string(tvs[ts[j].tv].code));
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:I,s:o}", "a", orgs[q->a].code, "naamA", orgs[q->a].naam,
						      "b", orgs[q->b].code, "naamB", orgs[q->b].naam, "aantal",
						      (json_int_t)q->n, "taakvelden", codes));
	}
	if (!ts)
		oom = 1;
	free(ts);
	*total = (long long)npairs;
	free(orgs), free(tvs), free(rows), free(pairs);
	if (oom) {
		json_decref(list);
		return store_db_problem(s, DB_ERR, p, "netwerk");
	}
	*out = list;
	return 0;
}
