/* The members' zaaktypen and their comparison (store/dienstverlening.h):
 * each member imports its list as CSV or as a ZGW Catalogi API export; the
 * comparison itself is core/dienstverlening.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "core/dienstverlening.h"
#include "core/utf8.h"
#include "store/db.h"
#include "store/dienstverlening.h"

#define MAX_ZAAKTYPEN 2000

static long long vid_of(struct store *s, const char *code, struct problem *p)
{
	long long id = code ? store_verband_id(s, code) : 0;
	if (!id)
		problem_set(p, 404, "Verband '%s' bestaat niet.", code ? code : "");
	return id;
}

/* The doorlooptijd as ISO 8601 again (P3M, P56D, P1M5D, P0D). */
static void iso(int m, int d, char *out, size_t len)
{
	char a[24] = "", b[24] = "";
	if (m)
		snprintf(a, sizeof(a), "%dM", m);
	if (d || !m)
		snprintf(b, sizeof(b), "%dD", d);
	snprintf(out, len, "P%s%s", a, b);
}

struct row {
	char *identificatie, *omschrijving;
	int maanden, dagen;
};

struct import {
	struct row *rows;
	size_t n;
};

static void import_release(struct import *im)
{
	for (size_t i = 0; i < im->n; i++) {
		free(im->rows[i].identificatie);
		free(im->rows[i].omschrijving);
	}
	free(im->rows);
}

/* Checks and adds one zaaktype; where names the line or entry for an error. */
static int add(struct import *im, const char *where, const char *id, const char *oms, const char *dl, struct problem *p)
{
	int m, d;
	char name[48];
	snprintf(name, sizeof(name), "%s", where);
	if (!id || !id[0] || strlen(id) > 80 || !utf8_valid(id, strlen(id)))
		return problem_param(p, name, "identificatie ontbreekt of is langer dan 80 tekens");
	if (!oms || !oms[0] || strlen(oms) > 200 || !utf8_valid(oms, strlen(oms)))
		return problem_param(p, name, "omschrijving ontbreekt of is langer dan 200 tekens");
	if (dienstverlening_duration_parse(dl, &m, &d) < 0)
		return problem_param(p, name, "doorlooptijd moet een aantal dagen of een ISO 8601-duur zijn, zoals P56D of P8W");
	for (size_t i = 0; i < im->n; i++)
		if (!strcmp(im->rows[i].identificatie, id))
			return problem_param(p, name, "deze identificatie staat er al eerder in");
	if (im->n >= MAX_ZAAKTYPEN)
		return problem_param(p, name, "meer dan 2000 zaaktypen");
	struct row *r = realloc(im->rows, (im->n + 1) * sizeof(*r));
	if (!r)
		return problem_set(p, 500, "Geen geheugen.");
	im->rows = r;
	r[im->n].identificatie = strdup(id);
	r[im->n].omschrijving = strdup(oms);
	r[im->n].maanden = m;
	r[im->n].dagen = d;
	im->n++;
	return 0;
}

