#!/usr/bin/env python3
"""conllu_score.py - score a system CoNLL-U file against gold.

    conllu_score.py [--json] [--errors N] GOLD SYSTEM

Both files must spell the same text: the concatenation of all FORMs with
whitespace removed.  Sentences, tokens and words are then compared as spans
over that character string (the method of the CoNLL 2018 UD shared task
evaluation), so the two files may cut the text differently and still be
compared piece by piece.

Figures (precision, recall, F1 over span sets):

  sentences  sentence spans.
  tokens     orthographic tokens: a token (a plain word line, or a
             multiword-token range line with its words) is merged with the
             one before it when the one before has SpaceAfter=No and the
             characters on both sides of the join are word characters
             (Unicode categories L*, M*, N*).  Done on both files, so a clitic
             joint (و|أكد, لقائ|ه) counts as one written word, while a
             letter-punctuation joint (word|, or "|word) stays two tokens.
             A tokenizer that does not split clitics is scored here.
  words      syntactic words: word lines, multiword ranges expanded.
  upos       UPOS over words: correct = system words whose span is a gold
             word span with the same UPOS; P = correct/system words,
             R = correct/gold words; also accuracy on span-matched words.

Empty nodes (ID with a dot) and comments are ignored; SYSTEM may be "-".
--errors N lists the first N mismatches at each level (sentence boundaries,
tokens, words) with the gold and system pieces and their context, then the
N most frequent token and word mismatches by form.
--json prints the figures (and the mismatches, with --errors) as JSON.

Exit status: 0 scored, 1 unreadable input or the texts differ, 2 usage.
Python 3 standard library only.
"""
import argparse
import bisect
import collections
import json
import sys
import unicodedata


class Word:
    __slots__ = ("form", "upos", "line", "start", "end")

    def __init__(self, form, upos, line):
        self.form, self.upos, self.line = form, upos, line
        self.start = self.end = 0


class Token:
    """A surface token: one word line, or a range line and its words."""
    __slots__ = ("form", "space_after", "line", "words", "start", "end")

    def __init__(self, form, space_after, line):
        self.form, self.space_after, self.line = form, space_after, line
        self.words = []
        self.start = self.end = 0


class Sentence:
    __slots__ = ("sent_id", "line", "tokens", "start", "end")

    def __init__(self, line):
        self.sent_id, self.line = None, line
        self.tokens = []
        self.start = self.end = 0


class InputError(Exception):
    pass


def has_space_after_no(misc):
    return "SpaceAfter=No" in misc.split("|")


def parse_id(text, path, lineno):
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{path}:{lineno}: bad ID {text!r}") from None


