/**
 * Address checks for outgoing mail. Deliberately stricter than RFC 5322
 * (no quoted local parts, no IP literals, no comments): what a support agent
 * types is an ordinary address, and anything odd is much more likely a typo
 * than a legitimate recipient. A bad address is reported in plain words
 * before anything is queued.
 */
import type { Address, DraftSentenceKey, Sentence } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';

const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidAddress(address: string): boolean {
  const a = address.trim();
  if (a.length > 320 || !ADDRESS.test(a)) return false;
  const [local] = a.split('@');
  return !!local && local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** The sentence per field: the field's name is the composer's label, so it is translated with the sentence. */
const BAD_ADDRESS_IN: ReadonlyArray<readonly ['to' | 'cc' | 'bcc', DraftSentenceKey]> = [
  ['to', 'invalidAddressInTo'],
  ['cc', 'invalidAddressInCc'],
  ['bcc', 'invalidAddressInBcc'],
];

/** One sentence per bad address (the address as typed); empty when all are fine. */
export function addressProblems(fields: { to: Address[]; cc: Address[]; bcc: Address[] }): Sentence[] {
  const problems: Sentence[] = [];
  for (const [field, key] of BAD_ADDRESS_IN) {
    for (const a of fields[field]) {
      if (!isValidAddress(a.address)) problems.push(sentence(key, { address: a.address }));
    }
  }
  if (fields.to.length + fields.cc.length + fields.bcc.length === 0) problems.push(sentence('addRecipient'));
  return problems;
}

/** Addresses without duplicates (case-insensitive), without the mailbox's own, in order. */
export function distinctRecipients(list: readonly Address[], exclude: ReadonlySet<string>): Address[] {
  const seen = new Set(exclude);
  const out: Address[] = [];
  for (const a of list) {
    const key = a.address.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ name: a.name, address: a.address.trim() });
  }
  return out;
}
