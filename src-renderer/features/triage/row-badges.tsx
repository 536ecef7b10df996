import type { AlertBadge, TeamDirectory, TriageSettings, TriageState } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { memberOf } from '../../store/team-members.ts';
import { initials } from '../../store/triage-optimistic.ts';
import { dueText } from './due-text.ts';
import { presenceText, PRIORITY_LABEL, SLA_LABEL, statusLabel } from './triage-labels.ts';

const MAX_TAGS = 3;

export function AlertMark({ alert }: { alert: AlertBadge }) {
  const why = t('badge.alertWhy', { reasons: alert.reasons.join(', ') });
  return (
    <span className="alert-mark" role="img" data-testid="badge-alert" aria-label={why} title={why}>!</span>
  );
}

export function AssigneeAvatar({ directory, assignee }: { directory: TeamDirectory | null; assignee: string }) {
  const member = memberOf(directory, assignee);
  const label = t('badge.assignedTo', { name: member.name });
  return (
    <span className="assignee-avatar" style={{ background: member.colour }} role="img" aria-label={label} title={label} data-testid="badge-assignee" data-assignee={assignee}>
      {initials(member.name)}
    </span>
  );
}

interface RowBadgesProps {
  triage: TriageState;
  directory: TeamDirectory | null;
  settings: TriageSettings | null;
  now: number;
}

/** The badge line of a drawer row: status, priority, timers, tags, presence, assignee. */
export function RowBadges({ triage, directory, settings, now }: RowBadgesProps) {
  const sla = triage.sla ? dueText(triage.sla.dueAt, now) : null;
  const deadline = triage.deadline !== null ? dueText(triage.deadline, now) : null;
  const snoozed = triage.snoozedUntil !== null && triage.snoozedUntil > now;
  const tags = triage.tags.slice(0, MAX_TAGS);
  const presence = triage.presence[0];
  return (
    <div className="row-badges">
      <span className={`status-pill status-${triage.status}`} data-testid="badge-status" data-status={triage.status}>{statusLabel(triage.status, settings)}</span>
      {triage.priority !== 'normal' && (
        <span className={`priority-pill priority-${triage.priority}`} data-testid="badge-priority" data-priority={triage.priority}>{t(PRIORITY_LABEL[triage.priority])}</span>
      )}
      {triage.sla && sla && (
        <span
          className={`timer-badge${triage.sla.overdue || sla.overdue ? ' is-overdue' : ''}`}
          data-testid="badge-sla"
          title={`${t(SLA_LABEL[triage.sla.kind])}: ${formatFullDate(triage.sla.dueAt)}`}
        >
          {t(SLA_LABEL[triage.sla.kind])} {sla.text}
        </span>
      )}
      {deadline && triage.deadline !== null && (
        <span className={`timer-badge${deadline.overdue ? ' is-overdue' : ''}`} data-testid="badge-deadline" title={formatFullDate(triage.deadline)}>
          {t('badge.deadline', { when: deadline.text })}
        </span>
      )}
      {snoozed && triage.snoozedUntil !== null && (
        <span className="timer-badge is-snoozed" data-testid="badge-snoozed" title={formatFullDate(triage.snoozedUntil)}>
          {t('badge.snoozed', { when: dueText(triage.snoozedUntil, now).text })}
        </span>
      )}
      {tags.map((tag) => <span key={tag} className="tag-chip" data-testid="badge-tag">#{tag}</span>)}
      {triage.tags.length > MAX_TAGS && <span className="tag-chip tag-more">+{triage.tags.length - MAX_TAGS}</span>}
      <span className="row-badges-spacer" />
      {presence && (
        <span className="presence-badge" data-testid="badge-presence" style={{ color: presence.colour }} title={presenceText(presence, now)}>
          {presenceText(presence, now, true)}
        </span>
      )}
      {triage.assignee && <AssigneeAvatar directory={directory} assignee={triage.assignee} />}
    </div>
  );
}
