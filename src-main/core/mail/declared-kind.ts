/**
 * What a mail's own headers say it is: a delivery report, an automatic
 * message (an out-of-office, a vacation notice, an autoresponder), or
 * ordinary mail. Pure: both readers of headers use it (sync/header-fields.ts
 * on the header lines the listing fetches, mail/parse.ts on whole mail), and
 * so does the mail inspector on the source it reads again.
 *
 * Why at listing time: an out-of-office must not reopen a conversation or be
 * announced as the customer writing. Guessing from the sender and subject
 * missed the notices titled like the mail they answer ("Re: Lamp") and held
 * genuine mail that only looked automatic ("Vacation rental for June")
 * until its headers were read from the server again. The headers are
 * fetched anyway; four more of them cost a few bytes per mail.
 */

export type DeclaredKind = 'ordinary' | 'automatic' | 'report';

/** The first value of a header (lowercase name), unfolded, or null when the mail has none. */
export type HeaderValue = (name: string) => string | null;

/** The headers automatic mail is marked with: RFC 3834's, and what mail programs that predate it write. */
export const AUTOMATIC_MARKERS = ['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence'] as const;

/**
 * An automatic answer: RFC 3834 `Auto-Submitted: auto-replied`,
 * `X-Autoreply` / `X-Autorespond`, `Precedence: auto_reply`; and any other
 * `Auto-Submitted` value (`auto-generated`, ...) when the mail answers
 * another (`answers`: it has In-Reply-To or References), as ticket systems'
 * autoresponders mark theirs. Mail generated without answering anything
 * (a website's contact form, a shop's notification) is not an answer: it
 * starts a conversation as the customer's mail does.
 */
export function saysAutomatic(header: HeaderValue, answers: boolean): boolean {
  const auto = header('auto-submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no' && (answers || auto.startsWith('auto-replied'))) return true;
  if (header('x-autoreply') !== null || header('x-autorespond') !== null) return true;
  return /^(auto_reply|auto-reply)$/i.test(header('precedence')?.trim() ?? '');
}

/**
 * `contentType`: the top-level media type. A `multipart/report` is a
 * delivery (or read) report, whatever else it says: the inspector reads its
 * body to learn which mail failed.
 */
export function declaredKind(header: HeaderValue, contentType: string, answers: boolean): DeclaredKind {
  if (contentType.trim().toLowerCase().startsWith('multipart/report')) return 'report';
  return saysAutomatic(header, answers) ? 'automatic' : 'ordinary';
}