def read_conllu(path):
    """Return the list of Sentences in a CoNLL-U file."""
    try:
        if path == "-":
            lines = sys.stdin.buffer.read().decode("utf-8", "replace").split("\n")
        else:
            with open(path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").split("\n")
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    if lines and lines[-1] == "":
        lines.pop()

    sentences = []
    sent = None
    open_range = None  # (last word ID, Token) while a range's words come
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            if sent is not None and sent.tokens:
                sentences.append(sent)
            sent, open_range = None, None
            continue
        if sent is None:
            sent = Sentence(lineno)
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            if key.strip() == "sent_id":
                sent.sent_id = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            print(f"conllu_score.py: {path}:{lineno}: warning: {len(cols)} columns, "
                  "not 10: line ignored", file=sys.stderr)
            continue
        wid, form, upos, misc = cols[0], cols[1], cols[3], cols[9]
        if "." in wid:
            continue  # empty node
        if "-" in wid:
            first, _, last = wid.partition("-")
            parse_id(first, path, lineno)
            tok = Token(form, not has_space_after_no(misc), lineno)
            sent.tokens.append(tok)
            open_range = (parse_id(last, path, lineno), tok)
            continue
        n = parse_id(wid, path, lineno)
        word = Word(form, upos, lineno)
        if open_range is not None and n <= open_range[0]:
            open_range[1].words.append(word)
            if n == open_range[0]:
                open_range = None
            continue
        open_range = None
        tok = Token(form, not has_space_after_no(misc), lineno)
        tok.words.append(word)
        sent.tokens.append(tok)
    if sent is not None and sent.tokens:
        sentences.append(sent)
    return sentences


def layout(sentences):
    """Give every sentence, token and word its span over the text with
    whitespace removed; return that text."""
    chars = []
    for sent in sentences:
        sent.start = len(chars)
        for tok in sent.tokens:
            tok.start = len(chars)
            for word in tok.words:
                word.start = len(chars)
                chars.extend(ch for ch in word.form if not ch.isspace())
                word.end = len(chars)
            tok.end = len(chars)
        sent.end = len(chars)
    return "".join(chars)


def is_word_char(ch):
    return unicodedata.category(ch)[0] in "LMN"


def orthographic_tokens(sentences, text):
    """Spans of written words: tokens joined by SpaceAfter=No across a
    word-character/word-character boundary are one.  Token order is text
    order, so a join may run across a sentence break, as the text does."""
    spans = []
    prev = None  # the last non-empty Token
    for sent in sentences:
        for tok in sent.tokens:
            if tok.end == tok.start:
                continue
            if (prev is not None and not prev.space_after
                    and is_word_char(text[tok.start - 1])
                    and is_word_char(text[tok.start])):
                spans[-1] = (spans[-1][0], tok.end)
            else:
                spans.append((tok.start, tok.end))
            prev = tok
    return spans


def prf(gold, system):
    """gold, system: sets of spans."""
    correct = len(gold & system)
    p = correct / len(system) if system else 0.0
    r = correct / len(gold) if gold else 0.0
    return {"precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold": len(gold), "system": len(system), "correct": correct}


class Side:
    """One file, laid out: its spans at each level."""

    def __init__(self, path):
        self.path = path
        self.sentences = read_conllu(path)
        self.text = layout(self.sentences)
        self.sentence_spans = [(s.start, s.end) for s in self.sentences if s.end > s.start]
        self.token_spans = orthographic_tokens(self.sentences, self.text)
        self.words = [w for s in self.sentences for t in s.tokens for w in t.words
                      if w.end > w.start]
        self.word_spans = [(w.start, w.end) for w in self.words]
        self.sentence_starts = [s.start for s in self.sentences]

    def line_at(self, pos):
        """The line of the word holding character pos (for messages)."""
        lo, hi = 0, len(self.words)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.words[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        return self.words[lo].line if lo < len(self.words) else 0

    def sentence_at(self, pos):
        """The sentence holding character pos, or None."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return self.sentences[k]
        return None


def first_difference(gold, system):
    n = min(len(gold.text), len(system.text))
    i = next((k for k in range(n) if gold.text[k] != system.text[k]), n)
    return (f"the texts differ at non-space character {i} (gold line "
            f"{gold.line_at(i)}, system line {system.line_at(i)}): gold "
            f"{gold.text[i:i + 20]!r}, system {system.text[i:i + 20]!r}")


def score(gold, system):
    res = {
        "sentences": prf(set(gold.sentence_spans), set(system.sentence_spans)),
        "tokens": prf(set(gold.token_spans), set(system.token_spans)),
        "words": prf(set(gold.word_spans), set(system.word_spans)),
    }
    gold_upos = {(w.start, w.end): w.upos for w in gold.words}
    aligned = correct = 0
    for w in system.words:
        u = gold_upos.get((w.start, w.end))
        if u is not None:
            aligned += 1
            correct += u == w.upos
    p = correct / len(system.words) if system.words else 0.0
    r = correct / len(gold.words) if gold.words else 0.0
    res["upos"] = {"precision": p, "recall": r,
                   "f1": 2 * p * r / (p + r) if p + r else 0.0,
                   "accuracy_on_aligned": correct / aligned if aligned else 0.0,
                   "aligned": aligned, "correct": correct}
    return res


# --- mismatches ------------------------------------------------------------

class Display:
    """The gold text as written (forms, with a space where SpaceAfter is not
    No and between sentences), and where each non-space character of the
    scoring text sits in it."""

    def __init__(self, gold):
        out, where = [], []
        length = 0
        for sent in gold.sentences:
            for tok in sent.tokens:
                form = "".join(w.form for w in tok.words)
                for ch in form:
                    if not ch.isspace():
                        where.append(length)
                    out.append(ch)
                    length += 1
                if tok.space_after:
                    out.append(" ")
                    length += 1
            if out and out[-1] != " ":
                out.append(" ")
                length += 1
        self.text = "".join(out)
        self.where = where + [length]

    def around(self, start, end, width=30, mark=("⟦", "⟧")):
        a = self.where[start]
        b = self.where[end - 1] + 1 if end > start else a
        left = self.text[max(0, a - width):a]
        right = self.text[b:b + width]
        if a == b:  # a boundary, not a stretch
            left = left.rstrip(" ")
        return "…" + left + mark[0] + self.text[a:b] + mark[1] + right + "…"


def regions(gold_spans, system_spans):
    """Walk two partitions of the same text in order; yield (gold pieces,
    system pieces) for each stretch where they disagree, the stretch ending
    at the first boundary both share."""
    i = j = 0
    while i < len(gold_spans) and j < len(system_spans):
        if gold_spans[i] == system_spans[j]:
            i += 1
            j += 1
            continue
        g, s = [gold_spans[i]], [system_spans[j]]
        i += 1
        j += 1
        while g[-1][1] != s[-1][1]:
            if g[-1][1] < s[-1][1]:
                if i == len(gold_spans):
                    break
                g.append(gold_spans[i])
                i += 1
            else:
                if j == len(system_spans):
                    break
                s.append(system_spans[j])
                j += 1
        yield g, s
    if i < len(gold_spans) or j < len(system_spans):
        yield gold_spans[i:], system_spans[j:]


def classify(g, s):
    if len(g) > 1 and len(s) == 1:
        return "system joins what gold splits"
    if len(g) == 1 and len(s) > 1:
        return "system splits what gold joins"
    return "boundaries differ"


def token_mismatches(level, gold, system, spans_g, spans_s, display):
    text = gold.text
    out = []
    for g, s in regions(spans_g, spans_s):
        if not g or not s:
            continue
        start = min(g[0][0], s[0][0])
        end = max(g[-1][1], s[-1][1])
        sent = gold.sentence_at(start)
        out.append({
            "level": level,
            "class": classify(g, s),
            "gold": [text[a:b] for a, b in g],
            "system": [text[a:b] for a, b in s],
            "gold_line": gold.line_at(start),
            "system_line": system.line_at(start),
            "sent_id": sent.sent_id if sent else None,
            "context": display.around(start, end),
        })
    return out


def sentence_mismatches(gold, system, display):
    gb = {e for _, e in gold.sentence_spans}
    sb = {e for _, e in system.sentence_spans}
    out = []
    for pos in sorted(gb ^ sb):
        if pos >= len(gold.text):
            continue
        sent = gold.sentence_at(pos - 1)
        out.append({
            "level": "sentences",
            "class": "sentence break missed" if pos in gb else "sentence break added",
            "gold_line": gold.line_at(pos - 1),
            "system_line": system.line_at(pos - 1),
            "sent_id": sent.sent_id if sent else None,
            "context": display.around(pos, pos, width=40, mark=(" ‖ ", "")),
        })
    return out


def print_mismatches(items, n, title):
    print(f"\n{title}: {len(items)}" + (f", first {n}:" if len(items) > n else ":"))
    for k, m in enumerate(items[:n], 1):
        where = f"gold line {m['gold_line']}"
        if m["sent_id"]:
            where += f" (sent_id {m['sent_id']})"
        where += f", system line {m['system_line']}"
        print(f"{k:4d}. {m['class']}; {where}")
        if "gold" in m:
            print(f"      gold:   {' | '.join(m['gold'])}")
            print(f"      system: {' | '.join(m['system'])}")
        print(f"      context: {m['context']}")


def print_frequent(items, n, title):
    classes = collections.Counter(m["class"] for m in items)
    forms = collections.Counter((" | ".join(m["gold"]), " | ".join(m["system"])) for m in items)
    print(f"\n{title} by class: " + (", ".join(f"{c} {k}" for k, c in classes.most_common()) or "none"))
    for (g, s), c in forms.most_common(n):
        print(f"  {c:5d}  gold {g}   system {s}")


# --- main ------------------------------------------------------------------

def main(argv):
    ap = argparse.ArgumentParser(
        prog="conllu_score.py",
        description="Score a system CoNLL-U file against gold by character spans "
                    "(sentences, orthographic tokens, words, UPOS).")
    ap.add_argument("gold")
    ap.add_argument("system", help='system output ("-" for stdin)')
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list the first N mismatches per level and the N most frequent")
    args = ap.parse_args(argv)
    if args.errors < 0:
        ap.error("--errors: N must be 0 or more")
    try:
        gold, system = Side(args.gold), Side(args.system)
    except InputError as e:
        print(f"conllu_score.py: {e}", file=sys.stderr)
        return 1
    if gold.text != system.text:
        print(f"conllu_score.py: {first_difference(gold, system)}", file=sys.stderr)
        return 1
    res = score(gold, system)

    mism = {}
    if args.errors:
        display = Display(gold)
        mism["sentences"] = sentence_mismatches(gold, system, display)
        mism["tokens"] = token_mismatches("tokens", gold, system, gold.token_spans,
                                          system.token_spans, display)
        mism["words"] = token_mismatches("words", gold, system, gold.word_spans,
                                         system.word_spans, display)

    if args.json:
        if args.errors:
            res["mismatches"] = {k: v[:args.errors] for k, v in mism.items()}
            res["mismatch_counts"] = {k: len(v) for k, v in mism.items()}
        print(json.dumps(res, ensure_ascii=False))
        return 0
    for k in ("sentences", "tokens", "words"):
        v = res[k]
        print(f"{k:10s} P {v['precision'] * 100:6.2f}  R {v['recall'] * 100:6.2f}  "
              f"F1 {v['f1'] * 100:6.2f}  (gold {v['gold']}, system {v['system']}, "
              f"correct {v['correct']})")
    u = res["upos"]
    print(f"upos       P {u['precision'] * 100:6.2f}  R {u['recall'] * 100:6.2f}  "
          f"F1 {u['f1'] * 100:6.2f}  accuracy on aligned words "
          f"{u['accuracy_on_aligned'] * 100:6.2f}  ({u['aligned']} aligned, "
          f"{u['correct']} correct)")
    if args.errors:
        print_mismatches(mism["sentences"], args.errors, "sentence boundary mismatches")
        print_mismatches(mism["tokens"], args.errors, "token mismatches")
        print_mismatches(mism["words"], args.errors, "word mismatches")
        print_frequent(mism["tokens"], args.errors, "token mismatches")
        print_frequent(mism["words"], args.errors, "word mismatches")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(141)
