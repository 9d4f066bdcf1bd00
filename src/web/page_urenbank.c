/* The pages of the hours exchange (page_urenbank.h): the helpers they
 * share, the proeftuinen and a proeftuin's overview, and the routes of
 * all of them. Balances and settlement are in page_urenbank_afrekening.c,
 * the journal in page_urenbank_journaal.c; booking and approval in page_urenbank_uren.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "store/urenbank.h"
#include "store/urenbank_overzicht.h"
#include "store/register.h"
#include "web/page_urenbank.h"

/* ---- shared helpers (page_urenbank.h) -------------------------------- */

int page_urenbank_page_load(struct request *rq, struct response *rs, struct page_urenbank_page *pg)
{
	memset(pg, 0, sizeof(*pg));
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return -1;
	struct problem p;
	problem_init(&p);
	pg->code = req_param(rq, "p");
	if (urenbank_proeftuin_get(rq->store, pg->code, &pg->pt, &p) < 0 ||
	    urenbank_proeftuin_verband(rq->store, pg->code, pg->verband, sizeof(pg->verband), &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen proeftuin met deze code. Kies er een in het overzicht van de urenbank."
					   : p.detail);
		json_decref(pg->pt);
		pg->pt = NULL;
		return -1;
	}
	const char *status = json_string_value(json_object_get(pg->pt, "status"));
	pg->closed = status && !strcmp(status, "afgerekend");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(pg->pt, "leden"), i, x)
		if (rq->actor.org[0] && !strcmp(json_string_value(x), rq->actor.org))
			pg->member = 1;
	return 0;
}

void page_urenbank_page_release(struct page_urenbank_page *pg)
{
	json_decref(pg->pt);
	pg->pt = NULL;
}

int page_urenbank_may(struct request *rq, const struct page_urenbank_page *pg, enum action action, const char *org)
{
	const struct policy_target t = { org, pg->verband, pg->code };
	return policy_allows_in(&rq->actor, action, &t);
}

void page_urenbank_href(struct buf *b, const struct page_urenbank_page *pg, const char *rest)
{
	struct buf h;
	buf_init(&h, 512);
	buf_adds(&h, "/proeftuinen/");
	html_url_segment(&h, pg->code);
	buf_adds(&h, rest);
	html_attr(b, buf_str(&h));
	buf_release(&h);
}

void page_urenbank_hours(struct buf *b, long long minutes)
{
	char h[NL_TEXT_LEN];
	nl_hours(minutes, NL_HOURS_BARE, h, sizeof(h));
	html_txt(b, h);
	html_raw(b, "&nbsp;uur");
}

void page_urenbank_money(struct buf *b, long long cents)
{
	/* "€ 6.500,00" with a no-break space, so that the sign stays with the amount. */
	char t[NL_TEXT_LEN];
	nl_euro_cents(cents, t, sizeof(t));
	const char *sp = strstr(t, "€ ");
	if (!sp) {
		html_txt(b, t);
		return;
	}
	buf_add(b, t, (size_t)(sp - t) + strlen("€"));
	html_raw(b, "&nbsp;");
	html_txt(b, sp + strlen("€ "));
}

void page_urenbank_note(struct buf *b, const char *message)
{
	html_raw(b,
		 "<div class=\"utrecht-alert utrecht-alert--ok samen-ub-note\" role=\"status\"><p class=\"utrecht-paragraph\">");
	html_txt(b, message);
	html_raw(b, "</p></div>");
}

const char *page_urenbank_search_value(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[strspn(v, " ")] ? v : NULL;
}

void page_urenbank_choice_search(struct buf *b, const char *action, const struct page_urenbank_search *fields)
{
	page_urenbank_choice_search_keep(b, action, fields, NULL, NULL);
}

