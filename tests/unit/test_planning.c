/* Milestones on a date: due today is not late, the day after is; done in
 * time or late; a postponed milestone judged on its new deadline; DSZ's
 * inkoop and facilitair milestones of 2012. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/planning.h"

static int32_t day(const char *s)
{
	int32_t d = 0;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static enum ms_status status(const char *deadline, const char *done, const char *on, int32_t *late)
{
	struct milestone m = { day(deadline), done ? day(done) : DATE_NONE };
	return planning_status(&m, day(on), late);
}

static void test_due_today_is_not_late(void **state)
{
	int32_t late = -1;
	assert_int_equal(status("2012-05-01", NULL, "2012-05-01", &late), MS_OPEN);
	assert_int_equal(late, 0);
	assert_int_equal(status("2012-05-01", NULL, "2012-04-30", &late), MS_OPEN);
	assert_int_equal(status("2012-05-01", NULL, "2012-05-02", &late), MS_LATE);
	assert_int_equal(late, 1);
	assert_int_equal(status("2012-05-01", NULL, "2013-05-01", &late), MS_LATE);
	assert_int_equal(late, 365);
	assert_string_equal(planning_status_names[MS_LATE], "te-laat");
	assert_string_equal(planning_status_names[MS_DONE_LATE], "gereed-te-laat");
	assert_int_equal(status("2012-05-01", NULL, "2012-05-02", NULL), MS_LATE); /* days_late may be NULL */
}

static void test_done(void **state)
{
	int32_t late = -1;
	/* Done on the deadline: in time. */
	assert_int_equal(status("2012-06-01", "2012-06-01", "2012-09-30", &late), MS_DONE);
	assert_int_equal(late, 0);
	assert_int_equal(status("2012-06-01", "2012-05-20", "2012-06-01", &late), MS_DONE);
	/* Done after the deadline counts as done late, with how late. */
	assert_int_equal(status("2012-04-20", "2012-05-15", "2012-09-30", &late), MS_DONE_LATE);
	assert_int_equal(late, 25);
	/* Judged on a day before it was done: it was not done yet. */
	assert_int_equal(status("2012-04-20", "2012-05-15", "2012-05-01", &late), MS_LATE);
	assert_int_equal(late, 11);
	assert_int_equal(status("2012-06-01", "2012-05-20", "2012-05-19", &late), MS_OPEN);
	/* Done on the day it is judged. */
	assert_int_equal(status("2012-06-01", "2012-06-03", "2012-06-03", &late), MS_DONE_LATE);
	assert_int_equal(late, 2);
}

static void test_postponed_on_new_deadline(void **state)
{
	/* DSZ inkoop: due 1 May 2012, postponed to 24 September 2012. The
	 * caller passes the deadline in force. */
	int32_t late = -1;
	assert_int_equal(status("2012-09-24", NULL, "2012-06-15", &late), MS_OPEN);
	assert_int_equal(status("2012-09-24", NULL, "2012-09-24", &late), MS_OPEN);
	assert_int_equal(status("2012-09-24", NULL, "2012-09-25", &late), MS_LATE);
	assert_int_equal(late, 1);
	/* Facilitair: the postponement was refused, the deadline stayed. */
	assert_int_equal(status("2012-06-01", NULL, "2012-09-30", &late), MS_LATE);
	assert_int_equal(late, 121);
	/* Done on the new date: in time. */
	assert_int_equal(status("2012-09-24", "2012-09-24", "2012-12-31", &late), MS_DONE);
}

static void test_can_postpone(void **state)
{
	struct milestone m = { day("2012-05-01"), DATE_NONE };
	assert_int_equal(planning_can_postpone(&m, day("2012-09-24")), POSTPONE_OK);
	assert_int_equal(planning_can_postpone(&m, day("2012-05-02")), POSTPONE_OK);
	assert_int_equal(planning_can_postpone(&m, day("2012-05-01")), POSTPONE_NOT_LATER);
	assert_int_equal(planning_can_postpone(&m, day("2012-04-01")), POSTPONE_NOT_LATER);
	m.done = day("2012-04-28");
	assert_int_equal(planning_can_postpone(&m, day("2012-09-24")), POSTPONE_DONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_today_is_not_late),
		cmocka_unit_test(test_done),
		cmocka_unit_test(test_postponed_on_new_deadline),
		cmocka_unit_test(test_can_postpone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
