/* The proeftuin's evaluation figures (urenbank_evaluatie.h): sums of the
 * journal and the entries in SQL, the arithmetic in
 * core/urenbank_evaluatie.c, each figure with the sentence that says how. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "core/urenbank_evaluatie.h"
#include "store/urenbank_evaluatie.h"
#include "store/urenbank_evaluatie_intern.h"

/* How every figure is computed, one line each, in the words of the MT. */
static const char *const berekening[][2] = {
	{ "gebracht",
	  "Goedgekeurde uren die medewerkers van een gemeente werkten op opdrachten van andere gemeenten, voor het deel "
	  "dat die anderen betalen; gecorrigeerde uren tellen niet (journaal, boekingen van uren en correcties)." },
	{ "gehaald", "Het deel dat een gemeente als opdrachtgever betaalde van goedgekeurde uren van medewerkers van andere "
		     "gemeenten, min correcties (journaal)." },
	{ "gewerkt", "Alle goedgekeurde uren van de medewerkers van een gemeente in de urenbank, ook op eigen opdrachten; "
		     "gecorrigeerde en afgekeurde uren niet." },
	{ "grensoverschrijdend", "Gebracht gedeeld door gewerkt: welk deel van de in de urenbank geboekte capaciteit voor een "
				 "andere gemeente werd ingezet, in promille, half naar boven afgerond." },
	{ "perSoort", "Goedgekeurde uren per soort opdracht (lokaal, meervoudig-lokaal, regionaal)." },
	{ "perCompetentie", "Goedgekeurde uren op opdrachten die om de competentie vragen; een opdracht met twee competenties "
			    "telt bij beide mee, dus de som kan groter zijn dan het totaal." },
	{ "opdrachten", "Per opdracht de raming tegen de goedgekeurde uren in de periode; verschil = besteed − geraamd, "
			"positief is meer dan geraamd." },
	{ "samenvoegingen", "Per samengevoegde opdracht: de ramingen van de oorspronkelijke opdrachten tegen wat zij en de "
			    "samengevoegde opdracht samen besteedden; winst = geraamd − besteed." },
	{ "doorlooptijden", "Dagen tussen de tijdstippen die samen vastlegde: indienen van de opdracht, de eerste inzet, de "
			    "eerste geboekte uren en afronden; en van het boeken van uren tot hun beoordeling. Mediaan en "
			    "maximum." },
	{ "afgekeurd", "Urenregels in de periode die de opdrachtgever afkeurde, en goedgekeurde regels die met een "
		       "tegenboeking zijn gecorrigeerd." },
	{ "expertise",
	  "Uren die een opdrachtgever van andere gemeenten haalde op opdrachten die om een competentie vragen "
	  "die zij zelf op de einddatum maar bij één medewerker heeft (één-pitter) of niet heeft (kwaliteitskaart)." },
	{ "werkvoorraad", "De opdrachten nu, los van de periode: per status, de open opdrachten naar leeftijd sinds indienen, "
			  "open opdrachten zonder inzet en zonder uren (wachten op bemensing, in dagen sinds indienen), open "
			  "opdrachten waarop meer is goedgekeurd dan geraamd, en de uren die op beoordeling wachten." },
	{ "potentieel", "Een bandbreedte, geen schatting: de ondergrens is de gemeten winst van samenvoegen, de bovengrens telt "
			"daar bij op wat elke extra opdrachtgever van een gedeelde opdracht anders zelf had moeten doen." },
};

/* The Dutch calendar day of a date or a UTC moment ("…T23:30:00Z" is the
 * next day in the Netherlands, where "today" is counted too). */
static int32_t day_of(const char *ts)
{
	char d[DATE_TEXT_LEN], local[32];
	int32_t v;
	/* Before 22:00 UTC it is the same day in the Netherlands (UTC+1 or
	 * +2): no conversion, which costs more than the query at 5 000
	 * opdrachten × four moments. */
	int same_day = ts && strnlen(ts, 13) == 13 && ts[10] == 'T' && ts[11] >= '0' && ts[11] <= '9' && ts[12] >= '0' &&
		       ts[12] <= '9' && (ts[11] - '0') * 10 + (ts[12] - '0') < 22;
	if (!same_day && ts && strlen(ts) > 10 && date_local_text(ts, local, sizeof(local)) == 0)
		ts = local;
	if (!ts || strlen(ts) < 10)
		return -1;
	memcpy(d, ts, 10);
	d[10] = '\0';
	return date_parse(d, &v) < 0 ? -1 : v;
}

