# rubric.bash - bash completion for both programs: rubricc, the rubric
# compiler, with its commands fmt, test, diff, import, lsp and help, and
# rubric-grade, the command-line grader, with its command sample.
#
# Installed by `make install` twice, as
# $(PREFIX)/share/bash-completion/completions/rubricc and .../rubric-grade,
# where the bash-completion package loads it the first time either program
# is completed (loading it again for the other is harmless); or `source
# completion/rubric.bash` by hand. One script, so the helpers both programs
# use are written once. It needs nothing but bash's own `complete` and
# `compgen`. `make check-man` (tests/man/check.sh) checks that the options
# offered for each command are exactly the long options its --help lists.

# _rubric_files EXTENSION...: the folders, and the files ending in one of
# the extensions (any file when none is given), that start with $cur.
_rubric_files()
{
    local word extension words
    compopt -o filenames 2>/dev/null
    mapfile -t words < <(compgen -f -- "$cur")
    for word in "${words[@]}"; do
        # Hidden files only when asked for, as bash's own completion does.
        [[ ${word##*/} == .* && ${cur##*/} != .* ]] && continue
        if [[ -d $word ]]; then
            COMPREPLY+=("$word")
            continue
        fi
        if (($# == 0)); then
            COMPREPLY+=("$word")
            continue
        fi
        for extension in "$@"; do
            if [[ $word == *."$extension" ]]; then
                COMPREPLY+=("$word")
                break
            fi
        done
    done
}

# _rubric_complete_with FUNCTION: the word at COMP_CWORD as $cur and the
# word before as $prev, with a value after '=' taken apart (bash splits the
# word there unless COMP_WORDBREAKS leaves '=' out; then the value follows
# the '='), FUNCTION's answers put back behind the option and its "=".
_rubric_complete_with()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prefix=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi
    "$1"
    ((${#COMPREPLY[@]} > 0)) && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    return 0
}

# _rubric_words WORDS: those of WORDS that start with $cur.
_rubric_words()
{
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# ------------------------------------------------------------ rubricc

# The long options of each command, as its --help lists them (--help too).
_rubricc_options_compile='--emit --output --check --warnings --diagnostics-format
    --diagnostics-output --max-errors --include-directory --allow-include-anywhere
    --max-file-size --max-total-size --max-include-files --grader-module --help --version'
_rubricc_options_fmt='--check --diff --write --include-directory --help'
_rubricc_options_test='--junit --require-coverage --include-directory --help'
_rubricc_options_diff='--breaking --html --format --include-directory --help'
_rubricc_options_import='--output --help'
_rubricc_options_lsp='--stdio --max-message-size --help'

_rubricc_commands='fmt test diff import lsp help'
_rubricc_emit_formats='json c html form csv-template xlsx-template index crosswalk canvas-csv case grid-csv'

# --emit json,c,h<TAB>: the formats not yet in the list, after its commas.
_rubricc_emit_list()
{
    local done_part=
    [[ $cur == *,* ]] && done_part=${cur%,*},
    local last=${cur##*,} format
    for format in $_rubricc_emit_formats; do
        [[ ,$done_part == *,"$format",* ]] && continue
        [[ $format == "$last"* ]] && COMPREPLY+=("$done_part$format")
    done
    compopt -o nospace 2>/dev/null
}

# The value of option $1 of command $2; returns 1 when $1 takes none.
_rubricc_option_value()
{
    case $2:$1 in
        compile:--emit) _rubricc_emit_list ;;
        compile:-o | compile:--output | *:-I | *:--include-directory)
            compopt -o filenames 2>/dev/null
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur") ;;
        compile:-W | compile:--warnings) _rubric_words error ;;
        compile:--diagnostics-format) _rubric_words 'text json sarif github' ;;
        compile:--diagnostics-output) _rubric_files ;;
        compile:--grader-module) _rubric_files wasm ;;
        compile:--max-errors | compile:--max-file-size | compile:--max-total-size \
            | compile:--max-include-files) ;;
        test:--junit) _rubric_files xml ;;
        diff:--html) _rubric_files html ;;
        diff:--format) _rubric_words 'text html' ;;
        import:-o | import:--output) _rubric_files rubric ;;
        lsp:--max-message-size) ;;
        *) return 1 ;;
    esac
    return 0
}

