/* utf8.h - UTF-8 decoding with the nass invalid-byte policy (internal).
 *
 * Policy: a byte that does not start a complete, shortest-form sequence of
 * a Unicode scalar value is invalid on its own; it decodes to U+FFFD and
 * only that one byte is consumed, so every bad byte gives one U+FFFD. */
#ifndef NASS_UTF8_H
#define NASS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Decode the sequence at s (n > 0 bytes available).  Returns the number
 * of bytes consumed (1-4) and sets *cp; an invalid byte gives *cp =
 * U+FFFD, returns 1 and sets *bad to 1 (else 0).  Returns 0 if s holds
 * only the valid beginning of a sequence cut short by n: more bytes are
 * needed to decide. */
size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp, int *bad);

/* s[0..n) is valid UTF-8 as a whole. */
int utf8_valid(const char *s, size_t n);
/* Encode cp (a scalar value) into out (4 bytes room); returns the length. */
size_t utf8_encode(int32_t cp, char *out);

#endif
