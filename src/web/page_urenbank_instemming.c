/* /proeftuinen/{p}/instemmingen: consent where someone else's drawing
 * rights are used (urenbank.h "instemming"). The manager of an
 * opdrachtgever sees what waits for its answer — a proposal to merge, an
 * inzet on its opdracht — and accepts or refuses (with a reason); everyone
 * who may read the proeftuin sees every request and its answers; whoever
 * may end an open inzet (its staff's manager, the process manager, an
 * opdrachtgever) ends it here. Forms post back and redirect (303). */
#include <stdio.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/urenbank.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

struct view {
	int status;
	const char *error;
	long long bad; /* the request whose form failed */
	const char *bad_soort, *reden_err;
};

static void answers(struct buf *b, json_t *req)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(req, "instemmingen"), i, a) {
		if (i)
			html_raw(b, "; ");
		html_txt(b, str(a, "naam"));
		html_raw(b, ": ");
		const char *ant = str(a, "antwoord");
		html_txt(b, !strcmp(ant, "akkoord") ? "akkoord" : !strcmp(ant, "geweigerd") ? "geweigerd" : "nog geen antwoord");
		if (str(a, "reden")) {
			html_raw(b, " (");
			html_txt(b, str(a, "reden"));
			html_raw(b, ")");
		}
	}
}

static void what(struct buf *b, json_t *req)
{
	if (!strcmp(str(req, "soort"), "samenvoeging")) {
		html_raw(b, "Samenvoegen van opdracht ");
		html_int(b, num(req, "opdracht"));
		html_raw(b, " (");
		html_txt(b, str(req, "opdrachtTitel"));
		html_raw(b, ") met opdracht ");
		html_int(b, num(req, "met"));
		html_raw(b, " (");
		html_txt(b, str(req, "metTitel"));
		html_raw(b, ")");
	} else {
		html_txt(b, str(req, "medewerkerNaam"));
		html_raw(b, " (");
		html_txt(b, str(req, "organisatie"));
		html_raw(b, ") inzetten op opdracht ");
		html_int(b, num(req, "opdracht"));
		html_raw(b, " (");
		html_txt(b, str(req, "opdrachtTitel"));
		html_raw(b, ") voor ");
		page_urenbank_hours(b, num(req, "minuten"));
	}
}

static void answer_form(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *req, const struct view *v)
{
	char id[32];
	snprintf(id, sizeof(id), "%lld", num(req, "id"));
	int bad = v && v->bad == num(req, "id") && v->bad_soort && !strcmp(v->bad_soort, str(req, "soort"));
	html_raw(b, "<form class=\"samen-ub-form\" method=\"post\" action=\"");
	page_urenbank_href(b, pg, "/instemmingen/");
	html_url_segment(b, str(req, "soort"));
	html_raw(b, "/");
	html_raw(b, id);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	char fid[64];
	snprintf(fid, sizeof(fid), "reden-%s-%s", str(req, "soort"), id);
	page_input_field(b, &(struct page_input){ .id = fid,
						  .name = "reden",
						  .label = "Reden (verplicht bij weigeren)",
						  .type = "text",
						  .value = "",
						  .error = bad ? v->reden_err : NULL });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\" name=\"antwoord\" "
		    "value=\"akkoord\">Akkoord</button> <button class=\"utrecht-button utrecht-button--secondary-action\" "
		    "type=\"submit\" name=\"antwoord\" value=\"weigeren\">Weigeren</button></form>");
}

