#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "core/kwaliteitskaart.h"
#include "report/csv_export.h"
#include "report/kwaliteitskaart_export.h"

/* The columns of a sheet: naam, functie, the personal ones the map has,
 * then the competences. */
static const char *const personal[] = { "uurPerWeek", "beschikbaarUurPerWeek", "pensioenjaar", "email", NULL };

/* Whether the map's records carry personal data (it was not stripped). */
static int has_personal(json_t *map)
{
	json_t *first = json_array_get(json_object_get(map, "medewerkers"), 0);
	return first && json_object_get(first, "pensioenjaar") != NULL;
}

void kwaliteitskaart_export_csv(struct buf *out, json_t *map)
{
	json_t *comps = json_object_get(map, "competenties"), *people = json_object_get(map, "medewerkers");
	int priv = has_personal(map);
	size_t i, k;
	json_t *x, *c;
	struct csv_export w;
	csv_export_begin(&w, out, NULL);
	csv_export_text(&w, "naam");
	csv_export_text(&w, "functie");
	for (k = 0; priv && personal[k]; k++)
		csv_export_text(&w, personal[k]);
	json_array_foreach(comps, i, c)
		csv_export_text(&w, json_string_value(json_object_get(c, "code")));
	csv_export_row_end(&w);
	json_array_foreach(people, i, x) {
		csv_export_text(&w, json_string_value(json_object_get(x, "naam")));
		csv_export_text(&w, json_string_value(json_object_get(x, "functie")));
		for (k = 0; priv && personal[k]; k++) {
			json_t *v = json_object_get(x, personal[k]);
			if (json_is_integer(v))
				csv_export_int(&w, (long long)json_integer_value(v));
			else
				csv_export_text(&w, json_string_value(v));
		}
		json_t *lv = json_object_get(x, "niveaus");
		json_array_foreach(comps, k, c) {
			json_t *n = json_object_get(lv, json_string_value(json_object_get(c, "code")));
			if (json_is_integer(n))
				csv_export_int(&w, (long long)json_integer_value(n));
			else
				csv_export_text(&w, NULL);
		}
		csv_export_row_end(&w);
	}
}

struct formats {
	lxw_format *head, *level[4], *status[3], *wrap;
};

static void formats_init(lxw_workbook *wb, struct formats *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xDCE6F1);
	format_set_bottom(f->head, LXW_BORDER_MEDIUM);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
	/* Levels shaded light to dark; the number itself stays the information. */
	static const lxw_color_t level_bg[4] = { 0, 0xE2EFDA, 0xA9D08E, 0x548235 };
	for (int i = 1; i <= 3; i++) {
		f->level[i] = workbook_add_format(wb);
		format_set_bg_color(f->level[i], level_bg[i]);
		format_set_align(f->level[i], LXW_ALIGN_CENTER);
		if (i == 3)
			format_set_font_color(f->level[i], LXW_COLOR_WHITE);
	}
	f->level[0] = NULL;
	static const lxw_color_t status_bg[3] = { 0xF8CBAD, 0xFFE699, 0xC6EFCE };
	for (int i = 0; i < 3; i++) {
		f->status[i] = workbook_add_format(wb);
		format_set_bg_color(f->status[i], status_bg[i]);
	}
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
}

static const char *str(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));
	return s ? s : "";
}

static void map_sheet(lxw_workbook *wb, struct formats *f, json_t *map)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Kwaliteitskaart");
	json_t *comps = json_object_get(map, "competenties"), *people = json_object_get(map, "medewerkers");
	int priv = has_personal(map);
	lxw_col_t col = 0;
	worksheet_write_string(ws, 0, col++, "naam", f->head);
	worksheet_write_string(ws, 0, col++, "functie", f->head);
	for (int k = 0; priv && personal[k]; k++)
		worksheet_write_string(ws, 0, col++, personal[k], f->head);
	lxw_col_t first_comp = col;
	size_t i, k;
	json_t *x, *c;
	json_array_foreach(comps, i, c) {
		worksheet_write_string(ws, 0, col, str(c, "code"), f->head);
		/* The readable name as a comment on the header cell. */
		worksheet_write_comment(ws, 0, col, str(c, "naam"));
		col++;
	}
	lxw_row_t row = 1;
	json_array_foreach(people, i, x) {
		col = 0;
		worksheet_write_string(ws, row, col++, str(x, "naam"), NULL);
		worksheet_write_string(ws, row, col++, str(x, "functie"), NULL);
		for (int p = 0; priv && personal[p]; p++, col++) {
			json_t *v = json_object_get(x, personal[p]);
			if (json_is_integer(v))
				worksheet_write_number(ws, row, col, (double)json_integer_value(v), NULL);
			else if (json_is_string(v))
				worksheet_write_string(ws, row, col, json_string_value(v), NULL);
		}
		json_t *lv = json_object_get(x, "niveaus");
		json_array_foreach(comps, k, c) {
			json_t *n = json_object_get(lv, str(c, "code"));
			long long v = json_is_integer(n) ? (long long)json_integer_value(n) : 0;
			if (v >= 1 && v <= 3)
				worksheet_write_number(ws, row, col, (double)v, f->level[v]);
			col++;
		}
		row++;
	}
	lxw_col_t last = first_comp + (lxw_col_t)json_array_size(comps);
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 1, 30, NULL);
	if (first_comp > 2)
		worksheet_set_column(ws, 2, first_comp - 1, 12, NULL);
	if (last > first_comp)
		worksheet_set_column(ws, first_comp, last - 1, 11, NULL);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_freeze_panes(ws, 1, 1);
	worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, last > 0 ? last - 1 : 0);
}

