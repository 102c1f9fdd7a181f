#!/bin/sh
# eval-lead.sh - tests/eval/lead.py (the Lead-N baseline on our sentences)
# counts in summarize's units: a sentence run into the next with no space
# is one unit with it unless a # newpar comes between (--no-join: each
# sentence alone), and a sentence without # text is written from its
# tokens, a range line standing for its words.  The input is the summarize
# golden inputs/glued.conllu (its README works out the units by hand).
root=$(cd "$(dirname "$0")/../.." && pwd)
in=$root/tests/golden/summarize/inputs/glued.conllu
if ! command -v python3 > /dev/null 2>&1; then
	echo "no python3"
	exit 77
fi
fail=0
check() { # NAME EXPECTED ARGS...
	name=$1 want=$2
	shift 2
	got=$(python3 "$root/tests/eval/lead.py" "$@" "$in") || { echo "FAIL: $name: lead.py exited $?"; fail=1; return; }
	if [ "$got" != "$want" ]; then
		printf 'FAIL: %s\n  want: %s\n  got:  %s\n' "$name" "$want" "$got"
		fail=1
	fi
}
check "-n 2 (joined)" "افتتحت وزارة النقل الطريق الجديد.وقال الوزير إن العمل استغرق عامين.
وسيخدم الطريق آلاف السكان." -n 2
check "-n 2 --no-join" "افتتحت وزارة النقل الطريق الجديد.
وقال الوزير إن العمل استغرق عامين." -n 2 --no-join
# the third sentence is glued too, but # newpar keeps the fourth apart
check "-n 5 (three units)" "افتتحت وزارة النقل الطريق الجديد.وقال الوزير إن العمل استغرق عامين.
وسيخدم الطريق آلاف السكان.
وتبلغ كلفة المشروع مليون دينار." -n 5
exit $fail
