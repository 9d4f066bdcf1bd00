#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "core/date.h"
#include "core/register.h"
#include "core/kwaliteitskaart.h"

/* ---- the vulnerability rules ------------------------------------------- */

const char *kwaliteitskaart_status_name(enum kwaliteitskaart_status s)
{
	switch (s) {
	case KWALITEITSKAART_ONTBREEKT: return "ontbreekt";
	case KWALITEITSKAART_EEN_PITTER: return "een-pitter";
	case KWALITEITSKAART_GEDEKT: return "gedekt";
	}
	return "ontbreekt";
}

enum kwaliteitskaart_status kwaliteitskaart_status_of(long long holders)
{
	return holders <= 0 ? KWALITEITSKAART_ONTBREEKT : holders == 1 ? KWALITEITSKAART_EEN_PITTER : KWALITEITSKAART_GEDEKT;
}

static const char *const level_names[] = { "basis", "ervaren", "expert" };

const char *kwaliteitskaart_level_name(int niveau) { return niveau >= 1 && niveau <= 3 ? level_names[niveau - 1] : NULL; }

int kwaliteitskaart_level_parse(const char *s)
{
	char t[16];
	size_t n = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && n + 1 < sizeof(t); s++)
		t[n++] = (char)tolower((unsigned char)*s);
	if (*s)
		return 0;
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	t[n] = '\0';
	if (n == 1 && t[0] >= '1' && t[0] <= '3')
		return t[0] - '0';
	for (int i = 0; i < 3; i++)
		if (!strcmp(t, level_names[i]))
			return i + 1;
	return 0;
}

struct kwaliteitskaart_moment kwaliteitskaart_moment_year(int year) { return (struct kwaliteitskaart_moment){ year, DATE_NONE }; }

struct kwaliteitskaart_moment kwaliteitskaart_moment_date(int32_t date)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	return (struct kwaliteitskaart_moment){ y, date };
}

int kwaliteitskaart_retired(int pensioenjaar, int year) { return pensioenjaar > 0 && pensioenjaar < year; }

int kwaliteitskaart_absent(const struct kwaliteitskaart_person *p, int32_t date)
{
	if (date == DATE_NONE)
		return 0;
	for (size_t i = 0; i < p->nabsences; i++)
		if (p->absences[i].van <= date && date <= p->absences[i].tot)
			return 1;
	return 0;
}

int kwaliteitskaart_available(const struct kwaliteitskaart_person *p, struct kwaliteitskaart_moment m)
{
	return !kwaliteitskaart_retired(p->pensioenjaar, m.year) && !kwaliteitskaart_absent(p, m.date);
}

int kwaliteitskaart_is_holder(const struct kwaliteitskaart_person *p, struct kwaliteitskaart_moment m)
{
	return p->niveau >= KWALITEITSKAART_HOLDER_LEVEL && kwaliteitskaart_available(p, m);
}

long long kwaliteitskaart_count_holders(const struct kwaliteitskaart_person *p, size_t n, struct kwaliteitskaart_moment m)
{
	long long c = 0;
	for (size_t i = 0; i < n; i++)
		c += kwaliteitskaart_is_holder(&p[i], m);
	return c;
}

int kwaliteitskaart_substitution_counts(const struct kwaliteitskaart_substitution *s, struct kwaliteitskaart_moment m)
{
	return s->holder && s->substitute && !kwaliteitskaart_retired(s->holder->pensioenjaar, m.year) &&
	       kwaliteitskaart_is_holder(s->substitute, m);
}

size_t kwaliteitskaart_substitutes(const struct kwaliteitskaart_substitution *s, size_t n, struct kwaliteitskaart_moment m,
				   size_t *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!kwaliteitskaart_substitution_counts(&s[i], m))
			continue;
		int seen = 0;
		for (size_t j = 0; j < k && !seen; j++)
			seen = s[out[j]].substitute->id == s[i].substitute->id;
		if (!seen)
			out[k++] = i;
	}
	return k;
}

/* ---- the sheet ------------------------------------------------------------ */

const char *const kwaliteitskaart_column_names[] = { "naam",         "functie", "uurPerWeek", "beschikbaarUurPerWeek",
						     "pensioenjaar", "email",   NULL };

