/* The opdrachten of a proeftuin (page_urenbank.h): the list, one opdracht
 * with who pays, what it asks, who is on it and what was booked, and the
 * forms that staff it, close it and merge it. The form to announce or
 * change one is page_urenbank_opdracht_form.c. Every refused form comes
 * back to the opdracht's page with what was typed (page_form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/duration.h"
#include "core/kwaliteitskaart.h"
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"
#include "store/urenbank.h"
#include "web/page_form.h"
#include "web/page_urenbank.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* ---- shared (page_urenbank.h) ------------------------------------------------------------------ */

int page_urenbank_opdracht_load(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, json_t **o)
{
	long long id;
	struct problem p;
	problem_init(&p);
	*o = NULL;
	if (http_parse_id(req_param(rq, "id"), &id) < 0 || urenbank_opdracht_get(rq->store, pg->code, id, o, &p) < 0) {
		page_error(rq, rs, 404,
			   "Deze opdracht bestaat niet in deze proeftuin. Kies er een in het overzicht van de opdrachten.");
		return -1;
	}
	return 0;
}

int page_urenbank_may_write(struct request *rq, const struct page_urenbank_page *pg, json_t *o)
{
	json_t *gevers = json_object_get(o, "opdrachtgevers");
	int ok = json_array_size(gevers) > 0;
	size_t i;
	json_t *g;
	json_array_foreach(gevers, i, g)
		ok &= page_urenbank_may(rq, pg, ACT_ASSIGNMENT_WRITE, str(g, "organisatie"));
	return ok;
}

void page_urenbank_opdracht_href(char *out, size_t len, const struct page_urenbank_page *pg, long long id, const char *rest)
{
	struct buf h;
	buf_init(&h, 512);
	buf_adds(&h, "/proeftuinen/");
	html_url_segment(&h, pg->code);
	buf_printf(&h, "/opdrachten/%lld%s", id, rest ? rest : "");
	snprintf(out, len, "%s", buf_str(&h));
	buf_release(&h);
}

json_t *page_urenbank_competences(struct request *rq, const struct page_urenbank_page *pg)
{
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (kwaliteitskaart_competence_list(rq->store, pg->verband[0] ? pg->verband : NULL, &list, &p) < 0) {
		problem_init(&p);
		if (kwaliteitskaart_competence_list(rq->store, NULL, &list, &p) < 0)
			list = json_array();
	}
	return list;
}

/* ---- helpers ------------------------------------------------------------------------------------ */

static void hours(struct buf *b, long long minutes) { page_urenbank_hours(b, minutes); }

static void dd_begin(struct buf *b, const char *key)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
}
static void dd_end(struct buf *b) { html_raw(b, "</dd></div>"); }

static const char *soort_word(const char *soort)
{
	return !soort                                ? ""
	       : !strcmp(soort, "lokaal")            ? "lokaal: van één gemeente"
	       : !strcmp(soort, "meervoudig-lokaal") ? "meervoudig lokaal: van twee of meer gemeenten"
						     : "regionaal: van alle leden";
}

/* The name of competence code, from [{"code","naam"}]. */
static const char *competence_name(json_t *comps, const char *code)
{
	size_t i;
	json_t *c;
	json_array_foreach(comps, i, c)
		if (str(c, "code") && code && !strcmp(str(c, "code"), code))
			return str(c, "naam") ? str(c, "naam") : code;
	return code;
}

/* Back to the opdracht's page, to the form that was refused. */
static void back_href(char *out, size_t len, const struct page_urenbank_page *pg, long long id)
{
	page_urenbank_opdracht_href(out, len, pg, id, "");
}

static void see_other(struct response *rs, const char *href)
{
	resp_header(rs, "Location", href);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
}

/* Staff the actor may put on work here (inzetten for their organisation):
 * medewerkers of the proeftuin's members, at most PAGE_URENBANK_CHOICES
 * narrowed by the search zoek (*total: the matches up to one more). The
 * one chosen before (keep: a refused form shown again) stays a choice. */
