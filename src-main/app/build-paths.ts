/**
 * Where the built pieces sit relative to the built main script. These names
 * are fixed by electron.vite.config.ts (out/main/{index,core}.js,
 * out/preload/index.cjs, out/renderer/); change both together.
 */
import path from 'node:path';

export interface BuildPaths {
  preload: string;
  core: string;
  renderer: string;
}

export function resolveBuildPaths(mainDir: string): BuildPaths {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    core: path.join(mainDir, 'core.js'),
    renderer: path.join(mainDir, '..', 'renderer'),
  };
}
