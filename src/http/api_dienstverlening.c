/* The dienstverlening proeftuin of a verband (docs/dienstverlening.md,
 * docs/api.md "Dienstverlening"): expertise pools, the training programme,
 * the KCC's answer base and the members' zaaktypen. Everyone signed in
 * reads; who may write is policy.c's dienstverlening-programmeren,
 * antwoord-redigeren and zaaktypen-inlezen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/dienstverlening.h"

#define V "/api/v1/verbanden/{code}"

static int signed_in(struct request *rq, struct response *rs) { return authz_require(rq, rs, ACT_STAFF_READ, NULL); }

/* 401/403 (audited) unless the actor may do action for org in verband. */
static int require(struct request *rq, struct response *rs, enum action action, const char *org, const char *verband)
{
	const struct policy_target t = { org, verband, NULL };
	if (rq->actor.role != ROLE_NONE && policy_allows_in(&rq->actor, action, &t))
		return 0;
	if (authz_require(rq, rs, action, org) < 0)
		return -1;
	char msg[600];
	authz_refusal(rq, org ? org : verband, msg, sizeof(msg));
	api_error(rs, 403, "%s", msg);
	authz_audit(rq, action, 403, org ? org : verband);
	return -1;
}

/* The actor's organisation when it is a member of the verband (the
 * programme is run by the members' managers), else NULL; -1 answered 404. */
static int member_org(struct request *rq, struct response *rs, const char **org)
{
	struct problem p;
	problem_init(&p);
	int m = dienstverlening_member(rq->store, req_param(rq, "code"), rq->actor.org, &p);
	if (m < 0)
		return api_problem(rs, &p), -1;
	*org = m ? rq->actor.org : NULL;
	return 0;
}

static long long path_id(struct request *rq, struct response *rs)
{
	const char *s = req_param(rq, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || id <= 0) {
		api_error(rs, 404, "Er is geen object met id '%s'.", s ? s : "");
		return 0;
	}
	return id;
}

