/* urenbank_intern.h — what the urenbank_*.c files share, and nothing else
 * includes: the proeftuin a request names, small lookups, the principals
 * of an opdracht, and the bookkeeping under every write (balances,
 * postings, drawing rights, commitments). The public interface is
 * urenbank.h; these names carry the prefix urenbank_.
 *
 * Conventions as in urenbank.h: functions that fail fill p and return
 * -p->status; the do_* steps run inside store_transaction. */
#ifndef SAMEN_STORE_URENBANK_INTERN_H
#define SAMEN_STORE_URENBANK_INTERN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/ledger.h"
#include "core/policy.h"
#include "store/store.h"
#include "store/urenbank.h"

#define MAX_MEMBERS LEDGER_MAX_PARTIES
#define MAX_PLAN_MINUTES 100000000LL /* an inzet or an estimate */

/* The arguments of a change run in a transaction: who, the proeftuin code
 * and object id of the path, the body and where the answer goes. */
struct create_args {
	const struct actor *by;
	const char *pt;
	long long id;
	json_t *in, **out;
	struct urenbank_batch *batch; /* an import's batch (urenbank_import.c), or NULL */
};

/* ---- small helpers (urenbank.c) ---- */
/* by's name for the record; "systeem" when none. */
const char *urenbank_who(const struct actor *by);
/* Column col as an integer, or null. */
json_t *urenbank_int_or_null(struct db_stmt *st, int col);
/* The integer in the first column of the first row (0 when none) of sql
 * with bound values of the shape fmt: "", "l", "t", "ll", "lt", "lll" or "ltt". */
long long urenbank_one_int(struct store *s, const char *sql, const char *fmt, ...);
/* "Dordrecht (GM0505)" */
void urenbank_org_label(struct store *s, long long org, char *out, size_t len);
/* For messages in people's terms: a medewerker's name, an opdracht's title in quotes. */
void urenbank_person_name(struct store *s, long long mw, char *out, size_t len);
void urenbank_opdracht_name(struct store *s, long long id, char *out, size_t len);
void urenbank_org_code(struct store *s, long long org, char *out, size_t len);
/* Text for the journal: no control characters, no ';' (a comment there). */
void urenbank_journal_text(const char *in, char *out, size_t len);
/* The medewerker's organisation (0 when unknown). */
long long urenbank_medewerkers_org_id(struct store *s, long long medewerker);

/* ---- proeftuin context (urenbank.c) ---- */
struct pt {
	long long id;
	char code[48];
	char naam[200];
	char van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	char closed[DATE_TEXT_LEN]; /* the last settlement's tot; "" when none */
	long long rate, limit;
};
/* The proeftuin with this code: 0, or -404. */
int urenbank_pt_load(struct store *s, const char *code, struct pt *pt, struct problem *p);
/* 422 when the proeftuin is settled through its tot. */
int urenbank_pt_check_open(const struct pt *pt, struct problem *p);
/* Whether something may still be posted on date: within the period and
 * after the last settlement (422 on param otherwise). */
int urenbank_pt_check_date(const struct pt *pt, const char *date, const char *param, struct problem *p);

/* ---- who may see and approve an entry (urenbank_uren.c) ----
 * The policy's view of entries (policy_allows_entry), with each
 * opdracht's principals and each organisation's code read once. A NULL
 * viewer sees everything (the command line, the demo). */
struct urenbank_sight {
	struct store *s;
	const struct actor *viewer;
	char verband[48], proeftuin[48];
	int all;            /* the viewer may see every entry of the proeftuin */
	json_t *principals; /* "opdracht id" → [codes] */
	json_t *codes;      /* "organisation id" → code */
};
void urenbank_sight_init(struct urenbank_sight *v, struct store *s, const struct actor *viewer, const char *pt);
/* policy_allows_entry(viewer, action, the entry). */
int urenbank_sight_allows(struct urenbank_sight *v, enum action action, long long opdracht, long long staff_org,
			  long long medewerker);
/* The codes of the approvers of such an entry, ", "-separated, into out. */
void urenbank_sight_approvers(struct urenbank_sight *v, long long opdracht, long long staff_org, char *out, size_t len);
void urenbank_sight_release(struct urenbank_sight *v);
/* Removes from an entry in API shape what only those who may read the
 * person's hours see: who, what, and who reviewed it. */
void urenbank_uren_conceal(json_t *entry);

/* ---- members, balances and posting (urenbank_boeken.c) ---- */
/* A member's running balance into b: 1, or 0 when org is no member. */
int urenbank_member_balance(struct store *s, long long ptid, long long org, struct ledger_balance *b);
int urenbank_is_member(struct store *s, long long ptid, long long org);
/* Adds to a member's running balance. */
int urenbank_member_add(struct store *s, long long ptid, long long org, long long brought, long long taken, long long deposited,
			long long committed, struct problem *p);