# What may stand at $cur, after $prev, into COMPREPLY.
_rubricc_complete()
{
    local command=compile first=1
    case ${COMP_WORDS[1]} in
        fmt | test | diff | import | lsp | help)
            if ((COMP_CWORD > 1)); then
                command=${COMP_WORDS[1]}
                first=2
            fi ;;
    esac

    if [[ $prev == -* ]] && _rubricc_option_value "$prev" "$command"; then
        return 0
    fi
    if [[ $command == help ]]; then
        ((COMP_CWORD == 2)) && _rubric_words "${_rubricc_commands% help}"
        return 0
    fi
    if [[ $cur == -* ]]; then
        local options=_rubricc_options_$command
        _rubric_words "${!options}"
        [[ $command == compile ]] && _rubric_words '-Werror'
        return 0
    fi
    if ((COMP_CWORD == first)) && [[ $command == compile ]]; then
        _rubric_words "$_rubricc_commands"
    fi
    case $command in
        compile | fmt | diff) _rubric_files rubric ;;
        test)
            # RUBRIC first, then its tests files.
            local i arguments=0
            for ((i = first; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                    --junit | -I | --include-directory) ((i++)) ;;
                    -*) ;;
                    *) ((arguments++)) ;;
                esac
            done
            if ((arguments == 0)); then _rubric_files rubric; else _rubric_files tests; fi ;;
        import) _rubric_files csv ;;
        lsp) ;;
    esac
    return 0
}

_rubricc()
{
    _rubric_complete_with _rubricc_complete
}

complete -F _rubricc rubricc

# ------------------------------------------------------- rubric-grade

# rubric-grade's long options, as its --help lists them.
_rubric_grade_options='--rubric --input-format --format --date-format --holidays --summary --summary-output
    --output --excel --comments --max-record-size --max-rubric-size --report --group-by
    --suppress-below --round --rounds --register --moderate
    --strict --partial --quiet --help --version'

# rubric-grade sample's long options, as its --help lists them.
_rubric_grade_sample_options='--cases --percent --auditors --audited --not-audited-since-months --today
    --seed --output --format --drafts --rubric --quiet --help'

# rubric-grade sample: what may stand at $cur, after $prev.
_rubric_grade_sample_complete()
{
    case $prev in
        --auditors | --audited) _rubric_files csv xlsx jsonl; return ;;
        --rubric) _rubric_files json; return ;;
        -o | --output) _rubric_files csv xlsx; return ;;
        --format) _rubric_words 'csv xlsx'; return ;;
        --drafts) mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur"); return ;;
        --cases | --percent | --not-audited-since-months | --today | --seed) return ;;
    esac
    if [[ $cur == -* ]]; then
        _rubric_words "$_rubric_grade_sample_options"
        return
    fi
    _rubric_files csv xlsx
}

# What may stand at $cur, after $prev, into COMPREPLY.
_rubric_grade_complete()
{
    if ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[1]} == sample ]]; then
        _rubric_grade_sample_complete
        return
    fi
    ((COMP_CWORD == 1)) && [[ $cur != -* ]] && _rubric_words sample
    case $prev in
        --rubric) _rubric_files json; return ;;
        --input-format) _rubric_words 'jsonl csv xlsx'; return ;;
        --format) _rubric_words 'jsonl csv text xlsx'; return ;;
        --date-format) _rubric_words 'yyyy-mm-dd dd/mm/yyyy dd-mm-yyyy dd.mm.yyyy mm/dd/yyyy'; return ;;
        --holidays) _rubric_files txt; return ;;
        --summary-output) _rubric_files json txt csv; return ;;
        -o | --output) _rubric_files; return ;;
        --report) _rubric_files html; return ;;
        --register) _rubric_files db sqlite; return ;;
        --rounds) _rubric_words 'month quarter'; return ;;
        --group-by) _rubric_words 'team social_worker auditor case_type'; return ;;
        --max-record-size | --max-rubric-size | --suppress-below | --round) return ;;
    esac
    if [[ $cur == -* ]]; then
        _rubric_words "$_rubric_grade_options"
        return
    fi
    _rubric_files jsonl json csv
}

_rubric_grade()
{
    _rubric_complete_with _rubric_grade_complete
}

complete -F _rubric_grade rubric-grade