static json_t *staffable(struct request *rq, const struct page_urenbank_page *pg, const char *zoek, const char *keep,
			 long long *total)
{
	long long kept = 0;
	if (!keep || http_parse_id(keep, &kept) < 0)
		kept = 0;
	json_t *out = json_array(), *leden = json_object_get(pg->pt, "leden"), *names = page_urenbank_org_names(rq);
	size_t i, k, n = 0;
	json_t *l, *m;
	json_array_foreach(leden, i, l)
		n += page_urenbank_may(rq, pg, ACT_STAFFING, json_string_value(l)) != 0;
	*total = 0;
	/* Every member (one query), or the few the actor may staff for. */
	json_array_foreach(leden, i, l) {
		const char *org = json_string_value(l);
		if (n < json_array_size(leden) && !page_urenbank_may(rq, pg, ACT_STAFFING, org))
			continue;
		struct urenbank_choice c = { .org = n < json_array_size(leden) ? org : NULL,
					     .zoek = zoek,
					     .limit = PAGE_URENBANK_CHOICES - (long long)json_array_size(out) };
		json_t *list = NULL;
		long long found = 0;
		struct problem p;
		problem_init(&p);
		if (c.limit <= 0)
			c.limit = 0;
		if (urenbank_staff_choices(rq->store, pg->code, &c, &list, &found, &p) < 0)
			continue;
		*total += found;
		json_array_foreach(list, k, m)
			if (num(m, "id") == kept)
				kept = 0;
		if (kept) { /* not among the first: asked for by itself */
			struct urenbank_choice one = { .org = c.org, .only = kept, .limit = 1 };
			json_t *it = NULL;
			long long one_total;
			if (urenbank_staff_choices(rq->store, pg->code, &one, &it, &one_total, &p) == 0 && json_array_size(it)) {
				json_array_extend(list, it);
				kept = 0;
			}
			json_decref(it);
		}
		json_array_foreach(list, k, m) {
			char label[400];
			snprintf(label, sizeof(label), "%s%s%s (%s)", str(m, "naam"), str(m, "functie") ? ", " : "",
				 str(m, "functie") ? str(m, "functie") : "", page_name(names, str(m, "organisatie")));
			json_array_append_new(out, json_pack("{s:I,s:s}", "id", (json_int_t)num(m, "id"), "label", label));
		}
		json_decref(list);
		if (!c.org)
			break;
	}
	json_decref(names);
	return out;
}

/* Other open, non-regional opdrachten that o may be merged with by the
 * actor: at most PAGE_URENBANK_CHOICES, narrowed by the search zoek. */
static json_t *merge_candidates(struct request *rq, const struct page_urenbank_page *pg, json_t *o, const char *zoek,
				long long *total)
{
	json_t *list = NULL, *out = json_array();
	struct problem p;
	problem_init(&p);
	int manage = page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL), mine = page_urenbank_may_write(rq, pg, o);
	/* Who is not the process manager merges only opdrachten of its own. */
	const struct urenbank_choice c = { .org = manage ? NULL : rq->actor.org[0] ? rq->actor.org : "",
					   .zoek = zoek,
					   .limit = PAGE_URENBANK_CHOICES };
	*total = 0;
	if (!strcmp(str(o, "soort"), "regionaal") || (!manage && !mine) ||
	    urenbank_opdracht_choices(rq->store, pg->code, &c, &list, total, &p) < 0)
		return out;
	size_t i, k;
	json_t *x, *g;
	json_array_foreach(list, i, x) {
		if (num(x, "id") == num(o, "id") || !strcmp(str(x, "soort"), "regionaal"))
			continue;
		if (!manage && !(mine && page_urenbank_may_write(rq, pg, x)))
			continue;
		struct buf label;
		buf_init(&label, 512);
		buf_adds(&label, str(x, "titel"));
		buf_adds(&label, " (");
		json_array_foreach(json_object_get(x, "opdrachtgevers"), k, g) {
			if (k)
				buf_adds(&label, ", ");
			buf_adds(&label, str(g, "naam"));
		}
		buf_adds(&label, ")");
		json_array_append_new(out, json_pack("{s:I,s:s}", "id", (json_int_t)num(x, "id"), "label", buf_str(&label)));
		buf_release(&label);
	}
	json_decref(list);
	return out;
}

