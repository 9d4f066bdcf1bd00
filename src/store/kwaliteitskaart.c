/* The kwaliteitskaart in the store, part one: the small helpers the
 * kwaliteitskaart_*.c files share (kwaliteitskaart_intern.h), the
 * competence list, levels and the link from an account to its medewerker.
 * Absences and substitutions: kwaliteitskaart_afwezigheid.c; an
 * organisation's map, its vulnerability and the network view:
 * kwaliteitskaart_kwetsbaarheid.c; import and inzage:
 * kwaliteitskaart_import.c. See kwaliteitskaart.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/register.h"
#include "store/fields.h"
#include "store/kwaliteitskaart.h"
#include "store/page.h"
#include "store/kwaliteitskaart_intern.h"

/* ---- small helpers (kwaliteitskaart_intern.h) ----------------------------- */

long long kwaliteitskaart_competence_id(struct store *s, const char *code)
{
	return store_lookup_id(s, "SELECT id FROM competenties WHERE code = ?", code);
}

/* The organisation id of medewerker id, or 0 when there is none. */
long long kwaliteitskaart_staff_org_id(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db, "SELECT organisatie_id FROM medewerkers WHERE id = ?", "l", id);
	long long o = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return o;
}

/* A reference in the body that does not exist: 422 with the field named. */
int kwaliteitskaart_unknown_ref(struct problem *p, const char *field, const char *fmt, ...)
{
	char reason[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	problem_param(p, field, "%s", reason);
	p->status = 422;
	snprintf(p->title, sizeof(p->title), "%s", problem_title(422));
	snprintf(p->detail, sizeof(p->detail), "%s", p->params[p->nparams - 1].reason);
	return -422;
}

/* The day a moment is about for memberships and absences. */
void kwaliteitskaart_moment_day(struct kwaliteitskaart_moment m, char out[DATE_TEXT_LEN])
{
	date_format(m.date != DATE_NONE ? m.date : date_from_ymd(m.year, 1, 1), out);
}

/* ---- competences -------------------------------------------------------- */

#define COMPETENCE_SELECT \
	"SELECT c.code, c.naam, c.omschrijving, v.code FROM competenties c LEFT JOIN verbanden v ON v.id = c.verband_id"

static json_t *competence_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:s,s:s}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 2));
	json_object_set_new(o, "verband", store_text_or_null(st, 3));
	return o;
}

int kwaliteitskaart_competence_create(struct store *s, json_t *in, json_t **out, struct problem *p)
{
	const char *code = NULL, *naam = NULL, *oms = NULL, *verband = NULL;
	if (field_text(in, "code", FIELD_REQUIRED, 40, &code, p) > 0 && !register_slug_valid(code))
		problem_param(p, "code", "gebruik 1 tot 40 kleine letters, cijfers en '-' (bijv. 'woz-taxatie')");
	field_text(in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 2000, &oms, p);
	field_text(in, "verband", FIELD_OPTIONAL, 48, &verband, p);
	if (p->status)
		return -p->status;
	if (oms && !oms[0])
		oms = NULL;
	if (verband && !verband[0])
		verband = NULL;
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = 0;
	long long vid = 0;
	if (verband && !(vid = store_verband_id(s, verband))) {
		r = kwaliteitskaart_unknown_ref(p, "verband", "verband '%s' bestaat niet", verband);
		goto out;
	}
	char now[32];
	store_now_text(now);
	r = db_run(s->db,
		   "INSERT INTO competenties(code, naam, omschrijving, verband_id, aangemaakt) VALUES(?, ?, ?, NULLIF(?, 0), ?)",
		   "tttlt", code, naam, oms, vid, now);
	if (r == DB_ERR_UNIQUE) {
		r = problem_set(p, 409, "Competentie '%s' bestaat al.", code);
		goto out;
	}
	if (r < 0) {
		r = store_db_problem(s, r, p, "competentie");
		goto out;
	}
	struct db_stmt *st = db_query(s->db, COMPETENCE_SELECT " WHERE c.code = ?", "t", code);
	if (db_step(st) == DB_ROW)
		*out = competence_json(st);
	else
		r = store_db_problem(s, DB_ERR, p, "competentie");
	db_finalize(st);
out:
	return store_finish(s, r, p);
}

int kwaliteitskaart_competence_list(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	return kwaliteitskaart_competence_page(s, verband, NULL, out, p);
}

