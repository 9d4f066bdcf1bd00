/* store/kwaliteitskaart.h — the kwaliteitskaart in the store (docs/api.md "Skills map",
 * docs/kwaliteitskaart.md): the competence code list, each medewerker's
 * level, absences, substitution arrangements, the link from an account to
 * its medewerker, vulnerability per organisation and for a network, the
 * map as one document (export), and the import of a sheet (CSV).
 *
 * The rules themselves are in core/kwaliteitskaart.h; this module loads the data
 * for them. Like the other store modules, writes validate everything
 * first, write in one transaction and return the new object in API shape
 * in *out (caller owns it), or -p->status with nothing written: 400 field
 * errors, 404 unknown object in the path, 409 duplicate, 422 unknown
 * reference in the body or a refused rule. The store knows no roles:
 * callers remove what an actor may not see (see each function).
 *
 * Where: kwaliteitskaart.c (competences, levels, accounts),
 * kwaliteitskaart_afwezigheid.c (absences, substitutions),
 * kwaliteitskaart_kwetsbaarheid.c (an organisation's map for the rules,
 * vulnerability, the network view, the map as a document),
 * kwaliteitskaart_import.c (import, inzage), kwaliteitskaart_demo.c; what
 * they share is in kwaliteitskaart_intern.h. */
#ifndef SAMEN_STORE_KWALITEITSKAART_H
#define SAMEN_STORE_KWALITEITSKAART_H
#include <jansson.h>
#include "core/policy.h"
#include "core/kwaliteitskaart.h"
#include "store/page.h"
#include "store/store.h"

/* ---- competences: {"code","naam","omschrijving","verband"} ------------- */

int kwaliteitskaart_competence_create(struct store *s, json_t *in, json_t **out, struct problem *p);
/* The list, by code; with verband, the competences that apply there: its
 * own list and the shared one (verband null). 422 for an unknown verband. */
int kwaliteitskaart_competence_list(struct store *s, const char *verband, json_t **out, struct problem *p);
int kwaliteitskaart_competence_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p);
/* The verband code of competence code into out ("" for the shared list):
 * 0, or -404. */
int kwaliteitskaart_competence_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p);

/* ---- levels: {"competentie","naam","niveau","niveauNaam"} --------------- */

/* Sets medewerker id's level in code from {"niveau":1|2|3}; 404 unknown
 * medewerker or competence. */
int kwaliteitskaart_level_set(struct store *s, long long id, const char *code, json_t *in, json_t **out, struct problem *p);
/* 404 when the medewerker does not hold it. */
int kwaliteitskaart_level_delete(struct store *s, long long id, const char *code, struct problem *p);
int kwaliteitskaart_levels(struct store *s, long long id, json_t **out, struct problem *p);

/* ---- absences: {"id","medewerker","organisatie","van","tot","reden"} ----- */

int kwaliteitskaart_absence_create(struct store *s, json_t *in, json_t **out, struct problem *p);
/* Absences overlapping [van, tot] (either may be NULL), of one medewerker
 * (id > 0) or one organisation (org) or all. Personal data: callers show
 * each only to who may see the medewerker's personal data. */
int kwaliteitskaart_absence_list(struct store *s, const char *org, long long id, const char *van, const char *tot, json_t **out,
				 struct problem *p);
int kwaliteitskaart_absence_delete(struct store *s, long long absence_id, struct problem *p);
/* The medewerker and its organisation of an absence: 0, or -404. */
int kwaliteitskaart_absence_owner(struct store *s, long long absence_id, long long *staff, char *org, size_t orglen,
				  struct problem *p);

/* ---- substitutions ------------------------------------------------------
 * {"id","medewerker","medewerkerNaam","organisatie","vervanger","vervangerNaam",
 *  "vervangerOrganisatie","competentie","aangemaakt","beeindigd"} */

/* {"medewerker","vervanger","competentie"}: 422 when the vervanger does not
 * hold the competence at niveau >= 2, when both are the same person, or
 * for an unknown medewerker or competence; 409 for a running duplicate. */
int kwaliteitskaart_substitution_create(struct store *s, json_t *in, json_t **out, struct problem *p);
/* Running arrangements (all with ended = 1) of one organisation (either
 * side), one medewerker (either side) and/or one competence. */
int kwaliteitskaart_substitution_list(struct store *s, const char *org, long long id, const char *code, int ended, json_t **out,
				      struct problem *p);
int kwaliteitskaart_substitution_page(struct store *s, const char *org, long long id, const char *code, int ended,
				      struct store_page *pg, json_t **out, struct problem *p);
/* Ends a running arrangement (kept as history); 404 unknown, 409 already ended. */
int kwaliteitskaart_substitution_end(struct store *s, long long sid, json_t **out, struct problem *p);
/* The organisations of both sides of arrangement sid: 0, or -404. */
int kwaliteitskaart_substitution_orgs(struct store *s, long long sid, char *org, char *vorg, size_t len, struct problem *p);

