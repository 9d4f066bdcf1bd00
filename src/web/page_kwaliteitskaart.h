/* page_kwaliteitskaart.h — the pages of the kwaliteitskaart (docs/kwaliteitskaart.md):
 *   GET  /kwaliteitskaart                      heatmap organisations × competences, coloured by
 *                                              status with symbols and words, year selector
 *                                              (retirement projection) and verband filter
 *   GET  /kwaliteitskaart/import               upload form (CSV), for who may change staff
 *   POST /kwaliteitskaart/import               reads it all or nothing; error report per line
 *   GET  /medewerkers                          everyone: search, organisation, sort, pages, CSV
 *   GET  /medewerkers/{id}                     person page: skills, absences, substitutions
 *                                              (page_medewerkers.c)
 *   POST /medewerkers/{id}/competenties        sets or removes a level
 *   POST /medewerkers/{id}/afwezigheden        records an absence
 *   POST /medewerkers/{id}/afwezigheden/{aid}/verwijderen
 *   POST /medewerkers/{id}/werkt-voor          adds a werkt-voor period (shared medewerker)
 *   POST /medewerkers/{id}/werkt-voor/beeindigen  ends one per a date
 *   POST /medewerkers/{id}/werkt-voor/verwijderen removes one
 *                                              (page_medewerkers_werktvoor.c)
 *
 * Everything works without JavaScript; forms carry the session's CSRF
 * token (a file upload as multipart/form-data, which auth_guard reads
 * too). Reading needs a signed-in account (medewerkers-lezen); personal
 * data (pensioenjaar, hours, absences, who holds what in a projection)
 * only for who may see it, as in the API. */
#ifndef SAMEN_WEB_PAGE_KWALITEITSKAART_H
#define SAMEN_WEB_PAGE_KWALITEITSKAART_H
#include <jansson.h>
#include "http/request.h"

extern const struct route page_kwaliteitskaart_routes[];

/* page_medewerkers.c */
int page_medewerker(struct request *rq, struct response *rs);
int page_medewerkers(struct request *rq, struct response *rs);
int page_medewerker_niveau(struct request *rq, struct response *rs);
int page_medewerker_afwezigheid(struct request *rq, struct response *rs);
int page_medewerker_afwezigheid_weg(struct request *rq, struct response *rs);

/* page_medewerkers_werktvoor.c: the "werkt voor" section of the person
 * page, with the forms for who may change it (the werkgever's manager, the
 * beheerder); pf is a refused form of the page, or NULL. */
struct page_form;
struct buf;
void page_medewerker_werkt_voor(struct request *rq, struct buf *b, long long id, const char *werkgever, json_t *orgs,
				const struct page_form *pf);
int page_medewerker_werkt_voor_toevoegen(struct request *rq, struct response *rs);
int page_medewerker_werkt_voor_beeindigen(struct request *rq, struct response *rs);
int page_medewerker_werkt_voor_verwijderen(struct request *rq, struct response *rs);

#endif
