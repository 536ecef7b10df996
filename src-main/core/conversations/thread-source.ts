/**
 * Stored message rows as the threading core sees them.
 *
 * Invariant: everything here is derived from the stored row alone (and the
 * account's own address), the same on every desktop that stored the same
 * mail. The dedupe key serves as the fingerprint of mail without a
 * Message-ID: it is a hash of the raw message's envelope (mail/dedupe-key.ts),
 * so every desktop derives the same synthetic id for it.
 */
import type { Address } from '../../../src-preload/api.ts';
import type { ThreadSourceRow } from '../db/thread-index.repo.ts';
import type { ThreadInput } from '../threading/index.ts';
import { customerAddress, isTeamMail } from '../threading/index.ts';

function parseJsonArray(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** A stored address list (`to_json`, `cc_json`, `reply_to_json`); entries without an address are dropped. */
export function addressList(json: string): Address[] {
  return parseJsonArray(json).flatMap((a) => {
    const o = a as { name?: unknown; address?: unknown } | null;
    return typeof o?.address === 'string' ? [{ name: typeof o.name === 'string' ? o.name : '', address: o.address }] : [];
  });
}

export const recipientsOf = (row: Pick<ThreadSourceRow, 'to_json'>): Address[] => addressList(row.to_json);

export const replyToOf = (row: Pick<ThreadSourceRow, 'reply_to_json'>): Address[] => addressList(row.reply_to_json);

export function threadInputOf(row: ThreadSourceRow): ThreadInput {
  return {
    key: row.id,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: parseJsonArray(row.references_json).filter((r): r is string => typeof r === 'string'),
    subject: row.subject,
    from: row.from_address,
    to: recipientsOf(row).map((a) => a.address),
    replyTo: replyToOf(row).map((a) => a.address),
    date: row.date,
    fingerprint: row.dedupe_key,
  };
}

/** The participant who is not the mailbox, with the name the message gives them; null when there is none. */
export function customerOf(row: Pick<ThreadSourceRow, 'from_name' | 'from_address' | 'to_json' | 'reply_to_json'>, own: ReadonlySet<string>): Address | null {
  const recipients = recipientsOf(row);
  const replyTo = replyToOf(row);
  const address = customerAddress(row.from_address, recipients.map((a) => a.address), own, replyTo.map((a) => a.address));
  if (address === '') return null;
  const named = [...replyTo, ...recipients].find((a) => a.address.trim().toLowerCase() === address && a.name !== '');
  if (row.from_address.trim().toLowerCase() === address) return { name: row.from_name || (named?.name ?? ''), address };
  return { name: named?.name ?? '', address };
}

/** The team wrote it (threading/thread-keys.ts `isTeamMail`): not a contact form sent as our own address. */
export function isOutgoing(row: Pick<ThreadSourceRow, 'from_address' | 'to_json' | 'reply_to_json'>, own: ReadonlySet<string>): boolean {
  // The fold asks this for every member: customers' mail, most of it, is answered without reading any JSON.
  if (!own.has(row.from_address.trim().toLowerCase())) return false;
  const addresses = (list: Address[]): string[] => list.map((a) => a.address);
  return isTeamMail(row.from_address, addresses(recipientsOf(row)), own, addresses(replyToOf(row)));
}