/* ---- accounts and medewerkers -------------------------------------------- */

/* (The medewerker an account is linked to is actor.medewerker, read when
 * the account is identified: store/gebruikers.h.) */
/* Links account naam to medewerker id (0: unlinks): 404 unknown account,
 * 422 unknown medewerker or one of another organisation than the account,
 * 409 when the medewerker is linked to another account. Out:
 * {"gebruiker","medewerker"}. */
int kwaliteitskaart_account_link(struct store *s, const char *naam, long long id, json_t **out, struct problem *p);
/* The organisation of account naam into org ("" for none): 0, or -404. */
int kwaliteitskaart_account_org(struct store *s, const char *naam, char *org, size_t orglen, struct problem *p);

/* ---- vulnerability --------------------------------------------------------- */

/* Per competence that applies to org on m (its verbanden's lists, the
 * shared list, and any it has holders of):
 *   [{"competentie","naam","verband","houders","status","vervangers":[{"id","naam","organisatie"}],
 *     "statusMetVervangers","houderIds":[…]}]
 * houderIds (who holds it, and so who has retired or is absent) only when
 * with_ids. 422 for an unknown organisation. */
/* Whether org keeps a kwaliteitskaart at all: one of its medewerkers has a
 * competence recorded. Without one there are no gaps or één-pitters to
 * report, only that the map is missing. */
int kwaliteitskaart_has_map(struct store *s, const char *org);
int kwaliteitskaart_vulnerability(struct store *s, const char *org, struct kwaliteitskaart_moment m, int with_ids, json_t **out,
				  struct problem *p);
/* The network view: for the members of verband (NULL: every organisation
 * with a kwaliteitskaart) on m and in year proj_year, per competence
 * which organisations have it gedekt, depend on one person, lack it, and
 * the same for the network as a whole (docs/kwaliteitskaart.md). */
int kwaliteitskaart_network(struct store *s, const char *verband, struct kwaliteitskaart_moment m, int proj_year, json_t **out,
			    struct problem *p);
/* The same for a page of the organisations: the counts of the network and
 * its summary stay the whole selection's, but the cells (perOrganisatie,
 * the status lists, verslechtert) are only those of the organisations
 * [offset, offset + limit) of the selection (limit < 0: all), and with org
 * only of that one. */
int kwaliteitskaart_network_page(struct store *s, const char *verband, const char *org, long long offset, long long limit,
				 struct kwaliteitskaart_moment m, int proj_year, json_t **out, struct problem *p);

/* The counts kept per organisation and competence (kwaliteitskaart_dekking:
 * medewerkers with a level, holders among them) recomputed from the levels
 * themselves; each difference goes to report (organisation code, what, the
 * kept and the recomputed count). The number of differences, or a
 * negative db_step_result. Inside the caller's read snapshot. */
long long kwaliteitskaart_verify_cover(struct store *s,
				       void (*report)(void *ctx, const char *org, const char *what, long long kept, long long re),
				       void *ctx);

/* ---- the map as one document ------------------------------------------------ */

/* {"organisatie","naam","competenties":[{"code","naam"}],
 *  "medewerkers":[{"id","naam","functie","uurPerWeek","beschikbaarUurPerWeek","pensioenjaar","email",
 *                  "niveaus":{code:n}}]}
 * with the competences that apply to org and those its staff hold.
 * Pseudonymised medewerkers (gone) are left out. Personal data is in it:
 * callers strip it with medewerkers_strip_private() on the medewerkers when the
 * actor may not see it. 422 for an unknown organisation. */
int kwaliteitskaart_map(struct store *s, const char *org, json_t **out, struct problem *p);

/* Reads a sheet (core/kwaliteitskaart.h) for org and creates or updates its
 * medewerkers by (organisatie, naam) and their levels, all or nothing:
 * an empty level cell removes that level; a column that is not in the
 * sheet is left as it is. On success *out is
 * {"organisatie","regels","aangemaakt":[names],"bijgewerkt":[names],"ongewijzigd":N,"niveaus":N}
 * and 0 is returned. When the sheet or a person is wrong, every error is in
 * sh (released by the caller), nothing is written, and -422 is returned;
 * other failures give -p->status. */
int kwaliteitskaart_import(struct store *s, const char *org, const struct actor *by, const char *text, size_t len,
			   struct kwaliteitskaart_sheet *sh, json_t **out, struct problem *p);

/* Everything the kwaliteitskaart holds about medewerker id, for inzage_medewerker
 * (AVG art. 15): {"competenties","afwezigheden","vervangingen"}. */
json_t *kwaliteitskaart_inzage(struct store *s, long long id);

/* For `samen demo`: loads demo/kwaliteitskaart.json (docs/kwaliteitskaart.md,
 * "Demo"); 0, or -1 with the reason printed. */
int kwaliteitskaart_demo_load(struct store *s, const char *text, size_t len);

#endif
