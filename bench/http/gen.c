/* bench/http/gen — a national samen instance for bench/http/run, written
 * straight through the store library (the same functions the API calls,
 * every rule checked), so that a million entries take minutes, not hours.
 *
 *   gen --db FILE [--entries N] [--staff N] [--opdrachten N] [--seed S]
 *
 * What it holds (defaults; bench/urenbank/gen is the model for the ledger):
 *  - the register: 342 municipalities with real CBS codes valid in 2012,
 *    12 taakvelden, and every municipality in three verbanden of 5–15
 *    members (three shuffled passes, cut in groups), each verband with
 *    trajecten on 2–5 taakvelden;
 *  - the kwaliteitskaart: 80 competences, 150 000 medewerkers spread over
 *    the municipalities, each with 1–3 competence levels;
 *  - the urenbank: one proeftuin "nl" of all 342, 5 000 opdrachten (3 600
 *    local, 1 399 shared by 2–4 municipalities, one regional for all,
 *    each asking 1–2 competences), inzet of every fifth medewerker on two
 *    local opdrachten of other municipalities, and N approved hour entries
 *    (default 1 000 000) booked through urenbank_uren_import: 60 % on inzet,
 *    0.2 % regional, the rest on shared or local opdrachten of the own
 *    municipality;
 *  - choosing and running the cooperation (made after the entries, so that
 *    everything above stays the same for a seed): per verband a verkenningsronde on six taakvelden answered by
 *    every member, with the taakvelden of its trajecten chosen, and a
 *    scoring round on the five criteria of STAAN scored by every member;
 *    per traject a business case over three years (shared investment and
 *    costs, savings per deelnemer), three mijlpalen (one done, one
 *    postponed, one to come) and a go of the stuurgroep; per verband eight
 *    answers in the KCC's shared answer base, two with a local variant;
 *  - in proeftuin nl: an offer of a medewerker by every municipality and of
 *    a competence by every third, 24 leerervaringen and bijsturingen, and
 *    the tussentijdse rapportage and the eindevaluatie.
 * Prints "key value" lines (sizes, seconds per phase). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COMPETENCES 80
#define TAAKVELDEN 12

#include "../gen_common.h"
#include "store/besturing.h"
#include "store/dienstverlening.h"
#include "store/urenbank_aanbod.h"
#include "store/urenbank_leren.h"
#include "store/urenbank_rapporten.h"

static long long id_of(json_t *o)
{
	long long id = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	return id;
}

static const char *const taakvelden[TAAKVELDEN][2] = {
	{ "ict", "bedrijfsvoering" },       { "belastingen", "uitvoering" },
	{ "inkoop", "bedrijfsvoering" },    { "personeel", "bedrijfsvoering" },
	{ "financien", "bedrijfsvoering" }, { "sociaal-domein", "uitvoering" },
	{ "vergunningen", "uitvoering" },   { "omgevingswet", "beleid" },
	{ "archief", "bedrijfsvoering" },   { "juridische-zaken", "bedrijfsvoering" },
	{ "handhaving", "uitvoering" },     { "economie", "beleid" },
};

struct worker {
	long long id;
	int org;
	long long inzet_on[2]; /* 0 when none */
};

/* What the register phase keeps of a verband for the phase that runs it. */
struct verband_rec {
	char code[16];
	int leden[24], n; /* indices into codes; the first the gastheer */
	int first, nt;    /* its trajecten are on taakvelden first … first + nt - 1 */
	long long traject[5];
};

static void run(int r, const char *what, json_t *in, const struct problem *p)
{
	json_decref(in);
	must(r, what, p);
}

/* The five criteria of the STAAN scoring (werkconferentie Norg, 30 mei 2012). */
static const char *const criteria[5][2] = {
	{ "gedeeld-ambitieniveau", "Gedeeld ambitieniveau" },
	{ "vergelijkbare-belangen", "Vergelijkbare belangen" },
	{ "vertrouwen", "Mate van vertrouwen / vermogen tot verbinden" },
	{ "draagvlak-achterban", "Draagvlak achterban" },
	{ "binnen-2-jaar", "Binnen 2 jaar te effectueren" },
};

/* A verkenningsronde on six taakvelden (those of the trajecten first)
 * answered by every member, the trajecten's taakvelden chosen, and a
 * scoring round on the same six scored by every member. Returns the number
 * of answers and scores given. */
