/* bench/http/gen — a national samen instance for bench/http/run, written
 * straight through the store library (the same functions the API calls,
 * every rule checked), so that a million entries take minutes, not hours.
 *
 *   gen --db FILE [--entries N] [--staff N] [--opdrachten N] [--seed S]
 *
 * What it holds (defaults; bench/urenbank/gen is the model for the ledger):
 *  - the register: 342 municipalities with real CBS codes valid in 2012,
 *    12 taakvelden, and every municipality in three verbanden of 5–15
 *    members (three shuffled passes, cut in groups), each verband with
 *    trajecten on 2–5 taakvelden;
 *  - the kwaliteitskaart: 80 competences, 150 000 medewerkers spread over
 *    the municipalities, each with 1–3 competence levels;
 *  - the urenbank: one proeftuin "nl" of all 342, 5 000 opdrachten (3 600
 *    local, 1 399 shared by 2–4 municipalities, one regional for all,
 *    each asking 1–2 competences), inzet of every fifth medewerker on two
 *    local opdrachten of other municipalities, and N approved hour entries
 *    (default 1 000 000) booked through urenbank_uren_import: 60 % on inzet,
 *    0.2 % regional, the rest on shared or local opdrachten of the own
 *    municipality.
 * Prints "key value" lines (sizes, seconds per phase). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COMPETENCES 80
#define TAAKVELDEN 12

#include "../gen_common.h"

static long long id_of(json_t *o)
{
	long long id = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	return id;
}

static const char *const taakvelden[TAAKVELDEN][2] = {
	{ "ict", "bedrijfsvoering" },       { "belastingen", "uitvoering" },
	{ "inkoop", "bedrijfsvoering" },    { "personeel", "bedrijfsvoering" },
	{ "financien", "bedrijfsvoering" }, { "sociaal-domein", "uitvoering" },
	{ "vergunningen", "uitvoering" },   { "omgevingswet", "beleid" },
	{ "archief", "bedrijfsvoering" },   { "juridische-zaken", "bedrijfsvoering" },
	{ "handhaving", "uitvoering" },     { "economie", "beleid" },
};

struct worker {
	long long id;
	int org;
	long long inzet_on[2]; /* 0 when none */
};

