/* urenbank_overzicht.h — read-only summaries of the hours exchange for the
 * pages (src/web/page_urenbank*.c): who works for whom, and how many
 * entries wait for whose approval. They read what urenbank_*.c wrote and
 * write nothing; the rules live there.
 *
 * Conventions as urenbank.h: 0, or -status with p filled (404 for an
 * unknown proeftuin); outputs are new jansson references the caller owns. */
#ifndef SAMEN_STORE_URENBANK_OVERZICHT_H
#define SAMEN_STORE_URENBANK_OVERZICHT_H
#include <jansson.h>
#include "store/store.h"

/* Who works for whom, from the journal: per pair of the organisation
 * whose staff worked and a principal of the opdracht, the approved minutes
 * that principal took, corrections subtracted:
 *   [{"organisatie","opdrachtgever","minuten"}] ordered by the members'
 * order. Work on one's own opdracht moves nothing and is not in it, so a
 * row's total is that member's gebracht and a column's its gehaald
 * (settlements aside). */
int urenbank_flows(struct store *s, const char *pt, json_t **out, struct problem *p);

/* The limit largest of those flows between two members (not to oneself),
 * largest first and then in the members' order, and *total how many there
 * are: for a proeftuin too large for a table of everyone with everyone. */
int urenbank_flows_largest(struct store *s, const char *pt, long long limit, json_t **out, long long *total, struct problem *p);

/* The number of submitted (ingediend) entries that org must approve
 * (policy_entry_approver; all when org is NULL). */
int urenbank_pending_count(struct store *s, const char *pt, const char *org, long long *count, struct problem *p);

/* The open opdrachten of proeftuin pt (of principal org; all when NULL)
 * and how many of them have nobody on them (no inzet at all), counted in
 * SQL: for Mijn samen, which lists only the first few (issue 12: 5 000 open
 * opdrachten nationally). */
int urenbank_open_count(struct store *s, const char *pt, const char *org, long long *open, long long *unstaffed,
			struct problem *p);

/* The newest n (at most 100) entries of staff of org (all when NULL),
 * newest first, in the shape of urenbank_uren_list() without postings. */
int urenbank_uren_recent(struct store *s, const char *pt, const char *org, int n, json_t **out, struct problem *p);

/* Entries per status: [{"status","aantal","minuten"}] for ingediend,
 * goedgekeurd, afgekeurd and gecorrigeerd, in that order (zeros included). */
int urenbank_uren_summary(struct store *s, const char *pt, json_t **out, struct problem *p);

/* The opdrachten per soort and status: [{"soort","status","aantal",
 * "goedgekeurdMinuten"}] (only the pairs there are), in one grouped query. */
int urenbank_opdracht_stand(struct store *s, const char *pt, json_t **out, struct problem *p);

/* The balances of every member as they stood at the end of datum, from the
 * journal (postings dated up to and including it), in member order:
 * [{"organisatie","naam","gebrachtMinuten","gehaaldMinuten","gestortMinuten",
 *   "saldoMinuten","kredietlimietMinuten"}]. Commitments (vastgelegd) are
 * kept as they are now, not per date, so they are not in it. */
int urenbank_saldi_on(struct store *s, const char *pt, const char *datum, json_t **out, struct problem *p);

#endif
