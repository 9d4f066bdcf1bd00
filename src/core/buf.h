/* buf.h — a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * Invariants: b->data is NULL or holds b->len bytes followed by a NUL;
 * b->len never exceeds b->cap_limit. A failed append (cap reached or out of
 * memory) leaves the buffer as it was and returns -1; buf_failed() then
 * stays true so that a chain of appends can be checked once at the end.
 *
 * Ownership: buf_release() frees the contents; buf_detach() hands the
 * string to the caller, who frees it with free(). */
#ifndef SAMEN_CORE_BUF_H
#define SAMEN_CORE_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap_limit;
	int failed;
};

#define BUF_DEFAULT_CAP (64u * 1024u * 1024u)

void buf_init(struct buf *b, size_t cap_limit); /* 0: BUF_DEFAULT_CAP */
void buf_release(struct buf *b);
/* Shortens b to its first len bytes (nothing when it is not longer); the
 * memory stays for what is added next. */
void buf_truncate(struct buf *b, size_t len);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
char *buf_detach(struct buf *b);          /* never NULL unless out of memory */
const char *buf_str(const struct buf *b); /* "" when empty */
static inline int buf_failed(const struct buf *b) { return b->failed; }

#endif
