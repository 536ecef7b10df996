/**
 * Reads the headers of queued received mail from the server (see
 * inspect-step.ts) and records what it is: a delivery report (linked to the
 * mail it reports, in the outgoing audit), an automatic reply, or plain mail.
 * Runs outside transactions, one short IMAP session per account and round;
 * a mail that cannot be read now is tried again later, a few times. While
 * the server cannot be reached at all (the laptop went offline right after
 * the sync) tries are not counted: it waits, and reads the mail when back.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { InspectTask, MailFact } from '../db/audit.repo.ts';
import { conversationIdsOfMessages } from '../db/conversations.repo.ts';
import { finishInspection, inspectionTasks, insertOutgoingAudit, lastOutgoingEvent, postponeInspection } from '../db/audit.repo.ts';
import { saysAutomatic } from '../mail/declared-kind.ts';
import { parseBounce } from '../mail/dsn.ts';
import { lastIdIn, messageIdsIn } from '../mail/parse.ts';
import { firstHeader, splitHeaders } from '../mail/parse-fallback.ts';
import { accountServers, withImap } from '../outbox/account-servers.ts';
import { sentence } from '../sentences.ts';
import { onInspectionQueued } from './inspect-step.ts';
import { RoundsWorker } from '../serial-rounds.ts';
import { isUnreachable } from '../sync/classify-error.ts';
import { onBackOnline } from '../sync/back-online.ts';

const MAX_ATTEMPTS = 5;
const RETRY_MS = 5 * 60_000;

export interface InspectorDeps {
  db: Database;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
}

export function isAutoReply(raw: Buffer): boolean {
  const { headers } = splitHeaders(raw);
  const answers = lastIdIn(firstHeader(headers, 'in-reply-to')) !== null || messageIdsIn(firstHeader(headers, 'references')).length > 0;
  return saysAutomatic((name) => firstHeader(headers, name), answers);
}

export class MailInspector extends RoundsWorker {
  private readonly d: InspectorDeps;
  private cancelRetry: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(deps: InspectorDeps) {
    super({ onError: (err) => deps.log.error('mail inspector failed', { err }) });
    this.d = deps;
    this.unsubscribe = onInspectionQueued(() => this.poke());
    this.stopBackOnline = onBackOnline(deps.events, () => void this.poke());
  }

  private readonly stopBackOnline: () => void;

  protected stopping(): void {
    this.unsubscribe();
    this.stopBackOnline();
    this.cancelRetry?.();
  }

  /** Mail whose inspection ended this round: its conversation refolds (an out-of-office no longer reopens it). */
  private finished: number[] = [];

  protected async round(): Promise<void> {
    this.finished = [];
    try {
      await this.inspect();
    } finally {
      this.announceFinished();
    }
  }

  private announceFinished(): void {
    if (this.finished.length === 0) return;
    const ids = conversationIdsOfMessages(this.d.db, this.finished);
    this.finished = [];
    if (ids.length > 0) this.d.events.emit({ type: 'changed', table: 'conversations', ids });
  }

  private async inspect(): Promise<void> {
    const tasks = inspectionTasks(this.d.db, 100);
    const byAccount = new Map<number, InspectTask[]>();
    for (const t of tasks) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
    let postponed = false;
    for (const [accountId, list] of byAccount) {
      if (this.closed) return;
      try {
        const servers = await accountServers(this.d.db, this.d.secrets, accountId);
        await withImap(servers.imap, this.d.clock, async (client) => {
          for (const t of list) {
            if (t.path === null || t.uid === null || t.uid <= 0) {
              this.giveUpOrPostpone(t);
              postponed = true;
              continue;
            }
            const lock = await client.getMailboxLock(t.path, { readOnly: true });
            try {
              const box = client.mailbox;
              if (box && Number(box.uidValidity) !== t.uidvalidity) {
                this.giveUpOrPostpone(t);
                postponed = true;
                continue;
              }
              const msg = await client.fetchOne(String(t.uid), { source: true }, { uid: true });
              if (!msg || !msg.source) finishInspection(this.d.db, t.message_id, null);
              else this.record(t, msg.source);
              this.finished.push(t.message_id);
            } finally {
              lock.release();
            }
          }
        });
      } catch (err) {
        const offline = isUnreachable(err);
        this.d.log.warn(offline ? 'cannot reach the server to inspect received mail; waiting' : 'cannot inspect received mail now', { accountId, err });
        if (!offline) for (const t of list) this.giveUpOrPostpone(t);
        postponed = true;
      }
    }
    if (postponed && !this.closed) {
      this.cancelRetry?.();
      this.cancelRetry = this.d.clock.schedule(RETRY_MS, () => void this.poke());
    }
  }

  private giveUpOrPostpone(t: InspectTask): void {
    if (t.attempts + 1 >= MAX_ATTEMPTS) {
      finishInspection(this.d.db, t.message_id, null);
      this.finished.push(t.message_id);
    } else postponeInspection(this.d.db, t.message_id);
  }

  private record(t: InspectTask, raw: Buffer): void {
    const bounce = parseBounce(raw);
    let fact: MailFact = 'plain';
    if (bounce) fact = 'bounce';
    else if (isAutoReply(raw)) fact = 'auto-reply';
    const failed = bounce?.recipients.filter((r) => r.action === 'failed') ?? [];
    const original = bounce?.originalMessageId ? lastOutgoingEvent(this.d.db, bounce.originalMessageId) : null;
    this.d.db.transaction(() => {
      finishInspection(this.d.db, t.message_id, fact);
      if (original && failed.length > 0) {
        const first = failed[0];
        insertOutgoingAudit(this.d.db, {
          at: this.d.clock.now(),
          accountId: original.account_id,
          outboxId: original.outbox_id,
          messageId: original.message_id,
          to: failed.map((r) => r.address),
          subject: original.subject,
          outcome: 'bounced',
          smtpResponse: first?.diagnostic ?? null,
          reason: first?.explanation ?? 'The message could not be delivered.',
          bounce: { reportMessageId: t.message_id, recipients: failed.map((r) => r.address), diagnostic: failed.map((r) => r.diagnostic ?? r.explanation).join('\n') },
          conversationId: original.conversation_id,
        });
      }
    })();
    if (original && failed.length > 0) {
      this.d.events.emit({ type: 'changed', table: 'outbox' });
      this.d.events.emit({
        type: 'notify',
        notification: {
          kind: 'send-failed',
          title: sentence('bouncedTitle'),
          body: sentence('bounced', { subject: original.subject, recipients: failed.map((r) => r.address).join(', ') }),
          conversationId: original.conversation_id,
        },
      });
    }
  }
}