void page_urenbank_choice_search_keep(struct buf *b, const char *action, const struct page_urenbank_search *fields,
				      const char *keep, const char *keep_value)
{
	int any = 0;
	for (const struct page_urenbank_search *f = fields; f->name; f++)
		any |= f->total > f->shown || f->value;
	if (!any)
		return;
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	if (keep) {
		html_raw(b, "<input type=\"hidden\" name=\"");
		html_attr(b, keep);
		html_raw(b, "\" value=\"");
		html_attr(b, keep_value);
		html_raw(b, "\">");
	}
	for (const struct page_urenbank_search *f = fields; f->name; f++) {
		char hint[300] = "";
		if (f->total > f->shown)
			snprintf(hint, sizeof(hint), "Er zijn meer dan %lld; de keuzelijst toont de eerste %lld. Zoek om te kiezen.",
				 f->shown, f->shown);
		else if (f->value && !f->total)
			snprintf(hint, sizeof(hint), "Niets gevonden; zoek op een ander deel van de naam.");
		page_input_field(b, &(struct page_input){ .id = f->name,
							  .label = f->label,
							  .type = "search",
							  .value = f->value,
							  .hint = hint[0] ? hint : NULL,
							  .field_class = "samen-filter__field" });
	}
	html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Zoek</button></form>");
}

json_t *page_urenbank_opdracht_titles(struct request *rq, const struct page_urenbank_page *pg)
{
	return urenbank_opdracht_titles(rq->store, pg->code);
}

json_t *page_urenbank_org_names(struct request *rq)
{
	json_t *list = register_org_list(rq->store), *names = page_names(list);
	json_decref(list);
	return names;
}

static void tab(struct buf *b, const struct page_urenbank_page *pg, const char *rest, const char *label, int current)
{
	html_raw(b, "<li><a class=\"utrecht-link samen-ub-tabs__link\" href=\"");
	page_urenbank_href(b, pg, rest);
	html_raw(b, current ? "\" aria-current=\"page\">" : "\">");
	html_txt(b, label);
	html_raw(b, "</a></li>");
}

void page_urenbank_begin(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const char *title,
			 const char *current)
{
	const char *naam = json_string_value(json_object_get(pg->pt, "naam"));
	struct buf t;
	buf_init(&t, 1024);
	if (strcmp(current, "overzicht"))
		buf_printf(&t, "%s — %s", title, naam);
	else
		buf_adds(&t, naam);
	page_begin(rq, rs, buf_str(&t));
	buf_release(&t);
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › "
		    "<a class=\"utrecht-link\" href=\"/proeftuinen\">Urenbank</a> › ");
	if (strcmp(current, "overzicht")) {
		html_raw(b, "<a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, pg, "");
		html_raw(b, "\">");
		html_txt(b, naam);
		html_raw(b, "</a> › ");
		html_txt(b, title);
	} else {
		html_txt(b, naam);
	}
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, strcmp(current, "overzicht") ? title : naam);
	if (strcmp(current, "overzicht")) {
		html_raw(b, " <span class=\"samen-ub-sub\">");
		html_txt(b, naam);
		html_raw(b, "</span>");
	}
	html_raw(b, "</h1><nav class=\"samen-ub-tabs\" aria-label=\"Urenbank van deze proeftuin\"><ul "
		    "class=\"samen-ub-tabs__list\">");
	tab(b, pg, "", "Overzicht", !strcmp(current, "overzicht"));
	tab(b, pg, "/opdrachten", "Opdrachten", !strcmp(current, "opdrachten"));
	tab(b, pg, "/uren", "Uren", !strcmp(current, "uren"));
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	if (!pg->closed && (pg->member || rq->actor.role == ROLE_BEHEERDER) && page_urenbank_may(rq, pg, ACT_HOURS_BOOK, own))
		tab(b, pg, "/uren/nieuw", "Uren boeken", !strcmp(current, "boeken"));
	if ((pg->member || rq->actor.role == ROLE_BEHEERDER) && page_urenbank_may(rq, pg, ACT_HOURS_APPROVE, own))
		tab(b, pg, "/goedkeuren", "Goedkeuren", !strcmp(current, "goedkeuren"));
	tab(b, pg, "/instemmingen", "Instemming", !strcmp(current, "instemming"));
	tab(b, pg, "/saldi", "Saldi", !strcmp(current, "saldi"));
	tab(b, pg, "/afrekening", "Afrekening", !strcmp(current, "afrekening"));
	tab(b, pg, "/evaluatie", "Evaluatie", !strcmp(current, "evaluatie"));
	tab(b, pg, "/leerervaringen", "Leerervaringen", !strcmp(current, "leren"));
	tab(b, pg, "/aanbod", "Aanbod", !strcmp(current, "aanbod"));
	tab(b, pg, "/rapporten", "Rapporten", !strcmp(current, "rapporten"));
	tab(b, pg, "/journaal", "Journaal", !strcmp(current, "journaal"));
	html_raw(b, "</ul></nav>");
}

