/* regex.h - pcre2 with the nass settings (internal): UTF and UCP on, JIT
 * when available, and match and depth limits, because rule files are
 * untrusted input and a pattern must not hang a pipeline. */
#ifndef NASS_REGEX_H
#define NASS_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "io.h"

#define REGEX_MATCH_LIMIT 1000000
#define REGEX_DEPTH_LIMIT 10000

typedef struct regex regex;       /* compiled pattern: shareable */
typedef struct regex_run regex_run; /* per-thread matching state */

/* Compile; on failure returns NULL with a message and the offset (in
 * bytes) of the fault in the pattern.  `message` is owned by the caller. */
regex *regex_compile(const char *pattern, size_t len, char *message,
                     size_t msglen, size_t *offset);
/* The same with more pcre2 compile options (e.g. PCRE2_ANCHORED). */
regex *regex_compile_opts(const char *pattern, size_t len, uint32_t options,
                          char *message, size_t msglen, size_t *offset);
void regex_free(regex *re);
/* Check that a replacement only refers to groups the pattern has, so that
 * a mistake is found when the rules load, not once per line of input.
 * Returns 0, or -1 with a message. */
int regex_check_replacement(const regex *re, const char *rep, char *message,
                            size_t msglen);
const char *regex_pattern(const regex *re);

regex_run *regex_run_new(void);
void regex_run_free(regex_run *run);

/* Replace every match of re in subject with `replacement` (pcre2 extended
 * substitution syntax: $1, ${name}), writing to out (cleared first).
 * Returns 0, NASS_ELIMIT if a limit stopped the match (out then holds the
 * subject unchanged), or NASS_ENOMEM. */
int regex_replace(const regex *re, regex_run *run, const char *subject,
                  size_t len, const char *replacement, size_t rlen, buf *out);

/* Match at offset in subject (valid UTF-8; the pattern decides whether it
 * is anchored): the end offset of the match, or -1 for none or a limit. */
long regex_match_at(const regex *re, regex_run *run, const char *subject,
                    size_t len, size_t offset);

#endif
