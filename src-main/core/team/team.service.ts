/**
 * Team sync inside core: one TeamTransport for the mailbox that carries team
 * state (team-config.ts), fed by the service's single LocalActor, and what
 * remote ops change materialized here (thread overrides, contacts) and in the
 * renderer (change events, team health).
 *
 * Invariants:
 * - At most one transport runs; reconfiguring stops the old one before the
 *   new one starts, so two connections never write the same cursor.
 * - Ops received from the team are applied to every materialized view in the
 *   transaction-free order thread → contacts; each apply is idempotent, so a
 *   crash between them is repaired by the next pull (the ops are in the log).
 * - Presence leases live while the renderer renews them and end when core
 *   stops, so colleagues do not see a ghost.
 */
import type { Database } from 'better-sqlite3';
import type { Sentence, TeamHealth, TeamMethods, TeamSyncState } from '../../../src-preload/api.ts';
import { getAccount } from '../db/accounts.repo.ts';
import { rootOfConversation } from '../db/conversations.repo.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import { unsentOpCount } from '../db/team.repo.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { decodeAccountSecret } from '../accounts/account-secret.ts';
import { applyThreadOps } from '../conversations/thread-overrides.ts';
import { applyContactOps } from '../contacts/contact-groups.ts';
import { sentence } from '../sentences.ts';
import type { LocalActor } from './local-actor.ts';
import type { Op } from './ops.ts';
import { PRESENCE_PREFIX } from './presence.ts';
import type { OutboxPresence } from './presence-leases.ts';
import { PresenceLeases } from './presence-leases.ts';
import { repliesGoingOut } from '../db/outbox.repo.ts';
import type { TeamConfig } from './team-config.ts';
import { openPassphrase, readTeamConfig, writeTeamConfig } from './team-config.ts';
import { deriveTeamKey } from './team-crypto.ts';
import type { TeamHealth as TransportHealth } from './team-transport.ts';
import { TeamTransport } from './team-transport.ts';

export interface TeamDeps {
  db: Database;
  secrets: SecretStore;
  events: EventBus;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
  /** Test seams: faster batching and reconnects. */
  transportOptions?: { debounceMs?: number; compactionJitterMs?: number };
}

export interface TeamService {
  handlers: Pick<Handlers, keyof TeamMethods>;
  /** The running transport, if any (tests and benches wait on it). */
  transport(): TeamTransport | null;
  close(): Promise<void>;
}

function stateOf(h: TransportHealth): TeamSyncState {
  if (h.problemKind === 'sealed-no-passphrase' || h.problemKind === 'sealed-other-passphrase') return 'locked';
  if (h.state === 'auth-failed' || h.state === 'error') return 'offline';
  return h.state;
}

/** Which tables of the renderer a set of changed entities touches. */
function tablesOf(entities: readonly string[]): Set<'conversations' | 'contacts' | 'triage' | 'activity' | 'team' | 'templates' | 'rules'> {
  const tables = new Set<'conversations' | 'contacts' | 'triage' | 'activity' | 'team' | 'templates' | 'rules'>();
  for (const e of entities) {
    if (e.startsWith('msg:')) tables.add('conversations').add('triage').add('activity');
    else if (e.startsWith('contact:')) tables.add('contacts').add('conversations');
    else if (e.startsWith(PRESENCE_PREFIX)) tables.add('triage').add('team');
    else if (e.startsWith('agent:') || e.startsWith('group:')) tables.add('team').add('triage');
    else if (e.startsWith('smartfolder:')) tables.add('team');
    else if (e.startsWith('rule:')) tables.add('rules');
    else if (e.startsWith('template:')) tables.add('templates');
    else tables.add('triage').add('activity');
  }
  return tables;
}

/**
 * How long a reply the server accepted is still announced as going out while
 * its copy is not filed in Sent: long enough for a slow append and the next
 * try, short enough that a copy that cannot be filed is not announced forever.
 */
const UNFILED_ANNOUNCE_MS = 10 * 60_000;

