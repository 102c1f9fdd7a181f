#!/usr/bin/env python3
"""Build the data files for `tokenize --split-clitics` (see CLITICS.md).

Reads (never copies text from) ../shared/data beside the repository:
  lexicons/hunspell-ar   Ayaspell ar.dic/ar.aff, used under its MPL-1.1 option:
                         expanded WITHOUT clitic affixes into clitic-free forms
  corpora/ant-news.txt   word frequencies only (no text is written out)
  ud-pud/pud-dev.conllu  UD Arabic-PUD dev half (CC BY-SA 4.0): weights are
                         tuned and exceptions learned on its gold clitic splits
  ner/anercorp-train.txt ANERcorp train (CC BY-SA 4.0): person and place
                         names that are dictionary words, kept whole
ud-padt-v1 (non-commercial) is NOT used.

Writes, next to this script:
  clitic-lexicon.tsv     key<TAB>count<TAB>inhunspell   (lookup keys, see CLITICS.md)
  clitic-weights.tsv     name<TAB>weight                 (scoring weights)
  clitic-exceptions.tsv  key<TAB>pieces                  (whole-token splits: PUD, ANERcorp names)

Usage: build-clitic-lexicon.py [--data DIR] [--cv] [--errors FILE]
  --cv      also print the 10-fold cross-validated words F1 on PUD-dev
            (weights tuned and exceptions learned on 9/10 of the documents)
  --errors  write the in-sample errors (token, gold, system) to FILE
Python 3 standard library only; deterministic output.
"""
import argparse
import collections
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_COUNT = 3          # corpus keys kept in the lexicon
EXC_MINCOUNT = 1       # PUD occurrences needed for an exception entry
NAME_MINCOUNT = 2      # ANERcorp occurrences in a name for a name exception
# The proclitics before a name kept whole, as tokenize splits them.
NAME_PROCLITICS = ('و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك')

# ---------------------------------------------------------------- characters
def _ranges(*rs):
    s = set()
    for a, b in rs:
        s.update(chr(c) for c in range(a, b + 1))
    return s

TATWEEL = '\u0640'
# combining marks attached to the preceding letter (dropped from keys)
MARKS = _ranges((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
                (0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED)) | {TATWEEL}
LETTERS = _ranges((0x0621, 0x063A), (0x0641, 0x064A), (0x066E, 0x066F),
                  (0x0671, 0x06D3), (0x06D5, 0x06D5), (0x06EE, 0x06EF),
                  (0x06FA, 0x06FC), (0x06FF, 0x06FF))
ARABIC = LETTERS | MARKS
DIGITS = _ranges((0x30, 0x39), (0x0660, 0x0669), (0x06F0, 0x06F9))
FOLD = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه',
        'ی': 'ي', 'ک': 'ك'}


def key(s):
    """Lookup key: drop marks and tatweel, fold أإآٱ→ا ى→ي ة→ه ی→ي ک→ك."""
    return ''.join(FOLD.get(ch, ch) for ch in s if ch not in MARKS)


def exc_key(s):
    """Exception-table key: like key() but ة is kept (وحدة ≠ وحده)."""
    return ''.join(ch if ch == 'ة' else FOLD.get(ch, ch) for ch in s if ch not in MARKS)


def letters(tok):
    """Base letters of an all-Arabic string and, for each, the end offset
    (exclusive) in tok of the letter with the marks that follow it."""
    L, ends = [], []
    for i, ch in enumerate(tok):
        if ch in MARKS and L:
            ends[-1] = i + 1
        else:
            L.append(ch)
            ends.append(i + 1)
    return L, ends

# ---------------------------------------------------------------- grammar
PROCLITICS = [(), ('ب',), ('ل',), ('ك',), ('س',),
              ('و',), ('و', 'ب'), ('و', 'ل'), ('و', 'ك'), ('و', 'س'),
              ('ف',), ('ف', 'ب'), ('ف', 'ل'), ('ف', 'ك'), ('ف', 'س')]
ENCLITICS = ['', 'ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كما', 'كن',
             'ي', 'نا', 'ني']