static void set_promille(json_t *o, const char *key, long long deel, long long geheel)
{
	long long v = urenbank_evaluatie_promille(deel, geheel);
	if (v >= 0)
		json_object_set_new(o, key, json_integer(v));
}

static json_t *figures_json(const struct urenbank_evaluatie_lid *f)
{
	json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "gebrachtMinuten", (json_int_t)f->gebracht, "gehaaldMinuten",
			      (json_int_t)f->gehaald, "gewerktMinuten", (json_int_t)f->gewerkt, "afgekeurd",
			      (json_int_t)f->afgekeurd, "afgekeurdMinuten", (json_int_t)f->afgekeurd_minuten, "gecorrigeerd",
			      (json_int_t)f->gecorrigeerd, "gecorrigeerdMinuten", (json_int_t)f->gecorrigeerd_minuten);
	set_promille(o, "grensoverschrijdendPromille", f->gebracht, f->gewerkt);
	return o;
}

#define RAW_LEDEN_UREN(a, b)                                                                                   \
	"SELECT organisatie_id, status, 1, minuten FROM uren WHERE proeftuin_id = ?1 AND status IN " STATUSSEN \
	" AND datum >= " a " AND datum <= " b
#define RAW_LEDEN_JOURNAAL(a, b)                                                                                       \
	"SELECT jp.organisatie_id, j.soort || ':' || jp.soort, 1, jp.minuten FROM journaal j JOIN journaal_posten jp"  \
	" ON jp.proeftuin_id = j.proeftuin_id AND jp.transactie_id = j.id WHERE j.proeftuin_id = ?1 AND j.datum >= " a \
	" AND j.datum <= " b " AND jp.organisatie_id IS NOT NULL"
#define RAW_LEDEN(a, b) RAW_LEDEN_UREN(a, b) " UNION ALL " RAW_LEDEN_JOURNAAL(a, b)

static int load_leden(struct eval *e)
{
	size_t n = (size_t)urenbank_one_int(e->s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", e->pt.id);
	e->maxorg = urenbank_one_int(e->s, "SELECT coalesce(max(organisatie_id), 0) FROM proeftuin_leden WHERE proeftuin_id = ?",
				     "l", e->pt.id);
	e->leden = calloc(n + 1, sizeof(*e->leden));
	e->lid_index = malloc(((size_t)e->maxorg + 1) * sizeof(*e->lid_index));
	if (!e->leden || !e->lid_index)
		return -1;
	for (long long i = 0; i <= e->maxorg; i++)
		e->lid_index[i] = -1;
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT l.organisatie_id, o.code, o.naam FROM proeftuin_leden l JOIN organisaties o"
				      " ON o.id = l.organisatie_id WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
				      "l", e->pt.id);
	while (db_step(st) == DB_ROW && e->nleden < n) {
		struct lid *l = &e->leden[e->nleden];
		l->id = db_col_int(st, 0);
		snprintf(l->code, sizeof(l->code), "%s", db_col_text(st, 1));
		snprintf(l->naam, sizeof(l->naam), "%s", db_col_text(st, 2));
		if (l->id >= 0 && l->id <= e->maxorg)
			e->lid_index[l->id] = (int32_t)e->nleden;
		e->nleden++;
	}
	db_finalize(st);
	/* The entries per member and status, and the journal per member and
	 * kind ("uren:gebracht"); the core keeps what counts. */
	st = period_query(e, "SELECT org, soort, sum(n), sum(m) FROM (" PERIOD_SUM(
				     "organisatie_id AS org, soort, aantal AS n, minuten AS m", "urenbank_maand_leden",
				     RAW_LEDEN) ") x GROUP BY org, soort");
	while (db_step(st) == DB_ROW) {
		struct lid *l = lid_by_id(e, db_col_int(st, 0));
		const char *soort = db_col_text(st, 1), *colon = soort ? strchr(soort, ':') : NULL;
		if (!l || !soort)
			continue;
		if (colon) {
			char kind[24];
			snprintf(kind, sizeof(kind), "%.*s", (int)(colon - soort), soort);
			urenbank_evaluatie_post(&l->f, kind, colon + 1, db_col_int(st, 3));
		} else {
			urenbank_evaluatie_uren(&l->f, soort, db_col_int(st, 2), db_col_int(st, 3));
		}
	}
	db_finalize(st);
	return 0;
}

