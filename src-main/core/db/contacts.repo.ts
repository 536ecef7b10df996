/**
 * Contacts: people who write to the mailbox, global across accounts.
 *
 * Invariants (with migration 0004 and contacts/contact-groups.ts):
 * - Every known address (lower case) has one `contact_addresses` row and
 *   belongs to exactly one contact; a contact has at least one address.
 * - `contacts`, `contact_tags`, `contact_attributes` and `merged_into` are
 *   materialized team state: a cache of the fold of `contact:<address>` ops.
 *   Only contact-groups.ts writes them; everything else reads.
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';

export interface AddressRow {
  address: string;
  contact_id: number;
  merged_into: string | null;
  mail_name: string;
  mail_name_at: number;
}

export interface ContactRow {
  id: number;
  primary_address: string;
  blocked: number;
  remote_images: number;
}

export interface ContactState {
  primaryAddress: string;
  blocked: boolean;
  remoteImages: boolean;
}

const sql = {
  address: 'SELECT address, contact_id, merged_into, mail_name, mail_name_at FROM contact_addresses WHERE address = ?',
  insertAddress: `INSERT INTO contact_addresses (address, contact_id, merged_into, mail_name, mail_name_at) VALUES (?, ?, ?, ?, ?)`,
  updateMailName: `UPDATE contact_addresses SET mail_name = ?, mail_name_at = ? WHERE address = ? AND mail_name_at <= ?`,
  setMergedInto: 'UPDATE contact_addresses SET merged_into = ? WHERE address = ?',
  setAddressContact: 'UPDATE contact_addresses SET contact_id = ? WHERE address = ?',
  mergedInto: 'SELECT address FROM contact_addresses WHERE merged_into = ?',
  addressesOf: `SELECT a.address, a.contact_id, a.merged_into, a.mail_name, a.mail_name_at FROM contact_addresses a
      JOIN contacts c ON c.id = a.contact_id WHERE a.contact_id = ? ORDER BY a.address <> c.primary_address, a.address`,
  contactCount: 'SELECT count(*) AS n FROM contact_addresses WHERE contact_id = ?',
  insertContact: 'INSERT INTO contacts (primary_address, created_at) VALUES (?, ?)',
  contact: 'SELECT id, primary_address, blocked, remote_images FROM contacts WHERE id = ?',
  updateContact: 'UPDATE contacts SET primary_address = ?, blocked = ?, remote_images = ? WHERE id = ?',
  deleteContact: 'DELETE FROM contacts WHERE id = ?',
  deleteTags: 'DELETE FROM contact_tags WHERE contact_id = ?',
  insertTag: 'INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)',
  tags: 'SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag',
  deleteAttributes: 'DELETE FROM contact_attributes WHERE contact_id = ?',
  insertAttribute: 'INSERT OR REPLACE INTO contact_attributes (contact_id, key, value) VALUES (?, ?, ?)',
  attributes: 'SELECT key, value FROM contact_attributes WHERE contact_id = ? ORDER BY key',
  blockedByAddress: `SELECT c.blocked FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.address = ?`,
  remoteImagesByAddress: `SELECT c.remote_images FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.address = ?`,
  hasTag: `SELECT 1 AS x FROM contact_addresses a JOIN contact_tags t ON t.contact_id = a.contact_id WHERE a.address = ? AND t.tag = ?`,
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

/* ------------------------------------------------------------------ addresses */

export function getAddress(db: Database, address: string): AddressRow | null {
  return (stmts(db).address.get(address) as AddressRow | undefined) ?? null;
}

export function insertAddress(db: Database, address: string, contactId: number, mergedInto: string | null, name: string, nameAt: number): void {
  stmts(db).insertAddress.run(address, contactId, mergedInto, name, nameAt);
}

/** Keeps the display name of the newest mail from this address. */
export function updateMailName(db: Database, address: string, name: string, at: number): void {
  stmts(db).updateMailName.run(name, at, address, at);
}

export function setMergedInto(db: Database, address: string, mergedInto: string | null): void {
  stmts(db).setMergedInto.run(mergedInto, address);
}

export function setAddressContact(db: Database, address: string, contactId: number): void {
  stmts(db).setAddressContact.run(contactId, address);
}

export function addressesMergedInto(db: Database, address: string): string[] {
  return (stmts(db).mergedInto.all(address) as Array<{ address: string }>).map((r) => r.address);
}

/** The contact's addresses, primary first. */
export function addressesOfContact(db: Database, contactId: number): AddressRow[] {
  return stmts(db).addressesOf.all(contactId) as AddressRow[];
}

export function countAddressesOfContact(db: Database, contactId: number): number {
  return (stmts(db).contactCount.get(contactId) as { n: number }).n;
}

/* ------------------------------------------------------------------ contacts */

export function insertContact(db: Database, primaryAddress: string, createdAt: number): number {
  return Number(stmts(db).insertContact.run(primaryAddress, createdAt).lastInsertRowid);
}

export function getContact(db: Database, id: number): ContactRow | null {
  return (stmts(db).contact.get(id) as ContactRow | undefined) ?? null;
}

export function updateContact(db: Database, id: number, state: ContactState): void {
  stmts(db).updateContact.run(state.primaryAddress, state.blocked ? 1 : 0, state.remoteImages ? 1 : 0, id);
}

export function deleteContact(db: Database, id: number): void {
  const s = stmts(db);
  s.deleteTags.run(id);
  s.deleteAttributes.run(id);
  s.deleteContact.run(id);
}

export function replaceTags(db: Database, id: number, tags: readonly string[]): void {
  const s = stmts(db);
  s.deleteTags.run(id);
  for (const tag of tags) s.insertTag.run(id, tag);
}

export function tagsOf(db: Database, id: number): string[] {
  return (stmts(db).tags.all(id) as Array<{ tag: string }>).map((r) => r.tag);
}

export function replaceAttributes(db: Database, id: number, attributes: ReadonlyMap<string, string>): void {
  const s = stmts(db);
  s.deleteAttributes.run(id);
  for (const [key, value] of attributes) s.insertAttribute.run(id, key, value);
}

export function attributesOf(db: Database, id: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of stmts(db).attributes.all(id) as Array<{ key: string; value: string }>) out[r.key] = r.value;
  return out;
}

/* ------------------------------------------------------------------ questions other steps ask */

export function isAddressBlocked(db: Database, address: string): boolean {
  return (stmts(db).blockedByAddress.get(address) as { blocked: number } | undefined)?.blocked === 1;
}

export function remoteImagesAllowedFor(db: Database, address: string): boolean {
  return (stmts(db).remoteImagesByAddress.get(address) as { remote_images: number } | undefined)?.remote_images === 1;
}

export function addressHasTag(db: Database, address: string, tag: string): boolean {
  return stmts(db).hasTag.get(address, tag) !== undefined;
}