/* ---- the list -------------------------------------------------------------------------------------- */

int page_urenbank_may_announce(struct request *rq, const struct page_urenbank_page *pg)
{
	if (pg->closed)
		return 0;
	if (page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL))
		return 1;
	return pg->member && page_urenbank_may(rq, pg, ACT_ASSIGNMENT_WRITE, rq->actor.org[0] ? rq->actor.org : NULL);
}

/* ---- one opdracht ------------------------------------------------------------------------------------ */

static const struct page_form_field inzet_fields[] = { { "medewerker", "inzet-medewerker", "Medewerker" },
						       { "minuten", "inzet-uren", "Uren voor deze opdracht" },
						       { NULL, NULL, NULL } };
static const struct page_form_field merge_fields[] = { { "met", "samenvoegen-met", "Samenvoegen met" },
						       { "titel", "samenvoegen-titel", "Titel van de nieuwe opdracht" },
						       { NULL, NULL, NULL } };

static void facts(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *o, json_t *comps)
{
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	dd_begin(b, "Soort");
	html_txt(b, soort_word(str(o, "soort")));
	dd_end(b);
	dd_begin(b, "Status");
	html_txt(b, str(o, "status"));
	json_t *in = json_object_get(o, "samengevoegdIn");
	if (json_is_integer(in)) {
		char href[256];
		page_urenbank_opdracht_href(href, sizeof(href), pg, json_integer_value(in), "");
		html_raw(b, " — ");
		html_link(b, href, "samengevoegd in een nieuwe opdracht");
	}
	dd_end(b);
	dd_begin(b, "Opdrachtgevers");
	json_t *gevers = json_object_get(o, "opdrachtgevers");
	size_t i;
	json_t *g;
	json_array_foreach(gevers, i, g) {
		html_raw(b, i ? ", " : "");
		page_org_link(b, str(g, "organisatie"), str(g, "naam"));
		if (json_array_size(gevers) > 1 && !strcmp(str(o, "verdeelsleutel"), "aandeel")) {
			html_raw(b, " <span class=\"samen-muted\">(aandeel ");
			html_int(b, num(g, "aandeel"));
			html_raw(b, ")</span>");
		}
	}
	if (!strcmp(str(o, "verdeelsleutel"), "inwoners"))
		html_raw(b, " — naar inwonertal");
	else if (!strcmp(str(o, "verdeelsleutel"), "gelijk") && json_array_size(gevers) > 1)
		html_raw(b, " — gelijk verdeeld");
	dd_end(b);
	dd_begin(b, "Contactpersoon");
	html_txt(b, str(o, "contactpersoon") ? str(o, "contactpersoon") : "niet opgegeven");
	dd_end(b);
	dd_begin(b, "Geraamd");
	if (json_is_integer(json_object_get(o, "geraamdeMinuten")))
		hours(b, num(o, "geraamdeMinuten"));
	else
		html_raw(b, "niet geraamd");
	dd_end(b);
	dd_begin(b, "Geboekt");
	hours(b, num(o, "geboektMinuten"));
	html_raw(b, ", waarvan goedgekeurd ");
	hours(b, num(o, "goedgekeurdMinuten"));
	dd_end(b);
	dd_begin(b, "Gevraagde competenties");
	json_t *cs = json_object_get(o, "competenties");
	if (!json_array_size(cs))
		html_raw(b, "geen opgegeven");
	json_array_foreach(cs, i, g) {
		html_raw(b, i ? ", " : "");
		html_txt(b, competence_name(comps, str(g, "competentie")));
		html_raw(b, " <span class=\"samen-muted\">(");
		html_txt(b, kwaliteitskaart_level_name((int)num(g, "niveau")));
		html_raw(b, ")</span>");
	}
	dd_end(b);
	html_raw(b, "</dl>");
	(void)rq;
}