static json_t *leden_json(struct eval *e, json_t **totaal)
{
	struct urenbank_evaluatie_lid t;
	memset(&t, 0, sizeof(t));
	json_t *a = json_array();
	for (size_t i = 0; i < e->nleden; i++) {
		const struct urenbank_evaluatie_lid *f = &e->leden[i].f;
		json_t *o = figures_json(f);
		json_object_set_new(o, "organisatie", json_string(e->leden[i].code));
		json_object_set_new(o, "naam", json_string(e->leden[i].naam));
		json_array_append_new(a, o);
		t.gebracht += f->gebracht;
		t.gehaald += f->gehaald;
		t.gewerkt += f->gewerkt;
		t.afgekeurd += f->afgekeurd;
		t.afgekeurd_minuten += f->afgekeurd_minuten;
		t.gecorrigeerd += f->gecorrigeerd;
		t.gecorrigeerd_minuten += f->gecorrigeerd_minuten;
	}
	*totaal = figures_json(&t);
	return a;
}

static json_t *per_soort(struct eval *e)
{
	static const char *const soorten[] = { "lokaal", "meervoudig-lokaal", "regionaal" };
	long long m[3] = { 0 };
	for (size_t i = 0; i < e->nop; i++)
		for (int k = 0; k < 3; k++)
			if (!strcmp(e->op[i].soort, soorten[k]))
				m[k] += e->op[i].besteed;
	json_t *a = json_array();
	for (int k = 0; k < 3; k++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "soort", soorten[k], "minuten", (json_int_t)m[k]));
	return a;
}

struct competentie {
	char code[64], naam[200];
	long long opdrachten, minuten;
};

static int by_minutes(const void *a, const void *b)
{
	const struct competentie *x = a, *y = b;
	if (x->minuten != y->minuten)
		return x->minuten < y->minuten ? 1 : -1;
	return strcmp(x->code, y->code);
}

/* The approved minutes of the opdrachten that ask for each competence. */
static json_t *per_competentie(struct eval *e)
{
	json_t *a = json_array();
	size_t n = 0;
	struct competentie *c = calloc(e->ncomp + 1, sizeof(*c));
	long long zo = 0, zm = 0;
	for (size_t i = 0; c && i < e->nop; i++) {
		const struct opdracht *o = &e->op[i];
		if (!o->besteed)
			continue;
		if (!o->oc_n) {
			zo++;
			zm += o->besteed;
		}
		for (size_t k = o->oc_first; k < o->oc_first + o->oc_n; k++) {
			c[e->oc[k]].opdrachten++;
			c[e->oc[k]].minuten += o->besteed;
		}
	}
	for (size_t k = 0; c && k < e->ncomp; k++)
		if (c[k].opdrachten) {
			c[n] = c[k];
			snprintf(c[n].code, sizeof(c[n].code), "%s", e->comp[k].code);
			snprintf(c[n].naam, sizeof(c[n].naam), "%s", e->comp[k].naam);
			n++;
		}
	if (c) {
		qsort(c, n, sizeof(*c), by_minutes);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I}", "competentie", c[i].code, "naam", c[i].naam,
							   "opdrachten", (json_int_t)c[i].opdrachten, "minuten",
							   (json_int_t)c[i].minuten));
		if (zm > 0)
			json_array_append_new(a, json_pack("{s:s,s:I,s:I}", "naam", "zonder competentie", "opdrachten",
							   (json_int_t)zo, "minuten", (json_int_t)zm));
	}
	free(c);
	return a;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct comp_name *)a)->code, ((const struct comp_name *)b)->code);
}

/* The index in e->comp of a competence code an opdracht asks for; one that
 * is not in competenties is added (id -1, named by its code). */
static size_t comp_index(struct eval *e, const char *code, size_t *cap, size_t nknown)
{
	struct comp_name key;
	snprintf(key.code, sizeof(key.code), "%s", code);
	const struct comp_name *c = nknown ? bsearch(&key, e->comp, nknown, sizeof(*e->comp), by_code) : NULL;
	if (c)
		return (size_t)(c - e->comp);
	for (size_t k = nknown; k < e->ncomp; k++)
		if (!strcmp(e->comp[k].code, key.code))
			return k;
	struct comp_name *g = grow(e->comp, cap, e->ncomp, sizeof(*e->comp));
	if (!g)
		return (size_t)-1;
	e->comp = g;
	key.id = -1;
	snprintf(key.naam, sizeof(key.naam), "%s", key.code);
	e->comp[e->ncomp] = key;
	return e->ncomp++;
}

/* Every competence by code, and the competences each opdracht asks for
 * (read once for the table per competence and for the expertise). */
