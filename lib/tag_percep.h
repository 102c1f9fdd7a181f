/* tag_percep.h - a learned linear tagger (averaged perceptron, greedy
 * left to right) over features of a word and its neighbours, with its
 * weights read from a data file (rules/tag/TAG.md section 4b; internal).
 *
 * A feature is NAME=VALUE.  Static features (a name in the model's list)
 * look at the word alone: the caller builds their text once per word and
 * sums their weights (percep_static).  Template features look at the
 * attributes of words at offsets, and at the tags already chosen (the
 * attribute the model names as its history); their VALUE joins the
 * components with '|'.  An attribute is small (a code 0..nvals-1 out of
 * a list of names; nvals means outside the sentence, written <s>) or a
 * word (an id in the model's word table, -1 if it has none). */
#ifndef NASS_TAG_PERCEP_H
#define NASS_TAG_PERCEP_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "nass.h"

#define PERCEP_MAXCOMP 3
#define PERCEP_MAXTAGS 17
/* Room for a row of weights: PERCEP_MAXTAGS, then zeros (a multiple of
 * 4: the compiler adds four at a time).  A model with at most
 * PERCEP_SHORT tags (NER's 9) has rows that long: smaller rows, fewer
 * cache misses. */
#define PERCEP_STRIDE 20 /* add_row writes it out: keep them in step */
#define PERCEP_SHORT 12
#define PERCEP_MAXATTRS 8

typedef struct pattr {
	char letter;               /* as templates name it */
	int nvals;                 /* small: the values; 0: a word */
	const char *const *names;  /* small: the value names */
} pattr;

typedef struct ptemplate {
	const char *name;
	int ncomp;
	struct { char attr; int8_t off; } comp[PERCEP_MAXCOMP];
} ptemplate;

typedef struct pspec {
	const char *const *tags;   /* in the order that breaks ties */
	int ntags;
	const pattr *attrs;
	int nattrs;
	char hist;                 /* the attribute that is the chosen tag */
	const ptemplate *tpl;
	int ntpl;
	const char *const *statics; /* the static feature names */
	int nstatic;
} pspec;

#define PERCEP_MAXTPL 32
#define PERCEP_MAXSLOTS 10

/* How a template's weights are found: all components small (a table by
 * their codes), one word component (a table by the word's slot and the
 * small codes), or two words (a hash of their pair ids). */
enum { PK_DENSE, PK_WORD, PK_PAIR };

typedef struct percep {
	const pspec *spec;
	int loaded;
	uint8_t taglen[PERCEP_MAXTAGS];
	lexicon stat;              /* static "NAME=VALUE" -> row */
	int32_t *stat_row;
	size_t scap;
	uint8_t kind[PERCEP_MAXTPL];
	int8_t tattr[PERCEP_MAXTPL][PERCEP_MAXCOMP]; /* component -> attribute */
	int8_t chist[PERCEP_MAXTPL][PERCEP_MAXCOMP]; /* the component is the history */
	int32_t cvals[PERCEP_MAXTPL][PERCEP_MAXCOMP]; /* its attribute's nvals (0: a word) */
	int32_t cmult[PERCEP_MAXTPL][PERCEP_MAXCOMP]; /* small: its place value in the index */
	uint8_t uses_hist[PERCEP_MAXTPL];
	size_t nsmall[PERCEP_MAXTPL]; /* the product of the small components' nvals + 1 */
	/* PK_DENSE, PK_WORD: (slot *) nsmall + small index -> row (-1: none) */
	int32_t *rows[PERCEP_MAXTPL];
	size_t rowcap[PERCEP_MAXTPL];
	/* PK_WORD: the word values of the template -> slot; which slot of a
	 * word's slots it is; the slot of <s> */
	lexicon vals[PERCEP_MAXTPL];
	int8_t wslot[PERCEP_MAXTPL];
	int32_t bslot[PERCEP_MAXTPL];
	int nslots;
	/* PK_PAIR: word values -> pair id; (template, id, id) -> row */
	lexicon pairvals;
	int32_t pbound;
	uint64_t *pkeys;           /* open addressing: (template, id, id) + 1, 0 empty */
	int32_t *prow;
	size_t pmask, pn;
	/* The templates without, with the history, as percep_score runs
	 * them: everything one needs side by side. */
	struct pstep {
		uint8_t kind, tpl;
		int32_t rel[PERCEP_MAXCOMP];  /* where a code is, from word i (PK_PAIR: the two words') */
		int32_t mult[PERCEP_MAXCOMP]; /* its place value; 0 for a word or no component */
		int32_t wrel;                 /* PK_WORD: where the word's slot is */
		const int32_t *rows;
		size_t nsmall, rowcap;
	} steps[2][PERCEP_MAXTPL];
	int nsteps[2];
	int32_t *w;                /* rows x stride; the last of a row is 1 once it is parsed */
	size_t nrows, wcap, stride;
	/* Built-in data: the weights are parsed when first used; woff[r] is
	 * where row r's text starts in text[0..tend). */
	const char *text, *tend;
	uint32_t *woff;
	size_t woffcap;
} percep;

/* Read a weights file (rules_data name) into p; err names its line. */
int percep_load(percep *p, const pspec *spec, const char *name, nass_error *err);
void percep_free(percep *p);
/* Built-in weights are parsed when first used, and a malformed row then
 * weighs nothing: this parses them all now and returns how many are
 * malformed (a unit test runs it on the built-in data). */
size_t percep_check(const percep *p);

/* The row of a static feature (text NAME=VALUE), or -1. */
long percep_static(const percep *p, const char *s, size_t n);
/* Add row r's weights to score (PERCEP_STRIDE entries). */
void percep_add(const percep *p, long r, int32_t *score);

/* What a word brings to its neighbours' templates, from the values of its
 * word attributes (val[a], len[a] for each attribute a that is a word;
 * NULL: none): its slot in each PK_WORD template (slots[p->nslots]) and
 * the pair id of each word attribute (pair[a], -1 if none). */
void percep_word(const percep *p, const char *const *val, const size_t *len, int32_t *slots,
                 int32_t *pair);

/* Offsets of templates are within +-PERCEP_PAD. */
#define PERCEP_PAD 2

/* Fill a row of codes (nattrs) and of slots (PERCEP_MAXSLOTS) for a place
 * outside the sentence. */
void percep_bound(const percep *p, int32_t *codes, int32_t *slots);

/* Add the template features of word i to score.  codes: nattrs codes per
 * word (small attributes; a word attribute's pair id), the history
 * attribute of the words before i set to their chosen tags; slots:
 * PERCEP_MAXSLOTS per word; both with PERCEP_PAD rows before word 0 and
 * after word n - 1 filled by percep_bound.  hist: only the templates with
 * the history attribute, else only those without.  score has
 * PERCEP_STRIDE entries, whatever the number of tags. */
void percep_score(const percep *p, const int32_t *codes, const int32_t *slots, size_t n,
                  size_t i, int hist, int32_t *score);

#endif
