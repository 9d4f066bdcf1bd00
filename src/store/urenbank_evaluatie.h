/* urenbank_evaluatie.h — the figures the proeftuin-MT evaluates with
 * (issue 11, docs/urenbank.md "Evaluatie"): read from the bookings, never
 * written; the arithmetic is core/urenbank_evaluatie.h.
 *
 * Conventions as urenbank.h: 0, or -status with p filled (404 unknown
 * proeftuin, 400 a bad van/tot); *out is a new reference the caller owns,
 * in the shape of the API's Evaluatie. */
#ifndef SAMEN_STORE_URENBANK_EVALUATIE_H
#define SAMEN_STORE_URENBANK_EVALUATIE_H
#include <jansson.h>
#include "store/store.h"

/* The evaluation over van … tot (dates JJJJ-MM-DD, both included; NULL:
 * the proeftuin's own), with for every figure one line "hoe berekend"
 * in "berekening". Hours count by the day they were worked. */
int urenbank_evaluatie(struct store *s, const char *pt, const char *van, const char *tot, json_t **out, struct problem *p);

#endif
