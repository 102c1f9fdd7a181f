/* Unit tests of the UTF-8 decoder's invalid-byte policy. */
#include "check.h"
#include "utf8.h"

/* Decode all of s, writing code points to out; returns the count. */
static size_t decode_all(const char *s, size_t n, int32_t *out, int *nbad)
{
	size_t i = 0, k, c = 0;
	int bad;

	*nbad = 0;
	while (i < n) {
		k = utf8_decode((const unsigned char *)s + i, n - i, &out[c], &bad);
		if (!k) { /* truncated at the end: each byte is bad */
			out[c++] = UTF8_REPLACEMENT;
			(*nbad)++;
			i++;
			continue;
		}
		*nbad += bad;
		c++;
		i += k;
	}
	return c;
}

int main(void)
{
	int32_t cp[16];
	int nbad;
	char enc[4];

	CHECK(decode_all("a\xd8\xb9", 3, cp, &nbad) == 2 && cp[0] == 'a' && cp[1] == 0x0639 && !nbad,
	      "ASCII and Arabic ain decode");
	CHECK(decode_all("\xf0\x9f\x98\x80", 4, cp, &nbad) == 1 && cp[0] == 0x1F600, "4-byte emoji");
	/* Overlong '/' (C0 AF): C0 is never valid, AF is a stray continuation. */
	CHECK(decode_all("\xc0\xaf", 2, cp, &nbad) == 2 && nbad == 2 && cp[0] == 0xFFFD,
	      "overlong two-byte gives one U+FFFD per byte");
	/* E0 80 80 is an overlong 3-byte form: three bad bytes. */
	CHECK(decode_all("\xe0\x80\x80", 3, cp, &nbad) == 3 && nbad == 3, "overlong three-byte");
	/* ED A0 80 is a surrogate (U+D800). */
	CHECK(decode_all("\xed\xa0\x80", 3, cp, &nbad) == 3 && nbad == 3, "surrogate rejected");
	/* F4 90 80 80 is above U+10FFFF. */
	CHECK(decode_all("\xf4\x90\x80\x80", 4, cp, &nbad) == 4 && nbad == 4, "above U+10FFFF rejected");
	/* A lead byte followed by ASCII: the lead is bad, the ASCII survives. */
	CHECK(decode_all("\xd8" "A", 2, cp, &nbad) == 2 && nbad == 1 && cp[1] == 'A',
	      "cut sequence keeps the next character");
	{
		int32_t c;
		int b;
		CHECK(utf8_decode((const unsigned char *)"\xe2\x80", 2, &c, &b) == 0,
		      "incomplete sequence at the end asks for more");
	}
	CHECK(decode_all("\0", 1, cp, &nbad) == 1 && cp[0] == 0 && !nbad, "NUL is a character");
	CHECK(utf8_encode(0x0627, enc) == 2 && !memcmp(enc, "\xd8\xa7", 2), "encode alef");
	CHECK(utf8_encode(0x10FFFF, enc) == 4 && !memcmp(enc, "\xf4\x8f\xbf\xbf", 4), "encode max");
	return CHECK_DONE();
}
