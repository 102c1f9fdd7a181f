#!/bin/sh
# summarize-io.sh - summarize's output errors, as DESIGN.md section 4 asks
# of every tool: a write error (/dev/full) is reported once with status 1,
# also with -u and on a large output; a closed pipe (| head -1) ends it
# quietly with SIGPIPE's status 141.  The input is the huge-document
# script's kind of CoNLL-U, made here.  Env: BIN, TMP.
if [ ! -c /dev/full ]; then
	echo "no /dev/full on this system"
	exit 77
fi
s=$BIN/summarize
in=$TMP/summarize-io.conllu
err=$TMP/summarize-io.err
want='summarize: write error: No space left on device'
fails=0
awk 'BEGIN {
	for (d = 1; d <= 3000; d++) {
		printf "# newdoc id = d%d\n# text = وصل الوفد %d إلى المدينة.\n", d, d
		printf "1\tوصل\t_\t_\t_\t_\t_\t_\t_\t_\n2\tالوفد\t_\t_\t_\t_\t_\t_\t_\t_\n"
		printf "3\t%d\t_\t_\t_\t_\t_\t_\t_\t_\n4\tإلى\t_\t_\t_\t_\t_\t_\t_\t_\n", d
		printf "5\tالمدينة\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	}
}' > "$in" || exit 1

check() {
	if [ "$2" -ne 1 ] || [ "$(cat "$err")" != "$want" ]; then
		echo "FAIL: $1: status $2, stderr:"
		sed 's/^/  /' "$err" | head -5
		fails=$((fails + 1))
	fi
}
head -9 "$in" | "$s" > /dev/full 2> "$err"
check "one document, final flush" $?
"$s" -f json -k 3 -e "$in" > /dev/full 2> "$err"
check "3000 documents, json" $?
head -9 "$in" | "$s" -u > /dev/full 2> "$err"
check "-u" $?

# A closed pipe: status 141 (SIGPIPE), nothing on stderr.
( "$s" -f json "$in" 2> "$err"; echo $? > "$TMP/summarize-io.st" ) | head -1 > /dev/null
st=$(cat "$TMP/summarize-io.st")
if [ "$st" -ne 141 ] || [ -s "$err" ]; then
	echo "FAIL: | head -1: status $st, stderr:"
	sed 's/^/  /' "$err" | head -5
	fails=$((fails + 1))
fi
rm -f "$in" "$err" "$TMP/summarize-io.st"
[ $fails -eq 0 ]
