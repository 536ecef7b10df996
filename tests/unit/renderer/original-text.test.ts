/**
 * What the "Show original" dialog shows: the header block apart (it is what
 * "Copy headers" copies), the body undecoded, and no more than it can show
 * quickly; the saved file always has everything.
 */
import { describe, expect, it } from 'vitest';
import { originalText, SHOWN_BYTES } from '../../../src-renderer/features/reading-view/original-text.ts';
import { originalFileName } from '../../../src-main/core/messages/message-original.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('originalText', () => {
  it('splits the header block from the body at the first empty line, CRLF or LF', () => {
    expect(originalText(b64('Subject: Hi\r\nFrom: a@x\r\n\r\nBody\r\n\r\nmore'))).toEqual({ headers: 'Subject: Hi\r\nFrom: a@x', body: 'Body\r\n\r\nmore', cut: 0 });
    expect(originalText(b64('Subject: Hi\n\nBody'))).toEqual({ headers: 'Subject: Hi', body: 'Body', cut: 0 });
    expect(originalText(b64('Subject: only headers'))).toEqual({ headers: 'Subject: only headers', body: '', cut: 0 });
  });

  it('reads 8-bit bodies as UTF-8 and leaves encoded ones as they are', () => {
    const raw = Buffer.concat([Buffer.from('Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\n'), Buffer.from('Grüße, Zoë')]);
    const text = originalText(b64(raw));
    expect(text.headers).toBe('Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=');
    expect(text.body).toBe('Grüße, Zoë');
  });

  it('shows at most SHOWN_BYTES and says how much is left out', () => {
    const raw = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(SHOWN_BYTES + 1000, 'a')]);
    const text = originalText(b64(raw));
    expect(text.headers.length + 4 + text.body.length).toBe(SHOWN_BYTES);
    expect(text.cut).toBe(raw.length - SHOWN_BYTES);
  });
});

describe('originalFileName', () => {
  it('names the file after the subject, without characters file systems refuse', () => {
    expect(originalFileName('Re: Lamp / arrived broken?')).toBe('Re Lamp arrived broken.eml');
    expect(originalFileName('  ')).toBe('message.eml');
    expect(originalFileName('a\u0000b\tc')).toBe('a b c.eml');
    expect(originalFileName('x'.repeat(300))).toBe(`${'x'.repeat(80)}.eml`);
  });
});
