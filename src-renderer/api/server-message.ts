/**
 * Checks the envelope of what arrives from core before anything trusts it.
 *
 * Why only the envelope: core is our own process and validates its own
 * output types at compile time; what can go wrong on the wire is a broken
 * or foreign frame (a proxy, a stale host, truncated JSON). Those must be
 * dropped with a log line, never crash the window or resolve the wrong call.
 */
import type { ChangedTable, DeskError, DeskEvent, DeskNotification, ServerMessage } from '../../src-preload/api.ts';

const CHANGED_TABLES: Record<ChangedTable, true> = {
  accounts: true,
  messages: true,
  conversations: true,
  contacts: true,
  folders: true,
  triage: true,
  activity: true,
  outbox: true,
  drafts: true,
  templates: true,
  team: true,
  rules: true,
};

const NOTIFICATION_KINDS: Record<DeskNotification['kind'], true> = {
  'snooze-ended': true,
  shared: true,
  mentioned: true,
  assigned: true,
  replied: true,
  'sent-late': true,
  'send-failed': true,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sentence by key as core sends it; its key may be one this renderer does not know (`say` falls back to its text). */
function isSentence(value: unknown): boolean {
  return isRecord(value) && typeof value.key === 'string' && typeof value.text === 'string' && isRecord(value.vars)
    && Object.values(value.vars).every((v) => typeof v === 'string');
}

function isDeskError(value: unknown): value is DeskError {
  return isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string'
    && (value.sentence === undefined || isSentence(value.sentence));
}

function isDeskEvent(value: unknown): value is DeskEvent {
  if (!isRecord(value)) return false;
  if (value.type === 'changed') {
    return typeof value.table === 'string' && Object.prototype.hasOwnProperty.call(CHANGED_TABLES, value.table)
      && (value.ids === undefined || (Array.isArray(value.ids) && value.ids.every((id) => typeof id === 'number')));
  }
  if (value.type === 'accountHealth') {
    return typeof value.accountId === 'number' && isRecord(value.health) && typeof value.health.state === 'string';
  }
  if (value.type === 'notify') {
    const n = value.notification;
    return isRecord(n) && typeof n.kind === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, n.kind)
      && isSentence(n.title) && isSentence(n.body) && (n.conversationId === null || typeof n.conversationId === 'number');
  }
  if (value.type === 'teamHealth') {
    return isRecord(value.health) && typeof value.health.state === 'string';
  }
  return false;
}

function isResult(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok === false) return isDeskError(value.error);
  return false;
}

/** The message, or null when it is not a well-formed `ServerMessage`. */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (!isRecord(raw)) return null;
  switch (raw.kind) {
    case 'result':
      return typeof raw.id === 'number' && isResult(raw.result) ? (raw as ServerMessage) : null;
    case 'rejected':
      return isDeskError(raw.error) ? (raw as ServerMessage) : null;
    case 'event':
      return isDeskEvent(raw.event) ? (raw as ServerMessage) : null;
    default:
      return null;
  }
}
