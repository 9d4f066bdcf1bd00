/* samen audit --db BESTAND — the audit log as JSON lines, oldest first,
 * each with exactly the fields tijdstempel, actor, actie, object,
 * resultaat and oorsprong. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "store/gebruikers.h"

static int print_line(json_t *rec, void *ctx)
{
	(void)ctx;
	char *s = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!s)
		return -1;
	int r = puts(s);
	free(s);
	return r < 0 ? -1 : 0;
}

int cmd_audit(struct cli_opts *o)
{
	if (!o->db) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
		return 2;
	}
	if (o->file) {
		fprintf(stderr, "samen: onverwacht argument '%s'. Zie 'samen help'.\n", o->file);
		return 2;
	}
	struct store *s;
	if (cli_accounts_store(o->db, &s))
		return 1;
	int r = gebruikers_audit_each(s, print_line, NULL);
	store_close(s);
	if (r < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "samen: auditlog niet volledig geschreven: %s\n", strerror(errno ? errno : EIO));
		return 1;
	}
	return 0;
}
