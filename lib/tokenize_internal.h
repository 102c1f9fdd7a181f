/* tokenize_internal.h - what tokenize.c and tokenize_format.c share. */
#ifndef NASS_TOKENIZE_INTERNAL_H
#define NASS_TOKENIZE_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "io.h"
#include "nass.h"

/* memcpy for the few bytes of a token or a gap, inline: the copies are
 * short (Arabic words are 6-16 bytes) and a call to memcpy cost more
 * than the copy itself, a quarter of the time of plain tokenizing.  Two
 * overlapping loads cover every length in a class. */
static inline void copy_short(char *d, const char *s, size_t n)
{
	uint64_t a, b;
	uint32_t x, y;

	if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n > 16) {
		memcpy(d, s, n);
	} else if (n) { /* 1 to 3 */
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	}
}

/* Write s in a NASS_FORMAT_* (with NASS_FORMAT_MWT) into b, replacing
 * what b held unless NASS_FORMAT_APPEND. */
int tokenize_format(buf *b, const nass_sentence *s, int format);

#endif
