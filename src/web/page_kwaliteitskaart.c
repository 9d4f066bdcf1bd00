/* The kwaliteitskaart heatmap and the import page (page_kwaliteitskaart.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/kwaliteitskaart.h"
#include "http/authz.h"
#include "http/multipart.h"
#include "store/register.h"
#include "store/gedeeld.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"
#include "web/page_kwaliteitskaart.h"
#include "web/page_listing.h"
#include "web/pages.h"

static const char *str(json_t *o, const char *name) { return json_string_value(json_object_get(o, name)); }

/* The object of list whose key is value, or NULL. */
static json_t *find_by(json_t *list, const char *key, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		const char *v = str(x, key);
		if (v && !strcmp(v, value))
			return x;
	}
	return NULL;
}

static int this_year(void)
{
	int y, m, d;
	date_to_ymd(date_today(), &y, &m, &d);
	return y;
}

/* ---- the heatmap ------------------------------------------------------------- */

static const char *const status_symbol[] = { "✕", "!", "✓" };

static int status_index(const char *s) { return s && !strcmp(s, "gedekt") ? 2 : s && !strcmp(s, "een-pitter") ? 1 : 0; }

static void status_words(struct buf *b, int si)
{
	html_raw(b, "<span class=\"samen-kk__status\"><span aria-hidden=\"true\">");
	html_txt(b, status_symbol[si]);
	html_raw(b, "</span> ");
	html_txt(b, si == 2 ? "gedekt" : si == 1 ? "één-pitter" : "ontbreekt");
	html_raw(b, "</span>");
}

static void legend(struct buf *b, int proj_year)
{
	html_raw(b, "<section aria-labelledby=\"kop-legenda\" class=\"samen-kk-legend\"><h2 class=\"utrecht-heading-3\" "
		    "id=\"kop-legenda\">Legenda</h2><ul class=\"samen-kk-legend__list\">");
	static const char *const what[] = { "geen houder: niemand met niveau 2 of 3 is er",
					    "precies één houder: kwetsbaar bij ziekte, vakantie of vertrek",
					    "twee of meer houders" };
	static const char *const cls[] = { "ontbreekt", "een-pitter", "gedekt" };
	for (int i = 2; i >= 0; i--) {
		html_raw(b, "<li><span class=\"samen-kk-legend__swatch samen-kk--");
		html_raw(b, cls[i]);
		html_raw(b, "\">");
		status_words(b, i);
		html_raw(b, "</span> ");
		html_txt(b, what[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "<li><span class=\"samen-kk-legend__swatch samen-kk--nvt\"><span aria-hidden=\"true\">—</span> n.v.t.</span> "
		    "de competentie staat niet op de lijst van een verband van deze organisatie</li>"
		    "<li><span class=\"samen-kk-legend__swatch samen-kk__proj\"><span aria-hidden=\"true\">▼</span> ");
	html_int(b, proj_year);
	html_raw(b, "</span> de status wordt slechter binnen vijf jaar, doordat houders met pensioen gaan</li></ul>"
		    "<p class=\"utrecht-paragraph samen-muted\">Een houder beheerst de competentie op niveau 2 (ervaren) of "
		    "3 (expert). Wie pensioenjaar P heeft, werkt in P nog en is er vanaf 1 januari van het jaar daarna niet "
		    "meer. Op een peildatum telt wie die dag afwezig is niet mee.</p></section>");
}

/* A select of the filter form: name, label, the list with its value and
 * label keys, the option for "all", the chosen value. */
static void filter_select(struct buf *b, const char *name, const char *label, json_t *list, const char *key,
			  const char *label_key, const char *all, const char *chosen)
{
	html_raw(b, "<div class=\"utrecht-form-field samen-filter__field\"><div class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"");
	html_attr(b, name);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</label></div><div class=\"utrecht-form-field__input\"><select class=\"utrecht-select "
		    "utrecht-select--html-select\" id=\"");
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\"><option value=\"\">");
	html_txt(b, all);
	html_raw(b, "</option>");
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		html_raw(b, "<option value=\"");
		html_attr(b, str(v, key));
		html_raw(b, chosen && !strcmp(chosen, str(v, key)) ? "\" selected>" : "\">");
		html_txt(b, str(v, label_key));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div></div>");
}

static void filter_form(struct buf *b, json_t *verbanden, const char *verband, int jaar, const char *error, json_t *orgs,
			const char *org, json_t *comps, const char *comp)
{
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"/kwaliteitskaart\">"
		    "<div class=\"utrecht-form-field samen-filter__field\"><div class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"verband\">Verband</label></div>"
		    "<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select\" "
		    "id=\"verband\" name=\"verband\"><option value=\"\">Alle organisaties met een kwaliteitskaart</option>");
	size_t i;
	json_t *v;
	json_array_foreach(verbanden, i, v) {
		html_raw(b, "<option value=\"");
		html_attr(b, str(v, "code"));
		html_raw(b, verband && !strcmp(verband, str(v, "code")) ? "\" selected>" : "\">");
		html_txt(b, str(v, "naam"));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div></div>");
	filter_select(b, "organisatie", "Organisatie", orgs, "code", "naam", "Alle organisaties van de selectie", org);
	filter_select(b, "competentie", "Competentie", comps, "code", "naam", "Alle competenties", comp);
	html_raw(b, error ? "<div class=\"utrecht-form-field utrecht-form-field--invalid samen-filter__field\">"
			  : "<div class=\"utrecht-form-field samen-filter__field\">");
	html_raw(b,
		 "<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"jaar\">Jaar</label></div>");
	if (error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"jaar-fout\">");
		html_txt(b, error);
		html_raw(b, "</div>");
	}
	html_raw(b, "<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select\" "
		    "id=\"jaar\" name=\"jaar\"");
	html_raw(b, error ? " aria-invalid=\"true\" aria-describedby=\"jaar-fout\">" : ">");
	int now = this_year(), first = 2012 < now ? 2012 : now, last = now + 10;
	if (jaar < first)
		first = jaar;
	if (jaar > last)
		last = jaar;
	for (int y = first; y <= last; y++) {
		html_raw(b, "<option value=\"");
		html_int(b, y);
		html_raw(b, y == jaar ? "\" selected>" : "\">");
		html_int(b, y);
		if (y == now)
			html_raw(b, " (dit jaar)");
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">"
		    "Toon</button></form>");
}

