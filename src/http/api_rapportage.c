/* The council's reports (docs/api.md "Choosing and running"):
 *   GET /api/v1/rapporten/stand-van-zaken?organisatie=&van=&tot=&formaat=html|md|pdf
 *       (html is shown in the browser; md and pdf are downloads)
 *   GET /api/v1/agenda.ics?organisatie=
 * Reading them is rapport-lezen for that organisation (policy.c: its own
 * raadslid, medewerker, manager and stuurgroep; the procesmanager; the
 * beheerder). Who may comes before what is wrong: anonymous is 401 and
 * another organisation 403 whatever the other parameters say. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "http/api.h"
#include "http/authz.h"
#include "report/agenda.h"
#include "report/rapportage.h"

static const char *query(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

/* The organisation asked for, after the policy said yes; NULL with rs
 * filled otherwise. */
static const char *report_org(struct request *rq, struct response *rs)
{
	const char *org = query(rq, "organisatie");
	if (rq->actor.role == ROLE_NONE) {
		authz_require(rq, rs, ACT_REPORT_READ, org);
		return NULL;
	}
	if (!org) {
		struct problem p;
		problem_init(&p);
		problem_param(&p, "organisatie", "is verplicht: de code van de organisatie (bijv. GM0148)");
		api_problem(rs, &p);
		return NULL;
	}
	if (authz_require(rq, rs, ACT_REPORT_READ, org) < 0)
		return NULL;
	return org;
}

static int get_stand(struct request *rq, struct response *rs)
{
	const char *org = report_org(rq, rs);
	if (!org)
		return 0;
	const char *formaat = query(rq, "formaat");
	struct problem p;
	problem_init(&p);
	if (formaat && strcmp(formaat, "html") && strcmp(formaat, "md") && strcmp(formaat, "pdf"))
		problem_param(&p, "formaat", "moet html, md of pdf zijn");
	json_t *doc = NULL;
	if (!p.status && rapportage_build(rq->store, org, query(rq, "van"), query(rq, "tot"), &doc, &p) < 0)
		return api_problem(rs, &p);
	if (p.status)
		return api_problem(rs, &p);
	const char *fmt = formaat ? formaat : "html";
	int md = !strcmp(fmt, "md"), pdf = !strcmp(fmt, "pdf");
	struct rapportage_html_options opt = { 1, NULL, NULL, NULL };
	int r = pdf  ? rapportage_pdf(doc, &rs->body)
		: md ? rapportage_markdown(doc, &rs->body)
		     : rapportage_html(doc, &opt, &rs->body);
	/* The file name says whose report over which period, as the model has them. */
	char disp[200];
	snprintf(disp, sizeof(disp), "%s; filename=\"stand-van-zaken-%s-%s-%s.%s\"", md || pdf ? "attachment" : "inline", org,
		 json_string_value(json_object_get(doc, "van")), json_string_value(json_object_get(doc, "tot")), fmt);
	json_decref(doc);
	if (r < 0) {
		buf_release(&rs->body);
		return api_error(rs, 500, "Het rapport kon niet worden opgemaakt.");
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "%s",
		 pdf  ? "application/pdf"
		 : md ? "text/markdown; charset=utf-8"
		      : "text/html; charset=utf-8");
	resp_header(rs, "Content-Disposition", disp);
	return 0;
}

static int get_agenda(struct request *rq, struct response *rs)
{
	const char *org = report_org(rq, rs);
	if (!org)
		return 0;
	struct problem p;
	problem_init(&p);
	if (agenda_build(rq->store, org, time(NULL), &rs->body, &p) < 0) {
		buf_release(&rs->body);
		return api_problem(rs, &p);
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/calendar; charset=utf-8");
	char disp[120];
	snprintf(disp, sizeof(disp), "inline; filename=\"samen-%s.ics\"", org);
	resp_header(rs, "Content-Disposition", disp);
	return 0;
}

#define TAG "rapporten"
const struct route api_rapportage_routes[] = {
	{ "GET", "/api/v1/rapporten/stand-van-zaken", get_stand, TAG,
	  "Stand van zaken bestuurlijke samenwerking van een organisatie over een periode (HTML om af te drukken, Markdown of "
	  "PDF als bestand)",
	  NULL, "rapport", "organisatie,van,tot,formaat", 0 },
	{ "GET", "/api/v1/agenda.ics", get_agenda, TAG,
	  "Mijlpalen en wettelijke deadlines van de trajecten van een organisatie als iCalendar", NULL, NULL, "organisatie", 0 },
	{ 0 },
};
