/**
 * Automation rules: whether their dialog is open, and one typed door to
 * core's rules methods for it (the dialog keeps its own form state).
 */
import type { DeskApi, DeskParams, DeskResult, Result, RulesMethods } from '../../src-preload/api.ts';
import type { DeskSlice } from './slice.ts';

export interface RulesSlice {
  rulesOpen: boolean;
  /** Bumped on `changed` 'rules' events (a colleague's edit) so an open list re-reads. */
  rulesVersion: number;
  setRulesOpen(open: boolean): void;
  rulesCall<M extends keyof RulesMethods>(method: M, params: DeskParams<M>): Promise<Result<DeskResult<M>>>;
}

export function createRulesSlice(api: DeskApi): DeskSlice<RulesSlice> {
  return (set) => ({
    rulesOpen: false,
    rulesVersion: 0,

    setRulesOpen(open) {
      set({ rulesOpen: open });
    },

    rulesCall(method, params) {
      return api.call(method, params);
    },
  });
}
