/* The person page of the kwaliteitskaart: GET /medewerkers/{id} with the
 * person's competences, absences and substitution arrangements, and the
 * forms that change levels and absences (page_kwaliteitskaart.h), and
 * GET /medewerkers: everyone, searchable, sortable, paged and as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/kwaliteitskaart.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/register.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"
#include "web/page_form.h"
#include "report/csv_export.h"
#include "web/page_kwaliteitskaart.h"
#include "web/page_listing.h"
#include "web/pages.h"

static const char *str(json_t *o, const char *name) { return json_string_value(json_object_get(o, name)); }

static int path_id(struct request *rq, long long *id) { return http_parse_id(req_param(rq, "id"), id); }

static void dd(struct buf *b, const char *key, const char *value)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	html_txt(b, value);
	html_raw(b, "</dd></div>");
}

static void dd_int(struct buf *b, const char *key, json_t *v, const char *unit)
{
	char t[64];
	if (json_is_integer(v))
		snprintf(t, sizeof(t), "%lld%s", (long long)json_integer_value(v), unit);
	else
		snprintf(t, sizeof(t), "niet vastgelegd");
	dd(b, key, t);
}

static void level_select(struct buf *b, const char *id, int current, int with_none)
{
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" name=\"niveau\" id=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	for (int n = 1; n <= 3; n++) {
		html_raw(b, "<option value=\"");
		html_int(b, n);
		html_raw(b, n == current ? "\" selected>" : "\">");
		html_int(b, n);
		html_raw(b, " — ");
		html_txt(b, kwaliteitskaart_level_name(n));
		html_raw(b, "</option>");
	}
	if (with_none)
		html_raw(b, "<option value=\"0\">geen (verwijderen)</option>");
	html_raw(b, "</select>");
}

static void form_begin(struct request *rq, struct buf *b, long long id, const char *suffix, const char *cls)
{
	char action[128];
	snprintf(action, sizeof(action), "/medewerkers/%lld/%s", id, suffix);
	html_raw(b, "<form method=\"post\" class=\"");
	html_attr(b, cls);
	html_raw(b, "\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
}

static void competences(struct request *rq, struct buf *b, long long id, json_t *levels, json_t *all, int may_write)
{
	html_raw(b, "<section aria-labelledby=\"kop-competenties\"><h2 class=\"utrecht-heading-2\" id=\"kop-competenties\">"
		    "Competenties</h2>");
	if (!json_array_size(levels)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Nog geen competenties vastgelegd.</p>");
	} else {
		static const char *const head_ro[] = { "Competentie", "#Niveau", "Telt als houder", NULL };
		static const char *const head_rw[] = { "Competentie", "#Niveau", "Telt als houder", "Wijzigen", NULL };
		page_table_begin(b, "Competenties en niveaus", NULL);
		page_table_head(b, may_write ? head_rw : head_ro);
		size_t i;
		json_t *l;
		json_array_foreach(levels, i, l) {
			int n = (int)json_integer_value(json_object_get(l, "niveau"));
			html_raw(b, "<tr class=\"utrecht-table__row\" data-competentie=\"");
			html_attr(b, str(l, "competentie"));
			html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(l, "naam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, n);
			html_raw(b, " (");
			html_txt(b, kwaliteitskaart_level_name(n));
			html_raw(b, ")</td><td class=\"utrecht-table__cell\">");
			html_raw(b, n >= KWALITEITSKAART_HOLDER_LEVEL ? "ja" : "nee (basis)");
			html_raw(b, "</td>");
			if (may_write) {
				char sel[80];
				snprintf(sel, sizeof(sel), "niveau-%s", str(l, "competentie"));
				html_raw(b, "<td class=\"utrecht-table__cell\">");
				form_begin(rq, b, id, "competenties", "samen-inline-form");
				html_raw(b, "<input type=\"hidden\" name=\"competentie\" value=\"");
				html_attr(b, str(l, "competentie"));
				html_raw(b, "\"><label class=\"samen-visually-hidden\" for=\"");
				html_attr(b, sel);
				html_raw(b, "\">Niveau ");
				html_txt(b, str(l, "naam"));
				html_raw(b, "</label>");
				level_select(b, sel, n, 1);
				html_raw(b, " <button class=\"utrecht-button utrecht-button--secondary-action\" "
					    "type=\"submit\">Opslaan</button></form></td>");
			}
			html_raw(b, "</tr>");
		}
		page_table_end(b);
	}
	if (may_write) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">Competentie toevoegen</h3>");
		form_begin(rq, b, id, "competenties", "samen-filter");
		html_raw(b,
			 "<div class=\"utrecht-form-field samen-filter__field\"><div class=\"utrecht-form-field__label\">"
			 "<label class=\"utrecht-form-label\" for=\"nieuwe-competentie\">Competentie</label></div>"
			 "<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select\" "
			 "id=\"nieuwe-competentie\" name=\"competentie\">");
		size_t i, k;
		json_t *c, *l;
		json_array_foreach(all, i, c) {
			int held = 0;
			json_array_foreach(levels, k, l)
				held |= !strcmp(str(l, "competentie"), str(c, "code"));
			if (held)
				continue;
			html_raw(b, "<option value=\"");
			html_attr(b, str(c, "code"));
			html_raw(b, "\">");
			html_txt(b, str(c, "naam"));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></div></div><div class=\"utrecht-form-field samen-filter__field\"><div "
			    "class=\"utrecht-form-field__label\">"
			    "<label class=\"utrecht-form-label\" for=\"nieuw-niveau\">Niveau</label></div><div "
			    "class=\"utrecht-form-field__input\">");
		level_select(b, "nieuw-niveau", 2, 0);
		html_raw(b, "</div></div><button class=\"utrecht-button utrecht-button--primary-action\" "
			    "type=\"submit\">Toevoegen</button></form>");
	}
	html_raw(b, "</section>");
}

static const char *const reasons[] = { "ziekte", "vakantie", "verlof", "opleiding", "overig", NULL };

static void absences(struct request *rq, struct buf *b, long long id, json_t *list, int may_write, const struct page_form *pf)
{
	html_raw(b, "<section aria-labelledby=\"kop-afwezig\"><h2 class=\"utrecht-heading-2\" id=\"kop-afwezig\">"
		    "Afwezigheid</h2><p class=\"utrecht-paragraph samen-muted\">Persoonsgegevens: alleen zichtbaar voor de "
		    "medewerker zelf, de managers van de eigen organisatie, de procesmanager en de beheerder.</p>");
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Geen afwezigheid vastgelegd.</p>");
	} else {
		static const char *const head_ro[] = { "Van", "Tot en met", "Reden", NULL };
		static const char *const head_rw[] = { "Van", "Tot en met", "Reden", "Verwijderen", NULL };
		page_table_begin(b, "Afwezigheid", NULL);
		page_table_head(b, may_write ? head_rw : head_ro);
		size_t i;
		json_t *a;
		json_array_foreach(list, i, a) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(a, "van"));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(a, "tot"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(a, "reden") ? str(a, "reden") : "—");
			html_raw(b, "</td>");
			if (may_write) {
				char suffix[64];
				snprintf(suffix, sizeof(suffix), "afwezigheden/%lld/verwijderen",
					 (long long)json_integer_value(json_object_get(a, "id")));
				html_raw(b, "<td class=\"utrecht-table__cell\">");
				form_begin(rq, b, id, suffix, "samen-inline-form");
				html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" "
					    "type=\"submit\">Verwijderen"
					    "<span class=\"samen-visually-hidden\"> (afwezigheid vanaf ");
				html_date(b, str(a, "van"));
				html_raw(b, ")</span></button></form></td>");
			}
			html_raw(b, "</tr>");
		}
		page_table_end(b);
	}
	if (may_write) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">Afwezigheid vastleggen</h3>");
		form_begin(rq, b, id, "afwezigheden", "samen-filter");
		static const char *const ids[] = { "van", "tot" };
		static const char *const labels[] = { "Van", "Tot en met" };
		html_raw(b, "<input type=\"hidden\" name=\"formulier\" value=\"afwezigheid\">");
		for (int i = 0; i < 2; i++)
			page_input_field(b, &(struct page_input){ .id = ids[i],
								  .label = labels[i],
								  .type = "date",
								  .field_class = "samen-filter__field",
								  .value = page_form_value(pf, "afwezigheid", ids[i], ""),
								  .error = page_form_error(pf, ids[i]),
								  .required = 1 });
		html_raw(b, "<div class=\"utrecht-form-field samen-filter__field\"><div class=\"utrecht-form-field__label\">"
			    "<label class=\"utrecht-form-label\" for=\"reden\">Reden</label></div><div "
			    "class=\"utrecht-form-field__input\">"
			    "<select class=\"utrecht-select utrecht-select--html-select\" id=\"reden\" name=\"reden\">"
			    "<option value=\"\">niet opgegeven</option>");
		for (int i = 0; reasons[i]; i++) {
			html_raw(b, "<option value=\"");
			html_raw(b, reasons[i]);
			html_raw(b, "\">");
			html_raw(b, reasons[i]);
			html_raw(b, "</option>");
		}
		html_raw(b,
			 "</select></div></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">"
			 "Vastleggen</button></form>");
	}
	html_raw(b, "</section>");
}

static void person_link(struct buf *b, json_t *id, const char *naam)
{
	char href[64];
	snprintf(href, sizeof(href), "/medewerkers/%lld", (long long)json_integer_value(id));
	html_link(b, href, naam);
}

static void substitutions(struct buf *b, long long id, json_t *list, json_t *orgs)
{
	html_raw(b, "<section aria-labelledby=\"kop-vervanging\"><h2 class=\"utrecht-heading-2\" id=\"kop-vervanging\">"
		    "Vervanging</h2>");
	int as_holder = 0, as_sub = 0;
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		if (json_integer_value(json_object_get(v, "medewerker")) == id)
			as_holder++;
		else
			as_sub++;
	}
	for (int pass = 0; pass < 2; pass++) {
		if (!(pass ? as_sub : as_holder))
			continue;
		static const char *const head0[] = { "Competentie", "Vervanger", "Organisatie", NULL };
		static const char *const head1[] = { "Competentie", "Vervangt", "Organisatie", NULL };
		page_table_begin(b, pass ? "Wie deze medewerker vervangt" : "Wie deze medewerker vervangen", NULL);
		page_table_head(b, pass ? head1 : head0);
		json_array_foreach(list, i, v) {
			int holder = json_integer_value(json_object_get(v, "medewerker")) == id;
			if (holder == pass)
				continue;
			const char *org = pass ? str(v, "organisatie") : str(v, "vervangerOrganisatie");
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(v, "competentieNaam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			if (pass)
				person_link(b, json_object_get(v, "medewerker"), str(v, "medewerkerNaam"));
			else
				person_link(b, json_object_get(v, "vervanger"), str(v, "vervangerNaam"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_org_link(b, org, page_name(orgs, org));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	if (!as_holder && !as_sub)
		html_raw(b, "<p class=\"utrecht-paragraph\">Geen vervangingsafspraken.</p>");
	html_raw(b, "</section>");
}

/* Renders the page; message (an error above the forms) may be NULL. */
static int render(struct request *rq, struct response *rs, long long id, const char *message, int status,
		  const struct page_form *pf)
{
	struct problem p;
	problem_init(&p);
	json_t *rec = NULL, *levels = NULL, *abs = NULL, *subs = NULL, *all = NULL, *orgs = NULL, *list = NULL;
	if (medewerkers_get(rq->store, id, &rec, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500, p.status == 404 ? "Deze medewerker bestaat niet." : p.detail);
		return 0;
	}
	const char *org = str(rec, "organisatie");
	int priv = policy_allows_record(&rq->actor, ACT_STAFF_READ_PRIVATE, org, id);
	int may_write = policy_allows_record(&rq->actor, ACT_SKILLS_WRITE, org, id);
	kwaliteitskaart_levels(rq->store, id, &levels, &p);
	kwaliteitskaart_substitution_list(rq->store, NULL, id, NULL, 0, &subs, &p);
	kwaliteitskaart_competence_list(rq->store, NULL, &all, &p);
	if (priv)
		kwaliteitskaart_absence_list(rq->store, NULL, id, NULL, NULL, &abs, &p);
	orgs = page_names(list = register_org_list(rq->store));
	json_decref(list);

	page_begin(rq, rs, str(rec, "naam"));
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/kwaliteitskaart\">Kwaliteitskaart</a> › "
		    "Medewerker</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, str(rec, "naam"));
	html_raw(b, "</h1>");
	if (message)
		page_alert(b, message);
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">"
		    "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Organisatie</dt>"
		    "<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	page_org_link(b, org, page_name(orgs, org));
	html_raw(b, "</dd></div>");
	dd(b, "Functie", str(rec, "functie") ? str(rec, "functie") : "niet vastgelegd");
	if (priv) {
		dd_int(b, "Uren per week", json_object_get(rec, "uurPerWeek"), "");
		dd_int(b, "Beschikbaar voor het netwerk", json_object_get(rec, "beschikbaarUurPerWeek"), " uur per week");
		dd_int(b, "Pensioenjaar", json_object_get(rec, "pensioenjaar"), "");
	}
	html_raw(b, "</dl>");
	if (!priv)
		html_raw(b, "<p class=\"utrecht-paragraph samen-muted\">Uren, beschikbaarheid, pensioenjaar en afwezigheid zijn "
			    "persoonsgegevens; die ziet u niet bij deze organisatie.</p>");
	page_medewerker_werkt_voor(rq, b, id, org, orgs, pf);
	competences(rq, b, id, levels, all, may_write);
	if (priv)
		absences(rq, b, id, abs, may_write, pf);
	substitutions(b, id, subs, orgs);
	page_end(rq, rs);
	if (status)
		rs->status = status;
	json_decref(rec);
	json_decref(levels);
	json_decref(abs);
	json_decref(subs);
	json_decref(all);
	json_decref(orgs);
	return 0;
}

