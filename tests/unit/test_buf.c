/* The capped growable buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>
#include "core/buf.h"
#include "core/grow.h"

static void test_empty(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(b.cap_limit, BUF_DEFAULT_CAP);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	assert_false(buf_failed(&b));
	char *s = buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	buf_release(&b);
}

static void test_append(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "uren "), 0);
	assert_int_equal(buf_addc(&b, 'v'), 0);
	assert_int_equal(buf_add(&b, "oor uren!!", 8), 0);
	assert_int_equal(buf_printf(&b, " %d%%, %s", 15, "pensioen"), 0);
	assert_string_equal(buf_str(&b), "uren voor uren 15%, pensioen");
	assert_int_equal(b.len, strlen("uren voor uren 15%, pensioen"));
	assert_int_equal(buf_add(&b, NULL, 0), 0);
	assert_int_equal(buf_adds(&b, ""), 0);
	assert_int_equal(b.len, strlen("uren voor uren 15%, pensioen"));
	/* Embedded NUL bytes are kept; the data stays NUL-terminated. */
	assert_int_equal(buf_add(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, strlen("uren voor uren 15%, pensioen") + 3);
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data + b.len - 3, "a\0b", 3);
	assert_false(buf_failed(&b));
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
}

static void test_growth(void **state)
{
	/* Many small appends across several reallocations. */
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_printf(&b, "%04d,", i), 0);
	assert_int_equal(b.len, 50000);
	assert_memory_equal(b.data, "0000,0001,", 10);
	assert_memory_equal(b.data + b.len - 5, "9999,", 5);
	assert_int_equal(strlen(b.data), b.len);
	char *s = buf_detach(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(strlen(s), 50000);
	free(s);
	/* Detached, the buffer is empty and usable again. */
	assert_int_equal(buf_adds(&b, "opnieuw"), 0);
	assert_string_equal(buf_str(&b), "opnieuw");
	buf_release(&b);
}

static void test_cap_exact(void **state)
{
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_adds(&b, "0123456789"), 0); /* exactly the cap */
	assert_int_equal(b.len, 10);
	assert_false(buf_failed(&b));
	assert_int_equal(buf_add(&b, "", 0), 0); /* nothing more still fits */
	assert_int_equal(buf_addc(&b, 'x'), -1);
	assert_true(buf_failed(&b));
	assert_string_equal(buf_str(&b), "0123456789");
	buf_release(&b);
}

static void test_cap_beyond(void **state)
{
	struct buf b;
	buf_init(&b, 16);
	assert_int_equal(buf_adds(&b, "samen"), 0);
	/* An append that does not fit fails as a whole: no partial write. */
	assert_int_equal(buf_adds(&b, " als ware het een"), -1);
	assert_true(buf_failed(&b));
	assert_string_equal(buf_str(&b), "samen");
	assert_int_equal(b.len, 5);
	assert_int_equal(buf_printf(&b, "%s", "netwerkorganisatie"), -1);
	assert_string_equal(buf_str(&b), "samen");
	/* Later appends that fit still work, and the failure stays visible. */
	assert_int_equal(buf_adds(&b, " werkt"), 0);
	assert_string_equal(buf_str(&b), "samen werkt");
	assert_true(buf_failed(&b));
	/* A huge length must not wrap around the cap check. */
	assert_int_equal(buf_add(&b, "x", SIZE_MAX), -1);
	assert_int_equal(buf_add(&b, "x", SIZE_MAX - 5), -1);
	assert_string_equal(buf_str(&b), "samen werkt");
	buf_release(&b);
	assert_false(buf_failed(&b)); /* release starts over */
}

static void test_cap_on_empty(void **state)
{
	struct buf b;
	buf_init(&b, 4);
	assert_int_equal(buf_adds(&b, "vijf!"), -1);
	assert_true(buf_failed(&b));
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	char *s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	buf_release(&b);
}

static void test_printf_large(void **state)
{
	/* A formatted piece larger than the first allocation. */
	struct buf b;
	buf_init(&b, 0);
	char big[5000];
	memset(big, 'k', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(buf_printf(&b, "<%s>", big), 0);
	assert_int_equal(b.len, 5001);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[5000], '>');
	assert_int_equal(b.data[5001], '\0');
	buf_release(&b);
}

static void test_printf_error(void **state)
{
	/* A conversion that fails (a non-ASCII wide character in the C
	 * locale) counts as a failed append: contents kept, flag set. */
	struct buf b;
	static const wchar_t euro[] = { 0x20ac, 0 };
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "bedrag: "), 0);
	assert_int_equal(buf_printf(&b, "%ls", euro), -1);
	assert_true(buf_failed(&b));
	assert_string_equal(buf_str(&b), "bedrag: ");
	buf_release(&b);
}

/* grow(): the array keeps its elements while it doubles; an impossible
 * size leaves array and capacity as they were. */
static void test_grow(void **state)
{
	long long *v = NULL;
	size_t cap = 0, n = 0;
	for (long long i = 0; i < 1000; i++) {
		long long *nv = grow(v, &cap, n, sizeof(*v));
		assert_non_null(nv);
		v = nv;
		v[n++] = i * i;
		assert_true(n <= cap);
	}
	assert_int_equal(cap, 1024);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (long long)(i * i));
	long long *same = grow(v, &cap, 10, sizeof(*v));
	assert_ptr_equal(same, v);
	size_t before = cap;
	assert_null(grow(v, &cap, cap, SIZE_MAX / 2));
	assert_int_equal(cap, before);
	assert_int_equal(v[999], 999LL * 999LL);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),        cmocka_unit_test(test_append),       cmocka_unit_test(test_growth),
		cmocka_unit_test(test_cap_exact),    cmocka_unit_test(test_cap_beyond),   cmocka_unit_test(test_cap_on_empty),
		cmocka_unit_test(test_printf_large), cmocka_unit_test(test_printf_error), cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
