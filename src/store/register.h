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

/* in: {"code","naam","soort","inwoners"?,"geldigVan"?}. A gemeente's code
 * must be in the CBS list and valid on geldigVan (today when absent):
 * 422 otherwise (register_org_code_check). */
int register_org_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_org_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_org_list(struct store *s);
/* The same with naam and inwoners as on date (NULL: today), from the
 * organisation's history (register_historie.c). */
int register_org_get_on(struct store *s, const char *code, const char *date, json_t **out, struct problem *p);
json_t *register_org_list_on(struct store *s, const char *date);
/* One page of it (store/page.h); the _list functions give the whole list. */
json_t *register_org_page(struct store *s, struct store_page *pg);
json_t *register_org_page_on(struct store *s, struct store_page *pg, const char *date);

int register_taakveld_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_taakveld_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_taakveld_list(struct store *s);
json_t *register_taakveld_page(struct store *s, struct store_page *pg);

/* in may carry "leden" and (for import) "trajecten". */
int register_verband_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int register_verband_get(struct store *s, const char *code, json_t **out, struct problem *p);
json_t *register_verband_list(struct store *s);
/* Every verband's name by its code ({"dsz": "Samenwerking DSZ", …}), in
 * one query: for who only shows names (the agenda), not the members. */
json_t *register_verband_names(struct store *s);
json_t *register_verband_page(struct store *s, struct store_page *pg);

int register_lid_add(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p);
int register_lid_leave(struct store *s, const char *verband, const char *org, json_t *in, json_t **out, struct problem *p);

int register_traject_create(struct store *s, const char *verband, json_t *in, json_t **out, struct problem *p);
int register_traject_get(struct store *s, long long id, json_t **out, struct problem *p);
/* Filters may be NULL: organisatie (takes part), verband, taakveld. */
int register_traject_list(struct store *s, const char *org, const char *verband, const char *taakveld, json_t **out,
			  struct problem *p);
/* The same as on date (NULL: today): fase, vorm, intensiteit, eigenaar,
 * omschrijving and the participants valid then. */
int register_traject_get_on(struct store *s, long long id, const char *date, json_t **out, struct problem *p);
int register_traject_list_on(struct store *s, const char *org, const char *verband, const char *taakveld, const char *date,
			     json_t **out, struct problem *p);
int register_traject_page(struct store *s, const char *org, const char *verband, const char *taakveld, struct store_page *pg,
			  json_t **out, struct problem *p);
int register_traject_page_on(struct store *s, const char *org, const char *verband, const char *taakveld, const char *date,
			     struct store_page *pg, json_t **out, struct problem *p);

/* [{"taakveld","naam","partners":[codes],"verbanden":[codes]}] for org on date. */
int register_matrix(struct store *s, const char *org, const char *date, json_t **out, struct problem *p);
/* Every pair of organisations that work together on date, for the network
 * picture: [{"a","b","taakvelden":[codes]}]; taakveld may be NULL (all). */
int register_links(struct store *s, const char *date, const char *taakveld, json_t **out, struct problem *p);
/* One page of those pairs (store/page.h), in the same order, each with all
 * its task fields; pg->total is the number of pairs. */
int register_links_paged(struct store *s, const char *date, const char *taakveld, struct store_page *pg, json_t **out,
			 struct problem *p);
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
/* One page of them (store/page.h), in the same order (datum, id). */
int register_meldingen_page(struct store *s, const char *organisatie, const char *verband, struct store_page *pg, json_t **out,
			    struct problem *p);

/* Meldingen in which organisation oid (0: any) has role ("ontvanger" or
 * "melder"), of verband (NULL: any); for the report. */
json_t *register_meldingen_query(struct store *s, long long oid, const char *role, const char *verband);
/* The detection over every traject, inside an open transaction. */
int register_meldingen_scan_all(struct store *s, void *arg, struct problem *p);

/* ---- history (register_historie.c) ------------------------------------
 * Organisations, trajecten, their participants and memberships change
 * through dated mutations: {"ingangsdatum", the fields, "reden"?}. The
 * original values and every mutation stay; the state on a date is the
 * last mutation that took effect on or before it. by is who changes it
 * (its name; NULL: "systeem"). */
/* A code that fits its soort also exists on date (NULL: today): a gemeente
 * in the CBS list (422 when unknown, not yet or no longer valid, naming the
 * successor), a provincie one of the twelve. tot gets the end the list
 * gives a gemeente ("" when none). */
int register_org_code_check(const char *code, const char *soort, const char *date, char tot[11], struct problem *p);
/* {"ingangsdatum","naam"?,"inwoners"?,"reden"?} or, to end it after a
 * herindeling, {"ingangsdatum","opgeheven":true,"opvolger"?,"reden"?}: the
 * successor takes over its memberships and participations from then. */
