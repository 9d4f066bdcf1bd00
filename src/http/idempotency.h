/* idempotency.h — POSTs that honour an Idempotency-Key header.
 *
 * idempotent_run() runs op(rq, rs, in) in one transaction (with the audit
 * line op writes: one commit). With a key (and a signed-in actor)
 * it does so inside one transaction together with storing the key, a
 * fingerprint of the request and op's response, per user; a repeat with the
 * same key and request gets the first response (Idempotent-Replayed: true)
 * and nothing happens twice; the same key with another request is refused
 * (422). Outcomes of op (2xx, 404, 409, 422) are stored; refusals before it
 * and server trouble are not, so a corrected retry can still succeed.
 * It takes over `in` (json_decref) and always returns 0. */
#ifndef SAMEN_HTTP_IDEMPOTENCY_H
#define SAMEN_HTTP_IDEMPOTENCY_H
#include "http/request.h"

typedef void (*idempotent_op)(struct request *rq, struct response *rs, json_t *in);

int idempotent_run(struct request *rq, struct response *rs, json_t *in, idempotent_op op);

#endif
