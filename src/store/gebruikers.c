#include <pthread.h>
#include <sched.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "core/utf8.h"
#include "store/page.h"
#include "store/gebruikers.h"

int gebruikers_init(void) { return sodium_init() < 0 ? -1 : 0; }

void gebruikers_new_secret(char out[GEBRUIKERS_SECRET_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, GEBRUIKERS_SECRET_LEN, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
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

static void time_text(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void now_text(char out[32]) { time_text(time(NULL), out); }

int gebruikers_check_name(const char *naam, struct problem *p)
{
	if (!naam || !naam[0])
		return problem_param(p, "naam", "Geef een naam op.");
	size_t len = strlen(naam);
	if (len > GEBRUIKERS_NAME_MAX)
		return problem_param(p, "naam", "Een naam is hoogstens %d bytes lang.", GEBRUIKERS_NAME_MAX);
	if (utf8_length(naam) < 0)
		return problem_param(p, "naam", "De naam is geen geldige UTF-8-tekst.");
	for (const unsigned char *c = (const unsigned char *)naam; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return problem_param(p, "naam", "Een naam mag geen stuurtekens (zoals een regeleinde) bevatten.");
	if (strchr(naam, '/'))
		return problem_param(p, "naam", "Een naam mag geen '/' bevatten (de naam staat in adressen van de API).");
	if (naam[0] == ' ' || naam[len - 1] == ' ')
		return problem_param(p, "naam", "Een naam mag niet met een spatie beginnen of eindigen.");
	return 0;
}

int gebruikers_check_password(const char *wachtwoord, struct problem *p)
{
	long n = wachtwoord ? utf8_length(wachtwoord) : 0;
	if (n < 0)
		return problem_param(p, "wachtwoord", "Het wachtwoord is geen geldige UTF-8-tekst.");
	if (n < GEBRUIKERS_PASSWORD_MIN)
		return problem_param(p, "wachtwoord",
				     "Een wachtwoord moet ten minste %d tekens lang zijn; een zin van een paar woorden "
				     "is sterk en goed te onthouden.",
				     GEBRUIKERS_PASSWORD_MIN);
	if (strlen(wachtwoord) > GEBRUIKERS_PASSWORD_MAX)
		return problem_param(p, "wachtwoord", "Een wachtwoord is hoogstens %d bytes lang.", GEBRUIKERS_PASSWORD_MAX);
	return 0;
}

/* Argon2id runs in a thread of its own at the lowest priority there is
 * (SCHED_IDLE: it runs only when no other thread of the machine wants the
 * processor): while a flood of sign-ins keeps it busy, every other request
 * is served first and at its usual speed. Nice 10 or 19 was not enough: the
 * normal requests' p99 still tripled under a 64-connection flood on 2 cores
 * (bench/server/run: 2.8x; SCHED_IDLE 1.3-1.9x). The price: on a machine that
 * is busy all the time a sign-in waits, and after AUTH_BUSY_WAIT_MS gets
 * 429. The calling worker waits for the thread; a thread per hash costs
 * microseconds against the hash's tens of milliseconds, and lowering a
 * thread's own priority needs no privilege (raising it back would). */
struct hash_job {
	const char *pw;
	const char *verify_against; /* NULL: make a new hash into out */
	char *out;
	int result;
};

static void hash_work(struct hash_job *j)
{
	if (j->verify_against)
		j->result = crypto_pwhash_str_verify(j->verify_against, j->pw, strlen(j->pw));
	else
		j->result = crypto_pwhash_str(j->out, j->pw, strlen(j->pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
					      crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

static void *hash_thread(void *arg)
{
	struct sched_param idle = { 0 };
	if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle) != 0)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	hash_work(arg);
	return NULL;
}

/* Runs the job at low priority, or at the caller's if no thread can be made. */
static int hash_run(struct hash_job *j)
{
	pthread_t t;
	if (pthread_create(&t, NULL, hash_thread, j) != 0)
		hash_work(j);
	else
		pthread_join(t, NULL);
	return j->result;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	struct hash_job j = { .pw = pw, .out = out };
	return hash_run(&j);
}

static int hash_verify(const char *hash, const char *pw)
{
	struct hash_job j = { .pw = pw, .verify_against = hash };
	return hash_run(&j);
}

static int hash_enter(int wait);
static void hash_leave(void);

/* hash_password for a new password: waits its turn among the hashes. */
static int hash_new_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	hash_enter(1);
	int r = hash_password(pw, out);
	hash_leave();
	return r;
}

/* A hash of a random password, verified against when the name is unknown,
 * so that an unknown name costs the same time as a wrong password. */
static char g_dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t g_dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy_hash(void)
{
	char pw[GEBRUIKERS_SECRET_LEN];
	gebruikers_new_secret(pw);
	if (hash_password(pw, g_dummy_hash) < 0)
		g_dummy_hash[0] = '\0';
}

int gebruikers_bootstrap_admin(struct store *s, const char *token, struct problem *p)
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
	long long uid;
	if (db_insert(s->db, &uid,
		      "INSERT INTO gebruikers(naam, rol, aangemaakt) VALUES('beheerder', 'beheerder', ?) RETURNING id", "t",
		      now) < 0 ||
	    db_run(s->db, "INSERT INTO api_tokens(gebruiker_id, hash, omschrijving, aangemaakt) VALUES(?, ?, ?, ?)", "lttt", uid,
		   hash, "SAMEN_ADMIN_TOKEN", now) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kan de beheerder niet aanmaken: %s", db_errmsg(s->db));
	}
	gebruikers_audit(s, "systeem", "beheerder-aanmaken", "gebruiker beheerder", "gelukt", "SAMEN_ADMIN_TOKEN");
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 500, "Kan de beheerder niet vastleggen.");
	}
	return 1;
}

/* Who an account is, for struct actor: the medewerker it is linked to
 * (gebruikers.medewerker_id) too, so that the policy can tell the own
 * record. Extra columns of a query start at ACTOR_NCOLS. */
#define ACTOR_COLUMNS "g.id, g.naam, g.rol, o.code, g.verband, g.medewerker_id"
#define ACTOR_NCOLS 6

static void fill_actor(struct db_stmt *st, struct actor *a)
{
	/* columns: ACTOR_COLUMNS */
	memset(a, 0, sizeof(*a));
	a->user_id = db_col_int(st, 0);
	snprintf(a->name, sizeof(a->name), "%s", db_col_text(st, 1));
	a->role = policy_role_parse(db_col_text(st, 2));
	snprintf(a->org, sizeof(a->org), "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
	snprintf(a->verband, sizeof(a->verband), "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
	a->medewerker = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
}

int gebruikers_identify_token(struct store *s, const char *token, struct actor *a)
{
	char hash[65];
	secret_hash(token, hash);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " ACTOR_COLUMNS " FROM api_tokens t"
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

/* ---- accounts ---- */

#define USER_COLUMNS "g.naam, g.rol, o.code, g.verband, g.actief, g.wachtwoord_hash IS NOT NULL, g.aangemaakt"
#define USER_FROM " FROM gebruikers g LEFT JOIN organisaties o ON o.id = g.organisatie_id"

static json_t *user_json(struct db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s?,s:s?,s:b,s:b,s:s}", "naam", db_col_text(st, 0), "rol", db_col_text(st, 1), "organisatie",
			 db_col_text(st, 2), "verband", db_col_text(st, 3), "actief", (int)db_col_int(st, 4), "heeftWachtwoord",
			 (int)db_col_int(st, 5), "aangemaakt", db_col_text(st, 6));
}

int gebruikers_user_get(struct store *s, const char *naam, json_t **out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, "SELECT " USER_COLUMNS USER_FROM " WHERE g.naam = ?", "t", naam);
	int r = db_step(st);
	if (r == DB_ROW)
		*out = user_json(st);
	db_finalize(st);
	if (r == DB_ROW)
		return *out ? 0 : problem_set(p, 500, "Kan de gebruiker niet weergeven.");
	return r == DB_DONE ? problem_set(p, 404, "Gebruiker '%s' bestaat niet.", naam) : store_db_problem(s, r, p, "gebruiker");
}

json_t *gebruikers_user_list(struct store *s, const char *org) { return gebruikers_user_page(s, org, NULL); }

json_t *gebruikers_user_page(struct store *s, const char *org, struct store_page *pg)
{
#define SQL "SELECT " USER_COLUMNS USER_FROM " WHERE (?1 IS NULL OR o.code = ?1) ORDER BY g.naam"
	json_t *a = json_array();
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?2 OFFSET ?3", "t" STORE_PAGE_BINDS, org, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, user_json(st));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "t", org) : NULL);
	return a;
#undef SQL
}

int gebruikers_user_info(struct store *s, const char *naam, struct gebruiker_info *out, struct problem *p)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st =
		db_query(s->db, "SELECT g.id, g.rol, o.code, g.verband, g.actief" USER_FROM " WHERE g.naam = ?", "t", naam);
	int r = db_step(st);
	if (r == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->role = policy_role_parse(db_col_text(st, 1));
		snprintf(out->org, sizeof(out->org), "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		snprintf(out->verband, sizeof(out->verband), "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		out->active = (int)db_col_int(st, 4);
	}
	db_finalize(st);
	if (r == DB_ROW)
		return 0;
	return r == DB_DONE ? problem_set(p, 404, "Gebruiker '%s' bestaat niet.", naam) : store_db_problem(s, r, p, "gebruiker");
}

/* Checks rol, organisatie and verband together; *org_id receives the
 * organisation's id (0 = none). Adds invalid params to p. */
static void check_role(struct store *s, const char *rol, const char *organisatie, const char *verband, long long *org_id,
		       struct problem *p)
{
	*org_id = 0;
	enum role role = policy_role_parse(rol);
	if (!rol || !rol[0]) {
		problem_param(p, "rol",
			      "Geef een rol op: raadslid, medewerker, manager, stuurgroep, procesmanager of beheerder.");
		return;
	}
	if (role == ROLE_NONE) {
		problem_param(p, "rol",
			      "Onbekende rol '%s'; kies raadslid, medewerker, manager, stuurgroep, procesmanager of "
			      "beheerder.",
			      rol);
		return;
	}
	if (organisatie && organisatie[0]) {
		struct db_stmt *st = db_query(s->db, "SELECT id FROM organisaties WHERE code = ?", "t", organisatie);
		if (db_step(st) == DB_ROW)
			*org_id = db_col_int(st, 0);
		db_finalize(st);
		if (!*org_id && !p->status)
			problem_set(p, 422, "Organisatie '%s' bestaat niet; voeg haar eerst toe aan het register.", organisatie);
	} else if (role != ROLE_BEHEERDER) {
		problem_param(p, "organisatie", "Een %s hoort bij een organisatie; geef haar code op (bijv. GM0148).", rol);
	}
	int scope = policy_role_verband(role);
	if (verband && verband[0]) {
		if (!scope) {
			problem_param(p, "verband",
				      "Alleen een stuurgroeplid of procesmanager werkt voor een verband; een %s niet.", rol);
			return;
		}
		struct db_stmt *st = db_query(s->db, "SELECT 1 FROM verbanden WHERE code = ?", "t", verband);
		int found = db_step(st) == DB_ROW;
		db_finalize(st);
		if (!found && !p->status)
			problem_set(p, 422, "Verband '%s' bestaat niet.", verband);
	} else if (scope == 2) {
		problem_param(p, "verband", "Een stuurgroeplid hoort bij één verband; geef de code op (bijv. dsz).");
	}
}

int gebruikers_user_create(struct store *s, const struct gebruiker_spec *in, json_t **out, struct problem *p)
{
	long long org_id = 0;
	gebruikers_check_name(in->naam, p);
	if (in->wachtwoord)
		gebruikers_check_password(in->wachtwoord, p);
	if (p->status)
		return -p->status;
	check_role(s, in->rol, in->organisatie, in->verband, &org_id, p);
	if (p->status)
		return -p->status;
	char hash[crypto_pwhash_STRBYTES] = "";
	if (in->wachtwoord && hash_new_password(in->wachtwoord, hash) < 0)
		return problem_set(p, 503, "Te weinig geheugen om het wachtwoord te versleutelen; probeer het zo opnieuw.");
	char now[32];
	now_text(now);
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	int r = db_run(s->db,
		       "INSERT INTO gebruikers(naam, organisatie_id, rol, verband, wachtwoord_hash, aangemaakt)"
		       " VALUES(?, nullif(?, 0), ?, nullif(?, ''), nullif(?, ''), ?)",
		       "tlttt"
		       "t",
		       in->naam, org_id, in->rol, in->verband ? in->verband : "", hash, now);
	sodium_memzero(hash, sizeof(hash));
	if (r < 0) {
		db_rollback(s->db);
		if (r == DB_ERR_UNIQUE)
			return problem_set(p, 409, "Er is al een gebruiker met de naam '%s'.", in->naam);
		return store_db_problem(s, r, p, "gebruiker");
	}
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	}
	return gebruikers_user_get(s, in->naam, out, p);
}

