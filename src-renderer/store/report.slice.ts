/**
 * The team report: whether its dialog is open, which period it shows, and
 * what core answered for it. Periods are the agent's local days, computed
 * here (core knows no time zone).
 */
import type { DeskApi, DeskError, TeamReport } from '../../src-preload/api.ts';
import type { DeskSlice } from './slice.ts';

export type ReportPeriod = 'today' | 'week' | 'month';

const DAY = 86_400_000;

/** [from, to) of a period ending now: today since local midnight, or the last 7 or 30 days. */
export function periodBounds(period: ReportPeriod, now: number): { from: number; to: number } {
  if (period === 'today') {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    return { from: midnight.getTime(), to: now + 1 };
  }
  return { from: now - (period === 'week' ? 7 : 30) * DAY, to: now + 1 };
}

export interface ReportSlice {
  reportOpen: boolean;
  reportPeriod: ReportPeriod;
  report: TeamReport | null;
  reportError: DeskError | null;
  reportLoading: boolean;
  setReportOpen(open: boolean): void;
  /** Reads the report for this period and the list's account scope. */
  loadReport(period: ReportPeriod): Promise<void>;
}

export function createReportSlice(api: DeskApi): DeskSlice<ReportSlice> {
  let generation = 0;
  return (set, get) => ({
    reportOpen: false,
    reportPeriod: 'week',
    report: null,
    reportError: null,
    reportLoading: false,

    setReportOpen(open) {
      set({ reportOpen: open });
      if (open) void get().loadReport(get().reportPeriod);
    },

    async loadReport(period) {
      const mine = ++generation;
      set({ reportPeriod: period, reportLoading: true, reportError: null });
      const result = await api.call('triage.report', { accountId: get().scopeAccountId, ...periodBounds(period, Date.now()) });
      // A later choice of period wins, whichever answer comes first.
      if (mine !== generation) return;
      if (result.ok) set({ report: result.value, reportLoading: false });
      else set({ reportError: result.error, reportLoading: false });
    },
  });
}
