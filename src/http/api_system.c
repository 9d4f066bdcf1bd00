/* GET /api/v1/status and GET /api/v1/openapi.json. The OpenAPI document is
 * built from the route tables themselves, so it lists exactly the endpoints
 * that exist; the schemas come from openapi-schemas.json, the query and
 * path parameters from openapi-parameters.json. Every response of every
 * operation is declared with its media types and headers: the API tests
 * check each answer they get against this document (tests/lib/contract.mjs). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "core/embedded.h"
#include "http/api.h"
#include "http/paging.h"
#include "version.h"

static int get_status(struct request *rq, struct response *rs)
{
	return api_json(
		rs, 200,
		json_pack("{s:s,s:s,s:i}", "status", "ok", "versie", SAMEN_VERSION, "schema", store_schema_version(rq->store)));
}

static json_t *embedded_json(const char *name)
{
	const struct embedded_file *f = embedded_find(name);
	json_error_t e;
	json_t *j = f ? json_loadb((const char *)f->data, f->len, 0, &e) : NULL;
	return j ? j : json_object();
}

static json_t *schema_ref(const char *name, size_t len)
{
	char ref[160];
	int array = name[0] == '[';
	snprintf(ref, sizeof(ref), "#/components/schemas/%.*s", (int)len - (array ? 2 : 0), name + array);
	json_t *r = json_pack("{s:s}", "$ref", ref);
	return array ? json_pack("{s:s,s:o}", "type", "array", "items", r) : r;
}

/* Operations that may answer 202 Accepted, and with what: a request that
 * waits for the consent of the opdrachtgevers (urenbank_instemming.c). */
static const char *accepted_schema(const struct route *r)
{
	static const char *const t[][2] = { { "/api/v1/proeftuinen/{p}/opdrachten/{id}/inzet", "Instemmingsverzoek" },
					    { "/api/v1/proeftuinen/{p}/opdrachten/{id}/samenvoegen", "Instemmingsverzoek" },
					    { "/api/v1/proeftuinen/{p}/aanbod/{id}/inzet", "Instemmingsverzoek" } };
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(r->method, "POST") && !strcmp(r->pattern, t[i][0]))
			return t[i][1];
	return NULL;
}

/* The media types of a body or result: alternatives separated by '|', each a
 * schema name ("Organisatie", "[Organisatie]" for a list) sent as JSON, a
 * media type ("text/calendar") sent as text, or "media/type=Schema". */
static json_t *content_of(const char *spec)
{
	json_t *content = json_object();
	for (const char *s = spec; s && *s;) {
		size_t n = strcspn(s, "|");
		const char *slash = memchr(s, '/', n), *eq = memchr(s, '=', n);
		char media[96];
		json_t *schema;
		if (!slash) {
			snprintf(media, sizeof(media), "application/json");
			schema = schema_ref(s, n);
		} else {
			size_t ml = eq ? (size_t)(eq - s) : n;
			snprintf(media, sizeof(media), "%.*s", (int)ml, s);
			if (eq)
				schema = schema_ref(eq + 1, n - ml - 1);
			else if (!strncmp(media, "text/", 5))
				schema = json_pack("{s:s}", "type", "string");
			else
				schema = json_pack("{s:s,s:s}", "type", "string", "format", "binary");
		}
		json_object_set_new(content, media, json_pack("{s:o}", "schema", schema));
		s += n + (s[n] == '|');
	}
	return content;
}

static json_t *header_ref(const char *name)
{
	char ref[96];
	snprintf(ref, sizeof(ref), "#/components/headers/%s", name);
	return json_pack("{s:s}", "$ref", ref);
}

/* A response: description, the headers every response has, and more. */
static json_t *response(const char *description, json_t *content, const char *const *headers)
{
	json_t *h = json_pack("{s:o}", "API-Version", header_ref("API-Version"));
	for (; headers && *headers; headers++)
		json_object_set_new(h, *headers, header_ref(*headers));
	json_t *r = json_pack("{s:s,s:o}", "description", description, "headers", h);
	if (content)
		json_object_set_new(r, "content", content);
	return r;
}

static json_t *problem_content(void)
{
	return json_pack("{s:{s:{s:s}}}", "application/problem+json", "schema", "$ref", "#/components/schemas/Probleem");
}

