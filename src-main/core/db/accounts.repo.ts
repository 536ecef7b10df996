/**
 * Accounts: the connection settings of each mailbox (never the passwords in
 * clear: `secret` holds the secret store's ciphertext) and the demo workspace.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AccountKind, Security } from '../../../src-preload/api.ts';

export interface AccountRow {
  id: number;
  kind: AccountKind;
  name: string;
  email: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_security: Security | null;
  imap_user: string | null;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: Security | null;
  smtp_user: string | null;
  secret: Buffer | null;
  created_at: number;
}

export interface NewAccount {
  kind: AccountKind;
  name: string;
  email: string;
  imap: { host: string; port: number; security: Security; user: string } | null;
  smtp: { host: string; port: number; security: Security; user: string } | null;
  secret: Buffer | null;
  createdAt: number;
}

interface Statements {
  insert: Statement;
  all: Statement<[], AccountRow>;
  byId: Statement<[number], AccountRow>;
  byKind: Statement<[string], AccountRow>;
  remove: Statement<[number]>;
  update: Statement;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(`INSERT INTO accounts
        (kind, name, email, imap_host, imap_port, imap_security, imap_user, smtp_host, smtp_port, smtp_security, smtp_user, secret, created_at)
        VALUES (@kind, @name, @email, @imapHost, @imapPort, @imapSecurity, @imapUser, @smtpHost, @smtpPort, @smtpSecurity, @smtpUser, @secret, @createdAt)`),
      all: db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY kind = \'demo\', id'),
      byId: db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      byKind: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE kind = ? ORDER BY id'),
      remove: db.prepare<[number]>('DELETE FROM accounts WHERE id = ?'),
      update: db.prepare(`UPDATE accounts SET name = @name, email = @email, imap_port = @imapPort, imap_security = @imapSecurity,
        smtp_host = @smtpHost, smtp_port = @smtpPort, smtp_security = @smtpSecurity, smtp_user = @smtpUser, secret = @secret
        WHERE id = @id AND kind = 'imap'`),
    };
    cache.set(db, s);
  }
  return s;
}

export function insertAccount(db: Database, a: NewAccount): number {
  const info = statements(db).insert.run({
    kind: a.kind,
    name: a.name,
    email: a.email,
    imapHost: a.imap?.host ?? null,
    imapPort: a.imap?.port ?? null,
    imapSecurity: a.imap?.security ?? null,
    imapUser: a.imap?.user ?? null,
    smtpHost: a.smtp?.host ?? null,
    smtpPort: a.smtp?.port ?? null,
    smtpSecurity: a.smtp?.security ?? null,
    smtpUser: a.smtp?.user ?? null,
    secret: a.secret,
    createdAt: a.createdAt,
  });
  return Number(info.lastInsertRowid);
}

export function listAccounts(db: Database): AccountRow[] {
  return statements(db).all.all();
}

export function getAccount(db: Database, id: number): AccountRow | undefined {
  return statements(db).byId.get(id);
}

export function accountsOfKind(db: Database, kind: AccountKind): AccountRow[] {
  return statements(db).byKind.all(kind);
}

/** Cascades to folders, messages, locations, bodies and attachment rows. */
export function deleteAccount(db: Database, id: number): boolean {
  return statements(db).remove.run(id).changes > 0;
}

export interface AccountChanges {
  name: string;
  email: string;
  imap: { port: number; security: Security };
  smtp: { host: string; port: number; security: Security; user: string };
  secret: Buffer;
}

/**
 * Saves changed settings of an IMAP account. The IMAP host and user are not
 * among them: they say which mailbox the cache mirrors. False when there is
 * no such IMAP account.
 */
export function updateAccountSettings(db: Database, id: number, c: AccountChanges): boolean {
  return (
    statements(db).update.run({
      id,
      name: c.name,
      email: c.email,
      imapPort: c.imap.port,
      imapSecurity: c.imap.security,
      smtpHost: c.smtp.host,
      smtpPort: c.smtp.port,
      smtpSecurity: c.smtp.security,
      smtpUser: c.smtp.user,
      secret: c.secret,
    }).changes > 0
  );
}
