#!/usr/bin/env bash
# Installs the e2e test host: code-server 4.100.3 (a real VS Code 1.100.3 on Node 20) in
# test/vscode-host, plus the Debian packages it and the headless browser need. Idempotent:
# a second call returns at once. See /work/shared/reference/real-vscode.md for the why of each step.
set -euo pipefail
cd "$(dirname "$0")/../test/vscode-host"
if ./node_modules/.bin/code-server --config /dev/null --version 2>/dev/null | grep -q '^4.100.3 '; then
  echo "vscode-host: code-server 4.100.3 already installed"; exit 0
fi

missing=""
for p in chromium ripgrep libkrb5-dev build-essential python3 pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  # shellcheck disable=SC2086  # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
fi

# @vscode/ripgrep's postinstall would download rg from GitHub; it first looks in this cache,
# so hand it Debian's rg (same 13.0.0 release) under the file name it expects.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall calls `npx node-gyp` with no TTY to confirm the fetch.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm ci --no-audit --no-fund --foreground-scripts
