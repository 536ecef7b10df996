/** German strings of team sync; typed against the English ones, spread into `de`. */
import type { CatalogueEntry } from './catalogue.ts';
import type { enTeam } from './en-team.ts';

export const deTeam: Record<keyof typeof enTeam, CatalogueEntry> = {
  'teamSync.disabled': 'Team-Abgleich ist aus: Verbinden Sie das gemeinsame Postfach, um Zuweisungen mit Kollegen zu teilen.',
  'teamSync.connecting': 'Verbinde mit dem Team…',
  'teamSync.connected': 'Team abgeglichen',
  'teamSync.offline': 'Team offline — Ihre Änderungen bleiben erhalten und werden gesendet, sobald es zurück ist',
  'teamSync.locked': 'Team-Änderungen sind gesperrt',
  'teamSync.lastHeard': 'Zuletzt vom Team gehört {when}',
  'teamSync.neverHeard': 'Noch nichts vom Team gehört',
  'teamSync.pending': { one: '{count} Änderung wartet auf den Versand', other: '{count} Änderungen warten auf den Versand' },
  'teamSync.settings': 'Team-Einstellungen',
  'teamSettings.title': 'Team-Abgleich',
  'teamSettings.intro': 'Zuweisungen, Status, Schlagwörter, Notizen und Vorlagen gelangen über einen versteckten Ordner des gemeinsamen Postfachs zwischen den Rechnern Ihres Teams. Kein anderer Server ist beteiligt.',
  'teamSettings.mailbox': 'Postfach für den Team-Abgleich',
  'teamSettings.folder': 'Team-Ordner',
  'teamSettings.folderHint': 'Alle Rechner des Teams müssen denselben Ordner verwenden.',
  'teamSettings.passphrase': 'Team-Passphrase (optional)',
  'teamSettings.passphraseHint': 'Mit einer Passphrase können nur Rechner, die sie kennen, den Team-Stand lesen oder ändern. Leer lassen für keine.',
  'teamSettings.passphraseShort': 'Eine Team-Passphrase hat mindestens 8 Zeichen.',
  'teamSettings.save': 'Team-Einstellungen speichern',
  'teamSettings.saved': 'Team-Einstellungen gespeichert.',
  'teamSettings.failed': 'Die Team-Einstellungen konnten nicht gespeichert werden. {reason}',
  'teamSettings.noMailbox': 'Verbinden Sie zuerst ein Postfach: Der Team-Stand wird darüber ausgetauscht.',
};
