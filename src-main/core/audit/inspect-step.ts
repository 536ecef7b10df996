/**
 * After-store step: what each received mail is, as far as the workflow
 * cares. Synchronous and cheap (one indexed lookup per batch, a regex per
 * row): it runs inside the storing transaction (pipeline/after-store.ts).
 *
 * - Mail whose headers say it is automatic (Auto-Submitted and the like, read
 *   when it was listed: mail/declared-kind.ts) is recorded as an automatic
 *   reply at once, so an out-of-office titled "Re: Lamp" reopens nothing.
 * - Delivery reports (by their headers, or by the sender or subject
 *   reporting daemons use) are queued for the inspector, which reads the
 *   whole mail from the server outside the transaction to learn which sent
 *   mail failed.
 * - Mail whose headers say it is ordinary is the customer's, however it
 *   looks ("Vacation rental for June").
 * - Rows stored without their headers read (callers that pass no verdict)
 *   are judged by their look, and look-alikes go to the inspector.
 */
import { registerAfterStoreStep } from '../pipeline/after-store.ts';
import { enqueueInspection, receivedRows, recordMailFact } from '../db/audit.repo.ts';
import type { DeclaredKind } from '../mail/declared-kind.ts';

const DAEMON = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|bounces?|noreply|no-reply|do-not-reply|donotreply)([+@.-]|$)/i;
const REPORTER = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|bounces?)([+@.-]|$)/i;
const REPORT_SUBJECT =
  /undeliver|delivery status notification|delivery (has )?fail|failure notice|returned mail|mail delivery (failed|system|subsystem)|non[- ]?delivery|could not be delivered|unzustellbar/i;
const ABSENCE_SUBJECT =
  /auto(matic|matische)?[ -]?(reply|response|antwort)|^\s*auto(reply)?\s*:|out of (the )?office|abwesen|absence|r[ée]ponse automatique|respuesta autom|automatisch|fuera de la oficina|vacation|away from/i;

export function looksAutomatic(fromAddress: string, subject: string): boolean {
  return DAEMON.test(fromAddress.trim()) || REPORT_SUBJECT.test(subject) || ABSENCE_SUBJECT.test(subject);
}

/** A delivery report by its look: a reporting daemon's address or a report's subject. */
export function looksLikeReport(fromAddress: string, subject: string): boolean {
  return REPORTER.test(fromAddress.trim()) || REPORT_SUBJECT.test(subject);
}

/**
 * A delivery report or an out-of-office by its look: what automation rules
 * leave alone. Narrower than `looksAutomatic`: mail from noreply@ is often a
 * website's contact form or a shop's order mail, with the customer in
 * Reply-To, and a rule should route it like any other.
 */
export function looksLikeReportOrAbsence(fromAddress: string, subject: string): boolean {
  return looksLikeReport(fromAddress, subject) || ABSENCE_SUBJECT.test(subject);
}

/**
 * Whether automation rules should leave a new mail alone: a delivery report
 * or an absence notice. `declared`: what its headers say, when they were
 * read. Headers that call it ordinary clear a subject that only sounds like
 * an absence ("Vacation rental for June"). Headers that call it automatic
 * do not make it one: shops and forms mark their notifications
 * `Auto-Submitted: auto-generated`, and a rule should route them; the
 * acknowledger declines to answer them, and says so.
 */
export function notForRules(fromAddress: string, subject: string, declared: DeclaredKind | undefined): boolean {
  if (declared === 'report') return true;
  if (declared === 'ordinary') return looksLikeReport(fromAddress, subject);
  return looksLikeReportOrAbsence(fromAddress, subject);
}

export type Verdict = 'inspect' | 'automatic' | 'customer';

/** What the step does with a received mail (see the file comment). */
export function verdictOf(fromAddress: string, subject: string, declared: DeclaredKind | undefined): Verdict {
  if (declared === undefined) return looksAutomatic(fromAddress, subject) ? 'inspect' : 'customer';
  if (declared === 'report' || looksLikeReport(fromAddress, subject)) return 'inspect';
  return declared === 'automatic' ? 'automatic' : 'customer';
}

const listeners = new Set<() => void>();

/** Called (after the storing transaction) when mail was queued for inspection. */
export function onInspectionQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

registerAfterStoreStep((db, stored) => {
  let queued = false;
  for (const row of receivedRows(db, stored.created)) {
    const verdict = verdictOf(row.from_address, row.subject, stored.declared?.get(row.id));
    if (verdict === 'automatic') recordMailFact(db, row.id, 'auto-reply');
    if (verdict !== 'inspect') continue;
    enqueueInspection(db, row.id);
    queued = true;
  }
  // A microtask runs after the synchronous transaction has committed.
  if (queued) queueMicrotask(() => listeners.forEach((l) => l()));
});