int page_medewerker(struct request *rq, struct response *rs)
{
	long long id;
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	if (path_id(rq, &id) < 0) {
		page_error(rq, rs, 404, "Deze medewerker bestaat niet.");
		return 0;
	}
	/* A refused form of this page comes back with what was typed (page_form.h). */
	struct page_form pf;
	page_form_load(rq, &pf);
	render(rq, rs, id, NULL, 0, &pf);
	page_form_release(&pf);
	return 0;
}

/* Back to the medewerker's page with the refusal. */
static void refuse(struct request *rq, struct response *rs, long long id, const struct form *f, const struct problem *p)
{
	static const struct page_form_field fields[] = { { "van", "van", "Van" },
							 { "tot", "tot", "Tot en met" },
							 { "reden", "reden", "Reden" },
							 { "niveau", "nieuw-niveau", "Niveau" },
							 { "competentie", "nieuwe-competentie", "Competentie" },
							 { NULL, NULL, NULL } };
	char back[64];
	snprintf(back, sizeof(back), "/medewerkers/%lld", id);
	page_form_refuse(rq, rs, back, f, p, fields);
}

/* The common start of a change: the medewerker exists, the actor may
 * change them, and the form parses. */
static int begin_change(struct request *rq, struct response *rs, long long *id, char *org, size_t orglen, struct form *f,
			char *obj, size_t objlen)
{
	struct problem p;
	problem_init(&p);
	if (!policy_allows(&rq->actor, ACT_SKILLS_WRITE, rq->actor.org[0] ? rq->actor.org : NULL, NULL) &&
	    authz_require_page(rq, rs, ACT_SKILLS_WRITE, rq->actor.org[0] ? rq->actor.org : NULL) < 0)
		return -1;
	if (path_id(rq, id) < 0 || medewerkers_org(rq->store, *id, org, orglen, &p) < 0) {
		page_error(rq, rs, 404, "Deze medewerker bestaat niet.");
		return -1;
	}
	snprintf(obj, objlen, "medewerker %lld", *id);
	if (authz_require_page(rq, rs, ACT_SKILLS_WRITE, org) < 0)
		return -1;
	if (!policy_allows_record(&rq->actor, ACT_SKILLS_WRITE, org, *id)) {
		page_error(rq, rs, 403, "Een medewerker werkt alleen de eigen kwaliteitskaart bij.");
		authz_audit(rq, ACT_SKILLS_WRITE, 403, obj);
		return -1;
	}
	if (!form_is_urlencoded(rq) || form_parse(f, rq->body, rq->body_len) < 0) {
		render(rq, rs, *id, "Het formulier kwam niet goed aan; probeer het opnieuw.", 400, NULL);
		authz_audit(rq, ACT_SKILLS_WRITE, 400, obj);
		return -1;
	}
	return 0;
}

