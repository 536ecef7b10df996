/**
 * Runtime validation of every message that reaches core from a renderer.
 * `paramSchemas` is typed against DeskMethods, so a schema that drifts from
 * the contract in src-preload/api.ts is a compile error, and a method added
 * to the contract without a schema is one too.
 */
import { z } from 'zod';
import type { DeskMethodName, DeskParams } from '../../../src-preload/api.ts';
import { composeSchemas } from '../compose/compose.schemas.ts';
import { teamSchemas } from '../team/team.schemas.ts';
import { triageSchemas } from '../triage/triage.schemas.ts';
import { rulesSchemas } from '../rules/rules.schemas.ts';

const serverSettings = z.strictObject({
  host: z.string().trim().min(1, 'Enter the server name.').max(253).regex(/^[^\s/]+$/, 'A server name has no spaces or slashes.'),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().min(1, 'Enter the user name.').max(320),
  password: z.string().min(1, 'Enter the password.').max(1024),
});

const accountSettings = z.strictObject({
  name: z.string().trim().min(1, 'Give the mailbox a name.').max(100),
  email: z.email('Enter a valid email address.').max(320),
  imap: serverSettings,
  smtp: serverSettings,
});

const noParams = z.strictObject({});
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const moveTarget = z.enum(['inbox', 'archive', 'junk', 'trash']);

// An empty password keeps the saved one (AccountUpdateInput).
const keptPassword = z.string().max(1024);
const accountUpdate = z.strictObject({
  accountId: rowId,
  name: accountSettings.shape.name,
  email: accountSettings.shape.email,
  imap: z.strictObject({ port: serverSettings.shape.port, security: serverSettings.shape.security, password: keptPassword }),
  smtp: serverSettings.extend({ password: keptPassword }),
});

type Schemas = { [M in DeskMethodName]: z.ZodType<DeskParams<M>> };

export const paramSchemas: Schemas = {
  ...triageSchemas,
  ...composeSchemas,
  ...teamSchemas,
  ...rulesSchemas,
  'app.info': noParams,
  'workspace.openDemo': noParams,
  'workspace.removeDemo': noParams,
  'accounts.list': noParams,
  'accounts.test': accountSettings,
  'accounts.connect': accountSettings,
  'accounts.settings': z.strictObject({ accountId: rowId }),
  'accounts.testUpdate': accountUpdate,
  'accounts.update': accountUpdate,
  'accounts.remove': z.strictObject({ accountId: rowId }),
  'accounts.syncNow': z.strictObject({ accountId: rowId }),
  'messages.list': z.strictObject({
    accountId: rowId.nullable(),
    folder: z.enum(['inbox', 'sent', 'junk', 'archive', 'drafts', 'trash', 'other']),
    folderId: rowId.optional(),
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(500),
  }),
  'messages.get': z.strictObject({ id: rowId }),
  'messages.original': z.strictObject({ id: rowId }),
  'messages.setRead': z.strictObject({ ids: z.array(rowId).min(1).max(10_000), read: z.boolean() }),
  'messages.move': z.union([
    z.strictObject({ ids: z.array(rowId).min(1).max(10_000), to: moveTarget }),
    z.strictObject({ conversationIds: z.array(rowId).min(1).max(10_000), to: moveTarget }),
  ]),
  'messages.moveBack': z.strictObject({ moves: z.array(z.strictObject({ id: rowId, folderId: rowId })).min(1).max(10_000) }),
  'folders.list': z.strictObject({ accountId: rowId.nullable() }),
  'attachments.get': z.strictObject({ id: rowId }),
  'conversations.list': z.strictObject({
    accountId: rowId.nullable(),
    folder: z.enum(['inbox', 'sent', 'junk', 'archive', 'drafts', 'trash', 'other']),
    folderId: rowId.optional(),
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(500),
  }),
  'conversations.get': z.strictObject({ id: rowId }),
  'conversations.split': z.strictObject({ messageId: rowId }),
  'conversations.merge': z.strictObject({ targetId: rowId, sourceId: rowId }),
  'search.query': z.strictObject({
    query: z.string().max(1000, 'A search can be at most 1000 characters long.'),
    accountId: rowId.nullable(),
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(200),
  }),
  'search.counts': z.strictObject({
    queries: z.array(z.string().max(1000, 'A search can be at most 1000 characters long.')).max(100, 'At most 100 searches are counted at once.'),
    accountId: rowId.nullable(),
  }),
  'contacts.get': z.strictObject({ id: rowId }),
  'contacts.merge': z.strictObject({ targetId: rowId, sourceId: rowId }),
  'contacts.unmerge': z.strictObject({ id: rowId, address: z.string().trim().min(3).max(320) }),
  'contacts.setBlocked': z.strictObject({ id: rowId, blocked: z.boolean() }),
  'contacts.setTags': z.strictObject({ id: rowId, tags: z.array(z.string().max(60, 'A tag can be at most 60 characters long.')).max(50) }),
  'contacts.setRemoteImages': z.strictObject({ id: rowId, allowed: z.boolean() }),
  'contacts.importCsv': z.strictObject({ csv: z.string().min(1, 'The file is empty.').max(4_000_000, 'The file is too large; split it into parts under 4 MB.') }),
};

export const callEnvelope = z.strictObject({
  kind: z.literal('call'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  params: z.unknown(),
});

export function isMethodName(name: string): name is DeskMethodName {
  return Object.prototype.hasOwnProperty.call(paramSchemas, name);
}

/** `params.imap.port: Invalid input: expected number` — one line per problem, for logs and the UI. */
export function describeIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`);
}
