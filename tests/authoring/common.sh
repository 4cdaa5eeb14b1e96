# common.sh — what the authoring tools' test scripts share, sourced by each
# after setting $work: a clean scratch folder, the pass and fail counts,
# and ok/fail to report a case.
passed=0
failed=0
rm -rf "$work"
mkdir -p "$work"

# Usage: ok NAME — a case that passed.
ok() { passed=$((passed + 1)); echo "ok: $1"; }
# Usage: fail NAME — a case that failed, and why.
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
# Usage: expect_status NAME WANTED GOT
expect_status() {
    if [ "$3" -eq "$2" ]; then ok "$1"; else fail "$1: exit $3, expected $2"; fi
}
# Usage: golden NAME WANTED STATUS GOT EXPECTED — a case's exit status and
# output file against its expected file; with update=--update, the output
# becomes the expected file first (to be reviewed as a diff).
golden() {
    if [ "${update:-}" = --update ]; then cp "$4" "$5"; fi
    if [ "$3" -eq "$2" ] && cmp -s "$4" "$5"; then
        ok "$1: exit $2 and the expected output"
    else
        fail "$1: exit $3, expected $2"
        diff -u "$5" "$4" | head -30
    fi
}