static void see_other(struct response *rs, long long id, const char *anchor)
{
	char loc[96];
	snprintf(loc, sizeof(loc), "/medewerkers/%lld#%s", id, anchor);
	rs->status = 303;
	resp_header(rs, "Location", loc);
}

/* The first reason of a problem, for the page. */
static const char *reason(const struct problem *p) { return p->nparams ? p->params[0].reason : p->detail; }

int page_medewerker_niveau(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64], msg[1200];
	struct form f = { 0 };
	if (begin_change(rq, rs, &id, org, sizeof(org), &f, obj, sizeof(obj)) < 0)
		return 0;
	const char *code = form_get(&f, "competentie"), *niveau = form_get(&f, "niveau");
	struct problem p;
	problem_init(&p);
	int r;
	if (!code || !code[0] || !niveau || strlen(niveau) != 1 || niveau[0] < '0' || niveau[0] > '3') {
		r = problem_set(&p, 400, "Kies een competentie en een niveau (1, 2 of 3).");
	} else if (niveau[0] == '0') {
		r = kwaliteitskaart_level_delete(rq->store, id, code, &p);
	} else {
		json_t *in = json_pack("{s:i}", "niveau", niveau[0] - '0'), *out = NULL;
		r = kwaliteitskaart_level_set(rq->store, id, code, in, &out, &p);
		json_decref(in);
		json_decref(out);
	}
	if (r < 0) {
		snprintf(msg, sizeof(msg), "Niet opgeslagen: %s", reason(&p));
		snprintf(p.detail, sizeof(p.detail), "%.500s", msg);
		refuse(rq, rs, id, &f, &p);
	} else {
		see_other(rs, id, "kop-competenties");
	}
	form_release(&f);
	authz_audit(rq, ACT_SKILLS_WRITE, r < 0 ? (p.status == 404 ? 422 : p.status) : rs->status, obj);
	return 0;
}

