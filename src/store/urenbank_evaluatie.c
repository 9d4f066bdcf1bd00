/* The proeftuin's evaluation figures (urenbank_evaluatie.h): sums of the
 * journal and the entries in SQL, the arithmetic in
 * core/urenbank_evaluatie.c, each figure with the sentence that says how. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/kwaliteitskaart.h"
#include "core/urenbank_evaluatie.h"
#include "store/kwaliteitskaart.h"
#include "store/urenbank_evaluatie.h"
#include "store/urenbank_intern.h"

#define MAX_LEDEN 64

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

struct lid {
	long long id;
	char code[40];
	char naam[160];
	struct urenbank_evaluatie_lid f;
};

struct opdracht {
	long long id, geraamd, samengevoegd_in, opdrachtgevers, besteed, in_periode;
	int has_geraamd;
	char titel[200], soort[24], status[16];
	int32_t ingediend, bemand, eerste, afgerond; /* days; -1 unknown */
	long long geraamd_orig, besteed_orig, n_orig;
	int orig_onbekend; /* an original without an estimate */
	json_t *originelen;
};

struct eval {
	struct store *s;
	struct pt pt;
	const char *van, *tot;
	struct lid leden[MAX_LEDEN];
	size_t nleden;
	struct opdracht *op;
	size_t nop;
};

/* The Dutch calendar day of a date or a UTC moment ("…T23:30:00Z" is the
 * next day in the Netherlands, where "today" is counted too). */
static int32_t day_of(const char *ts)
{
	char d[DATE_TEXT_LEN], local[32];
	int32_t v;
	if (ts && strlen(ts) > 10 && date_local_text(ts, local, sizeof(local)) == 0)
		ts = local;
	if (!ts || strlen(ts) < 10)
		return -1;
	memcpy(d, ts, 10);
	d[10] = '\0';
	return date_parse(d, &v) < 0 ? -1 : v;
}

static struct lid *lid_by_id(struct eval *e, long long id)
{
	for (size_t i = 0; i < e->nleden; i++)
		if (e->leden[i].id == id)
			return &e->leden[i];
	return NULL;
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

static void load_leden(struct eval *e)
{
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT l.organisatie_id, o.code, o.naam FROM proeftuin_leden l JOIN organisaties o"
				      " ON o.id = l.organisatie_id WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
				      "l", e->pt.id);
	while (db_step(st) == DB_ROW && e->nleden < MAX_LEDEN) {
		struct lid *l = &e->leden[e->nleden++];
		memset(l, 0, sizeof(*l));
		l->id = db_col_int(st, 0);
		snprintf(l->code, sizeof(l->code), "%s", db_col_text(st, 1));
		snprintf(l->naam, sizeof(l->naam), "%s", db_col_text(st, 2));
	}
	db_finalize(st);
	/* The journal per member and kind; the core keeps the hours. */
	st = db_query(e->s->db,
		      "SELECT jp.organisatie_id, j.soort, jp.soort, sum(jp.minuten) FROM journaal_posten jp"
		      " JOIN journaal j ON j.id = jp.transactie_id WHERE jp.proeftuin_id = ? AND jp.organisatie_id IS NOT NULL"
		      " AND j.datum >= ? AND j.datum <= ? GROUP BY jp.organisatie_id, j.soort, jp.soort",
		      "ltt", e->pt.id, e->van, e->tot);
	while (db_step(st) == DB_ROW) {
		struct lid *l = lid_by_id(e, db_col_int(st, 0));
		if (l)
			urenbank_evaluatie_post(&l->f, db_col_text(st, 1), db_col_text(st, 2), db_col_int(st, 3));
	}
	db_finalize(st);
	st = db_query(e->s->db,
		      "SELECT organisatie_id, status, count(*), sum(minuten) FROM uren WHERE proeftuin_id = ?"
		      " AND datum >= ? AND datum <= ? GROUP BY organisatie_id, status",
		      "ltt", e->pt.id, e->van, e->tot);
	while (db_step(st) == DB_ROW) {
		struct lid *l = lid_by_id(e, db_col_int(st, 0));
		if (l)
			urenbank_evaluatie_uren(&l->f, db_col_text(st, 1), db_col_int(st, 2), db_col_int(st, 3));
	}
	db_finalize(st);
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
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT o.soort, sum(u.minuten) FROM uren u JOIN opdrachten o ON o.id = u.opdracht_id"
				      " WHERE u.proeftuin_id = ? AND u.status = 'goedgekeurd' AND u.datum >= ? AND u.datum <= ?"
				      " GROUP BY o.soort",
				      "ltt", e->pt.id, e->van, e->tot);
	while (db_step(st) == DB_ROW)
		for (int k = 0; k < 3; k++)
			if (!strcmp(db_col_text(st, 0), soorten[k]))
				m[k] = db_col_int(st, 1);
	db_finalize(st);
	json_t *a = json_array();
	for (int k = 0; k < 3; k++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "soort", soorten[k], "minuten", (json_int_t)m[k]));
	return a;
}

