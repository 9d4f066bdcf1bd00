#include <stdlib.h>
#include "core/csv.h"
#include "report/csv_export.h"

static void sep(struct csv_export *w)
{
	if (w->fields++)
		buf_addc(w->out, ';');
}

void csv_export_begin(struct csv_export *w, struct buf *out, const char *const head[])
{
	w->out = out;
	w->fields = 0;
	buf_adds(out, "\xef\xbb\xbf");
	for (int i = 0; head && head[i]; i++)
		csv_export_text(w, head[i] + (head[i][0] == '#'));
	if (head)
		csv_export_row_end(w);
}

void csv_export_text(struct csv_export *w, const char *s)
{
	sep(w);
	if (s)
		csv_write_field(w->out, s, ';');
}

void csv_export_int(struct csv_export *w, long long v)
{
	sep(w);
	buf_printf(w->out, "%lld", v);
}

void csv_export_cents(struct csv_export *w, long long cents)
{
	sep(w);
	unsigned long long a = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	buf_printf(w->out, "%s%llu,%02llu", cents < 0 ? "-" : "", a / 100, a % 100);
}

void csv_export_hundredths(struct csv_export *w, long long v) { csv_export_cents(w, v); }

void csv_export_minutes(struct csv_export *w, long long minutes)
{
	sep(w);
	unsigned long long a = minutes < 0 ? 0ULL - (unsigned long long)minutes : (unsigned long long)minutes;
	buf_printf(w->out, "%s%llu:%02llu", minutes < 0 ? "-" : "", a / 60, a % 60);
}

void csv_export_row_end(struct csv_export *w)
{
	buf_adds(w->out, "\r\n");
	w->fields = 0;
}
