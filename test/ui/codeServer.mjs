// A fresh code-server for the UI checks: throwaway HOME, profile and extensions folder, the VSIX
// installed the way a user installs it (--install-extension), then served on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  // Screenshots must not catch a widget mid fade-in.
  'workbench.reduceMotion': 'on',
  // The hover screenshot is taken with the keyboard; a mouse resting on the text must not add one.
  'editor.hover.delay': 300,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Folders of one run; all below `tmp`. */
export function profileIn(tmp) {
  const dirs = { home: join(tmp, 'home'), user: join(tmp, 'user'), exts: join(tmp, 'exts'), config: join(tmp, 'config.yaml'), log: join(tmp, 'server.log') };
  mkdirSync(join(dirs.user, 'User'), { recursive: true });
  mkdirSync(dirs.home, { recursive: true });
  mkdirSync(dirs.exts, { recursive: true });
  writeFileSync(dirs.config, '');   // an empty --config keeps code-server from writing ~/.config/code-server
  writeFileSync(join(dirs.user, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  return dirs;
}

const commonArgs = (dirs) => ['--config', dirs.config, '--user-data-dir', dirs.user, '--extensions-dir', dirs.exts];
const envFor = (dirs) => {
  const env = { ...process.env, HOME: dirs.home };
  for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete env[k];
  return env;
};

/** Installs the VSIX into the profile; returns the installed extension folder's name. */
export function installExtension(codeServer, dirs, vsix, extensionId) {
  const result = spawnSync(codeServer, [...commonArgs(dirs), '--install-extension', vsix], { env: envFor(dirs), encoding: 'utf8', timeout: 60_000 });
  const installed = readdirSync(dirs.exts).find((name) => name.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
  if (result.status !== 0 || !installed) {
    throw new Error(`--install-extension failed (exit ${result.status ?? result.error}): ${result.stdout}${result.stderr}`);
  }
  return installed;
}

/**
 * Starts code-server on a free loopback port as the leader of its own process group
 * (detached), so that stop() ends it with every child (file watcher, extension host, server).
 */
export async function startCodeServer(codeServer, dirs, folder) {
  if (!existsSync(codeServer)) throw new Error(`${codeServer} missing; run: bash scripts/install-vscode-host.sh`);
  const port = await freePort();
  const log = openSync(dirs.log, 'a');
  const child = spawn(codeServer, [...commonArgs(dirs), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder], {
    env: envFor(dirs), detached: true, stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = async () => {
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try { process.kill(-child.pid, signal); } catch { return; }   // ESRCH: the group is gone
      for (let i = 0; i < 25; i++) {
        try { process.kill(-child.pid, 0); } catch { return; }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  for (let attempt = 0; ; attempt++) {
    if (exited) throw new Error(`code-server exited at start; see ${dirs.log}`);
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not listening yet */ }
    if (attempt >= 120) { await stop(); throw new Error(`code-server did not come up at ${url}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop };
}
