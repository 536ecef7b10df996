/**
 * A parsed query → an FTS5 MATCH expression and a rowid range (see migration
 * 0004 for the index layout). Pure.
 *
 * Safety: every piece of the agent's text becomes an FTS5 string literal
 * ("..." with quotes doubled), so no input can inject FTS5 syntax; column
 * names and operators come only from this module.
 *
 * Every expression starts with a term of the hidden `meta` column (`msg` is
 * in every row, `acct<N>` in the rows of one account), so a query made only
 * of negations or filters still has something positive for FTS5 to scan,
 * and an account filter costs nothing extra.
 */
import type { ParsedQuery, TextField, TextTerm } from './query-parser.ts';

const COLUMNS: Record<TextField, string> = {
  any: '{subject body sender recipients}',
  from: 'sender',
  to: 'recipients',
  subject: 'subject',
};

/** Minutes × 2^26: the smallest `search_doc` of a date (mirrors SEARCH_DOC in migration 0004). */
const DOC_MINUTES_MAX = 134_217_727;
const DOC_SPAN = 67_108_864;

export function firstDocAt(epochMs: number): number {
  const minute = Math.max(0, Math.min(Math.floor(epochMs / 60_000), DOC_MINUTES_MAX));
  return minute * DOC_SPAN;
}

/** Above every doc but the very last possible one (year 2225, id ≡ -1 mod 2^26), and still a safe integer. */
export const DOC_CEILING = Number.MAX_SAFE_INTEGER;

function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function termExpression(t: TextTerm): string {
  return `${COLUMNS[t.field]} : ${literal(t.text)}${t.prefix ? ' *' : ''}`;
}

export interface FtsPlan {
  match: string;
  /** Rowids in [lowDoc, highDoc). */
  lowDoc: number;
  highDoc: number;
}

export function ftsPlan(q: ParsedQuery, accountId: number | null): FtsPlan {
  const positives = [`meta : ${literal(accountId === null ? 'msg' : `acct${accountId}`)}`];
  const negatives: string[] = [];
  if (q.hasAttachment === true) positives.push(`meta : ${literal('att')}`);
  if (q.hasAttachment === false) negatives.push(`meta : ${literal('att')}`);
  for (const t of q.terms) (t.negated ? negatives : positives).push(termExpression(t));
  let match = positives.length === 1 ? (positives[0] as string) : `(${positives.join(' AND ')})`;
  if (negatives.length > 0) match = `${match} NOT (${negatives.join(' OR ')})`;
  return {
    match,
    lowDoc: q.after === null ? 0 : firstDocAt(q.after),
    highDoc: q.before === null ? DOC_CEILING : firstDocAt(q.before),
  };
}
