/* The long lists of a proeftuin, each searchable, filterable, sortable,
 * paged and downloadable as CSV (web/page_listing.h):
 *   GET /proeftuinen/{p}/opdrachten   the opdrachten (soort, status, opdrachtgever)
 *   GET /proeftuinen/{p}/uren         the urenregels (status, organisatie, period)
 * Reading is as for the rest of the urenbank: a signed-in account. The hours
 * are shown as the store gives them, so what it leaves out for a role stays out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/csv_export.h"
#include "store/urenbank.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *query(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

/* A <select> of a filter; options are value/label pairs ending in NULL,
 * the first being "all" with value "". */
static void select_field(struct buf *b, const char *id, const char *label, const char *const *options, const char *current,
			 const char *error)
{
	struct page_input in = { .id = id, .label = label, .error = error, .field_class = "samen-filter__field" };
	page_field_begin(b, &in);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\"");
	page_field_invalid(b, &in);
	html_raw(b, " id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	for (int i = 0; options[i]; i += 2) {
		html_raw(b, "<option value=\"");
		html_attr(b, options[i]);
		html_raw(b, (current ? !strcmp(current, options[i]) : !options[i][0]) ? "\" selected>" : "\">");
		html_txt(b, options[i + 1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

/* The members of the proeftuin as value/label pairs after "all" (a new array of borrowed strings in opts). */
static const char **member_options(const struct page_urenbank_page *pg, json_t *names, const char *all)
{
	json_t *leden = json_object_get(pg->pt, "leden");
	size_t n = json_array_size(leden), i, k = 0;
	const char **o = calloc(2 * n + 3, sizeof(*o));
	if (!o)
		return NULL;
	o[k++] = "";
	o[k++] = all;
	json_t *x;
	json_array_foreach(leden, i, x) {
		o[k++] = json_string_value(x);
		o[k++] = page_name(names, json_string_value(x));
	}
	return o;
}

static void problem_alert(struct buf *b, const struct problem *p)
{
	page_alert(b, p->nparams ? "Een van de filters heeft een waarde die niet bestaat; kies opnieuw." : p->detail);
}

/* ---- opdrachten ---------------------------------------------------------- */

static const struct page_listing_col opdracht_cols[] = {
	{ "#Nr", "nr" },        { "Opdracht", "titel" },   { "Soort", "soort" },     { "Opdrachtgevers", NULL },
	{ "Status", "status" }, { "#Geraamd", "geraamd" }, { "#Goedgekeurd", NULL }, { NULL, NULL },
};
static const char *const opdracht_keep[] = { "soort", "status", "opdrachtgever", NULL };
static const char *const soort_opts[] = { "",          "Alle soorten",      "lokaal",
					  "lokaal",    "meervoudig-lokaal", "meervoudig lokaal",
					  "regionaal", "regionaal",         NULL };
static const char *const opdracht_status_opts[] = { "",         "Alle statussen", "open",         "open", "afgerond",
						    "afgerond", "samengevoegd",   "samengevoegd", NULL };

static void principals_text(struct buf *b, json_t *o, int html)
{
	size_t i;
	json_t *g, *gevers = json_object_get(o, "opdrachtgevers");
	json_array_foreach(gevers, i, g) {
		if (i)
			buf_adds(b, ", ");
		if (html)
			page_org_link(b, str(g, "organisatie"), str(g, "naam"));
		else
			buf_adds(b, str(g, "naam"));
		if (json_array_size(gevers) > 1)
			buf_printf(b, " (%lld)", (long long)json_integer_value(json_object_get(g, "aandeel")));
	}
}

static void opdrachten_csv(struct response *rs, json_t *list)
{
	static const char *const head[] = { "Nr",     "Opdracht",       "Soort",          "Opdrachtgevers",
					    "Status", "Contactpersoon", "Geraamd (uren)", "Goedgekeurd (uren)",
					    NULL };
	struct buf csv, t;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		csv_export_int(&w, (long long)json_integer_value(json_object_get(o, "id")));
		csv_export_text(&w, str(o, "titel"));
		csv_export_text(&w, str(o, "soort"));
		buf_init(&t, 0);
		principals_text(&t, o, 0);
		csv_export_text(&w, buf_str(&t));
		buf_release(&t);
		csv_export_text(&w, str(o, "status"));
		csv_export_text(&w, str(o, "contactpersoon"));
		json_t *g = json_object_get(o, "geraamdeMinuten");
		if (json_is_integer(g))
			csv_export_minutes(&w, json_integer_value(g));
		else
			csv_export_text(&w, NULL);
		csv_export_minutes(&w, json_integer_value(json_object_get(o, "goedgekeurdMinuten")));
		csv_export_row_end(&w);
	}
	page_listing_send_csv(rs, "opdrachten.csv", &csv);
	buf_release(&csv);
}

int page_urenbank_opdrachten(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	char base[200];
	snprintf(base, sizeof(base), "/proeftuinen/%s/opdrachten", pg.code);
	struct page_listing t = { .base = base, .keep = opdracht_keep, .cols = opdracht_cols, .default_sort = "nr" };
	page_listing_read(&t, rq);
	struct listing l;
	page_listing_to(&t, &l);
	const char *soort = query(rq, "soort"), *status = query(rq, "status"), *gever = query(rq, "opdrachtgever");
	struct problem p;
	problem_init(&p);
	json_t *list = NULL, *names = page_urenbank_org_names(rq);
	long long total = 0;
	int r = urenbank_opdracht_list_page(rq->store, pg.code, status, soort, gever, &l, &list, &total, &p);
	if (r == 0 && t.csv) {
		opdrachten_csv(rs, list);
		goto out;
	}
	page_urenbank_begin(rq, rs, &pg, "Opdrachten", "opdrachten");
	struct buf *b = &rs->body;
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	html_attr(b, base);
	html_raw(b, "\">");
	page_listing_search(b, &t, "Zoek in titel, omschrijving en contactpersoon");
	select_field(b, "soort", "Soort", soort_opts, soort, NULL);
	select_field(b, "status", "Status", opdracht_status_opts, status, NULL);
	const char **orgs = member_options(&pg, names, "Alle opdrachtgevers");
	if (orgs)
		select_field(b, "opdrachtgever", "Opdrachtgever", orgs, gever, NULL);
	free(orgs);
	page_listing_form_keep(b, &t);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
	if (r < 0) {
		problem_alert(b, &p);
		rs->status = 400;
	} else {
		page_listing_open(b, &t, "Opdrachten van de proeftuin", "samen-table--wide", total);
		size_t i;
		json_t *o;
		json_array_foreach(list, i, o) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell "
				    "utrecht-table__cell--numeric-column\">");
			html_int(b, (long long)json_integer_value(json_object_get(o, "id")));
			html_raw(b, "</td><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(o, "titel"));
			if (str(o, "contactpersoon")) {
				html_raw(b, "<span class=\"samen-cell-note\">aanspreekpunt: ");
				html_txt(b, str(o, "contactpersoon"));
				html_raw(b, "</span>");
			}
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			page_label(b, str(o, "soort"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			principals_text(b, o, 1);
			html_raw(b, "</td><td class=\"utrecht-table__cell\"><span class=\"samen-badge samen-ub-badge--");
			html_attr(b, str(o, "status"));
			html_raw(b, "\">");
			html_txt(b, str(o, "status"));
			html_raw(b, "</span></td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column "
				    "samen-nowrap\">");
			json_t *g = json_object_get(o, "geraamdeMinuten");
			if (json_is_integer(g))
				page_urenbank_hours(b, json_integer_value(g));
			else
				html_raw(b, "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_hours(b, json_integer_value(json_object_get(o, "goedgekeurdMinuten")));
			html_raw(b, "</td></tr>");
		}
		page_listing_close(b, &t, total);
	}
	page_end(rq, rs);
out:
	json_decref(list);
	json_decref(names);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- uren ---------------------------------------------------------------- */

static const struct page_listing_col uren_cols[] = {
	{ "Datum", "datum" }, { "Medewerker", "medewerker" }, { "Organisatie", "organisatie" }, { "Opdracht", NULL },
	{ "#Tijd", "uren" },  { "Status", "status" },         { "Omschrijving", NULL },         { NULL, NULL },
};
static const char *const uren_keep[] = { "status", "organisatie", "van", "tot", NULL };
static const char *const uren_status_opts[] = {
	"",          "Alle statussen", "ingediend",    "ingediend",    "goedgekeurd", "goedgekeurd",
	"afgekeurd", "afgekeurd",      "gecorrigeerd", "gecorrigeerd", NULL
};

static void uren_csv(struct response *rs, json_t *list, json_t *titles, json_t *names)
{
	static const char *const head[] = { "Datum",  "Medewerker", "Organisatie",  "Opdracht", "Tijd (uren)",
					    "Status", "Reden",      "Omschrijving", NULL };
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(e, "opdracht")));
		csv_export_text(&w, str(e, "datum"));
		csv_export_text(&w, str(e, "medewerkerNaam"));
		csv_export_text(&w, page_name(names, str(e, "organisatie")));
		csv_export_text(&w, str(titles, id));
		csv_export_minutes(&w, json_integer_value(json_object_get(e, "minuten")));
		csv_export_text(&w, str(e, "status"));
		csv_export_text(&w, str(e, "reden"));
		csv_export_text(&w, str(e, "omschrijving"));
		csv_export_row_end(&w);
	}
	page_listing_send_csv(rs, "uren.csv", &csv);
	buf_release(&csv);
}

static const char *date_error(const char *v)
{
	int32_t d;
	return v && date_parse(v, &d) < 0 ? "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2012-03-08." : NULL;
}

int page_urenbank_uren_lijst(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	char base[200];
	snprintf(base, sizeof(base), "/proeftuinen/%s/uren", pg.code);
	struct page_listing t = {
		.base = base, .keep = uren_keep, .cols = uren_cols, .default_sort = "datum", .default_desc = 1
	};
	page_listing_read(&t, rq);
	struct listing l;
	page_listing_to(&t, &l);
	long long total = 0;
	struct urenbank_uren_filter f = { .status = query(rq, "status"),
					  .organisatie = query(rq, "organisatie"),
					  .van = query(rq, "van"),
					  .tot = query(rq, "tot"),
					  .listing = &l,
					  .total = &total };
	const char *van_err = date_error(f.van), *tot_err = date_error(f.tot);
	struct problem p;
	problem_init(&p);
	json_t *list = NULL, *names = page_urenbank_org_names(rq), *titles = page_urenbank_opdracht_titles(rq, &pg);
	int r = van_err || tot_err ? -400 : urenbank_uren_list(rq->store, pg.code, &f, &list, &p);
	if (r == 0 && t.csv) {
		uren_csv(rs, list, titles, names);
		goto out;
	}
	page_urenbank_begin(rq, rs, &pg, "Uren", "uren");
	struct buf *b = &rs->body;
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	html_attr(b, base);
	html_raw(b, "\">");
	page_listing_search(b, &t, "Zoek op medewerker of omschrijving");
	select_field(b, "status", "Status", uren_status_opts, f.status, NULL);
	const char **orgs = member_options(&pg, names, "Alle organisaties");
	if (orgs)
		select_field(b, "organisatie", "Organisatie van de medewerker", orgs, f.organisatie, NULL);
	free(orgs);
	page_input_field(b, &(struct page_input){ .id = "van",
						  .label = "Van (datum)",
						  .type = "date",
						  .value = f.van,
						  .error = van_err,
						  .field_class = "samen-filter__field" });
	page_input_field(b, &(struct page_input){ .id = "tot",
						  .label = "Tot en met (datum)",
						  .type = "date",
						  .value = f.tot,
						  .error = tot_err,
						  .field_class = "samen-filter__field" });
	page_listing_form_keep(b, &t);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
	if (r < 0) {
		if (!van_err && !tot_err)
			problem_alert(b, &p);
		rs->status = 400;
	} else {
		page_listing_open(b, &t, "Urenregels van de proeftuin", "samen-table--wide", total);
		size_t i;
		json_t *e;
		json_array_foreach(list, i, e) {
			char id[32];
			snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(e, "opdracht")));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, str(e, "datum"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, str(e, "medewerkerNaam"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, page_name(names, str(e, "organisatie")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(titles, id));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_hours(b, json_integer_value(json_object_get(e, "minuten")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\"><span class=\"samen-badge samen-ub-badge--");
			html_attr(b, str(e, "status"));
			html_raw(b, "\">");
			html_txt(b, str(e, "status"));
			html_raw(b, "</span>");
			if (str(e, "reden")) {
				html_raw(b, "<span class=\"samen-cell-note\">reden: ");
				html_txt(b, str(e, "reden"));
				html_raw(b, "</span>");
			}
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(e, "omschrijving") ? str(e, "omschrijving") : "");
			html_raw(b, "</td></tr>");
		}
		page_listing_close(b, &t, total);
	}
	page_end(rq, rs);
out:
	json_decref(list);
	json_decref(names);
	json_decref(titles);
	page_urenbank_page_release(&pg);
	return 0;
}
