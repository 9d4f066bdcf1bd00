/* The pages of the hours exchange that read (page_urenbank.h): the
 * proeftuinen, a proeftuin's overview, its balances with the chart, the
 * journal download and the settlement (preview, confirmation, settling).
 * Booking and approval are in page_urenbank_uren.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "report/urenbank_saldi.h"
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
	json_array_foreach(json_object_get(pg->pt, "leden"), i, x) if (rq->actor.org[0] && !strcmp(json_string_value(x), rq->actor.org))
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
	const struct actor *a = &rq->actor;
	if (a->role == ROLE_NONE)
		return 0;
	return policy_allows(a, action, org, pg->code) || (pg->verband[0] && policy_allows(a, action, org, pg->verband));
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
	unsigned long long u = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	html_raw(b, cents < 0 ? "−€&nbsp;" : "€&nbsp;");
	html_int_grouped(b, (long long)(u / 100));
	buf_printf(b, ",%02llu", u % 100);
}

void page_urenbank_note(struct buf *b, const char *message)
{
	html_raw(b, "<div class=\"utrecht-alert utrecht-alert--ok samen-ub-note\" role=\"status\"><p class=\"utrecht-paragraph\">");
	html_txt(b, message);
	html_raw(b, "</p></div>");
}

json_t *page_urenbank_opdracht_titles(struct request *rq, const struct page_urenbank_page *pg)
{
	json_t *titles = json_object(), *list = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_opdracht_list(rq->store, pg->code, NULL, NULL, NULL, &list, &p) == 0) {
		size_t i;
		json_t *o;
		json_array_foreach(list, i, o)
		{
			char id[32];
			snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(o, "id")));
			json_object_set(titles, id, json_object_get(o, "titel"));
		}
	}
	json_decref(list);
	return titles;
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

void page_urenbank_begin(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const char *title, const char *current)
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
	html_raw(b, "</h1><nav class=\"samen-ub-tabs\" aria-label=\"Urenbank van deze proeftuin\"><ul class=\"samen-ub-tabs__list\">");
	tab(b, pg, "", "Overzicht", !strcmp(current, "overzicht"));
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	if (!pg->closed && (pg->member || rq->actor.role == ROLE_BEHEERDER) && page_urenbank_may(rq, pg, ACT_HOURS_BOOK, own))
		tab(b, pg, "/uren/nieuw", "Uren boeken", !strcmp(current, "boeken"));
	if ((pg->member || rq->actor.role == ROLE_BEHEERDER) && page_urenbank_may(rq, pg, ACT_HOURS_APPROVE, own))
		tab(b, pg, "/goedkeuren", "Goedkeuren", !strcmp(current, "goedkeuren"));
	tab(b, pg, "/saldi", "Saldi", !strcmp(current, "saldi"));
	tab(b, pg, "/afrekening", "Afrekening", !strcmp(current, "afrekening"));
	html_raw(b, "<li><a class=\"utrecht-link samen-ub-tabs__link\" download href=\"");
	page_urenbank_href(b, pg, "/journaal");
	html_raw(b, "\">Journaal downloaden</a></li></ul></nav>");
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
		static const char *const head[] = { "Proeftuin", "Periode", "#Leden", "#Tarief", "#Kredietlimiet", "Status", NULL };
		page_table_begin(b, "Alle proeftuinen met een urenbank", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *pt;
		json_array_foreach(list, i, pt)
		{
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
			html_raw(b, " per uur</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
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

static void status_matrix(struct buf *b, json_t *opdrachten)
{
	long long count[3][3] = { { 0 } }, minutes[3] = { 0 };
	size_t i;
	json_t *o;
	json_array_foreach(opdrachten, i, o)
	{
		const char *soort = json_string_value(json_object_get(o, "soort"));
		const char *status = json_string_value(json_object_get(o, "status"));
		for (int s = 0; s < 3; s++)
			for (int t = 0; t < 3; t++)
				if (soort && status && !strcmp(soort, soorten[s]) && !strcmp(status, statussen[t])) {
					count[s][t]++;
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
	json_array_foreach(gevers, i, g)
	{
		if (i)
			html_raw(b, ", ");
		page_org_link(b, json_string_value(json_object_get(g, "organisatie")), json_string_value(json_object_get(g, "naam")));
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
		json_array_foreach(uit, i, x)
		{
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
	json_array_foreach(inzet, k, z)
	{
		json_t *mw = json_object_get(z, "medewerker");
		for (j = 0; j < k && !json_equal(json_object_get(json_array_get(inzet, j), "medewerker"), mw); j++)
			;
		total[j] += json_integer_value(json_object_get(z, "minuten"));
	}
	int first = 1;
	json_array_foreach(inzet, k, y)
	{
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

static void opdrachten_table(struct buf *b, json_t *opdrachten, int s, json_t *names, json_t *titles, size_t members)
{
	size_t i, n = 0;
	json_t *o;
	json_array_foreach(opdrachten, i, o) n += !strcmp(json_string_value(json_object_get(o, "soort")), soorten[s]);
	html_raw(b, "<h3 class=\"utrecht-heading-3\">");
	html_txt(b, soort_koppen[s]);
	html_raw(b, "</h3><p class=\"utrecht-paragraph samen-muted\">");
	html_txt(b, soort_uitleg[s]);
	html_raw(b, "</p>");
	if (!n) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Geen opdrachten van deze soort.</p>");
		return;
	}
	static const char *const head[] = { "Opdracht", "Opdrachtgevers", "Status", "Ingezet van elders", "#Geraamd",
					    "#Goedgekeurd", NULL };
	page_table_begin(b, soort_koppen[s], "samen-table--wide");
	page_table_head(b, head);
	json_array_foreach(opdrachten, i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "soort")), soorten[s]))
			continue;
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
}

/* Who works for whom: rows the organisation whose staff worked, columns
 * the principal, cells approved hours; the totals are gebracht and gehaald. */
