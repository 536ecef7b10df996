import { useShallow } from 'zustand/react/shallow';
import type { ConversationTriage } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { memberOf } from '../../store/team-members.ts';
import { dueText } from './due-text.ts';
import { AlertMark, AssigneeAvatar } from './row-badges.tsx';
import { presenceText, PRIORITY_LABEL, SLA_LABEL, statusLabel } from './triage-labels.ts';

/**
 * The open conversation's team state, each part a button that opens its
 * picker (the same as its key): status, assignee, priority, tags, deadline,
 * snooze; then the SLA timer and the alert with its reasons.
 */
export function TriageBar({ conversationId, data }: { conversationId: number; data: ConversationTriage | null }) {
  const { openPicker, applyTriage, directory, settings } = useDesk(
    useShallow((s) => ({ openPicker: s.openPicker, applyTriage: s.applyTriage, directory: s.directory, settings: s.triageSettings })),
  );
  if (!data) return <div className="triage-bar is-loading" aria-busy="true" />;
  const state = data.triage;
  const now = Date.now();
  const ids = [conversationId];
  const snoozed = state.snoozedUntil !== null && state.snoozedUntil > now;
  return (
    <div className="triage-bar" role="group" aria-label={t('triageBar.label')} data-testid="triage-bar" data-status={state.status}>
      <button type="button" className={`chip status-pill status-${state.status}`} data-testid="triage-status" title={t('triageBar.statusHint')} onClick={() => openPicker('status', ids)}>
        {statusLabel(state.status, settings)}
      </button>
      <button type="button" className="chip" data-testid="triage-assignee" title={t('triageBar.assignHint')} onClick={() => openPicker('assign', ids)}>
        {state.assignee ? (
          <>
            <AssigneeAvatar directory={directory} assignee={state.assignee} />
            {memberOf(directory, state.assignee).name}
          </>
        ) : t('triageBar.unassigned')}
      </button>
      <button type="button" className={`chip priority-${state.priority}`} data-testid="triage-priority" title={t('triageBar.priorityHint')} onClick={() => openPicker('priority', ids)}>
        {t(PRIORITY_LABEL[state.priority])}
      </button>
      {state.tags.map((tag) => (
        <span key={tag} className="chip tag-chip" data-testid="triage-tag">
          #{tag}
          <button type="button" className="chip-remove" aria-label={t('triageBar.removeTag', { tag })} onClick={() => void applyTriage({ kind: 'tags', add: [], remove: [tag] }, ids)}>×</button>
        </span>
      ))}
      <button type="button" className="chip chip-quiet" data-testid="triage-add-tag" title="t" onClick={() => openPicker('tag', ids)}>{t('triageBar.addTag')}</button>
      <button type="button" className="chip chip-quiet" data-testid="triage-deadline" onClick={() => openPicker('deadline', ids)}>
        {state.deadline !== null ? t('badge.deadline', { when: dueText(state.deadline, now).text }) : t('triageBar.setDeadline')}
      </button>
      {snoozed && state.snoozedUntil !== null ? (
        <span className="chip is-snoozed" data-testid="triage-snoozed" title={formatFullDate(state.snoozedUntil)}>
          {t('badge.snoozed', { when: dueText(state.snoozedUntil, now).text })}
          <button type="button" className="chip-remove" aria-label={t('triageBar.unsnooze')} onClick={() => void applyTriage({ kind: 'unsnooze' }, ids)}>×</button>
        </span>
      ) : (
        <button type="button" className="chip chip-quiet" data-testid="triage-snooze" title="s" onClick={() => openPicker('snooze', ids)}>{t('triageBar.snooze')}</button>
      )}
      <button
        type="button"
        className={`chip ${state.following ? 'is-following' : 'chip-quiet'}`}
        data-testid="triage-follow"
        aria-pressed={state.following}
        title={`${t(state.following ? 'triageBar.followingHint' : 'triageBar.followHint')} (w)`}
        onClick={() => void applyTriage({ kind: 'follow', follow: !state.following }, ids)}
      >
        {t(state.following ? 'triageBar.following' : 'triageBar.follow')}
      </button>
      {state.sla && (
        <span className={`timer-badge${state.sla.overdue ? ' is-overdue' : ''}`} title={formatFullDate(state.sla.dueAt)}>
          {t(SLA_LABEL[state.sla.kind])} {dueText(state.sla.dueAt, now).text}
        </span>
      )}
      {state.alert && <AlertMark alert={state.alert} />}
      {state.presence.map((p) => (
        <span key={p.agent} className="presence-badge" data-testid="presence-badge" style={{ color: p.colour }}>{presenceText(p, now)}</span>
      ))}
    </div>
  );
}
