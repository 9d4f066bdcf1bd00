#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/netwerk_svg.h"

#define NETWERK_PI 3.14159265358979323846
#define NETWERK_FONT 14      /* px of a label */
#define NETWERK_CHAR_W 7.6   /* estimated px per character at that size */
#define NETWERK_NODE_GAP 18  /* px of circle between two organisations, at least */
#define NETWERK_MIN_RADIUS 250
#define NETWERK_WINDOW 4     /* how many placed organisations draw the next one */

static void svg_txt(struct buf *b, const char *text)
{
	for (const char *p = text ? text : ""; *p; p++) {
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *p);
		}
	}
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct node {
	const char *code, *naam;
	double x, y;
	int right; /* label to the right of the dot */
	int linked;
};

struct edge {
	int a, b;
	size_t n; /* shared taakvelden */
	json_t *taakvelden;
};

static int edge_cmp(const void *x, const void *y)
{
	const struct edge *e = x, *f = y;
	/* Wide lines first, so that thin ones stay visible on top. */
	if (e->n != f->n)
		return e->n < f->n ? 1 : -1;
	if (e->a != f->a)
		return e->a - f->a;
	return e->b - f->b;
}

/* Index of code in the index object, or -1. */
static int node_index(json_t *index, json_t *code)
{
	json_t *i = json_is_string(code) ? json_object_get(index, json_string_value(code)) : NULL;
	return i ? (int)json_integer_value(i) : -1;
}

/* Orders the n nodes on the circle: a greedy chain in which each next node
 * is the one most tied to the last few placed; when none is tied, the most
 * connected remaining node starts a new cluster. order[] receives node
 * indices. w is the n×n matrix of shared taakvelden. */
