/* urenbank.h — the hours exchange (proeftuin) in the store: proeftuinen and
 * their members, opdrachten (lokaal, meervoudig-lokaal, regionaal) and
 * merging them, inzet that commits drawing rights, hour entries that are
 * submitted, approved, rejected and corrected, deposits, balances, the
 * journal in hledger/ledger format, settlement and verification. The
 * accounting itself is src/core/ledger.h; this module decides what to
 * post and writes it. (The stored responses behind Idempotency-Key are
 * store/idempotency.h.)
 *
 * Where it is written (what the files share: urenbank_intern.h):
 *  - urenbank.c             small helpers, the proeftuin of a request, proeftuinen
 *  - urenbank_boeken.c      balances, posting into the journal, drawing rights,
 *                           releasing commitments
 *  - urenbank_opdrachten.c  principals, opdrachten, merging, inzet
 *  - urenbank_uren.c        hour entries
 *  - urenbank_afrekening.c  stortingen, saldi, afrekening
 *  - urenbank_journaal.c    the journal as hledger/ledger text, its days kept in files
 *  - urenbank_controle.c    urenbank_verify
 *  - urenbank_overzicht.c, urenbank_demo.c: see their headers.
 *
 * Conventions, as in register.h:
 *  - Inputs are jansson objects in API shape (docs/api.md "Hours exchange");
 *    every field is checked first (400 with invalid params), then the
 *    rules (404 for an unknown proeftuin/object in the path, 422 for an
 *    unknown reference in the body or a rule that refuses), and only then
 *    is anything written, in one transaction (a savepoint when the caller
 *    already holds one: wrap several calls in db_begin/db_commit to make
 *    an import all-or-nothing).
 *  - Outputs are new jansson references in API shape; the caller owns them.
 *  - Functions return 0, or -status with p filled.
 *  - by is who acts (recorded as its name; NULL = "systeem"). The store
 *    knows no roles: authorisation is the caller's (policy.h).
 *
 * Invariants kept here (and checked by urenbank_verify):
 *  - journal rows are only inserted; a correction is a reversing
 *    transaction dated as the entry it corrects;
 *  - each member's gebracht/gehaald/gestort in proeftuin_leden equals the
 *    sum of its postings in the journal; vastgelegd equals the open
 *    commitments of its inzet;
 *  - no accepted operation leaves a member's beschikbaar (saldo +
 *    kredietlimiet − vastgelegd) below zero: inzet, approval, correction
 *    and an intermediate settlement that would, are refused with 422;
 *  - nothing is booked, approved, corrected or deposited on a date up to
 *    and including the last settlement (422). */
#ifndef SAMEN_STORE_URENBANK_H
#define SAMEN_STORE_URENBANK_H
#include <jansson.h>
#include <stddef.h>
#include "core/policy.h"
#include "store/page.h"
#include "store/listing.h"
#include "store/store.h"

/* ---- proeftuinen -------------------------------------------------------
 * {"code","naam","omschrijving","verband","van","tot","tariefCenten",
 *  "kredietlimietMinuten","leden":["GM0505",…]}
 * Out adds "status" ("open" | "afgerekend": settled through tot) and
 * "afgerekendTot" (the last settlement's date or null). */
int urenbank_proeftuin_create(struct store *s, const struct actor *by, json_t *in, json_t **out, struct problem *p);
int urenbank_proeftuin_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *urenbank_proeftuin_list(struct store *s);
json_t *urenbank_proeftuin_page(struct store *s, struct store_page *pg);
/* The code of the verband a proeftuin belongs to into verband ("" when
 * none), for scoping a procesmanager: 0, or -404. */
int urenbank_proeftuin_verband(struct store *s, const char *code, char *verband, size_t len, struct problem *p);
/* The member codes of a proeftuin, in their order (a new array): 0 or -404. */
int urenbank_members(struct store *s, const char *code, json_t **out, struct problem *p);

/* ---- choices for a form --------------------------------------------------
 * A form's select of staff or opdrachten at national scale: the first limit
 * that match, and *total the matches counted up to limit + 1 (enough to
 * say there are more and a search should narrow them). */
struct urenbank_choice {
	const char *org;  /* staff of this member only; NULL: of every member */
	long long only;   /* this medewerker only (a medewerker books for themselves); 0: anyone */
	const char *zoek; /* a part of the name or function (opdrachten: title, description, contact); NULL: all */
	long long limit;  /* at most this many */
};
/* Staff of the members of the proeftuin, not pseudonymised, in the order
 * of the members and by id: {"id","naam","functie","organisatie"}. */
