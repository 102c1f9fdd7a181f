/*
 * nass.h - the public interface of libnass, the library under the nass
 * tools (normalize, tokenize, tag, summarize).
 *
 * Conventions, stated once for the whole API:
 *  - Every function that can fail returns an int: 0 (NASS_OK) on success or
 *    a negative NASS_E* code, and fills the caller-owned nass_error if one
 *    is given.  The library never prints, exits, aborts or calls setlocale.
 *  - Handles are opaque.  A nass_rules is immutable once loading is done and
 *    may be shared by threads; every other handle belongs to one thread.
 *  - Data returned by a _next function is borrowed: it stays valid until the
 *    next call on the same handle.
 *  - Text is UTF-8.  Invalid bytes are replaced with U+FFFD, counted (see
 *    nass_normalizer_invalid), never fatal.
 */
#ifndef NASS_H
#define NASS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NASS_API __attribute__((visibility("default")))
#else
#define NASS_API
#endif

#define NASS_VERSION_MAJOR 0
#define NASS_VERSION_MINOR 1
#define NASS_VERSION_PATCH 0
#define NASS_VERSION_STRING "0.1.0"

/* Status codes. */
enum {
	NASS_OK = 0,
	NASS_AGAIN = 1,      /* _next: no record yet, feed more (not an error) */
	NASS_ENOMEM = -1,    /* out of memory */
	NASS_EIO = -2,       /* a file could not be read */
	NASS_ERULES = -3,    /* a rule file is invalid */
	NASS_EINVAL = -4,    /* bad argument (unknown step, profile, ...) */
	NASS_EINPUT = -5,    /* input could not be processed */
	NASS_ELIMIT = -6     /* a regex hit its match or depth limit */
};

/* Where and why something failed.  file, line and column are set when the
 * error points into a file (line and column are 1-based, 0 if unknown). */
typedef struct nass_error {
	int code;
	int line;
	int column;
	char file[512];
	char message[512];
} nass_error;

NASS_API const char *nass_version(void);
NASS_API const char *nass_strerror(int code);

/* Diagnostics that are not errors (warnings: a line too long for regex
 * steps, a regex match limit) go to this callback when one is set; the
 * message is one line without a newline. */
typedef void (*nass_diag_fn)(void *ctx, const char *message);

/* ---------------------------------------------------------------- rules */

typedef struct nass_rules nass_rules;

NASS_API nass_rules *nass_rules_new(void);
NASS_API void nass_rules_free(nass_rules *rules);

/* Load the default rules of a tool kind ("normalize", ...) that are built
 * into the library. */
NASS_API int nass_rules_load_default(nass_rules *rules, const char *kind,
                                     nass_error *err);
/* Load a rule file from disk; its `include:` paths are relative to it. */
NASS_API int nass_rules_load_file(nass_rules *rules, const char *path,
                                  nass_error *err);
/* Load rules from memory; `name` is used in messages and to resolve
 * includes (relative to its directory). */
NASS_API int nass_rules_load_string(nass_rules *rules, const char *name,
                                    const char *text, size_t len,
                                    nass_error *err);

/* Receives output text; returns 0, or nonzero to stop the writer. */
typedef int (*nass_write_fn)(void *ctx, const char *buf, size_t len);

/* Write the rules in force for `kind` as a YAML rule file that loads back
 * to the same rules. */
NASS_API int nass_rules_dump(const nass_rules *rules, const char *kind,
                             nass_write_fn write, void *ctx, nass_error *err);

/* ------------------------------------------------------------ normalize */

typedef struct nass_normalizer nass_normalizer;

/* Visit every step known to the rules, in name order. */
typedef int (*nass_step_fn)(void *ctx, const char *name,
                            const char *description);
NASS_API int nass_rules_steps(const nass_rules *rules, nass_step_fn fn,
                              void *ctx);

/* A normalizer runs the steps of `profile` (NULL: "default"), plus the
 * comma-separated steps in `add` appended in order, minus those in
 * `remove` (either may be NULL). */
