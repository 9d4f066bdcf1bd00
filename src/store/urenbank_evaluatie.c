/* The proeftuin's evaluation figures (urenbank_evaluatie.h): sums of the
 * journal and the entries in SQL, the arithmetic in
 * core/urenbank_evaluatie.c, each figure with the sentence that says how. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "core/kwaliteitskaart.h"
#include "core/urenbank_evaluatie.h"
#include "store/kwaliteitskaart.h"
#include "store/register_sql.h"
#include "store/urenbank_evaluatie.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

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
	long long totaal;                            /* approved minutes, all time (goedgekeurd_minuten) */
	int has_inzet, has_uren;                     /* any inzet, any entry not rejected */
	char aangemaakt[40];
	long long geraamd_orig, besteed_orig, n_orig;
	int orig_onbekend; /* an original without an estimate */
	json_t *originelen;
};

struct eval {
	struct store *s;
	struct pt pt;
	const char *van, *tot;
	struct urenbank_periode per; /* van … tot as whole months and days */
	struct lid *leden;
	size_t nleden;
	int32_t *lid_index; /* organisation id → index in leden, or -1 */
	long long maxorg;
	struct opdracht *op; /* by id */
	size_t nop;
};

/* Every status an entry can have: the days of a period are read per
 * status (index uren_proeftuin_status_datum). */
#define STATUSSEN "('ingediend', 'goedgekeurd', 'afgekeurd', 'gecorrigeerd')"

/* A sum for the period from the monthly sums of table (its columns cols,
 * the month in maand) and the same from the rows for the days of a cut
 * month (RAW with ?A and ?B the first and last day). */
#define PERIOD_SUM(cols, table, raw)                                                              \
	" SELECT " cols " FROM " table " WHERE proeftuin_id = ?1 AND maand >= ?2 AND maand <= ?3" \
	" UNION ALL " raw("?4", "?5") " UNION ALL " raw("?6", "?7")

/* A query over a PERIOD_SUM, bound to the proeftuin (?1) and the period. */
static struct db_stmt *period_query(struct eval *e, const char *sql)
{
	return db_query(e->s->db, sql, "l" URENBANK_PERIODE_BINDS, e->pt.id, URENBANK_PERIODE_ARGS(&e->per));
}

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

static struct lid *lid_by_id(struct eval *e, long long id)
{
	if (id < 0 || id > e->maxorg || e->lid_index[id] < 0)
		return NULL;
	return &e->leden[e->lid_index[id]];
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

static struct opdracht *op_by_id(struct eval *e, long long id);

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
	size_t cap = 16, n = 0;
	struct competentie *c = calloc(cap, sizeof(*c));
	char *has = calloc(e->nop + 1, 1);
	struct db_stmt *st =
		db_query(e->s->db,
			 "SELECT oc.opdracht_id, oc.competentie, c.naam FROM opdracht_competenties oc"
			 " JOIN opdrachten o ON o.id = oc.opdracht_id LEFT JOIN competenties c ON c.code = oc.competentie"
			 " WHERE o.proeftuin_id = ? ORDER BY oc.competentie, oc.opdracht_id",
			 "l", e->pt.id);
	while (c && has && db_step(st) == DB_ROW) {
		struct opdracht *o = op_by_id(e, db_col_int(st, 0));
		if (!o)
			continue;
		has[o - e->op] = 1;
		if (!o->besteed)
			continue;
		const char *code = db_col_text(st, 1);
		if (!n || strcmp(c[n - 1].code, code)) {
			struct competentie *g = grow(c, &cap, n, sizeof(*c));
			if (!g)
				break;
			c = g;
			memset(&c[n], 0, sizeof(c[n]));
			snprintf(c[n].code, sizeof(c[n].code), "%s", code);
			snprintf(c[n].naam, sizeof(c[n].naam), "%s", db_col_null(st, 2) ? code : db_col_text(st, 2));
			n++;
		}
		c[n - 1].opdrachten++;
		c[n - 1].minuten += o->besteed;
	}
	db_finalize(st);
	if (c && has) {
		qsort(c, n, sizeof(*c), by_minutes);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I}", "competentie", c[i].code, "naam", c[i].naam,
							   "opdrachten", (json_int_t)c[i].opdrachten, "minuten",
							   (json_int_t)c[i].minuten));
		long long zo = 0, zm = 0;
		for (size_t i = 0; i < e->nop; i++)
			if (!has[i] && e->op[i].besteed) {
				zo++;
				zm += e->op[i].besteed;
			}
		if (zm > 0)
			json_array_append_new(a, json_pack("{s:s,s:I,s:I}", "naam", "zonder competentie", "opdrachten",
							   (json_int_t)zo, "minuten", (json_int_t)zm));
	}
	free(c);
	free(has);
	return a;
}

