/**
 * compose.start and the draft commands. Opening the composer for a
 * conversation and mode that already has an unsent draft resumes it, so a
 * second click (or a restart) never forks the agent's text.
 */
import type { Database } from 'better-sqlite3';
import type { AttachmentInfo, ComposeMethods, Draft, Sentence, TemplateRender } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { getAccount, listAccounts } from '../db/accounts.repo.ts';
import { conversationMessages, sourceMessage } from '../db/compose-source.repo.ts';
import type { SourceMessageRow } from '../db/compose-source.repo.ts';
import { getConversationSummary } from '../db/conversations.repo.ts';
import {
  draftAttachmentBytes,
  getDraft,
  insertDraft,
  insertDraftAttachment,
  openDraftFor,
  prefillDraftAttachments,
  publicDraft,
} from '../db/drafts.repo.ts';
import type { StoredDraft } from '../db/drafts.repo.ts';
import { getMessage } from '../db/messages.repo.ts';
import { attachmentRowsOf } from '../db/bodies.repo.ts';
import { attachmentFileExists } from '../sync/body-sync.ts';
import { storeAttachment } from '../mail/attachment-store.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { findAgent } from '../team/roster.ts';
import { MAX_DRAFT_BYTES } from '../outbox/outbox-queue.ts';
import { placeholderValues } from './placeholders.ts';
import type { PrefillSource } from './prefill.ts';
import { prefillDraft } from './prefill.ts';
import { allTemplates, readSignature } from './team-settings.ts';
import { renderTemplate } from './template.ts';
import type { TemplateProblem } from './template.ts';

export interface DraftDeps {
  db: Database;
  dataDir: string;
  clock: Clock;
  actor: LocalActor;
  /** Makes sure a message's body is cached (fetching it now if need be). */
  ensureBody(messageId: number): Promise<boolean>;
}

function parseAddresses(json: string): Array<{ name: string; address: string }> {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as Array<{ name?: unknown; address?: unknown }>).flatMap((a) => (typeof a?.address === 'string' ? [{ name: typeof a.name === 'string' ? a.name : '', address: a.address }] : [])) : [];
  } catch {
    return [];
  }
}

/** Reply to the newest message from someone else (the customer), else the newest. */
function defaultSource(members: SourceMessageRow[], mailbox: string): SourceMessageRow | null {
  const own = mailbox.toLowerCase();
  return [...members].reverse().find((m) => m.from_address.toLowerCase() !== own) ?? members.at(-1) ?? null;
}

export function signatureHtml(db: Database, accountId: number, email: string, agent: string): string {
  const mine = readSignature(db, accountId, email, agent)?.html ?? '';
  const mailbox = readSignature(db, accountId, email, null)?.html ?? '';
  return [mine, mailbox].filter((s) => s.trim() !== '').join('<br>\n');
}

export async function startDraft(
  deps: DraftDeps,
  p: ComposeMethods['compose.start']['params'],
): Promise<Draft> {
  const { db } = deps;
  const conversation = p.conversationId === null ? null : getConversationSummary(db, p.conversationId);
  if (p.conversationId !== null && !conversation) throw new DeskFailure('not-found', sentence('conversationGone'));
  if (conversation) {
    const existing = openDraftFor(db, conversation.id, p.mode);
    if (existing) return publicDraft(existing);
  }
  let source: SourceMessageRow | null = p.messageId === null ? null : sourceMessage(db, p.messageId);
  if (p.messageId !== null && !source) throw new DeskFailure('not-found', sentence('messageGone'));
  const accountId = conversation?.accountId ?? source?.account_id ?? p.accountId ?? listAccounts(db).find((a) => a.kind === 'imap')?.id ?? null;
  const account = accountId === null ? undefined : getAccount(db, accountId);
  if (!account) throw new DeskFailure('not-found', sentence('chooseMailbox'));
  if (!source && conversation && p.mode !== 'new') source = defaultSource(conversationMessages(db, conversation.id), account.email);
  if (p.mode !== 'new' && !source) throw new DeskFailure('bad-request', sentence('chooseMessageToAnswer'));

  let prefillSource: PrefillSource | null = null;
  if (source && p.mode !== 'new') {
    await deps.ensureBody(source.id).catch(() => false);
    const detail = getMessage(db, source.id);
    prefillSource = {
      subject: source.subject,
      from: { name: source.from_name, address: source.from_address },
      to: parseAddresses(source.to_json),
      cc: parseAddresses(source.cc_json),
      replyTo: detail?.replyTo ?? [],
      date: source.date,
      text: detail?.text || source.snippet,
    };
  }
  const filled = prefillDraft({
    mode: p.mode,
    mailbox: account.email,
    ticket: conversation?.ticket ?? null,
    customer: conversation?.customer ?? null,
    source: prefillSource,
    signatureHtml: signatureHtml(db, account.id, account.email, deps.actor.node),
    ...(p.language ? { language: p.language } : {}),
  });
  const id = db.transaction(() => {
    // Checked again inside the transaction: two compose.start calls may race past the first check.
    const raced = conversation ? openDraftFor(db, conversation.id, p.mode) : null;
    if (raced) return raced.id;
    const draftId = insertDraft(db, {
      accountId: account.id,
      conversationId: conversation?.id ?? null,
      mode: p.mode,
      inReplyTo: p.mode === 'new' ? null : (source?.id ?? null),
      to: filled.to,
      cc: filled.cc,
      bcc: [],
      subject: filled.subject,
      html: filled.html,
      now: deps.clock.now(),
    });
    if (p.mode === 'forward' && source) prefillDraftAttachments(db, draftId, forwardedAttachments(deps, source.id));
    return draftId;
  })();
  const draft = getDraft(db, id);
  if (!draft) throw new Error('draft vanished right after insert');
  return publicDraft(draft);
}