/* ---- the list of proeftuinen ----------------------------------------- */

static void fact(struct buf *b, const char *key)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
}

static void fact_end(struct buf *b) { html_raw(b, "</dd></div>"); }

static void period(struct buf *b, json_t *pt)
{
	html_date(b, json_string_value(json_object_get(pt, "van")));
	html_raw(b, " tot en met ");
	html_date(b, json_string_value(json_object_get(pt, "tot")));
}

static void status_text(struct buf *b, json_t *pt)
{
	const char *tot = json_string_value(json_object_get(pt, "afgerekendTot"));
	const char *status = json_string_value(json_object_get(pt, "status"));
	if (status && !strcmp(status, "afgerekend")) {
		html_raw(b, "afgerekend en gesloten");
	} else if (tot) {
		html_raw(b, "open; afgerekend tot en met ");
		html_date(b, tot);
	} else {
		html_raw(b, "open");
	}
}

static int get_list(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	json_t *list = urenbank_proeftuin_list(rq->store);
	page_begin(rq, rs, "Urenbank");
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › Urenbank</p>"
		    "<h1 class=\"utrecht-heading-1\">Urenbank</h1>"
		    "<p class=\"utrecht-paragraph\">In een proeftuin werken gemeenten \"uren voor uren\" voor elkaar, "
		    "als ware het één netwerkorganisatie. Per gemeente houdt de urenbank bij wat zij brengt en haalt; "
		    "wat je haalt moet gebracht zijn, binnen een kredietlimiet. Geld storten kan ook: dat wordt een "
		    "urentegoed. Aan het eind van de periode wordt het saldo afgerekend.</p>");
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog geen proeftuin.</p>");
	} else {
		static const char *const head[] = {
			"Proeftuin", "Periode", "#Leden", "#Tarief", "#Kredietlimiet", "Status", NULL
		};
		page_table_begin(b, "Alle proeftuinen met een urenbank", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *pt;
		json_array_foreach(list, i, pt) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
				    "<a class=\"utrecht-link\" href=\"/proeftuinen/");
			html_url_segment(b, json_string_value(json_object_get(pt, "code")));
			html_raw(b, "\">");
			html_txt(b, json_string_value(json_object_get(pt, "naam")));
			html_raw(b, "</a> <span class=\"samen-code samen-muted\">");
			html_txt(b, json_string_value(json_object_get(pt, "code")));
			html_raw(b, "</span></th><td class=\"utrecht-table__cell\">");
			period(b, pt);
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, (long long)json_array_size(json_object_get(pt, "leden")));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_money(b, json_integer_value(json_object_get(pt, "tariefCenten")));
			html_raw(b, " per uur</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column "
				    "samen-nowrap\">");
			page_urenbank_hours(b, json_integer_value(json_object_get(pt, "kredietlimietMinuten")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			status_text(b, pt);
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	page_end(rq, rs);
	json_decref(list);
	return 0;
}

/* ---- the overview ------------------------------------------------------ */

static const char *const soorten[] = { "lokaal", "meervoudig-lokaal", "regionaal" };
static const char *const soort_koppen[] = { "Lokale opdrachten", "Meervoudig lokale opdrachten", "Regionale opdrachten" };
static const char *const soort_uitleg[] = {
	"Van één gemeente; medewerkers van andere gemeenten kunnen worden ingezet. Het lokale MT-lid blijft aanspreekpunt.",
	"Van twee of meer gemeenten, bijvoorbeeld twee lokale opdrachten die met instemming van de bestuurders zijn "
	"samengevoegd. De uren worden naar aandeel verdeeld.",
	"Het werkprogramma van de regio, gedeeld door alle leden naar een verdeelsleutel.",
};
static const char *const statussen[] = { "open", "afgerond", "samengevoegd" };

static void facts(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, json_t *names)
{
	json_t *pt = pg->pt;
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	fact(b, "Periode");
	period(b, pt);
	fact_end(b);
	fact(b, "Status");
	status_text(b, pt);
	fact_end(b);
	fact(b, "Tarief");
	page_urenbank_money(b, json_integer_value(json_object_get(pt, "tariefCenten")));
	html_raw(b, " per uur: daarmee wordt geld een urentegoed, en bij de afrekening een saldo geld");
	fact_end(b);
	fact(b, "Kredietlimiet");
	page_urenbank_hours(b, json_integer_value(json_object_get(pt, "kredietlimietMinuten")));
	html_raw(b, " per lid: zo ver mag een saldo onder nul, min wat al is vastgelegd");
	fact_end(b);
	if (pg->verband[0]) {
		fact(b, "Verband");
		json_t *vl = register_verband_list(rq->store), *vn = page_names(vl);
		page_verband_link(b, pg->verband, page_name(vn, pg->verband));
		json_decref(vl);
		json_decref(vn);
		fact_end(b);
	}
	fact(b, "Leden");
	page_org_links(b, names, json_object_get(pt, "leden"));
	fact_end(b);
	const char *oms = json_string_value(json_object_get(pt, "omschrijving"));
	if (oms) {
		fact(b, "Omschrijving");
		html_txt(b, oms);
		fact_end(b);
	}
	html_raw(b, "</dl>");
}

/* stand: the opdrachten counted per soort and status (urenbank_opdracht_stand). */
static void status_matrix(struct buf *b, json_t *stand)
{
	long long count[3][3] = { { 0 } }, minutes[3] = { 0 };
	size_t i;
	json_t *o;
	json_array_foreach(stand, i, o) {
		const char *soort = json_string_value(json_object_get(o, "soort"));
		const char *status = json_string_value(json_object_get(o, "status"));
		for (int s = 0; s < 3; s++)
			for (int t = 0; t < 3; t++)
				if (soort && status && !strcmp(soort, soorten[s]) && !strcmp(status, statussen[t])) {
					count[s][t] += json_integer_value(json_object_get(o, "aantal"));
					minutes[s] += json_integer_value(json_object_get(o, "goedgekeurdMinuten"));
				}
	}
	static const char *const head[] = { "Soort", "#Open", "#Afgerond", "#Samengevoegd", "#Goedgekeurde uren", NULL };
	page_table_begin(b, "Opdrachten per soort en status", NULL);
	page_table_head(b, head);
	for (int s = 0; s < 3; s++) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_label(b, soorten[s]);
		html_raw(b, "</th>");
		for (int t = 0; t < 3; t++) {
			html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, count[s][t]);
			html_raw(b, "</td>");
		}
		html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, minutes[s]);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

