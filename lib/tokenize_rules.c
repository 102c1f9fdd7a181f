/* tokenize_rules.c - the `tokens`, `abbreviations` and `sentence` keys of
 * tokenize rule files, and their dump. */
#include "tokenize_rules.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"
#include "io.h"
#include "utf8.h"

static void pattern_free(tpattern *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->first);
	free(p->needs);
	regex_free(p->re);
	free(p);
}

void trules_free(trules *tr)
{
	size_t i;

	for (i = 0; i < tr->npats; i++)
		pattern_free(tr->pats[i]);
	free(tr->pats);
	for (i = 0; i < tr->nabbrevs; i++)
		free(tr->abbrevs[i]);
	free(tr->abbrevs);
	free(tr->ends);
	free(tr->closers);
	for (i = 0; i < 3; i++)
		free(tr->clitic_files[i]);
	memset(tr, 0, sizeof *tr);
}

/* `first:` is characters and [class] names: "hHwW", "[digit]+-". */
static int parse_first(yfile *yf, yaml_node_t *v, tpattern *p)
{
	static const struct { const char *name; int cls; } classes[] = {
		{"[digit]", TC_DIGIT}, {"[letter]", TC_LETTER},
		{"[latin]", TC_LATIN}, {"[any]", TC_ANY}};
	const char *s = yscalar(v);
	buf chars = {0};
	size_t i, k;

	if (!s)
		return yexpect(yf, v, YAML_SCALAR_NODE, "a string of characters and [classes]");
	if (!*s)
		return yerror(yf, v, "empty 'first': the pattern could never be tried");
	while (*s) {
		for (k = 0; k < sizeof classes / sizeof *classes; k++)
			if (!strncmp(s, classes[k].name, strlen(classes[k].name)))
				break;
		if (k < sizeof classes / sizeof *classes) {
			p->classes |= classes[k].cls;
			s += strlen(classes[k].name);
			continue;
		}
		if (*s == '[' && strchr(s, ']')) {
			buf_free(&chars);
			return yerror(yf, v, "unknown class '%.*s' (expected [digit], [letter], [latin] or [any])",
			              (int)(strchr(s, ']') - s + 1), s);
		}
		i = 1;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		if (buf_append(&chars, s, i)) {
			buf_free(&chars);
			return NASS_ENOMEM;
		}
		s += i;
	}
	if (buf_append(&chars, "", 1)) {
		buf_free(&chars);
		return NASS_ENOMEM;
	}
	free(p->first);
	p->first = chars.data;
	return NASS_OK;
}

static int load_pattern(trules *tr, yfile *yf, yaml_node_t *item)
{
	yaml_node_pair_t *q;
	yaml_node_t *name = NULL, *first = NULL, *pat = NULL, *needs = NULL;
	tpattern *p;
	char msg[256];
	size_t off, i;
	int rc;

	if ((rc = yexpect(yf, item, YAML_MAPPING_NODE, "a mapping (name, first, pattern)")))
		return rc;
	for (q = item->data.mapping.pairs.start; q < item->data.mapping.pairs.top; q++) {
		yaml_node_t *k = ynode(yf, q->key), *v = ynode(yf, q->value);
		const char *key = yscalar(k);

		if (key && !strcmp(key, "name"))
			name = v;
		else if (key && !strcmp(key, "first"))
			first = v;
		else if (key && !strcmp(key, "pattern"))
			pat = v;
		else if (key && !strcmp(key, "needs"))
			needs = v;
		else
			return yerror(yf, k, "unknown key '%s' in a token pattern (expected name, first, needs, pattern)",
			              key ? key : "?");
		if (!yscalar(v))
			return yexpect(yf, v, YAML_SCALAR_NODE, "a string");
	}
	if (!name || !first || !pat)
		return yerror(yf, item, "a token pattern needs 'name', 'first' and 'pattern'");
	if (!*yscalar(name))
		return yerror(yf, name, "empty pattern name");
	if (!(p = calloc(1, sizeof *p)) || !(p->name = strdup(yscalar(name)))) {
		free(p);
		return NASS_ENOMEM;
	}
	if ((rc = parse_first(yf, first, p))) {
		pattern_free(p);
		return rc;
	}
	if (needs) {
		if (!*yscalar(needs)) {
			pattern_free(p);
			return yerror(yf, needs, "empty 'needs': the pattern could never be tried");
		}
		if (!(p->needs = strdup(yscalar(needs)))) {
			pattern_free(p);
			return NASS_ENOMEM;
		}
	}
	/* Anchored when compiled, so that JIT still applies: a token pattern
	 * is only ever tried where a token starts. */
	if (!(p->re = regex_compile_opts(yscalar(pat), pat->data.scalar.length, PCRE2_ANCHORED,
	                                 msg, sizeof msg, &off))) {
		pattern_free(p);
		return yerror(yf, pat, "bad regex at offset %zu: %s", off, msg);
	}
	/* A later file replaces a pattern of the same name in its place. */
	for (i = 0; i < tr->npats; i++)
		if (!strcmp(tr->pats[i]->name, p->name)) {
			pattern_free(tr->pats[i]);
			tr->pats[i] = p;
			return NASS_OK;
		}
	{
		tpattern **np = realloc(tr->pats, (tr->npats + 1) * sizeof *np);
		if (!np) {
			pattern_free(p);
			return NASS_ENOMEM;
		}
		tr->pats = np;
		tr->pats[tr->npats++] = p;
	}
	return NASS_OK;
}

