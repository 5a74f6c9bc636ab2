#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server 4.100.3 + headless Chromium), fully offline.
# Opens a throwaway copy of examples/ (plus test/fixtures/broken/*.dataflow.yaml in dataflows/ and
# each test/fixtures/broken-<x>/ as a project folder; see scripts/e2e-workspace.mjs) with the extension from this checkout under development, and runs out/test/e2e/index.js in the
# extension host. Needs: bash scripts/install-vscode-host.sh and tsc -p test/e2e; it bundles dist/
# itself first (node scripts/build.mjs, a few seconds), so a stale bundle can never pass.
# Env: E2E_INCLUDE_FAILING=1 adds a deliberately failing test; E2E_TIMEOUT_MS (default 150000);
#      E2E_SKIP_BUILD=1 tests dist/ as it is (a caller that has just built it);
#      E2E_KEEP_TMP=1 keeps the temp dir (logs, workspace); CODE_SERVER overrides the binary;
#      VERBOSE=1 echoes all browser console output.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CS="${CODE_SERVER:-$ROOT/test/vscode-host/node_modules/.bin/code-server}"
TESTS="$ROOT/out/test/e2e/index.js"
TIMEOUT_MS="${E2E_TIMEOUT_MS:-150000}"

[ -x "$CS" ] || { echo "e2e: $CS missing; run: bash scripts/install-vscode-host.sh" >&2; exit 1; }
[ -f "$TESTS" ] || { echo "e2e: $TESTS missing; run: npx tsc -p test/e2e/tsconfig.json" >&2; exit 1; }
if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then
  build_started=$SECONDS
  node "$ROOT/scripts/build.mjs" || { echo "e2e: node scripts/build.mjs failed" >&2; echo "0 passed, 1 failed"; exit 1; }
  echo "e2e: bundled dist/ ($(( SECONDS - build_started )) s)"
fi
main_js="$(node -p 'require(process.argv[1]).main' "$ROOT/package.json")"
[ -f "$ROOT/$main_js" ] || { echo "e2e: $ROOT/$main_js missing; run: npm run compile" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/crmflow-e2e.XXXXXX")"
CS_PID=""; RUN_PID=""
cleanup() {
  # Whole process groups: code-server leaves a file watcher behind, playwright a browser.
  for pid in $RUN_PID $CS_PID; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in $RUN_PID $CS_PID; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "${E2E_KEEP_TMP:-}" = 1 ]; then echo "e2e: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$TMP/home" "$TMP/user/User" "$TMP/exts"
: > "$TMP/config.yaml"   # an empty --config keeps code-server from writing ~/.config/code-server
cat > "$TMP/user/User/settings.json" <<'JSON'
{ "telemetry.telemetryLevel": "off", "workbench.startupEditor": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "update.mode": "none", "security.workspace.trust.enabled": false }
JSON
# Prints the deliberate-failure test path when E2E_INCLUDE_FAILING=1; the extension host inherits the env.
E2E_EXTRA_TESTS="$(node "$ROOT/scripts/e2e-workspace.mjs" "$TMP")"
export E2E_EXTRA_TESTS
WORKSPACE="$TMP/workspace"
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

# setsid: code-server leads its own process group, so cleanup can kill all of it.
HOME="$TMP/home" setsid "$CS" --config "$TMP/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$TMP/user" --extensions-dir "$TMP/exts" ${CODE_SERVER_EXTRA_ARGS:-} "$WORKSPACE" \
  > "$TMP/server.log" 2>&1 &
CS_PID=$!

# timeout(1) leads its own process group too (browser included) and is the hard stop.
HOME="$TMP/home" E2E_TIMEOUT_MS="$TIMEOUT_MS" E2E_BROWSER_PROFILE="$TMP/chromium" \
  timeout --kill-after=5 "$(( TIMEOUT_MS / 1000 + 30 ))" \
  node "$ROOT/scripts/run-vscode-tests.mjs" "http://127.0.0.1:$PORT" "$ROOT" "$TESTS" "$WORKSPACE" &
RUN_PID=$!
rc=0; wait "$RUN_PID" || rc=$?
if [ "$rc" -eq 1 ]; then
  echo "e2e: FAILED (tests failed)" >&2
elif [ "$rc" -ne 0 ]; then
  # No test result (timeout, crash, server down): the logs say why.
  echo "e2e: FAILED (exit $rc, no test result); last lines of the code-server log:" >&2
  tail -n 40 "$TMP/server.log" >&2 || true
  exthost_log="$(find "$TMP/user/logs" -name 'remoteexthost.log' -o -name 'exthost.log' 2>/dev/null | head -n 1)"
  if [ -n "$exthost_log" ]; then echo "e2e: last lines of $exthost_log:" >&2; tail -n 40 "$exthost_log" >&2; fi
fi
exit "$rc"
