/* The proeftuin's reports to the colleges (page_urenbank.h): the list of
 * tussentijdse rapportages and eindevaluaties with the form to adopt one,
 * and one report in the site with its Markdown and PDF. Who may adopt is
 * policy.c's urenbank-beheren for the proeftuin, as in the API; everyone
 * signed in reads. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "http/authz.h"
#include "http/form.h"
#include "report/urenbank_rapport.h"
#include "store/urenbank_rapporten.h"
#include "web/page_besturing.h"
#include "web/page_form.h"
#include "web/page_urenbank.h"
#include "web/pages.h"

static int may_adopt(struct request *rq, const struct page_urenbank_page *pg)
{
	return page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL);
}

static const char *const soort_opts[] = { "tussentijds", "Tussentijdse rapportage", "eind", "Eindevaluatie met adviesrapportage",
					  NULL };
static const char *const advies_opts[] = { "doorgaan",   "Doorgaan: structureel maken",
					   "bijstellen", "Doorgaan met aanpassingen (bijstellen)",
					   "stoppen",    "Stoppen",
					   NULL };

static const char *label_of(const char *const *opts, const char *v)
{
	for (int i = 0; v && opts[i]; i += 2)
		if (!strcmp(opts[i], v))
			return opts[i + 1];
	return v ? v : "";
}

struct rapport_view {
	int status;
	const char *soort, *van, *tot, *datum, *advies, *toelichting;
	const char *e_soort, *e_van, *e_tot, *e_datum, *e_advies, *e_toelichting;
	const char *error;
};

static void form(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, const struct rapport_view *v)
{
	html_raw(b, "<h2 class=\"utrecht-heading-2\" id=\"kop-vaststellen\">Rapport vaststellen</h2>"
		    "<p class=\"utrecht-paragraph\">Kies de soort en de periode, en leg het advies van het proeftuin-MT vast met "
		    "de onderbouwing. De cijfers rekent samen uit de boekingen; ze worden niet overgetypt.</p>");
	if (v->error)
		page_urenbank_note(b, v->error);
	html_raw(b, "<form class=\"samen-form\" method=\"post\" aria-labelledby=\"kop-vaststellen\" action=\"");
	page_urenbank_href(b, pg, "/rapporten");
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	const struct page_input s = {
		.id = "rapport-soort", .name = "soort", .label = "Soort", .value = v->soort, .error = v->e_soort, .required = 1
	};
	page_select_field(b, &s, soort_opts, NULL);
	const struct page_input van = { .id = "rapport-van",
					.name = "van",
					.label = "Periode van",
					.type = "date",
					.value = v->van,
					.error = v->e_van,
					.required = 1 };
	page_input_field(b, &van);
	const struct page_input tot = { .id = "rapport-tot",
					.name = "tot",
					.label = "Periode tot en met",
					.type = "date",
					.value = v->tot,
					.error = v->e_tot,
					.required = 1 };
	page_input_field(b, &tot);
	const struct page_input datum = { .id = "rapport-datum",
					  .name = "datum",
					  .label = "Vastgesteld op",
					  .type = "date",
					  .value = v->datum,
					  .error = v->e_datum,
					  .required = 1 };
	page_input_field(b, &datum);
	const struct page_input a = { .id = "rapport-advies",
				      .name = "advies",
				      .label = "Advies aan de colleges",
				      .value = v->advies,
				      .error = v->e_advies,
				      .required = 1 };
	page_select_field(b, &a, advies_opts, NULL);
	const struct page_input t = { .id = "rapport-toelichting",
				      .name = "toelichting",
				      .label = "Onderbouwing van het advies",
				      .type = "textarea",
				      .value = v->toelichting,
				      .error = v->e_toelichting,
				      .hint = "Waarom dit advies, in woorden voor de raad.",
				      .required = 1 };
	page_input_field(b, &t);
	html_raw(b, "<div class=\"utrecht-button-group\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Vaststellen</button></div></form>");
}

static void render_list(struct request *rq, struct response *rs, const struct page_urenbank_page *pg,
			const struct rapport_view *v)
{
	struct problem p;
	problem_init(&p);
	json_t *list = NULL;
	if (urenbank_rapporten_list(rq->store, pg->code, &list, &p) < 0) {
		page_error(rq, rs, p.status, p.detail);
		return;
	}
	page_urenbank_begin(rq, rs, pg, "Rapportage aan de colleges", "rapporten");
	if (v->status)
		rs->status = v->status;
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph\">De colleges blijven via tussentijdse rapportages op de hoogte; de "
		    "proeftuin sluit af met een eindevaluatie en een advies over het vervolg. Elk rapport bevat de "
		    "evaluatiecijfers van zijn periode, de werkvoorraad, de leerervaringen en het advies, met bij elk cijfer de "
		    "lijst waar het uit komt.</p>");
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog geen rapport vastgesteld.</p>");
	} else {
		static const char *const head[] = { "Rapport", "Periode", "Vastgesteld", "Advies", NULL };
		page_table_begin(b, "Rapporten aan de colleges", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *r;
		json_array_foreach(list, i, r) {
			const char *soort = json_string_value(json_object_get(r, "soort"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
				    "<a class=\"utrecht-link\" href=\"");
			char rest[64];
			snprintf(rest, sizeof(rest), "/rapporten/%lld", (long long)json_integer_value(json_object_get(r, "id")));
			page_urenbank_href(b, pg, rest);
			html_raw(b, "\">");
			html_txt(b, label_of(soort_opts, soort));
			html_raw(b, "</a></th><td class=\"utrecht-table__cell\">");
			html_date(b, json_string_value(json_object_get(r, "van")));
			html_txt(b, " tot en met ");
			html_date(b, json_string_value(json_object_get(r, "tot")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_date(b, json_string_value(json_object_get(r, "datum")));
			html_txt(b, ", ");
			html_txt(b, json_string_value(json_object_get(r, "door")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, label_of(advies_opts, json_string_value(json_object_get(r, "advies"))));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	if (may_adopt(rq, pg))
		form(rq, b, pg, v);
	page_end(rq, rs);
	json_decref(list);
}

int page_urenbank_rapporten(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	const char *van = json_string_value(json_object_get(pg.pt, "van")),
		   *tot = json_string_value(json_object_get(pg.pt, "tot"));
	struct rapport_view v = { 0 };
	v.soort = "tussentijds";
	v.advies = "doorgaan";
	v.van = van;
	v.tot = tot && strcmp(today, tot) < 0 ? today : tot;
	v.datum = today;
	render_list(rq, rs, &pg, &v);
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_rapport_submit(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (!may_adopt(rq, &pg)) {
		if (authz_require_page(rq, rs, ACT_EXCHANGE_MANAGE, NULL) == 0) {
			page_error(rq, rs, 403, "Een rapport aan de colleges stelt de procesmanager van de proeftuin vast.");
			authz_audit(rq, ACT_EXCHANGE_MANAGE, 403, pg.code);
		}
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct rapport_view v = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render_list(rq, rs, &pg, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	const char *names[] = { "soort", "van", "tot", "datum", "advies", "toelichting" };
	const char **vals[] = { &v.soort, &v.van, &v.tot, &v.datum, &v.advies, &v.toelichting };
	json_t *in = json_object();
	for (int k = 0; k < 6; k++) {
		*vals[k] = form_get(&f, names[k]);
		if (*vals[k] && ((*vals[k])[0] || k == 5 || k == 0 || k == 4))
			json_object_set_new(in, names[k], json_string(*vals[k]));
	}
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_rapporten_create(rq->store, &rq->actor, pg.code, in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, r < 0 ? p.status : 201, pg.code);
	if (r < 0) {
		v.status = p.status ? p.status : 500;
		for (int k = 0; k < p.nparams; k++) {
			const char *n = p.params[k].name, *why = p.params[k].reason;
			if (!strcmp(n, "soort"))
				v.e_soort = "Kies een tussentijdse rapportage of de eindevaluatie.";
			else if (!strcmp(n, "van"))
				v.e_van = "Vul een bestaande datum in, bijvoorbeeld 2012-01-01.";
			else if (!strcmp(n, "tot"))
				v.e_tot = why;
			else if (!strcmp(n, "datum"))
				v.e_datum = why;
			else if (!strcmp(n, "advies"))
				v.e_advies = "Kies doorgaan, bijstellen of stoppen.";
			else if (!strcmp(n, "toelichting"))
				v.e_toelichting = "Schrijf op waarom u dit adviseert.";
		}
		if (!p.nparams)
			v.error = p.detail;
		render_list(rq, rs, &pg, &v);
	} else {
		struct buf loc;
		buf_init(&loc, 256);
		char rest[64];
		snprintf(rest, sizeof(rest), "/rapporten/%lld", (long long)json_integer_value(json_object_get(out, "id")));
		page_urenbank_href(&loc, &pg, rest);
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgesteld.\n");
		buf_release(&loc);
	}
	json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_rapport(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	long long id;
	struct problem p;
	problem_init(&p);
	json_t *doc = NULL;
	const char *fmt = req_query(rq, "formaat");
	if (http_parse_id(req_param(rq, "id"), &id) < 0 || urenbank_rapport_build(rq->store, pg.code, id, &doc, &p) < 0) {
		page_error(rq, rs, p.status ? p.status : 404, p.status ? p.detail : "Dit rapport bestaat niet.");
		page_urenbank_page_release(&pg);
		return 0;
	}
	if (fmt && (!strcmp(fmt, "md") || !strcmp(fmt, "pdf"))) {
		int pdf = !strcmp(fmt, "pdf");
		int r = pdf ? urenbank_rapport_pdf(doc, &rs->body) : urenbank_rapport_markdown(doc, &rs->body);
		char name[200], disp[300];
		urenbank_rapport_filename(doc, name, sizeof(name));
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s.%s\"", name, fmt);
		if (r < 0) {
			buf_release(&rs->body);
			page_error(rq, rs, 500, "Het rapport kon niet worden opgemaakt.");
		} else {
			rs->status = 200;
			snprintf(rs->content_type, sizeof(rs->content_type), "%s",
				 pdf ? "application/pdf" : "text/markdown; charset=utf-8");
			resp_header(rs, "Content-Disposition", disp);
		}
	} else {
		char title[300];
		urenbank_rapport_title(doc, title, sizeof(title));
		page_urenbank_begin(rq, rs, &pg, title, "rapporten");
		struct buf *b = &rs->body;
		page_besturing_stylesheet(b, "rapport.css");
		struct buf md, pdf;
		buf_init(&md, 256);
		buf_init(&pdf, 256);
		char rest[80];
		snprintf(rest, sizeof(rest), "/rapporten/%lld?formaat=md", id);
		page_urenbank_href(&md, &pg, rest);
		snprintf(rest, sizeof(rest), "/rapporten/%lld?formaat=pdf", id);
		page_urenbank_href(&pdf, &pg, rest);
		const struct urenbank_rapport_html_options opt = { 0, buf_str(&md), buf_str(&pdf), 1 };
		urenbank_rapport_html(doc, &opt, b);
		buf_release(&md);
		buf_release(&pdf);
		page_end(rq, rs);
	}
	json_decref(doc);
	page_urenbank_page_release(&pg);
	return 0;
}

const struct route page_urenbank_rapport_routes[] = {
	{ "GET", "/proeftuinen/{p}/rapporten", page_urenbank_rapporten, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/rapporten", page_urenbank_rapport_submit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/rapporten/{id}", page_urenbank_rapport, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
