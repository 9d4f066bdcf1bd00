/* samen — the command line: serve, demo, import/export, help. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "version.h"

static const char usage[] =
	"samen — samenwerken als ware het één netwerkorganisatie\n"
	"\n"
	"Gebruik: samen <opdracht> [opties]\n"
	"\n"
	"Opdrachten:\n"
	"  serve  --db BESTAND [--port POORT] [--bind ADRES] [--threads N] [--cert PEM --key PEM]\n"
	"         start de server (standaard 127.0.0.1:8080); maakt de database aan als die nieuw is.\n"
	"         Met SAMEN_ADMIN_TOKEN=T in de omgeving krijgt een nieuwe database een beheerder met token T.\n"
	"  demo   --db BESTAND [--port POORT] [--bind ADRES]\n"
	"         een verse database met het demonetwerk uit de bronstukken, en dan serve\n"
	"  export --db BESTAND\n"
	"         het hele register als één JSON-document naar stdout (docs/registerformaat.md)\n"
	"  import --db BESTAND DOCUMENT.json\n"
	"         een registerdocument inlezen: alles of niets, fouten met regelnummer\n"
	"  gebruiker toevoegen|rol|wachtwoord|uitschakelen|token|lijst --db BESTAND …\n"
	"         accounts beheren; 'samen gebruiker help' geeft de opties\n"
	"  proeftuin verify --db BESTAND [--proeftuin CODE]\n"
	"         herberekent de saldi van de urenbank uit het journaal; afsluitcode 1 met elk verschil\n"
	"  proeftuin journaal|saldi --db BESTAND --proeftuin CODE\n"
	"         het journaal (hledger/ledger) of de saldi van een proeftuin\n"
	"  uren import --db BESTAND --proeftuin CODE [--goedgekeurd] [--als GEBRUIKER] UREN.csv\n"
	"         urenregels uit een CSV-export van een tijdregistratiesysteem: alles of niets\n"
	"  rapport --db BESTAND --organisatie CODE --van DATUM --tot DATUM [--formaat html|md]\n"
	"         de stand van zaken bestuurlijke samenwerking van een organisatie over een periode\n"
	"  agenda --db BESTAND --organisatie CODE\n"
	"         mijlpalen en wettelijke deadlines als iCalendar (voor Outlook en andere agenda's)\n"
	"  kwaliteitskaart import|export --db BESTAND --organisatie CODE …\n"
	"         de kwaliteitskaart van een organisatie inlezen (CSV, alles of niets) of uitvoeren (csv|xlsx|json)\n"
	"  backup --db BESTAND --naar KOPIE\n"
	"         een gecontroleerde kopie van de database, ook terwijl de server draait (docs/backup.md)\n"
	"  herstel --van KOPIE --db BESTAND [--vervang]\n"
	"         een kopie van 'samen backup' gecontroleerd terugzetten\n"
	"  audit  --db BESTAND\n"
	"         het auditlog als JSON-regels (tijdstempel, actor, actie, object, resultaat, oorsprong)\n"
	"  help   deze tekst\n"
	"  versie de versie\n"
	"\n"
	"Een optie mag ook als --naam=waarde; DOCUMENT - leest van stdin.\n"
	"Afsluitcodes: 0 gelukt, 1 mislukt (bijv. ongeldige gegevens), 2 verkeerd gebruik.\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "versie") || !strcmp(argv[1], "--version")) {
		printf("samen %s\n", SAMEN_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "kwaliteitskaart")) /* its own options: cmd_kwaliteitskaart.c */
		return cmd_kwaliteitskaart(argc - 2, argv + 2);
	if (!strcmp(argv[1], "gebruiker")) /* its own options: cmd_gebruikers.c */
		return cmd_gebruiker(argc - 2, argv + 2);
	if (!strcmp(argv[1], "proeftuin")) /* its own options: cmd_urenbank.c */
		return cmd_proeftuin(argc - 2, argv + 2);
	if (!strcmp(argv[1], "uren")) /* its own options: cmd_urenbank_uren.c */
		return cmd_uren(argc - 2, argv + 2);
	if (!strcmp(argv[1], "backup")) /* its own options: cmd_backup.c */
		return cmd_backup(argc - 2, argv + 2);
	if (!strcmp(argv[1], "herstel"))
		return cmd_herstel(argc - 2, argv + 2);
	if (!strcmp(argv[1], "rapport") || !strcmp(argv[1], "agenda")) /* its own options: cmd_rapportage.c */
		return cmd_rapport(argc - 2, argv + 2, !strcmp(argv[1], "agenda"));
	static const struct {
		const char *name;
		int (*fn)(struct cli_opts *);
	} cmds[] = { { "serve", cmd_serve },
		     { "demo", cmd_demo },
		     { "export", cmd_export },
		     { "import", cmd_import },
		     { "audit", cmd_audit } };
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].name))
			continue;
		struct cli_opts o;
		int r = cli_parse(argc - 2, argv + 2, &o, usage);
		if (r)
			return r < 0 ? 0 : r; /* -1: --help, usage shown */
		return cmds[i].fn(&o);
	}
	fprintf(stderr, "samen: onbekende opdracht '%s'. Zie 'samen help'.\n", argv[1]);
	return 2;
}
