/**
 * English words for what a triage action did: the undo toast and the
 * conversation's timeline. Core sends the action or the change, never these
 * words, so they follow the agent's language, the team's status names and
 * the agent's clock. Spread into `en`.
 */
import type { CatalogueEntry } from './catalogue.ts';

export const enTriageEvents = {
  'triageDone.status': { one: 'Conversation marked {status}', other: '{count} conversations marked {status}' },
  'triageDone.assigned': { one: 'Conversation assigned to {name}', other: '{count} conversations assigned to {name}' },
  'triageDone.unassigned': { one: 'Conversation unassigned', other: '{count} conversations unassigned' },
  'triageDone.tagged': { one: 'Conversation tagged {tags}', other: '{count} conversations tagged {tags}' },
  'triageDone.untagged': { one: 'Removed {tags} from the conversation', other: 'Removed {tags} from {count} conversations' },
  'triageDone.retagged': { one: 'Conversation tagged {added}, {removed} removed', other: '{count} conversations tagged {added}, {removed} removed' },
  'triageDone.tagsUnchanged': { one: 'Conversation left as it was', other: '{count} conversations left as they were' },
  'triageDone.priority': { one: 'Priority set to {priority}', other: 'Priority of {count} conversations set to {priority}' },
  'triageDone.deadline': { one: 'Conversation due {when}', other: '{count} conversations due {when}' },
  'triageDone.deadlineRemoved': { one: 'Deadline removed', other: 'Deadline removed from {count} conversations' },
  'triageDone.snoozed': { one: 'Conversation snoozed until {when}', other: '{count} conversations snoozed until {when}' },
  'triageDone.unsnoozed': { one: 'Conversation brought back from snooze', other: '{count} conversations brought back from snooze' },
  'triageDone.followed': { one: 'Following: you hear when the customer writes', other: 'Following {count} conversations: you hear when their customers write' },
  'triageDone.unfollowed': { one: 'No longer following the conversation', other: 'No longer following {count} conversations' },
  'triageDone.shared': { one: 'Conversation shared with {name}', other: '{count} conversations shared with {name}' },
  /** A tag as the toast quotes it. */
  'triageDone.tag': '“{tag}”',
  /** The quoted tags joined; `count` is how many tags (German names them "Schlagwort" or "Schlagwörter"). */
  'triageDone.tagList': { one: '{list}', other: '{list}' },

  'timeline.status': '{who} set the status to {status}',
  'timeline.took': '{who} took this',
  'timeline.assigned': '{who} assigned this to {name}',
  'timeline.unassigned': '{who} unassigned this',
  'timeline.priority': '{who} set the priority to {priority}',
  'timeline.deadline': '{who} set the deadline to {when}',
  'timeline.deadlineRemoved': '{who} removed the deadline',
  'timeline.snoozed': '{who} snoozed this until {when}',
  'timeline.unsnoozed': '{who} brought this back from snooze',
  'timeline.delegated': '{who} delegated this to {to}',
  'timeline.delegatedWithNote': '{who} delegated this to {to}: “{note}”',
  'timeline.notAcknowledged': '{who} sent no acknowledgement: {reason}',
  'timeline.ackReason.ruleOff': 'the rule was turned off or changed before it went out.',
  'timeline.ackReason.tooOld': 'the mail was too old to acknowledge.',
  'timeline.ackReason.spam': 'the conversation is spam.',
  'timeline.ackReason.handled': 'an agent had already answered or handled the conversation.',
  'timeline.ackReason.automatic': 'it is automatic mail.',
  'timeline.ackReason.list': 'it came through a mailing list.',
  'timeline.ackReason.bulk': 'it is bulk mail.',
  'timeline.ackReason.askedNone': 'the sender’s mail program asks for no automatic replies.',
  'timeline.ackReason.noReturnPath': 'it has no return address (a delivery report or automatic mail).',
  'timeline.ackReason.notAPerson': 'the address takes no automatic replies.',
  'timeline.ackReason.limit': 'the sender was already acknowledged 3 times in the last day.',
  'timeline.ackReason.gone': 'the mail is no longer on the server.',
  'timeline.ackReason.templateGone': 'its template was deleted.',
  'timeline.ackReason.unfillable': 'its template has placeholders this mail cannot fill.',
  'timeline.ackReason.refused': 'the mail server refused it.',
  'timeline.ackReason.unreachable': 'the mail server could not be reached for hours.',
  'timeline.shared': '{who} shared this with {name}',
  'timeline.tagged': '{who} tagged this “{tag}”',
  'timeline.untagged': '{who} removed the tag “{tag}”',

  /**
   * Whom something was assigned to or shared with. German needs the dative
   * there ("der Gruppe Billing zugewiesen"), the only place these are used.
   */
  'teamName.group': 'the {name} group',
  'teamName.unknownAgent': 'a colleague',
  'teamName.unknownGroup': 'a group',
} satisfies Record<string, CatalogueEntry>;
