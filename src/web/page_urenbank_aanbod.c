/* /proeftuinen/{p}/aanbod: offers as well as requests (store
 * urenbank_aanbod.h, docs/urenbank.md "Aanbod"). Everyone signed in sees
 * what the members offer and what is left of it; a member's manager (or the
 * process manager) offers a medewerker or a competence; whoever may staff
 * the offering organisation, or a manager of an opdrachtgever, puts an offer
 * on an opdracht — asked of the other opdrachtgevers first, as every inzet —
 * and the offering organisation withdraws it. Who may is the API's
 * (policy.c: inzetten, instemmen). Forms post back and redirect (303); a
 * refusal comes back on this page with what was typed (page_form.h). */
#include <stdio.h>
#include <string.h>
#include "core/duration.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/medewerkers.h"
#include "store/urenbank.h"
#include "store/urenbank_aanbod.h"
#include "web/page_form.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

static const struct page_form_field offer_fields[] = { { "organisatie", "aanbod-organisatie", "Organisatie" },
						       { "medewerker", "aanbod-medewerker", "Medewerker" },
						       { "competentie", "aanbod-competentie", "Of een competentie" },
						       { "minuten", "aanbod-uren", "Uren" },
						       { "van", "aanbod-van", "Van" },
						       { "tot", "aanbod-tot", "Tot en met" },
						       { "toelichting", "aanbod-toelichting", "Toelichting" },
						       { NULL, NULL, NULL } };

static const char *own(struct request *rq) { return rq->actor.org[0] ? rq->actor.org : NULL; }

/* Who may offer for the own organisation (a member's manager), or for any
 * member (the process manager, the beheerder). */
static int may_offer_own(struct request *rq, const struct page_urenbank_page *pg)
{
	return pg->member && page_urenbank_may(rq, pg, ACT_STAFFING, own(rq));
}
static int may_offer_any(struct request *rq, const struct page_urenbank_page *pg)
{
	return rq->actor.role == ROLE_BEHEERDER || rq->actor.role == ROLE_PROCESMANAGER
		       ? page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL)
		       : 0;
}
/* Whether the actor could put offer o on some opdracht: it may staff the
 * offering organisation, or consent for its own (a possible opdrachtgever). */
static int may_convert(struct request *rq, const struct page_urenbank_page *pg, json_t *o)
{
	return page_urenbank_may(rq, pg, ACT_STAFFING, str(o, "organisatie")) ||
	       (pg->member && page_urenbank_may(rq, pg, ACT_CONSENT, own(rq)));
}

static void what(struct buf *b, json_t *o)
{
	if (str(o, "medewerkerNaam"))
		html_txt(b, str(o, "medewerkerNaam"));
	else {
		html_raw(b, "Competentie ");
		html_txt(b, str(o, "competentieNaam"));
	}
}

static const char *state_word(const char *s)
{
	return !strcmp(s, "open")          ? "open"
	       : !strcmp(s, "verlopen")    ? "verlopen"
	       : !strcmp(s, "ingetrokken") ? "ingetrokken"
					   : "opgebruikt";
}

/* Staff of org (NULL: of every member) as {id,label} (a new array): at
 * most PAGE_URENBANK_CHOICES, narrowed by the search medewerker-zoek
 * (*total: the matches up to one more). */
static json_t *staff_of(struct request *rq, const struct page_urenbank_page *pg, const char *org, long long *total)
{
	json_t *out = json_array(), *list = NULL;
	struct problem p;
	problem_init(&p);
	const struct urenbank_choice c = { .org = org,
					   .zoek = page_urenbank_search_value(rq, "medewerker-zoek"),
					   .limit = PAGE_URENBANK_CHOICES };
	long long n = 0;
	if (total)
		*total = 0;
	if (urenbank_staff_choices(rq->store, pg->code, &c, &list, total ? total : &n, &p) < 0)
		return out;
	json_t *names = page_urenbank_org_names(rq);
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		char label[400];
		snprintf(label, sizeof(label), "%s%s%s (%s)", str(m, "naam"), str(m, "functie") ? ", " : "",
			 str(m, "functie") ? str(m, "functie") : "", page_name(names, str(m, "organisatie")));
		json_array_append_new(out, json_pack("{s:I,s:s}", "id", (json_int_t)num(m, "id"), "label", label));
	}
	json_decref(names);
	json_decref(list);
	return out;
}

