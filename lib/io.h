/* io.h - growable byte and code-point buffers (internal).  They are the
 * only place the library grows memory for text, so every size check and
 * overflow guard lives here once. */
#ifndef NASS_IO_H
#define NASS_IO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

typedef struct cpbuf {
	int32_t *data;
	size_t len, cap;
} cpbuf;

/* Make *data (an array of elem-byte items, *cap of them) hold at least
 * need items, doubling; 0 or NASS_ENOMEM. */
int array_reserve(void **data, size_t *cap, size_t need, size_t elem);

/* Make room for `more` bytes after len; 0 or NASS_ENOMEM. */
int buf_reserve(buf *b, size_t more);
int buf_append(buf *b, const char *s, size_t n);
/* buf_append, inline when there is room (hot paths). */
static inline int buf_add(buf *b, const char *s, size_t n)
{
	if (b->cap - b->len >= n) {
		if (n)
			memcpy(b->data + b->len, s, n);
		b->len += n;
		return 0;
	}
	return buf_append(b, s, n);
}
int buf_append_cp(buf *b, int32_t cp);
void buf_free(buf *b);
/* Append a string, or formatted text (at most 255 bytes); 0 or NASS_ENOMEM. */
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

int cpbuf_reserve(cpbuf *b, size_t more);
int cpbuf_push(cpbuf *b, int32_t cp);
void cpbuf_free(cpbuf *b);

#endif
