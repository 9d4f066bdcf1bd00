/* samen uren import — hour entries from a time-registration system's CSV
 * export into the hours exchange, all or nothing (docs/urenbank.md, "Uren
 * inlezen"); and the demo of the urenbank for samen demo.
 *
 * Who acts. Whoever can write the database file administers it (as with
 * samen gebruiker): by default the entries are submitted, and with
 * --goedgekeurd also approved, in the name "<login> (opdrachtregel)" —
 * the sudo caller or the account the process runs as — and the audit log
 * says so. With --als NAAM the import acts as that account instead: each
 * line is checked against the policy as if that user booked it on the
 * pages (uren-boeken for the medewerker's organisation; with
 * --goedgekeurd also uren-goedkeuren for a principal of the opdracht),
 * and the entries carry that name. */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/duration.h"
#include "core/nl.h"
#include "core/embedded.h"
#include "store/gebruikers.h"
#include "store/urenbank.h"
#include "store/urenbank_demo.h"
#include "store/medewerkers.h"

#define MAX_ERRORS_SHOWN 100
#define PROGRESS_EVERY 1000

static const char usage[] =
	"Gebruik: samen uren import --db BESTAND --proeftuin CODE [--goedgekeurd] [--als GEBRUIKER] [--json] UREN.csv\n"
	"\n"
	"Leest urenregels uit een CSV-export van een tijdregistratiesysteem, alles of niets: bij één fout\n"
	"wordt niets ingelezen en staat elke fout met zijn regelnummer op stderr.\n"
	"\n"
	"  Kolommen (de kopregel beslist, volgorde vrij, andere kolommen worden overgeslagen):\n"
	"    medewerker    nummer (id) of precieze naam van de medewerker\n"
	"    opdracht      nummer (id) of precieze titel van de opdracht in de proeftuin\n"
	"    datum         JJJJ-MM-DD of DD-MM-JJJJ\n"
	"    minuten       een geheel aantal minuten (450), of in plaats daarvan\n"
	"    uren          uren met een decimale komma of punt (7,5) of als uu:mm (7:30)\n"
	"    omschrijving  (niet verplicht)\n"
	"  Scheidingsteken ';', ',' of tab; UTF-8 (met of zonder BOM) of Windows-1252; CRLF mag.\n"
	"\n"
	"  --goedgekeurd  de regels meteen goedkeuren en boeken (anders: ingediend)\n"
	"  --als NAAM     handelen als dat account, met zijn rechten (anders: wie de database beheert)\n"
	"  --json         een samenvatting als JSON op stdout\n"
	"UREN.csv - leest van stdin. Afsluitcodes: 0 ingelezen, 1 niets ingelezen (fouten), 2 verkeerd gebruik.\n";

struct uren_opts {
	const char *db, *proeftuin, *als, *file;
	int approve, json;
};

static int parse(int argc, char **argv, struct uren_opts *o)
{
	memset(o, 0, sizeof(*o));
	const struct cli_option opts[] = { { "--db", &o->db, NULL, 0 },     { "--proeftuin", &o->proeftuin, NULL, 0 },
					   { "--als", &o->als, NULL, 0 },   { "--goedgekeurd", NULL, &o->approve, 0 },
					   { "--json", NULL, &o->json, 0 }, { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, &o->file, usage);
	if (r)
		return r;
	if (!o->db) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
		return 2;
	}
	if (!o->proeftuin) {
		fprintf(stderr, "samen: --proeftuin CODE is verplicht\n");
		return 2;
	}
	if (!o->file) {
		fprintf(stderr, "samen: geef het CSV-bestand op: samen uren import --db BESTAND --proeftuin CODE UREN.csv\n");
		return 2;
	}
	return 0;
}

/* ---- columns -------------------------------------------------------------- */

