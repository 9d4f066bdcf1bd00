/* The official code lists (register_codes.h), read from the embedded data
 * files. The files are ours and simple (';' between fields, no quotes, '#'
 * comment lines on top), so a line is split where it stands. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/embedded.h"
#include "core/register_codes.h"

#define MAX_FIELDS 8

/* Copies field i of the line [p, end) (fields split by ';') into out. */
static void field(const char *p, const char *end, int i, char *out, size_t outlen)
{
	for (int k = 0; k < i && p < end; k++) {
		const char *s = memchr(p, ';', (size_t)(end - p));
		p = s ? s + 1 : end;
	}
	const char *s = memchr(p, ';', (size_t)(end - p));
	size_t n = (size_t)((s ? s : end) - p);
	if (n && p[n - 1] == '\r')
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* Calls fn for every data line of the embedded file name (after the
 * comment and the header line) until it returns nonzero; returns that. */
static int each_line(const char *name, int (*fn)(const char *p, const char *end, void *ctx), void *ctx)
{
	const struct embedded_file *f = embedded_find(name);
	if (!f)
		return 0;
	const char *p = (const char *)f->data, *end = p + f->len;
	int header = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (le > p && *p != '#') {
			if (header)
				header = 0;
			else {
				int r = fn(p, le, ctx);
				if (r)
					return r;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

struct gm_find {
	const char *code;
	struct register_gemeente *out;
};

static int gm_match(const char *p, const char *end, void *ctx)
{
	struct gm_find *f = ctx;
	size_t n = strlen(f->code);
	if ((size_t)(end - p) <= n || strncmp(p, f->code, n) || p[n] != ';')
		return 0;
	struct register_gemeente *g = f->out;
	memset(g, 0, sizeof(*g));
	field(p, end, 0, g->code, sizeof(g->code));
	field(p, end, 1, g->naam, sizeof(g->naam));
	field(p, end, 2, g->provincie, sizeof(g->provincie));
	field(p, end, 3, g->van, sizeof(g->van));
	field(p, end, 4, g->tot, sizeof(g->tot));
	char opv[REGISTER_CODES_MAX_SUCCESSORS * 8 + 8];
	field(p, end, 5, opv, sizeof(opv));
	for (char *s = opv; *s && g->nopvolgers < REGISTER_CODES_MAX_SUCCESSORS;) {
		size_t k = strcspn(s, " ");
		if (k && k < sizeof(g->opvolgers[0])) {
			memcpy(g->opvolgers[g->nopvolgers], s, k);
			g->opvolgers[g->nopvolgers++][k] = '\0';
		}
		s += k;
		while (*s == ' ')
			s++;
	}
	return 1;
}

int register_codes_gemeente(const char *code, struct register_gemeente *out)
{
	if (!code || strlen(code) != 6 || strncmp(code, "GM", 2))
		return -1;
	struct register_gemeente g;
	struct gm_find f = { code, out ? out : &g };
	return each_line("data/gemeenten.csv", gm_match, &f) ? 0 : -1;
}

enum register_code_check register_codes_gemeente_on(const char *code, const char *date, struct register_gemeente *out)
{
	struct register_gemeente g;
	if (register_codes_gemeente(code, &g) < 0)
		return REGISTER_CODE_UNKNOWN;
	if (out)
		*out = g;
	char today[DATE_TEXT_LEN];
	if (!date) {
		date_format(date_today(), today);
		date = today;
	}
	if (g.van[0] && strcmp(date, g.van) < 0)
		return REGISTER_CODE_NOT_YET;
	if (g.tot[0] && strcmp(date, g.tot) >= 0)
		return REGISTER_CODE_NO_LONGER;
	return REGISTER_CODE_VALID;
}

int register_codes_provincie(const char *code)
{
	/* The twelve provinces since Flevoland (1986): PV20 Groningen … PV31 Limburg. */
	return code && strlen(code) == 4 && !strncmp(code, "PV", 2) &&
	       ((code[2] == '2' && code[3] >= '0' && code[3] <= '9') || (code[2] == '3' && (code[3] == '0' || code[3] == '1')));
}

struct iv3_find {
	const char *code;
	char *naam;
	size_t naamlen;
};

static int iv3_match(const char *p, const char *end, void *ctx)
{
	struct iv3_find *f = ctx;
	char code[16];
	field(p, end, 0, code, sizeof(code));
	if (strcmp(code, f->code))
		return 0;
	if (f->naam && f->naamlen)
		field(p, end, 1, f->naam, f->naamlen);
	return 1;
}

int register_codes_iv3(const char *code, char *naam, size_t naamlen)
{
	if (!code || !code[0] || strlen(code) > 8)
		return -1;
	struct iv3_find f = { code, naam, naamlen };
	return each_line("data/iv3-taakvelden.csv", iv3_match, &f) ? 0 : -1;
}
