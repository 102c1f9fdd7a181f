#!/bin/sh
# tests/eval/run.sh - what `make eval` runs: the quality figures of each
# tool in $BIN against the gold data in ../shared/data, beside the targets
# the issues set and the reference scorer's figures (tests/eval/README).
#
# Env: CV=1 also cross-validates tag itself (the data of each fold rebuilt
# by rules/tag/build-tag-data.py --folds into $BUILD/eval/folds, once:
# ~15 min), BIN (default bin), BUILD (default build; system outputs are kept in
# $BUILD/eval for a closer look), NASS_DATA (default ../shared/data),
# NASS_TOOLS (default ../shared/tools), SUMMARIZE (the summarize command,
# default $BIN/summarize; e.g. "python3 tests/eval/lead.py" stands in),
# SUMMARIZE_ARGS (more options for it, e.g. "-r try.yaml"); relative paths
# are from the repo root.  Without the data (or python3) it says so and
# exits 0.  Exit 1 when a tool or a scorer fails to run, or when two
# scorers disagree; figures below target are reported, not failures.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
BIN=${BIN:-bin}
BUILD=${BUILD:-build}
data=${NASS_DATA:-../shared/data}
tools=${NASS_TOOLS:-../shared/tools}
score=tests/eval/conllu_score.py
ref=$tools/conllu_eval.py
out=$BUILD/eval
failed=0
below=0

if [ ! -d "$data" ]; then
	echo "make eval: no data directory $data (see tests/eval/README): skipped"
	exit 0
fi
if ! command -v python3 > /dev/null 2>&1; then
	echo "make eval: python3 not found: skipped"
	exit 0
fi
[ -f "$ref" ] || ref=
mkdir -p "$out" || exit 1

if command -v timeout > /dev/null 2>&1; then
	limit="timeout 600"
else
	limit=
fi

# f1 JSON LEVEL: the F1 of LEVEL in a scorer's JSON, in percent, 2 decimals.
f1() {
	python3 -c 'import json, sys
print("%.2f" % (json.load(open(sys.argv[1]))[sys.argv[2]]["f1"] * 100))' "$1" "$2"
}

# failure MESSAGE [FILE [LINES]]: report a step that failed, with FILE
# indented below (its first LINES lines, or all), and count it.
failure() {
	echo "  FAIL: $1"
	if [ -n "${2:-}" ]; then
		if [ -n "${3:-}" ]; then head -n "$3" "$2"; else cat "$2"; fi | sed 's/^/    /'
	fi
	failed=$((failed + 1))
}

# scored GOLD SYSTEM NAME: score with ours (and the reference when there),
# leaving $out/NAME.ours.json and $out/NAME.ref.json; 1 on failure.
scored() {
	if ! python3 "$score" --json "$1" "$2" > "$out/$3.ours.json" 2> "$out/$3.err"; then
		failure "conllu_score.py $1 $2:" "$out/$3.err"
		return 1
	fi
	rm -f "$out/$3.ref.json"
	if [ -n "$ref" ] && ! python3 "$ref" --json "$1" "$2" > "$out/$3.ref.json" 2> "$out/$3.err"; then
		echo "  warning: conllu_eval.py failed on $2: $(head -1 "$out/$3.err")"
		rm -f "$out/$3.ref.json"
	fi
	return 0
}

# row LABEL NAME LEVEL TARGET: one line of figures.
row() {
	ours=$(f1 "$out/$2.ours.json" "$3")
	if [ -f "$out/$2.ref.json" ]; then
		theirs=$(f1 "$out/$2.ref.json" "$3")
	else
		theirs=-
	fi
	if [ -z "$4" ]; then
		verdict=
		target=-
	elif awk -v a="$ours" -v b="$4" 'BEGIN { exit !(a + 0 >= b + 0) }'; then
		verdict=ok
		target=">= $4"
	else
		verdict=BELOW
		target=">= $4"
		below=$((below + 1))
	fi
	if [ "$theirs" != - ] && [ "$theirs" != "$ours" ]; then
		verdict="$verdict (scorers DISAGREE)"
		failed=$((failed + 1))
	fi
	printf '  %-34s %7s  %-9s %9s  %s\n' "$1" "$ours" "$target" "$theirs" "$verdict"
}