static void principals_cell(struct buf *b, json_t *o, size_t members)
{
	json_t *gevers = json_object_get(o, "opdrachtgevers");
	const char *soort = json_string_value(json_object_get(o, "soort"));
	const char *key = json_string_value(json_object_get(o, "verdeelsleutel"));
	if (soort && !strcmp(soort, "regionaal") && json_array_size(gevers) == members && key && strcmp(key, "aandeel")) {
		html_raw(b, "alle leden, ");
		html_raw(b, !strcmp(key, "inwoners") ? "naar inwoners" : "gelijk verdeeld");
		return;
	}
	size_t i;
	json_t *g;
	json_array_foreach(gevers, i, g) {
		if (i)
			html_raw(b, ", ");
		page_org_link(b, json_string_value(json_object_get(g, "organisatie")),
			      json_string_value(json_object_get(g, "naam")));
		if (json_array_size(gevers) > 1) {
			html_raw(b, " <span class=\"samen-muted\">(");
			html_int(b, json_integer_value(json_object_get(g, "aandeel")));
			html_raw(b, ")</span>");
		}
	}
}

static void opdracht_status(struct buf *b, json_t *o, json_t *titles)
{
	const char *status = json_string_value(json_object_get(o, "status"));
	html_raw(b, "<span class=\"samen-badge samen-ub-badge--");
	html_attr(b, status);
	html_raw(b, "\">");
	html_txt(b, status);
	html_raw(b, "</span>");
	json_t *in = json_object_get(o, "samengevoegdIn");
	if (json_is_integer(in)) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(in));
		html_raw(b, "<span class=\"samen-cell-note\">in: ");
		html_txt(b, json_string_value(json_object_get(titles, id)));
		html_raw(b, "</span>");
	}
	json_t *uit = json_object_get(o, "samengevoegdUit");
	if (json_array_size(uit)) {
		html_raw(b, "<span class=\"samen-cell-note\">samengevoegd uit: ");
		size_t i;
		json_t *x;
		json_array_foreach(uit, i, x) {
			char id[32];
			snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(x));
			if (i)
				html_raw(b, " + ");
			html_txt(b, json_string_value(json_object_get(titles, id)));
		}
		html_raw(b, "</span>");
	}
}

