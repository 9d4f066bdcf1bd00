/* urenbank_aanbod.h — offers as well as requests (issue 11,
 * docs/urenbank.md "Aanbod"): a member of a proeftuin announces capacity
 * it can spare — one of its medewerkers, or a competence — for so many
 * minutes in a period. Offers are visible to the network, used by the
 * matching (store/matching.c: urenbank_aanbod_open), and converted into
 * inzet through the urenbank's consent (urenbank_inzet_request): the offer
 * is the offering organisation's agreement, the opdrachtgevers are asked.
 * Who may do what is for the caller to ask policy.c: offering and
 * withdrawing is inzetten for the offering organisation; converting is
 * inzetten for it, or instemmen for an opdrachtgever of the opdracht.
 *
 * An offer's state is computed, never stored twice: gebruiktMinuten is
 * Σ its conversions into inzet plus those still asked of the
 * opdrachtgevers (a refused request gives its minutes back); status is
 * ingetrokken, verlopen (tot before the peildatum: today, or the
 * proeftuin's last day when its year is over), opgebruikt (nothing left)
 * or open.
 *
 * Conventions as urenbank.h: 0, or -status with p filled; outputs are new
 * references the caller owns, in the API's shape Aanbod:
 *   {"id","proeftuin","organisatie","organisatieNaam","medewerker"?,
 *    "medewerkerNaam"?,"competentie"?,"competentieNaam"?,"minuten",
 *    "gebruiktMinuten","overMinuten","van","tot","toelichting"?,"status",
 *    "aangemaakt","door","ingetrokken"?,"ingetrokkenDoor"?,
 *    "omzettingen":[{"id","opdracht","opdrachtTitel","medewerker",
 *                    "medewerkerNaam","minuten","inzet"?,"inzetverzoek"?,
 *                    "verzoekStatus"?,"aangemaakt","door"}]} */
#ifndef SAMEN_STORE_URENBANK_AANBOD_H
#define SAMEN_STORE_URENBANK_AANBOD_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

/* org: the offering organisation (a member). in: {"medewerker"? | "competentie"?
 * (exactly one), "minuten","van","tot","toelichting"?}. 400 a field (minuten
 * not positive, tot before van), 422 org no member, a medewerker of another
 * organisation, a period outside the proeftuin, an unknown competence. */
int urenbank_aanbod_create(struct store *s, const struct actor *by, const char *pt, const char *org, json_t *in, json_t **out,
			   struct problem *p);
/* Withdraws an open offer (422 when already withdrawn); its conversions stay. */
int urenbank_aanbod_withdraw(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out,
			     struct problem *p);
int urenbank_aanbod_get(struct store *s, const char *pt, long long id, json_t **out, struct problem *p);
/* The offering organisation's code of offer id (for authorisation). */
int urenbank_aanbod_org(struct store *s, const char *pt, long long id, char *org, size_t len, struct problem *p);
/* Newest first; status (NULL: all) one of open, verlopen, ingetrokken,
 * opgebruikt; org (NULL: all) an organisation code. */
int urenbank_aanbod_list(struct store *s, const char *pt, const char *status, const char *org, json_t **out, struct problem *p);
/* in: {"opdracht","medewerker"?,"minuten"}. The medewerker defaults to the
 * offered one (a competence offer needs one of the organisation's staff who
 * holds it). consented: the opdrachtgevers the actor consents for
 * (as urenbank_inzet_request). *done = 1: the inzet was made (out the
 * inzet); 0: a request waits for the opdrachtgevers (out the request).
 * 422 for an ended or withdrawn offer, more minutes than are left, a
 * medewerker of another organisation or without the competence, an
 * opdracht that does not exist or is not open; the inzet's own refusals
 * (drawing rights) as urenbank_inzet_create. */
int urenbank_aanbod_convert(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t *consented,
			    json_t **out, int *done, struct problem *p);

/* ---- for the matching (store/matching.c) ---- */
struct urenbank_aanbod_open {
	long long id, org, medewerker; /* medewerker 0: a competence offer */
	char competentie[64];          /* "" for a person offer */
	long long over;                /* minutes left */
};
/* The offers of proeftuin ptid that are not withdrawn or ended, have
 * minutes left and overlap van … tot, oldest first (malloc'd; *n set;
 * NULL with *n = 0 when none or out of memory). */
struct urenbank_aanbod_open *urenbank_aanbod_open(struct store *s, long long ptid, const char *van, const char *tot, size_t *n);
/* Records that inzet (made by the matching) uses what is left of the open
 * offers that cover it: the medewerker's own offers first, then those of
 * his organisation for competentie (which he holds), oldest first, up to
 * minuten. *used gets the minutes drawn. */
int urenbank_aanbod_draw(struct store *s, const struct actor *by, long long ptid, long long inzet, long long medewerker,
			 const char *competentie, long long minuten, long long *used, struct problem *p);

/* ---- the demo ---- */
/* Loads demo/urenbank_aanbod.json ({"formaat":"samen-urenbank-aanbod-demo",
 * "versie":1,"proeftuin","aanbod":[{"organisatie","medewerker"? (a name
 * in that organisation) | "competentie"?,"minuten","van","tot",
 * "toelichting"?,"ingetrokken"?}]}) through urenbank_aanbod_create, as
 * "demo", all or nothing; p names the offer that was refused. */
int urenbank_aanbod_demo_load(struct store *s, json_t *doc, struct problem *p);

#endif