header() {
	printf '  %-34s %7s  %-9s %9s\n' "figure" "F1" "target" "reference"
}

# run_tool NAME TOOL ARGS...: run TOOL ARGS > $out/NAME.conllu; 1 on failure.
run_tool() {
	name=$1
	shift
	$limit "$@" > "$out/$name.conllu" 2> "$out/$name.stderr"
	st=$?
	if [ $st -ne 0 ]; then
		failure "$* exited with status $st:" "$out/$name.stderr" 5
		return 1
	fi
	return 0
}

# --- tokenize: sentences and tokens (plain run), words (--split-clitics) ---
eval_tokenize() {
	txt=$data/ud-pud/pud-dev.txt
	gold=$data/ud-pud/pud-dev.conllu
	echo "tokenize: UD Arabic-PUD dev, ud-pud/pud-dev.txt scored against pud-dev.conllu"
	if [ ! -x "$BIN/tokenize" ]; then
		echo "  $BIN/tokenize not built yet: skipped"
		return
	fi
	if [ ! -f "$txt" ] || [ ! -f "$gold" ]; then
		echo "  no $txt or $gold: skipped"
		return
	fi
	header
	if run_tool tokenize "$BIN/tokenize" "$txt" &&
		scored "$gold" "$out/tokenize.conllu" tokenize; then
		row "sentences" tokenize sentences 99.5
		row "tokens" tokenize tokens 99.9
	fi
	if run_tool tokenize-split "$BIN/tokenize" --split-clitics "$txt" &&
		scored "$gold" "$out/tokenize-split.conllu" tokenize-split; then
		row "words (--split-clitics)" tokenize-split words 97.5
		row "tokens (--split-clitics)" tokenize-split tokens ""
	fi
	# The same words written as multiword-token ranges must score the same.
	if run_tool tokenize-mwt "$BIN/tokenize" --split-clitics --mwt "$txt" &&
		scored "$gold" "$out/tokenize-mwt.conllu" tokenize-mwt; then
		row "words (--split-clitics --mwt)" tokenize-mwt words 97.5
	fi
	# The clitic exceptions were learned from this very file, so the words
	# figure above is in-sample; the honest one is cross-validated.
	echo "  words above are in-sample (exceptions learned from PUD dev); 10-fold"
	echo "  cross-validated by document: 98.61 (rules/tokenize/CLITICS.md,"
	echo "  python3 rules/tokenize/build-clitic-lexicon.py --cv to recompute)"
	echo "  mismatches: python3 $score --errors 20 $gold $out/tokenize-split.conllu"
}

# --- tag: UPOS on gold tokens and end to end, PADT for information, NER ---
# nerf1 JSON: ner_eval.py's entity F1 in percent.
nerf1() {
	python3 -c 'import json, sys
print("%.2f" % (json.load(open(sys.argv[1]))["f1"] * 100))' "$1"
}

# upos_padt GOLD SYSTEM: raw and mapped UPOS accuracy of the same words
# (PADT v1 has CONJ for both conjunctions, no PROPN and no AUX).
upos_padt() {
	python3 -c 'import sys
def words(p):
    for l in open(p, encoding="utf-8"):
        c = l.rstrip("\n").split("\t")
        if len(c) == 10 and c[0].isdigit():
            yield c[3]
n = raw = mapped = 0
for g, s in zip(words(sys.argv[1]), words(sys.argv[2])):
    n += 1
    raw += g == s
    m = {"CCONJ": "CONJ", "SCONJ": "CONJ", "AUX": "VERB"}.get(s, s)
    mapped += m == g or (s == "PROPN" and g in ("X", "NOUN"))
print("%.2f %.2f %d" % (100 * raw / n, 100 * mapped / n, n))' "$1" "$2"
}

