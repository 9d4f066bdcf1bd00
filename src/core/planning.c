#include <stddef.h>
#include "core/date.h"
#include "core/planning.h"

const char *const planning_status_names[] = { "open", "te-laat", "gereed", "gereed-te-laat", NULL };

enum ms_status planning_status(const struct milestone *m, int32_t on, int32_t *days_late)
{
	int32_t late = 0;
	enum ms_status st;
	if (m->done != DATE_NONE && m->done <= on) {
		st = m->done <= m->deadline ? MS_DONE : MS_DONE_LATE;
		if (st == MS_DONE_LATE)
			late = m->done - m->deadline;
	} else if (on > m->deadline) {
		st = MS_LATE;
		late = on - m->deadline;
	} else {
		st = MS_OPEN;
	}
	if (days_late)
		*days_late = late;
	return st;
}

enum postpone_check planning_can_postpone(const struct milestone *m, int32_t new_deadline)
{
	if (m->done != DATE_NONE)
		return POSTPONE_DONE;
	if (new_deadline <= m->deadline)
		return POSTPONE_NOT_LATER;
	return POSTPONE_OK;
}
