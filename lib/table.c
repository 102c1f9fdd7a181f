/* table.c - a sorted text table searched where it lies (table.h). */
#include "table.h"

#include <string.h>

void table_init(table *t, const char *text, size_t len)
{
	const char *end = text + len;

	while (text < end && (*text == '#' || *text == '\n')) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		text = nl ? nl + 1 : end;
	}
	t->p = text;
	t->end = end;
}

int table_find(const table *t, const char *key, size_t n, const char **val, size_t *vl)
{
	const char *lo = t->p, *hi = t->end;

	/* lo is a line's start; the lines that start in [lo, hi) are left */
	while (lo < hi) {
		const char *mid = lo + (hi - lo) / 2, *eol, *tab;
		size_t kl;
		int c;

		while (mid > lo && mid[-1] != '\n')
			mid--;
		eol = memchr(mid, '\n', (size_t)(t->end - mid));
		if (!eol)
			eol = t->end;
		tab = memchr(mid, '\t', (size_t)(eol - mid));
		kl = (size_t)((tab ? tab : eol) - mid);
		c = memcmp(mid, key, kl < n ? kl : n);
		if (!c)
			c = (kl > n) - (kl < n);
		if (!c) {
			*val = tab ? tab + 1 : eol;
			*vl = (size_t)(eol - *val);
			if (*vl && (*val)[*vl - 1] == '\r')
				--*vl;
			return 1;
		}
		if (c < 0)
			lo = eol + 1;
		else
			hi = mid;
	}
	return 0;
}
