/* planning.h — milestones on a date: whether one is open, late, done in
 * time or done late, judged on the deadline in force after every
 * postponement. Pure functions over day numbers (core/date.h).
 *
 * Rules:
 *  - The deadline in force is the newest postponement's new deadline, or
 *    the original one. A postponed milestone is judged on its new deadline;
 *    its history (old deadline, reason) is kept by the caller.
 *  - On date D a milestone done on a day ≤ D is "gereed" when done on or
 *    before its deadline, "gereed-te-laat" when after it.
 *  - Otherwise (not done, or done only after D) it is "te-laat" when
 *    D > deadline and "open" when D ≤ deadline: due today is not late.
 *  - A postponement must move the deadline later, and a milestone that is
 *    done is not postponed any more. */
#ifndef SAMEN_CORE_PLANNING_H
#define SAMEN_CORE_PLANNING_H
#include <stdint.h>

enum ms_status { MS_OPEN, MS_LATE, MS_DONE, MS_DONE_LATE };
/* "open", "te-laat", "gereed", "gereed-te-laat", NULL */
extern const char *const planning_status_names[];

struct milestone {
	int32_t deadline; /* in force: after the newest postponement */
	int32_t done;     /* day done, or DATE_NONE */
};

/* The status on day `on`; *days_late (may be NULL) gets how many days past
 * the deadline it is (te-laat) or was done (gereed-te-laat), else 0. */
enum ms_status planning_status(const struct milestone *m, int32_t on, int32_t *days_late);

enum postpone_check { POSTPONE_OK = 0, POSTPONE_DONE, POSTPONE_NOT_LATER };
/* Whether a milestone may be postponed to new_deadline. */
enum postpone_check planning_can_postpone(const struct milestone *m, int32_t new_deadline);

#endif
