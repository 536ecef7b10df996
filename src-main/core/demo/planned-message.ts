/**
 * One demo message as decided by the planners (who, when, what it says),
 * before it becomes bytes, and the step that writes it as RFC 5322.
 *
 * Why the split: tests compare what mailparser reads back from the bytes with
 * what the planner meant (subject, sender, text), which proves the MIME writer
 * round-trips instead of merely producing something parseable.
 */
import type { MailCharset } from './legacy-charsets.ts';
import type { LanguageCode, TopicId } from './language-pack.ts';
import { buildMessage, type MailAddress, type MimePart, type TextPart } from './mime-build.ts';

export type DemoFolder = 'INBOX' | 'Sent' | 'Junk';

export interface PlannedAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface PlannedMessage {
  readonly folder: DemoFolder;
  readonly flags: readonly string[];
  /** Epoch ms, a whole second. */
  readonly date: number;
  readonly tzOffsetMinutes: number;
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** Set on mail sent through the shop's contact form: the customer it names. */
  readonly replyTo?: readonly MailAddress[];
  readonly subject: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** The text/plain body, with \n line breaks. */
  readonly text: string;
  /** A complete HTML document sent as the alternative to `text`. */
  readonly html?: string;
  readonly attachments: readonly PlannedAttachment[];
  readonly charset: MailCharset;
  readonly textTransfer: 'auto' | 'base64';
  readonly extraHeaders: readonly (readonly [string, string])[];
  /** Random hex that makes this message's MIME boundaries unique. */
  readonly boundaryToken: string;
  readonly meta: {
    readonly conversation: number;
    readonly position: number;
    readonly language: LanguageCode | null;
    readonly role: 'customer' | 'agent' | 'spam';
    readonly topic: TopicId | 'spam';
  };
}

/** Writes the planned message as a complete RFC 5322 message. */
export function renderPlannedMessage(message: PlannedMessage): Buffer {
  const textPart: TextPart = {
    kind: 'text',
    subtype: 'plain',
    content: message.text,
    charset: message.charset,
    transfer: message.textTransfer,
  };
  let body: MimePart = textPart;
  if (message.html !== undefined) {
    body = {
      kind: 'multipart',
      subtype: 'alternative',
      boundary: `----=_NW_Alt_${message.boundaryToken}`,
      parts: [textPart, { kind: 'text', subtype: 'html', content: message.html, charset: message.charset, transfer: message.textTransfer }],
    };
  }
  if (message.attachments.length > 0) {
    body = {
      kind: 'multipart',
      subtype: 'mixed',
      boundary: `----=_NW_Mix_${message.boundaryToken}`,
      parts: [body, ...message.attachments.map((attachment): MimePart => ({ kind: 'attachment', ...attachment }))],
    };
  }
  return buildMessage(
    {
      from: message.from,
      to: message.to,
      cc: message.cc,
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      subject: message.subject,
      date: message.date,
      tzOffsetMinutes: message.tzOffsetMinutes,
      messageId: message.messageId,
      inReplyTo: message.inReplyTo,
      references: message.references,
      headerCharset: message.charset,
      extraHeaders: message.extraHeaders,
    },
    body,
  );
}
