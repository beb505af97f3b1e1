// Run inside code-server by scripts/editors/vscode.sh: open $TRACKINGLINT_PLAN,
// wait for the diagnostics the Generic LSP Client shows from `trackinglint
// server` (and, if installed, from the YAML extension), write them as JSON to
// $DUMP and $DUMP_YAML (1-based lines and columns, as the CLI prints them),
// then write $DONE. The editor's own API, as a user's Problems panel shows it.
const fs = require("fs")
const vscode = require("vscode")

const TIMEOUT_MS = Number(process.env.EDITOR_TIMEOUT_MS || "120000")
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

function rows(diagnostics) {
  return diagnostics.map(d => ({
    code: d.code === undefined ? null : typeof d.code === "object" ? d.code.value : d.code,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    message: d.message,
  }))
}

async function shown(uri, wanted) {
  const deadline = Date.now() + TIMEOUT_MS
  while (Date.now() < deadline) {
    const found = vscode.languages.getDiagnostics(uri).filter(wanted)
    if (found.length > 0) {
      await sleep(1000) // a later publish of the same version would replace these
      return vscode.languages.getDiagnostics(uri).filter(wanted)
    }
    await sleep(100)
  }
  return []
}

async function activate() {
  const plan = process.env.TRACKINGLINT_PLAN
  if (!plan) return // not started by vscode.sh
  const log = []
  try {
    const uri = vscode.Uri.file(plan)
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri))
    const ours = await shown(uri, d => d.source === "trackinglint")
    fs.writeFileSync(process.env.DUMP, JSON.stringify(rows(ours)))
    if (process.env.DUMP_YAML) {
      const yaml = await shown(uri, d => d.source !== "trackinglint")
      fs.writeFileSync(process.env.DUMP_YAML, JSON.stringify(rows(yaml)))
    }
  } catch (error) {
    log.push(String(error && error.stack ? error.stack : error))
  }
  fs.writeFileSync(process.env.DONE, log.join("\n"))
}

module.exports = { activate, deactivate() {} }
