#include <stdlib.h>
#include <string.h>
#include "web/pages.h"

int page_query_date(struct request *rq, char out[DATE_TEXT_LEN])
{
	const char *q = req_query(rq, "datum");
	int32_t d;
	date_format(date_today(), out);
	if (!q || !q[0])
		return 0;
	if (date_parse(q, &d) < 0)
		return -1;
	date_format(d, out);
	return 0;
}

/* Values whose readable form is more than the code with spaces. */
static const struct {
	const char *value, *label;
} labels[] = {
	{ "beeindigd", "beëindigd" },
	{ "dvo", "dienstverleningsovereenkomst (DVO)" },
	{ "gr", "gemeenschappelijke regeling" },
	{ "ssc", "shared service center" },
	{ "informatie", "informatie-uitwisseling" },
	{ "een-pitter", "één-pitter" },
	{ "toekomstkansen-medewerkers", "toekomstkansen van de medewerkers" },
	{ NULL, NULL },
};

void page_label(struct buf *b, const char *value)
{
	if (!value)
		return;
	for (int i = 0; labels[i].value; i++) {
		if (!strcmp(labels[i].value, value)) {
			html_txt(b, labels[i].label);
			return;
		}
	}
	/* Codes are lower-case words joined by '-': the words are the label. */
	char word[2] = { 0, 0 };
	for (const char *p = value; *p; p++) {
		word[0] = *p == '-' ? ' ' : *p;
		html_txt(b, word);
	}
}

void page_label_list(struct buf *b, json_t *values)
{
	size_t i;
	json_t *v;
	json_array_foreach(values, i, v) {
		if (i)
			html_raw(b, ", ");
		page_label(b, json_string_value(v));
	}
}

json_t *page_names(json_t *list)
{
	json_t *names = json_object();
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		json_t *code = json_object_get(x, "code"), *naam = json_object_get(x, "naam");
		if (json_is_string(code) && json_is_string(naam))
			json_object_set(names, json_string_value(code), naam);
	}
	return names;
}

const char *page_name(json_t *names, const char *code)
{
	const char *n = json_string_value(json_object_get(names, code ? code : ""));
	return n ? n : code;
}

static void link_to(struct buf *b, const char *prefix, const char *code, const char *naam)
{
	html_raw(b, "<a class=\"utrecht-link\" href=\"");
	html_raw(b, prefix);
	html_url_segment(b, code);
	html_raw(b, "\">");
	html_txt(b, naam ? naam : code);
	html_raw(b, "</a>");
}

void page_org_link(struct buf *b, const char *code, const char *naam) { link_to(b, "/organisaties/", code, naam); }

void page_verband_link(struct buf *b, const char *code, const char *naam) { link_to(b, "/verbanden/", code, naam); }

struct named {
	const char *code, *naam;
};

static int named_cmp(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int c = strcmp(a->naam, b->naam);
	return c ? c : strcmp(a->code, b->code);
}

void page_org_links(struct buf *b, json_t *names, json_t *codes)
{
	size_t n = json_array_size(codes), k = 0;
	if (!n) {
		html_raw(b, "—");
		return;
	}
	size_t i;
	json_t *c;
	struct named *list = calloc(n, sizeof(*list));
	if (!list) { /* unsorted is better than nothing */
		json_array_foreach(codes, i, c) {
			if (i)
				html_raw(b, ", ");
			page_org_link(b, json_string_value(c), page_name(names, json_string_value(c)));
		}
		return;
	}
	json_array_foreach(codes, i, c) {
		const char *code = json_string_value(c);
		if (code)
			list[k++] = (struct named){ code, page_name(names, code) };
	}
	qsort(list, k, sizeof(*list), named_cmp);
	for (i = 0; i < k; i++) {
		if (i)
			html_raw(b, ", ");
		page_org_link(b, list[i].code, list[i].naam);
	}
	free(list);
}

void page_table_begin(struct buf *b, const char *caption, const char *modifier)
{
	/* On a narrow screen the box scrolls sideways: keyboard users reach it too. */
	html_raw(b, "<div class=\"utrecht-table-container samen-table-container\" tabindex=\"0\">"
		    "<table class=\"utrecht-table utrecht-table--html-table samen-table");
	if (modifier) {
		html_raw(b, " ");
		html_attr(b, modifier);
	}
	html_raw(b, "\"><caption class=\"utrecht-table__caption\">");
	html_txt(b, caption);
	html_raw(b, "</caption>");
}

void page_table_end(struct buf *b) { html_raw(b, "</tbody></table></div>"); }

