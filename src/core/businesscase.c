#include <stdio.h>
#include <string.h>
#include "core/businesscase.h"

/* Products of cents and inhabitants exceed 64 bits; GCC and Clang have a
 * 128-bit integer on every platform samen builds on. */
__extension__ typedef __int128 i128;

const char *const bc_kind_names[] = { "investering", "kosten", "besparing", NULL };
const char *const bc_key_names[] = { "gelijk", "inwoners", "gebruik", NULL };

/* n / d rounded half away from zero; d > 0. */
static i128 div_round(i128 n, i128 d)
{
	i128 a = n < 0 ? -n : n;
	i128 q = (2 * a + d) / (2 * d);
	return n < 0 ? -q : q;
}

long long bc_discount(long long cents, int permille, int steps)
{
	i128 v = cents;
	for (int i = 0; i < steps; i++)
		v = div_round(v * 1000, 1000 + permille);
	return (long long)v;
}

int bc_allocate(long long cents, const long long *weights, int n, long long *out)
{
	i128 total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	if (total <= 0 || cents < 0)
		return -1;
	i128 rem[BC_MAX_ORGS];
	long long given = 0;
	for (int i = 0; i < n; i++) {
		i128 p = (i128)cents * weights[i];
		out[i] = (long long)(p / total);
		rem[i] = p % total;
		given += out[i];
	}
	/* The cents left over (fewer than n) go to the largest remainders. */
	for (long long left = cents - given; left > 0; left--) {
		int best = -1;
		for (int i = 0; i < n; i++)
			if (weights[i] > 0 && (best < 0 || rem[i] > rem[best]))
				best = i;
		if (best < 0)
			break;
		out[best]++;
		rem[best] = -1;
	}
	return 0;
}

static void add_amount(struct bc_result *r, enum bc_kind kind, int year, long long cents)
{
	struct bc_year *y = &r->years[year - 1];
	switch (kind) {
	case BC_INVESTERING: y->investering += cents; break;
	case BC_KOSTEN: y->kosten += cents; break;
	case BC_BESPARING: y->besparing += cents; break;
	}
}

static void finish(struct bc_result *r, int years, int permille)
{
	long long cum = 0;
	r->payback_year = 0;
	for (int y = 0; y < years; y++) {
		struct bc_year *yr = &r->years[y];
		yr->net = yr->besparing - yr->kosten - yr->investering;
		cum += yr->net;
		yr->cumulative = cum;
		yr->present = bc_discount(yr->net, permille, y);
		r->investering += yr->investering;
		r->kosten += yr->kosten;
		r->besparing += yr->besparing;
		r->net += yr->net;
		r->npv += yr->present;
		if (!r->payback_year && cum >= 0)
			r->payback_year = y + 1;
	}
	r->pays_back = r->payback_year > 0 && r->npv >= 0;
}

int bc_evaluate(const struct bc_input *in, struct bc_result *per_partner, struct bc_result *total, char *why, size_t whylen)
{
	if (in->years < 1 || in->years > BC_MAX_YEARS) {
		snprintf(why, whylen, "de periode is 1 tot %d jaar", BC_MAX_YEARS);
		return -1;
	}
	if (in->permille < 0 || in->permille > BC_MAX_PERMILLE) {
		snprintf(why, whylen, "het disconto ligt tussen 0 en %d promille", BC_MAX_PERMILLE);
		return -1;
	}
	if (in->n_partners < 1 || in->n_partners > BC_MAX_ORGS) {
		snprintf(why, whylen, "een businesscase heeft 1 tot %d deelnemers", BC_MAX_ORGS);
		return -1;
	}
	if (in->n_posts < 0 || in->n_posts > BC_MAX_POSTS) {
		snprintf(why, whylen, "hoogstens %d posten", BC_MAX_POSTS);
		return -1;
	}
	memset(per_partner, 0, sizeof(*per_partner) * (size_t)in->n_partners);
	memset(total, 0, sizeof(*total));
	long long weights[BC_MAX_ORGS], parts[BC_MAX_ORGS];
	for (int i = 0; i < in->n_posts; i++) {
		const struct bc_post *p = &in->posts[i];
		if (p->year < 1 || p->year > in->years) {
			snprintf(why, whylen, "post %d: het jaar ligt tussen 1 en %d (de periode)", i + 1, in->years);
			return -1;
		}
		if (p->cents < 0 || p->cents > BC_MAX_CENTS) {
			snprintf(why, whylen, "post %d: het bedrag ligt tussen 0 en %lld cent", i + 1, BC_MAX_CENTS);
			return -1;
		}
		if (p->org >= in->n_partners || p->org < -1) {
			snprintf(why, whylen, "post %d: onbekende deelnemer", i + 1);
			return -1;
		}
		if (p->org >= 0) {
			add_amount(&per_partner[p->org], p->kind, p->year, p->cents);
			continue;
		}
		for (int k = 0; k < in->n_partners; k++) {
			const struct bc_partner *o = &in->partners[k];
			weights[k] = p->key == BC_KEY_GELIJK ? 1 : p->key == BC_KEY_INWONERS ? o->inwoners : o->gebruik;
			if (weights[k] < 0) {
				snprintf(why, whylen, "post %d: het aantal inwoners van deelnemer %d is onbekend", i + 1, k + 1);
				return -1;
			}
		}
		if (bc_allocate(p->cents, weights, in->n_partners, parts) < 0) {
			snprintf(why, whylen, "post %d: de verdeelsleutel '%s' geeft alle deelnemers gewicht 0", i + 1,
				 bc_key_names[p->key]);
			return -1;
		}
		for (int k = 0; k < in->n_partners; k++)
			add_amount(&per_partner[k], p->kind, p->year, parts[k]);
	}
	int all = 1;
	for (int k = 0; k < in->n_partners; k++) {
		finish(&per_partner[k], in->years, in->permille);
		all &= per_partner[k].pays_back;
		for (int y = 0; y < in->years; y++) {
			total->years[y].investering += per_partner[k].years[y].investering;
			total->years[y].kosten += per_partner[k].years[y].kosten;
			total->years[y].besparing += per_partner[k].years[y].besparing;
		}
	}
	finish(total, in->years, in->permille);
	/* The total's npv is the sum of the partners' (each rounded per year),
	 * so the figures in a report add up. */
	total->npv = 0;
	for (int k = 0; k < in->n_partners; k++)
		total->npv += per_partner[k].npv;
	for (int y = 0; y < in->years; y++) {
		total->years[y].present = 0;
		for (int k = 0; k < in->n_partners; k++)
			total->years[y].present += per_partner[k].years[y].present;
	}
	total->pays_back = total->payback_year > 0 && total->npv >= 0;
	return all;
}
