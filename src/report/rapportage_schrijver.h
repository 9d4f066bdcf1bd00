/* rapportage_schrijver.h — one writer, three forms: a report's text as
 * HTML, as Markdown or as PDF (A4, laid out with cairo and pango) from the
 * same calls. The stand van zaken (rapportage.h) and the proeftuin's
 * reports to the colleges (urenbank_rapport.h) are written with it.
 *
 * Ownership: a writer borrows its buf, which holds the whole output (in
 * the PDF form it is scratch). Every text goes through rapportage_w_txt()
 * (or _fmt, _td), which escapes it for the form being written; literal
 * HTML markup only through rapportage_w_raw_html(), which Markdown and PDF
 * leave out. The implementation is rapportage_schrijver.c and, for the
 * PDF, rapportage_pdf.c. */
#ifndef SAMEN_REPORT_RAPPORTAGE_SCHRIJVER_H
#define SAMEN_REPORT_RAPPORTAGE_SCHRIJVER_H
#include <stddef.h>
#include "core/buf.h"

struct rapportage_pdf;
struct rapportage_w {
	struct buf *b;
	int md;
	int cells;                  /* Markdown: cells written in the current row */
	struct rapportage_pdf *pdf; /* not NULL: the PDF form; b is then scratch */
};
void rapportage_w_txt(struct rapportage_w *w, const char *text); /* escaped for the form */
void rapportage_w_fmt(struct rapportage_w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rapportage_w_raw_html(struct rapportage_w *w, const char *markup); /* HTML only */
void rapportage_w_h(struct rapportage_w *w, int level, const char *id, const char *text);
void rapportage_w_p(struct rapportage_w *w, const char *cls);
void rapportage_w_p_end(struct rapportage_w *w);
void rapportage_w_strong(struct rapportage_w *w);
void rapportage_w_strong_end(struct rapportage_w *w);
void rapportage_w_ul(struct rapportage_w *w, const char *cls);
void rapportage_w_ul_end(struct rapportage_w *w);
void rapportage_w_li(struct rapportage_w *w);
void rapportage_w_li_end(struct rapportage_w *w);
/* A table with a caption; a head starting with '#' is a numeric column. */
void rapportage_w_table(struct rapportage_w *w, const char *caption, const char *const head[]);
void rapportage_w_tr(struct rapportage_w *w, int own); /* own: 1 own row, 2 late, 0 neither */
void rapportage_w_tr_end(struct rapportage_w *w);
void rapportage_w_cell(struct rapportage_w *w, int kind); /* 0 td, 1 th (row header), 2 numeric td */
void rapportage_w_cell_end(struct rapportage_w *w, int kind);
void rapportage_w_td(struct rapportage_w *w, int kind, const char *text);
void rapportage_w_table_end(struct rapportage_w *w);
/* A chart as the page draws it (an <svg> of report/): inline in HTML,
 * drawn on the page in the PDF, left out of Markdown. */
void rapportage_w_chart(struct rapportage_w *w, const char *svg);

/* A link to where a figure comes from: an <a> in HTML, [text](href) in
 * Markdown, only the text in the PDF (a table of addresses would not fit
 * on paper: the caller writes the address where it matters). href is a
 * path of this site ("/proeftuinen/…"). */
void rapportage_w_link(struct rapportage_w *w, const char *href, const char *text);

/* A whole PDF: render(w, arg) writes the report through w twice (the
 * first pass counts the pages, so that the footer can say "pagina 2 van
 * 7"); title is the document's metadata, footer the text at the foot of
 * every page. 0, or -1 when the document could not be made. */
int rapportage_pdf_document(const char *title, const char *footer, void (*render)(struct rapportage_w *w, void *arg), void *arg,
			    struct buf *out);

/* Markdown-escapes text for inline use: backslash before the characters
 * that could start markup, line breaks become spaces. */
void rapportage_md_txt(struct buf *b, const char *text);

#endif
