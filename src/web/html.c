#include <stdio.h>
#include <string.h>
#include "core/escape.h"
#include "core/nl.h"
#include "store/gebruikers_pagina.h"
#include "web/html.h"

void html_raw(struct buf *b, const char *literal) { buf_adds(b, literal); }

void html_txt(struct buf *b, const char *text) { escape_html(b, text); }

void html_txt_around(struct buf *b, const char *before, const char *text, const char *after)
{
	if (!text)
		return;
	html_raw(b, before);
	html_txt(b, text);
	html_raw(b, after);
}

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

void html_list_begin(struct buf *b, const char *heading)
{
	if (heading) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">");
		html_txt(b, heading);
		html_raw(b, "</h3>");
	}
	html_raw(b, "<ul class=\"utrecht-unordered-list\">");
}

void html_list_item(struct buf *b) { html_raw(b, "<li class=\"utrecht-unordered-list__item\">"); }

void html_list_end(struct buf *b) { html_raw(b, "</ul>"); }

void html_link(struct buf *b, const char *href, const char *text)
{
	html_raw(b, "<a class=\"utrecht-link\" href=\"");
	html_attr(b, href);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

void html_login_href(struct request *rq, struct buf *b)
{
	struct buf t, h;
	buf_init(&t, 2048);
	buf_init(&h, 4096);
	buf_adds(&h, "/inloggen");
	/* Back to this page after signing in (not to the sign-in page itself). */
	if (strcmp(rq->method, "GET") == 0 && strncmp(rq->path, "/inloggen", 9) && strncmp(rq->path, "/uitloggen", 10) &&
	    strcmp(rq->path, "/")) {
		req_target(rq, &t);
		buf_adds(&h, "?terug=");
		html_url_segment(&h, buf_str(&t));
	}
	html_attr(b, buf_str(&h));
	buf_release(&t);
	buf_release(&h);
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

static void refused_form_summary(struct request *rq, struct buf *b);

/* The items of the main menu: only what the actor may use. */
static void nav_items(struct buf *b, struct request *rq)
{
	if (rq->actor.role != ROLE_NONE)
		nav_item(b, rq, "/mijn", "Mijn samen");
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
	if (policy_allows(&rq->actor, ACT_ADMIN, NULL, NULL))
		nav_item(b, rq, "/beheer/gebruikers", "Gebruikers");
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
	html_raw(
		b,
		" — samen</title>"
		"<link rel=\"stylesheet\" href=\"/static/tokens.css\">"
		"<link rel=\"stylesheet\" href=\"/static/utrecht.css\">"
		"<link rel=\"stylesheet\" href=\"/static/samen.css\">"
		"<link rel=\"stylesheet\" href=\"/static/urenbank.css\">"
		"<link rel=\"stylesheet\" href=\"/static/kwaliteitskaart.css\">"
		"<link rel=\"stylesheet\" href=\"/static/werk.css\">"
		/* The icon inline: a separate request could be cut off by a quick navigation. */
		/* A URL holds no raw spaces (the HTML standard): they are %20. */
		"<link rel=\"icon\" type=\"image/svg+xml\" "
		"href=\"data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
		"viewBox='0%200%2032%2032'%3E%3Crect%20width='32'%20height='32'%20rx='6'%20fill='%2314334f'/"
		"%3E%3Ccircle%20cx='12.5'%20"
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
		/* Who is signed in, as people know them: a name and an organisation. */
		char person[160], org[200];
		gebruikers_actor_names(rq->store, &rq->actor, person, sizeof(person), org, sizeof(org));
		html_raw(b, "<p class=\"samen-user__wie\"><a class=\"samen-user__naam\" href=\"/mijn\">");
		html_txt(b, person);
		html_raw(b, "</a>");
		if (org[0]) {
			html_raw(b, "<span class=\"samen-user__org\">");
			html_txt(b, org);
			html_raw(b, "</span>");
		}
		html_raw(b, "</p>");
		if (rq->actor.csrf[0]) {
			html_raw(b, "<form method=\"post\" action=\"/uitloggen\" class=\"samen-inline\">");
			html_csrf_field(rq, b);
			html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" "
				    "type=\"submit\">Afmelden</button></form>");
		}
	} else {
		html_raw(b, "<a class=\"utrecht-link\" href=\"");
		html_login_href(rq, b);
		html_raw(b, "\">Aanmelden</a>");
	}
	html_raw(b, "</div></div></header><main id=\"inhoud\" class=\"samen-main\">");
	refused_form_summary(rq, b);
}

/* A reason as a sentence: its first letter a capital. */
static void sentence(struct buf *b, const char *reason)
{
	if (reason && reason[0] >= 'a' && reason[0] <= 'z') {
		char first[2] = { (char)(reason[0] - 'a' + 'A'), 0 };
		html_txt(b, first);
		html_txt(b, reason + 1);
	} else {
		html_txt(b, reason ? reason : "");
	}
}

void html_error_summary(struct buf *b, const char *detail, json_t *errors)
{
	html_raw(b, "<div class=\"utrecht-alert utrecht-alert--error samen-foutoverzicht\" id=\"fouten\" tabindex=\"-1\" "
		    "role=\"alert\" aria-labelledby=\"fouten-kop\" autofocus><div class=\"utrecht-alert__content\">"
		    /* Not a heading: it comes before the page's h1, and the outline starts with the h1. */
		    "<p class=\"utrecht-heading-2 samen-foutoverzicht__kop\" id=\"fouten-kop\">Er is iets niet goed ingevuld</p>"
		    "<p class=\"utrecht-paragraph utrecht-alert__message\">");
	html_txt(b, detail && detail[0] ? detail : "Verbeter wat hieronder staat en probeer het opnieuw.");
	html_raw(b, "</p>");
	if (json_array_size(errors)) {
		html_raw(b, "<ul class=\"samen-foutoverzicht__lijst\">");
		size_t i;
		json_t *e;
		json_array_foreach(errors, i, e) {
			const char *veld = json_string_value(json_object_get(e, "veld"));
			const char *label = json_string_value(json_object_get(e, "label"));
			html_raw(b, "<li><a class=\"utrecht-link\" href=\"#");
			html_attr(b, veld ? veld : "");
			html_raw(b, "\">");
			if (label && label[0]) {
				html_txt(b, label);
				html_raw(b, ": ");
				html_txt(b, json_string_value(json_object_get(e, "reden")));
			} else {
				sentence(b, json_string_value(json_object_get(e, "reden")));
			}
			html_raw(b, "</a></li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</div></div>");
}

/* A refused form of this page (post/redirect/get, web/page_form.h) is
 * summed up first in <main>, whatever the page: its address says which. */
static void refused_form_summary(struct request *rq, struct buf *b)
{
	const char *key = req_query(rq, "formulier");
	json_t *state = NULL;
	char owner[GEBRUIKERS_OWNER_LEN];
	if (!key || !key[0])
		return;
	gebruikers_form_owner(&rq->actor, req_cookie(rq, "samen_inlog"), owner);
	if (gebruikers_form_get(rq->store, owner, rq->path, key, &state) < 0)
		return;
	if (json_object_get(state, "detail"))
		html_error_summary(b, json_string_value(json_object_get(state, "detail")), json_object_get(state, "fouten"));
	json_decref(state);
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
	html_raw(&rs->body, "</p>");
	if (status == 401) {
		html_raw(&rs->body, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
		html_login_href(rq, &rs->body);
		html_raw(&rs->body, "\">Aanmelden</a>; daarna komt u terug op deze pagina.</p>");
	} else {
		html_raw(&rs->body,
			 rq->actor.role != ROLE_NONE
				 ? "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/mijn\">Naar Mijn samen"
				   "</a></p>"
				 : "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">Naar het "
				   "overzicht</a></p>");
	}
	page_end(rq, rs);
	rs->status = status;
}
