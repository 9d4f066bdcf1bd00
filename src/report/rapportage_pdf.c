/* The report as PDF: the writer's calls (rapportage_intern.h) laid out on A4
 * pages with cairo's PDF surface and pango for the text. Blocks (headings,
 * paragraphs, list items, tables, charts) are drawn as they end; a block
 * that does not fit goes on to the next page line by line, a table row by
 * row with its header repeated. Two passes: the first counts the pages, so
 * that the footer can say "pagina 2 van 7". */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/escape.h"
#include "core/nl.h"
#include "report/rapportage_intern.h"
#include "report/svg_cairo.h"

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define MARGIN_X 56.7 /* 2 cm */
#define MARGIN_TOP 56.7
#define MARGIN_BOTTOM 70.0
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define BOTTOM (PAGE_H - MARGIN_BOTTOM)
#define FONT "Liberation Sans,DejaVu Sans"
#define MAX_COLS 12
#define CELL_PAD 4.0

struct row {
	int own;
	int n;
	char *cells[MAX_COLS];
};

struct rapportage_pdf {
	cairo_t *cr;
	int page, pages; /* pages: the total from the first pass, 0 in it */
	double y;
	const char *footer;
	struct buf text; /* markup of the block being written */
	int depth;       /* list nesting */
	int in_li;
	int in_table, in_cell;
	char *caption;
	int ncols, numeric[MAX_COLS];
	char *head[MAX_COLS];
	struct row *rows;
	size_t nrows, caprows;
	/* Headings wait for what follows them, so that none ends a page. */
	PangoLayout *heads[4];
	int levels[4], nheads;
};

/* ---- pages ------------------------------------------------------------------------- */