static int load_competenties(struct eval *e)
{
	size_t cap = 0, capoc = e->nop + 1, n;
	e->oc = malloc(capoc * sizeof(*e->oc));
	if (!e->oc)
		return -1;
	struct db_stmt *st = db_query(e->s->db, "SELECT id, code, naam FROM competenties", NULL);
	while (db_step(st) == DB_ROW) {
		struct comp_name *g = grow(e->comp, &cap, e->ncomp, sizeof(*e->comp));
		if (!g) {
			db_finalize(st);
			return -1;
		}
		e->comp = g;
		struct comp_name *c = &e->comp[e->ncomp++];
		c->id = db_col_int(st, 0);
		snprintf(c->code, sizeof(c->code), "%s", db_col_text(st, 1));
		snprintf(c->naam, sizeof(c->naam), "%s", db_col_text(st, 2));
	}
	db_finalize(st);
	if (e->ncomp)
		qsort(e->comp, e->ncomp, sizeof(*e->comp), by_code);
	n = e->ncomp;
	st = db_query(e->s->db,
		      "SELECT oc.opdracht_id, oc.competentie FROM opdrachten o JOIN opdracht_competenties oc"
		      " ON oc.opdracht_id = o.id WHERE o.proeftuin_id = ? ORDER BY o.id, oc.competentie",
		      "l", e->pt.id);
	int r = 0;
	while (db_step(st) == DB_ROW) {
		struct opdracht *o = op_by_id(e, db_col_int(st, 0));
		size_t k = comp_index(e, db_col_text(st, 1), &cap, n), *g = grow(e->oc, &capoc, e->noc, sizeof(*e->oc));
		if (g)
			e->oc = g;
		if (k == (size_t)-1 || !g) {
			r = -1;
			break;
		}
		if (!o)
			continue;
		if (!o->oc_n)
			o->oc_first = e->noc;
		if (o->oc_first + o->oc_n == e->noc) { /* in order of the opdracht: always */
			e->oc[e->noc++] = k;
			o->oc_n++;
		}
	}
	db_finalize(st);
	if (r < 0 || e->ncomp == n)
		return r;
	/* Codes that are not competences: all in the order of the codes. */
	size_t *at = malloc(e->ncomp * sizeof(*at));
	struct comp_name *sorted = malloc(e->ncomp * sizeof(*sorted));
	if (!at || !sorted) {
		free(at);
		free(sorted);
		return -1;
	}
	memcpy(sorted, e->comp, e->ncomp * sizeof(*sorted));
	qsort(sorted, e->ncomp, sizeof(*sorted), by_code);
	for (size_t k = 0; k < e->ncomp; k++)
		at[k] = (size_t)((struct comp_name *)bsearch(&e->comp[k], sorted, e->ncomp, sizeof(*sorted), by_code) - sorted);
	for (size_t i = 0; i < e->noc; i++)
		e->oc[i] = at[e->oc[i]];
	free(e->comp);
	e->comp = sorted;
	free(at);
	return 0;
}

#define RAW_OPDRACHTEN(a, b)                                                                        \
	"SELECT opdracht_id, 1, CASE WHEN status = 'goedgekeurd' THEN minuten ELSE 0 END FROM uren" \
	" WHERE proeftuin_id = ?1 AND status IN " STATUSSEN " AND datum >= " a " AND datum <= " b

