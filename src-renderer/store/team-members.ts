/** Looking people up in the team directory: pure, so the words built from it are testable without the store. */
import type { AssigneeRef, TeamDirectory, TeamMember } from '../../src-preload/api.ts';

/** An agent or group by ref; a placeholder for refs the directory does not know yet (a colleague's op arrived first). */
export function memberOf(directory: TeamDirectory | null, ref: AssigneeRef): TeamMember {
  const known = directory?.agents.find((a) => a.ref === ref) ?? directory?.groups.find((g) => g.ref === ref);
  if (known) return known;
  if (directory?.me?.ref === ref) return { ref, name: directory.me.name, address: directory.me.address, colour: directory.me.colour, members: [] };
  return { ref, name: ref.replace(/^(agent|group):/, ''), address: null, colour: '#8a94a2', members: [] };
}

/** Groups this desktop's agent belongs to. */
export function myGroups(directory: TeamDirectory | null): AssigneeRef[] {
  const me = directory?.me?.ref;
  if (!me || !directory) return [];
  return directory.groups.filter((g) => g.members.includes(me)).map((g) => g.ref);
}