/* The same, held back in batch b when it defers (b may be NULL). */
int urenbank_member_add_in(struct urenbank_batch *b, struct store *s, long long ptid, long long org, long long brought,
			   long long taken, long long deposited, long long committed, struct problem *p);

struct txn {
	const char *datum, *soort, *omschrijving;
	long long uren, storting, afrekening, tegen; /* 0 = none */
	long long staff_org; /* hours: the staff's organisation when known (else read from uren) */
	struct urenbank_batch *batch; /* an import's batch, or NULL */
	long long opdracht; /* hours: the entry's opdracht when known (for the monthly sums of a batch) */
};
/* Writes one transaction: the journal row, its postings (member indices
 * into orgs[]), and the running balances. *id_out gets the journal id. */
int urenbank_post(struct store *s, long long ptid, const struct txn *t, const struct ledger_posting *ps, size_t n,
		  const long long *orgs, long long *id_out, struct problem *p);
/* Refuses when any principal with draw[i] > 0 would fall below zero
 * available rights; names each with its shortfall. */
int urenbank_check_draws(struct store *s, const struct pt *pt, const long long *orgs, const int64_t *draw, size_t n,
			 const char *what, const char *what_end, const char *param, struct problem *p);
/* The same with the balances as batch b has them (b may be NULL). */
int urenbank_check_draws_in(struct urenbank_batch *b, struct store *s, const struct pt *pt, const long long *orgs,
			    const int64_t *draw, size_t n, const char *what, const char *what_end, const char *param,
			    struct problem *p);
/* Closes the open inzet of the opdrachten where_sql selects (one bound
 * integer arg): what it still commits is released. */
int urenbank_release_inzet(struct store *s, long long ptid, const char *where_sql, long long arg, struct problem *p);

/* ---- the lists of an opdracht, read for many at once (urenbank_opdrachten.c) ---- */
enum { OPDRACHT_GEVERS = 1, OPDRACHT_COMPETENTIES = 2, OPDRACHT_UIT = 4, OPDRACHT_INZET = 8, OPDRACHT_ALLES = 15 };
#define OPDRACHT_CHUNK 500
/* Fills the lists what of the opdrachten in byid ("12": opdracht, with
 * those lists empty) for the ids (n): a query per list and chunk of
 * OPDRACHT_CHUNK ids, none per opdracht. */
void urenbank_opdracht_lists(struct store *s, json_t *byid, const long long *ids, size_t n, int what);
/* One inzet as JSON from the columns from c on: id, medewerker_id, naam,
 * organisation code, minuten, status, beeindigd, beeindigd_reden. */
json_t *urenbank_inzet_row_json(struct db_stmt *st, int c);

/* ---- principals and opdrachten (urenbank_opdrachten.c) ---- */
struct principals {
	size_t n;
	long long org[MAX_MEMBERS];
	int64_t weight[MAX_MEMBERS];
};
/* The principals of opdracht, in their order (malloc'd; NULL: no memory). */
struct principals *urenbank_principals_load(struct store *s, long long opdracht);
int urenbank_principal_index(const struct principals *pr, long long org);
/* Member indices for the ledger: principals are 0..n-1, a provider that
 * is none of them is n. orgs[] maps back (n + 1 entries). */
void urenbank_ledger_members(const struct principals *pr, long long provider, int32_t *idx, long long *orgs, int32_t *prov);
/* The opdracht id of proeftuin ptid: its status into status (may be NULL);
 * 1 found, 0 not. */
int urenbank_opdracht_find(struct store *s, long long ptid, long long id, char *status, size_t len);
/* The 422 for an opdracht that is not open (param may be NULL). */
int urenbank_opdracht_not_open(struct store *s, long long id, const char *status, const char *param, struct problem *p);
/* What an inzet and an inzet request read first (urenbank_opdrachten.c):
 * the proeftuin, the opdracht's status (404 when absent), the body's
 * medewerker and minuten. */
int urenbank_inzet_input(struct store *s, const char *pt_code, long long id, json_t *in, struct pt *pt, char *status, size_t len,
			 long long *mw, long long *minuten, struct problem *p);
/* 0 when the staff's organisation provider is a member of pt; else the 422. */
int urenbank_provider_check(struct store *s, const struct pt *pt, long long provider, long long mw, struct problem *p);
/* The checks a merge and a merge proposal share (urenbank_opdrachten.c). */
int urenbank_merge_check(struct store *s, const char *pt_code, long long id, json_t *in, struct pt *pt, long long *met,
			 const char **titel, struct problem *p);

