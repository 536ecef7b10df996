/**
 * The pipeline steps that follow storing (ARCHITECTURE §3):
 * store → thread → contact → workflow fold → rules → change delta.
 *
 * Called synchronously inside the transaction that stored the messages, so a
 * crash can never leave a stored message without its conversation or contact:
 * either all of it is committed or none. Steps must therefore be synchronous
 * (no await) and only touch the database.
 */
import type { Database } from 'better-sqlite3';

export interface StoredMessages {
  /** Rows created by this batch (new messages, not new locations of known ones). */
  created: number[];
}

type Step = (db: Database, stored: StoredMessages) => void;

const steps: Step[] = [];

/** Domain modules register their step once at import time, in pipeline order. */
export function registerAfterStoreStep(step: Step): void {
  steps.push(step);
}

export function afterMessagesStored(db: Database, stored: StoredMessages): void {
  if (stored.created.length === 0) return;
  for (const step of steps) step(db, stored);
}
