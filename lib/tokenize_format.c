/* tokenize_format.c - a sentence as CoNLL-U, horizontal, vertical or JSON
 * text.  Written straight into a buffer, numbers by hand: the output is
 * three to four times the input, so this is a hot path. */
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "io.h"
#include "nass.h"
#include "tokenize_internal.h"

static const char PAIRS[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* How many decimal digits v has: from its bit length (1233 / 4096 is
 * just over log10(2)), without a loop. */
static unsigned digits32(uint32_t v)
{
	static const uint32_t pow10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000,
	                                   10000000, 100000000, 1000000000};
	unsigned bits, l;

#if defined(__GNUC__)
	bits = 32 - (unsigned)__builtin_clz(v | 1);
#else
	for (bits = 1; bits < 32 && v >> bits; bits++)
		;
#endif
	l = bits * 1233 >> 12;
	return l + 1 - (v < pow10[l]);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
/* The eight decimal digits of v < 10^8 (leading zeros included, as
 * values 0-9, not yet ASCII) in the bytes of a word, the first digit in
 * the lowest byte: the 4-digit halves, then their 2-digit quarters, then
 * the digits, each step dividing all lanes at once by multiplying and
 * shifting (x * 10486 >> 20 is x / 100 below 10^4; x * 103 >> 10 is
 * x / 10 below 100).  Some 20 instructions, where a digit pair at a time
 * took 15 a pair; and the leading zeros are then counted by one ctz. */
static inline uint64_t digits8(uint32_t v)
{
	uint64_t x = v / 10000 | (uint64_t)(v % 10000) << 32, q;

	q = (x * 10486) >> 20 & 0x0000007F0000007Full;
	x = q | (x - 100 * q) << 16;
	q = (x * 103) >> 10 & 0x000F000F000F000Full;
	return q | (x - 10 * q) << 8;
}
#endif

/* Decimal, written straight into the output: the output is mostly
 * numbers (three a token, the TokenRange offsets of eight digits in a
 * long document).  Below 10^8 all eight digits at once (digits8), else
 * two at a time from the last one back, after counting them: either
 * costs less than writing into a scratch array and copying it out a
 * byte at a time.  Writes up to 8 bytes at p, whatever the length
 * (tokenize_format reserves room to spare). */
static char *put_u_long(char *p, unsigned long long v);

static inline char *put_u(char *p, unsigned long long v)
{
	if (v < 10) { /* the word numbers of a sentence: small */
		*p = (char)('0' + v);
		return p + 1;
	}
	if (v < 100) {
		memcpy(p, PAIRS + 2 * v, 2);
		return p + 2;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
	if (v < 100000000) {
		uint64_t x = digits8((uint32_t)v);
		unsigned zeros = (unsigned)__builtin_ctzll(x) / 8; /* leading (v > 0) */
		x = (x | 0x3030303030303030ull) >> 8 * zeros;
		memcpy(p, &x, 8);
		return p + 8 - zeros;
	}
#endif
	return put_u_long(p, v);
}

/* put_u of v >= 100, apart: the inline part stays small. */
static char *put_u_long(char *p, unsigned long long v)
{
	char *q;
	uint32_t w;

	if (v > 0xFFFFFFFFu) { /* (documents of 4G characters: rare) */
		char tmp[24], *e = tmp + sizeof tmp;
		q = e;
		while (v > 0xFFFFFFFFu) {
			q -= 2;
			memcpy(q, PAIRS + 2 * (v % 100), 2);
			v /= 100;
		}
		w = (uint32_t)v;
		p = put_u(p, w); /* the leading digits, then the rest */
		memcpy(p, q, (size_t)(e - q));
		return p + (e - q);
	}
	w = (uint32_t)v;
	p += digits32(w);
	for (q = p; w >= 100; w /= 100) {
		q -= 2;
		memcpy(q, PAIRS + 2 * (w % 100), 2);
	}
	if (w >= 10)
		memcpy(q - 2, PAIRS + 2 * w, 2);
	else
		q[-1] = (char)('0' + w);
	return p;
}

static char *put_s(char *p, const char *s, size_t n)
{
	copy_short(p, s, n);
	return p + n;
}

/* (a literal: memcpy of a constant size is inlined) */
#define PUT(p, lit) (memcpy(p, lit, sizeof lit - 1), (p) + sizeof lit - 1)

/* JSON string body: quotes, backslashes and controls escaped. */
static char *put_json(char *p, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*p++ = '\\';
			*p++ = (char)c;
		} else if (c < 0x20) {
			p = PUT(p, "\\u00");
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		} else {
			*p++ = (char)c;
		}
	}
	return p;
}

static char *put_id(char *p, const nass_sentence *s)
{
	p = put_s(p, s->doc_id, strlen(s->doc_id));
	*p++ = '-';
	return put_u(p, s->number);
}

/* MISC of a token: SpaceAfter=No|TokenRange=a:b */
static char *put_misc(char *p, int space_after, unsigned long long a,
                      unsigned long long b)
{
	if (!space_after)
		p = PUT(p, "SpaceAfter=No|");
	p = PUT(p, "TokenRange=");
	p = put_u(p, a);
	*p++ = ':';
	return put_u(p, b);
}

