#!/bin/sh
# run.sh — the register's tests (rubric-grade --register, runtime/cli/register.c):
# idempotence (the same records imported again add nothing), revisions (an
# amendment is a new revision, the old one kept, and the current one is the
# latest amendment), one import one transaction (a SIGKILL mid-import leaves
# the register as it was, and it still passes integrity_check), two imports
# at once both land (WAL and the busy timeout), the schema's version and its
# refusals (a newer schema, a file that is not a database), and the summary
# made from the register against one made from the files. Every count is
# read back by Debian's sqlite3 shell or Python's sqlite3 module, not by
# rubric-grade.
#
# Usage: run.sh BUILD
set -u
build="${1:?usage: run.sh BUILD}"
grade="$build/rubric-grade"
tiny=tests/runtime/tiny-rubric.json
wf="$build/rubrics/waltham-forest-case-audit-grading-criteria.json"
scratch="$build/tests/register"
rm -rf "$scratch" && mkdir -p "$scratch"
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
# expect NAME WANT GOT
expect() { if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi; }
query() { sqlite3 "$1" "$2"; }

# 1. Idempotence and revisions on the tiny rubric's round.
reg="$scratch/round.db"
"$grade" --quiet --rubric $tiny --register "$reg" -o /dev/null tests/runtime/revisions/round.jsonl
expect "first import: exit status" 1 $?
expect "first import: audits" 3 "$(query "$reg" 'SELECT count(*) FROM audits')"
expect "first import: revisions (V-1's original and two amendments, V-2 once, V-5)" 5 \
    "$(query "$reg" 'SELECT count(*) FROM revisions')"
expect "first import: V-1's current revision is the latest amendment" "G|Invented Moderator M|2026-04-20T10:31:00Z" \
    "$(query "$reg" "SELECT overall, amended_by, amended_at FROM current_audits WHERE case_ref = 'V-1'")"
before=$(query "$reg" 'SELECT count(*), total(content_hash) FROM revisions')
"$grade" --quiet --rubric $tiny --register "$reg" -o /dev/null tests/runtime/revisions/round.jsonl
expect "the same file again adds nothing" "$before" "$(query "$reg" 'SELECT count(*), total(content_hash) FROM revisions')"
expect "the second import is recorded, with nothing added" "0|0|6" \
    "$(query "$reg" 'SELECT records_added, revisions_added, records_unchanged FROM imports WHERE id = 2')"
"$grade" --rubric $tiny --register "$reg" -o /dev/null tests/runtime/revisions/round-again.csv 2> "$scratch/err"
expect "an amendment in another file: a new revision" "rubric-grade: register $reg: 0 records added, 1 new revision, 2 already there" \
    "$(grep '^rubric-grade: register' "$scratch/err")"
expect "the old revision is kept" "1|O|2|G|Invented Moderator M" \
    "$(query "$reg" "SELECT group_concat(x, '|') FROM (SELECT r.revision || '|' || r.overall || coalesce('|' || r.amended_by, '') AS x FROM revisions r JOIN audits a ON a.id = r.audit_id WHERE a.case_ref = 'V-5' ORDER BY r.revision)")"
expect "current revisions" "V-1|2|G
V-2|1|G
V-5|2|G" "$(query "$reg" 'SELECT case_ref, revision, overall FROM current_audits ORDER BY case_ref')"

# 2. The summary from the register is the summary of the files.
"$grade" --quiet --rubric $tiny --summary tests/runtime/revisions/round.jsonl tests/runtime/revisions/round-again.csv \
    > "$scratch/from-files.json"
"$grade" --quiet --rubric $tiny --register "$reg" --summary > "$scratch/from-register.json"
# the failed records are not in the register: compare the graded totals
python3 - "$scratch/from-files.json" "$scratch/from-register.json" <<'PY' && pass || fail "summary from the register"
import json, sys
files, reg = (json.load(open(p))["summary"] for p in sys.argv[1:3])
for key in ("records", "errors"):
    files.pop(key); reg.pop(key)
assert files == reg, (files, reg)
PY

# 2b. "Not graded" is an outcome of its own: stored as "not graded", never
# NA nor NULL (missing), and the summary from the register counts it apart.
ng_rubric=tests/runtime/rules/not-graded.json   # compiled from its .rubric, kept equal by check-runtime-rules-golden
ng="$scratch/not-graded.db"
"$grade" --quiet --rubric "$ng_rubric" --register "$ng" -o /dev/null tests/runtime/rules/not-graded-audits.jsonl
expect "not graded: the overall stored as its own outcome" "NG-1|G
NG-2|I
NG-3|G
NG-4|not graded" "$(query "$ng" 'SELECT case_ref, overall FROM current_audits ORDER BY case_ref')"
expect "not graded: the sections stored as their own outcome" "NG-2|section-a|not graded
NG-3|section-b|not graded
NG-4|section-a|not graded
NG-4|section-b|not graded" \
    "$(query "$ng" "SELECT case_ref, item, grade FROM current_grades WHERE kind = 'section' AND grade = 'not graded' ORDER BY 1, 2")"
"$grade" --quiet --rubric "$ng_rubric" --register "$ng" --summary > "$scratch/not-graded-summary.json"
if cmp -s "$scratch/not-graded-summary.json" tests/runtime/rules/golden/not-graded-summary-jsonl.out; then pass
else fail "not graded: the summary from the register differs from tests/runtime/rules/golden/not-graded-summary-jsonl.out"; fi

