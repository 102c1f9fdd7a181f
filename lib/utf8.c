/* utf8.c - UTF-8 decoding and encoding. */
#include "utf8.h"

#include <string.h>

/* Valid second-byte ranges per lead byte (RFC 3629, Table 3-7 of the
 * Unicode standard): they exclude overlongs, surrogates and > U+10FFFF. */
static int second_ok(unsigned char lead, unsigned char b)
{
	switch (lead) {
	case 0xE0: return b >= 0xA0 && b <= 0xBF;
	case 0xED: return b >= 0x80 && b <= 0x9F;
	case 0xF0: return b >= 0x90 && b <= 0xBF;
	case 0xF4: return b >= 0x80 && b <= 0x8F;
	default: return b >= 0x80 && b <= 0xBF;
	}
}

size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp, int *bad)
{
	unsigned char b = s[0];
	size_t len, i;
	int32_t c;

	*bad = 0;
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		c = b & 0x0F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		c = b & 0x07;
	} else {
		goto invalid;
	}
	for (i = 1; i < len; i++) {
		if (i >= n)
			return 0;
		if (i == 1 ? !second_ok(b, s[1]) : (s[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
invalid:
	*cp = UTF8_REPLACEMENT;
	*bad = 1;
	return 1;
}

size_t utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	int32_t cp;
	int bad;

	while (p < end) {
		size_t k;
		uint64_t w;
		if (end - p >= 8) { /* eight ASCII bytes at once */
			memcpy(&w, p, 8);
			if (!(w & 0x8080808080808080ull)) {
				p += 8;
				continue;
			}
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* two bytes (Arabic, Latin accents: most of what comes here) */
		if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
			p += 2;
			continue;
		}
		k = utf8_decode(p, (size_t)(end - p), &cp, &bad);
		if (!k || bad)
			return 0;
		p += k;
	}
	return 1;
}
