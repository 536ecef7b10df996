/**
 * search.query: matching messages, grouped into conversations, newest first,
 * each with a highlighted snippet of its newest matching message.
 *
 * Order and paging: the index is scanned newest message first (rowid order is
 * date order), and a conversation appears where its newest matching message
 * is. The cursor is the doc (rowid) of the last conversation shown; the next
 * page scans below it and skips conversations that have a matching message at
 * or above it, because those were shown already. So pages never repeat or
 * skip a conversation, and a page costs about one page of index rows, not
 * the whole result set: as-you-type stays fast on common words.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationSummary, Highlight, SearchHit, SearchParams, SearchResult } from '../../../src-preload/api.ts';
import { conversationsByToken, getConversationSummary } from '../db/conversations.repo.ts';
import { addressHasTag } from '../db/contacts.repo.ts';
import { conversationDocs, docMatches, indexQueuedMessages, matchingDocs, messageTexts, messagesOfDocs, noteTexts } from '../db/search.repo.ts';
import { stateRow } from '../db/triage.repo.ts';
import { ftsPlan } from './fts-query.ts';
import type { FtsPlan } from './fts-query.ts';
import { isEmptyQuery, parseQuery } from './query-parser.ts';
import type { ParsedQuery } from './query-parser.ts';
import { cleanForSnippet, foldToken, highlightFragment, highlightTerms, highlightWhole } from './snippet.ts';
import type { FilterState, TriageFilter } from './triage-filter.ts';
import { filterStateOf, hasConversationTag, passesTriage, triageFilterOf } from './triage-filter.ts';

export class InvalidSearchCursorError extends Error {
  constructor() {
    super('The search position is not valid; search again from the start.');
    this.name = 'InvalidSearchCursorError';
  }
}

const MAX_LIMIT = 200;
const MIN_CHUNK = 64;
const MAX_CHUNK = 2048;
const SNIPPET_CHUNK = 8_000;
const SNIPPET_OVERLAP = 400;

export function encodeSearchCursor(doc: number): string {
  return Buffer.from(`s:${doc}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string): number {
  const m = /^s:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const doc = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(doc)) throw new InvalidSearchCursorError();
  return doc;
}

interface Hit {
  summary: ConversationSummary;
  doc: number;
  messageId: number;
}

/** `tag:` holds when the conversation or its customer has the tag; `-tag:` when neither has it. */
function passesTags(db: Database, q: ParsedQuery, summary: ConversationSummary, state: FilterState): boolean {
  return q.tags.every(({ tag, negated }) => (hasConversationTag(state, tag) || addressHasTag(db, summary.customer.address, tag)) !== negated);
}

/** The triage filters first: one key lookup, before the summary's joins. */
function passes(db: Database, q: ParsedQuery, filter: TriageFilter | null, conversationId: number): ConversationSummary | null {
  const state = filterStateOf(filter !== null || q.tags.length > 0 ? stateRow(db, conversationId) : null);
  if (filter && !passesTriage(filter, state)) return null;
  const summary = getConversationSummary(db, conversationId);
  return summary && passesTags(db, q, summary, state) ? summary : null;
}

/** Shown on an earlier page: it has a matching message at or above the cursor. */
function shownBefore(db: Database, plan: FtsPlan, conversationId: number, cursor: number): boolean {
  return conversationDocs(db, conversationId, cursor, plan.highDoc).some((doc) => docMatches(db, plan.match, doc));
}

function collectHits(db: Database, q: ParsedQuery, filter: TriageFilter | null, plan: FtsPlan, cursor: number | null, limit: number): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<number>();
  let high = cursor === null ? plan.highDoc : Math.min(cursor, plan.highDoc);
  // About three messages per conversation: one FTS5 query usually fills the page.
  let chunk = Math.max(MIN_CHUNK, (limit + 1) * 3);
  for (;;) {
    const docs = matchingDocs(db, plan.match, plan.lowDoc, high, chunk);
    const messages = messagesOfDocs(db, docs);
    for (const doc of docs) {
      for (const message of messages.get(doc) ?? []) {
        const id = message.conversation_id;
        if (id === null || seen.has(id)) continue;
        seen.add(id);
        const summary = passes(db, q, filter, id);
        if (!summary) continue;
        if (cursor !== null && shownBefore(db, plan, id, cursor)) continue;
        hits.push({ summary, doc, messageId: message.id });
        if (hits.length > limit) return hits;
      }
    }
    const last = docs[docs.length - 1];
    if (docs.length < chunk || last === undefined) return hits;
    high = last;
    chunk = Math.min(chunk * 2, MAX_CHUNK);
  }
}

