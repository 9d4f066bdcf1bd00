/* The proeftuin-MT's leerervaringen and bijsturing (page_urenbank.h): the
 * list with its CSV, and the creation form on its own page. Who may write
 * is policy.c's leerervaring-vastleggen, as in the API. */
#include <stdio.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "report/csv_export.h"
#include "store/urenbank_leren.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"
#include "web/pages.h"

static int may_write(struct request *rq, const struct page_urenbank_page *pg)
{
	return page_urenbank_may(rq, pg, ACT_LESSON_WRITE, pg->member ? rq->actor.org : NULL);
}

static const char *const head[] = { "Datum", "Soort", "Thema", "Geleerd of besloten", "Vervolg", NULL };

static void send_csv(struct response *rs, json_t *list, const char *code)
{
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *l;
	json_array_foreach(list, i, l) {
		csv_export_text(&w, json_string_value(json_object_get(l, "datum")));
		csv_export_text(&w, json_string_value(json_object_get(l, "soort")));
		csv_export_text(&w, json_string_value(json_object_get(l, "thema")));
		csv_export_text(&w, json_string_value(json_object_get(l, "inhoud")));
		csv_export_text(&w, json_string_value(json_object_get(l, "vervolg")));
		csv_export_row_end(&w);
	}
	char name[120];
	snprintf(name, sizeof(name), "leerervaringen-%s.csv", code);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

int page_urenbank_leren(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *list = NULL;
	if (urenbank_les_list(rq->store, pg.code, NULL, &list, &p) < 0) {
		page_error(rq, rs, p.status, p.detail);
		page_urenbank_page_release(&pg);
		return 0;
	}
	if (page_listing_wants_csv(rq)) {
		send_csv(rs, list, pg.code);
		json_decref(list);
		page_urenbank_page_release(&pg);
		return 0;
	}
	page_urenbank_begin(rq, rs, &pg, "Leerervaringen en bijsturing", "leren");
	struct buf *b = &rs->body;
	const char *saved = req_query(rq, "vastgelegd");
	if (saved && saved[0])
		page_urenbank_note(b, "De leerervaring is vastgelegd.");
	html_raw(b, "<p class=\"utrecht-paragraph\">Wat het proeftuin-MT in de loop van het jaar leert (thema, wat is geleerd, "
		    "het vervolg) en de besluiten waarmee het bijstuurt, op datum. Ze komen in de tussentijdse rapportage en de "
		    "eindevaluatie.</p>");
	if (may_write(rq, &pg)) {
		html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
		page_urenbank_href(b, &pg, "/leerervaringen/nieuw");
		html_raw(b, "\">Leerervaring of bijsturing vastleggen</a></p>");
	}
	if (!json_array_size(list)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog niets vastgelegd.</p>");
	} else {
		page_table_begin(b, "Leerervaringen en bijsturing", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *l;
		json_array_foreach(list, i, l) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, json_string_value(json_object_get(l, "datum")));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(l, "soort")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(l, "thema")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(l, "inhoud")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			const char *v = json_string_value(json_object_get(l, "vervolg"));
			html_txt(b, v ? v : "—");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
		struct buf h;
		buf_init(&h, 0);
		buf_adds(&h, "/proeftuinen/");
		html_url_segment(&h, pg.code);
		buf_adds(&h, "/leerervaringen?formaat=csv");
		page_listing_csv_link(b, buf_str(&h));
		buf_release(&h);
	}
	page_end(rq, rs);
	json_decref(list);
	page_urenbank_page_release(&pg);
	return 0;
}

struct les_view {
	int status;
	const char *soort, *datum, *thema, *inhoud, *vervolg;
	const char *e_soort, *e_datum, *e_thema, *e_inhoud, *e_vervolg;
	const char *error;
};

static void render_form(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const struct les_view *v)
{
	page_urenbank_begin(rq, rs, pg, "Leerervaring vastleggen", "leren");
	if (v->status)
		rs->status = v->status;
	struct buf *b = &rs->body;
	if (v->error)
		page_urenbank_note(b, v->error);
	html_raw(b, "<form class=\"samen-form\" method=\"post\" action=\"");
	page_urenbank_href(b, pg, "/leerervaringen/nieuw");
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	struct page_input s = { .id = "les-soort", .name = "soort", .label = "Soort", .error = v->e_soort, .required = 1 };
	page_field_begin(b, &s);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"les-soort\" name=\"soort\" required");
	page_field_invalid(b, &s);
	html_raw(b, ">");
	static const char *const opts[][2] = { { "leerervaring", "Leerervaring" }, { "bijsturing", "Bijsturing (besluit)" } };
	for (int i = 0; i < 2; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, opts[i][0]);
		html_raw(b, v->soort && !strcmp(v->soort, opts[i][0]) ? "\" selected>" : "\">");
		html_txt(b, opts[i][1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
	struct page_input d = { .id = "les-datum",
				.name = "datum",
				.label = "Datum",
				.type = "date",
				.value = v->datum,
				.error = v->e_datum,
				.required = 1 };
	page_input_field(b, &d);
	struct page_input t = { .id = "les-thema",
				.name = "thema",
				.label = "Thema",
				.type = "text",
				.value = v->thema,
				.error = v->e_thema,
				.required = 1 };
	page_input_field(b, &t);
	struct page_input i = { .id = "les-inhoud",
				.name = "inhoud",
				.label = "Wat is geleerd, of wat is besloten",
				.type = "textarea",
				.value = v->inhoud,
				.error = v->e_inhoud,
				.required = 1 };
	page_input_field(b, &i);
	struct page_input f = { .id = "les-vervolg",
				.name = "vervolg",
				.label = "Vervolg (niet verplicht)",
				.type = "textarea",
				.value = v->vervolg,
				.error = v->e_vervolg };
	page_input_field(b, &f);
	html_raw(b, "<div class=\"utrecht-button-group\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Vastleggen</button></div></form>");
	page_end(rq, rs);
}

/* The page's own refusal when the actor is not of the proeftuin-MT. */
static int refuse(struct request *rq, struct response *rs, const struct page_urenbank_page *pg)
{
	if (may_write(rq, pg))
		return 0;
	const char *own = pg->member ? rq->actor.org : NULL;
	if (authz_require_page(rq, rs, ACT_LESSON_WRITE, own) == 0) {
		page_error(rq, rs, 403,
			   "Alleen het proeftuin-MT legt leerervaringen vast: de procesmanager en de managers van de leden.");
		authz_audit(rq, ACT_LESSON_WRITE, 403, pg->code);
	}
	return -1;
}

int page_urenbank_leren_form(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (refuse(rq, rs, &pg) == 0) {
		struct les_view v = { 0 };
		v.soort = "leerervaring";
		render_form(rq, rs, &pg, &v);
	}
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_leren_submit(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (refuse(rq, rs, &pg) < 0) {
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct les_view v = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render_form(rq, rs, &pg, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	v.soort = form_get(&f, "soort");
	v.datum = form_get(&f, "datum");
	v.thema = form_get(&f, "thema");
	v.inhoud = form_get(&f, "inhoud");
	v.vervolg = form_get(&f, "vervolg");
	json_t *in = json_object();
	const char *names[] = { "soort", "datum", "thema", "inhoud", "vervolg" };
	const char *vals[] = { v.soort, v.datum, v.thema, v.inhoud, v.vervolg };
	for (int k = 0; k < 5; k++)
		if (vals[k] && (vals[k][0] || k < 4))
			json_object_set_new(in, names[k], json_string(vals[k]));
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	int r = urenbank_les_create(rq->store, &rq->actor, pg.code, in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_LESSON_WRITE, r < 0 ? p.status : 201, pg.code);
	if (r < 0) {
		v.status = p.status ? p.status : 500;
		for (int k = 0; k < p.nparams; k++) {
			const char *n = p.params[k].name, *why = p.params[k].reason;
			if (!strcmp(n, "soort"))
				v.e_soort = why;
			else if (!strcmp(n, "datum"))
				v.e_datum = "Vul een bestaande datum in, bijvoorbeeld 2012-04-15.";
			else if (!strcmp(n, "thema"))
				v.e_thema = "Vul het thema in.";
			else if (!strcmp(n, "inhoud"))
				v.e_inhoud = "Schrijf op wat is geleerd of besloten.";
			else if (!strcmp(n, "vervolg"))
				v.e_vervolg = why;
		}
		if (!p.nparams)
			v.error = p.detail;
		render_form(rq, rs, &pg, &v);
	} else {
		struct buf loc;
		buf_init(&loc, 256);
		buf_adds(&loc, "/proeftuinen/");
		html_url_segment(&loc, pg.code);
		buf_printf(&loc, "/leerervaringen?vastgelegd=%lld", (long long)json_integer_value(json_object_get(out, "id")));
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
		buf_release(&loc);
	}
	json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}
