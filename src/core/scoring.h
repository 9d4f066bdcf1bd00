/* scoring.h — choosing what to cooperate on: the ranking of a survey round
 * (verkenning, WOL 2007) and the scoring of candidate task fields on
 * weighted criteria by every partner (STAAN 2012). Pure arithmetic over
 * plain arrays; no allocation, no I/O.
 *
 * Exactness: every average is kept as a fraction (struct score_frac) and
 * compared by cross-multiplication, so a tier boundary is decided on the
 * exact value, never on a rounded one. Only for display a fraction is
 * rounded to hundredths, half up (all values here are non-negative).
 *
 * Scoring of one task field (scoring_evaluate):
 *   partner score   S_p = Σ_c w_c·s_pc / Σ_c w_c over the criteria p scored
 *   gemiddelde      Σ_p Σ_c w_c·s_pc / Σ_p Σ_c w_c over all given scores;
 *                   with complete scores this is the plain mean of the S_p
 *   laagste         the smallest S_p (ties: the lowest partner index)
 *   spreiding       max S_p − min S_p
 *   klasse          the first tier whose two thresholds are both met:
 *                   gemiddelde ≥ T.mean and laagste ≥ T.lowest; otherwise
 *                   niet-kansrijk; no score at all: TIER_NONE.
 * Missing scores (0) are left out and counted, never read as a 1 or a 3.
 *
 * Survey ranking of one task field (survey_evaluate):
 *   prioriteit      Σ knelpunt·meerwaarde / number of partners asked:
 *                   a partner that did not answer adds 0, so a task that
 *                   pinches in one municipality alone ranks below one that
 *                   pinches everywhere (range 0–25)
 *   snelleWinst     more than half of the partners asked expect a quick
 *                   result
 *   ranking         prioriteit, then snelResultaat votes, both descending. */
#ifndef SAMEN_CORE_SCORING_H
#define SAMEN_CORE_SCORING_H
#include <stddef.h>

#define SCORE_MIN 1
#define SCORE_MAX 5
#define SCORING_MAX_WEIGHT 100
#define SCORING_MAX_CRITERIA 20
#define SCORING_MAX_ORGS 512

/* num/den with den > 0; den == 0 means "no value". */
struct score_frac {
	long long num, den;
};

int score_frac_cmp(struct score_frac a, struct score_frac b); /* <0, 0, >0 */
/* The value ×100, rounded half up: 11/3 → 367, 7/2 → 350, 0/1 → 0. */
long long score_frac_hundredths(struct score_frac f);
/* Whether f ≥ hundredths/100, exactly. */
int score_frac_at_least(struct score_frac f, long long hundredths);

enum scoring_tier {
	TIER_NONE = -1, /* nothing scored yet */
	TIER_ZEER_KANSRIJK = 0,
	TIER_KANSRIJK,
	TIER_OP_TERMIJN,
	TIER_NIET_KANSRIJK,
};
/* "zeer-kansrijk", "kansrijk", "kansrijk-op-termijn", "niet-kansrijk", NULL */
extern const char *const scoring_tier_names[];

/* Thresholds in hundredths of a score point (100..500), per tier: the mean
 * and the lowest partner score that a task field needs to reach it. */
struct scoring_thresholds {
	int mean[3]; /* [TIER_ZEER_KANSRIJK], [TIER_KANSRIJK], [TIER_OP_TERMIJN] */
	int lowest[3];
};
/* The defaults: zeer kansrijk gemiddelde ≥ 4,00 and laagste ≥ 3,00;
 * kansrijk ≥ 3,25 and ≥ 2,00; kansrijk op termijn ≥ 2,50 (laagste ≥ 1,00). */
void scoring_thresholds_default(struct scoring_thresholds *t);
/* 0 when every value is in 100..500 and a higher tier never asks less than
 * a lower one; otherwise -1 with the reason (Dutch) in why. */
int scoring_thresholds_check(const struct scoring_thresholds *t, char *why, size_t whylen);

struct scoring_result {
	int partners_scored;      /* partners with at least one score */
	int missing;              /* (partner, criterion) pairs without a score */
	struct score_frac mean;   /* den 0 when nothing scored */
	struct score_frac lowest; /* the lowest S_p */
	int lowest_org;           /* its index, -1 when nothing scored */
	struct score_frac highest;
	int highest_org;
	struct score_frac spread; /* highest − lowest */
	enum scoring_tier tier;
};

/* scores is n_orgs × n_crit, row-major, each 0 (missing) or 1..5; weights
 * has n_crit entries of 1..SCORING_MAX_WEIGHT. per_org (may be NULL) gets
 * S_p for each partner (den 0 when that partner scored nothing). Returns 0,
 * or -1 when an argument is out of range. */
int scoring_evaluate(const int *weights, int n_crit, const int *scores, int n_orgs, const struct scoring_thresholds *t,
		     struct scoring_result *out, struct score_frac *per_org);

/* The tier of a mean and lowest score under t. */
enum scoring_tier scoring_classify(struct score_frac mean, struct score_frac lowest, const struct scoring_thresholds *t);

struct survey_answer {
	int knelpunt;   /* 1..5: how much the task pinches */
	int meerwaarde; /* 1..5: how much cooperation would help */
	int quick;      /* a quick result is expected */
};

struct survey_result {
	int answers;                /* how many partners answered */
	int partners;               /* how many were asked */
	int quick;                  /* how many expect a quick result */
	int quick_win;              /* quick > partners / 2 */
	struct score_frac priority; /* Σ knelpunt·meerwaarde / partners */
	struct score_frac knelpunt; /* mean over the answers */
	struct score_frac meerwaarde;
};

/* Evaluates n answers of one task field asked of `partners` partners (at
 * least n, at least 1). -1 when an answer is out of range. */
int survey_evaluate(const struct survey_answer *a, int n, int partners, struct survey_result *out);
/* Ranking order: a before b gives < 0 (higher priority first, then more
 * quick-result votes). Equal results give 0; the caller breaks the tie. */
int survey_compare(const struct survey_result *a, const struct survey_result *b);

#endif