function plain(text: string): Highlight[] {
  return text === '' ? [] : [{ text, match: false }];
}

/** The body fragment around the first match, looked for chunk by chunk so a long patch mail costs only as far as its match. */
function bodyFragment(text: string, terms: ReturnType<typeof highlightTerms>): Highlight[] | null {
  // Often only the subject matched: a plain substring test on the folded text spares tokenizing the body.
  const folded = foldToken(text);
  if (!terms.some((t) => folded.includes(t.tokens[0] ?? ''))) return null;
  for (let start = 0; start < text.length; start += SNIPPET_CHUNK - SNIPPET_OVERLAP) {
    // Start and end at whitespace, so no word is cut in two at a chunk edge.
    const from = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start;
    const cut = text.lastIndexOf(' ', from + SNIPPET_CHUNK);
    const to = from + SNIPPET_CHUNK >= text.length || cut <= from ? Math.min(text.length, from + SNIPPET_CHUNK) : cut;
    const found = highlightFragment(text.slice(from, to), terms);
    if (found) return from > 0 && found[0] && !found[0].match && !found[0].text.startsWith('…') ? [{ text: '…', match: false }, ...found] : found;
    if (to >= text.length) break;
  }
  return null;
}

interface Snippet {
  snippet: Highlight[];
  inNote: boolean;
}

function snippetsFor(db: Database, q: ParsedQuery, hits: readonly Hit[]): Map<number, Snippet> {
  const terms = highlightTerms(q.terms);
  const out = new Map<number, Snippet>();
  const unmatched: number[] = [];
  const texts = messageTexts(db, hits.map((h) => h.messageId));
  for (const t of texts) {
    const body = terms.length > 0 ? bodyFragment(cleanForSnippet(t.text), terms) : null;
    const subject = body === null && terms.length > 0 ? highlightWhole(cleanForSnippet(t.subject), terms) : null;
    if (body === null && subject === null && terms.length > 0) unmatched.push(t.id);
    out.set(t.id, { snippet: body ?? subject ?? plain(t.snippet), inNote: false });
  }
  // Words the mail does not have came from the team's notes on it (indexed with it): show the note, so the agent sees why.
  for (const [id, text] of noteTexts(db, unmatched)) {
    // Notes are markdown: the snippet reads as the note shows, without its ** and ` marks.
    const inNote = bodyFragment(cleanForSnippet(text.replace(/[*_`]+/g, '')), terms);
    if (inNote) out.set(id, { snippet: inNote, inNote: true });
  }
  return out;
}

/** Just a ticket number: nothing else asked for, which `isEmptyQuery` decides for every other filter. */
function ticketOnly(q: ParsedQuery): boolean {
  return q.tickets.length === 1 && q.terms.length === 1 && isEmptyQuery({ ...q, tickets: [], terms: [] });
}

export function searchConversations(db: Database, params: SearchParams): SearchResult {
  const q = parseQuery(params.query);
  const triage = triageFilterOf(db, q);
  const warnings = [...q.warnings, ...triage.warnings];
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(params.limit) || 1));
  // "assignee:nobodyknown" alone asks for nothing once its warning is said: not for every conversation.
  if (isEmptyQuery(triage.filter ? q : { ...q, assignees: [], followers: [], statusWords: [] })) return { items: [], nextCursor: null, warnings };
  const cursor = params.cursor === null ? null : decodeSearchCursor(params.cursor);

  if (ticketOnly(q) && cursor === null) {
    const byTicket = conversationsByToken(db, q.tickets[0] as string, params.accountId);
    if (byTicket.length > 0) {
      return { items: byTicket.slice(0, limit).map((c) => ({ conversation: c, snippet: plain(c.snippet) })), nextCursor: null, warnings };
    }
  }

  // Bodies the sync stored since the last pipeline batch become searchable now.
  indexQueuedMessages(db);
  const plan = ftsPlan(q, params.accountId);
  const hits = collectHits(db, q, triage.filter, plan, cursor, limit);
  const shown = hits.slice(0, limit);
  const snippets = snippetsFor(db, q, shown);
  const items: SearchHit[] = shown.map((h) => {
    const found = snippets.get(h.messageId);
    return { conversation: h.summary, snippet: found?.snippet ?? plain(h.summary.snippet), ...(found?.inNote ? { inNote: true } : {}) };
  });
  const last = shown[shown.length - 1];
  return { items, nextCursor: hits.length > limit && last ? encodeSearchCursor(last.doc) : null, warnings };
}