/* Quick links to the seeds' year, five years later and this year. */
static void year_links(struct buf *b, const char *verband, int jaar)
{
	int years[3] = { 2012, 2017, this_year() };
	static const char *const notes[3] = { " (bronstukken)", " (vijf jaar later)", " (dit jaar)" };
	html_raw(b, "<nav class=\"samen-quicklinks\" aria-label=\"Snel naar een jaar\"><span class=\"samen-quicklinks__label\">"
		    "Snel naar:</span><ul class=\"samen-quicklinks__list\">");
	for (int i = 0; i < 3; i++) {
		if (i == 2 && (years[2] == 2012 || years[2] == 2017))
			break;
		struct buf h;
		buf_init(&h, 512);
		buf_printf(&h, "/kwaliteitskaart?jaar=%d", years[i]);
		if (verband) {
			buf_adds(&h, "&verband=");
			html_url_segment(&h, verband);
		}
		html_raw(b, "<li><a class=\"utrecht-link\" href=\"");
		html_attr(b, buf_str(&h));
		html_raw(b, years[i] == jaar ? "\" aria-current=\"true\">" : "\">");
		html_int(b, years[i]);
		html_txt(b, notes[i]);
		html_raw(b, "</a></li>");
		buf_release(&h);
	}
	html_raw(b, "</ul></nav>");
}

static json_t *find_org(json_t *per, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach(per, i, x)
		if (!strcmp(str(x, "organisatie"), code))
			return x;
	return NULL;
}

static void cell(struct buf *b, json_t *e, int proj_year)
{
	if (!e) {
		html_raw(b, "<td class=\"utrecht-table__cell samen-kk samen-kk--nvt\"><span aria-hidden=\"true\">—</span>"
			    "<span class=\"samen-visually-hidden\">niet van toepassing</span></td>");
		return;
	}
	int si = status_index(str(e, "status")), pi = status_index(str(e, "statusProjectie"));
	static const char *const cls[] = { "ontbreekt", "een-pitter", "gedekt" };
	html_raw(b, "<td class=\"utrecht-table__cell samen-kk samen-kk--");
	html_raw(b, cls[si]);
	html_raw(b, "\"><span class=\"samen-kk__n\">");
	html_int(b, json_integer_value(json_object_get(e, "houders")));
	html_raw(b, "</span> ");
	status_words(b, si);
	if (pi < si) {
		html_raw(b, "<span class=\"samen-kk__proj\"><span aria-hidden=\"true\">▼</span> ");
		html_int(b, proj_year);
		html_raw(b, ": ");
		html_txt(b, pi == 1 ? "één-pitter" : "ontbreekt");
		html_raw(b, " (");
		html_int(b, json_integer_value(json_object_get(e, "houdersProjectie")));
		html_raw(b, ")</span>");
	}
	long long subs = json_integer_value(json_object_get(e, "vervangers"));
	if (subs > 0 && si < 2) {
		html_raw(b, "<span class=\"samen-kk__sub\">+");
		html_int(b, subs);
		html_raw(b, subs == 1 ? " vervanger</span>" : " vervangers</span>");
	}
	html_raw(b, "</td>");
}

/* The heatmap of the organisations cols (a page of those of the
 * selection) and, when comp is set, only that competence; the column of
 * the network is the whole selection's. */
