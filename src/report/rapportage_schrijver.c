/* One writer, three forms: the report's text as HTML, as Markdown or (through
 * rapportage_pdf.c) as PDF from the same calls (rapportage_intern.h), and the Markdown escaping. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/escape.h"
#include "report/rapportage_intern.h"
#include "report/rapportage_schrijver.h"

/* ---- Markdown text -------------------------------------------------------------- */

/* Whether "&" at s starts something CommonMark reads as an entity. */
static int md_entity_at(const char *s)
{
	const char *p = s + 1;
	if (*p == '#')
		p++;
	const char *q = p;
	while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
		q++;
	return q > p && *q == ';';
}

static void md_txt(struct buf *b, const char *text, int at_start)
{
	const char *s = text ? text : "";
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\r')
			continue;
		if (c == '\n' || c == '\t') {
			buf_addc(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|~", c) || (c == '&' && md_entity_at(p)))
			buf_addc(b, '\\');
		else if (at_start && strchr("#+-=", c))
			buf_addc(b, '\\');
		else if (at_start && c >= '0' && c <= '9') {
			/* "2012. …" at the start would become an ordered list. */
			const char *q = p;
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == '.' || *q == ')') {
				buf_add(b, p, (size_t)(q - p));
				buf_addc(b, '\\');
				p = q - 1;
				at_start = 0;
				continue;
			}
		}
		buf_addc(b, c);
		at_start = 0;
	}
}

void rapportage_md_txt(struct buf *b, const char *text) { md_txt(b, text, 1); }

/* ---- one writer, two forms ------------------------------------------------------ */

void rapportage_w_txt(struct rapportage_w *w, const char *text)
{
	if (w->pdf)
		rapportage_pdf_txt(w->pdf, text);
	else if (w->md)
		rapportage_md_txt(w->b, text);
	else
		escape_html(w->b, text);
}

void rapportage_w_fmt(struct rapportage_w *w, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	rapportage_w_txt(w, tmp);
}

void rapportage_w_raw_html(struct rapportage_w *w, const char *markup)
{
	if (!w->md && !w->pdf)
		buf_adds(w->b, markup);
}

void rapportage_w_h(struct rapportage_w *w, int level, const char *id, const char *text)
{
	if (w->pdf) {
		rapportage_pdf_h(w->pdf, level, text);
		return;
	}
	if (w->md) {
		buf_addc(w->b, '\n');
		for (int i = 0; i < level; i++)
			buf_addc(w->b, '#');
		buf_addc(w->b, ' ');
		md_txt(w->b, text, 0); /* after the #s nothing can start a block */
		buf_adds(w->b, "\n\n");
		return;
	}
	buf_printf(w->b, "<h%d class=\"svz-h%d\"", level, level);
	if (id) {
		buf_adds(w->b, " id=\"");
		escape_html(w->b, id);
		buf_adds(w->b, "\"");
	}
	buf_adds(w->b, ">");
	escape_html(w->b, text);
	buf_printf(w->b, "</h%d>", level);
}

void rapportage_w_p(struct rapportage_w *w, const char *cls)
{
	if (w->pdf) {
		rapportage_pdf_p(w->pdf, cls);
		return;
	}
	if (!w->md) {
		buf_adds(w->b, cls ? "<p class=\"" : "<p>");
		if (cls) {
			escape_html(w->b, cls);
			buf_adds(w->b, "\">");
		}
	}
}
void rapportage_w_p_end(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_p_end(w->pdf);
	else
		buf_adds(w->b, w->md ? "\n\n" : "</p>");
}
void rapportage_w_strong(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_markup(w->pdf, "<b>");
	else
		buf_adds(w->b, w->md ? "**" : "<strong>");
}
void rapportage_w_strong_end(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_markup(w->pdf, "</b>");
	else
		buf_adds(w->b, w->md ? "**" : "</strong>");
}
void rapportage_w_ul(struct rapportage_w *w, const char *cls)
{
	if (w->pdf) {
		rapportage_pdf_ul(w->pdf);
		return;
	}
	if (!w->md) {
		buf_adds(w->b, "<ul class=\"");
		escape_html(w->b, cls ? cls : "svz-lijst");
		buf_adds(w->b, "\">");
	}
}
void rapportage_w_ul_end(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_ul_end(w->pdf);
	else
		buf_adds(w->b, w->md ? "\n" : "</ul>");
}
void rapportage_w_li(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_li(w->pdf);
	else
		buf_adds(w->b, w->md ? "- " : "<li>");
}
void rapportage_w_li_end(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_li_end(w->pdf);
	else
		buf_adds(w->b, w->md ? "\n" : "</li>");
}

