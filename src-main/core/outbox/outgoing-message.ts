/**
 * The frozen form of a message in the outbox, and its bytes.
 *
 * The payload is fixed when the item is queued (recipients, subject, final
 * HTML and text, reply chain, attachment content addresses, Date) and the
 * Message-ID with it, so every attempt — including a resend after a crash —
 * sends the same message under the same identity.
 */
import crypto from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';
import { readAttachment } from '../mail/attachment-store.ts';

const address = z.object({ name: z.string(), address: z.string() });

export const outgoingPayloadSchema = z.object({
  from: address,
  to: z.array(address),
  cc: z.array(address),
  bcc: z.array(address),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
  date: z.number(),
  /** Sent by automation (an acknowledgement), not by an agent: marked so (RFC 3834) that no auto-responder answers it. */
  automatic: z.boolean().optional(),
});

export type OutgoingPayload = z.infer<typeof outgoingPayloadSchema>;

/** `<uuid@mailbox-domain>` without the brackets, as the cache stores ids. */
export function newMessageId(mailbox: string): string {
  const domain = /@([^@\s>]+)$/.exec(mailbox.trim())?.[1]?.toLowerCase() ?? 'switchboard.invalid';
  return `${crypto.randomUUID()}@${domain}`;
}

export function parsePayload(json: string): OutgoingPayload {
  return outgoingPayloadSchema.parse(JSON.parse(json));
}

const bracket = (id: string): string => `<${id}>`;

export async function buildRawMessage(dataDir: string, payload: OutgoingPayload, messageId: string): Promise<Buffer> {
  const attachments = [];
  for (const a of payload.attachments) {
    attachments.push({ filename: a.filename, contentType: a.contentType, content: await readAttachment(dataDir, a.sha256) });
  }
  const composer = new MailComposer({
    from: payload.from,
    to: payload.to,
    cc: payload.cc,
    subject: payload.subject,
    html: payload.html,
    text: payload.text,
    messageId: bracket(messageId),
    date: new Date(payload.date),
    ...(payload.inReplyTo ? { inReplyTo: bracket(payload.inReplyTo) } : {}),
    ...(payload.references.length ? { references: payload.references.map(bracket) } : {}),
    attachments,
    headers: {
      'X-Mailer': 'Switchboard',
      // Microsoft's servers and Outlook honour only their own header for suppressing out-of-office replies.
      ...(payload.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}),
    },
  });
  return composer.compile().build();
}

/** Everyone the server must deliver to (Bcc included; it is not in the headers). */
export function envelopeRecipients(payload: OutgoingPayload): string[] {
  return [...new Set([...payload.to, ...payload.cc, ...payload.bcc].map((a) => a.address.trim()))];
}