int gebruikers_user_set_role(struct store *s, const char *naam, const char *rol, const char *verband, const char *organisatie,
			     json_t **out, struct problem *p)
{
	struct gebruiker_info info;
	if (gebruikers_user_info(s, naam, &info, p) < 0)
		return -p->status;
	long long org_id;
	check_role(s, rol, organisatie ? organisatie : info.org, verband, &org_id, p);
	if (p->status)
		return -p->status;
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	int r = db_run(s->db,
		       "UPDATE gebruikers SET rol = ?, verband = nullif(?, ''), organisatie_id = nullif(?, 0) WHERE id = ?",
		       "ttll", rol, verband ? verband : "", org_id, info.id);
	if (r < 0) {
		db_rollback(s->db);
		return store_db_problem(s, r, p, "gebruiker");
	}
	if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	}
	return out ? gebruikers_user_get(s, naam, out, p) : 0;
}

int gebruikers_user_set_password(struct store *s, const char *naam, const char *wachtwoord, struct problem *p)
{
	struct gebruiker_info info;
	if (gebruikers_check_password(wachtwoord, p) < 0 || gebruikers_user_info(s, naam, &info, p) < 0)
		return -p->status;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_new_password(wachtwoord, hash) < 0)
		return problem_set(p, 503, "Te weinig geheugen om het wachtwoord te versleutelen; probeer het zo opnieuw.");
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	int r = db_run(s->db, "UPDATE gebruikers SET wachtwoord_hash = ? WHERE id = ?", "tl", hash, info.id);
	sodium_memzero(hash, sizeof(hash));
	if (r == 0)
		r = db_run(s->db, "DELETE FROM sessies WHERE gebruiker_id = ?", "l", info.id);
	char nh[GEBRUIKERS_NAME_HASH_LEN];
	if (r == 0 && gebruikers_name_hash(s, naam, nh) == 0)
		r = db_run(s->db, "DELETE FROM inlogpogingen_adres WHERE naam_hash = ?", "t", nh);
	if (r < 0 || db_commit(s->db) < 0) {
		db_rollback(s->db);
		return store_db_problem(s, r < 0 ? r : DB_ERR_BUSY, p, "wachtwoord");
	}
	return 0;
}