/* The search for the staff selects, when they hold fewer than there are. */
static void staff_search(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, long long total)
{
	char self[200];
	snprintf(self, sizeof(self), "/proeftuinen/%s/aanbod", pg->code);
	const struct page_urenbank_search search[] = { { "medewerker-zoek", "Zoek een medewerker (naam of functie)",
							 page_urenbank_search_value(rq, "medewerker-zoek"), PAGE_URENBANK_CHOICES,
							 total },
						       { NULL, NULL, NULL, 0, 0 } };
	page_urenbank_choice_search(b, self, search);
}

static void offer_form(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, const struct page_form *pf,
		       json_t *names, json_t *comps)
{
	int any = may_offer_any(rq, pg);
	html_raw(b, "<section aria-labelledby=\"kop-aanbieden\"><h2 class=\"utrecht-heading-2\" id=\"kop-aanbieden\">Aanbod "
		    "doen</h2><p class=\"utrecht-paragraph\">Bied een medewerker aan, of uren van een competentie; niet "
		    "allebei. De periode valt binnen de looptijd van de proeftuin.</p>");
	char action[200];
	snprintf(action, sizeof(action), "/proeftuinen/%s/aanbod", pg->code);
	long long total = 0;
	json_t *staff = staff_of(rq, pg, any ? NULL : own(rq), &total);
	staff_search(rq, b, pg, total);
	page_form_begin(rq, b, action, "aanbod", "samen-formulier");
	if (any) {
		json_t *orgs = json_array();
		size_t i;
		json_t *l;
		json_array_foreach(json_object_get(pg->pt, "leden"), i, l) {
			const char *naam = str(names, json_string_value(l));
			json_array_append_new(orgs, json_pack("{s:s,s:s}", "code", json_string_value(l), "naam",
							      naam ? naam : json_string_value(l)));
		}
		page_select_json(b,
				 &(struct page_input){ .id = "aanbod-organisatie",
						       .name = "organisatie",
						       .label = "Organisatie",
						       .value = page_form_value(pf, "aanbod", "organisatie", NULL),
						       .error = page_form_error(pf, "aanbod-organisatie"),
						       .required = 1 },
				 orgs, "code", "naam", "Kies de organisatie die aanbiedt");
		json_decref(orgs);
	}
	page_select_json(b,
			 &(struct page_input){ .id = "aanbod-medewerker",
					       .name = "medewerker",
					       .label = "Medewerker",
					       .hint = "Wie de organisatie kan missen.",
					       .value = page_form_value(pf, "aanbod", "medewerker", NULL),
					       .error = page_form_error(pf, "aanbod-medewerker") },
			 staff, "id", "label", "Geen medewerker: een competentie");
	json_decref(staff);
	page_select_json(b,
			 &(struct page_input){ .id = "aanbod-competentie",
					       .name = "competentie",
					       .label = "Of een competentie",
					       .hint = "Uren van wie de competentie heeft, zonder een naam te noemen.",
					       .value = page_form_value(pf, "aanbod", "competentie", NULL),
					       .error = page_form_error(pf, "aanbod-competentie") },
			 comps, "code", "naam", "Geen competentie: een medewerker");
	page_input_field(b, &(struct page_input){ .id = "aanbod-uren",
						  .name = "uren",
						  .label = "Uren",
						  .type = "text",
						  .hint = "Hoeveel uur in de periode: 40, 7,5 of 7:30.",
						  .value = page_form_value(pf, "aanbod", "uren", ""),
						  .error = page_form_error(pf, "aanbod-uren"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "aanbod-van",
						  .name = "van",
						  .label = "Van",
						  .type = "date",
						  .value = page_form_value(pf, "aanbod", "van", str(pg->pt, "van")),
						  .error = page_form_error(pf, "aanbod-van"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "aanbod-tot",
						  .name = "tot",
						  .label = "Tot en met",
						  .type = "date",
						  .value = page_form_value(pf, "aanbod", "tot", str(pg->pt, "tot")),
						  .error = page_form_error(pf, "aanbod-tot"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "aanbod-toelichting",
						  .name = "toelichting",
						  .label = "Toelichting (niet verplicht)",
						  .type = "textarea",
						  .value = page_form_value(pf, "aanbod", "toelichting", ""),
						  .error = page_form_error(pf, "aanbod-toelichting") });
	html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Aanbieden</button></div></form></section>");
}

/* The forms of one open offer: put it on an opdracht (the form only for the
 * offer in focus, which asked for it or was refused; the others link to it,
 * since its selects of up to PAGE_URENBANK_CHOICES opdrachten and staff
 * would be drawn for every offer), withdraw it. */
static void offer_actions(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, const struct page_form *pf,
			  json_t *o, json_t *opdrachten, int focus, long long pagina)
{
	long long id = num(o, "id");
	char which[40], fid[3][64], action[200];
	snprintf(which, sizeof(which), "inzet-%lld", id);
	snprintf(fid[0], sizeof(fid[0]), "inzet-%lld-opdracht", id);
	snprintf(fid[1], sizeof(fid[1]), "inzet-%lld-medewerker", id);
	snprintf(fid[2], sizeof(fid[2]), "inzet-%lld-uren", id);
	html_raw(b, "<section class=\"samen-aanbod\" aria-labelledby=\"kop-aanbod-");
	html_int(b, id);
	html_raw(b, "\"><h3 class=\"utrecht-heading-3\" id=\"kop-aanbod-");
	html_int(b, id);
	html_raw(b, "\">");
	what(b, o);
	html_raw(b, " van ");
	html_txt(b, str(o, "organisatieNaam"));
	html_raw(b, ": nog ");
	page_urenbank_hours(b, num(o, "overMinuten"));
	html_raw(b, "</h3>");
	if (may_convert(rq, pg, o) && !focus) {
		html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
		char href[240], page_part[40] = "";
		if (pagina > 1)
			snprintf(page_part, sizeof(page_part), "&pagina=%lld", pagina);
		snprintf(href, sizeof(href), "/proeftuinen/%s/aanbod?inzetten=%lld%s#kop-aanbod-%lld", pg->code, id, page_part, id);
		html_attr(b, href);
		html_raw(b, "\">Op een opdracht inzetten</a></p>");
	} else if (may_convert(rq, pg, o) && json_array_size(opdrachten)) {
		snprintf(action, sizeof(action), "/proeftuinen/%s/aanbod/%lld/inzet", pg->code, id);
		page_form_begin(rq, b, action, which, "samen-formulier");
		page_select_json(b,
				 &(struct page_input){ .id = fid[0],
						       .name = "opdracht",
						       .label = "Op opdracht",
						       .value = page_form_value(pf, which, "opdracht", NULL),
						       .error = page_form_error(pf, fid[0]),
						       .required = 1 },
				 opdrachten, "id", "titel", "Kies een opdracht");
		if (!json_is_integer(json_object_get(o, "medewerker"))) {
			json_t *staff = staff_of(rq, pg, str(o, "organisatie"), NULL);
			page_select_json(b,
					 &(struct page_input){ .id = fid[1],
							       .name = "medewerker",
							       .label = "Wie",
							       .hint = "Een medewerker van de aanbieder met deze competentie.",
							       .value = page_form_value(pf, which, "medewerker", NULL),
							       .error = page_form_error(pf, fid[1]),
							       .required = 1 },
					 staff, "id", "label", "Kies een medewerker");
			json_decref(staff);
		}
		page_input_field(b, &(struct page_input){ .id = fid[2],
							  .name = "uren",
							  .label = "Uren",
							  .type = "text",
							  .hint = "Hoogstens wat er over is: 40, 7,5 of 7:30.",
							  .value = page_form_value(pf, which, "uren", ""),
							  .error = page_form_error(pf, fid[2]),
							  .required = 1 });
		html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
			    "type=\"submit\">Inzetten</button></div></form>");
	}
	if (page_urenbank_may(rq, pg, ACT_STAFFING, str(o, "organisatie"))) {
		snprintf(action, sizeof(action), "/proeftuinen/%s/aanbod/%lld/intrekken", pg->code, id);
		page_form_begin(rq, b, action, NULL, "samen-formulier samen-formulier--klein");
		html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Aanbod "
			    "intrekken</button></form>");
	}
	html_raw(b, "</section>");
}

static void offers_table(struct buf *b, json_t *list, size_t from, size_t to)
{
	static const char *const head[] = {
		"Wie of wat", "Aanbieder", "Periode", "#Aangeboden", "#Over", "Stand", "Ingezet", NULL
	};
	page_table_begin(b, "Aanbod in deze proeftuin, nieuwste eerst", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *o;
	for (i = from; i < to && (o = json_array_get(list, i)); i++) {
		html_raw(b, "<tr class=\"utrecht-table__row\" id=\"aanbod-");
		html_int(b, num(o, "id"));
		html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		what(b, o);
		if (str(o, "toelichting")) {
			html_raw(b, "<br><span class=\"samen-muted\">");
			html_txt(b, str(o, "toelichting"));
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, str(o, "organisatieNaam"));
		html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
		html_date(b, str(o, "van"));
		html_raw(b, " – ");
		html_date(b, str(o, "tot"));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, num(o, "minuten"));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, num(o, "overMinuten"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, state_word(str(o, "status")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *zs = json_object_get(o, "omzettingen");
		if (!json_array_size(zs))
			html_raw(b, "—");
		size_t k;
		json_t *z;
		json_array_foreach(zs, k, z) {
			html_raw(b, k ? "<br>" : "");
			page_urenbank_hours(b, num(z, "minuten"));
			html_raw(b, " ");
			html_txt(b, str(z, "medewerkerNaam"));
			html_raw(b, " op ");
			html_txt(b, str(z, "opdrachtTitel"));
			const char *vs = str(z, "verzoekStatus");
			if (vs && strcmp(vs, "aanvaard")) {
				html_raw(b, " (");
				html_txt(b, !strcmp(vs, "gevraagd") ? "instemming gevraagd" : vs);
				html_raw(b, ")");
			}
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

static const char *done_note(const char *gedaan)
{
	if (!gedaan)
		return NULL;
	return !strcmp(gedaan, "aangeboden")    ? "Het aanbod staat klaar voor het netwerk."
	       : !strcmp(gedaan, "ingetrokken") ? "Het aanbod is ingetrokken; wat al was ingezet, blijft staan."
	       : !strcmp(gedaan, "ingezet")     ? "De medewerker is ingezet op de opdracht."
	       : !strcmp(gedaan, "gevraagd") ? "De opdrachtgevers is om instemming gevraagd; de uren van het aanbod zijn zolang "
					       "gereserveerd."
					     : NULL;
}

/* The offer whose conversion form is drawn: ?inzetten=ID, or the one whose
 * form was refused (0: none). */
static long long offer_in_focus(struct request *rq, const struct page_form *pf, json_t *list)
{
	long long id = 0;
	const char *q = req_query(rq, "inzetten");
	if (q && http_parse_id(q, &id) == 0)
		return id;
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		char which[40];
		snprintf(which, sizeof(which), "inzet-%lld", num(o, "id"));
		if (page_form_is(pf, which))
			return num(o, "id");
	}
	return 0;
}

static void page_href(struct buf *b, long long to, const void *ctx)
{
	char href[200];
	snprintf(href, sizeof(href), "/proeftuinen/%s/aanbod%s", (const char *)ctx, to > 1 ? "?pagina=" : "");
	html_attr(b, href);
	if (to > 1)
		html_int(b, to);
}

int page_urenbank_aanbod(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *list = NULL;
	if (urenbank_aanbod_list(rq->store, pg.code, NULL, NULL, &list, &p) < 0) {
		page_error(rq, rs, p.status, p.detail);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct page_form pf;
	page_form_load(rq, &pf);
	page_urenbank_begin(rq, rs, &pg, "Aanbod", "aanbod");
	struct buf *b = &rs->body;
	const char *note = done_note(req_query(rq, "gedaan"));
	if (note)
		page_urenbank_note(b, note);
	html_raw(b,
		 "<p class=\"utrecht-paragraph\">Niet alleen vragen, ook aanbieden: wat een gemeente aan capaciteit of "
		 "expertise kan missen, met de uren en de periode. De matching zet aangeboden uren eerst in; een opdrachtgever "
		 "of de aanbieder zet een aanbod om in inzet, met instemming van de opdrachtgevers wier trekkingsrechten het "
		 "gebruikt.</p>");
	/* The offers a page at a time (PAGE_LISTING_SIZE), newest first; the
	 * page of the offer in focus when none is asked. */
	size_t total = json_array_size(list), from, to;
	long long focus = offer_in_focus(rq, &pf, list), pagina = 0, last = total ? (long long)((total + PAGE_LISTING_SIZE - 1) / PAGE_LISTING_SIZE) : 1;
	const char *pq = req_query(rq, "pagina");
	if (pq && http_parse_id(pq, &pagina) < 0)
		pagina = 0;
	for (size_t k = 0; !pagina && focus && k < total; k++)
		if (num(json_array_get(list, k), "id") == focus)
			pagina = (long long)(k / PAGE_LISTING_SIZE) + 1;
	if (pagina < 1)
		pagina = 1;
	if (pagina > last)
		pagina = last;
	from = (size_t)(pagina - 1) * PAGE_LISTING_SIZE;
	to = from + PAGE_LISTING_SIZE < total ? from + PAGE_LISTING_SIZE : total;
	if (!total) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog niets aangeboden.</p>");
	} else {
		if (total > PAGE_LISTING_SIZE) {
			html_raw(b, "<p class=\"utrecht-paragraph samen-listing-count\">Aanbod ");
			html_int_grouped(b, (long long)from + 1);
			html_raw(b, " tot en met ");
			html_int_grouped(b, (long long)to);
			html_raw(b, " van ");
			html_int_grouped(b, (long long)total);
			html_raw(b, ".</p>");
		}
		offers_table(b, list, from, to);
		page_listing_pager(b, "Pagina's aanbod", "Vorige", "Volgende", pagina, last, page_href, pg.code);
	}
	/* The forms of the open offers on this page the actor can act on; the
	 * open opdrachten to choose from read once, when an offer is in focus. */
	json_t *opdrachten = NULL;
	int heading = 0;
	size_t i;
	json_t *o;
	for (i = from; i < to && (o = json_array_get(list, i)); i++) {
		if (pg.closed || strcmp(str(o, "status"), "open") ||
		    !(may_convert(rq, &pg, o) || page_urenbank_may(rq, &pg, ACT_STAFFING, str(o, "organisatie"))))
			continue;
		int here = num(o, "id") == focus;
		if (!heading++)
			html_raw(b, "<section aria-labelledby=\"kop-inzetten\"><h2 class=\"utrecht-heading-2\" "
				    "id=\"kop-inzetten\">Aanbod inzetten of intrekken</h2>");
		if (here && !opdrachten) {
			const struct urenbank_choice c = { .zoek = page_urenbank_search_value(rq, "opdracht-zoek"),
							   .limit = PAGE_URENBANK_CHOICES };
			long long n_opdrachten = 0;
			if (urenbank_opdracht_choices(rq->store, pg.code, &c, &opdrachten, &n_opdrachten, &p) < 0)
				opdrachten = json_array();
			/* The search narrows the selects of the offer in focus, which it keeps. */
			char self[200], keep[24];
			snprintf(self, sizeof(self), "/proeftuinen/%s/aanbod", pg.code);
			snprintf(keep, sizeof(keep), "%lld", focus);
			const struct page_urenbank_search search[] = {
				{ "opdracht-zoek", "Zoek een opdracht (titel, omschrijving of contactpersoon)", c.zoek,
				  PAGE_URENBANK_CHOICES, n_opdrachten },
				{ NULL, NULL, NULL, 0, 0 }
			};
			page_urenbank_choice_search_keep(b, self, search, "inzetten", keep);
		}
		offer_actions(rq, b, &pg, &pf, o, opdrachten, here, pagina);
	}
	if (heading)
		html_raw(b, "</section>");
	json_decref(opdrachten);
	if (!pg.closed && (may_offer_own(rq, &pg) || may_offer_any(rq, &pg))) {
		json_t *names = page_urenbank_org_names(rq), *comps = page_urenbank_competences(rq, &pg);
		offer_form(rq, b, &pg, &pf, names, comps);
		json_decref(names);
		json_decref(comps);
	}
	page_end(rq, rs);
	page_form_release(&pf);
	json_decref(list);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- the forms ------------------------------------------------------------------------------------- */

struct post_ctx {
	struct page_urenbank_page pg;
	struct form f;
	char back[200];
	long long id;
};

static int post_begin(struct request *rq, struct response *rs, struct post_ctx *c, int with_id)
{
	memset(c, 0, sizeof(*c));
	if (page_urenbank_page_load(rq, rs, &c->pg) < 0)
		return -1;
	snprintf(c->back, sizeof(c->back), "/proeftuinen/%s/aanbod", c->pg.code);
	if ((with_id && http_parse_id(req_param(rq, "id"), &c->id) < 0) || !form_is_urlencoded(rq) ||
	    form_parse(&c->f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		page_urenbank_page_release(&c->pg);
		return -1;
	}
	return 0;
}

static void post_end(struct post_ctx *c)
{
	form_release(&c->f);
	page_urenbank_page_release(&c->pg);
}

static void see(struct response *rs, const char *back, const char *gedaan, long long id)
{
	char href[300];
	snprintf(href, sizeof(href), "%s?gedaan=%s#aanbod-%lld", back, gedaan, id);
	resp_header(rs, "Location", href);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
}

static void refuse_policy(struct request *rq, struct response *rs, struct post_ctx *c, const char *org,
			  const struct page_form_field *fields)
{
	struct problem p;
	problem_init(&p);
	problem_set(&p, 403, "Dat mag niet.");
	authz_refusal(rq, org, p.detail, sizeof(p.detail));
	page_form_refuse(rq, rs, c->back, &c->f, &p, fields);
	authz_audit(rq, ACT_STAFFING, 403, c->pg.code);
}

/* The form's hours as minutes into in (param minuten), or a problem. */
static void read_hours(const struct form *f, json_t *in, struct problem *p)
{
	const char *u = form_get(f, "uren");
	int64_t minutes = 0;
	char why[160];
	if (!u || !u[strspn(u, " ")])
		problem_param(p, "minuten", "vul in hoeveel uur, bijvoorbeeld 40");
	else if (duration_parse_hours(u, &minutes, why, sizeof(why)) < 0)
		problem_param(p, "minuten", "schrijf een aantal uren, bijvoorbeeld 40, 7,5 of 7:30");
	else
		json_object_set_new(in, "minuten", json_integer(minutes));
}

static void read_id(const struct form *f, const char *name, json_t *in)
{
	const char *v = form_get(f, name);
	long long id;
	if (v && v[0] && http_parse_id(v, &id) == 0)
		json_object_set_new(in, name, json_integer(id));
}

int page_urenbank_aanbod_create(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c, 0) < 0)
		return 0;
	const char *org = form_get(&c.f, "organisatie");
	if (!org || !org[0])
		org = own(rq);
	if (!page_urenbank_may(rq, &c.pg, ACT_STAFFING, org)) {
		refuse_policy(rq, rs, &c, org, offer_fields);
		post_end(&c);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *in = json_object(), *out = NULL;
	read_id(&c.f, "medewerker", in);
	const char *names[] = { "competentie", "van", "tot", "toelichting" };
	for (int k = 0; k < 4; k++) {
		const char *v = form_get(&c.f, names[k]);
		if (v && v[0])
			json_object_set_new(in, names[k], json_string(v));
	}
	read_hours(&c.f, in, &p);
	int r = p.status ? -p.status : urenbank_aanbod_create(rq->store, &rq->actor, c.pg.code, org, in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_STAFFING, r < 0 ? p.status : 201, c.pg.code);
	if (r < 0)
		page_form_refuse(rq, rs, c.back, &c.f, &p, offer_fields);
	else
		see(rs, c.back, "aangeboden", num(out, "id"));
	json_decref(out);
	post_end(&c);
	return 0;
}

int page_urenbank_aanbod_withdraw(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c, 1) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	char org[40];
	if (urenbank_aanbod_org(rq->store, c.pg.code, c.id, org, sizeof(org), &p) < 0) {
		page_error(rq, rs, p.status, p.detail);
	} else if (!page_urenbank_may(rq, &c.pg, ACT_STAFFING, org)) {
		refuse_policy(rq, rs, &c, org, NULL);
	} else {
		json_t *out = NULL;
		int r = urenbank_aanbod_withdraw(rq->store, &rq->actor, c.pg.code, c.id, &out, &p);
		authz_audit(rq, ACT_STAFFING, r < 0 ? p.status : 200, c.pg.code);
		if (r < 0)
			page_form_refuse(rq, rs, c.back, &c.f, &p, NULL);
		else
			see(rs, c.back, "ingetrokken", c.id);
		json_decref(out);
	}
	post_end(&c);
	return 0;
}

int page_urenbank_aanbod_convert(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c, 1) < 0)
		return 0;
	char fid[3][64], org[40];
	snprintf(fid[0], sizeof(fid[0]), "inzet-%lld-opdracht", c.id);
	snprintf(fid[1], sizeof(fid[1]), "inzet-%lld-medewerker", c.id);
	snprintf(fid[2], sizeof(fid[2]), "inzet-%lld-uren", c.id);
	const struct page_form_field fields[] = { { "opdracht", fid[0], "Op opdracht" },
						  { "medewerker", fid[1], "Wie" },
						  { "minuten", fid[2], "Uren" },
						  { NULL, NULL, NULL } };
	struct problem p;
	problem_init(&p);
	if (urenbank_aanbod_org(rq->store, c.pg.code, c.id, org, sizeof(org), &p) < 0) {
		page_error(rq, rs, p.status, p.detail);
		post_end(&c);
		return 0;
	}
	json_t *in = json_object(), *yes = json_array(), *principals = NULL, *out = NULL;
	read_id(&c.f, "opdracht", in);
	read_id(&c.f, "medewerker", in);
	read_hours(&c.f, in, &p);
	/* The opdrachtgevers the actor consents for (as the API). */
	struct problem q;
	problem_init(&q);
	json_t *op = json_object_get(in, "opdracht");
	if (op && urenbank_opdracht_principals(rq->store, c.pg.code, json_integer_value(op), &principals, &q) == 0) {
		size_t i;
		json_t *x;
		json_array_foreach(principals, i, x)
			if (page_urenbank_may(rq, &c.pg, ACT_CONSENT, json_string_value(x)))
				json_array_append(yes, x);
	}
	json_decref(principals);
	if (!page_urenbank_may(rq, &c.pg, ACT_STAFFING, org) && !json_array_size(yes)) {
		refuse_policy(rq, rs, &c, org, fields);
	} else {
		int done = 0;
		int r = p.status ? -p.status
				 : urenbank_aanbod_convert(rq->store, &rq->actor, c.pg.code, c.id, in, yes, &out, &done, &p);
		authz_audit(rq, ACT_STAFFING, r < 0 ? p.status : done ? 201 : 202, c.pg.code);
		if (r < 0)
			page_form_refuse(rq, rs, c.back, &c.f, &p, fields);
		else
			see(rs, c.back, done ? "ingezet" : "gevraagd", c.id);
	}
	json_decref(out);
	json_decref(yes);
	json_decref(in);
	post_end(&c);
	return 0;
}
