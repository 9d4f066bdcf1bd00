/* Managing accounts in the browser, with the API's policy
 * (api_gebruikers.c, api_kwaliteitskaart.c):
 *   GET  /beheer/gebruikers                    the accounts (a manager: of the own organisation)
 *   GET  /beheer/gebruikers/nieuw              a new account
 *   POST /beheer/gebruikers                    …
 *   GET  /beheer/gebruikers/{naam}             one account: role and scope, the medewerker it
 *                                              is, a new password, disabling, API tokens
 *   POST /beheer/gebruikers/{naam}/rol         role, organisation and verband
 *   POST /beheer/gebruikers/{naam}/medewerker  link to the medewerker the account is
 *   POST /beheer/gebruikers/{naam}/wachtwoord  a new password (ends the account's sessions)
 *   POST /beheer/gebruikers/{naam}/uitschakelen
 *   POST /beheer/gebruikers/{naam}/tokens      issue a token, shown once on the answer
 *   POST /beheer/gebruikers/{naam}/tokens/{id}/intrekken
 * A beheerder may do all of it; a manager creates and changes medewerker
 * and raadslid accounts of the own organisation (policy_account_action);
 * tokens are the beheerder's. Every change is audited as the API audits it.
 * Organisations, verbanden and medewerkers are chosen by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/gebruikers.h"
#include "store/gebruikers_pagina.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"
#include "store/register.h"
#include "web/page_audit.h"
#include "web/page_form.h"
#include "web/pages.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *const role_words[] = {
	"", "raadslid", "medewerker", "manager", "lid van de stuurgroep", "procesmanager", "beheerder"
};

static const struct page_form_field user_fields[] = {
	{ "naam", "naam", "Inlognaam" },
	{ "rol", "rol", "Rol" },
	{ "organisatie", "organisatie", "Organisatie" },
	{ "verband", "verband", "Verband" },
	{ "wachtwoord", "wachtwoord", "Wachtwoord" },
	{ "medewerker", "medewerker", "Is medewerker" },
	{ NULL, NULL, NULL },
};

/* "/beheer/gebruikers/<naam><rest>" */
static void user_href(struct buf *out, const char *naam, const char *rest)
{
	buf_adds(out, "/beheer/gebruikers/");
	html_url_segment(out, naam);
	buf_adds(out, rest ? rest : "");
}

static void see_other(struct response *rs, const char *href)
{
	resp_header(rs, "Location", href);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
}

/* The roles the actor may hand out in organisation org (NULL: any), as
 * value/label pairs for a select (static storage). */
static const char *const *grantable_roles(struct request *rq, const char *org)
{
	static __thread const char *opts[2 * 7 + 1];
	int k = 0;
	for (int r = ROLE_RAADSLID; r <= ROLE_BEHEERDER; r++) {
		enum action a = policy_account_action((enum role)r);
		if (!policy_allows(&rq->actor, a, org && org[0] ? org : rq->actor.org[0] ? rq->actor.org : NULL, NULL))
			continue;
		opts[k++] = policy_role_names[r];
		opts[k++] = role_words[r];
	}
	opts[k] = NULL;
	return opts;
}

/* Organisations as {"code","naam"}: all for a beheerder, the own for a manager. */
static json_t *org_options(struct request *rq)
{
	json_t *all = register_org_list(rq->store), *out = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(all, i, o)
		if (policy_allows(&rq->actor, ACT_USER_WRITE, str(o, "code"), NULL))
			json_array_append(out, o);
	json_decref(all);
	return out;
}

/* A select of every medewerker up to this many; beyond it (a national
 * network has 150 000) the page asks for a part of the name first and
 * offers the matches (STAFF_MATCHES of them). */
#define STAFF_SELECT_MAX 300
#define STAFF_MATCHES 50

static void staff_add(json_t *out, json_t *m, json_t *names)
{
	char label[400];
	snprintf(label, sizeof(label), "%s%s%s (%s)", str(m, "naam"), str(m, "functie") ? ", " : "",
		 str(m, "functie") ? str(m, "functie") : "", page_name(names, str(m, "organisatie")));
	json_array_append_new(out, json_pack("{s:O,s:s}", "id", json_object_get(m, "id"), "label", label));
}

/* Medewerkers of org (all when NULL) as {"id","label"} for a select, by
 * name: all of them when there are at most STAFF_SELECT_MAX, else those
 * that match zoek (*searched is set; none without zoek). The one chosen
 * (an id, from a refused form or the current link) is always there. */
