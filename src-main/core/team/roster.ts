/**
 * The team: agents and groups, known only from ops (there is no server to
 * ask). Each desktop publishes its own agent profile; groups are edited by
 * anyone. Values come from other desktops, so they are validated when read:
 * a malformed value is ignored, never shown.
 *
 *   agent:<node>  name | address | colour
 *   group:<id>    name | members (node ids) | deleted
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { opsWithEntityPrefix } from '../db/team.repo.ts';
import type { LocalActor } from './local-actor.ts';
import type { Op } from './ops.ts';
import { foldByEntity } from './ops.ts';

export const AGENT_PREFIX = 'agent:';
export const GROUP_PREFIX = 'group:';

export function agentEntity(node: string): string {
  return AGENT_PREFIX + node;
}

export function groupEntity(id: string): string {
  return GROUP_PREFIX + id;
}

export interface TeamAgent {
  node: string;
  name: string;
  address: string;
  colour: string;
}

export interface TeamGroup {
  id: string;
  name: string;
  members: string[];
}

const name = z.string().trim().min(1).max(100);
const address = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+$/, 'not an email address');
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
const node = z.string().regex(/^[0-9a-f]{16}$/);

export const agentProfileSchema = z.strictObject({ name, address, colour: colour.optional() });
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export const groupInputSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-z-]{1,64}$/).optional(),
  name,
  members: z.array(node).max(500),
});
export type GroupInput = z.infer<typeof groupInputSchema>;

// Distinct at a glance on light and dark backgrounds.
const PALETTE = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626', '#4f46e5', '#059669'];

/** A colour every desktop picks the same way for an agent that chose none. */
export function defaultColour(agentNode: string): string {
  const n = crypto.createHash('sha256').update(agentNode).digest().readUInt32BE(0);
  return PALETTE[n % PALETTE.length] as string;
}

/** Publishes this desktop's agent profile to the team. Throws a ZodError on bad input. */
export function publishAgentProfile(actor: LocalActor, profile: AgentProfile): Op[] {
  const p = agentProfileSchema.parse(profile);
  const entity = agentEntity(actor.node);
  return actor.record([
    { entity, field: 'name', value: p.name },
    { entity, field: 'address', value: p.address.toLowerCase() },
    { entity, field: 'colour', value: (p.colour ?? defaultColour(actor.node)).toLowerCase() },
  ]);
}

/** Creates or updates a group; returns its id. Throws a ZodError on bad input. */
export function saveGroup(actor: LocalActor, input: GroupInput): string {
  const g = groupInputSchema.parse(input);
  const id = g.id ?? crypto.randomUUID();
  const entity = groupEntity(id);
  actor.record([
    { entity, field: 'name', value: g.name },
    { entity, field: 'members', value: [...new Set(g.members)].sort() },
    { entity, field: 'deleted', value: false },
  ]);
  return id;
}

export function deleteGroup(actor: LocalActor, id: string): void {
  actor.record([{ entity: groupEntity(id), field: 'deleted', value: true }]);
}

const cellsByEntity = foldByEntity;

/** Agents that published a valid name and address, by name. */
export function listAgents(db: Database): TeamAgent[] {
  const agents: TeamAgent[] = [];
  // Only an agent's own desktop may describe it: ops by anyone else on `agent:<node>` are ignored.
  const own = opsWithEntityPrefix(db, AGENT_PREFIX).filter((op) => op.entity === agentEntity(op.actor));
  for (const [entity, cells] of cellsByEntity(own)) {
    const id = entity.slice(AGENT_PREFIX.length);
    const n = name.safeParse(cells.get('name')?.value);
    const a = address.safeParse(cells.get('address')?.value);
    if (!n.success || !a.success) continue;
    const c = colour.safeParse(cells.get('colour')?.value);
    agents.push({ node: id, name: n.data, address: a.data, colour: c.success ? c.data : defaultColour(id) });
  }
  return agents.sort((x, y) => x.name.localeCompare(y.name) || x.node.localeCompare(y.node));
}

export function findAgent(db: Database, agentNode: string): TeamAgent | null {
  return listAgents(db).find((a) => a.node === agentNode) ?? null;
}

export function listGroups(db: Database): TeamGroup[] {
  const groups: TeamGroup[] = [];
  for (const [entity, cells] of cellsByEntity(opsWithEntityPrefix(db, GROUP_PREFIX))) {
    if (cells.get('deleted')?.value === true) continue;
    const n = name.safeParse(cells.get('name')?.value);
    const members = z.array(node).max(500).safeParse(cells.get('members')?.value ?? []);
    if (!n.success) continue;
    groups.push({ id: entity.slice(GROUP_PREFIX.length), name: n.data, members: members.success ? members.data : [] });
  }
  return groups.sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
}
