/**
 * The parse worker must be invisible except for speed: what it returns is
 * exactly what parsing in-process returns, attachment bytes included, and a
 * dead worker still gets every request answered.
 */
import { describe, expect, it } from 'vitest';
import { inProcessParsing, mailParsing, parseWorkerRunning } from '../../../src-main/core/mail/parse-pool.ts';
import { buildMail } from '../../support/mail-fixtures.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('parse worker', () => {
  it('parses whole messages as in-process parsing does, attachment bytes as Buffers', async () => {
    const pdf = Buffer.from('%PDF-1.4 invoice bytes');
    const raw = buildMail({ subject: 'Invoice', text: 'See attached.', attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', content: pdf }] });
    const items = [{ raw, fallbackDate: NOW }, { raw: Buffer.from('not a mail at all'), fallbackDate: NOW }];
    const [viaWorker, broken] = await mailParsing().messages(items);
    const [here] = await inProcessParsing.messages(items);
    expect(parseWorkerRunning()).toBe(true);
    expect(viaWorker).toEqual(here);
    expect(Buffer.isBuffer(viaWorker?.attachments[0]?.content)).toBe(true);
    expect(viaWorker?.attachments[0]?.content.equals(pdf)).toBe(true);
    expect(viaWorker?.text.trim()).toBe('See attached.');
    expect(broken?.subject).toBe('(no subject)');
  });

  it('answers a request split between the worker and this thread in request order', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ raw: buildMail({ subject: `Order ${i}`, text: `body ${i}` }), fallbackDate: NOW }));
    const parsed = await mailParsing().messages(items);
    expect(parsed.map((m) => m.subject)).toEqual(items.map((_, i) => `Order ${i}`));
    expect(parsed).toEqual(await inProcessParsing.messages(items));
  });
});
