/* The journal page of a proeftuin (page_urenbank.h): GET
 * /proeftuinen/{p}/journaal chooses a period — a month, a quarter or a
 * year, the most recent month with transactions first — and
 * ?periode=JJJJ-MM, JJJJ-Kn, JJJJ or alles downloads the journal of it as
 * hledger/ledger text. A national proeftuin's whole journal is a million
 * transactions and some 200 MB: who needs the journal needs it for a period
 * (the accountant, a month's close), and the whole of it is an export on
 * request. Works without JavaScript: the choice is a GET form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/date.h"
#include "core/nl.h"
#include "store/urenbank.h"
#include "web/page_urenbank.h"
#include "web/pages.h"

/* A period of the chooser: its value, its text and its first and last day. */
struct periode {
	char value[32], text[64], van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
};

/* Months m1 … m2 of year y as a period (value given). */
static void span(struct periode *x, int y, int m1, int m2)
{
	date_format(date_from_ymd(y, m1, 1), x->van);
	date_format(date_month_next(date_from_ymd(y, m2, 1)) - 1, x->tot);
}

/* "2012-03", "2012-K1", "2012" or "alles" (van ""); -1 for anything else. */
static int periode_parse(const char *v, struct periode *x)
{
	memset(x, 0, sizeof(*x));
	int y, n;
	char c, rest;
	if (!strcmp(v, "alles")) {
		snprintf(x->value, sizeof(x->value), "alles");
		snprintf(x->text, sizeof(x->text), "het hele journaal");
		return 0;
	}
	if (strlen(v) == 7 && sscanf(v, "%4d-%2d%c", &y, &n, &rest) == 2 && v[4] == '-' && y >= 1900 && y <= 2999 && n >= 1 &&
	    n <= 12) {
		snprintf(x->value, sizeof(x->value), "%04d-%02d", y, n);
		span(x, y, n, n);
		nl_date_precision(x->van, "maand", x->text, sizeof(x->text));
		return 0;
	}
	if (strlen(v) == 7 && sscanf(v, "%4d-%c%1d%c", &y, &c, &n, &rest) == 3 && c == 'K' && y >= 1900 && y <= 2999 && n >= 1 &&
	    n <= 4) {
		snprintf(x->value, sizeof(x->value), "%04d-K%d", y, n);
		span(x, y, 3 * n - 2, 3 * n);
		nl_date_precision(x->van, "kwartaal", x->text, sizeof(x->text));
		return 0;
	}
	if (strlen(v) == 4 && sscanf(v, "%4d%c", &y, &rest) == 1 && y >= 1900 && y <= 2999) {
		snprintf(x->value, sizeof(x->value), "%04d", y);
		span(x, y, 1, 12);
		snprintf(x->text, sizeof(x->text), "%04d", y);
		return 0;
	}
	return -1;
}

static void option(struct buf *b, const char *value, const char *text, int selected)
{
	html_raw(b, selected ? "<option selected value=\"" : "<option value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</option>");
}

/* The chooser: the months with transactions, the quarters and years they
 * fall in, newest first, the most recent month chosen. */
