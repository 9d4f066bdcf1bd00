#include <string.h>
#include "store/register.h"
#include "web/page_register_verloop.h"
#include "report/csv_export.h"
#include "web/page_listing.h"
#include "web/pages.h"

static void facts(struct buf *b, json_t *org)
{
	json_t *inwoners = json_object_get(org, "inwoners");
	const char *tooi = json_string_value(json_object_get(org, "tooi"));
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">"
		    "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Soort</dt>"
		    "<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	page_label(b, json_string_value(json_object_get(org, "soort")));
	html_raw(
		b,
		"</dd></div><div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Code</dt>"
		"<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\"><span class=\"samen-code\">");
	html_txt(b, json_string_value(json_object_get(org, "code")));
	html_raw(b, "</span></dd></div>");
	if (tooi) {
		html_raw(
			b,
			"<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">TOOI-identificatie</dt>"
			"<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">"
			"<span class=\"samen-code samen-uri\">");
		html_txt(b, tooi);
		html_raw(b, "</span></dd></div>");
	}
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Inwoners</dt>"
		    "<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
	if (json_is_integer(inwoners))
		html_int_grouped(b, json_integer_value(inwoners));
	else
		html_raw(b, "onbekend");
	html_raw(b, "</dd></div></dl>");
}

static void memberships(struct buf *b, json_t *org)
{
	json_t *vb = json_object_get(org, "verbanden");
	const char *naam = json_string_value(json_object_get(org, "naam"));
	html_raw(b, "<section aria-labelledby=\"kop-lidmaatschappen\"><h2 class=\"utrecht-heading-2\" id=\"kop-lidmaatschappen\">"
		    "Lidmaatschappen</h2>");
	if (!json_array_size(vb)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_txt(b, naam);
		html_raw(b, " is geen lid van een samenwerkingsverband in het register.</p></section>");
		return;
	}
	static const char *const head[] = { "Verband", "Rol", "Van", "Tot", NULL };
	struct buf cap;
	buf_init(&cap, 512);
	buf_printf(&cap, "Verbanden waarvan %s lid is of was", naam);
	page_table_begin(b, buf_str(&cap), NULL);
	buf_release(&cap);
	page_table_head(b, head);
	size_t i;
	json_t *m;
	json_array_foreach(vb, i, m) {
		const char *tot = json_string_value(json_object_get(m, "tot"));
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_verband_link(b, json_string_value(json_object_get(m, "verband")),
				  json_string_value(json_object_get(m, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_label(b, json_string_value(json_object_get(m, "rol")));
		html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
		html_date(b, json_string_value(json_object_get(m, "van")));
		html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
		if (tot)
			html_date(b, tot);
		else
			html_raw(b, "heden");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

/* The form that chooses the date of the matrix; value is what the user
 * typed (shown again when it was wrong). */
static void date_form(struct buf *b, const char *code, const char *value, const char *error)
{
	struct buf action;
	buf_init(&action, 256);
	buf_adds(&action, "/organisaties/");
	html_url_segment(&action, code);
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	html_attr(b, buf_str(&action));
	html_raw(b, "\">");
	page_input_field(b, &(struct page_input){ .id = "datum",
						  .label = "Peildatum",
						  .type = "date",
						  .value = value,
						  .error = error,
						  .field_class = "samen-filter__field" });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
	page_date_links(b, buf_str(&action), error ? NULL : value, NULL);
	buf_release(&action);
}

/* What is shared on a task field (gedeeld.h): the gastgemeente that
 * performs a traject for the others, and staff employed by one that works
 * for several. Without names: the matrix is public. */
static void shared(struct buf *b, json_t *r, json_t *orgs)
{
	size_t k;
	json_t *v;
	json_array_foreach(json_object_get(r, "uitgevoerdDoor"), k, v) {
		const char *u = json_string_value(json_object_get(v, "organisatie"));
		html_raw(b, "<span class=\"samen-cell-note\" data-uitvoerder=\"");
		html_attr(b, u);
		html_raw(b, "\">uitgevoerd door ");
		html_txt(b, page_name(orgs, u));
		html_raw(b, " (gastgemeente), zonder rechtspersoon</span>");
	}
	json_array_foreach(json_object_get(r, "gedeeldeMedewerkers"), k, v) {
		const char *functie = json_string_value(json_object_get(v, "functie"));
		const char *werkgever = json_string_value(json_object_get(v, "werkgever"));
		buf_printf(b, "<span class=\"samen-cell-note\" data-gedeeld=\"%lld\">gedeelde medewerker: ",
			   (long long)json_integer_value(json_object_get(v, "medewerker")));
		html_txt(b, functie ? functie : "medewerker");
		html_raw(b, " in dienst van ");
		html_txt(b, page_name(orgs, werkgever));
		html_raw(b, ", werkt voor ");
		size_t j;
		json_t *w;
		json_array_foreach(json_object_get(v, "werktVoor"), j, w) {
			if (j)
				html_raw(b, j + 1 == json_array_size(json_object_get(v, "werktVoor")) ? " en " : ", ");
			html_txt(b, page_name(orgs, json_string_value(w)));
		}
		html_raw(b, "</span>");
	}
}

static void matrix(struct buf *b, json_t *org, json_t *rows, json_t *orgs, json_t *verbanden, const char *date)
{
	const char *naam = json_string_value(json_object_get(org, "naam"));
	if (!json_array_size(rows)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Op ");
		html_date(b, date);
		html_raw(b, " werkt ");
		html_txt(b, naam);
		html_raw(b, " op geen enkel taakveld samen met andere organisaties uit het register.</p>");
		return;
	}
	static const char *const head[] = { "Taakveld", "Partners", "Via verband", NULL };
	struct buf cap;
	buf_init(&cap, 512);
	buf_printf(&cap, "Partners van %s per taakveld op ", naam);
	html_date(&cap, date);
	page_table_begin(b, buf_str(&cap), NULL);
	buf_release(&cap);
	page_table_head(b, head);
	size_t i, k;
	json_t *r, *v;
	json_array_foreach(rows, i, r) {
		html_raw(b, "<tr class=\"utrecht-table__row\" data-taakveld=\"");
		html_attr(b, json_string_value(json_object_get(r, "taakveld")));
		html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(r, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_org_links(b, orgs, json_object_get(r, "partners"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_array_foreach(json_object_get(r, "verbanden"), k, v) {
			if (k)
				html_raw(b, ", ");
			page_verband_link(b, json_string_value(v), page_name(verbanden, json_string_value(v)));
		}
		/* A phased entry: not yet a partner through that verband. */
		json_array_foreach(json_object_get(r, "instap"), k, v) {
			html_raw(b, json_array_size(json_object_get(r, "verbanden")) || k ? "; " : "");
			html_raw(b, "instap in ");
			page_verband_link(b, json_string_value(json_object_get(v, "verband")),
					  page_name(verbanden, json_string_value(json_object_get(v, "verband"))));
			html_raw(b, " pas vanaf ");
			html_date(b, json_string_value(json_object_get(v, "vanaf")));
		}
		shared(b, r, orgs);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

/* The matrix as CSV: one row per taakveld, partners and verbanden by name. */
static void matrix_csv(struct response *rs, const char *code, const char *date, json_t *rows, json_t *orgs, json_t *verbanden)
{
	static const char *const head[] = { "Taakveld", "Partners", "Via verband", "Gedeeld", NULL };
	struct buf csv, t;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i, k;
	json_t *r, *v;
	json_array_foreach(rows, i, r) {
		csv_export_text(&w, json_string_value(json_object_get(r, "naam")));
		const char *keys[] = { "partners", "verbanden" };
		json_t *names[] = { orgs, verbanden };
		for (int c = 0; c < 2; c++) {
			buf_init(&t, 0);
			json_array_foreach(json_object_get(r, keys[c]), k, v)
				buf_printf(&t, "%s%s", k ? ", " : "", page_name(names[c], json_string_value(v)));
			csv_export_text(&w, buf_str(&t));
			buf_release(&t);
		}
		/* What is shared, as the page says it (gastgemeente, shared staff). */
		buf_init(&t, 0);
		json_array_foreach(json_object_get(r, "uitgevoerdDoor"), k, v)
			buf_printf(&t, "%suitgevoerd door %s (gastgemeente)", t.len ? "; " : "",
				   page_name(orgs, json_string_value(json_object_get(v, "organisatie"))));
		json_array_foreach(json_object_get(r, "gedeeldeMedewerkers"), k, v) {
			const char *functie = json_string_value(json_object_get(v, "functie"));
			buf_printf(&t, "%sgedeelde medewerker: %s in dienst van %s, werkt voor ", t.len ? "; " : "",
				   functie ? functie : "medewerker",
				   page_name(orgs, json_string_value(json_object_get(v, "werkgever"))));
			size_t j;
			json_t *x;
			json_array_foreach(json_object_get(v, "werktVoor"), j, x)
				buf_printf(&t, "%s%s", j ? ", " : "", page_name(orgs, json_string_value(x)));
		}
		csv_export_text(&w, buf_str(&t));
		buf_release(&t);
		csv_export_row_end(&w);
	}
	char name[120];
	snprintf(name, sizeof(name), "samenwerking-%.40s-%s.csv", code, date);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

int page_organisatie(struct request *rq, struct response *rs)
{
	struct buf *b = &rs->body;
	const char *code = req_param(rq, "code");
	struct problem p;
	problem_init(&p);
	json_t *org = NULL, *rows = NULL, *orgs = NULL, *verbanden = NULL, *list = NULL;
	char date[DATE_TEXT_LEN];
	const char *asked = req_query(rq, "datum");
	int bad_date = page_query_date(rq, date) < 0;
	/* Its name and inhabitants as on the date of the matrix. */
	if (register_org_get_on(rq->store, code, bad_date ? NULL : date, &org, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen organisatie met deze code in het register." : p.detail);
		return 0;
	}
	if (!bad_date && register_matrix(rq->store, code, date, &rows, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(org);
		return 0;
	}
	orgs = page_names(list = register_org_list(rq->store));
	json_decref(list);
	verbanden = page_names(list = register_verband_list(rq->store));
	json_decref(list);
	if (!bad_date && page_listing_wants_csv(rq)) {
		matrix_csv(rs, code, date, rows, orgs, verbanden);
		goto out;
	}

	const char *naam = json_string_value(json_object_get(org, "naam"));
	page_begin(rq, rs, naam);
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › Organisatie</p>"
		    "<h1 class=\"utrecht-heading-1\">");
	html_txt(b, naam);
	html_raw(b, "</h1>");
	if (req_query(rq, "gelukt"))
		html_raw(b,
			 "<div class=\"samen-note\" role=\"status\"><p class=\"utrecht-paragraph\">De wijziging is vastgelegd; "
			 "de oude waarde staat in de historie.</p></div>");
	facts(b, org);
	memberships(b, org);
	page_register_org_verloop(rq, b, org);
	html_raw(b, "<p class=\"utrecht-paragraph\">");
	if (policy_allows(&rq->actor, ACT_REPORT_READ, code, NULL)) {
		html_raw(b, "<a class=\"utrecht-link\" href=\"/rapporten/stand-van-zaken?organisatie=");
		html_url_segment(b, code);
		html_raw(b, "\">Stand van zaken voor de raad</a> · ");
	}
	html_raw(b, "<a class=\"utrecht-link\" href=\"/meldingen?organisatie=");
	html_url_segment(b, code);
	html_raw(b, "\">Meldingen van samenwerking buiten een verband</a></p>");

	html_raw(b, "<section aria-labelledby=\"kop-matrix\"><h2 class=\"utrecht-heading-2\" id=\"kop-matrix\">"
		    "Samenwerking per taakveld</h2><p class=\"utrecht-paragraph\">Met wie ");
	html_txt(b, naam);
	html_raw(b, " op een datum samenwerkt, per taakveld en via welk verband. Alleen lidmaatschappen en trajecten "
		    "die op die datum lopen tellen mee; toehoorders kijken mee maar werken niet mee.</p>");
	if (bad_date) {
		page_alert(b, "De peildatum is geen geldige datum. Kies een datum in de kalender of schrijf hem als "
			      "JJJJ-MM-DD, bijvoorbeeld 2012-03-08.");
		date_form(b, code, asked, "Vul een geldige datum in, bijvoorbeeld 2012-03-08.");
	} else {
		date_form(b, code, date, NULL);
		matrix(b, org, rows, orgs, verbanden, date);
		if (json_array_size(rows)) {
			struct buf h;
			buf_init(&h, 0);
			buf_adds(&h, "/organisaties/");
			html_url_segment(&h, code);
			buf_printf(&h, "?datum=%s&formaat=csv", date);
			page_listing_csv_link(b, buf_str(&h));
			buf_release(&h);
		}
	}
	html_raw(b, "</section>");
	page_end(rq, rs);
	if (bad_date)
		rs->status = 400;
out:
	json_decref(org);
	json_decref(rows);
	json_decref(orgs);
	json_decref(verbanden);
	return 0;
}