static int load_patterns(trules *tr, yfile *yf, yaml_node_t *v)
{
	yaml_node_item_t *it;
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of token patterns")))
		return rc;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
		if ((rc = load_pattern(tr, yf, ynode(yf, *it))))
			return rc;
	return NASS_OK;
}

/* Abbreviations add to those loaded before. */
static int load_abbrevs(trules *tr, yfile *yf, yaml_node_t *v)
{
	yaml_node_item_t *it;
	size_t n;
	char **na;
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of abbreviations")))
		return rc;
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (!(na = realloc(tr->abbrevs, (tr->nabbrevs + n + 1) * sizeof *na)))
		return NASS_ENOMEM;
	tr->abbrevs = na;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *a = ynode(yf, *it);
		const char *s = yscalar(a);

		if (!s)
			return yexpect(yf, a, YAML_SCALAR_NODE, "an abbreviation");
		if (!*s || strpbrk(s, " \t\n"))
			return yerror(yf, a, "an abbreviation is one token: no spaces");
		if (!(tr->abbrevs[tr->nabbrevs] = strdup(s)))
			return NASS_ENOMEM;
		tr->nabbrevs++;
	}
	return NASS_OK;
}

/* A string of characters into code points. */
static int load_chars(yfile *yf, yaml_node_t *v, int32_t **out, size_t *n)
{
	const char *s = yscalar(v);
	size_t len, i, k;
	int32_t cp, *cps;
	int bad;

	if (!s)
		return yexpect(yf, v, YAML_SCALAR_NODE, "a string of characters");
	len = v->data.scalar.length;
	if (!(cps = malloc((len + 1) * sizeof *cps)))
		return NASS_ENOMEM;
	for (i = 0, *n = 0; i < len; i += k) {
		k = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
		if (!k || bad) {
			free(cps);
			return yerror(yf, v, "invalid UTF-8");
		}
		cps[(*n)++] = cp;
	}
	free(*out);
	*out = cps;
	return NASS_OK;
}

static int load_sentence(trules *tr, yfile *yf, yaml_node_t *v)
{
	yaml_node_pair_t *q;
	int rc;

	if ((rc = yexpect(yf, v, YAML_MAPPING_NODE, "a mapping (end, close, max_tokens)")))
		return rc;
	for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
		yaml_node_t *k = ynode(yf, q->key), *val = ynode(yf, q->value);
		const char *key = yscalar(k);

		if (key && !strcmp(key, "end"))
			rc = load_chars(yf, val, &tr->ends, &tr->nends);
		else if (key && !strcmp(key, "close"))
			rc = load_chars(yf, val, &tr->closers, &tr->nclosers);
		else if (key && !strcmp(key, "max_tokens")) {
			rc = yint(yf, val, &tr->max_tokens);
			if (!rc && tr->max_tokens < 1)
				rc = yerror(yf, val, "max_tokens must be at least 1");
		} else
			rc = yerror(yf, k, "unknown key '%s' in sentence (expected end, close, max_tokens)",
			            key ? key : "?");
		if (rc)
			return rc;
	}
	return NASS_OK;
}

/* clitics: {lexicon: FILE, weights: FILE, exceptions: FILE}; the files
 * are named relative to this rule file and replace earlier ones. */
