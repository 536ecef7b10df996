/**
 * The durable outbox (migration 0007). State changes are conditional UPDATEs
 * (`WHERE state IN ...`), so the dispatcher claiming an item and the agent
 * cancelling it cannot both win: whichever commits first changes the row,
 * the other sees `changes = 0`. A problem is stored twice, one write: as its
 * sentence by key (`problem_json`, migration 0009), which the agent reads in
 * their language, and as its English (`problem`), which the log reads.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Address, OutboxItem, OutboxState, Sentence } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';

export interface OutboxDbRow {
  id: number;
  draft_id: number;
  account_id: number;
  conversation_id: number | null;
  message_id: string;
  subject: string;
  to_json: string;
  payload: string;
  state: OutboxState;
  send_at: number;
  sent_late: number;
  /** 1 when the agent chose when it goes out ("Send later"), whatever its state now. */
  scheduled: number;
  attempts: number;
  next_attempt_at: number | null;
  problem: string | null;
  /** The problem as a Sentence (JSON); null when there is none. */
  problem_json: string | null;
  smtp_response: string | null;
  copied: number;
  /** The status the conversation takes once this has gone out ("Send & Done"); null: none. */
  then_status: 'done' | null;
  created_at: number;
  updated_at: number;
}

export interface NewOutboxItem {
  draftId: number;
  accountId: number;
  conversationId: number | null;
  messageId: string;
  subject: string;
  to: Address[];
  payload: string;
  state: 'undo-window' | 'scheduled';
  sendAt: number;
  thenStatus?: 'done' | null;
  now: number;
}

interface Statements {
  insert: Statement;
  byId: Statement<[number], OutboxDbRow>;
  drawer: Statement<[], OutboxDbRow>;
  due: Statement<[number, number], OutboxDbRow>;
  inState: Statement<[string], OutboxDbRow>;
  nextWake: Statement<[], { at: number | null }>;
  claim: Statement<[number, number, number]>;
  sent: Statement;
  failed: Statement;
  cancel: Statement<[number, number]>;
  supersede: Statement<[number, number]>;
  uncopied: Statement<[], OutboxDbRow>;
  setCopied: Statement<[number]>;
  goingOut: Statement<[number], { root: string; sending: number; send_at: number }>;
  retryNow: Statement<[number, number, number]>;
}

