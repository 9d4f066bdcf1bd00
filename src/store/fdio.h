/* Reading and writing a whole span through a file descriptor, going on
 * after a short read or write and an interrupted call (src/store/fdio.c).
 * Used by the kept journal days (urenbank_journaal.c) and by a response
 * body in a file (src/http/request.c). */
#ifndef SAMEN_FDIO_H
#define SAMEN_FDIO_H
#include <stddef.h>

/* 0 when all len bytes were read; -1 on an error or an early end. */
int fdio_read_all(int fd, void *to, size_t len);
/* 0 when all len bytes were written; -1 on an error. */
int fdio_write_all(int fd, const void *from, size_t len);

#endif
