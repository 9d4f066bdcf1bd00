/* The stand-van-zaken report: the model from the store, and its Dutch
 * text as HTML and Markdown through one writer. See rapportage.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/escape.h"
#include "core/nl.h"
#include "report/besturing_tijdlijn.h"
#include "report/rapportage.h"
#include "store/urenbank.h"
#include "core/kwaliteitskaart.h"
#include "store/register.h"
#include "store/kwaliteitskaart.h"
#include "store/besturing.h"

/* ---- Markdown text -------------------------------------------------------------- */

/* Whether "&" at s starts something CommonMark reads as an entity. */
static int md_entity_at(const char *s)
{
	const char *p = s + 1;
	if (*p == '#')
		p++;
	const char *q = p;
	while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
		q++;
	return q > p && *q == ';';
}

static void md_txt(struct buf *b, const char *text, int at_start)
{
	const char *s = text ? text : "";
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\r')
			continue;
		if (c == '\n' || c == '\t') {
			buf_addc(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|~", c) || (c == '&' && md_entity_at(p)))
			buf_addc(b, '\\');
		else if (at_start && strchr("#+-=", c))
			buf_addc(b, '\\');
		else if (at_start && c >= '0' && c <= '9') {
			/* "2012. …" at the start would become an ordered list. */
			const char *q = p;
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == '.' || *q == ')') {
				buf_add(b, p, (size_t)(q - p));
				buf_addc(b, '\\');
				p = q - 1;
				at_start = 0;
				continue;
			}
		}
		buf_addc(b, c);
		at_start = 0;
	}
}

void rapportage_md_txt(struct buf *b, const char *text) { md_txt(b, text, 1); }

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* ---- the model ----------------------------------------------------------------- */

/* The other members of verband code during [van, tot]. */
static json_t *partners_of(struct store *s, const char *code, const char *org, const char *van, const char *tot)
{
	json_t *v = NULL, *a = json_array();
	struct problem q;
	problem_init(&q);
	if (register_verband_get(s, code, &v, &q) < 0)
		return a;
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(v, "leden"), i, l)
	{
		const char *lv = str(l, "van"), *lt = str(l, "tot"), *lo = str(l, "organisatie");
		if (!lo || !strcmp(lo, org) || (lv && strcmp(lv, tot) > 0) || (lt && strcmp(lt, van) <= 0))
			continue;
		int dup = 0;
		size_t k;
		json_t *x;
		json_array_foreach(a, k, x) dup |= !strcmp(str(x, "organisatie"), lo);
		if (!dup)
			json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "organisatie", lo, "naam", str(l, "naam") ? str(l, "naam") : lo,
							   "rol", str(l, "rol") ? str(l, "rol") : "lid"));
	}
	json_decref(v);
	return a;
}

/* The whole business case: every partner's figures and the explanation. */
static void enrich_businesscase(struct store *s, json_t *t)
{
	json_t *bc = json_object_get(t, "businesscase"), *full = NULL;
	struct problem q;
	problem_init(&q);
	if (!json_is_object(bc) || besturing_bc_get(s, num(t, "id"), &full, &q) < 0)
		return;
	json_object_set(bc, "perOrganisatie", json_object_get(full, "perOrganisatie"));
	json_object_set(bc, "toelichting", json_object_get(full, "toelichting"));
	json_decref(full);
}

/* Legal deadlines from van on, one per task field and date. */
static json_t *legal_deadlines(json_t *verbanden, const char *van)
{
	json_t *a = json_array();
	size_t i, j, k;
	json_t *v, *t, *x;
	json_array_foreach(verbanden, i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
	{
		const char *wd = str(t, "wettelijkeDeadline");
		if (!wd || strcmp(wd, van) < 0)
			continue;
		json_t *found = NULL;
		json_array_foreach(a, k, x) if (!strcmp(str(x, "datum"), wd) && !strcmp(str(x, "taakveld"), str(t, "taakveld")))
			found = x;
		if (!found) {
			found = json_pack("{s:s,s:s,s:s,s:[]}", "taakveld", str(t, "taakveld"), "taakveldNaam",
					  str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"), "datum", wd, "verbanden");
			json_array_append_new(a, found);
		}
		json_array_append_new(json_object_get(found, "verbanden"), json_string(str(v, "naam")));
	}
	/* By date, then task field: a handful, so insertion sort. */
	size_t n = json_array_size(a);
	for (i = 1; i < n; i++)
		for (k = i; k > 0; k--) {
			json_t *p = json_array_get(a, k - 1), *c = json_array_get(a, k);
			int cmp = strcmp(str(p, "datum"), str(c, "datum"));
			if (cmp < 0 || (cmp == 0 && strcmp(str(p, "taakveld"), str(c, "taakveld")) <= 0))
				break;
			json_incref(p);
			json_array_set(a, k - 1, c);
			json_array_set_new(a, k, p);
		}
	return a;
}

/* The proeftuinen org is a member of during the period, with the balances. */
static json_t *hour_balances(struct store *s, const char *org, const char *van, const char *tot)
{
	json_t *list = urenbank_proeftuin_list(s), *a = json_array();
	size_t i;
	json_t *pt;
	json_array_foreach(list, i, pt)
	{
		const char *pv = str(pt, "van"), *pe = str(pt, "tot");
		if ((pv && strcmp(pv, tot) > 0) || (pe && strcmp(pe, van) < 0))
			continue;
		int member = 0;
		size_t k;
		json_t *l;
		json_array_foreach(json_object_get(pt, "leden"), k, l)
		{
			const char *code = json_is_string(l) ? json_string_value(l) : str(l, "organisatie");
			member |= code && !strcmp(code, org);
		}
		json_t *saldi = NULL;
		struct problem q;
		problem_init(&q);
		if (!member || urenbank_saldi(s, str(pt, "code"), &saldi, &q) < 0)
			continue;
		json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:o}", "code", json_object_get(pt, "code"), "naam",
				      json_object_get(pt, "naam"), "van", json_object_get(pt, "van"), "tot", json_object_get(pt, "tot"),
				      "tariefCenten", json_object_get(pt, "tariefCenten"), "kredietlimietMinuten",
				      json_object_get(pt, "kredietlimietMinuten"), "saldi", saldi);
		if (o)
			json_array_append_new(a, o);
	}
	json_decref(list);
	return a;
}

/* Counts the competences of a vulnerability list by status. */
static void count_status(json_t *rows, const char *key, long long *gaps, long long *single)
{
	size_t i;
	json_t *r;
	*gaps = *single = 0;
	json_array_foreach(rows, i, r)
	{
		const char *st = str(r, key) ? str(r, key) : "";
		*gaps += !strcmp(st, "ontbreekt");
		*single += !strcmp(st, "een-pitter");
	}
}

/* The vulnerability of org on tot from the kwaliteitskaart
 * (store/kwaliteitskaart.h), and the same five years on with the known
 * retirements: {"datum","competenties":[…],"projectie":{"jaar",
 * "ontbreekt","eenPitter"}}. Null when the organisation has no
 * kwaliteitskaart (no competence applies to it): the chapter is left out.
 * Substitutes are named by organisation only: the report is for the
 * council, not a staff list. */