/* ---- a batch of imported entries (urenbank_import.c) ----
 * Each reads once per batch what it would read per entry without one; a
 * NULL batch (or another proeftuin or actor) reads from the database as
 * always. Only for what no imported entry changes. */
int urenbank_batch_pt(struct urenbank_batch *b, struct store *s, const char *code, struct pt *pt, struct problem *p);
/* As urenbank_opdracht_find. */
int urenbank_batch_opdracht(struct urenbank_batch *b, struct store *s, long long ptid, long long id, char *status, size_t len);
/* As urenbank_principals_load; *owned says whether the caller frees it. */
struct principals *urenbank_batch_principals(struct urenbank_batch *b, struct store *s, long long opdracht, int *owned);
/* As urenbank_org_code. */
void urenbank_batch_org_code(struct urenbank_batch *b, struct store *s, long long org, char *out, size_t len);
/* As urenbank_medewerkers_org_id and urenbank_is_member. */
long long urenbank_batch_staff_org(struct urenbank_batch *b, struct store *s, long long mw);
int urenbank_batch_member(struct urenbank_batch *b, struct store *s, long long ptid, long long org);
/* The batch's view for by on pt, or own initialised (the caller releases
 * it when the result is own). */
struct urenbank_sight *urenbank_batch_sight(struct urenbank_batch *b, struct store *s, const struct actor *by, const char *pt,
					    struct urenbank_sight *own);
/* The running sums a batch holds back until urenbank_batch_end: a
 * member's balance (brought, taken, deposited, committed), an opdracht's
 * totals (booked, approved), a flow (minutes, staff organisation,
 * principal; keyed by both). Only when urenbank_batch_defers. */
enum { URENBANK_BATCH_MEMBER, URENBANK_BATCH_OPDRACHT, URENBANK_BATCH_STROOM, URENBANK_BATCH_BOOKED, URENBANK_BATCH_KINDS };
int urenbank_batch_defers(const struct urenbank_batch *b, long long ptid);
/* Adds to the sums of the entry being imported: 0, or -1 (no memory). */
int urenbank_batch_defer(struct urenbank_batch *b, int kind, long long key, long long v0, long long v1, long long v2,
			 long long v3);
/* An opdracht's booked and approved minutes change by booked and approved
 * (migration 098), and its first booked hours (migration 108) with an
 * entry submitted at submitted (or NULL) or the rejection of one that was
 * submitted at rejected (or NULL); held back in a batch (b) that defers
 * for proeftuin ptid (urenbank_opdracht_stand.c). */
int urenbank_opdracht_totals(struct urenbank_batch *b, long long ptid, struct store *s, long long opdracht, long long booked,
			     long long approved, const char *submitted, const char *rejected, struct problem *p);
/* An inzet made on opdracht at aangemaakt: its first inzet (migration 108). */
int urenbank_opdracht_inzet_in(struct store *s, long long opdracht, const char *aangemaakt, struct problem *p);
/* Adds to a monthly sum or a status count (urenbank_maandcijfers.h,
 * URENBANK_TEL_*) of the entry being imported: 0, or -1 (no memory). A sum
 * of all months (maand "*") is left out: the end adds the months to it. */
int urenbank_batch_tel(struct urenbank_batch *b, int t, const char *maand, long long a, long long c, const char *soort,
		       long long n, long long m);
/* The entry's sums: kept (it was imported) or dropped (refused). */
void urenbank_batch_row(struct urenbank_batch *b, int keep);
/* As urenbank_member_balance, with what the batch holds back. */
int urenbank_batch_balance(struct urenbank_batch *b, struct store *s, long long ptid, long long org, struct ledger_balance *bal);
/* A medewerker's minuten submitted or approved on an opdracht, and its
 * open inzet there: read once per batch, then what the batch's lines
 * booked is added (urenbank_batch_booked_add after each insert). */
long long urenbank_batch_booked(struct urenbank_batch *b, struct store *s, long long ptid, long long opdracht, long long mw);
int urenbank_batch_booked_add(struct urenbank_batch *b, long long ptid, long long opdracht, long long mw, long long minuten);
long long urenbank_batch_inzet(struct urenbank_batch *b, struct store *s, long long ptid, long long opdracht, long long mw);
/* An entry of the batch failed after it began to write (it runs without a
 * savepoint of its own): what follows is refused, and so is the end. */
void urenbank_batch_break(struct urenbank_batch *b);
int urenbank_batch_broken(const struct urenbank_batch *b);
/* urenbank_uren_import with a batch (may be NULL). */
int urenbank_uren_import_in(struct store *s, struct urenbank_batch *b, const struct actor *by, const char *pt, json_t *in,
			    int approve, long long *id, struct problem *p);

#endif
