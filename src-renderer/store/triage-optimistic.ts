/**
 * What a triage action does to a row before core answers, so the list feels
 * instant: the new state, and whether the row still belongs in the drawer on
 * screen. Core's fold stays the truth; the change event that follows the
 * action re-reads the list and replaces whatever was guessed here.
 *
 * Invariant: a guess never removes a row core would keep unless the contract
 * says so (`inDrawer` answers null, "keep it", whenever the drawer's rule is
 * core's business, e.g. overdue or alerts).
 */
import type { AssigneeRef, ConversationStatus, DrawerId, TriageAction, TriageState } from '../../src-preload/api.ts';

export const OPEN_STATUSES: readonly ConversationStatus[] = ['new', 'pending', 'waiting', 'on_hold'];
export const ALL_STATUSES: readonly ConversationStatus[] = ['new', 'pending', 'waiting', 'on_hold', 'done', 'closed', 'spam'];

function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function applyActionToState(state: TriageState, action: TriageAction): TriageState {
  switch (action.kind) {
    case 'status':
      return { ...state, status: action.status, snoozedUntil: action.status === 'spam' ? null : state.snoozedUntil };
    case 'assign':
      // "new" means nobody took it yet: an assignment ends that.
      return { ...state, assignee: action.assignee, status: state.status === 'new' && action.assignee !== null ? 'pending' : state.status };
    case 'tags': {
      const remove = new Set(action.remove.map((t) => t.toLowerCase()));
      return { ...state, tags: uniqueTags([...state.tags.filter((t) => !remove.has(t.toLowerCase())), ...action.add]) };
    }
    case 'priority':
      return { ...state, priority: action.priority };
    case 'deadline':
      return { ...state, deadline: action.at };
    case 'snooze':
      return { ...state, snoozedUntil: action.until };
    case 'unsnooze':
      return { ...state, snoozedUntil: null };
    case 'share':
      return state;
    case 'follow':
      return { ...state, following: action.follow };
  }
}

export interface Viewer {
  /** This desktop's agent, null before the agent chose a name. */
  me: AssigneeRef | null;
  /** Groups the agent belongs to. */
  myGroups: readonly AssigneeRef[];
  now: number;
}

/** Does the row belong in the drawer? null: only core can say (keep the row until the refresh). */
export function inDrawer(drawer: DrawerId, state: TriageState, viewer: Viewer): boolean | null {
  const snoozed = state.snoozedUntil !== null && state.snoozedUntil > viewer.now;
  const open = OPEN_STATUSES.includes(state.status);
  if (drawer === 'snoozed') return snoozed;
  if (drawer === 'inbox') return (state.status === 'new' || state.status === 'pending') && !snoozed;
  if (snoozed) return null;
  if (drawer === 'open') return open;
  if (drawer === 'unassigned') return open && state.assignee === null;
  if (drawer === 'mine') {
    if (viewer.me === null) return null;
    return open && state.assignee !== null && (state.assignee === viewer.me || viewer.myGroups.includes(state.assignee));
  }
  if (drawer.startsWith('status:')) return state.status === drawer.slice('status:'.length);
  if (drawer.startsWith('assignee:')) return state.assignee === drawer.slice('assignee:'.length);
  if (drawer.startsWith('tag:')) {
    const tag = drawer.slice('tag:'.length).toLowerCase();
    return state.tags.some((t) => t.toLowerCase() === tag);
  }
  return null;
}

/** Initials for an assignee avatar: "Alice Example" → "AE", "support" → "SU". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._@-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return (words[0] ?? '?').slice(0, 2).toUpperCase();
  return `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}`.toUpperCase();
}
