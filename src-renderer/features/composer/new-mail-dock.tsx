import { useDesk } from '../../store/store-context.tsx';
import { Composer } from './composer.tsx';

/** A new conversation has no conversation to sit under: it is written in a panel docked over the workspace. */
export function NewMailDock() {
  const session = useDesk((s) => (s.composer && s.composer.draft.conversationId === null ? s.composer : null));
  if (!session) return null;
  return (
    <div className="new-mail-dock">
      <Composer session={session} placement="dock" />
    </div>
  );
}
