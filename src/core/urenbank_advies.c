/* The rules of the advice section (urenbank_advies.h). */
#include "core/urenbank_advies.h"

long long urenbank_advies_meer_gehaald(long long gebracht, long long gehaald)
{
	long long netto = gehaald - gebracht;
	long long marge =
		gehaald / 1000 * URENBANK_ADVIES_MARGE_PROMILLE + gehaald % 1000 * URENBANK_ADVIES_MARGE_PROMILLE / 1000;
	if (marge < URENBANK_ADVIES_MARGE_MINUTEN)
		marge = URENBANK_ADVIES_MARGE_MINUTEN;
	return netto > marge ? netto : 0;
}

enum urenbank_advies_taakstelling urenbank_advies_taakstelling(long long ondergrens, long long dagen, long long samenvoegingen,
							       long long *per_jaar)
{
	*per_jaar = 0;
	if (samenvoegingen <= 0)
		return URENBANK_TAAKSTELLING_GEEN_METING;
	if (ondergrens <= 0)
		return URENBANK_TAAKSTELLING_GEEN_WINST;
	if (dagen < URENBANK_ADVIES_MIN_DAGEN)
		return URENBANK_TAAKSTELLING_TE_KORT;
	/* A calendar year (a leap year too) counts as it is; another period is
	 * scaled to 365 days, down, so that the target never exceeds what was
	 * measured. */
	if (dagen == 365 || dagen == 366)
		*per_jaar = ondergrens;
	else
		*per_jaar = ondergrens / dagen * 365 + ondergrens % dagen * 365 / dagen;
	return URENBANK_TAAKSTELLING_GEDRAGEN;
}
