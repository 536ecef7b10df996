/**
 * The bare ceilings `npm run bench:sync` compares core with, on the same
 * mailbox: what imapflow and the parser cost with no Switchboard logic, and
 * mbsync (Debian isync) when installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import { simpleParser } from 'mailparser';
import { HEADER_FETCH_QUERY } from '../../src-main/core/sync/header-batch.ts';

export interface Server {
  port: number;
  user: string;
  password: string;
  folders: string[];
}

/**
 * CPU time (ms) of the server's `imap` processes, by pid, from /proc (Linux;
 * empty elsewhere). Dovecot runs one per connection, so the difference over a
 * fetch is what serving it cost the server, the other half of a 2-core budget.
 */
export function serverImapCpu(): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'imap') continue;
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
      out.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

export function serverCpuSince(before: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of serverImapCpu()) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

function client(s: Server): ImapFlow {
  return new ImapFlow({ host: '127.0.0.1', port: s.port, secure: false, doSTARTTLS: false, auth: { user: s.user, pass: s.password }, logger: false });
}

export interface Measured {
  ms: number;
  messages: number;
  /** This process's CPU time meanwhile: the client's share. */
  cpuMs: number;
  /** The server's imap processes' CPU time meanwhile. */
  serverCpuMs: number;
}

/**
 * One connection through every folder: `onFolder` fetches and handles that
 * folder's messages and returns how many it counted. Timed from before the
 * login to the end of the last folder, with the CPU of both sides.
 */
async function measure(s: Server, onFolder: (c: ImapFlow, folder: string) => Promise<number>): Promise<Measured> {
  const c = client(s);
  const server = serverImapCpu();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await c.connect();
  let messages = 0;
  for (const folder of s.folders) {
    const lock = await c.getMailboxLock(folder);
    try {
      messages += await onFolder(c, folder);
    } finally {
      lock.release();
    }
  }
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const serverCpuMs = serverCpuSince(server);
  await c.logout();
  return { ms, messages, cpuMs: (used.user + used.system) / 1000, serverCpuMs };
}

/** Opens a throwaway SQLite file the way core opens its cache (WAL, synchronous NORMAL). */
function bareDatabase(file: string, schema: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(schema);
  return db;
}

/**
 * Turns each fetched message into a row and hands the rows to `flush` (one
 * transaction) `every` at a time, the rest at the end; returns how many rows.
 */
async function storeInBatches<Row>(fetched: AsyncIterable<FetchMessageObject>, toRow: (m: FetchMessageObject) => Promise<Row | null>, flush: (rows: Row[]) => void, every: number): Promise<number> {
  let n = 0;
  let rows: Row[] = [];
  for await (const m of fetched) {
    const row = await toRow(m);
    if (row === null) continue;
    rows.push(row);
    n++;
    if (rows.length >= every) {
      flush(rows);
      rows = [];
    }
  }
  flush(rows);
  return n;
}

/** Times imapflow fetching `query` for every message of every folder, counting those where `got` holds. */
function timeFetch(s: Server, query: FetchQueryObject, got: (m: FetchMessageObject) => boolean): Promise<Measured> {
  return measure(s, async (c) => {
    let n = 0;
    for await (const m of c.fetch('1:*', query)) if (got(m)) n++;
    return n;
  });
}

/** imapflow fetching every folder's envelopes (with UID and flags), nothing else. */
export function bareEnvelopes(s: Server): Promise<Measured> {
  return timeFetch(s, { uid: true, flags: true, envelope: true }, (m) => m.envelope !== undefined);
}

/**
 * imapflow fetching what core's header phase asks for (UID, flags, size,
 * INTERNALDATE and the header lines it reads: `HEADER_FETCH_QUERY`), nothing else: not a goal, the
 * floor under core's "all headers listed" as long as it fetches header blocks
 * rather than envelopes.
 */
export function bareHeaderBlocks(s: Server): Promise<Measured> {
  return timeFetch(s, HEADER_FETCH_QUERY, (m) => m.headers !== undefined);
}

/** The same with every header line (`BODY.PEEK[HEADER]`), as core fetched before it asked for the lines it reads. */
export function bareWholeHeaderBlocks(s: Server): Promise<Measured> {
  return timeFetch(s, { uid: true, flags: true, size: true, internalDate: true, headers: true }, (m) => m.headers !== undefined);
}

/**
 * The least any headers-first listing can do, with no Switchboard logic:
 * imapflow fetching the header blocks core asks for, mailparser reading each
 * block (subject, addresses, date, Message-ID, references), and a plain
 * SQLite insert under a UNIQUE dedupe key (the issue requires one), 2,000
 * rows per transaction as core commits. No threading, no contacts, no
 * triggers. Not a goal: it shows how much of the header goal's budget is
 * spent before any of core's own work.
 */
