#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/register.h"
#include "store/fields.h"
#include "store/medewerkers.h"
#include "store/page.h"

const char *const medewerkers_private_fields[] = { "uurPerWeek", "beschikbaarUurPerWeek", "pensioenjaar", "email", NULL };

/* The members a client may send, in the order of the bits below. */
static const char *const member_names[] = { "naam",       "organisatie",           "functie",      "email",
					    "uurPerWeek", "beschikbaarUurPerWeek", "pensioenjaar", NULL };
enum {
	F_NAAM = 1 << 0,
	F_ORG = 1 << 1,
	F_FUNCTIE = 1 << 2,
	F_EMAIL = 1 << 3,
	F_UUR = 1 << 4,
	F_BESCHIKBAAR = 1 << 5,
	F_PENSIOEN = 1 << 6,
};

/* One medewerker's values; strings are borrowed (from the input or from a
 * record that outlives the struct). NULL / -1 means "none". */
struct medewerkers_values {
	const char *naam, *org, *functie, *email;
	long long org_id, uur, beschikbaar, pensioenjaar;
	int pseudoniem;
};

#define RECORD_SELECT                                                                                       \
	"SELECT m.id, m.naam, o.code, m.functie, m.pseudoniem, m.uur_per_week, m.beschikbaar_uur_per_week," \
	" m.pensioenjaar, m.email, m.organisatie_id FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id"

/* ---- small helpers ---------------------------------------------------- */

static json_t *record_json(struct db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "naam", db_col_text(st, 1), "organisatie",
			      db_col_text(st, 2));
	json_object_set_new(o, "functie", store_text_or_null(st, 3));
	json_object_set_new(o, "pseudoniem", json_boolean(db_col_int(st, 4)));
	json_object_set_new(o, "uurPerWeek", json_integer(db_col_int(st, 5)));
	json_object_set_new(o, "beschikbaarUurPerWeek", json_integer(db_col_int(st, 6)));
	json_object_set_new(o, "pensioenjaar", db_col_null(st, 7) ? json_null() : json_integer(db_col_int(st, 7)));
	json_object_set_new(o, "email", store_text_or_null(st, 8));
	return o;
}

void medewerkers_strip_private(json_t *rec)
{
	size_t i;
	json_t *x;
	if (json_is_array(rec)) {
		json_array_foreach(rec, i, x)
			medewerkers_strip_private(x);
		return;
	}
	for (i = 0; medewerkers_private_fields[i]; i++)
		json_object_del(rec, medewerkers_private_fields[i]);
}

/* "manager, GM0505" or "beheerder": who acted, without the person's name. */
static void actor_role(const struct actor *a, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s%s%s", policy_role_names[a->role], a->org[0] ? ", " : "", a->org);
}

/* A plausible e-mail address: one '@', a dotted domain, no spaces. */
static int email_valid(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@') || at - e > 64 || strlen(e) > 254)
		return 0;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return 0;
	for (const char *c = e; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == '<' || *c == '>' || *c == ',' || *c == ';')
			return 0;
	return 1;
}

