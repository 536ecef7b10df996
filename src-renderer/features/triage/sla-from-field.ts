/**
 * The "count SLA times for mail from" date of the triage settings, between
 * the epoch-ms setting and a local yyyy-mm-dd field. An untouched field gives
 * back the exact instant it showed: core records the connect moment, and
 * saving other settings must not widen it to midnight.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The field's text: empty when all mail counts or nothing was chosen. */
export function slaFromText(slaFrom: number | null): string {
  if (slaFrom === null || slaFrom <= 0) return '';
  const d = new Date(slaFrom);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The setting to save for the field's text, or 'invalid'. Empty keeps "not
 * chosen" when it was, and otherwise means all mail (0); a date means local
 * midnight.
 */
export function slaFromValue(text: string, initial: number | null): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === slaFromText(initial)) return initial;
  if (trimmed === '') return initial === null ? null : 0;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(y, mo - 1, d);
  if (at.getFullYear() !== y || at.getMonth() !== mo - 1 || at.getDate() !== d || y < 1970) return 'invalid';
  return at.getTime();
}