static json_t *per_competentie(struct eval *e)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT oc.competentie, c.naam, count(DISTINCT u.opdracht_id), sum(u.minuten) FROM uren u"
				      " JOIN opdracht_competenties oc ON oc.opdracht_id = u.opdracht_id LEFT JOIN competenties c "
				      "ON c.code = oc.competentie"
				      " WHERE u.proeftuin_id = ? AND u.status = 'goedgekeurd' AND u.datum >= ? AND u.datum <= ?"
				      " GROUP BY oc.competentie, c.naam ORDER BY sum(u.minuten) DESC, oc.competentie",
				      "ltt", e->pt.id, e->van, e->tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I}", "competentie", db_col_text(st, 0), "naam",
						   db_col_null(st, 1) ? db_col_text(st, 0) : db_col_text(st, 1), "opdrachten",
						   (json_int_t)db_col_int(st, 2), "minuten", (json_int_t)db_col_int(st, 3)));
	db_finalize(st);
	st = db_query(e->s->db,
		      "SELECT count(DISTINCT u.opdracht_id), coalesce(sum(u.minuten), 0) FROM uren u WHERE u.proeftuin_id = ?"
		      " AND u.status = 'goedgekeurd' AND u.datum >= ? AND u.datum <= ? AND NOT EXISTS (SELECT 1 FROM"
		      " opdracht_competenties oc WHERE oc.opdracht_id = u.opdracht_id)",
		      "ltt", e->pt.id, e->van, e->tot);
	if (db_step(st) == DB_ROW && db_col_int(st, 1) > 0)
		json_array_append_new(a, json_pack("{s:s,s:I,s:I}", "naam", "zonder competentie", "opdrachten",
						   (json_int_t)db_col_int(st, 0), "minuten", (json_int_t)db_col_int(st, 1)));
	db_finalize(st);
	return a;
}

static struct opdracht *op_by_id(struct eval *e, long long id)
{
	for (size_t i = 0; i < e->nop; i++)
		if (e->op[i].id == id)
			return &e->op[i];
	return NULL;
}

