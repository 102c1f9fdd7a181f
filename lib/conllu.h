/* conllu.h - reading CoNLL-U a sentence at a time (internal), for the
 * tools that read it (tag, summarize).  Lines are kept byte for byte
 * (less a CR before the newline, a byte order mark at the start, and
 * invalid UTF-8, which becomes U+FFFD), so that what a tool does not own
 * passes through unchanged. */
#ifndef NASS_CONLLU_H
#define NASS_CONLLU_H

#include <stddef.h>

#include "io.h"
#include "nass.h"

enum { CONLLU_COMMENT, CONLLU_WORD, CONLLU_RANGE, CONLLU_EMPTY_NODE };

typedef struct conllu_line {
	size_t off, len;        /* in the sentence's text, without newline */
	int kind;               /* CONLLU_* */
	size_t col[10], collen[10]; /* columns (offsets in the text) */
	unsigned long lineno;   /* in the input, from 1 */
} conllu_line;

typedef struct conllu_sent {
	buf text;               /* the lines, each ending with '\n' */
	conllu_line *lines;
	size_t nlines, cap;
	int cut;                /* ended by the line limit, not a blank line */
} conllu_sent;

typedef struct conllu_reader conllu_reader;

/* A reader that cuts sentences at max_lines lines (memory stays bounded). */
conllu_reader *conllu_reader_new(size_t max_lines);
void conllu_reader_free(conllu_reader *r);
/* Start an input named name (for messages); resets line numbers. */
int conllu_begin(conllu_reader *r, const char *name);
/* Push bytes (copied). */
int conllu_feed(conllu_reader *r, const char *data, size_t len);
/* The input is complete. */
void conllu_finish(conllu_reader *r);
/* NASS_OK and the next sentence (valid until the next call), NASS_AGAIN
 * when more input is needed, or NASS_EINPUT with err set: a line that is
 * neither a comment nor ten TAB-separated columns; plain text is told to
 * go through tokenize. */
int conllu_next(conllu_reader *r, const conllu_sent **s, nass_error *err);
/* Invalid UTF-8 in the input so far (each bad byte became U+FFFD): the
 * count and the byte offset of the first. */
void conllu_invalid(const conllu_reader *r, unsigned long long *count, unsigned long long *first);

#endif
