import type { StateCreator } from 'zustand';
import type { AccountsSlice } from './accounts.slice.ts';
import type { AppSlice } from './app.slice.ts';
import type { ContactsSlice } from './contacts.slice.ts';
import type { ConversationListSlice } from './conversation-list.slice.ts';
import type { FoldersSlice } from './folders.slice.ts';
import type { ReadingSlice } from './reading.slice.ts';
import type { SearchSlice } from './search.slice.ts';

/** The whole bound store: every slice sees every other (zustand's slices pattern). */
export type DeskState = AppSlice & AccountsSlice & FoldersSlice & ConversationListSlice & ReadingSlice & SearchSlice & ContactsSlice;

export type DeskSlice<T> = StateCreator<DeskState, [], [], T>;