/* The inzet of an opdracht, one line per medewerker (commitments made in
 * several steps added up). */
static void inzet_cell(struct buf *b, json_t *inzet, json_t *names)
{
	size_t n = json_array_size(inzet), k, j;
	if (!n) {
		html_raw(b, "—");
		return;
	}
	long long *total = calloc(n, sizeof(*total));
	if (!total)
		return;
	json_t *z, *y;
	json_array_foreach(inzet, k, z) {
		json_t *mw = json_object_get(z, "medewerker");
		for (j = 0; j < k && !json_equal(json_object_get(json_array_get(inzet, j), "medewerker"), mw); j++)
			;
		total[j] += json_integer_value(json_object_get(z, "minuten"));
	}
	int first = 1;
	json_array_foreach(inzet, k, y) {
		if (!total[k])
			continue;
		html_raw(b, first ? "" : "<br>");
		first = 0;
		html_txt(b, json_string_value(json_object_get(y, "medewerkerNaam")));
		html_raw(b, " <span class=\"samen-muted\">(");
		html_txt(b, page_name(names, json_string_value(json_object_get(y, "organisatie"))));
		html_raw(b, ")</span> <span class=\"samen-nowrap\">");
		page_urenbank_hours(b, total[k]);
		html_raw(b, "</span>");
	}
	free(total);
}

/* The overview shows this many opdrachten of a kind; the rest are on the
 * (paged) list of opdrachten. A national proeftuin has a thousand. */
#define OVERVIEW_ROWS 25