int page_medewerker_afwezigheid(struct request *rq, struct response *rs)
{
	long long id;
	char org[40], obj[64];
	struct form f = { 0 };
	if (begin_change(rq, rs, &id, org, sizeof(org), &f, obj, sizeof(obj)) < 0)
		return 0;
	const char *van = form_get(&f, "van"), *tot = form_get(&f, "tot"), *reden = form_get(&f, "reden");
	json_t *in = json_pack("{s:I,s:s,s:s}", "medewerker", (json_int_t)id, "van", van ? van : "", "tot", tot ? tot : ""),
	       *out = NULL;
	if (in && reden && reden[0])
		json_object_set_new(in, "reden", json_string(reden));
	struct problem p;
	problem_init(&p);
	int r = in ? kwaliteitskaart_absence_create(rq->store, in, &out, &p) : problem_set(&p, 400, "Vul van en tot in.");
	json_decref(in);
	json_decref(out);
	if (r < 0) {
		snprintf(p.detail, sizeof(p.detail), "De afwezigheid is niet vastgelegd: verbeter wat hieronder staat.");
		refuse(rq, rs, id, &f, &p);
	} else {
		see_other(rs, id, "kop-afwezig");
	}
	form_release(&f);
	authz_audit(rq, ACT_SKILLS_WRITE, r < 0 ? p.status : rs->status, obj);
	return 0;
}