NASS_API nass_normalizer *nass_normalizer_new(const nass_rules *rules,
                                              const char *profile,
                                              const char *add,
                                              const char *remove,
                                              nass_error *err);
NASS_API void nass_normalizer_free(nass_normalizer *n);
NASS_API void nass_normalizer_set_diag(nass_normalizer *n, nass_diag_fn fn,
                                       void *ctx);

/* Push input.  The bytes are referenced, not copied: keep them unchanged
 * until _next has returned NASS_AGAIN. */
NASS_API int nass_normalizer_feed(nass_normalizer *n, const char *buf,
                                  size_t len);
/* Mark the end of the current document (file): what is still pending is
 * flushed by the following _next calls, then the normalizer is ready for
 * the next document. */
NASS_API int nass_normalizer_finish(nass_normalizer *n);
/* Pull output: sets *out and *len to the next piece of normalized text and
 * returns NASS_OK, or returns NASS_AGAIN when all fed input is consumed.
 * Pieces are cut wherever the input allowed (not only at newlines, unless
 * the profile has a regex step, which sees whole lines); only their
 * concatenation is meaningful, and it does not depend on how the input
 * was fed. */
NASS_API int nass_normalizer_next(nass_normalizer *n, const char **out,
                                  size_t *len);
/* Invalid UTF-8 seen in the last finished document: the number of bad
 * bytes and the byte offset of the first (0 if none). */
NASS_API void nass_normalizer_invalid(const nass_normalizer *n,
                                      unsigned long long *count,
                                      unsigned long long *first_offset);

/* ------------------------------------------------------------- tokenize */

typedef struct nass_tokenizer nass_tokenizer;

/* Flags of nass_tokenizer_new. */
enum {
	NASS_TOKENIZE_SPLIT_CLITICS = 1, /* Arabic clitics become words */
	NASS_TOKENIZE_DOC_PER_LINE = 2   /* every input line is a document */
};

/* A word as written: form[0..len) is the text itself (not
 * NUL-terminated), at characters [start, end) of the document. */
typedef struct nass_word {
	const char *form;
	size_t len;
	unsigned long long start, end;
	int space_after; /* whitespace follows it in the text */
	/* On the first word of a token: how many words the token was split
	 * into (1 when not split); 0 on the other words of a split token. */
	int token_words;
	const char *type; /* "word", "number", "punct", "url", ... */
} nass_word;

typedef struct nass_sentence {
	const char *doc_id;         /* the document's name */
	unsigned long long number;  /* 1, 2, ... within the document */
	int new_document;           /* the first sentence of a document */
	int new_paragraph;          /* the first sentence of a paragraph */
	int cut;                    /* ended by the length limit, not by text */
	const char *text;           /* as written, newlines made spaces */
	size_t text_len;
	const nass_word *words;
	size_t nwords;
} nass_sentence;

/* Formats of nass_tokenizer_format, and a flag for CoNLL-U. */
enum {
	NASS_FORMAT_CONLLU = 0,
	NASS_FORMAT_HORIZONTAL = 1, /* one sentence a line, tokens spaced */
	NASS_FORMAT_VERTICAL = 2,   /* one token a line, blank line after */
	NASS_FORMAT_JSON = 3,       /* one JSON object a line */
	NASS_FORMAT_MWT = 0x100,    /* CoNLL-U: split tokens as range lines */
	/* Append to what the previous call gave (still valid, maybe moved):
	 * sentences batched for one large write. */
	NASS_FORMAT_APPEND = 0x200
};

NASS_API nass_tokenizer *nass_tokenizer_new(const nass_rules *rules, int flags,
                                            nass_error *err);
NASS_API void nass_tokenizer_free(nass_tokenizer *t);
NASS_API void nass_tokenizer_set_diag(nass_tokenizer *t, nass_diag_fn fn,
                                      void *ctx);
/* Cut sentences at this many tokens (default: the rules' max_tokens). */
NASS_API void nass_tokenizer_set_max_tokens(nass_tokenizer *t, size_t n);
/* Start a document named id (copied); the document ends with _finish. */
NASS_API int nass_tokenizer_begin(nass_tokenizer *t, const char *id);
/* Push input (copied: the buffer may be reused at once). */
NASS_API int nass_tokenizer_feed(nass_tokenizer *t, const char *buf,
                                 size_t len);
