/* Mijn uren and Mijn gegevens (page_mijn.h): a medewerker's own hours,
 * and everything samen holds about them (AVG art. 15, inzage), in words,
 * with the same as a JSON file to keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "store/inzage.h"
#include "store/urenbank.h"
#include "web/page_audit.h"
#include "web/page_mijn.h"
#include "web/page_urenbank.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* The signed-in person's own record: 0 with *me, or -1 with a page that
 * says why there is none. */
static int own_record(struct request *rq, struct response *rs, const char *title, long long *me)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return -1;
	*me = rq->actor.medewerker;
	if (*me)
		return 0;
	page_begin(rq, rs, title);
	page_mijn_title(&rs->body, title);
	html_raw(&rs->body, "<p class=\"utrecht-paragraph\">Uw account is niet gekoppeld aan gegevens als medewerker, dus samen "
			    "houdt onder uw naam geen uren, inzet of kwaliteitskaart bij. Werkt u wel in het netwerk? Vraag "
			    "uw manager of de beheerder om uw account te koppelen.</p>");
	page_end(rq, rs);
	return -1;
}

static void status_badge(struct buf *b, const char *status)
{
	html_raw(b, "<span class=\"samen-badge samen-ub-badge--");
	html_attr(b, status);
	html_raw(b, "\">");
	html_txt(b, status);
	html_raw(b, "</span>");
}

