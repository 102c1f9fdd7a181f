/* lexicon.c - string tables with dense ids (open addressing, keys copied
 * into one block), and the TSV line reader of the rule data files. */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "io.h"
#include "nass.h"

static long probe(const lexicon *lx, const char *s, size_t n, uint32_t h, size_t *slot)
{
	size_t i = h & lx->mask;

	for (; lx->slots[i]; i = (i + 1) & lx->mask) {
		const struct lexicon_ent *e = &lx->ents[lx->slots[i] - 1];
		if (e->hash == h && e->len == n && !memcmp(lx->text + e->off, s, n))
			return (long)lx->slots[i] - 1;
	}
	*slot = i;
	return -1;
}

/* Twice the slots (or at least min), kept at most half full so probes
 * stay short. */
static int grow(lexicon *lx, size_t min)
{
	size_t nslots = lx->slots ? (lx->mask + 1) * 2 : 256, i, j;
	uint32_t *s;

	while (nslots < min)
		nslots *= 2;
	if (!(s = calloc(nslots, sizeof *s)))
		return NASS_ENOMEM;
	for (i = 0; i < lx->n; i++) {
		for (j = lx->ents[i].hash & (nslots - 1); s[j]; j = (j + 1) & (nslots - 1))
			;
		s[j] = (uint32_t)i + 1;
	}
	free(lx->slots);
	lx->slots = s;
	lx->mask = nslots - 1;
	return NASS_OK;
}

int lexicon_reserve(lexicon *lx, size_t keys, size_t bytes)
{
	size_t need = lx->n + keys;

	if (keys > UINT32_MAX || need > UINT32_MAX / 2)
		return NASS_ENOMEM;
	if ((!lx->slots || need * 2 > lx->mask + 1) && grow(lx, need * 2))
		return NASS_ENOMEM;
	if (array_reserve((void **)&lx->ents, &lx->entcap, need, sizeof *lx->ents) ||
	    array_reserve((void **)&lx->text, &lx->textcap, lx->textlen + bytes + 1, 1))
		return NASS_ENOMEM;
	return NASS_OK;
}

long lexicon_find(const lexicon *lx, const char *s, size_t n)
{
	size_t slot;

	if (!lx->n)
		return -1;
	return probe(lx, s, n, hash_bytes(s, n), &slot);
}

long lexicon_id(lexicon *lx, const char *s, size_t n, int add)
{
	uint32_t h = hash_bytes(s, n);
	size_t slot = 0;
	long id;

	if (lx->slots && (id = probe(lx, s, n, h, &slot)) >= 0) /* also for the slot */
		return id;
	if (!add)
		return -1;
	if (n > UINT32_MAX || lx->textlen + n > UINT32_MAX || lx->n >= UINT32_MAX - 1)
		return -2;
	if (!lx->slots || (lx->n + 1) * 2 > lx->mask + 1) {
		if (grow(lx, 0))
			return -2;
		probe(lx, s, n, h, &slot);
	}
	if (array_reserve((void **)&lx->ents, &lx->entcap, lx->n + 1, sizeof *lx->ents) ||
	    array_reserve((void **)&lx->text, &lx->textcap, lx->textlen + n + 1, 1))
		return -2;
	memcpy(lx->text + lx->textlen, s, n);
	lx->ents[lx->n] = (struct lexicon_ent){(uint32_t)lx->textlen, (uint32_t)n, h};
	lx->textlen += n;
	lx->slots[slot] = (uint32_t)lx->n + 1;
	return (long)lx->n++;
}

void lexicon_free(lexicon *lx)
{
	free(lx->text);
	free(lx->ents);
	free(lx->slots);
	memset(lx, 0, sizeof *lx);
}

size_t tsv_lines(const char *p, const char *end)
{
	size_t n = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		n++;
		p = eol ? eol + 1 : end;
	}
	return n;
}

int tsv_next(const char **p, const char *end, const char **f, size_t *fl,
             int max, unsigned long *lineno)
{
	while (*p < end) {
		const char *line = *p, *eol = memchr(line, '\n', (size_t)(end - line));
		int k = 0;

		if (!eol)
			eol = end;
		*p = eol + (eol < end);
		++*lineno;
		if (eol > line && eol[-1] == '\r')
			eol--;
		if (line == eol || *line == '#')
			continue;
		while (k < max) {
			const char *tab = memchr(line, '\t', (size_t)(eol - line));
			const char *fe = tab ? tab : eol;
			f[k] = line;
			fl[k] = (size_t)(fe - line);
			k++;
			if (!tab)
				break;
			line = tab + 1;
		}
		return k;
	}
	return 0;
}
