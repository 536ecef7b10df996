/**
 * The listing worker's side (a worker_threads entry; header-lister.ts starts
 * it for a large folder pass). It holds a second, read-only IMAP connection
 * and turns header batches into prepared rows, so the main thread only
 * stores them. It touches no database and no file: when it fails, the main
 * thread lists the batch itself and nothing but speed changes.
 */
import type { ImapFlow } from 'imapflow';
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../clock.ts';
import { closeGracefully, createImapClient } from './imap-client.ts';
import type { ListingReply, ListingRequest, ListingStart } from './listing-protocol.ts';
import { serveListingRequest } from './listing-protocol.ts';

const port = parentPort;
if (!port) throw new Error('listing-worker.ts runs only as a worker thread');
const start = workerData as ListingStart;

let client: ImapFlow | null = null;
let connecting: Promise<ImapFlow> | null = null;
// A refused login is not tried again (each try waits out the server's failure delay): the main thread retires this worker.
let refused: unknown = null;

function connected(): Promise<ImapFlow> {
  if (client?.usable) return Promise.resolve(client);
  if (refused !== null) return Promise.reject(refused instanceof Error ? refused : new Error(String(refused)));
  connecting ??= (async () => {
    const c = createImapClient(start.imap, start.timeouts, { disableAutoIdle: true });
    // A lost connection fails the request in flight; the main thread then stops asking this worker.
    c.on('error', () => undefined);
    try {
      await c.connect();
    } catch (err) {
      if ((err as { authenticationFailed?: boolean }).authenticationFailed === true) refused = err;
      throw err;
    }
    client = c;
    return c;
  })().finally(() => {
    connecting = null;
  });
  return connecting;
}

async function serve(request: ListingRequest): Promise<ListingReply> {
  try {
    return { id: request.id, ok: true, prepared: await serveListingRequest(await connected(), request) };
  } catch (err) {
    return { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

// One request at a time, in the order asked: the main thread stores batches in that order. The first thing
// done is logging in, while the main thread still plans the pass; a failure shows in the first request's reply.
const ready = (): void => port.postMessage('ready');
let queue: Promise<void> = connected().then(ready, ready);

port.on('message', (message: ListingRequest | 'close') => {
  if (message === 'close') {
    queue = queue.then(async () => {
      if (client) await closeGracefully(client, systemClock, 1_000);
      port.close();
    });
    return;
  }
  queue = queue.then(async () => port.postMessage(await serve(message)));
});
