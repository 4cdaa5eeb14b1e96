" Rubric files: *.rubric (see syntax/rubric.vim).
autocmd BufRead,BufNewFile *.rubric setfiletype rubric