int kwaliteitskaart_competence_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p)
{
	long long vid = 0;
	if (verband && !(vid = store_verband_id(s, verband))) {
		problem_set(p, 422, "Verband '%s' bestaat niet.", verband);
		problem_param(p, "verband", "verband '%s' bestaat niet", verband);
		p->status = 422;
		return -422;
	}
#define SQL COMPETENCE_SELECT " WHERE ?1 = 0 OR c.verband_id IS NULL OR c.verband_id = ?1 ORDER BY c.code, c.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?2 OFFSET ?3", "l" STORE_PAGE_BINDS, vid, STORE_PAGE_ARGS(pg));
	if (!st) {
		store_page_end(s, pg, NULL);
		return store_db_problem(s, DB_ERR, p, "competenties");
	}
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, competence_json(st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "l", vid) : NULL);
#undef SQL
	*out = a;
	return 0;
}

int kwaliteitskaart_competence_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, COMPETENCE_SELECT " WHERE c.code = ?", "t", code);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(out, outlen, "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Competentie '%s' bestaat niet.", code);
}

/* ---- levels --------------------------------------------------------------- */

static json_t *level_json(const char *code, const char *naam, int niveau)
{
	return json_pack("{s:s,s:s,s:i,s:s}", "competentie", code, "naam", naam, "niveau", niveau, "niveauNaam",
			 kwaliteitskaart_level_name(niveau) ? kwaliteitskaart_level_name(niveau) : "");
}

/* Sets (niveau 1..3) or removes (0) a level inside an open transaction;
 * *changed says whether anything changed. */
int kwaliteitskaart_put_level(struct store *s, long long id, long long cid, int niveau, int *changed, struct problem *p)
{
	return kwaliteitskaart_put_level_new(s, id, cid, niveau, 0, changed, p);
}

int kwaliteitskaart_put_level_new(struct store *s, long long id, long long cid, int niveau, int fresh, int *changed,
				  struct problem *p)
{
	int cur = 0;
	if (!fresh) {
		struct db_stmt *st = db_query(
			s->db, "SELECT niveau FROM medewerker_competenties WHERE medewerker_id = ? AND competentie_id = ?", "ll",
			id, cid);
		cur = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : 0;
		db_finalize(st);
	}
	*changed = cur != niveau;
	if (!*changed)
		return 0;
	/* The counts per organisation and competence (kwaliteitskaart_dekking,
	 * migration 106) change with it, in the same transaction. */
	long long dn = (niveau > 0) - (cur > 0),
		  dh = (niveau >= KWALITEITSKAART_HOLDER_LEVEL) - (cur >= KWALITEITSKAART_HOLDER_LEVEL);
	int rc = db_run(s->db,
			"INSERT INTO kwaliteitskaart_dekking(organisatie_id, competentie_id, niveaus, houders)"
			" SELECT organisatie_id, ?, ?, ? FROM medewerkers WHERE id = ?"
			" ON CONFLICT(organisatie_id, competentie_id) DO UPDATE SET"
			" niveaus = kwaliteitskaart_dekking.niveaus + excluded.niveaus,"
			" houders = kwaliteitskaart_dekking.houders + excluded.houders",
			"llll", cid, dn, dh, id);
	if (rc < 0)
		return store_db_problem(s, rc, p, "niveau");
	char now[32];
	store_now_text(now);
	int r = niveau ? db_run(s->db,
				"INSERT INTO medewerker_competenties(medewerker_id, competentie_id, niveau, gewijzigd) VALUES(?, "
				"?, ?, ?)"
				" ON CONFLICT(medewerker_id, competentie_id) DO UPDATE SET niveau = excluded.niveau, gewijzigd = "
				"excluded.gewijzigd",
				"llit", id, cid, niveau, now)
		       : db_run(s->db, "DELETE FROM medewerker_competenties WHERE medewerker_id = ? AND competentie_id = ?", "ll",
				id, cid);
	return r < 0 ? store_db_problem(s, r, p, "niveau") : 0;
}

