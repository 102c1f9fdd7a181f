#!/usr/bin/env bash
# tests/bench/run.sh - throughput, peak RSS and start-up time of
# bin/normalize, bin/tokenize, bin/tag and bin/summarize, next to cat and to
# peers doing roughly the same job (uconv and perl for normalize; ucto and
# Moses tokenizer.perl for tokenize; none packaged for tag; OTS for
# summarize).  See tests/bench/README.  Run from
# anywhere, normally as `make bench`.
#
# Environment:
#   NASS_DATA           data directory (default ../shared/data, from the repo root)
#   NORMALIZE           tool under test (default bin/normalize); NORMALIZE=cat
#                       runs a stand-in that ignores its options and copies
#   TOKENIZE            tokenizer under test (default: tokenize beside
#                       NORMALIZE when that is a path, else bin/tokenize);
#                       TOKENIZE=cat runs a stand-in as for NORMALIZE
#   TAG                 tagger under test (default: tag beside TOKENIZE); its
#                       input is the whole corpus through TOKENIZE (~7x the
#                       corpus in TMPDIR)
#   SUMMARIZE           summarizer under test (default: summarize beside TAG);
#                       its input is that tagged once more (~9x the corpus)
#   BENCH_OTS_ARTICLES  articles for the per-article rows and OTS (default 300)
#   MOSES_TOKENIZER     Moses tokenizer.perl (default: found on PATH or in
#                       a few usual places; its row is skipped if none)
#   MAXRSS              peak-RSS wrapper (default build/maxrss; built from
#                       tests/tools/maxrss.c into the temp dir if missing)
#   BENCH_RUNS          runs per row, best is kept (default 3)
#   BENCH_SLICE_MB      size of the corpus slice given to the peers (default 8)
#   BENCH_UCTO_MB       size of the smaller slice given to ucto (default 2)
#   BENCH_STARTUP_RUNS  runs for the start-up mean (default 200)
#   BENCH_CPU           CPU to pin to (default: the first one we may use)
#   TMPDIR              where the temporary files go (~ 2x the corpus size)

set -u
set -o pipefail

# --- Paths -------------------------------------------------------------

# Paths given in the environment are relative to where we were started;
# the defaults are relative to the repo root, where we then work.
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/$1" ;;
	esac
}
if [[ -n ${NASS_DATA:-} ]]; then NASS_DATA=$(abspath "$NASS_DATA"); fi
if [[ -n ${MAXRSS:-} && $MAXRSS == */* ]]; then MAXRSS=$(abspath "$MAXRSS"); fi
if [[ -n ${NORMALIZE:-} && $NORMALIZE == */* ]]; then NORMALIZE=$(abspath "$NORMALIZE"); fi
if [[ -n ${TOKENIZE:-} && $TOKENIZE == */* ]]; then TOKENIZE=$(abspath "$TOKENIZE"); fi
if [[ -n ${TAG:-} && $TAG == */* ]]; then TAG=$(abspath "$TAG"); fi
if [[ -n ${SUMMARIZE:-} && $SUMMARIZE == */* ]]; then SUMMARIZE=$(abspath "$SUMMARIZE"); fi
if [[ -n ${MOSES_TOKENIZER:-} && $MOSES_TOKENIZER == */* ]]; then MOSES_TOKENIZER=$(abspath "$MOSES_TOKENIZER"); fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd) || exit 1
cd "$ROOT" || exit 1