static const char UNDERSCORES[] = "\t_\t_\t_\t_\t_\t_\t_\t"; /* columns 3-9 */

static char *conllu(char *p, const nass_sentence *s, int mwt)
{
	size_t i, j, id = 1;

	if (s->new_document) {
		p = PUT(p, "# newdoc id = ");
		p = put_s(p, s->doc_id, strlen(s->doc_id));
		*p++ = '\n';
	}
	if (s->new_paragraph)
		p = PUT(p, "# newpar\n");
	p = PUT(p, "# sent_id = ");
	p = put_id(p, s);
	p = PUT(p, "\n# text = ");
	p = put_s(p, s->text, s->text_len);
	*p++ = '\n';
	for (i = 0; i < s->nwords; i = j) {
		const nass_word *w = &s->words[i];
		size_t n = w->token_words > 1 ? (size_t)w->token_words : 1;
		const nass_word *last = &s->words[i + n - 1];

		j = i + n;
		if (n > 1 && mwt) {
			/* One range line for the token as written, then its
			 * words with no MISC of their own. */
			p = put_u(p, id);
			*p++ = '-';
			p = put_u(p, id + n - 1);
			*p++ = '\t';
			p = put_s(p, w->form, (size_t)(last->form + last->len - w->form));
			p = put_s(p, UNDERSCORES, sizeof UNDERSCORES - 1);
			p = put_misc(p, last->space_after, w->start, last->end);
			*p++ = '\n';
			for (; i < j; i++, id++) {
				p = put_u(p, id);
				*p++ = '\t';
				p = put_s(p, s->words[i].form, s->words[i].len);
				p = PUT(p, "\t_\t_\t_\t_\t_\t_\t_\t_\n");
			}
			continue;
		}
		for (; i < j; i++, id++) {
			w = &s->words[i];
			p = put_u(p, id);
			*p++ = '\t';
			p = put_s(p, w->form, w->len);
			p = put_s(p, UNDERSCORES, sizeof UNDERSCORES - 1);
			p = put_misc(p, i + 1 < j ? 0 : w->space_after, w->start, w->end);
			*p++ = '\n';
		}
	}
	*p++ = '\n';
	return p;
}

static char *json(char *p, const nass_sentence *s)
{
	size_t i;

	p = PUT(p, "{\"id\":\"");
	p = put_json(p, s->doc_id, strlen(s->doc_id));
	*p++ = '-';
	p = put_u(p, s->number);
	p = PUT(p, "\",\"doc\":\"");
	p = put_json(p, s->doc_id, strlen(s->doc_id));
	p = PUT(p, "\",\"text\":\"");
	p = put_json(p, s->text, s->text_len);
	p = PUT(p, "\",\"tokens\":[");
	for (i = 0; i < s->nwords; i++) {
		const nass_word *w = &s->words[i];
		if (i)
			*p++ = ',';
		p = PUT(p, "{\"form\":\"");
		p = put_json(p, w->form, w->len);
		p = PUT(p, "\",\"start\":");
		p = put_u(p, w->start);
		p = PUT(p, ",\"end\":");
		p = put_u(p, w->end);
		p = PUT(p, ",\"type\":\"");
		p = put_json(p, w->type, strlen(w->type));
		*p++ = '"';
		if (!w->space_after || (i + 1 < s->nwords && !s->words[i + 1].token_words))
			p = PUT(p, ",\"space_after\":false");
		*p++ = '}';
	}
	return PUT(p, "]}\n");
}

int tokenize_format(buf *b, const nass_sentence *s, int format)
{
	/* The longest a sentence can get: per word the form (6 times, for
	 * JSON escapes), its numbers and fixed text; plus the text twice.
	 * (With room to spare: put_u may write 8 bytes for a shorter
	 * number.) */
	size_t need = 256 + 3 * strlen(s->doc_id) + 6 * s->text_len + 1;
	size_t i;
	char *p;

	for (i = 0; i < s->nwords; i++)
		need += 6 * s->words[i].len + 160;
	if (!(format & NASS_FORMAT_APPEND))
		b->len = 0;
	if (buf_reserve(b, need))
		return NASS_ENOMEM;
	p = b->data + b->len;
	switch (format & 0xFF) {
	case NASS_FORMAT_CONLLU:
		p = conllu(p, s, format & NASS_FORMAT_MWT);
		break;
	case NASS_FORMAT_HORIZONTAL:
		for (i = 0; i < s->nwords; i++) {
			if (i)
				*p++ = ' ';
			p = put_s(p, s->words[i].form, s->words[i].len);
		}
		*p++ = '\n';
		break;
	case NASS_FORMAT_VERTICAL:
		for (i = 0; i < s->nwords; i++) {
			p = put_s(p, s->words[i].form, s->words[i].len);
			*p++ = '\n';
		}
		*p++ = '\n';
		break;
	case NASS_FORMAT_JSON:
		p = json(p, s);
		break;
	default:
		return NASS_EINVAL;
	}
	b->len = (size_t)(p - b->data);
	return NASS_OK;
}
