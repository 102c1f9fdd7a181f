/* table.c - a sorted text table searched where it lies (table.h). */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "nass.h"

int table_init(table *t, const char *text, size_t len)
{
	const char *end = text + len, *q;
	size_t k;

	memset(t, 0, sizeof *t);
	while (text < end && (*text == '#' || *text == '\n')) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		text = nl ? nl + 1 : end;
	}
	/* blank lines at the end would sort before the data */
	while (end - text >= 2 && end[-1] == '\n' && end[-2] == '\n')
		end--;
	if ((size_t)(end - text) > UINT32_MAX)
		return NASS_ENOMEM;
	/* room for the most lines there can be (a byte each), so one pass
	 * does: the pages left unused are never touched */
	if (!(t->line = malloc(((size_t)(end - text) + 2) * sizeof *t->line)))
		return NASS_ENOMEM;
	for (q = text, k = 0; q < end; k++) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		t->line[k] = (uint32_t)(q - text);
		q = nl ? nl + 1 : end;
	}
	t->n = k;
	t->line[k] = (uint32_t)(end - text);
	t->p = text;
	t->end = end;
	return NASS_OK;
}

void table_free(table *t)
{
	free(t->line);
	memset(t, 0, sizeof *t);
}

int table_find(const table *t, const char *key, size_t n, const char **val, size_t *vl)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = t->p + t->line[mid], *next = t->p + t->line[mid + 1];
		size_t have = (size_t)(next - s);
		/* The line's TAB or newline sorts before any byte of a key, so
		 * comparing n bytes orders the keys; a line shorter than that
		 * is compared as far as it goes. */
		int c = memcmp(s, key, have < n ? have : n);

		if (!c) {
			if (have < n)
				c = -1;
			else if (have > n && s[n] != '\t' && s[n] != '\n' && s[n] != '\r')
				c = 1; /* a longer key */
		}
		if (!c) {
			const char *e = next > s + n && next[-1] == '\n' ? next - 1 : next;
			*val = s + n + (s + n < e && s[n] == '\t');
			*vl = (size_t)(e - *val);
			if (*vl && (*val)[*vl - 1] == '\r')
				--*vl;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
