/**
 * The search box's query language, parsed into a plain structure. Pure: no
 * database, and never throws: whatever the agent types gives a query plus
 * warnings for the parts that were not understood (sentences by key, with
 * what the agent typed as a value, so the search box says them in the
 * agent's language).
 *
 *   refund "order number"      words and quoted phrases, all must match
 *   -spam  -"out of office"    negation
 *   from:anna  to:billing@x    participants (name or address; to: includes Cc)
 *   subject:invoice            subject only
 *   has:attachment             (also -has:attachment)
 *   before:2024-05-01 after:2024-04   dates (local time; after: includes the day)
 *   tag:vip                    the conversation's tags or its customer's contact tags
 *   status:pending status:open one of these statuses (open: not done, closed or spam), also by the German
 *                              word or the team's own label for it (triage-filter.ts); -status:done
 *   assignee:me assignee:anna  assigned to me (or my groups), an agent or group by name, or none
 *   follower:me follower:anna  followed by me or an agent by name (or by nobody: none)
 *   #K7F3Q2                    a ticket number
 *   refu*                      prefix; the last word is a prefix while typing (no trailing space)
 */
import type { ConversationStatus, SearchSentenceKey, Sentence } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';

export type TextField = 'any' | 'from' | 'to' | 'subject';

export interface TextTerm {
  field: TextField;
  text: string;
  phrase: boolean;
  prefix: boolean;
  negated: boolean;
}

export interface ParsedQuery {
  terms: TextTerm[];
  /** true: only with attachments; false: only without; null: either. */
  hasAttachment: boolean | null;
  /** Epoch ms, inclusive. */
  after: number | null;
  /** Epoch ms, exclusive. */
  before: number | null;
  tags: Array<{ tag: string; negated: boolean }>;
  /** Wanted ones are alternatives (a conversation has one status); negated ones are each excluded. */
  statuses: Array<{ status: StatusFilter; negated: boolean }>;
  /** Status words this parser does not know: the team's own labels ("Solved") are known only to triage-filter.ts. */
  statusWords: Array<{ typed: string; negated: boolean; atEnd: boolean }>;
  /** As typed ("me", "none", a name or address); search/triage-filter.ts resolves them against the team. */
  assignees: Array<{ who: string; negated: boolean; atEnd: boolean }>;
  /** As typed, like `assignees`: who follows the conversation. */
  followers: Array<{ who: string; negated: boolean; atEnd: boolean }>;
  /** Canonical ticket tokens typed as #XXXXXX. */
  tickets: string[];
  warnings: Sentence[];
}

/** A status, or `open`: any status an agent still works on. */
export type StatusFilter = ConversationStatus | 'open';

const STATUS_WORDS: Record<string, StatusFilter> = {
  new: 'new',
  pending: 'pending',
  waiting: 'waiting',
  waitingoncustomer: 'waiting',
  onhold: 'on_hold',
  hold: 'on_hold',
  done: 'done',
  closed: 'closed',
  spam: 'spam',
  open: 'open',
  // The German window's words: an agent types what the sidebar says ("Offen" is pending there).
  neu: 'new',
  offen: 'pending',
  wartetaufkunden: 'waiting',
  wartend: 'waiting',
  angehalten: 'on_hold',
  erledigt: 'done',
  geschlossen: 'closed',
};

/** How a status word is compared: case, spaces, dashes and underscores do not count. */
export function statusKey(typed: string): string {
  return typed.toLowerCase().replace(/[\s_-]+/g, '');
}

/** "on-hold", "On_Hold", "waiting-on-customer": the words of the status list, however joined. */
export function statusOf(typed: string): StatusFilter | null {
  return STATUS_WORDS[statusKey(typed)] ?? null;
}

interface RawToken {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
  /** The token ends the input with no whitespace after it: the agent may still be typing it. */
  atEnd: boolean;
}

const FIELD_KEYS: Record<string, TextField> = { from: 'from', to: 'to', cc: 'to', subject: 'subject' };
const TICKET = /^\[?#([0-9A-Za-z]{6})\]?$/;
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{6}$/;
/** Needs a letter or digit, or the full-text index has nothing to look up. */
const SEARCHABLE = /[\p{L}\p{N}]/u;
const MIN_PREFIX = 2;

function tokenize(input: string): RawToken[] {
  const out: RawToken[] = [];
  const n = input.length;
  const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(input[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === '-' && !isSpace(input[i + 1])) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    const op = /^([A-Za-z]+):/.exec(input.slice(i, i + 40));
    if (op?.[1]) {
      key = op[1].toLowerCase();
      i += op[0].length;
    }
    let value: string;
    let quoted = false;
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      value = input.slice(i + 1, close < 0 ? n : close);
      i = close < 0 ? n : close + 1;
      quoted = true;
    } else {
      let j = i;
      while (j < n && !isSpace(input[j])) j++;
      value = input.slice(i, j);
      i = j;
    }
    out.push({ negated, key, value, quoted, atEnd: i >= n });
  }
  return out;
}

