#!/usr/bin/env python3
"""Build rules/summarize/idf.tsv, the IDF background table of `summarize`.

    python3 rules/summarize/build-idf.py [--data DIR] [--bin DIR]
        [--mode both|plain|split] [--min-df N] [-o FILE] [--stats]

summarize weighs a word by its inverse document frequency: a word most
news articles use (قال, الرئيس) says little about which sentences matter,
a rare one (a name, a place) says much.  One document (the one being
summarized) is too small to learn that from, so this script counts, once,
in how many articles of a large news corpus each word occurs.

Input (read, never copied: see rules/summarize/README.md)
  $DATA/corpora/ant-news.txt     ANT corpus v2.1, 31,523 news articles
  $DATA/corpora/ant-jawhara.txt  ANT corpus v1.1, 10,138 articles
DATA is --data, else $NASS_DATA, else ../shared/data from the repo root.

Articles.  The files have no article delimiter: every block (a title or a
paragraph) is one line, and one blank line separates blocks, between
paragraphs and between articles alike.  An article starts at its title,
and a title is told from a paragraph by its shape (title_shaped): at most
120 characters and 4 words or more, no sentence-final or clause punctuation at
its end (. ! ? ؟ … : ، , ; ؛, before closing quotes or brackets), not a
"read also" link (قد يهمك.. / شاهد.. / اقرأ..), and not followed by another
block of that shape (a run of such blocks is a list of related headlines
inside an article; the last one is the title of the next).  This finds
33,628 articles in ant-news (the README says 31,523: some cross-headings
inside articles pass for titles and cut an article in two) and 9,702 in
ant-jawhara (10,138: some titles end in punctuation and join the article
before).  A few percent of documents off changes an IDF by log(1.07):
the table ranks words the same.

Keys.  Each article becomes one line of a temporary file, fed to the
repo's own `bin/tokenize --doc-per-line | bin/tag` and, side by side,
`bin/tokenize --doc-per-line --split-clitics | bin/tag` (--mode both, the
default; --mode plain or split for one), so each article is one
`# newdoc` and the words are those summarize sees, whichever way it is fed.
A word's key is what summarize matches on (lib/summarize.c word_key): its
LEMMA (tag's light stem; the FORM when LEMMA is _), folded as lib/arabic.c
arabic_key(fold=1) folds (marks and tatweel dropped, أ إ آ ٱ -> ا, ى -> ي,
ة -> ه, ی -> ي, ک -> ك; a key of nothing but marks is the word itself),
ASCII letters lowercased.  A document's keys are the union of its keys
under both tokenizations, each counted once.  Words tagged PUNCT or SYM,
keys with no letter and no digit, and hashtags (a key starting with '#'
would read as a comment line) are not counted.  NUM words are: summarize
counts NUM as content (rules/summarize.yaml content_upos), and a number
word (ثلاثة) or a year (2018) missing from the table would take the IDF of
the rarest word and head the keywords.

Why both: tag's lemmas differ with the tokenization.  Unsplit, وللسلطة has
the lemma سلطة and لقائه keeps its suffix (لقائه); split, ل|لسلطة gives
لسلطة and لقائ|ه gives لقائ.  Of the content words (content_upos) of the
79 EASC articles through normalize | tokenize | tag (make eval's
pipeline), 82.0% have a key in a table counted on --split-clitics output
alone, 89.1% in one counted on plain output, 89.6% in the union; through
tokenize --split-clitics, 93.4%, 92.3% and 93.4%.

Output: a header of '#' lines (what the file is, the sources, the minimum
DF, the command, and `# documents N`, the line summarize reads), then
`KEY<TAB>DF` sorted by key (code point order = UTF-8 byte order = LC_ALL=C
sort), DF = the number of documents whose words include KEY, only keys
with DF >= --min-df (default 5).  Word statistics only: no sentence, no
word sequence, nothing that rebuilds any text.  The same inputs give the
same bytes.

Why 5: of the 208,818 keys, 115,749 occur in 2 documents or more (1.74
MB), 60,904 in 5 or more (911 KB); all of them would take 3.2 MB.  A key
left out takes the IDF of an unseen word, ln((N + 2) / 2) + 1 = 10.98 for
N = 43,330, where DF 2..4 would give 10.29..9.88: under 10% off, for
words rare either way.  And fewer keys are less start-up work for every
summarize run (the table is loaded and re-keyed each time; DESIGN.md
section 6 asks for under 5 ms) and a smaller rules blob in every binary.

--stats prints how many keys each minimum would keep and the file size.
--doc-per-line FILE... prints the articles of each FILE (a corpus of this
layout) one a line, their blocks joined by a space, and exits: the input
of `tokenize --doc-per-line` (tests/bench/run.sh gives summarize one
document per article so).  Python 3 standard library only.  The table
takes about 80 s on two cores (tokenize | tag twice over 100 MB, and
Python reading the 2 GB of CoNLL-U).
"""
import argparse
import collections
import itertools
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPORA = (("ant-news.txt", "ANT corpus v2.1 news (Al Arabiya, BBC, CNN, France24, Sky News Arabia)"),
           ("ant-jawhara.txt", "ANT corpus v1.1 (Jawhara FM, Tunisia)"))

