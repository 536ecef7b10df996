/**
 * The browser-mode door to core: a WebSocket on 127.0.0.1 that admits only
 * clients presenting this launch's secret token (another local program or a
 * web page must not read the team's mail) from our own origin. Every frame
 * goes through the core's dispatcher, which validates it; events fan out to
 * every admitted client.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { MAX_MESSAGE_BYTES } from '../rpc/router.ts';
import type { CoreService } from '../service.ts';
import { allowedHost } from './static-files.ts';

export const DESK_PATH = '/desk';

export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachGateway(server: Server, port: () => number, token: string, core: CoreService, log: Logger): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== DESK_PATH) return refuse(socket, 404, 'Not Found');
    if (!allowedHost(req.headers.host, port())) return refuse(socket, 421, 'Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port()}` && origin !== `http://localhost:${port()}`) {
      log.warn('refused WebSocket from a foreign origin', { origin });
      return refuse(socket, 403, 'Forbidden');
    }
    if (!tokensMatch(token, url.searchParams.get('token'))) {
      log.warn('refused WebSocket without the launch token');
      return refuse(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? null : data.toString();
        void core.handle(text ?? { binary: true }).then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        });
      });
      ws.on('close', () => clients.delete(ws));
      ws.on('error', (err) => log.warn('WebSocket error', { err }));
    });
  });

  const unsubscribe = core.subscribe((event) => {
    const frame = JSON.stringify({ kind: 'event', event });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  return {
    close() {
      unsubscribe();
      for (const ws of clients) ws.close(1001, 'core shutting down');
      wss.close();
    },
  };
}
