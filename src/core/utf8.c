#include <string.h>
#include "core/utf8.h"

size_t utf8_seq(const unsigned char *s, size_t left)
{
	if (!left)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	/* The second byte's range excludes overlong forms (E0, F0),
	 * surrogates (ED) and code points above U+10FFFF (F4). */
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (n > left || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(p + i, len - i);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

long utf8_length(const char *s)
{
	size_t len = strlen(s);
	long n = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; n++) {
		size_t l = utf8_seq(p + i, len - i);
		if (!l)
			return -1;
		i += l;
	}
	return n;
}

void utf8_clean(const char *s, const char *replacement, char *out, size_t outlen)
{
	if (!outlen)
		return;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p), rl = strlen(replacement), o = 0;
	for (size_t i = 0; i < len;) {
		size_t l = utf8_seq(p + i, len - i);
		const void *from = l ? (const void *)(p + i) : (const void *)replacement;
		size_t n = l ? l : rl;
		if (o + n >= outlen)
			break;
		memcpy(out + o, from, n);
		o += n;
		i += l ? l : 1;
	}
	out[o] = '\0';
}