static json_t *vulnerability(struct store *s, const char *org, const char *tot)
{
	int32_t day;
	json_t *now = NULL, *later = NULL;
	struct problem q;
	problem_init(&q);
	if (date_parse(tot, &day) < 0 || kwaliteitskaart_vulnerability(s, org, kwaliteitskaart_moment_date(day), 0, &now, &q) < 0)
		return json_null();
	if (!json_array_size(now)) {
		json_decref(now);
		return json_null();
	}
	json_t *rows = json_array(), *names = json_object(), *list = register_org_list(s);
	size_t i, k;
	json_t *r, *v;
	json_array_foreach(list, i, r) if (str(r, "code")) json_object_set(names, str(r, "code"), json_object_get(r, "naam"));
	json_decref(list);
	json_array_foreach(now, i, r)
	{
		json_t *orgs = json_array();
		json_array_foreach(json_object_get(r, "vervangers"), k, v)
		{
			json_t *code = json_object_get(v, "organisatie");
			json_t *o = json_is_string(code) && json_object_get(names, json_string_value(code))
					    ? json_object_get(names, json_string_value(code))
					    : code;
			int dup = 0;
			size_t j;
			json_t *x;
			json_array_foreach(orgs, j, x) dup |= json_equal(x, o);
			if (json_is_string(o) && !dup)
				json_array_append(orgs, o);
		}
		json_array_append_new(rows, json_pack("{s:O,s:O,s:O,s:O,s:O,s:I,s:o}", "competentie", json_object_get(r, "competentie"),
						      "naam", json_object_get(r, "naam"), "houders", json_object_get(r, "houders"),
						      "status", json_object_get(r, "status"), "statusMetVervangers",
						      json_object_get(r, "statusMetVervangers"), "vervangers",
						      (json_int_t)json_array_size(json_object_get(r, "vervangers")), "vervangersUit", orgs));
	}
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	long long gaps = 0, single = 0;
	problem_init(&q);
	if (kwaliteitskaart_vulnerability(s, org, kwaliteitskaart_moment_year(y + KWALITEITSKAART_PROJECTION_YEARS), 0, &later, &q) == 0)
		count_status(later, "status", &gaps, &single);
	json_decref(later);
	json_decref(now);
	json_decref(names);
	return json_pack("{s:s,s:o,s:{s:i,s:I,s:I}}", "datum", tot, "competenties", rows, "projectie", "jaar",
			 y + KWALITEITSKAART_PROJECTION_YEARS, "ontbreekt", (json_int_t)gaps, "eenPitter", (json_int_t)single);
}

int rapportage_build(struct store *s, const char *org, const char *van, const char *tot, json_t **doc, struct problem *p)
{
	json_t *d = NULL;
	int r = besturing_report_data(s, org, van, tot, &d, p);
	if (r < 0)
		return r;
	json_t *o = NULL;
	struct problem q;
	problem_init(&q);
	if (register_org_get(s, org, &o, &q) == 0) {
		json_t *me = json_object_get(d, "organisatie");
		json_object_set(me, "soort", json_object_get(o, "soort"));
		json_object_set(me, "inwoners", json_object_get(o, "inwoners"));
		json_decref(o);
	}
	size_t i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(d, "verbanden"), i, v)
	{
		json_object_set_new(v, "partners", partners_of(s, str(v, "code"), org, van, tot));
		json_array_foreach(json_object_get(v, "trajecten"), j, t) enrich_businesscase(s, t);
	}
	json_object_set_new(d, "wettelijkeDeadlines", legal_deadlines(json_object_get(d, "verbanden"), van));
	json_object_set_new(d, "urenbank", hour_balances(s, org, van, tot));
	json_object_set_new(d, "kwetsbaarheid", vulnerability(s, org, tot));
	*doc = d;
	return 0;
}

/* ---- one writer, two forms ------------------------------------------------------ */

struct w {
	struct buf *b;
	int md;
	int cells; /* Markdown: cells written in the current row */
};

static void w_txt(struct w *w, const char *text)
{
	if (w->md)
		rapportage_md_txt(w->b, text);
	else
		escape_html(w->b, text);
}

__attribute__((format(printf, 2, 3))) static void w_fmt(struct w *w, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	w_txt(w, tmp);
}

static void w_raw_html(struct w *w, const char *markup)
{
	if (!w->md)
		buf_adds(w->b, markup);
}

static void w_h(struct w *w, int level, const char *id, const char *text)
{
	if (w->md) {
		buf_addc(w->b, '\n');
		for (int i = 0; i < level; i++)
			buf_addc(w->b, '#');
		buf_addc(w->b, ' ');
		md_txt(w->b, text, 0); /* after the #s nothing can start a block */
		buf_adds(w->b, "\n\n");
		return;
	}
	buf_printf(w->b, "<h%d class=\"svz-h%d\"", level, level);
	if (id) {
		buf_adds(w->b, " id=\"");
		escape_html(w->b, id);
		buf_adds(w->b, "\"");
	}
	buf_adds(w->b, ">");
	escape_html(w->b, text);
	buf_printf(w->b, "</h%d>", level);
}

static void w_p(struct w *w, const char *cls)
{
	if (!w->md) {
		buf_adds(w->b, cls ? "<p class=\"" : "<p>");
		if (cls) {
			escape_html(w->b, cls);
			buf_adds(w->b, "\">");
		}
	}
}
static void w_p_end(struct w *w) { buf_adds(w->b, w->md ? "\n\n" : "</p>"); }
static void w_strong(struct w *w) { buf_adds(w->b, w->md ? "**" : "<strong>"); }
static void w_strong_end(struct w *w) { buf_adds(w->b, w->md ? "**" : "</strong>"); }
static void w_ul(struct w *w, const char *cls)
{
	if (!w->md) {
		buf_adds(w->b, "<ul class=\"");
		escape_html(w->b, cls ? cls : "svz-lijst");
		buf_adds(w->b, "\">");
	}
}
static void w_ul_end(struct w *w) { buf_adds(w->b, w->md ? "\n" : "</ul>"); }
static void w_li(struct w *w) { buf_adds(w->b, w->md ? "- " : "<li>"); }
static void w_li_end(struct w *w) { buf_adds(w->b, w->md ? "\n" : "</li>"); }

static void w_table(struct w *w, const char *caption, const char *const head[])
{
	if (w->md) {
		buf_adds(w->b, "*");
		rapportage_md_txt(w->b, caption);
		buf_adds(w->b, "*\n\n|");
		for (int i = 0; head[i]; i++) {
			buf_addc(w->b, ' ');
			rapportage_md_txt(w->b, head[i] + (head[i][0] == '#'));
			buf_adds(w->b, " |");
		}
		buf_adds(w->b, "\n|");
		for (int i = 0; head[i]; i++)
			buf_adds(w->b, head[i][0] == '#' ? " ---: |" : " --- |");
		buf_addc(w->b, '\n');
		return;
	}
	buf_adds(w->b, "<div class=\"svz-tabel-houder\"><table class=\"svz-tabel\"><caption>");
	escape_html(w->b, caption);
	buf_adds(w->b, "</caption><thead><tr>");
	for (int i = 0; head[i]; i++) {
		buf_adds(w->b, head[i][0] == '#' ? "<th scope=\"col\" class=\"svz-getal\">" : "<th scope=\"col\">");
		escape_html(w->b, head[i] + (head[i][0] == '#'));
		buf_adds(w->b, "</th>");
	}
	buf_adds(w->b, "</tr></thead><tbody>");
}
/* own: 1 the organisation's own row, 2 a late item, 0 neither. */
static void w_tr(struct w *w, int own)
{
	w->cells = 0;
	if (w->md)
		buf_adds(w->b, "|");
	else
		buf_adds(w->b, own == 1 ? "<tr class=\"svz-eigen\">" : own == 2 ? "<tr class=\"svz-laat\">" : "<tr>");
}
static void w_tr_end(struct w *w) { buf_adds(w->b, w->md ? "\n" : "</tr>"); }
/* A cell's start and end, for cells with more than one piece of text. */
static void w_cell(struct w *w, int kind) /* 0 td, 1 th (row header), 2 numeric td */
{
	if (w->md) {
		buf_addc(w->b, ' ');
		return;
	}
	buf_adds(w->b, kind == 1 ? "<th scope=\"row\">" : kind == 2 ? "<td class=\"svz-getal\">" : "<td>");
}
static void w_cell_end(struct w *w, int kind)
{
	w->cells++;
	buf_adds(w->b, w->md ? " |" : kind == 1 ? "</th>" : "</td>");
}
static void w_td(struct w *w, int kind, const char *text)
{
	w_cell(w, kind);
	w_txt(w, text);
	w_cell_end(w, kind);
}
static void w_table_end(struct w *w) { buf_adds(w->b, w->md ? "\n" : "</tbody></table></div>"); }

/* ---- pieces of text ---------------------------------------------------------------- */

