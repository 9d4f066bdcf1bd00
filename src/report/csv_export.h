/* csv_export.h — tables as CSV the way Dutch Excel opens them: a UTF-8
 * byte-order mark, ';' between fields, CRLF after every row, text that a
 * spreadsheet would take for a formula protected (core/csv.h). Every CSV
 * download of samen is written through here, so they all open alike.
 *
 * Figures are written as a Dutch spreadsheet reads them: whole numbers
 * bare (1234), money with a decimal comma and no thousands dots (1234,56),
 * hours as hours:minutes (12:30, negative -1:15). The caller owns out. */
#ifndef SAMEN_REPORT_CSV_EXPORT_H
#define SAMEN_REPORT_CSV_EXPORT_H
#include "core/buf.h"

struct csv_export {
	struct buf *out;
	int fields; /* fields written in the current row */
};

/* Starts the file (the byte-order mark) and writes the header row of the
 * NULL-terminated head (a leading '#' is left out, as in the page tables). */
void csv_export_begin(struct csv_export *w, struct buf *out, const char *const head[]);
void csv_export_text(struct csv_export *w, const char *s); /* NULL: an empty field */
void csv_export_int(struct csv_export *w, long long v);
void csv_export_cents(struct csv_export *w, long long cents);
void csv_export_hundredths(struct csv_export *w, long long v); /* a score in hundredths: 3,45 */
void csv_export_minutes(struct csv_export *w, long long minutes);
void csv_export_row_end(struct csv_export *w);

#endif
