/**
 * What an agent does to a contact, as team-state ops (see contact-groups.ts
 * for the fields). Each command records its ops with the desktop's actor and
 * folds them into the contact tables in one transaction, so the change is
 * visible at once and queued for the team together.
 */
import type { Database } from 'better-sqlite3';
import type { ContactCard, ConversationSummary, CsvImportResult, Sentence } from '../../../src-preload/api.ts';
import { conversationsOfCustomers } from '../db/conversations.repo.ts';
import { addressesOfContact, attributesOf, getAddress, getContact, tagsOf } from '../db/contacts.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import type { JsonValue } from '../team/ops.ts';
import { contactEntity } from '../team/ops.ts';
import { ATTRIBUTE_PREFIX, BLOCKED, MERGED_INTO, REMOTE_IMAGES, TAGS, applyContactOps, ensureAddress, normalizeAddress } from './contact-groups.ts';
import { parseCsv } from './csv.ts';
import { sentence } from '../sentences.ts';

/** What the agent is told when a contact command cannot be done: a sentence by key, so it reads in their language. */
export class ContactError extends Error {
  readonly code: 'not-found' | 'bad-request' | 'conflict';
  readonly sentence: Sentence;
  constructor(code: 'not-found' | 'bad-request' | 'conflict', said: Sentence) {
    super(said.text);
    this.name = 'ContactError';
    this.code = code;
    this.sentence = said;
  }
}

const CARD_CONVERSATIONS = 200;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 60;
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function contactCard(db: Database, id: number): ContactCard | null {
  const contact = getContact(db, id);
  if (!contact) return null;
  const addresses = addressesOfContact(db, id);
  const name = addresses.find((a) => a.mail_name !== '')?.mail_name ?? contact.primary_address;
  const list = addresses.map((a) => a.address);
  const conversations: ConversationSummary[] = conversationsOfCustomers(db, list, CARD_CONVERSATIONS);
  return {
    id,
    name,
    addresses: list,
    tags: tagsOf(db, id),
    attributes: attributesOf(db, id),
    blocked: contact.blocked === 1,
    remoteImagesAllowed: contact.remote_images === 1,
    conversations,
  };
}

export function contactIdOfAddress(db: Database, address: string): number | null {
  return getAddress(db, normalizeAddress(address))?.contact_id ?? null;
}

interface Change {
  entity: string;
  field: string;
  value: JsonValue;
}

export class ContactCommands {
  private readonly db: Database;
  private readonly actor: LocalActor;
  private readonly now: () => number;

  constructor(db: Database, actor: LocalActor, now: () => number) {
    this.db = db;
    this.actor = actor;
    this.now = now;
  }

  /** Appends the ops and folds them in; `alsoAddresses` get a contact even without an op (an imported row with only an email). */
  private record(changes: readonly Change[], alsoAddresses: readonly string[] = []): void {
    if (changes.length === 0 && alsoAddresses.length === 0) return;
    this.db.transaction(() => {
      if (changes.length > 0) applyContactOps(this.db, this.actor.record(changes), this.now());
      for (const address of alsoAddresses) ensureAddress(this.db, address, this.now());
    })();
  }

  private primaryOf(id: number): string {
    const contact = getContact(this.db, id);
    if (!contact) throw new ContactError('not-found', sentence('contactGone'));
    return contact.primary_address;
  }

  private card(id: number): ContactCard {
    const card = contactCard(this.db, id);
    if (!card) throw new ContactError('not-found', sentence('contactGone'));
    return card;
  }

  private cardOfAddress(address: string): ContactCard {
    const id = contactIdOfAddress(this.db, address);
    if (id === null) throw new ContactError('not-found', sentence('contactGone'));
    return this.card(id);
  }

  setBlocked(id: number, blocked: boolean): ContactCard {
    const primary = this.primaryOf(id);
    this.record([{ entity: contactEntity(primary), field: BLOCKED, value: blocked }]);
    return this.cardOfAddress(primary);
  }

  setRemoteImages(id: number, allowed: boolean): ContactCard {
    const primary = this.primaryOf(id);
    this.record([{ entity: contactEntity(primary), field: REMOTE_IMAGES, value: allowed }]);
    return this.cardOfAddress(primary);
  }

