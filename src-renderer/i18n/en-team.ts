/** English strings of team sync (status line, team settings); spread into `en`. */
import type { CatalogueEntry } from './catalogue.ts';

export const enTeam = {
  'teamSync.disabled': 'Team sync is off: connect the shared mailbox to share assignments with colleagues.',
  'teamSync.connecting': 'Connecting to the team…',
  'teamSync.connected': 'Team in sync',
  'teamSync.offline': 'Team offline — your changes are kept and sent when it is back',
  'teamSync.locked': 'Team changes are locked',
  'teamSync.lastHeard': 'Last heard from the team {when}',
  'teamSync.neverHeard': 'Not heard from the team yet',
  'teamSync.pending': { one: '{count} change waiting to be sent', other: '{count} changes waiting to be sent' },
  'teamSync.settings': 'Team settings',
  'teamSettings.title': 'Team sync',
  'teamSettings.intro': 'Assignments, statuses, tags, notes and templates travel between your team’s desktops through a hidden folder of the shared mailbox. No other server is involved.',
  'teamSettings.mailbox': 'Mailbox that carries team state',
  'teamSettings.folder': 'Team folder',
  'teamSettings.folderHint': 'Every desktop of the team must use the same folder.',
  'teamSettings.passphrase': 'Team passphrase (optional)',
  'teamSettings.passphraseHint': 'With a passphrase, only desktops that know it can read or change team state. Leave empty for none.',
  'teamSettings.passphraseShort': 'A team passphrase has at least 8 characters.',
  'teamSettings.save': 'Save team settings',
  'teamSettings.saved': 'Team settings saved.',
  'teamSettings.failed': 'The team settings could not be saved. {reason}',
  'teamSettings.noMailbox': 'Connect a mailbox first: team state travels through it.',
} satisfies Record<string, CatalogueEntry>;
