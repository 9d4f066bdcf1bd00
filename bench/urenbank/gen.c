/* bench/urenbank/gen — fills a samen database with a national hours
 * exchange and times it: 342 municipalities in one proeftuin, staff in
 * proportion to the entries (about 60 a year each, so no one works more than
 * a day in a day), local, shared and regional opdrachten, and N approved hour
 * entries booked through the store's import path (urenbank_uren_import, the
 * one a CSV import uses, in a batch per transaction: every rule checked,
 * posted, balances kept). Then
 * recomputes every balance from the journal (urenbank_verify) and prints
 * the figures as "key value" lines for bench/urenbank/run.
 *
 *   gen --db FILE --entries N [--seed S] [--batch B]
 *
 * Entry mix: 60 % on a local opdracht of another municipality (through an
 * inzet), 39.8 % on a shared opdracht of 2–4 municipalities that include the
 * staff member's own, 0.2 % on the regional programme shared by all 342 by
 * inhabitants. Memory stays bounded: entries are generated and written in
 * batches of B (default 20000) per transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/register_codes.h"
#include "store/urenbank.h"
#include "store/register.h"
#include "store/medewerkers.h"

#define ORGS 342
#define PT "nl"

#include "../gen_common.h"

struct worker {
	long long id;
	int org;              /* 0..ORGS-1 */
	long long inzet_on[2]; /* local opdrachten of other orgs it is staffed on */
};

