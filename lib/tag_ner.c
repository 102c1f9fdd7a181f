/* tag_ner.c - named entities over a sentence (TAG.md section 6): the
 * gazetteer by longest match, name parts, the learned context rules,
 * then dates, times, money and percentages by hand-written rules, and the
 * names of the document remembered for later sentences. */
#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "nass.h"
#include "tag_internal.h"

/* Entries no longer than this many words; names remembered per document. */
#define GAZ_MAXLEN 6
#define MEMORY_MAX 100000
/* A remembered name is used for this many sentences after it was last
 * seen: an article's names, not a whole corpus read as one document (a
 * wrong span is then forgotten too). */
#define MEMORY_WINDOW 50

void memory_clear(memory *mem)
{
	/* (the tables are rebuilt: a document rarely has many names) */
	lexicon_free(&mem->names);
	lexicon_free(&mem->first);
}

void memory_free(memory *mem)
{
	memory_clear(mem);
	free(mem->type);
	free(mem->len);
	free(mem->seen);
	memset(mem, 0, sizeof *mem);
}

/* The candidates for a name's first word: its key, then the key without
 * each NER proclitic that leaves 3 letters (TAG.md 6.1). */
static int first_key(const tsent *s, size_t i, size_t *from, const char **k, size_t *kn)
{
	const tword *w = &s->w[i];
	size_t off;

	if (*from > w->wi.nstems)
		return 0;
	off = *from ? w->wi.stem[*from - 1] : 0;
	*k = s->keys.data + w->key + off;
	*kn = w->keylen - off;
	++*from;
	return 1;
}

/* The type of the entry k0 + keys of words i+1..i+L-1 in table lx
 * (values typ), or -1. */
static int lookup(const lexicon *lx, const uint8_t *typ, const memory *mem, const tsent *s,
                  size_t i, size_t L, const char *k0, size_t kn, buf *sc)
{
	size_t j;
	long id;

	sc->len = 0;
	if (buf_add(sc, k0, kn))
		return -2;
	for (j = i + 1; j < i + L; j++)
		if (buf_add(sc, " ", 1) || buf_add(sc, s->keys.data + s->w[j].key, s->w[j].keylen))
			return -2;
	id = lexicon_find(lx, sc->data, sc->len);
	if (id >= 0 && mem && mem->seen[id] + MEMORY_WINDOW < mem->now)
		return -1;
	return id < 0 ? -1 : typ[id];
}

static void mark(tsent *s, size_t i, size_t L, int type, int src)
{
	size_t j;

	for (j = i; j < i + L; j++) {
		s->w[j].ner = (uint8_t)(j == i ? NER_B(type) : NER_I(type));
		s->w[j].ner_src = (uint8_t)src;
	}
}

/* Longest match at i in a table with a first-key table: its length, or 0. */
static size_t longest(const lexicon *lx, const uint8_t *typ, const lexicon *first, const uint8_t *flen, const memory *mem, tsent *s,
                      size_t i, int *type, buf *sc)
{
	size_t L, from, kn, maxl = 0;
	const char *k;
	long id;

	for (from = 0; first_key(s, i, &from, &k, &kn);)
		if ((id = lexicon_find(first, k, kn)) >= 0 && flen[id] > maxl)
			maxl = flen[id];
	if (maxl > GAZ_MAXLEN)
		maxl = GAZ_MAXLEN;
	if (maxl > s->n - i)
		maxl = s->n - i;
	for (L = maxl; L >= 1; L--)
		for (from = 0; first_key(s, i, &from, &k, &kn);)
			if ((*type = lookup(lx, typ, mem, s, i, L, k, kn, sc)) >= 0)
				return L;
	return 0;
}

