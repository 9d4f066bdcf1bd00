#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/svg_cairo.h"

/* The value of attribute name in the tag that starts at tag (up to its '>'),
 * copied into out; NULL when absent. */
static const char *attr(const char *tag, const char *end, const char *name, char *out, size_t len)
{
	size_t n = strlen(name);
	for (const char *p = tag; p && p < end; p++) {
		p = strstr(p, name);
		if (!p || p >= end)
			return NULL;
		if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"') {
			const char *v = p + n + 2, *q = strchr(v, '"');
			if (!q || q > end)
				return NULL;
			size_t k = (size_t)(q - v) < len - 1 ? (size_t)(q - v) : len - 1;
			memcpy(out, v, k);
			out[k] = 0;
			return out;
		}
	}
	return NULL;
}

static double num(const char *tag, const char *end, const char *name, double dflt)
{
	char v[64];
	return attr(tag, end, name, v, sizeof(v)) ? strtod(v, NULL) : dflt;
}

/* "#rrggbb" (or "none"): 0 with the colour set, -1 for none. */
static int colour(cairo_t *cr, const char *tag, const char *end, const char *name, const char *dflt)
{
	char v[32];
	const char *c = attr(tag, end, name, v, sizeof(v));
	if (!c)
		c = dflt;
	if (!c || c[0] != '#' || strlen(c) != 7)
		return -1;
	unsigned long rgb = strtoul(c + 1, NULL, 16);
	cairo_set_source_rgb(cr, (double)((rgb >> 16) & 255) / 255.0, (double)((rgb >> 8) & 255) / 255.0,
			     (double)(rgb & 255) / 255.0);
	return 0;
}

static void fill_and_stroke(cairo_t *cr, const char *tag, const char *end, const char *dflt_fill)
{
	if (colour(cr, tag, end, "fill", dflt_fill) == 0)
		cairo_fill_preserve(cr);
	if (colour(cr, tag, end, "stroke", NULL) == 0) {
		cairo_set_line_width(cr, num(tag, end, "stroke-width", 1));
		char d[32];
		if (attr(tag, end, "stroke-dasharray", d, sizeof(d))) {
			char *e;
			double dash[2];
			dash[0] = strtod(d, &e);
			dash[1] = strtod(e, NULL);
			cairo_set_dash(cr, dash, dash[1] > 0 ? 2 : 1, 0);
		}
		cairo_stroke_preserve(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	cairo_new_path(cr);
}

static void path(cairo_t *cr, const char *d)
{
	const char *p = d;
	while (*p) {
		char op = *p;
		if (op == 'M' || op == 'L') {
			char *e;
			double x = strtod(p + 1, &e);
			double y = strtod(e, &e);
			if (op == 'M')
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
			p = e;
		} else if (op == 'Z') {
			cairo_close_path(cr);
			p++;
		} else {
			p++;
		}
	}
}

/* The text between > and </text>, unescaped (the writers escape & < > " '). */
static void text_content(const char *s, const char *stop, char *out, size_t len)
{
	size_t k = 0;
	static const struct {
		const char *ent, *ch;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" }, { NULL, NULL } };
	while (s < stop && k + 1 < len) {
		int done = 0;
		for (int i = 0; *s == '&' && ents[i].ent; i++) {
			size_t n = strlen(ents[i].ent);
			if (!strncmp(s, ents[i].ent, n)) {
				out[k++] = ents[i].ch[0];
				s += n;
				done = 1;
				break;
			}
		}
		if (!done)
			out[k++] = *s++;
	}
	out[k] = 0;
}

static void text(cairo_t *cr, const char *tag, const char *end, const char *family)
{
	const char *close = strstr(end, "</text>");
	if (!close)
		return;
	char t[512], w[16], anchor[16];
	text_content(end + 1, close, t, sizeof(t));
	double x = num(tag, end, "x", 0), y = num(tag, end, "y", 0), size = num(tag, end, "font-size", 12);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (attr(tag, end, "font-weight", w, sizeof(w)) && strtol(w, NULL, 10) >= 600)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, t, -1);
	PangoRectangle ink, logical;
	pango_layout_get_pixel_extents(l, &ink, &logical);
	int baseline = pango_layout_get_baseline(l) / PANGO_SCALE;
	if (attr(tag, end, "text-anchor", anchor, sizeof(anchor))) {
		if (!strcmp(anchor, "middle"))
			x -= logical.width / 2.0;
		else if (!strcmp(anchor, "end"))
			x -= logical.width;
	}
	if (colour(cr, tag, end, "fill", "#000000") < 0)
		cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x, y - baseline);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

int svg_cairo_size(const char *svg, double *w, double *h)
{
	const char *s = svg ? strstr(svg, "<svg") : NULL;
	const char *e = s ? strchr(s, '>') : NULL;
	char vb[80];
	if (!e || !attr(s, e, "viewBox", vb, sizeof(vb)))
		return -1;
	double x0, y0;
	if (sscanf(vb, "%lf %lf %lf %lf", &x0, &y0, w, h) != 4 || *w <= 0 || *h <= 0)
		return -1;
	return 0;
}

void svg_cairo_draw(cairo_t *cr, const char *svg, double x, double y, double width, const char *font_family)
{
	double vw, vh;
	if (svg_cairo_size(svg, &vw, &vh) < 0)
		return;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, width / vw, width / vw);
	const char *p = strchr(strstr(svg, "<svg"), '>');
	while (p && (p = strchr(p, '<'))) {
		const char *end = strchr(p, '>');
		if (!end)
			break;
		if (!strncmp(p, "<title", 6) || !strncmp(p, "<desc", 5)) {
			const char *close = strstr(end, !strncmp(p, "<title", 6) ? "</title>" : "</desc>");
			p = close ? close + 1 : end;
			continue;
		}
		if (!strncmp(p, "<rect ", 6)) {
			cairo_rectangle(cr, num(p, end, "x", 0), num(p, end, "y", 0), num(p, end, "width", 0),
					num(p, end, "height", 0));
			fill_and_stroke(cr, p, end, "#000000");
		} else if (!strncmp(p, "<line ", 6)) {
			cairo_move_to(cr, num(p, end, "x1", 0), num(p, end, "y1", 0));
			cairo_line_to(cr, num(p, end, "x2", 0), num(p, end, "y2", 0));
			fill_and_stroke(cr, p, end, NULL);
		} else if (!strncmp(p, "<circle ", 8)) {
			cairo_new_sub_path(cr);
			cairo_arc(cr, num(p, end, "cx", 0), num(p, end, "cy", 0), num(p, end, "r", 0), 0, 2 * G_PI);
			fill_and_stroke(cr, p, end, "#000000");
		} else if (!strncmp(p, "<path ", 6)) {
			char d[512];
			if (attr(p, end, "d", d, sizeof(d))) {
				path(cr, d);
				fill_and_stroke(cr, p, end, "#000000");
			}
		} else if (!strncmp(p, "<text ", 6)) {
			text(cr, p, end, font_family);
		}
		p = end;
	}
	cairo_restore(cr);
}