int urenbank_staff_choices(struct store *s, const char *pt, const struct urenbank_choice *c, json_t **out, long long *total,
			   struct problem *p);
/* The open opdrachten by id (of principal c->org, or all), with their
 * opdrachtgevers (no inzet or competences): urenbank_opdracht_get's
 * fields with those lists empty. */
int urenbank_opdracht_choices(struct store *s, const char *pt, const struct urenbank_choice *c, json_t **out, long long *total,
			      struct problem *p);

/* The inzet of org's staff on the open opdrachten, one row per opdracht and
 * medewerker (minutes added): {"opdracht","titel","naam","minuten"}. */
int urenbank_inzet_of(struct store *s, const char *pt, const char *org, json_t **out, struct problem *p);

/* A page (limit at most 500) of the open inzet on open opdrachten (ended
 * inzet too when ended_too; of org's staff or on org's opdrachten, NULL:
 * all), by opdracht and id: inzet as in an opdracht with
 * "opdracht":{"id","titel","opdrachtgevers"}; *total all of them. */
int urenbank_open_inzet(struct store *s, const char *pt, const char *org, int ended_too, long long offset, long long limit,
			json_t **out, long long *total, struct problem *p);

/* ---- opdrachten --------------------------------------------------------
 * {"soort","titel","omschrijving","contactpersoon","geraamdeMinuten",
 *  "opdrachtgevers":[{"organisatie","aandeel"}],"verdeelsleutel",
 *  "competenties":[{"competentie","niveau"}]}
 * Out adds "id","proeftuin","status","samengevoegdIn","samengevoegdUit",
 * "inzet":[…],"geboektMinuten","goedgekeurdMinuten"; opdrachtgevers
 * carry "naam". */
int urenbank_opdracht_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
			     struct problem *p);
int urenbank_opdracht_get(struct store *s, const char *pt, long long id, json_t **out, struct problem *p);
/* Filters may be NULL: status, soort, organisatie (a principal). */
/* Every opdracht's title by id ("12": "…"), in one query: for lists that
 * name the opdracht of each row. An unknown proeftuin gives an empty object. */
json_t *urenbank_opdracht_titles(struct store *s, const char *ptc);
int urenbank_opdracht_list(struct store *s, const char *pt, const char *status, const char *soort, const char *org, json_t **out,
			   struct problem *p);
int urenbank_opdracht_page(struct store *s, const char *ptc, const char *status, const char *soort, const char *org,
			   struct store_page *pg, json_t **out, struct problem *p);
/* The same a page at a time (store/listing.h: search in titel,
 * contactpersoon and omschrijving; sort nr, titel, soort, status or
 * geraamd); *total the opdrachten before paging. l NULL: all, by id. */
int urenbank_opdracht_list_page(struct store *s, const char *pt, const char *status, const char *soort, const char *org,
				const struct listing *l, json_t **out, long long *total, struct problem *p);
/* The principals' codes of opdracht id (a new array), for authorisation: 0 or -404. */
int urenbank_opdracht_principals(struct store *s, const char *pt, long long id, json_t **out, struct problem *p);
/* {"met":ID,"titel"?}: a new opdracht of both principals (weights added),
 * the two become samengevoegd and their open inzet is released. */
int urenbank_opdracht_merge(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			    struct problem *p);
/* Changes an open opdracht: the members of {"titel","omschrijving",
 * "contactpersoon","geraamdeMinuten","competenties"} that are present (null
 * clears an optional one; competenties replaces the list). Its soort and
 * principals stay as they are: staff may be committed on their shares.
 * 400 for a field error or another member, 404 unknown, 422 not open. */
int urenbank_opdracht_update(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			     struct problem *p);
/* Marks an open opdracht afgerond and releases its open inzet. */
int urenbank_opdracht_close(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out,
			    struct problem *p);
/* {"medewerker":ID,"minuten":N}: commits each other principal's share. */
int urenbank_inzet_create(struct store *s, const struct actor *by, const char *pt, long long opdracht, json_t *in, json_t **out,
			  struct problem *p);

