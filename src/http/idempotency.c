#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/idempotency.h"
#include "store/idempotency.h"

#define KEY_MAX 255

static int key_valid(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > KEY_MAX)
		return 0;
	for (; *k; k++)
		if ((unsigned char)*k < 0x21 || (unsigned char)*k > 0x7e)
			return 0;
	return 1;
}

/* BLAKE2b of method, path and body: the same key with another request is
 * a mistake, not a repeat. */
static void fingerprint(struct request *rq, char out[65])
{
	unsigned char h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)rq->method, strlen(rq->method) + 1);
	crypto_generichash_update(&st, (const unsigned char *)rq->path, strlen(rq->path) + 1);
	crypto_generichash_update(&st, (const unsigned char *)rq->body, rq->body_len);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int storable(int status) { return (status >= 200 && status < 300) || status == 404 || status == 409 || status == 422; }

int idempotent_run(struct request *rq, struct response *rs, json_t *in, idempotent_op op)
{
	const char *key = req_header(rq, "Idempotency-Key");
	if (!key || rq->actor.role == ROLE_NONE) {
		/* The operation and its audit line in one transaction: one commit
		 * instead of two, and its reads on the writer's warm cache
		 * (store/db_sqlite.c). What op refuses it rolls back itself (its
		 * store call is a savepoint in here); the audit line stays. */
		struct db *db = rq->store->db;
		int tx = db_begin(db) >= 0;
		op(rq, rs, in);
		json_decref(in);
		if (tx && db_commit(db) < 0) {
			db_rollback(db);
			buf_release(&rs->body);
			return api_error(rs, 503, "Kon de wijziging niet vastleggen; probeer het opnieuw.");
		}
		return 0;
	}
	if (!key_valid(key)) {
		json_decref(in);
		return api_error(rs, 400, "Idempotency-Key moet 1 tot %d zichtbare ASCII-tekens zijn.", KEY_MAX);
	}
	char fp[65];
	fingerprint(rq, fp);
	struct db *db = rq->store->db;
	if (db_begin(db) < 0) {
		json_decref(in);
		return api_error(rs, 503, "De database is bezet; probeer het zo opnieuw.");
	}
	struct problem p;
	problem_init(&p);
	struct idempotency_stored_response prev = { 0 };
	int found = idempotency_find(rq->store, rq->actor.user_id, key, fp, &prev, &p);
	if (found > 0) {
		rs->status = prev.status;
		snprintf(rs->content_type, sizeof(rs->content_type), "%s", prev.content_type);
		buf_release(&rs->body);
		buf_adds(&rs->body, prev.body);
		resp_header(rs, "Idempotent-Replayed", "true");
		free(prev.body);
	} else if (found < 0) {
		api_problem(rs, &p);
	} else {
		op(rq, rs, in);
		if (storable(rs->status) && idempotency_store(rq->store, rq->actor.user_id, key, fp, rs->status, rs->content_type,
							      buf_str(&rs->body), &p) < 0) {
			db_rollback(db);
			json_decref(in);
			buf_release(&rs->body);
			return api_problem(rs, &p);
		}
	}
	json_decref(in);
	if (db_commit(db) < 0) {
		db_rollback(db);
		buf_release(&rs->body);
		return api_error(rs, 503, "Kon de wijziging niet vastleggen; probeer het opnieuw met dezelfde Idempotency-Key.");
	}
	return 0;
}
