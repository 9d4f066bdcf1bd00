/* problem.h — what went wrong, in the shape of RFC 9457 problem details.
 *
 * Every layer reports errors by filling a struct problem: core and store say
 * which class of error (status), a Dutch title and detail, and for field
 * errors the invalid params. The HTTP layer renders it as
 * application/problem+json; the CLI prints detail and the params.
 * A struct problem owns no heap memory: fixed buffers, truncated if long. */
#ifndef SAMEN_CORE_PROBLEM_H
#define SAMEN_CORE_PROBLEM_H

#define PROBLEM_MAX_PARAMS 16

struct problem_param {
	char name[128];
	char reason[256];
};

struct problem {
	int status; /* 0 = no problem; else the HTTP status class: 400, 401, 403, 404, 409, 413, 422, 500 */
	char title[128];
	char detail[512];
	int nparams;
	struct problem_param params[PROBLEM_MAX_PARAMS];
};

void problem_init(struct problem *p);
/* Sets status, the standard title for it and a detail; returns -status so
 * that callers can write `return problem_set(p, 422, "…")`. */
int problem_set(struct problem *p, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds an invalid param; sets status 400 and a detail when none is set yet.
 * Returns -p->status. */
int problem_param(struct problem *p, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A 422 (a rule of the domain refuses it, or the body names something
 * that does not exist) whose detail and — when param is not NULL — invalid
 * param say the same. Returns -422. */
int problem_refuse(struct problem *p, const char *param, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *problem_title(int status); /* Dutch standard title */
/* Puts prefix before every invalid param's name ("verbanden[1]." + "code"),
 * for errors found inside a part of a larger document. */
void problem_prefix_params(struct problem *p, const char *prefix);

#endif