static void date_txt(struct w *w, const char *iso)
{
	char d[40];
	nl_date(iso, d, sizeof(d));
	w_txt(w, d);
}

/* "A", "A en B", "A, B en C" of the strings in arr (or of key k of its objects). */
static void join_and(struct w *w, json_t *arr, const char *k)
{
	size_t n = json_array_size(arr), i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		if (i)
			w_txt(w, i + 1 == n ? " en " : ", ");
		w_txt(w, k ? str(x, k) : json_string_value(x));
	}
}

static const char *org_display(json_t *org, char *buf, size_t len)
{
	const char *soort = str(org, "soort"), *naam = str(org, "naam");
	if (soort && !strcmp(soort, "gemeente"))
		snprintf(buf, len, "Gemeente %s", naam ? naam : "");
	else
		snprintf(buf, len, "%s", naam ? naam : "");
	return buf;
}

static const char *plural(long long n, const char *one, const char *more) { return n == 1 ? one : more; }

static const char *outcome_label(const char *u)
{
	static const struct {
		const char *code, *label;
	} l[] = { { "go", "akkoord" },
		  { "no-go", "niet akkoord" },
		  { "uitstel", "uitgesteld" },
		  { "advies", "advies uitgebracht" },
		  { "kennisname", "ter kennisname" },
		  { NULL, NULL } };
	for (int i = 0; l[i].code; i++)
		if (u && !strcmp(u, l[i].code))
			return l[i].label;
	return u ? u : "";
}

static const char *phase_label(const char *f)
{
	return f && !strcmp(f, "beeindigd") ? "beëindigd" : f ? f : "";
}

/* The decisions grouped: the same subject, outcome, date and explanation
 * taken by several bodies (stuurgroep and burgemeesters, three colleges)
 * is one line. Returns a new array of {"datum","uitkomst","onderwerp",
 * "toelichting","organen":[{"orgaan","namen":[…]}]}. */
static json_t *group_decisions(json_t *decisions)
{
	json_t *groups = json_array();
	size_t i, k;
	json_t *d, *g;
	json_array_foreach(decisions, i, d)
	{
		json_t *found = NULL;
		json_array_foreach(groups, k, g) if (json_equal(json_object_get(g, "datum"), json_object_get(d, "datum")) &&
						     json_equal(json_object_get(g, "uitkomst"), json_object_get(d, "uitkomst")) &&
						     json_equal(json_object_get(g, "onderwerp"), json_object_get(d, "onderwerp")) &&
						     json_equal(json_object_get(g, "toelichting"), json_object_get(d, "toelichting")))
			found = g;
		if (!found) {
			found = json_pack("{s:O,s:O,s:O,s:O,s:[]}", "datum", json_object_get(d, "datum"), "uitkomst",
					  json_object_get(d, "uitkomst"), "onderwerp", json_object_get(d, "onderwerp"), "toelichting",
					  json_object_get(d, "toelichting"), "organen");
			json_array_append_new(groups, found);
		}
		json_t *organen = json_object_get(found, "organen"), *entry = NULL, *o;
		json_array_foreach(organen, k, o) if (!strcmp(str(o, "orgaan"), str(d, "orgaan"))) entry = o;
		if (!entry) {
			entry = json_pack("{s:s,s:[]}", "orgaan", str(d, "orgaan"), "namen");
			json_array_append_new(organen, entry);
		}
		if (str(d, "organisatieNaam"))
			json_array_append_new(json_object_get(entry, "namen"), json_string(str(d, "organisatieNaam")));
	}
	return groups;
}

/* "de stuurgroep en de burgemeesters", "de colleges van Dalfsen, Staphorst en Zwartewaterland". */
static void bodies(struct w *w, json_t *organen)
{
	size_t n = json_array_size(organen), i;
	json_t *o;
	json_array_foreach(organen, i, o)
	{
		if (i)
			w_txt(w, i + 1 == n ? " en " : ", ");
		const char *orgaan = str(o, "orgaan");
		json_t *namen = json_object_get(o, "namen");
		int many = json_array_size(namen) > 1;
		if (!strcmp(orgaan, "stuurgroep"))
			w_txt(w, "stuurgroep");
		else if (!strcmp(orgaan, "burgemeesters"))
			w_txt(w, "burgemeesters");
		else if (!strcmp(orgaan, "college"))
			w_txt(w, many ? "colleges" : "college");
		else if (!strcmp(orgaan, "or"))
			w_txt(w, many ? "ondernemingsraden" : "ondernemingsraad");
		else if (!strcmp(orgaan, "raad"))
			w_txt(w, many ? "gemeenteraden" : "gemeenteraad");
		else
			w_txt(w, orgaan);
		if (json_array_size(namen)) {
			w_txt(w, " van ");
			join_and(w, namen, NULL);
		}
	}
}

static size_t decisions_block(struct w *w, json_t *decisions, int level)
{
	json_t *groups = group_decisions(decisions);
	size_t n = json_array_size(groups), i;
	json_t *g;
	if (n) {
		w_h(w, level, NULL, "Besluiten");
		w_ul(w, "svz-lijst svz-besluiten");
		json_array_foreach(groups, i, g)
		{
			w_li(w);
			w_strong(w);
			date_txt(w, str(g, "datum"));
			w_txt(w, ", ");
			bodies(w, json_object_get(g, "organen"));
			w_txt(w, ": ");
			w_txt(w, outcome_label(str(g, "uitkomst")));
			w_strong_end(w);
			if (str(g, "onderwerp")) {
				w_txt(w, " — ");
				w_txt(w, str(g, "onderwerp"));
				w_txt(w, ".");
			}
			if (str(g, "toelichting")) {
				w_txt(w, " ");
				w_txt(w, str(g, "toelichting"));
			}
			w_li_end(w);
		}
		w_ul_end(w);
	}
	json_decref(groups);
	return n;
}

static size_t count_groups(json_t *decisions)
{
	json_t *g = group_decisions(decisions);
	size_t n = json_array_size(g);
	json_decref(g);
	return n;
}

static void ms_title(struct w *w, json_t *m)
{
	w_strong(w);
	w_txt(w, str(m, "titel"));
	w_strong_end(w);
	if (str(m, "verantwoordelijke")) {
		w_txt(w, " (");
		w_txt(w, str(m, "verantwoordelijke"));
		w_txt(w, ")");
	}
}

static void ms_postponements(struct w *w, json_t *m, const char *van, const char *tot, int only_in_period)
{
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(m, "uitstel"), i, u)
	{
		const char *dat = str(u, "datum");
		int in = dat && strcmp(dat, van) >= 0 && strcmp(dat, tot) <= 0;
		if (only_in_period && !in)
			continue;
		w_txt(w, in ? " Uitgesteld van " : " Eerder uitgesteld van ");
		date_txt(w, str(u, "oudeDeadline"));
		w_txt(w, " naar ");
		w_strong(w);
		date_txt(w, str(u, "nieuweDeadline"));
		w_strong_end(w);
		if (dat) {
			w_txt(w, " (vastgelegd ");
			date_txt(w, dat);
			w_txt(w, ")");
		}
		w_txt(w, ". Reden: ");
		w_txt(w, str(u, "reden"));
	}
}

static int has_postponement_in(json_t *m, const char *van, const char *tot)
{
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(m, "uitstel"), i, u)
	{
		const char *d = str(u, "datum");
		if (d && strcmp(d, van) >= 0 && strcmp(d, tot) <= 0)
			return 1;
	}
	return 0;
}

static void late_state(struct w *w, json_t *m, const char *tot)
{
	w_txt(w, " Op ");
	date_txt(w, tot);
	w_fmt(w, " nog niet gereed: %lld %s na de deadline van ", num(m, "dagenTeLaat"),
	      plural(num(m, "dagenTeLaat"), "dag", "dagen"));
	date_txt(w, str(m, "deadline"));
	w_txt(w, ".");
}

