/* dienstverlening.h — the rules of the dienstverlening proeftuin that need
 * no data (docs/dienstverlening.md): reading a zaaktype's doorlooptijd and
 * comparing the members' lists of zaaktypen to harmonise them.
 *
 * dienstverlening_compare() allocates *out (an array of groups, each with
 * its own array of indexes); dienstverlening_groups_free() frees both. */
#ifndef SAMEN_CORE_DIENSTVERLENING_H
#define SAMEN_CORE_DIENSTVERLENING_H
#include <stddef.h>

/* A doorlooptijd as the ZGW Catalogi API writes it (ISO 8601 without a
 * time part: P56D, P8W, P3M, P1Y2M10D) or a bare number of days ("56").
 * Years count as 12 months and weeks as 7 days; months stay months, since a
 * month has no fixed number of days. 0, or -1 for anything else (a time
 * part, a fraction, nothing after P, more than 100 years). */
int dienstverlening_duration_parse(const char *s, int *maanden, int *dagen);
/* "8 weken", "56 dagen", "3 maanden", "1 maand en 5 dagen", "geen". */
void dienstverlening_duration_text(int maanden, int dagen, char *out, size_t len);

/* One zaaktype of one member. */
struct dienstverlening_zaaktype {
	const char *org; /* the member's code */
	const char *identificatie;
	const char *omschrijving;
	int maanden, dagen;
};

enum dienstverlening_status {
	DIENSTVERLENING_GEDEELD = 0,   /* in two or more members, alike in name and term */
	DIENSTVERLENING_VERSCHILT = 1, /* in two or more members, differing in name, term or identificatie */
	DIENSTVERLENING_UNIEK = 2,     /* in one member only */
};
/* "gedeeld", "verschilt", "uniek". */
const char *dienstverlening_status_name(enum dienstverlening_status s);

/* What differs within a group (bits). */
enum {
	DIENSTVERLENING_NAAM = 1,          /* the omschrijving (ignoring case and spaces) */
	DIENSTVERLENING_TERMIJN = 2,       /* the doorlooptijd */
	DIENSTVERLENING_IDENTIFICATIE = 4, /* matched on the name, not the identificatie */
};

struct dienstverlening_groep {
	size_t *leden; /* indexes into the input, in input order */
	size_t n;
	size_t norgs; /* distinct members */
	enum dienstverlening_status status;
	unsigned verschil; /* DIENSTVERLENING_* bits */
};

/* Groups n zaaktypen into the same zaaktype across members: first by
 * identificatie (ignoring case and outer spaces), then a group held by one
 * member joins another group that has a zaaktype of the same name
 * (ignoring case and spaces) and not yet that member. Groups come in the
 * order of their first zaaktype. 0, or -1 when out of memory. */
int dienstverlening_compare(const struct dienstverlening_zaaktype *z, size_t n, struct dienstverlening_groep **out, size_t *nout);
void dienstverlening_groups_free(struct dienstverlening_groep *g, size_t n);

#endif
