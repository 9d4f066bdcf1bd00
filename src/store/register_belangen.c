/* The interests of the members of a verband, in dated versions
 * (register_belangen.h). The lists (visie en kernwaarden,
 * organisatiebelang) are kept one item a line. */
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "core/date.h"
#include "core/register.h"
#include "store/fields.h"
#include "store/register_belangen.h"
#include "store/register_sql.h"

#define ITEM_MAX 300  /* characters of one kernwaarde or belang */
#define ITEMS_MAX 30  /* items in one list */
#define TEXT_MAX 2000 /* a position or the toelichting */

/* The positions besides the two lists: the API's name and the column. */
static const char *const positions[] = { "eindperspectief", "tempo", "inhoud", "schaal", NULL };

#define COLS                                                                                                            \
	"SELECT b.id, v.code, o.code, o.naam, b.datum, b.kernwaarden, b.organisatiebelang, b.eindperspectief, b.tempo," \
	" b.inhoud, b.schaal, b.toelichting, b.aangemaakt, b.door FROM verband_belangen b"                              \
	" JOIN verbanden v ON v.id = b.verband_id JOIN organisaties o ON o.id = b.organisatie_id"

/* A column of lines as a JSON array of its non-empty lines. */
static json_t *lines_json(struct db_stmt *st, int col)
{
	json_t *a = json_array();
	const char *s = db_col_null(st, col) ? "" : db_col_text(st, col);
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n)
			json_array_append_new(a, json_stringn(s, n));
		s += n + (s[n] ? 1 : 0);
	}
	return a;
}

static json_t *row_json(struct db_stmt *st)
{
	json_t *o =
		json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "verband", db_col_text(st, 1),
			  "organisatie", db_col_text(st, 2), "organisatieNaam", db_col_text(st, 3), "datum", db_col_text(st, 4));
	json_object_set_new(o, "visieKernwaarden", lines_json(st, 5));
	json_object_set_new(o, "organisatiebelang", lines_json(st, 6));
	for (int i = 0; positions[i]; i++)
		json_object_set_new(o, positions[i], store_text_or_null(st, 7 + i));
	json_object_set_new(o, "toelichting", store_text_or_null(st, 11));
	json_object_set_new(o, "aangemaakt", json_string(db_col_text(st, 12)));
	json_object_set_new(o, "door", json_string(db_col_text(st, 13)));
	return o;
}

/* The list under name as lines into b: each item text of one line, trimmed,
 * empty ones dropped. Returns the number of items, or -1 (p says why). */
static int read_list(json_t *in, const char *name, struct buf *b, struct problem *p)
{
	json_t *a = NULL, *x;
	int present = field_array(in, name, FIELD_OPTIONAL, &a, p);
	if (present <= 0)
		return present;
	if (json_array_size(a) > ITEMS_MAX)
		return problem_param(p, name, "hoogstens %d punten", ITEMS_MAX), -1;
	size_t i;
	int n = 0;
	json_array_foreach(a, i, x) {
		char pname[64];
		snprintf(pname, sizeof(pname), "%s[%zu]", name, i);
		if (!json_is_string(x))
			return problem_param(p, pname, "moet tekst zijn"), -1;
		const char *s = json_string_value(x), *e = s + strlen(s);
		while (*s == ' ' || *s == '\t')
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e == s)
			continue;
		if (memchr(s, '\n', (size_t)(e - s)) || memchr(s, '\r', (size_t)(e - s)))
			return problem_param(p, pname, "één punt per regel: een punt heeft geen regeleinde"), -1;
		char item[ITEM_MAX * 4 + 1];
		if ((size_t)(e - s) >= sizeof(item))
			return problem_param(p, pname, "is te lang (hoogstens %d tekens)", ITEM_MAX), -1;
		memcpy(item, s, (size_t)(e - s));
		item[e - s] = '\0';
		if (!register_text_valid(item, ITEM_MAX))
			return problem_param(p, pname, "is te lang (hoogstens %d tekens) of bevat ongeldige tekens", ITEM_MAX),
			       -1;
		if (n++)
			buf_addc(b, '\n');
		buf_adds(b, item);
	}
	return n;
}

struct create_args {
	const char *by, *verband;
	json_t *in, **out;
};

