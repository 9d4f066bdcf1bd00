/* The audit log for a beheerder: GET /beheer/audit, newest first, 50 a
 * page, filtered on period and account name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/auth.h"
#include "http/authz.h"
#include "store/gebruikers.h"
#include "web/html.h"
#include "web/page_audit.h"
#include "web/pages.h"

#define AUDIT_PAGE_SIZE 50

static const char *query(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

/* href of another page of the same selection. */
static void page_href(struct buf *b, const struct audit_filter *f, long long page)
{
	struct buf h;
	buf_init(&h, 1024);
	buf_printf(&h, "/beheer/audit?pagina=%lld", page);
	const char *names[] = { "van", "tot", "actor" };
	const char *values[] = { f->van, f->tot, f->actor };
	for (int i = 0; i < 3; i++) {
		if (!values[i])
			continue;
		buf_printf(&h, "&%s=", names[i]);
		html_url_segment(&h, values[i]);
	}
	html_attr(b, buf_str(&h));
	buf_release(&h);
}

static void cell(struct buf *b, json_t *rec, const char *name)
{
	html_raw(b, "<td class=\"utrecht-table__cell\">");
	html_txt(b, json_string_value(json_object_get(rec, name)));
	html_raw(b, "</td>");
}

static int get_audit(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_AUDIT_READ, NULL) < 0)
		return 0;
	struct audit_filter f = {
		.van = query(rq, "van"), .tot = query(rq, "tot"), .actor = query(rq, "actor"), .limit = AUDIT_PAGE_SIZE + 1
	};
	long long page = 1;
	const char *pq = query(rq, "pagina");
	if (pq) {
		char *end;
		page = strtoll(pq, &end, 10);
		if (*end || page < 1 || page > 1000000)
			page = 1;
	}
	f.offset = (page - 1) * AUDIT_PAGE_SIZE;

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

	page_begin(rq, rs, "Auditlog");
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Auditlog</h1>"
		    "<p class=\"utrecht-paragraph\">Elke wijziging en elke mislukte of geweigerde poging, met wie, wat, "
		    "het resultaat en het adres van herkomst. Het log kan alleen worden aangevuld.</p>");
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"/beheer/audit\">");
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
	page_input_field(b, &(struct page_input){ .id = "actor",
						  .label = "Gebruiker (naam)",
						  .type = "text",
						  .value = f.actor,
						  .error = NULL,
						  .field_class = "samen-filter__field" });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon</button></form>");

	size_t n = recs ? json_array_size(recs) : 0;
	size_t shown = n > AUDIT_PAGE_SIZE ? AUDIT_PAGE_SIZE : n;
	if (!recs) {
		html_raw(b, "<div class=\"samen-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">Herstel de datum in het "
			    "filter.</p></div>");
	} else if (!shown) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Geen auditregels bij deze selectie.</p>");
	} else {
		html_raw(b,
			 "<div class=\"samen-table-container\"><table class=\"utrecht-table samen-table\"><caption>Auditregels, "
			 "nieuwste eerst (pagina ");
		html_int(b, page);
		html_raw(b, ")</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Tijdstip</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Wie</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Actie</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Wat</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Uitkomst</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vanaf adres</th>"
			    "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < shown; i++) {
			json_t *rec = json_array_get(recs, i);
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
		html_raw(b, "</tbody></table></div>");
	}
	if (page > 1 || n > AUDIT_PAGE_SIZE) {
		html_raw(b, "<nav aria-label=\"Pagina's van het auditlog\"><ul class=\"samen-quicklinks__list\">");
		if (page > 1) {
			html_raw(b, "<li><a class=\"utrecht-link\" rel=\"prev\" href=\"");
			page_href(b, &f, page - 1);
			html_raw(b, "\">Nieuwere regels</a></li>");
		}
		if (n > AUDIT_PAGE_SIZE) {
			html_raw(b, "<li><a class=\"utrecht-link\" rel=\"next\" href=\"");
			page_href(b, &f, page + 1);
			html_raw(b, "\">Oudere regels</a></li>");
		}
		html_raw(b, "</ul></nav>");
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
