#!/bin/bash
# check.sh - the manual pages (docs/man/) and the bash completion
# (completion/) agree with the programs' own --help, so that the three
# cannot drift apart. Run by `make check-man` (tests/man.mk).
#
#   1. mandoc -Tlint -Wwarning finds nothing in any page;
#   2. every long option a command's --help lists (the --NAME words of its
#      lines that start with white space and a dash) is in that command's
#      part of its manual page (rubricc: OPTIONS; rubricc CMD: the
#      subsection "rubricc CMD" of COMMANDS; rubric-grade: OPTIONS;
#      rubric-grade sample: the subsection of its COMMANDS), and is
#      offered by the completion for that command (the completion function
#      called as bash calls it, on "--");
#   3. every option the completion offers for a command is in that
#      command's --help (anywhere in it: lsp's --stdio is in its usage
#      line), except --help, which every command takes; every --NAME word
#      of a completion script is an option of its program;
#   4. both scripts load in bash without a word on stderr, and
#      "rubricc --em<TAB>" completes to --emit alone;
#   5. the example rubric of rubric.5 compiles and is formatted.
#
# Usage: check.sh BUILD          (BUILD holds rubricc and rubric-grade)
set -u

build=${1:?usage: check.sh BUILD}
rubricc=$build/rubricc
grade=$build/rubric-grade
scratch=$build/tests/man
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1