static struct opdracht *op_by_id(struct eval *e, long long id)
{
	size_t lo = 0, hi = e->nop;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->op[mid].id == id)
			return &e->op[mid];
		if (e->op[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
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
	st = db_query(e->s->db,
		      "SELECT g.opdracht_id, count(*) FROM opdrachtgevers g JOIN opdrachten o ON o.id = g.opdracht_id"
		      " WHERE o.proeftuin_id = ? GROUP BY g.opdracht_id",
		      "l", e->pt.id);
	while (db_step(st) == DB_ROW) {
		struct opdracht *o = op_by_id(e, db_col_int(st, 0));
		if (o)
			o->opdrachtgevers = db_col_int(st, 1);
	}
	db_finalize(st);
	/* The entries in the period and their approved minutes. */
	st = period_query(e, "SELECT opdracht, sum(n), sum(m) FROM (" PERIOD_SUM(
				     "opdracht_id AS opdracht, regels AS n, goedgekeurd_minuten AS m",
				     "urenbank_maand_opdrachten", RAW_OPDRACHTEN) ") x GROUP BY opdracht");
	while (db_step(st) == DB_ROW) {
		struct opdracht *o = op_by_id(e, db_col_int(st, 0));
		if (!o)
			continue;
		o->in_periode += db_col_int(st, 1);
		o->besteed = db_col_int(st, 2);
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
	char code[40], naam[160], competentie[64];
};

static int by_principal(const void *a, const void *b)
{
	const struct taken *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c ? c : strcmp(x->competentie, y->competentie);
}

struct comp_name {
	long long id;
	char code[64], naam[200];
};

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct comp_name *)a)->code, ((const struct comp_name *)b)->code);
}

/* The rows of the table: per principal and competence the minutes taken,
 * with the principal's own cover, in the order of the principal's code and
 * the competence's; a principal that is not a member (none should be) is
 * asked of its kwaliteitskaart after the snapshot ends ("status" absent:
 * expertise_rest). Summed by ids in SQL, named and ordered here: grouping
 * by the names cost more than all the rest of the table. */
