/**
 * Replying contract (issue 6): drafts, templates, signatures, branding, the
 * durable outbox (undo window, send later) and the mail audits.
 *
 * Drafts live in core's cache and are saved as the agent types, so nothing
 * typed is lost to a crash, a restart or being offline. Sending never talks to
 * SMTP directly: it queues the draft in the outbox, which sends once the undo
 * window or the scheduled time has passed, exactly once.
 */
import type { Address, AttachmentInfo, Page } from '../api.ts';
import type { Sentence } from './sentences.ts';
import type { PresenceBadge } from './triage.ts';

export type ComposeMode = 'reply' | 'replyAll' | 'forward' | 'new';
/** The languages core writes a quote or forward header in: the agent's, as their window shows it. */
export type QuoteLanguage = 'en' | 'de';

export interface Draft {
  id: number;
  accountId: number;
  /** Null for a new conversation until it is sent. */
  conversationId: number | null;
  mode: ComposeMode;
  /** The message replied to or forwarded (cache id). */
  inReplyTo: number | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  /** Rich text as HTML (sanitized by core before sending); the plain-text alternative is derived from it. */
  html: string;
  attachments: AttachmentInfo[];
  /** Epoch ms of the last save. */
  savedAt: number;
}

/** An unsent draft in "My drafts": what the list shows, without its body. */
export interface DraftSummary {
  id: number;
  /** Null for a new conversation. */
  conversationId: number | null;
  mode: ComposeMode;
  subject: string;
  to: Address[];
  savedAt: number;
  /** What the agent wrote, above the quote; '' when nothing yet (attachments only). */
  preview: string;
}

export interface DraftInput {
  id: number;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  html: string;
}

export type OutboxState = 'undo-window' | 'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxItem {
  id: number;
  draftId: number;
  conversationId: number | null;
  accountId: number;
  subject: string;
  to: Address[];
  state: OutboxState;
  /** When it goes out (end of the undo window, or the chosen send-later time). */
  sendAt: number;
  /** Set when it was due while the app was closed and went out at the next start. */
  sentLate: boolean;
  /**
   * A failed item that will be tried again (the server could not be reached, or said "later"): when. Null when
   * it failed for good (its draft is back with the agent) or has not failed.
   */
  retryAt: number | null;
  /**
   * Why it failed (or, once sent, which recipients the server refused), as a sentence by key: the drawer says it in
   * the agent's language. The server's own answer is a value in it, verbatim.
   */
  problem: Sentence | null;
  /** The status its conversation takes once it has gone out ("Send & Done"). */
  thenStatus: 'done' | null;
}

/** A message that arrived after the agent opened the composer: asked about before sending (issue 7). */
export interface CollisionMessage {
  from: Address;
  at: number;
  /** True for a colleague's reply, false for the customer's. */
  outgoing: boolean;
  snippet: string;
}

export type SendResult =
  | { kind: 'queued'; item: OutboxItem }
  /**
   * Nothing was queued: show the messages, and the colleagues whose reply is on its way out or scheduled (not in the
   * mailbox yet), and ask; send again with `confirmCollision: true`.
   */
  | { kind: 'collision'; messages: CollisionMessage[]; colleaguesSending: PresenceBadge[] }
  /**
   * Nothing was queued: the draft has problems the agent must fix (bad address, leftover placeholder, too large), as
   * sentences by key, so the composer says them in the agent's language.
   */
  | { kind: 'invalid'; problems: Sentence[] };

export interface Template {
  id: string;
  name: string;
  /** Short keyword the template search matches first. */
  shortcut: string;
  /** HTML with placeholders like {CLIENT_NAME}. */
  body: string;
  /** One of the demo's own: kept on this desktop, never shared with the team, removed with the demo. */
  demo: boolean;
}

export interface TemplateRender {
  html: string;
  /**
   * Unknown, empty or mistyped placeholders, as sentences by key; non-empty blocks sending. Each names its
   * placeholder in `vars.placeholder` as it stands in the text (`{ORDER_NUMBER}`), so the composer can tell when
   * the agent has fixed it by hand.
   */
  problems: Sentence[];
}

export interface Signature {
  accountId: number;
  /** Null: the mailbox's signature; otherwise the agent's own for that mailbox. */
  agent: string | null;
  html: string;
}

export interface Branding {
  accountId: number;
  headerHtml: string;
  footerHtml: string;
  accentColour: string;
  /** data: URL of a small image, or '' for none. */
  logoDataUrl: string;
}

