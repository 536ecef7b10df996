/**
 * Highlighted snippets for search hits, as `{ text, match }` segments —
 * never HTML, so nothing from mail is ever injected into the page.
 *
 * Matching mirrors the index's tokenizer (FTS5 unicode61 with
 * remove_diacritics 2, migration 0004): tokens are runs of letters, digits
 * and marks; they compare case-folded without diacritics, so "Rückerstattung"
 * highlights for "ruckerstattung". A phrase matches consecutive tokens; a
 * prefix term matches a token that starts with it. Done here rather than with
 * FTS5's snippet(), which would need either a second copy of every body in
 * the index or a scratch table written on every search.
 */
import type { Highlight } from '../../../src-preload/api.ts';
import type { TextTerm } from './query-parser.ts';

interface Token {
  start: number;
  end: number;
  norm: string;
}

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** Tokens in a body snippet. */
const WINDOW = 24;
/** Tokens shown before the first match of the window. */
const LEAD = 6;

/** Mail text as it may enter a snippet: control characters out, whitespace runs collapsed to one space. */
export function cleanForSnippet(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NON_ASCII = /[^\u0000-\u007f]/;

export function foldToken(text: string): string {
  // Most tokens are ASCII: skip the (slow) decomposition for them.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ start: m.index, end: m.index + m[0].length, norm: foldToken(m[0]) });
  return out;
}

export interface HighlightTerm {
  tokens: string[];
  prefix: boolean;
}

/** The positive words and phrases a snippet should show, tokenized like the index. */
export function highlightTerms(terms: readonly TextTerm[]): HighlightTerm[] {
  return terms
    .filter((t) => !t.negated && (t.field === 'any' || t.field === 'subject'))
    .map((t) => ({ tokens: tokenize(t.text).map((k) => k.norm), prefix: t.prefix }))
    .filter((t) => t.tokens.length > 0);
}

interface Match {
  first: number;
  last: number;
  term: number;
}

function matchesAt(tokens: readonly Token[], at: number, term: HighlightTerm): boolean {
  const n = term.tokens.length;
  if (at < 0 || at + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    const have = (tokens[at + k] as Token).norm;
    const want = term.tokens[k] as string;
    if (!(k === n - 1 && term.prefix ? have.startsWith(want) : have === want)) return false;
  }
  return true;
}

function findMatches(tokens: readonly Token[], terms: readonly HighlightTerm[]): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    terms.forEach((term, index) => {
      if (matchesAt(tokens, i, term)) out.push({ first: i, last: i + term.tokens.length - 1, term: index });
    });
  }
  return out;
}

function segments(text: string, tokens: readonly Token[], matches: readonly Match[], from: number, to: number): Highlight[] {
  const out: Highlight[] = [];
  const push = (piece: string, match: boolean): void => {
    if (piece === '') return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += piece;
    else out.push({ text: piece, match });
  };
  const startChar = (tokens[from] as Token).start;
  const endChar = (tokens[to] as Token).end;
  let cursor = startChar;
  for (const m of matches) {
    if (m.first < from || m.last > to) continue;
    const s = (tokens[m.first] as Token).start;
    const e = (tokens[m.last] as Token).end;
    if (s < cursor) continue;
    push(text.slice(cursor, s), false);
    push(text.slice(s, e), true);
    cursor = e;
  }
  push(text.slice(cursor, endChar), false);
  return out;
}

/** Drops empty pieces and joins neighbours of the same kind. */
function merged(parts: readonly Highlight[]): Highlight[] {
  const out: Highlight[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.match === p.match) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** The whole text with matches marked; null when nothing matches. */
export function highlightWhole(text: string, terms: readonly HighlightTerm[]): Highlight[] | null {
  const tokens = tokenize(text);
  const matches = findMatches(tokens, terms);
  if (matches.length === 0) return null;
  const head = text.slice(0, (tokens[0] as Token).start);
  const tail = text.slice((tokens[tokens.length - 1] as Token).end);
  return merged([{ text: head, match: false }, ...segments(text, tokens, matches, 0, tokens.length - 1), { text: tail, match: false }]);
}

/**
 * About WINDOW tokens from a little before the first match; null when nothing
 * matches. Tokenizes only as far as the window reaches, so a long body costs
 * little more than a short one.
 */
export function highlightFragment(text: string, terms: readonly HighlightTerm[]): Highlight[] | null {
  const longest = Math.max(1, ...terms.map((t) => t.tokens.length));
  const tokens: Token[] = [];
  let first = -1;
  let limit = Number.POSITIVE_INFINITY;
  let truncated = false;
  for (const m of text.matchAll(TOKEN)) {
    if (tokens.length >= limit) {
      truncated = true;
      break;
    }
    tokens.push({ start: m.index, end: m.index + m[0].length, norm: foldToken(m[0]) });
    if (first >= 0) continue;
    for (const term of terms) {
      const at = tokens.length - term.tokens.length;
      if (at >= 0 && matchesAt(tokens, at, term)) {
        first = at;
        limit = Math.max(0, at - LEAD) + WINDOW + longest;
        break;
      }
    }
  }
  if (first < 0) return null;
  const matches = findMatches(tokens, terms);
  const from = Math.max(0, first - LEAD);
  const to = Math.min(tokens.length - 1, from + WINDOW - 1);
  const atEnd = !truncated && to === tokens.length - 1;
  return merged([
    { text: from === 0 ? text.slice(0, (tokens[0] as Token).start) : '…', match: false },
    ...segments(text, tokens, matches, from, to),
    { text: atEnd ? text.slice((tokens[to] as Token).end) : '…', match: false },
  ]);
}
