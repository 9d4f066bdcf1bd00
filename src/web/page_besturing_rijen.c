/* Lists of the besturing forms as rows of fields instead of programmer
 * syntax (page_besturing.h): the criteria of a scoring (name and weight;
 * the code is made from the name) and the posten of a business case
 * (organisation by name, kind, year, amount in euros, distribution key,
 * description). "Meer regels" gives three empty rows more (page_form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "web/page_besturing.h"
#include "web/page_form.h"

#define FIELD_NAME 96

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* What was typed (f: the refused form) or the default. */
static const char *typed(const struct form *f, const char *name, const char *dflt)
{
	if (!f)
		return dflt;
	const char *v = form_get(f, name);
	return v ? v : dflt;
}

/* The error of element k of list (as "list[k]" or "list[k].field"). */
static const char *row_error(const struct problem *err, const char *list, int k, const char *field)
{
	char name[96];
	snprintf(name, sizeof(name), "%s[%d].%s", list, k, field);
	const char *e = page_besturing_field_error(err, name);
	if (e || strcmp(field, "*"))
		return e;
	snprintf(name, sizeof(name), "%s[%d]", list, k);
	return page_besturing_field_error(err, name);
}

void page_besturing_slug(const char *naam, char *out, size_t len)
{
	/* Lower-case letters and digits, '-' between words; é → e and the like,
	 * by dropping the accent's byte pair's second part to its base letter. */
	static const struct {
		const char *utf8;
		char ascii;
	} accents[] = { { "\xc3\xa9", 'e' }, { "\xc3\xa8", 'e' }, { "\xc3\xab", 'e' }, { "\xc3\xaa", 'e' }, { "\xc3\xaf", 'i' },
			{ "\xc3\xad", 'i' }, { "\xc3\xb6", 'o' }, { "\xc3\xb3", 'o' }, { "\xc3\xbc", 'u' }, { "\xc3\xba", 'u' },
			{ "\xc3\xa1", 'a' }, { "\xc3\xa4", 'a' }, { "\xc3\xa0", 'a' }, { "\xc3\xa7", 'c' }, { NULL, 0 } };
	size_t k = 0;
	int dash = 0;
	const char *p_left = NULL;
	for (const char *p = naam ? naam : ""; (p_left = p), *p && k + 2 < len;) {
		char c = 0;
		for (int i = 0; accents[i].utf8; i++)
			if (!strncmp(p, accents[i].utf8, 2)) {
				c = accents[i].ascii;
				p += 2;
				break;
			}
		if (!c) {
			unsigned char u = (unsigned char)*p++;
			if (u >= 'A' && u <= 'Z')
				c = (char)(u - 'A' + 'a');
			else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
				c = (char)u;
			else if (u >= 0x80)
				while ((*p & 0xc0) == 0x80) /* the rest of a character without a plain letter */
					p++;
		}
		if (c) {
			if (dash && k)
				out[k++] = '-';
			out[k++] = c;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[k] = 0;
	/* Cut off before the end: stop at the last whole word rather than halfway one. */
	if (k + 2 >= len && p_left && *p_left) {
		char *last = strrchr(out, '-');
		if (last && last > out)
			*last = 0;
	}
	if (!out[0])
		snprintf(out, len, "x");
}

/* ---- criteria ------------------------------------------------------------------------------------ */

/* STAAN's criteria, each with weight 1, as a new scoring starts. */
static const char *const default_criteria[] = {
	"Gedeeld ambitieniveau", "Vergelijkbare belangen",       "Mate van vertrouwen / vermogen tot verbinden",
	"Draagvlak achterban",   "Binnen 2 jaar te effectueren", NULL
};

void page_besturing_criteria_rows(struct buf *b, const struct form *f, const struct problem *err)
{
	int loaded = f != NULL;
	int rows = loaded ? page_form_rows(NULL, f, "cr", 1) : 7;
	const char *error = page_besturing_field_error(err, "criteria");
	html_raw(b,
		 "<fieldset class=\"samen-groep\" aria-describedby=\"cr-uitleg\"><legend>Criteria</legend>"
		 "<p class=\"utrecht-form-field-description\" id=\"cr-uitleg\">Waarop de partners elk taakveld scoren, met het "
		 "gewicht van elk criterium (een geheel getal: 2 telt twee keer zo zwaar als 1). Lege regels tellen niet "
		 "mee.</p>");
	if (error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"cr-1-naam-fout\">");
		html_txt(b, error);
		html_raw(b, "</div>");
	}
	for (int n = 1; n <= rows; n++) {
		char id[FIELD_NAME], name[FIELD_NAME], wid[FIELD_NAME], wname[FIELD_NAME];
		page_form_row_id(id, sizeof(id), "cr", n, "naam");
		page_form_row_name(name, sizeof(name), "cr", n, "naam");
		page_form_row_id(wid, sizeof(wid), "cr", n, "gewicht");
		page_form_row_name(wname, sizeof(wname), "cr", n, "gewicht");
		const char *dflt = !loaded && n <= 5 ? default_criteria[n - 1] : "";
		page_form_row_begin(b, "cr", n, "Criterium");
		page_input_field(b, &(struct page_input){ .id = id,
							  .name = name,
							  .label = "Criterium",
							  .type = "text",
							  .field_class = "samen-veld--breed",
							  .value = typed(f, name, dflt),
							  .error = row_error(err, "criteria", n - 1, "naam")
									   ? row_error(err, "criteria", n - 1, "naam")
								   : row_error(err, "criteria", n - 1, "code")
									   ? row_error(err, "criteria", n - 1, "code")
									   : row_error(err, "criteria", n - 1, "*") });
		page_input_field(b, &(struct page_input){ .id = wid,
							  .name = wname,
							  .label = "Gewicht",
							  .type = "number",
							  .field_class = "samen-veld--smal",
							  .value = typed(f, wname, "1"),
							  .error = row_error(err, "criteria", n - 1, "gewicht") });
		page_form_row_end(b);
	}
	page_form_more_button(b, "cr", "Meer criteria");
	html_raw(b, "</fieldset>");
}

int page_besturing_criteria_read(const struct form *f, json_t *out, struct problem *p, int *rows, int max_rows)
{
	int max = page_form_rows(NULL, f, "cr", 0), k = 0;
	for (int n = 1; n <= max && k < max_rows; n++) {
		char name[FIELD_NAME], wname[FIELD_NAME], code[80], param[64];
		page_form_row_name(name, sizeof(name), "cr", n, "naam");
		page_form_row_name(wname, sizeof(wname), "cr", n, "gewicht");
		const char *naam = form_get(f, name), *w = form_get(f, wname);
		if (!naam || !naam[strspn(naam, " ")])
			continue;
		char *end;
		long gewicht = w && w[0] ? strtol(w, &end, 10) : 1;
		if (w && w[0] && (*end || gewicht < 1 || gewicht > 1000)) {
			snprintf(param, sizeof(param), "criteria[%d].gewicht", k);
			problem_param(p, param, "een gewicht is een geheel getal van 1 tot en met 1000");
			gewicht = 1;
		}
		/* The code is made from the name; the same name twice is the store's to refuse. */
		page_besturing_slug(naam, code, 41);
		json_array_append_new(out, json_pack("{s:s,s:s,s:i}", "code", code, "naam", naam, "gewicht", (int)gewicht));
		rows[k++] = n;
	}
	if (!json_array_size(out) && !p->nparams)
		problem_param(p, "criteria", "geef ten minste één criterium");
	return p->status ? -p->status : 0;
}

/* ---- posten ------------------------------------------------------------------------------------------- */

static const char *const soorten[] = { "kosten", "kosten", "investering", "investering", "besparing", "besparing", NULL };
static const char *const sleutels[] = {
	"gelijk", "gelijk verdeeld", "inwoners", "naar inwoners", "gebruik", "naar gebruik", NULL
};

/* Cents as the amount field writes them: "200000,00". */
static void cents_text(char *out, size_t len, long long c)
{
	unsigned long long a = c < 0 ? 0ULL - (unsigned long long)c : (unsigned long long)c;
	snprintf(out, len, "%s%llu,%02llu", c < 0 ? "-" : "", a / 100, a % 100);
}

void page_besturing_posten_rows(struct buf *b, const struct form *f, const struct problem *err, json_t *posten, json_t *orgs,
				json_t *names)
{
	int loaded = f != NULL;
	int rows = loaded ? page_form_rows(NULL, f, "po", 1) : (int)json_array_size(posten) + 3;
	const char *error = page_besturing_field_error(err, "posten");
	json_t *options = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(orgs, i, c)
		json_array_append_new(options, json_pack("{s:O,s:s}", "code", c, "naam", page_name(names, json_string_value(c))));
	html_raw(b, "<fieldset class=\"samen-groep\" aria-describedby=\"po-uitleg\"><legend>Posten</legend>"
		    "<p class=\"utrecht-form-field-description\" id=\"po-uitleg\">Elke post een regel: van welke gemeente (of "
		    "gedeeld, dan met een verdeelsleutel), de soort, het jaar van de businesscase (1, 2, …) en het bedrag in "
		    "euro's (200.000 of 200000,00). Lege regels tellen niet mee.</p>");
	if (error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message\" id=\"po-fout\">");
		html_txt(b, error);
		html_raw(b, "</div>");
	}
	for (int n = 1; n <= rows; n++) {
		json_t *x = loaded ? NULL : json_array_get(posten, (size_t)n - 1);
		char year[24] = "", amount[48] = "";
		if (x) {
			snprintf(year, sizeof(year), "%lld", (long long)json_integer_value(json_object_get(x, "jaar")));
			cents_text(amount, sizeof(amount), json_integer_value(json_object_get(x, "centen")));
		}
		static const char *const fields[] = {
			"organisatie", "soort", "jaar", "bedrag", "verdeelsleutel", "omschrijving"
		};
		char id[6][FIELD_NAME], name[6][FIELD_NAME];
		for (int k = 0; k < 6; k++) {
			page_form_row_id(id[k], sizeof(id[k]), "po", n, fields[k]);
			page_form_row_name(name[k], sizeof(name[k]), "po", n, fields[k]);
		}
		page_form_row_begin(b, "po", n, "Post");
		page_select_json(b,
				 &(struct page_input){ .id = id[0],
						       .name = name[0],
						       .label = "Gemeente",
						       .value = typed(f, name[0], x ? str(x, "organisatie") : NULL),
						       .error = row_error(err, "posten", n - 1, "organisatie") },
				 options, "code", "naam", "— gedeeld —");
		page_select_field(b,
				  &(struct page_input){ .id = id[1],
							.name = name[1],
							.label = "Soort",
							.field_class = "samen-veld--smal",
							.value = typed(f, name[1], x ? str(x, "soort") : "kosten"),
							.error = row_error(err, "posten", n - 1, "soort") },
				  soorten, NULL);
		page_input_field(b, &(struct page_input){ .id = id[2],
							  .name = name[2],
							  .label = "Jaar",
							  .type = "number",
							  .field_class = "samen-veld--smal",
							  .value = typed(f, name[2], year),
							  .error = row_error(err, "posten", n - 1, "jaar") });
		page_input_field(b, &(struct page_input){ .id = id[3],
							  .name = name[3],
							  .label = "Bedrag (€)",
							  .type = "text",
							  .value = typed(f, name[3], amount),
							  .error = row_error(err, "posten", n - 1, "centen") });
		page_select_field(b,
				  &(struct page_input){ .id = id[4],
							.name = name[4],
							.label = "Verdeelsleutel (bij gedeeld)",
							.value = typed(f, name[4], x ? str(x, "verdeelsleutel") : NULL),
							.error = row_error(err, "posten", n - 1, "verdeelsleutel") },
				  sleutels, "—");
		page_input_field(b, &(struct page_input){
					    .id = id[5],
					    .name = name[5],
					    .label = "Omschrijving",
					    .type = "text",
					    .field_class = "samen-veld--breed",
					    .value = typed(f, name[5], x && str(x, "omschrijving") ? str(x, "omschrijving") : ""),
					    .error = row_error(err, "posten", n - 1, "omschrijving") });
		page_form_row_end(b);
	}
	page_form_more_button(b, "po", "Meer posten");
	html_raw(b, "</fieldset>");
	json_decref(options);
}

