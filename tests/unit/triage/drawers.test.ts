/**
 * The drawers: paging in both orders without gaps or repeats, each drawer
 * walking its own index, and the counts the triggers keep.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rootOfConversation } from '../../../src-main/core/db/conversations.repo.ts';
import { explainDrawer } from '../../../src-main/core/db/drawers.repo.ts';
import type { DrawerQuery } from '../../../src-main/core/db/drawers.repo.ts';
import { stateRow } from '../../../src-main/core/db/triage.repo.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';
import { countDrawers, listDrawer } from '../../../src-main/core/triage/triage-reads.ts';
import { InvalidTriageCursorError } from '../../../src-main/core/triage/drawers.ts';
import { countsTables, openTriageCache, tagCountsTables } from './support.ts';
import type { TriageCache } from './support.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BOB = 'b0b0000000000002';

let t: TriageCache;
let T0: number;
beforeEach(() => {
  t = openTriageCache();
  T0 = t.clock.now() - 10 * DAY;
});
afterEach(() => t.db.close());

const me = () => `agent:${t.actor.node}`;
const list = (drawer: string, cursor: string | null = null, limit = 50) => listDrawer(t.db, { drawer, accountId: null, cursor, limit }, t.clock.now(), t.actor.node);
const idsIn = (drawer: string) => list(drawer, null, 500).items.map((r) => r.conversation.id);
const root = (conversationId: number) => rootOfConversation(t.db, conversationId) ?? '';

describe('drawers', () => {
  it('list alerts first, then newest first, and page through keyset cursors without gaps or repeats', () => {
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) ids.push(t.mail(`q${i}@customer.example`, T0 + i * MIN, { from: `c${i}@customer.example`, text: i === 3 ? 'This is UNACCEPTABLE, I want a refund now or I call my lawyer!!!' : 'hello' }));
    t.drain();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = list('inbox', cursor, 5);
      seen.push(...page.items.map((r) => r.conversation.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const angry = ids[3] as number;
    expect(seen).toEqual([angry, ...ids.filter((id) => id !== angry).reverse()]);
    expect(list('alerts').items.map((r) => r.triage.alert?.reasons.length)).toEqual([expect.any(Number)]);
    expect(() => list('inbox', 'not-a-cursor')).toThrow();
  });

  it('oldest first keeps alerts first, then who has waited longest, and pages the exact reverse of each part', () => {
    const angryText = 'This is UNACCEPTABLE, I want a refund now or I call my lawyer!!!';
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.nat(5), angry: fc.boolean(), tagged: fc.boolean() }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        (mails, pageSize) => {
          t.db.close();
          t = openTriageCache();
          const ids = mails.map((m, i) => t.mail(`p${i}@customer.example`, T0 + m.minute * MIN, { from: `p${i}@customer.example`, text: m.angry ? angryText : 'hello' }));
          t.drain();
          mails.forEach((m, i) => m.tagged && t.actor.record([{ entity: messageEntity(root(ids[i] as number)), field: 'tag:vip', value: true }]));
          t.drain();
          for (const drawer of ['inbox', 'tag:vip']) {
            const walk = (order: 'newest' | 'oldest') => {
              const seen: number[] = [];
              let cursor: string | null = null;
              do {
                const page = listDrawer(t.db, { drawer, accountId: null, cursor, limit: pageSize, order }, t.clock.now(), t.actor.node);
                seen.push(...page.items.map((r) => r.conversation.id));
                cursor = page.nextCursor;
              } while (cursor !== null);
              return seen;
            };
            const newest = walk('newest');
            const alerts = newest.filter((id) => stateRow(t.db, id)?.alert === 1);
            const rest = newest.filter((id) => stateRow(t.db, id)?.alert !== 1);
            expect(walk('oldest'), drawer).toEqual([...alerts.reverse(), ...rest.reverse()]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a cursor read in one order is refused in the other, in plain words', () => {
    for (let i = 0; i < 3; i++) t.mail(`q${i}@customer.example`, T0 + i * MIN, { from: `c${i}@customer.example` });
    t.drain();
    const oldest = listDrawer(t.db, { drawer: 'inbox', accountId: null, cursor: null, limit: 1, order: 'oldest' }, t.clock.now(), t.actor.node);
    const newest = list('inbox', null, 1);
    expect(() => list('inbox', oldest.nextCursor)).toThrow(InvalidTriageCursorError);
    expect(() => listDrawer(t.db, { drawer: 'inbox', accountId: null, cursor: newest.nextCursor, limit: 1, order: 'oldest' }, t.clock.now(), t.actor.node)).toThrow(InvalidTriageCursorError);
  });

  it('every drawer query walks its own index in order (no sort, no scan of other rows)', () => {
    const queries: DrawerQuery[] = [
      { kind: 'inbox' },
      { kind: 'open' },
      { kind: 'mine' },
      { kind: 'unassigned' },
      { kind: 'assignee', assignee: 'agent:0123456789abcdef' },
      { kind: 'overdue' },
      { kind: 'alerts' },
      { kind: 'view', view: 'snoozed' },
      { kind: 'tag', tag: 'refund' },
    ];
    const expected: Record<string, string> = {
      inbox: 'conversation_state_inbox',
      open: 'conversation_state_open',
      mine: 'conversation_state_mine',
      unassigned: 'conversation_state_assignee',
      assignee: 'conversation_state_assignee',
      overdue: 'conversation_state_overdue',
      alerts: 'conversation_state_alerts',
      view: 'conversation_state_view',
      tag: 'conversation_tags_drawer',
    };
    for (const q of queries) {
      for (const account of [null, t.accountId]) {
        for (const order of ['newest', 'oldest'] as const) {
          const plan = explainDrawer(t.db, q, account, order).join(' | ');
          expect(plan, `${q.kind} ${order}`).toContain(expected[q.kind]);
          expect(plan, `${q.kind} ${order}`).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
  });

  it('counts kept by triggers always equal counting the rows, whatever happens', () => {
    const convs = [0, 1, 2, 3, 4].map((i) => t.mail(`q${i}@customer.example`, T0 + i * MIN, { from: `c${i}@customer.example` }));
    t.drain();
    const actionArb = fc.oneof(
      fc.record({ c: fc.nat(4), field: fc.constant('assignee'), value: fc.constantFrom(null, me(), 'group:billing', `agent:${BOB}`) }),
      fc.record({ c: fc.nat(4), field: fc.constantFrom('tag:a', 'tag:b'), value: fc.boolean() }),
      fc.record({ c: fc.nat(4), field: fc.constant('status'), value: fc.constantFrom('pending', 'waiting', 'on_hold', 'done', 'closed', 'spam') }),
      fc.record({ c: fc.nat(4), field: fc.constant('snooze'), value: fc.option(fc.constant({ until: Date.UTC(2026, 0, 12) })) }),
      fc.record({ c: fc.nat(4), field: fc.constant('advance'), value: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 12 }), (actions) => {
        for (const a of actions) {
          if (a.field === 'advance') t.clock.advance((a.value as number) * HOUR);
          else t.actor.record([{ entity: messageEntity(root(convs[a.c] as number)), field: a.field, value: a.value as Op['value'] }]);
          t.drain();
          const { kept, computed } = countsTables(t.db);
          expect(kept).toEqual(computed);
          const tags = tagCountsTables(t.db);
          expect(tags.kept).toEqual(tags.computed);
        }
        const counts = new Map(countDrawers(t.db, null).map((d) => [d.drawer, d.count]));
        for (const drawer of ['inbox', 'open', 'unassigned', 'snoozed', 'status:done', 'tag:a', 'mine']) expect(counts.get(drawer) ?? 0, drawer).toBe(idsIn(drawer).length);
      }),
      { numRuns: 40 },
    );
  });
});
