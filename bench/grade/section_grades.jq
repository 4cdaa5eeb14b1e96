# section_grades.jq — the grading benchmark's jq baseline: each audit's
# section grades, as a script author might compute them without the
# grading library. A section's grade is the median of its criteria's
# grades in scale order (best first), a tie going to the lower grade; NA
# takes no part, and a section whose grades are all NA is NA. No limits.
#
#   jq -n -c --slurpfile rubric RUBRIC.json -f section_grades.jq AUDITS.jsonl
#
# Writes one line per audit: {"case": …, "sections": {section id: grade}}.
# The lookup tables are built once, before the audits are read (-n and
# inputs), as a careful script author would write it.
# bench/grade/run.sh times it beside rubric-grade and section_grades.py.

$rubric[0] as $document
| ($document.scale | map(.code)) as $codes
| ($codes | to_entries | map({key: .value, value: .key}) | from_entries) as $rank
| [$document.sections[] | {id, criteria: [.criteria[].id]}] as $sections
| inputs
| .grades as $grades
| {case: .case,
   sections: ($sections
              | map({key: .id,
                     value: ([.criteria[] | $grades[.] | select(. != "NA") | $rank[.]]
                             | sort
                             | if length == 0 then "NA" else $codes[.[length / 2 | floor]] end)})
              | from_entries)}
