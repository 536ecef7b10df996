/**
 * Sends what the outbox holds, exactly once.
 *
 * State machine (persisted before and after the SMTP call):
 *   undo-window | scheduled ──claim──▶ sending ──accepted──▶ sent
 *                                        │──refused/failed──▶ failed (transient: retried with backoff)
 *                                        │──unreachable─────▶ failed, retried every minute, not counted
 * - The claim to `sending` is committed BEFORE the SMTP call, and `sent` right
 *   after the server accepts, before anything else (Sent copy, cache).
 * - An item found in `sending` at start may have been accepted by the server
 *   just before a crash. It is NOT resent blindly: the cache and the Sent
 *   folder are searched for its Message-ID (fixed when it was queued); found
 *   means sent. Only when both say no is it sent again; when the server
 *   cannot be asked, the item waits (a possible duplicate is worse than a
 *   delay). See docs/decisions.md, "Exactly-once sending".
 * - Items that fell due while the app was closed go out at start, marked
 *   `sentLate`, and the agent is told.
 * - A scheduled reply, or one going out long after it was due, is not sent
 *   when someone wrote in its conversation after it was queued: the draft
 *   comes back to the agent to read first.
 * All waiting goes through the Clock, so tests move time instead of sleeping.
 */
import type { Database } from 'better-sqlite3';
import type { DeskNotification, Sentence } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { messageRowByMessageId, writtenSince } from '../db/compose-source.repo.ts';
import { setDraftState } from '../db/drafts.repo.ts';
import { getFolderByRole } from '../db/folders.repo.ts';
import type { OutboxDbRow } from '../db/outbox.repo.ts';
import {
  claimForSending,
  dueRows,
  getOutboxRow,
  markOutboxFailed,
  markOutboxSent,
  nextWakeAt,
  retryWaitingNow,
  rowsInState,
  uncopiedRows,
} from '../db/outbox.repo.ts';
import { onBackOnline } from '../sync/back-online.ts';
import { auditOutboxEvent } from '../audit/outgoing-audit.ts';
import { sentence } from '../sentences.ts';
import type { AccountServers } from './account-servers.ts';
import { accountServers, AccountUnusableError, folderHasMessageId, withImap } from './account-servers.ts';
import { buildRawMessage, envelopeRecipients, parsePayload } from './outgoing-message.ts';
import { rememberSmtpMaxSize } from './send-settings.ts';
import { outboxMail, storeSentCopy } from './sent-copy.ts';
import { submitMessage } from './smtp-send.ts';

export interface DispatcherDeps {
  db: Database;
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** Best effort, bounded: bring the account's cache up to date before a held reply is checked (absent: check what is cached). */
  syncAccount?: (accountId: number) => Promise<void>;
  /** Records the status a reply asked for once it has gone out ("Send & Done"), as this agent's op. */
  markConversation?: (conversationId: number, status: 'done') => void;
}

/** How a try ended, for the round: `unreachable` when the account's SMTP server could not be reached at all. */
type Delivery = 'done' | 'unreachable';

export const MAX_ATTEMPTS = 8;
const RECHECK_MS = 60_000;
/**
 * How often mail waits for a server that cannot be reached at all. Such tries
 * do not count towards MAX_ATTEMPTS: replies written on a train go out when
 * the laptop is back online, however long that takes, instead of failing
 * back to the agent after an hour and a half.
 */
export const OFFLINE_RETRY_MS = 60_000;
/**
 * A reply going out this much later than it was due (it waited for a
 * connection, or the app was closed) is checked against the conversation
 * first: the agent's collision check was made when it was queued. A
 * scheduled reply is checked whenever it goes out.
 */
export const HELD_MS = 10 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

export class OutboxDispatcher {
  private readonly d: DispatcherDeps;
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Items in `sending` whose fate could not be checked yet (server unreachable at start). */
  private unresolved = new Set<number>();

  private readonly stopBackOnline: () => void;

