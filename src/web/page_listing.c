#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/page_listing.h"
#include "web/pages.h"

static const char *nonempty(struct request *rq, const char *name)
{
	const char *v = req_query(rq, name);
	return v && v[0] ? v : NULL;
}

static long long number(const char *s, long long dflt, long long lo, long long hi)
{
	if (!s)
		return dflt;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || end == s)
		return dflt;
	return v < lo ? lo : v > hi ? hi : v;
}

static const struct page_listing_col *col_of(const struct page_listing *t, const char *key)
{
	for (int i = 0; key && t->cols[i].label; i++)
		if (t->cols[i].key && !strcmp(t->cols[i].key, key))
			return &t->cols[i];
	return NULL;
}

void page_listing_read(struct page_listing *t, struct request *rq)
{
	t->rq = rq;
	t->zoek = nonempty(rq, "zoek");
	const char *s = nonempty(rq, "sorteer");
	int desc = s && s[0] == '-';
	const struct page_listing_col *c = col_of(t, s ? s + desc : NULL);
	t->sort = c ? c->key : t->default_sort;
	t->desc = c ? desc : t->default_desc;
	t->pagina = number(nonempty(rq, "pagina"), 1, 1, 1000000);
	t->grootte = number(nonempty(rq, "paginaGrootte"), PAGE_LISTING_SIZE, 10, 500);
	const char *f = nonempty(rq, "formaat");
	t->csv = f && !strcmp(f, "csv");
}

void page_listing_to(const struct page_listing *t, struct listing *l)
{
	l->search = t->zoek;
	l->sort = t->sort;
	l->desc = t->desc;
	l->limit = t->csv ? 0 : t->grootte;
	l->offset = t->csv ? 0 : (t->pagina - 1) * t->grootte;
}

static void param(struct buf *h, int *first, const char *name, const char *value)
{
	buf_adds(h, *first ? "?" : "&");
	*first = 0;
	buf_adds(h, name);
	buf_addc(h, '=');
	html_url_segment(h, value);
}

void page_listing_href(struct buf *b, const struct page_listing *t, const char *sort, int desc, long long pagina, int csv)
{
	struct buf h;
	buf_init(&h, 8192);
	buf_adds(&h, t->base);
	int first = 1;
	for (int i = 0; t->keep && t->keep[i]; i++) {
		const char *v = nonempty(t->rq, t->keep[i]);
		if (v)
			param(&h, &first, t->keep[i], v);
	}
	if (t->zoek)
		param(&h, &first, "zoek", t->zoek);
	if (!sort)
		sort = t->sort, desc = t->desc;
	if (sort && (strcmp(sort, t->default_sort ? t->default_sort : "") || desc != t->default_desc)) {
		char s[80];
		snprintf(s, sizeof(s), "%s%s", desc ? "-" : "", sort);
		param(&h, &first, "sorteer", s);
	}
	if (t->grootte != PAGE_LISTING_SIZE) {
		char n[24];
		snprintf(n, sizeof(n), "%lld", t->grootte);
		param(&h, &first, "paginaGrootte", n);
	}
	if (csv) {
		param(&h, &first, "formaat", "csv");
	} else {
		if (!pagina)
			pagina = t->pagina;
		if (pagina > 1) {
			char n[24];
			snprintf(n, sizeof(n), "%lld", pagina);
			param(&h, &first, "pagina", n);
		}
	}
	html_attr(b, buf_str(&h));
	buf_release(&h);
}

void page_listing_search(struct buf *b, const struct page_listing *t, const char *label)
{
	page_input_field(b, &(struct page_input){ .id = "zoek",
						  .label = label,
						  .type = "search",
						  .value = t->zoek,
						  .field_class = "samen-filter__field samen-filter__field--zoek" });
}

