#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/date.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	/* 64-bit, so that every int32_t (DATE_NONE too) is defined behaviour. */
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int date_parse(const char *s, int32_t *days)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void date_format(int32_t days, char out[DATE_TEXT_LEN])
{
	int y, m, d;
	if (days == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	date_to_ymd(days, &y, &m, &d);
	/* y, m, d are in range for every day number date_parse can produce. */
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* The last Sunday of month m of year y, as a day number. */
static int32_t last_sunday(int y, int m)
{
	int32_t last = date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	/* Day 0 (1970-01-01) was a Thursday: (day + 4) % 7 is 0 on a Sunday. */
	int wd = (int)(((last + 4) % 7 + 7) % 7);
	return last - wd;
}

int date_amsterdam_offset(int64_t t)
{
	int32_t day = (int32_t)((t >= 0 ? t : t - 86399) / 86400);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* EU summer time: from 01:00 UTC on the last Sunday of March to 01:00
	 * UTC on the last Sunday of October. */
	int64_t start = (int64_t)last_sunday(y, 3) * 86400 + 3600, end = (int64_t)last_sunday(y, 10) * 86400 + 3600;
	return t >= start && t < end ? 7200 : 3600;
}

int32_t date_at(int64_t t)
{
	int64_t local = t + date_amsterdam_offset(t);
	return (int32_t)((local >= 0 ? local : local - 86399) / 86400);
}

int32_t date_today(void) { return date_at((int64_t)time(NULL)); }

int date_local_text(const char *utc, char *out, size_t len)
{
	int y, mo, d, h, mi, s;
	char z;
	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z' || h > 23 ||
	    mi > 59 || s > 60) {
		snprintf(out, len, "%s", utc ? utc : "");
		return -1;
	}
	int64_t t = (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	int64_t local = t + date_amsterdam_offset(t);
	int32_t day = date_at(t);
	int64_t sec = local - (int64_t)day * 86400;
	char dt[DATE_TEXT_LEN];
	date_format(day, dt);
	snprintf(out, len, "%s %02d:%02d:%02d", dt, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	return 0;
}

int32_t date_month_first(int32_t days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

int32_t date_month_next(int32_t days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	return m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}
