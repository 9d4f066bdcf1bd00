/* jsonpos.h — where in a JSON text a value sits. jansson forgets positions
 * once it has parsed; an import error names a path such as
 * "verbanden[1].trajecten[0].deelnemers[2]", and this finds its line so
 * the message can point at it. */
#ifndef SAMEN_CORE_JSONPOS_H
#define SAMEN_CORE_JSONPOS_H
#include <stddef.h>

/* The 1-based line on which the value at path starts, or of its deepest
 * existing ancestor; 0 when the text is not valid enough to tell. A path
 * segment is an object key or [index]; "" is the root. */
int jsonpos_line(const char *text, size_t len, const char *path);

#endif
