#!/bin/sh
# run-diff.sh — rubricc diff on editions made by editing the shipped
# rubrics (diff/make-editions.py, at test time): the text report word for
# word (diff/*.expected; paths under the scratch folder shown as WORK),
# --breaking's exit status, the HTML page (well formed, with the word
# changes as <del> and <ins>), OLD given as git:REV, an edition compared
# with itself, and the errors: an edition that does not compile, a bad
# revision, a revision refused before git runs (one starting with '-',
# which git would read as an option, or holding a control character), no
# repository, no git, bad command lines.
# Run from the repository root. Usage: run-diff.sh RUBRICC WORKDIR [--update]
set -u
rubricc="$1"
work="$2"
update="${3:-}"
expected=tests/authoring/diff
london=rubrics/london-borough-case-audit-gradings.rubric
waltham=rubrics/waltham-forest-case-audit-grading-criteria.rubric
. tests/authoring/common.sh


python3 tests/authoring/diff/make-editions.py "$london" "$waltham" "$work/editions" || exit 1

# Usage: report_case NAME STATUS ARGS... — stdout against NAME.expected.
report_case() {
    name="$1"
    wanted="$2"
    shift 2
    "$rubricc" diff "$@" > "$work/$name.raw" 2> "$work/$name.stderr"
    status=$?
    sed "s|$work|WORK|g" "$work/$name.raw" > "$work/$name.out"
    golden "$name" "$wanted" $status "$work/$name.out" "$expected/$name.expected"
}

report_case wording 0 --breaking -I rubrics "$london" "$work/editions/wording.rubric"
report_case breaking 1 --breaking -I rubrics "$london" "$work/editions/breaking.rubric"
report_case rules 1 --breaking -I rubrics "$waltham" "$work/editions/rules.rubric"
report_case plain 0 -I rubrics "$london" "$work/editions/breaking.rubric"
report_case same 0 --breaking "$london" "$london"
# language v2: answer sets, checklists, weights, bands, rounding, conditions
compliance=rubrics/examples/compliance-and-quality.rubric
report_case checklist 1 --breaking "$compliance" "$work/editions/checklist.rubric"
report_case answers 1 --breaking "$compliance" "$work/editions/answers.rubric"
report_case scores 1 --breaking rubrics/examples/scaling-audit.rubric "$work/editions/scores.rubric"
# language v3: a recurring timescale's span and end changed
sed 's/at least every 10 working days from start date to case closed/at least every 15 working days from start date/' \
    tests/runtime/v2/visits.rubric > "$work/editions/timescale.rubric"
report_case timescale 1 --breaking tests/runtime/v2/visits.rubric "$work/editions/timescale.rubric"
# targets: a changed overall target and a section's removed change no grade
sed -e 's/^target: 80% of audits/target: 90% of audits/' -e '/^  target: 70% good or better$/d' \
    "$compliance" > "$work/editions/targets.rubric"