export async function bareListing(s: Server, dir: string): Promise<Measured> {
  const db = bareDatabase(
    path.join(dir, 'bare-listing.sqlite'),
    `CREATE TABLE m (id INTEGER PRIMARY KEY, folder TEXT, uid INTEGER, flags TEXT, size INTEGER, subject TEXT, sender TEXT,
      recipients TEXT, date INTEGER, message_id TEXT, refs TEXT, dedupe TEXT NOT NULL UNIQUE);`,
  );
  const insert = db.prepare('INSERT OR IGNORE INTO m (folder, uid, flags, size, subject, sender, recipients, date, message_id, refs, dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  type Row = [string, number, string, number, string, string, string, number, string, string, string];
  const flush = db.transaction((rows: Row[]) => {
    for (const r of rows) insert.run(...r);
  });
  try {
    return await measure(s, (c, folder) =>
      storeInBatches<Row>(
        c.fetch('1:*', HEADER_FETCH_QUERY),
        async (m) => {
          if (!m.headers) return null;
          const p = await simpleParser(m.headers, { skipTextToHtml: true, skipImageLinks: true });
          const messageId = p.messageId ?? '';
          const refs = Array.isArray(p.references) ? p.references.join(' ') : (p.references ?? '');
          const recipients = [p.to, p.cc].flat().map((a) => (a && 'text' in a ? a.text : ''));
          return [folder, m.uid, [...(m.flags ?? [])].join(' '), m.size ?? 0, p.subject ?? '', p.from?.text ?? '', JSON.stringify(recipients), p.date?.getTime() ?? 0,
            messageId, `${p.inReplyTo ?? ''} ${refs}`, messageId || `${folder}:${m.uid}`];
        },
        flush,
        2000,
      ),
    );
  } finally {
    db.close();
  }
}

/** imapflow fetching every source, mailparser, and a plain SQLite + FTS5 insert, 500 rows per transaction. */
export async function bareFullPipeline(s: Server, dir: string): Promise<Measured> {
  const db = bareDatabase(
    path.join(dir, 'bare.sqlite'),
    `CREATE TABLE m (id INTEGER PRIMARY KEY, folder TEXT, uid INTEGER, subject TEXT, sender TEXT, date INTEGER, body TEXT, html TEXT);
      CREATE VIRTUAL TABLE f USING fts5(subject, sender, body, content = '', tokenize = 'unicode61 remove_diacritics 2');`,
  );
  const insert = db.prepare('INSERT INTO m (folder, uid, subject, sender, date, body, html) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const index = db.prepare('INSERT INTO f (rowid, subject, sender, body) VALUES (?, ?, ?, ?)');
  type Row = [string, number, string, string, number, string, string | null];
  const flush = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      const id = insert.run(...r).lastInsertRowid;
      index.run(id, r[2], r[3], r[5]);
    }
  });
  try {
    return await measure(s, (c, folder) =>
      storeInBatches<Row>(
        c.fetch('1:*', { uid: true, source: true }),
        async (m) => {
          if (!m.source) return null;
          const p = await simpleParser(m.source, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
          return [folder, m.uid, p.subject ?? '', p.from?.text ?? '', p.date?.getTime() ?? 0, p.text ?? '', typeof p.html === 'string' ? p.html : null];
        },
        flush,
        500,
      ),
    );
  } finally {
    db.close();
  }
}

/** mbsync pulling every folder into a fresh Maildir; null when isync is not installed. */
export function mbsyncFull(s: Server, dir: string): { ms: number; messages: number } | null {
  if (spawnSync('sh', ['-c', 'command -v mbsync'], { stdio: 'ignore' }).status !== 0) return null;
  const local = path.join(dir, 'mbsync');
  fs.mkdirSync(local, { recursive: true });
  const config = path.join(dir, 'mbsyncrc');
  fs.writeFileSync(
    config,
    `IMAPAccount bench
Host 127.0.0.1
Port ${s.port}
User ${s.user}
Pass ${s.password}
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path ${local}/
Inbox ${local}/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns *
Create Near
Sync Pull
SyncState *
`,
    { mode: 0o600 },
  );
  const t = performance.now();
  const run = spawnSync('mbsync', ['-q', '-c', config, '-a'], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`mbsync failed: ${run.stderr}`);
  let messages = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (path.basename(d) === 'cur' || path.basename(d) === 'new') messages++;
    }
  };
  walk(local);
  return { ms, messages };
}
