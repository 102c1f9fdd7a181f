#!/usr/bin/env python3
"""lead.py - the Lead-N baseline on CoNLL-U: the first N sentences of each
document, written as `summarize -f text` writes a summary.

    lead.py [-n N] [FILE]...

Reads CoNLL-U (from tokenize, tokenize | tag, ...; FILEs or stdin) and
prints, for each `# newdoc`, the `# text` of its first N sentences (default
3), one a line, with a blank line between documents - summarize's default
output.  So Lead-3 is scored on the sentences *our* tokenizer finds, beside
../shared/tools/lead_baseline.py, which cuts sentences with a regex: the
difference between the two is what the splitter does to a 3-sentence
budget.  tests/eval/run.sh prints both; it also stands in for summarize
(SUMMARIZE="python3 tests/eval/lead.py") where bin/summarize is not built.
A sentence with no `# text` comment is written from its FORMs and
SpaceAfter=No.  Python 3 standard library only.
"""
import sys


def documents(lines):
    """Yield each document as a list of sentence texts."""
    doc, text, forms, started = [], None, [], False
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.startswith("# newdoc"):
            if started:
                yield doc
            doc, started = [], True
            continue
        if line.startswith("# text = "):
            text = line[len("# text = "):]
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if text is not None or forms:
                doc.append(text if text is not None else "".join(forms).strip())
                started = True
            text, forms = None, []
            continue
        c = line.split("\t")
        if len(c) == 10 and c[0].isdigit():
            space = "" if "SpaceAfter=No" in c[9].split("|") else " "
            forms.append(c[1] + space)
    if text is not None or forms:
        doc.append(text if text is not None else "".join(forms).strip())
        started = True
    if started:
        yield doc


def main(argv):
    n, files = 3, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-n", "--sentences") and i + 1 < len(argv):
            n = int(argv[i + 1])
            i += 2
            continue
        if a.startswith("-n") and a[2:].isdigit():
            n = int(a[2:])
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
        for doc in documents(f):
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
