/**
 * Core as it ships, for `bench:sync`: the bench's core child and the two
 * worker entries bundled to plain JavaScript the way electron-vite bundles
 * core.js, parse-worker.js and listing-worker.js (dependencies external, each
 * entry `[name].js` side by side, so `workerEntry` finds the workers next to
 * the child). Run from `.ts` sources instead, every isolate (core's and each
 * worker's) also loads Node's type stripping, which the shipped bundle does
 * not: tens of MB of RSS and seconds of start-up that no agent pays.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** Inside the project, so the bundle resolves its dependencies from the project's node_modules. */
export const BUNDLE_DIR = path.join(root, 'node_modules', '.cache', 'switchboard-bench-core');

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Bundles and returns the path of the child's entry. */
export async function bundleCore(): Promise<string> {
  await build({
    input: {
      'sync-core-child': path.join(here, 'sync-core-child.ts'),
      'parse-worker': path.join(root, 'src-main/core/mail/parse-worker.ts'),
      'listing-worker': path.join(root, 'src-main/core/sync/listing-worker.ts'),
    },
    platform: 'node',
    // Dependencies stay packages, as in the app (better-sqlite3 is native and cannot be bundled).
    external: (id) => builtins.has(id) || !(id.startsWith('.') || path.isAbsolute(id)),
    output: { dir: BUNDLE_DIR, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', cleanDir: true },
    logLevel: 'warn',
  });
  return path.join(BUNDLE_DIR, 'sync-core-child.js');
}
