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
 */
import type { Database } from 'better-sqlite3';
import {
  conversationIdOfMessage,
  conversationMemberIds,
  hasAnyOverride,
  messagesFollowingToken,
  messagesMentioning,
  nodesOfMessage,
  nodesWithToken,
  overridesNaming,
  subjectPartners,
  threadMessage,
  tokensOfMessage,
} from '../db/conversations.repo.ts';
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

export function collectComponent(db: Database, accountId: number, seeds: Iterable<number>, tokenOf: (id: string) => string): Component {
  const messages = new Set<number>();
  const nodes = new Set<string>();
  const tokens = new Set<string>();
  const conversations = new Set<number>();
  const overrides = new Map<string, Override>();
  const messageQueue: number[] = [];
  const nodeQueue: string[] = [];
  // Overrides are rare; most mailboxes have none, so skip the lookups then.
  const withOverrides = hasAnyOverride(db);

  const pushMessage = (id: number): void => {
    if (messages.has(id)) return;
    messages.add(id);
    messageQueue.push(id);
  };
  const pushNode = (node: string): void => {
    if (nodes.has(node)) return;
    nodes.add(node);
    nodeQueue.push(node);
  };
  const visitNode = (node: string): void => {
    for (const id of messagesMentioning(db, accountId, node)) pushMessage(id);
    for (const id of messagesFollowingToken(db, accountId, tokenOf(node))) pushMessage(id);
    if (!withOverrides) return;
    for (const o of overridesNaming(db, node)) {
      overrides.set(overrideKey(o), o);
      if (o.kind === 'merge') {
        pushNode(o.messageIdA);
        pushNode(o.messageIdB);
      }
    }
  };
  const visitMessage = (id: number): void => {
    for (const node of nodesOfMessage(db, id)) pushNode(node);
    for (const token of tokensOfMessage(db, id)) {
      if (tokens.has(token)) continue;
      tokens.add(token);
      for (const node of nodesWithToken(db, accountId, token)) pushNode(node);
    }
    const keys = threadMessage(db, id);
    if (keys?.subject_key) {
      const any = keys.subject_fallback === 1;
      for (const other of subjectPartners(db, accountId, keys.subject_key, keys.date - SUBJECT_WINDOW_MS, keys.date + SUBJECT_WINDOW_MS, any)) {
        pushMessage(other);
      }
    }
    const conversation = conversationIdOfMessage(db, id);
    if (conversation !== null && !conversations.has(conversation)) {
      conversations.add(conversation);
      for (const member of conversationMemberIds(db, conversation)) pushMessage(member);
    }
  };

  for (const id of seeds) pushMessage(id);
  while (messageQueue.length > 0 || nodeQueue.length > 0) {
    const node = nodeQueue.pop();
    if (node !== undefined) {
      visitNode(node);
      continue;
    }
    const id = messageQueue.pop();
    if (id !== undefined) visitMessage(id);
  }
  return { messageIds: [...messages], overrides: [...overrides.values()] };
}
