/* The redactie Antwoord (the KCC's shared answer base) and the zaaktypen
 * of the members (page_dienstverlening.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "http/multipart.h"
#include "store/dienstverlening.h"
#include "web/page_dienstverlening.h"
#include "web/page_form.h"
#include "web/pages.h"

#define SHOWN 100 /* answers on one page; the search narrows them */

static int read_form(struct request *rq, struct response *rs, struct form *f)
{
	if (form_is_urlencoded(rq) && form_parse(f, rq->body, rq->body_len) == 0)
		return 0;
	page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
	return -1;
}

static long long path_id(struct request *rq)
{
	const char *s = req_param(rq, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	return s && !*end && id > 0 ? id : 0;
}

static void field(struct buf *b, const struct page_form *pf, const char *which, const char *id, const char *label,
		  const char *type, const char *value, int required)
{
	struct page_input in = { .id = id,
				 .label = label,
				 .type = type,
				 .value = page_form_value(pf, which, id, value),
				 .error = page_form_is(pf, which) ? page_form_error(pf, id) : NULL,
				 .required = required };
	page_input_field(b, &in);
}

static void hidden(struct buf *b, const char *name, const char *value)
{
	html_raw(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
}

static void button(struct buf *b, const char *label)
{
	html_raw(b, "<div class=\"utrecht-button-group\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">");
	html_txt(b, label);
	html_raw(b, "</button></div></form>");
}

/* The answer form: new (a NULL answer; the owner is the actor's own
 * organisation) or a change of a. */
static void answer_form(struct request *rq, struct buf *b, const struct page_dv *dv, const struct page_form *pf, json_t *a)
{
	char rest[64] = "/antwoorden";
	if (a)
		snprintf(rest, sizeof(rest), "/antwoorden/%lld", (long long)json_integer_value(json_object_get(a, "id")));
	struct buf act;
	buf_init(&act, 128);
	page_dv_location(&act, dv, rest);
	page_form_begin(rq, b, buf_str(&act), "antwoord", "samen-form");
	buf_release(&act);
	const char *w = "antwoord";
	field(b, pf, w, "onderwerp", "Onderwerp", "text", a ? json_string_value(json_object_get(a, "onderwerp")) : "", 1);
	field(b, pf, w, "vraag", "Vraag", "text", a ? json_string_value(json_object_get(a, "vraag")) : "", 1);
	field(b, pf, w, "antwoord", "Antwoord", "textarea", a ? json_string_value(json_object_get(a, "antwoord")) : "", 1);
	field(b, pf, w, "redacteur", "Redacteur", "text", a ? json_string_value(json_object_get(a, "redacteur")) : rq->actor.name,
	      1);
	field(b, pf, w, "herzienOp", "Herzien uiterlijk op", "date", a ? json_string_value(json_object_get(a, "herzienOp")) : "",
	      1);
	button(b, a ? "Antwoord bijwerken" : "Antwoord toevoegen");
}

int page_dienstverlening_antwoorden(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	char datum[DATE_TEXT_LEN];
	page_query_date(rq, datum);
	const char *zoek = req_query(rq, "zoek"), *late = req_query(rq, "achterstallig");
	int overdue = late && !strcmp(late, "1");
	struct problem p;
	problem_init(&p);
	json_t *list = NULL;
	if (dienstverlening_answers(rq->store, dv.code, zoek, NULL, overdue, datum, &list, &p) < 0)
		return page_error(rq, rs, p.status, p.detail), 0;
	page_dv_begin(rq, rs, &dv, "Redactie Antwoord", "antwoorden");
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph\">De gedeelde antwoordenbank van de klantcontactcentra: ");
	html_int(b, json_integer_value(json_object_get(list, "totaal")));
	html_raw(b, " vragen en antwoorden, elk met de redactie die het beheert, lokale varianten per gemeente en een datum "
		    "waarop het opnieuw bekeken moet worden. Op ");
	html_date(b, datum);
	html_raw(b, " zijn er ");
	html_int(b, json_integer_value(json_object_get(list, "achterstallig")));
	html_raw(b, " over die datum.</p>");
	html_raw(b, "<form class=\"samen-form\" method=\"get\" action=\"");
	page_dv_href(b, &dv, "/antwoorden");
	html_raw(b, "\" role=\"search\">");
	struct page_input z = { .id = "zoek", .label = "Zoeken in vragen en antwoorden", .type = "search", .value = zoek };
	page_input_field(b, &z);
	struct page_input d = { .id = "datum", .label = "Peildatum", .type = "date", .value = datum };
	page_input_field(b, &d);
	html_raw(b, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><input class=\"utrecht-checkbox "
		    "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"achterstallig\" name=\"achterstallig\" value=\"1\"");
	html_raw(b, overdue ? " checked>" : ">");
	html_raw(b,
		 "<label class=\"utrecht-form-label\" for=\"achterstallig\">Alleen wat over de herzieningsdatum is</label></div>"
		 "<div class=\"utrecht-button-group\"><button class=\"utrecht-button utrecht-button--secondary-action\" "
		 "type=\"submit\">Zoeken</button></div></form>");
	json_t *as = json_object_get(list, "antwoorden");
	size_t n = json_array_size(as), i;
	html_raw(b, "<p class=\"utrecht-paragraph\" role=\"status\">");
	html_int(b, (long long)n);
	html_raw(b, n == 1 ? " antwoord gevonden" : " antwoorden gevonden");
	if (n > SHOWN) {
		html_raw(b, "; de eerste ");
		html_int(b, SHOWN);
		html_raw(b, " staan hieronder, zoek om er minder te krijgen");
	}
	html_raw(b, ".</p>");
	if (n) {
		static const char *const head[] = { "Vraag", "Onderwerp", "Redactie", "Herzien op", NULL };
		page_table_begin(b, "Vragen en antwoorden", NULL);
		page_table_head(b, head);
		json_t *a;
		json_array_foreach(as, i, a) {
			if (i >= SHOWN)
				break;
			char rest[64];
			snprintf(rest, sizeof(rest), "/antwoorden/%lld", (long long)json_integer_value(json_object_get(a, "id")));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\"><a "
				    "class=\"utrecht-link\" href=\"");
			page_dv_href(b, &dv, rest);
			html_raw(b, "\">");
			html_txt(b, json_string_value(json_object_get(a, "vraag")));
			html_raw(b, "</a></th><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(a, "onderwerp")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(a, "eigenaarNaam")));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, json_string_value(json_object_get(a, "herzienOp")));
			if (json_is_true(json_object_get(a, "achterstallig")))
				html_raw(b, " <strong>(achterstallig)</strong>");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	if (dv.member && page_dv_may(rq, &dv, ACT_ANSWER_WRITE, rq->actor.org)) {
		struct page_form pf;
		page_form_load(rq, &pf);
		html_raw(b, "<h2 class=\"utrecht-heading-2\">Vraag en antwoord toevoegen</h2><p class=\"utrecht-paragraph\">Het "
			    "antwoord komt op naam van de redactie van uw organisatie.</p>");
		answer_form(rq, b, &dv, &pf, NULL);
		page_form_release(&pf);
	}
	page_end(rq, rs);
	json_decref(list);
	return 0;
}

int page_dienstverlening_antwoord(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	char datum[DATE_TEXT_LEN];
	page_query_date(rq, datum);
	struct problem p;
	problem_init(&p);
	json_t *a = NULL;
	long long id = path_id(rq);
	if (!id || dienstverlening_answer_get(rq->store, dv.code, id, datum, &a, &p) < 0)
		return page_error(rq, rs, 404, p.detail[0] ? p.detail : "Dit antwoord bestaat niet."), 0;
	page_dv_begin(rq, rs, &dv, json_string_value(json_object_get(a, "vraag")), "antwoorden");
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph\">");
	html_txt(b, json_string_value(json_object_get(a, "antwoord")));
	html_raw(b, "</p><dl class=\"utrecht-data-list\">");
	const char *facts[][2] = { { "Onderwerp", "onderwerp" }, { "Redactie", "eigenaarNaam" }, { "Redacteur", "redacteur" } };
	for (int i = 0; i < 3; i++) {
		html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
		html_txt(b, facts[i][0]);
		html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value\">");
		html_txt(b, json_string_value(json_object_get(a, facts[i][1])));
		html_raw(b, "</dd></div>");
	}
	html_raw(b,
		 "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Herzien uiterlijk op</dt><dd "
		 "class=\"utrecht-data-list__item-value\">");
	html_date(b, json_string_value(json_object_get(a, "herzienOp")));
	if (json_is_true(json_object_get(a, "achterstallig")))
		html_raw(b, " <strong>(achterstallig)</strong>");
	html_raw(b, "</dd></div></dl><h2 class=\"utrecht-heading-2\">Lokale varianten</h2>");
	json_t *vs = json_object_get(a, "varianten"), *v;
	size_t i;
	if (!json_array_size(vs))
		html_raw(
			b,
			"<p class=\"utrecht-paragraph samen-empty\">Het antwoord geldt in elke gemeente zoals het er staat.</p>");
	json_array_foreach(vs, i, v) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">");
		html_txt(b, json_string_value(json_object_get(v, "naam")));
		html_raw(b, "</h3><p class=\"utrecht-paragraph\">");
		html_txt(b, json_string_value(json_object_get(v, "tekst")));
		html_raw(b, "</p>");
	}
	struct page_form pf;
	page_form_load(rq, &pf);
	const char *owner = json_string_value(json_object_get(a, "eigenaar"));
	if (dv.member && page_dv_may(rq, &dv, ACT_ANSWER_WRITE, rq->actor.org)) {
		const char *mine = NULL;
		json_array_foreach(vs, i, v)
			if (!strcmp(json_string_value(json_object_get(v, "organisatie")), rq->actor.org))
				mine = json_string_value(json_object_get(v, "tekst"));
		html_raw(b, "<h2 class=\"utrecht-heading-2\">De variant van uw gemeente</h2>");
		char rest[64];
		snprintf(rest, sizeof(rest), "/antwoorden/%lld/variant", id);
		struct buf act;
		buf_init(&act, 128);
		page_dv_location(&act, &dv, rest);
		page_form_begin(rq, b, buf_str(&act), "variant", "samen-form");
		buf_release(&act);
		field(b, &pf, "variant", "tekst", "Wat in uw gemeente anders is (leeg: geen variant)", "textarea",
		      mine ? mine : "", 0);
		button(b, "Variant vastleggen");
	}
	if (page_dv_may(rq, &dv, ACT_ANSWER_WRITE, owner)) {
		html_raw(b, "<h2 class=\"utrecht-heading-2\">Bijwerken of herzien</h2>");
		answer_form(rq, b, &dv, &pf, a);
	}
	page_form_release(&pf);
	page_end(rq, rs);
	json_decref(a);
	return 0;
}

