import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createMailtoInbox, findMailtoArg, parseMailto, registerMailtoHandler } from '../../../src-main/app/mailto.ts';
import { app } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

describe('parseMailto', () => {
  it('reads recipients, subject and body (RFC 6068 percent-encoding, + is literal)', () => {
    expect(parseMailto('mailto:ada@example.com,bob@example.org?cc=carol@example.net&subject=Order%20%2342+late&body=Hi%0D%0Athere')).toEqual({
      to: ['ada@example.com', 'bob@example.org'],
      cc: ['carol@example.net'],
      bcc: [],
      subject: 'Order #42+late',
      body: 'Hi\nthere',
    });
  });

  it('accepts an empty mailto: (a blank compose) and upper-case schemes and header names', () => {
    expect(parseMailto('mailto:')).toEqual({ to: [], cc: [], bcc: [], subject: '', body: '' });
    expect(parseMailto('MAILTO:a@example.com?SUBJECT=Hi')?.subject).toBe('Hi');
  });

  it('keeps header injection out of the subject and ignores other headers', () => {
    const request = parseMailto('mailto:a@example.com?subject=Hi%0D%0ABcc:%20victim@example.com&from=ceo@example.com&attach=/etc/passwd');
    expect(request?.subject).toBe('Hi Bcc: victim@example.com');
    expect(request?.bcc).toEqual([]);
    expect(Object.keys(request!)).toEqual(['to', 'cc', 'bcc', 'subject', 'body']);
  });

  it('drops things that are not addresses, and rejects broken encodings and other schemes', () => {
    expect(parseMailto('mailto:not-an-address,ok@example.com,%3Cscript%3E@x')?.to).toEqual(['ok@example.com']);
    expect(parseMailto('mailto:a@example.com?subject=%E0%A4%A')).toBeNull();
    expect(parseMailto('https://example.com')).toBeNull();
    expect(parseMailto(`mailto:a@example.com?body=${'x'.repeat(70_000)}`)).toBeNull();
  });

  it('caps recipients and body length', () => {
    const many = Array.from({ length: 150 }, (_, i) => `u${i}@example.com`).join(',');
    expect(parseMailto(`mailto:${many}`)?.to).toHaveLength(100);
    expect(parseMailto(`mailto:?body=${'y'.repeat(40_000)}`)?.body).toHaveLength(32 * 1024);
  });
});

describe('mailto: handling', () => {
  it('finds the link among launch arguments', () => {
    expect(findMailtoArg(['/opt/Switchboard/switchboard', '--no-sandbox', 'mailto:a@example.com'])).toBe('mailto:a@example.com');
    expect(findMailtoArg(['/opt/Switchboard/switchboard'])).toBeNull();
  });

  it('registers as the mailto: handler only in the packaged app', () => {
    const { log } = recordingLogger();
    registerMailtoHandler(false, log);
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    registerMailtoHandler(true, log);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('mailto');
  });

  it('keeps a received link for compose, logs only counts, and focuses the window', () => {
    const { log, entries } = recordingLogger();
    let focused = 0;
    const inbox = createMailtoInbox(log, () => focused++);
    inbox.receive('mailto:secret.person@example.com?subject=Private');
    inbox.receive('mailto:?subject=%ZZ');
    expect(focused).toBe(1);
    expect(inbox.take()).toEqual([{ to: ['secret.person@example.com'], cc: [], bcc: [], subject: 'Private', body: '' }]);
    expect(inbox.take()).toEqual([]);
    expect(JSON.stringify(entries)).not.toContain('secret.person');
    expect(entries.some((e) => e.level === 'warn' && e.msg.includes('malformed'))).toBe(true);
  });
});
