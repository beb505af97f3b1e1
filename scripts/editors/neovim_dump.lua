-- Run inside a headless Neovim by neovim.sh: wait for the diagnostics of the
-- current buffer from the `trackinglint` client (and from `yamlls`), write them
-- as JSON to $DUMP and $DUMP_YAML (1-based lines and columns, as the CLI prints
-- them), then quit.
local function client(name)
  return vim.lsp.get_clients({ bufnr = 0, name = name })[1]
end

local function shown(name)
  local c = client(name)
  if not c then
    return {}
  end
  return vim.diagnostic.get(0, { namespace = vim.lsp.diagnostic.get_namespace(c.id) })
end

local function dump(path, diagnostics)
  local rows = {}
  for _, d in ipairs(diagnostics) do
    table.insert(rows, {
      code = d.code or vim.NIL,
      line = d.lnum + 1,
      column = d.col + 1,
      message = d.message,
    })
  end
  local file = assert(io.open(path, "w"))
  file:write(vim.json.encode(rows))
  file:close()
end

local timeout = tonumber(os.getenv("EDITOR_TIMEOUT_MS") or "120000")
vim.wait(timeout, function()
  return #shown("trackinglint") > 0
end, 100)
vim.wait(1000) -- a later publish of the same version would replace these
dump(os.getenv("DUMP"), shown("trackinglint"))
if os.getenv("DUMP_YAML") then
  vim.wait(timeout, function()
    return #shown("yamlls") > 0
  end, 100)
  dump(os.getenv("DUMP_YAML"), shown("yamlls"))
end
vim.cmd("qa!")
