/* besturing.h — choosing and running cooperation in the store (besturing):
 * survey rounds (verkenningen), scorings of candidate task fields,
 * business cases, milestones with postponements, decisions, roles, and the
 * data of the stand-van-zaken report. (The meldingen partners get of each
 * other's cooperation elsewhere belong to the register: register.h.) The arithmetic lives in core/scoring.h,
 * core/businesscase.h and core/planning.h; this module validates, stores
 * and answers in the shape of the API (docs/api.md "Choosing and running").
 *
 * Conventions as in register.h: every function that changes something
 * validates its JSON input completely, writes in one transaction (a
 * savepoint when one is open) and on success returns the object in API
 * shape in *out (caller owns it; out may be NULL). On failure nothing is
 * written, p says why and the function returns -p->status: 400 field
 * errors, 404 unknown object in the path, 409 duplicate code, 422 unknown
 * reference in the body or a domain rule. Read functions return 0 with
 * *out set, or -404/-400 (bad filter value) with p set.
 *
 * Traject ids and the codes of verkenningen and scoringen are the path
 * keys. Dates are "YYYY-MM-DD"; `datum` arguments may be NULL for today.
 *
 * Where: besturing_verkenningen.c, besturing_scoringen.c, besturing_trajecten.c
 * (business cases, mijlpalen, besluiten, rollen), besturing_rapportage.c
 * (report data), besturing_import.c (the document); what they share is in besturing_intern.h. */
#ifndef SAMEN_STORE_BESTURING_H
#define SAMEN_STORE_BESTURING_H
#include <jansson.h>
#include <stddef.h>
#include "store/page.h"
#include "store/store.h"

/* ---- who owns what: the verband of an object, for authorisation ------- */
/* Copies the verband code of the traject / verkenning / scoring into out
 * (at least 48 bytes); -404 when it does not exist. */
int besturing_traject_verband(struct store *s, long long traject, char *out, size_t outlen, struct problem *p);
int besturing_survey_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p);
int besturing_scoring_verband(struct store *s, const char *code, char *out, size_t outlen, struct problem *p);
/* The organisation responsible for a milestone ("" when none); -404 when
 * the milestone is not one of the traject's. */
int besturing_milestone_org(struct store *s, long long traject, long long mid, char *out, size_t outlen, struct problem *p);

/* ---- verkenningen (survey rounds) -------------------------------------- */
/* {"code","verband","naam"?,"datum"?,"omschrijving"?,"taakvelden":[codes]} */
int besturing_survey_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int besturing_survey_get(struct store *s, const char *code, json_t **out, struct problem *p);
int besturing_survey_list(struct store *s, const char *verband, json_t **out, struct problem *p);
int besturing_survey_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p);
/* {"organisatie","taakveld","knelpunt":1-5,"meerwaarde":1-5,"snelResultaat":bool,"toelichting"?};
 * the organisation must be a partner (member on the survey's datum). */
int besturing_survey_answer(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p);
int besturing_survey_answers(struct store *s, const char *code, json_t **out, struct problem *p);
/* The task fields ranked (core/scoring.h: survey_evaluate). */
int besturing_survey_result(struct store *s, const char *code, json_t **out, struct problem *p);
/* {"taakvelden":[codes],"datum"?,"toelichting"?}: the task fields chosen. */
int besturing_survey_choose(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p);

/* ---- scoringen ------------------------------------------------------------ */
/* {"code","verband","naam"?,"datum"?,"omschrijving"?,"criteria":[{"code","naam","gewicht"}],
 *  "taakvelden":[codes],"drempels"?:{"zeer-kansrijk":{"gemiddelde","laagste"},…}} */
