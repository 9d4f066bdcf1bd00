#include <stdarg.h>
#include <stdio.h>
#include "http/api.h"
#include "http/respond.h"

int api_json(struct response *rs, int status, json_t *j)
{
	rs->status = status;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/json");
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	buf_adds(&rs->body, s ? s : "null");
	free(s);
	return 0;
}

int api_problem(struct response *rs, const struct problem *p)
{
	respond_problem(rs, p);
	return 0;
}

int api_error(struct response *rs, int status, const char *fmt, ...)
{
	char detail[sizeof(((struct problem *)0)->detail)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	respond_errorf(rs, status, "%s", detail);
	return 0;
}

/* What jansson found wrong, in Dutch, with what to do about it. */
static const char *json_error_dutch(const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_null_character:
	case json_error_null_byte_in_key: return "een tekst bevat een NUL-teken (\\u0000); dat is niet toegestaan, laat het weg.";
	case json_error_duplicate_key: return "een veld komt twee keer voor in hetzelfde object; geef elk veld één keer.";
	case json_error_invalid_utf8: return "de tekst is geen geldige UTF-8; stuur de inhoud als UTF-8.";
	case json_error_numeric_overflow: return "een getal is te groot; gebruik een kleiner geheel getal.";
	case json_error_stack_overflow: return "de JSON is te diep genest (meer dan 2048 niveaus).";
	case json_error_premature_end_of_input: return "de JSON houdt onverwacht op; controleer haakjes en aanhalingstekens.";
	case json_error_end_of_input_expected: return "na het JSON-object staat nog tekst; stuur één object.";
	default: return "dit is geen geldige JSON; verwacht een object zoals {\"code\":\"…\"}.";
	}
}

int api_body_object(struct request *rq, struct response *rs, json_t **out)
{
	json_error_t e;
	if (rq->body_len == 0) {
		api_error(rs, 400, "Het verzoek heeft geen inhoud; verwacht een JSON-object.");
		return -1;
	}
	/* Without JSON_ALLOW_NUL jansson refuses "\u0000", so no string a
	 * handler sees can be cut short by a NUL. */
	json_t *j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!j) {
		api_error(rs, 400, "Ongeldige JSON op regel %d, kolom %d: %s", e.line, e.column, json_error_dutch(&e));
		return -1;
	}
	if (!json_is_object(j)) {
		api_error(rs, 400, "De inhoud moet een JSON-object zijn ({…}), geen %s.",
			  json_is_array(j) ? "lijst" : "losse waarde");
		json_decref(j);
		return -1;
	}
	*out = j;
	return 0;
}

int api_result(struct response *rs, int r, int status, json_t *out, const struct problem *p)
{
	return r < 0 ? api_problem(rs, p) : api_json(rs, status, out);
}

int api_query_result(struct response *rs, int r, json_t *out, struct problem *p)
{
	if (r == -404) {
		p->status = 422;
		snprintf(p->title, sizeof(p->title), "%s", problem_title(422));
	}
	return api_result(rs, r, 200, out, p);
}
