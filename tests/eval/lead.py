#!/usr/bin/env python3
"""lead.py - the Lead-N baseline on CoNLL-U: the first N sentences of each
document, written as `summarize -f text` writes a summary.

    lead.py [-n N] [--no-join] [FILE]...

Reads CoNLL-U (from tokenize, tokenize | tag, ...; FILEs or stdin) and
prints, for each `# newdoc`, the `# text` of its first N sentences (default
3), one a line, with a blank line between documents - summarize's default
output.  So Lead-3 is scored on the sentences *our* tokenizer finds, beside
../shared/tools/lead_baseline.py, which cuts sentences with a regex: the
difference between the two is what the splitter does to a 3-sentence
budget.  tests/eval/run.sh prints both; it also stands in for summarize
(SUMMARIZE="python3 tests/eval/lead.py") where bin/summarize is not built.
A sentence with no `# text` comment is written from the FORMs of its
tokens (a range line for the words it spans) and SpaceAfter=No.  As
summarize does with its built-in rules (selection.join_unspaced), a
sentence whose last token has SpaceAfter=No is one unit with the next
unless a `# newpar` comes between; --no-join takes each sentence alone.
Python 3 standard library only.
"""
import sys


def documents(lines, join=True):
    """Yield each document as a list of sentence texts (units: with join,
    a sentence run into the next with no space is one with it)."""
    doc, text, forms, started = [], None, [], False
    glued = newpar = False  # the last sentence's last token; a # newpar seen

    def add():
        nonlocal glued
        t = text if text is not None else "".join(forms).strip()
        if join and glued and doc and not newpar:
            doc[-1] += t
        else:
            doc.append(t)
        glued = last_glued

    last_glued, range_end = False, 0
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.startswith("# newdoc"):
            if started:
                yield doc
            doc, started, glued = [], True, False
            continue
        if line.startswith("# text = "):
            text = line[len("# text = "):]
            continue
        if line.startswith("# newpar"):
            newpar = True
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if text is not None or forms:
                add()
                started = True
            text, forms, newpar, range_end = None, [], False, 0
            continue
        c = line.split("\t")
        # a token: a range line (its words are not written again) or a
        # word outside the last range
        if len(c) == 10 and ("-" in c[0] or (c[0].isdigit() and int(c[0]) > range_end)):
            if "-" in c[0]:
                range_end = int(c[0].split("-")[1])
            last_glued = "SpaceAfter=No" in c[9].split("|")
            forms.append(c[1] + ("" if last_glued else " "))
    if text is not None or forms:
        add()
        started = True
    if started:
        yield doc


def main(argv):
    n, files, join = 3, [], True
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-n", "--sentences") and i + 1 < len(argv):
            n = int(argv[i + 1])
            i += 2
            continue
        if a.startswith("-n") and a[2:].isdigit():
            n = int(a[2:])
        elif a == "--no-join":
            join = False
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            files.append(a)
        i += 1
    out = sys.stdout
    first = True
    for path in files or ["-"]:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
        for doc in documents(f, join):
            if not first:
                out.write("\n")
            first = False
            for s in doc[:n]:
                out.write(s + "\n")
        if f is not sys.stdin:
            f.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
