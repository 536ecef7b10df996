/**
 * Message-IDs as threading sees them: cleaned, validated, and invented when a
 * message has none.
 *
 * Invariants:
 * - An id is compared exactly (case-sensitive), without angle brackets.
 * - Garbage never links anything. A placeholder such as `<no.id>`, `<>` or a
 *   phrase like "Joe's message of Tue, 3 Jan" would otherwise join every
 *   message that carries it into one giant conversation. Valid: no
 *   whitespace, control characters or brackets, at most 250 characters, and
 *   either `local@domain` (both sides non-empty) or, for the few mailers that
 *   omit the `@` (`<94684699_88790458>`), at least 8 characters with a digit.
 * - In-Reply-To counts with its LAST valid id: mailers that list several put
 *   the direct parent last, like References.
 * - A message without a usable Message-ID gets a synthetic one, a hash of
 *   From, Date and Subject (plus the caller's content fingerprint when given).
 *   Every desktop that parsed the same raw message gets the same synthetic id,
 *   so the message still has a stable root and token. Nobody can reference
 *   it, so replies to it link by token or subject only. Without a
 *   fingerprint, two id-less mails with equal From, Date and Subject share
 *   the id and so one conversation.
 */
import { createHash } from 'node:crypto';

const MAX_ID_LENGTH = 250;
const FORBIDDEN = /[\s<>\u0000-\u001f\u007f]/;
export const SYNTHETIC_ID_DOMAIN = 'synthetic.switchboard.invalid';

/** The id without brackets, or null when it is garbage. */
export function normalizeMessageId(raw: string): string | null {
  let id = raw.trim();
  if (id.startsWith('<') && id.endsWith('>')) id = id.slice(1, -1).trim();
  if (id.length === 0 || id.length > MAX_ID_LENGTH || FORBIDDEN.test(id)) return null;
  const at = id.lastIndexOf('@');
  if (at >= 0) return at > 0 && at < id.length - 1 ? id : null;
  return id.length >= 8 && /[0-9]/.test(id) ? id : null;
}

/**
 * All valid ids in a header value, in order. Bracketed ids win when present
 * (text around them is commentary). Without brackets the value is either a
 * list of bare ids (every word id-shaped) or prose such as "hjl@lucon.org's
 * message of Sat, 2 Feb 2002", which yields nothing.
 */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? '');
  if (bracketed.length > 0) return bracketed.map(normalizeMessageId).filter((id): id is string => id !== null);
  const words = value.split(/[\s,]+/).filter((w) => w.length > 0);
  const ids = words.map(normalizeMessageId);
  return ids.every((id) => id !== null) ? (ids as string[]) : [];
}

/** The last valid id of an In-Reply-To value. */
export function lastMessageIdIn(value: string | null | undefined): string | null {
  const ids = messageIdsIn(value);
  return ids[ids.length - 1] ?? null;
}

export function syntheticMessageId(from: string, date: number, subject: string, fingerprint?: string | null): string {
  const parts = [from.trim().toLowerCase(), String(Number.isFinite(date) ? Math.trunc(date) : 0), subject.trim()];
  if (fingerprint) parts.push(fingerprint);
  const digest = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
  return `${digest.slice(0, 32)}@${SYNTHETIC_ID_DOMAIN}`;
}