int gebruikers_user_disable(struct store *s, const char *naam, struct problem *p)
{
	struct gebruiker_info info;
	if (gebruikers_user_info(s, naam, &info, p) < 0)
		return -p->status;
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	int r = db_run(s->db, "UPDATE gebruikers SET actief = 0 WHERE id = ?", "l", info.id);
	if (r == 0)
		r = db_run(s->db, "DELETE FROM sessies WHERE gebruiker_id = ?", "l", info.id);
	if (r < 0 || db_commit(s->db) < 0) {
		db_rollback(s->db);
		return store_db_problem(s, r < 0 ? r : DB_ERR_BUSY, p, "gebruiker");
	}
	return 0;
}

/* ---- API tokens ---- */

int gebruikers_token_create(struct store *s, const char *naam, const char *omschrijving, char token[GEBRUIKERS_SECRET_LEN],
			    json_t **out, struct problem *p)
{
	struct gebruiker_info info;
	if (gebruikers_user_info(s, naam, &info, p) < 0)
		return -p->status;
	if (!info.active)
		return problem_set(p, 422, "Gebruiker '%s' is uitgeschakeld en krijgt geen token.", naam);
	if (omschrijving && (strlen(omschrijving) > 200 || utf8_length(omschrijving) < 0))
		return problem_param(p, "omschrijving", "Een omschrijving is hoogstens 200 bytes UTF-8-tekst.");
	char now[32], hash[65];
	now_text(now);
	gebruikers_new_secret(token);
	secret_hash(token, hash);
	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	long long id;
	int r = db_insert(s->db, &id,
			  "INSERT INTO api_tokens(gebruiker_id, hash, omschrijving, aangemaakt) VALUES(?, ?, ?, ?) RETURNING id",
			  "lttt", info.id, hash, omschrijving, now);
	if (r < 0 || db_commit(s->db) < 0) {
		db_rollback(s->db);
		sodium_memzero(token, GEBRUIKERS_SECRET_LEN);
		return store_db_problem(s, r < 0 ? r : DB_ERR_BUSY, p, "token");
	}
	*out = json_pack("{s:I,s:s,s:s,s:s?,s:s}", "id", (json_int_t)id, "gebruiker", naam, "token", token, "omschrijving",
			 omschrijving, "aangemaakt", now);
	return 0;
}