static json_t *staff_options(struct request *rq, const char *org, const char *zoek, const char *chosen, int *searched)
{
	json_t *list = NULL, *out = json_array(), *orgs = register_org_list(rq->store), *names = page_names(orgs);
	json_decref(orgs);
	struct problem p;
	problem_init(&p);
	long long total = 0, chosen_id = 0;
	if (chosen && http_parse_id(chosen, &chosen_id) < 0)
		chosen_id = 0;
	*searched = 0;
	struct listing l = { .search = NULL, .sort = "naam", .limit = STAFF_SELECT_MAX + 1 };
	if (medewerkers_list_page(rq->store, org, NULL, &l, &list, &total, &p) == 0 && total > STAFF_SELECT_MAX) {
		*searched = 1;
		json_decref(list);
		list = NULL;
		l = (struct listing){ .search = zoek, .sort = "naam", .limit = STAFF_MATCHES };
		if (!zoek || medewerkers_list_page(rq->store, org, NULL, &l, &list, &total, &p) < 0)
			list = json_array();
	}
	int have_chosen = 0;
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		if (json_is_true(json_object_get(m, "pseudoniem")))
			continue;
		have_chosen |= json_integer_value(json_object_get(m, "id")) == chosen_id;
		staff_add(out, m, names);
	}
	json_t *one = NULL;
	if (chosen_id && !have_chosen && medewerkers_get(rq->store, chosen_id, &one, &p) == 0 &&
	    (!org || !strcmp(str(one, "organisatie"), org)) && !json_is_true(json_object_get(one, "pseudoniem")))
		staff_add(out, one, names);
	json_decref(one);
	json_decref(list);
	json_decref(names);
	return out;
}

/* The search for a medewerker by name, a GET form of its own above the
 * form that chooses (action: this page's path), for when staff_options
 * offers matches only. */
static void staff_search(struct buf *b, const char *action, const char *zoek, long long found)
{
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	html_attr(b, action);
	html_raw(b, "\" role=\"search\" aria-label=\"Medewerker zoeken\">");
	page_input_field(b, &(struct page_input){ .id = "zoekMedewerker",
						  .label = "Zoek de medewerker (een deel van de naam of functie)",
						  .type = "search",
						  .value = zoek,
						  .field_class = "samen-filter__field samen-filter__field--zoek" });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Zoek</button></form>");
	html_raw(b, "<p class=\"utrecht-paragraph samen-muted\">");
	if (!zoek) {
		html_raw(b, "Er zijn te veel medewerkers voor één lijst: zoek eerst op naam, dan staan de treffers "
			    "hieronder bij ‘Is medewerker’.");
	} else if (found == 0) {
		html_raw(b, "Geen medewerker gevonden; zoek op een ander deel van de naam.");
	} else {
		html_int(b, found);
		html_raw(b, found >= STAFF_MATCHES ? " of meer treffers; de eerste staan hieronder bij ‘Is medewerker’. "
						     "Zoek preciezer voor minder."
			    : found == 1           ? " treffer, hieronder bij ‘Is medewerker’."
						   : " treffers, hieronder bij ‘Is medewerker’.");
	}
	html_raw(b, "</p>");
}

static void title(struct buf *b, const char *crumb, const char *h1)
{
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/mijn\">Mijn samen</a> › ");
	if (crumb) {
		html_raw(b, "<a class=\"utrecht-link\" href=\"/beheer/gebruikers\">Gebruikers</a> › ");
		html_txt(b, crumb);
	} else {
		html_raw(b, "Gebruikers");
	}
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, h1);
	html_raw(b, "</h1>");
}

/* The organisation whose accounts the actor may see: NULL (all) for who
 * may read every one, the own for a manager; -1 with the refusal otherwise. */
static int readable(struct request *rq, struct response *rs, const char **org)
{
	*org = NULL;
	if (policy_allows(&rq->actor, ACT_USER_READ, NULL, NULL))
		return 0;
	*org = rq->actor.org[0] ? rq->actor.org : NULL;
	return authz_require_page(rq, rs, ACT_USER_READ, *org);
}

/* ---- the list ---------------------------------------------------------------------------------------- */

static int get_list(struct request *rq, struct response *rs)
{
	const char *org;
	if (readable(rq, rs, &org) < 0)
		return 0;
	json_t *users = gebruikers_user_list(rq->store, org), *links = gebruikers_account_links(rq->store, org);
	json_t *orgs = register_org_list(rq->store), *names = page_names(orgs);
	json_decref(orgs);
	page_begin(rq, rs, "Gebruikers");
	struct buf *b = &rs->body;
	title(b, NULL, org ? "Accounts van uw organisatie" : "Gebruikers");
	html_raw(b, "<p class=\"utrecht-paragraph\">Wie kan aanmelden, met welke rol, voor welke organisatie of welk verband, "
		    "en welke medewerker het is. Open een account om de rol te wijzigen, een nieuw wachtwoord te geven, het "
		    "te koppelen of uit te schakelen");
	html_raw(b, policy_allows(&rq->actor, ACT_TOKEN_WRITE, NULL, NULL)
			    ? ", of om API-tokens uit te geven en in te trekken.</p>"
			    : ".</p>");
	html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/beheer/gebruikers/nieuw\">Nieuwe gebruiker"
		    "</a></p>");
	static const char *const head[] = { "Inlognaam", "Is", "Rol", "Organisatie of verband", "Status", NULL };
	page_table_begin(b, org ? "Accounts van uw organisatie" : "Alle accounts", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *u;
	json_array_foreach(users, i, u) {
		struct buf h;
		buf_init(&h, 256);
		user_href(&h, str(u, "naam"), "");
		html_raw(b, json_is_true(json_object_get(u, "actief")) ? "<tr class=\"utrecht-table__row\">"
								       : "<tr class=\"utrecht-table__row samen-row--former\">");
		html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_link(b, buf_str(&h), str(u, "naam"));
		buf_release(&h);
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		json_t *l = json_object_get(links, str(u, "naam"));
		html_txt(b, l ? str(l, "naam") : "—");
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, role_words[policy_role_parse(str(u, "rol"))]);
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (str(u, "organisatie"))
			html_txt(b, page_name(names, str(u, "organisatie")));
		if (str(u, "verband")) {
			char v[200];
			if (store_name(rq->store, str(u, "verband"), v, sizeof(v)) < 0)
				snprintf(v, sizeof(v), "%s", str(u, "verband"));
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, v);
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_raw(b, json_is_true(json_object_get(u, "actief")) ? "actief" : "uitgeschakeld");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	page_end(rq, rs);
	json_decref(users);
	json_decref(links);
	json_decref(names);
	return 0;
}

