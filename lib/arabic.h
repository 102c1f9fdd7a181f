/* arabic.h - the letter classes and lookup keys of the Arabic word lists
 * (internal), as rules/tag/TAG.md section 2 defines them: strip() drops
 * the marks and tatweel, key() also folds the hamza and final-letter
 * variants, so that a written form finds its entry however it is spelled. */
#ifndef NASS_ARABIC_H
#define NASS_ARABIC_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"

/* Harakat, Quranic marks and tatweel: dropped from keys. */
int arabic_is_mark(int32_t c);
/* The Arabic letters of TAG.md (U+0621..063A, 0641..064A, ...). */
int arabic_is_letter(int32_t c);
/* أ إ آ ٱ → ا, ى → ي, ة → ه, ی → ي, ک → ك; other characters unchanged. */
int32_t arabic_fold(int32_t c);

/* Append strip(s) (fold = 0) or key(s) (fold = 1) of s[0..n) to out;
 * when nothing is left, s itself.  0 or NASS_ENOMEM. */
int arabic_key(const char *s, size_t n, int fold, buf *out);
/* s[0..n) holds an Arabic letter. */
int arabic_is_word(const char *s, size_t n);

#endif
