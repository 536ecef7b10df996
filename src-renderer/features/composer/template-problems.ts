/**
 * Which placeholder problems of inserted templates are still open.
 *
 * Core leaves a placeholder it could not fill verbatim in the text
 * (`{CLIENT_NAME}`) and names it in the problem, so a problem is open while
 * its placeholder is still in the draft; fixing the text by hand resolves it.
 * A problem that names no placeholder is shown once, at insertion, and goes
 * with the next edit. Core checks again when sending: nothing raw ever
 * reaches a customer.
 */

const BRACED = /\{[^{}\n]{1,40}\}/g;
const BARE_NAME = /\b[A-Z][A-Z0-9_.]{2,}\b/g;

function placeholdersNamed(problem: string): string[] {
  const braced = problem.match(BRACED);
  if (braced) return braced;
  return (problem.match(BARE_NAME) ?? []).map((name) => `{${name}}`);
}

export function openPlaceholderProblems(problems: string[], draftText: string, atInsertion: boolean): string[] {
  return [...new Set(problems)].filter((problem) => {
    const named = placeholdersNamed(problem);
    if (named.length === 0) return atInsertion;
    return named.some((token) => draftText.includes(token));
  });
}
