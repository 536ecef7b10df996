import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../../src-main/core/sync/folder-roles.ts';
import { assignRoles, isSyncable } from '../../../src-main/core/sync/folder-roles.ts';

const entry = (path: string, flags: string[] = [], specialUse?: string): ListEntry => ({
  path,
  name: path.split('/').pop() ?? path,
  delimiter: '/',
  flags: new Set(flags),
  ...(specialUse ? { specialUse } : {}),
});

const roles = (entries: ListEntry[]): Array<[string, string]> => assignRoles(entries).map((e) => [e.path, e.role]);

describe('folder roles', () => {
  it('come from SPECIAL-USE attributes, whatever the folder is called', () => {
    expect(
      roles([
        entry('INBOX'),
        entry('Gesendete Objekte', ['\\Sent'], '\\Sent'),
        entry('Entwürfe', ['\\Drafts'], '\\Drafts'),
        entry('Ablage', ['\\Archive'], '\\Archive'),
        entry('Werbung', ['\\Junk'], '\\Junk'),
        entry('Papierkorb', ['\\Trash'], '\\Trash'),
        entry('Kunden/Acme'),
      ]),
    ).toEqual([
      ['INBOX', 'inbox'],
      ['Gesendete Objekte', 'sent'],
      ['Entwürfe', 'drafts'],
      ['Ablage', 'archive'],
      ['Werbung', 'junk'],
      ['Papierkorb', 'trash'],
      ['Kunden/Acme', 'other'],
    ]);
  });

  it('fall back to common names when the server has no SPECIAL-USE', () => {
    expect(roles([entry('Inbox'), entry('Sent Items'), entry('Deleted Items'), entry('Spam'), entry('Archives'), entry('Projects')])).toEqual([
      ['Inbox', 'inbox'],
      ['Sent Items', 'sent'],
      ['Deleted Items', 'trash'],
      ['Spam', 'junk'],
      ['Archives', 'archive'],
      ['Projects', 'other'],
    ]);
  });

  it('give each role to one folder, and an attribute beats a name', () => {
    expect(roles([entry('Sent'), entry('Sent Messages', ['\\Sent'], '\\Sent'), entry('Trash', [], '\\Trash'), entry('Bin')])).toEqual([
      ['Sent', 'other'],
      ['Sent Messages', 'sent'],
      ['Trash', 'trash'],
      ['Bin', 'other'],
    ]);
  });

  it('leave out folders without messages of their own, virtual ones, and skipped paths', () => {
    expect(isSyncable(entry('[Gmail]', ['\\Noselect']))).toBe(false);
    expect(isSyncable(entry('Gone', ['\\NonExistent']))).toBe(false);
    expect(isSyncable(entry('[Gmail]/All Mail', ['\\All'], '\\All'))).toBe(false);
    expect(isSyncable(entry('[Gmail]/Starred', ['\\Flagged'], '\\Flagged'))).toBe(false);
    expect(isSyncable(entry('Switchboard Team'), (p) => p === 'Switchboard Team')).toBe(false);
    expect(isSyncable(entry('Projects', ['\\HasChildren']))).toBe(true);
  });
});