static int do_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband ? a->verband : "");
	const char *org = NULL, *datum = NULL, *pos[4] = { NULL }, *tl = NULL;
	field_text(a->in, "organisatie", FIELD_REQUIRED, 40, &org, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	struct buf kern, belang;
	buf_init(&kern, 64 * 1024);
	buf_init(&belang, 64 * 1024);
	int nk = read_list(a->in, "visieKernwaarden", &kern, p);
	int nb = read_list(a->in, "organisatiebelang", &belang, p);
	int filled = (nk > 0) + (nb > 0);
	for (int i = 0; positions[i]; i++)
		if (field_text(a->in, positions[i], FIELD_OPTIONAL, TEXT_MAX, &pos[i], p) > 0 && pos[i][0])
			filled++;
		else
			pos[i] = NULL;
	if (field_text(a->in, "toelichting", FIELD_OPTIONAL, TEXT_MAX, &tl, p) > 0 && !tl[0])
		tl = NULL;
	int r;
	if (p->status) {
		r = -p->status;
		goto out;
	}
	if (!filled) {
		r = problem_param(p, "visieKernwaarden",
				  "vul ten minste iets in: visie en kernwaarden, organisatiebelang, of de positie over de stip "
				  "op de horizon, tempo, inhoud of schaal");
		goto out;
	}
	long long oid = store_org_id(s, org);
	if (!oid) {
		r = problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
		goto out;
	}
	/* Only a member speaks for itself in the verband, on a date it is one. */
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ?1 AND l.organisatie_id = ?2"
				      " AND " REGISTER_SQL_MEMBER_ON("l", "?3"),
				      "llt", vid, oid, datum);
	int member = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!member) {
		r = problem_refuse(
			p, "organisatie",
			"Organisatie '%s' is op %s geen lid van verband '%s'; alleen een lid legt er zijn belangen vast.", org,
			datum, a->verband);
		goto out;
	}
	char now[32];
	store_now_text(now);
	long long id = 0;
	r = db_insert(s->db, &id,
		      "INSERT INTO verband_belangen(verband_id, organisatie_id, datum, kernwaarden, organisatiebelang,"
		      " eindperspectief, tempo, inhoud, schaal, toelichting, aangemaakt, door)"
		      " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		      "lltttttttttt", vid, oid, datum, nk > 0 ? buf_str(&kern) : NULL, nb > 0 ? buf_str(&belang) : NULL, pos[0],
		      pos[1], pos[2], pos[3], tl, now, a->by && a->by[0] ? a->by : "systeem");
	if (r < 0) {
		r = store_db_problem(s, r, p, "belangen");
		goto out;
	}
	if (a->out) {
		st = db_query(s->db, COLS " WHERE b.id = ?", "l", id);
		*a->out = db_step(st) == DB_ROW ? row_json(st) : NULL;
		db_finalize(st);
	}
	r = 0;
out:
	buf_release(&kern);
	buf_release(&belang);
	return r;
}

int register_belangen_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, verband, in, out };
	if (out)
		*out = NULL;
	return store_transaction(s, p, do_create, &a);
}

int register_belangen_list(struct store *s, const char *verband, const char *date, json_t **out, struct problem *p)
{
	int32_t d;
	char on[DATE_TEXT_LEN];
	if (date && date_parse(date, &d) < 0)
		return problem_param(p, "datum", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", date);
	if (date)
		snprintf(on, sizeof(on), "%s", date);
	else
		date_format(date_today(), on);
	long long vid = store_verband_id(s, verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband ? verband : "");
	/* Per member on the date: its version with the latest datum on or
	 * before it, and of those the last recorded. */
	struct db_stmt *st = db_query(
		s->db,
		COLS
		" WHERE b.verband_id = ?1 AND b.datum <= ?2"
		" AND EXISTS (SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ?1 AND l.organisatie_id = b.organisatie_id"
		" AND " REGISTER_SQL_MEMBER_ON(
			"l", "?2") ")"
				   " AND NOT EXISTS (SELECT 1 FROM verband_belangen n WHERE n.verband_id = b.verband_id"
				   " AND n.organisatie_id = b.organisatie_id AND n.datum <= ?2"
				   " AND (n.datum > b.datum OR (n.datum = b.datum AND n.id > b.id)))"
				   " ORDER BY o.naam, o.code",
		"lt", vid, on);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, row_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

int register_belangen_history(struct store *s, const char *verband, const char *org, json_t **out, struct problem *p)
{
	long long vid = store_verband_id(s, verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", verband ? verband : "");
	long long oid = 0;
	if (org && !(oid = store_org_id(s, org)))
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	struct db_stmt *st = db_query(s->db,
				      COLS " WHERE b.verband_id = ?1 AND (?2 = 0 OR b.organisatie_id = ?2)"
					   " ORDER BY o.naam, o.code, b.datum, b.id",
				      "ll", vid, oid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, row_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}