static void done_state(struct w *w, json_t *m)
{
	json_t *g = json_object_get(m, "gereed");
	w_txt(w, " Gereed op ");
	date_txt(w, str(g, "datum"));
	if (strcmp(str(g, "datum") ? str(g, "datum") : "", str(m, "deadline") ? str(m, "deadline") : "") > 0) {
		w_txt(w, ", na de deadline van ");
		date_txt(w, str(m, "deadline"));
	}
	w_txt(w, ".");
	if (str(g, "toelichting")) {
		w_txt(w, " ");
		w_txt(w, str(g, "toelichting"));
	}
}

static int in_array_by_id(json_t *arr, json_t *m)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) if (num(x, "id") == num(m, "id")) return 1;
	return 0;
}

struct rapportage_ctx {
	json_t *doc;
	const char *van, *tot, *org, *org_name;
};

static void milestones_block(struct w *w, const struct rapportage_ctx *c, json_t *ms)
{
	json_t *gehaald = json_object_get(ms, "gehaald"), *laat_gereed = json_object_get(ms, "gereedTeLaat"),
	       *te_laat = json_object_get(ms, "teLaat"), *uitgesteld = json_object_get(ms, "uitgesteld"),
	       *komend = json_object_get(ms, "komend");
	size_t i;
	json_t *m;
	if (json_array_size(gehaald)) {
		w_h(w, 5, NULL, "Mijlpalen gehaald");
		w_ul(w, NULL);
		json_array_foreach(gehaald, i, m)
		{
			w_li(w);
			ms_title(w, m);
			w_txt(w, ".");
			done_state(w, m);
			w_li_end(w);
		}
		w_ul_end(w);
	}
	/* Delays: postponed in the period, late, or done late; each milestone once. */
	json_t *delays = json_array();
	json_array_foreach(uitgesteld, i, m) json_array_append(delays, m);
	json_array_foreach(te_laat, i, m) if (!in_array_by_id(delays, m)) json_array_append(delays, m);
	json_array_foreach(laat_gereed, i, m) if (!in_array_by_id(delays, m)) json_array_append(delays, m);
	if (json_array_size(delays)) {
		w_h(w, 5, NULL, "Vertraagd of uitgesteld");
		w_ul(w, "svz-lijst svz-vertraging");
		json_array_foreach(delays, i, m)
		{
			const char *status = str(m, "status");
			w_li(w);
			ms_title(w, m);
			w_txt(w, ".");
			if (str(m, "omschrijving")) {
				w_txt(w, " ");
				w_txt(w, str(m, "omschrijving"));
			}
			ms_postponements(w, m, c->van, c->tot, 0);
			if (!strcmp(status, "te-laat"))
				late_state(w, m, c->tot);
			else if (!strcmp(status, "gereed") || !strcmp(status, "gereed-te-laat"))
				done_state(w, m);
			else if (has_postponement_in(m, c->van, c->tot)) {
				w_txt(w, " Nieuwe deadline: ");
				date_txt(w, str(m, "deadline"));
				w_txt(w, ".");
			}
			w_li_end(w);
		}
		w_ul_end(w);
	}
	json_decref(delays);
	int any = 0;
	json_array_foreach(komend, i, m) any |= !in_array_by_id(uitgesteld, m);
	if (any) {
		w_h(w, 5, NULL, "Wat komt");
		w_ul(w, NULL);
		json_array_foreach(komend, i, m)
		{
			if (in_array_by_id(uitgesteld, m))
				continue;
			w_li(w);
			ms_title(w, m);
			w_txt(w, ": uiterlijk ");
			date_txt(w, str(m, "deadline"));
			w_txt(w, ".");
			if (str(m, "omschrijving")) {
				w_txt(w, " ");
				w_txt(w, str(m, "omschrijving"));
			}
			w_li_end(w);
		}
		w_ul_end(w);
	}
}

static void euro_cell(struct w *w, long long cents)
{
	char e[48];
	nl_euro(cents, e, sizeof(e));
	w_td(w, 2, e);
}

static void businesscase_block(struct w *w, const struct rapportage_ctx *c, json_t *t, json_t *bc)
{
	long long years = num(bc, "periodeJaren");
	int pays = !strcmp(str(bc, "oordeel") ? str(bc, "oordeel") : "", "verdient-zich-terug");
	w_h(w, 5, NULL, "Businesscase");
	w_p(w, NULL);
	w_txt(w, "Oordeel: ");
	w_strong(w);
	w_fmt(w, pays ? "verdient zich terug binnen %lld jaar" : "verdient zich niet terug binnen %lld jaar", years);
	w_strong_end(w);
	w_txt(w, ".");
	json_t *own = json_object_get(bc, "organisatie");
	if (json_is_object(own) && years > 0) {
		long long net = num(own, "nettoCenten");
		char total[48], per_year[48];
		nl_euro(net < 0 ? -net : net, total, sizeof(total));
		nl_euro((net < 0 ? -net : net) / years, per_year, sizeof(per_year));
		w_fmt(w, " Voor %s betekent dit %s %s over %lld jaar, gemiddeld %s per jaar", c->org_name, total,
		      net < 0 ? "extra kosten" : "voordeel", years, per_year);
		json_t *ty = json_object_get(own, "terugverdienjaar");
		if (json_is_integer(ty))
			w_fmt(w, "; terugverdiend in jaar %lld", (long long)json_integer_value(ty));
		w_txt(w, ".");
	}
	if (str(bc, "toelichting")) {
		w_txt(w, " ");
		w_txt(w, str(bc, "toelichting"));
	}
	w_p_end(w);
	json_t *rows = json_object_get(bc, "perOrganisatie");
	if (!json_array_size(rows))
		return;
	char cap[400], netto_head[64];
	snprintf(cap, sizeof(cap), "Businesscase %s per organisatie over %lld jaar%s", str(t, "taakveldNaam"), years,
		 num(bc, "discontoPromille") ? " (netto contante waarde met disconto)" : "");
	snprintf(netto_head, sizeof(netto_head), "#Netto over %lld jaar", years);
	const char *const head[] = { "Organisatie", "#Investering", "#Kosten", "#Besparing", netto_head, "#Gemiddeld per jaar",
				     "Terugverdiend", NULL };
	w_table(w, cap, head);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		int mine = str(r, "organisatie") && !strcmp(str(r, "organisatie"), c->org);
		w_tr(w, mine);
		w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "organisatie"));
		euro_cell(w, num(r, "investeringCenten"));
		euro_cell(w, num(r, "kostenCenten"));
		euro_cell(w, num(r, "besparingCenten"));
		euro_cell(w, num(r, "nettoCenten"));
		euro_cell(w, years ? num(r, "nettoCenten") / years : 0);
		json_t *ty = json_object_get(r, "terugverdienjaar");
		char tv[48];
		if (json_is_integer(ty))
			snprintf(tv, sizeof(tv), "in jaar %lld", (long long)json_integer_value(ty));
		else
			snprintf(tv, sizeof(tv), "niet binnen %lld jaar", years);
		w_td(w, 0, tv);
		w_tr_end(w);
	}
	w_table_end(w);
}

static int traject_active(json_t *t)
{
	json_t *ms = json_object_get(t, "mijlpalen");
	const char *const buckets[] = { "gehaald", "gereedTeLaat", "teLaat", "uitgesteld", "komend", NULL };
	for (int i = 0; buckets[i]; i++)
		if (json_array_size(json_object_get(ms, buckets[i])))
			return 1;
	return json_array_size(json_object_get(t, "besluiten")) || json_is_object(json_object_get(t, "businesscase"));
}

static int verband_active(json_t *v)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(v, "trajecten"), i, t) if (traject_active(t)) return 1;
	return json_array_size(json_object_get(v, "besluiten")) || json_array_size(json_object_get(v, "verkenningen")) ||
	       json_array_size(json_object_get(v, "scoringen"));
}

static void roles_line(struct w *w, json_t *roles)
{
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		w_txt(w, i ? "; " : "");
		w_txt(w, str(r, "rol"));
		w_txt(w, ": ");
		w_txt(w, str(r, "naam"));
		if (str(r, "organisatieNaam") && !strstr(str(r, "naam"), str(r, "organisatieNaam"))) {
			w_txt(w, " (");
			w_txt(w, str(r, "organisatieNaam"));
			w_txt(w, ")");
		}
	}
}

