/* cmd_serve.c — samen serve: puts the site together (the API's route
 * tables, then the pages'; http/request.h, struct site), prepares the
 * database once (migrations, the SAMEN_ADMIN_TOKEN beheerder) and runs the
 * server. The only place that knows both src/http and src/web. */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "http/api.h"
#include "http/server.h"
#include "store/gebruikers.h"
#include "web/web.h"

#define SITE_MAX_TABLES 32

static const struct route *site_tables[SITE_MAX_TABLES + 1];
static const struct site site = { site_tables, web_error_page, web_not_found };

static void site_assemble(void)
{
	size_t n = 0;
	for (const struct route *const *t = api_tables; *t && n < SITE_MAX_TABLES; t++)
		site_tables[n++] = *t;
	for (const struct route *const *t = web_tables; *t && n < SITE_MAX_TABLES; t++)
		site_tables[n++] = *t;
	site_tables[n] = NULL;
	http_site_install(&site);
}

/* Creates and migrates the database before the workers start, and gives a
 * new one the beheerder of SAMEN_ADMIN_TOKEN. 0, or 1 (printed). */
static int prepare(const char *path)
{
	struct problem p;
	problem_init(&p);
	struct store *s;
	if (store_open(path, &s, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	int r = 0;
	if (gebruikers_init() < 0) {
		fprintf(stderr, "samen: libsodium kan niet starten.\n");
		r = 1;
	}
	const char *token = getenv("SAMEN_ADMIN_TOKEN");
	if (!r && token && token[0]) {
		int b = gebruikers_bootstrap_admin(s, token, &p);
		if (b < 0) {
			fprintf(stderr, "samen: %s\n", p.detail);
			r = 1;
		} else if (b == 1) {
			fprintf(stderr, "samen: beheerder aangemaakt met het token uit SAMEN_ADMIN_TOKEN\n");
		}
	}
	store_close(s);
	return r;
}

int cmd_serve(struct cli_opts *o)
{
	if (cli_need_db(o) || cli_no_file(o))
		return 2;
	if (o->cert && !o->key) {
		fprintf(stderr, "samen: --cert vraagt ook --key\n");
		return 2;
	}
	if (prepare(o->db))
		return 1;
	site_assemble();
	struct server_config cfg = { o->db, o->bind, o->port, o->threads, o->cert, o->key };
	return server_run(&cfg);
}
