/**
 * electron-vite build: three bundles, fixed file names (src-main/app/build-paths.ts
 * relies on them).
 * - main: out/main/index.js (the shell) and out/main/core.js (core, forked
 *   as a utility process), ESM like the package. Dependencies stay external
 *   and ship in node_modules: better-sqlite3 is native and cannot be bundled.
 * - preload: out/preload/index.cjs, one CommonJS file with everything inlined,
 *   because a sandboxed preload can only `require('electron')`.
 * - renderer: src-renderer/vite.config.ts itself (one config for browser mode
 *   and Electron), with root, input and outDir pinned here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'electron-vite';
import type { UserConfig as ElectronViteConfig } from 'electron-vite';
import type { ConfigEnv, UserConfig, UserConfigExport } from 'vite';
import rendererConfig from './src-renderer/vite.config.ts';

// import.meta.url, not import.meta.dirname: electron-vite's config bundler rewrites only the former.
const root = path.dirname(fileURLToPath(import.meta.url));
const at = (...parts: string[]): string => path.resolve(root, ...parts);

async function resolveRendererConfig(env: ConfigEnv): Promise<UserConfig> {
  const exported = rendererConfig as UserConfigExport;
  return typeof exported === 'function' ? await exported(env) : await exported;
}

export default defineConfig(async (env): Promise<ElectronViteConfig> => ({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: at('src-main/app/main.ts'),
          core: at('src-main/core/utility-entry.ts'),
          // Body parsing runs in a worker thread (mail/parse-pool.ts finds this file next to core.js).
          'parse-worker': at('src-main/core/mail/parse-worker.ts'),
          // A large sync pass lists header batches on a second connection in a worker (sync/header-lister.ts).
          'listing-worker': at('src-main/core/sync/listing-worker.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // Inline everything: the sandbox offers no node_modules to require from.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src-preload/index.ts') },
        output: {
          format: 'cjs',
          // .cjs: the package is "type": "module", and this file is CommonJS.
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  // The renderer config's own paths are evaluated in a bundled copy of it, so pin them.
  renderer: mergeConfig(await resolveRendererConfig(env), {
    root: at('src-renderer'),
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: { input: at('src-renderer/index.html') },
    },
  }),
}));
