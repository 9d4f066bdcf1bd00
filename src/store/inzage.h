/* inzage.h — everything samen holds about one person (AVG art. 15), put
 * together from the domains that keep data about medewerkers: the record,
 * its history and processing (medewerkers.h), the urenbank's inzet and
 * hours, and the kwaliteitskaart (kwaliteitskaart.h). It sits above those
 * modules, so that none of them needs another to answer an inzage. A module
 * that adds data about a medewerker adds its part here. */
#ifndef SAMEN_STORE_INZAGE_H
#define SAMEN_STORE_INZAGE_H
#include <jansson.h>
#include "store/store.h"

/* {"medewerker":{…},"wijzigingen":[…],"verwerkingen":[…],"informatie":{…},
 *  "inzet":[…],"uren":[…],"opgesteld","kwaliteitskaart":{…}}, read in one
 * snapshot. 0, or -status with p set (404 for an unknown medewerker). */
int inzage_medewerker(struct store *s, long long id, json_t **out, struct problem *p);

#endif