int register_org_patch(struct store *s, const char *by, const char *code, json_t *in, json_t **out, struct problem *p);
/* [{"ingangsdatum","veld","waarde","vorige","reden","aangemaakt","door"}] */
int register_org_history(struct store *s, const char *code, json_t **out, struct problem *p);
/* Overlays naam and inwoners as on date (NULL: today) on organisation o. */
void register_org_overlay(struct store *s, long long oid, const char *date, json_t *o);
/* {"ingangsdatum","fase"?,"vorm"?,"intensiteit"?,"eigenaar"?,"omschrijving"?,
 *  "eind"?,"reden"?}; "eind" ends the traject on that date. */
int register_traject_patch(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p);
int register_traject_history(struct store *s, long long id, json_t **out, struct problem *p);
/* Overlays the fields as on date (NULL: today) on traject t, and adds
 * "deelname": every participation with van, tot and reden. */
void register_traject_overlay(struct store *s, long long tid, const char *date, json_t *t);
/* {"organisatie","van","reden"?}: joins a traject (not in a verband without
 * cherry-picking, where membership is participation). */
int register_deelnemer_add(struct store *s, const char *by, long long tid, json_t *in, json_t **out, struct problem *p);
/* {"datum","reden"?}: leaves it. */
int register_deelnemer_leave(struct store *s, const char *by, long long tid, const char *org, json_t *in, json_t **out,
			     struct problem *p);
/* {"ingangsdatum","rol"}: the member's role from then (the old row ends,
 * a new one starts); a new gastheer takes over from the old one. */
int register_lid_patch(struct store *s, const char *verband, const char *org, json_t *in, json_t **out, struct problem *p);

/* ---- the network's rules (register_netwerk.c) --------------------------
 * Hooks of the membership functions, inside their transaction. */
/* The organisation exists on van; at most one gastheer at a time. */
int register_netwerk_member_check(struct store *s, long long vid, const char *vcode, long long oid, const char *org,
				  const char *rol, const char *van, const char *tot, struct problem *p);
/* A member that joins a verband without cherry-picking later than its
 * founders: the members before it get a toetredingsmelding. */
int register_netwerk_member_joined(struct store *s, long long vid, long long lidmaatschap, struct problem *p);
/* The gastheer leaves only with {"opvolger"}: that member is gastheer
 * from datum. */
int register_netwerk_member_leaving(struct store *s, long long vid, const char *vcode, long long oid, const char *org,
				    long long lidmaatschap, const char *datum, json_t *in, struct problem *p);
/* Adds to the matrix rows of org on date the task fields where a phased
 * entry makes it wait: "instap":[{"verband","vanaf"}] (a row of its own,
 * with no partners, when it has none yet). */
void register_netwerk_matrix_instap(struct store *s, const char *org, const char *date, json_t *rows);
/* ---- gastgemeenten and shared staff (register_gedeeld.c) ------------ */
/* Sets the uitvoerder of traject tid from in's "uitvoerder" (a code, or
 * absent/null for none). The uitvoerder must take part in the traject:
 * 422 otherwise, with the param "uitvoerder". */
int register_uitvoerder_zetten(struct store *s, long long tid, json_t *in, struct problem *p);

/* Adds to the matrix rows of org on date (register_matrix) what is shared:
 * "uitgevoerdDoor" [{"verband","organisatie"}] where a traject org takes
 * part in is performed by one participant, and "gedeeldeMedewerkers"
 * [{"medewerker","functie","werkgever","werktVoor":[codes]}] (werkt_voor, gedeeld.h) for each
 * medewerker employed by org or working for org on that task field. A task
 * field with shared staff but no traject gets a row with no partners. */
void register_gedeeld_matrix(struct store *s, const char *org, const char *date, json_t *rows);

/* The scale of verband code on date (NULL: today), as the Drechtsteden
 * argue from it ("de schaal van 260.000+ inwoners"): {"datum","leden",
 * "inwoners","zonderInwoners":[codes]} over the members on that date
 * (toehoorders not counted), inwoners as on that date. NULL when the
 * verband does not exist. */
json_t *register_verband_schaal(struct store *s, const char *code, const char *date);
/* Toetredingsmeldingen received by organisatie and/or of verband (NULL:
 * all): [{"id","verband","verbandNaam","organisatie","organisatieNaam",
 * "datum","ontvangers":[codes],"tekst"}]. */
int register_toetredingen_list(struct store *s, const char *organisatie, const char *verband, json_t **out, struct problem *p);
/* Phased entry: {"organisatie","taakveld","vanaf","toelichting"?} in a
 * verband without cherry-picking; the member takes part on that task
 * field only from vanaf. */
int register_instap_add(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p);
/* [{"organisatie","organisatieNaam","taakveld","taakveldNaam","vanaf","toelichting"}] of verband
 * (NULL: all) and/or organisatie (NULL: all). */
int register_instap_list(struct store *s, const char *verband, const char *organisatie, json_t **out, struct problem *p);

/* The whole register as one document (docs/registerformaat.md). */
json_t *register_export(struct store *s);
/* Loads a document all-or-nothing; error param names are JSON paths such
 * as "verbanden[1].trajecten[0].deelnemers[2]". */
int register_import(struct store *s, json_t *doc, struct problem *p);

#endif
