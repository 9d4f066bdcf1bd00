/* samen kwaliteitskaart import|export — the skills map of one organisation
 * from and to a spreadsheet file, on the server's command line (the same
 * rules as POST /api/v1/kwaliteitskaart/import; docs/kwaliteitskaart.md).
 * Import is all or nothing: every error is printed as FILE:LINE: …, and
 * nothing is written unless the whole file is right. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/date.h"
#include "report/kwaliteitskaart_export.h"
#include "store/gebruikers.h"
#include "store/kwaliteitskaart.h"

static const char usage[] = "Gebruik: samen kwaliteitskaart <opdracht> --db BESTAND --organisatie CODE …\n"
			    "\n"
			    "  import --db BESTAND --organisatie CODE KAART.csv\n"
			    "         leest de kwaliteitskaart in: één regel per medewerker (naam;functie;uurPerWeek;\n"
			    "         beschikbaarUurPerWeek;pensioenjaar, dan één kolom per competentiecode met niveau 1-3\n"
			    "         of leeg); puntkomma, komma of tab; UTF-8 of Windows-1252. Alles of niets.\n"
			    "  export --db BESTAND --organisatie CODE [--formaat csv|xlsx|json]\n"
			    "         de kwaliteitskaart naar stdout (standaard csv, zoals Excel hem opent)\n";

struct kk_opts {
	const char *db, *org, *formaat, *file;
};

static int parse(int argc, char **argv, struct kk_opts *o)
{
	memset(o, 0, sizeof(*o));
	const struct cli_option opts[] = { { "--db", &o->db, NULL, 0 },
					   { "--organisatie", &o->org, NULL, 0 },
					   { "--formaat", &o->formaat, NULL, 0 },
					   { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, &o->file, usage);
	if (r)
		return r;
	if (!o->db || !o->org) {
		fprintf(stderr, "samen: %s is verplicht\n", !o->db ? "--db BESTAND" : "--organisatie CODE");
		return 2;
	}
	return 0;
}

static int open_existing(const char *db, struct store **s)
{
	struct problem p;
	problem_init(&p);
	if (!db_target_is_postgres(db) && access(db, R_OK | W_OK) < 0) {
		fprintf(stderr, "samen: kan database '%s' niet openen: %s\n", db, strerror(errno));
		return 1;
	}
	if (store_open(db, s, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	return 0;
}

/* Who runs it: the sudo caller, else the process's account. */
static void cli_actor(struct actor *a)
{
	memset(a, 0, sizeof(*a));
	const char *user = getenv("SUDO_USER");
	struct passwd *pw = NULL;
	if ((!user || !user[0]) && (pw = getpwuid(geteuid())))
		user = pw->pw_name;
	a->role = ROLE_BEHEERDER;
	snprintf(a->name, sizeof(a->name), "%s (opdrachtregel)", user && user[0] ? user : "onbekend");
}

