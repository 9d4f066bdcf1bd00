#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/problem.h"

/* Not the whole 6 KB: params are read only up to nparams, and every text is
 * written whole (set_text) before it is read. A request inits several. */
void problem_init(struct problem *p)
{
	p->status = 0;
	p->title[0] = 0;
	p->detail[0] = 0;
	p->nparams = 0;
}

/* Formats into a fixed field; when the text is cut off, drops a trailing
 * incomplete UTF-8 sequence, because a JSON encoder refuses invalid UTF-8
 * and the problem would lose the field. */
__attribute__((format(printf, 3, 0))) static void set_text(char *out, size_t outlen, const char *fmt, va_list ap)
{
	int n = vsnprintf(out, outlen, fmt, ap);
	if (n < 0) {
		out[0] = '\0';
		return;
	}
	size_t len = strlen(out);
	if ((size_t)n <= len)
		return;
	size_t start = len;
	while (start > 0 && ((unsigned char)out[start - 1] & 0xc0) == 0x80 && len - start < 3)
		start--;
	if (start == 0 || (unsigned char)out[start - 1] < 0xc0)
		return; /* ends in ASCII or a complete sequence */
	unsigned char lead = (unsigned char)out[start - 1];
	size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
	if (len - (start - 1) < want)
		out[start - 1] = '\0';
}

__attribute__((format(printf, 3, 4))) static void set_textf(char *out, size_t outlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(out, outlen, fmt, ap);
	va_end(ap);
}

const char *problem_title(int status)
{
	switch (status) {
	case 400: return "Ongeldig verzoek";
	case 401: return "Niet aangemeld";
	case 403: return "Geen toegang";
	case 404: return "Niet gevonden";
	case 405: return "Methode niet toegestaan";
	case 409: return "Bestaat al";
	case 412: return "Voorwaarde niet vervuld";
	case 413: return "Verzoek te groot";
	case 414: return "Adres te lang";
	case 415: return "Verkeerd inhoudstype";
	case 422: return "Niet toegestaan door een regel";
	case 429: return "Te veel pogingen";
	case 431: return "Kopregels te groot";
	case 503: return "Tijdelijk niet beschikbaar";
	default: return "Interne fout";
	}
}

int problem_set(struct problem *p, int status, const char *fmt, ...)
{
	va_list ap;
	p->status = status;
	snprintf(p->title, sizeof(p->title), "%s", problem_title(status));
	va_start(ap, fmt);
	set_text(p->detail, sizeof(p->detail), fmt, ap);
	va_end(ap);
	return -status;
}

int problem_param(struct problem *p, const char *name, const char *fmt, ...)
{
	if (!p->status)
		problem_set(p, 400, "Een of meer velden zijn ongeldig.");
	if (p->nparams < PROBLEM_MAX_PARAMS) {
		struct problem_param *pp = &p->params[p->nparams++];
		va_list ap;
		set_textf(pp->name, sizeof(pp->name), "%s", name);
		va_start(ap, fmt);
		set_text(pp->reason, sizeof(pp->reason), fmt, ap);
		va_end(ap);
	}
	return -p->status;
}

void problem_prefix_params(struct problem *p, const char *prefix)
{
	for (int i = 0; i < p->nparams; i++) {
		char n[sizeof(p->params[i].name)];
		snprintf(n, sizeof(n), "%s%s", prefix, p->params[i].name);
		memcpy(p->params[i].name, n, sizeof(n));
	}
}

int problem_refuse(struct problem *p, const char *param, const char *fmt, ...)
{
	char msg[sizeof(p->detail)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	problem_set(p, 422, "%s", msg);
	if (param)
		problem_param(p, param, "%s", msg);
	p->status = 422;
	return -422;
}
