#!/usr/bin/env bash
# README's Emacs (Eglot) set-up, word for word, in a real batch Emacs: init.el is
# taken from README.md, a sample plan is opened, and the diagnostics Flymake shows
# from `trackinglint server` must equal `trackinglint check` of the same file;
# yaml-language-server, started beside it through rass, must flag the schema typo.
#
#   scripts/editors/emacs.sh
#
# Needs: emacs with Eglot (Debian 12: apt-get install emacs-nox elpa-eglot
# elpa-yaml-mode; Eglot is built in from Emacs 29), and on PATH trackinglint,
# rass (`pip install rassumfrassum`) and yaml-language-server
# (`npm install -g yaml-language-server`).
# Exits 0 when equal, 1 when not, 77 when a tool is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/editors/sample_plan.sh
. "$here/sample_plan.sh"
need emacs trackinglint rass yaml-language-server python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home
mkdir -p "$HOME/.emacs.d"
python3 "$here/readme_block.py" emacs >"$HOME/.emacs.d/init.el"
project=$work/project
make_sample_project "$project" "$repo"
cd "$project"
# --batch reads no init file and activates no packages: do both as a start-up would
DUMP=$work/trackinglint.json DUMP_YAML=$work/yamlls.json timeout 300 \
  emacs --batch -f package-activate-all -l "$HOME/.emacs.d/init.el" -l "$here/emacs_dump.el"
echo "emacs: $(emacs --version | head -1)"
python3 - "$work/yamlls.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
typo = [r for r in rows if "descripton" in r["message"]]
print(f"yaml-language-server: {len(rows)} diagnostic(s); on the typo: {typo[0]['message'] if typo else 'none'}")
sys.exit(0 if typo else 1)
PY
python3 "$here/same_as_check.py" plan.yaml "$work/trackinglint.json"
