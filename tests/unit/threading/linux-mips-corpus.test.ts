/**
 * 12,681 real linux-mips list messages (2001-2004, shared corpus): real
 * reply trees, 267 broken threads, reused Message-IDs, a dozen mailers.
 * Threads must follow what the headers say, and every desktop must agree on
 * them whatever order the mail arrived in, in batch and incrementally.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { partition, ThreadIndex, threadKeysOf } from '../../../src-main/core/threading/index.ts';
import type { Conversation, ThreadInput } from '../../../src-main/core/threading/index.ts';
import { LINUX_MIPS_DIR, loadLinuxMips } from './support/corpora.ts';
import type { CorpusMessage } from './support/corpora.ts';
import { first } from './support/headers.ts';

const present = fs.existsSync(LINUX_MIPS_DIR);
if (!present) console.warn(`linux-mips corpus not found at ${LINUX_MIPS_DIR}: its threading checks are skipped`);

const OPTIONS = { ownAddresses: ['linux-mips@linux-mips.org', 'linux-mips@oss.sgi.com'] };

/** Seeded shuffle (mulberry32 + Fisher-Yates), so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Ids between angle brackets, read independently of the threading module. */
const bracketed = (value: string | null): string[] => [...(value ?? '').matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1] ?? '');

describe.skipIf(!present)('linux-mips 2001-2004 corpus', () => {
  let corpus: CorpusMessage[] = [];
  let inputs: ThreadInput[] = [];
  let batch: Conversation[] = [];
  const conversationOf = new Map<number, Conversation>();

  beforeAll(() => {
    corpus = loadLinuxMips();
    inputs = corpus.map((m) => m.input);
    const started = performance.now();
    batch = partition(inputs, OPTIONS);
    const seconds = (performance.now() - started) / 1000;
    for (const c of batch) for (const key of c.keys) conversationOf.set(key, c);
    const sizes = batch.map((c) => c.keys.length);
    const largest = batch.reduce((a, b) => (b.keys.length > a.keys.length ? b : a));
    const own = new Set(OPTIONS.ownAddresses);
    const keys = inputs.map((m) => threadKeysOf(m, own));
    console.log(
      `linux-mips: ${keys.filter((k) => k.links.length === 0).length} messages without usable reply headers, ` +
        `${keys.filter((k) => k.subjectFallback).length} of them with a reply/forward subject (rule 3 candidates), ` +
        `${keys.filter((k) => k.synthetic).length} without a usable Message-ID`,
    );
    console.log(
      `linux-mips: ${inputs.length} messages → ${batch.length} conversations; ` +
        `${sizes.filter((n) => n === 1).length} single messages; largest ${largest.keys.length} messages ` +
        `(root ${largest.rootId}, token ${largest.token}); throughput ${Math.round(inputs.length / seconds)} messages/s (batch)`,
    );
  });

  it('reads all 12,681 messages', () => {
    expect(inputs).toHaveLength(12_681);
    expect(new Set(batch.flatMap((c) => c.keys)).size).toBe(12_681);
  });

  it('puts every message whose In-Reply-To parent is in the corpus in its parent\'s conversation', () => {
    const keysById = new Map<string, number[]>();
    for (const m of corpus) for (const id of bracketed(first(m.headers, 'message-id')).slice(0, 1)) keysById.set(id, [...(keysById.get(id) ?? []), m.input.key]);
    let checked = 0;
    const strays: string[] = [];
    for (const m of corpus) {
      const parentId = bracketed(first(m.headers, 'in-reply-to')).at(-1);
      const parents = parentId ? keysById.get(parentId) : undefined;
      if (!parents) continue;
      checked++;
      const mine = conversationOf.get(m.input.key);
      for (const parent of parents) if (conversationOf.get(parent) !== mine) strays.push(`${m.file} → ${parentId}`);
    }
    console.log(`linux-mips: ${checked} messages have their In-Reply-To parent in the corpus; all threaded with it`);
    expect(strays).toEqual([]);
    expect(checked).toBeGreaterThan(7_300);
  });

  it('keeps every message with each received message its References name', () => {
    const keyOfId = new Map(corpus.map((m) => [bracketed(first(m.headers, 'message-id'))[0] ?? '', m.input.key] as const));
    let links = 0;
    for (const m of corpus) {
      for (const id of bracketed((m.headers.get('references') ?? []).join(' '))) {
        const target = keyOfId.get(id);
        if (target === undefined) continue;
        links++;
        expect(conversationOf.get(target)).toBe(conversationOf.get(m.input.key));
      }
    }
    expect(links).toBeGreaterThan(10_000);
  });

  it('gives the same conversations, roots and tokens for 3 random arrival orders (desktops with other row ids)', () => {
    const expected = batch.map((c) => ({ ...c, keys: [...c.keys].sort((a, b) => a - b) }));
    for (const seed of [1, 2, 3]) {
      // Another desktop: mail arrives in another order and gets other local row ids.
      const order = shuffled(inputs, seed);
      const localKey = new Map(order.map((m, position) => [m.key, 100_000 + position] as const));
      const fileOf = new Map(order.map((m) => [localKey.get(m.key) as number, m.key] as const));
      const result = partition(order.map((m) => ({ ...m, key: localKey.get(m.key) as number })), OPTIONS);
      expect(result.map((c) => ({ ...c, keys: c.keys.map((k) => fileOf.get(k) as number).sort((a, b) => a - b) }))).toEqual(expected);
    }
  });

  it('threads incrementally, one message at a time in another order, exactly like the batch', () => {
    const index = new ThreadIndex(OPTIONS);
    const started = performance.now();
    for (const m of shuffled(inputs, 42)) index.add(m);
    const seconds = (performance.now() - started) / 1000;
    console.log(`linux-mips: incremental ThreadIndex ${Math.round(inputs.length / seconds)} messages/s`);
    expect(index.conversations()).toEqual(batch);
  });

  it('pulls a fresh mail carrying a big thread\'s token into that thread without changing its token', () => {
    const largest = [...batch].sort((a, b) => b.keys.length - a.keys.length).slice(0, 5);
    const fresh = largest.map((c, i) => ({
      key: 900_000 + i,
      messageId: `fresh-${i}@customer.example`,
      inReplyTo: null,
      references: [],
      subject: `Follow-up on our ticket [#${c.token}]`,
      from: 'someone@customer.example',
      to: ['linux-mips@linux-mips.org'],
      date: Date.UTC(2005, 0, 1),
    }));
    const after = partition([...inputs, ...fresh], OPTIONS);
    largest.forEach((c, i) => {
      const joined = after.find((x) => x.keys.includes(900_000 + i));
      expect(joined?.rootId).toBe(c.rootId);
      expect(joined?.token).toBe(c.token);
      expect(joined?.keys.length).toBe(c.keys.length + 1);
    });
  });
});
