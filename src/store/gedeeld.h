/* gedeeld.h — shared staff and hosted tasks (issue 17): what DSZ shares
 * without a legal entity. A medewerker stays employed by one organisation
 * (the werkgever) and may work for several on a task field for a period
 * (werkt_voor: the "gezamenlijke inkoopadviseur ... die adviseert over
 * inkoop voor de drie gemeenten"); a traject may have an uitvoerder, the
 * participant that performs it for the others (the applicatiebeheer of
 * Sociale Zaken, "voor de DSZ-gemeenten ondergebracht bij de gemeente
 * Dalfsen"). docs/kwaliteitskaart.md "Gedeelde medewerkers" and
 * docs/registerformaat.md "Gastgemeente".
 *
 * Used by the kwaliteitskaart, the urenbank and the pages; it uses none
 * of them, only the tables. The register reads werkt_voor for its matrix
 * itself (register_gedeeld.c), so that neither module includes the other. */
#ifndef SAMEN_STORE_GEDEELD_H
#define SAMEN_STORE_GEDEELD_H
#include <jansson.h>
#include "store/store.h"

/* What medewerker mw works for: [{"organisatie","naam","taakveld",
 * "taakveldNaam","van","tot"}], on date (NULL: every period, ended ones
 * too), ordered by taakveld, organisatie and van. */
json_t *gedeeld_werkt_voor(struct store *s, long long mw, const char *date);

/* Replaces the whole werkt-voor list of mw in one transaction (a savepoint
 * inside the caller's). in: {"werktVoor":[{"organisatie","taakveld","van",
 * "tot"?}]}; ended periods are kept by sending them with their tot. 400
 * for a malformed entry, 422 for an unknown organisation or taakveld or an
 * overlapping period of the same organisation and taakveld, 404 for an
 * unknown medewerker. *out (optional): the new list. */
int gedeeld_werkt_voor_zetten(struct store *s, long long mw, json_t *in, json_t **out, struct problem *p);

/* 1 when mw works for one of the opdrachtgevers of opdracht on date. */
int gedeeld_werkt_voor_opdracht(struct store *s, long long mw, long long opdracht, const char *date);

/* The medewerkers of other organisations that work for org on date:
 * [{"medewerker","naam","functie","werkgever","werkgeverNaam","taakveld",
 * "taakveldNaam","van","tot"}], by name. */
json_t *gedeeld_voor_organisatie(struct store *s, const char *org, const char *date);

#endif
