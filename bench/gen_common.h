/* What the benchmark generators share (bench/urenbank/gen.c, bench/http/gen.c):
 * a fixed-seed xorshift generator, a monotonic clock, and stopping on the
 * first store failure with its problem. Header-only: each generator is one
 * translation unit compiled by its run script. */
#ifndef SAMEN_BENCH_GEN_COMMON_H
#define SAMEN_BENCH_GEN_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/problem.h"

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
#endif
