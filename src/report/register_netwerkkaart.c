#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/escape.h"
#include "report/register_netwerkkaart.h"

#define NETWERK_PI 3.14159265358979323846
#define NETWERK_FONT 14     /* px of a label */
#define NETWERK_CHAR_W 7.6  /* estimated px per character at that size */
#define NETWERK_NODE_GAP 18 /* px of circle between two organisations, at least */
#define NETWERK_MIN_RADIUS 280
#define NETWERK_WINDOW 4     /* how many placed organisations draw the next one */
#define NETWERK_LABEL_GAP 17 /* px between two labels on one side, at least */
#define NETWERK_PAD 8        /* px around the picture */

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct node {
	const char *code, *naam;
	double x, y;   /* the dot */
	double lx, ly; /* the label's anchor */
	double ly0;    /* where the label would be without spreading */
	const char *anchor;
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
	json_array_foreach(links, i, l) {
		int a = node_index(index, json_object_get(l, "a")), b = node_index(index, json_object_get(l, "b"));
		if (a < 0 || b < 0 || a == b)
			continue;
		size_t k = json_array_size(json_object_get(l, "taakvelden"));
		w[(size_t)a * (size_t)n + (size_t)b] += k ? k : 1;
		w[(size_t)b * (size_t)n + (size_t)a] += k ? k : 1;
	}
}

struct geometry {
	double cx, cy, r, width, height;
};

struct label_pos {
	double d; /* distance from the horizontal axis */
	int i;
};

static int label_pos_cmp(const void *x, const void *y)
{
	const struct label_pos *a = x, *b = y;
	return a->d < b->d ? -1 : a->d > b->d ? 1 : a->i - b->i;
}

/* Horizontal labels on a circle crowd near the top and bottom, where
 * neighbours sit at almost the same height. Per side (left, right) and
 * half (upper, lower), walk from the middle outwards and push each label
 * away from the axis until it is NETWERK_LABEL_GAP from the previous one. */
static void spread_labels(struct node *nodes, int n)
{
	struct label_pos *v = calloc((size_t)(n ? n : 1), sizeof(*v));
	if (!v)
		return;
	static const char *const sides[] = { "start", "end" };
	for (int s = 0; s < 2; s++) {
		for (int up = 0; up < 2; up++) {
			int m = 0;
			for (int k = 0; k < n; k++)
				if (!strcmp(nodes[k].anchor, sides[s]) && (up ? nodes[k].ly < 0 : nodes[k].ly >= 0))
					v[m++] = (struct label_pos){ fabs(nodes[k].ly), k };
			qsort(v, (size_t)m, sizeof(*v), label_pos_cmp);
			for (int j = 1; j < m; j++)
				if (v[j].d < v[j - 1].d + NETWERK_LABEL_GAP)
					v[j].d = v[j - 1].d + NETWERK_LABEL_GAP;
			for (int j = 0; j < m; j++)
				nodes[v[j].i].ly = up ? -v[j].d : v[j].d;
		}
	}
	free(v);
}

/* Places the nodes in order[] on a circle and their labels beside them,
 * then moves everything so that the picture starts at (NETWERK_PAD,
 * NETWERK_PAD) and g holds its size. */
static void layout(struct node *nodes, int n, const int *order, struct geometry *g)
{
	double r = (double)n * NETWERK_NODE_GAP / (2 * NETWERK_PI);
	if (r < NETWERK_MIN_RADIUS)
		r = NETWERK_MIN_RADIUS;
	for (int k = 0; k < n; k++) {
		/* Half a step off the top, so that the top two labels go left and
		 * right; labels point away from the centre. */
		double a = -NETWERK_PI / 2 + 2 * NETWERK_PI * (k + 0.5) / (n ? n : 1);
		double c = cos(a), sn = sin(a);
		struct node *nd = &nodes[order[k]];
		nd->x = r * c;
		nd->y = r * sn;
		nd->lx = (r + 13) * c;
		nd->ly = nd->ly0 = (r + 18) * sn;
		nd->anchor = fabs(c) < 0.05 ? "middle" : c > 0 ? "start" : "end";
	}
	spread_labels(nodes, n);
	double minx = -r - 10, maxx = r + 10, miny = -r - 10, maxy = r + 10;
	for (int k = 0; k < n; k++) {
		const struct node *nd = &nodes[k];
		double w = (double)utf8_chars(nd->naam) * NETWERK_CHAR_W;
		double x0 = nd->anchor[0] == 's' ? nd->lx : nd->anchor[0] == 'e' ? nd->lx - w : nd->lx - w / 2;
		if (x0 < minx)
			minx = x0;
		if (x0 + w > maxx)
			maxx = x0 + w;
		if (nd->ly - NETWERK_FONT < miny)
			miny = nd->ly - NETWERK_FONT;
		if (nd->ly + NETWERK_FONT > maxy)
			maxy = nd->ly + NETWERK_FONT;
	}
	double dx = NETWERK_PAD - minx, dy = NETWERK_PAD - miny;
	for (int k = 0; k < n; k++) {
		nodes[k].x += dx, nodes[k].y += dy;
		nodes[k].lx += dx, nodes[k].ly += dy, nodes[k].ly0 += dy;
	}
	*g = (struct geometry){ dx, dy, r, maxx - minx + 2 * NETWERK_PAD, maxy - miny + 2 * NETWERK_PAD };
}

