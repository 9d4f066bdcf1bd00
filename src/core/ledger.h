/* ledger.h — the accounting rules of the hours exchange (docs/urenbank.md,
 * "Accounting rules"), as pure functions on integers.
 * No I/O, no allocation, no floating point: hours are minutes, money is euro
 * cents, both int64_t.
 *
 * Accounts. Every member of a proeftuin has one hour account; each posting
 * to it is of one kind: brought (gebracht: its staff worked for others),
 * taken (gehaald: others' staff worked for it) or deposited (gestort:
 * bought with money). The network's pot is the counter account of deposits;
 * a settlement closes every account, the pot included. A member is an index
 * into the caller's array of members; the pot is LEDGER_POT.
 *
 * Signs. A posting's minutes are its effect on the member's saldo: positive
 * raises it. So a brought posting is normally positive, a taken posting
 * normally negative, a reversal the opposite. struct ledger_balance keeps
 * brought, taken and deposited as the API shows them (taken positive):
 *   saldo      = brought − taken + deposited
 *   available  = saldo + credit limit − committed
 *
 * Invariants (the unit tests and `samen proeftuin verify` check them):
 *  L1  every transaction's postings sum to zero (ledger_balanced);
 *  L2  hence Σ over members of (brought − taken) = 0, and Σ saldo equals
 *      what the pot owes: minus the pot's balance;
 *  L3  balances are the sum of their postings: ledger_apply() over the whole
 *      journal from zero gives what was kept incrementally;
 *  L4  ledger_split() hands out exactly the total, each share floor or ceil
 *      of its exact quota (largest remainder);
 *  L5  a correction is a reversal: a transaction plus its ledger_reverse()
 *      leaves every account as it was;
 *  L6  after ledger_settle() on every member's balance, every account is zero.
 */
#ifndef SAMEN_CORE_LEDGER_H
#define SAMEN_CORE_LEDGER_H
#include <stddef.h>
#include <stdint.h>

#define LEDGER_POT (-1)
/* Bounds that keep every product below 2^63. */
#define LEDGER_MAX_SPLIT ((int64_t)1 << 31)         /* a split total and each weight */
#define LEDGER_MAX_PARTIES 1024                     /* principals of one assignment */
#define LEDGER_MAX_RATE 1000000                     /* cents per hour (€ 10.000) */
#define LEDGER_MAX_CENTS ((int64_t)100000000000000) /* one deposit: € 1 000 000 000 000 */
#define LEDGER_MAX_BALANCE ((int64_t)1 << 50)       /* |minutes| in money conversion */

enum ledger_kind {
	LEDGER_BROUGHT,   /* gebracht */
	LEDGER_TAKEN,     /* gehaald */
	LEDGER_DEPOSITED, /* gestort */
	LEDGER_POT_KIND,  /* the pot: counter account of deposits */
	LEDGER__KINDS
};
/* Dutch names, indexed by enum ledger_kind: "gebracht", "gehaald", "gestort", "pot". */
extern const char *const ledger_kind_names[];
/* The kind called name, or -1. */
int ledger_kind_parse(const char *name);

struct ledger_posting {
	int32_t member; /* index of the member, or LEDGER_POT */
	enum ledger_kind kind;
	int64_t minutes; /* effect on the saldo of member */
};

struct ledger_balance {
	int64_t brought;   /* gebracht */
	int64_t taken;     /* gehaald (positive) */
	int64_t deposited; /* gestort */
	int64_t committed; /* vastgelegd: promised by staffing, not yet taken */
};

int64_t ledger_saldo(const struct ledger_balance *b);
int64_t ledger_available(const struct ledger_balance *b, int64_t credit_limit);
/* Whether drawing `draw` more minutes (taking or committing) keeps the
 * available rights at or above zero. When not, *shortfall (may be NULL)
 * says by how many minutes it falls short; otherwise it is set to 0. */
int ledger_can_draw(const struct ledger_balance *b, int64_t credit_limit, int64_t draw, int64_t *shortfall);