static void heatmap(struct buf *b, json_t *net, json_t *orgs, const char *comp, int jaar, const char *datum)
{
	json_t *comps = json_object_get(net, "competenties");
	int proj = (int)json_integer_value(json_object_get(net, "projectiejaar"));
	if (!json_array_size(orgs) || !json_array_size(comps)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Voor deze selectie is er nog geen kwaliteitskaart: "
			    "geen organisaties met medewerkers en competenties. Lees een kaart in via "
			    "<a class=\"utrecht-link\" href=\"/kwaliteitskaart/import\">Kwaliteitskaart inlezen</a>.</p>");
		return;
	}
	struct buf cap;
	buf_init(&cap, 512);
	buf_adds(&cap, "Houders per competentie en organisatie ");
	if (datum) {
		buf_adds(&cap, "op ");
		html_date(&cap, datum);
	} else {
		buf_printf(&cap, "in %d", jaar);
	}
	buf_printf(&cap, ", met de verandering tot %d", proj);
	page_table_begin(b, buf_str(&cap), "samen-table--kk");
	buf_release(&cap);
	html_raw(b, "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Competentie</th>");
	size_t i, k;
	json_t *o, *c;
	json_array_foreach(orgs, i, o) {
		html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell samen-kk__org\">");
		page_org_link(b, str(o, "code"), str(o, "naam"));
		html_raw(b, "</th>");
	}
	html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell samen-kk__org\">Netwerk samen</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	json_array_foreach(comps, k, c) {
		if (comp && strcmp(comp, str(c, "competentie")))
			continue;
		html_raw(b, "<tr class=\"utrecht-table__row\" data-competentie=\"");
		html_attr(b, str(c, "competentie"));
		html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, str(c, "naam"));
		html_raw(b, "<span class=\"samen-cell-note\">");
		if (str(c, "verband")) {
			html_raw(b, "lijst ");
			html_txt(b, str(c, "verband"));
		} else {
			html_raw(b, "gedeelde lijst");
		}
		html_raw(b, "</span></th>");
		json_t *per = json_object_get(c, "perOrganisatie");
		json_array_foreach(orgs, i, o)
			cell(b, find_org(per, str(o, "code")), proj);
		json_t *pj = json_object_get(c, "projectie");
		json_t *net_cell =
			json_pack("{s:O,s:O,s:O,s:O,s:i}", "houders", json_object_get(c, "netwerkHouders"), "status",
				  json_object_get(c, "netwerkStatus"), "houdersProjectie", json_object_get(pj, "netwerkHouders"),
				  "statusProjectie", json_object_get(pj, "netwerkStatus"), "vervangers", 0);
		cell(b, net_cell, proj);
		json_decref(net_cell);
		html_raw(b, "</tr>");
	}
	page_table_end(b);
}

/* "Informatiebeveiliging en GIS" for codes, by their names in comps. */
static void comp_names(struct buf *b, json_t *codes, json_t *comps)
{
	size_t i, k, n = json_array_size(codes);
	json_t *x, *c;
	json_array_foreach(codes, i, x) {
		const char *name = json_string_value(x);
		json_array_foreach(comps, k, c)
			if (!strcmp(str(c, "competentie"), json_string_value(x)))
				name = str(c, "naam");
		if (i)
			html_raw(b, i + 1 == n ? " en " : ", ");
		html_txt(b, name);
	}
}

static void network_summary(struct buf *b, json_t *net, int jaar, const char *datum)
{
	json_t *now = json_object_get(net, "samenvatting"), *pj = json_object_get(net, "samenvattingProjectie");
	json_t *comps = json_object_get(net, "competenties");
	int proj = (int)json_integer_value(json_object_get(net, "projectiejaar"));
	html_raw(b, "<section aria-labelledby=\"kop-netwerk\"><h2 class=\"utrecht-heading-2\" id=\"kop-netwerk\">"
		    "Het netwerk als geheel</h2><ul class=\"samen-kk-summary\"><li>");
	if (datum)
		html_date(b, datum);
	else
		html_int(b, jaar);
	html_raw(b, ": <strong>");
	html_int(b, json_integer_value(json_object_get(now, "eenPitter")));
	html_raw(b, "</strong> keer één-pitter en <strong>");
	html_int(b, json_integer_value(json_object_get(now, "ontbreekt")));
	html_raw(b, "</strong> keer ontbrekend bij een organisatie. ");
	json_t *one = json_object_get(now, "netwerkEenPitters");
	if (json_array_size(one)) {
		html_raw(b, "In het hele netwerk van één persoon afhankelijk: ");
		comp_names(b, one, comps);
		html_raw(b, ".");
	} else {
		html_raw(b, "Geen competentie hangt in het hele netwerk van één persoon af.");
	}
	html_raw(b, "</li><li>");
	html_int(b, proj);
	html_raw(b, ": <strong>");
	html_int(b, json_integer_value(json_object_get(pj, "eenPitter")));
	html_raw(b, "</strong> keer één-pitter en <strong>");
	html_int(b, json_integer_value(json_object_get(pj, "ontbreekt")));
	html_raw(b, "</strong> keer ontbrekend. ");
	one = json_object_get(pj, "netwerkEenPitters");
	if (json_array_size(one)) {
		html_raw(b, "In het hele netwerk van één persoon afhankelijk: ");
		comp_names(b, one, comps);
		html_raw(b, ".");
	} else {
		html_raw(b, "Geen competentie hangt dan in het hele netwerk van één persoon af.");
	}
	html_raw(b, "</li></ul><p class=\"utrecht-paragraph\">Als ware het één netwerkorganisatie: een organisatie die "
		    "een competentie mist of er één houder van heeft, kan een vervanger uit een andere gemeente afspreken "
		    "(zie de persoonspagina's).</p></section>");
}

