/**
 * English sentences core sends by key (connection checks, account and team-sync health);
 * spread into `en`. They must read exactly as core's own English
 * (src-main/core/sentences.ts), which a test checks: core logs that, the agent reads this.
 */
import type { SentenceKey } from '../../src-preload/api.ts';
import type { CatalogueEntry } from './catalogue.ts';

export const enSentences = {
  'sentence.signedIn': 'Signed in to {host}.',
  'sentence.acceptsMail': '{host} accepts mail.',
  'sentence.authNeedsEncryption': 'The server accepts passwords only over an encrypted connection. Choose SSL/TLS or STARTTLS.',
  'sentence.authRejected': 'The server rejected the user name or password.',
  'sentence.certSelfSigned': "The server's security certificate is not trusted (it is self-signed). Switchboard will not send your password to it.",
  'sentence.certUnknownAuthority': "The server's security certificate is not trusted (it is signed by an authority this computer does not know). Switchboard will not send your password to it.",
  'sentence.certExpired': "The server's security certificate is not trusted (it has expired). Switchboard will not send your password to it.",
  'sentence.certNotYetValid': "The server's security certificate is not trusted (it is not valid yet). Switchboard will not send your password to it.",
  'sentence.certRevoked': "The server's security certificate is not trusted (it has been revoked). Switchboard will not send your password to it.",
  'sentence.certWrongName': "The server's security certificate is not trusted (it was issued for a different server name). Switchboard will not send your password to it.",
  'sentence.certBadSignature': "The server's security certificate is not trusted (its signature is invalid). Switchboard will not send your password to it.",
  'sentence.certNotForPurpose': "The server's security certificate is not trusted (it is not trusted for this purpose). Switchboard will not send your password to it.",
  'sentence.certInvalidIssuer': "The server's security certificate is not trusted (its issuer is not a valid authority). Switchboard will not send your password to it.",
  'sentence.certOther': "The server's security certificate is not trusted ({code}). Switchboard will not send your password to it.",
  'sentence.hostLookupFailed': 'The name {host} could not be looked up. Check your internet connection.',
  'sentence.hostNotFound': 'No server called {host} could be found. Check the spelling.',
  'sentence.connectionRefused': '{host} refused the connection on port {port}. Check the port and security settings.',
  'sentence.notTls': '{where} does not answer with SSL/TLS. Try STARTTLS, or the port for SSL/TLS (usually {tlsPort}).',
  'sentence.starttlsFailed': '{where} did not set up STARTTLS encryption. Check the security setting and the port.',
  'sentence.tlsFailed': 'A secure connection to {where} could not be set up. Check the security setting (SSL/TLS or STARTTLS) and the port.',
  'sentence.notImap': 'The server on {where} does not speak IMAP. Check the port and security settings.',
  'sentence.notSmtp': 'The server on {where} does not speak SMTP. Check the port and security settings.',
  'sentence.timeout': '{where} did not answer in time. Check the server name, the port and your internet connection.',
  'sentence.unreachable': '{host} cannot be reached. Check your internet connection.',
  'sentence.connectionClosed': 'The connection to {where} was closed unexpectedly.',
  'sentence.connectionLost': 'The connection to {host} was lost.',
  'sentence.couldNotConnect': 'Could not connect to {where}.',
  'sentence.couldNotConnectSaid': 'Could not connect to {where} ({said}).',
  'sentence.internal': 'Switchboard hit an error of its own, not a problem with the server. If this stays, send logs/core.log from its data folder to support.',
  'sentence.diskFull': 'The disk is full, so new mail cannot be stored. Free some space; syncing resumes by itself.',
  'sentence.cacheDamaged': 'The local mail cache is damaged. Restart Switchboard: it sets the damaged cache aside and fetches the mailbox again.',
  'sentence.cacheReadOnly': "The local mail cache is read-only, so new mail cannot be stored. Check that Switchboard's data folder can be written to.",
  'sentence.cacheBusy': 'The local mail cache is held by another program ({code}). Syncing will try again.',
  'sentence.cacheWriteFailed': 'The local mail cache could not be written ({code}). Syncing will try again.',
  'sentence.threadingFailed': 'Grouping messages into conversations failed. It is tried again when the account is back online.',
  'sentence.passwordUnreadable': "The saved password could not be read ({reason}). Enter it again in the account's Settings (in the sidebar).",
  'sentence.teamNoPassphrase': 'Team changes are protected with a team passphrase. Enter it in Settings to see them.',
  'sentence.teamOtherPassphrase': 'Team changes are protected with a different team passphrase than the one set on this desktop.',
  'sentence.teamUnsealedRefused': 'Some team changes were not protected with the team passphrase and were ignored.',
  'sentence.teamTampered': 'Some team changes failed their integrity check and were ignored.',
  'sentence.teamNewerVersion': 'A colleague runs a newer Switchboard; update to see all team changes.',
  'sentence.teamForeign': 'The team folder holds messages that are not Switchboard team changes; they were ignored.',
  'sentence.teamSettingsUnreadable': 'The saved team settings could not be read ({reason}). Set them again in Settings.',
} satisfies Record<`sentence.${SentenceKey}`, CatalogueEntry>;
