/* samen rapport | samen agenda — the stand-van-zaken report and the
 * iCalendar feed of an organisation, from the command line of the server
 * (the same text as GET /api/v1/rapporten/stand-van-zaken and
 * GET /api/v1/agenda). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "report/agenda.h"
#include "report/rapportage.h"
#include "store/store.h"

static const char usage_rapport[] =
	"Gebruik: samen rapport --db BESTAND --organisatie CODE --van JJJJ-MM-DD --tot JJJJ-MM-DD [--formaat html|md|pdf]\n"
	"  de stand van zaken bestuurlijke samenwerking van de organisatie over de periode naar stdout\n"
	"  (html: een volledig document om af te drukken, met /static/rapport.css; md: Markdown)\n";
static const char usage_agenda[] = "Gebruik: samen agenda --db BESTAND --organisatie CODE\n"
				   "  de mijlpalen en wettelijke deadlines van de organisatie als iCalendar naar stdout\n";

struct rap_opts {
	const char *db, *organisatie, *van, *tot, *formaat;
};

static int parse(int argc, char **argv, struct rap_opts *o, int agenda)
{
	const char *usage = agenda ? usage_agenda : usage_rapport;
	memset(o, 0, sizeof(*o));
	/* The agenda takes only --db and --organisatie: the list ends there. */
	const struct cli_option opts[] = { { "--db", &o->db, NULL, 0 },
					   { "--organisatie", &o->organisatie, NULL, 0 },
					   { agenda ? NULL : "--van", &o->van, NULL, 0 },
					   { "--tot", &o->tot, NULL, 0 },
					   { "--formaat", &o->formaat, NULL, 0 },
					   { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, NULL, usage);
	if (r)
		return r;
	if (!o->db || !o->organisatie || (!agenda && (!o->van || !o->tot))) {
		fprintf(stderr, "samen: %s\n%s",
			agenda ? "--db en --organisatie zijn verplicht" : "--db, --organisatie, --van en --tot zijn verplicht",
			usage);
		return 2;
	}
	if (o->formaat && strcmp(o->formaat, "html") && strcmp(o->formaat, "md") && strcmp(o->formaat, "pdf")) {
		fprintf(stderr, "samen: --formaat moet html, md of pdf zijn\n");
		return 2;
	}
	return 0;
}

static int open_store(const char *db, struct store **s)
{
	struct problem p;
	problem_init(&p);
	if (access(db, R_OK) < 0) {
		fprintf(stderr, "samen: kan database '%s' niet openen: %s\n", db, strerror(errno));
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
	fprintf(stderr, "samen: %s\n", p->detail[0] ? p->detail : problem_title(p->status));
	for (int i = 0; i < p->nparams; i++)
		fprintf(stderr, "  %s: %s\n", p->params[i].name, p->params[i].reason);
}

static int write_out(struct buf *b)
{
	if (fwrite(b->data ? b->data : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		fprintf(stderr, "samen: schrijven naar stdout mislukt: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int cmd_rapport(int argc, char **argv, int agenda)
{
	struct rap_opts o;
	int r = parse(argc, argv, &o, agenda);
	if (r)
		return r < 0 ? 0 : r;
	struct store *s = NULL;
	if (open_store(o.db, &s))
		return 1;
	struct problem p;
	problem_init(&p);
	struct buf out;
	buf_init(&out, 0);
	int rc = 0;
	if (agenda) {
		/* The UIDs end in the public host name: SAMEN_HOST, as the server
		 * uses it, or this machine's name. */
		char host[256] = "", name[256] = "";
		if (agenda_host(getenv("SAMEN_HOST"), host, sizeof(host)) < 0 &&
		    (gethostname(name, sizeof(name) - 1) < 0 || agenda_host(name, host, sizeof(host)) < 0))
			snprintf(host, sizeof(host), "localhost");
		if (agenda_build(s, o.organisatie, host, time(NULL), &out, &p) < 0) {
			print_problem(&p);
			rc = 1;
		}
	} else {
		json_t *doc = NULL;
		if (rapportage_build(s, o.organisatie, o.van, o.tot, &doc, &p) < 0) {
			print_problem(&p);
			rc = 1;
		} else {
			struct rapportage_html_options opt = { 1, NULL, NULL, NULL };
			int md = o.formaat && !strcmp(o.formaat, "md"), pdf = o.formaat && !strcmp(o.formaat, "pdf");
			if ((pdf  ? rapportage_pdf(doc, &out)
			     : md ? rapportage_markdown(doc, &out)
				  : rapportage_html(doc, &opt, &out)) < 0) {
				fprintf(stderr, "samen: het rapport kon niet worden opgemaakt\n");
				rc = 1;
			}
			json_decref(doc);
		}
	}
	if (!rc)
		rc = write_out(&out);
	buf_release(&out);
	store_close(s);
	return rc;
}
