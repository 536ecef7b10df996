/**
 * Sends the automatic acknowledgements rules queued (rule-step.ts), once for
 * the team, outside transactions.
 *
 * For each due one, in this order, and nothing is sent unless all pass:
 * 1. the rule still acknowledges and its template still exists (else it is
 *    skipped or fails, visibly); the conversation is not spam; the mail is
 *    not too old;
 * 2. the mail's real headers, read from the server, allow an automatic
 *    answer (acknowledgement.ts: not automatic, list or bulk mail);
 * 3. its sender was not acknowledged three times in the last day (a loop
 *    breaker, should the headers not tell);
 * 4. the claim protocol (team/claims.ts) picks one desktop of the team,
 *    which sends it under a Message-ID derived from the action, files the
 *    copy in Sent and records it; the others record that a colleague sent it.
 *
 * A server that cannot be reached at all (the desktop is offline) postpones
 * it without counting a try: it goes out when the desktop is back, or is
 * dropped quietly once the mail is too old, and a colleague's desktop sends it
 * meanwhile if theirs is online. Other trouble postpones it with a backoff and
 * fails it after MAX_ATTEMPTS; a refusal that trying again cannot mend fails
 * it at once. Failures notify the agent and name the rule.
 */
import type { AcknowledgementReason, Address, Sentence, Template } from '../../../src-preload/api.ts';
import type { DueAcknowledgement } from '../db/acknowledgements.repo.ts';
import { acknowledgementsSentTo, dueAcknowledgements, nextAcknowledgementAt, postponeAcknowledgement, retryPendingNow, settleAcknowledgement, teamAnsweredSince } from '../db/acknowledgements.repo.ts';
import { opsOfConversation } from '../db/triage.repo.ts';
import { FIELD } from '../triage/triage-fold.ts';
import { onBackOnline } from '../sync/back-online.ts';
import { insertOutgoingAudit } from '../db/audit.repo.ts';
import { messageRowByMessageId } from '../db/compose-source.repo.ts';
import { getFolderByRole } from '../db/folders.repo.ts';
import { looksAutomatic } from '../audit/inspect-step.ts';
import { allTemplates, readBranding, readSignature } from '../compose/team-settings.ts';
import { splitHeaders } from '../mail/parse-fallback.ts';
import type { AccountServers } from '../outbox/account-servers.ts';
import { accountServers, AccountUnusableError, folderHasMessageId, ImapSession } from '../outbox/account-servers.ts';
import { buildRawMessage, envelopeRecipients } from '../outbox/outgoing-message.ts';
import { rememberSmtpMaxSize } from '../outbox/send-settings.ts';
import { storeSentCopy } from '../outbox/sent-copy.ts';
import { submitMessage } from '../outbox/smtp-send.ts';
import { sentence } from '../sentences.ts';
import { actionMessageId, ExactlyOnce } from '../team/claims.ts';
import type { LocalActor } from '../team/local-actor.ts';
import type { JsonValue } from '../team/ops.ts';
import { acknowledgementMessage, suppressionReason } from './acknowledgement.ts';
import { customerOf } from '../conversations/thread-source.ts';
import { ACKNOWLEDGE_MAX_AGE_MS, ruleTagOf } from './rule-match.ts';
import { onAcknowledgementsQueued } from './rule-step.ts';
import { RoundsWorker } from '../serial-rounds.ts';
import { isUnreachable } from '../sync/classify-error.ts';
import type { DispatcherDeps } from '../outbox/dispatcher.ts';
import { listRules } from './rule-store.ts';

/** A sender acknowledged this often in a day gets no more: the loop breaker behind the header checks. */
export const MAX_PER_SENDER_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60_000;
const MAX_ATTEMPTS = 12;
/** How long to wait for this desktop's own fold or sync to catch up with a just-stored mail. */
const SOON_MS = 2_000;
/** How often an offline desktop looks again; its tries do not count. */
export const OFFLINE_RETRY_MS = 5 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** attempts, 60 * 60_000);
}