# tag_cv: 10-fold cross-validation of the C tool: each fold's test part
# tagged with the data learned without it (tag -r fold.yaml), the folds'
# outputs scored together against their golds.
tag_cv() {
	folds=$out/folds
	# the folds' perceptrons are learned with the word classes too
	if [ ! -f "$folds/ner-9/fold.yaml" ] || [ rules/tag/build-tag-data.py -nt "$folds/ner-9/fold.yaml" ] ||
		[ rules/tag/tag-clusters.tsv -nt "$folds/ner-9/fold.yaml" ]; then
		echo "  building the fold data (python3 rules/tag/build-tag-data.py --folds $folds; ~15 min)"
		if ! python3 rules/tag/build-tag-data.py --data "$data" --folds "$folds" > "$out/folds.log" 2>&1; then
			echo "  FAIL: build-tag-data.py --folds:"; tail -5 "$out/folds.log" | sed 's/^/    /'
			failed=$((failed + 1))
			return
		fi
	fi
	: > "$out/cv-upos-gold.conllu"; : > "$out/cv-upos.conllu"
	: > "$out/cv-ner-gold.txt"; : > "$out/cv-ner.conllu"
	for f in 0 1 2 3 4 5 6 7 8 9; do
		u=$folds/upos-$f n=$folds/ner-$f
		cat "$u/gold.conllu" >> "$out/cv-upos-gold.conllu"
		$limit "$BIN/tag" --overwrite -r "$u/fold.yaml" "$u/gold.conllu" >> "$out/cv-upos.conllu" 2>> "$out/cv.stderr" &&
		cat "$n/gold.txt" >> "$out/cv-ner-gold.txt" &&
		python3 "$tools/ner_to_conllu.py" "$n/gold.txt" > "$out/cv-ner-in.conllu" &&
		$limit "$BIN/tag" -r "$n/fold.yaml" "$out/cv-ner-in.conllu" >> "$out/cv-ner.conllu" 2>> "$out/cv.stderr" || {
			failure "tag on fold $f"; return; }
	done
	if scored "$out/cv-upos-gold.conllu" "$out/cv-upos.conllu" tag-cv; then
		row "UPOS, 10-fold CV by document" tag-cv upos 93
	fi
	# End to end: each fold's documents of pud-dev.txt (a paragraph each,
	# in the order of the gold's documents) through tokenize | tag.
	txt=$data/ud-pud/pud-dev.txt
	if [ -f "$txt" ] && [ -x "$BIN/tokenize" ]; then
		: > "$out/cv-e2e.conllu"
		for f in 0 1 2 3 4 5 6 7 8 9; do
			awk -v RS= -v f=$f '(NR - 1) % 10 == f { print; print "" }' "$txt" > "$out/cv-e2e-in.txt"
			"$BIN/tokenize" --split-clitics "$out/cv-e2e-in.txt" |
				$limit "$BIN/tag" -r "$folds/upos-$f/fold.yaml" >> "$out/cv-e2e.conllu" || {
				failure "tokenize | tag on fold $f"; return; }
		done
		if scored "$out/cv-upos-gold.conllu" "$out/cv-e2e.conllu" tag-cv-e2e; then
			row "UPOS end to end, 10-fold CV" tag-cv-e2e upos 88
		fi
	fi
	if python3 "$tools/ner_eval.py" "$out/cv-ner-gold.txt" "$out/cv-ner.conllu" --json > "$out/tag-cv-ner.json"; then
		f=$(nerf1 "$out/tag-cv-ner.json")
		if awk -v a="$f" 'BEGIN { exit !(a + 0 >= 75) }'; then v=ok; else v=BELOW; below=$((below + 1)); fi
		printf '  %-34s %7s  %-9s %9s  %s\n' "NER F1, 10-fold CV (contiguous)" "$f" ">= 75" "-" "$v"
	fi
}