void rapportage_w_table(struct rapportage_w *w, const char *caption, const char *const head[])
{
	if (w->pdf) {
		rapportage_pdf_table(w->pdf, caption, head);
		return;
	}
	if (w->md) {
		buf_adds(w->b, "*");
		rapportage_md_txt(w->b, caption);
		buf_adds(w->b, "*\n\n|");
		for (int i = 0; head[i]; i++) {
			buf_addc(w->b, ' ');
			rapportage_md_txt(w->b, head[i] + (head[i][0] == '#'));
			buf_adds(w->b, " |");
		}
		buf_adds(w->b, "\n|");
		for (int i = 0; head[i]; i++)
			buf_adds(w->b, head[i][0] == '#' ? " ---: |" : " --- |");
		buf_addc(w->b, '\n');
		return;
	}
	/* The box scrolls sideways on a phone: it takes focus, so it scrolls by keyboard too. */
	buf_adds(w->b, "<div class=\"svz-tabel-houder\" tabindex=\"0\"><table class=\"svz-tabel\"><caption>");
	escape_html(w->b, caption);
	buf_adds(w->b, "</caption><thead><tr>");
	for (int i = 0; head[i]; i++) {
		buf_adds(w->b, head[i][0] == '#' ? "<th scope=\"col\" class=\"svz-getal\">" : "<th scope=\"col\">");
		escape_html(w->b, head[i] + (head[i][0] == '#'));
		buf_adds(w->b, "</th>");
	}
	buf_adds(w->b, "</tr></thead><tbody>");
}
/* own: 1 the organisation's own row, 2 a late item, 0 neither. */
void rapportage_w_tr(struct rapportage_w *w, int own)
{
	w->cells = 0;
	if (w->pdf) {
		rapportage_pdf_tr(w->pdf, own);
		return;
	}
	if (w->md)
		buf_adds(w->b, "|");
	else
		buf_adds(w->b, own == 1 ? "<tr class=\"svz-eigen\">" : own == 2 ? "<tr class=\"svz-laat\">" : "<tr>");
}
void rapportage_w_tr_end(struct rapportage_w *w)
{
	if (!w->pdf)
		buf_adds(w->b, w->md ? "\n" : "</tr>");
}
/* A cell's start and end, for cells with more than one piece of text. */
void rapportage_w_cell(struct rapportage_w *w, int kind) /* 0 td, 1 th (row header), 2 numeric td */
{
	if (w->pdf) {
		rapportage_pdf_cell(w->pdf, kind);
		return;
	}
	if (w->md) {
		buf_addc(w->b, ' ');
		return;
	}
	buf_adds(w->b, kind == 1 ? "<th scope=\"row\">" : kind == 2 ? "<td class=\"svz-getal\">" : "<td>");
}
void rapportage_w_cell_end(struct rapportage_w *w, int kind)
{
	w->cells++;
	if (w->pdf) {
		rapportage_pdf_cell_end(w->pdf);
		return;
	}
	buf_adds(w->b, w->md ? " |" : kind == 1 ? "</th>" : "</td>");
}
void rapportage_w_td(struct rapportage_w *w, int kind, const char *text)
{
	rapportage_w_cell(w, kind);
	rapportage_w_txt(w, text);
	rapportage_w_cell_end(w, kind);
}
void rapportage_w_table_end(struct rapportage_w *w)
{
	if (w->pdf)
		rapportage_pdf_table_end(w->pdf);
	else
		buf_adds(w->b, w->md ? "\n" : "</tbody></table></div>");
}

void rapportage_w_chart(struct rapportage_w *w, const char *svg)
{
	if (w->pdf)
		rapportage_pdf_chart(w->pdf, svg);
	else if (!w->md)
		buf_adds(w->b, svg);
}

void rapportage_w_link(struct rapportage_w *w, const char *href, const char *text)
{
	if (w->pdf) {
		/* Paper has no links; the caller writes the address where it matters. */
		rapportage_pdf_txt(w->pdf, text);
	} else if (w->md) {
		buf_addc(w->b, '[');
		md_txt(w->b, text, 0);
		buf_adds(w->b, "](<");
		/* Inside <…> only these could end or break the destination. */
		for (const char *c = href; *c; c++)
			if (*c == '<' || *c == '>' || *c == '\\' || *c == '\n')
				buf_printf(w->b, "%%%02X", (unsigned char)*c);
			else
				buf_addc(w->b, *c);
		buf_adds(w->b, ">)");
	} else {
		buf_adds(w->b, "<a class=\"svz-bron\" href=\"");
		escape_html(w->b, href);
		buf_adds(w->b, "\">");
		escape_html(w->b, text);
		buf_adds(w->b, "</a>");
	}
}
