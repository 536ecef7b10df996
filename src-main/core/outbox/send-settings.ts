/**
 * This desktop's sending settings (local, not team state): the undo window,
 * whether core appends the Sent copy or the server saves one itself (Gmail),
 * and the largest message each SMTP server said it accepts (EHLO SIZE).
 */
import type { Database } from 'better-sqlite3';
import type { ComposeSettings } from '../../../src-preload/api.ts';
import { listAccounts } from '../db/accounts.repo.ts';
import { getSetting, setSetting } from '../db/settings.repo.ts';

export const DEFAULT_UNDO_SECONDS = 10;
const UNDO_KEY = 'compose.undoSeconds';
const sentCopyKey = (accountId: number): string => `compose.sentCopy.${accountId}`;
const maxSizeKey = (accountId: number): string => `compose.smtpMaxSize.${accountId}`;

export function undoSeconds(db: Database): number {
  const n = Number(getSetting(db, UNDO_KEY));
  return getSetting(db, UNDO_KEY) !== null && Number.isFinite(n) && n >= 0 ? n : DEFAULT_UNDO_SECONDS;
}

export function sentCopyMode(db: Database, accountId: number): 'append' | 'server-saves' {
  return getSetting(db, sentCopyKey(accountId)) === 'server-saves' ? 'server-saves' : 'append';
}

export function readComposeSettings(db: Database): ComposeSettings {
  const sentCopy: ComposeSettings['sentCopy'] = {};
  for (const a of listAccounts(db)) if (a.kind === 'imap') sentCopy[a.id] = sentCopyMode(db, a.id);
  return { undoSeconds: undoSeconds(db), sentCopy };
}

export function writeComposeSettings(db: Database, s: ComposeSettings): ComposeSettings {
  db.transaction(() => {
    setSetting(db, UNDO_KEY, String(s.undoSeconds));
    const known = new Set(listAccounts(db).map((a) => a.id));
    for (const [id, mode] of Object.entries(s.sentCopy)) if (known.has(Number(id))) setSetting(db, sentCopyKey(Number(id)), mode);
  })();
  return readComposeSettings(db);
}

export function smtpMaxSize(db: Database, accountId: number): number | null {
  const n = Number(getSetting(db, maxSizeKey(accountId)));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function rememberSmtpMaxSize(db: Database, accountId: number, size: number | null): void {
  if (size !== null && size > 0) setSetting(db, maxSizeKey(accountId), String(size));
}
