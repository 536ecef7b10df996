/**
 * Drafts and their attachments (migration 0007). Saving is the hot path — the
 * composer saves as the agent types — so it is one prepared UPDATE by key.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Address, AttachmentInfo, ComposeMode, Draft, DraftSummary } from '../../../src-preload/api.ts';

export type DraftState = 'open' | 'queued' | 'sent';

interface DraftDbRow {
  id: number;
  account_id: number;
  conversation_id: number | null;
  mode: ComposeMode;
  in_reply_to: number | null;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  subject: string;
  html: string;
  state: DraftState;
  saved_at: number;
}

interface DraftSummaryRow {
  id: number;
  conversation_id: number | null;
  mode: ComposeMode;
  subject: string;
  to_json: string;
  saved_at: number;
  html: string;
}

export interface DraftAttachmentRow {
  id: number;
  draft_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
}

export interface NewDraft {
  accountId: number;
  conversationId: number | null;
  mode: ComposeMode;
  inReplyTo: number | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  html: string;
  now: number;
}

export interface DraftFields {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  html: string;
}

interface Statements {
  insert: Statement;
  byId: Statement<[number], DraftDbRow>;
  save: Statement;
  setState: Statement<[DraftState, number]>;
  remove: Statement<[number]>;
  openFor: Statement<[number, string], DraftDbRow>;
  listAll: Statement<[], DraftDbRow>;
  listConversation: Statement<[number], DraftDbRow>;
  summaries: Statement<[], DraftSummaryRow>;
  attachments: Statement<[number], DraftAttachmentRow>;
  attachment: Statement<[number, number], DraftAttachmentRow>;
  insertAttachment: Statement;
  markWritten: Statement<[number]>;
  removeAttachment: Statement<[number, number]>;
  attachmentBytes: Statement<[number], { n: number }>;
}

const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(`INSERT INTO drafts (account_id, conversation_id, mode, in_reply_to, to_json, cc_json, bcc_json, subject, html, created_at, saved_at)
        VALUES (@accountId, @conversationId, @mode, @inReplyTo, @to, @cc, @bcc, @subject, @html, @now, @now)`),
      byId: db.prepare<[number], DraftDbRow>('SELECT * FROM drafts WHERE id = ?'),
      save: db.prepare(`UPDATE drafts SET to_json = @to, cc_json = @cc, bcc_json = @bcc, subject = @subject, html = @html, saved_at = @now,
        written = 1 WHERE id = @id AND state = 'open'`),
      setState: db.prepare<[DraftState, number]>('UPDATE drafts SET state = ? WHERE id = ?'),
      remove: db.prepare<[number]>('DELETE FROM drafts WHERE id = ?'),
      // Two can meet when conversations merge (migration 0018): the newest is the one the agent resumes.
      openFor: db.prepare<[number, string], DraftDbRow>("SELECT * FROM drafts WHERE conversation_id = ? AND mode = ? AND state = 'open' ORDER BY saved_at DESC, id DESC LIMIT 1"),
      listAll: db.prepare<[], DraftDbRow>("SELECT * FROM drafts WHERE state = 'open' ORDER BY saved_at DESC, id DESC LIMIT 500"),
      // Written in or attached to (migration 0019): compose.start stores a reply's draft before the agent types.
      // The preview needs only the start of the text (a draft may hold a pasted log of megabytes), and this runs on every list change.
      summaries: db.prepare<[], DraftSummaryRow>(`SELECT id, conversation_id, mode, subject, to_json, saved_at, substr(html, 1, 16384) AS html FROM drafts
        WHERE state = 'open' AND written = 1 ORDER BY saved_at DESC, id DESC LIMIT 500`),
      listConversation: db.prepare<[number], DraftDbRow>("SELECT * FROM drafts WHERE conversation_id = ? AND state = 'open' ORDER BY saved_at DESC, id DESC"),
      attachments: db.prepare<[number], DraftAttachmentRow>('SELECT * FROM draft_attachments WHERE draft_id = ? ORDER BY id'),
      attachment: db.prepare<[number, number], DraftAttachmentRow>('SELECT * FROM draft_attachments WHERE draft_id = ? AND id = ?'),
      insertAttachment: db.prepare('INSERT INTO draft_attachments (draft_id, filename, content_type, size, sha256) VALUES (?, ?, ?, ?, ?)'),
      markWritten: db.prepare<[number]>('UPDATE drafts SET written = 1 WHERE id = ?'),
      removeAttachment: db.prepare<[number, number]>('DELETE FROM draft_attachments WHERE draft_id = ? AND id = ?'),
      attachmentBytes: db.prepare<[number], { n: number }>('SELECT coalesce(sum(size), 0) AS n FROM draft_attachments WHERE draft_id = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

function addresses(json: string): Address[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((a: { name?: unknown; address?: unknown }) =>
      typeof a?.address === 'string' ? [{ name: typeof a.name === 'string' ? a.name : '', address: a.address }] : [],
    );
  } catch {
    return [];
  }
}

function toInfo(a: DraftAttachmentRow): AttachmentInfo {
  return { id: a.id, filename: a.filename, contentType: a.content_type, size: a.size };
}

export interface StoredDraft extends Draft {
  state: DraftState;
}

function toDraft(db: Database, r: DraftDbRow): StoredDraft {
  return {
    id: r.id,
    accountId: r.account_id,
    conversationId: r.conversation_id,
    mode: r.mode,
    inReplyTo: r.in_reply_to,
    to: addresses(r.to_json),
    cc: addresses(r.cc_json),
    bcc: addresses(r.bcc_json),
    subject: r.subject,
    html: r.html,
    attachments: stmts(db).attachments.all(r.id).map(toInfo),
    savedAt: r.saved_at,
    state: r.state,
  };
}

/** Drops the internal state field: what crosses to the renderer is exactly `Draft`. */
export function publicDraft(d: StoredDraft): Draft {
  const { state: _state, ...draft } = d;
  return draft;
}

