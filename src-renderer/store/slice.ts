import type { StateCreator } from 'zustand';
import type { AccountsSlice } from './accounts.slice.ts';
import type { AppSlice } from './app.slice.ts';
import type { MessagesSlice } from './messages.slice.ts';

/** The whole bound store: every slice sees every other (zustand's slices pattern). */
export type DeskState = AppSlice & AccountsSlice & MessagesSlice;

export type DeskSlice<T> = StateCreator<DeskState, [], [], T>;
