/**
 * Placeholder values for a draft and the send-time check that none is left.
 * Values are HTML-escaped: templates are HTML, and a customer's display name
 * is data from mail ("<b>Bob</b>" must arrive as text).
 */
import type { Address } from '../../../src-preload/api.ts';
import type { PlaceholderValues } from './template.ts';
import { firstName } from './template.ts';
import { escapeHtml } from './html.ts';

export interface PlaceholderContext {
  agent: { name: string; address: string } | null;
  mailbox: { name: string; email: string };
  ticket: string | null;
  customer: Address | null;
  subject: string | null;
}

export function placeholderValues(c: PlaceholderContext): PlaceholderValues {
  const e = (v: string | null | undefined): string | null => (v === null || v === undefined ? null : escapeHtml(v));
  const clientName = c.customer ? (c.customer.name ? firstName(c.customer.name) : '') : null;
  return {
    MY_NAME: e(c.agent?.name),
    MY_EMAIL: e(c.agent?.address),
    TICKET_ID: c.ticket ? `#${c.ticket}` : null,
    CLIENT_NAME: e(clientName),
    CLIENT_FULL_NAME: e(c.customer?.name),
    CLIENT_EMAIL: e(c.customer?.address),
    'CONVERSATION.SUBJECT': e(c.subject),
    'MAILBOX.NAME': e(c.mailbox.name),
    'MAILBOX.EMAIL': e(c.mailbox.email),
  };
}

/**
 * Placeholders still in a draft (`{CLIENT_NAME}`), which must never reach a
 * customer. `{{`/`}}` are literal braces, as in templates.
 */
export function unresolvedPlaceholders(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.replace(/\{\{|\}\}/g, '').matchAll(/\{([A-Z][A-Z0-9_.]*)\}/g)) found.add(m[1] ?? '');
  return [...found];
}

/** Literal braces written as `{{`/`}}` in the draft become single ones in the sent mail. */
export function unescapeBraces(html: string): string {
  return html.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}
