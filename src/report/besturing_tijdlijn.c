/* The planning timeline as SVG. See besturing_tijdlijn.h. */
#include <string.h>
#include "core/date.h"
#include "core/escape.h"
#include "core/nl.h"
#include "report/besturing_tijdlijn.h"

#define PLAN_W 760.0
#define PLAN_X0 214.0 /* the axis starts here; the labels are left of it */
#define PLAN_X1 744.0
#define PLAN_TOP 40.0 /* room for month and year labels */
#define PLAN_ROW 40.0
#define PLAN_LEGEND 62.0
#define PLAN_LABEL_CHARS 30 /* of a traject label at 12.5px in 200px */
#define PLAN_SUB_CHARS 36

/* Colours with at least 3:1 contrast on white (WCAG 1.4.11). */
#define C_INK "#1a1a1a"
#define C_MUTED "#555555"
#define C_DONE "#1d6b3a"
#define C_OPEN "#14334f"
#define C_LATE "#b3261e"
#define C_MOVED "#6b6b6b"

/* At most max characters of text (UTF-8), with "…" when cut. */
static void xml_cut(struct buf *b, const char *text, size_t max)
{
	size_t chars = 0, i = 0;
	const char *s = text ? text : "";
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
	}
	if (!s[i]) {
		escape_html(b, s);
		return;
	}
	/* Cut one character earlier to make room for the ellipsis, and not after a space. */
	size_t end = i;
	do
		end--;
	while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80);
	while (end > 0 && s[end - 1] == ' ')
		end--;
	struct buf t;
	buf_init(&t, 4096);
	buf_add(&t, s, end);
	escape_html(b, buf_str(&t));
	buf_release(&t);
	buf_adds(b, "…");
}

struct axis {
	int32_t from, to; /* [from, to): whole months */
};

static double ax(const struct axis *a, int32_t day)
{
	return PLAN_X0 + (double)(day - a->from) * (PLAN_X1 - PLAN_X0) / (double)(a->to - a->from);
}

static struct axis axis_of(const struct plan_chart *c)
{
	int32_t lo = c->period_from, hi = c->period_to;
	for (size_t r = 0; r < c->nrows; r++)
		for (size_t i = 0; i < c->rows[r].n; i++) {
			const struct plan_marker *m = &c->rows[r].markers[i];
			if (m->kind == PLAN_LEGAL)
				continue;
			if (m->date != DATE_NONE) {
				lo = m->date < lo ? m->date : lo;
				hi = m->date > hi ? m->date : hi;
			}
			if (m->moved_from != DATE_NONE)
				lo = m->moved_from < lo ? m->moved_from : lo;
		}
	struct axis a = { date_month_first(lo), date_month_next(hi) };
	/* At least three months, so that a short period still reads as a line. */
	while (a.to - a.from < 88)
		a.to = date_month_next(a.to);
	return a;
}

static void months(struct buf *b, const struct axis *a, double bottom)
{
	int n = 0;
	for (int32_t m = a->from; m < a->to; m = date_month_next(m))
		n++;
	int step = n <= 13 ? 1 : n <= 26 ? 2 : n <= 39 ? 3 : 6;
	int k = 0;
	buf_adds(b, "<g class=\"samen-plan__as\">");
	for (int32_t m = a->from; m < a->to; m = date_month_next(m), k++) {
		int y, mo, d;
		date_to_ymd(m, &y, &mo, &d);
		double x = ax(a, m);
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>", x,
			   PLAN_TOP - 6, x, bottom);
		if (k % step)
			continue;
		double mid = ax(a, date_month_next(m)) - x;
		double tx = step == 1 ? x + mid / 2 : x + 2;
		buf_printf(b, "<text x=\"%.1f\" y=\"16\" font-size=\"11\" fill=\"" C_MUTED "\" text-anchor=\"%s\">%s</text>", tx,
			   step == 1 ? "middle" : "start", nl_month_short(mo));
		if (mo == 1 || k == 0)
			buf_printf(b,
				   "<text x=\"%.1f\" y=\"30\" font-size=\"11\" font-weight=\"700\" fill=\"" C_INK
				   "\" text-anchor=\"%s\">%d</text>",
				   tx, step == 1 ? "middle" : "start", y);
	}
	double end = ax(a, a->to);
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\" stroke-width=\"1\"/></g>", end,
		   PLAN_TOP - 6, end, bottom);
}

