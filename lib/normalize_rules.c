/* normalize_rules.c - loading, checking and dumping the steps and profiles
 * of `normalize`. */
#include "normalize_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"
#include "io.h"
#include "utf8.h"

#define STEP_KEYS "description, builtin, compose, map, delete, regex"

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

static void step_free(nstep *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nrx; i++) {
		regex_free(s->rx[i].re);
		free(s->rx[i].replace);
	}
	free(s->rx);
	free(s->name);
	free(s->description);
	free(s->map);
	free(s->pool);
	free(s->del);
	free(s);
}

static void profile_free(nprofile *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->lines);
	free(p->columns);
	free(p->name);
	free(p->file);
	free(p);
}

void nrules_free(nrules *nr)
{
	size_t i;

	for (i = 0; i < nr->nsteps; i++)
		step_free(nr->steps[i]);
	for (i = 0; i < nr->nprofiles; i++)
		profile_free(nr->profiles[i]);
	free(nr->steps);
	free(nr->profiles);
	memset(nr, 0, sizeof *nr);
}

const nstep *nrules_step(const nrules *nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr->nsteps; i++)
		if (!strcmp(nr->steps[i]->name, name))
			return nr->steps[i];
	return NULL;
}

static const nprofile *find_profile(const nrules *nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr->nprofiles; i++)
		if (!strcmp(nr->profiles[i]->name, name))
			return nr->profiles[i];
	return NULL;
}

/* Put `item` into `*arr` in place of the entry with the same name (a later
 * file redefines), or append it.  The name is the first member of both
 * nstep and nprofile. */
static int replace_or_add(void ***arr, size_t *n, void *item, const char *name,
                          void (*freefn)(void *))
{
	size_t i;
	void **p;

	for (i = 0; i < *n; i++) {
		if (!strcmp(*(char **)(*arr)[i], name)) {
			freefn((*arr)[i]);
			(*arr)[i] = item;
			return NASS_OK;
		}
	}
	if (!(p = realloc(*arr, (*n + 1) * sizeof *p)))
		return NASS_ENOMEM;
	p[(*n)++] = item;
	*arr = p;
	return NASS_OK;
}

static void step_free_v(void *p) { step_free(p); }
static void profile_free_v(void *p) { profile_free(p); }

static int cmp_map(const void *a, const void *b)
{
	const struct nmap *x = a, *y = b;

	return (x->cp > y->cp) - (x->cp < y->cp);
}

static int cmp_range(const void *a, const void *b)
{
	const struct nrange *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

/* A map value: U+XXXX is that code point, anything else is the string
 * itself (possibly empty, which deletes). */
static int load_value(yfile *yf, yaml_node_t *v, cpbuf *pool)
{
	const char *s = yscalar(v);
	size_t len, i, k;
	int32_t cp;
	int bad;

	if (!s)
		return yexpect(yf, v, YAML_SCALAR_NODE, "a string or U+XXXX");
	len = v->data.scalar.length;
	switch (parse_uplus(s, len, &cp)) {
	case 1:
		return cpbuf_push(pool, cp) ? NASS_ENOMEM : NASS_OK;
	case -1:
		return yerror(yf, v, "bad code point '%s' (expected U+XXXX)", s);
	}
	for (i = 0; i < len; i += k) {
		k = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
		if (!k || bad)
			return yerror(yf, v, "invalid UTF-8 in map value");
		if (cpbuf_push(pool, cp))
			return NASS_ENOMEM;
	}
	return NASS_OK;
}

static int load_map(nstep *st, yfile *yf, yaml_node_t *v)
{
	yaml_node_pair_t *p;
	cpbuf pool = {0};
	size_t n = 0, i;
	int rc;

	if ((rc = yexpect(yf, v, YAML_MAPPING_NODE, "a mapping of code point to string")))
		return rc;
	st->nmap = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	if (!(st->map = calloc(st->nmap + 1, sizeof *st->map)))
		return NASS_ENOMEM;
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++, n++) {
		struct nmap *m = &st->map[n];
		if ((rc = ycodepoint(yf, ynode(yf, p->key), &m->cp)))
			goto fail;
		if (m->cp == '\n') {
			rc = yerror(yf, ynode(yf, p->key), "a step cannot map the newline (normalize keeps lines)");
			goto fail;
		}
		for (i = 0; i < n; i++)
			if (st->map[i].cp == m->cp) {
				rc = yerror(yf, ynode(yf, p->key), "U+%04X is mapped twice", (unsigned)m->cp);
				goto fail;
			}
		m->off = (uint32_t)pool.len;
		if ((rc = load_value(yf, ynode(yf, p->value), &pool)))
			goto fail;
		m->len = (uint32_t)(pool.len - m->off);
		for (i = m->off; i < pool.len; i++) {
			if (pool.data[i] == '\n') {
				rc = yerror(yf, ynode(yf, p->value), "a map value cannot contain a newline (normalize keeps lines)");
				goto fail;
			}
		}
	}
	qsort(st->map, st->nmap, sizeof *st->map, cmp_map);
	st->pool = pool.data;
	st->npool = pool.len;
	return NASS_OK;
fail:
	cpbuf_free(&pool);
	return rc;
}

