/* Choosing what to cooperate on: exact scoring tiers (weights, missing
 * scores, thresholds on the boundary, the lowest partner) and the survey
 * ranking; STAAN's 2012 table as the demo holds it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/scoring.h"

static struct scoring_thresholds defaults(void)
{
	struct scoring_thresholds t;
	scoring_thresholds_default(&t);
	return t;
}

static void test_hundredths_round_half_up(void **state)
{
	assert_int_equal(score_frac_hundredths((struct score_frac){ 11, 3 }), 367); /* 3,666… */
	assert_int_equal(score_frac_hundredths((struct score_frac){ 10, 3 }), 333); /* 3,333… */
	assert_int_equal(score_frac_hundredths((struct score_frac){ 7, 2 }), 350);
	assert_int_equal(score_frac_hundredths((struct score_frac){ 649, 200 }), 325); /* 3,245 exactly: half up */
	assert_int_equal(score_frac_hundredths((struct score_frac){ 1, 200 }), 1);
	assert_int_equal(score_frac_hundredths((struct score_frac){ 0, 1 }), 0);
	assert_int_equal(score_frac_hundredths((struct score_frac){ 5, 0 }), 0); /* no value */
	assert_true(score_frac_at_least((struct score_frac){ 13, 4 }, 325));
	assert_false(score_frac_at_least((struct score_frac){ 649, 200 }, 325));
	assert_false(score_frac_at_least((struct score_frac){ 0, 0 }, 100));
	assert_int_equal(score_frac_cmp((struct score_frac){ 2, 4 }, (struct score_frac){ 1, 2 }), 0);
	assert_true(score_frac_cmp((struct score_frac){ 2, 3 }, (struct score_frac){ 3, 5 }) > 0);
}

static void test_thresholds(void **state)
{
	struct scoring_thresholds t = defaults();
	char why[200];
	assert_int_equal(t.mean[TIER_ZEER_KANSRIJK], 400);
	assert_int_equal(t.lowest[TIER_ZEER_KANSRIJK], 300);
	assert_int_equal(t.mean[TIER_KANSRIJK], 325);
	assert_int_equal(t.lowest[TIER_KANSRIJK], 200);
	assert_int_equal(t.mean[TIER_OP_TERMIJN], 250);
	assert_int_equal(t.lowest[TIER_OP_TERMIJN], 100);
	assert_int_equal(scoring_thresholds_check(&t, why, sizeof(why)), 0);
	t.mean[TIER_KANSRIJK] = 410; /* above zeer kansrijk */
	assert_int_equal(scoring_thresholds_check(&t, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "kansrijk"));
	t = defaults();
	t.lowest[TIER_OP_TERMIJN] = 99;
	assert_int_equal(scoring_thresholds_check(&t, why, sizeof(why)), -1);
	t = defaults();
	t.mean[TIER_ZEER_KANSRIJK] = 501;
	assert_int_equal(scoring_thresholds_check(&t, why, sizeof(why)), -1);
	t = defaults();
	t.mean[TIER_KANSRIJK] = t.mean[TIER_ZEER_KANSRIJK]; /* equal is allowed */
	assert_int_equal(scoring_thresholds_check(&t, why, sizeof(why)), 0);
	assert_string_equal(scoring_tier_names[TIER_OP_TERMIJN], "kansrijk-op-termijn");
	assert_string_equal(scoring_tier_names[TIER_NIET_KANSRIJK], "niet-kansrijk");
}

static void test_weighted_partner_scores(void **state)
{
	struct scoring_thresholds t = defaults();
	int w[] = { 3, 1 };
	int s[] = { 5, 1,   /* (15 + 1) / 4 = 4: equal weights would give 3 */
		    4, 2 }; /* (12 + 2) / 4 = 3,5 */
	struct scoring_result r;
	struct score_frac per[2];
	assert_int_equal(scoring_evaluate(w, 2, s, 2, &t, &r, per), 0);
	assert_int_equal(score_frac_hundredths(per[0]), 400);
	assert_int_equal(score_frac_hundredths(per[1]), 350);
	assert_int_equal(score_frac_hundredths(r.mean), 375); /* 30 / 8 */
	assert_int_equal(r.lowest_org, 1);
	assert_int_equal(score_frac_hundredths(r.lowest), 350);
	assert_int_equal(r.highest_org, 0);
	assert_int_equal(score_frac_hundredths(r.spread), 50);
	assert_int_equal(r.partners_scored, 2);
	assert_int_equal(r.missing, 0);
	assert_int_equal(r.tier, TIER_KANSRIJK); /* 3,75: not 4,00 */
}

