/* The evaluation page of a proeftuin (page_urenbank.h): the figures of
 * store/urenbank_evaluatie.h over a chosen period, each table with the
 * sentence that says how it was computed and a CSV download of itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "report/csv_export.h"
#include "store/urenbank_evaluatie.h"
#include "web/page_listing.h"
#include "web/page_urenbank.h"
#include "web/pages.h"

/* How a column shows its value. */
enum kind { TXT, MIN, INT, PROMILLE, DAGEN, DATUM };

struct col {
	const char *label; /* a leading '#' marks a numeric column */
	const char *key;
	enum kind kind;
};

/* One table of the page: where its rows are in the answer and its columns. */
struct table {
	const char *id;    /* the anchor, the CSV's name and ?tabel= */
	const char *title; /* the heading and the caption */
	const char *rows;  /* the key of the array in the answer */
	const char *how;   /* the key in berekening, or NULL: said above it */
	const struct col *cols;
	const char *parent; /* the object the rows are in, or NULL: the answer */
};

static const struct col leden_cols[] = {
	{ "Gemeente", "naam", TXT },
	{ "#Gebracht", "gebrachtMinuten", MIN },
	{ "#Gehaald", "gehaaldMinuten", MIN },
	{ "#Gewerkt", "gewerktMinuten", MIN },
	{ "#Over de grens", "grensoverschrijdendPromille", PROMILLE },
	{ "#Afgekeurd (regels)", "afgekeurd", INT },
	{ "#Afgekeurd (uren)", "afgekeurdMinuten", MIN },
	{ "#Gecorrigeerd (regels)", "gecorrigeerd", INT },
	{ "#Gecorrigeerd (uren)", "gecorrigeerdMinuten", MIN },
	{ 0 },
};
static const struct col soort_cols[] = { { "Soort", "soort", TXT }, { "#Uren", "minuten", MIN }, { 0 } };
static const struct col competentie_cols[] = {
	{ "Competentie", "naam", TXT }, { "#Opdrachten", "opdrachten", INT }, { "#Uren", "minuten", MIN }, { 0 }
};
static const struct col opdracht_cols[] = {
	{ "Opdracht", "titel", TXT },
	{ "Soort", "soort", TXT },
	{ "Status", "status", TXT },
	{ "#Geraamd", "geraamdMinuten", MIN },
	{ "#Besteed", "besteedMinuten", MIN },
	{ "#Verschil", "verschilMinuten", MIN },
	{ "#Besteed van raming", "besteedPromille", PROMILLE },
	{ 0 },
};
static const struct col samenvoeging_cols[] = {
	{ "Samengevoegde opdracht", "titel", TXT },
	{ "#Geraamd (originelen)", "geraamdMinuten", MIN },
	{ "#Besteed op originelen", "besteedOrigineelMinuten", MIN },
	{ "#Besteed na samenvoegen", "besteedSamengevoegdMinuten", MIN },
	{ "#Winst", "winstMinuten", MIN },
	{ 0 },
};
static const struct col doorloop_cols[] = {
	{ "Fase", "omschrijving", TXT },
	{ "#Aantal", "aantal", INT },
	{ "#Mediaan", "mediaanDagen", DAGEN },
	{ "#Maximum", "maximumDagen", DAGEN },
	{ 0 },
};
static const struct col expertise_cols[] = {
	{ "Opdrachtgever", "naam", TXT },
	{ "Competentie", "competentieNaam", TXT },
	{ "Eigen dekking", "status", TXT },
	{ "#Gehaalde uren", "minuten", MIN },
	{ 0 },
};

static const struct col status_cols[] = {
	{ "Status", "status", TXT },
	{ "#Aantal", "aantal", INT },
	{ "#Geraamd", "geraamdMinuten", MIN },
	{ "#Besteed", "besteedMinuten", MIN },
	{ 0 },
};
static const struct col leeftijd_cols[] = { { "Leeftijd", "klasse", TXT }, { "#Open opdrachten", "aantal", INT }, { 0 } };
static const struct col wacht_cols[] = {
	{ "Opdracht", "titel", TXT },
	{ "Soort", "soort", TXT },
	{ "Ingediend", "ingediend", DATUM },
	{ "#Wacht", "wachtDagen", DAGEN },
	{ 0 },
};
static const struct col over_cols[] = {
	{ "Opdracht", "titel", TXT },
	{ "#Geraamd", "geraamdMinuten", MIN },
	{ "#Besteed", "besteedMinuten", MIN },
	{ "#Boven de raming", "overMinuten", MIN },
	{ 0 },
};

