/* page_urenbank.h — the pages of the hours exchange (urenbank):
 *   GET  /proeftuinen                          the proeftuinen
 *   GET  /proeftuinen/{p}                      overview: opdrachten by soort and status, who works for whom
 *   GET  /proeftuinen/{p}/saldi                balances as a table and a chart with the credit limit
 *                                              (page_urenbank_afrekening.c)
 *   GET  /proeftuinen/{p}/journaal             the journal as a download (hledger/ledger)
 *   GET  /proeftuinen/{p}/afrekening           settlement preview; the process manager's confirmation step
 *   POST /proeftuinen/{p}/afrekening           settles for real
 *   GET  /proeftuinen/{p}/opdrachten           the opdrachten: search, filter, sort, pages, CSV
 *   GET  /proeftuinen/{p}/uren                 the urenregels: likewise (page_urenbank_lijsten.c)
 *   GET  /proeftuinen/{p}/uren/nieuw           booking form (page_urenbank_uren.c)
 *   POST /proeftuinen/{p}/uren                 submits an entry
 *   GET  /proeftuinen/{p}/goedkeuren           the approval queue of the principal's manager
 *   POST /proeftuinen/{p}/uren/{id}/goedkeuren approves, …/afkeuren rejects with a reason
 *   GET  /proeftuinen/{p}/instemmingen         what waits for consent, every request and its answers
 *                                              (page_urenbank_instemming.c); POST …/instemmingen/{soort}/{id}
 *                                              answers, POST …/inzet/{id}/beeindigen ends an inzet
 *
 * Everything works without JavaScript: forms POST with the session's CSRF
 * token, a success answers 303 to a page that says what happened, a
 * refusal renders the form again with the message next to its field. An
 * action the actor may not do (policy.h) is not shown. Reading needs a
 * signed-in account (as the API: medewerkers-lezen).
 *
 * page_urenbank.c holds the helpers below, the list and the overview, and
 * routes all of them; the helpers are shared by the three files. */
#ifndef SAMEN_WEB_PAGE_URENBANK_H
#define SAMEN_WEB_PAGE_URENBANK_H
#include <jansson.h>
#include "web/pages.h"

extern const struct route page_urenbank_routes[];
/* The opdracht pages (page_urenbank_opdrachten.c, page_urenbank_opdracht_form.c):
 *   GET  /proeftuinen/{p}/opdrachten                 every opdracht, with a link to announce one
 *   GET  /proeftuinen/{p}/opdrachten/nieuw           announce an opdracht (all three kinds)
 *   POST /proeftuinen/{p}/opdrachten                 …
 *   GET  /proeftuinen/{p}/opdrachten/{id}            one opdracht: who pays, competences, inzet, hours;
 *                                                    the forms to staff it, close it and merge it
 *   GET  /proeftuinen/{p}/opdrachten/{id}/bewerken   change it
 *   POST /proeftuinen/{p}/opdrachten/{id}/bewerken   …
 *   POST /proeftuinen/{p}/opdrachten/{id}/inzet      staff it (a medewerker and hours)
 *   POST /proeftuinen/{p}/opdrachten/{id}/afronden   close it; open inzet comes free
 *   POST /proeftuinen/{p}/opdrachten/{id}/samenvoegen merge it with another
 * Who may is the API's: opdracht-wijzigen for every principal, inzetten for
 * the staff member's organisation, merging for the process manager or the
 * manager who is the principal of both. */
extern const struct route page_urenbank_opdracht_routes[];
int page_urenbank_opdracht_new(struct request *rq, struct response *rs);
int page_urenbank_opdracht_create(struct request *rq, struct response *rs);
int page_urenbank_opdracht_edit(struct request *rq, struct response *rs);
int page_urenbank_opdracht_update(struct request *rq, struct response *rs);

/* The handlers of page_urenbank_uren.c, routed in page_urenbank.c. */
int page_uren_form(struct request *rq, struct response *rs);
int page_uren_submit(struct request *rq, struct response *rs);
int page_queue(struct request *rq, struct response *rs);
int page_approve(struct request *rq, struct response *rs);
int page_reject(struct request *rq, struct response *rs);
/* The handlers of page_urenbank_instemming.c (consent: /instemmingen, and
 * ending an inzet), routed in page_urenbank.c. */
int page_urenbank_instemming(struct request *rq, struct response *rs);
int page_urenbank_instemming_post(struct request *rq, struct response *rs);
int page_urenbank_inzet_end(struct request *rq, struct response *rs);
/* The handlers of page_urenbank_lijsten.c, routed in page_urenbank.c. */
int page_urenbank_opdrachten(struct request *rq, struct response *rs);
int page_urenbank_uren_lijst(struct request *rq, struct response *rs);
/* The handlers of page_urenbank_afrekening.c, routed in page_urenbank.c. */
int page_urenbank_saldi(struct request *rq, struct response *rs);
/* page_urenbank_journaal.c: the journal per period, and whole on request. */
int page_urenbank_journal(struct request *rq, struct response *rs);
int page_urenbank_settlement(struct request *rq, struct response *rs);
int page_urenbank_settle(struct request *rq, struct response *rs);
/* page_urenbank_evaluatie.c: the evaluation figures over a period, with CSV per table. */
int page_urenbank_evaluatie(struct request *rq, struct response *rs);
/* page_urenbank_aanbod.c: offers of capacity — the list, the form to offer,
 * and per open offer the forms to put it on an opdracht and to withdraw it:
 *   GET  /proeftuinen/{p}/aanbod, POST /proeftuinen/{p}/aanbod,
 *   POST /proeftuinen/{p}/aanbod/{id}/inzet, POST /proeftuinen/{p}/aanbod/{id}/intrekken */