static json_t *expertise_rows(struct eval *e)
{
	json_t *a = json_array();
	int32_t day;
	date_parse(e->tot, &day);
	struct cover cv = { 0, NULL, NULL };
	size_t ncomp = 0, n = 0, cap = 64;
	struct comp_name *comp = NULL;
	struct taken *t = malloc(cap * sizeof(*t));
	long long ncomps = urenbank_one_int(e->s, "SELECT count(*) FROM competenties", "");
	comp = calloc(ncomps > 0 ? (size_t)ncomps : 1, sizeof(*comp));
	if (!t || !comp || cover_load(e, kwaliteitskaart_moment_date(day), &cv) < 0)
		goto out;
	struct db_stmt *st = db_query(e->s->db, "SELECT id, code, naam FROM competenties", NULL);
	while (db_step(st) == DB_ROW && ncomp < (size_t)ncomps) {
		comp[ncomp].id = db_col_int(st, 0);
		snprintf(comp[ncomp].code, sizeof(comp[ncomp].code), "%s", db_col_text(st, 1));
		snprintf(comp[ncomp].naam, sizeof(comp[ncomp].naam), "%s", db_col_text(st, 2));
		ncomp++;
	}
	db_finalize(st);
	qsort(comp, ncomp, sizeof(*comp), by_code);
	st = period_query(e, "SELECT x.org, oc.competentie, sum(x.m) FROM (" PERIOD_SUM(
				     "opdrachtgever_id AS org, opdracht_id AS opdracht, minuten AS m", "urenbank_maand_gehaald",
				     RAW_GEHAALD) ") x JOIN opdracht_competenties oc ON oc.opdracht_id = x.opdracht"
						  " GROUP BY x.org, oc.competentie HAVING sum(x.m) <> 0");
	while (db_step(st) == DB_ROW) {
		struct taken *g = grow(t, &cap, n, sizeof(*t));
		if (!g)
			break;
		t = g;
		struct taken *x = &t[n++];
		x->org = db_col_int(st, 0);
		x->lid = lid_by_id(e, x->org);
		snprintf(x->competentie, sizeof(x->competentie), "%s", db_col_text(st, 1));
		x->minuten = db_col_int(st, 2);
		x->code[0] = x->naam[0] = '\0';
		if (x->lid) {
			snprintf(x->code, sizeof(x->code), "%s", x->lid->code);
			snprintf(x->naam, sizeof(x->naam), "%s", x->lid->naam);
		}
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++) /* a principal that is not a member: by name, once per row (none should be) */
		if (!t[i].lid) {
			st = db_query(e->s->db, "SELECT code, naam FROM organisaties WHERE id = ?", "l", t[i].org);
			if (db_step(st) == DB_ROW) {
				snprintf(t[i].code, sizeof(t[i].code), "%s", db_col_text(st, 0));
				snprintf(t[i].naam, sizeof(t[i].naam), "%s", db_col_text(st, 1));
			}
			db_finalize(st);
		}
	qsort(t, n, sizeof(*t), by_principal);
	for (size_t i = 0; i < n; i++) {
		struct comp_name key;
		snprintf(key.code, sizeof(key.code), "%s", t[i].competentie);
		const struct comp_name *c = bsearch(&key, comp, ncomp, sizeof(*comp), by_code);
		const char *status = NULL;
		if (!t[i].code[0])
			continue; /* no such organisation */
		if (t[i].lid) {
			if (!c || c->id < 0 || c->id > cv.maxc || !cv.applies[COVER(&cv, t[i].lid - e->leden, c->id)])
				continue; /* not on its kwaliteitskaart */
			long long h = cv.holders[COVER(&cv, t[i].lid - e->leden, c->id)];
			if (h >= 2)
				continue; /* covered */
			status = h == 1 ? "een-pitter" : "ontbreekt";
		}
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:I}", "opdrachtgever", t[i].code, "naam", t[i].naam, "competentie",
				      t[i].competentie, "competentieNaam", c ? c->naam : t[i].competentie, "minuten",
				      (json_int_t)t[i].minuten);
		if (status)
			json_object_set_new(o, "status", json_string(status));
		json_array_append_new(a, o);
	}
out:
	free(t);
	free(comp);
	free(cv.holders);
	free(cv.applies);
	return a;
}

/* The rows of principals that are not members: their status from their
 * kwaliteitskaart (kwaliteitskaart_vulnerability opens its own snapshot);
 * rows with no status there, or covered, go. */
static json_t *expertise_rest(struct eval *e, json_t *rows)
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
	if (load_leden(&e) < 0 || load_opdrachten(&e) < 0) {
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
	json_t *rows = expertise_rows(&e);
	db_commit(s->db);
	json_object_set_new(o, "expertise", expertise_rest(&e, rows));
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