/* ---- instemming (urenbank_instemming.c) --------------------------------
 * Consent where someone else's drawing rights are used. consented is an
 * array of the principals' codes the actor consents for itself (the API
 * asks the policy: 'instemmen'); every other principal concerned is asked.
 * Requests and proposals answer {"id","soort":"samenvoeging"|"inzet",
 * "proeftuin","status":gevraagd|aanvaard|geweigerd|vervallen,
 * "instemmingen":[{"organisatie","naam","antwoord","door","op","reden"}],…}. */
/* {"met","titel"?}: when every principal of both opdrachten is in
 * consented, merges at once (*done = 1, out the new opdracht as
 * urenbank_opdracht_merge); otherwise a proposal (*done = 0). */
int urenbank_merge_request(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t *consented,
			   json_t **out, int *done, struct problem *p);
/* {"medewerker","minuten"}: when every principal but the staff member's own
 * organisation is in consented, the inzet is made at once (*done = 1, out
 * as urenbank_inzet_create); otherwise a request that commits nothing yet. */
int urenbank_inzet_request(struct store *s, const struct actor *by, const char *pt, long long opdracht, json_t *in,
			   json_t *consented, json_t **out, int *done, struct problem *p);
/* org's answer (yes: akkoord; no: geweigerd, {"reden"} required) to the
 * request of soort ("samenvoeging" or "inzet") id. The last akkoord makes
 * it take effect (the merge or the inzet, with its own checks: a 422 then
 * leaves the answer unrecorded); one refusal ends it. */
int urenbank_consent_answer(struct store *s, const struct actor *by, const char *pt, const char *soort, long long id,
			    const char *org, int yes, json_t *in, json_t **out, struct problem *p);
/* The codes of the organisations asked in request soort id (for authorisation). */
int urenbank_consent_parties(struct store *s, const char *pt, const char *soort, long long id, json_t **out, struct problem *p);
/* The requests of proeftuin pt: those waiting for org's answer, or all
 * when org is NULL. */
int urenbank_consent_list(struct store *s, const char *pt, const char *org, json_t **out, struct problem *p);
/* One page of that list (store/page.h; pg NULL: all), in its order. */
int urenbank_consent_page(struct store *s, const char *pt, const char *org, struct store_page *pg, json_t **out,
			  struct problem *p);
/* What waits for org's answer in every proeftuin (its "Mijn samen"). */
int urenbank_consents_pending(struct store *s, const char *org, json_t **out, struct problem *p);
/* {"reden"}: ends an open inzet; what it still commits is released.
 * Answers the opdracht. */
int urenbank_inzet_end(struct store *s, const struct actor *by, const char *pt, long long inzet, json_t *in, json_t **out,
		       struct problem *p);
/* The staff organisation and the principals (a new array) of an inzet. */
int urenbank_inzet_parties(struct store *s, const char *pt, long long inzet, char *provider, size_t len, json_t **principals,
			   struct problem *p);

/* ---- uren --------------------------------------------------------------
 * {"medewerker","opdracht","datum","minuten","omschrijving"} → status
 * ingediend. Out: {"id","proeftuin","opdracht","medewerker","medewerkerNaam",
 * "organisatie","datum","minuten","omschrijving","status","reden",
 * "ingediend","ingediendDoor","beoordeeld","beoordeeldDoor","transactie",
 * "correctie","posten":[{"organisatie","soort","minuten"}]}. */
int urenbank_uren_submit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p);
int urenbank_uren_approve(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out, struct problem *p);
/* {"reden"} (required). */
int urenbank_uren_reject(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			 struct problem *p);
/* {"reden"?}: reverses an approved entry. */
int urenbank_uren_correct(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			  struct problem *p);
/* For imports (a time-registration export, the benchmark): submits an
 * entry as urenbank_uren_submit and, when approve, approves it at once as
 * urenbank_uren_approve, in one transaction, without building JSON; *id
 * (may be NULL) gets its id. Wrap many calls in db_begin()/db_commit() for
 * an all-or-nothing import: each failed line rolls back only itself and
 * says why in p (param names as in the API: medewerker, opdracht, datum,
 * minuten), so the caller can report per line and then roll back. */
/* A batch of such imports in one transaction (samen uren import, the
 * benchmarks): what no imported entry changes (the proeftuin, each
 * opdracht's status and principals, each medewerker's organisation, the
 * members, the importer's four-eyes view) is read once, the rest per
 * entry; every rule as urenbank_uren_import. The running sums the entries
 * change (balances, opdracht totals, flows) are added up in the batch and
 * written by urenbank_batch_end, once per key. Made after db_begin(),
 * ended before db_commit() (or freed before a rollback); nothing else may
 * write to the proeftuin meanwhile; by and pt must outlive it. */
