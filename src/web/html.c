#include <stdio.h>
#include <string.h>
#include "core/escape.h"
#include "core/nl.h"
#include "web/html.h"

void html_raw(struct buf *b, const char *literal) { buf_adds(b, literal); }

void html_txt(struct buf *b, const char *text) { escape_html(b, text); }

void html_attr(struct buf *b, const char *text) { html_txt(b, text); }

void html_int(struct buf *b, long long v) { buf_printf(b, "%lld", v); }

void html_int_grouped(struct buf *b, long long v)
{
	char t[NL_TEXT_LEN];
	nl_int(v, t, sizeof(t));
	html_txt(b, t);
}

void html_date(struct buf *b, const char *iso)
{
	char t[NL_TEXT_LEN];
	/* Text that is no date is written whole, however long. */
	html_txt(b, nl_date(iso, t, sizeof(t)) == 0 ? t : iso);
}

void html_url_segment(struct buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_addc(b, (char)*p);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

void html_link(struct buf *b, const char *href, const char *text)
{
	html_raw(b, "<a class=\"utrecht-link\" href=\"");
	html_attr(b, href);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

void html_csrf_field(struct request *rq, struct buf *b)
{
	html_raw(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, rq->actor.csrf);
	html_raw(b, "\">");
}

static void nav_item(struct buf *b, struct request *rq, const char *href, const char *label)
{
	int current = !strcmp(rq->path, href) || (strlen(href) > 1 && !strncmp(rq->path, href, strlen(href)));
	html_raw(b, "<li><a class=\"utrecht-link samen-nav__link\" href=\"");
	html_attr(b, href);
	html_raw(b, current ? "\" aria-current=\"page\">" : "\">");
	html_txt(b, label);
	html_raw(b, "</a></li>");
}

/* The items of the main menu: only what the actor may use. */
static void nav_items(struct buf *b, struct request *rq)
{
	nav_item(b, rq, "/", "Overzicht");
	nav_item(b, rq, "/netwerk", "Netwerkkaart");
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, ACT_STAFF_READ, NULL, NULL))
		nav_item(b, rq, "/proeftuinen", "Urenbank");
	nav_item(b, rq, "/besturing", "Besturing");
	if (rq->actor.role != ROLE_NONE &&
	    policy_allows(&rq->actor, ACT_REPORT_READ, rq->actor.org[0] ? rq->actor.org : NULL, NULL))
		nav_item(b, rq, "/rapporten", "Rapporten");
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, ACT_STAFF_READ, NULL, NULL))
		nav_item(b, rq, "/kwaliteitskaart", "Kwaliteitskaart");
	if (policy_allows(&rq->actor, ACT_AUDIT_READ, NULL, NULL))
		nav_item(b, rq, "/beheer/audit", "Auditlog");
}

void page_begin(struct request *rq, struct response *rs, const char *title)
{
	struct buf *b = &rs->body;
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "text/html; charset=utf-8");
	html_raw(b, "<!DOCTYPE html>\n<html lang=\"nl\" class=\"utrecht-theme\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_txt(b, title);
	html_raw(b,
		 " — samen</title>"
		 "<link rel=\"stylesheet\" href=\"/static/tokens.css\">"
		 "<link rel=\"stylesheet\" href=\"/static/utrecht.css\">"
		 "<link rel=\"stylesheet\" href=\"/static/samen.css\">"
		 "<link rel=\"stylesheet\" href=\"/static/urenbank.css\">"
		 "<link rel=\"stylesheet\" href=\"/static/kwaliteitskaart.css\">"
		 /* The icon inline: a separate request could be cut off by a quick navigation. */
		 /* A URL holds no raw spaces (the HTML standard): they are %20. */
		 "<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
		 "viewBox='0%200%2032%2032'%3E%3Crect%20width='32'%20height='32'%20rx='6'%20fill='%2314334f'/%3E%3Ccircle%20cx='12.5'%20"
		 "cy='16'%20r='7'%20fill='none'%20stroke='%23fff'%20stroke-width='3'/%3E%3Ccircle%20cx='19.5'%20cy='16'%20r='7'%20"
		 "fill='none'%20stroke='%238fb5e0'%20stroke-width='3'/%3E%3C/svg%3E\">"
		 "</head><body class=\"utrecht-document utrecht-document--surface\">"
		 "<a class=\"samen-skiplink utrecht-link\" href=\"#inhoud\">Naar de inhoud</a>"
		 "<header class=\"samen-header\"><div class=\"samen-header__inner\">"
		 "<a class=\"samen-logo\" href=\"/\">samen</a>"
		 "<nav class=\"samen-nav-breed\" aria-label=\"Hoofdmenu\"><ul class=\"samen-nav\">");
	/* The menu once, shown twice: as a row on a wide screen and behind a
	 * "Menu" disclosure (<details>, no JavaScript) on a narrow one; the
	 * style sheet shows one of them. */
	struct buf menu;
	buf_init(&menu, 0);
	nav_items(&menu, rq);
	buf_adds(b, buf_str(&menu));
	html_raw(b, "</ul></nav><details class=\"samen-menu\"><summary class=\"samen-menu__knop\">Menu</summary>"
		    "<nav aria-label=\"Hoofdmenu\"><ul class=\"samen-nav samen-nav--smal\">");
	buf_adds(b, buf_str(&menu));
	buf_release(&menu);
	html_raw(b, "</ul></nav></details><div class=\"samen-user\">");
	if (rq->actor.role != ROLE_NONE) {
		html_raw(b, "<span>");
		html_txt(b, rq->actor.name);
		html_raw(b, " (");
		html_txt(b, policy_role_names[rq->actor.role]);
		if (rq->actor.org[0]) {
			html_raw(b, ", ");
			html_txt(b, rq->actor.org);
		}
		html_raw(b, ")</span>");
		if (rq->actor.csrf[0]) {
			html_raw(b, "<form method=\"post\" action=\"/uitloggen\" class=\"samen-inline\">");
			html_csrf_field(rq, b);
			html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" "
				    "type=\"submit\">Afmelden</button></form>");
		}
	} else {
		html_raw(b, "<a class=\"utrecht-link\" href=\"/inloggen\">Aanmelden</a>");
	}
	html_raw(b, "</div></div></header><main id=\"inhoud\" class=\"samen-main\">");
}

void page_end(struct request *rq, struct response *rs)
{
	html_raw(&rs->body, "</main><footer class=\"samen-footer\"><p>samen — samenwerken als ware het één "
			    "netwerkorganisatie. Vrije software onder de EUPL-1.2.</p></footer></body></html>\n");
}

void page_error(struct request *rq, struct response *rs, int status, const char *message)
{
	buf_release(&rs->body);
	page_begin(rq, rs, problem_title(status));
	html_raw(&rs->body, "<h1 class=\"utrecht-heading-1\">");
	html_txt(&rs->body, problem_title(status));
	html_raw(&rs->body, "</h1><p class=\"utrecht-paragraph\">");
	html_txt(&rs->body, message);
	html_raw(&rs->body, "</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">Naar het overzicht</a></p>");
	page_end(rq, rs);
	rs->status = status;
}
