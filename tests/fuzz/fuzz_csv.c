/* CSV as municipalities save it (core/csv.h): encoding, separator, records. */
#include "core/csv.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL, err[200];
	size_t len = 0;
	if (csv_to_utf8((const char *)data, size, &text, &len, err, sizeof(err)) < 0)
		return 0;
	char sep = csv_detect_separator(text, len);
	struct csv_reader r;
	csv_reader_init(&r, text, len, sep ? sep : ';');
	struct csv_record rec;
	csv_record_init(&rec);
	struct buf out;
	buf_init(&out, 1 << 20);
	for (int n = 0; n < 100000 && csv_read(&r, &rec, err, sizeof(err)) > 0; n++) {
		csv_record_blank(&rec);
		for (size_t i = 0; i < rec.n; i++) {
			char trimmed[CSV_MAX_FIELD + 1];
			csv_trim(rec.fields[i], trimmed, sizeof(trimmed));
			csv_unprotect(trimmed);
			csv_write_field(&out, rec.fields[i], ';');
		}
	}
	csv_record_release(&rec);
	buf_release(&out);
	free(text);
	return 0;
}
