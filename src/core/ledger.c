#include <stdlib.h>
#include <string.h>
#include "core/ledger.h"

const char *const ledger_kind_names[] = { "gebracht", "gehaald", "gestort", "pot", NULL };

int ledger_kind_parse(const char *name)
{
	for (int i = 0; name && ledger_kind_names[i]; i++)
		if (!strcmp(name, ledger_kind_names[i]))
			return i;
	return -1;
}

int64_t ledger_saldo(const struct ledger_balance *b) { return b->brought - b->taken + b->deposited; }

int64_t ledger_available(const struct ledger_balance *b, int64_t credit_limit)
{
	return ledger_saldo(b) + credit_limit - b->committed;
}

int ledger_can_draw(const struct ledger_balance *b, int64_t credit_limit, int64_t draw, int64_t *shortfall)
{
	int64_t after = ledger_available(b, credit_limit) - draw;
	if (shortfall)
		*shortfall = after < 0 ? -after : 0;
	return after >= 0;
}

struct remainder {
	int64_t rem;
	size_t index;
};

/* Larger remainder first; equal remainders keep the list order. */
static int by_remainder(const void *a, const void *b)
{
	const struct remainder *x = a, *y = b;
	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int ledger_split(int64_t total, const int64_t *weights, size_t n, int64_t *shares)
{
	if (total < 0 || total > LEDGER_MAX_SPLIT || n < 1 || n > LEDGER_MAX_PARTIES)
		return -1;
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (weights[i] < 0 || weights[i] > LEDGER_MAX_SPLIT)
			return -1;
		sum += weights[i];
	}
	if (sum <= 0)
		return -1;
	struct remainder rems[LEDGER_MAX_PARTIES];
	int64_t given = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t q = total * weights[i]; /* < 2^62 by the bounds */
		shares[i] = q / sum;
		rems[i].rem = q % sum;
		rems[i].index = i;
		given += shares[i];
	}
	int64_t left = total - given; /* < n: each floor lost less than one */
	if (left > 0) {
		qsort(rems, n, sizeof(rems[0]), by_remainder);
		for (int64_t k = 0; k < left; k++)
			shares[rems[k].index]++;
	}
	return 0;
}

static int principals_valid(const int32_t *principals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (principals[i] < 0)
			return 0;
		for (size_t j = 0; j < i; j++)
			if (principals[j] == principals[i])
				return 0;
	}
	return 1;
}

int ledger_hours(int32_t provider, int64_t minutes, const int32_t *principals, const int64_t *weights, size_t n,
		 struct ledger_posting *out, int64_t *shares)
{
	int64_t local[LEDGER_MAX_PARTIES];
	int64_t *sh = shares ? shares : local;
	if (provider < 0 || minutes < 0 || !principals_valid(principals, n) || ledger_split(minutes, weights, n, sh) < 0)
		return -1;
	int64_t brought = 0;
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (principals[i] == provider || sh[i] == 0)
			continue;
		brought += sh[i];
		out[++count] = (struct ledger_posting){ principals[i], LEDGER_TAKEN, -sh[i] };
	}
	if (count == 0)
		return 0;
	out[0] = (struct ledger_posting){ provider, LEDGER_BROUGHT, brought };
	return count + 1;
}

int ledger_commitments(int32_t provider, int64_t minutes, const int32_t *principals, const int64_t *weights, size_t n,
		       int64_t *commit)
{
	if (provider < 0 || minutes < 0 || !principals_valid(principals, n) || ledger_split(minutes, weights, n, commit) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (principals[i] == provider)
			commit[i] = 0;
	return 0;
}

int ledger_deposit(int64_t cents, int64_t rate, struct ledger_deposit *out)
{
	if (cents <= 0 || cents > LEDGER_MAX_CENTS || rate <= 0 || rate > LEDGER_MAX_RATE)
		return -1;
	int64_t scaled = cents * 60; /* cent-minutes per hour */
	out->minutes = scaled / rate;
	out->rest_cents = (scaled - out->minutes * rate) / 60;
	out->converted_cents = cents - out->rest_cents;
	return 0;
}

size_t ledger_deposit_postings(int32_t member, const struct ledger_deposit *d, struct ledger_posting *out)
{
	if (d->minutes == 0)
		return 0;
	out[0] = (struct ledger_posting){ member, LEDGER_DEPOSITED, d->minutes };
	out[1] = (struct ledger_posting){ LEDGER_POT, LEDGER_POT_KIND, -d->minutes };
	return 2;
}

int64_t ledger_money(int64_t minutes, int64_t rate)
{
	if (rate <= 0 || rate > LEDGER_MAX_RATE || minutes > LEDGER_MAX_BALANCE || minutes < -LEDGER_MAX_BALANCE)
		return 0;
	int64_t m = minutes < 0 ? -minutes : minutes;
	int64_t c = (m * rate + 30) / 60;
	return minutes < 0 ? -c : c;
}

int ledger_apply(struct ledger_balance *balances, size_t nmembers, const struct ledger_posting *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].member == LEDGER_POT ? t[i].kind != LEDGER_POT_KIND
					      : (t[i].member < 0 || (size_t)t[i].member >= nmembers ||
						 t[i].kind == LEDGER_POT_KIND || (unsigned)t[i].kind >= LEDGER__KINDS))
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (t[i].member == LEDGER_POT)
			continue;
		struct ledger_balance *b = &balances[t[i].member];
		switch (t[i].kind) {
		case LEDGER_BROUGHT: b->brought += t[i].minutes; break;
		case LEDGER_TAKEN: b->taken -= t[i].minutes; break;
		case LEDGER_DEPOSITED: b->deposited += t[i].minutes; break;
		default: break;
		}
	}
	return 0;
}

int ledger_balanced(const struct ledger_posting *t, size_t n)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += t[i].minutes;
	return sum == 0;
}

void ledger_reverse(const struct ledger_posting *t, size_t n, struct ledger_posting *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (struct ledger_posting){ t[i].member, t[i].kind, -t[i].minutes };
}

size_t ledger_settle(const struct ledger_balance *asof, size_t n, struct ledger_posting *out)
{
	size_t k = 0;
	int64_t pot = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t m = (int32_t)i;
		if (asof[i].brought)
			out[k++] = (struct ledger_posting){ m, LEDGER_BROUGHT, -asof[i].brought };
		if (asof[i].taken)
			out[k++] = (struct ledger_posting){ m, LEDGER_TAKEN, asof[i].taken };
		if (asof[i].deposited)
			out[k++] = (struct ledger_posting){ m, LEDGER_DEPOSITED, -asof[i].deposited };
		pot += ledger_saldo(&asof[i]);
	}
	if (pot)
		out[k++] = (struct ledger_posting){ LEDGER_POT, LEDGER_POT_KIND, pot };
	return k;
}
