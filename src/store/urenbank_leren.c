/* The proeftuin-MT's leerervaringen and bijsturing (urenbank_leren.h). */
#include <stdio.h>
#include <string.h>
#include "store/fields.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_leren.h"

static const char *const soorten[] = { "leerervaring", "bijsturing", NULL };

struct les_args {
	const struct actor *by;
	const char *pt;
	long long id; /* 0: a new one */
	json_t *in;
	json_t **out;
};

static json_t *les_json(struct store *s, long long id)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT l.id, p.code, l.soort, l.datum, l.thema, l.inhoud, l.vervolg, l.aangemaakt, l.door,"
			 " l.gewijzigd FROM leerervaringen l JOIN proeftuinen p ON p.id = l.proeftuin_id WHERE l.id = ?",
			 "l", id);
	json_t *o = NULL;
	if (db_step(st) == DB_ROW) {
		o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "proeftuin",
			      db_col_text(st, 1), "soort", db_col_text(st, 2), "datum", db_col_text(st, 3), "thema",
			      db_col_text(st, 4), "inhoud", db_col_text(st, 5), "aangemaakt", db_col_text(st, 7), "door",
			      db_col_text(st, 8));
		if (!db_col_null(st, 6))
			json_object_set_new(o, "vervolg", json_string(db_col_text(st, 6)));
		if (!db_col_null(st, 9))
			json_object_set_new(o, "gewijzigd", json_string(db_col_text(st, 9)));
	}
	db_finalize(st);
	return o;
}

/* The id of record id in proeftuin ptid, or 0 with a 404. */
static long long find(struct store *s, const struct pt *pt, long long id, struct problem *p)
{
	long long found =
		urenbank_one_int(s, "SELECT id FROM leerervaringen WHERE id = ? AND proeftuin_id = ?", "ll", id, pt->id);
	if (!found)
		problem_set(p, 404, "Leerervaring %lld bestaat niet in proeftuin '%s'.", id, pt->code);
	return found;
}

static int do_save(struct store *s, void *arg, struct problem *p)
{
	struct les_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (a->id && !find(s, &pt, a->id, p))
		return -p->status;
	const char *soort = NULL, *datum = NULL, *thema = NULL, *inhoud = NULL, *vervolg = NULL;
	field_enum(a->in, "soort", FIELD_REQUIRED, soorten, &soort, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_text(a->in, "thema", FIELD_REQUIRED, 200, &thema, p);
	field_text(a->in, "inhoud", FIELD_REQUIRED, 4000, &inhoud, p);
	field_text(a->in, "vervolg", FIELD_OPTIONAL, 4000, &vervolg, p);
	if (p->nparams)
		return -p->status;
	if (!thema[0])
		problem_param(p, "thema", "mag niet leeg zijn");
	if (!inhoud[0])
		problem_param(p, "inhoud", "mag niet leeg zijn");
	if (p->nparams)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r;
	long long id = a->id;
	if (!id) {
		r = db_insert(s->db, &id,
			      "INSERT INTO leerervaringen(proeftuin_id, soort, datum, thema, inhoud, vervolg, aangemaakt, door)"
			      " VALUES(?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			      "lttttttt", pt.id, soort, datum, thema, inhoud, vervolg && vervolg[0] ? vervolg : NULL, now,
			      a->by->name);
	} else {
		r = db_run(s->db,
			   "UPDATE leerervaringen SET soort = ?, datum = ?, thema = ?, inhoud = ?, vervolg = ?, gewijzigd = ?,"
			   " gewijzigd_door = ? WHERE id = ?",
			   "tttttttl", soort, datum, thema, inhoud, vervolg && vervolg[0] ? vervolg : NULL, now, a->by->name, id);
	}
	if (r < 0)
		return store_db_problem(s, r, p, "leerervaring");
	if (a->out && !(*a->out = les_json(s, id)))
		return problem_set(p, 500, "Leerervaring %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_les_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct les_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_save, &a);
}

int urenbank_les_update(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			struct problem *p)
{
	struct les_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_save, &a);
}

static int do_delete(struct store *s, void *arg, struct problem *p)
{
	struct les_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!find(s, &pt, a->id, p))
		return -p->status;
	int r = db_run(s->db, "DELETE FROM leerervaringen WHERE id = ?", "l", a->id);
	return r < 0 ? store_db_problem(s, r, p, "leerervaring") : 0;
}

int urenbank_les_delete(struct store *s, const char *pt, long long id, struct problem *p)
{
	struct les_args a = { NULL, pt, id, NULL, NULL };
	return store_transaction(s, p, do_delete, &a);
}

int urenbank_les_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!find(s, &pt, id, p))
		return -p->status;
	*out = les_json(s, id);
	return *out ? 0 : problem_set(p, 500, "Leerervaring %lld is niet te lezen.", id);
}

int urenbank_les_list(struct store *s, const char *ptc, const char *soort, json_t **out, struct problem *p)
{
	struct pt pt;
	if (soort && soort[0] && strcmp(soort, "leerervaring") && strcmp(soort, "bijsturing"))
		return problem_param(p, "soort", "moet leerervaring of bijsturing zijn");
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	struct db_stmt *st = db_query(
		s->db, "SELECT id FROM leerervaringen WHERE proeftuin_id = ?1 AND (?2 IS NULL OR soort = ?2) ORDER BY datum, id",
		"lt", pt.id, soort && soort[0] ? soort : NULL);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = les_json(s, db_col_int(st, 0));
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}
