#include <string.h>
#include "core/nl.h"
#include "store/dienstverlening.h"
#include "store/register.h"
#include "web/page_register_belangen.h"
#include "web/page_register_verloop.h"
#include "web/pages.h"

static void dd_begin(struct buf *b, const char *key)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
}

static void dd_end(struct buf *b) { html_raw(b, "</dd></div>"); }

/* The verband's scale on a date: its members and their inhabitants
 * together, the number the Drechtsteden argue from ("260.000+"). */
static void scale(struct buf *b, json_t *schaal)
{
	if (!schaal)
		return;
	char n[32];
	dd_begin(b, "Schaal");
	nl_int(json_integer_value(json_object_get(schaal, "inwoners")), n, sizeof(n));
	buf_printf(b, "<span data-schaal=\"%lld\">%s inwoners</span> in %lld leden op ",
		   (long long)json_integer_value(json_object_get(schaal, "inwoners")), n,
		   (long long)json_integer_value(json_object_get(schaal, "leden")));
	html_date(b, json_string_value(json_object_get(schaal, "datum")));
	json_t *zonder = json_object_get(schaal, "zonderInwoners");
	if (json_array_size(zonder)) {
		buf_printf(b, " <span class=\"samen-cell-note\">van %zu leden is het aantal inwoners niet bekend</span>",
			   json_array_size(zonder));
	}
	dd_end(b);
}

static void facts(struct buf *b, json_t *v, json_t *schaal)
{
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	dd_begin(b, "Code");
	html_raw(b, "<span class=\"samen-code\">");
	html_txt(b, json_string_value(json_object_get(v, "code")));
	html_raw(b, "</span>");
	dd_end(b);
	dd_begin(b, "Doelen (de K's)");
	if (json_array_size(json_object_get(v, "doelen")))
		page_label_list(b, json_object_get(v, "doelen"));
	else
		html_raw(b, "geen vastgelegd");
	dd_end(b);
	dd_begin(b, "Geen cherry-picking");
	if (json_is_true(json_object_get(v, "geenCherryPicking")))
		html_raw(b, "Ja: wie lid is, doet mee aan elk traject van het verband, ook wie later toetreedt.");
	else
		html_raw(b, "Nee: per traject bepalen de leden of ze meedoen.");
	dd_end(b);
	scale(b, schaal);
	html_raw(b, "</dl>");
}

/* Status of a membership on today: current, former or not yet begun. */
static const char *member_status(const char *van, const char *tot, const char *today)
{
	if (tot && strcmp(tot, today) <= 0)
		return "uitgetreden";
	if (van && strcmp(van, today) > 0)
		return "toekomstig";
	return "lid";
}

