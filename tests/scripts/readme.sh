#!/bin/sh
# The README's examples do what it says: the `$ ` command in a ``` block
# prints the lines after it, and the YAML rule file loads and works.
set -u
readme=README.md
[ -f "$readme" ] || { echo "no README.md"; exit 77; }
export PATH="$BIN:$PATH"
fail=0

# Each ``` block with a line starting "$ ": run it, compare with the rest.
awk -v dir="$TMP" '
	/^```/ { if (inb) { inb = 0; if (cmd != "") { n++; print cmd > (dir "/readme.cmd." n); close(dir "/readme.cmd." n); printf "%s", out > (dir "/readme.want." n); close(dir "/readme.want." n) } } else { inb = 1; cmd = ""; out = "" } next }
	inb && /^\$ / { cmd = substr($0, 3); next }
	inb && cmd != "" { out = out $0 "\n" }
	END { print n + 0 > (dir "/readme.count") }
' "$readme"
count=$(cat "$TMP/readme.count")
[ "$count" -ge 1 ] || { echo "FAIL: no example commands found"; exit 1; }
i=1
while [ "$i" -le "$count" ]; do
	sh "$TMP/readme.cmd.$i" > "$TMP/readme.got" 2>&1
	if ! cmp -s "$TMP/readme.got" "$TMP/readme.want.$i"; then
		echo "FAIL: README example: $(cat "$TMP/readme.cmd.$i")"
		diff "$TMP/readme.want.$i" "$TMP/readme.got"
		fail=1
	fi
	i=$((i + 1))
done

# The ```yaml block is a rule file: its profile maps گ and removes URLs.
awk '/^```yaml/ { inb = 1; next } /^```/ { inb = 0 } inb' "$readme" > "$TMP/mine.yaml"
got=$(printf 'گمال https://example.com/a?b=1 قال\n' | normalize -r "$TMP/mine.yaml" -p mine)
if [ "$got" != "جمال URL قال" ]; then
	echo "FAIL: README rule file: got '$got'"
	fail=1
fi
# ...and the error shown for a bad code point is the one printed.
sed 's/U+062C/U+06ZZ/' "$TMP/mine.yaml" > "$TMP/mine-bad.yaml"
want=$(sed -n "s/.*\`normalize: mine.yaml:\([0-9]*:[0-9]*: [^\`]*\)\`.*/\1/p" "$readme")
got=$(normalize -r "$TMP/mine-bad.yaml" < /dev/null 2>&1)
if [ "$got" != "normalize: $TMP/mine-bad.yaml:$want" ]; then
	echo "FAIL: README error example: want '$want', got '$got'"
	fail=1
fi
exit $fail