failures=0
fail() {
    printf 'man: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# ------------------------------------------------------------- 1. lint
pages=(docs/man/*.1 docs/man/*.5)
for page in "${pages[@]}"; do
    lint=$(mandoc -Tlint -Wwarning "$page" 2>&1)
    [ -n "$lint" ] && fail "mandoc -Tlint -Wwarning $page says:
$lint"
done

# ------------------------------------------- helpers for 2 and 3
# The long options of a help text's option lines, one a line, sorted.
help_options() {
    grep -E '^[[:space:]]+-' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# A page as plain text, one line a paragraph line (set wide, so that no
# option is broken at a hyphen), without the overstrikes of bold and
# underline.
render() {
    mandoc -Tascii -O width=1000 "$1" | sed 's/.\x08//g'
}

# The lines of rendered text (stdin) of section $1 (a title at column 0).
section_text() {
    awk -v title="$1" '$0 == title { inside = 1; next } inside && /^[^ ]/ { exit } inside'
}

# The lines of rendered text (stdin) of subsection $1 (indented by 3).
subsection_text() {
    awk -v title="   $1" '$0 == title { inside = 1; next }
                         inside && /^( |  |   )?[^ ]/ { exit }
                         inside'
}

# Whether option $1 stands as a word in stdin.
has_option() {
    grep -qE -- "(^|[^a-z0-9-])$1([^a-z0-9-]|\$)"
}

# The long options the completion offers for "PROGRAM [COMMAND] --".
completion_options() {
    local script=$1 function=$2
    shift 2
    bash -c '
        source "$1" || exit 1
        function=$2
        shift 2
        COMP_WORDS=("$@" --)
        COMP_CWORD=$#
        COMPREPLY=()
        "$function"
        printf "%s\n" "${COMPREPLY[@]}"' check "$script" "$function" "$@" \
        | grep -E -- '^--' | sort -u
}

# check_command LABEL HELP-TEXT PAGE-TEXT COMPLETION-OPTIONS
check_command() {
    local label=$1 help=$2 page=$3 offered=$4 option
    local listed
    listed=$(printf '%s\n' "$help" | help_options)
    [ -n "$page" ] || fail "$label: its part of the manual page is missing"
    for option in $listed; do
        printf '%s\n' "$page" | has_option "$option" ||
            fail "$label --help lists $option; its manual page does not name it"
        printf '%s\n' "$offered" | grep -qx -- "$option" ||
            fail "$label --help lists $option; the completion does not offer it"
    done
    for option in $offered; do
        [ "$option" = --help ] && continue
        printf '%s\n' "$help" | has_option "$option" ||
            fail "the completion offers $option for $label; $label --help does not name it"
    done
    checked=$((checked + $(printf '%s\n' "$listed" | grep -c .)))
}

checked=0
rubricc_page=$(render docs/man/rubricc.1)
grade_page=$(render docs/man/rubric-grade.1)
all_rubricc_help=

# ------------------------------------------------- 2 and 3: rubricc
help=$("$rubricc" --help) || fail "rubricc --help fails"
all_rubricc_help=$help
check_command rubricc "$help" "$(printf '%s\n' "$rubricc_page" | section_text OPTIONS)" \
    "$(completion_options completion/rubric.bash _rubricc rubricc)"
for command in fmt test diff import lsp; do
    help=$("$rubricc" "$command" --help) || fail "rubricc $command --help fails"
    all_rubricc_help="$all_rubricc_help
$help"
    check_command "rubricc $command" "$help" \
        "$(printf '%s\n' "$rubricc_page" | subsection_text "rubricc $command")" \
        "$(completion_options completion/rubric.bash _rubricc rubricc "$command")"
done
[ -n "$(printf '%s\n' "$rubricc_page" | subsection_text "rubricc help")" ] ||
    fail "rubricc.1 has no subsection 'rubricc help'"

# --------------------------------------------- 2 and 3: rubric-grade
help=$("$grade" --help) || fail "rubric-grade --help fails"
all_grade_help=$help
check_command rubric-grade "$help" "$(printf '%s\n' "$grade_page" | section_text OPTIONS)" \
    "$(completion_options completion/rubric.bash _rubric_grade rubric-grade)"
help=$("$grade" sample --help) || fail "rubric-grade sample --help fails"
all_grade_help="$all_grade_help
$help"
check_command "rubric-grade sample" "$help" \
    "$(printf '%s\n' "$grade_page" | subsection_text "rubric-grade sample")" \
    "$(completion_options completion/rubric.bash _rubric_grade rubric-grade sample)"

# Every --NAME word of the completion script ($1) names an option of one
# of the programs, whose helps are $2.
check_script_words() {
    local option
    grep -oE -- '--[a-z][a-z0-9-]*' "$1" | sort -u | while read -r option; do
        [ "$option" = --help ] && continue
        printf '%s\n' "$2" | has_option "$option" ||
            echo "$1 names $option, which no --help of its program lists"
    done
}
while read -r problem; do
    fail "$problem"
done < <(check_script_words completion/rubric.bash "$all_rubricc_help
$all_grade_help")

# ------------------------------------------------------ 4. bash loads
for script in completion/rubric.bash; do
    if ! errors=$(bash -c 'source "$1"' load "$script" 2>&1) || [ -n "$errors" ]; then
        fail "bash -c 'source $script' fails: $errors"
    fi
done
emit=$(bash -c '
    source completion/rubric.bash
    COMP_WORDS=(rubricc --em)
    COMP_CWORD=1
    _rubricc
    printf "%s\n" "${COMPREPLY[@]}"')
[ "$emit" = --emit ] || fail "rubricc --em<TAB> completes to '$emit', not --emit"

# ------------------------------------------ 5. rubric.5's example rubric
sed -n '/^\.Sh EXAMPLES/,/^\.Ed/p' docs/man/rubric.5 | sed '1,/^\.Bd/d;/^\.Ed/d' \
    > "$scratch/example.rubric"
"$rubricc" --check -Werror "$scratch/example.rubric" ||
    fail "the example rubric of rubric.5 does not compile cleanly"
"$rubricc" fmt --check "$scratch/example.rubric" ||
    fail "the example rubric of rubric.5 is not formatted"

if [ "$failures" -gt 0 ]; then
    echo "man: $failures problem(s)" >&2
    exit 1
fi
echo "man: ${#pages[@]} pages lint clean; the $checked options of the helps are in the pages" \
     "and the completion, which offers no other; the completion loads"
