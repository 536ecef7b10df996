import type { StateCreator } from 'zustand';
import type { AccountsSlice } from './accounts.slice.ts';
import type { AppSlice } from './app.slice.ts';
import type { ContactsSlice } from './contacts.slice.ts';
import type { ConversationListSlice } from './conversation-list.slice.ts';
import type { FoldersSlice } from './folders.slice.ts';
import type { ReadingSlice } from './reading.slice.ts';
import type { SearchSlice } from './search.slice.ts';
import type { ActivitySlice } from './activity.slice.ts';
import type { NotificationsSlice } from './notifications.slice.ts';
import type { TeamSlice } from './team.slice.ts';
import type { TriageSlice } from './triage.slice.ts';
import type { TriageUiSlice } from './triage-ui.slice.ts';
// Replying (issue 6): composer, outbox, settings.
import type { ComposerSlice } from './composer.slice.ts';
import type { ComposerSettingsSlice } from './composer-settings.slice.ts';
import type { OutboxSlice } from './outbox.slice.ts';
import type { DraftsSlice } from './drafts.slice.ts';
import type { RulesSlice } from './rules.slice.ts';
import type { ReportSlice } from './report.slice.ts';

/** The whole bound store: every slice sees every other (zustand's slices pattern). */
export type DeskState = AppSlice & AccountsSlice & FoldersSlice & ConversationListSlice & ReadingSlice & SearchSlice & ContactsSlice
  & TeamSlice & TriageSlice & ActivitySlice & NotificationsSlice & TriageUiSlice
  & ComposerSlice & OutboxSlice & DraftsSlice & ComposerSettingsSlice & RulesSlice & ReportSlice;

export type DeskSlice<T> = StateCreator<DeskState, [], [], T>;
