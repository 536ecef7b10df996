/** What the search box says about a query it did not fully understand. */
import type { Sentence } from '../../../src-preload/api.ts';
import { say } from '../../i18n/i18n.ts';

/** Core's warnings in the agent's language, one line; null when there is nothing to tell. */
export function searchWarningText(warnings: readonly Sentence[]): string | null {
  return warnings.length > 0 ? warnings.map((w) => say(w)).join(' ') : null;
}
