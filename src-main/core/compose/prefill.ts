/**
 * What a new draft starts with, from the message replied to: recipients,
 * subject with the ticket token, the signature and the quoted text. Pure, so
 * the rules are unit-tested without a cache:
 *
 * - reply: the customer (where the message asks replies to go, its Reply-To,
 *   else its sender; or the conversation's customer when we replied to our
 *   own mail);
 * - reply all: the same in To, everyone else the message named in Cc (its
 *   sender too, unless a Reply-To stood for it), never the mailbox itself;
 * - forward: no recipient, "Fwd:" and the message quoted with its headers;
 * - the token is always the conversation's, and a subject carries one only.
 */
import type { Address, ComposeMode, QuoteLanguage } from '../../../src-preload/api.ts';
import { formatSubjectWithToken, isTeamMail, stripTokens } from '../threading/index.ts';
import { distinctRecipients } from './addresses.ts';
import { escapeHtml, textToHtml } from './html.ts';

export interface PrefillSource {
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  /** Where the sender asks replies to go (RFC 5322 §3.6.2); empty for the sender. */
  replyTo: Address[];
  date: number;
  /** Plain text of the message (quoted as text: its HTML is not ours to resend). */
  text: string;
}

export interface PrefillInput {
  mode: ComposeMode;
  mailbox: string;
  /** The conversation's ticket token, or null for a new conversation. */
  ticket: string | null;
  customer: Address | null;
  source: PrefillSource | null;
  /** Signature HTML (agent's, then mailbox's), already joined; '' for none. */
  signatureHtml: string;
  /** The agent's language, for the quote or forward header; English when not given. */
  language?: QuoteLanguage;
}

export interface Prefill {
  to: Address[];
  cc: Address[];
  subject: string;
  html: string;
}

const PREFIX: Record<'reply' | 'forward', { re: RegExp; add: string }> = {
  reply: { re: /^\s*(re|aw|sv|antw|vs|ref|rif|odp)\s*:/i, add: 'Re: ' },
  forward: { re: /^\s*(fwd?|wg|tr|rv|i)\s*:/i, add: 'Fwd: ' },
};

export function replySubject(subject: string, kind: 'reply' | 'forward', ticket: string | null): string {
  const base = stripTokens(subject);
  const prefixed = PREFIX[kind].re.test(base) ? base : PREFIX[kind].add + base;
  return ticket ? formatSubjectWithToken(prefixed, ticket) : prefixed;
}

interface QuoteWords {
  intlLocale: string;
  /** The date as the language's mail programs write it in an attribution, from Intl's parts. */
  formatDate(part: (type: Intl.DateTimeFormatPartTypes) => string): string;
  attribution(date: string, who: string): string;
  forwarded: string;
  from: string;
  date: string;
  subject: string;
  to: string;
  cc: string;
}

// The forms Gmail and Thunderbird write, which every mail program (and our own text-parts.ts and snippet.ts) folds as a quote.
const WORDS: Record<QuoteLanguage, QuoteWords> = {
  en: {
    intlLocale: 'en-GB',
    formatDate: (part) => `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`,
    attribution: (date, who) => `On ${date}, ${who} wrote:`,
    forwarded: '---------- Forwarded message ----------',
    from: 'From',
    date: 'Date',
    subject: 'Subject',
    to: 'To',
    cc: 'Cc',
  },
  de: {
    intlLocale: 'de-DE',
    // Intl's German day part has no period ("5", then a literal ". "), and "um" is the mail programs' word, not Intl's.
    formatDate: (part) => `${part('weekday')}, ${part('day')}. ${part('month')} ${part('year')} um ${part('hour')}:${part('minute')}`,
    attribution: (date, who) => `Am ${date} schrieb ${who}:`,
    forwarded: '---------- Weitergeleitete Nachricht ----------',
    from: 'Von',
    date: 'Datum',
    subject: 'Betreff',
    to: 'An',
    cc: 'Cc',
  },
};

/**
 * "Mon, 3 Nov 2025 at 10:02" ("Mo., 3. Nov. 2025 um 10:02") in the agent's time zone (core runs on their
 * desktop): the customer reads when they wrote in the agent's day, not "05:31:16 GMT". `timeZone` is for tests.
 */
export function formatQuoteDate(epochMs: number, language: QuoteLanguage = 'en', timeZone?: string): string {
  const words = WORDS[language];
  const parts = new Intl.DateTimeFormat(words.intlLocale, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return words.formatDate(part);
}

function who(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function quoteHtml(mode: ComposeMode, source: PrefillSource, language: QuoteLanguage = 'en'): string {
  const words = WORDS[language];
  const date = formatQuoteDate(source.date, language);
  if (mode === 'forward') {
    const head = [
      words.forwarded,
      `${words.from}: ${who(source.from)}`,
      `${words.date}: ${date}`,
      `${words.subject}: ${source.subject}`,
      `${words.to}: ${source.to.map(who).join(', ')}`,
      ...(source.cc.length ? [`${words.cc}: ${source.cc.map(who).join(', ')}`] : []),
    ];
    return `<div class="sb-forward">${head.map(escapeHtml).join('<br>\n')}<br><br>\n${textToHtml(source.text)}</div>`;
  }
  const intro = words.attribution(date, who(source.from));
  return `<div class="sb-quote"><p>${escapeHtml(intro)}</p><blockquote type="cite">${textToHtml(source.text)}</blockquote></div>`;
}

export function prefillDraft(input: PrefillInput): Prefill {
  const own = new Set([input.mailbox.trim().toLowerCase()]);
  const { source, mode } = input;
  const signature = input.signatureHtml ? `<div class="sb-signature">${input.signatureHtml}</div>` : '';
  const body = `<p><br></p>${signature}`;
  if (mode === 'new' || !source) {
    const to = mode === 'new' && input.customer ? distinctRecipients([input.customer], own) : [];
    const subject = source ? replySubject(source.subject, 'reply', input.ticket) : '';
    return { to, cc: [], subject, html: body };
  }
  if (mode === 'forward') {
    return { to: [], cc: [], subject: replySubject(source.subject, 'forward', input.ticket), html: `${body}${quoteHtml(mode, source, input.language)}` };
  }
  // The team's own mail is answered to its recipients; a contact form sent as our own address is the customer's.
  const fromIsOurs = isTeamMail(source.from.address, source.to.map((a) => a.address), own, source.replyTo.map((a) => a.address));
  // A contact form's mail comes from noreply@ with the customer in Reply-To: the sender is not who to answer.
  const answer = source.replyTo.length > 0 ? source.replyTo : [source.from];
  const target = fromIsOurs ? (input.customer ? [input.customer] : source.to) : answer;
  const to = distinctRecipients(target, own);
  const others = source.replyTo.length > 0 ? [...source.to, ...source.cc] : [source.from, ...source.to, ...source.cc];
  const cc = mode === 'replyAll' ? distinctRecipients(others, new Set([...own, ...to.map((a) => a.address.toLowerCase())])) : [];
  return { to, cc, subject: replySubject(source.subject, 'reply', input.ticket), html: `${body}${quoteHtml(mode, source, input.language)}` };
}