/* opdrachten: the first OVERVIEW_ROWS of soort s, of n in all. */
static void opdrachten_table(struct buf *b, const struct page_urenbank_page *pg, json_t *opdrachten, size_t n, int s,
			     json_t *names, json_t *titles, size_t members)
{
	size_t i, shown = 0;
	json_t *o;
	html_raw(b, "<h3 class=\"utrecht-heading-3\">");
	html_txt(b, soort_koppen[s]);
	html_raw(b, "</h3><p class=\"utrecht-paragraph samen-muted\">");
	html_txt(b, soort_uitleg[s]);
	html_raw(b, "</p>");
	if (!n) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Geen opdrachten van deze soort.</p>");
		return;
	}
	static const char *const head[] = { "Opdracht", "Opdrachtgevers", "Status", "Ingezet van elders",
					    "#Geraamd", "#Goedgekeurd",   NULL };
	page_table_begin(b, soort_koppen[s], "samen-table--wide");
	page_table_head(b, head);
	json_array_foreach(opdrachten, i, o) {
		if (strcmp(json_string_value(json_object_get(o, "soort")), soorten[s]) || shown == OVERVIEW_ROWS)
			continue;
		shown++;
		const char *status = json_string_value(json_object_get(o, "status"));
		html_raw(b, !strcmp(status, "open") ? "<tr class=\"utrecht-table__row\">"
						    : "<tr class=\"utrecht-table__row samen-row--former\">");
		html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(o, "titel")));
		const char *contact = json_string_value(json_object_get(o, "contactpersoon"));
		if (contact) {
			html_raw(b, "<span class=\"samen-cell-note\">aanspreekpunt: ");
			html_txt(b, contact);
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		principals_cell(b, o, members);
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		opdracht_status(b, o, titles);
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		inzet_cell(b, json_object_get(o, "inzet"), names);
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		json_t *geraamd = json_object_get(o, "geraamdeMinuten");
		if (json_is_integer(geraamd))
			page_urenbank_hours(b, json_integer_value(geraamd));
		else
			html_raw(b, "—");
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, json_integer_value(json_object_get(o, "goedgekeurdMinuten")));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	if (n > shown) {
		char more[160], href[64];
		snprintf(more, sizeof(more), "Hierboven de eerste %zu van %zu; ze staan allemaal, te zoeken en te sorteren, bij ",
			 shown, n);
		snprintf(href, sizeof(href), "/opdrachten?soort=%s", soorten[s]);
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_txt(b, more);
		html_raw(b, "<a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, pg, href);
		html_raw(b, "\">");
		html_txt(b, soort_koppen[s]);
		html_raw(b, "</a>.</p>");
	}
}

/* A matrix of more members than this is unreadable (and with 342 it was
 * 10 MB of HTML): the largest flows are listed instead. */
#define MATRIX_MAX 15
#define PAIRS_SHOWN 50

/* For a large proeftuin: the PAIRS_SHOWN largest flows (largest, count:
 * urenbank_flows_largest). */
static void flows_pairs(struct buf *b, const struct page_urenbank_page *pg, json_t *largest, long long count, json_t *names)
{
	html_raw(b, "<p class=\"utrecht-paragraph\">Met ");
	html_int_grouped(b, (long long)json_array_size(json_object_get(pg->pt, "leden")));
	html_raw(b, " leden is een tabel van ieder met ieder niet te lezen. Hieronder de ");
	html_int_grouped(b, (long long)json_array_size(largest));
	html_raw(b, " grootste van de ");
	html_int_grouped(b, count);
	html_raw(b, " stromen; wat elke gemeente in totaal bracht en haalde, staat bij ");
	html_raw(b, "<a class=\"utrecht-link\" href=\"");
	page_urenbank_href(b, pg, "/saldi");
	html_raw(b, "\">Saldi</a>.</p>");
	static const char *const head[] = { "Medewerkers van", "Voor opdrachten van", "#Goedgekeurde uren", NULL };
	page_table_begin(b, "De grootste stromen van goedgekeurde uren", NULL);
	page_table_head(b, head);
	size_t k;
	json_t *f;
	json_array_foreach(largest, k, f) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, page_name(names, json_string_value(json_object_get(f, "organisatie"))));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, page_name(names, json_string_value(json_object_get(f, "opdrachtgever"))));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, json_integer_value(json_object_get(f, "minuten")));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

/* Who works for whom: rows the organisation whose staff worked, columns
 * the principal, cells approved hours; the totals are gebracht and gehaald. */
