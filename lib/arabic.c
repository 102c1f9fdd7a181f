/* arabic.c - Arabic letter classes and the keys of word-list lookups. */
#include "arabic.h"

#include "nass.h"
#include "utf8.h"

int arabic_is_mark(int32_t c)
{
	return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
	       (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E8) ||
	       (c >= 0x06EA && c <= 0x06ED) || c == 0x0640;
}

int arabic_is_letter(int32_t c)
{
	return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) ||
	       (c >= 0x066E && c <= 0x066F) || (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 ||
	       (c >= 0x06EE && c <= 0x06EF) || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF;
}

int32_t arabic_fold(int32_t c)
{
	switch (c) {
	case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;
	case 0x0649: case 0x06CC: return 0x064A;
	case 0x0629: return 0x0647;
	case 0x06A9: return 0x0643;
	}
	return c;
}

/* What strip() and key() do to U+0600..U+06FF, built once: 0 keep,
 * 1 drop (a mark), else the folded code point. */
static int32_t action[2][256];
static int action_ready;

static void build_action(void)
{
	int32_t c;

	for (c = 0x0600; c < 0x0700; c++) {
		action[0][c - 0x0600] = arabic_is_mark(c) ? 1 : 0;
		action[1][c - 0x0600] = arabic_is_mark(c) ? 1 : arabic_fold(c) != c ? arabic_fold(c) : 0;
	}
	action_ready = 1;
}

int arabic_key(const char *s, size_t n, int fold, buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t start = out->len;
	char *o;
	int32_t c;
	int bad;

	if (!action_ready) /* (racing threads write the same values) */
		build_action();
	if (buf_reserve(out, n)) /* a key is never longer than its word */
		return NASS_ENOMEM;
	o = out->data + out->len;
	while (p < end) {
		size_t k;

		if (*p < 0x80) { /* ASCII: as is */
			*o++ = (char)*p++;
			continue;
		}
		if (*p >= 0xD8 && *p <= 0xDB && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
			/* U+0600..06FF, two bytes in and out */
			int32_t a = action[fold][((*p & 0x03) << 6) | (p[1] & 0x3F)];
			if (a == 0) {
				o[0] = (char)p[0];
				o[1] = (char)p[1];
				o += 2;
			} else if (a != 1)
				o += utf8_encode(a, o);
			p += 2;
			continue;
		}
		k = utf8_decode(p, (size_t)(end - p), &c, &bad);
		if (!k || bad) { /* a bad byte is kept as it is */
			*o++ = (char)*p++;
			continue;
		}
		/* every fold keeps the length: أ (2 bytes) → ا (2 bytes) */
		if (!arabic_is_mark(c))
			o += utf8_encode(fold ? arabic_fold(c) : c, o);
		p += k;
	}
	out->len = (size_t)(o - out->data);
	if (out->len == start)
		return buf_add(out, s, n);
	return 0;
}

int arabic_is_word(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	int32_t c;
	int bad;

	while (p < end) {
		size_t k;
		if (*p < 0xD8 || *p > 0xDB) { /* U+0600..06FF lead bytes only */
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
			k = 2; /* (the common case, decoded here) */
			c = ((int32_t)(*p & 0x1F) << 6) | (p[1] & 0x3F);
			bad = 0;
		} else
			k = utf8_decode(p, (size_t)(end - p), &c, &bad);
		if (k && !bad && arabic_is_letter(c))
			return 1;
		p += k ? k : 1;
	}
	return 0;
}