# 3. Schema: versioned, refused when newer, a file that is not a register refused.
expect "schema version" 1 "$(query "$reg" 'PRAGMA user_version')"
expect "journal mode" wal "$(query "$reg" 'PRAGMA journal_mode')"
cp "$reg" "$scratch/newer.db"
query "$scratch/newer.db" 'PRAGMA user_version = 7'
"$grade" --quiet --rubric $tiny --register "$scratch/newer.db" -o /dev/null tests/runtime/revisions/round.jsonl 2> "$scratch/err"
expect "newer schema: exit status" 2 $?
expect "newer schema: message" "rubric-grade: register $scratch/newer.db: its schema is version 7, made by a newer rubric-grade (this one knows versions up to 1); use that version" \
    "$(head -1 "$scratch/err")"
printf 'case,auditor\nnot a database\n' > "$scratch/text.csv"
"$grade" --quiet --rubric $tiny --register "$scratch/text.csv" -o /dev/null tests/runtime/revisions/round.jsonl 2> "$scratch/err"
expect "not a database: exit status" 2 $?
expect "not a database: message" "rubric-grade: register $scratch/text.csv: it is not a register (not an SQLite database); give a new file name, or the register made by rubric-grade --register" \
    "$(head -1 "$scratch/err")"
expect "not a database: left as it was" "case,auditor
not a database" "$(cat "$scratch/text.csv")"
"$grade" --quiet --rubric $tiny --register - tests/runtime/revisions/round.jsonl 2> "$scratch/err"
expect "--register -: exit status" 2 $?
# an input that cannot be read: the whole import is rolled back
before=$(query "$reg" 'SELECT count(*) FROM revisions; SELECT count(*) FROM imports')
"$grade" --quiet --rubric $tiny --register "$reg" -o /dev/null tests/register/no-such-file.jsonl tests/runtime/revisions/round.jsonl 2> "$scratch/err"
expect "an unreadable input: exit status" 2 $?
expect "an unreadable input: the register as it was" "$before" \
    "$(query "$reg" 'SELECT count(*) FROM revisions; SELECT count(*) FROM imports')"

# 4. A killed import leaves the register as it was.
python3 tests/one_truth/generate_audits.py "$wf" 20000 --seed 3 -o "$scratch/big.jsonl"
python3 tests/one_truth/generate_audits.py "$wf" 300 --seed 4 -o "$scratch/small.jsonl"
crash="$scratch/crash.db"
"$grade" --quiet --rubric "$wf" --register "$crash" -o /dev/null "$scratch/small.jsonl"
state='SELECT count(*), total(content_hash) FROM revisions; SELECT count(*) FROM imports'
before=$(query "$crash" "$state")
# What the whole import gives, made on a copy: a kill may land after the
# commit (while the program is still closing), and then the register holds
# the whole import; never anything between the two.
cp "$crash" "$scratch/whole.db"
"$grade" --quiet --rubric "$wf" --register "$scratch/whole.db" -o /dev/null "$scratch/big.jsonl"
whole=$(query "$scratch/whole.db" "$state")
killed=0
for delay in 0.3 0.6 1 2; do
    "$grade" --quiet --rubric "$wf" --register "$crash" -o /dev/null "$scratch/big.jsonl" &
    pid=$!
    sleep $delay
    if kill -KILL $pid 2>/dev/null; then
        wait $pid 2>/dev/null
    else
        wait $pid
        break
    fi
    now=$(query "$crash" "$state")
    expect "killed after ${delay}s: integrity" ok "$(query "$crash" 'PRAGMA integrity_check')"
    if [ "$now" = "$before" ]; then
        killed=$((killed + 1))
        pass
    elif [ "$now" = "$whole" ]; then
        pass
        break
    else
        fail "killed after ${delay}s: the register is neither as it was nor the whole import: '$now'"
        break
    fi
done
if [ $killed -gt 0 ]; then pass; else fail "no import was killed mid-way (each ended first)"; fi

# 5. Two imports at once both land.
both="$scratch/both.db"
python3 tests/one_truth/generate_audits.py "$wf" 3000 --seed 6 -o "$scratch/other.jsonl"
"$grade" --quiet --rubric "$wf" --register "$both" -o /dev/null "$scratch/big.jsonl" &
first=$!
"$grade" --quiet --rubric "$wf" --register "$both" -o /dev/null "$scratch/other.jsonl" &
second=$!
wait $first; status_first=$?
wait $second; status_second=$?
expect "two at once: exit statuses" "0 0" "$status_first $status_second"
python3 - "$both" "$scratch/big.jsonl" "$scratch/other.jsonl" <<'PY' && pass || fail "two at once: every record landed"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
keys = set()
for path in sys.argv[2:]:
    for line in open(path):
        r = json.loads(line)
        keys.add((r["case"], r.get("auditor") or "", r.get("date") or "", r.get("role") or ""))
stored = set(db.execute("SELECT case_ref, auditor, audit_date, role FROM audits"))
assert stored == keys, (len(stored), len(keys))
assert db.execute("SELECT count(*) FROM imports").fetchone()[0] == 2
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY

echo "register: $passed passed, $failed failed"
[ $failed -eq 0 ]
