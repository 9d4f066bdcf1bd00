/* /mijlpalen (what is late on a date) and /meldingen (cooperation
 * outside a verband). See page_besturing.h. */
#include <stdio.h>
#include <string.h>
#include "store/register.h"
#include "store/besturing.h"
#include "web/page_besturing.h"
#include "web/page_listing.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- /mijlpalen?datum= ------------------------------------------------------------------------- */

int page_late(struct request *rq, struct response *rs)
{
	char datum[DATE_TEXT_LEN];
	int bad = page_query_date(rq, datum) < 0;
	json_t *ms = NULL;
	struct problem p;
	problem_init(&p);
	struct besturing_ms_filter f = { 0, NULL, NULL, "te-laat", datum, NULL, NULL };
	if (!bad && besturing_milestone_list(rq->store, &f, &ms, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		return 0;
	}
	json_t *vn = page_besturing_verband_names(rq->store);
	page_begin(rq, rs, "Te laat");
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_title(b, "Te laat", "Mijlpalen die te laat zijn");
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"/mijlpalen\">");
	page_input_field(b, &(struct page_input){ .id = "datum",
						  .label = "Peildatum",
						  .type = "date",
						  .value = bad ? req_query(rq, "datum") : datum,
						  .error = bad ? "Dit is geen geldige datum; gebruik JJJJ-MM-DD." : NULL,
						  .field_class = "samen-filter__field" });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
	if (bad) {
		rs->status = 400;
		page_alert(b, "De peildatum is geen geldige datum.");
		page_end(rq, rs);
		json_decref(vn);
		return 0;
	}
	page_date_links(b, "/mijlpalen", datum, NULL);
	if (!json_array_size(ms)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Op ");
		html_date(b, datum);
		html_raw(b, " is geen enkele mijlpaal te laat.</p>");
	} else {
		static const char *const head[] = { "Mijlpaal",       "Traject",    "Verband",          "Deadline",
						    "#Dagen te laat", "Uitgesteld", "Verantwoordelijk", NULL };
		struct buf cap;
		buf_init(&cap, 256);
		buf_adds(&cap, "Te laat op ");
		html_date(&cap, datum);
		page_table_begin(b, buf_str(&cap), "samen-table--wide");
		buf_release(&cap);
		page_table_head(b, head);
		size_t i;
		json_t *m;
		json_array_foreach(ms, i, m) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(m, "titel"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			page_besturing_trajectlink(b, json_integer_value(json_object_get(m, "traject")), str(m, "taakveldNaam"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_verband_link(b, str(m, "verband"), page_name(vn, str(m, "verband")));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(m, "deadline"));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, json_integer_value(json_object_get(m, "dagenTeLaat")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			size_t nu = json_array_size(json_object_get(m, "uitstel"));
			if (nu) {
				html_raw(b, "was ");
				html_date(b, str(m, "oorspronkelijkeDeadline"));
			} else {
				html_raw(b, "nee");
			}
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(m, "verantwoordelijke") ? str(m, "verantwoordelijke") : "—");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	page_end(rq, rs);
	json_decref(ms), json_decref(vn);
	return 0;
}

/* ---- /meldingen ----------------------------------------------------------------------------------- */

int page_notices(struct request *rq, struct response *rs)
{
	const char *org = req_query(rq, "organisatie");
	if (org && !org[0])
		org = NULL;
	/* A page of fifty (page_listing.h: pagina, paginaGrootte), chosen in SQL. */
	static const struct page_listing_col no_cols[] = { { NULL, NULL } };
	static const char *const keep[] = { "organisatie", NULL };
	struct page_listing t = { .base = "/meldingen", .keep = keep, .cols = no_cols };
	page_listing_read(&t, rq);
	struct store_page pg = { .offset = (t.pagina - 1) * t.grootte, .limit = t.grootte };
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (register_meldingen_page(rq->store, org, NULL, &pg, &list, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen organisatie met deze code in het register." : p.detail);
		return 0;
	}
	json_t *on = page_besturing_org_names(rq->store);
	page_begin(rq, rs, "Meldingen");
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_title(b, "Meldingen", "Meldingen: samenwerking buiten het verband");
	html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Wie op een taakveld van een verband ook met een "
		    "partij buiten dat verband gaat samenwerken, meldt dat aan de andere leden: schaken op meerdere borden "
		    "gebeurt in het open.</p>");
	if (org) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Voor ");
		page_org_link(b, org, page_name(on, org));
		html_raw(b, " · <a class=\"utrecht-link\" href=\"/meldingen\">alle meldingen</a></p>");
	}
	if (!pg.total) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er zijn geen meldingen.</p>");
	} else {
		long long from = pg.offset + 1, to = pg.offset + (long long)json_array_size(list);
		html_raw(b, "<p class=\"utrecht-paragraph samen-listing-count\">");
		if (pg.total <= t.grootte && from == 1) {
			html_int_grouped(b, pg.total);
			html_raw(b, pg.total == 1 ? " melding." : " meldingen.");
		} else if (from > pg.total) {
			html_raw(b, "Deze pagina is leeg: er zijn ");
			html_int_grouped(b, pg.total);
			html_raw(b, " meldingen.");
		} else {
			html_raw(b, "Melding ");
			html_int_grouped(b, from);
			html_raw(b, " tot en met ");
			html_int_grouped(b, to);
			html_raw(b, " van ");
			html_int_grouped(b, pg.total);
			html_raw(b, ".");
		}
		html_raw(b, "</p><ul class=\"bst-meldingen\">");
		size_t i;
		json_t *m;
		json_array_foreach(list, i, m) {
			html_raw(b, "<li class=\"bst-melding\"><p class=\"utrecht-paragraph\"><strong>");
			html_date(b, str(m, "datum"));
			html_raw(b, " — ");
			html_txt(b, str(m, "taakveldNaam"));
			html_raw(b, "</strong></p><p class=\"utrecht-paragraph\">");
			html_txt(b, str(m, "tekst"));
			html_raw(b, "</p><p class=\"utrecht-paragraph samen-muted\">Gemeld in ");
			page_verband_link(b, str(m, "verband"), str(m, "verbandNaam"));
			html_raw(b, " aan ");
			page_org_links(b, on, json_object_get(m, "ontvangers"));
			html_raw(b, "; het traject: ");
			page_besturing_trajectlink(b, json_integer_value(json_object_get(m, "traject")),
						   str(m, "trajectVerbandNaam"));
			html_raw(b, "</p></li>");
		}
		html_raw(b, "</ul>");
		long long last = (pg.total + t.grootte - 1) / t.grootte;
		if (last > 1 || t.pagina > 1) {
			html_raw(b, "<nav class=\"samen-pager\" aria-label=\"Pagina's van de meldingen\"><ul "
				    "class=\"samen-pager__list\">");
			long long shown = 0;
			for (long long n = 0; n <= last + 1; n++) {
				int prev = n == 0, next = n == last + 1;
				long long to_page = prev ? t.pagina - 1 : next ? t.pagina + 1 : n;
				if ((prev && t.pagina <= 1) || (next && t.pagina >= last) ||
				    (!prev && !next && n != 1 && n != last && (n < t.pagina - 2 || n > t.pagina + 2)))
					continue;
				if (prev && to_page > last)
					to_page = last;
				if (!prev && !next) {
					if (shown && n > shown + 1)
						html_raw(b, "<li aria-hidden=\"true\">…</li>");
					shown = n;
				}
				html_raw(b, "<li><a class=\"utrecht-link samen-pager__link\" href=\"");
				page_listing_href(b, &t, NULL, 0, to_page, 0);
				html_raw(b, prev ? "\" rel=\"prev\">Vorige" : next ? "\" rel=\"next\">Volgende" : "\"");
				if (!prev && !next) {
					html_raw(b, n == t.pagina ? " aria-current=\"page\">" : ">");
					html_raw(b, "<span class=\"samen-visually-hidden\">Pagina </span>");
					html_int(b, n);
				}
				html_raw(b, "</a></li>");
			}
			html_raw(b, "</ul></nav>");
		}
	}
	page_end(rq, rs);
	json_decref(list), json_decref(on);
	return 0;
}
