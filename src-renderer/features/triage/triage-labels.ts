/**
 * Words for triage values: drawers, statuses (the team may rename them in
 * the settings), priorities, SLA kinds. One place, so the sidebar, the list
 * badges, the triage bar and the palette all say the same thing.
 */
import type { AssigneeRef, ConversationStatus, DrawerId, PresenceBadge, Priority, SlaKind, TeamDirectory, TriageSettings } from '../../../src-preload/api.ts';
import { inEnglish, t, type MessageKey } from '../../i18n/i18n.ts';
import { formatWhen } from '../../i18n/format.ts';
import { memberOf } from '../../store/team-members.ts';

export const STATUS_LABEL: Record<ConversationStatus, MessageKey> = {
  new: 'status.new',
  pending: 'status.pending',
  waiting: 'status.waiting',
  on_hold: 'status.on_hold',
  done: 'status.done',
  closed: 'status.closed',
  spam: 'status.spam',
};

export const PRIORITY_LABEL: Record<Priority, MessageKey> = {
  low: 'priority.low',
  normal: 'priority.normal',
  high: 'priority.high',
  urgent: 'priority.urgent',
};

const PRESENCE_LABEL: Record<PresenceBadge['activity'], MessageKey> = {
  viewing: 'badge.viewing',
  replying: 'badge.replying',
  sending: 'badge.sending',
  scheduled: 'badge.scheduled',
};

/**
 * What a colleague is doing on a conversation, as the triage bar says it;
 * `short` for a list row, which leaves a scheduled reply's time to the tooltip.
 * A scheduled reply whose time has passed has not gone out (its lease would
 * have become 'sending', then ended): its desktop is most likely closed.
 */
export function presenceText(p: PresenceBadge, now: number, short = false): string {
  let key = PRESENCE_LABEL[p.activity];
  if (p.activity === 'scheduled') {
    const late = p.sendAt !== null && p.sendAt <= now;
    key = late ? (short ? 'badge.scheduledLateShort' : 'badge.scheduledLate') : short ? 'badge.scheduledShort' : key;
  }
  return t(key, { name: p.name ?? t('activity.someone'), when: p.sendAt === null ? '' : formatWhen(p.sendAt) });
}

/** A colleague's scheduled reply that should have gone out by `now` and has not. */
export function scheduledLate(p: PresenceBadge, now: number): boolean {
  return p.activity === 'scheduled' && p.sendAt !== null && p.sendAt <= now;
}

/** Number keys 1-4 set these, most urgent first (as in most issue trackers). */
export const PRIORITY_KEYS: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

export const SLA_LABEL: Record<SlaKind, MessageKey> = {
  'first-response': 'sla.firstResponse',
  'next-response': 'sla.nextResponse',
  resolution: 'sla.resolution',
};

/** The fixed drawers, in the order the sidebar lists them. */
export const FIXED_DRAWERS = ['inbox', 'mine', 'unassigned', 'overdue', 'alerts', 'snoozed', 'open'] as const;

const FIXED_LABEL: Record<(typeof FIXED_DRAWERS)[number], MessageKey> = {
  inbox: 'drawer.inbox',
  mine: 'drawer.mine',
  unassigned: 'drawer.unassigned',
  overdue: 'drawer.overdue',
  alerts: 'drawer.alerts',
  snoozed: 'drawer.snoozed',
  open: 'drawer.open',
};

/**
 * The team's name for a status, or the agent's language's. Core's defaults
 * are the English words (triage-settings.ts), so a label the team never
 * changed (or saved unchanged from an English form) reads "Offen" to a
 * German agent, not "Pending".
 */
export function statusLabel(status: ConversationStatus, settings: TriageSettings | null): string {
  const custom = settings?.statusLabels[status]?.trim();
  return custom && custom !== inEnglish(STATUS_LABEL[status]) ? custom : t(STATUS_LABEL[status]);
}

/**
 * Whom a conversation was assigned to or shared with, as a sentence names
 * them: "Alice", "the Billing group", or a plain fallback for a ref not (yet)
 * in the directory (a colleague's identity that has not arrived).
 */
export function teamName(directory: TeamDirectory | null, ref: AssigneeRef): string {
  const agent = directory?.agents.find((a) => a.ref === ref) ?? (directory?.me?.ref === ref ? directory.me : undefined);
  if (agent) return agent.name;
  const group = directory?.groups.find((g) => g.ref === ref);
  if (group) return t('teamName.group', { name: group.name });
  return t(ref.startsWith('group:') ? 'teamName.unknownGroup' : 'teamName.unknownAgent');
}

export function drawerLabel(drawer: DrawerId, directory: TeamDirectory | null, settings: TriageSettings | null): string {
  if (drawer in FIXED_LABEL) return t(FIXED_LABEL[drawer as keyof typeof FIXED_LABEL]);
  const colon = drawer.indexOf(':');
  const kind = drawer.slice(0, colon);
  const value = drawer.slice(colon + 1);
  if (kind === 'status' && value in STATUS_LABEL) return statusLabel(value as ConversationStatus, settings);
  if (kind === 'assignee') return memberOf(directory, value).name;
  if (kind === 'tag') return `#${value}`;
  return drawer;
}
