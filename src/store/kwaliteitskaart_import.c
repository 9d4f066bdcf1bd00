/* The import of a kwaliteitskaart sheet (CSV) and a medewerker's inzage
 * (AVG). See kwaliteitskaart.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/kwaliteitskaart.h"
#include "store/kwaliteitskaart_intern.h"
#include "store/medewerkers.h"

/* ---- import ------------------------------------------------------------------------ */

struct known_ctx {
	struct store *s;
};

static int known_code(const char *code, void *ctx)
{
	struct known_ctx *k = ctx;
	return kwaliteitskaart_competence_id(k->s, code) > 0;
}

/* Copies the field errors of a staff write into the sheet's errors for line. */
static void medewerkers_errors(struct kwaliteitskaart_sheet *sh, int line, const struct problem *p)
{
	if (!p->nparams)
		kwaliteitskaart_sheet_error(sh, line, NULL, "%s", p->detail);
	for (int i = 0; i < p->nparams; i++)
		kwaliteitskaart_sheet_error(sh, line, p->params[i].name, "%s", p->params[i].reason);
}

/* The organisation's medewerkers by name, read once for the whole sheet
 * (per row it was a scan of the organisation's staff: quadratic in a
 * large sheet): naam → id, or → -n when n of them share the name. Kept up
 * to date as rows create people. */
static json_t *names_load(struct store *s, long long oid)
{
	json_t *names = json_object();
	struct db_stmt *st = db_query(s->db, "SELECT naam, id FROM medewerkers WHERE organisatie_id = ? AND pseudoniem = 0", "l", oid);
	while (db_step(st) == DB_ROW) {
		const char *naam = db_col_text(st, 0);
		json_t *had = json_object_get(names, naam);
		long long v = !had ? db_col_int(st, 1) : json_integer_value(had) > 0 ? -2 : json_integer_value(had) - 1;
		json_object_set_new_nocheck(names, naam, json_integer(v));
	}
	db_finalize(st);
	return names;
}

/* One row: creates or updates the medewerker, then the levels. *what is
 * 'a' (aangemaakt), 'b' (bijgewerkt) or 'o' (ongewijzigd). */
static int import_row(struct store *s, long long oid, const char *org, const struct actor *by, struct kwaliteitskaart_sheet *sh,
		      const struct kwaliteitskaart_sheet_row *row, const long long *cids, json_t *names, char *what, long long *levels)
{
	json_t *known = json_object_get(names, row->naam);
	long long id = known && json_integer_value(known) > 0 ? json_integer_value(known) : 0;
	int count = !known ? 0 : id ? 1 : (int)-json_integer_value(known);
	if (count > 1) {
		kwaliteitskaart_sheet_error(sh, row->line, "naam",
					    "%s heeft %d medewerkers die '%s' heten; pas ze afzonderlijk aan", org, count,
					    row->naam);
		return -1;
	}
	json_t *in = json_object(), *rec = NULL, *before = NULL;
	struct problem p;
	problem_init(&p);
	const int *has = sh->has;
	int r;
	if (has[KWALITEITSKAART_COL_FUNCTIE])
		json_object_set_new(in, "functie",
				    row->text[KWALITEITSKAART_COL_FUNCTIE] ? json_string(row->text[KWALITEITSKAART_COL_FUNCTIE])
									   : json_null());
	if (has[KWALITEITSKAART_COL_EMAIL])
		json_object_set_new(in, "email",
				    row->text[KWALITEITSKAART_COL_EMAIL] ? json_string(row->text[KWALITEITSKAART_COL_EMAIL])
									 : json_null());
	if (has[KWALITEITSKAART_COL_UUR] && row->num[KWALITEITSKAART_COL_UUR] >= 0)
		json_object_set_new(in, "uurPerWeek", json_integer(row->num[KWALITEITSKAART_COL_UUR]));
	if (has[KWALITEITSKAART_COL_BESCHIKBAAR])
		json_object_set_new(in, "beschikbaarUurPerWeek",
				    json_integer(row->num[KWALITEITSKAART_COL_BESCHIKBAAR] >= 0
							 ? row->num[KWALITEITSKAART_COL_BESCHIKBAAR]
							 : 0));
	if (has[KWALITEITSKAART_COL_PENSIOENJAAR])
		json_object_set_new(in, "pensioenjaar",
				    row->num[KWALITEITSKAART_COL_PENSIOENJAAR] >= 0
					    ? json_integer(row->num[KWALITEITSKAART_COL_PENSIOENJAAR])
					    : json_null());
	if (!id) {
		if (row->num[KWALITEITSKAART_COL_UUR] < 0) {
			kwaliteitskaart_sheet_error(sh, row->line, "uurPerWeek",
						    "nodig voor een nieuwe medewerker ('%s' staat nog niet op de "
						    "kaart van %s)",
						    row->naam, org);
			json_decref(in);
			return -1;
		}
		json_object_set_new(in, "naam", json_string(row->naam));
		json_object_set_new(in, "organisatie", json_string(org));
		r = medewerkers_create_id(s, by, in, &id, NULL, &p);
		if (r == 0)
			json_object_set_new_nocheck(names, row->naam, json_integer(id));
		*what = 'a';
	} else {
		medewerkers_get(s, id, &before, &p);
		r = medewerkers_update(s, id, org, by, in, &rec, &p);
		*what = r == 0 && !json_equal(before, rec) ? 'b' : 'o';
	}
	json_decref(in);
	json_decref(rec);
	json_decref(before);
	if (r < 0) {
		medewerkers_errors(sh, row->line, &p);
		return -1;
	}
	for (size_t c = 0; c < sh->ncodes; c++) {
		int changed;
		if (*what == 'a' && !row->niveaus[c])
			continue; /* someone new has no level to remove */
		problem_init(&p);
		if (kwaliteitskaart_put_level_new(s, id, cids[c], row->niveaus[c], *what == 'a', &changed, &p) < 0) {
			medewerkers_errors(sh, row->line, &p);
			return -1;
		}
		if (changed) {
			(*levels)++;
			if (*what == 'o')
				*what = 'b';
		}
	}
	return 0;
}

