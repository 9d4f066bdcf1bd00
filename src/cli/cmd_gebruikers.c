/* samen gebruiker toevoegen|rol|wachtwoord|uitschakelen|token|lijst — the
 * accounts, from the command line of the server (whoever can open the
 * database file is its administrator). Every change is written to the
 * audit log with actor "<login> (opdrachtregel)". */
#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/gebruikers.h"

static const char usage[] =
	"Gebruik: samen gebruiker <opdracht> --db BESTAND [opties]\n"
	"\n"
	"  toevoegen    --naam N --organisatie CODE --rol ROL [--verband V] [--wachtwoord W]\n"
	"  rol          --naam N --rol ROL [--verband V] [--organisatie CODE]\n"
	"  wachtwoord   --naam N [--wachtwoord W]\n"
	"  uitschakelen --naam N\n"
	"  token        --naam N [--omschrijving TEKST]   geeft een API-token, dat één keer wordt getoond\n"
	"  lijst        [--json]\n"
	"\n"
	"Rollen: raadslid, medewerker, manager, stuurgroep (met --verband), procesmanager (--verband mag),\n"
	"beheerder (--organisatie mag). Zonder --wachtwoord vraagt samen het wachtwoord (zonder echo) of leest\n"
	"het van de standaardinvoer. Een wachtwoord is ten minste 10 tekens.\n";

struct gebruiker_opts {
	const char *db, *naam, *organisatie, *rol, *verband, *wachtwoord, *omschrijving;
	int json;
};

static int parse(int argc, char **argv, struct gebruiker_opts *o)
{
	memset(o, 0, sizeof(*o));
	const struct cli_option opts[] = { { "--db", &o->db, NULL, 1 },
					   { "--naam", &o->naam, NULL, 1 },
					   { "--organisatie", &o->organisatie, NULL, 1 },
					   { "--rol", &o->rol, NULL, 1 },
					   { "--verband", &o->verband, NULL, 1 },
					   { "--wachtwoord", &o->wachtwoord, NULL, 1 },
					   { "--omschrijving", &o->omschrijving, NULL, 1 },
					   { "--json", NULL, &o->json, 0 },
					   { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, NULL, usage);
	if (r)
		return r;
	if (!o->db || !o->db[0]) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
		return 2;
	}
	return 0;
}