/* A number of 1-4 digits (ASCII, Arabic-Indic or Persian): its value, or -1. */
static long number_value(const char *s, size_t n)
{
	long v = 0;
	size_t i = 0, digits = 0;

	while (i < n && digits < 5) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			v = v * 10 + (c - '0');
			i++;
		} else if (i + 1 < n && c == 0xD9 && (unsigned char)s[i + 1] >= 0xA0 &&
		           (unsigned char)s[i + 1] <= 0xA9) {
			v = v * 10 + ((unsigned char)s[i + 1] - 0xA0);
			i += 2;
		} else if (i + 1 < n && c == 0xDB && (unsigned char)s[i + 1] >= 0xB0 &&
		           (unsigned char)s[i + 1] <= 0xB9) {
			v = v * 10 + ((unsigned char)s[i + 1] - 0xB0);
			i += 2;
		} else
			return -1;
		digits++;
	}
	return digits && digits <= 4 && i == n ? v : -1;
}

static int is_o(const tsent *s, size_t i)
{
	return i < s->n && s->w[i].ner == 0;
}

static const char *key_of(const tsent *s, size_t i, size_t *n)
{
	*n = s->w[i].keylen;
	return s->keys.data + s->w[i].key;
}

/* Word i's key is k. */
static int is_word(const tsent *s, size_t i, const char *k)
{
	return i < s->n && s->w[i].keylen == strlen(k) && !memcmp(s->keys.data + s->w[i].key, k, s->w[i].keylen);
}

/* Word i is a name of one word: a B- tag with no I- after it. */
static int lone_name(const tsent *s, size_t i)
{
	return i < s->n && (s->w[i].ner & 1) && (i + 1 == s->n || !s->w[i + 1].ner || (s->w[i + 1].ner & 1));
}

/* Word i is O, or a name of one word that begins a date name: نيسان is
 * the month (Levantine April) and the carmaker, and the gazetteer's ORG
 * gives way to a date rule that finds a day or a year beside it. */
static int free_for_date(const tsent *s, size_t i)
{
	return is_o(s, i) || (lone_name(s, i) && s->w[i].wi.datelen);
}

/* A month name (one or two words) at i, O or a lone name
 * (free_for_date): its length in words. */
static size_t month_at(const tagmodel *m, tsent *s, size_t i, buf *sc)
{
	size_t L;
	long id;

	if (i >= s->n || !s->w[i].wi.datelen)
		return 0;
	for (L = s->w[i].wi.datelen; L >= 1; L--) {
		size_t j, kn;
		const char *k;
		if (i + L > s->n)
			continue;
		sc->len = 0;
		for (j = i; j < i + L; j++) {
			if (!(L == 1 ? free_for_date(s, j) : is_o(s, j)))
				break;
			k = key_of(s, j, &kn);
			if ((j > i && buf_add(sc, " ", 1)) || buf_add(sc, k, kn))
				return 0;
		}
		if (j == i + L && (id = lexicon_find(&m->dates, sc->data, sc->len)) >= 0 &&
		    m->date_kind[id] == DATE_MONTH)
			return L;
	}
	return 0;
}

/* j follows a month name: past "/ month" if one comes (فبراير/شباط). */
static size_t month_pair(const tagmodel *m, tsent *s, size_t j, buf *sc)
{
	size_t L;
	if (j + 1 < s->n && s->w[j].len == 1 && s->w[j].form[0] == '/' && (L = month_at(m, s, j + 1, sc)))
		return j + 1 + L;
	return j;
}

static int is_year(const tsent *s, size_t i)
{
	long v;
	return is_o(s, i) && (v = number_value(s->w[i].form, s->w[i].len)) >= 1000 && v <= 2999 &&
	       s->w[i].len >= 4;
}

/* weekday? day month[/month] year? | month[/month] year | month/month |
 * year word + year | يوم + weekday: its length at i, or 0. */