static int load_clitics(trules *tr, yfile *yf, yaml_node_t *v)
{
	static const char *names[3] = {"lexicon", "weights", "exceptions"};
	yaml_node_pair_t *q;
	char path[1024];
	int rc, k;

	if ((rc = yexpect(yf, v, YAML_MAPPING_NODE, "a mapping (lexicon, weights, exceptions)")))
		return rc;
	for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
		yaml_node_t *kn = ynode(yf, q->key), *val = ynode(yf, q->value);
		const char *key = yscalar(kn);

		for (k = 0; k < 3 && !(key && !strcmp(key, names[k])); k++)
			;
		if (k == 3)
			return yerror(yf, kn, "unknown key '%s' in clitics (expected lexicon, weights, exceptions)",
			              key ? key : "?");
		if (!yscalar(val))
			return yexpect(yf, val, YAML_SCALAR_NODE, "a file name");
		if (!*yscalar(val))
			return yerror(yf, val, "empty file name");
		if ((rc = rules_resolve(yf, val, yscalar(val), path, sizeof path)))
			return rc;
		free(tr->clitic_files[k]);
		if (!(tr->clitic_files[k] = strdup(path)))
			return NASS_ENOMEM;
	}
	return NASS_OK;
}

int trules_key(trules *tr, yfile *yf, yaml_node_t *key, yaml_node_t *value)
{
	const char *k = yscalar(key);

	if (!strcmp(k, "tokens"))
		return load_patterns(tr, yf, value);
	if (!strcmp(k, "abbreviations"))
		return load_abbrevs(tr, yf, value);
	if (!strcmp(k, "sentence"))
		return load_sentence(tr, yf, value);
	if (!strcmp(k, "clitics"))
		return load_clitics(tr, yf, value);
	return 1;
}

static int put_chars(buf *b, const int32_t *cps, size_t n)
{
	return yaml_put_cps(b, cps, n);
}

int trules_dump(const trules *tr, nass_write_fn write, void *ctx, nass_error *err)
{
	buf b = {0};
	size_t i;
	int rc = 0;

	rc |= buf_puts(&b, "# the tokenize rules in force (tokenize --dump-rules)\n"
	                   "nass: 1\nkind: tokenize\n\ntokens:\n");
	for (i = 0; i < tr->npats; i++) {
		const tpattern *p = tr->pats[i];
		const char *pat = regex_pattern(p->re);

		rc |= buf_puts(&b, "  - name: ");
		rc |= yaml_put_string(&b, p->name, strlen(p->name));
		rc |= buf_puts(&b, "\n    first: ");
		{
			buf f = {0};
			rc |= buf_puts(&f, p->first ? p->first : "");
			if (p->classes & TC_DIGIT)
				rc |= buf_puts(&f, "[digit]");
			if (p->classes & TC_LETTER)
				rc |= buf_puts(&f, "[letter]");
			if (p->classes & TC_LATIN)
				rc |= buf_puts(&f, "[latin]");
			if (p->classes & TC_ANY)
				rc |= buf_puts(&f, "[any]");
			rc |= yaml_put_string(&b, f.data ? f.data : "", f.len);
			buf_free(&f);
		}
		if (p->needs) {
			rc |= buf_puts(&b, "\n    needs: ");
			rc |= yaml_put_string(&b, p->needs, strlen(p->needs));
		}
		rc |= buf_puts(&b, "\n    pattern: ");
		rc |= yaml_put_string(&b, pat, strlen(pat));
		rc |= buf_puts(&b, "\n");
	}
	rc |= buf_puts(&b, "\nabbreviations:\n");
	for (i = 0; i < tr->nabbrevs; i++) {
		rc |= buf_puts(&b, "  - ");
		rc |= yaml_put_string(&b, tr->abbrevs[i], strlen(tr->abbrevs[i]));
		rc |= buf_puts(&b, "\n");
	}
	rc |= buf_puts(&b, "\nsentence:\n  end: ");
	rc |= put_chars(&b, tr->ends, tr->nends);
	rc |= buf_puts(&b, "\n  close: ");
	rc |= put_chars(&b, tr->closers, tr->nclosers);
	rc |= buf_printf(&b, "\n  max_tokens: %ld\n", tr->max_tokens);
	if (tr->clitic_files[0] || tr->clitic_files[1] || tr->clitic_files[2]) {
		static const char *names[3] = {"lexicon", "weights", "exceptions"};
		rc |= buf_puts(&b, "\nclitics:\n");
		for (i = 0; i < 3; i++) {
			if (!tr->clitic_files[i])
				continue;
			rc |= buf_printf(&b, "  %s: ", names[i]);
			rc |= yaml_put_string(&b, tr->clitic_files[i], strlen(tr->clitic_files[i]));
			rc |= buf_puts(&b, "\n");
		}
	}
	return rules_dump_finish(&b, rc, write, ctx, err);
}
