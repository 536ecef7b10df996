/**
 * Accounts as core reports them, with health kept live by `accountHealth`
 * events, plus the workspace commands (demo, connect) that change them.
 */
import type {
  AccountHealth,
  AccountSettingsInput,
  AccountSummary,
  AccountUpdateInput,
  ConnectionTestResult,
  ConnectResult,
  DeskApi,
  DeskError,
  Result,
  SavedAccountSettings,
} from '../../src-preload/api.ts';
import type { DeskSlice } from './slice.ts';

export interface AccountsSlice {
  accounts: AccountSummary[];
  accountsError: DeskError | null;
  /** Whose inbox the list shows: one account, or null for all of them. */
  scopeAccountId: number | null;
  loadAccounts(): Promise<void>;
  applyHealth(accountId: number, health: AccountHealth): void;
  setScope(accountId: number | null): void;
  /** Asks core to sync the account now (the "Retry" after an outage). */
  syncNow(accountId: number): Promise<Result<null>>;
  openDemo(): Promise<Result<AccountSummary>>;
  removeDemo(): Promise<Result<null>>;
  testAccount(input: AccountSettingsInput): Promise<Result<ConnectionTestResult>>;
  connectAccount(input: AccountSettingsInput): Promise<Result<ConnectResult>>;
  /** Opens the account's settings (the way out of "Authentication failed"). */
  editAccount(accountId: number): void;
  loadAccountSettings(accountId: number): Promise<Result<SavedAccountSettings>>;
  testAccountUpdate(input: AccountUpdateInput): Promise<Result<ConnectionTestResult>>;
  updateAccount(input: AccountUpdateInput): Promise<Result<ConnectResult>>;
}

export function createAccountsSlice(api: DeskApi): DeskSlice<AccountsSlice> {
  // Answers can overtake each other; only the newest request may write.
  let generation = 0;

  return (set, get) => {
    /** After the set of accounts changed: re-read what depends on it. */
    async function afterWorkspaceChange(): Promise<void> {
      await Promise.all([get().loadAppInfo(), get().loadAccounts(), get().loadFolders()]);
      await get().loadConversations();
    }

    return {
      accounts: [],
      accountsError: null,
      scopeAccountId: null,

      async loadAccounts() {
        const mine = ++generation;
        const result = await api.call('accounts.list', {});
        if (mine !== generation) return;
        if (!result.ok) {
          set({ accountsError: result.error });
          return;
        }
        const scope = get().scopeAccountId;
        const scopeGone = scope !== null && !result.value.some((account) => account.id === scope);
        set({ accounts: result.value, accountsError: null, ...(scopeGone ? { scopeAccountId: null } : {}) });
        if (scopeGone) void get().loadConversations();
      },

      applyHealth(accountId, health) {
        set((state) => ({
          accounts: state.accounts.map((account) => (account.id === accountId ? { ...account, health } : account)),
        }));
      },

      setScope(accountId) {
        if (get().scopeAccountId === accountId) return;
        const choice = get().folderChoice;
        const folderElsewhere = choice.kind === 'folder' && accountId !== null
          && get().folders.find((f) => f.id === choice.folderId)?.accountId !== accountId;
        set({ scopeAccountId: accountId, ...(folderElsewhere ? { folderChoice: { kind: 'role', role: 'inbox' } } : {}) });
        void get().loadConversations();
        void get().refreshSearch();
      },

      syncNow(accountId) {
        return api.call('accounts.syncNow', { accountId });
      },

      async openDemo() {
        const result = await api.call('workspace.openDemo', {});
        if (result.ok) {
          get().setView('home');
          await afterWorkspaceChange();
        }
        return result;
      },

      async removeDemo() {
        const demoIds = new Set(get().accounts.filter((a) => a.kind === 'demo').map((a) => a.id));
        const result = await api.call('workspace.removeDemo', {});
        if (result.ok) {
          const opened = get().opened;
          if (opened?.detail && demoIds.has(opened.detail.summary.accountId)) get().closeConversation();
          const scope = get().scopeAccountId;
          if (scope !== null && demoIds.has(scope)) set({ scopeAccountId: null });
          await afterWorkspaceChange();
        }
        return result;
      },

      testAccount(input) {
        return api.call('accounts.test', input);
      },

      async connectAccount(input) {
        const result = await api.call('accounts.connect', input);
        if (result.ok && result.value.ok) {
          const added = result.value.account;
          set((state) => ({ accounts: [...state.accounts.filter((a) => a.id !== added.id), added] }));
          get().setView('home');
          await afterWorkspaceChange();
        }
        return result;
      },

      editAccount(accountId) {
        get().setView({ kind: 'edit-account', accountId });
      },

      loadAccountSettings(accountId) {
        return api.call('accounts.settings', { accountId });
      },

      testAccountUpdate(input) {
        return api.call('accounts.testUpdate', input);
      },

      async updateAccount(input) {
        const result = await api.call('accounts.update', input);
        if (result.ok && result.value.ok) {
          const changed = result.value.account;
          set((state) => ({ accounts: state.accounts.map((a) => (a.id === changed.id ? changed : a)) }));
          get().setView('home');
          await get().loadAccounts();
        }
        return result;
      },
    };
  };
}
