import { useEffect } from 'react';
import type { Draft } from '../../../src-preload/api.ts';
import { useDesk, useDeskStore } from '../../store/store-context.tsx';
import { Composer } from './composer.tsx';

/**
 * The composer under a conversation in the reading view. A draft belongs to
 * its conversation: opening another conversation saves and puts the draft
 * away, and coming back resumes it, so the agent never loses their place.
 */
export function ComposerSlot({ conversationId }: { conversationId: number }) {
  const store = useDeskStore();
  const session = useDesk((s) => (s.composer?.draft.conversationId === conversationId ? s.composer : null));

  useEffect(() => {
    const state = store.getState();
    const current = state.composer;
    if (current?.draft.conversationId === conversationId) return;
    // A reply to another conversation is put away (saved); a new mail without a conversation stays open in its dock.
    if (current && current.draft.conversationId !== null) void state.closeComposer();
    let stale = false;
    void state.composeCall('drafts.list', { conversationId }).then((result) => {
      if (stale || !result.ok) return;
      const draft: Draft | undefined = result.value[0];
      const now = store.getState();
      if (!draft || now.composer !== null || now.opened?.id !== conversationId) return;
      // Resumed quietly: the focus stays where the agent is working (j/k keep moving through the list).
      now.resumeDraft(draft, false);
    });
    return () => {
      stale = true;
    };
  }, [conversationId, store]);

  if (!session) return null;
  return <Composer session={session} placement="inline" />;
}