static int is_mutating(const struct route *r) { return strcmp(r->method, "GET") != 0; }

/* operationId when the table gives none: the method and the fixed path
 * segments in lowerCamelCase, so that it is stable and unique. */
static void derived_id(const struct route *r, char *out, size_t outlen)
{
	size_t o = 0;
	for (const char *m = r->method; *m && o + 1 < outlen; m++)
		out[o++] = (char)(*m | 0x20);
	int upper = 1;
	for (const char *p = r->pattern + 7; *p && o + 1 < outlen; p++) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			p = e ? e : p + strlen(p) - 1;
			upper = 1;
			continue;
		}
		if (*p == '/' || *p == '-' || *p == '.') {
			upper = 1;
			continue;
		}
		out[o++] = upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		upper = 0;
	}
	out[o] = '\0';
}

static json_t *parameter(json_t *defs, const char *key, size_t keylen, const char *in)
{
	char k[64], name[48];
	const char *colon = memchr(key, ':', keylen);
	snprintf(k, sizeof(k), "%s%.*s", strcmp(in, "path") ? "" : "pad:", (int)keylen, key);
	snprintf(name, sizeof(name), "%.*s", (int)(colon ? (size_t)(colon - key) : keylen), key);
	json_t *def = json_object_get(defs, k);
	if (!def) { /* "status:uren" falls back to "status" */
		snprintf(k, sizeof(k), "%s%s", strcmp(in, "path") ? "" : "pad:", name);
		def = json_object_get(defs, k);
	}
	json_t *p = json_pack("{s:s,s:s}", "name", name, "in", in);
	if (def)
		json_object_update(p, def);
	else
		json_object_set_new(p, "schema", json_pack("{s:s}", "type", "string"));
	if (!strcmp(in, "path"))
		json_object_set_new(p, "required", json_true());
	return p;
}

