/* urenbank_demo.h — loads a demonstration of the hours exchange (the
 * document demo/urenbank.json, format "samen-urenbank-demo") by replaying
 * it through the functions of urenbank.h and medewerkers.h, so that every rule
 * (drawing rights, inzet, periods, corrections by reversal) is enforced on
 * the demo as on real use: a document that breaks one does not load.
 *
 * The document (docs/urenbank.md, "Demo"):
 *   {"formaat":"samen-urenbank-demo","versie":1,
 *    "proeftuin":{…as POST /proeftuinen…},
 *    "medewerkers":[{"sleutel","naam","organisatie","functie",…}],
 *    "vrijeDagen":["2012-04-09",…],        days no series books on
 *    "stappen":[…]}                          done in this order
 * A step is {"stap":…} with:
 *   opdracht     {"sleutel",…as POST …/opdrachten…}
 *   samenvoegen  {"sleutel","opdracht","met","titel"?}
 *   inzet        {"opdracht","medewerker","minuten"}
 *   storting     {"organisatie","bedragCenten","datum","omschrijving"?}
 *   uren         {"medewerker","opdracht","datum","minuten","omschrijving"?,
 *                 "status"?: goedgekeurd (default) | ingediend | afgekeurd |
 *                 gecorrigeerd, "reden"?}
 *   reeks        {"medewerker","opdracht","van","tot","weekdagen":[1..5],
 *                 "minuten","omschrijving"?,"elke"?: weeks (1),
 *                 "behalve"?:[{"van","tot"}],"status"?}: one entry per such
 *                 weekday, except vrijeDagen and the behalve periods
 *   afronden     {"opdracht"}
 * medewerker and opdracht name a sleutel of the document. Entries are
 * submitted in the medewerker's name and reviewed by "manager-<gemeente>"
 * of the first principal; the rest is done by "demo".
 *
 * All or nothing: one transaction; on a refusal p says which step and why
 * and nothing is kept. */
#ifndef SAMEN_STORE_URENBANK_DEMO_H
#define SAMEN_STORE_URENBANK_DEMO_H
#include <jansson.h>
#include "store/store.h"

/* 0, or -status with p->detail naming the step ("stap 12 (uren van
 * dd-bakker op 2012-02-07): …"). stats (may be NULL) gets the number of
 * hour entries booked. */
int urenbank_demo_load(struct store *s, json_t *doc, long long *entries, struct problem *p);

#endif