static const struct table voorraad[] = {
	{ "status", "Opdrachten per status", "perStatus", NULL, status_cols, "werkvoorraad" },
	{ "leeftijd", "Open opdrachten naar leeftijd", "leeftijd", NULL, leeftijd_cols, "werkvoorraad" },
	{ "wachten", "Wachten op inzet", "wachtOpInzet", NULL, wacht_cols, "werkvoorraad" },
	{ "boven-raming", "Boven de raming", "overRaming", NULL, over_cols, "werkvoorraad" },
	{ 0 },
};

static const struct table tables[] = {
	{ "leden", "Gebracht, gehaald en gewerkt per gemeente", "leden", "gewerkt", leden_cols },
	{ "soort", "Uren per soort opdracht", "perSoort", "perSoort", soort_cols },
	{ "competentie", "Uren per competentie", "perCompetentie", "perCompetentie", competentie_cols },
	{ "opdrachten", "Raming en besteding per opdracht", "opdrachten", "opdrachten", opdracht_cols },
	{ "samenvoegingen", "Winst van samengevoegde opdrachten", "samenvoegingen", "samenvoegingen", samenvoeging_cols },
	{ "doorlooptijden", "Doorlooptijden", "doorlooptijden", "doorlooptijden", doorloop_cols },
	{ "expertise", "Expertise van andere gemeenten bij een één-pitter of een gat", "expertise", "expertise", expertise_cols },
	{ 0 },
};

/* A table longer than this shows its first rows here and all in its CSV;
 * the members are paged (?pagina) instead. */
#define SHOWN 25

/* 733 ‰ → "73,3%". */
static void promille_text(long long v, char *out, size_t len) { snprintf(out, len, "%lld,%lld%%", v / 10, v % 10); }

static void cell_text(json_t *row, const struct col *c, char *out, size_t len)
{
	json_t *v = json_object_get(row, c->key);
	out[0] = '\0';
	if (!v)
		return;
	switch (c->kind) {
	case TXT: snprintf(out, len, "%s", json_string_value(v) ? json_string_value(v) : ""); break;
	case MIN: nl_hours(json_integer_value(v), 0, out, len); break;
	case INT: nl_int(json_integer_value(v), out, len); break;
	case PROMILLE: promille_text(json_integer_value(v), out, len); break;
	case DATUM:
		if (nl_date(json_string_value(v) ? json_string_value(v) : "", out, len) < 0)
			snprintf(out, len, "%s", json_string_value(v) ? json_string_value(v) : "");
		break;
	case DAGEN:
		snprintf(out, len, "%lld %s", (long long)json_integer_value(v), json_integer_value(v) == 1 ? "dag" : "dagen");
		break;
	}
}

/* An opdracht's sort key, read from its JSON once (not at every comparison). */
struct verschil_key {
	json_t *o;
	int has;          /* has an estimate */
	long long abs, id; /* |verschilMinuten| and id */
};

static struct verschil_key verschil_key(json_t *o)
{
	json_t *v = json_object_get(o, "verschilMinuten");
	long long x = v ? json_integer_value(v) : -1;
	return (struct verschil_key){ o, v != NULL, x < 0 ? -x : x, json_integer_value(json_object_get(o, "id")) };
}