static long long gen_keuze(struct store *s, char codes[ORGS][8], const struct verband_rec *v, int nr, struct problem *p)
{
	char code[32], naam[96];
	long long given = 0;
	json_t *in, *tv = json_array(), *chosen = json_array();
	for (int k = 0; k < 6; k++) {
		json_array_append_new(tv, json_string(taakvelden[(v->first + k) % TAAKVELDEN][0]));
		if (k < v->nt)
			json_array_append_new(chosen, json_string(taakvelden[(v->first + k) % TAAKVELDEN][0]));
	}
	snprintf(code, sizeof(code), "%s-verkenning", v->code);
	snprintf(naam, sizeof(naam), "Verkenningsronde Samenwerkingsverband %d bij de colleges", nr);
	in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:O}", "code", code, "verband", v->code, "naam", naam, "datum",
					      "2012-02-01", "omschrijving",
					      "Welke taken vragen veel aandacht of knellen in de dagelijkse praktijk, kan samenwerking "
					      "versterking opleveren, en wat vraagt aandacht bij samenwerking?",
					      "taakvelden", tv);
	run(besturing_survey_create(s,
				    in,
				    NULL, p),
	    "verkenning", in, p);
	for (int m = 0; m < v->n; m++)
		for (int k = 0; k < 6; k++) {
			int hot = k < v->nt; /* the trajecten came from what knelt */
			json_t *a = json_pack("{s:s,s:s,s:I,s:I,s:b}", "organisatie", codes[v->leden[m]], "taakveld",
					      taakvelden[(v->first + k) % TAAKVELDEN][0], "knelpunt",
					      (json_int_t)between(hot ? 3 : 1, hot ? 5 : 4), "meerwaarde",
					      (json_int_t)between(hot ? 3 : 1, 5), "snelResultaat", (int)(rnd() % 3 == 0));
			run(besturing_survey_answer(s, code, a, NULL, p), "antwoord verkenning", a, p);
			given++;
		}
	json_t *keuze = json_pack("{s:O,s:s,s:s}", "taakvelden", chosen, "datum", "2012-03-01", "toelichting",
				  "De taakvelden die het meest knellen en waar samenwerking snel resultaat geeft.");
	run(besturing_survey_choose(s, code, keuze, NULL, p), "keuze verkenning", keuze, p);

	snprintf(code, sizeof(code), "%s-scoring", v->code);
	snprintf(naam, sizeof(naam), "Preferente taakvelden Samenwerkingsverband %d (werkconferentie)", nr);
	json_t *crit = json_array();
	for (int c = 0; c < 5; c++)
		json_array_append_new(crit, json_pack("{s:s,s:s,s:i}", "code", criteria[c][0], "naam", criteria[c][1], "gewicht",
						      c == 0 || c == 4 ? 2 : 1));
	in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:O}", "code", code, "verband", v->code, "naam", naam,
					       "datum", "2012-03-15", "omschrijving",
					       "De taakvelden uit de verkenning gescoord op vijf aspecten; de zeer kansrijke worden "
					       "nader uitgewerkt en krijgen een eigenaar.",
					       "criteria", crit, "taakvelden", tv);
	run(besturing_scoring_create(s,
				     in,
				     NULL, p),
	    "scoring", in, p);
	for (int m = 0; m < v->n; m++)
		for (int k = 0; k < 6; k++) {
			int hot = k < v->nt;
			json_t *sc = json_object();
			for (int c = 0; c < 5; c++)
				json_object_set_new(sc, criteria[c][0], json_integer(between(hot ? 3 : 1, hot ? 5 : 4)));
			json_t *a = json_pack("{s:s,s:s,s:o}", "organisatie", codes[v->leden[m]], "taakveld",
					      taakvelden[(v->first + k) % TAAKVELDEN][0], "scores", sc);
			run(besturing_scoring_score(s, code, a, NULL, p), "score", a, p);
			given++;
		}
	json_decref(tv);
	json_decref(chosen);
	return given;
}

/* Per traject: a business case over three years, three mijlpalen and the
 * stuurgroep's go. Returns the number of mijlpalen. */
