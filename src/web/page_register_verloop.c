/* The register over time on the pages: an organisation's validity, its
 * dated changes, its raad's kaders and planned reports, and what waits for
 * it (steps in the decision trail, consents in the urenbank), with the
 * beheerder's form to change it or record a herindeling; a verband's
 * gastheer, documents, trekkers, meetings, evaluations, phased entries and
 * join notices, with the forms of whoever steers it. Forms post back and
 * redirect (303); a refusal shows the page's message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/besturing.h"
#include "store/register.h"
#include "store/urenbank.h"
#include "web/page_register_verloop.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

static void h2(struct buf *b, const char *id, const char *title)
{
	html_raw(b, "<section aria-labelledby=\"");
	html_attr(b, id);
	html_raw(b, "\"><h2 class=\"utrecht-heading-2\" id=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, title);
	html_raw(b, "</h2>");
}

/* " (vanaf <van>[ tot <tot>])" of a record with a period. */
static void period(struct buf *b, json_t *x)
{
	html_raw(b, " (vanaf ");
	html_date(b, str(x, "van"));
	if (str(x, "tot")) {
		html_raw(b, " tot ");
		html_date(b, str(x, "tot"));
	}
	html_raw(b, ")");
}

/* "<label>a, b, c" for a non-empty array of codes, each by its name (of a
 * task field, or of an organisation); nothing when empty. */
static void names(struct request *rq, struct buf *b, const char *label, json_t *a, int taakvelden)
{
	if (!json_array_size(a))
		return;
	html_raw(b, label);
	json_t *list = taakvelden ? register_taakveld_list(rq->store) : NULL;
	size_t k, i;
	json_t *y, *t;
	json_array_foreach(a, k, y) {
		const char *code = json_string_value(y), *name = code;
		char org[200];
		if (taakvelden) {
			json_array_foreach(list, i, t)
				if (code && !strcmp(str(t, "code"), code))
					name = str(t, "naam");
		} else {
			name = page_org_name(rq, code, org, sizeof(org));
		}
		html_raw(b, k ? ", " : "");
		html_txt(b, name);
	}
	json_decref(list);
}