/* An amount in euros ("200000", "200.000", "200.000,00", "1234,5", "€ 10") as cents, exactly. */
static int parse_euros(const char *s, long long *cents)
{
	size_t i = 0, digits = 0, group = 0, len = strlen(s);
	long long e = 0;
	int dots = 0, minus = 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '-')
		minus = 1, i++;
	if (i < len && !strncmp(s + i, "€", strlen("€")))
		i += strlen("€");
	while (i < len && s[i] == ' ')
		i++;
	for (; i < len && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')); i++) {
		if (s[i] == '.') {
			if (!digits || (dots ? group != 3 : group > 3))
				return -1;
			dots = 1, group = 0;
			continue;
		}
		if (++digits > 13)
			return -1;
		group++;
		e = e * 10 + (s[i] - '0');
	}
	if (!digits || (dots && group != 3))
		return -1;
	long long c = 0;
	if (i < len && s[i] == ',') {
		i++;
		int n = 0;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (++n > 2)
				return -1;
			else
				c = c * 10 + (s[i] - '0');
		if (!n)
			return -1;
		if (n == 1)
			c *= 10;
	}
	while (i < len && s[i] == ' ')
		i++;
	if (i != len)
		return -1;
	*cents = (minus ? -1 : 1) * (e * 100 + c);
	return 0;
}