/** Local midnight of YYYY-MM-DD, YYYY/MM/DD, YYYY-MM or YYYY; null when it is not such a date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

function emptyQuery(): ParsedQuery {
  return { terms: [], hasAttachment: null, after: null, before: null, tags: [], statuses: [], statusWords: [], assignees: [], followers: [], tickets: [], warnings: [] };
}

export function parseQuery(input: string): ParsedQuery {
  const q = emptyQuery();
  const tokens = tokenize(input.normalize('NFC'));
  const warn = (key: SearchSentenceKey, vars: Record<string, string> = {}): void => {
    const said = sentence(key, vars);
    if (!q.warnings.some((w) => w.text === said.text)) q.warnings.push(said);
  };
  const addText = (t: RawToken, field: TextField, text: string): void => {
    let value = text.trim();
    let prefix = false;
    if (!t.quoted && value.endsWith('*')) {
      value = value.replace(/\*+$/, '');
      prefix = true;
    }
    if (!SEARCHABLE.test(value)) return;
    const phrase = t.quoted || /[^\p{L}\p{N}]/u.test(value);
    // While typing, the last word is a prefix: "refu" already finds "refund".
    if (!prefix && t.atEnd && !t.quoted && !t.negated && [...value].length >= MIN_PREFIX) prefix = true;
    q.terms.push({ field, text: value, phrase, prefix, negated: t.negated });
  };

  for (const t of tokens) {
    if (t.key === null) {
      if (!t.quoted && !t.negated && (t.value === 'AND' || t.value === 'OR')) {
        if (t.value === 'OR') warn('searchNoOr');
        continue;
      }
      const ticket = TICKET.exec(t.value);
      const token = ticket?.[1]?.toUpperCase();
      if (!t.negated && token && CROCKFORD.test(token)) q.tickets.push(token);
      addText(t, 'any', t.value);
      continue;
    }
    if (t.value === '') continue;
    const field = FIELD_KEYS[t.key];
    if (field) {
      addText(t, field, t.value);
      continue;
    }
    switch (t.key) {
      case 'has':
        if (/^attach(ment|ments)?$/i.test(t.value)) q.hasAttachment = !t.negated;
        else warn('searchHasNotAFilter', { typed: `has:${t.value}` });
        break;
      case 'before':
      case 'after': {
        const day = parseDay(t.value);
        if (day === null) {
          if (!t.atEnd) warn('searchNotADate', { typed: `${t.key}:${t.value}` });
          break;
        }
        if (t.negated) warn('searchNegatedDate', { typed: `-${t.key}:`, other: t.key === 'before' ? 'after:' : 'before:' });
        else if (t.key === 'before') q.before = q.before === null ? day : Math.min(q.before, day);
        else q.after = q.after === null ? day : Math.max(q.after, day);
        break;
      }
      case 'tag':
        q.tags.push({ tag: t.value, negated: t.negated });
        break;
      case 'status': {
        const status = statusOf(t.value);
        if (status) q.statuses.push({ status, negated: t.negated });
        else q.statusWords.push({ typed: t.value, negated: t.negated, atEnd: t.atEnd });
        break;
      }
      case 'assignee':
        q.assignees.push({ who: t.value.trim(), negated: t.negated, atEnd: t.atEnd });
        break;
      case 'follower':
      case 'following':
        q.followers.push({ who: t.value.trim(), negated: t.negated, atEnd: t.atEnd });
        break;
      default:
        // "Re: order" pasted from a subject, or a URL: search the words; warn only when it looked like a filter.
        if (!t.value.startsWith('//')) warn('searchNotAFilter', { typed: `${t.key}:` });
        addText(t, 'any', `${t.key}:${t.value}`);
    }
  }
  return q;
}

/** True when the query asks for nothing at all (an empty box). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return (
    q.terms.length === 0 &&
    q.hasAttachment === null &&
    q.after === null &&
    q.before === null &&
    q.tags.length === 0 &&
    q.tickets.length === 0 &&
    q.statuses.length === 0 &&
    q.statusWords.length === 0 &&
    q.assignees.length === 0 &&
    q.followers.length === 0
  );
}