static size_t date_at(const tagmodel *m, tsent *s, size_t i, buf *sc)
{
	size_t j = i, L, kn;
	const char *k;
	long day;

	if (s->w[i].wi.datekind == DATE_WEEKDAY) {
		j++;
		k = i ? key_of(s, i - 1, &kn) : NULL;
		if (!(k && kn == 6 && !memcmp(k, "يوم", 6)) && !(is_o(s, j) &&
		    number_value(s->w[j].form, s->w[j].len) >= 1 && month_at(m, s, j + 1, sc)))
			return 0; /* الجمعة, الأحد alone are common words too */
	}
	if (is_o(s, j) && (day = number_value(s->w[j].form, s->w[j].len)) >= 1 && day <= 31 &&
	    (L = month_at(m, s, j + 1, sc))) {
		j = month_pair(m, s, j + 1 + L, sc);
		if (is_year(s, j))
			j++;
		return j - i;
	}
	if (j == i && (L = month_at(m, s, i, sc))) {
		size_t e = month_pair(m, s, i + L, sc);
		if (is_year(s, e))
			return e + 1 - i; /* أبريل / نيسان 1998 */
		if (e > i + L)
			return e - i; /* two names of one month say it is one */
	}
	if (j == i && s->w[i].wi.yearword && is_year(s, i + 1))
		return 2;
	return j - i;
}

/* Number + currency or percent words (with a scale word between for
 * money: 5 ملايين دولار). */
static size_t amount_at(const tagmodel *m, tsent *s, size_t i, int *type, buf *sc)
{
	size_t j = i + 1, kn, L;
	const char *k;
	long id;

	if (!s->w[i].wi.number)
		return 0;
	if (s->w[i].len && s->w[i].form[s->w[i].len - 1] == '%') {
		*type = NER_PERCENT;
		return 1;
	}
	for (L = 2; L >= 1; L--) {
		size_t e;
		if (i + 1 + L > s->n)
			continue;
		sc->len = 0;
		for (e = i + 1; e < i + 1 + L; e++) {
			k = key_of(s, e, &kn);
			if ((e > i + 1 && buf_add(sc, " ", 1)) || buf_add(sc, k, kn))
				return 0;
		}
		if (lexicon_find(&m->percent, sc->data, sc->len) >= 0 && is_o(s, i + 1) &&
		    (L == 1 || is_o(s, i + 2))) {
			*type = NER_PERCENT;
			return 1 + L;
		}
	}
	/* (every word still O: ANERcorp's rules make دولار a MISC, and an
	 * entity is not taken apart) */
	if (is_o(s, j) && (k = key_of(s, j, &kn), (id = lexicon_find(&m->scales, k, kn)) >= 0))
		j++;
	if (is_o(s, j) && s->w[j].wi.currency) {
		*type = NER_MONEY;
		return j + 1 - i;
	}
	return 0;
}

/* 10:30, ١٠:٣٠: hours of 1-2 digits (not 010:30), minutes of exactly 2 (a
 * score such as ٢:١ is not a time). */
static int is_time(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t ml;
	long h, mi;

	if (!colon)
		return 0;
	ml = n - (size_t)(colon - s) - 1;
	h = number_value(s, (size_t)(colon - s));
	mi = number_value(colon + 1, ml);
	/* two digits: 2 ASCII bytes or 4 bytes of Arabic-Indic ones */
	return h >= 0 && h <= 24 && (size_t)(colon - s) <= ((unsigned char)*s < 0x80 ? 2 : 4) &&
	       mi >= 0 && mi <= 59 &&
	       ((ml == 2 && (unsigned char)colon[1] < 0x80) || (ml == 4 && (unsigned char)colon[1] >= 0x80));
}

/* UPOS codes (tag_model.c's order) that never belong to a name. */
static int function_word(int upos)
{
	switch (upos) {
	case 1: case 2: case 4: case 6: case 7: case 8: case 9: case 10: case 11: case 12:
	case 13: case 14: /* ADP PUNCT VERB PRON CCONJ PART ADV NUM AUX DET SCONJ SYM */
		return 1;
	}
	return 0;
}

