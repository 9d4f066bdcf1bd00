/* The data-free rules of the dienstverlening proeftuin (dienstverlening.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/dienstverlening.h"

/* A number of up to six digits at *p; advances p. -1 when none. */
static long read_number(const char **p)
{
	long v = 0;
	int digits = 0;
	while (**p >= '0' && **p <= '9') {
		if (++digits > 6)
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return digits ? v : -1;
}

int dienstverlening_duration_parse(const char *s, int *maanden, int *dagen)
{
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	long m = 0, d = 0;
	if (*s >= '0' && *s <= '9') {
		d = read_number(&s);
	} else if (*s == 'P') {
		s++;
		int parts = 0, last = 0; /* order: Y M W D */
		static const char units[] = "YMWD";
		while (*s && *s != ' ') {
			long v = read_number(&s);
			const char *u = v < 0 ? NULL : strchr(units, *s);
			if (!u || !*s || (int)(u - units) < last)
				return -1;
			last = (int)(u - units) + 1;
			switch (*s) {
			case 'Y': m += v * 12; break;
			case 'M': m += v; break;
			case 'W': d += v * 7; break;
			default: d += v; break;
			}
			s++;
			parts++;
		}
		if (!parts)
			return -1;
	} else {
		return -1;
	}
	while (*s == ' ')
		s++;
	if (*s || d < 0 || m > 1200 || d > 36600)
		return -1;
	*maanden = (int)m;
	*dagen = (int)d;
	return 0;
}

void dienstverlening_duration_text(int maanden, int dagen, char *out, size_t len)
{
	char m[32] = "", d[32] = "";
	if (maanden)
		snprintf(m, sizeof(m), "%d %s", maanden, maanden == 1 ? "maand" : "maanden");
	if (dagen && dagen % 7 == 0)
		snprintf(d, sizeof(d), "%d %s", dagen / 7, dagen == 7 ? "week" : "weken");
	else if (dagen)
		snprintf(d, sizeof(d), "%d %s", dagen, dagen == 1 ? "dag" : "dagen");
	if (!maanden && !dagen)
		snprintf(out, len, "geen");
	else
		snprintf(out, len, "%s%s%s", m, m[0] && d[0] ? " en " : "", d);
}

const char *dienstverlening_status_name(enum dienstverlening_status s)
{
	switch (s) {
	case DIENSTVERLENING_GEDEELD: return "gedeeld";
	case DIENSTVERLENING_VERSCHILT: return "verschilt";
	case DIENSTVERLENING_UNIEK: return "uniek";
	}
	return "uniek";
}

/* s lowercased (ASCII), without outer spaces and with runs of spaces as
 * one, into out (cut off at len - 1 bytes). */
static void norm(const char *s, char *out, size_t len)
{
	size_t o = 0;
	int space = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && o + 2 < len; s++) {
		if (*s == ' ' || *s == '\t') {
			space = 1;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
	}
	out[o] = '\0';
}

/* Equal ignoring ASCII case, outer spaces and runs of spaces. */
static int same_text(const char *a, const char *b)
{
	char x[512], y[512];
	norm(a, x, sizeof(x));
	norm(b, y, sizeof(y));
	return !strcmp(x, y);
}

static int group_has_org(const struct dienstverlening_groep *g, const struct dienstverlening_zaaktype *z, const char *org)
{
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(z[g->leden[i]].org, org))
			return 1;
	return 0;
}

static int group_add(struct dienstverlening_groep *g, size_t idx)
{
	size_t *l = realloc(g->leden, (g->n + 1) * sizeof(*l));
	if (!l)
		return -1;
	g->leden = l;
	g->leden[g->n++] = idx;
	return 0;
}

static void judge(struct dienstverlening_groep *g, const struct dienstverlening_zaaktype *z)
{
	g->norgs = 0;
	for (size_t i = 0; i < g->n; i++) {
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(z[g->leden[i]].org, z[g->leden[j]].org);
		g->norgs += !seen;
	}
	const struct dienstverlening_zaaktype *f = &z[g->leden[0]];
	for (size_t i = 1; i < g->n; i++) {
		const struct dienstverlening_zaaktype *x = &z[g->leden[i]];
		if (!same_text(f->omschrijving, x->omschrijving))
			g->verschil |= DIENSTVERLENING_NAAM;
		if (f->maanden != x->maanden || f->dagen != x->dagen)
			g->verschil |= DIENSTVERLENING_TERMIJN;
		if (!same_text(f->identificatie, x->identificatie))
			g->verschil |= DIENSTVERLENING_IDENTIFICATIE;
	}
	g->status = g->norgs < 2 ? DIENSTVERLENING_UNIEK : g->verschil ? DIENSTVERLENING_VERSCHILT : DIENSTVERLENING_GEDEELD;
}

void dienstverlening_groups_free(struct dienstverlening_groep *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++)
		free(g[i].leden);
	free(g);
}

int dienstverlening_compare(const struct dienstverlening_zaaktype *z, size_t n, struct dienstverlening_groep **out, size_t *nout)
{
	struct dienstverlening_groep *g = calloc(n ? n : 1, sizeof(*g));
	size_t ng = 0;
	if (!g)
		return -1;
	/* By identificatie. */
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < ng && !same_text(z[g[k].leden[0]].identificatie, z[i].identificatie))
			k++;
		if (k == ng)
			ng++;
		if (group_add(&g[k], i) < 0)
			goto fail;
	}
	/* A group of one member joins an earlier-formed group with the same name
	 * that lacks that member: the same zaaktype under another identificatie. */
	for (size_t k = 0; k < ng; k++) {
		if (!g[k].n)
			continue;
		const char *org = z[g[k].leden[0]].org;
		int one = 1;
		for (size_t i = 1; i < g[k].n; i++)
			one &= !strcmp(z[g[k].leden[i]].org, org);
		if (!one)
			continue;
		for (size_t t = 0; t < ng; t++) {
			if (t == k || !g[t].n || group_has_org(&g[t], z, org))
				continue;
			int same = 0;
			for (size_t i = 0; i < g[t].n && !same; i++)
				for (size_t j = 0; j < g[k].n && !same; j++)
					same = same_text(z[g[t].leden[i]].omschrijving, z[g[k].leden[j]].omschrijving);
			if (!same)
				continue;
			for (size_t j = 0; j < g[k].n; j++)
				if (group_add(&g[t], g[k].leden[j]) < 0)
					goto fail;
			free(g[k].leden);
			g[k].leden = NULL;
			g[k].n = 0;
			break;
		}
	}
	/* Close the gaps left by merged groups, keeping the order; sort each
	 * group's members back into input order. */
	size_t w = 0;
	for (size_t k = 0; k < ng; k++) {
		if (!g[k].n)
			continue;
		struct dienstverlening_groep x = g[k];
		for (size_t i = 1; i < x.n; i++)
			for (size_t j = i; j > 0 && x.leden[j - 1] > x.leden[j]; j--) {
				size_t t = x.leden[j];
				x.leden[j] = x.leden[j - 1];
				x.leden[j - 1] = t;
			}
		judge(&x, z);
		g[w++] = x;
	}
	for (size_t i = 1; i < w; i++) /* in the order of their first zaaktype */
		for (size_t j = i; j > 0 && g[j - 1].leden[0] > g[j].leden[0]; j--) {
			struct dienstverlening_groep t = g[j];
			g[j] = g[j - 1];
			g[j - 1] = t;
		}
	*out = g;
	*nout = w;
	return 0;
fail:
	dienstverlening_groups_free(g, ng);
	return -1;
}