int page_besturing_posten_read(const struct form *f, json_t *out, struct problem *p, int *rows, int max_rows)
{
	int max = page_form_rows(NULL, f, "po", 0), k = 0;
	for (int n = 1; n <= max; n++) {
		char nm[6][FIELD_NAME], param[64];
		static const char *const fields[] = {
			"organisatie", "soort", "jaar", "bedrag", "verdeelsleutel", "omschrijving"
		};
		const char *v[6];
		for (int i = 0; i < 6; i++) {
			page_form_row_name(nm[i], sizeof(nm[i]), "po", n, fields[i]);
			v[i] = form_get(f, nm[i]);
			if (v[i] && !v[i][strspn(v[i], " ")])
				v[i] = NULL;
		}
		/* A row is empty when nobody typed a year or an amount in it. */
		if (!v[2] && !v[3])
			continue;
		if (k >= max_rows) {
			problem_param(p, "posten", "te veel posten");
			break;
		}
		char *end;
		long long jaar = v[2] ? strtoll(v[2], &end, 10) : 0, cents = 0;
		if (!v[2] || *end) {
			snprintf(param, sizeof(param), "posten[%d].jaar", k);
			problem_param(p, param, "vul het jaar in als geheel getal (1 is het eerste jaar)");
		}
		if (!v[3] || parse_euros(v[3], &cents) < 0) {
			snprintf(param, sizeof(param), "posten[%d].centen", k);
			problem_param(p, param, "schrijf een bedrag in euro's, bijvoorbeeld 200.000 of 200000,00");
		}
		json_t *o = json_pack("{s:s,s:I,s:I}", "soort", v[1] ? v[1] : "kosten", "jaar", (json_int_t)jaar, "centen",
				      (json_int_t)cents);
		if (v[0])
			json_object_set_new(o, "organisatie", json_string(v[0]));
		/* A key only divides a shared post: with an organisation it means nothing. */
		if (v[4] && !v[0])
			json_object_set_new(o, "verdeelsleutel", json_string(v[4]));
		if (v[5])
			json_object_set_new(o, "omschrijving", json_string(v[5]));
		json_array_append_new(out, o);
		rows[k++] = n;
	}
	if (!json_array_size(out) && !p->nparams)
		problem_param(p, "posten", "geef ten minste één post");
	return p->status ? -p->status : 0;
}
