#include <string.h>
#include "store/register.h"
#include "web/pages.h"

/* Members of a verband on date: working members and toehoorders apart. */
static void count_members(json_t *leden, const char *date, int *members, int *listeners)
{
	size_t i;
	json_t *l;
	*members = *listeners = 0;
	json_array_foreach(leden, i, l) {
		const char *van = json_string_value(json_object_get(l, "van"));
		const char *tot = json_string_value(json_object_get(l, "tot"));
		const char *rol = json_string_value(json_object_get(l, "rol"));
		if (!van || strcmp(van, date) > 0 || (tot && strcmp(tot, date) <= 0))
			continue;
		if (rol && !strcmp(rol, "toehoorder"))
			(*listeners)++;
		else
			(*members)++;
	}
}

static void verbanden_table(struct buf *b, json_t *verbanden, const char *today)
{
	static const char *const head[] = { "Verband", "#Huidige leden", "Doelen", NULL };
	page_table_begin(b, "Alle samenwerkingsverbanden, met het aantal leden op vandaag en hun doelen", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *v;
	json_array_foreach(verbanden, i, v) {
		int members, listeners;
		count_members(json_object_get(v, "leden"), today, &members, &listeners);
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_verband_link(b, json_string_value(json_object_get(v, "code")),
				  json_string_value(json_object_get(v, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int(b, members);
		if (listeners) {
			html_raw(b, " <span class=\"samen-muted\">(+");
			html_int(b, listeners);
			html_raw(b, listeners == 1 ? " toehoorder)</span>" : " toehoorders)</span>");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_label_list(b, json_object_get(v, "doelen"));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

static void organisaties_table(struct buf *b, json_t *orgs)
{
	static const char *const head[] = { "Organisatie", "Code", "Soort", "#Inwoners", NULL };
	page_table_begin(b, "Alle organisaties in het register", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		json_t *inwoners = json_object_get(o, "inwoners");
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, json_string_value(json_object_get(o, "code")), json_string_value(json_object_get(o, "naam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\"><span class=\"samen-code\">");
		html_txt(b, json_string_value(json_object_get(o, "code")));
		html_raw(b, "</span></td><td class=\"utrecht-table__cell\">");
		page_label(b, json_string_value(json_object_get(o, "soort")));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		if (json_is_integer(inwoners))
			html_int_grouped(b, json_integer_value(inwoners));
		else
			html_raw(b, "<span class=\"samen-muted\">onbekend</span>");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
}

int page_home(struct request *rq, struct response *rs)
{
	struct buf *b = &rs->body;
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	json_t *verbanden = register_verband_list(rq->store);
	json_t *orgs = register_org_list(rq->store);

	page_begin(rq, rs, "Overzicht");
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Samenwerken als ware het één netwerkorganisatie</h1>"
		    "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Het register van de samenwerking: welke "
		    "organisaties in welke verbanden samenwerken, en op welke taakvelden. Elke organisatie houdt haar "
		    "eigen raad, begroting en bevoegdheden.</p>"
		    "<p class=\"utrecht-paragraph\">Bekijk ook de <a class=\"utrecht-link\" href=\"/netwerk\">netwerkkaart</a>: "
		    "wie werkt met wie samen, op een datum naar keuze.</p>");

	html_raw(b, "<section aria-labelledby=\"kop-verbanden\"><h2 class=\"utrecht-heading-2\" id=\"kop-verbanden\">"
		    "Samenwerkingsverbanden</h2>");
	if (json_array_size(verbanden))
		verbanden_table(b, verbanden, today);
	else
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen samenwerkingsverbanden vastgelegd.</p>");
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"kop-organisaties\"><h2 class=\"utrecht-heading-2\" id=\"kop-organisaties\">"
		    "Organisaties</h2>");
	if (json_array_size(orgs))
		organisaties_table(b, orgs);
	else
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen organisaties vastgelegd.</p>");
	html_raw(b, "</section>");

	page_end(rq, rs);
	json_decref(verbanden);
	json_decref(orgs);
	return 0;
}