static int has_al(const tword *w, const tsent *s)
{
	return w->keylen >= 6 && !memcmp(s->keys.data + w->key, "ال", 4);
}

/* A word that looks like (part of) a name: the UPOS step tagged it
 * PROPN, it has no proclitic, and no dictionary knows it as a common
 * word unless it is a known name part (an unknown word alone is too
 * often a common one, ومعالي or بقليل). */
static int namelike(const tword *w)
{
	return w->upos == 5 && !w->wi.nstems && (w->wi.h == '-' || w->wi.part == NER_PER + 1);
}

/* Word i's key is one of the words that tie an Arabic name's parts
 * together: بن بنت (son, daughter of), and for the end of a name also
 * ابو ابي ابا (father of), عبد and آل (house of). */
static int name_link(const tsent *s, size_t i, int at_end)
{
	static const char *const links[] = {"بن", "بنت", "ابو", "ابي", "ابا", "عبد", "ال"};
	size_t k, n = at_end ? sizeof links / sizeof *links : 2;
	for (k = 0; k < n; k++)
		if (is_word(s, i, links[k]))
			return 1;
	return 0;
}

/* Word i is outside any name and may join one: an Arabic word of two
 * letters or more, not punctuation, and before بن not a verb (وقال بن
 * شملان: بن begins a family name there). */
static int may_link(const tsent *s, size_t i, int before)
{
	const tword *w = &s->w[i];
	return !w->ner && w->wi.arabic && w->keylen >= 4 && w->upos != 2 &&
	       !(before && (w->upos == 4 || w->upos == 11)); /* PUNCT; VERB, AUX */
}

/* A person's name does not begin with بن or بنت, nor end with a word
 * that ties it to the next (name_link): the perceptron's علي | بن أبي |
 * طالب is one name, the word before or after taken in (TAG.md 6.3c;
 * under CV 13 names more right and one fewer, 22 wrong spans fewer and
 * 7 more). */
static void patronymic(tsent *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (!s->w[i].ner || NER_TYPEOF(s->w[i].ner) != NER_PER)
			continue;
		if (s->w[i].ner == NER_B(NER_PER) && i && name_link(s, i, 0) && may_link(s, i - 1, 1)) {
			s->w[i - 1].ner = NER_B(NER_PER);
			s->w[i - 1].ner_src = NS_JOIN;
			s->w[i].ner = NER_I(NER_PER);
		}
		if (i + 1 < s->n && name_link(s, i, 1) && may_link(s, i + 1, 0)) {
			s->w[i + 1].ner = NER_I(NER_PER);
			s->w[i + 1].ner_src = NS_JOIN;
		}
	}
}

/* A place, organisation or MISC name that runs on into a person's
 * name: الوكالة الدولية للطاقة الذرية | محمد البرادعي, المتحدث باسم
 * الفيفا | إندرياس هيرين (news sets the person after the body he speaks
 * for).  From its first word after the name's first that is a person's
 * name part (ner-parts.tsv) without ال (a first name: الله | الرحمن
 * الرحيم is no person), with one word or more after it and no trigger
 * before it (جامعة | محمد بن راشد, الملك | فهد are names of their own),
 * the rest is a person; from the word before when that part is بن or
 * بنت.  Under CV 9 names more right and one fewer, 5 wrong spans fewer
 * and 3 more (TAG.md 6.3c). */
static void person_after_name(tsent *s)
{
	size_t i, j, e;

	for (i = 0; i < s->n; i = e) {
		int ty = NER_TYPEOF(s->w[i].ner);
		e = i + 1;
		if (!(s->w[i].ner & 1) || ty == NER_PER || ty > NER_MISC)
			continue; /* not the first word of a LOC, ORG or MISC */
		while (e < s->n && s->w[e].ner == NER_I(ty))
			e++;
		for (j = i + 1; j + 1 < e; j++)
			if (s->w[j].wi.part == NER_PER + 1 && !s->w[j - 1].wi.trigger && !has_al(&s->w[j], s)) {
				if (name_link(s, j, 0) && j - 1 > i)
					j--;
				mark(s, j, e - j, NER_PER, NS_SPLIT);
				break;
			}
	}
}

