/* tokenize_rules.h - the rules of `tokenize` as loaded from rule files
 * (internal): token patterns, abbreviations, sentence punctuation, and
 * the clitic lexicon. */
#ifndef NASS_TOKENIZE_RULES_H
#define NASS_TOKENIZE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "nass.h"
#include "regex.h"
#include "yaml_load.h"

/* Character classes a pattern's `first:` may name, besides characters. */
enum {
	TC_DIGIT = 1,  /* [digit]: Unicode decimal digits (Nd) */
	TC_LETTER = 2, /* [letter]: letters (L*) */
	TC_LATIN = 4,  /* [latin]: ASCII letters */
	TC_ANY = 8     /* [any] */
};

typedef struct tpattern {
	char *name;
	char *first;   /* the characters it may start with (UTF-8) */
	int classes;   /* TC_* it may start with */
	char *needs;   /* if set: one of these characters (UTF-8) must come
	                * before the next white space, or it is not tried */
	regex *re;
} tpattern;

typedef struct trules {
	tpattern **pats; /* in the order they are tried */
	size_t npats;
	char **abbrevs;  /* each ends with '.', or is a whole word */
	size_t nabbrevs;
	int32_t *ends;   /* characters that end a sentence */
	size_t nends;
	int32_t *closers; /* quotes and brackets an ending takes after it */
	size_t nclosers;
	long max_tokens;
	/* The data files of clitic splitting (rules/tokenize/CLITICS.md), by
	 * resolved name: read only when a tokenizer splits clitics. */
	char *clitic_files[3]; /* lexicon, weights, exceptions */
} trules;

enum { TCL_LEXICON, TCL_WEIGHTS, TCL_EXCEPTIONS };

#define TRULES_KEYS "nass, kind, include, tokens, abbreviations, sentence, clitics"

/* Handle one top-level key of a tokenize file: 0, an error, or 1 if the
 * key is not one of ours. */
int trules_key(trules *tr, yfile *yf, yaml_node_t *key, yaml_node_t *value);
int trules_dump(const trules *tr, nass_write_fn write, void *ctx,
                nass_error *err);
void trules_free(trules *tr);

#endif
