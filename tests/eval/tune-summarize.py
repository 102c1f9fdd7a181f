#!/usr/bin/env python3
"""tune-summarize.py - honest ROUGE for tuned summarize weights: k-fold
cross-validation over the EASC articles.

    tests/eval/tune-summarize.py [OPTION]... CANDIDATE...
    tests/eval/tune-summarize.py --grid weights.lead=0,1,2 --grid weights.title=0,0.5

Trying many weight settings on the 79 EASC articles and reporting the best
one's ROUGE overstates it: the best of many is partly the luckiest.  So
each article is scored with the candidate chosen *without* it: the
articles are cut into K folds (round robin in index order, so each fold
holds every topic); for each fold the candidate with the best mean
criterion (ROUGE-1 F1 by default) on the other folds is picked and scored
on the held-out fold.  The mean held-out ROUGE over all articles is the
figure to report for "tuned weights"; the per-candidate in-sample figures
are printed too, with how often each was picked.

CANDIDATE is a rule file given to summarize as `-r FILE` on top of the
built-in rules (e.g. one with only `weights: {lead: 1}` beside
`nass: 1` and `kind: summarize`), the word `default` (the built-in rules
alone), or `args:OPTIONS` (options as a shell would split them, e.g.
`args:-n 4`).  --grid KEY=V1,V2,... (repeatable; KEY is SECTION.NAME of
rules/summarize.yaml) writes one rule file per combination of values into
BUILD/eval/tune/grid/ and adds them (with `default`) as candidates.

Each article of EASC_DIR/index.tsv goes through normalize | tokenize | tag
once into BUILD/eval/summ-in/ID.conllu (shared with tests/eval/run.sh,
reused when newer than the tools), then through
`SUMMARIZE -n 3 [--args] [candidate's options] < ID.conllu` into
BUILD/eval/tune/cNN/ID.txt, scored by tests/eval/rouge.py.

Options: --folds K (default 5), --criterion R1_f1|R2_f1|RL_f1|R12_f1 (the
mean of R1 and R2 F1), --args "OPTIONS" (for every candidate), --bin DIR,
--build DIR, --summarize "COMMAND" (default $SUMMARIZE or BIN/summarize;
"python3 tests/eval/lead.py" stands in for it), --data DIR (default
$NASS_DATA or ../shared/data), --json (the report as JSON).  Exit 0 done,
1 a tool failed, 2 usage; without the data it says so and exits 0.
"""
import argparse
import itertools
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import rouge  # noqa: E402  (tests/eval/rouge.py)

FIGS = ("R1_f1", "R2_f1", "RL_f1", "R1_recall", "R2_recall")


class ToolError(Exception):
    pass


def run(cmd, stdin_path, stdout_path):
    with open(stdin_path, "rb") as i, open(stdout_path, "wb") as o:
        p = subprocess.run(cmd, stdin=i, stdout=o, stderr=subprocess.PIPE)
    if p.returncode:
        raise ToolError("%s < %s: status %d: %s" % (" ".join(cmd), stdin_path, p.returncode,
                                                     p.stderr.decode("utf-8", "replace").strip()[:400]))


def tagged_inputs(easc, ids, bindir, build):
    """BUILD/eval/summ-in/ID.conllu for each id: article | normalize |
    tokenize | tag, redone when missing or older than a tool."""
    d = os.path.join(build, "eval", "summ-in")
    os.makedirs(d, exist_ok=True)
    tools = [os.path.join(bindir, t) for t in ("normalize", "tokenize", "tag")]
    for t in tools:
        if not os.access(t, os.X_OK):
            raise ToolError("%s not built (make)" % t)
    newest = max(os.path.getmtime(t) for t in tools)
    tmp1, tmp2 = os.path.join(d, ".norm.txt"), os.path.join(d, ".tok.conllu")
    for i in ids:
        out = os.path.join(d, i + ".conllu")
        if os.path.exists(out) and os.path.getmtime(out) >= newest:
            continue
        run([tools[0]], os.path.join(easc, "articles", i + ".txt"), tmp1)
        run([tools[1]], tmp1, tmp2)
        run([tools[2]], tmp2, out)
    for t in (tmp1, tmp2):
        if os.path.exists(t):
            os.remove(t)
    return d


def grid_candidates(grid, build):
    """Write one rule file per combination of --grid values; their paths."""
    axes = []
    for g in grid:
        key, _, values = g.partition("=")
        section, _, name = key.partition(".")
        if not values or not name or section not in ("weights", "selection"):
            raise SystemExit("tune-summarize.py: --grid %r: expected weights.NAME=V1,V2 or selection.NAME=V1,V2" % g)
        axes.append([(section, name, v) for v in values.split(",")])
    d = os.path.join(build, "eval", "tune", "grid")
    os.makedirs(d, exist_ok=True)
    paths = []
    for n, combo in enumerate(itertools.product(*axes)):
        lines = ["# written by tests/eval/tune-summarize.py --grid", "nass: 1", "kind: summarize"]
        for section in ("weights", "selection"):
            items = [(name, v) for s, name, v in combo if s == section]
            if items:
                lines.append(section + ":")
                lines += ["  %s: %s" % (name, v) for name, v in items]
        p = os.path.join(d, "g%03d.yaml" % n)
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        paths.append((p, ", ".join("%s.%s=%s" % c for c in combo)))
    return paths


def candidate_args(c):
    if c == "default":
        return []
    if c.startswith("args:"):
        return shlex.split(c[5:])
    if not os.path.exists(c):
        raise SystemExit("tune-summarize.py: no candidate file %s" % c)
    return ["-r", c]