int kwaliteitskaart_level_set(struct store *s, long long id, const char *code, json_t *in, json_t **out, struct problem *p)
{
	long long niveau = 0;
	field_int(in, "niveau", FIELD_REQUIRED, 1, 3, &niveau, p);
	if (p->status) {
		/* Say what the numbers mean. */
		snprintf(p->params[p->nparams - 1].reason, sizeof(p->params[0].reason),
			 "moet 1 (basis), 2 (ervaren) of 3 (expert) zijn");
		return -p->status;
	}
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = 0, changed;
	long long cid;
	if (!kwaliteitskaart_staff_org_id(s, id)) {
		r = problem_set(p, 404, "Medewerker %lld bestaat niet.", id);
		goto out;
	}
	if (!(cid = kwaliteitskaart_competence_id(s, code))) {
		r = problem_set(p, 404, "Competentie '%s' bestaat niet; zie GET /api/v1/competenties.", code);
		goto out;
	}
	if ((r = kwaliteitskaart_put_level(s, id, cid, (int)niveau, &changed, p)) < 0)
		goto out;
	struct db_stmt *st = db_query(s->db, "SELECT naam FROM competenties WHERE id = ?", "l", cid);
	if (db_step(st) == DB_ROW) {
		*out = level_json(code, db_col_text(st, 0), (int)niveau);
		json_object_set_new(*out, "medewerker", json_integer(id));
	} else {
		r = store_db_problem(s, DB_ERR, p, "competentie");
	}
	db_finalize(st);
out:
	return store_finish(s, r, p);
}

int kwaliteitskaart_level_delete(struct store *s, long long id, const char *code, struct problem *p)
{
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = 0, changed = 0;
	long long cid;
	if (!kwaliteitskaart_staff_org_id(s, id))
		r = problem_set(p, 404, "Medewerker %lld bestaat niet.", id);
	else if (!(cid = kwaliteitskaart_competence_id(s, code)))
		r = problem_set(p, 404, "Competentie '%s' bestaat niet.", code);
	else if ((r = kwaliteitskaart_put_level(s, id, cid, 0, &changed, p)) == 0 && !changed)
		r = problem_set(p, 404, "Medewerker %lld heeft competentie '%s' niet.", id, code);
	return store_finish(s, r, p);
}

int kwaliteitskaart_levels(struct store *s, long long id, json_t **out, struct problem *p)
{
	if (!kwaliteitskaart_staff_org_id(s, id))
		return problem_set(p, 404, "Medewerker %lld bestaat niet.", id);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT c.code, c.naam, mc.niveau FROM medewerker_competenties mc"
			 " JOIN competenties c ON c.id = mc.competentie_id WHERE mc.medewerker_id = ? ORDER BY c.naam",
			 "l", id);
	if (!st)
		return store_db_problem(s, DB_ERR, p, "competenties");
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, level_json(db_col_text(st, 0), db_col_text(st, 1), (int)db_col_int(st, 2)));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- accounts ---------------------------------------------------------------- */

int kwaliteitskaart_account_org(struct store *s, const char *naam, char *org, size_t orglen, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT o.code FROM gebruikers g LEFT JOIN organisaties o ON o.id = g.organisatie_id WHERE g.naam = ?",
		"t", naam);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(org, orglen, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Gebruiker '%s' bestaat niet.", naam);
}

int kwaliteitskaart_account_link(struct store *s, const char *naam, long long id, json_t **out, struct problem *p)
{
	if (store_begin(s, p) < 0)
		return -p->status;
	int r = 0;
	struct db_stmt *st = db_query(s->db, "SELECT id, organisatie_id FROM gebruikers WHERE naam = ?", "t", naam);
	long long uid = 0, uorg = 0;
	if (db_step(st) == DB_ROW) {
		uid = db_col_int(st, 0);
		uorg = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
	}
	db_finalize(st);
	if (!uid) {
		r = problem_set(p, 404, "Gebruiker '%s' bestaat niet.", naam);
		goto out;
	}
	if (id) {
		long long morg = kwaliteitskaart_staff_org_id(s, id);
		char what[32];
		snprintf(what, sizeof(what), "%lld", id);
		if (!morg) {
			r = kwaliteitskaart_unknown_ref(p, "medewerker", "medewerker %s bestaat niet", what);
			goto out;
		}
		if (morg != uorg) {
			r = kwaliteitskaart_unknown_ref(p, "medewerker",
							"medewerker %s is van een andere organisatie dan het account", what);
			goto out;
		}
	}
	r = db_run(s->db, "UPDATE gebruikers SET medewerker_id = NULLIF(?, 0) WHERE id = ?", "ll", id, uid);
	if (r == DB_ERR_UNIQUE) {
		r = problem_set(p, 409, "Medewerker %lld is al aan een ander account gekoppeld.", id);
		goto out;
	}
	if (r < 0) {
		r = store_db_problem(s, r, p, "gebruiker");
		goto out;
	}
	*out = json_pack("{s:s,s:o}", "gebruiker", naam, "medewerker", id ? json_integer(id) : json_null());
out:
	return store_finish(s, r, p);
}
