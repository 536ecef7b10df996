/**
 * Business hours in the desk's own time zone, for SLA timers: "first reply
 * within 4 business hours" on a Friday evening is due Monday late morning,
 * not Saturday. Pure, DST-correct (local wall times are converted to instants
 * with the zone's offset at that moment, via Intl), no dependencies.
 */

export interface BusinessHours {
  /** IANA zone, e.g. "Europe/Copenhagen". */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; each day's open intervals in local minutes since midnight. */
  week: Array<Array<{ from: number; to: number }>>;
  /** Local dates "YYYY-MM-DD" when the desk is closed. */
  holidays?: string[];
}

export const alwaysOpen: BusinessHours = {
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ from: 0, to: 24 * 60 }]),
};

export function weekdays(timeZone: string, fromHour: number, toHour: number): BusinessHours {
  const day = [{ from: fromHour * 60, to: toHour * 60 }];
  return { timeZone, week: [[], day, day, day, day, day, []] };
}

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minutes: number;
  weekday: number;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function intlParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: weekdayIndex[parts.weekday ?? 'Sun'] ?? 0,
  };
}

// A zone's offset changes only at transitions on a quarter hour (UTC), so it is asked of Intl once per
// quarter hour and zone; everything else is arithmetic. Intl is slow enough to dominate SLA timers.
const QUARTER = 15 * MINUTE;
const offsets = new Map<string, Map<number, number>>();
const OFFSETS_MAX = 50_000;

function offsetAt(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / QUARTER);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER;
    const p = intlParts(start, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - start;
    if (zone.size >= OFFSETS_MAX) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

function localParts(instant: number, timeZone: string): LocalParts {
  const local = new Date(Math.floor(instant / MINUTE) * MINUTE + offsetAt(instant, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/** The instant of a local wall time (on a DST gap, the moment just after it). */
export function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

function dateKey(p: LocalParts): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

interface Day {
  intervals: Array<[number, number]>;
  nextDay: number;
}

// Converting local wall times to instants costs several Intl calls; a refold of 100,000
// conversations asks for the same few days over and over. Per schedule, bounded.
const dayCache = new WeakMap<BusinessHours, Map<string, Day>>();
const DAY_CACHE_MAX = 4096;

/** Open intervals (as instants) of the local day containing `instant`, and the start of the next local day. */
function dayIntervals(instant: number, hours: BusinessHours): Day {
  const p = localParts(instant, hours.timeZone);
  let days = dayCache.get(hours);
  if (!days) dayCache.set(hours, (days = new Map()));
  const key = dateKey(p);
  const cached = days.get(key);
  if (cached) return cached;
  const day = computeDay(p, hours);
  if (days.size >= DAY_CACHE_MAX) days.clear();
  days.set(key, day);
  return day;
}

function computeDay(p: LocalParts, hours: BusinessHours): Day {
  const start = (m: number) => zonedInstant(p.year, p.month, p.day, m, hours.timeZone);
  const nextDay = zonedInstant(p.year, p.month, p.day, 24 * 60, hours.timeZone);
  if (hours.holidays?.includes(dateKey(p))) return { intervals: [], nextDay };
  const intervals = (hours.week[p.weekday] ?? []).map((i): [number, number] => [start(i.from), start(i.to)]);
  return { intervals, nextDay };
}

/** Whether the desk is open at that instant. */
export function isOpenAt(instant: number, hours: BusinessHours): boolean {
  return dayIntervals(instant, hours).intervals.some(([from, to]) => from <= instant && instant < to);
}

/** The instant when `durationMs` of business time has passed after `start`. */
export function addBusinessTime(start: number, durationMs: number, hours: BusinessHours): number {
  let remaining = durationMs;
  let cursor = start;
  // A year of closed days means a misconfigured schedule: stop rather than loop forever.
  for (let days = 0; days < 400; days++) {
    const { intervals, nextDay } = dayIntervals(cursor, hours);
    for (const [from, to] of intervals) {
      if (to <= cursor) continue;
      const begin = Math.max(from, cursor);
      if (begin + remaining <= to) return begin + remaining;
      remaining -= to - begin;
      cursor = to;
    }
    cursor = nextDay;
  }
  throw new Error('The business hours have no open time: SLA deadlines cannot be computed.');
}

/** Business time elapsed between two instants. */
export function businessTimeBetween(a: number, b: number, hours: BusinessHours): number {
  let total = 0;
  let cursor = a;
  for (let days = 0; cursor < b && days < 4000; days++) {
    const { intervals, nextDay } = dayIntervals(cursor, hours);
    for (const [from, to] of intervals) total += Math.max(0, Math.min(to, b) - Math.max(from, cursor));
    cursor = nextDay;
  }
  return total;
}