enum col { COL_MEDEWERKER, COL_OPDRACHT, COL_DATUM, COL_MINUTEN, COL_UREN, COL_OMSCHRIJVING, COL__N };
static const char *const col_names[] = { "medewerker", "opdracht", "datum", "minuten", "uren", "omschrijving" };

/* A header cell in lower case without spaces, '-', '_' and '.'. */
static void normalise(const char *in, char *out, size_t len)
{
	size_t k = 0;
	for (; *in && k + 1 < len; in++) {
		char c = *in;
		if (c == ' ' || c == '-' || c == '_' || c == '.' || c == '\t')
			continue;
		out[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[k] = '\0';
}

static int col_of(const char *header)
{
	static const struct {
		const char *name;
		enum col col;
	} aliases[] = {
		{ "medewerker", COL_MEDEWERKER },
		{ "medewerkerid", COL_MEDEWERKER },
		{ "medewerkernummer", COL_MEDEWERKER },
		{ "opdracht", COL_OPDRACHT },
		{ "opdrachtid", COL_OPDRACHT },
		{ "opdrachtnummer", COL_OPDRACHT },
		{ "datum", COL_DATUM },
		{ "minuten", COL_MINUTEN },
		{ "uren", COL_UREN },
		{ "tijd", COL_UREN },
		{ "omschrijving", COL_OMSCHRIJVING },
		{ "toelichting", COL_OMSCHRIJVING },
	};
	char n[64];
	normalise(header, n, sizeof(n));
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(aliases[i].name, n))
			return (int)aliases[i].col;
	return -1;
}

/* ---- values --------------------------------------------------------------- */

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* "2012-03-05", "05-03-2012", "5-3-2012" or "05/03/2012" into ISO text. */
static int parse_day(const char *s, char iso[DATE_TEXT_LEN], char *err, size_t errlen)
{
	int a = 0, b = 0, c = 0, na = 0, nb = 0, nc = 0;
	char s1 = 0, s2 = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9' && na < 5; p++, na++)
		a = a * 10 + (*p - '0');
	s1 = *p ? *p++ : 0;
	for (; *p >= '0' && *p <= '9' && nb < 3; p++, nb++)
		b = b * 10 + (*p - '0');
	s2 = *p ? *p++ : 0;
	for (; *p >= '0' && *p <= '9' && nc < 5; p++, nc++)
		c = c * 10 + (*p - '0');
	int shaped = !*p && nb >= 1 && s1 && s1 == s2 && (s1 == '-' || s1 == '/') && na >= 1 && nc >= 1;
	int y, m, d;
	if (shaped && na == 4 && s1 == '-' && nb == 2 && nc == 2)
		y = a, m = b, d = c;
	else if (shaped && nc == 4 && na <= 2)
		y = c, m = b, d = a;
	else {
		snprintf(err, errlen, "datum '%.40s' is geen datum; schrijf JJJJ-MM-DD (2012-03-05) of DD-MM-JJJJ (05-03-2012)",
			 s);
		return -1;
	}
	char text[40]; /* room for any three ints; date_parse rejects what is not a date */
	snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
	int32_t day;
	if (date_parse(text, &day) < 0) {
		snprintf(err, errlen, "datum '%.40s' bestaat niet", s);
		return -1;
	}
	date_format(day, iso);
	return 0;
}

/* Names (lower case) → ids, for staff and opdrachten named by text. */
struct names {
	json_t *ids; /* name → id, or 0 when two share the name */
};

static void names_add(struct names *n, const char *name, long long id)
{
	char key[256];
	size_t k = 0;
	for (const char *c = name; *c && k + 1 < sizeof(key); c++)
		key[k++] = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
	key[k] = '\0';
	json_t *prev = json_object_get(n->ids, key);
	json_object_set_new(n->ids, key, json_integer(prev ? 0 : id));
}

/* 1 found, 0 unknown, -1 ambiguous. */
static int names_find(const struct names *n, const char *name, long long *id)
{
	char key[256];
	size_t k = 0;
	for (const char *c = name; *c && k + 1 < sizeof(key); c++)
		key[k++] = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
	key[k] = '\0';
	json_t *v = json_object_get(n->ids, key);
	if (!v)
		return 0;
	*id = json_integer_value(v);
	return *id ? 1 : -1;
}

/* ---- the import ----------------------------------------------------------- */

struct import {
	struct store *s;
	const struct uren_opts *o;
	struct actor actor;
	int as_account;
	struct names staff, opdrachten;
	json_t *principals; /* opdracht id → [codes] */
	struct urenbank_batch *batch; /* what no line changes, read once */
	json_t *errors;     /* [{"regel","fout"}] */
	long long lines, booked, minutes;
};

static void line_error(struct import *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line_error(struct import *im, int line, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t n = json_array_size(im->errors);
	if (n < MAX_ERRORS_SHOWN)
		fprintf(stderr, "%sregel %d: %s\n", isatty(2) ? "\r" : "", line, msg);
	json_array_append_new(im->errors, json_pack("{s:i,s:s}", "regel", line, "fout", msg));
}

static void load_names(struct import *im, json_t *pt)
{
	struct problem p;
	problem_init(&p);
	json_t *all = NULL, *list = NULL;
	if (medewerkers_list(im->s, NULL, 0, 0, &all, &p) == 0) {
		size_t i, k;
		json_t *m, *l;
		json_array_foreach(all, i, m) {
			const char *org = json_string_value(json_object_get(m, "organisatie"));
			json_array_foreach(json_object_get(pt, "leden"), k, l)
				if (org && !strcmp(org, json_string_value(l))) {
					names_add(&im->staff, json_string_value(json_object_get(m, "naam")),
						  json_integer_value(json_object_get(m, "id")));
					break;
				}
		}
	}
	json_decref(all);
	problem_init(&p);
	if (urenbank_opdracht_list(im->s, im->o->proeftuin, NULL, NULL, NULL, &list, &p) == 0) {
		size_t i;
		json_t *x;
		json_array_foreach(list, i, x)
			names_add(&im->opdrachten, json_string_value(json_object_get(x, "titel")),
				  json_integer_value(json_object_get(x, "id")));
	}
	json_decref(list);
}

/* The id in a medewerker or opdracht cell: a number, or a name. */
static int resolve(struct import *im, int line, const char *what, const struct names *n, const char *cell, long long *id)
{
	if (!cell[0]) {
		line_error(im, line, "%s ontbreekt", what);
		return -1;
	}
	if (is_digits(cell)) {
		char *end;
		*id = strtoll(cell, &end, 10);
		if (*id > 0 && strlen(cell) <= 18)
			return 0;
		line_error(im, line, "%s '%.40s' is geen geldig nummer", what, cell);
		return -1;
	}
	int r = names_find(n, cell, id);
	if (r > 0)
		return 0;
	if (r < 0)
		line_error(im, line, "%s '%.80s' is niet eenduidig: meer dan één heet zo; gebruik het nummer", what, cell);
	else
		line_error(im, line, "%s '%.80s' bestaat niet in proeftuin '%s'", what, cell, im->o->proeftuin);
	return -1;
}

/* With --als: may that account book (and approve) this line? */
static int allowed(struct import *im, int line, long long mw, long long opdracht)
{
	if (!im->as_account)
		return 1;
	struct problem p;
	problem_init(&p);
	char org[40];
	if (medewerkers_org(im->s, mw, org, sizeof(org), &p) < 0)
		return 1; /* the store says it does not exist */
	const char *self = im->actor.org[0] ? im->actor.org : "geen organisatie";
	if (!policy_allows(&im->actor, ACT_HOURS_BOOK, org, im->o->proeftuin)) {
		line_error(im, line, "%s (%s, %s) mag geen uren boeken voor medewerkers van %s", im->actor.name,
			   policy_role_names[im->actor.role], self, org);
		return 0;
	}
	if (!im->o->approve)
		return 1;
	char key[32];
	snprintf(key, sizeof(key), "%lld", opdracht);
	json_t *codes = json_object_get(im->principals, key);
	if (!codes) {
		problem_init(&p);
		if (urenbank_opdracht_principals(im->s, im->o->proeftuin, opdracht, &codes, &p) < 0)
			return 1; /* the store says it does not exist */
		json_object_set_new(im->principals, key, codes);
	}
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c)
		if (policy_allows(&im->actor, ACT_HOURS_APPROVE, json_string_value(c), im->o->proeftuin))
			return 1;
	line_error(im, line,
		   "%s (%s, %s) mag uren op opdracht %lld niet goedkeuren: dat doet de manager van de opdrachtgever; "
		   "lees zonder --goedgekeurd in",
		   im->actor.name, policy_role_names[im->actor.role], self, opdracht);
	return 0;
}

static void one_line(struct import *im, const struct csv_record *rec, const int *cols)
{
	int line = rec->line;
	char cell[COL__N][1100];
	for (int c = 0; c < COL__N; c++) {
		cell[c][0] = '\0';
		if (cols[c] >= 0 && (size_t)cols[c] < rec->n)
			csv_trim(csv_unprotect(rec->fields[cols[c]]), cell[c], sizeof(cell[c]));
	}
	long long mw = 0, opdracht = 0;
	int bad = resolve(im, line, "medewerker", &im->staff, cell[COL_MEDEWERKER], &mw) < 0;
	bad |= resolve(im, line, "opdracht", &im->opdrachten, cell[COL_OPDRACHT], &opdracht) < 0;
	char datum[DATE_TEXT_LEN] = "", err[300];
	if (!cell[COL_DATUM][0]) {
		line_error(im, line, "datum ontbreekt");
		bad = 1;
	} else if (parse_day(cell[COL_DATUM], datum, err, sizeof(err)) < 0) {
		line_error(im, line, "%s", err);
		bad = 1;
	}
	int64_t minutes = 0;
	int by_hours = cols[COL_UREN] >= 0;
	const char *amount = cell[by_hours ? COL_UREN : COL_MINUTEN];
	if (!amount[0]) {
		line_error(im, line, "%s ontbreekt", by_hours ? "uren" : "minuten");
		bad = 1;
	} else if ((by_hours ? duration_parse_hours(amount, &minutes, err, sizeof(err))
			     : duration_parse_minutes(amount, &minutes, err, sizeof(err))) < 0) {
		line_error(im, line, "%s '%.40s' %s", by_hours ? "uren" : "minuten", amount, err);
		bad = 1;
	} else if (minutes < 1 || minutes > 1440) {
		line_error(im, line, "%s '%.40s': een urenregel is 1 minuut tot 24 uur", by_hours ? "uren" : "minuten", amount);
		bad = 1;
	}
	if (bad || !allowed(im, line, mw, opdracht))
		return;
	json_t *in = json_pack("{s:I,s:I,s:s,s:I}", "medewerker", (json_int_t)mw, "opdracht", (json_int_t)opdracht, "datum",
			       datum, "minuten", (json_int_t)minutes);
	if (cell[COL_OMSCHRIJVING][0])
		json_object_set_new(in, "omschrijving", json_string(cell[COL_OMSCHRIJVING]));
	struct problem p;
	problem_init(&p);
	int r = im->batch ? urenbank_batch_import(im->batch, in, im->o->approve, NULL, &p)
			  : urenbank_uren_import(im->s, &im->actor, im->o->proeftuin, in, im->o->approve, NULL, &p);
	json_decref(in);
	if (r == 0) {
		im->booked++;
		im->minutes += minutes;
		return;
	}
	if (p.status == 400 && p.nparams) {
		for (int i = 0; i < p.nparams; i++)
			line_error(im, line, "%s %s", p.params[i].name, p.params[i].reason);
	} else {
		line_error(im, line, "%s", p.detail);
	}
}

/* The actor: an account (--als), or whoever runs this. */
static int set_actor(struct import *im)
{
	const char *user = getenv("SUDO_USER");
	struct passwd *pw = NULL;
	if ((!user || !user[0]) && (pw = getpwuid(geteuid())))
		user = pw->pw_name;
	memset(&im->actor, 0, sizeof(im->actor));
	if (!im->o->als) {
		im->actor.role = ROLE_BEHEERDER;
		snprintf(im->actor.name, sizeof(im->actor.name), "%s (opdrachtregel)", user && user[0] ? user : "onbekend");
		return 0;
	}
	struct problem p;
	problem_init(&p);
	struct gebruiker_info info;
	if (gebruikers_user_info(im->s, im->o->als, &info, &p) < 0) {
		fprintf(stderr, "samen: --als: %s\n", p.detail);
		return -1;
	}
	if (!info.active) {
		fprintf(stderr, "samen: --als: gebruiker '%s' is uitgeschakeld\n", im->o->als);
		return -1;
	}
	im->as_account = 1;
	im->actor.role = info.role;
	im->actor.user_id = info.id;
	snprintf(im->actor.name, sizeof(im->actor.name), "%s", im->o->als);
	snprintf(im->actor.org, sizeof(im->actor.org), "%s", info.org);
	snprintf(im->actor.verband, sizeof(im->actor.verband), "%s", info.verband);
	return 0;
}

static void audit(struct import *im, int ok)
{
	const char *user = getenv("SUDO_USER");
	struct passwd *pw = NULL;
	if ((!user || !user[0]) && (pw = getpwuid(geteuid())))
		user = pw->pw_name;
	char actor[300], object[600];
	if (im->as_account)
		snprintf(actor, sizeof(actor), "%s via %s (opdrachtregel)", im->actor.name, user && user[0] ? user : "onbekend");
	else
		snprintf(actor, sizeof(actor), "%s", im->actor.name);
	snprintf(object, sizeof(object), "samen uren import %.200s: %lld urenregels in proeftuin %s%s", im->o->file,
		 ok ? im->booked : 0, im->o->proeftuin, im->o->approve ? " (goedgekeurd)" : "");
	gebruikers_audit(im->s, actor, im->o->approve ? "uren-goedkeuren" : "uren-boeken", object, ok ? "gelukt" : "mislukt",
			 "opdrachtregel");
}

static int run(struct import *im, const char *text, size_t len)
{
	char err[400];
	char sep = csv_detect_separator(text, len);
	struct csv_reader rd;
	struct csv_record rec;
	csv_reader_init(&rd, text, len, sep ? sep : ';');
	csv_record_init(&rec);
	int cols[COL__N], r, header = 0;
	for (int c = 0; c < COL__N; c++)
		cols[c] = -1;
	int tty = isatty(2);
	while ((r = csv_read(&rd, &rec, err, sizeof(err))) > 0) {
		if (csv_record_blank(&rec))
			continue;
		if (!header) {
			header = rec.line;
			for (size_t i = 0; i < rec.n; i++) {
				char cell[128];
				int c = col_of(csv_trim(rec.fields[i], cell, sizeof(cell)));
				if (c < 0)
					continue;
				if (cols[c] >= 0) {
					line_error(im, rec.line, "kolom '%s' staat twee keer in de kopregel", col_names[c]);
					break;
				}
				cols[c] = (int)i;
			}
			const char *missing[3];
			int nm = 0;
			for (int c = 0; c <= COL_DATUM; c++)
				if (cols[c] < 0)
					missing[nm++] = col_names[c];
			for (int i = 0; i < nm; i++)
				line_error(im, rec.line,
					   "de kopregel heeft geen kolom '%s'; verwacht zijn medewerker, opdracht, "
					   "datum, minuten of uren, en eventueel omschrijving",
					   missing[i]);
			if ((cols[COL_MINUTEN] >= 0) == (cols[COL_UREN] >= 0))
				line_error(im, rec.line, "de kopregel heeft %s; geef de tijd in minuten of in uren, niet allebei",
					   cols[COL_MINUTEN] >= 0 ? "zowel 'minuten' als 'uren'"
								  : "geen kolom 'minuten' of 'uren'");
			if (json_array_size(im->errors))
				break;
			continue;
		}
		im->lines++;
		/* The required columns must be there; a missing omschrijving at the end is an empty one. */
		int need = 0;
		for (int c = 0; c < COL_OMSCHRIJVING; c++)
			need = cols[c] + 1 > need ? cols[c] + 1 : need;
		if (rec.n < (size_t)need)
			line_error(im, rec.line, "%zu veld%s, de kopregel vraagt er ten minste %d (scheidingsteken '%c')", rec.n,
				   rec.n == 1 ? "" : "en", need, sep ? sep : ';');
		else
			one_line(im, &rec, cols);
		if (tty && im->lines % PROGRESS_EVERY == 0)
			fprintf(stderr, "\rsamen: %lld regels gelezen, %zu fout%s", im->lines, json_array_size(im->errors),
				json_array_size(im->errors) == 1 ? "" : "en");
	}
	if (tty && im->lines >= PROGRESS_EVERY)
		fputc('\n', stderr);
	csv_record_release(&rec);
	if (r < 0) {
		line_error(im, rd.error_line, "%s", err);
		return -1;
	}
	if (!header)
		line_error(im, 1, "het bestand is leeg; verwacht een kopregel (medewerker;opdracht;datum;minuten;omschrijving)");
	else if (!im->lines && !json_array_size(im->errors))
		line_error(im, header, "er staan geen urenregels onder de kopregel");
	return json_array_size(im->errors) ? -1 : 0;
}

static const char *file_error(int err)
{
	switch (err) {
	case ENOENT: return "het bestand bestaat niet";
	case EACCES:
	case EPERM: return "geen leesrechten";
	case EISDIR: return "dat is een map, geen bestand";
	case EFBIG: return "het bestand is groter dan 256 MiB";
	default: return strerror(err);
	}
}

static int import(const struct uren_opts *o)
{
	size_t len;
	char *raw = cli_read_file(o->file, &len);
	if (!raw) {
		fprintf(stderr, "samen: kan '%s' niet lezen: %s\n", o->file, file_error(errno));
		return 1;
	}
	char *text = NULL, err[300];
	size_t tlen;
	if (csv_to_utf8(raw, len, &text, &tlen, err, sizeof(err)) < 0) {
		free(raw);
		fprintf(stderr, "samen: %s: %s\n", o->file, err);
		return 1;
	}
	free(raw);
	struct store *s;
	if (cli_accounts_store(o->db, &s)) {
		free(text);
		return 1;
	}
	struct import im = { .s = s, .o = o };
	im.staff.ids = json_object();
	im.opdrachten.ids = json_object();
	im.principals = json_object();
	im.errors = json_array();
	struct problem p;
	problem_init(&p);
	json_t *pt = NULL;
	int rc = 1;
	if (urenbank_proeftuin_get(s, o->proeftuin, &pt, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		goto out;
	}
	if (set_actor(&im) < 0)
		goto out;
	load_names(&im, pt);
	/* One transaction for the whole file, its pages kept in memory until
	 * the commit (db_bulk); the commit is durable (synchronous=FULL) before
	 * "ingelezen" is said. */
	db_bulk(s->db, 1);
	if (db_begin(s->db) < 0) {
		fprintf(stderr, "samen: de database is bezet; probeer het zo opnieuw\n");
		goto out;
	}
	im.batch = urenbank_batch_new(s, &im.actor, o->proeftuin);
	int failed = run(&im, text, tlen) < 0;
	if (failed) {
		urenbank_batch_free(im.batch);
	} else {
		/* The balances, totals and flows the batch added up. */
		problem_init(&p);
		if (urenbank_batch_end(im.batch, &p) < 0) {
			line_error(&im, 0, "%s", p.detail);
			failed = 1;
		}
	}
	im.batch = NULL;
	if (failed) {
		db_rollback(s->db);
		size_t n = json_array_size(im.errors);
		if (n > MAX_ERRORS_SHOWN)
			fprintf(stderr, "… en nog %zu fouten\n", n - MAX_ERRORS_SHOWN);
		fprintf(stderr,
			"samen: niets ingelezen: %zu fout%s in %lld urenregel%s; herstel %s en lees het bestand "
			"opnieuw in.\n",
			n, n == 1 ? "" : "en", im.lines, im.lines == 1 ? "" : "s", n == 1 ? "hem" : "ze");
		audit(&im, 0);
	} else if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		fprintf(stderr, "samen: kon de urenregels niet vastleggen; er is niets ingelezen\n");
	} else {
		char h[NL_TEXT_LEN];
		nl_hours(im.minutes, 0, h, sizeof(h));
		fprintf(stderr, "samen: %lld urenregel%s (%s) ingelezen in proeftuin %s, %s.\n", im.booked,
			im.booked == 1 ? "" : "s", h, o->proeftuin,
			o->approve ? "goedgekeurd en geboekt" : "ingediend; de managers van de opdrachtgevers keuren ze goed");
		audit(&im, 1);
		rc = 0;
	}
	if (o->json) {
		json_t *doc = json_pack("{s:b,s:s,s:I,s:I,s:I,s:s,s:O}", "ingelezen", rc == 0, "proeftuin", o->proeftuin,
					"regels", (json_int_t)im.lines, "urenregels", (json_int_t)(rc == 0 ? im.booked : 0),
					"minuten", (json_int_t)(rc == 0 ? im.minutes : 0), "status",
					o->approve ? "goedgekeurd" : "ingediend", "fouten", im.errors);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(doc);
		if (fflush(stdout) != 0)
			rc = 1;
	}
out:
	db_bulk(s->db, 0);
	json_decref(pt);
	json_decref(im.staff.ids);
	json_decref(im.opdrachten.ids);
	json_decref(im.principals);
	json_decref(im.errors);
	free(text);
	store_close(s);
	return rc;
}

int cmd_uren(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help") || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		fputs(usage, argc < 1 ? stderr : stdout);
		return argc < 1 ? 2 : 0;
	}
	if (strcmp(argv[0], "import")) {
		fprintf(stderr, "samen: onbekende opdracht 'uren %s'.\n%s", argv[0], usage);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		}
	struct uren_opts o;
	int r = parse(argc - 1, argv + 1, &o);
	return r < 0 ? 0 : r ? r : import(&o);
}

/* ---- the demo ------------------------------------------------------------- */

int cli_demo_urenbank(struct store *s)
{
	const char *name = "demo/urenbank.json";
	const struct embedded_file *f = embedded_find(name);
	if (!f) {
		fprintf(stderr, "samen: %s ontbreekt in dit programma\n", name);
		return 1;
	}
	json_error_t e;
	json_t *doc = json_loadb((const char *)f->data, f->len, JSON_REJECT_DUPLICATES, &e);
	if (!doc) {
		fprintf(stderr, "%s:%d:%d: ongeldige JSON: %s\n", name, e.line, e.column, e.text);
		return 1;
	}
	struct problem p;
	problem_init(&p);
	int r = urenbank_demo_load(s, doc, NULL, &p);
	json_decref(doc);
	if (r < 0) {
		fprintf(stderr, "samen: %s, %s\n", name, p.detail);
		return 1;
	}
	return 0;
}