int page_medewerker_afwezigheid_weg(struct request *rq, struct response *rs)
{
	long long id, aid, owner = 0;
	char org[40], obj[64], aorg[40];
	struct form f = { 0 };
	if (begin_change(rq, rs, &id, org, sizeof(org), &f, obj, sizeof(obj)) < 0)
		return 0;
	form_release(&f);
	const char *s = req_param(rq, "aid");
	char *end;
	aid = strtoll(s, &end, 10);
	struct problem p;
	problem_init(&p);
	/* Only an absence of this medewerker, through this page. */
	if (*end || aid <= 0 || kwaliteitskaart_absence_owner(rq->store, aid, &owner, aorg, sizeof(aorg), &p) < 0 ||
	    owner != id) {
		render(rq, rs, id, "Deze afwezigheid bestaat niet (meer).", 404, NULL);
	} else if (kwaliteitskaart_absence_delete(rq->store, aid, &p) < 0) {
		render(rq, rs, id, p.detail, p.status, NULL);
	} else {
		see_other(rs, id, "kop-afwezig");
	}
	authz_audit(rq, ACT_SKILLS_WRITE, rs->status, obj);
	return 0;
}

/* ---- GET /medewerkers: everyone, searchable (web/page_listing.h) ---------- */

static const struct page_listing_col staff_cols[] = {
	{ "Naam", "naam" },
	{ "Organisatie", "organisatie" },
	{ "Functie", "functie" },
	{ NULL, NULL },
};
static const char *const staff_keep[] = { "organisatie", "competentie", NULL };