static int load_delete(nstep *st, yfile *yf, yaml_node_t *v)
{
	yaml_node_item_t *it;
	size_t n = 0, i, out;
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of code points and ranges")))
		return rc;
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (!(st->del = calloc(n + 1, sizeof *st->del)))
		return NASS_ENOMEM;
	for (it = v->data.sequence.items.start, i = 0; it < v->data.sequence.items.top; it++, i++) {
		yaml_node_t *node = ynode(yf, *it);
		if ((rc = yrange(yf, node, &st->del[i].lo, &st->del[i].hi)))
			return rc;
		if (st->del[i].lo <= '\n' && st->del[i].hi >= '\n')
			return yerror(yf, node, "a step cannot delete the newline (normalize keeps lines)");
	}
	qsort(st->del, n, sizeof *st->del, cmp_range);
	/* Merge overlapping and adjacent ranges so lookups can binary-search. */
	for (i = 0, out = 0; i < n; i++) {
		if (out && st->del[i].lo <= st->del[out - 1].hi + 1) {
			if (st->del[i].hi > st->del[out - 1].hi)
				st->del[out - 1].hi = st->del[i].hi;
		} else {
			st->del[out++] = st->del[i];
		}
	}
	st->ndel = out;
	return NASS_OK;
}

static int load_regex(nstep *st, yfile *yf, yaml_node_t *v)
{
	yaml_node_item_t *it;
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of {pattern, replace}")))
		return rc;
	st->nrx = 0;
	if (!(st->rx = calloc((size_t)(v->data.sequence.items.top - v->data.sequence.items.start) + 1,
	                      sizeof *st->rx)))
		return NASS_ENOMEM;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *item = ynode(yf, *it), *pat = NULL, *rep = NULL;
		yaml_node_pair_t *p;
		struct nregex *rx = &st->rx[st->nrx];
		char msg[256];
		size_t off;

		if ((rc = yexpect(yf, item, YAML_MAPPING_NODE, "a mapping with pattern and replace")))
			return rc;
		for (p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ynode(yf, p->key), *val = ynode(yf, p->value);
			const char *key = yscalar(k);
			if (key && !strcmp(key, "pattern"))
				pat = val;
			else if (key && !strcmp(key, "replace"))
				rep = val;
			else
				return yerror(yf, k, "unknown key '%s' in a regex (expected pattern, replace)",
				              key ? key : "?");
			if (!yscalar(val))
				return yexpect(yf, val, YAML_SCALAR_NODE, "a string");
		}
		if (!pat || !rep)
			return yerror(yf, item, "a regex needs both 'pattern' and 'replace'");
		rx->re = regex_compile(yscalar(pat), pat->data.scalar.length, msg, sizeof msg, &off);
		if (!rx->re)
			return yerror(yf, pat, "bad regex at offset %zu: %s", off, msg);
		st->nrx++;
		if (!(rx->replace = dupstr(yscalar(rep))))
			return NASS_ENOMEM;
		if (strchr(rx->replace, '\n'))
			return yerror(yf, rep, "a replacement cannot contain a newline (normalize keeps lines)");
		if (regex_check_replacement(rx->re, rx->replace, msg, sizeof msg))
			return yerror(yf, rep, "%s", msg);
	}
	return NASS_OK;
}