static void test_boundaries_are_inclusive(void **state)
{
	struct scoring_thresholds t = defaults();
	int w[] = { 1 };
	struct scoring_result r;
	/* Mean exactly 4,00 and the lowest partner exactly 3,00: zeer kansrijk. */
	int a[] = { 5, 3, 4 };
	assert_int_equal(scoring_evaluate(w, 1, a, 3, &t, &r, NULL), 0);
	assert_int_equal(score_frac_hundredths(r.mean), 400);
	assert_int_equal(r.tier, TIER_ZEER_KANSRIJK);
	/* Mean exactly 3,25: kansrijk. */
	int b[] = { 4, 3, 3, 3 };
	assert_int_equal(scoring_evaluate(w, 1, b, 4, &t, &r, NULL), 0);
	assert_int_equal(score_frac_hundredths(r.mean), 325);
	assert_int_equal(r.tier, TIER_KANSRIJK);
	/* Mean 3,245 shows as 3,25 when rounded but is below the threshold:
	 * the tier is decided on the exact value. */
	int c[200];
	for (int i = 0; i < 200; i++)
		c[i] = i < 151 ? 3 : 4; /* 151·3 + 49·4 = 649 */
	assert_int_equal(scoring_evaluate(w, 1, c, 200, &t, &r, NULL), 0);
	assert_int_equal(r.mean.num * 200, 649 * r.mean.den);
	assert_int_equal(score_frac_hundredths(r.mean), 325);
	assert_int_equal(r.tier, TIER_OP_TERMIJN);
	/* Exactly 2,50 is still kansrijk op termijn; just below is not. */
	int d[] = { 2, 3 };
	assert_int_equal(scoring_evaluate(w, 1, d, 2, &t, &r, NULL), 0);
	assert_int_equal(r.tier, TIER_OP_TERMIJN);
	int e[] = { 2, 3, 2, 2 }; /* 2,25 */
	assert_int_equal(scoring_evaluate(w, 1, e, 4, &t, &r, NULL), 0);
	assert_int_equal(r.tier, TIER_NIET_KANSRIJK);
}

static void test_lowest_partner_holds_back(void **state)
{
	/* A high mean with one partner far below: the stuurgroep sees it and
	 * the task field is not zeer kansrijk. */
	struct scoring_thresholds t = defaults();
	int w[] = { 1 };
	int s[] = { 5, 5, 5, 2 }; /* mean 4,25, lowest 2 */
	struct scoring_result r;
	assert_int_equal(scoring_evaluate(w, 1, s, 4, &t, &r, NULL), 0);
	assert_int_equal(score_frac_hundredths(r.mean), 425);
	assert_int_equal(r.lowest_org, 3);
	assert_int_equal(score_frac_hundredths(r.spread), 300);
	assert_int_equal(r.tier, TIER_KANSRIJK);
	/* A lowest below kansrijk's 2,00 drops it further. */
	int u[] = { 5, 5, 5, 1 };
	assert_int_equal(scoring_evaluate(w, 1, u, 4, &t, &r, NULL), 0);
	assert_int_equal(r.tier, TIER_OP_TERMIJN);
	/* Configurable: a stuurgroep that ignores the lowest partner. */
	t.lowest[0] = t.lowest[1] = t.lowest[2] = 100;
	assert_int_equal(scoring_evaluate(w, 1, s, 4, &t, &r, NULL), 0);
	assert_int_equal(r.tier, TIER_ZEER_KANSRIJK);
}

static void test_missing_scores(void **state)
{
	struct scoring_thresholds t = defaults();
	int w[] = { 2, 1 };
	int s[] = { 4, 0,   /* partner 0 scored one criterion: S = 4 */
		    0, 0,   /* partner 1 nothing: not in mean, lowest or spread */
		    5, 2 }; /* partner 2: (10 + 2) / 3 = 4 */
	struct scoring_result r;
	struct score_frac per[3];
	assert_int_equal(scoring_evaluate(w, 2, s, 3, &t, &r, per), 0);
	assert_int_equal(r.missing, 3);
	assert_int_equal(r.partners_scored, 2);
	assert_int_equal(per[1].den, 0);
	/* Pooled: (8 + 10 + 2) / (2 + 3) = 4. */
	assert_int_equal(score_frac_hundredths(r.mean), 400);
	assert_int_equal(score_frac_hundredths(r.lowest), 400);
	assert_int_equal(score_frac_hundredths(r.spread), 0);
	assert_int_equal(r.tier, TIER_ZEER_KANSRIJK);
	/* Nobody scored: no tier. */
	int none[] = { 0, 0, 0, 0 };
	assert_int_equal(scoring_evaluate(w, 2, none, 2, &t, &r, per), 0);
	assert_int_equal(r.tier, TIER_NONE);
	assert_int_equal(r.lowest_org, -1);
	assert_int_equal(r.missing, 4);
	assert_int_equal(r.mean.den, 0);
}

