/**
 * Team sync bookkeeping (migration 0005): the team-folder cursor, what each
 * message of the folder brought, claim positions; plus the op-log queries
 * that team sync needs beyond ops.repo.ts (winners per cell, entity prefixes).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue, Op } from '../team/ops.ts';

export interface TeamCursor {
  folder: string;
  uidValidity: number;
  lastUid: number;
  lastHeardAt: number | null;
  keyId: string;
}

export type TeamMessageState = 'applied' | 'deferred' | 'skipped';

export interface TeamMessageRecord {
  uid: number;
  messageId: string | null;
  kind: string | null;
  actor: string | null;
  opCount: number;
  bytes: number;
  state: TeamMessageState;
  problem: string | null;
  seenAt: number;
}

export interface ClaimPosition {
  action: string;
  node: string;
  attempt: number;
  uid: number;
  hlc: string;
}

interface CursorRow {
  folder: string;
  uidvalidity: number;
  last_uid: number;
  last_heard_at: number | null;
  key_id: string;
}

interface MessageRow {
  uid: number;
  message_id: string | null;
  kind: string | null;
  actor: string | null;
  op_count: number;
  bytes: number;
  state: TeamMessageState;
  problem: string | null;
  seen_at: number;
}

interface OpRow {
  hlc: string;
  actor: string;
  entity: string;
  field: string;
  value: string;
}

interface Statements {
  cursor: Statement<[number], CursorRow>;
  upsertCursor: Statement;
  advance: Statement<[number, number, number]>;
  heard: Statement<[number, number]>;
  setKey: Statement<[string, number]>;
  retryProblems: Statement<[number, string]>;
  dropMessages: Statement<[number]>;
  dropClaims: Statement<[number]>;
  putMessage: Statement;
  deferred: Statement<[number], { uid: number }>;
  coverable: Statement<[number, number], MessageRow>;
  removeMessage: Statement<[number, number]>;
  problems: Statement<[number], { problem: string; n: number }>;
  counts: Statement<[number], { state: string; n: number; bytes: number }>;
  putClaim: Statement;
  claims: Statement<[number, string], { action: string; node: string; attempt: number; uid: number; hlc: string }>;
  winners: Statement<[], OpRow>;
  prefix: Statement<[string, string], OpRow>;
  unsentCount: Statement<[], { n: number }>;
  isSent: Statement<[string], { sent: number }>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      cursor: db.prepare<[number], CursorRow>('SELECT folder, uidvalidity, last_uid, last_heard_at, key_id FROM team_cursor WHERE account_id = ?'),
      upsertCursor: db.prepare(`INSERT INTO team_cursor (account_id, folder, uidvalidity, last_uid, last_heard_at)
        VALUES (@accountId, @folder, @uidValidity, 0, @heardAt)
        ON CONFLICT (account_id) DO UPDATE SET folder = excluded.folder, uidvalidity = excluded.uidvalidity, last_uid = 0`),
      advance: db.prepare<[number, number, number]>('UPDATE team_cursor SET last_uid = max(last_uid, ?), last_heard_at = ? WHERE account_id = ?'),
      heard: db.prepare<[number, number]>('UPDATE team_cursor SET last_heard_at = ? WHERE account_id = ?'),
      setKey: db.prepare<[string, number]>('UPDATE team_cursor SET key_id = ? WHERE account_id = ?'),
      retryProblems: db.prepare<[number, string]>(
        "UPDATE team_messages SET state = 'deferred' WHERE account_id = ? AND state = 'skipped' AND problem IN (SELECT value FROM json_each(?))",
      ),
      dropMessages: db.prepare<[number]>('DELETE FROM team_messages WHERE account_id = ?'),
      dropClaims: db.prepare<[number]>('DELETE FROM team_claims WHERE account_id = ?'),
      putMessage: db.prepare(`INSERT INTO team_messages (account_id, uid, message_id, kind, actor, op_count, bytes, state, problem, seen_at)
        VALUES (@accountId, @uid, @messageId, @kind, @actor, @opCount, @bytes, @state, @problem, @seenAt)
        ON CONFLICT (account_id, uid) DO UPDATE SET message_id = excluded.message_id, kind = excluded.kind, actor = excluded.actor,
          op_count = excluded.op_count, bytes = excluded.bytes, state = excluded.state, problem = excluded.problem`),
      deferred: db.prepare<[number], { uid: number }>("SELECT uid FROM team_messages WHERE account_id = ? AND state = 'deferred' ORDER BY uid"),
      coverable: db.prepare<[number, number], MessageRow>(
        "SELECT * FROM team_messages WHERE account_id = ? AND state = 'applied' AND seen_at <= ? ORDER BY uid",
      ),
      removeMessage: db.prepare<[number, number]>('DELETE FROM team_messages WHERE account_id = ? AND uid = ?'),
      problems: db.prepare<[number], { problem: string; n: number }>(
        "SELECT problem, count(*) AS n FROM team_messages WHERE account_id = ? AND state = 'skipped' GROUP BY problem",
      ),
      counts: db.prepare<[number], { state: string; n: number; bytes: number }>(
        'SELECT state, count(*) AS n, coalesce(sum(bytes), 0) AS bytes FROM team_messages WHERE account_id = ? GROUP BY state',
      ),
      putClaim: db.prepare(`INSERT INTO team_claims (account_id, action, node, attempt, uid, hlc)
        VALUES (@accountId, @action, @node, @attempt, @uid, @hlc)
        ON CONFLICT (account_id, action, node, attempt) DO UPDATE SET uid = min(uid, excluded.uid)`),
      claims: db.prepare<[number, string], { action: string; node: string; attempt: number; uid: number; hlc: string }>(
        'SELECT action, node, attempt, uid, hlc FROM team_claims WHERE account_id = ? AND action = ? ORDER BY uid, hlc',
      ),
      // SQLite: with a single max() aggregate, the bare columns come from the row holding the max.
      winners: db.prepare<[], OpRow>(
        'SELECT max(hlc) AS hlc, actor, entity, field, value FROM ops WHERE sent_at IS NOT NULL GROUP BY entity, field ORDER BY entity, field',
      ),
      prefix: db.prepare<[string, string], OpRow>('SELECT hlc, actor, entity, field, value FROM ops WHERE entity >= ? AND entity < ? ORDER BY hlc'),
      unsentCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM ops WHERE sent_at IS NULL AND kept_here = 0'),
      isSent: db.prepare<[string], { sent: number }>('SELECT sent_at IS NOT NULL AS sent FROM ops WHERE hlc = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

function toOp(row: OpRow): Op {
  return { hlc: row.hlc, actor: row.actor, entity: row.entity, field: row.field, value: JSON.parse(row.value) as JsonValue };
}

function toRecord(row: MessageRow): TeamMessageRecord {
  return {
    uid: row.uid,
    messageId: row.message_id,
    kind: row.kind,
    actor: row.actor,
    opCount: row.op_count,
    bytes: row.bytes,
    state: row.state,
    problem: row.problem,
    seenAt: row.seen_at,
  };
}

export function getTeamCursor(db: Database, accountId: number): TeamCursor | null {
  const row = statements(db).cursor.get(accountId);
  return row ? { folder: row.folder, uidValidity: row.uidvalidity, lastUid: row.last_uid, lastHeardAt: row.last_heard_at, keyId: row.key_id } : null;
}

/** A new folder or UIDVALIDITY: forget what was read there, to read it all again. */
export function resetTeamCursor(db: Database, accountId: number, folder: string, uidValidity: number, now: number): void {
  const s = statements(db);
  db.transaction(() => {
    s.dropMessages.run(accountId);
    s.dropClaims.run(accountId);
    s.upsertCursor.run({ accountId, folder, uidValidity, heardAt: now });
  })();
}