static int read_csv(const char *text, size_t len, struct import *im, struct problem *p)
{
	char *u = NULL, err[200];
	size_t ulen;
	if (csv_to_utf8(text, len, &u, &ulen, err, sizeof(err)) < 0)
		return problem_set(p, 400, "Het bestand is geen leesbare CSV: %s", err);
	struct csv_reader r;
	struct csv_record rec;
	csv_reader_init(&r, u, ulen, csv_detect_separator(u, ulen));
	csv_record_init(&rec);
	int col[3] = { -1, -1, -1 }, header = 1, got;
	static const char *const names[] = { "identificatie", "omschrijving", "doorlooptijd" };
	while ((got = csv_read(&r, &rec, err, sizeof(err))) == 1) {
		if (csv_record_blank(&rec))
			continue;
		char where[32];
		snprintf(where, sizeof(where), "regel %d", rec.line);
		if (header) {
			for (size_t i = 0; i < rec.n; i++)
				for (int k = 0; k < 3; k++) {
					char t[64];
					csv_trim(rec.fields[i], t, sizeof(t));
					for (char *c = t; *c; c++)
						*c = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
					if (!strcmp(t, names[k]))
						col[k] = (int)i;
				}
			header = 0;
			if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
				problem_param(
					p, where,
					"de eerste regel moet de kolommen identificatie, omschrijving en doorlooptijd noemen");
				break;
			}
			continue;
		}
		char f[3][CSV_MAX_FIELD];
		for (int k = 0; k < 3; k++)
			csv_trim((size_t)col[k] < rec.n ? csv_unprotect(rec.fields[col[k]]) : "", f[k], sizeof(f[k]));
		if (add(im, where, f[0], f[1], f[2], p) < 0 && p->status == 500)
			break;
		if (p->nparams >= PROBLEM_MAX_PARAMS)
			break;
	}
	if (got < 0) {
		char where[32];
		snprintf(where, sizeof(where), "regel %d", r.error_line);
		problem_param(p, where, "%s", err);
	}
	if (header && !p->nparams)
		problem_param(p, "regel 1", "het bestand is leeg");
	csv_record_release(&rec);
	free(u);
	return p->nparams || p->status >= 500 ? -(p->status ? p->status : 400) : 0;
}

static int read_zgw(const char *text, size_t len, struct import *im, struct problem *p)
{
	json_error_t e;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		return problem_set(p, 400, "De export is geen geldige JSON (regel %d, kolom %d: %s).", e.line, e.column, e.text);
	json_t *list = json_is_array(doc) ? doc : json_object_get(doc, "results");
	if (!json_is_array(list)) {
		json_decref(doc);
		return problem_set(
			p, 400, "Verwacht een lijst zaaktypen uit de ZGW Catalogi API: een array, of een pagina met 'results'.");
	}
	size_t i;
	json_t *z;
	json_array_foreach(list, i, z) {
		char where[32];
		snprintf(where, sizeof(where), "zaaktype %zu", i + 1);
		if (!json_is_object(z)) {
			problem_param(p, where, "moet een object zijn");
		} else if (add(im, where, json_string_value(json_object_get(z, "identificatie")),
			       json_string_value(json_object_get(z, "omschrijving")),
			       json_string_value(json_object_get(z, "doorlooptijd")), p) < 0 &&
			   p->status == 500) {
			break;
		}
		if (p->nparams >= PROBLEM_MAX_PARAMS)
			break;
	}
	json_decref(doc);
	if (!i && !p->nparams && !p->status)
		problem_param(p, "zaaktype 1", "de lijst is leeg");
	return p->nparams || p->status >= 500 ? -(p->status ? p->status : 400) : 0;
}

struct import_args {
	const struct actor *by;
	const char *verband, *org;
	struct import *im;
	int json;
	json_t **out;
};

static int do_import(struct store *s, void *arg, struct problem *p)
{
	struct import_args *a = arg;
	long long vid = vid_of(s, a->verband, p);
	if (!vid)
		return -p->status;
	struct problem q;
	problem_init(&q);
	if (dienstverlening_member(s, a->verband, a->org, &q) != 1)
		return problem_set(p, 404, "Organisatie '%s' is geen lid van verband '%s'.", a->org, a->verband);
	long long oid = store_org_id(s, a->org);
	int r = db_run(s->db, "DELETE FROM dienstverlening_zaaktypen WHERE verband_id = ? AND organisatie_id = ?", "ll", vid,
		       oid);
	char now[32];
	store_now_text(now);
	for (size_t i = 0; r >= 0 && i < a->im->n; i++) {
		const struct row *w = &a->im->rows[i];
		r = db_run(
			s->db,
			"INSERT INTO dienstverlening_zaaktypen(verband_id, organisatie_id, identificatie, omschrijving, maanden,"
			" dagen, bron, ingelezen, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"llttiittt", vid, oid, w->identificatie, w->omschrijving, w->maanden, w->dagen, a->json ? "zgw" : "csv",
			now, a->by->name);
	}
	if (r < 0)
		return store_db_problem(s, r, p, "zaaktype");
	return a->out ? dienstverlening_zaaktypen_list(s, a->verband, a->org, a->out, p) : 0;
}

