/* chars.c - character classes from the Unicode general category. */
#include "chars.h"

#include <utf8proc.h>

static int from_category(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return CH_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return CH_MARK;
	case UTF8PROC_CATEGORY_ND:
		return CH_DIGIT;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return CH_PUNCT;
	case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return CH_SYMBOL;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return CH_SPACE;
	case UTF8PROC_CATEGORY_CF:
		/* Joiners and the soft hyphen belong to the word they are in;
		 * bidi marks and the like are invisible and separate words. */
		if (cp == 0x200C || cp == 0x200D || cp == 0x00AD)
			return CH_JOINER;
		return CH_SPACE;
	default:
		return CH_OTHER;
	}
}

int char_class(int32_t cp)
{
	return cp == '\n' ? CH_NEWLINE : from_category(cp);
}

void char_table(unsigned char table[0x800])
{
	int32_t c;

	for (c = 0; c < 0x800; c++)
		table[c] = (unsigned char)char_class(c);
}
