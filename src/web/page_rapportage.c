/* /rapporten: choose an organisation and a period; /rapporten/stand-van-zaken:
 * the report in the frame, printable on A4 (rapport.css leaves the frame
 * off the paper), with links to the Markdown and the iCalendar feed.
 * Reading a report is rapport-lezen for that organisation. */
#include <stdio.h>
#include <string.h>
#include "http/authz.h"
#include "report/rapportage.h"
#include "store/register.h"
#include "web/page_besturing.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *query(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

/* The organisations whose reports the actor may read, by name. */
static json_t *readable_orgs(struct request *rq, json_t **names)
{
	json_t *all = register_org_list(rq->store), *codes = json_array();
	*names = page_names(all);
	size_t i;
	json_t *o;
	json_array_foreach(all, i, o)
		if (policy_allows(&rq->actor, ACT_REPORT_READ, str(o, "code"), NULL))
			json_array_append_new(codes, json_string(str(o, "code")));
	json_decref(all);
	return codes;
}

static void default_period(char van[DATE_TEXT_LEN], char tot[DATE_TEXT_LEN])
{
	int32_t today = date_today();
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	date_format(date_from_ymd(y, 1, 1), van);
	date_format(today, tot);
}

static const char *param_error(const struct problem *p, const char *name)
{
	for (int i = 0; p && i < p->nparams; i++)
		if (!strcmp(p->params[i].name, name))
			return p->params[i].reason;
	return NULL;
}

static void choice_form(struct request *rq, struct buf *b, json_t *codes, json_t *names, const char *org, const char *van,
			const char *tot, const struct problem *err)
{
	html_raw(b, "<form class=\"samen-filter svz-keuze\" method=\"get\" action=\"/rapporten/stand-van-zaken\">");
	page_besturing_select_orgs(b, "rapport-organisatie", "organisatie", "Organisatie", codes, names, org, 0);
	page_besturing_input(b, "rapport-van", "van", "Van", "date", van, param_error(err, "van"), 1);
	page_besturing_input(b, "rapport-tot", "tot", "Tot en met", "date", tot, param_error(err, "tot"), 1);
	html_raw(
		b,
		"<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon de stand van zaken</button>"
		"</form>");
}

int page_rapporten(struct request *rq, struct response *rs)
{
	page_begin(rq, rs, "Rapporten");
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b,
		 "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › Rapporten</p>"
		 "<h1 class=\"utrecht-heading-1\">Stand van zaken voor de raad</h1>"
		 "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Per organisatie en periode: de samenwerkingsverbanden, "
		 "per traject de besluiten, de gehaalde mijlpalen, wat vertraging opliep of werd uitgesteld (met reden en "
		 "nieuwe datum), wat er komt, de businesscases, en waar die bestaan de urenbank en de kwetsbaarheid. Om te "
		 "lezen, af te drukken op A4, als PDF of Markdown te downloaden, en de mijlpalen als agenda (iCalendar) voor "
		 "Outlook.</p>");
	if (rq->actor.role == ROLE_NONE) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Rapporten zijn voor wie bij de organisatie hoort: "
			    "<a class=\"utrecht-link\" href=\"/inloggen\">meld u aan</a>.</p>");
		page_end(rq, rs);
		return 0;
	}
	json_t *names = NULL, *codes = readable_orgs(rq, &names);
	char van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	default_period(van, tot);
	const char *org =
		rq->actor.org[0] && policy_allows(&rq->actor, ACT_REPORT_READ, rq->actor.org, NULL) ? rq->actor.org : NULL;
	if (!json_array_size(codes)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Uw account hoort bij geen organisatie; er zijn geen rapporten voor "
			    "u.</p>");
	} else {
		choice_form(rq, b, codes, names, org, van, tot, NULL);
		if (policy_allows(&rq->actor, ACT_REPORT_READ, "GM0148", NULL) && json_object_get(names, "GM0148")) {
			html_raw(b,
				 "<p class=\"utrecht-paragraph\">Voorbeeld uit de bronstukken: <a class=\"utrecht-link\" "
				 "href=\"/rapporten/stand-van-zaken?organisatie=GM0148&amp;van=2012-03-01&amp;tot=2012-09-30\">"
				 "Dalfsen, maart tot en met september 2012</a>.</p>");
		}
	}
	page_end(rq, rs);
	json_decref(codes), json_decref(names);
	return 0;
}

static void api_href(struct buf *h, const char *path, const char *org, const char *van, const char *tot, const char *fmt)
{
	buf_adds(h, path);
	buf_adds(h, "?organisatie=");
	html_url_segment(h, org);
	if (van) {
		buf_adds(h, "&van=");
		html_url_segment(h, van);
		buf_adds(h, "&tot=");
		html_url_segment(h, tot);
	}
	if (fmt) {
		buf_adds(h, "&formaat=");
		buf_adds(h, fmt);
	}
}

int page_rapport_stand(struct request *rq, struct response *rs)
{
	const char *org = query(rq, "organisatie"), *van = query(rq, "van"), *tot = query(rq, "tot");
	char dv[DATE_TEXT_LEN], dt[DATE_TEXT_LEN];
	default_period(dv, dt);
	if (!van && !tot) /* from the organisation's page: this year so far */
		van = dv, tot = dt;
	if (rq->actor.role == ROLE_NONE || (org && authz_require_page(rq, rs, ACT_REPORT_READ, org) < 0)) {
		if (rq->actor.role == ROLE_NONE)
			authz_require_page(rq, rs, ACT_REPORT_READ, org);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *doc = NULL;
	int r = org ? rapportage_build(rq->store, org, van, tot, &doc, &p)
		    : problem_param(&p, "organisatie", "kies een organisatie");
	if (r == -404) {
		page_error(rq, rs, 404, "Er is geen organisatie met deze code in het register.");
		return 0;
	}
	json_t *names = NULL, *codes = readable_orgs(rq, &names);
	char title[300];
	snprintf(title, sizeof(title), "Stand van zaken %s", doc ? page_name(names, org) : "");
	page_begin(rq, rs, title);
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_stylesheet(b, "rapport.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › "
		    "<a class=\"utrecht-link\" href=\"/rapporten\">Rapporten</a> › Stand van zaken</p>");
	if (r < 0) {
		rs->status = 400;
		html_raw(b, "<h1 class=\"utrecht-heading-1\">Stand van zaken voor de raad</h1>");
		page_besturing_problem(b, &p);
		choice_form(rq, b, codes, names, org, van ? van : dv, tot ? tot : dt, &p);
	} else {
		choice_form(rq, b, codes, names, org, van, tot, NULL);
		struct buf md, ics, pdf;
		buf_init(&md, 1024);
		buf_init(&ics, 1024);
		buf_init(&pdf, 1024);
		api_href(&md, "/api/v1/rapporten/stand-van-zaken", org, van, tot, "md");
		api_href(&pdf, "/api/v1/rapporten/stand-van-zaken", org, van, tot, "pdf");
		api_href(&ics, "/api/v1/agenda", org, NULL, NULL, NULL);
		struct rapportage_html_options opt = { 0, buf_str(&md), buf_str(&ics), buf_str(&pdf) };
		rapportage_html(doc, &opt, b);
		buf_release(&md), buf_release(&ics), buf_release(&pdf);
	}
	page_end(rq, rs);
	json_decref(doc), json_decref(codes), json_decref(names);
	return 0;
}