int dienstverlening_zaaktypen_import(struct store *s, const struct actor *by, const char *verband, const char *org,
				     const char *text, size_t len, int json, json_t **out, struct problem *p)
{
	struct import im = { 0 };
	int r = json ? read_zgw(text, len, &im, p) : read_csv(text, len, &im, p);
	if (r == 0) {
		struct import_args a = { by, verband, org, &im, json, out };
		r = store_transaction(s, p, do_import, &a);
	} else if (p->nparams) {
		snprintf(p->detail, sizeof(p->detail),
			 "De lijst zaaktypen is niet ingelezen: %d %s (zie invalid-params). Er is niets veranderd.", p->nparams,
			 p->nparams == 1 ? "fout" : "fouten");
	}
	import_release(&im);
	return r;
}

static json_t *zaaktype_json(struct db_stmt *st, int col)
{
	int m = (int)db_col_int(st, col + 2), d = (int)db_col_int(st, col + 3);
	char t[24], x[64];
	iso(m, d, t, sizeof(t));
	dienstverlening_duration_text(m, d, x, sizeof(x));
	return json_pack("{s:s,s:s,s:s,s:s}", "identificatie", db_col_text(st, col), "omschrijving", db_col_text(st, col + 1),
			 "doorlooptijd", t, "doorlooptijdTekst", x);
}

int dienstverlening_zaaktypen_list(struct store *s, const char *verband, const char *org, json_t **out, struct problem *p)
{
	long long vid = vid_of(s, verband, p);
	if (!vid)
		return -p->status;
	long long oid = org ? store_org_id(s, org) : 0;
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org ? org : "");
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT identificatie, omschrijving, maanden, dagen, bron, ingelezen FROM dienstverlening_zaaktypen"
			 " WHERE verband_id = ? AND organisatie_id = ? ORDER BY identificatie",
			 "ll", vid, oid);
	json_t *a = json_array();
	char bron[8] = "", when[32] = "";
	while (db_step(st) == DB_ROW) {
		json_array_append_new(a, zaaktype_json(st, 0));
		snprintf(bron, sizeof(bron), "%s", db_col_text(st, 4));
		snprintf(when, sizeof(when), "%s", db_col_text(st, 5));
	}
	db_finalize(st);
	*out = json_pack("{s:s,s:s,s:I,s:o}", "verband", verband, "organisatie", org, "aantal", (json_int_t)json_array_size(a),
			 "zaaktypen", a);
	if (bron[0]) {
		json_object_set_new(*out, "bron", json_string(bron));
		json_object_set_new(*out, "ingelezen", json_string(when));
	}
	return 0;
}