int gebruikers_token_list(struct store *s, const char *naam, json_t **out, struct problem *p)
{
	return gebruikers_token_page(s, naam, NULL, out, p);
}

int gebruikers_token_page(struct store *s, const char *naam, struct store_page *pg, json_t **out, struct problem *p)
{
	struct gebruiker_info info;
	if (gebruikers_user_info(s, naam, &info, p) < 0)
		return -p->status;
	json_t *a = json_array();
#define SQL                                                                \
	"SELECT id, omschrijving, aangemaakt, ingetrokken FROM api_tokens" \
	" WHERE gebruiker_id = ? ORDER BY id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, "l" STORE_PAGE_BINDS, info.id, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I,s:s?,s:s,s:s?}", "id", (json_int_t)db_col_int(st, 0), "omschrijving",
						   db_col_text(st, 1), "aangemaakt", db_col_text(st, 2), "ingetrokken",
						   db_col_text(st, 3)));
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "l", info.id) : NULL);
	*out = a;
	return 0;
#undef SQL
}

int gebruikers_token_revoke(struct store *s, long long id, char owner[GEBRUIKERS_NAME_MAX + 1], struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT g.naam FROM api_tokens t JOIN gebruikers g ON g.id = t.gebruiker_id"
				      " WHERE t.id = ?",
				      "l", id);
	int r = db_step(st);
	if (r == DB_ROW && owner)
		snprintf(owner, GEBRUIKERS_NAME_MAX + 1, "%s", db_col_text(st, 0));
	db_finalize(st);
	if (r != DB_ROW)
		return r == DB_DONE ? problem_set(p, 404, "Token %lld bestaat niet.", id) : store_db_problem(s, r, p, "token");
	char now[32];
	now_text(now);
	r = db_run(s->db, "UPDATE api_tokens SET ingetrokken = ? WHERE id = ? AND ingetrokken IS NULL", "tl", now, id);
	return r < 0 ? store_db_problem(s, r, p, "token") : 0;
}

