/* What an opdracht keeps of its inzet and hours (urenbank_intern.h): its
 * booked and approved minutes (migration 098), so that a list of opdrachten
 * needs no sum over their hours, and its first inzet and first booked
 * hours (migration 108), so that the evaluation's lead times need no seek
 * per opdracht. Written in the transaction of the inzet or the entry;
 * proeftuin verify recomputes them (urenbank_controle.c). */
#include "store/urenbank_intern.h"

int urenbank_opdracht_totals(struct urenbank_batch *b, long long ptid, struct store *s, long long opdracht, long long booked,
			     long long approved, const char *submitted, const char *rejected, struct problem *p)
{
	/* An import's batch adds the minutes up and, at its end, seeks the
	 * first hours of every opdracht it booked on (urenbank_batch_end). */
	if (urenbank_batch_defers(b, ptid))
		return urenbank_batch_defer(b, URENBANK_BATCH_OPDRACHT, opdracht, booked, approved, 0, 0) < 0
			       ? problem_set(p, 500, "Onvoldoende geheugen.")
			       : 0;
	int r;
	if (submitted) /* a new entry: the first unless an earlier one is not rejected */
		r = db_run(s->db,
			   "UPDATE opdrachten SET geboekt_minuten = geboekt_minuten + ?, goedgekeurd_minuten ="
			   " goedgekeurd_minuten + ?, eerste_uren = CASE WHEN eerste_uren IS NULL OR eerste_uren > ? THEN ?"
			   " ELSE eerste_uren END WHERE id = ?",
			   "llttl", booked, approved, submitted, submitted, opdracht);
	else if (rejected) /* a rejected entry that was the first: the next not rejected (uren_opdracht_ingediend) */
		r = db_run(s->db,
			   "UPDATE opdrachten SET geboekt_minuten = geboekt_minuten + ?, goedgekeurd_minuten ="
			   " goedgekeurd_minuten + ?, eerste_uren = CASE WHEN eerste_uren = ? THEN (SELECT min(u.ingediend) FROM uren u"
			   " WHERE u.opdracht_id = opdrachten.id AND u.status <> 'afgekeurd') ELSE eerste_uren END WHERE id = ?",
			   "lltl", booked, approved, rejected, opdracht);
	else
		r = db_run(s->db,
			   "UPDATE opdrachten SET geboekt_minuten = geboekt_minuten + ?, goedgekeurd_minuten ="
			   " goedgekeurd_minuten + ? WHERE id = ?",
			   "lll", booked, approved, opdracht);
	return r < 0 ? store_db_problem(s, r, p, "opdracht") : 0;
}

int urenbank_opdracht_inzet_in(struct store *s, long long opdracht, const char *aangemaakt, struct problem *p)
{
	/* Inzet is never removed (ending it keeps its moment): only an earlier one changes the first. */
	int r = db_run(s->db,
		       "UPDATE opdrachten SET eerste_inzet = ? WHERE id = ? AND (eerste_inzet IS NULL OR eerste_inzet > ?)", "tlt",
		       aangemaakt, opdracht, aangemaakt);
	return r < 0 ? store_db_problem(s, r, p, "opdracht") : 0;
}
