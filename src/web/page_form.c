/* Forms that keep their context (page_form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/auth.h"
#include "store/gebruikers_pagina.h"
#include "web/page_form.h"

#define MORE_ROWS 3

static void owner_of(struct request *rq, char out[GEBRUIKERS_OWNER_LEN])
{
	gebruikers_form_owner(&rq->actor, req_cookie(rq, AUTH_LOGIN_COOKIE), out);
}

/* What is never kept: secrets, and the buttons. */
static int kept(const char *name) { return strcmp(name, "csrf") && strcmp(name, "meer") && !strstr(name, "wachtwoord"); }

/* Whether param matches pattern (with "[]" for any index); *index gets it. */
static int param_matches(const char *pattern, const char *param, long *index)
{
	const char *br = strstr(pattern, "[]");
	*index = -1;
	if (!br)
		return !strcmp(pattern, param);
	size_t pre = (size_t)(br - pattern);
	if (strncmp(pattern, param, pre) || param[pre] != '[')
		return 0;
	char *end;
	long n = strtol(param + pre + 1, &end, 10);
	if (end == param + pre + 1 || *end != ']' || n < 0)
		return 0;
	*index = n;
	const char *rest = pattern + pre + 2;
	/* "opdrachtgevers[]" also takes "opdrachtgevers[2].aandeel". */
	return !strcmp(end + 1, rest) || (!rest[0] && end[1] == '.');
}

/* text with "{n}" replaced by n. */
static void fill_n(char *out, size_t len, const char *text, long n)
{
	const char *at = strstr(text, "{n}");
	if (!at || n < 0)
		snprintf(out, len, "%s", text);
	else
		snprintf(out, len, "%.*s%ld%s", (int)(at - text), text, n, at + 3);
}

static json_t *errors_json(const struct problem *p, const struct page_form_field *fields)
{
	json_t *list = json_array();
	for (int i = 0; p && i < p->nparams; i++) {
		char id[160], label[200];
		snprintf(id, sizeof(id), "%s", p->params[i].name);
		label[0] = 0;
		for (int k = 0; fields && fields[k].param; k++) {
			long n;
			if (param_matches(fields[k].param, p->params[i].name, &n)) {
				fill_n(id, sizeof(id), fields[k].id, n + 1);
				fill_n(label, sizeof(label), fields[k].label, n + 1);
				break;
			}
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}", "veld", id, "label", label, "reden",
						      p->params[i].reason, "param", p->params[i].name));
	}
	return list;
}

static void redirect_kept(struct request *rq, struct response *rs, const char *back, const struct form *f, json_t *state,
			  const char *anchor)
{
	json_t *fields = json_array();
	for (int i = 0; f && i < f->n; i++)
		if (kept(f->f[i].name))
			json_array_append_new(fields, json_pack("[s,s]", f->f[i].name, f->f[i].value));
	json_object_set_new(state, "velden", fields);
	/* The state belongs to the page's path, without its query. */
	char path[512];
	snprintf(path, sizeof(path), "%.*s", (int)strcspn(back, "?#"), back);
	char owner[GEBRUIKERS_OWNER_LEN], key[GEBRUIKERS_FORM_KEY_LEN];
	owner_of(rq, owner);
	struct buf loc;
	buf_init(&loc, 2048);
	buf_printf(&loc, "%.*s", (int)strcspn(back, "#"), back);
	if (gebruikers_form_keep(rq->store, owner, path, state, key) == 0)
		buf_printf(&loc, "%sformulier=%s", strchr(buf_str(&loc), '?') ? "&" : "?", key);
	buf_printf(&loc, "#%s", anchor);
	buf_release(&rs->body);
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Terug naar het formulier.\n");
	buf_release(&loc);
	json_decref(state);
}

void page_form_refuse(struct request *rq, struct response *rs, const char *back, const struct form *f, const struct problem *p,
		      const struct page_form_field *fields)
{
	json_t *state = json_pack("{s:s,s:i,s:o}", "detail", p->detail[0] ? p->detail : problem_title(p->status), "status",
				  p->status, "fouten", errors_json(p, fields));
	redirect_kept(rq, rs, back, f, state, "fouten");
}

void page_form_more(struct request *rq, struct response *rs, const char *back, const struct form *f, const char *list)
{
	/* Three more rows: an empty field of the row three past the last one
	 * makes page_form_rows count them. */
	struct form more = { 0 };
	for (int i = 0; i < f->n && more.n < FORM_MAX_FIELDS - 1; i++) {
		more.f[more.n].name = f->f[i].name;
		more.f[more.n++].value = f->f[i].value;
	}
	char name[128];
	snprintf(name, sizeof(name), "%.80s.%d.meer", list, page_form_rows(NULL, f, list, 0) + MORE_ROWS);
	more.f[more.n].name = name;
	more.f[more.n++].value = "";
	char anchor[96];
	snprintf(anchor, sizeof(anchor), "%.80s-rijen", list);
	redirect_kept(rq, rs, back, &more, json_object(), anchor);
}

