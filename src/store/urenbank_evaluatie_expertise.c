/* The expertise table of the evaluation (urenbank_evaluatie_intern.h): the
 * minutes a principal took from other members on opdrachten that ask for a
 * competence it has at most one holder of itself on the end date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "core/kwaliteitskaart.h"
#include "store/kwaliteitskaart.h"
#include "store/register_sql.h"
#include "store/urenbank_evaluatie_intern.h"

/* Taken minutes per principal and competence. */
#define RAW_GEHAALD(a, b)                                                                                           \
	"SELECT jp.organisatie_id, u.opdracht_id, -jp.minuten FROM journaal j JOIN journaal_posten jp"              \
	" ON jp.proeftuin_id = j.proeftuin_id AND jp.transactie_id = j.id JOIN uren u ON u.id = j.uren_id"          \
	" WHERE j.proeftuin_id = ?1 AND j.datum >= " a " AND j.datum <= " b " AND j.soort IN ('uren', 'correctie')" \
	" AND jp.soort = 'gehaald' AND jp.organisatie_id IS NOT NULL"

/* The members' own cover on the end date, per member and competence, as
 * kwaliteitskaart_vulnerability counts it: the holders available on the
 * day (level KWALITEITSKAART_HOLDER_LEVEL or more, not retired by the
 * year, not absent on the day), and whether the competence applies to the
 * member at all (shared, of a verband it belongs to on the day, or held at
 * any level). From the kept counts (kwaliteitskaart_dekking, migration
 * 106) less the holders retired by the year and those absent on the day,
 * each read for the few people it concerns, instead of a pass over every
 * level of every member's staff (issue 12). */
struct cover {
	long long maxc;
	long long *holders; /* [lid × (maxc + 1) + competence id] */
	char *applies;
};

#define COVER(cv, l, c) ((size_t)(l) * ((size_t)(cv)->maxc + 1) + (size_t)(c))

static int cover_load(struct eval *e, struct kwaliteitskaart_moment m, struct cover *cv)
{
	char day[DATE_TEXT_LEN];
	date_format(m.date, day);
	cv->maxc = urenbank_one_int(e->s, "SELECT coalesce(max(id), 0) FROM competenties", "");
	size_t cells = (e->nleden ? e->nleden : 1) * ((size_t)cv->maxc + 1);
	long long *vid = calloc((size_t)cv->maxc + 1, sizeof(*vid));
	cv->holders = calloc(cells, sizeof(*cv->holders));
	cv->applies = calloc(cells, 1);
	if (!vid || !cv->holders || !cv->applies) {
		free(vid);
		return -1;
	}
	struct db_stmt *st = db_query(e->s->db, "SELECT id, coalesce(verband_id, 0) FROM competenties", NULL);
	while (db_step(st) == DB_ROW)
		if (db_col_int(st, 0) >= 0 && db_col_int(st, 0) <= cv->maxc)
			vid[db_col_int(st, 0)] = db_col_int(st, 1);
	db_finalize(st);
	for (size_t l = 0; l < e->nleden; l++)
		for (long long c = 0; c <= cv->maxc; c++)
			cv->applies[COVER(cv, l, c)] = !vid[c];
	/* A verband's own competences, for its members on the day. */
	st = db_query(e->s->db,
		      "SELECT DISTINCT m.organisatie_id, m.verband_id FROM proeftuin_leden l JOIN lidmaatschappen m"
		      " ON m.organisatie_id = l.organisatie_id WHERE l.proeftuin_id = ? AND " REGISTER_SQL_MEMBER_ON("m", "?"),
		      "ltt", e->pt.id, day, day);
	while (db_step(st) == DB_ROW) {
		struct lid *x = lid_by_id(e, db_col_int(st, 0));
		for (long long c = 0; x && c <= cv->maxc; c++)
			if (vid[c] && vid[c] == db_col_int(st, 1))
				cv->applies[COVER(cv, x - e->leden, c)] = 1;
	}
	db_finalize(st);
	free(vid);
	st = db_query(e->s->db,
		      "SELECT d.organisatie_id, d.competentie_id, d.niveaus, d.houders FROM proeftuin_leden l"
		      " JOIN kwaliteitskaart_dekking d ON d.organisatie_id = l.organisatie_id WHERE l.proeftuin_id = ?",
		      "l", e->pt.id);
	while (db_step(st) == DB_ROW) {
		struct lid *x = lid_by_id(e, db_col_int(st, 0));
		long long c = db_col_int(st, 1);
		if (!x || c < 0 || c > cv->maxc)
			continue;
		cv->holders[COVER(cv, x - e->leden, c)] = db_col_int(st, 3);
		if (db_col_int(st, 2) > 0)
			cv->applies[COVER(cv, x - e->leden, c)] = 1;
	}
	db_finalize(st);
	/* Holders retired by the year, and holders absent on the day who have not. */
	st = db_query(e->s->db,
		      "SELECT w.organisatie_id, mc.competentie_id, w.pensioenjaar, 0 FROM medewerkers w"
		      " JOIN medewerker_competenties mc ON mc.medewerker_id = w.id"
		      " WHERE w.pensioenjaar IS NOT NULL AND w.pensioenjaar < ?1 AND mc.niveau >= ?2"
		      " UNION ALL SELECT w.organisatie_id, mc.competentie_id, w.pensioenjaar, 1 FROM medewerkers w"
		      " JOIN medewerker_competenties mc ON mc.medewerker_id = w.id"
		      " WHERE w.id IN (SELECT a.medewerker_id FROM afwezigheden a WHERE a.van <= ?3 AND a.tot >= ?3)"
		      " AND mc.niveau >= ?2",
		      "llt", (long long)m.year, (long long)KWALITEITSKAART_HOLDER_LEVEL, day);
	while (db_step(st) == DB_ROW) {
		struct lid *x = lid_by_id(e, db_col_int(st, 0));
		long long c = db_col_int(st, 1);
		int retired = kwaliteitskaart_retired(db_col_null(st, 2) ? 0 : (int)db_col_int(st, 2), m.year);
		if (x && c >= 0 && c <= cv->maxc && (db_col_int(st, 3) ? !retired : retired))
			cv->holders[COVER(cv, x - e->leden, c)]--;
	}
	db_finalize(st);
	return 0;
}