eval_tag() {
	toks=$data/ud-pud/pud-dev-tokens.conllu
	gold=$data/ud-pud/pud-dev.conllu
	txt=$data/ud-pud/pud-dev.txt
	padt=$data/ud-padt-v1/ar-ud-dev.conllu
	ner=$data/ner/anercorp-train.txt
	echo "tag: UPOS on ud-pud/pud-dev-tokens.conllu, NER on ner/anercorp-train.txt"
	if [ ! -x "$BIN/tag" ]; then
		echo "  $BIN/tag not built yet: skipped"
		return
	fi
	if [ -f "$toks" ] && [ -f "$gold" ]; then
		header
		if run_tool tag-gold "$BIN/tag" "$toks" && scored "$gold" "$out/tag-gold.conllu" tag-gold; then
			row "UPOS, gold tokens, in-sample" tag-gold upos ""
		fi
		if [ -f "$txt" ] && [ -x "$BIN/tokenize" ] &&
			run_tool tag-e2e sh -c "'$BIN/tokenize' --split-clitics '$txt' | '$BIN/tag'" &&
			scored "$gold" "$out/tag-e2e.conllu" tag-e2e; then
			row "UPOS, text | tokenize -s | tag (in-s.)" tag-e2e upos 88
		fi
		echo "  UPOS above is in-sample (the lexicon and rules are learned from PUD dev)"
	else
		echo "  no $toks or $gold: UPOS skipped"
	fi
	if [ -f "$padt" ] && run_tool tag-padt "$BIN/tag" --overwrite "$padt"; then
		set -- $(upos_padt "$padt" "$out/tag-padt.conllu")
		echo "  UPOS on ud-padt-v1 dev ($3 words, information only): raw $1, mapped $2"
		echo "  (mapped: CCONJ/SCONJ = CONJ, AUX = VERB, PROPN = X or NOUN count as right)"
	fi
	if [ -f "$ner" ] && [ -f "$tools/ner_to_conllu.py" ] && [ -f "$tools/ner_eval.py" ]; then
		python3 "$tools/ner_to_conllu.py" "$ner" > "$out/ner-tokens.conllu" &&
		if run_tool tag-ner "$BIN/tag" "$out/ner-tokens.conllu" &&
			python3 "$tools/ner_eval.py" "$ner" "$out/tag-ner.conllu" --json > "$out/tag-ner.json"; then
			printf '  %-34s %7s  %-9s %9s\n' "NER F1 (ner_eval.py), in-sample" "$(nerf1 "$out/tag-ner.json")" "-" "-"
			echo "  NER is in-sample (gazetteer and rules learned from ANERcorp train)"
		else
			failure "NER scoring"
		fi
	fi
	if [ "${CV:-}" = 1 ]; then
		tag_cv
	else
		echo "  cross-validated figures of this tool: make eval CV=1 (the in-sample ones"
		echo "  above are no measure of new text; last measured: rules/tag/TAG.md section 7)"
	fi
}

# --- summarize: ROUGE on EASC beside Lead-3 and the oracle -----------------
# Each article of easc/index.tsv goes through normalize | tokenize | tag once
# ($out/summ-in/ID.conllu; summ-in-raw without normalize), then through
# summarize -n 3 $SUMMARIZE_ARGS into $out/summ/ID.txt, scored by
# tests/eval/rouge.py and by ../shared/tools/rouge_eval.py, which must agree.

# summ_inputs: the tagged CoNLL-U of every article, with and without
# normalize; 1 when a tool fails.  Stages go through files, not a pipe, so
# the failing tool is known (sh has no pipefail).
summ_inputs() {
	mkdir -p "$out/summ-in" "$out/summ-in-raw" || return 1
	for id in $ids; do
		art=$easc/articles/$id.txt
		$limit "$BIN/normalize" < "$art" > "$out/summ-norm.txt" 2> "$out/summ.stderr" &&
		$limit "$BIN/tokenize" < "$out/summ-norm.txt" > "$out/summ-tok.conllu" 2>> "$out/summ.stderr" &&
		$limit "$BIN/tag" < "$out/summ-tok.conllu" > "$out/summ-in/$id.conllu" 2>> "$out/summ.stderr" &&
		$limit "$BIN/tokenize" < "$art" > "$out/summ-tok.conllu" 2>> "$out/summ.stderr" &&
		$limit "$BIN/tag" < "$out/summ-tok.conllu" > "$out/summ-in-raw/$id.conllu" 2>> "$out/summ.stderr" || {
			failure "normalize | tokenize | tag on $art:" "$out/summ.stderr" 5
			return 1
		}
	done
}

