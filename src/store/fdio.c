/* Whole reads and writes through a descriptor (fdio.h). */
#include <errno.h>
#include <unistd.h>
#include "store/fdio.h"

int fdio_read_all(int fd, void *to, size_t len)
{
	char *p = to;
	while (len) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fdio_write_all(int fd, const void *from, size_t len)
{
	const char *p = from;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
