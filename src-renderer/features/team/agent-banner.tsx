import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

/**
 * First run on this desktop: nobody has said who works here yet. A quiet
 * note in the sidebar, never a dialog in the way; "Mine" and "assign to me"
 * need it, everything else works without.
 */
export function AgentBanner() {
  const { directory, setAgentDialogOpen } = useDesk(useShallow((s) => ({ directory: s.directory, setAgentDialogOpen: s.setAgentDialogOpen })));
  if (!directory || directory.me) return null;
  return (
    <div className="agent-banner" data-testid="agent-banner" role="note">
      <p>{t('agent.bannerText')}</p>
      <button type="button" className="button button-small" data-testid="agent-banner-open" onClick={() => setAgentDialogOpen(true)}>
        {t('agent.bannerAction')}
      </button>
    </div>
  );
}