static int load_step(nrules *nr, yfile *yf, yaml_node_t *name, yaml_node_t *v)
{
	nstep *st;
	yaml_node_pair_t *p;
	int rc, charlevel = 0;

	if (!yscalar(name) || !*yscalar(name) || strchr(yscalar(name), ','))
		return yerror(yf, name, "bad step name (a non-empty string without commas)");
	if ((rc = yexpect(yf, v, YAML_MAPPING_NODE, "a mapping (" STEP_KEYS ")")))
		return rc;
	if (!(st = calloc(1, sizeof *st)) || !(st->name = dupstr(yscalar(name)))) {
		free(st);
		return NASS_ENOMEM;
	}
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(yf, p->key), *val = ynode(yf, p->value);
		const char *key = yscalar(k);

		if (!key) {
			rc = yerror(yf, k, "expected a string key");
		} else if (!strcmp(key, "description")) {
			if (!(rc = yexpect(yf, val, YAML_SCALAR_NODE, "a string"))) {
				free(st->description);
				if (!(st->description = dupstr(yscalar(val))))
					rc = NASS_ENOMEM;
			}
		} else if (!strcmp(key, "builtin")) {
			const char *b = yscalar(val);
			/* index 0 is "no builtin", not a name a file may use */
			static const char *names[] = {"", "nfc", "nfkc", "casefold", "spaces"};
			int i, found = 0;

			if (!b) {
				rc = yexpect(yf, val, YAML_SCALAR_NODE, "a string");
			} else {
				for (i = 1; i < 5; i++)
					if (!strcmp(b, names[i]))
						st->builtin = i, found = 1;
				if (!found)
					rc = yerror(yf, val, "unknown builtin '%s' (expected nfc, nfkc, casefold or spaces)", b);
			}
			charlevel = 1;
		} else if (!strcmp(key, "compose")) {
			rc = ybool(yf, val, &st->compose);
			charlevel = 1;
		} else if (!strcmp(key, "map")) {
			rc = st->map ? yerror(yf, k, "duplicate key 'map'") : load_map(st, yf, val);
			charlevel = 1;
		} else if (!strcmp(key, "delete")) {
			rc = st->del ? yerror(yf, k, "duplicate key 'delete'") : load_delete(st, yf, val);
			charlevel = 1;
		} else if (!strcmp(key, "regex")) {
			rc = st->rx ? yerror(yf, k, "duplicate key 'regex'") : load_regex(st, yf, val);
		} else {
			rc = yerror(yf, k, "unknown key '%s' in step '%s' (expected " STEP_KEYS ")",
			            key, st->name);
		}
		if (rc)
			goto fail;
	}
	if (st->rx && charlevel) {
		rc = yerror(yf, name, "step '%s' mixes regex with character rules; make two steps",
		            st->name);
		goto fail;
	}
	if (!st->description && !(st->description = dupstr(""))) {
		rc = NASS_ENOMEM;
		goto fail;
	}
	if ((rc = replace_or_add((void ***)&nr->steps, &nr->nsteps, st, st->name, step_free_v)))
		goto fail;
	return NASS_OK;
fail:
	step_free(st);
	return rc == NASS_ENOMEM ? yerror(yf, v, "out of memory") : rc;
}

