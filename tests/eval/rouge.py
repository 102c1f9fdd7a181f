#!/usr/bin/env python3
"""rouge.py - ROUGE-1, ROUGE-2 and ROUGE-L of system summaries on EASC.

    rouge.py [--json] [--per-article] [--ids FILE] EASC_DIR SYSTEM_DIR
    rouge.py --tokens [FILE]...

EASC_DIR holds index.tsv (a header line, then one article a line: id TAB
...), summaries/ID.{A..E}.txt (the references); SYSTEM_DIR holds ID.txt,
the system summary of each article.  A missing system file scores as an
empty summary (0 on every figure) and is counted and named on stderr.

Figures, as the data README's "Scoring conventions" define them:

  ROUGE-N   (N = 1, 2) the n-grams of the system summary and of one
            reference are counted; overlap = sum over n-grams of
            min(count in system, count in reference) ("clipped");
            recall = overlap / reference n-grams, precision = overlap /
            system n-grams, F1 = 2PR / (P + R) (0 when P + R = 0).
  ROUGE-L   the same with overlap = the length of the longest common
            subsequence of the two token sequences (whole summaries, not
            the sentence-by-sentence union LCS of ROUGE-1.5.5).

Each figure is taken against each reference of an article and averaged
over its references, then averaged over the articles.  N-grams run across
sentence and line breaks: a summary is one token sequence.

Tokens: the text is put in NFKC (so Arabic presentation forms and
ligatures such as U+FEFB match the letters they stand for), Arabic marks
(harakat, shadda, sukun, superscript alef, Quranic marks U+0610-061A,
U+064B-065F, U+0670, U+06D6-06ED) and tatweel are removed, format
characters (Cf: RLM, ZWNJ, BOM...) are removed, and أ إ آ ٱ fold to ا; a
token is then a maximal run of letters, marks and digits (Unicode L*, M*,
N*): whitespace, punctuation and symbols separate tokens and are never
tokens themselves.  Case is kept.

This matches ../shared/tools/rouge_eval.py (tests/scripts/eval-rouge.sh
checks it) on text where the two cannot differ, which includes all of
EASC.  Where they can: the reference tokenizes with Python's \\w, so a
combining mark it does not strip (a Latin accent in decomposed form, U+0653
maddah) or a format character (RLM, ZWNJ) splits a word there, while '_'
joins words; here marks stay in their word, format characters vanish and
'_' separates.  The reference does no NFKC.

--json prints one object: R1_recall R1_precision R1_f1 (likewise R2_, RL_)
as fractions, articles, missing, avg_words (system tokens per article); the
keys the reference prints have its meaning.  --per-article adds one line
per article (or "per_article" in JSON): its figures and token count.
--ids FILE scores only the articles whose ids FILE lists (one a line),
e.g. one fold of a cross-validation.  --tokens prints the tokens of each
FILE (stdin without one), one a line: how the scorer sees a text.

Exit status: 0 scored, 1 unreadable input, 2 usage.  Python 3 standard
library only; importable (score(), tokens()) by tests/eval/tune-summarize.py.
"""
import argparse
import json
import os
import sys
import unicodedata
from collections import Counter

# Removed before tokenizing: the marks of lib/arabic.c arabic_is_mark()
# together with everything the reference strips (U+06D6-06ED whole).
_MARKS = set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | \
    {0x0670, 0x0640} | set(range(0x06D6, 0x06EE))
_ALEF = {0x0623: "\u0627", 0x0625: "\u0627", 0x0622: "\u0627", 0x0671: "\u0627"}
# One table for str.translate: marks dropped, alef variants folded.
_TABLE = dict.fromkeys(_MARKS)
_TABLE.update(_ALEF)


