/** Small real collaborators for the shell's tests: a logger that remembers, a clock you move by hand. */
import type { Logger } from '../../../src-main/app/log.ts';
import type { Scheduler } from '../../../src-main/app/core-process.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  scope: string;
  msg: string;
  fields: Record<string, unknown> | undefined;
}

export function recordingLogger(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const make = (scope: string): Logger => ({
    debug: (msg, fields) => entries.push({ level: 'debug', scope, msg, fields }),
    info: (msg, fields) => entries.push({ level: 'info', scope, msg, fields }),
    warn: (msg, fields) => entries.push({ level: 'warn', scope, msg, fields }),
    error: (msg, fields) => entries.push({ level: 'error', scope, msg, fields }),
    child: (s) => make(`${scope}.${s}`),
  });
  return { log: make('test'), entries };
}

interface Task {
  at: number;
  run: () => void;
  cancelled: boolean;
}

/** A scheduler whose time moves only when the test says so. */
export function manualClock(): { schedule: Scheduler; now: () => number; advance(ms: number): void; pending(): number[] } {
  let time = 0;
  const tasks: Task[] = [];
  return {
    now: () => time,
    schedule(delayMs, run) {
      const task: Task = { at: time + delayMs, run, cancelled: false };
      tasks.push(task);
      return () => {
        task.cancelled = true;
      };
    },
    advance(ms) {
      const until = time + ms;
      for (;;) {
        const due = tasks.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        time = due.at;
        due.cancelled = true;
        due.run();
      }
      time = until;
    },
    pending: () => tasks.filter((t) => !t.cancelled).map((t) => t.at - time),
  };
}
