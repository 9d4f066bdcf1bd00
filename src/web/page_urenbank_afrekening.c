/* The money pages of the hours exchange (page_urenbank.h): the balances
 * with the chart and the settlement (preview,
 * confirmation, settling). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "report/urenbank_saldi.h"
#include "store/urenbank.h"
#include "report/csv_export.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"

/* ---- saldi --------------------------------------------------------------- */

static void hours_cell(struct buf *b, long long minutes, int sign)
{
	html_raw(b, minutes < 0 && sign
			    ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap samen-ub-min\">"
			    : "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
	if (sign && minutes > 0)
		html_raw(b, "+");
	page_urenbank_hours(b, minutes);
	html_raw(b, "</td>");
}

static const char *const saldo_fields[] = { "gebrachtMinuten", "gehaaldMinuten",    "gestortMinuten",
					    "saldoMinuten",    "vastgelegdMinuten", "beschikbaarMinuten" };

static void saldi_table(struct buf *b, json_t *saldi)
{
	static const char *const head[] = { "Gemeente", "#Gebracht",   "#Gehaald",     "#Gestort",
					    "#Saldo",   "#Vastgelegd", "#Beschikbaar", NULL };
	page_table_begin(b, "Saldo en trekkingsrechten per gemeente", NULL);
	page_table_head(b, head);
	long long total[6] = { 0 };
	size_t i;
	json_t *s;
	json_array_foreach(saldi, i, s) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, json_string_value(json_object_get(s, "organisatie")),
			      json_string_value(json_object_get(s, "naam")));
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

static void saldi_csv(struct response *rs, json_t *saldi, const char *code)
{
	static const char *const head[] = { "Gemeente", "Gebracht",   "Gehaald",     "Gestort",
					    "Saldo",    "Vastgelegd", "Beschikbaar", NULL };
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	long long total[6] = { 0 };
	size_t i;
	json_t *s;
	json_array_foreach(saldi, i, s) {
		csv_export_text(&w, json_string_value(json_object_get(s, "naam")));
		for (int k = 0; k < 6; k++) {
			long long v = json_integer_value(json_object_get(s, saldo_fields[k]));
			total[k] += v;
			csv_export_minutes(&w, v);
		}
		csv_export_row_end(&w);
	}
	csv_export_text(&w, "Totaal");
	for (int k = 0; k < 5; k++)
		csv_export_minutes(&w, total[k]);
	csv_export_text(&w, NULL);
	csv_export_row_end(&w);
	char name[120];
	snprintf(name, sizeof(name), "saldi-%s.csv", code);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

static void csv_link(struct buf *b, const struct page_urenbank_page *pg, const char *rest)
{
	struct buf h;
	buf_init(&h, 0);
	buf_adds(&h, "/proeftuinen/");
	html_url_segment(&h, pg->code);
	buf_adds(&h, rest);
	page_listing_csv_link(b, buf_str(&h));
	buf_release(&h);
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
	json_array_foreach(deposits, i, d) {
		html_raw(b,
			 "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
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

int page_urenbank_saldi(struct request *rq, struct response *rs)
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
	if (page_listing_wants_csv(rq)) {
		saldi_csv(rs, saldi, pg.code);
		json_decref(saldi);
		json_decref(deposits);
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
	csv_link(b, &pg, "/saldi?formaat=csv");
	html_raw(b, "<p class=\"utrecht-paragraph\">Wie de saldi wil laten nazien, bijvoorbeeld door de controller of de "
		    "accountant, geeft hun <a class=\"utrecht-link\" href=\"");
	page_urenbank_href(b, &pg, "/journaal");
	html_raw(b, "\">het journaal</a>: elke boeking van deze proeftuin, per maand, kwartaal of jaar of in zijn geheel, in "
		    "een bestand dat boekhoudprogramma's lezen. Het hele journaal opgeteld geeft dezelfde saldi.</p></section>");
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

/* ---- afrekening ----------------------------------------------------------- */

struct settle_view {
	int status;
	const char *error;
	int confirm;
};

static void settlement_rows(struct buf *b, json_t *regels, long long total)
{
	static const char *const head[] = { "Gemeente", "#Saldo", "#Omgerekend", "Dat betekent", "#Rest van stortingen", NULL };
	page_table_head(b, head);
	size_t i;
	json_t *r;
	json_array_foreach(regels, i, r) {
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

static void settlement_csv_rows(struct csv_export *w, const char *which, json_t *regels, long long total)
{
	size_t i;
	json_t *r;
	json_array_foreach(regels, i, r) {
		csv_export_text(w, which);
		csv_export_text(w, json_string_value(json_object_get(r, "naam")));
		csv_export_minutes(w, json_integer_value(json_object_get(r, "saldoMinuten")));
		csv_export_cents(w, json_integer_value(json_object_get(r, "bedragCenten")));
		csv_export_cents(w, json_integer_value(json_object_get(r, "restCenten")));
		csv_export_row_end(w);
	}
	csv_export_text(w, which);
	csv_export_text(w, "Totaal");
	csv_export_text(w, NULL);
	csv_export_cents(w, total);
	csv_export_text(w, NULL);
	csv_export_row_end(w);
}

/* The preview (while open) and every settlement, one block of rows each. */
static void settlement_csv(struct response *rs, const struct page_urenbank_page *pg, json_t *preview, json_t *done)
{
	static const char *const head[] = {
		"Afrekening", "Gemeente", "Saldo (uren)", "Omgerekend (euro)", "Rest van stortingen (euro)", NULL
	};
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	if (!pg->closed)
		settlement_csv_rows(&w, "voorlopig", json_object_get(preview, "regels"),
				    json_integer_value(json_object_get(preview, "totaalCenten")));
	size_t i;
	json_t *a;
	json_array_foreach(done, i, a) {
		char which[64];
		snprintf(which, sizeof(which), "tot en met %s", json_string_value(json_object_get(a, "tot")));
		settlement_csv_rows(&w, which, json_object_get(a, "regels"),
				    json_integer_value(json_object_get(a, "totaalCenten")));
	}
	char name[120];
	snprintf(name, sizeof(name), "afrekening-%s.csv", pg->code);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
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
	if (page_listing_wants_csv(rq) && !strcmp(rq->method, "GET")) {
		settlement_csv(rs, pg, preview, done);
		json_decref(preview);
		json_decref(done);
		return;
	}
	int may = page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL);
	page_urenbank_begin(rq, rs, pg, "Afrekening", "afrekening");
	struct buf *b = &rs->body;
	const char *afgerekend = req_query(rq, "afgerekend");
	if (afgerekend && !v->error)
		page_urenbank_note(
			b, "De proeftuin is afgerekend. De saldi zijn omgezet in geld en de periode is gesloten voor nieuwe "
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
			html_raw(b, "<div class=\"utrecht-alert utrecht-alert--warning samen-ub-warning\"><p "
				    "class=\"utrecht-paragraph\">");
			html_txt(b, msg);
			html_raw(b, "</p></div>");
		}
		page_table_begin(b, "Voorlopige afrekening per gemeente", NULL);
		settlement_rows(b, json_object_get(preview, "regels"),
				json_integer_value(json_object_get(preview, "totaalCenten")));
		page_table_end(b);
		csv_link(b, pg, "/afrekening?formaat=csv");
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
	json_array_foreach(done, i, a) {
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
	if (pg->closed && json_array_size(done))
		csv_link(b, pg, "/afrekening?formaat=csv");
	html_raw(b, "</section>");
	page_end(rq, rs);
	if (v->status)
		rs->status = v->status;
	json_decref(preview);
	json_decref(done);
}

int page_urenbank_settlement(struct request *rq, struct response *rs)
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

int page_urenbank_settle(struct request *rq, struct response *rs)
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
