/* The planning chapter: the timeline of every traject's milestones
 * (report/besturing_tijdlijn.h) and the table of what is still open
 * (rapportage_intern.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/nl.h"
#include "report/besturing_tijdlijn.h"
#include "report/rapportage_intern.h"

struct plan_build {
	struct plan_row *rows;
	struct plan_marker *markers;
	size_t nrows, nmarkers;
	int done, late, open, moved;
};

static enum plan_kind kind_of(const char *status)
{
	if (!strcmp(status, "gereed"))
		return PLAN_DONE;
	if (!strcmp(status, "gereed-te-laat"))
		return PLAN_DONE_LATE;
	if (!strcmp(status, "te-laat"))
		return PLAN_LATE;
	return PLAN_OPEN;
}

static void plan_collect(struct plan_build *pb, json_t *doc)
{
	static const char *const buckets[] = { "gehaald", "gereedTeLaat", "teLaat", "uitgesteld", "komend", NULL };
	size_t cap = 8, i, j, k;
	json_t *v, *t, *m;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			cap += 1;
			for (int b = 0; buckets[b]; b++)
				cap += json_array_size(json_object_get(json_object_get(t, "mijlpalen"), buckets[b]));
		}
	cap += json_array_size(json_object_get(doc, "wettelijkeDeadlines"));
	pb->rows = calloc(cap, sizeof(*pb->rows));
	pb->markers = calloc(cap, sizeof(*pb->markers));
	if (!pb->rows || !pb->markers)
		return;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			size_t first = pb->nmarkers;
			json_t *seen = json_array();
			for (int b = 0; buckets[b]; b++)
				json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), buckets[b]), k, m) {
					if (rapportage_in_array_by_id(seen, m))
						continue;
					json_array_append(seen, m);
					struct plan_marker *pm = &pb->markers[pb->nmarkers++];
					enum plan_kind kind = kind_of(str(m, "status"));
					int32_t day = DATE_NONE;
					const char *when = kind == PLAN_DONE || kind == PLAN_DONE_LATE
								   ? str(json_object_get(m, "gereed"), "datum")
								   : str(m, "deadline");
					if (!when || date_parse(when, &day) < 0)
						day = DATE_NONE;
					pm->label = str(m, "titel");
					pm->date = day;
					pm->kind = kind;
					pm->moved_from = DATE_NONE;
					int32_t orig;
					if (json_array_size(json_object_get(m, "uitstel")) &&
					    date_parse(str(m, "oorspronkelijkeDeadline"), &orig) == 0) {
						pm->moved_from = orig;
						pb->moved++;
					}
					pb->done += kind == PLAN_DONE || kind == PLAN_DONE_LATE;
					pb->late += kind == PLAN_LATE;
					pb->open += kind == PLAN_OPEN;
				}
			json_decref(seen);
			if (pb->nmarkers == first)
				continue;
			struct plan_row *r = &pb->rows[pb->nrows++];
			r->label = str(t, "taakveldNaam");
			r->sublabel = str(v, "naam");
			r->markers = &pb->markers[first];
			r->n = pb->nmarkers - first;
		}
	json_array_foreach(json_object_get(doc, "wettelijkeDeadlines"), i, m) {
		int32_t day;
		if (date_parse(str(m, "datum"), &day) < 0)
			continue;
		struct plan_marker *pm = &pb->markers[pb->nmarkers++];
		pm->label = "Wettelijke deadline";
		pm->date = day;
		pm->moved_from = DATE_NONE;
		pm->kind = PLAN_LEGAL;
		struct plan_row *r = &pb->rows[pb->nrows++];
		r->label = str(m, "taakveldNaam");
		r->sublabel = "wettelijke deadline";
		r->markers = pm;
		r->n = 1;
	}
}

static void timeline(struct rapportage_w *w, const struct rapportage_ctx *c)
{
	struct plan_build pb = { 0 };
	plan_collect(&pb, c->doc);
	if (pb.rows && pb.markers && pb.nrows) {
		int32_t from, to;
		date_parse(c->van, &from);
		date_parse(c->tot, &to);
		char title[300], desc[1200], d1[40], d2[40];
		nl_date(c->van, d1, sizeof(d1));
		nl_date(c->tot, d2, sizeof(d2));
		snprintf(title, sizeof(title), "Planning van %s: mijlpalen per traject", c->org_name);
		snprintf(desc, sizeof(desc),
			 "Tijdlijn met %zu %s, rapportageperiode %s tot en met %s: %d gereed, %d te laat, %d open; %d uitgesteld "
			 "(van de oude naar de nieuwe deadline). De tabel hieronder noemt dezelfde mijlpalen met hun datum.",
			 pb.nrows, rapportage_plural((long long)pb.nrows, "rij", "rijen"), d1, d2, pb.done, pb.late, pb.open,
			 pb.moved);
		struct plan_chart chart = { "svz-planning", title, desc, from, to, pb.rows, pb.nrows, 0 };
		rapportage_w_raw_html(w, "<figure class=\"svz-figuur\">");
		if (!w->md) {
			struct buf svg;
			buf_init(&svg, 0);
			besturing_tijdlijn_write(&svg, &chart);
			rapportage_w_chart(w, buf_str(&svg));
			buf_release(&svg);
		}
		rapportage_w_raw_html(w, "<figcaption>");
		if (!w->md) {
			if (w->pdf) /* a figure's caption is a paragraph of its own there */
				rapportage_w_p(w, "svz-figuurtekst");
			rapportage_w_txt(w, "Figuur: ");
			rapportage_w_txt(w, title);
			rapportage_w_txt(
				w,
				". Een driehoek is te laat, een gevulde cirkel gereed, een open cirkel komt nog; een stippellijn "
				"loopt van de oude naar de nieuwe deadline.");
			if (w->pdf)
				rapportage_w_p_end(w);
		}
		rapportage_w_raw_html(w, "</figcaption></figure>");
	}
	free(pb.rows);
	free(pb.markers);
}

