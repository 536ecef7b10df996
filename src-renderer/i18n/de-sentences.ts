/** German for the sentences core sends by key; typed against the English ones, spread into `de`. */
import type { CatalogueEntry } from './catalogue.ts';
import type { enSentences } from './en-sentences.ts';

const UNTRUSTED = 'Das Sicherheitszertifikat des Servers ist nicht vertrauenswürdig';
const NO_PASSWORD = 'Switchboard sendet ihm Ihr Passwort nicht.';

export const deSentences: Record<keyof typeof enSentences, CatalogueEntry> = {
  'sentence.signedIn': 'Bei {host} angemeldet.',
  'sentence.acceptsMail': '{host} nimmt E-Mails an.',
  'sentence.authNeedsEncryption': 'Der Server nimmt Passwörter nur über eine verschlüsselte Verbindung an. Wählen Sie SSL/TLS oder STARTTLS.',
  'sentence.authRejected': 'Der Server hat Benutzername oder Passwort abgelehnt.',
  'sentence.certSelfSigned': `${UNTRUSTED} (es ist selbst signiert). ${NO_PASSWORD}`,
  'sentence.certUnknownAuthority': `${UNTRUSTED} (es ist von einer Stelle signiert, die dieser Computer nicht kennt). ${NO_PASSWORD}`,
  'sentence.certExpired': `${UNTRUSTED} (es ist abgelaufen). ${NO_PASSWORD}`,
  'sentence.certNotYetValid': `${UNTRUSTED} (es ist noch nicht gültig). ${NO_PASSWORD}`,
  'sentence.certRevoked': `${UNTRUSTED} (es wurde widerrufen). ${NO_PASSWORD}`,
  'sentence.certWrongName': `${UNTRUSTED} (es wurde für einen anderen Servernamen ausgestellt). ${NO_PASSWORD}`,
  'sentence.certBadSignature': `${UNTRUSTED} (seine Signatur ist ungültig). ${NO_PASSWORD}`,
  'sentence.certNotForPurpose': `${UNTRUSTED} (es gilt nicht für diesen Zweck). ${NO_PASSWORD}`,
  'sentence.certInvalidIssuer': `${UNTRUSTED} (sein Aussteller ist keine gültige Stelle). ${NO_PASSWORD}`,
  'sentence.certOther': `${UNTRUSTED} ({code}). ${NO_PASSWORD}`,
  'sentence.hostLookupFailed': 'Der Name {host} konnte nicht aufgelöst werden. Prüfen Sie Ihre Internetverbindung.',
  'sentence.hostNotFound': 'Es gibt keinen Server namens {host}. Prüfen Sie die Schreibweise.',
  'sentence.connectionRefused': '{host} hat die Verbindung auf Port {port} abgelehnt. Prüfen Sie Port und Sicherheitseinstellung.',
  'sentence.notTls': '{where} antwortet nicht mit SSL/TLS. Versuchen Sie STARTTLS oder den Port für SSL/TLS (meist {tlsPort}).',
  'sentence.starttlsFailed': '{where} hat die STARTTLS-Verschlüsselung nicht eingerichtet. Prüfen Sie Sicherheitseinstellung und Port.',
  'sentence.tlsFailed': 'Eine sichere Verbindung zu {where} kam nicht zustande. Prüfen Sie die Sicherheitseinstellung (SSL/TLS oder STARTTLS) und den Port.',
  'sentence.notImap': 'Der Server auf {where} spricht kein IMAP. Prüfen Sie Port und Sicherheitseinstellung.',
  'sentence.notSmtp': 'Der Server auf {where} spricht kein SMTP. Prüfen Sie Port und Sicherheitseinstellung.',
  'sentence.timeout': '{where} hat nicht rechtzeitig geantwortet. Prüfen Sie Servername, Port und Ihre Internetverbindung.',
  'sentence.unreachable': '{host} ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung.',
  'sentence.connectionClosed': 'Die Verbindung zu {where} wurde unerwartet geschlossen.',
  'sentence.connectionLost': 'Die Verbindung zu {host} ist abgebrochen.',
  'sentence.couldNotConnect': 'Keine Verbindung zu {where} möglich.',
  'sentence.couldNotConnectSaid': 'Keine Verbindung zu {where} möglich ({said}).',
  'sentence.internal':
    'In Switchboard selbst ist ein Fehler aufgetreten, kein Problem des Servers. Wenn er bleibt, senden Sie logs/core.log aus dem Datenordner an den Support.',
  'sentence.diskFull': 'Der Datenträger ist voll, neue E-Mails können nicht gespeichert werden. Geben Sie Platz frei; die Synchronisierung geht dann von selbst weiter.',
  'sentence.cacheDamaged':
    'Der lokale E-Mail-Speicher ist beschädigt. Starten Sie Switchboard neu: Es legt den beschädigten Speicher beiseite und lädt das Postfach neu.',
  'sentence.cacheReadOnly':
    'Der lokale E-Mail-Speicher ist schreibgeschützt, neue E-Mails können nicht gespeichert werden. Prüfen Sie, ob der Datenordner von Switchboard beschreibbar ist.',
  'sentence.cacheBusy': 'Ein anderes Programm hält den lokalen E-Mail-Speicher ({code}). Die Synchronisierung versucht es erneut.',
  'sentence.cacheWriteFailed': 'In den lokalen E-Mail-Speicher konnte nicht geschrieben werden ({code}). Die Synchronisierung versucht es erneut.',
  'sentence.threadingFailed': 'Das Gruppieren der Nachrichten zu Konversationen ist fehlgeschlagen. Es wird erneut versucht, sobald das Konto wieder online ist.',
  'sentence.passwordUnreadable':
    'Das gespeicherte Passwort konnte nicht gelesen werden ({reason}). Geben Sie es in den Einstellungen des Kontos (in der Seitenleiste) erneut ein.',
  'sentence.teamNoPassphrase': 'Team-Änderungen sind mit einer Team-Passphrase geschützt. Geben Sie sie in den Einstellungen ein, um sie zu sehen.',
  'sentence.teamOtherPassphrase': 'Team-Änderungen sind mit einer anderen Team-Passphrase geschützt als der auf diesem Computer eingestellten.',
  'sentence.teamUnsealedRefused': 'Einige Team-Änderungen waren nicht mit der Team-Passphrase geschützt und wurden ignoriert.',
  'sentence.teamTampered': 'Einige Team-Änderungen haben ihre Integritätsprüfung nicht bestanden und wurden ignoriert.',
  'sentence.teamNewerVersion': 'Ein Kollege nutzt ein neueres Switchboard; aktualisieren Sie, um alle Team-Änderungen zu sehen.',
  'sentence.teamForeign': 'Der Team-Ordner enthält Nachrichten, die keine Switchboard-Team-Änderungen sind; sie wurden ignoriert.',
  'sentence.teamSettingsUnreadable': 'Die gespeicherten Team-Einstellungen konnten nicht gelesen werden ({reason}). Legen Sie sie in den Einstellungen erneut fest.',
};
