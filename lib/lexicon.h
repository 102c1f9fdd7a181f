/* lexicon.h - string tables for rule data (internal): each distinct key
 * gets a dense id (0, 1, 2... in the order first added), so that callers
 * keep their values in plain arrays indexed by id; and a reader for the
 * TAB-separated data files that rule files name. */
#ifndef NASS_LEXICON_H
#define NASS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct lexicon {
	char *text;            /* the keys, back to back */
	size_t textlen, textcap;
	struct lexicon_ent { uint32_t off, len, hash; } *ents;
	size_t n, entcap;
	uint32_t *slots;       /* id + 1; 0 empty */
	size_t mask;
} lexicon;

/* The id of s[0..n): found, or added if add is set (-1: absent, -2: out
 * of memory). */
long lexicon_id(lexicon *lx, const char *s, size_t n, int add);
/* Room for keys more keys of bytes bytes in all, made at once: loaders
 * that know their file's size so avoid copying the tables as they grow
 * (each copy touches fresh pages, and a page fault is dear at start-up).
 * 0 or NASS_ENOMEM. */
int lexicon_reserve(lexicon *lx, size_t keys, size_t bytes);
/* The same without adding (lx may be empty). */
long lexicon_find(const lexicon *lx, const char *s, size_t n);
/* The key of an id. */
static inline const char *lexicon_key(const lexicon *lx, size_t id, size_t *n)
{
	*n = lx->ents[id].len;
	return lx->text + lx->ents[id].off;
}
void lexicon_free(lexicon *lx);

/* The number of lines of p[0..end) (a last one without '\n' counts). */
size_t tsv_lines(const char *p, const char *end);
/* The next data line of a TSV text at *p (empty lines and '#' comments
 * skipped): up to max fields in f/fl, their number returned (0 at the
 * end); *lineno counts lines from 1. */
int tsv_next(const char **p, const char *end, const char **f, size_t *fl,
             int max, unsigned long *lineno);

#endif
