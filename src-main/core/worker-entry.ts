/**
 * Where a worker thread's entry file is: next to the module that starts it
 * (core run from its `.ts` sources), or next to the bundle's entry
 * (electron-vite emits each worker as `<name>.js` beside `core.js`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function workerEntry(moduleUrl: string, name: string): string | null {
  const here = path.dirname(fileURLToPath(moduleUrl));
  const main = process.argv[1] ? path.dirname(process.argv[1]) : here;
  const candidates = [path.join(here, `${name}.ts`), path.join(here, `${name}.js`), path.join(main, `${name}.js`)];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}