/* The document is complete: the following _next calls flush it. */
NASS_API int nass_tokenizer_finish(nass_tokenizer *t);
/* Pull the next complete sentence: NASS_OK and *s (valid until the next
 * call on t), or NASS_AGAIN when more input is needed. */
NASS_API int nass_tokenizer_next(nass_tokenizer *t, const nass_sentence **s);
/* Write a sentence in a format (valid until the next call on t). */
NASS_API int nass_tokenizer_format(nass_tokenizer *t, const nass_sentence *s,
                                   int format, const char **out, size_t *len);
/* Invalid UTF-8 in the last finished document (see the normalizer's). */
NASS_API void nass_tokenizer_invalid(const nass_tokenizer *t,
                                     unsigned long long *count,
                                     unsigned long long *first_offset);

/* ------------------------------------------------------------------ tag */

typedef struct nass_tagger nass_tagger;

/* Flags of nass_tagger_new. */
enum {
	NASS_TAG_OVERWRITE = 1, /* replace LEMMA, UPOS, FEATS, NER the input has */
	NASS_TAG_EXPLAIN = 2    /* MISC Rule=ID: the rules that decided */
};

/* A tagger reads CoNLL-U (any tool's) and writes it back with UPOS,
 * LEMMA, FEATS and MISC NER= filled; the data files the rules name are
 * read now (errors: NASS_EIO, NASS_ERULES with the file and line). */
NASS_API nass_tagger *nass_tagger_new(const nass_rules *rules, int flags,
                                      nass_error *err);
NASS_API void nass_tagger_free(nass_tagger *t);
NASS_API void nass_tagger_set_diag(nass_tagger *t, nass_diag_fn fn, void *ctx);
/* Start an input named name (copied; for messages).  A new input is a new
 * document, as is a "# newdoc" line. */
NASS_API int nass_tagger_begin(nass_tagger *t, const char *name);
/* Push input (copied). */
NASS_API int nass_tagger_feed(nass_tagger *t, const char *buf, size_t len);
/* The input is complete: the following _next calls flush it. */
NASS_API int nass_tagger_finish(nass_tagger *t);
/* Pull the next sentence, tagged, as CoNLL-U text with its blank line:
 * NASS_OK and *out, *len (valid until the next call on t; with
 * NASS_FORMAT_APPEND in flags, after what the last call gave), NASS_AGAIN
 * when more input is needed, or NASS_EINPUT with err set (FILE:LINE of
 * malformed CoNLL-U). */
NASS_API int nass_tagger_next(nass_tagger *t, int flags, const char **out,
                              size_t *len, nass_error *err);
/* Invalid UTF-8 in the input begun last (each bad byte is written as
 * U+FFFD): the count and the byte offset of the first (0 if none). */
NASS_API void nass_tagger_invalid(const nass_tagger *t,
                                  unsigned long long *count,
                                  unsigned long long *first_offset);

/* ------------------------------------------------------------ summarize */

typedef struct nass_summarizer nass_summarizer;

/* How long a summary is: the first nonzero of words, ratio, sentences. */
typedef struct nass_summary_length {
	size_t sentences;  /* -n: this many sentences (default 3) */
	double ratio;      /* -r: this share of the document's sentences */
	size_t words;      /* -w: at most this many words */
} nass_summary_length;

/* Flags of nass_summarizer_new. */
enum {
	/* The documents read so far join the background table in the IDF
	 * (a summary then depends on what came before it in the stream). */
	NASS_SUMMARIZE_STREAM_IDF = 1
};

/* The parts of a sentence's score (summarize(1) and rules/summarize.yaml). */
enum {
	NASS_PART_CENTRALITY, NASS_PART_LEAD, NASS_PART_POSITION, NASS_PART_TITLE, NASS_PART_ENTITIES,
	NASS_PART_KEYWORDS, NASS_PART_LENGTH, NASS_PART_FRAGMENT, NASS_PARTS
};
NASS_API const char *nass_summary_part_name(int part);

