/* The KCC's shared answer base, "redactie Antwoord" (store/dienstverlening.h):
 * answers owned by one member's editor, local variations per member, and
 * the date by which each must be reviewed again. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/utf8.h"
#include "store/db.h"
#include "store/dienstverlening.h"
#include "store/fields.h"
#include "store/listing.h"

static long long vid_of(struct store *s, const char *code, struct problem *p)
{
	long long id = code ? store_verband_id(s, code) : 0;
	if (!id)
		problem_set(p, 404, "Verband '%s' bestaat niet.", code ? code : "");
	return id;
}

/* datum or today into d; -400 for a bad date. */
static int on_date(const char *datum, char d[DATE_TEXT_LEN], struct problem *p)
{
	int32_t day = date_today();
	if (datum && datum[0] && date_parse(datum, &day) < 0)
		return problem_param(p, "datum", "moet een datum zijn (JJJJ-MM-DD)");
	date_format(day, d);
	return 0;
}

#define ANSWER_SELECT                                                                                                \
	"SELECT a.id, a.onderwerp, a.vraag, a.antwoord, o.code, o.naam, a.redacteur, a.herzien, a.gewijzigd, a.door" \
	" FROM dienstverlening_antwoorden a JOIN organisaties o ON o.id = a.eigenaar_id"

static json_t *answer_json(struct store *s, struct db_stmt *st, const char *verband, const char *on)
{
	long long id = db_col_int(st, 0);
	const char *herzien = db_col_text(st, 7);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s}", "id", (json_int_t)id, "verband", verband,
			      "onderwerp", db_col_text(st, 1), "vraag", db_col_text(st, 2), "antwoord", db_col_text(st, 3),
			      "eigenaar", db_col_text(st, 4), "eigenaarNaam", db_col_text(st, 5), "redacteur", db_col_text(st, 6),
			      "herzienOp", herzien, "achterstallig", strcmp(herzien, on) < 0, "gewijzigd", db_col_text(st, 8),
			      "door", db_col_text(st, 9));
	struct db_stmt *v =
		db_query(s->db,
			 "SELECT o.code, o.naam, v.tekst FROM dienstverlening_varianten v JOIN organisaties o ON o.id ="
			 " v.organisatie_id WHERE v.antwoord_id = ? ORDER BY o.code",
			 "l", id);
	json_t *a = json_array();
	while (db_step(v) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "organisatie", db_col_text(v, 0), "naam", db_col_text(v, 1),
						   "tekst", db_col_text(v, 2)));
	db_finalize(v);
	json_object_set_new(o, "varianten", a);
	return o;
}

static json_t *answer_read(struct store *s, const char *verband, long long id, const char *on)
{
	struct db_stmt *st = db_query(s->db, ANSWER_SELECT " WHERE a.id = ?", "l", id);
	json_t *o = db_step(st) == DB_ROW ? answer_json(s, st, verband, on) : NULL;
	db_finalize(st);
	return o;
}

/* The answer's id in verband vid, or 0 with a 404. */
static long long find(struct store *s, long long vid, const char *verband, long long id, struct problem *p)
{
	struct db_stmt *q =
		db_query(s->db, "SELECT id FROM dienstverlening_antwoorden WHERE id = ? AND verband_id = ?", "ll", id, vid);
	long long found = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
	db_finalize(q);
	if (!found)
		problem_set(p, 404, "Antwoord %lld bestaat niet in verband '%s'.", id, verband);
	return found;
}

struct answer_args {
	const struct actor *by;
	const char *verband;
	long long id;
	const char *org;
	json_t *in;
	json_t **out;
};