static void circle_order(int n, const size_t *w, int *order)
{
	char *placed = calloc((size_t)n ? (size_t)n : 1, 1);
	size_t *total = calloc((size_t)n ? (size_t)n : 1, sizeof(*total));
	if (!placed || !total) {
		for (int i = 0; i < n; i++)
			order[i] = i;
		free(placed);
		free(total);
		return;
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			total[i] += w[(size_t)i * (size_t)n + (size_t)j];
	for (int k = 0; k < n; k++) {
		int best = -1;
		size_t best_score = 0;
		for (int j = 0; j < n; j++) {
			if (placed[j])
				continue;
			size_t score = 0;
			for (int back = 1; back <= NETWERK_WINDOW && k - back >= 0; back++)
				score += w[(size_t)order[k - back] * (size_t)n + (size_t)j] * (size_t)(NETWERK_WINDOW + 1 - back);
			if (score > best_score) {
				best = j;
				best_score = score;
			}
		}
		if (best < 0) { /* nothing tied to the chain: start the next cluster */
			for (int j = 0; j < n; j++)
				if (!placed[j] && (best < 0 || total[j] > total[best]))
					best = j;
		}
		order[k] = best;
		placed[best] = 1;
	}
	free(placed);
	free(total);
}

/* Adds the shared taakvelden of links into w (n×n, symmetric). */
static void weights(json_t *links, json_t *index, int n, size_t *w)
{
	size_t i;
	json_t *l;
	json_array_foreach(links, i, l)
	{
		int a = node_index(index, json_object_get(l, "a")), b = node_index(index, json_object_get(l, "b"));
		if (a < 0 || b < 0 || a == b)
			continue;
		size_t k = json_array_size(json_object_get(l, "taakvelden"));
		w[(size_t)a * (size_t)n + (size_t)b] += k ? k : 1;
		w[(size_t)b * (size_t)n + (size_t)a] += k ? k : 1;
	}
}

int netwerk_svg_write(struct buf *out, json_t *orgs, json_t *links, const struct netwerk_svg_options *opt)
{
	int rc = -1;
	json_t *index = json_object();
	struct node *nodes = NULL;
	struct edge *edges = NULL;
	size_t *w = NULL;
	int *order = NULL;
	size_t nedges = 0;
	json_t *order_links = opt->order_links ? opt->order_links : links;

	/* Which organisations take part: all, or those with a line. */
	size_t norgs = json_array_size(orgs);
	nodes = calloc(norgs ? norgs : 1, sizeof(*nodes));
	if (!index || !nodes)
		goto out;
	json_t *all = json_object();
	if (!all)
		goto out;
	size_t i;
	json_t *x;
	json_array_foreach(links, i, x)
	{
		json_t *a = json_object_get(x, "a"), *b = json_object_get(x, "b");
		if (json_is_string(a) && json_is_string(b)) {
			json_object_set_new(all, json_string_value(a), json_true());
			json_object_set_new(all, json_string_value(b), json_true());
		}
	}
	int n = 0;
	json_array_foreach(orgs, i, x)
	{
		const char *code = json_string_value(json_object_get(x, "code"));
		if (!code || json_object_get(index, code))
			continue;
		int linked = json_object_get(all, code) != NULL;
		if (opt->only_linked && !linked)
			continue;
		const char *naam = json_string_value(json_object_get(x, "naam"));
		nodes[n] = (struct node){ .code = code, .naam = naam ? naam : code, .linked = linked };
		json_object_set_new(index, code, json_integer(n));
		n++;
	}
	json_decref(all);

	size_t nn = (size_t)(n ? n : 1);
	w = calloc(nn * nn, sizeof(*w));
	order = calloc(nn, sizeof(*order));
	edges = calloc(json_array_size(links) + 1, sizeof(*edges));
	if (!w || !order || !edges)
		goto out;
	weights(order_links, index, n, w);
	circle_order(n, w, order);

	/* Geometry: a circle big enough for a label every NETWERK_NODE_GAP px,
	 * and room beside it for the longest label. */
	size_t longest = 0;
	for (int k = 0; k < n; k++) {
		size_t c = utf8_chars(nodes[k].naam);
		if (c > longest)
			longest = c;
	}
	double r = (double)n * NETWERK_NODE_GAP / (2 * NETWERK_PI);
	if (r < NETWERK_MIN_RADIUS)
		r = NETWERK_MIN_RADIUS;
	double margin = 24 + (double)longest * NETWERK_CHAR_W;
	double cx = r + margin, cy = r + 40;
	double width = 2 * cx, height = 2 * cy;
	for (int k = 0; k < n; k++) {
		double a = -NETWERK_PI / 2 + 2 * NETWERK_PI * k / (n ? n : 1);
		struct node *nd = &nodes[order[k]];
		nd->x = cx + r * cos(a);
		nd->y = cy + r * sin(a);
		nd->right = cos(a) >= -1e-9;
	}

	json_array_foreach(links, i, x)
	{
		int a = node_index(index, json_object_get(x, "a")), b = node_index(index, json_object_get(x, "b"));
		if (a < 0 || b < 0 || a == b)
			continue;
		json_t *tv = json_object_get(x, "taakvelden");
		edges[nedges++] = (struct edge){ a, b, json_array_size(tv), tv };
	}
	qsort(edges, nedges, sizeof(*edges), edge_cmp);

	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"samen-netwerk\" role=\"img\""
		   " aria-labelledby=\"samen-netwerk-titel samen-netwerk-uitleg\" viewBox=\"0 0 %.0f %.0f\""
		   " width=\"%.0f\" height=\"%.0f\" preserveAspectRatio=\"xMidYMid meet\">",
		   width, height, width, height);
	buf_adds(out, "<title id=\"samen-netwerk-titel\">");
	svg_txt(out, opt->title);
	buf_adds(out, "</title><desc id=\"samen-netwerk-uitleg\">");
	svg_txt(out, opt->desc);
	buf_adds(out, "</desc>");
	buf_printf(out, "<circle class=\"samen-netwerk__ring\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\""
			" stroke=\"#d9d9d9\" stroke-width=\"1\" stroke-dasharray=\"4 6\"/>",
		   cx, cy, r);

	buf_adds(out, "<g class=\"samen-netwerk__links\" fill=\"none\" stroke=\"#245391\" stroke-linecap=\"round\""
		      " stroke-opacity=\"0.6\">");
	for (size_t k = 0; k < nedges; k++) {
		const struct node *a = &nodes[edges[k].a], *b = &nodes[edges[k].b];
		/* A curve bent towards the centre: neighbours get a near-straight
		 * line, distant pairs a bow, so clusters stay readable. */
		double mx = (a->x + b->x) / 2, my = (a->y + b->y) / 2;
		double qx = cx + (mx - cx) * 0.45, qy = cy + (my - cy) * 0.45;
		double sw = 1.0 + 1.1 * (double)((edges[k].n > 10 ? 10 : edges[k].n) - (edges[k].n ? 1 : 0));
		buf_printf(out, "<path class=\"samen-netwerk__link\" d=\"M%.1f %.1fQ%.1f %.1f %.1f %.1f\" stroke-width=\"%.1f\">",
			   a->x, a->y, qx, qy, b->x, b->y, sw);
		buf_adds(out, "<title>");
		svg_txt(out, a->naam);
		buf_adds(out, " – ");
		svg_txt(out, b->naam);
		buf_printf(out, ": %zu %s", edges[k].n, edges[k].n == 1 ? "taakveld" : "taakvelden");
		buf_adds(out, "</title></path>");
	}
	buf_adds(out, "</g><g class=\"samen-netwerk__nodes\">");
	for (int k = 0; k < n; k++) {
		const struct node *nd = &nodes[k];
		buf_printf(out, "<g class=\"samen-netwerk__node%s\">", nd->linked ? "" : " samen-netwerk__node--los");
		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>",
			   nd->x, nd->y, nd->linked ? 7 : 5, nd->linked ? "#1f4677" : "#ffffff",
			   nd->linked ? "#ffffff" : "#595959");
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" dominant-baseline=\"central\" font-size=\"%d\""
				" fill=\"%s\">",
			   nd->x + (nd->right ? 12 : -12), nd->y, nd->right ? "start" : "end", NETWERK_FONT,
			   nd->linked ? "#1a1a1a" : "#595959");
		svg_txt(out, nd->naam);
		buf_adds(out, "</text></g>");
	}
	buf_adds(out, "</g></svg>");
	rc = buf_failed(out) ? -1 : 0;
out:
	json_decref(index);
	free(nodes);
	free(edges);
	free(w);
	free(order);
	return rc;
}
