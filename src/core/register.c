#include <stdio.h>
#include <string.h>
#include "core/register.h"
#include "core/register_codes.h"
#include "core/utf8.h"

const char *const register_org_soorten[] = { "gemeente", "provincie", "waterschap", "gr", "ssc", "overig", NULL };
const char *const register_taakveld_soorten[] = { "bedrijfsvoering", "uitvoering", "beleid", NULL };
const char *const register_doelen[] = { "klant",     "kosten",       "kwetsbaarheid",
					"kwaliteit", "kennisdeling", "toekomstkansen-medewerkers",
					NULL };
const char *const register_lid_rollen[] = { "lid", "gastheer", "toehoorder", NULL };
const char *const register_fasen[] = { "verkenning", "businesscase", "besluitvorming", "implementatie",
				       "uitvoering", "evaluatie",    "beeindigd",      NULL };
const char *const register_vormen[] = { "netwerk",
					"convenant",
					"dvo",
					"centrumregeling",
					"bedrijfsvoeringsorganisatie",
					"gemeenschappelijk-orgaan",
					"openbaar-lichaam",
					"ambtelijke-fusie",
					NULL };
const char *const register_intensiteiten[] = { "informatie", "afstemming", "bijstand", "gezamenlijke-uitvoering",
					       "integratie", NULL };

int enum_index(const char *const table[], const char *value)
{
	if (!value)
		return -1;
	for (int i = 0; table[i]; i++)
		if (!strcmp(table[i], value))
			return i;
	return -1;
}

void enum_list(const char *const table[], char *out, size_t outlen)
{
	size_t n = 0, used = 0;
	if (!outlen)
		return;
	while (table[n])
		n++;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < outlen; i++) {
		const char *sep = i == 0 ? "" : (i + 1 == n ? " of " : ", ");
		int w = snprintf(out + used, outlen - used, "%s%s", sep, table[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

int register_org_code_valid(const char *code, const char *soort)
{
	if (!code || !soort)
		return 0;
	if (!strcmp(soort, "gemeente"))
		return !strncmp(code, "GM", 2) && digits(code + 2, 4);
	if (!strcmp(soort, "provincie"))
		return !strncmp(code, "PV", 2) && digits(code + 2, 2);
	if (!strcmp(soort, "waterschap"))
		return !strncmp(code, "WS", 2) && digits(code + 2, 4);
	size_t n = strlen(code);
	if (n < 2 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

int register_tooi(const char *code, const char *soort, char *out, size_t outlen)
{
	if (strcmp(soort, "gemeente") && strcmp(soort, "provincie") && strcmp(soort, "waterschap"))
		return -1;
	/* An identifier only for a code that exists: the CBS list of
	 * municipalities and the twelve provinces (register_codes.h). */
	if (!strcmp(soort, "gemeente") && register_codes_gemeente(code, NULL) < 0)
		return -1;
	if (!strcmp(soort, "provincie") && !register_codes_provincie(code))
		return -1;
	char lower[40];
	size_t i;
	for (i = 0; code[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
	lower[i] = '\0';
	int w = snprintf(out, outlen, "https://identifier.overheid.nl/tooi/id/%s/%s", soort, lower);
	if (w < 0 || (size_t)w >= outlen) {
		/* Half a URI would point somewhere else: give none. */
		if (outlen)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

int register_slug_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 1 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

int register_text_valid(const char *s, size_t maxlen)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > maxlen)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c < 0x80) {
			/* CR is allowed because browsers send a textarea's lines as CRLF. */
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		/* Well-formed UTF-8 (core/utf8.h), but no C1 control characters
		 * (U+0080..U+009F, lead byte C2). */
		size_t l = utf8_seq(p + i, n - i);
		if (!l || (c == 0xc2 && p[i + 1] < 0xa0))
			return 0;
		i += l;
	}
	return 1;
}