/* At most this many names per organisation; the rest on /medewerkers. */
#define KK_STAFF_SHOWN 50
/* Organisations a page of the heatmap shows, the rest on further pages. */
#define KK_COLUMNS 12

/* The medewerkers of the organisations orgs (those of this page of the
 * heatmap), of each at most KK_STAFF_SHOWN, all read in one query; with
 * comp only who has that competence (comp_naam). */
static void medewerkers_lists(struct request *rq, struct buf *b, json_t *orgs, const char *comp, const char *comp_naam)
{
	html_raw(b, "<section aria-labelledby=\"kop-medewerkers\"><h2 class=\"utrecht-heading-2\" id=\"kop-medewerkers\">"
		    "Medewerkers per organisatie</h2><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		    "href=\"/medewerkers\">Zoek in alle medewerkers</a></p>");
	if (comp) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Alleen wie de competentie ");
		html_txt(b, comp_naam);
		html_raw(b, " heeft, op welk niveau ook.</p>");
	}
	size_t i, k;
	json_t *o, *m;
	struct buf codes;
	buf_init(&codes, 1024);
	json_array_foreach(orgs, i, o) {
		if (i)
			buf_addc(&codes, ',');
		buf_adds(&codes, str(o, "code"));
	}
	json_t *per = NULL;
	struct problem p;
	problem_init(&p);
	if (medewerkers_per_org(rq->store, buf_str(&codes), comp, KK_STAFF_SHOWN, &per, &p) < 0)
		per = json_object();
	buf_release(&codes);
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	json_array_foreach(orgs, i, o) {
		json_t *own = json_object_get(per, str(o, "code")), *staff = json_object_get(own, "medewerkers");
		long long total = json_integer_value(json_object_get(own, "totaal"));
		html_raw(b, "<details class=\"samen-kk-staff\"><summary>");
		html_txt(b, str(o, "naam"));
		html_raw(b, " (");
		html_int_grouped(b, total);
		html_raw(b, total == 1 ? " medewerker" : " medewerkers");
		if (comp) {
			html_raw(b, " met ");
			html_txt(b, comp_naam);
		}
		html_raw(b, ")</summary><ul class=\"samen-kk-medewerkers__list\">");
		json_array_foreach(staff, k, m) {
			char href[64];
			snprintf(href, sizeof(href), "/medewerkers/%lld",
				 (long long)json_integer_value(json_object_get(m, "id")));
			html_raw(b, "<li>");
			html_link(b, href, str(m, "naam"));
			if (str(m, "functie")) {
				html_raw(b, " <span class=\"samen-muted\">");
				html_txt(b, str(m, "functie"));
				html_raw(b, "</span>");
			}
			html_raw(b, "</li>");
		}
		/* Shared staff of other organisations that work for this one (gedeeld.h). */
		json_t *gedeeld = comp ? json_array() : gedeeld_voor_organisatie(rq->store, str(o, "code"), today);
		json_array_foreach(gedeeld, k, m) {
			char href[64];
			snprintf(href, sizeof(href), "/medewerkers/%lld",
				 (long long)json_integer_value(json_object_get(m, "medewerker")));
			html_raw(b, "<li data-gedeeld=\"");
			html_attr(b, str(m, "werkgever"));
			html_raw(b, "\">");
			html_link(b, href, str(m, "naam"));
			html_raw(b, " <span class=\"samen-muted\">");
			if (str(m, "functie")) {
				html_txt(b, str(m, "functie"));
				html_raw(b, ", ");
			}
			html_raw(b, "gedeelde medewerker in dienst van ");
			html_txt(b, str(m, "werkgeverNaam"));
			html_raw(b, ", werkt ook voor ");
			html_txt(b, str(o, "naam"));
			html_raw(b, " (");
			html_txt(b, str(m, "taakveldNaam"));
			html_raw(b, ")</span></li>");
		}
		json_decref(gedeeld);
		html_raw(b, "</ul>");
		struct buf h;
		buf_init(&h, 256);
		if (total > (long long)json_array_size(staff)) {
			buf_adds(&h, "/medewerkers?organisatie=");
			html_url_segment(&h, str(o, "code"));
			if (comp) {
				buf_adds(&h, "&competentie=");
				html_url_segment(&h, comp);
			}
			html_raw(b, "<p class=\"utrecht-paragraph\">De eerste ");
			html_int(b, (long long)json_array_size(staff));
			html_raw(b, " hierboven; ");
			struct buf t;
			buf_init(&t, 256);
			buf_printf(&t, "alle %lld medewerkers van %s", total, str(o, "naam"));
			html_link(b, buf_str(&h), buf_str(&t));
			buf_release(&t);
			html_raw(b, ".</p>");
			h.len = 0;
		}
		html_raw(b, "<p class=\"utrecht-paragraph\">Uitvoer: ");
		buf_adds(&h, "/api/v1/kwaliteitskaart?organisatie=");
		html_url_segment(&h, str(o, "code"));
		size_t base = h.len;
		buf_adds(&h, "&formaat=csv");
		html_link(b, buf_str(&h), "CSV (Excel, puntkomma)");
		h.len = base;
		buf_adds(&h, "&formaat=xlsx");
		html_raw(b, " · ");
		html_link(b, buf_str(&h), "Excel-werkmap (XLSX)");
		buf_release(&h);
		html_raw(b, "</p></details>");
	}
	json_decref(per);
	html_raw(b, "</section>");
}