static void chooser(struct buf *b, const struct page_urenbank_page *pg, json_t *months, const char *error)
{
	html_raw(b, "<form class=\"samen-filter\" method=\"get\" action=\"");
	page_urenbank_href(b, pg, "/journaal");
	html_raw(b, "\">");
	struct page_input in = { .id = "journaal-periode",
				 .name = "periode",
				 .label = "Periode",
				 .error = error,
				 .hint = "Een maand, een kwartaal of een jaar; alleen perioden met boekingen staan erin." };
	page_select_open(b, &in, 0);
	static const char *const groups[] = { "Maanden", "Kwartalen", "Jaren" };
	for (int g = 0; g < 3; g++) {
		html_raw(b, "<optgroup label=\"");
		html_attr(b, groups[g]);
		html_raw(b, "\">");
		char seen[32] = "";
		size_t i;
		json_t *m;
		json_array_foreach(months, i, m) {
			const char *ym = json_string_value(m);
			int y, mo;
			if (!ym || sscanf(ym, "%4d-%2d", &y, &mo) != 2)
				continue;
			char v[32];
			if (g == 0)
				snprintf(v, sizeof(v), "%04d-%02d", y, mo);
			else if (g == 1)
				snprintf(v, sizeof(v), "%04d-K%d", y, (mo + 2) / 3);
			else
				snprintf(v, sizeof(v), "%04d", y);
			if (!strcmp(v, seen))
				continue; /* newest first: a quarter's or year's months follow each other */
			snprintf(seen, sizeof(seen), "%s", v);
			struct periode x;
			if (periode_parse(v, &x) == 0)
				option(b, x.value, x.text, g == 0 && i == 0);
		}
		html_raw(b, "</optgroup>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Journaal downloaden"
		    "</button></form>");
}

static void page(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, json_t *months, int status,
		 const char *error)
{
	page_urenbank_begin(rq, rs, pg, "Journaal", "journaal");
	rs->status = status;
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph\">Het journaal is elke boeking van deze proeftuin in een bestand dat "
		    "boekhoudprogramma's als hledger en ledger lezen: per lid een rekening <code>leden:&lt;code&gt;</code> in "
		    "minuten, elke transactie telt op tot nul. Kies de periode die u nodig hebt, bijvoorbeeld voor de "
		    "accountant of de maandafsluiting; het journaal van een periode bevat de transacties die erin gedateerd "
		    "zijn, en hun som is wat er in die periode bewoog.</p>");
	if (error)
		page_alert(b, error);
	html_raw(b, "<section aria-labelledby=\"kop-periode\"><h2 class=\"utrecht-heading-2\" id=\"kop-periode\">"
		    "Per periode</h2>");
	if (!json_array_size(months))
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is in deze proeftuin nog niets geboekt.</p>");
	else
		chooser(b, pg, months, error);
	html_raw(b, "</section><section aria-labelledby=\"kop-alles\"><h2 class=\"utrecht-heading-2\" id=\"kop-alles\">"
		    "Het hele journaal</h2><p class=\"utrecht-paragraph\">Elke boeking sinds het begin in één bestand, om de "
		    "saldi zelf na te rekenen (<code>hledger -f BESTAND balance</code> geeft ze). Bij een grote proeftuin is "
		    "dat een export van honderden megabytes die even duurt. <a class=\"utrecht-link\" download href=\"");
	page_urenbank_href(b, pg, "/journaal?periode=alles");
	html_raw(b, "\">Het hele journaal downloaden</a>. Een programma kan het ook in delen ophalen: "
		    "<code>GET /api/v1/proeftuinen/");
	html_txt(b, pg->code);
	html_raw(b, "/journaal</code>, een pagina transacties per keer.</p></section>");
	page_end(rq, rs);
}

static int download(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const struct periode *x)
{
	struct problem p;
	problem_init(&p);
	if (resp_file_begin(rs) < 0) {
		page_error(rq, rs, 503, "Het journaal kan nu niet worden klaargezet; probeer het zo opnieuw.");
		return 0;
	}
	const struct urenbank_journal_out out = { resp_file_add, resp_file_copy, rs, 1 };
	int r = x->van[0] ? urenbank_journal_period(rq->store, &rq->actor, pg->code, x->van, x->tot, &out, &p)
			  : urenbank_journal(rq->store, &rq->actor, pg->code, &out, &p);
	if (r < 0) {
		close(rs->body_fd);
		rs->body_in_file = 0;
		page_error(rq, rs, p.status ? p.status : 500, p.detail);
		return 0;
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/plain; charset=utf-8");
	/* The code is a slug (lower case, digits, '-') and the period checked: safe in the header. */
	char disp[160];
	if (x->van[0])
		snprintf(disp, sizeof(disp), "attachment; filename=\"%.60s-%s.journal\"", pg->code, x->value);
	else
		snprintf(disp, sizeof(disp), "attachment; filename=\"%.60s.journal\"", pg->code);
	resp_header(rs, "Content-Disposition", disp);
	return 0;
}

int page_urenbank_journal(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	const char *v = req_query(rq, "periode");
	struct periode x;
	if (v && v[0] && periode_parse(v, &x) == 0) {
		download(rq, rs, &pg, &x);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *months = NULL;
	if (urenbank_journal_months(rq->store, pg.code, &months, &p) < 0) {
		page_error(rq, rs, p.status ? p.status : 500, p.detail);
		page_urenbank_page_release(&pg);
		return 0;
	}
	if (v && v[0])
		page(rq, rs, &pg, months, 400,
		     "Kies een periode uit de lijst: een maand (2012-03), een kwartaal (2012-K1), een jaar (2012) of alles.");
	else
		page(rq, rs, &pg, months, 200, NULL);
	json_decref(months);
	page_urenbank_page_release(&pg);
	return 0;
}
