/**
 * Contacts as the fold of `contact:<address>` ops (team/ops.ts).
 *
 * Op fields, each on the entity of one address:
 * - `mergedInto`: the address this one belongs to, or null. A contact is a
 *   group of addresses: every address whose `mergedInto` chain ends at the
 *   same root. The root is the primary address. A cycle (two desktops merging
 *   A into B and B into A at once) resolves to its smallest address, the same
 *   on every desktop.
 * - `blocked`, `remoteImages` (booleans), `tags` (string[]), `attr:<key>`
 *   (string; "" removes it): the contact's state is, per field, the newest op
 *   on ANY address of the group. A merged contact thus shows the latest
 *   decisions made about any of its addresses, and an address taken out
 *   again keeps only what was decided about it.
 *
 * Invariant: `refreshContacts` leaves the contact tables equal to this fold
 * for every group it touches, whatever order the ops arrived in. Contact row
 * ids stay with the group that keeps most of the row's addresses, so a card
 * the agent is looking at survives merges into it.
 */
import type { Database } from 'better-sqlite3';
import {
  addressesMergedInto,
  addressesOfContact,
  countAddressesOfContact,
  deleteContact,
  getAddress,
  getContact,
  insertAddress,
  insertContact,
  replaceAttributes,
  replaceTags,
  setAddressContact,
  setMergedInto,
  updateContact,
} from '../db/contacts.repo.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import type { Op } from '../team/ops.ts';
import { contactEntity, foldFields } from '../team/ops.ts';

export const MERGED_INTO = 'mergedInto';
export const BLOCKED = 'blocked';
export const REMOTE_IMAGES = 'remoteImages';
export const TAGS = 'tags';
export const ATTRIBUTE_PREFIX = 'attr:';

const MAX_CHAIN = 10_000;

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The address an entity names, or null when it is not a contact entity. */
export function addressOfEntity(entity: string): string | null {
  if (!entity.startsWith('contact:')) return null;
  const address = normalizeAddress(entity.slice('contact:'.length));
  return address.includes('@') ? address : null;
}

function newest(ops: readonly Op[], field: string): Op | undefined {
  let best: Op | undefined;
  for (const op of ops) if (op.field === field && (!best || op.hlc > best.hlc)) best = op;
  return best;
}

/** Makes sure the address has a row; a new one is a contact of its own. Returns true when it was new. */
export function ensureAddress(db: Database, address: string, now: number, name = '', nameAt = 0): boolean {
  if (getAddress(db, address)) return false;
  const id = insertContact(db, address, now);
  insertAddress(db, address, id, null, name, nameAt);
  return true;
}

/** The root (primary address) of an address's group. */
export function resolveRoot(db: Database, address: string): string {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = address;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const next = getAddress(db, current)?.merged_into ?? null;
    if (next === null || next === current || getAddress(db, next) === null) return current;
    seen.add(current);
    path.push(current);
    if (seen.has(next)) {
      const cycle = path.slice(path.indexOf(next));
      return cycle.reduce((a, b) => (b < a ? b : a));
    }
    current = next;
  }
  return current;
}

function groupOf(db: Database, root: string): string[] {
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let a = queue.pop(); a !== undefined; a = queue.pop()) {
    for (const b of addressesMergedInto(db, a)) {
      if (seen.has(b)) continue;
      seen.add(b);
      queue.push(b);
    }
  }
  return [...seen].sort();
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function writeGroupState(db: Database, contactId: number, root: string, group: readonly string[]): void {
  const entities = new Set(group.map(contactEntity));
  const fields = foldFields(group.flatMap((a) => opsForEntity(db, contactEntity(a))), entities);
  updateContact(db, contactId, {
    primaryAddress: root,
    blocked: fields.get(BLOCKED)?.value === true,
    remoteImages: fields.get(REMOTE_IMAGES)?.value === true,
  });
  replaceTags(db, contactId, [...new Set(stringList(fields.get(TAGS)?.value))].sort());
  const attributes = new Map<string, string>();
  for (const [field, op] of fields) {
    if (!field.startsWith(ATTRIBUTE_PREFIX) || typeof op.value !== 'string' || op.value === '') continue;
    attributes.set(field.slice(ATTRIBUTE_PREFIX.length), op.value);
  }
  replaceAttributes(db, contactId, attributes);
}

/**
 * Re-folds the contacts of these addresses from the op log: their
 * `mergedInto`, the groups they leave and join, and the groups' state.
 * Call after appending contact ops (local or received), in the same transaction.
 */
export function refreshContacts(db: Database, addresses: Iterable<string>, now: number): void {
  const changed = new Set<string>();
  for (const raw of addresses) {
    const address = normalizeAddress(raw);
    if (address.includes('@')) changed.add(address);
  }
  const touched = new Set<string>(changed);
  for (const address of changed) {
    ensureAddress(db, address, now);
    const op = newest(opsForEntity(db, contactEntity(address)), MERGED_INTO);
    const target = typeof op?.value === 'string' ? normalizeAddress(op.value) : null;
    if (target !== null && target.includes('@') && target !== address) {
      ensureAddress(db, target, now);
      touched.add(target);
      setMergedInto(db, address, target);
    } else {
      setMergedInto(db, address, null);
    }
  }
  const oldContacts = new Set<number>();
  for (const address of [...touched]) {
    const row = getAddress(db, address);
    if (!row) continue;
    oldContacts.add(row.contact_id);
    for (const member of addressesOfContact(db, row.contact_id)) touched.add(member.address);
  }
  const roots = [...new Set([...touched].map((a) => resolveRoot(db, a)))].sort();
  const groups = roots.map((root) => ({ root, members: groupOf(db, root), id: null as number | null }));
  // Each existing row goes to the group that keeps most of its addresses (then to the one named after it).
  const pairs: Array<{ group: (typeof groups)[number]; id: number; count: number; named: number }> = [];
  for (const group of groups) {
    const counts = new Map<number, number>();
    for (const address of group.members) {
      const id = getAddress(db, address)?.contact_id;
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, count] of counts) pairs.push({ group, id, count, named: getContact(db, id)?.primary_address === group.root ? 1 : 0 });
  }
  pairs.sort((a, b) => b.count - a.count || b.named - a.named || a.id - b.id || (a.group.root < b.group.root ? -1 : 1));
  const claimed = new Set<number>();
  for (const p of pairs) {
    if (p.group.id !== null || claimed.has(p.id)) continue;
    p.group.id = p.id;
    claimed.add(p.id);
  }
  for (const group of groups) {
    const id = group.id ?? insertContact(db, group.root, now);
    claimed.add(id);
    for (const address of group.members) setAddressContact(db, address, id);
    writeGroupState(db, id, group.root, group.members);
  }
  for (const id of oldContacts) if (!claimed.has(id) && countAddressesOfContact(db, id) === 0) deleteContact(db, id);
}

/** Materializes contact ops (local or from other desktops); other ops are ignored. */
export function applyContactOps(db: Database, ops: readonly Op[], now: number): boolean {
  const addresses = new Set<string>();
  for (const op of ops) {
    const address = addressOfEntity(op.entity);
    if (address === null) continue;
    addresses.add(address);
    // A merge target exists as a contact from the op on, even if a later op points elsewhere:
    // otherwise whether it exists would depend on the order the ops arrived in.
    if (op.field === MERGED_INTO && typeof op.value === 'string') {
      const target = normalizeAddress(op.value);
      if (target.includes('@')) addresses.add(target);
    }
  }
  if (addresses.size === 0) return false;
  refreshContacts(db, addresses, now);
  return true;
}
