/* urenbank_maandcijfers.h — the monthly sums under the evaluation and the
 * settlement (migration 099, issue 12): per member, per opdracht and per
 * principal × opdracht, and the review times, each per month of the day
 * worked. They are added to in the transaction that books, reviews or
 * posts (urenbank_uren.c, urenbank_boeken.c call the two functions below),
 * read for a period as whole months from the sums plus the days of a cut
 * month from the rows (urenbank_periode), and recomputed from the entries
 * and the journal by proeftuin verify.
 *
 * Conventions as urenbank_intern.h: 0, or -p->status with p filled. */
#ifndef SAMEN_STORE_URENBANK_MAANDCIJFERS_H
#define SAMEN_STORE_URENBANK_MAANDCIJFERS_H
#include "core/date.h"
#include "store/store.h"

/* An entry of proeftuin pt (worked by org's staff for opdracht on datum)
 * was booked (was NULL) or went from status was to status: its month's
 * sums follow, held back in batch b when it defers (urenbank_intern.h; b
 * may be NULL). dagen: the days from submission to review when it was
 * reviewed now (else -1). */
struct urenbank_batch;
int urenbank_maand_van(struct urenbank_batch *b, struct store *s, long long pt, long long org, long long opdracht,
		       long long minuten, const char *datum, const char *status, long long dagen, const char *was, struct problem *p);
/* The whole days between two moments "JJJJ-MM-DD…" as stored, never
 * negative; -1 when one is not a date. */
long long urenbank_maand_dagen(const char *from, const char *to);
/* Transaction txn of proeftuin ptid was posted: its postings are added. */
int urenbank_maand_journaal(struct store *s, long long ptid, long long txn, struct problem *p);
/* The same from the postings in hand (as urenbank_post got them; opdracht:
 * the entry's, for hours and corrections), held back in batch b when it
 * defers; else as urenbank_maand_journaal. */
struct ledger_posting;
int urenbank_maand_posten(struct urenbank_batch *b, struct store *s, long long ptid, long long txn, const char *datum,
			  const char *soort, long long opdracht, const struct ledger_posting *ps, size_t n, const long long *orgs,
			  struct problem *p);

/* The kept sums one by one: the four monthly tables, the entries per
 * status (urenbank_uren_stand, migration 104) and the journal's
 * transactions (urenbank_journaal_stand, migration 109). Key: maand
 * ("JJJJ-MM" or "*"; none for STAND and JOURNAAL), a (LEDEN: the
 * organisation; OPDRACHTEN: the opdracht; GEHAALD: the principal;
 * BEOORDEELD: the days), c (GEHAALD: the opdracht), soort (LEDEN: the kind;
 * STAND: the status). Values: n (aantal, regels, transacties) and m
 * (minuten, goedgekeurd_minuten). */
enum {
	URENBANK_TEL_LEDEN,
	URENBANK_TEL_OPDRACHTEN,
	URENBANK_TEL_GEHAALD,
	URENBANK_TEL_BEOORDEELD,
	URENBANK_TEL_STAND,
	URENBANK_TEL_JOURNAAL,
	URENBANK_TEL_DAG /* maand: the day (JJJJ-MM-DD; '*' adds nothing); soort: ingediend, beoordeeld */
};
/* Adds n and m to the sum at the key (an upsert). */
int urenbank_tel_add(struct store *s, int t, long long pt, const char *maand, long long a, long long c, const char *soort,
		     long long n, long long m, struct problem *p);
/* The same, or held back in batch b when it defers for pt. */
int urenbank_tel_in(struct urenbank_batch *b, struct store *s, int t, long long pt, const char *maand, long long a,
		    long long c, const char *soort, long long n, long long m, struct problem *p);

/* An entry of minuten of proeftuin pt was submitted or reviewed (soort
 * "ingediend" or "beoordeeld") at moment (as stored): counted on its day
 * (urenbank_dag_stand, migration 110), held back in batch b when it defers. */
int urenbank_dag_in(struct urenbank_batch *b, struct store *s, long long pt, const char *moment, const char *soort,
		    long long minuten, struct problem *p);

/* A period van … tot (both included) as the whole months m1 … m2 ("JJJJ-MM";
 * none when m1 > m2) and at most two runs of days read from the rows,
 * d1 … e1 and d2 … e2 (none when d > e). Bind them as ?2 … ?7 after the
 * proeftuin as ?1 (URENBANK_PERIODE_ARGS). */
struct urenbank_periode {
	char m1[8], m2[8];
	char d1[DATE_TEXT_LEN], e1[DATE_TEXT_LEN], d2[DATE_TEXT_LEN], e2[DATE_TEXT_LEN];
};
void urenbank_periode(const char *van, const char *tot, struct urenbank_periode *out);
/* The same for proeftuin ptid, as all months ('*') when every entry lies
 * in van … tot (1, else 0). */
int urenbank_periode_pt(struct store *s, long long ptid, const char *van, const char *tot, struct urenbank_periode *out);
#define URENBANK_PERIODE_BINDS "tttttt"
#define URENBANK_PERIODE_ARGS(x) (x)->m1, (x)->m2, (x)->d1, (x)->e1, (x)->d2, (x)->e2

/* Everything dated up to tot as whole months m1 … m2 (all months, '*',
 * when nothing of proeftuin ptid's journal is dated after tot) and the
 * days of tot's month d1 … e1 (d2 … e2 none): for the settlement. */
void urenbank_periode_asof(struct store *s, long long ptid, const char *tot, struct urenbank_periode *out);

/* Recomputes the sums of proeftuin ptid and calls differ for each that
 * differs (org "" when it is not a member's). */
int urenbank_maand_verify(struct store *s, long long ptid,
			  void (*differ)(void *ctx, const char *org, const char *what, long long kept, long long re), void *ctx,
			  struct problem *p);

#endif
