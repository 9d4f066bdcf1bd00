/* The balance chart of the hours exchange (urenbank_saldi.h). Geometry in whole
 * pixels: minutes map to x with integer arithmetic, so the output is the
 * same on every machine. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/duration.h"
#include "core/escape.h"
#include "core/nl.h"
#include "report/urenbank_saldi.h"

#define W 960      /* width of the picture */
#define NAME_X 186 /* names end here */
#define PLOT_L 204 /* the plot */
#define PLOT_R 816
#define VALUE_X 952 /* the values, in a column of their own, end here */
#define TOP 52      /* the first bar's row */
#define ROW 40      /* px per member */
#define BAR 24      /* px of a bar */
#define AXIS 40     /* room below the rows for the tick labels */
#define FONT 14

#define COLOUR_PLUS "#245391"  /* 8:1 on white */
#define COLOUR_MINUS "#a34a00" /* 5.6:1 on white */
#define COLOUR_LIMIT "#c00000"
#define COLOUR_TEXT "#1a1a1a"
#define COLOUR_GRID "#d9d9d9"

static int64_t saldo_of(json_t *row)
{
	json_t *v = json_object_get(row, "saldoMinuten");
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* A tick step in minutes: 1, 2, 2½, 5 × 10ᵏ hours, so that span needs at
 * most six steps. */
static int64_t tick_step(int64_t span)
{
	static const int64_t base[] = { 10, 20, 25, 50 };
	for (int64_t scale = 6; scale < INT64_MAX / 100; scale *= 10)
		for (int i = 0; i < 4; i++) {
			int64_t step = base[i] * scale; /* base/10 hours, in minutes */
			if (span / step <= 6)
				return step;
		}
	return span ? span : 60;
}

static int64_t floor_to(int64_t v, int64_t step) { return v >= 0 ? v / step * step : -((-v + step - 1) / step * step); }
static int64_t ceil_to(int64_t v, int64_t step) { return -floor_to(-v, step); }

struct scale {
	int64_t lo, hi;
};

static long long x_of(const struct scale *s, int64_t v)
{
	/* (v − lo) and the span stay far below 2^31 minutes for any real
	 * balance; the product below 2^63. */
	return PLOT_L + (long long)((v - s->lo) * (PLOT_R - PLOT_L) / (s->hi - s->lo));
}

int urenbank_saldi_write(struct buf *out, json_t *saldi, const struct urenbank_saldi_options *opt)
{
	const char *id = opt && opt->id ? opt->id : "samen-saldi";
	size_t n = json_array_size(saldi), i;
	json_t *row;
	int64_t limit = 0, lo = 0, hi = 0;
	json_array_foreach(saldi, i, row) {
		json_t *l = json_object_get(row, "kredietlimietMinuten");
		if (json_is_integer(l) && json_integer_value(l) > limit)
			limit = json_integer_value(l);
		int64_t v = saldo_of(row);
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	const int64_t cap = DURATION_MAX_MINUTES; /* keeps the geometry in range */
	limit = limit > cap ? cap : limit;
	lo = lo < -cap ? -cap : lo;
	hi = hi > cap ? cap : hi;
	if (-limit < lo)
		lo = -limit;
	int64_t step = tick_step(hi - lo);
	struct scale sc = { floor_to(lo, step), ceil_to(hi, step) };
	if (sc.hi == sc.lo)
		sc.hi = sc.lo + step;
	long long height = TOP + (long long)n * ROW + AXIS, bottom = TOP + (long long)n * ROW;

	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"samen-saldi\" role=\"img\""
		   " aria-labelledby=\"%s-titel %s-uitleg\" viewBox=\"0 0 %d %lld\" width=\"%d\" height=\"%lld\""
		   " preserveAspectRatio=\"xMidYMid meet\" font-size=\"%d\">",
		   id, id, W, height, W, height, FONT);
	buf_printf(out, "<title id=\"%s-titel\">", id);
	escape_html(out, opt && opt->title ? opt->title : "Saldo per lid");
	buf_printf(out, "</title><desc id=\"%s-uitleg\">", id);
	char h[64];
	if (opt && opt->desc) {
		escape_html(out, opt->desc);
	} else {
		buf_adds(out, "Saldo per lid (gebracht min gehaald plus gestort): ");
		json_array_foreach(saldi, i, row) {
			nl_hours(saldo_of(row), NL_HOURS_PLUS, h, sizeof(h));
			if (i)
				buf_adds(out, "; ");
			escape_html(out, json_string_value(json_object_get(row, "naam")));
			buf_adds(out, " ");
			escape_html(out, h);
		}
		nl_hours(limit, 0, h, sizeof(h));
		buf_adds(out, ". De kredietlimiet is ");
		escape_html(out, h);
		buf_adds(out, " per lid: zo ver mag een saldo onder nul komen, min wat nog is vastgelegd.");
	}
	buf_adds(out, "</desc>");

	/* Legend: what the colours and the dashed line mean. */
	buf_printf(out,
		   "<g class=\"samen-saldi__legend\" fill=\"%s\">"
		   "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"20\">meer gebracht dan "
		   "gehaald</text>"
		   "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"20\">meer gehaald dan "
		   "gebracht</text>"
		   "<path d=\"M%d 15H%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
		   "<text x=\"%d\" y=\"20\">kredietlimiet</text></g>",
		   COLOUR_TEXT, PLOT_L, COLOUR_PLUS, PLOT_L + 20, PLOT_L + 230, COLOUR_MINUS, PLOT_L + 250, PLOT_L + 470,
		   PLOT_L + 500, COLOUR_LIMIT, PLOT_L + 506);

	buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"700\" fill=\"%s\">saldo</text>", VALUE_X,
		   TOP - 14, COLOUR_TEXT);

	/* Grid and tick labels. */
	buf_printf(out, "<g class=\"samen-saldi__grid\" stroke=\"%s\" stroke-width=\"1\">", COLOUR_GRID);
	for (int64_t t = sc.lo; t <= sc.hi; t += step)
		buf_printf(out, "<path d=\"M%lld %dV%lld\"/>", x_of(&sc, t), TOP - 6, bottom);
	buf_printf(out, "</g><g class=\"samen-saldi__ticks\" fill=\"%s\" text-anchor=\"middle\">", COLOUR_TEXT);
	for (int64_t t = sc.lo; t <= sc.hi; t += step) {
		char label[96];
		nl_hours(t, NL_HOURS_BARE, h, sizeof(h));
		h[strlen(h) - 3] = '\0'; /* whole hours: drop ":00" */
		snprintf(label, sizeof(label), "%s uur", h);
		buf_printf(out, "<text x=\"%lld\" y=\"%lld\">", x_of(&sc, t), bottom + 24);
		escape_html(out, label);
		buf_adds(out, "</text>");
	}
	buf_adds(out, "</g>");

	/* The bars. */
	long long x0 = x_of(&sc, 0);
	buf_adds(out, "<g class=\"samen-saldi__bars\">");
	json_array_foreach(saldi, i, row) {
		int64_t v = saldo_of(row);
		v = v < -cap ? -cap : v > cap ? cap : v;
		long long y = TOP + (long long)i * ROW, xv = x_of(&sc, v);
		long long left = v < 0 ? xv : x0, width = v < 0 ? x0 - xv : xv - x0;
		const char *naam = json_string_value(json_object_get(row, "naam"));
		nl_hours(v, NL_HOURS_PLUS, h, sizeof(h));
		buf_printf(out, "<g class=\"samen-saldi__bar samen-saldi__bar--%s\"><title>", v < 0 ? "min" : "plus");
		escape_html(out, naam);
		buf_adds(out, ": saldo ");
		escape_html(out, h);
		buf_printf(out,
			   "</title><text x=\"%d\" y=\"%lld\" text-anchor=\"end\" dominant-baseline=\"central\" fill=\"%s\">",
			   NAME_X, y + BAR / 2 + (ROW - BAR) / 2, COLOUR_TEXT);
		escape_html(out, naam);
		buf_adds(out, "</text>");
		if (width > 0)
			buf_printf(out, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"%d\" fill=\"%s\"/>", left,
				   y + (ROW - BAR) / 2, width, BAR, v < 0 ? COLOUR_MINUS : COLOUR_PLUS);
		buf_printf(out,
			   "<text x=\"%d\" y=\"%lld\" text-anchor=\"end\" dominant-baseline=\"central\" fill=\"%s\""
			   " font-variant-numeric=\"tabular-nums\">",
			   VALUE_X, y + BAR / 2 + (ROW - BAR) / 2, COLOUR_TEXT);
		escape_html(out, h);
		buf_adds(out, "</text></g>");
	}
	buf_adds(out, "</g>");

	/* The zero line, and the credit limit over every row. */
	buf_printf(out, "<path class=\"samen-saldi__zero\" d=\"M%lld %dV%lld\" stroke=\"%s\" stroke-width=\"2\"/>", x0, TOP - 6,
		   bottom, COLOUR_TEXT);
	if (limit > 0) {
		long long xl = x_of(&sc, -limit);
		nl_hours(-limit, 0, h, sizeof(h));
		buf_printf(out,
			   "<g class=\"samen-saldi__limit\"><path d=\"M%lld %dV%lld\" stroke=\"%s\" stroke-width=\"2\""
			   " stroke-dasharray=\"6 4\"/><text x=\"%lld\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\">kredietlimiet ",
			   xl, TOP - 10, bottom, COLOUR_LIMIT, xl + (xl + 220 < PLOT_R ? 6 : -6), TOP - 14,
			   xl + 220 < PLOT_R ? "start" : "end", COLOUR_LIMIT);
		escape_html(out, h);
		buf_adds(out, "</text></g>");
	}
	buf_adds(out, "</svg>");
	return buf_failed(out) ? -1 : 0;
}