static long long gen_sturing(struct store *s, char codes[ORGS][8], const struct verband_rec *v, struct problem *p)
{
	long long n = 0;
	json_t *in;
	for (int k = 0; k < v->nt; k++) {
		long long t = v->traject[k];
		const char *tv = taakvelden[(v->first + k) % TAAKVELDEN][0];
		char text[200];
		json_t *posten = json_array();
		snprintf(text, sizeof(text), "Harmonisatie van werkprocessen en applicaties %s", tv);
		json_array_append_new(posten, json_pack("{s:s,s:i,s:I,s:s,s:s}", "soort", "investering", "jaar", 1, "centen",
							(json_int_t)between(50, 200) * 100000, "verdeelsleutel", "gelijk",
							"omschrijving", text));
		for (int j = 1; j <= 3; j++)
			json_array_append_new(posten, json_pack("{s:s,s:i,s:I,s:s,s:s}", "soort", "kosten", "jaar", j, "centen",
								(json_int_t)between(20, 80) * 100000, "verdeelsleutel",
								"inwoners", "omschrijving", "Coördinatie en aansturing van het traject"));
		for (int m = 0; m < v->n; m++)
			for (int j = 1; j <= 3; j++)
				json_array_append_new(posten, json_pack("{s:s,s:s,s:i,s:I,s:s}", "organisatie", codes[v->leden[m]],
									"soort", "besparing", "jaar", j, "centen",
									(json_int_t)between(5, 40) * 100000, "omschrijving",
									"Minder inhuur en gedeelde kennis"));
		snprintf(text, sizeof(text), "Businesscase %s: drie jaar samenwerken, daarna evaluatie en mogelijk opschalen.", tv);
		in = json_pack("{s:i,s:i,s:s,s:o}", "periodeJaren", 3, "discontoPromille", 30, "toelichting",
						     text, "posten", posten);
		run(besturing_bc_put(s, t, in,
				     NULL, p),
		    "businesscase", in, p);

		char titel[160], wie[80];
		json_t *out = NULL;
		snprintf(wie, sizeof(wie), "werkgroep %s", tv);
		snprintf(titel, sizeof(titel), "Businesscase %s afgerond", tv);
		in = json_pack("{s:s,s:s,s:s}", "titel", titel, "deadline", "2012-04-01", "verantwoordelijke", wie);
		run(besturing_milestone_create(s, t, in, &out, p), "mijlpaal", in, p);
		long long mid = id_of(out);
		in = json_pack("{s:s,s:s}", "datum", "2012-03-28", "toelichting", "Gepresenteerd aan de stuurgroep en de burgemeesters.");
		run(besturing_milestone_done(s, t, mid, in, NULL, p), "mijlpaal gereed", in, p);
		snprintf(titel, sizeof(titel), "Werkgroep %s doet verslag: businessplan", tv);
		in = json_pack("{s:s,s:s,s:s}", "titel", titel, "deadline", "2012-05-01", "verantwoordelijke", wie);
		run(besturing_milestone_create(s, t, in, &out, p), "mijlpaal", in, p);
		mid = id_of(out);
		in = json_pack("{s:s,s:s,s:s}", "nieuweDeadline", "2012-09-24", "datum", "2012-04-20", "reden",
			       "Verschillende visies van de werkgroepleden onderling en vakanties; het businessplan gaat eind "
			       "september naar de stuurgroep en de burgemeesters.");
		run(besturing_milestone_postpone(s, t, mid, in, NULL, p), "mijlpaal uitgesteld", in, p);
		snprintf(titel, sizeof(titel), "Start uitvoering %s in het netwerk", tv);
		in = json_pack("{s:s,s:s,s:s,s:s}", "titel", titel, "deadline", "2013-01-01", "verantwoordelijke",
			       "gastheergemeente", "organisatie", codes[v->leden[0]]);
		run(besturing_milestone_create(s, t, in, NULL, p), "mijlpaal", in, p);
		n += 3;
		snprintf(titel, sizeof(titel), "Businesscase %s", tv);
		in = json_pack("{s:s,s:s,s:s,s:s,s:s}", "orgaan", "stuurgroep", "datum", "2012-04-15",
							"uitkomst", "go", "onderwerp", titel, "toelichting",
							"De stuurgroep stemt in met de businesscase en legt die voor aan de colleges.");
		run(besturing_decision_create(s, NULL, t,
					      in,
					      NULL, p),
		    "besluit", in, p);
	}
	return n;
}

