/* kwaliteitskaart_export.h — the kwaliteitskaart as a spreadsheet (libxlsxwriter) and as
 * CSV, for the municipalities' own tools.
 *
 * Input is JSON as the store gives it: the map (kwaliteitskaart_map in
 * store/kwaliteitskaart.h), already stripped of personal data when the reader may
 * not see it, and optionally the vulnerability list (kwaliteitskaart_vulnerability).
 * Both writers lay out the sheet exactly as the import reads it (one row
 * per person: naam, functie, the personal columns when present, then one
 * column per competence code with the level), so an exported file can be
 * edited and imported again. The caller keeps ownership of the JSON. */
#ifndef SAMEN_REPORT_KWALITEITSKAART_EXPORT_H
#define SAMEN_REPORT_KWALITEITSKAART_EXPORT_H
#include <jansson.h>
#include "core/buf.h"

/* The CSV as Dutch Excel opens it: a UTF-8 byte-order mark, ';' between
 * fields, CRLF. */
void kwaliteitskaart_export_csv(struct buf *out, json_t *map);

/* An .xlsx workbook: sheet "Kwaliteitskaart" (the map, levels shaded,
 * header frozen, filters), "Kwetsbaarheid" (when vulnerability is not
 * NULL: per competence holders, status and substitutes on date) and
 * "Toelichting" (what levels and statuses mean). Returns 0, or -1 with a
 * Dutch reason in err. */
int kwaliteitskaart_export_xlsx(struct buf *out, json_t *map, json_t *vulnerability, const char *date, char *err, size_t errlen);

#endif