/* The address of this selection on column page n, as an attribute value. */
static void kaart_href(struct buf *b, struct request *rq, long long n)
{
	static const char *const keep[] = { "verband", "jaar", "datum", "organisatie", "competentie", NULL };
	struct buf h;
	buf_init(&h, 1024);
	buf_adds(&h, "/kwaliteitskaart");
	int first = 1;
	for (int i = 0; keep[i]; i++) {
		const char *v = req_query(rq, keep[i]);
		if (!v || !v[0])
			continue;
		buf_adds(&h, first ? "?" : "&");
		first = 0;
		buf_adds(&h, keep[i]);
		buf_addc(&h, '=');
		html_url_segment(&h, v);
	}
	if (n > 1)
		buf_printf(&h, "%spagina=%lld", first ? "?" : "&", n);
	html_attr(b, buf_str(&h));
	buf_release(&h);
}

/* "Organisatie 1 tot en met 12 van 342" above the heatmap. */
static void columns_count(struct buf *b, long long from, long long to, long long total)
{
	html_raw(b, "<p class=\"utrecht-paragraph samen-listing-count\">");
	if (total > KK_COLUMNS) {
		html_raw(b, "Organisatie ");
		html_int_grouped(b, from);
		html_raw(b, " tot en met ");
		html_int_grouped(b, to);
		html_raw(b, " van ");
		html_int_grouped(b, total);
		html_raw(b, "; het netwerk samen is de hele selectie.");
	} else {
		html_int_grouped(b, total);
		html_raw(b, total == 1 ? " organisatie." : " organisaties.");
	}
	html_raw(b, "</p>");
}

static void kaart_page_href(struct buf *b, long long to, const void *ctx) { kaart_href(b, (struct request *)ctx, to); }

