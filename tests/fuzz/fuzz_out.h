/* fuzz_out.h - a growing output buffer for the fuzz targets (kept
 * NUL-terminated, so that it can be searched as a string too). */
#ifndef NASS_FUZZ_OUT_H
#define NASS_FUZZ_OUT_H

#include <stdlib.h>
#include <string.h>

typedef struct out {
	char *data;
	size_t len, cap;
} out;

static inline void put(out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2 + 64;
		o->data = realloc(o->data, o->cap);
		if (!o->data)
			abort();
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
	o->data[o->len] = 0;
}

#endif