typedef struct nass_summary_sentence {
	const char *sent_id;        /* # sent_id, or DOC-N */
	const char *text;           /* # text, or the words with their spaces */
	size_t text_len;
	const char *conllu;         /* the sentence's CoNLL-U block, as read */
	size_t conllu_len;
	size_t words;               /* pieces of text with a letter or digit */
	double parts[NASS_PARTS];   /* each 0..1; FRAGMENT is a factor */
	double score;
	size_t rank;                /* 1, 2, ... in the order chosen; 0: not */
} nass_summary_sentence;

typedef struct nass_keyword {
	const char *text;           /* a lemma, or a phrase as written */
	double score;
} nass_keyword;

typedef struct nass_entity {
	const char *type;           /* PER, LOC, ORG, ... */
	const char *text;           /* as first written */
	size_t count;               /* mentions in the document */
} nass_entity;

/* One document's summary: all its sentences in document order (the chosen
 * ones have rank > 0), its keywords best first and its entities by
 * mention count. */
typedef struct nass_summary {
	const char *doc_id;
	const nass_summary_sentence *sentences;
	size_t nsentences, nchosen;
	const nass_keyword *keywords;
	size_t nkeywords;
	const nass_entity *entities;
	size_t nentities;
} nass_summary;

/* A summarizer reads CoNLL-U (tokenize's, tag's or any tool's) and gives
 * one summary per document: per `# newdoc`, or per input when it has none. */
NASS_API nass_summarizer *nass_summarizer_new(const nass_rules *rules, int flags,
                                              const nass_summary_length *length,
                                              nass_error *err);
NASS_API void nass_summarizer_free(nass_summarizer *s);
NASS_API void nass_summarizer_set_diag(nass_summarizer *s, nass_diag_fn fn,
                                       void *ctx);
/* List this many keywords in each summary (default 0: none). */
NASS_API void nass_summarizer_set_keywords(nass_summarizer *s, size_t n);
/* Start an input named name (copied): it ends the document before it. */
NASS_API int nass_summarizer_begin(nass_summarizer *s, const char *name);
/* Push input (copied). */
NASS_API int nass_summarizer_feed(nass_summarizer *s, const char *buf,
                                  size_t len);
/* The input is complete: the following _next calls flush it. */
NASS_API int nass_summarizer_finish(nass_summarizer *s);
/* Pull the next document's summary (valid until the next call on s):
 * NASS_OK, NASS_AGAIN (feed more), or NASS_EINPUT (malformed CoNLL-U,
 * err set; the rest of that input is skipped) or NASS_ENOMEM. */
NASS_API int nass_summarizer_next(nass_summarizer *s, const nass_summary **sum,
                                  nass_error *err);
/* Invalid UTF-8 in the input begun last (see the tagger's). */
NASS_API void nass_summarizer_invalid(const nass_summarizer *s,
                                      unsigned long long *count,
                                      unsigned long long *first_offset);

/* Formats of nass_summary_format (NASS_FORMAT_JSON is shared). */
enum {
	NASS_SUMMARY_TEXT = 0,      /* the chosen sentences, one a line */
	NASS_SUMMARY_TSV = 1,       /* doc, sent_id, rank, score, text */
	NASS_SUMMARY_CONLLU = 2,    /* the chosen sentences' CoNLL-U blocks */
	NASS_SUMMARY_JSON = 3,      /* one JSON object a document */
	NASS_SUMMARY_EXPLAIN = 0x100, /* tsv: the score parts as columns */
	NASS_SUMMARY_KEYWORDS = 0x200,/* with the keywords */
	NASS_SUMMARY_ENTITIES = 0x400,/* with the entities */
	NASS_SUMMARY_FIRST = 0x800    /* the first document of the output */
};
/* Write a summary in a format (valid until the next call on s). */
NASS_API int nass_summary_format(nass_summarizer *s, const nass_summary *sum,
                                 int format, const char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