NASS_DATA=${NASS_DATA:-$ROOT/../shared/data}
NORMALIZE=${NORMALIZE:-bin/normalize}
# `make bench` names only NORMALIZE ($(BIN)/normalize): take the tokenize
# of the same build.
if [[ -z ${TOKENIZE:-} ]]; then
	if [[ $NORMALIZE == */* ]]; then TOKENIZE=${NORMALIZE%/*}/tokenize; else TOKENIZE=bin/tokenize; fi
fi
if [[ -z ${TAG:-} ]]; then
	if [[ $TOKENIZE == */* ]]; then TAG=${TOKENIZE%/*}/tag; else TAG=bin/tag; fi
fi
if [[ -z ${SUMMARIZE:-} ]]; then
	if [[ $TAG == */* ]]; then SUMMARIZE=${TAG%/*}/summarize; else SUMMARIZE=bin/summarize; fi
fi
OTS_ARTICLES=${BENCH_OTS_ARTICLES:-300}
MAXRSS=${MAXRSS:-build/maxrss}
RUNS=${BENCH_RUNS:-3}
SLICE_MB=${BENCH_SLICE_MB:-8}
UCTO_MB=${BENCH_UCTO_MB:-2}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-200}

CORPUS=$NASS_DATA/corpora/ant-news.txt

# Targets, printed beside the results; never asserted.  A row's target is
# MB/s, or MB/s/RSS-MB when its RSS target is not T_RSS_MB.
T_MBS_ARABIC=400 T_MBS_ASCII=1000 T_RSS_MB=8 T_STARTUP_MS=5
T_TOK_MBS=100 T_TOK_SPLIT_MBS=50 T_TOK_RSS_MB=16
T_TAG_MBS=40 T_TAG_RSS_MB=64 T_TAG_STARTUP_MS=20
# summarize: RSS target is T_SUMM_RSS_MB plus the largest document.
T_SUMM_MBS=20 T_SUMM_RSS_MB=32

say() { printf '%s\n' "$*"; }
warn() { printf 'bench: %s\n' "$*" >&2; }

if [[ ! -r $CORPUS ]]; then
	say "bench: corpus $CORPUS not found; skipping (set NASS_DATA to the data directory)"
	exit 0
fi

# --- Pin to one core ----------------------------------------------------

# Re-run the whole script under taskset once, so that every child (and
# hyperfine) inherits the affinity without a taskset exec per run.
if [[ -z ${NASS_BENCH_PINNED:-} ]]; then
	if command -v taskset >/dev/null 2>&1; then
		cpu=${BENCH_CPU:-}
		if [[ -z $cpu ]]; then
			# "pid N's current affinity list: 0-3,6" -> 0
			cpu=$(taskset -pc $$ 2>/dev/null | sed -n 's/.*: *\([0-9][0-9]*\).*/\1/p')
		fi
		if [[ -n $cpu ]] && taskset -c "$cpu" true 2>/dev/null; then
			NASS_BENCH_PINNED="cpu $cpu (taskset -c $cpu)" \
				exec taskset -c "$cpu" "$BASH" "${BASH_SOURCE[0]}" "$@"
		fi
	fi
	NASS_BENCH_PINNED="no (taskset unavailable or refused)"
fi
export NASS_BENCH_PINNED

# --- Clock -------------------------------------------------------------

# now_us: microseconds since the epoch, without a fork where possible.
if [[ -n ${EPOCHREALTIME:-} ]]; then
	now_us() { local t=${EPOCHREALTIME//[!0-9]/}; printf '%s' "$t"; }
	# EPOCHREALTIME always has 6 decimals, so dropping the point gives us.
else
	case $(date +%N 2>/dev/null) in
	[0-9]*) now_us() { local t; t=$(date +%s%N); printf '%s' "${t%???}"; } ;;
	*) warn "need bash >= 5 (EPOCHREALTIME) or a date(1) with %N"; exit 1 ;;
	esac
fi

# --- Temp dir, tools ------------------------------------------------------

TMP=$(mktemp -d "${TMPDIR:-/tmp}/nass-bench.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $NORMALIZE == cat ]]; then
	# Stand-in for testing this script before bin/normalize exists.
	printf '#!/bin/sh\nexec cat\n' >"$TMP/normalize-standin"
	chmod +x "$TMP/normalize-standin"
	NORM=$TMP/normalize-standin
	NORM_NOTE="STAND-IN (NORMALIZE=cat: sh + cat, options ignored)"
elif [[ $NORMALIZE == */* ]]; then
	NORM=$NORMALIZE
	NORM_NOTE=$NORMALIZE
else
	NORM=$(command -v "$NORMALIZE" 2>/dev/null) || NORM=
	NORM_NOTE=$NORMALIZE
fi
if [[ -z $NORM || ! -x $NORM ]]; then
	warn "$NORMALIZE not found or not executable; run make first"
	exit 1
fi

# tokenize: a missing one skips its rows (with a note) rather than the
# whole bench, so that normalize can be measured on its own.
if [[ $TOKENIZE == cat ]]; then
	printf '#!/bin/sh\nexec cat\n' >"$TMP/tokenize-standin"
	chmod +x "$TMP/tokenize-standin"
	TOK=$TMP/tokenize-standin
	TOK_NOTE="STAND-IN (TOKENIZE=cat: sh + cat, options ignored)"
elif [[ $TOKENIZE == */* ]]; then
	TOK=$TOKENIZE
	TOK_NOTE=$TOKENIZE
else
	TOK=$(command -v "$TOKENIZE" 2>/dev/null) || TOK=
	TOK_NOTE=$TOKENIZE
fi
if [[ -z $TOK || ! -x $TOK ]]; then
	warn "$TOKENIZE not found or not executable (run make); skipping the tokenize rows"
	TOK_NOTE="$TOKENIZE: NOT FOUND, rows skipped"
	TOK=
fi

if [[ ! -x $MAXRSS ]]; then
	if cc -std=c99 -Wall -Wextra -O2 -o "$TMP/maxrss" tests/tools/maxrss.c 2>/dev/null; then
		MAXRSS=$TMP/maxrss
	else
		warn "no $MAXRSS and could not build tests/tools/maxrss.c; RSS not measured"
		MAXRSS=
	fi
fi

# --- Inputs ----------------------------------------------------------------

fsize() { wc -c <"$1" | tr -d ' '; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

CORPUS_BYTES=$(fsize "$CORPUS")

# ASCII file of the corpus's size: the GPL (or a built-in paragraph),
# stripped to printable ASCII, doubled until big enough, then cut.
ASCII=$TMP/ascii.txt
{
	if [[ -r /usr/share/common-licenses/GPL-3 ]]; then
		cat /usr/share/common-licenses/GPL-3
	else
		for i in 1 2 3 4 5 6 7 8; do
			cat <<-'EOF'
			The quick brown fox jumps over the lazy dog while the committee
			reviews the quarterly report on regional trade, noting that exports
			rose by 4.2 percent in the third quarter (after a weak spring) and
			that imports of machinery, fuel and grain stayed mostly flat.
			EOF
		done
	fi
} | LC_ALL=C tr -cd '\11\12\15\40-\176' >"$TMP/grow"
while (($(fsize "$TMP/grow") < CORPUS_BYTES)); do
	cat "$TMP/grow" "$TMP/grow" >"$TMP/grow2" && mv "$TMP/grow2" "$TMP/grow"
done
head -c "$CORPUS_BYTES" "$TMP/grow" >"$ASCII"
rm -f "$TMP/grow"
ASCII_BYTES=$(fsize "$ASCII")

# The peers' slice: the first SLICE_MB MB, cut back to a whole line so
# that no UTF-8 sequence is split.
SLICE=$TMP/slice.txt
head -c $((SLICE_MB * 1000000)) "$CORPUS" | LC_ALL=C sed '$d' >"$SLICE"
SLICE_BYTES=$(fsize "$SLICE")
# ucto runs at a few MB/s or less: a smaller slice of the same text.
USLICE=$TMP/slice-ucto.txt
head -c $((UCTO_MB * 1000000)) "$CORPUS" | LC_ALL=C sed '$d' >"$USLICE"
USLICE_BYTES=$(fsize "$USLICE")

cat "$CORPUS" >/dev/null # warm the page cache

# --- Peers' programs ------------------------------------------------------

# Roughly `normalize -p search` (rules/normalize.yaml): NFKC, controls and
# tatweel and diacritics deleted, persian/alef/ya/ta-marbuta/hamza folded,
# digits and punctuation to ASCII, spaces collapsed and trimmed at line
# ends, lower case.  Approximations: neither does normalize's exact NFKC
# overrides, and casefold is lower-casing in uconv.
UCONV_SEARCH='::NFKC;
[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u0640\u0610-\u061A\u064B-\u0652\u0670\u06D6-\u06ED] > ;
[\u0622\u0623\u0625\u0671-\u0673] > \u0627;
[\u06A9\u06AA] > \u0643;
[\u06CC\u06CD\u06D2\u0649\u0626] > \u064A;
[\u06BE\u06C0-\u06C3\u06D5\u0629] > \u0647;
\u0624 > \u0648;
[\u0660\u06F0] > 0; [\u0661\u06F1] > 1; [\u0662\u06F2] > 2; [\u0663\u06F3] > 3; [\u0664\u06F4] > 4;
[\u0665\u06F5] > 5; [\u0666\u06F6] > 6; [\u0667\u06F7] > 7; [\u0668\u06F8] > 8; [\u0669\u06F9] > 9;
[\u060C\u066C] > \u002C; \u061B > \u003B; \u061F > \u003F; \u066A > \u0025; \u066B > \u002E;
[\u00AB\u00BB] > \u0022;
::Null;
\r } \n > ;
[[:Zs:]\t]+ } [\r\n] > ;
[[:Zs:]\t]+ > \u0020;
::Any-Lower;'

# shellcheck disable=SC2016 # perl code, not shell
PERL_SEARCH='$_ = NFKC($_);
tr/\x{AD}\x{61C}\x{200B}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2060}\x{2066}-\x{2069}\x{FEFF}\x{640}\x{610}-\x{61A}\x{64B}-\x{652}\x{670}\x{6D6}-\x{6ED}//d;
tr/\x{622}\x{623}\x{625}\x{671}-\x{673}\x{6A9}\x{6AA}\x{6CC}\x{6CD}\x{6D2}\x{649}\x{626}\x{6BE}\x{6C0}-\x{6C3}\x{6D5}\x{629}\x{624}\x{660}-\x{669}\x{6F0}-\x{6F9}\x{60C}\x{66C}\x{61B}\x{61F}\x{66A}\x{66B}\x{AB}\x{BB}/\x{627}\x{627}\x{627}\x{627}\x{627}\x{627}\x{643}\x{643}\x{64A}\x{64A}\x{64A}\x{64A}\x{64A}\x{647}\x{647}\x{647}\x{647}\x{647}\x{647}\x{647}\x{648}0-90-9,,;?%.""/;
s/\r(?=\n\z)//; s/\h+/ /g; s/ (?=\n?\z)//;
$_ = fc($_);'

