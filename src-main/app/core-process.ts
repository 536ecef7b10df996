/**
 * Runs core as an Electron utility process and keeps it running.
 *
 * Invariants:
 * - At most one core at a time (it is the single writer of the cache).
 * - Core counts as ready only after it says `{kind:'ready'}`; every fork
 *   starts not ready, so nobody hands a MessagePort to a core that is not
 *   listening yet.
 * - An exit we did not ask for is a crash: core is forked again after a
 *   delay that doubles per crash (capped). A core that stayed up for
 *   `stableMs` has its crash count reset; after `maxRestarts` quick crashes
 *   in a row we stop trying and say so (a crash loop would burn the CPU and
 *   hide the cause).
 * - Every message from core is validated (`parseCoreToMain`); invalid ones
 *   are logged and dropped.
 */
import { utilityProcess } from 'electron';
import type { MessagePortMain, UtilityProcess } from 'electron';
import { CORE_ENV, parseCoreToMain } from '../core/shell-protocol.ts';
import type { CoreToMain, MainToCore } from '../core/shell-protocol.ts';
import type { Logger } from './log.ts';

/** Runs `run` after `delayMs`; returns a cancel function. */
export type Scheduler = (delayMs: number, run: () => void) => () => void;

export const realScheduler: Scheduler = (delayMs, run) => {
  const timer = setTimeout(run, delayMs);
  return () => clearTimeout(timer);
};

export interface Backoff {
  initialMs: number;
  maxMs: number;
  maxRestarts: number;
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, maxRestarts: 8, stableMs: 60_000 };

export interface CoreProcessOptions {
  modulePath: string;
  dataDir: string;
  log: Logger;
  /** Every valid message from core, `ready` included. */
  onMessage(message: CoreToMain): void;
  /** Core (first start or after a restart) is listening. */
  onReady(): void;
  /** Core kept crashing; no more restarts. */
  onGiveUp(): void;
  baseEnv?: NodeJS.ProcessEnv;
  schedule?: Scheduler;
  now?: () => number;
  backoff?: Backoff;
}

export interface CoreProcess {
  start(): void;
  isReady(): boolean;
  /** False when there is no core to send to (crashed, restarting, stopped). */
  post(message: MainToCore, transfer?: MessagePortMain[]): boolean;
  /** Ask core to shut down; kill it if it has not exited after `timeoutMs`. No restarts afterwards. */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Node flags for core. A sync allocates fast but keeps little alive (~35 MB
 * of live heap at 20,000 messages), and V8 sizes its heap for the garbage:
 * - semi-spaces of at most 8 MB (V8's default grows them to 32 MB+ under a
 *   sync's allocation rate; few objects survive a scavenge, so more frequent
 *   ones cost little);
 * - the old generation may grow by half its live size before a full GC
 *   (V8's default factor is up to 4×, so the committed heap, and RSS with
 *   it, ratcheted up to ~150 MB of mostly garbage).
 * bench:sync at 20,000 messages: peak RSS 339 → 258 MB with 16 MB
 * semi-spaces, at the same speed; at 50,000, 8 MB took another ~21 MB off
 * for a few percent of speed (docs/decisions.md). The browser-mode host
 * (scripts/start.sh, `npm run host`) and the benchmark start core with the
 * same flags.
 */
export const CORE_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];

/**
 * Environment for core's memory. glibc gives every thread that allocates
 * (main, the parse worker, libuv's pool, SQLite's callers) its own malloc
 * arena, and freed memory stays fragmented in each. Two arenas took 20-45 MB
 * off core's peak RSS in bench:sync, one another ~18 MB at 50,000 messages
 * (docs/decisions.md), both at the same speed. Other platforms ignore it;
 * a value the user set wins.
 */
export const CORE_MEMORY_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

export function coreEnv(baseEnv: NodeJS.ProcessEnv, dataDir: string): Record<string, string> {
  const env: Record<string, string> = { ...CORE_MEMORY_ENV };
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  env[CORE_ENV.dataDir] = dataDir;
  env[CORE_ENV.mode] = 'electron';
  return env;
}

export function createCoreProcess(options: CoreProcessOptions): CoreProcess {
  const { log } = options;
  const schedule = options.schedule ?? realScheduler;
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let child: UtilityProcess | null = null;
  let ready = false;
  let stopping = false;
  let quickCrashes = 0;
  let startedAt = 0;
  let cancelRestart: (() => void) | null = null;
  let exitWaiters: Array<() => void> = [];

  const onRawMessage = (raw: unknown): void => {
    const message = parseCoreToMain(raw);
    if (message === null) {
      log.warn('dropped an invalid message from core', { kind: typeof raw === 'object' && raw !== null ? String((raw as { kind?: unknown }).kind).slice(0, 40) : typeof raw });
      return;
    }
    if (message.kind === 'ready' && !ready) {
      ready = true;
      log.info('core is ready');
      options.onReady();
    }
    options.onMessage(message);
  };

  const onExit = (proc: UtilityProcess, code: number): void => {
    if (child !== proc) return;
    child = null;
    ready = false;
    const waiters = exitWaiters;
    exitWaiters = [];
    waiters.forEach((resolve) => resolve());
    if (stopping) {
      log.info('core stopped', { code });
      return;
    }
    if (now() - startedAt >= backoff.stableMs) quickCrashes = 0;
    quickCrashes += 1;
    if (quickCrashes > backoff.maxRestarts) {
      log.error('core keeps stopping; giving up', { code, crashes: quickCrashes });
      options.onGiveUp();
      return;
    }
    const delayMs = Math.min(backoff.initialMs * 2 ** (quickCrashes - 1), backoff.maxMs);
    log.warn('core stopped unexpectedly; restarting', { code, delayMs, crashes: quickCrashes });
    cancelRestart = schedule(delayMs, () => {
      cancelRestart = null;
      start();
    });
  };

  const start = (): void => {
    if (child !== null || stopping) return;
    startedAt = now();
    ready = false;
    const proc = utilityProcess.fork(options.modulePath, [], {
      serviceName: 'Switchboard core',
      execArgv: [...CORE_EXEC_ARGV],
      env: coreEnv(options.baseEnv ?? process.env, options.dataDir),
    });
    child = proc;
    proc.on('spawn', () => log.info('core started', { pid: proc.pid }));
    proc.on('message', onRawMessage);
    proc.on('error', (type, location) => log.error('core reported a fatal error', { type, location }));
    proc.on('exit', (code) => onExit(proc, code));
  };

  return {
    start,
    isReady: () => ready,
    post(message, transfer) {
      if (child === null) return false;
      child.postMessage(message, transfer ?? []);
      return true;
    },
    stop(timeoutMs) {
      stopping = true;
      cancelRestart?.();
      cancelRestart = null;
      const proc = child;
      if (proc === null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const cancelKill = schedule(timeoutMs, () => {
          log.warn('core did not stop in time; killing it', { timeoutMs });
          proc.kill();
          // Quitting must not hang on a process that will not even die.
          resolve();
        });
        exitWaiters.push(() => {
          cancelKill();
          resolve();
        });
        proc.postMessage({ kind: 'shutdown' } satisfies MainToCore);
      });
    },
  };
}