struct coming {
	const char *date, *traject, *what, *state;
	json_t *m;
};

static int coming_cmp(const void *x, const void *y)
{
	const struct coming *a = x, *b = y;
	int r = strcmp(a->date, b->date);
	return r ? r : strcmp(a->traject, b->traject);
}

void rapportage_planning_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Planning", nr);
	rapportage_w_h(w, 2, "svz-planning-kop", h);
	timeline(w, c);
	size_t cap = json_array_size(json_object_get(c->doc, "wettelijkeDeadlines")) + 1, n = 0, i, j, k;
	json_t *v, *t, *m;
	json_array_foreach(json_object_get(c->doc, "verbanden"), i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
			cap += json_array_size(json_object_get(json_object_get(t, "mijlpalen"), "teLaat")) +
			       json_array_size(json_object_get(json_object_get(t, "mijlpalen"), "komend"));
	struct coming *rows = calloc(cap, sizeof(*rows));
	if (!rows)
		return;
	json_array_foreach(json_object_get(c->doc, "verbanden"), i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), "teLaat"), k, m)
				rows[n++] = (struct coming){ str(m, "deadline"), str(t, "taakveldNaam"), str(m, "titel"),
							     "te laat", m };
			json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), "komend"), k, m)
				rows[n++] = (struct coming){ str(m, "deadline"), str(t, "taakveldNaam"), str(m, "titel"),
							     json_array_size(json_object_get(m, "uitstel")) ? "uitgesteld"
													    : "gepland",
							     m };
		}
	json_array_foreach(json_object_get(c->doc, "wettelijkeDeadlines"), i, m)
		rows[n++] = (struct coming){ str(m, "datum"), str(m, "taakveldNaam"), "Wettelijke deadline", "wettelijk", NULL };
	for (i = 0; i < n; i++)
		if (!rows[i].date || !rows[i].traject || !rows[i].what)
			rows[i].date = rows[i].date ? rows[i].date : "", rows[i].traject = rows[i].traject ? rows[i].traject : "",
			rows[i].what = rows[i].what ? rows[i].what : "";
	qsort(rows, n, sizeof(*rows), coming_cmp);
	rapportage_w_p(w, NULL);
	if (n) {
		rapportage_w_txt(w, "Wat nog openstaat op ");
		rapportage_date_txt(w, c->tot);
		rapportage_w_txt(w, ", en de wettelijke deadlines.");
	} else {
		rapportage_w_txt(w, "Er staan geen mijlpalen of wettelijke deadlines open.");
	}
	rapportage_w_p_end(w);
	if (n) {
		char cap2[300];
		snprintf(cap2, sizeof(cap2), "Openstaande mijlpalen en deadlines van %s", c->org_name);
		const char *const head[] = { "Datum", "Traject", "Mijlpaal", "Stand", NULL };
		rapportage_w_table(w, cap2, head);
		for (i = 0; i < n; i++) {
			char d[40];
			nl_date(rows[i].date, d, sizeof(d));
			rapportage_w_tr(w, !strcmp(rows[i].state, "te laat") ? 2 : 0);
			rapportage_w_td(w, 1, d);
			rapportage_w_td(w, 0, rows[i].traject);
			rapportage_w_td(w, 0, rows[i].what);
			rapportage_w_cell(w, 0);
			if (!strcmp(rows[i].state, "te laat")) {
				rapportage_w_strong(w);
				rapportage_w_fmt(w, "te laat (%lld %s)", num(rows[i].m, "dagenTeLaat"),
						 rapportage_plural(num(rows[i].m, "dagenTeLaat"), "dag", "dagen"));
				rapportage_w_strong_end(w);
			} else if (!strcmp(rows[i].state, "uitgesteld")) {
				rapportage_w_txt(w, "uitgesteld, was ");
				rapportage_date_txt(w, str(rows[i].m, "oorspronkelijkeDeadline"));
			} else if (!strcmp(rows[i].state, "wettelijk")) {
				rapportage_w_txt(w, "wettelijke verplichting");
			} else {
				rapportage_w_txt(w, "gepland");
			}
			rapportage_w_cell_end(w, 0);
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
	}
	free(rows);
	json_t *next = json_object_get(c->doc, "volgendeRapportage");
	if (json_is_object(next)) {
		rapportage_w_p(w, NULL);
		rapportage_w_strong(w);
		rapportage_w_txt(w, "Volgende rapportage aan de raad:");
		rapportage_w_strong_end(w);
		rapportage_w_txt(w, " ");
		rapportage_w_txt(w, str(next, "wanneer") ? str(next, "wanneer") : str(next, "datum"));
		if (str(next, "toelichting")) {
			rapportage_w_txt(w, " (");
			rapportage_w_txt(w, str(next, "toelichting"));
			rapportage_w_txt(w, ")");
		}
		rapportage_w_txt(w, ".");
		rapportage_w_p_end(w);
	}
}
