/* duration.h — lengths of time as people write them, and as minutes.
 *
 * The ledger counts minutes (integers, docs/urenbank.md); people and
 * time-registration exports write "7:30", "450" or "7,5". These read such
 * text into whole minutes; nl_hours() (core/nl.h) writes minutes back as
 * hours the Dutch way, "12:30 uur".
 *
 * Nothing here rounds: a decimal number of hours that is not a whole number
 * of minutes ("7,33" is 439,8 minutes) is refused, so that an import never
 * books a minute that was not written. Every parser takes surrounding
 * spaces, refuses anything else with a Dutch reason in err, and leaves
 * *minutes alone on failure. Pure functions, no allocation. */
#ifndef SAMEN_CORE_DURATION_H
#define SAMEN_CORE_DURATION_H
#include <stddef.h>
#include <stdint.h>

#define DURATION_MAX_MINUTES ((int64_t)1000000000) /* far beyond any entry; keeps arithmetic small */

/* Whole minutes: "450". */
int duration_parse_minutes(const char *s, int64_t *minutes, char *err, size_t errlen);
/* Hours: "7", "7,5", "7.5", "0,25" (decimal comma or point), or "7:30"
 * (hours:minutes, minutes 00–59). */
int duration_parse_hours(const char *s, int64_t *minutes, char *err, size_t errlen);
/* What a form field accepts: "7:30" (hours:minutes), "7,5" (decimal
 * hours) or "450" (a whole number is minutes). */
int duration_parse(const char *s, int64_t *minutes, char *err, size_t errlen);

#endif
