/* The arithmetic of the proeftuin's evaluation (urenbank_evaluatie.h). */
#include <stdlib.h>
#include <string.h>
#include "core/urenbank_evaluatie.h"

void urenbank_evaluatie_post(struct urenbank_evaluatie_lid *l, const char *transactie, const char *soort, long long minuten)
{
	if (!transactie || !soort || (strcmp(transactie, "uren") && strcmp(transactie, "correctie")))
		return;
	/* A gehaald posting lowers the saldo: its minutes are negative. */
	if (!strcmp(soort, "gebracht"))
		l->gebracht += minuten;
	else if (!strcmp(soort, "gehaald"))
		l->gehaald -= minuten;
}

void urenbank_evaluatie_uren(struct urenbank_evaluatie_lid *l, const char *status, long long n, long long minuten)
{
	if (!status)
		return;
	if (!strcmp(status, "goedgekeurd")) {
		l->gewerkt += minuten;
	} else if (!strcmp(status, "afgekeurd")) {
		l->afgekeurd += n;
		l->afgekeurd_minuten += minuten;
	} else if (!strcmp(status, "gecorrigeerd")) {
		l->gecorrigeerd += n;
		l->gecorrigeerd_minuten += minuten;
	}
}

long long urenbank_evaluatie_promille(long long deel, long long geheel)
{
	if (geheel <= 0 || deel < 0)
		return -1;
	/* In two steps, so that a year of a large network's minutes (well
	 * below 2^53) times 2000 cannot overflow. */
	long long whole = deel / geheel, rest = deel % geheel;
	return whole * 1000 + (rest * 2000 + geheel) / (2 * geheel);
}

static int by_days(const void *a, const void *b)
{
	const struct urenbank_evaluatie_duur *x = a, *y = b;
	return (x->dagen > y->dagen) - (x->dagen < y->dagen);
}

/* The day of the k-th (0-based) item in the sorted groups. */
static long long kth(const struct urenbank_evaluatie_duur *d, size_t n, long long k)
{
	for (size_t i = 0; i < n; i++) {
		if (k < d[i].aantal)
			return d[i].dagen;
		k -= d[i].aantal;
	}
	return n ? d[n - 1].dagen : 0;
}

void urenbank_evaluatie_looptijd(struct urenbank_evaluatie_duur *d, size_t n, struct urenbank_evaluatie_looptijd *out)
{
	memset(out, 0, sizeof(*out));
	long long total = 0;
	for (size_t i = 0; i < n; i++)
		total += d[i].aantal > 0 ? d[i].aantal : 0;
	if (!total)
		return;
	qsort(d, n, sizeof(*d), by_days);
	out->aantal = total;
	long long lo = kth(d, n, (total - 1) / 2), hi = kth(d, n, total / 2);
	long long sum = lo + hi;
	out->mediaan = sum >= 0 ? sum / 2 : -((-sum + 1) / 2);
	for (size_t i = n; i-- > 0;)
		if (d[i].aantal > 0) {
			out->maximum = d[i].dagen;
			break;
		}
}

void urenbank_evaluatie_potentieel(long long samenvoegwinst, const struct urenbank_evaluatie_gedeeld *g, size_t n,
				   struct urenbank_evaluatie_potentieel *out)
{
	out->ondergrens = samenvoegwinst;
	long long extra = 0;
	for (size_t i = 0; i < n; i++)
		if (!g[i].uit_samenvoeging && g[i].opdrachtgevers > 1 && g[i].besteed > 0)
			extra += g[i].besteed * (g[i].opdrachtgevers - 1);
	out->bovengrens = samenvoegwinst + extra;
}

int urenbank_evaluatie_leeftijdsklasse(long long dagen) { return dagen <= 30 ? 0 : dagen <= 91 ? 1 : dagen <= 182 ? 2 : 3; }