static void form_begin(struct request *rq, struct buf *b, const char *action)
{
	html_raw(b, "<form method=\"post\" class=\"samen-form\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
}

static void field(struct buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
		  int required)
{
	page_input_field(b, &(struct page_input){
				    .id = id, .name = name, .label = label, .type = type, .value = value, .required = required });
}

static void select_field(struct buf *b, const char *id, const char *name, const char *label, const char *const *pairs)
{
	const struct page_input in = { .id = id, .name = name, .label = label };
	page_select_open(b, &in, 0);
	for (int i = 0; pairs[i]; i += 2) {
		html_raw(b, "<option value=\"");
		html_attr(b, pairs[i]);
		html_raw(b, "\">");
		html_txt(b, pairs[i + 1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

/* A select from [[value, label], …], with an empty first choice. */
static void pairs_add(json_t *a, const char *value, const char *label)
{
	if (value)
		json_array_append_new(a, json_pack("[s,s]", value, label ? label : value));
}

static int pairs_has(json_t *a, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x)
		if (value && !strcmp(json_string_value(json_array_get(x, 0)), value))
			return 1;
	return 0;
}

static void json_select_field(struct buf *b, const char *id, const char *name, const char *label, json_t *pairs)
{
	size_t n = json_array_size(pairs);
	const char **v = calloc(2 * n + 3, sizeof(*v));
	if (!v)
		return;
	v[0] = "";
	v[1] = "— kies —";
	for (size_t i = 0; i < n; i++) {
		v[2 + 2 * i] = json_string_value(json_array_get(json_array_get(pairs, i), 0));
		v[3 + 2 * i] = json_string_value(json_array_get(json_array_get(pairs, i), 1));
	}
	select_field(b, id, name, label, v);
	free(v);
}

static void button(struct buf *b, const char *text)
{
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_txt(b, text);
	html_raw(b, "</button></form>");
}

/* ---- organisations ---------------------------------------------------------------------------- */

void page_register_wacht(struct request *rq, struct buf *b, const char *code, const char *naam)
{
	json_t *steps = NULL, *consents = NULL;
	struct problem p;
	problem_init(&p);
	besturing_trail_pending(rq->store, code, &steps, &p);
	problem_init(&p);
	urenbank_consents_pending(rq->store, code, &consents, &p);
	if (!json_array_size(steps) && !json_array_size(consents)) {
		json_decref(steps), json_decref(consents);
		return;
	}
	char title[300];
	snprintf(title, sizeof(title), "Wat wacht op %s", naam);
	h2(b, "kop-wacht", title);
	html_list_begin(b, NULL);
	size_t i;
	json_t *x;
	json_array_foreach(steps, i, x) {
		html_list_item(b);
		if (json_is_integer(json_object_get(x, "traject"))) {
			html_raw(b, "<a class=\"utrecht-link\" href=\"/trajecten/");
			html_int(b, num(x, "traject"));
			html_raw(b, "/besluitvorming\">");
			html_txt(b, str(x, "taakveldNaam"));
			html_raw(b, " (");
			html_txt(b, str(x, "verband"));
			html_raw(b, ")</a>");
		} else {
			html_raw(b, "<a class=\"utrecht-link\" href=\"/verbanden/");
			html_url_segment(b, str(x, "verband"));
			html_raw(b, "/besluitvorming\">verband ");
			html_txt(b, str(x, "verband"));
			html_raw(b, "</a>");
		}
		html_raw(b, ": ");
		html_txt(b, str(x, "omschrijving"));
		if (str(x, "deadline")) {
			html_raw(b, " (termijn ");
			html_date(b, str(x, "deadline"));
			html_raw(b, ")");
		}
		html_raw(b, "</li>");
	}
	json_array_foreach(consents, i, x) {
		html_list_item(b);
		html_raw(b, "<a class=\"utrecht-link\" href=\"/proeftuinen/");
		html_url_segment(b, str(x, "proeftuin"));
		html_raw(b, "/instemmingen\">");
		html_txt(b, !strcmp(str(x, "soort"), "samenvoeging") ? "Instemmen met samenvoegen" : "Instemmen met inzet");
		html_raw(b, "</a>: ");
		html_txt(b, str(x, "opdrachtTitel"));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	json_decref(steps), json_decref(consents);
}

/* Whether the actor records for org's own bodies (policy: besluit-vastleggen;
 * a stuurgroep member in the verband the account belongs to). */
static int records_for(struct request *rq, const char *org)
{
	return rq->actor.role != ROLE_NONE &&
	       policy_allows(&rq->actor, ACT_DECISION_RECORD, org, rq->actor.verband[0] ? rq->actor.verband : NULL);
}

/* Choices by name from [[value, label], …], several at once (a <select
 * multiple>: Ctrl or Cmd and a click, or the keyboard with Shift). */
static void multi_select(struct buf *b, const char *id, const char *name, const char *label, const char *hint,
			 json_t *pairs)
{
	struct page_input in = { .id = id, .name = name, .label = label, .hint = hint };
	page_select_open(b, &in, 1);
	size_t i;
	json_t *x;
	json_array_foreach(pairs, i, x) {
		html_raw(b, "<option value=\"");
		html_attr(b, json_string_value(json_array_get(x, 0)));
		html_raw(b, "\">");
		html_txt(b, json_string_value(json_array_get(x, 1)));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

/* The raad's kaders, recorded by someone of the organisation: new kaders
 * replace the current ones from their date. Task fields and partners are
 * chosen by name from the register's lists. */
static void kaders_form(struct request *rq, struct buf *b, const char *code)
{
	if (!rq->actor.csrf[0] || !records_for(rq, code))
		return;
	char action[96], today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	snprintf(action, sizeof(action), "/organisaties/%s/kaders", code);
	h2(b, "kop-kaders-vastleggen", "Kaders van de raad vastleggen");
	html_raw(b, "<p class=\"utrecht-paragraph\">De taakvelden en partners waarop de raad samenwerking toestaat. Een "
		    "traject daarbuiten wordt gemarkeerd en wacht op de stap &lsquo;raad geconsulteerd&rsquo;. Niets "
		    "gekozen begrenst niet.</p>");
	form_begin(rq, b, action);
	field(b, "kader-titel", "titel", "Titel (het raadsbesluit of de visie)", "text", "", 1);
	field(b, "kader-van", "van", "Geldig vanaf", "date", today, 1);
	json_t *fields = json_array(), *partners = json_array(), *list = register_taakveld_list(rq->store);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
		pairs_add(fields, str(x, "code"), str(x, "naam"));
	json_decref(list);
	list = register_org_list(rq->store);
	json_array_foreach(list, i, x)
		if (strcmp(str(x, "code"), code) && !str(x, "geldigTot"))
			pairs_add(partners, str(x, "code"), str(x, "naam"));
	json_decref(list);
	static const char *const several = "Meer kiezen: houd Ctrl (of Cmd) ingedrukt en klik, of gebruik Shift met de pijltjes.";
	multi_select(b, "kader-taakvelden", "taakvelden", "Taakvelden", several, fields);
	multi_select(b, "kader-partners", "partners", "Partners", several, partners);
	json_decref(fields), json_decref(partners);
	field(b, "kader-toelichting", "toelichting", "Toelichting", "text", "", 0);
	button(b, "Kaders vastleggen");
	html_raw(b, "</section>");
}

/* The next stand van zaken to the raad, planned by the organisation itself. */
static void plan_form(struct request *rq, struct buf *b, const char *code)
{
	if (!rq->actor.csrf[0] || !records_for(rq, code))
		return;
	char action[96];
	snprintf(action, sizeof(action), "/organisaties/%s/rapportageplanning", code);
	h2(b, "kop-plan-nieuw", "Volgende rapportage aan de raad plannen");
	form_begin(rq, b, action);
	field(b, "plan-datum", "datum", "Datum (bij een maand: de eerste dag ervan)", "date", "", 1);
	static const char *const prec[] = { "maand",        "een maand", "dag",      "een dag", "kwartaal",
					    "een kwartaal", "jaar",      "een jaar", NULL };
	select_field(b, "plan-precisie", "precisie", "Hoe precies", prec);
	field(b, "plan-titel", "titel", "Titel (leeg: Stand van zaken bestuurlijke samenwerking)", "text", "", 0);
	field(b, "plan-toelichting", "toelichting", "Toelichting", "text", "", 0);
	button(b, "Rapportage plannen");
	html_raw(b, "</section>");
}

void page_register_org_verloop(struct request *rq, struct buf *b, json_t *org)
{
	const char *code = str(org, "code"), *naam = str(org, "naam");
	if (str(org, "geldigVan") || str(org, "geldigTot")) {
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_txt(b, naam);
		if (str(org, "geldigVan")) {
			html_raw(b, " bestaat sinds ");
			html_date(b, str(org, "geldigVan"));
		}
		if (str(org, "geldigTot")) {
			html_raw(b, str(org, "geldigVan") ? " en " : " ");
			html_raw(b, "bestaat niet meer sinds ");
			html_date(b, str(org, "geldigTot"));
			if (str(org, "opvolger")) {
				html_raw(b, "; opvolger: ");
				page_org_link(b, str(org, "opvolger"), str(org, "opvolger"));
			}
		}
		html_raw(b, ".</p>");
	}
	page_register_wacht(rq, b, code, naam);
	json_t *h = NULL, *kaders = NULL, *plans = NULL;
	struct problem p;
	problem_init(&p);
	register_org_history(rq->store, code, &h, &p);
	problem_init(&p);
	besturing_kader_list(rq->store, code, &kaders, &p);
	problem_init(&p);
	besturing_report_plan_list(rq->store, code, NULL, &plans, &p);
	size_t i;
	json_t *x;
	if (json_array_size(h)) {
		h2(b, "kop-wijzigingen", "Wijzigingen");
		static const char *const head[] = { "Per", "Wat", "Van", "Naar", "Reden", NULL };
		page_table_begin(b, "Wijzigingen van deze organisatie", NULL);
		page_table_head(b, head);
		json_array_foreach(h, i, x) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, str(x, "ingangsdatum"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, !strcmp(str(x, "veld"), "opheffing") ? "opgeheven" : str(x, "veld"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(x, "vorige") ? str(x, "vorige") : "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(x, "waarde") ? str(x, "waarde") : "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(x, "reden") ? str(x, "reden") : "");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
		html_raw(b, "</section>");
	}
	if (json_array_size(kaders)) {
		h2(b, "kop-kaders", "Kaders van de raad");
		html_raw(b,
			 "<p class=\"utrecht-paragraph\">Werken buiten deze kaders overlegt het college eerst met de raad; een "
			 "traject daarbuiten wacht op die stap.</p><ul class=\"utrecht-unordered-list\">");
		json_array_foreach(kaders, i, x) {
			html_list_item(b);
			html_raw(b, "<strong>");
			html_txt(b, str(x, "titel"));
			html_raw(b, "</strong>");
			period(b, x);
			names(rq, b, ": taakvelden ", json_object_get(x, "taakvelden"), 1);
			names(rq, b, "; partners ", json_object_get(x, "partners"), 0);
			html_txt_around(b, " — ", str(x, "toelichting"), "");
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	if (json_array_size(plans)) {
		h2(b, "kop-rapportages", "Rapportages aan de raad");
		html_list_begin(b, NULL);
		json_array_foreach(plans, i, x) {
			html_list_item(b);
			html_txt(b, str(x, "titel"));
			html_raw(b, ": ");
			html_txt(b, str(x, "wanneer"));
			html_txt_around(b, " (", str(x, "toelichting"), ")");
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	json_decref(h), json_decref(kaders), json_decref(plans);
	kaders_form(rq, b, code);
	plan_form(rq, b, code);
	if (rq->actor.role == ROLE_NONE || !rq->actor.csrf[0] || !policy_allows(&rq->actor, ACT_REGISTER_WRITE, NULL, NULL))
		return;
	char action[96], today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	snprintf(action, sizeof(action), "/organisaties/%s/wijziging", code);
	h2(b, "kop-org-wijzigen", "Organisatie wijzigen");
	html_raw(b, "<p class=\"utrecht-paragraph\">Een wijziging gaat in op de ingangsdatum; de oude waarde blijft in de "
		    "historie. Bij een herindeling neemt de opvolger de lidmaatschappen en deelnames over.</p>");
	form_begin(rq, b, action);
	field(b, "org-ingang", "ingangsdatum", "Ingangsdatum", "date", today, 1);
	field(b, "org-naam", "naam", "Nieuwe naam (leeg: ongewijzigd)", "text", "", 0);
	field(b, "org-inwoners", "inwoners", "Inwoners (leeg: ongewijzigd)", "number", "", 0);
	static const char *const ophef[] = { "", "nee", "ja", "ja, opgeheven (herindeling)", NULL };
	select_field(b, "org-opgeheven", "opgeheven", "Opgeheven", ophef);
	field(b, "org-opvolger", "opvolger", "Opvolger (code, bij opheffing)", "text", "", 0);
	field(b, "org-reden", "reden", "Reden", "text", "", 0);
	button(b, "Wijziging vastleggen");
	html_raw(b, "</section>");
}

static void see(struct response *rs, const char *base, const char *code, const char *rest)
{
	struct buf loc;
	buf_init(&loc, 256);
	buf_adds(&loc, base);
	html_url_segment(&loc, code);
	buf_adds(&loc, rest);
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
	buf_release(&loc);
}

static void refusal(struct request *rq, struct response *rs, int status, const struct problem *p, const char *back,
		    const char *back_text)
{
	page_begin(rq, rs, "Niet vastgelegd");
	rs->status = status;
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Niet vastgelegd</h1>");
	page_alert(b, p->detail[0] ? p->detail : problem_title(p->status));
	if (p->nparams) {
		html_list_begin(b, NULL);
		for (int i = 0; i < p->nparams; i++) {
			html_list_item(b);
			html_txt(b, p->params[i].name);
			html_raw(b, ": ");
			html_txt(b, p->params[i].reason);
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	html_raw(b, "<p class=\"utrecht-paragraph\">");
	html_link(b, back, back_text);
	html_raw(b, "</p>");
	page_end(rq, rs);
}

static int status_of(int r) { return r == -400 ? 400 : r == -404 ? 404 : r == -409 ? 409 : 422; }

/* A form body, or a 400 page: 0, or -1 when answered. */
static int read_form(struct request *rq, struct response *rs, struct form *f)
{
	if (!form_is_urlencoded(rq) || form_parse(f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		return -1;
	}
	return 0;
}

/* v as in[key], unless it is empty. */
static void set_text(json_t *in, const char *key, const char *v)
{
	if (v && v[0])
		json_object_set_new(in, key, json_string(v));
}

/* The named fields of f that were filled in, under the same names. */
static void copy_texts(const struct form *f, const char *const *names, json_t *in)
{
	for (int i = 0; names[i]; i++)
		set_text(in, names[i], form_get(f, names[i]));
}

/* After a write r (0, or -status) for code: the audit line and then the
 * page of base+code with rest, or the refusal with a way back to it. */
static void answer(struct request *rq, struct response *rs, enum action act, int ok, int r, const struct problem *p,
		   const char *base, const char *code, const char *back_text, const char *rest)
{
	authz_audit(rq, act, r < 0 ? p->status : ok, code);
	if (r < 0) {
		char back[160];
		snprintf(back, sizeof(back), "%s%s", base, code);
		refusal(rq, rs, status_of(r), p, back, back_text);
	} else {
		see(rs, base, code, rest);
	}
}

/* Whether the actor steers verband code (its stuurgroep or procesmanager);
 * otherwise answered with 404, the sign-in page or 403. */
static int steers(struct request *rq, struct response *rs, const char *code)
{
	if (!store_verband_id(rq->store, code)) {
		page_error(rq, rs, 404, "Er is geen verband met deze code.");
		return 0;
	}
	if (rq->actor.role == ROLE_NONE) {
		authz_require_page(rq, rs, ACT_STEER, NULL);
		return 0;
	}
	if (!policy_allows(&rq->actor, ACT_STEER, NULL, code)) {
		page_error(rq, rs, 403, "Alleen de stuurgroep of procesmanager van dit verband legt dit vast.");
		authz_audit(rq, ACT_STEER, 403, code);
		return 0;
	}
	return 1;
}

/* Whether the actor records for organisation code; otherwise answered
 * with the sign-in page or 403 and why. */
static int records_org(struct request *rq, struct response *rs, const char *code, const char *why)
{
	if (rq->actor.role == ROLE_NONE) {
		authz_require_page(rq, rs, ACT_DECISION_RECORD, code);
		return 0;
	}
	if (!records_for(rq, code)) {
		authz_audit(rq, ACT_DECISION_RECORD, 403, code);
		page_error(rq, rs, 403, why);
		return 0;
	}
	return 1;
}

int page_register_org_wijziging(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (authz_require_page(rq, rs, ACT_REGISTER_WRITE, NULL) < 0)
		return 0;
	struct form f = { 0 };
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = json_object(), *out = NULL;
	static const char *const texts[] = { "ingangsdatum", "naam", "opvolger", "reden", NULL };
	copy_texts(&f, texts, in);
	const char *inw = form_get(&f, "inwoners"), *oph = form_get(&f, "opgeheven");
	struct problem p;
	problem_init(&p);
	if (inw && inw[0]) {
		char *end;
		long long n = strtoll(inw, &end, 10);
		if (*end || n < 0)
			problem_param(&p, "inwoners", "een geheel getal, 0 of meer");
		else
			json_object_set_new(in, "inwoners", json_integer(n));
	}
	if (oph && !strcmp(oph, "ja"))
		json_object_set_new(in, "opgeheven", json_true());
	int r = p.status ? -p.status : register_org_patch(rq->store, rq->actor.name, code, in, &out, &p);
	answer(rq, rs, ACT_REGISTER_WRITE, 200, r, &p, "/organisaties/", code, "Terug naar de organisatie", "?gelukt=wijziging");
	json_decref(in), json_decref(out);
	form_release(&f);
	return 0;
}

/* "a, b ,c" as ["a","b","c"] (empty items dropped). */
static json_t *code_list(const char *v)
{
	json_t *a = json_array();
	while (v && *v) {
		size_t n = strcspn(v, ",");
		const char *e = v + n;
		while (v < e && (*v == ' ' || *v == '\t'))
			v++;
		const char *t = e;
		while (t > v && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t > v)
			json_array_append_new(a, json_stringn(v, (size_t)(t - v)));
		v = *e ? e + 1 : e;
	}
	return a;
}

/* Every value of a field that may come several times (a <select
 * multiple>), each also split on commas. */
static json_t *form_codes(const struct form *f, const char *name)
{
	json_t *all = json_array();
	for (int i = 0; i < f->n; i++) {
		if (strcmp(f->f[i].name, name))
			continue;
		json_t *some = code_list(f->f[i].value);
		json_array_extend(all, some);
		json_decref(some);
	}
	return all;
}

int page_register_org_kaders(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (!records_org(rq, rs, code, "De kaders van de raad legt iemand van die organisatie vast."))
		return 0;
	struct form f = { 0 };
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = json_object(), *out = NULL;
	static const char *const texts[] = { "titel", "van", "toelichting", NULL };
	copy_texts(&f, texts, in);
	json_object_set_new(in, "taakvelden", form_codes(&f, "taakvelden"));
	json_object_set_new(in, "partners", form_codes(&f, "partners"));
	struct problem p;
	problem_init(&p);
	int r = besturing_kader_create(rq->store, rq->actor.name, code, in, &out, &p);
	answer(rq, rs, ACT_DECISION_RECORD, 201, r, &p, "/organisaties/", code, "Terug naar de organisatie",
	       "?gelukt=kaders#kop-kaders");
	json_decref(in), json_decref(out);
	form_release(&f);
	return 0;
}

int page_register_org_plan(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (!records_org(rq, rs, code, "De rapportages aan de raad plant iemand van die organisatie."))
		return 0;
	struct form f = { 0 };
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = json_object(), *out = NULL;
	static const char *const texts[] = { "datum", "precisie", "titel", "toelichting", NULL };
	copy_texts(&f, texts, in);
	struct problem p;
	problem_init(&p);
	int r = besturing_report_plan_create(rq->store, rq->actor.name, code, in, &out, &p);
	answer(rq, rs, ACT_DECISION_RECORD, 201, r, &p, "/organisaties/", code, "Terug naar de organisatie",
	       "?gelukt=rapportage#kop-rapportages");
	json_decref(in), json_decref(out);
	form_release(&f);
	return 0;
}

/* The stuurgroep's forms for what was agreed to happen: the agenda and
 * minutes of one meeting of a series, the outcome of an evaluation. */
static void meeting_forms(struct request *rq, struct buf *b, const char *code, json_t *meet, json_t *evals)
{
	char action[120], today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	size_t i;
	json_t *x;
	if (json_array_size(meet)) {
		snprintf(action, sizeof(action), "/verbanden/%s/vergadering", code);
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-vergadering\">Agenda en verslag van een vergadering</h3>");
		form_begin(rq, b, action);
		const struct page_input in = { .id = "vergadering-overleg", .label = "Overleg" };
		page_field_begin(b, &in);
		html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"vergadering-overleg\" "
			    "name=\"overleg\">");
		json_array_foreach(meet, i, x) {
			html_raw(b, "<option value=\"");
			html_int(b, num(x, "id"));
			html_raw(b, "\">");
			html_txt(b, str(x, "titel"));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select>");
		page_field_end(b);
		field(b, "vergadering-datum", "datum", "Datum van de vergadering (een datum uit de reeks)", "date", today, 1);
		field(b, "vergadering-agenda", "agenda", "Agenda", "textarea", "", 0);
		field(b, "vergadering-verslag", "verslag", "Verslag", "textarea", "", 0);
		button(b, "Agenda en verslag vastleggen");
	}
	int open = 0;
	json_array_foreach(evals, i, x)
		open |= !str(x, "uitkomst");
	if (!open)
		return;
	snprintf(action, sizeof(action), "/verbanden/%s/evaluatie-uitkomst", code);
	html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-evaluatie-uitkomst\">Uitkomst van een evaluatie</h3>");
	form_begin(rq, b, action);
	const struct page_input in = { .id = "evaluatie-id", .label = "Evaluatiemoment" };
	page_field_begin(b, &in);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"evaluatie-id\" name=\"evaluatie\">");
	json_array_foreach(evals, i, x) {
		if (str(x, "uitkomst"))
			continue;
		html_raw(b, "<option value=\"");
		html_int(b, num(x, "id"));
		html_raw(b, "\">");
		html_txt(b, str(x, "titel"));
		html_raw(b, " (");
		html_txt(b, str(x, "wanneer"));
		html_raw(b, ")</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
	field(b, "evaluatie-gehouden", "gehouden", "Gehouden op", "date", today, 1);
	field(b, "evaluatie-uitkomst", "uitkomst", "Uitkomst", "textarea", "", 1);
	static const char *const vervolg[] = { "",           "(nog geen vervolg)", "voortzetten", "voortzetten",
					       "opschalen",  "opschalen",          "bijstellen",  "bijstellen",
					       "beeindigen", "beëindigen",         NULL };
	select_field(b, "evaluatie-vervolg", "vervolg", "Vervolg", vervolg);
	field(b, "evaluatie-vervolgtoelichting", "vervolgToelichting", "Toelichting op het vervolg", "text", "", 0);
	button(b, "Uitkomst vastleggen");
}

/* POST /verbanden/{code}/vergadering and …/evaluatie-uitkomst: the series
 * or the evaluation must be this verband's. */
static int verband_post(struct request *rq, struct response *rs, int meeting)
{
	const char *code = req_param(rq, "code");
	if (!steers(rq, rs, code))
		return 0;
	struct form f = { 0 };
	if (read_form(rq, rs, &f) < 0)
		return 0;
	const char *idv = form_get(&f, meeting ? "overleg" : "evaluatie");
	long long id = 0;
	char owner[64] = "";
	struct problem p;
	problem_init(&p);
	json_t *in = json_object(), *out = NULL;
	int r;
	if (http_parse_id(idv, &id) < 0 ||
	    (meeting ? besturing_meeting_verband(rq->store, id, owner, sizeof(owner), &p)
		     : besturing_evaluation_verband(rq->store, id, owner, sizeof(owner), &p)) < 0 ||
	    strcmp(owner, code)) {
		problem_init(&p);
		r = problem_set(&p, 404,
				meeting ? "Dit verband heeft geen overleg met dit nummer."
					: "Dit verband heeft geen evaluatiemoment met dit nummer.");
	} else if (meeting) {
		static const char *const texts[] = { "agenda", "verslag", NULL };
		copy_texts(&f, texts, in);
		const char *datum = form_get(&f, "datum");
		r = besturing_vergadering_put(rq->store, rq->actor.name, id, datum ? datum : "", in, &out, &p);
	} else {
		static const char *const texts[] = { "gehouden", "uitkomst", "vervolg", "vervolgToelichting", NULL };
		copy_texts(&f, texts, in);
		r = besturing_evaluation_held(rq->store, rq->actor.name, id, in, &out, &p);
	}
	answer(rq, rs, ACT_STEER, 200, r, &p, "/verbanden/", code, "Terug naar het verband", "?gelukt=afspraak#kop-afspraken");
	json_decref(in), json_decref(out);
	form_release(&f);
	return 0;
}

int page_register_verband_vergadering(struct request *rq, struct response *rs) { return verband_post(rq, rs, 1); }
int page_register_verband_evaluatie(struct request *rq, struct response *rs) { return verband_post(rq, rs, 0); }

/* ---- verbanden ---------------------------------------------------------------------------------- */

void page_register_verband_afspraken(struct request *rq, struct buf *b, json_t *v)
{
	const char *code = str(v, "code");
	size_t i;
	json_t *x;
	/* The gastheermodel: who hosts now. */
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	json_array_foreach(json_object_get(v, "leden"), i, x)
		if (!strcmp(str(x, "rol"), "gastheer") && strcmp(str(x, "van"), today) <= 0 &&
		    (!str(x, "tot") || strcmp(str(x, "tot"), today) > 0)) {
			html_raw(b, "<p class=\"utrecht-paragraph\">Gastheermodel: ");
			page_org_link(b, str(x, "organisatie"), str(x, "naam"));
			html_raw(b, " is de gastheer; er is er steeds precies één, die alleen met een opvolger uittreedt.</p>");
		}
	html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/verbanden/");
	html_url_segment(b, code);
	html_raw(b, "/besluitvorming\">Besluitvorming over het verband per organisatie</a></p>");
	json_t *docs = NULL, *trek = NULL, *meet = NULL, *evals = NULL, *instap = NULL, *toe = NULL;
	struct problem p;
	problem_init(&p);
	besturing_document_list(rq->store, code, &docs, &p);
	besturing_trekker_list(rq->store, code, &trek, &p);
	besturing_meeting_list(rq->store, code, NULL, NULL, NULL, &meet, &p);
	besturing_evaluation_list(rq->store, code, 0, &evals, &p);
	register_instap_list(rq->store, code, NULL, &instap, &p);
	register_toetredingen_list(rq->store, NULL, code, &toe, &p);
	h2(b, "kop-afspraken", "Afspraken en overleg");
	if (!json_array_size(docs) && !json_array_size(trek) && !json_array_size(meet) && !json_array_size(evals) &&
	    !json_array_size(instap) && !json_array_size(toe))
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen documenten, trekkers, overleggen of "
			    "evaluatiemomenten vastgelegd.</p>");
	if (json_array_size(docs)) {
		html_list_begin(b, "Documenten");
		json_array_foreach(docs, i, x) {
			html_list_item(b);
			page_label(b, str(x, "soort"));
			html_raw(b, ": <strong>");
			html_txt(b, str(x, "titel"));
			html_raw(b, "</strong>, ");
			html_txt(b, str(x, "wanneer"));
			if (!strcmp(str(x, "status"), "gepland"))
				html_raw(b, " (gepland)");
			html_txt_around(b, ". ", str(x, "omschrijving"), "");
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (json_array_size(trek)) {
		html_list_begin(b, "Trekkers per thema");
		json_array_foreach(trek, i, x) {
			html_list_item(b);
			html_txt(b, str(x, "thema"));
			html_raw(b, ": ");
			page_org_link(b, str(x, "organisatie"), str(x, "organisatieNaam"));
			period(b, x);
			html_txt_around(b, " — ", str(x, "toelichting"), "");
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (json_array_size(meet)) {
		html_list_begin(b, "Overleg");
		json_array_foreach(meet, i, x) {
			html_list_item(b);
			html_raw(b, "<strong>");
			html_txt(b, str(x, "titel"));
			html_raw(b, "</strong>: ");
			json_t *iv = json_object_get(x, "interval");
			if (json_is_object(iv)) {
				html_raw(b, "elke ");
				html_int(b, num(iv, "aantal"));
				html_raw(b, !strcmp(str(iv, "eenheid"), "week") ? " weken" : " maanden");
				html_raw(b, " vanaf ");
			}
			html_txt(b, str(x, "wanneer"));
			html_txt_around(b, ". ", str(x, "toelichting"), "");
			size_t k;
			json_t *m;
			json_array_foreach(json_object_get(x, "vergaderingen"), k, m) {
				html_raw(b, "<br>");
				html_date(b, str(m, "datum"));
				html_txt_around(b, " — agenda: ", str(m, "agenda"), "");
				html_txt_around(b, " — verslag: ", str(m, "verslag"), "");
			}
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (json_array_size(evals)) {
		html_list_begin(b, "Evaluatiemomenten");
		json_array_foreach(evals, i, x) {
			html_list_item(b);
			html_raw(b, "<strong>");
			html_txt(b, str(x, "wanneer"));
			html_raw(b, "</strong>: ");
			html_txt(b, str(x, "titel"));
			html_txt_around(b, " (", str(x, "taakveld"), ")");
			html_txt_around(b, " — uitkomst: ", str(x, "uitkomst"), "");
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (json_array_size(instap)) {
		html_list_begin(b, "Gefaseerde instap");
		json_array_foreach(instap, i, x) {
			html_list_item(b);
			page_org_link(b, str(x, "organisatie"), str(x, "organisatieNaam"));
			html_raw(b, " doet op ");
			html_txt(b, str(x, "taakveldNaam"));
			html_raw(b, " mee vanaf ");
			html_date(b, str(x, "vanaf"));
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (json_array_size(toe)) {
		html_list_begin(b, "Meldingen van toetreding");
		json_array_foreach(toe, i, x) {
			html_list_item(b);
			html_txt(b, str(x, "tekst"));
			html_raw(b, "</li>");
		}
		html_list_end(b);
	}
	if (rq->actor.role != ROLE_NONE && rq->actor.csrf[0] && policy_allows(&rq->actor, ACT_STEER, NULL, code)) {
		char action[120];
		meeting_forms(rq, b, code, meet, evals);
		snprintf(action, sizeof(action), "/verbanden/%s/afspraken", code);
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-afspraak-nieuw\">Vastleggen</h3>");
		form_begin(rq, b, action);
		static const char *const soorten[] = {
			"document",  "een document (spelregels, intentieverklaring, convenant)",
			"overleg",   "een overleg (eenmalig of terugkerend)",
			"evaluatie", "een evaluatiemoment",
			"trekker",   "een trekker van een thema",
			"instap",    "een gefaseerde instap (een lid doet op een taakveld pas later mee)",
			"gastheer",  "een nieuwe gastheer (neemt over vanaf de datum)",
			NULL
		};
		select_field(b, "afspraak-soort", "wat", "Wat", soorten);
		static const char *const docsoorten[] = { "spelregels",
							  "spelregels",
							  "intentieverklaring",
							  "intentieverklaring",
							  "convenant",
							  "convenant",
							  "startdocument",
							  "startdocument",
							  "overig",
							  "overig",
							  NULL };
		select_field(b, "afspraak-docsoort", "soort", "Soort document", docsoorten);
		static const char *const overlegsoorten[] = { "stuurgroep", "stuurgroep",       "mt-sessie",
							      "MT-sessie",  "raadsbijeenkomst", "raadsbijeenkomst",
							      "overig",     "overig",           NULL };
		select_field(b, "afspraak-overlegsoort", "overlegsoort", "Soort overleg", overlegsoorten);
		field(b, "afspraak-titel", "titel", "Titel of thema", "text", "", 1);
		field(b, "afspraak-datum", "datum", "Datum (eerste bijeenkomst, vanaf)", "date", today, 1);
		static const char *const prec[] = { "dag",      "op de dag",           "maand", "alleen de maand",
						    "kwartaal", "alleen het kwartaal", "jaar",  "alleen het jaar",
						    NULL };
		select_field(b, "afspraak-precisie", "precisie", "Hoe precies", prec);
		field(b, "afspraak-interval", "weken", "Terugkerend: elke zoveel weken (leeg: eenmalig)", "number", "", 0);
		/* By name: the verband's members, and the task fields it has trajecten on. */
		json_t *members = json_array(), *fields = json_array();
		json_array_foreach(json_object_get(v, "leden"), i, x)
			if (!pairs_has(members, str(x, "organisatie")))
				pairs_add(members, str(x, "organisatie"), str(x, "naam"));
		json_array_foreach(json_object_get(v, "trajecten"), i, x)
			if (!pairs_has(fields, str(x, "taakveld")))
				pairs_add(fields, str(x, "taakveld"), str(x, "taakveldNaam"));
		json_select_field(b, "afspraak-organisatie", "organisatie",
				  "Organisatie: de trekker, het lid dat later instapt of de nieuwe gastheer", members);
		json_select_field(b, "afspraak-taakveld", "taakveld", "Instap: op welk taakveld", fields);
		json_decref(members), json_decref(fields);
		field(b, "afspraak-omschrijving", "omschrijving", "Omschrijving", "textarea", "", 0);
		button(b, "Vastleggen");
	}
	html_raw(b, "</section>");
	json_decref(docs), json_decref(trek), json_decref(meet), json_decref(evals), json_decref(instap), json_decref(toe);
}

int page_register_verband_afspraak(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (!steers(rq, rs, code))
		return 0;
	struct form f = { 0 };
	if (read_form(rq, rs, &f) < 0)
		return 0;
	const char *wat = form_get(&f, "wat"), *titel = form_get(&f, "titel"), *datum = form_get(&f, "datum"),
		   *prec = form_get(&f, "precisie"), *oms = form_get(&f, "omschrijving"), *weken = form_get(&f, "weken");
	json_t *in = json_object(), *out = NULL;
	struct problem p;
	problem_init(&p);
	int r;
	if (titel && titel[0])
		json_object_set_new(in, wat && !strcmp(wat, "trekker") ? "thema" : "titel", json_string(titel));
	if (prec && prec[0] && (!wat || strcmp(wat, "trekker")))
		json_object_set_new(in, "precisie", json_string(prec));
	if (oms && oms[0])
		json_object_set_new(in,
				    wat && !strcmp(wat, "document")  ? "omschrijving"
				    : wat && !strcmp(wat, "overleg") ? "toelichting"
				    : wat && !strcmp(wat, "trekker") ? "toelichting"
								     : "omschrijving",
				    json_string(oms));
	const char *by = rq->actor.name;
	if (wat && !strcmp(wat, "document")) {
		set_text(in, "datum", datum);
		if (form_get(&f, "soort"))
			json_object_set_new(in, "soort", json_string(form_get(&f, "soort")));
		r = besturing_document_create(rq->store, by, code, in, &out, &p);
	} else if (wat && !strcmp(wat, "overleg")) {
		set_text(in, "eerste", datum);
		if (form_get(&f, "overlegsoort"))
			json_object_set_new(in, "soort", json_string(form_get(&f, "overlegsoort")));
		if (weken && weken[0]) {
			char *end;
			long long n = strtoll(weken, &end, 10);
			json_object_set_new(in, "interval",
					    json_pack("{s:s,s:I}", "eenheid", "week", "aantal", (json_int_t)(*end ? 0 : n)));
		}
		r = besturing_meeting_create(rq->store, by, code, in, &out, &p);
	} else if (wat && !strcmp(wat, "evaluatie")) {
		set_text(in, "datum", datum);
		r = besturing_evaluation_create(rq->store, by, code, 0, in, &out, &p);
	} else if (wat && (!strcmp(wat, "instap") || !strcmp(wat, "gastheer"))) {
		/* Instead of what the other kinds take: the member, the task field, the date. */
		json_object_clear(in);
		const char *org = form_get(&f, "organisatie"), *tv = form_get(&f, "taakveld");
		if (!strcmp(wat, "instap")) {
			set_text(in, "organisatie", org);
			set_text(in, "taakveld", tv);
			set_text(in, "vanaf", datum);
			set_text(in, "toelichting", oms);
			r = register_instap_add(rq->store, by, code, in, &out, &p);
		} else if (!org || !org[0]) {
			r = problem_param(&p, "organisatie", "kies welk lid de nieuwe gastheer is");
		} else {
			json_object_set_new(in, "rol", json_string("gastheer"));
			set_text(in, "ingangsdatum", datum);
			r = register_lid_patch(rq->store, code, org, in, &out, &p);
		}
	} else {
		set_text(in, "van", datum);
		const char *org = form_get(&f, "organisatie");
		set_text(in, "organisatie", org);
		r = besturing_trekker_create(rq->store, by, code, in, &out, &p);
	}
	answer(rq, rs, ACT_STEER, 201, r, &p, "/verbanden/", code, "Terug naar het verband", "?gelukt=afspraak#kop-afspraken");
	json_decref(in), json_decref(out);
	form_release(&f);
	return 0;
}
