/**
 * outbox.send / outbox.cancel: from a draft to a queued item and back.
 *
 * Sending checks, in order, and queues nothing unless all pass: addresses,
 * placeholders left in the text, size (against the server's SIZE when
 * known), then the collision check (a customer or colleague wrote after what
 * the agent saw: asked about first). The queued item carries the frozen
 * message and its Message-ID; the draft is frozen (`queued`) until the item
 * is sent, or given back by undo or a permanent failure.
 */
import type { Database } from 'better-sqlite3';
import type { CollisionMessage, Draft, OutboxItem, SendResult, Sentence } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { getAccount } from '../db/accounts.repo.ts';
import { conversationMessages, sourceMessage } from '../db/compose-source.repo.ts';
import { draftAttachments, getDraft, publicDraft, setDraftState } from '../db/drafts.repo.ts';
import type { StoredDraft } from '../db/drafts.repo.ts';
import { cancelOutboxItem, getOutboxRow, insertOutboxItem, supersedeFailed, toOutboxItem } from '../db/outbox.repo.ts';
import { htmlToPlainText } from '../mail/html-text.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { findAgent } from '../team/roster.ts';
import { presenceOf } from '../triage/triage-reads.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { auditOutboxEvent } from '../audit/outgoing-audit.ts';
import { addressProblems } from '../compose/addresses.ts';
import { wrapWithBranding } from '../compose/branding-wrap.ts';
import { sanitizeHtml } from '../compose/html.ts';
import { unescapeBraces, unresolvedPlaceholders } from '../compose/placeholders.ts';
import { readBranding } from '../compose/team-settings.ts';
import { isOutgoing } from '../conversations/thread-source.ts';
import type { OutgoingPayload } from './outgoing-message.ts';
import { newMessageId } from './outgoing-message.ts';
import { smtpMaxSize, undoSeconds } from './send-settings.ts';

/** Beyond this the composer refuses attachments whatever the server says (mail gets base64-inflated by a third). */
export const MAX_DRAFT_BYTES = 25 * 1024 * 1024;

export interface QueueDeps {
  db: Database;
  clock: Clock;
  actor: LocalActor;
  /** Best effort: bring the account's cache up to date before the collision check. */
  syncAccount(accountId: number): Promise<void>;
  /** Best effort: fetch bodies not cached yet (headers-first sync), so a collision shows what was written. */
  fetchBodies(messageIds: readonly number[]): Promise<void>;
}

/** Problems that block sending, as sentences by key (sizes as byte counts: each side words them). */
export function draftProblems(db: Database, draft: StoredDraft): Sentence[] {
  const problems = addressProblems(draft);
  for (const name of unresolvedPlaceholders(draft.html)) problems.push(sentence('placeholderLeft', { placeholder: `{${name}}` }));
  if (unresolvedPlaceholders(draft.subject).length) problems.push(sentence('subjectHasPlaceholder'));
  const attached = draft.attachments.reduce((n, a) => n + a.size, 0);
  const estimate = Math.ceil((attached + Buffer.byteLength(draft.html) * 2) * 1.37) + 4096;
  const limit = smtpMaxSize(db, draft.accountId);
  if (limit !== null && estimate > limit) {
    problems.push(sentence('messageOverServerLimit', { sizeBytes: String(estimate), maxBytes: String(limit) }));
  } else if (attached > MAX_DRAFT_BYTES) {
    problems.push(sentence('attachmentsOverLimit', { totalBytes: String(attached), maxBytes: String(MAX_DRAFT_BYTES) }));
  }
  return problems;
}

/** Messages of the conversation newer than the newest one the agent had on screen. */
export function collisions(db: Database, draft: Draft, seenMessageIds: readonly number[]): CollisionMessage[] {
  return collidingMessages(db, draft, seenMessageIds).map(({ id: _id, ...message }) => message);
}

function collidingMessages(db: Database, draft: Draft, seenMessageIds: readonly number[]): Array<CollisionMessage & { id: number }> {
  if (draft.conversationId === null || seenMessageIds.length === 0) return [];
  const seen = new Set(seenMessageIds);
  const members = conversationMessages(db, draft.conversationId);
  const seenDates = members.filter((m) => seen.has(m.id)).map((m) => m.date);
  if (seenDates.length === 0) return [];
  const newest = Math.max(...seenDates);
  const own = new Set([(getAccount(db, draft.accountId)?.email ?? '').toLowerCase()]);
  return members
    .filter((m) => !seen.has(m.id) && m.date > newest)
    .map((m) => ({ id: m.id, from: { name: m.from_name, address: m.from_address }, at: m.date, outgoing: isOutgoing(m, own), snippet: m.snippet }));
}