/* Splits total over n weights by largest remainder (Hamilton): share i is
 * floor(total·wᵢ/W), and the minutes left over go one each to the largest
 * remainders (total·wᵢ mod W); equal remainders go to the earlier index.
 * 0 ≤ total ≤ LEDGER_MAX_SPLIT, 0 ≤ wᵢ ≤ LEDGER_MAX_SPLIT, W > 0,
 * 1 ≤ n ≤ LEDGER_MAX_PARTIES. Returns 0, or -1 (shares untouched) for input
 * outside those bounds. */
int ledger_split(int64_t total, const int64_t *weights, size_t n, int64_t *shares);

/* The postings for `minutes` worked by staff of member `provider` on an
 * assignment of principals[0..n) with weights: each principal's share by
 * ledger_split(); the provider's own share (when it is a principal) moves
 * nothing; the provider brings the rest and every other principal takes its
 * share. Writes at most n + 1 postings (none with zero minutes) to out and
 * returns how many: 0 for work on one's own assignment. shares (n, may be
 * NULL) receives every principal's share, the provider's own included.
 * Returns -1 for invalid input (as ledger_split, or a principal listed twice,
 * or a negative member). */
int ledger_hours(int32_t provider, int64_t minutes, const int32_t *principals, const int64_t *weights, size_t n,
		 struct ledger_posting *out, int64_t *shares);

/* What staffing `minutes` of provider's staff commits for each principal:
 * its share, the provider's own share excepted (set to 0). -1 as ledger_hours. */
int ledger_commitments(int32_t provider, int64_t minutes, const int32_t *principals, const int64_t *weights, size_t n,
		       int64_t *commit);

/* A money deposit: minutes = floor(cents·60/rate); the money that buys them
 * is the minutes' value rounded up to the cent, so that no member is
 * credited more than it paid; the rest stays money:
 *   rest_cents = floor((cents·60 − minutes·rate) / 60),
 *   converted_cents = cents − rest_cents.
 * 100000 cents at 6500 cents/hour: 923 minutes, 99992 converted, 8 rest.
 * 0 < cents ≤ LEDGER_MAX_CENTS, 0 < rate ≤ LEDGER_MAX_RATE; else -1. */
struct ledger_deposit {
	int64_t minutes;
	int64_t converted_cents;
	int64_t rest_cents;
};
int ledger_deposit(int64_t cents, int64_t rate, struct ledger_deposit *out);
/* The two postings of a deposit of d->minutes by member (out: 2). */
size_t ledger_deposit_postings(int32_t member, const struct ledger_deposit *d, struct ledger_posting *out);

/* The money value of minutes at rate, rounded to the nearest cent with
 * halves away from zero, so that a claim and a debt of equal minutes are
 * equal money: ledger_money(-m, r) == -ledger_money(m, r).
 * |minutes| ≤ LEDGER_MAX_BALANCE, 0 < rate ≤ LEDGER_MAX_RATE (else 0). */
int64_t ledger_money(int64_t minutes, int64_t rate);

/* Adds postings to balances[0..nmembers) (pot postings change no member).
 * Returns 0, or -1 (nothing changed) when a posting names a member outside
 * the array or a pot posting is not of the pot kind. */
int ledger_apply(struct ledger_balance *balances, size_t nmembers, const struct ledger_posting *t, size_t n);
/* Whether the postings sum to zero (L1). An empty transaction is balanced. */
int ledger_balanced(const struct ledger_posting *t, size_t n);
/* The reversing transaction: every posting negated (L5). out may be t. */
void ledger_reverse(const struct ledger_posting *t, size_t n, struct ledger_posting *out);

/* The closing transaction of a settlement over members' balances as of the
 * settlement date: per member a posting that takes each of brought, taken
 * and deposited back to zero, and one for the pot that closes the deposits.
 * Writes at most 3·n + 1 postings to out and returns how many (zero-minute
 * postings are left out). Applying them to `asof` zeroes it (L6). The money
 * per member is ledger_money(ledger_saldo(&asof[i]), rate). */
size_t ledger_settle(const struct ledger_balance *asof, size_t n, struct ledger_posting *out);

#endif
