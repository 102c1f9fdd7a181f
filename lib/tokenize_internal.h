/* tokenize_internal.h - what tokenize.c and tokenize_format.c share. */
#ifndef NASS_TOKENIZE_INTERNAL_H
#define NASS_TOKENIZE_INTERNAL_H

#include "io.h"
#include "nass.h"

/* Write s in a NASS_FORMAT_* (with NASS_FORMAT_MWT) into b, replacing
 * what b held unless NASS_FORMAT_APPEND. */
int tokenize_format(buf *b, const nass_sentence *s, int format);

#endif