# summ_run NAME INDIR COMMAND...: COMMAND < INDIR/ID.conllu > $out/NAME/ID.txt
# for every article; 1 (and a failure counted) when it exits non-zero.
summ_run() {
	name=$1 indir=$2
	shift 2
	rm -rf "${out:?}/$name"
	mkdir -p "$out/$name" || return 1
	for id in $ids; do
		if ! $limit "$@" < "$indir/$id.conllu" > "$out/$name/$id.txt" 2> "$out/$name.stderr"; then
			failure "$* < $indir/$id.conllu exited with status $?:" "$out/$name.stderr" 5
			return 1
		fi
	done
}

# rouge_scored NAME: score $out/NAME with both scorers (NAME.ours.json,
# NAME.ref.json); 1 when ours fails.
rouge_scored() {
	if ! python3 tests/eval/rouge.py --json "$easc" "$out/$1" > "$out/$1.ours.json" 2> "$out/$1.err"; then
		failure "rouge.py $easc $out/$1:" "$out/$1.err"
		return 1
	fi
	rm -f "$out/$1.ref.json"
	if [ -f "$tools/rouge_eval.py" ] &&
		! python3 "$tools/rouge_eval.py" "$easc" "$out/$1" --json > "$out/$1.ref.json" 2> "$out/$1.err"; then
		echo "  warning: rouge_eval.py failed on $out/$1: $(head -1 "$out/$1.err")"
		rm -f "$out/$1.ref.json"
	fi
	return 0
}

# rouge_figs JSON: R1 R2 RL F1, R1 R2 RL recall (percent), system words.
rouge_figs() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join("%.2f" % (100 * r[k]) for k in ("R1_f1", "R2_f1", "RL_f1", "R1_recall", "R2_recall", "RL_recall")), "%.0f" % r["avg_words"])' "$1"
}

# rouge_row LABEL NAME: one row of figures; the reference's must be equal.
rouge_row() {
	set -- "$1" "$2" $(rouge_figs "$out/$2.ours.json")
	printf '  %-30s %6s %6s %6s  %6s %6s %6s %5s\n' "$1" "$3" "$4" "$5" "$6" "$7" "$8" "$9"
	if [ -f "$out/$2.ref.json" ]; then
		theirs=$(rouge_figs "$out/$2.ref.json" | cut -d' ' -f1-6)
		if [ "$theirs" != "$3 $4 $5 $6 $7 $8" ]; then
			echo "    scorers DISAGREE: rouge_eval.py gives $theirs"
			failed=$((failed + 1))
		else
			agreed=$((agreed + 1))
		fi
	fi
}

