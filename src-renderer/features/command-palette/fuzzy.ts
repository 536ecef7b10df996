/**
 * Fuzzy matching for the command palette and the pickers: every typed
 * character must appear in order; matches at word starts and in a run score
 * higher, so "snz" finds "Snooze…" and "gi" finds "Go to Inbox".
 */

/** Score of `query` against `text`; null when it does not match. Higher is better. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const s = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = s.indexOf(ch, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s\-:(/#@.]/.test(s[at - 1] ?? '');
    score += 1 + (wordStart ? 3 : 0) + (at === previous + 1 ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  // A whole-prefix match beats a scattered one; shorter texts win ties.
  if (s.startsWith(q)) score += 5;
  return score - s.length / 100;
}

/** Items that match, best first; stable for equal scores (keeps the caller's order). */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}
