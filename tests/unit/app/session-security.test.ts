import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { createAppOrigin } from '../../../src-main/app/app-origin.ts';
import { createAppRequestHandler, registerAppScheme, resolveAppFile } from '../../../src-main/app/app-protocol.ts';
import { CONTENT_SECURITY_POLICY, hardenSession } from '../../../src-main/app/session-security.ts';
import { protocol } from 'electron';
import type { Session } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function headersFor(url: string, responseHeaders?: Record<string, string[]>): unknown {
  let answer: unknown = 'not called';
  fake.session.headersListener!({ url, responseHeaders }, (response) => {
    answer = response;
  });
  return answer;
}

describe('the session', () => {
  it('adds the strict CSP to the app’s own pages, replacing any the server sent', () => {
    hardenSession(fake.session as unknown as Session, createAppOrigin('http://127.0.0.1:5173'));
    const answer = headersFor('http://127.0.0.1:5173/index.html', {
      'content-type': ['text/html'],
      'content-security-policy': ["default-src *"],
    }) as { responseHeaders: Record<string, string[]> };
    expect(answer.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer.responseHeaders['content-security-policy']).toBeUndefined();
    expect(answer.responseHeaders['content-type']).toEqual(['text/html']);
  });

  it('spells out the policy the app promises', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-src 'self' blob: data:",
      "img-src 'self' data: blob: https: http:",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('sends no Referer when a mail’s images load from elsewhere, and leaves the app’s own requests alone', () => {
    hardenSession(fake.session as unknown as Session, createAppOrigin('http://127.0.0.1:5173'));
    const send = (url: string, requestHeaders: Record<string, string>): unknown => {
      let answer: unknown = 'not called';
      fake.session.sendHeadersListener!({ url, requestHeaders }, (response) => {
        answer = response;
      });
      return answer;
    };
    expect(send('https://tracker.example/pixel.png', { referer: 'http://127.0.0.1:5173/', Accept: 'image/*' })).toEqual({ requestHeaders: { Accept: 'image/*' } });
    expect(send('http://127.0.0.1:5173/assets/app.js', { Referer: 'http://127.0.0.1:5173/' })).toEqual({});
  });

  it('leaves responses of other origins alone', () => {
    hardenSession(fake.session as unknown as Session, createAppOrigin(null));
    expect(headersFor('https://example.com/')).toEqual({});
  });

  it('denies every permission request and check, and device access', () => {
    hardenSession(fake.session as unknown as Session, createAppOrigin(null));
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      (fake.session.permissionRequestHandler as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect((fake.session.permissionCheckHandler as unknown as () => boolean)()).toBe(false);
    expect((fake.session.devicePermissionHandler as unknown as () => boolean)()).toBe(false);
  });
});

describe('the app:// scheme', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'main.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), 'secret');
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), { force: true });
  });
  // Reads real files, as net.fetch would for a file: URL.
  const fetchFile = async (fileUrl: string): Promise<Response> => new Response(fs.readFileSync(fileURLToPath(fileUrl)));
  const handler = createAppRequestHandler(dir, fetchFile);

  it('is registered as a privileged standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves renderer files with the CSP header and the right type', async () => {
    const page = await handler(new Request('app://switchboard/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Switchboard</title>');
    const script = await handler(new Request('app://switchboard/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    const secret = `${path.basename(dir)}-secret.txt`;
    for (const url of [`app://switchboard/../${secret}`, `app://switchboard/%2e%2e/${secret}`, `app://switchboard/..%2f${secret}`, `app://switchboard/assets/..%5c..%5c${secret}`]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
    }
    expect(resolveAppFile(dir, `app://switchboard/%2e%2e%2f${secret}`)).toBeNull();
    expect(resolveAppFile(dir, 'app://other-host/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'app://switchboard/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(dir, 'app://switchboard/')).toBe(path.join(dir, 'index.html'));
  });

  it('answers 404 for missing files and for writes', async () => {
    expect((await handler(new Request('app://switchboard/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://switchboard/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