/* The KCC's shared answer base (redactie Antwoord). */
static const char *const vragen[12][3] = {
	{ "Burgerzaken", "Hoe regel ik een paspoort?",
	  "Aan de balie van Burgerzaken, op afspraak. Neem uw oude paspoort mee en een recente pasfoto die voldoet aan de eisen van de Rijksoverheid." },
	{ "Burgerzaken", "Hoe geef ik een verhuizing door?",
	  "Binnen vijf dagen na de verhuizing, online met DigiD of aan de balie; de gemeente past de basisregistratie aan." },
	{ "Burgerzaken", "Hoe vraag ik een uittreksel aan?", "Online met DigiD of aan de balie; u krijgt het binnen vijf werkdagen thuisgestuurd." },
	{ "Afval", "Wanneer wordt mijn container geleegd?", "De ophaaldagen staan in de afvalkalender; grof vuil haalt de gemeente op afspraak op." },
	{ "Parkeren", "Hoe vraag ik een parkeervergunning aan?",
	  "Bewoners van een vergunninggebied vragen de vergunning online aan; per adres zijn er hoogstens twee." },
	{ "Zorg en welzijn", "Waar vraag ik hulp bij het huishouden aan?",
	  "Bij het Wmo-loket: een consulent komt langs voor een keukentafelgesprek en bekijkt samen met u wat nodig is." },
	{ "Werk en inkomen", "Hoe vraag ik bijstand aan?",
	  "Meld u eerst bij het UWV (werk.nl); daarna maakt de gemeente een afspraak voor het gesprek over uw aanvraag." },
	{ "Wonen en bouwen", "Heb ik een vergunning nodig voor een dakkapel?",
	  "Soms niet: de vergunningcheck van het Omgevingsloket zegt het. Anders vraagt u een omgevingsvergunning aan." },
	{ "Belastingen", "Hoe vraag ik kwijtschelding van gemeentelijke belastingen aan?",
	  "Met het kwijtscheldingsformulier, binnen drie maanden na de dagtekening van de aanslag; voeg de gevraagde bewijsstukken toe." },
	{ "Belastingen", "Waarom is de WOZ-waarde van mijn woning veranderd?",
	  "De WOZ-waarde volgt de marktwaarde op 1 januari van het jaar ervoor; bent u het er niet mee eens, dan kunt u bezwaar maken." },
	{ "Openbare ruimte", "Hoe meld ik een kapotte lantaarnpaal?", "Via de meldingen openbare ruimte op de website of telefonisch bij het KCC." },
	{ "Evenementen", "Heb ik een vergunning nodig voor een straatfeest?",
	  "Voor een klein buurtfeest volstaat vaak een melding; voor een groter evenement vraagt u een evenementenvergunning aan." },
};

static long long gen_antwoorden(struct store *s, const struct actor *by, char codes[ORGS][8], char names[ORGS][80],
				const struct verband_rec *v, int nr, struct problem *p)
{
	json_t *in;
	for (int k = 0; k < 8; k++) {
		const char *const *q = vragen[(nr + k) % 12];
		const char *eigenaar = codes[v->leden[k % v->n]];
		char redacteur[120], herzien[32];
		snprintf(redacteur, sizeof(redacteur), "Redactie KCC %s", names[v->leden[k % v->n]]);
		date_of((int)between(120, 365), herzien);
		json_t *out = NULL;
		in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "onderwerp", q[0], "vraag", q[1], "antwoord",
							    q[2], "eigenaar", eigenaar, "redacteur", redacteur, "herzienOp", herzien);
		run(dienstverlening_answer_create(s, by, v->code,
						  in,
						  &out, p),
		    "antwoord", in, p);
		long long id = id_of(out);
		if (k < 2) {
			char tekst[200];
			int lid = v->leden[1 % v->n];
			snprintf(tekst, sizeof(tekst), "In %s kan dit ook op donderdagavond aan de balie in het gemeentehuis.",
				 names[lid]);
			in = json_pack("{s:s}", "tekst", tekst);
			run(dienstverlening_answer_variant(s, by, v->code, id, codes[lid], in, NULL, p), "variant", in, p);
		}
	}
	return 8;
}

