/**
 * This desktop as an author of team state: a stable random node id (kept in
 * settings, so it survives restarts) and an HLC that starts past every op the
 * cache already holds, so a restart can never issue a timestamp older than
 * one it issued or received before.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { accountsOfKind } from '../db/accounts.repo.ts';
import { demoOnlyAddresses, demoOnlyMessageIds, noteAnchor } from '../db/demo-scope.repo.ts';
import { appendOps, latestHlc } from '../db/ops.repo.ts';
import { getSetting, setSetting } from '../db/settings.repo.ts';
import { HybridClock } from './hlc.ts';
import type { JsonValue, Op } from './ops.ts';

const NODE_KEY = 'agent.node';

/**
 * Entities about mail: a conversation (msg:), its notes, presence and
 * automation claims, a contact. Recorded while the desk has no mailbox, they
 * can only be about the demo's made-up mail, so they are kept here and never
 * sent: the first team folder would otherwise receive everything an agent
 * did while trying the demo. Settings, templates, signatures, groups and the
 * agent's name are sent as usual: that is the agent setting up the desk.
 */
const MAIL_ENTITY_PREFIXES = ['msg:', 'note:', 'presence:', 'claim:', 'contact:'] as const;

/** The demo's own reply templates (workspace/demo-templates.ts): kept here even beside a real mailbox. */
export const DEMO_TEMPLATE_PREFIX = 'template:demo-';

function keptHere(entity: string, demoOnly: boolean): boolean {
  return entity.startsWith(DEMO_TEMPLATE_PREFIX) || (demoOnly && MAIL_ENTITY_PREFIXES.some((prefix) => entity.startsWith(prefix)));
}

/**
 * With the demo open beside a real mailbox: the entities of these ops that
 * are about the demo's mail or customers only (a conversation, its presence
 * or notes, a contact), which stay here like the rest of the demo.
 */
function aboutTheDemo(db: Database, ops: readonly Op[]): Set<string> {
  const byMessage = new Map<string, string[]>();
  const byAddress = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, entity: string): void => void map.set(key, [...(map.get(key) ?? []), entity]);
  for (const op of ops) {
    const { entity } = op;
    if (entity.startsWith('msg:')) add(byMessage, entity.slice(4), entity);
    else if (entity.startsWith('presence:')) add(byMessage, entity.slice('presence:'.length), entity);
    else if (entity.startsWith('contact:')) add(byAddress, entity.slice('contact:'.length), entity);
    else if (entity.startsWith('note:')) {
      const inBatch = ops.find((o) => o.entity === entity && o.field === 'conversation' && typeof o.value === 'string')?.value;
      const anchor = typeof inBatch === 'string' ? inBatch : noteAnchor(db, entity);
      if (anchor !== null) add(byMessage, anchor, entity);
    }
  }
  const kept = new Set<string>();
  for (const id of demoOnlyMessageIds(db, [...byMessage.keys()])) for (const e of byMessage.get(id) ?? []) kept.add(e);
  for (const address of demoOnlyAddresses(db, [...byAddress.keys()])) for (const e of byAddress.get(address) ?? []) kept.add(e);
  return kept;
}

export function localNodeId(db: Database): string {
  let node = getSetting(db, NODE_KEY);
  if (!node) {
    node = crypto.randomBytes(8).toString('hex');
    setSetting(db, NODE_KEY, node);
  }
  return node;
}

export interface LocalActor {
  readonly node: string;
  readonly hlc: HybridClock;
  /** Records changes made here: appended to the op log and queued for the team, or kept here when they are about the demo. */
  record(changes: ReadonlyArray<{ entity: string; field: string; value: JsonValue }>): Op[];
  /** Called after each record() with the new ops (the team transport sends them); returns unsubscribe. */
  onRecorded(listener: (ops: readonly Op[]) => void): () => void;
  /**
   * Tells the same listeners about ops made here and queued by other means
   * (automation rules: rules/rule-step.ts), and moves the clock past them.
   */
  announce(ops: readonly Op[]): void;
}

export function createLocalActor(db: Database, clock: Clock): LocalActor {
  const node = localNodeId(db);
  // Generous drift: our own log may hold ops from a desktop whose clock ran ahead.
  const hlc = new HybridClock(node, () => clock.now(), Number.MAX_SAFE_INTEGER);
  const newest = latestHlc(db);
  if (newest) hlc.receive(newest);
  const listeners = new Set<(ops: readonly Op[]) => void>();
  return {
    node,
    hlc,
    record(changes) {
      const ops = changes.map((c): Op => ({ hlc: hlc.next(), actor: node, entity: c.entity, field: c.field, value: c.value }));
      const demoOnly = accountsOfKind(db, 'imap').length === 0;
      const demoBeside = !demoOnly && accountsOfKind(db, 'demo').length > 0 ? aboutTheDemo(db, ops) : null;
      const kept = ops.filter((op) => keptHere(op.entity, demoOnly) || demoBeside?.has(op.entity) === true);
      appendOps(db, kept.length === 0 ? ops : ops.filter((op) => !kept.includes(op)), clock.now(), 'queued');
      // The fold reads them; neither the queue nor a compaction snapshot does.
      if (kept.length > 0) appendOps(db, kept, clock.now(), 'kept');
      if (ops.length > 0) for (const listener of listeners) listener(ops);
      return ops;
    },
    onRecorded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(ops) {
      // A rule's op is dated by its mail, up to a minute ahead of this clock: what the agent does next must sort after it.
      for (const op of ops) hlc.receive(op.hlc);
      if (ops.length > 0) for (const listener of listeners) listener(ops);
    },
  };
}