int main(int argc, char **argv)
{
	const char *db = NULL;
	long long entries = 100000, batch = 20000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--entries"))
			entries = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			rng_state = strtoull(argv[i + 1], NULL, 10) * 2654435761ULL + 1;
		else if (!strcmp(argv[i], "--batch"))
			batch = strtoll(argv[i + 1], NULL, 10);
	}
	if (!db || entries <= 0 || batch <= 0) {
		fprintf(stderr, "gebruik: gen --db BESTAND --entries N [--seed S] [--batch B]\n");
		return 2;
	}
	unlink(db);
	struct store *s;
	struct problem p;
	problem_init(&p);
	must(store_open(db, &s, &p), "database", &p);
	struct actor by = { .role = ROLE_BEHEERDER, .name = "benchmark" };
	double t0 = now();

	/* 342 municipalities with inhabitants from 1 000 to 900 000: real CBS
	 * codes (samen refuses others), the first 342 that existed in 2012. */
	char codes[ORGS][8];
	char names[ORGS][80]; /* struct register_gemeente naam */
	for (int n = 0, c = 1; n < ORGS; c++) {
		struct register_gemeente g;
		char code[8];
		if (c > 9999) {
			fprintf(stderr, "gen: de CBS-lijst heeft geen %d gemeenten in 2012\n", ORGS);
			return 1;
		}
		snprintf(code, sizeof(code), "GM%04d", c);
		if (register_codes_gemeente_on(code, "2012-01-01", &g) != REGISTER_CODE_VALID)
			continue;
		snprintf(codes[n], sizeof(codes[n]), "%s", code);
		snprintf(names[n], sizeof(names[n]), "%s", g.naam);
		n++;
	}
	json_t *leden = json_array();
	db_begin(s->db);
	for (int i = 0; i < ORGS; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:s}", "code", codes[i], "naam", names[i], "soort", "gemeente", "inwoners",
				      (json_int_t)(i == 0 ? 900000 : between(1000, 160000)), "geldigVan", "2012-01-01");
		must(register_org_create(s, o, NULL, &p), "organisatie", &p);
		json_decref(o);
		json_array_append_new(leden, json_string(codes[i]));
	}
	json_t *pt = json_pack("{s:s,s:s,s:s,s:s,s:i,s:I,s:o}", "code", PT, "naam", "Landelijke urenbank", "van", "2012-01-01",
			       "tot", "2012-12-31", "tariefCenten", 6500, "kredietlimietMinuten", (json_int_t)100000000, "leden",
			       leden);
	must(urenbank_proeftuin_create(s, &by, pt, NULL, &p), "proeftuin", &p);
	json_decref(pt);

	/* Opdrachten: one local per municipality, 400 shared, one regional. */
	long long local[ORGS], shared[400], regional;
	int shared_orgs[400][4], shared_n[400];
	for (int i = 0; i < ORGS; i++) {
		json_t *o = json_pack("{s:s,s:s,s:[{s:s,s:i}]}", "soort", "lokaal", "titel", "Lokale beleidsopdracht",
				      "opdrachtgevers", "organisatie", codes[i], "aandeel", 1);
		json_t *out = NULL;
		must(urenbank_opdracht_create(s, &by, PT, o, &out, &p), "lokale opdracht", &p);
		local[i] = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		json_decref(o);
	}
	for (int k = 0; k < 400; k++) {
		shared_n[k] = (int)between(2, 4);
		json_t *g = json_array();
		for (int j = 0; j < shared_n[k]; j++) {
			int org;
			int dup;
			do {
				org = (int)between(0, ORGS - 1);
				dup = 0;
				for (int q = 0; q < j; q++)
					dup |= shared_orgs[k][q] == org;
			} while (dup);
			shared_orgs[k][j] = org;
			json_array_append_new(g, json_pack("{s:s,s:I}", "organisatie", codes[org], "aandeel", (json_int_t)between(1, 5)));
		}
		json_t *o = json_pack("{s:s,s:s,s:o}", "soort", "meervoudig-lokaal", "titel", "Gedeelde opdracht", "opdrachtgevers", g);
		json_t *out = NULL;
		must(urenbank_opdracht_create(s, &by, PT, o, &out, &p), "gedeelde opdracht", &p);
		shared[k] = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		json_decref(o);
	}
	json_t *o = json_pack("{s:s,s:s,s:s}", "soort", "regionaal", "titel", "Landelijk werkprogramma", "verdeelsleutel", "inwoners");
	json_t *out = NULL;
	must(urenbank_opdracht_create(s, &by, PT, o, &out, &p), "regionale opdracht", &p);
	regional = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(o);
	db_commit(s->db);

	/* Staff: about 60 entries a year each; each staffed on two local
	 * opdrachten of other municipalities. */
	long long nstaff = entries / 60 < 2 * ORGS ? 2 * ORGS : entries / 60;
	struct worker *w = calloc((size_t)nstaff, sizeof(*w));
	if (!w)
		return 1;
	db_begin(s->db);
	for (long long i = 0; i < nstaff; i++) {
		w[i].org = (int)(i % ORGS);
		char naam[32];
		snprintf(naam, sizeof(naam), "Medewerker %lld", i + 1);
		json_t *m = json_pack("{s:s,s:s,s:s,s:i,s:i}", "naam", naam, "organisatie", codes[w[i].org], "functie",
				      "beleidsadviseur", "uurPerWeek", 36, "beschikbaarUurPerWeek", 8);
		json_t *mo = NULL;
		must(medewerkers_create(s, &by, m, &mo, &p), "medewerker", &p);
		w[i].id = json_integer_value(json_object_get(mo, "id"));
		json_decref(mo);
		json_decref(m);
		for (int k = 0; k < 2; k++) {
			int other;
			do
				other = (int)between(0, ORGS - 1);
			while (other == w[i].org);
			w[i].inzet_on[k] = local[other];
			json_t *in = json_pack("{s:I,s:i}", "medewerker", (json_int_t)w[i].id, "minuten", 20000);
			must(urenbank_inzet_create(s, &by, PT, local[other], in, NULL, &p), "inzet", &p);
			json_decref(in);
		}
		if ((i + 1) % 5000 == 0) {
			db_commit(s->db);
			db_begin(s->db);
		}
	}
	db_commit(s->db);
	/* Shared opdrachten per organisation, for its staff. */
	long long *mine = calloc(ORGS * 400, sizeof(*mine));
	int *nmine = calloc(ORGS, sizeof(*nmine));
	for (int k = 0; k < 400; k++)
		for (int j = 0; j < shared_n[k]; j++) {
			int org = shared_orgs[k][j];
			mine[org * 400 + nmine[org]++] = shared[k];
		}
	double t1 = now();
	printf("setup_s %.2f\nstaff %lld\n", t1 - t0, nstaff);
	fflush(stdout);

	/* The entries, in batches of one transaction each, as an import loads
	 * them (db_bulk, urenbank_batch: every rule, the sums written once). */
	long long done = 0, refused = 0;
	double tl = now();
	db_bulk(s->db, 1);
	while (done < entries) {
		db_begin(s->db);
		struct urenbank_batch *ub = urenbank_batch_new(s, &by, PT);
		for (long long b = 0; b < batch && done < entries; b++) {
			struct worker *x = &w[between(0, nstaff - 1)];
			long long opdracht;
			unsigned long long kind = rnd() % 1000;
			if (kind < 2)
				opdracht = regional;
			else if (kind < 600 || nmine[x->org] == 0)
				opdracht = x->inzet_on[rnd() % 2];
			else
				opdracht = mine[x->org * 400 + (int)(rnd() % (unsigned long long)nmine[x->org])];
			char datum[32];
			int day = (int)between(0, 365);
			static const int cum[] = { 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 };
			int m = 0;
			while (day >= cum[m + 1])
				m++;
			snprintf(datum, sizeof(datum), "2012-%02d-%02d", m + 1, day - cum[m] + 1);
			json_t *in = json_pack("{s:I,s:I,s:s,s:I,s:s}", "medewerker", (json_int_t)x->id, "opdracht", (json_int_t)opdracht,
					       "datum", datum, "minuten", (json_int_t)between(30, 480), "omschrijving", "beleidswerk");
			problem_init(&p);
			if ((ub ? urenbank_batch_import(ub, in, 1, NULL, &p) : urenbank_uren_import(s, &by, PT, in, 1, NULL, &p)) < 0) {
				/* A full day or a spent inzet: that is the rules working; try another. */
				if (p.status != 422)
					die("urenregel", &p);
				refused++;
				if (refused > entries)
					die("te veel geweigerd", &p);
			} else {
				done++;
			}
			json_decref(in);
		}
		problem_init(&p);
		must(urenbank_batch_end(ub, &p), "saldi", &p);
		if (db_commit(s->db) < 0) {
			fprintf(stderr, "gen: commit: %s\n", db_errmsg(s->db));
			return 1;
		}
		if (isatty(2))
			fprintf(stderr, "\r  %lld/%lld geboekt", done, entries);
	}
	double t2 = now();
	db_bulk(s->db, 0);
	if (isatty(2))
		fputc('\n', stderr);
	printf("entries %lld\nrefused %lld\nload_s %.3f\nload_per_s %.0f\n", done, refused, t2 - tl, (double)done / (t2 - tl));
	fflush(stdout);

	/* Recompute everything from the journal, three times; the best counts. */
	double best = 1e9;
	struct urenbank_verify_stats st;
	for (int k = 0; k < 3; k++) {
		double a = now();
		long long diff = urenbank_verify(s, PT, NULL, NULL, &st, &p);
		double b = now();
		if (diff != 0) {
			fprintf(stderr, "gen: verify vond %lld verschillen\n", diff);
			return 1;
		}
		if (b - a < best)
			best = b - a;
	}
	printf("transactions %lld\npostings %lld\nrecompute_s %.4f\n", st.transactions, st.postings, best);
	free(w);
	free(mine);
	free(nmine);
	store_close(s);
	return 0;
}
