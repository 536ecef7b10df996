/**
 * Turns what an agent types into the snooze picker into a wake-up time:
 * "30s", "10m", "2h", "3d", "1w", "tomorrow 9:00", "mon", "14:30",
 * "2026-05-01", "1.5.2026 8:00" (English and German words).
 *
 * Why a module of its own: the picker, the command palette and the tests
 * must agree on exactly one reading of "5s"; and a string that means nothing
 * must give null (the picker says so) rather than a guess.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = {};
for (const [ms, words] of [
  [SECOND, ['s', 'sec', 'secs', 'second', 'seconds', 'sek', 'sekunde', 'sekunden']],
  [MINUTE, ['m', 'min', 'mins', 'minute', 'minutes', 'minuten']],
  [HOUR, ['h', 'hr', 'hrs', 'hour', 'hours', 'std', 'stunde', 'stunden']],
  [DAY, ['d', 'day', 'days', 't', 'tag', 'tage', 'tagen']],
  [7 * DAY, ['w', 'wk', 'wks', 'week', 'weeks', 'woche', 'wochen']],
] as const) {
  for (const word of words) UNIT_MS[word] = ms;
}

const WEEKDAYS: Record<string, number> = {
  sun: 0, sunday: 0, so: 0, sonntag: 0,
  mon: 1, monday: 1, mo: 1, montag: 1,
  tue: 2, tuesday: 2, di: 2, dienstag: 2,
  wed: 3, wednesday: 3, mi: 3, mittwoch: 3,
  thu: 4, thursday: 4, do: 4, donnerstag: 4,
  fri: 5, friday: 5, fr: 5, freitag: 5,
  sat: 6, saturday: 6, sa: 6, samstag: 6,
};

/** When no time of day is given for a day, the conversation comes back at the start of the working day. */
export const DEFAULT_HOUR = 9;

function atTime(base: Date, hour: number, minute: number): Date {
  const d = new Date(base);
  d.setHours(hour, minute, 0, 0);
  return d;
}

function parseClock(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|uhr)?$/.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  // A bare number without ":" or a suffix is not a clock time ("5" is ambiguous).
  if (m[2] === undefined && m[3] === undefined) return null;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

function parseDate(text: string): Date | null {
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dotted) [y, mo, d] = [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  else return null;
  const date = new Date(y, mo - 1, d, DEFAULT_HOUR, 0, 0, 0);
  // new Date rolls 31.2. over into March; such a date was a typo.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date;
}

/** The day part: a relative word, a weekday or a date; null when the text is no day. */
function parseDay(text: string, now: Date): Date | null {
  if (text === 'today' || text === 'heute') return new Date(now);
  if (text === 'tomorrow' || text === 'morgen') return new Date(now.getTime() + DAY);
  const bare = text.replace(/^(next|nächsten|nächster|naechsten)\s+/, '');
  const weekday = WEEKDAYS[bare];
  if (weekday !== undefined) {
    const ahead = ((weekday - now.getDay() + 7) % 7) || 7;
    return new Date(now.getTime() + ahead * DAY);
  }
  return parseDate(text);
}

/**
 * The epoch ms the text means, strictly after `now`; null when the text
 * means nothing or a time that has passed.
 */
export function parseSnoozeTime(input: string, now: number): number | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^(in|for|für)\s+/, '');
  if (text === '') return null;

  const duration = /^(\d+(?:[.,]\d+)?)\s*([a-zä]+)$/.exec(text);
  if (duration?.[1] && duration[2]) {
    const unit = UNIT_MS[duration[2]];
    const amount = Number(duration[1].replace(',', '.'));
    if (unit !== undefined && amount > 0) return now + Math.round(amount * unit);
  }

  const nowDate = new Date(now);
  const clockOnly = parseClock(text);
  if (clockOnly) {
    const today = atTime(nowDate, clockOnly.hour, clockOnly.minute);
    // "14:30" after half past two means tomorrow's.
    return today.getTime() > now ? today.getTime() : atTime(new Date(now + DAY), clockOnly.hour, clockOnly.minute).getTime();
  }

  // "<day> [at] <clock>": split off a trailing clock time.
  const withClock = /^(.*?)(?:\s+(?:at|um))?\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm|uhr)?)$/.exec(text);
  let dayText = text;
  let clock: { hour: number; minute: number } | null = null;
  if (withClock?.[1] && withClock[2]) {
    const parsed = parseClock(withClock[2]) ?? (/^\d{1,2}$/.test(withClock[2]) ? { hour: Number(withClock[2]), minute: 0 } : null);
    if (parsed && parsed.hour <= 23) {
      dayText = withClock[1];
      clock = parsed;
    }
  }
  const day = parseDay(dayText, nowDate);
  if (!day) return null;
  const at = atTime(day, clock?.hour ?? DEFAULT_HOUR, clock?.minute ?? 0).getTime();
  return at > now ? at : null;
}

/** The picker's suggestions; each is an input `parseSnoozeTime` understands. */
export const SNOOZE_PRESETS: readonly string[] = ['1h', '3h', 'tomorrow 9:00', 'mon 9:00', '1w'];
