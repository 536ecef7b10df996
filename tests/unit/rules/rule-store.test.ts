/**
 * Rules as team state: saved by the agent, edited without moving the date
 * they act from, deleted, and read with suspicion when another desktop wrote
 * them. The params schema refuses a rule that could do nothing.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { deleteRule, listRules, ruleNamesByTag, saveRule } from '../../../src-main/core/rules/rule-store.ts';
import { ruleTag } from '../../../src-main/core/rules/rule-match.ts';
import { rulesSchemas } from '../../../src-main/core/rules/rules.schemas.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

const T0 = Date.UTC(2026, 10, 24, 9);
const BOB = '00000000000000b0';
let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  seedAccount(db);
});
afterEach(() => db.close());

const input = { name: 'Big Co', enabled: true, conditions: [{ field: 'from' as const, operator: 'contains' as const, value: '@bigco.example' }], actions: [{ kind: 'tag' as const, tag: 'key-account' }] };

it('keeps the date a rule acts from when it is edited, and forgets it once deleted', () => {
  const clock = new ManualClock(T0);
  const actor = createLocalActor(db, clock);
  const rule = saveRule(db, actor, input, clock.now());
  expect(rule.since).toBe(T0);
  clock.advance(3_600_000);
  const edited = saveRule(db, actor, { ...input, id: rule.id, name: 'Big Co, urgent', enabled: false, actions: [{ kind: 'priority', priority: 'urgent' }] }, clock.now());
  expect(edited.since).toBe(T0);
  expect(listRules(db)).toEqual([{ ...edited, id: rule.id }]);
  deleteRule(actor, rule.id);
  expect(listRules(db)).toEqual([]);
  // The timeline still names a deleted rule's past changes.
  expect(ruleNamesByTag(db).get(ruleTag(rule.id))).toBe('Big Co, urgent');
});

it('acknowledges from the save that added the acknowledgement, kept across edits, new when added again', () => {
  const clock = new ManualClock(T0);
  const actor = createLocalActor(db, clock);
  const rule = saveRule(db, actor, input, clock.now());
  expect(rule.acknowledgeSince).toBeNull();
  const acknowledge = { kind: 'acknowledge' as const, templateId: 'tpl-1' };
  clock.advance(3_600_000);
  const added = saveRule(db, actor, { ...input, id: rule.id, actions: [...input.actions, acknowledge] }, clock.now());
  expect(added).toMatchObject({ since: T0, acknowledgeSince: T0 + 3_600_000 });
  clock.advance(3_600_000);
  saveRule(db, actor, { ...input, id: rule.id, name: 'Big Co acknowledged', actions: [acknowledge] }, clock.now());
  expect(listRules(db)[0]).toMatchObject({ name: 'Big Co acknowledged', acknowledgeSince: T0 + 3_600_000 });
  clock.advance(3_600_000);
  saveRule(db, actor, { ...input, id: rule.id }, clock.now());
  expect(listRules(db)[0]?.acknowledgeSince).toBeNull();
  clock.advance(3_600_000);
  saveRule(db, actor, { ...input, id: rule.id, actions: [acknowledge] }, clock.now());
  expect(listRules(db)[0]?.acknowledgeSince).toBe(T0 + 4 * 3_600_000);
});

it('ignores a rule from another desktop that is malformed or incomplete', () => {
  const op = (n: number, entity: string, field: string, value: unknown) => ({ hlc: formatTimestamp(T0 + n, 0, BOB), actor: BOB, entity, field, value: value as never });
  const whole = (id: string, over: Record<string, unknown> = {}) =>
    Object.entries({ name: 'R', enabled: true, conditions: input.conditions, actions: input.actions, since: T0, ...over }).map(([field, value], i) => op(i, `rule:${id}`, field, value));
  appendOps(db, [
    ...whole('good'),
    ...whole('no-since', { since: 'yesterday' }),
    ...whole('bad-action', { actions: [{ kind: 'delete-everything' }] }),
    ...whole('no-conditions', { conditions: [] }),
  ], T0, 'received');
  expect(listRules(db).map((r) => r.id)).toEqual(['good']);
});

it('refuses to save a rule without a condition or an action, or with an unknown assignee', () => {
  const save = rulesSchemas['rules.save'];
  expect(save.safeParse(input).success).toBe(true);
  expect(save.safeParse({ ...input, conditions: [] }).success).toBe(false);
  expect(save.safeParse({ ...input, actions: [] }).success).toBe(false);
  expect(save.safeParse({ ...input, actions: [{ kind: 'assign', assignee: 'bob' }] }).success).toBe(false);
  expect(save.safeParse({ ...input, conditions: [{ field: 'body', operator: 'contains', value: 'x' }] }).success).toBe(false);
});