static void inzet_section(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *o,
			  const struct page_form *pf)
{
	html_raw(b, "<section aria-labelledby=\"kop-inzet\"><h2 class=\"utrecht-heading-2\" id=\"kop-inzet\">Inzet</h2>");
	json_t *inzet = json_object_get(o, "inzet"), *names = page_urenbank_org_names(rq);
	if (!json_array_size(inzet)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog niemand op deze opdracht ingezet.</p>");
	} else {
		static const char *const head[] = { "Medewerker", "Organisatie", "#Ingezet", "Status", NULL };
		page_table_begin(b, "Wie op deze opdracht is ingezet", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *z;
		json_array_foreach(inzet, i, z) {
			const char *org = page_name(names, str(z, "organisatie"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(z, "medewerkerNaam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, org);
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			hours(b, num(z, "minuten"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, !strcmp(str(z, "status"), "open") ? "loopt" : "afgesloten");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	json_decref(names);
	const char *zoek = page_urenbank_search_value(rq, "medewerker-zoek");
	long long total = 0;
	json_t *staff = strcmp(str(o, "status"), "open") || pg->closed
				? json_array()
				: staffable(rq, pg, zoek, page_form_value(pf, "inzet", "medewerker", NULL), &total);
	if (json_array_size(staff) || zoek) {
		char action[256];
		page_urenbank_opdracht_href(action, sizeof(action), pg, num(o, "id"), "/inzet");
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-inzetten\">Medewerker inzetten</h3><p "
			    "class=\"utrecht-paragraph\">"
			    "De inzet legt het aandeel van de andere opdrachtgevers vast in hun trekkingsrechten; wat niet "
			    "wordt geboekt, komt vrij bij het afronden.</p>");
		char self[256];
		page_urenbank_opdracht_href(self, sizeof(self), pg, num(o, "id"), "");
		const struct page_urenbank_search search[] = { { "medewerker-zoek", "Zoek een medewerker (naam of functie)", zoek,
								 PAGE_URENBANK_CHOICES, total },
							       { NULL, NULL, NULL, 0, 0 } };
		page_urenbank_choice_search(b, self, search);
		page_form_begin(rq, b, action, "inzet", "samen-formulier");
		page_select_json(b,
				 &(struct page_input){ .id = "inzet-medewerker",
						       .name = "medewerker",
						       .label = "Medewerker",
						       .value = page_form_value(pf, "inzet", "medewerker", NULL),
						       .error = page_form_error(pf, "inzet-medewerker"),
						       .required = 1 },
				 staff, "id", "label", "Kies een medewerker");
		page_input_field(
			b, &(struct page_input){ .id = "inzet-uren",
						 .name = "uren",
						 .label = "Uren voor deze opdracht",
						 .type = "text",
						 .hint = "Hoeveel uur de medewerker aan deze opdracht werkt: 40, 7,5 of 7:30.",
						 .value = page_form_value(pf, "inzet", "uren", ""),
						 .error = page_form_error(pf, "inzet-uren"),
						 .required = 1 });
		html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
			    "type=\"submit\">Inzetten</button></div></form>");
	}
	json_decref(staff);
	html_raw(b, "</section>");
}

static void manage_section(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *o,
			   const struct page_form *pf)
{
	if (strcmp(str(o, "status"), "open") || pg->closed)
		return;
	int write = page_urenbank_may_write(rq, pg, o);
	const char *zoek = page_urenbank_search_value(rq, "samenvoegen-zoek");
	long long total = 0;
	json_t *cands = merge_candidates(rq, pg, o, zoek, &total);
	if (!write && !json_array_size(cands) && !zoek) {
		json_decref(cands);
		return;
	}
	html_raw(b, "<section aria-labelledby=\"kop-beheren\"><h2 class=\"utrecht-heading-2\" id=\"kop-beheren\">Opdracht "
		    "beheren</h2>");
	char action[256];
	if (write) {
		page_urenbank_opdracht_href(action, sizeof(action), pg, num(o, "id"), "/bewerken");
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_link(b, action, "Opdracht wijzigen");
		html_raw(b, ": titel, omschrijving, contactpersoon, raming en competenties.</p>");
	}
	if (json_array_size(cands) || zoek) {
		html_raw(b,
			 "<h3 class=\"utrecht-heading-3\" id=\"kop-samenvoegen\">Samenvoegen</h3><p class=\"utrecht-paragraph\">"
			 "Twee opdrachten worden één nieuwe (meervoudig lokale) opdracht met de opdrachtgevers van beide; "
			 "de twee worden gesloten en hun open inzet komt vrij.</p>");
		char self[256];
		page_urenbank_opdracht_href(self, sizeof(self), pg, num(o, "id"), "");
		const struct page_urenbank_search search[] = { { "samenvoegen-zoek", "Zoek een opdracht om mee samen te voegen",
								 zoek, PAGE_URENBANK_CHOICES, total },
							       { NULL, NULL, NULL, 0, 0 } };
		page_urenbank_choice_search(b, self, search);
		page_urenbank_opdracht_href(action, sizeof(action), pg, num(o, "id"), "/samenvoegen");
		page_form_begin(rq, b, action, "samenvoegen", "samen-formulier");
		page_select_json(b,
				 &(struct page_input){ .id = "samenvoegen-met",
						       .name = "met",
						       .label = "Samenvoegen met",
						       .value = page_form_value(pf, "samenvoegen", "met", NULL),
						       .error = page_form_error(pf, "samenvoegen-met"),
						       .required = 1 },
				 cands, "id", "label", "Kies een opdracht");
		page_input_field(b, &(struct page_input){ .id = "samenvoegen-titel",
							  .name = "titel",
							  .label = "Titel van de nieuwe opdracht (niet verplicht)",
							  .type = "text",
							  .hint = "Leeg: de twee titels met een plusteken ertussen.",
							  .value = page_form_value(pf, "samenvoegen", "titel", ""),
							  .error = page_form_error(pf, "samenvoegen-titel") });
		html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
			    "type=\"submit\">Samenvoegen</button></div></form>");
	}
	if (write) {
		html_raw(b,
			 "<h3 class=\"utrecht-heading-3\" id=\"kop-afronden\">Afronden</h3><p class=\"utrecht-paragraph\">Is het "
			 "werk klaar? Na het afronden kan er niet meer op worden geboekt; open inzet komt vrij in de "
			 "trekkingsrechten.</p>");
		page_urenbank_opdracht_href(action, sizeof(action), pg, num(o, "id"), "/afronden");
		page_form_begin(rq, b, action, "afronden", "samen-formulier samen-formulier--klein");
		html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Opdracht afronden"
			    "</button></form>");
	}
	html_raw(b, "</section>");
	json_decref(cands);
}

static int get_opdracht(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	json_t *o = NULL;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (page_urenbank_opdracht_load(rq, rs, &pg, &o) < 0) {
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct page_form pf;
	page_form_load(rq, &pf);
	json_t *comps = page_urenbank_competences(rq, &pg);
	page_urenbank_begin(rq, rs, &pg, str(o, "titel"), "opdracht");
	struct buf *b = &rs->body;
	static const char *const done[][2] = { { "aangemeld", "De opdracht is aangemeld. Zet er nu iemand op in." },
					       { "gewijzigd", "De opdracht is gewijzigd." },
					       { "ingezet", "De medewerker is ingezet; de trekkingsrechten zijn vastgelegd." },
					       { "afgerond", "De opdracht is afgerond; de open inzet is vrijgekomen." },
					       { "samengevoegd", "De opdrachten zijn samengevoegd tot deze nieuwe opdracht." },
					       { NULL, NULL } };
	const char *ok = req_query(rq, "gelukt");
	for (int i = 0; ok && !pf.loaded && done[i][0]; i++)
		if (!strcmp(ok, done[i][0]))
			page_urenbank_note(b, done[i][1]);
	if (str(o, "omschrijving")) {
		html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
		html_txt(b, str(o, "omschrijving"));
		html_raw(b, "</p>");
	}
	facts(rq, b, &pg, o, comps);
	inzet_section(rq, b, &pg, o, &pf);
	manage_section(rq, b, &pg, o, &pf);
	html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
	page_urenbank_href(b, &pg, "/opdrachten");
	html_raw(b, "\">Alle opdrachten</a></p>");
	page_end(rq, rs);
	page_form_release(&pf);
	json_decref(comps);
	json_decref(o);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- the forms ------------------------------------------------------------------------------------- */

/* The proeftuin, the opdracht and the parsed form of a post to it; on
 * failure rs holds the answer. */
struct post_ctx {
	struct page_urenbank_page pg;
	json_t *o;
	struct form f;
	char back[256];
};

static int post_begin(struct request *rq, struct response *rs, struct post_ctx *c)
{
	memset(c, 0, sizeof(*c));
	if (page_urenbank_page_load(rq, rs, &c->pg) < 0)
		return -1;
	if (page_urenbank_opdracht_load(rq, rs, &c->pg, &c->o) < 0) {
		page_urenbank_page_release(&c->pg);
		return -1;
	}
	back_href(c->back, sizeof(c->back), &c->pg, num(c->o, "id"));
	if (!form_is_urlencoded(rq) || form_parse(&c->f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		json_decref(c->o);
		page_urenbank_page_release(&c->pg);
		return -1;
	}
	return 0;
}

static void post_end(struct post_ctx *c)
{
	form_release(&c->f);
	json_decref(c->o);
	page_urenbank_page_release(&c->pg);
}

/* A refusal by the policy, as a form error on the opdracht's page. */
static void refuse_policy(struct request *rq, struct response *rs, struct post_ctx *c, enum action act, const char *org,
			  const struct page_form_field *fields)
{
	struct problem p;
	problem_init(&p);
	problem_set(&p, 403, "Dat mag niet.");
	authz_refusal(rq, org, p.detail, sizeof(p.detail));
	page_form_refuse(rq, rs, c->back, &c->f, &p, fields);
	authz_audit(rq, act, 403, c->pg.code);
}

/* The answer to a form: on a refusal its errors on the opdracht's page,
 * else on to opdracht id with what happened (suffix). Ends the post. */
static int post_finish(struct request *rq, struct response *rs, struct post_ctx *c, int r, const struct problem *p,
		       const struct page_form_field *fields, long long id, const char *suffix)
{
	if (r < 0) {
		page_form_refuse(rq, rs, c->back, &c->f, p, fields);
	} else {
		char href[300];
		page_urenbank_opdracht_href(href, sizeof(href), &c->pg, id, suffix);
		see_other(rs, href);
	}
	post_end(c);
	return 0;
}

static int post_inzet(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	long long mw = 0;
	int64_t minutes = 0;
	char why[160], org[40] = "";
	const char *m = form_get(&c.f, "medewerker"), *u = form_get(&c.f, "uren");
	if (!m || http_parse_id(m, &mw) < 0)
		problem_param(&p, "medewerker", "kies wie u inzet");
	if (!u || !u[strspn(u, " ")])
		problem_param(&p, "minuten", "vul in hoeveel uur, bijvoorbeeld 40");
	else if (duration_parse_hours(u, &minutes, why, sizeof(why)) < 0)
		problem_param(&p, "minuten", "schrijf een aantal uren, bijvoorbeeld 40, 7,5 of 7:30");
	else if (minutes < 1)
		problem_param(&p, "minuten", "zet iemand ten minste 1 minuut in");
	if (!p.status && medewerkers_org(rq->store, mw, org, sizeof(org), &p) < 0) {
		problem_init(&p);
		problem_param(&p, "medewerker", "deze medewerker bestaat niet");
	}
	if (!p.status && !page_urenbank_may(rq, &c.pg, ACT_STAFFING, org)) {
		refuse_policy(rq, rs, &c, ACT_STAFFING, org, inzet_fields);
		post_end(&c);
		return 0;
	}
	int r = -p.status;
	json_t *out = NULL;
	if (!p.status) {
		json_t *in = json_pack("{s:I,s:I}", "medewerker", (json_int_t)mw, "minuten", (json_int_t)minutes);
		r = urenbank_inzet_create(rq->store, &rq->actor, c.pg.code, num(c.o, "id"), in, &out, &p);
		json_decref(in);
		authz_audit(rq, ACT_STAFFING, r < 0 ? p.status : 201, c.pg.code);
	}
	json_decref(out);
	return post_finish(rq, rs, &c, r, &p, inzet_fields, num(c.o, "id"), "?gelukt=ingezet#kop-inzet");
}

static int post_close(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c) < 0)
		return 0;
	if (!page_urenbank_may_write(rq, &c.pg, c.o)) {
		refuse_policy(rq, rs, &c, ACT_ASSIGNMENT_WRITE,
			      str(json_array_get(json_object_get(c.o, "opdrachtgevers"), 0), "organisatie"), NULL);
		post_end(&c);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_opdracht_close(rq->store, &rq->actor, c.pg.code, num(c.o, "id"), &out, &p);
	authz_audit(rq, ACT_ASSIGNMENT_WRITE, r < 0 ? p.status : 200, c.pg.code);
	json_decref(out);
	return post_finish(rq, rs, &c, r, &p, NULL, num(c.o, "id"), "?gelukt=afgerond");
}

static int post_merge(struct request *rq, struct response *rs)
{
	struct post_ctx c;
	if (post_begin(rq, rs, &c) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	long long met = 0;
	const char *m = form_get(&c.f, "met"), *titel = form_get(&c.f, "titel");
	json_t *other = NULL;
	if (!m || http_parse_id(m, &met) < 0 || urenbank_opdracht_get(rq->store, c.pg.code, met, &other, &p) < 0) {
		problem_init(&p);
		problem_param(&p, "met", "kies de opdracht waarmee deze wordt samengevoegd");
		page_form_refuse(rq, rs, c.back, &c.f, &p, merge_fields);
		post_end(&c);
		return 0;
	}
	int allowed = page_urenbank_may(rq, &c.pg, ACT_EXCHANGE_MANAGE, NULL) ||
		      (page_urenbank_may_write(rq, &c.pg, c.o) && page_urenbank_may_write(rq, &c.pg, other));
	json_decref(other);
	if (!allowed) {
		refuse_policy(rq, rs, &c, ACT_EXCHANGE_MANAGE, c.pg.code, merge_fields);
		post_end(&c);
		return 0;
	}
	json_t *in = json_pack("{s:I}", "met", (json_int_t)met), *out = NULL;
	if (titel && titel[strspn(titel, " ")])
		json_object_set_new(in, "titel", json_string(titel));
	int r = urenbank_opdracht_merge(rq->store, &rq->actor, c.pg.code, num(c.o, "id"), in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, r < 0 ? p.status : 201, c.pg.code);
	long long merged = r < 0 ? 0 : num(out, "id");
	json_decref(out);
	return post_finish(rq, rs, &c, r, &p, merge_fields, merged, "?gelukt=samengevoegd");
}

#define OP "/proeftuinen/{p}/opdrachten"
const struct route page_urenbank_opdracht_routes[] = {
	{ "GET", OP "/nieuw", page_urenbank_opdracht_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", OP, page_urenbank_opdracht_create, NULL, "Opdracht aanmelden", NULL, NULL, NULL, 0 },
	{ "GET", OP "/{id}", get_opdracht, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", OP "/{id}/bewerken", page_urenbank_opdracht_edit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", OP "/{id}/bewerken", page_urenbank_opdracht_update, NULL, "Opdracht wijzigen", NULL, NULL, NULL, 0 },
	{ "POST", OP "/{id}/inzet", post_inzet, NULL, "Medewerker inzetten", NULL, NULL, NULL, 0 },
	{ "POST", OP "/{id}/afronden", post_close, NULL, "Opdracht afronden", NULL, NULL, NULL, 0 },
	{ "POST", OP "/{id}/samenvoegen", post_merge, NULL, "Opdrachten samenvoegen", NULL, NULL, NULL, 0 },
	{ 0 },
};
