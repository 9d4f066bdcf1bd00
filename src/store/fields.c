#include <stdio.h>
#include "core/date.h"
#include "core/register.h"
#include "store/fields.h"

static json_t *get(json_t *in, const char *name)
{
	json_t *v = json_object_get(in, name);
	return json_is_null(v) ? NULL : v;
}

static int missing(const char *name, int required, struct problem *p)
{
	if (required)
		return problem_param(p, name, "is verplicht"), -1;
	return 0;
}

int field_text(json_t *in, const char *name, int required, size_t maxlen, const char **out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	if (!json_is_string(v))
		return problem_param(p, name, "moet tekst zijn"), -1;
	const char *s = json_string_value(v);
	if (required && !s[0])
		return problem_param(p, name, "mag niet leeg zijn"), -1;
	if (s[0] && !register_text_valid(s, maxlen))
		return problem_param(p, name, "is te lang (hoogstens %zu tekens) of bevat ongeldige tekens", maxlen), -1;
	*out = s;
	return 1;
}

int field_enum(json_t *in, const char *name, int required, const char *const table[], const char **out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	if (!json_is_string(v))
		return problem_param(p, name, "moet tekst zijn"), -1;
	if (enum_index(table, json_string_value(v)) < 0) {
		char list[512];
		enum_list(table, list, sizeof(list));
		return problem_param(p, name, "moet een van deze waarden zijn: %s", list), -1;
	}
	*out = json_string_value(v);
	return 1;
}

int value_date(json_t *v, const char *name, const char **out, struct problem *p)
{
	int32_t d;
	if (!json_is_string(v))
		return problem_param(p, name, "moet een datum zijn (JJJJ-MM-DD)"), -1;
	if (date_parse(json_string_value(v), &d) < 0)
		return problem_param(p, name, "'%.40s' is geen geldige datum (JJJJ-MM-DD)", json_string_value(v)), -1;
	*out = json_string_value(v);
	return 1;
}

int field_date(json_t *in, const char *name, int required, const char **out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	return value_date(v, name, out, p);
}

int field_int(json_t *in, const char *name, int required, long long min, long long max, long long *out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	if (!json_is_integer(v))
		return problem_param(p, name, "moet een geheel getal zijn"), -1;
	long long x = json_integer_value(v);
	if (x < min || x > max)
		return problem_param(p, name, "moet tussen %lld en %lld liggen", min, max), -1;
	*out = x;
	return 1;
}

int field_bool(json_t *in, const char *name, int required, int *out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	if (!json_is_boolean(v))
		return problem_param(p, name, "moet true of false zijn"), -1;
	*out = json_is_true(v);
	return 1;
}

int field_array(json_t *in, const char *name, int required, json_t **out, struct problem *p)
{
	json_t *v = get(in, name);
	if (!v)
		return missing(name, required, p);
	if (!json_is_array(v))
		return problem_param(p, name, "moet een lijst zijn"), -1;
	*out = v;
	return 1;
}