static int do_import(struct kk_opts *o)
{
	if (!o->file) {
		fprintf(stderr,
			"samen: geef het bestand op: samen kwaliteitskaart import --db BESTAND --organisatie CODE KAART.csv\n");
		return 2;
	}
	size_t len;
	char *text = cli_read_file(o->file, &len);
	if (!text) {
		fprintf(stderr, "samen: kan '%s' niet lezen: %s\n", o->file, strerror(errno));
		return 1;
	}
	struct store *s;
	if (open_existing(o->db, &s)) {
		free(text);
		return 1;
	}
	struct actor by;
	cli_actor(&by);
	struct problem p;
	struct kwaliteitskaart_sheet sh;
	json_t *out = NULL;
	problem_init(&p);
	db_bulk(s->db, 1); /* the whole sheet in one transaction, its pages in memory until the commit */
	int r = kwaliteitskaart_import(s, o->org, &by, text, len, &sh, &out, &p);
	db_bulk(s->db, 0);
	free(text);
	char object[120];
	snprintf(object, sizeof(object), "kwaliteitskaart %s uit %s", o->org, o->file);
	char result[32];
	snprintf(result, sizeof(result), "%s (%d)", r == 0 ? "gelukt" : "mislukt", r == 0 ? 200 : p.status);
	gebruikers_audit(s, by.name, "medewerkers-wijzigen", object, result, "opdrachtregel");
	store_close(s);
	if (r < 0) {
		for (size_t i = 0; i < sh.nerrors; i++) {
			const struct kwaliteitskaart_sheet_error *e = &sh.errors[i];
			if (e->line && e->column[0])
				fprintf(stderr, "%s:%d: kolom '%s': %s\n", o->file, e->line, e->column, e->message);
			else if (e->line)
				fprintf(stderr, "%s:%d: %s\n", o->file, e->line, e->message);
			else
				fprintf(stderr, "%s: %s\n", o->file, e->message);
		}
		if (sh.more_errors)
			fprintf(stderr, "%s: en meer fouten; herstel deze eerst\n", o->file);
		if (!sh.nerrors)
			fprintf(stderr, "samen: %s\n", p.detail);
		fprintf(stderr, "samen: niets ingelezen; herstel de fout%s en probeer opnieuw.\n", sh.nerrors > 1 ? "en" : "");
		kwaliteitskaart_sheet_release(&sh);
		return 1;
	}
	kwaliteitskaart_sheet_release(&sh);
	fprintf(stderr,
		"samen: kwaliteitskaart van %s ingelezen: %zu aangemaakt, %zu bijgewerkt, %lld ongewijzigd (%lld regels, %lld "
		"niveaus gewijzigd)\n",
		o->org, json_array_size(json_object_get(out, "aangemaakt")), json_array_size(json_object_get(out, "bijgewerkt")),
		(long long)json_integer_value(json_object_get(out, "ongewijzigd")),
		(long long)json_integer_value(json_object_get(out, "regels")),
		(long long)json_integer_value(json_object_get(out, "niveaus")));
	json_decref(out);
	return 0;
}

static int do_export(struct kk_opts *o)
{
	const char *fmt = o->formaat ? o->formaat : "csv";
	if (strcmp(fmt, "csv") && strcmp(fmt, "xlsx") && strcmp(fmt, "json")) {
		fprintf(stderr, "samen: --formaat moet csv, xlsx of json zijn, niet '%s'\n", fmt);
		return 2;
	}
	if (o->file) {
		fprintf(stderr, "samen: onverwacht argument '%s'; export schrijft naar stdout\n", o->file);
		return 2;
	}
	struct store *s;
	if (open_existing(o->db, &s))
		return 1;
	struct problem p;
	problem_init(&p);
	json_t *map = NULL, *vul = NULL;
	int r = kwaliteitskaart_map(s, o->org, &map, &p);
	if (r == 0 && !strcmp(fmt, "xlsx"))
		r = kwaliteitskaart_vulnerability(s, o->org, kwaliteitskaart_moment_date(date_today()), 0, &vul, &p);
	store_close(s);
	if (r < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		json_decref(map);
		return 1;
	}
	struct buf b;
	buf_init(&b, 0);
	char err[300] = "";
	if (!strcmp(fmt, "csv")) {
		kwaliteitskaart_export_csv(&b, map);
	} else if (!strcmp(fmt, "json")) {
		char *j = json_dumps(map, JSON_INDENT(2));
		buf_adds(&b, j ? j : "");
		buf_addc(&b, '\n');
		free(j);
	} else {
		char today[DATE_TEXT_LEN];
		date_format(date_today(), today);
		r = kwaliteitskaart_export_xlsx(&b, map, vul, today, err, sizeof(err));
	}
	json_decref(map);
	json_decref(vul);
	if (r == 0 && (fwrite(b.data ? b.data : "", 1, b.len, stdout) != b.len || fflush(stdout) != 0)) {
		snprintf(err, sizeof(err), "niet volledig geschreven: %s", strerror(errno ? errno : EIO));
		r = -1;
	}
	buf_release(&b);
	if (r < 0) {
		fprintf(stderr, "samen: export mislukt: %s\n", err);
		return 1;
	}
	return 0;
}

int cmd_kwaliteitskaart(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help") || !strcmp(argv[0], "--help")) {
		fputs(usage, argc < 1 ? stderr : stdout);
		return argc < 1 ? 2 : 0;
	}
	struct kk_opts o;
	int r = parse(argc - 1, argv + 1, &o);
	if (r)
		return r < 0 ? 0 : r;
	if (!strcmp(argv[0], "import"))
		return do_import(&o);
	if (!strcmp(argv[0], "export"))
		return do_export(&o);
	fprintf(stderr, "samen: onbekende opdracht 'kwaliteitskaart %s'.\n%s", argv[0], usage);
	return 2;
}
