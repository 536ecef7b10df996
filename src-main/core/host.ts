/**
 * Entry of browser mode (`npm start` without an Electron runtime, tests, the
 * dev loop): runs core in this Node process and serves the built renderer plus
 * the token-guarded WebSocket on 127.0.0.1.
 *
 *   node src-main/core/host.ts [--port 5180] [--data-dir DIR] [--renderer-dir out/renderer] [--demo] [--open]
 *
 * Prints one line `SWITCHBOARD_URL=<url>` that scripts and tests read.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host/browser-host.ts';
import { createLogger } from './log.ts';
import { defaultDataDir } from './paths.ts';
import { createFileSecretStore } from './secrets/file-secret-store.ts';
import { startCore } from './service.ts';
import { WorkspaceLockedError } from './db/lock.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SWITCHBOARD_PORT ?? '5180' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: path.join(projectRoot, 'out', 'renderer') },
    demo: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
  },
});

function openInBrowser(url: string): void {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return;
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

async function main(): Promise<void> {
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const rendererDir = path.resolve(values['renderer-dir']);
  const log = createLogger({ dataDir });
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing). Run \`npm start\`, which builds it.`);
  }
  const core = await startCore({
    dataDir,
    mode: 'browser',
    secrets: createFileSecretStore(dataDir),
    log,
    demoIfEmpty: values.demo,
  });
  let requested = Number.parseInt(values.port, 10);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) requested = 5180;
  const host = await startBrowserHost(core, { port: requested, rendererDir, log }).catch(async (err: NodeJS.ErrnoException) => {
    // The usual port is taken (another app): any free one will do.
    if (err.code !== 'EADDRINUSE' || requested === 0) throw err;
    return startBrowserHost(core, { port: 0, rendererDir, log });
  });
  log.info('browser host listening', { port: host.port, dataDir });
  process.stdout.write(`SWITCHBOARD_URL=${host.url}\n`);
  if (values.open) openInBrowser(host.url);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message = err instanceof WorkspaceLockedError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`Switchboard could not start: ${message}\n`);
  process.exit(1);
});
