/* Sessions, accounts, API tokens and the audit log over the API:
 *   POST/GET/DELETE /api/v1/sessies(/huidig)   sign in, who am I, sign out
 *   POST/GET /api/v1/gebruikers, GET …/{naam}, PUT …/{naam}/rol,
 *   PUT …/{naam}/wachtwoord, POST …/{naam}/uitschakeling
 *   POST/GET /api/v1/gebruikers/{naam}/tokens, DELETE /api/v1/tokens/{id}
 *   GET /api/v1/audit
 * Who may do what is decided by the policy (core/policy.c): accounts of the
 * roles medewerker and raadslid by a beheerder or a manager of their
 * organisation, the other roles, tokens and the audit log by a beheerder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "http/api.h"
#include "http/paging.h"
#include "http/auth.h"
#include "http/authz.h"
#include "store/gebruikers.h"

/* A string member: 1 present, 0 absent or null, -1 not a string (p set). */
static int str_field(json_t *in, const char *name, const char **out, struct problem *p)
{
	json_t *v = json_object_get(in, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		problem_param(p, name, "moet tekst zijn");
		return -1;
	}
	*out = json_string_value(v);
	return 1;
}

static int is_json(struct request *rq)
{
	const char *ct = req_header(rq, "Content-Type");
	return ct && !strncasecmp(ct, "application/json", 16) && (ct[16] == '\0' || ct[16] == ';');
}