static void test_ties_and_bad_input(void **state)
{
	struct scoring_thresholds t = defaults();
	int w[] = { 1 };
	int s[] = { 3, 3, 5 };
	struct scoring_result r;
	assert_int_equal(scoring_evaluate(w, 1, s, 3, &t, &r, NULL), 0);
	assert_int_equal(r.lowest_org, 0); /* the first of equals */
	int w0[] = { 0 };
	assert_int_equal(scoring_evaluate(w0, 1, s, 3, &t, &r, NULL), -1);
	int w101[] = { 101 };
	assert_int_equal(scoring_evaluate(w101, 1, s, 3, &t, &r, NULL), -1);
	int bad[] = { 3, 6, 5 };
	assert_int_equal(scoring_evaluate(w, 1, bad, 3, &t, &r, NULL), -1);
	int neg[] = { 3, -1, 5 };
	assert_int_equal(scoring_evaluate(w, 1, neg, 3, &t, &r, NULL), -1);
	assert_int_equal(scoring_evaluate(w, 0, s, 3, &t, &r, NULL), -1);
}

/* STAAN's werkconferentie (30 May 2012): the scores demo/besturing.json
 * holds give exactly the tiers of the seed's table. */
static void test_staan_2012(void **state)
{
	static const int w[] = { 2, 1, 1, 1, 2 }; /* ambitie, belangen, vertrouwen, draagvlak, binnen 2 jaar */
	static const struct {
		const char *taakveld;
		int s[4][5];
		enum scoring_tier tier;
		int mean, lowest;
	} rows[] = {
		{ "belastingen",
		  { { 5, 5, 5, 4, 5 }, { 5, 4, 4, 4, 5 }, { 5, 5, 4, 4, 5 }, { 4, 4, 4, 4, 5 } },
		  TIER_ZEER_KANSRIJK,
		  461,
		  429 },
		{ "inkoop",
		  { { 4, 4, 4, 4, 5 }, { 5, 4, 4, 4, 4 }, { 4, 4, 5, 4, 4 }, { 4, 5, 4, 4, 4 } },
		  TIER_ZEER_KANSRIJK,
		  421,
		  414 },
		{ "psa",
		  { { 5, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 }, { 5, 5, 4, 4, 5 }, { 4, 4, 4, 3, 4 } },
		  TIER_ZEER_KANSRIJK,
		  421,
		  386 },
		{ "materieel-ow",
		  { { 4, 4, 4, 4, 4 }, { 4, 5, 4, 4, 4 }, { 5, 4, 4, 4, 5 }, { 4, 4, 4, 4, 4 } },
		  TIER_ZEER_KANSRIJK,
		  418,
		  400 },
		{ "mobiliteit",
		  { { 5, 4, 4, 4, 4 }, { 4, 4, 4, 3, 4 }, { 5, 5, 4, 4, 4 }, { 4, 4, 4, 4, 4 } },
		  TIER_ZEER_KANSRIJK,
		  414,
		  386 },
		{ "repro",
		  { { 4, 4, 4, 4, 5 }, { 4, 4, 4, 4, 5 }, { 4, 4, 4, 4, 4 }, { 5, 4, 4, 4, 5 } },
		  TIER_ZEER_KANSRIJK,
		  429,
		  400 },
		{ "juridisch",
		  { { 4, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 }, { 4, 4, 5, 4, 4 }, { 4, 4, 4, 4, 4 } },
		  TIER_ZEER_KANSRIJK,
		  404,
		  400 },
		{ "vastgoed",
		  { { 4, 3, 4, 3, 3 }, { 3, 3, 4, 3, 3 }, { 4, 4, 3, 3, 4 }, { 3, 4, 3, 3, 3 } },
		  TIER_KANSRIJK,
		  336,
		  314 },
		{ "lean",
		  { { 5, 5, 5, 4, 4 }, { 5, 4, 5, 4, 4 }, { 5, 5, 4, 4, 5 }, { 3, 3, 3, 2, 2 } },
		  TIER_KANSRIJK,
		  407,
		  257 },
		{ "ict",
		  { { 4, 3, 3, 3, 1 }, { 4, 3, 3, 3, 2 }, { 5, 3, 3, 3, 2 }, { 3, 3, 3, 3, 1 } },
		  TIER_OP_TERMIJN,
		  286,
		  243 },
		{ "ingenieursbureau",
		  { { 3, 3, 3, 3, 2 }, { 3, 3, 4, 3, 2 }, { 4, 3, 3, 3, 2 }, { 3, 3, 3, 2, 2 } },
		  TIER_OP_TERMIJN,
		  279,
		  257 },
		{ "frontoffice-kcc",
		  { { 4, 3, 3, 3, 2 }, { 3, 3, 3, 3, 2 }, { 4, 4, 3, 3, 2 }, { 3, 3, 3, 3, 2 } },
		  TIER_OP_TERMIJN,
		  289,
		  271 },
		{ "transities-jeugdzorg-awbz",
		  { { 4, 3, 3, 3, 2 }, { 4, 3, 4, 3, 1 }, { 4, 4, 3, 3, 2 }, { 3, 3, 3, 3, 2 } },
		  TIER_OP_TERMIJN,
		  293,
		  271 },
	};
	struct scoring_thresholds t = defaults();
	int counts[4] = { 0 };
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct scoring_result r;
		assert_int_equal(scoring_evaluate(w, 5, &rows[i].s[0][0], 4, &t, &r, NULL), 0);
		if (r.tier != rows[i].tier || score_frac_hundredths(r.mean) != rows[i].mean ||
		    score_frac_hundredths(r.lowest) != rows[i].lowest)
			fail_msg("%s: tier %d mean %lld lowest %lld", rows[i].taakveld, r.tier, score_frac_hundredths(r.mean),
				 score_frac_hundredths(r.lowest));
		counts[r.tier]++;
	}
	assert_int_equal(counts[TIER_ZEER_KANSRIJK], 7);
	assert_int_equal(counts[TIER_KANSRIJK], 2);
	assert_int_equal(counts[TIER_OP_TERMIJN], 4);
}

