/**
 * The ticket token: `[#K7F3Q2]` in a subject names a conversation.
 *
 * Invariants:
 * - `tokenForRoot` is a pure function of the root Message-ID: SHA-256 of the
 *   id (UTF-8, without angle brackets), first 30 bits, written as six
 *   Crockford base32 characters (0-9, A-Z without I, L, O, U, so it can be
 *   read aloud and typed back without ambiguity). Every desktop that agrees
 *   on the root agrees on the token; no counter, no server.
 * - `extractTokens` is forgiving the way Crockford intends: lower case is
 *   accepted, I and L read as 1, O as 0, full-width brackets (CJK input
 *   methods) are folded by NFKC. A U anywhere means it is not our token.
 * - `formatSubjectWithToken` is idempotent and a subject carries exactly one
 *   token: every token marker already present is removed and the current
 *   token is appended at the end. The end, because mail clients look for
 *   "Re:"/"AW:" at the start; a token in front would make them stack a new
 *   "Re:" before it on every reply. The formatter never adds or drops "Re:".
 *
 * 30 bits keep the token short. Collisions are possible (about one in 10^9
 * per pair of roots), which is why thread-keys.ts lets only a message without
 * reply headers follow a token: the many replies that carry a token are
 * threaded by their headers and cannot be pulled into a colliding conversation.
 */
import { hash } from 'node:crypto';
import { normalizeMessageId } from './message-id.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TOKEN_LENGTH = 6;
// Also the full-width forms CJK input methods produce; the body is folded by NFKC in canonicalToken.
const TOKEN_MARKER = /[[\uff3b][#\uff03]\s*([0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]{6})\s*[\]\uff3d]/g;

// Threading asks for the token of every id node it touches, again for each batch a conversation is
// rethreaded in; a SHA-256 each time was a tenth of the sync's threading time. Bounded: cleared when full.
const MEMO_LIMIT = 20_000;
const memo = new Map<string, string>();

export function tokenForRoot(rootMessageId: string): string {
  let token = memo.get(rootMessageId);
  if (token === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    token = computeToken(rootMessageId);
    memo.set(rootMessageId, token);
  }
  return token;
}

function computeToken(rootMessageId: string): string {
  const id = normalizeMessageId(rootMessageId) ?? rootMessageId.trim();
  const digest = hash('sha256', id, 'buffer');
  const bits = digest.readUInt32BE(0) >>> 2;
  let token = '';
  for (let i = TOKEN_LENGTH - 1; i >= 0; i--) token += CROCKFORD[(bits >>> (5 * i)) & 31];
  return token;
}

/** Canonical form of a token as a human may have typed it, or null when it cannot be one. */
export function canonicalToken(text: string): string | null {
  const upper = text.normalize('NFKC').trim().toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  if (upper.length !== TOKEN_LENGTH) return null;
  for (const ch of upper) if (!CROCKFORD.includes(ch)) return null;
  return upper;
}

/** Distinct canonical tokens in the subject, in order of appearance. */
export function extractTokens(subject: string): string[] {
  const out: string[] = [];
  for (const match of subject.matchAll(TOKEN_MARKER)) {
    const token = canonicalToken(match[1] ?? '');
    if (token !== null && !out.includes(token)) out.push(token);
  }
  return out;
}

/** The subject without any token marker, whitespace collapsed. */
export function stripTokens(subject: string): string {
  return subject
    .replace(TOKEN_MARKER, (marker, body: string) => (canonicalToken(body) === null ? marker : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export function formatSubjectWithToken(subject: string, token: string): string {
  const canonical = canonicalToken(token);
  if (canonical === null) throw new RangeError(`formatSubjectWithToken: "${token}" is not a ticket token`);
  const rest = stripTokens(subject);
  return rest.length > 0 ? `${rest} [#${canonical}]` : `[#${canonical}]`;
}