int besturing_scoring_create(struct store *s, json_t *in, json_t **out, struct problem *p);
int besturing_scoring_get(struct store *s, const char *code, json_t **out, struct problem *p);
int besturing_scoring_list(struct store *s, const char *verband, json_t **out, struct problem *p);
int besturing_scoring_page(struct store *s, const char *verband, struct store_page *pg, json_t **out, struct problem *p);
/* {"organisatie","taakveld","criterium","score"} or {"organisatie","taakveld","scores":{crit:score}} */
int besturing_scoring_score(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p);
int besturing_scoring_scores(struct store *s, const char *code, json_t **out, struct problem *p);
/* Per task field mean, lowest partner, spread, tier, missing scores. */
int besturing_scoring_result(struct store *s, const char *code, json_t **out, struct problem *p);
/* in is the "drempels" object; returns the scoring. */
int besturing_scoring_thresholds(struct store *s, const char *code, json_t *in, json_t **out, struct problem *p);
/* {"eigenaren":[{"naam","organisatie"?,"toelichting"?}]} replaces the owners of one task field. */
int besturing_scoring_owners(struct store *s, const char *code, const char *taakveld, json_t *in, json_t **out,
			     struct problem *p);

/* ---- business cases --------------------------------------------------------- */
/* {"periodeJaren","discontoPromille"?,"toelichting"?,"posten":[…],"gebruik"?:[{"organisatie","aandeel"}]};
 * replaces the traject's business case and returns it evaluated. */
int besturing_bc_put(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p);
int besturing_bc_get(struct store *s, long long traject, json_t **out, struct problem *p);

/* ---- mijlpalen -------------------------------------------------------------- */
/* {"titel","deadline","verantwoordelijke"?,"organisatie"?,"omschrijving"?} */
int besturing_milestone_create(struct store *s, long long traject, json_t *in, json_t **out, struct problem *p);
/* Status and lateness are judged on datum (NULL: today). */
int besturing_milestone_get(struct store *s, long long traject, long long mid, const char *datum, json_t **out,
			    struct problem *p);
/* {"datum","toelichting"?} */
int besturing_milestone_done(struct store *s, long long traject, long long mid, json_t *in, json_t **out, struct problem *p);
/* {"nieuweDeadline","reden","datum"?}: keeps the old deadline in the history. */
int besturing_milestone_postpone(struct store *s, long long traject, long long mid, json_t *in, json_t **out, struct problem *p);

struct besturing_ms_filter {
	long long traject;       /* 0: all */
	const char *verband;     /* NULL: all */
	const char *organisatie; /* trajecten it takes part in; NULL: all */
	const char *status;      /* open, te-laat, gereed, gereed-te-laat, uitgesteld; NULL: all */
	const char *datum;       /* the day statuses are judged on; NULL: today */
	const char *van, *tot;   /* deadline in force within [van, tot]; NULL: open */
};
int besturing_milestone_list(struct store *s, const struct besturing_ms_filter *f, json_t **out, struct problem *p);

/* ---- besluiten and rollen --------------------------------------------------- */
/* {"orgaan","organisatie"?,"datum","uitkomst","onderwerp","toelichting"}; on a traject (traject > 0) or
 * on the verband as a whole (traject 0, verband given). Without an onderwerp
 * or toelichting (or with only spaces) it is refused with 422. */
int besturing_decision_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out,
			      struct problem *p);
struct besturing_decision_filter {
	long long traject;
	const char *verband, *organisatie, *orgaan, *van, *tot;
};
int besturing_decision_list(struct store *s, const struct besturing_decision_filter *f, json_t **out, struct problem *p);
int besturing_decision_page(struct store *s, const struct besturing_decision_filter *f, struct store_page *pg, json_t **out,
			    struct problem *p);
/* {"rol","naam","organisatie"?,"van"?,"tot"?,"toelichting"?}; rol ∈ stuurgroep, eigenaar, projectleider,
 * procesmanager, communicatieadviseur (the first contact for communication). */
