# rubric-grade.bash - bash completion for rubric-grade, the command-line
# grader.
#
# Installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/rubric-grade, where the
# bash-completion package loads it the first time rubric-grade is
# completed; or `source completion/rubric-grade.bash` by hand. It needs
# nothing but bash's own `complete` and `compgen`. `make check-man`
# (tests/man/check.sh) checks that the options below are exactly the long
# options `rubric-grade --help` lists.

# The long options, as --help lists them.
_rubric_grade_options='--rubric --input-format --format --summary --summary-output
    --output --excel --comments --max-record-size --max-rubric-size --report --moderate
    --strict --quiet --help --version'

# _rubric_grade_files EXTENSION...: the folders, and the files ending in one
# of the extensions (any file when none is given), that start with $cur.
_rubric_grade_files()
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

# _rubric_grade_words WORDS: those of WORDS that start with $cur.
_rubric_grade_words()
{
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# What may stand at $cur, after $prev, into COMPREPLY.
_rubric_grade_complete()
{
    case $prev in
        --rubric) _rubric_grade_files json; return ;;
        --input-format) _rubric_grade_words 'jsonl csv'; return ;;
        --format) _rubric_grade_words 'jsonl csv text'; return ;;
        --summary-output) _rubric_grade_files json txt csv; return ;;
        -o | --output) _rubric_grade_files; return ;;
        --report) _rubric_grade_files html; return ;;
        --max-record-size | --max-rubric-size) return ;;
    esac
    if [[ $cur == -* ]]; then
        _rubric_grade_words "$_rubric_grade_options"
        return
    fi
    _rubric_grade_files jsonl json csv
}

_rubric_grade()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prefix=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    # A value after '=': bash splits the word there (COMP_WORDBREAKS)
    # unless its setting leaves '=' out; then the value follows the '='.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi
    _rubric_grade_complete
    ((${#COMPREPLY[@]} > 0)) && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    return 0
}

complete -F _rubric_grade rubric-grade
