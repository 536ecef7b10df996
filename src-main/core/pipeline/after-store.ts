/**
 * The pipeline steps that follow storing (ARCHITECTURE §3):
 * store → thread → contact → workflow fold → rules → change delta.
 *
 * Called synchronously inside the transaction that stored the messages, so a
 * crash can never leave a stored message without its conversation or contact:
 * either all of it is committed or none. Steps must therefore be synchronous
 * (no await) and only touch the database.
 *
 * Threading steps (thread, contact) may be deferred: a large sync batch
 * (`deferThreading`) gets provisional conversations and a place in the
 * durable `thread_queue` instead, in the same transaction, and
 * `runThreadingSteps` runs them later for what the queue hands out. The
 * other steps always run at once. Why: threading reaches into the whole
 * mailbox and costs several times the storing; deferring it lets an initial
 * sync list everything first (docs/decisions.md, "eighth pass").
 *
 * A deferred header batch is placed before it is inserted (`placeDeferred`),
 * so each row is inserted with its provisional conversation; the deferral
 * then queues the rows and places any stored without one ("tenth pass").
 */
import type { Database } from 'better-sqlite3';
import type { NewMessage } from '../db/messages.repo.ts';
import type { DeclaredKind } from '../mail/declared-kind.ts';

export interface StoredMessages {
  /** Rows created by this batch (new messages, not new locations of known ones). */
  created: number[];
  /**
   * What each created row's own headers say it is, when they were read
   * (ingest.ts reads them for every row it creates). Absent: a caller that
   * stored rows without their headers; steps then judge by look.
   */
  declared?: ReadonlyMap<number, DeclaredKind>;
}

export interface AfterStoreOptions {
  /** Leave threading and contacts to the account's threading pass; the messages get provisional conversations now. */
  deferThreading?: boolean;
}

type Step = (db: Database, stored: StoredMessages) => void;

interface Registered {
  step: Step;
  threading: boolean;
}

const steps: Registered[] = [];
let deferral: Step | null = null;

/** The provisional conversation id of each of an account's messages about to be stored, in order. */
export type Placement = (db: Database, accountId: number, messages: readonly NewMessage[], computed: readonly unknown[] | null) => Array<number | null>;
let placement: Placement | null = null;

/**
 * Domain modules register their step once at import time, in pipeline order.
 * `threading`: the step needs the messages threaded (or is threading), so it
 * waits with threading when that is deferred.
 */
export function registerAfterStoreStep(step: Step, options: { threading?: boolean } = {}): void {
  steps.push({ step, threading: options.threading === true });
}

/**
 * What deferred messages get instead of the threading steps (the thread step
 * registers it): `step` queues them, placing any stored without a provisional
 * conversation; `place` places rows before they are inserted.
 */
export function registerDeferral(step: Step, place: Placement): void {
  deferral = step;
  placement = place;
}

/**
 * Provisional conversations for rows about to be stored with threading
 * deferred, or null when no thread step is loaded (they are then inserted
 * without one, and nothing is deferred). `computed`: groups the listing
 * worker computed for exactly these messages (conversations/provisional-groups.ts).
 */
export function placeDeferred(db: Database, accountId: number, messages: readonly NewMessage[], computed: readonly unknown[] | null): Array<number | null> | null {
  return placement === null ? null : placement(db, accountId, messages, computed);
}

export function afterMessagesStored(db: Database, stored: StoredMessages, options: AfterStoreOptions = {}): void {
  if (stored.created.length === 0) return;
  // Without a thread step loaded there is nothing to defer to: the steps that are loaded run as always.
  const defer = options.deferThreading === true && deferral !== null;
  if (defer) deferral?.(db, stored);
  for (const { step, threading } of steps) if (!(defer && threading)) step(db, stored);
}

/** The deferred steps, for messages the threading queue hands out. */
export function runThreadingSteps(db: Database, stored: StoredMessages): void {
  if (stored.created.length === 0) return;
  for (const { step, threading } of steps) if (threading) step(db, stored);
}