int page_urenbank_aanbod(struct request *rq, struct response *rs);
int page_urenbank_aanbod_create(struct request *rq, struct response *rs);
int page_urenbank_aanbod_convert(struct request *rq, struct response *rs);
int page_urenbank_aanbod_withdraw(struct request *rq, struct response *rs);
/* page_urenbank_leren.c: the MT's leerervaringen and bijsturing, and the form to record one. */
int page_urenbank_leren(struct request *rq, struct response *rs);
int page_urenbank_leren_form(struct request *rq, struct response *rs);
int page_urenbank_leren_submit(struct request *rq, struct response *rs);
/* page_urenbank_rapport.c: the reports to the colleges (issue 11, point 4):
 *   GET  /proeftuinen/{p}/rapporten       the list, and the form to adopt one (the process manager)
 *   POST /proeftuinen/{p}/rapporten       adopts it; 303 to the report
 *   GET  /proeftuinen/{p}/rapporten/{id}  the report in the site; ?formaat=md or pdf downloads it */
extern const struct route page_urenbank_rapport_routes[];

/* A proeftuin of the path, loaded for a page. */
struct page_urenbank_page {
	const char *code;
	json_t *pt;       /* urenbank_proeftuin_get(); owned */
	char verband[48]; /* "" when none */
	int closed;       /* afgerekend through its end */
	int member;       /* the actor's organisation is a member */
};

/* Loads the proeftuin of {p} after checking the actor may read it; on
 * failure rs holds the error page and -1 is returned. Release with
 * page_urenbank_page_release(). */
int page_urenbank_page_load(struct request *rq, struct response *rs, struct page_urenbank_page *pg);
void page_urenbank_page_release(struct page_urenbank_page *pg);
/* Whether the actor may do action for org (may be NULL) in this proeftuin
 * (by its code or its verband), as the API decides it. */
int page_urenbank_may(struct request *rq, const struct page_urenbank_page *pg, enum action action, const char *org);
/* page_begin(), the breadcrumb, the heading and the proeftuin's own
 * navigation (current marks the page: "overzicht", "boeken",
 * "goedkeuren", "saldi", "afrekening"). */
void page_urenbank_begin(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const char *title,
			 const char *current);

/* "12:30 uur" (with "−" when negative). */
void page_urenbank_hours(struct buf *b, long long minutes);
/* "€ 1.234,56" (with "−" when negative). */
void page_urenbank_money(struct buf *b, long long cents);
/* A role="status" message box. */
void page_urenbank_note(struct buf *b, const char *message);
/* A select of a form whose choices run to thousands at national scale
 * (staff, opdrachten) shows at most PAGE_URENBANK_CHOICES; above that, a
 * search form (GET, to the page itself) narrows them on the server. One
 * search field per select (name is its query parameter, value what was
 * asked: page_urenbank_search_value), ending with { NULL }; the form is
 * only drawn when a select has more than it shows or a search was made. */
#define PAGE_URENBANK_CHOICES 200
struct page_urenbank_search {
	const char *name, *label, *value;
	long long shown, total; /* total: counted up to shown + 1 */
};
const char *page_urenbank_search_value(struct request *rq, const char *name);
void page_urenbank_choice_search(struct buf *b, const char *action, const struct page_urenbank_search *fields);
/* The same, keeping one more query parameter (keep=keep_value) in the search. */
void page_urenbank_choice_search_keep(struct buf *b, const char *action, const struct page_urenbank_search *fields,
				      const char *keep, const char *keep_value);
/* The href of a page of the proeftuin: "/proeftuinen/<code><rest>". */
void page_urenbank_href(struct buf *b, const struct page_urenbank_page *pg, const char *rest);
/* {id: titel} of every opdracht of the proeftuin (a new object). */
json_t *page_urenbank_opdracht_titles(struct request *rq, const struct page_urenbank_page *pg);
/* {code: naam} of every organisation (a new object). */
json_t *page_urenbank_org_names(struct request *rq);

/* An opdracht of the path {id} in a loaded proeftuin: 0 with *o (owned), or
 * -1 with the 404 page. */
int page_urenbank_opdracht_load(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, json_t **o);
/* Whether the actor may change opdracht o for every one of its principals. */
int page_urenbank_may_write(struct request *rq, const struct page_urenbank_page *pg, json_t *o);
/* "/proeftuinen/<p>/opdrachten/<id><rest>" into out. */
/* Whether the actor may announce a new opdracht in this proeftuin. */
int page_urenbank_may_announce(struct request *rq, const struct page_urenbank_page *pg);
void page_urenbank_opdracht_href(char *out, size_t len, const struct page_urenbank_page *pg, long long id, const char *rest);
/* The competences that apply in the proeftuin (its verband's list and the
 * shared one), [{"code","naam"}] (a new array). */
json_t *page_urenbank_competences(struct request *rq, const struct page_urenbank_page *pg);

#endif