/* ---- sessions ---- */

/* ---- throttling sign-ins ---- */

/* Argon2id takes 64 MiB and most of a core: at most this many at once
 * (half the cores, at least one). A sign-in that finds no free slot is
 * refused at once (GEBRUIKERS_LOGIN_BUSY) rather than kept waiting. */
static pthread_mutex_t g_hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_hash_cv = PTHREAD_COND_INITIALIZER;
static int g_hash_busy, g_hash_max;

static int hash_slots(void)
{
	if (!g_hash_max) {
		long n = sysconf(_SC_NPROCESSORS_ONLN) / 2;
		g_hash_max = n < 1 ? 1 : n > 16 ? 16 : (int)n;
	}
	return g_hash_max;
}

static int hash_enter(int wait)
{
	pthread_mutex_lock(&g_hash_mu);
	while (g_hash_busy >= hash_slots()) {
		if (!wait) {
			pthread_mutex_unlock(&g_hash_mu);
			return -1;
		}
		pthread_cond_wait(&g_hash_cv, &g_hash_mu);
	}
	g_hash_busy++;
	pthread_mutex_unlock(&g_hash_mu);
	return 0;
}

static void (*g_hash_free)(void);

void gebruikers_on_hash_free(void (*fn)(void)) { g_hash_free = fn; }

static void hash_leave(void)
{
	pthread_mutex_lock(&g_hash_mu);
	g_hash_busy--;
	pthread_cond_signal(&g_hash_cv);
	pthread_mutex_unlock(&g_hash_mu);
	if (g_hash_free)
		g_hash_free();
}

/* The key of gebruikers_sleutel, made on first use. 0, or -1. */
static int name_key(struct store *s, unsigned char key[32])
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct db_stmt *st = db_query(s->db, "SELECT sleutel FROM gebruikers_sleutel WHERE id = 1", NULL);
		int ok = db_step(st) == DB_ROW && db_col_text(st, 0) &&
			 sodium_hex2bin(key, 32, db_col_text(st, 0), strlen(db_col_text(st, 0)), NULL, NULL, NULL) == 0;
		db_finalize(st);
		if (ok)
			return 0;
		unsigned char fresh[32];
		char hex[65];
		randombytes_buf(fresh, sizeof(fresh));
		sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
		sodium_memzero(fresh, sizeof(fresh));
		/* Another writer may have made one meanwhile: then that one holds. */
		int r = db_run(s->db, "INSERT INTO gebruikers_sleutel(id, sleutel) VALUES(1, ?) ON CONFLICT DO NOTHING", "t",
			       hex);
		sodium_memzero(hex, sizeof(hex));
		if (r < 0)
			return -1;
	}
	return -1;
}

