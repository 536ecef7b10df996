/**
 * What core says about connections and account and team-sync health, in English, by key.
 *
 * The agent reads these in their own language: the renderer translates by key
 * (its `sentence.*` catalogue entries, which a test keeps identical to these
 * in English). Core keeps the English for its log and as the fallback.
 * Placeholders are `{name}`, as in the renderer's catalogues.
 */
import type { Sentence, SentenceKey } from '../../src-preload/api.ts';

export const ENGLISH_SENTENCES: Readonly<Record<SentenceKey, string>> = {
  signedIn: 'Signed in to {host}.',
  acceptsMail: '{host} accepts mail.',
  authNeedsEncryption: 'The server accepts passwords only over an encrypted connection. Choose SSL/TLS or STARTTLS.',
  authRejected: 'The server rejected the user name or password.',
  certSelfSigned: "The server's security certificate is not trusted (it is self-signed). Switchboard will not send your password to it.",
  certUnknownAuthority:
    "The server's security certificate is not trusted (it is signed by an authority this computer does not know). Switchboard will not send your password to it.",
  certExpired: "The server's security certificate is not trusted (it has expired). Switchboard will not send your password to it.",
  certNotYetValid: "The server's security certificate is not trusted (it is not valid yet). Switchboard will not send your password to it.",
  certRevoked: "The server's security certificate is not trusted (it has been revoked). Switchboard will not send your password to it.",
  certWrongName:
    "The server's security certificate is not trusted (it was issued for a different server name). Switchboard will not send your password to it.",
  certBadSignature: "The server's security certificate is not trusted (its signature is invalid). Switchboard will not send your password to it.",
  certNotForPurpose:
    "The server's security certificate is not trusted (it is not trusted for this purpose). Switchboard will not send your password to it.",
  certInvalidIssuer:
    "The server's security certificate is not trusted (its issuer is not a valid authority). Switchboard will not send your password to it.",
  certOther: "The server's security certificate is not trusted ({code}). Switchboard will not send your password to it.",
  hostLookupFailed: 'The name {host} could not be looked up. Check your internet connection.',
  hostNotFound: 'No server called {host} could be found. Check the spelling.',
  connectionRefused: '{host} refused the connection on port {port}. Check the port and security settings.',
  notTls: '{where} does not answer with SSL/TLS. Try STARTTLS, or the port for SSL/TLS (usually {tlsPort}).',
  starttlsFailed: '{where} did not set up STARTTLS encryption. Check the security setting and the port.',
  tlsFailed: 'A secure connection to {where} could not be set up. Check the security setting (SSL/TLS or STARTTLS) and the port.',
  notImap: 'The server on {where} does not speak IMAP. Check the port and security settings.',
  notSmtp: 'The server on {where} does not speak SMTP. Check the port and security settings.',
  timeout: '{where} did not answer in time. Check the server name, the port and your internet connection.',
  unreachable: '{host} cannot be reached. Check your internet connection.',
  connectionClosed: 'The connection to {where} was closed unexpectedly.',
  connectionLost: 'The connection to {host} was lost.',
  couldNotConnect: 'Could not connect to {where}.',
  couldNotConnectSaid: 'Could not connect to {where} ({said}).',
  internal: 'Switchboard hit an error of its own, not a problem with the server. If this stays, send logs/core.log from its data folder to support.',
  diskFull: 'The disk is full, so new mail cannot be stored. Free some space; syncing resumes by itself.',
  cacheDamaged: 'The local mail cache is damaged. Restart Switchboard: it sets the damaged cache aside and fetches the mailbox again.',
  cacheReadOnly: "The local mail cache is read-only, so new mail cannot be stored. Check that Switchboard's data folder can be written to.",
  cacheBusy: 'The local mail cache is held by another program ({code}). Syncing will try again.',
  cacheWriteFailed: 'The local mail cache could not be written ({code}). Syncing will try again.',
  threadingFailed: 'Grouping messages into conversations failed. It is tried again when the account is back online.',
  passwordUnreadable: "The saved password could not be read ({reason}). Enter it again in the account's Settings (in the sidebar).",
  teamNoPassphrase: 'Team changes are protected with a team passphrase. Enter it in Settings to see them.',
  teamOtherPassphrase: 'Team changes are protected with a different team passphrase than the one set on this desktop.',
  teamUnsealedRefused: 'Some team changes were not protected with the team passphrase and were ignored.',
  teamTampered: 'Some team changes failed their integrity check and were ignored.',
  teamNewerVersion: 'A colleague runs a newer Switchboard; update to see all team changes.',
  teamForeign: 'The team folder holds messages that are not Switchboard team changes; they were ignored.',
  teamSettingsUnreadable: 'The saved team settings could not be read ({reason}). Set them again in Settings.',
};

/** The sentence `key` says with these values, its English rendered once here. */
export function sentence(key: SentenceKey, vars: Record<string, string> = {}): Sentence {
  const text = ENGLISH_SENTENCES[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
  return { key, vars, text };
}