const char *page_form_more_asked(const struct form *f)
{
	const char *m = form_get(f, "meer");
	return m && m[0] ? m : NULL;
}

int page_form_load(struct request *rq, struct page_form *pf)
{
	memset(pf, 0, sizeof(*pf));
	const char *key = req_query(rq, "formulier");
	if (!key || !key[0])
		return 0;
	char owner[GEBRUIKERS_OWNER_LEN];
	owner_of(rq, owner);
	if (gebruikers_form_get(rq->store, owner, rq->path, key, &pf->state) < 0)
		return 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(pf->state, "velden"), i, x) {
		const char *n = json_string_value(json_array_get(x, 0)), *v = json_string_value(json_array_get(x, 1));
		if (!n || !v || pf->f.n >= FORM_MAX_FIELDS)
			continue;
		pf->f.f[pf->f.n].name = strdup(n);
		pf->f.f[pf->f.n].value = strdup(v);
		if (!pf->f.f[pf->f.n].name || !pf->f.f[pf->f.n].value) {
			free(pf->f.f[pf->f.n].name);
			free(pf->f.f[pf->f.n].value);
			continue;
		}
		pf->f.n++;
	}
	pf->loaded = 1;
	return 1;
}

void page_form_release(struct page_form *pf)
{
	form_release(&pf->f);
	json_decref(pf->state);
	pf->state = NULL;
	pf->loaded = 0;
}

int page_form_is(const struct page_form *pf, const char *which)
{
	if (!pf || !pf->loaded)
		return 0;
	if (!which)
		return 1;
	const char *w = form_get(&pf->f, "formulier");
	return w && !strcmp(w, which);
}

const char *page_form_value(const struct page_form *pf, const char *which, const char *name, const char *dflt)
{
	if (!page_form_is(pf, which))
		return dflt;
	/* A field the form did not send (a row added by "meer regels") keeps its default. */
	const char *v = form_get(&pf->f, name);
	return v ? v : dflt;
}

const char *page_form_error(const struct page_form *pf, const char *id)
{
	if (!pf || !pf->loaded)
		return NULL;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(pf->state, "fouten"), i, e) {
		const char *veld = json_string_value(json_object_get(e, "veld"));
		if (veld && !strcmp(veld, id))
			return json_string_value(json_object_get(e, "reden"));
	}
	return NULL;
}

int page_form_rows(const struct page_form *pf, const struct form *typed, const char *list, int min)
{
	const struct form *f = typed ? typed : pf && pf->loaded ? &pf->f : NULL;
	size_t len = strlen(list);
	long rows = 0;
	for (int i = 0; f && i < f->n; i++) {
		const char *name = f->f[i].name;
		if (strncmp(name, list, len) || name[len] != '.')
			continue;
		char *end;
		long n = strtol(name + len + 1, &end, 10);
		if (end != name + len + 1 && *end == '.' && n > rows && n <= 200)
			rows = n;
	}
	return rows < min ? min : (int)rows;
}

void page_form_problem(const struct page_form *pf, struct problem *p)
{
	problem_init(p);
	if (!pf || !pf->loaded || !json_object_get(pf->state, "detail"))
		return;
	/* No title: page_begin has summed it up already. */
	p->status = (int)json_integer_value(json_object_get(pf->state, "status"));
	if (!p->status)
		p->status = 400;
	p->title[0] = 0;
	snprintf(p->detail, sizeof(p->detail), "%s", json_string_value(json_object_get(pf->state, "detail")));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(pf->state, "fouten"), i, e) {
		if (p->nparams >= PROBLEM_MAX_PARAMS)
			break;
		const char *name = json_string_value(json_object_get(e, "param"));
		snprintf(p->params[p->nparams].name, sizeof(p->params[p->nparams].name), "%s", name ? name : "");
		snprintf(p->params[p->nparams].reason, sizeof(p->params[p->nparams].reason), "%s",
			 json_string_value(json_object_get(e, "reden")));
		p->nparams++;
	}
}

void page_form_summary_problem(struct buf *b, const struct problem *p, const struct page_form_field *fields)
{
	if (!p || !p->status || !p->title[0])
		return;
	json_t *errors = errors_json(p, fields);
	html_error_summary(b, p->detail[0] ? p->detail : problem_title(p->status), errors);
	json_decref(errors);
}

