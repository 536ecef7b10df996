import { z } from 'zod';
import type { TeamMethods } from '../../../src-preload/api.ts';
import type { DomainSchemas } from '../rpc/schema-types.ts';

const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const teamSchemas: DomainSchemas<keyof TeamMethods> = {
  'team.health': z.strictObject({}),
  'team.configure': z.strictObject({
    accountId: rowId,
    folder: z.string().trim().min(1, 'Name the team folder.').max(200).regex(/^[^\\*%]+$/, 'A folder name cannot contain \\, * or %.'),
    passphrase: z.string().min(8, 'A team passphrase has at least 8 characters.').max(1024).nullable(),
  }),
  'presence.set': z.strictObject({ conversationId: rowId, activity: z.enum(['viewing', 'replying']).nullable() }),
};