static int get_pools(struct request *rq, struct response *rs)
{
	if (signed_in(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_pools(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

/* A POST that makes something of the programme in verband {code} for
 * the actor's member organisation: create(store, actor, verband, body). */
typedef int (*programme_create)(struct store *, const struct actor *, const char *, json_t *, json_t **,
				struct problem *);
static int post_programme(struct request *rq, struct response *rs, programme_create create)
{
	const char *v = req_param(rq, "code"), *org;
	json_t *in = NULL, *out = NULL;
	if (member_org(rq, rs, &org) < 0 || require(rq, rs, ACT_SERVICE_PROGRAMME, org, v) < 0 ||
	    api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	int r = create(rq->store, &rq->actor, v, in, &out, &p);
	json_decref(in);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_SERVICE_PROGRAMME, rs->status, v);
	return 0;
}

static int post_pool(struct request *rq, struct response *rs)
{
	return post_programme(rq, rs, dienstverlening_pool_create);
}

static int get_training(struct request *rq, struct response *rs)
{
	if (signed_in(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_training(rq->store, req_param(rq, "code"), req_query(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int post_training(struct request *rq, struct response *rs)
{
	return post_programme(rq, rs, dienstverlening_training_create);
}

static int post_training_done(struct request *rq, struct response *rs)
{
	const char *v = req_param(rq, "code"), *org;
	json_t *in = NULL, *out = NULL;
	long long id;
	if (member_org(rq, rs, &org) < 0 || require(rq, rs, ACT_SERVICE_PROGRAMME, org, v) < 0 || !(id = path_id(rq, rs)) ||
	    api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	int r = dienstverlening_training_done(rq->store, v, id, in, &out, &p);
	json_decref(in);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_SERVICE_PROGRAMME, rs->status, v);
	return 0;
}

static int get_answers(struct request *rq, struct response *rs)
{
	if (signed_in(rq, rs) < 0)
		return 0;
	const char *late = req_query(rq, "achterstallig");
	if (late && strcmp(late, "0") && strcmp(late, "1") && late[0])
		return api_error(rs, 400, "achterstallig is 1 (alleen wat over de herzieningsdatum is) of 0.");
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_answers(rq->store, req_param(rq, "code"), req_query(rq, "zoek"), req_query(rq, "onderwerp"),
					late && !strcmp(late, "1"), req_query(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_answer(struct request *rq, struct response *rs)
{
	long long id;
	if (signed_in(rq, rs) < 0 || !(id = path_id(rq, rs)))
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_answer_get(rq->store, req_param(rq, "code"), id, req_query(rq, "datum"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int post_answer(struct request *rq, struct response *rs)
{
	const char *v = req_param(rq, "code");
	json_t *in = NULL, *out = NULL;
	if (signed_in(rq, rs) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	const char *owner = json_string_value(json_object_get(in, "eigenaar"));
	if (require(rq, rs, ACT_ANSWER_WRITE, owner ? owner : rq->actor.org, v) == 0) {
		struct problem p;
		problem_init(&p);
		int r = dienstverlening_answer_create(rq->store, &rq->actor, v, in, &out, &p);
		api_result(rs, r, 201, out, &p);
		authz_audit(rq, ACT_ANSWER_WRITE, rs->status, v);
	}
	json_decref(in);
	return 0;
}

static int put_answer(struct request *rq, struct response *rs)
{
	const char *v = req_param(rq, "code");
	long long id;
	char owner[48];
	struct problem p;
	problem_init(&p);
	/* A role that never edits answers is refused before anything is looked up. */
	if (!policy_allows(&rq->actor, ACT_ANSWER_WRITE, rq->actor.org, NULL) &&
	    require(rq, rs, ACT_ANSWER_WRITE, rq->actor.org[0] ? rq->actor.org : NULL, v) < 0)
		return 0;
	if (!(id = path_id(rq, rs)))
		return 0;
	if (dienstverlening_answer_owner(rq->store, v, id, owner, sizeof(owner), &p) < 0)
		return api_problem(rs, &p);
	json_t *in = NULL, *out = NULL;
	if (require(rq, rs, ACT_ANSWER_WRITE, owner, v) < 0 || api_body_object(rq, rs, &in) < 0)
		return 0;
	int r = dienstverlening_answer_update(rq->store, &rq->actor, v, id, in, &out, &p);
	json_decref(in);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_ANSWER_WRITE, rs->status, v);
	return 0;
}

static int put_variant(struct request *rq, struct response *rs)
{
	const char *v = req_param(rq, "code"), *org = req_param(rq, "organisatie");
	long long id;
	char owner[48];
	struct problem p;
	problem_init(&p);
	/* A role that never edits answers is refused before anything is looked up. */
	if (!policy_allows(&rq->actor, ACT_ANSWER_WRITE, rq->actor.org, NULL) &&
	    require(rq, rs, ACT_ANSWER_WRITE, rq->actor.org[0] ? rq->actor.org : NULL, v) < 0)
		return 0;
	if (!(id = path_id(rq, rs)))
		return 0;
	if (dienstverlening_answer_owner(rq->store, v, id, owner, sizeof(owner), &p) < 0)
		return api_problem(rs, &p);
	/* A member words its own variation; the owning redactie may too. */
	const struct policy_target own = { owner, v, NULL };
	json_t *in = NULL, *out = NULL;
	if (!policy_allows_in(&rq->actor, ACT_ANSWER_WRITE, &own) && require(rq, rs, ACT_ANSWER_WRITE, org, v) < 0)
		return 0;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	int r = dienstverlening_answer_variant(rq->store, &rq->actor, v, id, org, in, &out, &p);
	json_decref(in);
	api_result(rs, r, 200, out, &p);
	authz_audit(rq, ACT_ANSWER_WRITE, rs->status, v);
	return 0;
}

static int get_compare(struct request *rq, struct response *rs)
{
	if (signed_in(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_zaaktypen_compare(rq->store, req_param(rq, "code"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_zaaktypen(struct request *rq, struct response *rs)
{
	if (signed_in(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = dienstverlening_zaaktypen_list(rq->store, req_param(rq, "code"), req_param(rq, "organisatie"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int put_zaaktypen(struct request *rq, struct response *rs)
{
	const char *v = req_param(rq, "code"), *org = req_param(rq, "organisatie");
	if (require(rq, rs, ACT_ZAAKTYPEN_IMPORT, org, v) < 0)
		return 0;
	const char *ct = req_header(rq, "Content-Type");
	int json = ct && !strncasecmp(ct, "application/json", 16);
	if (!json && !(ct && (!strncasecmp(ct, "text/csv", 8) || !strncasecmp(ct, "text/plain", 10)))) {
		api_error(rs, 415,
			  "Stuur de zaaktypen als CSV (Content-Type: text/csv) of als export van de ZGW Catalogi API "
			  "(application/json), niet als %s.",
			  ct ? ct : "inhoud zonder Content-Type");
	} else {
		struct problem p;
		problem_init(&p);
		json_t *out = NULL;
		int r = dienstverlening_zaaktypen_import(rq->store, &rq->actor, v, org, rq->body, rq->body_len, json, &out, &p);
		api_result(rs, r, 200, out, &p);
	}
	authz_audit(rq, ACT_ZAAKTYPEN_IMPORT, rs->status, org);
	return 0;
}

const struct route api_dienstverlening_routes[] = {
	{ "GET", V "/expertisepools", get_pools, "dienstverlening", "De expertisepools van een verband, uit de kwaliteitskaart",
	  NULL, "[Expertisepool]", NULL, 0, "lijstExpertisepools",
	  "Per pool wie de competentie heeft op welk niveau in welk lid, de uren per week die de houders per lid kunnen geven "
	  "(als som per lid, nooit per persoon), en waar een lid op één persoon leunt (één-pitter) of niemand heeft.",
	  0 },
	{ "POST", V "/expertisepools", post_pool, "dienstverlening", "Een competentie van de kwaliteitskaart als expertisepool",
	  "NieuweExpertisepool", "Expertisepool", NULL, 1, "maakExpertisepool",
	  "Voor de procesmanager van het verband en de managers van zijn leden.", 0 },
	{ "GET", V "/opleidingen", get_training, "dienstverlening", "Het regionale opleidingsprogramma en wat de gaten vragen",
	  NULL, "Opleidingsprogramma", "datum", 0, "haalOpleidingsprogramma",
	  "De geplande en afgeronde opleidingen (achterstallig: gepland vóór de peildatum en niet afgerond) en de behoefte die "
	  "volgt uit de kwaliteitskaart: wie op basisniveau staat, en welk lid op één persoon of niemand leunt, met de experts "
	  "die het kunnen leren.",
	  0 },
	{ "POST", V "/opleidingen", post_training, "dienstverlening", "Een opleiding plannen", "NieuweOpleiding", "Opleiding",
	  NULL, 1, "planOpleiding", "De competentie moet een expertisepool zijn; de docent een expert (niveau 3).", 0 },
	{ "POST", V "/opleidingen/{id}/afronden", post_training_done, "dienstverlening", "Een opleiding afronden",
	  "OpleidingAfronden", "Opleiding", NULL, 0, "rondOpleidingAf", NULL, 0 },
	{ "GET", V "/antwoorden", get_answers, "dienstverlening",
	  "De antwoordenbank van de KCC's (redactie Antwoord), doorzoekbaar", NULL, "Antwoordenbank",
	  "zoek,onderwerp,achterstallig,datum", 0, "zoekAntwoorden",
	  "Op onderwerp. zoek vindt een deel van een woord in vraag, antwoord of onderwerp; achterstallig=1 geeft alleen wat op "
	  "de "
	  "peildatum over de herzieningsdatum is.",
	  0 },
	{ "POST", V "/antwoorden", post_answer, "dienstverlening", "Een vraag en antwoord toevoegen", "NieuwAntwoord",
	  "Vraagantwoord", NULL, 1, "maakAntwoord",
	  "Voor de redactie van de eigenaar: managers en medewerkers van die organisatie.", 0 },
	{ "GET", V "/antwoorden/{id}", get_answer, "dienstverlening", "Eén antwoord met zijn lokale varianten", NULL,
	  "Vraagantwoord", "datum", 0, "haalAntwoord", NULL, 0 },
	{ "PUT", V "/antwoorden/{id}", put_answer, "dienstverlening", "Een antwoord bijwerken of herzien", "NieuwAntwoord",
	  "Vraagantwoord", NULL, 0, "werkAntwoordBij", "Vervangt de velden (de eigenaar blijft); de redactie van de eigenaar.",
	  0 },
	{ "PUT", V "/antwoorden/{id}/varianten/{organisatie}", put_variant, "dienstverlening",
	  "De lokale variant van een lid vastleggen (lege tekst: verwijderen)", "Antwoordvariant", "Vraagantwoord", NULL, 0,
	  "legAntwoordvariantVast", "Voor de redactie van dat lid en die van de eigenaar.", 0 },
	{ "GET", V "/zaaktypen", get_compare, "dienstverlening", "De zaaktypen van de leden vergeleken", NULL,
	  "Zaaktypenvergelijking", NULL, 0, "vergelijkZaaktypen",
	  "Welke zaaktypen gedeeld zijn, welke verschillen in naam, termijn (doorlooptijd) of identificatie, en welke maar in "
	  "één "
	  "gemeente bestaan. Gelijk is: dezelfde identificatie (hoofdletters en spaties tellen niet), of bij een zaaktype van "
	  "één "
	  "gemeente dezelfde omschrijving.",
	  0 },
	{ "GET", V "/zaaktypen/{organisatie}", get_zaaktypen, "dienstverlening", "De zaaktypen van één lid", NULL,
	  "Zaaktypenlijst", NULL, 0, "lijstZaaktypen", NULL, 0 },
	{ "PUT", V "/zaaktypen/{organisatie}", put_zaaktypen, "dienstverlening",
	  "De zaaktypen van een lid inlezen (CSV of ZGW Catalogi-export); vervangt de lijst", "text/csv|[ZgwZaaktype]",
	  "Zaaktypenlijst", NULL, 0, "leesZaaktypenIn",
	  "CSV met een kopregel identificatie;omschrijving;doorlooptijd (doorlooptijd in dagen of ISO 8601, zoals P8W), of de "
	  "zaaktypen uit de ZGW Catalogi API als JSON (een array, of een pagina met results). Alles of niets: een fout geeft 400 "
	  "met een reden per regel in invalid-params. Voor de manager van dat lid.",
	  0 },
	{ 0 },
};
