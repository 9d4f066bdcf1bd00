#include <stdio.h>
#include "core/scoring.h"

const char *const scoring_tier_names[] = { "zeer-kansrijk", "kansrijk", "kansrijk-op-termijn", "niet-kansrijk", NULL };

static long long gcd(long long a, long long b)
{
	if (a < 0)
		a = -a;
	while (b) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a ? a : 1;
}

static struct score_frac frac(long long num, long long den)
{
	struct score_frac f = { num, den };
	if (den > 0) {
		long long g = gcd(num, den);
		f.num /= g;
		f.den /= g;
	}
	return f;
}

int score_frac_cmp(struct score_frac a, struct score_frac b)
{
	long long l = a.num * b.den, r = b.num * a.den;
	return (l > r) - (l < r);
}

long long score_frac_hundredths(struct score_frac f)
{
	if (f.den <= 0)
		return 0;
	return (200 * f.num + f.den) / (2 * f.den);
}

int score_frac_at_least(struct score_frac f, long long hundredths) { return f.den > 0 && 100 * f.num >= hundredths * f.den; }

void scoring_thresholds_default(struct scoring_thresholds *t)
{
	t->mean[TIER_ZEER_KANSRIJK] = 400;
	t->lowest[TIER_ZEER_KANSRIJK] = 300;
	t->mean[TIER_KANSRIJK] = 325;
	t->lowest[TIER_KANSRIJK] = 200;
	t->mean[TIER_OP_TERMIJN] = 250;
	t->lowest[TIER_OP_TERMIJN] = 100;
}

int scoring_thresholds_check(const struct scoring_thresholds *t, char *why, size_t whylen)
{
	for (int i = 0; i < 3; i++) {
		if (t->mean[i] < 100 || t->mean[i] > 500 || t->lowest[i] < 100 || t->lowest[i] > 500) {
			snprintf(why, whylen, "drempels liggen tussen 100 en 500 (honderdsten van een scorepunt)");
			return -1;
		}
		if (i > 0 && (t->mean[i] > t->mean[i - 1] || t->lowest[i] > t->lowest[i - 1])) {
			snprintf(why, whylen, "de drempels van '%s' mogen niet hoger zijn dan die van '%s'",
				 scoring_tier_names[i], scoring_tier_names[i - 1]);
			return -1;
		}
	}
	return 0;
}

enum scoring_tier scoring_classify(struct score_frac mean, struct score_frac lowest, const struct scoring_thresholds *t)
{
	if (mean.den <= 0)
		return TIER_NONE;
	for (int i = 0; i < 3; i++)
		if (score_frac_at_least(mean, t->mean[i]) && score_frac_at_least(lowest, t->lowest[i]))
			return (enum scoring_tier)i;
	return TIER_NIET_KANSRIJK;
}

int scoring_evaluate(const int *weights, int n_crit, const int *scores, int n_orgs, const struct scoring_thresholds *t,
		     struct scoring_result *out, struct score_frac *per_org)
{
	if (n_crit < 1 || n_crit > SCORING_MAX_CRITERIA || n_orgs < 0 || n_orgs > SCORING_MAX_ORGS)
		return -1;
	for (int c = 0; c < n_crit; c++)
		if (weights[c] < 1 || weights[c] > SCORING_MAX_WEIGHT)
			return -1;
	for (int i = 0; i < n_orgs * n_crit; i++)
		if (scores[i] != 0 && (scores[i] < SCORE_MIN || scores[i] > SCORE_MAX))
			return -1;

	struct scoring_result r = { 0 };
	r.lowest_org = r.highest_org = -1;
	long long all_num = 0, all_den = 0;
	for (int o = 0; o < n_orgs; o++) {
		long long num = 0, den = 0;
		for (int c = 0; c < n_crit; c++) {
			int s = scores[o * n_crit + c];
			if (!s) {
				r.missing++;
				continue;
			}
			num += (long long)weights[c] * s;
			den += weights[c];
		}
		struct score_frac sp = den ? frac(num, den) : (struct score_frac){ 0, 0 };
		if (per_org)
			per_org[o] = sp;
		if (!den)
			continue;
		r.partners_scored++;
		all_num += num;
		all_den += den;
		if (r.lowest_org < 0 || score_frac_cmp(sp, r.lowest) < 0)
			r.lowest = sp, r.lowest_org = o;
		if (r.highest_org < 0 || score_frac_cmp(sp, r.highest) > 0)
			r.highest = sp, r.highest_org = o;
	}
	if (all_den) {
		r.mean = frac(all_num, all_den);
		r.spread = frac(r.highest.num * r.lowest.den - r.lowest.num * r.highest.den, r.highest.den * r.lowest.den);
	}
	r.tier = scoring_classify(r.mean, r.lowest, t);
	*out = r;
	return 0;
}

int survey_evaluate(const struct survey_answer *a, int n, int partners, struct survey_result *out)
{
	if (n < 0 || partners < 1 || n > partners)
		return -1;
	struct survey_result r = { 0 };
	long long prod = 0, kn = 0, mw = 0;
	for (int i = 0; i < n; i++) {
		if (a[i].knelpunt < SCORE_MIN || a[i].knelpunt > SCORE_MAX || a[i].meerwaarde < SCORE_MIN ||
		    a[i].meerwaarde > SCORE_MAX)
			return -1;
		prod += (long long)a[i].knelpunt * a[i].meerwaarde;
		kn += a[i].knelpunt;
		mw += a[i].meerwaarde;
		r.quick += a[i].quick != 0;
	}
	r.answers = n;
	r.partners = partners;
	r.quick_win = 2 * r.quick > partners;
	r.priority = frac(prod, partners);
	if (n) {
		r.knelpunt = frac(kn, n);
		r.meerwaarde = frac(mw, n);
	}
	*out = r;
	return 0;
}

int survey_compare(const struct survey_result *a, const struct survey_result *b)
{
	int c = score_frac_cmp(b->priority, a->priority);
	if (c)
		return c;
	return (b->quick > a->quick) - (b->quick < a->quick);
}
