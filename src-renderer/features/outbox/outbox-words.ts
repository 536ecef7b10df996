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

/** The label of an item's state: a failed item that will be tried again is waiting, not failed. */
export function stateLabel(item: OutboxItem): MessageKey {
  return item.state === 'failed' && item.retryAt !== null ? 'outbox.stateRetrying' : STATE_LABEL[item.state];
}

/** Whether the agent has to act: the item failed for good. */
export const needsAgent = (item: OutboxItem): boolean => item.state === 'failed' && item.retryAt === null;

/** The order of the drawer's states: what needs the agent first. */
export const STATE_ORDER: OutboxState[] = ['failed', 'undo-window', 'sending', 'scheduled'];

/** The drawer's sections: failed for good first, then what waits to be tried again, then the rest by state. */
export type OutboxSection = 'failed' | 'retrying' | 'undo-window' | 'sending' | 'scheduled';
export const SECTION_ORDER: OutboxSection[] = ['failed', 'retrying', 'undo-window', 'sending', 'scheduled'];
export const SECTION_LABEL: Record<OutboxSection, MessageKey> = {
  failed: 'outbox.stateFailed',
  retrying: 'outbox.stateRetrying',
  'undo-window': 'outbox.stateUndo',
  sending: 'outbox.stateSending',
  scheduled: 'outbox.stateScheduled',
};

export function sectionOf(item: OutboxItem): OutboxSection | null {
  if (item.state === 'failed') return item.retryAt === null ? 'failed' : 'retrying';
  return item.state === 'undo-window' || item.state === 'sending' || item.state === 'scheduled' ? item.state : null;
}

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