struct taken {
	long long org, minuten;
	const struct lid *lid; /* NULL: not a member */
	size_t comp;           /* index in eval.comp */
	char code[40], naam[160];
};

/* By the principal's code, then the competence's (eval.comp is in the order of the codes). */
static int by_principal(const void *a, const void *b)
{
	const struct taken *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c ? c : x->comp < y->comp ? -1 : x->comp > y->comp;
}

static int lid_by_code(const void *a, const void *b)
{
	return strcmp((*(const struct lid *const *)a)->code, (*(const struct lid *const *)b)->code);
}

/* Minutes taken by a principal that is not a member (none should be), on competence k. */
static struct taken *take_other(struct taken **t, size_t *n, size_t *cap, long long org, size_t k, long long m)
{
	for (size_t i = 0; i < *n; i++)
		if ((*t)[i].org == org && (*t)[i].comp == k) {
			(*t)[i].minuten += m;
			return &(*t)[i];
		}
	struct taken *g = grow(*t, cap, *n, sizeof(**t));
	if (!g)
		return NULL;
	*t = g;
	g[*n] = (struct taken){ org, m, NULL, k, "", "" };
	return &g[(*n)++];
}

/* The rows of the table: per principal and competence the minutes taken,
 * with the principal's own cover, in the order of the principal's code and
 * the competence's; a principal that is not a member (none should be) is
 * asked of its kwaliteitskaart after the snapshot ends ("status" absent:
 * urenbank_evaluatie_expertise_rest). The minutes per principal and
 * opdracht from SQL, spread over the opdracht's competences here (read once
 * with the opdrachten) in a table of members × competences: joining and
 * grouping them in SQL cost more than all the rest of the evaluation. */
