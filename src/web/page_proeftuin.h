/* page_proeftuin.h — the pages of the hours exchange (urenbank):
 *   GET  /proeftuinen                          the proeftuinen
 *   GET  /proeftuinen/{p}                      overview: opdrachten by soort and status, who works for whom
 *   GET  /proeftuinen/{p}/saldi                balances as a table and a chart with the credit limit
 *   GET  /proeftuinen/{p}/journaal             the journal as a download (hledger/ledger)
 *   GET  /proeftuinen/{p}/afrekening           settlement preview; the process manager's confirmation step
 *   POST /proeftuinen/{p}/afrekening           settles for real
 *   GET  /proeftuinen/{p}/uren/nieuw           booking form (page_proeftuin_uren.c)
 *   POST /proeftuinen/{p}/uren                 submits an entry
 *   GET  /proeftuinen/{p}/goedkeuren           the approval queue of the principal's manager
 *   POST /proeftuinen/{p}/uren/{id}/goedkeuren approves, …/afkeuren rejects with a reason
 *
 * Everything works without JavaScript: forms POST with the session's CSRF
 * token, a success answers 303 to a page that says what happened, a
 * refusal renders the form again with the message next to its field. An
 * action the actor may not do (policy.h) is not shown. Reading needs a
 * signed-in account (as the API: medewerkers-lezen).
 *
 * The helpers below are shared by the two files. */
#ifndef SAMEN_PAGE_PROEFTUIN_H
#define SAMEN_PAGE_PROEFTUIN_H
#include <jansson.h>
#include "web/pages.h"

extern const struct route page_proeftuin_routes[];

/* The handlers of page_proeftuin_uren.c, routed in page_proeftuin.c. */
int page_uren_form(struct request *rq, struct response *rs);
int page_uren_submit(struct request *rq, struct response *rs);
int page_queue(struct request *rq, struct response *rs);
int page_approve(struct request *rq, struct response *rs);
int page_reject(struct request *rq, struct response *rs);

/* A proeftuin of the path, loaded for a page. */
struct pt_page {
	const char *code;
	json_t *pt;        /* exchange_proeftuin_get(); owned */
	char verband[48];  /* "" when none */
	int closed;        /* afgerekend through its end */
	int member;        /* the actor's organisation is a member */
};

/* Loads the proeftuin of {p} after checking the actor may read it; on
 * failure rs holds the error page and -1 is returned. Release with
 * pt_page_release(). */
int pt_page_load(struct request *rq, struct response *rs, struct pt_page *pg);
void pt_page_release(struct pt_page *pg);
/* Whether the actor may do action for org (may be NULL) in this proeftuin
 * (by its code or its verband), as the API decides it. */
int pt_may(struct request *rq, const struct pt_page *pg, enum action action, const char *org);
/* page_begin(), the breadcrumb, the heading and the proeftuin's own
 * navigation (current marks the page: "overzicht", "boeken",
 * "goedkeuren", "saldi", "afrekening"). */
void pt_begin(struct request *rq, struct response *rs, const struct pt_page *pg, const char *title, const char *current);

/* "12:30 uur" (with "−" when negative). */
void pt_hours(struct buf *b, long long minutes);
/* "€ 1.234,56" (with "−" when negative). */
void pt_money(struct buf *b, long long cents);
/* A role="status" message box. */
void pt_note(struct buf *b, const char *message);
/* The href of a page of the proeftuin: "/proeftuinen/<code><rest>". */
void pt_href(struct buf *b, const struct pt_page *pg, const char *rest);
/* {id: titel} of every opdracht of the proeftuin (a new object). */
json_t *pt_opdracht_titles(struct request *rq, const struct pt_page *pg);
/* {code: naam} of every organisation (a new object). */
json_t *pt_org_names(struct request *rq);

#endif
