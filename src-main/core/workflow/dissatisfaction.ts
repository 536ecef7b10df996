/**
 * Flags strongly dissatisfied customers locally (no service, no model
 * download), as review-management inboxes do, and says why.
 *
 * Score = sum of matched lexicon weights in the customer's own words (quoted
 * text is excluded: an agent's quoted apology must not count), plus small
 * boosts for shouting (a run of capitals, "!!!"). Flagged at a threshold that
 * one escalation phrase, or two angry ones, reaches; a single "disappointed"
 * does not. Negated phrases ("not disappointed") are skipped.
 */
import type { LexiconLanguage } from './dissatisfaction-lexicon.ts';
import { lexicon } from './dissatisfaction-lexicon.ts';

export interface DissatisfactionResult {
  score: number;
  flagged: boolean;
  /** Human-readable reasons for the hover explanation, e.g. `"unacceptable" (angry)`. */
  reasons: string[];
}

export const FLAG_THRESHOLD = 3;

const weightName = { 1: 'annoyed', 2: 'angry', 3: 'escalation' } as const;
// "not disappointed", "not a scam", "ikke en svindel", "pas une arnaque": a negation, optionally followed by an article.
const negated = /((^|[^\p{L}])(not|ikke|nie|não|pas|nicht|no|kein|keine)|n't)\s+((a|an|en|et|um|uma|un|une|ein|eine)\s+)?$/u;

function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) continue;
    // Stop at the first quote header: what follows is the conversation so far.
    if (/^(on .+ wrote:|am .+ schrieb|le .+ a écrit|em .+ escreveu|w dniu .+ pisze|den .+ skrev|el .+ escribió|-----\s*original message)/i.test(line.trim())) break;
    lines.push(line);
  }
  return lines.join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = Object.values(lexicon)
  .flat()
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map((entry) => ({ entry, needle: entry.phrase.toLowerCase(), re: new RegExp(`(^|[^\\p{L}])${escapeRegExp(entry.phrase)}(?=$|[^\\p{L}])`, 'giu') }));

export function scoreDissatisfaction(text: string): DissatisfactionResult {
  const own = ownWords(text);
  const lower = own.toLowerCase();
  let score = 0;
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const { entry, needle, re } of patterns) {
    // Most phrases are absent: a plain substring test rules them out without running the regex.
    if (!lower.includes(needle)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const start = m.index + (m[1]?.length ?? 0);
      if (negated.test(lower.slice(Math.max(0, start - 16), start))) continue;
      // "very disappointed" also contains "disappointed": count the longer phrase only.
      if ([...seen].some((p) => p.includes(entry.phrase))) continue;
      seen.add(entry.phrase);
      score += entry.weight;
      reasons.push(`"${entry.phrase}" (${weightName[entry.weight]})`);
      break;
    }
  }
  if (/\b[A-ZÀ-Ý]{4,}(\s+[A-ZÀ-Ý]{2,}){2,}/.test(own)) {
    score += 1;
    reasons.push('writes in capitals');
  }
  if (/[!?]{3,}/.test(own)) {
    score += 1;
    reasons.push('repeated "!!!"');
  }
  return { score, flagged: score >= FLAG_THRESHOLD, reasons };
}

export const supportedLanguages: readonly LexiconLanguage[] = Object.keys(lexicon) as LexiconLanguage[];