/* The shape of a marker kind, centred on (x, y). */
static void shape(struct buf *b, enum plan_kind kind, double x, double y)
{
	switch (kind) {
	case PLAN_DONE: buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"" C_DONE "\"/>", x, y); break;
	case PLAN_DONE_LATE:
		buf_printf(b,
			   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"" C_DONE "\" stroke=\"" C_LATE
			   "\" stroke-width=\"3\"/>",
			   x, y);
		break;
	case PLAN_OPEN:
		buf_printf(b,
			   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"#ffffff\" stroke=\"" C_OPEN
			   "\" stroke-width=\"2.5\"/>",
			   x, y);
		break;
	case PLAN_LATE:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_LATE "\"/>", x, y - 8, x + 8, y + 6, x - 8,
			   y + 6);
		break;
	case PLAN_LEGAL:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_INK "\"/>", x, y - 7, x + 7, y, x,
			   y + 7, x - 7, y);
		break;
	}
}

static const char *const kind_class[] = { "open", "gereed", "gereed-te-laat", "te-laat", "wettelijk" };

static void row(struct buf *b, const struct plan_chart *c, const struct axis *a, size_t r, double top)
{
	const struct plan_row *pr = &c->rows[r];
	double mid = top + PLAN_ROW / 2 - 3;
	buf_adds(b, "<g class=\"samen-plan__rij\">");
	buf_printf(b, "<text x=\"4\" y=\"%.1f\" font-size=\"12.5\" fill=\"" C_INK "\">", pr->sublabel ? mid - 1 : mid + 4);
	xml_cut(b, pr->label, PLAN_LABEL_CHARS);
	buf_adds(b, "</text>");
	if (pr->sublabel) {
		buf_printf(b, "<text x=\"4\" y=\"%.1f\" font-size=\"10.5\" fill=\"" C_MUTED "\">", mid + 13);
		xml_cut(b, pr->sublabel, PLAN_SUB_CHARS);
		buf_adds(b, "</text>");
	}
	double last_label = -1000;
	for (size_t i = 0; i < pr->n; i++) {
		const struct plan_marker *m = &pr->markers[i];
		if (m->date == DATE_NONE || m->date < a->from)
			continue;
		int beyond = m->date >= a->to;
		double x = beyond ? PLAN_X1 : ax(a, m->date);
		char d[NL_TEXT_LEN];
		nl_day_short(m->date, 1, d, sizeof(d));
		buf_printf(b, "<g class=\"samen-plan__mijlpaal samen-plan__mijlpaal--%s\"><title>", kind_class[m->kind]);
		escape_html(b, m->label);
		buf_adds(b, " — ");
		escape_html(b, d);
		buf_adds(b, "</title>");
		if (m->moved_from != DATE_NONE && m->moved_from >= a->from && m->moved_from < m->date && !beyond) {
			double x0 = ax(a, m->moved_from);
			buf_printf(b,
				   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" C_MOVED
				   "\" stroke-width=\"1.5\"/>",
				   x0, mid);
			if (x - x0 > 20) {
				buf_printf(b,
					   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_MOVED
					   "\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
					   x0 + 5, mid, x - 15, mid);
				buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_MOVED "\"/>", x - 16,
					   mid - 4, x - 10, mid, x - 16, mid + 4);
			}
		}
		shape(b, m->kind, x, mid);
		if (beyond) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"" C_INK "\" text-anchor=\"end\">",
				   x - 10, mid + 4);
			escape_html(b, d);
			buf_adds(b, " ›</text>");
		} else if (x - last_label >= 52) {
			char dm[NL_TEXT_LEN];
			nl_day_short(m->date, 0, dm, sizeof(dm));
			buf_printf(b,
				   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"" C_MUTED
				   "\" text-anchor=\"middle\">%s</text>",
				   x, mid + 19, dm);
			last_label = x;
		}
		buf_adds(b, "</g>");
	}
	buf_adds(b, "</g>");
}

static void legend_item(struct buf *b, double x, double y, enum plan_kind kind, const char *text)
{
	shape(b, kind, x + 8, y - 4);
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"" C_INK "\">", x + 20, y);
	escape_html(b, text);
	buf_adds(b, "</text>");
}

