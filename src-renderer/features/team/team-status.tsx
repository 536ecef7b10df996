import { useState } from 'react';
import type { TeamHealth } from '../../../src-preload/api.ts';
import { useTick } from '../../app/use-tick.ts';
import { formatSince } from '../../i18n/format.ts';
import { say, t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { TeamSettingsDialog } from './team-settings-dialog.tsx';
import './team-status.css';

function stateText(health: TeamHealth): string {
  switch (health.state) {
    case 'disabled':
      return t('teamSync.disabled');
    case 'connecting':
      return t('teamSync.connecting');
    case 'connected':
      return t('teamSync.connected');
    case 'offline':
      return t('teamSync.offline');
    case 'locked':
      return t('teamSync.locked');
  }
}

/**
 * The team line of the sidebar: whether this desktop is in step with its
 * colleagues, when it last heard from them and what it still has to send —
 * offline work is safe, and the agent should be able to see that it is.
 */
export function TeamStatus() {
  const health = useDesk((s) => s.teamHealth);
  const demoOnly = useDesk((s) => s.accounts.length > 0 && s.accounts.every((a) => a.kind === 'demo'));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const now = useTick(30_000);
  if (!health || demoOnly) return null;
  return (
    <div className={`team-status team-${health.state}`} data-testid="team-status" data-state={health.state} role="status">
      <span className="health-line">
        <span className="health-dot" aria-hidden="true" />
        {stateText(health)}
      </span>
      {health.state !== 'disabled' && (
        <span className="team-heard" data-testid="team-last-heard">
          {health.lastHeardAt === null ? t('teamSync.neverHeard') : t('teamSync.lastHeard', { when: formatSince(health.lastHeardAt, now) })}
        </span>
      )}
      {health.pendingOps > 0 && <span className="team-pending" data-testid="team-pending">{t('teamSync.pending', { count: health.pendingOps })}</span>}
      {health.problem && <span className="account-error" data-testid="team-problem">{say(health.problem)}</span>}
      <button type="button" className="link-button" data-testid="team-settings-open" onClick={() => setSettingsOpen(true)}>
        {t('teamSync.settings')}
      </button>
      <TeamSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