static void vulnerability_sheet(lxw_workbook *wb, struct formats *f, json_t *vul, const char *date)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Kwetsbaarheid");
	static const char *const head[] = { "competentie", "naam", "houders", "status", "vervangers", "status met vervangers" };
	for (lxw_col_t c = 0; c < 6; c++)
		worksheet_write_string(ws, 0, c, head[c], f->head);
	size_t i, k;
	json_t *x, *v;
	lxw_row_t row = 1;
	json_array_foreach(vul, i, x) {
		const char *status = str(x, "status");
		int si = !strcmp(status, "gedekt") ? 2 : !strcmp(status, "een-pitter") ? 1 : 0;
		worksheet_write_string(ws, row, 0, str(x, "competentie"), NULL);
		worksheet_write_string(ws, row, 1, str(x, "naam"), NULL);
		worksheet_write_number(ws, row, 2, (double)json_integer_value(json_object_get(x, "houders")), NULL);
		worksheet_write_string(ws, row, 3, si == 1 ? "één-pitter" : status, f->status[si]);
		struct buf names;
		buf_init(&names, 16384);
		json_array_foreach(json_object_get(x, "vervangers"), k, v)
			buf_printf(&names, "%s%s (%s)", k ? ", " : "", str(v, "naam"), str(v, "organisatie"));
		worksheet_write_string(ws, row, 4, buf_str(&names), f->wrap);
		buf_release(&names);
		const char *with = str(x, "statusMetVervangers");
		worksheet_write_string(ws, row, 5, !strcmp(with, "een-pitter") ? "één-pitter" : with, NULL);
		row++;
	}
	worksheet_write_string(ws, row + 1, 0, "Peildatum", f->head);
	worksheet_write_string(ws, row + 1, 1, date ? date : "", NULL);
	worksheet_set_column(ws, 0, 1, 24, NULL);
	worksheet_set_column(ws, 2, 3, 12, NULL);
	worksheet_set_column(ws, 4, 4, 48, NULL);
	worksheet_set_column(ws, 5, 5, 20, NULL);
	worksheet_freeze_panes(ws, 1, 0);
}

static void notes_sheet(lxw_workbook *wb, struct formats *f, json_t *map)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Toelichting");
	static const char *const lines[][2] = {
		{ "Niveau 1", "basis: kan het met begeleiding" },
		{ "Niveau 2", "ervaren: kan het zelfstandig; telt als houder" },
		{ "Niveau 3", "expert: kan het anderen leren; telt als houder" },
		{ "ontbreekt", "niemand met niveau 2 of 3 beschikbaar" },
		{ "één-pitter", "precies één houder: kwetsbaar bij ziekte, vakantie of vertrek" },
		{ "gedekt", "twee of meer houders" },
		{ "Pensioenjaar", "wie pensioenjaar P heeft, werkt in jaar P nog en is vanaf 1 januari van P+1 weg" },
		{ "Opnieuw inlezen",
		  "bewerk het blad Kwaliteitskaart, sla het op als CSV en lees het in via /kwaliteitskaart/import" },
	};
	worksheet_write_string(ws, 0, 0, "Kwaliteitskaart", f->head);
	char title[300];
	snprintf(title, sizeof(title), "%s (%s)", str(map, "naam"), str(map, "organisatie"));
	worksheet_write_string(ws, 0, 1, title, f->head);
	for (lxw_row_t r = 0; r < sizeof(lines) / sizeof(lines[0]); r++) {
		worksheet_write_string(ws, r + 2, 0, lines[r][0], NULL);
		worksheet_write_string(ws, r + 2, 1, lines[r][1], f->wrap);
	}
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 1, 90, NULL);
}

int kwaliteitskaart_export_xlsx(struct buf *out, json_t *map, json_t *vulnerability, const char *date, char *err, size_t errlen)
{
	/* libxlsxwriter writes a file; a private temporary one, read back. */
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/samen-kaart-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		snprintf(err, errlen, "kan geen tijdelijk bestand maken: %s", strerror(errno));
		return -1;
	}
	close(fd);
	int r = -1;
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		snprintf(err, errlen, "kan de werkmap niet aanmaken");
		goto out;
	}
	char title[300];
	snprintf(title, sizeof(title), "Kwaliteitskaart %s", str(map, "naam"));
	lxw_doc_properties props = { .title = title, .author = "samen", .company = (char *)str(map, "naam") };
	workbook_set_properties(wb, &props);
	struct formats f;
	formats_init(wb, &f);
	map_sheet(wb, &f, map);
	if (vulnerability)
		vulnerability_sheet(wb, &f, vulnerability, date);
	notes_sheet(wb, &f, map);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		snprintf(err, errlen, "de werkmap is niet geschreven: %s", lxw_strerror(e));
		goto out;
	}
	FILE *in = fopen(path, "rb");
	if (!in) {
		snprintf(err, errlen, "kan de werkmap niet teruglezen: %s", strerror(errno));
		goto out;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		buf_add(out, chunk, n);
	int bad = ferror(in) || buf_failed(out);
	fclose(in);
	if (bad)
		snprintf(err, errlen, "kan de werkmap niet teruglezen");
	else
		r = 0;
out:
	unlink(path);
	return r;
}
