/**
 * Who a message's customer is becomes a contact: on their first message, and
 * again whenever a conversation is derived anew (an old cache's row learning
 * its Reply-To names a new customer). Never the mailbox's own address.
 */
import type { Database } from 'better-sqlite3';
import { threadSources } from '../db/thread-index.repo.ts';
import { getAddress, updateMailName } from '../db/contacts.repo.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import { contactEntity } from '../team/ops.ts';
import { OwnAddresses } from '../conversations/own-addresses.ts';
import { customerOf } from '../conversations/thread-source.ts';
import { ensureAddress, normalizeAddress, refreshContacts } from './contact-groups.ts';

interface Seen {
  /** The first message of the batch from this customer: the date a new contact is created with. */
  first: { date: number; name: string };
  /** The newest named message of the batch (a later one wins a tie, as one update per message would). */
  named: { date: number; name: string } | null;
}

/**
 * A contact's `created_at` is its first message's date: the same on every
 * desktop, and it reads as "customer since". One lookup and at most one write
 * per customer per batch: a sync batch holds many mails of the same people.
 */
export function recordContactsOf(db: Database, messageIds: readonly number[]): void {
  const own = new OwnAddresses(db);
  const byAddress = new Map<string, Seen>();
  for (const row of threadSources(db, messageIds)) {
    const customer = customerOf(row, own.of(row.account_id));
    if (!customer) continue;
    const address = normalizeAddress(customer.address);
    let seen = byAddress.get(address);
    if (!seen) {
      seen = { first: { date: row.date, name: customer.name }, named: null };
      byAddress.set(address, seen);
    }
    if (customer.name !== '' && (seen.named === null || row.date >= seen.named.date)) seen.named = { date: row.date, name: customer.name };
  }
  for (const [address, { first, named }] of byAddress) {
    if (!getAddress(db, address)) {
      // Ops may name an address before its first mail arrives (another agent tagged it): fold them in.
      if (opsForEntity(db, contactEntity(address)).length > 0) refreshContacts(db, [address], first.date);
      else ensureAddress(db, address, first.date, first.name, first.date);
    }
    if (named) updateMailName(db, address, named.name, named.date);
  }
}
