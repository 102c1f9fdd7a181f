/* tag_internal.h - a sentence as the tagger works on it, and the steps
 * that work on whole sentences (internal). */
#ifndef NASS_TAG_INTERNAL_H
#define NASS_TAG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"
#include "lexicon.h"
#include "tag_model.h"

/* How a word's NER tag was decided, for --explain. */
enum { NS_NONE, NS_GAZETTEER, NS_PARTS, NS_MEMORY, NS_RULE, NS_DATE, NS_TIME, NS_MONEY, NS_PERCENT,
       NS_TRIGGER, NS_PERCEP, NS_JOIN, NS_SPLIT };

typedef struct tword {
	const char *form;
	size_t len;
	size_t line;        /* its line in the CoNLL-U sentence */
	winfo wi;           /* what it is out of context */
	uint8_t upos;       /* 255: the input's own tag, unknown to us */
	uint8_t fixed;      /* the input had a UPOS: kept */
	int rule;           /* the UPOS context rule that decided, or -1 */
	uint8_t ner;        /* BIO code (tag_model.h) */
	uint8_t ner_src;    /* NS_* */
	int ner_rule;       /* with NS_RULE: the NER context rule */
	size_t key, keylen; /* key(form) in the sentence's keys */
	uint8_t memlen, memtype; /* a name of the memory starts here: its length, type */
} tword;

typedef struct tsent {
	tword *w;
	size_t n, cap;
	buf keys;
	uint8_t *tags;
	size_t *hits, tcap;
	/* For the word-value features f (w, x, s): stamp[f][sym] == sentno
	 * when a word of this sentence has that value; then head[f][sym] is
	 * the last such word and next[f][i] the one before word i (-1: none). */
	uint32_t *stamp[3], sentno;
	int32_t *head[3], *next[3];
	size_t nsyms, nextcap;
	int32_t *fa;        /* the feature columns of apply_rules */
	size_t facap;
	int32_t *pc, *ps;   /* the perceptron's attribute codes and slots */
	size_t pccap, pscap;
} tsent;

int tsent_reserve(tsent *s, size_t n);
/* Note the word values of the sentence's words (before apply_rules). */
int tsent_stamp(tsent *s, size_t nsyms);
void tsent_free(tsent *s);

/* The names found in a document, found again later in it (TAG.md 6.4). */
typedef struct memory {
	lexicon names, first;
	uint8_t *type, *len;
	uint32_t *seen;     /* the sentence a name was last found in */
	uint32_t now;       /* sentences so far */
	size_t tcap, lcap, scap;
} memory;

void memory_clear(memory *mem);
void memory_free(memory *mem);

/* Apply context rules in file order (TAG.md section 4): each rule is
 * tested at every position with the tags as they were before it, then
 * the hits are changed; fixed words keep their UPOS.  ner: the rules are
 * over the BIO tags, else over UPOS.  0 or NASS_ENOMEM. */
int apply_rules(const ctxrules *rs, tsent *s, int ner);

/* UPOS over a sentence whose initial tags are set: the perceptron if
 * the rules name one, else the context rules.  A word whose tag the
 * perceptron changed gets rule PERCEP_RULE. */
#define PERCEP_RULE (-2)
/* The perceptron's codes and slots for s (na attributes), with the rows
 * outside the sentence filled: *codes and *slots point at word 0. */
int percep_rows(const percep *p, tsent *s, int na, int32_t **codes, int32_t **slots);
int tag_upos(const tagmodel *m, tsent *s);
/* NER over a sentence (section 6); scratch is working memory. */
int tag_ner(const tagmodel *m, tsent *s, memory *mem, buf *scratch);

#endif