  constructor(deps: DispatcherDeps) {
    this.d = deps;
    // Back online: mail that waited for the server goes now, not at its next timed try.
    this.stopBackOnline = onBackOnline(deps.events, (accountId) => {
      if (!this.closed && retryWaitingNow(deps.db, accountId, deps.clock.now()) > 0) this.poke();
    });
  }

  /** Resolves the crash window, sends what fell due while closed, then waits for the next item. */
  start(): Promise<void> {
    return this.run(async () => {
      const startedAt = this.d.clock.now();
      for (const row of rowsInState(this.d.db, 'sending')) await this.resolveInterrupted(row);
      await this.sendRows(dueRows(this.d.db, startedAt), true);
    });
  }

  /** The outbox changed (queued, cancelled): look again at what is due next. */
  poke(): void {
    if (!this.closed) this.arm();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopBackOnline();
    this.cancelTimer?.();
    this.cancelTimer = null;
    while (this.running) await this.running;
  }

  /** Resolves when nothing is being sent (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private run(work: () => Promise<void>): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const p = (async () => {
      try {
        do {
          this.again = false;
          await work();
          await this.copyPending();
          work = () => this.sendDue();
        } while (this.again && !this.closed);
      } catch (err) {
        this.d.log.error('outbox dispatcher failed', { err });
      } finally {
        this.running = null;
        if (!this.closed) this.arm();
      }
    })();
    this.running = p;
    return p;
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const next = nextWakeAt(this.d.db);
    const recheck = this.unresolved.size > 0 ? this.d.clock.now() + RECHECK_MS : null;
    const at = next === null ? recheck : recheck === null ? next : Math.min(next, recheck);
    if (at === null) return;
    this.cancelTimer = this.d.clock.schedule(Math.max(0, at - this.d.clock.now()), () => {
      this.cancelTimer = null;
      void this.run(() => this.sendDue());
    });
  }

  private async sendDue(): Promise<void> {
    for (const id of [...this.unresolved]) {
      const row = getOutboxRow(this.d.db, id);
      this.unresolved.delete(id);
      if (row?.state === 'sending') await this.resolveInterrupted(row);
    }
    await this.sendRows(dueRows(this.d.db, this.d.clock.now()), false);
  }

  /**
   * Sends due items in order. Once an account's SMTP server could not be reached, its other items wait without
   * trying: on a network that drops packets each try takes the whole connect timeout, and ten waiting replies would
   * hold the dispatcher for five minutes a round.
   */
  private async sendRows(rows: readonly OutboxDbRow[], atStart: boolean): Promise<void> {
    const unreachable = new Set<number>();
    for (const row of rows) {
      if (this.closed) return;
      const late = atStart && row.state !== 'failed';
      if (unreachable.has(row.account_id)) this.waitForServer(row, late);
      else if ((await this.send(row, late)) === 'unreachable') unreachable.add(row.account_id);
    }
  }

  /** What a try would have found (the server cannot be reached), recorded without trying. */
  private waitForServer(row: OutboxDbRow, late: boolean): void {
    if (!claimForSending(this.d.db, row.id, late, this.d.clock.now())) return;
    const claimed = getOutboxRow(this.d.db, row.id);
    if (claimed) this.fail(claimed, sentence('smtpUnreachable'), null, this.d.clock.now() + OFFLINE_RETRY_MS, false);
  }

  private changed(row: OutboxDbRow): void {
    this.d.events.emit({ type: 'changed', table: 'outbox', ids: [row.id] });
    this.d.events.emit({ type: 'changed', table: 'drafts', ids: [row.draft_id] });
  }

  private async send(row: OutboxDbRow, late: boolean): Promise<Delivery> {
    if (!claimForSending(this.d.db, row.id, late, this.d.clock.now())) return 'done';
    const claimed = getOutboxRow(this.d.db, row.id);
    if (!claimed) return 'done';
    this.changed(claimed);
    return this.deliver(claimed);
  }

