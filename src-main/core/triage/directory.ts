/**
 * Who is who for triage: this desktop's agent ("me"), the team's agents and
 * groups (team/roster.ts, known only from ops), and the refs that make a
 * conversation "mine" (my agent ref and every group I belong to).
 */
import type { Database } from 'better-sqlite3';
import type { AgentIdentity, TeamDirectory, TeamMember } from '../../../src-preload/api.ts';
import { knownTags } from '../db/triage.repo.ts';
import { listSmartFolders } from '../search/smart-folders.ts';
import type { TeamAgent, TeamGroup } from '../team/roster.ts';
import { AGENT_PREFIX, agentEntity, defaultColour, GROUP_PREFIX, groupEntity, listAgents, listGroups } from '../team/roster.ts';

export function agentRef(node: string): string {
  return agentEntity(node);
}

export function nodeOfRef(ref: string): string | null {
  return ref.startsWith(AGENT_PREFIX) ? ref.slice(AGENT_PREFIX.length) : null;
}

export function identityOf(agent: TeamAgent): AgentIdentity {
  return { ref: agentRef(agent.node), name: agent.name, address: agent.address, colour: agent.colour };
}

export function agentMember(agent: TeamAgent): TeamMember {
  return { ref: agentRef(agent.node), name: agent.name, address: agent.address, colour: agent.colour, members: [] };
}

export function groupMember(group: TeamGroup): TeamMember {
  return { ref: groupEntity(group.id), name: group.name, address: null, colour: defaultColour(group.id), members: group.members.map(agentRef) };
}

/** My agent ref and the refs of my groups, sorted (compared to notice a change). */
export function myRefs(db: Database, node: string): string[] {
  const refs = [agentRef(node)];
  for (const g of listGroups(db)) if (g.members.includes(node)) refs.push(GROUP_PREFIX + g.id);
  return refs.sort();
}

export function buildDirectory(db: Database, node: string): TeamDirectory {
  const agents = listAgents(db);
  const me = agents.find((a) => a.node === node);
  return {
    me: me ? identityOf(me) : null,
    agents: agents.map(agentMember),
    groups: listGroups(db).map(groupMember),
    tags: knownTags(db),
    smartFolders: listSmartFolders(db),
  };
}

/** Agents by node, for the timeline's authors and the names in notifications. */
export class TeamNames {
  private readonly agents: Map<string, TeamAgent>;

  constructor(db: Database) {
    this.agents = new Map(listAgents(db).map((a) => [agentRef(a.node), a]));
  }

  identity(node: string): AgentIdentity | null {
    const a = this.agents.get(agentRef(node));
    return a ? identityOf(a) : null;
  }

  agentsList(): TeamAgent[] {
    return [...this.agents.values()];
  }
}