void page_form_begin(struct request *rq, struct buf *b, const char *action, const char *which, const char *cls)
{
	html_raw(b, "<form method=\"post\" class=\"");
	html_attr(b, cls ? cls : "samen-formulier");
	html_raw(b, "\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	if (which) {
		html_raw(b, "<input type=\"hidden\" name=\"formulier\" value=\"");
		html_attr(b, which);
		html_raw(b, "\">");
	}
}

void page_form_row_id(char *out, size_t len, const char *list, int n, const char *field)
{
	snprintf(out, len, "%s-%d-%s", list, n, field);
}

void page_form_row_name(char *out, size_t len, const char *list, int n, const char *field)
{
	snprintf(out, len, "%s.%d.%s", list, n, field);
}

void page_form_row_begin(struct buf *b, const char *list, int n, const char *noun)
{
	html_raw(b, "<fieldset class=\"samen-rij\" id=\"");
	html_attr(b, list);
	buf_printf(b, "-%d\"><legend class=\"samen-rij__kop\">", n);
	html_txt(b, noun);
	buf_printf(b, " %d</legend><div class=\"samen-rij__velden\">", n);
}

void page_form_row_end(struct buf *b) { html_raw(b, "</div></fieldset>"); }

void page_form_default_button(struct buf *b, const char *label)
{
	html_raw(b, "<button class=\"samen-standaardknop\" type=\"submit\" tabindex=\"-1\" aria-hidden=\"true\">");
	html_txt(b, label);
	html_raw(b, "</button>");
}

void page_form_more_button(struct buf *b, const char *list, const char *label)
{
	html_raw(b, "<p class=\"samen-meer\" id=\"");
	html_attr(b, list);
	html_raw(b, "-rijen\"><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\" "
		    "name=\"meer\" value=\"");
	html_attr(b, list);
	html_raw(b, "\" formnovalidate>");
	html_txt(b, label ? label : "Meer regels");
	html_raw(b, "</button></p>");
}

void page_form_remap(struct problem *p, const char *list, const int *rows, int n)
{
	size_t len = strlen(list);
	for (int i = 0; i < p->nparams; i++) {
		char *name = p->params[i].name, *end;
		if (strncmp(name, list, len) || name[len] != '[')
			continue;
		long k = strtol(name + len + 1, &end, 10);
		if (*end != ']' || k < 0 || k >= n)
			continue;
		char rest[sizeof(p->params[i].name)], fresh[sizeof(p->params[i].name) + 32];
		snprintf(rest, sizeof(rest), "%s", end + 1);
		snprintf(fresh, sizeof(fresh), "%.40s[%d]%.80s", list, rows[k] - 1, rest);
		snprintf(name, sizeof(p->params[i].name), "%.*s", (int)sizeof(p->params[i].name) - 1, fresh);
	}
}

void page_select_field(struct buf *b, const struct page_input *in, const char *const *options, const char *empty_label)
{
	page_select_open(b, in, 0);
	if (empty_label) {
		html_raw(b, "<option value=\"\">");
		html_txt(b, empty_label);
		html_raw(b, "</option>");
	}
	for (int i = 0; options && options[i]; i += 2) {
		html_raw(b, "<option value=\"");
		html_attr(b, options[i]);
		html_raw(b, in->value && !strcmp(in->value, options[i]) ? "\" selected>" : "\">");
		html_txt(b, options[i + 1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

void page_select_json(struct buf *b, const struct page_input *in, json_t *list, const char *key, const char *label_key,
		      const char *empty_label)
{
	size_t n = json_array_size(list), i, k = 0;
	const char **opts = calloc(2 * n + 1, sizeof(*opts));
	char(*ids)[24] = calloc(n + 1, sizeof(*ids));
	if (!opts || !ids) {
		free(opts), free(ids);
		return;
	}
	json_t *x;
	json_array_foreach(list, i, x) {
		json_t *v = json_object_get(x, key);
		const char *value = json_string_value(v);
		if (json_is_integer(v)) {
			snprintf(ids[i], sizeof(ids[i]), "%lld", (long long)json_integer_value(v));
			value = ids[i];
		}
		if (!value)
			continue;
		const char *label = json_string_value(json_object_get(x, label_key));
		opts[k++] = value;
		opts[k++] = label ? label : value;
	}
	page_select_field(b, in, opts, empty_label);
	free(opts), free(ids);
}

int page_safe_return(const char *path)
{
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\' || strlen(path) > 1000)
		return 0;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	/* No scheme can hide in a path that starts with one '/'; the sign-in
	 * and sign-out pages would only go round in a circle. */
	return strncmp(path, "/inloggen", 9) && strncmp(path, "/uitloggen", 10);
}