static int load_opdrachten(struct eval *e)
{
	long long n = urenbank_one_int(e->s, "SELECT count(*) FROM opdrachten WHERE proeftuin_id = ?", "l", e->pt.id);
	e->op = calloc(n > 0 ? (size_t)n : 1, sizeof(*e->op));
	if (!e->op)
		return -1;
	int32_t v, t;
	date_parse(e->van, &v);
	date_parse(e->tot, &t);
	/* The first inzet and the first entry not rejected, kept with the
	 * opdracht (migration 108). */
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT o.id, o.titel, o.soort, o.status, o.geraamde_minuten, o.samengevoegd_in, o.aangemaakt,"
				      " o.afgerond, o.eerste_inzet, o.eerste_uren, o.goedgekeurd_minuten FROM opdrachten o"
				      " WHERE o.proeftuin_id = ? ORDER BY o.id",
				      "l", e->pt.id);
	while (db_step(st) == DB_ROW && e->nop < (size_t)n) {
		struct opdracht *o = &e->op[e->nop++];
		o->id = db_col_int(st, 0);
		snprintf(o->titel, sizeof(o->titel), "%s", db_col_text(st, 1));
		snprintf(o->soort, sizeof(o->soort), "%s", db_col_text(st, 2));
		snprintf(o->status, sizeof(o->status), "%s", db_col_text(st, 3));
		o->has_geraamd = !db_col_null(st, 4);
		o->geraamd = db_col_int(st, 4);
		o->samengevoegd_in = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
		o->ingediend = day_of(db_col_text(st, 6));
		o->afgerond = day_of(db_col_text(st, 7));
		o->bemand = day_of(db_col_text(st, 8));
		o->eerste = day_of(db_col_text(st, 9));
		o->has_inzet = !db_col_null(st, 8);
		o->has_uren = !db_col_null(st, 9);
		o->totaal = db_col_int(st, 10);
		snprintf(o->aangemaakt, sizeof(o->aangemaakt), "%s", db_col_null(st, 6) ? "" : db_col_text(st, 6));
		if (o->ingediend >= v && o->ingediend <= t)
			o->in_periode++;
	}
	db_finalize(st);
	/* The principals of each opdracht, counted here from the primary key
	 * between the first and the last opdracht (a count per opdracht in SQL
	 * cost twice as much). */
	if (e->nop) {
		st = db_query(e->s->db,
			      "SELECT opdracht_id FROM opdrachtgevers WHERE opdracht_id >= ? AND opdracht_id <= ? ORDER BY opdracht_id",
			      "ll", e->op[0].id, e->op[e->nop - 1].id);
		struct opdracht *o = e->op, *end = e->op + e->nop;
		while (db_step(st) == DB_ROW) {
			long long id = db_col_int(st, 0);
			while (o < end && o->id < id) /* both in order of the opdracht */
				o++;
			if (o < end && o->id == id)
				o->opdrachtgevers++;
		}
		db_finalize(st);
	}
	/* The entries in the period and their approved minutes, added up here
	 * (grouping them in SQL cost a sort). */
	st = period_query(e, "SELECT opdracht, n, m FROM (" PERIOD_SUM("opdracht_id AS opdracht, regels AS n, goedgekeurd_minuten AS m",
									"urenbank_maand_opdrachten", RAW_OPDRACHTEN) ") x");
	while (db_step(st) == DB_ROW) {
		struct opdracht *o = op_by_id(e, db_col_int(st, 0));
		if (!o)
			continue;
		o->in_periode += db_col_int(st, 1);
		o->besteed += db_col_int(st, 2);
	}
	db_finalize(st);
	/* What the originals estimated and used, on the opdracht they went into. */
	for (size_t i = 0; i < e->nop; i++) {
		struct opdracht *m = e->op[i].samengevoegd_in ? op_by_id(e, e->op[i].samengevoegd_in) : NULL;
		if (!m)
			continue;
		if (!m->originelen)
			m->originelen = json_array();
		json_array_append_new(m->originelen, json_integer(e->op[i].id));
		m->n_orig++;
		m->besteed_orig += e->op[i].besteed;
		if (e->op[i].has_geraamd)
			m->geraamd_orig += e->op[i].geraamd;
		else
			m->orig_onbekend = 1;
	}
	return 0;
}

static json_t *opdrachten_json(struct eval *e)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->nop; i++) {
		const struct opdracht *o = &e->op[i];
		if (!o->in_periode)
			continue;
		/* Set one by one (5 000 at national scale: json_pack's format
		 * cost a third of the table); a title that is not UTF-8 leaves the
		 * row out as json_pack did. */
		json_t *j = json_object(), *titel = json_string(o->titel);
		if (!titel) {
			json_decref(j);
			continue;
		}
		json_object_set_new_nocheck(j, "id", json_integer(o->id));
		json_object_set_new_nocheck(j, "titel", titel);
		json_object_set_new_nocheck(j, "soort", json_string_nocheck(o->soort));
		json_object_set_new_nocheck(j, "status", json_string_nocheck(o->status));
		json_object_set_new_nocheck(j, "opdrachtgevers", json_integer(o->opdrachtgevers));
		json_object_set_new_nocheck(j, "besteedMinuten", json_integer(o->besteed));
		if (o->has_geraamd) {
			json_object_set_new(j, "geraamdMinuten", json_integer(o->geraamd));
			json_object_set_new(j, "verschilMinuten", json_integer(o->besteed - o->geraamd));
			set_promille(j, "besteedPromille", o->besteed, o->geraamd);
		}
		json_array_append_new(a, j);
	}
	return a;
}

static json_t *samenvoegingen_json(struct eval *e, long long *winst)
{
	json_t *a = json_array();
	*winst = 0;
	for (size_t i = 0; i < e->nop; i++) {
		const struct opdracht *o = &e->op[i];
		if (!o->n_orig)
			continue;
		long long besteed = o->besteed_orig + o->besteed;
		json_t *j =
			json_pack("{s:I,s:s,s:O,s:I,s:I,s:I}", "opdracht", (json_int_t)o->id, "titel", o->titel, "originelen",
				  o->originelen, "besteedOrigineelMinuten", (json_int_t)o->besteed_orig,
				  "besteedSamengevoegdMinuten", (json_int_t)o->besteed, "besteedMinuten", (json_int_t)besteed);
		/* Without every original's estimate there is nothing to compare. */
		if (!o->orig_onbekend) {
			json_object_set_new(j, "geraamdMinuten", json_integer(o->geraamd_orig));
			json_object_set_new(j, "winstMinuten", json_integer(o->geraamd_orig - besteed));
			*winst += o->geraamd_orig - besteed;
		}
		json_array_append_new(a, j);
	}
	return a;
}

