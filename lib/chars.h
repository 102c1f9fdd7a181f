/* chars.h - what kind of character a code point is, for tokenizing
 * (internal).  Fast for U+0000..U+07FF (Latin and Arabic) by table. */
#ifndef NASS_CHARS_H
#define NASS_CHARS_H

#include <stdint.h>

enum {
	CH_OTHER = 0,
	CH_SPACE,    /* white space, controls other than LF, bidi marks */
	CH_NEWLINE,  /* LF */
	CH_LETTER,   /* letters, and tatweel */
	CH_MARK,     /* combining marks */
	CH_DIGIT,    /* decimal digits of any script */
	CH_PUNCT,    /* punctuation */
	CH_SYMBOL,   /* symbols, emoji among them */
	CH_JOINER    /* ZWNJ, ZWJ: inside a word they belong to it */
};

int char_class(int32_t cp);
/* The classes of U+0000..U+07FF, for a caller's own lookup table. */
void char_table(unsigned char table[0x800]);

#endif