struct urenbank_batch;
struct urenbank_batch *urenbank_batch_new(struct store *s, const struct actor *by, const char *pt);
int urenbank_batch_import(struct urenbank_batch *b, json_t *in, int approve, long long *id, struct problem *p);
/* Writes the sums the batch held back (balances, totals, flows) and frees
 * it: call before db_commit(); 0, or -status with p filled (roll back). */
int urenbank_batch_end(struct urenbank_batch *b, struct problem *p);
/* Frees the batch without writing (before a rollback). */
void urenbank_batch_free(struct urenbank_batch *b);
int urenbank_uren_import(struct store *s, const struct actor *by, const char *pt, json_t *in, int approve, long long *id,
			 struct problem *p);
/* An entry as viewer may see it: who worked, what and who reviewed it
 * (medewerker, medewerkerNaam, omschrijving, reden, ingediendDoor,
 * beoordeeldDoor, gecorrigeerdDoor) only when the policy lets viewer read
 * the person's hours (policy_allows_entry, ACT_HOURS_READ); NULL viewer:
 * everything. */
int urenbank_uren_get(struct store *s, const struct actor *viewer, const char *pt, long long id, json_t **out, struct problem *p);
struct urenbank_uren_filter {
	const char *status;         /* ingediend, goedgekeurd, afgekeurd, gecorrigeerd */
	const char *opdrachtgever;  /* entries on opdrachten of this principal */
	const char *organisatie;    /* entries of staff of this organisation */
	long long medewerker;       /* 0 = all */
	long long opdracht;         /* 0 = all */
	long long after;            /* ids above this (paging) */
	long long limit;            /* 0 = 1000; at most 10000 */
	const char *goedkeurder;    /* entries whose approval is this organisation's (the approval queue; four eyes) */
	const struct actor *viewer; /* whose view (as urenbank_uren_get); NULL: everything */
	/* A page's table (store/listing.h), instead of after and limit: search
	 * in the person's name and the description; sort datum, medewerker,
	 * organisatie, uren or status. NULL: by id. */
	const struct listing *listing;
	long long *total;      /* with listing, when not NULL: the entries before paging */
	const char *van, *tot; /* datum within [van, tot] (YYYY-MM-DD), each may be NULL */
};
int urenbank_uren_list(struct store *s, const char *pt, const struct urenbank_uren_filter *f, json_t **out, struct problem *p);
/* One page (store/page.h) after the cursor f->after; pg->limit replaces f->limit. */
int urenbank_uren_page(struct store *s, const char *pt, const struct urenbank_uren_filter *f, struct store_page *pg, json_t **out,
		       struct problem *p);
/* Whether actor may do action (ACT_HOURS_APPROVE, ACT_HOURS_READ) on
 * entry id, as policy_allows_entry decides: 1 or 0, or -status (404).
 * approvers (may be NULL) receives the codes of those whose manager
 * approves it, ", "-separated. */
int urenbank_uren_may(struct store *s, const struct actor *a, enum action action, const char *pt, long long id, char *approvers,
		      size_t len, struct problem *p);
/* The staff organisation and principals (a new array) of an entry, for
 * authorisation: 0 or -404. */
int urenbank_uren_parties(struct store *s, const char *pt, long long id, char *medewerkers_org, size_t len, json_t **principals,
			  struct problem *p);

/* ---- stortingen ----------------------------------------------------------
 * {"organisatie","bedragCenten","datum"?,"omschrijving"?} →
 * {"id","organisatie","datum","bedragCenten","tariefCenten","minuten",
 *  "omgerekendCenten","restCenten"}. Without datum: today, kept within the
 * open part of the proeftuin's period. */
int urenbank_deposit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p);
int urenbank_deposit_list(struct store *s, const char *pt, json_t **out, struct problem *p);
int urenbank_deposit_page(struct store *s, const char *ptc, struct store_page *pg, json_t **out, struct problem *p);

/* ---- saldi, journaal, afrekening ------------------------------------- */
/* Per member {"organisatie","naam","gebrachtMinuten","gehaaldMinuten",
 * "gestortMinuten","saldoMinuten","vastgelegdMinuten","beschikbaarMinuten",
 * "kredietlimietMinuten","restCenten"}, in member order. */