static int do_answer_save(struct store *s, void *arg, struct problem *p)
{
	struct answer_args *a = arg;
	long long vid = vid_of(s, a->verband, p);
	if (!vid || (a->id && !find(s, vid, a->verband, a->id, p)))
		return -p->status;
	const char *onderwerp = NULL, *vraag = NULL, *antwoord = NULL, *eigenaar = NULL, *redacteur = NULL, *herzien = NULL;
	field_text(a->in, "onderwerp", FIELD_REQUIRED, 120, &onderwerp, p);
	field_text(a->in, "vraag", FIELD_REQUIRED, 500, &vraag, p);
	field_text(a->in, "antwoord", FIELD_REQUIRED, 8000, &antwoord, p);
	field_text(a->in, "eigenaar", a->id ? FIELD_OPTIONAL : FIELD_REQUIRED, 40, &eigenaar, p);
	field_text(a->in, "redacteur", FIELD_REQUIRED, 120, &redacteur, p);
	field_date(a->in, "herzienOp", FIELD_REQUIRED, &herzien, p);
	if (p->nparams)
		return -p->status;
	const char *names[] = { "onderwerp", "vraag", "antwoord", "redacteur" };
	const char *vals[] = { onderwerp, vraag, antwoord, redacteur };
	for (int i = 0; i < 4; i++)
		if (!vals[i][0])
			problem_param(p, names[i], "mag niet leeg zijn");
	if (p->nparams)
		return -p->status;
	char now[32], d[DATE_TEXT_LEN];
	store_now_text(now);
	on_date(NULL, d, p);
	long long id = a->id;
	int r;
	if (!id) {
		struct problem q;
		problem_init(&q);
		if (dienstverlening_member(s, a->verband, eigenaar, &q) != 1)
			return problem_set(p, 422, "Eigenaar '%s' is geen lid van verband '%s'.", eigenaar, a->verband);
		r = db_insert(
			s->db, &id,
			"INSERT INTO dienstverlening_antwoorden(verband_id, onderwerp, vraag, antwoord, eigenaar_id, redacteur,"
			" herzien, aangemaakt, gewijzigd, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			"ltttltttt"
			"t",
			vid, onderwerp, vraag, antwoord, store_org_id(s, eigenaar), redacteur, herzien, now, now, a->by->name);
	} else {
		r = db_run(s->db,
			   "UPDATE dienstverlening_antwoorden SET onderwerp = ?, vraag = ?, antwoord = ?, redacteur = ?, herzien "
			   "= ?,"
			   " gewijzigd = ?, door = ? WHERE id = ?",
			   "tttttttl", onderwerp, vraag, antwoord, redacteur, herzien, now, a->by->name, id);
	}
	if (r < 0)
		return store_db_problem(s, r, p, "antwoord");
	if (a->out && !(*a->out = answer_read(s, a->verband, id, d)))
		return problem_set(p, 500, "Antwoord %lld is niet terug te lezen.", id);
	return 0;
}

int dienstverlening_answer_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				  struct problem *p)
{
	struct answer_args a = { by, verband, 0, NULL, in, out };
	return store_transaction(s, p, do_answer_save, &a);
}

int dienstverlening_answer_update(struct store *s, const struct actor *by, const char *verband, long long id, json_t *in,
				  json_t **out, struct problem *p)
{
	struct answer_args a = { by, verband, id, NULL, in, out };
	return store_transaction(s, p, do_answer_save, &a);
}

int dienstverlening_answer_owner(struct store *s, const char *verband, long long id, char *org, size_t len, struct problem *p)
{
	long long vid = vid_of(s, verband, p);
	if (!vid)
		return -p->status;
	struct db_stmt *q = db_query(s->db,
				     "SELECT o.code FROM dienstverlening_antwoorden a JOIN organisaties o ON o.id = a.eigenaar_id"
				     " WHERE a.id = ? AND a.verband_id = ?",
				     "ll", id, vid);
	int found = db_step(q) == DB_ROW;
	if (found)
		snprintf(org, len, "%s", db_col_text(q, 0));
	db_finalize(q);
	return found ? 0 : problem_set(p, 404, "Antwoord %lld bestaat niet in verband '%s'.", id, verband);
}

static int do_variant(struct store *s, void *arg, struct problem *p)
{
	struct answer_args *a = arg;
	long long vid = vid_of(s, a->verband, p);
	if (!vid || !find(s, vid, a->verband, a->id, p))
		return -p->status;
	/* Not field_text: an empty tekst is allowed here, it removes the variation. */
	const char *tekst = json_string_value(json_object_get(a->in, "tekst"));
	if (!tekst || strlen(tekst) > 4000 || !utf8_valid(tekst, strlen(tekst)))
		return problem_param(p, "tekst", "moet tekst zijn van hoogstens 4000 tekens (leeg: de variant verwijderen)");
	struct problem q;
	problem_init(&q);
	if (dienstverlening_member(s, a->verband, a->org, &q) != 1)
		return problem_set(p, 404, "Organisatie '%s' is geen lid van verband '%s'.", a->org, a->verband);
	long long oid = store_org_id(s, a->org);
	char now[32], d[DATE_TEXT_LEN];
	store_now_text(now);
	on_date(NULL, d, p);
	int r = tekst[0] ? db_run(s->db,
				  "INSERT INTO dienstverlening_varianten(antwoord_id, organisatie_id, tekst, gewijzigd, door)"
				  " VALUES(?, ?, ?, ?, ?) ON CONFLICT(antwoord_id, organisatie_id) DO UPDATE SET tekst ="
				  " excluded.tekst, gewijzigd = excluded.gewijzigd, door = excluded.door",
				  "lltt"
				  "t",
				  a->id, oid, tekst, now, a->by->name)
			 : db_run(s->db, "DELETE FROM dienstverlening_varianten WHERE antwoord_id = ? AND organisatie_id = ?",
				  "ll", a->id, oid);
	if (r < 0)
		return store_db_problem(s, r, p, "lokale variant");
	if (a->out && !(*a->out = answer_read(s, a->verband, a->id, d)))
		return problem_set(p, 500, "Antwoord %lld is niet terug te lezen.", a->id);
	return 0;
}