int register_netwerkkaart_write(struct buf *out, json_t *orgs, json_t *links, const struct register_netwerkkaart_options *opt)
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
	json_array_foreach(links, i, x) {
		json_t *a = json_object_get(x, "a"), *b = json_object_get(x, "b");
		if (json_is_string(a) && json_is_string(b)) {
			json_object_set_new(all, json_string_value(a), json_true());
			json_object_set_new(all, json_string_value(b), json_true());
		}
	}
	int n = 0;
	json_array_foreach(orgs, i, x) {
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

	struct geometry g;
	layout(nodes, n, order, &g);
	double cx = g.cx, cy = g.cy, r = g.r, width = g.width, height = g.height;

	json_array_foreach(links, i, x) {
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
	escape_html(out, opt->title);
	buf_adds(out, "</title><desc id=\"samen-netwerk-uitleg\">");
	escape_html(out, opt->desc);
	buf_adds(out, "</desc>");
	buf_printf(out,
		   "<circle class=\"samen-netwerk__ring\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\""
		   " stroke=\"#d9d9d9\" stroke-width=\"1\" stroke-dasharray=\"4 6\"/>",
		   cx, cy, r);

	buf_adds(out, "<g class=\"samen-netwerk__links\" fill=\"none\" stroke=\"#245391\" stroke-linecap=\"round\""
		      " stroke-opacity=\"0.75\">");
	for (size_t k = 0; k < nedges; k++) {
		const struct node *a = &nodes[edges[k].a], *b = &nodes[edges[k].b];
		/* A curve bent towards the centre: neighbours get a near-straight
		 * line, distant pairs a bow, so clusters stay readable. */
		double mx = (a->x + b->x) / 2, my = (a->y + b->y) / 2;
		double qx = cx + (mx - cx) * 0.45, qy = cy + (my - cy) * 0.45;
		double sw = 2.0 + (double)((edges[k].n > 10 ? 10 : edges[k].n) - (edges[k].n ? 1 : 0));
		buf_printf(out, "<path class=\"samen-netwerk__link\" d=\"M%.1f %.1fQ%.1f %.1f %.1f %.1f\" stroke-width=\"%.1f\">",
			   a->x, a->y, qx, qy, b->x, b->y, sw);
		buf_adds(out, "<title>");
		escape_html(out, a->naam);
		buf_adds(out, " – ");
		escape_html(out, b->naam);
		buf_printf(out, ": %zu %s", edges[k].n, edges[k].n == 1 ? "taakveld" : "taakvelden");
		buf_adds(out, "</title></path>");
	}
	buf_adds(out, "</g><g class=\"samen-netwerk__nodes\">");
	for (int k = 0; k < n; k++) {
		const struct node *nd = &nodes[k];
		buf_printf(out, "<g class=\"samen-netwerk__node%s\">", nd->linked ? "" : " samen-netwerk__node--los");
		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>", nd->x,
			   nd->y, nd->linked ? 7 : 5, nd->linked ? "#1f4677" : "#ffffff", nd->linked ? "#ffffff" : "#595959");
		if (fabs(nd->ly - nd->ly0) > 4) /* a label pushed aside gets a leader line */
			buf_printf(out, "<path d=\"M%.1f %.1fL%.1f %.1f\" fill=\"none\" stroke=\"#8c8c8c\" stroke-width=\"1\"/>",
				   nd->x + (nd->lx - nd->x) * 0.6, nd->y + (nd->ly0 - nd->y) * 0.6,
				   nd->lx + (nd->anchor[0] == 's'   ? -2
					     : nd->anchor[0] == 'e' ? 2
								    : 0),
				   nd->ly);
		buf_printf(out,
			   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" dominant-baseline=\"central\" font-size=\"%d\""
			   " fill=\"%s\">",
			   nd->lx, nd->ly, nd->anchor, NETWERK_FONT, nd->linked ? "#1a1a1a" : "#595959");
		escape_html(out, nd->naam);
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