/** What the outbox's dispatcher needs to send mail, and the team's channel for the claim protocol. */
export interface AcknowledgerDeps extends DispatcherDeps {
  actor: LocalActor;
  /** The team's channel for the claim protocol; null while team sync is not running (nothing is sent then). */
  team(): { accountId: number; sync(): Promise<void> } | null;
  /** Test seam: the claim protocol's timings. */
  claimOptions?: { leaseMs?: number; graceMs?: number; pollMs?: number; deadlineMs?: number };
}

type Verdict =
  | { kind: 'skip'; code: AcknowledgementReason; reason: string; recipient?: string }
  /** `notice`: the body of the agent's notification, which says why. */
  | { kind: 'fail'; code: AcknowledgementReason; notice: Sentence; recipient?: string }
  /** `soonMs`: a wait for this desktop's own work (the fold, the sync) or for the network, not a failed attempt. */
  | { kind: 'later'; reason: string; soonMs?: number }
  | { kind: 'sent'; recipient: string }
  | { kind: 'sent-elsewhere'; recipient: string | null };

class Postpone extends Error {}

const domainOf = (address: string): string => /@([^@\s>]+)$/.exec(address.trim())?.[1]?.toLowerCase() ?? 'switchboard.invalid';

export class Acknowledger extends RoundsWorker {
  private readonly d: AcknowledgerDeps;
  private cancelTimer: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(deps: AcknowledgerDeps) {
    super({ onError: (err) => deps.log.error('acknowledger failed', { err }), afterRounds: () => this.arm() });
    this.d = deps;
    this.unsubscribe = onAcknowledgementsQueued((db) => {
      if (db === deps.db) void this.poke();
    });
    this.stopBackOnline = onBackOnline(deps.events, (accountId) => {
      if (retryPendingNow(deps.db, accountId, deps.clock.now()) > 0) void this.poke();
    });
  }

  private readonly stopBackOnline: () => void;