const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(`INSERT INTO outbox (draft_id, account_id, conversation_id, message_id, subject, to_json, payload, state, scheduled, send_at, then_status, created_at, updated_at)
        VALUES (@draftId, @accountId, @conversationId, @messageId, @subject, @to, @payload, @state, @scheduled, @sendAt, @thenStatus, @now, @now)`),
      byId: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE id = ?'),
      drawer: db.prepare<[], OutboxDbRow>("SELECT * FROM outbox WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed') ORDER BY send_at, id"),
      // Waiting items whose time has come, and failed ones whose retry is due.
      due: db.prepare<[number, number], OutboxDbRow>(`SELECT * FROM outbox WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed')
        AND ((state IN ('undo-window', 'scheduled') AND send_at <= ?) OR (state = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?))
        ORDER BY send_at, id`),
      inState: db.prepare<[string], OutboxDbRow>("SELECT * FROM outbox WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed') AND state = ? ORDER BY id"),
      nextWake: db.prepare<[], { at: number | null }>(`SELECT min(CASE WHEN state = 'failed' THEN next_attempt_at ELSE send_at END) AS at FROM outbox
        WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed') AND (state IN ('undo-window', 'scheduled') OR (state = 'failed' AND next_attempt_at IS NOT NULL))`),
      claim: db.prepare<[number, number, number]>(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, sent_late = ?, updated_at = ?
        WHERE id = ? AND state IN ('undo-window', 'scheduled', 'failed')`),
      uncopied: db.prepare<[], OutboxDbRow>("SELECT * FROM outbox WHERE copied = 0 ORDER BY id"),
      setCopied: db.prepare<[number]>('UPDATE outbox SET copied = 1 WHERE id = ?'),
      // Two arms, so each reads its partial index (outbox_pending, outbox_uncopied), not every mail ever sent.
      goingOut: db.prepare<[number], { root: string; sending: number; send_at: number }>(`SELECT c.root_message_id AS root,
          max(o.state <> 'scheduled') AS sending, min(o.send_at) AS send_at
        FROM (SELECT conversation_id, state, send_at FROM outbox WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed')
            AND (state <> 'failed' OR next_attempt_at IS NOT NULL)
          UNION ALL SELECT conversation_id, state, send_at FROM outbox WHERE copied = 0 AND state = 'sent' AND updated_at > ?) o
        JOIN conversations c ON c.id = o.conversation_id
        GROUP BY c.root_message_id`),
      sent: db.prepare(`UPDATE outbox SET state = 'sent', copied = 0, smtp_response = @response, problem = @problem, problem_json = @problemJson,
        next_attempt_at = NULL, updated_at = @now WHERE id = @id`),
      failed: db.prepare(`UPDATE outbox SET state = 'failed', problem = @problem, problem_json = @problemJson, smtp_response = @response,
        next_attempt_at = @retryAt, updated_at = @now, attempts = max(0, attempts - @uncount) WHERE id = @id AND state = 'sending'`),
      cancel: db.prepare<[number, number]>("UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('undo-window', 'scheduled', 'failed')"),
      retryNow: db.prepare<[number, number, number]>(
        "UPDATE outbox SET next_attempt_at = ? WHERE account_id = ? AND state = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at > ?",
      ),
      supersede: db.prepare<[number, number]>("UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE draft_id = ? AND state = 'failed'"),
    };
    cache.set(db, s);
  }
  return s;
}

function addresses(json: string): Address[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as Address[]).filter((a) => typeof a?.address === 'string') : [];
  } catch {
    return [];
  }
}

function isSentence(v: unknown): v is Sentence {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const vars = s.vars;
  return typeof s.key === 'string' && typeof s.text === 'string' && typeof vars === 'object' && vars !== null
    && Object.values(vars).every((x) => typeof x === 'string');
}

/** The stored problem; an unreadable sentence falls back to the English as recorded rather than to nothing. */
export function problemOf(r: Pick<OutboxDbRow, 'problem' | 'problem_json'>): Sentence | null {
  if (r.problem_json !== null) {
    try {
      const v: unknown = JSON.parse(r.problem_json);
      if (isSentence(v)) return v;
    } catch {
      // falls through to the English
    }
  }
  return r.problem === null ? null : sentence('recordedText', { text: r.problem });
}

export function toOutboxItem(r: OutboxDbRow): OutboxItem {
  return {
    id: r.id,
    draftId: r.draft_id,
    conversationId: r.conversation_id,
    accountId: r.account_id,
    subject: r.subject,
    to: addresses(r.to_json),
    state: r.state,
    sendAt: r.send_at,
    sentLate: r.sent_late !== 0,
    retryAt: r.state === 'failed' ? r.next_attempt_at : null,
    problem: problemOf(r),
    thenStatus: r.then_status,
  };
}

export function insertOutboxItem(db: Database, i: NewOutboxItem): number {
  const info = stmts(db).insert.run({
    draftId: i.draftId,
    accountId: i.accountId,
    conversationId: i.conversationId,
    messageId: i.messageId,
    subject: i.subject,
    to: JSON.stringify(i.to),
    payload: i.payload,
    state: i.state,
    scheduled: i.state === 'scheduled' ? 1 : 0,
    sendAt: i.sendAt,
    thenStatus: i.thenStatus ?? null,
    now: i.now,
  });
  return Number(info.lastInsertRowid);
}

export function getOutboxRow(db: Database, id: number): OutboxDbRow | null {
  return stmts(db).byId.get(id) ?? null;
}

export function drawerRows(db: Database): OutboxDbRow[] {
  return stmts(db).drawer.all();
}

export function dueRows(db: Database, now: number): OutboxDbRow[] {
  return stmts(db).due.all(now, now);
}

export function rowsInState(db: Database, state: 'sending'): OutboxDbRow[] {
  return stmts(db).inState.all(state);
}

/** Epoch ms of the next item to send or retry; null when nothing waits. */
export function nextWakeAt(db: Database): number | null {
  return stmts(db).nextWake.get()?.at ?? null;
}

/** Moves the item to `sending`; false when someone else (a cancel) got there first. */
export function claimForSending(db: Database, id: number, sentLate: boolean, now: number): boolean {
  return stmts(db).claim.run(sentLate ? 1 : 0, now, id).changes > 0;
}

export function markOutboxSent(db: Database, id: number, response: string | null, problem: Sentence | null, now: number): void {
  stmts(db).sent.run({ id, response, problem: problem?.text ?? null, problemJson: problem ? JSON.stringify(problem) : null, now });
}

/** `countAttempt` false: the try made no contact (offline), so it does not use up one of the item's attempts. */
export function markOutboxFailed(db: Database, id: number, problem: Sentence, response: string | null, retryAt: number | null, now: number, countAttempt = true): void {
  stmts(db).failed.run({ id, problem: problem.text, problemJson: JSON.stringify(problem), response, retryAt, now, uncount: countAttempt ? 0 : 1 });
}

/** The account's mail waiting to be tried again is due now (its server answers again); returns how many. */
export function retryWaitingNow(db: Database, accountId: number, now: number): number {
  return stmts(db).retryNow.run(now, accountId, now).changes;
}

export function cancelOutboxItem(db: Database, id: number, now: number): boolean {
  return stmts(db).cancel.run(now, id).changes > 0;
}

/** A failed item is replaced when its draft is sent again. */
export function supersedeFailed(db: Database, draftId: number, now: number): void {
  stmts(db).supersede.run(now, draftId);
}

/** Sent items whose copy (Sent folder, cache) is not made yet. */
export function uncopiedRows(db: Database): OutboxDbRow[] {
  return stmts(db).uncopied.all();
}

export function markCopied(db: Database, id: number): void {
  stmts(db).setCopied.run(id);
}

/**
 * Roots of the conversations this desktop has a reply for that is not in the
 * mailbox yet: `sending` when one is on its way out (in its undo window,
 * sending, waiting for a retry, or accepted by the server since `filedAfter`
 * but not yet filed in Sent), else the earliest time one is scheduled for.
 */
export function repliesGoingOut(db: Database, filedAfter: number): Array<{ root: string; sending: boolean; sendAt: number }> {
  return stmts(db).goingOut.all(filedAfter).map((r) => ({ root: r.root, sending: r.sending === 1, sendAt: r.send_at }));
}