static void traject_section(struct w *w, const struct rapportage_ctx *c, json_t *t)
{
	char id[64];
	snprintf(id, sizeof(id), "svz-traject-%lld", num(t, "id"));
	w_raw_html(w, "<section class=\"svz-traject\">");
	w_h(w, 4, id, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
	w_p(w, "svz-meta");
	w_txt(w, "Fase: ");
	w_txt(w, phase_label(str(t, "fase")));
	if (str(t, "eigenaar")) {
		w_txt(w, " · eigenaar: ");
		w_txt(w, str(t, "eigenaar"));
	}
	if (str(t, "wettelijkeDeadline")) {
		w_txt(w, " · wettelijke deadline: ");
		date_txt(w, str(t, "wettelijkeDeadline"));
	}
	if (json_array_size(json_object_get(t, "rollen"))) {
		w_txt(w, " · ");
		roles_line(w, json_object_get(t, "rollen"));
	}
	w_p_end(w);
	decisions_block(w, json_object_get(t, "besluiten"), 5);
	milestones_block(w, c, json_object_get(t, "mijlpalen"));
	json_t *bc = json_object_get(t, "businesscase");
	if (json_is_object(bc))
		businesscase_block(w, c, t, bc);
	w_raw_html(w, "</section>");
}

/* "Brandweer (implementatie, wettelijke deadline 1 januari 2014)". */
static void traject_brief(struct w *w, json_t *t)
{
	w_txt(w, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
	w_txt(w, " (");
	if (json_is_true(json_object_get(t, "gepland"))) {
		w_txt(w, "gepland vanaf ");
		date_txt(w, str(t, "start"));
		w_txt(w, ", ");
	}
	w_txt(w, phase_label(str(t, "fase")));
	if (str(t, "wettelijkeDeadline")) {
		w_txt(w, ", wettelijke deadline ");
		date_txt(w, str(t, "wettelijkeDeadline"));
	}
	w_txt(w, ")");
}

static void survey_block(struct w *w, json_t *k)
{
	w_h(w, 5, NULL, "Verkenning");
	w_p(w, NULL);
	w_strong(w);
	w_txt(w, str(k, "naam"));
	w_strong_end(w);
	w_txt(w, " (");
	date_txt(w, str(k, "datum"));
	w_txt(w, ").");
	json_t *keuze = json_object_get(k, "keuze");
	size_t i, n = 0;
	json_t *r;
	json_array_foreach(json_object_get(k, "uitslag"), i, r) n += json_is_true(json_object_get(r, "gekozen"));
	if (n) {
		w_fmt(w, " Gekozen (%zu): ", n);
		size_t k2 = 0;
		json_array_foreach(json_object_get(k, "uitslag"), i, r)
		{
			if (!json_is_true(json_object_get(r, "gekozen")))
				continue;
			w_txt(w, k2 ? (k2 + 1 == n ? " en " : ", ") : "");
			w_txt(w, str(r, "naam"));
			k2++;
		}
		w_txt(w, ".");
	}
	if (json_is_object(keuze) && str(keuze, "toelichting")) {
		w_txt(w, " ");
		w_txt(w, str(keuze, "toelichting"));
	}
	w_p_end(w);
}

static void scoring_block(struct w *w, json_t *sc)
{
	static const char *const tiers[] = { "zeer-kansrijk", "kansrijk", "kansrijk-op-termijn", "niet-kansrijk", NULL };
	static const char *const tier_names[] = { "zeer kansrijk", "kansrijk", "kansrijk op termijn", "niet kansrijk" };
	w_h(w, 5, NULL, "Scoring van taakvelden");
	w_p(w, NULL);
	w_strong(w);
	w_txt(w, str(sc, "naam"));
	w_strong_end(w);
	w_txt(w, " (");
	date_txt(w, str(sc, "datum"));
	w_txt(w, ").");
	w_p_end(w);
	w_ul(w, NULL);
	for (int k = 0; tiers[k]; k++) {
		size_t i, n = 0, j = 0;
		json_t *r;
		json_array_foreach(json_object_get(sc, "uitslag"), i, r) n += !strcmp(str(r, "klasse"), tiers[k]);
		if (!n)
			continue;
		w_li(w);
		w_strong(w);
		w_txt(w, tier_names[k]);
		w_strong_end(w);
		w_txt(w, ": ");
		json_array_foreach(json_object_get(sc, "uitslag"), i, r)
		{
			if (strcmp(str(r, "klasse"), tiers[k]))
				continue;
			w_txt(w, j++ ? ", " : "");
			w_txt(w, str(r, "naam"));
			if (str(r, "eigenaar")) {
				w_txt(w, " (eigenaar ");
				w_txt(w, str(r, "eigenaar"));
				w_txt(w, ")");
			}
		}
		w_li_end(w);
	}
	w_ul_end(w);
}

/* ---- chapters ----------------------------------------------------------------------- */

struct chapter {
	const char *id, *title;
};

static void intro(struct w *w, const struct rapportage_ctx *c, int nr)
{
	json_t *doc = c->doc;
	char h[80];
	snprintf(h, sizeof(h), "%d. Inleiding", nr);
	w_h(w, 2, "svz-inleiding", h);
	size_t nv = 0, nt = 0, i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v)
	{
		nv++;
		json_array_foreach(json_object_get(v, "trajecten"), j, t) nt++;
	}
	w_p(w, NULL);
	w_txt(w, "Deze notitie geeft de stand van zaken van de bestuurlijke samenwerking van ");
	w_txt(w, c->org_name);
	w_txt(w, " over de periode van ");
	date_txt(w, c->van);
	w_txt(w, " tot en met ");
	date_txt(w, c->tot);
	w_fmt(w, ". %s neemt in die periode deel aan %zu %s met samen %zu %s. ", c->org_name, nv,
	      plural((long long)nv, "samenwerkingsverband", "samenwerkingsverbanden"), nt, plural((long long)nt, "traject", "trajecten"));
	w_txt(w, "Per verband en traject staat hieronder wat er veranderde: de besluiten, de gehaalde mijlpalen, wat "
		 "vertraging opliep of werd uitgesteld (met de reden en de nieuwe datum) en wat er komt.");
	w_p_end(w);
}

static void partners_chapter(struct w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Samenwerkingspartners", nr);
	w_h(w, 2, "svz-partners", h);
	json_t *verbanden = json_object_get(c->doc, "verbanden");
	if (!json_array_size(verbanden)) {
		w_p(w, NULL);
		w_fmt(w, "%s was in deze periode geen lid van een samenwerkingsverband.", c->org_name);
		w_p_end(w);
		return;
	}
	char cap[300];
	snprintf(cap, sizeof(cap), "Samenwerkingsverbanden van %s", c->org_name);
	const char *const head[] = { "Verband", "Rol", "Partners", "Taakvelden", NULL };
	w_table(w, cap, head);
	size_t i, j;
	json_t *v, *t;
	json_array_foreach(verbanden, i, v)
	{
		w_tr(w, 0);
		w_td(w, 1, str(v, "naam"));
		w_td(w, 0, str(v, "rol"));
		w_cell(w, 0);
		json_t *partners = json_object_get(v, "partners");
		if (json_array_size(partners))
			join_and(w, partners, "naam");
		else
			w_txt(w, "—");
		w_cell_end(w, 0);
		w_cell(w, 0);
		json_t *tr = json_object_get(v, "trajecten");
		json_array_foreach(tr, j, t)
		{
			w_txt(w, j ? ", " : "");
			w_txt(w, str(t, "taakveldNaam"));
		}
		if (!json_array_size(tr))
			w_txt(w, "—");
		w_cell_end(w, 0);
		w_tr_end(w);
	}
	w_table_end(w);

	json_t *received = json_object_get(c->doc, "meldingen"), *sent = json_object_get(c->doc, "gemeld");
	if (json_array_size(received) || json_array_size(sent)) {
		w_h(w, 3, NULL, "Samenwerking buiten het verband (schaken op meerdere borden)");
		w_p(w, NULL);
		w_txt(w, "Partners melden elkaar wanneer zij op een taakveld van het verband ook met anderen samenwerken.");
		w_p_end(w);
		w_ul(w, NULL);
		json_t *m;
		json_array_foreach(sent, i, m)
		{
			w_li(w);
			w_strong(w);
			w_txt(w, "Gemeld aan de partners, ");
			date_txt(w, str(m, "datum"));
			w_txt(w, ":");
			w_strong_end(w);
			w_txt(w, " ");
			w_txt(w, str(m, "tekst"));
			w_li_end(w);
		}
		json_array_foreach(received, i, m)
		{
			w_li(w);
			w_strong(w);
			w_txt(w, "Ontvangen, ");
			date_txt(w, str(m, "datum"));
			w_txt(w, ":");
			w_strong_end(w);
			w_txt(w, " ");
			w_txt(w, str(m, "tekst"));
			w_li_end(w);
		}
		w_ul_end(w);
	}
}

static void developments_chapter(struct w *w, const struct rapportage_ctx *c, int nr)
{
	char h[300];
	snprintf(h, sizeof(h), "%d. Ontwikkelingen per samenwerkingsverband", nr);
	w_h(w, 2, "svz-ontwikkelingen", h);
	json_t *verbanden = json_object_get(c->doc, "verbanden");
	size_t i, j, sub = 0;
	json_t *v, *t;
	json_array_foreach(verbanden, i, v)
	{
		if (!verband_active(v))
			continue;
		char id[80];
		snprintf(id, sizeof(id), "svz-verband-%s", str(v, "code"));
		snprintf(h, sizeof(h), "%d.%zu %s", nr, ++sub, str(v, "naam"));
		w_raw_html(w, "<section class=\"svz-verband\">");
		w_h(w, 3, id, h);
		if (json_array_size(json_object_get(v, "rollen"))) {
			w_p(w, "svz-meta");
			roles_line(w, json_object_get(v, "rollen"));
			w_p_end(w);
		}
		decisions_block(w, json_object_get(v, "besluiten"), 4);
		json_t *x;
		json_array_foreach(json_object_get(v, "verkenningen"), j, x) survey_block(w, x);
		json_array_foreach(json_object_get(v, "scoringen"), j, x) scoring_block(w, x);
		json_array_foreach(json_object_get(v, "trajecten"), j, t) if (traject_active(t)) traject_section(w, c, t);
		int quiet = 0;
		json_array_foreach(json_object_get(v, "trajecten"), j, t) quiet += !traject_active(t);
		if (quiet) {
			w_p(w, "svz-overig");
			w_txt(w, "Zonder besluiten of mijlpalen in deze periode: ");
			int k = 0;
			json_array_foreach(json_object_get(v, "trajecten"), j, t)
			{
				if (traject_active(t))
					continue;
				w_txt(w, k++ ? "; " : "");
				traject_brief(w, t);
			}
			w_txt(w, ".");
			w_p_end(w);
		}
		w_raw_html(w, "</section>");
	}
	int quiet = 0;
	json_array_foreach(verbanden, i, v) quiet += !verband_active(v);
	if (!quiet)
		return;
	snprintf(h, sizeof(h), "%d.%zu Overige verbanden", nr, ++sub);
	w_h(w, 3, "svz-verband-overig", h);
	w_p(w, NULL);
	w_txt(w, "In deze verbanden zijn in de periode geen besluiten genomen en geen mijlpalen gehaald of verschoven.");
	w_p_end(w);
	w_ul(w, NULL);
	json_array_foreach(verbanden, i, v)
	{
		if (verband_active(v))
			continue;
		w_li(w);
		w_strong(w);
		w_txt(w, str(v, "naam"));
		w_strong_end(w);
		if (!strcmp(str(v, "rol"), "toehoorder")) {
			w_txt(w, " — ");
			w_txt(w, c->org_name);
			w_txt(w, " volgt dit verband als toehoorder.");
		}
		json_t *tr = json_object_get(v, "trajecten");
		if (json_array_size(tr)) {
			w_txt(w, " — ");
			json_array_foreach(tr, j, t)
			{
				w_txt(w, j ? "; " : "");
				traject_brief(w, t);
			}
			w_txt(w, ".");
		}
		w_li_end(w);
	}
	w_ul_end(w);
}

/* ---- planning: the timeline and the table of what comes -------------------------------- */

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
	json_array_foreach(json_object_get(doc, "verbanden"), i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
	{
		cap += 1;
		for (int b = 0; buckets[b]; b++)
			cap += json_array_size(json_object_get(json_object_get(t, "mijlpalen"), buckets[b]));
	}
	cap += json_array_size(json_object_get(doc, "wettelijkeDeadlines"));
	pb->rows = calloc(cap, sizeof(*pb->rows));
	pb->markers = calloc(cap, sizeof(*pb->markers));
	if (!pb->rows || !pb->markers)
		return;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
	{
		size_t first = pb->nmarkers;
		json_t *seen = json_array();
		for (int b = 0; buckets[b]; b++)
			json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), buckets[b]), k, m)
			{
				if (in_array_by_id(seen, m))
					continue;
				json_array_append(seen, m);
				struct plan_marker *pm = &pb->markers[pb->nmarkers++];
				enum plan_kind kind = kind_of(str(m, "status"));
				int32_t day = DATE_NONE;
				const char *when = kind == PLAN_DONE || kind == PLAN_DONE_LATE ? str(json_object_get(m, "gereed"), "datum")
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
	json_array_foreach(json_object_get(doc, "wettelijkeDeadlines"), i, m)
	{
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

static void timeline(struct w *w, const struct rapportage_ctx *c)
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
			 pb.nrows, plural((long long)pb.nrows, "rij", "rijen"), d1, d2, pb.done, pb.late, pb.open, pb.moved);
		struct plan_chart chart = { "svz-planning", title, desc, from, to, pb.rows, pb.nrows, 0 };
		w_raw_html(w, "<figure class=\"svz-figuur\">");
		if (!w->md)
			besturing_tijdlijn_write(w->b, &chart);
		w_raw_html(w, "<figcaption>");
		if (!w->md) {
			w_txt(w, "Figuur: ");
			w_txt(w, title);
			w_txt(w, ". Een driehoek is te laat, een gevulde cirkel gereed, een open cirkel komt nog; een stippellijn "
				 "loopt van de oude naar de nieuwe deadline.");
		}
		w_raw_html(w, "</figcaption></figure>");
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

static void planning_chapter(struct w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Planning", nr);
	w_h(w, 2, "svz-planning-kop", h);
	timeline(w, c);
	size_t cap = json_array_size(json_object_get(c->doc, "wettelijkeDeadlines")) + 1, n = 0, i, j, k;
	json_t *v, *t, *m;
	json_array_foreach(json_object_get(c->doc, "verbanden"), i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
		cap += json_array_size(json_object_get(json_object_get(t, "mijlpalen"), "teLaat")) +
		       json_array_size(json_object_get(json_object_get(t, "mijlpalen"), "komend"));
	struct coming *rows = calloc(cap, sizeof(*rows));
	if (!rows)
		return;
	json_array_foreach(json_object_get(c->doc, "verbanden"), i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
	{
		json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), "teLaat"), k, m)
			rows[n++] = (struct coming){ str(m, "deadline"), str(t, "taakveldNaam"), str(m, "titel"), "te laat", m };
		json_array_foreach(json_object_get(json_object_get(t, "mijlpalen"), "komend"), k, m)
			rows[n++] = (struct coming){ str(m, "deadline"), str(t, "taakveldNaam"), str(m, "titel"),
						     json_array_size(json_object_get(m, "uitstel")) ? "uitgesteld" : "gepland", m };
	}
	json_array_foreach(json_object_get(c->doc, "wettelijkeDeadlines"), i, m)
		rows[n++] = (struct coming){ str(m, "datum"), str(m, "taakveldNaam"), "Wettelijke deadline", "wettelijk", NULL };
	for (i = 0; i < n; i++)
		if (!rows[i].date || !rows[i].traject || !rows[i].what)
			rows[i].date = rows[i].date ? rows[i].date : "", rows[i].traject = rows[i].traject ? rows[i].traject : "",
			rows[i].what = rows[i].what ? rows[i].what : "";
	qsort(rows, n, sizeof(*rows), coming_cmp);
	w_p(w, NULL);
	if (n) {
		w_txt(w, "Wat nog openstaat op ");
		date_txt(w, c->tot);
		w_txt(w, ", en de wettelijke deadlines.");
	} else {
		w_txt(w, "Er staan geen mijlpalen of wettelijke deadlines open.");
	}
	w_p_end(w);
	if (n) {
		char cap2[300];
		snprintf(cap2, sizeof(cap2), "Openstaande mijlpalen en deadlines van %s", c->org_name);
		const char *const head[] = { "Datum", "Traject", "Mijlpaal", "Stand", NULL };
		w_table(w, cap2, head);
		for (i = 0; i < n; i++) {
			char d[40];
			nl_date(rows[i].date, d, sizeof(d));
			w_tr(w, !strcmp(rows[i].state, "te laat") ? 2 : 0);
			w_td(w, 1, d);
			w_td(w, 0, rows[i].traject);
			w_td(w, 0, rows[i].what);
			w_cell(w, 0);
			if (!strcmp(rows[i].state, "te laat")) {
				w_strong(w);
				w_fmt(w, "te laat (%lld %s)", num(rows[i].m, "dagenTeLaat"),
				      plural(num(rows[i].m, "dagenTeLaat"), "dag", "dagen"));
				w_strong_end(w);
			} else if (!strcmp(rows[i].state, "uitgesteld")) {
				w_txt(w, "uitgesteld, was ");
				date_txt(w, str(rows[i].m, "oorspronkelijkeDeadline"));
			} else if (!strcmp(rows[i].state, "wettelijk")) {
				w_txt(w, "wettelijke verplichting");
			} else {
				w_txt(w, "gepland");
			}
			w_cell_end(w, 0);
			w_tr_end(w);
		}
		w_table_end(w);
	}
	free(rows);
}

