/* What the benchmark generators share (bench/urenbank/gen.c, bench/http/gen.c,
 * bench/import/gen.c): a fixed-seed xorshift generator, a monotonic clock,
 * stopping on the first store failure with its problem, and the national
 * setup they build alike: 342 municipalities with real CBS codes in one
 * proeftuin "nl", competences, the opdrachten and staff of the ledger, the
 * verbanden of the register. Header-only: each generator is one translation
 * unit compiled by its run script; the helpers are static inline so that a
 * generator that does not use one is not warned about it. Each helper draws
 * from rnd() in the order the generators did before they shared it, so the
 * same seed gives the same database. */
#ifndef SAMEN_BENCH_GEN_COMMON_H
#define SAMEN_BENCH_GEN_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/problem.h"
#include "core/register_codes.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"
#include "store/register.h"
#include "store/urenbank.h"

#define ORGS 342 /* municipalities */
#define PT "nl"  /* the one proeftuin */

static unsigned long long rng_state = 88172645463325252ULL;
static unsigned long long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}
static long long between(long long lo, long long hi) { return lo + (long long)(rnd() % (unsigned long long)(hi - lo + 1)); }

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const struct problem *p)
{
	fprintf(stderr, "gen: %s: %d %s", what, p->status, p->detail);
	for (int i = 0; i < p->nparams; i++)
		fprintf(stderr, " [%s: %s]", p->params[i].name, p->params[i].reason);
	fputc('\n', stderr);
	exit(1);
}

static void must(int r, const char *what, const struct problem *p)
{
	if (r < 0)
		die(what, p);
}

/* Day 0..365 of 2012 (a leap year) as YYYY-MM-DD. */
static inline void date_of(int day, char out[32])
{
	static const int cum[] = { 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 };
	int m = 0;
	while (day >= cum[m + 1])
		m++;
	snprintf(out, 32, "2012-%02d-%02d", m + 1, day - cum[m] + 1);
}

/* The first ORGS municipalities that existed on 2012-01-01 (real CBS codes:
 * samen refuses others), with inhabitants from 1 000 to 160 000, the first
 * 900 000. 0, or 1 when the list has too few. */
static inline int gen_gemeenten(char codes[ORGS][8], char names[ORGS][80], long long inwoners[ORGS])
{
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
		inwoners[n] = n == 0 ? 900000 : between(1000, 160000);
		n++;
	}
	return 0;
}

/* A municipality as the register knows it (samen import, register_org_create). */
static inline json_t *gen_gemeente_json(const char *code, const char *name, long long inwoners)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:s}", "code", code, "naam", name, "soort", "gemeente", "inwoners",
			 (json_int_t)inwoners, "geldigVan", "2012-01-01");
}

/* The municipalities in the register (in the caller's transaction); their
 * codes as the leden of the proeftuin. */
static inline json_t *gen_organisaties(struct store *s, char codes[ORGS][8], char names[ORGS][80],
				       const long long inwoners[ORGS], struct problem *p)
{
	json_t *leden = json_array();
	for (int i = 0; i < ORGS; i++) {
		json_t *o = gen_gemeente_json(codes[i], names[i], inwoners[i]);
		must(register_org_create(s, o, NULL, p), "organisatie", p);
		json_decref(o);
		json_array_append_new(leden, json_string(codes[i]));
	}
	return leden;
}

/* The proeftuin PT of all leden (taken over) for 2012. */
static inline void gen_proeftuin(struct store *s, const struct actor *by, json_t *leden, struct problem *p)
{
	json_t *pt = json_pack("{s:s,s:s,s:s,s:s,s:i,s:I,s:o}", "code", PT, "naam", "Landelijke urenbank", "van",
			       "2012-01-01", "tot", "2012-12-31", "tariefCenten", 6500, "kredietlimietMinuten",
			       (json_int_t)100000000, "leden", leden);
	must(urenbank_proeftuin_create(s, by, pt, NULL, p), "proeftuin", p);
	json_decref(pt);
}

/* Competences comp-01 … comp-N. */
static inline void gen_competenties(struct store *s, int n, struct problem *p)
{
	for (int c = 0; c < n; c++) {
		char code[16], naam[48];
		snprintf(code, sizeof(code), "comp-%02d", c + 1);
		snprintf(naam, sizeof(naam), "Competentie %d", c + 1);
		json_t *o = json_pack("{s:s,s:s}", "code", code, "naam", naam), *tmp = NULL;
		must(kwaliteitskaart_competence_create(s, o, &tmp, p), "competentie", p);
		json_decref(tmp);
		json_decref(o);
	}
}

/* The opdrachten of the ledger benchmarks (bench/urenbank/gen,
 * bench/import/gen): one local per municipality, SHARED shared by 2–4 of
 * them (shares 1–5), one regional programme of all by inhabitants; and per
 * municipality the shared ones it takes part in (mine[org * SHARED …],
 * nmine[org] of them). */
#define SHARED 400
struct gen_opdrachten {
	long long local[ORGS], shared[SHARED], regional;
	int shared_orgs[SHARED][4], shared_n[SHARED];
	long long *mine;
	int *nmine;
};

static inline long long gen_opdracht(struct store *s, const struct actor *by, json_t *o, const char *what,
				     struct problem *p)
{
	json_t *out = NULL;
	must(urenbank_opdracht_create(s, by, PT, o, &out, p), what, p);
	long long id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(o);
	return id;
}