eval_summarize() {
	easc=$data/easc
	summ=${SUMMARIZE:-$BIN/summarize}
	echo "summarize: ROUGE on easc/ (text | normalize | tokenize | tag | summarize -n 3${SUMMARIZE_ARGS:+ $SUMMARIZE_ARGS})"
	if [ ! -f "$easc/index.tsv" ]; then
		echo "  no $easc/index.tsv: skipped"
		return
	fi
	if [ ! -x "$BIN/normalize" ] || [ ! -x "$BIN/tokenize" ] || [ ! -x "$BIN/tag" ]; then
		echo "  $BIN/normalize, tokenize or tag not built yet: skipped"
		return
	fi
	ids=$(tail -n +2 "$easc/index.tsv" | cut -f1)
	agreed=0
	summ_inputs || return
	printf '  %-30s %6s %6s %6s  %6s %6s %6s %5s\n' "system" "R1 F1" "R2 F1" "RL F1" "R1 rec" "R2 rec" "RL rec" "words"

	# The baselines: Lead-3 as the data README defines it (a regex sentence
	# split), and Lead-3 on summarize's units of our tokenizer's sentences
	# (what -n 3 is counted in: the splits differ, see tests/eval/README).
	lead3=
	if [ -f "$tools/lead_baseline.py" ] &&
		python3 "$tools/lead_baseline.py" "$easc" "$out/summ-lead3" 3 2> "$out/summ-lead3.stderr" &&
		rouge_scored summ-lead3; then
		rouge_row "Lead-3 (lead_baseline.py)" summ-lead3
		set -- $(rouge_figs "$out/summ-lead3.ours.json")
		lead3=$1 lead3r2=$2
	fi
	if summ_run summ-lead3-ours "$out/summ-in" python3 tests/eval/lead.py -n 3 &&
		rouge_scored summ-lead3-ours; then
		rouge_row "Lead-3, summarize's units" summ-lead3-ours
	fi

	# The oracle: easc_oracle.py's greedy best 3 sentences (for ROUGE-1 F1);
	# cached in $out until the tool or the index changes.
	oracle=
	cache=$out/easc-oracle.txt
	if [ -f "$tools/easc_oracle.py" ]; then
		if [ ! -s "$cache" ] || [ "$tools/easc_oracle.py" -nt "$cache" ] || [ "$easc/index.tsv" -nt "$cache" ]; then
			t0=$(date +%s)
			python3 "$tools/easc_oracle.py" "$easc" > "$cache" 2> "$out/easc-oracle.stderr" || rm -f "$cache"
			echo "  (easc_oracle.py took $(($(date +%s) - t0)) s; cached in $cache)"
		fi
		[ -s "$cache" ] && oracle=$(sed -n 's/.*oracle-3 R1 F1 \([0-9.]*\).*/\1/p' "$cache")
		[ -n "$oracle" ] && printf '  %-30s %6s %6s %6s  %s\n' "oracle-3 (easc_oracle.py)" "$oracle" - - \
			"(human vs human R1 F1 $(sed -n 's/.*human-vs-human R1 F1 \([0-9.]*\).*/\1/p' "$cache"))"
	fi

	if [ -z "${SUMMARIZE:-}" ] && [ ! -x "$summ" ]; then
		echo "  $summ not built yet: summarize not scored (SUMMARIZE=\"python3 tests/eval/lead.py\""
		echo "  stands in for it)"
	elif summ_run summ "$out/summ-in" $summ -n 3 $SUMMARIZE_ARGS && rouge_scored summ; then
		rouge_row "summarize -n 3" summ
		set -- $(rouge_figs "$out/summ.ours.json")
		ours=$1 ours2=$2
		# Without normalize: does it help or hurt?
		if summ_run summ-raw "$out/summ-in-raw" $summ -n 3 $SUMMARIZE_ARGS && rouge_scored summ-raw; then
			rouge_row "summarize -n 3, no normalize" summ-raw
		fi
		if [ -n "$lead3" ] && [ -n "$oracle" ]; then
			set -- $(awk -v l="$lead3" -v o="$oracle" -v s="$ours" 'BEGIN {
				printf "%.2f %.1f\n", l + (o - l) / 3, 100 * (s - l) / (o - l) }')
			t1=$1 closed=$2
			if awk -v a="$ours" -v b="$t1" 'BEGIN { exit !(a + 0 >= b + 0) }'; then v=ok; else v=BELOW; below=$((below + 1)); fi
			echo "  target ROUGE-1 F1 >= $t1 (Lead-3 + a third of the gap to the oracle): $ours $v"
			if awk -v a="$ours2" -v b="$lead3r2" 'BEGIN { exit !(a + 0 >= b + 0) }'; then v=ok; else v=BELOW; below=$((below + 1)); fi
			echo "  target ROUGE-2 F1 >= $lead3r2 (Lead-3's): $ours2 $v"
			echo "  gap closed: (summarize - Lead-3) / (oracle - Lead-3) = $closed% of ROUGE-1 F1"
		fi
	fi
	if [ -f "$tools/rouge_eval.py" ]; then
		echo "  rouge_eval.py agrees with rouge.py on $agreed rows (recall and F1, 2 decimals)"
	else
		echo "  no $tools/rouge_eval.py: figures not cross-checked"
	fi
	echo "  per article: python3 tests/eval/rouge.py --per-article $easc $out/summ;"
	echo "  tuned weights: tests/eval/tune-summarize.py (cross-validated, tests/eval/README)"
}

echo "make eval: data $data, reference scorer ${ref:-absent}"
if [ -x "$BIN/normalize" ]; then
	echo "normalize: no gold data to score against (make check tests it)"
fi
eval_tokenize
eval_tag
eval_summarize
echo "make eval: $below figures below target, $failed failures (outputs in $out)"
[ "$failed" -eq 0 ]