async function payloadOf(deps: QueueDeps, draft: StoredDraft, sendAt: number): Promise<OutgoingPayload> {
  const { db } = deps;
  const account = getAccount(db, draft.accountId);
  if (!account) throw new DeskFailure('not-found', sentence('draftMailboxGone'));
  const body = unescapeBraces(sanitizeHtml(draft.html));
  const agent = findAgent(db, deps.actor.node);
  const source = draft.inReplyTo === null ? null : sourceMessage(db, draft.inReplyTo);
  let inReplyTo: string | null = null;
  let references: string[] = [];
  if (source?.message_id && draft.mode !== 'forward') {
    let chain: string[] = [];
    try {
      chain = (JSON.parse(source.references_json) as unknown[]).filter((r): r is string => typeof r === 'string');
    } catch {
      chain = [];
    }
    if (chain.length === 0 && source.in_reply_to) chain = [source.in_reply_to];
    inReplyTo = source.message_id;
    // Long chains are cut in the middle (RFC 5322 §3.6.4 practice): the root and the recent ids matter.
    const full = [...chain, source.message_id];
    references = full.length > 20 ? [full[0] as string, ...full.slice(-19)] : full;
  }
  return {
    from: { name: agent ? `${agent.name} (${account.name})` : account.name, address: account.email },
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    html: wrapWithBranding(body, readBranding(db, account.id, account.email)),
    text: await htmlToPlainText(body),
    inReplyTo,
    references,
    attachments: draftAttachments(db, draft.id).map((a) => ({ filename: a.filename, contentType: a.content_type, size: a.size, sha256: a.sha256 })),
    date: sendAt,
  };
}

/** Queues an open draft without asking (validation done by the caller). */
export async function queueDraft(deps: QueueDeps, draft: StoredDraft, sendAt: number | null, thenStatus: 'done' | null = null): Promise<OutboxItem> {
  const { db, clock } = deps;
  const now = clock.now();
  const at = sendAt ?? now + undoSeconds(db) * 1000;
  const state = sendAt === null ? 'undo-window' : 'scheduled';
  const payload = await payloadOf(deps, draft, Math.max(at, now));
  const account = getAccount(db, draft.accountId);
  const messageId = newMessageId(account?.email ?? '');
  const id = db.transaction(() => {
    const current = getDraft(db, draft.id);
    if (!current || current.state !== 'open') throw new DeskFailure('conflict', sentence('draftAlreadySending'));
    supersedeFailed(db, draft.id, now);
    const itemId = insertOutboxItem(db, {
      draftId: draft.id,
      accountId: draft.accountId,
      conversationId: draft.conversationId,
      messageId,
      subject: draft.subject,
      to: [...draft.to, ...draft.cc],
      payload: JSON.stringify(payload),
      state,
      sendAt: at,
      // Only a reply has a conversation to mark; new mail gets its conversation when its copy is filed.
      thenStatus: draft.conversationId === null ? null : thenStatus,
      now,
    });
    setDraftState(db, draft.id, 'queued');
    const row = getOutboxRow(db, itemId);
    if (row) auditOutboxEvent(db, row, 'queued', now, null, state === 'scheduled' ? `Scheduled for ${new Date(at).toISOString()}.` : null);
    return itemId;
  })();
  const row = getOutboxRow(db, id);
  if (!row) throw new Error('outbox item vanished right after insert');
  return toOutboxItem(row);
}

export async function sendDraft(
  deps: QueueDeps,
  params: { draftId: number; sendAt: number | null; seenMessageIds: number[]; confirmCollision: boolean; thenStatus?: 'done' },
): Promise<SendResult> {
  const { db, clock } = deps;
  const draft = getDraft(db, params.draftId);
  if (!draft) throw new DeskFailure('not-found', sentence('draftGone'));
  if (draft.state !== 'open') throw new DeskFailure('conflict', sentence('draftAlreadySending'));
  const problems = draftProblems(db, draft);
  if (params.sendAt !== null && params.sendAt < clock.now() - 60_000) problems.push(sentence('sendTimeInPast'));
  if (problems.length) return { kind: 'invalid', problems };
  if (!params.confirmCollision && draft.conversationId !== null) {
    await deps.syncAccount(draft.accountId);
    const found = collidingMessages(db, draft, params.seenMessageIds);
    // A colleague's reply on its way out or scheduled is in no cache yet: their desktop announces it (team/presence-leases.ts).
    // When a colleague's reply is already among the new messages, the announcement is most likely that same reply,
    // filed a moment before its end reached this desktop; any other one is shown on the next try.
    const colleagueReplied = found.some((m) => m.outgoing);
    const colleaguesSending = colleagueReplied ? [] : presenceOf(db, draft.conversationId, clock.now(), deps.actor.node).filter((p) => p.activity === 'sending' || p.activity === 'scheduled');
    if (found.length || colleaguesSending.length) {
      const bodiless = found.filter((m) => m.snippet === '').map((m) => m.id);
      if (bodiless.length) await deps.fetchBodies(bodiless);
      return { kind: 'collision', messages: collisions(db, draft, params.seenMessageIds), colleaguesSending };
    }
  }
  return { kind: 'queued', item: await queueDraft(deps, draft, params.sendAt, params.thenStatus ?? null) };
}

/** Undo: the item leaves the outbox and its draft is open again. */
export function cancelSend(db: Database, clock: Clock, id: number): Draft {
  const now = clock.now();
  const draftId = db.transaction(() => {
    const row = getOutboxRow(db, id);
    if (!row) throw new DeskFailure('not-found', sentence('outboxItemGone'));
    if (!cancelOutboxItem(db, id, now)) {
      throw new DeskFailure('conflict', sentence(row.state === 'sending' || row.state === 'sent' ? 'tooLateToUndo' : 'cannotCancel'));
    }
    setDraftState(db, row.draft_id, 'open');
    auditOutboxEvent(db, row, 'cancelled', now, null, 'Cancelled by the agent before sending.');
    return row.draft_id;
  })();
  const draft = getDraft(db, draftId);
  if (!draft) throw new DeskFailure('not-found', sentence('outboxDraftGone'));
  return publicDraft(draft);
}