/* Entity triggers (TAG.md 6.4), on words still O: a title (وزير, السفير)
 * before a name makes it PER, after up to three words with ال between
 * (وزير الخارجية الأردني سامر الخطيب); a head (وزارة, شركة, وكالة) and
 * the nouns and adjectives after it are an ORG; a place noun (مدينة,
 * محافظة) makes the name after it LOC. */
static void triggers(tsent *s)
{
	size_t i, j, k, e;

	for (i = 0; i + 1 < s->n; i++) {
		const tword *t = &s->w[i];

		if (!t->wi.trigger || t->ner)
			continue;
		j = i + 1;
		if (t->wi.trigger == TRIG_TITLE) {
			for (k = 0; k < 3 && j < s->n && !s->w[j].ner && has_al(&s->w[j], s) &&
			            !function_word(s->w[j].upos); k++)
				j++;
			if (j >= s->n || s->w[j].ner || has_al(&s->w[j], s) || !namelike(&s->w[j]))
				continue;
			for (e = j + 1; e < s->n && e < j + 4 && !s->w[e].ner && namelike(&s->w[e]); e++)
				;
			mark(s, j, e - j, NER_PER, NS_TRIGGER);
			i = e - 1;
		} else if (t->wi.trigger == TRIG_ORG) {
			/* the head and what qualifies it: nouns, adjectives, names,
			 * and ل before a noun (البنك الإسلامي ل لتنمية) */
			for (e = j; e < s->n && e < i + 6 && !s->w[e].ner; e++) {
				const tword *w = &s->w[e];
				if (w->wi.lam && e + 1 < s->n && !function_word(s->w[e + 1].upos) &&
				    s->w[e + 1].wi.arabic && e > j)
					continue;
				if (function_word(w->upos) || !w->wi.arabic || w->wi.trigger)
					break;
			}
			while (e > j && s->w[e - 1].wi.lam) /* not ending in ل */
				e--;
			if (e > j) {
				mark(s, i, e - i, NER_ORG, NS_TRIGGER);
				i = e - 1;
			}
		} else if (!s->w[j].ner && namelike(&s->w[j])) {
			mark(s, j, 1, NER_LOC, NS_TRIGGER);
			i = j;
		}
	}
}

/* DATE, TIME, MONEY and PERCENT over words still O, or a month that
 * is a name of one word (free_for_date; TAG.md 6.4). */
static void hand_rules(const tagmodel *m, tsent *s, buf *sc)
{
	size_t i = 0, L;
	int type;

	while (i < s->n) {
		if (!free_for_date(s, i)) {
			i++;
			continue;
		}
		if (is_word(s, i, "يوم") && is_o(s, i + 1) && (L = date_at(m, s, i + 1, sc))) {
			mark(s, i, L + 1, NER_DATE, NS_DATE); /* يوم الثلاثاء */
			i += L + 1;
		} else if ((L = date_at(m, s, i, sc))) {
			mark(s, i, L, NER_DATE, NS_DATE);
			i += L;
		} else if (is_word(s, i, "الساعه") && is_o(s, i + 1) &&
		           is_time(s->w[i + 1].form, s->w[i + 1].len)) {
			i++; /* the next turn takes الساعة with the time */
		} else if (is_time(s->w[i].form, s->w[i].len)) {
			size_t a = i && is_o(s, i - 1) && is_word(s, i - 1, "الساعه") ? i - 1 : i;
			L = 1;
			if (i + 1 < s->n && is_o(s, i + 1) && s->w[i + 1].wi.timeword)
				L = 2;
			mark(s, a, i + L - a, NER_TIME, NS_TIME); /* الساعة 10:30 صباحا */
			i += L;
		} else if ((L = amount_at(m, s, i, &type, sc))) {
			mark(s, i, L, type, type == NER_MONEY ? NS_MONEY : NS_PERCENT);
			i += L;
		} else
			i++;
	}
}

