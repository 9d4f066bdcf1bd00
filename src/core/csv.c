#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "core/utf8.h"

/* Windows-1252 0x80–0x9F; 0 where the code page has no character. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xe0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

int csv_to_utf8(const char *in, size_t len, char **out, size_t *outlen, char *err, size_t errlen)
{
	const unsigned char *u = (const unsigned char *)in;
	int enc = CSV_UTF8;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		u += 3, len -= 3;
		enc = CSV_UTF8_BOM;
	}
	if (memchr(u, '\0', len)) {
		/* UTF-16 (Excel's "Unicode-tekst") is full of NUL bytes. */
		snprintf(err, errlen,
			 "het bestand bevat NUL-tekens (is het UTF-16?); sla het op als CSV (UTF-8 of "
			 "gescheiden door lijstscheidingsteken)");
		return -1;
	}
	int valid = 1;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(u + i, len - i);
		if (!n) {
			valid = 0;
			break;
		}
		i += n;
	}
	struct buf b;
	buf_init(&b, len * 3 + 16);
	if (valid || enc == CSV_UTF8_BOM) {
		if (!valid) {
			snprintf(err, errlen, "het bestand begint als UTF-8 maar bevat ongeldige UTF-8-tekens");
			return -1;
		}
		buf_add(&b, u, len);
	} else {
		enc = CSV_CP1252;
		for (size_t i = 0; i < len; i++) {
			unsigned cp = u[i];
			if (cp >= 0x80 && cp < 0xa0 && !(cp = cp1252_high[cp - 0x80])) {
				snprintf(err, errlen,
					 "het bestand is geen UTF-8 en geen Windows-1252 (byte 0x%02X); sla het op "
					 "als CSV UTF-8",
					 u[i]);
				buf_release(&b);
				return -1;
			}
			put_utf8(&b, cp);
		}
	}
	if (buf_failed(&b) || !b.data) {
		if (!buf_failed(&b) && !b.data) {
			*out = calloc(1, 1);
			*outlen = 0;
			if (*out)
				return enc;
		}
		buf_release(&b);
		snprintf(err, errlen, "onvoldoende geheugen");
		return -1;
	}
	*outlen = b.len;
	*out = buf_detach(&b);
	return enc;
}

char csv_detect_separator(const char *text, size_t len)
{
	size_t semi = 0, comma = 0, tab = 0;
	int quoted = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ';')
			semi++;
		else if (c == ',')
			comma++;
		else if (c == '\t')
			tab++;
	}
	if (!semi && !comma && !tab)
		return 0;
	if (semi >= comma && semi >= tab)
		return ';';
	return comma >= tab ? ',' : '\t';
}

void csv_reader_init(struct csv_reader *r, const char *text, size_t len, char sep)
{
	r->p = text;
	r->end = text + len;
	r->sep = sep;
	r->line = 1;
}

void csv_record_init(struct csv_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	buf_init(&rec->data, (size_t)CSV_MAX_FIELDS * (CSV_MAX_FIELD + 1));
}

void csv_record_release(struct csv_record *rec)
{
	buf_release(&rec->data);
	free(rec->offsets);
	free(rec->fields);
	memset(rec, 0, sizeof(*rec));
}

static int end_field(struct csv_record *rec, size_t start, char *err, size_t errlen)
{
	if (rec->data.len - start > CSV_MAX_FIELD) {
		snprintf(err, errlen, "een veld is langer dan %d tekens", CSV_MAX_FIELD);
		return -1;
	}
	if (rec->n >= CSV_MAX_FIELDS) {
		snprintf(err, errlen, "meer dan %d kolommen", CSV_MAX_FIELDS);
		return -1;
	}
	if (rec->n == rec->cap) {
		size_t cap = rec->cap ? rec->cap * 2 : 16;
		size_t *o = realloc(rec->offsets, cap * sizeof(*o));
		if (!o) {
			snprintf(err, errlen, "onvoldoende geheugen");
			return -1;
		}
		rec->offsets = o;
		rec->cap = cap;
	}
	rec->offsets[rec->n++] = start;
	if (buf_addc(&rec->data, '\0') < 0) {
		snprintf(err, errlen, "de regel is te lang");
		return -1;
	}
	return 0;
}

