/* bench/matching/gen — a matching instance of a given size, solved by
 * samen's matching (core/matching.h, min-cost max-flow) and, on request,
 * written as a linear programme for glpsol. Prints "key value" lines for
 * bench/matching/run.
 *
 *   gen [--orgs K] [--staff N] [--opdrachten M] [--competences C] [--seed S]
 *       [--repeat R] [--lp FILE] [--lp-cost FILE --flow F]
 *
 * The instance: K organisations of uneven size with saldi and drawing
 * rights; N people, 30 % without time for network work, the others 2, 4 or
 * 8 hours a week over 46 weeks, each holding 1–3 of C competences (some
 * competences rare) at level 1, 2 or 3 (50/35/15 %); M opdrachten, 70 %
 * lokaal, 25 % of 2–4 principals, 5 % regional (every organisation, weighted
 * by size), each needing 1–3 competences at a level, 600–24000 minutes
 * split over them. Deterministic for a seed.
 *
 * Times are the best of --repeat runs of matching_solve (network building
 * and splitting back included), as wall time and as the process's CPU time
 * (the fairer figure on a machine shared with other work).
 *
 * --lp writes the same problem as the plain bipartite LP over every
 * qualified (person, need) pair, first stage: maximise the minutes covered.
 * --lp-cost writes the second stage: the least cost G·(level gap) + rank
 * with at least F minutes covered (F: glpsol's first-stage optimum). Both
 * carry the drawing-rights caps F(n) of the network samen solved last, so
 * that the two solvers answer exactly the same question. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/matching.h"

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;
static unsigned long long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}
static long long between(long long lo, long long hi) { return lo + (long long)(rnd() % (unsigned long long)(hi - lo + 1)); }

static double clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static void *must(void *p)
{
	if (!p) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	return p;
}

static long long opt_num(const char *v)
{
	char *end;
	long long x = strtoll(v, &end, 10);
	if (*end || x < 0) {
		fprintf(stderr, "gen: '%s' is not a number\n", v);
		exit(2);
	}
	return x;
}

struct instance {
	struct matching_input in;
	struct matching_org *orgs;
	struct matching_person *people;
	struct matching_skill *skills;
	struct matching_opdracht *opdrachten;
	struct matching_principal *principals;
	struct matching_need *needs;
};

static void generate(struct instance *x, size_t norgs, size_t nstaff, size_t nopdr, int ncomp)
{
	memset(x, 0, sizeof(*x));
	x->orgs = must(calloc(norgs, sizeof(*x->orgs)));
	x->people = must(calloc(nstaff, sizeof(*x->people)));
	x->skills = must(calloc(3 * nstaff, sizeof(*x->skills)));
	x->opdrachten = must(calloc(nopdr, sizeof(*x->opdrachten)));
	x->principals = must(calloc(nopdr * 4 + (nopdr / 20 + 1) * norgs, sizeof(*x->principals)));
	x->needs = must(calloc(3 * nopdr, sizeof(*x->needs)));
	long long *size = must(calloc(norgs, sizeof(*size))), total = 0;
	for (size_t i = 0; i < norgs; i++) {
		size[i] = between(1, 10) * between(1, 10); /* a few big ones, many small */
		total += size[i];
		x->orgs[i].saldo = between(-20000, 20000);
		x->orgs[i].available = between(0, 9) == 0 ? 0 : between(0, 200000);
	}
	for (size_t p = 0; p < nstaff; p++) {
		long long r = between(0, total - 1);
		size_t o = 0;
		while (r >= size[o])
			r -= size[o++];
		static const int hours[] = { 0, 0, 0, 2, 4, 4, 8, 8, 4, 2 };
		struct matching_person *q = &x->people[p];
		q->org = (int32_t)o;
		q->minutes = hours[between(0, 9)] * 60LL * 46;
		q->first_skill = x->in.nskills;
		int k = (int)between(1, 3);
		for (int j = 0; j < k; j++) {
			/* rarer competences at the end: the square of a uniform draw */
			long long u = between(0, 999);
			int32_t c = (int32_t)(u * u * ncomp / 1000000);
			int dup = 0;
			for (size_t s = q->first_skill; s < x->in.nskills; s++)
				dup |= x->skills[s].competence == c;
			if (dup)
				continue;
			long long l = between(1, 100);
			x->skills[x->in.nskills++] = (struct matching_skill){ c, l <= 50 ? 1 : l <= 85 ? 2 : 3 };
			q->nskills++;
		}
	}
	for (size_t j = 0; j < nopdr; j++) {
		struct matching_opdracht *o = &x->opdrachten[j];
		o->first_principal = x->in.nprincipals;
		long long kind = between(1, 100);
		if (kind <= 70 || norgs < 2) {
			x->principals[x->in.nprincipals++] = (struct matching_principal){ (int32_t)between(0, (long long)norgs - 1), 1 };
		} else if (kind <= 95) {
			int k = (int)between(2, norgs < 4 ? (long long)norgs : 4);
			size_t first = (size_t)between(0, (long long)norgs - 1);
			for (int i = 0; i < k; i++)
				x->principals[x->in.nprincipals++] =
					(struct matching_principal){ (int32_t)((first + (size_t)i * 7) % norgs), between(1, 5) };
			/* 7 steps apart: distinct while k·7 < norgs, else fall back to one */
			for (size_t a = o->first_principal; a < x->in.nprincipals; a++)
				for (size_t b = o->first_principal; b < a; b++)
					if (x->principals[a].org == x->principals[b].org)
						x->in.nprincipals = o->first_principal + 1;
		} else {
			for (size_t i = 0; i < norgs; i++)
				x->principals[x->in.nprincipals++] = (struct matching_principal){ (int32_t)i, size[i] };
		}
		o->nprincipals = x->in.nprincipals - o->first_principal;
		int k = (int)between(1, 3);
		long long minutes = between(10, 400) * 60, c0 = between(0, ncomp - 1);
		for (int i = 0; i < k; i++) {
			long long l = between(1, 10);
			x->needs[x->in.nneeds++] = (struct matching_need){ (int32_t)j, (int32_t)((c0 + i * 5) % ncomp),
									   l <= 4 ? 1 : l <= 8 ? 2 : 3, minutes / k };
		}
	}
	free(size);
	x->in.norgs = norgs;
	x->in.npeople = nstaff;
	x->in.nopdrachten = nopdr;
	x->in.ncompetences = ncomp;
	x->in.orgs = x->orgs;
	x->in.people = x->people;
	x->in.skills = x->skills;
	x->in.opdrachten = x->opdrachten;
	x->in.principals = x->principals;
	x->in.needs = x->needs;
}

