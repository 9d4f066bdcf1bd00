/* bench/import/gen — the input of the import benchmark (bench/import/run).
 *
 *   gen --dir DIR [--entries N] [--kaart K] [--seed S]
 *       DIR/base.db      342 municipalities (real CBS codes) in one proeftuin
 *                        "nl", a local opdracht each, 400 shared ones and a
 *                        regional one, staff in proportion to the entries
 *                        (about 60 a year each), each staffed on two local
 *                        opdrachten of other municipalities, 12 competences;
 *                        no hour entries and no kwaliteitskaart yet
 *       DIR/empty.db     the schema only (for the register)
 *       DIR/uren.csv     N hour entries as a time-registration system exports
 *                        them (medewerker;opdracht;datum;minuten;omschrijving),
 *                        every one within the rules: no day over 24 hours, no
 *                        inzet overdrawn (the mix of bench/urenbank/gen)
 *       DIR/kaart.csv    the kwaliteitskaart of the largest municipality: K
 *                        people (at most 20 000, the sheet's limit) with
 *                        their levels in the 12 competences
 *       DIR/register.json the national register (docs/registerformaat.md):
 *                        342 municipalities, 12 taakvelden, every
 *                        municipality in three verbanden of 5–15 members,
 *                        each with trajecten on 2–5 taakvelden (the density
 *                        of bench/http/gen)
 *     prints "key value" lines: kaart_org, staff, entries.
 *
 *   gen --store DB --csv DIR/uren.csv
 *       the same entries through the store's import path as bench/urenbank/gen
 *       uses it (urenbank_uren_import, approved, every rule checked), in one
 *       transaction with db_bulk; prints "store_s SECONDS". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COMPETENCES 12
#define TAAKVELDEN 12
#define DAYS 366

#include "../gen_common.h"

static const char *const taakvelden[TAAKVELDEN][2] = {
	{ "ict", "bedrijfsvoering" },        { "belastingen", "bedrijfsvoering" }, { "inkoop", "bedrijfsvoering" },
	{ "personeel", "bedrijfsvoering" },  { "financien", "bedrijfsvoering" },  { "wmo", "uitvoering" },
	{ "participatie", "uitvoering" },    { "jeugd", "uitvoering" },           { "vergunningen", "uitvoering" },
	{ "brandweer", "uitvoering" },       { "ruimtelijke-ordening", "beleid" }, { "economie", "beleid" },
};

struct worker {
	long long id;
	int org;
	long long inzet_on[2], inzet_left[2];
	unsigned short *day; /* minutes booked per day of 2012 */
};

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static struct store *fresh(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (const char *suffix = ""; suffix; suffix = !*suffix ? "-wal" : !strcmp(suffix, "-wal") ? "-shm" : NULL) {
		char f[4200];
		snprintf(f, sizeof(f), "%s%s", path, suffix);
		unlink(f);
	}
	struct store *s;
	struct problem p;
	problem_init(&p);
	must(store_open(path, &s, &p), "database", &p);
	return s;
}

