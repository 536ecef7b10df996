/**
 * The shell's log: the same JSON-lines shape as core's (`src-main/core/log.ts`),
 * scope `main`, to stderr and `<userData>/logs/main.log`, so one support
 * bundle reads the same way for both processes. Secrets never go in: callers
 * log kinds and counts, never passwords, ciphertext or mail addresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger, LogLevel } from '../core/log.ts';

export type { Logger } from '../core/log.ts';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function describe(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  }
  return out;
}

export function createMainLogger(logDir: string | null, minLevel: LogLevel = 'info'): Logger {
  let file: fs.WriteStream | null = null;
  if (logDir) {
    try {
      fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
      file = fs.createWriteStream(path.join(logDir, 'main.log'), { flags: 'a', mode: 0o600 });
    } catch (err) {
      // A read-only profile must not stop the app from starting; stderr still works.
      process.stderr.write(`switchboard: cannot open main.log: ${String(err)}\n`);
    }
  }
  const make = (scope: string): Logger => {
    const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
      if (order[level] < order[minLevel]) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...describe(fields) });
      process.stderr.write(line + '\n');
      file?.write(line + '\n');
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (s) => make(`${scope}.${s}`),
    };
  };
  return make('main');
}
