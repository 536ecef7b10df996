/**
 * Newest first or oldest first, for drawers: an agent working a queue in turn
 * wants who has waited longest at the top. Alerts stay first either way (core
 * orders them so). Folders and searches keep their own order, so the choice
 * is offered only on a drawer.
 */
import { useShallow } from 'zustand/react/shallow';
import type { DrawerOrder } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

export function DrawerOrderChoice() {
  const { order, setOrder } = useDesk(useShallow((s) => ({ order: s.drawerOrder, setOrder: s.setDrawerOrder })));
  return (
    <select
      className="list-order"
      data-testid="list-order"
      aria-label={t('list.order')}
      title={t('list.orderHint')}
      value={order}
      onChange={(e) => setOrder(e.target.value === 'oldest' ? 'oldest' : 'newest')}
    >
      {(['newest', 'oldest'] as const satisfies readonly DrawerOrder[]).map((o) => (
        <option key={o} value={o}>{t(o === 'newest' ? 'list.orderNewest' : 'list.orderOldest')}</option>
      ))}
    </select>
  );
}