/* A word that can be (the last word of) a name: not a function word,
 * punctuation or a number (a wrong span must not teach في or "." as a
 * name for the rest of the document). */
static int name_word(const tword *w)
{
	return (w->wi.upos == 0 || w->wi.upos == 3 || w->wi.upos == 5) && w->wi.rule != R_CLOSED &&
	       w->keylen >= 6;
}

/* Remember the PER, LOC and ORG names of the sentence, and the last word
 * of a person's name (السوداني after محمد شياع السوداني); a name of one
 * word only if it has five letters or more. */
static int remember(tsent *s, memory *mem, buf *sc)
{
	size_t i = 0, j, before;
	long id, fid;

	while (i < s->n) {
		int type;
		if (!s->w[i].ner || !(s->w[i].ner & 1)) {
			i++;
			continue;
		}
		type = NER_TYPEOF(s->w[i].ner);
		for (j = i + 1; j < s->n && s->w[j].ner == NER_I(type); j++)
			;
		if ((type == NER_PER || type == NER_LOC || type == NER_ORG) && j - i <= GAZ_MAXLEN &&
		    mem->names.n < MEMORY_MAX && name_word(&s->w[i]) && name_word(&s->w[j - 1])) {
			int pass;
			for (pass = 0; pass < 1 + (type == NER_PER && j - i > 1); pass++) {
				size_t a = pass ? j - 1 : i, k;
				/* a one-word name needs five letters (ten bytes): أسد
				 * and دين, found once as names, were tagged all
				 * through an article (NER F1 under CV for 3, 4, 5, 6
				 * letters or none: 73.58, 73.75, 74.15, 74.00, 73.76) */
				if (j - a == 1 && s->w[a].keylen < 10)
					continue;
				sc->len = 0;
				for (k = a; k < j; k++)
					if ((k > a && buf_add(sc, " ", 1)) ||
					    buf_add(sc, s->keys.data + s->w[k].key, s->w[k].keylen))
						return NASS_ENOMEM;
				before = mem->names.n;
				if ((id = lexicon_id(&mem->names, sc->data, sc->len, 1)) < 0 ||
				    array_reserve((void **)&mem->type, &mem->tcap, (size_t)id + 1, 1) ||
				    array_reserve((void **)&mem->seen, &mem->scap, (size_t)id + 1, sizeof *mem->seen))
					return NASS_ENOMEM;
				if (mem->names.n > before)
					mem->type[id] = (uint8_t)type;
				mem->seen[id] = mem->now;
				before = mem->first.n;
				if ((fid = lexicon_id(&mem->first, s->keys.data + s->w[a].key,
				                      s->w[a].keylen, 1)) < 0 ||
				    array_reserve((void **)&mem->len, &mem->lcap, (size_t)fid + 1, 1))
					return NASS_ENOMEM;
				if (mem->first.n > before || mem->len[fid] < j - a)
					mem->len[fid] = (uint8_t)(j - a);
			}
		}
		i = j;
	}
	return NASS_OK;
}