static int get_kaart(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	const char *verband = req_query(rq, "verband"), *qjaar = req_query(rq, "jaar"), *qdatum = req_query(rq, "datum");
	const char *org = req_query(rq, "organisatie"), *comp = req_query(rq, "competentie"), *qpagina = req_query(rq, "pagina");
	if (verband && !verband[0])
		verband = NULL;
	if (org && !org[0])
		org = NULL;
	if (comp && !comp[0])
		comp = NULL;
	long long pagina = 1;
	if (qpagina && qpagina[0] && (http_parse_id(qpagina, &pagina) < 0 || pagina > 1000000))
		pagina = 1;
	int jaar = this_year(), bad = 0;
	const char *error = NULL;
	int32_t d = date_today();
	char datum[DATE_TEXT_LEN];
	if (qjaar && qjaar[0]) {
		char *end;
		long v = strtol(qjaar, &end, 10);
		if (*end || v < 1950 || v > 2100) {
			error = "Kies een jaar van 1950 tot en met 2100.";
			bad = 1;
		} else {
			jaar = (int)v;
		}
	}
	int with_date = 0;
	if (qdatum && qdatum[0]) {
		if (date_parse(qdatum, &d) < 0) {
			error = "De peildatum is geen geldige datum (JJJJ-MM-DD).";
			bad = 1;
		} else {
			with_date = 1;
			jaar = kwaliteitskaart_moment_date(d).year;
		}
	}
	/* This year is today, absences included; another year its 1 January. */
	if (!with_date && jaar == this_year())
		with_date = 1, d = date_today();
	date_format(d, datum);
	struct kwaliteitskaart_moment m = with_date ? kwaliteitskaart_moment_date(d) : kwaliteitskaart_moment_year(jaar);
	struct problem p;
	problem_init(&p);
	json_t *net = NULL, *verbanden = register_verband_list(rq->store), *orgs = register_org_list(rq->store), *comps = NULL;
	if (kwaliteitskaart_competence_list(rq->store, NULL, &comps, &p) < 0)
		comps = json_array();
	problem_init(&p);
	const char *comp_naam = NULL;
	if (org && !find_by(orgs, "code", org)) {
		error = "Deze organisatie bestaat niet; kies er een uit de lijst.";
		bad = 1;
		org = NULL;
	}
	if (comp) {
		json_t *c = find_by(comps, "code", comp);
		comp_naam = c ? str(c, "naam") : NULL;
		if (!c) {
			error = "Deze competentie bestaat niet; kies er een uit de lijst.";
			bad = 1;
			comp = NULL;
		}
	}
	if (!bad && kwaliteitskaart_network_page(rq->store, verband, org, (pagina - 1) * KK_COLUMNS, KK_COLUMNS, m,
						 m.year + KWALITEITSKAART_PROJECTION_YEARS, &net, &p) < 0) {
		if (p.status != 422) {
			json_decref(verbanden);
			json_decref(orgs);
			json_decref(comps);
			page_error(rq, rs, p.status ? p.status : 500, p.detail);
			return 0;
		}
		bad = 1;
		error = "Dit verband bestaat niet; kies er een uit de lijst.";
		verband = NULL;
	}
	page_begin(rq, rs, "Kwaliteitskaart");
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Kwaliteitskaart</h1><p class=\"utrecht-paragraph\">Wie weet wat, in welke "
		    "gemeente: per competentie het aantal houders in elke organisatie, gekleurd en benoemd naar de "
		    "kwetsbaarheid. Kies een jaar om te zien wat de uitstroom door pensionering met de kaart doet.</p>");
	if (policy_allows(&rq->actor, ACT_STAFF_WRITE, rq->actor.org[0] ? rq->actor.org : NULL, NULL))
		html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/kwaliteitskaart/import\">"
			    "Kwaliteitskaart inlezen (CSV uit Excel)</a></p>");
	if (bad)
		page_alert(b, error);
	filter_form(b, verbanden, verband, jaar, bad ? error : NULL, orgs, org, comps, comp);
	year_links(b, verband, jaar);
	if (net) {
		/* The columns: the selection's organisations (or the one asked
		 * for), a page of KK_COLUMNS at a time. */
		json_t *all = json_object_get(net, "organisaties"), *cols = json_array(), *o;
		size_t i, n = 0;
		json_array_foreach(all, i, o)
			if (!org || !strcmp(org, str(o, "code")))
				n++;
		long long last = n ? ((long long)n + KK_COLUMNS - 1) / KK_COLUMNS : 1;
		long long from = (pagina - 1) * KK_COLUMNS, k = 0;
		json_array_foreach(all, i, o) {
			if (org && strcmp(org, str(o, "code")))
				continue;
			if (k >= from && k < from + KK_COLUMNS)
				json_array_append(cols, o);
			k++;
		}
		if (org && !n)
			page_alert(b, "Deze organisatie heeft in deze selectie geen kwaliteitskaart.");
		if (n > KK_COLUMNS || pagina > 1)
			columns_count(b, from + 1, from + (long long)json_array_size(cols), (long long)n);
		heatmap(b, net, cols, comp, jaar, with_date ? datum : NULL);
		page_listing_pager(b, "Pagina's van organisaties", "Vorige organisaties", "Volgende organisaties", pagina, last,
				   kaart_page_href, rq);
		legend(b, (int)json_integer_value(json_object_get(net, "projectiejaar")));
		network_summary(b, net, jaar, with_date ? datum : NULL);
		medewerkers_lists(rq, b, cols, comp, comp_naam);
		json_decref(cols);
	}
	page_end(rq, rs);
	if (bad)
		rs->status = 400;
	json_decref(net);
	json_decref(verbanden);
	json_decref(orgs);
	json_decref(comps);
	return 0;
}

/* ---- import --------------------------------------------------------------------- */

static void import_form(struct request *rq, struct buf *b, const char *chosen)
{
	json_t *orgs = register_org_list(rq->store);
	html_raw(b, "<form class=\"samen-kk-upload\" method=\"post\" action=\"/kwaliteitskaart/import\" "
		    "enctype=\"multipart/form-data\">");
	html_csrf_field(rq, b);
	html_raw(b,
		 "<div class=\"utrecht-form-field\"><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
		 "for=\"organisatie\">Organisatie</label></div><div class=\"utrecht-form-field__input\"><select "
		 "class=\"utrecht-select "
		 "utrecht-select--html-select\" id=\"organisatie\" name=\"organisatie\" required>");
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		if (!policy_allows(&rq->actor, ACT_STAFF_WRITE, str(o, "code"), NULL))
			continue;
		html_raw(b, "<option value=\"");
		html_attr(b, str(o, "code"));
		html_raw(b, chosen && !strcmp(chosen, str(o, "code")) ? "\" selected>" : "\">");
		html_txt(b, str(o, "naam"));
		html_raw(b, " (");
		html_txt(b, str(o, "code"));
		html_raw(b, ")</option>");
	}
	json_decref(orgs);
	html_raw(b, "</select></div></div><div class=\"utrecht-form-field\"><div class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"bestand\">Bestand (CSV)</label></div>"
		    "<div class=\"utrecht-form-field__description\" id=\"bestand-uitleg\">Sla het werkblad in Excel op als "
		    "‘CSV (gescheiden door lijstscheidingsteken)’ of ‘CSV UTF-8’.</div>"
		    "<div class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox utrecht-textbox--html-input\" "
		    "type=\"file\" id=\"bestand\" name=\"bestand\" accept=\".csv,.txt,text/csv\" required "
		    "aria-describedby=\"bestand-uitleg\"></div></div>"
		    "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Inlezen</button></form>");
}

