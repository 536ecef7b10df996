/**
 * Runtime validation of the replying methods (issue 6). Strict objects, plain
 * words. Recipient addresses in a draft being typed are NOT checked for
 * format here — a draft must save whatever the agent has typed so far, and
 * outbox.send reports bad addresses as problems — but no header field may
 * carry a line break (header injection) or control characters.
 */
import { z } from 'zod';
import type { ComposeMethods } from '../../../src-preload/api.ts';
import type { DomainSchemas } from '../rpc/schema-types.ts';

const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const noControl = /^[^\u0000-\u001f\u007f]*$/;
const headerText = (max: number, what: string) =>
  z.string().max(max, `${what} can be at most ${max} characters long.`).regex(noControl, `${what} cannot contain line breaks or control characters.`);

const address = z.strictObject({
  name: headerText(200, 'A name'),
  address: headerText(320, 'An address').trim(),
});
const addressList = z.array(address).max(500, 'A message can have at most 500 recipients in each field.');

const cursor = z.string().max(20).nullable();
const limit = z.number().int().min(1).max(200);
const html = (max: number) => z.string().max(max, `The text is too long (at most ${Math.round(max / 1000)} thousand characters).`);
const templateId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'Not a template id.');
const agentNode = z.string().regex(/^[0-9a-f]{16}$/, 'Not an agent id.');
/** The largest attachment one call can carry: the RPC message limit is 4 MB. */
const MAX_ATTACHMENT_BASE64 = 3_900_000;

export const composeSchemas: DomainSchemas<keyof ComposeMethods> = {
  'compose.start': z.strictObject({
    accountId: rowId.nullable(),
    conversationId: rowId.nullable(),
    mode: z.enum(['reply', 'replyAll', 'forward', 'new']),
    messageId: rowId.nullable(),
    language: z.enum(['en', 'de']).optional(),
  }),
  'drafts.save': z.strictObject({
    id: rowId,
    to: addressList,
    cc: addressList,
    bcc: addressList,
    subject: headerText(998, 'The subject'),
    html: html(2_000_000),
  }),
  'drafts.get': z.strictObject({ id: rowId }),
  'drafts.list': z.strictObject({ conversationId: rowId.nullable() }),
  'drafts.summaries': z.strictObject({}),
  'drafts.discard': z.strictObject({ id: rowId }),
  'drafts.attach': z.strictObject({
    draftId: rowId,
    filename: z.string().trim().min(1, 'The file has no name.').max(255, 'The file name is too long.').regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'The file name cannot contain slashes or control characters.'),
    contentType: z.string().max(200).regex(/^[A-Za-z0-9][\w!#$&^.+-]*\/[\w!#$&^.+-]+$/, 'Not a content type (like image/png).'),
    dataBase64: z
      .string()
      .min(1, 'The file is empty.')
      .max(MAX_ATTACHMENT_BASE64, 'The file is too large to attach (at most about 2.8 MB per file).')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64.'),
  }),
  'drafts.detach': z.strictObject({ draftId: rowId, attachmentId: rowId }),
  'outbox.send': z.strictObject({
    draftId: rowId,
    sendAt: z.number().int().min(0).max(8_640_000_000_000).nullable(),
    seenMessageIds: z.array(rowId).max(10_000),
    confirmCollision: z.boolean(),
    thenStatus: z.literal('done').optional(),
  }),
  'outbox.cancel': z.strictObject({ id: rowId }),
  'outbox.list': z.strictObject({}),
  'outbox.delegate': z.strictObject({
    conversationId: rowId,
    to: z.email('Enter a valid email address.').max(320),
    note: z.string().max(20_000, 'The note can be at most 20,000 characters long.'),
  }),
  'templates.list': z.strictObject({ query: z.string().max(200) }),
  'templates.save': z.strictObject({
    id: templateId.optional(),
    name: z.string().trim().min(1, 'Give the template a name.').max(200, 'A template name can be at most 200 characters long.'),
    shortcut: z.string().trim().max(50, 'A shortcut can be at most 50 characters long.').regex(/^\S*$/, 'A shortcut is one word without spaces.'),
    body: html(100_000),
  }),
  'templates.delete': z.strictObject({ id: templateId }),
  'templates.render': z.strictObject({ templateId, draftId: rowId }),
  'signatures.get': z.strictObject({ accountId: rowId }),
  'signatures.save': z.strictObject({ accountId: rowId, agent: agentNode.nullable(), html: html(100_000) }),
  'branding.get': z.strictObject({ accountId: rowId }),
  'branding.save': z.strictObject({
    accountId: rowId,
    headerHtml: html(100_000),
    footerHtml: html(100_000),
    accentColour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb.'),
    logoDataUrl: z
      .string()
      .max(200_000, 'The logo is too large (at most about 150 KB).')
      .regex(/^(data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)?$/, 'The logo must be a PNG, JPEG, GIF or WebP image.'),
  }),
  'compose.settings': z.strictObject({}),
  'compose.saveSettings': z.strictObject({
    undoSeconds: z.number().int().min(0, 'The undo time cannot be negative.').max(120, 'The undo time can be at most 120 seconds.'),
    sentCopy: z.record(z.string().regex(/^[1-9][0-9]{0,15}$/), z.enum(['append', 'server-saves'])),
  }),
  'audit.outgoing': z.strictObject({ cursor, limit }),
  'audit.incoming': z.strictObject({ cursor, limit }),
};
