/* register_codes.h — the official code lists the register checks against,
 * shipped as data in the repository and embedded in the binary:
 *   data/gemeenten.csv       the CBS-gemeentecodes with their validity and
 *                            successors (herindelingen since 2007), from the
 *                            TOOI register of municipalities;
 *   data/iv3-taakvelden.csv  the Iv3/BBV taakvelden of municipalities.
 * Each file names its source and up to which date it is complete.
 *
 * Lookups scan the embedded text (a few hundred lines): no state, so any
 * thread may call them. Dates are "YYYY-MM-DD"; a validity is [van, tot):
 * van "" since before the list's history, tot "" still valid. */
#ifndef SAMEN_CORE_REGISTER_CODES_H
#define SAMEN_CORE_REGISTER_CODES_H
#include <stddef.h>

#define REGISTER_CODES_MAX_SUCCESSORS 8

struct register_gemeente {
	char code[8];      /* "GM0148" */
	char naam[80];     /* "Dalfsen" */
	char provincie[8]; /* "PV23" */
	char van[11], tot[11];
	int nopvolgers;
	char opvolgers[REGISTER_CODES_MAX_SUCCESSORS][8];
};

/* The municipality with this CBS code: 0 and *out filled, or -1 when the
 * list does not know it. */
int register_codes_gemeente(const char *code, struct register_gemeente *out);

enum register_code_check {
	REGISTER_CODE_VALID = 0,
	REGISTER_CODE_UNKNOWN,   /* not in the list at all */
	REGISTER_CODE_NOT_YET,   /* it exists only from g->van */
	REGISTER_CODE_NO_LONGER, /* it ended on g->tot (see g->opvolgers) */
};
/* Whether code is a municipality on date (NULL: today); g (may be NULL)
 * gets the list's row when the code is known. */
enum register_code_check register_codes_gemeente_on(const char *code, const char *date, struct register_gemeente *g);

/* Whether code is one of the twelve provinces (PV20 … PV31). */
int register_codes_provincie(const char *code);

/* The Iv3 taakveld with this code ("0.4"): 0 with its name (the
 * regulation's, into naam, may be NULL), or -1 when there is none. */
int register_codes_iv3(const char *code, char *naam, size_t naamlen);

#endif