static json_t *operation(const struct route *r, json_t *defs)
{
	char id[96];
	if (r->id)
		snprintf(id, sizeof(id), "%s", r->id);
	else
		derived_id(r, id, sizeof(id));
	int public = (r->flags & ROUTE_PUBLIC) != 0, paged = (r->flags & ROUTE_PAGED) || paging_is_collection(r);
	char description[1024];
	snprintf(description, sizeof(description), "%s%s%s%s",
		 r->description ? r->description
		 : r->summary   ? r->summary
				: "",
		 public ? "\n\nOpenbaar: een aanmelding is niet nodig."
			: "\n\nAlleen na aanmelding (sessie of Bearer-token); wat elke rol mag, staat in het beleid "
			  "(docs/beveiliging.md).",
		 paged ? "\n\nEen lijst in bladzijden: pagina en paginaGrootte kiezen de bladzijde, de kopregel Link wijst "
			 "naar de eerste, vorige, volgende en laatste, X-Total-Count geeft het totaal. De volgorde is vast."
		       : "",
		 is_mutating(r) && strcmp(r->method, "DELETE") ? "\n\nMet de kopregel Idempotency-Key geeft een herhaald verzoek "
								 "hetzelfde antwoord en gebeurt niets twee keer."
							       : "");
	json_t *op = json_pack("{s:s,s:s,s:s,s:[s]}", "operationId", id, "summary", r->summary ? r->summary : "", "description",
			       description, "tags", r->tag);
	if (public)
		json_object_set_new(op, "security", json_array());

	json_t *params = json_array();
	for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		json_array_append_new(params, parameter(defs, p + 1, (size_t)(e - p - 1), "path"));
	}
	size_t npath = json_array_size(params);
	for (const char *q = r->query; q && *q;) {
		size_t n = strcspn(q, ",");
		if (n)
			json_array_append_new(params, parameter(defs, q, n, "query"));
		q += n + (q[n] == ',');
	}
	if (paged) {
		json_array_append_new(params, json_pack("{s:s}", "$ref", "#/components/parameters/pagina"));
		json_array_append_new(params, json_pack("{s:s}", "$ref", "#/components/parameters/paginaGrootte"));
	}
	size_t nparams = json_array_size(params);
	if (nparams)
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if (r->body)
		json_object_set_new(op, "requestBody", json_pack("{s:b,s:o}", "required", 1, "content", content_of(r->body)));

	json_t *responses = json_object();
	static const char *const paged_headers[] = { "Link", "X-Total-Count", NULL };
	static const char *const created_headers[] = { "Location", NULL };
	static const char *const etag_headers[] = { "ETag", NULL };
	int tagged = !strcmp(r->pattern, "/api/v1/openapi.json"); /* a fixed document: get_openapi */
	if (r->result || !is_mutating(r))
		json_object_set_new(responses, r->created ? "201" : "200",
				    response(r->created ? "Aangemaakt" : "Gelukt", r->result ? content_of(r->result) : NULL,
					     paged        ? paged_headers
					     : r->created ? created_headers
					     : tagged     ? etag_headers
							  : NULL));
	if (tagged)
		json_object_set_new(
			responses, "304",
			response("Ongewijzigd: het document met de ETag uit If-None-Match is nog actueel", NULL, etag_headers));
	else
		json_object_set_new(responses, "204", response("Gelukt; er is niets terug te geven", NULL, NULL));

	const char *accepted = accepted_schema(r);
	if (accepted)
		json_object_set_new(
			responses, "202",
			response("Aangenomen: wacht op instemming van de opdrachtgevers", content_of(accepted), NULL));

	static const char *const www[] = { "WWW-Authenticate", NULL };
	static const char *const retry[] = { "Retry-After", NULL };
	if (r->body || nparams > 0 || is_mutating(r))
		json_object_set_new(
			responses, "400",
			response("Ongeldige invoer: welk veld en waarom staat in invalid-params", problem_content(), NULL));
	json_object_set_new(responses, "401",
			    response(public ? "Het meegestuurde token is onbekend of ingetrokken"
					    : "Niet aangemeld, of het token is onbekend of ingetrokken",
				     problem_content(), www));
	if (!public || is_mutating(r))
		json_object_set_new(responses, "403",
				    response("Geen toegang voor deze rol, of het CSRF-token ontbreekt", problem_content(), NULL));
	/* A required query parameter names the subject (the organisation of a
	 * report): unknown, it is not found, as a path parameter would be. */
	if (npath || (r->query && strstr(r->query, ":verplicht")))
		json_object_set_new(responses, "404", response("Niet gevonden", problem_content(), NULL));
	if (is_mutating(r))
		json_object_set_new(
			responses, "409",
			response("Bestaat al, of de Idempotency-Key hoort bij een ander verzoek", problem_content(), NULL));
	if (r->body)
		json_object_set_new(responses, "413", response("De inhoud is groter dan 1 MiB", problem_content(), NULL));
	if (r->body && (strchr(r->body, '/') || (r->flags & ROUTE_MEDIA)))
		json_object_set_new(responses, "415", response("Deze soort inhoud wordt niet gelezen", problem_content(), NULL));
	if (is_mutating(r) || npath < nparams)
		json_object_set_new(
			responses, "422",
			response("Niet toegestaan door een regel, of een onbekende verwijzing", problem_content(), NULL));
	if (npath < nparams)
		json_object_set_new(responses, "414", response("Het adres is te lang", problem_content(), NULL));
	json_object_set_new(responses, "431", response("De kopregels zijn te groot", problem_content(), NULL));
	if (r->flags & ROUTE_LIMITED)
		json_object_set_new(
			responses, "429",
			response("Te veel pogingen; probeer het na Retry-After seconden opnieuw", problem_content(), retry));
	json_object_set_new(
		responses, "5XX",
		response("Er ging aan de kant van de server iets mis; het verzoek had geen gevolg", problem_content(), NULL));
	json_object_set_new(op, "responses", responses);
	return op;
}

static json_t *header(const char *description, int required, json_t *schema)
{
	return json_pack("{s:s,s:b,s:o}", "description", description, "required", required, "schema", schema);
}

