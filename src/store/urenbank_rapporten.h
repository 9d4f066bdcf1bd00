/* urenbank_rapporten.h — the proeftuin's reports to the colleges (issue 11,
 * point 4; docs/urenbank.md "Rapportage aan de colleges"): a tussentijdse
 * rapportage or an eindevaluatie over a period, with the advice the process
 * manager chose and argued (doorgaan, bijstellen, stoppen), dated and
 * signed. Only the record is stored; the figures are computed from the
 * bookings when the report is read (report/urenbank_rapport.h). Who may
 * write is for the caller to ask policy.c (urenbank-beheren).
 *
 * Conventions as urenbank.h: 0, or -status with p filled (400 a field,
 * 404 an unknown proeftuin or report, 422 a period outside the proeftuin);
 * outputs are new references the caller owns, in the API's shape
 * Proeftuinrapport:
 *   {"id","proeftuin","soort","van","tot","datum","advies","toelichting","aangemaakt","door"} */
#ifndef SAMEN_STORE_URENBANK_RAPPORTEN_H
#define SAMEN_STORE_URENBANK_RAPPORTEN_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

/* in: {"soort","advies","toelichting","van"?,"tot"?,"datum"?}; van and tot
 * default to the proeftuin's period, datum (when it was adopted) to today. */
int urenbank_rapporten_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
			      struct problem *p);
int urenbank_rapporten_get(struct store *s, const char *pt, long long id, json_t **out, struct problem *p);
/* By date, oldest first. */
int urenbank_rapporten_list(struct store *s, const char *pt, json_t **out, struct problem *p);

/* The work stock as it stood at the end of day peil (JJJJ-MM-DD), from the
 * moments samen recorded (submitting, staffing, booking, review, closing,
 * merging; UTC):
 *   {"peildatum","open","afgerond","samengevoegd",
 *    "leeftijd":[{"klasse","aantal"}]            open opdrachten by age since submitting,
 *    "wachtOpInzet":[{"id","titel","ingediend","wachtDagen"}]  open, without inzet and hours,
 *    "overRaming":[{"id","titel","geraamdMinuten","besteedMinuten","overMinuten"}],
 *    "teBeoordelen":{"aantal","minuten"}}          entries booked and not yet reviewed */
int urenbank_rapporten_werkvoorraad(struct store *s, const char *pt, const char *peil, json_t **out, struct problem *p);

#endif