int urenbank_saldi(struct store *s, const char *pt, json_t **out, struct problem *p);
/* Where the journal goes: text(ctx, …) in pieces, and, when copy is set,
 * pieces of a file as they are (copy(ctx, fd, offset, length): a kept
 * day; NULL: read and handed to text). Either returns < 0 to stop; then
 * the function returns -500. */
struct urenbank_journal_out {
	int (*text)(void *ctx, const char *text, size_t len);
	int (*copy)(void *ctx, int fd, long long offset, long long len);
	void *ctx;
	int keep; /* use and keep days in files (the server); 0: render all (a one-off export) */
};
/* The journal as hledger/ledger text, as viewer may see it: an hour
 * entry of a person whose hours viewer may not read shows the
 * organisation, not the medewerker or the description; NULL viewer:
 * everything. One account per member, "leden:<code>", in minutes ("min"),
 * whose total is its saldoMinuten; the pot is "pot:stortingen".
 * docs/urenbank.md describes the format. Put together from kept days
 * (urenbank_journaal.c). */
int urenbank_journal(struct store *s, const struct actor *viewer, const char *pt, const struct urenbank_journal_out *out,
		     struct problem *p);
/* The same for one page of its transactions (pg: in the journal's order,
 * each with all its postings; pg->total the transactions), a journal of
 * its own with the header and declarations, passed to emit in pieces;
 * pg NULL: the whole journal. */
int urenbank_journal_page(struct store *s, const struct actor *viewer, const char *pt, struct store_page *pg,
			  int (*emit)(void *ctx, const char *text, size_t len), void *ctx, struct problem *p);
/* The same for the transactions dated van … tot (both included,
 * JJJJ-MM-DD): a journal of its own, with the header and declarations. */
int urenbank_journal_period(struct store *s, const struct actor *viewer, const char *pt, const char *van, const char *tot,
			    const struct urenbank_journal_out *out, struct problem *p);
/* Removes the journal's kept days of the database db (a path or
 * connection string): after a restore they may no longer match it. */
void urenbank_journal_cache_clear(const char *db);
/* The months that have transactions, newest first: ["JJJJ-MM", …]. */
int urenbank_journal_months(struct store *s, const char *pt, json_t **out, struct problem *p);
/* {"tot"?} (default: the proeftuin's tot): turns every member's saldo as
 * of tot into money at the rate and closes the period:
 * {"id","proeftuin","tot","tariefCenten","regels":[{"organisatie","naam",
 *  "saldoMinuten","bedragCenten","restCenten"}],"totaalCenten"}. */
int urenbank_settle(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p);
/* The same answer for tot (NULL = the proeftuin's tot) without writing. */
int urenbank_settle_preview(struct store *s, const char *pt, const char *tot, json_t **out, struct problem *p);
int urenbank_settlement_list(struct store *s, const char *pt, json_t **out, struct problem *p);
int urenbank_settlement_page(struct store *s, const char *ptc, struct store_page *pg, json_t **out, struct problem *p);

/* ---- verify ---------------------------------------------------------- */
struct urenbank_difference {
	char proeftuin[48];
	char organisatie[40]; /* "" for a transaction */
	char what[64];        /* "gebracht", "gehaald", "gestort", "vastgelegd", "transactie 12", … */
	long long kept;       /* incremental (table) value; for a transaction 0 */
	long long recomputed; /* from the journal; for a transaction its sum */
	/* A moment rather than a number (an opdracht's first inzet or hours): both
	 * as stored, "geen" for none; kept and recomputed are then seconds since
	 * 1970 (0 for none). "" otherwise. */
	char kept_text[32], recomputed_text[32];
};
struct urenbank_verify_stats {
	long long proeftuinen, members, transactions, postings;
};
/* Recomputes every balance (of proeftuin pt, or of all when NULL) from the
 * journal and the commitments, and reports each difference to report
 * (may be NULL). Returns the number of differences (0 = all agree), or
 * -status (an unknown proeftuin: -404). stats may be NULL. */
long long urenbank_verify(struct store *s, const char *pt, void (*report)(void *ctx, const struct urenbank_difference *d),
			  void *ctx, struct urenbank_verify_stats *stats, struct problem *p);

#endif
