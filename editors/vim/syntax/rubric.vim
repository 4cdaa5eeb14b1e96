" Vim syntax file
" Language:    rubric (children's social care case-audit rubrics; see
"              docs/language.md of the rubric toolchain)
" Filenames:   *.rubric (ftdetect/rubric.vim)
"
" Entries are 'name: value' lines. A prose value (a title, a descriptor, a
" glossary meaning) runs on over the following lines indented further than
" its name, so prose is a region that ends at the first non-blank line
" indented no further: a prose line such as 'Note: …' is not taken for an
" entry. Comments are lines whose first character is '#', inside prose too.
"
" Every entry's match starts at the line's start, indentation included
" (it is white space, so its colour does not show): the entry kinds then
" compete at one position, where the one defined last wins, so the
" keywords below take precedence over the labelled entry.

if exists('b:current_syntax')
  finish
endif

syntax case ignore

" A labelled entry (a level code, an abbreviation, a theme id) and its prose.
syntax region rubricProse matchgroup=rubricLabel
      \ start=/^\z(\s*\)[^ \t:#,]\+\ze\s*:/
      \ end=/^\%(\z1\s\+\S\)\@!\ze\s*\S/
      \ contains=rubricComment
" An entry whose value is prose.
syntax region rubricProse matchgroup=rubricKeyword
      \ start=/^\z(\s*\)\%(title\s\+supplied\|title\|authority\|version\|effective\|key\s\+factors\|scope\|out\s\+of\s\+sequence\)\ze\s*:/
      \ end=/^\%(\z1\s\+\S\)\@!\ze\s*\S/
      \ contains=rubricComment

" Entries whose value is a list of ids, and the blocks.
syntax match rubricKeyword /^\s*\%(rubric\|applies\s\+to\|same\s\+as\|id\|include\|every\s\+criterion\|scale\|glossary\|grading\|themes\|bands\|case\s\+types\|answers\|weight\|in\s\+overall\|points\|met\|facts\|applies\s\+when\|only\s\+when\|timescale\|groups\|key\|target\)\ze\s*:/
      \ nextgroup=rubricValue
syntax match rubricValue /\s*:[^#]*/ contained contains=rubricColon nextgroup=rubricComment
syntax match rubricColon /:/ contained

" section N: Title, criterion id: Title
syntax match rubricSection /^\s*section\ze\s\+[^ \t:#,]\+\s*\%(:\|$\)/
      \ nextgroup=rubricSectionNumber skipwhite
syntax match rubricSectionNumber /[^ \t:#,]\+/ contained
syntax match rubricCriterion /^\s*criterion\ze\s\+[^ \t:#,]\+\s*\%(:\|$\)/
      \ nextgroup=rubricCriterionId skipwhite
syntax match rubricCriterionId /[^ \t:#,]\+/ contained
" answers ID: Title (an answer set for checklist sections)
syntax match rubricKeyword /^\s*answers\ze\s\+[^ \t:#,]\+\s*:/
      \ nextgroup=rubricAnswerSet skipwhite
syntax match rubricAnswerSet /[^ \t:#,]\+/ contained
" A band's levels: '8 to 10: Outstanding', 'O, G: Good or better'
syntax region rubricProse matchgroup=rubricLabel
      \ start=/^\z(\s*\)[^ \t:#,]\+\%(\s*,\s*[^ \t:#,]\+\|\s\+to\s\+[^ \t:#,]\+\)\+\ze\s*:/
      \ end=/^\%(\z1\s\+\S\)\@!\ze\s*\S/
      \ contains=rubricComment

" The grading rules (under grading:).
syntax match rubricRule /^\s*\%(section\s\+grade\|section\s\+[^ \t:#,]\+\s\+grade\|overall\s\+grade\|overall\s\+not\s\+graded\s\+when\|section\%(\s\+[^ \t:#,]\+\)\=\s\+not\s\+graded\s\+when\|overall\s\+no\s\+better\s\+than\|section\s\+[^ \t:#,]\+\s\+no\s\+better\s\+than\|not\s\+applicable\|ties\|good\s\+or\s\+better\|rounding\|\%(overall\|section\s\+[^ \t:#,]\+\)\s\+\%(no\s\+better\s\+than\|is\)\s\+[^ \t:#,]\+\s\+when\)\ze\s*:/
      \ nextgroup=rubricValue

syntax match rubricComment /^\s*#.*$/
syntax match rubricComment /#.*$/ contained

" A prose region can start far above the first line shown; rubrics are
" a few thousand lines at most, so parse from the start.
syntax sync fromstart

highlight default link rubricComment Comment
highlight default link rubricKeyword Keyword
highlight default link rubricRule Keyword
highlight default link rubricSection Statement
highlight default link rubricCriterion Statement
highlight default link rubricSectionNumber Identifier
highlight default link rubricCriterionId Function
highlight default link rubricAnswerSet Type
highlight default link rubricLabel Constant
highlight default link rubricValue Identifier
highlight default link rubricColon Delimiter

let b:current_syntax = 'rubric'
