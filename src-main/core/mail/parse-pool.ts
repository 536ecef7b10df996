/**
 * Parsing mail off core's main thread.
 *
 * Why: in the body phase of an initial sync mailparser is most of the work,
 * and core's main thread also has to read the server's responses (imapflow)
 * and store, while the second core sits idle. Parsing a whole source is pure
 * CPU work on bytes, so one worker thread does it while the main thread
 * fetches the next batch and stores the previous one; the main thread parses
 * a share of each request itself, as it would otherwise wait on the worker.
 * (Header blocks are parsed in-process: see docs/decisions.md.)
 *
 * Invariants:
 * - The worker and the in-process path run the same functions
 *   (`runParseRequest`), so results never depend on where they were computed.
 * - Every request is answered: when the worker cannot start (e.g. a bundle
 *   without its file) or dies, its pending and later requests are parsed
 *   in-process. Parsing never throws (parse.ts, header-fields.ts).
 * - The worker keeps the process alive only while it has requests pending.
 * - Results come back in request order, whichever thread parsed them.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry.ts';
import type { ParsedMessage } from './parse.ts';
import { parseMessage } from './parse.ts';

export interface SourceParseItem {
  raw: Buffer;
  fallbackDate: number;
}

export interface ParseRequest {
  id: number;
  items: SourceParseItem[];
}

export type ParseReply = { id: number; ok: true; messages: ParsedMessage[] } | { id: number; ok: false; error: string };

export interface MailParsing {
  messages(items: SourceParseItem[]): Promise<ParsedMessage[]>;
}

/** Structured clone turns Buffers into plain Uint8Arrays; the rest of core expects Buffers. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export async function runParseRequest(request: ParseRequest): Promise<ParsedMessage[]> {
  const messages: ParsedMessage[] = [];
  for (const i of request.items) messages.push(await parseMessage(asBuffer(i.raw), i.fallbackDate));
  return messages;
}

function withBuffers(messages: ParsedMessage[]): ParsedMessage[] {
  for (const m of messages) for (const a of m.attachments) a.content = asBuffer(a.content);
  return messages;
}

export const inProcessParsing: MailParsing = {
  messages: (items) => runParseRequest({ id: 0, items }),
};

/** Set to 1 to parse in-process (diagnostics: what the worker costs in memory and gains in time). */
export const NO_WORKER_ENV = 'SWITCHBOARD_NO_PARSE_WORKER';

// A small young generation keeps the worker's share of core's memory low; a message too large for
// the old-generation cap kills the worker, and parsing then continues in-process (see `fail`).
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 256 };

// Of each request, this share is parsed on the calling thread while the worker parses the rest. In the
// body phase core's main thread was idle more than half the time, waiting on the worker: with a third
// parsed here both cores work (bench:sync 10k: body phase 1.34x -> 1.23x the bare pipeline; 1/2 was
// no better, the main thread also has to read and store).
const IN_PROCESS_SHARE = 1 / 3;

interface Pending {
  request: ParseRequest;
  resolve(messages: ParsedMessage[]): void;
  reject(err: unknown): void;
}

class WorkerParsing implements MailParsing {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Whether requests currently go to the worker (false before the first one and after a failure). */
  get running(): boolean {
    return this.worker !== null;
  }

  messages(items: SourceParseItem[]): Promise<ParsedMessage[]> {
    if (items.length === 0) return Promise.resolve([]);
    const worker = this.ensureWorker();
    if (!worker) return runParseRequest({ id: 0, items });
    const here = Math.floor(items.length * IN_PROCESS_SHARE);
    if (here > 0) {
      const there = this.toWorker(worker, items.slice(0, items.length - here));
      const local = runParseRequest({ id: 0, items: items.slice(items.length - here) });
      return Promise.all([there, local]).then(([a, b]) => [...a, ...b]);
    }
    return this.toWorker(worker, items);
  }

  private toWorker(worker: Worker, items: SourceParseItem[]): Promise<ParsedMessage[]> {
    const request: ParseRequest = { id: this.nextId++, items };
    return new Promise<ParsedMessage[]>((resolve, reject) => {
      this.pending.set(request.id, { request, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    const file = process.env[NO_WORKER_ENV] === '1' ? null : workerEntry(import.meta.url, 'parse-worker');
    if (!file) {
      this.failed = true;
      return null;
    }
    try {
      const worker = new Worker(file, { resourceLimits: WORKER_LIMITS });
      worker.unref();
      worker.on('message', (reply: ParseReply) => this.answer(reply));
      worker.on('error', () => this.fail(worker));
      worker.on('exit', () => this.fail(worker));
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private answer(reply: ParseReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) p.resolve(withBuffers(reply.messages));
    else runParseRequest(p.request).then(p.resolve, p.reject);
  }

  /** The worker is gone: what it had not answered is parsed here, and so is everything after. */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failed = true;
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) runParseRequest(p.request).then(p.resolve, p.reject);
  }
}

let shared: WorkerParsing | null = null;

/** The process's parse worker (started on first use). */
export function mailParsing(): MailParsing {
  shared ??= new WorkerParsing();
  return shared;
}

/** For diagnostics and tests: whether parsing runs off the main thread right now. */
export function parseWorkerRunning(): boolean {
  return shared?.running ?? false;
}
