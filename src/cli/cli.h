/* cli.h — the samen command: `samen <command> [options]`.
 * Exit codes: 0 success, 1 the work failed (bad data, refused), 2 wrong use. */
#ifndef SAMEN_CLI_CLI_H
#define SAMEN_CLI_CLI_H
#include <stddef.h>

struct cli_opts {
	const char *db;
	const char *bind;
	int port;
	int threads;
	const char *cert, *key;
	const char *file; /* the positional argument, when the command takes one */
	int json;
};

/* Parses --db, --port, --bind, --threads, --cert, --key (each also as
 * --name=value), --json and at most one positional argument ("--" ends the
 * options). Prints the problem and returns 2 on bad use; prints usage and
 * returns -1 for --help; 0 otherwise. */
int cli_parse(int argc, char **argv, struct cli_opts *o, const char *usage);

/* One option of a command: a value ("--db F" or "--db=F") stored in
 * *value, or a flag (no value) that sets *flag to 1. */
struct cli_option {
	const char *name;
	const char **value;
	int *flag;
	int may_be_empty; /* "--x=" is a value here, not a mistake */
};
/* Parses argv by opts (ending with a NULL name), "--help"/"-h", and — when
 * file is not NULL — at most one positional argument (also after "--").
 * Returns 0; -1 after printing usage for --help (exit 0); 2 after printing
 * what is wrong (exit 2). */
int cli_options(int argc, char **argv, const struct cli_option *opts, const char **file, const char *usage);

int cmd_serve(struct cli_opts *o);  /* cmd_serve.c */
int cmd_demo(struct cli_opts *o);   /* cmd_demo.c */
int cmd_export(struct cli_opts *o); /* cmd_register.c */
int cmd_import(struct cli_opts *o); /* cmd_register.c */
int cmd_audit(struct cli_opts *o);  /* cmd_audit.c */
/* samen kwaliteitskaart import|export …: its own options (cmd_kwaliteitskaart.c). */
int cmd_kwaliteitskaart(int argc, char **argv);
/* samen gebruiker <opdracht> …: its own options (cmd_gebruikers.c). */
int cmd_gebruiker(int argc, char **argv);
/* samen proeftuin verify|journaal|saldi …: its own options (cmd_urenbank.c). */
int cmd_proeftuin(int argc, char **argv);
/* samen uren import …: its own options (cmd_urenbank_uren.c). */
int cmd_uren(int argc, char **argv);
/* samen backup and samen herstel: their own options (cmd_backup.c). */
int cmd_backup(int argc, char **argv);
int cmd_herstel(int argc, char **argv);
/* samen rapport … (agenda 0) and samen agenda … (agenda 1): its own options (cmd_rapportage.c). */
int cmd_rapport(int argc, char **argv, int agenda);
struct store;
/* --db is required: 0, or 2 after saying so. */
int cli_need_db(struct cli_opts *o);
/* For the commands that take no file: 0, or 2 for a stray word (printed). */
int cli_no_file(struct cli_opts *o);
/* A Dutch reason for the usual ways reading or writing a file fails (errno). */
const char *cli_file_error(int err);
/* Opens (creating and migrating) the database of --db; 1 on failure (printed). */
int cli_open_store(struct cli_opts *o, struct store **s);
/* Loads a register or besturing document (cmd_register.c); errors as
 * "file:line: path: reason"; 0, or 1 (printed). */
int cli_load_document(struct store *s, const char *name, const char *text, size_t len);
/* Opens an existing database for the account commands; 1 on failure (printed). */
int cli_accounts_store(const char *db, struct store **s);
/* For samen demo: the SAMEN_ADMIN_TOKEN beheerder and one account per role, printed. */
int cli_demo_accounts(struct store *s);
/* For samen demo: the urenbank of demo/urenbank.json (cmd_urenbank_uren.c); 1 on failure (printed). */
int cli_demo_urenbank(struct store *s);

/* Reads a whole file (cap: 256 MiB) into a NUL-terminated string. */
char *cli_read_file(const char *path, size_t *len);

#endif
