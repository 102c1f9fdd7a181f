/* io.c - growable buffers. */
#include "io.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nass.h"
#include "utf8.h"

int array_reserve(void **data, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 64;
	void *p;

	if (*data && *cap >= need) /* the common case: room already */
		return NASS_OK;
	while (ncap < need) {
		if (ncap > (size_t)-1 / 2 / elem)
			return NASS_ENOMEM;
		ncap *= 2;
	}
	p = realloc(*data, ncap * elem);
	if (!p)
		return NASS_ENOMEM;
	*data = p;
	*cap = ncap;
	return NASS_OK;
}

int buf_reserve(buf *b, size_t more)
{
	if (more > (size_t)-1 - b->len)
		return NASS_ENOMEM;
	if (b->len + more <= b->cap)
		return NASS_OK;
	return array_reserve((void **)&b->data, &b->cap, b->len + more, 1);
}

int buf_append(buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n))
		return NASS_ENOMEM;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	return NASS_OK;
}

int buf_append_cp(buf *b, int32_t cp)
{
	if (buf_reserve(b, 4))
		return NASS_ENOMEM;
	b->len += utf8_encode(cp, b->data + b->len);
	return NASS_OK;
}

void buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int cpbuf_reserve(cpbuf *b, size_t more)
{
	if (more > (size_t)-1 / 8 - b->len)
		return NASS_ENOMEM;
	if (b->len + more <= b->cap)
		return NASS_OK;
	return array_reserve((void **)&b->data, &b->cap, b->len + more, sizeof(int32_t));
}

int cpbuf_push(cpbuf *b, int32_t cp)
{
	if (cpbuf_reserve(b, 1))
		return NASS_ENOMEM;
	b->data[b->len++] = cp;
	return NASS_OK;
}

void cpbuf_free(cpbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int buf_puts(buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NASS_ENOMEM;
	return buf_append(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}