static int by_verschil(const void *a, const void *b)
{
	const struct verschil_key *x = a, *y = b;
	if (x->has != y->has)
		return y->has - x->has; /* those with an estimate first */
	if (x->abs != y->abs)
		return x->abs < y->abs ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The rows this page shows of all: a page of the members, the opdrachten
 * with the largest difference from their estimate, else the first SHOWN. */
static json_t *shown_rows(const struct table *t, json_t *all, const struct page_listing *pl)
{
	json_t *out = json_array();
	size_t n = json_array_size(all);
	if (!strcmp(t->id, "leden")) {
		size_t from = (size_t)((pl->pagina - 1) * pl->grootte);
		for (size_t i = from; i < n && i < from + (size_t)pl->grootte; i++)
			json_array_append(out, json_array_get(all, i));
		return out;
	}
	if (n <= SHOWN) {
		for (size_t i = 0; i < n; i++)
			json_array_append(out, json_array_get(all, i));
		return out;
	}
	struct verschil_key *v = malloc(n * sizeof(*v));
	if (!v)
		return out;
	for (size_t i = 0; i < n; i++)
		v[i] = verschil_key(json_array_get(all, i));
	if (!strcmp(t->id, "opdrachten"))
		qsort(v, n, sizeof(*v), by_verschil);
	for (size_t i = 0; i < SHOWN; i++)
		json_array_append(out, v[i].o);
	free(v);
	return out;
}

static void write_table(struct buf *b, const struct table *t, json_t *ev, const char *csv_href, struct page_listing *pl)
{
	json_t *all = json_object_get(t->parent ? json_object_get(ev, t->parent) : ev, t->rows);
	int h = t->parent ? 3 : 2;
	html_raw(b, "<section aria-labelledby=\"kop-");
	html_attr(b, t->id);
	html_raw(b, h == 2 ? "\"><h2 class=\"utrecht-heading-2\" id=\"kop-" : "\"><h3 class=\"utrecht-heading-3\" id=\"kop-");
	html_attr(b, t->id);
	html_raw(b, "\">");
	html_txt(b, t->title);
	html_raw(b, h == 2 ? "</h2>" : "</h3>");
	if (t->how) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-ev-hoe\"><strong>Hoe berekend:</strong> ");
		html_txt(b, json_string_value(json_object_get(json_object_get(ev, "berekening"), t->how)));
		if (!strcmp(t->id, "leden")) {
			html_raw(b, " ");
			html_txt(b, json_string_value(json_object_get(json_object_get(ev, "berekening"), "grensoverschrijdend")));
			html_raw(b, " ");
			html_txt(b, json_string_value(json_object_get(json_object_get(ev, "berekening"), "afgekeurd")));
		}
		html_raw(b, "</p>");
	}
	if (!json_array_size(all)) {
		html_raw(b, t->parent ? "<p class=\"utrecht-paragraph samen-empty\">Geen.</p></section>"
				      : "<p class=\"utrecht-paragraph samen-empty\">Niets in deze periode.</p></section>");
		return;
	}
	json_t *rows = shown_rows(t, all, pl);
	int leden = !strcmp(t->id, "leden");
	const char *head[16];
	size_t nc = 0;
	for (; t->cols[nc].label && nc < 15; nc++)
		head[nc] = t->cols[nc].label;
	head[nc] = NULL;
	page_table_begin(b, t->title, NULL);
	page_table_head(b, head);
	size_t i;
	json_t *row;
	char text[200];
	json_array_foreach(rows, i, row) {
		html_raw(b, "<tr class=\"utrecht-table__row\">");
		for (size_t k = 0; k < nc; k++) {
			const struct col *c = &t->cols[k];
			cell_text(row, c, text, sizeof(text));
			if (!k)
				html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
			else if (c->label[0] == '#')
				html_raw(b,
					 "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			else
				html_raw(b, "<td class=\"utrecht-table__cell\">");
			if (c->kind == TXT && !strcmp(c->key, "soort"))
				page_label(b, text);
			else if (c->kind == TXT && !strcmp(c->key, "status"))
				page_label(b, text);
			else
				html_txt(b, text[0] ? text : "—");
			html_raw(b, k ? "</td>" : "</th>");
		}
		html_raw(b, "</tr>");
	}
	if (leden) {
		json_t *tot = json_object_get(ev, "totaal");
		html_raw(
			b,
			"<tr class=\"utrecht-table__row samen-ub-totals\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
			"Proeftuin</th>");
		for (size_t k = 1; k < nc; k++) {
			cell_text(tot, &t->cols[k], text, sizeof(text));
			html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			html_txt(b, text[0] ? text : "—");
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	size_t n = json_array_size(all), k = json_array_size(rows);
	json_decref(rows);
	if (leden) {
		page_listing_close(b, pl, (long long)n);
	} else {
		page_table_end(b);
		if (k < n) {
			html_raw(b, "<p class=\"utrecht-paragraph samen-ev-meer\">Hierboven ");
			html_int(b, (long long)k);
			html_raw(b, " van de ");
			html_int(b, (long long)n);
			html_raw(b, !strcmp(t->id, "opdrachten") ? ": die met het grootste verschil met de raming. " : ". ");
			html_raw(b, "Alle ");
			html_int(b, (long long)n);
			html_raw(b, " staan in de CSV hieronder.</p>");
		}
	}
	page_listing_csv_link(b, csv_href);
	html_raw(b, "</section>");
}

static void send_csv(struct response *rs, const struct table *t, json_t *ev, const char *code)
{
	const char *head[16];
	size_t nc = 0;
	for (; t->cols[nc].label && nc < 15; nc++)
		head[nc] = t->cols[nc].label;
	head[nc] = NULL;
	struct buf csv;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *row;
	json_t *rows = json_object_get(t->parent ? json_object_get(ev, t->parent) : ev, t->rows);
	json_array_foreach(rows, i, row) {
		for (size_t k = 0; k < nc; k++) {
			const struct col *c = &t->cols[k];
			json_t *v = json_object_get(row, c->key);
			if (!v)
				csv_export_text(&w, NULL);
			else if (c->kind == TXT)
				csv_export_text(&w, json_string_value(v));
			else if (c->kind == MIN)
				csv_export_minutes(&w, json_integer_value(v));
			else if (c->kind == PROMILLE)
				csv_export_hundredths(&w, json_integer_value(v) * 10); /* a percentage: 73,30 */
			else
				csv_export_int(&w, json_integer_value(v));
		}
		csv_export_row_end(&w);
	}
	char name[160];
	snprintf(name, sizeof(name), "evaluatie-%s-%s.csv", code, t->id);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

static const struct table *find_table(const char *id)
{
	for (const struct table *t = tables; id && t->id; t++)
		if (!strcmp(t->id, id))
			return t;
	for (const struct table *t = voorraad; id && t->id; t++)
		if (!strcmp(t->id, id))
			return t;
	return NULL;
}

/* The tables of list, each with the CSV of the same selection. */
static void write_list(struct buf *b, const struct table *list, const struct page_urenbank_page *pg, json_t *ev, const char *v,
		       const char *t, struct page_listing *pl)
{
	for (const struct table *x = list; x->id; x++) {
		struct buf h;
		buf_init(&h, 0);
		buf_adds(&h, "/proeftuinen/");
		html_url_segment(&h, pg->code);
		buf_adds(&h, "/evaluatie?van=");
		buf_adds(&h, v);
		buf_adds(&h, "&tot=");
		buf_adds(&h, t);
		buf_adds(&h, "&formaat=csv&tabel=");
		buf_adds(&h, x->id);
		write_table(b, x, ev, buf_str(&h), pl);
		buf_release(&h);
	}
}

static void stock(struct buf *b, const struct page_urenbank_page *pg, json_t *ev, const char *v, const char *t,
		  struct page_listing *pl)
{
	json_t *w = json_object_get(ev, "werkvoorraad");
	json_t *tb = json_object_get(w, "teBeoordelen");
	char hrs[48];
	nl_hours(json_integer_value(json_object_get(tb, "minuten")), 0, hrs, sizeof(hrs));
	html_raw(b, "<section aria-labelledby=\"kop-werkvoorraad\"><h2 class=\"utrecht-heading-2\" id=\"kop-werkvoorraad\">"
		    "Werkvoorraad op ");
	html_date(b, json_string_value(json_object_get(w, "peildatum")));
	html_raw(b, "</h2><p class=\"utrecht-paragraph samen-ev-hoe\"><strong>Hoe berekend:</strong> ");
	html_txt(b, json_string_value(json_object_get(json_object_get(ev, "berekening"), "werkvoorraad")));
	html_raw(b, "</p><p class=\"utrecht-paragraph\">Op beoordeling wachten ");
	html_int(b, json_integer_value(json_object_get(tb, "aantal")));
	html_raw(b, " urenregels met samen ");
	html_txt(b, hrs);
	html_raw(b, ".</p>");
	write_list(b, voorraad, pg, ev, v, t, pl);
	html_raw(b, "</section>");
}

static void period_form(struct buf *b, const struct page_urenbank_page *pg, const char *van, const char *tot,
			const struct problem *err)
{
	const char *ev = NULL, *et = NULL;
	for (int i = 0; err && i < err->nparams; i++) {
		if (!strcmp(err->params[i].name, "van"))
			ev = err->params[i].reason;
		if (!strcmp(err->params[i].name, "tot"))
			et = err->params[i].reason;
	}
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	page_urenbank_href(b, pg, "/evaluatie");
	html_raw(b, "\">");
	struct page_input in = {
		.id = "evaluatie-van", .name = "van", .label = "Van", .type = "date", .value = van, .error = ev
	};
	page_input_field(b, &in);
	struct page_input it = {
		.id = "evaluatie-tot", .name = "tot", .label = "Tot en met", .type = "date", .value = tot, .error = et
	};
	page_input_field(b, &it);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Toon de cijfers</button>"
		    "</form>");
}

static void potential(struct buf *b, json_t *ev)
{
	json_t *pot = json_object_get(ev, "potentieel");
	char lo[48], hi[48];
	nl_hours(json_integer_value(json_object_get(pot, "ondergrensMinuten")), 0, lo, sizeof(lo));
	nl_hours(json_integer_value(json_object_get(pot, "bovengrensMinuten")), 0, hi, sizeof(hi));
	html_raw(b, "<section aria-labelledby=\"kop-potentieel\"><h2 class=\"utrecht-heading-2\" id=\"kop-potentieel\">"
		    "Efficiencypotentieel: een bandbreedte</h2><p class=\"utrecht-paragraph samen-ev-hoe\"><strong>Hoe berekend:"
		    "</strong> ");
	html_txt(b, json_string_value(json_object_get(json_object_get(ev, "berekening"), "potentieel")));
	html_raw(b, "</p><p class=\"utrecht-paragraph samen-ev-band\">Tussen <strong>");
	html_txt(b, lo);
	html_raw(b, "</strong> en <strong>");
	html_txt(b, hi);
	html_raw(b, "</strong> in deze periode. Dit is geen schatting van één getal: de werkelijke winst ligt ertussen, "
		    "afhankelijk van de aannames.</p><h3 class=\"utrecht-heading-3\">Aannames</h3><ul "
		    "class=\"utrecht-unordered-list\">");
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(pot, "aannames"), i, a) {
		html_list_item(b);
		html_txt(b, json_string_value(a));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

int page_urenbank_evaluatie(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	const char *van = req_query(rq, "van"), *tot = req_query(rq, "tot");
	struct problem p;
	problem_init(&p);
	json_t *ev = NULL;
	int r = urenbank_evaluatie(rq->store, pg.code, van, tot, &ev, &p);
	if (r < 0 && p.status != 400) {
		page_error(rq, rs, p.status, p.detail);
		page_urenbank_page_release(&pg);
		return 0;
	}
	const char *which = req_query(rq, "tabel");
	if (r == 0 && page_listing_wants_csv(rq)) {
		const struct table *t = find_table(which);
		if (t) {
			send_csv(rs, t, ev, pg.code);
			json_decref(ev);
			page_urenbank_page_release(&pg);
			return 0;
		}
		page_error(rq, rs, 404, "Deze tabel bestaat niet op de evaluatiepagina; kies een CSV-link bij een tabel.");
		json_decref(ev);
		page_urenbank_page_release(&pg);
		return 0;
	}
	page_urenbank_begin(rq, rs, &pg, "Evaluatie", "evaluatie");
	struct buf *b = &rs->body;
	if (r < 0) {
		rs->status = 400;
		html_raw(b, "<p class=\"utrecht-paragraph\">Kies een geldige periode.</p>");
		period_form(b, &pg, van, tot, &p);
		page_end(rq, rs);
		page_urenbank_page_release(&pg);
		return 0;
	}
	const char *v = json_string_value(json_object_get(ev, "van")), *t = json_string_value(json_object_get(ev, "tot"));
	html_raw(b, "<p class=\"utrecht-paragraph\">De cijfers waarmee het proeftuin-MT de proeftuin evalueert, berekend uit "
		    "de boekingen van de urenbank over de gekozen periode (uren tellen op de dag dat ze zijn gewerkt). Bij elk "
		    "cijfer staat hoe het is berekend; elke tabel is als CSV te downloaden.</p>");
	period_form(b, &pg, v, t, NULL);
	html_raw(b, "<p class=\"utrecht-paragraph\">Periode: ");
	html_date(b, v);
	html_raw(b, " tot en met ");
	html_date(b, t);
	html_raw(b, ".</p>");
	/* The members a page at a time (?pagina, ?paginaGrootte), the period kept. */
	static const struct page_listing_col lcols[] = { { "Gemeente", "naam" }, { 0 } };
	static const char *const keep[] = { "van", "tot", NULL };
	struct buf base;
	buf_init(&base, 0);
	page_urenbank_href(&base, &pg, "/evaluatie");
	struct page_listing pl = { .base = buf_str(&base), .keep = keep, .cols = lcols, .default_sort = "naam" };
	page_listing_read(&pl, rq);
	write_list(b, tables, &pg, ev, v, t, &pl);
	potential(b, ev);
	stock(b, &pg, ev, v, t, &pl);
	buf_release(&base);
	page_end(rq, rs);
	json_decref(ev);
	page_urenbank_page_release(&pg);
	return 0;
}