int main(int argc, char **argv)
{
	const char *db = NULL;
	long long entries = 1000000, nstaff = 150000, nopdr = 5000, batch = 20000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--entries"))
			entries = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--staff"))
			nstaff = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--opdrachten"))
			nopdr = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			rng_state = strtoull(argv[i + 1], NULL, 10) * 2654435761ULL + 1;
	}
	if (!db || entries < 0 || nstaff < ORGS || nopdr < 2 * ORGS + 2) {
		fprintf(stderr, "gebruik: gen --db BESTAND [--entries N] [--staff N ≥ 342] [--opdrachten N ≥ 686] [--seed S]\n");
		return 2;
	}
	unlink(db);
	struct store *s;
	struct problem p;
	problem_init(&p);
	must(store_open(db, &s, &p), "database", &p);
	struct actor by = { .role = ROLE_BEHEERDER, .name = "benchmark" };
	json_t *tmp = NULL; /* outputs the generator does not need */
	double t0 = now();

	/* ---- the register ---------------------------------------------------- */
	char codes[ORGS][8], names[ORGS][80];
	long long inwoners[ORGS];
	if (gen_gemeenten(codes, names, inwoners))
		return 1;
	db_begin(s->db);
	json_t *leden = gen_organisaties(s, codes, names, inwoners, &p);
	for (int t = 0; t < TAAKVELDEN; t++) {
		json_t *o =
			json_pack("{s:s,s:s,s:s}", "code", taakvelden[t][0], "naam", taakvelden[t][0], "soort", taakvelden[t][1]);
		must(register_taakveld_create(s, o, &tmp, &p), "taakveld", &p);
		json_decref(tmp);
		json_decref(o);
	}
	/* Three passes over a shuffled list, cut in groups of 5–15: every
	 * municipality in three verbanden (the last group of a pass may be
	 * smaller when fewer than 5 remain: it joins the one before). */
	int nverband = 0, ntraject = 0;
	for (int pass = 0; pass < 3; pass++) {
		int order[ORGS];
		gen_shuffle(order);
		for (int at = 0, n; at < ORGS; at += n) {
			n = gen_groep(at);
			char code[16], naam[64];
			snprintf(code, sizeof(code), "v%03d", ++nverband);
			snprintf(naam, sizeof(naam), "Samenwerkingsverband %d", nverband);
			json_t *v = json_pack("{s:s,s:s,s:[s,s],s:b,s:o}", "code", code, "naam", naam, "doelen", "kosten",
					      "kwetsbaarheid", "geenCherryPicking", 1, "leden", gen_leden(codes, order + at, n));
			must(register_verband_create(s, v, &tmp, &p), "verband", &p);
			json_decref(tmp);
			json_decref(v);
			int nt = (int)between(2, 5), first = (int)between(0, TAAKVELDEN - 1);
			for (int k = 0; k < nt; k++) {
				json_t *t = gen_traject(taakvelden[(first + k) % TAAKVELDEN][0]);
				must(register_traject_create(s, code, t, &tmp, &p), "traject", &p);
				json_decref(tmp);
				json_decref(t);
				ntraject++;
			}
		}
	}
	/* ---- competences, the proeftuin --------------------------------------- */
	gen_competenties(s, COMPETENCES, &p);
	gen_proeftuin(s, &by, leden, &p);
	db_commit(s->db);
	double t_register = now();

	/* ---- opdrachten -------------------------------------------------------- */
	long long nlocal = nopdr * 72 / 100, nshared = nopdr - nlocal - 1;
	if (nlocal < ORGS)
		nlocal = ORGS;
	long long regional = 0;
	long long *local = calloc((size_t)nlocal, sizeof(*local)), *shared = calloc((size_t)nshared, sizeof(*shared));
	int(*shared_orgs)[4] = calloc((size_t)nshared, sizeof(*shared_orgs));
	int *shared_n = calloc((size_t)nshared, sizeof(*shared_n));
	if (!local || !shared || !shared_orgs || !shared_n)
		return 1;
	db_begin(s->db);
	for (long long k = 0; k < nlocal + nshared + 1; k++) {
		char comp[16];
		snprintf(comp, sizeof(comp), "comp-%02lld", between(1, COMPETENCES));
		json_t *need = json_pack("[{s:s,s:I}]", "competentie", comp, "niveau", (json_int_t)between(1, 3));
		json_t *o;
		if (k < nlocal) {
			o = json_pack("{s:s,s:s,s:[{s:s,s:i}],s:o}", "soort", "lokaal", "titel", "Lokale beleidsopdracht",
				      "opdrachtgevers", "organisatie", codes[k % ORGS], "aandeel", 1, "competenties", need);
		} else if (k < nlocal + nshared) {
			long long j = k - nlocal;
			shared_n[j] = (int)between(2, 4);
			json_t *g = json_array();
			for (int q = 0; q < shared_n[j]; q++) {
				int org, dup;
				do {
					org = (int)between(0, ORGS - 1);
					dup = 0;
					for (int r = 0; r < q; r++)
						dup |= shared_orgs[j][r] == org;
				} while (dup);
				shared_orgs[j][q] = org;
				json_array_append_new(g, json_pack("{s:s,s:I}", "organisatie", codes[org], "aandeel",
								   (json_int_t)between(1, 5)));
			}
			o = json_pack("{s:s,s:s,s:o,s:o}", "soort", "meervoudig-lokaal", "titel", "Gedeelde opdracht",
				      "opdrachtgevers", g, "competenties", need);
		} else {
			o = json_pack("{s:s,s:s,s:s,s:o}", "soort", "regionaal", "titel", "Landelijk werkprogramma",
				      "verdeelsleutel", "inwoners", "competenties", need);
		}
		json_t *out = NULL;
		must(urenbank_opdracht_create(s, &by, PT, o, &out, &p), "opdracht", &p);
		json_decref(o);
		long long id = id_of(out);
		if (k < nlocal)
			local[k] = id;
		else if (k < nlocal + nshared)
			shared[k - nlocal] = id;
		else
			regional = id;
	}
	db_commit(s->db);
	/* the shared opdrachten of each municipality */
	long long **mine = calloc(ORGS, sizeof(*mine));
	int *nmine = calloc(ORGS, sizeof(*nmine));
	for (long long j = 0; j < nshared; j++)
		for (int q = 0; q < shared_n[j]; q++)
			nmine[shared_orgs[j][q]]++;
	for (int o = 0; o < ORGS; o++) {
		mine[o] = calloc((size_t)nmine[o] + 1, sizeof(**mine));
		nmine[o] = 0;
	}
	for (long long j = 0; j < nshared; j++)
		for (int q = 0; q < shared_n[j]; q++) {
			int o = shared_orgs[j][q];
			mine[o][nmine[o]++] = shared[j];
		}
	double t_opdr = now();

	/* ---- staff, their competences, inzet ---------------------------------- */
	struct worker *w = calloc((size_t)nstaff, sizeof(*w));
	long long *inzet_staff = calloc((size_t)nstaff / 5 + 1, sizeof(*inzet_staff)), ninzet = 0, nlevels = 0;
	if (!w || !inzet_staff)
		return 1;
	db_begin(s->db);
	for (long long i = 0; i < nstaff; i++) {
		w[i].org = (int)(i % ORGS);
		w[i].id = gen_medewerker(s, &by, i, codes[w[i].org], (int)between(0, 8), &p);
		int nc = (int)between(1, 3), c0 = (int)between(1, COMPETENCES);
		for (int k = 0; k < nc; k++) {
			char comp[16];
			snprintf(comp, sizeof(comp), "comp-%02d", (c0 + k * 7 - 1) % COMPETENCES + 1);
			json_t *lv = json_pack("{s:I}", "niveau", (json_int_t)between(1, 3));
			must(kwaliteitskaart_level_set(s, w[i].id, comp, lv, &tmp, &p), "niveau", &p);
			json_decref(tmp);
			json_decref(lv);
			nlevels++;
		}
		if (i % 5 == 0) {
			for (int k = 0; k < 2; k++) {
				long long j;
				do
					j = between(0, nlocal - 1);
				while (j % ORGS == w[i].org);
				w[i].inzet_on[k] = local[j];
				gen_inzet(s, &by, w[i].id, local[j], &p);
			}
			inzet_staff[ninzet++] = i;
		}
		if ((i + 1) % 5000 == 0) {
			db_commit(s->db);
			db_begin(s->db);
			if (isatty(2))
				fprintf(stderr, "\r  %lld/%lld medewerkers", i + 1, nstaff);
		}
	}
	db_commit(s->db);
	if (isatty(2))
		fputc('\n', stderr);
	double t_staff = now();

	/* ---- the entries, in batches of one transaction each ------------------ */
	long long done = 0, refused = 0;
	while (done < entries) {
		db_begin(s->db);
		for (long long b = 0; b < batch && done < entries; b++) {
			unsigned long long kind = rnd() % 1000;
			struct worker *x;
			long long opdracht;
			if (kind < 600) {
				x = &w[inzet_staff[between(0, ninzet - 1)]];
				opdracht = x->inzet_on[rnd() % 2];
			} else {
				x = &w[between(0, nstaff - 1)];
				if (kind < 602)
					opdracht = regional;
				else if (kind < 800 && nmine[x->org])
					opdracht = mine[x->org][rnd() % (unsigned long long)nmine[x->org]];
				else
					opdracht = local[x->org]; /* local[k] belongs to codes[k % ORGS] */
			}
			char datum[32];
			date_of((int)between(0, 365), datum);
			json_t *in = json_pack("{s:I,s:I,s:s,s:I,s:s}", "medewerker", (json_int_t)x->id, "opdracht",
					       (json_int_t)opdracht, "datum", datum, "minuten", (json_int_t)between(30, 480),
					       "omschrijving", "beleidswerk");
			problem_init(&p);
			if (urenbank_uren_import(s, &by, PT, in, 1, NULL, &p) < 0) {
				if (p.status != 422)
					die("urenregel", &p);
				if (++refused > entries + 1000)
					die("te veel geweigerd", &p);
			} else {
				done++;
			}
			json_decref(in);
		}
		if (db_commit(s->db) < 0) {
			fprintf(stderr, "gen: commit: %s\n", db_errmsg(s->db));
			return 1;
		}
		if (isatty(2))
			fprintf(stderr, "\r  %lld/%lld geboekt", done, entries);
	}
	if (isatty(2))
		fputc('\n', stderr);
	double t_end = now();
	printf("orgs %d\nverbanden %d\ntrajecten %d\ncompetenties %d\nstaff %lld\nlevels %lld\ninzet %lld\nopdrachten %lld\n"
	       "entries %lld\nrefused %lld\n",
	       ORGS, nverband, ntraject, COMPETENCES, nstaff, nlevels, 2 * ninzet, nlocal + nshared + 1, done, refused);
	printf("register_s %.1f\nopdrachten_s %.1f\nstaff_s %.1f\nentries_s %.1f\ntotal_s %.1f\n", t_register - t0,
	       t_opdr - t_register, t_staff - t_opdr, t_end - t_staff, t_end - t0);
	for (int o = 0; o < ORGS; o++)
		free(mine[o]);
	free(mine);
	free(nmine);
	free(w);
	free(inzet_staff);
	free(local);
	free(shared);
	free(shared_orgs);
	free(shared_n);
	store_close(s);
	return 0;
}
