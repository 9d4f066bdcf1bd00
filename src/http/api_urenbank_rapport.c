/* The proeftuin's reports to the colleges (docs/api.md "Hours exchange",
 * docs/urenbank.md "Rapportage aan de colleges"): the process manager adopts
 * a tussentijdse rapportage or an eindevaluatie with an advice; everyone
 * signed in reads the list and the document in HTML, Markdown or PDF. */
#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "http/idempotency.h"
#include "report/urenbank_rapport.h"
#include "store/urenbank.h"
#include "store/urenbank_rapporten.h"

static int require_read(struct request *rq, struct response *rs) { return authz_require(rq, rs, ACT_STAFF_READ, NULL); }

static int report_id(struct request *rq, struct response *rs, long long *id)
{
	if (http_parse_id(req_param(rq, "id"), id) == 0)
		return 0;
	api_error(rs, 404, "Rapport '%s' bestaat niet: een rapport heeft een getal als id.", req_param(rq, "id"));
	return -1;
}

/* Adopting a report is the process manager's (urenbank-beheren for the
 * proeftuin or its verband, policy.c): 401/403 audited, 404 an unknown proeftuin. */
static int require_manage(struct request *rq, struct response *rs, const char *code)
{
	struct problem p;
	problem_init(&p);
	char verband[48] = "";
	const struct actor *a = &rq->actor;
	if (a->role == ROLE_NONE)
		return authz_require(rq, rs, ACT_EXCHANGE_MANAGE, NULL);
	/* A role that may never do it hears so before anything is looked up
	 * (not a 404 that tells which proeftuinen exist). */
	int could = policy_allows(a, ACT_EXCHANGE_MANAGE, a->org[0] ? a->org : NULL, a->verband[0] ? a->verband : NULL);
	if (could && urenbank_proeftuin_verband(rq->store, code, verband, sizeof(verband), &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	const struct policy_target t = { NULL, verband, code };
	if (could && policy_allows_in(a, ACT_EXCHANGE_MANAGE, &t))
		return 0;
	char msg[600];
	authz_refusal(rq, code, msg, sizeof(msg));
	api_error(rs, 403, "%s Een rapport aan de colleges stelt de procesmanager van de proeftuin vast.", msg);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, 403, code);
	return -1;
}

static void op_create(struct request *rq, struct response *rs, json_t *in)
{
	const char *code = req_param(rq, "p");
	if (require_manage(rq, rs, code) < 0)
		return;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_rapporten_create(rq->store, &rq->actor, code, in, &out, &p);
	api_result(rs, r, 201, out, &p);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, rs->status, code);
}

static int post_report(struct request *rq, struct response *rs)
{
	/* Refused before the body is looked at, so that a wrong role hears so first. */
	if (require_manage(rq, rs, req_param(rq, "p")) < 0)
		return 0;
	json_t *in = NULL;
	if (api_body_object(rq, rs, &in) < 0)
		return 0;
	return idempotent_run(rq, rs, in, op_create);
}

static int list_reports(struct request *rq, struct response *rs)
{
	if (require_read(rq, rs) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_rapporten_list(rq->store, req_param(rq, "p"), &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_report(struct request *rq, struct response *rs)
{
	long long id;
	if (require_read(rq, rs) < 0 || report_id(rq, rs, &id) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_rapporten_get(rq->store, req_param(rq, "p"), id, &out, &p);
	return api_result(rs, r, 200, out, &p);
}

static int get_document(struct request *rq, struct response *rs)
{
	long long id;
	if (require_read(rq, rs) < 0 || report_id(rq, rs, &id) < 0)
		return 0;
	const char *formaat = req_query(rq, "formaat");
	struct problem p;
	problem_init(&p);
	if (formaat && formaat[0] && strcmp(formaat, "html") && strcmp(formaat, "md") && strcmp(formaat, "pdf")) {
		problem_param(&p, "formaat", "moet html, md of pdf zijn");
		return api_problem(rs, &p);
	}
	json_t *doc = NULL;
	if (urenbank_rapport_build(rq->store, req_param(rq, "p"), id, &doc, &p) < 0)
		return api_problem(rs, &p);
	const char *fmt = formaat && formaat[0] ? formaat : "html";
	int md = !strcmp(fmt, "md"), pdf = !strcmp(fmt, "pdf");
	const struct urenbank_rapport_html_options opt = { 1, NULL, NULL, 0 };
	int r = pdf  ? urenbank_rapport_pdf(doc, &rs->body)
		: md ? urenbank_rapport_markdown(doc, &rs->body)
		     : urenbank_rapport_html(doc, &opt, &rs->body);
	char name[200], disp[300];
	urenbank_rapport_filename(doc, name, sizeof(name));
	snprintf(disp, sizeof(disp), "%s; filename=\"%s.%s\"", md || pdf ? "attachment" : "inline", name, fmt);
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

#define PT "/api/v1/proeftuinen/{p}"
const struct route api_urenbank_rapport_routes[] = {
	{ "GET", PT "/rapporten", list_reports, "urenbank",
	  "De tussentijdse rapportages en de eindevaluatie van de proeftuin aan de colleges", NULL, "[Proeftuinrapport]", NULL, 0,
	  "lijstProeftuinrapporten", "Op de datum van vaststellen, oudste eerst.", 0 },
	{ "POST", PT "/rapporten", post_report, "urenbank",
	  "Een tussentijdse rapportage of de eindevaluatie vaststellen, met het advies (doorgaan, bijstellen, stoppen)",
	  "NieuwProeftuinrapport", "Proeftuinrapport", NULL, 1, "maakProeftuinrapport",
	  "Voor de procesmanager van de proeftuin. Vastgelegd worden soort, periode, datum, advies en onderbouwing, met wie "
	  "het vaststelde; de cijfers rekent het rapport bij het lezen uit de boekingen.",
	  0 },
	{ "GET", PT "/rapporten/{id}", get_report, "urenbank", "Eén rapport aan de colleges: soort, periode en advies", NULL,
	  "Proeftuinrapport", NULL, 0, "haalProeftuinrapport", NULL, 0 },
	{ "GET", PT "/rapporten/{id}/document", get_document, "urenbank",
	  "Het rapport aan de colleges om te lezen (HTML om af te drukken, Markdown of PDF als bestand)", NULL,
	  "text/html|text/markdown|application/pdf", "formaat:rapport", 0, "haalProeftuinrapportDocument",
	  "De evaluatiecijfers van de periode met de grafiek van wie bracht en wie haalde, de werkvoorraad aan het eind en "
	  "per kwartaal, de leerervaringen en bijsturing, het efficiencypotentieel als bandbreedte, en het advies: de keuze "
	  "van de procesmanager met onderbouwing, of een dienstverleningsovereenkomst nodig is (uit de saldi van de "
	  "periode) en of de cijfers een taakstelling dragen. Bij elk cijfer de lijst waar het uit komt.",
	  0 },
	{ 0 },
};
