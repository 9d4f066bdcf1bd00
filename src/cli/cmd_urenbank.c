/* samen proeftuin verify|journaal|saldi — the hours exchange from the
 * command line of the server. verify recomputes every balance from the
 * journal and the commitments and compares them with what was kept
 * incrementally: exit 0 when they agree, 1 listing every difference. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/urenbank.h"

static const char usage[] = "Gebruik: samen proeftuin <opdracht> --db BESTAND [--proeftuin CODE] [--json]\n"
			    "\n"
			    "  verify     herberekent alle saldi uit het journaal en vergelijkt ze met de bijgehouden saldi\n"
			    "             (van één proeftuin, of van alle); afsluitcode 0 als ze kloppen, 1 met elk verschil\n"
			    "  journaal   het journaal van --proeftuin in hledger-/ledger-formaat naar stdout\n"
			    "  saldi      de saldi van --proeftuin (met --json als JSON)\n";

struct page_urenbank_opts {
	const char *db, *proeftuin;
	int json;
};

static int parse(int argc, char **argv, struct page_urenbank_opts *o)
{
	memset(o, 0, sizeof(*o));
	const struct cli_option opts[] = { { "--db", &o->db, NULL, 0 },
					   { "--proeftuin", &o->proeftuin, NULL, 0 },
					   { "--json", NULL, &o->json, 0 },
					   { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, NULL, usage);
	if (r)
		return r;
	if (!o->db) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
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

struct report_ctx {
	int json;
	json_t *list;
};

static void report(void *ctx, const struct urenbank_difference *d)
{
	struct report_ctx *r = ctx;
	if (r->json) {
		json_array_append_new(r->list, json_pack("{s:s,s:s,s:s,s:I,s:I}", "proeftuin", d->proeftuin, "organisatie",
							 d->organisatie, "wat", d->what, "bijgehouden", (json_int_t)d->kept,
							 "herberekend", (json_int_t)d->recomputed));
		return;
	}
	if (d->kept_text[0]) /* a kept moment against its recomputation */
		printf("%s %s: bijgehouden %s, herberekend %s\n", d->proeftuin, d->what, d->kept_text, d->recomputed_text);
	else if (d->organisatie[0] || d->kept) /* a kept figure against its recomputation */
		printf("%s%s%s %s: bijgehouden %lld, herberekend %lld (verschil %lld)\n", d->proeftuin, d->organisatie[0] ? " " : "",
		       d->organisatie, d->what, d->kept, d->recomputed, d->recomputed - d->kept);
	else
		printf("%s: %s (%lld)\n", d->proeftuin, d->what, d->recomputed);
}

static int verify(struct store *s, const struct page_urenbank_opts *o)
{
	struct problem p;
	problem_init(&p);
	struct urenbank_verify_stats stats;
	struct report_ctx ctx = { o->json, o->json ? json_array() : NULL };
	long long n = urenbank_verify(s, o->proeftuin, report, &ctx, &stats, &p);
	if (n < 0) {
		json_decref(ctx.list);
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	if (o->json) {
		json_t *doc =
			json_pack("{s:b,s:I,s:I,s:I,s:I,s:o}", "inOrde", n == 0, "proeftuinen", (json_int_t)stats.proeftuinen,
				  "leden", (json_int_t)stats.members, "transacties", (json_int_t)stats.transactions, "posten",
				  (json_int_t)stats.postings, "verschillen", ctx.list);
		json_dumpf(doc, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(doc);
	}
	if (n == 0)
		fprintf(stderr,
			"samen: %lld proeftuin%s, %lld leden, %lld transacties, %lld posten: de bijgehouden saldi "
			"kloppen met het journaal.\n",
			stats.proeftuinen, stats.proeftuinen == 1 ? "" : "en", stats.members, stats.transactions, stats.postings);
	else
		fprintf(stderr, "samen: %lld verschil%s tussen de bijgehouden saldi en het journaal.\n", n, n == 1 ? "" : "len");
	return n == 0 ? 0 : 1;
}

static int to_stdout(void *ctx, const char *text, size_t len) { return fwrite(text, 1, len, ctx) == len ? 0 : -1; }

int cmd_proeftuin(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help") || !strcmp(argv[0], "--help")) {
		fputs(usage, argc < 1 ? stderr : stdout);
		return argc < 1 ? 2 : 0;
	}
	const char *what = argv[0];
	if (strcmp(what, "verify") && strcmp(what, "journaal") && strcmp(what, "saldi")) {
		fprintf(stderr, "samen: onbekende opdracht 'proeftuin %s'.\n%s", what, usage);
		return 2;
	}
	struct page_urenbank_opts o;
	int r = parse(argc - 1, argv + 1, &o);
	if (r)
		return r < 0 ? 0 : r;
	if (strcmp(what, "verify") && !o.proeftuin) {
		fprintf(stderr, "samen: --proeftuin CODE is verplicht bij 'proeftuin %s'\n", what);
		return 2;
	}
	struct store *s;
	if (open_existing(o.db, &s))
		return 1;
	struct problem p;
	problem_init(&p);
	if (!strcmp(what, "verify")) {
		r = verify(s, &o);
	} else if (!strcmp(what, "journaal")) {
		const struct urenbank_journal_out out = { to_stdout, NULL, stdout, 0 }; /* a one-off export: nothing kept */
		r = urenbank_journal(s, NULL, o.proeftuin, &out, &p) < 0 ? 1 : 0;
		if (fflush(stdout) != 0 && !r) {
			problem_set(&p, 500, "kan niet naar stdout schrijven");
			r = 1;
		}
	} else {
		json_t *out = NULL;
		r = urenbank_saldi(s, o.proeftuin, &out, &p) < 0 ? 1 : 0;
		if (!r && o.json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			fputc('\n', stdout);
		} else if (!r) {
			size_t i;
			json_t *x;
			printf("%-12s %10s %10s %10s %10s %10s %11s\n", "organisatie", "gebracht", "gehaald", "gestort", "saldo",
			       "vastgelegd", "beschikbaar");
			json_array_foreach(out, i, x)
				printf("%-12s %10lld %10lld %10lld %10lld %10lld %11lld\n",
				       json_string_value(json_object_get(x, "organisatie")),
				       (long long)json_integer_value(json_object_get(x, "gebrachtMinuten")),
				       (long long)json_integer_value(json_object_get(x, "gehaaldMinuten")),
				       (long long)json_integer_value(json_object_get(x, "gestortMinuten")),
				       (long long)json_integer_value(json_object_get(x, "saldoMinuten")),
				       (long long)json_integer_value(json_object_get(x, "vastgelegdMinuten")),
				       (long long)json_integer_value(json_object_get(x, "beschikbaarMinuten")));
		}
		json_decref(out);
	}
	if (r && p.status)
		fprintf(stderr, "samen: %s\n", p.detail);
	store_close(s);
	return r;
}
