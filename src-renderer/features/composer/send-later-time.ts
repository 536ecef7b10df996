/**
 * Times offered by "Send later": the presets agents use most (tomorrow
 * morning, Monday morning) and the conversion to and from the value of an
 * `<input type="datetime-local">`, which is local time without a zone.
 */

const MORNING_HOUR = 9;

function atMorning(date: Date): number {
  const d = new Date(date);
  d.setHours(MORNING_HOUR, 0, 0, 0);
  return d.getTime();
}

export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  return atMorning(d);
}

/** The next Monday at 9:00; on a Monday before 9 that is today, after 9 next week. */
export function mondayMorning(now: number): number {
  const d = new Date(now);
  const daysAhead = (8 - d.getDay()) % 7;
  d.setDate(d.getDate() + daysAhead);
  const candidate = atMorning(d);
  if (candidate > now) return candidate;
  d.setDate(d.getDate() + 7);
  return atMorning(d);
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function toLocalInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Epoch ms for an input value, or null when it is empty or not a date. */
export function fromLocalInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0'), 0);
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}