  protected stopping(): void {
    this.unsubscribe();
    this.stopBackOnline();
    this.cancelTimer?.();
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.closed) return;
    const at = nextAcknowledgementAt(this.d.db);
    if (at === null) return;
    this.cancelTimer = this.d.clock.schedule(Math.max(0, at - this.d.clock.now()), () => {
      this.cancelTimer = null;
      void this.poke();
    });
  }

  protected async round(): Promise<void> {
    // Claims wait on the team folder: a few in flight keep a backlog (a Monday morning) from queueing behind one;
    // each opens its own short IMAP session, and servers cap a user's connections (Dovecot: 10 per address).
    const due = dueAcknowledgements(this.d.db, this.d.clock.now(), 3);
    await Promise.all(due.map((row) => this.work(row)));
  }

  private async work(row: DueAcknowledgement): Promise<void> {
    let verdict: Verdict;
    try {
      verdict = await this.decide(row);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (isUnreachable(err)) {
        this.d.log.info('acknowledgement waits for the server to be reachable', { actionId: row.action_id, reason });
        verdict = { kind: 'later', reason, soonMs: OFFLINE_RETRY_MS };
      } else {
        this.d.log.warn('acknowledgement postponed', { actionId: row.action_id, err });
        verdict = { kind: 'later', reason };
      }
    }
    if (this.closed && verdict.kind === 'later') return;
    const { db, clock } = this.d;
    const now = clock.now();
    switch (verdict.kind) {
      case 'later':
        if (verdict.soonMs !== undefined) {
          postponeAcknowledgement(db, row.id, now + verdict.soonMs, verdict.reason, false);
        } else if (row.attempts + 1 >= MAX_ATTEMPTS) {
          settleAcknowledgement(db, row.id, { state: 'failed', recipient: null, reason: { code: 'unreachable', text: verdict.reason } }, now);
          this.timelineChanged(row);
          this.notifyFailed(row, sentence('acknowledgementGaveUp', { rule: this.ruleName(row), subject: row.subject }));
        } else {
          postponeAcknowledgement(db, row.id, now + retryDelayMs(row.attempts), verdict.reason);
        }
        return;
      case 'skip':
        this.d.log.info('acknowledgement not sent', { actionId: row.action_id, reason: verdict.reason });
        settleAcknowledgement(db, row.id, { state: 'skipped', recipient: verdict.recipient ?? null, reason: { code: verdict.code, text: verdict.reason } }, now);
        this.timelineChanged(row);
        return;
      case 'fail':
        this.d.log.warn('acknowledgement failed', { actionId: row.action_id, reason: verdict.notice.text });
        settleAcknowledgement(db, row.id, { state: 'failed', recipient: verdict.recipient ?? null, reason: { code: verdict.code, text: verdict.notice.text } }, now);
        this.timelineChanged(row);
        this.notifyFailed(row, verdict.notice);
        return;
      case 'sent':
        settleAcknowledgement(db, row.id, { state: 'sent', recipient: verdict.recipient, reason: null }, now);
        return;
      case 'sent-elsewhere':
        settleAcknowledgement(db, row.id, { state: 'sent-elsewhere', recipient: verdict.recipient, reason: null }, now);
        return;
    }
  }

  private ruleName(row: DueAcknowledgement): string {
    return listRules(this.d.db).find((r) => r.id === row.rule_id)?.name ?? row.rule_id;
  }

  /** The conversation's timeline says why no acknowledgement went out. */
  private timelineChanged(row: DueAcknowledgement): void {
    if (row.conversation_id !== null) this.d.events.emit({ type: 'changed', table: 'activity', ids: [row.conversation_id] });
  }

  private notifyFailed(row: DueAcknowledgement, body: Sentence): void {
    this.d.events.emit({ type: 'notify', notification: { kind: 'send-failed', title: sentence('acknowledgementFailedTitle'), body, conversationId: row.conversation_id } });
  }

  /**
   * The team answered the conversation, or an agent changed its status by hand. A rule's own status change
   * ("acknowledge, and put on hold until Monday") is not an agent's: its op carries the rule's tag.
   */
  private handledByAgent(conversationId: number, mailDate: number): boolean {
    if (teamAnsweredSince(this.d.db, conversationId, mailDate)) return true;
    return opsOfConversation(this.d.db, conversationId).some((op) => op.field === FIELD.status && ruleTagOf(op) === null);
  }

  private async decide(row: DueAcknowledgement): Promise<Verdict> {
    const { db, clock } = this.d;
    const rule = listRules(db).find((r) => r.id === row.rule_id);
    const action = rule?.enabled ? rule.actions.find((a) => a.kind === 'acknowledge') : undefined;
    if (!action) return { kind: 'skip', code: 'rule-off', reason: 'the rule no longer acknowledges (turned off, changed or deleted)' };
    if (row.date < clock.now() - ACKNOWLEDGE_MAX_AGE_MS) return { kind: 'skip', code: 'too-old', reason: 'the mail is too old to acknowledge now' };
    if (row.status === 'spam') return { kind: 'skip', code: 'spam', reason: 'the conversation is spam' };
    if (row.status === null || row.conversation_id === null) return { kind: 'later', reason: 'the conversation is not folded yet', soonMs: SOON_MS };
    // An agent was quicker (answered, put it on hold, closed it): "we have your message" would now only confuse.
    if (this.handledByAgent(row.conversation_id, row.date)) return { kind: 'skip', code: 'handled', reason: 'an agent already answered or handled the conversation' };
    const about = { rule: rule?.name ?? row.rule_id, subject: row.subject };
    const template = allTemplates(db).find((t) => t.id === action.templateId && !t.demo);
    if (!template) return { kind: 'fail', code: 'template-gone', notice: sentence('acknowledgementTemplateGone', about) };
    if (row.path === null || row.uid === null || row.uidvalidity === null) return { kind: 'later', reason: 'the mail has no location on the server yet', soonMs: SOON_MS };

    let servers: AccountServers;
    try {
      servers = await accountServers(db, this.d.secrets, row.account_id);
    } catch (err) {
      // The mailbox's own problem (password unreadable, settings incomplete) says itself, in the agent's language.
      if (err instanceof AccountUnusableError) return { kind: 'fail', code: 'refused', notice: err.sentence };
      throw err;
    }
    // One login for the headers, the crash guard's look into Sent and the Sent copy.
    const imap = new ImapSession(servers.imap, clock);
    try {
      return await this.decideOnServer(row, servers, imap, template, about);
    } finally {
      await imap.close();
    }
  }

  private async decideOnServer(row: DueAcknowledgement, servers: AccountServers, imap: ImapSession, template: Template, about: { rule: string; subject: string }): Promise<Verdict> {
    const { db, clock } = this.d;
    const headerBlock = await this.readHeaders(imap, row);
    if (headerBlock === null) return { kind: 'skip', code: 'gone', reason: 'the mail is no longer on the server' };
    const { headers } = splitHeaders(headerBlock);
    const suppressed = suppressionReason(headers);
    if (suppressed) return { kind: 'skip', code: suppressed.code, reason: `not answered automatically: ${suppressed.text}` };
    // The conversation's customer, as threading names it: whom the Reply-To names (a contact form's customer), else the sender.
    const to: Address | null = customerOf(row, new Set([servers.email.trim().toLowerCase()]));
    if (!to) return { kind: 'skip', code: 'not-a-person', reason: 'the mail names nobody outside the mailbox' };
    const recipient = to.address.trim().toLowerCase();
    if (looksAutomatic(recipient, '')) return { kind: 'skip', code: 'not-a-person', reason: `${recipient} does not take automatic answers`, recipient };
    if (acknowledgementsSentTo(db, recipient, clock.now() - DAY_MS) >= MAX_PER_SENDER_PER_DAY) {
      return { kind: 'skip', code: 'limit', reason: `${recipient} was acknowledged ${MAX_PER_SENDER_PER_DAY} times in the last day`, recipient };
    }

    let references: string[] = [];
    try {
      references = (JSON.parse(row.references_json) as unknown[]).filter((r): r is string => typeof r === 'string');
    } catch {
      references = [];
    }
    const message = await acknowledgementMessage({
      template: template.body,
      signature: readSignature(db, row.account_id, servers.email, null)?.html ?? '',
      branding: readBranding(db, row.account_id, servers.email),
      mailbox: { name: servers.name, email: servers.email },
      to,
      original: { messageId: row.message_id, subject: row.subject, references, inReplyTo: row.in_reply_to },
      ticket: row.ticket,
      date: clock.now(),
    });
    if (message.kind === 'unfillable') return { kind: 'fail', code: 'unfillable', notice: sentence('acknowledgementUnfillable', { ...about, placeholders: message.placeholders.join(', ') }), recipient };

    const messageId = actionMessageId(row.action_id, domainOf(servers.email)).slice(1, -1);
    const team = this.d.team();
    if (!team) return { kind: 'later', reason: 'team sync is not running, so the team cannot agree who sends it' };
    const engine = new ExactlyOnce({
      db,
      accountId: team.accountId,
      actor: this.d.actor,
      clock,
      log: this.d.log,
      sync: () => team.sync(),
      shouldStop: () => this.closed,
      ...this.d.claimOptions,
    });
    const sent = { to: recipient, messageId };
    const outcome = await engine.run(
      row.action_id,
      async () => {
        await this.send(servers, imap, row, message.payload, messageId);
        return sent;
      },
      async () => ((await this.alreadySent(imap, row.account_id, messageId)) ? sent : null),
    );
    switch (outcome.outcome) {
      case 'performed':
        return { kind: 'sent', recipient };
      case 'done-elsewhere':
        return { kind: 'sent-elsewhere', recipient: recipientOf(outcome.result) };
      case 'gave-up':
        return { kind: 'later', reason: `the team could not agree who sends it (${outcome.reason})` };
      case 'failed':
        if (outcome.error.startsWith(UNREACHABLE)) return { kind: 'later', reason: outcome.error.slice(UNREACHABLE.length), soonMs: OFFLINE_RETRY_MS };
        return outcome.error.startsWith(POSTPONE)
          ? { kind: 'later', reason: outcome.error.slice(POSTPONE.length) }
          : { kind: 'fail', code: 'refused', notice: sentence('acknowledgementRefused', { ...about, reason: outcome.error }), recipient };
    }
  }

  private async readHeaders(imap: ImapSession, row: DueAcknowledgement): Promise<Buffer | null> {
    const { path, uid, uidvalidity } = row;
    if (path === null || uid === null) return null;
    return imap.run(async (client) => {
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        if (client.mailbox && Number(client.mailbox.uidValidity) !== uidvalidity) throw new Postpone('the folder was recreated; waiting for the sync');
        const msg = await client.fetchOne(String(uid), { headers: true }, { uid: true });
        return msg && msg.headers ? msg.headers : null;
      } finally {
        lock.release();
      }
    });
  }

  /** The crash guard: a winner that sent and died before recording it left the mail in the cache or in Sent. */
  private async alreadySent(imap: ImapSession, accountId: number, messageId: string): Promise<boolean> {
    if (messageRowByMessageId(this.d.db, accountId, messageId) !== null) return true;
    const sentFolder = getFolderByRole(this.d.db, accountId, 'sent');
    if (!sentFolder) return false;
    return imap.run((client) => folderHasMessageId(client, sentFolder.path, messageId));
  }

  private async send(servers: AccountServers, imap: ImapSession, row: DueAcknowledgement, payload: Parameters<typeof buildRawMessage>[1], messageId: string): Promise<void> {
    const { db, clock } = this.d;
    const raw = await buildRawMessage(this.d.dataDir, payload, messageId);
    const recipients = envelopeRecipients(payload);
    const outcome = await submitMessage({ settings: servers.smtp, from: servers.email, recipients, raw });
    rememberSmtpMaxSize(db, row.account_id, outcome.maxSize);
    if (outcome.kind === 'failed') {
      // Thrown, the claim is released at once, so a colleague's desktop (maybe with a better connection) tries.
      if (outcome.unreachable) throw new Error(UNREACHABLE + outcome.reason.text);
      if (outcome.transient) throw new Error(POSTPONE + outcome.reason.text);
      throw new Error(outcome.response ?? outcome.reason.text);
    }
    insertOutgoingAudit(db, {
      at: clock.now(),
      accountId: row.account_id,
      outboxId: null,
      messageId,
      to: recipients,
      subject: payload.subject,
      outcome: 'sent',
      smtpResponse: outcome.response,
      reason: `Automatic acknowledgement (rule “${this.ruleName(row)}”).`,
      bounce: null,
      conversationId: row.conversation_id,
    });
    const stored = await storeSentCopy(
      { db, dataDir: this.d.dataDir, clock, log: this.d.log },
      { accountId: row.account_id, messageId, placeholderUid: null, copied: () => undefined },
      servers,
      raw,
      payload.date,
      imap.run,
    ).catch((err: unknown) => {
      this.d.log.warn('acknowledgement sent; its Sent copy waits for the sync', { err });
      return null;
    });
    this.d.events.emit({ type: 'changed', table: 'outbox' });
    if (stored !== null) {
      this.d.events.emit({ type: 'changed', table: 'messages', ids: [stored] });
      this.d.events.emit({ type: 'changed', table: 'conversations' });
    }
  }
}

const POSTPONE = 'postpone: ';
/** The SMTP server could not be reached at all: waited for like an unreachable IMAP server, not counted as a try. */
const UNREACHABLE = 'unreachable: ';

function recipientOf(result: JsonValue): string | null {
  return typeof result === 'object' && result !== null && !Array.isArray(result) && typeof result['to'] === 'string' ? result['to'] : null;
}
