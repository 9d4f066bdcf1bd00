/* utf8.h — the one UTF-8 validator. Well-formed means Unicode's table 3-7:
 * no overlong forms, no surrogates (U+D800–DFFF), nothing above U+10FFFF,
 * and no lead bytes C0, C1 or F5–FF. Every layer that takes text from
 * outside (bodies, forms, CSV files, the command line) checks it here, so
 * that what one door accepts another can always show. */
#ifndef SAMEN_CORE_UTF8_H
#define SAMEN_CORE_UTF8_H
#include <stddef.h>

/* The length (1–4) of the well-formed sequence at s, of which at most
 * left bytes may be read; 0 when the bytes there are not UTF-8. */
size_t utf8_seq(const unsigned char *s, size_t left);
/* Whether s[0..len) is well-formed UTF-8 (a NUL byte counts as a character). */
int utf8_valid(const char *s, size_t len);
/* The number of code points in the NUL-terminated s, or -1 when it is not UTF-8. */
long utf8_length(const char *s);
/* Copies s (NULL: "") into out[outlen], NUL-terminated, with each byte
 * that is not UTF-8 as replacement (a NUL-terminated string, e.g. "?" or
 * U+FFFD "\xef\xbf\xbd"); never cuts a character in two. */
void utf8_clean(const char *s, const char *replacement, char *out, size_t outlen);

#endif
