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

	/* 342 municipalities with inhabitants from 1 000 to 900 000, all in the
	 * proeftuin; opdrachten: one local per municipality, 400 shared, one
	 * regional. */
	char codes[ORGS][8], names[ORGS][80];
	long long inwoners[ORGS];
	if (gen_gemeenten(codes, names, inwoners))
		return 1;
	db_begin(s->db);
	gen_proeftuin(s, &by, gen_organisaties(s, codes, names, inwoners, &p), &p);
	struct gen_opdrachten od;
	if (gen_opdrachten(s, &by, codes, &od, &p))
		return 1;
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
		w[i].id = gen_medewerker(s, &by, i, codes[w[i].org], 8, &p);
		for (int k = 0; k < 2; k++) {
			int other;
			do
				other = (int)between(0, ORGS - 1);
			while (other == w[i].org);
			w[i].inzet_on[k] = od.local[other];
			gen_inzet(s, &by, w[i].id, od.local[other], &p);
		}
		if ((i + 1) % 5000 == 0) {
			db_commit(s->db);
			db_begin(s->db);
		}
	}
	db_commit(s->db);
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
				opdracht = od.regional;
			else if (kind < 600 || od.nmine[x->org] == 0)
				opdracht = x->inzet_on[rnd() % 2];
			else
				opdracht = od.mine[x->org * SHARED + (int)(rnd() % (unsigned long long)od.nmine[x->org])];
			char datum[32];
			date_of((int)between(0, 365), datum);
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
	free(od.mine);
	free(od.nmine);
	store_close(s);
	return 0;
}