static void hours_chapter(struct w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Urenbank", nr);
	w_h(w, 2, "svz-urenbank", h);
	w_p(w, NULL);
	w_fmt(w, "%s wisselt uren uit in een proeftuin: wat de ene gemeente brengt, kan de andere halen (uren voor uren). "
		 "De saldi zijn de stand bij het opstellen van dit rapport.",
	      c->org_name);
	w_p_end(w);
	size_t i, k;
	json_t *pt, *r;
	json_array_foreach(json_object_get(c->doc, "urenbank"), i, pt)
	{
		json_t *own = NULL;
		json_array_foreach(json_object_get(pt, "saldi"), k, r) if (!strcmp(str(r, "organisatie"), c->org)) own = r;
		w_h(w, 3, NULL, str(pt, "naam"));
		w_p(w, NULL);
		w_txt(w, "Periode ");
		date_txt(w, str(pt, "van"));
		w_txt(w, " tot en met ");
		date_txt(w, str(pt, "tot"));
		w_txt(w, ".");
		if (own) {
			char sal[NL_TEXT_LEN], gebr[NL_TEXT_LEN], geh[NL_TEXT_LEN], best[NL_TEXT_LEN];
			nl_hours(num(own, "saldoMinuten"), 0, sal, sizeof(sal));
			nl_hours(num(own, "gebrachtMinuten"), 0, gebr, sizeof(gebr));
			nl_hours(num(own, "gehaaldMinuten"), 0, geh, sizeof(geh));
			nl_hours(num(own, "beschikbaarMinuten"), 0, best, sizeof(best));
			w_fmt(w, " Saldo van %s: ", c->org_name);
			w_strong(w);
			w_txt(w, sal);
			w_strong_end(w);
			w_fmt(w, " (gebracht %s, gehaald %s); nog te besteden binnen de kredietlimiet: %s.", gebr, geh, best);
		}
		w_p_end(w);
		char cap[300];
		snprintf(cap, sizeof(cap), "Saldi in %s", str(pt, "naam"));
		const char *const head[] = { "Organisatie", "#Gebracht", "#Gehaald", "#Gestort", "#Saldo", "#Beschikbaar", NULL };
		w_table(w, cap, head);
		json_array_foreach(json_object_get(pt, "saldi"), k, r)
		{
			char t1[NL_TEXT_LEN];
			w_tr(w, r == own);
			w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "organisatie"));
			const char *const cols[] = { "gebrachtMinuten", "gehaaldMinuten", "gestortMinuten", "saldoMinuten",
						     "beschikbaarMinuten", NULL };
			for (int x = 0; cols[x]; x++) {
				nl_hours(num(r, cols[x]), 0, t1, sizeof(t1));
				w_td(w, 2, t1);
			}
			w_tr_end(w);
		}
		w_table_end(w);
	}
}

