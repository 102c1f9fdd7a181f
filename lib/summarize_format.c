/* summarize_format.c - writing a summary as text, TSV, CoNLL-U or JSON
 * (summarize(1) shows each). */
#include <stdio.h>
#include <string.h>

#include "summarize_internal.h"

/* A TSV field: tabs and newlines would break the columns. */
static int put_field(buf *b, const char *s, size_t n)
{
	size_t i, start = b->len;

	if (buf_append(b, s, n))
		return NASS_ENOMEM;
	for (i = start; i < b->len; i++)
		if (b->data[i] == '\t' || b->data[i] == '\n' || b->data[i] == '\r')
			b->data[i] = ' ';
	return NASS_OK;
}

/* A JSON string, quoted: quotes, backslashes and controls escaped. */
static int put_json(buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	int rc = buf_append(b, "\"", 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		rc |= buf_append(b, s + run, i - run);
		run = i + 1;
		if (c == '"' || c == '\\')
			rc |= buf_printf(b, "\\%c", c);
		else if (c == '\n')
			rc |= buf_puts(b, "\\n");
		else if (c == '\t')
			rc |= buf_puts(b, "\\t");
		else
			rc |= buf_printf(b, "\\u%04x", c);
	}
	rc |= buf_append(b, s + run, n - run);
	return rc | buf_append(b, "\"", 1);
}

/* "# keywords = a, b" and "# entities = NAME (TYPE COUNT), ..." lines. */
static int put_lists(buf *b, const nass_summary *sum, int format)
{
	size_t i;
	int rc = 0;

	if (format & NASS_SUMMARY_KEYWORDS) {
		rc |= buf_puts(b, "# keywords =");
		for (i = 0; i < sum->nkeywords; i++) {
			rc |= buf_puts(b, i ? ", " : " ");
			rc |= put_field(b, sum->keywords[i].text, strlen(sum->keywords[i].text));
		}
		rc |= buf_puts(b, "\n");
	}
	if (format & NASS_SUMMARY_ENTITIES) {
		rc |= buf_puts(b, "# entities =");
		for (i = 0; i < sum->nentities; i++) {
			const nass_entity *e = &sum->entities[i];
			rc |= buf_puts(b, i ? ", " : " ");
			rc |= put_field(b, e->text, strlen(e->text));
			rc |= buf_printf(b, " (%s %zu)", e->type, e->count);
		}
		rc |= buf_puts(b, "\n");
	}
	return rc;
}

static int text(buf *b, const nass_summary *sum, int format)
{
	size_t i;
	int rc = 0;

	/* A blank line between documents. */
	if (!(format & NASS_SUMMARY_FIRST))
		rc |= buf_puts(b, "\n");
	for (i = 0; i < sum->nsentences; i++)
		if (sum->sentences[i].rank) {
			rc |= buf_append(b, sum->sentences[i].text, sum->sentences[i].text_len);
			rc |= buf_puts(b, "\n");
		}
	return rc | put_lists(b, sum, format);
}

static int tsv_row(buf *b, const nass_summary *sum, const char *what, size_t rank, const char *score,
                   const char *s, size_t n)
{
	int rc = put_field(b, sum->doc_id, strlen(sum->doc_id));

	rc |= buf_printf(b, "\t%s\t%zu\t%s\t", what, rank, score);
	rc |= put_field(b, s, n);
	return rc;
}

static int tsv(buf *b, const nass_summary *sum, int format)
{
	int explain = format & NASS_SUMMARY_EXPLAIN, rc = 0, k;
	char num[64];
	size_t i;

	if (format & NASS_SUMMARY_FIRST) {
		rc |= buf_puts(b, "doc\tsent_id\trank\tscore\ttext");
		for (k = 0; explain && k < NASS_PARTS; k++)
			rc |= buf_printf(b, "\t%s", nass_summary_part_name(k));
		rc |= buf_puts(b, "\n");
	}
	/* --explain lists every sentence (rank 0: not chosen) with its parts. */
	for (i = 0; i < sum->nsentences; i++) {
		const nass_summary_sentence *ss = &sum->sentences[i];
		if (!ss->rank && !explain)
			continue;
		snprintf(num, sizeof num, "%.4f", ss->score);
		rc |= tsv_row(b, sum, ss->sent_id, ss->rank, num, ss->text, ss->text_len);
		for (k = 0; explain && k < NASS_PARTS; k++)
			rc |= buf_printf(b, "\t%.4f", ss->parts[k]);
		rc |= buf_puts(b, "\n");
	}
	for (i = 0; (format & NASS_SUMMARY_KEYWORDS) && i < sum->nkeywords; i++) {
		snprintf(num, sizeof num, "%.4f", sum->keywords[i].score);
		rc |= tsv_row(b, sum, "keyword", i + 1, num, sum->keywords[i].text, strlen(sum->keywords[i].text));
		for (k = 0; explain && k < NASS_PARTS; k++)
			rc |= buf_puts(b, "\t");
		rc |= buf_puts(b, "\n");
	}
	for (i = 0; (format & NASS_SUMMARY_ENTITIES) && i < sum->nentities; i++) {
		const nass_entity *e = &sum->entities[i];
		char what[80];
		snprintf(what, sizeof what, "entity:%s", e->type);
		snprintf(num, sizeof num, "%zu", e->count);
		rc |= tsv_row(b, sum, what, i + 1, num, e->text, strlen(e->text));
		for (k = 0; explain && k < NASS_PARTS; k++)
			rc |= buf_puts(b, "\t");
		rc |= buf_puts(b, "\n");
	}
	return rc;
}