/* ---- a new account ---------------------------------------------------------------------------------- */

static void new_form(struct request *rq, struct buf *b, const struct page_form *pf)
{
	json_t *orgs = org_options(rq), *verbanden = register_verband_list(rq->store);
	const char *zoek = req_query(rq, "zoekMedewerker");
	if (zoek && !zoek[0])
		zoek = NULL;
	int searched;
	json_t *staff = staff_options(rq, policy_allows(&rq->actor, ACT_USER_READ, NULL, NULL) ? NULL : rq->actor.org, zoek,
				      page_form_value(pf, NULL, "medewerker", ""), &searched);
	if (searched)
		staff_search(b, "/beheer/gebruikers/nieuw", zoek, (long long)json_array_size(staff));
	page_form_begin(rq, b, "/beheer/gebruikers", NULL, "samen-formulier");
	page_input_field(b,
			 &(struct page_input){
				 .id = "naam",
				 .label = "Inlognaam",
				 .type = "text",
				 .autocomplete = "off",
				 .hint = "Waarmee iemand zich aanmeldt, bijvoorbeeld j.devries-dordrecht. Geen schuine streep.",
				 .value = page_form_value(pf, NULL, "naam", ""),
				 .error = page_form_error(pf, "naam"),
				 .required = 1 });
	page_select_field(b,
			  &(struct page_input){ .id = "rol",
						.label = "Rol",
						.value = page_form_value(pf, NULL, "rol", "medewerker"),
						.error = page_form_error(pf, "rol"),
						.required = 1 },
			  grantable_roles(rq, NULL), NULL);
	page_select_json(b,
			 &(struct page_input){ .id = "organisatie",
					       .label = "Organisatie",
					       .hint = "Een beheerder hoort bij geen organisatie.",
					       .value = page_form_value(pf, NULL, "organisatie", rq->actor.org),
					       .error = page_form_error(pf, "organisatie") },
			 orgs, "code", "naam", json_array_size(orgs) > 1 ? "— geen —" : NULL);
	if (policy_allows(&rq->actor, ACT_ADMIN, NULL, NULL))
		page_select_json(
			b,
			&(struct page_input){ .id = "verband",
					      .label = "Verband (alleen voor stuurgroep en procesmanager)",
					      .hint = "Een stuurgroeplid hoort bij één verband; een procesmanager zonder verband "
						      "werkt voor het hele netwerk.",
					      .value = page_form_value(pf, NULL, "verband", ""),
					      .error = page_form_error(pf, "verband") },
			verbanden, "code", "naam", "— geen —");
	page_select_json(b,
			 &(struct page_input){ .id = "medewerker",
					       .label = "Is medewerker (niet verplicht)",
					       .hint = "Wie dit account is: dan boekt een medewerker uren en houdt de eigen "
						       "kwaliteitskaart bij als die persoon, en ziet de eigen gegevens.",
					       .value = page_form_value(pf, NULL, "medewerker", ""),
					       .error = page_form_error(pf, "medewerker") },
			 staff, "id", "label", "— niemand —");
	page_input_field(b, &(struct page_input){ .id = "wachtwoord",
						  .label = "Wachtwoord",
						  .type = "password",
						  .autocomplete = "new-password",
						  .hint = "Ten minste 10 tekens. Leeg: alleen aanmelden met een API-token.",
						  .error = page_form_error(pf, "wachtwoord") });
	html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Gebruiker toevoegen</button></div></form>");
	json_decref(orgs);
	json_decref(verbanden);
	json_decref(staff);
}

static int may_create_any(struct request *rq)
{
	return policy_allows(&rq->actor, ACT_USER_WRITE, rq->actor.org[0] ? rq->actor.org : NULL, NULL) ||
	       policy_allows(&rq->actor, ACT_ADMIN, NULL, NULL);
}