/* What the proeftuin-MT learned and steered (themes of the Drechtsteden proeftuin). */
static const char *const lessen[12][3] = {
	{ "Aanmelden", "In de eerste weken meldden de colleges meer beleidsopdrachten aan dan verwacht; het regionale werkprogramma kon meteen starten.",
	  "Het MT bespreekt nieuwe opdrachten elke twee weken." },
	{ "Samenvoegen", "Twee gemeenten vragen hetzelfde werk: het MT voegt de opdrachten samen tot één meervoudig-lokale opdracht.",
	  "Bij elke nieuwe lokale opdracht kijken of een andere gemeente hetzelfde vraagt." },
	{ "Trekkingsrechten", "Een kleine gemeente haalt veel meer dan zij brengt; zonder storting zijn de trekkingsrechten in het najaar op.",
	  "In de eindevaluatie beoordelen of een dienstverleningsovereenkomst nodig is." },
	{ "Ramingen", "Een samengevoegde opdracht kostte meer dan de twee ramingen samen: een gezamenlijke opdracht trekt meer overleg aan.",
	  "Ramingen van samengevoegde opdrachten opnieuw laten maken." },
	{ "Goedkeuren", "Urenregels wachten ruim een week op goedkeuring.", "Urenregels binnen twee weken beoordelen; de managers krijgen elke maandag hun wachtrij." },
	{ "Bemensing", "Een opdracht wacht al maanden op een concerncontroller: geen gemeente heeft die capaciteit vrij.",
	  "De procesmanager vraagt gericht in het netwerk." },
	{ "Kwetsbaarheid", "De kennis van een specialistisch taakveld zit bij één persoon die binnenkort met pensioen gaat.",
	  "Een tweede medewerker in het netwerk meenemen in de volgende opdracht." },
	{ "Aanbod", "Gemeenten bieden nog weinig aan wat zij kunnen missen; vraag en aanbod komen pas na een gesprek samen.",
	  "Managers melden ruimte in de planning als aanbod aan." },
	{ "Cultuur", "Medewerkers die voor een andere gemeente werken, ervaren meer afwisseling en leren van elkaars werkwijze.",
	  "Ervaringen delen in het managementoverleg." },
	{ "Werkvoorraad", "Open opdrachten zonder inzet blijven te lang liggen.", "Elke maand de werkvoorraad in het MT bespreken." },
	{ "Verdeelsleutel", "De verdeling naar inwoners van het regionale werkprogramma voelt voor kleine gemeenten als te zwaar.",
	  "De verdeelsleutel in de eindevaluatie opnieuw bekijken." },
	{ "Rapportage", "De colleges willen per kwartaal weten wat de urenbank oplevert.", "Een kwartaaloverzicht per gemeente uit de urenbank." },
};

/* In proeftuin nl: an offer of a medewerker by every municipality and of a
 * competence by every third, two leerervaringen or bijsturingen a month,
 * the tussentijdse rapportage and the eindevaluatie. */
static void gen_proeftuin_extra(struct store *s, const struct actor *by, char codes[ORGS][8], const struct worker *w,
				long long nstaff, struct problem *p, long long *naanbod, long long *nlessen)
{
	json_t *in;
	for (int o = 0; o < ORGS; o++) {
		char van[32];
		snprintf(van, sizeof(van), "2012-%02d-01", (int)between(1, 9));
		long long i = o + ORGS * between(0, nstaff / ORGS - 1);
		in = json_pack("{s:I,s:I,s:s,s:s,s:s}", "medewerker", (json_int_t)w[i].id, "minuten",
			       (json_int_t)between(40, 160) * 60, "van", van, "tot", "2012-12-31", "toelichting",
			       "Ruimte in de planning na het afronden van de eigen beleidsnota.");
		run(urenbank_aanbod_create(s, by, PT, codes[w[i].org], in, NULL, p), "aanbod", in, p);
		(*naanbod)++;
		if (o % 3 == 0) {
			char comp[16];
			snprintf(comp, sizeof(comp), "comp-%02lld", between(1, COMPETENCES));
			in = json_pack("{s:s,s:I,s:s,s:s,s:s}", "competentie", comp, "minuten", (json_int_t)between(20, 80) * 60,
				       "van", "2012-03-01", "tot", "2012-12-31", "toelichting",
				       "Voor gemeenten met een achterstand, door wie het rooster toelaat.");
			run(urenbank_aanbod_create(s, by, PT, codes[o], in, NULL, p), "aanbod", in, p);
			(*naanbod)++;
		}
	}
	for (int k = 0; k < 24; k++) {
		char datum[32];
		snprintf(datum, sizeof(datum), "2012-%02d-%02d", k / 2 + 1, k % 2 ? 20 : 5);
		const char *const *l = lessen[k % 12];
		in = json_pack("{s:s,s:s,s:s,s:s,s:s}", "soort", k % 3 == 1 ? "bijsturing" : "leerervaring", "datum", datum,
			       "thema", l[0], "inhoud", l[1], "vervolg", l[2]);
		run(urenbank_les_create(s, by, PT, in, NULL, p), "leerervaring", in, p);
		(*nlessen)++;
	}
	in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "soort", "tussentijds", "van", "2012-01-01", "tot", "2012-06-30", "datum",
		       "2012-07-05", "advies", "doorgaan", "toelichting",
		       "Doorgaan. Het eerste halfjaar laat zien dat de werkwijze werkt: het grootste deel van de uren in de "
		       "urenbank werd voor een andere gemeente gewerkt. Aandachtspunten voor de tweede helft: opdrachten die op "
		       "bemensing wachten en urenregels die lang op goedkeuring wachten.");
	run(urenbank_rapporten_create(s, by, PT, in, NULL, p), "rapport", in, p);
	in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "soort", "eind", "van", "2012-01-01", "tot", "2012-12-31", "datum",
		       "2013-01-10", "advies", "bijstellen", "toelichting",
		       "Doorgaan met aanpassingen. Ambtelijk samenwerken als één netwerkorganisatie werkt; wij adviseren de "
		       "urenbank structureel te maken, met een dienstverleningsovereenkomst voor de gemeenten die meer halen dan "
		       "brengen en urenregels die binnen twee weken worden beoordeeld.");
	run(urenbank_rapporten_create(s, by, PT, in, NULL, p), "rapport", in, p);
}

