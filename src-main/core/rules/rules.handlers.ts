/** The rules methods: the team's automation rules, listed, saved and deleted as team state. */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Handlers } from '../rpc/router.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { deleteRule, listRules, saveRule } from './rule-store.ts';
import { allTemplates } from '../compose/team-settings.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import './rule-step.ts';

export type RuleHandlers = Pick<Handlers, 'rules.list' | 'rules.save' | 'rules.delete'>;

export function createRuleHandlers(deps: { db: Database; actor: LocalActor; events: EventBus; clock: Clock }): RuleHandlers {
  return {
    'rules.list': () => listRules(deps.db),
    'rules.save': (input) => {
      for (const action of input.actions) {
        if (action.kind !== 'acknowledge') continue;
        // Checked when saved, so a rule is not found wanting only when a customer writes.
        const template = allTemplates(deps.db).find((t) => t.id === action.templateId);
        if (!template) throw new DeskFailure('not-found', sentence('templateGone'));
        if (template.demo) throw new DeskFailure('bad-request', sentence('acknowledgementNeedsTeamTemplate'));
      }
      const rule = saveRule(deps.db, deps.actor, input, deps.clock.now());
      deps.events.emit({ type: 'changed', table: 'rules' });
      return rule;
    },
    'rules.delete': ({ id }) => {
      deleteRule(deps.actor, id);
      deps.events.emit({ type: 'changed', table: 'rules' });
      return null;
    },
  };
}