/* TAG.md 6.3b: greedy, left to right, I-T only after B-T or I-T. */
static int percep_ner(const percep *p, tsent *s)
{
	size_t i, n = s->n;
	int32_t *c;
	int t;

	int32_t *ps;

	if (percep_rows(p, s, NA_NATTRS, &c, &ps))
		return NASS_ENOMEM;
	for (i = 0; i < n; i++) {
		const tword *w = &s->w[i];
		int32_t *ci = c + i * NA_NATTRS;
		ci[NA_N] = w->ner < NER_PTAGS ? w->ner : 0;
		ci[NA_K] = w->wi.npair;
		ci[NA_S] = ci[NA_C] = -1;
		ci[NA_H] = w->wi.h == 'O' ? 0 : w->wi.h == 'N' ? 1 : w->wi.h == 'V' ? 2 : 3;
		ci[NA_U] = w->wi.upos;
		ci[NA_P] = 0;
		memcpy(ps + i * PERCEP_MAXSLOTS, w->wi.nslot, sizeof w->wi.nslot);
	}
	for (i = 0; i < n; i++) {
		tword *w = &s->w[i];
		int32_t sc[PERCEP_STRIDE] = {0};
		int best = -1, prev = i ? c[(i - 1) * NA_NATTRS + NA_P] : 0;

		/* a name of the gazetteer stays, but for a person's name of one
		 * word, which is as often a common word (سعيد, حسن, نصر: the
		 * perceptron decides, +0.13 F1 under CV; the document's memory
		 * is only a feature: fixing it too cost 0.8); a number or a
		 * punctuation mark (a form rule's, but for a Latin PROPN) outside
		 * them stays O (the same F1 under CV, in less time), and so does
		 * a hashtag or an @mention, which names no entity (#عاجل) */
		if ((w->ner_src == NS_GAZETTEER &&
		     !(w->ner == NER_B(NER_PER) && (i + 1 == n || s->w[i + 1].ner != NER_I(NER_PER)))) ||
		    (w->wi.rule == R_FORM && w->wi.upos != 5 && !w->ner) ||
		    (!w->ner && w->len > 1 && (w->form[0] == '#' || w->form[0] == '@'))) {
			c[i * NA_NATTRS + NA_P] = w->ner < NER_PTAGS ? w->ner : 0;
			continue;
		}
		for (t = 0; t < NER_PTAGS; t++)
			sc[t] = w->wi.nstat[t];
		percep_score(p, c, ps, n, i, 0, sc);
		percep_score(p, c, ps, n, i, 1, sc);
		for (t = 0; t < NER_PTAGS; t++) {
			if (t && !(t & 1) && (!prev || NER_TYPEOF(prev) != NER_TYPEOF(t)))
				continue; /* I-T: not here */
			if (best < 0 || sc[t] > sc[best])
				best = t;
		}
		c[i * NA_NATTRS + NA_P] = best;
		if (best != w->ner) {
			w->ner = (uint8_t)best;
			w->ner_src = best ? NS_PERCEP : NS_NONE;
		}
	}
	return NASS_OK;
}

