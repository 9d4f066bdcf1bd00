#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/utf8.h"
#include "http/form.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a fresh string, or NULL when malformed. */
static char *decode(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
			int lo = hi >= 0 ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				free(out);
				return NULL;
			}
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '\0') {
			free(out);
			return NULL;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	if (!utf8_valid(out, o)) {
		free(out);
		return NULL;
	}
	return out;
}

void form_release(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->f[i].name);
		free(f->f[i].value);
	}
	f->n = 0;
}

int form_parse(struct form *f, const char *body, size_t len)
{
	f->n = 0;
	if (len > FORM_MAX_BODY)
		return -1;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			if (f->n >= FORM_MAX_FIELDS)
				goto bad;
			const char *eq = memchr(body + i, '=', end - i);
			size_t nl = eq ? (size_t)(eq - (body + i)) : end - i;
			char *name = decode(body + i, nl);
			char *value = eq ? decode(eq + 1, end - i - nl - 1) : strdup("");
			if (!name || !value) {
				free(name);
				free(value);
				goto bad;
			}
			f->f[f->n].name = name;
			f->f[f->n].value = value;
			f->n++;
		}
		i = end + 1;
	}
	return 0;
bad:
	form_release(f);
	return -1;
}

const char *form_get(const struct form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].name, name))
			return f->f[i].value;
	return NULL;
}

int form_is_urlencoded(struct request *rq)
{
	const char *ct = req_header(rq, "Content-Type");
	return ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33) && (ct[33] == '\0' || ct[33] == ';');
}