/* Appends one history row. velden and waarden are stolen. */
static int history_add(struct store *s, long long id, const struct actor *by, const char *soort, json_t *velden, json_t *waarden,
		       struct problem *p)
{
	char now[32], rol[200];
	store_now_text(now);
	actor_role(by, rol, sizeof(rol));
	char *v = json_dumps(velden, JSON_COMPACT);
	char *w = waarden && json_object_size(waarden) ? json_dumps(waarden, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(velden);
	json_decref(waarden);
	int r = v ? db_run(s->db,
			   "INSERT INTO medewerker_wijzigingen(medewerker_id, tijdstempel, actor, actor_rol, soort, velden, "
			   "waarden)"
			   " VALUES(?, ?, ?, ?, ?, ?, ?)",
			   "lttttt"
			   "t",
			   id, now, by->name[0] ? by->name : policy_role_names[by->role], rol, soort, v, w)
		  : DB_ERR;
	free(v);
	free(w);
	return r < 0 ? store_db_problem(s, r, p, "wijzigingshistorie") : 0;
}

/* ---- validation ------------------------------------------------------- */

/* Reads the members of in into v. When creating, naam, organisatie and
 * uurPerWeek are required, null counts as absent and other members are
 * ignored; when changing, every member is optional, unknown or read-only
 * members are refused, and null (or "") clears an optional field. Returns
 * the bits of the members present; *cleared holds those of the optional
 * fields that are cleared. Field errors go to p as 400. */
static unsigned read_members(json_t *in, int creating, struct medewerkers_values *v, unsigned *cleared, struct problem *p)
{
	unsigned present = 0, nulls = 0;
	for (int i = 0; member_names[i]; i++) {
		json_t *x = json_object_get(in, member_names[i]);
		if (x)
			present |= 1u << i;
		if (json_is_null(x))
			nulls |= 1u << i;
	}
	if (creating) {
		present &= ~nulls;
		nulls = 0;
	} else {
		const char *key;
		json_t *x;
		json_object_foreach(in, key, x) {
			if (enum_index(member_names, key) >= 0)
				continue;
			if (!strcmp(key, "id") || !strcmp(key, "pseudoniem"))
				problem_param(p, key, "kan niet worden gewijzigd");
			else
				problem_param(p, key,
					      "is geen veld van een medewerker; wel: naam, organisatie, functie, email, "
					      "uurPerWeek, beschikbaarUurPerWeek, pensioenjaar");
		}
	}
	/* Members without which a medewerker is incomplete may not be null. */
	if (creating || (present & F_NAAM))
		field_text(in, "naam", FIELD_REQUIRED, 200, &v->naam, p);
	if (creating || (present & F_ORG))
		field_text(in, "organisatie", FIELD_REQUIRED, 32, &v->org, p);
	if (creating || (present & F_UUR))
		field_int(in, "uurPerWeek", FIELD_REQUIRED, 1, 60, &v->uur, p);
	if (present & F_BESCHIKBAAR)
		field_int(in, "beschikbaarUurPerWeek", FIELD_REQUIRED, 0, 60, &v->beschikbaar, p);
	if (field_text(in, "functie", FIELD_OPTIONAL, 200, &v->functie, p) > 0 && !v->functie[0])
		v->functie = NULL, nulls |= F_FUNCTIE;
	if (field_text(in, "email", FIELD_OPTIONAL, 254, &v->email, p) > 0) {
		if (!v->email[0])
			v->email = NULL, nulls |= F_EMAIL;
		else if (!email_valid(v->email))
			problem_param(p, "email", "is geen geldig e-mailadres (bijv. naam@gemeente.nl)");
	}
	field_int(in, "pensioenjaar", FIELD_OPTIONAL, 1950, 2100, &v->pensioenjaar, p);
	if (creating)
		present &= ~nulls;
	*cleared = nulls & (F_FUNCTIE | F_EMAIL | F_PENSIOEN);
	return present;
}

/* ---- create and read -------------------------------------------------- */

static int do_get(struct store *s, long long id, json_t **out, long long *org_id_out, struct problem *p)
{
	struct db_stmt *st = db_query(s->db, RECORD_SELECT " WHERE m.id = ?", "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Medewerker %lld bestaat niet.", id);
	}
	*out = record_json(st);
	if (org_id_out)
		*org_id_out = db_col_int(st, 9);
	db_finalize(st);
	return 0;
}

int medewerkers_get(struct store *s, long long id, json_t **out, struct problem *p) { return do_get(s, id, out, NULL, p); }

int medewerkers_org(struct store *s, long long id, char *org, size_t orglen, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db, "SELECT o.code FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id WHERE m.id = ?", "l", id);
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(org, orglen, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Medewerker %lld bestaat niet.", id);
}

static int unknown_org(const char *org, struct problem *p)
{
	problem_set(p, 422, "Organisatie '%s' bestaat niet.", org);
	problem_param(p, "organisatie", "organisatie '%s' bestaat niet", org);
	p->status = 422;
	return -422;
}

int medewerkers_create(struct store *s, const struct actor *by, json_t *in, json_t **out, struct problem *p)
{
	long long id;
	return medewerkers_create_id(s, by, in, &id, out, p);
}

