/**
 * The pipeline's contact step: the customer of every new message becomes a
 * contact on their first message (never the mailbox's own address), and the
 * contact's name follows the newest mail from that address
 * (`customer-contacts.ts`).
 *
 * Importing this module registers the thread step first (import order), then
 * this step, so the order is always store → thread → contact.
 */
import '../conversations/thread-step.ts';
import type { Database } from 'better-sqlite3';
import { isAddressBlocked } from '../db/contacts.repo.ts';
import { registerAfterStoreStep } from '../pipeline/after-store.ts';
import { normalizeAddress } from './contact-groups.ts';
import { recordContactsOf } from './customer-contacts.ts';

registerAfterStoreStep((db, stored) => recordContactsOf(db, stored.created), { threading: true });

/** For the workflow (mail from a blocked contact goes to spam). */
export function isBlocked(db: Database, address: string): boolean {
  return isAddressBlocked(db, normalizeAddress(address));
}
