-- Headless Neovim (0.7+) as an LSP client of kube-netlens: started by test/nvim/neovim.e2e.ts as
--   nvim --headless --clean -u lsp-check.lua
-- with the job in $KNL_JOB (JSON): server, root, out, timeoutMs, diagnosticsFor (URIs),
-- hover = {file, line, character}, definition = {file, line, character} (zero-based).
-- It starts the server with vim.lsp.start_client (vim.lsp.start only exists from 0.8), attaches
-- buffers, waits for diagnostics, asks for hover and definition, writes the results to `out` as
-- JSON and quits. Any error is written there too, and Neovim exits with status 1.

local job = vim.fn.json_decode(os.getenv('KNL_JOB'))
local result = { diagnostics = vim.empty_dict(), capabilities = vim.empty_dict(), version = vim.version() }

local function finish(status)
  local f = assert(io.open(job.out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(status == 0 and 'qall!' or 'cquit! 1')
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'kube-netlens',
    cmd = { 'node', job.server, '--stdio' },
    root_dir = job.root,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        result.diagnostics[params.uri] = params.diagnostics
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
    },
  })
  if not client_id then error('vim.lsp.start_client failed') end

  local function open(file)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
    return bufnr
  end

  local hover_buf = open(job.hover.file)
  local client = vim.lsp.get_client_by_id(client_id)
  local ready = vim.wait(job.timeoutMs, function() return client.initialized end, 20)
  if not ready then error('the language server did not initialize') end
  local caps = client.server_capabilities or {}
  result.capabilities = {
    hoverProvider = caps.hoverProvider and true or false,
    definitionProvider = caps.definitionProvider and true or false,
  }

  local got_all = vim.wait(job.timeoutMs, function()
    for _, uri in ipairs(job.diagnosticsFor) do
      if result.diagnostics[uri] == nil then return false end
    end
    return true
  end, 20)
  result.diagnosticsComplete = got_all

  local function at(bufnr, spot)
    return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = spot.line, character = spot.character } }
  end
  local function ask(bufnr, method, params)
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, job.timeoutMs)
    if not responses then return { error = tostring(err) } end
    local r = responses[client_id]
    if not r then return { error = 'no response' } end
    return { result = r.result, error = r.err and r.err.message or nil }
  end

  if result.capabilities.hoverProvider then
    result.hover = ask(hover_buf, 'textDocument/hover', at(hover_buf, job.hover))
  end
  if result.capabilities.definitionProvider then
    local def_buf = open(job.definition.file)
    result.definition = ask(def_buf, 'textDocument/definition', at(def_buf, job.definition))
  end
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
  finish(1)
else
  finish(0)
end
