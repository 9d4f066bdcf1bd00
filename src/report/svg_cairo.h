/* svg_cairo.h — draws the SVG charts samen itself writes (the planning
 * timeline of report/besturing_tijdlijn.h, the balances of
 * report/urenbank_saldi.h) with cairo, for the PDF of the report: the same
 * chart model and the same drawing as on the page, not a second layout.
 *
 * It reads the subset those writers use: <svg viewBox>, <rect>, <line>,
 * <circle>, <path d="M…L…Z">, <text> with x, y, font-size, font-weight,
 * text-anchor, and fill, stroke, stroke-width, stroke-dasharray; <title>,
 * <desc> and <g> are skipped. Text is laid out with pango. Anything else is
 * ignored, so an unexpected element draws nothing rather than garbage. */
#ifndef SAMEN_REPORT_SVG_CAIRO_H
#define SAMEN_REPORT_SVG_CAIRO_H
#include <cairo.h>

/* The viewBox size of svg: 0, or -1 when it has none. */
int svg_cairo_size(const char *svg, double *w, double *h);
/* Draws svg with its viewBox scaled to width at (x, y) in user space. */
void svg_cairo_draw(cairo_t *cr, const char *svg, double x, double y, double width, const char *font_family);

#endif
