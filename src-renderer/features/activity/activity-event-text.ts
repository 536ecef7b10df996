/**
 * A triage event's line in the conversation's timeline ("Alice assigned this
 * to Bob"), from what core says changed, in the agent's language.
 */
import type { AcknowledgementReason, ActivityChange, TeamDirectory, TriageSettings } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatWhen } from '../../i18n/format.ts';
import { PRIORITY_LABEL, statusLabel, teamName } from '../triage/triage-labels.ts';

/** `who`: the actor's name as the timeline shows it. */
export function activityEventText(who: string, change: ActivityChange, directory: TeamDirectory | null, settings: TriageSettings | null): string {
  switch (change.field) {
    case 'status':
      return t('timeline.status', { who, status: statusLabel(change.status, settings) });
    case 'assignee':
      if (change.assignee === null) return t('timeline.unassigned', { who });
      return change.self ? t('timeline.took', { who }) : t('timeline.assigned', { who, name: teamName(directory, change.assignee) });
    case 'priority':
      return t('timeline.priority', { who, priority: t(PRIORITY_LABEL[change.priority]) });
    case 'deadline':
      return change.at === null ? t('timeline.deadlineRemoved', { who }) : t('timeline.deadline', { who, when: formatWhen(change.at) });
    case 'snooze':
      return change.until === null ? t('timeline.unsnoozed', { who }) : t('timeline.snoozed', { who, when: formatWhen(change.until) });
    case 'share':
      return t('timeline.shared', { who, name: teamName(directory, change.agent) });
    case 'tag':
      return t(change.added ? 'timeline.tagged' : 'timeline.untagged', { who, tag: change.tag });
    case 'delegated': {
      const note = change.note.trim().replace(/\s+/g, ' ');
      if (note === '') return t('timeline.delegated', { who, to: change.to });
      return t('timeline.delegatedWithNote', { who, to: change.to, note: note.length > 140 ? `${note.slice(0, 139)}…` : note });
    }
    case 'acknowledgement':
      return t('timeline.notAcknowledged', { who, reason: t(ACKNOWLEDGEMENT_REASON[change.reason]) });
  }
}

const ACKNOWLEDGEMENT_REASON: Record<AcknowledgementReason, MessageKey> = {
  'rule-off': 'timeline.ackReason.ruleOff',
  'too-old': 'timeline.ackReason.tooOld',
  spam: 'timeline.ackReason.spam',
  handled: 'timeline.ackReason.handled',
  automatic: 'timeline.ackReason.automatic',
  list: 'timeline.ackReason.list',
  bulk: 'timeline.ackReason.bulk',
  'asked-none': 'timeline.ackReason.askedNone',
  'no-return-path': 'timeline.ackReason.noReturnPath',
  'not-a-person': 'timeline.ackReason.notAPerson',
  limit: 'timeline.ackReason.limit',
  gone: 'timeline.ackReason.gone',
  'template-gone': 'timeline.ackReason.templateGone',
  unfillable: 'timeline.ackReason.unfillable',
  refused: 'timeline.ackReason.refused',
  unreachable: 'timeline.ackReason.unreachable',
};
