/**
 * Which folders of a mailbox are synced, and what role each plays.
 *
 * The role comes from the server's SPECIAL-USE attribute (RFC 6154) when it
 * has one; otherwise from the folder's name — imapflow knows the localized
 * names of common clients ("Gesendet", "Elementos enviados"), and a few more
 * English names servers use are added here. Each role goes to at most one
 * folder (the first listed); a second "Sent" is a custom folder.
 *
 * Not synced: folders that cannot hold messages (\Noselect, \NonExistent),
 * and virtual folders that only mirror others (\All, \Flagged, Gmail's
 * "Important"): syncing them would fetch the whole mailbox a second time.
 */
import type { MessageFolderRole } from '../../../src-preload/api.ts';

export interface ListEntry {
  path: string;
  name: string;
  delimiter: string | null;
  flags: ReadonlySet<string>;
  specialUse?: string | undefined;
}

export interface RoledEntry extends ListEntry {
  role: MessageFolderRole;
}

const bySpecialUse: Record<string, MessageFolderRole> = {
  '\\sent': 'sent',
  '\\drafts': 'drafts',
  '\\archive': 'archive',
  '\\junk': 'junk',
  '\\trash': 'trash',
};

const byName: Record<string, MessageFolderRole> = {
  archive: 'archive',
  archives: 'archive',
  spam: 'junk',
  'junk e-mail': 'junk',
  'junk email': 'junk',
  bulk: 'junk',
  'deleted items': 'trash',
  'deleted messages': 'trash',
  bin: 'trash',
  'sent items': 'sent',
  'sent messages': 'sent',
  'sent mail': 'sent',
};

const VIRTUAL = new Set(['\\all', '\\flagged', '\\important']);

function lowerFlags(flags: ReadonlySet<string>): Set<string> {
  return new Set([...flags].map((f) => f.toLowerCase()));
}

/** Whether a listed folder holds messages of its own that we should mirror. */
export function isSyncable(entry: ListEntry, skip: (path: string) => boolean = () => false): boolean {
  const flags = lowerFlags(entry.flags);
  if (flags.has('\\noselect') || flags.has('\\nonexistent')) return false;
  if ([...flags].some((f) => VIRTUAL.has(f))) return false;
  if (entry.specialUse && VIRTUAL.has(entry.specialUse.toLowerCase())) return false;
  return !skip(entry.path);
}

function candidateRole(entry: ListEntry): MessageFolderRole {
  if (entry.path.toUpperCase() === 'INBOX') return 'inbox';
  const fromServer = entry.specialUse ? bySpecialUse[entry.specialUse.toLowerCase()] : undefined;
  if (fromServer) return fromServer;
  return byName[entry.name.trim().toLowerCase()] ?? 'other';
}

/** Roles for the syncable folders, one folder per role; SPECIAL-USE flags win over names. */
export function assignRoles(entries: readonly ListEntry[]): RoledEntry[] {
  const out: RoledEntry[] = entries.map((e) => ({ ...e, role: 'other' }));
  const taken = new Set<MessageFolderRole>();
  // Attribute-flagged folders first, so "Sent" by name cannot take the slot of a \Sent folder.
  const flagged = (e: ListEntry): boolean => [...lowerFlags(e.flags)].some((f) => f in bySpecialUse);
  const order = out.map((e, i) => ({ e, i })).sort((a, b) => Number(flagged(b.e)) - Number(flagged(a.e)) || a.i - b.i);
  for (const { e } of order) {
    const role = candidateRole(e);
    if (role === 'other' || taken.has(role)) continue;
    taken.add(role);
    e.role = role;
  }
  return out;
}

/** Where a move to a role goes when the server has no folder with that role yet. */
export const defaultPathForRole: Record<'inbox' | 'archive' | 'junk' | 'trash', string> = {
  inbox: 'INBOX',
  archive: 'Archive',
  junk: 'Junk',
  trash: 'Trash',
};
