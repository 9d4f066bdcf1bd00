#include <stdio.h>
#include <string.h>
#include "store/listing.h"

const char *listing_pattern(const struct listing *l, char *out, size_t outlen)
{
	if (!l || !l->search || !l->search[0] || outlen < 8)
		return NULL;
	size_t k = 0;
	out[k++] = '%';
	for (const char *p = l->search; *p && k + 4 < outlen; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == '%' || c == '_' || c == '\\')
			out[k++] = '\\';
		out[k++] = c;
	}
	/* A cut in the middle of a UTF-8 sequence would match nothing sensible. */
	while (k > 1 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 1 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0)
		k--;
	out[k++] = '%';
	out[k] = 0;
	return out;
}

const char *listing_order(const struct listing *l, const struct listing_column cols[], int default_desc, const char *tiebreak,
			  char *out, size_t outlen)
{
	const struct listing_column *c = &cols[0];
	int desc = default_desc;
	if (l && l->sort) {
		for (int i = 0; cols[i].key; i++) {
			if (!strcmp(cols[i].key, l->sort)) {
				c = &cols[i];
				desc = l->desc;
				break;
			}
		}
	}
	/* The tiebreak only makes the order total; its direction does not matter. */
	int n = snprintf(out, outlen, " ORDER BY %s %s, %s", c->expr, desc ? "DESC" : "ASC", tiebreak);
	if (l && l->limit > 0 && n > 0 && (size_t)n < outlen)
		snprintf(out + n, outlen - (size_t)n, " LIMIT %lld OFFSET %lld", l->limit, l->offset > 0 ? l->offset : 0);
	return out;
}
