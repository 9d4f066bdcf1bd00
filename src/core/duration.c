/* Lengths of time as text and as minutes (duration.h). */
#include <stdio.h>
#include <string.h>
#include "core/duration.h"

static void say(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* s without surrounding spaces and tabs: [*b, *e). */
static void trim(const char *s, const char **b, const char **e)
{
	const char *p = s ? s : "";
	while (*p == ' ' || *p == '\t')
		p++;
	const char *q = p + strlen(p);
	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	*b = p;
	*e = q;
}

/* Digits in [p, e) as a number no larger than max; the end in *stop. */
static int digits(const char *p, const char *e, int64_t max, int64_t *out, const char **stop)
{
	int64_t v = 0;
	const char *q = p;
	for (; q < e && is_digit(*q); q++) {
		v = v * 10 + (*q - '0');
		if (v > max)
			return -1;
	}
	if (q == p)
		return -1;
	*out = v;
	*stop = q;
	return 0;
}

int duration_parse_minutes(const char *s, int64_t *minutes, char *err, size_t errlen)
{
	const char *b, *e, *stop;
	int64_t v;
	trim(s, &b, &e);
	if (b == e) {
		say(err, errlen, "is leeg; vul een aantal minuten in");
		return -1;
	}
	if (digits(b, e, DURATION_MAX_MINUTES, &v, &stop) < 0 || stop != e) {
		say(err, errlen, "is geen aantal minuten (een geheel getal, bijvoorbeeld 450)");
		return -1;
	}
	*minutes = v;
	return 0;
}

/* "H:MM" in [b, e); 1 when it is one, 0 when there is no ':', -1 wrong. */
static int clock(const char *b, const char *e, int64_t *minutes)
{
	const char *colon = memchr(b, ':', (size_t)(e - b));
	if (!colon)
		return 0;
	int64_t h, m;
	const char *stop;
	if (digits(b, colon, DURATION_MAX_MINUTES / 60, &h, &stop) < 0 || stop != colon)
		return -1;
	if (e - colon != 3 || digits(colon + 1, e, 59, &m, &stop) < 0 || stop != e)
		return -1;
	*minutes = h * 60 + m;
	return 1;
}

int duration_parse_hours(const char *s, int64_t *minutes, char *err, size_t errlen)
{
	const char *b, *e, *stop;
	trim(s, &b, &e);
	if (b == e) {
		say(err, errlen, "is leeg; vul een aantal uren in");
		return -1;
	}
	int64_t v;
	int c = clock(b, e, &v);
	if (c < 0) {
		say(err, errlen, "is geen tijdsduur als uren:minuten (bijvoorbeeld 7:30)");
		return -1;
	}
	if (c > 0) {
		*minutes = v;
		return 0;
	}
	int64_t whole = 0, frac = 0, scale = 1;
	const char *p = b;
	if (*p != ',' && *p != '.') {
		if (digits(p, e, DURATION_MAX_MINUTES / 60, &whole, &stop) < 0)
			goto bad;
		p = stop;
	}
	if (p < e && (*p == ',' || *p == '.')) {
		p++;
		const char *f = p;
		for (; p < e && is_digit(*p); p++) {
			if (scale >= 1000000)
				goto bad; /* more decimals than any export writes */
			frac = frac * 10 + (*p - '0');
			scale *= 10;
		}
		if (p == f && p - 1 == b)
			goto bad; /* only a separator */
	}
	if (p != e)
		goto bad;
	if (frac * 60 % scale) {
		say(err, errlen, "is geen heel aantal minuten; rond af op minuten (bijvoorbeeld 7,25 of 7:15)");
		return -1;
	}
	*minutes = whole * 60 + frac * 60 / scale;
	return 0;
bad:
	say(err, errlen, "is geen aantal uren (bijvoorbeeld 7,5 of 7:30)");
	return -1;
}

int duration_parse(const char *s, int64_t *minutes, char *err, size_t errlen)
{
	const char *b, *e;
	trim(s, &b, &e);
	if (b == e) {
		say(err, errlen, "is leeg; vul de tijd in als uren:minuten (7:30) of in minuten (450)");
		return -1;
	}
	int only_digits = 1;
	for (const char *p = b; p < e; p++)
		only_digits &= is_digit(*p);
	char why[160];
	if (only_digits ? duration_parse_minutes(s, minutes, why, sizeof(why)) == 0
			: duration_parse_hours(s, minutes, why, sizeof(why)) == 0)
		return 0;
	if (strstr(why, "heel aantal"))
		say(err, errlen, why);
	else
		say(err, errlen, "is geen tijdsduur; schrijf uren:minuten (7:30), uren met een komma (7,5) of minuten (450)");
	return -1;
}