static json_t *looptijd_json(const char *fase, const char *omschrijving, struct urenbank_evaluatie_duur *d, size_t n)
{
	struct urenbank_evaluatie_looptijd t;
	urenbank_evaluatie_looptijd(d, n, &t);
	json_t *o = json_pack("{s:s,s:s,s:I}", "fase", fase, "omschrijving", omschrijving, "aantal", (json_int_t)t.aantal);
	if (t.aantal) {
		json_object_set_new(o, "mediaanDagen", json_integer(t.mediaan));
		json_object_set_new(o, "maximumDagen", json_integer(t.maximum));
	}
	return o;
}

/* Appends a duration to d (n of cap, doubled when full); -1 when out of
 * memory (d stays as it was). */
static int duur_add(struct urenbank_evaluatie_duur **d, size_t *n, size_t *cap, long long dagen, long long aantal)
{
	struct urenbank_evaluatie_duur *g = grow(*d, cap, *n, sizeof(**d));
	if (!g)
		return -1;
	*d = g;
	(*d)[*n].dagen = dagen;
	(*d)[(*n)++].aantal = aantal;
	return 0;
}

static json_t *doorlooptijden_json(struct eval *e)
{
	json_t *a = json_array();
	struct urenbank_evaluatie_duur *d = calloc(e->nop ? e->nop : 1, sizeof(*d));
	if (!d)
		return a;
	static const char *const fasen[][2] = {
		{ "ingediend-bemand", "van indienen tot de eerste inzet" },
		{ "ingediend-eerste-uren", "van indienen tot de eerste geboekte uren" },
		{ "ingediend-afgerond", "van indienen tot afronden" },
	};
	for (int k = 0; k < 3; k++) {
		size_t n = 0;
		for (size_t i = 0; i < e->nop; i++) {
			const struct opdracht *o = &e->op[i];
			int32_t end = k == 0 ? o->bemand : k == 1 ? o->eerste : o->afgerond;
			if (!o->in_periode || o->ingediend < 0 || end < 0)
				continue;
			d[n].dagen = end >= o->ingediend ? end - o->ingediend : 0;
			d[n++].aantal = 1;
		}
		json_array_append_new(a, looptijd_json(fasen[k][0], fasen[k][1], d, n));
	}
	free(d);
	/* Booking → review: the reviewed entries of whole months per number of
	 * days (kept), those of cut months grouped by the two days. */
	size_t cap = 64, n = 0;
	d = calloc(cap, sizeof(*d));
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT dagen, sum(aantal) FROM urenbank_maand_beoordeeld WHERE proeftuin_id = ?"
				      " AND maand >= ? AND maand <= ? GROUP BY dagen",
				      "ltt", e->pt.id, e->per.m1, e->per.m2);
	while (d && db_step(st) == DB_ROW)
		if (duur_add(&d, &n, &cap, db_col_int(st, 0), db_col_int(st, 1)) < 0)
			break;
	db_finalize(st);
	const char *runs[2][2] = { { e->per.d1, e->per.e1 }, { e->per.d2, e->per.e2 } };
	for (int k = 0; k < 2; k++) {
		if (strcmp(runs[k][0], runs[k][1]) > 0)
			continue;
		st = db_query(e->s->db,
			      "SELECT substr(ingediend, 1, 10), substr(beoordeeld, 1, 10), count(*) FROM uren"
			      " WHERE proeftuin_id = ? AND status IN " STATUSSEN
			      " AND beoordeeld IS NOT NULL AND datum >= ? AND datum <= ?"
			      " GROUP BY substr(ingediend, 1, 10), substr(beoordeeld, 1, 10)",
			      "ltt", e->pt.id, runs[k][0], runs[k][1]);
		while (d && db_step(st) == DB_ROW) {
			int32_t a0 = day_of(db_col_text(st, 0)), b0 = day_of(db_col_text(st, 1));
			if (a0 < 0 || b0 < 0)
				continue;
			if (duur_add(&d, &n, &cap, b0 >= a0 ? b0 - a0 : 0, db_col_int(st, 2)) < 0)
				break;
		}
		db_finalize(st);
	}
	json_array_append_new(a, looptijd_json("boeking-goedkeuring", "van het boeken van uren tot hun beoordeling", d, n));
	free(d);
	return a;
}

