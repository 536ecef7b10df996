/** Runtime validation of the triage methods' params (the contract is src-preload/contract/triage.ts). */
import { z } from 'zod';
import type { TriageMethods } from '../../../src-preload/api.ts';
import type { DomainSchemas } from '../rpc/schema-types.ts';
import { DRAWER_PATTERN } from './drawers.ts';
import { triageSettingsSchema } from './triage-settings.ts';
import { SMART_FOLDER_NAME_MAX, SMART_FOLDER_QUERY_MAX } from '../search/smart-folders.ts';

const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const noParams = z.strictObject({});
const epochMs = z.number().int('A time is a whole number of milliseconds.').min(0).max(8_640_000_000_000_000, 'That date is out of range.');
const agentRef = z.string().regex(/^agent:[0-9a-f]{16}$/, 'Choose a colleague from the team list.');
const assigneeRef = z.string().regex(/^(agent:[0-9a-f]{16}|group:[0-9a-z-]{1,64})$/, 'Choose a colleague or a group from the team list.');
const tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(60, 'A tag can be at most 60 characters long.')
  .regex(/^[^\u0000-\u001f]+$/, 'A tag cannot contain control characters.');
const smartFolderId = z.string().regex(/^[0-9a-z-]{1,64}$/, 'That is not a smart folder id.');
const note = z.string().max(20_000, 'A note can be at most 20,000 characters long.');
const noteId = z.string().regex(/^note:[0-9a-f-]{36}$/, 'Not a note.');

const action = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), status: z.enum(['new', 'pending', 'waiting', 'on_hold', 'done', 'closed', 'spam']) }),
  z.strictObject({ kind: z.literal('assign'), assignee: assigneeRef.nullable(), note: note.optional() }),
  z.strictObject({ kind: z.literal('tags'), add: z.array(tag).max(50), remove: z.array(tag).max(50) }),
  z.strictObject({ kind: z.literal('priority'), priority: z.enum(['low', 'normal', 'high', 'urgent']) }),
  z.strictObject({ kind: z.literal('deadline'), at: epochMs.nullable() }),
  z.strictObject({ kind: z.literal('snooze'), until: epochMs }),
  z.strictObject({ kind: z.literal('unsnooze') }),
  z.strictObject({ kind: z.literal('share'), agent: agentRef, note: note.optional() }),
  z.strictObject({ kind: z.literal('follow'), follow: z.boolean() }),
]);

const YEAR_MS = 366 * 86_400_000;

export const triageSchemas: DomainSchemas<keyof TriageMethods> = {
  'triage.report': z
    .strictObject({ accountId: rowId.nullable(), from: epochMs, to: epochMs })
    .refine((p) => p.to > p.from, 'A report\'s period must end after it starts.')
    .refine((p) => p.to - p.from <= YEAR_MS, 'A report covers at most a year.'),
  'triage.list': z.strictObject({
    drawer: z.string().max(200).regex(DRAWER_PATTERN, 'That is not a drawer of the sidebar.'),
    accountId: rowId.nullable(),
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(500),
    order: z.enum(['newest', 'oldest']).optional(),
  }),
  'triage.counts': z.strictObject({ accountId: rowId.nullable() }),
  'triage.get': z.strictObject({ conversationId: rowId }),
  'triage.apply': z.strictObject({
    conversationIds: z.array(rowId).min(1, 'Select at least one conversation.').max(10_000, 'Select at most 10,000 conversations at a time.'),
    action,
  }),
  'triage.undo': z.strictObject({ undoToken: z.string().min(1).max(100) }),
  'notes.add': z.strictObject({ conversationId: rowId, markdown: note.trim().min(1, 'Write something in the note first.') }),
  'notes.edit': z.strictObject({ conversationId: rowId, noteId: noteId, markdown: note.trim().min(1, 'A note cannot be empty; delete it instead.') }),
  'notes.delete': z.strictObject({ conversationId: rowId, noteId: noteId }),
  'notes.logCall': z.strictObject({
    conversationId: rowId,
    direction: z.enum(['inbound', 'outbound']),
    minutes: z.number().min(0, 'A call cannot last less than nothing.').max(1440, 'A call can be logged with at most 24 hours.'),
    summary: z.string().trim().max(5_000, 'A call summary can be at most 5,000 characters long.'),
  }),
  'team.directory': noParams,
  'agent.set': z.strictObject({
    name: z.string().trim().min(1, 'Enter your name.').max(100, 'A name can be at most 100 characters long.'),
    address: z.email('Enter a valid email address.').max(320),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour looks like #2563eb.').optional(),
  }),
  'groups.save': z.strictObject({
    id: z.string().regex(/^[0-9a-z-]{1,64}$/, 'That is not a group id.').optional(),
    name: z.string().trim().min(1, 'Give the group a name.').max(100, 'A group name can be at most 100 characters long.'),
    members: z.array(agentRef).max(500, 'A group can have at most 500 members.'),
  }),
  'smartFolders.save': z.strictObject({
    id: smartFolderId.optional(),
    name: z.string().trim().min(1, 'Give the smart folder a name.').max(SMART_FOLDER_NAME_MAX, `A smart folder's name can be at most ${SMART_FOLDER_NAME_MAX} characters long.`),
    query: z.string().trim().min(1, 'A smart folder needs a search.').max(SMART_FOLDER_QUERY_MAX, `A smart folder's search can be at most ${SMART_FOLDER_QUERY_MAX} characters long.`),
  }),
  'smartFolders.delete': z.strictObject({ id: smartFolderId }),
  'triage.settings': noParams,
  'triage.saveSettings': triageSettingsSchema,
};