int medewerkers_create_id(struct store *s, const struct actor *by, json_t *in, long long *id_out, json_t **out, struct problem *p)
{
	struct medewerkers_values v = { .beschikbaar = 0, .pensioenjaar = -1 };
	unsigned cleared;
	unsigned present = read_members(in, 1, &v, &cleared, p);
	if (v.uur > 0 && v.beschikbaar > v.uur)
		problem_param(p, "beschikbaarUurPerWeek", "mag niet meer zijn dan uurPerWeek (%lld)", v.uur);
	if (p->status)
		return -p->status;
	if (store_begin(s, p) < 0)
		return -p->status;
	int r;
	if (!(v.org_id = store_org_id(s, v.org))) {
		r = unknown_org(v.org, p);
		goto out;
	}
	char now[32];
	store_now_text(now);
	long long id;
	r = db_insert_row(s->db, &id,
		      "INSERT INTO medewerkers(organisatie_id, naam, functie, email, uur_per_week, beschikbaar_uur_per_week,"
		      " pensioenjaar, pseudoniem, aangemaakt, gewijzigd) VALUES(?, ?, ?, ?, ?, ?, NULLIF(?, -1), 0, ?, ?)"
		      " RETURNING id",
		      "ltttlll"
		      "tt",
		      v.org_id, v.naam, v.functie, v.email, v.uur, v.beschikbaar, v.pensioenjaar, now, now);
	if (r < 0) {
		r = store_db_problem(s, r, p, "medewerker");
		goto out;
	}
	json_t *velden = json_array();
	for (int i = 0; member_names[i]; i++)
		if (present & (1u << i))
			json_array_append_new(velden, json_string(member_names[i]));
	json_t *waarden =
		json_pack("{s:s,s:o}", "organisatie", v.org, "functie", v.functie ? json_string(v.functie) : json_null());
	if ((r = history_add(s, id, by, "aangemaakt", velden, waarden, p)) < 0)
		goto out;
	*id_out = id;
	r = out ? medewerkers_get(s, id, out, p) : 0;
out:
	return store_finish(s, r, p);
}

/* ---- change ----------------------------------------------------------- */