static json_t *potentieel_json(struct eval *e, long long winst)
{
	struct urenbank_evaluatie_gedeeld *g = calloc(e->nop ? e->nop : 1, sizeof(*g));
	size_t n = 0;
	for (size_t i = 0; g && i < e->nop; i++) {
		if (!strcmp(e->op[i].soort, "lokaal"))
			continue;
		g[n].besteed = e->op[i].besteed;
		g[n].opdrachtgevers = e->op[i].opdrachtgevers;
		g[n++].uit_samenvoeging = e->op[i].n_orig > 0;
	}
	struct urenbank_evaluatie_potentieel pot;
	urenbank_evaluatie_potentieel(winst, g, n, &pot);
	free(g);
	return json_pack("{s:I,s:I,s:[s,s,s,s]}", "ondergrensMinuten", (json_int_t)pot.ondergrens, "bovengrensMinuten",
			 (json_int_t)pot.bovengrens, "aannames",
			 "De ondergrens telt alleen wat gemeten is: de ramingen van samengevoegde opdrachten tegen wat zij samen "
			 "besteedden (negatief als samenvoegen meer kostte).",
			 "De bovengrens neemt aan dat elke opdrachtgever van een meervoudig-lokale of regionale opdracht zonder "
			 "samenwerking hetzelfde werk zelf had moeten doen, even groot; voor een kleine gemeente is dat te hoog.",
			 "Opdrachten die uit samenvoegen ontstonden tellen alleen in de ondergrens, niet twee keer.",
			 "Uren zijn alleen goedgekeurde uren in de periode; wat niet in de urenbank is geboekt, telt niet mee.");
}

/* Oldest first: by the moment of submission, then id (as ORDER BY
 * o.aangemaakt, o.id). */
static int by_aangemaakt(const void *a, const void *b)
{
	const struct opdracht *x = *(const struct opdracht *const *)a, *y = *(const struct opdracht *const *)b;
	int c = strcmp(x->aangemaakt, y->aangemaakt);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

/* The work stock now: what the MT steers on, independent of the period. */
static json_t *werkvoorraad(struct eval *e)
{
	static const char *const statussen[] = { "open", "afgerond", "samengevoegd" };
	static const char *const klassen[URENBANK_EVALUATIE_KLASSEN] = { "tot een maand", "een tot drie maanden",
									 "drie tot zes maanden", "langer dan zes maanden" };
	int32_t today = date_today();
	char peil[DATE_TEXT_LEN];
	date_format(today, peil);
	long long n_status[3] = { 0 }, g_status[3] = { 0 }, b_status[3] = { 0 }, klasse[URENBANK_EVALUATIE_KLASSEN] = { 0 };
	json_t *wacht = json_array(), *over = json_array();
	/* The opdrachten as loaded (one snapshot), oldest first. */
	const struct opdracht **order = malloc((e->nop ? e->nop : 1) * sizeof(*order));
	for (size_t i = 0; order && i < e->nop; i++)
		order[i] = &e->op[i];
	if (order)
		qsort(order, e->nop, sizeof(*order), by_aangemaakt);
	for (size_t i = 0; order && i < e->nop; i++) {
		const struct opdracht *o = order[i];
		long long geraamd = o->has_geraamd ? o->geraamd : -1, besteed = o->totaal;
		for (int k = 0; k < 3; k++)
			if (!strcmp(o->status, statussen[k])) {
				n_status[k]++;
				g_status[k] += geraamd > 0 ? geraamd : 0;
				b_status[k] += besteed;
			}
		if (strcmp(o->status, "open"))
			continue;
		int32_t since = o->ingediend;
		long long age = since >= 0 && today >= since ? today - since : 0;
		klasse[urenbank_evaluatie_leeftijdsklasse(age)]++;
		char dag[DATE_TEXT_LEN];
		date_format(since >= 0 ? since : today, dag);
		if (!o->has_inzet && !o->has_uren)
			json_array_append_new(wacht,
					      json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)o->id, "titel", o->titel,
							"soort", o->soort, "ingediend", dag, "wachtDagen", (json_int_t)age));
		if (geraamd >= 0 && besteed > geraamd)
			json_array_append_new(over,
					      json_pack("{s:I,s:s,s:I,s:I,s:I}", "id", (json_int_t)o->id, "titel", o->titel,
							"geraamdMinuten", (json_int_t)geraamd, "besteedMinuten",
							(json_int_t)besteed, "overMinuten", (json_int_t)(besteed - geraamd)));
	}
	free(order);
	json_t *ps = json_array(), *lk = json_array();
	for (int k = 0; k < 3; k++)
		json_array_append_new(ps, json_pack("{s:s,s:I,s:I,s:I}", "status", statussen[k], "aantal",
						    (json_int_t)n_status[k], "geraamdMinuten", (json_int_t)g_status[k],
						    "besteedMinuten", (json_int_t)b_status[k]));
	for (int k = 0; k < URENBANK_EVALUATIE_KLASSEN; k++)
		json_array_append_new(lk, json_pack("{s:s,s:I}", "klasse", klassen[k], "aantal", (json_int_t)klasse[k]));
	long long n = 0, m = 0;
	struct db_stmt *st = db_query(
		e->s->db, "SELECT count(*), coalesce(sum(minuten), 0) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend'",
		"l", e->pt.id);
	if (db_step(st) == DB_ROW) {
		n = db_col_int(st, 0);
		m = db_col_int(st, 1);
	}
	db_finalize(st);
	return json_pack("{s:s,s:o,s:o,s:o,s:o,s:{s:I,s:I}}", "peildatum", peil, "perStatus", ps, "leeftijd", lk, "wachtOpInzet",
			 wacht, "overRaming", over, "teBeoordelen", "aantal", (json_int_t)n, "minuten", (json_int_t)m);
}

