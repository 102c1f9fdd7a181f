/* regex.c - pcre2 compile and substitute with limits. */
#include "regex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nass.h"

struct regex {
	pcre2_code *code;
	char *pattern;
};

struct regex_run {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
};

regex *regex_compile(const char *pattern, size_t len, char *message,
                     size_t msglen, size_t *offset)
{
	return regex_compile_opts(pattern, len, 0, message, msglen, offset);
}

regex *regex_compile_opts(const char *pattern, size_t len, uint32_t options,
                          char *message, size_t msglen, size_t *offset)
{
	int code;
	PCRE2_SIZE off;
	regex *re = calloc(1, sizeof *re);

	if (!re || !(re->pattern = malloc(len + 1))) {
		free(re);
		snprintf(message, msglen, "out of memory");
		*offset = 0;
		return NULL;
	}
	memcpy(re->pattern, pattern, len);
	re->pattern[len] = 0;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_UCP | options,
	                         &code, &off, NULL);
	if (!re->code) {
		pcre2_get_error_message(code, (PCRE2_UCHAR *)message, msglen);
		*offset = off;
		free(re->pattern);
		free(re);
		return NULL;
	}
	/* JIT is an optimisation: where it is unavailable the interpreter
	 * gives the same results.  NASS_NO_JIT turns it off for valgrind,
	 * whose memcheck cannot follow JIT code (false reports). */
	if (!getenv("NASS_NO_JIT"))
		(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	return re;
}

/* The group a "$..." reference at r names, and its length in bytes;
 * returns 0 for "$$", -1 for nothing a reference can be. */
static int group_ref(const char *r, size_t *len, char *name,
                     size_t namelen)
{
	const char *p = r + 1;
	int braced = *p == '{';
	size_t n = 0;

	if (*p == '$') {
		*len = 2;
		return 0;
	}
	p += braced;
	while (p[n] == '_' || (p[n] >= '0' && p[n] <= '9') ||
	       ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
		n++;
	if (!n || n >= namelen || (braced && !strchr(p + n, '}')))
		return -1;
	memcpy(name, p, n);
	name[n] = 0;
	*len = (size_t)(p + n - r) + (braced && p[n] == '}');
	return 1;
}

int regex_check_replacement(const regex *re, const char *rep, char *message,
                            size_t msglen)
{
	uint32_t groups = 0;
	const char *r;
	char name[64];
	size_t len;

	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	for (r = rep; *r; r++) {
		int ref;

		if (*r == '\\' && r[1]) {
			r++;
			continue;
		}
		if (*r != '$')
			continue;
		if ((ref = group_ref(r, &len, name, sizeof name)) < 0) {
			snprintf(message, msglen, "bad replacement: '$' at offset %zu is not $N, ${N}, $NAME or $$",
			         (size_t)(r - rep));
			return -1;
		}
		if (ref && name[0] >= '0' && name[0] <= '9') {
			unsigned long g = strtoul(name, NULL, 10);
			if (g > groups) {
				snprintf(message, msglen, "replacement refers to group %lu; the pattern has %u",
				         g, (unsigned)groups);
				return -1;
			}
		} else if (ref && pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name) < 0) {
			snprintf(message, msglen, "replacement refers to group '%s', which the pattern does not name",
			         name);
			return -1;
		}
		r += len - 1;
	}
	return 0;
}

void regex_free(regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re->pattern);
	free(re);
}

const char *regex_pattern(const regex *re)
{
	return re->pattern;
}

regex_run *regex_run_new(void)
{
	regex_run *run = calloc(1, sizeof *run);

	if (!run)
		return NULL;
	run->md = pcre2_match_data_create(32, NULL);
	run->mctx = pcre2_match_context_create(NULL);
	run->stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (!run->md || !run->mctx || !run->stack) {
		regex_run_free(run);
		return NULL;
	}
	pcre2_set_match_limit(run->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(run->mctx, REGEX_DEPTH_LIMIT);
	pcre2_jit_stack_assign(run->mctx, NULL, run->stack);
	return run;
}

void regex_run_free(regex_run *run)
{
	if (!run)
		return;
	pcre2_match_data_free(run->md);
	pcre2_match_context_free(run->mctx);
	pcre2_jit_stack_free(run->stack);
	free(run);
}

int regex_replace(const regex *re, regex_run *run, const char *subject,
                  size_t len, const char *replacement, size_t rlen, buf *out)
{
	PCRE2_SIZE outlen;
	int rc;

	out->len = 0;
	if (buf_reserve(out, len + 64))
		return NASS_ENOMEM;
	for (;;) {
		outlen = out->cap;
		rc = pcre2_substitute(re->code, (PCRE2_SPTR)subject, len, 0,
		                      PCRE2_SUBSTITUTE_GLOBAL |
		                          PCRE2_SUBSTITUTE_EXTENDED |
		                          PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
		                          PCRE2_NO_UTF_CHECK,
		                      run->md, run->mctx, (PCRE2_SPTR)replacement,
		                      rlen, (PCRE2_UCHAR *)out->data, &outlen);
		if (rc != PCRE2_ERROR_NOMEMORY)
			break;
		/* outlen is now the size needed, including the final NUL. */
		if (buf_reserve(out, outlen))
			return NASS_ENOMEM;
	}
	if (rc >= 0) {
		out->len = outlen;
		return NASS_OK;
	}
	out->len = 0;
	if (buf_append(out, subject, len))
		return NASS_ENOMEM;
	return rc == PCRE2_ERROR_NOMEMORY ? NASS_ENOMEM : NASS_ELIMIT;
}

long regex_match_at(const regex *re, regex_run *run, const char *subject,
                    size_t len, size_t offset)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, offset,
	                     PCRE2_NO_UTF_CHECK, run->md, run->mctx);

	if (rc < 0)
		return -1;
	return (long)pcre2_get_ovector_pointer(run->md)[1];
}
