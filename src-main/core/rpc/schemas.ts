/**
 * Runtime validation of every message that reaches core from a renderer.
 * `paramSchemas` is typed against DeskMethods, so a schema that drifts from
 * the contract in src-preload/api.ts is a compile error, and a method added
 * to the contract without a schema is one too.
 */
import { z } from 'zod';
import type { DeskMethodName, DeskParams } from '../../../src-preload/api.ts';

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

type Schemas = { [M in DeskMethodName]: z.ZodType<DeskParams<M>> };

export const paramSchemas: Schemas = {
  'app.info': noParams,
  'workspace.openDemo': noParams,
  'workspace.removeDemo': noParams,
  'accounts.list': noParams,
  'accounts.test': accountSettings,
  'accounts.connect': accountSettings,
  'accounts.remove': z.strictObject({ accountId: rowId }),
  'accounts.syncNow': z.strictObject({ accountId: rowId }),
  'messages.list': z.strictObject({
    accountId: rowId.nullable(),
    folder: z.enum(['inbox', 'sent', 'junk', 'archive', 'drafts', 'trash', 'other']),
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(500),
  }),
  'messages.get': z.strictObject({ id: rowId }),
  'messages.setRead': z.strictObject({ ids: z.array(rowId).min(1).max(10_000), read: z.boolean() }),
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