int cli_accounts_store(const char *db, struct store **s)
{
	struct problem p;
	problem_init(&p);
	if (!db_target_is_postgres(db) && access(db, F_OK) < 0) {
		fprintf(stderr, "samen: database '%s' bestaat niet (maak haar met 'samen serve' of 'samen import')\n", db);
		return 1;
	}
	if (gebruikers_init() < 0) {
		fprintf(stderr, "samen: libsodium kan niet starten\n");
		return 1;
	}
	if (store_open(db, s, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	return 0;
}

static void print_problem(const struct problem *p)
{
	fprintf(stderr, "samen: %s\n", p->detail);
	for (int i = 0; i < p->nparams; i++)
		fprintf(stderr, "  %s: %s\n", p->params[i].name, p->params[i].reason);
}

/* Reads one line into out without echo when stdin is a terminal. */
static int read_line(const char *prompt, char *out, size_t outlen, int tty)
{
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else {
			tty = 0;
		}
	}
	char *r = fgets(out, (int)outlen, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!r)
		return -1;
	size_t n = strlen(out);
	if (n == outlen - 1 && out[n - 1] != '\n')
		return -2; /* longer than we accept */
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

/* The password from --wachtwoord, else asked for (twice on a terminal). */
static int get_password(struct gebruiker_opts *o, char *buf, size_t buflen)
{
	if (o->wachtwoord)
		return 0;
	int tty = isatty(STDIN_FILENO);
	int r = read_line("Wachtwoord: ", buf, buflen, tty);
	if (r == -2) {
		fprintf(stderr, "samen: het wachtwoord is te lang (hoogstens %d bytes)\n", GEBRUIKERS_PASSWORD_MAX);
		return 2;
	}
	if (r < 0) {
		fprintf(stderr, "samen: geen wachtwoord gelezen; geef --wachtwoord of typ het in\n");
		return 2;
	}
	if (tty) {
		char again[GEBRUIKERS_PASSWORD_MAX + 2];
		if (read_line("Nogmaals: ", again, sizeof(again), tty) < 0 || strcmp(buf, again)) {
			memset(again, 0, sizeof(again));
			fprintf(stderr, "samen: de wachtwoorden zijn niet gelijk\n");
			return 2;
		}
		memset(again, 0, sizeof(again));
	}
	o->wachtwoord = buf;
	return 0;
}

static void audit(struct store *s, const char *actie, const char *object, const char *resultaat)
{
	char actor[160];
	/* Who ran it: the sudo caller, else the account the process runs as. */
	const char *user = getenv("SUDO_USER");
	struct passwd *pw = NULL;
	if ((!user || !user[0]) && (pw = getpwuid(geteuid())))
		user = pw->pw_name;
	snprintf(actor, sizeof(actor), "%s (opdrachtregel)", user && user[0] ? user : "onbekend");
	gebruikers_audit(s, actor, actie, object, resultaat, "opdrachtregel");
}

static int need(const char *value, const char *option)
{
	if (value && value[0])
		return 0;
	fprintf(stderr, "samen: %s is verplicht\n", option);
	return 2;
}

static void print_user(json_t *u, int json)
{
	if (json) {
		char *s = json_dumps(u, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (s)
			puts(s);
		free(s);
		return;
	}
	const char *org = json_string_value(json_object_get(u, "organisatie"));
	const char *verband = json_string_value(json_object_get(u, "verband"));
	printf("%-30s %-14s %-12s %-14s %s\n", json_string_value(json_object_get(u, "naam")),
	       json_string_value(json_object_get(u, "rol")), org ? org : "-", verband ? verband : "-",
	       json_is_true(json_object_get(u, "actief")) ? "actief" : "uitgeschakeld");
}

int cmd_gebruiker(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help") || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		fputs(usage, argc < 1 ? stderr : stdout);
		return argc < 1 ? 2 : 0;
	}
	const char *verb = argv[0];
	static const char *const verbs[] = { "toevoegen", "rol", "wachtwoord", "uitschakelen", "token", "lijst", NULL };
	int known = 0;
	for (int i = 0; verbs[i]; i++)
		known |= !strcmp(verb, verbs[i]);
	if (!known) {
		fprintf(stderr, "samen: onbekende opdracht 'gebruiker %s'.\n%s", verb, usage);
		return 2;
	}
	struct gebruiker_opts o;
	int r = parse(argc - 1, argv + 1, &o);
	if (r)
		return r < 0 ? 0 : r;
	if (strcmp(verb, "lijst") && need(o.naam, "--naam"))
		return 2;
	if (!strcmp(verb, "toevoegen") && (need(o.rol, "--rol")))
		return 2;
	if (!strcmp(verb, "rol") && need(o.rol, "--rol"))
		return 2;
	char pwbuf[GEBRUIKERS_PASSWORD_MAX + 2] = "";
	if ((!strcmp(verb, "toevoegen") || !strcmp(verb, "wachtwoord")) && (r = get_password(&o, pwbuf, sizeof(pwbuf))))
		return r;

	struct store *s;
	if (cli_accounts_store(o.db, &s)) {
		memset(pwbuf, 0, sizeof(pwbuf));
		return 1;
	}
	struct problem p;
	problem_init(&p);
	json_t *out = NULL;
	char object[GEBRUIKERS_NAME_MAX + 64];
	snprintf(object, sizeof(object), "gebruiker %s", o.naam ? o.naam : "");
	int rc = 0;
	if (!strcmp(verb, "toevoegen")) {
		struct gebruiker_spec spec = { o.naam, o.organisatie, o.rol, o.verband, o.wachtwoord };
		rc = gebruikers_user_create(s, &spec, &out, &p);
		snprintf(object, sizeof(object), "gebruiker %s (%s)", o.naam, o.rol);
		audit(s, "gebruiker-toevoegen", object, rc < 0 ? "mislukt" : "gelukt");
		if (rc == 0)
			fprintf(stderr, "samen: gebruiker '%s' toegevoegd als %s\n", o.naam, o.rol);
	} else if (!strcmp(verb, "rol")) {
		rc = gebruikers_user_set_role(s, o.naam, o.rol, o.verband, o.organisatie, &out, &p);
		snprintf(object, sizeof(object), "gebruiker %s wordt %s", o.naam, o.rol);
		audit(s, "gebruiker-rol", object, rc < 0 ? "mislukt" : "gelukt");
		if (rc == 0)
			fprintf(stderr, "samen: '%s' is nu %s\n", o.naam, o.rol);
	} else if (!strcmp(verb, "wachtwoord")) {
		rc = gebruikers_user_set_password(s, o.naam, o.wachtwoord, &p);
		audit(s, "gebruiker-wachtwoord", object, rc < 0 ? "mislukt" : "gelukt");
		if (rc == 0)
			fprintf(stderr, "samen: wachtwoord van '%s' gewijzigd; de sessies van deze gebruiker zijn beëindigd\n",
				o.naam);
	} else if (!strcmp(verb, "uitschakelen")) {
		rc = gebruikers_user_disable(s, o.naam, &p);
		audit(s, "gebruiker-uitschakelen", object, rc < 0 ? "mislukt" : "gelukt");
		if (rc == 0)
			fprintf(stderr, "samen: '%s' is uitgeschakeld\n", o.naam);
	} else if (!strcmp(verb, "token")) {
		char token[GEBRUIKERS_SECRET_LEN];
		rc = gebruikers_token_create(s, o.naam, o.omschrijving, token, &out, &p);
		audit(s, "token-uitgeven", object, rc < 0 ? "mislukt" : "gelukt");
		if (rc == 0) {
			/* The only time anyone sees it: on stdout, alone, for scripts. */
			printf("%s\n", token);
			fprintf(stderr, "samen: token %lld voor '%s'; bewaar het nu, het wordt niet opnieuw getoond\n",
				(long long)json_integer_value(json_object_get(out, "id")), o.naam);
		}
		memset(token, 0, sizeof(token));
		json_decref(out);
		out = NULL;
	} else {
		json_t *list = gebruikers_user_list(s, NULL);
		size_t i;
		json_t *u;
		if (!o.json)
			printf("%-30s %-14s %-12s %-14s %s\n", "naam", "rol", "organisatie", "verband", "status");
		json_array_foreach(list, i, u)
			print_user(u, o.json);
		json_decref(list);
	}
	memset(pwbuf, 0, sizeof(pwbuf));
	json_decref(out);
	store_close(s);
	if (rc < 0) {
		print_problem(&p);
		return 1;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "samen: uitvoer niet geschreven: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int cli_demo_accounts(struct store *s)
{
	/* First the SAMEN_ADMIN_TOKEN beheerder, as on every new database. */
	const char *token = getenv("SAMEN_ADMIN_TOKEN");
	if (token && token[0]) {
		struct problem p;
		problem_init(&p);
		if (gebruikers_bootstrap_admin(s, token, &p) < 0) {
			fprintf(stderr, "samen: %s\n", p.detail);
			return 1;
		}
	}
	return gebruikers_create_demo_users(s, stdout) < 0 ? 1 : 0;
}