static int get_new(struct request *rq, struct response *rs)
{
	if (!may_create_any(rq)) {
		authz_require_page(rq, rs, ACT_USER_WRITE, rq->actor.org[0] ? rq->actor.org : NULL);
		return 0;
	}
	struct page_form pf;
	page_form_load(rq, &pf);
	page_begin(rq, rs, "Nieuwe gebruiker");
	struct buf *b = &rs->body;
	title(b, "Nieuw", "Nieuwe gebruiker");
	new_form(rq, b, &pf);
	page_end(rq, rs);
	page_form_release(&pf);
	return 0;
}

static const char *field(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v && v[0] ? v : NULL;
}

static int post_new(struct request *rq, struct response *rs)
{
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		return 0;
	}
	struct gebruiker_spec spec = { field(&f, "naam"), field(&f, "organisatie"), field(&f, "rol"), field(&f, "verband"),
				       field(&f, "wachtwoord") };
	if (!spec.organisatie && rq->actor.org[0] && policy_role_parse(spec.rol) != ROLE_BEHEERDER)
		spec.organisatie = rq->actor.org;
	enum role role = policy_role_parse(spec.rol);
	enum action action = role == ROLE_NONE ? ACT_USER_WRITE : policy_account_action(role);
	char object[GEBRUIKERS_NAME_MAX + 64];
	snprintf(object, sizeof(object), "gebruiker %.100s (%s)", spec.naam ? spec.naam : "?", spec.rol ? spec.rol : "?");
	struct problem p;
	problem_init(&p);
	long long mw = 0;
	const char *m = field(&f, "medewerker");
	if (m && http_parse_id(m, &mw) < 0)
		problem_param(&p, "medewerker", "kies een medewerker uit de lijst");
	if (!policy_allows(&rq->actor, action, spec.organisatie, NULL)) {
		problem_init(&p);
		problem_set(&p, 403, "Dat mag niet.");
		authz_refusal(rq, spec.organisatie, p.detail, sizeof(p.detail));
		authz_audit(rq, action, 403, object);
		page_form_refuse(rq, rs, "/beheer/gebruikers/nieuw", &f, &p, user_fields);
		form_release(&f);
		return 0;
	}
	/* The account and its link in one go: a refused link leaves no account. */
	json_t *out = NULL, *link = NULL;
	int r = p.status ? -p.status : store_begin(rq->store, &p);
	if (r == 0) {
		r = gebruikers_user_create(rq->store, &spec, &out, &p);
		if (r == 0 && mw)
			r = kwaliteitskaart_account_link(rq->store, spec.naam, mw, &link, &p);
		r = store_finish(rq->store, r, &p);
	}
	authz_audit(rq, action, r < 0 ? p.status : 201, object);
	if (r < 0) {
		if (!p.detail[0] || p.nparams)
			snprintf(p.detail, sizeof(p.detail), "De gebruiker is niet toegevoegd: verbeter wat hieronder staat.");
		page_form_refuse(rq, rs, "/beheer/gebruikers/nieuw", &f, &p, user_fields);
	} else {
		struct buf h;
		buf_init(&h, 256);
		user_href(&h, spec.naam, "?gelukt=aangemaakt");
		see_other(rs, buf_str(&h));
		buf_release(&h);
	}
	json_decref(out);
	json_decref(link);
	form_release(&f);
	return 0;
}

/* ---- one account ----------------------------------------------------------------------------------- */

/* The account of the path, for reading (reading) or changing. Unknown
 * names are a 404 only for who may see every account. */
static int target(struct request *rq, struct response *rs, int reading, struct gebruiker_info *info)
{
	struct problem p;
	problem_init(&p);
	const char *naam = req_param(rq, "naam");
	if (gebruikers_check_name(naam, &p) < 0 || gebruikers_user_info(rq->store, naam, info, &p) < 0) {
		if (authz_require_page(rq, rs, reading ? ACT_USER_READ : ACT_ADMIN, NULL) < 0)
			return -1;
		page_error(rq, rs, 404, "Deze gebruiker bestaat niet.");
		return -1;
	}
	enum action action = reading ? ACT_USER_READ : policy_account_action(info->role);
	return authz_require_page(rq, rs, action, info->org[0] ? info->org : NULL);
}

static void dd(struct buf *b, const char *key, const char *value)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	html_txt(b, value);
	html_raw(b, "</dd></div>");
}

