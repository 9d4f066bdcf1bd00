/* nl.h — numbers, money, dates and lengths of time written the Dutch way,
 * one way for every page, report, picture and command:
 *
 *   nl_int(1140000)          "1.140.000"      a dot between thousands
 *   nl_euro(20000000)        "€ 200.000"      whole euros from cents
 *   nl_euro_cents(123456789) "€ 1.234.567,89" euros and cents
 *   nl_date("2012-03-08")    "8 maart 2012"   (nl_day: from a day number)
 *   nl_day_short(day, 0)     "1 jun"          (with_year: "1 jun 2012")
 *   nl_datetime("2012-03-08T13:05:00Z") "8 maart 2012, 14:05" (Dutch time)
 *   nl_hours(750, 0)         "12:30 uur"      hours:minutes from minutes
 *
 * Money and hours below zero start with a real minus sign (U+2212,
 * "−€ 615.351", "−2:15 uur"); nl_int keeps the hyphen-minus the pages have
 * always shown ("-1.234"). Every function writes a NUL-terminated string
 * into out, cut short when len is too small; NL_TEXT_LEN bytes always
 * suffice except for nl_date's copy of text that is no date. Pure: no
 * locale, no allocation, no I/O. Reading such text back is elsewhere:
 * durations in core/duration.h, dates in core/date.h. */
#ifndef SAMEN_CORE_NL_H
#define SAMEN_CORE_NL_H
#include <stddef.h>
#include <stdint.h>

#define NL_TEXT_LEN 48

void nl_int(long long v, char *out, size_t len);
/* Rounded half away from zero: 49 cents is "€ 0", 150 cents "€ 2";
 * what rounds to zero has no sign. */
void nl_euro(long long cents, char *out, size_t len);
/* Exact, with the cents after a comma: "€ 6.500,00", "−€ 0,05". */
void nl_euro_cents(long long cents, char *out, size_t len);

/* "8 maart 2012"; "" for DATE_NONE. */
void nl_day(int32_t day, char *out, size_t len);
/* The same from "YYYY-MM-DD": 0. Text that is no date (or NULL, as "") is
 * copied as it is: -1, so that a caller may treat it otherwise. */
int nl_date(const char *iso, char *out, size_t len);
/* A moment "YYYY-MM-DDTHH:MM:SSZ" (UTC, as samen stores it) as it was in
 * the Netherlands (Europe/Amsterdam: CET, CEST in summer by the EU rule):
 * "8 maart 2012, 14:05". Other text is copied as it is: -1. */
int nl_datetime(const char *iso_utc, char *out, size_t len);
/* A date as exactly as its source gives it: precisie "dag" (or NULL) as
 * nl_date, "maand" "december 2012", "kwartaal" "vierde kwartaal 2008",
 * "jaar" "2009" (the date is the first day of that period). */
int nl_date_precision(const char *iso, const char *precisie, char *out, size_t len);
/* "1 jun", or "1 jun 2012" with with_year; "" for DATE_NONE. */
void nl_day_short(int32_t day, int with_year, char *out, size_t len);
/* "jan" … "dec" for month 1–12; "" for any other. */
const char *nl_month_short(int month);

/* Minutes as hours: "12:30 uur", "0:05 uur", "1.234:05 uur", "−2:15 uur". */
#define NL_HOURS_PLUS 1 /* "+12:30 uur" above zero, for a balance */
#define NL_HOURS_BARE 2 /* "12:30", for a caller that writes the unit itself */
void nl_hours(int64_t minutes, int flags, char *out, size_t len);

#endif
