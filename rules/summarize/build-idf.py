#!/usr/bin/env python3
"""Build rules/summarize/idf.tsv, the IDF background table of `summarize`.

    python3 rules/summarize/build-idf.py [--data DIR] [--bin DIR]
        [--min-df N] [-o FILE] [--stats]

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
and a title is told from a paragraph by its shape (title_shaped): at most 120
characters and 4 words or more, no sentence-final or clause punctuation at
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
repo's own `bin/tokenize --doc-per-line --split-clitics | bin/tag`, so
each article is one `# newdoc` and the words are those summarize sees.
A word's key is what summarize matches on (lib/summarize.c word_key): its
LEMMA (tag's light stem: article and clitics off; the FORM when LEMMA is
_), folded as lib/arabic.c arabic_key(fold=1) folds (marks and tatweel
dropped, أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ی -> ي, ک -> ك; a key of nothing but
marks is the word itself), ASCII letters lowercased.  Words tagged PUNCT
or SYM, keys with no letter and no digit, and hashtags (a key starting
with '#' would read as a comment line) are not counted.  NUM words
are: summarize counts NUM as content (rules/summarize.yaml content_upos),
and a number word (ثلاثة) or a year (2018) missing from the table would
take the IDF of the rarest word and head the keywords.

Output: a header of '#' lines (what the file is, the sources, the minimum
DF, the command, and `# documents N`, the line summarize reads), then
`KEY<TAB>DF` sorted by key (code point order = UTF-8 byte order = LC_ALL=C
sort), DF = the number of documents whose words include KEY, only keys
with DF >= --min-df (default 5).  Word statistics only: no sentence, no
word sequence, nothing that rebuilds any text.  The same inputs give the
same bytes.

Why 5: of the 113,572 keys, 63,522 occur in 2 documents or more (887 KB),
36,851 in 5 or more (518 KB); all of them would take 1.6 MB.  A key left
out takes the IDF of an unseen word, ln((N + 2) / 2) + 1 = 10.98 for
N = 43,330, where DF 2..4 would give 10.29..9.88: under 10% off, for
words rare either way.  And fewer keys are less start-up work for every
summarize run (the table is loaded and re-keyed each time; DESIGN.md
section 6 asks for under 5 ms) and a smaller rules blob in every binary.

--stats prints how many keys each minimum would keep and the file size.
Python 3 standard library only.  Takes about 40 s (tokenize | tag
over 100 MB and Python reading its 1 GB of CoNLL-U, on two cores).
"""
import argparse
import collections
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
def count(doc_file, bindir):
    """Run tokenize | tag over doc_file (one document a line); return
    (documents, Counter key -> DF)."""
    tok = subprocess.Popen([os.path.join(bindir, "tokenize"), "--doc-per-line", "--split-clitics", doc_file],
                           stdout=subprocess.PIPE)
    tag = subprocess.Popen([os.path.join(bindir, "tag")], stdin=tok.stdout, stdout=subprocess.PIPE)
    tok.stdout.close()  # tag holds the pipe; tokenize gets SIGPIPE if tag dies
    df = collections.Counter()
    docs = 0
    seen = set()
    keys = {}  # lemma -> key or None (not counted): most lemmas recur
    for raw in tag.stdout:
        if raw[:1] == b"#":
            if raw.startswith(b"# newdoc"):
                df.update(seen)
                seen = set()
                docs += 1
            continue
        c = raw.split(b"\t", 4)
        if len(c) < 5 or b"-" in c[0] or b"." in c[0]:
            continue  # blank line, range line, empty node
        if c[3].decode("ascii", "replace") in SKIP_UPOS:
            continue
        lemma = c[2] if c[2] != b"_" else c[1]
        k = keys.get(lemma, 0)
        if k == 0:
            word = lemma.decode("utf-8", "replace")
            k = word_key(word)
            k = keys[lemma] = k if countable(k) else None
        if k is not None:
            seen.add(k)
    df.update(seen)
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
    ap.add_argument("--min-df", type=int, default=5, help="keep keys in at least this many documents (5)")
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "idf.tsv"))
    ap.add_argument("--stats", action="store_true", help="print keys and size per minimum DF too")
    a = ap.parse_args()

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
        docs, df = count(tmp.name, a.bin)
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
        out.write("# idf.tsv - the IDF background of summarize: KEY<TAB>DF, DF = the number\n"
                  "# of news articles whose words include KEY.  Word statistics only, no text.\n"
                  "# KEY: the LEMMA of bin/tokenize --split-clitics | bin/tag, folded as\n"
                  "# lib/arabic.c arabic_key(fold=1), ASCII lowercased; PUNCT and SYM left out.\n")
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
