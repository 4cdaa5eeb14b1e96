-- vim-syntax.lua: the Vim syntax file (editors/vim/) loaded by Neovim as
-- an installed plugin would be, over tests/lsp/highlight.rubric: the file
-- type is detected, and the syntax group under some characters checked.
-- Run by run-neovim.sh with editors/vim first on the runtimepath.
local failures = 0
local function check(condition, what)
  io.stderr:write((condition and 'ok: ' or 'FAIL: ') .. what .. '\n')
  if not condition then
    failures = failures + 1
  end
end

local ran, problem = pcall(function()
  vim.cmd('edit tests/lsp/highlight.rubric')
  check(vim.bo.filetype == 'rubric', 'a .rubric file has filetype rubric')
  check(vim.bo.expandtab, 'the rubric ftplugin indents with spaces')
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  -- The syntax group at the first match of pattern (a () capture marks
  -- the character) on the first line matching it.
  local function group_at(pattern)
    for number, text in ipairs(lines) do
      local column = text:match(pattern)
      if column then
        return vim.fn.synIDattr(vim.fn.synID(number, column, 1), 'name')
      end
    end
    return 'no line matches ' .. pattern
  end
  local cases = {
    { '^()# Corners', 'rubricComment', 'a comment' },
    { '^()rubric:', 'rubricKeyword', 'a keyword' },
    { '^rubric: ()highlight', 'rubricValue', 'the rubric id' },
    { '^title: ()Corners', 'rubricProse', 'a title' },
    { '^  ()O: Outstanding', 'rubricLabel', 'a level code under scale:' },
    { '^  O: ()Outstanding', 'rubricProse', 'a level name' },
    { '^    ()improvement', 'rubricProse', 'prose running on' },
    { '^  ()CP/LAC:', 'rubricLabel', 'an abbreviation' },
    { '^    ()Note: this', 'rubricProse', 'a prose line that looks like an entry' },
    { '^    ()# a comment inside prose', 'rubricComment', 'a comment inside prose' },
    { '^()section 2a', 'rubricSection', 'section' },
    { '^section ()2a', 'rubricSectionNumber', 'a section number' },
    { '^  ()criterion referral%-one', 'rubricCriterion', 'criterion' },
    { '^  criterion ()referral%-one', 'rubricCriterionId', 'a criterion id' },
    { '^    ()O: The CIN', 'rubricLabel', 'a level code in a criterion' },
    { '^       ()Title: still prose', 'rubricProse', 'a descriptor running on' },
    { '^  ()section 2a no better than', 'rubricRule', 'a grading rule' },
    { '^    same as: ()referral%-one', 'rubricValue', 'a same as: id' },
  }
  -- Each case: the group at the pattern's character is the one named.
  local function check_groups(list)
    for _, case in ipairs(list) do
      local group = group_at(case[1])
      check(group == case[2], case[3] .. ' is ' .. case[2] .. ' (' .. group .. ')')
    end
  end
  check_groups(cases)
  -- Language v2 (tests/lsp/highlight-v2.rubric).
  vim.cmd('edit tests/lsp/highlight-v2.rubric')
  lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local v2_cases = {
    { '^  ()points: O 4', 'rubricKeyword', 'points: under scale:' },
    { '^()bands:', 'rubricKeyword', 'bands:' },
    { '^  ()O, G: Good', 'rubricLabel', "a band's levels" },
    { '^  O, G: ()Good', 'rubricProse', "a band's name" },
    { '^()answers yes', 'rubricKeyword', 'answers ID:' },
    { '^answers ()yes%-no', 'rubricAnswerSet', 'an answer set id' },
    { '^  ()met: Y', 'rubricKeyword', 'met:' },
    { '^()case types:', 'rubricKeyword', 'case types:' },
    { '^  ()rounding:', 'rubricRule', 'rounding:' },
    { '^  ()overall is I when', 'rubricRule', 'overall is L when:' },
    { '^  ()section A no better than R when', 'rubricRule', 'section N no better than L when:' },
    { '^  ()weight: 2', 'rubricKeyword', 'weight:' },
    { '^  ()answers: yes', 'rubricKeyword', 'answers: ID' },
    { '^  ()in overall:', 'rubricKeyword', 'in overall:' },
  }
  check_groups(v2_cases)
end)
if not ran then
  failures = failures + 1
  io.stderr:write('FAIL: ' .. tostring(problem) .. '\n')
end
io.stderr:write(string.format('vim syntax: %d failed\n', failures))
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