static json_t *components_headers(void)
{
	json_t *h = json_object();
	json_object_set_new(h, "API-Version",
			    header("De volledige versie van de API (semantische versie, zie CHANGELOG.md).", 1,
				   json_pack("{s:s,s:s,s:s}", "type", "string", "pattern", "^[0-9]+\\.[0-9]+\\.[0-9]+$",
					     "example", HTTP_API_VERSION)));
	json_object_set_new(h, "Link",
			    header("Verwijzingen naar de eerste, vorige, volgende en laatste bladzijde (RFC 8288; rel first, "
				   "prev, next, last).",
				   1, json_pack("{s:s}", "type", "string")));
	json_object_set_new(h, "X-Total-Count",
			    header("Het aantal objecten in de hele lijst, over alle bladzijden.", 1,
				   json_pack("{s:s,s:i}", "type", "integer", "minimum", 0)));
	json_object_set_new(h, "ETag",
			    header("De versie van dit document; stuur hem terug in If-None-Match voor 304 Not Modified.", 1,
				   json_pack("{s:s}", "type", "string")));
	json_object_set_new(h, "Location", header("Het adres van het nieuwe object.", 0, json_pack("{s:s}", "type", "string")));
	json_object_set_new(h, "WWW-Authenticate",
			    header("Hoe u zich aanmeldt: met een Bearer-token (of een sessiecookie, zie POST /sessies).", 1,
				   json_pack("{s:s}", "type", "string")));
	json_object_set_new(h, "Retry-After",
			    header("Na hoeveel seconden een nieuwe poging zin heeft.", 1,
				   json_pack("{s:s,s:i}", "type", "integer", "minimum", 0)));
	return h;
}

static json_t *components_parameters(void)
{
	return json_pack("{s:{s:s,s:s,s:s,s:{s:s,s:i,s:i}},s:{s:s,s:s,s:s,s:{s:s,s:i,s:i,s:i}}}", "pagina", "name", "pagina",
			 "in", "query", "description", "De bladzijde, vanaf 1.", "schema", "type", "integer", "minimum", 1,
			 "default", 1, "paginaGrootte", "name", "paginaGrootte", "in", "query", "description",
			 "Hoeveel objecten op een bladzijde.", "schema", "type", "integer", "minimum", 1, "maximum",
			 PAGING_MAX_SIZE, "default", PAGING_DEFAULT_SIZE);
}

/* The contact of this installation (ADR /core/doc-openapi-contact). */
static json_t *contact(void)
{
	const char *name = getenv("SAMEN_CONTACT_NAAM"), *url = getenv("SAMEN_CONTACT_URL"),
		   *email = getenv("SAMEN_CONTACT_EMAIL");
	return json_pack("{s:s,s:s,s:s}", "name", name && *name ? name : "Beheerteam samen", "url",
			 url && *url ? url : "https://github.com/samen-netwerk/samen", "email",
			 email && *email ? email : "beheer@samen.invalid");
}

static json_t *openapi_document(void)
{
	json_t *schemas = embedded_json("openapi-schemas.json");
	json_t *defs = embedded_json("openapi-parameters.json");
	json_t *paths = json_object();
	for (const struct route *const *t = api_tables; *t; t++) {
		for (const struct route *r = *t; r->method; r++) {
			if (!r->tag || strncmp(r->pattern, "/api/v1", 7))
				continue;
			const char *p = r->pattern + 7;
			json_t *item = json_object_get(paths, p);
			if (!item) {
				item = json_object();
				json_object_set_new(paths, p, item);
			}
			char m[16];
			size_t i;
			for (i = 0; r->method[i] && i + 1 < sizeof(m); i++)
				m[i] = (char)(r->method[i] | 0x20);
			m[i] = '\0';
			json_object_set_new(item, m, operation(r, defs));
		}
	}
	json_decref(defs);
	json_t *doc = json_pack(
		"{s:s,s:{s:s,s:s,s:s,s:o,s:{s:s,s:s}},s:[{s:s,s:s}],s:o,s:{s:o,s:o,s:o,s:{s:{s:s,s:s,s:s},s:{s:s,s:s,s:s,s:s}}},"
		"s:[{s:[]},{s:[]}]}",
		"openapi", "3.0.3", "info", "title", "samen API", "version", HTTP_API_VERSION, "description",
		"Het register van samenwerking, de urenbank, de kwaliteitskaart en de rapportage van gemeenten die werken als "
		"ware "
		"het één netwerkorganisatie. Volgt de Nederlandse API Design Rules; de wijzigingen per versie staan in "
		"CHANGELOG.md.",
		"contact", contact(), "license", "name", "EUPL-1.2", "url", "https://eupl.eu/1.2/nl/", "servers", "url",
		"/api/v1", "description", "Deze server", "paths", paths, "components", "schemas", schemas, "parameters",
		components_parameters(), "headers", components_headers(), "securitySchemes", "bearer", "type", "http", "scheme",
		"bearer", "description", "Een API-token (POST /gebruikers/{naam}/tokens).", "cookie", "type", "apiKey", "in",
		"cookie", "name", "samen_sessie", "description",
		"De sessie van POST /sessies; een wijziging vraagt dan ook de kopregel X-CSRF-Token.", "security", "bearer",
		"cookie");
	return doc;
}