IMPERFECT = set('يتنأ')


def analyses(L):
    """All grammatical analyses of base letters L: (pro, enc, stemlen, keys,
    cuts) with cuts in base-letter positions, in enumeration order."""
    n = len(L)
    s = ''.join(L)
    out = []
    for pro in PROCLITICS:
        pl = len(pro)
        if s[:pl] != ''.join(pro):
            continue
        for enc in ENCLITICS:
            el = len(enc)
            if el and s[n - el:] != enc:
                continue
            a, b = pl, n - el
            if b < a:
                continue
            cuts = list(range(1, pl + 1))
            if b == a:       # ل+ه, ب+ها, ول+هم: preposition + pronoun
                if not (pro and pro[-1] in ('ب', 'ل') and enc):
                    continue
                out.append((pro, enc, 0, None, tuple(cuts)))
                continue
            if b - a < 2:
                continue
            stem = s[a:b]
            if pro and pro[-1] == 'س' and stem[0] not in IMPERFECT:
                continue
            if enc and stem.startswith('ال'):
                continue
            k = key(stem)
            keys = [k]
            if pro and pro[-1] == 'ل' and stem[0] == 'ل':   # ل + لسلطة = لل-السلطة
                keys = ['ا' + k, k]
            if enc:
                if stem[-1] == 'ت':            # مدرست+ه  → مدرسة
                    keys.append(k[:-1] + 'ه')
                if stem[-1] in 'ئؤ':           # لقائ+ه   → لقاء
                    keys.append(k[:-1] + 'ء')
                if stem[-1] == 'ا':            # شكوا+ها  → شكوى
                    keys.append(k[:-1] + 'ي')
                if stem[-1] == 'و':            # أمدو+ها  → أمدوا
                    keys.append(k + 'ا')
                cuts.append(b)
            out.append((pro, enc, b - a, keys, tuple(cuts)))
    return out


class Model:
    def __init__(self, lex, weights, exceptions):
        self.lex = lex            # key -> (count, inhunspell)
        self.W = weights
        self.exc = exceptions     # key -> cuts (base-letter positions)
        self._cache = {}

    def features(self, core):
        r = self._cache.get(core)
        if r is None:
            L, ends = letters(core)
            r = []
            for pro, enc, slen, keys, cuts in analyses(L):
                if keys is None:
                    f, h = 0, 1
                else:
                    f = max(self.lex.get(k, (0, 0))[0] for k in keys)
                    h = 1 if any(self.lex.get(k, (0, 0))[1] for k in keys) else 0
                r.append((pro, enc, slen, f, h, cuts))
            r = (ends, r)
            self._cache[core] = r
        return r

    def score(self, pro, enc, slen, f, h):
        W = self.W
        s = W['b'] * math.log(1 + f) + W['h'] * h
        for p in pro:
            s += W['P' + p]
        if len(pro) == 2:
            s += W['PP']
        if enc:
            s += W['E' + enc]
        if slen == 0:
            s += W['empty']
        return s

    def core_cuts(self, core):
        """Cut offsets (in code points of core) for an all-Arabic core."""
        ends, an = self.features(core)
        k = exc_key(core)
        if k in self.exc:
            return tuple(ends[c - 1] for c in self.exc[k])
        best = None
        for pro, enc, slen, f, h, cuts in an:
            sc = (self.score(pro, enc, slen, f, h), -len(cuts))
            if best is None or sc > best[0]:
                best = (sc, cuts)
        return tuple(ends[c - 1] for c in best[1])

    def split(self, tok):
        """Cut offsets for a whole orthographic token."""
        cuts = set()
        for i in range(1, len(tok)):
            a, b = tok[i - 1], tok[i]
            if (a in ARABIC and b in DIGITS) or (a in DIGITS and b in ARABIC):
                cuts.add(i)
        bounds = [0] + sorted(cuts) + [len(tok)]
        for a, b in zip(bounds, bounds[1:]):
            if not all(ch in ARABIC for ch in tok[a:b]):
                continue
            i, j = a, b
            while i < b and tok[i] == TATWEEL:
                i += 1
            while j > i and tok[j - 1] == TATWEEL:
                j -= 1
            if a == 0 and i < b:          # token-initial tatweel: ـلا → ـ + لا
                cuts.add(i)
            if b == len(tok) and j > a:   # token-final tatweel: فقطـ → فقط + ـ
                cuts.add(j)
            if a != 0:
                i = a
            if b != len(tok):
                j = b
            core = tok[i:j]
            if len(letters(core)[0]) < 2:
                continue
            for c in self.core_cuts(core):
                c += i
                cuts.add(c)
                k = c                      # وـربما → و + ـ + ربما
                while k > i and tok[k - 1] == TATWEEL:
                    k -= 1
                if k < c:
                    cuts.add(k)
                k = c
                while k < j and tok[k] == TATWEEL:
                    k += 1
                if c < k < j:
                    cuts.add(k)
        return tuple(sorted(c for c in cuts if 0 < c < len(tok)))

