/**
 * Browser mode: the same core, reached from a browser tab instead of an
 * Electron window. Binds 127.0.0.1 only; the page is public (it is just the
 * app's code), the data behind /desk needs the launch token.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import type { CoreService } from '../service.ts';
import { serveStatic } from './static-files.ts';
import { attachGateway } from './ws-gateway.ts';

export interface BrowserHost {
  port: number;
  token: string;
  /** Open this; the token travels in the fragment, which browsers never send to servers or log. */
  url: string;
  close(): Promise<void>;
}

export async function startBrowserHost(core: CoreService, options: { port: number; rendererDir: string; log: Logger }): Promise<BrowserHost> {
  const token = crypto.randomBytes(32).toString('base64url');
  let port = options.port;
  const server = http.createServer((req, res) => serveStatic(options.rendererDir, port, req, res));
  const gateway = attachGateway(server, () => port, token, core, options.log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
