/**
 * Which triage dialog is up: a picker (assign, snooze, tag, ...) with the
 * conversations it will act on, the command palette, the settings, the agent
 * identity dialog. Targets are taken when the picker opens, so moving the
 * list underneath cannot change what the choice applies to.
 */
import { t } from '../i18n/i18n.ts';
import type { DeskSlice } from './slice.ts';

export type PickerKind = 'assign' | 'snooze' | 'tag' | 'priority' | 'status' | 'deadline' | 'forward' | 'share';

export interface PickerState {
  kind: PickerKind;
  ids: number[];
}

export interface TriageUiSlice {
  picker: PickerState | null;
  paletteOpen: boolean;
  settingsOpen: boolean;
  agentDialogOpen: boolean;
  callFormOpen: boolean;
  /** The conversation the Delegate dialog hands outside the desk, when it is open. */
  delegateFor: number | null;
  /** Bumped to ask the note box to take the focus. */
  noteFocusRequest: number;
  /** For the checked or selected conversations, or for `ids` (the triage bar names the open one). */
  openPicker(kind: PickerKind, ids?: number[]): void;
  closePicker(): void;
  setPaletteOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  setAgentDialogOpen(open: boolean): void;
  setCallFormOpen(open: boolean): void;
  setDelegateFor(conversationId: number | null): void;
  requestNoteFocus(): void;
}

export function createTriageUiSlice(): DeskSlice<TriageUiSlice> {
  return (set, get) => ({
    picker: null,
    paletteOpen: false,
    settingsOpen: false,
    agentDialogOpen: false,
    callFormOpen: false,
    delegateFor: null,
    noteFocusRequest: 0,

    openPicker(kind, only) {
      const ids = only ?? get().triageTargets();
      if (ids.length === 0) {
        get().showNotice(t('triage.nothingSelected'));
        return;
      }
      // Forward and share name one colleague about one conversation: the open one.
      const single = kind === 'forward' || kind === 'share';
      set({ picker: { kind, ids: single ? ids.slice(0, 1) : ids }, paletteOpen: false });
    },

    closePicker() {
      set({ picker: null });
    },

    setPaletteOpen(open) {
      set({ paletteOpen: open, helpOpen: false });
    },

    setSettingsOpen(open) {
      set({ settingsOpen: open, paletteOpen: false });
    },

    setAgentDialogOpen(open) {
      set({ agentDialogOpen: open, paletteOpen: false });
    },

    setCallFormOpen(open) {
      set({ callFormOpen: open, paletteOpen: false });
    },

    setDelegateFor(conversationId) {
      set({ delegateFor: conversationId, paletteOpen: false });
    },

    requestNoteFocus() {
      set((state) => ({ noteFocusRequest: state.noteFocusRequest + 1, paletteOpen: false }));
    },
  });
}
