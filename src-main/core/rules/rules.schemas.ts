/** Params of the rules methods: the rule model's own schemas (rule-model.ts), so saving and reading agree. */
import { z } from 'zod';
import type { RulesMethods } from '../../../src-preload/api.ts';
import type { DomainSchemas } from '../rpc/schema-types.ts';
import { ruleActionsSchema, ruleConditionsSchema, ruleIdSchema, ruleNameSchema } from './rule-model.ts';

export const rulesSchemas: DomainSchemas<keyof RulesMethods> = {
  'rules.list': z.strictObject({}),
  'rules.save': z.strictObject({
    id: ruleIdSchema.optional(),
    name: ruleNameSchema,
    enabled: z.boolean(),
    conditions: ruleConditionsSchema,
    actions: ruleActionsSchema,
  }),
  'rules.delete': z.strictObject({ id: ruleIdSchema }),
};
