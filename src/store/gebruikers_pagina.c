/* Form states and header names for the pages (gebruikers_pagina.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/gebruikers.h"
#include "store/gebruikers_pagina.h"

void gebruikers_form_owner(const struct actor *a, const char *secret, char out[GEBRUIKERS_OWNER_LEN])
{
	if (a->role != ROLE_NONE) {
		snprintf(out, GEBRUIKERS_OWNER_LEN, "g:%lld", a->user_id);
		return;
	}
	unsigned char h[32];
	char hex[65];
	const char *s = secret ? secret : "";
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, GEBRUIKERS_OWNER_LEN, "i:%s", hex);
}

int gebruikers_form_keep(struct store *s, const char *owner, const char *path, json_t *data, char key[GEBRUIKERS_FORM_KEY_LEN])
{
	char *text = json_dumps(data, JSON_COMPACT);
	if (!text)
		return -1;
	long long now = (long long)time(NULL);
	gebruikers_new_secret(key);
	int r = db_begin(s->db);
	if (r == 0) {
		/* Tidy up as we go: nobody needs an old refused form. */
		r = db_run(s->db, "DELETE FROM formulierstanden WHERE verloopt < ?", "l", now);
		if (r >= 0)
			r = db_run(
				s->db,
				"INSERT INTO formulierstanden(sleutel, eigenaar, pad, gegevens, verloopt) VALUES(?, ?, ?, ?, ?)",
				"ttttl", key, owner, path, text, now + GEBRUIKERS_FORM_SECONDS);
		if (r < 0 || db_commit(s->db) < 0) {
			db_rollback(s->db);
			r = -1;
		}
	}
	free(text);
	return r < 0 ? -1 : 0;
}

int gebruikers_form_get(struct store *s, const char *owner, const char *path, const char *key, json_t **out)
{
	*out = NULL;
	if (!key || strlen(key) >= GEBRUIKERS_FORM_KEY_LEN)
		return -1;
	struct db_stmt *st = db_query(s->db,
				      "SELECT gegevens FROM formulierstanden WHERE sleutel = ? AND eigenaar = ? AND pad = ?"
				      " AND verloopt >= ?",
				      "tttl", key, owner, path, (long long)time(NULL));
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		*out = json_loads(db_col_text(st, 0), JSON_REJECT_DUPLICATES, NULL);
	db_finalize(st);
	return *out ? 0 : -1;
}

void gebruikers_actor_names(struct store *s, const struct actor *a, char *person, size_t plen, char *org, size_t olen)
{
	snprintf(person, plen, "%s", a->name);
	if (olen)
		org[0] = 0;
	if (a->medewerker) {
		struct db_stmt *st =
			db_query(s->db, "SELECT naam FROM medewerkers WHERE id = ? AND pseudoniem = 0", "l", a->medewerker);
		if (db_step(st) == DB_ROW && db_col_text(st, 0))
			snprintf(person, plen, "%s", db_col_text(st, 0));
		db_finalize(st);
	}
	if (a->org[0] && store_name(s, a->org, org, olen) < 0)
		snprintf(org, olen, "%s", a->org);
}

static long long count(struct store *s, const char *sql, const char *fmt, const char *arg)
{
	struct db_stmt *st = db_query(s->db, sql, fmt, arg);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return n;
}

void gebruikers_counts(struct store *s, long long *users, long long *active, long long *tokens, long long *refused)
{
	char since[32];
	time_t t = time(NULL) - 7 * 24 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(since, sizeof(since), "%Y-%m-%dT%H:%M:%SZ", &tm);
	*users = count(s, "SELECT count(*) FROM gebruikers", NULL, NULL);
	*active = count(s, "SELECT count(*) FROM gebruikers WHERE actief = 1", NULL, NULL);
	*tokens = count(s,
			"SELECT count(*) FROM api_tokens t JOIN gebruikers g ON g.id = t.gebruiker_id"
			" WHERE t.ingetrokken IS NULL AND g.actief = 1",
			NULL, NULL);
	*refused = count(s, "SELECT count(*) FROM audit WHERE tijdstempel >= ? AND resultaat LIKE 'geweigerd%'", "t", since);
}

json_t *gebruikers_account_links(struct store *s, const char *org)
{
	json_t *out = json_object();
	struct db_stmt *st = db_query(s->db,
				      "SELECT g.naam, m.id, m.naam FROM gebruikers g JOIN medewerkers m ON m.id = g.medewerker_id"
				      " LEFT JOIN organisaties o ON o.id = g.organisatie_id WHERE ? IS NULL OR o.code = ?",
				      "tt", org, org);
	while (db_step(st) == DB_ROW)
		json_object_set_new(out, db_col_text(st, 0),
				    json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(st, 1), "naam", db_col_text(st, 2)));
	db_finalize(st);
	return out;
}