int besturing_role_create(struct store *s, const char *verband, long long traject, json_t *in, json_t **out, struct problem *p);
/* The roles of a verband (with those of its trajecten) or of one traject. */
int besturing_role_list(struct store *s, const char *verband, long long traject, json_t **out, struct problem *p);
int besturing_role_page(struct store *s, const char *verband, long long traject, struct store_page *pg, json_t **out,
			struct problem *p);

/* ---- besluitvorming: the decision trail and the raad's kaders (besturing_besluitvorming.c) ----
 * The steps per traject (or verband) and organisation: the verband's
 * stuurgroep (or burgemeesters), advice asked of the OR with a deadline and
 * its advice, the college, the raad; see the file for the rules. */
/* Called by besturing_decision_create before it writes: 0, or a 422 that
 * names the missing step (or a 400 for a field that does not fit). */
int besturing_trail_check(struct store *s, long long vid, long long tid, const char *orgaan, long long oid, const char *org,
			  const char *datum, const char *uitkomst, const char *advies, const char *deadline, struct problem *p);
/* Where each organisation stands on datum (NULL: today), for a traject
 * (traject > 0) or the verband as a whole:
 * {"verband","traject","taakveld"?,"datum","stuurgroep":[steps],
 *  "organisaties":[{"organisatie","naam","or":{"gevraagd","deadline","advies","adviesDatum"},
 *   "buitenKaders","kaderRedenen":[…],"college":step|null,"raad":[steps],"volgendeStap"}]}
 * volgendeStap ∈ or-vragen, or-advies, raad-consulteren, college, raad, or null. */
int besturing_trail(struct store *s, const char *verband, long long traject, const char *datum, json_t **out, struct problem *p);
/* What waits for organisation org today (for its "Mijn samen"): every
 * traject it takes part in and verband it is a member of whose stuurgroep
 * said go and where org has a next step:
 * [{"verband","traject","taakveld","taakveldNaam","stap","omschrijving","deadline"}]. */
int besturing_trail_pending(struct store *s, const char *org, json_t **out, struct problem *p);
/* The raad's kaders of org: {"titel","van","tot"?,"toelichting"?,"taakvelden":[codes],"partners":[codes]};
 * new kaders end the ones in force from van. Empty lists set no bound. */
int besturing_kader_create(struct store *s, const char *by, const char *org, json_t *in, json_t **out, struct problem *p);
int besturing_kader_list(struct store *s, const char *org, json_t **out, struct problem *p);
/* Whether traject tid is outside the kaders of oid in force on datum: 1
 * with the reasons (a new array the caller owns, also when 0). */
int besturing_kader_outside(struct store *s, long long tid, long long oid, const char *datum, json_t **reasons);

/* ---- afspraken: how a network runs itself (besturing_afspraken.c) -----------
 * Dates a source gives roughly carry "precisie" (dag, maand, kwartaal,
 * jaar) and are the first day of that period; answers add "wanneer", the
 * date in words ("december 2012", "vierde kwartaal 2008"). by is who acts. */
/* {"soort":spelregels|intentieverklaring|convenant|startdocument|overig,"titel","datum","precisie"?,
 *  "status":gepland|vastgesteld?,"omschrijving"?}; answers the verband's documents. */
int besturing_document_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p);
int besturing_document_list(struct store *s, const char *verband, json_t **out, struct problem *p);
/* The lead municipality of a theme: {"thema","taakveld"?,"organisatie","van","tot"?,"toelichting"?};
 * a new trekker of a theme takes over from the current one. */
int besturing_trekker_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p);
int besturing_trekker_list(struct store *s, const char *verband, json_t **out, struct problem *p);
/* An evaluation moment of the verband (traject 0) or a traject: {"titel","datum","precisie"?,"omschrijving"?};
 * once held: {"gehouden","uitkomst","vervolg"?:voortzetten|opschalen|bijstellen|beeindigen,
 * "vervolgToelichting"?,"besluit"?: id of the follow-up decision}. */
