/** Migration 0005: the team tables, their indexes in use, and cleanup with the account. */
import { describe, expect, it } from 'vitest';
import { deleteAccount } from '../../../src-main/core/db/accounts.repo.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { getTeamCursor, opsWithEntityPrefix, putClaimPosition, putTeamMessage, resetTeamCursor, teamMessageCounts, winningSentOps } from '../../../src-main/core/db/team.repo.ts';
import { openCache } from './sim-desktop.ts';

function plan(db: ReturnType<typeof openCache>['db'], sql: string, ...params: unknown[]): string {
  return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => (r as { detail: string }).detail).join('\n');
}

describe('team repository (migration 0005)', () => {
  it('finds coverable messages, claims and entity prefixes through indexes', () => {
    const { db } = openCache();
    expect(plan(db, "SELECT * FROM team_messages WHERE account_id = ? AND state = 'applied' AND seen_at <= ? ORDER BY uid", 1, 0)).toMatch(/USING INDEX team_messages_state/);
    expect(plan(db, "SELECT uid FROM team_messages WHERE account_id = ? AND state = 'deferred' ORDER BY uid", 1)).toMatch(/USING (COVERING )?INDEX team_messages_deferred/);
    expect(plan(db, 'SELECT * FROM team_claims WHERE account_id = ? AND action = ?', 1, 'a')).toMatch(/USING PRIMARY KEY/);
    expect(plan(db, 'SELECT hlc FROM ops WHERE entity >= ? AND entity < ?', 'agent:', 'agent:\uffff')).toMatch(/USING (COVERING )?INDEX ops_entity_field/);
  });

  it('keeps winners only among ops that are in the team folder', () => {
    const { db } = openCache();
    const op = (hlc: string, value: string) => ({ hlc: `2026-03-02T09:00:00.00${hlc}Z-0000-00000000000000a1`, actor: '00000000000000a1', entity: 'msg:<a@x>', field: 'status', value });
    appendOps(db, [op('1', 'old'), op('2', 'received')], 1, 'received');
    appendOps(db, [op('3', 'queued here')], 2, 'queued');
    expect(winningSentOps(db).map((o) => o.value)).toEqual(['received']);
    expect(opsWithEntityPrefix(db, 'msg:')).toHaveLength(3);
    expect(opsWithEntityPrefix(db, 'contact:')).toHaveLength(0);
  });

  it('forgets the folder state of an account that is removed, and on a reset', () => {
    const { db, accountId } = openCache();
    resetTeamCursor(db, accountId, 'Switchboard Team', 7, 1);
    putTeamMessage(db, accountId, { uid: 1, messageId: '<m@x>', kind: 'batch', actor: null, opCount: 1, bytes: 10, state: 'applied', problem: null, seenAt: 1 });
    putClaimPosition(db, accountId, { action: 'a', node: '00000000000000a1', attempt: 1, uid: 1, hlc: 'h' });
    expect(teamMessageCounts(db, accountId).applied).toEqual({ messages: 1, bytes: 10 });
    resetTeamCursor(db, accountId, 'Switchboard Team', 8, 2);
    expect(teamMessageCounts(db, accountId).applied.messages).toBe(0);
    expect(getTeamCursor(db, accountId)).toMatchObject({ uidValidity: 8, lastUid: 0 });
    deleteAccount(db, accountId);
    expect(getTeamCursor(db, accountId)).toBeNull();
  });
});
