/**
 * Entry of core inside Electron, run by main with `utilityProcess.fork`.
 * Plain Node plus `process.parentPort` (which Electron adds to utility
 * processes): no electron import. Each renderer window arrives as a
 * MessagePort in a `connect-renderer` message; passwords are encrypted by
 * main's safeStorage through the secret broker.
 */
import { createLogger } from './log.ts';
import { defaultDataDir } from './paths.ts';
import { createBrokeredSecretStore } from './secrets/brokered-secret-store.ts';
import { startCore } from './service.ts';
import type { CoreToMain } from './shell-protocol.ts';
import { parseMainToCore } from './shell-protocol.ts';

/** The slice of Electron's MessagePortMain that core uses. */
interface PortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

async function main(): Promise<void> {
  if (!parentPort) throw new Error('utility-entry must run as an Electron utility process; use host.ts for browser mode.');
  const send = (msg: CoreToMain): void => parentPort.postMessage(msg);
  const dataDir = defaultDataDir();
  const log = createLogger({ dataDir });
  const broker = createBrokeredSecretStore(send);
  const ports = new Set<PortLike>();
  const earlyPorts: PortLike[] = [];
  let core: Awaited<ReturnType<typeof startCore>> | null = null;

  const attach = (port: PortLike): void => {
    if (!core) {
      earlyPorts.push(port);
      return;
    }
    const service = core;
    ports.add(port);
    port.on('message', (event) => {
      void service.handle(event.data).then((reply) => port.postMessage(reply));
    });
    port.on('close', () => ports.delete(port));
    port.start();
  };

  parentPort.on('message', (event) => {
    const msg = parseMainToCore(event.data);
    if (!msg) {
      log.warn('dropped invalid message from main');
      return;
    }
    if (msg.kind === 'connect-renderer') {
      const port = event.ports[0];
      if (port) attach(port);
    } else if (msg.kind === 'secret-result') {
      broker.handleResult(msg.id, msg.ok, msg.data, msg.error);
    } else if (msg.kind === 'shutdown') {
      void core?.close().then(() => process.exit(0));
    }
  });

  core = await startCore({ dataDir, mode: 'electron', secrets: broker.store, log });
  core.subscribe((event) => {
    for (const port of ports) port.postMessage({ kind: 'event', event });
  });
  for (const port of earlyPorts.splice(0)) attach(port);
  send({ kind: 'ready' });
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  parentPort?.postMessage({ kind: 'fatal', message } satisfies CoreToMain);
  process.stderr.write(`Switchboard core could not start: ${message}\n`);
  process.exit(1);
});
