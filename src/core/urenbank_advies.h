/* urenbank_advies.h — the rules behind the advice section of the
 * proeftuin's reports to the colleges (issue 11, point 4; docs/urenbank.md
 * "Rapportage aan de colleges"), pure so that they can be checked by hand
 * (tests/unit/test_urenbank_advies.c):
 *
 *   - whether a dienstverleningsovereenkomst (DVO) is needed: seed 002 asks
 *     for one "als sommige gemeenten meer willen vragen dan leveren"; here a
 *     member takes more than it gives when, over the report's period, what
 *     it took (gehaald) exceeds what it brought (gebracht) by more than the
 *     margin: 10 hours, or a tenth of what it took when that is more. Small
 *     differences are the normal give and take of a year, not a relation of
 *     supplier and customer.
 *   - whether the figures carry a taakstelling (seed 002: "geen ruw
 *     geschatte efficiencywinst inboeken"): only the measured lower bound
 *     of the efficiency potential counts, only when it is positive, comes
 *     from at least one merged opdracht with estimates, and was measured
 *     over at least half a year; it is then stated per year, rounded down.
 *
 * Minutes and days are integers; nothing here allocates. */
#ifndef SAMEN_CORE_URENBANK_ADVIES_H
#define SAMEN_CORE_URENBANK_ADVIES_H

#define URENBANK_ADVIES_MARGE_MINUTEN 600 /* 10 hours */
#define URENBANK_ADVIES_MARGE_PROMILLE 100
#define URENBANK_ADVIES_MIN_DAGEN 182 /* half a year */

/* How many minutes a member took more than it brought, when that is more
 * than the margin; 0 otherwise. */
long long urenbank_advies_meer_gehaald(long long gebracht, long long gehaald);

enum urenbank_advies_taakstelling {
	URENBANK_TAAKSTELLING_GEDRAGEN = 0, /* *per_jaar holds the minutes per year */
	URENBANK_TAAKSTELLING_GEEN_WINST,   /* the measured lower bound is zero or negative */
	URENBANK_TAAKSTELLING_GEEN_METING,  /* no merged opdracht with estimates: nothing was measured */
	URENBANK_TAAKSTELLING_TE_KORT,      /* measured over less than half a year */
};
/* ondergrens: the potential's measured lower bound over dagen days (the
 * period, both ends included); samenvoegingen: merged opdrachten with
 * estimates for all their originals. */
enum urenbank_advies_taakstelling urenbank_advies_taakstelling(long long ondergrens, long long dagen, long long samenvoegingen,
							       long long *per_jaar);

#endif
