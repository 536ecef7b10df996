/** What the "To send" drawer says about an item, in words. */
import type { OutboxItem, OutboxState } from '../../../src-preload/api.ts';
import { say, t, type MessageKey } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';

export const STATE_LABEL: Record<OutboxState, MessageKey> = {
  'undo-window': 'outbox.stateUndo',
  scheduled: 'outbox.stateScheduled',
  sending: 'outbox.stateSending',
  sent: 'outbox.stateSent',
  failed: 'outbox.stateFailed',
  cancelled: 'outbox.stateCancelled',
};

/** The order of the drawer's sections: what needs the agent first. */
export const STATE_ORDER: OutboxState[] = ['failed', 'undo-window', 'sending', 'scheduled'];

export function whenText(item: OutboxItem, now: number): string {
  switch (item.state) {
    case 'undo-window':
      return t('outbox.sendsIn', { count: Math.max(0, Math.ceil((item.sendAt - now) / 1000)) });
    case 'scheduled':
      return t('outbox.sendsAt', { time: formatFullDate(item.sendAt) });
    case 'sending':
      return t('outbox.sendingNow');
    case 'failed':
      return item.problem ? say(item.problem) : t('outbox.failedUnknown');
    default:
      return formatFullDate(item.sendAt);
  }
}

/** Items the agent can still act on: the drawer's count. */
export function pendingCount(items: OutboxItem[]): number {
  return items.filter((i) => STATE_ORDER.includes(i.state)).length;
}
