/* The audit log for a beheerder: GET /beheer/audit, newest first, 50 a
 * page (web/page_listing.h), filtered on period, account name and a
 * search, sortable, and the whole selection as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "http/auth.h"
#include "http/authz.h"
#include "report/csv_export.h"
#include "store/gebruikers.h"
#include "web/html.h"
#include "web/page_audit.h"
#include "web/page_listing.h"
#include "web/pages.h"

static const char *query(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static void cell(struct buf *b, json_t *rec, const char *name)
{
	html_raw(b, "<td class=\"utrecht-table__cell\">");
	html_txt(b, json_string_value(json_object_get(rec, name)));
	html_raw(b, "</td>");
}

static const struct page_listing_col cols[] = {
	{ "Tijdstip", "tijdstip" },  { "Wie", "actor" },      { "Actie", "actie" }, { "Wat", NULL },
	{ "Uitkomst", "resultaat" }, { "Vanaf adres", NULL }, { NULL, NULL },
};
static const char *const keep[] = { "van", "tot", "actor", NULL };

/* 2024-05-01T10:00:00Z → 2024-05-01 12:00:00, Dutch time */
static void when_text(const char *ts, char *when, size_t len) { date_local_text(ts, when, len); }

/* The CSV says what the page says (Dutch time, names, actions in words)
 * and then the log's own values, for an auditor who compares them with
 * samen audit or the API. */
static void send_csv(struct request *rq, struct response *rs, json_t *recs)
{
	static const char *const head[] = { "Tijdstip",	   "Wie",	  "Actie",	 "Wat",
					    "Uitkomst",	   "Vanaf adres", "Tijdstempel (UTC)", "Actor (log)",
					    "Actie (log)", "Object (log)", "Resultaat (log)",   NULL };
	static const char *const raw[] = { "tijdstempel", "actor", "actie", "object", "resultaat", NULL };
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *rec;
	json_array_foreach(recs, i, rec) {
		char when[32];
		when_text(json_string_value(json_object_get(rec, "tijdstempel")), when, sizeof(when));
		csv_export_text(&w, when);
		for (int k = 0; k < 4; k++) {
			struct buf t;
			buf_init(&t, 0);
			const char *v = json_string_value(json_object_get(rec, raw[k + 1]));
			if (k == 0)
				page_audit_who_text(rq, &t, v);
			else if (k == 1)
				page_audit_action_text(&t, v);
			else if (k == 2)
				page_audit_what_text(rq, &t, v);
			else
				page_audit_result_text(&t, v);
			csv_export_text(&w, buf_str(&t));
			buf_release(&t);
		}
		csv_export_text(&w, json_string_value(json_object_get(rec, "oorsprong")));
		for (int k = 0; raw[k]; k++)
			csv_export_text(&w, json_string_value(json_object_get(rec, raw[k])));
		csv_export_row_end(&w);
	}
	page_listing_send_csv(rs, "auditlog.csv", &csv);
	buf_release(&csv);
}

static void filter_form(struct buf *b, const struct page_listing *t, const struct audit_filter *f, const char *van_err,
			const char *tot_err)
{
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"/beheer/audit\">");
	page_listing_search(b, t, "Zoek in actor, actie, object en resultaat");
	page_input_field(b, &(struct page_input){ .id = "van",
						  .label = "Van (datum)",
						  .type = "date",
						  .value = f->van,
						  .error = van_err,
						  .field_class = "samen-filter__field" });
	page_input_field(b, &(struct page_input){ .id = "tot",
						  .label = "Tot en met (datum)",
						  .type = "date",
						  .value = f->tot,
						  .error = tot_err,
						  .field_class = "samen-filter__field" });
	page_input_field(b, &(struct page_input){ .id = "actor",
						  .label = "Gebruiker (naam)",
						  .type = "text",
						  .value = f->actor,
						  .error = NULL,
						  .field_class = "samen-filter__field" });
	page_listing_form_keep(b, t);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");
}

static int get_audit(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_AUDIT_READ, NULL) < 0)
		return 0;
	struct page_listing t = {
		.base = "/beheer/audit", .keep = keep, .cols = cols, .default_sort = "tijdstip", .default_desc = 1
	};
	page_listing_read(&t, rq);
	struct listing l;
	page_listing_to(&t, &l);
	long long total = 0;
	struct audit_filter f = {
		.van = query(rq, "van"), .tot = query(rq, "tot"), .actor = query(rq, "actor"), .listing = &l, .total = &total
	};

	struct problem p;
	problem_init(&p);
	json_t *recs = NULL;
	const char *van_err = NULL, *tot_err = NULL;
	if (gebruikers_audit_filter_check(&f, &p) < 0) {
		for (int i = 0; i < p.nparams; i++) {
			if (!strcmp(p.params[i].name, "van"))
				van_err = "Geef een datum als JJJJ-MM-DD.";
			else
				tot_err = "Geef een datum als JJJJ-MM-DD.";
		}
	} else if (gebruikers_audit_list(rq->store, &f, &recs, &p) < 0) {
		page_error(rq, rs, p.status ? p.status : 500, p.detail);
		return 0;
	}
	if (recs && t.csv) {
		send_csv(rq, rs, recs);
		json_decref(recs);
		return 0;
	}

	page_begin(rq, rs, "Auditlog");
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Auditlog</h1>"
		    "<p class=\"utrecht-paragraph\">Elke wijziging en elke mislukte of geweigerde poging, met wie, wat, "
		    "het resultaat en het adres van herkomst. Het log kan alleen worden aangevuld.</p>");
	filter_form(b, &t, &f, van_err, tot_err);
	if (!recs) {
		html_raw(b, "<div class=\"samen-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">Herstel de datum in het "
			    "filter.</p></div>");
	} else {
		page_listing_open(b, &t, "Auditregels", NULL, total);
		size_t i;
		json_t *rec;
		json_array_foreach(recs, i, rec) {
			/* In words and Dutch time (page_audit.h). */
			html_raw(b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell samen-nowrap\">");
			page_audit_when(b, json_string_value(json_object_get(rec, "tijdstempel")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_audit_who(rq, b, json_string_value(json_object_get(rec, "actor")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_audit_action(b, json_string_value(json_object_get(rec, "actie")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_audit_what(rq, b, json_string_value(json_object_get(rec, "object")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_audit_result(b, json_string_value(json_object_get(rec, "resultaat")));
			html_raw(b, "</td>");
			cell(b, rec, "oorsprong");
			html_raw(b, "</tr>");
		}
		page_listing_close(b, &t, total);
	}
	page_end(rq, rs);
	json_decref(recs);
	if (van_err || tot_err)
		rs->status = 400;
	return 0;
}

const struct route page_audit_routes[] = {
	{ "GET", "/beheer/audit", get_audit, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
