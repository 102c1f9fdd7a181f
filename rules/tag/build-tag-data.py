#!/usr/bin/env python3
"""Build the data files for `tag` (see TAG.md) and measure them.

Reads (never copies running text from) ../shared/data beside the repository:
  ud-pud/pud-dev.conllu    UD Arabic-PUD dev half (CC BY-SA 4.0): word->UPOS
                           lexicon, affix rules, context rules (TBL); lemma check
  ner/anercorp-train.txt   ANERcorp train (CC BY-SA 4.0, CAMeL Lab release):
                           gazetteer with counts, NER context rules
  lexicons/hunspell-ar     Ayaspell (MPL-1.1 option): noun/verb class of forms
  lexicons/cldr-ar         CLDR 41 Arabic (Unicode-DFS-2016): countries,
                           months, weekdays
  ../tokenize/clitic-lexicon.tsv  ANT news key counts (counts only), to keep
                           only hunspell forms that occur in news
  corpora/ant-news.txt     ANT news: context profiles of words (counts only,
                           no text kept) for the news step (tag-news.tsv)
  tag-clusters.tsv         (in this folder, from build-clusters.py) word classes
                           of news keys: cluster features of the perceptrons
                           (--no-clusters: without them)
ud-padt-v1 (non-commercial) is read ONLY with --padt, for an information figure.
The GATE gazetteer (LGPL-3.0) is not used.

Usage: build-tag-data.py [--data DIR] [--cv [--cv-only upos|ner] [--no-insample]] [--padt] [--no-write] [--jobs N]
                         [--clusters FILE] [--cl-feats GROUPS] [--no-clusters]
Python 3 standard library only; deterministic output.
"""
import argparse
import collections
import math
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- characters
def _ranges(*rs):
    s = set()
    for a, b in rs:
        s.update(chr(c) for c in range(a, b + 1))
    return s

TATWEEL = '\u0640'
MARKS = _ranges((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
                (0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED)) | {TATWEEL}
LETTERS = _ranges((0x0621, 0x063A), (0x0641, 0x064A), (0x066E, 0x066F),
                  (0x0671, 0x06D3), (0x06D5, 0x06D5), (0x06EE, 0x06EF),
                  (0x06FA, 0x06FC), (0x06FF, 0x06FF))
FOLD = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه',
        'ی': 'ي', 'ک': 'ك'}


def key(s):
    """Lookup key: drop marks and tatweel, fold أإآٱ→ا ى→ي ة→ه ی→ي ک→ك."""
    k = ''.join(FOLD.get(ch, ch) for ch in s if ch not in MARKS)
    return k if k else s


def strip_marks(s):
    r = ''.join(ch for ch in s if ch not in MARKS)
    return r if r else s


def is_arabic_word(s):
    return any(ch in LETTERS for ch in s)

# ---------------------------------------------------------------- form classes
RE_NUM = re.compile(r'^[+\-−]?[0-9٠-٩۰-۹]+([.,٫٬][0-9٠-٩۰-۹]+)*%?$')
RE_URL = re.compile(r'^(https?://|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.]+$', re.I)
RE_LATIN = re.compile(r'^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9\'’.\-]*$')


# Unicode calls them punctuation (Po), UD and PUD tag them SYM.
PERCENT_SIGNS = set('%\u066a\u2030\u2031\u0609\u060a')   # % ٪ ‰ ‱ ؉ ؊


def form_class(w):
    """Regex rules on the form. Returns (tag, rule id) or None."""
    if RE_URL.match(w):
        return 'X', 'form:url'
    if RE_NUM.match(w):
        return 'NUM', 'form:num'
    if all(unicodedata.category(ch).startswith('P') and ch not in PERCENT_SIGNS for ch in w):
        return 'PUNCT', 'form:punct'
    if w == TATWEEL * len(w) or all(unicodedata.category(ch).startswith('S') or ch in PERCENT_SIGNS for ch in w):
        return 'SYM', 'form:sym'
    if RE_LATIN.match(w):
        return 'PROPN', 'form:latin'
    return None

# ---------------------------------------------------------------- data readers
def read_conllu(path, strip=False):
    """Documents: list of (docid, [sentence]); sentence = list of dict."""
    docs, cur, sent, doc = [], None, [], None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('# newdoc id ='):
            doc = line.split('=', 1)[1].strip()
        elif line.startswith('# sent_id ='):
            sid = line.split('=', 1)[1].strip()
            if doc is None:
                doc = sid
        if not line:
            if sent:
                if not docs or docs[-1][0] != doc:
                    docs.append((doc, []))
                docs[-1][1].append(sent)
                sent = []
            continue
        if line.startswith('#'):
            continue
        c = line.split('\t')
        if '-' in c[0] or '.' in c[0]:
            continue
        form = strip_marks(c[1]) if strip else c[1]
        sent.append({'form': form, 'upos': c[3], 'lemma': c[2],
                     'feats': c[5], 'misc': c[9]})
    if sent:
        docs.append((doc, [sent]))
    return docs