int gebruikers_name_hash(struct store *s, const char *naam, char out[GEBRUIKERS_NAME_HASH_LEN])
{
	unsigned char key[32], h[16];
	if (name_key(s, key) < 0) {
		snprintf(out, GEBRUIKERS_NAME_HASH_LEN, "?");
		return -1;
	}
	crypto_generichash(h, sizeof(h), (const unsigned char *)naam, strlen(naam), key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(out, GEBRUIKERS_NAME_HASH_LEN, h, sizeof(h));
	return 0;
}

/* A failure of naam_hash from adres: counts it, locks that pair at the
 * limit, and returns the failures of the name from every address in the
 * last quarter of an hour (for the delay). */
static int count_failure(struct store *s, const char *naam_hash, const char *adres, long long now)
{
	if (db_begin(s->db) < 0)
		return GEBRUIKERS_MAX_FAILURES;
	struct db_stmt *st = db_query(s->db,
				      "INSERT INTO inlogpogingen_adres(naam_hash, adres, mislukt, geblokkeerd_tot, laatste)"
				      " VALUES(?, ?, 1, 0, ?) ON CONFLICT(naam_hash, adres) DO UPDATE SET"
				      " mislukt = inlogpogingen_adres.mislukt + 1, laatste = excluded.laatste RETURNING mislukt",
				      "ttl", naam_hash, adres, now);
	int n = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : GEBRUIKERS_MAX_FAILURES;
	db_finalize(st);
	if (n >= GEBRUIKERS_MAX_FAILURES)
		db_run(s->db, "UPDATE inlogpogingen_adres SET mislukt = 0, geblokkeerd_tot = ? WHERE naam_hash = ? AND adres = ?",
		       "ltt", now + GEBRUIKERS_LOCK_SECONDS, naam_hash, adres);
	st = db_query(s->db, "SELECT coalesce(sum(mislukt), 0) FROM inlogpogingen_adres WHERE naam_hash = ? AND laatste >= ?",
		      "tl", naam_hash, now - GEBRUIKERS_LOCK_SECONDS);
	long long all = db_step(st) == DB_ROW ? db_col_int(st, 0) : n;
	db_finalize(st);
	if (db_commit(s->db) < 0)
		db_rollback(s->db);
	return all > n ? (int)(all > 1000 ? 1000 : all) : n;
}

enum gebruikers_login_result gebruikers_login(struct store *s, const char *naam, const char *wachtwoord, const char *adres,
					      long long lifetime, struct gebruikers_session *out, struct gebruikers_attempt *at)
{
	pthread_once(&g_dummy_once, make_dummy_hash);
	memset(out, 0, sizeof(*out));
	memset(at, 0, sizeof(*at));
	if (!adres || !adres[0])
		adres = "onbekend";
	long long now = (long long)time(NULL);

	char nh[GEBRUIKERS_NAME_HASH_LEN];
	if (gebruikers_name_hash(s, naam, nh) < 0)
		return GEBRUIKERS_LOGIN_ERROR;
	snprintf(at->name_hash, sizeof(at->name_hash), "%.12s", nh);
	struct db_stmt *st = db_query(s->db, "SELECT geblokkeerd_tot FROM inlogpogingen_adres WHERE naam_hash = ? AND adres = ?",
				      "tt", nh, adres);
	long long locked_until = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);

	char hash[crypto_pwhash_STRBYTES] = "";
	st = db_query(s->db, "SELECT " ACTOR_COLUMNS ", g.wachtwoord_hash, g.actief" USER_FROM " WHERE g.naam = ?", "t", naam);
	if (db_step(st) == DB_ROW) {
		at->known = 1;
		if (db_col_int(st, ACTOR_NCOLS + 1) == 1 && db_col_text(st, ACTOR_NCOLS)) {
			fill_actor(st, &out->actor);
			snprintf(hash, sizeof(hash), "%s", db_col_text(st, ACTOR_NCOLS));
		}
	}
	db_finalize(st);
	if (locked_until > now) {
		at->retry_after = locked_until - now;
		sodium_memzero(hash, sizeof(hash));
		memset(&out->actor, 0, sizeof(out->actor));
		return GEBRUIKERS_LOGIN_LOCKED;
	}
	if (hash_enter(0) < 0) {
		at->retry_after = 1;
		sodium_memzero(hash, sizeof(hash));
		memset(&out->actor, 0, sizeof(out->actor));
		return GEBRUIKERS_LOGIN_BUSY;
	}
	/* Forget what no longer matters: ended sessions, old failures. Only
	 * with a hashing slot: a sign-in waiting for one comes back every few
	 * dozen milliseconds and must cost no writes meanwhile. */
	db_run(s->db, "DELETE FROM sessies WHERE verloopt <= ?", "l", now);
	db_run(s->db, "DELETE FROM inlogpogingen_adres WHERE laatste < ? AND geblokkeerd_tot <= ?", "ll",
	       now - GEBRUIKERS_LOCK_SECONDS, now);
	/* The same work whether or not the name exists. */
	int ok = hash_verify(hash[0] ? hash : g_dummy_hash, wachtwoord) == 0 && hash[0];
	if (ok &&
	    crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) == 1) {
		char fresh[crypto_pwhash_STRBYTES];
		if (hash_password(wachtwoord, fresh) == 0)
			db_run(s->db, "UPDATE gebruikers SET wachtwoord_hash = ? WHERE id = ?", "tl", fresh, out->actor.user_id);
		sodium_memzero(fresh, sizeof(fresh));
	}
	hash_leave();
	sodium_memzero(hash, sizeof(hash));

	if (!ok) {
		memset(&out->actor, 0, sizeof(out->actor));
		at->failures = count_failure(s, nh, adres, now);
		return GEBRUIKERS_LOGIN_FAILED;
	}
	char h[65], created[32];
	now = (long long)time(NULL); /* the session starts when it is issued, after the wait for hashing */
	gebruikers_new_secret(out->secret);
	gebruikers_new_secret(out->csrf);
	secret_hash(out->secret, h);
	now_text(created);
	out->expires = now + lifetime;
	if (db_begin(s->db) < 0)
		return GEBRUIKERS_LOGIN_ERROR;
	int r = db_run(s->db, "DELETE FROM inlogpogingen_adres WHERE naam_hash = ? AND adres = ?", "tt", nh, adres);
	if (r == 0)
		r = db_run(s->db, "INSERT INTO sessies(gebruiker_id, hash, csrf, verloopt, aangemaakt) VALUES(?, ?, ?, ?, ?)",
			   "lttl"
			   "t",
			   out->actor.user_id, h, out->csrf, out->expires, created);
	if (r < 0 || db_commit(s->db) < 0) {
		db_rollback(s->db);
		return GEBRUIKERS_LOGIN_ERROR;
	}
	snprintf(out->actor.csrf, sizeof(out->actor.csrf), "%s", out->csrf);
	return GEBRUIKERS_LOGIN_OK;
}

