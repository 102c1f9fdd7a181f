/* yaml_load.c - strict YAML helpers on libyaml's document API. */
#include "yaml_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "io.h"
#include "utf8.h"

#include <utf8proc.h>

/* Line and column (from 1, in characters) of a byte offset in text. */
static void text_position(const char *text, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

int yfile_parse(yfile *yf, const char *name, const char *text, size_t len,
                nass_error *err)
{
	yaml_parser_t parser;
	int ok;

	memset(yf, 0, sizeof *yf);
	yf->name = name;
	yf->err = err;
	if (!yaml_parser_initialize(&parser))
		return error_set(err, NASS_ENOMEM, name, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ok = yaml_parser_load(&parser, &yf->doc);
	if (!ok) {
		const yaml_mark_t *m = &parser.problem_mark;
		int rc, line, col;

		/* Where the trouble started is more useful than the end of
		 * the file, where an unclosed quote or bracket is found. */
		if (parser.context && (!m->line && !m->column ? 1 : m->index >= len))
			m = &parser.context_mark;
		line = (int)m->line + 1;
		col = (int)m->column + 1;
		if (parser.error == YAML_READER_ERROR) /* no mark: count to the offset */
			text_position(text, parser.problem_offset < len ? parser.problem_offset : len,
			              &line, &col);
		rc = error_set(err, NASS_ERULES, name, line, col, "YAML syntax: %s%s%s",
		               parser.problem ? parser.problem : "error",
		               parser.context ? " " : "",
		               parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return rc;
	}
	if (yaml_document_get_root_node(&yf->doc)) {
		/* A second document would be ignored: say so instead. */
		yaml_document_t next;
		int line = (int)parser.mark.line + 1, more;

		if (!yaml_parser_load(&parser, &next)) {
			more = 1;
		} else {
			more = yaml_document_get_root_node(&next) != NULL;
			yaml_document_delete(&next);
		}
		if (more) {
			yaml_parser_delete(&parser);
			yaml_document_delete(&yf->doc);
			return error_set(err, NASS_ERULES, name, line, 1,
			                 "a rule file holds one YAML document; another starts here");
		}
	}
	yaml_parser_delete(&parser);
	if (!yaml_document_get_root_node(&yf->doc)) {
		yaml_document_delete(&yf->doc);
		return error_set(err, NASS_ERULES, name, 1, 1,
		                 "empty rule file (expected a mapping with 'nass: 1')");
	}
	return NASS_OK;
}

void yfile_free(yfile *yf)
{
	yaml_document_delete(&yf->doc);
}

yaml_node_t *yfile_root(yfile *yf)
{
	return yaml_document_get_root_node(&yf->doc);
}

yaml_node_t *ynode(yfile *yf, int index)
{
	return yaml_document_get_node(&yf->doc, index);
}

int yerror(yfile *yf, const yaml_node_t *node, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error_set(yf->err, NASS_ERULES, yf->name,
	                 node ? (int)node->start_mark.line + 1 : 0,
	                 node ? (int)node->start_mark.column + 1 : 0, "%s", msg);
}

static const char *type_name(yaml_node_type_t t)
{
	switch (t) {
	case YAML_SCALAR_NODE: return "a scalar";
	case YAML_SEQUENCE_NODE: return "a list";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "nothing";
	}
}

int yexpect(yfile *yf, const yaml_node_t *node, yaml_node_type_t type,
            const char *what)
{
	if (node->type == type)
		return NASS_OK;
	return yerror(yf, node, "expected %s, found %s", what,
	              type_name(node->type));
}

const char *yscalar(const yaml_node_t *node)
{
	return node->type == YAML_SCALAR_NODE
	           ? (const char *)node->data.scalar.value
	           : NULL;
}

int yint(yfile *yf, const yaml_node_t *node, long *out)
{
	const char *s = yscalar(node);
	long v = 0;

	if (!s || !*s || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return yerror(yf, node, "expected an integer");
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return yerror(yf, node, "expected an integer, found '%s'",
			              yscalar(node));
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return NASS_OK;
}

int ybool(yfile *yf, const yaml_node_t *node, int *out)
{
	const char *s = yscalar(node);

	if (s && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (!strcmp(s, "true") || !strcmp(s, "yes")) {
			*out = 1;
			return NASS_OK;
		}
		if (!strcmp(s, "false") || !strcmp(s, "no")) {
			*out = 0;
			return NASS_OK;
		}
	}
	return yerror(yf, node, "expected true or false");
}

int parse_uplus(const char *s, size_t len, int32_t *out)
{
	int32_t v = 0;
	size_t i;

	if (len < 2 || (s[0] != 'U' && s[0] != 'u') || s[1] != '+')
		return 0;
	if (len < 6 || len > 8)
		return -1;
	for (i = 2; i < len; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*out = v;
	return 1;
}

/* A code point given as text: U+XXXX or exactly one character. */
static int text_codepoint(const char *s, size_t len, int32_t *out)
{
	int bad;
	int r = parse_uplus(s, len, out);

	if (r)
		return r;
	if (len == 0 || utf8_decode((const unsigned char *)s, len, out, &bad) != len ||
	    bad)
		return -1;
	return 1;
}

int ycodepoint(yfile *yf, const yaml_node_t *node, int32_t *out)
{
	const char *s = yscalar(node);

	if (!s)
		return yerror(yf, node, "expected a code point (U+XXXX or one character), found %s",
		              type_name(node->type));
	if (text_codepoint(s, node->data.scalar.length, out) != 1)
		return yerror(yf, node,
		              "bad code point '%s' (expected U+XXXX or one character)",
		              s);
	return NASS_OK;
}

int yrange(yfile *yf, const yaml_node_t *node, int32_t *lo, int32_t *hi)
{
	const char *s = yscalar(node);
	const char *dots;

	if (s && (dots = strstr(s, ".."))) {
		size_t n1 = (size_t)(dots - s);
		size_t n2 = node->data.scalar.length - n1 - 2;

		if (text_codepoint(s, n1, lo) == 1 && text_codepoint(dots + 2, n2, hi) == 1 &&
		    *hi < *lo)
			return yerror(yf, node, "reversed code point range '%s' (the first end must be the lower)", s);
		if (text_codepoint(s, n1, lo) != 1 ||
		    text_codepoint(dots + 2, n2, hi) != 1)
			return yerror(yf, node,
			              "bad code point range '%s' (expected U+XXXX..U+YYYY)",
			              s);
		return NASS_OK;
	}
	if (ycodepoint(yf, node, lo))
		return NASS_ERULES;
	*hi = *lo;
	return NASS_OK;
}

static int put_cp(buf *b, int32_t cp)
{
	char tmp[16];
	int n;
	utf8proc_category_t cat = utf8proc_category(cp);

	if (cp == '"' || cp == '\\') {
		tmp[0] = '\\';
		tmp[1] = (char)cp;
		return buf_append(b, tmp, 2);
	}
	if (cp < 0x20 || cp == 0x7F || cat == UTF8PROC_CATEGORY_MN ||
	    cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_CF ||
	    cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CO ||
	    cat == UTF8PROC_CATEGORY_CN || cat == UTF8PROC_CATEGORY_ZL ||
	    cat == UTF8PROC_CATEGORY_ZP || (cat == UTF8PROC_CATEGORY_ZS && cp != ' ')) {
		n = cp > 0xFFFF ? snprintf(tmp, sizeof tmp, "\\U%08X", (unsigned)cp)
		                : snprintf(tmp, sizeof tmp, "\\u%04X", (unsigned)cp);
		return buf_append(b, tmp, (size_t)n);
	}
	return buf_append_cp(b, cp);
}

int yaml_put_cps(buf *b, const int32_t *cps, size_t n)
{
	size_t i;
	int rc = buf_append(b, "\"", 1);

	for (i = 0; i < n && !rc; i++)
		rc = put_cp(b, cps[i]);
	return rc ? rc : buf_append(b, "\"", 1);
}

int yaml_put_string(buf *b, const char *s, size_t len)
{
	size_t i, k;
	int32_t cp;
	int bad, rc = buf_append(b, "\"", 1);

	for (i = 0; i < len && !rc; i += k) {
		k = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
		if (!k)
			k = 1, cp = UTF8_REPLACEMENT;
		rc = put_cp(b, cp);
	}
	return rc ? rc : buf_append(b, "\"", 1);
}
