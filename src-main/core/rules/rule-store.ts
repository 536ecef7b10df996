/**
 * Rules as team state: the fold of `rule:<id>` ops, like groups and
 * templates. Every desktop that stores a new conversation applies the same
 * rules to it (rule-step.ts), so a rule works whichever desktop is open.
 *
 *   rule:<id>   name | enabled | conditions | actions | since | acknowledgeSince | deleted
 *
 * `since` is written once, when the rule is created: a rule acts on
 * conversations that start after it, never on the history a desktop syncs.
 * `acknowledgeSince` is written when a save adds an acknowledge action (and
 * cleared when one removes it): mail is mail, so a desktop syncing mail that
 * came before the rule acknowledged must not answer it now.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { AutomationRule, RuleInput } from '../../../src-preload/api.ts';
import { opsWithEntityPrefix } from '../db/team.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { foldByEntity, foldOps } from '../team/ops.ts';
import { ruleTag } from './rule-match.ts';
import { ruleActionsSchema, ruleConditionsSchema, ruleNameSchema } from './rule-model.ts';

export const RULE_PREFIX = 'rule:';

const sinceSchema = z.number().int().min(0).max(8_640_000_000_000_000);

export function listRules(db: Database): AutomationRule[] {
  const rules: AutomationRule[] = [];
  for (const [entity, cells] of foldByEntity(opsWithEntityPrefix(db, RULE_PREFIX))) {
    const value = (field: string): unknown => cells.get(field)?.value;
    if (value('deleted') === true) continue;
    const name = ruleNameSchema.safeParse(value('name'));
    const conditions = ruleConditionsSchema.safeParse(value('conditions'));
    const actions = ruleActionsSchema.safeParse(value('actions'));
    const since = sinceSchema.safeParse(value('since'));
    if (!name.success || !conditions.success || !actions.success || !since.success) continue;
    const acknowledges = actions.data.some((a) => a.kind === 'acknowledge');
    const acknowledgeSince = sinceSchema.safeParse(value('acknowledgeSince'));
    rules.push({
      id: entity.slice(RULE_PREFIX.length),
      name: name.data,
      enabled: value('enabled') !== false,
      conditions: conditions.data,
      actions: actions.data,
      since: since.data,
      // Every save that adds the action writes it; a damaged value reads as the rule's own start.
      acknowledgeSince: acknowledges ? Math.max(acknowledgeSince.success ? acknowledgeSince.data : 0, since.data) : null,
    });
  }
  return rules.sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
}

/** Every rule's name by its tag (rule-match.ts `ruleTag`), deleted ones too: the timeline names the rule behind a change. */
export function ruleNamesByTag(db: Database): Map<string, string> {
  const names = new Map<string, string>();
  for (const op of foldOps(opsWithEntityPrefix(db, RULE_PREFIX)).values()) {
    const name = ruleNameSchema.safeParse(op.value);
    if (op.field === 'name' && name.success) names.set(ruleTag(op.entity.slice(RULE_PREFIX.length)), name.data);
  }
  return names;
}

/** Saves a rule for the team; a new one starts acting on conversations from `now` on. */
export function saveRule(db: Database, actor: LocalActor, input: RuleInput, now: number): AutomationRule {
  const existing = input.id === undefined ? undefined : listRules(db).find((r) => r.id === input.id);
  const id = input.id ?? crypto.randomUUID();
  const entity = RULE_PREFIX + id;
  const actions = ruleActionsSchema.parse(input.actions);
  const acknowledges = actions.some((a) => a.kind === 'acknowledge');
  const keptSince = existing?.acknowledgeSince ?? null;
  const rule: AutomationRule = {
    id,
    name: ruleNameSchema.parse(input.name),
    enabled: input.enabled,
    conditions: ruleConditionsSchema.parse(input.conditions),
    actions,
    since: existing?.since ?? now,
    acknowledgeSince: acknowledges ? (keptSince ?? now) : null,
  };
  actor.record([
    { entity, field: 'name', value: rule.name },
    { entity, field: 'enabled', value: rule.enabled },
    { entity, field: 'conditions', value: rule.conditions.map((c) => ({ ...c })) },
    { entity, field: 'actions', value: rule.actions.map((a) => ({ ...a })) },
    ...(existing ? [] : [{ entity, field: 'since', value: rule.since }]),
    ...(rule.acknowledgeSince !== (existing?.acknowledgeSince ?? null) ? [{ entity, field: 'acknowledgeSince', value: rule.acknowledgeSince }] : []),
    { entity, field: 'deleted', value: false },
  ]);
  return rule;
}

export function deleteRule(actor: LocalActor, id: string): void {
  actor.record([{ entity: RULE_PREFIX + id, field: 'deleted', value: true }]);
}