int tag_ner(const tagmodel *m, tsent *s, memory *mem, buf *sc)
{
	size_t i, L;
	int type;

	mem->now++;
	s->keys.len = 0;
	for (i = 0; i < s->n; i++) {
		s->w[i].key = s->keys.len;
		if (s->w[i].wi.same_key ? buf_append(&s->keys, s->w[i].form, s->w[i].len)
		                        : arabic_key(s->w[i].form, s->w[i].len, 1, &s->keys))
			return NASS_ENOMEM;
		s->w[i].keylen = s->keys.len - s->w[i].key;
		s->w[i].ner = 0;
		s->w[i].ner_src = NS_NONE;
	}
	/* 1-2: gazetteer (then the document's names), else a name part */
	for (i = 0; i < s->n;) {
		if (s->w[i].wi.gazlen &&
		    (L = longest(&m->gaz, m->gaz_type, &m->gazfirst, m->gazfirst_len, NULL, s, i, &type, sc))) {
			mark(s, i, L, type, NS_GAZETTEER);
			i += L;
		} else if (mem->names.n &&
		           (L = longest(&mem->names, mem->type, &mem->first, mem->len, mem, s, i, &type, sc))) {
			mark(s, i, L, type, NS_MEMORY);
			s->w[i].memlen = (uint8_t)(L < 255 ? L : 255);
			s->w[i].memtype = (uint8_t)type;
			i += L;
		} else {
			if (s->w[i].wi.part) {
				int t = s->w[i].wi.part - 1, prev = i ? s->w[i - 1].ner : 0;
				s->w[i].ner = (uint8_t)(prev && NER_TYPEOF(prev) == t ? NER_I(t) : NER_B(t));
				s->w[i].ner_src = NS_PARTS;
			}
			i++;
		}
	}
	/* 3: the perceptron, or context rules */
	if (m->ner_p.loaded ? percep_ner(&m->ner_p, s) : apply_rules(&m->ner_rules, s, 1))
		return NASS_ENOMEM;
	/* a name of the memory that the perceptron left outside any name
	 * (TAG.md 6.4) */
	for (i = 0; m->ner_p.loaded && i < s->n; i++)
		if (s->w[i].memlen) {
			size_t j, e = i + s->w[i].memlen;
			for (j = i; j < e && j < s->n && !s->w[j].ner; j++)
				;
			if (j == e && (e == s->n || NER_TYPEOF(s->w[e].ner) != s->w[i].memtype ||
			               !(s->w[e].ner && !(s->w[e].ner & 1))))
				mark(s, i, e - i, s->w[i].memtype, NS_MEMORY);
		}
	patronymic(s);
	/* A title (the triggers' list: اللواء, الفنان) leads a person's name
	 * but is no part of it, as ANERcorp marks them: a person beginning
	 * with one begins after it (under CV 6 names more right, 7 wrong
	 * spans fewer and one more; TAG.md 6.3c). */
	for (i = 0; i + 1 < s->n; i++)
		if (s->w[i].ner == NER_B(NER_PER) && s->w[i + 1].ner == NER_I(NER_PER) &&
		    s->w[i].wi.trigger == TRIG_TITLE) {
			s->w[i].ner = 0;
			s->w[i].ner_src = NS_NONE;
			s->w[i + 1].ner = NER_B(NER_PER);
		}
	person_after_name(s);
	/* Arabic writes no two persons' names side by side: a person that
	 * begins right after a person's word, with no و to open it, goes on
	 * with that name (احمد | المالكي, a name part and a gazetteer name;
	 * 3 in 4 such splits under CV are one name, TAG.md 6.3c) */
	for (i = 1; i < s->n; i++)
		if (s->w[i].ner == NER_B(NER_PER) && s->w[i - 1].ner && NER_TYPEOF(s->w[i - 1].ner) == NER_PER &&
		    !(s->w[i].keylen > sizeof "و" - 1 && !memcmp(s->keys.data + s->w[i].key, "و", sizeof "و" - 1))) {
			s->w[i].ner = NER_I(NER_PER);
			s->w[i].ner_src = NS_JOIN;
		}
	/* The other way round, a person's word that is و + a person's name
	 * part begins a new person (بييرو | وماورو كامورانيزي: 15 of 16
	 * under CV; و-names such as وائل and وليد are not و + a name, so
	 * they go on).  And a word that begins longer names of the
	 * gazetteer (سان, نيو, المحيط, شبه) but stands alone is no place,
	 * organisation or MISC name when only the parts made it one: a word
	 * that is such a name alone is in the gazetteer itself (TAG.md
	 * 6.3c; a person's first name alone is one). */
	for (i = 0; i < s->n; i++)
		if (i && s->w[i].ner == NER_I(NER_PER) && s->w[i].wi.wa_person) {
			s->w[i].ner = NER_B(NER_PER);
			s->w[i].ner_src = NS_SPLIT;
		} else if (s->w[i].ner_src == NS_PARTS && s->w[i].wi.gazlen > 1 && lone_name(s, i) &&
		           NER_TYPEOF(s->w[i].ner) != NER_PER) {
			s->w[i].ner = 0;
			s->w[i].ner_src = NS_NONE;
		}
	/* 4: triggers, then dates, times, amounts */
	triggers(s);
	hand_rules(m, s, sc);
	return remember(s, mem, sc);
}
