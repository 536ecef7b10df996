/**
 * What the composer says stops a draft from going out, in the agent's
 * language: core's send checks by key, and why the draft could not be saved
 * first. Pure, so the composer's store and its tests say the same words.
 */
import type { DeskError, Sentence } from '../../src-preload/api.ts';
import { say, t } from '../i18n/i18n.ts';
import { describeError } from './describe-error.ts';

/** Core's `invalid` answer (bad address, leftover placeholder, too large, ...), one line per problem. */
export function sendProblemsText(problems: readonly Sentence[]): string[] {
  return problems.map((p) => say(p));
}

/** Why sending waits: the save failed (core's reason), or it never caught up with the typing. */
export function notSavedText(error: DeskError | null): string {
  return error ? describeError(error) : t('sentence.draftNotSaved');
}