/* In the caller's transaction; 0, or 1 when out of memory. */
static inline int gen_opdrachten(struct store *s, const struct actor *by, char codes[ORGS][8], struct gen_opdrachten *od,
				 struct problem *p)
{
	for (int i = 0; i < ORGS; i++)
		od->local[i] = gen_opdracht(s, by,
					    json_pack("{s:s,s:s,s:[{s:s,s:i}]}", "soort", "lokaal", "titel",
						      "Lokale beleidsopdracht", "opdrachtgevers", "organisatie", codes[i],
						      "aandeel", 1),
					    "lokale opdracht", p);
	for (int k = 0; k < SHARED; k++) {
		od->shared_n[k] = (int)between(2, 4);
		json_t *g = json_array();
		for (int j = 0; j < od->shared_n[k]; j++) {
			int org, dup;
			do {
				org = (int)between(0, ORGS - 1);
				dup = 0;
				for (int q = 0; q < j; q++)
					dup |= od->shared_orgs[k][q] == org;
			} while (dup);
			od->shared_orgs[k][j] = org;
			json_array_append_new(g, json_pack("{s:s,s:I}", "organisatie", codes[org], "aandeel",
							   (json_int_t)between(1, 5)));
		}
		od->shared[k] = gen_opdracht(s, by,
					     json_pack("{s:s,s:s,s:o}", "soort", "meervoudig-lokaal", "titel",
						       "Gedeelde opdracht", "opdrachtgevers", g),
					     "gedeelde opdracht", p);
	}
	od->regional = gen_opdracht(s, by,
				    json_pack("{s:s,s:s,s:s}", "soort", "regionaal", "titel", "Landelijk werkprogramma",
					      "verdeelsleutel", "inwoners"),
				    "regionale opdracht", p);
	od->mine = calloc(ORGS * SHARED, sizeof(*od->mine));
	od->nmine = calloc(ORGS, sizeof(*od->nmine));
	if (!od->mine || !od->nmine)
		return 1;
	for (int k = 0; k < SHARED; k++)
		for (int j = 0; j < od->shared_n[k]; j++) {
			int org = od->shared_orgs[k][j];
			od->mine[org * SHARED + od->nmine[org]++] = od->shared[k];
		}
	return 0;
}

/* Medewerker number i (from 0) of the municipality code: its id. */
static inline long long gen_medewerker(struct store *s, const struct actor *by, long long i, const char *code,
				       int beschikbaar, struct problem *p)
{
	char naam[32];
	snprintf(naam, sizeof(naam), "Medewerker %lld", i + 1);
	json_t *m = json_pack("{s:s,s:s,s:s,s:i,s:i}", "naam", naam, "organisatie", code, "functie", "beleidsadviseur",
			      "uurPerWeek", 36, "beschikbaarUurPerWeek", beschikbaar);
	json_t *mo = NULL;
	must(medewerkers_create(s, by, m, &mo, p), "medewerker", p);
	long long id = json_integer_value(json_object_get(mo, "id"));
	json_decref(mo);
	json_decref(m);
	return id;
}

/* 20 000 minutes of inzet of a medewerker on an opdracht. */
static inline void gen_inzet(struct store *s, const struct actor *by, long long medewerker, long long opdracht,
			     struct problem *p)
{
	json_t *in = json_pack("{s:I,s:i}", "medewerker", (json_int_t)medewerker, "minuten", 20000);
	must(urenbank_inzet_create(s, by, PT, opdracht, in, NULL, p), "inzet", p);
	json_decref(in);
}

/* The verbanden of the register: three passes over a shuffled list of the
 * municipalities, cut in groups of 5–15, so that every municipality is in
 * three (the last group of a pass takes the rest when fewer than 5 would
 * remain). gen_shuffle gives a pass's order, gen_groep the size of the group
 * that starts at `at`, gen_leden its members (the first the gastheer). */
static inline void gen_shuffle(int order[ORGS])
{
	for (int i = 0; i < ORGS; i++)
		order[i] = i;
	for (int i = ORGS - 1; i > 0; i--) {
		int j = (int)between(0, i), x = order[i];
		order[i] = order[j];
		order[j] = x;
	}
}

static inline int gen_groep(int at)
{
	int n = (int)between(5, 15);
	return ORGS - at - n < 5 ? ORGS - at : n;
}

static inline json_t *gen_leden(char codes[ORGS][8], const int *members, int n)
{
	json_t *l = json_array();
	for (int k = 0; k < n; k++)
		json_array_append_new(l, json_pack("{s:s,s:s,s:s}", "organisatie", codes[members[k]], "rol",
						   k == 0 ? "gastheer" : "lid", "van", "2012-01-01"));
	return l;
}

/* A traject of a verband on a taakveld, in a phase drawn at random. */
static inline json_t *gen_traject(const char *taakveld)
{
	static const char *const fasen[] = { "verkenning", "businesscase", "besluitvorming", "implementatie", "uitvoering" };
	return json_pack("{s:s,s:s,s:s,s:s,s:s}", "taakveld", taakveld, "fase", fasen[between(0, 4)], "vorm", "netwerk",
			 "intensiteit", "bijstand", "start", "2012-01-01");
}
#endif