json_t *urenbank_evaluatie_expertise(struct eval *e)
{
	json_t *a = json_array();
	int32_t day;
	date_parse(e->tot, &day);
	struct cover cv = { 0, NULL, NULL };
	size_t n = 0, cap = 16, nc = e->ncomp ? e->ncomp : 1;
	struct taken *t = malloc(cap * sizeof(*t));
	long long *cell = calloc((e->nleden ? e->nleden : 1) * nc, sizeof(*cell));
	const struct lid **by_code_leden = malloc((e->nleden ? e->nleden : 1) * sizeof(*by_code_leden));
	if (!t || !cell || !by_code_leden || cover_load(e, kwaliteitskaart_moment_date(day), &cv) < 0)
		goto out;
	struct db_stmt *st =
		period_query(e, "SELECT org, opdracht, m FROM (" PERIOD_SUM("opdrachtgever_id AS org, opdracht_id AS opdracht, minuten AS m",
									    "urenbank_maand_gehaald", RAW_GEHAALD) ") x");
	int others = 0;
	while (db_step(st) == DB_ROW) {
		const struct opdracht *o = op_by_id(e, db_col_int(st, 1));
		const struct lid *l = lid_by_id(e, db_col_int(st, 0));
		long long m = db_col_int(st, 2);
		for (size_t k = o ? o->oc_first : 0; o && k < o->oc_first + o->oc_n; k++)
			if (l)
				cell[(size_t)(l - e->leden) * nc + e->oc[k]] += m;
			else if (take_other(&t, &n, &cap, db_col_int(st, 0), e->oc[k], m))
				others = 1;
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++) { /* a principal that is not a member: by name, once per row (none should be) */
		st = db_query(e->s->db, "SELECT code, naam FROM organisaties WHERE id = ?", "l", t[i].org);
		if (db_step(st) == DB_ROW) {
			snprintf(t[i].code, sizeof(t[i].code), "%s", db_col_text(st, 0));
			snprintf(t[i].naam, sizeof(t[i].naam), "%s", db_col_text(st, 1));
		}
		db_finalize(st);
	}
	for (size_t i = 0; i < e->nleden; i++)
		by_code_leden[i] = &e->leden[i];
	qsort(by_code_leden, e->nleden, sizeof(*by_code_leden), lid_by_code);
	for (size_t i = 0; i < e->nleden; i++)
		for (size_t k = 0; k < e->ncomp; k++) {
			const struct lid *l = by_code_leden[i];
			long long m = cell[(size_t)(l - e->leden) * nc + k];
			if (!m)
				continue;
			struct taken *g = grow(t, &cap, n, sizeof(*t));
			if (!g)
				goto out;
			t = g;
			t[n] = (struct taken){ l->id, m, l, k, "", "" };
			snprintf(t[n].code, sizeof(t[n].code), "%s", l->code);
			snprintf(t[n].naam, sizeof(t[n].naam), "%s", l->naam);
			n++;
		}
	if (others) /* the members are in order already */
		qsort(t, n, sizeof(*t), by_principal);
	for (size_t i = 0; i < n; i++) {
		const struct comp_name *c = &e->comp[t[i].comp];
		const char *status = NULL;
		if (!t[i].minuten || !t[i].code[0])
			continue; /* nothing on balance, or no such organisation */
		if (t[i].lid) {
			if (c->id < 0 || c->id > cv.maxc || !cv.applies[COVER(&cv, t[i].lid - e->leden, c->id)])
				continue; /* not on its kwaliteitskaart */
			long long h = cv.holders[COVER(&cv, t[i].lid - e->leden, c->id)];
			if (h >= 2)
				continue; /* covered */
			status = h == 1 ? "een-pitter" : "ontbreekt";
		}
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:I}", "opdrachtgever", t[i].code, "naam", t[i].naam, "competentie",
				      c->code, "competentieNaam", c->naam, "minuten", (json_int_t)t[i].minuten);
		if (status)
			json_object_set_new(o, "status", json_string(status));
		json_array_append_new(a, o);
	}
out:
	free(t);
	free(cell);
	free(by_code_leden);
	free(cv.holders);
	free(cv.applies);
	return a;
}

/* The rows of principals that are not members: their status from their
 * kwaliteitskaart (kwaliteitskaart_vulnerability opens its own snapshot);
 * rows with no status there, or covered, go. */
json_t *urenbank_evaluatie_expertise_rest(struct eval *e, json_t *rows)
{
	json_t *out = json_array(), *statuses = json_object();
	int32_t day;
	date_parse(e->tot, &day);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (json_object_get(r, "status")) {
			json_array_append(out, r);
			continue;
		}
		const char *org = json_string_value(json_object_get(r, "opdrachtgever"));
		json_t *map = json_object_get(statuses, org);
		if (!map) {
			map = json_object();
			json_t *vul = NULL;
			struct problem p;
			problem_init(&p);
			if (kwaliteitskaart_vulnerability(e->s, org, kwaliteitskaart_moment_date(day), 0, &vul, &p) == 0) {
				size_t k;
				json_t *c;
				json_array_foreach(vul, k, c)
					json_object_set(map, json_string_value(json_object_get(c, "competentie")),
							json_object_get(c, "status"));
			}
			json_decref(vul);
			json_object_set_new(statuses, org, map);
		}
		const char *st = json_string_value(json_object_get(map, json_string_value(json_object_get(r, "competentie"))));
		if (st && (!strcmp(st, "een-pitter") || !strcmp(st, "ontbreekt"))) {
			json_object_set_new(r, "status", json_string(st));
			json_array_append(out, r);
		}
	}
	json_decref(statuses);
	return out;
}