/**
 * What a forward carries: the forwarded mail's attachments whose files are
 * on disk (its body was fetched just before), inline images included, since
 * the forward quotes the text and not the HTML they sit in; as many as fit
 * in a draft's limit, in their order.
 */
function forwardedAttachments(deps: DraftDeps, messageId: number): Array<{ filename: string; contentType: string; size: number; sha256: string }> {
  const out: Array<{ filename: string; contentType: string; size: number; sha256: string }> = [];
  let total = 0;
  for (const a of attachmentRowsOf(deps.db, messageId)) {
    if (a.sha256 === null || !attachmentFileExists(deps.dataDir, a.sha256) || total + a.size > MAX_DRAFT_BYTES) continue;
    total += a.size;
    out.push({ filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 });
  }
  return out;
}

export function requireOpenDraft(db: Database, id: number): StoredDraft {
  const draft = getDraft(db, id);
  if (!draft) throw new DeskFailure('not-found', sentence('draftGone'));
  if (draft.state !== 'open') throw new DeskFailure('conflict', sentence('draftBeingSent'));
  return draft;
}

export async function attachToDraft(
  deps: DraftDeps,
  p: { draftId: number; filename: string; contentType: string; dataBase64: string },
): Promise<AttachmentInfo> {
  requireOpenDraft(deps.db, p.draftId);
  const bytes = Buffer.from(p.dataBase64, 'base64');
  if (bytes.length === 0) throw new DeskFailure('bad-request', sentence('attachmentEmpty', { file: p.filename }));
  const total = draftAttachmentBytes(deps.db, p.draftId) + bytes.length;
  if (total > MAX_DRAFT_BYTES) {
    const sizes = { file: p.filename, totalBytes: String(total), maxBytes: String(MAX_DRAFT_BYTES) };
    throw new DeskFailure('bad-request', sentence('attachmentsTooLarge', sizes));
  }
  const sha256 = await storeAttachment(deps.dataDir, bytes);
  requireOpenDraft(deps.db, p.draftId);
  return insertDraftAttachment(deps.db, p.draftId, { filename: p.filename, contentType: p.contentType, size: bytes.length, sha256 });
}

export function renderForDraft(db: Database, actor: LocalActor, templateId: string, draftId: number): TemplateRender {
  const template = allTemplates(db).find((t) => t.id === templateId);
  if (!template) throw new DeskFailure('not-found', sentence('templateGone'));
  const draft = getDraft(db, draftId);
  if (!draft) throw new DeskFailure('not-found', sentence('draftGone'));
  const account = getAccount(db, draft.accountId);
  const conversation = draft.conversationId === null ? null : getConversationSummary(db, draft.conversationId);
  const agent = findAgent(db, actor.node);
  const values = placeholderValues({
    agent: agent ? { name: agent.name, address: agent.address } : null,
    mailbox: { name: account?.name ?? '', email: account?.email ?? '' },
    ticket: conversation?.ticket ?? null,
    customer: conversation?.customer ?? draft.to[0] ?? null,
    subject: conversation?.subject ?? (draft.subject || null),
  });
  const rendered = renderTemplate(template.body, values);
  return { html: rendered.text, problems: rendered.problems.map(templateProblemSentence) };
}

/** A template problem as the composer says it: the placeholder as it stands in the text, braces and all. */
function templateProblemSentence(p: TemplateProblem): Sentence {
  const vars = { placeholder: `{${p.placeholder}}` };
  if (p.reason === 'unknown') return sentence('placeholderUnknown', vars);
  // The agent's own fields are empty until their profile is published: say where to set them.
  return sentence(p.placeholder.startsWith('MY_') ? 'placeholderEmptyMine' : 'placeholderEmpty', vars);
}