void page_listing_form_keep(struct buf *b, const struct page_listing *t)
{
	if (t->sort && (strcmp(t->sort, t->default_sort ? t->default_sort : "") || t->desc != t->default_desc)) {
		html_raw(b, "<input type=\"hidden\" name=\"sorteer\" value=\"");
		if (t->desc)
			html_raw(b, "-");
		html_attr(b, t->sort);
		html_raw(b, "\">");
	}
	if (t->grootte != PAGE_LISTING_SIZE) {
		html_raw(b, "<input type=\"hidden\" name=\"paginaGrootte\" value=\"");
		html_int(b, t->grootte);
		html_raw(b, "\">");
	}
}

static long long pages_of(const struct page_listing *t, long long total)
{
	return total <= 0 ? 1 : (total + t->grootte - 1) / t->grootte;
}

void page_listing_open(struct buf *b, const struct page_listing *t, const char *caption, const char *modifier, long long total)
{
	long long from = (t->pagina - 1) * t->grootte + 1, to = from + t->grootte - 1;
	if (to > total)
		to = total;
	html_raw(b, "<div class=\"samen-listing-bar\"><p class=\"utrecht-paragraph samen-listing-count\" aria-live=\"polite\">");
	if (total <= 0) {
		html_raw(b, "Geen rijen bij deze selectie.");
	} else if (from > total) {
		html_raw(b, "Deze pagina is leeg: de selectie heeft ");
		html_int_grouped(b, total);
		html_raw(b, total == 1 ? " rij." : " rijen.");
	} else if (total <= t->grootte) {
		html_int_grouped(b, total);
		html_raw(b, total == 1 ? " rij." : " rijen.");
	} else {
		html_raw(b, "Rij ");
		html_int_grouped(b, from);
		html_raw(b, " tot en met ");
		html_int_grouped(b, to);
		html_raw(b, " van ");
		html_int_grouped(b, total);
		html_raw(b, ".");
	}
	html_raw(b, "</p>");
	if (total > 0) {
		struct buf h;
		buf_init(&h, 0);
		page_listing_href(&h, t, NULL, 0, 0, 1);
		/* page_listing_href() escaped it for an attribute; the link escapes again. */
		html_raw(b, "<p class=\"utrecht-paragraph samen-listing-csv\"><a class=\"utrecht-link\" download href=\"");
		buf_adds(b, buf_str(&h));
		html_raw(b, "\">Download als CSV (Excel)</a></p>");
		buf_release(&h);
	}
	html_raw(b, "</div>");
	page_table_begin(b, caption, modifier);
	html_raw(b, "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (int i = 0; t->cols[i].label; i++) {
		const struct page_listing_col *c = &t->cols[i];
		int numeric = c->label[0] == '#', sorted = c->key && t->sort && !strcmp(c->key, t->sort);
		html_raw(b, numeric ? "<th scope=\"col\" class=\"utrecht-table__header-cell "
				      "utrecht-table__header-cell--numeric-column\""
				    : "<th scope=\"col\" class=\"utrecht-table__header-cell\"");
		if (sorted)
			html_raw(b, t->desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
		html_raw(b, ">");
		if (!c->key) {
			html_txt(b, c->label + numeric);
			html_raw(b, "</th>");
			continue;
		}
		/* The first click sorts ascending, a click on the sorted column turns it round. */
		html_raw(b, "<a class=\"utrecht-link samen-sort\" href=\"");
		page_listing_href(b, t, c->key, sorted ? !t->desc : 0, 1, 0);
		html_raw(b, "\">");
		html_txt(b, c->label + numeric);
		html_raw(b, sorted ? (t->desc ? "<span class=\"samen-sort__pijl\" aria-hidden=\"true\"> ▼</span>"
					      : "<span class=\"samen-sort__pijl\" aria-hidden=\"true\"> ▲</span>")
				   : "<span class=\"samen-sort__pijl\" aria-hidden=\"true\"> ↕</span>");
		html_raw(b, "</a></th>");
	}
	html_raw(b, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void pager_link(struct buf *b, long long n, const char *rel, const char *label, int current,
		       void (*href)(struct buf *b, long long to, const void *ctx), const void *ctx)
{
	html_raw(b, "<li><a class=\"utrecht-link samen-pager__link\" href=\"");
	href(b, n, ctx);
	html_raw(b, "\"");
	if (rel) {
		html_raw(b, " rel=\"");
		html_raw(b, rel);
		html_raw(b, "\"");
	}
	if (current)
		html_raw(b, " aria-current=\"page\"");
	html_raw(b, ">");
	if (label) {
		html_txt(b, label);
	} else {
		html_raw(b, "<span class=\"samen-visually-hidden\">Pagina </span>");
		html_int(b, n);
	}
	html_raw(b, "</a></li>");
}

void page_listing_pager(struct buf *b, const char *label, const char *prev_label, const char *next_label, long long page,
			long long last, void (*href)(struct buf *b, long long to, const void *ctx), const void *ctx)
{
	if (last <= 1 && page <= 1)
		return;
	html_raw(b, "<nav class=\"samen-pager\" aria-label=\"");
	html_txt(b, label);
	html_raw(b, "\"><ul class=\"samen-pager__list\">");
	if (page > 1)
		pager_link(b, page - 1 > last ? last : page - 1, "prev", prev_label, 0, href, ctx);
	/* First, last and two either side of the current page. */
	long long prev = 0;
	for (long long n = 1; n <= last; n++) {
		if (n != 1 && n != last && (n < page - 2 || n > page + 2))
			continue;
		if (prev && n > prev + 1)
			html_raw(b, "<li aria-hidden=\"true\">…</li>");
		pager_link(b, n, NULL, NULL, n == page, href, ctx);
		prev = n;
	}
	if (page < last)
		pager_link(b, page + 1, "next", next_label, 0, href, ctx);
	html_raw(b, "</ul></nav>");
}

static void listing_page_href(struct buf *b, long long to, const void *ctx)
{
	page_listing_href(b, ctx, NULL, 0, to, 0);
}

void page_listing_close(struct buf *b, const struct page_listing *t, long long total)
{
	page_table_end(b);
	page_listing_pager(b, "Pagina's van de tabel", "Vorige", "Volgende", t->pagina, pages_of(t, total), listing_page_href, t);
}

void page_listing_pager_ends(struct buf *b, const char *label, long long page, long long last,
			     void (*href)(struct buf *b, long long to, const void *ctx), const void *ctx)
{
	if (last <= 1)
		return;
	html_raw(b, "<nav class=\"samen-pager\" aria-label=\"");
	html_txt(b, label);
	html_raw(b, "\"><ul class=\"samen-pager__list\">");
	const struct {
		long long to;
		const char *label;
		int show;
	} links[] = { { 1, "Eerste", page > 1 },
		      { page - 1, "Vorige", page > 1 },
		      { page + 1, "Volgende", page < last },
		      { last, "Laatste", page < last } };
	for (size_t k = 0; k < sizeof(links) / sizeof(links[0]); k++) {
		if (!links[k].show)
			continue;
		html_raw(b, "<li><a class=\"utrecht-link samen-pager__link\" href=\"");
		href(b, links[k].to, ctx);
		html_raw(b, "\">");
		html_txt(b, links[k].label);
		html_raw(b, "</a></li>");
	}
	html_raw(b, "</ul></nav>");
}

void page_listing_send_csv(struct response *rs, const char *filename, struct buf *csv)
{
	buf_release(&rs->body);
	rs->body = *csv;
	buf_init(csv, 16);
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/csv; charset=utf-8");
	char disp[200];
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
	resp_header(rs, "Content-Disposition", disp);
}

int page_listing_wants_csv(struct request *rq)
{
	const char *f = req_query(rq, "formaat");
	return f && !strcmp(f, "csv");
}

void page_listing_csv_link(struct buf *b, const char *href)
{
	html_raw(b, "<p class=\"utrecht-paragraph samen-listing-csv\"><a class=\"utrecht-link\" download href=\"");
	html_attr(b, href);
	html_raw(b, "\">Download als CSV (Excel)</a></p>");
}
