import { beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import {
  DEMO_MAILBOX_ADDRESS,
  generateDemoMailbox,
  planDemoMailbox,
  type DemoMessage,
} from '../../../src-main/core/demo/demo-mailbox.ts';
import type { PlannedMessage } from '../../../src-main/core/demo/planned-message.ts';

const NOW = Date.UTC(2025, 2, 10, 14, 37, 21, 512);
const SEED = 7;
const DAY = 86_400_000;

interface Parsed {
  message: DemoMessage;
  plan: PlannedMessage;
  mail: ParsedMail;
}

function addresses(field: AddressObject | AddressObject[] | undefined): { name: string; address: string }[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((object) => object.value).map((entry) => ({ name: entry.name, address: entry.address ?? '' }));
}

/** Strips reply prefixes the way a reader would (Re:, AW:, SV:, Odp:, RE :, ...). */
function baseSubject(subject: string): string {
  return subject.replace(/^(?:(?:re|aw|sv|odp|réf|res)\s?:\s*)+/i, '');
}

let messages: DemoMessage[];
let plan: PlannedMessage[];
let parsed: Parsed[];

beforeAll(async () => {
  const started = performance.now();
  messages = generateDemoMailbox({ seed: SEED, now: NOW });
  const elapsed = performance.now() - started;
  console.log(`generateDemoMailbox (default workspace): ${messages.length} messages in ${elapsed.toFixed(0)} ms`);
  plan = planDemoMailbox({ seed: SEED, now: NOW });
  parsed = [];
  for (let i = 0; i < messages.length; i++) {
    parsed.push({ message: messages[i] as DemoMessage, plan: plan[i] as PlannedMessage, mail: await simpleParser(messages[i]!.raw) });
  }
});

describe('determinism', () => {
  it('gives byte-identical messages, flags and dates for the same seed and now', () => {
    const again = generateDemoMailbox({ seed: SEED, now: NOW });
    expect(again.length).toBe(messages.length);
    again.forEach((message, i) => {
      const original = messages[i] as DemoMessage;
      expect(message.raw.equals(original.raw)).toBe(true);
      expect(message.flags).toEqual(original.flags);
      expect(message.date).toBe(original.date);
      expect(message.folder).toBe(original.folder);
    });
  });

  it('gives a different mailbox for a different seed', () => {
    const other = generateDemoMailbox({ seed: SEED + 1, now: NOW });
    const same = other.filter((message, i) => messages[i] !== undefined && message.raw.equals(messages[i]!.raw)).length;
    expect(same).toBe(0);
  });

  it('moves every date with `now`', () => {
    const later = generateDemoMailbox({ seed: SEED, now: NOW + 3 * DAY, conversations: 20 });
    const base = generateDemoMailbox({ seed: SEED, now: NOW, conversations: 20 });
    expect(later.map((m) => m.date - 3 * DAY)).toEqual(base.map((m) => m.date));
  });
});

describe('the default workspace', () => {
  it('holds at least 300 conversations with threads of 1 to 15 messages', () => {
    const threads = new Map<string, number>();
    for (const { mail, message } of parsed) {
      if (message.folder === 'Junk') continue;
      const references = typeof mail.references === 'string' ? [mail.references] : mail.references ?? [];
      const root = references[0] ?? (mail.messageId as string);
      threads.set(root, (threads.get(root) ?? 0) + 1);
    }
    const lengths = [...threads.values()];
    expect(threads.size).toBeGreaterThanOrEqual(300);
    expect(Math.min(...lengths)).toBe(1);
    expect(Math.max(...lengths)).toBe(15);
    // Most threads are short, as in a real support inbox.
    expect(lengths.filter((length) => length <= 4).length / lengths.length).toBeGreaterThan(0.7);
  });

  it('has customers writing in at least five languages, with agents answering in theirs', () => {
    const planned = new Set(plan.filter((m) => m.meta.role === 'customer').map((m) => m.meta.language));
    expect(planned.size).toBeGreaterThanOrEqual(5);
    const agentLanguages = new Set(parsed.filter((p) => p.message.folder === 'Sent').map((p) => String(p.mail.headers.get('content-language'))));
    expect([...agentLanguages].sort()).toEqual(expect.arrayContaining(['da', 'de', 'en', 'es', 'fr', 'pl', 'pt']));
    // The texts really are in those languages (read back through the MIME layer).
    const texts = parsed.map((p) => p.mail.text ?? '').join('\n');
    for (const phrase of ['Bestellung', 'commande', 'pedido', 'zamówienie', 'ordre', 'encomenda', 'order']) expect(texts).toContain(phrase);
  });

  it('parses every message with mailparser into exactly the subject, sender, recipients and text planned', () => {
    expect(parsed.length).toBe(plan.length);
    for (const { mail, plan: planned, message } of parsed) {
      expect(mail.messageId).toBe(planned.messageId);
      expect(mail.subject).toBe(planned.subject);
      expect(mail.date?.getTime()).toBe(message.date);
      const [from] = addresses(mail.from);
      expect(from?.address).toBe(planned.from.address);
      expect(from?.name).toBe(planned.from.name ?? '');
      expect(addresses(mail.to).map((a) => a.address)).toEqual(planned.to.map((a) => a.address));
      expect(addresses(mail.cc).map((a) => a.address)).toEqual(planned.cc.map((a) => a.address));
      expect(addresses(mail.replyTo)).toEqual((planned.replyTo ?? []).map((a) => ({ name: a.name ?? '', address: a.address })));
      expect(mail.text).toBe(planned.text);
    }
  });

  it('writes clean transport-safe RFC 5322: CRLF only, 7-bit bytes, lines within 998', () => {
    for (const { raw } of messages) {
      const source = raw.toString('latin1');
      expect(source).not.toMatch(/[^\r]\n/);
      expect(source).not.toMatch(/\r(?!\n)/);
      expect(raw.every((byte) => byte < 0x80)).toBe(true);
      expect(Math.max(...source.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(998);
      expect(source).toMatch(/^MIME-Version: 1\.0$/m);
    }
  });

  it('encodes non-ASCII headers and bodies as RFC 2047 / quoted-printable / base64, some in legacy charsets', () => {
    const sources = messages.map((m) => m.raw.toString('latin1'));
    expect(sources.some((s) => /^Subject: =\?UTF-8\?B\?/m.test(s))).toBe(true);
    expect(sources.some((s) => /^From: =\?UTF-8\?B\?/m.test(s))).toBe(true);
    expect(sources.some((s) => /=\?ISO-8859-(1|2)\?Q\?/.test(s))).toBe(true);
    expect(sources.some((s) => /Content-Transfer-Encoding: quoted-printable/.test(s))).toBe(true);
    for (const charset of ['iso-8859-1', 'iso-8859-2', 'windows-1252']) {
      const legacy = parsed.filter((p) => p.message.raw.toString('latin1').includes(`charset=${charset}`));
      expect(legacy.length, charset).toBeGreaterThan(0);
      // At least one of them carries characters the charset had to encode, and they read back right.
      expect(legacy.some((p) => /[^\x00-\x7f]/.test(p.mail.text ?? '')), charset).toBe(true);
    }
  });

  it('chains replies: In-Reply-To names an earlier message of the same thread, References the whole chain', () => {
    const byId = new Map(parsed.map((p) => [p.mail.messageId as string, p]));
    expect(byId.size).toBe(parsed.length);
    let replies = 0;
    for (const p of parsed) {
      const inReplyTo = p.mail.inReplyTo;
      if (!inReplyTo) continue;
      replies++;
      const parent = byId.get(inReplyTo);
      expect(parent, inReplyTo).toBeDefined();
      const references = typeof p.mail.references === 'string' ? [p.mail.references] : p.mail.references ?? [];
      expect(references.at(-1)).toBe(inReplyTo);
      const parentRefs = typeof parent!.mail.references === 'string' ? [parent!.mail.references] : parent!.mail.references ?? [];
      expect(references).toEqual([...parentRefs, inReplyTo]);
      expect(p.message.date).toBeGreaterThan(parent!.message.date);
      expect(p.plan.meta.conversation).toBe(parent!.plan.meta.conversation);
      expect(baseSubject(p.mail.subject ?? '')).toBe(baseSubject(parent!.mail.subject ?? ''));
      // Agents and customers take turns, and each reply quotes its parent.
      expect(p.message.folder === 'Sent').toBe(parent!.message.folder === 'INBOX');
    }
    expect(replies).toBeGreaterThan(500);
    const quoting = parsed.filter((p) => p.mail.inReplyTo && /\n> /.test(p.mail.text ?? ''));
    expect(quoting.length / replies).toBeGreaterThan(0.8);
    expect(parsed.some((p) => /^(AW|SV|Odp):/.test(p.mail.subject ?? ''))).toBe(true);
  });

  it('sends agent replies from the shared mailbox as a named agent with a signature, into Sent', () => {
    const sent = parsed.filter((p) => p.message.folder === 'Sent');
    expect(sent.length).toBeGreaterThan(200);
    for (const p of sent) {
      const [from] = addresses(p.mail.from);
      expect(from?.address).toBe(DEMO_MAILBOX_ADDRESS);
      expect(from?.name).toMatch(/^\S+ from Northwind$/);
      expect(p.mail.text).toMatch(/\n-- \n.+\n.+Northwind Outfitters\n/);
      expect(p.message.flags).toContain('\\Seen');
    }
    for (const p of parsed.filter((q) => q.message.folder === 'INBOX')) {
      expect(addresses(p.mail.from)[0]?.address).not.toBe(DEMO_MAILBOX_ADDRESS);
      expect(addresses(p.mail.to).map((a) => a.address)).toContain(DEMO_MAILBOX_ADDRESS);
    }
  });

  it('includes HTML mail with a text alternative, some with remote images, and some mail with Cc', () => {
    const html = parsed.filter((p) => typeof p.mail.html === 'string' && p.mail.html.length > 0);
    expect(html.length).toBeGreaterThan(50);
    for (const p of html) expect((p.mail.text ?? '').length).toBeGreaterThan(0);
    expect(html.some((p) => (p.mail.html as string).includes('<img src="https://tracker.example/'))).toBe(true);
    expect(parsed.filter((p) => addresses(p.mail.cc).length > 0).length).toBeGreaterThan(10);
  });

  it('includes real attachments: PNG photos, PDF invoices and return labels, a CSV', () => {
    const attachments = parsed.flatMap((p) => p.mail.attachments);
    const png = attachments.filter((a) => a.contentType === 'image/png');
    expect(png.length).toBeGreaterThan(3);
    for (const a of png) expect(a.content.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const invoices = attachments.filter((a) => /^invoice-\d{4}\.pdf$/.test(a.filename ?? ''));
    expect(invoices.length).toBeGreaterThan(3);
    for (const a of invoices) expect(a.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(attachments.some((a) => /^return-label-NW-\d+\.pdf$/.test(a.filename ?? ''))).toBe(true);
    expect(attachments.some((a) => a.filename === 'photo-damaged-box.png' || (a.filename ?? '').endsWith('.png'))).toBe(true);
    // A damaged-item opening that says "photo attached" really has one.
    for (const p of parsed.filter((q) => q.plan.meta.topic === 'damaged-item' && q.plan.meta.position === 0 && /attached|angehängt|pièce jointe|Adjunto|załączniku|vedhæftet|anexo/.test(q.mail.text ?? ''))) {
      expect(p.mail.attachments.some((a) => a.contentType === 'image/png')).toBe(true);
    }
  });

  it('puts about 5% obvious spam in Junk', () => {
    const junk = parsed.filter((p) => p.message.folder === 'Junk');
    expect(junk.length / parsed.length).toBeGreaterThan(0.005);
    expect(junk.length).toBe(Math.round(320 * 0.05));
    expect(junk.every((p) => p.mail.headers.get('x-spam-flag') === 'YES')).toBe(true);
    expect(junk.some((p) => /won|lottery|bitcoin|invoice|parcel|deactivated/i.test(`${p.mail.subject} ${p.mail.text}`))).toBe(true);
  });

  it('uses only reserved .test/.example domains, in addresses and in links', () => {
    const reserved = /\.(test|example)$/i;
    for (const p of parsed) {
      for (const entry of [...addresses(p.mail.from), ...addresses(p.mail.to), ...addresses(p.mail.cc)]) {
        expect(entry.address.split('@')[1], entry.address).toMatch(reserved);
      }
      expect((p.mail.messageId ?? '').replace(/>$/, '').split('@')[1]).toMatch(reserved);
      const body = `${p.mail.text ?? ''}\n${typeof p.mail.html === 'string' ? p.mail.html : ''}`;
      for (const match of body.matchAll(/https?:\/\/([^/\s"'<>?|)]+)/g)) expect(match[1], match[0]).toMatch(reserved);
      for (const match of body.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)) expect(match[1], match[0]).toMatch(reserved);
    }
  });

  it('spreads dates over the last 60 days, newest within hours of now, recent customer mail partly unread', () => {
    const dates = messages.map((m) => m.date);
    expect(Math.max(...dates)).toBeLessThanOrEqual(NOW);
    expect(Math.max(...dates)).toBeGreaterThan(NOW - 6 * 3_600_000);
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(NOW - 60 * DAY);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    for (let week = 0; week < 8; week++) {
      expect(dates.some((d) => d <= NOW - week * 7 * DAY && d > NOW - (week + 1) * 7 * DAY), `week ${week}`).toBe(true);
    }
    const inbox = messages.filter((m) => m.folder === 'INBOX');
    const unread = inbox.filter((m) => !m.flags.includes('\\Seen'));
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.length / inbox.length).toBeLessThan(0.25);
    const old = inbox.filter((m) => m.date < NOW - 14 * DAY);
    expect(old.filter((m) => m.flags.includes('\\Seen')).length / old.length).toBeGreaterThan(0.9);
  });
});

describe('options', () => {
  it('makes the requested number of conversations', () => {
    const small = generateDemoMailbox({ seed: 3, now: NOW, conversations: 12 });
    const roots = new Set(planDemoMailbox({ seed: 3, now: NOW, conversations: 12 }).filter((m) => m.folder !== 'Junk').map((m) => m.meta.conversation));
    expect(roots.size).toBe(12);
    expect(small.filter((m) => m.folder === 'Junk').length).toBe(1);
    expect(generateDemoMailbox({ now: NOW, conversations: 0 })).toEqual([]);
  });

  it('rejects bad options with a clear error', () => {
    expect(() => generateDemoMailbox({ now: Number.NaN })).toThrow(/"now"/);
    expect(() => generateDemoMailbox({ now: NOW, seed: 1.5 })).toThrow(/"seed"/);
    expect(() => generateDemoMailbox({ now: NOW, conversations: -1 })).toThrow(/"conversations"/);
    expect(() => generateDemoMailbox({ now: NOW, conversations: 1e9 })).toThrow(/"conversations"/);
  });
});