static void flows_table(struct buf *b, const struct page_urenbank_page *pg, json_t *leden, json_t *flows, long long count,
			json_t *names)
{
	size_t n = json_array_size(leden), i, j, k;
	if (!json_array_size(flows)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er zijn nog geen goedgekeurde uren van medewerkers "
			    "voor opdrachten van een andere gemeente.</p>");
		return;
	}
	if (n > MATRIX_MAX) {
		flows_pairs(b, pg, flows, count, names);
		return;
	}
	long long *cell = calloc(n * n + 1, sizeof(*cell));
	if (!cell)
		return;
	/* Each member's place, found once: a flow is then one addition (with
	 * 342 members, looking up both ends per flow among all pairs took 21 s). */
	json_t *place = json_object(), *f;
	for (i = 0; i < n; i++)
		json_object_set_new(place, json_string_value(json_array_get(leden, i)), json_integer((json_int_t)i));
	json_array_foreach(flows, k, f) {
		json_t *from = json_object_get(place, json_string_value(json_object_get(f, "organisatie")));
		json_t *to = json_object_get(place, json_string_value(json_object_get(f, "opdrachtgever")));
		if (from && to)
			cell[(size_t)json_integer_value(from) * n + (size_t)json_integer_value(to)] +=
				json_integer_value(json_object_get(f, "minuten"));
	}
	json_decref(place);

	html_raw(b, "<p class=\"utrecht-paragraph\">De rijtotalen zijn wat elke gemeente bracht, de kolomtotalen wat zij "
		    "haalde.</p>");
	page_table_begin(b, "Goedgekeurde uren: medewerkers van (rij) voor opdrachten van (kolom)",
			 "samen-table--wide samen-ub-matrix");
	html_raw(b, "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Medewerkers van</th>");
	for (j = 0; j < n; j++) {
		html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell "
			    "utrecht-table__header-cell--numeric-column\">voor ");
		html_txt(b, page_name(names, json_string_value(json_array_get(leden, j))));
		html_raw(b, "</th>");
	}
	html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Gebracht</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		long long total = 0;
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, page_name(names, json_string_value(json_array_get(leden, i))));
		html_raw(b, "</th>");
		for (j = 0; j < n; j++) {
			html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			if (i == j)
				html_raw(b, "<span class=\"samen-muted\">eigen</span>");
			else if (cell[i * n + j])
				page_urenbank_hours(b, cell[i * n + j]);
			else
				html_raw(b, "—");
			html_raw(b, "</td>");
			total += cell[i * n + j];
		}
		html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap samen-ub-total\">");
		page_urenbank_hours(b, total);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "<tr class=\"utrecht-table__row samen-ub-totals\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
		    "Gehaald</th>");
	for (j = 0; j < n; j++) {
		long long total = 0;
		for (i = 0; i < n; i++)
			total += cell[i * n + j];
		html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap samen-ub-total\">");
		page_urenbank_hours(b, total);
		html_raw(b, "</td>");
	}
	html_raw(b, "<td class=\"utrecht-table__cell\"></td></tr>");
	page_table_end(b);
	free(cell);
}

static void uren_summary(struct buf *b, json_t *summary)
{
	static const char *const head[] = { "Status", "#Urenregels", "#Tijd", NULL };
	static const char *const uitleg[] = { "wacht op de manager van de opdrachtgever", "telt mee in de saldi",
					      "niet geboekt, met een reden",
					      "was goedgekeurd, teruggedraaid met een tegenboeking" };
	page_table_begin(b, "Urenregels per status", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *s;
	json_array_foreach(summary, i, s) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(s, "status")));
		if (i < 4) {
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, uitleg[i]);
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int_grouped(b, json_integer_value(json_object_get(s, "aantal")));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, json_integer_value(json_object_get(s, "minuten")));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

