/**
 * The team report: what came in, what the team sent and resolved, and how
 * long new customers waited for a first answer, today or over the last 7 or
 * 30 days, for the mailbox the list shows (or all). Core computes it from
 * the shared cache (triage/team-report.ts); this only lays it out.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TeamReport } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { formatCount } from '../../i18n/format.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import type { ReportPeriod } from '../../store/report.slice.ts';
import { useDesk } from '../../store/store-context.tsx';
import { shortDuration } from '../triage/due-text.ts';
import './report.css';

const PERIODS: { period: ReportPeriod; label: MessageKey }[] = [
  { period: 'today', label: 'report.today' },
  { period: 'week', label: 'report.week' },
  { period: 'month', label: 'report.month' },
];

function Figure({ label, value, detail, testId }: { label: MessageKey; value: string; detail?: string; testId: string }) {
  return (
    <div className="report-figure" data-testid={testId}>
      <span className="report-value" data-testid={`${testId}-value`}>{value}</span>
      <span className="report-label">{t(label)}</span>
      {detail && <span className="report-detail muted">{detail}</span>}
    </div>
  );
}

function Figures({ report }: { report: TeamReport }) {
  const first = report.firstReply;
  return (
    <>
      <div className="report-figures">
        <Figure testId="report-new" label="report.newConversations" value={formatCount(report.newConversations)} />
        <Figure testId="report-received" label="report.customerMessages" value={formatCount(report.customerMessages)} />
        <Figure testId="report-replies" label="report.replies" value={formatCount(report.replies)} />
        <Figure testId="report-resolved" label="report.resolved" value={formatCount(report.resolved)} />
        <Figure
          testId="report-first-reply"
          label="report.firstReply"
          value={first.medianMs === null ? '–' : shortDuration(first.medianMs)}
          detail={t('report.firstReplyDetail', { answered: formatCount(first.answered), waiting: formatCount(first.waiting) })}
        />
      </div>
      <table className="report-agents" data-testid="report-agents">
        <thead>
          <tr>
            <th scope="col">{t('report.agent')}</th>
            <th scope="col">{t('report.agentReplies')}</th>
            <th scope="col">{t('report.agentResolved')}</th>
          </tr>
        </thead>
        <tbody>
          {report.agents.map((a) => (
            <tr key={a.agent} data-testid="report-agent">
              <th scope="row">{a.name}</th>
              <td>{formatCount(a.replies)}</td>
              <td>{formatCount(a.resolved)}</td>
            </tr>
          ))}
          {report.agents.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">{t('report.noAgents')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {report.unattributedReplies > 0 && <p className="report-note muted" data-testid="report-unattributed">{t('report.unattributed', { count: report.unattributedReplies })}</p>}
    </>
  );
}

export function TeamReportDialog() {
  const titleId = useId();
  const { open, period, report, error, loading, setOpen, load, scopeName } = useDesk(
    useShallow((s) => ({
      open: s.reportOpen,
      period: s.reportPeriod,
      report: s.report,
      error: s.reportError,
      loading: s.reportLoading,
      setOpen: s.setReportOpen,
      load: s.loadReport,
      scopeName: s.scopeAccountId === null ? null : (s.accounts.find((a) => a.id === s.scopeAccountId)?.name ?? null),
    })),
  );
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setOpen(false)} className="team-report">
      <div className="modal-body" data-testid="team-report">
        <h2 id={titleId} className="modal-title">
          {t('report.title')}
          <span className="report-scope muted">{scopeName ?? t('report.allMailboxes')}</span>
        </h2>
        <div className="report-periods" role="group" aria-label={t('report.period')}>
          {PERIODS.map((p) => (
            <button key={p.period} type="button" className={`chip${p.period === period ? ' is-active' : ''}`} aria-pressed={p.period === period} data-testid={`report-period-${p.period}`} onClick={() => void load(p.period)}>
              {t(p.label)}
            </button>
          ))}
        </div>
        <div aria-busy={loading} aria-live="polite">
          {error ? (
            <p className="field-error" role="alert">{t('report.failed', { reason: describeError(error) })}</p>
          ) : report ? (
            <div className={loading ? 'is-stale' : undefined}>
              <Figures report={report} />
            </div>
          ) : (
            <p className="muted">{t('common.working')}</p>
          )}
        </div>
        <p className="report-note muted">{t('report.howCounted')}</p>
        <div className="modal-actions">
          <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>{t('common.close')}</button>
        </div>
      </div>
    </Modal>
  );
}
