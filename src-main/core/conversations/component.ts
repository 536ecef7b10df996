/**
 * The part of a mailbox a change can reach: what must be threaded again when
 * messages arrive, leave, or an agent splits or merges.
 *
 * Invariant: the result is closed under every relation that can put two
 * messages into one conversation (threading/link-graph.ts) or that did so
 * before the change:
 * - sharing an id node (own Message-ID or one named in reply headers);
 * - a ticket token one message follows and the other's id node hashes to
 *   (a superset of the "token target" relation; extra messages are harmless);
 * - the same subject key within the subject window, when either message may
 *   start a subject link;
 * - a merge or split override naming one of its id nodes;
 * - being in the same stored conversation right now (so every conversation
 *   the change alters is rewritten whole).
 * A set closed under these relations is a union of whole conversations of
 * the full mailbox, so threading just this set with the batch code
 * (threading/partition.ts) gives exactly the conversations the whole mailbox
 * would, and no conversation outside it changes.
 *
 * The walk goes level by level: each level is a handful of set queries over
 * all messages and ids found in the previous one (a batch of 2,000 new
 * messages costs a few dozen statements, not several per message).
 */
import type { Database } from 'better-sqlite3';
import { conversationIdsOfMessages, membersOfConversations } from '../db/conversations.repo.ts';
import { hasAnyOverride, messagesFollowingAnyToken, messagesMentioningAny, nodesOfMessages, nodesWithAnyToken, overridesNamingAny, subjectKeysOfMessages, subjectPartnersOfMany, tokensOfMessages } from '../db/thread-index.repo.ts';
import type { SubjectProbe } from '../db/thread-index.repo.ts';
import type { Override } from '../threading/index.ts';
import { DEFAULT_SUBJECT_WINDOW_DAYS } from '../threading/index.ts';

export const SUBJECT_WINDOW_MS = DEFAULT_SUBJECT_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export interface Component {
  messageIds: number[];
  overrides: Override[];
}

function overrideKey(o: Override): string {
  return o.kind === 'split' ? `${o.seq}\u0000s\u0000${o.messageId}` : `${o.seq}\u0000m\u0000${o.messageIdA}\u0000${o.messageIdB}`;
}

/**
 * Overlapping windows of one subject key become one probe: the messages of a
 * conversation lie close together, and each probe scans its key's range, so
 * a customer's thirty "Re: invoice" mails cost one range scan, not thirty.
 * The union of the merged ranges is exactly the union of the windows.
 */
export function mergeProbes(list: readonly SubjectProbe[]): SubjectProbe[] {
  const sorted = [...list].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) || a.any - b.any || a.from - b.from);
  const out: SubjectProbe[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && last.k === p.k && last.any === p.any && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

export function collectComponent(db: Database, accountId: number, seeds: Iterable<number>, tokenOf: (id: string) => string): Component {
  const messages = new Set<number>();
  const nodes = new Set<string>();
  const tokens = new Set<string>();
  const conversations = new Set<number>();
  const probes = new Set<string>();
  const overrides = new Map<string, Override>();
  // Overrides are rare; most mailboxes have none, so skip the lookups then.
  const withOverrides = hasAnyOverride(db);

  let messageLevel: number[] = [];
  let nodeLevel: string[] = [];
  const pushMessage = (id: number): void => {
    if (messages.has(id)) return;
    messages.add(id);
    messageLevel.push(id);
  };
  const pushNode = (node: string): void => {
    if (nodes.has(node)) return;
    nodes.add(node);
    nodeLevel.push(node);
  };
  const fresh = <T>(seen: Set<T>, values: readonly T[]): T[] =>
    values.filter((v) => {
      if (seen.has(v)) return false;
      seen.add(v);
      return true;
    });

  const visitNodes = (level: readonly string[]): void => {
    for (const id of messagesMentioningAny(db, accountId, level)) pushMessage(id);
    for (const id of messagesFollowingAnyToken(db, accountId, level.map(tokenOf))) pushMessage(id);
    if (!withOverrides) return;
    for (const o of overridesNamingAny(db, level)) {
      overrides.set(overrideKey(o), o);
      if (o.kind === 'merge') {
        pushNode(o.messageIdA);
        pushNode(o.messageIdB);
      }
    }
  };
  const visitMessages = (level: readonly number[]): void => {
    for (const node of nodesOfMessages(db, level)) pushNode(node);
    for (const node of nodesWithAnyToken(db, accountId, fresh(tokens, tokensOfMessages(db, level)))) pushNode(node);
    const subjectProbes = mergeProbes(
      subjectKeysOfMessages(db, level).map((k) => ({ k: k.subject_key, from: k.date - SUBJECT_WINDOW_MS, to: k.date + SUBJECT_WINDOW_MS, any: k.subject_fallback === 1 ? 1 : 0 })),
    ).filter((probe) => {
      const key = `${probe.any}\u0000${probe.from}\u0000${probe.to}\u0000${probe.k}`;
      if (probes.has(key)) return false;
      probes.add(key);
      return true;
    });
    for (const other of subjectPartnersOfMany(db, accountId, subjectProbes)) pushMessage(other);
    const newConversations = fresh(conversations, conversationIdsOfMessages(db, level));
    for (const member of membersOfConversations(db, newConversations)) pushMessage(member);
  };

  for (const id of seeds) pushMessage(id);
  while (messageLevel.length > 0 || nodeLevel.length > 0) {
    const nodesNow = nodeLevel;
    const messagesNow = messageLevel;
    nodeLevel = [];
    messageLevel = [];
    if (nodesNow.length > 0) visitNodes(nodesNow);
    if (messagesNow.length > 0) visitMessages(messagesNow);
  }
  return { messageIds: [...messages], overrides: [...overrides.values()] };
}
