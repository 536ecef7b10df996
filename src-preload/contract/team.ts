/**
 * Team-sync contract (issue 7): the shared mailbox carries team state between
 * desktops; these methods configure it and report on it, and presence leases
 * tell colleagues who is viewing or replying.
 */

import type { Sentence } from './accounts.ts';

export type TeamSyncState = 'disabled' | 'connecting' | 'connected' | 'offline' | 'locked';

export interface TeamHealth {
  state: TeamSyncState;
  /** The account whose mailbox carries team state. */
  accountId: number | null;
  folder: string;
  /** Epoch ms this desktop last heard from the team folder. */
  lastHeardAt: number | null;
  /** Ops made here that have not reached the team folder yet (offline queue). */
  pendingOps: number;
  passphraseSet: boolean;
  /** Plain words when something is wrong ("Another desktop uses a different team passphrase."). */
  problem: Sentence | null;
}

export interface TeamMethods {
  'team.health': { params: Record<string, never>; result: TeamHealth };
  /** Chooses the mailbox that carries team state, its folder and passphrase (null: none). */
  'team.configure': { params: { accountId: number; folder: string; passphrase: string | null }; result: TeamHealth };
  /** "Viewing" or "replying" lease for colleagues (90 s; the renderer renews it every 30 s while it lasts); null ends it. */
  'presence.set': { params: { conversationId: number; activity: 'viewing' | 'replying' | null }; result: null };
}