# ---------------------------------------------------------------- hunspell
def hunspell_forms(d):
    """Clitic-free forms of the Ayaspell dictionary: each stem, its
    inflectional suffixes (classes AA..ND and ?x), and ال before them.
    Clitic classes are skipped: proclitic prefixes (nr nn nj P* T*, and
    every mr/mn/mj rule except bare ال), pronoun suffixes (aa bb cc dd ee ff,
    H*, G*, ?a..?i) and any suffix rule continuing into aa/bb."""
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

    out = set()

    def add_al(w, fls):
        for fl in fls:
            if fl in ('mr', 'mn', 'mj'):
                for strip, add, cont, cond in rules[fl]:
                    if add == 'ال' and not strip and cond.search(w):
                        out.add('ال' + w)

    stop, section = [], None
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
            if fl.isdigit():
                fl = AF[int(fl)]
            if section == 'stopwords.dic':      # listed with clitics attached
                stop.append(w)
                continue
            fls = flags(fl)
            out.add(w)
            add_al(w, fls)
            for s1 in fls:
                if not keep_sfx(s1):
                    continue
                for r in rules[s1]:
                    strip, add, cont, cond = r
                    if not usable(r) or not cond.search(w) or not w.endswith(strip):
                        continue
                    w1 = w[:len(w) - len(strip)] + add
                    out.add(w1)
                    c1 = flags(cont)
                    add_al(w1, c1)
                    for s2 in c1:
                        if not keep_sfx(s2):
                            continue
                        for r2 in rules[s2]:
                            if usable(r2) and r2[3].search(w1) and w1.endswith(r2[0]):
                                out.add(w1[:len(w1) - len(r2[0])] + r2[1])
    # stop words: keep those that are not clitic + another stop word
    S = set(stop)
    pre = ['و', 'ف', 'ب', 'ل', 'ك', 'أ', 'س', 'ال']
    enc = ENCLITICS[1:]
    for w in stop:
        if any(w.startswith(p) and w[len(p):] in S for p in pre):
            continue
        if any(w.endswith(e) and (w[:-len(e)] in S or w[:-len(e)] + 'ى' in S
                                  or w[:-len(e)][:-1] + 'ى' in S) for e in enc):
            continue
        out.add(w)
    return out

# ---------------------------------------------------------------- corpus
def corpus_counts(path):
    c = collections.Counter()
    run = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            for ch in line + '\n':
                if ch in ARABIC:
                    run.append(ch)
                elif run:
                    k = key(''.join(run))
                    if k:
                        c[k] += 1
                    run = []
    return c

# ---------------------------------------------------------------- PUD
def is_wordchar(ch):
    return unicodedata.category(ch)[0] in 'LMN'


