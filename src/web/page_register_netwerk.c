#include <stdlib.h>
#include "core/nl.h"
#include <string.h>
#include "report/register_netwerkkaart.h"
#include "store/register.h"
#include "report/csv_export.h"
#include "web/page_listing.h"
#include "web/pages.h"

static void filter_form(struct buf *b, const struct page_listing *lt, const char *date, const char *date_error,
			json_t *taakvelden, const char *taakveld, int taakveld_bad)
{
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"/netwerk\">");
	page_listing_search(b, lt, "Zoek een organisatie");
	html_raw(b, date_error ? "<div class=\"utrecht-form-field utrecht-form-field--invalid samen-filter__field\">"
			       : "<div class=\"utrecht-form-field samen-filter__field\">");
	html_raw(b, "<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
		    "for=\"datum\">Peildatum</label></div>");
	if (date_error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"datum-fout\">");
		html_txt(b, date_error);
		html_raw(b, "</div>");
	}
	html_raw(b, "<div class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox utrecht-textbox--html-input");
	html_raw(b, date_error ? " utrecht-textbox--invalid\" aria-invalid=\"true\" aria-describedby=\"datum-fout\"" : "\"");
	html_raw(b, " type=\"date\" id=\"datum\" name=\"datum\" value=\"");
	html_attr(b, date);
	html_raw(b, "\"></div></div>");

	html_raw(b, taakveld_bad ? "<div class=\"utrecht-form-field utrecht-form-field--invalid samen-filter__field\">"
				 : "<div class=\"utrecht-form-field samen-filter__field\">");
	html_raw(b, "<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
		    "for=\"taakveld\">Taakveld</label></div>");
	if (taakveld_bad)
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"taakveld-fout\">Kies een taakveld uit de "
			    "lijst.</div>");
	html_raw(b, "<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select");
	html_raw(b, taakveld_bad ? " utrecht-select--invalid\" aria-invalid=\"true\" aria-describedby=\"taakveld-fout\"" : "\"");
	html_raw(b, " id=\"taakveld\" name=\"taakveld\"><option value=\"\">Alle taakvelden</option>");
	size_t i;
	json_t *t;
	json_array_foreach(taakvelden, i, t) {
		const char *code = json_string_value(json_object_get(t, "code"));
		html_raw(b, "<option value=\"");
		html_attr(b, code);
		html_raw(b, taakveld && code && !strcmp(code, taakveld) ? "\" selected>" : "\">");
		html_txt(b, json_string_value(json_object_get(t, "naam")));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div></div>");
	page_listing_form_keep(b, lt);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");

	struct buf extra;
	buf_init(&extra, 256);
	if (taakveld && !taakveld_bad) {
		buf_adds(&extra, "taakveld=");
		html_url_segment(&extra, taakveld);
	}
	page_date_links(b, "/netwerk", date_error ? NULL : date, buf_str(&extra));
	buf_release(&extra);
}

static const struct page_listing_col link_cols[] = {
	{ "Organisatie", "organisatie" }, { "Partner", "partner" }, { "#Gedeelde taakvelden", "aantal" },
	{ "Taakvelden", NULL },           { NULL, NULL },
};
static const char *const link_keep[] = { "datum", "taakveld", NULL };

