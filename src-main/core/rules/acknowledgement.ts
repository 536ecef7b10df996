/**
 * An automatic acknowledgement, as pure decisions: whether a mail may be
 * answered automatically at all (RFC 3834 and what mail programs mark), who
 * gets the answer, and the message itself. The acknowledger
 * (acknowledger.ts) does the I/O around these.
 *
 * Why so careful: an automatic answer to automatic mail starts a loop (two
 * auto-responders answering each other for ever), and one to a mailing
 * list writes to everyone on it. RFC 3834 §2 says not to answer mail marked
 * Auto-Submitted, mail with no return path, or list and bulk mail; Microsoft
 * and others mark their own automatic mail with further headers.
 */
import type { AcknowledgementReason, Address, Branding } from '../../../src-preload/api.ts';
import { wrapWithBranding } from '../compose/branding-wrap.ts';
import { sanitizeHtml } from '../compose/html.ts';
import { placeholderValues, unescapeBraces } from '../compose/placeholders.ts';
import { replySubject } from '../compose/prefill.ts';
import { renderTemplate } from '../compose/template.ts';
import { htmlToPlainText } from '../mail/html-text.ts';
import type { RawHeader } from '../mail/parse-fallback.ts';
import { firstHeader } from '../mail/parse-fallback.ts';
import type { OutgoingPayload } from '../outbox/outgoing-message.ts';

/** Why a mail is not answered automatically: a code for the timeline, English for the log. */
export interface Suppression {
  code: Extract<AcknowledgementReason, 'automatic' | 'list' | 'bulk' | 'asked-none' | 'no-return-path'>;
  text: string;
}

/** Why a mail must not be answered automatically, or null when it may. */
export function suppressionReason(headers: RawHeader[]): Suppression | null {
  const value = (key: string): string => firstHeader(headers, key)?.trim() ?? '';
  const auto = value('auto-submitted').toLowerCase();
  if (auto !== '' && !auto.startsWith('no')) return { code: 'automatic', text: `it is automatic mail (Auto-Submitted: ${auto})` };
  if (firstHeader(headers, 'x-autoreply') !== null || firstHeader(headers, 'x-autorespond') !== null) return { code: 'automatic', text: 'it is an automatic reply' };
  const precedence = value('precedence').toLowerCase();
  if (precedence === 'list') return { code: 'list', text: 'it is list mail (Precedence: list)' };
  if (/^(bulk|junk)$/.test(precedence)) return { code: 'bulk', text: `it is bulk mail (Precedence: ${precedence})` };
  if (/^(auto_reply|auto-reply)$/.test(precedence)) return { code: 'automatic', text: `it is an automatic reply (Precedence: ${precedence})` };
  if (firstHeader(headers, 'list-id') !== null || firstHeader(headers, 'list-unsubscribe') !== null) return { code: 'list', text: 'it came through a mailing list' };
  const suppress = value('x-auto-response-suppress').toLowerCase();
  if (/\b(all|autoreply|oof)\b/.test(suppress)) return { code: 'asked-none', text: `its sender asks for no automatic replies (X-Auto-Response-Suppress: ${suppress})` };
  const returnPath = firstHeader(headers, 'return-path');
  if (returnPath !== null && /^<\s*>$/.test(returnPath.trim())) return { code: 'no-return-path', text: 'it has no return path (a delivery report or automatic mail)' };
  return null;
}

export interface AcknowledgementInput {
  /** The template's HTML, with placeholders. */
  template: string;
  /** The mailbox's signature (HTML); '' for none. */
  signature: string;
  branding: Branding;
  mailbox: { name: string; email: string };
  to: Address;
  /** The customer's mail. */
  original: { messageId: string; subject: string; references: readonly string[]; inReplyTo: string | null };
  ticket: string | null;
  date: number;
}

export type AcknowledgementMessage = { kind: 'ready'; payload: OutgoingPayload } | { kind: 'unfillable'; placeholders: string[] };

/**
 * The acknowledgement, written as the agent's reply with that template would
 * be, but signed by the mailbox (no agent wrote it) and with the customer's
 * address where the template greets a customer whose name the mail does not
 * give. A placeholder that still cannot be filled stops it: never
 * "Dear {CLIENT_NAME}" to a customer.
 */
export async function acknowledgementMessage(input: AcknowledgementInput): Promise<AcknowledgementMessage> {
  const values = placeholderValues({
    agent: { name: input.mailbox.name, address: input.mailbox.email },
    mailbox: input.mailbox,
    ticket: input.ticket,
    customer: input.to,
    subject: input.original.subject,
  });
  if (!values['CLIENT_NAME']) values['CLIENT_NAME'] = values['CLIENT_EMAIL'];
  if (!values['CLIENT_FULL_NAME']) values['CLIENT_FULL_NAME'] = values['CLIENT_EMAIL'];
  const rendered = renderTemplate(input.template, values);
  if (rendered.problems.length > 0) return { kind: 'unfillable', placeholders: [...new Set(rendered.problems.map((p) => `{${p.placeholder}}`))] };
  const signature = input.signature.trim() === '' ? '' : `<div class="sb-signature">${input.signature}</div>`;
  const body = unescapeBraces(sanitizeHtml(rendered.text + signature));
  const chain = input.original.references.length > 0 ? [...input.original.references] : input.original.inReplyTo ? [input.original.inReplyTo] : [];
  const references = [...chain, input.original.messageId];
  return {
    kind: 'ready',
    payload: {
      from: { name: input.mailbox.name, address: input.mailbox.email },
      to: [input.to],
      cc: [],
      bcc: [],
      subject: replySubject(input.original.subject, 'reply', input.ticket),
      html: wrapWithBranding(body, input.branding),
      text: await htmlToPlainText(body),
      inReplyTo: input.original.messageId,
      references: references.length > 20 ? [references[0] as string, ...references.slice(-19)] : references,
      attachments: [],
      date: input.date,
      automatic: true,
    },
  };
}

/** Whether a stored message is an acknowledgement a rule sent (team/claims.ts `actionMessageId`, without brackets). */
export function isAcknowledgementId(messageId: string | null): boolean {
  return messageId !== null && messageId.startsWith('sb-action.');
}
