/* register.h — the register of cooperation in the store: organisations,
 * task fields, partnerships (verbanden) with members over time, initiatives
 * (trajecten) with their participants, the matrix, and the meldingen
 * partners get of each other's cooperation elsewhere ("schaken op meerdere
 * borden", register_meldingen.c).
 *
 * Every create/change function validates its JSON input completely, applies
 * the domain rules (deelnemers must be members; no cherry-picking), writes in
 * one transaction, and on success returns the created object in API shape in
 * *out (caller owns it). On failure nothing is written, p says why, and the
 * function returns -p->status (400 field errors, 404 unknown object in the
 * path, 409 duplicate, 422 unknown reference in the body or a domain rule).
 * When called inside an open transaction (import) they nest as savepoints. */
#ifndef SAMEN_STORE_REGISTER_H
#define SAMEN_STORE_REGISTER_H
#include <jansson.h>
#include "store/page.h"
#include "store/listing.h"
#include "store/store.h"

int register_org_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_org_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_org_list(struct store *s);
/* One page of it (store/page.h); the _list functions give the whole list. */
json_t *register_org_page(struct store *s, struct store_page *pg);

int register_taakveld_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_taakveld_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_taakveld_list(struct store *s);
json_t *register_taakveld_page(struct store *s, struct store_page *pg);

/* in may carry "leden" and (for import) "trajecten". */
int register_verband_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_verband_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_verband_list(struct store *s);
json_t *register_verband_page(struct store *s, struct store_page *pg);

int register_lid_add(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p);
int register_lid_leave(struct store *s, const char *verband, const char *org, json_t *in, json_t **out, struct problem *p);

int register_traject_create(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p);
int register_traject_get(struct store *s, long long id, json_t **out, struct problem *p);
/* Filters may be NULL: organisatie (takes part), verband, taakveld. */
int register_traject_list(struct store *s, const char *org, const char *verband, const char *taakveld, json_t **out,
			  struct problem *p);
int register_traject_page(struct store *s, const char *org, const char *verband, const char *taakveld, struct store_page *pg,
			  json_t **out, struct problem *p);

/* [{"taakveld","naam","partners":[codes],"verbanden":[codes]}] for org on date. */
int register_matrix(struct store *s, const char *org, const char *date, json_t **out, struct problem *p);
/* Every pair of organisations that work together on date, for the network
 * picture: [{"a","b","taakvelden":[codes]}]; taakveld may be NULL (all). */
int register_links(struct store *s, const char *date, const char *taakveld, json_t **out, struct problem *p);
/* The same pairs a page at a time for the table under the picture
 * (store/listing.h: search in the names and codes; sort organisatie,
 * partner or aantal): [{"a","naamA","b","naamB","aantal","taakvelden":[codes]}],
 * a the one whose name sorts first; *total the pairs before paging. */
int register_links_page(struct store *s, const char *date, const char *taakveld, const struct listing *l, json_t **out,
			long long *total, struct problem *p);

/* ---- meldingen ("schaken op meerdere borden", register_meldingen.c) ----
 * When a traject is registered with a party from outside a verband V that
 * one of its participants belongs to, and V already covers that task field
 * (an earlier traject on it, not ended on the new one's start), V's members
 * that do not take part themselves get a melding. */
/* The hook: call inside the transaction that created the traject. */
int register_traject_created(struct store *s, long long traject, struct problem *p);
/* Runs the detection over every traject (idempotent): for imported data. */
int register_meldingen_scan(struct store *s, struct problem *p);
/* Meldingen for an organisation (as ontvanger) and/or of a verband. */
int register_meldingen_list(struct store *s, const char *organisatie, const char *verband, json_t **out, struct problem *p);

/* Meldingen in which organisation oid (0: any) has role ("ontvanger" or
 * "melder"), of verband (NULL: any); for the report. */
json_t *register_meldingen_query(struct store *s, long long oid, const char *role, const char *verband);
/* The detection over every traject, inside an open transaction. */
int register_meldingen_scan_all(struct store *s, void *arg, struct problem *p);

/* The whole register as one document (docs/registerformaat.md). */
json_t *register_export(struct store *s);
/* Loads a document all-or-nothing; error param names are JSON paths such
 * as "verbanden[1].trajecten[0].deelnemers[2]". */
int register_import(struct store *s, json_t *doc, struct problem *p);

#endif
