/* check.h - a header-only harness for the unit tests: CHECK prints one
 * PASS or FAIL line per check, which tests/run.sh counts. */
#ifndef NASS_CHECK_H
#define NASS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define CHECK(cond, name)                                                   \
	do {                                                                \
		if (cond) {                                                 \
			printf("PASS: %s\n", name);                         \
		} else {                                                    \
			printf("FAIL: %s (%s:%d: %s)\n", name, __FILE__,   \
			       __LINE__, #cond);                            \
			check_failures++;                                   \
		}                                                           \
	} while (0)

#define CHECK_MEM(got, got_len, want, want_len, name)                       \
	CHECK((got_len) == (want_len) && memcmp(got, want, want_len) == 0, name)

#define CHECK_DONE() (check_failures ? 1 : 0)

/* A growing, NUL-terminated output buffer for the tests. */
struct out {
	char *data;
	size_t len, cap;
};

static inline void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->data = realloc(o->data, o->cap);
		if (!o->data)
			abort();
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
	o->data[o->len] = 0;
}

#endif