static int generate(const char *dir, long long entries, long long kaart)
{
	struct problem p;
	problem_init(&p);
	struct actor by = { .role = ROLE_BEHEERDER, .name = "benchmark" };
	char codes[ORGS][8], names[ORGS][80];
	long long inwoners[ORGS];
	if (gen_gemeenten(codes, names, inwoners))
		return 1;

	/* ---- the register document --------------------------------------- */
	json_t *orgs = json_array(), *tv = json_array(), *verbanden = json_array();
	for (int i = 0; i < ORGS; i++)
		json_array_append_new(orgs, gen_gemeente_json(codes[i], names[i], inwoners[i]));
	for (int t = 0; t < TAAKVELDEN; t++)
		json_array_append_new(tv, json_pack("{s:s,s:s,s:s}", "code", taakvelden[t][0], "naam", taakvelden[t][0], "soort",
						    taakvelden[t][1]));
	int nverband = 0;
	for (int pass = 0; pass < 3; pass++) {
		int order[ORGS];
		gen_shuffle(order);
		for (int at = 0, n; at < ORGS; at += n) {
			n = gen_groep(at);
			char code[16], naam[64];
			snprintf(code, sizeof(code), "v%03d", ++nverband);
			snprintf(naam, sizeof(naam), "Samenwerkingsverband %d", nverband);
			json_t *l = gen_leden(codes, order + at, n);
			/* Half the verbanden name the deelnemers of each traject (a
			 * subset of at least two), the others let every member take part. */
			int pick = nverband % 2;
			json_t *tr = json_array();
			int nt = (int)between(2, 5), first = (int)between(0, TAAKVELDEN - 1);
			for (int k = 0; k < nt; k++) {
				json_t *t = gen_traject(taakvelden[(first + k) % TAAKVELDEN][0]);
				if (pick) {
					json_t *d = json_array();
					for (int q = 0; q < n; q++)
						if (q < 2 || rnd() % 3)
							json_array_append_new(d, json_string(codes[order[at + q]]));
					json_object_set_new(t, "deelnemers", d);
				}
				json_array_append_new(tr, t);
			}
			json_array_append_new(verbanden, json_pack("{s:s,s:s,s:[s,s],s:b,s:o,s:o}", "code", code, "naam", naam,
								   "doelen", "kosten", "kwetsbaarheid", "geenCherryPicking",
								   !pick, "leden", l, "trajecten", tr));
		}
	}
	json_t *doc = json_pack("{s:s,s:i,s:o,s:o,s:o}", "formaat", "samen-register", "versie", 1, "organisaties", orgs,
				"taakvelden", tv, "verbanden", verbanden);
	FILE *f = open_out(dir, "register.json");
	json_dumpf(doc, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	fclose(f);
	json_decref(doc);
	store_close(fresh(dir, "empty.db"));

	/* ---- the base database --------------------------------------------- */
	struct store *s = fresh(dir, "base.db");
	db_begin(s->db);
	json_t *leden = gen_organisaties(s, codes, names, inwoners, &p);
	gen_competenties(s, COMPETENCES, &p);
	gen_proeftuin(s, &by, leden, &p);
	struct gen_opdrachten od;
	if (gen_opdrachten(s, &by, codes, &od, &p))
		return 1;
	db_commit(s->db);

	long long nstaff = entries / 60 < 2 * ORGS ? 2 * ORGS : entries / 60;
	struct worker *w = calloc((size_t)nstaff, sizeof(*w));
	unsigned short *days = calloc((size_t)nstaff * DAYS, sizeof(*days));
	if (!w || !days)
		return 1;
	db_begin(s->db);
	for (long long i = 0; i < nstaff; i++) {
		w[i].org = (int)(i % ORGS);
		w[i].day = days + i * DAYS;
		w[i].id = gen_medewerker(s, &by, i, codes[w[i].org], 8, &p);
		for (int k = 0; k < 2; k++) {
			int other;
			do
				other = (int)between(0, ORGS - 1);
			while (other == w[i].org || (k == 1 && od.local[other] == w[i].inzet_on[0]));
			w[i].inzet_on[k] = od.local[other];
			w[i].inzet_left[k] = 20000;
			gen_inzet(s, &by, w[i].id, od.local[other], &p);
		}
	}
	db_commit(s->db);
	store_close(s);

	/* ---- the hours ------------------------------------------------------ */
	f = open_out(dir, "uren.csv");
	fputs("medewerker;opdracht;datum;minuten;omschrijving\n", f);
	for (long long done = 0; done < entries;) {
		struct worker *x = &w[between(0, nstaff - 1)];
		int day = (int)between(0, DAYS - 1), slot = -1;
		long long minutes = between(30, 480), opdracht;
		unsigned long long kind = rnd() % 1000;
		if (kind < 2)
			opdracht = od.regional;
		else if (kind < 600 || od.nmine[x->org] == 0)
			opdracht = x->inzet_on[slot = (int)(rnd() % 2)];
		else
			opdracht = od.mine[x->org * SHARED + (int)(rnd() % (unsigned long long)od.nmine[x->org])];
		/* What samen would refuse is not exported: a day over 24 hours, an inzet overdrawn. */
		if (x->day[day] + minutes > 1440 || (slot >= 0 && x->inzet_left[slot] < minutes))
			continue;
		x->day[day] = (unsigned short)(x->day[day] + minutes);
		if (slot >= 0)
			x->inzet_left[slot] -= minutes;
		char datum[32];
		date_of(day, datum);
		fprintf(f, "%lld;%lld;%s;%lld;beleidswerk\n", x->id, opdracht, datum, minutes);
		done++;
	}
	fclose(f);

	/* ---- the kwaliteitskaart of the largest municipality ----------------- */
	f = open_out(dir, "kaart.csv");
	fputs("Naam;Functie;Uur per week;Beschikbaar;Pensioenjaar", f);
	for (int c = 0; c < COMPETENCES; c++)
		fprintf(f, ";comp-%02d", c + 1);
	fputs("\r\n", f);
	static const char *const functies[] = { "beleidsadviseur", "medewerker burgerzaken", "jurist", "projectleider",
						 "applicatiebeheerder" };
	for (long long i = 0; i < kaart; i++) {
		long long uur = between(16, 40);
		fprintf(f, "Kaartmedewerker %lld;%s;%lld;%lld;%lld", i + 1, functies[i % 5], uur, between(0, uur / 4),
			between(2013, 2055));
		for (int c = 0; c < COMPETENCES; c++) {
			long long lvl = between(0, 9);
			if (lvl <= 3 && lvl > 0)
				fprintf(f, ";%lld", lvl);
			else
				fputc(';', f);
		}
		fputs("\r\n", f);
	}
	fclose(f);
	printf("kaart_org %s\nstaff %lld\nentries %lld\nverbanden %d\n", codes[0], nstaff, entries, nverband);
	free(w);
	free(days);
	free(od.mine);
	free(od.nmine);
	return 0;
}

/* The CSV of generate() through urenbank_uren_import: one transaction. */
static int store_path(const char *db, const char *csv)
{
	FILE *f = fopen(csv, "r");
	if (!f) {
		perror(csv);
		return 1;
	}
	struct store *s;
	struct problem p;
	problem_init(&p);
	must(store_open(db, &s, &p), "database", &p);
	struct actor by = { .role = ROLE_BEHEERDER, .name = "benchmark" };
	char line[512];
	double t0 = now();
	db_bulk(s->db, 1);
	if (db_begin(s->db) < 0 || !fgets(line, sizeof(line), f)) {
		fprintf(stderr, "gen: %s: leeg of database bezet\n", csv);
		return 1;
	}
	long long n = 0;
	struct urenbank_batch *b = urenbank_batch_new(s, &by, PT);
	while (fgets(line, sizeof(line), f)) {
		long long mw, opdracht, minuten;
		char datum[16];
		if (sscanf(line, "%lld;%lld;%15[^;];%lld;", &mw, &opdracht, datum, &minuten) != 4) {
			fprintf(stderr, "gen: %s: regel %lld onleesbaar\n", csv, n + 2);
			return 1;
		}
		json_t *in = json_pack("{s:I,s:I,s:s,s:I,s:s}", "medewerker", (json_int_t)mw, "opdracht", (json_int_t)opdracht,
				       "datum", datum, "minuten", (json_int_t)minuten, "omschrijving", "beleidswerk");
		problem_init(&p);
		must(urenbank_batch_import(b, in, 1, NULL, &p), "urenregel", &p);
		json_decref(in);
		n++;
	}
	fclose(f);
	must(urenbank_batch_end(b, &p), "saldi", &p);
	if (db_commit(s->db) < 0) {
		fprintf(stderr, "gen: commit: %s\n", db_errmsg(s->db));
		return 1;
	}
	db_bulk(s->db, 0);
	double t1 = now();
	store_close(s);
	printf("store_entries %lld\nstore_s %.3f\n", n, t1 - t0);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *db = NULL, *csv = NULL;
	long long entries = 200000, kaart = 20000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--dir"))
			dir = argv[i + 1];
		else if (!strcmp(argv[i], "--entries"))
			entries = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--kaart"))
			kaart = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			rng_state = strtoull(argv[i + 1], NULL, 10) * 2654435761ULL + 1;
		else if (!strcmp(argv[i], "--store"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--csv"))
			csv = argv[i + 1];
	}
	if (db && csv)
		return store_path(db, csv);
	if (!dir || entries <= 0 || kaart <= 0 || kaart > 20000) {
		fprintf(stderr, "gebruik: gen --dir MAP [--entries N] [--kaart K ≤ 20000] [--seed S]\n"
				"         gen --store DB --csv UREN.csv\n");
		return 2;
	}
	return generate(dir, entries, kaart);
}
