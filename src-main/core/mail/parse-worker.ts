/**
 * The parse worker's side (a worker_threads entry; parse-pool.ts starts it).
 * Pure CPU work only: whole sources → parsed messages. It touches no database and no file, so a crash or a missing
 * worker changes nothing but speed (parse-pool.ts then parses in-process).
 */
import { parentPort } from 'node:worker_threads';
import type { ParseReply, ParseRequest } from './parse-pool.ts';
import { runParseRequest } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

port.on('message', (request: ParseRequest) => {
  // Structured clone copies the results (attachment bytes included); nothing is shared between threads.
  void runParseRequest(request).then(
    (messages) => port.postMessage({ id: request.id, ok: true, messages } satisfies ParseReply),
    (err: unknown) => port.postMessage({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ParseReply),
  );
});
