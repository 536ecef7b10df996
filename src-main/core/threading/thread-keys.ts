/**
 * One message's threading keys: everything the linking rules need, derived
 * from that message alone.
 *
 * Invariant: `threadKeysOf` looks at nothing but its input (and the mailbox's
 * own addresses), so the keys are the same on every desktop and can be stored
 * per row. Every rule that links two messages (link-graph.ts) is then a
 * relation between keys, never "the conversation as it was when this message
 * arrived", which is what keeps threading independent of arrival order.
 *
 * The rules encoded here:
 * 1. JWZ: `links` holds every valid id in References and the last valid id of
 *    In-Reply-To (deduplicated, the message's own id removed, garbage dropped
 *    by message-id.ts). The direct parent is In-Reply-To, else the last
 *    Reference. `chain` holds what References says about the ancestors
 *    themselves: each id is the parent of the next one.
 * 2. Tokens: a message follows the `[#TOKEN]` in its subject only when it has
 *    no reply headers (`links` empty). A customer's fresh mail with the token
 *    threads in; the many replies that carry the token are threaded by their
 *    headers and so cannot be pulled into a conversation whose token merely
 *    collides (tokens have 30 bits).
 * 3. Guarded subject fallback: a message with no reply headers whose subject
 *    has a reply/forward prefix (`subjectFallback`) may link to mail with the
 *    same `subjectKey` = customer address + base subject (subject.ts). The
 *    customer is the participant who is not the mailbox (`customerAddress`). RFC 5256
 *    ORDEREDSUBJECT and REFERENCES merge by base subject unconditionally; in a
 *    support mailbox that merges "Order problem" from two different customers
 *    into one ticket, so both the customer and the time window must match.
 */
import { lastMessageIdIn, messageIdsIn, syntheticMessageId } from './message-id.ts';
import { isPlaceholderBase, normalizeSubject } from './subject.ts';
import { extractTokens } from './ticket-token.ts';
import type { ThreadInput, ThreadingOptions } from './types.ts';

export const DEFAULT_SUBJECT_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ThreadKeys {
  key: number;
  /** The Message-ID, or a synthetic one (message-id.ts). */
  id: string;
  synthetic: boolean;
  /** Every id the reply headers name (rule 1). */
  links: string[];
  /** The direct parent per the message's own headers; null when `links` is empty. */
  parent: string | null;
  /** [parent, child] pairs implied by the References order. */
  chain: Array<readonly [string, string]>;
  /** Tokens the message follows (rule 2); empty when it has reply headers. */
  tokens: string[];
  /** customer + "\n" + base subject, or null when either is empty (rule 3). */
  subjectKey: string | null;
  /** May start subject links (rule 3). */
  subjectFallback: boolean;
  date: number;
}

/** The addr-spec of `a@b` or `Name <a@b>`, lower-cased; "" when there is none. */
export function addressOf(raw: string): string {
  const angle = /<([^<>]*)>/.exec(raw);
  const address = (angle ? (angle[1] ?? '') : raw).trim().toLowerCase();
  return address.includes('@') && !/\s/.test(address) ? address : '';
}

const firstOutside = (list: readonly string[], own: ReadonlySet<string>): string => {
  for (const raw of list) {
    const address = addressOf(raw);
    if (address !== '' && !own.has(address)) return address;
  }
  return '';
};

/**
 * Whether the team wrote this mail: it is from one of the mailbox's own
 * addresses, unless it is addressed (To) to our own addresses only and its
 * Reply-To names someone outside. That is a website's contact form the desk
 * set up to send as the support address itself: the customer wrote it.
 */
export function isTeamMail(from: string, to: readonly string[], own: ReadonlySet<string>, replyTo: readonly string[]): boolean {
  const sender = addressOf(from);
  if (sender === '' || !own.has(sender)) return false;
  return firstOutside(to, own) !== '' || firstOutside(replyTo, own) === '';
}

/**
 * The participant who is not the team mailbox, or "" when there is none. For
 * mail from outside it is whom the sender asks to be answered: the first
 * Reply-To address that is not ours, else the sender. A website's contact
 * form sends from its own noreply@ (or from ours, `isTeamMail`) with the
 * customer in Reply-To, and that customer is who the conversation is with.
 * For the team's mail it is the first recipient that is not ours.
 */
export function customerAddress(from: string, to: readonly string[], own: ReadonlySet<string>, replyTo: readonly string[]): string {
  const sender = addressOf(from);
  if (sender === '') return '';
  if (isTeamMail(from, to, own, replyTo)) return firstOutside(to, own);
  return firstOutside(replyTo, own) || sender;
}

export function ownAddressSet(options: ThreadingOptions): Set<string> {
  return new Set(options.ownAddresses.map(addressOf).filter((a) => a !== ''));
}

export function subjectWindowMs(options: ThreadingOptions): number {
  const days = options.subjectWindowDays ?? DEFAULT_SUBJECT_WINDOW_DAYS;
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`subjectWindowDays must be a non-negative number, got ${days}`);
  return days * DAY_MS;
}

function unique(ids: readonly string[], exclude: string): string[] {
  const seen = new Set<string>([exclude]);
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

export function threadKeysOf(input: ThreadInput, own: ReadonlySet<string>): ThreadKeys {
  if (!Number.isSafeInteger(input.key)) throw new TypeError(`ThreadInput.key must be an integer, got ${String(input.key)}`);
  const date = Number.isFinite(input.date) ? Math.trunc(input.date) : 0;
  const subject = typeof input.subject === 'string' ? input.subject : '';
  const from = typeof input.from === 'string' ? input.from : '';
  const ownId = messageIdsIn(input.messageId)[0] ?? null;
  const id = ownId ?? syntheticMessageId(addressOf(from) || from, date, subject, input.fingerprint);

  const references = unique(input.references.flatMap((value) => messageIdsIn(value)), id);
  const inReplyTo = lastMessageIdIn(input.inReplyTo);
  const replyTo = inReplyTo !== null && inReplyTo !== id ? inReplyTo : null;
  const links = replyTo !== null && !references.includes(replyTo) ? [...references, replyTo] : references;
  const parent = replyTo ?? references[references.length - 1] ?? null;
  const chain: Array<readonly [string, string]> = [];
  for (let i = 1; i < references.length; i++) chain.push([references[i - 1] as string, references[i] as string]);

  const hasHeaders = links.length > 0;
  const { base, isReplyOrForward } = normalizeSubject(subject);
  const customer = customerAddress(from, input.to, own, input.replyTo ?? []);
  const subjectKey = !isPlaceholderBase(base) && customer !== '' ? `${customer}\n${base}` : null;
  return {
    key: input.key,
    id,
    synthetic: ownId === null,
    links,
    parent,
    chain,
    tokens: hasHeaders ? [] : extractTokens(subject),
    subjectKey,
    subjectFallback: !hasHeaders && isReplyOrForward && subjectKey !== null,
    date,
  };
}
