#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "store/accounts.h"

int accounts_init(void) { return sodium_init() < 0 ? -1 : 0; }

void accounts_new_secret(char out[ACCOUNTS_SECRET_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, ACCOUNTS_SECRET_LEN, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* Hex BLAKE2b-256 of a secret; secrets are high-entropy, so a fast hash is
 * enough to make a leaked table useless. */
static void secret_hash(const char *secret, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static void now_text(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int accounts_bootstrap_admin(struct store *s, const char *token, struct problem *p)
{
	if (strlen(token) < 16)
		return problem_set(p, 400, "SAMEN_ADMIN_TOKEN moet ten minste 16 tekens lang zijn.");
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet.");
	struct db_stmt *st = db_query(s->db, "SELECT count(*) FROM gebruikers", NULL);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_finalize(st);
	if (n != 0) {
		db_rollback(s->db);
		return n < 0 ? problem_set(p, 500, "Kan de gebruikers niet lezen.") : 0;
	}
	char now[32], hash[65];
	now_text(now);
	secret_hash(token, hash);
	if (db_run(s->db, "INSERT INTO gebruikers(naam, rol, aangemaakt) VALUES('beheerder', 'beheerder', ?)", "t", now) < 0 ||
	    db_run(s->db, "INSERT INTO api_tokens(gebruiker_id, hash, omschrijving, aangemaakt) VALUES(?, ?, ?, ?)", "ltt" "t",
		   db_last_id(s->db), hash, "SAMEN_ADMIN_TOKEN", now) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kan de beheerder niet aanmaken: %s", db_errmsg(s->db));
	}
	accounts_audit(s, "systeem", "beheerder-aanmaken", "gebruiker beheerder", "gelukt", "SAMEN_ADMIN_TOKEN");
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kan de beheerder niet vastleggen.");
	}
	return 1;
}

static void fill_actor(struct db_stmt *st, struct actor *a)
{
	/* columns: id, naam, rol, org code, verband */
	memset(a, 0, sizeof(*a));
	a->user_id = db_col_int(st, 0);
	snprintf(a->name, sizeof(a->name), "%s", db_col_text(st, 1));
	a->role = policy_role_parse(db_col_text(st, 2));
	snprintf(a->org, sizeof(a->org), "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
	snprintf(a->verband, sizeof(a->verband), "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
}

int accounts_identify_token(struct store *s, const char *token, struct actor *a)
{
	char hash[65];
	secret_hash(token, hash);
	struct db_stmt *st = db_query(s->db,
				      "SELECT g.id, g.naam, g.rol, o.code, g.verband FROM api_tokens t"
				      " JOIN gebruikers g ON g.id = t.gebruiker_id LEFT JOIN organisaties o ON o.id = g.organisatie_id"
				      " WHERE t.hash = ? AND t.ingetrokken IS NULL AND g.actief = 1",
				      "t", hash);
	int r = -1;
	if (db_step(st) == DB_ROW) {
		fill_actor(st, a);
		a->via_token = 1;
		r = 0;
	}
	db_finalize(st);
	return r;
}

void accounts_audit(struct store *s, const char *actor, const char *actie, const char *object,
		    const char *resultaat, const char *oorsprong)
{
	char now[32];
	now_text(now);
	int r = db_run(s->db, "INSERT INTO audit(tijdstempel, actor, actie, object, resultaat, oorsprong) VALUES(?, ?, ?, ?, ?, ?)",
		       "tttttt", now, actor, actie, object, resultaat, oorsprong);
	if (r < 0)
		fprintf(stderr, "samen: auditregel niet geschreven: %s\n", db_errmsg(s->db));
}
