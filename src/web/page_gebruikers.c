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
#include "web/page_form.h"
#include "web/pages.h"

struct login_view {
	int status;
	const char *naam;     /* to fill in again */
	const char *error;    /* for the whole form */
	const char *naam_err; /* for a field */
	const char *pw_err;
	const char *terug; /* where to go after signing in */
};

static const struct page_form_field login_fields[] = { { "naam", "naam", "Naam" },
						       { "wachtwoord", "wachtwoord", "Wachtwoord" },
						       { NULL, NULL, NULL } };

/* The sign-in page: a refused attempt comes back here (post/redirect/get)
 * with the name filled in and the reason in the error summary; a page that
 * asked for sign-in passes ?terug= so that signing in returns there. */
static void render(struct request *rq, struct response *rs, const struct login_view *v, const struct page_form *pf)
{
	char token[GEBRUIKERS_SECRET_LEN];
	auth_login_token(rq, rs, token);
	page_begin(rq, rs, "Aanmelden");
	struct buf *b = &rs->body;
	const char *terug = page_form_value(pf, NULL, "terug", v->terug ? v->terug : req_query(rq, "terug"));
	if (!page_safe_return(terug))
		terug = NULL;
	int refused = v->error || (pf && pf->loaded);
	if (v->error && !(pf && pf->loaded))
		page_alert(b, v->error);
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Aanmelden</h1>");
	const char *q = req_query(rq, "afgemeld");
	if (q && rq->actor.role == ROLE_NONE && !refused)
		html_raw(b,
			 "<div class=\"samen-note\" role=\"status\"><p class=\"utrecht-paragraph\">U bent afgemeld.</p></div>");
	if (rq->actor.role != ROLE_NONE && !refused) {
		html_raw(b, "<p class=\"utrecht-paragraph\">U bent aangemeld als <strong>");
		html_txt(b, rq->actor.name);
		html_raw(b, "</strong>.</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"");
		html_attr(b, terug ? terug : "/mijn");
		html_raw(b, terug ? "\">Verder naar de pagina die u vroeg</a></p>" : "\">Naar Mijn samen</a></p>");
		page_end(rq, rs);
		rs->status = v->status ? v->status : 200;
		return;
	}
	if (terug)
		html_raw(b, "<p class=\"utrecht-paragraph\">Meld u aan; daarna gaat u verder naar de pagina die u vroeg.</p>");
	html_raw(b, "<form class=\"samen-login\" method=\"post\" action=\"/inloggen\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, token);
	html_raw(b, "\">");
	if (terug) {
		html_raw(b, "<input type=\"hidden\" name=\"terug\" value=\"");
		html_attr(b, terug);
		html_raw(b, "\">");
	}
	page_input_field(b, &(struct page_input){ .id = "naam",
						  .label = "Naam",
						  .type = "text",
						  .autocomplete = "username",
						  .value = page_form_value(pf, NULL, "naam", v->naam),
						  .error = v->naam_err ? v->naam_err : page_form_error(pf, "naam"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "wachtwoord",
						  .label = "Wachtwoord",
						  .type = "password",
						  .autocomplete = "current-password",
						  .value = NULL,
						  .error = v->pw_err ? v->pw_err : page_form_error(pf, "wachtwoord"),
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
	struct page_form pf;
	page_form_load(rq, &pf);
	render(rq, rs, &v, &pf);
	page_form_release(&pf);
	return 0;
}

/* Back to the sign-in page with the refusal, keeping where to go after it. */
static void refuse(struct request *rq, struct response *rs, const struct form *f, const struct problem *p)
{
	struct buf back;
	buf_init(&back, 2048);
	buf_adds(&back, "/inloggen");
	const char *terug = form_get(f, "terug");
	if (page_safe_return(terug)) {
		buf_adds(&back, "?terug=");
		html_url_segment(&back, terug);
	}
	page_form_refuse(rq, rs, buf_str(&back), f, p, login_fields);
	buf_release(&back);
}

static int post_login(struct request *rq, struct response *rs)
{
	struct login_view v = { 0 };
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render(rq, rs, &v, NULL);
		return 0;
	}
	const char *naam = form_get(&f, "naam"), *pw = form_get(&f, "wachtwoord");
	v.naam = naam;
	v.terug = form_get(&f, "terug");
	struct problem p;
	problem_init(&p);
	if (!auth_login_token_ok(rq, form_get(&f, "csrf"))) {
		/* No or another token: not our form, or an old one. Without the
		 * cookie nothing can be kept for this visitor: answer at once. */
		v.status = 403;
		v.error = "Het formulier is verlopen of komt niet van deze site. Probeer het opnieuw.";
		render(rq, rs, &v, NULL);
		form_release(&f);
		return 0;
	}
	if (!naam || !naam[0] || !pw || !pw[0]) {
		problem_set(&p, 400, "Vul uw naam en wachtwoord in.");
		if (!naam || !naam[0])
			problem_param(&p, "naam", "Vul uw naam in.");
		if (!pw || !pw[0])
			problem_param(&p, "wachtwoord", "Vul uw wachtwoord in.");
	} else if (strlen(naam) > GEBRUIKERS_NAME_MAX || strlen(pw) > GEBRUIKERS_PASSWORD_MAX) {
		problem_set(&p, 401, "Naam of wachtwoord klopt niet.");
	} else {
		struct gebruikers_session sess;
		long long retry = 0;
		int status = auth_login(rq, rs, naam, pw, &sess, &retry);
		if (rs->retry_ms) { /* the server runs this again shortly: keep nothing now */
			form_release(&f);
			return 0;
		}
		if (status == 201) {
			auth_set_session_cookie(rq, rs, &sess);
			const char *to = page_safe_return(v.terug) ? v.terug : "/mijn";
			resp_header(rs, "Location", to);
			resp_text(rs, 303, "text/plain; charset=utf-8", "Aangemeld.\n");
			form_release(&f);
			return 0;
		}
		if (status == 429 && retry < 60)
			problem_set(&p, 429, "Er wordt nu veel aangemeld. Probeer het over een paar seconden opnieuw.");
		else if (status == 429)
			problem_set(&p, 429,
				    "Te veel mislukte pogingen met deze naam vanaf dit adres. Aanmelden kan over %lld minuten "
				    "weer.",
				    (retry + 59) / 60);
		else if (status == 401)
			problem_set(&p, 401, "Naam of wachtwoord klopt niet.");
		else
			problem_set(&p, 503, "Aanmelden lukt nu niet; probeer het zo opnieuw.");
	}
	refuse(rq, rs, &f, &p);
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