static void flows_table(struct buf *b, json_t *leden, json_t *flows, json_t *names)
{
	size_t n = json_array_size(leden), i, j, k;
	if (!json_array_size(flows)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er zijn nog geen goedgekeurde uren van medewerkers "
			    "voor opdrachten van een andere gemeente.</p>");
		return;
	}
	long long *cell = calloc(n * n + 1, sizeof(*cell));
	if (!cell)
		return;
	json_t *f;
	json_array_foreach(flows, k, f)
	{
		const char *from = json_string_value(json_object_get(f, "organisatie"));
		const char *to = json_string_value(json_object_get(f, "opdrachtgever"));
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (!strcmp(json_string_value(json_array_get(leden, i)), from) &&
				    !strcmp(json_string_value(json_array_get(leden, j)), to))
					cell[i * n + j] += json_integer_value(json_object_get(f, "minuten"));
	}
	html_raw(b, "<div class=\"utrecht-table-container samen-table-container\"><table class=\"utrecht-table "
		    "utrecht-table--html-table samen-table samen-table--wide samen-ub-matrix\"><caption "
		    "class=\"utrecht-table__caption\">Goedgekeurde uren: medewerkers van (rij) voor opdrachten van "
		    "(kolom)</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Medewerkers van</th>");
	for (j = 0; j < n; j++) {
		html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">voor ");
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
	static const char *const uitleg[] = { "wacht op de manager van de opdrachtgever",
					      "telt mee in de saldi", "niet geboekt, met een reden",
					      "was goedgekeurd, teruggedraaid met een tegenboeking" };
	page_table_begin(b, "Urenregels per status", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *s;
	json_array_foreach(summary, i, s)
	{
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
	json_t *opdrachten = NULL, *flows = NULL, *summary = NULL;
	if (urenbank_opdracht_list(rq->store, pg.code, NULL, NULL, NULL, &opdrachten, &p) < 0 ||
	    urenbank_flows(rq->store, pg.code, &flows, &p) < 0 || urenbank_uren_summary(rq->store, pg.code, &summary, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(opdrachten);
		json_decref(flows);
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
		opdrachten_table(b, opdrachten, s, names, titles, json_array_size(leden));
	if (!pg.closed && page_urenbank_may(rq, &pg, ACT_MATCHING, NULL)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Wie van de leden aan de open opdrachten kan werken, volgens de "
			    "kwaliteitskaart en de trekkingsrechten: het <a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, &pg, "/matching");
		html_raw(b, "\">Matchingsvoorstel</a>.</p>");
	}
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"kop-wie\"><h2 class=\"utrecht-heading-2\" id=\"kop-wie\">Wie werkt voor wie"
		    "</h2><p class=\"utrecht-paragraph\">Goedgekeurde uren van medewerkers van de ene gemeente op opdrachten "
		    "van de andere, naar het aandeel van elke opdrachtgever. Werk voor de eigen gemeente verschuift niets. "
		    "De rijtotalen zijn wat elke gemeente bracht, de kolomtotalen wat zij haalde; correcties zijn "
		    "eraf.</p>");
	flows_table(b, leden, flows, names);
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"kop-uren\"><h2 class=\"utrecht-heading-2\" id=\"kop-uren\">Urenregels</h2>");
	uren_summary(b, summary);
	html_raw(b, "<p class=\"utrecht-paragraph\">De stand per gemeente staat bij <a class=\"utrecht-link\" href=\"");
	page_urenbank_href(b, &pg, "/saldi");
	html_raw(b, "\">Saldi</a>.</p></section>");
	page_end(rq, rs);
	json_decref(opdrachten);
	json_decref(flows);
	json_decref(summary);
	json_decref(names);
	json_decref(titles);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- saldi --------------------------------------------------------------- */

static void hours_cell(struct buf *b, long long minutes, int sign)
{
	html_raw(b, minutes < 0 && sign ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap samen-ub-min\">"
					: "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
	if (sign && minutes > 0)
		html_raw(b, "+");
	page_urenbank_hours(b, minutes);
	html_raw(b, "</td>");
}

static const char *const saldo_fields[] = { "gebrachtMinuten", "gehaaldMinuten", "gestortMinuten", "saldoMinuten",
					    "vastgelegdMinuten", "beschikbaarMinuten" };

static void saldi_table(struct buf *b, json_t *saldi)
{
	static const char *const head[] = { "Gemeente", "#Gebracht", "#Gehaald", "#Gestort", "#Saldo", "#Vastgelegd",
					    "#Beschikbaar", NULL };
	page_table_begin(b, "Saldo en trekkingsrechten per gemeente", NULL);
	page_table_head(b, head);
	long long total[6] = { 0 };
	size_t i;
	json_t *s;
	json_array_foreach(saldi, i, s)
	{
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, json_string_value(json_object_get(s, "organisatie")), json_string_value(json_object_get(s, "naam")));
		html_raw(b, "</th>");
		for (int k = 0; k < 6; k++) {
			long long v = json_integer_value(json_object_get(s, saldo_fields[k]));
			total[k] += v;
			hours_cell(b, v, k == 3 || k == 5);
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "<tr class=\"utrecht-table__row samen-ub-totals\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
		    "Totaal</th>");
	for (int k = 0; k < 6; k++) {
		if (k == 5) {
			html_raw(b, "<td class=\"utrecht-table__cell\"></td>");
			continue;
		}
		hours_cell(b, total[k], k == 3);
	}
	html_raw(b, "</tr>");
	page_table_end(b);
}

static void deposits_table(struct buf *b, json_t *deposits, json_t *names)
{
	if (!json_array_size(deposits)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog geen geld gestort.</p>");
		return;
	}
	static const char *const head[] = { "Datum", "Gemeente", "#Bedrag", "#Urentegoed", "#Blijft geld", "Omschrijving", NULL };
	page_table_begin(b, "Stortingen", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *d;
	json_array_foreach(deposits, i, d)
	{
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
		html_date(b, json_string_value(json_object_get(d, "datum")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, page_name(names, json_string_value(json_object_get(d, "organisatie"))));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_money(b, json_integer_value(json_object_get(d, "bedragCenten")));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, json_integer_value(json_object_get(d, "minuten")));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_money(b, json_integer_value(json_object_get(d, "restCenten")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		const char *oms = json_string_value(json_object_get(d, "omschrijving"));
		html_txt(b, oms ? oms : "—");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

static int get_saldi(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *saldi = NULL, *deposits = NULL;
	if (urenbank_saldi(rq->store, pg.code, &saldi, &p) < 0 || urenbank_deposit_list(rq->store, pg.code, &deposits, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(saldi);
		page_urenbank_page_release(&pg);
		return 0;
	}
	json_t *names = page_urenbank_org_names(rq);
	page_urenbank_begin(rq, rs, &pg, "Saldi", "saldi");
	struct buf *b = &rs->body;
	long long limit = json_integer_value(json_object_get(pg.pt, "kredietlimietMinuten"));
	html_raw(b, "<p class=\"utrecht-paragraph\">Het saldo is gebracht − gehaald + gestort: positief is meer gebracht "
		    "dan gehaald. Beschikbaar is saldo + kredietlimiet (");
	page_urenbank_hours(b, limit);
	html_raw(b, ") − vastgelegd, waarbij vastgelegd de inzet is die al is toegezegd maar nog niet geboekt. Wie "
		    "haalt, moet beschikbare trekkingsrechten hebben. Alleen goedgekeurde uren tellen.</p>");
	if (pg.closed)
		page_urenbank_note(b, "Deze proeftuin is afgerekend: de saldi zijn daarmee op nul gezet.");
	html_raw(b, "<section aria-labelledby=\"kop-grafiek\"><h2 class=\"utrecht-heading-2\" id=\"kop-grafiek\">"
		    "Saldo per gemeente</h2><figure class=\"samen-figure\"><div class=\"samen-ub-chart\">");
	struct urenbank_saldi_options opt = { "Saldo per gemeente met de kredietlimiet", NULL, "samen-saldi" };
	urenbank_saldi_write(b, saldi, &opt);
	html_raw(b, "</div><figcaption class=\"samen-figure__caption\">Balken naar rechts: meer gebracht dan gehaald; naar "
		    "links: meer gehaald dan gebracht. De rode stippellijn is de kredietlimiet. Dezelfde getallen staan in "
		    "de tabel hieronder.</figcaption></figure></section>");
	html_raw(b, "<section aria-labelledby=\"kop-saldi\"><h2 class=\"utrecht-heading-2\" id=\"kop-saldi\">De getallen</h2>");
	saldi_table(b, saldi);
	html_raw(b, "<p class=\"utrecht-paragraph\">Controleer de saldi zelf: <a class=\"utrecht-link\" download href=\"");
	page_urenbank_href(b, &pg, "/journaal");
	html_raw(b, "\">download het journaal</a> en tel het op met <span class=\"samen-code\">hledger -f BESTAND balance"
		    "</span> of <span class=\"samen-code\">ledger -f BESTAND balance</span>.</p></section>");
	html_raw(b, "<section aria-labelledby=\"kop-stortingen\"><h2 class=\"utrecht-heading-2\" id=\"kop-stortingen\">"
		    "Stortingen</h2><p class=\"utrecht-paragraph\">Geld wordt tegen het tarief (");
	page_urenbank_money(b, json_integer_value(json_object_get(pg.pt, "tariefCenten")));
	html_raw(b, " per uur) een urentegoed in hele minuten; wat overblijft blijft geld en telt mee bij de "
		    "afrekening.</p>");
	deposits_table(b, deposits, names);
	html_raw(b, "</section>");
	page_end(rq, rs);
	json_decref(saldi);
	json_decref(deposits);
	json_decref(names);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- journaal ------------------------------------------------------------ */

static int to_buf(void *ctx, const char *text, size_t len) { return buf_add(ctx, text, len); }

static int get_journal(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	struct buf j;
	buf_init(&j, 0);
	if (urenbank_journal(rq->store, pg.code, to_buf, &j, &p) < 0) {
		buf_release(&j);
		page_error(rq, rs, 500, p.detail);
		page_urenbank_page_release(&pg);
		return 0;
	}
	buf_release(&rs->body);
	rs->body = j;
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/plain; charset=utf-8");
	/* The code is a slug (lower case, digits, '-'): safe in the header. */
	char disp[128];
	snprintf(disp, sizeof(disp), "attachment; filename=\"%.60s.journal\"", pg.code);
	resp_header(rs, "Content-Disposition", disp);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- afrekening ----------------------------------------------------------- */

struct settle_view {
	int status;
	const char *error;
	int confirm;
};

static void settlement_rows(struct buf *b, json_t *regels, long long total)
{
	static const char *const head[] = { "Gemeente", "#Saldo", "#Omgerekend", "Dat betekent", "#Rest van stortingen",
					    NULL };
	page_table_head(b, head);
	size_t i;
	json_t *r;
	json_array_foreach(regels, i, r)
	{
		long long saldo = json_integer_value(json_object_get(r, "saldoMinuten"));
		long long bedrag = json_integer_value(json_object_get(r, "bedragCenten"));
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(r, "naam")));
		html_raw(b, "</th>");
		hours_cell(b, saldo, 1);
		html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_money(b, bedrag);
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (bedrag > 0) {
			html_raw(b, "ontvangt ");
			page_urenbank_money(b, bedrag);
		} else if (bedrag < 0) {
			html_raw(b, "betaalt ");
			page_urenbank_money(b, -bedrag);
		} else {
			html_raw(b, "staat quitte");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_money(b, json_integer_value(json_object_get(r, "restCenten")));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "<tr class=\"utrecht-table__row samen-ub-totals\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
		    "Totaal</th><td class=\"utrecht-table__cell\"></td><td class=\"utrecht-table__cell "
		    "utrecht-table__cell--numeric-column samen-nowrap\">");
	page_urenbank_money(b, total);
	html_raw(b, "</td><td class=\"utrecht-table__cell\">de waarde van het gestorte urentegoed, op afronding na</td>"
		    "<td class=\"utrecht-table__cell\"></td></tr>");
}

static void render_settlement(struct request *rq, struct response *rs, struct page_urenbank_page *pg, const struct settle_view *v)
{
	struct problem p;
	problem_init(&p);
	json_t *preview = NULL, *done = NULL;
	if (urenbank_settle_preview(rq->store, pg->code, NULL, &preview, &p) < 0 ||
	    urenbank_settlement_list(rq->store, pg->code, &done, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(preview);
		return;
	}
	int may = page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL);
	page_urenbank_begin(rq, rs, pg, "Afrekening", "afrekening");
	struct buf *b = &rs->body;
	const char *afgerekend = req_query(rq, "afgerekend");
	if (afgerekend && !v->error)
		page_urenbank_note(b, "De proeftuin is afgerekend. De saldi zijn omgezet in geld en de periode is gesloten voor nieuwe "
			   "boekingen.");
	if (v->error)
		page_alert(b, v->error);
	if (!pg->closed) {
		long long pending = json_integer_value(json_object_get(preview, "teBeoordelen"));
		html_raw(b, "<section aria-labelledby=\"kop-voorbeeld\"><h2 class=\"utrecht-heading-2\" id=\"kop-voorbeeld\">"
			    "Voorbeeld van de afrekening</h2><p class=\"utrecht-paragraph\">Zo zou de afrekening tot en met ");
		html_date(b, json_string_value(json_object_get(preview, "tot")));
		html_raw(b, " eruitzien tegen ");
		page_urenbank_money(b, json_integer_value(json_object_get(preview, "tariefCenten")));
		html_raw(b, " per uur. Er wordt niets vastgelegd: dit is een berekening op de stand van nu. Een positief saldo "
			    "wordt een vordering, een negatief saldo een schuld; samen zijn ze gelijk aan wat als urentegoed is "
			    "gestort.</p>");
		if (pending) {
			char msg[256];
			snprintf(msg, sizeof(msg),
				 "Er %s nog %lld urenregel%s ter goedkeuring. Die moeten eerst worden goedgekeurd of "
				 "afgekeurd; daarna kan de proeftuin worden afgerekend.",
				 pending == 1 ? "staat" : "staan", pending, pending == 1 ? "" : "s");
			html_raw(b, "<div class=\"utrecht-alert utrecht-alert--warning samen-ub-warning\"><p class=\"utrecht-paragraph\">");
			html_txt(b, msg);
			html_raw(b, "</p></div>");
		}
		page_table_begin(b, "Voorlopige afrekening per gemeente", NULL);
		settlement_rows(b, json_object_get(preview, "regels"), json_integer_value(json_object_get(preview, "totaalCenten")));
		page_table_end(b);
		if (may && pending) {
			html_raw(b, "<p class=\"utrecht-paragraph samen-muted\">Afrekenen kan zodra alle ingediende uren zijn "
				    "beoordeeld.</p>");
		} else if (may && v->confirm) {
			html_raw(b, "<div class=\"samen-ub-confirm\" role=\"region\" aria-labelledby=\"kop-bevestig\">"
				    "<h2 class=\"utrecht-heading-2\" id=\"kop-bevestig\">Definitief afrekenen?</h2>"
				    "<p class=\"utrecht-paragraph\">Na de afrekening worden de saldi hierboven geld, staan de "
				    "saldi op nul en kan in deze periode niets meer worden geboekt, goedgekeurd of gestort. Dit "
				    "kan niet ongedaan worden gemaakt.</p><form method=\"post\" action=\"");
			page_urenbank_href(b, pg, "/afrekening");
			html_raw(b, "\">");
			html_csrf_field(rq, b);
			html_raw(b, "<input type=\"hidden\" name=\"bevestig\" value=\"ja\"><div class=\"utrecht-button-group\">"
				    "<button class=\"utrecht-button utrecht-button--primary-action utrecht-button--danger\" "
				    "type=\"submit\">Definitief afrekenen</button><a class=\"utrecht-button-link "
				    "utrecht-button-link--html-a utrecht-button-link--secondary-action\" href=\"");
			page_urenbank_href(b, pg, "/afrekening");
			html_raw(b, "\">Annuleren</a></div></form></div>");
		} else if (may) {
			html_raw(b, "<form method=\"get\" action=\"");
			page_urenbank_href(b, pg, "/afrekening");
			html_raw(b, "\" class=\"samen-ub-actions\"><input type=\"hidden\" name=\"stap\" value=\"bevestigen\">"
				    "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">"
				    "Afrekenen…</button></form>");
		} else {
			html_raw(b, "<p class=\"utrecht-paragraph samen-muted\">Afrekenen doet de procesmanager van de "
				    "proeftuin.</p>");
		}
		html_raw(b, "</section>");
	}
	html_raw(b, "<section aria-labelledby=\"kop-gedaan\"><h2 class=\"utrecht-heading-2\" id=\"kop-gedaan\">"
		    "Afrekeningen</h2>");
	if (!json_array_size(done))
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Deze proeftuin is nog niet afgerekend.</p>");
	size_t i;
	json_t *a;
	json_array_foreach(done, i, a)
	{
		struct buf cap;
		buf_init(&cap, 512);
		buf_adds(&cap, "Afrekening tot en met ");
		html_date(&cap, json_string_value(json_object_get(a, "tot")));
		buf_adds(&cap, ", door ");
		buf_adds(&cap, json_string_value(json_object_get(a, "door")));
		page_table_begin(b, buf_str(&cap), NULL);
		buf_release(&cap);
		settlement_rows(b, json_object_get(a, "regels"), json_integer_value(json_object_get(a, "totaalCenten")));
		page_table_end(b);
	}
	html_raw(b, "</section>");
	page_end(rq, rs);
	if (v->status)
		rs->status = v->status;
	json_decref(preview);
	json_decref(done);
}

static int get_settlement(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	const char *stap = req_query(rq, "stap");
	struct settle_view v = { 0, NULL, stap && !strcmp(stap, "bevestigen") };
	render_settlement(rq, rs, &pg, &v);
	page_urenbank_page_release(&pg);
	return 0;
}

static int post_settlement(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (!page_urenbank_may(rq, &pg, ACT_EXCHANGE_MANAGE, NULL)) {
		authz_require_page(rq, rs, ACT_EXCHANGE_MANAGE, pg.code);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct settle_view v = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
	} else if (!form_get(&f, "bevestig") || strcmp(form_get(&f, "bevestig"), "ja")) {
		v.status = 400;
		v.error = "Bevestig de afrekening met de knop 'Definitief afrekenen'.";
		v.confirm = 1;
	}
	form_release(&f);
	if (v.status) {
		render_settlement(rq, rs, &pg, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *in = json_object(), *out = NULL;
	int r = urenbank_settle(rq->store, &rq->actor, pg.code, in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_EXCHANGE_MANAGE, r < 0 ? p.status : 201, pg.code);
	if (r < 0) {
		v.status = p.status ? p.status : 500;
		v.error = p.detail;
		render_settlement(rq, rs, &pg, &v);
	} else {
		struct buf loc;
		buf_init(&loc, 512);
		buf_adds(&loc, "/proeftuinen/");
		html_url_segment(&loc, pg.code);
		buf_printf(&loc, "/afrekening?afgerekend=%lld", (long long)json_integer_value(json_object_get(out, "id")));
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Afgerekend.\n");
		buf_release(&loc);
	}
	json_decref(out);
	page_urenbank_page_release(&pg);
	return 0;
}

const struct route page_urenbank_routes[] = {
	{ "GET", "/proeftuinen", get_list, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}", get_overview, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/saldi", get_saldi, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/journaal", get_journal, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/afrekening", get_settlement, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/afrekening", post_settlement, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/uren/nieuw", page_uren_form, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren", page_uren_submit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/proeftuinen/{p}/goedkeuren", page_queue, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren/{id}/goedkeuren", page_approve, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/uren/{id}/afkeuren", page_reject, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
