/* The stored responses behind Idempotency-Key (idempotency.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/idempotency.h"

int idempotency_find(struct store *s, long long user, const char *key, const char *fingerprint,
		     struct idempotency_stored_response *out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT vingerafdruk, status, content_type, antwoord FROM idempotentie"
				      " WHERE gebruiker_id = ? AND sleutel = ?",
				      "lt", user, key);
	int r = 0;
	if (db_step(st) == DB_ROW) {
		if (strcmp(db_col_text(st, 0), fingerprint)) {
			r = problem_set(p, 422,
					"Deze Idempotency-Key is al gebruikt voor een ander verzoek; kies voor elk "
					"nieuw verzoek een nieuwe sleutel.");
		} else {
			out->status = (int)db_col_int(st, 1);
			snprintf(out->content_type, sizeof(out->content_type), "%s", db_col_text(st, 2));
			out->body = strdup(db_col_text(st, 3));
			r = out->body ? 1 : problem_set(p, 500, "geen geheugen");
		}
	}
	db_finalize(st);
	return r;
}

int idempotency_store(struct store *s, long long user, const char *key, const char *fingerprint, int status,
		      const char *content_type, const char *body, struct problem *p)
{
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO idempotentie(gebruiker_id, sleutel, vingerafdruk, status, content_type, antwoord, aangemaakt)"
		       " VALUES(?, ?, ?, ?, ?, ?, ?)",
		       "lttittt", user, key, fingerprint, status, content_type, body, now);
	return r < 0 ? store_db_problem(s, r, p, "Idempotency-Key") : 0;
}