static void list(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *reqs, int with_forms,
		 const struct view *v, const char *caption)
{
	static const char *const head[] = { "Verzoek", "Gevraagd door", "Stand", "Antwoorden", NULL };
	page_table_begin(b, caption, "samen-table--wide");
	page_table_head(b, head);
	size_t i;
	json_t *r;
	json_array_foreach(reqs, i, r) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
		what(b, r);
		if (with_forms)
			answer_form(rq, b, pg, r, v);
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, str(r, "door"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, str(r, "status"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		answers(b, r);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

/* Open inzet the actor may end, with a form each: a page of INZET_PAGE at a
 * time (?inzetPagina), for a national proeftuin has tens of thousands. */
#define INZET_PAGE 50

/* The address of page `to` of the open inzet. */
static void inzet_href(struct buf *b, long long to, const void *ctx)
{
	char rest[80];
	snprintf(rest, sizeof(rest), "/instemmingen?inzetPagina=%lld#kop-inzet", to);
	page_urenbank_href(b, ctx, rest);
}

static void inzet_pager(struct buf *b, const struct page_urenbank_page *pg, long long page, long long total)
{
	long long last = total > 0 ? (total + INZET_PAGE - 1) / INZET_PAGE : 1;
	html_raw(b, "<p class=\"utrecht-paragraph\">Inzet ");
	html_int_grouped(b, (page - 1) * INZET_PAGE + 1);
	html_raw(b, " tot en met ");
	html_int_grouped(b, page * INZET_PAGE < total ? page * INZET_PAGE : total);
	html_raw(b, " van ");
	html_int_grouped(b, total);
	html_raw(b, ".</p>");
	page_listing_pager_ends(b, "Bladeren door de lopende inzet", page, last, inzet_href, pg);
}

static void open_inzet(struct request *rq, struct buf *b, const struct page_urenbank_page *pg)
{
	/* Whoever may act for every member sees all; anyone else what concerns
	 * its own organisation (its staff, its opdrachten). */
	json_t *leden = json_object_get(pg->pt, "leden"), *l;
	size_t i, k, j;
	int all = 1;
	json_array_foreach(leden, i, l)
		all &= page_urenbank_may(rq, pg, ACT_STAFFING, json_string_value(l)) ||
		       page_urenbank_may(rq, pg, ACT_CONSENT, json_string_value(l));
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	if (!all && !own)
		return;
	long long page = 1, total = 0;
	const char *q = req_query(rq, "inzetPagina");
	if (q && (http_parse_id(q, &page) < 0 || page > 1000000))
		page = 1;
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_open_inzet(rq->store, pg->code, all ? NULL : own, 0, (page - 1) * INZET_PAGE, INZET_PAGE, &list, &total, &p) < 0)
		return;
	int any = 0;
	json_t *z, *g;
	json_array_foreach(list, k, z) {
		json_t *o = json_object_get(z, "opdracht");
		int may = page_urenbank_may(rq, pg, ACT_STAFFING, str(z, "organisatie"));
		json_array_foreach(json_object_get(o, "opdrachtgevers"), j, g)
			may |= page_urenbank_may(rq, pg, ACT_CONSENT, str(g, "organisatie"));
		if (!may)
			continue;
		if (!any++)
			html_raw(b, "<section aria-labelledby=\"kop-inzet\"><h2 class=\"utrecht-heading-2\" id=\"kop-inzet\">"
				    "Lopende inzet beëindigen</h2><p class=\"utrecht-paragraph\">Wat een inzet nog vastlegt, "
				    "komt "
				    "vrij voor de opdrachtgevers.</p><ul class=\"utrecht-unordered-list\">");
		char id[32], fid[48];
		snprintf(id, sizeof(id), "%lld", num(z, "id"));
		snprintf(fid, sizeof(fid), "reden-inzet-%lld", num(z, "id"));
		html_list_item(b);
		html_txt(b, str(z, "medewerkerNaam"));
		html_raw(b, " op ");
		html_txt(b, str(o, "titel"));
		html_raw(b, " (");
		page_urenbank_hours(b, num(z, "minuten"));
		html_raw(b, ")<form class=\"samen-ub-form\" method=\"post\" action=\"");
		page_urenbank_href(b, pg, "/inzet/");
		html_raw(b, id);
		html_raw(b, "/beeindigen\">");
		html_csrf_field(rq, b);
		page_input_field(b, &(struct page_input){ .id = fid,
							  .name = "reden",
							  .label = "Reden",
							  .type = "text",
							  .value = "",
							  .required = 1 });
		html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Inzet "
			    "beëindigen</button></form></li>");
	}
	if (any) {
		html_raw(b, "</ul>");
		inzet_pager(b, pg, page, total);
		html_raw(b, "</section>");
	}
	json_decref(list);
}

static int render(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const struct view *v)
{
	page_urenbank_begin(rq, rs, pg, "Instemming", "instemming");
	if (v && v->status)
		rs->status = v->status;
	struct buf *b = &rs->body;
	const char *done = req_query(rq, "gelukt");
	if (v && v->error)
		page_alert(b, v->error);
	else if (done && !strcmp(done, "akkoord"))
		page_urenbank_note(b,
				   "Uw instemming is vastgelegd. Zodra alle opdrachtgevers akkoord zijn, gaat het verzoek in.");
	else if (done && !strcmp(done, "weigeren"))
		page_urenbank_note(b, "Uw weigering is vastgelegd; het verzoek gaat niet door.");
	else if (done && !strcmp(done, "beeindigd"))
		page_urenbank_note(b, "De inzet is beëindigd; wat hij nog vastlegde, is vrijgegeven.");
	html_raw(b, "<p class=\"utrecht-paragraph\">Samenvoegen van opdrachten en inzet op de opdracht van een andere "
		    "organisatie gebruiken de trekkingsrechten van de opdrachtgevers. Daarom gaan ze pas in als elke "
		    "opdrachtgever akkoord is (\"met instemming van betrokken bestuurders\").</p>");
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	struct problem p;
	problem_init(&p);
	if (own && page_urenbank_may(rq, pg, ACT_CONSENT, own)) {
		json_t *mine = NULL;
		if (urenbank_consent_list(rq->store, pg->code, own, &mine, &p) == 0) {
			html_raw(b, "<section aria-labelledby=\"kop-wacht\"><h2 class=\"utrecht-heading-2\" id=\"kop-wacht\">"
				    "Wacht op uw antwoord</h2>");
			if (json_array_size(mine))
				list(rq, b, pg, mine, 1, v, "Verzoeken die op het antwoord van uw organisatie wachten");
			else
				html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er wacht niets op uw antwoord.</p>");
			html_raw(b, "</section>");
		}
		json_decref(mine);
	}
	open_inzet(rq, b, pg);
	json_t *all = NULL;
	problem_init(&p);
	if (urenbank_consent_list(rq->store, pg->code, NULL, &all, &p) == 0) {
		html_raw(b, "<section aria-labelledby=\"kop-alle\"><h2 class=\"utrecht-heading-2\" id=\"kop-alle\">Alle "
			    "verzoeken</h2>");
		if (json_array_size(all))
			list(rq, b, pg, all, 0, NULL, "Verzoeken tot samenvoegen en inzet, met de antwoorden");
		else
			html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er zijn nog geen verzoeken.</p>");
		html_raw(b, "</section>");
	}
	json_decref(all);
	page_end(rq, rs);
	return 0;
}

int page_urenbank_instemming(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	render(rq, rs, &pg, NULL);
	page_urenbank_page_release(&pg);
	return 0;
}

static void see(struct response *rs, const struct page_urenbank_page *pg, const char *what)
{
	struct buf loc;
	buf_init(&loc, 512);
	page_urenbank_href(&loc, pg, "/instemmingen?gelukt=");
	buf_adds(&loc, what);
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
	buf_release(&loc);
}

int page_urenbank_instemming_post(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	const char *soort = req_param(rq, "soort"), *own = rq->actor.org[0] ? rq->actor.org : NULL;
	long long id;
	if ((strcmp(soort, "samenvoeging") && strcmp(soort, "inzet")) || http_parse_id(req_param(rq, "id"), &id) < 0) {
		page_error(rq, rs, 404, "Dit verzoek bestaat niet in deze proeftuin.");
		page_urenbank_page_release(&pg);
		return 0;
	}
	if (!own || !page_urenbank_may(rq, &pg, ACT_CONSENT, own)) {
		authz_require_page(rq, rs, ACT_CONSENT, own);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct view v = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render(rq, rs, &pg, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	const char *antwoord = form_get(&f, "antwoord"), *reden = form_get(&f, "reden");
	int yes = antwoord && !strcmp(antwoord, "akkoord");
	json_t *in = json_object(), *out = NULL;
	if (reden && reden[strspn(reden, " \t\r\n")])
		json_object_set_new(in, "reden", json_string(reden));
	struct problem p;
	problem_init(&p);
	int r = urenbank_consent_answer(rq->store, &rq->actor, pg.code, soort, id, own, yes, in, &out, &p);
	char object[160];
	snprintf(object, sizeof(object), "%s %s %lld %s", pg.code, soort, id, own);
	authz_audit(rq, ACT_CONSENT, r < 0 ? p.status : 200, object);
	if (r < 0) {
		v.status = p.status ? p.status : 500;
		v.bad = id, v.bad_soort = soort;
		if (p.nparams && !strcmp(p.params[0].name, "reden"))
			v.reden_err = "Geef een reden: de aanvrager moet weten waarom u weigert.";
		v.error = v.reden_err ? "Niet geweigerd: geef een reden." : p.detail;
		render(rq, rs, &pg, &v);
	} else {
		see(rs, &pg, yes ? "akkoord" : "weigeren");
	}
	json_decref(in), json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_inzet_end(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	long long id;
	char provider[40];
	json_t *principals = NULL;
	struct problem p;
	problem_init(&p);
	if (http_parse_id(req_param(rq, "id"), &id) < 0 ||
	    urenbank_inzet_parties(rq->store, pg.code, id, provider, sizeof(provider), &principals, &p) < 0) {
		page_error(rq, rs, 404, "Deze inzet bestaat niet in deze proeftuin.");
		page_urenbank_page_release(&pg);
		return 0;
	}
	int may = page_urenbank_may(rq, &pg, ACT_STAFFING, provider);
	size_t i;
	json_t *x;
	json_array_foreach(principals, i, x)
		may |= page_urenbank_may(rq, &pg, ACT_CONSENT, json_string_value(x));
	json_decref(principals);
	if (!may) {
		authz_require_page(rq, rs, ACT_STAFFING, provider);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct view v = { 0 };
	const char *reden = NULL;
	if (form_is_urlencoded(rq) && form_parse(&f, rq->body, rq->body_len) == 0)
		reden = form_get(&f, "reden");
	json_t *in = json_object(), *out = NULL;
	if (reden && reden[strspn(reden, " \t\r\n")])
		json_object_set_new(in, "reden", json_string(reden));
	int r = urenbank_inzet_end(rq->store, &rq->actor, pg.code, id, in, &out, &p);
	char object[120];
	snprintf(object, sizeof(object), "%s inzet %lld", pg.code, id);
	authz_audit(rq, ACT_STAFFING, r < 0 ? p.status : 200, object);
	if (r < 0) {
		v.status = p.status ? p.status : 500;
		v.error = p.nparams ? "Niet beëindigd: geef een reden." : p.detail;
		render(rq, rs, &pg, &v);
	} else {
		see(rs, &pg, "beeindigd");
	}
	json_decref(in), json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}
