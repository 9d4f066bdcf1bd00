/* page_register_verloop.h — the register over time on the organisation and
 * verband pages (page_register_verloop.c): an organisation's validity,
 * changes, kaders, planned reports and what waits for it; a verband's
 * gastheer, documents, trekkers, meetings, evaluations, phased entries and
 * join notices; and the forms that change them. */
#ifndef SAMEN_WEB_PAGE_REGISTER_VERLOOP_H
#define SAMEN_WEB_PAGE_REGISTER_VERLOOP_H
#include <jansson.h>
#include "web/pages.h"

/* Sections of /organisaties/{code} for organisation org (as the register gives it). */
void page_register_org_verloop(struct request *rq, struct buf *b, json_t *org);
/* "Wat wacht op <naam>": a section listing what waits for organisation org —
 * its next steps in decision trails (besturing_trail_pending: the OR to ask
 * or whose advice is due, the college, the raad to consult or inform, each
 * linked to the trail) and the consents its manager must give in the
 * urenbank (urenbank_consents_pending: merge proposals and inzet requests,
 * linked to the proeftuin's Instemming page). Nothing when nothing waits.
 * On the organisation's page, and meant for a start page ("Mijn samen"). */
void page_register_wacht(struct request *rq, struct buf *b, const char *org, const char *naam);
/* POST /organisaties/{code}/wijziging: the beheerder changes it or records a herindeling. */
int page_register_org_wijziging(struct request *rq, struct response *rs);
/* POST /organisaties/{code}/kaders: someone of the organisation records its raad's kaders. */
int page_register_org_kaders(struct request *rq, struct response *rs);
/* POST /organisaties/{code}/rapportageplanning: someone of the organisation plans the next report to its raad. */
int page_register_org_plan(struct request *rq, struct response *rs);
/* Sections of /verbanden/{code} for verband v. */
void page_register_verband_afspraken(struct request *rq, struct buf *b, json_t *v);
/* POST /verbanden/{code}/afspraken: a document, meeting, evaluation or trekker. */
int page_register_verband_afspraak(struct request *rq, struct response *rs);
/* POST /verbanden/{code}/vergadering (agenda and minutes of one meeting of a
 * series) and /verbanden/{code}/evaluatie-uitkomst (an evaluation's outcome). */
int page_register_verband_vergadering(struct request *rq, struct response *rs);
int page_register_verband_evaluatie(struct request *rq, struct response *rs);

#endif