# --- Measuring ---------------------------------------------------------------

# Rows of the table, filled by measure().
R_NAME=() R_INPUT=() R_MBS=() R_RSS=() R_TARGET=()
FAILED=0
LAST_MBS=

# measure NAME INPUT-LABEL FILE TARGET-MBS CMD [ARG...]
# Runs CMD <FILE >/dev/null RUNS times; keeps the best wall time and the
# highest peak RSS.  TARGET-MBS of - means no target (RSS target neither).
measure() {
	local name=$1 label=$2 file=$3 target=$4 t_rss=$T_RSS_MB
	shift 4
	if [[ $target == */* ]]; then t_rss=${target#*/} target=${target%%/*}; fi
	local bytes best='' rss=0 i t0 t1 us rc kb
	bytes=$(fsize "$file")
	printf 'bench: %-40s' "$name" >&2
	for ((i = 0; i < RUNS; i++)); do
		t0=$(now_us)
		if [[ -n $MAXRSS ]]; then
			"$MAXRSS" "$@" <"$file" >/dev/null 2>"$TMP/err"
		else
			"$@" <"$file" >/dev/null 2>"$TMP/err"
		fi
		rc=$?
		t1=$(now_us)
		if ((rc != 0)); then
			printf ' FAILED (exit %d)\n' "$rc" >&2
			grep -v '^maxrss: ' "$TMP/err" | head -n 5 | sed 's/^/    /' >&2
			R_NAME+=("$name") R_INPUT+=("$label") R_MBS+=("FAILED") R_RSS+=("-")
			R_TARGET+=("exit status $rc")
			LAST_MBS=
			return 1
		fi
		us=$((t1 - t0))
		((us > 0)) || us=1
		if [[ -z $best ]] || ((us < best)); then best=$us; fi
		kb=$(sed -n 's/^maxrss: \([0-9][0-9]*\)$/\1/p' "$TMP/err" | tail -n 1)
		if [[ -n $kb ]] && ((kb > rss)); then rss=$kb; fi
		printf ' %.2fs' "$(awk -v u="$us" 'BEGIN { print u / 1e6 }')" >&2
	done
	printf '\n' >&2
	# bytes per microsecond is MB/s with MB = 10^6 bytes.
	LAST_MBS=$(awk -v b="$bytes" -v u="$best" 'BEGIN { printf "%.1f", b / u }')
	local rss_mb tgt=""
	if [[ -n $MAXRSS ]]; then
		rss_mb=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
	else
		rss_mb=n/a
	fi
	if [[ $target != - ]]; then
		tgt=$(awk -v m="$LAST_MBS" -v t="$target" -v r="$rss_mb" -v tr="$t_rss" 'BEGIN {
			s = sprintf(">=%d MB/s %s, <=%d MB ", t, (m >= t ? "ok" : "MISSED"), tr)
			if (r == "n/a") s = s "n/a"; else s = s (r + 0 <= tr ? "ok" : "MISSED")
			print s }')
	fi
	R_NAME+=("$name") R_INPUT+=("$label") R_MBS+=("$LAST_MBS") R_RSS+=("$rss_mb")
	R_TARGET+=("$tgt")
	return 0
}

L_CORPUS="ant-news $(mb "$CORPUS_BYTES")"
L_ASCII="ascii $(mb "$ASCII_BYTES")"
L_SLICE="ant-news first $(mb "$SLICE_BYTES")"
L_USLICE="ant-news first $(mb "$USLICE_BYTES")"

measure "cat" "$L_CORPUS" "$CORPUS" - cat
measure "normalize -p default" "$L_CORPUS" "$CORPUS" "$T_MBS_ARABIC" "$NORM" -p default || FAILED=1
measure "normalize -p search" "$L_CORPUS" "$CORPUS" "$T_MBS_ARABIC" "$NORM" -p search || FAILED=1
measure "normalize -p default (ASCII)" "$L_ASCII" "$ASCII" "$T_MBS_ASCII" "$NORM" -p default || FAILED=1
NORM_SLICE_MBS=
if measure "normalize -p search" "$L_SLICE" "$SLICE" - "$NORM" -p search; then
	NORM_SLICE_MBS=$LAST_MBS
else
	FAILED=1
fi

# Peers doing the search job: name and MB/s of the best one.
BEST_PEER='' BEST_PEER_MBS=''
peer() {
	if measure "$@" && [[ -n $LAST_MBS ]]; then
		if [[ -z $BEST_PEER_MBS ]] || awk -v a="$LAST_MBS" -v b="$BEST_PEER_MBS" 'BEGIN { exit !(a > b) }'; then
			BEST_PEER=$1 BEST_PEER_MBS=$LAST_MBS
		fi
	fi
}

if command -v uconv >/dev/null 2>&1; then
	# -f/-t given: uconv's default charset follows the locale.
	measure "peer: uconv ::NFKC; (~default)" "$L_SLICE" "$SLICE" - \
		uconv -f utf-8 -t utf-8 -x '::NFKC;'
	peer "peer: uconv search rules" "$L_SLICE" "$SLICE" - \
		uconv -f utf-8 -t utf-8 -x "$UCONV_SEARCH"
else
	warn "uconv not installed (Debian: icu-devtools); skipping its rows"
fi
if command -v perl >/dev/null 2>&1 && perl -MUnicode::Normalize -e 1 2>/dev/null; then
	peer "peer: perl NFKC + tr/s///" "$L_SLICE" "$SLICE" - \
		perl -CSD -MUnicode::Normalize -pE "$PERL_SEARCH"
else
	warn "perl with Unicode::Normalize not available; skipping its row"
fi

# --- tokenize ----------------------------------------------------------------

# tokenize writes CoNLL-U with TokenRange by default: 3-4 bytes out per
# byte in, all of it to /dev/null.  Its peers get the slice (ucto a
# smaller one); tokenize and cat run on the same slices, so that the
# comparison below is like with like.
TOK_SLICE_MBS='' TOK_USLICE_MBS='' UCTO_MBS='' MOSES_MBS=''
if [[ -n $TOK ]]; then
	measure "tokenize (CoNLL-U)" "$L_CORPUS" "$CORPUS" "$T_TOK_MBS/$T_TOK_RSS_MB" "$TOK" || FAILED=1
	measure "tokenize --split-clitics" "$L_CORPUS" "$CORPUS" "$T_TOK_SPLIT_MBS/$T_TOK_RSS_MB" \
		"$TOK" --split-clitics || FAILED=1
	measure "cat" "$L_SLICE" "$SLICE" - cat
	if measure "tokenize (CoNLL-U)" "$L_SLICE" "$SLICE" - "$TOK"; then
		TOK_SLICE_MBS=$LAST_MBS
	else
		FAILED=1
	fi
	measure "tokenize --split-clitics" "$L_SLICE" "$SLICE" - "$TOK" --split-clitics || FAILED=1
fi

if command -v ucto >/dev/null 2>&1; then
	if [[ -n $TOK ]] && measure "tokenize (CoNLL-U)" "$L_USLICE" "$USLICE" - "$TOK"; then
		TOK_USLICE_MBS=$LAST_MBS
	fi
	# Default output: tokens spaced, <utt> after each sentence.
	measure "peer: ucto -L generic" "$L_USLICE" "$USLICE" - ucto -L generic &&
		UCTO_MBS=$LAST_MBS
else
	warn "ucto not installed (Debian: ucto); skipping its row"
fi

# Moses' tokenizer.perl: not packaged by Debian; found if installed.
MOSES=${MOSES_TOKENIZER:-}
if [[ -z $MOSES ]]; then
	for m in "$(command -v tokenizer.perl 2>/dev/null)" \
		/usr/share/moses/scripts/tokenizer/tokenizer.perl \
		/usr/local/share/moses/scripts/tokenizer/tokenizer.perl \
		/opt/moses/scripts/tokenizer/tokenizer.perl \
		"$HOME/mosesdecoder/scripts/tokenizer/tokenizer.perl"; do
		if [[ -n $m && -r $m ]]; then MOSES=$m; break; fi
	done
fi
if [[ -n $MOSES && -r $MOSES ]] && command -v perl >/dev/null 2>&1; then
	# Moses has no Arabic non-breaking prefixes: English ones; -b
	# unbuffered, -no-escape keeps & < > as they are, -q quiet.
	measure "peer: Moses tokenizer.perl" "$L_SLICE" "$SLICE" - \
		perl "$MOSES" -q -b -no-escape -l en && MOSES_MBS=$LAST_MBS
else
	warn "Moses tokenizer.perl not found (set MOSES_TOKENIZER); skipping its row"
	MOSES=
fi

# --- tag ---------------------------------------------------------------------

# tag reads CoNLL-U: the whole corpus through tokenize, measured in MB of
# CoNLL-U in (the issue's unit), beside cat on the same file.  With
# python3 the corpus goes in one article a line (tokenize --doc-per-line,
# the articles found by rules/summarize/build-idf.py --doc-per-line), so
# that the same file, tagged once more, gives summarize one document per
# article; tag's speed does not depend on where documents end.
TAGB=
DOCS=
if [[ -x $TAG && -n $TOK ]]; then
	TAGB=$TAG
	printf 'bench: tokenizing the corpus for tag\n' >&2
	if command -v python3 >/dev/null 2>&1 &&
		python3 rules/summarize/build-idf.py --doc-per-line "$CORPUS" >"$TMP/docs.txt"; then
		DOCS=$TMP/docs.txt
		"$TOK" --doc-per-line <"$DOCS" >"$TMP/corpus.conllu"
	else
		warn "no python3 to find the articles: tag gets the corpus as one document, summarize is skipped"
		"$TOK" <"$CORPUS" >"$TMP/corpus.conllu"
	fi
	if (($? == 0)); then
		L_CONLLU="ant-news CoNLL-U $(mb "$(fsize "$TMP/corpus.conllu")")"
		measure "cat" "$L_CONLLU" "$TMP/corpus.conllu" - cat
		measure "tag" "$L_CONLLU" "$TMP/corpus.conllu" "$T_TAG_MBS/$T_TAG_RSS_MB" "$TAG" || FAILED=1
		if [[ -n $DOCS && -x $SUMMARIZE ]]; then
			printf 'bench: tagging the corpus for summarize\n' >&2
			"$TAG" <"$TMP/corpus.conllu" >"$TMP/tagged.conllu" || { rm -f "$TMP/tagged.conllu"; FAILED=1; }
		fi
		rm -f "$TMP/corpus.conllu"
	else
		FAILED=1
	fi
else
	warn "$TAG not found or no tokenize; skipping the tag rows"
fi

# --- summarize -------------------------------------------------------------------

# summarize holds one document at a time: its input is the tagged corpus,
# one article a document (33,628 of them); MB/s of tagged CoNLL-U in, and
# peak RSS against T_SUMM_RSS_MB plus the largest document's CoNLL-U.
SUMMB='' SUMM_NOTE='' OTS_MBS='' NASS_FILES_MBS='' NASS_STREAM_MBS='' OTS_RATIO='' OTS_N=0
if [[ ! -x $SUMMARIZE ]]; then
	warn "$SUMMARIZE not found or not executable; skipping the summarize rows"
	SUMM_NOTE="$SUMMARIZE: NOT FOUND, rows skipped"
elif [[ ! -s $TMP/tagged.conllu ]]; then
	warn "no tagged corpus (needs tokenize, tag and python3); skipping the summarize rows"
	SUMM_NOTE="$SUMMARIZE: no tagged corpus, rows skipped"
else
	SUMMB=$SUMMARIZE SUMM_NOTE=$SUMMARIZE
	L_TAGGED="ant-news tagged $(mb "$(fsize "$TMP/tagged.conllu")")"
	# The largest document, in bytes of CoNLL-U, and the count.
	read -r BIG NDOCS < <(LC_ALL=C awk '/^# newdoc/ { if (n > max) max = n; n = 0; d++ }
		{ n += length($0) + 1 } END { if (n > max) max = n; print max, d }' "$TMP/tagged.conllu")
	T_SUMM_RSS=$(awk -v b="$BIG" -v t="$T_SUMM_RSS_MB" 'BEGIN { printf "%d", t + int(b / 1048576 + 0.999) }')
	L_BIG="$NDOCS documents, the largest $(mb "$BIG") of CoNLL-U"
	measure "cat" "$L_TAGGED" "$TMP/tagged.conllu" - cat
	measure "summarize -n 3" "$L_TAGGED" "$TMP/tagged.conllu" "$T_SUMM_MBS/$T_SUMM_RSS" "$SUMMARIZE" -n 3 || FAILED=1
	measure "summarize -n 3 -k 10 -e -f json" "$L_TAGGED" "$TMP/tagged.conllu" - \
		"$SUMMARIZE" -n 3 -k 10 -e -f json || FAILED=1
	rm -f "$TMP/tagged.conllu"

	# OTS summarizes one text: on a big one it is worse than linear (1, 2
	# and 4 MB took 17, 89 and 272 s here), so it is run as it is used,
	# once per article, on the first OTS_ARTICLES articles, with the ratio
	# that gives ~3 sentences of an average article.  nass does the same
	# job on the same files (tokenize | tag | summarize per file) and as a
	# stream (the same articles in one run, one a line).
	head -n "$OTS_ARTICLES" "$DOCS" >"$TMP/ots-slice.txt"
	mkdir -p "$TMP/ots"
	awk -v d="$TMP/ots" '{ f = sprintf("%s/%05d.txt", d, NR); print > f; close(f) }' "$TMP/ots-slice.txt"
	OTS_N=$(ls "$TMP/ots" | wc -l | tr -d ' ')
	L_OTS="$OTS_N articles, $(mb "$(fsize "$TMP/ots-slice.txt")")"
	sents=$("$TOK" --doc-per-line <"$TMP/ots-slice.txt" | grep -c '^# sent_id')
	OTS_RATIO=$(awk -v s="$sents" -v n="$OTS_N" 'BEGIN { r = int(300 * n / s + 0.5); print (r < 1 ? 1 : r) }')
	# shellcheck disable=SC2016 # the loops run in bash -c with $1..$3
	if measure "tokenize|tag|summarize, per article" "$L_OTS" "$TMP/ots-slice.txt" - bash -c \
		'for f in "$1"/*.txt; do "$2" "$f" | "$3" | "$4" -n 3 || exit 1; done' - \
		"$TMP/ots" "$TOK" "$TAG" "$SUMMARIZE"; then
		NASS_FILES_MBS=$LAST_MBS
	else
		FAILED=1
	fi
	# shellcheck disable=SC2016
	if measure "tokenize|tag|summarize, one stream" "$L_OTS" "$TMP/ots-slice.txt" - bash -c \
		'"$1" --doc-per-line | "$2" | "$3" -n 3' - "$TOK" "$TAG" "$SUMMARIZE"; then
		NASS_STREAM_MBS=$LAST_MBS
	else
		FAILED=1
	fi
	if command -v ots >/dev/null 2>&1; then
		# shellcheck disable=SC2016
		measure "peer: ots -r $OTS_RATIO per article" "$L_OTS" "$TMP/ots-slice.txt" - bash -c \
			'for f in "$1"/*.txt; do ots -r "$2" "$f" || exit 1; done' - "$TMP/ots" "$OTS_RATIO" &&
			OTS_MBS=$LAST_MBS
	else
		warn "ots not installed (Debian: ots); skipping its row"
	fi
	rm -rf "$TMP/ots" "$TMP/ots-slice.txt"
fi
rm -f "$TMP/docs.txt" "$TMP/tagged.conllu"

# --- Start-up ----------------------------------------------------------------

# startup_ms CMD: "MEAN STDDEV" in ms of CMD </dev/null >/dev/null.
startup_ms() {
	if command -v hyperfine >/dev/null 2>&1; then
		local q=() a shell=(-N)
		for a in "$@"; do q+=("$(printf '%q' "$a")"); done
		# -N (no shell, stdin from /dev/null) came in hyperfine 1.13;
		# older ones go through a shell and subtract its start-up.
		hyperfine --help 2>/dev/null | grep -q -- '--shell=none' || { shell=(); q+=('</dev/null'); }
		hyperfine "${shell[@]}" --warmup 20 --runs "$STARTUP_RUNS" --style none \
			--export-json "$TMP/startup.json" "${q[*]}" >/dev/null 2>"$TMP/err" || return 1
		# The first "mean" and "stddev" are the run's (in seconds).
		tr -d ' \n' <"$TMP/startup.json" | awk '{
			match($0, /"mean":[0-9.eE+-]+/); m = substr($0, RSTART + 7, RLENGTH - 7)
			match($0, /"stddev":[0-9.eE+-]+/); s = substr($0, RSTART + 9, RLENGTH - 9)
			printf "%.2f %.2f hyperfine\n", m * 1000, s * 1000 }'
	else
		local i t0 t1
		for ((i = 0; i < 20; i++)); do "$@" </dev/null >/dev/null 2>&1 || return 1; done
		t0=$(now_us)
		for ((i = 0; i < STARTUP_RUNS; i++)); do "$@" </dev/null >/dev/null 2>&1 || return 1; done
		t1=$(now_us)
		awk -v u=$((t1 - t0)) -v n="$STARTUP_RUNS" 'BEGIN { printf "%.2f - bash-loop\n", u / n / 1000 }'
	fi
}

printf 'bench: start-up, %d runs\n' "$STARTUP_RUNS" >&2
S_NORM=$(startup_ms "$NORM") || { S_NORM="FAILED"; FAILED=1; }
S_TOK='' S_TOK_SPLIT=''
if [[ -n $TOK ]]; then
	S_TOK=$(startup_ms "$TOK") || { S_TOK="FAILED"; FAILED=1; }
	S_TOK_SPLIT=$(startup_ms "$TOK" --split-clitics) || { S_TOK_SPLIT="FAILED"; FAILED=1; }
fi
S_TAG=''
if [[ -n $TAGB ]]; then
	S_TAG=$(startup_ms "$TAGB") || { S_TAG="FAILED"; FAILED=1; }
fi
S_SUMM=''
if [[ -n $SUMMB ]]; then
	S_SUMM=$(startup_ms "$SUMMB") || { S_SUMM="FAILED"; FAILED=1; }
fi
S_CAT=$(startup_ms cat) || S_CAT="FAILED"

# --- Report --------------------------------------------------------------------

rule() { printf '%s\n' "--------------------------------------------------------------------------------------------------------------"; }
say
say "nass benchmark  $(date '+%Y-%m-%d %H:%M')  $(uname -srm)"
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
say "cpu:       ${cpu_model:-unknown}; pinned: $NASS_BENCH_PINNED"
say "normalize: $NORM_NOTE"
say "tokenize:  $TOK_NOTE"
say "tag:       ${TAGB:-not run}"
say "summarize: ${SUMM_NOTE:-not run}${SUMMB:+; input $L_BIG}"
say "method:    wall time of CMD <input >/dev/null, best of $RUNS; MB = 10^6 bytes; RSS from $([[ -n $MAXRSS ]] && echo maxrss || echo -), MB = 2^20 bytes"
say "peers:     run on the first $SLICE_MB MB of the corpus (cut at a line end), as they are slow;"
say "           ucto on the first $UCTO_MB MB only (BENCH_UCTO_MB), as it is slower still"
rule
printf '%-38s %-24s %10s %10s  %s\n' "name" "input" "MB/s" "RSS MB" "target (not asserted)"
rule
for i in "${!R_NAME[@]}"; do
	printf '%-38s %-24s %10s %10s  %s\n' "${R_NAME[$i]}" "${R_INPUT[$i]}" "${R_MBS[$i]}" "${R_RSS[$i]}" "${R_TARGET[$i]}"
done
rule
fmt_startup() {
	local mean sd how
	if [[ $2 == FAILED ]]; then printf '%-38s %s\n' "$1" "FAILED"; return; fi
	read -r mean sd how <<<"$2"
	if [[ $sd == - ]]; then sd=""; else sd=" +- $sd ms"; fi
	printf '%-38s %-24s %10s %10s  %s\n' "$1" "/dev/null, $STARTUP_RUNS runs" "$mean ms" "" "${3}(${how}${sd})"
}
# startup_row NAME RESULT [TARGET-MS]: with the start-up target.
startup_row() {
	local t=${3:-$T_STARTUP_MS}
	if [[ $2 == FAILED ]]; then
		fmt_startup "$1" FAILED
	else
		local mark
		mark=$(awk -v m="${2%% *}" -v t="$t" 'BEGIN { print (m <= t ? "ok" : "MISSED") }')
		fmt_startup "$1" "$2" "<=$t ms $mark "
	fi
}
startup_row "start-up: normalize" "$S_NORM"
if [[ -n $TOK ]]; then
	startup_row "start-up: tokenize" "$S_TOK"
	startup_row "start-up: tokenize --split-clitics" "$S_TOK_SPLIT"
fi
if [[ -n $TAGB ]]; then
	startup_row "start-up: tag (all default lexicons)" "$S_TAG" "$T_TAG_STARTUP_MS"
fi
if [[ -n $SUMMB ]]; then
	startup_row "start-up: summarize" "$S_SUMM"
fi
fmt_startup "start-up: cat (process spawn floor)" "$S_CAT" ""
rule
if [[ -n $NORM_SLICE_MBS && -n $BEST_PEER_MBS ]]; then
	awk -v n="$NORM_SLICE_MBS" -v p="$BEST_PEER_MBS" -v who="${BEST_PEER#peer: }" 'BEGIN {
		printf "normalize -p search vs best peer (%s), same slice: %.1f vs %.1f MB/s = %.1fx\n", who, n, p, n / p }'
else
	say "normalize -p search vs best peer: n/a (normalize failed, or no peer ran)"
fi
# tok_vs PEER MINE THEIRS WHY: the "tokenize vs PEER" line, or WHY not.
tok_vs() {
	if [[ -n $2 && -n $3 ]]; then
		awk -v w="$1" -v n="$2" -v p="$3" 'BEGIN {
			printf "tokenize vs %s: %.1f vs %.1f MB/s = %.1fx\n", w, n, p, n / p }'
	else
		say "tokenize vs $1: n/a ($4)"
	fi
}
if [[ -n $TOK ]]; then
	why="ucto or tokenize failed"
	command -v ucto >/dev/null 2>&1 || why="ucto not installed"
	tok_vs "ucto -L generic, same $UCTO_MB MB slice" "$TOK_USLICE_MBS" "$UCTO_MBS" "$why"
	why="tokenizer.perl or tokenize failed"
	[[ -n $MOSES ]] || why="Moses tokenizer.perl not found; set MOSES_TOKENIZER"
	tok_vs "Moses tokenizer.perl, same $SLICE_MB MB slice" "$TOK_SLICE_MBS" "$MOSES_MBS" "$why"
else
	say "tokenize vs peers: n/a (no tokenize)"
fi

say "tag vs UDPipe 1's tagger: not packaged with a model here; the issue measured it at 0.6 MB/s"
if [[ -n $SUMMB ]]; then
	if [[ -n $OTS_MBS && -n $NASS_FILES_MBS ]]; then
		awk -v n="$NASS_FILES_MBS" -v s="$NASS_STREAM_MBS" -v p="$OTS_MBS" -v a="$OTS_N" -v r="$OTS_RATIO" 'BEGIN {
			printf "tokenize | tag | summarize vs ots -r %d, same %d articles, a process per article: %.1f vs %.1f MB/s of text = %.1fx", r, a, n, p, n / p
			if (s != "") printf " (as one stream: %.1f MB/s = %.1fx)", s, s / p
			printf "\n" }'
	else
		why="ots or the pipeline failed"
		command -v ots >/dev/null 2>&1 || why="ots not installed"
		say "summarize vs ots: n/a ($why)"
	fi
fi

exit "$FAILED"