/* The qualified pairs, need by need: the person's lowest level ≥ the need's. */
struct pairs {
	size_t n;
	int32_t *person, *need;
	long long *cost;
};

static void pairs_build(const struct matching_input *in, const struct matching_result *r, struct pairs *pr, int count_only)
{
	/* per competence the people holding it, with their level */
	size_t *start = must(calloc((size_t)in->ncompetences + 1, sizeof(*start)));
	for (size_t s = 0; s < in->nskills; s++)
		start[in->skills[s].competence + 1]++;
	for (int32_t c = 0; c < in->ncompetences; c++)
		start[c + 1] += start[c];
	int32_t *who = must(malloc((in->nskills + 1) * sizeof(*who))), *lvl = must(malloc((in->nskills + 1) * sizeof(*lvl)));
	size_t *fill = must(malloc(((size_t)in->ncompetences + 1) * sizeof(*fill)));
	memcpy(fill, start, ((size_t)in->ncompetences + 1) * sizeof(*fill));
	for (size_t p = 0; p < in->npeople; p++) {
		if (in->people[p].minutes <= 0)
			continue;
		for (size_t k = 0; k < in->people[p].nskills; k++) {
			const struct matching_skill *s = &in->skills[in->people[p].first_skill + k];
			who[fill[s->competence]] = (int32_t)p;
			lvl[fill[s->competence]++] = s->level;
		}
	}
	memset(pr, 0, sizeof(*pr));
	size_t alloc = 0;
	for (size_t n = 0; n < in->nneeds; n++) {
		const struct matching_need *nd = &in->needs[n];
		for (size_t e = start[nd->competence]; e < fill[nd->competence]; e++) {
			if (lvl[e] < nd->level)
				continue;
			if (!count_only) {
				if (pr->n == alloc) {
					alloc = alloc ? 2 * alloc : 1 << 16;
					pr->person = must(realloc(pr->person, alloc * sizeof(*pr->person)));
					pr->need = must(realloc(pr->need, alloc * sizeof(*pr->need)));
					pr->cost = must(realloc(pr->cost, alloc * sizeof(*pr->cost)));
				}
				pr->person[pr->n] = who[e];
				pr->need[pr->n] = (int32_t)n;
				pr->cost[pr->n] = r->level_weight * (lvl[e] - nd->level) + r->rank[in->people[who[e]].org];
			}
			pr->n++;
		}
	}
	free(start);
	free(who);
	free(lvl);
	free(fill);
}