export interface ComposeSettings {
  undoSeconds: number;
  /** `append`: core appends a copy to Sent; `server-saves`: the server does (Gmail). Per account. */
  sentCopy: Record<number, 'append' | 'server-saves'>;
}

export type AuditOutcome = 'queued' | 'sent' | 'failed' | 'bounced' | 'cancelled';

export interface OutgoingAuditRow {
  id: number;
  at: number;
  accountId: number;
  messageId: string;
  to: string[];
  subject: string;
  outcome: AuditOutcome;
  /** The SMTP server's answer, verbatim. */
  smtpResponse: string | null;
  /** Plain words: "The server refused the recipient bob@example.com." */
  reason: string | null;
  /** For bounces: the report's Message-ID and the failed recipients. */
  bounce: { reportMessageId: number; recipients: string[]; diagnostic: string } | null;
  conversationId: number | null;
}

export type IncomingDisposition = 'new-conversation' | 'added-to-conversation' | 'spam' | 'blocked-contact' | 'auto-reply' | 'bounce' | 'duplicate';

export interface IncomingAuditRow {
  id: number;
  at: number;
  accountId: number;
  messageId: string | null;
  from: string;
  subject: string;
  disposition: IncomingDisposition;
  /** For conversations: the ticket token, e.g. "K7F3Q2". */
  ticket: string | null;
  conversationId: number | null;
}

export interface ComposeMethods {
  /** Opens (or resumes) a draft: recipients, subject with the ticket token, quote and signature filled in. */
  /** `language`: the agent's, for the header above a quoted or forwarded message (English when not given). */
  'compose.start': { params: { accountId: number | null; conversationId: number | null; mode: ComposeMode; messageId: number | null; language?: QuoteLanguage }; result: Draft };
  'drafts.save': { params: DraftInput; result: { savedAt: number } };
  'drafts.get': { params: { id: number }; result: Draft };
  /** Unsent drafts, newest first; `conversationId` narrows to one conversation. */
  'drafts.list': { params: { conversationId: number | null }; result: Draft[] };
  /** "My drafts": drafts the agent has written in or attached to, newest first (a reply opened and left untouched is not one). */
  'drafts.summaries': { params: Record<string, never>; result: DraftSummary[] };
  'drafts.discard': { params: { id: number }; result: null };
  'drafts.attach': { params: { draftId: number; filename: string; contentType: string; dataBase64: string }; result: AttachmentInfo };
  'drafts.detach': { params: { draftId: number; attachmentId: number }; result: null };
  /**
   * Queues the draft. `sendAt` null: after the undo window. `seenMessageIds`:
   * the conversation's messages the agent had on screen, for the collision check.
   */
  /** `thenStatus`: the conversation is marked so once the reply has gone out ("Send & Done"), not before. */
  'outbox.send': { params: { draftId: number; sendAt: number | null; seenMessageIds: number[]; confirmCollision: boolean; thenStatus?: 'done' }; result: SendResult };
  /** Undo: takes the item out of the outbox and gives the draft back. */
  'outbox.cancel': { params: { id: number }; result: Draft };
  /** The "To send" drawer: undo-window, scheduled, sending and failed items. */
  'outbox.list': { params: Record<string, never>; result: OutboxItem[] };
  /** Forwards the conversation by email to an address (e.g. customer service) and records it. */
  'outbox.delegate': { params: { conversationId: number; to: string; note: string }; result: OutboxItem };
  'templates.list': { params: { query: string }; result: Template[] };
  'templates.save': { params: { id?: string; name: string; shortcut: string; body: string }; result: Template };
  'templates.delete': { params: { id: string }; result: null };
  'templates.render': { params: { templateId: string; draftId: number }; result: TemplateRender };
  'signatures.get': { params: { accountId: number }; result: { mailbox: Signature; mine: Signature | null } };
  'signatures.save': { params: Signature; result: Signature };
  'branding.get': { params: { accountId: number }; result: Branding };
  'branding.save': { params: Branding; result: Branding };
  'compose.settings': { params: Record<string, never>; result: ComposeSettings };
  'compose.saveSettings': { params: ComposeSettings; result: ComposeSettings };
  'audit.outgoing': { params: { cursor: string | null; limit: number }; result: Page<OutgoingAuditRow> };
  'audit.incoming': { params: { cursor: string | null; limit: number }; result: Page<IncomingAuditRow> };
}
