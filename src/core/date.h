/* date.h — calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian). Dates are compared and stored as these integers; text is
 * always "YYYY-MM-DD". DATE_NONE means "no date" (an open end). */
#ifndef SAMEN_CORE_DATE_H
#define SAMEN_CORE_DATE_H
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
int32_t date_today(void); /* UTC */

#endif