static void write_row(FILE *f, const char *name, size_t idx, const size_t *vars, size_t n, const char *op, long long rhs)
{
	if (!n)
		return;
	fprintf(f, " %s%zu:", name, idx);
	for (size_t k = 0; k < n; k++)
		fprintf(f, "%s x%zu%s", k ? " +" : "", vars[k], k % 12 == 11 ? "\n" : "");
	fprintf(f, " %s %lld\n", op, rhs);
}

/* Stage 1 (cost_stage 0): maximise Σ x. Stage 2: minimise Σ cost·x with Σ x ≥ flow. */
static void write_lp(const char *path, const struct matching_input *in, const struct matching_result *r,
		     const struct pairs *pr, int cost_stage, long long flow)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fprintf(f, "\\ samen matching, %s\n%s\n obj:", cost_stage ? "stage 2: least cost" : "stage 1: most minutes",
		cost_stage ? "Minimize" : "Maximize");
	for (size_t k = 0; k < pr->n; k++)
		fprintf(f, " + %lld x%zu%s", cost_stage ? pr->cost[k] : 1, k, k % 12 == 11 ? "\n" : "");
	fprintf(f, "\nSubject To\n");
	/* rows per person, per need, per need's foreign part */
	size_t *vars = must(malloc((pr->n + 1) * sizeof(*vars)));
	size_t *pstart = must(calloc(in->npeople + 1, sizeof(*pstart)));
	for (size_t k = 0; k < pr->n; k++)
		pstart[pr->person[k] + 1]++;
	for (size_t p = 0; p < in->npeople; p++)
		pstart[p + 1] += pstart[p];
	size_t *pfill = must(malloc((in->npeople + 1) * sizeof(*pfill)));
	memcpy(pfill, pstart, (in->npeople + 1) * sizeof(*pfill));
	for (size_t k = 0; k < pr->n; k++)
		vars[pfill[pr->person[k]]++] = k;
	for (size_t p = 0; p < in->npeople; p++)
		write_row(f, "p", p, vars + pstart[p], pstart[p + 1] - pstart[p], "<=", in->people[p].minutes);
	size_t k = 0;
	for (size_t n = 0; n < in->nneeds; n++) {
		size_t first = k, nf = 0;
		while (k < pr->n && (size_t)pr->need[k] == n)
			k++;
		for (size_t i = first; i < k; i++)
			vars[i - first] = i;
		write_row(f, "n", n, vars, k - first, "<=", in->needs[n].minutes);
		for (size_t i = first; i < k; i++)
			if (matching_is_foreign(in, pr->person[i], (int32_t)n))
				vars[nf++] = i;
		write_row(f, "f", n, vars, nf, "<=", r->foreign_cap[n]);
	}
	if (cost_stage) {
		for (size_t i = 0; i < pr->n; i++)
			vars[i] = i;
		write_row(f, "flow", 0, vars, pr->n, ">=", flow);
	}
	fprintf(f, "End\n");
	fclose(f);
	free(vars);
	free(pstart);
	free(pfill);
}