static void release(struct eval *e)
{
	for (size_t i = 0; i < e->nop; i++)
		json_decref(e->op[i].originelen);
	free(e->op);
	free(e->leden);
	free(e->lid_index);
	free(e->comp);
	free(e->oc);
}

int urenbank_evaluatie(struct store *s, const char *ptc, const char *van, const char *tot, json_t **out, struct problem *p)
{
	struct eval e;
	memset(&e, 0, sizeof(e));
	e.s = s;
	int32_t d;
	if (van && van[0] && date_parse(van, &d) < 0)
		problem_param(p, "van", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", van);
	if (tot && tot[0] && date_parse(tot, &d) < 0)
		problem_param(p, "tot", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", tot);
	if (p->nparams)
		return -p->status;
	if (urenbank_pt_load(s, ptc, &e.pt, p) < 0)
		return -p->status;
	e.van = van && van[0] ? van : e.pt.van;
	e.tot = tot && tot[0] ? tot : e.pt.tot;
	if (strcmp(e.van, e.tot) > 0)
		return problem_param(p, "tot", "de einddatum %s ligt voor de begindatum %s", e.tot, e.van);
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "evaluatie");
	urenbank_periode_pt(s, e.pt.id, e.van, e.tot, &e.per);
	if (load_leden(&e) < 0 || load_opdrachten(&e) < 0 || load_competenties(&e) < 0) {
		db_commit(s->db);
		release(&e);
		return problem_set(p, 500, "De evaluatie van proeftuin '%s' kon niet worden berekend (geheugen).", e.pt.code);
	}
	json_t *totaal = NULL, *leden = leden_json(&e, &totaal);
	json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:o}", "proeftuin", e.pt.code, "van", e.van, "tot", e.tot, "totaal", totaal,
			      "leden", leden);
	json_object_set_new(o, "perSoort", per_soort(&e));
	json_object_set_new(o, "perCompetentie", per_competentie(&e));
	long long winst = 0;
	json_object_set_new(o, "opdrachten", opdrachten_json(&e));
	json_object_set_new(o, "samenvoegingen", samenvoegingen_json(&e, &winst));
	json_object_set_new(o, "doorlooptijden", doorlooptijden_json(&e));
	json_object_set_new(o, "potentieel", potentieel_json(&e, winst));
	json_object_set_new(o, "werkvoorraad", werkvoorraad(&e));
	json_t *rows = urenbank_evaluatie_expertise(&e);
	db_commit(s->db);
	json_object_set_new(o, "expertise", urenbank_evaluatie_expertise_rest(&e, rows));
	json_decref(rows);
	json_t *how = json_object();
	for (size_t i = 0; i < sizeof(berekening) / sizeof(berekening[0]); i++)
		json_object_set_new(how, berekening[i][0], json_string(berekening[i][1]));
	json_object_set_new(o, "berekening", how);
	int ok = json_object_get(o, "potentieel") != NULL;
	release(&e);
	if (!ok) {
		json_decref(o);
		return problem_set(p, 500, "De evaluatie van proeftuin '%s' kon niet worden berekend (geheugen).", e.pt.code);
	}
	*out = o;
	return 0;
}
