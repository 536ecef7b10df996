/**
 * Vite config for the renderer. electron-vite imports this as its renderer
 * section, and `vite build -c src-renderer/vite.config.ts` uses it directly
 * for browser mode (the core host serves out/renderer).
 *
 * Why no plugin-react: Vite 8 transforms JSX with oxc; the automatic runtime
 * is all we need (no Fast Refresh dependency in the build).
 */
import type { UserConfig } from 'vite';

import { fileURLToPath } from 'node:url';

// Runs in Node (Vite's config loader; type-checked by tsconfig.node.json).
const here = fileURLToPath(new URL('.', import.meta.url));

const config: UserConfig = {
  root: here,
  // Relative asset URLs: the page loads from app://switchboard/ in Electron and from the host in browser mode.
  base: './',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
  },
};

export default config;