static void test_survey(void **state)
{
	struct survey_answer a[] = { { 5, 5, 1 }, { 5, 4, 1 }, { 4, 5, 0 } };
	struct survey_result r;
	assert_int_equal(survey_evaluate(a, 3, 3, &r), 0);
	assert_int_equal(score_frac_hundredths(r.priority), 2167); /* (25 + 20 + 20) / 3 */
	assert_int_equal(score_frac_hundredths(r.knelpunt), 467);
	assert_int_equal(score_frac_hundredths(r.meerwaarde), 467);
	assert_int_equal(r.quick, 2);
	assert_true(r.quick_win); /* 2 of 3 */
	/* A partner that did not answer counts as 0. */
	struct survey_result one;
	assert_int_equal(survey_evaluate(a, 1, 3, &one), 0);
	assert_int_equal(score_frac_hundredths(one.priority), 833);
	assert_false(one.quick_win); /* 1 of 3 */
	assert_true(survey_compare(&r, &one) < 0);
	/* Equal priority: more quick-result votes first; then equal. */
	struct survey_answer b[] = { { 4, 4, 1 } }, c[] = { { 4, 4, 0 } };
	struct survey_result rb, rc;
	assert_int_equal(survey_evaluate(b, 1, 1, &rb), 0);
	assert_int_equal(survey_evaluate(c, 1, 1, &rc), 0);
	assert_true(survey_compare(&rb, &rc) < 0);
	assert_true(survey_compare(&rc, &rb) > 0);
	assert_int_equal(survey_compare(&rb, &rb), 0);
	/* Half is not more than half. */
	struct survey_answer d[] = { { 1, 1, 1 }, { 1, 1, 0 } };
	assert_int_equal(survey_evaluate(d, 2, 2, &r), 0);
	assert_false(r.quick_win);
	/* Nobody answered: priority 0, no means. */
	assert_int_equal(survey_evaluate(NULL, 0, 3, &r), 0);
	assert_int_equal(score_frac_hundredths(r.priority), 0);
	assert_int_equal(r.knelpunt.den, 0);
	/* Out of range. */
	struct survey_answer bad[] = { { 6, 1, 0 } };
	assert_int_equal(survey_evaluate(bad, 1, 1, &r), -1);
	assert_int_equal(survey_evaluate(a, 3, 2, &r), -1); /* more answers than partners */
	assert_int_equal(survey_evaluate(a, 0, 0, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hundredths_round_half_up),
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test(test_weighted_partner_scores),
		cmocka_unit_test(test_boundaries_are_inclusive),
		cmocka_unit_test(test_lowest_partner_holds_back),
		cmocka_unit_test(test_missing_scores),
		cmocka_unit_test(test_ties_and_bad_input),
		cmocka_unit_test(test_staan_2012),
		cmocka_unit_test(test_survey),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
