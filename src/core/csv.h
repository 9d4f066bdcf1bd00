/* csv.h — spreadsheet text as municipalities save it: Dutch Excel writes
 * "CSV (gescheiden door lijstscheidingsteken)" with ';' between fields,
 * CRLF line ends and Windows-1252 text, or "CSV UTF-8" with a byte-order
 * mark; other tools write ',' or tabs. This reads all of them and writes
 * the Dutch form back.
 *
 * Reading: csv_to_utf8() first (a copy the caller frees), then
 * csv_detect_separator() on it, then csv_read() record by record. Quoted
 * fields may hold the separator, doubled quotes and line breaks; line
 * numbers are physical lines, so an error names the line a user sees in a
 * text editor. A record owns its fields; csv_record_release() frees them.
 *
 * Caps (a hostile file must not exhaust memory): CSV_MAX_FIELDS fields per
 * record, CSV_MAX_FIELD bytes per field. */
#ifndef SAMEN_CORE_CSV_H
#define SAMEN_CORE_CSV_H
#include <stddef.h>
#include "core/buf.h"

#define CSV_MAX_FIELDS 512
#define CSV_MAX_FIELD 4096

/* What csv_to_utf8() found. */
enum csv_encoding {
	CSV_UTF8 = 0,
	CSV_UTF8_BOM = 1, /* a UTF-8 byte-order mark, removed */
	CSV_CP1252 = 2,   /* not UTF-8: read as Windows-1252 and converted */
};

/* Copies len bytes of in into *out as UTF-8 (NUL-terminated, *outlen
 * bytes): drops a UTF-8 byte-order mark, converts Windows-1252 when the
 * text is not valid UTF-8. Returns the encoding found, or -1 with a Dutch
 * reason in err when the text has a NUL byte or bytes that neither
 * encoding has, or on lack of memory. */
int csv_to_utf8(const char *in, size_t len, char **out, size_t *outlen, char *err, size_t errlen);

/* The separator of the first line (outside quotes): the most frequent of
 * ';', ',' and tab, ';' on a tie; 0 when the line has none of them. */
char csv_detect_separator(const char *text, size_t len);

struct csv_reader {
	const char *p, *end;
	char sep;
	int line;       /* physical line where the next record starts */
	int error_line; /* after a failed csv_read(): the line the error is on */
};

struct csv_record {
	int line;      /* physical line where the record starts */
	size_t n;      /* number of fields */
	char **fields; /* n NUL-terminated fields (quotes removed) */
	struct buf data;
	size_t *offsets;
	size_t cap;
};

void csv_reader_init(struct csv_reader *r, const char *text, size_t len, char sep);
void csv_record_init(struct csv_record *rec);
void csv_record_release(struct csv_record *rec);
/* Reads the next record into rec (its old fields are replaced). Returns 1
 * for a record, 0 at the end, -1 with a Dutch reason in err (and its line
 * in r->error_line) for an unclosed quote, text after a closing quote, or
 * a cap. */
int csv_read(struct csv_reader *r, struct csv_record *rec, char *err, size_t errlen);
/* Whether every field is empty or only spaces (Excel writes ";;;;" for an
 * empty row). */
int csv_record_blank(const struct csv_record *rec);

/* Copies s without leading and trailing spaces and tabs into out (at
 * least outlen bytes; truncates) and returns out. */
char *csv_trim(const char *s, char *out, size_t outlen);

/* Appends one field, quoted when it holds the separator, a quote, a line
 * break or outer spaces. Text that a spreadsheet would take for a formula
 * (starting with = + - @ or a tab) gets a leading apostrophe, which
 * csv_unprotect() removes again on import. */
void csv_write_field(struct buf *b, const char *s, char sep);
/* s without the apostrophe csv_write_field() put before formula-like text. */
const char *csv_unprotect(const char *s);

#endif
