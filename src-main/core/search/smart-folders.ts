/**
 * Smart folders: saved searches the whole team sees in the sidebar ("VIP
 * waiting": `tag:vip status:pending`). A folder is only a name and a query in
 * the search box's language (query-parser.ts), so it always shows what the
 * search would show now: new mail, a status change, a tag, all without a
 * stored membership to keep up to date.
 *
 *   smartfolder:<id>   name | query | deleted
 *
 * Team state like groups and templates: values come from other desktops, so
 * they are validated when read and a malformed folder is left out.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { SmartFolder } from '../../../src-preload/api.ts';
import { opsWithEntityPrefix } from '../db/team.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { foldByEntity } from '../team/ops.ts';

export const SMART_FOLDER_PREFIX = 'smartfolder:';
export const SMART_FOLDER_NAME_MAX = 80;
export const SMART_FOLDER_QUERY_MAX = 500;

const nameSchema = z.string().trim().min(1).max(SMART_FOLDER_NAME_MAX);
const querySchema = z.string().trim().min(1).max(SMART_FOLDER_QUERY_MAX);

export function listSmartFolders(db: Database): SmartFolder[] {
  const folders: SmartFolder[] = [];
  for (const [entity, cells] of foldByEntity(opsWithEntityPrefix(db, SMART_FOLDER_PREFIX))) {
    if (cells.get('deleted')?.value === true) continue;
    const name = nameSchema.safeParse(cells.get('name')?.value);
    const query = querySchema.safeParse(cells.get('query')?.value);
    if (name.success && query.success) folders.push({ id: entity.slice(SMART_FOLDER_PREFIX.length), name: name.data, query: query.data });
  }
  return folders.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function saveSmartFolder(actor: LocalActor, input: { id?: string | undefined; name: string; query: string }): SmartFolder {
  const folder = { id: input.id ?? crypto.randomUUID(), name: nameSchema.parse(input.name), query: querySchema.parse(input.query) };
  const entity = SMART_FOLDER_PREFIX + folder.id;
  actor.record([
    { entity, field: 'name', value: folder.name },
    { entity, field: 'query', value: folder.query },
    { entity, field: 'deleted', value: false },
  ]);
  return folder;
}

export function deleteSmartFolder(actor: LocalActor, id: string): void {
  actor.record([{ entity: SMART_FOLDER_PREFIX + id, field: 'deleted', value: true }]);
}