def tokens(text):
    """The scorer's tokens of text (a list of str)."""
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    out, cur = [], []
    category = unicodedata.category
    for ch in text:
        cat = category(ch)
        if cat == "Cf":
            continue  # invisible: a word with an RLM or ZWNJ inside is one word
        if cat[0] in "LMN":
            cur.append(ch)
            continue
        if cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    # A run of nothing but marks (a stray combining accent) is no word.
    return [t for t in out if any(category(c)[0] in "LN" for c in t)]


def ngrams(toks, n):
    return Counter(zip(*(toks[i:] for i in range(n))))


def lcs_length(a, b):
    """Length of the longest common subsequence of sequences a and b.

    Bit-parallel (Allison-Dix / Hyyro): bit i of v is 0 where the LCS
    grows at position i of a; one big-integer step per element of b, so a
    summary against a reference costs O(len(b)) big-int operations
    instead of len(a) * len(b) Python steps."""
    if not a or not b:
        return 0
    match = {}
    for i, x in enumerate(a):
        match[x] = match.get(x, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for y in b:
        m = match.get(y)
        if m is None:
            continue  # u = 0 leaves v as it is
        u = v & m
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def lcs_length_dp(a, b):
    """The textbook dynamic programme: lcs_length's check (--self-test)."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def prf(overlap, n_sys, n_ref):
    p = overlap / n_sys if n_sys else 0.0
    r = overlap / n_ref if n_ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


FIGURES = ("R1", "R2", "RL")
KEYS = [f + "_" + k for f in FIGURES for k in ("recall", "precision", "f1")]


def pair_scores(sys_toks, ref_toks):
    """The nine figures of one summary against one reference."""
    res = {}
    for n in (1, 2):
        s, r = ngrams(sys_toks, n), ngrams(ref_toks, n)
        overlap = sum((s & r).values())
        p, rec, f = prf(overlap, max(0, len(sys_toks) - n + 1), max(0, len(ref_toks) - n + 1))
        res["R%d_precision" % n], res["R%d_recall" % n], res["R%d_f1" % n] = p, rec, f
    p, rec, f = prf(lcs_length(sys_toks, ref_toks), len(sys_toks), len(ref_toks))
    res["RL_precision"], res["RL_recall"], res["RL_f1"] = p, rec, f
    return res


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def article_ids(easc):
    """The ids of index.tsv, in its order (its first line is a header)."""
    ids = []
    with open(os.path.join(easc, "index.tsv"), encoding="utf-8") as f:
        next(f, None)
        for line in f:
            cell = line.rstrip("\r\n").split("\t")[0]
            if cell:
                ids.append(cell)
    return ids


def references(easc, art_id, _cache={}):
    """The token lists of an article's references (A..E, those present).
    Cached: tune-summarize.py scores many systems against the same ones."""
    key = (easc, art_id)
    if key not in _cache:
        refs = []
        for k in "ABCDEFGHIJ":
            p = os.path.join(easc, "summaries", "%s.%s.txt" % (art_id, k))
            if os.path.exists(p):
                refs.append(tokens(read_text(p)))
        if not refs:
            raise OSError("no reference summaries for %s in %s" % (art_id, easc))
        _cache[key] = refs
    return _cache[key]


def score(easc, sysdir, ids=None, warn=None):
    """Average figures over the articles (ids: a subset of index.tsv's).
    Returns a dict: KEYS, articles, missing, avg_words, per_article
    (id -> the nine figures and "words")."""
    if ids is None:
        ids = article_ids(easc)
    total = Counter()
    per = {}
    missing = words = 0
    for art in ids:
        p = os.path.join(sysdir, art + ".txt")
        if os.path.exists(p):
            s = tokens(read_text(p))
        else:
            missing += 1
            s = []
            if warn:
                warn("no system summary %s: scored as empty" % p)
        refs = references(easc, art)
        acc = Counter()
        for r in refs:
            acc.update(pair_scores(s, r))
        fig = {k: acc[k] / len(refs) for k in KEYS}
        fig["words"] = len(s)
        per[art] = fig
        total.update({k: fig[k] for k in KEYS})
        words += len(s)
    n = len(ids)
    res = {k: (total[k] / n if n else 0.0) for k in KEYS}
    res.update(articles=n, missing=missing, avg_words=words / n if n else 0.0)
    res["per_article"] = per
    return res


def self_test():
    """lcs_length against the dynamic programme on random sequences."""
    import random
    rng = random.Random(7)
    for trial in range(3000):
        a = [rng.randrange(5) for _ in range(rng.randrange(0, 40))]
        b = [rng.randrange(5) for _ in range(rng.randrange(0, 40))]
        if lcs_length(a, b) != lcs_length_dp(a, b):
            print("self-test FAILED: lcs of %r and %r: %d, dp %d"
                  % (a, b, lcs_length(a, b), lcs_length_dp(a, b)))
            return 1
    print("self-test passed: 3000 random LCS lengths equal the DP's")
    return 0


def main(argv):
    ap = argparse.ArgumentParser(
        prog="rouge.py",
        description="ROUGE-1/2/L recall and F1 of SYSTEM_DIR/ID.txt against "
                    "EASC_DIR's five references per article.")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--per-article", action="store_true", help="add per-article figures")
    ap.add_argument("--ids", metavar="FILE", help="score only the ids FILE lists, one a line")
    ap.add_argument("--tokens", action="store_true", help="print the tokens of FILEs and exit")
    ap.add_argument("--self-test", action="store_true", help="check the LCS code and exit")
    ap.add_argument("paths", nargs="*", metavar="EASC_DIR SYSTEM_DIR")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if a.tokens:
        try:
            for p in a.paths or ["-"]:
                text = sys.stdin.read() if p == "-" else read_text(p)
                for t in tokens(text):
                    print(t)
        except OSError as e:
            print("rouge.py: %s" % e, file=sys.stderr)
            return 1
        return 0
    if len(a.paths) != 2:
        ap.print_usage(sys.stderr)
        print("rouge.py: expected EASC_DIR and SYSTEM_DIR", file=sys.stderr)
        return 2
    easc, sysdir = a.paths

    def warn(msg):
        print("rouge.py: warning: " + msg, file=sys.stderr)

    try:
        if not os.path.isdir(sysdir):
            raise OSError("no system directory %s" % sysdir)
        ids = None
        if a.ids:
            known = set(article_ids(easc))
            ids = [l.strip() for l in open(a.ids, encoding="utf-8") if l.strip()]
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise OSError("%s: ids not in %s/index.tsv: %s"
                              % (a.ids, easc, " ".join(unknown[:5])))
        res = score(easc, sysdir, ids, warn)
    except OSError as e:
        print("rouge.py: %s" % e, file=sys.stderr)
        return 1
    per = res.pop("per_article")
    if a.json:
        if a.per_article:
            res["per_article"] = per
        print(json.dumps(res, sort_keys=True))
        return 0
    print("%-8s %7s %9s %7s" % ("", "recall", "precision", "F1"))
    for f in FIGURES:
        name = "ROUGE-" + f[1]
        print("%-8s %7.2f %9.2f %7.2f" % (name, 100 * res[f + "_recall"],
                                          100 * res[f + "_precision"], 100 * res[f + "_f1"]))
    print("articles %d, missing %d, system tokens per article %.1f"
          % (res["articles"], res["missing"], res["avg_words"]))
    if a.per_article:
        print("\nid\tR1_recall\tR1_f1\tR2_recall\tR2_f1\tRL_recall\tRL_f1\twords")
        for art, fig in per.items():
            print(art + "\t" + "\t".join("%.2f" % (100 * fig[k]) for k in
                  ("R1_recall", "R1_f1", "R2_recall", "R2_f1", "RL_recall", "RL_f1"))
                  + "\t%d" % fig["words"])
    return 0


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # | head ends us quietly
    sys.exit(main(sys.argv[1:]))
