/**
 * The browser-mode door: only this launch's token, from our own origin, gets
 * in; whatever arrives gets a typed answer and core keeps serving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src-preload/api.ts';
import { startBrowserHost } from '../../src-main/core/host/browser-host.ts';
import type { BrowserHost } from '../../src-main/core/host/browser-host.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { createFileSecretStore } from '../../src-main/core/secrets/file-secret-store.ts';
import { startCore } from '../../src-main/core/service.ts';
import type { CoreService } from '../../src-main/core/service.ts';

let dir: string;
let core: CoreService;
let host: BrowserHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-host-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
  core = await startCore({ dataDir: path.join(dir, 'data'), mode: 'browser', secrets: createFileSecretStore(path.join(dir, 'data')), log: silentLogger });
  host = await startBrowserHost(core, { port: 0, rendererDir, log: silentLogger });
});

afterAll(async () => {
  await host.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/desk${query}`, { headers: { origin: `http://127.0.0.1:${host.port}`, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextReply(ws: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.kind === 'event') return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
  });
}

async function roundTrip(ws: WebSocket, frame: string): Promise<ServerMessage> {
  const reply = nextReply(ws);
  ws.send(frame);
  return reply;
}

describe('browser host', () => {
  it('refuses a WebSocket without the launch token, or with a wrong one', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('?token=not-the-token')).rejects.toThrow('HTTP 401');
  });

  it('refuses the right token from a foreign web page', async () => {
    await expect(connect(`?token=${host.token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers malformed and unknown messages with typed errors and keeps serving', async () => {
    const ws = await connect(`?token=${host.token}`);
    const notJson = await roundTrip(ws, 'this is not json');
    expect(notJson).toMatchObject({ kind: 'rejected', error: { code: 'bad-request' } });
    const noMethod = await roundTrip(ws, JSON.stringify({ kind: 'call', id: 1, method: 'drop.tables', params: {} }));
    expect(noMethod).toMatchObject({ kind: 'result', id: 1, result: { ok: false, error: { code: 'unknown-method' } } });
    const badParams = await roundTrip(ws, JSON.stringify({ kind: 'call', id: 2, method: 'messages.get', params: { id: 'one' } }));
    expect(badParams).toMatchObject({ kind: 'result', id: 2, result: { ok: false, error: { code: 'bad-request' } } });
    const info = await roundTrip(ws, JSON.stringify({ kind: 'call', id: 3, method: 'app.info', params: {} }));
    expect(info).toMatchObject({ kind: 'result', id: 3, result: { ok: true, value: { mode: 'browser', secretStorage: 'encrypted-file', hasWorkspace: false } } });
    ws.close();
  });

  it('serves the app with a strict CSP, and nothing outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const traversal = await fetch(`http://127.0.0.1:${host.port}/..%2Foutside.txt`);
    expect(traversal.status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `attacker.example:${host.port}` } }, (r) => resolve(r.statusCode ?? 0));
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(res).toBe(421);
  });
});
