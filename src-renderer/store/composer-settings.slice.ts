/**
 * The settings area of replying: which section is open, and one typed door
 * to core's compose methods for the editors there (templates, signatures,
 * branding, sending, audits), which keep their own form state.
 */
import type { ComposeMethods, DeskApi, DeskParams, DeskResult, Result } from '../../src-preload/api.ts';
import type { DeskSlice } from './slice.ts';

export type SettingsSection = 'templates' | 'signatures' | 'branding' | 'sending' | 'audit';

export interface ComposerSettingsSlice {
  /** Null: settings are closed. */
  settingsSection: SettingsSection | null;
  /** Bumped on `changed` 'templates' events so open lists re-read. */
  templatesVersion: number;
  openSettings(section: SettingsSection): void;
  closeSettings(): void;
  composeCall<M extends keyof ComposeMethods>(method: M, params: DeskParams<M>): Promise<Result<DeskResult<M>>>;
}

export function createComposerSettingsSlice(api: DeskApi): DeskSlice<ComposerSettingsSlice> {
  return (set) => ({
    settingsSection: null,
    templatesVersion: 0,

    openSettings(section) {
      set({ settingsSection: section });
    },

    closeSettings() {
      set({ settingsSection: null });
    },

    composeCall(method, params) {
      return api.call(method, params);
    },
  });
}
