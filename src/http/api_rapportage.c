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
#include <stdlib.h>
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
	/* The public host name of this server (SAMEN_HOST), or the one the
	 * client used to reach it. */
	char host[256];
	if (agenda_host(getenv("SAMEN_HOST"), host, sizeof(host)) < 0 &&
	    agenda_host(req_header(rq, "Host"), host, sizeof(host)) < 0)
		snprintf(host, sizeof(host), "localhost");
	if (agenda_build(rq->store, org, host, time(NULL), &rs->body, &p) < 0) {
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
/* Permanent: a calendar that subscribed to the old address follows it. */
static int get_agenda_old(struct request *rq, struct response *rs)
{
	char where[2048];
	if (req_query_string(rq, where, sizeof(where), "/api/v1/agenda", NULL) < 0)
		return api_error(rs, 414, "Het adres is te lang.");
	resp_header(rs, "Location", where);
	resp_text(rs, 308, "text/plain; charset=utf-8", "De agenda staat nu op /api/v1/agenda.\n");
	return 0;
}

const struct route api_rapportage_routes[] = {
	{ "GET", "/api/v1/rapporten/stand-van-zaken", get_stand, TAG,
	  "Stand van zaken bestuurlijke samenwerking van een organisatie over een periode (HTML om af te drukken, Markdown of "
	  "PDF als bestand)",
	  NULL, "text/html|text/markdown|application/pdf", "organisatie:verplicht,van:verplicht,tot:verplicht,formaat:rapport", 0,
	  "haalStandVanZaken",
	  "De stand van zaken voor de raad over een periode: als afdrukbare HTML (standaard), als Markdown (formaat=md) of als "
	  "PDF op A4 (formaat=pdf); Markdown en PDF als bestand (Content-Disposition: attachment).",
	  0 },
	{ "GET", "/api/v1/agenda", get_agenda, TAG,
	  "Mijlpalen en wettelijke deadlines van de trajecten van een organisatie als iCalendar", NULL, "text/calendar",
	  "organisatie:verplicht", 0, "haalAgenda",
	  "De mijlpalen en wettelijke deadlines als iCalendar (RFC 5545) om in een agenda te abonneren. Elke gebeurtenis "
	  "heeft een UID die wereldwijd uniek is (met de publieke hostnaam van deze server, SAMEN_HOST). Het oude adres "
	  "/agenda.ics verwijst hierheen (308).",
	  0 },
	/* The old address, kept for subscribed calendars (not in the document: not kebab-case). */
	{ "GET", "/api/v1/agenda.ics", get_agenda_old, NULL, NULL },
	{ 0 },
};
