/**
 * The demo workspace's mailbox: a few hundred realistic support conversations
 * of the fictional Northwind Outfitters, in seven languages, plus some spam.
 *
 * Invariants:
 * - deterministic: the same (seed, now, conversations) gives byte-identical
 *   messages in the same order; nothing reads Math.random or the clock;
 * - every date lies in (now - 60 days, now], is a whole second, equals the
 *   Date header, and each reply is later than its parent; the newest mail is
 *   a few hours old at most;
 * - every Message-ID is unique across the mailbox;
 * - every address is under a reserved .test/.example domain.
 */
import { planConversation, SUPPORT_ADDRESS } from './demo-conversation.ts';
import { planSpam } from './demo-spam.ts';
import { renderPlannedMessage, type PlannedMessage } from './planned-message.ts';
import { createPrng, deriveSeed, type Prng } from './prng.ts';

export interface DemoMessage {
  folder: 'INBOX' | 'Sent' | 'Junk';
  /** Full RFC 5322 source, CRLF line endings, 7bit/quoted-printable/base64 as appropriate. */
  raw: Buffer;
  /** IMAP-style flags, e.g. ['\\Seen']; older mail mostly seen, recent customer mail partly unseen. */
  flags: string[];
  /** Epoch ms, equals the Date header. */
  date: number;
}

export interface DemoMailboxOptions {
  seed?: number;
  now: number;
  /** Number of support conversations (spam comes on top, about 5% of this). Default 320. */
  conversations?: number;
}

export const DEMO_MAILBOX_ADDRESS = 'support@northwind-demo.test';

export const DEFAULT_DEMO_SEED = 20_240_601;
export const DEFAULT_DEMO_CONVERSATIONS = 320;
const MAX_CONVERSATIONS = 20_000;
const DAY = 86_400_000;
const WINDOW = 60 * DAY;

/** Most threads are short; a long tail reaches 15 messages. */
const LENGTH_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 20], [2, 30], [3, 17], [4, 12], [5, 6], [6, 4], [7, 3], [8, 2],
  [9, 1.5], [10, 1.2], [11, 1], [12, 0.8], [13, 0.6], [14, 0.5], [15, 0.4],
];

function validate(options: DemoMailboxOptions): { seed: number; now: number; conversations: number } {
  const { now } = options;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const conversations = options.conversations ?? DEFAULT_DEMO_CONVERSATIONS;
  if (typeof now !== 'number' || !Number.isFinite(now) || now < WINDOW || now > 8.64e15) {
    throw new RangeError(`generateDemoMailbox: "now" must be an epoch-ms timestamp, got ${String(now)}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`generateDemoMailbox: "seed" must be an integer, got ${String(seed)}`);
  if (!Number.isInteger(conversations) || conversations < 0 || conversations > MAX_CONVERSATIONS) {
    throw new RangeError(`generateDemoMailbox: "conversations" must be an integer in 0..${MAX_CONVERSATIONS}, got ${String(conversations)}`);
  }
  return { seed, now, conversations };
}

/** Thread lengths, with at least one single message and one 15-message thread when there is room. */
function planLengths(rng: Prng, count: number): number[] {
  const lengths = Array.from({ length: count }, () => rng.weighted(LENGTH_WEIGHTS));
  if (count >= 20) {
    if (!lengths.includes(15)) lengths[rng.int(0, count - 1)] = 15;
    if (!lengths.includes(1)) {
      let index = rng.int(0, count - 1);
      while (lengths[index] === 15) index = (index + 1) % count;
      lengths[index] = 1;
    }
  }
  return lengths;
}

/**
 * How long ago each thread's last message was. Skewed towards the present,
 * as a live inbox is; a few threads are forced into the last hours so the
 * demo always opens on fresh, unread mail.
 */
function planEndAges(rng: Prng, count: number): number[] {
  const ages = Array.from({ length: count }, () => Math.round(5 * 60_000 + (WINDOW - DAY) * rng.next() ** 1.7));
  const fresh = Math.min(count, Math.max(1, Math.round(count / 50)));
  for (let i = 0; i < fresh; i++) ages[rng.int(0, count - 1)] = rng.int(5, 240) * 60_000;
  return ages;
}

/** Plans the whole mailbox (what each message says and when) without writing bytes. */
export function planDemoMailbox(options: DemoMailboxOptions): PlannedMessage[] {
  const { seed, now, conversations } = validate(options);
  const nowSecond = Math.floor(now / 1000) * 1000;
  const earliest = nowSecond - WINDOW + 60_000;
  const layout = createPrng(deriveSeed(seed, 0x1a70));
  const lengths = planLengths(layout, conversations);
  const endAges = planEndAges(layout, conversations);

  const planned: PlannedMessage[] = [];
  for (let index = 0; index < conversations; index++) {
    // One stream per conversation: editing one phrase does not reshuffle the rest.
    const rng = createPrng(deriveSeed(seed, 0xc0, index));
    const lastMessageAt = Math.max(earliest, Math.floor((nowSecond - (endAges[index] as number)) / 1000) * 1000);
    planned.push(...planConversation(rng, { index, length: lengths[index] as number, lastMessageAt, earliest, now: nowSecond }));
  }

  const spamCount = Math.round(conversations * 0.05);
  for (let index = 0; index < spamCount; index++) {
    const rng = createPrng(deriveSeed(seed, 0x5a, index));
    const ageSeconds = 600 + Math.floor((WINDOW / 1000 - 4 * 3600) * rng.next() ** 1.3);
    planned.push(planSpam(rng, index, Math.max(earliest, nowSecond - ageSeconds * 1000)));
  }

  const seen = new Set<string>();
  for (const message of planned) {
    if (seen.has(message.messageId)) throw new Error(`Demo generator produced a duplicate Message-ID ${message.messageId}`);
    seen.add(message.messageId);
  }
  // Chronological order, as the mailbox would have received them; ties keep plan order.
  return planned
    .map((message, order) => ({ message, order }))
    .sort((a, b) => a.message.date - b.message.date || a.order - b.order)
    .map(({ message }) => message);
}

/**
 * Generates the demo mailbox. Messages are in chronological order; customer
 * mail is in INBOX, the agents' replies (From `DEMO_MAILBOX_ADDRESS`) in Sent,
 * spam in Junk.
 */
export function generateDemoMailbox(options: DemoMailboxOptions): DemoMessage[] {
  return planDemoMailbox(options).map((message) => ({
    folder: message.folder,
    raw: renderPlannedMessage(message),
    flags: [...message.flags],
    date: message.date,
  }));
}

// The conversation planner and the public constant must name the same mailbox.
if (SUPPORT_ADDRESS !== DEMO_MAILBOX_ADDRESS) throw new Error('Demo support address mismatch');