int kwaliteitskaart_import(struct store *s, const char *org, const struct actor *by, const char *text, size_t len,
			   struct kwaliteitskaart_sheet *sh, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	memset(sh, 0, sizeof(*sh));
	if (!oid) {
		problem_set(p, 422, "Organisatie '%s' bestaat niet.", org);
		problem_param(p, "organisatie", "organisatie '%s' bestaat niet", org);
		p->status = 422;
		return -422;
	}
	struct known_ctx k = { s };
	if (kwaliteitskaart_sheet_parse(text, len, known_code, &k, sh) < 0) {
		problem_set(p, 422,
			    "De kwaliteitskaart is niet ingelezen: %zu fout(en). Herstel ze en lees het bestand opnieuw in.",
			    sh->nerrors);
		return -422;
	}
	long long *cids = calloc(sh->ncodes ? sh->ncodes : 1, sizeof(*cids));
	if (!cids)
		return problem_set(p, 500, "Onvoldoende geheugen.");
	for (size_t c = 0; c < sh->ncodes; c++)
		cids[c] = kwaliteitskaart_competence_id(s, sh->codes[c]);
	if (store_begin(s, p) < 0) {
		free(cids);
		return -p->status;
	}
	json_t *made = json_array(), *updated = json_array(), *names = names_load(s, oid);
	long long same = 0, levels = 0;
	for (size_t i = 0; i < sh->nrows; i++) {
		char what = 'o';
		if (import_row(s, oid, org, by, sh, &sh->rows[i], cids, names, &what, &levels) < 0)
			continue; /* keep checking: every error at once */
		if (what == 'a')
			json_array_append_new(made, json_string(sh->rows[i].naam));
		else if (what == 'b')
			json_array_append_new(updated, json_string(sh->rows[i].naam));
		else
			same++;
	}
	free(cids);
	json_decref(names);
	int r = 0;
	if (sh->nerrors || sh->more_errors) {
		json_decref(made);
		json_decref(updated);
		problem_set(p, 422,
			    "De kwaliteitskaart is niet ingelezen: %zu fout(en). Herstel ze en lees het bestand opnieuw in.",
			    sh->nerrors);
		r = -422;
	} else {
		*out = json_pack("{s:s,s:I,s:o,s:o,s:I,s:I}", "organisatie", org, "regels", (json_int_t)sh->nrows, "aangemaakt",
				 made, "bijgewerkt", updated, "ongewijzigd", (json_int_t)same, "niveaus", (json_int_t)levels);
	}
	return store_finish(s, r, p);
}

/* ---- inzage ------------------------------------------------------------------------ */

json_t *kwaliteitskaart_inzage(struct store *s, long long id)
{
	json_t *levels = NULL, *absences = NULL, *subs = NULL;
	struct problem p;
	problem_init(&p);
	kwaliteitskaart_levels(s, id, &levels, &p);
	kwaliteitskaart_absence_list(s, NULL, id, NULL, NULL, &absences, &p);
	kwaliteitskaart_substitution_list(s, NULL, id, NULL, 1, &subs, &p);
	return json_pack("{s:o,s:o,s:o}", "competenties", levels ? levels : json_array(), "afwezigheden",
			 absences ? absences : json_array(), "vervangingen", subs ? subs : json_array());
}
