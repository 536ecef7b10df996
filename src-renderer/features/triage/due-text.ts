/**
 * Short words for how far away a time is, for SLA timers, deadlines and
 * snoozes in a narrow list row: "45 s", "12 min", "3 h", "2 d".
 */
import { t } from '../../i18n/i18n.ts';

export function shortDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return t('duration.seconds', { count: Math.max(1, Math.round(abs / 1000)) });
  if (abs < 3_600_000) return t('duration.minutes', { count: Math.round(abs / 60_000) });
  if (abs < 2 * 86_400_000) return t('duration.hours', { count: Math.round(abs / 3_600_000) });
  return t('duration.days', { count: Math.round(abs / 86_400_000) });
}

/** "in 2 h" or "3 h ago"-style pair for a due time: the words and whether it has passed. */
export function dueText(dueAt: number, now: number): { text: string; overdue: boolean } {
  const left = dueAt - now;
  return left >= 0 ? { text: t('due.in', { time: shortDuration(left) }), overdue: false } : { text: t('due.overdueBy', { time: shortDuration(left) }), overdue: true };
}
