/* store/dienstverlening.h — the dienstverlening proeftuin of a verband
 * (docs/dienstverlening.md): expertise pools drawn from the
 * kwaliteitskaart, the regional training programme, the KCC's shared
 * answer base ("redactie Antwoord") and the members' zaaktypen.
 *
 * Conventions as the other stores: 0, or -status with p filled (400 a
 * field, 404 an unknown verband or record in the path, 409 a duplicate,
 * 422 an unknown reference in the body); outputs are new references the
 * caller owns, in the API's shapes (src/http/openapi-schemas.json). Who may
 * write is for the caller to ask policy.c; `by` names who did it. */
#ifndef SAMEN_STORE_DIENSTVERLENING_H
#define SAMEN_STORE_DIENSTVERLENING_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

/* Whether org (a code) is an active member of verband today: 1, 0, or
 * -404 with p when the verband does not exist. */
int dienstverlening_member(struct store *s, const char *verband, const char *org, struct problem *p);

/* The verbanden that run a dienstverlening proeftuin (a pool or an answer),
 * of which org is a member (NULL: all), by code: [{"verband","naam",
 * "antwoordenAchterstallig","opleidingenAchterstallig"}], overdue today;
 * the answers counted are org's own (all when org is NULL). */
int dienstverlening_verbanden(struct store *s, const char *org, json_t **out, struct problem *p);

/* ---- expertise pools (dienstverlening.c) ------------------------------------------ */
/* in: {"competentie","naam","omschrijving"?}; 409 when the verband pools it already. */
int dienstverlening_pool_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				struct problem *p);
/* Every pool with who holds the competence in which member (from the
 * kwaliteitskaart), the hours the members can give, één-pitters and gaps. */
int dienstverlening_pools(struct store *s, const char *verband, json_t **out, struct problem *p);

/* ---- the training programme (dienstverlening.c) ----------------------------------- */
/* in: {"competentie","deelnemer","docent"?,"gepland"}: the competence must
 * be pooled, the deelnemer of a member, the docent an expert (niveau 3). */
int dienstverlening_training_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				    struct problem *p);
/* in: {"afgerond"}: 409 when it is done already. */
int dienstverlening_training_done(struct store *s, const char *verband, long long id, json_t *in, json_t **out,
				  struct problem *p);
/* {"verband","datum","opleidingen":[…],"behoefte":[…],"achterstallig"}: the
 * planned trainings judged on datum (NULL: today) and what the gaps ask for. */
int dienstverlening_training(struct store *s, const char *verband, const char *datum, json_t **out, struct problem *p);

/* ---- the answer base (dienstverlening_antwoorden.c) ------------------------------- */
/* in: {"onderwerp","vraag","antwoord","eigenaar","redacteur","herzienOp"}; the
 * eigenaar must be a member (422). */
int dienstverlening_answer_create(struct store *s, const struct actor *by, const char *verband, json_t *in, json_t **out,
				  struct problem *p);
/* Replaces the fields (as create; the eigenaar stays). */
int dienstverlening_answer_update(struct store *s, const struct actor *by, const char *verband, long long id, json_t *in,
				  json_t **out, struct problem *p);
/* The owning organisation's code of answer id into org: 0, or -404. */
int dienstverlening_answer_owner(struct store *s, const char *verband, long long id, char *org, size_t len, struct problem *p);
/* in: {"tekst"}: org's local variation (a member; an empty tekst removes it). */
int dienstverlening_answer_variant(struct store *s, const struct actor *by, const char *verband, long long id, const char *org,
				   json_t *in, json_t **out, struct problem *p);
int dienstverlening_answer_get(struct store *s, const char *verband, long long id, const char *datum, json_t **out,
			       struct problem *p);
/* The answers that contain zoek (any case; NULL: all) in question, answer
 * or subject, of onderwerp (NULL: all), only those overdue for review on
 * datum (NULL: today) when overdue; by subject and id:
 * {"totaal","achterstallig","onderwerpen":[…],"antwoorden":[…]}. */
int dienstverlening_answers(struct store *s, const char *verband, const char *zoek, const char *onderwerp, int overdue,
			    const char *datum, json_t **out, struct problem *p);

/* ---- zaaktypen (dienstverlening_zaaktypen.c) ------------------------------------------ */
/* Replaces org's list in verband by text: a CSV (identificatie;omschrijving;
 * doorlooptijd, with a header line) when json is 0, else a ZGW Catalogi API
 * export (an array of zaaktypen, or a page {"results":[…]}). All or
 * nothing: 400 with a reason per line or entry. */
int dienstverlening_zaaktypen_import(struct store *s, const struct actor *by, const char *verband, const char *org,
				     const char *text, size_t len, int json, json_t **out, struct problem *p);
int dienstverlening_zaaktypen_list(struct store *s, const char *verband, const char *org, json_t **out, struct problem *p);
/* The comparison of every member's list (core/dienstverlening.h). */
int dienstverlening_zaaktypen_compare(struct store *s, const char *verband, json_t **out, struct problem *p);

/* ---- the demo (dienstverlening_demo.c) ---------------------------------------------------- */
/* Loads demo/dienstverlening.json (docs/dienstverlening.md) in one transaction. */
int dienstverlening_demo_load(struct store *s, const char *text, size_t len, struct problem *p);

#endif