static int load_profile(nrules *nr, yfile *yf, yaml_node_t *name, yaml_node_t *v)
{
	nprofile *pr;
	yaml_node_item_t *it;
	size_t n;
	int rc;

	if (!yscalar(name) || !*yscalar(name))
		return yerror(yf, name, "bad profile name");
	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of step names")))
		return rc;
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	pr = calloc(1, sizeof *pr);
	if (!pr || !(pr->name = dupstr(yscalar(name))) || !(pr->file = dupstr(yf->name)) ||
	    !(pr->items = calloc(n + 1, sizeof *pr->items)) ||
	    !(pr->lines = calloc(n + 1, sizeof(int))) || !(pr->columns = calloc(n + 1, sizeof(int)))) {
		profile_free(pr);
		return yerror(yf, v, "out of memory");
	}
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *item = ynode(yf, *it);
		if (!yscalar(item)) {
			profile_free(pr);
			return yexpect(yf, item, YAML_SCALAR_NODE, "a step name");
		}
		pr->lines[pr->n] = (int)item->start_mark.line + 1;
		pr->columns[pr->n] = (int)item->start_mark.column + 1;
		if (!(pr->items[pr->n++] = dupstr(yscalar(item)))) {
			profile_free(pr);
			return yerror(yf, v, "out of memory");
		}
	}
	if (replace_or_add((void ***)&nr->profiles, &nr->nprofiles, pr, pr->name, profile_free_v)) {
		profile_free(pr);
		return yerror(yf, v, "out of memory");
	}
	return NASS_OK;
}

int nrules_key(nrules *nr, yfile *yf, yaml_node_t *key, yaml_node_t *value)
{
	int (*each)(nrules *, yfile *, yaml_node_t *, yaml_node_t *);
	yaml_node_pair_t *p;
	int rc;

	if (!strcmp(yscalar(key), "steps"))
		each = load_step;
	else if (!strcmp(yscalar(key), "profiles"))
		each = load_profile;
	else
		return 1;
	if ((rc = yexpect(yf, value, YAML_MAPPING_NODE, "a mapping of names")))
		return rc;
	for (p = value->data.mapping.pairs.start; p < value->data.mapping.pairs.top; p++)
		if ((rc = each(nr, yf, ynode(yf, p->key), ynode(yf, p->value))))
			return rc;
	return NASS_OK;
}

#define MAX_PROFILE_DEPTH 64

/* Expand a profile into steps, appending to a list without repeats;
 * stack[0..depth) holds the profiles being expanded, so that a cycle is
 * found at the item that closes it. */
static int expand(const nrules *nr, const nprofile *pr, const nstep ***list,
                  size_t *n, const nprofile **stack, int depth, nass_error *err)
{
	size_t i, j;
	int d;

	if (depth >= MAX_PROFILE_DEPTH)
		return error_set(err, NASS_ERULES, pr->file, pr->lines[0], pr->columns[0],
		                 "profiles nested more than %d deep", MAX_PROFILE_DEPTH);
	stack[depth++] = pr;
	for (i = 0; i < pr->n; i++) {
		const nstep *st = nrules_step(nr, pr->items[i]);
		const nprofile *sub;
		int rc;

		if (st) {
			for (j = 0; j < *n && (*list)[j] != st; j++)
				;
			if (j == *n) {
				const nstep **l = realloc(*list, (*n + 1) * sizeof *l);
				if (!l)
					return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
				l[(*n)++] = st;
				*list = l;
			}
		} else if ((sub = find_profile(nr, pr->items[i]))) {
			for (d = 0; d < depth; d++)
				if (stack[d] == sub)
					return error_set(err, NASS_ERULES, pr->file, pr->lines[i],
					                 pr->columns[i], "profile '%s' includes itself",
					                 sub->name);
			if ((rc = expand(nr, sub, list, n, stack, depth, err)))
				return rc;
		} else {
			return error_set(err, NASS_ERULES, pr->file, pr->lines[i], pr->columns[i],
			                 "unknown step '%s' in profile '%s'", pr->items[i], pr->name);
		}
	}
	return NASS_OK;
}

