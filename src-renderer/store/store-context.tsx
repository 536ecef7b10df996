import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskState, DeskStore } from './desk-store.ts';

const StoreContext = createContext<DeskStore | null>(null);

export function DeskStoreProvider({ store, children }: { store: DeskStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

/** The store itself, for handlers that read state at event time rather than render time. */
export function useDeskStore(): DeskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('The desk store is used outside <DeskStoreProvider>');
  return store;
}

/** Select from the desk store. Selectors returning new objects need `useShallow`. */
export function useDesk<T>(selector: (state: DeskState) => T): T {
  return useStore(useDeskStore(), selector);
}