int page_mijn_uren(struct request *rq, struct response *rs)
{
	long long me;
	if (own_record(rq, rs, "Mijn uren", &me) < 0)
		return 0;
	json_t *pts = page_mijn_proeftuinen(rq);
	page_begin(rq, rs, "Mijn uren");
	struct buf *b = &rs->body;
	page_mijn_title(b, "Mijn uren");
	html_raw(b, "<p class=\"utrecht-paragraph\">De uren die u hebt geboekt, nieuwste eerst. Ingediende uren tellen mee "
		    "zodra de manager van de opdrachtgever ze goedkeurt; bij afgekeurde uren staat de reden.</p>");
	size_t i, k;
	json_t *pt, *e;
	int any = 0;
	json_array_foreach(pts, i, pt) {
		json_t *uren = NULL;
		struct problem p;
		problem_init(&p);
		struct urenbank_uren_filter f = { NULL, NULL, NULL, me, 0, 0, 10000 };
		if (urenbank_uren_list(rq->store, str(pt, "code"), &f, &uren, &p) < 0 || !json_array_size(uren)) {
			json_decref(uren);
			continue;
		}
		any = 1;
		struct page_urenbank_page pg = { .code = str(pt, "code"), .pt = pt };
		json_t *titles = page_urenbank_opdracht_titles(rq, &pg);
		long long total[3] = { 0 };
		json_array_foreach(uren, k, e) {
			const char *st = str(e, "status");
			total[!strcmp(st, "goedgekeurd") ? 1 : !strcmp(st, "ingediend") ? 0 : 2] += num(e, "minuten");
		}
		html_raw(b, "<section><h2 class=\"utrecht-heading-2\">");
		html_txt(b, str(pt, "naam"));
		html_raw(b, "</h2><p class=\"utrecht-paragraph\">Goedgekeurd ");
		page_urenbank_hours(b, total[1]);
		html_raw(b, ", wacht op goedkeuring ");
		page_urenbank_hours(b, total[0]);
		html_raw(b, ". <a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, &pg, "/uren/nieuw");
		html_raw(b, "\">Uren boeken</a></p>");
		static const char *const head[] = { "Datum", "Opdracht", "#Tijd", "Status", "Omschrijving", NULL };
		struct buf cap;
		buf_init(&cap, 256);
		buf_printf(&cap, "Mijn uren in %s", str(pt, "naam"));
		page_table_begin(b, buf_str(&cap), NULL);
		buf_release(&cap);
		page_table_head(b, head);
		for (size_t n = json_array_size(uren); n-- > 0;) {
			e = json_array_get(uren, n);
			char id[32];
			snprintf(id, sizeof(id), "%lld", num(e, "opdracht"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, str(e, "datum"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, str(titles, id));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_hours(b, num(e, "minuten"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			status_badge(b, str(e, "status"));
			if (str(e, "reden")) {
				html_raw(b, "<span class=\"samen-cell-note\">reden: ");
				html_txt(b, str(e, "reden"));
				html_raw(b, "</span>");
			}
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(e, "omschrijving") ? str(e, "omschrijving") : "—");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
		html_raw(b, "</section>");
		json_decref(titles);
		json_decref(uren);
	}
	if (!any) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">U hebt nog geen uren geboekt.</p>");
		if (json_array_size(pts)) {
			struct page_urenbank_page pg = { .code = str(json_array_get(pts, 0), "code") };
			html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
			page_urenbank_href(b, &pg, "/uren/nieuw");
			html_raw(b, "\">Uren boeken</a></p>");
		}
	}
	page_end(rq, rs);
	json_decref(pts);
	return 0;
}

static void dd(struct buf *b, const char *key, const char *value)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	html_txt(b, value && value[0] ? value : "niet vastgelegd");
	html_raw(b, "</dd></div>");
}

static void dd_hours(struct buf *b, const char *key, json_t *v)
{
	char t[NL_TEXT_LEN];
	if (json_is_integer(v))
		snprintf(t, sizeof(t), "%lld uur per week", (long long)json_integer_value(v));
	else
		snprintf(t, sizeof(t), "niet vastgelegd");
	dd(b, key, t);
}

/* The names of the record's fields, as the change history lists them. */
static const char *field_word(const char *f)
{
	static const char *const words[][2] = { { "naam", "naam" },
						{ "organisatie", "organisatie" },
						{ "functie", "functie" },
						{ "uurPerWeek", "uren per week" },
						{ "beschikbaarUurPerWeek", "beschikbare uren per week" },
						{ "pensioenjaar", "pensioenjaar" },
						{ "email", "e-mailadres" },
						{ NULL, NULL } };
	for (int i = 0; words[i][0]; i++)
		if (f && !strcmp(f, words[i][0]))
			return words[i][1];
	return f ? f : "";
}

static void record(struct request *rq, struct buf *b, json_t *m)
{
	char org[200], t[64];
	if (store_name(rq->store, str(m, "organisatie"), org, sizeof(org)) < 0)
		snprintf(org, sizeof(org), "%s", str(m, "organisatie") ? str(m, "organisatie") : "");
	html_raw(b, "<section aria-labelledby=\"kop-gegevens\"><h2 class=\"utrecht-heading-2\" id=\"kop-gegevens\">Uw gegevens"
		    "</h2><dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	dd(b, "Naam", str(m, "naam"));
	dd(b, "Organisatie", org);
	dd(b, "Functie", str(m, "functie"));
	dd_hours(b, "Werktijd", json_object_get(m, "uurPerWeek"));
	dd_hours(b, "Beschikbaar voor het netwerk", json_object_get(m, "beschikbaarUurPerWeek"));
	json_t *pj = json_object_get(m, "pensioenjaar");
	if (json_is_integer(pj))
		snprintf(t, sizeof(t), "%lld", (long long)json_integer_value(pj));
	else
		t[0] = 0;
	dd(b, "Pensioenjaar", t);
	dd(b, "E-mailadres", str(m, "email"));
	html_raw(b, "</dl><p class=\"utrecht-paragraph\">Klopt er iets niet? Vraag uw manager het te verbeteren "
		    "(rectificatie).</p></section>");
}

static void history(struct buf *b, json_t *list)
{
	html_raw(b, "<section aria-labelledby=\"kop-wijzigingen\"><h2 class=\"utrecht-heading-2\" id=\"kop-wijzigingen\">"
		    "Wijzigingen van uw gegevens</h2>");
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Geen.</p></section>");
		return;
	}
	static const char *const head[] = { "Wanneer", "Wat", "Door", NULL };
	page_table_begin(b, "Wanneer uw gegevens zijn vastgelegd of gewijzigd, en door wie", NULL);
	page_table_head(b, head);
	size_t i, k;
	json_t *h, *f;
	json_array_foreach(list, i, h) {
		html_raw(b,
			 "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
		page_audit_when(b, str(h, "tijdstempel"));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_label(b, str(h, "soort"));
		json_t *velden = json_object_get(h, "velden");
		if (json_array_size(velden)) {
			html_raw(b, ": ");
			json_array_foreach(velden, k, f) {
				html_raw(b, k ? ", " : "");
				html_txt(b, field_word(json_string_value(f)));
			}
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, str(h, "door"));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

static void processing(struct request *rq, struct buf *b, json_t *list)
{
	html_raw(b, "<section aria-labelledby=\"kop-verwerkingen\"><h2 class=\"utrecht-heading-2\" id=\"kop-verwerkingen\">"
		    "Wie uw gegevens heeft bekeken of gebruikt</h2>");
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Niemand, buiten het gewone werk van de pagina's.</p></section>");
		return;
	}
	static const char *const head[] = { "Wanneer", "Wat", "Door (rol)", "Uitkomst", NULL };
	page_table_begin(b, "Verwerkingen van uw gegevens volgens het auditlog", "samen-table--wide");
	page_table_head(b, head);
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		html_raw(b,
			 "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
		page_audit_when(b, str(v, "tijdstempel"));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_audit_what(rq, b, str(v, "object"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_audit_who(rq, b, str(v, "door"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_audit_result(b, str(v, "resultaat"));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

static void work(struct buf *b, json_t *inzage)
{
	json_t *uren = json_object_get(inzage, "uren"), *inzet = json_object_get(inzage, "inzet");
	json_t *kk = json_object_get(inzage, "kwaliteitskaart");
	long long minutes = 0;
	size_t i;
	json_t *e;
	json_array_foreach(uren, i, e)
		minutes += num(e, "minuten");
	html_raw(b, "<section aria-labelledby=\"kop-werk-gegevens\"><h2 class=\"utrecht-heading-2\" id=\"kop-werk-gegevens\">"
		    "Uw werk in het netwerk</h2><dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	char t[200], h[NL_TEXT_LEN];
	snprintf(t, sizeof(t), "%zu keer", json_array_size(inzet));
	dd(b, "Ingezet op een opdracht", t);
	nl_hours(minutes, 0, h, sizeof(h));
	snprintf(t, sizeof(t), "%zu urenregels, samen %s", json_array_size(uren), h);
	dd(b, "Geboekte uren", t);
	snprintf(t, sizeof(t), "%zu", json_array_size(json_object_get(kk, "competenties")));
	dd(b, "Competenties op de kwaliteitskaart", t);
	snprintf(t, sizeof(t), "%zu", json_array_size(json_object_get(kk, "afwezigheden")));
	dd(b, "Afwezigheden", t);
	snprintf(t, sizeof(t), "%zu", json_array_size(json_object_get(kk, "vervangingen")));
	dd(b, "Vervangingsafspraken", t);
	html_raw(b, "</dl><ul class=\"samen-werk\"><li><a class=\"utrecht-link\" href=\"/mijn/uren\">Mijn uren</a></li>"
		    "<li><a class=\"utrecht-link\" href=\"/medewerkers/");
	html_int(b, num(json_object_get(inzage, "medewerker"), "id"));
	html_raw(b, "\">Mijn kwaliteitskaart</a></li></ul></section>");
}

static void information(struct buf *b, json_t *info)
{
	static const char *const keys[][2] = { { "verwerkingsverantwoordelijke", "Verantwoordelijk" },
					       { "doeleinden", "Waarvoor" },
					       { "grondslag", "Op grond van" },
					       { "ontvangers", "Wie ze ziet" },
					       { "herkomst", "Waar ze vandaan komen" },
					       { "bewaartermijn", "Hoe lang" },
					       { "rechten", "Uw rechten" },
					       { NULL, NULL } };
	html_raw(b, "<section aria-labelledby=\"kop-waarom\"><h2 class=\"utrecht-heading-2\" id=\"kop-waarom\">Waarom samen uw "
		    "gegevens heeft</h2><dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	for (int i = 0; keys[i][0]; i++)
		dd(b, keys[i][1], str(info, keys[i][0]));
	html_raw(b, "</dl></section>");
}

static int load_inzage(struct request *rq, struct response *rs, long long me, json_t **out)
{
	struct problem p;
	problem_init(&p);
	if (inzage_medewerker(rq->store, me, out, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500, p.detail);
		return -1;
	}
	/* Reading one's own data is a processing too: it stands in the log. */
	char obj[64];
	snprintf(obj, sizeof(obj), "medewerker %lld", me);
	authz_audit(rq, ACT_STAFF_READ_PRIVATE, 200, obj);
	return 0;
}

int page_mijn_gegevens(struct request *rq, struct response *rs)
{
	long long me;
	if (own_record(rq, rs, "Mijn gegevens", &me) < 0)
		return 0;
	json_t *inzage = NULL;
	if (load_inzage(rq, rs, me, &inzage) < 0)
		return 0;
	const char *format = req_query(rq, "formaat");
	if (format && !strcmp(format, "json")) {
		char *text = json_dumps(inzage, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		rs->status = 200;
		snprintf(rs->content_type, sizeof(rs->content_type), "application/json");
		char disp[96];
		snprintf(disp, sizeof(disp), "attachment; filename=\"mijn-gegevens-%lld.json\"", me);
		resp_header(rs, "Content-Disposition", disp);
		buf_adds(&rs->body, text ? text : "{}");
		free(text);
		json_decref(inzage);
		return 0;
	}
	page_begin(rq, rs, "Mijn gegevens");
	struct buf *b = &rs->body;
	page_mijn_title(b, "Mijn gegevens");
	html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Alles wat samen over u bijhoudt, opgesteld op ");
	page_audit_when(b, str(inzage, "opgesteld"));
	html_raw(b,
		 ". U hebt recht op inzage in deze gegevens (AVG, artikel 15).</p><p class=\"utrecht-paragraph\">"
		 "<a class=\"utrecht-link\" download href=\"/mijn/gegevens?formaat=json\">Download alles als bestand (JSON)</a>"
		 "</p>");
	record(rq, b, json_object_get(inzage, "medewerker"));
	work(b, inzage);
	history(b, json_object_get(inzage, "wijzigingen"));
	processing(rq, b, json_object_get(inzage, "verwerkingen"));
	information(b, json_object_get(inzage, "informatie"));
	page_end(rq, rs);
	json_decref(inzage);
	return 0;
}