static void format_help(struct buf *b)
{
	html_raw(b, "<section aria-labelledby=\"kop-indeling\"><h2 class=\"utrecht-heading-2\" id=\"kop-indeling\">Indeling</h2>"
		    "<p class=\"utrecht-paragraph\">Eén regel per medewerker. De eerste regel geeft de kolommen: "
		    "<span class=\"samen-code\">naam</span> (verplicht), <span class=\"samen-code\">functie</span>, "
		    "<span class=\"samen-code\">uurPerWeek</span> (verplicht voor wie nieuw is), "
		    "<span class=\"samen-code\">beschikbaarUurPerWeek</span>, <span class=\"samen-code\">pensioenjaar</span>, "
		    "dan één kolom per competentiecode met het niveau: 1 (basis), 2 (ervaren), 3 (expert) of leeg. "
		    "Een bestaande medewerker (zelfde naam in dezelfde organisatie) wordt bijgewerkt; een lege niveaucel "
		    "haalt dat niveau weg. Is één cel fout, dan wordt niets ingelezen en ziet u elke fout met regel en "
		    "kolom. Tip: begin met de uitvoer van de eigen kaart (CSV) op de kwaliteitskaartpagina.</p>");
	static const char *const head[] = { "naam", "functie", "#uurPerWeek", "#pensioenjaar", "#gis", "#woz-taxatie", NULL };
	page_table_begin(b, "Voorbeeld", NULL);
	page_table_head(b, head);
	html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">Ilse Nijenhuis</td>"
		    "<td class=\"utrecht-table__cell\">taxateur WOZ</td><td class=\"utrecht-table__cell "
		    "utrecht-table__cell--numeric-column\">32</td>"
		    "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">2040</td><td "
		    "class=\"utrecht-table__cell utrecht-table__cell--numeric-column\"></td>"
		    "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">2</td></tr>");
	page_table_end(b);
	html_raw(b, "</section>");
}

static void import_page_begin(struct request *rq, struct response *rs)
{
	page_begin(rq, rs, "Kwaliteitskaart inlezen");
	html_raw(&rs->body,
		 "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/kwaliteitskaart\">Kwaliteitskaart</a> "
		 "› Inlezen</p><h1 class=\"utrecht-heading-1\">Kwaliteitskaart inlezen</h1>");
}

static int get_import(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_STAFF_WRITE, rq->actor.org[0] ? rq->actor.org : NULL) < 0)
		return 0;
	import_page_begin(rq, rs);
	import_form(rq, &rs->body, rq->actor.org);
	format_help(&rs->body);
	page_end(rq, rs);
	return 0;
}

static void error_report(struct buf *b, const struct kwaliteitskaart_sheet *sh)
{
	struct buf cap;
	buf_init(&cap, 256);
	buf_printf(&cap, "%zu fout%s in het bestand", sh->nerrors, sh->nerrors == 1 ? "" : "en");
	static const char *const head[] = { "#Regel", "Kolom", "Wat er mis is", NULL };
	page_table_begin(b, buf_str(&cap), "samen-kk-errors");
	buf_release(&cap);
	page_table_head(b, head);
	for (size_t i = 0; i < sh->nerrors; i++) {
		const struct kwaliteitskaart_sheet_error *e = &sh->errors[i];
		html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell "
			    "utrecht-table__cell--numeric-column\">");
		if (e->line)
			html_int(b, e->line);
		else
			html_raw(b, "—");
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (e->column[0]) {
			html_raw(b, "<span class=\"samen-code\">");
			html_txt(b, e->column);
			html_raw(b, "</span>");
		} else {
			html_raw(b, "—");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, e->message);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	if (sh->more_errors)
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog meer fouten; herstel eerst deze.</p>");
}

static void name_list(struct buf *b, const char *label, json_t *names)
{
	if (!json_array_size(names))
		return;
	html_raw(b, "<p class=\"utrecht-paragraph\">");
	html_txt(b, label);
	html_raw(b, ": ");
	size_t i;
	json_t *n;
	json_array_foreach(names, i, n) {
		if (i)
			html_raw(b, ", ");
		html_txt(b, json_string_value(n));
	}
	html_raw(b, ".</p>");
}

