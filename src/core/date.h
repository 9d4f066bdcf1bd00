/* date.h — calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian). Dates are compared and stored as these integers; text is
 * always "YYYY-MM-DD". DATE_NONE means "no date" (an open end). */
#ifndef SAMEN_CORE_DATE_H
#define SAMEN_CORE_DATE_H
#include <stddef.h>
#include <stdint.h>

#define DATE_NONE INT32_MAX
#define DATE_TEXT_LEN 11 /* "YYYY-MM-DD" and NUL */

/* Parses exactly "YYYY-MM-DD" (years 1900–2999) into *days; -1 if it is not
 * a real date. */
int date_parse(const char *s, int32_t *days);
/* Writes "YYYY-MM-DD" into out (at least DATE_TEXT_LEN bytes); "" for
 * DATE_NONE. */
void date_format(int32_t days, char out[DATE_TEXT_LEN]);
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
/* The first day of the month of days, and of the month after it. */
int32_t date_month_first(int32_t days);
int32_t date_month_next(int32_t days);
/* Dutch time (Europe/Amsterdam): every "today" and every time a person reads
 * is Dutch, whatever the machine's time zone. date_amsterdam_offset is the
 * offset from UTC in seconds at instant t (seconds since 1970, UTC): 7200
 * in summer time (EU rule: last Sunday of March to last Sunday of October,
 * 01:00 UTC), else 3600. date_at is the Dutch calendar date at t. */
int date_amsterdam_offset(int64_t t);
int32_t date_at(int64_t t);
int32_t date_today(void); /* date_at(now) */
/* "2024-05-01T10:00:00Z" as Dutch time "2024-05-01 12:00:00" in out; -1 (and
 * the text as it was) when utc is not such a time. */
int date_local_text(const char *utc, char *out, size_t len);

#endif