  setTags(id: number, tags: readonly string[]): ContactCard {
    const primary = this.primaryOf(id);
    const clean = [...new Set(tags.map((t) => t.trim().replace(/\s+/g, ' ')).filter((t) => t !== ''))];
    if (clean.length > MAX_TAGS) throw new ContactError('bad-request', sentence('tooManyTags', { max: String(MAX_TAGS) }));
    if (clean.some((t) => t.length > MAX_TAG_LENGTH)) throw new ContactError('bad-request', sentence('tagTooLong', { max: String(MAX_TAG_LENGTH) }));
    this.record([{ entity: contactEntity(primary), field: TAGS, value: clean.sort() }]);
    return this.cardOfAddress(primary);
  }

  /** Every address of `sourceId` joins `targetId`; tags are united, the newest other decisions win. */
  merge(targetId: number, sourceId: number): ContactCard {
    if (targetId === sourceId) throw new ContactError('bad-request', sentence('mergeContactWithItself'));
    const target = this.primaryOf(targetId);
    this.primaryOf(sourceId);
    const sourceAddresses = addressesOfContact(this.db, sourceId).map((a) => a.address);
    const tags = [...new Set([...tagsOf(this.db, targetId), ...tagsOf(this.db, sourceId)])].sort();
    this.record([
      ...sourceAddresses.map((a) => ({ entity: contactEntity(a), field: MERGED_INTO, value: target })),
      { entity: contactEntity(target), field: TAGS, value: tags },
    ]);
    return this.cardOfAddress(target);
  }

  /** Takes `address` out of contact `id` into a contact of its own; answers the card of the rest. */
  unmerge(id: number, rawAddress: string): ContactCard {
    const address = normalizeAddress(rawAddress);
    const primary = this.primaryOf(id);
    const addresses = addressesOfContact(this.db, id).map((a) => a.address);
    if (!addresses.includes(address)) throw new ContactError('bad-request', sentence('notContactAddress', { address: rawAddress }));
    if (addresses.length < 2) throw new ContactError('conflict', sentence('contactHasOneAddress'));
    // The rest is re-pointed flat at its root, so no chain through the leaving address remains.
    const root = address === primary ? (addresses.find((a) => a !== address) as string) : primary;
    const changes: Change[] = [{ entity: contactEntity(address), field: MERGED_INTO, value: null }];
    for (const other of addresses) {
      if (other === address) continue;
      const wanted = other === root ? null : root;
      if ((getAddress(this.db, other)?.merged_into ?? null) !== wanted) changes.push({ entity: contactEntity(other), field: MERGED_INTO, value: wanted });
    }
    this.record(changes);
    return this.cardOfAddress(root);
  }

  /** Header row required, with an `email` column (any case); every other column becomes an attribute. */
  importCsv(csv: string): CsvImportResult {
    const records = parseCsv(csv);
    const header = records[0];
    if (!header) throw new ContactError('bad-request', sentence('csvEmpty'));
    const names = header.fields.map((f) => f.trim());
    const emailColumn = names.findIndex((n) => n.toLowerCase() === 'email' || n.toLowerCase() === 'e-mail');
    if (emailColumn < 0) throw new ContactError('bad-request', sentence('csvNoEmailColumn'));
    const skipped: CsvImportResult['skipped'] = [];
    const changes: Change[] = [];
    const created = new Set<string>();
    const updated = new Set<string>();
    for (const record of records.slice(1)) {
      // Reasons by key, so the import dialog says them in the agent's language; counts as text, never "1.042".
      const problem = record.unterminated
        ? sentence('csvQuoteNotClosed')
        : record.fields.length > names.length
          ? sentence('csvTooManyFields', { fields: String(record.fields.length), columns: String(names.length) })
          : null;
      const typed = (record.fields[emailColumn] ?? '').trim();
      const email = normalizeAddress(typed);
      // A bad address is quoted as the file has it, so the agent finds the line.
      const reason =
        problem ?? (email === '' ? sentence('csvEmailEmpty') : EMAIL.test(email) ? null : sentence('invalidAddress', { address: typed }));
      if (reason !== null) {
        skipped.push({ line: record.line, reason });
        continue;
      }
      const entity = contactEntity(email);
      names.forEach((name, column) => {
        const value = (record.fields[column] ?? '').trim();
        if (column === emailColumn || name === '' || value === '') return;
        changes.push({ entity, field: `${ATTRIBUTE_PREFIX}${name.slice(0, 100)}`, value: value.slice(0, 2000) });
      });
      if (created.has(email) || updated.has(email)) continue;
      if (getAddress(this.db, email)) updated.add(email);
      else created.add(email);
    }
    this.record(changes, [...created]);
    return { created: created.size, updated: updated.size, skipped };
  }
}