/* Header spellings people use, without case, spaces, '-' and '_'. */
static const struct {
	const char *name;
	enum kwaliteitskaart_column col;
} aliases[] = {
	{ "naam", KWALITEITSKAART_COL_NAAM },
	{ "medewerker", KWALITEITSKAART_COL_NAAM },
	{ "functie", KWALITEITSKAART_COL_FUNCTIE },
	{ "uurperweek", KWALITEITSKAART_COL_UUR },
	{ "urenperweek", KWALITEITSKAART_COL_UUR },
	{ "beschikbaaruurperweek", KWALITEITSKAART_COL_BESCHIKBAAR },
	{ "beschikbareurenperweek", KWALITEITSKAART_COL_BESCHIKBAAR },
	{ "beschikbaar", KWALITEITSKAART_COL_BESCHIKBAAR },
	{ "pensioenjaar", KWALITEITSKAART_COL_PENSIOENJAAR },
	{ "email", KWALITEITSKAART_COL_EMAIL },
	{ NULL, KWALITEITSKAART_COL__COUNT },
};

void kwaliteitskaart_sheet_error(struct kwaliteitskaart_sheet *sh, int line, const char *column, const char *fmt, ...)
{
	if (sh->nerrors >= KWALITEITSKAART_SHEET_MAX_ERRORS) {
		sh->more_errors = 1;
		return;
	}
	if (!sh->errors) {
		sh->errors = calloc(KWALITEITSKAART_SHEET_MAX_ERRORS, sizeof(*sh->errors));
		if (!sh->errors) {
			sh->more_errors = 1;
			return;
		}
	}
	struct kwaliteitskaart_sheet_error *e = &sh->errors[sh->nerrors++];
	e->line = line;
	snprintf(e->column, sizeof(e->column), "%s", column ? column : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

void kwaliteitskaart_sheet_error_text(const struct kwaliteitskaart_sheet_error *e, char *out, size_t outlen)
{
	if (e->line && e->column[0])
		snprintf(out, outlen, "regel %d, kolom '%s': %s", e->line, e->column, e->message);
	else if (e->line)
		snprintf(out, outlen, "regel %d: %s", e->line, e->message);
	else
		snprintf(out, outlen, "%s", e->message);
}

void kwaliteitskaart_sheet_release(struct kwaliteitskaart_sheet *sh)
{
	for (size_t i = 0; i < sh->ncodes; i++)
		free(sh->codes[i]);
	free(sh->codes);
	for (size_t i = 0; i < sh->nrows; i++) {
		free(sh->rows[i].naam);
		for (int c = 0; c < KWALITEITSKAART_COL__COUNT; c++)
			free(sh->rows[i].text[c]);
		free(sh->rows[i].niveaus);
	}
	free(sh->rows);
	free(sh->errors);
	memset(sh, 0, sizeof(*sh));
}

/* The column a header cell names: a fixed column (>= 0), a competence
 * (-1, its code lower-cased into code), or nothing (-2, empty). */
static int header_column(const char *cell, char *code, size_t codelen)
{
	char t[CSV_MAX_FIELD + 1], norm[80];
	csv_trim(cell, t, sizeof(t));
	if (!t[0])
		return -2;
	size_t n = 0;
	for (const char *c = t; *c && n + 1 < sizeof(norm); c++)
		if (*c != ' ' && *c != '-' && *c != '_')
			norm[n++] = (char)tolower((unsigned char)*c);
	norm[n] = '\0';
	for (int i = 0; aliases[i].name; i++)
		if (!strcmp(norm, aliases[i].name))
			return (int)aliases[i].col;
	n = 0;
	for (const char *c = t; *c && n + 1 < codelen; c++)
		code[n++] = (char)tolower((unsigned char)*c);
	code[n] = '\0';
	return -1;
}

/* Parses a whole number in [min, max] from a trimmed cell; -1 on failure. */
static int parse_number(const char *s, long long min, long long max, long long *out)
{
	long long v = 0;
	if (!*s)
		return -1;
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9' || v > 100000)
			return -1;
		v = v * 10 + (*c - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* What a column of the header is. */
struct column {
	int kind;    /* enum kwaliteitskaart_column, -1 competence (index code), -2 unnamed */
	size_t code; /* index into sh->codes */
	char label[64];
};

static void check_number(struct kwaliteitskaart_sheet *sh, struct kwaliteitskaart_sheet_row *row, int col, const char *label,
			 const char *v, long long min, long long max, const char *what)
{
	if (!v[0])
		return;
	if (parse_number(v, min, max, &row->num[col]) < 0)
		kwaliteitskaart_sheet_error(sh, row->line, label,
					    "%s moet een geheel getal van %lld tot en met %lld zijn, niet '%.40s'", what, min,
					    max, v);
}

static void read_row(struct kwaliteitskaart_sheet *sh, const struct csv_record *rec, const struct column *cols, size_t ncols,
		     struct kwaliteitskaart_sheet_row *row)
{
	char v[CSV_MAX_FIELD + 1];
	row->line = rec->line;
	for (int c = 0; c < KWALITEITSKAART_COL__COUNT; c++)
		row->num[c] = -1;
	for (size_t i = 0; i < ncols && i < rec->n; i++) {
		const struct column *col = &cols[i];
		csv_trim(csv_unprotect(rec->fields[i]), v, sizeof(v));
		if (col->kind == -2) {
			if (v[0])
				kwaliteitskaart_sheet_error(sh, row->line, "",
							    "kolom %zu heeft geen naam in de kopregel, maar wel een waarde",
							    i + 1);
			continue;
		}
		if (col->kind == -1) {
			if (!v[0])
				continue;
			int lvl = kwaliteitskaart_level_parse(v);
			if (!lvl)
				kwaliteitskaart_sheet_error(
					sh, row->line, col->label,
					"niveau moet 1, 2 of 3 zijn (basis, ervaren, expert) of leeg, niet '%.40s'", v);
			row->niveaus[col->code] = lvl;
			continue;
		}
		switch ((enum kwaliteitskaart_column)col->kind) {
		case KWALITEITSKAART_COL_NAAM:
			if (!v[0])
				kwaliteitskaart_sheet_error(sh, row->line, col->label, "de naam ontbreekt");
			else if (!register_text_valid(v, 200))
				kwaliteitskaart_sheet_error(sh, row->line, col->label,
							    "de naam is te lang (hoogstens 200 tekens) of bevat "
							    "ongeldige tekens");
			else
				row->naam = strdup(v);
			break;
		case KWALITEITSKAART_COL_FUNCTIE:
		case KWALITEITSKAART_COL_EMAIL:
			if (!v[0])
				break;
			if (!register_text_valid(v, col->kind == KWALITEITSKAART_COL_EMAIL ? 254 : 200))
				kwaliteitskaart_sheet_error(sh, row->line, col->label, "te lang of ongeldige tekens");
			else if (col->kind == KWALITEITSKAART_COL_EMAIL && (!strchr(v, '@') || strchr(v, ' ')))
				kwaliteitskaart_sheet_error(sh, row->line, col->label, "'%.60s' is geen e-mailadres", v);
			else
				row->text[col->kind] = strdup(v);
			break;
		case KWALITEITSKAART_COL_UUR: check_number(sh, row, col->kind, col->label, v, 1, 60, "uren per week"); break;
		case KWALITEITSKAART_COL_BESCHIKBAAR:
			check_number(sh, row, col->kind, col->label, v, 0, 60, "beschikbare uren per week");
			break;
		case KWALITEITSKAART_COL_PENSIOENJAAR:
			check_number(sh, row, col->kind, col->label, v, 1950, 2100, "het pensioenjaar");
			break;
		case KWALITEITSKAART_COL__COUNT: break;
		}
	}
	if (row->num[KWALITEITSKAART_COL_UUR] > 0 &&
	    row->num[KWALITEITSKAART_COL_BESCHIKBAAR] > row->num[KWALITEITSKAART_COL_UUR])
		kwaliteitskaart_sheet_error(sh, row->line, kwaliteitskaart_column_names[KWALITEITSKAART_COL_BESCHIKBAAR],
					    "%lld beschikbare uren is meer dan de %lld uren per week",
					    row->num[KWALITEITSKAART_COL_BESCHIKBAAR], row->num[KWALITEITSKAART_COL_UUR]);
}

/* The other separator rec seems split by, or 0: a record short of cells
 * whose text, split by it too, would about fill the header's columns (a
 * comma inside one functie does not count). */
static char other_separator(const struct csv_record *rec, char sep, size_t ncols)
{
	static const char seps[] = { ';', ',', '\t' };
	for (size_t k = 0; k < sizeof(seps); k++) {
		if (seps[k] == sep)
			continue;
		size_t extra = 0;
		for (size_t i = 0; i < rec->n; i++)
			for (const char *c = rec->fields[i]; *c; c++)
				extra += *c == seps[k];
		if (extra && rec->n + extra + 1 >= ncols)
			return seps[k];
	}
	return 0;
}

static const char *sep_name(char sep) { return sep == ';' ? "puntkomma (;)" : sep == ',' ? "komma (,)" : "tab"; }

static int read_header(struct kwaliteitskaart_sheet *sh, const struct csv_record *rec, int (*known)(const char *, void *),
		       void *ctx, struct column **cols_out)
{
	struct column *cols = calloc(rec->n, sizeof(*cols));
	sh->codes = calloc(rec->n, sizeof(*sh->codes));
	if (!cols || !sh->codes) {
		free(cols);
		kwaliteitskaart_sheet_error(sh, 0, NULL, "onvoldoende geheugen");
		return -1;
	}
	for (size_t i = 0; i < rec->n; i++) {
		char code[CSV_MAX_FIELD + 1];
		struct column *c = &cols[i];
		c->kind = header_column(rec->fields[i], code, sizeof(code));
		if (c->kind >= 0)
			snprintf(c->label, sizeof(c->label), "%s", kwaliteitskaart_column_names[c->kind]);
		else if (c->kind == -1)
			snprintf(c->label, sizeof(c->label), "%.63s", code);
		for (size_t j = 0; j < i && c->kind != -2; j++)
			if (cols[j].kind == c->kind && (c->kind >= 0 || !strcmp(cols[j].label, c->label))) {
				kwaliteitskaart_sheet_error(sh, rec->line, c->label,
							    "de kolom staat twee keer in de kopregel (kolom %zu en %zu)", j + 1,
							    i + 1);
				c->kind = -3;
				break;
			}
		if (c->kind != -1)
			continue;
		if (!register_slug_valid(code) || !known(code, ctx)) {
			kwaliteitskaart_sheet_error(
				sh, rec->line, c->label,
				"'%.40s' is geen bekende competentie; voeg haar toe aan de competentielijst of "
				"verwijder de kolom (vaste kolommen: naam, functie, uurPerWeek, beschikbaarUurPerWeek, "
				"pensioenjaar, email)",
				code);
			c->kind = -3;
			continue;
		}
		c->code = sh->ncodes;
		sh->codes[sh->ncodes++] = strdup(code);
	}
	for (int k = 0; k < KWALITEITSKAART_COL__COUNT; k++)
		for (size_t i = 0; i < rec->n; i++)
			if (cols[i].kind == k)
				sh->has[k] = 1;
	if (!sh->has[KWALITEITSKAART_COL_NAAM])
		kwaliteitskaart_sheet_error(sh, rec->line, NULL,
					    "de kopregel heeft geen kolom 'naam'; de eerste regel moet de "
					    "kolomnamen geven (naam;functie;uurPerWeek;…;competentiecodes)");
	*cols_out = cols;
	return sh->nerrors ? -1 : 0;
}

/* The rows by name, to find a name twice in one sheet without comparing
 * every pair (a sheet of 20 000 people took a second): open addressing
 * over row indices + 1, twice as many slots as rows may be. */
#define NAME_SLOTS (1u << 16)
_Static_assert(NAME_SLOTS >= 2 * KWALITEITSKAART_SHEET_MAX_ROWS, "NAME_SLOTS");

/* The index of an earlier row named as row is, or -1 after noting row. */
static int name_seen(int *slots, const struct kwaliteitskaart_sheet *sh, size_t row)
{
	if (!slots) /* no memory for the index: compare with every row */
		for (size_t i = 0; i < row; i++)
			if (sh->rows[i].naam && !strcmp(sh->rows[i].naam, sh->rows[row].naam))
				return (int)i;
	if (!slots)
		return -1;
	unsigned h = 2166136261u; /* FNV-1a */
	for (const char *c = sh->rows[row].naam; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (unsigned k = h & (NAME_SLOTS - 1);; k = (k + 1) & (NAME_SLOTS - 1)) {
		if (!slots[k]) {
			slots[k] = (int)row + 1;
			return -1;
		}
		if (!strcmp(sh->rows[slots[k] - 1].naam, sh->rows[row].naam))
			return slots[k] - 1;
	}
}

int kwaliteitskaart_sheet_parse(const char *text, size_t len, int (*known)(const char *code, void *ctx), void *ctx,
				struct kwaliteitskaart_sheet *sh)
{
	memset(sh, 0, sizeof(*sh));
	char err[300];
	char *utf8 = NULL;
	size_t ulen = 0;
	int enc = csv_to_utf8(text, len, &utf8, &ulen, err, sizeof(err));
	if (enc < 0) {
		kwaliteitskaart_sheet_error(sh, 0, NULL, "%s", err);
		return -1;
	}
	sh->encoding = enc;
	size_t k = 0;
	while (k < ulen && (utf8[k] == ' ' || utf8[k] == '\t' || utf8[k] == '\r' || utf8[k] == '\n'))
		k++;
	if (k == ulen) {
		kwaliteitskaart_sheet_error(sh, 0, NULL,
					    "het bestand is leeg; verwacht een kopregel (naam;functie;…) en een "
					    "regel per medewerker");
		free(utf8);
		return -1;
	}
	struct csv_reader r;
	struct csv_record rec;
	struct column *cols = NULL;
	size_t ncols = 0;
	csv_record_init(&rec);
	int *names = calloc(NAME_SLOTS, sizeof(*names));
	/* The header is the first non-blank record; its separator counts. */
	const char *first = utf8;
	int first_line = 1;
	while (first < utf8 + ulen && (*first == '\r' || *first == '\n')) {
		if (*first == '\n' || (*first == '\r' && (first + 1 == utf8 + ulen || first[1] != '\n')))
			first_line++;
		first++;
	}
	sh->sep = csv_detect_separator(first, (size_t)(utf8 + ulen - first));
	csv_reader_init(&r, first, (size_t)(utf8 + ulen - first), sh->sep ? sh->sep : ';');
	r.line = first_line;
	int got = csv_read(&r, &rec, err, sizeof(err));
	if (got < 0) {
		kwaliteitskaart_sheet_error(sh, r.error_line, NULL, "%s", err);
		goto out;
	}
	if (!sh->sep) {
		kwaliteitskaart_sheet_error(
			sh, rec.line, NULL,
			"kan het scheidingsteken niet bepalen: de kopregel bevat geen puntkomma, komma of tab. "
			"Sla het bestand op als CSV (gescheiden door lijstscheidingsteken)");
		goto out;
	}
	ncols = rec.n;
	if (read_header(sh, &rec, known, ctx, &cols) < 0)
		goto out;
	size_t cap = 0;
	while ((got = csv_read(&r, &rec, err, sizeof(err))) > 0) {
		if (csv_record_blank(&rec))
			continue;
		if (rec.n > ncols) {
			/* Trailing empty cells (a stray separator) do no harm. */
			size_t used = rec.n;
			while (used > ncols && !rec.fields[used - 1][0])
				used--;
			if (used > ncols) {
				kwaliteitskaart_sheet_error(sh, rec.line, NULL, "%zu cellen, maar de kopregel heeft %zu kolommen",
							    used, ncols);
				continue;
			}
		}
		char other = rec.n < ncols ? other_separator(&rec, sh->sep, ncols) : 0;
		if (other) {
			kwaliteitskaart_sheet_error(
				sh, rec.line, NULL,
				"%zu cel(len) waar de kopregel %zu kolommen heeft: deze regel gebruikt een %s als "
				"scheidingsteken en de kopregel een %s; gebruik overal hetzelfde",
				rec.n, ncols, sep_name(other), sep_name(sh->sep));
			continue;
		}
		if (sh->nrows >= KWALITEITSKAART_SHEET_MAX_ROWS) {
			kwaliteitskaart_sheet_error(sh, rec.line, NULL,
						    "meer dan %d medewerkers in één bestand; splits het bestand",
						    KWALITEITSKAART_SHEET_MAX_ROWS);
			break;
		}
		if (sh->nrows == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct kwaliteitskaart_sheet_row *rows = realloc(sh->rows, ncap * sizeof(*rows));
			if (!rows) {
				kwaliteitskaart_sheet_error(sh, rec.line, NULL, "onvoldoende geheugen");
				break;
			}
			sh->rows = rows;
			cap = ncap;
		}
		struct kwaliteitskaart_sheet_row *row = &sh->rows[sh->nrows++];
		memset(row, 0, sizeof(*row));
		row->niveaus = calloc(sh->ncodes ? sh->ncodes : 1, sizeof(int));
		if (!row->niveaus) {
			kwaliteitskaart_sheet_error(sh, rec.line, NULL, "onvoldoende geheugen");
			break;
		}
		read_row(sh, &rec, cols, ncols, row);
		int before = row->naam ? name_seen(names, sh, sh->nrows - 1) : -1;
		if (before >= 0)
			kwaliteitskaart_sheet_error(sh, row->line, "naam", "'%.80s' staat ook op regel %d; één regel per medewerker",
						    row->naam, sh->rows[before].line);
	}
	if (got < 0)
		kwaliteitskaart_sheet_error(sh, r.error_line, NULL, "%s", err);
	else if (!sh->nrows && !sh->nerrors)
		kwaliteitskaart_sheet_error(sh, 0, NULL, "het bestand heeft alleen een kopregel; er staan geen medewerkers in");
out:
	free(names);
	free(cols);
	csv_record_release(&rec);
	free(utf8);
	return sh->nerrors || sh->more_errors ? -1 : 0;
}