int gebruikers_identify_session(struct store *s, const char *secret, struct actor *a)
{
	char hash[65];
	secret_hash(secret, hash);
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT " ACTOR_COLUMNS ", s.csrf FROM sessies s"
			 " JOIN gebruikers g ON g.id = s.gebruiker_id LEFT JOIN organisaties o ON o.id = g.organisatie_id"
			 " WHERE s.hash = ? AND s.verloopt > ? AND g.actief = 1",
			 "tl", hash, (long long)time(NULL));
	int r = -1;
	if (db_step(st) == DB_ROW) {
		fill_actor(st, a);
		snprintf(a->csrf, sizeof(a->csrf), "%s", db_col_text(st, ACTOR_NCOLS));
		r = 0;
	}
	db_finalize(st);
	return r;
}

void gebruikers_logout(struct store *s, const char *secret)
{
	char hash[65];
	secret_hash(secret, hash);
	db_run(s->db, "DELETE FROM sessies WHERE hash = ?", "t", hash);
}

/* ---- audit ---- */

void gebruikers_audit_by(struct store *s, const char *actor, const char *actor_naam, const char *actie, const char *object,
			 const char *resultaat, const char *oorsprong)
{
	char now[32], a[300], an[GEBRUIKERS_NAME_MAX + 1], obj[600], o[100];
	now_text(now);
	utf8_clean(actor, "?", a, sizeof(a));
	utf8_clean(actor_naam, "?", an, sizeof(an));
	utf8_clean(object, "?", obj, sizeof(obj));
	utf8_clean(oorsprong, "?", o, sizeof(o));
	int r = db_run(s->db,
		       "INSERT INTO audit(tijdstempel, actor, actor_naam, actie, object, resultaat, oorsprong)"
		       " VALUES(?, ?, ?, ?, ?, ?, ?)",
		       "ttttttt", now, a, actor_naam ? an : NULL, actie, object ? obj : NULL, resultaat, o);
	if (r < 0)
		fprintf(stderr, "samen: auditregel niet geschreven: %s\n", db_errmsg(s->db));
}

void gebruikers_audit(struct store *s, const char *actor, const char *actie, const char *object, const char *resultaat,
		      const char *oorsprong)
{
	gebruikers_audit_by(s, actor, NULL, actie, object, resultaat, oorsprong);
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ. */
static int timestamp_ok(const char *t)
{
	static const char date[] = "dddd-dd-dd", full[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t n = strlen(t);
	const char *shape = n == sizeof(date) - 1 ? date : n == sizeof(full) - 1 ? full : NULL;
	if (!shape)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i])
			return 0;
	return 1;
}

int gebruikers_audit_filter_check(const struct audit_filter *f, struct problem *p)
{
	if (f->van && !timestamp_ok(f->van))
		problem_param(p, "van", "Verwacht een datum JJJJ-MM-DD of tijdstip JJJJ-MM-DDTUU:MM:SSZ.");
	if (f->tot && !timestamp_ok(f->tot))
		problem_param(p, "tot", "Verwacht een datum JJJJ-MM-DD of tijdstip JJJJ-MM-DDTUU:MM:SSZ.");
	return p->status ? -p->status : 0;
}

int gebruikers_audit_list(struct store *s, const struct audit_filter *f, json_t **out, struct problem *p)
{
	if (gebruikers_audit_filter_check(f, p) < 0)
		return -p->status;
	char tot[32] = "";
	if (f->tot)
		snprintf(tot, sizeof(tot), "%s%s", f->tot, strlen(f->tot) == 10 ? "T99" : "");
	int limit = f->limit < 1 ? 100 : f->limit > 1000 ? 1000 : f->limit;
	static const struct listing_column cols[] = {
		{ "tijdstip", "id" }, { "actor", "actor" }, { "actie", "actie" }, { "resultaat", "resultaat" }, { NULL, NULL }
	};
	struct listing dflt = { NULL, NULL, 1, limit, f->offset < 0 ? 0 : f->offset };
	const struct listing *l = f->listing ? f->listing : &dflt;
	char pat[256], sql[1024], order[256];
	const char *like = listing_pattern(l, pat, sizeof(pat));
	snprintf(sql, sizeof(sql),
		 "SELECT id, tijdstempel, actor, actie, object, resultaat, oorsprong, count(*) OVER () FROM audit"
		 " WHERE (?1 IS NULL OR tijdstempel >= ?1) AND (?2 = '' OR tijdstempel <= ?2)"
		 " AND (?3 IS NULL OR actor_naam = ?3) AND (?4 = 0 OR id < ?4)"
		 " AND (?5 IS NULL OR lower(actor) LIKE lower(?5) ESCAPE '\\' OR lower(actie) LIKE lower(?5) ESCAPE '\\'"
		 " OR lower(coalesce(object, '')) LIKE lower(?5) ESCAPE '\\' OR lower(resultaat) LIKE lower(?5) ESCAPE '\\')%s",
		 listing_order(l, cols, 1, "id", order, sizeof(order)));
	struct db_stmt *st = db_query(s->db, sql, "tttlt", f->van, tot, f->actor, f->voor, like);
	if (f->total)
		*f->total = 0;
	if (!st)
		return problem_set(p, 500, "Kan het auditlog niet lezen.");
	json_t *a = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		if (f->total)
			*f->total = db_col_int(st, 7);
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0),
						   "tijdstempel", db_col_text(st, 1), "actor", db_col_text(st, 2), "actie",
						   db_col_text(st, 3), "object", db_col_text(st, 4), "resultaat",
						   db_col_text(st, 5), "oorsprong", db_col_text(st, 6)));
	}
	db_finalize(st);
	if (r != DB_DONE) {
		json_decref(a);
		return store_db_problem(s, r, p, "auditlog");
	}
	*out = a;
	return 0;
}

