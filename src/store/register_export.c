/* The register as one document (register.h: register_export and
 * register_import), through the public functions of register.c. */
#include <stdio.h>
#include <string.h>
#include "store/register.h"

json_t *register_export(struct store *s)
{
	json_t *orgs = register_org_list(s);
	json_t *verbanden = register_verband_list(s);
	size_t i, k;
	json_t *v, *x;
	json_array_foreach(verbanden, i, v) {
		json_t *tr = NULL;
		struct problem p;
		problem_init(&p);
		register_traject_list(s, NULL, json_string_value(json_object_get(v, "code")), NULL, &tr, &p);
		json_array_foreach(tr, k, x) {
			json_object_del(x, "id");
			json_object_del(x, "verband");
			json_object_del(x, "taakveldNaam");
			json_object_del(x, "deelname");
			if (json_is_null(json_object_get(x, "uitvoerder")))
				json_object_del(x, "uitvoerder");
			if (json_is_true(json_object_get(v, "geenCherryPicking")))
				json_object_del(x, "deelnemers");
		}
		json_object_set_new(v, "trajecten", tr);
		json_array_foreach(json_object_get(v, "leden"), k, x)
			json_object_del(x, "naam");
	}
	json_array_foreach(orgs, i, x) {
		json_object_del(x, "tooi");
		for (const char *const *f = (const char *const[]){ "geldigVan", "geldigTot", "opvolger", NULL }; *f; f++)
			if (json_is_null(json_object_get(x, *f)))
				json_object_del(x, *f);
	}
	return json_pack("{s:s,s:i,s:o,s:o,s:o}", "formaat", "samen-register", "versie", 1, "organisaties", orgs, "taakvelden",
			 register_taakveld_list(s), "verbanden", verbanden);
}

static int do_import(struct store *s, void *arg, struct problem *p)
{
	json_t *doc = arg;
	json_t *f = json_object_get(doc, "formaat");
	if (!json_is_string(f) || strcmp(json_string_value(f), "samen-register"))
		return problem_param(p, "formaat", "moet \"samen-register\" zijn");
	json_t *ver = json_object_get(doc, "versie");
	if (!json_is_integer(ver) || json_integer_value(ver) != 1)
		return problem_param(p, "versie", "alleen versie 1 wordt ondersteund");
	static const struct {
		const char *key;
		int (*create)(struct store *, json_t *, json_t **, struct problem *);
	} parts[] = { { "organisaties", register_org_create },
		      { "taakvelden", register_taakveld_create },
		      { "verbanden", register_verband_create } };
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		json_t *arr = json_object_get(doc, parts[k].key);
		if (!arr)
			continue;
		if (!json_is_array(arr))
			return problem_param(p, parts[k].key, "moet een lijst zijn");
		size_t i;
		json_t *x;
		json_array_foreach(arr, i, x) {
			char prefix[64];
			snprintf(prefix, sizeof(prefix), "%s[%zu]", parts[k].key, i);
			if (!json_is_object(x))
				return problem_param(p, prefix, "moet een object zijn");
			int r = parts[k].create(s, x, NULL, p);
			if (r < 0) {
				size_t l = strlen(prefix);
				snprintf(prefix + l, sizeof(prefix) - l, ".");
				problem_prefix_params(p, prefix);
				if (!p->nparams) {
					prefix[l] = '\0';
					problem_param(p, prefix, "%s", p->detail);
				}
				return r;
			}
		}
	}
	return 0;
}

int register_import(struct store *s, json_t *doc, struct problem *p)
{
	if (!json_is_object(doc))
		return problem_set(p, 400, "Het document moet een JSON-object zijn.");
	return store_transaction(s, p, do_import, doc);
}