int dienstverlening_zaaktypen_compare(struct store *s, const char *verband, json_t **out, struct problem *p)
{
	long long vid = vid_of(s, verband, p);
	if (!vid)
		return -p->status;
	if (db_begin_read(s->db) < 0)
		return problem_set(p, 500, "De zaaktypen zijn niet te lezen.");
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.code, z.identificatie, z.omschrijving, z.maanden, z.dagen FROM dienstverlening_zaaktypen z"
			 " JOIN organisaties o ON o.id = z.organisatie_id WHERE z.verband_id = ?"
			 " ORDER BY lower(z.omschrijving), o.code, z.id",
			 "l", vid);
	json_t *rows = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(rows,
				      json_pack("{s:s,s:s,s:s,s:i,s:i}", "o", db_col_text(st, 0), "i", db_col_text(st, 1), "n",
						db_col_text(st, 2), "m", (int)db_col_int(st, 3), "d", (int)db_col_int(st, 4)));
	db_finalize(st);
	struct db_stmt *ms = db_query(
		s->db,
		"SELECT o.code, o.naam, count(DISTINCT z.id), max(z.ingelezen) FROM organisaties o JOIN lidmaatschappen l ON"
		" l.organisatie_id = o.id AND l.verband_id = ?1 AND l.rol <> 'toehoorder' LEFT JOIN"
		" dienstverlening_zaaktypen z ON z.organisatie_id = o.id AND z.verband_id = ?1"
		" GROUP BY o.code, o.naam ORDER BY o.code",
		"l", vid);
	json_t *orgs = json_array();
	while (db_step(ms) == DB_ROW) {
		json_t *o = json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(ms, 0), "naam", db_col_text(ms, 1), "aantal",
				      (json_int_t)db_col_int(ms, 2));
		if (!db_col_null(ms, 3))
			json_object_set_new(o, "ingelezen", json_string(db_col_text(ms, 3)));
		json_array_append_new(orgs, o);
	}
	db_finalize(ms);
	db_commit(s->db);
	size_t n = json_array_size(rows);
	struct dienstverlening_zaaktype *z = calloc(n ? n : 1, sizeof(*z));
	struct dienstverlening_groep *g = NULL;
	size_t ng = 0;
	if (!z) {
		json_decref(rows);
		json_decref(orgs);
		return problem_set(p, 500, "Geen geheugen.");
	}
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(rows, i);
		z[i].org = json_string_value(json_object_get(r, "o"));
		z[i].identificatie = json_string_value(json_object_get(r, "i"));
		z[i].omschrijving = json_string_value(json_object_get(r, "n"));
		z[i].maanden = (int)json_integer_value(json_object_get(r, "m"));
		z[i].dagen = (int)json_integer_value(json_object_get(r, "d"));
	}
	if (dienstverlening_compare(z, n, &g, &ng) < 0) {
		free(z);
		json_decref(rows);
		json_decref(orgs);
		return problem_set(p, 500, "Geen geheugen.");
	}
	json_t *groups = json_array();
	long long count[3] = { 0, 0, 0 };
	for (size_t k = 0; k < ng; k++) {
		json_t *in = json_array(), *diff = json_array(), *missing = json_array();
		for (size_t i = 0; i < g[k].n; i++) {
			const struct dienstverlening_zaaktype *x = &z[g[k].leden[i]];
			char t[24], txt[64];
			iso(x->maanden, x->dagen, t, sizeof(t));
			dienstverlening_duration_text(x->maanden, x->dagen, txt, sizeof(txt));
			json_array_append_new(in, json_pack("{s:s,s:s,s:s,s:s,s:s}", "organisatie", x->org, "identificatie",
							    x->identificatie, "omschrijving", x->omschrijving, "doorlooptijd", t,
							    "doorlooptijdTekst", txt));
		}
		size_t j;
		json_t *o;
		json_array_foreach(orgs, j, o) {
			const char *code = json_string_value(json_object_get(o, "organisatie"));
			int has = 0;
			for (size_t i = 0; i < g[k].n && !has; i++)
				has = !strcmp(z[g[k].leden[i]].org, code);
			if (!has && json_integer_value(json_object_get(o, "aantal")) > 0)
				json_array_append_new(missing, json_string(code));
		}
		if (g[k].verschil & DIENSTVERLENING_NAAM)
			json_array_append_new(diff, json_string("naam"));
		if (g[k].verschil & DIENSTVERLENING_TERMIJN)
			json_array_append_new(diff, json_string("termijn"));
		if (g[k].verschil & DIENSTVERLENING_IDENTIFICATIE)
			json_array_append_new(diff, json_string("identificatie"));
		count[g[k].status]++;
		json_array_append_new(groups, json_pack("{s:s,s:s,s:o,s:o,s:o}", "omschrijving", z[g[k].leden[0]].omschrijving,
							"status", dienstverlening_status_name(g[k].status), "verschillen", diff,
							"organisaties", in, "ontbreektBij", missing));
	}
	dienstverlening_groups_free(g, ng);
	free(z);
	json_decref(rows);
	*out = json_pack("{s:s,s:o,s:{s:I,s:I,s:I},s:o}", "verband", verband, "organisaties", orgs, "telling", "gedeeld",
			 (json_int_t)count[0], "verschilt", (json_int_t)count[1], "uniek", (json_int_t)count[2], "zaaktypen",
			 groups);
	return 0;
}
