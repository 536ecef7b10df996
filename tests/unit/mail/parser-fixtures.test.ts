/**
 * Every message of the shared parser-fixtures corpus (MIME torture tests,
 * malformed multiparts, bad charsets, DSN/MDN, deep nesting) must parse, store
 * and read back without an exception, with something displayable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { getMessage } from '../../../src-main/core/db/messages.repo.ts';
import { ingestMessage } from '../../../src-main/core/mail/ingest.ts';
import { parseMessage } from '../../../src-main/core/mail/parse.ts';
import { parserFixtureFiles, parserFixturesDir, parserFixturesPresent, seedAccount } from '../../support/mail-fixtures.ts';

const files = parserFixturesPresent ? parserFixtureFiles() : [];
let db: Database;
let dataDir: string;
let accountId: number;
let folderId: number;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-fixtures-'));
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db);
  folderId = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
});

afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!parserFixturesPresent)('parser-fixtures corpus (skipped when ../shared/corpora is absent)', () => {
  it('is where the README says, with its 200+ messages', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it.each(files.map((f) => [path.relative(parserFixturesDir, f), f]))('%s parses, stores and reads back', async (_name, file) => {
    const raw = fs.readFileSync(file);
    const parsed = await parseMessage(raw, Date.UTC(2026, 0, 1));
    expect(parsed.subject.length).toBeGreaterThan(0);
    expect(typeof parsed.text).toBe('string');
    expect(Number.isFinite(parsed.date)).toBe(true);
    expect(parsed.snippet.length).toBeLessThanOrEqual(201);

    const uid = files.indexOf(file) + 1;
    const input = { accountId, folderId, uidvalidity: 1, uid, flags: [], raw, internalDate: Date.UTC(2026, 0, 1) };
    const first = await ingestMessage(db, dataDir, input);
    const again = await ingestMessage(db, dataDir, input);
    expect(again).toEqual({ messageRowId: first.messageRowId, created: false, locationAdded: false });

    const detail = getMessage(db, first.messageRowId);
    expect(detail?.subject).toBe(parsed.subject);
    expect(detail?.text).toBe(parsed.text);
    expect(detail?.attachments).toHaveLength(parsed.attachments.length);
  });
});
