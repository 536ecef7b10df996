/**
 * Headers-first sync asks the server for the nine header lines it reads
 * (`HEADER_FETCH_QUERY`: `BODY.PEEK[HEADER.FIELDS (...)]`) instead of the
 * whole header block. Real mail carries kilobytes of Received, DKIM and
 * signature lines per message that no list field comes from. Against the
 * real Dovecot and real mail (the parser-fixtures corpus, SpamAssassin's ham
 * and spam with their full transport headers, a slice of a mailing list),
 * every message must yield exactly the row and dedupe key the whole header
 * block yields: a different key would make the same mail two messages once
 * it is also stored whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareHeaderRow } from '../../src-main/core/mail/header-row.ts';
import { HEADER_FETCH_QUERY } from '../../src-main/core/sync/header-batch.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { startDovecot } from '../support/dovecot.ts';
import { corporaDir, parserFixtureFiles, parserFixturesPresent } from '../support/mail-fixtures.ts';

const USER = 'fields@example.test';
const spamassassin = path.join(corporaDir, 'spamassassin-public-corpus');
const mailingList = path.join(corporaDir, 'linux-mips-2001-2004', 'eml');
const present = parserFixturesPresent && fs.existsSync(spamassassin) && fs.existsSync(mailingList);
if (!present) console.warn(`the header-lines test needs the shared corpora (${corporaDir}): skipped`);

/** Every `step`-th file of a corpus folder, so each kind of sender is in the sample. */
function sample(dir: string, step: number): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => !/^SOURCE|\.json$/.test(name))
    .sort()
    .filter((_, i) => i % step === 0)
    .map((name) => path.join(dir, name));
}

let dovecot: DovecotServer;
let appended = 0;

beforeAll(async () => {
  if (!present) return;
  dovecot = await startDovecot({ users: [{ user: USER, password: 'pw' }] });
  const files = [
    ...parserFixtureFiles(),
    ...['easy_ham', 'hard_ham', 'spam', 'spam_2'].flatMap((folder) => sample(path.join(spamassassin, folder), 10)),
    ...sample(mailingList, 60),
  ];
  await dovecot.withClient(USER, async (client) => {
    for (const file of files) {
      const raw = fs.readFileSync(file);
      // A fixture that is not a message at all (an empty file) is nothing a server would hold.
      if (raw.length === 0) continue;
      await client.append('INBOX', raw);
      appended++;
    }
  });
}, 180_000);

afterAll(async () => {
  await dovecot?.stop();
});

async function headersBy(client: ImapFlow, query: typeof HEADER_FETCH_QUERY | { uid: true; size: true; internalDate: true; headers: true }): Promise<Map<number, { size: number; internalDate: number; headers: Buffer }>> {
  const out = new Map<number, { size: number; internalDate: number; headers: Buffer }>();
  for (const m of await client.fetchAll('1:*', query, { uid: true })) {
    const date = m.internalDate instanceof Date ? m.internalDate.getTime() : 0;
    out.set(m.uid, { size: m.size ?? 0, internalDate: date, headers: m.headers ?? Buffer.alloc(0) });
  }
  return out;
}

describe.skipIf(!present)('the header lines headers-first sync fetches', () => {
  it('give every real message the row and dedupe key its whole header block gives, from a fraction of the bytes', async () => {
    await dovecot.withClient(USER, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const whole = await headersBy(client, { uid: true, size: true, internalDate: true, headers: true });
      const fields = await headersBy(client, HEADER_FETCH_QUERY);
      expect(fields.size).toBe(appended);
      expect([...fields.keys()]).toEqual([...whole.keys()]);

      let withMessageId = 0;
      for (const [uid, full] of whole) {
        const picked = fields.get(uid);
        if (!picked) throw new Error(`UID ${uid} missing from the fields fetch`);
        const input = { accountId: 1, folderId: 1, uidvalidity: 1, uid, flags: [], size: full.size, internalDate: full.internalDate };
        const fromWhole = prepareHeaderRow({ ...input, headers: full.headers });
        const fromFields = prepareHeaderRow({ ...input, headers: picked.headers });
        expect({ uid, row: fromFields }).toEqual({ uid, row: fromWhole });
        if (fromWhole) withMessageId++;
      }
      // The sample is real mail: nearly all of it has a Message-ID, so the keys compared are real keys.
      expect(withMessageId).toBeGreaterThan(appended * 0.8);

      const bytes = (m: Map<number, { headers: Buffer }>): number => [...m.values()].reduce((sum, v) => sum + v.headers.length, 0);
      expect(bytes(fields)).toBeLessThan(bytes(whole) / 2);
    });
  }, 120_000);
});