static void vulnerability_chapter(struct w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Kwetsbaarheid", nr);
	w_h(w, 2, "svz-kwetsbaarheid", h);
	json_t *k = json_object_get(c->doc, "kwetsbaarheid"), *rows = json_object_get(k, "competenties");
	json_t *proj = json_object_get(k, "projectie");
	long long gaps, single;
	count_status(rows, "status", &gaps, &single);
	w_p(w, NULL);
	w_fmt(w, "Volgens de kwaliteitskaart heeft %s op ", c->org_name);
	date_txt(w, str(k, "datum"));
	w_fmt(w, " %lld %s waarin niemand ervaren of expert is en %lld %s met één houder (één-pitter), van %zu "
		 "competenties. ",
	      gaps, plural(gaps, "competentie", "competenties"), single, plural(single, "competentie", "competenties"),
	      json_array_size(rows));
	w_fmt(w, "In %lld, met de bekende pensioneringen, zijn dat er %lld zonder houder en %lld met één houder.",
	      num(proj, "jaar"), num(proj, "ontbreekt"), num(proj, "eenPitter"));
	w_p_end(w);
	if (!gaps && !single)
		return;
	char cap[300];
	snprintf(cap, sizeof(cap), "Kwetsbare competenties van %s", c->org_name);
	const char *const head[] = { "Competentie", "#Houders", "Stand", "Vervanging door partners", NULL };
	w_table(w, cap, head);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *status = str(r, "status") ? str(r, "status") : "";
		if (strcmp(status, "ontbreekt") && strcmp(status, "een-pitter"))
			continue;
		char n[32];
		snprintf(n, sizeof(n), "%lld", num(r, "houders"));
		w_tr(w, 0);
		w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "competentie"));
		w_td(w, 2, n);
		w_td(w, 0, !strcmp(status, "ontbreekt") ? "ontbreekt" : "één-pitter");
		w_cell(w, 0);
		if (num(r, "vervangers")) {
			w_fmt(w, "%lld %s uit ", num(r, "vervangers"), plural(num(r, "vervangers"), "vervanger", "vervangers"));
			join_and(w, json_object_get(r, "vervangersUit"), NULL);
		} else {
			w_txt(w, "niet geregeld");
		}
		w_cell_end(w, 0);
		w_tr_end(w);
	}
	w_table_end(w);
}

/* ---- the whole report -------------------------------------------------------------------- */

