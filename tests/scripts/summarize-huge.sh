#!/bin/sh
# summarize-huge.sh - a 10,000-sentence document (CoNLL-U made here, a
# news-like sentence with a changing number and place) is summarized: -n 3
# gives three lines, the first sentence among them (the lead), and every
# chosen line is a sentence of the input.  The time it takes is measured
# by make bench, never asserted here.
BIN=${BIN:-bin}
TMP=${TMP:-/tmp}
in=$TMP/summarize-huge.conllu
out=$TMP/summarize-huge.out
awk 'BEGIN {
	split("بغداد دمشق القاهرة عمان بيروت الرباط تونس الجزائر", city, " ")
	print "# newdoc id = huge"
	for (i = 1; i <= 10000; i++) {
		c = city[i % 8 + 1]
		printf "# sent_id = huge-%d\n# text = سجلت %s %d إصابة جديدة في يوم واحد.\n", i, c, i
		printf "1\tسجلت\t_\t_\t_\t_\t_\t_\t_\t_\n2\t%s\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC\n", c
		printf "3\t%d\t_\t_\t_\t_\t_\t_\t_\t_\n4\tإصابة\t_\t_\t_\t_\t_\t_\t_\t_\n", i
		printf "5\tجديدة\t_\t_\t_\t_\t_\t_\t_\t_\n6\tفي\t_\t_\t_\t_\t_\t_\t_\t_\n"
		printf "7\tيوم\t_\t_\t_\t_\t_\t_\t_\t_\n8\tواحد\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
		printf "9\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	}
}' > "$in" || exit 1
"$BIN/summarize" -n 3 "$in" > "$out" || { echo "summarize failed"; exit 1; }
[ "$(wc -l < "$out")" -eq 3 ] || { echo "expected 3 lines:"; cat "$out"; exit 1; }
head -1 "$out" | grep -q '^سجلت دمشق 1 إصابة جديدة في يوم واحد\.$' || { echo "the lead is missing:"; cat "$out"; exit 1; }
grep -c '^سجلت [^ ]* [0-9]* إصابة جديدة في يوم واحد\.$' "$out" | grep -q '^3$' || { echo "not input sentences:"; cat "$out"; exit 1; }
"$BIN/summarize" -f tsv -k 3 -e "$in" | grep -q "	entity:LOC	1	1250	" || { echo "entity counts wrong"; exit 1; }
rm -f "$in" "$out"