export function advanceTeamCursor(db: Database, accountId: number, lastUid: number, heardAt: number): void {
  statements(db).advance.run(lastUid, heardAt, accountId);
}

export function markTeamHeard(db: Database, accountId: number, at: number): void {
  statements(db).heard.run(at, accountId);
}

/**
 * The team key changed (set, changed or removed): messages skipped for key
 * reasons become deferred, so the next pull tries them again.
 */
export function changeTeamKey(db: Database, accountId: number, keyId: string, retryProblems: readonly string[]): void {
  const s = statements(db);
  db.transaction(() => {
    s.retryProblems.run(accountId, JSON.stringify(retryProblems));
    s.setKey.run(keyId, accountId);
  })();
}

export function putTeamMessage(db: Database, accountId: number, r: TeamMessageRecord): void {
  statements(db).putMessage.run({ accountId, ...r });
}

/** UIDs of messages to try again (dated ahead of our clock, or waiting for the right key). */
export function deferredTeamUids(db: Database, accountId: number): number[] {
  return statements(db).deferred.all(accountId).map((r) => r.uid);
}

/** Applied messages first seen at or before `seenBefore`: what a snapshot may replace. */
export function coverableTeamMessages(db: Database, accountId: number, seenBefore: number): TeamMessageRecord[] {
  return statements(db).coverable.all(accountId, seenBefore).map(toRecord);
}

export function removeTeamMessages(db: Database, accountId: number, uids: readonly number[]): void {
  const s = statements(db);
  db.transaction(() => {
    for (const uid of uids) s.removeMessage.run(accountId, uid);
  })();
}

export function teamProblemCounts(db: Database, accountId: number): Map<string, number> {
  return new Map(statements(db).problems.all(accountId).map((r) => [r.problem, r.n]));
}

export function teamMessageCounts(db: Database, accountId: number): Record<TeamMessageState, { messages: number; bytes: number }> {
  const out = { applied: { messages: 0, bytes: 0 }, deferred: { messages: 0, bytes: 0 }, skipped: { messages: 0, bytes: 0 } };
  for (const r of statements(db).counts.all(accountId)) {
    if (r.state === 'applied' || r.state === 'deferred' || r.state === 'skipped') out[r.state] = { messages: r.n, bytes: r.bytes };
  }
  return out;
}

export function putClaimPosition(db: Database, accountId: number, p: ClaimPosition): void {
  statements(db).putClaim.run({ accountId, ...p });
}

export function claimPositions(db: Database, accountId: number, action: string): ClaimPosition[] {
  return statements(db).claims.all(accountId, action);
}

/** The winning op of every cell among ops that are in the team folder (sent or received). */
export function winningSentOps(db: Database): Op[] {
  return statements(db).winners.all().map(toOp);
}

/** Ops of every entity that starts with `prefix` (e.g. "agent:"), oldest first. */
export function opsWithEntityPrefix(db: Database, prefix: string): Op[] {
  return statements(db).prefix.all(prefix, prefix + '\uffff').map(toOp);
}

export function unsentOpCount(db: Database): number {
  return statements(db).unsentCount.get()?.n ?? 0;
}

/** Whether the op is in the team folder: received from it, or sent to it by this desktop. */
export function isOpSent(db: Database, hlc: string): boolean {
  return statements(db).isSent.get(hlc)?.sent === 1;
}
