/**
 * Removes attachment files nothing refers to any more: the bytes of mail that
 * was expunged or moved out of every synced folder, of deleted drafts, and
 * temporary files a crash left behind. Without it the attachment store only
 * ever grows, by exactly the mail an agent deleted.
 *
 * Invariants:
 * - Files are written BEFORE the transaction that names them
 *   (mail/attachment-store.ts), so a file without a row may be one whose row
 *   is about to be committed. Only files untouched for `graceMs` (a day by
 *   default, far longer than any batch) are candidates; a running sync or
 *   draft upload therefore never loses a file.
 * - The set of referenced addresses is read after the directory walk, so a
 *   row committed during the walk protects its file.
 * - Only names that are content addresses (or their `.tmp` siblings) inside
 *   `attachments/<aa>/` are ever removed; anything else is left alone.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { referencedAttachmentAddresses } from '../db/attachment-refs.repo.ts';
import type { Logger } from '../log.ts';

export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;
const FIRST_RUN_MS = 5 * 60 * 1000;
const EVERY_MS = 24 * 60 * 60 * 1000;

const PREFIX = /^[0-9a-f]{2}$/;
const REST = /^[0-9a-f]{62}$/;
const TMP = /^[0-9a-f]{62}\.[0-9a-f]{12}\.tmp$/;

export interface GcResult {
  removedFiles: number;
  removedBytes: number;
  keptFiles: number;
}

interface Candidate {
  file: string;
  address: string | null;
  size: number;
}

async function candidates(dataDir: string, olderThan: number): Promise<{ list: Candidate[]; kept: number }> {
  const root = path.join(dataDir, 'attachments');
  const list: Candidate[] = [];
  let kept = 0;
  let prefixes: string[];
  try {
    prefixes = await fs.readdir(root);
  } catch {
    return { list, kept };
  }
  for (const prefix of prefixes) {
    if (!PREFIX.test(prefix)) continue;
    const dir = path.join(root, prefix);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const isAddress = REST.test(name);
      if (!isAddress && !TMP.test(name)) continue;
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat?.isFile()) continue;
      if (stat.mtimeMs > olderThan) {
        kept++;
        continue;
      }
      list.push({ file, address: isAddress ? prefix + name : null, size: stat.size });
    }
  }
  return { list, kept };
}

/** One collection: removes unreferenced files older than the grace period. */
export async function collectAttachmentGarbage(db: Database, dataDir: string, now: number, graceMs = DEFAULT_GRACE_MS): Promise<GcResult> {
  const { list, kept } = await candidates(dataDir, now - graceMs);
  // Core may have closed the cache during the walk (shutdown): nothing is removed without knowing the references.
  if (!db.open) return { removedFiles: 0, removedBytes: 0, keptFiles: kept + list.length };
  const referenced = referencedAttachmentAddresses(db);
  const result: GcResult = { removedFiles: 0, removedBytes: 0, keptFiles: kept };
  for (const c of list) {
    if (c.address !== null && referenced.has(c.address)) {
      result.keptFiles++;
      continue;
    }
    try {
      await fs.rm(c.file);
      result.removedFiles++;
      result.removedBytes += c.size;
    } catch {
      // Gone already, or not ours to remove: the next run looks again.
    }
  }
  return result;
}

/** Runs the collection a few minutes after start (not to compete with the first sync) and then daily. */
export function scheduleAttachmentGc(deps: { db: Database; dataDir: string; clock: Clock; log: Logger }): () => void {
  let cancel: (() => void) | null = null;
  let stopped = false;
  const run = (): void => {
    cancel = null;
    collectAttachmentGarbage(deps.db, deps.dataDir, deps.clock.now())
      .then((r) => {
        if (r.removedFiles > 0) deps.log.info('unreferenced attachment files removed', { ...r });
      })
      .catch((err: unknown) => deps.log.warn('attachment clean-up failed', { err }))
      .finally(() => {
        if (!stopped) cancel = deps.clock.schedule(EVERY_MS, run);
      });
  };
  cancel = deps.clock.schedule(FIRST_RUN_MS, run);
  return () => {
    stopped = true;
    cancel?.();
  };
}