static const char *str_of(json_t *rec, const char *name) { return json_string_value(json_object_get(rec, name)); }
static long long int_of(json_t *rec, const char *name)
{
	json_t *x = json_object_get(rec, name);
	return json_is_integer(x) ? (long long)json_integer_value(x) : -1;
}
static int same_text(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* Loads the record inside the open transaction and checks that it still
 * belongs to the organisation the caller's rights were checked for. */
static int load_for_change(struct store *s, long long id, const char *expect_org, json_t **cur, long long *cur_org_id,
			   struct problem *p)
{
	int r = do_get(s, id, cur, cur_org_id, p);
	if (r < 0)
		return r;
	if (expect_org && strcmp(expect_org, str_of(*cur, "organisatie")))
		return problem_set(p, 409, "Medewerker %lld is intussen overgegaan naar %s; probeer het opnieuw.", id,
				   str_of(*cur, "organisatie"));
	return 0;
}

int medewerkers_update(struct store *s, long long id, const char *expect_org, const struct actor *by, json_t *in, json_t **out,
		       struct problem *p)
{
	struct medewerkers_values v = { .uur = -1, .beschikbaar = -1, .pensioenjaar = -1 };
	unsigned cleared;
	unsigned present = read_members(in, 0, &v, &cleared, p);
	if (p->status)
		return -p->status;
	if (store_begin(s, p) < 0)
		return -p->status;
	json_t *cur = NULL;
	struct medewerkers_values n = { 0 };
	int r = load_for_change(s, id, expect_org, &cur, &n.org_id, p);
	if (r < 0)
		goto out;
	n.naam = str_of(cur, "naam");
	n.org = str_of(cur, "organisatie");
	n.functie = str_of(cur, "functie");
	n.email = str_of(cur, "email");
	n.uur = int_of(cur, "uurPerWeek");
	n.beschikbaar = int_of(cur, "beschikbaarUurPerWeek");
	n.pensioenjaar = int_of(cur, "pensioenjaar");
	n.pseudoniem = json_is_true(json_object_get(cur, "pseudoniem"));

	if (present & F_NAAM)
		n.naam = v.naam;
	if (present & F_ORG)
		n.org = v.org;
	if (present & F_FUNCTIE)
		n.functie = (cleared & F_FUNCTIE) ? NULL : v.functie;
	if (present & F_EMAIL)
		n.email = (cleared & F_EMAIL) ? NULL : v.email;
	if (present & F_UUR)
		n.uur = v.uur;
	if (present & F_BESCHIKBAAR)
		n.beschikbaar = v.beschikbaar;
	if (present & F_PENSIOEN)
		n.pensioenjaar = (cleared & F_PENSIOEN) ? -1 : v.pensioenjaar;
	if (n.beschikbaar > n.uur)
		problem_param(p, (present & F_BESCHIKBAAR) ? "beschikbaarUurPerWeek" : "uurPerWeek",
			      "beschikbaarUurPerWeek (%lld) mag niet meer zijn dan uurPerWeek (%lld)", n.beschikbaar, n.uur);
	if (p->status) {
		r = -p->status;
		goto out;
	}
	/* Pseudonymisation is final: no personal data comes back. */
	if (n.pseudoniem) {
		if (!same_text(n.naam, str_of(cur, "naam")))
			problem_param(p, "naam", "de medewerker is gepseudonimiseerd; de naam kan niet meer worden gewijzigd");
		if (n.email)
			problem_param(p, "email",
				      "de medewerker is gepseudonimiseerd; een e-mailadres kan niet meer worden vastgelegd");
		if (n.pensioenjaar >= 0)
			problem_param(p, "pensioenjaar",
				      "de medewerker is gepseudonimiseerd; een pensioenjaar kan niet meer worden vastgelegd");
		if (p->status) {
			p->status = 422;
			snprintf(p->title, sizeof(p->title), "%s", problem_title(422));
			snprintf(p->detail, sizeof(p->detail),
				 "Medewerker %lld is gepseudonimiseerd; de persoonsgegevens kunnen niet terugkomen.", id);
			r = -422;
			goto out;
		}
	}
	if (strcmp(n.org, str_of(cur, "organisatie")) && !(n.org_id = store_org_id(s, n.org))) {
		r = unknown_org(n.org, p);
		goto out;
	}

	unsigned changed = 0;
	if (!same_text(n.naam, str_of(cur, "naam")))
		changed |= F_NAAM;
	if (!same_text(n.org, str_of(cur, "organisatie")))
		changed |= F_ORG;
	if (!same_text(n.functie, str_of(cur, "functie")))
		changed |= F_FUNCTIE;
	if (!same_text(n.email, str_of(cur, "email")))
		changed |= F_EMAIL;
	if (n.uur != int_of(cur, "uurPerWeek"))
		changed |= F_UUR;
	if (n.beschikbaar != int_of(cur, "beschikbaarUurPerWeek"))
		changed |= F_BESCHIKBAAR;
	if (n.pensioenjaar != int_of(cur, "pensioenjaar"))
		changed |= F_PENSIOEN;
	if (!changed) {
		*out = cur;
		cur = NULL;
		r = 0;
		goto out;
	}
	if (changed & F_ORG) {
		/* The kwaliteitskaart's counts per organisation move along
		 * (kwaliteitskaart_dekking, migration 106). */
		static const char *const move =
			"INSERT INTO kwaliteitskaart_dekking(organisatie_id, competentie_id, niveaus, houders)"
			" SELECT ?, competentie_id, ?, CASE WHEN niveau >= 2 THEN ? ELSE 0 END FROM medewerker_competenties"
			" WHERE medewerker_id = ? ON CONFLICT(organisatie_id, competentie_id) DO UPDATE SET"
			" niveaus = kwaliteitskaart_dekking.niveaus + excluded.niveaus,"
			" houders = kwaliteitskaart_dekking.houders + excluded.houders";
		long long from = store_org_id(s, str_of(cur, "organisatie"));
		if ((r = db_run(s->db, move, "llll", from, -1LL, -1LL, id)) < 0 ||
		    (r = db_run(s->db, move, "llll", n.org_id, 1LL, 1LL, id)) < 0) {
			r = store_db_problem(s, r, p, "medewerker");
			goto out;
		}
	}
	char now[32];
	store_now_text(now);
	r = db_run(s->db,
		   "UPDATE medewerkers SET organisatie_id = ?, naam = ?, functie = ?, email = ?, uur_per_week = ?,"
		   " beschikbaar_uur_per_week = ?, pensioenjaar = NULLIF(?, -1), gewijzigd = ? WHERE id = ?",
		   "lttt"
		   "lllt"
		   "l",
		   n.org_id, n.naam, n.functie, n.email, n.uur, n.beschikbaar, n.pensioenjaar, now, id);
	if (r < 0) {
		r = store_db_problem(s, r, p, "medewerker");
		goto out;
	}
	json_t *velden = json_array(), *waarden = json_object();
	for (int i = 0; member_names[i]; i++)
		if (changed & (1u << i))
			json_array_append_new(velden, json_string(member_names[i]));
	if (changed & F_ORG)
		json_object_set_new(waarden, "organisatie", json_string(n.org));
	if (changed & F_FUNCTIE)
		json_object_set_new(waarden, "functie", n.functie ? json_string(n.functie) : json_null());
	if ((r = history_add(s, id, by, "gewijzigd", velden, waarden, p)) < 0)
		goto out;
	r = medewerkers_get(s, id, out, p);
out:
	json_decref(cur);
	return store_finish(s, r, p);
}

/* ---- pseudonyms ------------------------------------------------------- */

/* The 32-byte key of the pseudonyms, created on first use. */
static int pseudonym_key(struct store *s, unsigned char key[32])
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct db_stmt *st = db_query(s->db, "SELECT zout FROM privacy_sleutels WHERE id = 1", NULL);
		int ok = db_step(st) == DB_ROW && db_col_text(st, 0) &&
			 sodium_hex2bin(key, 32, db_col_text(st, 0), strlen(db_col_text(st, 0)), NULL, NULL, NULL) == 0;
		db_finalize(st);
		if (ok)
			return 0;
		if (attempt)
			break;
		unsigned char fresh[32];
		char hex[65];
		randombytes_buf(fresh, sizeof(fresh));
		sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
		sodium_memzero(fresh, sizeof(fresh));
		/* Another writer may have made one meanwhile: then that one holds. */
		int r = db_run(s->db, "INSERT INTO privacy_sleutels(id, zout) VALUES(1, ?) ON CONFLICT DO NOTHING", "t", hex);
		sodium_memzero(hex, sizeof(hex));
		if (r < 0)
			break;
	}
	return -1;
}