static void summary(struct w *w, const struct rapportage_ctx *c)
{
	json_t *doc = c->doc;
	size_t besluiten = 0, gehaald = 0, uitgesteld = 0, te_laat = 0, komend = 0, i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v)
	{
		besluiten += count_groups(json_object_get(v, "besluiten"));
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
		{
			json_t *ms = json_object_get(t, "mijlpalen");
			besluiten += count_groups(json_object_get(t, "besluiten"));
			gehaald += json_array_size(json_object_get(ms, "gehaald")) + json_array_size(json_object_get(ms, "gereedTeLaat"));
			uitgesteld += json_array_size(json_object_get(ms, "uitgesteld"));
			te_laat += json_array_size(json_object_get(ms, "teLaat"));
			komend += json_array_size(json_object_get(ms, "komend"));
		}
	}
	w_raw_html(w, "<section class=\"svz-kort\" aria-labelledby=\"svz-kort-kop\">");
	w_h(w, 2, "svz-kort-kop", "In het kort");
	w_ul(w, NULL);
	w_li(w);
	w_fmt(w, "%zu %s genomen", besluiten, plural((long long)besluiten, "besluit", "besluiten"));
	w_li_end(w);
	w_li(w);
	w_fmt(w, "%zu %s gehaald", gehaald, plural((long long)gehaald, "mijlpaal", "mijlpalen"));
	w_li_end(w);
	w_li(w);
	w_fmt(w, "%zu %s uitgesteld, met reden en nieuwe datum", uitgesteld, plural((long long)uitgesteld, "mijlpaal", "mijlpalen"));
	w_li_end(w);
	w_li(w);
	w_fmt(w, "%zu %s te laat op ", te_laat, plural((long long)te_laat, "mijlpaal", "mijlpalen"));
	date_txt(w, c->tot);
	w_li_end(w);
	w_li(w);
	w_fmt(w, "%zu %s gepland na deze periode", komend, plural((long long)komend, "mijlpaal", "mijlpalen"));
	w_li_end(w);
	json_array_foreach(json_object_get(doc, "verbanden"), i, v) json_array_foreach(json_object_get(v, "trajecten"), j, t)
	{
		json_t *bc = json_object_get(t, "businesscase");
		if (!json_is_object(bc))
			continue;
		w_li(w);
		w_txt(w, "Businesscase ");
		w_txt(w, str(t, "taakveldNaam"));
		w_txt(w, ": ");
		w_fmt(w, !strcmp(str(bc, "oordeel") ? str(bc, "oordeel") : "", "verdient-zich-terug")
				 ? "verdient zich terug binnen %lld jaar"
				 : "verdient zich niet terug binnen %lld jaar",
		      num(bc, "periodeJaren"));
		w_li_end(w);
	}
	size_t meld = json_array_size(json_object_get(doc, "meldingen")) + json_array_size(json_object_get(doc, "gemeld"));
	if (meld) {
		w_li(w);
		w_fmt(w, "%zu %s van samenwerking buiten een verband", meld, plural((long long)meld, "melding", "meldingen"));
		w_li_end(w);
	}
	w_ul_end(w);
	w_raw_html(w, "</section>");
}

static void render(struct w *w, json_t *doc, const struct rapportage_html_options *opt)
{
	json_t *org = json_object_get(doc, "organisatie");
	char display[300];
	org_display(org, display, sizeof(display));
	struct rapportage_ctx c = { doc, str(doc, "van"), str(doc, "tot"), str(org, "code"), str(org, "naam") };
	int has_hours = json_array_size(json_object_get(doc, "urenbank")) > 0;
	int has_vuln = json_is_object(json_object_get(doc, "kwetsbaarheid"));
	struct chapter ch[6];
	int nch = 0;
	ch[nch++] = (struct chapter){ "svz-inleiding", "Inleiding" };
	ch[nch++] = (struct chapter){ "svz-partners", "Samenwerkingspartners" };
	ch[nch++] = (struct chapter){ "svz-ontwikkelingen", "Ontwikkelingen per samenwerkingsverband" };
	ch[nch++] = (struct chapter){ "svz-planning-kop", "Planning" };
	if (has_hours)
		ch[nch++] = (struct chapter){ "svz-urenbank", "Urenbank" };
	if (has_vuln)
		ch[nch++] = (struct chapter){ "svz-kwetsbaarheid", "Kwetsbaarheid" };

	w_raw_html(w, "<article class=\"svz\" aria-labelledby=\"svz-titel\"><header class=\"svz-kop\">");
	w_h(w, 1, "svz-titel", "Stand van zaken bestuurlijke samenwerking");
	w_p(w, "svz-kop__organisatie");
	w_txt(w, display);
	w_p_end(w);
	w_p(w, "svz-kop__periode");
	w_txt(w, "Periode: ");
	date_txt(w, c.van);
	w_txt(w, " tot en met ");
	date_txt(w, c.tot);
	w_p_end(w);
	w_raw_html(w, "</header>");
	if (!w->md && opt && (opt->md_href || opt->agenda_href)) {
		buf_adds(w->b, "<nav class=\"svz-acties\" aria-label=\"Dit rapport in andere vormen\"><ul>");
		if (opt->md_href) {
			buf_adds(w->b, "<li><a href=\"");
			escape_html(w->b, opt->md_href);
			buf_adds(w->b, "\">Als Markdown</a></li>");
		}
		if (opt->agenda_href) {
			buf_adds(w->b, "<li><a href=\"");
			escape_html(w->b, opt->agenda_href);
			buf_adds(w->b, "\">Mijlpalen en deadlines in uw agenda (iCalendar)</a></li>");
		}
		buf_adds(w->b, "</ul></nav>");
	}
	summary(w, &c);
	if (w->md) {
		w_h(w, 2, NULL, "Inhoud");
		for (int i = 0; i < nch; i++) {
			buf_printf(w->b, "%d. ", i + 1);
			rapportage_md_txt(w->b, ch[i].title);
			buf_addc(w->b, '\n');
		}
		buf_addc(w->b, '\n');
	} else {
		buf_adds(w->b, "<nav class=\"svz-inhoud\" aria-labelledby=\"svz-inhoud-kop\"><h2 class=\"svz-h2\" id=\"svz-inhoud-kop\">"
			       "Inhoud</h2><ol>");
		for (int i = 0; i < nch; i++) {
			buf_adds(w->b, "<li><a href=\"#");
			escape_html(w->b, ch[i].id);
			buf_adds(w->b, "\">");
			escape_html(w->b, ch[i].title);
			buf_adds(w->b, "</a>");
			if (!strcmp(ch[i].id, "svz-ontwikkelingen")) {
				size_t k, sub = 0;
				json_t *v;
				int any = 0;
				json_array_foreach(json_object_get(doc, "verbanden"), k, v)
				{
					if (!verband_active(v))
						continue;
					buf_adds(w->b, any++ ? "" : "<ol>");
					buf_adds(w->b, "<li><a href=\"#svz-verband-");
					escape_html(w->b, str(v, "code"));
					buf_adds(w->b, "\">");
					escape_html(w->b, str(v, "naam"));
					buf_adds(w->b, "</a></li>");
					sub++;
				}
				if (any)
					buf_adds(w->b, "</ol>");
			}
			buf_adds(w->b, "</li>");
		}
		buf_adds(w->b, "</ol></nav>");
	}
	for (int i = 0; i < nch; i++) {
		w_raw_html(w, "<section class=\"svz-hoofdstuk\">");
		if (!strcmp(ch[i].id, "svz-inleiding"))
			intro(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-partners"))
			partners_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-ontwikkelingen"))
			developments_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-planning-kop"))
			planning_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-urenbank"))
			hours_chapter(w, &c, i + 1);
		else
			vulnerability_chapter(w, &c, i + 1);
		w_raw_html(w, "</section>");
	}
	w_p(w, "svz-voet");
	w_txt(w, "Opgesteld met samen uit het register van samenwerking, de besluiten en de mijlpalen van de verbanden.");
	w_p_end(w);
	w_raw_html(w, "</article>");
}

int rapportage_html(json_t *doc, const struct rapportage_html_options *opt, struct buf *out)
{
	struct w w = { out, 0, 0 };
	if (opt && opt->standalone) {
		json_t *org = json_object_get(doc, "organisatie");
		buf_adds(out, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Stand van zaken "
			      "bestuurlijke samenwerking — ");
		escape_html(out, str(org, "naam"));
		buf_adds(out, "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/rapport.css\"></head>"
			      "<body class=\"svz-document\"><main>");
	}
	render(&w, doc, opt);
	if (opt && opt->standalone)
		buf_adds(out, "</main></body></html>\n");
	return buf_failed(out) ? -1 : 0;
}

int rapportage_markdown(json_t *doc, struct buf *out)
{
	struct w w = { out, 1, 0 };
	render(&w, doc, NULL);
	return buf_failed(out) ? -1 : 0;
}