static void section(struct buf *b, const char *id, const char *heading)
{
	html_raw(b, "<section aria-labelledby=\"");
	html_attr(b, id);
	html_raw(b, "\"><h2 class=\"utrecht-heading-2\" id=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, heading);
	html_raw(b, "</h2>");
}

static void action_href(char *out, size_t len, const char *naam, const char *rest)
{
	struct buf h;
	buf_init(&h, 256);
	user_href(&h, naam, rest);
	snprintf(out, len, "%s", buf_str(&h));
	buf_release(&h);
}

static void tokens(struct request *rq, struct buf *b, const char *naam, const struct page_form *pf, const char *fresh)
{
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (gebruikers_token_list(rq->store, naam, &list, &p) < 0)
		return;
	section(b, "kop-tokens", "API-tokens");
	if (fresh) {
		html_raw(b, "<div class=\"utrecht-alert utrecht-alert--ok samen-ub-note\" role=\"status\"><p "
			    "class=\"utrecht-paragraph\">"
			    "Het nieuwe token staat hieronder. Kopieer het nu: samen bewaart alleen een afdruk ervan en laat het "
			    "nooit meer zien.</p><p class=\"utrecht-paragraph\"><code class=\"samen-code samen-uri\" "
			    "id=\"nieuw-token\">");
		html_txt(b, fresh);
		html_raw(b, "</code></p></div>");
	}
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Dit account heeft geen API-tokens.</p>");
	} else {
		static const char *const head[] = { "Omschrijving", "Uitgegeven", "Status", "Intrekken", NULL };
		page_table_begin(b, "API-tokens van dit account", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *t;
		json_array_foreach(list, i, t) {
			long long id = json_integer_value(json_object_get(t, "id"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(t, "omschrijving") ? str(t, "omschrijving") : "(geen omschrijving)");
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			page_audit_when(b, str(t, "aangemaakt"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			if (str(t, "ingetrokken")) {
				html_raw(b, "ingetrokken op ");
				page_audit_when(b, str(t, "ingetrokken"));
				html_raw(b, "</td><td class=\"utrecht-table__cell\">—");
			} else {
				char action[300], rest[64];
				snprintf(rest, sizeof(rest), "/tokens/%lld/intrekken", id);
				action_href(action, sizeof(action), naam, rest);
				html_raw(b, "geldig</td><td class=\"utrecht-table__cell\">");
				page_form_begin(rq, b, action, NULL, "samen-inline");
				buf_printf(b,
					   "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">"
					   "Intrekken<span class=\"samen-ub-vh\"> token %lld</span></button></form>",
					   id);
			}
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	char action[300];
	action_href(action, sizeof(action), naam, "/tokens");
	page_form_begin(rq, b, action, "token", "samen-formulier samen-formulier--klein");
	page_input_field(b, &(struct page_input){ .id = "token-omschrijving",
						  .name = "omschrijving",
						  .label = "Omschrijving van een nieuw token",
						  .type = "text",
						  .hint = "Waarvoor het token is, bijvoorbeeld: koppeling tijdregistratie.",
						  .value = page_form_value(pf, "token", "omschrijving", ""),
						  .error = page_form_error(pf, "token-omschrijving") });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Token uitgeven</button>"
		    "</form></section>");
	json_decref(list);
}

static int render_user(struct request *rq, struct response *rs, const struct gebruiker_info *info, const struct page_form *pf,
		       const char *fresh_token)
{
	const char *naam = req_param(rq, "naam");
	json_t *u = NULL, *links = gebruikers_account_links(rq->store, info->org[0] ? info->org : NULL);
	struct problem p;
	problem_init(&p);
	if (gebruikers_user_get(rq->store, naam, &u, &p) < 0) {
		json_decref(links);
		page_error(rq, rs, 404, "Deze gebruiker bestaat niet.");
		return 0;
	}
	char orgname[200] = "", verband[200] = "";
	if (info->org[0] && store_name(rq->store, info->org, orgname, sizeof(orgname)) < 0)
		snprintf(orgname, sizeof(orgname), "%s", info->org);
	if (info->verband[0] && store_name(rq->store, info->verband, verband, sizeof(verband)) < 0)
		snprintf(verband, sizeof(verband), "%s", info->verband);
	json_t *link = json_object_get(links, naam);
	page_begin(rq, rs, naam);
	struct buf *b = &rs->body;
	title(b, naam, naam);
	static const char *const done[][2] = {
		{ "aangemaakt", "De gebruiker is toegevoegd." },
		{ "rol", "De rol is gewijzigd." },
		{ "medewerker", "De koppeling is opgeslagen." },
		{ "wachtwoord", "Het nieuwe wachtwoord geldt; de sessies van deze gebruiker zijn beëindigd." },
		{ "uitgeschakeld", "De gebruiker is uitgeschakeld: geen aanmelding meer, sessies en tokens "
				   "vervallen." },
		{ "ingetrokken", "Het token is ingetrokken." },
		{ NULL, NULL }
	};
	const char *ok = req_query(rq, "gelukt");
	for (int i = 0; ok && !(pf && pf->loaded) && done[i][0]; i++)
		if (!strcmp(ok, done[i][0])) {
			html_raw(b, "<div class=\"utrecht-alert utrecht-alert--ok samen-ub-note\" role=\"status\"><p "
				    "class=\"utrecht-paragraph\">");
			html_txt(b, done[i][1]);
			html_raw(b, "</p></div>");
		}
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	dd(b, "Rol", role_words[info->role]);
	if (orgname[0])
		dd(b, "Organisatie", orgname);
	if (info->role == ROLE_STUURGROEP || info->role == ROLE_PROCESMANAGER)
		dd(b, "Verband", verband[0] ? verband : "het hele netwerk");
	dd(b, "Is", link ? str(link, "naam") : "niet gekoppeld aan een medewerker");
	dd(b, "Status", info->active ? "actief" : "uitgeschakeld");
	dd(b, "Wachtwoord", json_is_true(json_object_get(u, "heeftWachtwoord")) ? "ingesteld" : "geen (alleen een API-token)");
	html_raw(b, "</dl>");

	int may_change = policy_allows(&rq->actor, policy_account_action(info->role), info->org[0] ? info->org : NULL, NULL);
	char action[300];
	if (may_change && info->active) {
		section(b, "kop-rol", "Rol en bereik");
		json_t *orgs = org_options(rq), *verbanden = register_verband_list(rq->store);
		action_href(action, sizeof(action), naam, "/rol");
		page_form_begin(rq, b, action, "rol", "samen-formulier");
		page_select_field(b,
				  &(struct page_input){ .id = "rol-rol",
							.name = "rol",
							.label = "Rol",
							.value = page_form_value(pf, "rol", "rol", policy_role_names[info->role]),
							.error = page_form_error(pf, "rol-rol") },
				  grantable_roles(rq, info->org), NULL);
		page_select_json(b,
				 &(struct page_input){ .id = "rol-organisatie",
						       .name = "organisatie",
						       .label = "Organisatie",
						       .value = page_form_value(pf, "rol", "organisatie", info->org),
						       .error = page_form_error(pf, "rol-organisatie") },
				 orgs, "code", "naam", json_array_size(orgs) > 1 ? "— geen —" : NULL);
		if (policy_allows(&rq->actor, ACT_ADMIN, NULL, NULL))
			page_select_json(b,
					 &(struct page_input){ .id = "rol-verband",
							       .name = "verband",
							       .label = "Verband (alleen voor stuurgroep en procesmanager)",
							       .value = page_form_value(pf, "rol", "verband", info->verband),
							       .error = page_form_error(pf, "rol-verband") },
					 verbanden, "code", "naam", "— geen —");
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Rol opslaan</button>"
			    "</form></section>");
		json_decref(orgs);
		json_decref(verbanden);
	}
	if (policy_allows(&rq->actor, ACT_USER_WRITE, info->org[0] ? info->org : NULL, NULL) && info->org[0]) {
		section(b, "kop-koppeling", "Welke medewerker dit is");
		char current[32] = "";
		if (link)
			snprintf(current, sizeof(current), "%lld", (long long)json_integer_value(json_object_get(link, "id")));
		const char *zoek = req_query(rq, "zoekMedewerker");
		if (zoek && !zoek[0])
			zoek = NULL;
		int searched;
		json_t *staff =
			staff_options(rq, info->org, zoek, page_form_value(pf, "medewerker", "medewerker", current), &searched);
		if (searched) {
			struct buf h;
			buf_init(&h, 256);
			user_href(&h, naam, NULL);
			staff_search(b, buf_str(&h), zoek, (long long)json_array_size(staff));
			buf_release(&h);
		}
		action_href(action, sizeof(action), naam, "/medewerker");
		page_form_begin(rq, b, action, "medewerker", "samen-formulier");
		page_select_json(
			b,
			&(struct page_input){ .id = "koppeling-medewerker",
					      .name = "medewerker",
					      .label = "Medewerker",
					      .hint = "Een gekoppeld account boekt uren en werkt de kwaliteitskaart bij als "
						      "deze persoon, en alleen als deze persoon.",
					      .value = page_form_value(pf, "medewerker", "medewerker", current),
					      .error = page_form_error(pf, "koppeling-medewerker") },
			staff, "id", "label", "— niemand (ontkoppelen) —");
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Koppeling opslaan"
			    "</button></form></section>");
		json_decref(staff);
	}
	if (may_change && info->active) {
		section(b, "kop-wachtwoord", "Nieuw wachtwoord");
		html_raw(b,
			 "<p class=\"utrecht-paragraph\">Voor wie het wachtwoord kwijt is. Alle sessies van dit account worden "
			 "beëindigd; een blokkade na mislukte pogingen vervalt.</p>");
		action_href(action, sizeof(action), naam, "/wachtwoord");
		page_form_begin(rq, b, action, "wachtwoord", "samen-formulier");
		page_input_field(b, &(struct page_input){ .id = "nieuw-wachtwoord",
							  .name = "wachtwoord",
							  .label = "Nieuw wachtwoord",
							  .type = "password",
							  .autocomplete = "new-password",
							  .hint = "Ten minste 10 tekens.",
							  .error = page_form_error(pf, "nieuw-wachtwoord"),
							  .required = 1 });
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Wachtwoord "
			    "instellen</button></form></section>");
		if (info->id != rq->actor.user_id) {
			section(b, "kop-uitschakelen", "Uitschakelen");
			html_raw(b, "<p class=\"utrecht-paragraph\">Wie vertrekt of niet meer mag: geen aanmelding meer, lopende "
				    "sessies en API-tokens vervallen. Het account en zijn sporen in het auditlog blijven.</p>");
			action_href(action, sizeof(action), naam, "/uitschakelen");
			page_form_begin(rq, b, action, "uitschakelen", "samen-formulier samen-formulier--klein");
			html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Gebruiker "
				    "uitschakelen</button></form></section>");
		}
	}
	if (policy_allows(&rq->actor, ACT_TOKEN_WRITE, NULL, NULL) && info->active)
		tokens(rq, b, naam, pf, fresh_token);
	page_end(rq, rs);
	json_decref(u);
	json_decref(links);
	return 0;
}

static int get_user(struct request *rq, struct response *rs)
{
	struct gebruiker_info info;
	if (target(rq, rs, 1, &info) < 0)
		return 0;
	struct page_form pf;
	page_form_load(rq, &pf);
	render_user(rq, rs, &info, &pf, NULL);
	page_form_release(&pf);
	return 0;
}

/* ---- changes to one account -------------------------------------------------------------------------- */

/* The parsed form of a post to an account, and where it returns. */
struct change {
	struct gebruiker_info info;
	struct form f;
	char back[300];
};

static int change_begin(struct request *rq, struct response *rs, struct change *c, int reading)
{
	memset(c, 0, sizeof(*c));
	if (target(rq, rs, reading, &c->info) < 0)
		return -1;
	action_href(c->back, sizeof(c->back), req_param(rq, "naam"), "");
	if (!form_is_urlencoded(rq) || form_parse(&c->f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		return -1;
	}
	return 0;
}

static void change_done(struct request *rq, struct response *rs, struct change *c, int r, const struct problem *p,
			const struct page_form_field *fields, const char *what)
{
	if (r < 0) {
		page_form_refuse(rq, rs, c->back, &c->f, p, fields);
	} else {
		char href[400];
		snprintf(href, sizeof(href), "%s?gelukt=%s", c->back, what);
		see_other(rs, href);
	}
	form_release(&c->f);
}

static int post_role(struct request *rq, struct response *rs)
{
	struct change c;
	if (change_begin(rq, rs, &c, 0) < 0)
		return 0;
	const char *naam = req_param(rq, "naam"), *rol = field(&c.f, "rol"), *org = field(&c.f, "organisatie"),
		   *verband = field(&c.f, "verband");
	enum role role = policy_role_parse(rol);
	enum action action = role == ROLE_NONE ? policy_account_action(c.info.role) : policy_account_action(role);
	char object[GEBRUIKERS_NAME_MAX + 64];
	snprintf(object, sizeof(object), "gebruiker %s wordt %s", naam, rol ? rol : "?");
	static const struct page_form_field fields[] = { { "rol", "rol-rol", "Rol" },
							 { "organisatie", "rol-organisatie", "Organisatie" },
							 { "verband", "rol-verband", "Verband" },
							 { NULL, NULL, NULL } };
	struct problem p;
	problem_init(&p);
	const char *target_org = org ? org : c.info.org[0] ? c.info.org : NULL;
	int r;
	json_t *out = NULL;
	if (!policy_allows(&rq->actor, action, target_org, NULL)) {
		problem_set(&p, 403, "Dat mag niet.");
		authz_refusal(rq, target_org, p.detail, sizeof(p.detail));
		r = -403;
	} else {
		r = gebruikers_user_set_role(rq->store, naam, rol, verband, org, &out, &p);
	}
	authz_audit(rq, action, r < 0 ? p.status : 200, object);
	json_decref(out);
	change_done(rq, rs, &c, r, &p, fields, "rol");
	return 0;
}

static int post_link(struct request *rq, struct response *rs)
{
	struct change c;
	if (change_begin(rq, rs, &c, 1) < 0)
		return 0;
	const char *naam = req_param(rq, "naam"), *m = field(&c.f, "medewerker");
	char object[GEBRUIKERS_NAME_MAX + 32];
	snprintf(object, sizeof(object), "gebruiker %.100s", naam);
	static const struct page_form_field fields[] = { { "medewerker", "koppeling-medewerker", "Medewerker" },
							 { NULL, NULL, NULL } };
	struct problem p;
	problem_init(&p);
	long long id = 0;
	int r;
	json_t *out = NULL;
	if (!policy_allows(&rq->actor, ACT_USER_WRITE, c.info.org[0] ? c.info.org : NULL, NULL)) {
		problem_set(&p, 403, "Dat mag niet.");
		authz_refusal(rq, c.info.org, p.detail, sizeof(p.detail));
		r = -403;
	} else if (m && http_parse_id(m, &id) < 0) {
		r = problem_param(&p, "medewerker", "kies een medewerker uit de lijst");
	} else {
		r = kwaliteitskaart_account_link(rq->store, naam, id, &out, &p);
	}
	authz_audit(rq, ACT_USER_WRITE, r < 0 ? p.status : 200, object);
	json_decref(out);
	change_done(rq, rs, &c, r, &p, fields, "medewerker");
	return 0;
}

static int post_password(struct request *rq, struct response *rs)
{
	struct change c;
	if (change_begin(rq, rs, &c, 0) < 0)
		return 0;
	const char *naam = req_param(rq, "naam"), *pw = form_get(&c.f, "wachtwoord");
	static const struct page_form_field fields[] = { { "wachtwoord", "nieuw-wachtwoord", "Nieuw wachtwoord" },
							 { NULL, NULL, NULL } };
	struct problem p;
	problem_init(&p);
	int r = !pw || !pw[0] ? problem_param(&p, "wachtwoord", "vul het nieuwe wachtwoord in")
			      : gebruikers_user_set_password(rq->store, naam, pw, &p);
	char object[GEBRUIKERS_NAME_MAX + 32];
	snprintf(object, sizeof(object), "wachtwoord van gebruiker %s", naam);
	authz_audit(rq, policy_account_action(c.info.role), r < 0 ? p.status : 204, object);
	change_done(rq, rs, &c, r, &p, fields, "wachtwoord");
	return 0;
}

static int post_disable(struct request *rq, struct response *rs)
{
	struct change c;
	if (change_begin(rq, rs, &c, 0) < 0)
		return 0;
	const char *naam = req_param(rq, "naam");
	struct problem p;
	problem_init(&p);
	int r = c.info.id == rq->actor.user_id
			? problem_set(&p, 422, "U kunt uw eigen account niet uitschakelen; vraag een andere beheerder.")
			: gebruikers_user_disable(rq->store, naam, &p);
	char object[GEBRUIKERS_NAME_MAX + 32];
	snprintf(object, sizeof(object), "gebruiker %s uitgeschakeld", naam);
	authz_audit(rq, policy_account_action(c.info.role), r < 0 ? p.status : 200, object);
	change_done(rq, rs, &c, r, &p, NULL, "uitgeschakeld");
	return 0;
}

static int post_token(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_TOKEN_WRITE, NULL) < 0)
		return 0;
	struct change c;
	if (change_begin(rq, rs, &c, 1) < 0)
		return 0;
	const char *naam = req_param(rq, "naam");
	struct problem p;
	problem_init(&p);
	char token[GEBRUIKERS_SECRET_LEN];
	json_t *out = NULL;
	int r = gebruikers_token_create(rq->store, naam, field(&c.f, "omschrijving"), token, &out, &p);
	char object[GEBRUIKERS_NAME_MAX + 48];
	snprintf(object, sizeof(object), "token voor gebruiker %s", naam);
	authz_audit(rq, ACT_TOKEN_WRITE, r < 0 ? p.status : 201, object);
	json_decref(out);
	static const struct page_form_field fields[] = { { "omschrijving", "token-omschrijving", "Omschrijving" },
							 { NULL, NULL, NULL } };
	if (r < 0) {
		change_done(rq, rs, &c, r, &p, fields, NULL);
	} else {
		/* The secret is shown once, on this answer: it is nowhere to redirect to. */
		render_user(rq, rs, &c.info, NULL, token);
		rs->status = 201;
		form_release(&c.f);
	}
	memset(token, 0, sizeof(token));
	return 0;
}

