/**
 * What core says to the agent, by key. Core sends the key and its values, so
 * the renderer says it in the agent's language (its `sentence.*` catalogue
 * entries); core's English rendering travels along for the log and as the
 * fallback for a key the renderer does not know. See docs/decisions.md, "Core
 * says what went wrong by key".
 */

/** About a connection, an account's or team sync's health. */
export type ConnectionSentenceKey =
  | 'signedIn'
  | 'acceptsMail'
  | 'authNeedsEncryption'
  | 'authRejected'
  | 'certSelfSigned'
  | 'certUnknownAuthority'
  | 'certExpired'
  | 'certNotYetValid'
  | 'certRevoked'
  | 'certWrongName'
  | 'certBadSignature'
  | 'certNotForPurpose'
  | 'certInvalidIssuer'
  | 'certOther'
  | 'hostLookupFailed'
  | 'hostNotFound'
  | 'connectionRefused'
  | 'serverNotAnswering'
  | 'notTls'
  | 'starttlsFailed'
  | 'tlsFailed'
  | 'notImap'
  | 'notSmtp'
  | 'timeout'
  | 'unreachable'
  | 'connectionClosed'
  | 'connectionLost'
  | 'couldNotConnect'
  | 'couldNotConnectSaid'
  | 'internal'
  | 'internalRepeating'
  | 'diskFull'
  | 'cacheDamaged'
  | 'cacheReadOnly'
  | 'cacheBusy'
  | 'cacheWriteFailed'
  | 'threadingFailed'
  | 'passwordUnreadable'
  | 'teamNoPassphrase'
  | 'teamOtherPassphrase'
  | 'teamUnsealedRefused'
  | 'teamTampered'
  | 'teamNewerVersion'
  | 'teamForeign'
  | 'teamSettingsUnreadable';

/** Why a call failed (`DeskError.sentence`): something gone, refused or not possible right now. */
export type FailureSentenceKey =
  | 'conversationGone'
  | 'conversationsGone'
  | 'messageGone'
  | 'messageNotDownloaded'
  | 'attachmentGone'
  | 'attachmentNotDownloaded'
  | 'attachmentTooLargeToOpen'
  | 'originalOffline'
  | 'noteGone'
  | 'noteNotYours'
  | 'originalUnreadable'
  | 'originalGone'
  | 'originalTooLarge'
  | 'listPositionStale'
  | 'searchPositionStale'
  | 'mergeConversationWithItself'
  | 'mergeAcrossMailboxes'
  | 'accountGone'
  | 'demoHasNoSettings'
  | 'savedPasswordsUnreadable'
  | 'teamNeedsMailbox'
  | 'contactGone'
  | 'mergeContactWithItself'
  | 'notContactAddress'
  | 'contactHasOneAddress'
  | 'tooManyTags'
  | 'tagTooLong'
  | 'csvEmpty'
  | 'csvNoEmailColumn'
  | 'snoozeInPast'
  | 'shareWithSelf'
  | 'nothingToUndo'
  | 'mailboxGone'
  | 'chooseMailbox'
  | 'chooseMessageToAnswer'
  | 'draftGone'
  | 'draftBeingSent'
  | 'draftAlreadySending'
  | 'draftNotSaved'
  | 'attachmentEmpty'
  | 'attachmentsTooLarge'
  | 'attachmentNotOnDraft'
  | 'templateGone'
  | 'acknowledgementNeedsTeamTemplate'
  | 'signatureNotYours'
  | 'draftMailboxGone'
  | 'conversationMailboxGone'
  | 'outboxItemGone'
  | 'tooLateToUndo'
  | 'cannotCancel'
  | 'outboxDraftGone'
  | 'invalidAddress';

/** Why the outbox could not send a mail (`OutboxItem.problem`); the server's own answer stays a value, never translated. */
export type SendSentenceKey =
  | 'smtpAuthRejected'
  | 'messageTooLarge'
  | 'recipientRefused'
  | 'recipientsRefused'
  | 'smtpUnreachable'
  | 'smtpCertificate'
  | 'smtpBusy'
  | 'smtpRefused'
  | 'sendFailedUnexplained'
  | 'messageNotPrepared'
  | 'messageMailboxGone'
  | 'demoCannotSend'
  | 'mailboxIncomplete'
  | 'sendPasswordUnreadable'
  | 'recipientRefusedOthersGot'
  | 'recipientsRefusedOthersGot'
  | 'recordedText';

/**
 * Why a draft cannot go out yet (`SendResult` `invalid`) and what an inserted template could not fill
 * (`TemplateRender.problems`). A placeholder travels as it stands in the text, braces and all (`{CLIENT_NAME}`);
 * sizes come with their unit, as core formats them ("27.4 MB", "20 KB").
 */
export type DraftSentenceKey =
  | 'invalidAddressInTo'
  | 'invalidAddressInCc'
  | 'invalidAddressInBcc'
  | 'addRecipient'
  | 'placeholderLeft'
  | 'subjectHasPlaceholder'
  | 'messageOverServerLimit'
  | 'attachmentsOverLimit'
  | 'sendTimeInPast'
  | 'placeholderUnknown'
  | 'placeholderEmpty'
  | 'placeholderEmptyMine';

/** Why a line of a contacts CSV was skipped (`CsvImportResult.skipped`); an address that is not one says `invalidAddress`. */
export type ImportSentenceKey = 'csvQuoteNotClosed' | 'csvTooManyFields' | 'csvEmailEmpty';

/** What a search query asked for that search did not understand (`SearchResult.warnings`); what the agent typed is a value. */
export type SearchSentenceKey =
  | 'searchNoOr'
  | 'searchHasNotAFilter'
  | 'searchNotADate'
  | 'searchNegatedDate'
  | 'searchNotAStatus'
  | 'searchNoSuchAssignee'
  | 'searchNotAFilter';

/** Titles and bodies of notifications (`DeskNotification`). */
export type NoticeSentenceKey =
  | 'snoozeEndedTitle'
  | 'snoozeEnded'
  | 'mentionedTitle'
  | 'mentioned'
  | 'assignedTitle'
  | 'customerRepliedTitle'
  | 'customerReplied'
  | 'customersReplied'
  | 'assigned'
  | 'sharedTitle'
  | 'shared'
  | 'sharedWithNote'
  /** The same four when the colleague's name has not reached this desktop yet. */
  | 'mentionedBySomeone'
  | 'assignedBySomeone'
  | 'sharedBySomeone'
  | 'sharedWithNoteBySomeone'
  | 'sentLateTitle'
  | 'sentLate'
  | 'notSentTitle'
  | 'overtakenWhileWaiting'
  | 'someNotReachedTitle'
  | 'bouncedTitle'
  | 'bounced'
  /** An automatic acknowledgement a rule wanted was not sent: the title, then why. */
  | 'acknowledgementFailedTitle'
  | 'acknowledgementTemplateGone'
  | 'acknowledgementUnfillable'
  | 'acknowledgementRefused'
  | 'acknowledgementGaveUp';

export type SentenceKey =
  | ConnectionSentenceKey
  | FailureSentenceKey
  | SendSentenceKey
  | DraftSentenceKey
  | ImportSentenceKey
  | SearchSentenceKey
  | NoticeSentenceKey;

export interface Sentence {
  key: SentenceKey;
  /** The values its placeholders take (host names, ports, codes, subjects, a server's answer), as text: never formatted as numbers. */
  vars: Record<string, string>;
  /** The sentence in English: what the log records, and what is shown where the key has no translation. */
  text: string;
}
