/* The login page (GET/POST /inloggen) and signing out (POST /uitloggen).
 * The form carries a pre-session CSRF token that must match the
 * samen_inlog cookie (auth.h); after signing in the browser holds only the
 * HttpOnly session cookie, and every later form carries the session's own
 * CSRF token (html_csrf_field). */
#include <stdio.h>
#include <string.h>
#include "http/auth.h"
#include "http/form.h"
#include "web/html.h"
#include "web/pages.h"

struct login_view {
	int status;
	const char *naam;     /* to fill in again */
	const char *error;    /* for the whole form */
	const char *naam_err; /* for a field */
	const char *pw_err;
};

static void render(struct request *rq, struct response *rs, const struct login_view *v)
{
	char token[GEBRUIKERS_SECRET_LEN];
	auth_login_token(rq, rs, token);
	page_begin(rq, rs, "Aanmelden");
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Aanmelden</h1>");
	const char *q = req_query(rq, "afgemeld");
	if (q && rq->actor.role == ROLE_NONE && !v->error)
		html_raw(b,
			 "<div class=\"samen-note\" role=\"status\"><p class=\"utrecht-paragraph\">U bent afgemeld.</p></div>");
	if (rq->actor.role != ROLE_NONE && !v->error) {
		html_raw(b, "<p class=\"utrecht-paragraph\">U bent aangemeld als <strong>");
		html_txt(b, rq->actor.name);
		html_raw(b, "</strong> (");
		html_txt(b, policy_role_names[rq->actor.role]);
		if (rq->actor.org[0]) {
			html_raw(b, ", ");
			html_txt(b, rq->actor.org);
		}
		html_raw(b,
			 ").</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">Naar het overzicht</a></p>");
		page_end(rq, rs);
		rs->status = v->status ? v->status : 200;
		return;
	}
	if (v->error) {
		html_raw(b, "<div class=\"samen-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
		html_txt(b, v->error);
		html_raw(b, "</p></div>");
	}
	html_raw(b, "<form class=\"samen-login\" method=\"post\" action=\"/inloggen\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, token);
	html_raw(b, "\">");
	page_input_field(b, &(struct page_input){ .id = "naam",
						  .label = "Naam",
						  .type = "text",
						  .autocomplete = "username",
						  .value = v->naam,
						  .error = v->naam_err,
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "wachtwoord",
						  .label = "Wachtwoord",
						  .type = "password",
						  .autocomplete = "current-password",
						  .value = NULL,
						  .error = v->pw_err,
						  .required = 1 });
	html_raw(b, "<p class=\"utrecht-paragraph\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Aanmelden</button></p></form>"
		    "<p class=\"utrecht-paragraph\">Geen account of wachtwoord vergeten? Vraag de beheerder of de manager "
		    "van uw organisatie. Na vijf mislukte pogingen wordt aanmelden met die naam een kwartier geblokkeerd.</p>");
	page_end(rq, rs);
	rs->status = v->status ? v->status : 200;
}

static int get_login(struct request *rq, struct response *rs)
{
	struct login_view v = { 0 };
	render(rq, rs, &v);
	return 0;
}

static int post_login(struct request *rq, struct response *rs)
{
	struct login_view v = { 0 };
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render(rq, rs, &v);
		return 0;
	}
	const char *naam = form_get(&f, "naam"), *pw = form_get(&f, "wachtwoord");
	v.naam = naam;
	if (!auth_login_token_ok(rq, form_get(&f, "csrf"))) {
		/* No or another token: not our form, or an old one. */
		v.status = 403;
		v.error = "Het formulier is verlopen of komt niet van deze site. Probeer het opnieuw.";
	} else if (!naam || !naam[0] || !pw || !pw[0]) {
		v.status = 400;
		v.error = "Vul uw naam en wachtwoord in.";
		v.naam_err = !naam || !naam[0] ? "Vul uw naam in." : NULL;
		v.pw_err = !pw || !pw[0] ? "Vul uw wachtwoord in." : NULL;
	} else if (strlen(naam) > GEBRUIKERS_NAME_MAX || strlen(pw) > GEBRUIKERS_PASSWORD_MAX) {
		v.status = 401;
		v.error = "Naam of wachtwoord klopt niet.";
	} else {
		struct gebruikers_session sess;
		long long retry = 0;
		char msg[160];
		int status = auth_login(rq, rs, naam, pw, &sess, &retry);
		if (status == 201) {
			auth_set_session_cookie(rq, rs, &sess);
			resp_header(rs, "Location", "/");
			resp_text(rs, 303, "text/plain; charset=utf-8", "Aangemeld; verder naar /.\n");
			form_release(&f);
			return 0;
		}
		v.status = status;
		if (status == 429 && retry < 60) {
			snprintf(msg, sizeof(msg), "Er wordt nu veel aangemeld. Probeer het over een paar seconden opnieuw.");
			v.error = msg;
		} else if (status == 429) {
			snprintf(msg, sizeof(msg),
				 "Te veel mislukte pogingen met deze naam vanaf dit adres. Aanmelden kan over %lld minuten weer.",
				 (retry + 59) / 60);
			v.error = msg;
		} else if (status == 401) {
			v.error = "Naam of wachtwoord klopt niet.";
		} else {
			v.error = "Aanmelden lukt nu niet; probeer het zo opnieuw.";
		}
		render(rq, rs, &v);
		form_release(&f);
		return 0;
	}
	render(rq, rs, &v);
	form_release(&f);
	return 0;
}

static int post_logout(struct request *rq, struct response *rs)
{
	/* auth_guard() has checked the session's CSRF token. */
	auth_logout(rq, rs, 303);
	resp_header(rs, "Location", "/inloggen?afgemeld=1");
	resp_text(rs, 303, "text/plain; charset=utf-8", "Afgemeld.\n");
	return 0;
}

const struct route page_gebruikers_routes[] = {
	{ "GET", "/inloggen", get_login, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/inloggen", post_login, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/uitloggen", post_logout, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
