/**
 * Rules act on new conversations from customers and leave delivery reports
 * and absence notices alone. The mail's own headers, read when it was
 * listed, say which is which: a customer asking about a vacation rental is
 * routed like anyone else, and a report with an ordinary subject is not.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import '../../../src-main/core/contacts/contact-step.ts';
import '../../../src-main/core/rules/rule-step.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import type { PreparedHeaderRow } from '../../../src-main/core/mail/header-row.ts';
import { prepareHeaderRow } from '../../../src-main/core/mail/header-row.ts';
import { storeBatch } from '../../../src-main/core/mail/ingest.ts';
import { saveRule } from '../../../src-main/core/rules/rule-store.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';
import { buildMail, seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
let accountId: number;
let inbox: number;
const now = Date.now();

beforeEach(() => {
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db, 'support@example.test');
  inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  const clock = new ManualClock(now - 60_000);
  saveRule(db, createLocalActor(db, clock), {
    name: 'Everything to sales',
    enabled: true,
    conditions: [{ field: 'from', operator: 'contains', value: '@shop.example' }],
    actions: [{ kind: 'tag', tag: 'sales' }],
  }, clock.now());
});
afterEach(() => db.close());

let uid = 0;
function listed(messageId: string, subject: string, headers: string[] = []): PreparedHeaderRow {
  const raw = buildMail({ messageId, subject, from: `Ann <ann@shop.example>`, to: 'support@example.test', date: new Date(now), headers });
  const r = prepareHeaderRow({ accountId, folderId: inbox, uidvalidity: 1, uid: ++uid, flags: [], size: raw.length, headers: raw.subarray(0, raw.indexOf('\r\n\r\n') + 4), internalDate: now });
  if (!r) throw new Error('needs a Message-ID');
  return r;
}

/** The Message-IDs whose conversations the rule's tag op names. */
function tagged(): string[] {
  const rows = db.prepare("SELECT entity FROM ops WHERE field LIKE 'tag:%' ORDER BY entity").all() as Array<{ entity: string }>;
  return rows.map((r) => r.entity);
}

it('routes a customer whose subject only sounds automatic, and leaves a report titled like ordinary mail alone', () => {
  storeBatch(db, [
    listed('rental@shop.example', 'Vacation rental for June'),
    listed('report@shop.example', 'Your order 1043', ['Content-Type: multipart/report; report-type=delivery-status; boundary="b"']),
    listed('plain@shop.example', 'Your order 1044'),
  ], []);
  expect(tagged()).toEqual([messageEntity('plain@shop.example'), messageEntity('rental@shop.example')]);
});
