import { useEffect, useRef } from 'react';
import { useDesk } from '../../store/store-context.tsx';

type Activity = 'viewing' | 'replying';

/**
 * The presence colleagues see on a conversation on screen: `activity` while
 * reading it, 'replying' while this desktop's composer is open on it.
 *
 * Why only changes are sent: the activity slice already starts the
 * 'viewing' lease when a conversation opens and ends it when it closes
 * (`followOpened`), and every `presence.set` is a team op; this hook adds
 * the step up to 'replying' and the step back, and nothing else.
 */
export function useConversationPresence(conversationId: number, activity: Activity): void {
  const replying = useDesk((s) => s.composer !== null && s.composer.draft.conversationId === conversationId);
  const setPresence = useDesk((s) => s.setPresence);
  const effective: Activity = replying ? 'replying' : activity;
  const sent = useRef<Activity>('viewing');
  useEffect(() => {
    if (sent.current === effective) return;
    sent.current = effective;
    setPresence(conversationId, effective);
  }, [conversationId, effective, setPresence]);
}
