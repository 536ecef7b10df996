/**
 * The triage side of the open conversation (`triage.get`): its state for the
 * triage bar and its activity (notes, calls, events) for the timeline; adding
 * notes and calls; and the "viewing" presence lease colleagues see.
 *
 * Invariants: only the answer for the conversation still open may write;
 * reloads after change events keep what is shown while they run; the lease
 * is renewed while the conversation stays open and ended when it closes.
 */
import type { ActivityItem, ConversationTriage, DeskApi, DeskError, Result, TriageState } from '../../src-preload/api.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';

/** Presence leases last longer than this, so renewing at this pace never lets one lapse. */
const PRESENCE_RENEW_MS = 30_000;

export interface OpenedTriage {
  id: number;
  status: 'loading' | 'ready' | 'error';
  data: ConversationTriage | null;
  error: DeskError | null;
}

export interface ActivitySlice {
  openedTriage: OpenedTriage | null;
  /** Follows `opened`: loads the triage side and moves the presence lease. */
  followOpened(id: number | null): void;
  reloadOpenedTriage(): Promise<void>;
  patchOpenedTriage(id: number, change: (state: TriageState) => TriageState): void;
  addNote(conversationId: number, markdown: string): Promise<Result<ActivityItem>>;
  logCall(conversationId: number, direction: 'inbound' | 'outbound', minutes: number, summary: string): Promise<Result<ActivityItem>>;
  /** The agent's own note, rewritten (core refuses a colleague's). */
  editNote(conversationId: number, noteId: string, markdown: string): Promise<Result<ActivityItem>>;
  /** The agent's own note or call log, deleted for the whole team. */
  deleteNote(conversationId: number, noteId: string): Promise<Result<null>>;
}

export function createActivitySlice(api: DeskApi): DeskSlice<ActivitySlice> {
  let presenceTimer: ReturnType<typeof setInterval> | null = null;
  let presenceId: number | null = null;

  /**
   * The lease lives as long as this window renews it (core does not renew on
   * its own), so a closed tab or a crashed renderer leaves no ghost "viewing".
   * `replying()` keeps a renewal from turning an open composer back into "viewing".
   */
  function movePresence(id: number | null, replying: (id: number) => boolean): void {
    if (presenceId === id) return;
    // Presence is a courtesy to colleagues: a desktop without team sync answers with an error, which changes nothing here.
    if (presenceId !== null) void api.call('presence.set', { conversationId: presenceId, activity: null });
    if (presenceTimer) clearInterval(presenceTimer);
    presenceTimer = null;
    presenceId = id;
    if (id === null) return;
    const renew = (): void => void api.call('presence.set', { conversationId: id, activity: replying(id) ? 'replying' : 'viewing' });
    renew();
    presenceTimer = setInterval(renew, PRESENCE_RENEW_MS);
  }

  return (set, get) => {
    async function load(id: number, quiet: boolean): Promise<void> {
      if (!quiet) set({ openedTriage: { id, status: 'loading', data: null, error: null } });
      const result = await api.call('triage.get', { conversationId: id });
      if (get().openedTriage?.id !== id) return;
      if (result.ok) set({ openedTriage: { id, status: 'ready', data: result.value, error: null } });
      else if (!quiet || get().openedTriage?.status !== 'ready') set({ openedTriage: { id, status: 'error', data: null, error: result.error } });
    }

    function appendActivity(conversationId: number, item: ActivityItem): void {
      set((state) => {
        const opened = state.openedTriage;
        if (opened?.id !== conversationId || !opened.data || opened.data.activity.some((a) => a.id === item.id)) return {};
        return { openedTriage: { ...opened, data: { ...opened.data, activity: [...opened.data.activity, item] } } };
      });
    }

    function changeActivity(conversationId: number, change: (items: ActivityItem[]) => ActivityItem[]): void {
      set((state) => {
        const opened = state.openedTriage;
        if (opened?.id !== conversationId || !opened.data) return {};
        return { openedTriage: { ...opened, data: { ...opened.data, activity: change(opened.data.activity) } } };
      });
    }

    return {
      openedTriage: null,

      followOpened(id) {
        movePresence(id, (conversationId) => get().composer?.draft.conversationId === conversationId);
        if (id === null) {
          set({ openedTriage: null });
          return;
        }
        if (get().openedTriage?.id !== id) void load(id, false);
      },

      reloadOpenedTriage: coalesce(async () => {
        const id = get().openedTriage?.id;
        if (id !== undefined) await load(id, true);
      }),

      patchOpenedTriage(id, change) {
        set((state) => {
          const opened = state.openedTriage;
          if (opened?.id !== id || !opened.data) return {};
          return { openedTriage: { ...opened, data: { ...opened.data, triage: change(opened.data.triage) } } };
        });
      },

      async addNote(conversationId, markdown) {
        const result = await api.call('notes.add', { conversationId, markdown });
        if (result.ok) appendActivity(conversationId, result.value);
        return result;
      },

      async editNote(conversationId, noteId, markdown) {
        const result = await api.call('notes.edit', { conversationId, noteId, markdown });
        if (result.ok) changeActivity(conversationId, (items) => items.map((a) => (a.id === noteId ? result.value : a)));
        return result;
      },

      async deleteNote(conversationId, noteId) {
        const result = await api.call('notes.delete', { conversationId, noteId });
        if (result.ok) changeActivity(conversationId, (items) => items.filter((a) => a.id !== noteId));
        return result;
      },

      async logCall(conversationId, direction, minutes, summary) {
        const result = await api.call('notes.logCall', { conversationId, direction, minutes, summary });
        if (result.ok) appendActivity(conversationId, result.value);
        return result;
      },
    };
  };
}
