/* register.h — the vocabulary and rules of the register of cooperation:
 * which values the enumerations take, what a valid code looks like, and the
 * rules on members and participants. Pure functions over plain data.
 *
 * Enumerations are NULL-terminated string tables; enum_index() returns the
 * position of a value or -1. */
#ifndef SAMEN_CORE_REGISTER_H
#define SAMEN_CORE_REGISTER_H
#include <stddef.h>
#include <stdint.h>

extern const char *const register_org_soorten[];      /* gemeente provincie waterschap gr ssc overig */
extern const char *const register_taakveld_soorten[]; /* bedrijfsvoering uitvoering beleid */
extern const char *const register_doelen[];           /* the K's of STAAN and DSZ */
extern const char *const register_lid_rollen[];       /* lid gastheer toehoorder */
extern const char *const register_fasen[];
extern const char *const register_vormen[];
extern const char *const register_intensiteiten[];

int enum_index(const char *const table[], const char *value);
/* "a, b of c" — for error messages; writes into out. */
void enum_list(const char *const table[], char *out, size_t outlen);

/* An organisation code fits its soort: gemeente GM9999, provincie PV99,
 * waterschap WS9999, others 2–32 of A-Z 0-9 '-'. */
int register_org_code_valid(const char *code, const char *soort);
/* The TOOI identifier URI for gemeente/provincie/waterschap into out;
 * returns 0, or -1 when the soort has none or the code does not exist
 * (a gemeente not in the CBS list, a province not one of the twelve; out
 * untouched), or out is too small (out = ""). */
int register_tooi(const char *code, const char *soort, char *out, size_t outlen);
/* Codes of taakvelden, verbanden, competences: 1–40 of a-z 0-9 '-'. */
int register_slug_valid(const char *code);
/* Free text: well-formed UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF), no control characters but tab, CR and newline,
 * 1..maxlen bytes. */
int register_text_valid(const char *s, size_t maxlen);

/* A membership period [van, tot) with tot = DATE_NONE for open-ended. */
struct register_period {
	int32_t van;
	int32_t tot;
};
static inline int register_period_contains(struct register_period p, int32_t d) { return p.van <= d && d < p.tot; }

#endif