# ---------------------------------------------------------------- hunspell
def hunspell_classes(d, detail=False):
    """Clitic-free forms of Ayaspell with the class of the dictionary
    section they come from: N (names.dic = nouns/adjectives/names),
    V (verb.huns.dic), T (tools.dic / stopwords.dic). Returns key -> set."""
    AF, rules, kinds = [None], collections.defaultdict(list), {}
    with open(os.path.join(d, 'ar.aff'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('AF '):
                p = line.split()
                if len(p) >= 2 and not p[1].isdigit():
                    AF.append(p[1])
                continue
            p = line.split('#')[0].split()
            if len(p) == 4 and p[0] in ('PFX', 'SFX') and p[2] in 'YN' and p[3].isdigit():
                kinds[p[1]] = p[0]
            elif len(p) >= 5 and p[0] in ('PFX', 'SFX'):
                strip = '' if p[2] == '0' else p[2]
                add, _, cont = p[3].partition('/')
                add = '' if add == '0' else add
                cont = AF[int(cont)] if cont.isdigit() else cont
                rx = ('^' + p[4]) if p[0] == 'PFX' else (p[4] + '$')
                rules[p[1]].append((strip, add, cont, re.compile(rx)))

    def flags(s):
        return [s[i:i + 2] for i in range(0, len(s), 2)]

    def keep_sfx(fl):
        if kinds.get(fl) != 'SFX' or fl in ('aa', 'bb', 'cc', 'dd', 'ee', 'ff'):
            return False
        return (fl[0].isupper() and fl[1].isupper()) or fl[1] == 'x'

    def usable(rule):
        return not ({'aa', 'bb'} & set(flags(rule[2])))

    out = collections.defaultdict(set)

    def add(w, c):
        out[key(w)].add(c)

    def add_al(w, fls, c):
        for fl in fls:
            if fl in ('mr', 'mn', 'mj'):
                for strip, a, cont, cond in rules[fl]:
                    if a == 'ال' and not strip and cond.search(w):
                        add('ال' + w, c)

    section = None
    with open(os.path.join(d, 'ar.dic'), encoding='utf-8') as f:
        next(f)
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('::::'):
                continue
            if line.endswith('.dic'):
                section = line
                continue
            w, _, fl = line.split('\t')[0].partition('/')
            c = {'names.dic': 'N', 'verb.huns.dic': 'V'}.get(section, 'T')
            if c == 'T':
                continue
            if detail:
                c = c + (fl if fl.isdigit() else '0')
            if fl.isdigit():
                fl = AF[int(fl)]
            fls = flags(fl)
            add(w, c)
            add_al(w, fls, c)
            for s1 in fls:
                if not keep_sfx(s1):
                    continue
                for r in rules[s1]:
                    strip, a, cont, cond = r
                    if not usable(r) or not cond.search(w) or not w.endswith(strip):
                        continue
                    w1 = w[:len(w) - len(strip)] + a
                    add(w1, c)
                    c1 = flags(cont)
                    add_al(w1, c1, c)
                    for s2 in c1:
                        if not keep_sfx(s2):
                            continue
                        for r2 in rules[s2]:
                            if usable(r2) and r2[3].search(w1) and w1.endswith(r2[0]):
                                add(w1[:len(w1) - len(r2[0])] + r2[1], c)
    if detail:
        return {k: min(v) for k, v in out.items()}
    return {k: ''.join(sorted(v)) for k, v in out.items()}

# ---------------------------------------------------------------- UPOS
TAGS = ['NOUN', 'ADP', 'PUNCT', 'ADJ', 'VERB', 'PROPN', 'PRON', 'CCONJ',
        'PART', 'ADV', 'NUM', 'AUX', 'DET', 'SCONJ', 'SYM', 'X', 'INTJ']
TAG_RANK = {t: i for i, t in enumerate(TAGS)}
PROCLITIC_STRIP = ['وبال', 'وال', 'بال', 'فال', 'كال', 'ولل', 'لل', 'ال',
                   'و', 'ف', 'ب', 'ل', 'ك']
ENCLITIC_STRIP = ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ني', 'ه', 'ك']
AFFIX_TEMPLATES = [(1, 2, 3), (1, 0, 3), (1, 2, 2), (1, 0, 2), (1, 2, 1),
                   (1, 0, 1), (1, 0, 0),
                   (0, 2, 3), (0, 0, 3), (0, 2, 2), (0, 0, 2), (0, 2, 1),
                   (0, 0, 1), (0, 0, 0)]
AFFIX_MIN = 2


def variants(k):
    """The key itself, then the spellings a split stem can stand for:
    لسلطه (after ل) -> السلطه; stem before a pronoun: ...ت -> ...ه,
    ...ئ/ؤ -> ...ء, ...ا -> ...ي, ...و -> ...وا."""
    out = [k]
    if k.startswith('ل') and not k.startswith('ال') and len(k) >= 3:
        out.append('ا' + k)
    if len(k) >= 3:
        if k[-1] == 'ت':
            out.append(k[:-1] + 'ه')
        elif k[-1] in 'ئؤ':
            out.append(k[:-1] + 'ء')
        elif k[-1] == 'ا':
            out.append(k[:-1] + 'ي')
        elif k[-1] == 'و':
            out.append(k + 'ا')
    return out


def best_tag(counter):
    """Most frequent tag; ties by the fixed TAGS order."""
    return min(counter.items(), key=lambda kv: (-kv[1], TAG_RANK.get(kv[0], 99)))[0]


def affix_keys(k, hc):
    """Affix-rule keys of a word key, most specific first."""
    out = []
    for use_hc, lp, ls in AFFIX_TEMPLATES:
        if len(k) - lp - ls < 1:
            continue
        out.append('%s|%s|%s' % (hc if use_hc else '*', k[:lp], k[len(k) - ls:] if ls else ''))
    return out


# ---------------------------------------------------------------- news contexts
NEWS_TOPK = 300      # context words kept as themselves; others by shape
NEWS_MIN = 3         # keys seen fewer times in the news get no entry
NEWS_OPEN = ('NOUN', 'ADJ', 'VERB', 'PROPN', 'ADV')
NEWS_M, NEWS_ALPHA, NEWS_BETA = 30.0, 0.1, 4.0
RE_NEWS_TOK = re.compile(r'[\w\u064B-\u065F\u0670\u0640]+|[^\w\s]')


def news_key_lines(paths):
    """The keys of the tokens of each non-empty line of the files (news
    text), and their counts: (lines, Counter).  Shared with
    build-clusters.py."""
    lines, cnt = [], collections.Counter()
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for line in f:
                toks = RE_NEWS_TOK.findall(line)
                if toks:
                    ks = [key(t) for t in toks]
                    cnt.update(ks)
                    lines.append(ks)
    return lines, cnt


def news_contexts(path):
    """Label-free context profile of every Arabic key seen >= NEWS_MIN times
    in the ANT news corpus (counts only; no text is kept): key -> list of
    (feature, share), features p:X (word before) and n:X (word after), X =
    the key of that word if it is one of the NEWS_TOPK most frequent keys,
    else #NUM, #O (not Arabic), #D (ال + >= 2 letters), #A (other Arabic);
    <s> at the edge of a paragraph line. Tokens: runs of word characters
    (marks kept inside) or single other characters."""
    lines, cnt = news_key_lines([path])
    top = set(k for k, _ in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[:NEWS_TOPK])

    def fclass(k):
        if k in top:
            return k
        if RE_NUM.match(k):
            return '#NUM'
        if not is_arabic_word(k):
            return '#O'
        if k.startswith('ال') and len(k) >= 4:
            return '#D'
        return '#A'
    fc = {}
    ctx = collections.defaultdict(collections.Counter)
    for ks in lines:
        n = len(ks)
        for i, k in enumerate(ks):
            if cnt[k] < NEWS_MIN or not is_arabic_word(k):
                continue
            p = ks[i - 1] if i else None
            q = ks[i + 1] if i + 1 < n else None
            fp = '<s>' if p is None else (fc.get(p) or fc.setdefault(p, fclass(p)))
            fq = '<s>' if q is None else (fc.get(q) or fc.setdefault(q, fclass(q)))
            c = ctx[k]
            c['p:' + fp] += 1
            c['n:' + fq] += 1
    out = {}
    for k in sorted(ctx):
        c = ctx[k]
        tot = sum(c.values())
        out[k] = [(f, c[f] / tot) for f in sorted(c)]
    return out


class NewsTagger:
    """Tag of an unknown key from its news context profile: multinomial
    naive Bayes over the profile features, trained on the lexicon keys
    (their most frequent tag, open classes only), plus NEWS_BETA x the log
    share of each tag in the word's affix-rule counts. Only the resulting
    key -> tag table is shipped (tag-news.tsv)."""

    def __init__(self, qctx, lex_key, affix_counts):
        self.qctx, self.affix_counts = qctx, affix_counts
        F = collections.defaultdict(collections.Counter)
        N = collections.Counter()
        for k in sorted(lex_key):
            if k not in qctx:
                continue
            t = best_tag(lex_key[k])
            if t not in NEWS_OPEN:
                continue
            N[t] += 1
            for f, q in qctx[k]:
                F[t][f] += q
        self.tags = sorted(N, key=lambda t: TAG_RANK[t])
        V = len(set(f for t in F for f in F[t])) + 1
        self.lp, self.ldef = {}, {}
        for t in self.tags:
            tot = sum(F[t].values()) + NEWS_ALPHA * V
            self.lp[t] = {f: math.log((v + NEWS_ALPHA) / tot) for f, v in F[t].items()}
            self.ldef[t] = math.log(NEWS_ALPHA / tot)
        tn = sum(N.values())
        self.prior = {t: math.log(N[t] / tn) for t in self.tags}
        self.memo = {}

    def __call__(self, k):
        if k not in self.qctx or not self.tags:
            return None
        r = self.memo.get(k)
        if r is None:
            prof = self.qctx[k]
            sc = {t: self.prior[t] + NEWS_M * sum(q * self.lp[t].get(f, self.ldef[t]) for f, q in prof)
                  for t in self.tags}
            c = self.affix_counts(k)
            if c:
                tot = sum(c.values())
                for t in self.tags:
                    sc[t] += NEWS_BETA * math.log((c.get(t, 0) + 0.5) / (tot + 0.5 * len(self.tags)))
            r = self.memo[k] = max(self.tags, key=lambda t: (sc[t], -TAG_RANK[t]))
        return r


class UposModel:
    """Lexicon + closed class + form regexes + affix rules + context rules."""

    def __init__(self, lex, closed, affix, hun, names, rules):
        self.lex = lex          # key -> Counter(tag)
        self.closed = closed    # key -> tag
        self.affix = affix      # affix key -> Counter(tag)
        self.hun = hun          # key -> 'N' / 'V' / 'NV'
        self.names = names      # key -> 1 (name tokens from the gazetteer)
        self.rules = rules      # [(from, to, template, a, b)]
        self.news = None        # key -> tag (tag-news.tsv), or a function of the key
        self.percep = None      # Perceptron over UPOS_PTEMPLATES, instead of the rules

    def hclass(self, k):
        """Hunspell class of a key: the union over its variants (N, V, NV)
        or '-' when no variant is a hunspell form."""
        cs = set()
        for v in variants(k):
            h = self.hun.get(v)
            if h:
                cs.update(h)
        if not cs and k.startswith('ال') and len(k) >= 4:
            h = self.hun.get(k[2:])
            if h:
                cs.update(h)
        return ''.join(sorted(cs)) if cs else '-'

    def initial(self, form):
        """Tag of one word without context: (tag, rule id)."""
        fc = form_class(form)
        if fc:
            return fc
        f, k = strip_marks(form), key(form)
        lf, lk = self.lex
        if f in lf:
            return best_tag(lf[f]), 'lex'
        cf, ck = self.closed
        if f in cf:
            return cf[f], 'closed'
        if k in lk:
            return best_tag(lk[k]), 'lex'
        if k in ck:
            return ck[k], 'closed'
        if not is_arabic_word(form):
            return 'X', 'form:other'
        if k in self.names:
            return 'PROPN', 'names'
        for v in variants(k)[1:]:
            if v in lk:
                return best_tag(lk[v]), 'variant'
        # clitic-stripped stem (key level)
        for p in PROCLITIC_STRIP:
            if k.startswith(p) and len(k) - len(p) >= 2:
                s = k[len(p):]
                if s in lk:
                    return best_tag(lk[s]), 'stem'
                if p.endswith('لل') and 'ال' + s in lk:
                    return best_tag(lk['ال' + s]), 'stem'
        for e in ENCLITIC_STRIP:
            if k.endswith(e) and len(k) - len(e) >= 2:
                s = k[:len(k) - len(e)]
                if s in lk and not s.startswith('ال'):
                    return best_tag(lk[s]), 'stem'
        if self.news is not None:
            t = self.news(k) if callable(self.news) else self.news.get(k)
            if t:
                return t, 'news'
        c = self.affix_counts(k)
        if c:
            return best_tag(c), 'affix'
        return 'NOUN', 'default'

    def affix_counts(self, k):
        """Counts of the first affix key of k found in the table, or None."""
        hc = self.hclass(k)
        for ak in affix_keys(k, hc):
            c = self.affix.get(ak)
            if c and sum(c.values()) >= AFFIX_MIN:
                return c
        return None

    def tag(self, forms):
        if self.percep is not None:
            W = [upos_word(self, f) for f in forms]
            return self.percep.tag([x[0] for x in W], [x[1] for x in W])
        tags = [self.initial(f)[0] for f in forms]
        F = word_feats(forms)
        for r in self.rules:
            tags = apply_rule(r, F, tags)
        return tags


# context-rule templates: name -> tuple of (feature, offset) conditions.
# Features of a word: t = its current tag, w = its key, d = definiteness
# (D: key starts with ال and has >= 2 more letters, A: other Arabic, O: other),
# x = last two letters of the key (whole key if shorter).
TEMPLATES = {
    'PREV_TAG': (('t', -1),),
    'NEXT_TAG': (('t', 1),),
    'PREV2_TAG': (('t', -2),),
    'NEXT2_TAG': (('t', 2),),
    'PREV_NEXT_TAG': (('t', -1), ('t', 1)),
    'PREV_PREV2_TAG': (('t', -1), ('t', -2)),
    'NEXT_NEXT2_TAG': (('t', 1), ('t', 2)),
    'PREV_WORD': (('w', -1),),
    'NEXT_WORD': (('w', 1),),
    'PREV2_WORD': (('w', -2),),
    'WORD_PREV_TAG': (('w', 0), ('t', -1)),
    'WORD_NEXT_TAG': (('w', 0), ('t', 1)),
    'WORD_PREV_WORD': (('w', 0), ('w', -1)),
    'WORD_NEXT_WORD': (('w', 0), ('w', 1)),
    'PREV_WORD_NEXT_TAG': (('w', -1), ('t', 1)),
    'PREV_TAG_NEXT_WORD': (('t', -1), ('w', 1)),
    'DEF_PREV_TAG': (('d', 0), ('t', -1)),
    'DEF_PREV_TAG_DEF': (('d', 0), ('t', -1), ('d', -1)),
    'DEF_NEXT_TAG': (('d', 0), ('t', 1)),
    'SUF_PREV_TAG': (('x', 0), ('t', -1)),
    'SUF_NEXT_TAG': (('x', 0), ('t', 1)),
    'SUF_DEF_PREV_TAG_DEF': (('x', 0), ('d', 0), ('t', -1), ('d', -1)),
}
TEMPLATE_ORDER = list(TEMPLATES)
TEMPLATE_RANK = {t: i for i, t in enumerate(TEMPLATE_ORDER)}
BOUND = '<s>'

# Word classes from news text (tag-clusters.tsv, build-clusters.py): key ->
# tuple of class ids, one per column of CL_NAMES (e.g. c16 c64 c256).
# CL_FEATS: which cluster features the perceptrons use (empty: none):
#   us  UPOS static c16= c64= ... of the key ('-' if not in the table)
#   usx the same, with the proclitic-stripped keys as fallback
#   ui  UPOS static ci= finest class | step-1 tag
#   un  UPOS templates c-1 c+1 (finest class of the neighbours)
#   ug  UPOS templates g-1 g+1 (middle class of the neighbours)
#   ns  NER static c16= ... of the key, proclitic-stripped keys as fallback
#   nn  NER templates c-1 c+1
#   ni  NER static ci= finest class | step-1/2 tag (N)
CLUSTERS = {}
CL_NAMES = ()
CL_FEATS = set()
CL_DEFAULT = 'us,un,ns,nn'   # the groups used when tag-clusters.tsv is present


def read_clusters(path):
    global CLUSTERS, CL_NAMES
    CLUSTERS = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('# Columns:'):
            CL_NAMES = tuple(line.split('<TAB>', 1)[1].split(' ')[0].split('<TAB>'))
        if line.startswith('#'):
            continue
        c = line.rstrip('\n').split('\t')
        CLUSTERS[c[0]] = tuple(c[1:])


def clusters_of(k, strip=False):
    c = CLUSTERS.get(k)
    if c is None and strip:
        for v in strip_proclitic(k):
            c = CLUSTERS.get(v)
            if c is not None:
                return c
    return c


def cluster_feats(c):
    return ['%s=%s' % (n, c[j] if c else '-') for j, n in enumerate(CL_NAMES)]


def word_feats(forms):
    """Per-sentence feature lists for the context rules."""
    w, d, x = [], [], []
    for f in forms:
        k = key(f)
        w.append(k)
        if not is_arabic_word(f):
            d.append('O')
        elif k.startswith('ال') and len(k) >= 4:
            d.append('D')
        else:
            d.append('A')
        x.append(k[-2:])
    return {'w': w, 'd': d, 'x': x}


def ctx(kind, off, i, F, tags):
    j = i + off
    if j < 0 or j >= len(tags):
        return BOUND
    return tags[j] if kind == 't' else F[kind][j]


def rule_fires(r, i, F, tags, templates=None):
    frm, to, tpl, vals = r
    if tags[i] != frm:
        return False
    for (kind, off), v in zip((templates or TEMPLATES)[tpl], vals):
        if ctx(kind, off, i, F, tags) != v:
            return False
    return True


def apply_rule(r, F, tags, templates=None):
    """All positions are tested against the tags before the rule, then changed."""
    hits = [i for i in range(len(tags)) if rule_fires(r, i, F, tags, templates)]
    if not hits:
        return tags
    tags = list(tags)
    for i in hits:
        tags[i] = r[1]
    return tags


def learn_tbl(sents, init, min_net=2, max_rules=500, log=False, templates=None):
    """Transformation-based learning. sents: list of (feats, gold);
    init: initial tag lists. Returns the ordered rule list
    [(from, to, template, values)]. Score = fixed - broken; ties: more
    fixed, then template order, then the rule's text."""
    TPL = templates or TEMPLATES
    order = list(TPL)
    rank = {t: i for i, t in enumerate(order)}
    feats = [f for f, _ in sents]
    gold = [g for _, g in sents]
    tags = [list(t) for t in init]

    def counts(s):
        F, T, G = feats[s], tags[s], gold[s]
        gd, bd = collections.Counter(), collections.Counter()
        for i in range(len(T)):
            for tpl in order:
                vals = tuple(ctx(kind, off, i, F, T) for kind, off in TPL[tpl])
                if T[i] == G[i]:
                    bd[(T[i], tpl, vals)] += 1
                else:
                    gd[(T[i], G[i], tpl, vals)] += 1
        return gd, bd

    per = [counts(s) for s in range(len(tags))]
    good, bad = collections.Counter(), collections.Counter()
    for gd, bd in per:
        good.update(gd)
        bad.update(bd)
    rules = []
    while len(rules) < max_rules:
        best, best_sc = None, None
        for r, g in good.items():
            if g < min_net:
                continue
            net = g - bad[(r[0], r[2], r[3])]
            if net < min_net:
                continue
            sc = (net, g, -rank[r[2]])
            if best_sc is None or sc > best_sc or (sc == best_sc and repr(r) < repr(best)):
                best, best_sc = r, sc
        if best is None:
            break
        rules.append(best)
        if log:
            print('  rule', len(rules), best_sc[:2], best, file=sys.stderr)
        for s in range(len(tags)):
            nt = apply_rule(best, feats[s], tags[s], TPL)
            if nt is tags[s]:
                continue
            gd, bd = per[s]
            good.subtract(gd)
            bad.subtract(bd)
            tags[s] = nt
            per[s] = counts(s)
            good.update(per[s][0])
            bad.update(per[s][1])
    return rules


# ---------------------------------------------------------------- perceptron
# An averaged perceptron (greedy, left to right) that replaces the context
# rules: each word's tag is the best-scoring one, the score the sum of the
# weights of its features (TAG.md section 4b).  A feature is NAME=VALUE;
# "static" features look only at the word itself, template features at
# attributes of nearby words (offset) and at the tags already chosen
# (attribute P).  VALUE joins the components with '|'.
PERC_EPOCHS = 5
PERC_SCALE = 100      # weights are written as round(average weight * PERC_SCALE)
PERC_SEED = 1
# The UPOS perceptron is the mean of this many runs, each learning the
# sentences in another order (seeds PERC_SEED, PERC_SEED + 1, ...): one
# run's CV figure moves by 0.1-0.3 with the order alone (~200 words of
# 10,416 change tag, as many right as wrong), the mean of five much less
# (TAG.md 7).
UPOS_RUNS = 5
UPOS_PERCEPTRON = True   # False: the context rules (TBL) instead

UPOS_PSTATIC = ('b', 'i', 'ir', 'a', 'h', 'w', 's1', 's2', 's3', 'p1', 'p2', 'd')
# attributes: I initial tag, D definiteness class, H hunspell class, K key,
# X last two letters of the key, L its last letter, P the tag chosen.  A
# word tagged by a form rule (step 1) keeps that tag when tagging (FIX;
# training learns from every word).
UPOS_PTEMPLATES = (
    ('i-1', (('I', -1),)), ('i+1', (('I', 1),)), ('i-2', (('I', -2),)), ('i+2', (('I', 2),)),
    ('i-1i', (('I', -1), ('I', 0))), ('ii+1', (('I', 0), ('I', 1))), ('i-1i+1', (('I', -1), ('I', 1))),
    ('w-1', (('K', -1),)), ('w+1', (('K', 1),)), ('w-2', (('K', -2),)), ('w+2', (('K', 2),)),
    ('w-1w', (('K', -1), ('K', 0))), ('ww+1', (('K', 0), ('K', 1))),
    ('dd-1', (('D', 0), ('D', -1), ('I', -1))), ('dd+1', (('D', 0), ('D', 1), ('I', 1))),
    ('x-1', (('X', 0), ('I', -1))), ('x+1', (('X', 0), ('I', 1))), ('s1-1', (('L', -1), ('I', 0))),
    ('h-1', (('H', -1),)), ('h+1', (('H', 1),)),
    ('t-1', (('P', -1),)), ('t-2', (('P', -2), ('P', -1))), ('t-1i', (('P', -1), ('I', 0))),
)


def upos_templates():
    t = UPOS_PTEMPLATES
    if 'un' in CL_FEATS:
        t += (('c-1', (('C', -1),)), ('c+1', (('C', 1),)))
    if 'ug' in CL_FEATS:
        t += (('g-1', (('G', -1),)), ('g+1', (('G', 1),)))
    return t


def ner_templates():
    t = NER_PTEMPLATES
    if 'nn' in CL_FEATS:
        t += (('c-1', (('C', -1),)), ('c+1', (('C', 1),)))
    return t


def lex_class(c):
    """The tags of a lexicon entry with at least 10 % of its count, in
    alphabetical order joined by '+', or '-'."""
    if not c:
        return '-'
    tot = sum(c.values())
    return '+'.join(sorted(t for t, n in c.items() if 10 * n >= tot))


def initial_c(m, form):
    """m.initial(form) with the rule id the C tool gives: tag-news.tsv keeps
    only the keys whose answer differs from the affix step; the others
    reach the C tool through step 11 or 12."""
    t, rule = m.initial(form)
    if rule == 'news':
        c = m.affix_counts(key(form))
        if t == (best_tag(c) if c else 'NOUN'):
            rule = 'affix' if c else 'default'
    return t, rule


NER_PERCEPTRON = True   # False: the NER context rules (TBL) instead
NER_PRUNE = 200         # keeps 18k of 86k features (3.6 MB): no loss on CV folds 0-2
NER_PTAGS = ('O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC')
NER_PSTATIC = ('b', 'w', 's', 'h', 'sh', 's1', 's2', 's3', 'p1', 'p2', 'u', 'ur')
# attributes: N the tag of steps 1-2 (gazetteer, parts), K key, S stem
# (TAG.md 6.3's s), H hunspell letter (6.3's h), U initial UPOS, P the tag chosen
NER_PTEMPLATES = (
    ('i', (('N', 0),)), ('i-1', (('N', -1),)), ('i+1', (('N', 1),)),
    ('i-1i', (('N', -1), ('N', 0))), ('ii+1', (('N', 0), ('N', 1))),
    ('w-1', (('K', -1),)), ('w+1', (('K', 1),)), ('w-2', (('K', -2),)), ('w+2', (('K', 2),)),
    ('w-1w', (('K', -1), ('K', 0))), ('ww+1', (('K', 0), ('K', 1))),
    ('s-1', (('S', -1),)), ('s+1', (('S', 1),)),
    ('h-1', (('H', -1),)), ('h+1', (('H', 1),)), ('h-1hh+1', (('H', -1), ('H', 0), ('H', 1))),
    ('hi', (('H', 0), ('N', 0))),
    ('u-1', (('U', -1),)), ('u+1', (('U', 1),)), ('u-1u', (('U', -1), ('U', 0))),
    ('uu+1', (('U', 0), ('U', 1))), ('ui', (('U', 0), ('N', 0))),
    ('t-1', (('P', -1),)), ('t-2', (('P', -2), ('P', -1))), ('t-1w', (('P', -1), ('K', 0))),
    ('t-1i', (('P', -1), ('N', 0))), ('t-1h', (('P', -1), ('H', 0))),
)
RE_LATIN_LETTER = re.compile(r'[A-Za-z]')
RE_DIGIT = re.compile(r'[0-9\u0660-\u0669\u06F0-\u06F9]')


def ner_allowed(prev, t):
    """BIO: I-T only after B-T or I-T."""
    return not t.startswith('I-') or (prev[:2] in ('B-', 'I-') and prev[2:] == t[2:])


def ner_word(nm, um, tok):
    """The NER perceptron's static features and attributes of a token;
    um: the UPOS model (its names set for this training part)."""
    k = key(tok)
    F = nm.feats([tok])
    h, st = F['h'][0], F['s'][0]
    u, rule = initial_c(um, tok)
    sh = ('L' if RE_LATIN_LETTER.search(tok) else 'N' if RE_DIGIT.search(tok)
          else 'A' if is_arabic_word(tok) else 'P')
    f = ['b=', 'w=' + k, 's=' + st, 'h=' + h, 'sh=' + sh, 'u=' + u, 'ur=%s|%s' % (u, rule)]
    f += ['s%d=%s' % (n, k[-n:]) for n in (1, 2, 3) if len(k) > n]
    f += ['p%d=%s' % (n, k[:n]) for n in (1, 2) if len(k) > n + 1]
    A = {'K': k, 'S': st, 'H': h, 'U': u}
    if CL_FEATS:
        c = clusters_of(k, True)
        if 'ns' in CL_FEATS:
            f += cluster_feats(c)
        A['C'] = c[-1] if c else '-'
    return f, A


def ner_percep_data(nm, um, names, toks, fix=False, gaz=None):
    """fix: a gazetteer entry's tags stay (when tagging; training learns
    from every token).  gaz (a list) gets True for each token a gazetteer
    entry tagged, as NerModel.initial gives it; each A has the steps 1-2
    tag as N."""
    um.names = names
    W = [ner_word(nm, um, t) for t in toks]
    gaz = [] if gaz is None else gaz
    init = nm.initial(toks, gaz)
    A = [dict(a, N=n) for (_, a), n in zip(W, init)]
    if 'ni' in CL_FEATS:
        for (f, _), a in zip(W, A):
            f.append('ci=%s|%s' % (a['C'], a['N']))
    if fix:
        for i, (a, g, t) in enumerate(zip(A, gaz, toks)):
            nxt = init[i + 1] if i + 1 < len(init) else 'O'
            if g and not (init[i] == 'B-PER' and nxt != 'I-PER'):
                a['FIX'] = a['N']    # a person's name of one word: the perceptron decides
            elif a['N'] == 'O' and form_class(t) and form_class(t)[0] != 'PROPN':
                a['FIX'] = 'O'    # a number or punctuation outside a name
    return [w[0] for w in W], A


def upos_word(m, form):
    """What the perceptron knows of a word: its static features and its
    template attributes."""
    t, rule = initial_c(m, form)
    k = key(form)
    h = m.hclass(k)
    d = 'O' if not is_arabic_word(form) else 'D' if k.startswith('ال') and len(k) >= 4 else 'A'
    st = ['b=', 'i=' + t, 'ir=%s|%s' % (t, rule), 'a=' + lex_class(m.lex[1].get(k)),
          'h=%s|%s' % (h, t), 'w=' + k, 'd=' + d]
    st += ['s%d=%s' % (n, k[-n:]) for n in (1, 2, 3) if len(k) > n]
    st += ['p%d=%s' % (n, k[:n]) for n in (1, 2) if len(k) > n + 1]
    A = {'I': t, 'D': d, 'H': h, 'K': k, 'X': k[-2:], 'L': k[-1:]}
    if CL_FEATS:
        c = clusters_of(k, 'usx' in CL_FEATS)
        if 'us' in CL_FEATS or 'usx' in CL_FEATS:
            st += cluster_feats(c)
        if 'ui' in CL_FEATS:
            st.append('ci=%s|%s' % (c[-1] if c else '-', t))
        A['C'] = c[-1] if c else '-'
        A['G'] = c[len(c) // 2] if c else '-'
    if rule.startswith('form:') and rule != 'form:other':
        A['FIX'] = t    # a form rule's tag stays
    return st, A


class Perceptron:
    """Weights: feature -> {tag: weight}.  allowed(prev, tag) restricts
    the tag after prev (BIO), or None."""

    def __init__(self, tags, templates, allowed=None, prune=0):
        self.tags, self.templates, self.allowed = list(tags), templates, allowed
        self.prune = prune    # features whose weights are all below this (scaled) are dropped
        self.w = {}

    def feats(self, A, i, pred, hist):
        """The template features of word i (only those with P if hist,
        only those without otherwise)."""
        out, n = [], len(A)
        for name, comps in self.templates:
            if any(a == 'P' for a, _ in comps) != hist:
                continue
            vals = []
            for a, off in comps:
                j = i + off
                if j < 0 or j >= n or (a == 'P' and j >= i):
                    vals.append(BOUND)
                else:
                    vals.append(pred[j] if a == 'P' else A[j][a])
            if len(vals) > 1 and any('|' in v for v in vals):
                continue    # a '|' in a value would be ambiguous
            out.append(name + '=' + '|'.join(vals))
        return out

    def best(self, f, prev):
        sc = collections.defaultdict(float)
        for x in f:
            for t, v in self.w.get(x, {}).items():
                sc[t] += v
        best = None
        for t in self.tags:   # ties: the first tag in self.tags
            if self.allowed and not self.allowed(prev, t):
                continue
            if best is None or sc[t] > sc[best]:
                best = t
        return best

    def tag(self, S, A):
        """S: static feature lists, A: attribute dicts, one per word."""
        pred, base = [], [S[i] + self.feats(A, i, None, False) for i in range(len(A))]
        for i in range(len(A)):
            if 'FIX' in A[i]:
                pred.append(A[i]['FIX'])
                continue
            f = base[i] + self.feats(A, i, pred, True)
            pred.append(self.best(f, pred[-1] if pred else BOUND))
        return pred

    def train(self, data, epochs=PERC_EPOCHS, runs=1):
        """data: list of (S, A, gold tags).  Averaged over the steps of
        each run, then over runs (the sentences in another order each),
        then quantized."""
        mean = collections.defaultdict(dict)
        base = [[S[i] + self.feats(A, i, None, False) for i in range(len(A))] for S, A, _ in data]
        for run in range(runs):
            for x, q in self.train_run(data, base, epochs, PERC_SEED + run).items():
                mx = mean[x]
                for t, a in q.items():
                    mx[t] = mx.get(t, 0) + a / runs
        out = {}
        for x in sorted(mean):
            q = {}
            for t, a in mean[x].items():
                qv = int(math.floor(a * PERC_SCALE + 0.5))
                if qv:
                    q[t] = qv
            if q and max(abs(v) for v in q.values()) >= self.prune:
                out[x] = q
        self.w = out

    def train_run(self, data, base, epochs, seed):
        """One run of the averaged perceptron: feature -> {tag: mean weight}."""
        w, tot, ts, step = {}, {}, {}, 0
        rnd = random.Random(seed)
        order = list(range(len(data)))
        for ep in range(epochs):
            rnd.shuffle(order)
            for s in order:
                S, A, gold = data[s]
                pred = []
                self.w = w
                for i in range(len(A)):
                    f = base[s][i] + self.feats(A, i, pred, True)
                    p = self.best(f, pred[-1] if pred else BOUND)
                    g = gold[i]
                    step += 1
                    if p != g:
                        for x in f:
                            wx = w.setdefault(x, {})
                            tx, sx = tot.setdefault(x, {}), ts.setdefault(x, {})
                            for t, d in ((g, 1), (p, -1)):
                                tx[t] = tx.get(t, 0) + (step - sx.get(t, 0)) * wx.get(t, 0)
                                sx[t] = step
                                wx[t] = wx.get(t, 0) + d
                    pred.append(p)
        return {x: {t: (tot[x].get(t, 0) + (step - ts[x].get(t, 0)) * v) / step for t, v in w[x].items()}
                for x in w}


def weights_str(q, tags):
    return ','.join('%s:%d' % (t, q[t]) for t in tags if t in q)


def read_closed(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        w, t = line.rstrip('\n').split('\t')[:2]
        out.setdefault(strip_marks(w), t)
    return out


def build_lexicon(sents):
    """form (marks stripped) -> Counter(tag)."""
    lex = collections.defaultdict(collections.Counter)
    for s in sents:
        for w in s:
            lex[strip_marks(w['form'])][w['upos']] += 1
    return lex


def fold_table(formtab):
    """The key-level table: counts summed over forms with the same key."""
    kt = collections.defaultdict(collections.Counter)
    for f in sorted(formtab):
        kt[key(f)].update(formtab[f])
    return kt


def build_affix(sents, hunclass, maxfreq=1):
    """Affix rules from rare words: affix key -> Counter(tag)."""
    freq = collections.Counter(key(w['form']) for s in sents for w in s)
    aff = collections.defaultdict(collections.Counter)
    for s in sents:
        for w in s:
            k = key(w['form'])
            if freq[k] > maxfreq or form_class(w['form']) or not is_arabic_word(w['form']):
                continue
            for ak in affix_keys(k, hunclass(k)):
                aff[ak][w['upos']] += 1
    return aff


def two_level(formtab):
    return (formtab, fold_table(formtab))


def closed_two_level(closed):
    ck = {}
    for f in closed:
        ck.setdefault(key(f), closed[f])
    return (closed, ck)


def make_upos(train, closed, hun, names, with_rules=True, jack=5, log=False, qctx=None):
    """Learn a UposModel from training sentences (list of word-dict lists).
    qctx: news context profiles (news_contexts) for the news step, or None."""
    hcl = lambda k: UposModel(None, None, None, hun, None, None).hclass(k)
    lex = build_lexicon(train)
    aff = build_affix(train, hcl)
    m = UposModel(two_level(lex), closed_two_level(closed), aff, hun, names, [])
    if qctx is not None:
        m.news = NewsTagger(qctx, m.lex[1], m.affix_counts)
    if not with_rules:
        return m
    # initial tags of the training data from a jackknife (so that the rules
    # see unknown-word errors as on new text)
    init = [None] * len(train)
    pdata = [None] * len(train)
    for j in range(jack):
        part = [i for i in range(len(train)) if i % jack == j]
        rest = [train[i] for i in range(len(train)) if i % jack != j]
        mj = UposModel(two_level(build_lexicon(rest)), m.closed,
                       build_affix(rest, hcl), hun, names, [])
        if qctx is not None:
            mj.news = NewsTagger(qctx, mj.lex[1], mj.affix_counts)
        for i in part:
            init[i] = [mj.initial(w['form'])[0] for w in train[i]]
            W = [upos_word(mj, w['form']) for w in train[i]]
            pdata[i] = ([x[0] for x in W], [x[1] for x in W], [w['upos'] for w in train[i]])
    if UPOS_PERCEPTRON:
        m.percep = Perceptron(TAGS, upos_templates())
        m.percep.train(pdata, runs=UPOS_RUNS)
        return m
    data = [(word_feats([w['form'] for w in s]), [w['upos'] for w in s]) for s in train]
    m.rules = learn_tbl(data, init, log=log)
    return m


def eval_upos(m, sents, confusion=None):
    n = c = 0
    for s in sents:
        tags = m.tag([w['form'] for w in s])
        for w, t in zip(s, tags):
            n += 1
            if t == w['upos']:
                c += 1
            elif confusion is not None:
                confusion[(w['upos'], t)] += 1
    return c, n


def read_ner(path):
    """ANERcorp `token TAG` lines -> list of (token, tag), marks kept.
    Same reading as ../shared/tools/ner_to_conllu.py (U+200E dropped)."""
    out = []
    for line in open(path, encoding='utf-8-sig', errors='replace'):
        line = line.replace('\u200e', '').strip()
        if not line:
            continue
        p = line.split()
        tok, tag = (p[0], p[-1]) if len(p) > 1 else (p[0], 'O')
        if tag.startswith(('B-', 'I-')):
            ty = tag[2:]
            ty = {'PERS': 'PER'}.get(ty, ty)
            if ty.startswith('MIS'):
                ty = 'MISC'
            tag = tag[:2] + ty
        else:
            tag = 'O'
        out.append((tok, tag))
    return out


def name_counts(ner_tokens):
    """key -> [entity-token count (PER/LOC/ORG), total count]; a token with a
    proclitic و ب ل ف ك also counts for its remainder."""
    c = collections.defaultdict(lambda: [0, 0])
    for tok, tag in ner_tokens:
        if not is_arabic_word(tok):
            continue
        k = key(tok)
        e = 1 if tag[2:] in ('PER', 'LOC', 'ORG') else 0
        ks = [k]
        if k[:1] in ('و', 'ب', 'ل', 'ف', 'ك') and len(k) >= 4:
            ks.append(k[1:])
        for kk in ks:
            c[kk][0] += e
            c[kk][1] += 1
    return c

# ---------------------------------------------------------------- NER
NER_TYPES = ('PER', 'LOC', 'ORG', 'MISC')
NER_PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'و', 'ف', 'ب', 'ل', 'ك']
GAZ_MAXLEN = 6
NER_MAX_RULES = 1000  # 500 before; 1000 adds 0.3 F1 under CV
PARTS_MIN_RATIO = 0.7  # 0.5 before; 0.7 adds 0.55 F1 under CV (with 1000 rules)
NER_PARTS = True      # single name tokens as a fallback after the gazetteer


def ner_sents(tokens):
    """Cut (token, tag) pairs into sentences as ner_to_conllu.py does."""
    out, cur = [], []
    for tok, tag in tokens:
        cur.append((tok, tag))
        if tok in ('.', '!', '?', '\u061f') and tag == 'O':
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def spans(tags):
    """Entity spans of a BIO list, as ../shared/tools/ner_eval.py reads them."""
    out, start, ty = set(), None, None
    for i, t in enumerate(list(tags) + ['O']):
        if t == 'O' or t.startswith('B-') or (t.startswith('I-') and t[2:] != ty):
            if start is not None:
                out.add((start, i, ty))
            start, ty = (i, t[2:]) if t != 'O' else (None, None)
    return out


def strip_proclitic(k):
    """Keys of k without one proclitic (longest first) when >= 3 letters remain."""
    out = []
    for p in NER_PROCLITICS:
        if k.startswith(p) and len(k) - len(p) >= 3:
            out.append(k[len(p):])
    return out


def build_gazetteer(sents, min_ratio=0.5):
    """Entity strings (tuples of keys) -> (type, entity count, total count)."""
    ent = collections.defaultdict(collections.Counter)
    for s in sents:
        keys = [key(t) for t, _ in s]
        for a, b, ty in spans([g for _, g in s]):
            if ty in NER_TYPES and b - a <= GAZ_MAXLEN:
                ent[tuple(keys[a:b])][ty] += 1
    total = collections.Counter()
    for s in sents:
        keys = [key(t) for t, _ in s]
        for i in range(len(keys)):
            for L in range(1, GAZ_MAXLEN + 1):
                t = tuple(keys[i:i + L])
                if len(t) < L:
                    break
                if t in ent:
                    total[t] += 1
    gaz = {}
    for t, c in ent.items():
        ty, n = min(c.items(), key=lambda kv: (-kv[1], NER_TYPES.index(kv[0])))
        e = sum(c.values())
        if e >= min_ratio * total[t]:
            gaz[t] = (ty, n, total[t])
    return gaz


def build_parts(sents, min_ratio=PARTS_MIN_RATIO):
    """Single name tokens: key -> (type, entity count, total count), from the
    tokens inside gold entities (first token also without its proclitic)."""
    ent = collections.defaultdict(collections.Counter)
    total = collections.Counter()
    for s in sents:
        for t, g in s:
            total[key(t)] += 1
            if g != 'O' and g[2:] in NER_TYPES:
                ent[key(t)][g[2:]] += 1
    parts = {}
    for k, c in ent.items():
        ty, n = min(c.items(), key=lambda kv: (-kv[1], NER_TYPES.index(kv[0])))
        if sum(c.values()) >= min_ratio * total[k]:
            parts[k] = (ty, n, total[k])
    return parts


NER_TEMPLATES = {
    'WORD': (('w', 0),),
    'PREV_TAG': (('t', -1),),
    'NEXT_TAG': (('t', 1),),
    'PREV_WORD': (('w', -1),),
    'NEXT_WORD': (('w', 1),),
    'PREV2_WORD': (('w', -2),),
    'WORD_PREV_TAG': (('w', 0), ('t', -1)),
    'WORD_NEXT_TAG': (('w', 0), ('t', 1)),
    'PREV_WORD_HUN': (('w', -1), ('h', 0)),
    'HUN_PREV_TAG': (('h', 0), ('t', -1)),
    'HUN_NEXT_TAG': (('h', 0), ('t', 1)),
    'PREV_TAG_NEXT_TAG': (('t', -1), ('t', 1)),
    'STEM_PREV_TAG': (('s', 0), ('t', -1)),
    'PREV_STEM': (('s', -1),),
    'PREV_STEM_HUN': (('s', -1), ('h', 0)),
}


class NerModel:
    def __init__(self, gaz, parts, hun, rules):
        self.gaz = gaz        # tuple of keys -> (type, n, total)
        self.parts = parts    # key -> (type, n, total)
        self.hun = hun
        self.rules = rules
        self.percep = None    # Perceptron over NER_PTEMPLATES, instead of the rules
        self.um = self.names = None
        # the first keys of entries of two words or more (split_names),
        # taken when first needed: the CLDR names join gaz after __init__
        self.gaz_long = None

    def feats(self, toks):
        w, h, s = [], [], []
        for t in toks:
            k = key(t)
            w.append(k)
            if not is_arabic_word(t):
                h.append('O')
            else:
                c = self.hun.get(k)
                if c is None:
                    for v in strip_proclitic(k) + ([k[2:]] if k.startswith('ال') else []):
                        c = self.hun.get(v)
                        if c:
                            break
                h.append(c[:1] if c else '-')
            st = strip_proclitic(k)
            s.append(st[-1] if st else k)   # shortest proclitic-free form
        return {'w': w, 'h': h, 's': s}

    def initial(self, toks, gaz_hits=None):
        """Steps 1-2; gaz_hits (a list) gets True for each token a
        gazetteer entry tagged."""
        keys = [key(t) for t in toks]
        tags = ['O'] * len(keys)
        if gaz_hits is not None:
            gaz_hits[:] = [False] * len(keys)
        i = 0
        while i < len(keys):
            hit = None
            for L in range(min(GAZ_MAXLEN, len(keys) - i), 0, -1):
                rest = tuple(keys[i + 1:i + L])
                for k0 in [keys[i]] + strip_proclitic(keys[i]):
                    e = self.gaz.get((k0,) + rest)
                    if e:
                        hit = (L, e[0])
                        break
                if hit:
                    break
            if hit:
                L, ty = hit
                tags[i] = 'B-' + ty
                for j in range(i + 1, i + L):
                    tags[j] = 'I-' + ty
                if gaz_hits is not None:
                    gaz_hits[i:i + L] = [True] * L
                i += L
                continue
            for k0 in ([keys[i]] + strip_proclitic(keys[i])) if NER_PARTS else []:
                e = self.parts.get(k0)
                if e:
                    prev = tags[i - 1] if i else 'O'
                    tags[i] = ('I-' if prev[2:] == e[0] else 'B-') + e[0]
                    break
            i += 1
        return tags

    def tag(self, toks):
        if self.percep is not None:
            hits = []
            S, A = ner_percep_data(self, self.um, self.names, toks, fix=True, gaz=hits)
            tags = join_persons(toks, patronymic(toks, self.percep.tag(S, A), [a['U'] for a in A]))
            return split_names(toks, tags, [a['N'] for a in A], hits, self)
        tags = self.initial(toks)
        F = self.feats(toks)
        for r in self.rules:
            tags = apply_rule(r, F, tags, NER_TEMPLATES)
        return tags


NAME_LINKS = ('بن', 'بنت')                          # a name neither begins with these
NAME_LINKS_END = NAME_LINKS + ('ابو', 'ابي', 'ابا', 'عبد', 'ال')  # nor ends with these


def patronymic(toks, tags, upos):
    """Before join_persons (lib/tag_ner.c patronymic; TAG.md 6.3c): a
    B-PER on بن/بنت takes in the word before it, a person ending on a
    NAME_LINKS_END word the word after it, when that word is O, Arabic,
    of two letters or more and not punctuation (before: not a verb or
    AUX either).  upos: each token's UPOS (the C tool uses its final one,
    the script the initial one of the perceptron's U attribute)."""
    def may(j, before):
        k = key(toks[j])
        return (tags[j] == 'O' and is_arabic_word(toks[j]) and len(k) >= 2 and upos[j] != 'PUNCT' and
                not (before and upos[j] in ('VERB', 'AUX')))
    for i in range(len(tags)):
        if tags[i][2:] != 'PER':
            continue
        k = key(toks[i])
        if tags[i] == 'B-PER' and i and k in NAME_LINKS and may(i - 1, True):
            tags[i - 1], tags[i] = 'B-PER', 'I-PER'
        if i + 1 < len(tags) and k in NAME_LINKS_END and may(i + 1, False):
            tags[i + 1] = 'I-PER'
    return tags


def join_persons(toks, tags):
    """Arabic writes no two persons' names side by side: a B-PER right
    after a PER word goes on with that name (I-PER) unless the word
    opens with و (lib/tag_ner.c does the same; TAG.md 6.3c)."""
    for i in range(1, len(tags)):
        k = key(toks[i])
        if tags[i] == 'B-PER' and tags[i - 1][2:] == 'PER' and not (k.startswith('و') and len(k) > 1):
            tags[i] = 'I-PER'
    return tags


def split_names(toks, tags, init, hits, m):
    """After join_persons (lib/tag_ner.c does the same; TAG.md 6.3c): a
    person's word that is و + a PER name part begins a new person; a
    one-word LOC, ORG or MISC name that only the parts gave (init, not a
    gazetteer hit) is no name when its word begins a longer gazetteer
    entry."""
    if m.gaz_long is None:
        m.gaz_long = {e[0] for e in m.gaz if len(e) > 1}
    for i, t in enumerate(tags):
        k = key(toks[i])
        nxt = tags[i + 1] if i + 1 < len(tags) else 'O'
        if i and t == 'I-PER' and k.startswith('و') and len(k) >= 4 and m.parts.get(k[1:], ('',))[0] == 'PER':
            tags[i] = 'B-PER'
        elif (t[:2] == 'B-' and t != 'B-PER' and init[i] == t and not hits[i] and not nxt.startswith('I-') and
              any(v in m.gaz_long for v in [k] + strip_proclitic(k))):
            tags[i] = 'O'
    return tags


def ner_names(sents):
    """The name tokens of tag-names.tsv (UPOS step 7) from NER sentences."""
    nc = name_counts([t for s in sents for t in s])
    return {k: 1 for k, (e, n) in nc.items() if e >= 1 and e >= 0.5 * n}


def make_ner(train, hun, with_rules=True, jack=5, log=False, countries=(), um=None):
    """um: the UPOS model without rules, for the perceptron's U attribute
    (NER_PERCEPTRON); countries: CLDR names added to the gazetteer as LOC."""
    def model(sents):
        mm = NerModel(build_gazetteer(sents), build_parts(sents), hun, [])
        for c in countries:
            mm.gaz.setdefault(tuple(key(w) for w in c.split()), ('LOC', 0, 0))
        return mm
    m = model(train)
    if not with_rules:
        return m
    n = len(train)
    init = []
    if NER_PERCEPTRON and um is not None:
        m.um, m.names = um, ner_names(train)
        pdata = []
        for j in range(jack):
            a, b = n * j // jack, n * (j + 1) // jack
            rest = train[:a] + train[b:]
            mj, nj = model(rest), ner_names(rest)
            for s in train[a:b]:
                S, A = ner_percep_data(mj, um, nj, [t for t, _ in s])
                pdata.append((S, A, [g for _, g in s]))
        m.percep = Perceptron(NER_PTAGS, ner_templates(), ner_allowed, prune=NER_PRUNE)
        m.percep.train(pdata)
        return m
    for j in range(jack):
        a, b = n * j // jack, n * (j + 1) // jack
        rest = train[:a] + train[b:]
        mj = NerModel(build_gazetteer(rest), build_parts(rest), hun, [])
        for s in train[a:b]:
            init.append(mj.initial([t for t, _ in s]))
    data = [(m.feats([t for t, _ in s]), [g for _, g in s]) for s in train]
    m.rules = learn_tbl(data, init, max_rules=NER_MAX_RULES, log=log, templates=NER_TEMPLATES)
    return m


def eval_ner(m, sents, errs=None):
    G = S = C = 0
    for s in sents:
        sy = m.tag([t for t, _ in s])
        gs, ss = spans([g for _, g in s]), spans(sy)
        gs = {x for x in gs if x[2] in NER_TYPES}
        ss = {x for x in ss if x[2] in NER_TYPES}
        G += len(gs)
        S += len(ss)
        C += len(gs & ss)
    return G, S, C


def f1(G, S, C):
    p = C / S if S else 0
    r = C / G if G else 0
    return 2 * p * r / (p + r) if p + r else 0

# ---------------------------------------------------------------- lemma
def lemma(form, prev_form=None):
    """Undiacritized stem: marks and tatweel stripped, ال removed (>= 2
    letters left), ل of ل+لـ (للسلطة = ل + لسلطة) removed, a stem-final ئ/ؤ
    (before a pronoun) written ء. Other letters are kept as written."""
    s = strip_marks(form)
    if not is_arabic_word(s):
        return s
    if prev_form == 'ل' and s.startswith('ل') and not s.startswith('ال') and len(s) >= 3:
        s = s[1:]
    elif s.startswith('ال') and len(s) >= 4:
        s = s[2:]
    return s


def eval_lemma(docs):
    n = c = 0
    for _, ss in docs:
        for s in ss:
            prev = None
            for w in s:
                g = key(w['lemma'])
                n += 1
                c += key(lemma(w['form'], prev)) == g
                prev = strip_marks(w['form'])
    return c, n

# ---------------------------------------------------------------- CLDR
# The Arab League's members: their Arabic names are Arabic words (المغرب),
# not transliterations, so they get no spelling variant.
ARAB_STATES = set('AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE'.split())
# Codes that are no place: the UN and the EU are organisations, EZ the
# euro area, ZZ "unknown region", XA XB CLDR's pseudo-locales.
NOT_PLACES = set('EU EZ UN XA XB ZZ'.split())


def g_variant(name):
    """The spelling with ج for every غ that does not begin a word (after
    ال): Egyptian news writes the foreign g as ج (هونج كونج, بنجلاديش,
    البرتجال), CLDR as غ; a word-initial غ (غانا, غرب) stays, since غ
    there is as often Arabic."""
    def one(w):
        a = 2 if w.startswith('ال') else 0
        return w[:a + 1] + w[a + 1:].replace('غ', 'ج')
    return ' '.join(one(w) for w in name.split())


def cldr_names(path):
    """Arabic names of countries and territories (two-letter codes; the
    short and variant forms too, a parenthesis dropped, and the ج spelling
    of a foreign غ: g_variant), months (Gregorian, wide) and weekdays
    (wide). Regions (غرب أفريقيا) are left out: ANERcorp tags only
    أفريقيا in them."""
    txt = open(path, encoding='utf-8').read()
    terr = set()
    for code, name in re.findall(r'<territory type="([A-Z]{2})"(?: alt="\w+")?>([^<]+)</territory>', txt):
        if code in NOT_PLACES:
            continue
        name = re.sub(r'\s*\(.*?\)', '', name).strip()
        terr.add(name)
        if code not in ARAB_STATES:
            terr.add(g_variant(name))
    g = txt[txt.index('<calendar type="gregorian">'):]
    g = g[:g.index('</calendar>')]
    months = re.findall(r'<monthWidth type="wide">(.*?)</monthWidth>', g, re.S)
    mnames = re.findall(r'<month type="\d+">([^<]+)</month>', months[0]) if months else []
    days = re.findall(r'<dayWidth type="wide">(.*?)</dayWidth>', g, re.S)
    dnames = re.findall(r'<day type="\w+">([^<]+)</day>', days[0]) if days else []
    return sorted(terr), mnames, dnames

# ---------------------------------------------------------------- writing
def write_tsv(name, header, rows, outdir=HERE):
    path = os.path.join(outdir, name)
    with open(path, 'w', encoding='utf-8') as f:
        for h in header:
            f.write('# ' + h + '\n')
        for r in rows:
            f.write('\t'.join(str(x) for x in r) + '\n')
    return path


def counts_str(c):
    return ','.join('%s:%d' % (t, n) for t, n in
                    sorted(c.items(), key=lambda kv: (-kv[1], TAG_RANK.get(kv[0], 99))))


GEN = 'Generated by rules/tag/build-tag-data.py; format and use: rules/tag/TAG.md'


def cl_note():
    if not CL_FEATS:
        return 'Word classes: none (no cluster features).'
    return ('Word classes: tag-clusters.tsv (%s), feature groups %s (TAG.md section 4c).'
            % (' '.join(CL_NAMES), ','.join(sorted(CL_FEATS))))


def write_upos_files(um, qctx, outdir=HERE):
    """The UPOS files learned from PUD: lexicon, affix rules, news table,
    context rules."""
    lf = um.lex[0]
    write_tsv('tag-lexicon.tsv', [
        'tag-lexicon.tsv: word -> UPOS counts, for `tag`',
        GEN,
        'Source: UD Arabic-PUD dev half (CC BY-SA 4.0); this file is CC BY-SA 4.0.',
        'Columns: form (marks and tatweel stripped)<TAB>TAG:count,TAG:count (most frequent first)'],
        [(f, counts_str(lf[f])) for f in sorted(lf)], outdir=outdir)
    write_tsv('tag-affix.tsv', [
        'tag-affix.tsv: affix rules for unknown words: CLASS|PREFIX|SUFFIX -> UPOS counts',
        GEN,
        'Source: UD Arabic-PUD dev half (CC BY-SA 4.0) words seen once; CLASS from tag-hunspell.tsv.',
        'Columns: CLASS|PREFIX|SUFFIX<TAB>TAG:count,... (CLASS * = any)'],
        [(k, counts_str(um.affix[k])) for k in sorted(um.affix)
         if sum(um.affix[k].values()) >= AFFIX_MIN], outdir=outdir)
    lk = um.lex[1]
    news_rows = []
    for k in sorted(qctx):
        if k in lk or k in um.names or k in um.closed[1]:
            continue      # decided before the news step
        t = um.news(k)
        c = um.affix_counts(k)
        if t and t != (best_tag(c) if c else 'NOUN'):
            news_rows.append((k, t))
    write_tsv('tag-news.tsv', [
        'tag-news.tsv: UPOS of unknown words from their contexts in news text (step 10b of TAG.md section 3)',
        GEN,
        'Source: context profiles counted in the ANT news corpus v2.1 (counts only; no text is kept),',
        '  tags learned from UD Arabic-PUD dev half (CC BY-SA 4.0) and tag-affix.tsv; this file is CC BY-SA 4.0.',
        '  Keys whose answer equals the affix rules (step 11) are left out.',
        'Columns: key<TAB>UPOS'],
        news_rows, outdir=outdir)
    if um.percep is not None:
        write_tsv('tag-perceptron.tsv', [
            'tag-perceptron.tsv: weights of the UPOS perceptron (TAG.md section 4b)',
            GEN,
            'Source: learned on UD Arabic-PUD dev half (CC BY-SA 4.0); this file is CC BY-SA 4.0.',
            cl_note(),
            'Columns: NAME=VALUE<TAB>TAG:weight,... (weights x %d, averaged over %d epochs, then over %d runs in other orders)' % (PERC_SCALE, PERC_EPOCHS, UPOS_RUNS)],
            [(x, weights_str(q, TAGS)) for x, q in sorted(um.percep.w.items())], outdir=outdir)
        return
    write_tsv('tag-context-rules.tsv', [
        'tag-context-rules.tsv: UPOS context rules (transformation-based learning), applied in file order',
        GEN,
        'Source: learned on UD Arabic-PUD dev half (CC BY-SA 4.0); this file is CC BY-SA 4.0.',
        'Columns: from<TAB>to<TAB>template<TAB>value1<TAB>value2...  (<s> = outside the sentence)'],
        [(r[0], r[1], r[2]) + tuple(r[3]) for r in um.rules], outdir=outdir)


def write_ner_files(nm, outdir=HERE):
    """The NER files learned from ANERcorp: gazetteer, parts, context rules."""
    write_tsv('ner-gazetteer.tsv', [
        'ner-gazetteer.tsv: entity strings (keys, space-separated) -> type',
        GEN,
        'Sources: ANERcorp train (CC BY-SA 4.0, CAMeL Lab release): entities whose string is an entity',
        '  at least half the times it occurs (count = times as that type, total = occurrences);',
        '  CLDR 41 Arabic territory names (Unicode-DFS-2016), count 0 total 0. This file is CC BY-SA 4.0.',
        'Columns: keys<TAB>type<TAB>count<TAB>total'],
        sorted((' '.join(t), v[0], v[1], v[2]) for t, v in nm.gaz.items()), outdir=outdir)
    write_tsv('ner-parts.tsv', [
        'ner-parts.tsv: single tokens inside entities (at least %d%% of the times they occur), a fallback after the gazetteer'
        % round(100 * PARTS_MIN_RATIO),
        GEN,
        'Source: ANERcorp train (CC BY-SA 4.0, CAMeL Lab release); this file is CC BY-SA 4.0.',
        'Columns: key<TAB>type<TAB>count as that type<TAB>total occurrences'],
        sorted((k, v[0], v[1], v[2]) for k, v in nm.parts.items()), outdir=outdir)
    if nm.percep is not None:
        write_tsv('ner-perceptron.tsv', [
            'ner-perceptron.tsv: weights of the NER perceptron (TAG.md section 6.3b)',
            GEN,
            'Source: learned on ANERcorp train (CC BY-SA 4.0, CAMeL Lab release), with the UPOS data of',
            '  this folder (UD Arabic-PUD dev half, CC BY-SA 4.0); this file is CC BY-SA 4.0.',
            cl_note(),
            'Columns: NAME=VALUE<TAB>TAG:weight,... (weights x %d, averaged over %d epochs)' % (PERC_SCALE, PERC_EPOCHS)],
            [(x, weights_str(q, NER_PTAGS)) for x, q in sorted(nm.percep.w.items())], outdir=outdir)
        return
    write_tsv('ner-context-rules.tsv', [
        'ner-context-rules.tsv: BIO context rules (transformation-based learning), applied in file order',
        GEN,
        'Source: learned on ANERcorp train (CC BY-SA 4.0, CAMeL Lab release); this file is CC BY-SA 4.0.',
        'Columns: from<TAB>to<TAB>template<TAB>value1<TAB>value2...  (<s> = outside the sentence)'],
        [(r[0], r[1], r[2]) + tuple(r[3]) for r in nm.rules], outdir=outdir)


def write_names(nc, names, outdir=HERE):
    write_tsv('tag-names.tsv', [
        'tag-names.tsv: name tokens: a word inside a PER/LOC/ORG entity at least half the times it occurs',
        GEN,
        'Source: ANERcorp train (CC BY-SA 4.0, CAMeL Lab release); this file is CC BY-SA 4.0.',
        'Columns: key<TAB>entity count<TAB>total count'],
        sorted((k, e, n) for k, (e, n) in nc.items() if k in names), outdir=outdir)


FOLD_YAML = {
    'upos': ('upos', ['lexicon: tag-lexicon.tsv', 'affix: tag-affix.tsv', 'news: tag-news.tsv',
                      'perceptron: tag-perceptron.tsv']),
    'ner': ('ner', ['gazetteer: ner-gazetteer.tsv', 'parts: ner-parts.tsv',
                    'perceptron: ner-perceptron.tsv']),
}


def write_folds(out, D, docs, nsents, closed, hun_ship, names, countries, qctx, um):
    """The 10 folds of the CV as rule data for the C tool: DIR/upos-F and
    DIR/ner-F, each with the files learned without fold F, a fold.yaml that
    names them (loaded with tag -r on top of the built-in rules), the test
    input (test.conllu) and its gold (gold.conllu, gold.txt).  UPOS folds
    are by document (doc i in fold i mod 10), NER folds contiguous, as --cv."""
    raw = open(os.path.join(D, 'ud-pud', 'pud-dev.conllu'), encoding='utf-8').read()
    blocks = [b for b in raw.split('\n\n') if b.strip()]
    raw_docs, last = [], None      # the blocks of each document, in order
    for b in blocks:
        doc = re.search(r'^# newdoc id = (.*)$', b, re.M)
        doc = doc.group(1).strip() if doc else last
        if doc != last:
            raw_docs.append([])
            last = doc
        raw_docs[-1].append(b)
    assert len(raw_docs) == len(docs)
    for f in range(10):
        d = os.path.join(out, 'upos-%d' % f)
        os.makedirs(d, exist_ok=True)
        train = [s for i, (_, ss) in enumerate(docs) if i % 10 != f for s in ss]
        write_upos_files(make_upos(train, closed, hun_ship, names, qctx=qctx), qctx, d)
        write_fold_yaml(d, 'upos')
        with open(os.path.join(d, 'gold.conllu'), 'w', encoding='utf-8') as g:
            for i, bs in enumerate(raw_docs):
                if i % 10 == f:
                    g.write(''.join(b.strip('\n') + '\n\n' for b in bs))
        print('  UPOS fold %d written' % f, flush=True)
    n = len(nsents)
    for f in range(10):
        d = os.path.join(out, 'ner-%d' % f)
        os.makedirs(d, exist_ok=True)
        lo, hi = n * f // 10, n * (f + 1) // 10
        train = nsents[:lo] + nsents[hi:]
        m = make_ner(train, hun_ship, countries=countries, um=um)
        write_ner_files(m, d)
        # the name list (UPOS PROPN) from this fold's training part only
        nc = name_counts([t for s in train for t in s])
        write_names(nc, {k for k, (e, t) in nc.items() if e >= 1 and e >= 0.5 * t}, d)
        write_fold_yaml(d, 'ner', extra='upos:\n  names: tag-names.tsv\n')
        with open(os.path.join(d, 'gold.txt'), 'w', encoding='utf-8') as g:
            for s in nsents[lo:hi]:
                g.write(''.join('%s %s\n' % (t, tag) for t, tag in s) + '\n')
        print('  NER fold %d written' % f, flush=True)


def write_fold_yaml(d, kind, extra=''):
    section, lines = FOLD_YAML[kind]
    with open(os.path.join(d, 'fold.yaml'), 'w', encoding='utf-8') as y:
        y.write('# %s data learned without this fold (build-tag-data.py --folds)\n'
                'nass: 1\nkind: tag\n%s%s:\n' % (kind, extra, section))
        y.write(''.join('  %s\n' % l for l in lines))


def par_map(fn, xs, jobs):
    """[fn(x) for x in xs], in jobs forked processes when jobs > 1 (fn
    may be a closure: the children inherit it by fork)."""
    xs = list(xs)
    if jobs <= 1:
        return [fn(x) for x in xs]
    import multiprocessing
    global _PAR_FN
    _PAR_FN = fn
    with multiprocessing.get_context('fork').Pool(jobs) as pool:
        return pool.map(_par_call, xs, chunksize=1)


def _par_call(x):
    return _PAR_FN(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
    ap.add_argument('--cv', action='store_true')
    ap.add_argument('--cv-only', choices=['upos', 'ner'], help='with --cv: only this half')
    ap.add_argument('--padt', action='store_true')
    ap.add_argument('--no-write', action='store_true')
    ap.add_argument('--folds', metavar='DIR',
                    help='write the data of each of the 10 CV folds under DIR, for the C tool '
                         '(tests/eval/run.sh with CV=1), and exit')
    ap.add_argument('--no-insample', action='store_true',
                    help='with --cv --no-write: skip the in-sample models and figures (faster)')
    ap.add_argument('--clusters', metavar='FILE', default=os.path.join(HERE, 'tag-clusters.tsv'),
                    help='word classes for the perceptrons (default: tag-clusters.tsv here, if present)')
    ap.add_argument('--cl-feats', default=CL_DEFAULT,
                    help='comma-separated cluster feature groups (see CL_FEATS; default %(default)s)')
    ap.add_argument('--jobs', type=int, default=1, help='with --cv: folds learned in this many processes')
    ap.add_argument('--no-clusters', action='store_true', help='no cluster features (the figures without)')
    a = ap.parse_args()
    D = a.data
    if a.clusters and not a.no_clusters and os.path.exists(a.clusters):
        read_clusters(a.clusters)
        CL_FEATS.update(x for x in a.cl_feats.split(',') if x)
        print('clusters: %d keys, columns %s, features %s' % (len(CLUSTERS), ' '.join(CL_NAMES),
              ','.join(sorted(CL_FEATS))), flush=True)
    hun = hunspell_classes(os.path.join(D, 'lexicons', 'hunspell-ar'))
    news = {}
    for line in open(os.path.join(HERE, '..', 'tokenize', 'clitic-lexicon.tsv'), encoding='utf-8'):
        if not line.startswith('#'):
            k, c, _ = line.rstrip('\n').split('\t')
            news[k] = int(c)
    closed = read_closed(os.path.join(HERE, 'closed-class.tsv'))
    docs = read_conllu(os.path.join(D, 'ud-pud', 'pud-dev.conllu'))
    pud = [s for _, ss in docs for s in ss]
    ner_toks = read_ner(os.path.join(D, 'ner', 'anercorp-train.txt'))
    nsents = ner_sents(ner_toks)
    nc = name_counts(ner_toks)
    names = {k: 1 for k, (e, n) in nc.items() if e >= 1 and e >= 0.5 * n}
    countries, months, days = cldr_names(os.path.join(D, 'lexicons', 'cldr-ar', 'cldr-41-main-ar.xml'))
    # hunspell classes are shipped only for keys seen >= 3 times in news
    hun_ship = {k: v for k, v in hun.items() if k in news}

    qctx = news_contexts(os.path.join(D, 'corpora', 'ant-news.txt'))
    # steps 1-12 as shipped: the UPOS attribute of the NER perceptron
    base = make_upos(pud, closed, hun_ship, names, with_rules=False, qctx=qctx)
    if a.folds:
        write_folds(a.folds, D, docs, nsents, closed, hun_ship, names, countries, qctx, base)
        return
    skip = a.no_insample and a.cv and a.no_write
    um = None if skip else make_upos(pud, closed, hun_ship, names, qctx=qctx)
    nm = None if skip else make_ner(nsents, hun_ship, countries=countries, um=base)
    c, n = eval_upos(um, pud) if um else (0, 1)
    if um: print('UPOS in-sample (PUD dev, %d words): %.2f%% (%d rules)' % (n, 100 * c / n, len(um.rules)))
    G, S, C = eval_ner(nm, nsents) if nm else (1, 1, 1)
    if nm: print('NER in-sample (ANERcorp train): F1 %.2f (gold %d, system %d, correct %d; %d rules)'
          % (100 * f1(G, S, C), G, S, C, len(nm.rules)))
    lc, ln = eval_lemma(docs)
    print('LEMMA (stem rule) = PUD lemma after key(): %.2f%%' % (100 * lc / ln))

    if not a.no_write:
        write_upos_files(um, qctx)
        write_tsv('tag-hunspell.tsv', [
            'tag-hunspell.tsv: word class of clitic-free Ayaspell forms (N: names.dic nouns/adjectives/names, V: verb.huns.dic)',
            GEN,
            'Source: Ayaspell Arabic hunspell dictionary, used under its MPL-1.1 option (tri-licensed GPL-2+/LGPL-2.1+/MPL-1.1);',
            '  restricted to keys seen >= 3 times in the ANT news corpus (counts only, no text).',
            'Columns: key<TAB>class (N, V or NV)'],
            sorted(hun_ship.items()))
        write_names(nc, names)
        write_ner_files(nm)
        write_tsv('ner-dates.tsv', [
            'ner-dates.tsv: month and weekday names for DATE rules',
            'Source: CLDR 41 Arabic (Unicode-DFS-2016, Gregorian wide names) plus the Levantine/Iraqi',
            '  month names (hand-written). Columns: word<TAB>kind (month or weekday)'],
            [(m, 'month') for m in months] +
            [(m, 'month') for m in ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز',
                                    'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول']] +
            [(d, 'weekday') for d in days])

    if a.cv and a.cv_only != 'ner':
        conf = collections.Counter()
        C = N = 0

        def upos_fold(f):
            test = [s for i, (d, ss) in enumerate(docs) if i % 10 == f for s in ss]
            train = [s for i, (d, ss) in enumerate(docs) if i % 10 != f for s in ss]
            m = make_upos(train, closed, hun_ship, names, qctx=qctx)
            cf = collections.Counter()
            c, n = eval_upos(m, test, cf)
            return c, n, cf
        for f, (c, n, cf) in enumerate(par_map(upos_fold, range(10), a.jobs)):
            C += c
            N += n
            conf.update(cf)
            print('  UPOS fold %d: %.2f%%' % (f, 100 * c / n), flush=True)
        print('UPOS 10-fold CV by document: %.2f%% (%d words)' % (100 * C / N, N))
        print('  top confusions (gold -> system):', ', '.join('%s->%s %d' % (g, s, k) for (g, s), k in conf.most_common(15)))
    if a.cv and a.cv_only != 'upos':
        n = len(nsents)
        T = [0, 0, 0]

        def ner_fold(f):
            lo, hi = n * f // 10, n * (f + 1) // 10
            m = make_ner(nsents[:lo] + nsents[hi:], hun_ship, countries=countries, um=base)
            return eval_ner(m, nsents[lo:hi])
        for f, r in enumerate(par_map(ner_fold, range(10), a.jobs)):
            T = [x + y for x, y in zip(T, r)]
            print('  NER fold %d: F1 %.2f' % (f, 100 * f1(*r)), flush=True)
        print('NER 10-fold CV (contiguous): F1 %.2f (gold %d, system %d, correct %d)' % (100 * f1(*T), *T))
    if a.padt:
        pd = read_conllu(os.path.join(D, 'ud-padt-v1', 'ar-ud-dev.conllu'), strip=True)
        raw = mapped = n = 0
        for _, ss in pd:
            for s in ss:
                tags = um.tag([w['form'] for w in s])
                for w, t in zip(s, tags):
                    g = w['upos']
                    n += 1
                    raw += (t == g)
                    m = {'CCONJ': 'CONJ', 'SCONJ': 'CONJ', 'AUX': 'VERB'}.get(t, t)
                    mapped += (m == g) or (t == 'PROPN' and g in ('X', 'NOUN'))
        print('PADT dev (information only): raw %.2f%%, mapped %.2f%% (%d words)'
              % (100 * raw / n, 100 * mapped / n, n))


if __name__ == '__main__':
    main()
