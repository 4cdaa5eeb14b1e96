#!/bin/sh
# run-rewrite.sh — rewriting a file in place keeps what it was
# (rubricc fmt --write, through common/output_file.h's in-place mode):
# the mode, the owner and group (as root), a symbolic link (the file it
# names is formatted, the link stays), no temporary file; a read-only
# file and a file with other hard links are refused with a message, exit
# 1, and left as they were.
# Run from the repository root. Usage: run-rewrite.sh RUBRICC WORK-DIR
set -u
rubricc="${1:?usage: run-rewrite.sh RUBRICC WORK-DIR}"
work="${2:?usage}"
rm -rf "$work"
mkdir -p "$work"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# A rubric that is not formatted (the spaces after "title:"), and the
# same formatted.
unformatted() {
    printf 'rubric: rewrite\ntitle:    Rewrite\nauthority: The tests\nversion: 1\n\nscale:\n  G: Good\n  R: Requires improvement\n\nsection 1: Practice\n  criterion seen: The child is seen\n    G: Seen.\n    R: Not seen.\n' > "$1"
}
unformatted "$work/reference.rubric"
"$rubricc" fmt "$work/reference.rubric" > "$work/formatted.rubric"
if ! cmp -s "$work/reference.rubric" "$work/formatted.rubric"; then pass; else fail "the sample is formatted already"; fi

# expect_formatted FILE LABEL / expect_unformatted FILE LABEL
expect_formatted() {
    if cmp -s "$1" "$work/formatted.rubric"; then pass; else fail "$2: $1 was not formatted"; fi
}
expect_unformatted() {
    if cmp -s "$1" "$work/reference.rubric"; then pass; else fail "$2: $1 was changed"; fi
}
expect() {   # expect WHAT-STAT WANTED FILE LABEL
    got=$(stat -c "$1" "$3")
    if [ "$got" = "$2" ]; then pass; else fail "$4: $1 of $3 is $got, not $2"; fi
}
no_temporary() {
    if [ -z "$(ls -A "$work/case" | grep '^\.')" ]; then pass; else fail "$1: a temporary file was left"; fi
}
fresh() { rm -rf "$work/case"; mkdir "$work/case"; unformatted "$work/case/$1"; }

# the mode is kept
for mode in 600 640 755; do
    fresh a.rubric
    chmod $mode "$work/case/a.rubric"
    "$rubricc" fmt --write "$work/case/a.rubric" 2> "$work/err"; status=$?
    [ $status -eq 0 ] && pass || fail "mode $mode: exit $status"
    expect_formatted "$work/case/a.rubric" "mode $mode"
    expect %a $mode "$work/case/a.rubric" "mode $mode"
    no_temporary "mode $mode"
done

# the owner and group are kept (only root may give a file away)
if [ "$(id -u)" -eq 0 ]; then
    fresh a.rubric
    chown 65534:65534 "$work/case/a.rubric"
    "$rubricc" fmt --write "$work/case/a.rubric"
    expect_formatted "$work/case/a.rubric" "owner"
    expect %u:%g 65534:65534 "$work/case/a.rubric" "owner"
fi

# a symbolic link: the file it names is formatted, the link stays a link
fresh a.rubric
mkdir "$work/case/elsewhere"
mv "$work/case/a.rubric" "$work/case/elsewhere/a.rubric"
ln -s elsewhere/a.rubric "$work/case/link.rubric"
"$rubricc" fmt --write "$work/case/link.rubric"; status=$?
[ $status -eq 0 ] && pass || fail "symbolic link: exit $status"
if [ -L "$work/case/link.rubric" ] && [ "$(readlink "$work/case/link.rubric")" = elsewhere/a.rubric ]; then pass; else
    fail "symbolic link: the link was replaced"; fi
expect_formatted "$work/case/elsewhere/a.rubric" "symbolic link"
no_temporary "symbolic link"

# a read-only file: refused, left as it was (even for root)
fresh a.rubric
chmod 444 "$work/case/a.rubric"
"$rubricc" fmt --write "$work/case/a.rubric" 2> "$work/err"; status=$?
[ $status -eq 1 ] && pass || fail "read-only: exit $status, expected 1"
grep -q "is read-only; it is left as it is" "$work/err" && pass || fail "read-only: message: $(cat "$work/err")"
expect_unformatted "$work/case/a.rubric" "read-only"
expect %a 444 "$work/case/a.rubric" "read-only"
no_temporary "read-only"
# the same through a symbolic link
ln -s a.rubric "$work/case/link.rubric"
"$rubricc" fmt --write "$work/case/link.rubric" 2> "$work/err"; status=$?
[ $status -eq 1 ] && pass || fail "read-only through a link: exit $status, expected 1"
expect_unformatted "$work/case/a.rubric" "read-only through a link"

# hard links: refused, every name left as it was, the link kept
fresh a.rubric
ln "$work/case/a.rubric" "$work/case/b.rubric"
"$rubricc" fmt --write "$work/case/b.rubric" 2> "$work/err"; status=$?
[ $status -eq 1 ] && pass || fail "hard link: exit $status, expected 1"
grep -q "has 1 other hard link" "$work/err" && pass || fail "hard link: message: $(cat "$work/err")"
expect_unformatted "$work/case/a.rubric" "hard link"
expect_unformatted "$work/case/b.rubric" "hard link"
expect %h 2 "$work/case/a.rubric" "hard link"
no_temporary "hard link"

# several files: the refused one does not stop the others
fresh a.rubric
unformatted "$work/case/b.rubric"
chmod 444 "$work/case/b.rubric"
unformatted "$work/case/c.rubric"
"$rubricc" fmt --write "$work/case/a.rubric" "$work/case/b.rubric" "$work/case/c.rubric" 2> /dev/null; status=$?
[ $status -eq 1 ] && pass || fail "three files: exit $status, expected 1"
expect_formatted "$work/case/a.rubric" "three files"
expect_unformatted "$work/case/b.rubric" "three files"
expect_formatted "$work/case/c.rubric" "three files"

echo "rewrite in place: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