# ------------------------------------------------------------------ keys
# lib/arabic.c arabic_is_mark() and arabic_fold(), written again here.
MARKS = set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | \
    set(range(0x06D6, 0x06DD)) | set(range(0x06DF, 0x06E9)) | set(range(0x06EA, 0x06EE))
FOLD = dict.fromkeys(MARKS)
FOLD.update({0x0623: "\u0627", 0x0625: "\u0627", 0x0622: "\u0627", 0x0671: "\u0627",
             0x0649: "\u064a", 0x06CC: "\u064a", 0x0629: "\u0647", 0x06A9: "\u0643"})
# lib/summarize.c word_key() lowercases ASCII letters only.
FOLD.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def word_key(word):
    k = word.translate(FOLD)
    if not k:  # arabic_key: when nothing is left, the word itself
        k = word.translate({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
    return k


def countable(key):
    """A key with a letter or a digit (Unicode L* or N*), not starting
    with '#': summarize reads a line that starts with '#' at the top of the
    table as a comment, so a hashtag key (#metoo) cannot be stored."""
    return not key.startswith("#") and any(unicodedata.category(c)[0] in "LN" for c in key)


SKIP_UPOS = {"PUNCT", "SYM"}

# --------------------------------------------------------------- articles
TITLE_END = re.compile(r"[.!?\u061f\u2026:\u060c,;\u061b][\"'\u00bb\u201d)\]]*$")
READ_ALSO = re.compile(r"(قد يهمك|شاهد|اقرأ|اقرا|إقرأ)\s*(\.\.|:)")


def title_shaped(block):
    return (len(block) <= 120 and len(block.split()) >= 4
            and not TITLE_END.search(block) and not READ_ALSO.match(block))


def articles(path):
    """The articles of a corpus file, each a list of blocks (title first)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", f.read())]
    blocks = [" ".join(b.split()) for b in blocks if b.strip()]
    shaped = [title_shaped(b) for b in blocks]
    cur = []
    for i, b in enumerate(blocks):
        starts = shaped[i] and not (i + 1 < len(blocks) and shaped[i + 1])
        if starts and cur:
            yield cur
            cur = []
        cur.append(b)
    if cur:
        yield cur


# ------------------------------------------------------------------ count
# The tokenize options of each --mode: summarize is fed either.
MODES = {"plain": [], "split": ["--split-clitics"]}


def pipeline(doc_file, bindir, opts):
    """Start tokenize --doc-per-line OPTS doc_file | tag; (tokenize, tag)."""
    tok = subprocess.Popen([os.path.join(bindir, "tokenize"), "--doc-per-line"] + opts + [doc_file],
                           stdout=subprocess.PIPE)
    tag = subprocess.Popen([os.path.join(bindir, "tag")], stdin=tok.stdout, stdout=subprocess.PIPE)
    tok.stdout.close()  # tag holds the pipe; tokenize gets SIGPIPE if tag dies
    return tok, tag


def doc_keys(stream, keys):
    """Yield the set of counted keys of each document of a CoNLL-U stream.
    keys caches lemma -> key (None: not counted): most lemmas recur."""
    seen = None
    for raw in stream:
        if raw[:1] == b"#":
            if raw.startswith(b"# newdoc"):
                if seen is not None:
                    yield seen
                seen = set()
            continue
        c = raw.split(b"\t", 4)
        if len(c) < 5 or b"-" in c[0] or b"." in c[0]:
            continue  # blank line, range line, empty node
        if c[3].decode("ascii", "replace") in SKIP_UPOS:
            continue
        lemma = c[2] if c[2] != b"_" else c[1]
        k = keys.get(lemma, 0)
        if k == 0:
            k = word_key(lemma.decode("utf-8", "replace"))
            k = keys[lemma] = k if countable(k) else None
        if k is not None:
            seen.add(k)
    if seen is not None:
        yield seen


def count(doc_file, bindir, modes):
    """Run tokenize | tag over doc_file (one document a line) once per
    mode, side by side; a document's keys are the union of its keys under
    each mode.  Returns (documents, Counter key -> DF)."""
    procs = [pipeline(doc_file, bindir, MODES[m]) for m in modes]
    keys = {}
    df = collections.Counter()
    docs = 0
    for sets in itertools.zip_longest(*(doc_keys(tag.stdout, keys) for _, tag in procs)):
        if any(x is None for x in sets):
            raise RuntimeError("the modes' pipelines gave different numbers of documents")
        df.update(set().union(*sets))
        docs += 1
    for tok, tag in procs:
        st_tag, st_tok = tag.wait(), tok.wait()
        if st_tok or st_tag:
            raise RuntimeError("tokenize | tag failed (status %d, %d)" % (st_tok, st_tag))
    return docs, df


def table(df, min_df):
    return sorted((k, n) for k, n in df.items() if n >= min_df)


def size(rows):
    return sum(len(k.encode("utf-8")) + len(str(n)) + 2 for k, n in rows)


def main():
    ap = argparse.ArgumentParser(description="Build rules/summarize/idf.tsv from the ANT news corpora.")
    ap.add_argument("--data", help="the data directory (default $NASS_DATA or ../shared/data)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "bin"), help="where tokenize and tag are")
    ap.add_argument("--mode", choices=("both", "plain", "split"), default="both",
                    help="count the keys of tokenize | tag, of tokenize --split-clitics | tag, or of both (default)")
    ap.add_argument("--min-df", type=int, default=5, help="keep keys in at least this many documents (5)")
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "idf.tsv"))
    ap.add_argument("--stats", action="store_true", help="print keys and size per minimum DF too")
    ap.add_argument("--doc-per-line", nargs="+", metavar="FILE",
                    help="print the articles of FILEs one a line and exit")
    a = ap.parse_args()
    if a.doc_per_line:
        try:
            for path in a.doc_per_line:
                for art in articles(path):
                    sys.stdout.write(" ".join(art) + "\n")
        except OSError as e:
            print("build-idf.py: %s" % e, file=sys.stderr)
            return 1
        return 0

    data = a.data or os.environ.get("NASS_DATA") or "../shared/data"
    if not os.path.isabs(data):
        data = os.path.join(ROOT, data)
    paths = [(os.path.join(data, "corpora", name), name, what) for name, what in CORPORA]
    absent = [p for p, _, _ in paths if not os.path.exists(p)]
    if absent:
        print("build-idf.py: no %s: the data directory is absent; nothing built" % absent[0], file=sys.stderr)
        return 0 if not a.data else 1
    for tool in ("tokenize", "tag"):
        if not os.access(os.path.join(a.bin, tool), os.X_OK):
            print("build-idf.py: no %s/%s: run make first" % (a.bin, tool), file=sys.stderr)
            return 1

    per_corpus = []
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", prefix="nass-idf-") as tmp:
        for path, name, what in paths:
            n = 0
            for art in articles(path):
                tmp.write(" ".join(art) + "\n")
                n += 1
            per_corpus.append((name, what, n))
            print("build-idf.py: %s: %d articles" % (name, n), file=sys.stderr)
        tmp.flush()
        docs, df = count(tmp.name, a.bin, ["plain", "split"] if a.mode == "both" else [a.mode])
    total = sum(n for _, _, n in per_corpus)
    if docs != total:
        print("build-idf.py: %d documents from tokenize, %d articles written" % (docs, total), file=sys.stderr)
        return 1
    print("build-idf.py: %d documents, %d distinct keys" % (docs, len(df)), file=sys.stderr)

    if a.stats:
        for m in (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50):
            rows = table(df, m)
            print("  min DF %2d: %7d keys, %9d bytes of table" % (m, len(rows), size(rows)), file=sys.stderr)
    min_df = a.min_df
    rows = table(df, min_df)

    command = "python3 rules/summarize/build-idf.py" + "".join(" " + x for x in sys.argv[1:] if x != "--stats")
    with open(a.output, "w", encoding="utf-8", newline="\n") as out:
        how = {"both": "bin/tokenize | bin/tag and of bin/tokenize --split-clitics\n# | bin/tag",
               "plain": "bin/tokenize | bin/tag", "split": "bin/tokenize --split-clitics | bin/tag"}[a.mode]
        out.write("# idf.tsv - the IDF background of summarize: KEY<TAB>DF, DF = the number\n"
                  "# of news articles whose words include KEY.  Word statistics only, no text.\n"
                  "# KEY: the LEMMA of %s, folded as lib/arabic.c\n"
                  "# arabic_key(fold=1), ASCII lowercased; PUNCT, SYM and hashtags left out.\n" % how)
        for name, what, n in per_corpus:
            out.write("# source: %s, %s: %d articles\n" % (name, what, n))
        out.write("# min_df: %d (rarer keys are left out: summarize gives them the IDF of an unseen word)\n"
                  "# command: %s (rules/summarize/README.md)\n"
                  "# documents %d\n" % (min_df, command, docs))
        for k, n in rows:
            out.write("%s\t%d\n" % (k, n))
    print("build-idf.py: %s: min DF %d, %d keys, %d bytes"
          % (os.path.relpath(a.output, ROOT), min_df, len(rows), os.path.getsize(a.output)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
