-- neovim.lua: Debian's Neovim (0.7, headless) drives `rubricc lsp` as an
-- author's editor would, and the answers are asserted.
--
-- run-neovim.sh starts it with RUBRICC (the server) and RUBRIC (a copy of
-- a shipped rubric, beside a copy of the files it includes). The script
-- opens the rubric, waits for the first diagnostics (none: the shipped
-- rubrics compile), hovers over a criterion id and a level code, goes to
-- the definition of a theme (in the included themes file), introduces a
-- mistake (an unknown theme) and waits for the error on that line, asks
-- for formatting of a syntax error (refused, the buffer unchanged) and of
-- a badly laid out buffer (it becomes `rubricc fmt` of it), and shuts the
-- server down. Neovim 0.7 has no vim.lsp.start (0.8): the client
-- is started with vim.lsp.start_client and attached to the buffer.
-- Any failed check ends Neovim with exit status 1, after saying which.

local failures = 0
local function say(text)
  io.stderr:write(text .. '\n')
end
local function check(condition, what)
  if condition then
    say('ok: ' .. what)
  else
    failures = failures + 1
    say('FAIL: ' .. what)
  end
  return condition
end
local function finish()
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

local function run()
  local rubricc = os.getenv('RUBRICC')
  local rubric = os.getenv('RUBRIC')
  vim.cmd('edit ' .. vim.fn.fnameescape(rubric))
  local buffer = vim.api.nvim_get_current_buf()

  -- Every publishDiagnostics, kept in order (and passed on to Neovim).
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'rubricc',
    cmd = { rubricc, 'lsp' },
    root_dir = vim.fn.fnamemodify(rubric, ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, context, config)
        table.insert(published, result)
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, context, config)
      end,
    },
  })
  if not check(client_id ~= nil, 'the server starts') then
    return
  end
  vim.lsp.buf_attach_client(buffer, client_id)

  local function wait_for_diagnostics(count)
    return vim.wait(10000, function()
      return #published >= count
    end, 20)
  end

  -- The first line matching pattern, its number from 0, and the captures'
  -- column from 0 (pattern must capture a position with () first).
  local function find_line(pattern)
    for number, text in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
      local column, name = text:match(pattern)
      if column then
        return number - 1, column - 1, name
      end
    end
  end

  local function request(method, params)
    local answers = vim.lsp.buf_request_sync(buffer, method, params, 10000)
    return answers and answers[client_id]
  end

  local function at(line, character)
    return { textDocument = vim.lsp.util.make_text_document_params(buffer),
             position = { line = line, character = character } }
  end

  -- 1. Diagnostics on open: the shipped rubric has no errors.
  check(wait_for_diagnostics(1), 'diagnostics are published when the rubric is opened')
  local first = published[1] or { diagnostics = {} }
  local errors = 0
  for _, diagnostic in ipairs(first.diagnostics) do
    if diagnostic.severity == 1 then
      errors = errors + 1
    end
  end
  check(errors == 0, 'the shipped rubric has no errors (' .. errors .. ')')

  -- 2. Hover over a criterion id: its title and effective descriptors.
  local criterion_line, criterion_column, criterion = find_line('^%s+criterion ()([%w-]+)')
  local answer = request('textDocument/hover', at(criterion_line, criterion_column + 1))
  local hover = answer and answer.result and answer.result.contents.value or ''
  check(hover:find('criterion ' .. criterion, 1, true) ~= nil,
        'hover over criterion ' .. criterion .. ' names it')
  check(hover:find('**O** (Outstanding)', 1, true) ~= nil,
        'hover over a criterion shows its effective descriptor for each level')

  -- 3. Hover over a level code.
  local level_line, level_column = find_line('^%s+()O: ')
  answer = request('textDocument/hover', at(level_line, level_column))
  hover = answer and answer.result and answer.result.contents.value or ''
  check(hover:find('Outstanding', 1, true) ~= nil, 'hover over level O says Outstanding')

  -- 4. Go to the definition of a theme: in the included themes file.
  local themes_line, theme_column, theme = find_line('^%s+themes: ()([%w-]+)')
  answer = request('textDocument/definition', at(themes_line, theme_column + 1))
  local location = answer and answer.result
  if vim.tbl_islist(location) then
    location = location[1]
  end
  if check(location ~= nil and location.uri:match('/shared/themes%.rubric$') ~= nil,
           'the definition of theme ' .. theme .. ' is in shared/themes.rubric') then
    local lines = vim.fn.readfile(vim.uri_to_fname(location.uri))
    local defined = lines[location.range.start.line + 1] or ''
    check(defined:find('^%s*' .. theme:gsub('%-', '%%-') .. ':') ~= nil,
          'the definition points at the line "' .. defined .. '"')
  end

  -- 5. A mistake: an unknown theme. The edit is sent incrementally; the
  -- error comes back on that line.
  local before = #published
  vim.api.nvim_buf_set_text(buffer, themes_line, theme_column, themes_line,
                            theme_column + #theme, { theme .. '-typo' })
  check(wait_for_diagnostics(before + 1), 'diagnostics are published after the change')
  local found = false
  vim.wait(10000, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(buffer, { severity = vim.diagnostic.severity.ERROR })) do
      if diagnostic.lnum == themes_line and diagnostic.col == theme_column then
        found = true
      end
    end
    return found
  end, 20)
  check(found, 'an error on line ' .. (themes_line + 1) .. ' at the unknown theme')

  -- 6. Formatting. Advertised; a syntax error is refused with an error
  -- that says so, the buffer unchanged; a badly laid out buffer (blank
  -- lines gone, values pushed right) becomes exactly `rubricc fmt` of it.
  local client = vim.lsp.get_client_by_id(client_id)
  check(client.server_capabilities.documentFormattingProvider,
        'the server advertises formatting')
  local function buffer_text()
    return table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n') .. '\n'
  end
  vim.api.nvim_buf_set_lines(buffer, themes_line, themes_line, false, { 'not an entry' })
  local text_before = buffer_text()
  local refused = client.request_sync('textDocument/formatting', {
    textDocument = vim.lsp.util.make_text_document_params(buffer),
    options = { tabSize = 2, insertSpaces = true },
  }, 10000, buffer)
  check(refused ~= nil and refused.err ~= nil and refused.err.code == -32803
        and refused.err.message:find('not formatted because it has errors', 1, true) ~= nil
        and refused.err.message:find(':' .. (themes_line + 1) .. ':', 1, true) ~= nil,
        'formatting a syntax error is refused, naming its line')
  check(buffer_text() == text_before, 'the refusal leaves the buffer unchanged')

  local careless = {}
  for _, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
    if line ~= 'not an entry' and line:find('%S') then
      local indent, name, value = line:match('^(%s*)(%a[%w ]*):%s+(.*)$')
      careless[#careless + 1] = name and (indent .. name .. ':   ' .. value) or line
    end
  end
  vim.api.nvim_buf_set_lines(buffer, 0, -1, false, careless)
  local careless_text = buffer_text()
  local careless_file = rubric:gsub('%.rubric$', '-careless.rubric')
  vim.fn.writefile(careless, careless_file)
  local expected = vim.fn.system({ rubricc, 'fmt', careless_file })
  check(vim.v.shell_error == 0 and expected ~= careless_text,
        'rubricc fmt formats the badly laid out text (' .. #careless .. ' lines)')
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ bufnr = buffer, timeout_ms = 10000 })
  else
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  check(buffer_text() == expected, 'formatting makes the buffer rubricc fmt\'s text')

  -- 7. Shut down: the server exits.
  client.stop()
  check(vim.wait(10000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20), 'the server shuts down')
end

-- A Lua error (say, an answer missing) is a failure too, never a hang.
local ran, problem = pcall(run)
if not ran then
  failures = failures + 1
  say('FAIL: ' .. tostring(problem))
end
say(string.format('neovim: %d failed', failures))
finish()
