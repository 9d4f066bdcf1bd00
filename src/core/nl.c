/* Dutch text for numbers, money, dates and hours (nl.h). */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/nl.h"

#define MINUS "\xe2\x88\x92" /* U+2212 */

static const char *const months[] = { "januari", "februari", "maart",     "april",   "mei",      "juni",
				      "juli",    "augustus", "september", "oktober", "november", "december" };
static const char *const months_short[] = { "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec" };

/* u with a dot between thousands into out (at least 32 bytes). */
static void grouped(unsigned long long u, char *out)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%llu", u), o = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* |v| without overflow, also for the most negative value. */
static unsigned long long magnitude(long long v) { return v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v; }

void nl_int(long long v, char *out, size_t len)
{
	char g[32];
	grouped(magnitude(v), g);
	snprintf(out, len, "%s%s", v < 0 ? "-" : "", g);
}

void nl_euro(long long cents, char *out, size_t len)
{
	unsigned long long a = magnitude(cents), euros = a / 100 + (a % 100 >= 50);
	char g[32];
	grouped(euros, g);
	snprintf(out, len, "%s€ %s", cents < 0 && euros ? MINUS : "", g);
}

void nl_euro_cents(long long cents, char *out, size_t len)
{
	unsigned long long a = magnitude(cents);
	char g[32];
	grouped(a / 100, g);
	snprintf(out, len, "%s€ %s,%02llu", cents < 0 ? MINUS : "", g, a % 100);
}

void nl_day(int32_t day, char *out, size_t len)
{
	if (day == DATE_NONE) {
		snprintf(out, len, "%s", "");
		return;
	}
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, len, "%d %s %d", d, months[m - 1], y);
}

int nl_date(const char *iso, char *out, size_t len)
{
	int32_t day;
	if (!iso || date_parse(iso, &day) < 0) {
		snprintf(out, len, "%s", iso ? iso : "");
		return -1;
	}
	nl_day(day, out, len);
	return 0;
}

int nl_datetime(const char *iso, char *out, size_t len)
{
	/* Exactly "YYYY-MM-DDTHH:MM:SSZ"; the Dutch time of it is date_local_text's. */
	char local[32];
	int32_t day;
	char date[DATE_TEXT_LEN];
	if (!iso || strlen(iso) != 20 || snprintf(date, sizeof(date), "%.10s", iso) != 10 || date_parse(date, &day) < 0 ||
	    date_local_text(iso, local, sizeof(local)) < 0 || snprintf(date, sizeof(date), "%.10s", local) != 10 ||
	    date_parse(date, &day) < 0) {
		snprintf(out, len, "%s", iso ? iso : "");
		return -1;
	}
	char dd[NL_TEXT_LEN];
	nl_day(day, dd, sizeof(dd));
	snprintf(out, len, "%s, %.5s", dd, local + 11);
	return 0;
}

void nl_day_short(int32_t day, int with_year, char *out, size_t len)
{
	if (day == DATE_NONE) {
		snprintf(out, len, "%s", "");
		return;
	}
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (with_year)
		snprintf(out, len, "%d %s %d", d, months_short[m - 1], y);
	else
		snprintf(out, len, "%d %s", d, months_short[m - 1]);
}

const char *nl_month_short(int month) { return month >= 1 && month <= 12 ? months_short[month - 1] : ""; }

void nl_hours(int64_t minutes, int flags, char *out, size_t len)
{
	uint64_t u = minutes < 0 ? 0ULL - (uint64_t)minutes : (uint64_t)minutes;
	const char *sign = minutes < 0 ? MINUS : minutes > 0 && (flags & NL_HOURS_PLUS) ? "+" : "";
	char g[32];
	grouped((unsigned long long)(u / 60), g);
	snprintf(out, len, "%s%s:%02u%s", sign, g, (unsigned)(u % 60), flags & NL_HOURS_BARE ? "" : " uur");
}

int nl_date_precision(const char *iso, const char *precisie, char *out, size_t len)
{
	int32_t day;
	if (!precisie || !strcmp(precisie, "dag") || !iso || date_parse(iso, &day) < 0)
		return nl_date(iso, out, len);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	static const char *const quarters[] = { "eerste", "tweede", "derde", "vierde" };
	if (!strcmp(precisie, "maand"))
		snprintf(out, len, "%s %d", months[m - 1], y);
	else if (!strcmp(precisie, "kwartaal"))
		snprintf(out, len, "%s kwartaal %d", quarters[(m - 1) / 3], y);
	else if (!strcmp(precisie, "jaar"))
		snprintf(out, len, "%d", y);
	else
		return nl_date(iso, out, len);
	return 0;
}