export function startTeam(deps: TeamDeps): TeamService {
  const { db, events, actor, clock, log } = deps;
  // The renderer renews its leases (every 30 s) while it shows the conversation; core holds the outbox's itself.
  const leases = new PresenceLeases({
    actor,
    clock,
    selfRenew: false,
    outboxRoots: () =>
      new Map(repliesGoingOut(db, clock.now() - UNFILED_ANNOUNCE_MS).map((r): [string, OutboxPresence] => [r.root, r.sending ? { kind: 'sending' } : { kind: 'scheduled', sendAt: r.sendAt }])),
  });
  let transport: TeamTransport | null = null;
  let config: TeamConfig | null = null;
  let passphraseSet = false;
  let lastProblem: Sentence | null = null;
  let closed = false;
  // Serializes (re)configuration: starting a transport awaits key derivation.
  let chain: Promise<void> = Promise.resolve();

  const health = (): TeamHealth => {
    const h = transport?.health;
    return {
      state: transport && h ? stateOf(h) : 'disabled',
      accountId: config?.accountId ?? null,
      folder: config?.folder ?? '',
      lastHeardAt: h?.lastHeardAt ?? null,
      pendingOps: unsentOpCount(db),
      passphraseSet,
      problem: h?.problem ?? h?.lastError ?? lastProblem,
    };
  };
  const emitHealth = (): void => events.emit({ type: 'teamHealth', health: health() });

  const applyRemote = (entities: string[]): void => {
    const ops: Op[] = entities.flatMap((e) => opsForEntity(db, e));
    try {
      if (applyThreadOps(db, ops)) log.info('threading changed by team ops');
      applyContactOps(db, ops, clock.now());
    } catch (err) {
      log.error('applying team ops failed; they stay in the log and are applied at the next pull', { err });
    }
    for (const table of tablesOf(entities)) events.emit({ type: 'changed', table });
    emitHealth();
  };

  async function stopTransport(): Promise<void> {
    const t = transport;
    transport = null;
    if (t) await t.stop();
  }

  async function startTransport(): Promise<void> {
    await stopTransport();
    config = readTeamConfig(db);
    lastProblem = null;
    passphraseSet = config?.sealedPassphrase != null;
    if (!config || closed) return;
    const account = getAccount(db, config.accountId);
    if (!account || account.kind !== 'imap' || !account.imap_host || !account.imap_port || !account.imap_security || !account.imap_user) return;
    let password: string;
    let key = null;
    try {
      password = (await decodeAccountSecret(deps.secrets, account.secret)).imapPassword;
      const passphrase = await openPassphrase(deps.secrets, config);
      if (passphrase !== null) key = await deriveTeamKey(passphrase, account.email);
    } catch (err) {
      lastProblem = sentence('teamSettingsUnreadable', { reason: (err as Error).message });
      log.error('team sync not started', { err });
      return;
    }
    if (closed) return;
    transport = new TeamTransport({
      db,
      accountId: account.id,
      imap: { host: account.imap_host, port: account.imap_port, security: account.imap_security, user: account.imap_user, password },
      actor,
      log: log.child('team'),
      key,
      clock,
      folderName: config.folder,
      onRemoteChanges: applyRemote,
      onHealth: emitHealth,
      ...(deps.transportOptions?.debounceMs !== undefined ? { debounceMs: deps.transportOptions.debounceMs } : {}),
      ...(deps.transportOptions?.compactionJitterMs !== undefined ? { compactionJitterMs: deps.transportOptions.compactionJitterMs } : {}),
    });
    transport.start();
    emitHealth();
  }

  const restart = (): Promise<void> => (chain = chain.then(startTransport, startTransport));

  void restart();
  // A mailbox connected or removed may change which one carries the team; the one that carries it
  // may have new settings (a changed password), which the running transport does not have.
  leases.refreshOutbox();
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'changed' && event.table === 'outbox' && !closed) leases.refreshOutbox();
    if (event.type !== 'changed' || event.table !== 'accounts' || closed) return;
    const next = readTeamConfig(db);
    const carrierChanged = next !== null && (event.ids ?? []).includes(next.accountId);
    if (next?.accountId !== config?.accountId || carrierChanged) void restart();
  });

  const handlers: Pick<Handlers, keyof TeamMethods> = {
    'team.health': () => health(),
    'team.configure': async ({ accountId, folder, passphrase }) => {
      const account = getAccount(db, accountId);
      if (!account || account.kind !== 'imap') throw new DeskFailure('not-found', sentence('teamNeedsMailbox'));
      await writeTeamConfig(db, deps.secrets, accountId, folder, passphrase);
      await restart();
      return health();
    },
    'presence.set': ({ conversationId, activity }) => {
      const root = rootOfConversation(db, conversationId);
      if (root === null) throw new DeskFailure('not-found', sentence('conversationGone'));
      leases.set(root, activity);
      return null;
    },
  };

  return {
    handlers,
    transport: () => transport,
    async close() {
      closed = true;
      unsubscribe();
      leases.clear();
      await chain.catch(() => undefined);
      // Give the lease ends a chance to reach colleagues before disconnecting.
      if (transport) await transport.syncIfConnected().catch(() => false);
      await stopTransport();
    },
  };
}
