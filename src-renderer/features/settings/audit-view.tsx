import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditOutcome, DeskError, IncomingAuditRow, IncomingDisposition, OutgoingAuditRow, Page, Result } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { formatFullDate, formatListDate } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';

const PAGE = 50;

const OUTCOME: Record<AuditOutcome, MessageKey> = {
  queued: 'audit.queued',
  sent: 'audit.sent',
  failed: 'audit.failed',
  bounced: 'audit.bounced',
  cancelled: 'audit.cancelled',
};

const DISPOSITION: Record<IncomingDisposition, MessageKey> = {
  'new-conversation': 'audit.newConversation',
  'added-to-conversation': 'audit.addedToConversation',
  spam: 'audit.spam',
  'blocked-contact': 'audit.blockedContact',
  'auto-reply': 'audit.autoReply',
  bounce: 'audit.bounce',
  duplicate: 'audit.duplicate',
};

/**
 * Keyset pages of one audit: the first page is re-read when the outbox
 * changes (so a send shows up as it happens); "Load more" follows the cursor.
 */
function useAuditPages<T extends { id: number }>(load: (cursor: string | null) => Promise<Result<Page<T>>>, version: number) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    void load(null).then((result) => {
      if (mine !== generation.current) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setRows(result.value.items);
      setCursor(result.value.nextCursor);
    });
  }, [load, version]);

  const more = useCallback(async () => {
    if (cursor === null) return;
    const mine = generation.current;
    setLoading(true);
    const result = await load(cursor);
    if (mine !== generation.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setRows((r) => {
      const seen = new Set(r.map((x) => x.id));
      return [...r, ...result.value.items.filter((x) => !seen.has(x.id))];
    });
    setCursor(result.value.nextCursor);
  }, [cursor, load]);

  return { rows, error, loading, hasMore: cursor !== null, more };
}

function OpenConversation({ id, label }: { id: number | null; label: string }) {
  const openConversation = useDesk((s) => s.openConversation);
  const close = useDesk((s) => s.closeSettings);
  if (id === null) return <>{label}</>;
  return (
    <button type="button" className="link-button" onClick={() => {
      close();
      void openConversation(id);
    }}>
      {label}
    </button>
  );
}

function OutgoingTable() {
  const composeCall = useDesk((s) => s.composeCall);
  const version = useDesk((s) => s.outboxVersion);
  const load = useCallback((cursor: string | null) => composeCall('audit.outgoing', { cursor, limit: PAGE }), [composeCall]);
  const { rows, error, loading, hasMore, more } = useAuditPages<OutgoingAuditRow>(load, version);
  return (
    <>
      {error && <ErrorNote error={error} />}
      <table className="audit-table" data-testid="audit-outgoing" aria-busy={loading}>
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.outcome')}</th>
            <th>{t('audit.to')}</th>
            <th>{t('audit.subject')}</th>
            <th>{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-outgoing-row" data-outcome={row.outcome} data-message-id={row.messageId}>
              <td title={formatFullDate(row.at)}>{formatListDate(row.at)}</td>
              <td><span className={`audit-outcome outcome-${row.outcome}`}>{t(OUTCOME[row.outcome])}</span></td>
              <td className="audit-wrap">{row.to.join(', ')}</td>
              <td className="audit-wrap"><OpenConversation id={row.conversationId} label={row.subject.trim() || t('message.noSubject')} /></td>
              <td className="audit-wrap">
                {/* Core's English on purpose: the audit is the record of what happened, written once and read next to
                    core.log and the server's answer (outgoing-audit.ts). The drawer and notifications say it translated. */}
                {row.reason && <p>{row.reason}</p>}
                {row.bounce && (
                  <p className="audit-bounce">
                    {t('audit.bounceFor', { recipients: row.bounce.recipients.join(', ') })}
                    {' '}
                    <span className="muted">{row.bounce.diagnostic}</span>
                  </p>
                )}
                {row.smtpResponse && <code className="audit-smtp" title={t('audit.smtpAnswer')}>{row.smtpResponse}</code>}
                <span className="audit-message-id muted">{row.messageId}</span>
              </td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">{t('audit.emptyOutgoing')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {hasMore && <button type="button" className="button button-small" disabled={loading} onClick={() => void more()}>{t('audit.more')}</button>}
    </>
  );
}

function IncomingTable() {
  const composeCall = useDesk((s) => s.composeCall);
  const version = useDesk((s) => s.outboxVersion);
  const load = useCallback((cursor: string | null) => composeCall('audit.incoming', { cursor, limit: PAGE }), [composeCall]);
  const { rows, error, loading, hasMore, more } = useAuditPages<IncomingAuditRow>(load, version);
  return (
    <>
      {error && <ErrorNote error={error} />}
      <table className="audit-table" data-testid="audit-incoming" aria-busy={loading}>
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.from')}</th>
            <th>{t('audit.subject')}</th>
            <th>{t('audit.whatHappened')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-incoming-row" data-disposition={row.disposition}>
              <td title={formatFullDate(row.at)}>{formatListDate(row.at)}</td>
              <td className="audit-wrap">{row.from}</td>
              <td className="audit-wrap">{row.subject.trim() || t('message.noSubject')}</td>
              <td>
                <span className={`audit-outcome disposition-${row.disposition}`}>{t(DISPOSITION[row.disposition])}</span>
                {row.ticket && <> <OpenConversation id={row.conversationId} label={`#${row.ticket}`} /></>}
              </td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">{t('audit.emptyIncoming')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {hasMore && <button type="button" className="button button-small" disabled={loading} onClick={() => void more()}>{t('audit.more')}</button>}
    </>
  );
}

/** What happened to every mail sent and received, for when a customer says "I never got it". */
export function AuditView() {
  const [tab, setTab] = useState<'outgoing' | 'incoming'>('outgoing');
  return (
    <div className="reply-settings-section audit-view">
      <header className="reply-settings-section-header">
        <h3>{t('settings.audit')}</h3>
        <p className="muted">{t('audit.lead')}</p>
      </header>
      <div className="audit-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'outgoing'} className={`audit-tab${tab === 'outgoing' ? ' is-active' : ''}`} data-testid="audit-tab-outgoing" onClick={() => setTab('outgoing')}>
          {t('audit.outgoing')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'incoming'} className={`audit-tab${tab === 'incoming' ? ' is-active' : ''}`} data-testid="audit-tab-incoming" onClick={() => setTab('incoming')}>
          {t('audit.incoming')}
        </button>
      </div>
      <div className="audit-scroll">{tab === 'outgoing' ? <OutgoingTable /> : <IncomingTable />}</div>
    </div>
  );
}