def mean(per, ids, key):
    return sum(per[i][key] for i in ids) / len(ids) if ids else 0.0


def crit(fig, criterion):
    if criterion == "R12_f1":
        return (fig["R1_f1"] + fig["R2_f1"]) / 2
    return fig[criterion]


def main(argv):
    ap = argparse.ArgumentParser(prog="tune-summarize.py",
                                 description="Cross-validated ROUGE of summarize rule candidates on EASC.")
    ap.add_argument("candidates", nargs="*", metavar="CANDIDATE")
    ap.add_argument("--grid", action="append", default=[], metavar="SECTION.NAME=V1,V2")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--criterion", default="R1_f1", choices=("R1_f1", "R2_f1", "RL_f1", "R12_f1"))
    ap.add_argument("--args", default="", help="options for every summarize run")
    ap.add_argument("--bin", default=os.environ.get("BIN", "bin"))
    ap.add_argument("--build", default=os.environ.get("BUILD", "build"))
    ap.add_argument("--summarize", default=os.environ.get("SUMMARIZE"))
    ap.add_argument("--data", default=os.environ.get("NASS_DATA", "../shared/data"))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    os.chdir(ROOT)  # relative paths (bin, build, ../shared/data) are from the repo root
    cands = [(c, c) for c in a.candidates]
    if a.grid:
        cands = [("default", "default (built-in rules)")] + grid_candidates(a.grid, a.build) + cands
    if len(cands) < 1 or a.folds < 2:
        ap.print_usage(sys.stderr)
        print("tune-summarize.py: give candidates (or --grid) and --folds >= 2", file=sys.stderr)
        return 2
    easc = os.path.join(a.data, "easc")
    if not os.path.exists(os.path.join(easc, "index.tsv")):
        print("tune-summarize.py: no %s/index.tsv: nothing to tune on" % easc)
        return 0
    summ = shlex.split(a.summarize) if a.summarize else [os.path.join(a.bin, "summarize")]
    if not a.summarize and not os.access(summ[0], os.X_OK):
        print("tune-summarize.py: %s not built (--summarize CMD to use another)" % summ[0], file=sys.stderr)
        return 1
    ids = rouge.article_ids(easc)
    if a.folds > len(ids):
        print("tune-summarize.py: more folds than articles", file=sys.stderr)
        return 2
    try:
        indir = tagged_inputs(easc, ids, a.bin, a.build)
        per = []  # per candidate: id -> figures
        for n, (c, label) in enumerate(cands):
            outdir = os.path.join(a.build, "eval", "tune", "c%02d" % n)
            os.makedirs(outdir, exist_ok=True)
            cmd = summ + ["-n", "3"] + shlex.split(a.args) + candidate_args(c)
            for i in ids:
                run(cmd, os.path.join(indir, i + ".conllu"), os.path.join(outdir, i + ".txt"))
            per.append(rouge.score(easc, outdir, ids)["per_article"])
    except (ToolError, OSError) as e:
        print("tune-summarize.py: %s" % e, file=sys.stderr)
        return 1

    folds = [[i for k, i in enumerate(ids) if k % a.folds == f] for f in range(a.folds)]
    held = {}
    picks = []
    for f, test in enumerate(folds):
        train = [i for i in ids if i not in set(test)]
        scores = [sum(crit(p[i], a.criterion) for i in train) / len(train) for p in per]
        best = max(range(len(cands)), key=lambda c: (scores[c], -c))  # ties: the earlier
        picks.append(best)
        for i in test:
            held[i] = per[best][i]
    cv = {k: mean(held, ids, k) for k in FIGS}
    insample = [{k: mean(p, ids, k) for k in FIGS} for p in per]
    best_in = max(range(len(cands)), key=lambda c: (crit(insample[c], a.criterion), -c))

    if a.json:
        print(json.dumps({
            "criterion": a.criterion, "folds": a.folds, "articles": len(ids),
            "candidates": [{"candidate": c, "label": l, "in_sample": insample[n],
                            "picked_in_folds": picks.count(n)} for n, (c, l) in enumerate(cands)],
            "fold_picks": [cands[p][0] for p in picks],
            "cross_validated": cv,
            "best_in_sample": cands[best_in][0]}, indent=1, sort_keys=True))
        return 0
    print("summarize -n 3%s on EASC (%d articles), %d-fold CV by %s"
          % (" " + a.args if a.args else "", len(ids), a.folds, a.criterion))
    print("  %-3s %6s %6s %6s  %6s %6s  %5s  %s" % ("", "R1 F1", "R2 F1", "RL F1", "R1 rec", "R2 rec", "picks", "candidate"))
    for n, (c, label) in enumerate(cands):
        f = insample[n]
        print("  c%02d %6.2f %6.2f %6.2f  %6.2f %6.2f  %5d  %s%s" % (
            n, 100 * f["R1_f1"], 100 * f["R2_f1"], 100 * f["RL_f1"], 100 * f["R1_recall"],
            100 * f["R2_recall"], picks.count(n), label, "  <- best in-sample" if n == best_in else ""))
    print("  folds picked: " + " ".join("c%02d" % p for p in picks))
    print("  cross-validated (each article scored by the candidate picked without it):")
    print("      %6.2f %6.2f %6.2f  %6.2f %6.2f" % tuple(100 * cv[k] for k in FIGS))
    print("  report the cross-validated line for tuned weights; the best in-sample one")
    print("  (c%02d, R1 F1 %.2f) is optimistic by the luck of the pick."
          % (best_in, 100 * insample[best_in]["R1_f1"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
