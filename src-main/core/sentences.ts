/**
 * What core says to the agent, in English, by key: connection checks, account
 * and team-sync health, why a call failed, why the outbox could not send, why
 * a draft cannot go out yet, what a template could not fill, why a CSV line
 * was skipped, what a search did not understand, and notifications.
 *
 * The agent reads these in their own language: the renderer translates by key
 * (its `sentence.*` catalogue entries, which a test keeps identical to these
 * in English). Core keeps the English for its log and as the fallback.
 * Placeholders are `{name}`, as in the renderer's catalogues; their values
 * are text core formats once (a port, a size like "12.3", a server's answer
 * verbatim) and are never translated.
 */
import type {
  ConnectionSentenceKey,
  DraftSentenceKey,
  FailureSentenceKey,
  ImportSentenceKey,
  NoticeSentenceKey,
  SearchSentenceKey,
  SendSentenceKey,
  Sentence,
  SentenceKey,
} from '../../src-preload/api.ts';

const CONNECTIONS: Readonly<Record<ConnectionSentenceKey, string>> = {
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
  serverNotAnswering: '{host} is not answering right now. Switchboard keeps trying; the mail already here stays readable.',
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
  internalRepeating:
    'Switchboard hit an error of its own {count} times in a row, not a problem with the server. It keeps trying again on its own; please send logs/core.log from its data folder to support.',
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

const FAILURES: Readonly<Record<FailureSentenceKey, string>> = {
  conversationGone: 'That conversation no longer exists.',
  conversationsGone: 'Those conversations no longer exist.',
  messageGone: 'That message is no longer in the mailbox.',
  messageNotDownloaded: 'This message has not been downloaded yet and the mail server cannot be reached right now.',
  attachmentGone: 'That attachment is no longer in the mailbox.',
  attachmentNotDownloaded: 'This attachment has not been downloaded yet and the mail server cannot be reached right now.',
  attachmentTooLargeToOpen: 'This attachment is too large to open here.',
  noteGone: 'That note no longer exists.',
  noteNotYours: 'Only the colleague who wrote a note can change or delete it.',
  originalOffline: 'The original is read from the mail server, which cannot be reached right now.',
  originalUnreadable: 'The mail server did not hand over the original. The details are in the log.',
  originalGone: 'The mail server no longer has this message, so its original cannot be shown.',
  originalTooLarge: 'This message is too large to show here.',
  listPositionStale: 'The list position is no longer valid; reload the list.',
  searchPositionStale: 'The search position is not valid; search again from the start.',
  mergeConversationWithItself: 'A conversation cannot be merged with itself.',
  mergeAcrossMailboxes: 'Conversations of different mailboxes cannot be merged.',
  accountGone: 'That account no longer exists.',
  demoHasNoSettings: 'The demo workspace has no server settings to change.',
  savedPasswordsUnreadable: 'The saved password could not be read. Enter the IMAP and SMTP passwords again.',
  teamNeedsMailbox: 'Team state can only travel through a connected mailbox.',
  contactGone: 'That contact no longer exists.',
  mergeContactWithItself: 'A contact cannot be merged with itself.',
  notContactAddress: '{address} is not an address of this contact.',
  contactHasOneAddress: 'This contact has only one address; there is nothing to take out.',
  tooManyTags: 'A contact can have at most {max} tags.',
  tagTooLong: 'A tag can be at most {max} characters long.',
  csvEmpty: 'The file is empty.',
  csvNoEmailColumn: 'The first line must name the columns, one of them “email”.',
  snoozeInPast: 'Choose a snooze time in the future.',
  shareWithSelf: 'Share with a colleague, not with yourself.',
  nothingToUndo: 'There is nothing to undo any more.',
  mailboxGone: 'That mailbox no longer exists.',
  chooseMailbox: 'Choose the mailbox to write from.',
  chooseMessageToAnswer: 'Choose the message to reply to or forward.',
  draftGone: 'That draft no longer exists.',
  draftBeingSent: 'This draft is being sent; undo the send to change it.',
  draftAlreadySending: 'This draft is already being sent.',
  draftNotSaved: 'The draft could not be saved.',
  attachmentEmpty: '“{file}” is empty.',
  attachmentsTooLarge: 'With “{file}” the attachments would add up to {totalBytes}; at most {maxBytes} can be sent.',
  attachmentNotOnDraft: 'That attachment is no longer on the draft.',
  templateGone: 'That template no longer exists.',
  acknowledgementNeedsTeamTemplate: 'The demo’s templates stay on this desktop. Acknowledge with one of the team’s templates.',
  signatureNotYours: 'You can change only your own signature and the mailbox’s.',
  draftMailboxGone: 'The mailbox of this draft no longer exists.',
  conversationMailboxGone: 'The mailbox of this conversation no longer exists.',
  outboxItemGone: 'That message is no longer in the outbox.',
  tooLateToUndo: 'Too late to undo: the message has already gone out.',
  cannotCancel: 'This message can no longer be cancelled.',
  outboxDraftGone: 'The draft of that message no longer exists.',
  invalidAddress: '“{address}” is not a valid email address.',
};

const SENDING: Readonly<Record<SendSentenceKey, string>> = {
  smtpAuthRejected: 'The mail server rejected the user name or password for sending. Check the account’s SMTP settings.',
  messageTooLarge: 'The message is larger than the mail server accepts. Remove or shrink attachments.',
  recipientRefused: 'The mail server refused the recipient {recipient}.',
  recipientsRefused: 'The mail server refused the recipients ({recipients}).',
  smtpUnreachable: 'The mail server could not be reached. Switchboard will try again.',
  smtpCertificate: 'The mail server’s security certificate could not be verified.',
  smtpBusy: 'The mail server is busy or temporarily refused the message. Switchboard will try again.',
  smtpRefused: 'The mail server refused the message: {response}',
  sendFailedUnexplained: 'Sending failed for a reason the server did not explain. Switchboard will try again.',
  messageNotPrepared: 'The message could not be prepared (an attachment may be missing).',
  messageMailboxGone: 'The mailbox of this message no longer exists.',
  demoCannotSend: 'The demo mailbox cannot send mail. Connect a real mailbox to send.',
  mailboxIncomplete: 'The mailbox has no complete server settings. Reconnect it.',
  sendPasswordUnreadable: "The saved password could not be read. Enter it again in the mailbox's Settings (in the sidebar).",
  recipientRefusedOthersGot: 'The mail server refused the recipient {recipients}; the others got the message.',
  recipientsRefusedOthersGot: 'The mail server refused the recipients {recipients}; the others got the message.',
  // A reason stored before reasons had keys (outbox rows older than migration 0009): shown as it was recorded.
  recordedText: '{text}',
};

const DRAFTS: Readonly<Record<DraftSentenceKey, string>> = {
  invalidAddressInTo: '"{address}" in To is not a valid email address.',
  invalidAddressInCc: '"{address}" in Cc is not a valid email address.',
  invalidAddressInBcc: '"{address}" in Bcc is not a valid email address.',
  addRecipient: 'Add at least one recipient.',
  placeholderLeft: 'The placeholder {placeholder} is still in the text: replace it before sending.',
  subjectHasPlaceholder: 'The subject still contains a placeholder.',
  messageOverServerLimit: 'The message is about {sizeBytes} with its attachments; the mail server accepts at most {maxBytes}. Remove or shrink attachments.',
  attachmentsOverLimit: 'The attachments add up to {totalBytes}; at most {maxBytes} can be sent.',
  sendTimeInPast: 'The chosen send time is in the past.',
  placeholderUnknown: '{placeholder} is not a placeholder Switchboard knows.',
  placeholderEmpty: '{placeholder} has no value here.',
  placeholderEmptyMine: '{placeholder} has no value here (set your name and address in the team settings).',
};

const IMPORTS: Readonly<Record<ImportSentenceKey, string>> = {
  csvQuoteNotClosed: 'A quoted field is not closed before the end of the file.',
  csvTooManyFields: 'It has {fields} fields; the header names {columns}.',
  csvEmailEmpty: 'The email field is empty.',
};

const SEARCHES: Readonly<Record<SearchSentenceKey, string>> = {
  searchNoOr: 'OR is not supported: every word must match.',
  searchHasNotAFilter: '{typed} is not a filter; try has:attachment.',
  searchNotADate: '{typed} is not a date; write it as YYYY-MM-DD.',
  searchNegatedDate: '{typed} is not supported; use {other} instead.',
  searchNotAStatus: '{typed} is not a status: use new, pending, waiting, on-hold, done, closed, spam or open. It was ignored.',
  searchNoSuchAssignee: 'No agent or group is called “{typed}”; use me, none, or a name from the team. assignee: was ignored.',
  searchNotAFilter: '{typed} is not a filter; it was searched as words.',
};

const NOTICES: Readonly<Record<NoticeSentenceKey, string>> = {
  snoozeEndedTitle: 'Snooze ended',
  snoozeEnded: '“{subject}” is back in the inbox.',
  mentionedTitle: 'You were mentioned',
  mentioned: '{who} mentioned you on “{subject}”.',
  assignedTitle: 'Assigned to you',
  customerRepliedTitle: 'A customer wrote again',
  customerReplied: '{who} replied in “{subject}”, which is assigned to you.',
  customersReplied: '{count} customers replied in conversations assigned to you.',
  assigned: '{who} assigned “{subject}” to you.',
  sharedTitle: 'Shared with you',
  shared: '{who} shared “{subject}” with you.',
  sharedWithNote: '{who} shared “{subject}” with you. {note}',
  mentionedBySomeone: 'Someone mentioned you on “{subject}”.',
  assignedBySomeone: 'Someone assigned “{subject}” to you.',
  sharedBySomeone: 'Someone shared “{subject}” with you.',
  sharedWithNoteBySomeone: 'Someone shared “{subject}” with you. {note}',
  sentLateTitle: 'A scheduled mail went out late',
  sentLate: '“{subject}” was due while Switchboard was closed; it was sent now.',
  notSentTitle: 'Your mail was not sent',
  overtakenWhileWaiting: 'While your reply “{subject}” waited to go out, {who} wrote in the conversation. Read it, then send again.',
  someNotReachedTitle: 'Some recipients did not get your mail',
  bouncedTitle: 'A mail bounced',
  bounced: '“{subject}” could not be delivered to {recipients}.',
  acknowledgementFailedTitle: 'Automatic acknowledgement not sent',
  acknowledgementTemplateGone: 'Rule “{rule}” did not acknowledge “{subject}”: its template was deleted. Choose another in Rules.',
  acknowledgementUnfillable: 'Rule “{rule}” did not acknowledge “{subject}”: its template has {placeholders}, which this mail cannot fill.',
  acknowledgementRefused: 'Rule “{rule}” did not acknowledge “{subject}”: {reason}',
  acknowledgementGaveUp: 'Rule “{rule}” did not acknowledge “{subject}”: the mail server could not be reached for hours.',
};

/** Every sentence core says, by key: one registry, which the renderer's English must match word for word. */
export const ENGLISH_SENTENCES: Readonly<Record<SentenceKey, string>> = {
  ...CONNECTIONS,
  ...FAILURES,
  ...SENDING,
  ...DRAFTS,
  ...IMPORTS,
  ...SEARCHES,
  ...NOTICES,
};

/**
 * A size in a sentence: whole KB below a megabyte, else MB with one decimal,
 * so "30.4 MB" and a 30 MB limit read apart. A var named `…Bytes` carries
 * the byte count as digits and each side words it in its own locale: the
 * renderer's `say` does the same in the agent's ("30,4 MB").
 */
export function sizeInSentence(bytes: number, locale: string): string {
  if (bytes < 1_048_576) return `${new Intl.NumberFormat(locale).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;
}

function englishValue(name: string, value: string): string {
  return name.endsWith('Bytes') && /^\d+$/.test(value) ? sizeInSentence(Number(value), 'en') : value;
}

/** The sentence `key` says with these values, its English rendered once here. */
export function sentence(key: SentenceKey, vars: Record<string, string> = {}): Sentence {
  const text = ENGLISH_SENTENCES[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : englishValue(name, value);
  });
  return { key, vars, text };
}