def read_pud(path):
    """Documents as lists of (orthographic token, gold pieces): words joined
    by SpaceAfter=No where both sides are letters/marks/digits are merged
    (the conllu_eval.py 'tokens' rule)."""
    docs = []
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    for block in blocks:
        words = []
        for l in block.split('\n'):
            if l.startswith('# newdoc id'):
                docs.append([])
            if not l or l.startswith('#'):
                continue
            c = l.split('\t')
            if '-' in c[0] or '.' in c[0]:
                continue
            words.append((c[1], 'SpaceAfter=No' not in c[9].split('|')))
        prev_sa = True
        toks = []
        for form, sa in words:
            if toks and not prev_sa and is_wordchar(toks[-1][0][-1]) and is_wordchar(form[0]):
                toks[-1][0] += form
                toks[-1][1].append(form)
            else:
                toks.append([form, [form]])
            prev_sa = sa
        if words:
            docs[-1].extend((t, p) for t, p in toks)
    return docs


def gold_cuts(pieces):
    c, pos = [], 0
    for x in pieces[:-1]:
        pos += len(x)
        c.append(pos)
    return tuple(c)


def evaluate(model, toks, errors=None):
    g = s = c = 0
    for t, p in toks:
        gc = gold_cuts(p)
        pc = model.split(t)
        gs = set(zip((0,) + gc, gc + (len(t),)))
        ps = set(zip((0,) + pc, pc + (len(t),)))
        g += len(gs)
        s += len(ps)
        c += len(gs & ps)
        if errors is not None and gc != pc:
            errors.append((t, p, pc))
    return g, s, c


def f1(g, s, c):
    p, r = c / s, c / g
    return 2 * p * r / (p + r)


W_INIT = {'b': 1.0, 'h': 3.0, 'Pو': -2, 'Pف': -4, 'Pب': -3, 'Pل': -3,
          'Pك': -6, 'Pس': -4, 'PP': 0, 'empty': 0}
for _e in ENCLITICS[1:]:
    W_INIT['E' + _e] = -3


def tune(lex, toks, rounds=4):
    """Coordinate ascent on words F1, weights in steps of 0.5 (b: 0.1)."""
    W = dict(W_INIT)
    m = Model(lex, W, {})
    # only tokens with an Arabic part can change
    toks = [(t, p) for t, p in toks if any(ch in LETTERS for ch in t)]
    best = f1(*evaluate(m, toks))
    for _ in range(rounds):
        changed = False
        for k in sorted(W):
            steps = [0.1, -0.1, 0.2, -0.2] if k == 'b' else [0.5, -0.5, 1, -1, 2, -2, 4, -4, 8]
            for d in steps:
                old = W[k]
                W[k] = round(old + d, 4)
                sc = f1(*evaluate(m, toks))
                if sc > best + 1e-12:
                    best, changed = sc, True
                else:
                    W[k] = old
        if not changed:
            break
    return W


def learn_exceptions(model, toks, mincount=EXC_MINCOUNT):
    """Whole-token keys whose majority (≥2/3) gold split differs from the
    model's; stored as cut positions in base letters."""
    by = collections.defaultdict(collections.Counter)
    sample = {}
    for t, p in toks:
        if not t or not all(ch in ARABIC for ch in t) or TATWEEL in t:
            continue
        L, ends = letters(t)
        if len(L) < 2:
            continue
        cuts = []
        for pos in gold_cuts(p):
            if pos not in ends:
                break
            cuts.append(ends.index(pos) + 1)
        else:
            by[exc_key(t)][tuple(cuts)] += 1
            sample.setdefault(exc_key(t), t)
    exc = {}
    for k, cnt in by.items():
        n = sum(cnt.values())
        gc, m = cnt.most_common(1)[0]
        if n < mincount or m * 3 < n * 2:
            continue
        t = sample[k]
        L, ends = letters(t)
        if model.core_cuts(t) != tuple(ends[c - 1] for c in gc):
            exc[k] = gc
    return exc

def read_ner_tokens(path):
    """ANERcorp's `token TAG` lines: (token, 1 if inside a person's or a
    place's name) pairs.  ORG and MISC names hold common words with real
    clitics (للتعليم, ونهاية), so they do not count."""
    out = []
    for line in open(path, encoding='utf-8'):
        p = line.split()
        if len(p) == 2:
            out.append((p[0], p[1][2:] in ('PER', 'PERS', 'LOC')))
    return out


