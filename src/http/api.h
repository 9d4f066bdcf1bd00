/* api.h — helpers every JSON API handler uses: reading the body,
 * answering with JSON or a problem. All of them fill rs and return 0. */
#ifndef SAMEN_HTTP_API_H
#define SAMEN_HTTP_API_H
#include "http/request.h"

/* Parses the body as a JSON object (duplicate keys rejected). On failure
 * answers 400 with where the JSON is broken, and returns -1. */
int api_body_object(struct request *rq, struct response *rs, json_t **out);
/* Answers status with j (the reference is stolen). */
int api_json(struct response *rs, int status, json_t *j);
/* The answer to a store call that returned r: the problem when r < 0,
 * else status with out (stolen). */
int api_result(struct response *rs, int r, int status, json_t *out, const struct problem *p);
/* The same for a query whose filter values name objects: an unknown one is
 * a bad query (422), not a missing resource (404). */
int api_query_result(struct response *rs, int r, json_t *out, struct problem *p);
/* The medewerker id in the path ("{id}") and its organisation code; answers
 * 404 and returns -1 when there is no such medewerker (api_medewerkers.c). */
int api_path_medewerker(struct request *rq, struct response *rs, long long *id, char *org, size_t orglen);
/* Answers with the problem. */
int api_problem(struct response *rs, const struct problem *p);
/* Answers status with a problem built from fmt. */
int api_error(struct response *rs, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The API's route tables, NULL-terminated (api_system.c): what the OpenAPI
 * document describes, and what the serve command puts first in the site. */
extern const struct route *const api_tables[];

extern const struct route api_system_routes[];
extern const struct route api_register_routes[];
extern const struct route api_register_historie_routes[];        /* the register over time, phased entry, join notices */
extern const struct route api_register_belangen_routes[];        /* the interests of the members of a verband (issue 17) */
extern const struct route api_besturing_besluitvorming_routes[]; /* the decision trail, kaders, what waits */
extern const struct route api_urenbank_instemming_routes[];      /* consent: merge proposals, inzet requests, ending an inzet */
extern const struct route api_urenbank_aanbod_routes[];          /* offers of capacity, converted into inzet */
extern const struct route api_besturing_afspraken_routes[];      /* documents, trekkers, evaluations, meetings, planned reports */
extern const struct route api_urenbank_rapport_routes[];         /* the proeftuin's reports to the colleges (issue 11) */
/* POST for organisation {code} by someone of it (or its verband's stuurgroep):
 * the body to create(store, by, org, in, &out, p), 201 (api_besturing_besluitvorming.c).
 * what, verb and tail make the 403: "De kaders van de raad", "legt", " vast"
 * gives "De kaders van de raad van X legt iemand van X vast." */
struct store;
struct problem;
int api_besturing_org_post(struct request *rq, struct response *rs, const char *what, const char *verb, const char *tail,
			   int (*create)(struct store *, const char *, const char *, json_t *, json_t **, struct problem *));
extern const struct route api_medewerkers_routes[];
extern const struct route api_gebruikers_routes[]; /* sessies, gebruikers, tokens, audit */
extern const struct route api_besturing_routes[];  /* verkenningen, scoringen, businesscases, mijlpalen, besluiten */
extern const struct route api_urenbank_routes[];   /* proeftuinen: opdrachten, inzet, uren, stortingen, saldi, afrekening */
extern const struct route
	api_kwaliteitskaart_routes[]; /* kwaliteitskaart: competenties, niveaus, afwezigheden, vervangingen, kwetsbaarheid */
extern const struct route api_matching_routes[];        /* proeftuinen/{p}/matching: voorstel en accepteren */
extern const struct route api_rapportage_routes[];      /* rapporten/stand-van-zaken, agenda.ics */
extern const struct route api_dienstverlening_routes[]; /* verbanden/{code}: expertisepools, opleidingen, antwoorden, zaaktypen */

#endif
