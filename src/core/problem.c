#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/problem.h"

void problem_init(struct problem *p) { memset(p, 0, sizeof(*p)); }

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
	case 415: return "Verkeerd inhoudstype";
	case 422: return "Niet toegestaan door een regel";
	case 429: return "Te veel pogingen";
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
	vsnprintf(p->detail, sizeof(p->detail), fmt, ap);
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
		snprintf(pp->name, sizeof(pp->name), "%s", name);
		va_start(ap, fmt);
		vsnprintf(pp->reason, sizeof(pp->reason), fmt, ap);
		va_end(ap);
	}
	return -p->status;
}