def learn_name_exceptions(model, ner_toks, minent=NAME_MINCOUNT):
    """Names kept whole (ANERcorp, CC BY-SA 4.0): a token that is inside a
    person's or place's name at least half of the times it occurs, and at
    least minent times, and that the dictionary knows whole (a clitic-free
    hunspell form), is not cut: فيصل is no ف + يصل, فاس no ف + اس, though
    يصل and اس are words too.  A name with a real proclitic (بسيناء,
    وتنزانيا) is no dictionary form, and the scoring cuts it as before."""
    ent, tot, sample = collections.Counter(), collections.Counter(), {}
    for t, is_name in ner_toks:
        if not t or not all(ch in ARABIC for ch in t) or TATWEEL in t:
            continue
        k = exc_key(t)
        tot[k] += 1
        ent[k] += is_name
        sample.setdefault(k, t)
    exc = {}
    for k in sorted(tot):
        if ent[k] < minent or 2 * ent[k] < tot[k] or not model.lex.get(key(k), (0, 0))[1]:
            continue
        t = sample[k]
        if len(letters(t)[0]) != len(t):   # marks: letter and code point offsets differ
            continue
        cuts = model.core_cuts(t)
        # a cut before ال or أبي/أبو/أبا is a real one: المعتصم بالله is
        # ب + الله, لأبي مازن ل + أبي مازن
        if cuts and not any(key(t[c:]).startswith('ال') or key(t[c:]) in ('ابي', 'ابو', 'ابا') for c in cuts):
            exc[k] = ()
            # and the name after proclitics is cut after them only (وبابل:
            # و + بابل, not و + ب + ابل), unless that form is more often
            # a word of its own in the news (لدينا: لدي + نا, not ل + دينا)
            n = model.lex.get(key(t), (0, 0))[0]
            for p in NAME_PROCLITICS:
                if model.core_cuts(p + t) != tuple(range(1, len(p) + 1)) and \
                        model.lex.get(key(p + t), (0, 0))[0] <= n:
                    exc[exc_key(p + t)] = tuple(range(1, len(p) + 1))
    return exc


def with_names(exc, model, ner_toks):
    """The PUD exceptions exc plus the name exceptions; PUD's win."""
    out = dict(learn_name_exceptions(model, ner_toks))
    out.update(exc)
    return out

# ---------------------------------------------------------------- output
def header(name, what, sources):
    return ''.join('# ' + l + '\n' for l in [
        f'{name}: {what}',
        'Generated by rules/tokenize/build-clitic-lexicon.py; format and use: rules/tokenize/CLITICS.md',
    ] + sources)


