/**
 * Electron main entry (out/main/index.js). Everything is in shell.ts; this
 * file only supplies the real process facts.
 */
import path from 'node:path';
import { app } from 'electron';
import { resolveBuildPaths } from './build-paths.ts';
import { createMainLogger } from './log.ts';
import { startShell } from './shell.ts';

startShell({
  paths: resolveBuildPaths(import.meta.dirname),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'] ?? null,
  argv: process.argv,
  platform: process.platform,
  log: createMainLogger(path.join(app.getPath('userData'), 'logs')),
});
