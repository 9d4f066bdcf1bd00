/* GET /api/v1/status and GET /api/v1/openapi.json. The OpenAPI document is
 * built from the route tables themselves, so it lists exactly the endpoints
 * that exist; the schemas come from openapi-schemas.json. */
#include <string.h>
#include "core/embedded.h"
#include "http/api.h"
#include "version.h"

static int get_status(struct request *rq, struct response *rs)
{
	return api_json(
		rs, 200,
		json_pack("{s:s,s:s,s:i}", "status", "ok", "versie", SAMEN_VERSION, "schema", store_schema_version(rq->store)));
}

static json_t *schema_ref(const char *name)
{
	char ref[160];
	int array = name[0] == '[';
	snprintf(ref, sizeof(ref), "#/components/schemas/%.*s", (int)strlen(name) - (array ? 2 : 0), name + array);
	json_t *r = json_pack("{s:s}", "$ref", ref);
	return array ? json_pack("{s:s,s:o}", "type", "array", "items", r) : r;
}

/* Operations that may answer 202 Accepted, and with what: a request that
 * waits for the consent of the opdrachtgevers (urenbank_instemming.c). */
static const char *accepted_schema(const struct route *r)
{
	static const char *const t[][2] = { { "/api/v1/proeftuinen/{p}/opdrachten/{id}/inzet", "Instemmingsverzoek" },
					    { "/api/v1/proeftuinen/{p}/opdrachten/{id}/samenvoegen", "Instemmingsverzoek" } };
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(r->method, "POST") && !strcmp(r->pattern, t[i][0]))
			return t[i][1];
	return NULL;
}

static json_t *operation(const struct route *r)
{
	json_t *op = json_pack("{s:s,s:[s]}", "summary", r->summary ? r->summary : "", "tags", r->tag);
	json_t *params = json_array();
	for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(e - p - 1), p + 1);
		json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", name, "in", "path", "required", 1,
							"schema", "type", "string"));
	}
	for (const char *q = r->query; q && *q;) {
		size_t n = strcspn(q, ",");
		if (n)
			json_array_append_new(
				params, json_pack("{s:s%,s:s,s:{s:s}}", "name", q, n, "in", "query", "schema", "type", "string"));
		q += n + (q[n] == ',');
	}
	if (json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if (r->body)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b,s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema",
					      schema_ref(r->body)));
	json_t *responses = json_object();
	const char *ok = r->created ? "201" : "200";
	const char *ctype = "application/json";
	if (r->result && !strcmp(r->result, "text"))
		ctype = "text/plain";
	else if (r->result && !strcmp(r->result, "html"))
		ctype = "text/html";
	json_t *okresp = json_pack("{s:s}", "description", r->created ? "Aangemaakt" : "Gelukt");
	if (r->result)
		json_object_set_new(okresp, "content",
				    json_pack("{s:{s:o}}", ctype, "schema",
					      (!strcmp(ctype, "application/json")) ? schema_ref(r->result)
										   : json_pack("{s:s}", "type", "string")));
	json_object_set_new(responses, ok, okresp);
	const char *accepted = accepted_schema(r);
	if (accepted)
		json_object_set_new(responses, "202",
				    json_pack("{s:s,s:{s:{s:o}}}", "description", "Aangenomen: wacht op instemming", "content",
					      "application/json", "schema", schema_ref(accepted)));
	json_t *problem =
		json_pack("{s:{s:{s:s}}}", "application/problem+json", "schema", "$ref", "#/components/schemas/Probleem");
	static const char *const errs[][2] = {
		{ "400", "Ongeldige invoer" }, { "401", "Niet aangemeld" },
		{ "403", "Geen toegang" },     { "404", "Niet gevonden" },
		{ "409", "Bestaat al" },       { "422", "Niet toegestaan door een regel of onbekende verwijzing" }
	};
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		json_object_set_new(responses, errs[i][0], json_pack("{s:s,s:O}", "description", errs[i][1], "content", problem));
	json_decref(problem);
	json_object_set_new(op, "responses", responses);
	return op;
}

static int get_openapi(struct request *rq, struct response *rs)
{
	const struct embedded_file *f = embedded_find("openapi-schemas.json");
	json_error_t e;
	json_t *schemas = f ? json_loadb((const char *)f->data, f->len, 0, &e) : NULL;
	if (!schemas)
		schemas = json_object();
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
			json_object_set_new(item, m, operation(r));
		}
	}
	json_t *doc =
		json_pack("{s:s,s:{s:s,s:s,s:s,s:{s:s}},s:[{s:s}],s:o,s:{s:o,s:{s:{s:s,s:s},s:{s:s,s:s,s:s}}},s:[{s:[]},{s:[]}]}",
			  "openapi", "3.0.3", "info", "title", "samen API", "version", "1.0.0", "description",
			  "Het register van samenwerking, de urenbank, de kwaliteitskaart en de rapportage van "
			  "gemeenten die werken als ware het één netwerkorganisatie.",
			  "license", "name", "EUPL-1.2", "servers", "url", "/api/v1", "paths", paths, "components", "schemas",
			  schemas, "securitySchemes", "bearer", "type", "http", "scheme", "bearer", "cookie", "type", "apiKey",
			  "in", "cookie", "name", "samen_sessie", "security", "bearer", "cookie");
	return api_json(rs, 200, doc);
}

const struct route api_system_routes[] = {
	{ "GET", "/api/v1/status", get_status, "systeem", "Status en versie", NULL, "Status", NULL, 0 },
	{ "GET", "/api/v1/openapi.json", get_openapi, "systeem", "Dit OpenAPI-document", NULL, NULL, NULL, 0 },
	{ 0 },
};

const struct route *const api_tables[] = {
	api_system_routes, api_register_routes, api_medewerkers_routes, api_gebruikers_routes, api_besturing_routes,
	api_rapportage_routes, api_urenbank_routes, api_kwaliteitskaart_routes, api_matching_routes,
	/* the governance of issue 10: the register over time, the decision trail, a network's arrangements, consent */
	api_register_historie_routes, api_besturing_besluitvorming_routes, api_besturing_afspraken_routes,
	api_urenbank_instemming_routes, NULL
};
