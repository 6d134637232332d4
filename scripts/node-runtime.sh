#!/usr/bin/env bash
# Prints the folder of a Node.js binary of the given major version (default: .nvmrc's), installing
# the official build the npm registry serves as the `node` package when this machine lacks it.
# For machines whose system Node is older than LogiCore needs, and for CI's runs on 24 and 22:
#   export PATH="$(bash scripts/node-runtime.sh):$PATH"
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
major=${1:-$(tr -dc '0-9' <"$here/.nvmrc")}
if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  dirname "$(command -v node)"
  exit 0
fi
prefix="${XDG_CACHE_HOME:-$HOME/.cache}/logicore/node-$major"
bin="$prefix/node_modules/node/bin"
if [ ! -x "$bin/node" ]; then
  # The package's preinstall step fetches the build for this platform from the same registry.
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
fi
"$bin/node" --version >/dev/null
echo "$bin"
