/* register_sql.h — the register's membership and participation rules as
 * SQL fragments, written once for every store query that asks who is a
 * member or who takes part (register*.c, besturing*.c,
 * kwaliteitskaart*.c); included by store files only.
 *
 * The arguments are SQL text pasted into a string literal: an alias
 * ("l"), a parameter ("?", "?3") or a column ("l.organisatie_id"). A
 * parameter that appears twice in a fragment is bound twice when it is a
 * plain "?". The SQL is portable (it will also run on PostgreSQL). */
#ifndef SAMEN_STORE_REGISTER_SQL_H
#define SAMEN_STORE_REGISTER_SQL_H

/* Membership row l (an alias of lidmaatschappen) is a member that takes
 * part: a toehoorder follows a verband but takes part in nothing, so it
 * neither counts as a member of a traject nor as a partner. */
#define REGISTER_SQL_ACTIVE_MEMBER(l) l ".rol <> 'toehoorder'"

/* Membership row l runs on date d: from van up to, not including, tot
 * (no tot: still running). */
#define REGISTER_SQL_MEMBER_ON(l, d) l ".van <= " d " AND (" l ".tot IS NULL OR " l ".tot > " d ")"

/* Organisation o (an id) takes part in traject t of verband v, the aliases
 * of trajecten and verbanden in the surrounding query. In a verband with
 * geen_cherry_picking every active member whose membership overlaps the
 * traject's period takes part (nobody picks the trajecten that suit it);
 * otherwise exactly the organisations in traject_deelnemers. The inner
 * aliases (tp_d, tp_l) differ from the outer ones, so o may name a column
 * of the surrounding query such as l.organisatie_id. */
#define REGISTER_SQL_TAKES_PART(o)                                                                                          \
	"((v.geen_cherry_picking = 0 AND EXISTS (SELECT 1 FROM traject_deelnemers tp_d WHERE tp_d.traject_id = t.id"        \
	"   AND tp_d.organisatie_id = " o ")) OR (v.geen_cherry_picking = 1 AND EXISTS (SELECT 1 FROM lidmaatschappen tp_l" \
	"   WHERE tp_l.verband_id = v.id AND tp_l.organisatie_id = " o " AND " REGISTER_SQL_ACTIVE_MEMBER(                  \
		"tp_l") "   AND (t.eind IS NULL OR tp_l.van < t.eind) AND (tp_l.tot IS NULL OR tp_l.tot > t.start))))"

/* The same on date d: an explicit participant whose participation runs on
 * d (traject_deelnemers van/tot, NULL open), or in a verband without
 * cherry-picking a member that is not waiting on d for a phased entry on
 * the traject's task field (gefaseerde_instap). Membership on d itself is
 * the caller's join, as in the matrix. */
#define REGISTER_SQL_TAKES_PART_ON(o, d)                                                                                        \
	"((v.geen_cherry_picking = 0 AND EXISTS (SELECT 1 FROM traject_deelnemers tp_d WHERE tp_d.traject_id = t.id"            \
	"   AND tp_d.organisatie_id = " o " AND (tp_d.van IS NULL OR tp_d.van <= " d ") AND (tp_d.tot IS NULL OR tp_d.tot > " d \
	"))) OR (v.geen_cherry_picking = 1 AND NOT EXISTS (SELECT 1 FROM gefaseerde_instap tp_i WHERE tp_i.verband_id = v.id"   \
	"   AND tp_i.organisatie_id = " o " AND tp_i.taakveld_id = t.taakveld_id AND tp_i.vanaf > " d ")))"

#endif
