#!/usr/bin/env bash
# README's VS Code set-up, word for word, in a real VS Code (code-server, the
# VS Code server that runs in a browser) driven by headless Chromium: the
# settings.json block is taken from README.md with the placeholder path replaced
# by what the README's `command -v trackinglint` prints, code-server is started
# WITHOUT trackinglint on its PATH (as VS Code started from a desktop menu), a
# sample plan is opened, and the diagnostics VS Code shows from the Generic LSP
# Client must equal `trackinglint check` of the same file. If the YAML extension
# is installed too, it must flag the schema typo through the README's yaml.schemas.
#
#   VSCODE_VSIX=/path/to/vsix-folder scripts/editors/vscode.sh
#
# Needs on PATH: code-server (scripts/editors/install_code_server.sh builds it
# from the npm registry), chromium, trackinglint, python3; and in $VSCODE_VSIX
# the extensions as .vsix files, zsol.vscode-glspc-*.vsix (and, optionally,
# redhat.vscode-yaml-*.vsix), downloaded from the VS Code Marketplace or Open
# VSX: neither is on a package registry. Nothing is downloaded here.
# Exits 0 when equal, 1 when not, 77 when a tool or the extension is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/editors/sample_plan.sh
. "$here/sample_plan.sh"
need code-server chromium trackinglint python3
shopt -s nullglob
glspc=("${VSCODE_VSIX:-/nonexistent}"/zsol.vscode-glspc-*.vsix)
yaml=("${VSCODE_VSIX:-/nonexistent}"/redhat.vscode-yaml-*.vsix)
if [ ${#glspc[@]} -eq 0 ]; then
  echo "skipped: no zsol.vscode-glspc-*.vsix in VSCODE_VSIX (see README, Development)" >&2
  exit 77
fi
code_server=$(command -v code-server)

work=$(mktemp -d)
pids=()
cleanup() {  # code-server and Chromium each lead a process group of their own
  local pid
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
mkdir -p "$HOME"
extensions=$work/extensions
for vsix in "${glspc[@]}" "${yaml[@]}"; do
  "$code_server" --extensions-dir "$extensions" --install-extension "$vsix" >/dev/null
done
# the test's own extension, which reads back what VS Code shows
(cd "$here/vscode_dump" && python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"json\" ContentType=\"application/json\"/><Default Extension=\"js\" ContentType=\"application/javascript\"/><Default Extension=\"vsixmanifest\" ContentType=\"text/xml\"/></Types>")
    for name in ("package.json", "extension.js"):
        z.write(name, "extension/" + name)
' "$work/dump.vsix")
"$code_server" --extensions-dir "$extensions" --install-extension "$work/dump.vsix" >/dev/null

# a user's project: plans/ with the schema written as the README says
project=$work/project
make_sample_project "$project/plans" "$repo"
mv "$project/plans/trackinglint.toml" "$project/trackinglint.toml"
sed -i 1d "$project/plans/plan.yaml" # no modeline: the schema comes from yaml.schemas alone
(cd "$project" && trackinglint schema --output plans/native-plan.schema.json)
# "Find it in the shell where trackinglint runs": the README's own command
find_it=$(python3 "$here/readme_block.py" vscode-find-path | head -1 | sed 's/ *#.*//')
path=$(bash -c "$find_it")
mkdir -p "$project/.vscode"
python3 "$here/readme_block.py" vscode |
  sed "s|\"/home/me/acme/.venv/bin/trackinglint\"|\"$path\"|" >"$project/.vscode/settings.json"
grep -q "\"glspc.server.command\": \"$path\"" "$project/.vscode/settings.json"

# VS Code started from a desktop menu does not see the shell's PATH: leave out
# the folder trackinglint is in, so only the absolute path in settings.json works
no_trackinglint=$(python3 -c '
import os, sys
gone = os.path.dirname(sys.argv[1])
print(os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p and os.path.realpath(p) != os.path.realpath(gone)))
' "$path")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: >"$work/config.yaml"
env PATH="$no_trackinglint" TRACKINGLINT_PLAN="$project/plans/plan.yaml" \
  DUMP="$work/trackinglint.json" DONE="$work/done" \
  ${yaml[0]:+DUMP_YAML="$work/yaml.json"} \
  setsid "$code_server" --config "$work/config.yaml" --auth none --bind-addr "127.0.0.1:$port" \
  --user-data-dir "$work/user-data" --extensions-dir "$extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$project" >"$work/code-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  grep -q "HTTP server listening" "$work/code-server.log" && break
  sleep 0.2
done
setsid chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$work/chromium" "http://127.0.0.1:$port/?folder=$project" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1500); do
  [ -e "$work/done" ] && break
  sleep 0.2
done
if [ ! -e "$work/done" ]; then
  echo "VS Code never ran the dump extension; code-server's log:" >&2
  cat "$work/code-server.log" >&2
  exit 1
fi
if [ -s "$work/done" ]; then cat "$work/done" >&2; exit 1; fi
echo "vscode: code-server $("$code_server" --version | head -1), $(basename "${glspc[0]}")"
if [ ${#yaml[@]} -gt 0 ]; then
  python3 - "$work/yaml.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
typo = [r for r in rows if "descripton" in r["message"]]
print(f"YAML extension: {len(rows)} diagnostic(s); on the typo: {typo[0]['message'] if typo else 'none'}")
sys.exit(0 if typo else 1)
PY
else
  echo "YAML extension: not installed (no redhat.vscode-yaml-*.vsix), yaml.schemas not tried"
fi
python3 "$here/same_as_check.py" "$project/plans/plan.yaml" "$work/trackinglint.json"
