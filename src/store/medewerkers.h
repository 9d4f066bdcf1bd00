/* medewerkers.h — medewerkers (staff) of the organisations in the store, their
 * append-only change history, and the privacy (AVG) operations on them:
 * inzage (an export of everything held about a person) and
 * pseudonymisation. docs/privacy.md explains the choices.
 *
 * A medewerker is identified by a server-assigned integer id that never
 * changes and is never deleted or reused, so that hour bookings and skills
 * that refer to it stay intact; pseudonymisation replaces the personal data
 * and keeps the id.
 *
 * Records come back in API shape (docs/api.md), always complete:
 *   {"id","naam","organisatie","functie","pseudoniem",
 *    "uurPerWeek","beschikbaarUurPerWeek","pensioenjaar","email"}
 * The last four are personal data (medewerkers_private_fields); whoever may not
 * see them calls medewerkers_strip_private() — the store knows no roles.
 *
 * Writes validate their whole input first (400 field errors with invalid
 * params, 422 unknown organisation or a refused change on a pseudonymised
 * record, 404 unknown medewerker, 409 when the record moved to another
 * organisation since the caller checked its rights), then write in one
 * transaction, including one row of history that names the changed fields
 * and the actor. They return 0 and the new record in *out (caller owns it),
 * or -p->status with nothing written. */
#ifndef SAMEN_STORE_MEDEWERKERS_H
#define SAMEN_STORE_MEDEWERKERS_H
#include <jansson.h>
#include <stddef.h>
#include "core/policy.h"
#include "store/page.h"
#include "store/listing.h"
#include "store/store.h"

/* The member names of personal data in a record; NULL-terminated. */
extern const char *const medewerkers_private_fields[];
/* Removes the personal data from a record (or from each record of an array). */
void medewerkers_strip_private(json_t *rec);

int medewerkers_create(struct store *s, const struct actor *by, json_t *in, json_t **out, struct problem *p);
/* The same, the new id into *id; out may be NULL (an import needs no record back). */
int medewerkers_create_id(struct store *s, const struct actor *by, json_t *in, long long *id, json_t **out, struct problem *p);
int medewerkers_get(struct store *s, long long id, json_t **out, struct problem *p);
/* The organisation code of medewerker id into org: 0, or -404. */
int medewerkers_org(struct store *s, long long id, char *org, size_t orglen, struct problem *p);
/* All medewerkers ordered by id, optionally of one organisation (422 when it
 * does not exist); after > 0 and limit > 0 page through them (keyset). */
int medewerkers_list(struct store *s, const char *org, long long after, long long limit, json_t **out, struct problem *p);
/* One page (store/page.h) of the medewerkers after the cursor after. */
int medewerkers_page(struct store *s, const char *org, long long after, struct store_page *pg, json_t **out, struct problem *p);
/* The staff a page at a time (store/listing.h: search in naam and functie;
 * sort naam, organisatie or functie), of org or of all organisations
 * (org NULL), of those who hold competence code competentie at any level
 * or of all (NULL); *total before paging. The records are whole: strip
 * what the reader may not see (medewerkers_strip_private). */
int medewerkers_list_page(struct store *s, const char *org, const char *competentie, const struct listing *l, json_t **out,
			  long long *total, struct problem *p);

/* The first `limit` medewerkers (by id) of each organisation in orgs (codes
 * separated by commas, at most a page of them), optionally only those who
 * hold competence code at any level (NULL: all), in one query:
 *   {"<code>": {"totaal": N, "medewerkers": [record, …]}, …}
 * with every organisation of orgs that has one. Records are whole. */
int medewerkers_per_org(struct store *s, const char *orgs, const char *competentie, long long limit, json_t **out,
			struct problem *p);

/* Changes the members present in in; a member set to null clears an
 * optional field. expect_org is the organisation the caller's rights were
 * checked for. */
int medewerkers_update(struct store *s, long long id, const char *expect_org, const struct actor *by, json_t *in, json_t **out,
		       struct problem *p);
/* Replaces naam by a stable pseudonym derived from the id with a secret
 * random key, clears email and pensioenjaar, marks the record pseudoniem,
 * and puts the pseudonym in place of the name in stored Idempotency-Key
 * answers. Irreversible; a second call changes nothing and answers the
 * record. */
int medewerkers_pseudonymise(struct store *s, long long id, const char *expect_org, const struct actor *by, json_t **out,
			     struct problem *p);
/* The pseudonym for id ("Medewerker 7F3A0C") into out (at least 32 bytes);
 * creates the key on first use. 0 or -500. */
int medewerkers_pseudonym(struct store *s, long long id, char *out, size_t outlen);

/* The change history of one medewerker, oldest first:
 * [{"tijdstempel","actor","rol","soort","velden":[…],"waarden":{…}}]. */
int medewerkers_history(struct store *s, long long id, json_t **out, struct problem *p);
/* Everything samen holds about the person (AVG art. 15):
 * {"medewerker":{…},"wijzigingen":[…],"verwerkingen":[…],"informatie":{…},
 *  "inzet":[…],"uren":[…],"opgesteld"}.
 * verwerkingen are the audit records that concern this medewerker; the
 * acting users appear by role and organisation only, not by name. inzet
 * and uren are the person's staffing and hour entries in the hours
 * exchange. The whole inzage, with the kwaliteitskaart, is inzage.h's. */
int medewerkers_inzage(struct store *s, long long id, json_t **out, struct problem *p);

#endif