SRC_HUN = 'Ayaspell Arabic hunspell dictionary (hunspell-ar), used under its MPL-1.1 option (tri-licensed GPL-2+/LGPL-2.1+/MPL-1.1)'
SRC_ANT = 'word counts from the ANT news corpus v2.1 (frequencies only; no text)'
SRC_NER = 'ANERcorp train, CC BY-SA 4.0 (CAMeL Lab release)'
SRC_PUD = 'UD Arabic-PUD dev half, CC BY-SA 4.0 (Universal Dependencies); this file is a derived work under CC BY-SA 4.0'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
    ap.add_argument('--out', default=HERE)
    ap.add_argument('--cv', action='store_true')
    ap.add_argument('--errors')
    a = ap.parse_args()
    d = os.path.abspath(a.data)

    hun = {key(w) for w in hunspell_forms(os.path.join(d, 'lexicons', 'hunspell-ar'))}
    counts = corpus_counts(os.path.join(d, 'corpora', 'ant-news.txt'))
    lex = {k: (n, 1 if k in hun else 0) for k, n in counts.items() if n >= MIN_COUNT}
    print(f'hunspell clitic-free keys {len(hun)}, corpus keys {len(counts)}, '
          f'lexicon keys {len(lex)} (count >= {MIN_COUNT})', file=sys.stderr)

    docs = read_pud(os.path.join(d, 'ud-pud', 'pud-dev.conllu'))
    allt = [x for doc in docs for x in doc]
    W = tune(lex, allt)
    model = Model(lex, W, {})
    g, s, c = evaluate(model, allt)
    print(f'PUD-dev words F1, weights only (in-sample): {100 * f1(g, s, c):.2f}', file=sys.stderr)
    ner_toks = read_ner_tokens(os.path.join(d, 'ner', 'anercorp-train.txt'))
    pud = learn_exceptions(model, allt)
    exc = with_names(pud, model, ner_toks)
    print(f'name exceptions from ANERcorp: {len(exc) - len(pud)} '
          f'({" ".join(k for k in sorted(exc) if k not in pud and not exc[k])} and those after proclitics)',
          file=sys.stderr)
    model = Model(lex, W, exc)
    errs = []
    g, s, c = evaluate(model, allt, errs)
    print(f'PUD-dev words F1, weights + {len(exc)} exceptions (in-sample): '
          f'{100 * f1(g, s, c):.2f}  (gold {g}, system {s}, correct {c})', file=sys.stderr)
    if a.errors:
        with open(a.errors, 'w', encoding='utf-8') as f:
            for t, p, pc in errs:
                sp = [t[i:j] for i, j in zip((0,) + pc, pc + (len(t),))]
                f.write(f"{t}\t{' + '.join(p)}\t{' + '.join(sp)}\n")

    with open(os.path.join(a.out, 'clitic-lexicon.tsv'), 'w', encoding='utf-8') as f:
        f.write(header('clitic-lexicon.tsv',
                       'lookup key, corpus count, 1 if a clitic-free hunspell form',
                       ['Sources: ' + SRC_ANT + ';', '  ' + SRC_HUN + '.',
                        'Columns: key<TAB>count<TAB>inhunspell; sorted by key (code points)']))
        for k in sorted(lex):
            f.write(f'{k}\t{lex[k][0]}\t{lex[k][1]}\n')
    with open(os.path.join(a.out, 'clitic-weights.tsv'), 'w', encoding='utf-8') as f:
        f.write(header('clitic-weights.tsv', 'scoring weights of clitic analyses',
                       ['Tuned on: ' + SRC_PUD,
                        'Columns: name<TAB>weight. b: per ln(1+count); h: stem is a hunspell form;',
                        'P<letter>: each proclitic; PP: two proclitics; E<pronoun>: enclitic; empty: stemless ب/ل+pronoun']))
        for k in sorted(W):
            f.write(f'{k}\t{W[k]:g}\n')
    with open(os.path.join(a.out, 'clitic-exceptions.tsv'), 'w', encoding='utf-8') as f:
        f.write(header('clitic-exceptions.tsv', 'whole-token splits that override the scoring',
                       ['Sources: ' + SRC_PUD + ';',
                        '  ' + SRC_NER + ': the names kept whole (learn_name_exceptions).',
                        'Columns: key<TAB>pieces (the key cut into pieces with +; a key alone = no split)']))
        for k in sorted(exc):
            cuts = exc[k]
            sp = [k[i:j] for i, j in zip((0,) + cuts, cuts + (len(k),))]
            f.write(f"{k}\t{'+'.join(sp)}\n")

    if a.cv:
        K = 10
        tot = [0, 0, 0]
        tot_w = [0, 0, 0]
        for fold in range(K):
            train = [x for i, doc in enumerate(docs) if i % K != fold for x in doc]
            test = [x for i, doc in enumerate(docs) if i % K == fold for x in doc]
            Wf = tune(lex, train)
            mf = Model(lex, Wf, {})
            r = evaluate(mf, test)
            tot_w = [u + v for u, v in zip(tot_w, r)]
            mf = Model(lex, Wf, with_names(learn_exceptions(mf, train), mf, ner_toks))
            r = evaluate(mf, test)
            tot = [u + v for u, v in zip(tot, r)]
            print(f'  fold {fold}: {100 * f1(*r):.2f}', file=sys.stderr, flush=True)
        print(f'PUD-dev words F1, 10-fold CV by document: weights only {100 * f1(*tot_w):.2f}, '
              f'weights + exceptions {100 * f1(*tot):.2f}', file=sys.stderr)


if __name__ == '__main__':
    main()
