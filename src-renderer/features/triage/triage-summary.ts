/**
 * The undo toast's line for a triage action the agent just applied: "3
 * conversations snoozed until Mon, Jan 12, 9:00 AM". Worded here, not by
 * core, so it is in the agent's language, names statuses as the team does
 * and shows times on the agent's clock.
 */
import type { TeamDirectory, TriageAction, TriageSettings } from '../../../src-preload/api.ts';
import { locale, t } from '../../i18n/i18n.ts';
import { formatWhen } from '../../i18n/format.ts';
import { PRIORITY_LABEL, statusLabel, teamName } from './triage-labels.ts';

/** “a”, “b” and “c”, quoted and joined as the agent's language joins a list. */
export function quotedTags(tags: readonly string[]): string {
  const list = new Intl.ListFormat(locale(), { type: 'conjunction' }).format(tags.map((tag) => t('triageDone.tag', { tag })));
  return t('triageDone.tagList', { count: tags.length, list });
}

/** `count`: how many conversations the action changed (core's `applied`). */
export function triageSummary(action: TriageAction, count: number, directory: TeamDirectory | null, settings: TriageSettings | null): string {
  switch (action.kind) {
    case 'status':
      return t('triageDone.status', { count, status: statusLabel(action.status, settings) });
    case 'assign':
      return action.assignee === null ? t('triageDone.unassigned', { count }) : t('triageDone.assigned', { count, name: teamName(directory, action.assignee) });
    case 'tags':
      if (action.add.length > 0 && action.remove.length > 0) {
        return t('triageDone.retagged', { count, added: quotedTags(action.add), removed: quotedTags(action.remove) });
      }
      if (action.add.length > 0) return t('triageDone.tagged', { count, tags: quotedTags(action.add) });
      if (action.remove.length > 0) return t('triageDone.untagged', { count, tags: quotedTags(action.remove) });
      return t('triageDone.tagsUnchanged', { count });
    case 'priority':
      return t('triageDone.priority', { count, priority: t(PRIORITY_LABEL[action.priority]) });
    case 'deadline':
      return action.at === null ? t('triageDone.deadlineRemoved', { count }) : t('triageDone.deadline', { count, when: formatWhen(action.at) });
    case 'snooze':
      return t('triageDone.snoozed', { count, when: formatWhen(action.until) });
    case 'unsnooze':
      return t('triageDone.unsnoozed', { count });
    case 'share':
      return t('triageDone.shared', { count, name: teamName(directory, action.agent) });
    case 'follow':
      return t(action.follow ? 'triageDone.followed' : 'triageDone.unfollowed', { count });
  }
}
