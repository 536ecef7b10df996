/**
 * All 12,681 real linux-mips messages (2001-2004) through the real pipeline:
 * parse → store → thread → contact → full-text index, into a temp cache.
 * Every message must be stored without an exception, and every message whose
 * In-Reply-To parent is in the corpus must share its parent's conversation —
 * what the headers imply, read here independently of the code under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src-main/core/search/index-step.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../src-main/core/db/folders.repo.ts';
import { ingestMessages } from '../../src-main/core/mail/ingest.ts';
import type { IngestInput, IngestResult } from '../../src-main/core/mail/ingest.ts';
import { searchConversations } from '../../src-main/core/search/search.service.ts';
import { corporaDir, seedAccount } from '../support/mail-fixtures.ts';

const EML_DIR = path.join(corporaDir, 'linux-mips-2001-2004', 'eml');
const present = fs.existsSync(EML_DIR);
if (!present) console.warn(`linux-mips corpus not found at ${EML_DIR}: its pipeline test is skipped`);

const BATCH = 250;

/** The last bracketed id of a header, read from the raw header block. */
function headerIds(raw: Buffer, name: string): string[] {
  const end = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line ? [...line.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1] ?? '') : [];
}

describe.skipIf(!present)('linux-mips corpus through the pipeline', () => {
  let dir: string;
  let db: Database;
  const files: string[] = [];
  const results: IngestResult[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-mips-'));
    db = openDatabase(path.join(dir, 'cache.sqlite')).db;
    const accountId = seedAccount(db, 'linux-mips@linux-mips.org');
    const folderId = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    files.push(...fs.readdirSync(EML_DIR).filter((f) => f.endsWith('.eml')).sort());
    const started = performance.now();
    for (let i = 0; i < files.length; i += BATCH) {
      const inputs: IngestInput[] = files.slice(i, i + BATCH).map((f, j) => ({
        accountId,
        folderId,
        uidvalidity: 1,
        uid: i + j + 1,
        flags: ['\\Seen'],
        raw: fs.readFileSync(path.join(EML_DIR, f)),
        internalDate: Date.UTC(2004, 11, 31),
      }));
      try {
        results.push(...(await ingestMessages(db, dir, inputs)));
      } catch (err) {
        failures.push(`batch at ${files[i]}: ${String(err)}`);
      }
    }
    console.log(`linux-mips: ${files.length} files through the pipeline in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  afterAll(() => {
    db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores every message without an exception, each in a conversation', () => {
    expect(failures).toEqual([]);
    expect(results).toHaveLength(files.length);
    const unthreaded = (db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id IS NULL').get() as { n: number }).n;
    expect(unthreaded).toBe(0);
  });

  it('puts every reply in its in-corpus parent\'s conversation', () => {
    const conversationsOf = new Map<string, Set<number>>();
    for (const row of db.prepare('SELECT message_id, conversation_id FROM messages WHERE message_id IS NOT NULL').all() as Array<{ message_id: string; conversation_id: number }>) {
      const set = conversationsOf.get(row.message_id) ?? new Set<number>();
      set.add(row.conversation_id);
      conversationsOf.set(row.message_id, set);
    }
    const conversationOfRow = db.prepare('SELECT conversation_id FROM messages WHERE id = ?');
    let checked = 0;
    const broken: string[] = [];
    files.forEach((file, i) => {
      const raw = fs.readFileSync(path.join(EML_DIR, file));
      const parent = headerIds(raw, 'in-reply-to').at(-1);
      const own = headerIds(raw, 'message-id')[0];
      if (!parent || parent === own || !conversationsOf.has(parent)) return;
      const mine = (conversationOfRow.get(results[i]?.messageRowId ?? 0) as { conversation_id: number } | undefined)?.conversation_id;
      checked++;
      if (mine === undefined || !conversationsOf.get(parent)?.has(mine)) broken.push(`${file} → ${parent}`);
    });
    console.log(`linux-mips: ${checked} replies with their parent in the corpus`);
    expect(checked).toBeGreaterThan(5000);
    expect(broken).toEqual([]);
  });

  it('finds real list mail by word and sender', () => {
    const hits = searchConversations(db, { query: 'kernel panic ', accountId: null, cursor: null, limit: 10 });
    expect(hits.items.length).toBe(10);
    const unmarked = hits.items.filter((h) => !h.snippet.some((s) => s.match));
    expect(unmarked.map((h) => [h.conversation.subject, h.snippet.map((s) => s.text).join('').slice(0, 300)])).toEqual([]);
    const ralf = searchConversations(db, { query: 'from:ralf ', accountId: null, cursor: null, limit: 5 });
    expect(ralf.items.length).toBe(5);
  });
});
