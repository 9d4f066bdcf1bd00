/* fields.h — reading and checking fields of a JSON input object.
 *
 * Each function reads one member of `in`. When the member is missing and
 * required, of the wrong type or out of range, it adds an invalid param
 * (name = prefix + field name) to p and returns -1; when it is missing (or
 * null) and optional it returns 0 and leaves *out untouched; when it is
 * present and valid it returns 1. Strings point into `in` (borrowed). */
#ifndef SAMEN_STORE_FIELDS_H
#define SAMEN_STORE_FIELDS_H
#include <jansson.h>
#include <stddef.h>
#include "core/problem.h"

enum { FIELD_OPTIONAL = 0, FIELD_REQUIRED = 1 };

int field_text(json_t *in, const char *name, int required, size_t maxlen, const char **out, struct problem *p);
int field_enum(json_t *in, const char *name, int required, const char *const table[], const char **out, struct problem *p);
int field_date(json_t *in, const char *name, int required, const char **out, struct problem *p);
int field_int(json_t *in, const char *name, int required, long long min, long long max, long long *out, struct problem *p);
int field_bool(json_t *in, const char *name, int required, int *out, struct problem *p);
/* An array (possibly empty) when present; *out borrowed. */
int field_array(json_t *in, const char *name, int required, json_t **out, struct problem *p);
/* Checks a bare string value (an element of an array) the same way. */
int value_date(json_t *v, const char *name, const char **out, struct problem *p);

#endif
