/**
 * Who is on the team and what the sidebar counts: the team directory
 * (`team.directory`: this desktop's agent, colleagues, groups, tags, smart
 * folders), the
 * live drawer counts (`triage.counts`) and the triage settings.
 *
 * Invariants: counts and the directory refresh through `coalesce`, so a burst
 * of change events costs two queries; only the newest counts answer writes
 * (an older one could undo a newer count).
 */
import type {
  AgentIdentity,
  DeskApi,
  DeskError,
  DrawerCount,
  Result,
  SearchCount,
  SmartFolder,
  TeamDirectory,
  TeamHealth,
  TriageSettings,
} from '../../src-preload/api.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';

export interface TeamSlice {
  directory: TeamDirectory | null;
  directoryError: DeskError | null;
  /** By drawer id. */
  drawerCounts: ReadonlyMap<string, DrawerCount>;
  /** By smart folder query: how many conversations it finds now (refreshed with the drawer counts). */
  smartFolderCounts: ReadonlyMap<string, SearchCount>;
  triageSettings: TriageSettings | null;
  /** Team sync of this desktop: state, when it last heard from the team, changes waiting to go. */
  teamHealth: TeamHealth | null;
  loadTeamHealth(): Promise<void>;
  applyTeamHealth(health: TeamHealth): void;
  configureTeam(accountId: number, folder: string, passphrase: string | null): Promise<Result<TeamHealth>>;
  loadDirectory(): Promise<void>;
  refreshCounts(): Promise<void>;
  setAgentIdentity(name: string, address: string): Promise<Result<AgentIdentity>>;
  /** Saves a search for the whole team (a new folder without `id`); the sidebar lists it at once. */
  saveSmartFolder(folder: { id?: string; name: string; query: string }): Promise<Result<SmartFolder>>;
  deleteSmartFolder(id: string): Promise<Result<null>>;
  loadTriageSettings(): Promise<Result<TriageSettings>>;
  saveTriageSettings(settings: TriageSettings): Promise<Result<TriageSettings>>;
}

const SMART_COUNTS_EVERY_MS = 2_000;

/** Runs `fn` at most once per `everyMs`: a request meanwhile runs once when the time is up, never two at once. */
function throttled(fn: () => Promise<void>, everyMs: number): { request(): void } {
  let last = -Infinity;
  let running = false;
  let wanted = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = async (): Promise<void> => {
    timer = null;
    running = true;
    wanted = false;
    last = Date.now();
    try {
      await fn();
    } finally {
      running = false;
      if (wanted) request();
    }
  };
  function request(): void {
    wanted = true;
    if (running || timer) return;
    timer = setTimeout(() => void run(), Math.max(0, last + everyMs - Date.now()));
  }
  return { request };
}

export function createTeamSlice(api: DeskApi): DeskSlice<TeamSlice> {
  let countsGeneration = 0;
  return (set, get) => {
    async function loadCounts(): Promise<void> {
      const mine = ++countsGeneration;
      const result = await api.call('triage.counts', { accountId: get().scopeAccountId });
      if (mine !== countsGeneration || !result.ok) return; // A failed count keeps the last one shown.
      set({ drawerCounts: new Map(result.value.map((c) => [c.drawer, c])) });
      smartCounts.request();
    }

    /**
     * Smart folder counts run their searches (bench:triage: ~25 ms each at 100,000 conversations, where a drawer
     * count is under 1 ms), so they follow the drawer counts at most every SMART_COUNTS_EVERY_MS, one folder per
     * call, letting the agent's own requests in between.
     */
    async function loadSmartCounts(): Promise<void> {
      const queries = get().directory?.smartFolders.map((f) => f.query) ?? [];
      const next = new Map<string, SearchCount>();
      for (const query of queries) {
        const result = await api.call('search.counts', { queries: [query], accountId: get().scopeAccountId });
        const count = result.ok ? result.value[0] : get().smartFolderCounts.get(query);
        if (count) next.set(query, count);
      }
      set({ smartFolderCounts: next });
    }
    const smartCounts = throttled(loadSmartCounts, SMART_COUNTS_EVERY_MS);

    async function loadDirectoryOnce(): Promise<void> {
      const result = await api.call('team.directory', {});
      if (!result.ok) {
        set({ directoryError: result.error });
        return;
      }
      const before = get().directory?.smartFolders.map((f) => f.query).join('\n');
      set({ directory: result.value, directoryError: null });
      // A smart folder added or changed (here or by a colleague) needs its count.
      if (result.value.smartFolders.map((f) => f.query).join('\n') !== before) void get().refreshCounts();
    }

    return {
      directory: null,
      directoryError: null,
      drawerCounts: new Map(),
      smartFolderCounts: new Map(),
      triageSettings: null,
      teamHealth: null,

      async loadTeamHealth() {
        const result = await api.call('team.health', {});
        if (result.ok) set({ teamHealth: result.value });
      },

      applyTeamHealth(health) {
        set({ teamHealth: health });
      },

      async configureTeam(accountId, folder, passphrase) {
        const result = await api.call('team.configure', { accountId, folder, passphrase });
        if (result.ok) set({ teamHealth: result.value });
        return result;
      },

      loadDirectory: coalesce(loadDirectoryOnce),
      refreshCounts: coalesce(loadCounts),

      async setAgentIdentity(name, address) {
        const result = await api.call('agent.set', { name, address });
        if (result.ok) {
          set((state) => ({ directory: state.directory ? { ...state.directory, me: result.value } : state.directory }));
          void get().loadDirectory();
          // "Mine" means something now.
          void get().refreshCounts();
        }
        return result;
      },

      async saveSmartFolder(folder) {
        const result = await api.call('smartFolders.save', folder);
        if (result.ok) {
          const saved = result.value;
          set((state) => ({
            directory: state.directory
              ? { ...state.directory, smartFolders: [...state.directory.smartFolders.filter((f) => f.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)) }
              : state.directory,
          }));
          void get().refreshCounts();
        }
        return result;
      },

      async deleteSmartFolder(id) {
        const result = await api.call('smartFolders.delete', { id });
        if (result.ok) {
          set((state) => ({ directory: state.directory ? { ...state.directory, smartFolders: state.directory.smartFolders.filter((f) => f.id !== id) } : state.directory }));
        }
        return result;
      },

      async loadTriageSettings() {
        const result = await api.call('triage.settings', {});
        if (result.ok) set({ triageSettings: result.value });
        return result;
      },

      async saveTriageSettings(settings) {
        const result = await api.call('triage.saveSettings', settings);
        if (result.ok) set({ triageSettings: result.value });
        return result;
      },
    };
  };
}