int main(int argc, char **argv)
{
	const char *db = NULL;
	long long entries = 1000000, nstaff = 150000, nopdr = 5000, batch = 20000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--entries"))
			entries = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--staff"))
			nstaff = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--opdrachten"))
			nopdr = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			rng_state = strtoull(argv[i + 1], NULL, 10) * 2654435761ULL + 1;
	}
	if (!db || entries < 0 || nstaff < ORGS || nopdr < 2 * ORGS + 2) {
		fprintf(stderr, "gebruik: gen --db BESTAND [--entries N] [--staff N ≥ 342] [--opdrachten N ≥ 686] [--seed S]\n");
		return 2;
	}
	unlink(db);
	struct store *s;
	struct problem p;
	problem_init(&p);
	must(store_open(db, &s, &p), "database", &p);
	struct actor by = { .role = ROLE_BEHEERDER, .name = "benchmark" };
	json_t *tmp = NULL; /* outputs the generator does not need */
	double t0 = now();

	/* ---- the register ---------------------------------------------------- */
	char codes[ORGS][8], names[ORGS][80];
	long long inwoners[ORGS];
	if (gen_gemeenten(codes, names, inwoners))
		return 1;
	db_begin(s->db);
	json_t *leden = gen_organisaties(s, codes, names, inwoners, &p);
	for (int t = 0; t < TAAKVELDEN; t++) {
		json_t *o =
			json_pack("{s:s,s:s,s:s}", "code", taakvelden[t][0], "naam", taakvelden[t][0], "soort", taakvelden[t][1]);
		must(register_taakveld_create(s, o, &tmp, &p), "taakveld", &p);
		json_decref(tmp);
		json_decref(o);
	}
	/* Three passes over a shuffled list, cut in groups of 5–15: every
	 * municipality in three verbanden (the last group of a pass may be
	 * smaller when fewer than 5 remain: it joins the one before). */
	int nverband = 0, ntraject = 0;
	struct verband_rec *vr = calloc(3 * ORGS / 5 + 3, sizeof(*vr));
	if (!vr)
		return 1;
	for (int pass = 0; pass < 3; pass++) {
		int order[ORGS];
		gen_shuffle(order);
		for (int at = 0, n; at < ORGS; at += n) {
			n = gen_groep(at);
			char code[16], naam[64];
			snprintf(code, sizeof(code), "v%03d", ++nverband);
			snprintf(naam, sizeof(naam), "Samenwerkingsverband %d", nverband);
			json_t *v = json_pack("{s:s,s:s,s:[s,s],s:b,s:o}", "code", code, "naam", naam, "doelen", "kosten",
					      "kwetsbaarheid", "geenCherryPicking", 1, "leden", gen_leden(codes, order + at, n));
			must(register_verband_create(s, v, &tmp, &p), "verband", &p);
			json_decref(tmp);
			json_decref(v);
			int nt = (int)between(2, 5), first = (int)between(0, TAAKVELDEN - 1);
			struct verband_rec *r = &vr[nverband - 1];
			snprintf(r->code, sizeof(r->code), "%s", code);
			memcpy(r->leden, order + at, (size_t)n * sizeof(int));
			r->n = n, r->first = first, r->nt = nt;
			for (int k = 0; k < nt; k++) {
				json_t *t = gen_traject(taakvelden[(first + k) % TAAKVELDEN][0]);
				must(register_traject_create(s, code, t, &tmp, &p), "traject", &p);
				r->traject[k] = id_of(tmp);
				json_decref(t);
				ntraject++;
			}
		}
	}
	/* ---- competences, the proeftuin --------------------------------------- */
	gen_competenties(s, COMPETENCES, &p);
	gen_proeftuin(s, &by, leden, &p);
	db_commit(s->db);
	double t_register = now();

	/* ---- opdrachten -------------------------------------------------------- */
	long long nlocal = nopdr * 72 / 100, nshared = nopdr - nlocal - 1;
	if (nlocal < ORGS)
		nlocal = ORGS;
	long long regional = 0;
	long long *local = calloc((size_t)nlocal, sizeof(*local)), *shared = calloc((size_t)nshared, sizeof(*shared));
	int(*shared_orgs)[4] = calloc((size_t)nshared, sizeof(*shared_orgs));
	int *shared_n = calloc((size_t)nshared, sizeof(*shared_n));
	if (!local || !shared || !shared_orgs || !shared_n)
		return 1;
	db_begin(s->db);
	for (long long k = 0; k < nlocal + nshared + 1; k++) {
		char comp[16];
		snprintf(comp, sizeof(comp), "comp-%02lld", between(1, COMPETENCES));
		json_t *need = json_pack("[{s:s,s:I}]", "competentie", comp, "niveau", (json_int_t)between(1, 3));
		json_t *o;
		if (k < nlocal) {
			o = json_pack("{s:s,s:s,s:[{s:s,s:i}],s:o}", "soort", "lokaal", "titel", "Lokale beleidsopdracht",
				      "opdrachtgevers", "organisatie", codes[k % ORGS], "aandeel", 1, "competenties", need);
		} else if (k < nlocal + nshared) {
			long long j = k - nlocal;
			shared_n[j] = (int)between(2, 4);
			json_t *g = json_array();
			for (int q = 0; q < shared_n[j]; q++) {
				int org, dup;
				do {
					org = (int)between(0, ORGS - 1);
					dup = 0;
					for (int r = 0; r < q; r++)
						dup |= shared_orgs[j][r] == org;
				} while (dup);
				shared_orgs[j][q] = org;
				json_array_append_new(g, json_pack("{s:s,s:I}", "organisatie", codes[org], "aandeel",
								   (json_int_t)between(1, 5)));
			}
			o = json_pack("{s:s,s:s,s:o,s:o}", "soort", "meervoudig-lokaal", "titel", "Gedeelde opdracht",
				      "opdrachtgevers", g, "competenties", need);
		} else {
			o = json_pack("{s:s,s:s,s:s,s:o}", "soort", "regionaal", "titel", "Landelijk werkprogramma",
				      "verdeelsleutel", "inwoners", "competenties", need);
		}
		json_t *out = NULL;
		must(urenbank_opdracht_create(s, &by, PT, o, &out, &p), "opdracht", &p);
		json_decref(o);
		long long id = id_of(out);
		if (k < nlocal)
			local[k] = id;
		else if (k < nlocal + nshared)
			shared[k - nlocal] = id;
		else
			regional = id;
	}
	db_commit(s->db);
	/* the shared opdrachten of each municipality */
	long long **mine = calloc(ORGS, sizeof(*mine));
	int *nmine = calloc(ORGS, sizeof(*nmine));
	for (long long j = 0; j < nshared; j++)
		for (int q = 0; q < shared_n[j]; q++)
			nmine[shared_orgs[j][q]]++;
	for (int o = 0; o < ORGS; o++) {
		mine[o] = calloc((size_t)nmine[o] + 1, sizeof(**mine));
		nmine[o] = 0;
	}
	for (long long j = 0; j < nshared; j++)
		for (int q = 0; q < shared_n[j]; q++) {
			int o = shared_orgs[j][q];
			mine[o][nmine[o]++] = shared[j];
		}
	double t_opdr = now();

	/* ---- staff, their competences, inzet ---------------------------------- */
	struct worker *w = calloc((size_t)nstaff, sizeof(*w));
	long long *inzet_staff = calloc((size_t)nstaff / 5 + 1, sizeof(*inzet_staff)), ninzet = 0, nlevels = 0;
	if (!w || !inzet_staff)
		return 1;
	db_begin(s->db);
	for (long long i = 0; i < nstaff; i++) {
		w[i].org = (int)(i % ORGS);
		w[i].id = gen_medewerker(s, &by, i, codes[w[i].org], (int)between(0, 8), &p);
		int nc = (int)between(1, 3), c0 = (int)between(1, COMPETENCES);
		for (int k = 0; k < nc; k++) {
			char comp[16];
			snprintf(comp, sizeof(comp), "comp-%02d", (c0 + k * 7 - 1) % COMPETENCES + 1);
			json_t *lv = json_pack("{s:I}", "niveau", (json_int_t)between(1, 3));
			must(kwaliteitskaart_level_set(s, w[i].id, comp, lv, &tmp, &p), "niveau", &p);
			json_decref(tmp);
			json_decref(lv);
			nlevels++;
		}
		if (i % 5 == 0) {
			for (int k = 0; k < 2; k++) {
				long long j;
				do
					j = between(0, nlocal - 1);
				while (j % ORGS == w[i].org);
				w[i].inzet_on[k] = local[j];
				gen_inzet(s, &by, w[i].id, local[j], &p);
			}
			inzet_staff[ninzet++] = i;
		}
		if ((i + 1) % 5000 == 0) {
			db_commit(s->db);
			db_begin(s->db);
			if (isatty(2))
				fprintf(stderr, "\r  %lld/%lld medewerkers", i + 1, nstaff);
		}
	}
	db_commit(s->db);
	if (isatty(2))
		fputc('\n', stderr);
	double t_staff = now();

	/* ---- the entries, in batches of one transaction each ------------------ */
	long long done = 0, refused = 0;
	while (done < entries) {
		db_begin(s->db);
		for (long long b = 0; b < batch && done < entries; b++) {
			unsigned long long kind = rnd() % 1000;
			struct worker *x;
			long long opdracht;
			if (kind < 600) {
				x = &w[inzet_staff[between(0, ninzet - 1)]];
				opdracht = x->inzet_on[rnd() % 2];
			} else {
				x = &w[between(0, nstaff - 1)];
				if (kind < 602)
					opdracht = regional;
				else if (kind < 800 && nmine[x->org])
					opdracht = mine[x->org][rnd() % (unsigned long long)nmine[x->org]];
				else
					opdracht = local[x->org]; /* local[k] belongs to codes[k % ORGS] */
			}
			char datum[32];
			date_of((int)between(0, 365), datum);
			json_t *in = json_pack("{s:I,s:I,s:s,s:I,s:s}", "medewerker", (json_int_t)x->id, "opdracht",
					       (json_int_t)opdracht, "datum", datum, "minuten", (json_int_t)between(30, 480),
					       "omschrijving", "beleidswerk");
			problem_init(&p);
			if (urenbank_uren_import(s, &by, PT, in, 1, NULL, &p) < 0) {
				if (p.status != 422)
					die("urenregel", &p);
				if (++refused > entries + 1000)
					die("te veel geweigerd", &p);
			} else {
				done++;
			}
			json_decref(in);
		}
		if (db_commit(s->db) < 0) {
			fprintf(stderr, "gen: commit: %s\n", db_errmsg(s->db));
			return 1;
		}
		if (isatty(2))
			fprintf(stderr, "\r  %lld/%lld geboekt", done, entries);
	}
	if (isatty(2))
		fputc('\n', stderr);
	double t_entries = now();

	/* ---- choosing and running the cooperation; the proeftuin's own records ---- */
	long long nkeuze = 0, nmijlpalen = 0, nantwoorden = 0, naanbod = 0, nlessen = 0;
	db_begin(s->db);
	for (int v = 0; v < nverband; v++) {
		nkeuze += gen_keuze(s, codes, &vr[v], v + 1, &p);
		nmijlpalen += gen_sturing(s, codes, &vr[v], &p);
		nantwoorden += gen_antwoorden(s, &by, codes, names, &vr[v], v + 1, &p);
	}
	gen_proeftuin_extra(s, &by, codes, w, nstaff, &p, &naanbod, &nlessen);
	if (db_commit(s->db) < 0) {
		fprintf(stderr, "gen: commit: %s\n", db_errmsg(s->db));
		return 1;
	}
	double t_end = now();
	printf("orgs %d\nverbanden %d\ntrajecten %d\ncompetenties %d\nstaff %lld\nlevels %lld\ninzet %lld\nopdrachten %lld\n"
	       "entries %lld\nrefused %lld\n",
	       ORGS, nverband, ntraject, COMPETENCES, nstaff, nlevels, 2 * ninzet, nlocal + nshared + 1, done, refused);
	printf("verkenningen %d\nscoringen %d\nantwoorden_en_scores %lld\nbusinesscases %d\nmijlpalen %lld\nkcc_antwoorden %lld\n"
	       "aanbod %lld\nleerervaringen %lld\nproeftuinrapporten 2\n",
	       nverband, nverband, nkeuze, ntraject, nmijlpalen, nantwoorden, naanbod, nlessen);
	printf("register_s %.1f\nopdrachten_s %.1f\nstaff_s %.1f\nentries_s %.1f\nsturing_s %.1f\ntotal_s %.1f\n", t_register - t0,
	       t_opdr - t_register, t_staff - t_opdr, t_entries - t_staff, t_end - t_entries, t_end - t0);
	for (int o = 0; o < ORGS; o++)
		free(mine[o]);
	free(mine);
	free(nmine);
	free(w);
	free(inzet_staff);
	free(local);
	free(shared);
	free(shared_orgs);
	free(shared_n);
	free(vr);
	store_close(s);
	return 0;
}