  /** An item left in `sending` by a crash: sent already, or not? */
  private async resolveInterrupted(row: OutboxDbRow): Promise<void> {
    let found = messageRowByMessageId(this.d.db, row.account_id, row.message_id) !== null;
    let how = 'it is already in the mailbox';
    if (!found) {
      const sent = getFolderByRole(this.d.db, row.account_id, 'sent');
      if (sent) {
        try {
          const servers = await accountServers(this.d.db, this.d.secrets, row.account_id);
          found = await withImap(servers.imap, this.d.clock, (client) => folderHasMessageId(client, sent.path, row.message_id));
          how = 'it is in the Sent folder';
        } catch (err) {
          if (!(err instanceof AccountUnusableError)) {
            this.d.log.warn('cannot check whether an interrupted send went out; waiting', { outboxId: row.id, err });
            this.unresolved.add(row.id);
            return;
          }
        }
      }
    }
    if (found) {
      const now = this.d.clock.now();
      this.d.db.transaction(() => {
        markOutboxSent(this.d.db, row.id, null, null, now);
        setDraftState(this.d.db, row.draft_id, 'sent');
        auditOutboxEvent(this.d.db, row, 'sent', now, null, `Switchboard closed while sending; ${how}, so it was not sent again.`);
      })();
      this.d.log.info('interrupted send had gone out; not resending', { outboxId: row.id });
      this.changed(row);
      return;
    }
    this.d.log.info('interrupted send had not gone out; sending again', { outboxId: row.id });
    await this.deliver(row);
  }

  /**
   * Who wrote in the conversation after the reply was queued, when it was scheduled or goes out long after it
   * was due; empty otherwise. A reply written on a train must not answer a question a colleague answered
   * meanwhile, and Monday's "did that help?" must not follow the customer's Sunday "never mind, it works".
   */
  private async overtakenBy(row: OutboxDbRow): Promise<string[]> {
    if (row.conversation_id === null) return [];
    if (row.scheduled === 0 && this.d.clock.now() - row.send_at < HELD_MS) return [];
    await this.d.syncAccount?.(row.account_id).catch(() => undefined);
    return [...new Set(writtenSince(this.d.db, row.conversation_id, row.created_at).map((m) => m.from_name.trim() || m.from_address))];
  }

  private async deliver(row: OutboxDbRow): Promise<Delivery> {
    const { db, clock } = this.d;
    const overtaken = await this.overtakenBy(row);
    if (overtaken.length > 0) {
      this.d.log.info('held reply not sent: the conversation moved on while it waited', { outboxId: row.id });
      this.fail(row, sentence('overtakenWhileWaiting', { subject: row.subject, who: overtaken.join(', ') }), null, null);
      return 'done';
    }
    let servers: AccountServers;
    let raw: Buffer;
    let recipients: string[];
    let date: number;
    try {
      const payload = parsePayload(row.payload);
      servers = await accountServers(db, this.d.secrets, row.account_id);
      raw = await buildRawMessage(this.d.dataDir, payload, row.message_id);
      recipients = envelopeRecipients(payload);
      date = payload.date;
    } catch (err) {
      const reason = err instanceof AccountUnusableError ? err.sentence : sentence('messageNotPrepared');
      this.d.log.error('cannot prepare outgoing mail', { outboxId: row.id, err });
      this.fail(row, reason, null, null);
      return 'done';
    }
    const outcome = await submitMessage({ settings: servers.smtp, from: servers.email, recipients, raw });
    rememberSmtpMaxSize(db, row.account_id, outcome.maxSize);
    if (outcome.kind === 'failed') {
      const retryAt = outcome.unreachable
        ? clock.now() + OFFLINE_RETRY_MS
        : outcome.transient && row.attempts < MAX_ATTEMPTS
          ? clock.now() + retryDelayMs(row.attempts)
          : null;
      this.fail(row, outcome.reason, outcome.response, retryAt, !outcome.unreachable);
      return outcome.unreachable ? 'unreachable' : 'done';
    }
    const refused = outcome.rejected.map((r) => r.address).filter(Boolean);
    const problem = refused.length ? sentence(refused.length === 1 ? 'recipientRefusedOthersGot' : 'recipientsRefusedOthersGot', { recipients: refused.join(', ') }) : null;
    const now = clock.now();
    db.transaction(() => {
      markOutboxSent(db, row.id, outcome.response, problem, now);
      setDraftState(db, row.draft_id, 'sent');
      auditOutboxEvent(db, row, 'sent', now, outcome.response, problem?.text ?? null);
      if (problem) auditOutboxEvent(db, row, 'failed', now, outcome.rejected.map((r) => r.response).join('\n') || null, problem.text);
    })();
    this.changed(row);
    const fresh = getOutboxRow(db, row.id);
    // After the reply, never before it: the fold lets the later fact win. The conversation id is read now,
    // since the reply's conversation may have merged into another while it waited (migration 0018).
    const markAs = fresh?.then_status ?? null;
    const conversationId = fresh?.conversation_id ?? null;
    if (markAs !== null && conversationId !== null) {
      try {
        this.d.markConversation?.(conversationId, markAs);
      } catch (err) {
        this.d.log.error('the reply went out, but its conversation could not be marked', { outboxId: row.id, err });
      }
    }
    if (fresh?.sent_late) {
      this.notify('sent-late', sentence('sentLateTitle'), sentence('sentLate', { subject: row.subject }), row);
    }
    if (problem) this.notify('send-failed', sentence('someNotReachedTitle'), problem, row);
    await this.copy(fresh ?? row, servers, raw, date);
    return 'done';
  }