static int post_revoke(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_TOKEN_WRITE, NULL) < 0)
		return 0;
	struct change c;
	if (change_begin(rq, rs, &c, 1) < 0)
		return 0;
	long long id;
	struct problem p;
	problem_init(&p);
	char owner[GEBRUIKERS_NAME_MAX + 1] = "";
	int r = http_parse_id(req_param(rq, "id"), &id) < 0 ? problem_set(&p, 404, "Dit token bestaat niet.")
							    : gebruikers_token_revoke(rq->store, id, owner, &p);
	if (r == 0 && strcmp(owner, req_param(rq, "naam")))
		r = problem_set(&p, 404, "Dit token hoort niet bij deze gebruiker.");
	char object[GEBRUIKERS_NAME_MAX + 48];
	snprintf(object, sizeof(object), "token %s van gebruiker %s ingetrokken", req_param(rq, "id"), owner[0] ? owner : "?");
	authz_audit(rq, ACT_TOKEN_WRITE, r < 0 ? p.status : 204, object);
	change_done(rq, rs, &c, r, &p, NULL, "ingetrokken");
	return 0;
}

#define GB "/beheer/gebruikers"
const struct route page_gebruikers_beheer_routes[] = {
	{ "GET", GB, get_list, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", GB "/nieuw", get_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", GB, post_new, NULL, "Gebruiker toevoegen", NULL, NULL, NULL, 0 },
	{ "GET", GB "/{naam}", get_user, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/rol", post_role, NULL, "Rol wijzigen", NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/medewerker", post_link, NULL, "Account koppelen aan een medewerker", NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/wachtwoord", post_password, NULL, "Nieuw wachtwoord instellen", NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/uitschakelen", post_disable, NULL, "Gebruiker uitschakelen", NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/tokens", post_token, NULL, "API-token uitgeven", NULL, NULL, NULL, 0 },
	{ "POST", GB "/{naam}/tokens/{id}/intrekken", post_revoke, NULL, "API-token intrekken", NULL, NULL, NULL, 0 },
	{ 0 },
};
