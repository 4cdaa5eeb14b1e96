" Rubric files: indentation is spaces only (a tab in the indentation is an
" error), and comments are lines starting with '#'.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1
setlocal expandtab shiftwidth=2 softtabstop=2 commentstring=#\ %s comments=:#
let b:undo_ftplugin = 'setlocal expandtab< shiftwidth< softtabstop< commentstring< comments<'