static json_t *answer_in(const struct form *f, const char *owner)
{
	json_t *in = json_object();
	const char *k[] = { "onderwerp", "vraag", "antwoord", "redacteur", "herzienOp" };
	for (int i = 0; i < 5; i++)
		json_object_set_new(in, k[i], json_string(form_get(f, k[i]) ? form_get(f, k[i]) : ""));
	if (owner)
		json_object_set_new(in, "eigenaar", json_string(owner));
	return in;
}

int page_dienstverlening_antwoord_nieuw(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	if (!dv.member || !page_dv_may(rq, &dv, ACT_ANSWER_WRITE, rq->actor.org)) {
		page_dv_refuse(rq, rs, &dv, ACT_ANSWER_WRITE, "Antwoorden voegt de redactie van een lid van het verband toe.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = answer_in(&f, rq->actor.org), *out = NULL;
	struct problem p;
	problem_init(&p);
	int r = dienstverlening_answer_create(rq->store, &rq->actor, dv.code, in, &out, &p);
	char rest[64] = "/antwoorden";
	if (r == 0)
		snprintf(rest, sizeof(rest), "/antwoorden/%lld", (long long)json_integer_value(json_object_get(out, "id")));
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_ANSWER_WRITE, "/antwoorden", rest);
	json_decref(in);
	json_decref(out);
	form_release(&f);
	return 0;
}

int page_dienstverlening_antwoord_wijzig(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	char owner[48], rest[64];
	struct problem p;
	problem_init(&p);
	long long id = path_id(rq);
	if (!id || dienstverlening_answer_owner(rq->store, dv.code, id, owner, sizeof(owner), &p) < 0)
		return page_error(rq, rs, 404, "Dit antwoord bestaat niet."), 0;
	if (!page_dv_may(rq, &dv, ACT_ANSWER_WRITE, owner)) {
		page_dv_refuse(rq, rs, &dv, ACT_ANSWER_WRITE, "Dit antwoord werkt de redactie van de eigenaar bij.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = answer_in(&f, NULL);
	int r = dienstverlening_answer_update(rq->store, &rq->actor, dv.code, id, in, NULL, &p);
	snprintf(rest, sizeof(rest), "/antwoorden/%lld", id);
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_ANSWER_WRITE, rest, rest);
	json_decref(in);
	form_release(&f);
	return 0;
}

int page_dienstverlening_antwoord_variant(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	char rest[64];
	struct problem p;
	problem_init(&p);
	long long id = path_id(rq);
	if (!dv.member || !page_dv_may(rq, &dv, ACT_ANSWER_WRITE, rq->actor.org)) {
		page_dv_refuse(rq, rs, &dv, ACT_ANSWER_WRITE, "De variant van een gemeente legt haar eigen redactie vast.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	const char *t = form_get(&f, "tekst");
	json_t *in = json_pack("{s:s}", "tekst", t ? t : "");
	int r = id ? dienstverlening_answer_variant(rq->store, &rq->actor, dv.code, id, rq->actor.org, in, NULL, &p)
		   : problem_set(&p, 404, "Dit antwoord bestaat niet.");
	snprintf(rest, sizeof(rest), "/antwoorden/%lld", id);
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_ANSWER_WRITE, rest, rest);
	json_decref(in);
	form_release(&f);
	return 0;
}

/* ---- zaaktypen ---------------------------------------------------------------------------------- */

static const char *status_text(const char *s)
{
	return !strcmp(s, "gedeeld") ? "gedeeld" : !strcmp(s, "verschilt") ? "verschilt" : "in één gemeente";
}

/* An organisation by its name (web/pages.h). */
static void org_name(struct request *rq, struct buf *b, const char *code)
{
	char name[200];
	html_txt(b, page_org_name(rq, code, name, sizeof(name)));
}

int page_dienstverlening_zaaktypen(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *cmp = NULL;
	if (dienstverlening_zaaktypen_compare(rq->store, dv.code, &cmp, &p) < 0)
		return page_error(rq, rs, p.status, p.detail), 0;
	page_dv_begin(rq, rs, &dv, "Zaaktypen harmoniseren", "zaaktypen");
	struct buf *b = &rs->body;
	json_t *tel = json_object_get(cmp, "telling");
	html_raw(b, "<p class=\"utrecht-paragraph\">De zaaktypen van de gemeenten naast elkaar: ");
	html_int(b, json_integer_value(json_object_get(tel, "gedeeld")));
	html_raw(b, " gedeeld en gelijk, ");
	html_int(b, json_integer_value(json_object_get(tel, "verschilt")));
	html_raw(b, " gedeeld maar verschillend in naam, termijn of identificatie, ");
	html_int(b, json_integer_value(json_object_get(tel, "uniek")));
	html_raw(b, " in één gemeente. Gelijk is dezelfde identificatie, of bij een zaaktype van één gemeente dezelfde "
		    "omschrijving.</p>");
	static const char *const oh[] = { "Gemeente", "#Zaaktypen", "Ingelezen", NULL };
	page_table_begin(b, "Ingelezen lijsten", NULL);
	page_table_head(b, oh);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(cmp, "organisaties"), i, o) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(o, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int(b, json_integer_value(json_object_get(o, "aantal")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		const char *w = json_string_value(json_object_get(o, "ingelezen"));
		char when[NL_TEXT_LEN];
		html_txt(b, !w ? "nog niet" : nl_datetime(w, when, sizeof(when)) == 0 ? when : w);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	static const char *const head[] = { "Zaaktype", "Stand", "Wat verschilt", "Per gemeente", "Ontbreekt bij", NULL };
	page_table_begin(b, "Vergelijking", NULL);
	page_table_head(b, head);
	json_t *z;
	json_array_foreach(json_object_get(cmp, "zaaktypen"), i, z) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(z, "omschrijving")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, status_text(json_string_value(json_object_get(z, "status"))));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(z, "verschillen"), k, x) {
			html_raw(b, k ? ", " : "");
			html_txt(b, json_string_value(x));
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\"><ul class=\"utrecht-unordered-list\">");
		json_array_foreach(json_object_get(z, "organisaties"), k, x) {
			html_raw(b, "<li class=\"utrecht-unordered-list__item\">");
			org_name(rq, b, json_string_value(json_object_get(x, "organisatie")));
			html_raw(b, ": ");
			html_txt(b, json_string_value(json_object_get(x, "identificatie")));
			html_raw(b, ", ");
			html_txt(b, json_string_value(json_object_get(x, "omschrijving")));
			html_raw(b, ", ");
			html_txt(b, json_string_value(json_object_get(x, "doorlooptijdTekst")));
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></td><td class=\"utrecht-table__cell\">");
		json_array_foreach(json_object_get(z, "ontbreektBij"), k, x) {
			html_raw(b, k ? ", " : "");
			org_name(rq, b, json_string_value(x));
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	if (dv.member && page_dv_may(rq, &dv, ACT_ZAAKTYPEN_IMPORT, rq->actor.org)) {
		struct page_form pf;
		page_form_load(rq, &pf);
		html_raw(
			b,
			"<h2 class=\"utrecht-heading-2\">De zaaktypen van uw gemeente inlezen</h2><p class=\"utrecht-paragraph\">"
			"Kies een CSV-bestand met de kolommen identificatie, omschrijving en doorlooptijd (in dagen of als "
			"P8W), of een export van de zaaktypen uit de ZGW Catalogi API (JSON). U kunt de lijst ook plakken. "
			"Dit vervangt de lijst van uw gemeente.</p>");
		struct buf act;
		buf_init(&act, 128);
		page_dv_location(&act, &dv, "/zaaktypen");
		/* A file goes as multipart/form-data (page_dienstverlening_zaaktypen_lees). */
		html_raw(b, "<form method=\"post\" class=\"samen-form\" enctype=\"multipart/form-data\" action=\"");
		html_attr(b, buf_str(&act));
		html_raw(b, "\">");
		html_csrf_field(rq, b);
		buf_release(&act);
		const char *error = pf.loaded ? json_string_value(json_object_get(pf.state, "detail")) : NULL;
		struct page_input fm = { .id = "formaat", .label = "Formaat" };
		page_field_begin(b, &fm);
		const char *chosen = page_form_value(&pf, NULL, "formaat", "csv");
		html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"formaat\" name=\"formaat\">");
		html_raw(b, !strcmp(chosen, "zgw")
				    ? "<option value=\"csv\">CSV</option><option value=\"zgw\" selected>ZGW Catalogi "
				      "(JSON)</option>"
				    : "<option value=\"csv\" selected>CSV</option><option value=\"zgw\">ZGW Catalogi "
				      "(JSON)</option>");
		html_raw(b, "</select>");
		page_field_end(b);
		struct page_input file = { .id = "bestand", .label = "Bestand", .error = error };
		page_field_begin(b, &file);
		html_raw(b, "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"file\" id=\"bestand\" "
			    "name=\"bestand\" accept=\".csv,.json,.txt,text/csv,application/json,text/plain\"");
		page_field_invalid(b, &file);
		html_raw(b, ">");
		page_field_end(b);
		struct page_input t = { .id = "lijst",
					.label = "Of plak de lijst",
					.type = "textarea",
					.value = page_form_value(&pf, NULL, "lijst", "") };
		page_input_field(b, &t);
		hidden(b, "organisatie", rq->actor.org);
		button(b, "Inlezen");
		page_form_release(&pf);
	}
	page_end(rq, rs);
	json_decref(cmp);
	return 0;
}

/* The list from the form: a chosen file (multipart/form-data, as the page
 * sends it) or pasted text; f gets formaat and the pasted text back for
 * the form after a refusal. -1 when the body is neither form. */
static int read_list(struct request *rq, struct form *f, const char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	if (form_is_urlencoded(rq)) {
		if (form_parse(f, rq->body, rq->body_len) < 0)
			return -1;
		*text = form_get(f, "lijst");
		*len = *text ? strlen(*text) : 0;
		return 0;
	}
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	int n = multipart_parse(rq, parts);
	if (n < 0)
		return -1;
	static const char *const keep[] = { "formaat", "lijst", NULL };
	for (int k = 0; keep[k]; k++) {
		const struct multipart_part *pt = multipart_get(parts, n, keep[k]);
		if (!pt || memchr(pt->data, '\0', pt->len))
			continue;
		f->f[f->n].name = strdup(keep[k]);
		f->f[f->n].value = strndup(pt->data, pt->len);
		if (!f->f[f->n].name || !f->f[f->n].value) {
			free(f->f[f->n].name);
			free(f->f[f->n].value);
			return -1;
		}
		f->n++;
	}
	const struct multipart_part *file = multipart_get(parts, n, "bestand");
	if (file && file->len) {
		*text = file->data; /* the body outlives the request's handling */
		*len = file->len;
	} else {
		*text = form_get(f, "lijst");
		*len = *text ? strlen(*text) : 0;
	}
	return 0;
}

int page_dienstverlening_zaaktypen_lees(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	if (!dv.member || !page_dv_may(rq, &dv, ACT_ZAAKTYPEN_IMPORT, rq->actor.org)) {
		page_dv_refuse(rq, rs, &dv, ACT_ZAAKTYPEN_IMPORT, "De zaaktypen van een gemeente leest haar manager in.");
		return 0;
	}
	const char *text;
	size_t len;
	if (read_list(rq, &f, &text, &len) < 0) {
		form_release(&f);
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Kies het bestand opnieuw.");
		return 0;
	}
	const char *fm = form_get(&f, "formaat");
	struct problem p;
	problem_init(&p);
	int r;
	if (!len) {
		problem_set(&p, 400, "Kies een bestand of plak de lijst.");
		problem_param(&p, "lijst", "Kies een bestand of plak de lijst.");
		r = -1;
	} else {
		r = dienstverlening_zaaktypen_import(rq->store, &rq->actor, dv.code, rq->actor.org, text, len,
						     fm && !strcmp(fm, "zgw"), NULL, &p);
	}
	if (r < 0 && len && p.nparams) {
		/* One field holds the whole list: name the lines in the detail. */
		char d[512];
		int w = snprintf(d, sizeof(d), "Niet ingelezen, er is niets veranderd.");
		for (int i = 0; i < p.nparams && w > 0 && (size_t)w < sizeof(d); i++)
			w += snprintf(d + w, sizeof(d) - (size_t)w, " %s: %s.", p.params[i].name, p.params[i].reason);
		struct problem q;
		problem_init(&q);
		problem_set(&q, 400, "%s", d);
		problem_param(&q, "lijst", "%s", d);
		snprintf(q.detail, sizeof(q.detail), "%s", d);
		p = q;
	}
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_ZAAKTYPEN_IMPORT, "/zaaktypen", "/zaaktypen");
	form_release(&f);
	return 0;
}