static int post_import(struct request *rq, struct response *rs)
{
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	int n = multipart_parse(rq, parts);
	const struct multipart_part *po = n > 0 ? multipart_get(parts, n, "organisatie") : NULL;
	const struct multipart_part *pf = n > 0 ? multipart_get(parts, n, "bestand") : NULL;
	char org[40] = "";
	if (po && po->len < sizeof(org) && !memchr(po->data, '\0', po->len))
		snprintf(org, sizeof(org), "%.*s", (int)po->len, po->data);
	if (authz_require_page(rq, rs, ACT_STAFF_WRITE, org[0] ? org : rq->actor.org[0] ? rq->actor.org : NULL) < 0)
		return 0;
	char obj[96];
	snprintf(obj, sizeof(obj), "kwaliteitskaart %s", org);
	if (n < 0 || !org[0] || !pf) {
		import_page_begin(rq, rs);
		page_alert(&rs->body, n < 0     ? "Het formulier kwam niet goed aan; kies het bestand opnieuw."
				      : !org[0] ? "Kies een organisatie."
						: "Kies een bestand.");
		import_form(rq, &rs->body, org);
		page_end(rq, rs);
		rs->status = 400;
		authz_audit(rq, ACT_STAFF_WRITE, 400, obj);
		return 0;
	}
	struct problem p;
	struct kwaliteitskaart_sheet sh;
	json_t *out = NULL;
	problem_init(&p);
	int r = kwaliteitskaart_import(rq->store, org, &rq->actor, pf->data, pf->len, &sh, &out, &p);
	import_page_begin(rq, rs);
	struct buf *b = &rs->body;
	if (r == 0) {
		html_raw(b, "<div class=\"samen-kk-done\" role=\"status\"><h2 class=\"utrecht-heading-2\">Ingelezen</h2>"
			    "<p class=\"utrecht-paragraph\">");
		html_txt(b, pf->filename[0] ? pf->filename : "Het bestand");
		html_raw(b, ": ");
		html_int(b, json_integer_value(json_object_get(out, "regels")));
		html_raw(b, " regels; ");
		html_int(b, (long long)json_array_size(json_object_get(out, "aangemaakt")));
		html_raw(b, " nieuw, ");
		html_int(b, (long long)json_array_size(json_object_get(out, "bijgewerkt")));
		html_raw(b, " bijgewerkt, ");
		html_int(b, json_integer_value(json_object_get(out, "ongewijzigd")));
		html_raw(b, " ongewijzigd; ");
		html_int(b, json_integer_value(json_object_get(out, "niveaus")));
		html_raw(b, " niveaus vastgelegd of gewijzigd.</p>");
		name_list(b, "Nieuw", json_object_get(out, "aangemaakt"));
		name_list(b, "Bijgewerkt", json_object_get(out, "bijgewerkt"));
		html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/kwaliteitskaart\">Naar de "
			    "kwaliteitskaart</a></p></div>");
		json_decref(out);
	} else {
		page_alert(
			b,
			sh.nerrors
				? "Niets ingelezen: het bestand heeft fouten. Herstel ze in het werkblad en lees het opnieuw in."
				: p.detail);
		if (sh.nerrors)
			error_report(b, &sh);
		rs->status = p.status && p.status != 422 ? p.status : 422;
	}
	int status = rs->status;
	html_raw(b, "<h2 class=\"utrecht-heading-2\">");
	html_raw(b, r == 0 ? "Nog een bestand inlezen" : "Opnieuw inlezen");
	html_raw(b, "</h2>");
	import_form(rq, b, org);
	page_end(rq, rs);
	rs->status = status;
	kwaliteitskaart_sheet_release(&sh);
	authz_audit(rq, ACT_STAFF_WRITE, status, obj);
	return 0;
}

const struct route page_kwaliteitskaart_routes[] = {
	{ "GET", "/kwaliteitskaart", get_kaart, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/kwaliteitskaart/import", get_import, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/kwaliteitskaart/import", post_import, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/medewerkers", page_medewerkers, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/medewerkers/{id}", page_medewerker, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/medewerkers/{id}/competenties", page_medewerker_niveau, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/medewerkers/{id}/afwezigheden", page_medewerker_afwezigheid, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/medewerkers/{id}/afwezigheden/{aid}/verwijderen", page_medewerker_afwezigheid_weg, NULL, NULL, NULL, NULL,
	  NULL, 0 },
	{ "POST", "/medewerkers/{id}/werkt-voor", page_medewerker_werkt_voor_toevoegen, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/medewerkers/{id}/werkt-voor/beeindigen", page_medewerker_werkt_voor_beeindigen, NULL, NULL, NULL, NULL, NULL,
	  0 },
	{ "POST", "/medewerkers/{id}/werkt-voor/verwijderen", page_medewerker_werkt_voor_verwijderen, NULL, NULL, NULL, NULL,
	  NULL, 0 },
	{ 0 },
};