static PangoLayout *layout(struct rapportage_pdf *pdf, const char *markup, double size, int bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(pdf->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_markup(l, markup, -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void footer(struct rapportage_pdf *pdf)
{
	char right[64];
	if (pdf->pages)
		snprintf(right, sizeof(right), "pagina %d van %d", pdf->page, pdf->pages);
	else
		snprintf(right, sizeof(right), "pagina %d", pdf->page);
	struct buf m;
	buf_init(&m, 0);
	escape_html(&m, pdf->footer);
	PangoLayout *l = layout(pdf, buf_str(&m), 8, 0, CONTENT_W * 0.7);
	cairo_set_source_rgb(pdf->cr, 0.33, 0.33, 0.33);
	cairo_move_to(pdf->cr, MARGIN_X, PAGE_H - 45);
	pango_cairo_show_layout(pdf->cr, l);
	g_object_unref(l);
	buf_release(&m);
	l = layout(pdf, right, 8, 0, -1);
	cairo_move_to(pdf->cr, PAGE_W - MARGIN_X - width_of(l), PAGE_H - 45);
	pango_cairo_show_layout(pdf->cr, l);
	g_object_unref(l);
	cairo_set_source_rgb(pdf->cr, 0.1, 0.1, 0.1);
}

static void new_page(struct rapportage_pdf *pdf)
{
	footer(pdf);
	cairo_show_page(pdf->cr);
	pdf->page++;
	pdf->y = MARGIN_TOP;
}

/* Room for h more points on this page, or a new page. */
static void need(struct rapportage_pdf *pdf, double h)
{
	if (pdf->y + h > BOTTOM && pdf->y > MARGIN_TOP)
		new_page(pdf);
}

static double first_line(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_line_get_pixel_extents(pango_layout_get_line_readonly(l, 0), NULL, &logical);
	return logical.height;
}

static void draw_lines(struct rapportage_pdf *pdf, PangoLayout *l, double x);

/* Draws the waiting headings where first more points fit under them. */
static void lead(struct rapportage_pdf *pdf, double first)
{
	if (!pdf->nheads)
		return;
	double h = 0;
	for (int i = 0; i < pdf->nheads; i++)
		h += height_of(pdf->heads[i]) + (pdf->levels[i] <= 2 ? 16 : 10);
	need(pdf, h + first);
	for (int i = 0; i < pdf->nheads; i++) {
		if (pdf->y > MARGIN_TOP)
			pdf->y += pdf->levels[i] <= 2 ? 12 : 6;
		cairo_set_source_rgb(pdf->cr, 0.08, 0.2, 0.31);
		draw_lines(pdf, pdf->heads[i], MARGIN_X);
		cairo_set_source_rgb(pdf->cr, 0.1, 0.1, 0.1);
		g_object_unref(pdf->heads[i]);
		pdf->y += 4;
	}
	pdf->nheads = 0;
}

/* Draws a layout at x, going on to the next page between its lines. */
static void draw_lines(struct rapportage_pdf *pdf, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double h = (double)logical.height / PANGO_SCALE;
		need(pdf, h);
		double baseline = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		cairo_move_to(pdf->cr, x + (double)logical.x / PANGO_SCALE, pdf->y + baseline);
		pango_cairo_show_layout_line(pdf->cr, pango_layout_iter_get_line_readonly(it));
		pdf->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void reset_text(struct rapportage_pdf *pdf)
{
	buf_release(&pdf->text);
	buf_init(&pdf->text, 0);
}

/* Text written outside any block (a figure's caption) becomes a paragraph. */
static void flush(struct rapportage_pdf *pdf)
{
	if (!pdf->text.len || pdf->in_cell)
		return;
	PangoLayout *l = layout(pdf, buf_str(&pdf->text), 10, 0, CONTENT_W);
	lead(pdf, first_line(l) * 2);
	draw_lines(pdf, l, MARGIN_X);
	g_object_unref(l);
	pdf->y += 6;
	reset_text(pdf);
}

/* ---- text ---------------------------------------------------------------------------- */

void rapportage_pdf_txt(struct rapportage_pdf *pdf, const char *text) { escape_html(&pdf->text, text); }

void rapportage_pdf_markup(struct rapportage_pdf *pdf, const char *markup) { buf_adds(&pdf->text, markup); }

void rapportage_pdf_h(struct rapportage_pdf *pdf, int level, const char *text)
{
	flush(pdf);
	static const double size[] = { 20, 20, 15, 12, 11 };
	double s = size[level < 0 ? 0 : level > 4 ? 4 : level];
	struct buf m;
	buf_init(&m, 0);
	escape_html(&m, text);
	PangoLayout *l = layout(pdf, buf_str(&m), s, 1, CONTENT_W);
	buf_release(&m);
	if (pdf->nheads == 4)
		lead(pdf, 0);
	pdf->heads[pdf->nheads] = l;
	pdf->levels[pdf->nheads++] = level;
}

void rapportage_pdf_p(struct rapportage_pdf *pdf, const char *cls) { flush(pdf); }

void rapportage_pdf_p_end(struct rapportage_pdf *pdf) { flush(pdf); }

void rapportage_pdf_ul(struct rapportage_pdf *pdf)
{
	if (pdf->in_li) /* a list inside an item: the item's own text first */
		rapportage_pdf_li_end(pdf), pdf->in_li = 1;
	else
		flush(pdf);
	pdf->depth++;
}

void rapportage_pdf_ul_end(struct rapportage_pdf *pdf)
{
	if (pdf->depth > 0)
		pdf->depth--;
	if (!pdf->depth)
		pdf->y += 4;
}

void rapportage_pdf_li(struct rapportage_pdf *pdf)
{
	flush(pdf);
	pdf->in_li = 1;
}

void rapportage_pdf_li_end(struct rapportage_pdf *pdf)
{
	pdf->in_li = 0;
	if (!pdf->text.len)
		return;
	double indent = 14.0 * (pdf->depth > 0 ? pdf->depth : 1);
	PangoLayout *l = layout(pdf, buf_str(&pdf->text), 10, 0, CONTENT_W - indent);
	reset_text(pdf);
	lead(pdf, first_line(l));
	need(pdf, first_line(l));
	PangoLayout *bullet = layout(pdf, pdf->depth > 1 ? "–" : "•", 10, 0, -1);
	cairo_move_to(pdf->cr, MARGIN_X + indent - 10, pdf->y);
	pango_cairo_show_layout(pdf->cr, bullet);
	g_object_unref(bullet);
	draw_lines(pdf, l, MARGIN_X + indent);
	g_object_unref(l);
	pdf->y += 2;
}

/* ---- tables ---------------------------------------------------------------------------- */

void rapportage_pdf_table(struct rapportage_pdf *pdf, const char *caption, const char *const head[])
{
	flush(pdf);
	pdf->in_table = 1;
	struct buf m;
	buf_init(&m, 0);
	escape_html(&m, caption);
	pdf->caption = buf_detach(&m);
	pdf->ncols = 0;
	for (int i = 0; head[i] && i < MAX_COLS; i++) {
		pdf->numeric[i] = head[i][0] == '#';
		buf_init(&m, 0);
		escape_html(&m, head[i] + pdf->numeric[i]);
		pdf->head[i] = buf_detach(&m);
		pdf->ncols++;
	}
}

void rapportage_pdf_tr(struct rapportage_pdf *pdf, int own)
{
	if (pdf->nrows == pdf->caprows) {
		size_t cap = pdf->caprows ? 2 * pdf->caprows : 16;
		struct row *r = realloc(pdf->rows, cap * sizeof(*r));
		if (!r)
			return;
		pdf->rows = r;
		pdf->caprows = cap;
	}
	pdf->rows[pdf->nrows++] = (struct row){ own, 0, { 0 } };
}

void rapportage_pdf_cell(struct rapportage_pdf *pdf, int kind)
{
	reset_text(pdf);
	pdf->in_cell = 1;
	if (kind == 1)
		buf_adds(&pdf->text, "<b>");
}

void rapportage_pdf_cell_end(struct rapportage_pdf *pdf)
{
	pdf->in_cell = 0;
	struct row *r = pdf->nrows ? &pdf->rows[pdf->nrows - 1] : NULL;
	if (!strncmp(buf_str(&pdf->text), "<b>", 3) && pdf->text.len >= 3 &&
	    (pdf->text.len < 7 || strcmp(buf_str(&pdf->text) + pdf->text.len - 4, "</b>")))
		buf_adds(&pdf->text, "</b>");
	if (r && r->n < MAX_COLS)
		r->cells[r->n++] = buf_detach(&pdf->text);
	reset_text(pdf);
}

/* The width of markup on one line (max 0) or its longest word (max 1). */
static double measure(struct rapportage_pdf *pdf, const char *markup, int bold, int word)
{
	PangoLayout *l = layout(pdf, markup, 9, bold, word ? 1 : -1);
	if (word)
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	PangoRectangle ink, logical;
	pango_layout_get_extents(l, &ink, &logical);
	g_object_unref(l);
	return (double)logical.width / PANGO_SCALE + 2 * CELL_PAD;
}

/* Column widths as a browser lays out a table: every column at least its
 * longest word, all on one line when that fits, otherwise the room left
 * shared in proportion to what each would need on one line. */
static void widths(struct rapportage_pdf *pdf, double *w)
{
	double lo[MAX_COLS] = { 0 }, hi[MAX_COLS] = { 0 }, tlo = 0, thi = 0;
	for (int c = 0; c < pdf->ncols; c++) {
		lo[c] = measure(pdf, pdf->head[c], 1, 1);
		hi[c] = measure(pdf, pdf->head[c], 1, 0);
		for (size_t r = 0; r < pdf->nrows; r++) {
			if (c >= pdf->rows[r].n)
				continue;
			double a = measure(pdf, pdf->rows[r].cells[c], 0, 1), b = measure(pdf, pdf->rows[r].cells[c], 0, 0);
			lo[c] = a > lo[c] ? a : lo[c];
			hi[c] = b > hi[c] ? b : hi[c];
		}
		tlo += lo[c];
		thi += hi[c];
	}
	for (int c = 0; c < pdf->ncols; c++) {
		if (thi <= CONTENT_W)
			w[c] = hi[c] + (CONTENT_W - thi) / pdf->ncols;
		else if (tlo >= CONTENT_W)
			w[c] = lo[c] * CONTENT_W / tlo;
		else
			w[c] = lo[c] + (hi[c] - lo[c]) / (thi - tlo) * (CONTENT_W - tlo);
	}
}

static double row_height(struct rapportage_pdf *pdf, char *const *cells, int n, const double *w, int bold, PangoLayout **out)
{
	double h = 0;
	for (int c = 0; c < pdf->ncols; c++) {
		out[c] = layout(pdf, c < n && cells[c] ? cells[c] : "", 9, bold, w[c] - 2 * CELL_PAD);
		if (pdf->numeric[c])
			pango_layout_set_alignment(out[c], PANGO_ALIGN_RIGHT);
		double x = height_of(out[c]);
		if (x > h)
			h = x;
	}
	return h + 2 * CELL_PAD;
}

static void draw_row(struct rapportage_pdf *pdf, PangoLayout **ls, const double *w, double h, int shade)
{
	cairo_t *cr = pdf->cr;
	if (shade) {
		static const double bg[][3] = { { 0, 0, 0 }, { 0.93, 0.95, 0.98 }, { 0.99, 0.92, 0.92 }, { 0.86, 0.9, 0.96 } };
		cairo_set_source_rgb(cr, bg[shade][0], bg[shade][1], bg[shade][2]);
		cairo_rectangle(cr, MARGIN_X, pdf->y, CONTENT_W, h);
		cairo_fill(cr);
	}
	double x = MARGIN_X;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	for (int c = 0; c < pdf->ncols; c++) {
		cairo_move_to(cr, x + CELL_PAD, pdf->y + CELL_PAD);
		pango_cairo_show_layout(cr, ls[c]);
		x += w[c];
	}
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_set_line_width(cr, shade == 3 ? 1.2 : 0.5);
	cairo_move_to(cr, MARGIN_X, pdf->y + h);
	cairo_line_to(cr, MARGIN_X + CONTENT_W, pdf->y + h);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	pdf->y += h;
}

static void header_row(struct rapportage_pdf *pdf, const double *w)
{
	PangoLayout *ls[MAX_COLS];
	double h = row_height(pdf, pdf->head, pdf->ncols, w, 1, ls);
	draw_row(pdf, ls, w, h, 3);
	for (int c = 0; c < pdf->ncols; c++)
		g_object_unref(ls[c]);
}

static void table_free(struct rapportage_pdf *pdf)
{
	for (size_t r = 0; r < pdf->nrows; r++)
		for (int c = 0; c < pdf->rows[r].n; c++)
			free(pdf->rows[r].cells[c]);
	for (int c = 0; c < pdf->ncols; c++)
		free(pdf->head[c]);
	free(pdf->rows);
	free(pdf->caption);
	pdf->rows = NULL;
	pdf->caption = NULL;
	pdf->nrows = pdf->caprows = 0;
	pdf->ncols = 0;
	pdf->in_table = 0;
}

void rapportage_pdf_table_end(struct rapportage_pdf *pdf)
{
	if (!pdf->ncols) {
		table_free(pdf);
		return;
	}
	double w[MAX_COLS];
	widths(pdf, w);
	struct buf cap;
	buf_init(&cap, 0);
	buf_adds(&cap, "<i>");
	buf_adds(&cap, pdf->caption ? pdf->caption : "");
	buf_adds(&cap, "</i>");
	PangoLayout *l = layout(pdf, buf_str(&cap), 9, 0, CONTENT_W);
	buf_release(&cap);
	/* The caption stays with the header and the first row. */
	PangoLayout *ls[MAX_COLS];
	double first = row_height(pdf, pdf->head, pdf->ncols, w, 1, ls);
	for (int c = 0; c < pdf->ncols; c++)
		g_object_unref(ls[c]);
	if (pdf->nrows) {
		first += row_height(pdf, pdf->rows[0].cells, pdf->rows[0].n, w, 0, ls);
		for (int c = 0; c < pdf->ncols; c++)
			g_object_unref(ls[c]);
	}
	lead(pdf, height_of(l) + 2 + first);
	need(pdf, height_of(l) + 2 + first);
	draw_lines(pdf, l, MARGIN_X);
	g_object_unref(l);
	pdf->y += 2;
	header_row(pdf, w);
	for (size_t r = 0; r < pdf->nrows; r++) {
		double h = row_height(pdf, pdf->rows[r].cells, pdf->rows[r].n, w, 0, ls);
		if (pdf->y + h > BOTTOM) {
			new_page(pdf);
			header_row(pdf, w);
		}
		draw_row(pdf, ls, w, h, pdf->rows[r].own);
		for (int c = 0; c < pdf->ncols; c++)
			g_object_unref(ls[c]);
	}
	pdf->y += 10;
	table_free(pdf);
}

/* ---- charts ---------------------------------------------------------------------------- */

void rapportage_pdf_chart(struct rapportage_pdf *pdf, const char *svg)
{
	flush(pdf);
	double vw, vh;
	if (svg_cairo_size(svg, &vw, &vh) < 0)
		return;
	double h = vh * CONTENT_W / vw;
	lead(pdf, h);
	need(pdf, h);
	svg_cairo_draw(pdf->cr, svg, MARGIN_X, pdf->y, CONTENT_W, FONT);
	pdf->y += h + 6;
}

/* ---- the document ---------------------------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	if (closure && buf_add(closure, data, len) < 0)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

/* One pass over the report; out NULL: count only. Returns the pages, or -1. */
static int pass(void (*render)(struct rapportage_w *w, void *arg), void *arg, struct buf *out, int pages, const char *title,
		const char *footer_text)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return -1;
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "samen");
	struct rapportage_pdf pdf = { 0 };
	pdf.cr = cairo_create(surface);
	pdf.page = 1;
	pdf.pages = pages;
	pdf.y = MARGIN_TOP;
	pdf.footer = footer_text;
	buf_init(&pdf.text, 0);
	cairo_set_source_rgb(pdf.cr, 0.1, 0.1, 0.1);
	struct buf scratch;
	buf_init(&scratch, 0);
	struct rapportage_w w = { &scratch, 0, 0, &pdf };
	render(&w, arg);
	buf_release(&scratch);
	flush(&pdf);
	lead(&pdf, 0);
	footer(&pdf);
	cairo_show_page(pdf.cr);
	table_free(&pdf);
	buf_release(&pdf.text);
	cairo_destroy(pdf.cr);
	cairo_surface_finish(surface);
	int ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(surface);
	return ok ? pdf.page : -1;
}

/* At exit the font caches go back: fontconfig and cairo keep them for the
 * life of the process, which a leak checker would otherwise report. Each
 * server thread's pango font map goes with its thread. */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

static void register_release(void) { atexit(release_fonts); }

int rapportage_pdf_document(const char *title, const char *footer_text, void (*render)(struct rapportage_w *w, void *arg),
			    void *arg, struct buf *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, register_release);
	int pages = pass(render, arg, NULL, 0, title, footer_text);
	if (pages < 0 || pass(render, arg, out, pages, title, footer_text) < 0)
		return -1;
	return buf_failed(out) ? -1 : 0;
}