int medewerkers_pseudonym(struct store *s, long long id, char *out, size_t outlen)
{
	unsigned char key[32], h[16];
	if (sodium_init() < 0 || pseudonym_key(s, key) < 0)
		return -500;
	char msg[40];
	int n = snprintf(msg, sizeof(msg), "medewerker:%lld", id);
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg, (size_t)n, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	snprintf(out, outlen, "Medewerker %02X%02X%02X", h[0], h[1], h[2]);
	return 0;
}

/* The hours exchange keeps the first answer to a POST for its
 * Idempotency-Key (table idempotentie, migration 004), and answers about
 * bookings and staffing carry "medewerkerNaam". Those stored copies get
 * the pseudonym too: every JSON string that is exactly the old name. */
static int scrub_stored_replies(struct store *s, const char *old, const char *pseudonym, struct problem *p)
{
	json_t *o = json_string(old), *n = json_string(pseudonym);
	char *from = o ? json_dumps(o, JSON_ENCODE_ANY) : NULL, *to = n ? json_dumps(n, JSON_ENCODE_ANY) : NULL;
	json_decref(o);
	json_decref(n);
	int r = from && to
			? db_run(s->db,
				 "UPDATE idempotentie SET antwoord = replace(antwoord, ?, ?) WHERE antwoord LIKE '%' || ? || '%'",
				 "ttt", from, to, from)
			: DB_ERR;
	free(from);
	free(to);
	return r < 0 ? store_db_problem(s, r, p, "opgeslagen antwoorden") : 0;
}

int medewerkers_pseudonymise(struct store *s, long long id, const char *expect_org, const struct actor *by, json_t **out,
			     struct problem *p)
{
	if (store_begin(s, p) < 0)
		return -p->status;
	json_t *cur = NULL;
	long long oid;
	int r = load_for_change(s, id, expect_org, &cur, &oid, p);
	if (r < 0)
		goto out;
	if (json_is_true(json_object_get(cur, "pseudoniem"))) {
		*out = cur;
		cur = NULL;
		goto out;
	}
	char pseudonym[32], now[32];
	if (medewerkers_pseudonym(s, id, pseudonym, sizeof(pseudonym)) < 0) {
		r = problem_set(p, 500, "Kon geen pseudoniem maken voor medewerker %lld.", id);
		goto out;
	}
	store_now_text(now);
	r = db_run(
		s->db,
		"UPDATE medewerkers SET naam = ?, email = NULL, pensioenjaar = NULL, pseudoniem = 1, gewijzigd = ? WHERE id = ?",
		"ttl", pseudonym, now, id);
	if (r < 0) {
		r = store_db_problem(s, r, p, "medewerker");
		goto out;
	}
	json_t *velden = json_pack("[s]", "naam");
	if (!json_is_null(json_object_get(cur, "email")))
		json_array_append_new(velden, json_string("email"));
	if (!json_is_null(json_object_get(cur, "pensioenjaar")))
		json_array_append_new(velden, json_string("pensioenjaar"));
	if ((r = history_add(s, id, by, "gepseudonimiseerd", velden, NULL, p)) < 0 ||
	    (r = scrub_stored_replies(s, str_of(cur, "naam"), pseudonym, p)) < 0)
		goto out;
	r = medewerkers_get(s, id, out, p);
out:
	json_decref(cur);
	return store_finish(s, r, p);
}

/* ---- lists, history, inzage ------------------------------------------- */

int medewerkers_list(struct store *s, const char *org, long long after, long long limit, json_t **out, struct problem *p)
{
	struct store_page pg = { 0, limit, 0, 0 };
	return medewerkers_page(s, org, after, limit > 0 ? &pg : NULL, out, p);
}

