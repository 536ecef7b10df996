/**
 * The search box's triage filters (`status:`, `assignee:`, `follower:`, and the
 * conversation's own tags for `tag:`), checked against a conversation's
 * folded triage state (`conversation_state`).
 *
 * Why after the full-text scan and not in it: triage state changes with every
 * click and every colleague's op, and the index holds mail. Filtering the hits
 * costs one primary-key lookup per conversation, and only conversations the
 * scan reaches are looked at.
 *
 * A conversation whose state is not folded yet (stored a moment ago) counts as
 * what the fold gives new mail: new, unassigned, no tags.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationStatus, Sentence } from '../../../src-preload/api.ts';
import type { StateRow } from '../db/triage.repo.ts';
import { sentence } from '../sentences.ts';
import { agentRef } from '../triage/directory.ts';
import { groupEntity, listAgents, listGroups } from '../team/roster.ts';
import { readTriageSettings } from '../triage/triage-settings.ts';
import { followersOfState, tagsOfState } from '../triage/triage-actions.ts';
import { localNodeId } from '../team/local-actor.ts';
import type { ParsedQuery, StatusFilter } from './query-parser.ts';
import { statusKey } from './query-parser.ts';

const OPEN: ReadonlySet<ConversationStatus> = new Set(['new', 'pending', 'waiting', 'on_hold']);
const NOBODY = new Set(['none', 'nobody', 'unassigned', 'niemand', 'keiner', 'nichtzugewiesen']);
const ME = new Set(['me', 'ich', 'mir']);

/** Who an `assignee:` names: this desktop's agent and groups, nobody, or these refs. */
type Who = { kind: 'me' } | { kind: 'nobody' } | { kind: 'refs'; refs: ReadonlySet<string> };

export interface TriageFilter {
  statuses: ReadonlyArray<{ status: StatusFilter; negated: boolean }>;
  assignees: ReadonlyArray<{ who: Who; negated: boolean }>;
  /** `me` here is this desktop's agent only: a group follows nothing. */
  followers: ReadonlyArray<{ who: Who; negated: boolean }>;
}

/** The state a conversation is filtered by: its fold, or a new conversation's when not folded yet. */
export interface FilterState {
  status: string;
  assignee: string | null;
  mine: boolean;
  tags: readonly string[];
  followers: readonly string[];
}

export function filterStateOf(row: StateRow | null): FilterState {
  if (!row) return { status: 'new', assignee: null, mine: false, tags: [], followers: [] };
  // A damaged cell folds again on the next refold; meanwhile the conversation has none to match.
  return { status: row.status, assignee: row.assignee, mine: row.mine !== 0, tags: tagsOfState(row), followers: followersOfState(row) };
}

/**
 * Names to refs: an agent or group whose name starts with the typed word
 * ("anna" finds "Anna Schmidt"), or an agent's address or its local part.
 * Several matches are alternatives.
 */
function resolveName(db: Database, typed: string): Set<string> {
  const word = typed.toLowerCase();
  const refs = new Set<string>();
  for (const a of listAgents(db)) {
    const name = a.name.toLowerCase();
    const address = a.address.toLowerCase();
    if (name.startsWith(word) || address === word || address.split('@')[0] === word) refs.add(agentRef(a.node));
  }
  for (const g of listGroups(db)) {
    const name = g.name.toLowerCase();
    if (name.startsWith(word)) refs.add(groupEntity(g.id));
  }
  return refs;
}

/** Resolves the query's triage filters against the team; names nobody has are warned about and left out. */
export function triageFilterOf(db: Database, q: ParsedQuery): { filter: TriageFilter | null; warnings: Sentence[] } {
  const warnings: Sentence[] = [];
  const statuses = [...q.statuses];
  if (q.statusWords.length > 0) {
    // The team's own labels: where "done" is called "Solved", the agent types status:solved.
    const labels = Object.entries(readTriageSettings(db).statusLabels) as Array<[ConversationStatus, string]>;
    for (const { typed, negated, atEnd } of q.statusWords) {
      const found = labels.find(([, label]) => statusKey(label) === statusKey(typed));
      if (found) statuses.push({ status: found[0], negated });
      else if (!atEnd) warnings.push(sentence('searchNotAStatus', { typed: `status:${typed}` }));
    }
  }
  const assignees: Array<{ who: Who; negated: boolean }> = [];
  for (const { who: typed, negated, atEnd } of q.assignees) {
    const word = typed.toLowerCase();
    if (ME.has(word)) assignees.push({ who: { kind: 'me' }, negated });
    else if (NOBODY.has(statusKey(word))) assignees.push({ who: { kind: 'nobody' }, negated });
    else {
      const refs = resolveName(db, typed);
      if (refs.size > 0) assignees.push({ who: { kind: 'refs', refs }, negated });
      // While the name is still being typed, no warning: the next key may complete it.
      else if (!atEnd) warnings.push(sentence('searchNoSuchAssignee', { typed }));
    }
  }
  const followers: Array<{ who: Who; negated: boolean }> = [];
  for (const { who: typed, negated, atEnd } of q.followers) {
    const word = typed.toLowerCase();
    if (ME.has(word)) followers.push({ who: { kind: 'refs', refs: new Set([agentRef(localNodeId(db))]) }, negated });
    else if (NOBODY.has(statusKey(word))) followers.push({ who: { kind: 'nobody' }, negated });
    else {
      const refs = new Set([...resolveName(db, typed)].filter((r) => r.startsWith('agent:')));
      if (refs.size > 0) followers.push({ who: { kind: 'refs', refs }, negated });
      else if (!atEnd) warnings.push(sentence('searchNoSuchAssignee', { typed }));
    }
  }
  const filter = statuses.length > 0 || assignees.length > 0 || followers.length > 0 ? { statuses, assignees, followers } : null;
  return { filter, warnings };
}

function statusMatches(wanted: StatusFilter, status: string): boolean {
  return wanted === 'open' ? OPEN.has(status as ConversationStatus) : wanted === status;
}

function whoMatches(who: Who, s: FilterState): boolean {
  if (who.kind === 'me') return s.mine;
  if (who.kind === 'nobody') return s.assignee === null;
  return s.assignee !== null && who.refs.has(s.assignee);
}

/** Wanted values of one kind are alternatives; every negated one must not hold. */
function passesKind<T>(items: ReadonlyArray<{ negated: boolean } & T>, holds: (item: T) => boolean): boolean {
  const wanted = items.filter((i) => !i.negated);
  if (wanted.length > 0 && !wanted.some(holds)) return false;
  return items.filter((i) => i.negated).every((i) => !holds(i));
}

function followedBy(who: Who, s: FilterState): boolean {
  if (who.kind === 'nobody') return s.followers.length === 0;
  return who.kind === 'refs' && s.followers.some((f) => who.refs.has(f));
}

export function passesTriage(filter: TriageFilter, s: FilterState): boolean {
  return (
    passesKind(filter.statuses, (i) => statusMatches(i.status, s.status)) &&
    passesKind(filter.assignees, (i) => whoMatches(i.who, s)) &&
    passesKind(filter.followers, (i) => followedBy(i.who, s))
  );
}

/** `tag:` matches the conversation's own tags, case-insensitively as tags are shown. */
export function hasConversationTag(s: FilterState, tag: string): boolean {
  const wanted = tag.toLowerCase();
  return s.tags.some((t) => t.toLowerCase() === wanted);
}