static void staff_csv(struct response *rs, json_t *list, json_t *orgs)
{
	static const char *const head[] = { "Naam", "Organisatie", "Functie", NULL };
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		csv_export_text(&w, str(m, "naam"));
		csv_export_text(&w, page_name(orgs, str(m, "organisatie")));
		csv_export_text(&w, str(m, "functie"));
		csv_export_row_end(&w);
	}
	page_listing_send_csv(rs, "medewerkers.csv", &csv);
	buf_release(&csv);
}

/* A filter select: id (and name), label, the list of {code, naam}, the
 * option for all, the chosen code, and whether it was unknown. */
static void code_select(struct buf *b, const char *id, const char *label, const char *all, json_t *list, const char *current,
			int bad, const char *error)
{
	struct page_input in = { .id = id, .label = label, .error = bad ? error : NULL, .field_class = "samen-filter__field" };
	page_field_begin(b, &in);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\"");
	page_field_invalid(b, &in);
	html_raw(b, " id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, id);
	html_raw(b, "\"><option value=\"\">");
	html_txt(b, all);
	html_raw(b, "</option>");
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		html_raw(b, "<option value=\"");
		html_attr(b, str(o, "code"));
		html_raw(b, current && !strcmp(current, str(o, "code")) ? "\" selected>" : "\">");
		html_txt(b, str(o, "naam"));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

static int has_code(json_t *list, const char *code)
{
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o)
		if (!strcmp(str(o, "code"), code))
			return 1;
	return 0;
}

int page_medewerkers(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	struct page_listing t = { .base = "/medewerkers", .keep = staff_keep, .cols = staff_cols, .default_sort = "naam" };
	page_listing_read(&t, rq);
	struct listing l;
	page_listing_to(&t, &l);
	const char *org = req_query(rq, "organisatie"), *comp = req_query(rq, "competentie");
	if (org && !org[0])
		org = NULL;
	if (comp && !comp[0])
		comp = NULL;
	struct problem p;
	problem_init(&p);
	json_t *list = NULL, *orgs_list = register_org_list(rq->store), *orgs = page_names(orgs_list), *comps = NULL;
	if (kwaliteitskaart_competence_list(rq->store, NULL, &comps, &p) < 0)
		comps = json_array();
	problem_init(&p);
	long long total = 0;
	int bad_org = org && !json_object_get(orgs, org), bad_comp = comp && !has_code(comps, comp), bad = bad_org || bad_comp;
	int r = bad ? -400 : medewerkers_list_page(rq->store, org, comp, &l, &list, &total, &p);
	if (r == 0)
		medewerkers_strip_private(list);
	if (r == 0 && t.csv) {
		staff_csv(rs, list, orgs);
		goto out;
	}
	page_begin(rq, rs, "Medewerkers");
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › "
		    "<a class=\"utrecht-link\" href=\"/kwaliteitskaart\">Kwaliteitskaart</a> › Medewerkers</p>"
		    "<h1 class=\"utrecht-heading-1\">Medewerkers</h1>"
		    "<p class=\"utrecht-paragraph\">De mensen van de organisaties in het netwerk. Kies een naam voor de "
		    "competenties, de afwezigheid en wie wie vervangt.</p>"
		    "<form class=\"samen-filter\" method=\"get\" action=\"/medewerkers\">");
	page_listing_search(b, &t, "Zoek op naam of functie");
	code_select(b, "organisatie", "Organisatie", "Alle organisaties", orgs_list, org, bad_org,
		    "Kies een organisatie uit de lijst.");
	code_select(b, "competentie", "Competentie", "Alle competenties", comps, comp, bad_comp,
		    "Kies een competentie uit de lijst.");
	page_listing_form_keep(b, &t);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
	if (r < 0) {
		rs->status = bad ? 400 : 500;
		if (!bad)
			page_alert(b, p.detail);
	} else {
		page_listing_open(b, &t, "Medewerkers", NULL, total);
		size_t i;
		json_t *m;
		json_array_foreach(list, i, m) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			person_link(b, json_object_get(m, "id"), str(m, "naam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			page_org_link(b, str(m, "organisatie"), page_name(orgs, str(m, "organisatie")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(m, "functie") ? str(m, "functie") : "");
			html_raw(b, "</td></tr>");
		}
		page_listing_close(b, &t, total);
	}
	page_end(rq, rs);
out:
	json_decref(list);
	json_decref(orgs);
	json_decref(orgs_list);
	json_decref(comps);
	return 0;
}