  private fail(row: OutboxDbRow, reason: Sentence, response: string | null, retryAt: number | null, countAttempt = true): void {
    const { db } = this.d;
    const now = this.d.clock.now();
    db.transaction(() => {
      markOutboxFailed(db, row.id, reason, response, retryAt, now, countAttempt);
      // A permanent failure gives the draft back to the agent to fix and send again.
      if (retryAt === null) setDraftState(db, row.draft_id, 'open');
      // The audit is the record of what happened, in core's English as the log is (outgoing-audit.ts says why).
      // Waiting for an unreachable server is recorded once, not once a minute for the hours it may last.
      const stillWaiting = !countAttempt && row.problem === reason.text;
      if (!stillWaiting) auditOutboxEvent(db, row, 'failed', now, response, reason.text);
    })();
    this.changed(row);
    if (retryAt === null) this.notify('send-failed', sentence('notSentTitle'), reason, row);
  }

  private notify(kind: DeskNotification['kind'], title: Sentence, body: Sentence, row: OutboxDbRow): void {
    this.d.events.emit({ type: 'notify', notification: { kind, title, body, conversationId: row.conversation_id } });
  }

  private async copy(row: OutboxDbRow, servers: AccountServers, raw: Buffer, date: number): Promise<void> {
    try {
      const stored = await storeSentCopy(this.d, outboxMail(this.d.db, row), servers, raw, date);
      if (stored !== null) {
        this.d.events.emit({ type: 'changed', table: 'messages', ids: [stored] });
        this.d.events.emit({ type: 'changed', table: 'conversations' });
      }
    } catch (err) {
      this.d.log.warn('could not store the copy of a sent mail', { outboxId: row.id, err });
    }
    // Filed (or not): the reply's "sending" presence is recomputed from the row (team/presence-leases.ts).
    this.d.events.emit({ type: 'changed', table: 'outbox', ids: [row.id] });
  }

  /** Copies not made before (crash or offline right after sending). */
  private async copyPending(): Promise<void> {
    for (const row of uncopiedRows(this.d.db)) {
      if (this.closed) return;
      try {
        const payload = parsePayload(row.payload);
        const servers = await accountServers(this.d.db, this.d.secrets, row.account_id);
        await this.copy(row, servers, await buildRawMessage(this.d.dataDir, payload, row.message_id), payload.date);
      } catch (err) {
        this.d.log.warn('copy of a sent mail still pending', { outboxId: row.id, err });
      }
    }
  }
}