int medewerkers_page(struct store *s, const char *org, long long after, struct store_page *pg, json_t **out, struct problem *p)
{
	long long oid = 0;
	if (org && !(oid = store_org_id(s, org)))
		return unknown_org(org, p);
#define SQL RECORD_SELECT " WHERE (?1 = 0 OR m.organisatie_id = ?1) AND m.id > ?2 ORDER BY m.id"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?3 OFFSET ?4", "ll" STORE_PAGE_BINDS, oid, after, STORE_PAGE_ARGS(pg));
	if (!st) {
		store_page_end(s, pg, NULL);
		return store_db_problem(s, DB_ERR, p, "medewerkers");
	}
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, record_json(st));
	db_finalize(st);
	/* Every medewerker has an organisation: the count needs no join, and
	 * without a filter it is SQLite's quick count of a table. */
	store_page_end(s, pg,
		       !pg            ? NULL
		       : oid || after ? db_query(s->db,
						 "SELECT count(*) FROM medewerkers m WHERE (?1 = 0 OR m.organisatie_id = ?1)"
						 " AND m.id > ?2",
						 "ll", oid, after)
				      : db_query(s->db, "SELECT count(*) FROM medewerkers", NULL));
	*out = a;
	return 0;
#undef SQL
}

int medewerkers_list_page(struct store *s, const char *org, const char *competentie, const struct listing *l, json_t **out,
			  long long *total, struct problem *p)
{
	if (org && !store_org_id(s, org))
		return unknown_org(org, p);
	static const struct listing_column cols[] = { { "naam", "lower(m.naam)" },
						      { "organisatie", "lower(o.naam)" },
						      { "functie", "lower(coalesce(m.functie, ''))" },
						      { NULL, NULL } };
	char pat[256], order[256], where[512] = "", sql[2048], count[1024];
	const char *like = listing_pattern(l, pat, sizeof(pat));
	/* Only the filters that are set, so that the index on the organisation
	 * serves it and a count without filters is SQLite's quick one; the
	 * values are bound in this order. */
	const char *binds[4] = { NULL, NULL, NULL, NULL };
	int n = 0;
	if (org)
		binds[n++] = org;
	if (competentie)
		binds[n++] = competentie;
	if (like) {
		binds[n++] = like;
		binds[n++] = like;
	}
	snprintf(where, sizeof(where), "%s%s%s", org ? " AND o.code = ?" : "",
		 competentie ? " AND m.id IN (SELECT mc.medewerker_id FROM medewerker_competenties mc JOIN competenties c"
			       " ON c.id = mc.competentie_id WHERE c.code = ?)"
			     : "",
		 like ? " AND (lower(m.naam) LIKE ? ESCAPE '\\' OR lower(coalesce(m.functie, '')) LIKE ? ESCAPE '\\')" : "");
	static const char *const fmts[] = { NULL, "t", "tt", "ttt", "tttt" };
	snprintf(sql, sizeof(sql), RECORD_SELECT " WHERE 1 = 1%s%s", where,
		 listing_order(l, cols, 0, "m.id", order, sizeof(order)));
	if (n)
		snprintf(count, sizeof(count),
			 "SELECT count(*) FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id WHERE 1 = 1%s",
			 where);
	else
		snprintf(count, sizeof(count), "SELECT count(*) FROM medewerkers");
	int snapshot = db_begin_read(s->db) >= 0;
	struct db_stmt *st = db_query(s->db, sql, fmts[n], binds[0], binds[1], binds[2], binds[3]);
	if (!st) {
		if (snapshot)
			db_commit(s->db);
		return store_db_problem(s, DB_ERR, p, "medewerkers");
	}
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, record_json(st));
	db_finalize(st);
	*total = 0;
	st = db_query(s->db, count, fmts[n], binds[0], binds[1], binds[2], binds[3]);
	if (db_step(st) == DB_ROW)
		*total = db_col_int(st, 0);
	db_finalize(st);
	if (snapshot)
		db_commit(s->db);
	*out = a;
	return 0;
}