int besturing_evaluation_create(struct store *s, const char *by, const char *verband, long long traject, json_t *in, json_t **out,
				struct problem *p);
int besturing_evaluation_held(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p);
int besturing_evaluation_list(struct store *s, const char *verband, long long traject, json_t **out, struct problem *p);
int besturing_evaluation_verband(struct store *s, long long id, char *out, size_t len, struct problem *p);
/* A recurring meeting: {"soort","titel","eerste","precisie"?,"interval"?:{"eenheid":week|maand,"aantal"},
 * "tot"?,"toelichting"?}; answers it with its "vergaderingen" (agenda and minutes). */
int besturing_meeting_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p);
/* The meetings of verband and/or of the verbanden org is a member of;
 * with van and/or tot each date of each series in [van, tot] is one item
 * with its "datum", "agenda" and "verslag". */
int besturing_meeting_list(struct store *s, const char *verband, const char *org, const char *van, const char *tot, json_t **out,
			   struct problem *p);
int besturing_meeting_verband(struct store *s, long long id, char *out, size_t len, struct problem *p);
/* {"agenda"?,"verslag"?} of the meeting of series overleg on datum (a date
 * of the series; 404 otherwise). */
int besturing_vergadering_put(struct store *s, const char *by, long long overleg, const char *datum, json_t *in, json_t **out,
			      struct problem *p);
/* The next stand van zaken to org's raad: {"datum","precisie"?,"titel"?,"toelichting"?}. */
int besturing_report_plan_create(struct store *s, const char *by, const char *org, json_t *in, json_t **out, struct problem *p);
/* The planned reports of org (after a date when given, NULL: all). */
int besturing_report_plan_list(struct store *s, const char *org, const char *after, json_t **out, struct problem *p);
/* A role that changes hands or ends: {"ingangsdatum","naam"?,"organisatie"?,"reden"?,"toelichting"?}: the
 * holder's row ends on ingangsdatum; with naam a new holder's row starts then. */
int besturing_role_change(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p);
int besturing_role_verband(struct store *s, long long id, char *out, size_t len, struct problem *p);

/* ---- for the stand-van-zaken report ------------------------------------------
 * Everything the report for organisation org over [van, tot] needs:
 *   {"organisatie":{code,naam},"van","tot",
 *    "samenvatting":{"besluiten","mijlpalenGehaald","mijlpalenGereedTeLaat","mijlpalenTeLaat",
 *                    "mijlpalenUitgesteld","mijlpalenKomend","meldingen"},
 *    "verbanden":[{"code","naam","rol","rollen":[…],"besluiten":[verband-level, in period],
 *       "trajecten":[{"id","taakveld","taakveldNaam","fase","eigenaar","start","eind","wettelijkeDeadline",
 *          "rollen":[…],"besluiten":[in period],
 *          "mijlpalen":{"gehaald":[…],"gereedTeLaat":[…],"teLaat":[…],"uitgesteld":[…],"komend":[…]},
 *          "businesscase":{"oordeel","toelichtingOordeel","periodeJaren","organisatie":{own row}}|null}],
 *       "verkenningen":[…],"scoringen":[…]}],
 *    "meldingen":[…]}
 * Milestones: gehaald / gereedTeLaat = done within the period; teLaat = not
 * done and late on tot; uitgesteld = a postponement agreed within the
 * period (with its reason); komend = open on tot, deadline after tot. All
 * milestone objects have the shape of GET /mijlpalen, judged on tot. */
int besturing_report_data(struct store *s, const char *org, const char *van, const char *tot, json_t **out, struct problem *p);

/* ---- import (demo/besturing.json, docs/besturingsformaat.md) ------------------ */
/* Loads a "samen-besturing" document all-or-nothing; trajecten are named by
 * verband + taakveld. Error param names are JSON paths. */
int besturing_import(struct store *s, json_t *doc, struct problem *p);

#endif