/* Consumes a line break at *p (CRLF, LF or a lone CR); 1 when there was one. */
static int line_break(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		return 1;
	}
	if (r->p < r->end && *r->p == '\n') {
		r->p++;
		r->line++;
		return 1;
	}
	return 0;
}

int csv_read(struct csv_reader *r, struct csv_record *rec, char *err, size_t errlen)
{
	if (r->p >= r->end)
		return 0;
	rec->n = 0;
	rec->data.len = 0;
	rec->data.failed = 0;
	if (rec->data.data)
		rec->data.data[0] = '\0';
	rec->line = r->line;
	r->error_line = r->line;
	size_t start = 0;
	for (;;) {
		/* One field. */
		if (r->p < r->end && *r->p == '"') {
			int open_line = r->line;
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					snprintf(err, errlen, "een aanhalingsteken (\") wordt niet gesloten");
					r->error_line = open_line;
					return -1;
				}
				char c = *r->p;
				if (c == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						buf_addc(&rec->data, '"');
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (c == '\r' || c == '\n') {
					line_break(r);
					buf_addc(&rec->data, '\n');
					continue;
				}
				buf_addc(&rec->data, c);
				r->p++;
			}
			/* After the closing quote: spaces, then a separator or the end of the line. */
			while (r->p < r->end && *r->p == ' ')
				r->p++;
			if (r->p < r->end && *r->p != r->sep && *r->p != '\r' && *r->p != '\n') {
				snprintf(err, errlen,
					 "tekst na een afsluitend aanhalingsteken; zet het hele veld tussen "
					 "aanhalingstekens en verdubbel aanhalingstekens erin (\"\")");
				r->error_line = r->line;
				return -1;
			}
		} else {
			while (r->p < r->end && *r->p != r->sep && *r->p != '\r' && *r->p != '\n')
				buf_addc(&rec->data, *r->p++);
		}
		if (buf_failed(&rec->data)) {
			snprintf(err, errlen, "de regel is te lang");
			return -1;
		}
		if (end_field(rec, start, err, errlen) < 0)
			return -1;
		start = rec->data.len;
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			continue;
		}
		line_break(r);
		break;
	}
	free(rec->fields);
	rec->fields = malloc(rec->n * sizeof(*rec->fields));
	if (!rec->fields) {
		snprintf(err, errlen, "onvoldoende geheugen");
		return -1;
	}
	for (size_t i = 0; i < rec->n; i++)
		rec->fields[i] = rec->data.data + rec->offsets[i];
	return 1;
}

int csv_record_blank(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		for (const char *c = rec->fields[i]; *c; c++)
			if (*c != ' ' && *c != '\t')
				return 0;
	return 1;
}

char *csv_trim(const char *s, char *out, size_t outlen)
{
	if (!outlen)
		return out;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static int formula_like(const char *s) { return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t'; }

void csv_write_field(struct buf *b, const char *s, char sep)
{
	if (!s)
		return;
	size_t n = strlen(s);
	int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
	for (const char *c = s; *c && !quote; c++)
		if (*c == sep || *c == '"' || *c == '\n' || *c == '\r')
			quote = 1;
	if (quote)
		buf_addc(b, '"');
	if (formula_like(s) || (s[0] == '\'' && formula_like(s + 1)))
		buf_addc(b, '\'');
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			buf_addc(b, '"');
		buf_addc(b, *c);
	}
	if (quote)
		buf_addc(b, '"');
}

const char *csv_unprotect(const char *s) { return s[0] == '\'' && formula_like(s + 1) ? s + 1 : s; }
