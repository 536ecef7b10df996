/** Locale-aware dates, sizes and addresses for lists and headers. */
import type { Address } from '../../src-preload/api.ts';
import { locale, t } from './i18n.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Intl formatters are costly to build (a list row formats several dates), so
 * each is built once per locale and options; scrolling a long list then
 * spends no main-thread time on them.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), options);
    formatters.set(key, format);
  }
  return format;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale());
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' });
    relativeFormats.set(locale(), format);
  }
  return format;
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Compact date for a list row, the way mail clients do it: the time today,
 * "Yesterday", the weekday within a week, day and month this year, the full
 * date before that.
 */
export function formatListDate(ms: number, now: number = Date.now()): string {
  const date = new Date(ms);
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
  if (days <= 0) return dateFormat({ hour: '2-digit', minute: '2-digit' }).format(date);
  if (days === 1) return t('date.yesterday');
  if (days < 7) return dateFormat({ weekday: 'short' }).format(date);
  if (date.getFullYear() === new Date(now).getFullYear()) {
    return dateFormat({ day: 'numeric', month: 'short' }).format(date);
  }
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Relative time for a conversation row: "now", "12 min ago", "3 hr ago"
 * within the last hours of today, then the compact list date ("Yesterday",
 * a weekday, a date), which reads better than "5 days ago" for mail.
 */
export function formatRelativeTime(ms: number, now: number = Date.now()): string {
  const ago = now - ms;
  if (ago < MINUTE_MS && ago > -MINUTE_MS) return t('date.now');
  const sameDay = startOfDay(ms) === startOfDay(now);
  if (ago > 0 && sameDay) {
    const rtf = relativeFormat();
    return ago < HOUR_MS ? rtf.format(-Math.floor(ago / MINUTE_MS), 'minute') : rtf.format(-Math.floor(ago / HOUR_MS), 'hour');
  }
  return formatListDate(ms, now);
}

/**
 * When something last happened, inside a sentence: "Last synced just now", "… 12 min ago", "… Yesterday".
 * As formatRelativeTime, but the first minute is "just now": "Last synced now" reads as a state, not a time.
 */
export function formatSince(ms: number, now: number = Date.now()): string {
  return now - ms < MINUTE_MS ? t('date.justNow') : formatRelativeTime(ms, now);
}

/** A count as the agent's locale groups it: "4,000", in German "4.000". */
export function formatCount(n: number): string {
  return n.toLocaleString(locale());
}

/** "about 40 s", "about 3 min", "about 2 h" for a sync estimate. */
export function formatEta(seconds: number): string {
  if (seconds < 60) return t('eta.seconds', { count: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return t('eta.minutes', { count: Math.round(seconds / 60) });
  return t('eta.hours', { count: Math.round(seconds / 360) / 10 });
}

/** A snooze or deadline time in a sentence: "Mon, Jan 12, 9:00 AM", in German "Mo., 12. Jan., 09:00". */
export function formatWhen(ms: number): string {
  return dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatFullDate(ms: number): string {
  return dateFormat({ dateStyle: 'full', timeStyle: 'short' }).format(ms);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale(), { maximumFractionDigits: digits })} ${units[unit]}`;
}

export function formatAddress(address: Address): string {
  if (!address.name || address.name === address.address) return address.address;
  return `${address.name} <${address.address}>`;
}

/** The name for a list row; the address when there is no name. */
export function displayName(address: Address): string {
  return address.name.trim() || address.address || t('message.unknownSender');
}