int medewerkers_per_org(struct store *s, const char *orgs, const char *competentie, long long limit, json_t **out,
			struct problem *p)
{
	/* One window over the staff of the page's organisations (the index on
	 * medewerkers(organisatie_id, id)), never a query per organisation. */
	struct db_stmt *st = db_query(
		s->db,
		"SELECT m.id, m.naam, o.code, m.functie, m.pseudoniem, m.uur_per_week, m.beschikbaar_uur_per_week, "
		"m.pensioenjaar,"
		" m.email, m.organisatie_id, k.n FROM (SELECT id, n FROM (SELECT x.id,"
		" row_number() OVER (PARTITION BY x.organisatie_id ORDER BY x.id) AS rn,"
		" count(*) OVER (PARTITION BY x.organisatie_id) AS n FROM medewerkers x"
		" WHERE x.organisatie_id IN (SELECT y.id FROM organisaties y WHERE (',' || ?1 || ',') LIKE ('%,' || y.code || "
		"',%'))"
		" AND (?2 IS NULL OR x.id IN (SELECT mc.medewerker_id FROM medewerker_competenties mc JOIN competenties c"
		" ON c.id = mc.competentie_id WHERE c.code = ?2))) AS w WHERE rn <= ?3) AS k"
		" JOIN medewerkers m ON m.id = k.id JOIN organisaties o ON o.id = m.organisatie_id ORDER BY o.code, m.id",
		"ttl", orgs ? orgs : "", competentie, limit);
	if (!st)
		return store_db_problem(s, DB_ERR, p, "medewerkers");
	json_t *o = json_object();
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 2);
		json_t *per = json_object_get(o, code);
		if (!per) {
			per = json_pack("{s:I,s:[]}", "totaal", (json_int_t)db_col_int(st, 10), "medewerkers");
			json_object_set_new(o, code, per);
		}
		json_array_append_new(json_object_get(per, "medewerkers"), record_json(st));
	}
	db_finalize(st);
	if (r < 0) {
		json_decref(o);
		return store_db_problem(s, r, p, "medewerkers");
	}
	*out = o;
	return 0;
}

/* with_names: the acting user's name too (for the organisation itself);
 * otherwise only their role and organisation (for the data subject). */
static json_t *history_json(struct store *s, long long id, int with_names)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT tijdstempel, actor, actor_rol, soort, velden, waarden FROM medewerker_wijzigingen"
				      " WHERE medewerker_id = ? ORDER BY id",
				      "l", id);
	while (db_step(st) == DB_ROW) {
		json_t *h = json_pack("{s:s,s:s,s:s}", "tijdstempel", db_col_text(st, 0), "soort", db_col_text(st, 3), "door",
				      db_col_text(st, 2));
		if (with_names)
			json_object_set_new(h, "actor", json_string(db_col_text(st, 1)));
		json_t *velden = json_loads(db_col_text(st, 4), 0, NULL);
		json_object_set_new(h, "velden", velden ? velden : json_array());
		if (!db_col_null(st, 5)) {
			json_t *w = json_loads(db_col_text(st, 5), 0, NULL);
			if (w)
				json_object_set_new(h, "waarden", w);
		}
		json_array_append_new(a, h);
	}
	db_finalize(st);
	return a;
}

int medewerkers_history(struct store *s, long long id, json_t **out, struct problem *p)
{
	char org[40];
	if (medewerkers_org(s, id, org, sizeof(org), p) < 0)
		return -p->status;
	*out = history_json(s, id, 1);
	return 0;
}

/* "manager, GM0505" from an audit actor "naam (manager, GM0505)". */
static json_t *audit_actor_role(const char *actor)
{
	const char *open = actor ? strrchr(actor, '(') : NULL;
	size_t len = actor ? strlen(actor) : 0;
	if (!open || actor[len - 1] != ')')
		return json_string(actor ? actor : "onbekend");
	return json_stringn(open + 1, (size_t)(actor + len - 1 - (open + 1)));
}

/* The audit records about medewerker id: requests on its path, and writes
 * whose object is "medewerker ID" (api_medewerkers.c names them so). */
static json_t *processing_json(struct store *s, long long id)
{
	char exact[64], sub[64], obj[64], named[64];
	snprintf(exact, sizeof(exact), "%% /api/v1/medewerkers/%lld", id);
	snprintf(sub, sizeof(sub), "%% /api/v1/medewerkers/%lld/%%", id);
	snprintf(obj, sizeof(obj), "%% /api/v1/medewerkers/%lld:%%", id);
	snprintf(named, sizeof(named), "%%: medewerker %lld", id);
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT tijdstempel, actor, actie, object, resultaat FROM audit"
				      " WHERE object LIKE ? OR object LIKE ? OR object LIKE ? OR object LIKE ? ORDER BY id",
				      "tttt", exact, sub, obj, named);
	while (db_step(st) == DB_ROW) {
		json_t *v = json_pack("{s:s,s:o,s:s,s:s,s:s}", "tijdstempel", db_col_text(st, 0), "door",
				      audit_actor_role(db_col_text(st, 1)), "actie", db_col_text(st, 2), "object",
				      db_col_text(st, 3) ? db_col_text(st, 3) : "", "resultaat", db_col_text(st, 4));
		json_array_append_new(a, v);
	}
	db_finalize(st);
	return a;
}

