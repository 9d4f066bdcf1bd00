/* kwaliteitskaart.h — the kwaliteitskaart's rules: who counts as a holder of a
 * competence on a moment, the status that gives an organisation, which
 * substitution arrangements count, and how a kwaliteitskaart sheet (the
 * CSV a municipality keeps, one row per person) is read and checked.
 * Pure functions over plain data; docs/kwaliteitskaart.md explains them.
 *
 * The rules (docs/api.md "Skills map"):
 *   - levels: 1 basis, 2 ervaren, 3 expert; only 2 and 3 make a holder;
 *   - a moment is a year (its 1 January: the projection) or a date;
 *   - someone with pensioenjaar P works through year P and is gone from
 *     1 January P+1: retired by year Y means P < Y (P 2016: there in 2016,
 *     gone in 2017); no pensioenjaar means no known departure;
 *   - on a date, someone absent that day (van ≤ date ≤ tot) does not count;
 *     a year projection ignores absences (they are not known that far);
 *   - status: 0 holders ontbreekt, 1 een-pitter, 2 or more gedekt;
 *   - a substitution arrangement counts while the one substituted is still
 *     employed (not retired; absence is when it is used) and the substitute
 *     is a holder on that moment. */
#ifndef SAMEN_CORE_KWALITEITSKAART_H
#define SAMEN_CORE_KWALITEITSKAART_H
#include <stddef.h>
#include <stdint.h>

#define KWALITEITSKAART_HOLDER_LEVEL 2
#define KWALITEITSKAART_PROJECTION_YEARS 5

enum kwaliteitskaart_status {
	KWALITEITSKAART_ONTBREEKT = 0,
	KWALITEITSKAART_EEN_PITTER = 1,
	KWALITEITSKAART_GEDEKT = 2,
};

/* "ontbreekt", "een-pitter", "gedekt". */
const char *kwaliteitskaart_status_name(enum kwaliteitskaart_status s);
enum kwaliteitskaart_status kwaliteitskaart_status_of(long long holders);
/* "basis", "ervaren", "expert" for 1..3; NULL otherwise. */
const char *kwaliteitskaart_level_name(int niveau);
/* A level as people write it in a sheet: "1".."3" or the word (any case,
 * surrounding spaces allowed); 0 when it is neither. */
int kwaliteitskaart_level_parse(const char *s);

struct kwaliteitskaart_absence {
	int32_t van, tot; /* day numbers (core/date.h), both included */
};

/* One person's standing in one competence. */
struct kwaliteitskaart_person {
	long long id;
	int niveau;       /* 0 = not at all */
	int pensioenjaar; /* 0 = unknown */
	const struct kwaliteitskaart_absence *absences;
	size_t nabsences;
};

/* The moment asked about. */
struct kwaliteitskaart_moment {
	int year;     /* the year of date, or of the projection */
	int32_t date; /* DATE_NONE for a year projection (no absences) */
};
struct kwaliteitskaart_moment kwaliteitskaart_moment_year(int year);
struct kwaliteitskaart_moment kwaliteitskaart_moment_date(int32_t date);

int kwaliteitskaart_retired(int pensioenjaar, int year);
int kwaliteitskaart_absent(const struct kwaliteitskaart_person *p, int32_t date);
/* Still employed on m and not absent on its date. */
int kwaliteitskaart_available(const struct kwaliteitskaart_person *p, struct kwaliteitskaart_moment m);
/* Available on m with niveau ≥ KWALITEITSKAART_HOLDER_LEVEL. */
int kwaliteitskaart_is_holder(const struct kwaliteitskaart_person *p, struct kwaliteitskaart_moment m);
long long kwaliteitskaart_count_holders(const struct kwaliteitskaart_person *p, size_t n, struct kwaliteitskaart_moment m);

/* An arrangement: substitute stands in for holder (pointers borrowed). */
struct kwaliteitskaart_substitution {
	const struct kwaliteitskaart_person *holder;
	const struct kwaliteitskaart_person *substitute;
};
/* Whether arrangement s counts on m. */
int kwaliteitskaart_substitution_counts(const struct kwaliteitskaart_substitution *s, struct kwaliteitskaart_moment m);
/* The arrangements of s[0..n) that count on m, each substitute once (the
 * first arrangement naming them): their indices into out (room for n);
 * returns how many. */
size_t kwaliteitskaart_substitutes(const struct kwaliteitskaart_substitution *s, size_t n, struct kwaliteitskaart_moment m,
				   size_t *out);

/* ---- the kwaliteitskaart sheet ---------------------------------------- */

/* The columns a sheet may have besides one per competence code. */
enum kwaliteitskaart_column {
	KWALITEITSKAART_COL_NAAM = 0,
	KWALITEITSKAART_COL_FUNCTIE,
	KWALITEITSKAART_COL_UUR,
	KWALITEITSKAART_COL_BESCHIKBAAR,
	KWALITEITSKAART_COL_PENSIOENJAAR,
	KWALITEITSKAART_COL_EMAIL,
	KWALITEITSKAART_COL__COUNT
};
/* The header names of those columns, as the export writes them. */
extern const char *const kwaliteitskaart_column_names[];

#define KWALITEITSKAART_SHEET_MAX_ROWS 20000
#define KWALITEITSKAART_SHEET_MAX_ERRORS 200

struct kwaliteitskaart_sheet_error {
	int line;        /* 0: the file as a whole */
	char column[64]; /* "" when about the whole line */
	char message[300];
};

struct kwaliteitskaart_sheet_row {
	int line;
	char *naam;
	char *text[KWALITEITSKAART_COL__COUNT];    /* functie, email: NULL when empty */
	long long num[KWALITEITSKAART_COL__COUNT]; /* uur, beschikbaar, pensioenjaar: -1 when empty */
	int *niveaus;                              /* per competence column: 0 empty, else 1..3 */
};

struct kwaliteitskaart_sheet {
	char sep;                            /* ';', ',' or '\t' */
	int encoding;                        /* enum csv_encoding */
	int has[KWALITEITSKAART_COL__COUNT]; /* which columns the header has */
	size_t ncodes;
	char **codes; /* competence columns, in order */
	size_t nrows;
	struct kwaliteitskaart_sheet_row *rows;
	size_t nerrors;
	struct kwaliteitskaart_sheet_error *errors; /* at most KWALITEITSKAART_SHEET_MAX_ERRORS */
	int more_errors;                            /* errors beyond the cap were dropped */
};

/* Reads a sheet: the header names the columns (case and spaces in the
 * fixed names do not matter; every other column must be a competence code
 * that known(code, ctx) accepts); each later non-blank record is a person.
 * Checks every cell and collects an error per wrong cell ("niveau moet 1,
 * 2 of 3 zijn"), a person named twice, a record with more cells than the
 * header, and a missing naam column. Returns 0 when the sheet has no
 * errors, -1 when it has (sh->errors says which); sh must be released
 * either way. */
int kwaliteitskaart_sheet_parse(const char *text, size_t len, int (*known)(const char *code, void *ctx), void *ctx,
				struct kwaliteitskaart_sheet *sh);
/* Adds an error (for checks outside the sheet, e.g. in the store). */
void kwaliteitskaart_sheet_error(struct kwaliteitskaart_sheet *sh, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void kwaliteitskaart_sheet_release(struct kwaliteitskaart_sheet *sh);
/* "regel 7, kolom 'gba': niveau moet 1, 2 of 3 zijn" into out. */
void kwaliteitskaart_sheet_error_text(const struct kwaliteitskaart_sheet_error *e, char *out, size_t outlen);

#endif
