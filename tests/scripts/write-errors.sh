#!/bin/sh
# write-errors.sh - a real write error (output to /dev/full) is reported and
# gives status 1 (DESIGN.md section 4): normalize must check fwrite, fflush
# and fclose.  Covers the error on a later buffer (cli_write), on the final
# flush (cli_finish), with -u (flush per line), with -o, and --dump-rules
# and --list-steps.  Env: BIN, TMP.
if [ ! -c /dev/full ]; then
	echo "no /dev/full on this system"
	exit 77
fi
n=$BIN/normalize
err=$TMP/write-errors.err
want='normalize: write error: No space left on device'
fails=0

# check NAME STATUS: status must be 1 and stderr exactly the one message.
check() {
	if [ "$2" -ne 1 ]; then
		echo "FAIL: $1: status $2, expected 1"
		fails=$((fails + 1))
	elif [ "$(cat "$err")" != "$want" ]; then
		echo "FAIL: $1: stderr is not '$want':"
		sed 's/^/  /' "$err" | head -5
		fails=$((fails + 1))
	fi
}

# A few bytes: nothing fails before the flush at exit.
printf 'نص عربي\n' | "$n" > /dev/full 2> "$err"
check "small input, final flush" $?

# About 1.4 MB of output: fwrite fails long before the end.
yes 'نص عربي' | head -n 100000 | "$n" > /dev/full 2> "$err"
check "large input, fwrite" $?

# -u flushes after every line.
printf 'سطر أول\nسطر ثان\n' | "$n" -u > /dev/full 2> "$err"
check "-u" $?

# -o opens the output itself.
printf 'نص عربي\n' | "$n" -o /dev/full 2> "$err"
check "-o /dev/full" $?

"$n" --dump-rules < /dev/null > /dev/full 2> "$err"
check "--dump-rules" $?

"$n" --list-steps < /dev/null > /dev/full 2> "$err"
check "--list-steps" $?

# --help and --version write too.
"$n" --help > /dev/full 2> "$err"
check "--help" $?

"$n" --version > /dev/full 2> "$err"
check "--version" $?

[ $fails -eq 0 ]