int gebruikers_audit_each(struct store *s, int (*fn)(json_t *rec, void *ctx), void *ctx)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT tijdstempel, actor, actie, object, resultaat, oorsprong FROM audit ORDER BY id", NULL);
	if (!st)
		return -1;
	int r = 0;
	while (r == 0 && db_step(st) == DB_ROW) {
		json_t *rec = json_object();
		static const char *const names[] = { "tijdstempel", "actor", "actie", "object", "resultaat", "oorsprong" };
		for (int i = 0; i < 6; i++) {
			const char *v = db_col_text(st, i);
			json_object_set_new(rec, names[i], v ? json_string(v) : json_null());
		}
		r = fn(rec, ctx);
		json_decref(rec);
	}
	db_finalize(st);
	return r;
}

/* ---- demo ---- */

/* A readable random password: three groups of four, e.g. "k7fm-q2xd-9hpa". */
static void demo_password(char out[16])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	int o = 0;
	for (int i = 0; i < 12; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	}
	out[o] = '\0';
}

int gebruikers_create_demo_users(struct store *s, FILE *out)
{
	static const struct {
		const char *naam, *rol, *org, *verband;
	} demo[] = {
		{ "beheerder", "beheerder", NULL, NULL },
		{ "procesmanager-drechtsteden", "procesmanager", "GM0505", "drechtsteden" },
		{ "stuurgroep-dsz", "stuurgroep", "GM0148", "dsz" },
		{ "manager-dordrecht", "manager", "GM0505", NULL },
		{ "manager-alblasserdam", "manager", "GM0482",
		  NULL }, /* approves hours on Alblasserdam's opdrachten (urenbank) */
		{ "manager-dalfsen", "manager", "GM0148",
		  NULL }, /* employs the inkoopadviseur whom DSZ shares: records for whom he works */
		{ "stuurgroep-staan", "stuurgroep", "GM0106",
		  "staan" }, /* Assen in STAAN: scores taakvelden, records Assen's interests */
		{ "medewerker-dordrecht", "medewerker", "GM0505", NULL },
		{ "raadslid-dalfsen", "raadslid", "GM0148", NULL },
	};
	fprintf(out, "Demo-accounts (aanmelden op /inloggen; de wachtwoorden gelden alleen voor deze demodatabase):\n");
	fprintf(out, "  %-28s %-14s %-12s %-14s %s\n", "naam", "rol", "organisatie", "verband", "wachtwoord");
	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		char pw[16];
		struct problem p;
		struct gebruiker_info info;
		problem_init(&p);
		demo_password(pw);
		int r;
		if (gebruikers_user_info(s, demo[i].naam, &info, &p) == 0) {
			problem_init(&p);
			r = gebruikers_user_set_password(s, demo[i].naam, pw, &p);
		} else {
			problem_init(&p);
			struct gebruiker_spec spec = { demo[i].naam, demo[i].org, demo[i].rol, demo[i].verband, pw };
			json_t *j = NULL;
			r = gebruikers_user_create(s, &spec, &j, &p);
			json_decref(j);
		}
		if (r < 0) {
			fprintf(stderr, "samen: demo-account '%s' niet aangemaakt: %s\n", demo[i].naam, p.detail);
			return -1;
		}
		char obj[160];
		snprintf(obj, sizeof(obj), "gebruiker %s (%s)", demo[i].naam, demo[i].rol);
		gebruikers_audit(s, "systeem", "gebruikers-wijzigen", obj, "gelukt", "demo");
		fprintf(out, "  %-28s %-14s %-12s %-14s %s\n", demo[i].naam, demo[i].rol, demo[i].org ? demo[i].org : "-",
			demo[i].verband ? demo[i].verband : "-", pw);
	}
	fflush(out);
	return 0;
}