/* The person's work in the hours exchange (migration 004): staffing and
 * hour entries, without who submitted or judged them (other people). NULL
 * when the tables are not there. */
static json_t *work_json(struct store *s, long long id, int hours)
{
	struct db_stmt *st =
		hours ? db_query(s->db,
				 "SELECT u.id, p.code, u.opdracht_id, u.datum, u.minuten, u.omschrijving, u.status, u.reden"
				 " FROM uren u JOIN proeftuinen p ON p.id = u.proeftuin_id WHERE u.medewerker_id = ? ORDER BY "
				 "u.datum, u.id",
				 "l", id)
		      : db_query(s->db,
				 "SELECT i.id, i.opdracht_id, i.minuten, i.status, i.aangemaakt FROM inzet i"
				 " WHERE i.medewerker_id = ? ORDER BY i.id",
				 "l", id);
	if (!st)
		return NULL;
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o;
		if (hours) {
			o = json_pack("{s:I,s:s,s:I,s:s,s:I}", "id", (json_int_t)db_col_int(st, 0), "proeftuin",
				      db_col_text(st, 1), "opdracht", (json_int_t)db_col_int(st, 2), "datum", db_col_text(st, 3),
				      "minuten", (json_int_t)db_col_int(st, 4));
			json_object_set_new(o, "omschrijving", store_text_or_null(st, 5));
			json_object_set_new(o, "status", store_text_or_null(st, 6));
			json_object_set_new(o, "reden", store_text_or_null(st, 7));
		} else {
			o = json_pack("{s:I,s:I,s:I}", "id", (json_int_t)db_col_int(st, 0), "opdracht",
				      (json_int_t)db_col_int(st, 1), "minuten", (json_int_t)db_col_int(st, 2));
			json_object_set_new(o, "status", store_text_or_null(st, 3));
			json_object_set_new(o, "aangemaakt", store_text_or_null(st, 4));
		}
		json_array_append_new(a, o);
	}
	db_finalize(st);
	return a;
}

int medewerkers_inzage(struct store *s, long long id, json_t **out, struct problem *p)
{
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "inzage");
	json_t *rec = NULL;
	long long oid;
	int r = do_get(s, id, &rec, &oid, p);
	if (r < 0) {
		db_rollback(s->db);
		return r;
	}
	char controller[300] = "";
	struct db_stmt *st = db_query(s->db, "SELECT naam, code FROM organisaties WHERE id = ?", "l", oid);
	if (db_step(st) == DB_ROW)
		snprintf(controller, sizeof(controller), "%s (%s), de werkgever", db_col_text(st, 0), db_col_text(st, 1));
	db_finalize(st);
	json_t *info = json_pack(
		"{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "verwerkingsverantwoordelijke", controller, "doeleinden",
		"De inzet van medewerkers in het netwerk van samenwerkende organisaties: de urenbank (uren voor uren), "
		"de kwaliteitskaart en vervanging, en de planning van de uitstroom.",
		"grondslag",
		"Uitvoering van de arbeidsovereenkomst en de publieke taak van de samenwerkende organisaties "
		"(AVG art. 6 lid 1 onder b en e); de urenadministratie ook de wettelijke bewaarplicht (onder c).",
		"ontvangers",
		"Aangemelde gebruikers van samen zien naam, organisatie en functie. Uren per week, beschikbaarheid, "
		"pensioenjaar en e-mailadres zien alleen de managers van de eigen organisatie, de procesmanager en de beheerder.",
		"herkomst", "Vastgelegd door de eigen organisatie.", "bewaartermijn",
		"Zolang de medewerker aan het netwerk deelneemt. Daarna worden de persoonsgegevens gepseudonimiseerd; "
		"geboekte uren blijven onder het nummer van de medewerker bewaard zolang de administratieplicht dat vraagt.",
		"rechten",
		"Inzage (art. 15), rectificatie (art. 16), wissen (art. 17: in samen door pseudonimisering, omdat de "
		"urenadministratie blijft), beperking (art. 18) en bezwaar (art. 21); klachten bij de Autoriteit "
		"Persoonsgegevens.");
	char now[32];
	store_now_text(now);
	*out = json_pack("{s:o,s:o,s:o,s:o,s:s}", "medewerker", rec, "wijzigingen", history_json(s, id, 0), "verwerkingen",
			 processing_json(s, id), "informatie", info, "opgesteld", now);
	json_t *inzet = work_json(s, id, 0), *uren = work_json(s, id, 1);
	if (inzet)
		json_object_set_new(*out, "inzet", inzet);
	if (uren)
		json_object_set_new(*out, "uren", uren);
	db_commit(s->db);
	return 0;
}
