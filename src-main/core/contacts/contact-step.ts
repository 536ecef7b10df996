/**
 * The pipeline's contact step: the customer of every new message becomes a
 * contact on their first message (never the mailbox's own address), and the
 * contact's name follows the newest mail from that address.
 *
 * Importing this module registers the thread step first (import order), then
 * this step, so the order is always store → thread → contact.
 */
import '../conversations/thread-step.ts';
import type { Database } from 'better-sqlite3';
import { threadSources } from '../db/conversations.repo.ts';
import { getAddress, isAddressBlocked, updateMailName } from '../db/contacts.repo.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import { registerAfterStoreStep } from '../pipeline/after-store.ts';
import { contactEntity } from '../team/ops.ts';
import { customerOf, OwnAddresses } from '../conversations/thread-source.ts';
import { ensureAddress, normalizeAddress, refreshContacts } from './contact-groups.ts';

/** A contact's `created_at` is its first message's date: the same on every desktop, and it reads as "customer since". */
export function recordContactsOf(db: Database, messageIds: readonly number[]): void {
  const own = new OwnAddresses(db);
  for (const row of threadSources(db, messageIds)) {
    const customer = customerOf(row, own.of(row.account_id));
    if (!customer) continue;
    const address = normalizeAddress(customer.address);
    if (!getAddress(db, address)) {
      // Ops may name an address before its first mail arrives (another agent tagged it): fold them in.
      if (opsForEntity(db, contactEntity(address)).length > 0) refreshContacts(db, [address], row.date);
      else ensureAddress(db, address, row.date, customer.name, row.date);
    }
    if (customer.name !== '') updateMailName(db, address, customer.name, row.date);
  }
}

registerAfterStoreStep((db, stored) => recordContactsOf(db, stored.created));

/** For the workflow (mail from a blocked contact goes to spam). */
export function isBlocked(db: Database, address: string): boolean {
  return isAddressBlocked(db, normalizeAddress(address));
}