static void legend(struct buf *b, const struct plan_chart *c, double top)
{
	double y1 = top + 22, y2 = top + 46;
	char d[NL_TEXT_LEN];
	nl_day_short(c->period_to, 1, d, sizeof(d));
	buf_adds(b, "<g class=\"samen-plan__legenda\">");
	legend_item(b, 4, y1, PLAN_DONE, "gereed");
	legend_item(b, 150, y1, PLAN_DONE_LATE, "gereed na de deadline");
	legend_item(b, 340, y1, PLAN_OPEN, "open");
	legend_item(b, 450, y1, PLAN_LATE, "te laat");
	legend_item(b, 580, y1, PLAN_LEGAL, "wettelijke deadline");
	buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" C_MOVED "\" stroke-width=\"1.5\"/>",
		   8.0, y2 - 4);
	buf_printf(b,
		   "<line x1=\"14\" y1=\"%.1f\" x2=\"34\" y2=\"%.1f\" stroke=\"" C_MOVED
		   "\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
		   y2 - 4, y2 - 4);
	buf_printf(b, "<path d=\"M34 %.1fL40 %.1fL34 %.1fZ\" fill=\"" C_MOVED "\"/>", y2 - 8, y2 - 4, y2);
	buf_printf(b,
		   "<text x=\"46\" y=\"%.1f\" font-size=\"11\" fill=\"" C_INK
		   "\">uitgesteld: van de oude naar de nieuwe deadline</text>",
		   y2);
	if (c->hide_period) {
		buf_adds(b, "</g>");
		return;
	}
	buf_printf(b, "<rect x=\"340\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"#dbe7f5\"/>", y2 - 10);
	buf_printf(b, "<text x=\"362\" y=\"%.1f\" font-size=\"11\" fill=\"" C_INK "\">rapportageperiode</text>", y2);
	buf_printf(b,
		   "<line x1=\"488\" y1=\"%.1f\" x2=\"488\" y2=\"%.1f\" stroke=\"" C_OPEN
		   "\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
		   y2 - 12, y2 + 2);
	buf_printf(b, "<text x=\"496\" y=\"%.1f\" font-size=\"11\" fill=\"" C_INK "\">peildatum (", y2);
	escape_html(b, d);
	buf_adds(b, ")</text></g>");
}

int besturing_tijdlijn_write(struct buf *out, const struct plan_chart *c)
{
	struct axis a = axis_of(c);
	double rows_bottom = PLAN_TOP + (double)c->nrows * PLAN_ROW;
	double h = rows_bottom + PLAN_LEGEND;
	const char *id = c->id ? c->id : "plan";
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"samen-plan\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\""
		   " height=\"%.0f\" role=\"img\" aria-labelledby=\"",
		   PLAN_W, h, PLAN_W, h);
	escape_html(out, id);
	buf_adds(out, "-titel ");
	escape_html(out, id);
	buf_adds(out, "-desc\" font-family=\"inherit\"><title id=\"");
	escape_html(out, id);
	buf_adds(out, "-titel\">");
	escape_html(out, c->title);
	buf_adds(out, "</title><desc id=\"");
	escape_html(out, id);
	buf_adds(out, "-desc\">");
	escape_html(out, c->desc);
	buf_adds(out, "</desc>");
	/* The period behind everything, then the months, the rows, the peildatum on top. */
	int32_t pf = c->period_from < a.from ? a.from : c->period_from;
	int32_t pt = c->period_to + 1 > a.to ? a.to : c->period_to + 1;
	for (size_t r = 0; r < c->nrows; r++)
		if (r % 2 == 0)
			buf_printf(out, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f4f4f4\"/>",
				   PLAN_TOP + (double)r * PLAN_ROW, PLAN_W, PLAN_ROW);
	if (!c->hide_period)
		buf_printf(out,
			   "<rect class=\"samen-plan__periode\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			   "fill=\"#dbe7f5\"/>",
			   ax(&a, pf), PLAN_TOP - 6, ax(&a, pt) - ax(&a, pf), rows_bottom - PLAN_TOP + 6);
	months(out, &a, rows_bottom);
	for (size_t r = 0; r < c->nrows; r++)
		row(out, c, &a, r, PLAN_TOP + (double)r * PLAN_ROW);
	double xp = ax(&a, c->period_to);
	if (!c->hide_period)
		buf_printf(
			out,
			"<line class=\"samen-plan__peildatum\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_OPEN
			"\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
			xp, PLAN_TOP - 6, xp, rows_bottom);
	if (!c->nrows)
		buf_printf(out,
			   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"" C_MUTED
			   "\">Geen mijlpalen of deadlines.</text>",
			   PLAN_X0, PLAN_TOP + 16);
	legend(out, c, rows_bottom);
	buf_adds(out, "</svg>");
	return buf_failed(out) ? -1 : 0;
}