static void iso_time(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *actor_json(const struct actor *a)
{
	return json_pack("{s:s,s:s,s:s?,s:s?,s:s}", "gebruiker", a->name, "rol", policy_role_names[a->role], "organisatie",
			 a->org[0] ? a->org : NULL, "verband", a->verband[0] ? a->verband : NULL, "via",
			 a->via_token ? "token" : "sessie");
}

/* ---- sessions ---- */

static int post_sessie(struct request *rq, struct response *rs)
{
	/* A JSON body only: a cross-site HTML form cannot send one, so nobody
	 * can be signed in behind their back (login CSRF). */
	if (!is_json(rq))
		return api_error(rs, 415,
				 "Stuur de aanmelding als JSON (Content-Type: application/json): "
				 "{\"naam\":\"…\",\"wachtwoord\":\"…\"}.");
	json_t *in;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	const char *naam = NULL, *wachtwoord = NULL;
	if (str_field(in, "naam", &naam, &p) == 0)
		problem_param(&p, "naam", "is verplicht");
	if (str_field(in, "wachtwoord", &wachtwoord, &p) == 0)
		problem_param(&p, "wachtwoord", "is verplicht");
	if (naam && strlen(naam) > GEBRUIKERS_NAME_MAX)
		problem_param(&p, "naam", "is te lang (hoogstens %d bytes)", GEBRUIKERS_NAME_MAX);
	if (wachtwoord && strlen(wachtwoord) > GEBRUIKERS_PASSWORD_MAX)
		problem_param(&p, "wachtwoord", "is te lang (hoogstens %d bytes)", GEBRUIKERS_PASSWORD_MAX);
	if (p.status) {
		json_decref(in);
		return api_problem(rs, &p);
	}
	struct gebruikers_session sess;
	long long retry = 0;
	int status = auth_login(rq, rs, naam, wachtwoord, &sess, &retry);
	json_decref(in);
	if (status == 201) {
		auth_set_session_cookie(rq, rs, &sess);
		char until[32];
		iso_time(sess.expires, until);
		json_t *out = actor_json(&sess.actor);
		json_object_del(out, "via");
		json_object_set_new(out, "csrf", json_string(sess.csrf));
		json_object_set_new(out, "verloopt", json_string(until));
		return api_json(rs, 201, out);
	}
	if (status == 429 && retry < 60)
		return api_error(rs, 429, "Er wordt nu veel aangemeld. Probeer het over %lld seconde%s opnieuw.", retry,
				 retry == 1 ? "" : "n");
	if (status == 429)
		return api_error(rs, 429,
				 "Te veel mislukte pogingen met deze naam vanaf dit adres. Aanmelden kan over %lld minuten weer.",
				 (retry + 59) / 60);
	if (status == 401)
		return api_error(rs, 401, "Naam of wachtwoord klopt niet.");
	return api_error(rs, 503, "Aanmelden lukt nu niet; probeer het zo opnieuw.");
}

static int get_sessie(struct request *rq, struct response *rs)
{
	if (rq->actor.role == ROLE_NONE)
		return api_error(rs, 401, "U bent niet aangemeld.");
	json_t *out = actor_json(&rq->actor);
	if (rq->actor.csrf[0])
		json_object_set_new(out, "csrf", json_string(rq->actor.csrf));
	return api_json(rs, 200, out);
}

static int delete_sessie(struct request *rq, struct response *rs)
{
	if (rq->actor.via_token)
		return api_error(rs, 400,
				 "Dit verzoek gebruikt een API-token, geen sessie. Een token trekt u in met "
				 "DELETE /api/v1/tokens/{id}.");
	auth_logout(rq, rs, 204);
	rs->status = 204;
	return 0;
}

/* ---- accounts ---- */

/* Looks up the account in the path and checks that the actor may do
 * `action_for(target role)` on it. An unknown account answers 404 only to
 * who may see every account, 403 to the others: names do not leak. */
static int target(struct request *rq, struct response *rs, int reading, struct gebruiker_info *info)
{
	struct problem p;
	problem_init(&p);
	const char *naam = req_param(rq, "naam");
	if (gebruikers_check_name(naam, &p) < 0 || gebruikers_user_info(rq->store, naam, info, &p) < 0) {
		enum action any = reading ? ACT_USER_READ : ACT_ADMIN;
		if (authz_require(rq, rs, any, NULL) < 0)
			return -1;
		api_error(rs, 404, "Gebruiker '%s' bestaat niet.", naam);
		return -1;
	}
	enum action action = reading ? ACT_USER_READ : policy_account_action(info->role);
	return authz_require(rq, rs, action, info->org[0] ? info->org : NULL);
}

static int post_gebruiker(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct gebruiker_spec spec = { 0 };
	str_field(in, "naam", &spec.naam, &p);
	str_field(in, "organisatie", &spec.organisatie, &p);
	str_field(in, "rol", &spec.rol, &p);
	str_field(in, "verband", &spec.verband, &p);
	str_field(in, "wachtwoord", &spec.wachtwoord, &p);
	/* Without an organisation: the actor's own (a manager adds to it). */
	if (!spec.organisatie && rq->actor.org[0] && policy_role_parse(spec.rol) != ROLE_BEHEERDER)
		spec.organisatie = rq->actor.org;
	/* Decide first, on what is asked for; validate after. */
	enum role role = policy_role_parse(spec.rol);
	enum action action = role == ROLE_NONE ? ACT_USER_WRITE : policy_account_action(role);
	char object[GEBRUIKERS_NAME_MAX + 64];
	snprintf(object, sizeof(object), "gebruiker %.100s (%s)", spec.naam ? spec.naam : "?", spec.rol ? spec.rol : "?");
	if (authz_require(rq, rs, action, spec.organisatie) == 0) {
		if (p.status || gebruikers_user_create(rq->store, &spec, &out, &p) < 0)
			api_problem(rs, &p);
		else
			api_json(rs, 201, out);
		authz_audit(rq, action, rs->status, object);
	}
	json_decref(in);
	return 0;
}

static int list_gebruikers(struct request *rq, struct response *rs)
{
	const char *org = req_query(rq, "organisatie");
	struct store_page pg;
	struct problem p;
	problem_init(&p);
	/* Who may read every organisation's accounts may filter; a manager
	 * sees the own organisation's. */
	if (policy_allows(&rq->actor, ACT_USER_READ, NULL, NULL)) {
		if (paging_read(rq, &pg, &p) < 0)
			return api_problem(rs, &p);
		return paging_respond(rq, rs, &pg, gebruikers_user_page(rq->store, org && org[0] ? org : NULL, &pg));
	}
	if (authz_require(rq, rs, ACT_USER_READ, org && org[0] ? org : rq->actor.org[0] ? rq->actor.org : NULL) < 0)
		return 0;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	return paging_respond(rq, rs, &pg, gebruikers_user_page(rq->store, org && org[0] ? org : rq->actor.org, &pg));
}

static int get_gebruiker(struct request *rq, struct response *rs)
{
	struct gebruiker_info info;
	if (target(rq, rs, 1, &info) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (gebruikers_user_get(rq->store, req_param(rq, "naam"), &out, &p) < 0)
		return api_problem(rs, &p);
	return api_json(rs, 200, out);
}

static int put_rol(struct request *rq, struct response *rs)
{
	json_t *in, *out = NULL;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	struct gebruiker_info info;
	if (target(rq, rs, 0, &info) < 0) {
		json_decref(in);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	const char *rol = NULL, *verband = NULL, *org = NULL;
	if (str_field(in, "rol", &rol, &p) == 0)
		problem_param(&p, "rol", "is verplicht");
	str_field(in, "verband", &verband, &p);
	str_field(in, "organisatie", &org, &p);
	/* The new role and organisation must be within the actor's rights too. */
	enum role role = policy_role_parse(rol);
	enum action action = role == ROLE_NONE ? policy_account_action(info.role) : policy_account_action(role);
	const char *naam = req_param(rq, "naam");
	char object[GEBRUIKERS_NAME_MAX + 64];
	snprintf(object, sizeof(object), "gebruiker %s wordt %s", naam, rol ? rol : "?");
	if (authz_require(rq, rs, action, org ? org : info.org[0] ? info.org : NULL) == 0) {
		if (p.status || gebruikers_user_set_role(rq->store, naam, rol, verband, org, &out, &p) < 0)
			api_problem(rs, &p);
		else
			api_json(rs, 200, out);
		authz_audit(rq, action, rs->status, object);
	}
	json_decref(in);
	return 0;
}

static int put_wachtwoord(struct request *rq, struct response *rs)
{
	json_t *in;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	struct gebruiker_info info;
	if (target(rq, rs, 0, &info) < 0) {
		json_decref(in);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	const char *pw = NULL;
	if (str_field(in, "wachtwoord", &pw, &p) == 0)
		problem_param(&p, "wachtwoord", "is verplicht");
	const char *naam = req_param(rq, "naam");
	if (p.status || gebruikers_user_set_password(rq->store, naam, pw, &p) < 0)
		api_problem(rs, &p);
	else
		rs->status = 204;
	char object[GEBRUIKERS_NAME_MAX + 32];
	snprintf(object, sizeof(object), "wachtwoord van gebruiker %s", naam);
	authz_audit(rq, policy_account_action(info.role), rs->status, object);
	json_decref(in);
	return 0;
}

static int post_uitschakeling(struct request *rq, struct response *rs)
{
	struct gebruiker_info info;
	if (target(rq, rs, 0, &info) < 0)
		return 0;
	const char *naam = req_param(rq, "naam");
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	if (info.id == rq->actor.user_id)
		problem_set(&p, 422, "U kunt uw eigen account niet uitschakelen; vraag een andere beheerder.");
	if (p.status || gebruikers_user_disable(rq->store, naam, &p) < 0 || gebruikers_user_get(rq->store, naam, &out, &p) < 0)
		api_problem(rs, &p);
	else
		api_json(rs, 200, out);
	char object[GEBRUIKERS_NAME_MAX + 32];
	snprintf(object, sizeof(object), "gebruiker %s uitgeschakeld", naam);
	authz_audit(rq, policy_account_action(info.role), rs->status, object);
	return 0;
}

/* ---- tokens ---- */

static int post_token(struct request *rq, struct response *rs)
{
	json_t *in = NULL, *out = NULL;
	if (rq->body_len && api_body_object(rq, rs, &in) < 0)
		return 0;
	const char *naam = req_param(rq, "naam");
	if (authz_require(rq, rs, ACT_TOKEN_WRITE, NULL) == 0) {
		struct problem p;
		problem_init(&p);
		const char *omschrijving = NULL;
		char token[GEBRUIKERS_SECRET_LEN];
		if (in)
			str_field(in, "omschrijving", &omschrijving, &p);
		if (p.status || gebruikers_check_name(naam, &p) < 0 ||
		    gebruikers_token_create(rq->store, naam, omschrijving, token, &out, &p) < 0)
			api_problem(rs, &p);
		else
			api_json(rs, 201, out);
		char object[GEBRUIKERS_NAME_MAX + 48];
		snprintf(object, sizeof(object), "token voor gebruiker %s", naam);
		authz_audit(rq, ACT_TOKEN_WRITE, rs->status, object);
		memset(token, 0, sizeof(token));
	}
	json_decref(in);
	return 0;
}

static int list_tokens(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_TOKEN_WRITE, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	const char *naam = req_param(rq, "naam");
	struct store_page pg;
	if (paging_read(rq, &pg, &p) < 0)
		return api_problem(rs, &p);
	if (gebruikers_check_name(naam, &p) < 0 || gebruikers_token_page(rq->store, naam, &pg, &out, &p) < 0) {
		if (p.status == 400)
			problem_set(&p, 404, "Gebruiker bestaat niet.");
		return api_problem(rs, &p);
	}
	return paging_respond(rq, rs, &pg, out);
}

static int delete_token(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_TOKEN_WRITE, NULL) < 0)
		return 0;
	long long id;
	struct problem p;
	problem_init(&p);
	char owner[GEBRUIKERS_NAME_MAX + 1] = "";
	if (http_parse_id(req_param(rq, "id"), &id) < 0)
		problem_set(&p, 404, "Token '%s' bestaat niet: een token heeft een getal als id.", req_param(rq, "id"));
	else
		gebruikers_token_revoke(rq->store, id, owner, &p);
	if (p.status)
		api_problem(rs, &p);
	else
		rs->status = 204;
	char object[GEBRUIKERS_NAME_MAX + 48];
	snprintf(object, sizeof(object), "token %s van gebruiker %s ingetrokken", req_param(rq, "id"), owner[0] ? owner : "?");
	authz_audit(rq, ACT_TOKEN_WRITE, rs->status, object);
	return 0;
}

/* ---- audit ---- */

static int get_audit(struct request *rq, struct response *rs)
{
	if (authz_require(rq, rs, ACT_AUDIT_READ, NULL) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct audit_filter f = {
		.van = req_query(rq, "van"), .tot = req_query(rq, "tot"), .actor = req_query(rq, "actor"), .limit = 100
	};
	const char *limiet = req_query(rq, "limiet"), *voor = req_query(rq, "voor");
	long long v;
	if (limiet) {
		if (http_parse_id(limiet, &v) < 0 || v > 1000)
			problem_param(&p, "limiet", "moet een getal van 1 tot en met 1000 zijn");
		else
			f.limit = (int)v;
	}
	if (voor) {
		if (http_parse_id(voor, &v) < 0)
			problem_param(&p, "voor", "moet het id van een auditregel zijn (een positief getal)");
		else
			f.voor = v;
	}
	if (f.actor && !f.actor[0])
		f.actor = NULL;
	if (f.van && !f.van[0])
		f.van = NULL;
	if (f.tot && !f.tot[0])
		f.tot = NULL;
	json_t *out = NULL;
	if (p.status || gebruikers_audit_list(rq->store, &f, &out, &p) < 0)
		return api_problem(rs, &p);
	return api_json(rs, 200, out);
}

const struct route api_gebruikers_routes[] = {
	{ "POST", "/api/v1/sessies", post_sessie, "toegang", "Aanmelden: opent een sessie (cookie) en geeft het CSRF-token",
	  "Aanmelding", "Sessie", NULL, 1, "meldAan",
	  "Opent een sessie: het antwoord zet de sessiecookie (HttpOnly, SameSite=Strict) en geeft het CSRF-token dat elke "
	  "wijziging met die sessie meestuurt in de kopregel X-CSRF-Token. Na te veel mislukte pogingen volgt 429.",
	  ROUTE_PUBLIC | ROUTE_LIMITED | ROUTE_MEDIA },
	{ "GET", "/api/v1/sessies/huidig", get_sessie, "toegang", "Wie ben ik (sessie of token)", NULL, "Sessie", NULL, 0,
	  "haalHuidigeSessie", NULL, 0 },
	{ "DELETE", "/api/v1/sessies/huidig", delete_sessie, "toegang", "Afmelden: beëindigt de sessie", NULL, NULL, NULL, 0,
	  "meldAf", NULL, 0 },
	{ "POST", "/api/v1/gebruikers", post_gebruiker, "toegang", "Gebruiker toevoegen", "NieuweGebruiker", "Gebruiker", NULL, 1,
	  "maakGebruiker", NULL, 0 },
	{ "GET", "/api/v1/gebruikers", list_gebruikers, "toegang", "Gebruikers (een manager ziet die van de eigen organisatie)",
	  NULL, "[Gebruiker]", "organisatie", 0, "lijstGebruikers", NULL, ROUTE_PAGED },
	{ "GET", "/api/v1/gebruikers/{naam}", get_gebruiker, "toegang", "Eén gebruiker", NULL, "Gebruiker", NULL, 0,
	  "haalGebruiker", NULL, 0 },
	{ "PUT", "/api/v1/gebruikers/{naam}/rol", put_rol, "toegang", "Rol (en verband of organisatie) wijzigen", "Rolwijziging",
	  "Gebruiker", NULL, 0, "zetGebruikerRol", NULL, 0 },
	{ "PUT", "/api/v1/gebruikers/{naam}/wachtwoord", put_wachtwoord, "toegang",
	  "Nieuw wachtwoord instellen (beëindigt de sessies van de gebruiker)", "Wachtwoord", NULL, NULL, 0, "zetWachtwoord",
	  NULL, 0 },
	{ "POST", "/api/v1/gebruikers/{naam}/uitschakeling", post_uitschakeling, "toegang",
	  "Gebruiker uitschakelen: geen aanmelding meer, sessies en tokens vervallen", NULL, "Gebruiker", NULL, 0,
	  "schakelGebruikerUit", NULL, 0 },
	{ "POST", "/api/v1/gebruikers/{naam}/tokens", post_token, "toegang", "API-token uitgeven (wordt één keer getoond)",
	  "NieuwToken", "Token", NULL, 1, "maakToken",
	  "Geeft een nieuw API-token uit; het geheim staat alleen in dit antwoord en is daarna nergens meer te lezen.", 0 },
	{ "GET", "/api/v1/gebruikers/{naam}/tokens", list_tokens, "toegang", "De tokens van een gebruiker (zonder geheim)", NULL,
	  "[Token]", NULL, 0, "lijstTokens", NULL, ROUTE_PAGED },
	{ "DELETE", "/api/v1/tokens/{id}", delete_token, "toegang", "API-token intrekken", NULL, NULL, NULL, 0, "trekTokenIn",
	  NULL, 0 },
	{ "GET", "/api/v1/audit", get_audit, "toegang", "Het auditlog, nieuwste eerst", NULL, "[Auditregel]",
	  "van,tot,actor,limiet:audit,voor", 0, "lijstAuditregels", NULL, ROUTE_CURSOR },
	{ 0 },
};