int nrules_check(const nrules *nr, nass_error *err)
{
	size_t i, n;
	int rc = NASS_OK;

	for (i = 0; i < nr->nprofiles && !rc; i++) {
		const nstep **list = NULL;
		n = 0;
		const nprofile *stack[MAX_PROFILE_DEPTH];
		rc = expand(nr, nr->profiles[i], &list, &n, stack, 0, err);
		free(list);
	}
	return rc;
}

/* Call fn for each name in a comma-separated list. */
static int each_name(const char *csv, int (*fn)(void *, const char *), void *ctx)
{
	char name[128];
	const char *p = csv, *e;
	int rc;

	while (p && *p) {
		e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len >= sizeof name)
			len = sizeof name - 1;
		memcpy(name, p, len);
		name[len] = 0;
		if (len && (rc = fn(ctx, name)))
			return rc;
		p = e ? e + 1 : NULL;
	}
	return NASS_OK;
}

struct edit {
	const nrules *nr;
	const nstep ***list;
	size_t *n;
	nass_error *err;
};

static int add_one(void *ctx, const char *name)
{
	struct edit *e = ctx;
	const nstep *st = nrules_step(e->nr, name);
	const nstep **l;
	size_t j;

	if (!st)
		return error_set(e->err, NASS_EINVAL, NULL, 0, 0,
		                 "unknown step '%s' (see --list-steps)", name);
	for (j = 0; j < *e->n; j++)
		if ((*e->list)[j] == st)
			return NASS_OK;
	if (!(l = realloc(*e->list, (*e->n + 1) * sizeof *l)))
		return error_set(e->err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	l[(*e->n)++] = st;
	*e->list = l;
	return NASS_OK;
}

static int remove_one(void *ctx, const char *name)
{
	struct edit *e = ctx;
	const nstep *st = nrules_step(e->nr, name);
	size_t i, j;

	if (!st)
		return error_set(e->err, NASS_EINVAL, NULL, 0, 0,
		                 "unknown step '%s' (see --list-steps)", name);
	for (i = j = 0; i < *e->n; i++)
		if ((*e->list)[i] != st)
			(*e->list)[j++] = (*e->list)[i];
	*e->n = j;
	return NASS_OK;
}

int nrules_expand(const nrules *nr, const char *profile, const char *add,
                  const char *remove, const nstep ***out, size_t *n,
                  nass_error *err)
{
	const nprofile *pr = find_profile(nr, profile ? profile : "default");
	const nprofile *stack[MAX_PROFILE_DEPTH];
	struct edit e = {nr, out, n, err};
	int rc;

	*out = NULL;
	*n = 0;
	if (!pr)
		return error_set(err, NASS_EINVAL, NULL, 0, 0, "unknown profile '%s'",
		                 profile ? profile : "default");
	if ((rc = expand(nr, pr, out, n, stack, 0, err)) || (rc = each_name(add, add_one, &e)) ||
	    (rc = each_name(remove, remove_one, &e))) {
		free(*out);
		*out = NULL;
		return rc;
	}
	return NASS_OK;
}

const struct nmap *nstep_map_find(const nstep *s, int32_t cp)
{
	struct nmap key = {cp, 0, 0};

	return s->nmap ? bsearch(&key, s->map, s->nmap, sizeof key, cmp_map) : NULL;
}

int nstep_deletes(const nstep *s, int32_t cp)
{
	size_t lo = 0, hi = s->ndel;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < s->del[mid].lo)
			hi = mid;
		else if (cp > s->del[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}


static int cmp_step_name(const void *a, const void *b)
{
	return strcmp((*(const nstep *const *)a)->name, (*(const nstep *const *)b)->name);
}

int nass_rules_steps(const nass_rules *rules, nass_step_fn fn, void *ctx)
{
	const nrules *nr = &rules->normalize;
	const nstep **sorted = malloc((nr->nsteps + 1) * sizeof *sorted);
	size_t i;
	int rc = NASS_OK;

	if (!sorted)
		return NASS_ENOMEM;
	if (nr->nsteps)
		memcpy(sorted, nr->steps, nr->nsteps * sizeof *sorted);
	qsort(sorted, nr->nsteps, sizeof *sorted, cmp_step_name);
	for (i = 0; i < nr->nsteps && !rc; i++)
		rc = fn(ctx, sorted[i]->name, sorted[i]->description);
	free(sorted);
	return rc;
}

int nrules_dump(const nrules *nr, nass_write_fn write, void *ctx, nass_error *err)
{
	buf b = {0};
	size_t i, j;
	int rc = 0;

	rc |= buf_puts(&b, "# the normalize rules in force (normalize --dump-rules)\n"
	              "nass: 1\nkind: normalize\n\nsteps:");
	/* An empty section is {}: a bare key would be a null, not a map. */
	rc |= buf_puts(&b, nr->nsteps ? "\n" : " {}\n");
	for (i = 0; i < nr->nsteps; i++) {
		const nstep *st = nr->steps[i];
		static const char *builtins[] = {"none", "nfc", "nfkc", "casefold", "spaces"};

		rc |= buf_puts(&b, "  ");
		rc |= yaml_put_string(&b, st->name, strlen(st->name));
		rc |= buf_puts(&b, ":\n    description: ");
		rc |= yaml_put_string(&b, st->description, strlen(st->description));
		rc |= buf_puts(&b, "\n");
		if (st->builtin)
			rc |= buf_printf(&b, "    builtin: %s\n", builtins[st->builtin]);
		if (st->compose)
			rc |= buf_puts(&b, "    compose: true\n");
		if (st->nmap)
			rc |= buf_puts(&b, "    map:\n");
		for (j = 0; j < st->nmap; j++) {
			rc |= buf_printf(&b, "      U+%04X: ", (unsigned)st->map[j].cp);
			rc |= yaml_put_cps(&b, st->pool + st->map[j].off, st->map[j].len);
			rc |= buf_puts(&b, "\n");
		}
		if (st->ndel)
			rc |= buf_puts(&b, "    delete:\n");
		for (j = 0; j < st->ndel; j++) {
			if (st->del[j].lo == st->del[j].hi)
				rc |= buf_printf(&b, "      - U+%04X\n", (unsigned)st->del[j].lo);
			else
				rc |= buf_printf(&b, "      - U+%04X..U+%04X\n", (unsigned)st->del[j].lo,
				           (unsigned)st->del[j].hi);
		}
		if (st->nrx)
			rc |= buf_puts(&b, "    regex:\n");
		for (j = 0; j < st->nrx; j++) {
			const char *pat = regex_pattern(st->rx[j].re);
			rc |= buf_puts(&b, "      - pattern: ");
			rc |= yaml_put_string(&b, pat, strlen(pat));
			rc |= buf_puts(&b, "\n        replace: ");
			rc |= yaml_put_string(&b, st->rx[j].replace, strlen(st->rx[j].replace));
			rc |= buf_puts(&b, "\n");
		}
	}
	rc |= buf_puts(&b, nr->nprofiles ? "\nprofiles:\n" : "\nprofiles: {}\n");
	for (i = 0; i < nr->nprofiles; i++) {
		const nprofile *pr = nr->profiles[i];
		rc |= buf_puts(&b, "  ");
		rc |= yaml_put_string(&b, pr->name, strlen(pr->name));
		rc |= buf_puts(&b, ": [");
		for (j = 0; j < pr->n; j++) {
			if (j)
				rc |= buf_puts(&b, ", ");
			rc |= yaml_put_string(&b, pr->items[j], strlen(pr->items[j]));
		}
		rc |= buf_puts(&b, "]\n");
	}
	return rules_dump_finish(&b, rc, write, ctx, err);
}