report_case targets 0 --breaking "$compliance" "$work/editions/targets.rubric"
for example in rubrics/examples/*.rubric; do
    report_case "same-$(basename "$example" .rubric)" 0 --breaking "$example" "$example"
done

# The HTML page: well formed, every change listed, words marked.
"$rubricc" diff --html "$work/wording.html" -I rubrics "$london" "$work/editions/wording.rubric" > /dev/null
status=$?
if [ $status -eq 0 ] && python3 - "$work/wording.html" <<'PYTHON'
import sys
from html.parser import HTMLParser
class Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.counts = [], {}
    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in ("meta",):
            self.open.append(tag)
    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-3:])
        self.open.pop()
check = Check()
check.feed(open(sys.argv[1], encoding="utf-8").read())
assert not check.open, check.open
assert check.counts.get("li") == 5, check.counts
assert check.counts.get("del", 0) >= 2 and check.counts.get("ins", 0) >= 4, check.counts
PYTHON
then ok "--html writes a well-formed page with the word changes marked"
else fail "--html (exit $status)"; fi
"$rubricc" diff --format html -I rubrics "$london" "$work/editions/wording.rubric" > "$work/stdout.html"
if cmp -s "$work/stdout.html" "$work/wording.html"; then ok "--format html is the same page"
else fail "--format html"; fi

# OLD as git:REV: a repository holding the shipped rubric, then the edit.
repo="$work/repo"
mkdir -p "$repo/shared"
cp "$london" "$repo/rubric.rubric"
cp rubrics/shared/themes.rubric "$repo/shared/"
(
    cd "$repo" && git init -q . && git add . \
        && git -c user.name=test -c user.email=test@example.invalid commit -qm edition-1
) || fail "git repository for git:REV"
cp "$work/editions/wording.rubric" "$repo/rubric.rubric"
rubricc_path=$(cd "$(dirname "$rubricc")" && pwd)/$(basename "$rubricc")
(cd "$repo" && "$rubricc_path" diff --breaking git:HEAD rubric.rubric) > "$work/git.raw" 2> "$work/git.stderr"
status=$?
grep -v '^---\|^+++' "$work/git.raw" > "$work/git.body"
grep -v '^---\|^+++' "$expected/wording.expected" > "$work/wording.body"
if [ $status -eq 0 ] && cmp -s "$work/git.body" "$work/wording.body" \
    && head -n 1 "$work/git.raw" | grep -q '^--- git:HEAD$'; then
    ok "OLD given as git:HEAD reports the same changes"
else fail "git:HEAD (exit $status)"; cat "$work/git.stderr"; fi
(cd "$repo" && "$rubricc_path" diff git:no-such-revision rubric.rubric) > /dev/null 2> "$work/badrev.stderr"
status=$?
if [ $status -eq 4 ] && grep -q "git knows no revision 'no-such-revision' in this repository" "$work/badrev.stderr"; then
    ok "a revision git does not know is reported (exit 4, not 1: nothing was compared)"
else fail "a bad revision (exit $status)"; cat "$work/badrev.stderr"; fi
(cd "$repo" && "$rubricc_path" diff git:HEAD not-in-git.rubric) > /dev/null 2> "$work/badpath.stderr"
status=$?
if [ $status -eq 4 ] && grep -q "'git show HEAD:./not-in-git.rubric' failed" "$work/badpath.stderr"; then
    ok "a file git does not hold at the revision is reported"
else fail "a file not in git (exit $status)"; cat "$work/badpath.stderr"; fi

# git:REV is handed to git as a revision, never as an option: one that
# starts with '-' (git:--output=FILE would make git write FILE) or holds a
# control character is bad usage, and git is not run.
(cd "$repo" && "$rubricc_path" diff "git:--output=$work/written-by-git" rubric.rubric) > /dev/null \
    2> "$work/dash.stderr"
status=$?
if [ $status -eq 2 ] && [ ! -e "$work/written-by-git" ] \
    && grep -q "a revision cannot start with '-' (git would read it as an option): git:--output=" "$work/dash.stderr"; then
    ok "git:--output=FILE is refused and git writes nothing"
else fail "git:--output=FILE (exit $status)"; cat "$work/dash.stderr"; fi
(cd "$repo" && "$rubricc_path" diff "$(printf 'git:HEAD\nrubricc: error: forged')" rubric.rubric) > /dev/null \
    2> "$work/control.stderr"
status=$?
if [ $status -eq 2 ] && ! grep -q '^rubricc: error: forged' "$work/control.stderr" \
    && grep -qF 'a revision cannot hold a control character: git:HEAD\nrubricc: error: forged' "$work/control.stderr"; then
    ok "a revision with a newline is refused, shown escaped on one line"
else fail "a revision with a newline (exit $status)"; cat "$work/control.stderr"; fi
"$rubricc" diff git: "$london" > /dev/null 2>&1
[ $? -eq 2 ] && ok "git: without a revision is refused" || fail "git: without a revision: exit status"
# Outside a repository, and without git: said plainly, exit 4.
outside=$(mktemp -d)
cp "$london" "$outside/rubric.rubric"
(cd "$outside" && GIT_CEILING_DIRECTORIES="$outside" "$rubricc_path" diff git:HEAD rubric.rubric) > /dev/null \
    2> "$work/norepo.stderr"
status=$?
if [ $status -eq 4 ] && grep -q "this folder is not in a git repository" "$work/norepo.stderr"; then
    ok "a folder outside any repository is reported (exit 4)"
else fail "outside a repository (exit $status)"; cat "$work/norepo.stderr"; fi
(cd "$repo" && PATH=/nonexistent "$rubricc_path" diff git:HEAD rubric.rubric) > /dev/null 2> "$work/nogit.stderr"
status=$?
if [ $status -eq 4 ] && grep -q "git is not installed (or not on the PATH)" "$work/nogit.stderr"; then
    ok "git missing is reported (exit 4)"
else fail "git missing (exit $status)"; cat "$work/nogit.stderr"; fi
rm -rf "$outside"
"$rubricc" diff "$work/no-such-edition.rubric" "$london" > /dev/null 2>&1
[ $? -eq 4 ] && ok "an edition that cannot be read: exit 4" || fail "an unreadable edition: exit status"

# An edition that does not compile.
"$rubricc" diff "$london" tests/authoring/fmt/broken.rubric > /dev/null 2> "$work/broken.stderr"
status=$?
if [ $status -eq 1 ] && tail -n 1 "$work/broken.stderr" | grep -q "broken.rubric does not compile, so it cannot be compared"; then
    ok "an edition that does not compile is reported"
else fail "an edition that does not compile (exit $status)"; fi

# Bad command lines.
"$rubricc" diff "$london" > /dev/null 2>&1
[ $? -eq 2 ] && ok "one edition is refused" || fail "one edition: exit status"
"$rubricc" diff "$london" "$london" "$london" > /dev/null 2>&1
[ $? -eq 2 ] && ok "three editions are refused" || fail "three editions: exit status"
"$rubricc" diff "$london" git:HEAD > /dev/null 2>&1
[ $? -eq 2 ] && ok "NEW as git:REV is refused" || fail "NEW as git:REV: exit status"
"$rubricc" diff --format pdf "$london" "$london" > /dev/null 2>&1
[ $? -eq 2 ] && ok "an unknown format is refused" || fail "an unknown format: exit status"

echo "diff: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