static void links_csv(struct response *rs, json_t *rows, json_t *taakvelden)
{
	static const char *const head[] = { "Organisatie", "Partner", "Gedeelde taakvelden", "Taakvelden", NULL };
	struct buf csv, tv;
	buf_init(&csv, 0);
	buf_init(&tv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i, j;
	json_t *r, *t;
	json_array_foreach(rows, i, r) {
		csv_export_text(&w, json_string_value(json_object_get(r, "naamA")));
		csv_export_text(&w, json_string_value(json_object_get(r, "naamB")));
		csv_export_int(&w, (long long)json_integer_value(json_object_get(r, "aantal")));
		buf_release(&tv);
		buf_init(&tv, 0);
		json_array_foreach(json_object_get(r, "taakvelden"), j, t) {
			if (j)
				buf_adds(&tv, ", ");
			buf_adds(&tv, page_name(taakvelden, json_string_value(t)));
		}
		csv_export_text(&w, buf_str(&tv));
		csv_export_row_end(&w);
	}
	buf_release(&tv);
	page_listing_send_csv(rs, "netwerk.csv", &csv);
	buf_release(&csv);
}

static void links_table(struct buf *b, const struct page_listing *t, json_t *rows, long long total, json_t *taakvelden,
			const char *caption)
{
	page_listing_open(b, t, caption, NULL, total);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, json_string_value(json_object_get(r, "a")), json_string_value(json_object_get(r, "naamA")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		page_org_link(b, json_string_value(json_object_get(r, "b")), json_string_value(json_object_get(r, "naamB")));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int(b, (long long)json_integer_value(json_object_get(r, "aantal")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		size_t j;
		json_t *tv;
		json_array_foreach(json_object_get(r, "taakvelden"), j, tv) {
			if (j)
				html_raw(b, ", ");
			html_txt(b, page_name(taakvelden, json_string_value(tv)));
		}
		html_raw(b, "</td></tr>");
	}
	page_listing_close(b, t, total);
}

/* Pairs beyond which the whole network is not drawn (a national network
 * has thousands); a taakveld's part of it is. */
#define NETWERK_KAART_MAX 1500

int page_netwerk(struct request *rq, struct response *rs)
{
	struct buf *b = &rs->body;
	struct problem p;
	problem_init(&p);
	char date[DATE_TEXT_LEN];
	const char *asked = req_query(rq, "datum");
	const char *taakveld = req_query(rq, "taakveld");
	if (taakveld && !taakveld[0])
		taakveld = NULL;
	int bad_date = page_query_date(rq, date) < 0;

	json_t *tv_list = register_taakveld_list(rq->store);
	json_t *tv_names = page_names(tv_list);
	json_t *org_list = register_org_list(rq->store);
	json_t *org_names = page_names(org_list);
	int bad_taakveld = taakveld && !json_object_get(tv_names, taakveld);
	struct page_listing t = { .base = "/netwerk", .keep = link_keep, .cols = link_cols, .default_sort = "organisatie" };
	page_listing_read(&t, rq);
	struct listing l;
	page_listing_to(&t, &l);
	json_t *links = NULL, *all_links = NULL, *rows = NULL;
	long long total = 0;
	int too_big = 0;
	if (!bad_date && !bad_taakveld) {
		if (register_links_page(rq->store, date, taakveld, &l, &rows, &total, &p) < 0) {
			page_error(rq, rs, p.status == 400 ? 400 : 500, p.detail);
			goto out;
		}
		if (t.csv) {
			links_csv(rs, rows, tv_names);
			goto out;
		}
		/* The picture shows the whole network, the table a page of it;
		 * a network of thousands of pairs is a picture of nothing (and
		 * megabytes): then the picture is drawn per taakveld. */
		too_big = !taakveld && !t.zoek && total > NETWERK_KAART_MAX;
		if ((!too_big && register_links(rq->store, date, taakveld, &links, &p) < 0) ||
		    (!too_big && taakveld && register_links(rq->store, date, NULL, &all_links, &p) < 0)) {
			page_error(rq, rs, p.status == 400 ? 400 : 500, p.detail);
			goto out;
		}
		if (!taakveld && links && json_array_size(links) > NETWERK_KAART_MAX) { /* a search: total was its part */
			too_big = 1;
			json_decref(links);
			links = NULL;
		}
	}

	page_begin(rq, rs, "Netwerkkaart");
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Netwerkkaart</h1>"
		    "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Wie werkt met wie samen? Elke organisatie staat op "
		    "de cirkel; een lijn betekent dat twee organisaties op de gekozen datum samen aan een taakveld werken. "
		    "Hoe dikker de lijn, hoe meer taakvelden ze delen.</p>");
	if (bad_date)
		page_alert(b, "De peildatum is geen geldige datum. Kies een datum in de kalender of schrijf hem als "
			      "JJJJ-MM-DD, bijvoorbeeld 2012-03-08.");
	if (bad_taakveld)
		page_alert(b, "Dit taakveld staat niet in het register. Kies een taakveld uit de lijst.");
	filter_form(b, &t, bad_date ? asked : date, bad_date ? "Vul een geldige datum in, bijvoorbeeld 2012-03-08." : NULL,
		    tv_list, taakveld, bad_taakveld);

	if (too_big) {
		char when[64];
		nl_date(date, when, sizeof(when));
		html_raw(b, "<section aria-labelledby=\"kop-tabel\"><h2 class=\"utrecht-heading-2\" id=\"kop-tabel\">"
			    "De verbindingen als tabel</h2><p class=\"utrecht-paragraph\">Op ");
		html_txt(b, when);
		html_raw(b, t.zoek ? " werken meer dan " : " werken ");
		html_int_grouped(b, t.zoek ? NETWERK_KAART_MAX : total);
		html_raw(b, " paren van organisaties samen: te veel lijnen voor één kaart. Kies hierboven een taakveld om "
			    "de kaart van dat taakveld te zien.</p>");
		struct buf title;
		buf_init(&title, 256);
		buf_adds(&title, "Netwerk van samenwerking op ");
		buf_adds(&title, when);
		links_table(b, &t, rows, total, tv_names, buf_str(&title));
		buf_release(&title);
		html_raw(b, "</section>");
	}
	if (links) {
		struct buf title, desc, when;
		buf_init(&title, 1024);
		buf_init(&desc, 2048);
		buf_init(&when, 64);
		html_date(&when, date);
		buf_printf(&title, "Netwerk van samenwerking op %s", buf_str(&when));
		if (taakveld)
			buf_printf(&title, ", taakveld %s", page_name(tv_names, taakveld));
		size_t npairs = json_array_size(links);
		buf_printf(&desc,
			   "%zu organisaties op een cirkel. %zu %s op %s samen%s. Een lijn verbindt twee organisaties die "
			   "samenwerken; hoe dikker, hoe meer gedeelde taakvelden. Dezelfde verbindingen staan in de tabel onder "
			   "de kaart.",
			   json_array_size(org_list), npairs, npairs == 1 ? "paar werkt" : "paren werken", buf_str(&when),
			   taakveld ? " op dit taakveld" : "");
		struct register_netwerkkaart_options opt = {
			.title = buf_str(&title), .desc = buf_str(&desc), .order_links = all_links, .only_linked = 0
		};
		html_raw(b, "<section aria-labelledby=\"kop-kaart\"><h2 class=\"utrecht-heading-2\" id=\"kop-kaart\">");
		html_txt(b, buf_str(&title));
		html_raw(b, "</h2><figure class=\"samen-figure\"><div class=\"samen-netwerk-frame\">");
		register_netwerkkaart_write(b, org_list, links, &opt);
		html_raw(b, "</div><figcaption class=\"samen-figure__caption\">");
		html_txt(b, buf_str(&desc));
		html_raw(b, "</figcaption></figure></section>");

		html_raw(b, "<section aria-labelledby=\"kop-tabel\"><h2 class=\"utrecht-heading-2\" id=\"kop-tabel\">"
			    "De verbindingen als tabel</h2>");
		if (npairs) {
			links_table(b, &t, rows, total, tv_names, buf_str(&title));
		} else {
			html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Op ");
			html_txt(b, buf_str(&when));
			html_raw(b, taakveld ? " werkt niemand op dit taakveld samen.</p>" : " werkt niemand samen.</p>");
		}
		html_raw(b, "</section>");
		buf_release(&title);
		buf_release(&desc);
		buf_release(&when);
	}
	page_end(rq, rs);
	if (bad_date || bad_taakveld)
		rs->status = 400;
out:
	json_decref(tv_list);
	json_decref(tv_names);
	json_decref(org_list);
	json_decref(org_names);
	json_decref(links);
	json_decref(all_links);
	json_decref(rows);
	return 0;
}