void page_table_head(struct buf *b, const char *const headers[])
{
	html_raw(b, "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (int i = 0; headers[i]; i++) {
		int numeric = headers[i][0] == '#';
		html_raw(b, numeric ? "<th scope=\"col\" class=\"utrecht-table__header-cell "
				      "utrecht-table__header-cell--numeric-column\">"
				    : "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_txt(b, headers[i] + numeric);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

void page_date_links(struct buf *b, const char *base, const char *current, const char *extra)
{
	static const char *const seed_dates[] = { "2012-03-08", "2013-06-01", NULL };
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	html_raw(b, "<nav class=\"samen-quicklinks\" aria-label=\"Snel naar een datum\"><span class=\"samen-quicklinks__label\">"
		    "Snel naar:</span><ul class=\"samen-quicklinks__list\">");
	for (int i = 0; i <= 2; i++) {
		const char *d = seed_dates[i] ? seed_dates[i] : today;
		html_raw(b, "<li><a class=\"utrecht-link\" href=\"");
		html_attr(b, base);
		html_raw(b, "?datum=");
		html_attr(b, d);
		if (extra && extra[0]) {
			html_raw(b, "&amp;");
			html_attr(b, extra);
		}
		html_raw(b, current && !strcmp(current, d) ? "\" aria-current=\"true\">" : "\">");
		if (seed_dates[i])
			html_date(b, d);
		else
			html_raw(b, "vandaag");
		html_raw(b, "</a></li>");
	}
	html_raw(b, "</ul></nav>");
}

const char *page_org_name(struct request *rq, const char *code, char *out, size_t len)
{
	if (!code || store_name(rq->store, code, out, len) < 0)
		snprintf(out, len, "%s", code ? code : "");
	return out;
}

void page_alert(struct buf *b, const char *message)
{
	html_raw(b, "<div class=\"utrecht-alert utrecht-alert--error samen-alert\"><div class=\"utrecht-alert__content\">"
		    "<p class=\"utrecht-alert__message utrecht-paragraph\">");
	html_txt(b, message);
	html_raw(b, "</p></div></div>");
}

void page_field_begin(struct buf *b, const struct page_input *in)
{
	html_raw(b,
		 in->error ? "<div class=\"utrecht-form-field utrecht-form-field--invalid" : "<div class=\"utrecht-form-field");
	if (in->field_class) {
		html_raw(b, " ");
		html_attr(b, in->field_class);
	}
	html_raw(b, "\"><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(b, in->id);
	html_raw(b, "\">");
	html_txt(b, in->label);
	html_raw(b, "</label></div>");
	if (in->hint) {
		html_raw(b, "<div class=\"utrecht-form-field-description\" id=\"");
		html_attr(b, in->id);
		html_raw(b, "-uitleg\">");
		html_txt(b, in->hint);
		html_raw(b, "</div>");
	}
	if (in->error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"");
		html_attr(b, in->id);
		html_raw(b, "-fout\">");
		html_txt(b, in->error);
		html_raw(b, "</div>");
	}
	html_raw(b, "<div class=\"utrecht-form-field__input\">");
}

void page_select_open(struct buf *b, const struct page_input *in, int multiple)
{
	page_field_begin(b, in);
	html_raw(b, in->error ? "<select class=\"utrecht-select utrecht-select--html-select utrecht-select--invalid\""
			      : "<select class=\"utrecht-select utrecht-select--html-select\"");
	html_raw(b, multiple ? " multiple size=\"8\" id=\"" : " id=\"");
	html_attr(b, in->id);
	html_raw(b, "\" name=\"");
	html_attr(b, in->name ? in->name : in->id);
	html_raw(b, "\"");
	page_field_invalid(b, in);
	html_raw(b, in->required ? " required>" : ">");
}

void page_field_invalid(struct buf *b, const struct page_input *in)
{
	if (in->error)
		html_raw(b, " aria-invalid=\"true\"");
	if (!in->error && !in->hint)
		return;
	html_raw(b, " aria-describedby=\"");
	if (in->hint) {
		html_attr(b, in->id);
		html_raw(b, "-uitleg");
	}
	if (in->error) {
		html_raw(b, in->hint ? " " : "");
		html_attr(b, in->id);
		html_raw(b, "-fout");
	}
	html_raw(b, "\"");
}

void page_field_end(struct buf *b) { html_raw(b, "</div></div>"); }

void page_input_field(struct buf *b, const struct page_input *in)
{
	int area = !strcmp(in->type, "textarea");
	page_field_begin(b, in);
	html_raw(b, area ? "<textarea class=\"utrecht-textarea utrecht-textarea--html-textarea"
			 : "<input class=\"utrecht-textbox utrecht-textbox--html-input");
	if (in->error)
		html_raw(b, area ? " utrecht-textarea--invalid" : " utrecht-textbox--invalid");
	html_raw(b, "\"");
	page_field_invalid(b, in);
	if (area) {
		html_raw(b, " rows=\"3\"");
	} else {
		html_raw(b, " type=\"");
		html_attr(b, in->type);
		html_raw(b, "\"");
	}
	html_raw(b, " id=\"");
	html_attr(b, in->id);
	html_raw(b, "\" name=\"");
	html_attr(b, in->name ? in->name : in->id);
	if (in->autocomplete) {
		html_raw(b, "\" autocomplete=\"");
		html_attr(b, in->autocomplete);
	}
	html_raw(b, in->required ? "\" required" : "\"");
	if (area) {
		html_raw(b, ">");
		html_txt(b, in->value ? in->value : "");
		html_raw(b, "</textarea>");
	} else {
		html_raw(b, " value=\"");
		html_attr(b, in->value ? in->value : "");
		html_raw(b, "\">");
	}
	page_field_end(b);
}