static void members(struct buf *b, json_t *v, const char *today)
{
	json_t *leden = json_object_get(v, "leden");
	html_raw(b, "<section aria-labelledby=\"kop-leden\"><h2 class=\"utrecht-heading-2\" id=\"kop-leden\">Leden door de "
		    "tijd</h2>");
	if (!json_array_size(leden)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Dit verband heeft nog geen leden.</p></section>");
		return;
	}
	static const char *const head[] = { "Organisatie", "Rol", "Van", "Tot", "Status", NULL };
	page_table_begin(b, "Leden, ook wie is uitgetreden", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *l;
	json_array_foreach(leden, i, l) {
		const char *van = json_string_value(json_object_get(l, "van"));
		const char *tot = json_string_value(json_object_get(l, "tot"));
		const char *status = member_status(van, tot, today);
		int former = !strcmp(status, "uitgetreden");
		html_raw(b, former ? "<tr class=\"utrecht-table__row samen-row--former\">" : "<tr class=\"utrecht-table__row\">");
		html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, json_string_value(json_object_get(l, "organisatie")),
			      json_string_value(json_object_get(l, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_label(b, json_string_value(json_object_get(l, "rol")));
		html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
		html_date(b, van);
		html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
		if (tot)
			html_date(b, tot);
		else
			html_raw(b, "heden");
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (former)
			html_raw(b, "<span class=\"samen-badge samen-badge--former\">voormalig lid</span>");
		else if (!strcmp(status, "toekomstig"))
			html_raw(b, "<span class=\"samen-badge samen-badge--future\">treedt nog toe</span>");
		else
			html_raw(b, "<span class=\"samen-badge samen-badge--current\">huidig lid</span>");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

static void date_cell(struct buf *b, const char *date, const char *none)
{
	html_raw(b, "<td class=\"utrecht-table__cell samen-nowrap\">");
	if (date)
		html_date(b, date);
	else
		html_txt(b, none);
	html_raw(b, "</td>");
}

static void trajecten(struct buf *b, json_t *v, json_t *orgs)
{
	json_t *tr = json_object_get(v, "trajecten");
	int all_members = json_is_true(json_object_get(v, "geenCherryPicking"));
	html_raw(
		b,
		"<section aria-labelledby=\"kop-trajecten\"><h2 class=\"utrecht-heading-2\" id=\"kop-trajecten\">Trajecten</h2>");
	if (!json_array_size(tr)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Dit verband heeft nog geen trajecten.</p></section>");
		return;
	}
	static const char *const head[] = { "Taakveld", "Fase",  "Vorm", "Intensiteit",         "Deelnemers",
					    "Eigenaar", "Start", "Eind", "Wettelijke deadline", NULL };
	page_table_begin(b, "Trajecten per taakveld", "samen-table--wide");
	page_table_head(b, head);
	size_t i;
	json_t *t;
	json_array_foreach(tr, i, t) {
		const char *eigenaar = json_string_value(json_object_get(t, "eigenaar"));
		const char *omschrijving = json_string_value(json_object_get(t, "omschrijving"));
		const char *fase = json_string_value(json_object_get(t, "fase"));
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		buf_printf(b, "<a class=\"utrecht-link\" href=\"/trajecten/%lld\">",
			   (long long)json_integer_value(json_object_get(t, "id")));
		html_txt(b, json_string_value(json_object_get(t, "taakveldNaam")));
		html_raw(b, "</a>");
		if (omschrijving) {
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, omschrijving);
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"utrecht-table__cell\"><span class=\"samen-fase samen-fase--");
		html_attr(b, fase);
		html_raw(b, "\">");
		page_label(b, fase);
		html_raw(b, "</span></td><td class=\"utrecht-table__cell\">");
		page_label(b, json_string_value(json_object_get(t, "vorm")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_label(b, json_string_value(json_object_get(t, "intensiteit")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_org_links(b, orgs, json_object_get(t, "deelnemers"));
		if (all_members)
			html_raw(b, "<span class=\"samen-cell-note\">alle leden (geen cherry-picking)</span>");
		/* A gastgemeente performs the traject for the others (gedeeld.h). */
		const char *uitvoerder = json_string_value(json_object_get(t, "uitvoerder"));
		if (uitvoerder) {
			html_raw(b, "<span class=\"samen-cell-note\" data-uitvoerder=\"");
			html_attr(b, uitvoerder);
			html_raw(b, "\">uitgevoerd door ");
			html_txt(b, page_name(orgs, uitvoerder));
			html_raw(b, " (gastgemeente) voor de andere deelnemers, zonder rechtspersoon</span>");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (eigenaar)
			html_txt(b, eigenaar);
		else
			html_raw(b, "<span class=\"samen-muted\">nog niet benoemd</span>");
		html_raw(b, "</td>");
		date_cell(b, json_string_value(json_object_get(t, "start")), "—");
		date_cell(b, json_string_value(json_object_get(t, "eind")), "lopend");
		date_cell(b, json_string_value(json_object_get(t, "wettelijkeDeadline")), "—");
		html_raw(b, "</tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

/* The way to the verband's dienstverlening proeftuin, when it runs one. */
static void dienstverlening_link(struct request *rq, struct buf *b, const char *code)
{
	struct problem p;
	problem_init(&p);
	json_t *vs = NULL, *v;
	size_t i;
	if (dienstverlening_verbanden(rq->store, NULL, &vs, &p) < 0)
		return;
	json_array_foreach(vs, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "verband")), code)) {
			html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/verbanden/");
			html_url_segment(b, code);
			html_raw(
				b,
				"/dienstverlening\">Proeftuin dienstverlening</a>: expertisepools, opleidingsprogramma, redactie "
				"Antwoord en zaaktypen.</p>");
		}
	json_decref(vs);
}

int page_verband(struct request *rq, struct response *rs)
{
	struct buf *b = &rs->body;
	struct problem p;
	problem_init(&p);
	json_t *v = NULL;
	if (register_verband_get(rq->store, req_param(rq, "code"), &v, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen samenwerkingsverband met deze code in het register." : p.detail);
		return 0;
	}
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	json_t *list = register_org_list(rq->store);
	json_t *orgs = page_names(list);
	json_decref(list);

	const char *naam = json_string_value(json_object_get(v, "naam"));
	const char *omschrijving = json_string_value(json_object_get(v, "omschrijving"));
	page_begin(rq, rs, naam);
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › Samenwerkingsverband</p>"
		    "<h1 class=\"utrecht-heading-1\">");
	html_txt(b, naam);
	html_raw(b, "</h1>");
	if (omschrijving) {
		html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
		html_txt(b, omschrijving);
		html_raw(b, "</p>");
	}
	/* The scale on ?datum (today without it; an invalid date counts as today). */
	const char *datum = req_query(rq, "datum");
	int32_t d;
	json_t *schaal =
		register_verband_schaal(rq->store, req_param(rq, "code"), datum && date_parse(datum, &d) == 0 ? datum : NULL);
	facts(b, v, schaal);
	json_decref(schaal);
	dienstverlening_link(rq, b, req_param(rq, "code"));
	members(b, v, today);
	page_register_belangen_verband(rq, b, v);
	trajecten(b, v, orgs);
	page_register_verband_afspraken(rq, b, v);
	page_end(rq, rs);
	json_decref(v);
	json_decref(orgs);
	return 0;
}