static int load_opdrachten(struct eval *e)
{
	long long n = urenbank_one_int(e->s, "SELECT count(*) FROM opdrachten WHERE proeftuin_id = ?", "l", e->pt.id);
	e->op = calloc(n > 0 ? (size_t)n : 1, sizeof(*e->op));
	if (!e->op)
		return -1;
	struct db_stmt *st = db_query(
		e->s->db,
		"SELECT o.id, o.titel, o.soort, o.status, o.geraamde_minuten, o.samengevoegd_in, o.aangemaakt, o.afgerond,"
		" (SELECT count(*) FROM opdrachtgevers g WHERE g.opdracht_id = o.id),"
		" (SELECT coalesce(sum(u.minuten), 0) FROM uren u WHERE u.opdracht_id = o.id AND u.status = 'goedgekeurd'"
		"  AND u.datum >= ?2 AND u.datum <= ?3),"
		" (SELECT count(*) FROM uren u WHERE u.opdracht_id = o.id AND u.datum >= ?2 AND u.datum <= ?3),"
		" (SELECT min(i.aangemaakt) FROM inzet i WHERE i.opdracht_id = o.id),"
		" (SELECT min(u.ingediend) FROM uren u WHERE u.opdracht_id = o.id AND u.status <> 'afgekeurd')"
		" FROM opdrachten o WHERE o.proeftuin_id = ?1 ORDER BY o.id",
		"ltt", e->pt.id, e->van, e->tot);
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
		o->opdrachtgevers = db_col_int(st, 8);
		o->besteed = db_col_int(st, 9);
		o->in_periode = db_col_int(st, 10);
		o->bemand = day_of(db_col_text(st, 11));
		o->eerste = day_of(db_col_text(st, 12));
		int32_t v, t;
		date_parse(e->van, &v);
		date_parse(e->tot, &t);
		if (o->ingediend >= v && o->ingediend <= t)
			o->in_periode++;
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
		json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)o->id, "titel", o->titel, "soort", o->soort,
				      "status", o->status, "opdrachtgevers", (json_int_t)o->opdrachtgevers, "besteedMinuten",
				      (json_int_t)o->besteed);
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
	/* Booking → review, grouped by the two days so that a year of entries
	 * is a few hundred rows. */
	size_t cap = 64, n = 0;
	d = calloc(cap, sizeof(*d));
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT substr(ingediend, 1, 10), substr(beoordeeld, 1, 10), count(*) FROM uren"
				      " WHERE proeftuin_id = ? AND beoordeeld IS NOT NULL AND datum >= ? AND datum <= ?"
				      " GROUP BY substr(ingediend, 1, 10), substr(beoordeeld, 1, 10)",
				      "ltt", e->pt.id, e->van, e->tot);
	while (d && db_step(st) == DB_ROW) {
		int32_t a0 = day_of(db_col_text(st, 0)), b0 = day_of(db_col_text(st, 1));
		if (a0 < 0 || b0 < 0)
			continue;
		if (n == cap) {
			struct urenbank_evaluatie_duur *g = realloc(d, 2 * cap * sizeof(*d));
			if (!g)
				break;
			d = g;
			cap *= 2;
		}
		d[n].dagen = b0 >= a0 ? b0 - a0 : 0;
		d[n++].aantal = db_col_int(st, 2);
	}
	db_finalize(st);
	json_array_append_new(a, looptijd_json("boeking-goedkeuring", "van het boeken van uren tot hun beoordeling", d, n));
	free(d);
	return a;
}

/* Taken minutes per principal and competence; filtered on the principal's
 * kwaliteitskaart after the snapshot ends (it opens its own). */
static json_t *expertise_rows(struct eval *e)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(e->s->db,
				      "SELECT po.code, po.naam, oc.competentie, c.naam, -sum(jp.minuten) FROM journaal_posten jp"
				      " JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id"
				      " JOIN opdracht_competenties oc ON oc.opdracht_id = u.opdracht_id JOIN organisaties po ON "
				      "po.id = jp.organisatie_id"
				      " LEFT JOIN competenties c ON c.code = oc.competentie"
				      " WHERE jp.proeftuin_id = ? AND j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald'"
				      " AND j.datum >= ? AND j.datum <= ? GROUP BY po.code, po.naam, oc.competentie, c.naam"
				      " HAVING sum(jp.minuten) <> 0 ORDER BY po.code, oc.competentie",
				      "ltt", e->pt.id, e->van, e->tot);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:I}", "opdrachtgever", db_col_text(st, 0), "naam",
						   db_col_text(st, 1), "competentie", db_col_text(st, 2), "competentieNaam",
						   db_col_null(st, 3) ? db_col_text(st, 2) : db_col_text(st, 3), "minuten",
						   (json_int_t)db_col_int(st, 4)));
	db_finalize(st);
	return a;
}