int main(int argc, char **argv)
{
	size_t norgs = 342, nstaff = 150000, nopdr = 5000;
	int ncomp = 80, repeat = 1;
	const char *lp = NULL, *lp_cost = NULL;
	long long flow = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) {
			fprintf(stderr, "gen: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (!strcmp(a, "--orgs"))
			norgs = (size_t)opt_num(v);
		else if (!strcmp(a, "--staff"))
			nstaff = (size_t)opt_num(v);
		else if (!strcmp(a, "--opdrachten"))
			nopdr = (size_t)opt_num(v);
		else if (!strcmp(a, "--competences"))
			ncomp = (int)opt_num(v);
		else if (!strcmp(a, "--seed"))
			rng_state ^= (unsigned long long)opt_num(v) * 0x2545f4914f6cdd1dULL;
		else if (!strcmp(a, "--repeat"))
			repeat = (int)opt_num(v);
		else if (!strcmp(a, "--lp"))
			lp = v;
		else if (!strcmp(a, "--lp-cost"))
			lp_cost = v;
		else if (!strcmp(a, "--flow"))
			flow = opt_num(v);
		else {
			fprintf(stderr, "gen: unknown option %s\n", a);
			return 2;
		}
	}
	if (!norgs || !nstaff || !nopdr || ncomp < 1 || repeat < 1 || (lp_cost && flow < 0)) {
		fprintf(stderr, "gen: sizes must be positive; --lp-cost needs --flow\n");
		return 2;
	}
	struct instance x;
	double t0 = now();
	generate(&x, norgs, nstaff, nopdr, ncomp);
	double gen_s = now() - t0, best = 0, best_cpu = 0;
	struct matching_result r;
	memset(&r, 0, sizeof(r));
	for (int k = 0; k < repeat; k++) {
		char err[256];
		matching_result_release(&r);
		t0 = now();
		double c0 = cpu();
		if (matching_solve(&x.in, &r, err, sizeof(err)) < 0) {
			fprintf(stderr, "gen: %s\n", err);
			return 1;
		}
		double t = now() - t0, c = cpu() - c0;
		if (k == 0 || t < best)
			best = t;
		if (k == 0 || c < best_cpu)
			best_cpu = c;
	}
	struct pairs pr;
	pairs_build(&x.in, &r, &pr, !(lp || lp_cost));
	printf("orgs %zu\nstaff %zu\nopdrachten %zu\nneeds %zu\nskills %zu\ncompetences %d\n", norgs, nstaff, nopdr,
	       x.in.nneeds, x.in.nskills, ncomp);
	printf("generate_s %.3f\nsolve_s %.3f\nsolve_cpu_s %.3f\nnodes %lld\narcs %lld\npairs %zu\nrounds %d\nphases %lld\naugmentations %lld\n",
	       gen_s, best, best_cpu, r.nodes, r.arcs, pr.n, r.rounds, r.phases, r.augmentations);
	printf("needed %lld\nflow %lld\ncost %lld\nassigned %lld\ntrimmed %lld\noverqualified %lld\nranks %d\nG %lld\n"
	       "assignments %zu\n",
	       (long long)r.needed, (long long)r.flow, (long long)r.cost, (long long)r.assigned, (long long)r.trimmed,
	       (long long)r.overqualified, r.nranks, (long long)r.level_weight, r.nassignments);
	if (lp)
		write_lp(lp, &x.in, &r, &pr, 0, 0);
	if (lp_cost)
		write_lp(lp_cost, &x.in, &r, &pr, 1, flow);
	matching_result_release(&r);
	free(pr.person);
	free(pr.need);
	free(pr.cost);
	free(x.orgs);
	free(x.people);
	free(x.skills);
	free(x.opdrachten);
	free(x.principals);
	free(x.needs);
	return 0;
}
