/* clitics.h - splitting Arabic clitics off written words (internal); the
 * method and its data are described in rules/tokenize/CLITICS.md. */
#ifndef NASS_CLITICS_H
#define NASS_CLITICS_H

#include <stddef.h>

/* The most pieces a word is split into. */
#define CLITICS_MAX 6

typedef struct clitics clitics;

/* Build from the texts of the three data files (rules/tokenize/CLITICS.md):
 * lexicon, weights and exceptions (any may be NULL: empty).  The texts
 * must outlive the result: the lexicon's keys point into them. */
clitics *clitics_new(const char *lexicon, size_t lexlen, const char *weights,
                     size_t wlen, const char *exceptions, size_t elen);
void clitics_free(clitics *cl);
/* Split the word s[0..n) (remembering recent words: not thread-safe, one
 * per tokenizer): returns the number of pieces (1: no split; 0: out of
 * memory building the tables, which happens at the first call) and
 * sets cuts[0..pieces-2] to the byte offsets where pieces 2.. begin. */
size_t clitics_split(clitics *cl, const char *s, size_t n, size_t *cuts);

#endif
