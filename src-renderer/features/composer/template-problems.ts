/**
 * Which placeholder problems of inserted templates are still open.
 *
 * Core leaves a placeholder it could not fill verbatim in the text
 * (`{CLIENT_NAME}`) and names it in the problem's `vars.placeholder`, so a
 * problem is open while its placeholder is still in the draft; fixing the
 * text by hand resolves it. A problem that names no placeholder is shown
 * once, at insertion, and goes with the next edit. Core checks again when
 * sending: nothing raw ever reaches a customer.
 */
import type { Sentence } from '../../../src-preload/api.ts';

/** One problem once, however often it was inserted: same key, same values. */
export function problemId(problem: Sentence): string {
  return `${problem.key}:${JSON.stringify(problem.vars)}`;
}

export function openPlaceholderProblems(problems: Sentence[], draftText: string, atInsertion: boolean): Sentence[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = problemId(problem);
    if (seen.has(id)) return false;
    seen.add(id);
    const placeholder = problem.vars.placeholder;
    if (!placeholder) return atInsertion;
    return draftText.includes(placeholder);
  });
}