export function insertDraft(db: Database, d: NewDraft): number {
  const info = stmts(db).insert.run({
    accountId: d.accountId,
    conversationId: d.conversationId,
    mode: d.mode,
    inReplyTo: d.inReplyTo,
    to: JSON.stringify(d.to),
    cc: JSON.stringify(d.cc),
    bcc: JSON.stringify(d.bcc),
    subject: d.subject,
    html: d.html,
    now: d.now,
  });
  return Number(info.lastInsertRowid);
}

export function getDraft(db: Database, id: number): StoredDraft | null {
  const row = stmts(db).byId.get(id);
  return row ? toDraft(db, row) : null;
}

/** False when the draft does not exist or is not open (queued or sent drafts are frozen). */
export function saveDraft(db: Database, id: number, f: DraftFields, now: number): boolean {
  return (
    stmts(db).save.run({ id, to: JSON.stringify(f.to), cc: JSON.stringify(f.cc), bcc: JSON.stringify(f.bcc), subject: f.subject, html: f.html, now }).changes > 0
  );
}

export function setDraftState(db: Database, id: number, state: DraftState): void {
  stmts(db).setState.run(state, id);
}

export function deleteDraft(db: Database, id: number): boolean {
  return stmts(db).remove.run(id).changes > 0;
}

export function openDraftFor(db: Database, conversationId: number, mode: ComposeMode): StoredDraft | null {
  const row = stmts(db).openFor.get(conversationId, mode);
  return row ? toDraft(db, row) : null;
}

export function listOpenDrafts(db: Database, conversationId: number | null): StoredDraft[] {
  const rows = conversationId === null ? stmts(db).listAll.all() : stmts(db).listConversation.all(conversationId);
  return rows.map((r) => toDraft(db, r));
}

/** Open drafts the agent has written in or attached to, newest first (at most 500), with the start of their HTML for a preview. */
export function writtenDrafts(db: Database): Array<Omit<DraftSummary, 'preview'> & { html: string }> {
  return stmts(db).summaries.all().map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    mode: r.mode,
    subject: r.subject,
    to: addresses(r.to_json),
    savedAt: r.saved_at,
    html: r.html,
  }));
}

export function draftAttachments(db: Database, draftId: number): DraftAttachmentRow[] {
  return stmts(db).attachments.all(draftId);
}

export function draftAttachment(db: Database, draftId: number, id: number): DraftAttachmentRow | null {
  return stmts(db).attachment.get(draftId, id) ?? null;
}

export function draftAttachmentBytes(db: Database, draftId: number): number {
  return stmts(db).attachmentBytes.get(draftId)?.n ?? 0;
}

/**
 * Attachments a draft starts with (a forward carries the forwarded mail's):
 * prefilled like the quote, so they do not make the draft the agent's
 * writing (`written`), which an untouched draft is not.
 */
export function prefillDraftAttachments(db: Database, draftId: number, list: ReadonlyArray<{ filename: string; contentType: string; size: number; sha256: string }>): void {
  const s = stmts(db);
  for (const a of list) s.insertAttachment.run(draftId, a.filename, a.contentType, a.size, a.sha256);
}

export function insertDraftAttachment(db: Database, draftId: number, a: { filename: string; contentType: string; size: number; sha256: string }): AttachmentInfo {
  const s = stmts(db);
  const info = s.insertAttachment.run(draftId, a.filename, a.contentType, a.size, a.sha256);
  s.markWritten.run(draftId);
  return { id: Number(info.lastInsertRowid), filename: a.filename, contentType: a.contentType, size: a.size };
}

export function removeDraftAttachment(db: Database, draftId: number, id: number): boolean {
  return stmts(db).removeAttachment.run(draftId, id).changes > 0;
}
