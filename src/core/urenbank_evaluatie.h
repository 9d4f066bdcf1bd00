/* urenbank_evaluatie.h — the arithmetic of the proeftuin's evaluation
 * (issue 11, docs/urenbank.md "Evaluatie"), pure: the store sums bookings
 * in SQL and hands the sums here, so every rule below can be checked by
 * hand on small cases (tests/unit/test_urenbank_evaluatie.c).
 *
 * Amounts are minutes and days, integers; shares are per mille. Nothing
 * here allocates. */
#ifndef SAMEN_CORE_URENBANK_EVALUATIE_H
#define SAMEN_CORE_URENBANK_EVALUATIE_H
#include <stddef.h>

/* One member's figures over a period. */
struct urenbank_evaluatie_lid {
	long long gebracht;  /* minutes its staff worked that others paid for */
	long long gehaald;   /* minutes of others' staff it paid for */
	long long gewerkt;   /* approved minutes its staff worked, own opdrachten included */
	long long afgekeurd; /* entries rejected */
	long long afgekeurd_minuten;
	long long gecorrigeerd; /* entries approved and then reversed */
	long long gecorrigeerd_minuten;
};

/* Adds a sum of journal postings of one kind of transaction (journaal.soort:
 * uren, correctie, storting, afrekening) and one kind of posting (gebracht,
 * gehaald, gestort, pot) to l. Only hours count: a posting of an entry or
 * of its correction (which carries the negated minutes, so a corrected
 * entry nets to nothing); deposits and settlements are not work, and a
 * settlement's closing postings must not make a settled period look empty. */
void urenbank_evaluatie_post(struct urenbank_evaluatie_lid *l, const char *transactie, const char *soort, long long minuten);
/* Adds n entries of status with minuten in total to l (goedgekeurd is
 * worked; afgekeurd and gecorrigeerd are counted; ingediend is neither). */
void urenbank_evaluatie_uren(struct urenbank_evaluatie_lid *l, const char *status, long long n, long long minuten);

/* deel/geheel in per mille, rounded half up; -1 when geheel ≤ 0 or deel < 0. */
long long urenbank_evaluatie_promille(long long deel, long long geheel);

/* A lead time of dagen days that aantal opdrachten or entries had. */
struct urenbank_evaluatie_duur {
	long long dagen;
	long long aantal;
};
struct urenbank_evaluatie_looptijd {
	long long aantal; /* 0: no median or maximum */
	long long mediaan;
	long long maximum;
};
/* Sorts d (n groups) by dagen and gives the count, the median (of an even
 * count the mean of the two middle ones, rounded down) and the maximum. */
void urenbank_evaluatie_looptijd(struct urenbank_evaluatie_duur *d, size_t n, struct urenbank_evaluatie_looptijd *out);

/* An opdracht shared by several principals, for the upper bound. */
struct urenbank_evaluatie_gedeeld {
	long long besteed; /* approved minutes in the period */
	long long opdrachtgevers;
	int uit_samenvoeging; /* made by merging: its gain is already measured */
};
/* The efficiency potential as a range, never one number:
 *   ondergrens = what merging measurably saved (Σ estimates of the originals
 *                − what they and the merged opdracht used; negative when merging cost);
 *   bovengrens = ondergrens + Σ besteed × (opdrachtgevers − 1) over shared
 *                opdrachten not made by merging: as if each principal would
 *                otherwise have done the same work alone. */
struct urenbank_evaluatie_potentieel {
	long long ondergrens;
	long long bovengrens;
};
void urenbank_evaluatie_potentieel(long long samenvoegwinst, const struct urenbank_evaluatie_gedeeld *g, size_t n,
				   struct urenbank_evaluatie_potentieel *out);

/* The age class of an open opdracht of dagen days in the work stock:
 * 0 up to a month (≤ 30 days), 1 one to three months (≤ 91), 2 three to
 * six months (≤ 182), 3 older. A negative age (a clock set back) is 0. */
int urenbank_evaluatie_leeftijdsklasse(long long dagen);
#define URENBANK_EVALUATIE_KLASSEN 4

#endif
