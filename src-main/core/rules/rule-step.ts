/**
 * After-store step: automation rules act on new conversations from
 * customers, inside the transaction that stored the mail (pipeline/
 * after-store.ts), so a rule's changes are committed with the mail they are
 * about and a crash cannot store one without the other. The changes are ops
 * (rule-match.ts) queued for the team like an agent's; an acknowledgement
 * is queued for the acknowledger (acknowledger.ts), which sends it later,
 * outside the transaction.
 *
 * Cheap when the team has no rule (one indexed read of the op log per
 * batch); with rules, one query over the batch's new rows.
 */
import type { Database } from 'better-sqlite3';
import { notForRules } from '../audit/inspect-step.ts';
import { appendOps } from '../db/ops.repo.ts';
import { startingCustomerMail } from '../db/rules.repo.ts';
import type { QueuedAcknowledgement } from '../db/acknowledgements.repo.ts';
import { queueAcknowledgements } from '../db/acknowledgements.repo.ts';
import { registerAfterStoreStep } from '../pipeline/after-store.ts';
import { localNodeId } from '../team/local-actor.ts';
import type { Op } from '../team/ops.ts';
import { acknowledgementsWanted, ruleOps } from './rule-match.ts';
import { listRules } from './rule-store.ts';
import { addressList, replyToOf } from '../conversations/thread-source.ts';
import { businessHoursOf, readTriageSettings } from '../triage/triage-settings.ts';

type Listener = (db: Database, ops: readonly Op[]) => void;
const listeners = new Set<Listener>();

/**
 * Called (after the storing transaction) with the cache and the ops rules
 * added to it; the service hands its own to its team transport (tests run
 * several cores in one process).
 */
export function onRuleOps(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const acknowledgementListeners = new Set<(db: Database) => void>();

/** Called (after the storing transaction) with the cache when acknowledgements were queued in it. */
export function onAcknowledgementsQueued(listener: (db: Database) => void): () => void {
  acknowledgementListeners.add(listener);
  return () => acknowledgementListeners.delete(listener);
}

registerAfterStoreStep((db, stored) => {
  const rules = listRules(db).filter((r) => r.enabled);
  if (rules.length === 0) return;
  const now = Date.now();
  const node = localNodeId(db);
  const context = { hours: businessHoursOf(readTriageSettings(db)) };
  const ops: Op[] = [];
  const acknowledgements: QueuedAcknowledgement[] = [];
  for (const row of startingCustomerMail(db, stored.created)) {
    // A bounce or an out-of-office starts nothing a rule should route (a noreply@ contact form does).
    if (notForRules(row.from_address, row.subject, stored.declared?.get(row.id))) continue;
    const mail = {
      messageId: row.message_id,
      from: { name: row.from_name, address: row.from_address },
      replyTo: replyToOf(row),
      recipients: [...addressList(row.to_json), ...addressList(row.cc_json)].map((a) => a.address),
      subject: row.subject,
      date: row.date,
    };
    ops.push(...ruleOps(rules, mail, context, now, node));
    for (const wanted of acknowledgementsWanted(rules, mail, context, now)) acknowledgements.push({ ...wanted, accountId: row.account_id, messageRowId: row.id });
  }
  const queued = acknowledgements.length > 0 && queueAcknowledgements(db, acknowledgements, now) > 0;
  // Ops another desktop already derived and sent are in the log under the same HLC: not queued twice.
  const added = ops.length > 0 && appendOps(db, ops, now, 'queued') > 0;
  // A microtask runs after the synchronous transaction has committed.
  if (added) queueMicrotask(() => listeners.forEach((l) => l(db, ops)));
  if (queued) queueMicrotask(() => acknowledgementListeners.forEach((l) => l(db)));
});