int dienstverlening_answer_variant(struct store *s, const struct actor *by, const char *verband, long long id, const char *org,
				   json_t *in, json_t **out, struct problem *p)
{
	struct answer_args a = { by, verband, id, org, in, out };
	return store_transaction(s, p, do_variant, &a);
}

int dienstverlening_answer_get(struct store *s, const char *verband, long long id, const char *datum, json_t **out,
			       struct problem *p)
{
	char d[DATE_TEXT_LEN];
	if (on_date(datum, d, p) < 0)
		return -p->status;
	long long vid = vid_of(s, verband, p);
	if (!vid || !find(s, vid, verband, id, p))
		return -p->status;
	*out = answer_read(s, verband, id, d);
	return *out ? 0 : problem_set(p, 500, "Antwoord %lld is niet te lezen.", id);
}

int dienstverlening_answers(struct store *s, const char *verband, const char *zoek, const char *onderwerp, int overdue,
			    const char *datum, json_t **out, struct problem *p)
{
	char d[DATE_TEXT_LEN], pat[300];
	if (on_date(datum, d, p) < 0)
		return -p->status;
	long long vid = vid_of(s, verband, p);
	if (!vid)
		return -p->status;
	struct listing l = { .search = zoek };
	const char *like = listing_pattern(&l, pat, sizeof(pat));
	struct db_stmt *st = db_query(
		s->db,
		ANSWER_SELECT " WHERE a.verband_id = ?1 AND (?2 IS NULL OR lower(a.vraag) LIKE lower(?2) ESCAPE '\\'"
			      " OR lower(a.antwoord) LIKE lower(?2) ESCAPE '\\' OR lower(a.onderwerp) LIKE lower(?2) ESCAPE '\\')"
			      " AND (?3 IS NULL OR a.onderwerp = ?3) AND (?4 = 0 OR a.herzien < ?5) ORDER BY a.onderwerp, a.id",
		"lttit", vid, like, onderwerp && onderwerp[0] ? onderwerp : NULL, overdue ? 1 : 0, d);
	json_t *list = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(list, answer_json(s, st, verband, d));
	db_finalize(st);
	struct db_stmt *c = db_query(s->db,
				     "SELECT count(*), coalesce(sum(CASE WHEN herzien < ? THEN 1 ELSE 0 END), 0) FROM"
				     " dienstverlening_antwoorden WHERE verband_id = ?",
				     "tl", d, vid);
	long long total = 0, late = 0;
	if (db_step(c) == DB_ROW) {
		total = db_col_int(c, 0);
		late = db_col_int(c, 1);
	}
	db_finalize(c);
	struct db_stmt *t = db_query(s->db,
				     "SELECT onderwerp, count(*) FROM dienstverlening_antwoorden WHERE verband_id = ? GROUP BY"
				     " onderwerp ORDER BY onderwerp",
				     "l", vid);
	json_t *topics = json_array();
	while (db_step(t) == DB_ROW)
		json_array_append_new(
			topics, json_pack("{s:s,s:I}", "onderwerp", db_col_text(t, 0), "aantal", (json_int_t)db_col_int(t, 1)));
	db_finalize(t);
	*out = json_pack("{s:s,s:s,s:I,s:I,s:o,s:o}", "verband", verband, "datum", d, "totaal", (json_int_t)total,
			 "achterstallig", (json_int_t)late, "onderwerpen", topics, "antwoorden", list);
	return 0;
}
