#!/bin/sh
# eval-scorer.sh - tests/eval/conllu_score.py agrees with the reference
# scorer ../shared/tools/conllu_eval.py (data README, "Scoring conventions").
#
# From the gold file ud-pud/pud-dev.conllu it writes, into $TMP at run time,
# system files with known faults (tokens merged or cut, sentences joined or
# split, sentence breaks inside written words, SpaceAfter=No dropped or put
# everywhere, UPOS changed, clitics left unsplit, clitic joins written as
# multiword-token ranges, empty nodes and comments added, a mix), scores each
# with both scorers and requires the same figures to 2 decimals: sentences,
# tokens and words P/R/F1, UPOS F1 and accuracy on aligned words.  It also
# checks what each fault must do to the figures (e.g. unsplit clitics leave
# tokens at 100 and lower words), that --errors runs and finds nothing on
# gold vs gold, and that a system with different text is refused (status 1).
# Nothing derived from the data is stored in the repo.
#
# Env: TMP (BIN, BUILD unused); NASS_DATA (default ../shared/data from the
# repo root).  Skips (77) without python3, the data or the reference tools.
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${NASS_DATA:-../shared/data}
case $data in /*) ;; *) data=$root/$data ;; esac
tools=$root/../shared/tools
gold=$data/ud-pud/pud-dev.conllu
ref=$tools/conllu_eval.py
ours=$root/tests/eval/conllu_score.py
dir=${TMP:-/tmp}/eval-scorer

if ! command -v python3 > /dev/null 2>&1; then
	echo "no python3"
	exit 77
fi
if [ ! -f "$gold" ]; then
	echo "no $gold: the data directory is absent"
	exit 77
fi
if [ ! -f "$ref" ]; then
	echo "no $ref: ../shared/tools is absent"
	exit 77
fi
mkdir -p "$dir" || exit 1
fails=0

# The perturbations: perturb.py GOLD DIR writes DIR/CASE.conllu and prints
# "CASE<TAB>description" per case.  Seeds are fixed: the same files each run.
cat > "$dir/perturb.py" <<'EOF'
"""Read gold CoNLL-U as sentences of tokens (each a list of word rows and a
SpaceAfter flag), apply one fault per case, write CoNLL-U (a token with
several words as a multiword-token range line plus its words)."""
import copy, random, sys, unicodedata

def word_char(ch):
    return unicodedata.category(ch)[0] in "LMN"

def read(path):
    sents, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur and cur["tokens"]:
                sents.append(cur)
            cur = None
            continue
        if cur is None:
            cur = {"comments": [], "tokens": []}
        if line.startswith("#"):
            cur["comments"].append(line)
            continue
        c = line.split("\t")
        if "-" in c[0] or "." in c[0]:
            continue
        misc = [m for m in c[9].split("|") if m not in ("_", "SpaceAfter=No")]
        sa = "SpaceAfter=No" not in c[9].split("|")
        c[9] = "|".join(misc) or "_"
        cur["tokens"].append({"sa": sa, "words": [c]})
    if cur and cur["tokens"]:
        sents.append(cur)
    return sents

def misc(rest, sa):
    parts = [m for m in rest.split("|") if m != "_"]
    if not sa:
        parts.append("SpaceAfter=No")
    return "|".join(parts) or "_"

def write(sents, out, extra=False, rng=None):
    for s in sents:
        for c in s["comments"]:
            out.write(c + "\n")
        n = 0
        for t in s["tokens"]:
            ws = t["words"]
            if len(ws) > 1:
                form = "".join(w[1] for w in ws)
                out.write(f"{n + 1}-{n + len(ws)}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc('_', t['sa'])}\n")
            for k, w in enumerate(ws):
                n += 1
                c = list(w)
                c[0] = str(n)
                last = len(ws) == 1
                c[9] = misc(c[9], t["sa"] if last else True)
                out.write("\t".join(c) + "\n")
                if extra and rng.random() < 0.05:
                    out.write(f"{n}.1\tعنصر\t_\tX\t_\t_\t_\t_\t{n}:dep\t_\n")
                    if rng.random() < 0.5:
                        out.write("# a comment in the middle\n")
        out.write("\n")

def joined(t1, t2):
    return not t1["sa"] and word_char(t1["words"][-1][1][-1]) and word_char(t2["words"][0][1][0])

def flat(sents):
    for s in sents:
        for t in s["tokens"]:
            yield t

def merge_tokens(sents, rng, rate=0.05):
    for s in sents:
        out = []
        for t in s["tokens"]:
            if out and rng.random() < rate:
                p = out[-1]
                w = list(p["words"][-1])
                w[1] = "".join(x[1] for x in p["words"]) + "".join(x[1] for x in t["words"])
                out[-1] = {"sa": t["sa"], "words": [w]}
            else:
                out.append(t)
        s["tokens"] = out
    return sents

def split_tokens(sents, rng, rate=0.05):
    for s in sents:
        out = []
        for t in s["tokens"]:
            w = t["words"][0]
            if len(t["words"]) == 1 and len(w[1]) >= 2 and rng.random() < rate:
                k = rng.randrange(1, len(w[1]))
                a, b = list(w), list(w)
                a[1], b[1], b[3] = w[1][:k], w[1][k:], "X"
                out.append({"sa": False, "words": [a]})
                out.append({"sa": t["sa"], "words": [b]})
            else:
                out.append(t)
        s["tokens"] = out
    return sents

def break_sentences(sents, rng, rate=0.1):
    out = []
    for s in sents:
        toks = s["tokens"]
        if out and rng.random() < rate:          # join with the one before
            out[-1]["tokens"] += toks
            continue
        if len(toks) > 3 and rng.random() < rate:  # split in two
            k = rng.randrange(1, len(toks))
            out.append({"comments": s["comments"], "tokens": toks[:k]})
            out.append({"comments": [], "tokens": toks[k:]})
            continue
        out.append(s)
    return out

def split_at_clitics(sents, rng, rate=0.3):
    """Sentence breaks inside written words: the sentence ends between a
    clitic and its host, with SpaceAfter=No on its last token."""
    out = []
    for s in sents:
        toks, start = s["tokens"], 0
        for k in range(1, len(toks)):
            if joined(toks[k - 1], toks[k]) and rng.random() < rate:
                out.append({"comments": s["comments"] if start == 0 else [], "tokens": toks[start:k]})
                start = k
        out.append({"comments": s["comments"] if start == 0 else [], "tokens": toks[start:]})
    return out

def drop_space_after(sents, rng):
    for t in flat(sents):
        t["sa"] = True
    return sents

def glue_all(sents, rng):
    for t in flat(sents):
        t["sa"] = False
    return sents

UPOS = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()

def change_upos(sents, rng, rate=0.1):
    for t in flat(sents):
        for w in t["words"]:
            if rng.random() < rate:
                w[3] = rng.choice([u for u in UPOS if u != w[3]])
    return sents

def groups(sents):
    """Group each sentence's tokens into written words."""
    for s in sents:
        out = []
        for t in s["tokens"]:
            if out and joined(out[-1][-1], t):
                out[-1].append(t)
            else:
                out.append([t])
        yield s, out

def no_clitics(sents, rng):
    for s, gs in groups(sents):
        toks = []
        for g in gs:
            ws = [w for t in g for w in t["words"]]
            host = list(max(ws, key=lambda w: len(w[1])))
            host[1] = "".join(w[1] for w in ws)
            toks.append({"sa": g[-1]["sa"], "words": [host]})
        s["tokens"] = toks
    return sents

def as_mwt(sents, rng):
    for s, gs in groups(sents):
        s["tokens"] = [{"sa": g[-1]["sa"], "words": [w for t in g for w in t["words"]]} for g in gs]
    return sents

def mixed(sents, rng):
    sents = merge_tokens(sents, rng, 0.03)
    sents = split_tokens(sents, rng, 0.03)
    sents = break_sentences(sents, rng, 0.05)
    sents = change_upos(sents, rng, 0.05)
    return as_mwt(sents, rng)

CASES = [
    ("identity", "gold vs itself", lambda s, r: s, False),
    ("merge", "5% of tokens merged with the one before", merge_tokens, False),
    ("split", "5% of tokens cut in two", split_tokens, False),
    ("sentences", "10% of sentences joined, 10% split", break_sentences, False),
    ("sent-in-word", "sentence breaks between clitic and host", split_at_clitics, False),
    ("no-spaceafter", "every SpaceAfter=No dropped", drop_space_after, False),
    ("all-glued", "SpaceAfter=No on every token", glue_all, False),
    ("upos", "10% of UPOS changed", change_upos, False),
    ("no-clitics", "clitics not split (letter-letter joins merged)", no_clitics, False),
    ("mwt", "clitic joins as multiword-token ranges", as_mwt, False),
    ("extra-lines", "empty nodes and comments added", lambda s, r: s, True),
    ("mixed", "merge+split+sentences+UPOS, written as MWT", mixed, True),
]

def main():
    gold, outdir = sys.argv[1], sys.argv[2]
    base = read(gold)
    for name, what, fn, extra in CASES:
        rng = random.Random(name)
        sents = fn(copy.deepcopy(base), rng)
        with open(f"{outdir}/{name}.conllu", "w", encoding="utf-8") as out:
            write(sents, out, extra, rng)
        print(f"{name}\t{what}")

main()
EOF

# compare.py CASE OURS.json REF.json: one table row per level; exit 1 when
# a figure differs at 2 decimals (percent).
cat > "$dir/compare.py" <<'EOF'
import json, sys

case, ours, ref = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
bad = 0
for level, keys in (("sentences", ("precision", "recall", "f1")),
                    ("tokens", ("precision", "recall", "f1")),
                    ("words", ("precision", "recall", "f1")),
                    ("upos", ("f1", "accuracy_on_aligned"))):
    a = ["%.2f" % (ours[level][k] * 100) for k in keys]
    b = ["%.2f" % (ref[level][k] * 100) for k in keys]
    mark = "" if a == b else "   <-- DIFFERS"
    bad += a != b
    print(("%-14s %-9s %-23s %-23s%s" % (case, level, " ".join(a), " ".join(b), mark)).rstrip())
sys.exit(1 if bad else 0)
EOF

# expect.py CASE OURS.json: what each fault must do to the figures.
cat > "$dir/expect.py" <<'EOF'
import json, sys

case, r = sys.argv[1], json.load(open(sys.argv[2]))
f = {k: round(r[k]["f1"] * 100, 2) for k in ("sentences", "tokens", "words", "upos")}
full = {k: v == 100 for k, v in f.items()}
want = {
    "identity": full["sentences"] and full["tokens"] and full["words"] and full["upos"],
    "mwt": full["sentences"] and full["tokens"] and full["words"] and full["upos"],
    "extra-lines": full["sentences"] and full["tokens"] and full["words"] and full["upos"],
    "merge": full["sentences"] and f["tokens"] < 100 and f["words"] < 100,
    "split": full["sentences"] and f["words"] < 100,
    "sentences": f["sentences"] < 100 and full["tokens"] and full["words"],
    "sent-in-word": f["sentences"] < 100 and full["tokens"] and full["words"],
    "no-spaceafter": full["sentences"] and f["tokens"] < 100 and full["words"] and full["upos"],
    "all-glued": full["sentences"] and f["tokens"] < 50 and full["words"],
    "upos": full["words"] and f["upos"] < 100
            and r["upos"]["accuracy_on_aligned"] == r["upos"]["f1"],
    "no-clitics": full["sentences"] and full["tokens"] and f["words"] < 100,
    "mixed": all(f[k] < 100 for k in f),
}[case]
if not want:
    print("FAIL: %s: unexpected figures %s" % (case, f))
sys.exit(0 if want else 1)
EOF

if ! python3 "$dir/perturb.py" "$gold" "$dir" > "$dir/cases"; then
	echo "FAIL: perturb.py"
	exit 1
fi

echo "case           level     ours: P R F1 (upos: F1 acc) reference"
while IFS='	' read -r name what; do
	sys=$dir/$name.conllu
	if ! python3 "$ours" --json "$gold" "$sys" > "$dir/ours.json"; then
		echo "FAIL: $name ($what): conllu_score.py failed"
		fails=$((fails + 1))
		continue
	fi
	if ! python3 "$ref" --json "$gold" "$sys" > "$dir/ref.json"; then
		echo "FAIL: $name ($what): conllu_eval.py failed"
		fails=$((fails + 1))
		continue
	fi
	if ! python3 "$dir/compare.py" "$name" "$dir/ours.json" "$dir/ref.json"; then
		echo "FAIL: $name ($what): the scorers disagree"
		fails=$((fails + 1))
	fi
	python3 "$dir/expect.py" "$name" "$dir/ours.json" || fails=$((fails + 1))
done < "$dir/cases"

# --errors: runs on a faulty system, lists nothing for gold vs itself.
if ! python3 "$ours" --errors 5 "$gold" "$dir/mixed.conllu" > "$dir/errors.out" ||
	! grep -q '^token mismatches: [1-9]' "$dir/errors.out"; then
	echo "FAIL: --errors on the mixed case"
	fails=$((fails + 1))
fi
python3 "$ours" --errors 5 "$gold" "$gold" > "$dir/errors.out"
if [ "$(grep -c 'mismatches: 0:$' "$dir/errors.out")" != 3 ]; then
	echo "FAIL: --errors on gold vs itself lists mismatches"
	fails=$((fails + 1))
fi

# A system whose text differs (one letter changed) is refused with status 1.
python3 - "$gold" "$dir/changed.conllu" <<'EOF'
import sys
done = False
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        c = line.split("\t")
        if not done and len(c) == 10 and c[0].isdigit() and len(c[1]) > 1:
            c[1] = c[1][:-1] + ("x" if c[1][-1] != "x" else "y")
            line, done = "\t".join(c), True
        out.write(line)
EOF
python3 "$ours" "$gold" "$dir/changed.conllu" > /dev/null 2> "$dir/changed.err"
st=$?
if [ $st != 1 ] || ! grep -q 'texts differ' "$dir/changed.err"; then
	echo "FAIL: a system with different text: status $st, expected 1 and 'texts differ'"
	fails=$((fails + 1))
fi

echo "$fails failures"
[ $fails -eq 0 ]