static int get_overview(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	/* The counts per soort and status, and per soort its first rows: not
	 * every opdracht of a national proeftuin. */
	json_t *opdrachten = NULL, *flows = NULL, *summary = NULL, *first[3] = { NULL, NULL, NULL };
	long long n[3] = { 0, 0, 0 };
	const struct listing l = { .limit = OVERVIEW_ROWS };
	int r = urenbank_opdracht_stand(rq->store, pg.code, &opdrachten, &p);
	for (int s = 0; s < 3 && r == 0; s++)
		r = urenbank_opdracht_list_page(rq->store, pg.code, NULL, soorten[s], NULL, &l, &first[s], &n[s], &p);
	/* A large proeftuin shows only its largest flows (flows_pairs). */
	long long nflows = 0;
	if (r == 0)
		r = json_array_size(json_object_get(pg.pt, "leden")) > MATRIX_MAX
			    ? urenbank_flows_largest(rq->store, pg.code, PAIRS_SHOWN, &flows, &nflows, &p)
			    : urenbank_flows(rq->store, pg.code, &flows, &p);
	if (r < 0 ||
	    urenbank_uren_summary(rq->store, pg.code, &summary, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(opdrachten);
		json_decref(flows);
		for (int s = 0; s < 3; s++)
			json_decref(first[s]);
		page_urenbank_page_release(&pg);
		return 0;
	}
	json_t *names = page_urenbank_org_names(rq), *titles = page_urenbank_opdracht_titles(rq, &pg);
	json_t *leden = json_object_get(pg.pt, "leden");
	page_urenbank_begin(rq, rs, &pg, "Overzicht", "overzicht");
	struct buf *b = &rs->body;
	facts(rq, b, &pg, names);

	html_raw(b, "<section aria-labelledby=\"kop-opdrachten\"><h2 class=\"utrecht-heading-2\" id=\"kop-opdrachten\">"
		    "Opdrachten</h2><p class=\"utrecht-paragraph\">De colleges melden hun beleidsopdrachten aan bij het "
		    "proeftuin-MT. Samen vormen ze de urenbegroting van de proeftuin.</p>");
	status_matrix(b, opdrachten);
	for (int s = 0; s < 3; s++)
		opdrachten_table(b, &pg, first[s], (size_t)n[s], s, names, titles, json_array_size(leden));
	if (!pg.closed && page_urenbank_may(rq, &pg, ACT_MATCHING, NULL)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Wie van de leden aan de open opdrachten kan werken, volgens de "
			    "kwaliteitskaart en de trekkingsrechten: het <a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, &pg, "/matching");
		html_raw(b, "\">Matchingsvoorstel</a>.</p>");
	}
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"kop-wie\"><h2 class=\"utrecht-heading-2\" id=\"kop-wie\">Wie werkt voor wie"
		    "</h2><p class=\"utrecht-paragraph\">Goedgekeurde uren van medewerkers van de ene gemeente op opdrachten "
		    "van de andere, naar het aandeel van elke opdrachtgever. Werk voor de eigen gemeente verschuift niets; "
		    "correcties zijn eraf.</p>");
	flows_table(b, &pg, leden, flows, nflows, names);
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"kop-uren\"><h2 class=\"utrecht-heading-2\" id=\"kop-uren\">Urenregels</h2>");
	uren_summary(b, summary);
	html_raw(b, "<p class=\"utrecht-paragraph\">De stand per gemeente staat bij <a class=\"utrecht-link\" href=\"");
	page_urenbank_href(b, &pg, "/saldi");
	html_raw(b, "\">Saldi</a>.</p></section>");
	page_end(rq, rs);
	json_decref(opdrachten);
	for (int s = 0; s < 3; s++)
		json_decref(first[s]);
	json_decref(flows);
	json_decref(summary);
	json_decref(names);
	json_decref(titles);
	page_urenbank_page_release(&pg);
	return 0;
}

const struct route page_urenbank_routes[] = {
	{ "GET", "/proeftuinen", get_list, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}", get_overview, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/saldi", page_urenbank_saldi, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/journaal", page_urenbank_journal, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/afrekening", page_urenbank_settlement, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/evaluatie", page_urenbank_evaluatie, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/leerervaringen", page_urenbank_leren, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/leerervaringen/nieuw", page_urenbank_leren_form, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/leerervaringen/nieuw", page_urenbank_leren_submit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/afrekening", page_urenbank_settle, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/opdrachten", page_urenbank_opdrachten, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/uren", page_urenbank_uren_lijst, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/uren/nieuw", page_uren_form, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren", page_uren_submit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/goedkeuren", page_queue, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren/{id}/goedkeuren", page_approve, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren/{id}/afkeuren", page_reject, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/instemmingen", page_urenbank_instemming, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/instemmingen/{soort}/{id}", page_urenbank_instemming_post, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/inzet/{id}/beeindigen", page_urenbank_inzet_end, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/aanbod", page_urenbank_aanbod, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/aanbod", page_urenbank_aanbod_create, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/aanbod/{id}/inzet", page_urenbank_aanbod_convert, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/aanbod/{id}/intrekken", page_urenbank_aanbod_withdraw, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
