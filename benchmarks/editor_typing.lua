-- Run inside a headless Neovim by benchmarks/editor_typing.py: type new events
-- key by key into the open plan, as a person would, and time how long after the
-- last key of each burst the diagnostics of `trackinglint server` for that very
-- text (their version is the buffer's changedtick) arrive. Writes JSON to $OUT.
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
local pause = tonumber(os.getenv("PAUSE_MS") or "80")
local bursts = tonumber(os.getenv("BURSTS") or "10")
local timeout = tonumber(os.getenv("EDITOR_TIMEOUT_MS") or "120000")
local published = -1 -- the newest version trackinglint published for this buffer
local arrived = 0

local original = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client and client.name == "trackinglint" and result and result.uri == uri then
    published = math.max(published, result.version or -1)
    arrived = vim.uv.hrtime()
  end
  return original(err, result, ctx, config)
end

local function fresh()
  return published >= vim.b[buf].changedtick
end

local started = vim.uv.hrtime()
local opened = vim.wait(timeout, function() -- Neovim opens a document as version 0
  return published >= 0
end, 10)
local results = { open = opened and (arrived - started) / 1e9 or vim.NIL, bursts = {} }
local top = vim.fn.search("^events:", "n") -- each burst types a new first event
for burst = 1, bursts do
  local text = string.format(
    "  Typed Report Exported %d:\n    description: Typed in Neovim, burst %d.\n    kind: job_completion\n",
    burst,
    burst
  )
  local row, col = top, 0
  for char in text:gmatch(".") do
    if char == "\n" then
      vim.api.nvim_buf_set_text(buf, row, col, row, col, { "", "" })
      row, col = row + 1, 0
    else
      vim.api.nvim_buf_set_text(buf, row, col, row, col, { char })
      col = col + 1
    end
    vim.wait(pause)
  end
  local last = vim.uv.hrtime() - pause * 1e6
  local ok = vim.wait(timeout, fresh, 5)
  table.insert(results.bursts, ok and (arrived - last) / 1e9 or vim.NIL)
  vim.wait(200) -- the user reads the result
end
local file = assert(io.open(os.getenv("OUT"), "w"))
file:write(vim.json.encode(results))
file:close()
vim.cmd("qa!")
