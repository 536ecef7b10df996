/**
 * What a rule is made of, as zod schemas: the same ones check a rule the
 * agent saves (rules.schemas.ts) and a rule read back from the op log, which
 * other desktops wrote (rule-store.ts), so a malformed rule is refused when
 * saved and ignored when received.
 */
import { z } from 'zod';
import type { RuleAction, RuleCondition } from '../../../src-preload/api.ts';

export const RULE_NAME_MAX = 100;
export const RULE_VALUE_MAX = 200;
export const RULE_CONDITIONS_MAX = 10;
export const RULE_ACTIONS_MAX = 10;

export const ruleIdSchema = z.string().regex(/^[0-9a-z-]{1,64}$/, 'That is not a rule id.');

export const ruleNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the rule a name.')
  .max(RULE_NAME_MAX, `A rule's name can be at most ${RULE_NAME_MAX} characters long.`);

export const ruleConditionSchema: z.ZodType<RuleCondition> = z.union([
  z.strictObject({
    field: z.enum(['from', 'to', 'subject']),
    operator: z.enum(['contains', 'is']),
    value: z
      .string()
      .trim()
      .min(1, 'Say what the condition looks for.')
      .max(RULE_VALUE_MAX, `A condition can look for at most ${RULE_VALUE_MAX} characters.`),
  }),
  z.strictObject({ field: z.literal('received'), operator: z.enum(['outside-hours', 'within-hours']) }),
]);

const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(60, 'A tag can be at most 60 characters long.')
  .regex(/^[^\u0000-\u001f]+$/, 'A tag cannot contain control characters.');

export const ruleActionSchema: z.ZodType<RuleAction> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('assign'), assignee: z.string().regex(/^(agent:[0-9a-f]{16}|group:[0-9a-z-]{1,64})$/, 'Choose a colleague or a group from the team list.') }),
  z.strictObject({ kind: z.literal('tag'), tag: tagSchema }),
  z.strictObject({ kind: z.literal('priority'), priority: z.enum(['low', 'normal', 'high', 'urgent']) }),
  z.strictObject({ kind: z.literal('status'), status: z.enum(['on_hold', 'done', 'closed', 'spam']) }),
  z.strictObject({ kind: z.literal('acknowledge'), templateId: z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'Choose the template the acknowledgement is written with.') }),
]);

export const ruleConditionsSchema = z
  .array(ruleConditionSchema)
  .min(1, 'A rule needs at least one condition: which mail it is for.')
  .max(RULE_CONDITIONS_MAX, `A rule can have at most ${RULE_CONDITIONS_MAX} conditions.`);

export const ruleActionsSchema = z
  .array(ruleActionSchema)
  .min(1, 'A rule needs at least one action: what it does.')
  .max(RULE_ACTIONS_MAX, `A rule can have at most ${RULE_ACTIONS_MAX} actions.`)
  .refine((actions) => actions.filter((a) => a.kind === 'acknowledge').length <= 1, 'A rule can send one acknowledgement.');
