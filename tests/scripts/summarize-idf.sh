#!/bin/sh
# summarize-idf.sh - rules/summarize/idf.tsv has the format summarize reads
# and rules/summarize/README.md describes: '#' comment lines only at the
# top, among them one "# documents N" (N > 0); then KEY<TAB>DF lines, DF a
# count from the minimum (the "# min_df" line) up to N, keys unique and in
# byte order, none with a '#' at its start (it would read as a comment), an
# upper-case ASCII letter (summarize lowercases its keys), or a character
# the folding removes (harakat, tatweel) or maps away (أ إ آ ٱ ى ة ی ک).
# Needs no data: the table is in the repo.  Skips (77) without python3.
root=$(cd "$(dirname "$0")/../.." && pwd)
idf=$root/rules/summarize/idf.tsv
if ! command -v python3 > /dev/null 2>&1; then
	echo "no python3"
	exit 77
fi
if [ ! -f "$idf" ]; then
	echo "FAIL: no $idf"
	exit 1
fi
python3 - "$idf" <<'PY'
import re, sys
path = sys.argv[1]
bad = []
docs = min_df = None
prev = None
n = 0
unfolded = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
                      "\u0623\u0625\u0622\u0671\u0649\u0629\u06cc\u06a9A-Z]")
with open(path, "rb") as f:
    data = f.read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("FAIL: %s: not UTF-8: %s" % (path, e))
if not text.endswith("\n") or "\r" in text:
    bad.append("no final newline, or a CR")
body = False
for no, line in enumerate(text.split("\n")[:-1], 1):
    if line.startswith("#") and not body:
        m = re.match(r"# documents (\d+)$", line)
        if m:
            docs = int(m.group(1))
        m = re.match(r"# min_df: (\d+)", line)
        if m:
            min_df = int(m.group(1))
        continue
    body = True
    c = line.split("\t")
    if len(c) != 2 or not c[0] or not re.fullmatch(r"[1-9][0-9]*", c[1]):
        bad.append("line %d: not KEY<TAB>DF: %r" % (no, line))
        continue
    key, df = c[0], int(c[1])
    n += 1
    if key.startswith("#"):
        bad.append("line %d: a key starting with '#' (read as a comment)" % no)
    if unfolded.search(key):
        bad.append("line %d: key %r is not folded" % (no, key))
    if key != key.strip() or " " in key:
        bad.append("line %d: key %r has a space" % (no, key))
    if docs is not None and df > docs:
        bad.append("line %d: DF %d above the %d documents" % (no, df, docs))
    if min_df is not None and df < min_df:
        bad.append("line %d: DF %d below the minimum %d" % (no, df, min_df))
    k = key.encode("utf-8")
    if prev is not None and k <= prev:
        bad.append("line %d: key %r not after the one before (byte order, unique)" % (no, key))
    prev = k
if not docs:
    bad.append("no '# documents N' line with N > 0 in the header")
if n < 1000:
    bad.append("only %d keys" % n)
for b in bad[:20]:
    print("FAIL: " + b)
print("%s: %d keys, %s documents, %d bytes: %d problems" % (path, n, docs, len(data), len(bad)))
sys.exit(1 if bad else 0)
PY
