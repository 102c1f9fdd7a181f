/* summarize_rules.h - the rules of `summarize` as loaded from rule files
 * (internal): the scoring weights, the selection settings, which words
 * count as content, the stop words and the IDF background table's name. */
#ifndef NASS_SUMMARIZE_RULES_H
#define NASS_SUMMARIZE_RULES_H

#include <stddef.h>

#include "nass.h"
#include "yaml_load.h"

/* The numbers of a summarize rule file, by name (summarize_rules.c). */
enum {
	/* weights: what each score part counts for */
	SW_CENTRALITY, SW_LEAD, SW_POSITION, SW_TITLE, SW_ENTITIES, SW_KEYWORDS, SW_LENGTH, SW_REDUNDANCY,
	/* selection: shapes of the parts */
	SS_LEAD_DECAY, SS_MIN_WORDS, SS_FULL_WORDS, SS_WINDOW,
	SS_MIN_SIMILARITY, SS_DAMPING, SS_ITERATIONS, SS_TOP_KEYWORDS,
	SS_DUPLICATE, SS_MIN_PHRASE, SS_JOIN_UNSPACED,
	SUM_NNUMS
};

typedef struct sumrules {
	double num[SUM_NNUMS];
	int set[SUM_NNUMS];     /* given by some rule file */
	char **content_upos;    /* UPOS tags of content words */
	size_t ncontent;
	char **keyword_upos;    /* ... of those that may be keywords */
	size_t nkeyword;
	char **stopwords;
	size_t nstop;
	char *idf;              /* resolved file name, NULL: none */
	int have_content, have_keyword, have_stop;
} sumrules;

#define SUMRULES_KEYS "nass, kind, include, weights, selection, content_upos, keyword_upos, stopwords, idf"

/* The name of number i, and whether it lives under weights: or selection:. */
const char *sumrules_num_name(int i);

/* Handle one top-level key of a summarize rule file: 0, an error, or 1 if
 * the key is not one of ours. */
int sumrules_key(sumrules *sr, yfile *yf, yaml_node_t *key, yaml_node_t *value);
/* Every number must have been given (the built-in file gives them all). */
int sumrules_check(const sumrules *sr, nass_error *err);
int sumrules_dump(const sumrules *sr, nass_write_fn write, void *ctx, nass_error *err);
void sumrules_free(sumrules *sr);

#endif