/* The chosen blocks as read; the document's `# newdoc` line (and the
 * keyword and entity comments) go before the first. */
static int conllu(buf *b, const nass_summary *sum, int format)
{
	int rc = 0, first = 1;
	size_t i;

	for (i = 0; i < sum->nsentences; i++) {
		const nass_summary_sentence *ss = &sum->sentences[i];
		const char *p = ss->conllu;
		size_t n = ss->conllu_len;

		if (!ss->rank)
			continue;
		if (first) {
			/* The block's own # newdoc line, among its comments (UDPipe
			 * puts # generator first), or one of ours before it. */
			const char *q = p, *end = p + n, *nl;
			size_t k = 0;

			for (; q < end && *q == '#'; q = nl + 1) {
				if (!(nl = memchr(q, '\n', (size_t)(end - q))))
					break;
				if (summarize_is_newdoc(q, (size_t)(nl - q))) {
					k = (size_t)(nl + 1 - p);
					break;
				}
			}
			if (k) {
				rc |= buf_append(b, p, k);
				p += k, n -= k;
			} else {
				rc |= buf_puts(b, "# newdoc id = ");
				rc |= put_field(b, sum->doc_id, strlen(sum->doc_id));
				rc |= buf_puts(b, "\n");
			}
			rc |= put_lists(b, sum, format);
			first = 0;
		}
		rc |= buf_append(b, p, n);
		rc |= buf_puts(b, "\n");
	}
	return rc;
}

static int json(buf *b, const nass_summary *sum, int format)
{
	size_t i, k = 0;
	int rc = buf_puts(b, "{\"id\":"), p;

	rc |= put_json(b, sum->doc_id, strlen(sum->doc_id));
	rc |= buf_puts(b, ",\"sentences\":[");
	for (i = 0; i < sum->nsentences; i++) {
		const nass_summary_sentence *ss = &sum->sentences[i];
		if (!ss->rank && !(format & NASS_SUMMARY_EXPLAIN))
			continue;
		rc |= buf_puts(b, k++ ? ",{\"sent_id\":" : "{\"sent_id\":");
		rc |= put_json(b, ss->sent_id, strlen(ss->sent_id));
		rc |= buf_printf(b, ",\"rank\":%zu,\"score\":%.4f,\"text\":", ss->rank, ss->score);
		rc |= put_json(b, ss->text, ss->text_len);
		if (format & NASS_SUMMARY_EXPLAIN) {
			for (p = 0; p < NASS_PARTS; p++)
				rc |= buf_printf(b, "%s\"%s\":%.4f", p ? "," : ",\"parts\":{", nass_summary_part_name(p),
				                 ss->parts[p]);
			rc |= buf_puts(b, "}");
		}
		rc |= buf_puts(b, "}");
	}
	rc |= buf_puts(b, "]");
	if (format & NASS_SUMMARY_KEYWORDS) {
		rc |= buf_puts(b, ",\"keywords\":[");
		for (i = 0; i < sum->nkeywords; i++) {
			rc |= buf_puts(b, i ? ",{\"text\":" : "{\"text\":");
			rc |= put_json(b, sum->keywords[i].text, strlen(sum->keywords[i].text));
			rc |= buf_printf(b, ",\"score\":%.4f}", sum->keywords[i].score);
		}
		rc |= buf_puts(b, "]");
	}
	if (format & NASS_SUMMARY_ENTITIES) {
		rc |= buf_puts(b, ",\"entities\":[");
		for (i = 0; i < sum->nentities; i++) {
			const nass_entity *e = &sum->entities[i];
			rc |= buf_puts(b, i ? ",{\"text\":" : "{\"text\":");
			rc |= put_json(b, e->text, strlen(e->text));
			rc |= buf_puts(b, ",\"type\":");
			rc |= put_json(b, e->type, strlen(e->type));
			rc |= buf_printf(b, ",\"count\":%zu}", e->count);
		}
		rc |= buf_puts(b, "]");
	}
	return rc | buf_puts(b, "}\n");
}

int nass_summary_format(nass_summarizer *s, const nass_summary *sum, int format, const char **out, size_t *len)
{
	buf *b = &s->out;
	int rc;

	b->len = 0;
	switch (format & 0xff) {
	case NASS_SUMMARY_TEXT: rc = text(b, sum, format); break;
	case NASS_SUMMARY_TSV: rc = tsv(b, sum, format); break;
	case NASS_SUMMARY_CONLLU: rc = conllu(b, sum, format); break;
	case NASS_SUMMARY_JSON: rc = json(b, sum, format); break;
	default: return NASS_EINVAL;
	}
	if (rc)
		return NASS_ENOMEM;
	*out = b->data ? b->data : "";
	*len = b->len;
	return NASS_OK;
}