static json_t *expertise_filter(struct eval *e, json_t *rows)
{
	json_t *out = json_array(), *statuses = json_object();
	int32_t day;
	date_parse(e->tot, &day);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
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
			json_t *o = json_deep_copy(r);
			json_object_set_new(o, "status", json_string(st));
			json_array_append_new(out, o);
		}
	}
	json_decref(statuses);
	return out;
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
	struct db_stmt *st = db_query(
		e->s->db,
		"SELECT o.id, o.titel, o.soort, o.status, o.geraamde_minuten, o.aangemaakt,"
		" (SELECT coalesce(sum(u.minuten), 0) FROM uren u WHERE u.opdracht_id = o.id AND u.status = 'goedgekeurd'),"
		" (SELECT count(*) FROM inzet i WHERE i.opdracht_id = o.id),"
		" (SELECT count(*) FROM uren u WHERE u.opdracht_id = o.id AND u.status <> 'afgekeurd')"
		" FROM opdrachten o WHERE o.proeftuin_id = ? ORDER BY o.aangemaakt, o.id",
		"l", e->pt.id);
	while (db_step(st) == DB_ROW) {
		const char *status = db_col_text(st, 3);
		long long geraamd = db_col_null(st, 4) ? -1 : db_col_int(st, 4), besteed = db_col_int(st, 6);
		for (int k = 0; k < 3; k++)
			if (!strcmp(status, statussen[k])) {
				n_status[k]++;
				g_status[k] += geraamd > 0 ? geraamd : 0;
				b_status[k] += besteed;
			}
		if (strcmp(status, "open"))
			continue;
		int32_t since = day_of(db_col_text(st, 5));
		long long age = since >= 0 && today >= since ? today - since : 0;
		klasse[urenbank_evaluatie_leeftijdsklasse(age)]++;
		char dag[DATE_TEXT_LEN];
		date_format(since >= 0 ? since : today, dag);
		if (!db_col_int(st, 7) && !db_col_int(st, 8))
			json_array_append_new(wacht, json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(st, 0),
							       "titel", db_col_text(st, 1), "soort", db_col_text(st, 2),
							       "ingediend", dag, "wachtDagen", (json_int_t)age));
		if (geraamd >= 0 && besteed > geraamd)
			json_array_append_new(over, json_pack("{s:I,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_col_int(st, 0),
							      "titel", db_col_text(st, 1), "geraamdMinuten", (json_int_t)geraamd,
							      "besteedMinuten", (json_int_t)besteed, "overMinuten",
							      (json_int_t)(besteed - geraamd)));
	}
	db_finalize(st);
	json_t *ps = json_array(), *lk = json_array();
	for (int k = 0; k < 3; k++)
		json_array_append_new(ps, json_pack("{s:s,s:I,s:I,s:I}", "status", statussen[k], "aantal",
						    (json_int_t)n_status[k], "geraamdMinuten", (json_int_t)g_status[k],
						    "besteedMinuten", (json_int_t)b_status[k]));
	for (int k = 0; k < URENBANK_EVALUATIE_KLASSEN; k++)
		json_array_append_new(lk, json_pack("{s:s,s:I}", "klasse", klassen[k], "aantal", (json_int_t)klasse[k]));
	long long n = 0, m = 0;
	st = db_query(e->s->db,
		      "SELECT count(*), coalesce(sum(minuten), 0) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend'", "l",
		      e->pt.id);
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
	load_leden(&e);
	json_t *totaal = NULL, *leden = leden_json(&e, &totaal);
	json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:o}", "proeftuin", e.pt.code, "van", e.van, "tot", e.tot, "totaal", totaal,
			      "leden", leden);
	json_object_set_new(o, "perSoort", per_soort(&e));
	json_object_set_new(o, "perCompetentie", per_competentie(&e));
	long long winst = 0;
	if (load_opdrachten(&e) == 0) {
		json_object_set_new(o, "opdrachten", opdrachten_json(&e));
		json_object_set_new(o, "samenvoegingen", samenvoegingen_json(&e, &winst));
		json_object_set_new(o, "doorlooptijden", doorlooptijden_json(&e));
		json_object_set_new(o, "potentieel", potentieel_json(&e, winst));
	}
	json_object_set_new(o, "werkvoorraad", werkvoorraad(&e));
	json_t *rows = expertise_rows(&e);
	db_commit(s->db);
	json_object_set_new(o, "expertise", expertise_filter(&e, rows));
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
