/**
 * The demo comes with reply templates, so `;;` in a demo reply shows canned
 * replies at work. They are the demo's: never queued for the team, gone with
 * the demo, while a template the agent wrote stays. The team's automation
 * rules leave the demo's made-up mail alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock.ts';
import { unsentOps } from '../../src-main/core/db/ops.repo.ts';
import { ruleTagOf } from '../../src-main/core/rules/rule-match.ts';
import { firstName } from '../../src-main/core/compose/template.ts';
import { DEMO_TEMPLATES } from '../../src-main/core/workspace/demo-templates.ts';
import { startTestDesk } from '../support/desk-core.ts';
import type { TestDesk } from '../support/desk-core.ts';

let dir: string;
let desk: TestDesk;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-demo-templates-'));
  desk = await startTestDesk(dir);
});
afterEach(async () => {
  await desk.core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('opens the demo with templates that fill in the customer, and removes them with it', async () => {
  await desk.call('workspace.openDemo', {});
  const templates = await desk.call('templates.list', { query: '' });
  expect(templates.map((t) => t.name).sort()).toEqual(DEMO_TEMPLATES.map((t) => t.name).sort());
  expect((await desk.call('templates.list', { query: 'refund' }))[0]?.shortcut).toBe('refund');
  expect(unsentOps(desk.core.db, 1000).filter((op) => op.entity.startsWith('template:'))).toEqual([]);

  const named = (await desk.call('conversations.list', { accountId: null, folder: 'inbox', cursor: null, limit: 100 })).items.find((c) => c.customer.name !== '');
  if (!named) throw new Error('the demo has customers with names');
  const draft = await desk.call('compose.start', { accountId: null, conversationId: named.id, mode: 'reply', messageId: null });
  const refund = templates.find((t) => t.shortcut === 'refund');
  if (!refund) throw new Error('no refund template');
  const rendered = await desk.call('templates.render', { templateId: refund.id, draftId: draft.id });
  expect(rendered.problems).toEqual([]);
  expect(rendered.html).toContain(`<p>Hi ${firstName(named.customer.name)},</p>`);
  expect(rendered.html).toContain(`#${named.ticket}`);
  await desk.call('drafts.discard', { id: draft.id });

  const mine = await desk.call('templates.save', { name: 'Warranty', shortcut: 'warranty', body: '<p>Hi {CLIENT_NAME}, your warranty covers it.</p>' });
  await desk.call('workspace.removeDemo', {});
  expect((await desk.call('templates.list', { query: '' })).map((t) => t.id)).toEqual([mine.id]);
  expect(desk.events).toContainEqual({ type: 'changed', table: 'templates' });
});

it("never runs the team's rules on the demo's mail, however new it looks", async () => {
  await desk.core.close();
  const clock = new ManualClock(Date.UTC(2026, 10, 20, 9));
  desk = await startTestDesk(path.join(dir, 'ruled'), clock);
  await desk.call('rules.save', { name: 'Everyone is VIP', enabled: true, conditions: [{ field: 'from', operator: 'contains', value: '@' }], actions: [{ kind: 'tag', tag: 'vip' }] });
  // Days later the demo is opened: its mail is dated after the rule, and every sender matches.
  clock.advance(3 * 86_400_000);
  await desk.call('workspace.openDemo', {});
  const byRules = desk.core.db.prepare("SELECT hlc, actor, entity, field, value FROM ops WHERE entity LIKE 'msg:%'").all() as Array<{ hlc: string; actor: string; entity: string; field: string; value: string }>;
  expect(byRules.filter((op) => ruleTagOf({ ...op, value: JSON.parse(op.value) as never }) !== null)).toEqual([]);
});
