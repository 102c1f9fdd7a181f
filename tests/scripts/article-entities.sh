#!/bin/sh
# article-entities.sh - golden test of `tag`'s named entities on the example
# article: `normalize examples/article.txt | tokenize --split-clitics | tag`
# against the hand-made list tests/scripts/article-entities.txt (every PER,
# LOC, ORG, DATE, TIME, MONEY and PERCENT, its words, type and occurrence).
#
# The entities are read from MISC NER=B-X/I-X (an I-X that does not continue
# an X span starts one).  An entry is found when the tagger has a span of
# exactly its words and type.  Prints the list with found/missed, the recall
# per type and the spurious spans (tagged, not in the list: reported only).
# Fails when a REQUIRED entry is missed, when a KNOWN-MISS entry is found
# ("now found: move it to required") or when an entry's words do not occur
# N times in the article (the list needs fixing).
#
# A second pass with -r builtin:tag/institutions.yaml (ministries, companies,
# agencies as ORG heads) only reports its recall, the entries it finds or
# loses against STATUS and its spurious spans; it fails only if tag fails.
# Env: BIN, TMP (BUILD unused).
root=$(cd "$(dirname "$0")/../.." && pwd)
list=$root/tests/scripts/article-entities.txt
out=${TMP:-/tmp}/article-entities.conllu

# tagged MODE [TAG-OPTION...]: run the pipeline, score it.  MODE check fails
# as above; MODE report prints the recall, the changes and the spurious spans.
tagged() {
	mode=$1
	shift
	if ! "$BIN/normalize" "$root/examples/article.txt" |
		"$BIN/tokenize" --split-clitics | "$BIN/tag" "$@" > "$out" ||
		! [ -s "$out" ]; then
		echo "FAIL: the pipeline failed (tag $*)"
		return 1
	fi
	awk -F '\t' -v mode="$mode" '
	FILENAME == ARGV[1] {	# the list: STATUS TYPE N WORDS
		if ($0 ~ /^#/ || $0 == "") next
		n++; st[n] = $1; ty[n] = $2; occ[n] = $3; ws[n] = $4
		next
	}
	/^# sent_id = / { sid = $0; sub(/.*= /, "", sid); nt++; tok[nt] = "\n"; prev = ""; next }
	$1 !~ /^[0-9]+$/ { next }	# comments, ranges, empty nodes
	{
		nt++; tok[nt] = $2; where[nt] = sid ":" $1
		tag = "O"
		if (match($10, /(^|\|)NER=[BI]-[A-Z]+/)) {
			tag = substr($10, RSTART, RLENGTH); sub(/.*NER=/, "", tag)
		}
		t = substr(tag, 3)
		if (tag == "O") prev = ""
		else if (substr(tag, 1, 1) == "I" && prev == t) len[cur]++
		else { cur = nt; len[cur] = 1; type[cur] = t; prev = t }
	}
	END {
		fails = 0
		if (!n) { print "FAIL: no entities in the list"; exit 1 }
		if (mode == "check") print "status      type    n  found  words"
		for (i = 1; i <= n; i++) {
			k = split(ws[i], w, " "); seen = 0; at = 0
			for (p = 1; p + k - 1 <= nt && !at; p++) {
				for (j = 1; j <= k && tok[p + j - 1] == w[j]; j++) ;
				if (j > k && ++seen == occ[i]) at = p
			}
			total[ty[i]]++
			if (!at) {
				if (mode == "check")
					print "FAIL: " ty[i] " \"" ws[i] "\": not " occ[i] " times in the article"
				fails++; continue
			}
			hit = (at in len) && len[at] == k && type[at] == ty[i]
			if (hit) { found[ty[i]]++; used[at] = 1 }
			if (mode == "check")
				printf "%-11s %-7s %2d %-6s %s (%s)\n", st[i], ty[i], occ[i], hit ? "found" : "MISSED", ws[i], where[at]
			if (hit && st[i] == "KNOWN-MISS") {
				print (mode == "check" ? "FAIL: " : "  also found: ") ty[i] " \"" ws[i] "\" (" where[at] ")" (mode == "check" ? " now found: move it to required" : "")
				fails++
			}
			if (!hit && st[i] == "REQUIRED") {
				print (mode == "check" ? "FAIL: " : "  lost: ") "REQUIRED " ty[i] " \"" ws[i] "\" (" where[at] ") is missed"
				fails++
			}
		}
		printf "recall:"
		for (t in total) { all += total[t]; fa += found[t] }
		split("PER LOC ORG DATE TIME MONEY PERCENT", order, " ")
		for (o = 1; o <= 7; o++)
			if ((t = order[o]) in total)
				printf " %s %d/%d (%.0f%%)", t, found[t], total[t], 100 * found[t] / total[t]
		printf ", all %d/%d (%.1f%%)\n", fa, all, 100 * fa / all
		for (p = 1; p <= nt; p++) {
			if (!(p in len) || (p in used)) continue
			s = tok[p]
			for (j = 1; j < len[p]; j++) s = s " " tok[p + j]
			print "spurious: " type[p] " \"" s "\" (" where[p] ")"
		}
		exit mode == "check" && fails > 0
	}' "$list" "$out"
}

echo "== tag (default rules)"
tagged check
st=$?
echo "== tag -r builtin:tag/institutions.yaml (report only)"
tagged report -r builtin:tag/institutions.yaml || st=1
rm -f "$out"
exit $st