/* The document is fixed for the life of the process (the route tables, the
 * embedded schemas, the contact from the environment): it is built once,
 * the first time it is asked for, and served from memory, with an ETag so
 * that a client that has it gets 304 Not Modified. */
static pthread_once_t openapi_once = PTHREAD_ONCE_INIT;
static char *openapi_text;
static char openapi_etag[2 * 16 + 3];

static void openapi_build(void)
{
	json_t *doc = openapi_document();
	openapi_text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	unsigned char h[16];
	if (!openapi_text || sodium_init() < 0 ||
	    crypto_generichash(h, sizeof(h), (const unsigned char *)openapi_text, strlen(openapi_text), NULL, 0) < 0)
		return;
	char hex[2 * sizeof(h) + 1];
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(openapi_etag, sizeof(openapi_etag), "\"%s\"", hex);
}

/* Whether an If-None-Match list ("a", W/"b", or *) names etag. */
static int etag_matches(const char *list, const char *etag)
{
	if (!list)
		return 0;
	size_t n = strlen(etag);
	for (const char *p = list; *p;) {
		p += strspn(p, " \t,");
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

static int get_openapi(struct request *rq, struct response *rs)
{
	pthread_once(&openapi_once, openapi_build);
	if (!openapi_text)
		return api_json(rs, 200, openapi_document());
	if (openapi_etag[0]) {
		resp_header(rs, "ETag", openapi_etag);
		resp_header(rs, "Cache-Control", "no-cache");
		if (etag_matches(req_header(rq, "If-None-Match"), openapi_etag)) {
			rs->status = 304;
			snprintf(rs->content_type, sizeof(rs->content_type), "application/json");
			return 0;
		}
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/json");
	buf_adds(&rs->body, openapi_text);
	return 0;
}

const struct route api_system_routes[] = {
	{ "GET", "/api/v1/status", get_status, "systeem", "Status en versie", NULL, "Status", NULL, 0, "haalStatus",
	  "Of de server draait, met de versie van het programma en die van het databaseschema.", ROUTE_PUBLIC },
	{ "GET", "/api/v1/openapi.json", get_openapi, "systeem", "Dit OpenAPI-document", NULL, "application/json=OpenApiDocument",
	  NULL, 0, "haalOpenapiDocument",
	  "Het contract van deze API, door de server zelf gemaakt uit zijn routes; ook vanaf een andere herkomst te lezen "
	  "(CORS).",
	  ROUTE_PUBLIC },
	{ 0 },
};

const struct route *const api_tables[] = {
	api_system_routes, api_register_routes, api_medewerkers_routes, api_gebruikers_routes, api_besturing_routes,
	api_rapportage_routes, api_urenbank_routes, api_kwaliteitskaart_routes, api_matching_routes,
	/* the governance of issue 10: the register over time, the decision trail, a network's arrangements, consent */
	api_register_historie_routes, api_besturing_besluitvorming_routes, api_besturing_afspraken_routes,
	api_urenbank_instemming_routes,
	/* issue 11: offers as well as requests */
	api_urenbank_aanbod_routes,
	/* issue 11: the proeftuin's reports to the colleges */
	api_urenbank_rapport_routes,
	/* the dienstverlening proeftuin of issue 11 */
	api_dienstverlening_routes,
	/* issue 17: what the members of a verband should know of each other */
	api_register_belangen_routes, NULL
};
