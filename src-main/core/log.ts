/**
 * Core's log: one JSON object per line, to stderr and (when configured) to
 * `<dataDir>/logs/core.log`. Errors shown to agents in plain words are logged
 * here with their technical detail, so support can be given from the file.
 * Secrets never go in: callers log settings without passwords.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface Sink {
  minLevel: LogLevel;
  file: fs.WriteStream | null;
  stderr: boolean;
}

function errorFields(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return fields;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    // The stack says where a fault happened; ten frames are enough to find it and keep the file small.
    out[k] = v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code, stack: v.stack?.split('\n').slice(0, 11).join('\n') } : v;
  }
  return out;
}

function make(sink: Sink, scope: string): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (order[level] < order[sink.minLevel]) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...errorFields(fields) });
    if (sink.stderr) process.stderr.write(line + '\n');
    sink.file?.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (s) => make(sink, `${scope}.${s}`),
  };
}

export interface LoggerOptions {
  dataDir?: string;
  minLevel?: LogLevel;
  stderr?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  let file: fs.WriteStream | null = null;
  if (options.dataDir) {
    const dir = path.join(options.dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    file = fs.createWriteStream(path.join(dir, 'core.log'), { flags: 'a', mode: 0o600 });
  }
  const envLevel = process.env.SWITCHBOARD_LOG_LEVEL as LogLevel | undefined;
  const minLevel = options.minLevel ?? (envLevel && envLevel in order ? envLevel : 'info');
  return make({ minLevel, file, stderr: options.stderr ?? true }, 'core');
}

/** For tests and tools that want silence. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
